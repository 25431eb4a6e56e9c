/**
 * `vfiokit doctor`: gather host facts and device records, run every check, order them. The
 * gathering reads the host (and, for ROMs, enables the ROM BAR through the ROM toolkit); the
 * checks themselves are pure functions of what was gathered.
 */

import { VfiokitError } from '../errors.js';
import { gatherHostFacts } from '../host/host-facts.js';
import { readKernelGroups } from '../host/kernel-groups.js';
import { readBars } from '../host/pci-resources.js';
import { scanPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { joinGroups, scanWarnings } from '../iommu/groups.js';
import { groupViability } from '../iommu/viability.js';
import { formatPciAddress, parsePciAddress, tryParsePciAddress } from '../pci/address.js';
import type { PciDevice, UnreadableDevice } from '../pci/types.js';
import type { BlindSpot, HostFacts } from '../system/host-facts.js';
import type { VmDefinition } from '../vm/definition.js';
import { CHECK_GROUPS, type Check, mostImportant, summarize, type Verdict } from './check.js';
import { acsOverrideCheck } from './checks/acs-override.js';
import { cpuChecks } from './checks/cpu.js';
import { earlyBindingCheck, softdepCheck } from './checks/early-binding.js';
import { type DeviceContext, deviceChecks, type RomFact } from './checks/gpu.js';
import { hugepagesCheck } from './checks/hugepages.js';
import { interruptChecks } from './checks/interrupts.js';
import { iommuChecks } from './checks/iommu.js';
import { setupDriftChecks } from './checks/setup-drift.js';
import { vfioModulesCheck } from './checks/vfio-modules.js';
import { vgaArbitrationCheck } from './checks/vga.js';
import { vmDefinitionCheck, vmDevicesCheck } from './checks/vm.js';

export interface DoctorOptions {
  /** Addresses given with --device; default: every display controller. */
  devices?: string[];
  /** A VM definition (doctor --vm FILE): its devices, memory, backing and firmware are checked. */
  vm?: VmDefinition;
  memoryBytes?: number;
  /** Read option ROMs (enables the ROM BAR on a live host; needs root). */
  readRoms?: boolean;
}

export interface DoctorReport {
  schema: 'vfiokit.doctor/1';
  root: string;
  kernel?: string;
  cpuVendor?: string;
  devices: string[];
  /** pci.ids names of the checked devices and their companions ("Vendor Device"), when known. */
  names: Record<string, string>;
  memoryBytes?: number;
  /** The VM definition checked (doctor --vm). */
  vm?: { file: string; format: VmDefinition['format']; name?: string; devices: string[]; firmware: string };
  checks: Check[];
  summary: Record<Verdict, number>;
  mostImportant?: { id: string; device?: string; title: string; verdict: Verdict; fix: string };
  blind: BlindSpot[];
  /**
   * Damage found while reading the PCI devices and groups (flattened links, unreadable devices,
   * device links naming groups the kernel lacks), one line each; the checks it touches are unknown.
   */
  warnings: string[];
}

const GROUP_ORDER = new Map(CHECK_GROUPS.map((g, i) => [g.id as string, i]));

export function sameSlot(a: PciDevice, b: PciDevice): boolean {
  return a.addr.domain === b.addr.domain && a.addr.bus === b.addr.bus && a.addr.device === b.addr.device;
}

export function buildDeviceContexts(
  root: HostRoot,
  devices: PciDevice[],
  targets: PciDevice[],
  roms: Map<string, RomFact>,
  unreadable: UnreadableDevice[] = [],
): DeviceContext[] {
  const groups = joinGroups(readKernelGroups(root), devices, unreadable);
  return targets.map((device) => {
    // The kernel's group directories say which group holds it; its own link is only a cross-check.
    // A device no directory lists but whose link names a group: that group, with the disagreement
    // among its reasons for being unknown.
    const g =
      groups.find((x) => x.devices.includes(device)) ??
      (device.iommuGroup === undefined ? undefined : groups.find((x) => x.id === device.iommuGroup));
    return {
      device,
      companions: devices.filter((o) => o.address !== device.address && sameSlot(o, device)),
      unreadableCompanions: unreadable.filter((u) => {
        const a = tryParsePciAddress(u.address);
        return a !== undefined && u.address !== device.address && sameSlot({ addr: a } as PciDevice, device);
      }),
      group: g ? groupViability(g) : undefined,
      groupDevices: g?.devices ?? [],
      bars: readBars(root, device.address),
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
    ...(vm ? [vmDefinitionCheck(vm), vmDevicesCheck(vm, devices, contexts)] : []),
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
    const displays = devices.filter((d) => d.classCode >> 16 === 0x03);
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

const SNAPSHOT_NO_ROM = 'the snapshot holds no copy of this ROM (dump it on the host: vfiokit rom dump)';

async function readRom(root: HostRoot, d: PciDevice): Promise<RomFact> {
  if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { error: 'reading the ROM needs root (it enables the ROM BAR through sysfs)' };
  }
  const { dumpRomBar, sysfsRomAccess } = await import('../host/rom-sysfs.js');
  let bytes: Uint8Array;
  try {
    bytes = (await dumpRomBar(sysfsRomAccess(root, d.address), d.address)).bytes;
  } catch (e) {
    if (e instanceof VfiokitError && (e.code === 'rom.eio' || e.code === 'rom.empty-read')) {
      return root.live ? { bytes: new Uint8Array(0) } : { error: SNAPSHOT_NO_ROM };
    }
    return { error: `could not read the ROM: ${(e as Error).message}` };
  }
  // A snapshot's rom file is only a placeholder unless the ROM was dumped into it.
  if (!bytes.length && !root.live) return { error: SNAPSHOT_NO_ROM };
  if (!bytes.length) return { bytes };
  return romFact(bytes, d);
}

/** A ROM file a VM gives its guest (romfile=), read under the root like every host file. */
async function readRomFile(root: HostRoot, file: string, d: PciDevice): Promise<RomFact> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = root.readBytes(file, 64 * 1024 * 1024);
  } catch (e) {
    return { error: `cannot read it: ${(e as Error).message}` };
  }
  if (!bytes) return { error: 'no such file' };
  if (!bytes.length) return { bytes };
  return romFact(bytes, d);
}

/** The ROM toolkit's verdict on ROM bytes read from a device or a file, for the ROM check. */
export async function romFact(bytes: Uint8Array, d: PciDevice): Promise<RomFact> {
  const [{ parseRom }, { checkIds, uefiVerdict }] = await Promise.all([
    import('../rom/parse-rom.js'),
    import('../rom/verdict.js'),
  ]);
  try {
    const model = parseRom(bytes);
    const v = uefiVerdict(model, checkIds(model, { vendor: d.vendorId, device: d.deviceId }), bytes);
    const codeName = (t: number) => (t === 0 ? 'x86 BIOS' : t === 3 ? 'EFI' : `type ${t.toString(16)}`);
    return {
      bytes,
      uefi: {
        uefi: v.uefi,
        uefiBoot: v.uefiBoot,
        reasons: v.reasons,
        fixable: v.fixable,
        images: model.images
          .filter((i) => !i.afterLast)
          .map((i) => `${codeName(i.pcir.codeType)} at 0x${i.offset.toString(16)}`),
      },
    };
  } catch (e) {
    return { bytes, uefi: { uefi: 'unknown', uefiBoot: false, reasons: [(e as Error).message], images: [] } };
  }
}

export async function buildDoctorReport(root: HostRoot, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const facts = gatherHostFacts(root);
  const scan = scanPciDevices(root);
  const devices = scan.devices;
  const vm = opts.vm;
  // The VM's devices that exist here (vm.devices reports the others), then any --device.
  const wanted = [
    ...(vm?.devices
      .map((d) => d.address)
      .filter((a): a is string => !!a && devices.some((x) => x.address === a)) ?? []),
    ...(opts.devices ?? []),
  ];
  const targets = selectTargets(devices, wanted, root.live ? undefined : root.name);
  const memoryBytes = opts.memoryBytes ?? vm?.memoryBytes;
  const roms = new Map<string, RomFact>();
  if (opts.readRoms) {
    for (const t of targets)
      if (t.hasRom && t.classCode >> 16 === 0x03) roms.set(t.address, await readRom(root, t));
  }
  const contexts = buildDeviceContexts(root, devices, targets, roms, scan.unreadable);
  if (vm) {
    for (const c of contexts) {
      const v = vm.devices.find((x) => x.address === c.device.address);
      c.vm = {
        firmware: vm.firmware.kind,
        romFile: v?.romFile,
        romBarOff: v?.romBarOff,
        managed: v?.managed,
      };
      if (v?.romFile) c.vm.romFileFact = await readRomFile(root, v.romFile, c.device);
    }
  }
  const checks = runChecks(facts, devices, targets, contexts, memoryBytes, wanted.length > 0, vm);
  checks.push(...setupDriftChecks(root, devices));
  const top = mostImportant(checks);
  const names: Record<string, string> = {};
  const { deviceNames } = await import('../pci/ids.js');
  const { loadPciIds } = await import('../host/pci-ids.js');
  const ids = loadPciIds();
  for (const c of contexts) {
    for (const d of [c.device, ...c.companions]) {
      const n = deviceNames(ids, d);
      if (n.vendor || n.device) names[d.address] = [n.vendor, n.device].filter(Boolean).join(' ');
    }
  }
  return {
    schema: 'vfiokit.doctor/1',
    root: root.name,
    kernel: facts.kernelRelease,
    cpuVendor: facts.cpu?.vendorId,
    devices: targets.map((t) => t.address),
    names,
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
      kernel: readKernelGroups(root),
      unreadable: scan.unreadable,
      flattened: scan.flattened,
    }),
  };
}
