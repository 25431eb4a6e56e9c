/**
 * VGA arbitration. Legacy VGA resources (I/O 0x3b0-0x3df, memory 0xa0000-0xbffff) are not
 * behind any BAR and only one device on the system can decode them at a time; the kernel's VGA
 * arbiter (drivers/pci/vgaarb.c) switches them between devices. Assigning a GPU *with* VGA
 * (SeaBIOS guest, QEMU x-vga=on) needs that switching. Intel IGD under i915 cannot stop decoding
 * VGA without the arbiter, and making i915 take part in arbitration costs the host its DRI
 * acceleration (the long-standing i915 arbitration trade-off). The route that avoids VGA
 * entirely: a legacy-free guest, OVMF (UEFI) firmware with the GPU as a plain PCIe device and no
 * x-vga, which needs the GPU ROM to carry an EFI image.
 */
import { isVfioDriver } from '../../iommu/viability.js';
import { formatPciId } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { Check } from '../check.js';
import { driverText } from './gpu.js';

export const isVgaClass = (d: PciDevice) => d.classCode >> 8 === 0x0300;
export const isIntelIgd = (d: PciDevice) => isVgaClass(d) && d.vendorId === 0x8086 && d.addr.bus === 0;

/** What a VM definition says about VGA (doctor --vm): its firmware and the devices given x-vga=on. */
export interface VmVga {
  firmware: 'ovmf' | 'seabios';
  xVga: string[];
}

const base = { id: 'vga.arbitration', group: 'vga', title: 'VGA arbitration' } as const;

export function vgaArbitrationCheck(devices: PciDevice[], targets: PciDevice[], vm?: VmVga): Check {
  const vga = devices.filter(isVgaClass);
  const evidence = vga.map(
    (d) =>
      `${d.address} VGA-class [${formatPciId(d.vendorId)}] driver ${driverText(d)}${d.bootVga ? ', boot VGA' : ''}`,
  );
  // Which driver holds each VGA device, and which one the firmware booted on, decide the verdict:
  // with either unreadable it is not known.
  const doubts = vga.flatMap((d) =>
    (d.unknownFacts ?? []).filter((f) => f.fact === 'driver' || f.fact === 'boot_vga').map((f) => f.reason),
  );
  if (doubts.length) return { ...base, verdict: 'unknown', evidence: [...evidence, ...doubts] };
  return (vm && vmVgaVerdict(vga, targets, vm, evidence)) ?? hostVgaVerdict(vga, targets, evidence);
}

/** An Intel IGD that stays host graphics (not a target, not on a VFIO driver). */
function hostIgd(vga: PciDevice[], targetSet: Set<string>): PciDevice | undefined {
  return vga.find((d) => isIntelIgd(d) && !targetSet.has(d.address) && !isVfioDriver(d.driver));
}

/**
 * With a VM definition: its firmware and x-vga settings decide when they route legacy VGA (or
 * avoid it); undefined when they settle nothing and the host's devices decide.
 */
function vmVgaVerdict(
  vga: PciDevice[],
  targets: PciDevice[],
  vm: VmVga,
  evidence: string[],
): Check | undefined {
  const targetSet = new Set(targets.map((t) => t.address));
  const igd = hostIgd(vga, targetSet);
  if (vm.xVga.length && igd && igd.driver === 'i915') {
    // The guide's FAQ: VGA assignment with IGD host graphics needs the i915 VGA arbiter patch
    // (i915.enable_hd_vgaarb=1), which never reached mainline.
    return {
      ...base,
      verdict: 'fail',
      evidence: [
        ...evidence,
        `the VM routes legacy VGA to ${vm.xVga.join(', ')} (x-vga=on) while Intel IGD ${igd.address} is host graphics on i915`,
        'i915 does not take part in VGA arbitration on mainline kernels (the i915.enable_hd_vgaarb patch was never merged)',
      ],
      fix: 'drop x-vga=on and boot the VM with OVMF (UEFI): the GPU then needs no legacy VGA; this also needs an EFI image in its ROM',
    };
  }
  if (!vm.xVga.length && vm.firmware === 'ovmf') {
    return {
      ...base,
      verdict: 'ok',
      evidence: [
        ...evidence,
        'the VM boots OVMF and routes no legacy VGA to its GPU (no x-vga): no arbitration needed',
      ],
    };
  }
  if (vm.xVga.length && vga.length > 1) {
    return {
      ...base,
      verdict: 'warn',
      evidence: [
        ...evidence,
        `the VM routes legacy VGA to ${vm.xVga.join(', ')} (x-vga=on) with ${vga.length} VGA devices`,
      ],
      fix: 'every legacy VGA access goes through the kernel arbiter, switching the ranges away from host graphics; an OVMF guest without x-vga avoids it',
    };
  }
  return undefined;
}

/**
 * Without a VM (or one that settles nothing): one VGA device needs no arbitration; an IGD kept
 * as host graphics next to an assigned GPU, or several VGA devices, mean the arbiter switches
 * the legacy ranges.
 */
function hostVgaVerdict(vga: PciDevice[], targets: PciDevice[], evidence: string[]): Check {
  if (vga.length <= 1) {
    return {
      ...base,
      verdict: 'ok',
      evidence: evidence.length
        ? [...evidence, 'a single VGA device: no arbitration needed']
        : ['no VGA-class device'],
    };
  }
  const targetSet = new Set(targets.map((t) => t.address));
  const igdHost = hostIgd(vga, targetSet);
  const assigned = vga.filter((d) =>
    targetSet.size ? targetSet.has(d.address) : !isIntelIgd(d) && !d.bootVga,
  );
  if (igdHost && assigned.length) {
    return {
      ...base,
      verdict: 'warn',
      evidence: [
        ...evidence,
        `Intel IGD ${igdHost.address} is host graphics on ${igdHost.driver ?? 'no driver'}; ${assigned.map((d) => d.address).join(', ')} would be assigned`,
      ],
      fix: 'assign the discrete GPU without VGA: an OVMF (UEFI) guest with the GPU as a normal PCIe device (no x-vga=on); VGA assignment would need i915 in VGA arbitration, which costs the host its DRI acceleration',
    };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence: [...evidence, `${vga.length} VGA-class devices share the legacy VGA ranges`],
    fix: 'prefer an OVMF (UEFI) guest without x-vga so the assigned GPU never needs the legacy VGA ranges; with SeaBIOS/x-vga every VGA access goes through the kernel arbiter',
  };
}
