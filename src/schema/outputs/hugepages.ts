import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';
import { applyResultEntries } from '../runtime.js';

const pages = (meaning: string) => field(v.pipe(v.number(), v.integer(), v.minValue(0)), meaning);

export const hugepagesJson = v.strictObject({
  schema: schemaId('vfiokit.hugepages/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  spec: field(v.string(), 'the VM spec file'),
  mode: field(
    v.picklist(['reserve', 'release']),
    'reserve (raise the pool for the spec) or release (--release: give back what reserve raised)',
  ),
  name: field(v.string(), "the VM's name from the spec"),
  need: v.optional(
    field(
      v.strictObject({
        pageSizeKb: pages('page size in KiB, as the kernel names the pool (2048, 1048576)'),
        pages: pages('pages that must be free (not reserved) when the guest starts'),
        memoryBytes: pages('the guest RAM they back'),
        node: v.optional(pages('the NUMA node the pages must come from')),
      }),
      "absent when the spec's RAM is not backed by hugepages (nothing to do)",
    ),
  ),
  pool: v.optional(
    field(
      v.strictObject({
        dir: field(v.string(), "the pool's sysfs directory (global, or a node's)"),
        nr: pages('nr_hugepages as read: every page of the pool, surplus ones included'),
        free: pages('free_hugepages as read (reserved pages included)'),
        resv: pages('resv_hugepages as read (global)'),
        surplus: pages('surplus_hugepages as read'),
      }),
      'the pool as read before any change',
    ),
  ),
  available: v.optional(pages('pages usable now: free − reserved')),
  add: v.optional(pages('pages the pool must gain (0: enough are free)')),
  raise: v.optional(
    field(
      v.strictObject({
        path: field(v.string(), 'the nr_hugepages file written'),
        before: pages('its value before: what undo of a failed reserve writes'),
        surplusBefore: pages('surplus pages before (the raise makes them persistent)'),
        to: pages('the value written'),
        added: v.optional(
          pages('release: the pages the record says were raised for the VM, taken off the count found'),
        ),
      }),
      'reserve: the raise, when one is needed; release: the raise given back (from the record)',
    ),
  ),
  applied: field(v.boolean(), 'true once the steps ran and succeeded'),
  steps: field(
    v.array(planStepJson),
    'reserve: raise nr_hugepages (when needed), verify the free count, keep the record; release: take the pages raised off nr_hugepages (never below the pages in use or reserved), remove the record',
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  after: v.optional(
    field(
      v.strictObject({
        nr: pages('nr_hugepages after the run'),
        free: pages('free_hugepages after the run'),
      }),
      'the pool read back after a run (when readable)',
    ),
  ),
  result: v.optional(
    field(
      v.strictObject({
        ...applyResultEntries,
        code: v.optional(
          field(
            v.string(),
            'the failure kind: hugepages.short (the kernel gave fewer pages), hugepages.taken, hugepages.unknown, bind.write, bind.timeout, actions.changed, actions.interrupted',
          ),
        ),
        signal: v.optional(field(v.string(), 'the signal that interrupted the run')),
      }),
      'after a run (not with --dry-run)',
    ),
  ),
});
export type HugepagesJson = v.InferOutput<typeof hugepagesJson>;

export default defineOutput({
  id: 'vfiokit.hugepages/1',
  title: "the hugepages a VM spec needs, the plan that reserves them, and the run's result",
  producedBy: [
    'vfiokit hugepages SPEC --json',
    'vfiokit hugepages SPEC --dry-run --json',
    'vfiokit hugepages SPEC --release --json',
  ],
  schema: hugepagesJson,
});
