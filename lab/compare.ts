/**
 * Reading vfiokit's JSON next to the kernel's truth. Only the fields the lab judges are typed here
 * (schemas in docs/iommu.md); the shapes are restated rather than imported so that the lab's view
 * of vfiokit's output is the documented contract, not whatever the code happens to emit.
 */
import { canonicalGroups } from './truth.js';

export interface GroupsJson {
  schema: string;
  source: 'kernel' | 'simulated';
  groups: {
    id: number;
    viable: boolean;
    devices: { address: string; driver: string | null; bridge: boolean }[];
    mustBind: string[];
    mustUnbind: string[];
  }[];
  simulation: { status: string; differences: unknown[] };
}

export interface ExplainJson {
  schema: string;
  device: string;
  kernelGroup: { id: number; members: string[] } | null;
  simulatedGroup: string[];
}

/** vfiokit's groups as canonical address lists. */
export function partitionOf(report: GroupsJson): string[][] {
  return canonicalGroups(report.groups.map((g) => g.devices.map((d) => d.address)));
}

/** The kernel group (by number) holding a device, from the truth listing. */
export function kernelGroupOf(groups: { group: string; devices: string[] }[], bdf: string) {
  return groups.find((g) => g.devices.includes(bdf));
}
