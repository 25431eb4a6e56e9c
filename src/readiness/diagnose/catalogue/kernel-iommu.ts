/**
 * More Linux messages from the IOMMU drivers (Intel VT-d RMRR and table lines, AMD-Vi events and
 * firmware warnings), vfio-pci's SR-IOV VF token checks, KVM's availability, GVT-g vGPU resources,
 * the firmware loader, and the guest-side GPU driver lines that point back at the host setup
 * (amdgpu, nouveau and NVIDIA's driver in a guest that got the device without a usable ROM or in a
 * state its driver cannot initialise). Format strings from torvalds/linux (drivers/iommu/intel/,
 * drivers/iommu/amd/, drivers/vfio/pci/vfio_pci_core.c, arch/x86/kvm/, drivers/gpu/drm/) and
 * NVIDIA/open-gpu-kernel-modules.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const VFIO = 'vfio-pci 0000:03:10.0: ';
const HEX16 = '0x[0-9a-fA-F]{1,16}';

export const KERNEL_IOMMU_ENTRIES: CatalogueEntry[] = [
  // ---- vfio-pci SR-IOV VF tokens (drivers/vfio/pci/vfio_pci_core.c vfio_pci_validate_vf_token()) ----
  {
    id: 'kernel.vfio-vf-token-required',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_validate_vf_token()',
    format: 'VF token required to access device\n',
    patterns: [/VF token required to access device/],
    severity: 'error',
    title: 'The VF needs the VF token its PF was given',
    cause:
      'the PF of this SR-IOV VF is bound to vfio-pci (with enable_sriov=1), so vfio-pci asks whoever opens a VF for the shared secret (the VF token) the PF user set; the opener gave none, and the open fails with EACCES',
    fix: 'pass the token: QEMU -device vfio-pci,host=VF,vf-token=UUID (the same UUID the PF user set with VFIO_DEVICE_FEATURE); or bind the PF to its own host driver to create VFs without tokens',
    render: render(VFIO),
    examples: [
      ex('[  812.000000] vfio-pci 0000:03:10.0: VF token required to access device', { bdf: '0000:03:10.0' }),
    ],
  },
  {
    id: 'kernel.vfio-vf-token-incorrect',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_validate_vf_token()',
    format: 'Incorrect VF token provided for device\n',
    patterns: [/Incorrect VF token provided for device/],
    severity: 'error',
    title: 'Wrong VF token',
    cause:
      'the VF token given when opening this VF (or its PF) differs from the one the PF user set; vfio-pci refuses the open with EACCES',
    fix: 'give the same UUID the PF user set (QEMU vf-token=UUID); when in doubt restart the PF user so that it sets a known token',
    render: render(VFIO),
    examples: [ex('vfio-pci 0000:03:10.0: Incorrect VF token provided for device')],
  },
  {
    id: 'kernel.vfio-vf-token-unexpected',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_validate_vf_token()',
    format: 'VF token incorrectly provided, %s\n',
    versions:
      'printed as "VF token incorrectly provided, not a PF or VF" and "VF token incorrectly provided, PF not bound to vfio-pci"',
    patterns: [/VF token incorrectly provided, (?<why>not a PF or VF|PF not bound to vfio-pci)/],
    severity: 'error',
    title: 'A VF token was given where none applies',
    cause:
      'a VF token was passed for a device that is not an SR-IOV PF or VF, or for a VF whose PF is on a host driver (not vfio-pci); vfio-pci refuses the open with EINVAL',
    fix: 'drop vf-token= from the device options (it only applies when the PF is bound to vfio-pci)',
    render: render(VFIO, 'PF not bound to vfio-pci'),
    examples: [
      ex('vfio-pci 0000:03:10.0: VF token incorrectly provided, PF not bound to vfio-pci', {
        why: 'PF not bound to vfio-pci',
      }),
      ex('vfio-pci 0000:01:00.0: VF token incorrectly provided, not a PF or VF', { why: 'not a PF or VF' }),
    ],
  },
  {
    id: 'kernel.vfio-noiommu-taint',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/group.c vfio_noiommu_group_alloc() (older: drivers/vfio/vfio.c vfio_iommu_group_get())',
    format: 'Adding kernel taint for vfio-noiommu group on device\n',
    patterns: [/Adding kernel taint for vfio-noiommu group on device/],
    severity: 'warning',
    title: 'Device used through VFIO without an IOMMU (unsafe mode)',
    cause:
      'vfio was loaded with enable_unsafe_noiommu_mode=1 and this device has no IOMMU group, so it gets a "noiommu" group: no DMA isolation, the kernel is tainted. QEMU cannot assign such a device to a VM (there is no IOMMU to map guest memory); only DPDK-style user drivers use it',
    fix: 'enable the IOMMU (firmware VT-d/AMD-Vi and intel_iommu=on or amd_iommu=on) for passthrough; `vfiokit doctor` shows what is missing',
    render: render(VFIO),
    examples: [ex('vfio-pci 0000:03:10.0: Adding kernel taint for vfio-noiommu group on device')],
  },
  {
    id: 'kernel.pci-stub-claimed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci-stub.c pci_stub_probe()',
    format: 'claimed by stub\n',
    patterns: [/pci-stub (?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: claimed by stub/],
    severity: 'info',
    title: 'pci-stub holds the device (the old way to keep it from host drivers)',
    cause:
      'pci-stub (pci-stub.ids=) bound the device so no host driver takes it; QEMU still needs it on vfio-pci for assignment (libvirt rebinds managed devices itself)',
    fix: 'nothing to do with libvirt managed devices; otherwise prefer vfio-pci.ids= so the device is ready for VFIO',
    render: render('pci-stub 0000:01:00.0: '),
    examples: [ex('[    2.000000] pci-stub 0000:01:00.0: claimed by stub', { bdf: '0000:01:00.0' })],
  },
  // ---- Intel VT-d (drivers/iommu/intel/dmar.c, iommu.c, irq_remapping.c) ----
  {
    id: 'kernel.dmar-bad-rmrr',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_parse_one_rmrr() / arch_rmrr_sanity_check()',
    format:
      'Your BIOS is broken; bad RMRR [%#018Lx-%#018Lx]\nBIOS vendor: %s; Ver: %s; Product Version: %s\n',
    versions:
      'WARN_TAINT (so a call trace follows); also "[Firmware Bug]: No firmware reserved region can cover this RMRR [...], contact BIOS vendor for fixes" (x86 arch_rmrr_sanity_check, Linux 5.6+)',
    patterns: [
      new RegExp(`Your BIOS is broken; bad RMRR \\[(?<start>${HEX16})-(?<end>${HEX16})\\]`),
      new RegExp(`No firmware reserved region can cover this RMRR \\[(?<start>${HEX16})-(?<end>${HEX16})\\]`),
    ],
    severity: 'warning',
    title: 'Firmware bug: an RMRR (reserved DMA range) is malformed',
    cause:
      'the ACPI DMAR table lists a Reserved Memory Region that is not page aligned, ends before it starts, or is not reserved in the E820 map; the kernel works around it. RMRRs belong to devices the firmware keeps using for DMA (USB, integrated graphics): such devices are hard to assign ("ineligible for IOMMU domain attach due to platform RMRR")',
    fix: 'update the firmware; the warning alone does not stop passthrough of other devices. For a device locked by an RMRR see the RMRR entries (kernel ≥ 5.3 relaxes it for USB and graphics)',
    render: render('DMAR: [Firmware Bug]: ', 0x7a000000, 0x79ffffff),
    examples: [
      ex(
        '[    0.040000] DMAR: [Firmware Bug]: Your BIOS is broken; bad RMRR [0x000000007a000000-0x0000000079ffffff]',
        {
          start: '0x000000007a000000',
        },
      ),
      ex(
        'DMAR: [Firmware Bug]: No firmware reserved region can cover this RMRR [0x000000003e2e0000-0x000000003e2fffff], contact BIOS vendor for fixes',
      ),
    ],
  },
  {
    id: 'kernel.dmar-rmrr-listed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_table_print_dmar_entry()',
    format: 'RMRR base: %#018Lx end: %#018Lx\n',
    patterns: [new RegExp(`RMRR base: (?<start>${HEX16}) end: (?<end>${HEX16})`)],
    severity: 'info',
    title: 'The firmware reserves a DMA range for a device (routine)',
    cause:
      "the DMAR table lists an RMRR: memory some device (USB controller, integrated graphics) uses for DMA on the firmware's behalf. Routine; it matters only for the device it names, which then may be refused for passthrough",
    fix: 'nothing to do unless a device fails with "ineligible for IOMMU domain attach due to platform RMRR"',
    render: render('DMAR: ', 0x7b800000, 0x7fffffff),
    examples: [ex('[    0.009000] DMAR: RMRR base: 0x0000007b800000 end: 0x0000007fffffff')],
  },
  {
    id: 'kernel.dmar-table-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_table_print_dmar_entry() / dmar_parse_dev()',
    format: 'Host address width %d\n',
    versions:
      'with "DRHD base: %#016Lx flags: %#x" and "dmar%d: reg_base_addr %llx ver %d:%d cap %llx ecap %llx" at boot',
    patterns: [
      /DMAR: Host address width (?<width>\d{2})/,
      /DMAR: DRHD base: 0x[0-9a-fA-F]{1,16} flags: 0x[0-9a-fA-F]{1,4}/,
      /DMAR: dmar\d{1,3}: reg_base_addr [0-9a-fA-F]{1,16} ver \d:\d cap [0-9a-fA-F]{1,16} ecap [0-9a-fA-F]{1,16}/,
    ],
    severity: 'info',
    title: 'The firmware describes VT-d (routine)',
    cause:
      'the kernel prints the DMAR table: the IOMMU exists and the firmware describes it. This alone does not mean the IOMMU is on: look for "DMAR: IOMMU enabled" (intel_iommu=on, default since Linux 6.x on many distributions)',
    fix: 'nothing to do; `vfiokit doctor` shows whether the IOMMU is active',
    render: render('DMAR: ', 39),
    examples: [
      ex('[    0.008000] DMAR: Host address width 39', { width: '39' }),
      ex('[    0.008100] DMAR: DRHD base: 0x000000fed90000 flags: 0x1'),
      ex('[    0.008200] DMAR: dmar0: reg_base_addr fed90000 ver 1:0 cap 1c0000c40660462 ecap 19e2ff0505e'),
    ],
  },
  {
    id: 'kernel.dmar-pte-already-set',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c __domain_mapping()',
    format: 'ERROR: DMA PTE for vPFN 0x%lx already set (to %llx not %llx)\n',
    patterns: [
      /ERROR: DMA PTE for vPFN 0x(?<pfn>[0-9a-fA-F]{1,16}) already set \(to (?<old>[0-9a-fA-F]{1,16}) not (?<new>[0-9a-fA-F]{1,16})\)/,
    ],
    severity: 'error',
    title: 'VT-d: a DMA mapping overwrote an existing one',
    cause:
      'a mapping request hit an IOVA page that is already mapped: a driver or VFIO user mapped the same guest address twice without unmapping (a QEMU or kernel bug, or an overlap between guest RAM and a reserved region); the kernel warns with a trace and the device may DMA to the wrong page',
    fix: 'update the kernel and QEMU; report it with the QEMU command line and `info mtree` if it repeats',
    render: render('DMAR: ', 0x100000, 0x12345003, 0x23456003),
    examples: [
      ex('DMAR: ERROR: DMA PTE for vPFN 0x100000 already set (to 12345003 not 23456003)', { pfn: '100000' }),
    ],
  },
  {
    id: 'kernel.dmar-platform-optin',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c platform_optin_force_iommu()',
    format: 'Intel-IOMMU force enabled due to platform opt in\n',
    patterns: [/Intel-IOMMU force enabled due to platform opt in/],
    severity: 'info',
    title: 'VT-d turned on because the firmware asked for DMA protection',
    cause:
      'the firmware sets the DMA-protection opt-in flag (Thunderbolt / Kernel DMA Protection), so the kernel enables the IOMMU even without intel_iommu=on',
    fix: 'nothing to do: the IOMMU is on, as passthrough needs',
    render: render('DMAR: '),
    examples: [ex('[    0.300000] DMAR: Intel-IOMMU force enabled due to platform opt in')],
  },
  {
    id: 'kernel.dmar-ir-queued-invalidation',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping()',
    format: 'Queued invalidation will be enabled to support x2apic and Intr-remapping.\n',
    patterns: [/Queued invalidation will be enabled to support x2apic and Intr-remapping/],
    severity: 'info',
    title: 'Interrupt remapping is being set up (routine)',
    cause:
      'the VT-d interrupt-remapping unit is being enabled; this is what VFIO needs for safe MSI delivery',
    fix: 'nothing to do; "DMAR-IR: Enabled IRQ remapping in x2apic mode" confirms it',
    render: render('DMAR-IR: '),
    examples: [
      ex('[    0.010000] DMAR-IR: Queued invalidation will be enabled to support x2apic and Intr-remapping.'),
    ],
  },
  {
    id: 'kernel.dmar-ir-ioapic-under-drhd',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c ir_parse_one_ioapic_scope() / ir_parse_one_hpet_scope()',
    format: 'IOAPIC id %d under DRHD base  0x%Lx IOMMU %d\n',
    versions: 'also "HPET id %d under DRHD base 0x%Lx"',
    patterns: [/(?<what>IOAPIC|HPET) id (?<id>\d{1,3}) under DRHD base {1,2}0x[0-9a-fA-F]{1,16}/],
    severity: 'info',
    title: 'Interrupt-remapping scope (routine)',
    cause:
      'the DMAR table places the IOAPIC/HPET under a remapping unit; routine, and needed for interrupt remapping to be enabled',
    fix: 'nothing to do',
    render: render('DMAR-IR: ', 2, 0xfed91000, 1),
    examples: [
      ex('[    0.010000] DMAR-IR: IOAPIC id 2 under DRHD base  0xfed91000 IOMMU 1', { what: 'IOAPIC' }),
    ],
  },
  // ---- AMD-Vi (drivers/iommu/amd/init.c, iommu.c) ----
  {
    id: 'kernel.amd-hardware-error-event',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event()',
    format: 'Event logged [%s_HARDWARE_ERROR address=0x%llx flags=0x%04x]\n',
    versions:
      'types DEV_TAB_HARDWARE_ERROR, PAGE_TAB_HARDWARE_ERROR, COMMAND_HARDWARE_ERROR (with device= on PAGE_TAB); ILLEGAL_COMMAND_ERROR "[ILLEGAL_COMMAND_ERROR address=0x%llx]"',
    patterns: [
      /Event logged \[(?<event>DEV_TAB_HARDWARE_ERROR|PAGE_TAB_HARDWARE_ERROR|COMMAND_HARDWARE_ERROR|ILLEGAL_COMMAND_ERROR)(?: device=(?:[0-9a-fA-F]{4}:)?(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]))?/,
    ],
    severity: 'error',
    title: 'AMD-Vi reported a hardware or command error',
    cause:
      'the IOMMU could not read its own tables or commands from memory (a hardware/firmware fault, memory corruption, or a kernel bug in the IOMMU driver); DMA for the devices involved fails',
    fix: 'update the firmware (AGESA) and the kernel; if it repeats with one device, try it in another slot; report with the full event lines',
    render: render('AMD-Vi: ', 'COMMAND', 0x1234000, 0),
    examples: [
      ex('AMD-Vi: Event logged [COMMAND_HARDWARE_ERROR address=0x1234000 flags=0x0000]', {
        event: 'COMMAND_HARDWARE_ERROR',
      }),
      ex('AMD-Vi: Event logged [ILLEGAL_COMMAND_ERROR address=0x4d9a0010]', {
        event: 'ILLEGAL_COMMAND_ERROR',
      }),
    ],
  },
  {
    id: 'kernel.amd-ppr-rmp-event',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event() / amd_iommu_report_rmp_fault()',
    format:
      'Event logged [INVALID_PPR_REQUEST device=%04x:%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x tag=0x%03x]\n',
    versions:
      'also "[RMP_PAGE_FAULT device=… vmg_tag=… gpa=… flags_rmp=… flags=…]" and "[RMP_HW_ERROR …]" (Linux 6.x, SEV-SNP hosts)',
    patterns: [
      /Event logged \[(?<event>INVALID_PPR_REQUEST|RMP_PAGE_FAULT|RMP_HW_ERROR) device=(?:[0-9a-fA-F]{4}:)?(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
    ],
    severity: 'error',
    title: 'AMD-Vi: a device request the IOMMU refused (PPR or RMP)',
    cause:
      'a device sent a page request (PRI, used by shared virtual addressing) the IOMMU could not serve, or on an SEV-SNP host accessed memory the RMP table forbids; for an assigned device this points at a guest driver using features the host setup does not support, or at SEV-SNP memory the device may not touch',
    fix: 'for SEV-SNP hosts make sure the device is not used for encrypted guests without TDISP support; otherwise update kernel and firmware and report with the event line',
    render: render('AMD-Vi: ', 0, 3, 0, 0, 0, 0x1000, 0, 0),
    examples: [
      ex(
        'AMD-Vi: Event logged [INVALID_PPR_REQUEST device=0000:03:00.0 pasid=0x00000 address=0x1000 flags=0x0000 tag=0x000]',
        {
          bdf: '0000:03:00.0',
        },
      ),
    ],
  },
  {
    id: 'kernel.amd-no-southbridge-ioapic',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c check_ioapic_information()',
    format: '[Firmware Bug]: : No southbridge IOAPIC found\n',
    patterns: [/No southbridge IOAPIC found/],
    severity: 'error',
    title: 'Firmware bug: AMD-Vi table lacks the southbridge IOAPIC — interrupt remapping disabled',
    cause:
      'the IVRS table does not describe the southbridge IOAPIC, so the kernel disables interrupt remapping; without it VFIO refuses assignment ("No interrupt remapping support") unless allow_unsafe_interrupts is set',
    fix: 'update the firmware; or describe the IOAPIC on the kernel command line (ivrs_ioapic[ID]=BUS:DEV.FN, e.g. ivrs_ioapic[32]=00:14.0 — the id from dmesg "IOAPIC[N]"); as a last resort vfio_iommu_type1 allow_unsafe_interrupts=1',
    render: render('AMD-Vi: [Firmware Bug]: '),
    examples: [ex('[    0.800000] AMD-Vi: [Firmware Bug]: : No southbridge IOAPIC found')],
  },
  {
    id: 'kernel.amd-efr-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c early_iommu_features_init()',
    format: '[Firmware Warn]: EFR mismatch. Use IVHD EFR (%#llx : %#llx), EFR2 (%#llx : %#llx).\n',
    patterns: [/\[Firmware Warn\]: EFR mismatch\. Use IVHD EFR/],
    severity: 'info',
    title: 'AMD-Vi firmware table disagrees with the hardware on features (harmless)',
    cause:
      'the IVRS table and the IOMMU register report different extended features; the kernel uses the table. A firmware cosmetic issue that does not affect passthrough',
    fix: 'nothing to do; a firmware update may silence it',
    render: render('AMD-Vi: ', 0x2294a5a, 0x60000, 0x2294ade, 0x60000),
    examples: [
      ex(
        '[    0.610000] AMD-Vi: [Firmware Warn]: EFR mismatch. Use IVHD EFR (0x58f77ef22294a5a : 0x429b77ef22294ade), EFR2 (0x0 : 0x0).',
      ),
    ],
  },
  {
    id: 'kernel.amd-perf-counter',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c init_iommu_perf_ctr()',
    format: 'Unable to read/write to IOMMU perf counter.\n',
    versions:
      'Linux 4.x printed "AMD-Vi: Unable to write to IOMMU perf counter." (the read check came later)',
    patterns: [/Unable to (?:read\/)?write to IOMMU perf counter/],
    severity: 'info',
    title: 'AMD-Vi performance counters unavailable (harmless)',
    cause:
      'the IOMMU performance counters do not accept writes on this board (common on Ryzen firmware); only perf monitoring of the IOMMU is affected, not DMA remapping or passthrough',
    fix: 'nothing to do',
    render: render('pci 0000:00:00.2: '),
    examples: [
      ex('[    0.620000] pci 0000:00:00.2: AMD-Vi: Unable to read/write to IOMMU perf counter.'),
      ex('[    0.480000] AMD-Vi: Unable to write to IOMMU perf counter.'),
    ],
  },
  {
    id: 'kernel.amd-iommu-features',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c print_iommu_info() / amd_iommu_init_api()',
    format: 'Extended features (%#llx, %#llx):',
    versions:
      'with "IOMMU performance counters supported", "Lazy IO/TLB flushing enabled" and "AMD IOMMUv2 loaded and initialized" at boot',
    patterns: [
      /AMD-Vi: Extended features \(0x[0-9a-fA-F]{1,16}(?:, (?:0x)?[0-9a-fA-F]{1,16})?\)/,
      /IOMMU performance counters supported/,
      /AMD-Vi: Lazy IO\/TLB flushing enabled/,
      /AMD IOMMUv2 loaded and initialized/,
    ],
    severity: 'info',
    title: 'AMD-Vi initialised (routine)',
    cause: 'the AMD IOMMU was found and set up; routine boot output and a sign that the IOMMU is active',
    fix: 'nothing to do',
    render: render('AMD-Vi: ', 0x2294a5a, 0),
    examples: [
      ex('[    0.620000] AMD-Vi: Extended features (0x58f77ef22294a5a, 0x0): PPR NX GT IA GA PC GA_vAPIC'),
      ex('[    0.620100] pci 0000:00:00.2: AMD-Vi: IOMMU performance counters supported'),
      ex('[    0.630000] AMD-Vi: Lazy IO/TLB flushing enabled'),
    ],
  },
  // ---- KVM (arch/x86/kvm/) ----
  {
    id: 'kernel.kvm-disabled-by-bios',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/x86.c kvm_arch_init() / arch/x86/kvm/svm/svm.c kvm_is_svm_supported()',
    format: 'kvm: disabled by bios\n',
    versions:
      'Linux 6.2+: "kvm_intel: VMX not enabled (by BIOS) in MSR_IA32_FEAT_CTL on CPU %d" / "kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU %d"; older "kvm: disabled by bios"',
    patterns: [
      /kvm: disabled by bios/i,
      /(?<ext>VMX|SVM) (?:not enabled|disabled) \(by BIOS\) in MSR_\w{2,12}/,
      // Linux 5.6+ arch/x86/kernel/cpu/feat_ctl.c init_ia32_feat_ctl(), at boot, before KVM loads.
      /x86\/cpu: (?<ext>VMX) \(outside TXT\) disabled by BIOS/,
      // Linux 5.x-6.2 kvm_arch_init(): "kvm: support for 'kvm_intel' disabled by bios".
      /support for '(?<module>kvm_intel|kvm_amd)' disabled by bios/i,
    ],
    severity: 'error',
    title: 'Hardware virtualization is off in the firmware',
    cause:
      'the firmware has VT-x / AMD-V (SVM) disabled, so KVM cannot load and no VM can start (libvirt: "Domain requires KVM, but it is not available")',
    fix: 'enable Intel VT-x ("Virtualization Technology") or AMD SVM ("SVM Mode") in the firmware setup; enable VT-d / IOMMU there too for passthrough',
    render: render('', ''),
    examples: [
      ex('[    5.000000] kvm: disabled by bios'),
      ex('[    5.000000] kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU 0', { ext: 'SVM' }),
      ex('[    0.135737] x86/cpu: VMX (outside TXT) disabled by BIOS', { ext: 'VMX' }),
      ex("[   12.345678] kvm: support for 'kvm_intel' disabled by bios", { module: 'kvm_intel' }),
    ],
  },
  {
    id: 'kernel.kvm-no-hardware-support',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/x86.c kvm_arch_init() / __kvm_x86_vendor_init(); arch/x86/kvm/vmx/vmx.c kvm_is_vmx_supported(); arch/x86/kvm/svm/svm.c kvm_is_svm_supported()',
    format: "kvm: no hardware support for '%s'\n",
    versions:
      'Linux 6.3+: "kvm_intel: VMX not supported by CPU %d" / "kvm_amd: SVM not supported by CPU %d" (6.3-6.5: "SVM not supported by CPU %d, %s") and "CPU %d isn\'t AMD or Hygon"; 5.x-6.2: "kvm: no hardware support for \'kvm_intel\'"; before 5.x "kvm: no hardware support"',
    patterns: [
      /kvm: no hardware support(?: for '(?<module>kvm_intel|kvm_amd)')?\s*$/,
      /(?:^|: )no hardware support for '(?<module>kvm_intel|kvm_amd)'/,
      /(?<ext>VMX|SVM) not supported by CPU \d{1,5}(?:, (?<why>[^\n]{1,60}))?/,
      /CPU \d{1,5} isn't AMD or Hygon/,
    ],
    severity: 'error',
    title: 'The CPU offers no hardware virtualization to KVM',
    cause:
      'the CPU does not report VT-x (vmx) or AMD-V (svm), so kvm_intel/kvm_amd do not load and /dev/kvm is missing. On real hardware the CPU lacks it or the firmware hides it; most often, though, this kernel is itself a guest (a VM or cloud instance) whose hypervisor does not pass virtualization through (no nested virtualization), or the wrong module was loaded for the CPU vendor (kvm_amd on Intel)',
    fix: 'check `grep -cE "vmx|svm" /proc/cpuinfo`: 0 in a VM means enabling nested virtualization on the outer host (kvm_intel nested=1 / kvm_amd nested=1 and -cpu host or <cpu mode="host-passthrough">); on bare metal enable VT-x/AMD-V in the firmware. Device passthrough also needs a real IOMMU, which a guest only has when its hypervisor emulates one',
    render: render('kvm: ', 'kvm_intel'),
    examples: [
      ex("[   10.101010] kvm: no hardware support for 'kvm_intel'", { module: 'kvm_intel' }),
      ex('[    8.000000] kvm_intel: VMX not supported by CPU 3', { ext: 'VMX' }),
      ex('[    8.000000] kvm_amd: SVM not supported by CPU 0, not amd or hygon', { ext: 'SVM' }),
    ],
  },
  // ---- firmware loader and GVT-g ----
  {
    id: 'kernel.firmware-load-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/firmware_loader/main.c fw_get_filesystem_firmware() / _request_firmware()',
    format: 'Direct firmware load for %s failed with error %d\n',
    patterns: [/Direct firmware load for (?<file>[\w./+-]{1,128}) failed with error (?<err>-?\d{1,4})/],
    severity: 'warning',
    title: 'A driver did not find a firmware file',
    cause:
      'a driver asked for a firmware file that is not installed; whether it matters depends on the driver: GPU drivers (amdgpu, nouveau, i915 GuC/HuC) fail or run degraded without it',
    fix: "install the distribution's firmware package (linux-firmware / firmware-misc-nonfree / firmware-amd-graphics) and rebuild the initramfs",
    refine: (f) =>
      /golden_hw_state/.test(f.file ?? '')
        ? {
            severity: 'info',
            title: 'GVT-g golden state file not found (harmless)',
            cause:
              'i915 GVT-g looks for an optional pre-recorded golden hardware state; without it GVT-g records the state itself. vGPUs still work',
            fix: 'nothing to do',
          }
        : /^(amdgpu|radeon|nvidia|nouveau|i915)\//.test(f.file ?? '')
          ? {
              cause: `the GPU driver needs ${f.file} and it is not installed: the GPU (on the host, or in a guest that got it by passthrough) does not initialise or runs without acceleration`,
            }
          : undefined,
    render: render('amdgpu 0000:0b:00.0: ', 'amdgpu/navi10_sos.bin', -2),
    examples: [
      ex(
        '[    3.200000] i915 0000:00:02.0: Direct firmware load for i915/gvt/vid_0x8086_did_0x5912_rid_0x04.golden_hw_state failed with error -2',
        {
          errno: 'ENOENT',
        },
      ),
      ex('amdgpu 0000:0b:00.0: Direct firmware load for amdgpu/navi10_sos.bin failed with error -2', {
        file: 'amdgpu/navi10_sos.bin',
      }),
    ],
  },
  {
    id: 'kernel.gvt-resource-exhausted',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/aperture_gm.c alloc_resource()',
    format: 'fail to allocate resource %s\n',
    versions:
      'followed by "request %luMB avail %luMB max %luMB taken %luMB" (kernel.gvt-resource-request-detail); Linux 4.10-4.12 printed "vgpu%d: fail to allocate resource %s" with gvt_err(), later releases gvt_err() or gvt_vgpu_err() ("gvt: vgpu N: …"); %s is "low GM space", "high GM space" or "fence"',
    patterns: [/fail to allocate resource (?<resource>low GM space|high GM space|fence)/],
    severity: 'error',
    title: 'GVT-g: not enough graphics memory (aperture) for another vGPU',
    cause:
      'creating this vGPU needs more of the integrated GPU\'s aperture ("low GM"), hidden graphics memory ("high GM") or fence registers than is left: the firmware\'s aperture size bounds how many vGPUs of which type fit',
    fix: 'raise the aperture size (DVMT pre-allocated / aperture size) in the firmware, use a smaller vGPU type (i915-GVTg_V5_8 instead of _V5_4), or remove other vGPUs (see available_instances under mdev_supported_types)',
    render: render('gvt: ', 'low GM space'),
    examples: [
      ex('[  300.000000] gvt: fail to allocate resource low GM space', { resource: 'low GM space' }),
    ],
  },
  // ---- guest-side GPU drivers (a VM's dmesg) ----
  {
    id: 'kernel.amdgpu-no-bios-rom',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_bios.c amdgpu_get_bios()',
    format: 'Unable to locate a BIOS ROM\n',
    patterns: [/Unable to locate a BIOS ROM/],
    severity: 'error',
    title: 'amdgpu found no VBIOS (in a guest: the ROM was not passed through)',
    cause:
      "amdgpu reads the VBIOS from the ROM BAR, ACPI or the shadow copy; in a VM none is there when the ROM BAR is hidden (rombar=0), the host's copy was unreadable (the boot GPU's shadowed ROM), or a wrong romfile was given",
    fix: "dump the card's ROM on the host (while it is not the boot GPU) or get it from a verified source, and pass it with <rom file=…/> / romfile=; keep rombar on",
    render: render('amdgpu 0000:05:00.0: amdgpu: '),
    examples: [ex('[    4.100000] amdgpu 0000:05:00.0: amdgpu: Unable to locate a BIOS ROM')],
  },
  {
    id: 'kernel.amdgpu-fatal-init',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c amdgpu_device_init()',
    format: 'Fatal error during GPU init\n',
    patterns: [/amdgpu(?: [0-9a-fA-F:.]{7,16})?: (?:amdgpu: )?Fatal error during GPU init/],
    severity: 'error',
    title: 'amdgpu could not initialise the GPU',
    cause:
      'the GPU did not come up: in a VM this is most often a GPU not reset since its last use (AMD cards without a working reset; a second VM start fails while the first worked), a missing VBIOS, or missing firmware files in the guest',
    fix: 'on the host: vendor-reset for Polaris/Vega/Navi 1x (or a host power cycle), pass a good romfile; in the guest: install linux-firmware; read the lines just before for the failing block (SMU, PSP, ring test)',
    render: render('amdgpu 0000:05:00.0: amdgpu: '),
    examples: [ex('[    5.300000] amdgpu 0000:05:00.0: amdgpu: Fatal error during GPU init')],
  },
  {
    id: 'kernel.amdgpu-ring-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_job.c amdgpu_job_timedout()',
    format: 'ring %s timeout, signaled seq=%u, emitted seq=%u\n',
    patterns: [
      /ring (?<ring>[\w.]{1,24}) timeout, (?:but soft recovered|signaled seq=\d{1,10}, emitted seq=\d{1,10})/,
    ],
    severity: 'error',
    title: 'amdgpu: the GPU stopped executing commands',
    cause:
      'a command ring hung; amdgpu then tries a GPU reset. In a VM the reset often cannot complete (AMD reset limits), leaving the GPU unusable until the host resets it',
    fix: 'update guest kernel and firmware; on the host use vendor-reset for affected AMD generations; if it follows a VM reboot, power-cycle the host',
    render: render(
      'amdgpu 0000:05:00.0: [drm:amdgpu_job_timedout [amdgpu]] *ERROR* ',
      'gfx_0.0.0',
      12345,
      12347,
    ),
    examples: [
      ex(
        '[  600.000000] [drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring gfx timeout, signaled seq=12345, emitted seq=12347',
        { ring: 'gfx' },
      ),
    ],
  },
  {
    id: 'kernel.nouveau-bios-unusable',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/nouveau/nvkm/subdev/bios/base.c nvkm_bios_new() / shadow.c nvbios_shadow()',
    format: 'unable to locate usable image\n',
    versions: 'followed by "bios ctor failed, %d" (nvkm_subdev_init/ctor) and the probe failing',
    patterns: [
      /nouveau(?: [0-9a-fA-F:.]{7,16})?: bios: unable to locate usable image/,
      /nouveau(?: [0-9a-fA-F:.]{7,16})?: (?:bios )?ctor failed, (?<err>-\d{1,4})/,
    ],
    severity: 'error',
    title: 'nouveau found no usable VBIOS',
    cause:
      "nouveau could not read a valid VBIOS from the ROM BAR, PRAMIN or ACPI; in a VM the ROM is hidden (rombar=0), the host could not read it (boot GPU shadow), or the romfile given is not this card's",
    fix: 'pass a ROM dumped from this card (romfile= / <rom file=…/>), keep rombar on; on the host check `vfiokit rom` for the card',
    render: render('nouveau 0000:06:00.0: bios: '),
    examples: [
      ex('[    3.900000] nouveau 0000:06:00.0: bios: unable to locate usable image'),
      ex('nouveau 0000:06:00.0: bios ctor failed, -22', { errno: 'EINVAL' }),
    ],
  },
  {
    id: 'kernel.nvidia-rm-init-adapter',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c nv_start_device() / src/nvidia/arch/nvalloc/unix/src/osinit.c RmInitAdapter()',
    format: 'NVRM: RmInitAdapter failed! (0x%x:0x%x:%d)\n',
    versions:
      'followed by "NVRM: rm_init_adapter failed for device bearing minor number %d" (older: "NVRM: rm_init_adapter failed, device minor number %d")',
    patterns: [
      /NVRM: (?:GPU [0-9a-fA-F:.]{7,16}: )?RmInitAdapter failed! \((?<code>0x[0-9a-fA-F]{1,4}:0x[0-9a-fA-F]{1,4}:\d{1,5})\)/,
      /NVRM: rm_init_adapter failed(?: for device bearing minor number|, device minor number) (?<minor>\d{1,3})/,
    ],
    severity: 'error',
    title: 'The NVIDIA driver could not initialise the GPU',
    cause:
      'the NVIDIA driver (on the host, or in a guest that got the GPU) could not bring the GPU up: after passthrough usually a GPU left in a bad state by the previous user (no working reset), a VBIOS that could not be read (boot GPU, rombar=0), or a vGPU/GRID setup where the guest driver does not match the host',
    fix: 'on the host make sure nothing (nvidia, nouveau, efifb) touched the GPU before the VM and that it resets (vfiokit doctor); pass a ROM dumped from this card; for vGPU use the guest driver matching the host vGPU manager',
    render: render('', 0x26, 0xffff, 1290),
    examples: [
      ex('[    6.100000] NVRM: RmInitAdapter failed! (0x26:0xffff:1290)', { code: '0x26:0xffff:1290' }),
      ex('NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x22:0x56:667)'),
      ex('[    6.100100] NVRM: rm_init_adapter failed for device bearing minor number 0', { minor: '0' }),
    ],
  },
  {
    id: 'kernel.nvidia-xid',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/src/kernel/diagnostics/journal.c / nv_report_error() ("Xid")',
    format: 'NVRM: Xid (%s): %d, %s\n',
    patterns: [/NVRM: Xid \((?<where>PCI:[0-9a-fA-F:]{7,16})\): (?<xid>\d{1,3}), /],
    severity: 'error',
    title: 'NVIDIA GPU error (Xid)',
    cause:
      'the NVIDIA driver reports a GPU error by number; for passthrough the important ones are 79 (GPU has fallen off the bus: the device stopped answering — power, riser, or a failed reset/power-state change), 119/120 (GSP firmware timeout) and 43/13/31 (an application fault, not the setup)',
    fix: "for Xid 79 check power cables and risers and whether it follows a VM reset (disable runtime PM: vfio-pci disable_idle_d3=1); for others see NVIDIA's Xid table",
    refine: (f) =>
      f.xid === '79'
        ? {
            title: 'NVIDIA GPU has fallen off the bus (Xid 79)',
            cause:
              'the GPU stopped answering on PCIe: insufficient power or a loose riser, a link that dropped after a reset or power-state change, or overheating; the GPU is gone until the host resets it',
          }
        : undefined,
    render: render('', 'PCI:0000:01:00', 79, 'pid=1234, GPU has fallen off the bus.'),
    examples: [
      ex('[ 8123.000000] NVRM: Xid (PCI:0000:01:00): 79, pid=1234, GPU has fallen off the bus.', {
        xid: '79',
      }),
      ex('NVRM: Xid (PCI:0000:0b:00): 13, Graphics Exception: ESR 0x404600=0x80000000'),
    ],
  },
];
