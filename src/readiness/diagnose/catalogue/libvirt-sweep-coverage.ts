/**
 * The coverage ledger of the libvirt files swept for libvirt-sweep.ts (libvirt 11.3, and libvirt 7.0
 * for the wordings that changed): every format string of the functions on the hostdev path, either
 * answered by an entry (a printed text it must recognise) or left out with the reason. Spread into
 * coverage.ts; docs/diagnose-coverage.md is generated from it.
 */

interface AlsoRow {
  id: string;
  file: string;
  format: string;
  text: string;
}
interface LeftOutRow {
  file: string;
  format: string;
  why: string;
}

export const LIBVIRT_SWEEP_ALSO: AlsoRow[] = [
  {
    id: 'libvirt.config-space-open-failed',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to open config space file '%s': %s",
    text: "warning : virPCIDeviceConfigOpenInternal:375 : Failed to open config space file '/sys/bus/pci/devices/0000:00:08.0/config': Read-only file system",
  },
  {
    id: 'libvirt.config-space-read-failed',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Failed to restore PCI config space for %1$s',
    text: 'error: internal error: Failed to restore PCI config space for 0000:0b:00.0',
  },
  {
    id: 'libvirt.pci-module-load-failed',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Failed to load PCI driver module %1$s: administratively prohibited',
    text: 'error: internal error: Failed to load PCI driver module vfio-pci: administratively prohibited',
  },
  {
    id: 'libvirt.pci-module-no-driver',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "pci driver '%1$s' supposedly loaded by module '%2$s' not found in sysfs",
    text: "error: internal error: pci driver 'mlx5_vfio_pci' supposedly loaded by module 'mlx5_vfio_pci' not found in sysfs",
  },
  {
    id: 'libvirt.pci-module-no-driver',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "module '%1$s' does not implement any pci driver",
    text: "error: internal error: module 'vfio_iommu_type1' does not implement any pci driver",
  },
  {
    id: 'libvirt.vfio-variant-lookup',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'malformed modules.alias vfio_pci: line',
    text: 'warning : virPCIDeviceFindBestVFIOVariant:1489 : malformed modules.alias vfio_pci: line',
  },
  {
    id: 'libvirt.driver-override-failed',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to add driver '%1$s' to driver_override interface of PCI device '%2$s'",
    text: "error: Failed to add driver 'vfio-pci' to driver_override interface of PCI device '0000:01:00.0': Permission denied",
  },
  {
    id: 'libvirt.not-detaching-active',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Not reattaching active device %1$s',
    text: 'error: internal error: Not reattaching active device 0000:01:00.0',
  },
  {
    id: 'libvirt.pci-address-out-of-range',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Invalid PCI address bus='0x%1$x', must be <= 0xFF",
    text: "error: XML error: Invalid PCI address bus='0x100', must be <= 0xFF",
  },
  {
    id: 'libvirt.pci-address-out-of-range',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Invalid PCI address function=0x%1$x, must be <= 7',
    text: 'error: XML error: Invalid PCI address function=0x8, must be <= 7',
  },
  {
    id: 'libvirt.iommu-group-unresolved',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Invalid device %1$s iommu_group file %2$s is not a symlink',
    text: 'error: internal error: Invalid device 0000:01:00.0 iommu_group file /sys/bus/pci/devices/0000:01:00.0/iommu_group is not a symlink',
  },
  {
    id: 'libvirt.sriov-netdev-missing',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Could not find any network device under PCI device at %1$s',
    text: 'error: internal error: Could not find any network device under PCI device at 0000:3b:00.0',
  },
  {
    id: 'libvirt.pci-address-out-of-range',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0',
    text: 'error: XML error: Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0',
  },
  {
    id: 'libvirt.device-in-use',
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'PCI device %1$s is in use',
    text: 'error: Requested operation is not valid: PCI device 0000:01:00.0 is in use',
  },
  {
    id: 'libvirt.sriov-netdev-missing',
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'The device at %1$s has no network device name',
    text: 'error: internal error: The device at /sys/bus/pci/devices/0000:3b:00.0 has no network device name',
  },
  {
    id: 'libvirt.hostdev-interface-option',
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'direct setting of the vlan tag is not allowed for hostdev devices using %1$s mode',
    text: 'error: unsupported configuration: direct setting of the vlan tag is not allowed for hostdev devices using 802.1Qbh mode',
  },
  {
    id: 'libvirt.hostdev-release-failed',
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Failed to reset PCI device: %1$s',
    text: 'error : virHostdevResetAllPCIDevices:603 : Failed to reset PCI device: Interrupted system call',
  },
  {
    id: 'libvirt.mdev-model-mismatch',
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: "device API '%1$s' not supported yet",
    text: "error: internal error: device API 'vfio-platform' not supported yet",
  },
  {
    id: 'libvirt.mdev-iommu-group-missing',
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: "failed to resolve '%1$s'",
    text: "error: failed to resolve '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b/iommu_group': Permission denied",
  },
  {
    id: 'libvirt.hostdev-duplicate',
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: 'device %1$s is already in use',
    text: 'error: internal error: device /sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b is already in use',
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'port' attribute",
    text: "error: XML error: Cannot parse <address> 'port' attribute",
  },
  {
    id: 'libvirt.pci-controller-hotplug',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'The device at PCI address %1$s needs to be an integrated device (bus=0)',
    text: 'error: XML error: The device at PCI address 0000:01:00.0 needs to be an integrated device (bus=0)',
  },
  {
    id: 'libvirt.pci-controller-hotplug',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format:
      "The device at PCI address %1$s was auto-assigned this address, but the PCI controller with index='%2$d' doesn't allow auto-assignment",
    text: "error: XML error: The device at PCI address 0000:0c:00.0 was auto-assigned this address, but the PCI controller with index='12' doesn't allow auto-assignment",
  },
  {
    id: 'libvirt.pci-address-invalid',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Invalid PCI address %1$s. Only PCI buses up to %2$zu are available',
    text: 'error: XML error: Invalid PCI address 0000:09:00.0. Only PCI buses up to 8 are available',
  },
  {
    id: 'libvirt.pci-address-out-of-range',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Invalid PCI address %1$s. slot must be >= %2$zu',
    text: 'error: XML error: Invalid PCI address 0000:01:00.0. slot must be >= 1',
  },
  {
    id: 'libvirt.pci-address-invalid',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Invalid PCI address %1$s. slot must be <= %2$zu',
    text: 'error: XML error: Invalid PCI address 0000:00:20.0. slot must be <= 31',
  },
  {
    id: 'libvirt.pci-address-out-of-range',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Invalid PCI address %1$s. function must be <= %2$u',
    text: 'error: XML error: Invalid PCI address 0000:00:05.8. function must be <= 7',
  },
  {
    id: 'libvirt.pci-no-free-slot',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format:
      "a PCI slot is needed to connect a PCI controller model='%1$s', but none is available, and it cannot be automatically added",
    text: "error: internal error: a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added",
  },
  {
    id: 'libvirt.pci-no-free-slot',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Cannot automatically add a new PCI bus for a device with connect flags %1$.2x',
    text: 'error: internal error: Cannot automatically add a new PCI bus for a device with connect flags 04',
  },
  {
    id: 'libvirt.pci-no-free-slot',
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'No PCI buses available',
    text: 'error: XML error: No PCI buses available',
  },
  {
    id: 'libvirt.hostdev-duplicate',
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: 'Hostdev already exists in the domain configuration',
    text: 'error: Requested operation is not valid: Hostdev already exists in the domain configuration',
  },
  {
    id: 'libvirt.mdev-display-config',
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: "Only one vgpu device can have 'ramfb' enabled",
    text: "error: unsupported configuration: Only one vgpu device can have 'ramfb' enabled",
  },
  {
    id: 'libvirt.mdev-model-mismatch',
    file: 'libvirt/libvirt src/conf/domain_postparse.c',
    format: "Unsupported address type '%1$s' with mediated device model '%2$s'",
    text: "error: unsupported configuration: Unsupported address type 'ccw' with mediated device model 'vfio-pci'",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/util/virxml.c',
    format: "Missing required attribute '%1$s' in element '%2$s'",
    text: "error: XML error: Missing required attribute 'type' in element 'address'",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/util/virxml.c',
    format: "Invalid value for attribute '%1$s' in element '%2$s': Zero is not permitted",
    text: "error: XML error: Invalid value for attribute 'size' in element 'page': Zero is not permitted",
  },
  {
    id: 'libvirt.mdev-display-config',
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'booting from assigned devices is not supported by mediated devices of model vfio-pci',
    text: 'error: unsupported configuration: booting from assigned devices is not supported by mediated devices of model vfio-pci',
  },
  {
    id: 'libvirt.mdev-display-config',
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: "<hostdev> attribute 'display' is only supported with model='vfio-pci'",
    text: "error: unsupported configuration: <hostdev> attribute 'display' is only supported with model='vfio-pci'",
  },
  {
    id: 'libvirt.mdev-display-config',
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'booting from assigned devices is not supported by mediated devices of model vfio-ap',
    text: 'error: unsupported configuration: booting from assigned devices is not supported by mediated devices of model vfio-ap',
  },
  {
    id: 'libvirt.qemu-lacks-vfio-pci',
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'VFIO PCI device assignment is not supported by this version of qemu',
    text: 'error: unsupported configuration: VFIO PCI device assignment is not supported by this version of qemu',
  },
  {
    id: 'libvirt.hostdev-backend-unsupported',
    file: 'libvirt/libvirt src/qemu/qemu_domain.c',
    format: "QEMU does not support device assignment mode '%1$s'",
    text: "error: unsupported configuration: QEMU does not support device assignment mode 'xen'",
  },
  {
    id: 'libvirt.no-passthrough-support',
    file: 'libvirt/libvirt src/qemu/qemu_domain.c',
    format: "host doesn't support legacy PCI passthrough",
    text: "error: unsupported configuration: host doesn't support legacy PCI passthrough",
  },
  {
    id: 'libvirt.hotunplug-refused',
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format:
      'cannot hot unplug %1$s device with PCI guest address: %2$04x:%3$02x:%4$02x.%5$d - controller not found',
    text: 'error: operation failed: cannot hot unplug hostdev device with PCI guest address: 0000:07:00.0 - controller not found',
  },
  {
    id: 'libvirt.hotunplug-refused',
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format:
      'cannot hot unplug %1$s device with PCI guest address: %2$04x:%3$02x:%4$02x.%5$d - not allowed by controller',
    text: 'error: operation failed: cannot hot unplug hostdev device with PCI guest address: 0000:00:06.0 - not allowed by controller',
  },
  {
    id: 'libvirt.qemu-exited',
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'guest unexpectedly quit during hotplug',
    text: 'error: internal error: guest unexpectedly quit during hotplug',
  },
  {
    id: 'libvirt.hugepage-path-failed',
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'Unable to create %1$s',
    text: 'error: Unable to create /dev/hugepages/libvirt/qemu/3-win10: Permission denied',
  },
  {
    id: 'libvirt.qemu-exited',
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'process exited while connecting to monitor',
    text: 'error: internal error: process exited while connecting to monitor: 2021-03-01T10:00:00.000000Z qemu-system-x86_64: terminating on signal 15',
  },
  {
    id: 'libvirt.qemu-exited',
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'Process exited prior to exec',
    text: 'error: internal error: Process exited prior to exec: libvirt:  error : Unable to move /dev/log mount: Invalid argument',
  },
  {
    id: 'libvirt.hostdev-backend-unsupported',
    file: 'libvirt/libvirt src/qemu/qemu_driver.c',
    format: "'legacy KVM' device assignment is no longer supported on this system",
    text: "error: argument unsupported: 'legacy KVM' device assignment is no longer supported on this system",
  },
  {
    id: 'libvirt.mdev-create-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to define mediated device: %1$s',
    text: 'error: operation failed: Unable to define mediated device: Error: Parent 0000:00:02.0 is not currently registered for mdev support',
  },
  {
    id: 'libvirt.mdev-stop-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to modify mediated device: %1$s',
    text: 'error: operation failed: Unable to modify mediated device: Error: Attribute list is invalid',
  },
  {
    id: 'libvirt.mdev-stop-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Unable to destroy '%1$s': %2$s",
    text: "error: operation failed: Unable to destroy 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b': Error: Device or resource busy",
  },
  {
    id: 'libvirt.mdev-stop-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to undefine mediated device: %1$s',
    text: 'error: operation failed: Unable to undefine mediated device: Error: No matching device found',
  },
  {
    id: 'libvirt.mdev-parent-missing',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "invalid parent device '%1$s'",
    text: "error: XML error: invalid parent device 'net_eth0_52_54_00_6d_90_02'",
  },
  {
    id: 'libvirt.mdev-parent-missing',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Unable to find address for parent device '%1$s'",
    text: "error: internal error: Unable to find address for parent device 'pci_0000_00_02_0'",
  },
  {
    id: 'libvirt.mdev-stop-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to modify mediated device: modify unsupported',
    text: 'error: operation failed: Unable to modify mediated device: modify unsupported',
  },
  {
    id: 'libvirt.mdev-parent-missing',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'cannot create a mediated device without a parent',
    text: 'error: XML error: cannot create a mediated device without a parent',
  },
  {
    id: 'libvirt.mdev-parent-missing',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'cannot define a mediated device without a parent',
    text: 'error: XML error: cannot define a mediated device without a parent',
  },
  {
    id: 'libvirt.mdev-parent-missing',
    file: 'libvirt/libvirt src/node_device/node_device_udev.c',
    format: "Unable to find address for mdev parent device '%1$s'",
    text: "error : udevProcessMdevParent:533 : internal error: Unable to find address for mdev parent device '/sys/devices/css0/0.0.0023'",
  },
  {
    id: 'libvirt.virsh-nodedev-no-match',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Malformed device value '%1$s'",
    text: "error: Malformed device value 'pci_0000_01_00_0,pci_0000_01_00_1'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Destroyed node device '%1$s'\n",
    text: "Destroyed node device 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Failed to destroy node device '%1$s'",
    text: "error: Failed to destroy node device 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b'",
  },
  {
    id: 'libvirt.virsh-nodedev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Device %1$s reset\n',
    text: 'Device pci_0000_01_00_0 reset',
  },
  {
    id: 'libvirt.virsh-nodedev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Failed to reset device %1$s',
    text: 'error: Failed to reset device pci_0000_01_00_0',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Failed to undefine node device '%1$s'",
    text: "error: Failed to undefine node device 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Undefined node device '%1$s'\n",
    text: "Undefined node device 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Failed to define node device from '%1$s'",
    text: "error: Failed to define node device from 'vgpu.xml'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Node device '%1$s' defined from '%2$s'\n",
    text: "Node device 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b' defined from 'vgpu.xml'",
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Device %1$s started\n',
    text: 'Device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b started',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Failed to start device %1$s',
    text: 'error: Failed to start device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'failed to mark device %1$s as autostarted',
    text: 'error: failed to mark device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b as autostarted',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'failed to unmark device %1$s as autostarted',
    text: 'error: failed to unmark device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b as autostarted',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Device %1$s marked as autostarted\n',
    text: 'Device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b marked as autostarted',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Device %1$s unmarked as autostarted\n',
    text: 'Device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b unmarked as autostarted',
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "Failed to update node device %1$s from '%2$s'",
    text: "error: Failed to update node device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b from 'vgpu.xml'",
  },
  {
    id: 'libvirt.dac-chown-failed',
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Setting user and group to '%ld:%ld' on '%s' not supported by filesystem",
    text: "info : virSecurityDACSetOwnershipInternal:718 : Setting user and group to '107:107' on '/mnt/nfs/vbios/gpu.rom' not supported by filesystem",
  },
  {
    id: 'libvirt.dac-chown-failed',
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Setting user and group to '%ld:%ld' on '%s' not permitted",
    text: "info : virSecurityDACSetOwnershipInternal:722 : Setting user and group to '107:107' on '/var/lib/libvirt/vbios/gpu.rom' not permitted",
  },
  {
    id: 'libvirt.dac-chown-failed',
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Setting user and group to '%ld:%ld' on '%s' not possible on readonly filesystem",
    text: "info : virSecurityDACSetOwnershipInternal:726 : Setting user and group to '107:107' on '/usr/share/vgabios/gpu.rom' not possible on readonly filesystem",
  },
  {
    id: 'libvirt.apparmor-profile-failed',
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "cannot update AppArmor profile '%1$s'",
    text: "error: internal error: cannot update AppArmor profile 'libvirt-0e3d1cb3-6a1a-4f6e-8f0e-9a7b6c5d4e3f'",
  },
  {
    id: 'libvirt.selinux-label-failed',
    file: 'libvirt/libvirt src/security/security_selinux.c',
    format: "Setting security context '%s' on '%s' not supported",
    text: "info : virSecuritySELinuxSetFileconImpl:1375 : Setting security context 'system_u:object_r:svirt_image_t:s0:c120,c650' on '/sys/bus/pci/devices/0000:01:00.0/config' not supported",
  },
  {
    id: 'libvirt.selinux-label-failed',
    file: 'libvirt/libvirt src/security/security_selinux.c',
    format: "unable to set security context '%s' on '%s' (errno %d)",
    text: "warning : virSecuritySELinuxSetFileconImpl:1391 : unable to set security context 'system_u:object_r:svirt_image_t:s0:c120,c650' on '/dev/vfio/16' (errno 13)",
  },
  {
    id: 'libvirt.selinux-label-failed',
    file: 'libvirt/libvirt src/security/security_selinux.c',
    format: "Setting security context '%1$s' on '%2$s' not supported. Consider setting virt_use_nfs",
    text: "warning : virSecuritySELinuxSetFileconImpl:1369 : Setting security context 'system_u:object_r:svirt_image_t:s0:c120,c650' on '/mnt/nfs/gpu.rom' not supported. Consider setting virt_use_nfs",
  },
  {
    id: 'libvirt.sriov-netdev-missing',
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'The PF device for VF %1$s has no network device name, cannot get virtual function info',
    text: 'error: internal error: The PF device for VF /sys/bus/pci/devices/0000:3b:02.1 has no network device name, cannot get virtual function info',
  },
  {
    id: 'libvirt.vf-mac-vlan-failed',
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Cannot set interface vlanid to %1$d for ifname %2$s vf %3$d',
    text: 'error: Cannot set interface vlanid to 42 for ifname enp59s0f0 vf 3: Operation not permitted',
  },
  {
    id: 'libvirt.pci-module-load-failed',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'failed to load driver %s: %s',
    text: 'error: internal error: failed to load driver vfio-pci: modprobe: FATAL: Module vfio-pci not found in directory /lib/modules/5.10.0-28-amd64',
  },
  {
    id: 'libvirt.sriov-netdev-missing',
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Could not find network device with phys_port_id '%s' under PCI device at %s",
    text: "error: internal error: Could not find network device with phys_port_id '3cecef0c1d2e' under PCI device at 0000:3b:00.0",
  },
  {
    id: 'libvirt.primary-video-slot',
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Primary video card must have PCI address 0:0:2.0',
    text: 'error: internal error: Primary video card must have PCI address 0:0:2.0',
  },
  {
    id: 'libvirt.primary-video-slot',
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'PCI address 0:0:1.0 is in use, QEMU needs it for primary video',
    text: 'error: internal error: PCI address 0:0:1.0 is in use, QEMU needs it for primary video',
  },
  {
    id: 'libvirt.primary-video-slot',
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Primary video card must have PCI address 0:0:1.0',
    text: 'error: internal error: Primary video card must have PCI address 0:0:1.0',
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Unknown value '%s' for <address> 'multifunction' attribute",
    text: "error: XML error: Unknown value 'yes' for <address> 'multifunction' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'uid' attribute",
    text: "error: XML error: Cannot parse <address> 'uid' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'fid' attribute",
    text: "error: XML error: Cannot parse <address> 'fid' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'domain' attribute",
    text: "error: XML error: Cannot parse <address> 'domain' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'bus' attribute",
    text: "error: XML error: Cannot parse <address> 'bus' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'slot' attribute",
    text: "error: XML error: Cannot parse <address> 'slot' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'function' attribute",
    text: "error: XML error: Cannot parse <address> 'function' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'cssid' attribute",
    text: "error: XML error: Cannot parse <address> 'cssid' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'ssid' attribute",
    text: "error: XML error: Cannot parse <address> 'ssid' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'devno' attribute",
    text: "error: XML error: Cannot parse <address> 'devno' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'controller' attribute",
    text: "error: XML error: Cannot parse <address> 'controller' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'target' attribute",
    text: "error: XML error: Cannot parse <address> 'target' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'unit' attribute",
    text: "error: XML error: Cannot parse <address> 'unit' attribute",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Cannot parse <address> 'reg' attribute",
    text: "error: XML error: Cannot parse <address> 'reg' attribute",
  },
  {
    id: 'libvirt.hostdev-address-type',
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown address type '%s'",
    text: "error: XML error: unknown address type 'pcie'",
  },
  {
    id: 'libvirt.xml-attribute-invalid',
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "Unknown PCI device <driver name='%s'/> has been specified",
    text: "error: XML error: Unknown PCI device <driver name='vfio-pci'/> has been specified",
  },
  {
    id: 'libvirt.hostdev-address-type',
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'No type specified for device address',
    text: 'error: XML error: No type specified for device address',
  },
  {
    id: 'libvirt.mdev-display-config',
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'display property of device vfio-pci is not supported by this version of QEMU',
    text: 'error: unsupported configuration: display property of device vfio-pci is not supported by this version of QEMU',
  },
  {
    id: 'libvirt.qemu-exited',
    file: 'libvirt/libvirt src/qemu/qemu_monitor.c',
    format: 'End of file from qemu monitor',
    text: 'error: internal error: End of file from qemu monitor',
  },
  {
    id: 'libvirt.qemu-exited',
    file: 'libvirt/libvirt src/qemu/qemu_monitor.c',
    format: 'qemu unexpectedly closed the monitor',
    text: 'error: internal error: qemu unexpectedly closed the monitor: 2020-05-01T10:00:00.000000Z qemu-system-x86_64: terminating on signal 15 from pid 1234',
  },
  {
    id: 'libvirt.hostdev-backend-unsupported',
    file: 'libvirt/libvirt src/qemu/qemu_driver.c',
    format: 'KVM device assignment is no longer supported on this system',
    text: 'error: argument unsupported: KVM device assignment is no longer supported on this system',
  },
  {
    id: 'libvirt.mdev-stop-failed',
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to stop mediated device',
    text: 'error: internal error: Unable to stop mediated device',
  },
  {
    id: 'libvirt.memlock-limit-failed',
    file: 'libvirt/libvirt src/util/virprocess.c',
    format: 'cannot limit locked memory to %llu',
    text: 'error: internal error: Process exited prior to exec: libvirt:  error : cannot limit locked memory to 17448304640: Operation not permitted',
  },
  {
    id: 'libvirt.memlock-get-failed',
    file: 'libvirt/libvirt src/util/virprocess.c',
    format: 'cannot get locked memory limit',
    text: 'error: cannot get locked memory limit: Operation not permitted',
  },
  {
    id: 'libvirt.sriov-netdev-missing',
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'VF does not have an interface name',
    text: 'error: internal error: VF does not have an interface name',
  },
  {
    id: 'libvirt.vf-mac-vlan-failed',
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Cannot set interface MAC/vlanid to %s/%d for ifname %s vf %d',
    text: 'error: Cannot set interface MAC/vlanid to 52:54:00:6d:90:02/42 for ifname enp59s0f0 vf 1: Invalid argument',
  },
  {
    id: 'wrapped.domain-start-failed',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: "Failed to start domain '%1$s'",
    text: "error: Failed to start domain 'win10'",
  },
  {
    id: 'libvirt.virsh-domain-op-done',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: "Domain '%1$s' started\n",
    text: "Domain 'win10' started",
  },
  {
    id: 'libvirt.virsh-domain-op-failed',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Failed to detach device from %1$s',
    text: 'error: Failed to detach device from gpu.xml',
  },
  {
    id: 'libvirt.virsh-domain-op-done',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Device detached successfully\n',
    text: 'Device detached successfully',
  },
  {
    id: 'libvirt.virsh-domain-op-failed',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Failed to detach device with alias %1$s',
    text: 'error: Failed to detach device with alias hostdev0',
  },
  {
    id: 'libvirt.virsh-domain-op-done',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Device detach request sent successfully\n',
    text: 'Device detach request sent successfully',
  },
  {
    id: 'libvirt.qmp-command-failed',
    file: 'libvirt/libvirt src/qemu/qemu_monitor_json.c',
    format: "unable to execute QEMU command '%1$s'",
    text: "error: internal error: unable to execute QEMU command 'query-pci'",
  },
  {
    id: 'libvirt.virt-install-hostdev-lookup',
    file: 'virt-manager/virt-manager virtinst/cli.py',
    format: '%s corresponds to multiple node devices',
    text: 'ERROR    Error: --hostdev 046d:c52b: 046d:c52b corresponds to multiple node devices',
  },
  {
    id: 'libvirt.virt-install-hostdev-lookup',
    file: 'virt-manager/virt-manager virtinst/cli.py',
    format: "Unknown hostdev address string format '%s'",
    text: "ERROR    Error: --hostdev gpu0: Unknown hostdev address string format 'gpu0'",
  },
  {
    id: 'libvirt.virt-install-hostdev-lookup',
    file: 'virt-manager/virt-manager virtinst/cli.py',
    format: "Expected PCI format string for '%s'",
    text: "ERROR    Error: --hostdev 0000:01:00.0,address=00-05-0: Expected PCI format string for '00-05-0'",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to add PCI device ID '%s' to %s",
    text: "error: Failed to add PCI device ID '10de 1b80' to pci-stub: File exists",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to unbind PCI device '%s'",
    text: "error: Failed to unbind PCI device '0000:01:00.0': Device or resource busy",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to add slot for PCI device '%s' to %s",
    text: "error: Failed to add slot for PCI device '0000:01:00.0' to pciback: No such device",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to remove slot for PCI device '%s' from %s",
    text: "error: Failed to remove slot for PCI device '0000:01:00.0' from pciback: No such device",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to remove PCI ID '%s' from %s",
    text: "error: Failed to remove PCI ID '10de 1b80' from pci-stub: No such device",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Failed to trigger a re-probe for PCI device '%s'",
    text: "error: Failed to trigger a re-probe for PCI device '0000:01:00.0': No such device",
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: 'cannot find any PCI stub module',
    text: 'error: internal error: cannot find any PCI stub module',
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    file: 'libvirt/libvirt src/util/pci.c',
    format: 'failed to load pci-stub or pciback drivers: %s',
    text: 'warning : pciFindStubDriver:821 : failed to load pci-stub or pciback drivers: No such file or directory',
  },
];

