/**
 * Can this host give its Intel IGD to a VM, and in which mode? Pure functions over the PCI
 * records and host facts already gathered. Every legacy-mode requirement of QEMU's
 * docs/igd-assign.txt and hw/vfio/igd.c (QEMU 10) is a check with its evidence; what cannot be
 * read is `unknown`, never passed.
 *
 * Legacy mode (IGD primary, exclusive, physical outputs, the VBIOS runs in the guest) needs on
 * the host: an Intel VGA-class device at 00:02.0 of a generation QEMU enables legacy mode for
 * (6-9), the kernel's IGD regions (Linux 4.6: OpRegion via ASLS, host bridge 00:00.0 and LPC
 * bridge 00:1f.0 config, drivers/vfio/pci/vfio_pci_igd.c), vfio VGA support, VGA decode not
 * disabled in GMCH, and a VBIOS (the ROM BAR or romfile=). UPT mode (IGD secondary) needs
 * Broadwell or newer for Intel's guest drivers.
 */

import type { PciDevice } from '../pci/types.js';
import type { Check, CheckId, Verdict } from '../readiness/check.js';
import { framebufferCheck } from '../readiness/checks/gpu.js';
import { atLeast, kernelVersion } from '../readiness/checks/kernel-version.js';
import type { HostFacts } from '../system/host-facts.js';
import { entriesWithin } from '../system/iomem.js';
import { hasParam, paramValues } from '../system/kernel-cmdline.js';
import { moduleOptions } from '../system/modprobe-config.js';
import type { Bar } from '../system/pci-resources.js';
import {
  type IgdGeneration,
  igdGeneration,
  LEGACY_AUTO_GENERATIONS,
  UPT_MIN_GENERATION,
} from './generation.js';
import { decodeIgdRegisters, hex, type IgdRegisters, sizeText } from './registers.js';

export const IGD_ADDRESS = '0000:00:02.0';

/** An Intel display-class function on the root bus: the integrated graphics (discrete Intel GPUs sit behind ports). */
export function isIgdCandidate(d: PciDevice): boolean {
  return d.vendorId === 0x8086 && d.classCode >> 16 === 0x03 && d.addr.domain === 0 && d.addr.bus === 0;
}

export function findIgd(devices: PciDevice[]): PciDevice | undefined {
  return devices.find((d) => d.address === IGD_ADDRESS && isIgdCandidate(d)) ?? devices.find(isIgdCandidate);
}

export interface IgdFacts {
  device: PciDevice;
  generation?: IgdGeneration;
  registers: IgdRegisters;
}

export function igdFacts(device: PciDevice): IgdFacts {
  const generation = igdGeneration(device.deviceId);
  return { device, generation, registers: decodeIgdRegisters(device.config?.bytes, generation?.gen) };
}

export type ModeVerdict = 'possible' | 'not-possible' | 'unknown';

export interface ModeAssessment {
  verdict: ModeVerdict;
  /** The checks that decided it (failed or unknown), by id. */
  because: string[];
}

const base = (id: string, title: string, device?: string) => ({
  id: `igd.${id}` as CheckId,
  group: 'igd' as const,
  title,
  device,
});
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function deviceCheck(f: IgdFacts): Check {
  const d = f.device;
  const id = `${d.address} [${hex4(d.vendorId)}:${hex4(d.deviceId)}] class ${d.classCode.toString(16).padStart(6, '0')}`;
  const b = base('device', 'Intel VGA device at 00:02.0', d.address);
  if (d.address !== IGD_ADDRESS) {
    return {
      ...b,
      verdict: 'fail',
      evidence: [id, 'the VBIOS and QEMU look for the IGD at host and guest address 00:02.0'],
      fix: 'legacy mode is not possible for an Intel display device elsewhere; use UPT mode',
    };
  }
  if (d.classCode >> 8 !== 0x0300) {
    return {
      ...b,
      verdict: 'fail',
      evidence: [id, 'not VGA class (0300): QEMU enables legacy mode only for a VGA-class IGD (vfio_is_vga)'],
      fix: 'the firmware set the IGD up as a non-VGA display (a discrete GPU is primary); make the IGD the primary display in the firmware setup, or use UPT mode',
    };
  }
  return { ...b, verdict: 'ok', evidence: [id, 'Intel, VGA class, at 00:02.0'] };
}

