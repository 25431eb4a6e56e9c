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

export interface DevicesJson {
  schema: string;
  devices: {
    address: string;
    vendor: string;
    device: string;
    class: string;
    driver?: string;
    iommuGroup?: number;
    acs?: unknown;
    capabilities: { id: string; extended: boolean; name: string }[];
  }[];
}

/**
 * The devices lspci -vvv shows an ACS extended capability for: pciutils decodes config space on
 * its own, so it is an oracle for vfiokit's decoder that does not share its code.
 */
export function lspciAcsDevices(lspciText: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const line of lspciText.split('\n')) {
    const head = /^([0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) /.exec(line);
    if (head) current = `0000:${head[1]}`;
    else if (current && /Capabilities: \[[0-9a-f]+ v\d+\] Access Control Services/.test(line))
      out.push(current);
  }
  return [...new Set(out)].sort();
}
