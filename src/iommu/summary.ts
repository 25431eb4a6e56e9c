/**
 * The host report's view of IOMMU groups: the groups holding GPUs and whether VFIO can use them.
 */
import { readPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { hasKernelGroups, isDisplay, joinGroups, readKernelGroups } from './groups.js';
import { groupViability } from './viability.js';

export interface GpuGroupSummary {
  group: number;
  viable: boolean;
  devices: string[];
  /** Endpoints to bind to vfio-pci before the group can be assigned. */
  mustBind: string[];
  /** Bridges to unbind (rare). */
  mustUnbind: string[];
}

/** One entry per IOMMU group holding a display controller; [] when the IOMMU is off. */
export function gpuGroupSummary(root: HostRoot): GpuGroupSummary[] {
  if (!hasKernelGroups(root)) return [];
  const devices = readPciDevices(root);
  return joinGroups(readKernelGroups(root, devices), devices)
    .filter((g) => g.devices.some(isDisplay))
    .map((g) => {
      const v = groupViability(g);
      return {
        group: g.id,
        viable: v.viable,
        devices: g.devices.map((d) => d.address),
        mustBind: v.mustBind,
        mustUnbind: v.mustUnbind,
      };
    });
}
