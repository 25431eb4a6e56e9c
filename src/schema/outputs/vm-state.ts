import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { qemuExitJson, upOutcome } from './up.js';

export const vmStateJson = v.strictObject({
  schema: schemaId('vfiokit.vm-state/1'),
  name: field(v.string(), "the spec's name"),
  phase: field(
    v.picklist(['running', 'ended']),
    'running while QEMU runs; ended once vfiokit up has cleaned up',
  ),
  pid: field(v.number(), 'the vfiokit up process (it does the clean-up)'),
  qemuPid: v.optional(field(v.number(), "QEMU's process id")),
  control: field(v.string(), 'the QMP socket for vfiokit down and the user'),
  qmp: field(v.string(), "vfiokit up's own QMP socket"),
  pidfile: field(v.string(), "QEMU's -pidfile"),
  journal: field(v.string(), 'the journal whose undo gives the devices and pages back'),
  started: field(v.string(), 'when QEMU was started (ISO 8601)'),
  devices: field(v.array(pciAddress), 'the devices on vfio-pci for the VM'),
  outcome: v.optional(upOutcome),
  qemuExit: v.optional(qemuExitJson),
  cleanup: v.optional(
    field(
      v.strictObject({
        ok: field(v.boolean(), 'every step was undone'),
        undone: field(v.array(v.string()), 'what the undo did, in order'),
        undoFailed: field(v.array(v.string()), 'what it could not undo (vfiokit restore retries)'),
      }),
      'once ended: the journal undo',
    ),
  ),
});
export type VmStateJson = v.InferOutput<typeof vmStateJson>;

export default defineOutput({
  id: 'vfiokit.vm-state/1',
  title: 'the record of a VM started by vfiokit up (/run/vfiokit/vm/NAME.json)',
  producedBy: ['/run/vfiokit/vm/NAME.json (written by vfiokit up, read by vfiokit down)'],
  schema: vmStateJson,
});
