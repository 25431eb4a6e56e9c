/**
 * Why a device shares its IOMMU group: walk from the device towards the root complex and name the
 * first place where isolation breaks, with the register values as evidence; say why each other
 * member is in the group; then what the out-of-tree ACS override would change, and its risk.
 */

import { sameSlot } from '../pci/domain.js';
import type { PciDevice } from '../pci/types.js';
import { type AcsVerdict, acsEnabled, describeAcsVerdict } from './acs.js';
import { formatRegister16, REQ_ACS_FLAGS } from './acs-flags.js';
import { type AcsOverride, formatAcsOverride } from './acs-override.js';
import type { QuirkEnv } from './acs-quirks.js';
import { dmaAliasQuirk, dmaAliasWalk, formatRequesterId } from './dma-alias.js';
import type { KernelGroups } from './groups.js';
import { simulateAgainstKernel } from './groups-report.js';
import { type SimJoin, simulatedGroupOf, simulateGroups } from './simulate.js';

export type BreakKind =
  | 'requester-id-alias' // a bridge forwards the device's DMA under its own requester ID
  | 'dma-alias-quirk' // the device DMAs with another function's ID (kernel quirk)
  | 'multifunction-no-acs' // functions of one slot can talk to each other
  | 'port-no-acs' // a root/downstream port does not redirect peer-to-peer traffic
  | 'conventional-pci' // a conventional PCI device on the path: a shared bus
  | 'quirk'; // a kernel quirk declares the device non-isolating

export interface PathStep {
  address: string;
  /** "device", or the port type of a bridge on the way up; "unknown" when its config space is. */
  role: string;
  /** null when the registers that decide it could not be read or are implausible. */
  isolates: boolean | null;
  kind?: BreakKind;
  why: string;
  evidence?: { capRegister?: string; ctrlRegister?: string; quirk?: string; requesterId?: string };
}

export interface MemberReason {
  address: string;
  reason: string;
}

export interface WhatIf {
  override: string;
  group: string[];
  /** The device would be alone in its group. */
  isolated: boolean;
  changed: boolean;
}

export interface Explanation {
  schema: 'vfiokit.explain/2';
  device: string;
  kernelGroup: { id: number; members: string[] } | null;
  simulatedGroup: string[];
  /** The simulator put the device with exactly the kernel's group members (null: no kernel groups). */
  simulationAgrees: boolean | null;
  path: PathStep[];
  firstBreak: PathStep | null;
  members: MemberReason[];
  whatIf: WhatIf[];
  /** Why no override mode can help (isolation breaks where the patch never applies). */
  overrideCannotHelp: string | null;
  /** Devices on the path whose config space was cut short (read without root): the walk is a guess. */
  incomplete: string[];
  /**
   * Why no cause can be named with confidence: a device on the path whose config space is missing
   * or reads all ones, a bridge on the path that could not be read. When set, firstBreak and
   * overrideCannotHelp are null.
   */
  unknownReasons: string[];
  /** Devices on the path whose capability list is damaged, as "ADDRESS: problem". */
  corrupt: string[];
  risk: string;
}

export const ACS_OVERRIDE_RISK =
  'An ACS override only makes the kernel believe the ports isolate. The hardware still lets the ' +
  'devices below them send DMA straight to each other (peer-to-peer) without passing the IOMMU, ' +
  'so a guest given one of them can read or corrupt the memory of the others, including host ' +
  'devices. It needs a kernel with the out-of-tree ACS override patch (it is not in mainline). ' +
  'Use it only when every guest involved is trusted.';

function evidenceOf(v: AcsVerdict): PathStep['evidence'] {
  if (v.reason === 'quirk') return { quirk: v.quirk };
  if (v.capRegister !== undefined)
    return {
      capRegister: formatRegister16(v.capRegister),
      ctrlRegister: formatRegister16(v.ctrlRegister ?? 0),
    };
  return undefined;
}

function joinText(j: SimJoin | undefined, self: string): string {
  if (!j) return 'not simulated';
  switch (j.kind) {
    case 'new':
      return 'first device of the group';
    case 'alias':
      return `its DMA carries the requester ID of ${j.via} (bridge aliasing)`;
    case 'upstream':
      return `no ACS isolation between it and the root complex (breaks at ${j.breaksAt ?? j.via}), so it joins ${j.via}`;
    case 'dma-alias':
      return `DMA alias (kernel quirk) with ${j.via}`;
    case 'function':
      return `another function of the same slot (${j.via}) without ACS`;
  }
  return self;
}

export interface ExplainInput {
  address: string;
  devices: PciDevice[];
  /** Devices the scan could not read (scanPciDevices): a bridge among them breaks the walk. */
  unreadable?: { address: string; reason: string }[];
  kernel: KernelGroups;
  env: QuirkEnv;
  cmdlineOverride?: string;
  /** Extra what-if modes asked for on the command line. */
  extraOverrides?: AcsOverride[];
}

