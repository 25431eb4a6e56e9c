/**
 * What the catalogue was built from, per source file: every format string considered, the entry
 * that recognises it, and the ones left out with the reason. Each entry's own `format` is one
 * row; ALSO adds the further wordings an entry recognises (older versions, sibling messages of
 * one function), each with a rendered text the entry must match; LEFT_OUT records the strings a
 * VFIO user does not meet or that would only add noise. docs/diagnose-coverage.md is generated
 * from this (scripts/catalogue-doc.ts) and test/unit/diagnose-coverage.test.ts checks every row.
 */

import { BIND_SETUP_ALSO, BIND_SETUP_LEFT_OUT } from './catalogue/bind-setup.js';
import { EDGE_CAUSES_ALSO } from './catalogue/edge-causes-sweep.js';
import { FIELD_TAIL_ALSO } from './catalogue/field-tail-sweep.js';
import { GPU_DRIVER_ALSO, GPU_DRIVER_LEFT_OUT } from './catalogue/gpu-driver-sweep.js';
import { GPU_SRIOV_ALSO } from './catalogue/gpu-sriov-sweep.js';
import { GUEST_SIDE_ALSO, GUEST_SIDE_LEFT_OUT } from './catalogue/guest-side-sweep.js';
import { GVT_TREE_ALSO, GVT_TREE_LEFT_OUT } from './catalogue/gvt-tree-sweep.js';
import { HARVEST_ALSO } from './catalogue/harvest-sweep.js';
import { HOST_MISSES_ALSO, HOST_MISSES_LEFT_OUT } from './catalogue/host-misses-sweep.js';
import { IGD_INIT_ALSO, IGD_INIT_LEFT_OUT } from './catalogue/igd-iommu-init-sweep.js';
import { IOMMU_FAULT_SWEEP_ALSO, IOMMU_FAULT_SWEEP_LEFT_OUT } from './catalogue/iommu-fault-sweep.js';
import { IOMMU_TREE_ALSO, IOMMU_TREE_LEFT_OUT } from './catalogue/iommu-tree-sweep.js';
import { KERNEL_SWEEP_ALSO, KERNEL_SWEEP_LEFT_OUT } from './catalogue/kernel-sweep.js';
import { KNOWN_BUGS_ALSO, KNOWN_BUGS_LEFT_OUT } from './catalogue/known-bugs-sweep.js';
import { LG_SWEEP_ALSO, LG_SWEEP_LEFT_OUT } from './catalogue/lg-sweep.js';
import { LIBVIRT_SWEEP_ALSO, LIBVIRT_SWEEP_LEFT_OUT } from './catalogue/libvirt-sweep-coverage.js';
import { MDEV_GUEST_SWEEP_ALSO, MDEV_GUEST_SWEEP_LEFT_OUT } from './catalogue/mdev-guest-sweep.js';
import { MGMT_SWEEP_ALSO, MGMT_SWEEP_LEFT_OUT } from './catalogue/mgmt-sweep.js';
import { MODBUILD_ALSO, MODBUILD_LEFT_OUT } from './catalogue/module-build-sweep.js';
import { NEWEST_ALSO, NEWEST_LEFT_OUT } from './catalogue/newest-versions-sweep.js';
import { NIC_DPDK_ALSO, NIC_DPDK_LEFT_OUT } from './catalogue/nic-dpdk-sweep.js';
import { PCI_TREE_ALSO, PCI_TREE_LEFT_OUT } from './catalogue/pci-tree-sweep.js';
import { PLATMIG_ALSO, PLATMIG_LEFT_OUT } from './catalogue/platform-migration-sweep.js';
import { POWER_AER_BAR_ALSO, POWER_AER_BAR_LEFT_OUT } from './catalogue/power-aer-bar-sweep.js';
import { QEMU_SWEEP_ALSO, QEMU_SWEEP_LEFT_OUT } from './catalogue/qemu-sweep-coverage.js';
import { QEMU_TREE_ALSO, QEMU_TREE_LEFT_OUT } from './catalogue/qemu-tree-sweep.js';
import { SRIOV_XEN_ALSO, SRIOV_XEN_LEFT_OUT } from './catalogue/sriov-xen-sweep.js';
import { USER_TOOLS_ALSO, USER_TOOLS_LEFT_OUT } from './catalogue/user-tools-sweep.js';
import { USERSPACE_EDGES_ALSO } from './catalogue/userspace-edges-sweep.js';
import { VFIO_TREE_ALSO, VFIO_TREE_LEFT_OUT } from './catalogue/vfio-tree-sweep.js';
import { VIRT_MISSES_ALSO, VIRT_MISSES_LEFT_OUT } from './catalogue/virt-misses-sweep.js';
import { VMM_ALSO, VMM_LEFT_OUT } from './catalogue/vmm-coverage.js';
import { VMM_HUGEPAGE_ALSO, VMM_HUGEPAGE_LEFT_OUT } from './catalogue/vmm-hugepage-sweep.js';
import { WRAPPED_ALSO } from './catalogue/wrapped.js';
import { XEN_PT_ALSO, XEN_PT_LEFT_OUT } from './catalogue/xen-pt-sweep.js';
import { CATALOGUE } from './catalogue.js';

