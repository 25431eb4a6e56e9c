/**
 * The host report: an overview assembled from the analyses. Pure over a HostRoot.
 */
import { PCI_DEVICES_DIR, scanPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { isPciName, readKernelGroups, scanWarnings } from '../iommu/groups.js';
import { gpuGroupSummary } from '../iommu/summary.js';
import { hex } from '../pci/config-view.js';
import { deviceNames, loadPciIds } from '../pci/ids.js';
import type { PciDevice } from '../pci/types.js';
import type { DisplaySummaryJson, ReportJson } from '../schema/outputs/report.js';

// The printed document's types come from its schema definition (docs/json.md#report).
export type HostReport = ReportJson;
export type DisplaySummary = DisplaySummaryJson;

const ids = (d: PciDevice) => `${hex(d.vendorId, 4)}:${hex(d.deviceId, 4)}`;
const group = (d: PciDevice) => d.iommuGroup;
const driverUnknown = (d: PciDevice) => d.unknownFacts?.find((f) => f.fact === 'driver')?.reason;

function displaySummary(d: PciDevice, all: PciDevice[]): DisplaySummary {
  const names = deviceNames(loadPciIds(), d);
  const slot = (x: PciDevice) =>
    x.addr.domain === d.addr.domain && x.addr.bus === d.addr.bus && x.addr.device === d.addr.device;
  const s: DisplaySummary = {
    address: d.address,
    vendorDevice: ids(d),
    driver: d.driver,
    driverUnknown: driverUnknown(d),
    group: group(d),
    bootVga: d.bootVga === true,
    class: hex(d.classCode, 6),
    companions: all
      .filter((x) => x !== d && slot(x) && !x.physfn)
      .map((x) => ({
        address: x.address,
        vendorDevice: ids(x),
        class: hex(x.classCode, 6),
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

export function buildHostReport(root: HostRoot): HostReport {
  const scan = scanPciDevices(root);
  const devices = scan.devices;
  const kernel = readKernelGroups(root);
  const displays = devices.filter((d) => d.classCode >> 16 === 0x03).map((d) => displaySummary(d, devices));
  const warnings = scanWarnings({ devices, kernel, unreadable: scan.unreadable, flattened: scan.flattened });
  // An absent device directory is not a host without PCI devices: every PC has a host bridge.
  let pciDevices: number | null = devices.length;
  if (scan.listError) {
    warnings.unshift(`the PCI devices cannot be listed: ${scan.listError}`);
    pciDevices = null;
  } else if (!root.isDir(PCI_DEVICES_DIR)) {
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
    root: root.name,
    kernel: root.readAttr('/proc/sys/kernel/osrelease'),
    cmdline: root.readAttr('/proc/cmdline'),
    iommu: {
      enabled: kernel.listError ? null : kernel.enabled,
      units: root.list('/sys/class/iommu'),
      groups: kernel.groups.size,
    },
    pciDevices,
    pciUnreadable: scan.unreadable,
    warnings,
    displays,
    gpuGroups: gpuGroupSummary(kernel, devices, scan.unreadable),
  };
}
