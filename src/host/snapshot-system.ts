/**
 * The non-PCI part of a snapshot: what the readiness and IOMMU analyses read besides the PCI
 * tree — kernel command line and release, CPU flags, loaded and built-in modules, module
 * parameters, IOMMU units, ACPI table names, memory and hugepages, modprobe/initramfs
 * configuration. Each file lands at its own path, so the snapshot works as --root.
 */
import type { Redactor } from './snapshot-redact.js';
import type { SnapshotWriter } from './snapshot-writer.js';

/** Single files copied as text (redacted). */
const TEXT_FILES = [
  '/proc/cmdline',
  '/proc/cpuinfo',
  '/proc/modules',
  '/proc/iomem',
  '/proc/meminfo',
  '/proc/sys/kernel/osrelease',
  '/proc/sys/vm/nr_hugepages',
  '/etc/modules',
  '/etc/initramfs-tools/modules',
  '/etc/mkinitcpio.conf',
  '/etc/os-release',
];

/** Directories of configuration files (one level). */
const CONFIG_DIRS = [
  '/etc/modprobe.d',
  '/lib/modprobe.d',
  '/usr/lib/modprobe.d',
  '/usr/local/lib/modprobe.d',
  '/run/modprobe.d',
  '/etc/modules-load.d',
  '/usr/lib/modules-load.d',
  '/run/modules-load.d',
  '/etc/dracut.conf.d',
];

/** Modules whose parameters decide VFIO behaviour (ids=, disable_vga=, allow_unsafe_interrupts=...). */
const PARAM_MODULES =
  /^(vfio.*|kvm.*|pci_stub|i915|amdgpu|radeon|nouveau|nvidia.*|snd_hda_intel|xhci_hcd|intel_iommu|iommu)$/;

/** ACPI tables whose bytes the IOMMU analyses may read; others are recorded by name only. */
const ACPI_TABLES_COPIED = new Set(['DMAR', 'IVRS']);

export function captureSystem(w: SnapshotWriter, red: Redactor, release: string | undefined): void {
  for (const f of TEXT_FILES) w.copyText(f, (s) => red.text(s));
  for (const f of ['/proc/sys/kernel/hostname', '/etc/hostname']) w.copyText(f, (s) => red.hostName(s));
  for (const d of CONFIG_DIRS) {
    const names = w.list(d);
    if (!names.length) continue;
    w.dir(d);
    for (const n of names) if (!w.src.isDir(`${d}/${n}`)) w.copyText(`${d}/${n}`, (s) => red.text(s));
  }
  if (release) {
    for (const base of ['/lib/modules', '/usr/lib/modules']) {
      if (!w.src.isDir(`${base}/${release}`)) continue;
      for (const f of ['modules.builtin', 'modules.dep']) w.copyText(`${base}/${release}/${f}`);
      break;
    }
    w.copyText(`/boot/config-${release}`);
  }
  w.copyBytes('/proc/config.gz');
  captureKallsyms(w);
  captureModules(w);
  captureIommuUnits(w);
  captureHugepages(w);
  captureAcpiTables(w);
  captureCpuTopology(w);
  // /dev/kvm is a device node; a snapshot records that it existed with an empty file.
  if (w.src.exists('/dev/kvm')) w.write('/dev/kvm', '');
}

/**
 * /proc/kallsyms is megabytes; the analyses only ask whether the ACS override patch is built in,
 * so only the symbols that answer it are kept (an empty file means "looked, none").
 */
function captureKallsyms(w: SnapshotWriter): void {
  const t = w.readText('/proc/kallsyms');
  if (t === undefined) return;
  w.write(
    '/proc/kallsyms',
    t
      .split('\n')
      .filter((l) => /acs_override/.test(l))
      .join('\n'),
  );
}

function captureModules(w: SnapshotWriter): void {
  const base = '/sys/module';
  for (const m of w.list(base)) {
    w.dir(`${base}/${m}`);
    if (!PARAM_MODULES.test(m)) continue;
    for (const p of w.list(`${base}/${m}/parameters`)) w.copyText(`${base}/${m}/parameters/${p}`);
  }
}

function captureIommuUnits(w: SnapshotWriter): void {
  const base = '/sys/class/iommu';
  const units = w.list(base);
  if (!units.length) return;
  w.dir(base);
  for (const u of units) {
    w.copyLink(`${base}/${u}`);
    const real = w.src.realPath(`${base}/${u}`);
    // intel-iommu/{cap,ecap} hold the interrupt-remapping and other feature bits; power/ is
    // runtime-PM state (autosuspend_delay_ms gives EIO on IOMMU units), not worth a read.
    if (real) w.copyTree(real, 2, undefined, (name) => name !== 'power');
  }
}

function captureHugepages(w: SnapshotWriter): void {
  const base = '/sys/kernel/mm/hugepages';
  for (const d of w.list(base)) {
    for (const f of [
      'nr_hugepages',
      'free_hugepages',
      'resv_hugepages',
      'surplus_hugepages',
      'nr_overcommit_hugepages',
    ]) {
      w.copyText(`${base}/${d}/${f}`);
    }
  }
}

function captureAcpiTables(w: SnapshotWriter): void {
  const base = '/sys/firmware/acpi/tables';
  const names = w.list(base);
  if (!names.length) return;
  w.dir(base);
  for (const n of names) {
    if (w.src.isDir(`${base}/${n}`)) continue;
    if (ACPI_TABLES_COPIED.has(n)) w.copyBytes(`${base}/${n}`, 1024 * 1024);
    else w.write(`${base}/${n}`, '');
  }
}

/**
 * What `cpu.pin: auto` reads (src/host/cpu-topology.ts): online CPUs, each CPU's topology and
 * cache sharing, and the NUMA nodes' CPU lists. Small text attributes only.
 */
function captureCpuTopology(w: SnapshotWriter): void {
  const cpu = '/sys/devices/system/cpu';
  for (const f of ['online', 'possible', 'present']) w.copyText(`${cpu}/${f}`);
  for (const c of w.list(cpu)) {
    if (!/^cpu\d{1,5}$/.test(c)) continue;
    const t = `${cpu}/${c}/topology`;
    for (const f of ['physical_package_id', 'die_id', 'core_id', 'thread_siblings_list', 'core_cpus_list'])
      w.copyText(`${t}/${f}`);
    for (const idx of w.list(`${cpu}/${c}/cache`)) {
      if (!/^index\d{1,3}$/.test(idx)) continue;
      for (const f of ['level', 'type', 'shared_cpu_list', 'id']) w.copyText(`${cpu}/${c}/cache/${idx}/${f}`);
    }
  }
  const node = '/sys/devices/system/node';
  for (const n of w.list(node)) if (/^node\d{1,5}$/.test(n)) w.copyText(`${node}/${n}/cpulist`);
}
