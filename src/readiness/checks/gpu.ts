/**
 * Per-device checks for a GPU (or any device given with --device): who holds it, whether a
 * framebuffer sits in its BARs, its companion functions (HDMI audio), its IOMMU group's
 * viability, its reset methods and its option ROM.
 *
 * Facts used:
 * - boot_vga=1 marks the device the firmware used for the console (drivers/pci/pci-sysfs.c);
 *   its ROM is usually shadowed and the firmware framebuffer lives in its BAR.
 * - Firmware framebuffers (efifb, vesafb, simplefb / simple-framebuffer, and the "BOOTFB"
 *   placeholder sysfb registers since 5.15) claim a range inside the GPU's BAR in /proc/iomem;
 *   vfio-pci then cannot reserve it ("BAR 0: can't reserve") and QEMU falls back to slow
 *   trapped access ("Failed to mmap ... BAR ... Performance may be slow"). Boot options that
 *   keep them away: video=efifb:off, video=vesafb:off, initcall_blacklist=sysfb_init.
 * - reset_method (Linux 5.15+, drivers/pci/pci.c pci_reset_fn_methods) lists what the kernel can
 *   do: flr, pm, bus, ... Without FLR a GPU is reset with a PM or secondary bus reset, which many
 *   GPUs survive badly (the AMD Polaris/Vega/Navi "reset bug": the card works once per host boot).
 * - The GPU and its audio function share a slot; without ACS between functions they share a group,
 *   and a GPU on vfio-pci with its audio on snd_hda_intel is not viable (DESIGN.md, lab-verified).
 */
import { type GroupVerdict, isVfioDriver } from '../../iommu/viability.js';
import { iommuEnabled, isDisplay, onHostDriver, sameSlot } from '../../pci/domain.js';
import { formatClassCode, formatIdPair } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { HostFacts } from '../../system/host-facts.js';
import { entriesWithin } from '../../system/iomem.js';
import { type Bar, barName, hexRange } from '../../system/pci-resources.js';
import type { VmFirmware } from '../../vm/definition.js';
import type { Check, CheckId } from '../check.js';

export const HOST_GPU_DRIVERS = new Set(['nvidia', 'nouveau', 'amdgpu', 'radeon', 'i915', 'xe']);
const FB_NAMES =
  /^(efifb|vesafb|simplefb|simple-framebuffer(\.\d+)?|BOOTFB|vesafb\.\d+|efi-framebuffer(\.\d+)?)$/i;

export interface RomFact {
  /** Bytes read (possibly empty). */
  bytes?: Uint8Array;
  /** Why it could not be read. */
  error?: string;
  /** Verdict from the ROM toolkit when bytes were parsed. */
  uefi?: {
    /** The ROM toolkit's tri-state answer (src/rom/verdict.ts). */
    uefi: 'yes' | 'no' | 'unknown';
    uefiBoot: boolean;
    reasons: string[];
    fixable?: boolean;
    images: string[];
  };
}

export interface DeviceContext {
  device: PciDevice;
  /** Other functions in the same slot (domain:bus:device), e.g. HDMI audio. */
  companions: PciDevice[];
  /** Functions in the same slot whose sysfs entry could not be read (a companion of unknown state). */
  unreadableCompanions?: { address: string; reason: string }[];
  group?: GroupVerdict;
  groupDevices: PciDevice[];
  bars: Bar[];
  rom?: RomFact;
  /** Set when doctor checks a VM definition that assigns this device (doctor --vm). */
  vm?: VmDeviceFacts;
}

export interface VmDeviceFacts {
  firmware: VmFirmware;
  /** The ROM file the VM gives the guest instead of the device's own (romfile=, <rom file=…/>). */
  romFile?: string;
  romFileFact?: RomFact;
  /** rombar=0 / <rom bar='off'/>: the guest sees no ROM at all. */
  romBarOff?: boolean;
  /** libvirt managed='yes': libvirt moves the device to vfio-pci at start and back after. */
  managed?: boolean;
}