export function explainDevice(input: ExplainInput): Explanation {
  const { sim } = simulateAgainstKernel(input);
  const { topo, ctx } = sim;
  const dev = topo.get(input.address);
  if (!dev) throw new Error(`explainDevice: ${input.address} is not among the devices`);

  // The walk the kernel makes (drivers/iommu/iommu.c pci_device_group): the device, then each bridge up.
  const path: PathStep[] = [deviceStep(dev, topo, ctx), ...bridgeSteps(dev, topo, ctx)];
  const { unknownReasons, pathCorrupt } = markUnknownSteps(path, dev, topo, sim, input.unreadable ?? []);
  const known = !unknownReasons.length;
  const firstBreak = known ? (path.find((s) => s.isolates === false) ?? null) : null;
  const kg = kernelGroupOf(input.kernel, dev.address);
  const simMembers = simulatedGroupOf(sim, dev.address);
  const groupMembers = kg ? kg.members.filter((m) => topo.get(m)) : simMembers;
  const members = groupMembers
    .filter((m) => m !== dev.address)
    .map((m) => ({ address: m, reason: joinText(sim.joins.get(m), m) }));

  const breakDev = firstBreak ? topo.get(firstBreak.address) : undefined;
  const whatIf = whatIfGroups(input, topo, dev, breakDev, simMembers);

  return {
    schema: 'vfiokit.explain/2',
    device: dev.address,
    kernelGroup: kg,
    simulatedGroup: simMembers,
    simulationAgrees: kg
      ? sameSet(
          kg.members.filter((m) => topo.get(m)),
          simMembers,
        )
      : null,
    path,
    firstBreak,
    members,
    whatIf,
    overrideCannotHelp: known ? cannotHelp(firstBreak, breakDev) : null,
    incomplete: path.map((p) => p.address).filter((a) => topo.get(a)?.config?.truncated === true),
    unknownReasons,
    corrupt: pathCorrupt,
    risk: ACS_OVERRIDE_RISK,
  };
}

