/**
 * IOMMU groups joined with the PCI devices they hold (the kernel's group directories, read by
 * host/kernel-groups.ts, against each device's own iommu_group link), and the warnings a damaged
 * tree gives.
 */
import { comparePciAddress, tryParsePciAddress } from '../pci/address.js';
import type { PciDevice } from '../pci/types.js';
import type { KernelGroups } from '../system/kernel-groups.js';

export type { KernelGroups } from '../system/kernel-groups.js';

export interface IommuGroup {
  id: number;
  /** PCI members with their records, in address order. */
  devices: PciDevice[];
  /** Members without a PCI record: non-PCI devices, or PCI devices that could not be read. */
  others: string[];
  /**
   * Why nothing can be said about this group with confidence: a member that could not be read, an
   * entry naming no device, a device link that disagrees with the group directory, a driver that
   * could not be read, a device that does not answer. Empty when the inputs are sound.
   */
  unknown: string[];
}

/** A device the scan could not read, by address, with the reason. */
export interface UnreadableMember {
  address: string;
  reason: string;
}

/**
 * Join the kernel's group lists with the device records, checking each against the other: a group
 * entry must name a readable PCI device, and each device's iommu_group link must name the group
 * whose directory lists it.
 */
export function joinGroups(
  kernel: KernelGroups,
  devices: PciDevice[],
  unreadable: UnreadableMember[] = [],
): IommuGroup[] {
  // Indexed loops and forEach, not for…of: thousands of groups and devices on a large host, in
  // the one-shot commands' unoptimised code, where each iterator step allocates a result object.
  const byAddress = new Map<string, PciDevice>();
  for (let i = 0; i < devices.length; i++) byAddress.set(devices[i].address, devices[i]);
  const damaged = new Map(unreadable.map((u) => [u.address, u.reason]));
  const listedIn = new Map<string, number>();
  kernel.groups.forEach((names, id) => {
    for (let i = 0; i < names.length; i++) listedIn.set(names[i], id);
  });
  // Devices whose link names a group whose directory does not list them.
  const strays = new Map<number, string[]>();
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i];
    if (d.iommuGroup === undefined || listedIn.get(d.address) === d.iommuGroup) continue;
    const l = strays.get(d.iommuGroup);
    if (l) l.push(d.address);
    else strays.set(d.iommuGroup, [d.address]);
  }
  const out: IommuGroup[] = [];
  kernel.groups.forEach((names, id) => {
    const g: IommuGroup = { id, devices: [], others: [], unknown: [] };
    const why = kernel.unreadable?.get(id);
    if (why !== undefined) g.unknown.push(`its member list cannot be read: ${why}`);
    else if (!names.length) g.unknown.push(`the kernel's group ${id} directory lists no devices`);
    for (let i = 0; i < names.length; i++) {
      const n = names[i];
      const d = byAddress.get(n);
      if (d) {
        g.devices.push(d);
        judgeMember(g, d);
        continue;
      }
      g.others.push(n);
      const reason = damaged.get(n);
      if (reason !== undefined) g.unknown.push(`${n} could not be read: ${reason}`);
      else if (isPciName(n))
        g.unknown.push(`the group lists ${n}, but there is no such PCI device in /sys/bus/pci/devices`);
      else g.unknown.push(`${n} is not a PCI device: its driver is not judged`);
    }
    for (const a of strays.get(id) ?? [])
      g.unknown.push(
        `${a}'s iommu_group link points to group ${id}, but the kernel's group ${id} directory does not list it${listedIn.has(a) ? ` (group ${listedIn.get(a)} does)` : ''}`,
      );
    out.push(g);
  });
  return out;
}

function judgeMember(g: IommuGroup, d: PciDevice): void {
  if (d.iommuGroup === undefined && !d.unknownFacts?.some((f) => f.fact === 'iommu_group'))
    g.unknown.push(`${d.address} has no iommu_group link, but the kernel's group ${g.id} directory lists it`);
  else if (d.iommuGroup !== undefined && d.iommuGroup !== g.id)
    g.unknown.push(
      `${d.address}'s iommu_group link points to group ${d.iommuGroup}, but the kernel's group ${g.id} directory lists it`,
    );
  // Neither config space nor boot_vga decides whether the kernel lets the group be opened.
  for (const f of d.unknownFacts ?? [])
    if (f.fact !== 'config' && f.fact !== 'boot_vga') g.unknown.push(f.reason);
}

/** Groups built from the simulator's partition, in the same record shape. */
export function groupsFromPartition(partition: { id: number; devices: string[] }[], devices: PciDevice[]) {
  const byAddress = new Map(devices.map((d) => [d.address, d]));
  return partition.map((p) => ({
    id: p.id,
    devices: p.devices
      .map((a) => byAddress.get(a))
      .filter((d): d is PciDevice => d !== undefined)
      .sort((a, b) => comparePciAddress(a.addr, b.addr)),
    others: [],
    // The simulator's groups are judged on the same records, so the same doubts apply.
    unknown: p.devices
      .flatMap((a) => byAddress.get(a)?.unknownFacts ?? [])
      .filter((f) => f.fact !== 'config' && f.fact !== 'boot_vga')
      .map((f) => f.reason),
  }));
}

export const isPciName = (name: string) => tryParsePciAddress(name) !== undefined && name.includes(':');

/** Display controllers: PCI base class 0x03 (VGA, XGA, 3D, other display). */
export { isDisplay } from '../pci/domain.js';

/**
 * Damage that no single group shows: flattened links (one line for the whole snapshot), devices
 * that could not be read and are in no group, device links naming a group the kernel lacks.
 */
export function scanWarnings(input: {
  devices: PciDevice[];
  kernel: KernelGroups;
  unreadable?: UnreadableMember[];
  flattened?: string[];
}): string[] {
  const out: string[] = [];
  const flat = input.flattened ?? [];
  if (flat.length)
    out.push(
      `${flat.length} sysfs link(s) are plain files holding the link text (symlinks flattened by zip or a copy without links, e.g. ${flat[0]}): the drivers they name are not taken as fact, so verdicts resting on them are unknown; copy the snapshot with its links (tar, cp -a) or take it again with vfiokit snapshot -o FILE.tar.gz`,
    );
  if (input.kernel.listError) out.push(`the IOMMU groups cannot be listed: ${input.kernel.listError}`);
  const listed = new Set([...input.kernel.groups.values()].flat());
  for (const u of input.unreadable ?? [])
    if (!listed.has(u.address)) out.push(`${u.address} could not be read: ${u.reason}`);
  const known = new Set([
    ...input.devices.map((d) => d.address),
    ...(input.unreadable ?? []).map((u) => u.address),
  ]);
  const phantoms = [...listed].filter((n) => !known.has(n) && isPciName(n));
  if (phantoms.length)
    out.push(
      `the IOMMU groups list ${phantoms.length} PCI device(s) that /sys/bus/pci/devices does not have (${phantoms.slice(0, 8).join(', ')}${phantoms.length > 8 ? ', ...' : ''})`,
    );
  for (const d of input.devices)
    if (d.iommuGroup !== undefined && !input.kernel.groups.has(d.iommuGroup))
      out.push(
        `${d.address}'s iommu_group link points to group ${d.iommuGroup}, which the kernel does not list`,
      );
  return out;
}
