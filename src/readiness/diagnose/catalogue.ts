/**
 * Known error messages from the kernel, QEMU, libvirt and pciutils, each with the exact format
 * string of its source (cited by file and function) and the regular expression that recognises
 * the printed text. Named groups pull out what names the host's own devices: `bdf` (full
 * address), `sbdf` (bus:dev.fn, domain 0), `group` (IOMMU group number), `bar`.
 *
 * The texts were looked up in the upstream trees (torvalds/linux, qemu/qemu, libvirt/libvirt,
 * pciutils/pciutils); the explanations are ours.
 */

export type Source = 'kernel' | 'qemu' | 'libvirt' | 'pciutils' | 'acs-override patch' | 'windows';
export type Severity = 'error' | 'warning' | 'info';

export interface CatalogueEntry {
  id: string;
  source: Source;
  /** Upstream file (and function) printing it. */
  cite: string;
  /** The format string as the source has it (printf conversions kept). */
  format: string;
  patterns: RegExp[];
  severity: Severity;
  title: string;
  cause: string;
  fix: string;
}

const BDF = '(?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';

export const CATALOGUE: CatalogueEntry[] = [
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
  },
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
    id: 'pciutils.unknown-header-type',
    source: 'pciutils',
    cite: 'pciutils/pciutils lspci.c show_verbose()',
    format: '\t!!! Unknown header type %02x\n',
    patterns: [/!!! Unknown header type (?<type>[0-9a-fA-F]{2})/],
    severity: 'error',
    title: 'Device config space unreadable (lspci)',
    cause:
      'header type 7f is what reads of all-ones give: the device no longer answers config cycles, typically a GPU that failed to come back from a reset or a low-power state (the "reset bug")',
    fix: 'the device is lost until a power cycle: reboot the host (a warm reboot may not be enough); to avoid it, use a GPU with FLR, vendor-reset for AMD, and avoid repeated VM restarts',
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
  },
  {
    id: 'qemu.stuck-in-d3',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_pre_reset()',
    format: 'vfio: Unable to power on device, stuck in D%d',
    patterns: [/vfio: Unable to power on device, stuck in D(?<state>\d)/],
    severity: 'error',
    title: 'Device stuck in D3 at VM reset',
    cause: 'the guest left the device in a low-power state and it did not return to D0 before the reset',
    fix: 'options vfio_pci disable_idle_d3=1; if it persists the device needs a host power cycle',
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
  {
    id: 'patch.acs-override-enabled',
    source: 'acs-override patch',
    cite: 'the out-of-tree ACS override patch (drivers/pci/quirks.c pcie_acs_override_setup(), carried by Proxmox, Zen/Liquorix and others)',
    format: 'Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA\n',
    patterns: [/Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA/],
    severity: 'warning',
    title: 'ACS override in effect',
    cause:
      'pcie_acs_override makes the kernel assume isolation the hardware lacks; devices in split groups can still reach each other peer-to-peer without the IOMMU',
    fix: 'only assign such devices to trusted guests; prefer a slot whose root port has ACS (vfiokit explain BDF)',
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
  {
    id: 'windows.code-43',
    source: 'windows',
    cite: 'Microsoft Device Manager error codes ("Code 43"); the NVIDIA driver before R465 reported it when it detected a hypervisor',
    format: 'Windows has stopped this device because it has reported problems. (Code 43)',
    patterns: [/\(Code 43\)|\bCode 43\b/],
    severity: 'error',
    title: 'NVIDIA driver refuses to start in the guest (Code 43)',
    cause:
      'older NVIDIA consumer drivers (before R465, 2021) stop when they see a hypervisor: the KVM CPUID signature or Hyper-V enlightenments with the default vendor id; a missing or broken ROM causes it too',
    fix: "hide KVM: libvirt <features><kvm><hidden state='on'/></kvm><hyperv><vendor_id state='on' value='0123456789ab'/></hyperv></features> (QEMU: -cpu host,kvm=off,hv_vendor_id=0123456789ab); or update the guest driver to R465+; check the GPU ROM (vfiokit rom)",
  },
];
