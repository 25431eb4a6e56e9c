/**
 * `vfiokit doctor`: run every check over one HostState and order them. The HostState reads the
 * host as the checks ask (ROMs only when asked: reading one enables the ROM BAR, a host write);
 * the checks themselves are pure functions of what was read.
 */

import { VfiokitError } from '../errors.js';
import { joinGroups, scanWarnings } from '../iommu/groups.js';
import { groupViability } from '../iommu/viability.js';
import { formatPciAddress, parsePciAddress, tryParsePciAddress } from '../pci/address.js';
import { companions, isDisplay, sameSlot } from '../pci/domain.js';
import { deviceNames } from '../pci/ids.js';
import type { PciDevice, UnreadableDevice } from '../pci/types.js';
import { analyseRom, imageList } from '../rom/analysis.js';
import type { DoctorJson } from '../schema/outputs/doctor.js';
import type { HostFacts } from '../system/host-facts.js';
import type { HostState, RomRead } from '../system/host-state.js';
import type { VmDefinition } from '../vm/definition.js';
import { CHECK_GROUPS, type Check, mostImportant, summarize } from './check.js';
import { acsOverrideCheck } from './checks/acs-override.js';
import { cpuChecks } from './checks/cpu.js';
import { earlyBindingCheck, softdepCheck } from './checks/early-binding.js';
import { type DeviceContext, deviceChecks, type RomFact } from './checks/gpu.js';
import { hugepagesCheck } from './checks/hugepages.js';
import { igdChecks } from './checks/igd.js';
import { interruptChecks } from './checks/interrupts.js';
import { iommuChecks } from './checks/iommu.js';
import { setupDriftChecks } from './checks/setup-drift.js';
import { vfioModulesCheck } from './checks/vfio-modules.js';
import { vgaArbitrationCheck } from './checks/vga.js';
import { vmDefinitionCheck, vmDevicesCheck } from './checks/vm.js';
import { vmMemoryCheck } from './checks/vm-memory.js';

export interface DoctorOptions {
  /** Addresses given with --device; default: every display controller. */
  devices?: string[];
  /** A VM definition (doctor --vm FILE): its devices, memory, backing and firmware are checked. */
  vm?: VmDefinition;
  memoryBytes?: number;
  /**
   * Read option ROMs (doctor --roms): enables the ROM BAR on a live host, a write, and needs root.
   * Off by default; the ROM check then says how to ask for it.
   */
  readRoms?: boolean;
  /**
   * Only the verdicts will be shown (the host report's summary): host facts that only add evidence
   * beside a verdict they cannot change are not read (HostState.facts 'verdicts').
   */
  verdictsOnly?: boolean;
}

// The printed document's type comes from its schema definition (docs/json.md#doctor).
export type DoctorReport = DoctorJson;

const GROUP_ORDER = new Map(CHECK_GROUPS.map((g, i) => [g.id as string, i]));

export { sameSlot } from '../pci/domain.js';

/** The per-device facts the GPU checks read: group, companions, BARs, ROM. */
export function buildDeviceContexts(
  host: Pick<HostState, 'kernelGroups' | 'bars'>,
  devices: PciDevice[],
  targets: PciDevice[],
  roms: Map<string, RomFact>,
  unreadable: UnreadableDevice[] = [],
): DeviceContext[] {
  const groups = joinGroups(host.kernelGroups(), devices, unreadable);
  return targets.map((device) => {
    // The kernel's group directories say which group holds it; its own link is only a cross-check.
    // A device no directory lists but whose link names a group: that group, with the disagreement
    // among its reasons for being unknown.
    const g =
      groups.find((x) => x.devices.includes(device)) ??
      (device.iommuGroup === undefined ? undefined : groups.find((x) => x.id === device.iommuGroup));
    return {
      device,
      companions: companions(device, devices),
      unreadableCompanions: unreadable.filter((u) => {
        const a = tryParsePciAddress(u.address);
        return a !== undefined && u.address !== device.address && sameSlot({ addr: a }, device);
      }),
      group: g ? groupViability(g) : undefined,
      groupDevices: g?.devices ?? [],
      bars: host.bars(device.address),
      rom: roms.get(device.address),
    };
  });
}

