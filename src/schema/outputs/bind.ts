import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { planStepJson } from '../plan-step.js';
import { applyResultEntries, bindingAfterJson, plannedDeviceEntries } from '../runtime.js';

export const bindJson = v.strictObject({
  schema: schemaId('vfiokit.bind/1'),
  command: field(v.picklist(['bind', 'release']), 'the command: bind (onto vfio-pci) or release (back)'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot'),
  dryRun: field(v.boolean(), '--dry-run: the plan only, nothing changed'),
  applied: field(v.boolean(), 'the plan ran to the end'),
  devices: field(
    v.array(
      v.strictObject({
        address: plannedDeviceEntries.address,
        id: plannedDeviceEntries.id,
        group: v.optional(field(v.number(), 'its IOMMU group, when the IOMMU is on')),
        driver: plannedDeviceEntries.driver,
        override: field(v.nullable(v.string()), 'its driver_override now (null: not set)'),
        to: plannedDeviceEntries.to,
        action: plannedDeviceEntries.action,
        why: plannedDeviceEntries.why,
      }),
    ),
    "the devices of the plan: the targets' IOMMU groups without their bridges",
  ),
  steps: field(
    v.array(planStepJson),
    'the plan, in order: modprobe, the sysfs writes per device (unbind, driver_override, drivers_probe), the record /run/vfiokit/bound.json',
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
  result: v.optional(
    field(
      v.strictObject({
        ...applyResultEntries,
        after: v.optional(
          field(
            v.array(bindingAfterJson),
            "each device's driver and driver_override read back after the run",
          ),
        ),
        hint: v.optional(field(v.string(), 'what to do about the failure')),
        signal: v.optional(field(v.string(), 'the signal that interrupted the run, e.g. "SIGTERM"')),
      }),
      'when it ran (not with --dry-run, not when there was nothing to do)',
    ),
  ),
});
export type BindJson = v.InferOutput<typeof bindJson>;

export default defineOutput({
  id: 'vfiokit.bind/1',
  title: 'the plan (and result) of binding devices to vfio-pci now, or releasing them',
  producedBy: ['vfiokit bind TARGET... --json', 'vfiokit release TARGET... --json'],
  schema: bindJson,
});
