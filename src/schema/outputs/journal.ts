import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { attrUndoElse } from '../plan-step.js';

const entryState = field(
  v.picklist(['pending', 'done', 'undone', 'undo-failed', 'kept']),
  "where the step is; kept: a VM's own state (its OVMF variable store), no longer undone once the VM ran",
);

export const journalJson = v.strictObject({
  schema: schemaId('vfiokit.journal/1'),
  pid: field(v.number(), 'the process applying the plan'),
  command: field(v.string(), 'its command line'),
  started: field(v.string(), 'ISO 8601 time'),
  state: field(
    v.picklist(['open', 'closed', 'rolled-back', 'rollback-incomplete']),
    'open: steps are being taken (after a crash: undo it); closed: finished; rolled-back: undone; rollback-incomplete: some undo failed',
  ),
  entries: field(
    v.array(
      v.variant('kind', [
        v.strictObject({
          step: v.number(),
          kind: v.literal('file'),
          path: v.string(),
          existed: field(v.boolean(), 'the file existed before the step'),
          mode: v.optional(v.number()),
          backup: v.optional(field(v.string(), 'its bytes before the step, base64')),
          createdDirs: field(v.array(v.string()), 'directories the step created, outermost first'),
          state: entryState,
        }),
        v.strictObject({
          step: v.number(),
          kind: v.literal('command'),
          argv: v.array(v.string()),
          undo: v.optional(v.array(v.array(v.string()))),
          regenerates: v.boolean(),
          state: entryState,
          outcome: v.optional(field(v.string(), 'exit status, or "would run" when the root is not "/"')),
        }),
        v.strictObject({
          step: v.number(),
          kind: v.literal('sysfs'),
          device: field(v.string(), 'the PCI function written for (runtime binding, bind.md)'),
          op: field(v.picklist(['unbind', 'override', 'probe', 'bind']), 'which binding file'),
          path: v.string(),
          value: v.string(),
          before: field(
            v.strictObject({ driver: v.nullable(v.string()), override: v.nullable(v.string()) }),
            "the device's driver and driver_override just before the write: what undo gives back",
          ),
          state: entryState,
          outcome: v.optional(
            field(v.string(), '"timed out" when the write never returned (the kernel may finish it later)'),
          ),
        }),
        v.strictObject({
          step: v.number(),
          kind: v.literal('attr'),
          path: field(v.string(), 'a sysfs attribute written (handover: a console, a framebuffer)'),
          value: v.string(),
          probe: v.strictObject({ path: v.string(), read: v.picklist(['text', 'link']) }),
          before: field(v.nullable(v.string()), 'the state read before the write (null: an absent link)'),
          undo: field(v.strictObject({ path: v.string(), value: v.string() }), 'the write that undoes it'),
          undoElse: v.optional(attrUndoElse),
          undoRelative: v.optional(
            field(
              v.strictObject({
                add: field(v.number(), 'pages this run added to the pool'),
                free: field(v.string(), 'the free_hugepages file read at undo'),
                resv: field(v.string(), 'the resv_hugepages file read at undo'),
              }),
              'a hugepage raise: undo takes back the pages this run added from the count found at undo, never below the pages in use or reserved (another VM may hold some), instead of writing `undo`',
            ),
          ),
          state: entryState,
          outcome: v.optional(v.string()),
        }),
      ]),
    ),
    'one per step taken, with what undoes it',
  ),
});
export type JournalJson = v.InferOutput<typeof journalJson>;

export default defineOutput({
  id: 'vfiokit.journal/1',
  title: 'the journal of an apply in progress (what undoes each step)',
  producedBy: [
    'the file /run/vfiokit/journal.json',
    'the files /run/vfiokit/vm/NAME.journal.json (one per VM `vfiokit up` runs)',
  ],
  schema: journalJson,
});