export const LIBVIRT_SWEEP_LEFT_OUT: LeftOutRow[] = [
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Invalid device %1$s driver file %2$s is not a symlink',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Unable to resolve device %1$s driver symlink %2$s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to close config space file '%s': %s",
    why: 'VIR_WARN after close() of a config-space fd failed; harmless, the operation itself succeeded',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Unusual value in %1$s/devices/%2$s/class: %3$s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Unusual entry in devices: %s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'No stub driver configured for PCI device %1$s',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Unknown stub driver configured for PCI device %1$s',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'dev->id buffer overflow: %1$s %2$s',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Found invalid device link '%1$s' in '%2$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'device %1$s iommu_group symlink %2$s has invalid group number %3$s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to convert '%1$s' to unsigned int",
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to resolve device link '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to parse PCI config address '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Unrecognized value in %1$s: %2$s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Failed to get SRIOV function from device link '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: "Error getting physical function's '%1$s' virtual_functions",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'pci device %1$s is not a PCI-Express device',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'VFIO device assignment is not available on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'not supported on non-linux platforms',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: "Failed to create state dir '%1$s'",
    why: 'the daemon could not create its hostdev state directory (/run/libvirt/…) at start-up; a broken install or read-only /run, and the path and errno are in the text',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Failed to add PCI device %s to the inactive list',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Failed to add PCI device %1$s to the inactive list',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Failed to allocate PCI device list: %1$s',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to reattach USB device %03d.%03d on domain %s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'USB device %1$s is in use by driver %2$s, domain %3$s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'USB device %1$s is already in use',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'USB device %x:%x could not be found at previous address (bus:%u device:%u)',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Multiple USB devices for %1$x:%2$x were found, but none of them is at bus:%3$u device:%4$u',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Multiple USB devices for %1$x:%2$x, use <address> to specify one',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'USB device %x:%x found at bus:%u device:%u (moved from bus:%u device:%u)',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to find device %03d.%03d in list of active USB devices',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to reattach SCSI device %s:%u:%u:%llu on domain %s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to find device %s:%u:%u:%llu in list of active SCSI devices',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to reattach SCSI_host device %s on domain %s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Unable to find device %s in list of active SCSI_host devices',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'NVMe device %1$s already in use by driver %2$s domain %3$s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Suspicious NVMe disk assignment. PCI device %s is not an NVMe disk, it has %s driver',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'Failed to reattach NVMe for disk target: %1$s',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: "SCSI host device doesn't support managed mode",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: "SCSI device %1$s is already in use by other domain(s) as '%2$s'",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/virhostdev.c',
    format: 'no host device manager defined',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: "failed to read '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: 'mediated devices are not supported on non-linux platforms',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virmdev.c',
    format: 'not supported on non-linux platforms',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'Unable to get devmapper targets for %1$s',
    why: 'cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: "Unable to write '%1$s' to '%2$s'",
    why: 'cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'spapr-vio address %1$#llx already in use',
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: "Can't look up isolation group for host device %04x:%02x:%02x.%x, device won't be isolated",
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format:
      "Can't obtain usable isolation group for interface configured to use hostdev-backed network '%s', device won't be isolated",
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format:
      'qemuDomainDeviceCalculatePCIConnectFlags() thinks that the device with PCI address %s should not have a PCI address(unknown)',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Inappropriate new pci controller index %1$zu exceeds addrs array length',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: "virtio disk cannot have an address of type '%1$s'",
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Could not find auto-added %1$s controller with index %2$zu',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format:
      'No free busNr lower than current lowest busNr is available to auto-assign to bus %1$d. Must be manually assigned',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'No usable target index found for %1$d',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: "PCI controller at index %1$d (0x%2$02x) has bus='0x%3$02x', but index must be larger than bus",
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Primary IDE controller must have PCI address 0:0:1.1',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'PIIX3 USB controller at index 0 must have PCI address 0:0:1.2',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Primary SATA controller must have PCI address 0:0:1f.2',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'failed to find an empty memory slot',
    why: 'placement of emulated controllers, disks and memory devices in the domain XML (chipset-fixed slots, pxb bus numbers); unrelated to assigned devices, and the text names the device and the rule',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: 'unexpected pci hostdev driver name %1$d',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Invalid specification for virtio ccw address: cssid='0x%1$x' ssid='0x%2$x' devno='0x%3$04x'",
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: 'Invalid partial specification for virtio ccw address',
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'The device at PCI address %1$s has unrecognized connection type flags 0x%2$.2x',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'PCI controller model was not set correctly',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_addr.c',
    format: 'Only PCI device addresses with function=0 are supported',
    why: 'automatic placement only fills function 0: reached when asking libvirt to place a device that already carries a function number; the text states the rule in full',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: "SCSI host device must use 'drive' address type",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: 'unfiltered sgio is no longer supported',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: "SCSI_host host device must use 'pci' or 'ccw' address type",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: "USB host device must use 'usb' address type",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: "teaming hostdev devices must have type='transient'",
    why: 'failover teaming of a hostdev NIC with a virtio NIC (<teaming>); the text states the missing attribute, and vfiokit does not set up failover pairs',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: 'missing required persistent attribute in hostdev teaming element',
    why: 'failover teaming of a hostdev NIC with a virtio NIC (<teaming>); the text states the missing attribute, and vfiokit does not set up failover pairs',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_validate.c',
    format: 'teaming is only supported for pci hostdev devices',
    why: 'failover teaming of a hostdev NIC with a virtio NIC (<teaming>); the text states the missing attribute, and vfiokit does not set up failover pairs',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unsupported element '%1$s' of 'origstates'",
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "'model' attribute in <hostdev> is only supported when type='%1$s'",
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "address type='%1$s' not supported in hostdev interfaces",
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Unexpected hostdev mode %1$d',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Target host device mode %1$s does not match source %2$s',
    why: 'ABI-stability check when migrating, restoring or reverting a domain whose definition changed; unrelated to the host device setup',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Target host device subsystem type %1$s is not compatible with source subsystem type %2$s',
    why: 'ABI-stability check when migrating, restoring or reverting a domain whose definition changed; unrelated to the host device setup',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "virtio-s390 bus doesn't have an address",
    why: 's390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'ROM tuning is not supported when ROM is disabled',
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Missing <address> element',
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "Missing 'uuid' attribute for element <address>",
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Cannot parse uuid attribute of element <address>',
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Missing <source> element in hostdev device',
    why: 'XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Setting startupPolicy is only allowed for USB devices',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'sgio is only supported for scsi host device',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'rawio is only supported for scsi host device',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_postparse.c',
    format: "SCSI host address controller='%1$u' bus='%2$u' target='%3$u' unit='%4$u' in use by a SCSI disk",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: "hostdev mode 'capabilities' is not supported in %1$s",
    why: "hostdev mode='capabilities' exists only for LXC containers; the text says the QEMU driver refuses it",
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'guestReset is not supported with this version of QEMU',
    why: 'an optional hostdev feature (writeFiltering, guestReset) or vhost-scsi that this QEMU lacks; the text names the feature to remove',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'Write filtering of PCI device configuration space is not supported by qemu',
    why: 'an optional hostdev feature (writeFiltering, guestReset) or vhost-scsi that this QEMU lacks; the text names the feature to remove',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: 'booting from assigned devices is not supported by vhost SCSI devices',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_validate.c',
    format: "This QEMU doesn't support vhost-scsi devices",
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Unable to remove host device cgroup ACL on hotplug fail',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Unable to restore host device labelling on hotplug fail',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Unable to remove host device from /dev',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Unable to reset maximum locked memory on hotplug fail',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "hotplug is not supported for hostdev mode '%1$s'",
    why: 'names a hostdev mode or type that cannot be hotplugged at all (capabilities-mode or SCSI hosts); the text says which',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "hotplug is not supported for hostdev subsys type '%1$s'",
    why: 'names a hostdev mode or type that cannot be hotplugged at all (capabilities-mode or SCSI hosts); the text says which',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Failed to restore host device labelling',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Failed to remove host device cgroup ACL',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Failed to adjust locked memory limit',
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "Unable to release network device '%s'",
    why: 'rollback after a failed hotplug/unplug; the first error of the operation is the cause, and these follow it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "hot unplug is not supported for hostdev mode '%1$s'",
    why: 'names a hostdev mode or type that cannot be hotplugged at all (capabilities-mode or SCSI hosts); the text says which',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'host usb device %1$03d.%2$03d not found',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'host usb device vendor=0x%1$.4x product=0x%2$.4x not found',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'host scsi iSCSI path %1$s not found',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'host scsi device %1$s:%2$u:%3$u.%4$llu not found',
    why: 'USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'unexpected hostdev type %1$d',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "live detach of device '%1$s' is not supported",
    why: 'names a hostdev mode or type that cannot be hotplugged at all (capabilities-mode or SCSI hosts); the text says which',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: "device of type '%1$s' has no device info",
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_hotplug.c',
    format: 'Cannot detach %1$s device with no alias',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'Some features cannot be reliably used with this QEMU: %1$s',
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: "Domain %1$s didn't show up",
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'cannot stat fd %1$d',
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'Domain autodestroy requires a connection handle',
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: 'Domain autodestroy not supported for embedded drivers yet',
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_process.c',
    format: "can't connect to virtlogd",
    why: 'QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/hypervisor/domain_driver.c',
    format: 'driver type not set',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'cannot resolve driver link %1$s',
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "node device '%1$s' is not persistent",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Unknown Command '%1$i'",
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Installed mdevctl version does not support modify with options jsonfile, defined and live',
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "no node device for '%1$s' with matching wwnn '%2$s' and wwpn '%3$s'",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "cannot find parent '%1$s' definition",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Device '%1$s' is not active",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Node device '%1$s' is not defined",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Cannot update device '%1$s, uuid mismatch (current uuid '%2$s')",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Cannot update device '%1$s', type mismatch (current type '%2$s')",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Cannot update device '%1$s', parent address mismatch (current parent address '%2$s')",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'nodedev state driver is not active',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'failed to wait on condition',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'no parent for this device',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Could not get current time',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unsupported device type',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'mdevctl JSON response contains no devices',
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unexpected format for mdevctl response',
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'device list is not an object',
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Parent device's JSON object data is not an array",
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to parse child device',
    why: "parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Device is already active',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'cannot set autostart for transient device',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "Unable to set autostart on '%1$s': %2$s",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'missing parent device',
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_udev.c',
    format: "failed to wait for file '%1$s' to appear",
    why: 'node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_udev.c',
    format: "failed to parse the PCI address from sysfs path: '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_udev.c',
    format: "failed to resolve '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_udev.c',
    format: "Could not get parent of '%1$s'",
    why: "reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "%1$s: event 'lifecycle' for node device %2$s: %3$s\n",
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "event 'lifecycle' for node device %1$s: %2$s\n",
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "%1$s: event '%2$s' for node device %3$s\n",
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: "event '%1$s' for node device %2$s\n",
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'unknown event type %1$s',
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'events received: %1$d\n',
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Updated node device %1$s persistent config',
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt tools/virsh-nodedev.c',
    format: 'Updated node device %1$s live state',
    why: 'virsh usage or event/listing output; the text says what is wrong or what happened',
  },
  {
    file: 'libvirt/libvirt src/util/virprocess.c',
    format: 'Not supported on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Ignoring failed restore attempt on %s',
    why: 'routine info-level trace of normal relabelling (printed for every file with info logging on)',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'unable to stat: %1$s',
    why: 'the DAC driver could not stat a path it is to label (the path named is missing); the generic tier explains the errno after it',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Setting DAC user and group on '%s' to '%ld:%ld'",
    why: 'routine info-level trace of normal relabelling (printed for every file with info logging on)',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Unable to restore label on '%s'. XATTRs might have been left in inconsistent state.",
    why: 'restoring the original owner after the domain stopped failed; harmless for the next start (libvirt labels again) and the path and reason are in the text',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "Restoring DAC user and group on '%s' to %ld:%ld",
    why: 'routine info-level trace of normal relabelling (printed for every file with info logging on)',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'security label model %1$s is not supported with selinux',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'missing label for static security driver in domain %1$s',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'cannot generate dac user and group id for domain %1$s',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "unexpected security label type '%1$s'",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'unable to get uid and gid for PID %1$d via procfs',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'unable to get PID %1$d uid and gid via sysctl',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "DAC seclabel couldn't be determined",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: "DAC imagelabel couldn't be determined",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Unable to initialize thread local variable',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Another relabel transaction is already started',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Unable to set thread local variable',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'No transaction is set',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Unable to clear thread local variable',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'security image label already defined for VM',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_dac.c',
    format: 'Cannot get process uid and gid on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "Failed to read '%1$s'",
    why: 'reads the per-domain profile file under /etc/apparmor.d/libvirt to see whether it is in complain mode; fails only on an unreadable file there (a broken AppArmor install), and the path and errno are in the text',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "could not remove profile for '%1$s'",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format:
      "security label driver mismatch: '%1$s' model configured for domain, but hypervisor driver is '%2$s'.",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "%1$s: '%2$s' does not exist",
    why: 'AppArmor labelling of disks, memory backing files and input devices; the text names the missing path, and hostdev paths go through the profile load, which libvirt.apparmor-profile-failed covers',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: '%1$s: passthrough input device has no source',
    why: 'AppArmor labelling of disks, memory backing files and input devices; the text names the missing path, and hostdev paths go through the profile load, which libvirt.apparmor-profile-failed covers',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "'%1$s' does not exist",
    why: 'AppArmor labelling of disks, memory backing files and input devices; the text names the missing path, and hostdev paths go through the profile load, which libvirt.apparmor-profile-failed covers',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "Invalid security label '%1$s'",
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'could not find path for descriptor %s, skipping',
    why: 'AppArmor labelling of disks, memory backing files and input devices; the text names the missing path, and hostdev paths go through the profile load, which libvirt.apparmor-profile-failed covers',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'could not find libvirtd',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'Cannot set a base label with AppArmor',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'security label already defined for VM',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'error getting profile status',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'error copying profile name',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'error calling aa_change_profile()',
    why: 'configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_selinux.c',
    format: "Setting SELinux context on '%s' to '%s'",
    why: 'routine info-level trace of normal relabelling (printed for every file with info logging on)',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'vlanid out of range: %1$d',
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Invalid parameters macaddr=%1$p allowRetry=%2$p',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: "couldn't find IFLA_VF_INFO for VF %1$d in netlink response",
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: "'%1$s' is not a VF device",
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get virtual functions on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to check virtual function status on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get virtual function index on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get physical function status on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get virtual function name on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get virtual function info on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'malformed netlink response message',
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'allocated netlink buffer is too small',
    why: 'internal consistency check (a libvirt programming error or allocation failure, not a host or XML problem); nothing a user can change',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'missing IFLA_VF_INFO in netlink response',
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'error parsing IFLA_VF_INFO',
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'error parsing IFLA_VF_STATS',
    why: 'netlink protocol details of reading VF state or statistics (domifstat), or a VLAN id outside 0-4095 that the text names; not on the passthrough path',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to get VF net device stats on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to send a VF SETLINK request on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to set a VF VLAN on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to set a VF MAC on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Unable to set a VF config on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/virpci.c',
    format: 'Attempting to use unknown stub driver',
    why: 'libvirt ≤ 7.x wording: virsh nodedev-detach --driver with a name libvirt ≤ 7.x did not know (only vfio and the removed kvm); the text names it',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: "Resource partition '%s' must start with '/'",
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'Block I/O tuning is not available on this host',
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'Memory cgroup is not available on this host',
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'CPU tuning is not available on this host',
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'Cannot setup cgroups until process is started',
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_cgroup.c',
    format: 'cgroup cpu is required for scheduler tuning',
    why: 'libvirt ≤ 7.x wording: cgroup set-up for disks, appid and CPU/memory/blkio tuning, not the device ACL of hostdevs',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'Unable to determine model for SCSI controller idx=%d',
    why: 'libvirt ≤ 7.x wording: USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format: 'unable to find a SCSI controller for idx=%d',
    why: 'libvirt ≤ 7.x wording: USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: "Invalid specification for virtio ccw address: cssid='%s' ssid='%s' devno='%s'",
    why: 'libvirt ≤ 7.x wording: s390 (CCW, AP, zPCI) or ppc64 (spapr, isolation groups) platform path; vfiokit covers x86/arm PCI passthrough',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: 'unknown link state: %s',
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/device_conf.c',
    format: 'Unable to parse link speed: %s',
    why: "libvirt ≤ 7.x wording: parse error of a network interface's <link state=/speed=>, unrelated to passthrough; the text names the value",
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown rom enabled value '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown rom bar value '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown pci writeFiltering setting '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown pci source type '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown host device source address type '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown sgio mode '%s'",
    why: 'libvirt ≤ 7.x wording: USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown hostdev rawio setting '%s'",
    why: 'libvirt ≤ 7.x wording: USB, SCSI or NVMe host-device path, not PCI passthrough through VFIO; the text names the device and the clash',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown hostdev model '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown value '%s' for <hostdev> attribute 'display'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown value '%s' for <hostdev> attribute 'ramfb'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "unknown hostdev mode '%s'",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'Target host device subsystem %s does not match source %s',
    why: 'libvirt ≤ 7.x wording: ABI-stability check when migrating, restoring or reverting a domain whose definition changed; unrelated to the host device setup',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: 'missing source address type',
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/conf/domain_conf.c',
    format: "Missing 'model' attribute in mediated device's <hostdev> element",
    why: 'libvirt ≤ 7.x wording: XML parse error naming the element or value it rejects (a wrong value, or an element missing); the text is the fix, and newer libvirt prints most of these as "Invalid value for attribute …" (libvirt.xml-attribute-invalid)',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_monitor.c',
    format: 'Invalid file descriptor while waiting for monitor',
    why: 'libvirt ≤ 7.x wording: QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_monitor.c',
    format: 'Error while processing monitor IO',
    why: 'libvirt ≤ 7.x wording: QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_monitor.c',
    format: 'Unable to wait on monitor condition',
    why: 'libvirt ≤ 7.x wording: QEMU process start-up plumbing (monitor socket, log daemon, fd passing) unrelated to device assignment; when QEMU itself exits, libvirt.qemu-exited covers the message that follows',
  },
  {
    file: 'libvirt/libvirt src/qemu/qemu_driver.c',
    format: "unknown driver name '%s'",
    why: 'libvirt ≤ 7.x wording: virsh nodedev-detach --driver with a name libvirt ≤ 7.x did not know (only vfio and the removed kvm); the text names it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "could not find device '%s'",
    why: 'libvirt ≤ 7.x wording: node-device bookkeeping (persistence, autostart, update, lookup) whose text states the cause in full; no host or VFIO setup behind it',
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: "couldn't convert node device def to mdevctl JSON",
    why: "libvirt ≤ 7.x wording: parses mdevctl's JSON or probes its options; fails only with an mdevctl version libvirt does not support, and the text says so",
  },
  {
    file: 'libvirt/libvirt src/node_device/node_device_driver.c',
    format: 'Unable to start mediated device',
    why: "libvirt ≤ 7.x wording: mdevctl start failed and libvirt adds no reason; mdevctl's own error, logged just before it, is what libvirt.mdev-create-failed and the mdev entries explain",
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: "template '%s' does not exist",
    why: 'libvirt ≤ 7.x wording: configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/security/security_apparmor.c',
    format: 'Cannot set a base label with AppArmour',
    why: 'libvirt ≤ 7.x wording: configuration or set-up of the security driver itself (<seclabel>, AppArmor install), not device assignment; the text names what is missing',
  },
  {
    file: 'libvirt/libvirt src/util/virnetdev.c',
    format: 'Failed to get PCI SYSFS file',
    why: "libvirt ≤ 7.x wording: reads a sysfs file or link whose form the kernel fixes; it fails only on a broken, partial or faked /sys (a container's), and the generic tier explains the path and errno it names",
  },
  {
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Domain is already active',
    why: 'virsh start on a domain that is already running; the text says so, and no device setup is involved',
  },
  {
    file: 'libvirt/libvirt src/util/vircgroup.c',
    format: 'Control groups not supported on this platform',
    why: 'stub compiled on platforms without Linux sysfs/netlink; never printed on a Linux host',
  },
  {
    file: 'libvirt/libvirt src/util/pci.c',
    format: "Could not remove PCI ID '%s' from %s, and the device cannot be probed again.",
    why: 'libvirt ≤ 1.0 VIR_WARN when the stub has no remove_id file: the device stays on the stub after reattach; the text says so, and nothing on a current VFIO stack prints it',
  },
  {
    file: 'virt-manager/virt-manager virtinst/devices/hostdev.py',
    format: "Unsupported node device type '%s'",
    why: '--hostdev named a libvirt node device that is neither PCI, USB, SCSI, mdev nor a network interface (a storage or system node); the text names the type, and the fix is to name the PCI parent',
  },
  {
    file: 'virt-manager/virt-manager virtinst/devices/hostdev.py',
    format: "Don't know how to generate nodedev for mdev type id '%s'",
    why: 'reached only when virt-install is handed an mdev node device of a kind it cannot express as a <hostdev> (not vfio-pci/ccw/ap); the text names the type id',
  },
];
