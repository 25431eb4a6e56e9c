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

const driverOrNone = (meaning: string) => v.optional(field(v.nullable(v.string()), meaning));

export const sysfsStepJson = v.strictObject({
  kind: v.literal('sysfs'),
  device: field(v.string(), 'the PCI function the write concerns, e.g. 0000:01:00.0'),
  op: field(
    v.picklist(['unbind', 'override', 'probe', 'bind']),
    "which of the kernel's binding files is written",
  ),
  path: field(v.string(), 'the sysfs file written, e.g. /sys/bus/pci/devices/0000:01:00.0/driver_override'),
  value: field(v.string(), 'what is written'),
  why: field(v.string(), 'one line'),
  expectBefore: driverOrNone('the driver the device must be on when the step starts (null: none)'),
  expectAfter: driverOrNone('the driver the device link must name after the write (null: none)'),
  mayBlock: field(
    v.boolean(),
    "the write calls a driver's probe or remove and can block; it runs where it can time out",
  ),
});

const sysfsPath = (meaning: string) =>
  field(v.strictObject({ path: v.string(), read: v.picklist(['text', 'link']) }), meaning);

export const attrStepJson = v.strictObject({
  kind: v.literal('attr'),
  path: field(v.string(), 'the sysfs attribute written, e.g. /sys/class/vtconsole/vtcon1/bind'),
  value: field(v.string(), 'what is written'),
  why: field(v.string(), 'one line'),
  state: sysfsPath('where the state the write changes is read back (a text file or a link)'),
  expectBefore: driverOrNone('the state the step expects to find (null: a link that is absent)'),
  expectAfter: driverOrNone('the state after the write, checked'),
  undo: field(v.strictObject({ path: v.string(), value: v.string() }), 'the write that undoes it'),
  mayBlock: field(v.boolean(), 'the write can block; it runs where it can time out'),
});

export const verifyStepJson = v.strictObject({
  kind: v.literal('verify'),
  what: field(v.string(), 'what is checked, one line'),
  why: field(v.string(), 'one line'),
  reads: field(v.array(v.string()), 'the files the check reads'),
});

export const planStepJson = v.variant('kind', [
  fileStepJson,
  commandStepJson,
  sysfsStepJson,
  attrStepJson,
  verifyStepJson,
]);
export type PlanStepJson = v.InferOutput<typeof planStepJson>;
