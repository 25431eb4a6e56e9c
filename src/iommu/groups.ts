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

/**
 * Read the groups. Given the device records (whose iommu_group links the PCI scan already read),
 * a group some PCI device points at is taken from those links instead of listing its directory
 * again: the kernel never mixes PCI and non-PCI devices in one group (pci_device_group() serves
 * PCI devices; intel/amd/arm-smmu give ACPI and platform devices groups of their own), so only the
 * groups no record points at (non-PCI devices, or PCI devices that vanished) are listed. On a host
 * with thousands of devices this saves a directory listing per group. If any record lacks its link
 * (read while the device changed), every group is listed as usual.
 */
export function readKernelGroups(root: HostRoot, devices?: PciDevice[]): KernelGroups {
  const fromLinks = new Map<number, string[]>();
  // A record without its link (read mid-change) could be missing from a group's list: then list all.
  const usable = devices?.every((d) => d.iommuGroup !== undefined) ? devices : [];
  for (const d of usable) {
    if (d.iommuGroup === undefined) continue;
    const l = fromLinks.get(d.iommuGroup);
    if (l) l.push(d.address);
    else fromLinks.set(d.iommuGroup, [d.address]);
  }
  const groups = new Map<number, string[]>();
  for (const name of root.list(GROUPS)) {
    if (!/^\d+$/.test(name)) continue;
    const id = Number(name);
    const members = fromLinks.get(id) ?? root.list(`${GROUPS}/${name}/devices`);
    groups.set(id, [...members].sort(compareBdf));
  }
  const sorted = new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
  return { enabled: sorted.size > 0, groups: sorted };
}

/** Whether the kernel made any IOMMU group (one directory listing). */
export function hasKernelGroups(root: HostRoot): boolean {
  return root.list(GROUPS).some((n) => /^\d+$/.test(n));
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
