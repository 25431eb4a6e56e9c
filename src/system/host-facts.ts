/**
 * Everything doctor knows about the host that is not PCI, as records: CPU flags, /dev/kvm, ACPI
 * tables, the IOMMU class and groups, the command line, modules, modprobe.d, /proc/iomem,
 * hugepages, the kernel config and kernel messages. host/host-facts.ts gathers them; what could
 * not be read is a BlindSpot with the reason, so verdicts can say "unknown, because ..." instead
 * of guessing.
 */
import type { Iomem } from './iomem.js';
import { type KernelCmdline, normaliseParamName } from './kernel-cmdline.js';
import type { KernelConfig } from './kernel-config.js';
import type { KernelLog } from './kernel-log.js';
import type { ModprobeConfig } from './modprobe-config.js';

export type CpuVendor = 'intel' | 'amd' | 'other';

export interface HugepagePool {
  sizeKb: number;
  total: number;
  free: number;
}

export interface BlindSpot {
  what: string;
  why: string;
}

export interface HostFacts {
  root: string;
  live: boolean;
  kernelRelease?: string;
  cpu?: { vendorId?: string; vendor: CpuVendor; flags: Set<string> };
  devKvm: boolean;
  cmdline?: KernelCmdline;
  kernelConfig?: KernelConfig;
  /** ACPI table signatures in /sys/firmware/acpi/tables, undefined when not listable. */
  acpiTables?: string[];
  iommuUnits: string[];
  /** Group directory names; [] when the kernel has none (or no /sys/kernel/iommu_groups). */
  iommuGroups: string[];
  /** Set when /sys/kernel/iommu_groups exists but could not be listed: then iommuGroups is unknown. */
  iommuGroupsError?: string;
  modules: {
    /** From /proc/modules (loadable modules currently loaded). */
    loaded: Set<string>;
    /** /proc/modules was readable (so a /sys/module entry missing from it is a built-in). */
    procModulesRead: boolean;
    /** Directories in /sys/module (loaded modules and built-ins that have parameters). */
    sysModule: Set<string>;
    /** From lib/modules/KVER/modules.builtin, undefined when not readable. */
    builtin?: Set<string>;
    /** Module names listed in lib/modules/KVER/modules.dep (installed, loadable). */
    available?: Set<string>;
  };
  /** "module.param" → value from /sys/module/MODULE/parameters/PARAM. */
  moduleParams: Map<string, string>;
  modprobe: ModprobeConfig;
  /** Modules named for loading at boot or into the initramfs, with the file naming them. */
  moduleLists: { file: string; modules: string[] }[];
  iomem?: Iomem;
  meminfo?: Map<string, number>;
  /** CPUs the kernel runs (/sys/devices/system/cpu/online, else /proc/cpuinfo processor lines), with the file read. */
  onlineCpus?: { count: number; source: string };
  hugepagePools: HugepagePool[];
  kernelLog?: KernelLog;
  /** True/false when /proc/kallsyms was readable: does the kernel carry the ACS override patch? */
  acsOverridePatch?: boolean;
  blind: BlindSpot[];
}

/** Module parameters doctor looks at. */
export const WATCHED_PARAMS = [
  'vfio_iommu_type1.allow_unsafe_interrupts',
  'iommufd.allow_unsafe_interrupts',
  'vfio.enable_unsafe_noiommu_mode',
  'vfio_pci.disable_vga',
  'vfio_pci.disable_idle_d3',
  'kvm.ignore_msrs',
];

export function parseCpuinfo(text: string): HostFacts['cpu'] {
  const vendorId = /^vendor_id\s*:\s*(\S+)/m.exec(text)?.[1];
  const flagsLine = /^flags\s*:\s*(.*)$/m.exec(text)?.[1] ?? '';
  const vendor: CpuVendor =
    vendorId === 'GenuineIntel' ? 'intel' : vendorId === 'AuthenticAMD' ? 'amd' : 'other';
  return { vendorId, vendor, flags: new Set(flagsLine.split(/\s+/).filter(Boolean)) };
}

export function parseMeminfo(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const r = /^([A-Za-z0-9_()]+):\s+(\d+)/.exec(line);
    if (r) m.set(r[1], Number(r[2]));
  }
  return m;
}

/** "kernel/drivers/vfio/pci/vfio-pci.ko.zst" → "vfio_pci". */
export function moduleNameFromPath(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1).replace(/\.ko(\.[a-z]+)?$/, '');
  return normaliseParamName(base);
}