function cannotHelp(step: PathStep | null, d: PciDevice | undefined): string | null {
  if (!step || !d) return null;
  if (step.kind === 'requester-id-alias' || step.kind === 'conventional-pci')
    return 'isolation breaks at conventional PCI / requester-ID aliasing, which no ACS override can change (the IOMMU only sees one requester ID)';
  if (step.kind === 'dma-alias-quirk')
    return "the device DMAs with another function's requester ID; no ACS override changes that";
  if (!d.pcie && step.kind === 'multifunction-no-acs')
    return `${d.address} is a conventional PCI function (no PCI Express capability); the override patch never applies to those`;
  if (d.acs && (step.kind === 'port-no-acs' || step.kind === 'multifunction-no-acs'))
    return `${d.address} has an ACS capability with the controls off; the override patch never overrides devices that have one`;
  return null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function kernelGroupOf(kernel: KernelGroups, address: string): { id: number; members: string[] } | null {
  for (const [id, members] of kernel.groups) if (members.includes(address)) return { id, members };
  return null;
}

type Sim = ReturnType<typeof simulateAgainstKernel>['sim'];
type Topo = Sim['topo'];
type AcsCtx = Sim['ctx'];

/** The device's own step: a DMA alias quirk, functions without ACS between them, or itself alone. */
function deviceStep(dev: PciDevice, topo: Topo, ctx: AcsCtx): PathStep {
  // The device itself: DMA alias quirks and multifunction peers.
  const aq = dmaAliasQuirk(dev, topo);
  const selfV = acsEnabled(dev, REQ_ACS_FLAGS, ctx);
  const siblings = topo
    .busPeers(dev)
    .filter((t) => t !== dev && sameSlot(t, dev) && !acsEnabled(t, REQ_ACS_FLAGS, ctx).enabled);
  if (aq?.devfns.length) {
    return {
      address: dev.address,
      role: 'device',
      isolates: false,
      kind: 'dma-alias-quirk',
      why: `the kernel quirk ${aq.quirk} records that it DMAs as ${aq.devfns
        .slice(0, 4)
        .map((df) => formatRequesterId((dev.addr.bus << 8) | df))
        .join(', ')}${aq.devfns.length > 4 ? ', ...' : ''}`,
      evidence: { quirk: aq.quirk },
    };
  } else if (dev.multifunction && !selfV.enabled && siblings.length) {
    return {
      address: dev.address,
      role: 'device',
      isolates: false,
      kind: 'multifunction-no-acs',
      why: `multifunction device without ACS isolation between functions (${describeAcsVerdict(selfV)}); shares with ${siblings.map((s) => s.address).join(', ')}`,
      evidence: evidenceOf(selfV),
    };
  } else {
    return {
      address: dev.address,
      role: 'device',
      isolates: true,
      why: dev.multifunction ? describeAcsVerdict(selfV) : 'the device itself (nothing to isolate inside it)',
      evidence: evidenceOf(selfV),
    };
  }
}

/** The bridges above the device, each isolating or not (requester-ID aliasing, no ACS, a quirk). */
function bridgeSteps(dev: PciDevice, topo: Topo, ctx: AcsCtx): PathStep[] {
  const path: PathStep[] = [];
  const aliasing = new Map<string, string>();
  for (const s of dmaAliasWalk(dev, topo, (d) => dmaAliasQuirk(d, topo)))
    if (s.device !== dev) aliasing.set(s.device.address, formatRequesterId(s.requesterId));

  for (let b = topo.parent(dev); b; b = topo.parent(b)) {
    const role = b.pcie ? b.pcie.portType : 'PCI bridge';
    const rid = aliasing.get(b.address);
    if (rid) {
      path.push({
        address: b.address,
        role,
        isolates: false,
        kind: 'requester-id-alias',
        why: `DMA from below reaches the IOMMU with this bridge's requester ID ${rid}, so the IOMMU cannot tell the devices behind it apart`,
        evidence: { requesterId: rid },
      });
      continue;
    }
    const v = acsEnabled(b, REQ_ACS_FLAGS, ctx);
    const kind: BreakKind | undefined = v.enabled
      ? undefined
      : v.reason === 'quirk'
        ? 'quirk'
        : v.reason === 'conventional-pci'
          ? 'conventional-pci'
          : 'port-no-acs';
    path.push({
      address: b.address,
      role,
      isolates: v.enabled,
      kind,
      why: v.enabled
        ? `isolates: ${describeAcsVerdict(v)}`
        : `does not isolate peer-to-peer (needs ACS ${'SV RR CR UF'}): ${describeAcsVerdict(v)}`,
      evidence: evidenceOf(v),
    });
  }
  return path;
}

/**
 * Steps whose registers are missing or implausible become unknown (with the reason) instead of
 * being decoded; bridges above that could not be read and damaged capability lists count too.
 */
function markUnknownSteps(
  path: PathStep[],
  dev: PciDevice,
  topo: Topo,
  sim: Sim,
  unreadable: { address: string; reason: string }[],
): { unknownReasons: string[]; pathCorrupt: string[] } {
  const unknownReasons: string[] = [];
  for (const step of path) {
    const d = topo.get(step.address);
    const doubt = d?.unknownFacts?.find((f) => f.fact === 'config' || f.fact === 'response');
    if (!doubt) continue;
    step.isolates = null;
    if (step.role === 'PCI bridge') step.role = 'unknown';
    step.kind = undefined;
    step.evidence = undefined;
    step.why = `cannot tell: ${doubt.reason}`;
    unknownReasons.push(doubt.reason);
  }
  const damaged = new Map(unreadable.map((u) => [u.address, u.reason]));
  for (const a of dev.upstream) {
    if (topo.get(a)) continue;
    unknownReasons.push(
      `the bridge ${a} above it could not be read${damaged.has(a) ? `: ${damaged.get(a)}` : ''}`,
    );
  }
  // A looping or damaged capability list hides the ACS capability the walk would decide on.
  const pathCorrupt = sim.corrupt.filter((c) => path.some((p) => c.startsWith(`${p.address}: `)));
  for (const c of pathCorrupt) unknownReasons.push(`damaged capability list: ${c}`);
  return { unknownReasons, pathCorrupt };
}

/** What-if: the override modes, plus the id of the device where isolation first breaks. */
function whatIfGroups(
  input: ExplainInput,
  topo: Topo,
  dev: PciDevice,
  breakDev: PciDevice | undefined,
  simMembers: string[],
): WhatIf[] {
  const modes: AcsOverride[] = [
    { downstream: true, multifunction: false, ids: [] },
    { downstream: false, multifunction: true, ids: [] },
    { downstream: true, multifunction: true, ids: [] },
  ];
  if (breakDev?.pcie && !breakDev.acs) {
    modes.push({
      downstream: false,
      multifunction: false,
      ids: [{ vendor: breakDev.vendorId, device: breakDev.deviceId }],
    });
  }
  modes.push(...(input.extraOverrides ?? []));
  const base = new Set(simMembers);
  return modes.map((o) => {
    const s = simulateGroups(input.devices, { env: input.env, override: o, topo });
    const group = simulatedGroupOf(s, dev.address);
    return {
      override: formatAcsOverride(o),
      group,
      isolated: group.length === 1,
      changed: group.length !== base.size || group.some((a) => !base.has(a)),
    };
  });
}
