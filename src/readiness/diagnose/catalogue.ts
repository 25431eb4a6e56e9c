/**
 * The catalogue of known messages: one file per source under catalogue/, each entry citing the
 * upstream file and function that prints it (see entry.ts for what an entry holds).
 */

import { APPARMOR_ENTRIES } from './catalogue/apparmor.js';
import { BIND_SETUP_ENTRIES } from './catalogue/bind-setup.js';
import { DMA_MEMORY_ENTRIES } from './catalogue/dma-memory.js';
import { DPDK_ENTRIES } from './catalogue/dpdk.js';
import { EDGE_CAUSES_SWEEP_ENTRIES } from './catalogue/edge-causes-sweep.js';
import { FIELD_GAPS_SWEEP_ENTRIES } from './catalogue/field-gaps-sweep.js';
import { FIELD_TAIL_SWEEP_ENTRIES } from './catalogue/field-tail-sweep.js';
import { GENERIC_ENTRIES } from './catalogue/generic.js';
import { GPU_DRIVER_SWEEP_ENTRIES } from './catalogue/gpu-driver-sweep.js';
import { GPU_SRIOV_SWEEP_ENTRIES } from './catalogue/gpu-sriov-sweep.js';
import { GUEST_SIDE_SWEEP_ENTRIES } from './catalogue/guest-side-sweep.js';
import { GVT_TREE_ENTRIES } from './catalogue/gvt-tree-sweep.js';
import { HARVEST_SWEEP_ENTRIES } from './catalogue/harvest-sweep.js';
import { HARVEST2_SWEEP_ENTRIES } from './catalogue/harvest2-sweep.js';
import { HARVEST3A_SWEEP_ENTRIES } from './catalogue/harvest3a-sweep.js';
import { HARVEST3B_SWEEP_ENTRIES } from './catalogue/harvest3b-sweep.js';
import { HARVEST4A_SWEEP_ENTRIES } from './catalogue/harvest4a-sweep.js';
import { HARVEST4B_SWEEP_ENTRIES } from './catalogue/harvest4b-sweep.js';
import { HARVEST5A_SWEEP_ENTRIES } from './catalogue/harvest5a-sweep.js';
import { HARVEST5B_SWEEP_ENTRIES } from './catalogue/harvest5b-sweep.js';
import { HARVEST5C_SWEEP_ENTRIES } from './catalogue/harvest5c-sweep.js';
import { HOST_GUEST_EXTRA_ENTRIES } from './catalogue/host-guest-extra.js';
import { HOST_MISSES_SWEEP_ENTRIES } from './catalogue/host-misses-sweep.js';
import { HOST_VALIDATE_ENTRIES } from './catalogue/host-validate-sweep.js';
import { IGD_IOMMU_INIT_ENTRIES } from './catalogue/igd-iommu-init-sweep.js';
import { IOMMU_FAULT_SWEEP_ENTRIES } from './catalogue/iommu-fault-sweep.js';
import { IOMMU_TREE_ENTRIES } from './catalogue/iommu-tree-sweep.js';
import { IOMMUFD_RUNTIME_ENTRIES } from './catalogue/iommufd-runtime.js';
import { KERNEL_ENTRIES } from './catalogue/kernel.js';
import { KERNEL_IOMMU_ENTRIES } from './catalogue/kernel-iommu.js';
import { KERNEL_PCI_ENTRIES } from './catalogue/kernel-pci.js';
import { KERNEL_SWEEP_ENTRIES } from './catalogue/kernel-sweep.js';
import { KNOWABLE_MISSES_ENTRIES } from './catalogue/knowable-misses-sweep.js';
import { KNOWN_BUGS_ENTRIES } from './catalogue/known-bugs-sweep.js';
import { LEFTOVERS_SWEEP_ENTRIES } from './catalogue/leftovers-sweep.js';
import { LG_SWEEP_ENTRIES } from './catalogue/lg-sweep.js';
import { LIBVIRT_ENTRIES } from './catalogue/libvirt.js';
import { LIBVIRT_MORE_ENTRIES } from './catalogue/libvirt-more.js';
import { LIBVIRT_SWEEP_ENTRIES } from './catalogue/libvirt-sweep.js';
import { MDEV_ENTRIES } from './catalogue/mdev.js';
import { MDEV_GUEST_SWEEP_ENTRIES } from './catalogue/mdev-guest-sweep.js';
import { MGMT_SWEEP_ENTRIES } from './catalogue/mgmt-sweep.js';
import { MODBUILD_ENTRIES } from './catalogue/module-build-sweep.js';
import { NEWEST_VERSIONS_ENTRIES } from './catalogue/newest-versions-sweep.js';
import { NIC_DPDK_SWEEP_ENTRIES } from './catalogue/nic-dpdk-sweep.js';
import { OLDSETS_SWEEP_ENTRIES } from './catalogue/oldsets-sweep.js';
import { OTHER_ENTRIES } from './catalogue/other.js';
import { PCI_TREE_ENTRIES } from './catalogue/pci-tree-sweep.js';
import { PCIUTILS_SELECT_ENTRIES } from './catalogue/pciutils-select-sweep.js';
import { PLATMIG_ENTRIES } from './catalogue/platform-migration-sweep.js';
import { POWER_AER_BAR_ENTRIES } from './catalogue/power-aer-bar-sweep.js';
import { QEMU_ENTRIES } from './catalogue/qemu.js';
import { QEMU_CMDLINE_ENTRIES } from './catalogue/qemu-cmdline-sweep.js';
import { QEMU_MACHINE_ENTRIES } from './catalogue/qemu-machine.js';
import { QEMU_SWEEP_ENTRIES } from './catalogue/qemu-sweep.js';
import { QEMU_SWEEP_PCI_ENTRIES } from './catalogue/qemu-sweep-pci.js';
import { QEMU_TREE_ENTRIES } from './catalogue/qemu-tree-sweep.js';
import { READ_SET_MISSES_ENTRIES } from './catalogue/read-set-misses-sweep.js';
import { READ_SET13_ENTRIES } from './catalogue/read-set13-sweep.js';
import { READ_SET15_ENTRIES } from './catalogue/read-set15-sweep.js';
import { READ16_GPU_ENTRIES } from './catalogue/read-set16-gpu.js';
import { READ_SET16_ENTRIES } from './catalogue/read-set16-sweep.js';
import { READ_SET17_ENTRIES } from './catalogue/read-set17-sweep.js';
import { READ_SET18_ENTRIES } from './catalogue/read-set18-sweep.js';
import { RESET_FAULT_ENTRIES } from './catalogue/reset-faults.js';
import { RESET_MEMLOCK_SWEEP_ENTRIES } from './catalogue/reset-memlock-sweep.js';
import { SELINUX_ENTRIES } from './catalogue/selinux.js';
import { SHELL_SCRIPT_ENTRIES } from './catalogue/shell-script-sweep.js';
import { SPLAT_FALLBACK_ENTRIES } from './catalogue/splat-fallback.js';
import { SRIOV_XEN_SWEEP_ENTRIES } from './catalogue/sriov-xen-sweep.js';
import { SYSFS_BIND_ENTRIES } from './catalogue/sysfs-bind.js';
import { TOOLS_MGMT_SWEEP_ENTRIES } from './catalogue/tools-mgmt-sweep.js';
import { TOOLS_SWEEP_ENTRIES } from './catalogue/tools-sweep.js';
import { USER_TOOLS_ENTRIES } from './catalogue/user-tools-sweep.js';
import { USERSPACE_EDGES_ENTRIES } from './catalogue/userspace-edges-sweep.js';
import { VFIO_OPEN_ENTRIES } from './catalogue/vfio-open.js';
import { VFIO_TREE_ENTRIES } from './catalogue/vfio-tree-sweep.js';
import { VFIO_USER_SWEEP_ENTRIES } from './catalogue/vfio-user-sweep.js';
import { VIRT_MISSES_SWEEP_ENTRIES } from './catalogue/virt-misses-sweep.js';
import { VIRT_STACK_EXTRA_ENTRIES } from './catalogue/virt-stack-extra.js';
import { VMM_HUGEPAGE_SWEEP_ENTRIES } from './catalogue/vmm-hugepage-sweep.js';
import { VMM_MGMT_ENTRIES } from './catalogue/vmm-mgmt.js';
import { VMM_RUST_ENTRIES } from './catalogue/vmm-rust.js';
import { WRAPPED_ENTRIES } from './catalogue/wrapped.js';
import { XEN_PT_ENTRIES } from './catalogue/xen-pt-sweep.js';
import type { CatalogueEntry } from './entry.js';

