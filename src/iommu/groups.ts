/**
 * The kernel's IOMMU groups as sysfs lists them: /sys/kernel/iommu_groups/N/devices/<device>.
 * Group numbers come from an allocator and may have gaps (a group is freed when its last device
 * goes away), so they are read, never assumed to run 0..N-1. A group may also hold non-PCI
 * devices (platform devices on some machines); those are kept by name.
 */
import type { HostRoot } from '../host/root.js';
import { compareBdf, tryParsePciAddress } from '../pci/address.js';
import type { PciDevice } from '../pci/types.js';

export interface KernelGroups {
  /** True when the kernel created any IOMMU group (an IOMMU is active). */
  enabled: boolean;
  /** Group number → member device names (PCI addresses or other device names), sorted. */
  groups: Map<number, string[]>;
}

const GROUPS = '/sys/kernel/iommu_groups';

export function readKernelGroups(root: HostRoot): KernelGroups {
  const groups = new Map<number, string[]>();
  for (const name of root.list(GROUPS)) {
    if (!/^\d+$/.test(name)) continue;
    const members = root.list(`${GROUPS}/${name}/devices`).sort(compareBdf);
    groups.set(Number(name), members);
  }
  const sorted = new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
  return { enabled: sorted.size > 0, groups: sorted };
}

export interface IommuGroup {
  id: number;
  /** PCI members with their records, in address order. */
  devices: PciDevice[];
  /** Members without a PCI record: non-PCI devices, or PCI devices that vanished during the scan. */
  others: string[];
}

/** Join the kernel's group lists with the device records. */
export function joinGroups(kernel: KernelGroups, devices: PciDevice[]): IommuGroup[] {
  const byAddress = new Map(devices.map((d) => [d.address, d]));
  const out: IommuGroup[] = [];
  for (const [id, names] of kernel.groups) {
    const g: IommuGroup = { id, devices: [], others: [] };
    for (const n of names) {
      const d = byAddress.get(n);
      if (d) g.devices.push(d);
      else g.others.push(n);
    }
    out.push(g);
  }
  return out;
}

/** Groups built from the simulator's partition, in the same record shape. */
export function groupsFromPartition(partition: { id: number; devices: string[] }[], devices: PciDevice[]) {
  const byAddress = new Map(devices.map((d) => [d.address, d]));
  return partition.map((p) => ({
    id: p.id,
    devices: p.devices
      .map((a) => byAddress.get(a))
      .filter((d): d is PciDevice => d !== undefined)
      .sort((a, b) => compareBdf(a.address, b.address)),
    others: [],
  }));
}

export const isPciName = (name: string) => tryParsePciAddress(name) !== undefined && name.includes(':');

/** Display controllers: PCI base class 0x03 (VGA, XGA, 3D, other display). */
export const isDisplay = (d: PciDevice) => d.classCode >> 16 === 0x03;