function generationCheck(f: IgdFacts): Check {
  const d = f.device;
  const b = base('generation', 'Generation QEMU supports for legacy mode', d.address);
  const g = f.generation;
  if (!g) {
    return {
      ...b,
      verdict: 'unknown',
      evidence: [
        `device ID 0x${hex4(d.deviceId)} is not in QEMU's generation table (hw/vfio/igd.c igd_gen(), QEMU 10)`,
        'QEMU applies no generation-specific handling to it (no stolen memory, no legacy mode)',
      ],
      fix: 'check a newer QEMU for this device; meanwhile only UPT mode without x-igd-* options is predictable',
    };
  }
  const ev = [`device ID 0x${hex4(d.deviceId)}: ${g.family}, gen ${g.gen} (${g.rule})`];
  if (g.gen < LEGACY_AUTO_GENERATIONS.min) {
    return { ...b, verdict: 'fail', evidence: [...ev, 'legacy mode needs Sandy Bridge (gen 6) or newer'] };
  }
  if (g.gen > LEGACY_AUTO_GENERATIONS.max) {
    return {
      ...b,
      verdict: 'fail',
      evidence: [
        ...ev,
        `QEMU 10 enables legacy mode only for gen ${LEGACY_AUTO_GENERATIONS.min}-${LEGACY_AUTO_GENERATIONS.max} and refuses x-igd-legacy-mode=on for others`,
      ],
      fix: 'use UPT mode (any guest address but 00:02.0) with x-igd-opregion=on for outputs, and an OVMF guest with an IGD option ROM that implements the fw_cfg ABI',
    };
  }
  return { ...b, verdict: 'ok', evidence: ev };
}

function kernelCheck(facts: HostFacts): Check {
  const b = base('kernel', 'Host kernel with vfio IGD regions (4.6 or newer)');
  const v = kernelVersion(facts.kernelRelease);
  const ok = atLeast(v, 4, 6);
  if (ok === undefined)
    return { ...b, verdict: 'unknown', evidence: ['the kernel release could not be read'] };
  const ev = [`kernel ${facts.kernelRelease}`];
  return ok
    ? {
        ...b,
        verdict: 'ok',
        evidence: [...ev, 'vfio-pci exposes the OpRegion and host/LPC bridge regions since 4.6'],
      }
    : {
        ...b,
        verdict: 'fail',
        evidence: [...ev, 'vfio-pci gained the IGD OpRegion and bridge regions in Linux 4.6'],
        fix: 'boot a kernel 4.6 or newer',
      };
}

