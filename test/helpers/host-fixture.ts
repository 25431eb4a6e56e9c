/**
 * Host-file fixture builder: a compact description of the non-PCI host state doctor reads →
 * files under a snapshot root (proc/cpuinfo, proc/cmdline, proc/modules, sys/module/*,
 * lib/modules/KVER/modules.builtin and modules.dep, etc/modprobe.d, proc/iomem, proc/meminfo,
 * sys/kernel/mm/hugepages, the dev/kvm marker, sys/class/iommu, sys/firmware/acpi/tables,
 * boot/config-KVER and kernel messages). Combine with test/helpers/fixture-builder.ts for PCI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentError } from '../../src/errors.js';
import { DirHostRoot, type HostRoot } from '../../src/host/root.js';
import { buildFixture, fixtureManifest, type HostSpec } from './fixture-builder.js';

export interface HostFilesSpec {
  /** CPU vendor and flags (default intel with vmx). false: no /proc/cpuinfo. */
  cpu?: { vendor: 'intel' | 'amd' | 'other'; flags?: string[] } | false;
  /** /dev/kvm marker (default true). */
  kvm?: boolean;
  cmdline?: string;
  /** Kernel release (default 6.1.0-18-amd64). */
  release?: string;
  /** Loadable modules currently loaded (/proc/modules and /sys/module/NAME). */
  loaded?: string[];
  /** Built-in modules (modules.builtin paths are made from the names). undefined: file absent. */
  builtin?: string[];
  /** Installed loadable modules (modules.dep). undefined: file absent. */
  available?: string[];
  /** "module.param" → value under /sys/module/MODULE/parameters/PARAM. */
  moduleParams?: Record<string, string>;
  /** etc/modprobe.d/<name> → content. */
  modprobe?: Record<string, string>;
  /** Extra host files, relative path → content. */
  files?: Record<string, string>;
  iomem?: string;
  /** Hugepage pools; meminfo's Hugepagesize is the first pool's size. */
  hugepages?: { sizeKb: number; total: number; free: number }[];
  /** sys/class/iommu units (PCI fixtures make their own unless given here). */
  iommuUnits?: string[];
  /** ACPI table signatures (default: DMAR for intel, IVRS for amd). false: no tables directory. */
  acpiTables?: string[] | false;
  /** Kernel messages, stored where a snapshot keeps them (vfiokit/dmesg.txt). undefined: none. */
  kernelLog?: string[];
  /** boot/config-KVER entries, e.g. {CONFIG_INTEL_IOMMU_DEFAULT_ON: 'y'}; 'n' → "is not set". */
  kernelConfig?: Record<string, string>;
  /** /proc/kallsyms symbol names. */
  kallsyms?: string[];
}

export const DEFAULT_RELEASE = '6.1.0-18-amd64';

const CPU_FLAGS = ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', 'sse2'];