export const describe = (d: PciDevice) =>
  `${d.address} [${formatIdPair(d.vendorId, d.deviceId)}] class ${formatClassCode(d.classCode)}${d.names?.device ? ` ${d.names.device}` : ''}`;

/** Why the driver of this device is unknown (its link could not be read), if it is. */
export const driverUnknown = (d: PciDevice) => d.unknownFacts?.find((f) => f.fact === 'driver')?.reason;

/** The driver for evidence lines: its name, "none", or "unknown" when its link could not be read. */
export const driverText = (d: PciDevice) => d.driver ?? (driverUnknown(d) ? 'unknown' : 'none');

/** No host driver holds it: unbound, on a vfio driver, or on pci-stub. */
export const freeForVfio = (d: PciDevice) => !onHostDriver(d.driver);

export function bootVgaCheck(ctx: DeviceContext): Check {
  const d = ctx.device;
  const base = {
    id: 'gpu.boot-vga' as const,
    group: 'gpu' as const,
    title: 'Boot VGA device',
    device: d.address,
  };
  const doubt = d.unknownFacts?.find((f) => f.fact === 'boot_vga');
  if (doubt) return { ...base, verdict: 'unknown', evidence: [doubt.reason] };
  if (d.bootVga === undefined)
    return {
      ...base,
      verdict: 'ok',
      evidence: [`${d.address} has no boot_vga attribute (not a VGA-class device)`],
    };
  if (!d.bootVga)
    return {
      ...base,
      verdict: 'ok',
      evidence: [`${d.address} boot_vga=0: the firmware console is on another device`],
    };
  return {
    ...base,
    verdict: 'warn',
    evidence: [`${d.address} boot_vga=1: the firmware drew the console on it`],
    fix: 'the boot GPU keeps a firmware framebuffer and a shadowed ROM: boot with video=efifb:off (and initcall_blacklist=sysfb_init on 5.15+), pass a ROM file (romfile=) if its ROM reads empty, or make another GPU primary in the firmware setup',
  };
}

export function driverCheck(ctx: DeviceContext): Check {
  const d = ctx.device;
  const base = { id: 'gpu.driver' as const, group: 'gpu' as const, title: 'Host driver', device: d.address };
  const evidence = [
    `${describe(d)} driver ${d.driver ?? 'none'}${d.driverOverride ? `, driver_override=${d.driverOverride}` : ''}`,
  ];
  const unknownDriver = driverUnknown(d);
  if (unknownDriver) return { ...base, verdict: 'unknown', evidence: [describe(d), unknownDriver] };
  const sysfs = `/sys/bus/pci/devices/${d.address}`;
  const bindSteps = `echo vfio-pci > ${sysfs}/driver_override, unbind it, then echo ${d.address} > /sys/bus/pci/drivers_probe`;
  if (isVfioDriver(d.driver)) return { ...base, verdict: 'ok', evidence };
  const managed = ctx.vm?.managed === true;
  // driver_override wins over every ID table: set to another driver, vfio-pci can never bind
  // (libvirt's managed='yes' writes its own value, so it is not stuck).
  if (d.driverOverride && d.driverOverride !== 'vfio-pci' && !managed) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [
        ...evidence,
        `driver_override=${d.driverOverride}: only ${d.driverOverride} may bind, not even vfio-pci.ids can claim it`,
      ],
      fix: `echo vfio-pci > ${sysfs}/driver_override (or clear it with an empty write), then unbind it and echo ${d.address} > /sys/bus/pci/drivers_probe`,
    };
  }
  if (!d.driver || d.driver === 'pci-stub') {
    if (managed) {
      evidence.push("the VM's <hostdev managed='yes'>: libvirt binds vfio-pci at start");
      return { ...base, verdict: 'ok', evidence };
    }
    return {
      ...base,
      verdict: 'warn',
      evidence: [
        ...evidence,
        `${d.driver ? 'pci-stub keeps the host off it' : 'no host driver holds it'}, but QEMU can assign it only on vfio-pci`,
      ],
      fix: `bind ${d.address} to vfio-pci before starting the VM (${bindSteps}), or let libvirt do it (managed='yes')`,
    };
  }
  const gpuDriver = HOST_GPU_DRIVERS.has(d.driver);
  if (managed) {
    evidence.push(
      `the VM's <hostdev managed='yes'>: libvirt unbinds ${d.driver} and binds vfio-pci at start`,
    );
    if (!gpuDriver) return { ...base, verdict: 'ok', evidence };
    return {
      ...base,
      verdict: 'warn',
      evidence,
      fix: `libvirt can take ${d.address} from ${d.driver} only while nothing uses it: stop the display server or console on this GPU before starting the VM (or claim it at boot with vfio-pci.ids)`,
    };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence,
    fix: `${d.address} is held by ${d.driver}${gpuDriver ? ' (a host graphics driver: stop the display server using it first)' : ''}; bind it to vfio-pci before starting the VM (${bindSteps}), or claim it at boot with vfio-pci.ids`,
  };
}

