/**
 * Reads the kernel's IOMMU groups through the root. A group may hold non-PCI devices (platform
 * devices on some machines); those are kept by name.
 */
import { VfiokitError } from '../errors.js';
import { compareBdf } from '../pci/address.js';
import { iommuEnabled } from '../pci/domain.js';
import type { PciScan } from '../pci/types.js';
import type { KernelGroups } from '../system/kernel-groups.js';
import type { HostRoot } from './root.js';

const GROUPS = '/sys/kernel/iommu_groups';
const UNITS = '/sys/class/iommu';

const isReadError = (e: unknown): e is VfiokitError =>
  e instanceof VfiokitError && (e.code === 'host.io' || e.code === 'host.permission');

/**
 * Read the groups from the kernel's group directories, the truth for membership: the kernel adds a
 * device to its group's `devices` directory and makes the device's `iommu_group` link in the same
 * step (drivers/iommu/iommu.c iommu_group_add_device), so the links are a cross-check
 * (joinGroups reports a disagreement), never a substitute for listing each directory.
 */
export function readKernelGroups(root: HostRoot): KernelGroups {
  const groups = new Map<number, string[]>();
  const unreadable = new Map<number, string>();
  let names: string[];
  try {
    names = root.list(GROUPS);
  } catch (e) {
    if (!isReadError(e)) throw e;
    return { enabled: false, groups, unreadable, listError: e.message };
  }
  const ids = names
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  for (const id of ids) {
    const one = readGroup(root, id);
    if (one.reason !== undefined) unreadable.set(id, one.reason);
    groups.set(id, one.members);
  }
  return { enabled: iommuEnabled(groups.keys()), groups, unreadable };
}

/** One group's members (sorted), or none and the reason they could not be read. */
function readGroup(root: HostRoot, id: number): { members: string[]; reason?: string } {
  const dir = `${GROUPS}/${id}/devices`;
  try {
    const members = root.list(dir);
    // list() gives [] for a path that is absent or not a directory: tell those from an empty one.
    if (!members.length && !root.isDir(dir))
      return {
        members,
        reason: root.exists(dir)
          ? `${dir} is not a directory`
          : `group ${id} has no devices directory (${dir})`,
      };
    return { members: members.sort(compareBdf) };
  } catch (e) {
    if (!isReadError(e)) throw e;
    return { members: [], reason: e.message };
  }
}

/**
 * The groups of a live host with Intel VT-d or AMD-Vi units from the scan's `iommu_group` links,
 * listing only the groups no PCI function links to; undefined where that is not sound, and the
 * caller lists every group directory (readKernelGroups).
 *
 * Why it is sound there: the kernel makes a device's `iommu_group` link and its entry in the
 * group's `devices` directory in one step (iommu_group_add_device), and on these units a PCI
 * function's group comes from pci_device_group(), which only ever joins the groups of other PCI
 * functions (its DMA aliases and upstream bridges), while any other device gets a group of its own
 * (generic_device_group; AMD's ACPI HID devices, acpihid_device_group): intel_iommu_device_group /
 * amd_iommu_device_group in drivers/iommu. So a group a PCI function links to holds exactly the
 * PCI functions linking to it, and a group none links to holds only other devices; that one is
 * listed. Other IOMMUs may mix the two (arm-smmu's stream-ID sharing, arm_smmu_device_group), and
 * a snapshot is read as it was saved (its group directories are the record), so both are listed.
 * Any doubt falls back to the listing: a function the scan could not read, a group link that
 * could not be read or names a group the kernel does not list.
 *
 * On 4,096 functions in 3,066 groups this replaces 3,066 directory listings (5 system calls and a
 * Node readdir each) by one (bench/groups.bench.ts).
 */
export function kernelGroupsFromLinks(root: HostRoot, scan: PciScan): KernelGroups | undefined {
  if (!root.live || scan.listError !== undefined || scan.unreadable.length || scan.flattened.length)
    return undefined;
  let units: string[];
  let names: string[];
  try {
    units = root.list(UNITS);
    names = root.list(GROUPS);
  } catch (e) {
    if (!isReadError(e)) throw e;
    return undefined;
  }
  if (!units.length || !units.every((u) => /^(dmar|ivhd)\d+$/.test(u))) return undefined;
  const groups = new Map<number, string[]>();
  // Indexed loops: no iterator result per step in the one-shot commands' unoptimised code.
  for (let i = 0; i < names.length; i++) if (/^\d+$/.test(names[i])) groups.set(Number(names[i]), []);
  for (let i = 0; i < scan.devices.length; i++) {
    const d = scan.devices[i];
    if (d.unknownFacts?.some((f) => f.fact === 'iommu_group')) return undefined;
    if (d.iommuGroup === undefined) continue;
    const members = groups.get(d.iommuGroup);
    if (!members) return undefined;
    members.push(d.address);
  }
  const unreadable = new Map<number, string>();
  const sorted = new Map<number, string[]>();
  const ids = [...groups.keys()].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const members = groups.get(id) ?? [];
    if (members.length) {
      // A copy without the room V8 gives an array grown by push() (17 places at the first): the
      // groups are kept for the whole run, thousands of one-member lists on a large host.
      sorted.set(id, members.sort(compareBdf).slice());
      continue;
    }
    const one = readGroup(root, id);
    if (one.reason !== undefined) unreadable.set(id, one.reason);
    sorted.set(id, one.members);
  }
  return { enabled: iommuEnabled(sorted.keys()), groups: sorted, unreadable };
}

/** Whether the kernel made any IOMMU group (one directory listing). */
export function hasKernelGroups(root: HostRoot): boolean {
  return root.list(GROUPS).some((n) => /^\d+$/.test(n));
}
