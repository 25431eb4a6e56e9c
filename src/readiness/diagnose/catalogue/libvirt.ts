/** Catalogue entries for messages printed by libvirt (src/util/virpci.c, src/hypervisor/virhostdev.c, the QEMU driver). */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';

export const LIBVIRT_ENTRIES: CatalogueEntry[] = [
  {
    id: 'libvirt.hugetlbfs-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_conf.c qemuGetDomainHupageMemPath()',
    format: 'hugetlbfs filesystem is not mounted or disabled by administrator config',
    patterns: [/hugetlbfs filesystem is not mounted or disabled by administrator config/],
    severity: 'error',
    title: 'libvirt found no hugetlbfs mount',
    cause:
      'the domain asks for <hugepages/> but no hugetlbfs is mounted (or hugetlbfs_mount in qemu.conf is empty)',
    fix: 'mount hugetlbfs (systemd mounts /dev/hugepages by default), reserve pages, and restart libvirtd so it sees the mount',
  },
  {
    id: 'libvirt.device-in-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevIsPCINodeDeviceUsed()',
    format: 'PCI device %1$s is in use by driver %2$s, domain %3$s',
    patterns: [new RegExp(`PCI device ${BDF} is in use by driver (?<driver>\\S+), domain (?<domain>\\S+)`)],
    severity: 'error',
    title: 'Device already assigned to another domain',
    cause: 'libvirt tracks the device as given to another running domain',
    fix: 'shut the other domain down (virsh shutdown NAME) or remove the hostdev from one of them',
  },
  {
    id: 'libvirt.no-vfio-support',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hostdev.c qemuHostdevPreparePCIDevicesCheckSupport()',
    format: "host doesn't support VFIO PCI passthrough",
    patterns: [/host doesn't support VFIO PCI passthrough/],
    severity: 'error',
    title: 'libvirt sees no VFIO support',
    cause:
      'libvirt checks for IOMMU groups in /sys/kernel/iommu_groups and for /dev/vfio/vfio: the IOMMU is off or the vfio modules are not loaded',
    fix: 'run `vfiokit doctor`: enable the IOMMU, load vfio-pci',
  },
  {
    id: 'libvirt.no-passthrough-support',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hostdev.c qemuHostdevPreparePCIDevicesCheckSupport()',
    format: "host doesn't support passthrough of host PCI devices",
    patterns: [/host doesn't support passthrough of host PCI devices/],
    severity: 'error',
    title: 'libvirt sees no PCI passthrough support',
    cause: 'neither VFIO nor legacy KVM assignment is available: no IOMMU groups or no /dev/vfio/vfio',
    fix: 'run `vfiokit doctor`: enable the IOMMU in firmware and kernel, load vfio-pci',
  },
];
