/**
 * The host report: an overview assembled from the analyses. Pure over a HostRoot.
 */
import type { HostRoot } from '../host/root.js';
import { type GpuGroupSummary, gpuGroupSummary } from '../iommu/summary.js';
import { compareBdf } from '../pci/address.js';

export interface HostReport {
  schema: 'vfiokit.report/1';
  root: string;
  kernel?: string;
  cmdline?: string;
  iommu: { enabled: boolean; units: string[]; groups: number };
  pciDevices: number;
  displays: { address: string; vendorDevice: string; driver?: string; group?: string; bootVga: boolean }[];
  /** IOMMU groups holding a display controller, with the kernel's viability verdict. */
  gpuGroups: GpuGroupSummary[];
}

const base = (p: string | undefined) => (p ? p.slice(p.lastIndexOf('/') + 1) : undefined);

export function buildHostReport(root: HostRoot): HostReport {
  const devices = root.list('/sys/bus/pci/devices').sort(compareBdf);
  const groups = root.list('/sys/kernel/iommu_groups');
  const displays: HostReport['displays'] = [];
  for (const d of devices) {
    const p = `/sys/bus/pci/devices/${d}`;
    const cls = root.readAttr(`${p}/class`);
    if (!cls || !cls.startsWith('0x03')) continue;
    const v = root.readAttr(`${p}/vendor`)?.replace(/^0x/, '') ?? '????';
    const dv = root.readAttr(`${p}/device`)?.replace(/^0x/, '') ?? '????';
    displays.push({
      address: d,
      vendorDevice: `${v}:${dv}`,
      driver: base(root.readLink(`${p}/driver`)),
      group: base(root.readLink(`${p}/iommu_group`)),
      bootVga: root.readAttr(`${p}/boot_vga`) === '1',
    });
  }
  return {
    schema: 'vfiokit.report/1',
    root: root.dir,
    kernel: root.readAttr('/proc/sys/kernel/osrelease'),
    cmdline: root.readAttr('/proc/cmdline'),
    iommu: { enabled: groups.length > 0, units: root.list('/sys/class/iommu'), groups: groups.length },
    pciDevices: devices.length,
    displays,
    gpuGroups: gpuGroupSummary(root),
  };
}
