/**
 * Intel IGD assignment seen from the guest, and the IOMMU initialisation lines the earlier sweeps
 * left unrecognised. QEMU's hw/vfio/igd.c and the DMAR/AMD-Vi init paths were already covered
 * (qemu.ts, qemu-sweep-pci.ts, kernel-iommu.ts, kernel-sweep.ts); what was missing is what the
 * guest's i915 (and xe) driver prints when the assigned IGD comes without an OpRegion, VBT or
 * stolen memory, or without its GuC/HuC firmware, the SR-IOV iGPU mode line, the VT-d notes of
 * i915, the old "Invalid ROM contents" wording of the PCI ROM check, and two DMAR lines
 * (cap_audit's feature mismatch, tboot forcing the IOMMU on). Every entry cites the file and
 * function printing its format.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** The i915/xe device prefix: "i915 0000:00:02.0: " and optionally drm_*()'s "[drm] ". */
const I915 = '(?:(?<driver>i915|xe) (?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]): )?';

/** What a GuC/HuC firmware fetch error means, by the error intel_uc_fw_fetch() printed. */
function refineFetch(f: Facts): Refinement | undefined {
  const err = f.err ?? '';
  if (err === '-2' || err === '-ENOENT' || f.errno === 'ENOENT')
    return {
      cause: `the ${f.fw ?? 'GuC/HuC'} firmware file ${f.path ?? ''} is not on the system (request_firmware() returned ENOENT): linux-firmware is not installed in the guest, is older than the kernel (which wants a newer file), or the initramfs was built without it while i915 loads from the initramfs`,
      fix: 'install or update linux-firmware in the machine that printed it (the guest, for an assigned IGD) and rebuild its initramfs so /lib/firmware/i915/ holds the named file; or run without GuC submission (i915.enable_guc=0) where the platform allows it (not on an SR-IOV VF, which needs GuC)',
    };
  return undefined;
}

/** What a failed memory region of i915 is, by the intel_memory_type number printed as type=. */
function refineRegion(f: Facts): Refinement | undefined {
  switch (f.type) {
    case '1':
      return {
        cause:
          "i915 could not set up the device-local memory (type 1, INTEL_MEMORY_LOCAL) of a discrete Intel GPU: the VRAM BAR is missing or too small to use (no Resizable BAR, or in a VM a 64-bit PCI window too small for the BAR), or the memory was not initialised by the card's firmware; i915 aborts the probe",
        fix: 'on bare metal enable "Above 4G decoding" and Resizable BAR; in a VM give the guest firmware a 64-bit PCI window large enough for the BAR (OVMF: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536) and reset the card before assigning it',
      };
    case '2':
      return {
        cause:
          'i915 could not set up the stolen system memory (type 2, INTEL_MEMORY_STOLEN_SYSTEM) of an integrated GPU: the BDSM address it read points at memory it cannot claim. In a guest with an assigned IGD that is stolen memory the guest firmware did not reserve (QEMU emulates BDSM only with the IGD at 00:02.0 and a firmware that allocates it: SeaBIOS, or OVMF with IgdAssignmentDxe)',
        fix: 'for IGD assignment: keep the IGD at guest address 00:02.0 with x-igd-gms if needed, and boot a firmware that sets up the BDSM (SeaBIOS, or OVMF plus an IGD option ROM carrying IgdAssignmentDxe)',
      };
    default:
      return undefined;
  }
}

