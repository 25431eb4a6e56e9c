/**
 * The coverage ledger (coverage.ts) for the sources swept in vmm-rust.ts and vmm-mgmt.ts: the
 * further wordings their entries recognise (sibling variants, older versions, the Debug forms)
 * and the format strings of those files left without an entry, with the reason. The shapes are
 * coverage.ts's AlsoCovered and LeftOut.
 */

const VFIO_IOCTLS = 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs';
const CHV_DM = 'cloud-hypervisor/cloud-hypervisor vmm/src/device_manager.rs';
const CHV_PCI = 'cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs';
const CROSVM = 'google/crosvm devices/src/vfio.rs';
const DRAGONBALL = 'kata-containers/kata-containers src/dragonball/src/device_manager/vfio_dev_mgr/mod.rs';
const ACRN = 'projectacrn/acrn-hypervisor devicemodel/hw/pci/passthrough.c';
const BHYVE = 'freebsd/freebsd-src usr.sbin/bhyve/pci_passthru.c';
const PVE_PCI = 'proxmox/qemu-server PVE/QemuServer/PCI.pm';
const PVE_SYSFS = 'proxmox/pve-common src/PVE/SysFSTools.pm';
const KIMCHI = 'kimchi-project/kimchi i18n.py';
const VIRTINST = 'virt-manager/virt-manager virtinst/nodedev.py';