export function framebufferCheck(ctx: DeviceContext, f: HostFacts): Check {
  const d = ctx.device;
  const base = {
    id: 'gpu.framebuffer' as const,
    group: 'gpu' as const,
    title: 'Framebuffer in the BARs',
    device: d.address,
  };
  const mem = ctx.bars.filter((b) => b.memory && b.index < 6);
  if (!mem.length)
    return { ...base, verdict: 'unknown', evidence: [`${d.address}: no memory BARs in sysfs resource`] };
  if (!f.iomem) return { ...base, verdict: 'unknown', evidence: ['/proc/iomem not readable'] };
  if (f.iomem.zeroed) {
    return {
      ...base,
      verdict: 'unknown',
      evidence: [
        '/proc/iomem shows all addresses as 0 to non-root readers: run as root to compare it with the BARs',
      ],
    };
  }
  const hits: string[] = [];
  for (const b of mem) {
    for (const e of entriesWithin(f.iomem, b.start, b.end)) {
      if (FB_NAMES.test(e.name))
        hits.push(
          `${e.name} holds [mem 0x${e.start.toString(16)}-0x${e.end.toString(16)}] inside ${barName(b)} ${hexRange(b)}`,
        );
    }
  }
  const evidence = mem.map((b) => `${barName(b)} ${hexRange(b)}`);
  if (!hits.length)
    return {
      ...base,
      verdict: 'ok',
      evidence: [...evidence, 'no efifb/vesafb/simplefb/BOOTFB range inside them (/proc/iomem)'],
    };
  const fix =
    'keep firmware framebuffers off this GPU: boot with video=efifb:off video=vesafb:off, and initcall_blacklist=sysfb_init on kernels 5.15+ (BOOTFB/simplefb), or make another GPU primary';
  if (isVfioDriver(d.driver)) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [
        ...evidence,
        ...hits,
        'vfio-pci cannot reserve these BARs: QEMU will trap every access (slow) or fail',
      ],
      fix,
    };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence: [...evidence, ...hits, 'this will conflict once the GPU is given to vfio-pci'],
    fix,
  };
}