function vgaSupportCheck(facts: HostFacts): Check {
  const b = base('vfio-vga', 'VGA support in vfio-pci');
  const evidence: string[] = [];
  let verdict: Verdict = 'ok';
  let fix: string | undefined;
  const cfg = facts.kernelConfig;
  const v = cfg?.values.get('CONFIG_VFIO_PCI_VGA');
  if (!cfg) {
    evidence.push('kernel config not readable (/boot/config-RELEASE or /proc/config.gz)');
    verdict = 'unknown';
  } else if (v === 'y') {
    evidence.push(`CONFIG_VFIO_PCI_VGA=y (${cfg.source})`);
  } else {
    evidence.push(
      `CONFIG_VFIO_PCI_VGA ${v === undefined || v === 'n' ? 'is not set' : `=${v}`} (${cfg.source})`,
    );
    verdict = 'fail';
    fix = 'legacy mode needs the VGA region: use a kernel built with CONFIG_VFIO_PCI_VGA=y';
  }
  // disable_vga=1 hides the VGA region even when built in: the live value, then what boot sets.
  const live = facts.moduleParams.get('vfio_pci.disable_vga');
  const set = [
    ...(facts.cmdline ? paramValues(facts.cmdline, 'vfio_pci.disable_vga') : []).map(
      (x) => `vfio_pci.disable_vga=${x} on the kernel command line`,
    ),
    ...moduleOptions(facts.modprobe, 'vfio_pci', 'disable_vga').map(
      (o) => `options vfio-pci disable_vga=${o.value ?? ''} (${o.file})`,
    ),
  ];
  const truthy = (x: string) => /^(1|y|Y)$/.test(x.trim());
  if (live !== undefined) {
    evidence.push(`/sys/module/vfio_pci/parameters/disable_vga = ${live.trim()}`);
    if (truthy(live)) {
      verdict = 'fail';
      fix =
        'vfio-pci runs with disable_vga=1: remove it (modprobe.d or the kernel command line) and reload vfio-pci';
    }
  }
  for (const s of set) {
    evidence.push(s);
    if (truthy(s.replace(/^.*disable_vga=(\S+).*$/, '$1')) && verdict !== 'fail') {
      verdict = 'fail';
      fix = 'remove disable_vga=1 from the vfio-pci options';
    }
  }
  return { ...b, verdict, evidence, ...(fix ? { fix } : {}) };
}

function vgaDecodeCheck(f: IgdFacts): Check {
  const b = base('vga-decode', 'IGD decodes legacy VGA (GMCH VGA disable clear)', f.device.address);
  const g = f.registers.gmch;
  if (!g) return { ...b, verdict: 'unknown', evidence: f.registers.unknown };
  const ev = `GMCH (0x50) = ${hex(g.raw, 4)}, IGD VGA Disable (bit 1) ${g.vgaDisabled ? 'set' : 'clear'}`;
  return g.vgaDisabled
    ? {
        ...b,
        verdict: 'fail',
        evidence: [ev, 'QEMU enables legacy mode only when the IGD claims VGA cycles on the host'],
        fix: 'make the IGD the primary display in the firmware setup (a discrete GPU took VGA), or use UPT mode',
      }
    : { ...b, verdict: 'ok', evidence: [ev] };
}

function romCheck(f: IgdFacts): Check {
  const b = base('rom', 'A VGA ROM (VBIOS) for the guest', f.device.address);
  const note = 'rombar=0 (libvirt <rom bar="off"/>) disables legacy mode';
  if (f.device.hasRom) {
    return {
      ...b,
      verdict: 'ok',
      evidence: [
        `${f.device.address}/rom exists: vfio-pci offers the ROM (or the shadowed VBIOS of the boot VGA)`,
        note,
      ],
      fix: 'a host booted in UEFI mode without CSM may have no legacy VBIOS: if the guest shows nothing, dump it (vfiokit rom dump) and give romfile=',
    };
  }
  return {
    ...b,
    verdict: 'warn',
    evidence: [`${f.device.address} has no rom attribute: vfio-pci offers no VBIOS`, note],
    fix: 'give the VBIOS as romfile= (a legacy VBIOS for SeaBIOS; for OVMF an IGD option ROM with a GOP driver)',
  };
}

function bridgeCheck(devices: PciDevice[], addr: string, cls: number, what: string, region: string): Check {
  const b = base(addr === '0000:00:00.0' ? 'host-bridge' : 'lpc-bridge', `Intel ${what} at ${addr.slice(5)}`);
  const d = devices.find((x) => x.address === addr);
  if (!d) {
    return {
      ...b,
      verdict: 'fail',
      evidence: [
        `no PCI device ${addr}`,
        `vfio-pci needs it for the ${region} region (vfio_pci_igd_cfg_init)`,
      ],
      fix: 'this platform lacks the bridge the IGD VBIOS reads; legacy mode is not possible',
    };
  }
  const ev = `${addr} [${hex4(d.vendorId)}:${hex4(d.deviceId)}] class ${d.classCode.toString(16).padStart(6, '0')}`;
  if (d.vendorId !== 0x8086 || d.classCode !== cls) {
    return {
      ...b,
      verdict: 'fail',
      evidence: [
        ev,
        `vfio-pci offers the ${region} region only for an Intel device of class ${cls.toString(16).padStart(6, '0')}`,
      ],
      fix: 'legacy mode is not possible on this platform; use UPT mode',
    };
  }
  return { ...b, verdict: 'ok', evidence: [ev, `vfio-pci copies its IDs into the guest (${region})`] };
}

