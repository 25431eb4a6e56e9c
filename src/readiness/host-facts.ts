/**
 * Everything doctor reads about the host that is not PCI: CPU flags, /dev/kvm, ACPI tables, the
 * IOMMU class and groups, the command line, modules, modprobe.d, /proc/iomem, hugepages, the
 * kernel config and kernel messages. All reads go through the HostRoot; what cannot be read is
 * recorded with the reason, so verdicts can say "unknown, because ..." instead of guessing.
 */
import { errnoCode, VfiokitError } from '../errors.js';
import { readKernelConfig } from '../host/kernel-config.js';
import { type KernelLog, readKernelLog } from '../host/kernel-log.js';
import type { HostRoot } from '../host/root.js';
import { type Iomem, parseIomem } from '../system/iomem.js';
import { type KernelCmdline, normaliseParamName, parseKernelCmdline } from '../system/kernel-cmdline.js';
import type { KernelConfig } from '../system/kernel-config.js';
import { emptyModprobeConfig, type ModprobeConfig, parseModprobeFile } from '../system/modprobe-config.js';

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

const MODPROBE_DIRS = [
  '/etc/modprobe.d',
  '/run/modprobe.d',
  '/usr/local/lib/modprobe.d',
  '/usr/lib/modprobe.d',
  '/lib/modprobe.d',
];

class Reader {
  readonly blind: BlindSpot[] = [];
  constructor(readonly root: HostRoot) {}

  private note(what: string, e: unknown): undefined {
    const code = errnoCode((e as { cause?: unknown })?.cause) ?? errnoCode(e);
    const why =
      e instanceof VfiokitError && e.code === 'host.permission'
        ? 'permission denied (run as root)'
        : `could not read (${code ?? (e as Error).message})`;
    this.blind.push({ what, why });
    return undefined;
  }

  text(p: string): string | undefined {
    try {
      return this.root.readText(p);
    } catch (e) {
      return this.note(p, e);
    }
  }

  attr(p: string): string | undefined {
    try {
      return this.root.readAttr(p);
    } catch (e) {
      return this.note(p, e);
    }
  }

  list(p: string): string[] | undefined {
    try {
      if (!this.root.isDir(p)) return undefined;
      return this.root.list(p);
    } catch (e) {
      return this.note(p, e);
    }
  }
}

function parseCpuinfo(text: string): HostFacts['cpu'] {
  const vendorId = /^vendor_id\s*:\s*(\S+)/m.exec(text)?.[1];
  const flagsLine = /^flags\s*:\s*(.*)$/m.exec(text)?.[1] ?? '';
  const vendor: CpuVendor =
    vendorId === 'GenuineIntel' ? 'intel' : vendorId === 'AuthenticAMD' ? 'amd' : 'other';
  return { vendorId, vendor, flags: new Set(flagsLine.split(/\s+/).filter(Boolean)) };
}

