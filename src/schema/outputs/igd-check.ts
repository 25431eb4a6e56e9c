import * as v from 'valibot';
import { checkJson } from '../check.js';
import { classCode, pciAddress, pciId, verdictCounts } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

/** Register values as igd check prints them: hex with 0x, zero-padded to the register width. */
const hexText = (digits: string, meaning: string) =>
  field(v.pipe(v.string(), v.regex(new RegExp(`^0x[0-9a-f]{${digits}}$`))), meaning);

const mode = (meaning: string) =>
  field(
    v.strictObject({
      verdict: field(
        v.picklist(['possible', 'not-possible', 'unknown']),
        'possible, not-possible, or unknown',
      ),
      because: field(v.array(v.string()), 'the ids of the checks that decided it (failed or unknown)'),
    }),
    meaning,
  );

export const igdCheckJson = v.strictObject({
  schema: schemaId('vfiokit.igd.check/2'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  igd: field(
    v.nullable(
      v.strictObject({
        address: pciAddress,
        vendorId: pciId('vendor ID'),
        deviceId: pciId('device ID'),
        classCode: classCode(),
        driver: field(v.nullable(v.string()), 'the driver bound (null: none)'),
        generation: field(
          v.nullable(
            v.strictObject({
              gen: field(
                v.number(),
                'i915 graphics generation (6 Sandy/Ivy Bridge … 12 Tiger Lake to Raptor Lake)',
              ),
              family: field(v.string(), "platform names sharing the ID prefix, as QEMU's table names them"),
              rule: field(v.string(), 'the rule that matched, e.g. "device & 0xff00 == 0x1900"'),
            }),
          ),
          "the generation from QEMU's device-ID table (null: an ID QEMU does not know)",
        ),
        gmch: field(
          v.nullable(
            v.strictObject({
              raw: hexText('4', 'the 16-bit Graphics Control register (GGC) as read'),
              gms: field(v.number(), 'Graphics Mode Select, the stolen-memory field'),
              vgaDisabled: field(v.boolean(), 'IGD VGA Disable: the device does not claim legacy VGA cycles'),
              stolenBytes: field(
                v.number(),
                'data stolen memory in bytes, as QEMU computes it for etc/igd-bdsm-size',
              ),
              plausible: field(v.boolean(), 'the GMS value is an encoding the generation documents'),
            }),
          ),
          'the GMCH/GGC register decoded (null: unreadable)',
        ),
        bdsm: field(
          v.nullable(
            v.strictObject({
              offset: hexText('2', 'its config-space offset (0x5c, or 0xc0 from gen 11)'),
              width: field(v.picklist([32, 64]), 'its width in bits'),
              raw: field(
                v.pipe(v.string(), v.regex(/^0x([0-9a-f]{8}|[0-9a-f]{16})$/)),
                'the register as read, 8 or 16 hex digits',
              ),
              base: field(v.pipe(v.string(), v.regex(/^0x[0-9a-f]+$/)), 'the base of data stolen memory'),
            }),
          ),
          'the BDSM register, base of data stolen memory (null: unreadable)',
        ),
        asls: field(
          v.nullable(hexText('8', 'ASLS')),
          'ASLS, the OpRegion\'s physical address ("0x00000000": none set; null: unreadable)',
        ),
        unknown: field(v.array(v.string()), 'why registers are missing, one line each'),
      }),
    ),
    'the IGD (Intel display-class device on the root bus); null without one',
  ),
  modes: field(
    v.strictObject({
      legacy: mode('legacy mode (the IGD at guest 00:02.0 with the VBIOS, an i440fx machine)'),
      upt: mode('universal pass-through mode (the IGD as a plain secondary device)'),
    }),
    'whether each assignment mode is possible',
  ),
  checks: field(v.array(checkJson), "doctor's igd checks, as vfiokit.doctor/1 prints them"),
  summary: verdictCounts,
  ioports: field(
    v.array(v.string()),
    "holders of the IGD's I/O BAR and the VGA ports in /proc/ioports, one line each",
  ),
  iomem: field(v.array(v.string()), "ranges inside the IGD's memory BARs in /proc/iomem, with their holders"),
  legacyVmRequirements: field(v.array(v.string()), 'what the VM needs for legacy mode, one line each'),
  advice: field(v.array(v.string()), "notes from QEMU's docs/igd-assign.txt that no host file can check"),
});
export type IgdCheckJson = v.InferOutput<typeof igdCheckJson>;

export default defineOutput({
  id: 'vfiokit.igd.check/2',
  title: "whether this host's Intel IGD can be assigned, in legacy and UPT mode",
  producedBy: ['vfiokit igd check --json'],
  changes:
    'igd.check/2 (was /1): `igd.vendorId`, `igd.deviceId` and `igd.classCode` are IDs in the form every other document uses, lowercase hex without 0x ("8086", "0412", "030000"; were "0x8086", "0x0412", "0x030000"). Register values (gmch, bdsm, asls) keep their 0x.',
  schema: igdCheckJson,
});
