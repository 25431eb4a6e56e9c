/**
 * One host of a fleet, summarised from its snapshot: IOMMU state, interrupt remapping, doctor's
 * readiness summary and, for every device one would assign (display controllers and devices an
 * operator already gave to vfio-pci or pci-stub), its group's isolation and viability.
 *
 * The summary is small on purpose: a fleet run holds one per host (thousands) and sends it from
 * a worker thread, so it carries verdicts and addresses, never device records.
 *
 * Every verdict rests on the existing analyses: the kernel's groups (iommu/groups.ts), the
 * viability rule (iommu/viability.ts) and doctor's checks (readiness/doctor.ts). A host whose data
 * could not be read, or is implausible, is `unreadable` with the reason; a device whose group
 * cannot be judged is `unknown` with the reason, never "assignable".
 */
import { VfiokitError } from '../errors.js';
import { openHostState } from '../host/host-state.js';
import type { HostRoot } from '../host/root.js';
import { type IommuGroup, joinGroups } from '../iommu/groups.js';
import { groupViability, isBridge, isVfioDriver } from '../iommu/viability.js';
import { hex } from '../pci/config-view.js';
import { companions, isDisplay, sameSlot } from '../pci/domain.js';
import type { PciDevice } from '../pci/types.js';
import { type Check, mostImportant, summarize, type Verdict } from '../readiness/check.js';
import { buildDeviceContexts, runChecks, selectTargets } from '../readiness/doctor.js';

export type AssignVerdict = 'assignable' | 'not-assignable' | 'unknown';
export type Isolation = 'isolated' | 'shared' | 'unknown';

export interface FleetDevice {
  address: string;
  /** "10de:1eb8" */
  vendorDevice: string;
  /** Subsystem vendor and device, "10de:12a2", when the device has them. */
  subsystem?: string;
  /** Base class and subclass, "0302". */
  class: string;
  driver?: string;
  group?: number;
  /** The other functions of the same slot (HDMI audio, USB-C...): they go to the VM together. */
  companions: string[];
  /**
   * isolated: the group holds only this slot's functions (and bridges); shared: it holds
   * endpoints of other slots, which would have to go to the VM too; unknown: the group could not
   * be judged (no group link, members without a record).
   */
  isolation: Isolation;
  /** Endpoints of other slots in the same group. */
  sharedWith: string[];
  /** The kernel's viability now: every member on vfio/pci-stub/no driver (undefined without a group). */
  viable?: boolean;
  /** Endpoints to bind to vfio-pci, bridges to unbind, before the group is viable. */
  mustBind: string[];
  mustUnbind: string[];
  /** Cleanly assignable: IOMMU on, interrupt remapping (or its override), an isolated group. */
  verdict: AssignVerdict;
  /** Why not assignable, or why unknown; notes (boot GPU) for an assignable device. */
  reasons: string[];
}

export interface FleetHost {
  /** The host's name in the fleet (from the snapshot's file name, or NAME=PATH). */
  name: string;
  /** The snapshot path as given. */
  source: string;
  status: 'read' | 'unreadable';
  /** Why the snapshot could not be read (status unreadable). */
  error?: string;
  kernel?: string;
  iommu?: { enabled: boolean; units: string[]; groups: number };
  /** Doctor's interrupt remapping check, and whether allow_unsafe_interrupts stands in for it. */
  interruptRemapping?: { verdict: Verdict; evidence: string; unsafeAllowed: boolean };
  pciDevices?: number;
  readiness?: {
    summary: Record<Verdict, number>;
    mostImportant?: { id: string; device?: string; title: string; fix: string };
  };
  devices: FleetDevice[];
}

const ids = (v: number, d: number) => `${hex(v, 4)}:${hex(d, 4)}`;

/**
 * Devices one assigns: display controllers, endpoints already given to vfio or pci-stub, and the
 * models asked for ("1b36:0010").
 */
export function assignmentCandidates(devices: PciDevice[], models: readonly string[] = []): PciDevice[] {
  const displays = devices.filter(isDisplay);
  const prepared = devices.filter(
    (d) =>
      !isBridge(d) &&
      (isVfioDriver(d.driver) ||
        d.driver === 'pci-stub' ||
        d.driverOverride === 'vfio-pci' ||
        models.includes(ids(d.vendorId, d.deviceId))) &&
      !displays.some((g) => g === d || sameSlot(g, d)),
  );
  // One entry per slot: a prepared multifunction card is one device to assign.
  const seen = new Set<string>();
  return [...displays, ...prepared].filter((d) => {
    const slot = d.address.slice(0, -2);
    if (!displays.includes(d) && seen.has(slot)) return false;
    seen.add(slot);
    return true;
  });
}

const yes = (v: string | undefined) => /^(1|y|Y)$/.test(v ?? '');

/** Host-level reasons that make every device unassignable (or unknown). */
interface HostGate {
  blocking: string[];
  unknown: string[];
}

function hostGate(host: FleetHost): HostGate {
  const g: HostGate = { blocking: [], unknown: [] };
  if (!host.iommu?.enabled) g.blocking.push('IOMMU off: no IOMMU groups');
  const ir = host.interruptRemapping;
  if (ir && !ir.unsafeAllowed) {
    if (ir.verdict === 'fail') g.blocking.push(`no interrupt remapping: ${ir.evidence}`);
    else if (ir.verdict !== 'ok') g.unknown.push(`interrupt remapping not confirmed: ${ir.evidence}`);
  }
  return g;
}

