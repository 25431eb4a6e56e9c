import * as v from 'valibot';
import { count, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const fileState = field(v.picklist(['read', 'missing', 'unreadable']), 'read, missing, or unreadable');

export const igdVerifyJson = v.strictObject({
  schema: schemaId('vfiokit.igd.verify/1'),
  root: field(v.string(), 'the root read (inside the guest): "/" for the live host, else the snapshot'),
  outcome: field(
    v.picklist(['honoured', 'broken', 'not-consumed', 'no-files', 'unknown']),
    'honoured: the firmware did what the fw_cfg files ask; broken: it did not; not-consumed: files present, no IGD at 00:02.0; no-files: no IGD fw_cfg files; unknown: something could not be read',
  ),
  igd: v.optional(field(pciAddress, 'the IGD, when there is one')),
  files: field(
    v.strictObject({
      opregion: field(
        v.strictObject({
          path: v.string(),
          state: fileState,
          bytes: v.optional(count('its size')),
          version: v.optional(field(v.string(), 'the OpRegion version in it')),
          vbt: v.optional(field(v.string(), 'its VBT signature')),
        }),
        'the fw_cfg file etc/igd-opregion',
      ),
      bdsmSize: field(
        v.strictObject({
          path: v.string(),
          state: fileState,
          value: v.optional(field(v.string(), 'the size it holds, hex')),
        }),
        'the fw_cfg file etc/igd-bdsm-size',
      ),
    }),
    "the guest's fw_cfg files",
  ),
  items: field(
    v.array(
      v.strictObject({
        id: field(
          v.string(),
          'the check: fw-cfg.opregion, fw-cfg.bdsm-size (the two fw_cfg files), igd.device, asls, bdsm (the registers), overlap (their ranges overlap nothing), reserved (their ranges reserved in the memory map)',
        ),
        title: v.string(),
        verdict: field(v.picklist(['ok', 'fail', 'unknown', 'n/a']), 'ok, fail, unknown, or n/a'),
        evidence: field(v.array(v.string()), 'what the verdict rests on, one line each'),
      }),
    ),
    'each check made',
  ),
});
export type IgdVerifyJson = v.InferOutput<typeof igdVerifyJson>;

export default defineOutput({
  id: 'vfiokit.igd.verify/1',
  title: "inside a guest: whether its firmware honoured QEMU's IGD fw_cfg ABI",
  producedBy: ['vfiokit igd verify --json'],
  schema: igdVerifyJson,
});
