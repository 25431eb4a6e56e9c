import * as v from 'valibot';
import { count } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const address = (meaning: string) => field(v.pipe(v.string(), v.regex(/^0x[0-9a-f]+$/)), meaning);

export const igdPlanJson = v.strictObject({
  schema: schemaId('vfiokit.igd.plan/1'),
  inputs: field(
    v.strictObject({
      opregion: v.optional(field(v.string(), 'the OpRegion file, its debugfs copy, or the size assumed')),
      bdsmSize: v.optional(field(v.string(), 'the etc/igd-bdsm-size file, or the GMCH value it came from')),
      device: v.optional(field(v.string(), 'the IGD read (--for)')),
      memory: v.optional(field(v.string(), 'the guest memory and machine type (--memory, --machine)')),
      memoryMap: v.optional(field(v.string(), "the guest's /proc/iomem (--memory-map)")),
    }),
    'what each value came from',
  ),
  opregionBytes: count('the OpRegion size to reserve'),
  bdsmSize: address('the stolen memory size (etc/igd-bdsm-size), hex'),
  ram: field(
    v.strictObject({ start: address('first byte'), end: address('last byte') }),
    'the guest RAM below 4 GiB the firmware reserves from',
  ),
  regions: field(
    v.array(
      v.strictObject({
        what: field(v.picklist(['stolen', 'opregion']), 'the stolen memory or the OpRegion copy'),
        start: address('first byte'),
        end: address('last byte'),
        size: count('bytes'),
        alignment: count('its alignment in bytes (1 MiB stolen, 4 KiB OpRegion)'),
        register: field(
          v.strictObject({
            name: field(v.picklist(['BDSM', 'ASLS']), 'the register'),
            offset: address('its config-space offset'),
            width: field(v.picklist([32, 64]), 'its width in bits'),
            value: address('the value the firmware writes'),
          }),
          'the config register the firmware writes the address to',
        ),
        reason: field(v.string(), 'why it goes there, one line'),
      }),
    ),
    'the ranges the firmware reserves, from the top of low RAM',
  ),
  steps: field(v.array(v.string()), 'what the firmware does, in order'),
});
export type IgdPlanJson = v.InferOutput<typeof igdPlanJson>;

export default defineOutput({
  id: 'vfiokit.igd.plan/1',
  title: "what a guest firmware must do with QEMU's IGD fw_cfg files (etc/igd-opregion, etc/igd-bdsm-size)",
  producedBy: [
    'vfiokit igd plan --opregion FILE --bdsm-size FILE --memory SIZE --json',
    'vfiokit igd plan --for BDF --memory SIZE --json',
  ],
  schema: igdPlanJson,
});
