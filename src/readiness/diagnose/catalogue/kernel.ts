/** Catalogue entries for messages printed by Linux (drivers/vfio, drivers/iommu, drivers/pci, framebuffer drivers). */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { refinePowerState } from './refinements.js';

export const KERNEL_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.no-interrupt-remapping',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_iommu_type1_attach_group()',
    format:
      '%s: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform\n',
    patterns: [/No interrupt remapping support\.\s+Use the module param "allow_unsafe_interrupts"/],
    severity: 'error',
    title: 'No interrupt remapping',
    cause:
      'the IOMMU cannot remap (isolate) interrupts on this platform, so a guest could forge MSIs into the host; vfio_iommu_type1 refuses the group with EPERM',
    fix: 'enable interrupt remapping / x2APIC in the firmware; only if every guest is trusted: options vfio_iommu_type1 allow_unsafe_interrupts=1 in /etc/modprobe.d/',
  },
  {
    id: 'kernel.rmrr-ineligible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_attach_device() (device_is_rmrr_locked)',
    format:
      'Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.\n',
    patterns: [/Device is ineligible for IOMMU domain attach due to platform RMRR requirement/],
    severity: 'error',
    title: 'Device locked by an RMRR (Intel)',
    cause:
      'the firmware declares a Reserved Memory Region for this device (an RMRR in the DMAR table: firmware keeps DMA to it, common on HP ProLiant and some Dell servers), so the kernel will not hand it to a guest domain',
    fix: 'update the firmware or turn off the vendor feature that uses the device (e.g. HP "Shared Memory Features"/iLO monitoring of that slot); otherwise use another slot or platform',
  },
  {
    id: 'kernel.bar-cant-reserve',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c __pci_request_region()',
    format: "BAR %d: can't reserve %pR\n",
    patterns: [/BAR (?<bar>\d+): can't reserve (?<range>\[[^\]]*\])/],
    severity: 'error',
    title: 'A BAR is already claimed by another driver',
    cause:
      'another driver registered the same address range first, typically a firmware framebuffer (efifb/vesafb/simplefb/BOOTFB) inside a GPU BAR',
    fix: 'look up the range in /proc/iomem (as root) to see who holds it; for framebuffers boot with video=efifb:off (and initcall_blacklist=sysfb_init on 5.15+)',
  },
  {
    id: 'kernel.rom-header-signature',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/rom.c pci_get_rom_size()',
    format: 'Invalid PCI ROM header signature: expecting 0xaa55, got %#06x\n',
    patterns: [/Invalid PCI ROM header signature: expecting 0xaa55, got (?<got>0x[0-9a-fA-F]+)/],
    severity: 'warning',
    title: 'The ROM BAR holds no option ROM',
    cause:
      'the kernel read the ROM BAR and found no 55 AA: the GPU was initialised by a host driver or is the boot GPU whose ROM the firmware shadowed (0xffff often means the device is in a low-power state or gone)',
    fix: 'give QEMU a ROM file (romfile=, see `vfiokit rom`), or dump the ROM before any driver binds (vfio-pci.ids at boot)',
  },
  {
    id: 'kernel.unknown-header-type',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_setup_device()',
    format: 'unknown header type %02x, ignoring device\n',
    patterns: [/unknown header type (?<type>[0-9a-fA-F]{2}), ignoring device/],
    severity: 'error',
    title: 'Kernel ignored a device with a bad header type',
    cause:
      'during a (re)scan the device returned garbage or all-ones config space (7f): it is dead or in D3cold',
    fix: 'power-cycle the host; check the card seating and power; after a failed GPU reset a full power-off is needed',
  },
  {
    id: 'kernel.dmar-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_fault_do_one()',
    format: '[%s NO_PASID] Request device [%02x:%02x.%d] fault addr 0x%llx [fault reason 0x%02x] %s\n',
    patterns: [
      /DMAR: ?\[(?<kind>DMA Read|DMA Write|INTR-REMAP)[^\]]*\] Request device \[(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\]/,
    ],
    severity: 'warning',
    title: 'Intel IOMMU DMA fault',
    cause:
      'a device did DMA to an address its IOMMU domain does not map. Right after Intel IGD (00:02.0) is assigned a few faults are normal (the GPU still touches its old stolen-memory mappings while the guest driver takes over); faults that keep coming mean the device or its driver uses addresses the guest never mapped',
    fix: 'a handful at VM start from 00:02.0 can be ignored; continuing faults: check the IGD mode (docs/igd-assign), the guest driver, and that no host driver re-binds the device',
  },
  {
    id: 'kernel.amd-io-page-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_report_page_fault()',
    format:
      'Event logged [IO_PAGE_FAULT device=%04x:%02x:%02x.%x domain=0x%04x address=0x%llx flags=0x%04x]\n',
    patterns: [
      /Event logged \[IO_PAGE_FAULT device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])) domain=/,
      new RegExp(`${BDF}: (?:AMD-Vi: )?Event logged \\[IO_PAGE_FAULT domain=`),
    ],
    severity: 'warning',
    title: 'AMD IOMMU page fault',
    cause:
      'a device did DMA to an address not mapped in its IOMMU domain (a driver bug, a device reset mid-DMA, or firmware DMA the IVRS does not describe)',
    fix: 'isolated faults at VM start/stop are harmless; a stream of them names the device: update firmware, check its driver in the guest, and that it is not shared with the host',
  },
  {
    id: 'kernel.reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_dev_wait()',
    format: 'not ready %dms after %s; giving up\n',
    patterns: [/not ready (?<ms>\d+)ms after (?<reset>[^;]+); giving up/],
    severity: 'error',
    title: 'Device did not come back after a reset',
    cause:
      'after a reset (FLR, bus reset, PM D3hot->D0) the device kept answering config reads with all-ones: it failed to reset',
    fix: 'the device needs a host power cycle; prefer devices with working FLR, use vendor-reset for AMD GPUs, and avoid resetting it repeatedly',
  },
  {
    id: 'kernel.power-state-inaccessible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_set_low_power_state() / pci_power_up()',
    format: 'Unable to change power state from %s to %s, device inaccessible\n',
    patterns: [/Unable to change power state from (?<from>\S+) to (?<to>\S+), device inaccessible/],
    severity: 'error',
    title: 'Device stuck in a low-power state',
    cause:
      'the device no longer answers config space (all-ones PMCSR), usually left in D3cold by a failed reset or runtime power management',
    fix: 'power-cycle the host; for vfio-pci try options vfio_pci disable_idle_d3=1 so idle devices are not put into D3',
    refine: refinePowerState,
  },
  {
    id: 'kernel.probe-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/dd.c call_driver_probe() (older: really_probe())',
    format:
      'probe with driver %s failed with error %d\n  (older kernels: "%s: probe of %s failed with error %d\\n")',
    patterns: [
      /probe with driver (?<driver>\S+) failed with error (?<err>-?\d+)/,
      new RegExp(`(?<driver>[\\w-]+): probe of ${BDF} failed with error (?<err>-?\\d+)`),
    ],
    severity: 'error',
    title: 'A driver failed to bind',
    cause:
      "the driver's probe returned an error. For vfio-pci, -22 (EINVAL) almost always means the device has no IOMMU group: the IOMMU is off (vfio_pci_core_register_device needs a group)",
    fix: 'for vfio-pci: enable the IOMMU (vfiokit doctor); -16 (EBUSY): another driver holds the device, unbind it first',
  },
  {
    id: 'kernel.memlock-exceeded',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_pin_pages_remote()',
    format: '%s: RLIMIT_MEMLOCK (%ld) exceeded\n',
    patterns: [/RLIMIT_MEMLOCK \((?<limit>\d+)\) exceeded/],
    severity: 'error',
    title: 'Locked-memory limit too low for the guest',
    cause:
      "VFIO pins all guest RAM for DMA and counts it against the process's RLIMIT_MEMLOCK; QEMU then fails its DMA mapping with ENOMEM",
    fix: 'raise the limit above guest RAM: libvirt does it itself; for plain QEMU use `ulimit -l unlimited` or LimitMEMLOCK=infinity in the systemd unit',
  },
  {
    id: 'kernel.unknown-cmdline-parameters',
    source: 'kernel',
    cite: 'torvalds/linux init/main.c print_unknown_bootoptions()',
    format: 'Unknown kernel command line parameters "%s", will be passed to user space.\n',
    patterns: [/Unknown kernel command line parameters "(?<params>[^"]*)"/],
    severity: 'warning',
    title: 'Kernel parameters the kernel does not know',
    cause:
      'the kernel has no handler for these words: a typo, or an option from a patch this kernel lacks (pcie_acs_override without the ACS override patch does nothing)',
    fix: 'correct the spelling (module options are module.param=value, e.g. vfio-pci.ids=); remove options this kernel does not carry',
  },
  {
    id: 'kernel.iommu-unknown-option',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c parse_amd_iommu_options(), drivers/iommu/intel/iommu.c intel_iommu_setup()',
    format: "Unknown option - '%s'\n",
    patterns: [/(?<prefix>AMD-Vi|DMAR): Unknown option - '(?<opt>[^']*)'/],
    severity: 'info',
    title: 'IOMMU option not understood',
    cause:
      'the IOMMU driver ignored this option. "amd_iommu=on" is the usual case: it is not an option, AMD IOMMUs are on whenever the firmware has IVRS',
    fix: 'remove the option from the kernel command line (for AMD no option is needed; amd_iommu=off disables it)',
  },
];
