/**
 * Explanations that depend on a message's facts, for catalogue entries whose one wording covers
 * causes that differ by errno or by power state. Errno values arrive as names (ENOMEM): the engine
 * normalises "Cannot allocate memory", -12 and 12 to one `errno` fact (errno.ts).
 */
import type { Refinement } from '../entry.js';

type Facts = Readonly<Record<string, string>>;

/**
 * VFIO_GROUP_GET_DEVICE_FD (drivers/vfio/group.c vfio_group_ioctl_get_device_fd(); older:
 * drivers/vfio/vfio.c vfio_group_get_device_fd()): ENODEV when no VFIO device of that name is in
 * the group (the device is not bound to vfio-pci); EINVAL when the group has no container with an
 * IOMMU set or is not viable; EBUSY when the device is already open elsewhere.
 */
export function refineDeviceFromGroup(f: Facts): Refinement | undefined {
  switch (f.errno) {
    case 'ENODEV':
      return {
        cause:
          'the group has no VFIO device of that name ("No such device"): the device is not bound to vfio-pci — it is still on its host driver, or on no driver at all',
        fix: 'bind the device to vfio-pci (driver_override, unbind, drivers_probe; `vfiokit groups` shows the drivers), then start the VM again',
      };
    case 'EBUSY':
      return {
        cause:
          'the device is already open ("Device or resource busy"): another VM or a leftover QEMU process holds it',
        fix: 'find the other user (`virsh list --all`; `fuser -v /dev/vfio/*`), stop it, then start the VM again',
      };
    case 'EINVAL':
      return {
        cause:
          'the kernel refused the request ("Invalid argument"): the group has no container with an IOMMU set, or is not viable because another device in it is on a host driver',
        fix: 'bind every endpoint of the group to vfio-pci (`vfiokit groups`), and read dmesg for an IOMMU attach error',
      };
    case 'EPERM':
    case 'EACCES':
      return {
        cause:
          'permission refused: the process may not use this group (the /dev/vfio/N owner, or a no-IOMMU group used without CAP_SYS_RAWIO)',
        fix: 'run QEMU as a user that owns /dev/vfio/N (libvirt does this itself); check dmesg for the reason',
      };
    default:
      return undefined;
  }
}

/**
 * VFIO_SET_IOMMU (drivers/vfio/vfio_iommu_type1.c vfio_iommu_type1_attach_group(), and
 * iommu_attach_group() in drivers/iommu/iommu.c): EPERM when the platform lacks interrupt
 * remapping (allow_unsafe_interrupts) or an Intel RMRR locks the device; EBUSY when the group is
 * already attached to a domain other than its default one (another VM or process uses it);
 * ENODEV when no IOMMU serves the device; EINVAL when the IOMMU driver refuses the domain.
 */
export function refineSetIommu(f: Facts): Refinement | undefined {
  switch (f.errno) {
    case 'EPERM':
      return undefined; // the entry's own text is about EPERM
    case 'EBUSY':
      return {
        cause:
          'the group is already attached to another IOMMU domain ("Device or resource busy"): another VM or process uses a device of this group — not an interrupt-remapping problem',
        fix: 'find and stop the other user of the group (`virsh list --all`; `fuser -v /dev/vfio/*`), then start the VM again',
      };
    case 'ENODEV':
      return {
        cause:
          'no IOMMU translates for this device ("No such device"): the IOMMU is off or does not cover the bus the device is on',
        fix: 'enable the IOMMU in the firmware and on the kernel command line (`vfiokit doctor` shows what is missing)',
      };
    case 'EINVAL':
      return {
        cause:
          'the IOMMU driver refused the domain ("Invalid argument"): typically devices behind IOMMUs with different capabilities in one container, or an IOMMU whose address width does not cover the guest',
        fix: "read dmesg at the same moment for the IOMMU driver's reason; assigning the device alone (its own container) often avoids it",
      };
    case 'ENOMEM':
      return {
        cause: 'the kernel could not allocate the IOMMU domain ("Cannot allocate memory")',
        fix: 'free host memory, then start the VM again',
      };
    default:
      return undefined;
  }
}

/**
 * QEMU's vfio_pci_pre_reset() (hw/vfio/pci.c) reads the state from the PM control register. A
 * device that no longer answers config space reads all-ones, whose low bits say D3: so "stuck in
 * D3" is also what a device powered off by the host's runtime PM, or lost after a failed reset,
 * prints. D1/D2 come only from a driver writing them: the guest's.
 */
export function refineStuckInD3(f: Facts): Refinement | undefined {
  if (f.state === '1' || f.state === '2')
    return {
      cause: `the guest driver left the device in D${f.state} and it did not return to D0 before the reset`,
      fix: 'update the guest driver; if it persists the device needs a host power cycle',
    };
  return undefined;
}
