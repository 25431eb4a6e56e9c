import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { vmStateJson } from './vm-state.js';

export const downJson = v.strictObject({
  schema: schemaId('vfiokit.down/1'),
  name: field(v.string(), "the VM's name"),
  powerdown: field(v.boolean(), 'system_powerdown was sent (the ACPI power button)'),
  stoppedBy: v.optional(
    field(
      v.picklist(['guest', 'quit']),
      'guest: it powered off within --timeout; quit: QMP quit after --timeout',
    ),
  ),
  state: field(vmStateJson, 'the record of the run when down started'),
  ended: v.optional(
    field(
      vmStateJson,
      'the record once vfiokit up finished its clean-up (absent: it did not within --cleanup-wait)',
    ),
  ),
});
export type DownJson = v.InferOutput<typeof downJson>;

export default defineOutput({
  id: 'vfiokit.down/1',
  title: 'stopping a VM that vfiokit up runs, and its clean-up',
  producedBy: ['vfiokit down NAME --json'],
  schema: downJson,
});