export interface AlsoCovered {
  /** The catalogue entry recognising it. */
  id: string;
  file: string;
  format: string;
  /** The format as printed (printf-rendered with realistic values). */
  text: string;
}

export interface LeftOut {
  file: string;
  format: string;
  why: string;
}

export const ALSO: AlsoCovered[] = [
  ...QEMU_SWEEP_ALSO,
  ...KERNEL_SWEEP_ALSO,
  ...WRAPPED_ALSO,
  {
    id: 'libvirt.reset-bus-shared',
    file: 'libvirt/libvirt src/util/pci.c',
    format: 'Other devices on bus with %s, not doing bus reset',
    text: 'Dec 28 13:31:28 charlie libvirtd: 13:31:28.825: warning : pciTrySecondaryBusReset:483 : Other devices on bus with 0000:11:09.0, not doing bus reset',
  },
  {
    id: 'dpdk.group-not-viable',
    file: 'DPDK/dpdk lib/librte_eal/linuxapp/eal/eal_vfio.c',
    format: '  %s VFIO group is not viable!',
    text: 'EAL:   0000:0e:00.0 VFIO group is not viable!',
  },
  {
    id: 'dpdk.dma-remapping-failed',
    file: 'DPDK/dpdk lib/librte_eal/linuxapp/eal/eal_vfio.c',
    format: '  cannot set up DMA remapping, error %i (%s)',
    text: 'EAL:   cannot set up DMA remapping, error 14 (Bad address)',
  },
  {
    id: 'dpdk.dma-remapping-failed',
    file: 'DPDK/dpdk lib/eal/linux/eal_vfio.c',
    format: '%s DMA remapping failed, error %i (%s)',
    text: 'EAL:   0000:00:19.0 DMA remapping failed, error 14 (Bad address)',
  },
  {
    id: 'dpdk.device-unusable',
    file: 'DPDK/dpdk lib/eal/common/eal_common_dev.c',
    format: 'Driver cannot attach the device (%s)',
    text: 'EAL: Driver cannot attach the device (0000:01:00.1)',
  },
  {
    id: 'dpdk.vfio-unavailable',
    file: 'DPDK/dpdk lib/eal/linux/eal_vfio.c',
    format: 'VFIO support not initialized',
    text: 'EAL: VFIO support not initialized',
  },
  {
    id: 'spdk.dma-map-failed',
    file: 'spdk/spdk lib/env_dpdk/memory.c',
    format: 'Cannot set up DMA mapping, error %d, ignored',
    text: 'memory.c: 889:vtophys_iommu_map_dma: *NOTICE*: Cannot set up DMA mapping, error 19, ignored',
  },
  {
    id: 'kernel.gvt-failsafe',
    file: 'torvalds/linux drivers/gpu/drm/i915/gvt/handlers.c',
    format: "Detected your guest driver doesn't support GVT-g.",
    text: "Detected your guest driver doesn't support GVT-g.",
  },
  {
    id: 'kernel.gvt-failsafe',
    file: 'torvalds/linux drivers/gpu/drm/i915/gvt/handlers.c',
    format: 'Graphics resource is not enough for the guest',
    text: 'Graphics resource is not enough for the guest',
  },
  {
    id: 'nvidia-vgpu.vm-uuid-missing',
    file: 'NVIDIA nvidia-vgpu-mgr',
    format: 'kvm_plugin_global_init failed with error 0x%x',
    text: 'error: vmiop_env_log: kvm_plugin_global_init failed with error 0x57',
  },
  {
    id: 'nvidia-vgpu.driver-incompatible',
    file: 'NVIDIA nvidia-vgpu-mgr',
    format:
      'Incompatible Guest/Host drivers: Guest VGX version is newer than the maximum version supported by the Host. Disabling vGPU.',
    text: 'error: vmiop_log: (0x0): Incompatible Guest/Host drivers: Guest VGX version is newer than the maximum version supported by the Host. Disabling vGPU.',
  },
  {
    id: 'runtime.vfio-device-node-missing',
    file: 'containers/crun src/libcrun/linux.c',
    format: "error stat'ing file `%s`: %s",
    text: "Error: crun: error stat'ing file `/dev/vfio/42`: No such file or directory: OCI runtime attempted to invoke a command that was not found",
  },
  {
    id: 'qemu.iommufd-attach-failed',
    file: 'qemu/qemu hw/vfio/iommufd.c',
    format: '[iommufd=%d] error attach %s (%d) to ioasid=%d',
    text: 'vfio 0000:01:00.0: [iommufd=24] error attach 0000:01:00.0 (23) to ioasid=2: Invalid argument',
  },
  {
    id: 'kernel.aer-error-received',
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: 'AER: %s%s error received: %04x:%02x:%02x.%d',
    text: 'pcieport 0000:00:01.1: AER: Multiple Corrected error received: 0000:01:00.0',
  },
  {
    id: 'kernel.bar-no-space',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'BAR %d: no space for %pR',
    text: 'pci 0000:01:00.0: BAR 1: no space for [mem size 0x400000000 64bit pref]',
  },
  {
    id: 'kernel.bar-failed-assign',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'BAR %d: failed to assign %pR',
    text: 'pci 0000:01:00.0: BAR 1: failed to assign [mem size 0x400000000 64bit pref]',
  },
  {
    id: 'kernel.bar-cant-claim',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: "can't claim BAR %d %pR: no compatible bridge window",
    text: "pci 0000:01:00.0: can't claim BAR 6 [mem 0xfff80000-0xffffffff pref]: no compatible bridge window",
  },
  {
    id: 'kernel.bar-not-assigned-cant-enable',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: "can't enable device: BAR %d %pR not claimed",
    text: "vfio-pci 0000:01:00.0: can't enable device: BAR 1 [mem 0xe0000000-0xefffffff 64bit pref] not claimed",
  },
  {
    id: 'kernel.power-state-refused',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Refused to change power state, currently in D%d',
    text: 'vfio-pci 0000:01:00.0: Refused to change power state, currently in D3',
  },
  {
    id: 'kernel.pciehp-link-down',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Card not present',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(4): Card not present',
  },
  {
    id: 'kernel.pciehp-link-up',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Card present',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(4): Card present',
  },
  {
    id: 'kernel.vfio-vf-token-unexpected',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c',
    format: 'VF token incorrectly provided, not a PF or VF',
    text: 'vfio-pci 0000:01:00.0: VF token incorrectly provided, not a PF or VF',
  },
  {
    id: 'kernel.dmar-bad-rmrr',
    file: 'torvalds/linux arch/x86/include/asm/iommu.h',
    format:
      '[Firmware Bug]: No firmware reserved region can cover this RMRR [%#018Lx-%#018Lx], contact BIOS vendor for fixes',
    text: 'DMAR: [Firmware Bug]: No firmware reserved region can cover this RMRR [0x000000003e2e0000-0x000000003e2fffff], contact BIOS vendor for fixes',
  },
  {
    id: 'kernel.dmar-ir-ioapic-under-drhd',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'HPET id %d under DRHD base 0x%Lx',
    text: 'DMAR-IR: HPET id 0 under DRHD base 0xfed91000',
  },
  {
    id: 'kernel.amd-hardware-error-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [ILLEGAL_COMMAND_ERROR address=0x%llx]',
    text: 'AMD-Vi: Event logged [ILLEGAL_COMMAND_ERROR address=0x4d9a0010]',
  },
  {
    id: 'kernel.kvm-disabled-by-bios',
    file: 'torvalds/linux arch/x86/kvm/svm/svm.c',
    format: 'SVM disabled (by BIOS) in MSR_VM_CR on CPU %d',
    text: 'kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU 0',
  },
  {
    id: 'kernel.nvidia-rm-init-adapter',
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c',
    format: 'NVRM: rm_init_adapter failed for device bearing minor number %d',
    text: 'NVRM: rm_init_adapter failed for device bearing minor number 0',
  },
  {
    id: 'kernel.nouveau-bios-unusable',
    file: 'torvalds/linux drivers/gpu/drm/nouveau/nvkm/core/subdev.c',
    format: '%s ctor failed, %d',
    text: 'nouveau 0000:06:00.0: bios ctor failed, -22',
  },
  {
    id: 'qemu.pci-single-function-slot',
    file: 'qemu/qemu hw/pci/pci.c',
    format: 'PCI: %x.0 indicates single function, but %x.%x is already populated.',
    text: 'qemu-system-x86_64: -device vfio-pci,host=01:00.0,addr=05.0: PCI: 5.0 indicates single function, but 5.1 is already populated.',
  },
  {
    id: 'qemu.duplicate-device-id',
    file: 'qemu/qemu util/qemu-option.c',
    format: "Duplicate ID '%s' for %s",
    text: "qemu-system-x86_64: -device vfio-pci,host=01:00.1,id=hostdev0: Duplicate ID 'hostdev0' for device",
  },
  {
    id: 'qemu.romfile-empty',
    file: 'qemu/qemu hw/pci/pci.c',
    format: 'romfile "%s" too large (size cannot exceed 2 GiB)',
    text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,romfile=/tmp/x: romfile "/tmp/x" too large (size cannot exceed 2 GiB)',
  },
  {
    id: 'qemu.mlock-failed',
    file: 'qemu/qemu system/vl.c',
    format: 'locking memory failed',
    text: 'qemu-system-x86_64: locking memory failed',
  },
  {
    id: 'qemu.kvm-memory-slot',
    file: 'qemu/qemu accel/kvm/kvm-all.c',
    format: 'kvm_set_phys_mem: error registering slot: %s',
    text: 'qemu-system-x86_64: kvm_set_phys_mem: error registering slot: Invalid argument',
  },
  {
    id: 'qemu.kvm-unavailable',
    file: 'qemu/qemu accel/kvm/kvm-all.c',
    format: 'failed to initialize kvm: %s',
    text: 'qemu-system-x86_64: failed to initialize kvm: Permission denied',
  },
  {
    id: 'qemu.msi-capability-read-failed',
    file: 'qemu/qemu hw/vfio/pci.c',
    format: 'failed to read PCI MSIX FLAGS',
    text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to read PCI MSIX FLAGS: Input/output error',
  },
  {
    id: 'qemu.migration-disabled',
    file: 'qemu/qemu hw/vfio/migration.c',
    format: "%s: Migration couldn't be initialized for VFIO device, err: %d (%s)",
    text: "qemu-system-x86_64: 0000:01:00.0: Migration couldn't be initialized for VFIO device, err: -22 (Invalid argument)",
  },
  {
    id: 'libvirt.virsh-nodedev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Failed to re-attach device %1$s',
    text: 'error: Failed to re-attach device pci_0000_01_00_0',
  },
  {
    id: 'libvirt.virsh-nodedev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Device %1$s re-attached\n',
    text: 'Device pci_0000_01_00_0 re-attached',
  },
  ...LIBVIRT_SWEEP_ALSO,
  ...VMM_ALSO,
  ...BIND_SETUP_ALSO,
  ...IGD_INIT_ALSO,
  ...IOMMU_FAULT_SWEEP_ALSO,
  ...MDEV_GUEST_SWEEP_ALSO,
  ...POWER_AER_BAR_ALSO,
  ...USER_TOOLS_ALSO,
  ...MODBUILD_ALSO,
  ...GVT_TREE_ALSO,
  ...VFIO_TREE_ALSO,
  ...IOMMU_TREE_ALSO,
  ...PCI_TREE_ALSO,
  ...VMM_HUGEPAGE_ALSO,
  ...SRIOV_XEN_ALSO,
  ...VIRT_MISSES_ALSO,
  ...HOST_MISSES_ALSO,
  ...MGMT_SWEEP_ALSO,
  ...LG_SWEEP_ALSO,
  ...GPU_DRIVER_ALSO,
  ...FIELD_TAIL_ALSO,
  ...GPU_SRIOV_ALSO,
  ...NIC_DPDK_ALSO,
  ...NEWEST_ALSO,
  ...EDGE_CAUSES_ALSO,
  ...USERSPACE_EDGES_ALSO,
  ...GUEST_SIDE_ALSO,
  ...HARVEST_ALSO,
  ...QEMU_TREE_ALSO,
  ...XEN_PT_ALSO,
  ...PLATMIG_ALSO,
  ...KNOWN_BUGS_ALSO,
];