function opregionCheck(f: IgdFacts): Check {
  const b = base('opregion', 'OpRegion (ASLS, config 0xFC)', f.device.address);
  const a = f.registers.asls;
  if (a === undefined)
    return { ...b, verdict: 'unknown', evidence: f.registers.unknown.filter((u) => u.startsWith('ASLS')) };
  if (a === null) {
    return {
      ...b,
      verdict: 'fail',
      evidence: ['ASLS (0xFC) is 0: the firmware published no OpRegion'],
      fix: 'without an OpRegion vfio-pci offers no IGD regions and QEMU does not treat the device as an IGD; check the firmware setup (IGD enabled, not headless)',
    };
  }
  return {
    ...b,
    verdict: 'ok',
    evidence: [
      `ASLS = ${hex(a)}: the OpRegion is at physical ${hex(a)}; vfio-pci copies it into etc/igd-opregion`,
    ],
  };
}

function stolenCheck(f: IgdFacts): Check {
  const b = base('stolen', 'Graphics stolen memory (etc/igd-bdsm-size)', f.device.address);
  const g = f.registers.gmch;
  if (!g) return { ...b, verdict: 'unknown', evidence: f.registers.unknown };
  const gen = f.generation?.gen as number;
  const ev = [
    `GMCH = ${hex(g.raw, 4)}: GMS 0x${g.gms.toString(16)} (${gen < 8 ? 'bits 7:3' : 'bits 15:8'}, gen ${gen}) = ${sizeText(g.stolenBytes)}`,
  ];
  const bd = f.registers.bdsm;
  if (bd)
    ev.push(
      `BDSM (0x${bd.offset.toString(16)}, ${bd.width}-bit) = ${hex(bd.raw, bd.width / 4)}: host stolen memory at ${hex(bd.base)}`,
    );
  if (!g.plausible) {
    return {
      ...b,
      verdict: 'unknown',
      evidence: [...ev, `GMS 0x${g.gms.toString(16)} is not an encoding gen ${gen} documents`],
    };
  }
  if (g.stolenBytes === 0) {
    return {
      ...b,
      verdict: 'warn',
      evidence: [...ev, 'no stolen memory: the VBIOS has nowhere for its framebuffer'],
      fix: 'set "DVMT pre-allocated" in the firmware setup (32-64 MiB), or x-igd-gms=',
    };
  }
  return {
    ...b,
    verdict: 'ok',
    evidence: [
      ...ev,
      `QEMU asks the guest firmware to reserve ${sizeText(g.stolenBytes)} (1 MiB aligned, below 4 GiB)`,
    ],
  };
}

function driverCheck(d: PciDevice): Check {
  const b = base('driver', 'Host driver kept away from the IGD', d.address);
  const unknown = d.unknownFacts?.find((u) => u.fact === 'driver');
  if (unknown) return { ...b, verdict: 'unknown', evidence: [unknown.reason] };
  const ov = d.driverOverride ? `, driver_override ${d.driverOverride}` : '';
  if (d.driver === 'vfio-pci') return { ...b, verdict: 'ok', evidence: [`${d.address} on vfio-pci${ov}`] };
  if (!d.driver) return { ...b, verdict: 'ok', evidence: [`${d.address} has no driver${ov}`] };
  return {
    ...b,
    verdict: 'warn',
    evidence: [
      `${d.address} on ${d.driver}${ov}`,
      'i915 may fault when it binds again after the device was assigned (QEMU docs/igd-assign.txt)',
    ],
    fix: `keep ${d.driver} away: echo vfio-pci > /sys/bus/pci/devices/${d.address}/driver_override, or blacklist ${d.driver}, or virsh nodedev-detach then managed='no' in the domain XML`,
  };
}