export const IGD_IOMMU_INIT_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.i915-vbt-missing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/display/intel_bios.c intel_bios_init()',
    format: 'Failed to find VBIOS tables (VBT)\n',
    versions:
      'drm_info() since Linux 4.x; before, i915_load_modeset_init() in i915_dma.c printed "failed to find VBIOS tables"',
    patterns: [new RegExp(`${I915}(?:\\[drm\\] )?[Ff]ailed to find VBIOS tables`)],
    severity: 'warning',
    title: 'i915 found no Video BIOS Table (VBT) for the integrated GPU',
    cause:
      "i915 reads the VBT (which ports exist, panel data) from the ACPI OpRegion, or failing that from the PCI option ROM; it found neither and falls back to defaults. In a guest with an assigned IGD this means QEMU exposed no OpRegion (x-igd-opregion=off, or the host's vfio-pci gave no OpRegion region) and no ROM, so the guest's displays may not light up or get phantom ports. On a host (or a headless iGPU next to a discrete GPU) without an OpRegion it is common and harmless: i915 just drives fewer outputs",
    fix: 'for IGD assignment: give the device its OpRegion (-device vfio-pci,host=00:02.0,x-igd-opregion=on; with libvirt through <qemu:override> or a QEMU command-line passthrough) and, for UEFI guests, an IGD option ROM with IgdAssignmentDxe (romfile=); on a host whose iGPU drives no display, nothing to do',
    render: render('i915 0000:00:02.0: [drm] '),
    examples: [
      ex('[    5.263592] i915 0000:00:02.0: [drm] Failed to find VBIOS tables (VBT)', {
        bdf: '0000:00:02.0',
      }),
      ex('[   12.741622] [drm] failed to find VBIOS tables'),
    ],
  },
  {
    id: 'kernel.i915-opregion-absent',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/display/intel_opregion.c intel_opregion_setup()',
    format: 'ACPI OpRegion not supported!\n',
    versions:
      'drm_dbg(): printed only with drm.debug set (it shows as "[drm:intel_opregion_setup [i915]] ACPI OpRegion not supported!"); just before it "graphic opregion physical addr: 0x0"',
    patterns: [/ACPI OpRegion not supported!/],
    severity: 'warning',
    title: 'i915 found no OpRegion: the ASLS register of the GPU is 0',
    cause:
      "the IGD's ASL storage register (config offset 0xFC) holds no OpRegion address, so i915 has no ACPI OpRegion and hence no VBT from it. In a guest this means the VMM did not give the assigned IGD an OpRegion: QEMU copies it only with x-igd-opregion=on (read from the host's vfio-pci OpRegion region) and the guest firmware must then allocate and publish it (SeaBIOS does; OVMF needs IgdAssignmentDxe in the IGD option ROM)",
    fix: 'add x-igd-opregion=on to the IGD\'s -device vfio-pci; with OVMF, load an IGD option ROM carrying IgdAssignmentDxe (romfile=); check on the host that vfio-pci exposes the OpRegion (QEMU reports "does not support OpRegion access" otherwise)',
    render: render('i915 0000:00:02.0: [drm:intel_opregion_setup [i915]] '),
    examples: [
      ex('[    0.655490] i915 0000:00:02.0: [drm:intel_opregion_setup [i915]] ACPI OpRegion not supported!'),
    ],
  },
  {
    id: 'kernel.i915-stolen-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gem/i915_gem_stolen.c i915_gem_init_stolen()',
    format: 'DMAR active, disabling use of stolen memory\n',
    versions:
      'DRM_INFO() until Linux 5.x, drm_notice() since; the same function prints "iGVT-g active, disabling use of stolen memory" inside a GVT-g guest',
    patterns: [
      new RegExp(`${I915}(?:\\[drm\\] )?(?<who>DMAR|iGVT-g) active, disabling use of stolen memory`),
    ],
    severity: 'info',
    title: 'i915 does not use stolen memory (VT-d on an older IGD, or a GVT-g guest); harmless',
    cause:
      'on graphics before Gen8 with the IOMMU translating the GPU\'s DMA, i915 stops using the BIOS-reserved "stolen" memory (on those generations GPU access to it is unreliable with VT-d translating); a GVT-g guest does the same because its stolen memory is not real. The GPU keeps working, with a little less memory for framebuffer compression. This line also shows that VT-d is active for the IGD, which is what intel_iommu=on was meant to do',
    fix: 'nothing to do',
    refine: (f) =>
      f.who === 'iGVT-g'
        ? {
            cause:
              "this kernel runs in a GVT-g guest (a mediated vGPU of the host's IGD): the vGPU has no stolen memory of its own, so i915 does not use it. Expected and harmless",
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm] '),
    examples: [
      ex('[    2.507558] i915 0000:00:02.0: [drm] DMAR active, disabling use of stolen memory', {
        who: 'DMAR',
      }),
      ex('[    2.182790] [drm] DMAR active, disabling use of stolen memory', { who: 'DMAR' }),
      ex('i915 0000:00:02.0: [drm] iGVT-g active, disabling use of stolen memory', { who: 'iGVT-g' }),
    ],
  },
  {
    id: 'kernel.i915-vtd-gfx-active',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_ggtt.c i915_ggtt_probe_hw()',
    format: 'VT-d active for gfx access\n',
    patterns: [new RegExp(`${I915}(?:\\[drm\\] )?VT-d active for gfx access`)],
    severity: 'info',
    title: "The IOMMU translates the integrated GPU's DMA; harmless",
    cause:
      "i915 found the Intel IOMMU active for the graphics device (intel_iommu=on without igfx_off) and applies its VT-d workarounds. A normal line on a host with the IOMMU on, and the expected one before assigning the IGD's SR-IOV VFs; it says nothing is wrong",
    fix: 'nothing to do; `intel_iommu=igfx_off` would take the IGD out of translation, which SR-IOV and GVT-d assignment of the IGD do not want',
    render: render('i915 0000:00:02.0: [drm] '),
    examples: [ex('[    5.256392] i915 0000:00:02.0: [drm] VT-d active for gfx access', { driver: 'i915' })],
  },
  {
    id: 'kernel.i915-uc-fw-fetch-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc_fw.c intel_uc_fw_fetch()',
    format: '%s firmware %s: fetch failed %pe\n',
    versions:
      'Linux 6.2+: gt_probe_error() with "GT%u: " and %pe (-ENOENT); before: "%s firmware %s: fetch failed with error %d" (drm_notice(), later i915_probe_error())',
    patterns: [
      /(?<fw>GuC|HuC|GSC) firmware (?<path>[\w./-]{1,128}): fetch failed(?: with error)? (?<err>-?\d{1,4}|-E[A-Z]{2,16})/,
    ],
    severity: 'error',
    title: 'i915 could not load its GuC/HuC firmware file',
    cause:
      'request_firmware() failed for the microcontroller firmware i915 wants on this GPU; i915 goes on without it where it can (no HuC: no hardware media encoding in some codecs; no GuC on a platform that requires GuC submission, or on an SR-IOV VF: the GPU is declared wedged and only the display works)',
    fix: 'install linux-firmware (with the i915/ files) where the message was printed, in the guest for an assigned IGD or VF, and rebuild the initramfs; the line that follows ("firmware(s) can be downloaded from …") names where the files come from',
    refine: refineFetch,
    render: render('i915 0000:00:02.0: [drm] *ERROR* GT0: ', 'GuC', 'i915/tgl_guc_70.bin', '-ENOENT'),
    examples: [
      ex('i915 0000:00:02.0: [drm] *ERROR* GT0: GuC firmware i915/tgl_guc_70.bin: fetch failed -ENOENT', {
        fw: 'GuC',
        path: 'i915/tgl_guc_70.bin',
        err: '-ENOENT',
      }),
      ex(
        '[    3.101402] i915 0000:00:02.0: HuC firmware i915/kbl_huc_4.0.0.bin: fetch failed with error -2',
        {
          fw: 'HuC',
          err: '-2',
        },
      ),
    ],
  },
  {
    id: 'kernel.i915-guc-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc.c __uc_init_hw()',
    format: 'GuC initialization failed %pe\n',
    versions:
      'Linux 6.2+: gt_probe_error() with "GT%u: " and %pe; earlier "GuC initialization failed %d" (i915_probe_error(), dev_err() before 5.3)',
    patterns: [/GuC initialization failed (?<err>-?\d{1,4}|-E[A-Z]{2,16})/],
    severity: 'error',
    title: 'i915 could not start the GuC; the GPU is declared wedged',
    cause:
      "loading or starting the GuC failed (firmware missing, a failed authentication, or no answer from the GuC: -ETIMEDOUT/-110) and i915 returns -EIO, so the GPU's engines are declared wedged while the display keeps working. In a guest with an assigned IGD or an SR-IOV VF this follows a missing firmware file, a GPU not reset since the host or a previous VM used it, or (on a VF) a PF driver on the host that did not provision the VF",
    fix: "look for the firmware line before it (kernel.i915-uc-fw-fetch-failed); for a VF, check that the host's PF driver runs with GuC submission (i915.enable_guc=3 on the SR-IOV i915, or xe) and that the VF was provisioned; for full IGD assignment, try i915.enable_guc=0 in the guest on platforms that allow it",
    render: render('i915 0000:00:02.0: [drm] *ERROR* GT0: ', '-ETIMEDOUT'),
    examples: [
      ex('[drm] *ERROR* GT1: GuC initialization failed -ETIMEDOUT', { err: '-ETIMEDOUT' }),
      ex('[    2.679661] i915 0000:00:02.0: GuC initialization failed -110', { err: '-110' }),
    ],
  },
  {
    id: 'kernel.igpu-sriov-mode',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/xe/xe_sriov.c xe_sriov_probe_early(); the same wording from the i915 SR-IOV backport (strongtz/i915-sriov-dkms), quoted from public logs',
    format: 'Running in %s mode\n',
    patterns: [new RegExp(`${I915}(?:\\[drm\\] )?Running in SR-IOV (?<mode>PF|VF) mode`)],
    severity: 'info',
    title: 'The Intel GPU driver runs in SR-IOV mode; harmless',
    cause:
      'the driver detected SR-IOV: as PF on the host (the physical iGPU, which can create VFs through sriov_numvfs to assign to guests) or as VF inside a guest that was given one. This is the expected line of an SR-IOV iGPU setup (the alternative to GVT-g mediation and to full GVT-d assignment of the IGD), not an error',
    fix: 'nothing to do; VFs are created with `echo N > /sys/bus/pci/devices/0000:00:02.0/sriov_numvfs` and bound to vfio-pci for assignment',
    refine: (f) =>
      f.mode === 'VF'
        ? {
            cause:
              "the driver runs on an SR-IOV virtual function: this system is a guest given a VF of the host's iGPU. It needs the GuC firmware and a PF on the host that provisioned the VF; a GuC error after this line points there",
          }
        : undefined,
    render: render('i915 0000:00:02.0: ', 'SR-IOV PF'),
    examples: [
      ex('[    4.140670] i915 0000:00:02.0: Running in SR-IOV PF mode', { mode: 'PF', driver: 'i915' }),
      ex('[    4.634038] i915 0000:00:02.1: Running in SR-IOV VF mode', { mode: 'VF', bdf: '0000:00:02.1' }),
      ex('xe 0000:00:02.0: [drm] Running in SR-IOV PF mode', { mode: 'PF', driver: 'xe' }),
    ],
  },
  {
    id: 'kernel.pci-rom-invalid-contents',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/rom.c pci_get_rom_size()',
    format: 'Invalid ROM contents\n',
    versions:
      'kernels before 4.x; later ones print "Invalid PCI ROM header signature: expecting 0xaa55, got %#06x" (kernel.rom-header-signature)',
    patterns: [
      /\b(?<driver>[\w-]{1,32}) (?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): >?Invalid ROM contents/,
    ],
    severity: 'warning',
    title: "The device's ROM BAR does not start with an option ROM signature",
    cause:
      "the first bytes read through the ROM BAR are not 55 AA: the device has no option ROM there, or its ROM is shadowed or hidden (an IGD's video BIOS lives in the system firmware, not in a ROM BAR; a primary GPU's ROM is often unreadable after POST). For a GPU driver (i915, radeon, nouveau) it then looks for its tables elsewhere; for vfio-pci it means QEMU cannot give the guest this ROM",
    fix: 'for passthrough of a GPU whose ROM cannot be read, dump a good ROM (from a secondary slot, or the vendor file) and give it with romfile=; for an IGD, the VBT comes from the OpRegion (x-igd-opregion=on) rather than a ROM',
    render: render('i915 0000:00:02.0: '),
    examples: [
      ex('[   12.741620] i915 0000:00:02.0: >Invalid ROM contents', { driver: 'i915', bdf: '0000:00:02.0' }),
      ex('vfio-pci 0000:01:00.0: Invalid ROM contents', { driver: 'vfio-pci' }),
    ],
  },
  {
    id: 'kernel.dmar-feature-inconsistent',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/cap_audit.c DO_CHECK_FEATURE_MISMATCH (cap_audit_static())',
    format: 'IOMMU feature %s inconsistent',
    versions: 'Linux 5.13+ (the capability audit); one line per differing feature',
    patterns: [/IOMMU feature (?<feature>\w{1,32}) inconsistent/],
    severity: 'info',
    title: 'The IOMMUs of this system differ in one feature; the kernel uses the common subset',
    cause:
      'the capability audit compared the DMA remapping units (DRHDs) and found one supporting a feature another lacks; the kernel clears it for all of them. Ordinary device assignment with vfio-pci does not depend on it; only features such as PASID/SVA or nested translation (iommufd) can be missing as a result',
    fix: 'nothing to do for VFIO assignment; a firmware update may make the units consistent if a missing feature (pasid, nest, …) is wanted',
    render: render('DMAR: ', 'pgsel_inv'),
    examples: [ex('[    0.123456] DMAR: IOMMU feature pgsel_inv inconsistent', { feature: 'pgsel_inv' })],
  },
  {
    id: 'kernel.tboot-force-iommu',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c tboot_force_iommu() (arch/x86/kernel/tboot.c before Linux 5.19)',
    format: 'Forcing Intel-IOMMU to enabled\n',
    patterns: [/Forcing Intel-IOMMU to enabled/],
    severity: 'info',
    title: 'Trusted boot (tboot/TXT) turned the Intel IOMMU on despite the command line',
    cause:
      'the kernel was started by tboot (Intel TXT measured launch), which requires DMA protection, so it overrides intel_iommu=off or iommu=off and enables VT-d. For VFIO this is the wanted state',
    fix: 'nothing to do; to really run without the IOMMU the system has to boot without tboot',
    render: render('DMAR: '),
    examples: [ex('[    0.102030] DMAR: Forcing Intel-IOMMU to enabled')],
  },
  {
    id: 'kernel.i915-dmc-load-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/display/intel_dmc.c dmc_load_work_fn() (intel_csr.c csr_load_work_fn() before Linux 5.11)',
    format: 'Failed to load DMC firmware %s (%pe). Disabling runtime power management.\n',
    versions:
      'Linux 6.4+ adds the error (%pe); before: "Failed to load DMC firmware %s. Disabling runtime power management." The xe driver shares this display code and prints the same',
    patterns: [
      /Failed to load DMC firmware (?<path>[\w./-]{1,128})(?: \((?<err>-?\d{1,4}|-E[A-Z]{2,16})\))?\. Disabling runtime power management/,
    ],
    severity: 'warning',
    title:
      'The display microcontroller (DMC) firmware did not load: the GPU stays out of runtime power saving',
    cause:
      "i915 (or xe) could not load the DMC firmware of the display engine, so it disables runtime power management of the GPU: the display still works, the deep idle states are lost. Inside a guest with an assigned IGD or VF it is the guest's linux-firmware that lacks the file",
    fix: 'install linux-firmware (its i915/ files) on the system that printed it and rebuild the initramfs if i915 loads early; nothing else depends on it',
    refine: (f) =>
      f.err === '-2' || f.err === '-ENOENT'
        ? {
            cause: `the DMC firmware file ${f.path ?? ''} is not on the system (ENOENT); the display works without it, only runtime power management is off`,
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm] ', 'i915/kbl_dmc_ver1_04.bin', '-ENOENT'),
    examples: [
      ex(
        '[    0.671944] i915 0000:00:02.0: [drm] Failed to load DMC firmware i915/kbl_dmc_ver1_04.bin (-2). Disabling runtime power management.',
        { path: 'i915/kbl_dmc_ver1_04.bin', err: '-2' },
      ),
      ex(
        'i915 0000:00:02.0: Failed to load DMC firmware i915/icl_dmc_ver1_07.bin. Disabling runtime power management.',
        { path: 'i915/icl_dmc_ver1_07.bin' },
      ),
    ],
  },
  {
    id: 'kernel.i915-gpu-wedged-init',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_gem.c i915_gem_init(); also gt/intel_gt_pm.c intel_gt_resume()',
    format: 'Failed to initialize GPU, declaring it wedged!\n',
    versions:
      'i915_probe_error() (gt_probe_error() with "GT%u: " in intel_gt_resume() on Linux 6.2+); DRM_ERROR() without the "!" before Linux 4.x',
    patterns: [/Failed to initialize GPU, declaring it wedged/],
    severity: 'error',
    title: "i915 could not start the GPU's engines and declared it wedged: no acceleration, display only",
    cause:
      "initialising the GPU hardware failed with -EIO (engine or microcontroller start-up, most often the GuC: see the GuC lines before it), and i915 keeps only the display working. With an assigned IGD or SR-IOV VF in a guest this follows a missing GuC firmware in the guest, a VF the host's PF driver did not provision, or an IGD left in a state the guest cannot start from (the IGD has no function-level reset; a host driver or a previous VM used it)",
    fix: 'read the lines before it (GuC/HuC firmware, "GuC initialization failed"); install linux-firmware in the guest; for a VF check the host\'s PF driver and its provisioning; for a fully assigned IGD keep the host from driving it (bind it to vfio-pci at boot) and reboot the host after a VM that left it unusable',
    render: render('i915 0000:00:02.0: [drm] *ERROR* GT0: '),
    examples: [
      ex('[drm] *ERROR* GT1: Failed to initialize GPU, declaring it wedged!'),
      ex('[    2.412001] i915 0000:00:02.0: [drm] *ERROR* Failed to initialize GPU, declaring it wedged!'),
    ],
  },
  {
    id: 'kernel.i915-stolen-conflict',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gem/i915_gem_stolen.c request_smem_stolen() (i915_stolen_to_physical() before Linux 4.x)',
    format: 'conflict detected with stolen region: %pR\n',
    versions:
      'drm_err() with a %pR range on current kernels; older ones printed DRM_ERROR("conflict detected with stolen region: [0x%08x - 0x%08x]")',
    patterns: [/conflict detected with stolen region: (?<range>[[(][^\])\n]{1,80}[\])])/],
    severity: 'warning',
    title: "i915 could not claim the IGD's stolen memory: another resource overlaps it",
    cause:
      'the range the GPU\'s BDSM register names as "Graphics Stolen Memory" is already claimed by another resource (a PCI bridge window or BAR the firmware placed there, or RAM the firmware did not reserve), so i915 does not use stolen memory (recent kernels go on without it; very old ones kept a wrong base). In a guest with an assigned IGD this is the guest firmware not reserving the stolen range that QEMU\'s BDSM emulation announces. On bare metal it is a firmware quirk and mostly harmless',
    fix: 'in a VM: boot a firmware that reserves the IGD stolen memory (SeaBIOS prints "Intel IGD BDSM enabled at …"; OVMF needs IgdAssignmentDxe in the IGD option ROM) and keep the IGD at 00:02.0; on bare metal a firmware update may move the conflicting window; the GPU works without stolen memory',
    render: render('i915 0000:00:02.0: [drm] *ERROR* ', '[mem 0x7c000000-0x7fffffff]'),
    examples: [
      ex(
        'i915 0000:00:02.0: [drm] *ERROR* conflict detected with stolen region: [mem 0x7c000000-0x7fffffff]',
        {
          range: '[mem 0x7c000000-0x7fffffff]',
        },
      ),
      ex(
        '[drm:i915_stolen_to_physical] *ERROR* conflict detected with stolen region: [0x7f800000 - 0x80000000]',
      ),
    ],
  },
  {
    id: 'kernel.i915-region-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/intel_memory_region.c intel_memory_regions_hw_probe()',
    format: 'Failed to setup region(%d) type=%d\n',
    versions:
      'DRM_ERROR() in Linux 5.7, drm_err() since; the local-memory probe of intel_gt.c prints the same text through gt_err() ("GT%u: ")',
    patterns: [/Failed to setup region\((?<err>-\d{1,4})\) type=(?<type>\d)/],
    severity: 'error',
    title: "i915 could not set up one of the GPU's memory regions and gave up probing it",
    cause:
      'a memory region of the GPU (system memory, device-local memory, or stolen memory; type= is intel_memory_type: 0 system, 1 local, 2 stolen system, 3 stolen local) could not be set up, so i915 fails to initialise the device ("Device initialization failed", "probe of … failed with error")',
    fix: 'the errno and the type say which memory was refused; see the lines before it for the range or BAR involved',
    refine: refineRegion,
    render: render('i915 0000:01:00.0: [drm] *ERROR* ', -5, 1),
    examples: [
      ex('i915 0000:01:00.0: [drm] *ERROR* Failed to setup region(-5) type=1', { err: '-5', type: '1' }),
      ex('i915 0000:00:02.0: [drm] *ERROR* Failed to setup region(-16) type=2', { err: '-16', type: '2' }),
    ],
  },
  {
    id: 'kernel.i915-edp-ghost',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/display/intel_dp.c intel_edp_init_connector()',
    format: '[ENCODER:%d:%s] failed to retrieve link info, disabling eDP\n',
    versions:
      'Linux 6.1+ with the encoder name; before "failed to retrieve link info, disabling eDP" (also gma500\'s cdv_intel_dp_init())',
    patterns: [
      /(?:\[ENCODER:\d{1,5}:(?<encoder>[^\]\n]{1,40})\] )?failed to retrieve link info, disabling eDP/,
    ],
    severity: 'info',
    title: 'i915 found no panel behind an eDP port and dropped the port; harmless without a built-in panel',
    cause:
      "the VBT (or, without one, i915's defaults) declares an eDP port, but nothing answered on its AUX channel, so i915 treats it as a ghost and removes the connector. On a desktop, a headless iGPU, or a guest with an assigned IGD and no VBT (i915 then assumes an eDP port on DDI A) there is no panel and this is expected",
    fix: 'nothing to do unless a built-in panel stays dark; then the panel is not powered or is routed to another GPU (dual-GPU laptops), or the VBT is missing (see "Failed to find VBIOS tables")',
    render: render('i915 0000:00:02.0: [drm] ', 105, 'DDI A/PHY A'),
    examples: [
      ex(
        '[    5.993265] i915 0000:00:02.0: [drm] [ENCODER:105:DDI A/PHY A] failed to retrieve link info, disabling eDP',
        {
          encoder: 'DDI A/PHY A',
        },
      ),
      ex('[    8.233395] i915 0000:00:02.0: [drm] failed to retrieve link info, disabling eDP'),
    ],
  },
  {
    id: 'seabios.igd-setup',
    source: 'seabios',
    cite: 'coreboot/seabios src/fw/pciinit.c intel_igd_setup()',
    format: 'Intel IGD OpRegion enabled at 0x%08x, size %dKB, dev %pP\n',
    versions:
      'SeaBIOS 1.10+; the same function prints "Intel IGD BDSM enabled at 0x%08x, size %lldMB, dev %pP" when QEMU gives etc/igd-bdsm-size',
    patterns: [
      /Intel IGD (?<what>OpRegion|BDSM) enabled at (?<addr>0x[0-9a-fA-F]{1,16}), size (?<size>\d{1,6}[KM]B), dev (?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
    ],
    severity: 'info',
    title: "SeaBIOS set up the assigned IGD's OpRegion or stolen memory; harmless",
    cause:
      "QEMU passed the IGD's OpRegion (fw_cfg etc/igd-opregion, from x-igd-opregion=on) or its stolen-memory size (etc/igd-bdsm-size, legacy mode or x-igd-gms) and SeaBIOS allocated guest memory for it, reserved it in the e820 map and wrote its address into the device (ASLS, BDSM). This is the guest firmware doing its part of IGD assignment",
    fix: "nothing to do; if the guest's i915 still reports no VBT or a stolen-memory conflict, compare its addresses with these",
    render: render('', 0xbfffe000, 8, '00:02.0'),
    examples: [
      ex('Intel IGD OpRegion enabled at 0xbfffe000, size 8KB, dev 00:02.0', {
        what: 'OpRegion',
        size: '8KB',
        bdf: '0000:00:02.0',
      }),
      ex('Intel IGD BDSM enabled at 0xbd700000, size 40MB, dev 00:02.0', { what: 'BDSM', size: '40MB' }),
    ],
  },
];