export const LEFT_OUT: LeftOut[] = [
  ...QEMU_SWEEP_LEFT_OUT,
  ...KERNEL_SWEEP_LEFT_OUT,
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: '[%04x:%04x] type %02x class %#08x',
    why: 'routine enumeration line printed for every device at boot; matching it would bury real findings in a full dmesg (the enumeration line of a device that answers all ones shows up as "unknown header type 7f", which is covered)',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'reg 0x%x: %pR',
    why: 'routine per-BAR enumeration line (Linux 6.8+: "BAR %d %pR"); the failures about BARs are covered by the assignment entries',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'PME# supported from%s%s%s%s%s',
    why: 'routine per-device power-management line, unrelated to passthrough failures',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'PCI bridge to %pR',
    why: 'routine per-bridge line; the bridge-window failures are covered',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'bridge window %pR to %pR add_size %llx',
    why: 'routine sizing output on most machines; only the "can\'t assign; no space" / "failed to assign" outcome matters and is covered',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'restoring config space at offset %#x (was %#x, writing %#x)',
    why: 'pci_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: '   [%2d] %-22s%s',
    why: 'per-bit detail line of an AER report with no 3-character literal common to all bits (the prefilter needs one); the report\'s "PCIe Bus Error" and status/mask lines carry the meaning and are covered',
  },
  {
    file: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c',
    format: '%s: unpin_pages failed',
    why: 'WARN on an internal inconsistency of mdev vendor drivers; not caused by the host setup and not actionable by a user',
  },
  {
    file: 'qemu/qemu hw/vfio/pci.c',
    format: 'vfio: Unable to find NVIDIA GPUDirect Clique ID capability',
    why: 'reachable only with x-nv-gpudirect-clique set by hand for NVIDIA GPUDirect P2P setups; not met on the desktop-passthrough path',
  },
  {
    file: 'qemu/qemu hw/vfio/cpr*.c',
    format: 'vfio: cpr-transfer and cpr-reboot errors',
    why: 'checkpoint/restart (cpr) migration modes, reachable only when a management layer chose them; not on the setup path vfiokit checks',
  },
  {
    file: 'qemu/qemu system/memory.c',
    format: 'memory listener initialization failed: Region %s: vfio_container_dma_map(...) = %d (%s)',
    why: 'prepends a context to the DMA-map failure, which qemu.dma-map-failed already recognises in the same line; a second entry would only compete with it',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'dmar%d: Using Queued invalidation',
    why: 'routine boot line; the VT-d state is read from "DMAR: IOMMU enabled" and "DMAR-IR: Enabled IRQ remapping", which are covered',
  },
  ...LIBVIRT_SWEEP_LEFT_OUT,
  ...VMM_LEFT_OUT,
  ...BIND_SETUP_LEFT_OUT,
  ...IGD_INIT_LEFT_OUT,
  ...IOMMU_FAULT_SWEEP_LEFT_OUT,
  ...MDEV_GUEST_SWEEP_LEFT_OUT,
  ...POWER_AER_BAR_LEFT_OUT,
  ...USER_TOOLS_LEFT_OUT,
  ...MODBUILD_LEFT_OUT,
  ...GVT_TREE_LEFT_OUT,
  ...VFIO_TREE_LEFT_OUT,
  ...IOMMU_TREE_LEFT_OUT,
  ...PCI_TREE_LEFT_OUT,
  ...VMM_HUGEPAGE_LEFT_OUT,
  ...SRIOV_XEN_LEFT_OUT,
  ...VIRT_MISSES_LEFT_OUT,
  ...HOST_MISSES_LEFT_OUT,
  ...MGMT_SWEEP_LEFT_OUT,
  ...LG_SWEEP_LEFT_OUT,
  ...GPU_DRIVER_LEFT_OUT,
  ...NIC_DPDK_LEFT_OUT,
  ...NEWEST_LEFT_OUT,
  ...GUEST_SIDE_LEFT_OUT,
  ...QEMU_TREE_LEFT_OUT,
  ...XEN_PT_LEFT_OUT,
  ...PLATMIG_LEFT_OUT,
  ...KNOWN_BUGS_LEFT_OUT,
];

/** The file a citation names: its repository and first path ("qemu/qemu hw/vfio/pci.c"). */
export function citedFile(cite: string): string {
  const m = /^(\S+) ((?:[\w.*-]{1,64}\/){0,6}[\w.*-]{1,64}\.(?:c|h|go|rs|ts))/.exec(cite);
  return m ? `${m[1]} ${m[2]}` : cite.split(' ').slice(0, 2).join(' ');
}

export interface CoverageRow {
  file: string;
  format: string;
  /** The entry recognising it, or undefined when left out. */
  id?: string;
  why?: string;
}

/** Every format string considered, grouped by file in a stable order. */
export function coverageRows(): CoverageRow[] {
  const rows: CoverageRow[] = [
    ...CATALOGUE.map((e) => ({ file: citedFile(e.cite), format: e.format.split('\n')[0], id: e.id })),
    ...ALSO.map((a) => ({ file: a.file, format: a.format.split('\n')[0], id: a.id })),
    ...LEFT_OUT.map((l) => ({ file: l.file, format: l.format, why: l.why })),
  ];
  return rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
