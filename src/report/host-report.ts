/**
 * The host report: an overview assembled from the analyses. Pure over a HostRoot.
 */
import { readPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { type GpuGroupSummary, gpuGroupSummary } from '../iommu/summary.js';
import { hex } from '../pci/config-view.js';
import { deviceNames, loadPciIds } from '../pci/ids.js';
import type { PciDevice } from '../pci/types.js';

export interface HostReport {
  schema: 'vfiokit.report/1';
  root: string;
  kernel?: string;
  cmdline?: string;
  iommu: { enabled: boolean; units: string[]; groups: number };
  pciDevices: number;
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
  group?: string;
  bootVga: boolean;
  /** Vendor and device names from pci.ids (the machine running vfiokit), when known. */
  name?: string;
  /** Class and subclass, e.g. "0300" (VGA), "0302" (3D controller). */
  class: string;
  /** The other functions of the same slot (HDMI/DP audio, USB-C, ...): they go to the VM together. */
  companions: { address: string; vendorDevice: string; class: string; driver?: string; group?: string }[];
  resetMethods?: string[];
  hasRom: boolean;
  /** Bridges between the root complex and the GPU. */
  upstream: string[];
  link?: string;
  /** Config space was readable only in part (not root): capabilities unknown. */
  configTruncated: boolean;
}

const ids = (d: PciDevice) => `${hex(d.vendorId, 4)}:${hex(d.deviceId, 4)}`;
const group = (d: PciDevice) => (d.iommuGroup === undefined ? undefined : String(d.iommuGroup));

function displaySummary(d: PciDevice, all: PciDevice[]): DisplaySummary {
  const names = deviceNames(loadPciIds(), d);
  const slot = (x: PciDevice) =>
    x.addr.domain === d.addr.domain && x.addr.bus === d.addr.bus && x.addr.device === d.addr.device;
  const s: DisplaySummary = {
    address: d.address,
    vendorDevice: ids(d),
    driver: d.driver,
    group: group(d),
    bootVga: d.bootVga === true,
    class: hex(d.classCode >> 8, 4),
    companions: all
      .filter((x) => x !== d && slot(x) && !x.physfn)
      .map((x) => ({
        address: x.address,
        vendorDevice: ids(x),
        class: hex(x.classCode >> 8, 4),
        driver: x.driver,
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
  const devices = readPciDevices(root);
  const groups = root.list('/sys/kernel/iommu_groups');
  const displays = devices.filter((d) => d.classCode >> 16 === 0x03).map((d) => displaySummary(d, devices));
  return {
    schema: 'vfiokit.report/1',
    root: root.name,
    kernel: root.readAttr('/proc/sys/kernel/osrelease'),
    cmdline: root.readAttr('/proc/cmdline'),
    iommu: { enabled: groups.length > 0, units: root.list('/sys/class/iommu'), groups: groups.length },
    pciDevices: devices.length,
    displays,
    gpuGroups: gpuGroupSummary(root),
  };
}
