/** Catalogue entries for messages printed by QEMU (hw/vfio and the memory backends VFIO users hit). */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { refineDeviceFromGroup, refineSetIommu, refineStuckInD3 } from './refinements.js';

export const QEMU_ENTRIES: CatalogueEntry[] = [
  {
    id: 'qemu.group-not-viable',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_group_get() (older: hw/vfio/common.c vfio_get_group())',
    format:
      'group %d is not viable\nPlease ensure all devices within the iommu_group are bound to their vfio bus driver.',
    patterns: [/group (?<group>\d+) is not viable/],
    severity: 'error',
    title: 'IOMMU group not viable',
    cause:
      "another device in the same IOMMU group is still on a host driver (often the GPU's HDMI audio function); VFIO_GROUP_GET_STATUS reports the group not viable until every device is on vfio-pci, pci-stub or no driver (bridges on pcieport are fine)",
    fix: 'bind every endpoint of the group to vfio-pci (vfiokit groups shows which); if the group holds host devices, move the card to another slot',
  },
  {
    id: 'qemu.device-from-group',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_device_get() (older: hw/vfio/common.c vfio_get_device())',
    format:
      'error getting device from group %d: %m\nVerify all devices in group %d are bound to vfio-<bus> or pci-stub and not already in use',
    patterns: [
      /error getting device from group (?<group>\d+)(?::\s*(?<err>[^\n]*))?/,
      /Verify all devices in group (?<group>\d+) are bound to vfio-<bus> or pci-stub/,
    ],
    severity: 'error',
    title: 'QEMU could not open the device from its group',
    cause:
      'VFIO_GROUP_GET_DEVICE_FD failed: the device is not bound to vfio-pci ("No such device"), or another VM or process has it open ("Device or resource busy"), or the kernel refused it',
    fix: "check that the device is on vfio-pci (vfiokit groups) and that no other VM uses it (virsh list --all); read dmesg for the kernel's reason",
    refine: refineDeviceFromGroup,
  },
  {
    id: 'qemu.set-iommu-container',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_set_iommu() and vfio_group_get()',
    format: 'failed to setup container for group %d: Failed to set iommu for container: %m',
    patterns: [
      /(?:failed to setup container for group (?<group>\d+): )?[Ff]ailed to set iommu for container(?::\s*(?<err>[^\n]*))?/,
    ],
    severity: 'error',
    title: 'VFIO refused to attach the group to an IOMMU container',
    cause:
      'VFIO_SET_IOMMU failed; with "Operation not permitted" the kernel refused the group: usually no interrupt remapping (dmesg: "No interrupt remapping support"), or an Intel RMRR-locked device (dmesg: "ineligible for IOMMU domain attach")',
    fix: "read dmesg for the kernel's reason (run `vfiokit diagnose --dmesg`); then enable interrupt remapping in the firmware, or see the RMRR entry",
    refine: refineSetIommu,
  },
  {
    id: 'qemu.bar-mmap-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_bar_register()',
    format: 'Failed to mmap %s BAR %d. Performance may be slow',
    patterns: [new RegExp(`Failed to mmap ${BDF} BAR (?<bar>\\d+)\\. Performance may be slow`)],
    severity: 'warning',
    title: 'BAR not mapped into the guest (slow path)',
    cause:
      'QEMU could not mmap the BAR, usually because a host driver still holds part of it: a firmware framebuffer (efifb, vesafb, simplefb, BOOTFB) in /proc/iomem, so vfio-pci could not reserve the region',
    fix: 'find the holder in /proc/iomem (as root); boot with video=efifb:off video=vesafb:off, and initcall_blacklist=sysfb_init on 5.15+ kernels',
  },
  {
    id: 'qemu.rom-contents-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_load_rom()',
    format:
      'Device option ROM contents are probably invalid (check dmesg).\nSkip option ROM probe with rombar=0, or load from file with romfile=\n',
    patterns: [/Device option ROM contents are probably invalid \(check dmesg\)/],
    severity: 'warning',
    title: "QEMU could not read the device's option ROM",
    cause:
      'the ROM region read back empty: the kernel found no valid ROM (see the "Invalid PCI ROM header signature" line in dmesg)',
    fix: 'load the ROM from a file (romfile=/path/vbios.rom), or skip it with rombar=0 if the guest does not need it',
  },
  {
    id: 'qemu.cannot-read-rom',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_load_rom()',
    format: 'vfio-pci: Cannot read device rom at %s',
    patterns: [new RegExp(`vfio-pci: Cannot read device rom at ${BDF}`)],
    severity: 'warning',
    title: 'ROM region of size 0',
    cause:
      'vfio-pci reported a zero-size ROM region for the device: no ROM BAR, or a ROM the kernel could not read',
    fix: "pass romfile= with a dump of the card's ROM (vfiokit rom dump as root, before any driver touches the card), or rombar=0",
  },
  {
    id: 'qemu.stuck-in-d3',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_pre_reset()',
    format: 'vfio: Unable to power on device, stuck in D%d',
    patterns: [/vfio: Unable to power on device, stuck in D(?<state>\d)/],
    severity: 'error',
    title: 'Device stuck in D3 at VM reset',
    cause:
      "the device did not return to D0 before the reset. QEMU reads D3 both from a device in D3hot (put there by the guest driver, or by the host's runtime power management while no VM used it) and from one that no longer answers config space at all (all-ones: powered off in D3cold by the host, or lost after a failed reset)",
    fix: 'keep the host from suspending idle devices: options vfio_pci disable_idle_d3=1 (and echo on > /sys/bus/pci/devices/BDF/power/control); if it persists the device needs a host power cycle',
    refine: refineStuckInD3,
  },
  {
    id: 'qemu.no-reset-mechanism',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_get_pci_hot_reset_info() (older: vfio_pci_hot_reset())',
    format: 'vfio: Cannot reset device %s, no available reset mechanism.',
    patterns: [new RegExp(`vfio: Cannot reset device ${BDF}, no available reset mechanism`)],
    severity: 'warning',
    title: 'Device cannot be reset',
    cause:
      'the device has no FLR and no usable bus reset (other devices share the bus), so state leaks from one VM run to the next',
    fix: 'put the device alone on its slot/bus so a bus reset works, or expect to reboot the host between VM runs',
  },
  {
    id: 'qemu.hot-reset-group-not-owned',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_hot_reset() (newer: hw/vfio/container.c vfio_legacy_pci_hot_reset())',
    format: 'vfio: Cannot reset device %s, depends on group %d which is not owned.',
    patterns: [
      new RegExp(`vfio: Cannot reset device ${BDF}, depends on group (?<group>\\d+) which is not owned`),
    ],
    severity: 'warning',
    title: 'Bus reset needs another group',
    cause:
      'a secondary bus reset would also reset devices of another IOMMU group that this VM does not own (typically the GPU audio function in its own group)',
    fix: 'assign every function of the card to the same VM (GPU and audio), so QEMU owns all affected groups',
  },
  {
    id: 'qemu.hugepage-map-failed',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c file_ram_alloc() (older: exec.c)',
    format: 'unable to map backing store for guest RAM: %m',
    patterns: [/unable to map backing store for guest RAM(?::\s*(?<err>[^\n]*))?/],
    severity: 'error',
    title: 'Guest RAM could not be allocated from hugepages',
    cause:
      'the hugetlbfs pool has fewer free pages than the guest memory ("Cannot allocate memory"), or the mount is not usable ("Permission denied")',
    fix: 'reserve enough hugepages before starting (vfiokit doctor --memory SIZE tells how many), preferably at boot: hugepagesz=1G hugepages=N',
  },
];
