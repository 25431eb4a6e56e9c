/**
 * The host report: an overview assembled from the analyses, over the run's HostState (the same
 * scan and groups doctor's summary then uses).
 */

import { isPciName, scanWarnings } from '../iommu/groups.js';
import { type GpuGroupSummary, gpuGroupSummary } from '../iommu/summary.js';
import { companions, iommuEnabled, isDisplay } from '../pci/domain.js';
import { formatClassCode, formatIdPair } from '../pci/id.js';
import { deviceNames, type PciIds } from '../pci/ids.js';
import type { PciDevice, UnreadableDevice } from '../pci/types.js';
import type { HostState } from '../system/host-state.js';

/** Where the kernel lists PCI devices (for the warning when it is missing). */
const PCI_DEVICES_DIR = '/sys/bus/pci/devices';

export interface HostReport {
  schema: 'vfiokit.report/2';
  root: string;
  kernel?: string;
  cmdline?: string;
  /** enabled is null when /sys/kernel/iommu_groups could not be read (the reason is in warnings). */
  iommu: { enabled: boolean | null; units: string[]; groups: number };
  /** Devices read; null when /sys/bus/pci/devices could not be read at all (see warnings). */
  pciDevices: number | null;
  /** Devices listed in /sys/bus/pci/devices that could not be read, with the reason. */
  pciUnreadable: UnreadableDevice[];
  /** Damage found while reading (flattened links, inconsistent group links...), one line each. */
  warnings: string[];
  displays: DisplaySummary[];
  /** IOMMU groups holding a display controller, with the kernel's viability verdict. */
  gpuGroups: GpuGroupSummary[];
  /** `vfiokit doctor`'s verdict counts and its single most important fix (no ROM reads). */
  readiness?: {
    summary: { ok: number; warn: number; fail: number; unknown: number };
    mostImportant?: { id: string; device?: string; title: string; verdict: string; fix: string };
    /** When the IOMMU is off: the fix of doctor's first failing IOMMU check (vendor- and VM-aware). */
    iommuFix?: string;
  };
}

export interface DisplaySummary {
  address: string;
  vendorDevice: string;
  driver?: string;
  /** Why the driver is unknown (a damaged snapshot): then `driver` is absent but not "none". */
  driverUnknown?: string;
  group?: string;
  bootVga: boolean;
  /** Vendor and device names from pci.ids (the machine running vfiokit), when known. */
  name?: string;
  /** Class and subclass, e.g. "0300" (VGA), "0302" (3D controller). */
  class: string;
  /** The other functions of the same slot (HDMI/DP audio, USB-C, ...): they go to the VM together. */
  companions: {
    address: string;
    vendorDevice: string;
    class: string;
    driver?: string;
    driverUnknown?: string;
    group?: string;
  }[];
  resetMethods?: string[];
  hasRom: boolean;
  /** Bridges between the root complex and the GPU. */
  upstream: string[];
  link?: string;
  /** Config space was readable only in part (not root): capabilities unknown. */
  configTruncated: boolean;
}

const ids = (d: PciDevice) => formatIdPair(d.vendorId, d.deviceId);
const group = (d: PciDevice) => (d.iommuGroup === undefined ? undefined : String(d.iommuGroup));
const driverUnknown = (d: PciDevice) => d.unknownFacts?.find((f) => f.fact === 'driver')?.reason;

function displaySummary(d: PciDevice, all: PciDevice[], pciIds: PciIds): DisplaySummary {
  const names = deviceNames(pciIds, d);
  const s: DisplaySummary = {
    address: d.address,
    vendorDevice: ids(d),
    driver: d.driver,
    driverUnknown: driverUnknown(d),
    group: group(d),
    bootVga: d.bootVga === true,
    class: formatClassCode(d.classCode, 'subclass'),
    companions: companions(d, all).map((x) => ({
      address: x.address,
      vendorDevice: ids(x),
      class: formatClassCode(x.classCode, 'subclass'),
      driver: x.driver,
      driverUnknown: driverUnknown(x),
      group: group(x),
    })),
    hasRom: d.hasRom,
    upstream: d.upstream,
    configTruncated: d.config?.truncated ?? true,
  };
  if (names.vendor || names.device) s.name = [names.vendor, names.device].filter(Boolean).join(' ');
  if (d.resetMethods) s.resetMethods = d.resetMethods;
  if (d.link?.currentSpeed) s.link = `${d.link.currentSpeed} x${d.link.currentWidth ?? '?'}`;
  return s;
}

export function buildHostReport(host: HostState): HostReport {
  const scan = host.pci();
  const devices = scan.devices;
  const kernel = host.kernelGroups();
  const pciIds = host.pciIds();
  const displays = devices.filter(isDisplay).map((d) => displaySummary(d, devices, pciIds));
  const warnings = scanWarnings({ devices, kernel, unreadable: scan.unreadable, flattened: scan.flattened });
  // An absent device directory is not a host without PCI devices: every PC has a host bridge.
  let pciDevices: number | null = devices.length;
  if (scan.listError) {
    warnings.unshift(`the PCI devices cannot be listed: ${scan.listError}`);
    pciDevices = null;
  } else if (!host.pciListed()) {
    warnings.unshift(`${PCI_DEVICES_DIR} is missing or not a directory: the PCI devices are unknown`);
    pciDevices = null;
  } else if (
    !devices.length &&
    !scan.unreadable.length &&
    [...kernel.groups.values()].flat().some(isPciName)
  ) {
    // No devices, yet the kernel grouped some: the listing is what is damaged, not the host.
    pciDevices = null;
  }
  return {
    schema: 'vfiokit.report/2',
    root: host.name,
    kernel: host.kernelRelease(),
    cmdline: host.cmdline(),
    iommu: {
      enabled: kernel.listError ? null : iommuEnabled(kernel.groups.keys()),
      units: host.iommuUnits(),
      groups: kernel.groups.size,
    },
    pciDevices,
    pciUnreadable: scan.unreadable,
    warnings,
    displays,
    gpuGroups: gpuGroupSummary(kernel, devices, scan.unreadable),
  };
}
