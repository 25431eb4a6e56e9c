import * as v from 'valibot';
import { pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';
import { applyResultEntries, guardFindingJson, plannedDeviceEntries } from '../runtime.js';

export const handoverJson = v.strictObject({
  schema: schemaId('vfiokit.handover/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  mode: field(
    v.picklist(['handover', 'handback']),
    'handover (the GPU to vfio-pci) or handback (to the host)',
  ),
  gpu: field(pciAddress, 'the GPU handed over or back'),
  applied: field(v.boolean(), 'true once the steps ran and succeeded'),
  displayManager: v.optional(
    field(
      v.strictObject({
        unit: field(v.string(), 'the unit display-manager.service names, e.g. "gdm3.service"'),
        active: field(v.boolean(), 'it runs (its cgroup has processes)'),
      }),
      'the display manager, when one is installed',
    ),
  ),
  devices: field(
    v.array(v.strictObject(plannedDeviceEntries)),
    "the GPU's IOMMU group without its bridges, and what happens to each device",
  ),
  refusals: field(
    v.array(guardFindingJson),
    'uses the guard found that handover does not end: non-empty means exit 1 and nothing done (without --force)',
  ),
  ended: field(
    v.array(guardFindingJson),
    'uses the plan ends itself: the console, the framebuffer, the display',
  ),
  steps: field(
    v.array(planStepJson),
    'the plan, in order: stop the display manager, unbind consoles and the firmware framebuffer, unload modules, bind the group, write the record',
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  result: v.optional(
    field(
      v.strictObject({
        ...applyResultEntries,
        signal: v.optional(field(v.string(), 'the signal that interrupted the run')),
      }),
      'after a run (not with --dry-run)',
    ),
  ),
});
export type HandoverJson = v.InferOutput<typeof handoverJson>;

export default defineOutput({
  id: 'vfiokit.handover/1',
  title: "the plan (and result) of handing the host's GPU to vfio-pci, or back",
  producedBy: ['vfiokit handover GPU --json', 'vfiokit handback [GPU] --json'],
  schema: handoverJson,
});