export function audioCheck(ctx: DeviceContext): Check {
  const d = ctx.device;
  const base = {
    id: 'gpu.audio' as const,
    group: 'gpu' as const,
    title: 'Companion functions (HDMI audio, USB-C)',
    device: d.address,
  };
  const lost = ctx.unreadableCompanions ?? [];
  if (lost.length)
    return {
      ...base,
      verdict: 'unknown',
      evidence: lost.map((u) => `${u.address} (same slot) could not be read: ${u.reason}`),
    };
  if (!ctx.companions.length)
    return { ...base, verdict: 'ok', evidence: [`${d.address} has no other function in its slot`] };
  const evidence = ctx.companions.map(
    (c) => `${describe(c)} driver ${driverUnknown(c) ? 'unknown' : (c.driver ?? 'none')}`,
  );
  const unknown = [d, ...ctx.companions].map(driverUnknown).filter((r): r is string => r !== undefined);
  if (unknown.length) return { ...base, verdict: 'unknown', evidence: [...evidence, ...unknown] };
  const held = ctx.companions.filter((c) => !freeForVfio(c));
  if (!held.length)
    return {
      ...base,
      verdict: 'ok',
      evidence: [...evidence, 'all companions are free for VFIO: assign them with the GPU'],
    };
  const list = held.map((c) => `${c.address} (${c.driver})`).join(', ');
  const fix = `bind ${held.map((c) => c.address).join(' ')} to vfio-pci together with ${d.address} and assign them to the same VM (as a multifunction device)`;
  if (isVfioDriver(d.driver)) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [...evidence, `${d.address} is on vfio-pci but ${list} still on a host driver`],
      fix,
    };
  }
  return { ...base, verdict: 'warn', evidence, fix };
}

const groupBase = (d: PciDevice) =>
  ({ id: 'gpu.group', group: 'gpu', title: 'IOMMU group viability', device: d.address }) as const;

export function groupCheck(ctx: DeviceContext, f: HostFacts): Check {
  const d = ctx.device;
  const base = groupBase(d);
  if (!ctx.group) return noGroupVerdict(d, f);
  const g = ctx.group;
  const evidence = groupEvidence(g);
  if (g.verdict === 'unknown')
    return { ...base, verdict: 'unknown', evidence: [...evidence, ...g.unknownReasons] };
  if (g.viable) return { ...base, verdict: 'ok', evidence };
  return blockedGroupVerdict(ctx, g, evidence);
}

/**
 * A device in no group: unknown when the groups cannot be read or the IOMMU is on (the kernel
 * should have listed it), a failure when there are no groups at all (the IOMMU is off).
 */
function noGroupVerdict(d: PciDevice, f: HostFacts): Check {
  const base = groupBase(d);
  if (f.iommuGroupsError)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [`/sys/kernel/iommu_groups cannot be read: ${f.iommuGroupsError}`],
    };
  const link =
    d.iommuGroup === undefined
      ? 'and it has no iommu_group link'
      : `although its iommu_group link points to group ${d.iommuGroup}`;
  return {
    ...base,
    verdict: iommuEnabled(f.iommuGroups) ? 'unknown' : 'fail',
    evidence: [
      iommuEnabled(f.iommuGroups)
        ? `no group directory of the kernel lists ${d.address}, ${link}`
        : 'no IOMMU groups: the IOMMU is off',
    ],
    fix: iommuEnabled(f.iommuGroups)
      ? undefined
      : 'enable the IOMMU (see above); devices cannot be assigned without a group',
  };
}

/** The group's size and state, then one line per member with its driver. */
function groupEvidence(g: NonNullable<DeviceContext['group']>): string[] {
  const count = g.members.length + g.unknown.filter((a) => !g.members.some((m) => m.address === a)).length;
  const state = g.verdict === 'unknown' ? 'viability unknown' : g.viable ? 'viable now' : 'not viable now';
  return [
    `group ${g.group}: ${count} device${count === 1 ? '' : 's'}, ${state}`,
    ...g.members.map(
      (m) =>
        `  ${m.address} driver ${m.state === 'unknown' ? 'unknown' : (m.driver ?? 'none')}${m.bridge ? ' (bridge)' : ''}${m.blocks ? ' - blocks' : ''}`,
    ),
  ];
}

/**
 * A group not viable now: devices outside the card sharing it fail (they must leave the host
 * too); only the card's own functions blocking is expected before binding, a failure after.
 */
