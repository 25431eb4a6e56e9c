import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const handoverRecordJson = v.strictObject({
  schema: schemaId('vfiokit.handover-record/1'),
  gpu: field(pciAddress, 'the GPU handed over'),
  displayManager: v.optional(field(v.string(), 'the display manager unit stopped, if one ran')),
  vtconsoles: field(v.array(v.string()), 'the vtconsoles unbound, e.g. "vtcon1"'),
  framebuffers: field(
    v.array(
      v.strictObject({
        device: field(v.string(), 'the platform device, e.g. "efi-framebuffer.0"'),
        driver: field(v.string(), 'the platform driver it was on, bound again by handback'),
      }),
    ),
    'firmware framebuffers unbound',
  ),
  modules: field(v.array(v.string()), 'modules unloaded, in the order they were unloaded'),
});
export type HandoverRecordJson = v.InferOutput<typeof handoverRecordJson>;

export default defineOutput({
  id: 'vfiokit.handover-record/1',
  title: 'what handover stopped and unbound, for handback (until reboot)',
  producedBy: ['the file /run/vfiokit/handover.json'],
  schema: handoverRecordJson,
});