export const VMM_ALSO: { id: string; file: string; format: string; text: string }[] = [
  // vfio-ioctls, crosvm, Dragonball
  {
    id: 'chv.vfio-info-failed',
    file: VFIO_IOCTLS,
    format: "vfio PCI device info doesn't match",
    text: "Error: VfioDevice: vfio PCI device info doesn't match",
  },
  {
    id: 'chv.vfio-info-failed',
    file: VFIO_IOCTLS,
    format: 'unsupported vfio device type',
    text: 'unsupported vfio device type',
  },
  {
    id: 'chv.vfio-info-failed',
    file: VFIO_IOCTLS,
    format: "failed to get vfio device's region info: %s",
    text: "failed to get vfio device's region info: Invalid argument (os error 22)",
  },
  {
    id: 'chv.vfio-info-failed',
    file: VFIO_IOCTLS,
    format: 'failed to get Group Status',
    text: 'failed to get Group Status',
  },
  {
    id: 'chv.vfio-info-failed',
    file: CROSVM,
    format: "failed to get vfio device's info or info doesn't match: %s",
    text: "failed to get vfio device's info or info doesn't match: No such device (os error 19)",
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: VFIO_IOCTLS,
    format: 'failed to disable vfio device irq',
    text: 'failed to disable vfio device irq',
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: VFIO_IOCTLS,
    format: 'failed to unmask vfio device irq',
    text: 'failed to unmask vfio device irq',
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: VFIO_IOCTLS,
    format: 'failed to trigger vfio device irq',
    text: 'failed to trigger vfio device irq',
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: VFIO_IOCTLS,
    format: 'failed to get vfio device irq info',
    text: 'failed to get vfio device irq info',
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: CROSVM,
    format: "failed to mask vfio deviece's irq: %s",
    text: "failed to mask vfio deviece's irq: No such device (os error 19)",
  },
  {
    id: 'crosvm.irq-mask-failed',
    file: CROSVM,
    format: "failed to disable vfio deviece's irq: %s",
    text: "failed to disable vfio deviece's irq: Invalid argument (os error 22)",
  },
  {
    id: 'cloud-hypervisor.irq-enable-failed',
    file: CROSVM,
    format: "failed to enable vfio deviece's irq: %s",
    text: "failed to enable vfio deviece's irq: Invalid argument (os error 22)",
  },
  {
    id: 'crosvm.low-power-failed',
    file: CROSVM,
    format: "failed to exit vfio deviece's low power state: %s",
    text: "failed to exit vfio deviece's low power state: Input/output error (os error 5)",
  },
  {
    id: 'chv.kvm-vfio-device-failed',
    file: CROSVM,
    format: 'failed to create KVM vfio device: %s',
    text: 'failed to create KVM vfio device: No such device (os error 19)',
  },
  {
    id: 'chv.kvm-vfio-device-failed',
    file: CROSVM,
    format: "failed to set KVM vfio device's attribute: %s",
    text: "failed to set KVM vfio device's attribute: Bad file descriptor (os error 9)",
  },
  {
    id: 'chv.kvm-vfio-device-failed',
    file: DRAGONBALL,
    format: 'failed to create kvm device: %s',
    text: 'failed to create kvm device: Error(19)',
  },
  {
    id: 'qemu.group-open-failed',
    file: CROSVM,
    format: 'failed to open %s group: %s',
    text: 'failed to open /dev/vfio/12 group: No such file or directory (os error 2)',
  },
  {
    id: 'chv.vfio-create-failed',
    file: DRAGONBALL,
    format: 'failure while configuring VFIO device, %s',
    text: 'failure while configuring VFIO device, InvalidPath',
  },
  {
    id: 'kata.dragonball-no-resource',
    file: DRAGONBALL,
    format: 'StartMicroVm(CreateVfioDevice(NoResource))',
    text: 'vmm action error: StartMicroVm(CreateVfioDevice(NoResource))',
  },
  {
    id: 'kata.dragonball-vfio-config',
    file: DRAGONBALL,
    format: 'the device ID %s already exists',
    text: 'the device ID hostdev-0 already exists',
  },
  {
    id: 'kata.dragonball-vfio-config',
    file: DRAGONBALL,
    format: 'The configuration of vfio device is invalid',
    text: 'The configuration of vfio device is invalid',
  },
  {
    id: 'kata.dragonball-vfio-config',
    file: DRAGONBALL,
    format: 'update operation is not allowed after boot',
    text: 'update operation is not allowed after boot',
  },
  {
    id: 'kata.dragonball-vfio-config',
    file: DRAGONBALL,
    format: 'vfio container not found',
    text: 'vfio container not found',
  },
  // Cloud Hypervisor
  {
    id: 'chv.vfio-map-region-failed',
    file: CHV_PCI,
    format: 'Invalid region alignment',
    text: '  3: Invalid region alignment',
  },
  {
    id: 'chv.vfio-map-region-failed',
    file: CHV_PCI,
    format: 'Invalid region size',
    text: '  3: Invalid region size',
  },
  {
    id: 'chv.vfio-map-region-failed',
    file: CHV_PCI,
    format: 'Failed to map VFIO PCI region into guest: %s',
    text: 'Failed to map VFIO PCI region into guest: Invalid argument (os error 22)',
  },
  {
    id: 'chv.vfio-map-region-failed',
    file: CHV_PCI,
    format: 'failed to mmap VFIO PCI device region on device file: %s',
    text: 'failed to mmap VFIO PCI device region on device file: Device or resource busy (os error 16)',
  },
  {
    id: 'chv.passthrough-unsupported',
    file: CHV_DM,
    format: 'Failed to create the passthrough device',
    text: '  2: Failed to create the passthrough device',
  },
  {
    id: 'chv.region-info-missing',
    file: 'rust-vmm/vfio crates/vfio-ioctls/src/vfio_device.rs',
    format: 'Could not get VFIO IRQ info for index %d',
    text: 'cloud-hypervisor: 0.152s: <vmm> WARN:vfio_device.rs:861 -- Could not get VFIO IRQ info for index 4',
  },
  {
    id: 'chv.memory-hotplug-dma-map',
    file: CHV_DM,
    format: 'UpdateMemoryForVfioPciDevice(%s)',
    text: 'Error resizing VM: VmResize(DeviceManager(UpdateMemoryForVfioPciDevice(IommuDmaMap(Error(12)))))',
  },
  {
    id: 'chv.hotplug-behind-viommu',
    file: CHV_DM,
    format: 'InvalidIommuHotplug',
    text: 'Error adding device to VM: VmAddDevice(DeviceManager(InvalidIommuHotplug))',
  },
  // ACRN and bhyve
  {
    id: 'acrn.ptdev-assign-failed',
    file: BHYVE,
    format: 'PCI device at %d/%d/%d is not using the ppt(4) driver',
    text: 'PCI device at 2/0/0 is not using the ppt(4) driver',
  },
  {
    id: 'acrn.bar-init-failed',
    file: ACRN,
    format: 'Failed to map MSI-X table pages on %x/%x/%x',
    text: 'Failed to map MSI-X table pages on 1/0/0',
  },
  {
    id: 'acrn.bar-init-failed',
    file: ACRN,
    format: 'Failed to map MSI-X BAR passthru pages on %x/%x/%x',
    text: 'Failed to map MSI-X BAR passthru pages on 1/0/0',
  },
  {
    id: 'acrn.bar-init-failed',
    file: ACRN,
    format: 'passthru device %x/%x/%x BAR %d: base %#lx not page aligned',
    text: 'passthru device 0/17/0 BAR 0: base 0x91218800 not page aligned',
  },
  {
    id: 'acrn.bar-init-failed',
    file: BHYVE,
    format: 'Failed to map PBA page for MSI-X on %d/%d/%d',
    text: 'Failed to map PBA page for MSI-X on 4/0/0',
  },
  {
    id: 'acrn.intx-only',
    file: ACRN,
    format: 'ptdev %x/%x/%x has wrong phys_pin %d, likely fail!',
    text: 'ptdev 0/1f/3 has wrong phys_pin 255, likely fail!',
  },
  {
    id: 'acrn.reset-failed',
    file: ACRN,
    format: 'ptdev %x/%x/%x do d3hot_reset failed!',
    text: 'ptdev 1/0/0 do d3hot_reset failed!',
  },
  {
    id: 'acrn.pio-unsupported',
    file: ACRN,
    format: 'Passthru: PIO write not supported, ignored',
    text: 'Passthru: PIO write not supported, ignored',
  },
  {
    id: 'acrn.no-physical-device',
    file: ACRN,
    format: 'Invalid passthru BDF options:%s',
    text: 'Invalid passthru BDF options:01:00.0',
  },
  {
    id: 'acrn.no-physical-device',
    file: ACRN,
    format: 'Invalid passthru options:%s',
    text: 'Invalid passthru options:msix',
  },
  // Proxmox
  {
    id: 'pve.device-not-found',
    file: PVE_PCI,
    format: "no PCI device found for '%s'",
    text: "no PCI device found for '0000:c1:00.0'",
  },
  {
    id: 'pve.group-bind-failed',
    file: PVE_SYSFS,
    format: 'Cannot bind %s to vfio',
    text: 'Cannot bind 0000:00:17.0 to vfio',
  },
  {
    id: 'pve.iommu-group-missing',
    file: PVE_SYSFS,
    format: 'Cannot find vfio-pci module!',
    text: 'TASK ERROR: Cannot find vfio-pci module!',
  },
  {
    id: 'pve.device-reserved',
    file: PVE_PCI,
    format: "PCI device '%s' is currently reserved for use by VMID '%s'",
    text: "PCI device '0000:01:00.0' is currently reserved for use by VMID '102'",
  },
  {
    id: 'pve.device-reserved',
    file: PVE_PCI,
    format: "PCI device '%s' already in use by running VMID '%s'",
    text: "PCI device '0000:01:00.0' already in use by running VMID '102'",
  },
  {
    id: 'pve.device-reserved',
    file: PVE_PCI,
    format: "could not find a free device for 'hostpci%d'",
    text: "TASK ERROR: could not find a free device for 'hostpci1'",
  },
  ...[
    'legacy IGD assignment requires rombar to be enabled',
    'legacy IGD assignment is not compatible with x-vga',
    'legacy IGD assignment is not compatible with mdev',
    'legacy IGD assignment is not compatible with q35',
    'legacy IGD assignment is not compatible with multifunction devices',
    'legacy IGD assignment is not compatible with alternate devices',
    'legacy IGD assignment only works for devices on host bus 00:02.0',
    'only one device can be assigned in legacy-igd mode',
  ].map((format) => ({ id: 'pve.legacy-igd-config', file: PVE_PCI, format, text: `TASK ERROR: ${format}` })),
  {
    id: 'pve.mapping-invalid',
    file: PVE_PCI,
    format: 'PCI device mapping invalid (hardware probably changed): %s',
    text: 'PCI device mapping invalid (hardware probably changed): iommu group not correct',
  },
  ...[
    "Cannot set both 'host' and 'mapping'.",
    "Either 'host' or 'mapping' must be set.",
    'cannot use mediated device with multifunction device',
  ].map((format) => ({ id: 'pve.mapping-invalid', file: PVE_PCI, format, text: `hostpci0: ${format}` })),
  // KubeVirt
  {
    id: 'kubevirt.device-count-mismatch',
    file: 'kubevirt/kubevirt pkg/virt-launcher/virtwrap/device/hostdevice/generic/hostdev.go',
    format:
      'failed to create generic host-devices: the number of generic host-devices do not match the number of devices:',
    text: 'failed to create generic host-devices: the number of generic host-devices do not match the number of devices:\\nGeneric: [{hostdev1 nvidia.com/GA102 <nil>}]\\nDevice: []',
  },
  {
    id: 'kubevirt.device-not-permitted',
    file: 'kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go',
    format: 'GPU %s is not permitted in permittedHostDevices configuration',
    text: 'GPU nvidia.com/GA102_GEFORCE_RTX_3090 is not permitted in permittedHostDevices configuration',
  },
  {
    id: 'kubevirt.sriov-network-info-missing',
    file: 'kubevirt/kubevirt pkg/virt-launcher/virtwrap/device/hostdevice/sriov/hostdev.go',
    format: 'found no SR-IOV networks to PCI-Address mapping',
    text: 'found no SR-IOV networks to PCI-Address mapping',
  },
  // Kimchi, virt-install
  {
    id: 'mgmt.nvidia-dp-gpu-skipped',
    file: 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go',
    format: 'Could not get driver for device %s',
    text: 'Could not get driver for device  0000:3b:00.0',
  },
  {
    id: 'mgmt.kimchi-attach-failed',
    file: KIMCHI,
    format: 'Hot-(un)plug of device %s is not supported.',
    text: 'KCHVMHDEV0006E: Hot-(un)plug of device pci_0000_01_00_0 is not supported.',
  },
  {
    id: 'mgmt.kimchi-attach-failed',
    file: KIMCHI,
    format: 'Failed to attach %s to %s',
    text: 'KCHVMHDEV0007E: Failed to attach pci_0000_01_00_0 to win10',
  },
  {
    id: 'mgmt.virtinst-hostdev-not-found',
    file: VIRTINST,
    format: '%s corresponds to multiple node devices',
    text: 'ERROR    1d6b:2 corresponds to multiple node devices',
  },
  {
    id: 'mgmt.virtinst-hostdev-not-found',
    file: VIRTINST,
    format: "Unknown hostdev address string format '%s'",
    text: "ERROR    Unknown hostdev address string format 'foobarhostdev'",
  },
];