/** The checks, from facts already gathered. Pure. */
export function runChecks(
  f: HostFacts,
  devices: PciDevice[],
  targets: PciDevice[],
  contexts: DeviceContext[],
  memoryBytes?: number,
  /** True when the targets were named with --device (not the default: every display device). */
  explicitTargets = false,
  vm?: VmDefinition,
): Check[] {
  const checks: Check[] = [
    ...cpuChecks(f),
    ...iommuChecks(f),
    ...interruptChecks(f),
    vfioModulesCheck(f),
    earlyBindingCheck(f, devices, targets),
    softdepCheck(f, devices),
    acsOverrideCheck(f),
    ...contexts.flatMap((c) => deviceChecks(c, f)),
    vgaArbitrationCheck(
      devices,
      explicitTargets ? targets : [],
      vm && {
        firmware: vm.firmware.kind,
        xVga: vm.devices.filter((d) => d.xVga && d.address).map((d) => d.address as string),
      },
    ),
    hugepagesCheck(f, memoryBytes, vm),
    ...igdChecks(f, devices, contexts, vm),
    ...(vm ? [vmDefinitionCheck(vm), vmDevicesCheck(vm, devices, contexts), vmMemoryCheck(f, vm)] : []),
  ];
  // Stable sort by section; within a section keep the order above (host-level before per-device).
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (GROUP_ORDER.get(a.c.group) ?? 99) - (GROUP_ORDER.get(b.c.group) ?? 99) || a.i - b.i)
    .map((x) => x.c);
}

/**
 * `snapshot`: the name of the snapshot read (undefined on the live host). A device that is not
 * there is the same problem `vfiokit device` reports, with the same words and exit code 1.
 */
