/**
 * The host report: an overview assembled from the analyses, over the run's HostState (the same
 * scan and groups doctor's summary then uses).
 */

import { isPciName, scanWarnings } from '../iommu/groups.js';
import { gpuGroupSummary } from '../iommu/summary.js';
import { companions, iommuEnabled, isDisplay } from '../pci/domain.js';
import { formatClassCode, formatIdPair } from '../pci/id.js';
import { deviceNames, type PciIds } from '../pci/ids.js';
import type { PciDevice } from '../pci/types.js';
import type { DisplaySummaryJson, ReportJson } from '../schema/outputs/report.js';
import type { HostState } from '../system/host-state.js';

/** Where the kernel lists PCI devices (for the warning when it is missing). */
const PCI_DEVICES_DIR = '/sys/bus/pci/devices';

// The printed document's types come from its schema definition (docs/json.md#report).
export type HostReport = ReportJson;
export type DisplaySummary = DisplaySummaryJson;

const ids = (d: PciDevice) => formatIdPair(d.vendorId, d.deviceId);
const group = (d: PciDevice) => d.iommuGroup;
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
    class: formatClassCode(d.classCode),
    companions: companions(d, all).map((x) => ({
      address: x.address,
      vendorDevice: ids(x),
      class: formatClassCode(x.classCode),
      driver: x.driver,
      driverUnknown: driverUnknown(x),
      group: group(x),
    })),
    // The display devices' records are complete (pciWith), and so always say.
    hasRom: d.hasRom === true,
    upstream: d.upstream,
    configTruncated: d.config?.truncated ?? true,
  };
  if (names.vendor || names.device) s.name = [names.vendor, names.device].filter(Boolean).join(' ');
  if (d.resetMethods) s.resetMethods = d.resetMethods;
  if (d.link?.currentSpeed) s.link = `${d.link.currentSpeed} x${d.link.currentWidth ?? '?'}`;
  return s;
}

export function buildHostReport(host: HostState): HostReport {
  // Only the display devices are looked at closely (reset methods, link, ROM).
  const scan = host.pciWith(isDisplay);
  const devices = scan.devices;
  const kernel = host.kernelGroups();
  const shown = devices.filter(isDisplay);
  const pciIds = host.pciIdsFor(shown);
  const displays = shown.map((d) => displaySummary(d, devices, pciIds));
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
    schema: 'vfiokit.report/3',
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