export type { CatalogueEntry, Severity, Source } from './entry.js';

export const CATALOGUE: CatalogueEntry[] = [
  ...KERNEL_ENTRIES,
  ...KERNEL_PCI_ENTRIES,
  ...KERNEL_IOMMU_ENTRIES,
  ...KERNEL_SWEEP_ENTRIES,
  ...QEMU_ENTRIES,
  ...QEMU_MACHINE_ENTRIES,
  ...QEMU_SWEEP_ENTRIES,
  ...QEMU_SWEEP_PCI_ENTRIES,
  ...LIBVIRT_ENTRIES,
  ...LIBVIRT_MORE_ENTRIES,
  ...LIBVIRT_SWEEP_ENTRIES,
  ...OTHER_ENTRIES,
  ...HOST_GUEST_EXTRA_ENTRIES,
  ...IOMMUFD_RUNTIME_ENTRIES,
  ...MDEV_ENTRIES,
  ...MDEV_GUEST_SWEEP_ENTRIES,
  ...DPDK_ENTRIES,
  ...SYSFS_BIND_ENTRIES,
  ...VFIO_OPEN_ENTRIES,
  ...DMA_MEMORY_ENTRIES,
  ...RESET_FAULT_ENTRIES,
  ...VMM_RUST_ENTRIES,
  ...VMM_MGMT_ENTRIES,
  ...WRAPPED_ENTRIES,
  ...BIND_SETUP_ENTRIES,
  ...RESET_MEMLOCK_SWEEP_ENTRIES,
  ...FIELD_GAPS_SWEEP_ENTRIES,
  ...IGD_IOMMU_INIT_ENTRIES,
  ...POWER_AER_BAR_ENTRIES,
  ...USER_TOOLS_ENTRIES,
  ...GVT_TREE_ENTRIES,
  ...IOMMU_TREE_ENTRIES,
  ...PCI_TREE_ENTRIES,
  ...VMM_HUGEPAGE_SWEEP_ENTRIES,
  ...IOMMU_FAULT_SWEEP_ENTRIES,
  ...SRIOV_XEN_SWEEP_ENTRIES,
  ...TOOLS_SWEEP_ENTRIES,
  ...SELINUX_ENTRIES,
  ...APPARMOR_ENTRIES,
  ...VIRT_STACK_EXTRA_ENTRIES,
  ...FIELD_TAIL_SWEEP_ENTRIES,
  ...VIRT_MISSES_SWEEP_ENTRIES,
  ...HOST_MISSES_SWEEP_ENTRIES,
  ...MGMT_SWEEP_ENTRIES,
  ...LG_SWEEP_ENTRIES,
  ...GPU_DRIVER_SWEEP_ENTRIES,
  ...NIC_DPDK_SWEEP_ENTRIES,
  ...NEWEST_VERSIONS_ENTRIES,
  ...EDGE_CAUSES_SWEEP_ENTRIES,
  ...VFIO_USER_SWEEP_ENTRIES,
  ...USERSPACE_EDGES_ENTRIES,
  ...TOOLS_MGMT_SWEEP_ENTRIES,
  ...GUEST_SIDE_SWEEP_ENTRIES,
  ...HARVEST_SWEEP_ENTRIES,
  ...GPU_SRIOV_SWEEP_ENTRIES,
  ...HARVEST2_SWEEP_ENTRIES,
  ...HARVEST3A_SWEEP_ENTRIES,
  ...HARVEST3B_SWEEP_ENTRIES,
  ...MODBUILD_ENTRIES,
  ...HARVEST4A_SWEEP_ENTRIES,
  ...HARVEST4B_SWEEP_ENTRIES,
  ...HARVEST5A_SWEEP_ENTRIES,
  ...HARVEST5B_SWEEP_ENTRIES,
  ...HARVEST5C_SWEEP_ENTRIES,
  ...LEFTOVERS_SWEEP_ENTRIES,
  ...OLDSETS_SWEEP_ENTRIES,
  ...READ_SET_MISSES_ENTRIES,
  ...READ_SET13_ENTRIES,
  ...READ_SET15_ENTRIES,
  ...READ_SET16_ENTRIES,
  ...SHELL_SCRIPT_ENTRIES,
  ...READ_SET17_ENTRIES,
  ...KNOWABLE_MISSES_ENTRIES,
  ...READ_SET18_ENTRIES,
  ...QEMU_CMDLINE_ENTRIES,
  ...HOST_VALIDATE_ENTRIES,
  ...PCIUTILS_SELECT_ENTRIES,
  ...READ16_GPU_ENTRIES,
  ...VFIO_TREE_ENTRIES,
  ...QEMU_TREE_ENTRIES,
  ...XEN_PT_ENTRIES,
  ...PLATMIG_ENTRIES,
  ...KNOWN_BUGS_ENTRIES,
  ...SPLAT_FALLBACK_ENTRIES,
  // Last: the generic tier answers only lines no entry above recognised (matcher.ts).
  ...GENERIC_ENTRIES,
];