export function selectTargets(
  devices: PciDevice[],
  wanted: string[] | undefined,
  snapshot?: string,
): PciDevice[] {
  if (!wanted?.length) {
    // Default: the GPUs one would assign. The boot GPU stays with the host when there is another;
    // with a single GPU (single-GPU passthrough) it is the candidate.
    const displays = devices.filter(isDisplay);
    const others = displays.filter((d) => !d.bootVga);
    return others.length ? others : displays;
  }
  const out: PciDevice[] = [];
  for (const w of wanted) {
    const name = formatPciAddress(parsePciAddress(w));
    const d = devices.find((x) => x.address === name);
    if (!d) {
      throw new VfiokitError(`no PCI device ${name}${snapshot === undefined ? '' : ` in ${snapshot}`}`, {
        hint: 'list the addresses with `vfiokit devices`',
        code: 'doctor.no-device',
      });
    }
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

/** The ROM check's fact from a read: the bytes judged by the ROM toolkit, or why none were read. */
export function romFactOf(read: RomRead, d: PciDevice): RomFact {
  if ('error' in read) return { error: read.error };
  // No bytes (EIO or an empty read on a live host) is a fact the ROM check explains itself.
  return read.bytes.length ? romFact(read.bytes, d) : { bytes: read.bytes };
}

/** The ROM toolkit's verdict on ROM bytes read from a device or a file, for the ROM check. */
export function romFact(bytes: Uint8Array, d: PciDevice): RomFact {
  try {
    const { rom, verdict: v } = analyseRom('', bytes, { vendor: d.vendorId, device: d.deviceId });
    return {
      bytes,
      uefi: {
        uefi: v.uefi,
        uefiBoot: v.uefiBoot,
        reasons: v.reasons,
        fixable: v.fixable,
        images: imageList(rom),
      },
    };
  } catch (e) {
    return { bytes, uefi: { uefi: 'unknown', uefiBoot: false, reasons: [(e as Error).message], images: [] } };
  }
}

/** The devices doctor checks: the VM's devices that exist here (vm.devices reports the others), then any --device. */
function wantedDevices(devices: PciDevice[], opts: DoctorOptions): string[] {
  return [
    ...(opts.vm?.devices
      .map((d) => d.address)
      .filter((a): a is string => !!a && devices.some((x) => x.address === a)) ?? []),
    ...(opts.devices ?? []),
  ];
}

/** ROMs of the display targets, only when asked (reading one enables its ROM BAR). */
async function readTargetRoms(host: HostState, targets: PciDevice[], readRoms?: boolean) {
  const roms = new Map<string, RomFact>();
  if (!readRoms) return roms;
  for (const t of targets)
    if (t.hasRom && isDisplay(t)) roms.set(t.address, romFactOf(await host.rom(t.address), t));
  return roms;
}

/** What the VM (doctor --vm) does with each target: firmware, ROM file, ROM BAR, managed. */
function addVmFacts(host: HostState, contexts: DeviceContext[], vm: VmDefinition): void {
  for (const c of contexts) {
    const v = vm.devices.find((x) => x.address === c.device.address);
    c.vm = { firmware: vm.firmware.kind, romFile: v?.romFile, romBarOff: v?.romBarOff, managed: v?.managed };
    if (v?.romFile) c.vm.romFileFact = romFactOf(host.file(v.romFile), c.device);
  }
}

/** pci.ids names of the checked devices and their companions ("Vendor Device"). */
function contextNames(host: HostState, contexts: DeviceContext[]): Record<string, string> {
  const names: Record<string, string> = {};
  const named = contexts.flatMap((c) => [c.device, ...c.companions]);
  const ids = host.pciIdsFor(named);
  for (const c of contexts) {
    for (const d of [c.device, ...c.companions]) {
      const n = deviceNames(ids, d);
      if (n.vendor || n.device) names[d.address] = [n.vendor, n.device].filter(Boolean).join(' ');
    }
  }
  return names;
}

/**
 * The devices doctor looks at closely (driver_override, reset methods, ROM, NUMA node): its
 * default targets, the display devices (the IGD among them), and any it is asked about.
 */
function closeLook(opts: DoctorOptions): (d: PciDevice) => boolean {
  const named = new Set<string>();
  for (const a of [...(opts.vm?.devices.map((d) => d.address) ?? []), ...(opts.devices ?? [])]) {
    const addr = a === undefined ? undefined : tryParsePciAddress(a);
    if (addr) named.add(formatPciAddress(addr));
  }
  return (d) => isDisplay(d) || named.has(d.address);
}

export async function buildDoctorReport(host: HostState, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const facts = host.facts(opts.verdictsOnly ? 'verdicts' : 'all');
  const scan = host.pciWith(closeLook(opts));
  const devices = scan.devices;
  const vm = opts.vm;
  const wanted = wantedDevices(devices, opts);
  const targets = selectTargets(devices, wanted, host.live ? undefined : host.name);
  const memoryBytes = opts.memoryBytes ?? vm?.memoryBytes;
  const roms = await readTargetRoms(host, targets, opts.readRoms);
  const contexts = buildDeviceContexts(host, devices, targets, roms, scan.unreadable);
  if (vm) addVmFacts(host, contexts, vm);
  const checks = runChecks(facts, devices, targets, contexts, memoryBytes, wanted.length > 0, vm);
  checks.push(...setupDriftChecks(host.setupRecord(), devices, host.kernelGroups()));
  const top = mostImportant(checks);
  return {
    schema: 'vfiokit.doctor/1',
    root: host.name,
    kernel: facts.kernelRelease,
    cpuVendor: facts.cpu?.vendorId,
    devices: targets.map((t) => t.address),
    names: contextNames(host, contexts),
    memoryBytes,
    vm: vm && {
      file: vm.file,
      format: vm.format,
      name: vm.name,
      devices: vm.devices.map((d) => d.address ?? d.ref),
      firmware: vm.firmware.kind,
    },
    checks,
    summary: summarize(checks),
    mostImportant: top && {
      id: top.id,
      device: top.device,
      title: top.title,
      verdict: top.verdict,
      fix: top.fix!,
    },
    blind: facts.blind,
    warnings: scanWarnings({
      devices,
      kernel: host.kernelGroups(),
      unreadable: scan.unreadable,
      flattened: scan.flattened,
    }),
  };
}
