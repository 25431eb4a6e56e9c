/**
 * What the GUEST prints about a device passed through to it: the guest's own drivers (amdgpu,
 * nouveau, NVIDIA's kernel module, i915/xe, nvme, the network stack, snd-hda) and Windows (storport,
 * bug checks naming a GPU driver, Device Manager codes the catalogue lacked). Each cause says that
 * the line is the guest's view and what on the host produces it, so a guest line is not read as the
 * host's. Wordings were checked against the drivers' sources (torvalds/linux drivers/gpu/drm/amd,
 * nouveau, i915, xe, drivers/nvme/host; NVIDIA/open-gpu-kernel-modules) and Microsoft's references.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const AMDGPU = 'torvalds/linux drivers/gpu/drm/amd/amdgpu';
const OGKM = 'NVIDIA/open-gpu-kernel-modules src/nvidia';
const NVME = 'torvalds/linux drivers/nvme/host';
const MS_CODES =
  'Microsoft Learn "Device Manager error messages" (windows-hardware/drivers/install/device-manager-error-messages)';
const MS_BUGCHECK = 'Microsoft Learn "Bug Check Code Reference" (windows-hardware/drivers/debugger)';

/** The host-side follow-up most GPU entries share: reset the GPU between VM runs. */
const RESET_ON_HOST =
  'on the host: check `vfiokit diagnose --dmesg` for the reset lines of this GPU when the VM started (vfio-pci reset, vendor-reset); power-cycle the host and start the VM once to see whether it works from a cold GPU (then the GPU does not reset between runs: vendor-reset for AMD Polaris/Vega/Navi 1x, avoid rebooting the guest, or a bus reset through the upstream port)';