function videoCmdlineCheck(facts: HostFacts, fb: Check): Check {
  const b = base('video-off', 'Firmware framebuffer drivers off (video=vesafb:off,efifb:off)');
  if (!facts.cmdline) return { ...b, verdict: 'unknown', evidence: ['/proc/cmdline not readable'] };
  const vals = paramValues(facts.cmdline, 'video');
  const off = vals.flatMap((v) => v.split(',')).filter((v) => /^(vesafb|efifb):off$/.test(v));
  const ev = vals.length
    ? vals.map((v) => `video=${v} on the kernel command line`)
    : ['no video= on the kernel command line'];
  if (hasParam(facts.cmdline, 'initcall_blacklist')) {
    ev.push(...paramValues(facts.cmdline, 'initcall_blacklist').map((v) => `initcall_blacklist=${v}`));
  }
  if (off.length >= 2 || fb.verdict === 'ok') return { ...b, verdict: 'ok', evidence: ev };
  return {
    ...b,
    verdict: fb.verdict === 'unknown' ? 'unknown' : 'warn',
    evidence: [...ev, `framebuffer check: ${fb.verdict}`],
    fix: 'the IGD is usually the host console: boot with video=vesafb:off,efifb:off so no firmware framebuffer holds its BAR ("Failed to mmap 0000:00:02.0 BAR" is the sign)',
  };
}

export interface IgdCheckInput {
  facts: HostFacts;
  devices: PciDevice[];
  /** The IGD's BARs (sysfs resource), for the framebuffer check. */
  bars: Bar[];
  /** /proc/ioports text, when readable: who holds the IGD's I/O ranges. */
  ioports?: string;
}

export interface IgdAssessment {
  igd?: IgdFacts;
  checks: Check[];
  legacy: ModeAssessment;
  upt: ModeAssessment;
  /** Holders of the IGD's I/O BAR and the VGA ports in /proc/ioports (one line each). */
  ioports: string[];
  /** Ranges inside the IGD's memory BARs in /proc/iomem, with who holds them (one line each). */
  iomem: string[];
}

const LEGACY_IDS = [
  'igd.device',
  'igd.generation',
  'igd.kernel',
  'igd.vfio-vga',
  'igd.vga-decode',
  'igd.host-bridge',
  'igd.lpc-bridge',
  'igd.opregion',
];

function mode(checks: Check[], ids: string[]): ModeAssessment {
  const relevant = checks.filter((c) => ids.includes(c.id));
  const failed = relevant.filter((c) => c.verdict === 'fail').map((c) => c.id);
  if (failed.length) return { verdict: 'not-possible', because: failed };
  const unknown = relevant.filter((c) => c.verdict === 'unknown').map((c) => c.id);
  if (unknown.length || relevant.length < ids.length) return { verdict: 'unknown', because: unknown };
  return { verdict: 'possible', because: [] };
}

function uptCheck(f: IgdFacts): Check {
  const b = base('upt', 'Generation for UPT mode (Broadwell or newer)', f.device.address);
  const g = f.generation;
  if (!g)
    return {
      ...b,
      verdict: 'unknown',
      evidence: [`device ID 0x${hex4(f.device.deviceId)} has no known generation`],
    };
  return g.gen >= UPT_MIN_GENERATION
    ? {
        ...b,
        verdict: 'ok',
        evidence: [`gen ${g.gen} (${g.family}): Intel's guest drivers support UPT mode`],
      }
    : {
        ...b,
        verdict: 'fail',
        evidence: [
          `gen ${g.gen} (${g.family}): Intel's guest drivers support UPT mode from Broadwell (gen 8)`,
        ],
      };
}

