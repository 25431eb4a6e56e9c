import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { guardFindingJson } from '../runtime.js';

export const guardJson = v.strictObject({
  schema: schemaId('vfiokit.guard/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  devices: field(v.array(pciAddress), 'the addresses asked about, canonical'),
  verdict: field(
    v.picklist(['in-use', 'unknown', 'free']),
    'in-use: some finding is in-use; unknown: only unknown findings (a use that could not be traced); free: none',
  ),
  findings: field(
    v.array(guardFindingJson),
    'what the host uses of these devices (and of the devices below a bridge), with the evidence',
  ),
});
export type GuardJson = v.InferOutput<typeof guardJson>;

export default defineOutput({
  id: 'vfiokit.guard/1',
  title: 'what the host uses of some devices, with the evidence',
  producedBy: ['vfiokit guard ADDRESS... --json'],
  schema: guardJson,
});
