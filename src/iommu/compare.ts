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
   * 'agrees', 'differs', or 'unknown' when config space was not fully readable (not root) or a
   * capability list is damaged: a difference would then say nothing about the simulator's rules.
   */
  status: 'agrees' | 'differs' | 'unknown';
  groupsCompared: number;
  differences: GroupDifference[];
  /** PCI devices the kernel put in no group although the IOMMU is on. */
  ungrouped: string[];
  incomplete: string[];
  corrupt: string[];
}

export function compareWithKernel(kernel: KernelGroups, sim: Simulation): Comparison {
  const kernelOf = new Map<string, number>();
  for (const [id, names] of kernel.groups) for (const n of names) kernelOf.set(n, id);
  const differences: GroupDifference[] = [];
  const reported = new Set<number>();
  let compared = 0;
  for (const [id, names] of kernel.groups) {
    const pci = names.filter((n) => sim.groupOf.has(n));
    if (!pci.length) continue;
    compared++;
    const simGroups = new Set(pci.map((n) => sim.groupOf.get(n)!));
    const sameMembers =
      simGroups.size === 1 && sim.groups[[...simGroups][0]].devices.every((a) => kernelOf.get(a) === id);
    if (!sameMembers) {
      reported.add(id);
      differences.push({
        kernelGroup: id,
        kernelMembers: pci,
        simulated: [...simGroups].map((g) => sim.groups[g].devices),
      });
    }
  }
  const ungrouped = kernel.enabled ? [...sim.groupOf.keys()].filter((a) => !kernelOf.has(a)) : [];
  const status =
    sim.incomplete.length || sim.corrupt.length
      ? 'unknown'
      : differences.length || ungrouped.length
        ? 'differs'
        : 'agrees';
  return {
    status,
    groupsCompared: compared,
    differences,
    ungrouped,
    incomplete: sim.incomplete,
    corrupt: sim.corrupt,
  };
}