/** Relative path → content; a path ending in "/" is a directory. */
export function hostFiles(spec: HostFilesSpec): Record<string, string> {
  const files: Record<string, string> = {};
  const rel = spec.release ?? DEFAULT_RELEASE;
  files['proc/sys/kernel/osrelease'] = `${rel}\n`;
  const cpu = spec.cpu === undefined ? { vendor: 'intel' as const } : spec.cpu;
  if (cpu) {
    const vendorId =
      cpu.vendor === 'intel' ? 'GenuineIntel' : cpu.vendor === 'amd' ? 'AuthenticAMD' : 'CentaurHauls';
    const flags = cpu.flags ?? [...CPU_FLAGS, cpu.vendor === 'amd' ? 'svm' : 'vmx'];
    const one = (n: number) =>
      `processor\t: ${n}\nvendor_id\t: ${vendorId}\nflags\t\t: ${flags.join(' ')}\n\n`;
    files['proc/cpuinfo'] = one(0) + one(1);
  }
  if (spec.kvm !== false) files['dev/kvm'] = '';
  files['proc/cmdline'] = `${spec.cmdline ?? `BOOT_IMAGE=/vmlinuz-${rel} root=/dev/sda1 ro quiet`}\n`;
  const loaded = spec.loaded ?? [];
  files['proc/modules'] = loaded.map((m) => `${m} 16384 0 - Live 0x0000000000000000\n`).join('');
  for (const m of loaded) files[`sys/module/${m}/`] = '';
  for (const [k, v] of Object.entries(spec.moduleParams ?? {})) {
    const [mod, param] = k.split('.');
    files[`sys/module/${mod}/parameters/${param}`] = `${v}\n`;
  }
  const ko = (m: string) =>
    m.startsWith('vfio')
      ? `kernel/drivers/vfio/${m === 'vfio_pci' || m === 'vfio_pci_core' ? `pci/${m.replace(/_/g, '-')}` : m.replace(/_/g, '-')}.ko`
      : `kernel/drivers/misc/${m}.ko`;
  if (spec.builtin)
    files[`lib/modules/${rel}/modules.builtin`] = spec.builtin.map((m) => `${ko(m)}\n`).join('');
  if (spec.available)
    files[`lib/modules/${rel}/modules.dep`] = spec.available.map((m) => `${ko(m)}.xz:\n`).join('');
  files['etc/modprobe.d/'] = '';
  for (const [k, v] of Object.entries(spec.modprobe ?? {})) files[`etc/modprobe.d/${k}`] = v;
  if (spec.iomem !== undefined) files['proc/iomem'] = spec.iomem;
  const pools = spec.hugepages ?? [
    { sizeKb: 2048, total: 0, free: 0 },
    { sizeKb: 1048576, total: 0, free: 0 },
  ];
  for (const p of pools) {
    files[`sys/kernel/mm/hugepages/hugepages-${p.sizeKb}kB/nr_hugepages`] = `${p.total}\n`;
    files[`sys/kernel/mm/hugepages/hugepages-${p.sizeKb}kB/free_hugepages`] = `${p.free}\n`;
  }
  const def = pools[0];
  files['proc/meminfo'] = [
    'MemTotal:       65767168 kB',
    'MemFree:        51234567 kB',
    `HugePages_Total:   ${def?.total ?? 0}`,
    `HugePages_Free:    ${def?.free ?? 0}`,
    'HugePages_Rsvd:        0',
    'HugePages_Surp:        0',
    `Hugepagesize:       ${def?.sizeKb ?? 2048} kB`,
    '',
  ].join('\n');
  for (const u of spec.iommuUnits ?? []) files[`sys/class/iommu/${u}/`] = '';
  const tables =
    spec.acpiTables === undefined
      ? ['APIC', 'DSDT', 'FACP', cpu && cpu.vendor === 'amd' ? 'IVRS' : 'DMAR']
      : spec.acpiTables;
  if (tables) {
    files['sys/firmware/acpi/tables/'] = '';
    for (const t of tables) files[`sys/firmware/acpi/tables/${t}`] = 'ACPI';
  }
  if (spec.kernelLog) files['vfiokit/dmesg.txt'] = `${spec.kernelLog.join('\n')}\n`;
  if (spec.kernelConfig) {
    files[`boot/config-${rel}`] = Object.entries(spec.kernelConfig)
      .map(([k, v]) => (v === 'n' ? `# ${k} is not set` : `${k}=${v}`))
      .join('\n');
  }
  if (spec.kallsyms) files['proc/kallsyms'] = spec.kallsyms.map((s) => `0000000000000000 T ${s}`).join('\n');
  Object.assign(files, spec.files ?? {});
  return files;
}

export function writeHostFiles(dir: string, spec: HostFilesSpec): void {
  for (const [rel, content] of Object.entries(hostFiles(spec))) {
    const p = path.join(dir, rel);
    if (rel.endsWith('/')) {
      fs.mkdirSync(p, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

export interface HostFixture {
  dir: string;
  root: HostRoot;
  cleanup(): void;
}

/** Host files only, or host files plus a PCI topology from the fixture builder. */
export function buildHost(spec: HostFilesSpec, pci?: HostSpec): HostFixture {
  if (pci) {
    const fx = buildFixture(pci);
    writeHostFiles(fx.dir, spec);
    return { dir: fx.dir, root: new DirHostRoot(fx.dir), cleanup: fx.cleanup };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-host-'));
  fs.mkdirSync(path.join(dir, 'sys/bus/pci/devices'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sys/kernel/iommu_groups'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), fixtureManifest());
  writeHostFiles(dir, spec);
  return { dir, root: new DirHostRoot(dir), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A root that refuses some paths with EACCES as a non-root reader would meet them. The tests run
 * as root in CI, where chmod does not stop reads, so permission denial is simulated here.
 */
export function denyingRoot(inner: HostRoot, denied: (hostPath: string) => boolean): HostRoot {
  const deny = (p: string) => {
    if (denied(p)) {
      throw new EnvironmentError(`permission denied reading ${p}`, {
        hint: 'run as root (sudo) to read this',
        code: 'host.permission',
      });
    }
  };
  return {
    dir: inner.dir,
    name: inner.name,
    live: inner.live,
    resolve: (p) => inner.resolve(p),
    readText(p) {
      deny(p);
      return inner.readText(p);
    },
    readAttr(p) {
      deny(p);
      return inner.readAttr(p);
    },
    readBytes(p, n) {
      deny(p);
      return inner.readBytes(p, n);
    },
    list(p) {
      deny(p);
      return inner.list(p);
    },
    readLink: (p) => inner.readLink(p),
    realPath: (p) => inner.realPath(p),
    exists: (p) => inner.exists(p),
    isDir: (p) => inner.isDir(p),
  };
}