export function assessDevice(
  d: PciDevice,
  all: PciDevice[],
  groups: Map<number, IommuGroup>,
  gate: HostGate,
): FleetDevice {
  const companionAddresses = companions(d, all).map((o) => o.address);
  const out: FleetDevice = {
    address: d.address,
    vendorDevice: ids(d.vendorId, d.deviceId),
    class: hex(d.classCode >> 8, 4),
    driver: d.driver,
    group: d.iommuGroup,
    companions: companionAddresses,
    isolation: 'unknown',
    sharedWith: [],
    mustBind: [],
    mustUnbind: [],
    verdict: 'unknown',
    reasons: [],
  };
  if (d.subsystemVendorId !== undefined && d.subsystemDeviceId !== undefined)
    out.subsystem = ids(d.subsystemVendorId, d.subsystemDeviceId);
  const reasons: string[] = [...gate.blocking];
  const unknown: string[] = [...gate.unknown];
  const g = d.iommuGroup === undefined ? undefined : groups.get(d.iommuGroup);
  if (d.iommuGroup === undefined) {
    if (!gate.blocking.length) unknown.push('the device has no iommu_group link although the IOMMU is on');
  } else if (!g) {
    unknown.push(`group ${d.iommuGroup} is not listed in /sys/kernel/iommu_groups`);
  } else {
    const v = groupViability(g);
    out.viable = v.viable;
    out.mustBind = v.mustBind;
    out.mustUnbind = v.mustUnbind;
    // Bridges in the group (a switch port without ACS shares its endpoint's group) go nowhere:
    // vfio-pci does not take them, pcieport leaves the group to VFIO (viability.ts).
    out.sharedWith = g.devices.filter((o) => !isBridge(o) && !sameSlot(o, d)).map((o) => o.address);
    if (g.others.length) {
      out.isolation = 'unknown';
      unknown.push(`group ${g.id} holds ${g.others.join(', ')}, which the snapshot has no record of`);
    } else if (out.sharedWith.length) {
      out.isolation = 'shared';
      reasons.push(`group ${g.id} is shared with ${out.sharedWith.join(', ')}`);
    } else {
      out.isolation = 'isolated';
    }
    const blockingBridges = v.members.filter((m) => m.state === 'bridge-host-driver').map((m) => m.address);
    if (blockingBridges.length)
      reasons.push(`bridge ${blockingBridges.join(', ')} in the group is on a host driver`);
  }
  out.verdict = reasons.length ? 'not-assignable' : unknown.length ? 'unknown' : 'assignable';
  out.reasons = reasons.length ? reasons : unknown;
  if (out.verdict === 'assignable' && d.bootVga)
    out.reasons.push('the boot GPU: the host console moves off it');
  return out;
}

function unreadable(name: string, source: string, error: string): FleetHost {
  return { name, source, status: 'unreadable', error, devices: [] };
}

/** Summarise one host. Never throws for a bad snapshot: it becomes an `unreadable` host. */
export function summarizeHost(
  root: HostRoot,
  name: string,
  source: string,
  models: readonly string[] = [],
): FleetHost {
  try {
    return summarize1(root, name, source, models);
  } catch (e) {
    const msg = e instanceof VfiokitError ? e.message : `${(e as Error).message ?? e}`;
    return unreadable(name, source, msg.split('\n')[0]);
  }
}

function summarize1(root: HostRoot, name: string, source: string, models: readonly string[]): FleetHost {
  // Devices whose entry could not be read stay on record: their groups are judged unknown.
  const state = openHostState(root);
  const scan = state.pci();
  const devices = scan.devices;
  // Every PC has at least a host bridge: a snapshot without PCI devices is damaged or not one.
  if (!devices.length)
    return unreadable(name, source, 'no PCI devices in the snapshot (sys/bus/pci/devices)');
  const facts = state.facts();
  const kernel = state.kernelGroups();
  const groups = new Map(joinGroups(kernel, devices, scan.unreadable).map((g) => [g.id, g]));
  // Doctor's own checks, composed as buildDoctorReport does but without ROM reads and without
  // reading the devices a second time.
  const targets = selectTargets(devices, undefined);
  const checks: Check[] = runChecks(
    facts,
    devices,
    targets,
    buildDeviceContexts(state, devices, targets, new Map(), scan.unreadable),
  );
  const summary = summarize(checks);
  const first = mostImportant(checks);
  const top = first && { id: first.id, device: first.device, title: first.title, fix: first.fix as string };
  const remap = checks.find((c) => c.id === 'interrupts.remapping');
  const host: FleetHost = {
    name,
    source,
    status: 'read',
    kernel: facts.kernelRelease,
    iommu: { enabled: kernel.enabled, units: facts.iommuUnits, groups: kernel.groups.size },
    interruptRemapping: remap && {
      verdict: remap.verdict,
      evidence: remap.evidence[0] ?? '',
      unsafeAllowed:
        yes(facts.moduleParams.get('vfio_iommu_type1.allow_unsafe_interrupts')) ||
        yes(facts.moduleParams.get('iommufd.allow_unsafe_interrupts')),
    },
    pciDevices: devices.length,
    readiness: { summary, mostImportant: top },
    devices: [],
  };
  const gate = hostGate(host);
  host.devices = assignmentCandidates(devices, models).map((d) => assessDevice(d, devices, groups, gate));
  return host;
}