function ioportHolders(text: string | undefined, bars: Bar[]): string[] {
  if (text === undefined) return [];
  const io = bars.filter((b) => !b.memory && b.index < 6);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.*)$/.exec(line);
    if (!m) continue;
    const s = BigInt(`0x${m[1]}`);
    const e = BigInt(`0x${m[2]}`);
    // The legacy VGA ports themselves (0x3b0-0x3df), not the bus windows that contain them.
    const vga = s >= 0x3b0n && e <= 0x3dfn;
    const inBar = io.some((b) => s >= b.start && e <= b.end);
    if ((vga || inBar) && !(s === 0n && e === 0n)) out.push(`${m[1]}-${m[2]} : ${m[3].trim()}`);
  }
  return out;
}

function iomemHolders(facts: HostFacts, bars: Bar[]): string[] {
  if (!facts.iomem || facts.iomem.zeroed) return [];
  const out: string[] = [];
  for (const b of bars.filter((x) => x.memory && x.index < 6)) {
    for (const e of entriesWithin(facts.iomem, b.start, b.end)) {
      out.push(`${e.start.toString(16)}-${e.end.toString(16)} : ${e.name}`);
    }
  }
  return out;
}

export function assessIgd(input: IgdCheckInput): IgdAssessment {
  const device = findIgd(input.devices);
  if (!device) {
    return {
      checks: [],
      legacy: { verdict: 'not-possible', because: ['no Intel integrated graphics'] },
      upt: { verdict: 'not-possible', because: ['no Intel integrated graphics'] },
      ioports: [],
      iomem: [],
    };
  }
  const f = igdFacts(device);
  const fbRaw = framebufferCheck({ device, companions: [], groupDevices: [], bars: input.bars }, input.facts);
  const fb: Check = { ...fbRaw, id: 'igd.framebuffer', group: 'igd' };
  const checks: Check[] = [
    deviceCheck(f),
    generationCheck(f),
    kernelCheck(input.facts),
    vgaSupportCheck(input.facts),
    vgaDecodeCheck(f),
    bridgeCheck(input.devices, '0000:00:00.0', 0x060000, 'host bridge', 'IGD host bridge config'),
    bridgeCheck(input.devices, '0000:00:1f.0', 0x060100, 'ISA/LPC bridge', 'IGD LPC bridge config'),
    opregionCheck(f),
    romCheck(f),
    stolenCheck(f),
    uptCheck(f),
    driverCheck(device),
    fb,
    videoCmdlineCheck(input.facts, fb),
  ];
  return {
    igd: f,
    checks,
    legacy: mode(checks, LEGACY_IDS),
    upt: mode(checks, ['igd.upt']),
    ioports: ioportHolders(input.ioports, input.bars),
    iomem: iomemHolders(input.facts, input.bars),
  };
}

/** What the guest side of legacy mode needs; vfiokit cannot see a VM here, so these are rules. */
export const LEGACY_VM_REQUIREMENTS = [
  'guest address 00:02.0 on the root bus (-device vfio-pci,host=00:02.0,bus=pci.0,addr=0x2)',
  'an i440fx machine (QEMU 10 enables legacy mode only for the pc_piix family; its host bridge is at 00.0)',
  'nothing else at guest 00:1f.0: QEMU creates its vfio-pci-igd-lpc-bridge there (q35 has its own LPC bridge)',
  'no other display: -nographic with -vga none or -nodefaults',
  'no hotplug: the IGD must be present at start',
  'ROM BAR on (no rombar=0), or romfile= with the VBIOS',
  'a firmware that implements etc/igd-opregion and etc/igd-bdsm-size (upstream SeaBIOS does, for gen < 11; OVMF needs an IGD option ROM such as IgdAssignmentDxe)',
];

/** Notes from QEMU's docs/igd-assign.txt that no host file can check. */
export const IGD_ADVICE = [
  '"Failed to mmap 0000:00:02.0 BAR <n>. Performance may be slow" means a host driver (a firmware framebuffer) still holds part of the BAR: see /proc/iomem and /proc/ioports',
  'a few DMAR faults when the IGD is first assigned are expected (it touches the GTT it no longer owns after reset); faults that keep coming are not',
  'analog VGA outputs, and DP-to-VGA adapters, may show nothing; digital outputs (HDMI, DVI, DisplayPort) work best',
];
