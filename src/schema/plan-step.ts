/** A step of a plan that writes to the host, as `setup --json` prints it. */
import * as v from 'valibot';
import { field } from './define.js';

const sha256 = (meaning: string) => field(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)), meaning);

export const fileStepJson = v.strictObject({
  kind: v.literal('file'),
  path: field(v.string(), 'host path, e.g. /etc/default/grub'),
  action: field(v.picklist(['create', 'modify', 'remove']), 'what happens to the file'),
  mode: field(v.pipe(v.string(), v.regex(/^0[0-7]+$/)), 'the mode written, octal with a leading 0 ("0644")'),
  why: field(v.string(), 'one line'),
  beforeSha256: v.optional(sha256('sha256 of the file as the plan found it (apply refuses if it changed)')),
  afterSha256: v.optional(sha256('sha256 of the content written')),
  diff: field(
    v.string(),
    'unified diff of the change (empty for files whose diff is noise, e.g. the record)',
  ),
});

export const commandStepJson = v.strictObject({
  kind: v.literal('command'),
  argv: field(v.array(v.string()), 'the command and its arguments'),
  why: field(v.string(), 'one line'),
  undo: v.optional(field(v.array(v.array(v.string())), 'the commands that undo this one')),
  regenerates: field(
    v.boolean(),
    'rebuilds something from files (update-grub, update-initramfs): undone by running it again once the files are back',
  ),
});

export const planStepJson = v.variant('kind', [fileStepJson, commandStepJson]);
export type PlanStepJson = v.InferOutput<typeof planStepJson>;
