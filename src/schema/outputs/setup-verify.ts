import * as v from 'valibot';
import { checkVerdict, verdictCounts } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const setupVerifyJson = v.strictObject({
  schema: schemaId('vfiokit.setup-verify/1'),
  root: field(v.string(), 'the root read'),
  items: field(
    v.array(
      v.strictObject({
        part: field(v.picklist(['cmdline', 'driver', 'initramfs']), 'what part of the setup'),
        subject: field(v.string(), 'the parameter, device or image checked'),
        verdict: checkVerdict,
        evidence: field(v.string(), 'one line'),
      }),
    ),
    'one per recorded parameter, device and initramfs image',
  ),
  summary: verdictCounts,
});
export type SetupVerifyJson = v.InferOutput<typeof setupVerifyJson>;

export default defineOutput({
  id: 'vfiokit.setup-verify/1',
  title: 'after a reboot: did the setup take effect',
  producedBy: ['vfiokit setup --verify --json'],
  schema: setupVerifyJson,
});
