import * as v from 'valibot';
import { checkVerdict, classCode, count, idPair, pciAddress, verdictCounts } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const assignVerdict = field(
  v.picklist(['assignable', 'not-assignable', 'unknown']),
  'cleanly assignable: IOMMU on, interrupt remapping (or its override), an isolated group; unknown when that cannot be judged',
);

export const fleetDeviceJson = v.strictObject({
  address: pciAddress,
  vendorDevice: idPair('IDs'),
  subsystem: v.optional(idPair('subsystem IDs, when the device has them')),
  class: classCode(),
  driver: v.optional(v.string()),
  group: v.optional(field(v.number(), 'IOMMU group')),
  companions: field(v.array(v.string()), 'the other functions of the same slot: they go to the VM together'),
  isolation: field(
    v.picklist(['isolated', 'shared', 'unknown']),
    "isolated: the group holds only this slot's functions (and bridges); shared: endpoints of other slots too; unknown: the group could not be judged",
  ),
  sharedWith: field(v.array(v.string()), 'endpoints of other slots in the same group'),
  viable: v.optional(field(v.boolean(), "the kernel's viability now (absent without a group)")),
  mustBind: v.array(v.string()),
  mustUnbind: v.array(v.string()),
  verdict: assignVerdict,
  reasons: field(
    v.array(v.string()),
    'why not assignable, or why unknown; notes (boot GPU) for an assignable device',
  ),
});

export const fleetHostJson = v.strictObject({
  name: field(v.string(), "the host's name (from the snapshot's file name, or NAME=PATH)"),
  source: field(v.string(), 'the snapshot path as given'),
  status: field(v.picklist(['read', 'unreadable']), 'whether the snapshot could be read'),
  error: v.optional(field(v.string(), 'why it could not')),
  kernel: v.optional(v.string()),
  iommu: v.optional(v.strictObject({ enabled: v.boolean(), units: v.array(v.string()), groups: v.number() })),
  interruptRemapping: v.optional(
    field(
      v.strictObject({ verdict: checkVerdict, evidence: v.string(), unsafeAllowed: v.boolean() }),
      "doctor's interrupt remapping check, and whether allow_unsafe_interrupts stands in for it",
    ),
  ),
  pciDevices: v.optional(count('PCI devices')),
  readiness: v.optional(
    v.strictObject({
      summary: verdictCounts,
      mostImportant: v.optional(
        v.strictObject({
          id: v.string(),
          device: v.optional(v.string()),
          title: v.string(),
          fix: v.string(),
        }),
      ),
    }),
  ),
  devices: field(
    v.array(fleetDeviceJson),
    'display controllers, devices given to vfio-pci or pci-stub, and --model devices',
  ),
});

const modelHost = v.strictObject({
  host: v.string(),
  addresses: field(v.array(v.string()), "the model's devices on this host with this verdict"),
  reasons: v.array(v.string()),
});

export const fleetJson = v.strictObject({
  schema: schemaId('vfiokit.fleet/2'),
  hosts: field(v.array(fleetHostJson), 'one per snapshot'),
  models: field(
    v.array(
      v.strictObject({
        vendorDevice: idPair('the model'),
        class: classCode(),
        subsystems: field(
          v.array(idPair('subsystem IDs')),
          'subsystem IDs seen (boards differ between hosts)',
        ),
        assignable: v.array(modelHost),
        notAssignable: v.array(modelHost),
        unknown: field(
          v.array(modelHost),
          'hosts where it is unknown; an unreadable host counts here for every model',
        ),
      }),
    ),
    'per device model, the hosts where it is assignable, not, and unknown',
  ),
  summary: v.strictObject({
    hosts: count('hosts'),
    unreadable: count('unreadable snapshots'),
    models: count('models'),
  }),
});
export type FleetJson = v.InferOutput<typeof fleetJson>;
export type FleetHostJson = v.InferOutput<typeof fleetHostJson>;
export type FleetDeviceJson = v.InferOutput<typeof fleetDeviceJson>;

export default defineOutput({
  id: 'vfiokit.fleet/2',
  title: 'many hosts: which device models are assignable where',
  producedBy: ['vfiokit fleet SNAPSHOT... --json'],
  changes:
    'fleet/2 (was /1): a device\'s and a model\'s `class` is the 6-digit class code ("030200", was "0302").',
  schema: fleetJson,
});