function blockedGroupVerdict(
  ctx: DeviceContext,
  g: NonNullable<DeviceContext['group']>,
  evidence: string[],
): Check {
  const d = ctx.device;
  const base = groupBase(d);
  const byAddr = new Map(ctx.groupDevices.map((x) => [x.address, x]));
  const member = (a: string) => ctx.groupDevices.find((x) => x.address === a);
  const foreign = [...g.mustBind, ...g.mustUnbind].filter((a) => {
    const m = member(a);
    return a !== d.address && !(m && sameSlot(m, d));
  });
  const bindList = g.mustBind.join(' ');
  if (foreign.length) {
    const reasons = foreign.map((a) => {
      const m = g.members.find((x) => x.address === a);
      const rec = byAddr.get(a);
      return `${a}${rec ? ` [${formatClassCode(rec.classCode)}]` : ''} on ${m?.driver ?? 'none'}${m?.hostCritical ? `: ${m.hostCritical}` : ''}`;
    });
    return {
      ...base,
      verdict: 'fail',
      evidence: [...evidence, `devices outside this card share the group: ${reasons.join('; ')}`],
      fix: `every device in group ${g.group} must leave its host driver (bind: ${bindList || 'none'}${g.mustUnbind.length ? `; unbind bridges: ${g.mustUnbind.join(' ')}` : ''}); if that takes something the host needs, move the card to another slot (explain with: vfiokit explain ${d.address})`,
    };
  }
  // Only the card's own functions block: expected before binding, a half-finished bind after.
  const halfBound = isVfioDriver(d.driver);
  return {
    ...base,
    verdict: halfBound ? 'fail' : 'warn',
    evidence: halfBound
      ? [...evidence, `${d.address} is already on vfio-pci, so a VM start would fail now`]
      : evidence,
    fix: `bind ${bindList} to vfio-pci (the card's own functions; bridges on pcieport can stay)`,
  };
}

export function resetCheck(ctx: DeviceContext): Check {
  const d = ctx.device;
  const base = { id: 'gpu.reset' as const, group: 'gpu' as const, title: 'Reset methods', device: d.address };
  const methods = d.resetMethods;
  if (methods === undefined) {
    if (d.pcie) {
      return d.pcie.flr
        ? {
            ...base,
            verdict: 'ok',
            evidence: ['PCIe Device Capabilities: FLR supported (no reset_method attribute on this kernel)'],
          }
        : {
            ...base,
            verdict: 'warn',
            evidence: ['PCIe Device Capabilities: no FLR (no reset_method attribute on this kernel)'],
            fix: 'without Function Level Reset the GPU may not reset between VM runs: expect to reboot the host or use vendor-reset for AMD cards',
          };
    }
    const doubt = d.unknownFacts?.find((x) => x.fact === 'config' || x.fact === 'response');
    return {
      ...base,
      verdict: 'unknown',
      evidence: [
        doubt
          ? `no reset_method attribute, and ${doubt.reason}`
          : 'no reset_method attribute and the PCIe capability could not be read (run as root)',
      ],
    };
  }
  const evidence = [`${d.address} reset_method: ${methods.join(' ') || '(empty)'}`];
  if (!methods.length) {
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: 'the kernel has no way to reset this device: it will not work again after the first VM run without a host reboot',
    };
  }
  if (methods.includes('flr')) return { ...base, verdict: 'ok', evidence };
  return {
    ...base,
    verdict: 'warn',
    evidence: [...evidence, 'no Function Level Reset'],
    fix: `only ${methods.join('/')} reset: many GPUs (notably AMD Polaris/Vega/Navi) fail to come back after a VM stops; for AMD try the vendor-reset module, otherwise plan on host reboots between runs`,
  };
}

