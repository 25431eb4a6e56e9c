/**
 * The drivers/iommu/ tree swept for what the coverage ledger did not list yet: the iommufd files
 * (whose only lines beyond the two already covered are WARN_ON() splats, recognised by
 * kernel.warn-iommufd), the DMA-API glue of the IOMMU core (dma-iommu.c: the switch of a device's
 * DMA addresses above 4 GiB, and a device left on platform DMA ops because its DMA domain could not
 * be set up), the VT-d nested-translation attach used by iommufd nesting (intel/nested.c and
 * intel_pasid_setup_nested() in intel/pasid.c), the VT-d SVM capability check (intel/svm.c), and
 * the page-request (PRI/SVA) paths of VT-d and AMD-Vi, which a device assigned with VFIO does not
 * use. Every entry cites the file and function printing its format; IOMMU_TREE_ALSO and
 * IOMMU_TREE_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** A VT-d unit's name as intel-iommu prints it (iommu->name: "dmar0"). */
const DMAR_UNIT = '(?<iommu>dmar\\d{1,3})';

/** What the device's switch to DMA addresses above 4 GiB says, by the width and the switch. */
function refineDmaBits(f: Facts): Refinement | undefined {
  if (f.forcedac)
    return {
      title:
        'iommu.forcedac is set: PCI devices get DMA addresses above 4 GiB from the start (informational)',
      cause:
        "the kernel command line has iommu.forcedac=1 (or the older intel_iommu=forcedac), so the DMA-API layer of the IOMMU skips its first try of addresses below 4 GiB for PCI devices and hands out addresses up to each device's DMA mask at once. It only concerns devices the host drives through the DMA API; a device bound to vfio-pci gets the addresses the VM or the VFIO program maps",
      fix: 'nothing to do if it was set on purpose (it tests or works around exhaustion of the 32-bit space); remove iommu.forcedac=1 if a host device misbehaves with high addresses',
    };
  const bits = Number(f.bits ?? '0');
  if (bits > 32 && bits < 64)
    return {
      cause: `the device's DMA mask allows ${bits} bits, and the 32-bit range the IOMMU's DMA-API layer tries first for PCI devices could not satisfy an allocation, so from now on this device gets addresses up to ${bits} bits. It only concerns the host's own driver of the device (the name at the start of the line), not a device bound to vfio-pci. Harmless unless the device fails right after: then its driver's ${bits}-bit mask is wider than what the device or the path to the IOMMU really decodes`,
    };
  return undefined;
}

/** Which step of setting up a device's DMA domain failed (drivers/iommu/dma-iommu.c). */
function refineDmaSetup(f: Facts): Refinement | undefined {
  const step = (f.step ?? '').toLowerCase();
  if (step === 'outside')
    return {
      cause:
        'the device\'s DMA range (from the firmware\'s dma-ranges or _DMA, or its bus limit) lies outside the addresses the IOMMU can translate, so the DMA-API layer refused to set up a DMA domain for it; the "retaining platform DMA ops" line that follows names the device, which then does DMA without IOMMU translation',
    };
  if (step === 'incompatible')
    return {
      cause:
        'the device shares a DMA domain (an IOMMU group with several devices) with a device set up earlier, and its DMA range or the IOMMU page size differs from the one the domain was initialised with, so it cannot join it; the "retaining platform DMA ops" line that follows names the device',
    };
  if (step === 'reserve')
    return {
      cause:
        "the host bridge's DMA windows (dma-ranges) are not in ascending order, so the holes between them could not be reserved in the device's address space; the device is left without an IOMMU DMA domain. A firmware (device tree or ACPI IORT) description problem of the platform",
    };
  return undefined;
}

/** Which check of the VT-d nested attach refused (intel/nested.c, intel/pasid.c). */
function refineNested(f: Facts): Refinement | undefined {
  const step = f.step ?? '';
  if (/^Adjusted guest address width/.test(step))
    return {
      cause:
        "the host's second-stage table of guest memory (the nesting parent the VMM allocated) uses a wider address width than the VT-d unit this device sits behind can walk (intel_nested_attach_dev() compares the unit's width with the parent's). Common on hosts with VT-d units of different widths; the host refused to attach the nested domain, so the guest's DMA mapping for the device does not take effect",
      fix: 'allocate the nesting parent for a unit the device really sits behind (a VMM bug to report if it reuses one parent across units of different widths), or give the vIOMMU a smaller address width; otherwise run the vIOMMU without first-stage translation for assigned devices',
    };
  if (/^Invalid (?:guest|stage-1) address width/.test(step))
    return {
      cause: `the guest's first-stage table was handed to the host with an address width of ${f.aw ?? 'a value'} bits, but VT-d first-stage tables only come in 48 bits (4-level) and 57 bits (5-level) and intel_pasid_setup_nested() refuses anything else. The VMM passed a width its vIOMMU should not have allowed; the nested table was not installed`,
      fix: "update the VMM; QEMU's intel-iommu in first-stage mode (x-flts=on) accepts only aw-bits=48 and enforces it itself",
    };
  if (/5-level/.test(step))
    return {
      cause:
        "the guest's first-stage table uses 5-level paging (57-bit addresses) and the host VT-d unit cannot walk 5-level first-stage tables, so the host refused to install it; the assigned device's DMA in the guest is not translated as the guest asked",
      fix: "match the vIOMMU to the host: keep the intel-iommu at aw-bits=48 (QEMU's first-stage mode allows nothing else), and do not expose la57 to the guest CPU when the host IOMMU cannot do 5-level first-stage tables",
    };
  if (/supervisor request|extended access flag/.test(step))
    return {
      cause: `the guest's first-stage table asks for a feature (supervisor requests or extended access flags) that the host's VT-d unit ${f.iommu ?? ''} does not offer; the host refused the nested table`,
    };
  if (/s2 domain is not compatible/.test(step))
    return {
      cause:
        "the host's second-stage table (the nesting parent the VMM allocated for the guest's memory) cannot be used with the VT-d unit this device sits behind: a different address width, snoop-control or dirty-tracking capability than the unit it was made for. Common on hosts with several VT-d units of different capability",
    };
  return undefined;
}

