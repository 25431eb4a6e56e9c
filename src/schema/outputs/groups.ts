import * as v from 'valibot';
import { classCode, count, deviceNames, pciAddress, pciId, unknownReasons, viability } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const groupDeviceJson = v.strictObject({
  address: pciAddress,
  vendorId: pciId('vendor ID'),
  deviceId: pciId('device ID'),
  classCode: classCode(),
  driver: field(v.nullable(v.string()), 'bound driver, or null when none'),
  bridge: field(v.boolean(), 'a bridge or port (on pcieport it does not block the group)'),
  bootVga: field(v.boolean(), 'the firmware initialised this GPU (sysfs boot_vga)'),
  state: field(
    v.picklist([
      'vfio',
      'pci-stub',
      'unbound',
      'bridge-pcieport',
      'host-driver',
      'bridge-host-driver',
      'unknown',
    ]),
    'vfio: on a vfio driver; pci-stub; unbound: no driver; bridge-pcieport: a port on pcieport (does not block); host-driver: an endpoint on a host driver (blocks); bridge-host-driver: a bridge on another driver (blocks); unknown: its driver could not be read',
  ),
  action: field(
    v.picklist(['none', 'bind-vfio-pci', 'unbind', 'unknown']),
    'what to do before the group is viable: bind-vfio-pci, unbind (a bridge on a blocking driver), none, unknown',
  ),
  hostCritical: field(
    v.nullable(v.string()),
    'why the host may need this device (boot GPU, storage, network), or null',
  ),
  names: v.optional(deviceNames),
});

export const groupEntryJson = v.strictObject({
  id: field(v.number(), 'group number (not guaranteed to be 0..N-1 without gaps)'),
  verdict: viability,
  viable: field(v.nullable(v.boolean()), 'true/false, or null when the verdict is unknown'),
  unknownReasons: unknownReasons('the verdict'),
  display: field(v.boolean(), 'the group holds a display controller (class 03)'),
  devices: field(v.array(groupDeviceJson), 'the PCI functions in the group'),
  others: field(v.array(v.string()), 'members that are not PCI functions the scan read (by name)'),
  mustBind: field(v.array(v.string()), 'endpoints to bind to vfio-pci before the group is viable'),
  mustUnbind: field(v.array(v.string()), 'bridges to unbind from a blocking driver'),
  needNot: field(v.array(v.string()), 'members that need no change'),
});

export const groupsJson = v.strictObject({
  schema: schemaId('vfiokit.groups/3'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  source: field(
    v.picklist(['kernel', 'simulated']),
    "kernel: the groups sysfs lists; simulated: the simulator's (--simulate, or the IOMMU off)",
  ),
  iommu: field(
    v.strictObject({
      enabled: field(v.boolean(), 'the kernel lists IOMMU groups'),
      groups: count('how many groups the kernel lists'),
    }),
    'the IOMMU as sysfs shows it',
  ),
  groups: field(v.array(groupEntryJson), 'every group (with --gpu, those holding a display controller)'),
  simulation: field(
    v.strictObject({
      status: field(
        v.picklist(['agrees', 'differs', 'unknown', 'not-compared']),
        "how the simulator's groups compare with the kernel's; zero groups compared is never agrees",
      ),
      unknownReasons: unknownReasons('the comparison'),
      groupsCompared: count('kernel groups compared'),
      override: field(v.nullable(v.string()), 'the pcie_acs_override the simulation assumed, or null'),
      differences: field(
        v.array(
          v.strictObject({
            kernelGroup: v.optional(field(v.number(), 'the kernel group the difference starts from')),
            kernelMembers: v.array(v.string()),
            simulated: field(v.array(v.array(v.string())), 'how the simulator grouped those devices'),
          }),
        ),
        'groups where the simulator and the kernel disagree',
      ),
      ungrouped: field(v.array(v.string()), 'PCI devices in no group although the IOMMU is on'),
      incomplete: field(v.array(v.string()), 'devices whose config space was cut short (not root)'),
      corrupt: field(v.array(v.string()), 'devices whose capability list is damaged, "ADDRESS: problem"'),
      note: field(v.nullable(v.string()), 'a remark on the override (ignored, unparsable), or null'),
    }),
    "the grouping simulator against the kernel's groups",
  ),
  warnings: field(
    v.array(v.string()),
    'damage no single group shows (flattened links, unreadable devices, links naming unknown groups), one line each',
  ),
});
export type GroupsJson = v.InferOutput<typeof groupsJson>;
export type GroupEntryJson = v.InferOutput<typeof groupEntryJson>;
export type GroupDeviceJson = v.InferOutput<typeof groupDeviceJson>;

export default defineOutput({
  id: 'vfiokit.groups/3',
  title: 'IOMMU groups, their viability and the simulator',
  producedBy: ['vfiokit groups --json', 'vfiokit groups --gpu --json', 'vfiokit groups --simulate --json'],
  changes:
    'groups/3 (was /2): a device `classCode` is 6 hex digits without `0x` ("060100", was "0x060100"), as everywhere else. groups/2 (was /1): verdict, unknownReasons, viable null when unknown, simulation.unknownReasons, warnings.',
  schema: groupsJson,
});
