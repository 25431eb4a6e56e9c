/**
 * Reading vfiokit's JSON next to the kernel's truth. The types are the published schemas'
 * (src/schema/outputs/, docs/json.md), the same definitions the lab validates every captured
 * document against, so the lab's view of vfiokit's output is the documented contract.
 */
import type { DevicesJson } from '../src/schema/outputs/devices.js';
import type { ExplainJson } from '../src/schema/outputs/explain.js';
import type { GroupsJson } from '../src/schema/outputs/groups.js';
import { canonicalGroups } from './truth.js';

export type { DevicesJson, ExplainJson, GroupsJson };

/** vfiokit's groups as canonical address lists. */
export function partitionOf(report: GroupsJson): string[][] {
  return canonicalGroups(report.groups.map((g) => g.devices.map((d) => d.address)));
}

/** The kernel group (by number) holding a device, from the truth listing. */
export function kernelGroupOf(groups: { group: string; devices: string[] }[], bdf: string) {
  return groups.find((g) => g.devices.includes(bdf));
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
