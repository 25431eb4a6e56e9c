/**
 * The host report's view of IOMMU groups: the groups holding GPUs and whether VFIO can use them.
 */
import type { PciDevice, UnreadableDevice } from '../pci/types.js';
import { isDisplay, joinGroups, type KernelGroups } from './groups.js';
import { groupViability, type Viability } from './viability.js';

export interface GpuGroupSummary {
  group: number;
  verdict: Viability;
  /** true / false, or null when the verdict is unknown. */
  viable: boolean | null;
  /** Why the verdict is unknown, one line each. */
  unknownReasons: string[];
  devices: string[];
  /** Endpoints to bind to vfio-pci before the group can be assigned. */
  mustBind: string[];
  /** Bridges to unbind (rare). */
  mustUnbind: string[];
}

/** One entry per IOMMU group holding a display controller; [] when the IOMMU is off. */
export function gpuGroupSummary(
  kernel: KernelGroups,
  devices: PciDevice[],
  unreadable: UnreadableDevice[] = [],
): GpuGroupSummary[] {
  // A group some display's own link names counts too: if the group directory lost it, the group is
  // shown as unknown rather than not at all.
  const linked = new Set(devices.filter(isDisplay).map((d) => d.iommuGroup));
  return joinGroups(kernel, devices, unreadable)
    .filter((g) => g.devices.some(isDisplay) || linked.has(g.id))
    .map((g) => {
      const v = groupViability(g);
      return {
        group: g.id,
        verdict: v.verdict,
        viable: v.verdict === 'unknown' ? null : v.viable,
        unknownReasons: v.unknownReasons,
        devices: g.devices.map((d) => d.address),
        mustBind: v.mustBind,
        mustUnbind: v.mustUnbind,
      };
    });
}
