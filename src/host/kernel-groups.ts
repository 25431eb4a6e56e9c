/**
 * Reads the kernel's IOMMU groups through the root. A group may hold non-PCI devices (platform
 * devices on some machines); those are kept by name.
 */
import { VfiokitError } from '../errors.js';
import { compareBdf } from '../pci/address.js';
import { iommuEnabled } from '../pci/domain.js';
import type { KernelGroups } from '../system/kernel-groups.js';
import type { HostRoot } from './root.js';

const GROUPS = '/sys/kernel/iommu_groups';

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
    const dir = `${GROUPS}/${id}/devices`;
    try {
      const members = root.list(dir);
      // list() gives [] for a path that is absent or not a directory: tell those from an empty one.
      if (!members.length && !root.isDir(dir))
        unreadable.set(
          id,
          root.exists(dir) ? `${dir} is not a directory` : `group ${id} has no devices directory (${dir})`,
        );
      groups.set(id, members.sort(compareBdf));
    } catch (e) {
      if (!isReadError(e)) throw e;
      unreadable.set(id, e.message);
      groups.set(id, []);
    }
  }
  return { enabled: iommuEnabled(groups.keys()), groups, unreadable };
}

/** Whether the kernel made any IOMMU group (one directory listing). */
export function hasKernelGroups(root: HostRoot): boolean {
  return root.list(GROUPS).some((n) => /^\d+$/.test(n));
}
