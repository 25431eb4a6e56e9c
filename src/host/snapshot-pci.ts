/**
 * The PCI part of a snapshot: each device directory under /sys/devices (found through the
 * /sys/bus/pci/devices links), its attributes and config space, the links the model follows
 * (driver, iommu_group, physfn/virtfn), the bus and driver directories, and the IOMMU groups.
 *
 * Only attributes that are plain reads are copied (Documentation/ABI/testing/sysfs-bus-pci):
 * never `remove`, `rescan`, `reset` (writes), `resourceN` (mmap only) or `vpd` (its data holds
 * serial numbers). `rom` is recorded as present but not read: reading it needs `echo 1 > rom`,
 * a write this read-only capture never does. Non-root reads of `config` return 64 bytes
 * (pci_read_config), which the model marks as truncated.
 */
import { tryParsePciAddress } from '../pci/address.js';
import { PCI_DEVICES_DIR } from './pci-sysfs.js';
import type { Redactor } from './snapshot-redact.js';
import type { SnapshotWriter } from './snapshot-writer.js';

export const PCI_ATTRIBUTES = [
  'vendor',
  'device',
  'subsystem_vendor',
  'subsystem_device',
  'class',
  'revision',
  'irq',
  'enable',
  'numa_node',
  'local_cpus',
  'local_cpulist',
  'driver_override',
  'boot_vga',
  'reset_method',
  'current_link_speed',
  'current_link_width',
  'max_link_speed',
  'max_link_width',
  'secondary_bus_number',
  'subordinate_bus_number',
  'sriov_totalvfs',
  'sriov_numvfs',
  'sriov_offset',
  'sriov_stride',
  'sriov_vf_device',
  'sriov_drivers_autoprobe',
  'resource',
  'modalias',
  'd3cold_allowed',
  'msi_bus',
  'dma_mask_bits',
  'consistent_dma_mask_bits',
  'broken_parity_status',
  'label',
  'index',
  'acpi_index',
  'ari_enabled',
  'power_state',
];

const DEVICE_LINKS = /^(driver|iommu_group|physfn|virtfn\d+|subsystem|iommu)$/;

export interface PciCaptureStats {
  devices: number;
  truncatedConfig: string[];
}

export function capturePci(w: SnapshotWriter, red: Redactor): PciCaptureStats {
  const stats: PciCaptureStats = { devices: 0, truncatedConfig: [] };
  w.dir(PCI_DEVICES_DIR);
  for (const name of w.list(PCI_DEVICES_DIR)) {
    if (!tryParsePciAddress(name)) continue;
    const link = `${PCI_DEVICES_DIR}/${name}`;
    const real = w.src.realPath(link);
    // Gone since the listing (hot unplug, VFs torn down): nothing to capture.
    if (real === undefined) continue;
    w.copyLink(link);
    captureDevice(w, red, real, stats);
    stats.devices++;
  }
  captureDrivers(w);
  captureGroups(w);
  return stats;
}

function captureDevice(w: SnapshotWriter, red: Redactor, dir: string, stats: PciCaptureStats): void {
  w.dir(dir);
  const entries = new Set(w.list(dir));
  for (const a of PCI_ATTRIBUTES) if (entries.has(a)) w.copyText(`${dir}/${a}`, (s) => red.text(s));
  if (entries.has('config')) {
    const cfg = w.readBytes(`${dir}/config`, 4096);
    if (cfg) {
      w.write(`${dir}/config`, red.config(cfg));
      if (cfg.length < 256) stats.truncatedConfig.push(dir.slice(dir.lastIndexOf('/') + 1));
    }
  }
  if (entries.has('rom')) w.write(`${dir}/rom`, '');
  for (const e of entries) if (DEVICE_LINKS.test(e)) w.copyLink(`${dir}/${e}`);
  // NVMe controllers and network interfaces hang below their PCI function: keep their names,
  // model and firmware, with serials and MAC addresses redacted.
  if (entries.has('nvme')) {
    for (const c of w.list(`${dir}/nvme`)) {
      for (const f of ['model', 'firmware_rev', 'transport']) w.copyText(`${dir}/nvme/${c}/${f}`);
      w.copyText(`${dir}/nvme/${c}/serial`, (s) => red.serial(s));
    }
  }
  if (entries.has('net')) {
    for (const n of w.list(`${dir}/net`)) {
      w.dir(`${dir}/net/${n}`);
      w.copyText(`${dir}/net/${n}/address`, (s) => red.text(s));
    }
  }
}

function captureDrivers(w: SnapshotWriter): void {
  const base = '/sys/bus/pci/drivers';
  w.dir(base);
  for (const drv of w.list(base)) {
    w.dir(`${base}/${drv}`);
    for (const e of w.list(`${base}/${drv}`)) {
      if (tryParsePciAddress(e) || e === 'module') w.copyLink(`${base}/${drv}/${e}`);
    }
  }
}

function captureGroups(w: SnapshotWriter): void {
  const base = '/sys/kernel/iommu_groups';
  w.dir(base);
  for (const g of w.list(base)) {
    w.dir(`${base}/${g}/devices`);
    for (const f of ['type', 'reserved_regions']) w.copyText(`${base}/${g}/${f}`);
    for (const d of w.list(`${base}/${g}/devices`)) w.copyLink(`${base}/${g}/devices/${d}`);
  }
}