export const VMM_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: VFIO_IOCTLS,
    format: "vfio API version doesn't match with VFIO_API_VERSION defined in vfio-bindings",
    why: 'every mainline kernel answers VFIO_GET_API_VERSION with 0 since Linux 3.6; the Debug form (VfioApiVersion) is read by chv.vfio-create-failed',
  },
  {
    file: VFIO_IOCTLS,
    format: 'failed to check VFIO extension',
    why: 'the ioctl itself failing on an open container does not happen with the kernel container; a missing type1 v2 backend shows as VfioType1V2, covered',
  },
  {
    file: VFIO_IOCTLS,
    format: 'invalid VFIO type',
    why: 'returned only when the VMM passes an IOMMU type other than type1 to its own helper: a programming error, not a host condition',
  },
  {
    file: VFIO_IOCTLS,
    format: 'failed to unset vfio container',
    why: 'teardown when the last device of a group goes away; it follows an earlier error or a VMM exit and has no cause of its own',
  },
  {
    file: VFIO_IOCTLS,
    format: 'failed to duplicate fd / wrong device fd type / failed to get host address',
    why: 'internal errors of the crate (dup() of the KVM device fd, a KVM/MSHV fd mix-up, a guest region without a host mapping), not caused by the host setup',
  },
  {
    file: CHV_DM,
    format: 'Cannot create a VFIO device',
    why: 'the Display head of VfioCreate in the error chain; the numbered line after it carries the cause and is recognised (invalid file path by chv.vfio-create-failed, the group and open failures by their own entries), as is the Debug form VfioCreate(…)',
  },
  {
    file: CHV_DM,
    format: 'Cannot create a VFIO PCI device',
    why: 'a wrapper (VfioPciCreate) whose inner errors are the interrupt set-up ones, covered by cloud-hypervisor.irq-enable-failed, or snapshot restore errors',
  },
  {
    file: CHV_DM,
    format: 'Failed to map VFIO MMIO region',
    why: 'the Display head of VfioMapRegion; the next line of the chain carries the step, which chv.vfio-map-region-failed and cloud-hypervisor.ioas-map-failed recognise',
  },
  {
    file: CHV_DM,
    format: 'Failed to DMA unmap VFIO device',
    why: 'a follow-up of an earlier failure at hot-unplug; the inner "failed to remove guest memory map from iommu table" is covered by cloud-hypervisor.dma-unmap-failed',
  },
  {
    file: CHV_DM,
    format:
      'Failed to create vfio-user client / Failed to create VFIO user device / Failed to DMA map VFIO user device',
    why: 'vfio-user is a socket protocol to a userspace device server (SPDK, libvfio-user), not host VFIO device assignment',
  },
  {
    file: CHV_PCI,
    format: "Failed to notifier's eventfd",
    why: 'MissingNotifier: an internal state error of the interrupt code, not reachable through host configuration',
  },
  {
    file: CHV_PCI,
    format: 'Failed to retrieve MsiConfigState / MsixConfigState / PciConfigurationState / VfioCommonState',
    why: 'snapshot restore of a VFIO device (a snapshot from another version); not on the device-assignment path',
  },
  {
    file: CROSVM,
    format:
      "failed to call vfio device's ACPI _DSM: %s / failed to enable vfio deviece's acpi notification: %s",
    why: 'ACPI methods of platform devices passed through on ChromeOS; not PCI device assignment on a Linux host',
  },
  {
    file: CROSVM,
    format: 'AddressAllocator is unavailable / resources error: %s',
    why: "crosvm's own guest address allocator state; not caused by the host's VFIO setup",
  },
  {
    file: CROSVM,
    format: 'failed to get IOMMU info from host: %s',
    why: 'VFIO_IOMMU_GET_INFO on a container that has a type1 IOMMU set never fails on mainline kernels; the type1 set-up failures before it are covered',
  },
  {
    file: DRAGONBALL,
    format:
      "can't open host device for VFIO / VFIO subsystem internal error / the virtual machine instance ID is invalid",
    why: 'not returned on the attach path read in vfio_dev_mgr/mod.rs; the open failures come as VfioIoctlError, covered by chv.vfio-create-failed',
  },
  {
    file: DRAGONBALL,
    format: 'failure while managing PCI VFIO device: %s / PCI subsystem failed to manage the device: %s',
    why: 'wrappers around dbs_pci errors whose Debug text follows; the BAR and interrupt failures inside are the VMM-internal resource errors',
  },
  {
    file: DRAGONBALL,
    format: 'failure while restoring vfio mlock count: %s',
    why: 'live upgrade of the Dragonball process only',
  },
  {
    file: ACRN,
    format: 'Capability check fails for PCI %x/%x/%x',
    why: 'cfginit_cap() returns 0 on every path in the code read, so the message cannot be printed',
  },
  {
    file: ACRN,
    format: "libpciaccess couldn't access PCI system",
    why: 'pci_system_init() fails only without a readable /sys/bus/pci, which an ACRN Service VM always has',
  },
  {
    file: ACRN,
    format: 'Failed to alloc ptirq entry on %x/%x/%x / BAR count out of range',
    why: 'printed just before "failed to initialize BARs", which acrn.bar-init-failed recognises; the first is a hypervisor vector table limit, the second a malformed device',
  },
  {
    file: PVE_PCI,
    format: "can't reset PCI device '%s'",
    why: 'the older wording of the reset step; the errno line before it ("error writing \'1\' to …/reset") is covered by proxmox.sysfs-reset-failed',
  },
  {
    file: PVE_SYSFS,
    format: 'PCI ID %s not valid!',
    why: 'a sanity check on names read from sysfs, which the kernel always writes in the expected form',
  },
  {
    file: 'kubevirt/kubevirt pkg/virt-launcher/virtwrap/device/hostdevice/addresspool.go',
    format: 'no more addresses to allocate for resource %s',
    why: 'virt-launcher wraps the pool in a best-effort pool that swallows this error; what users see is the device-count mismatch, covered',
  },
  {
    file: KIMCHI,
    format:
      'VM %s does not contain directly assigned host device %s. / "name" should be a device name string',
    why: 'KCHVMHDEV0001E and 0004E are REST API usage errors (detaching a device the VM does not have, a malformed request)',
  },
  {
    file: 'kata-containers/kata-containers src/runtime/pkg/device/drivers/utils.go',
    format: 'Incorrect tokens found while parsing VFIO details: %s',
    why: 'a member of the IOMMU group that is neither a PCI address nor an mdev UUID; the kernel only puts those in /sys/kernel/iommu_groups/N/devices for PCI passthrough, so it does not happen on this path',
  },
  {
    file: 'kata-containers/kata-containers src/runtime/pkg/device/drivers/utils.go',
    format: 'Failed to append device: VFIO device type unrecognized',
    why: 'unreachable: GetVFIODetails() returns an error for every type it does not know before this switch',
  },
  {
    file: 'kata-containers/kata-containers src/runtime/pkg/device/drivers/utils.go',
    format: "Couldn't stat() configuration space file / failed to read pci device property",
    why: 'warnings for a device that disappeared between listing and reading it; the VM start fails later with a QEMU or VMM error that is covered',
  },
  {
    file: 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go',
    format: 'Error starting %s device plugin: %v',
    why: "the plugin could not register with the kubelet (its socket under /var/lib/kubelet/device-plugins not mounted, kubelet restarting); a deployment problem of the plugin pod, not of the device's VFIO set-up",
  },
  {
    file: 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go',
    format: 'Could not get vendor ID for device %s / Could not get vGPU type identifier for device %s',
    why: 'sysfs reads of devices that vanished during the scan; the GPUs the plugin needs are read by the same loop and covered when they are skipped',
  },
  {
    file: VIRTINST,
    format: 'Unknown address type',
    why: 'an exact-string search of the virt-manager sources did not find this wording for host devices; the --host-device lookup failures are covered by mgmt.virtinst-hostdev-not-found',
  },
  {
    file: VIRTINST,
    format: "Unsupported node device type '%s'",
    why: 'a node device of a class that cannot be assigned (scsi_host, net): not on the PCI passthrough path',
  },
];
