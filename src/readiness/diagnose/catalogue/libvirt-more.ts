/**
 * More libvirt messages on the hostdev path: guest PCI address conflicts (src/conf/domain_addr.c),
 * virsh nodedev-detach / reattach / reset outcomes (tools/virsh-nodedev.c), mediated device
 * creation through mdevctl (src/node_device/node_device_driver.c), KVM availability
 * (src/qemu/qemu_process.c) and the older migration refusal for hostdevs
 * (src/qemu/qemu_migration.c). Format strings from libvirt/libvirt (positional %1$s since 9.x).
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const ADDR = '(?<addr>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
/**
 * virsh names a node device pci_DDDD_BB_SS_F (other kinds: mdev_…, net_…, usb_…). A name always has
 * an underscore, so virsh's "Failed to detach device from FILE" (detach-device) is not read as one.
 */
const NODEDEV = '(?<nodedev>pci_[0-9a-fA-F]{4}_[0-9a-fA-F]{2}_[0-9a-fA-F]{2}_[0-7]|[a-z]{2,12}_[\\w-]{1,64})';

export const LIBVIRT_MORE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'libvirt.pci-address-double-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressReserveAddrInternal()',
    format: 'Attempted double use of PCI Address %1$s',
    versions: 'libvirt < 9.x: "%s"; some releases print "PCI address" in lower case',
    patterns: [new RegExp(`Attempted double use of PCI [Aa]ddress ${ADDR}`)],
    severity: 'error',
    title: 'Two devices in the domain XML have the same guest PCI address',
    cause:
      "the guest <address> of a hostdev equals another device's (often after copying a hostdev block, or when the GPU and its audio function both got function 0x0); this is the guest-side address, not the host one",
    fix: "remove the guest <address type='pci' …/> from the new hostdev so libvirt assigns one, or give it a free slot/function (function 0x1 with multifunction='on' on function 0x0 to mirror the host)",
    render: render('error: XML error: ', '0000:07:00.0'),
    examples: [
      ex('libvirtError: XML error: Attempted double use of PCI Address 0000:07:00.0', {
        addr: '0000:07:00.0',
      }),
      ex('VM Creation Error - XML error: Attempted double use of PCI address 0000:03:00.0'),
    ],
  },
  {
    id: 'libvirt.pci-slot-double-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressReserveAddrInternal()',
    format:
      'Attempted double use of PCI slot %1$s (may need "multifunction=\'on\'" for device on function 0)',
    patterns: [new RegExp(`Attempted double use of PCI slot ${ADDR} \\(may need "multifunction='on'"`)],
    severity: 'error',
    title: 'A guest slot is used by two devices without multifunction',
    cause:
      'two devices use the same guest slot with different functions, but the device at function 0 is not marked multifunction, so libvirt treats the slot as taken',
    fix: "add multifunction='on' to the <address> of the device at function 0x0 of that slot, or move one device to a free slot",
    render: render('error: XML error: ', '0000:00:01.0'),
    examples: [
      ex(
        'libvirtError: internal error: Attempted double use of PCI slot 0000:00:01.0 (may need "multifunction=\'on\'" for device on function 0)',
        {
          addr: '0000:00:01.0',
        },
      ),
    ],
  },
  {
    id: 'libvirt.pci-controller-mismatch',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressFlagsCompatible()',
    format:
      "The device at PCI address %1$s cannot be plugged into the PCI controller with index='%2$d'. It requires a controller that accepts a %3$s.",
    patterns: [
      new RegExp(
        `The device at PCI address ${ADDR} cannot be plugged into the PCI controller with index='(?<index>\\d{1,3})'\\. It requires a controller that accepts a (?<needs>[\\w -]{1,40})`,
      ),
    ],
    severity: 'error',
    title: "The hostdev's guest address is on the wrong kind of controller",
    cause:
      'the <address> puts the device on a controller that cannot take it: on q35 a PCIe device (an assigned GPU) placed directly on pcie-root (bus 0) or a legacy PCI device on a root port; often from XML copied from an i440fx VM',
    fix: "delete the hostdev's guest <address> so libvirt picks a pcie-root-port, or point bus= at a pcie-root-port controller",
    render: render('error: XML error: ', '0000:00:05.0', 0, 'pcie-root-port'),
    examples: [
      ex(
        "error: XML error: The device at PCI address 0000:00:05.0 cannot be plugged into the PCI controller with index='0'. It requires a controller that accepts a pcie-root-port.",
        {
          index: '0',
        },
      ),
    ],
  },
  {
    id: 'libvirt.virsh-nodedev-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-nodedev.c cmdNodeDeviceDetach() / cmdNodeDeviceReAttach() / cmdNodeDeviceReset()',
    format: 'Failed to detach device %1$s',
    versions: 'also "Failed to re-attach device %1$s" and "Failed to reset device %1$s"',
    patterns: [new RegExp(`Failed to (?<op>detach|re-attach|reset) device ${NODEDEV}`)],
    severity: 'error',
    title: 'virsh nodedev-detach / reattach / reset failed',
    cause:
      'virsh says which operation failed; the reason is the "error:" line printed right after it (in use by a domain, a driver that will not unbind, no reset method)',
    fix: 'read the next error line; `vfiokit diagnose` explains it too when both lines are given',
    render: render('error: ', 'pci_0000_01_00_0'),
    examples: [
      ex('error: Failed to detach device pci_0000_01_00_0', { op: 'detach', nodedev: 'pci_0000_01_00_0' }),
    ],
  },
  {
    id: 'libvirt.virsh-nodedev-done',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-nodedev.c cmdNodeDeviceDetach() / cmdNodeDeviceReAttach() / cmdNodeDeviceReset()',
    format: 'Device %1$s detached\n',
    versions: 'also "Device %1$s re-attached" and "Device %1$s reset"',
    patterns: [
      /Device (?<nodedev>pci_[0-9a-fA-F]{4}_[0-9a-fA-F]{2}_[0-9a-fA-F]{2}_[0-7]) (?<op>detached|re-attached|reset)$/,
    ],
    severity: 'info',
    title: 'virsh nodedev-detach / reattach / reset succeeded',
    cause:
      'the device was moved to (detached: vfio-pci) or back from (re-attached: its host driver) the VFIO driver, or reset; the operation worked',
    fix: 'nothing to do',
    render: render('', 'pci_0000_01_00_0'),
    examples: [ex('Device pci_0000_01_00_0 detached', { op: 'detached' })],
  },
  {
    id: 'libvirt.mdev-create-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/node_device/node_device_driver.c nodeDeviceCreateXMLMdev() / virMdevctlCreate()',
    format: 'Unable to create mediated device: %1$s',
    versions:
      'also "Unable to define mediated device: %1$s" and "Unable to start mediated device \'%1$s\': %2$s" (mdevctl errors follow)',
    patterns: [
      /Unable to (?<op>create|define|start) mediated device(?: '[\w-]{1,64}')?: (?<why>[^\n"]{1,200})/,
    ],
    severity: 'error',
    title: 'mdevctl could not create the vGPU (mediated device)',
    cause:
      'libvirt asks mdevctl to create the mediated device; it failed: the parent is not registered for mdev (vendor driver not loaded: i915 without enable_gvt=1, the NVIDIA vGPU host driver missing), the type has no available_instances left, or the UUID exists',
    fix: 'check /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/available_instances; load the vendor driver (i915.enable_gvt=1 + kvmgt, or nvidia-vgpu-mgr running); remove leftover mdevs (mdevctl list)',
    refine: (f) =>
      /not currently registered for mdev/.test(f.why ?? '')
        ? {
            cause:
              'the parent device has no mediated-device support loaded: for Intel GVT-g i915 needs enable_gvt=1 and the kvmgt module; for NVIDIA the vGPU host driver (not the desktop driver) and nvidia-vgpu-mgr',
          }
        : undefined,
    render: render(
      'error: operation failed: ',
      'Error: Parent 0000:00:02.0 is not currently registered for mdev support',
    ),
    examples: [
      ex(
        'error: operation failed: Unable to create mediated device: Error: Parent 0000:00:02.0 is not currently registered for mdev support',
        {
          op: 'create',
        },
      ),
    ],
  },
  {
    id: 'libvirt.kvm-unavailable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_process.c qemuProcessStartValidateGuestCPU() / qemuProcessStartValidateXML() (virQEMUCapsIsVirtTypeSupported)',
    format:
      'Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, and host configuration is setup to load the kvm modules.',
    patterns: [/Domain requires KVM, but it is not available/],
    severity: 'error',
    title: 'libvirt: KVM is not available on this host',
    cause:
      '/dev/kvm is missing: virtualization (VT-x / AMD-V) is off in the firmware or the kvm_intel / kvm_amd module is not loaded (or failed: "kvm: disabled by bios")',
    fix: 'enable virtualization in the firmware, load kvm_intel or kvm_amd, and check `ls -l /dev/kvm`',
    render: render('error: unsupported configuration: '),
    examples: [
      ex(
        'error: unsupported configuration: Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, and host configuration is setup to load the kvm modules.',
      ),
    ],
  },
  {
    id: 'libvirt.migrate-non-usb-hostdev',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_migration.c qemuMigrationSrcIsAllowedHostdev() (libvirt ≤ 6.x)',
    format: 'domain has assigned non-USB host devices',
    versions: "libvirt ≤ 6.x; newer: \"cannot migrate a domain with <hostdev mode='subsystem' type='%1$s'>\"",
    patterns: [/domain has assigned non-USB host devices/],
    severity: 'error',
    title: 'Migration or save refused: the VM has an assigned PCI device',
    cause:
      'libvirt refuses live migration, managedsave and memory snapshots of a domain with PCI passthrough: the device state cannot be moved (vfio-pci has no migration support for GPUs)',
    fix: 'shut the VM down instead, or detach the device (virsh detach-device) before migrating/saving and attach it again after',
    render: render('error: Requested operation is not valid: '),
    examples: [ex('error: Requested operation is not valid: domain has assigned non-USB host devices')],
  },
  {
    id: 'libvirt.pci-address-invalid',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressValidate()',
    format: 'Invalid PCI address %1$s. Only PCI domain 0 is available',
    versions:
      'same function: "Invalid PCI address %1$s. Only PCI buses up to %2$zu are available", "… slot must be <= %2$zu", "… function must be <= %2$u"',
    patterns: [
      new RegExp(
        `Invalid PCI address ${ADDR}\\. (?<why>Only PCI domain 0 is available|Only PCI buses up to \\d{1,3} are available|slot must be <= \\d{1,2}|function must be <= \\d)`,
      ),
    ],
    severity: 'error',
    title: 'A guest PCI address in the domain XML is out of range',
    cause:
      "the hostdev's guest <address> (not the host <source> address) names a domain, bus, slot or function the guest has no controller for — often the host address copied into the guest <address>, with a bus number the VM does not have",
    fix: "remove the hostdev's guest <address type='pci' …/> so libvirt assigns one, or add the controllers for that bus; the host address belongs in <source><address …/></source>",
    // virDomainPCIAddressBusSetModel(): pcie-root-port and pcie-switch-downstream-port buses have
    // minSlot = maxSlot = 0, so "slot must be <= 0" names such a port.
    refine: (f) =>
      /^slot must be <= 0$/.test(f.why ?? '')
        ? {
            cause:
              'the guest address puts the device in a slot other than 0 on a bus that is a pcie-root-port (or a switch downstream port): such a port has exactly one slot, slot 0, and takes one device (on q35 every assigned device sits in slot 0 of its own root port)',
            fix: "use slot='0x00' on that bus, or give the device its own pcie-root-port (or remove the guest <address> so libvirt picks one); a GPU and its audio function share one port only as functions 0x0 and 0x1 of slot 0 with multifunction='on'",
          }
        : undefined,
    render: render('error: XML error: ', '0000:09:00.0'),
    examples: [
      ex('error: XML error: Invalid PCI address 0000:09:00.0. Only PCI buses up to 8 are available', {
        addr: '0000:09:00.0',
        why: 'Only PCI buses up to 8 are available',
      }),
      ex('error: internal error: Invalid PCI address 0001:00:00.0. Only PCI domain 0 is available'),
      ex('error: XML error: Invalid PCI address 0000:03:01.0. slot must be <= 0', {
        why: 'slot must be <= 0',
      }),
    ],
  },
];