export const IOMMU_TREE_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- drivers/iommu/dma-iommu.c
  {
    id: 'kernel.iommu-dma-high-addresses',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/dma-iommu.c iommu_dma_alloc_iova() (the "Forcing DAC" line: iommu_dma_forcedac_setup())',
    format: 'Using %d-bit DMA addresses\n',
    versions:
      'Linux 6.6+ (the per-device 32-bit first try, "iommu: Optimise PCI SAC address trick", applied July 2023 for the 6.6 merge window); before, the 32-bit range was tried on every allocation and nothing was printed. iommu.forcedac=1 prints "Forcing DAC for PCI devices" at boot',
    patterns: [
      new RegExp(`${BDF}: Using (?<bits>\\d{2})-bit DMA addresses$`),
      /(?<forcedac>Forcing DAC) for PCI devices/,
    ],
    severity: 'info',
    title: "A host driver's device now gets DMA addresses above 4 GiB (informational)",
    cause:
      "for PCI devices the DMA-API layer of the IOMMU first hands out addresses below 4 GiB, a workaround for hardware that mishandles 64-bit addresses; when that range cannot satisfy an allocation for this device it says so once and from then on uses the full width of the device's DMA mask. It concerns the host's own driver of the device (nvme, a NIC, a GPU driver), not a device bound to vfio-pci, whose addresses are the ones the VM maps. Harmless on its own",
    fix: 'nothing to do unless the device fails right after this line (DMA errors, IOMMU faults at high addresses): then its driver sets a DMA mask wider than the hardware really handles; report it to the driver, and boot with iommu.forcedac=1 to reproduce it at once',
    refine: refineDmaBits,
    render: render('nvme 0000:01:00.0: ', 64),
    examples: [
      ex('[ 4120.552310] nvme 0000:01:00.0: Using 64-bit DMA addresses', { bdf: '0000:01:00.0', bits: '64' }),
      ex('mlx5_core 0000:3b:00.0: Using 48-bit DMA addresses', { bits: '48' }),
      ex('[    0.000000] Forcing DAC for PCI devices', { forcedac: 'Forcing DAC' }),
    ],
  },
  {
    id: 'kernel.iommu-dma-ops-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/dma-iommu.c iommu_setup_dma_ops() (its steps: iommu_dma_init_domain(), iova_reserve_pci_windows())',
    format: 'Failed to set up IOMMU for device %s; retaining platform DMA ops\n',
    versions:
      'the same wording was printed by arch/arm64/mm/dma-mapping.c before the DMA-API glue moved to dma-iommu.c; the lines before it: "specified DMA range outside IOMMU capability", "Incompatible range for DMA domain", and (dev_err) "Failed to reserve IOVA" / in later kernels "Failed to reserve IOVA [%pa-%pa]"',
    patterns: [
      /Failed to set up IOMMU for device (?<dev>[\w:.()-]{1,64}); retaining platform DMA ops/,
      /specified DMA range (?<step>outside) IOMMU capability/,
      /(?<step>Incompatible) range for DMA domain/,
      new RegExp(`${BDF}: Failed to (?<step>reserve) IOVA(?: \\[[^\\]\\n]{1,80}\\])?$`),
    ],
    severity: 'warning',
    title: "A device was left without IOMMU translation for the host's DMA",
    cause:
      "the IOMMU core could not set up the DMA domain through which the host's driver of this device maps memory (its DMA range lies outside what the IOMMU translates, it cannot share the domain of its group, or the host bridge's DMA windows could not be reserved), so the device keeps the platform's direct DMA and its host-side DMA is not translated or isolated. Mostly seen on Arm servers and boards with unusual dma-ranges. Binding the device to vfio-pci later gives it a VFIO domain of its own, but the host was running it unprotected until then",
    fix: 'read the line before it for the step that failed; update the firmware (device tree dma-ranges, ACPI IORT) or the kernel, and report it to the platform vendor and iommu@lists.linux.dev; as a stop-gap, iommu.passthrough=1 makes the identity mapping official for all devices (VFIO assignment still works)',
    refine: refineDmaSetup,
    render: render('', '0000:01:00.0'),
    examples: [
      ex('Failed to set up IOMMU for device 0000:01:00.0; retaining platform DMA ops', {
        dev: '0000:01:00.0',
      }),
      ex('[    5.191008] Failed to set up IOMMU for device (null); retaining platform DMA ops', {
        dev: '(null)',
      }),
      ex('[    3.201442] specified DMA range outside IOMMU capability', { step: 'outside' }),
      ex('Incompatible range for DMA domain', { step: 'Incompatible' }),
      ex('pcieport 0000:00:00.0: Failed to reserve IOVA [0x0000000080000000-0x00000000ffffffff]', {
        step: 'reserve',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/iommu/intel/nested.c
  {
    id: 'kernel.dmar-nested-attach-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/nested.c intel_nested_attach_dev() (and the checks of drivers/iommu/intel/pasid.c intel_pasid_setup_nested())',
    format: 'Failed to setup pasid entry\n',
    versions:
      'Linux 6.7+ (VT-d nested translation for iommufd, "iommu/vt-d: Set the nested domain to a device", in linux-next for the 6.7 merge window). intel_nested_attach_dev() prints "Adjusted guest address width not compatible", "s2 domain is not compatible", "Failed to attach domain to iommu", "Failed to setup pasid entry"; intel_pasid_setup_nested() prints "5-level paging not supported", "Invalid stage-1 address width %d" (the wording since the first merged version), "No supervisor request support on %s", "No extended access flag support on %s". On hardware without nesting the nest-parent allocation fails (EOPNOTSUPP) without a kernel line. The 5.x predecessor for vSVA (intel_pasid_setup_nested() of the bind_gpasid interface, never used by a VMM, removed in 2022) printed "Invalid guest address width %d" and "5-level paging not supported", which the same pattern reads, besides other lines not recognised here',
    patterns: [
      new RegExp(
        `${BDF}: (?:DMAR: )?(?<step>Adjusted guest address width not compatible|s2 domain is not compatible|Failed to attach domain to iommu|Failed to setup pasid entry|Invalid (?:guest|stage-1) address width (?<aw>\\d{1,3})|5-level paging not supported)`,
      ),
      new RegExp(`DMAR: (?<step>No (?:supervisor request|extended access flag) support on) ${DMAR_UNIT}`),
    ],
    severity: 'error',
    title: "The host's VT-d refused a guest's nested (two-stage) page table for an assigned device",
    cause:
      "with iommufd nesting, the VMM (QEMU with an iommufd backend and an intel-iommu vIOMMU whose guest uses first-stage tables) asks the host to translate the assigned device's DMA through the guest's own page table on top of the host's table of guest memory. Attaching that nested domain to the device failed at the step the line names, so the VMM's attach (IOMMU_HWPT_ALLOC or the device attach) returns an error and the guest's DMA mapping for the device does not take effect: the VMM reports a failed attach, or the device faults in the guest",
    fix: "check that the host VT-d supports nesting (bit 26 of /sys/class/iommu/dmar0/intel-iommu/ecap) and that the vIOMMU's settings match the host (address width, 5-level paging); otherwise run the vIOMMU without first-stage translation for assigned devices (QEMU then shadows the guest's mappings through VFIO), or use no vIOMMU",
    refine: refineNested,
    render: render('vfio-pci 0000:01:00.0: '),
    examples: [
      ex('vfio-pci 0000:01:00.0: Failed to setup pasid entry', {
        bdf: '0000:01:00.0',
        step: 'Failed to setup pasid entry',
      }),
      ex('vfio-pci 0000:3d:00.1: s2 domain is not compatible', { step: 's2 domain is not compatible' }),
      ex('DMAR: No supervisor request support on dmar0', {
        iommu: 'dmar0',
        step: 'No supervisor request support on',
      }),
      ex('vfio-pci 0000:01:00.0: Invalid stage-1 address width 39', { aw: '39' }),
    ],
  },

  // ---------------------------------------------------------------- drivers/iommu/intel/dmar.c
  {
    id: 'kernel.dmar-no-dma-translation',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c alloc_iommu()',
    format: '%s: No supported address widths. Not attempting DMA translation.\n',
    versions:
      'kernels since late 2020 (commit c40aaaac1018 "iommu/vt-d: Gracefully handle DMAR units with no supported address widths", also backported to stable kernels down to 4.14; before, such a unit failed with "Cannot get a valid agaw for iommu"); since a spring-2023 fix ("iommu/vt-d: Allow zero SAGAW if second-stage not supported") a scalable-mode unit with first-stage tables but no second-stage widths is accepted instead',
    patterns: [
      new RegExp(`DMAR: ${DMAR_UNIT}: No supported address widths\\. Not attempting DMA translation`),
    ],
    severity: 'info',
    title: 'A VT-d unit does DMA remapping for nothing: it is used for interrupt remapping only',
    cause:
      'the VT-d unit reports no page-table address width it can walk (SAGAW 0), so the kernel leaves it out of DMA translation (the unit is "ignored") and uses it only for interrupt remapping. This is what a hypervisor does when it offers a vIOMMU only so that a guest with more than 255 vCPUs can use x2APIC (QEMU\'s intel-iommu with dma-translation=off, some cloud instance types): harmless there, but the devices behind that unit get no IOMMU groups, so nothing inside that VM can be assigned further with VFIO. On a physical host it means VT-d cannot be used for device assignment at all',
    fix: 'inside a VM that should pass devices on (nested assignment, DPDK with vfio-pci): give it a vIOMMU with DMA translation (QEMU: -device intel-iommu,intremap=on without dma-translation=off, plus caching-mode=on for assigned devices). On a physical host: update the firmware; if it persists the platform does not support VT-d DMA remapping',
    render: render('DMAR: ', 'dmar0'),
    examples: [
      ex('[    0.021843] DMAR: dmar0: No supported address widths. Not attempting DMA translation.', {
        iommu: 'dmar0',
      }),
    ],
  },
  {
    id: 'kernel.dmar-hardware-malfunction',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.h IOMMU_WAIT_OP() (before 6.0 include/linux/intel-iommu.h, moved by commit 2585a2790e7f), used by the register commands of dmar.c and iommu.c',
    format: 'DMAR hardware is malfunctioning\n',
    versions: 'a panic(): printed as "Kernel panic - not syncing: DMAR hardware is malfunctioning"',
    patterns: [/(?:Kernel panic - not syncing: )?DMAR hardware is malfunctioning/],
    severity: 'error',
    title: 'The kernel panicked because a VT-d unit stopped answering register commands',
    cause:
      "the VT-d driver wrote a command to a unit's global command register (set the root table, enable or disable translation or queued invalidation, flush the write buffer, a register-based invalidation) and the unit did not report completion within about 10 seconds, so the kernel panics rather than run with an IOMMU in an unknown state. On bare metal it points at firmware that left the unit in a bad state or broken hardware; under a hypervisor that emulates or para-virtualises the IOMMU (QEMU's intel-iommu, pKVM) it is that emulation not completing the command",
    fix: 'boot once with intel_iommu=off to get the machine up, then update the firmware (and the hypervisor, in a VM); if it only happens when resuming from suspend or in kexec, report it with the call trace to iommu@lists.linux.dev. In a QEMU guest, try without the vIOMMU or with a newer QEMU',
    render: render('Kernel panic - not syncing: '),
    examples: [
      ex(
        'Kernel panic - not syncing: DMAR hardware is malfunctioning',
        undefined,
        'https://github.com/intel-staging/pKVM-IA/issues/35',
      ),
      ex('[    1.352310] Kernel panic - not syncing: DMAR hardware is malfunctioning'),
    ],
  },

  // ---------------------------------------------------------------- drivers/iommu/amd/iommu.c
  {
    id: 'kernel.amd-device-not-attached',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_report_page_fault()',
    format: 'Event logged [Device not attached to domain properly]\n',
    versions:
      'printed with pr_err_ratelimited() and the "AMD-Vi: " prefix, followed by a second line "  device=%04x:%02x:%02x.%x domain=0x%04x"',
    patterns: [
      /AMD-Vi: Event logged \[Device not attached to domain properly\]/,
      new RegExp(`AMD-Vi: {1,4}device=${BDF} domain=0x(?<domain>[0-9a-fA-F]{1,4})$`),
    ],
    severity: 'warning',
    title: 'AMD-Vi blocked DMA from a device that is not attached to any IOMMU domain',
    cause:
      'the IOMMU reported an I/O page fault for a memory request of a device the AMD-Vi driver knows, but the driver has no domain recorded for it: the device was detached from one domain and not (yet, or successfully) attached to the next. That is the window when VFIO takes a device over from its host driver or gives it back after the VM stopped, or when the device is being unbound or removed. The device was still doing DMA with no translation in place, so the DMA was blocked; a device that keeps doing this was not quiesced or reset when its owner let go of it',
    fix: 'stop the device before handing it over: shut the VM down cleanly, make sure the device has a working reset (`cat /sys/bus/pci/devices/ADDR/reset_method`; AMD GPUs without one need vendor-reset), and bind vfio-pci at boot rather than unbinding a busy host driver. If it follows a failed attach, the lines before it (VFIO or IOMMU errors) say why the attach failed',
    render: render('AMD-Vi: '),
    examples: [
      ex('AMD-Vi: Event logged [Device not attached to domain properly]'),
      ex('[ 1842.203311] AMD-Vi:   device=0000:0b:00.0 domain=0x000e', {
        bdf: '0000:0b:00.0',
        domain: '000e',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/iommu/intel/svm.c
  {
    id: 'kernel.dmar-svm-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/svm.c intel_svm_check()',
    format: '%s SVM disabled, incompatible 1GB page capability\n',
    versions:
      'the same function: "%s SVM disabled, incompatible paging mode" (the CPU uses 5-level paging, the IOMMU cannot). Printed once per VT-d unit at boot, only where the unit reports PASID support (scalable mode)',
    patterns: [
      new RegExp(`${DMAR_UNIT} SVM disabled, incompatible (?<what>1GB page capability|paging mode)`),
    ],
    severity: 'info',
    title: 'Shared virtual addressing is off on a VT-d unit (harmless for device assignment)',
    cause:
      "the VT-d unit supports PASIDs, but its first-stage page tables cannot walk the CPU's page tables (the CPU uses 1 GiB pages and the unit has no 1 GiB first-stage pages), so the kernel does not offer shared virtual addressing (SVA: a device working directly in a process's address space, as Intel DSA/IAA accelerators do) on it. Assigning devices to VMs with VFIO does not use SVA and is not affected. Inside a VM with QEMU's intel-iommu in scalable mode it is the vIOMMU's reported capabilities that lack it",
    fix: "nothing to do for VFIO device assignment; for SVA users (idxd accelerators) a platform whose VT-d supports the CPU's paging features is needed (inside a VM: a vIOMMU model that reports them)",
    refine: (f) =>
      f.what === 'paging mode'
        ? {
            cause:
              "the CPU runs 5-level page tables (LA57) and the VT-d unit cannot walk 5-level first-stage tables, so shared virtual addressing (a device using a process's page tables, as Intel DSA/IAA do) is off on it. VFIO device assignment does not use it and is not affected; booting with no5lvl brings SVA back where it is needed",
          }
        : undefined,
    render: render('DMAR: ', 'dmar1'),
    examples: [
      ex('DMAR: dmar1 SVM disabled, incompatible 1GB page capability', {
        iommu: 'dmar1',
        what: '1GB page capability',
      }),
      ex('[    0.925871] dmar0 SVM disabled, incompatible paging mode', {
        iommu: 'dmar0',
        what: 'paging mode',
      }),
    ],
  },
  // ---------------------------------------------------------------- drivers/iommu/iommu.c
  {
    id: 'kernel.iommu-default-domain-type-refused',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_get_def_domain_type() and iommu_get_default_domain_type()',
    format:
      'IOMMU driver error, requesting conflicting def_domain_type, %s and %s, for devices in group %u.\n',
    versions:
      'Linux 6.7+ (Jason Gunthorpe\'s default-domain series, "iommu: Reorganize iommu_get_default_domain_type() to respect def_domain_type()", in the 6.7 IOMMU pull); it replaced "Device needs domain type %s, but device %s in the same iommu group requires type %s - using default" (kernel.iommu-group-domain-type-conflict). The same function prints "Device is not trusted, but driver is overriding group %u to %s, refusing to probe."',
    patterns: [
      /IOMMU driver error, requesting conflicting def_domain_type, (?<first>\w{1,16}) and (?<second>\w{1,16}), for devices in group (?<group>\d{1,5})/,
      /Device is (?<untrusted>not trusted), but driver is overriding group (?<group>\d{1,5}) to (?<second>\w{1,16}), refusing to probe/,
    ],
    severity: 'warning',
    title: 'Devices of one IOMMU group asked for different default DMA modes',
    cause:
      "while setting up an IOMMU group's default domain the kernel asks the IOMMU driver which mode each device needs (translated DMA or passthrough); two devices of the same group got different answers, which the core calls a driver error. It resolves it by giving the whole group passthrough if either asked for it, otherwise the first answer: the devices work, but if the group ends up in passthrough the host's DMA of all of them is untranslated. For VFIO nothing changes once the group is assigned (VFIO replaces the default domain with its own), but the devices share one group and must be assigned together",
    fix: 'usually an integrated GPU or audio function the Intel driver keeps in passthrough (intel_iommu=igfx_off or the IDENTMAP quirks) sharing a group with another device; check the group with `ls /sys/kernel/iommu_groups/GROUP/devices`, and report the pair to iommu@lists.linux.dev if it is not such a quirk',
    refine: (f) =>
      f.untrusted
        ? {
            severity: 'error',
            title: 'An untrusted (external) device was refused IOMMU setup',
            cause: `the device sits behind a port the firmware marks external-facing (Thunderbolt/USB4, ExternalFacingPort), so the kernel insists on translated DMA for its group; the IOMMU driver asked for ${f.second ?? 'another mode'} for group ${f.group ?? ''}, and the core refused to set the group up at all. The device gets no usable IOMMU domain, its driver cannot do DMA, and it cannot be assigned to a VM`,
            fix: 'do not force passthrough for this device (no iommu.passthrough=1 / iommu=pt expectation for external devices, no driver quirk forcing identity); on a kernel where this comes from a driver quirk, update the kernel or report it to iommu@lists.linux.dev',
          }
        : undefined,
    render: render('pci 0000:00:02.0: ', 'Translated', 'Passthrough', 1),
    examples: [
      ex(
        'pci 0000:00:1f.3: IOMMU driver error, requesting conflicting def_domain_type, Translated and Passthrough, for devices in group 14.',
        { group: '14', first: 'Translated', second: 'Passthrough' },
      ),
      ex(
        'pci 0000:06:00.0: Device is not trusted, but driver is overriding group 21 to Passthrough, refusing to probe.',
        { untrusted: 'not trusted', group: '21' },
      ),
    ],
  },
  {
    id: 'kernel.iommu-direct-mapping-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_setup_default_domain()',
    format: 'IOMMU driver was not able to establish FW requested direct mapping.',
    versions:
      'the 2023 default-domain rework of iommu.c (newer kernels; the exact release was not confirmed); printed once (dev_warn_once) against the IOMMU unit, e.g. "iommu dmar0: " or "iommu ivhd0: "',
    patterns: [/IOMMU driver was not able to establish FW requested direct mapping/],
    severity: 'warning',
    title: "The firmware's 1:1 (RMRR/IVMD) mappings were not in place before a device was attached",
    cause:
      "the firmware asks that some devices keep fixed identity mappings of certain memory ranges (Intel RMRR, AMD IVMD: USB legacy emulation, integrated graphics stolen memory, BMC buffers). The IOMMU core tried to map them into the device's default domain before attaching the device, the IOMMU driver refused until the device is attached, so the core maps them again right after the attach: for a moment at boot the device's firmware-owned DMA is blocked, and if the second try also fails the group keeps its previous domain. Such a device has a direct-mapping requirement, which also means VFIO refuses to take it over (see the RMRR lines for it)",
    fix: 'usually harmless at boot; if a device then misbehaves (USB keyboard lost in firmware handoff, iGPU faults), update the kernel; which devices have such ranges: `cat /sys/kernel/iommu_groups/*/reserved_regions | grep direct`',
    render: render('iommu dmar0: '),
    examples: [
      ex('iommu dmar0: IOMMU driver was not able to establish FW requested direct mapping.'),
      ex('[    1.203114] iommu ivhd0: IOMMU driver was not able to establish FW requested direct mapping.'),
    ],
  },
  {
    id: 'kernel.iommu-multiple-drivers',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c __iommu_domain_alloc_dev() (WARN_ONCE text, called from iommu_domain_alloc())',
    format:
      "Multiple IOMMU drivers present for bus %s, which the public IOMMU API can't fully support yet. You will still need to disable one or more for this to work, sorry!\n",
    versions:
      'kernels before 6.13, while iommu_domain_alloc(bus) existed ("iommu: Remove iommu_domain_alloc()" is in the 6.13 IOMMU pull); VFIO type1 moved to iommu_paging_domain_alloc() per device in 2024 ("vfio/type1: Use iommu_paging_domain_alloc()", applied June 2024). Posted versions of the check (Robin Murphy\'s bus-ops retirement) worded it without the bus, "Multiple IOMMU drivers present, which the public IOMMU API can\'t fully support yet. You may still need to disable one or more to get the expected result here, sorry!", and only warned; which releases carried that form was not confirmed, and the pattern reads it too. The WARNING splat follows the text',
    patterns: [
      /Multiple IOMMU drivers present(?: for bus (?<bus>[\w-]{1,24}))?, which the public IOMMU API can't fully support/,
    ],
    severity: 'error',
    title: 'Two IOMMU drivers serve devices on one bus, and a bus-wide domain could not be allocated',
    cause:
      "a caller asked for an IOMMU domain for a whole bus (the old iommu_domain_alloc(bus) interface, used by VFIO type1 until 2024 and by some GPU/remoteproc drivers until it was removed in Linux 6.13), but devices on that bus are handled by two different IOMMU drivers (for example a platform with an Arm SMMU and a second vendor IOMMU, or virtio-iommu beside a hardware IOMMU in a guest). The allocation fails (-EBUSY), so that caller (a VFIO container's VFIO_SET_IOMMU, a driver's probe) fails (with the wording without 'for bus' the check only warned and the allocation went on with one of the drivers, so it may not work as expected)",
    fix: 'keep only one IOMMU driver in charge of the bus (disable the second IOMMU in the firmware or device tree, or give the guest only one vIOMMU model), or move to a kernel whose VFIO type1 allocates its domain per device (iommu_paging_domain_alloc(); Linux 6.13 removed the bus-wide interface altogether); with iommufd (QEMU iommufd backend) the per-device path is used as well',
    render: render('', 'pci'),
    examples: [
      ex(
        "Multiple IOMMU drivers present for bus platform, which the public IOMMU API can't fully support yet. You will still need to disable one or more for this to work, sorry!",
        { bus: 'platform' },
      ),
    ],
  },

  // ---------------------------------------------------------------- drivers/iommu/intel/iommu.c
  {
    id: 'kernel.dmar-attach-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c dmar_domain_attach_device() (before 6.0: domain_add_dev_info() / dmar_insert_one_dev_info())',
    format: 'Setup RID2PASID failed\n',
    versions:
      'printed with dev_err() and the driver\'s "DMAR: " dev_fmt; the same function printed "Domain context map failed" when the legacy (non-scalable) context entry could not be written. A later rework of dmar_domain_attach_device() (Lu Baolu, posted on iommu@lists.linux.dev) drops both lines, so kernels with it fail the attach without a line of their own',
    patterns: [new RegExp(`${BDF}: DMAR: (?<step>Setup RID2PASID failed|Domain context map failed)`)],
    severity: 'error',
    title: 'VT-d could not set up the translation entry of a device when attaching it to a domain',
    cause:
      'attaching the device to an IOMMU domain (its default domain at boot, or VFIO\'s domain when a VM starts) failed: in scalable mode the driver could not write the device\'s PASID-table entry for DMA without PASID (RID2PASID), typically because the entry was already present. The device is left blocked: at boot the next line is "Failed to add to iommu group N: -16" (EBUSY) and the device has no IOMMU group, so it cannot be assigned to a VM; during a VFIO attach the attach fails with EBUSY. Known causes, both fixed in 2022 and in stable kernels: devices behind a PCIe-to-PCI bridge that share a requester ID and so a PASID table (the second device found the RID2PASID entry already set, June 2022), and the devices of an Intel VMD domain in scalable mode, which share the VMD endpoint\'s PASID table ("iommu/vt-d: Fix list_add double add when enabling VMD and scalable mode", February 2022, a regression of 5.14)',
    fix: 'update the kernel; as a workaround boot with intel_iommu=sm_off (legacy context entries instead of scalable mode). For a VMD-managed NVMe that you want to assign, disable VMD in the firmware so the disk has its own requester ID',
    refine: (f) =>
      f.step === 'Domain context map failed'
        ? {
            cause:
              "attaching the device to an IOMMU domain failed when the VT-d driver wrote its context entry (legacy, non-scalable mode): the entry belongs to another domain already (a device sharing the requester ID, a DMA alias) or the domain's address width does not fit the unit. The device is left blocked; a VFIO attach returns an error and at boot the device gets no IOMMU group",
            fix: 'check `dmesg` for the device\'s DMA aliases and the "iommu width" lines; assign all functions of the group together; update the kernel',
          }
        : undefined,
    render: render('pci 0000:00:1c.0: DMAR: '),
    examples: [
      ex(
        'pci 10000:80:01.0: DMAR: Setup RID2PASID failed',
        { bdf: '10000:80:01.0', step: 'Setup RID2PASID failed' },
        'http://git.maquefel.me/?a=object&h=b00833768e170a31af09268f7ab96aecfcca9623&p=linux.git',
      ),
      ex('vfio-pci 0000:03:00.0: DMAR: Domain context map failed', { step: 'Domain context map failed' }),
    ],
  },
];

const IOMMUFD_WARN = 'WARNING: CPU: %d PID: %d at %s:%d %pS';

/** Further wordings the entries above (and earlier entries) recognise, for the coverage ledger. */
export const IOMMU_TREE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  // iommufd: the WARN_ON()s are the only further lines; kernel.warn-iommufd reads the file from the splat
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/main.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 3 PID: 2210 at drivers/iommu/iommufd/main.c:292 iommufd_fops_release+0x1a4/0x1c0',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/device.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 0 PID: 3076 at drivers/iommu/iommufd/device.c:477 iommufd_access_destroy_object+0x18/0x20',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/io_pagetable.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 1 PID: 4738 at drivers/iommu/iommufd/io_pagetable.c:482 iopt_unmap_iova_range+0x1f3/0x250',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/pages.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 2 PID: 1234 at drivers/iommu/iommufd/pages.c:236 iommu_unmap_nofail+0x3c/0x50',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/hw_pagetable.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 2 PID: 1234 at drivers/iommu/iommufd/hw_pagetable.c:14 iommufd_hw_pagetable_destroy+0x5c/0x70',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/viommu.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 5 PID: 911 at drivers/iommu/iommufd/viommu.c:57 iommufd_viommu_alloc_ioctl+0x2d8/0x300',
  },
  {
    id: 'kernel.warn-iommufd',
    file: 'torvalds/linux drivers/iommu/iommufd/eventq.c',
    format: IOMMUFD_WARN,
    text: 'WARNING: CPU: 1 PID: 640 at drivers/iommu/iommufd/eventq.c:56 iommufd_fault_iopf_disable+0x60/0x70',
  },
  // dma-iommu.c
  {
    id: 'kernel.iommu-dma-high-addresses',
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'Forcing DAC for PCI devices',
    text: 'Forcing DAC for PCI devices',
  },
  {
    id: 'kernel.iommu-dma-ops-setup-failed',
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'specified DMA range outside IOMMU capability',
    text: 'specified DMA range outside IOMMU capability',
  },
  {
    id: 'kernel.iommu-dma-ops-setup-failed',
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'Incompatible range for DMA domain',
    text: 'Incompatible range for DMA domain',
  },
  {
    id: 'kernel.iommu-dma-ops-setup-failed',
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'Failed to reserve IOVA',
    text: 'pcieport 0000:00:00.0: Failed to reserve IOVA',
  },
  // intel/nested.c and the nested checks of intel/pasid.c
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/nested.c',
    format: 'Adjusted guest address width not compatible',
    text: 'vfio-pci 0000:01:00.0: Adjusted guest address width not compatible',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/nested.c',
    format: 's2 domain is not compatible',
    text: 'vfio-pci 0000:3d:00.1: s2 domain is not compatible',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/nested.c',
    format: 'Failed to attach domain to iommu',
    text: 'vfio-pci 0000:01:00.0: Failed to attach domain to iommu',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'Invalid stage-1 address width %d',
    text: 'vfio-pci 0000:01:00.0: Invalid stage-1 address width 39',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: '5-level paging not supported',
    text: 'vfio-pci 0000:01:00.0: 5-level paging not supported',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'No supervisor request support on %s',
    text: 'DMAR: No supervisor request support on dmar2',
  },
  {
    id: 'kernel.dmar-nested-attach-failed',
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'No extended access flag support on %s',
    text: 'DMAR: No extended access flag support on dmar2',
  },
  // intel/svm.c
  {
    id: 'kernel.dmar-svm-disabled',
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: '%s SVM disabled, incompatible paging mode',
    text: 'dmar0 SVM disabled, incompatible paging mode',
  },
  // iommu.c (the default-domain rework of Linux 6.7) and intel/iommu.c
  {
    id: 'kernel.iommu-default-domain-type-refused',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Device is not trusted, but driver is overriding group %u to %s, refusing to probe.',
    text: 'pci 0000:06:00.0: Device is not trusted, but driver is overriding group 21 to Passthrough, refusing to probe.',
  },
  {
    id: 'kernel.dmar-attach-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Domain context map failed',
    text: 'vfio-pci 0000:03:00.0: DMAR: Domain context map failed',
  },
  // intel/dmar.c: further lines the existing VT-d entries recognise
  {
    id: 'kernel.dmar-unit-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Cannot get a valid agaw for iommu (seq_id = %d)',
    text: 'DMAR: Cannot get a valid agaw for iommu (seq_id = 0)',
  },
  {
    id: 'kernel.dmar-table-lines',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: '%s: reg_base_addr %llx ver %d:%d cap %llx ecap %llx',
    text: 'DMAR: dmar0: reg_base_addr fed90000 ver 1:0 cap 1c0000c40660462 ecap 19e2ff0505e',
  },
  {
    id: 'kernel.dmar-table-lines',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'DRHD base: %#016Lx flags: %#x',
    text: 'DMAR: DRHD base: 0x000000fed90000 flags: 0x0',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalidation Queue Error (IQE) cleared',
    text: 'DMAR: Invalidation Queue Error (IQE) cleared',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalidation Completion Error (ICE) cleared',
    text: 'DMAR: Invalidation Completion Error (ICE) cleared',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'VT-d detected Invalidation Queue Error: Reason %llx',
    text: 'DMAR: VT-d detected Invalidation Queue Error: Reason 1',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'VT-d detected Invalidation Completion Error: SID %llx',
    text: 'DMAR: VT-d detected Invalidation Completion Error: SID 100',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'QI HEAD: %s qw0 = 0x%llx, qw1 = 0x%llx',
    text: 'DMAR: QI HEAD: IOTLB Invalidation qw0 = 0x200f2, qw1 = 0x0',
  },
  {
    id: 'kernel.dmar-qi-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'QI PRIOR: %s qw0 = 0x%llx, qw1 = 0x%llx',
    text: 'DMAR: QI PRIOR: Invalidation Wait qw0 = 0x200000025, qw1 = 0x1003a5b54',
  },
  // amd/iommu.c: the event forms for a device the driver has no data for
  {
    id: 'kernel.amd-device-not-attached',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: '  device=%04x:%02x:%02x.%x domain=0x%04x',
    text: 'AMD-Vi:   device=0000:0b:00.0 domain=0x000e',
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [RMP_PAGE_FAULT device=%04x:%02x:%02x.%x, vmg_tag=0x%04x, gpa=0x%llx, flags_rmp=0x%04x, flags=0x%04x]',
    text: 'AMD-Vi: Event logged [RMP_PAGE_FAULT device=0000:41:00.0, vmg_tag=0x0000, gpa=0x5a7c000, flags_rmp=0x0008, flags=0x0020]',
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [RMP_HW_ERROR device=%04x:%02x:%02x.%x, vmg_tag=0x%04x, spa=0x%llx, flags=0x%04x]',
    text: 'AMD-Vi: Event logged [RMP_HW_ERROR device=0000:41:00.0, vmg_tag=0x0000, spa=0x5a7c000, flags=0x0020]',
  },
  // amd/ppr.c (the PPR code split out of amd/iommu.c in newer kernels)
  {
    id: 'kernel.amd-event-unknown',
    file: 'torvalds/linux drivers/iommu/amd/ppr.c',
    format: 'Unknown PPR request received',
    text: 'AMD-Vi: Unknown PPR request received',
  },
  // amd/iommu.c before the PCI-segment rework ("iommu/amd: Print PCI segment ID in error log messages", merged for
  // 6.0, in linux-next from June 2022): the older device= forms of 5.19 and before, without the segment
  {
    id: 'kernel.amd-io-page-fault',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [IO_PAGE_FAULT device=%02x:%02x.%x domain=0x%04x address=0x%llx flags=0x%04x]',
    text: 'AMD-Vi: Event logged [IO_PAGE_FAULT device=41:00.0 domain=0x000d address=0xfd7b8000 flags=0x0020]',
  },
  {
    id: 'kernel.amd-illegal-dev-table-entry',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [ILLEGAL_DEV_TABLE_ENTRY device=%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_DEV_TABLE_ENTRY device=41:00.0 pasid=0x00000 address=0xfffffffdf8000000 flags=0x0a00]',
  },
  {
    id: 'kernel.amd-iotlb-inv-timeout',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [IOTLB_INV_TIMEOUT device=%02x:%02x.%x address=0x%llx]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [IOTLB_INV_TIMEOUT device=41:00.0 address=0x1234000]',
  },
  {
    id: 'kernel.amd-invalid-device-request',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [INVALID_DEVICE_REQUEST device=%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [INVALID_DEVICE_REQUEST device=41:00.0 pasid=0x00000 address=0x1234000 flags=0x0000]',
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [INVALID_PPR_REQUEST device=%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x tag=0x%03x]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [INVALID_PPR_REQUEST device=41:00.0 pasid=0x00000 address=0x1234000 flags=0x0000 tag=0x000]',
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [RMP_PAGE_FAULT device=%02x:%02x.%x, vmg_tag=0x%04x, gpa=0x%llx, flags_rmp=0x%04x, flags=0x%04x]',
    text: 'AMD-Vi: Event logged [RMP_PAGE_FAULT device=41:00.0, vmg_tag=0x0000, gpa=0x5a7c000, flags_rmp=0x0008, flags=0x0020]',
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [RMP_HW_ERROR device=%02x:%02x.%x, vmg_tag=0x%04x, spa=0x%llx, flags=0x%04x]',
    text: 'AMD-Vi: Event logged [RMP_HW_ERROR device=41:00.0, vmg_tag=0x0000, spa=0x5a7c000, flags=0x0020]',
  },
  // amd/init.c: the two lines of a 6.x init.c no ledger row listed yet
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Command-line override present for %s id %d - ignoring',
    text: 'AMD-Vi: Command-line override present for IOAPIC id 33 - ignoring',
  },
  {
    id: 'kernel.amd-iommu-dump-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: '  DEV_ALL\t\t\tsetting: %#02x',
    text: 'AMD-Vi:   DEV_ALL\t\t\tsetting: 00',
  },
];

const PRQ_ONLY =
  'page requests (PRI) of devices using shared virtual addressing (SVA: Intel DSA/IAA, some accelerators); a device assigned to a VM with VFIO does not issue them, and no setup of the host changes them';
const PRQ_ALLOC =
  'allocation of the VT-d page-request queue at boot failed (out of memory or IRQ vectors); only SVA/PRI users lose the feature, VFIO assignment is unaffected';

const GPASID_BIND =
  'intel_svm_bind_gpasid(), the guest-PASID bind of the first VT-d nesting interface, removed in 2022 without upstream VFIO ever calling it; iommufd nesting prints the intel/nested.c lines (kernel.dmar-nested-attach-failed) instead';
const SUPERVISOR_PASID =
  'a host kernel driver (idxd) asking for a supervisor-mode SVA PASID, a mode later removed; not on the device-assignment path';
const KDUMP_COPY =
  "kdump (crash kernel) only: copying the crashed kernel's AMD-Vi device table (the wording before the tables were re-used instead); not on the passthrough path";

/** Strings of the swept files left out, with the reason. */
export const IOMMU_TREE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  // intel/dmar.c
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'SATC flags: 0x%x',
    why: 'routine boot listing of a SATC structure of the DMAR table (devices that must use ATS); the other table lines are kernel.dmar-table-lines and say nothing is wrong either',
  },
  // iova.c
  {
    file: 'torvalds/linux drivers/iommu/iova.c',
    format: "Couldn't create iova cache",
    why: "out of memory at boot while creating the IOVA allocator's slab cache; the IOMMU DMA layer then fails to initialise and its own lines follow",
  },
  {
    file: 'torvalds/linux drivers/iommu/iova.c',
    format: 'Reserve iova range %lx@%lx failed',
    why: 'out of memory while copying reserved ranges between IOVA domains (copy_reserved_iova(), used by old VT-d drivers); not caused by configuration',
  },
  // dma-iommu.c
  {
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'iova flush queue initialization failed',
    why: 'out of memory while setting up the lazy-invalidation queue of a DMA domain; the domain falls back to strict invalidation and works',
  },
  {
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'DMA bounce buffers are inactive, unable to map unaligned transaction.',
    why: 'an untrusted (external, Thunderbolt) device on a host without swiotlb bounce buffers; a host-driver DMA failure, not on the device-assignment path',
  },
  // io-pgfault.c
  {
    file: 'torvalds/linux drivers/iommu/io-pgfault.c',
    format: 'iopf (pasid %d) without domain attached or handler installed',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/io-pgfault.c',
    format: 'no pending PRQ, drop response',
    why: 'moved here from iommu.c; shared virtual addressing (PASID page requests) only, not on the device-assignment path',
  },
  // intel/prq.c (6.13+; before in intel/svm.c)
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: '%s: Invalid page request: %08llx %08llx',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Address is not canonical',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Page request in Privilege Mode',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Execution request not supported',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: PRQ overflow detected',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: PRQ overflow cleared',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Failed to allocate page request queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Failed to create IRQ vector for page request queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Failed to allocate iopf queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/prq.c',
    format: 'IOMMU: %s: Failed to request IRQ for page request queue',
    why: PRQ_ALLOC,
  },
  // intel/pasid.c
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'No first level translation support on %s',
    why: 'a domain with first-stage tables offered to a VT-d unit without them (SVA binding, or mixed units); newer kernels refuse it earlier in the domain-compatibility check and the attach error reaches the caller',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'No 5-level paging support for first-level on %s',
    why: 'SVA binding of a process using 5-level page tables on a unit without them; kernel.dmar-svm-disabled explains the same mismatch at boot',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'No second level translation support on %s',
    why: 'a second-stage domain offered to a VT-d unit without second-stage tables; no real VT-d hardware lacks them (only a vIOMMU model could), and the attach error reaches the caller',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'Invalid domain page table',
    why: "internal consistency check of the driver (a domain's table narrower than the unit's width could not be skipped); not caused by configuration",
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'Dirty tracking not supported on translation type %d',
    why: 'IOMMU dirty tracking, used only during live migration of a VM with an assigned device; the VMM reports the failed IOMMU_HWPT_SET_DIRTY_TRACKING itself',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'Failed to get pasid entry of PASID %d',
    why: 'internal consistency check while switching dirty tracking (live migration only); not caused by configuration',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/io_pgtable.c',
    format: 'AMD-Vi: IOMMU pte changed since we read it',
    why: 'a concurrent update of a page-table entry that the driver simply retries; a driver race without a configuration cause or a user action',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'IOMMU: %s: No PASID available',
    why: 'virtual-command PASID allocation of old kernels (since removed), used only inside guests of a vIOMMU offering it',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'IOMMU: %s: Unexpected error code %d',
    why: 'virtual-command PASID allocation of old kernels (since removed), used only inside guests of a vIOMMU offering it',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'IOMMU: %s: Invalid PASID',
    why: 'virtual-command PASID allocation of old kernels (since removed), used only inside guests of a vIOMMU offering it',
  },
  // amd/ppr.c, amd/nested.c
  {
    file: 'torvalds/linux drivers/iommu/amd/ppr.c',
    format: 'Invalid PASID : 0x%x, device : 0x%x',
    why: 'AMD-Vi peripheral page requests (PPR, for SVA) naming a PASID the device does not have; not issued by a device assigned with VFIO',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/ppr.c',
    format:
      'PPR logged [Request ignored due to GN=0 (device=%04x:%02x:%02x.%x pasid=0x%05llx address=0x%llx flags=0x%04llx tag=0x%03llx]',
    why: 'dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/ppr.c',
    format:
      'PPR logged [Invalid request format (device=%04x:%02x:%02x.%x pasid=0x%05llx address=0x%llx flags=0x%04llx tag=0x%03llx]',
    why: 'dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/nested.c',
    format: '%s: Found gdom_id=%#x, hdom_id=%#x',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/nested.c',
    format: '%s: Allocate gdom_id=%#x, hdom_id=%#x',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/nested.c',
    format: '%s: Free gdom_id=%#x, hdom_id=%#x',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  // intel/svm.c as it was before the page-request code moved to prq.c (a 5.x svm.c)
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Failed to allocate page request queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Failed to create IRQ vector for page request queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Failed to allocate iopf queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Failed to request IRQ for page request queue',
    why: PRQ_ALLOC,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: '%s: Invalid page request: %08llx %08llx',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Page request without PASID',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Address is not canonical',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Page request in Privilege Mode',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: Execution request not supported',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: PRQ overflow detected',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'IOMMU: %s: PRQ overflow cleared',
    why: PRQ_ONLY,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'Already bound with PASID %u',
    why: GPASID_BIND,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'Failed to enable PASID capability',
    why: GPASID_BIND,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: 'Failed to set up PASID %llu in nested mode, Err %d',
    why: GPASID_BIND,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: '%s: Supervisor PASID not supported',
    why: SUPERVISOR_PASID,
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/svm.c',
    format: '%s: Supervisor PASID with user provided mm',
    why: SUPERVISOR_PASID,
  },
  // amd/init.c: the wordings before the kdump rework (the "reuse" lines are already ledgered)
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Translation is already enabled - trying to copy translation structures',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Failed to allocate memory for copying old device table!',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Failed to reserve domain ID 0x%x',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Wrong old irq remapping flag: %#x',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Failed to copy DEV table from previous kernel.',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Copied DEV table from previous kernel.',
    why: KDUMP_COPY,
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: '  DEV_ALL\t\t\tflags: %02x',
    why: 'older wording of the amd_iommu_dump listing of an IVHD DEV_ALL entry (printed only with amd_iommu_dump on the command line); the newer "setting:" wording is read by kernel.amd-iommu-dump-lines',
  },
];
