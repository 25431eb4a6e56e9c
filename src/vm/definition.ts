/**
 * What vfiokit needs to know about a VM someone already has, read from its libvirt domain XML
 * (`virsh dumpxml NAME`) or its QEMU command line / launch script: the host PCI devices it
 * assigns, its memory and how that memory is backed, its firmware, and whether it hides KVM.
 * `vfiokit doctor --vm FILE` checks the host against it.
 */

import type { VmSpecDevice } from './spec/schema.js';

/** libvirt domain XML, QEMU command line / launch script, or vfiokit's own VM spec (docs/vm.md). */
export type VmFormat = 'libvirt' | 'qemu' | 'spec';
export type VmFirmware = 'ovmf' | 'seabios';

/** One host PCI device the VM assigns with vfio-pci. */
export interface VmHostDevice {
  /** Canonical sysfs address ("0000:01:00.0"), or undefined when `ref` could not be resolved. */
  address?: string;
  /** The text the definition gave (an address, a sysfs path, `$GPU`). */
  ref: string;
  /** Where in the file (1-based line). */
  line: number;
  /** libvirt managed='yes': libvirt binds the device to vfio-pci at start and back after. */
  managed?: boolean;
  /** A ROM file given to the guest instead of the device's own ROM (romfile=, <rom file=…/>). */
  romFile?: string;
  /** The ROM BAR hidden from the guest (rombar=0, <rom bar='off'/>). */
  romBarOff?: boolean;
  /** QEMU x-vga=on: legacy VGA ranges routed to this device. */
  xVga?: boolean;
  /** A VM spec's Intel IGD mode (igd: legacy | upt; opregion: x-igd-opregion=on). */
  igd?: { mode: 'legacy' | 'upt'; opregion: boolean };
}

export interface VmDefinition {
  format: VmFormat;
  file: string;
  name?: string;
  memoryBytes?: number;
  /** Virtual CPUs (spec sockets × cores × threads, libvirt <vcpu>, QEMU -smp); undefined when not given. */
  vcpus?: number;
  /** Guest RAM backed by hugepages; pageSizeBytes when one size is asked for. */
  hugepages?: { pageSizeBytes?: number; evidence: string };
  firmware: { kind: VmFirmware; evidence: string };
  devices: VmHostDevice[];
  /** KVM signature hidden from the guest (kvm=off, <kvm><hidden state='on'/>). */
  kvmHidden: boolean;
  /** Hyper-V vendor_id given to the guest (hv_vendor_id=, <vendor_id value=…/>). */
  hypervVendorId?: string;
  /** Things in the file vfiokit could not resolve: each a sentence. */
  notes: string[];
  /**
   * A vfiokit spec's device entries that name no address (vendor:device, the GPU of a group): they
   * are resolved against the host being checked (resolveSpecDevices), with the GPU's companions.
   */
  specDevices?: { spec: VmSpecDevice; index: number; line: number }[];
}

/** A short name of the format for messages. */
export function formatName(f: VmFormat): string {
  return f === 'libvirt' ? 'libvirt domain' : f === 'qemu' ? 'QEMU command line' : 'vfiokit VM spec';
}

/** Memory units as libvirt writes them (docs: formatdomain "Memory Allocation"). */
const LIBVIRT_UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1000,
  k: 1024,
  kib: 1024,
  mb: 1000 ** 2,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1000 ** 4,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  pb: 1000 ** 5,
  p: 1024 ** 5,
  pib: 1024 ** 5,
  eb: 1000 ** 6,
  e: 1024 ** 6,
  eib: 1024 ** 6,
};

/** A libvirt scaled integer; unit defaults to KiB as for <memory>. undefined when invalid. */
export function libvirtBytes(
  value: string,
  unit: string | null | undefined,
  defaultUnit = 'kib',
): number | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return undefined;
  const f = LIBVIRT_UNITS[(unit?.trim() || defaultUnit).toLowerCase()];
  if (f === undefined) return undefined;
  const n = Number(v) * f;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * A QEMU size (`-m 16G`, hugetlbsize=1G): a number with an optional K/M/G/T/P/E suffix, powers
 * of 1024 as in QEMU (a trailing B or iB is tolerated); no suffix means `defaultUnit`.
 */
export function qemuBytes(value: string, defaultUnit: number): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtTpPeE]?)(?:i?[bB])?\s*$/.exec(value);
  if (!m) return undefined;
  const mult = m[2] ? 1024 ** ('KMGTPE'.indexOf(m[2].toUpperCase()) + 1) : defaultUnit;
  const n = Math.round(parseFloat(m[1]) * mult);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** OVMF/edk2 firmware file names, as distributions ship them. */
export const OVMF_NAME = /ovmf|edk2|\.fd$|uefi/i;
