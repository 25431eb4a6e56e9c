/**
 * Simulator versus kernel: the two partitions of the PCI devices must be identical. A difference
 * means the kernel applied a rule or quirk the simulator does not model (or the snapshot lacks the
 * config bytes that decide it), so every difference is reported with both sides.
 */
import type { KernelGroups } from './groups.js';
import type { Simulation } from './simulate.js';

export interface GroupDifference {
  /** The kernel's group number, when the difference starts from a kernel group. */
  kernelGroup?: number;
  kernelMembers: string[];
  /** How the simulator grouped those same devices (one list per simulated group touched). */
  simulated: string[][];
}

export interface Comparison {
  /**
   * 'agrees', 'differs', or 'unknown' when the comparison rests on less than the whole host: config
   * space not fully readable (not root), a damaged capability list, members that could not be
   * read, or nothing to compare. Zero groups compared is never agreement.
   */
  status: 'agrees' | 'differs' | 'unknown';
  /** Why the status is unknown, one line each. */
  unknownReasons: string[];
  groupsCompared: number;
  differences: GroupDifference[];
  /** PCI devices the kernel put in no group although the IOMMU is on. */
  ungrouped: string[];
  incomplete: string[];
  corrupt: string[];
}

/**
 * Compare the partitions. `unreadable` are devices the scan could not read: a kernel group holding
 * one cannot be compared whole.
 */
export function compareWithKernel(
  kernel: KernelGroups,
  sim: Simulation,
  unreadable: string[] = [],
): Comparison {
  // Indexed loops and forEach, not for…of: this runs once per group of a host with thousands, in
  // the one-shot commands' unoptimised code, where each iterator step allocates a result object.
  const kernelOf = new Map<string, number>();
  kernel.groups.forEach((names, id) => {
    for (let i = 0; i < names.length; i++) kernelOf.set(names[i], id);
  });
  const differences: GroupDifference[] = [];
  let compared = 0;
  kernel.groups.forEach((names, id) => {
    // The simulated group of the kernel group's PCI members, when they all share one.
    let only = -1;
    let pciMembers = 0;
    for (let i = 0; i < names.length; i++) {
      const g = sim.groupOf.get(names[i]);
      if (g === undefined) continue;
      pciMembers++;
      only = only === -1 || only === g ? g : -2;
    }
    if (!pciMembers) return;
    compared++;
    if (only >= 0) {
      const devices = sim.groups[only].devices;
      let same = true;
      for (let i = 0; i < devices.length && same; i++) same = kernelOf.get(devices[i]) === id;
      if (same) return;
    }
    const pci = names.filter((n) => sim.groupOf.has(n));
    const simGroups = new Set(pci.map((n) => sim.groupOf.get(n)!));
    differences.push({
      kernelGroup: id,
      kernelMembers: pci,
      simulated: [...simGroups].map((g) => sim.groups[g].devices),
    });
  });
  const ungrouped = kernel.enabled ? [...sim.groupOf.keys()].filter((a) => !kernelOf.has(a)) : [];
  const unknownReasons: string[] = [];
  if (sim.incomplete.length)
    unknownReasons.push(
      `the config space of ${sim.incomplete.length} device(s) was not fully readable (${sim.incomplete.join(', ')})`,
    );
  const missing = unreadable.filter((a) => kernelOf.has(a));
  if (missing.length)
    unknownReasons.push(`the kernel's groups list devices that could not be read (${missing.join(', ')})`);
  if (sim.corrupt.length) unknownReasons.push(`damaged capability lists: ${sim.corrupt.join('; ')}`);
  if (compared === 0) unknownReasons.push("no PCI device of the kernel's groups could be compared");
  const status = unknownReasons.length
    ? 'unknown'
    : differences.length || ungrouped.length
      ? 'differs'
      : 'agrees';
  return {
    status,
    unknownReasons,
    groupsCompared: compared,
    differences,
    ungrouped,
    incomplete: sim.incomplete,
    corrupt: sim.corrupt,
  };
}
