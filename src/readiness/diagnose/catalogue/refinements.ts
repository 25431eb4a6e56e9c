/**
 * Explanations that depend on a message's facts, for catalogue entries whose one wording covers
 * causes that differ by errno or by power state. Errno values arrive as names (ENOMEM): the engine
 * normalises "Cannot allocate memory", -12 and 12 to one `errno` fact (errno.ts).
 */
import type { Refinement } from '../entry.js';

type Facts = Readonly<Record<string, string>>;

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