const I915_BIOS = 'torvalds/linux drivers/gpu/drm/i915/display/intel_bios.c';
const I915_STOLEN = 'torvalds/linux drivers/gpu/drm/i915/gem/i915_gem_stolen.c';
const I915_UC_FW = 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc_fw.c';

/** The further wordings this sweep's entries recognise (older kernels, sibling lines of one function). */
export const IGD_INIT_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.i915-vbt-missing',
    file: 'torvalds/linux drivers/gpu/drm/i915/i915_dma.c',
    format: 'failed to find VBIOS tables\n',
    text: '[drm] failed to find VBIOS tables',
  },
  {
    id: 'kernel.i915-stolen-disabled',
    file: I915_STOLEN,
    format: 'iGVT-g active, disabling use of stolen memory\n',
    text: 'i915 0000:00:02.0: [drm] iGVT-g active, disabling use of stolen memory',
  },
  {
    id: 'kernel.i915-stolen-conflict',
    file: I915_STOLEN,
    format: 'conflict detected with stolen region: [0x%08x - 0x%08x]\n',
    text: '[drm:i915_stolen_to_physical] *ERROR* conflict detected with stolen region: [0x7f800000 - 0x80000000]',
  },
  {
    id: 'kernel.i915-uc-fw-fetch-failed',
    file: I915_UC_FW,
    format: '%s firmware %s: fetch failed with error %d\n',
    text: 'i915 0000:00:02.0: HuC firmware i915/kbl_huc_4.0.0.bin: fetch failed with error -2',
  },
  {
    id: 'kernel.i915-guc-init-failed',
    file: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc.c',
    format: 'GuC initialization failed %d\n',
    text: 'i915 0000:00:02.0: GuC initialization failed -110',
  },
  {
    id: 'kernel.i915-edp-ghost',
    file: 'torvalds/linux drivers/gpu/drm/i915/display/intel_dp.c',
    format: 'failed to retrieve link info, disabling eDP\n',
    text: 'i915 0000:00:02.0: [drm] failed to retrieve link info, disabling eDP',
  },
  {
    id: 'kernel.i915-edp-ghost',
    file: 'torvalds/linux drivers/gpu/drm/gma500/cdv_intel_dp.c',
    format: 'failed to retrieve link info, disabling eDP\n',
    text: '[drm] failed to retrieve link info, disabling eDP',
  },
];

/** Format strings of the swept files left without an entry, and why. */
export const IGD_INIT_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: I915_UC_FW,
    format: '%s firmware(s) can be downloaded from %s',
    why: 'the advice line printed right after a failed fetch; kernel.i915-uc-fw-fetch-failed explains the failure from the line before it',
  },
  {
    file: 'torvalds/linux drivers/gpu/drm/i915/display/intel_opregion.c',
    format: 'graphic opregion physical addr: 0x%x',
    why: 'drm_dbg(): printed only with drm.debug, and only a value; the "ACPI OpRegion not supported!" line that follows when the address is 0 is kernel.i915-opregion-absent',
  },
  {
    file: I915_BIOS,
    format: 'VBT signature "%.*s", BDB version %d',
    why: 'drm_dbg_kms(): a trace of a VBT that was found, printed only with drm.debug; nothing is wrong when it prints',
  },
];