export function romCheck(ctx: DeviceContext): Check {
  const d = ctx.device;
  const base = {
    id: 'gpu.rom' as const,
    group: 'gpu' as const,
    title: 'Option ROM with a UEFI image',
    device: d.address,
  };
  const vm = ctx.vm;
  if (vm?.romBarOff) {
    return vm.firmware === 'ovmf'
      ? {
          ...base,
          verdict: 'warn',
          evidence: ['the VM hides the ROM BAR (rombar=0 / <rom bar="off"/>)'],
          fix: "OVMF needs the GPU's EFI image to show anything before the guest driver loads: remove rombar=0 unless this GPU is a secondary display",
        }
      : {
          ...base,
          verdict: 'ok',
          evidence: ['the VM hides the ROM BAR (rombar=0 / <rom bar="off"/>): fine for a secondary GPU'],
        };
  }
  if (vm?.romFile) {
    const judged = judgeRom(base, vm.romFileFact ?? { error: 'not read' }, `the VM's ROM file ${vm.romFile}`);
    return forFirmware(judged, vm.firmware);
  }
  if (!d.hasRom)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [`${d.address} has no rom attribute (no expansion ROM BAR)`],
    };
  if (!ctx.rom)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [
        'ROM not read: doctor reads option ROMs only with --roms (the read enables the ROM BAR; run as root), or dump it with `vfiokit rom dump`',
      ],
    };
  const judged = judgeRom(base, ctx.rom, `${d.address}/rom`);
  return vm ? forFirmware(judged, vm.firmware) : judged;
}

type RomBase = { id: CheckId; group: 'gpu'; title: string; device: string };

function judgeRom(base: RomBase, r: RomFact, source: string): Check {
  if (r.error) return { ...base, verdict: 'unknown', evidence: [`${source}: ${r.error}`] };
  if (!r.bytes || r.bytes.length === 0) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [`reading ${source} gave 0 bytes`],
      fix: 'a host driver initialised the GPU or it is the boot GPU with a shadowed ROM: read it before any driver binds (vfio-pci.ids at boot), or give QEMU a ROM file (romfile=)',
    };
  }
  const u = r.uefi;
  if (!u)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [`${source}: read ${r.bytes.length} bytes but could not parse them`],
    };
  const evidence = [
    `${source}: ${r.bytes.length} bytes; images: ${u.images.join(', ') || 'none'}`,
    ...u.reasons,
  ];
  if (u.uefi === 'yes') return { ...base, verdict: 'ok', evidence };
  if (u.uefi === 'unknown') return { ...base, verdict: 'unknown', evidence };
  if (u.images.length === 0) {
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: "no valid option ROM image: get the card's ROM file from its vendor and pass it with romfile=",
    };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence,
    fix: u.fixable
      ? 'the ROM needs fixing first: vfiokit rom fix'
      : 'no usable UEFI image: OVMF cannot show this GPU before the guest driver loads; use SeaBIOS, or a vendor ROM with an EFI image (romfile=)',
  };
}

/** With a VM definition the firmware is known: a missing UEFI image matters only under OVMF. */
function forFirmware(c: Check, firmware: VmFirmware): Check {
  if (c.verdict !== 'warn') return c;
  if (firmware === 'seabios') {
    return {
      ...c,
      verdict: 'ok',
      evidence: [
        ...c.evidence,
        'the VM boots SeaBIOS, which runs the legacy x86 image; a UEFI image matters only with OVMF',
      ],
      fix: undefined,
    };
  }
  return {
    ...c,
    verdict: 'fail',
    evidence: [
      ...c.evidence,
      'the VM boots OVMF (UEFI), which needs an EFI image in the ROM to drive the GPU',
    ],
  };
}

export function deviceChecks(ctx: DeviceContext, f: HostFacts): Check[] {
  const display = isDisplay(ctx.device);
  const out = [driverCheck(ctx), groupCheck(ctx, f), audioCheck(ctx)];
  if (display) out.unshift(bootVgaCheck(ctx));
  out.push(framebufferCheck(ctx, f), resetCheck(ctx));
  if (display) out.push(romCheck(ctx));
  return out;
}