function parseMeminfo(text: string): Map<string, number> {
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

export function gatherHostFacts(root: HostRoot): HostFacts {
  const r = new Reader(root);
  const kernelRelease = r.attr('/proc/sys/kernel/osrelease');

  const cpuinfo = r.text('/proc/cpuinfo');
  const cmdlineText = r.attr('/proc/cmdline');

  const loaded = new Set<string>();
  const procModules = r.text('/proc/modules');
  for (const line of (procModules ?? '').split('\n')) {
    const name = line.split(' ')[0];
    if (name) loaded.add(normaliseParamName(name));
  }
  const sysModule = new Set((r.list('/sys/module') ?? []).map(normaliseParamName));
  let builtin: Set<string> | undefined;
  let available: Set<string> | undefined;
  if (kernelRelease) {
    const b = r.text(`/lib/modules/${kernelRelease}/modules.builtin`);
    if (b !== undefined) builtin = new Set(b.split('\n').filter(Boolean).map(moduleNameFromPath));
    const d = r.text(`/lib/modules/${kernelRelease}/modules.dep`);
    if (d !== undefined)
      available = new Set(
        d
          .split('\n')
          .map((l) => l.split(':')[0])
          .filter(Boolean)
          .map(moduleNameFromPath),
      );
  }

  const moduleParams = new Map<string, string>();
  for (const mp of WATCHED_PARAMS) {
    const [mod, param] = mp.split('.');
    const v = r.attr(`/sys/module/${mod}/parameters/${param}`);
    if (v !== undefined) moduleParams.set(mp, v);
  }

  const modprobe = emptyModprobeConfig();
  for (const dir of MODPROBE_DIRS) {
    for (const f of r.list(dir) ?? []) {
      if (!f.endsWith('.conf')) continue;
      const t = r.text(`${dir}/${f}`);
      if (t !== undefined) parseModprobeFile(t, `${dir}/${f}`, modprobe);
    }
  }

  const moduleLists: HostFacts['moduleLists'] = [];
  const plain = (t: string) =>
    t
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim().split(/\s+/)[0])
      .filter(Boolean)
      .map(normaliseParamName);
  for (const file of ['/etc/modules', '/etc/initramfs-tools/modules']) {
    const t = r.text(file);
    if (t !== undefined) moduleLists.push({ file, modules: plain(t) });
  }
  for (const dir of ['/etc/modules-load.d', '/usr/lib/modules-load.d', '/run/modules-load.d']) {
    for (const f2 of r.list(dir) ?? []) {
      const t = f2.endsWith('.conf') ? r.text(`${dir}/${f2}`) : undefined;
      if (t !== undefined) moduleLists.push({ file: `${dir}/${f2}`, modules: plain(t) });
    }
  }
  // mkinitcpio: MODULES=(vfio_pci vfio ...); dracut: add_drivers+=" vfio_pci ... " / force_drivers.
  const mk = r.text('/etc/mkinitcpio.conf');
  const mkm = mk === undefined ? null : /^MODULES=\(([^)]*)\)/m.exec(mk);
  if (mkm)
    moduleLists.push({
      file: '/etc/mkinitcpio.conf',
      modules: mkm[1].split(/\s+/).filter(Boolean).map(normaliseParamName),
    });
  for (const f2 of r.list('/etc/dracut.conf.d') ?? []) {
    const t = f2.endsWith('.conf') ? r.text(`/etc/dracut.conf.d/${f2}`) : undefined;
    if (t === undefined) continue;
    const mods: string[] = [];
    for (const m of t.matchAll(/^\s*(?:add_drivers|force_drivers)\+?="([^"]*)"/gm))
      mods.push(...m[1].split(/\s+/).filter(Boolean));
    if (mods.length)
      moduleLists.push({ file: `/etc/dracut.conf.d/${f2}`, modules: mods.map(normaliseParamName) });
  }

  const iomemText = r.text('/proc/iomem');
  const meminfoText = r.text('/proc/meminfo');
  const hugepagePools: HugepagePool[] = [];
  for (const d of r.list('/sys/kernel/mm/hugepages') ?? []) {
    const m = /^hugepages-(\d+)kB$/.exec(d);
    if (!m) continue;
    const total = Number(r.attr(`/sys/kernel/mm/hugepages/${d}/nr_hugepages`) ?? 'NaN');
    const free = Number(r.attr(`/sys/kernel/mm/hugepages/${d}/free_hugepages`) ?? 'NaN');
    if (Number.isFinite(total) && Number.isFinite(free))
      hugepagePools.push({ sizeKb: Number(m[1]), total, free });
  }
  hugepagePools.sort((a, b) => a.sizeKb - b.sizeKb);

  let kernelConfig: KernelConfig | undefined;
  try {
    kernelConfig = readKernelConfig(root, kernelRelease);
  } catch (e) {
    r.blind.push({ what: 'kernel config', why: `could not read (${(e as Error).message})` });
  }
  if (!kernelConfig)
    r.blind.push({
      what: 'kernel config',
      why: `neither /boot/config-${kernelRelease ?? 'KVER'} nor /proc/config.gz is present`,
    });

  let kernelLog: KernelLog | undefined;
  const kl = readKernelLog(root);
  if ('log' in kl) kernelLog = kl.log;
  else r.blind.push({ what: 'kernel messages', why: kl.unreadable });

  let acsOverridePatch: boolean | undefined;
  const kallsyms = r.text('/proc/kallsyms');
  if (kallsyms !== undefined && kallsyms.length > 0) acsOverridePatch = /\bpcie_acs_override/.test(kallsyms);

  const acpiTables = r.list('/sys/firmware/acpi/tables');
  // The kernel creates /sys/kernel/iommu_groups whenever it has IOMMU support (iommu_init), empty
  // while no IOMMU is active: absent is "no groups", but present and unreadable is unknown.
  const groupsDir = '/sys/kernel/iommu_groups';
  let iommuGroups: string[] = [];
  let iommuGroupsError: string | undefined;
  if (root.isDir(groupsDir)) {
    const l = r.list(groupsDir);
    if (l === undefined)
      iommuGroupsError = r.blind.find((b) => b.what === groupsDir)?.why ?? 'could not read';
    else iommuGroups = l;
  } else if (root.exists(groupsDir)) {
    iommuGroupsError = `${groupsDir} is not a directory`;
    r.blind.push({ what: groupsDir, why: 'not a directory' });
  }

  return {
    root: root.name,
    live: root.live,
    kernelRelease,
    cpu: cpuinfo === undefined ? undefined : parseCpuinfo(cpuinfo),
    devKvm: root.exists('/dev/kvm'),
    cmdline: cmdlineText === undefined ? undefined : parseKernelCmdline(cmdlineText),
    kernelConfig,
    acpiTables,
    iommuUnits: r.list('/sys/class/iommu') ?? [],
    iommuGroups,
    iommuGroupsError,
    modules: { loaded, procModulesRead: procModules !== undefined, sysModule, builtin, available },
    moduleParams,
    modprobe,
    moduleLists,
    iomem: iomemText === undefined ? undefined : parseIomem(iomemText),
    meminfo: meminfoText === undefined ? undefined : parseMeminfo(meminfoText),
    hugepagePools,
    kernelLog,
    acsOverridePatch,
    blind: r.blind,
  };
}
