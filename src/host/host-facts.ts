/**
 * Gathers HostFacts (system/host-facts.ts) through the root: one reader per part, each noting
 * what it could not read as a blind spot instead of guessing.
 */

import { parseCpuList } from '../cpu/cpu-list.js';
import { errnoCode, VfiokitError } from '../errors.js';
import {
  type BlindSpot,
  type HostFacts,
  type HugepagePool,
  moduleNameFromPath,
  parseCpuinfo,
  parseMeminfo,
  WATCHED_PARAMS,
} from '../system/host-facts.js';
import { parseIomem } from '../system/iomem.js';
import { normaliseParamName, parseKernelCmdline } from '../system/kernel-cmdline.js';
import type { KernelConfig } from '../system/kernel-config.js';
import type { KernelLog } from '../system/kernel-log.js';
import { emptyModprobeConfig, parseModprobeFile } from '../system/modprobe-config.js';
import { readKernelConfig } from './kernel-config.js';
import { readKernelLog } from './kernel-log.js';
import type { HostRoot } from './root.js';

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

  /**
   * Whether a file's text matches `re` (one line at most), searched piece by piece where the
   * root can (scanLines: /proc/kallsyms is megabytes, tens with many modules); undefined when
   * the file is missing, unreadable or empty.
   */
  has(p: string, re: RegExp): boolean | undefined {
    try {
      if (!this.root.scanLines) {
        const t = this.root.readText(p);
        return t === undefined || t.length === 0 ? undefined : re.test(t);
      }
      let empty = true;
      const found = this.root.scanLines(p, (lines) => {
        if (lines.length) empty = false;
        return re.test(lines);
      });
      return found === undefined || empty ? undefined : found;
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

function readModules(r: Reader, kernelRelease: string | undefined): HostFacts['modules'] {
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
  return { loaded, procModulesRead: procModules !== undefined, sysModule, builtin, available };
}

function readModuleParams(r: Reader): Map<string, string> {
  const moduleParams = new Map<string, string>();
  for (const mp of WATCHED_PARAMS) {
    const [mod, param] = mp.split('.');
    const v = r.attr(`/sys/module/${mod}/parameters/${param}`);
    if (v !== undefined) moduleParams.set(mp, v);
  }
  return moduleParams;
}

function readModprobe(r: Reader): HostFacts['modprobe'] {
  const modprobe = emptyModprobeConfig();
  for (const dir of MODPROBE_DIRS) {
    for (const f of r.list(dir) ?? []) {
      if (!f.endsWith('.conf')) continue;
      const t = r.text(`${dir}/${f}`);
      if (t !== undefined) parseModprobeFile(t, `${dir}/${f}`, modprobe);
    }
  }
  return modprobe;
}

/** Modules named for loading at boot or into the initramfs, by each distribution's own files. */
function readModuleLists(r: Reader): HostFacts['moduleLists'] {
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
  return moduleLists;
}

function readHugepagePools(r: Reader): HugepagePool[] {
  const hugepagePools: HugepagePool[] = [];
  for (const d of r.list('/sys/kernel/mm/hugepages') ?? []) {
    const m = /^hugepages-(\d+)kB$/.exec(d);
    if (!m) continue;
    const total = Number(r.attr(`/sys/kernel/mm/hugepages/${d}/nr_hugepages`) ?? 'NaN');
    const free = Number(r.attr(`/sys/kernel/mm/hugepages/${d}/free_hugepages`) ?? 'NaN');
    if (Number.isFinite(total) && Number.isFinite(free))
      hugepagePools.push({ sizeKb: Number(m[1]), total, free });
  }
  return hugepagePools.sort((a, b) => a.sizeKb - b.sizeKb);
}

function readKernelConfigFact(r: Reader, kernelRelease: string | undefined): KernelConfig | undefined {
  let kernelConfig: KernelConfig | undefined;
  try {
    kernelConfig = readKernelConfig(r.root, kernelRelease);
  } catch (e) {
    r.blind.push({ what: 'kernel config', why: `could not read (${(e as Error).message})` });
  }
  if (!kernelConfig)
    r.blind.push({
      what: 'kernel config',
      why: `neither /boot/config-${kernelRelease ?? 'KVER'} nor /proc/config.gz is present`,
    });
  return kernelConfig;
}

/**
 * The kernel creates /sys/kernel/iommu_groups whenever it has IOMMU support (iommu_init), empty
 * while no IOMMU is active: absent is "no groups", but present and unreadable is unknown.
 */
function readGroupNames(r: Reader): Pick<HostFacts, 'iommuGroups' | 'iommuGroupsError'> {
  const groupsDir = '/sys/kernel/iommu_groups';
  if (r.root.isDir(groupsDir)) {
    const l = r.list(groupsDir);
    if (l === undefined)
      return {
        iommuGroups: [],
        iommuGroupsError: r.blind.find((b) => b.what === groupsDir)?.why ?? 'could not read',
      };
    return { iommuGroups: l };
  }
  if (r.root.exists(groupsDir)) {
    r.blind.push({ what: groupsDir, why: 'not a directory' });
    return { iommuGroups: [], iommuGroupsError: `${groupsDir} is not a directory` };
  }
  return { iommuGroups: [] };
}

export interface GatherOptions {
  /**
   * 'when-named': scan /proc/kallsyms for the ACS override patch only when the command line names
   * pcie_acs_override, the one case where the answer changes a verdict (elsewhere it is evidence
   * beside an ok); generating the 5 MB or more of kallsyms is tens of milliseconds of kernel time.
   * For a caller that shows verdicts but not their evidence (the host report). Default 'always'.
   */
  acsPatch?: 'always' | 'when-named';
}

export function gatherHostFacts(root: HostRoot, opts: GatherOptions = {}): HostFacts {
  const r = new Reader(root);
  const kernelRelease = r.attr('/proc/sys/kernel/osrelease');
  const cpuinfo = r.text('/proc/cpuinfo');
  const cmdlineText = r.attr('/proc/cmdline');
  const modules = readModules(r, kernelRelease);
  const moduleParams = readModuleParams(r);
  const modprobe = readModprobe(r);
  const moduleLists = readModuleLists(r);
  const iomemText = r.text('/proc/iomem');
  const meminfoText = r.text('/proc/meminfo');
  const hugepagePools = readHugepagePools(r);
  const kernelConfig = readKernelConfigFact(r, kernelRelease);

  let kernelLog: KernelLog | undefined;
  const kl = readKernelLog(root);
  if ('log' in kl) kernelLog = kl.log;
  else r.blind.push({ what: 'kernel messages', why: kl.unreadable });

  const acsOverridePatch =
    opts.acsPatch === 'when-named' && !/pcie[_-]acs[_-]override/.test(cmdlineText ?? '')
      ? undefined
      : r.has('/proc/kallsyms', /\bpcie_acs_override/);

  const acpiTables = r.list('/sys/firmware/acpi/tables');
  const onlineText = r.attr('/sys/devices/system/cpu/online');
  const online = onlineText === undefined ? undefined : parseCpuList(onlineText.trim());
  const processors = cpuinfo === undefined ? 0 : (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const onlineCpus = online?.length
    ? { count: online.length, source: `/sys/devices/system/cpu/online ${onlineText?.trim()}` }
    : processors > 0
      ? { count: processors, source: `/proc/cpuinfo: ${processors} processor entries` }
      : undefined;
  const { iommuGroups, iommuGroupsError } = readGroupNames(r);

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
    modules,
    moduleParams,
    modprobe,
    moduleLists,
    iomem: iomemText === undefined ? undefined : parseIomem(iomemText),
    meminfo: meminfoText === undefined ? undefined : parseMeminfo(meminfoText),
    ...(onlineCpus ? { onlineCpus } : {}),
    hugepagePools,
    kernelLog,
    acsOverridePatch,
    blind: r.blind,
  };
}