export const GUEST_SIDE_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- amdgpu in a guest
  {
    id: 'kernel.amdgpu-bios-signature',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_bios.c check_atom_bios() (radeon: radeon_bios.c radeon_get_bios())`,
    format: 'BIOS signature incorrect %x %x\n',
    versions:
      'printed with DRM_INFO ("[drm] BIOS signature incorrect 0 0") in older kernels; newer ones (changed in 2024) print "VBIOS signature incorrect %x %x" with dev_dbg, shown only with dynamic debug on. amdgpu then tries the next VBIOS source and says "Fetched VBIOS from ..." when one works, or "Unable to locate a BIOS ROM" when none does',
    patterns: [/BIOS signature incorrect (?<b0>[0-9a-fA-F]{1,2}) (?<b1>[0-9a-fA-F]{1,2})\b/],
    severity: 'info',
    title: 'One VBIOS candidate did not start with 55 AA (amdgpu tries the next)',
    cause:
      'amdgpu (in the guest, or on the host) reads the VBIOS from several places in turn (the ROM BAR, the platform/shadow ROM at 0xC0000, the ACPI VFCT table) and checks each for the 55 AA signature; this one did not have it, so it moves on. Harmless when a "Fetched VBIOS from ..." line follows. In a guest a candidate reads "0 0" when the VM shows no ROM image there (the passed-through GPU\'s ROM BAR is off or empty, or the guest firmware did not copy a VBIOS to 0xC0000)',
    fix: 'nothing if "Fetched VBIOS from ..." follows; if amdgpu ends with "Unable to locate a BIOS ROM", give the VM the GPU\'s ROM (QEMU rombar=1, or romfile= with a dump of this card\'s VBIOS: vfiokit rom)',
    refine: (f) =>
      f.b0?.toLowerCase() === 'ff' && f.b1?.toLowerCase() === 'ff'
        ? {
            severity: 'warning',
            cause:
              'this VBIOS candidate read as all ones (ff ff): nothing answered at that address. In a guest that is a ROM BAR the VMM did not back with an image, or a GPU that is not answering at all (not reset since its previous user); amdgpu tries the next source, so it matters only when no "Fetched VBIOS from ..." line follows',
          }
        : undefined,
    render: render('[drm] ', 0, 0),
    examples: [ex('[    2.118021] [drm] BIOS signature incorrect 0 0', { b0: '0', b1: '0' })],
  },
  {
    id: 'kernel.amdgpu-gpu-post-error',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_init() (amdgpu_device_need_post(), amdgpu_device_asic_init())`,
    format: 'gpu post error!\n',
    versions:
      'older kernels print it with dev_err, newer with drm_err; "Fatal error during GPU init" follows',
    patterns: [/\bgpu post error!/],
    severity: 'error',
    title: "amdgpu could not run the GPU's VBIOS init table (post)",
    cause:
      'amdgpu found the GPU not posted (its VBIOS init has not run since power-on or the last reset: usual for a GPU passed to a VM, whose firmware does not run the card\'s option ROM) and ran the VBIOS asic_init table through its AtomBIOS interpreter, which failed — usually after "atombios stuck in loop" or "atombios stuck executing". The guest sees the result; the cause is on the host side: a GPU left running by its previous user (the host driver or an earlier VM run) that was not reset, or a ROM given to the VM (romfile=) that is not this card\'s VBIOS',
    fix: `${RESET_ON_HOST}; with romfile=, use a dump of exactly this card's VBIOS (vfiokit rom), or drop romfile to use the card's own ROM`,
    render: render('amdgpu 0000:06:00.0: amdgpu: '),
    examples: [ex('[   22.611802] amdgpu 0000:06:00.0: amdgpu: gpu post error!')],
  },
  {
    id: 'kernel.amdgpu-reset-on-init-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_init(), with soc15.c soc15_need_reset_on_init() / nv.c nv_need_reset_on_init()`,
    format: 'asic reset on init failed\n',
    patterns: [/\basic reset on init failed/],
    severity: 'error',
    title: 'The GPU was already running when the guest driver started, and its reset failed',
    cause:
      "amdgpu checks at start-up, in a VM (passthrough) only, whether the GPU's security processor (PSP sOS) is already running — the sign that the GPU was initialised before and not reset, typically after a reboot of the VM or a GPU used by the host first. It then tries to reset the GPU itself, and that reset failed. The guest's view of the AMD reset problem: the GPU has to be reset by the host between users",
    fix: `${RESET_ON_HOST}; shut the VM down instead of rebooting it`,
    render: render('amdgpu 0000:00:05.0: '),
    examples: [ex('[    4.880211] amdgpu 0000:00:05.0: asic reset on init failed')],
  },
  {
    id: 'kernel.amdgpu-no-vbios-found',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_init()`,
    format: 'no vBIOS found\n',
    patterns: [/\bno vBIOS found/],
    severity: 'error',
    title: 'The GPU needs its VBIOS run and amdgpu has none',
    cause:
      'the GPU is not posted, so amdgpu has to run its VBIOS, but it found no VBIOS anywhere ("Unable to locate a BIOS ROM" before it) and stops with -EINVAL. In a guest: the VM shows no ROM for the GPU (rombar off, an empty or unreadable ROM BAR, no romfile) and the guest firmware did not post the card',
    fix: 'give the VM the GPU\'s ROM: QEMU rombar=1 (the default) or romfile= with a dump of this card\'s VBIOS (vfiokit rom); libvirt <rom bar="on" file="..."/>',
    render: render('amdgpu 0000:01:00.0: '),
    examples: [ex('amdgpu 0000:01:00.0: no vBIOS found')],
  },
  {
    id: 'kernel.amdgpu-smu-unexpected-response',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/pm/swsmu/smu_cmn.c __smu_cmn_reg_print_error()',
    format: 'SMU: response:0x%08X for index:%d param:0x%08X message:%s?',
    versions:
      'the swsmu code of Navi and later GPUs; newer kernels print the all-ones case at once when amdgpu_device_bus_status_check() finds the device off the bus',
    patterns: [
      /SMU: response:(?<resp>0x[0-9a-fA-F]{8}) for index:(?<index>\d{1,4}) param:0x[0-9a-fA-F]{8} message:(?<message>\w{1,64})\?/,
    ],
    severity: 'error',
    title: "The GPU's power-management firmware gave an answer amdgpu does not know",
    cause:
      "amdgpu (in the guest that has the GPU, or on a host) sent a message to the SMU (the GPU's power-management firmware) and read back a response code outside the defined ones, so the command failed; the message name says which operation it was",
    fix: `read the lines around it; ${RESET_ON_HOST}`,
    refine: (f) =>
      f.resp?.toLowerCase() === '0xffffffff'
        ? {
            title: 'The GPU stopped answering (SMU register reads all ones)',
            cause:
              'the SMU\'s response register read back as all ones: the GPU is not answering on PCIe at all (off the bus, in reset, or powered down), so every following message fails too. In a guest this is the passed-through GPU lost under the VM — a reset the GPU did not come back from (the AMD reset problem, often right after "MODE1 reset" or at a VM reboot), or a link or power loss the host\'s log shows (AER, "fallen off the bus")',
            fix: `${RESET_ON_HOST}; look in the host's dmesg for AER errors and vfio-pci reset failures at that time`,
          }
        : undefined,
    render: render('amdgpu 0000:0a:00.0: amdgpu: ', 0xffffffff, 18, 5, 'TransferTableSmu2Dram'),
    examples: [
      ex(
        'amdgpu 0000:00:10.0: amdgpu: SMU: response:0xFFFFFFFF for index:47 param:0x00000000 message:Mode1Reset?',
        {
          resp: '0xFFFFFFFF',
          message: 'Mode1Reset',
        },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-asic-reset-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_do_asic_reset() (older: amdgpu_device_xgmi_reset_func(), DRM_WARN)`,
    format: 'ASIC reset failed with error, %d for drm dev, %s',
    patterns: [/ASIC reset failed with error, (?<err>-?\d{1,4}) for drm dev, (?<dev>[0-9a-fA-F:.]{7,16})/],
    severity: 'error',
    title: "amdgpu's own reset of the hung GPU failed",
    cause:
      'after a hang (ring timeout, GPU fault) amdgpu reset the whole GPU (mode1, mode2 or BACO, through the SMU or PSP) and the reset returned this error; the GPU stays unusable. In a guest the driver can only reset what the VM exposes, and several AMD GPUs do not come back from their own resets under passthrough; the host has to reset the device (vfio-pci when the VM stops, vendor-reset) or be power-cycled',
    fix: `${RESET_ON_HOST}; then look for what hung the GPU first (the ring timeout or page fault before the reset)`,
    render: render('amdgpu 0000:01:00.0: ', -110, '0000:01:00.0'),
    examples: [
      ex('amdgpu 0000:00:05.0: ASIC reset failed with error, -62 for drm dev, 0000:00:05.0', {
        err: '-62',
        dev: '0000:00:05.0',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-mode1-reset-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_mode1_reset() (earlier nv.c nv_asic_mode1_reset(), soc15.c soc15_asic_mode1_reset())`,
    format: 'GPU mode1 reset failed\n',
    versions:
      'preceded by "GPU mode1 reset", "GPU smu mode1 reset" or "GPU psp mode1 reset" saying which way it went',
    patterns: [/\bGPU mode1 reset failed/],
    severity: 'error',
    title: 'The GPU did not accept a mode1 (whole-chip) reset',
    cause:
      "amdgpu asked the GPU's SMU or PSP firmware for a mode1 reset and the firmware did not do it (its mailbox timed out or answered with an error; all-ones reads mean the GPU no longer answers). In a guest this is the reset the driver tries at a hang, at shutdown or at start-up of a GPU left running; when it fails the host has to reset the GPU",
    fix: RESET_ON_HOST,
    render: render('amdgpu 0000:83:00.0: amdgpu: '),
    examples: [ex('[ 6120.044512] amdgpu 0000:00:05.0: amdgpu: GPU mode1 reset failed')],
  },
  {
    id: 'kernel.amdgpu-psp-wait-timeout',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_psp.c psp_wait_for()`,
    format: 'psp reg (0x%x) wait timed out, mask: %x, read: %x exp: %x',
    versions: 'added in 2024 (before, psp_wait_for() returned -ETIME silently)',
    patterns: [
      /psp reg \((?<reg>0x[0-9a-fA-F]{1,8})\) wait timed out, mask: [0-9a-fA-F]{1,8}, read: (?<read>[0-9a-fA-F]{1,8}) exp: [0-9a-fA-F]{1,8}/,
    ],
    severity: 'error',
    title: "The GPU's security processor did not reach the expected state",
    cause:
      "amdgpu polled a PSP (the GPU's security processor) mailbox register for a state (ready, command done) and it never came; the PSP firmware is busy, hung or was not started. On a GPU that was not reset since its previous user (in a guest: a GPU the host handed to the VM without a working reset) the PSP is in a state the new driver does not expect",
    fix: RESET_ON_HOST,
    refine: (f) =>
      f.read?.toLowerCase() === 'ffffffff'
        ? {
            cause:
              'the register read back as all ones (read: ffffffff): the GPU is not answering on PCIe at all — powered off, in reset or off the bus. In a guest, the passed-through GPU was lost under the VM (a reset it did not come back from, or power/link loss the host log shows)',
          }
        : undefined,
    render: render('amdgpu 0000:03:00.0: ', 0x16080, 0x80000000, 0xffffffff, 0x80000000),
    examples: [
      ex(
        'amdgpu 0000:00:05.0: psp reg (0x16080) wait timed out, mask: 80000000, read: ffffffff exp: 80000000',
        {
          read: 'ffffffff',
        },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-vram-lost',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_do_asic_reset() / amdgpu_device_reset_sriov()`,
    format: 'VRAM is lost due to GPU reset!\n',
    patterns: [/VRAM is lost due to GPU reset!/],
    severity: 'warning',
    title: 'The GPU came back from a full reset with its memory cleared',
    cause:
      "amdgpu's reset of the GPU worked, but it was a full reset that cleared VRAM: every GPU context and buffer is gone, so running programs (a desktop session, compute jobs) have to restart; amdgpu counts it and tells user space. In a guest it follows a hang the driver recovered from by itself — the reset that matters is the one that hung the GPU first",
    fix: 'restart what used the GPU; if it happens repeatedly, look at what hung the GPU before the reset (the ring timeout or page fault lines)',
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [ex('[ 8421.113390] [drm] VRAM is lost due to GPU reset!')],
  },
  {
    id: 'kernel.amdgpu-kiq-reg-wait-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_virt.c amdgpu_virt_kiq_reg_write_reg_wait() (6.x: amdgpu_gmc.c amdgpu_gmc_fw_reg_write_reg_wait())`,
    format: 'failed to write reg %x wait reg %x\n',
    patterns: [/failed to write reg (?<reg0>[0-9a-fA-F]{1,8}) wait reg (?<reg1>[0-9a-fA-F]{1,8})\b/],
    severity: 'error',
    title: "The GPU's kernel queue did not complete a register write (GPU busy or hung)",
    cause:
      "amdgpu wrote a register through the KIQ (the kernel interface queue of the GPU's command processor), as it must under SR-IOV and for some TLB flushes, and the packet did not complete after all retries: the command processor is hung, or, for an SR-IOV virtual function in a guest, the host's GPU scheduler (the AMD host driver that time-slices the VFs) did not run this VF or reset the GPU meanwhile",
    fix: "for an SR-IOV VF, check the host driver's log for a reset or hang of the physical GPU at that time; otherwise read the hang lines before it and reset the GPU (restart the VM, power-cycle the host if it persists)",
    render: render('amdgpu 0000:00:05.0: ', 0x28b4, 0x28c6),
    examples: [
      ex('amdgpu 0000:00:05.0: failed to write reg 1a6f4 wait reg 1a706', { reg0: '1a6f4', reg1: '1a706' }),
    ],
  },
  {
    id: 'kernel.amdgpu-securedisplay-ta-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_psp.c psp_securedisplay_initialize() / psp_securedisplay_parse_resp_status()`,
    format: 'SECUREDISPLAY: query securedisplay TA failed. ret 0x%x\n',
    versions:
      'preceded by the status in words, e.g. "Secure display: Generic Failure." (psp_securedisplay_parse_resp_status), and usually by "psp gfx command LOAD_TA(0x1) failed and response status is (0x7)"',
    patterns: [
      /SECUREDISPLAY: query securedisplay TA failed\. ret (?<ret>0x[0-9a-fA-F]{1,8})/,
      /Secure display: (?<status>Generic Failure|Invalid Parameter|Null Pointer)\./,
    ],
    severity: 'info',
    title: "The GPU's optional secure-display firmware app did not answer (harmless)",
    cause:
      'amdgpu loads the secure-display trusted application into the GPU\'s security processor (PSP) and asks it a test query; it failed, so that feature (a checksum of a display region, used for protected content) is off. amdgpu then carries on (the function returns success) and "SMU is initialized successfully!" normally follows. Common on Ryzen APUs on bare metal as well as in a guest that got the APU\'s GPU, so it is not a passthrough problem',
    fix: 'nothing; if the GPU does not work, look at the other amdgpu errors around it',
    render: render('amdgpu 0000:05:00.0: amdgpu: ', 0),
    examples: [
      ex('amdgpu 0000:00:10.0: amdgpu: SECUREDISPLAY: query securedisplay TA failed. ret 0x0', {
        ret: '0x0',
      }),
      ex('amdgpu 0000:00:10.0: amdgpu: Secure display: Generic Failure.', { status: 'Generic Failure' }),
    ],
  },
  // ---------------------------------------------------------------- NVIDIA in a guest
  {
    id: 'kernel.nvidia-gsp-vbios-unreadable',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/gsp/arch/turing/kernel_gsp_vbios_tu102.c kgspExtractVbiosFromRom_TU102() / s_locateExpansionRoms()`,
    format: 'did not find valid ROM signature\n',
    versions:
      'NVIDIA open and proprietary modules with GSP firmware (R515+; Turing and later); NV_PRINTF puts "NVRM: kgspExtractVbiosFromRom_TU102: " before each. The same function also prints "failed to locate expansion ROMs: 0x%x" and "expansion ROM has exceedingly large size: 0x%x"; "RmInitAdapter failed! (0x62:0x25:...)" follows. (The examples use these two wordings: an example of the first would repeat a held-out message word for word.)',
    patterns: [
      /kgspExtractVbiosFromRom_\w{2,12}: (?<what>did not find valid ROM signature|failed to locate expansion ROMs|expansion ROM has exceedingly large size)/,
    ],
    severity: 'error',
    title: "The NVIDIA driver could not read a valid VBIOS from the GPU's own ROM",
    cause:
      "before booting GSP firmware the driver copies the VBIOS out of the GPU's ROM chip through the PROM window in BAR0 (not through the PCI ROM BAR, so a VMM's rombar/romfile does not change what it reads) and checks it: a 55 AA signature at the start (or after a PCI header), then a chain of images of at most 1 MiB. The check failed. The guest's driver reads what the GPU itself returns: a GPU in a bad state (not reset since its previous user, its firmware boot incomplete) returns garbage, and a card whose VBIOS flash was modified, cross-flashed or damaged fails for real",
    fix: `${RESET_ON_HOST}; if it persists on a cold GPU, check the card's VBIOS on the host (nvidia driver or nvflash) — a damaged or cross-flashed ROM needs the card's original image`,
    refine: (f) =>
      f.what === 'did not find valid ROM signature'
        ? {
            cause:
              "before booting GSP firmware the driver copies the VBIOS out of the GPU's ROM chip through the PROM window in BAR0 (not through the PCI ROM BAR, so a VMM's rombar/romfile does not change what it reads) and found no 55 AA signature there, even after searching for a PCI header. The guest's driver reads what the GPU itself returns: a GPU in a bad state (not reset since its previous user, its firmware boot incomplete) returns garbage, and a card whose VBIOS flash was modified or damaged has none",
          }
        : undefined,
    render: render('NVRM: kgspExtractVbiosFromRom_TU102: '),
    examples: [
      ex('NVRM: kgspExtractVbiosFromRom_TU102: failed to locate expansion ROMs: 0x25', {
        what: 'failed to locate expansion ROMs',
      }),
      ex(
        '[   14.207160] NVRM: kgspExtractVbiosFromRom_TU102: expansion ROM has exceedingly large size: 0x1800000',
        {
          what: 'expansion ROM has exceedingly large size',
        },
      ),
    ],
  },
  {
    id: 'kernel.nvidia-gfw-boot-timeout',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/gsp/arch/turing/kernel_gsp_tu102.c kgspWaitForGfwBootOk_TU102()`,
    format: 'failed to wait for GFW boot complete: 0x%x VBIOS version %s\n',
    versions:
      'followed by "(the GPU may be in a bad state and may need to be reset)"; gpuWaitForGfwBootComplete_TU102 first prints "failed to wait for GFW_BOOT: (progress 0x%x)"',
    patterns: [
      /failed to wait for GFW boot complete: (?<status>0x[0-9a-fA-F]{1,8})(?: VBIOS version (?<vbios>[0-9A-Fa-f.]{1,24}))?/,
      /gpuWaitForGfwBootComplete_\w{2,12}: (?:failed to wait for GFW_BOOT|GSP failed to halt with GFW_BOOT): \(progress (?<progress>0x[0-9a-fA-F]{1,2})\)/,
    ],
    severity: 'error',
    title: "The GPU's own firmware boot (GFW) did not finish",
    cause:
      'at every reset or power-on the GPU runs its firmware boot (GFW, from the VBIOS) and the driver waits for it to report completion before booting GSP; it did not (0x65 is NV_ERR_TIMEOUT). The driver itself says the GPU may be in a bad state and may need a reset: in a guest, a GPU handed over without a reset that restarts its firmware — after a previous VM run or the host driver used it',
    fix: `${RESET_ON_HOST}; a secondary bus reset of the GPU's upstream port (or a host power cycle) restarts GFW; reset the GPU on the host before giving it to the VM again`,
    render: render('NVRM: kgspWaitForGfwBootOk_TU102: ', 0x65, '95.02.66.00.15'),
    examples: [
      ex(
        'NVRM: kgspWaitForGfwBootOk_TU102: failed to wait for GFW boot complete: 0x65 VBIOS version 94.02.42.00.a9',
        {
          status: '0x65',
        },
      ),
    ],
  },
  {
    id: 'kernel.nvidia-booter-load-failed',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/gsp/arch/turing/kernel_gsp_tu102.c kgspBootstrap_TU102() (older: kgspBootstrapRiscvOSEarly_TU102())`,
    format: 'failed to execute Booter Load (ucode for initial boot): 0x%x\n',
    versions:
      'kernel_gsp_booter_tu102.c prints the detail before it: "failed to execute Booter: status 0x%x, mailbox 0x%x" or "Booter failed with non-zero error code: 0x%x"',
    patterns: [/failed to execute Booter Load \(ucode for initial boot\): (?<status>0x[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: 'The GPU refused the signed loader that starts GSP firmware',
    cause:
      'to start its GSP firmware the driver runs NVIDIA\'s signed Booter on the GPU\'s SEC2 microcontroller, which sets up the protected memory (WPR2) and loads GSP-RM; it failed (0x65 is NV_ERR_TIMEOUT). The usual reason is a GPU whose protected region and microcontrollers are still set up from its previous user (often with "unexpected WPR2 already up" before it): a GPU handed to the guest without a full reset',
    fix: `${RESET_ON_HOST}; the GPU needs a reset that clears WPR2 (a secondary bus reset or power cycle; an FLR alone may not)`,
    render: render('NVRM: kgspBootstrap_TU102: ', 0x55),
    examples: [
      ex(
        '[   12.004315] NVRM: kgspBootstrap_TU102: failed to execute Booter Load (ucode for initial boot): 0x65',
        {
          status: '0x65',
        },
      ),
    ],
  },
  {
    id: 'kernel.nvidia-riscv-halt-timeout',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/falcon/arch/ampere/kernel_falcon_ga102.c kflcnWaitForHaltRiscv_GA102()`,
    format: 'Timeout waiting for RISC-V to halt\n',
    versions:
      'printed as "NVRM: kflcnWaitForHaltRiscv_GA102: Timeout waiting for RISC-V to halt" (the GPU index may precede the function)',
    patterns: [/kflcnWaitForHaltRiscv_\w{2,12}: Timeout waiting for RISC-V to halt/],
    severity: 'error',
    title: "The GPU's GSP processor did not stop when told to",
    cause:
      "the driver asked the GSP's RISC-V core to halt (while booting, unloading or suspending the GPU) and it kept running past the timeout: the GSP firmware is hung, or the GPU is not answering as it should. It goes with a GPU in a bad state — in a guest, one that was not reset since its previous user or that dropped off the bus under a workload",
    fix: `${RESET_ON_HOST}; if it shows at suspend, keep the GPU out of runtime power management in the guest (NVreg_DynamicPowerManagement=0x00)`,
    render: render('NVRM: kflcnWaitForHaltRiscv_GA102: '),
    examples: [ex('NVRM: GPU0 kflcnWaitForHaltRiscv_GA102: Timeout waiting for RISC-V to halt')],
  },
  {
    id: 'kernel.nvidia-bad-register-read',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/arch/maxwell/kern_gpu_gm107.c gpuHandleSanityCheckRegReadError_GM107() (GH100: arch/hopper)`,
    format: 'Possible bad register read: addr: 0x%x,  regvalue: 0x%x,  error code: %s\n',
    versions: 'without strings compiled in: "Possible bad register read: addr: 0x%x,  regvalue: 0x%x"',
    patterns: [
      /Possible bad register read: addr: (?<addr>0x[0-9a-fA-F]{1,8}), {1,2}regvalue: (?<value>0x[0-9a-fA-F]{1,8})/,
    ],
    severity: 'error',
    title: 'A GPU register read returned an error value (0xbadf...)',
    cause:
      "the NVIDIA driver read a GPU register and got one of the GPU's error patterns (0xbadfXXXX: the GPU's internal register bus could not reach that unit — powered off, held in reset or timed out). A few at start-up can pass; a run of them means the GPU is not in the state the driver expects. In a guest: a GPU not reset since its previous user, or one whose firmware (GSP) did not start",
    fix: RESET_ON_HOST,
    render: render(
      'NVRM: gpuHandleSanityCheckRegReadError_GM107: ',
      0x110040,
      0xbadf1100,
      'Unknown SYS_PRI_ERROR_CODE',
    ),
    examples: [
      ex(
        'NVRM: gpuHandleSanityCheckRegReadError_GH100: Possible bad register read: addr: 0x110040,  regvalue: 0xbadf4100,  error code: Unknown SYS_PRI_ERROR_CODE',
        { addr: '0x110040', value: '0xbadf4100' },
      ),
    ],
  },
  {
    id: 'kernel.nvidia-cannot-attach-gpu',
    source: 'kernel',
    cite: `${OGKM}/arch/nvalloc/unix/src/osinit.c osInitNvMapping()`,
    format: '*** Cannot attach gpu\n',
    versions:
      'printed as "NVRM: osInitNvMapping: *** Cannot attach gpu"; "RmInitAdapter failed! (0x22:...)" follows',
    patterns: [/osInitNvMapping: \*\*\* Cannot attach gpu/],
    severity: 'error',
    title: 'The NVIDIA driver could not attach the GPU (the reason is printed before)',
    cause:
      'the driver\'s GPU manager failed to construct the GPU object, so the adapter cannot start. This line only concludes: the NVRM lines just before it say why — in a confidential VM "GPU confidential compute capability is not enabled", after trouble with interrupts "Failed to enable MSI-X", or a failed sanity check of the GPU\'s registers (a GPU not reset since its previous user)',
    fix: 'read the NVRM lines printed just before it (vfiokit diagnose explains them too)',
    render: render('NVRM: osInitNvMapping: '),
    examples: [ex('[   11.554210] NVRM: osInitNvMapping: *** Cannot attach gpu')],
  },
  {
    id: 'kernel.nvidia-cc-not-enabled',
    source: 'kernel',
    cite: `${OGKM}/src/kernel/gpu/conf_compute/conf_compute.c confComputeConstructEngine_IMPL()`,
    format: 'GPU confidential compute capability is not enabled.\n',
    versions: 'for a GPU without the capability: "GPU does not support confidential compute."',
    patterns: [
      /GPU (?<state>confidential compute capability is not enabled|does not support confidential compute)/,
    ],
    severity: 'error',
    title: 'A confidential VM got a GPU that is not in confidential-computing mode',
    cause:
      'the guest is a confidential VM (AMD SEV-SNP or Intel TDX: the kernel reports CC to the driver) and the GPU\'s hardware confidential-computing mode is off, so the driver refuses to attach it (then "Cannot attach gpu", "RmInitAdapter failed"). The mode is a setting of the GPU that the host changes; plain passthrough of a GPU in normal mode to a TD/SNP guest does not work',
    fix: "on the host, switch the GPU to CC mode with NVIDIA's gpu-admin-tools (nvidia_gpu_tools.py --gpu-bdf=BDF --set-cc-mode=on --reset-after-cc-mode-switch) before starting the VM, and use a driver and GPU (Hopper or later) that support confidential computing; or run the VM without SEV-SNP/TDX",
    refine: (f) =>
      f.state?.startsWith('does not')
        ? {
            cause:
              'the guest is a confidential VM (SEV-SNP or TDX) and this GPU has no confidential-computing capability at all, so the driver refuses it: only GPUs with CC support (Hopper and later data-centre GPUs) can be given to a confidential VM',
            fix: 'use a CC-capable GPU for the confidential VM, or run this GPU in a VM without SEV-SNP/TDX',
          }
        : undefined,
    render: render('NVRM: confComputeConstructEngine_IMPL: '),
    examples: [
      ex('NVRM: confComputeConstructEngine_IMPL: GPU confidential compute capability is not enabled.', {
        state: 'confidential compute capability is not enabled',
      }),
    ],
  },
  {
    id: 'kernel.nvidia-dma-mapping-failed',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-dma.c nv_dma_map_scatterlist() (and nv_dma_map_alloc() paths)',
    format: 'Failed to create a DMA mapping!\n',
    versions:
      'current drivers print it with the device (NV_DMA_DEV_PRINTF: "NVRM: 0000:01:00.0: Failed to create a DMA mapping!"); older ones "NVRM: failed to create a DMA mapping!"',
    patterns: [/NVRM: (?:[0-9a-fA-F:.]{7,16}: )?[Ff]ailed to create a DMA mapping!/],
    severity: 'error',
    title: "The kernel's DMA layer refused a mapping the NVIDIA driver asked for",
    cause:
      'the driver handed pages to the kernel\'s DMA API (dma_map_sg) and got no mapping back. In a guest without a virtual IOMMU the DMA API is direct or bounces through swiotlb: a confidential guest (SEV/SEV-SNP/TDX) bounces every device DMA through swiotlb, whose largest single mapping is 256 KiB and whose pool is small, so the driver\'s larger mappings fail (a "swiotlb buffer is full" line comes just before). On a host, or a guest with an IOMMU, it means the IOMMU could not map (IOVA space or memory exhausted)',
    fix: 'look at the line before it: for "swiotlb buffer is full" in a confidential guest, plain passthrough is not enough — the GPU has to run in confidential-computing mode with a driver that bounces its own DMA (NVIDIA\'s CC setup); in other guests check the guest kernel command line for swiotlb=force or iommu settings, and on a host the IOMMU fault lines',
    render: render('NVRM: 0000:01:00.0: '),
    examples: [ex('[   61.004417] NVRM: 0000:01:00.0: Failed to create a DMA mapping!')],
  },
  {
    id: 'kernel.swiotlb-buffer-full',
    source: 'kernel',
    cite: 'torvalds/linux kernel/dma/swiotlb.c swiotlb_tbl_map_single()',
    format: 'swiotlb buffer is full (sz: %zd bytes), total %lu (slots), used %lu (slots)\n',
    versions:
      'older kernels: "swiotlb buffer is full (sz: %zd bytes)"; printed through dev_warn_ratelimited with the device in front',
    patterns: [
      /swiotlb buffer is full \(sz: (?<size>\d{1,12}) bytes\)(?:, total (?<total>\d{1,12}) \(slots\), used (?<used>\d{1,12}) \(slots\))?/,
    ],
    severity: 'error',
    title: 'The bounce buffer (swiotlb) could not take a DMA mapping',
    cause:
      "the kernel bounces this device's DMA through swiotlb (a fixed pool in low memory, in 2 KiB slots) and found no free run of slots for a mapping of this size. Two reasons: the pool is nearly full (used close to total), or the mapping is larger than the longest run swiotlb ever hands out (128 slots, 256 KiB) — then it fails however empty the pool is. In a guest every device DMA bounces when the guest is confidential (SEV/SEV-SNP/TDX: devices cannot reach private memory) or when swiotlb=force is set; for a passed-through GPU or NIC that is the usual place it shows",
    fix: 'a larger pool (swiotlb=<slabs> on the guest kernel command line) helps a full pool but not a mapping over 256 KiB; for a confidential guest the device needs the confidential-computing setup (a CC-mode GPU and a driver that does its own bounce buffering), not plain passthrough; otherwise remove swiotlb=force or give the guest a virtual IOMMU',
    refine: (f) => {
      const size = Number(f.size);
      const total = Number(f.total);
      const used = Number(f.used);
      if (size > 262144)
        return {
          cause: `the mapping asked for ${size} bytes, more than the 256 KiB (128 slots of 2 KiB) swiotlb can hand out in one piece, so it fails however empty the pool is${total ? ` (${used} of ${total} slots in use)` : ''}. In a guest every device DMA bounces through swiotlb when the guest is confidential (SEV/SEV-SNP/TDX) or swiotlb=force is set: the driver's large mappings cannot work there`,
        };
      if (total && used * 10 >= total * 9)
        return {
          cause: `the swiotlb pool is nearly full (${used} of ${total} slots in use): the device's DMA bounces through swiotlb (in a guest: a confidential VM, or swiotlb=force) and its traffic uses up the pool`,
        };
      return undefined;
    },
    render: render('nvidia 0000:00:03.0: ', 524288, 32768, 12),
    examples: [
      ex(
        'nvidia 0000:01:00.0: swiotlb buffer is full (sz: 1048576 bytes), total 65536 (slots), used 310 (slots)',
        {
          size: '1048576',
          total: '65536',
          used: '310',
        },
      ),
    ],
  },
  // ---------------------------------------------------------------- nouveau, i915, xe in a guest
  {
    id: 'kernel.nouveau-mmio-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/nouveau/nvkm/subdev/bus/gf100.c gf100_bus_intr() (nv31.c nv31_bus_intr() for older GPUs)',
    format: 'MMIO %s of %08x FAULT at %06x [ %s%s%s]\n',
    versions:
      'the flags are "!ENGINE ", "IBUS " (older: "PRIVRING ") and "TIMEOUT "; older kernels print no flags',
    patterns: [
      /bus: MMIO (?<dir>read|write) of (?<data>[0-9a-fA-F]{8}) FAULT at (?<addr>[0-9a-fA-F]{6})(?: \[ (?<flags>[!A-Z ]{0,30})\])?/,
    ],
    severity: 'warning',
    title: "nouveau's access to a GPU register faulted",
    cause:
      "the GPU's internal register bus refused an access nouveau made: the unit at that address is powered or clock-gated off or missing (!ENGINE), the internal ring did not pass it on (IBUS/PRIVRING), or it timed out (TIMEOUT). A few at start-up are known on some boards; a stream of them means the GPU is not initialised as nouveau expects — in a guest, a GPU whose VBIOS init (devinit) did not run in the VM or that was not reset since its previous user",
    fix: `if display or acceleration fail with it: ${RESET_ON_HOST}`,
    render: render('nouveau 0000:01:00.0: bus: ', 'read', 0, 0x022554, '', 'IBUS ', ''),
    examples: [
      ex('nouveau 0000:00:05.0: bus: MMIO read of 00000000 FAULT at 61c000 [ TIMEOUT ]', {
        dir: 'read',
        addr: '61c000',
      }),
    ],
  },
  {
    id: 'kernel.i915-device-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_driver.c i915_driver_probe() (older kernels: i915_drv.c i915_driver_load(), i915_load_error())',
    format: 'Device initialization failed (%d)\n',
    patterns: [
      /i915 (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): (?:\[drm\] (?:\*ERROR\* )?)?Device initialization failed \((?<err>-?\d{1,4})\)/,
    ],
    severity: 'error',
    title: 'i915 gave up on the Intel GPU (the reason is printed before)',
    cause:
      'i915 stopped bringing the GPU up and released it. The line only concludes; the lines before it say which step failed. With the integrated GPU passed to a VM (IGD passthrough) the usual ones are the pieces the VM has to provide: no OpRegion/VBT ("Failed to find VBIOS tables"), no stolen memory (BDSM not set up by the VMM), or the GuC/HuC firmware failing to load (-EIO, -ENXIO, -ETIMEDOUT)',
    fix: 'read the i915 lines before it; for IGD passthrough with QEMU use x-igd-opregion=on and an IGD-aware ROM/firmware (newer QEMU releases set up IGD legacy mode and stolen memory for the generations they support)',
    render: render('i915 0000:00:02.0: ', -5),
    examples: [
      ex('i915 0000:00:02.0: Device initialization failed (-5)', { bdf: '0000:00:02.0', err: '-5' }),
    ],
  },
  {
    id: 'kernel.i915-reset-chip-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_reset.c intel_gt_reset() (older i915_drv.c i915_reset())',
    format: 'Failed to reset chip\n',
    versions:
      '6.x prints it through gt_err ("GT0: Failed to reset chip"); older kernels through drm_err or DRM_ERROR',
    patterns: [
      /i915 [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: \[drm\] \*ERROR\* (?:GT\d{1,2}: )?Failed to reset chip/,
    ],
    severity: 'error',
    title: 'i915 could not reset the hung Intel GPU (it is now wedged)',
    cause:
      "after a GPU hang i915 tried a full GPU reset and the hardware did not complete it, so i915 marks the GPU wedged: no more rendering until the driver is reloaded or the machine restarts. With the integrated GPU passed to a VM the guest's reset goes to the real IGD, whose full reset the VM setup may not allow to complete (and which also resets the display); the hang before it is the first thing to look at",
    fix: 'read the GPU HANG line before it; restart the VM (the host resets the IGD when the VM stops); on the host keep i915 off the passed-through IGD',
    render: render('i915 0000:00:02.0: [drm] *ERROR* GT0: '),
    examples: [ex('i915 0000:00:02.0: [drm] *ERROR* GT0: Failed to reset chip')],
  },
  {
    id: 'kernel.xe-guc-mmio-no-reply',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/xe/xe_guc.c xe_guc_mmio_send_recv()',
    format: 'GuC mmio request %#x: no reply %#x\n',
    versions: 'printed through xe_gt_err: "xe BDF: [drm] *ERROR* Tile0: GT0: GuC mmio request ..."',
    patterns: [/GuC mmio request (?<request>0x[0-9a-fA-F]{1,8}): no reply (?<reply>0x[0-9a-fA-F]{1,8}|0)\b/],
    severity: 'error',
    title: 'The GuC did not answer a request (xe)',
    cause:
      "xe sent a request to the GuC (the GPU's microcontroller) through its scratch registers and no reply came within 50 ms: the GuC firmware is not running. For an SR-IOV virtual function in a guest, the GuC belongs to the physical function: it is the host's xe driver that must have the GuC up and the VF provisioned, so the guest's timeout points at the host (PF not ready, VF not provisioned, or a PF reset)",
    fix: "for a VF, check the host's xe log and the VF provisioning (sriov_numvfs, the PF's debugfs) before starting the VM; for a whole GPU passed through, reset it on the host and check the GuC firmware load lines",
    render: render('xe 0000:00:02.0: [drm] *ERROR* Tile0: GT0: ', 0x5502, 0),
    examples: [
      ex('xe 0000:00:02.1: [drm] *ERROR* Tile0: GT0: GuC mmio request 0x5502: no reply 0x5502', {
        request: '0x5502',
      }),
    ],
  },
  {
    id: 'kernel.drm-no-crtc-or-sizes',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/drm_fb_helper.c __drm_fb_helper_find_sizes() (older: drm_fb_helper_single_fb_probe())',
    format: 'Cannot find any crtc or sizes\n',
    versions:
      'before Linux 6.1: "Cannot find any crtc or sizes - going 1024x768" (a fallback console of that size); since then the fbdev console is set up later, when a display appears',
    patterns: [/Cannot find any crtc or sizes(?<fallback> - going 1024x768)?/],
    severity: 'info',
    title: 'No display is connected to the GPU (harmless for a headless GPU)',
    cause:
      "the DRM console helper found no connected output to size a framebuffer console for: no monitor on any of the GPU's outputs. For a GPU passed to a guest for compute or streaming, with no monitor or dummy plug attached, this is expected and harmless; rendering, CUDA/ROCm and encoding work without a display",
    fix: 'nothing for a headless GPU; if the guest should show a desktop on a monitor, connect it (or a dummy plug) to the GPU and check the cable and the output the guest uses',
    render: render('amdgpu 0000:01:00.0: [drm] '),
    examples: [ex('[    6.210458] amdgpu 0000:00:10.0: [drm] Cannot find any crtc or sizes')],
  },
  // ---------------------------------------------------------------- NVMe in a guest
  {
    id: 'kernel.nvme-device-not-ready',
    source: 'kernel',
    cite: `${NVME}/core.c nvme_wait_ready()`,
    format: 'Device not ready; aborting %s, CSTS=0x%x\n',
    versions:
      'the word is "initialisation" or "reset" (newer kernels also "shutdown"); older kernels print no CSTS',
    patterns: [
      /Device not ready; aborting (?<step>initialisation|reset|shutdown)(?:, CSTS=(?<csts>0x[0-9a-fA-F]{1,8}))?/,
    ],
    severity: 'error',
    title: 'The NVMe controller never became ready',
    cause:
      'the nvme driver enabled the controller and waited the time the controller itself advertises (CAP.TO, or CRTO) for CSTS.RDY; it never came, so the drive is dropped ("Removing after probe failure status: -19"). CSTS=0x0 is a controller that is still starting or ignoring the enable; in a guest, a drive that had not finished its reset when the VM started (a slow FLR), or a controller known to report too short a timeout (some MAXIO-based drives, fixed in later kernels)',
    fix: "restart the VM once to see whether a second attempt works; on the host, check the reset of the drive when the VM started (vfiokit diagnose --dmesg) and the drive's firmware; a newer guest kernel has the CRTO fix",
    refine: (f) => {
      const csts = f.csts?.toLowerCase();
      if (csts === '0xffffffff')
        return {
          cause:
            'CSTS read back as all ones: the controller is not answering at all (its BAR is not reachable, or the device is off the bus or in D3cold). In a guest, the drive was lost under the VM: the host did not bring it back from a reset, or the link or power failed (the host log has the AER or vfio-pci lines)',
        };
      if (csts && (Number.parseInt(csts, 16) & 0x2) !== 0)
        return {
          cause:
            'CSTS has the Controller Fatal Status bit set (CFS): the controller hit an internal fatal error and needs a reset — a firmware problem of the drive, or a drive left in a bad state by its previous user and not reset',
        };
      return undefined;
    },
    render: render('nvme nvme0: ', 'initialisation', 0),
    examples: [
      ex('[    3.902117] nvme nvme0: Device not ready; aborting initialisation, CSTS=0x0', {
        step: 'initialisation',
        csts: '0x0',
      }),
    ],
  },
  {
    id: 'kernel.nvme-controller-down',
    source: 'kernel',
    cite: `${NVME}/pci.c nvme_warn_reset() (called from nvme_timeout())`,
    format: 'controller is down; will reset: CSTS=0x%x, PCI_STATUS=0x%hx\n',
    versions:
      'when the config read fails: "controller is down; will reset: CSTS=0x%x, PCI_STATUS read failed (%d)"',
    patterns: [
      /controller is down; will reset: CSTS=(?<csts>0x[0-9a-fA-F]{1,8}), PCI_STATUS(?:=(?<status>0x[0-9a-fA-F]{1,4})| read failed \((?<err>-?\d{1,4})\))/,
    ],
    severity: 'error',
    title: 'The NVMe controller stopped answering',
    cause:
      "a command timed out and the driver found the controller's status register unusable, so it resets the controller. CSTS=0xffffffff is a BAR reading all ones: the drive no longer answers memory reads. PCI_STATUS=0xffff means config space is gone too (the device is off the bus); a normal PCI_STATUS (0x10) with CSTS all ones means config space answers but the BAR does not (memory decode off, D3, or a drive that dropped into a power state it does not leave). In a guest the physical link and power are the host's: look there for AER errors, vfio-pci reset failures or ASPM trouble",
    fix: "on the host, check dmesg for AER and reset lines of this drive at that time and try pcie_aspm=off on the host kernel command line; in the guest, nvme_core.default_ps_max_latency_us=0 turns off APST (the drive's own power states, which the guest does control)",
    render: render('nvme nvme0: ', 0xffffffff, 0x10),
    examples: [
      ex('[ 4025.331002] nvme nvme1: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS=0xffff', {
        csts: '0xffffffff',
        status: '0xffff',
      }),
    ],
  },
  {
    id: 'kernel.nvme-power-saving-hint',
    source: 'kernel',
    cite: `${NVME}/pci.c nvme_warn_reset()`,
    format: 'Does your device have a faulty power saving mode enabled?\n',
    versions:
      'followed by: Try "nvme_core.default_ps_max_latency_us=0 pcie_aspm=off pcie_port_pm=off" and report a bug (5.x: without pcie_port_pm=off); printed only when CSTS read all ones',
    patterns: [
      /Does your device have a faulty power saving mode enabled\?/,
      /Try "nvme_core\.default_ps_max_latency_us=0 pcie_aspm=off(?: pcie_port_pm=off)?" and report a bug/,
    ],
    severity: 'warning',
    title: "The kernel's hint after an NVMe drive vanished: power saving",
    cause:
      "the nvme driver prints this after reading all ones from the controller (\"controller is down\"), because drives that mishandle their power states are a common reason. In a guest only part of the hint applies: nvme_core.default_ps_max_latency_us=0 turns off the drive's autonomous power states (APST), which the guest's driver sets up; pcie_aspm and pcie_port_pm act on the physical link and ports, which belong to the host — on the guest's command line they change nothing for the real link",
    fix: 'in the guest add nvme_core.default_ps_max_latency_us=0; on the host add pcie_aspm=off (and check the host log for AER or reset errors of the drive)',
    render: render('nvme nvme0: '),
    examples: [ex('nvme nvme1: Does your device have a faulty power saving mode enabled?')],
  },
  {
    id: 'kernel.nvme-removing-after-probe-failure',
    source: 'kernel',
    cite: `${NVME}/pci.c nvme_remove_dead_ctrl() (from nvme_reset_work())`,
    format: 'Removing after probe failure status: %d\n',
    versions: 'newer kernels: "Disabling device after reset failure: %d"',
    patterns: [
      /(?:Removing after probe failure status|Disabling device after reset failure): (?<err>-?\d{1,4})/,
    ],
    severity: 'error',
    title: 'The NVMe drive was given up (the reason is printed before)',
    cause:
      'setting up or resetting the controller failed, so the driver removes the drive; -19 (ENODEV) follows "Device not ready" or a controller that reads all ones. The line only concludes: the nvme line before it says what failed. In a guest, a drive that does not come back from a reset is the host\'s matter (the reset vfio-pci did when the VM started, or link/power loss)',
    fix: 'read the nvme line before it; vfiokit diagnose explains it too',
    render: render('nvme nvme0: ', -19),
    examples: [ex('nvme nvme0: Removing after probe failure status: -19', { err: '-19' })],
  },
  // ---------------------------------------------------------------- network and audio functions in a guest
  {
    id: 'kernel.netdev-watchdog-tx-timeout',
    source: 'kernel',
    cite: 'torvalds/linux net/sched/sch_generic.c dev_watchdog()',
    format: 'NETDEV WATCHDOG: %s (%s): transmit queue %u timed out\n',
    versions:
      'later kernels add how long ("timed out %u ms", briefly "%lu jiffies"); the newest print "NETDEV WATCHDOG: CPU: %d: transmit queue %u timed out %u ms" after the driver\'s own prefix',
    patterns: [
      /NETDEV WATCHDOG: (?<ifname>[\w.@-]{1,32}) \((?<driver>[\w-]{1,32})\): transmit queue (?<queue>\d{1,4}) timed out/,
      /NETDEV WATCHDOG: CPU: \d{1,4}: transmit queue (?<queue2>\d{1,4}) timed out/,
    ],
    severity: 'error',
    title: 'A network transmit queue stalled',
    cause:
      "the driver stopped a transmit queue (its ring was full) and no transmit completion freed it within the watchdog time, so the stack calls the driver's timeout handler, which usually resets the NIC. In a guest with a passed-through NIC or VF: the completion interrupts do not arrive (MSI-X not delivered: interrupt remapping or posted interrupts on the host, vCPU starved), the device hung, or the physical function reset the VF underneath the guest (the host's PF driver log shows it)",
    fix: "check the guest's /proc/interrupts for the NIC's vectors (counts not rising = interrupts not delivered) and the host's log for the PF driver and vfio-pci at that time; update the PF/VF drivers and NIC firmware",
    refine: (f) =>
      f.driver === 'virtio_net'
        ? {
            cause:
              "a virtio-net transmit queue stalled: the host side did not process the guest's transmit ring — the vhost-net thread or the VMM's net backend (or a vDPA/VF behind it) stopped, or its notification did not reach it. It is a host-side backend matter, not the guest's driver",
            fix: "check the host: the VMM's and vhost threads (CPU, blocked), the tap/bridge or vDPA device, and QEMU's log; with vhost-user, the backend (e.g. OVS-DPDK) log",
          }
        : undefined,
    render: render('', 'eth0', 'ixgbevf', 0),
    examples: [
      ex('NETDEV WATCHDOG: ens5 (iavf): transmit queue 3 timed out 5008 ms', {
        ifname: 'ens5',
        driver: 'iavf',
        queue: '3',
      }),
    ],
  },
  {
    id: 'kernel.hda-corb-reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux sound/hda/hdac_controller.c azx_clear_corbrp() (older sound/pci/hda/hda_controller.c azx_init_cmd_io())',
    format: 'CORB reset timeout#%d, CORBRP = %d\n',
    patterns: [/CORB reset timeout#(?<step>[12]), CORBRP = (?<corbrp>\d{1,5})/],
    severity: 'warning',
    title: 'The HD-audio controller did not reset its command ring',
    cause:
      "snd_hda_intel reset the controller's command ring (CORB) and the read pointer never showed the reset, so codec commands may not work. CORBRP = 65535 is a register reading all ones: the audio function is not answering at all. For a GPU's HDMI/DP audio function (x.1) in a guest, that is the function powered down with the GPU or not brought back by the host's reset of the GPU",
    fix: "pass the GPU's audio function together with the GPU (same slot, multifunction), reset them together on the host, and keep them powered (vfio-pci disable_idle_d3=1 on the host); if audio is not needed, leave the function out of the VM",
    refine: (f) =>
      f.corbrp === '65535'
        ? undefined
        : {
            severity: 'info',
            cause:
              "snd_hda_intel reset the controller's command ring (CORB) and the read pointer did not show the reset within 1 ms; the register still answers (not all ones), so the controller is alive and usually works on; some controllers are known to report it at start-up",
          },
    render: render('snd_hda_intel 0000:0a:00.1: ', 2, 65535),
    examples: [ex('snd_hda_intel 0000:00:05.1: CORB reset timeout#2, CORBRP = 65535', { corbrp: '65535' })],
  },
  // ---------------------------------------------------------------- Windows guests
  {
    id: 'windows.storport-reset-129',
    source: 'windows',
    cite: 'Windows storport.sys, System event log, event ID 129 (source: the miniport: stornvme, viostor, vioscsi, storahci) (closed source; the text is the event message)',
    format: 'Reset to device, \\Device\\RaidPort%d, was issued.',
    patterns: [/Reset to device, \\Device\\RaidPort(?<port>\d{1,3}),? was issued/],
    severity: 'warning',
    title: 'Windows reset a storage adapter after a request timed out (event 129)',
    cause:
      "storport gave up on a request that the adapter did not complete within the timeout (TimeOutValue, 30 s by default) and reset the device/bus. For virtio disks (viostor/vioscsi) the host's storage backend did not complete the I/O in time (a slow or stalled image, NFS or SAN), which the virtio-win maintainers point to; for a passed-through NVMe drive (stornvme) the drive did not complete it or its completion interrupt did not reach the guest",
    fix: "for virtio disks: check the host storage behind the VM disk (latency, NFS/SAN), the host's QEMU log, and update virtio-win; for a passed-through NVMe drive: check the host log for AER/reset errors of the drive and interrupt delivery (MSI-X) to the VM",
    render: render('', 0),
    examples: [
      ex(
        'Reset to device, \\Device\\RaidPort0, was issued Reset to device, \\Device\\RaidPort01, was issued',
        { port: '0' },
        'https://github.com/virtio-win/kvm-guest-drivers-windows/issues/144',
      ),
    ],
  },
  {
    id: 'windows.bugcheck-thread-stuck-in-driver',
    source: 'windows',
    cite: `${MS_BUGCHECK}: bug check 0xEA THREAD_STUCK_IN_DEVICE_DRIVER`,
    format: 'THREAD_STUCK_IN_DEVICE_DRIVER',
    patterns: [/\bTHREAD_STUCK_IN_DEVICE_DRIVER\b(?: \((?<module>[\w.]{1,32})\))?/i],
    severity: 'error',
    title: 'The guest crashed because a display driver waited forever for the GPU (0xEA)',
    cause:
      'Microsoft: a thread in a device driver is spinning endlessly, usually a display driver waiting for the graphics hardware to become idle — the GPU stopped responding. In a VM that is the passed-through GPU hung or not answering: not reset since its last use, interrupts not delivered (MSI off for the GPU in the guest), or a GPU that fell off the bus on the host',
    fix: `enable MSI for the GPU (and its audio function) in the guest; ${RESET_ON_HOST}`,
    render: render('Stop code: '),
    examples: [ex('Stop code: THREAD_STUCK_IN_DEVICE_DRIVER (nvlddmkm.sys)', { module: 'nvlddmkm.sys' })],
  },
  {
    id: 'windows.bugcheck-gpu-driver-exception',
    source: 'windows',
    cite: `${MS_BUGCHECK}: bug check 0x7E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED, 0x1E KMODE_EXCEPTION_NOT_HANDLED, 0x50 PAGE_FAULT_IN_NONPAGED_AREA, 0x3B SYSTEM_SERVICE_EXCEPTION, naming a GPU driver module`,
    format: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (%s)',
    versions:
      'GPU driver modules: nvlddmkm.sys (NVIDIA), atikmdag.sys / atikmpag.sys / amdkmdag.sys (AMD), igdkmd64.sys / igdkmdn64.sys / igdkmdnd64.sys (Intel)',
    patterns: [
      /(?<check>SYSTEM_THREAD_EXCEPTION_NOT_HANDLED|KMODE_EXCEPTION_NOT_HANDLED|PAGE_FAULT_IN_NONPAGED_AREA|SYSTEM_SERVICE_EXCEPTION)(?: ?\(| )(?<module>nvlddmkm|atikmdag|atikmpag|amdkmdag|igdkmd64|igdkmdn64|igdkmdnd64)\.sys\b/i,
    ],
    severity: 'error',
    title: 'The guest crashed inside the GPU driver',
    cause:
      "the GPU driver named in parentheses faulted in kernel mode and Windows stopped. Under passthrough the driver usually faults on something the VM shows it differently from bare metal: writes to the GPU's PCI command register filtered by the VMM (Xen pciback without permissive mode drops them — the cause found in QubesOS issue 9003 for nvlddmkm.sys), a GPU not reset since its last use, or a BAR or ROM the guest cannot map",
    fix: `on Xen/Qubes, give the GPU permissive config access (qvm-pci attach --option permissive=true, or pciback permissive); on KVM, ${RESET_ON_HOST}; and install the GPU driver fresh (DDU) to rule out a broken install`,
    render: render('Stop code: ', 'nvlddmkm.sys'),
    examples: [
      ex(
        'Windows 10 crashes while installing nvidia drivers SYSTEM_THREAD_EXCEPTION_NOT_HANDLED(Nvlddmkm.sys)',
        { module: 'Nvlddmkm' },
        'https://github.com/QubesOS/qubes-issues/issues/9003',
      ),
      ex(
        'SYSTEM_SERVICE_EXCEPTION amdkmdag.sys',
        { check: 'SYSTEM_SERVICE_EXCEPTION', module: 'amdkmdag' },
        'https://github.com/isc30/ryzen-gpu-passthrough-proxmox/issues/132',
      ),
    ],
  },
  {
    id: 'windows.code-45',
    source: 'windows',
    cite: `${MS_CODES}: Code 45 CM_PROB_PHANTOM`,
    format: 'Currently, this hardware device is not connected to the computer. (Code 45)',
    patterns: [/\([Cc]ode 45\)/, /this hardware device is not connected to the computer/],
    severity: 'info',
    title: 'A device the guest saw before is not there now (Code 45)',
    cause:
      'Windows keeps an entry for every device it has seen; this one is not present in the current boot. In a VM that is normal after the passed-through device moved to another guest PCI address (a new slot or bus in the VM configuration creates a new device instance) or was not attached this time; the device working now appears as a second entry',
    fix: 'nothing if the device works under its other entry; remove the stale entry (Device Manager, View > Show hidden devices, Uninstall device); keep the guest PCI address fixed in the VM configuration so it does not happen again',
    render: render(''),
    examples: [ex('Currently, this hardware device is not connected to the computer. (Code 45)')],
  },
  {
    id: 'windows.code-14',
    source: 'windows',
    cite: `${MS_CODES}: Code 14 CM_PROB_NEED_RESTART`,
    format: 'This device cannot work properly until you restart your computer. (Code 14)',
    patterns: [/\([Cc]ode 14\)/, /This device cannot work properly until you restart your computer/],
    severity: 'info',
    title: 'The device waits for a guest restart (Code 14)',
    cause:
      'the driver change (an installed or updated GPU driver, or a device added while the guest ran) takes effect only after Windows restarts; nothing is wrong with the passthrough itself',
    fix: 'restart the guest (a restart from Windows, not a host-side reset of the VM, so the driver install completes); if the GPU then shows Code 43 or 10, see those',
    render: render(''),
    examples: [ex('This device cannot work properly until you restart your computer. (Code 14)')],
  },
  {
    id: 'windows.code-24',
    source: 'windows',
    cite: `${MS_CODES}: Code 24 CM_PROB_DEVICE_NOT_THERE`,
    format:
      'This device is not present, is not working properly, or does not have all its drivers installed. (Code 24)',
    patterns: [
      /\([Cc]ode 24\)/,
      /This device is not present, is not working properly, or does not have all its drivers installed/,
    ],
    severity: 'error',
    title: 'Windows finds the device absent or half set up (Code 24)',
    cause:
      'Microsoft: the device is not present, not working, or its drivers are not all installed; also a device left in a prepared-for-removal state. Under passthrough: a device that stopped answering while the guest ran (a GPU that fell off the bus, a device the host took back or reset), or a driver install that did not finish',
    fix: 'check the host log for the device (vfiokit diagnose --dmesg: reset, AER, "fallen off the bus"); restart the VM; reinstall the driver if it persists',
    render: render(''),
    examples: [
      ex(
        'This device is not present, is not working properly, or does not have all its drivers installed. (Code 24)',
      ),
    ],
  },
];

/** Sibling wordings the entries above also recognise (older versions, the other branch of one check). */
export const GUEST_SIDE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.nvidia-gfw-boot-timeout',
    file: `${OGKM}/src/kernel/gpu/arch/turing/kern_gpu_tu102.c`,
    format: 'failed to wait for GFW_BOOT: (progress 0x%x)\n',
    text: 'NVRM: GPU0 gpuWaitForGfwBootComplete_TU102: failed to wait for GFW_BOOT: (progress 0x1)',
  },
  {
    id: 'kernel.nvidia-gsp-vbios-unreadable',
    file: `${OGKM}/src/kernel/gpu/gsp/arch/turing/kernel_gsp_vbios_tu102.c`,
    format: 'failed to locate expansion ROMs: 0x%x\n',
    text: 'NVRM: kgspExtractVbiosFromRom_TU102: failed to locate expansion ROMs: 0x25',
  },
  {
    id: 'kernel.nvidia-gsp-vbios-unreadable',
    file: `${OGKM}/src/kernel/gpu/gsp/arch/turing/kernel_gsp_vbios_tu102.c`,
    format: 'expansion ROM has exceedingly large size: 0x%x\n',
    text: 'NVRM: kgspExtractVbiosFromRom_TU102: expansion ROM has exceedingly large size: 0x1800000',
  },
  {
    id: 'kernel.nvidia-cc-not-enabled',
    file: `${OGKM}/src/kernel/gpu/conf_compute/conf_compute.c`,
    format: 'GPU does not support confidential compute.\n',
    text: 'NVRM: confComputeConstructEngine_IMPL: GPU does not support confidential compute.',
  },
  {
    id: 'kernel.swiotlb-buffer-full',
    file: 'torvalds/linux kernel/dma/swiotlb.c',
    format: 'swiotlb buffer is full (sz: %zd bytes)\n',
    text: 'nvme 0000:00:04.0: swiotlb buffer is full (sz: 262144 bytes)',
  },
  {
    id: 'kernel.nvme-controller-down',
    file: `${NVME}/pci.c`,
    format: 'controller is down; will reset: CSTS=0x%x, PCI_STATUS read failed (%d)\n',
    text: 'nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS read failed (134)',
  },
  {
    id: 'kernel.nvme-power-saving-hint',
    file: `${NVME}/pci.c`,
    format: 'Try "nvme_core.default_ps_max_latency_us=0 pcie_aspm=off pcie_port_pm=off" and report a bug\n',
    text: 'nvme nvme0: Try "nvme_core.default_ps_max_latency_us=0 pcie_aspm=off pcie_port_pm=off" and report a bug',
  },
  {
    id: 'kernel.nvme-removing-after-probe-failure',
    file: `${NVME}/pci.c`,
    format: 'Disabling device after reset failure: %d\n',
    text: 'nvme nvme0: Disabling device after reset failure: -19',
  },
  {
    id: 'kernel.netdev-watchdog-tx-timeout',
    file: 'torvalds/linux net/sched/sch_generic.c',
    format: 'NETDEV WATCHDOG: CPU: %d: transmit queue %u timed out %u ms\n',
    text: 'iavf 0000:00:06.0 ens6: NETDEV WATCHDOG: CPU: 2: transmit queue 0 timed out 5376 ms',
  },
  {
    id: 'kernel.amdgpu-bios-signature',
    file: `${AMDGPU}/amdgpu_bios.c`,
    format: 'VBIOS signature incorrect %x %x\n',
    text: 'amdgpu 0000:00:10.0: VBIOS signature incorrect ff ff',
  },
];

/** Guest-side messages considered and left out, with the reason. */
export const GUEST_SIDE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/gfx_v10_0.c',
    format: 'amdgpu: cp failed to lock ring (%d).\n',
    why: 'amdgpu_ring_alloc() fails only when a request exceeds the ring size (a driver bug), not from anything passthrough does; no thread ties it to a VM',
  },
  {
    file: 'torvalds/linux drivers/usb/host/xhci-ring.c',
    format: 'xHCI host controller not responding, assume dead\n',
    why: 'the threads found are bare-metal controller and firmware faults (park mode, LPM); no cause specific to a passed-through controller could be established',
  },
  {
    file: 'torvalds/linux drivers/net/ethernet/mellanox/mlx5/core/cmd.c',
    format: '%s(0x%x) timeout. Will cause a leak of a command resource\n',
    why: 'a firmware command timeout of any mlx5 function; what a guest VF adds to it could not be established from the source or a thread',
  },
];
