import * as v from 'valibot';
import { count } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { applyResultEntries } from '../runtime.js';

const journalSummary = v.strictObject({
  command: field(v.string(), 'the command line of the run the journal belongs to'),
  pid: field(v.number(), 'its process'),
  started: field(v.string(), 'when it started, ISO 8601'),
  state: field(
    v.picklist(['open', 'closed', 'rolled-back', 'rollback-incomplete']),
    "the journal's state (after the restore, when one ran): open and rollback-incomplete are restored",
  ),
  entries: count('how many steps the journal holds'),
});

export const restoreJson = v.strictObject({
  schema: schemaId('vfiokit.restore/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  dryRun: field(v.boolean(), '--dry-run: only say what would be undone'),
  journal: field(
    v.nullable(journalSummary),
    'the first journal restored (journals is every one), else /run/vfiokit/journal.json as the last run left it (null: none, no run since boot)',
  ),
  replayed: field(v.boolean(), 'steps were undone; false when there was nothing to undo'),
  result: v.optional(
    field(
      v.strictObject({
        ...applyResultEntries,
        hint: v.optional(field(v.string(), 'what to do about the failure')),
        signal: v.optional(field(v.string(), 'the signal that interrupted it')),
      }),
      "when a restore ran: every journal's together (ok: all restored; error: the first failure)",
    ),
  ),
  journals: field(
    v.array(
      v.strictObject({
        path: field(v.string(), 'the journal file'),
        journal: field(journalSummary, 'the journal (after its restore, when one ran)'),
        replayed: field(v.boolean(), "this journal's steps were undone"),
        result: v.optional(
          field(
            v.strictObject({
              ...applyResultEntries,
              hint: v.optional(field(v.string(), 'what to do about it')),
            }),
            'what its restore did (absent with --dry-run)',
          ),
        ),
      }),
    ),
    "every journal left to undo (open or rollback-incomplete, and not a running VM's), newest run first: the order they are restored in, each under the lock; one failing does not stop the rest",
  ),
});
export type RestoreJson = v.InferOutput<typeof restoreJson>;

export default defineOutput({
  id: 'vfiokit.restore/1',
  title: 'what restore found in the journals and undid',
  producedBy: ['vfiokit restore --json', 'vfiokit restore --dry-run --json'],
  schema: restoreJson,
});
