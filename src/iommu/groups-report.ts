/**
 * What `vfiokit groups` reports: every IOMMU group with its devices and drivers, the kernel's
 * viability verdict and what to bind, and how the grouping simulator compares with the kernel.
 * Pure over the model; the command reads the host and prints.
 */

import { formatClassCode, formatPciId } from '../pci/id.js';
import type { PciDevice } from '../pci/types.js';
import { type AcsOverride, formatAcsOverride, parseAcsOverride } from './acs-override.js';
import type { QuirkEnv } from './acs-quirks.js';
import { type Comparison, compareWithKernel } from './compare.js';
import {
  groupsFromPartition,
  type IommuGroup,
  isDisplay,
  joinGroups,
  type KernelGroups,
  scanWarnings,
} from './groups.js';
import { type Simulation, simulateGroups } from './simulate.js';
import { buildTopology } from './topology.js';
import { groupViability, type MemberAction, type MemberState, type Viability } from './viability.js';

export interface GroupDevice {
  address: string;
  vendorId: string;
  deviceId: string;
  classCode: string;
  driver: string | null;
  bridge: boolean;
  bootVga: boolean;
  state: MemberState;
  action: MemberAction;
  hostCritical: string | null;
  /** pci.ids names when the presentation layer filled them (vendor, device, class). */
  names?: PciDevice['names'];
}

export interface GroupEntry {
  id: number;
  verdict: Viability;
  /** true / false, or null when the verdict is unknown. */
  viable: boolean | null;
  /** Why the verdict is unknown, one line each; empty otherwise. */
  unknownReasons: string[];
  display: boolean;
  devices: GroupDevice[];
  others: string[];
  mustBind: string[];
  mustUnbind: string[];
  needNot: string[];
}

export interface SimulationSummary {
  status: Comparison['status'] | 'not-compared';
  /** Why the status is unknown. */
  unknownReasons: string[];
  groupsCompared: number;
  /** The pcie_acs_override the simulation assumed (from /proc/cmdline), or null. */
  override: string | null;
  differences: Comparison['differences'];
  ungrouped: string[];
  incomplete: string[];
  /** Devices whose capability list is damaged, as "ADDRESS: problem". */
  corrupt: string[];
  note: string | null;
}

export interface GroupsReport {
  schema: 'vfiokit.groups/2';
  root: string;
  /** "kernel": the groups sysfs lists; "simulated": the simulator's (--simulate, or IOMMU off). */
  source: 'kernel' | 'simulated';
  iommu: { enabled: boolean; groups: number };
  groups: GroupEntry[];
  simulation: SimulationSummary;
  /**
   * What was found damaged or inconsistent beyond single groups, one line each: flattened links,
   * devices that could not be read, device links naming groups the kernel does not list.
   */
  warnings: string[];
}

export interface GroupsInput {
  root: string;
  devices: PciDevice[];
  kernel: KernelGroups;
  env: QuirkEnv;
  /** The value of pcie_acs_override= on the running kernel's command line, if any. */
  cmdlineOverride?: string;
  source: 'kernel' | 'simulated';
  /** Devices the scan could not read (scanPciDevices), so no group holding one is judged. */
  unreadable?: { address: string; reason: string }[];
  /** Links found flattened into plain files (scanPciDevices). */
  flattened?: string[];
}

function entry(g: IommuGroup): GroupEntry {
  const v = groupViability(g);
  return {
    id: g.id,
    verdict: v.verdict,
    viable: v.verdict === 'unknown' ? null : v.viable,
    unknownReasons: v.unknownReasons,
    display: g.devices.some(isDisplay),
    devices: g.devices.map((d, i) => {
      const m = v.members[i];
      return {
        address: d.address,
        vendorId: formatPciId(d.vendorId),
        deviceId: formatPciId(d.deviceId),
        classCode: `0x${formatClassCode(d.classCode)}`,
        driver: d.driver ?? null,
        bridge: m.bridge,
        bootVga: Boolean(d.bootVga),
        state: m.state,
        action: m.action,
        hostCritical: m.hostCritical ?? null,
        ...(d.names ? { names: d.names } : {}),
      };
    }),
    others: g.others,
    mustBind: v.mustBind,
    mustUnbind: v.mustUnbind,
    needNot: v.needNot,
  };
}

/**
 * Simulate, honouring an ACS override on the command line. A kernel without the out-of-tree patch
 * ignores the parameter, so when the override does not explain the kernel's groups and the plain
 * rules do, the plain rules are the answer (and the note says the patch is absent).
 */
export function simulateAgainstKernel(
  input: Pick<GroupsInput, 'devices' | 'kernel' | 'env' | 'cmdlineOverride' | 'unreadable'>,
): {
  sim: Simulation;
  cmp?: Comparison;
  override?: AcsOverride;
  note?: string;
} {
  const topo = buildTopology(input.devices);
  let override: AcsOverride | undefined;
  let note: string | undefined;
  if (input.cmdlineOverride !== undefined) {
    try {
      override = parseAcsOverride(input.cmdlineOverride);
    } catch {
      note = `ignored an unparsable pcie_acs_override=${input.cmdlineOverride}`;
    }
  }
  const sim = simulateGroups(input.devices, { env: input.env, override, topo });
  if (!input.kernel.enabled) return { sim, override, note };
  const unreadable = (input.unreadable ?? []).map((u) => u.address);
  const cmp = compareWithKernel(input.kernel, sim, unreadable);
  if (override && cmp.status === 'differs') {
    const plain = simulateGroups(input.devices, { env: input.env, topo });
    const plainCmp = compareWithKernel(input.kernel, plain, unreadable);
    if (plainCmp.status === 'agrees') {
      return {
        sim: plain,
        cmp: plainCmp,
        note: 'pcie_acs_override is on the command line but this kernel ignores it (no ACS override patch)',
      };
    }
  }
  return { sim, cmp, override, note };
}

export function buildGroupsReport(input: GroupsInput): GroupsReport {
  const { sim, cmp, override, note } = simulateAgainstKernel(input);
  const groups =
    input.source === 'kernel'
      ? joinGroups(input.kernel, input.devices, input.unreadable)
      : groupsFromPartition(sim.groups, input.devices);
  const entries = groups.map(entry);
  return {
    schema: 'vfiokit.groups/2',
    root: input.root,
    source: input.source,
    iommu: { enabled: input.kernel.enabled, groups: input.kernel.groups.size },
    groups: entries,
    simulation: {
      status: cmp?.status ?? 'not-compared',
      unknownReasons: cmp?.unknownReasons ?? [],
      groupsCompared: cmp?.groupsCompared ?? 0,
      override: override ? formatAcsOverride(override) : null,
      differences: cmp?.differences ?? [],
      ungrouped: cmp?.ungrouped ?? [],
      incomplete: sim.incomplete,
      corrupt: sim.corrupt,
      note: note ?? null,
    },
    warnings: scanWarnings(input),
  };
}
