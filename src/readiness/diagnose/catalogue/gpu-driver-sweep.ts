/**
 * The GPU's own drivers around passthrough, swept from their sources for what the earlier files
 * left unrecognised: what the NVIDIA module prints when it probes a GPU on the host (before it is
 * handed to vfio-pci, or after it comes back) or in a guest that got it (kernel-open/nvidia/nv-pci.c:
 * a register BAR someone else holds, no IRQ, a legacy GPU, a resizable BAR it could not grow, SR-IOV
 * VFs; nv.c's load banner; the user-space/kernel version check), amdgpu's start-up and recovery
 * lines (IP discovery, ring and IB tests, PSP commands, SMU interface version, GPUVM faults, GPU
 * reset, where the VBIOS came from, PCIe atomics), i915/xe in a guest (force_probe, GPU hangs) and
 * the HD-audio function of a GPU (snd_hda_intel's routine lines). Harmless lines are 'info' and say
 * so. GPU_DRIVER_ALSO and GPU_DRIVER_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

const NV_PCI = 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-pci.c';
const AMDGPU = 'torvalds/linux drivers/gpu/drm/amd/amdgpu';

/** The GPU generations each legacy branch is the last driver for (NVIDIA's legacy GPU list). */
const LEGACY_BRANCHES: readonly [RegExp, string, string][] = [
  [
    /^580/,
    'Maxwell, Pascal and Volta (GeForce GTX 750, 900 and 10 series, Quadro M/P, Tesla M and P such as the P4, P40 and P100, and the V100)',
    '590',
  ],
  [/^470/, 'Kepler (GeForce 600 and 700 series, Tesla K such as the K80)', '495'],
  [/^390/, 'Fermi (GeForce 400 and 500 series)', '396'],
  [/^340/, 'the Tesla generation (GeForce 8, 9, 200 and 300 series)', '343'],
];

/** Which generation the legacy branch named in the notice serves, and what that means here. */
function refineLegacyBranch(f: Facts): Refinement | undefined {
  const branch = f.branch;
  if (!branch) return undefined;
  const known = LEGACY_BRANCHES.find(([re]) => re.test(branch));
  const what = known
    ? `${known[1]}: the ${known[2]} series dropped them and ${branch} is their last branch`
    : `a GPU generation whose last driver is the ${branch} legacy branch`;
  return {
    cause: `the NVIDIA driver loaded is newer than the newest one for this GPU — ${what} — so it ignores the card ("No NVIDIA GPU found" follows when it was the only one). In a guest the guest runs a driver too new for the assigned card; on a vGPU host the host driver branch no longer supports the card, so it creates no vGPU types for it (vGPU releases dropped older generations earlier than the desktop driver)`,
    fix: `install the ${branch} branch (distributions package it separately, e.g. nvidia-${branch.replace(/\.xx$/, '')}xx or a legacy_${branch.replace(/\.xx$/, '')} option) in the machine that printed it, and hold the driver packages there so an upgrade does not bring the new branch back; for vGPU use a vGPU release whose host driver still lists the card`,
  };
}

/** Who holds an NVIDIA GPU the nvidia module found already bound. */
function refineBoundTo(f: Facts): Refinement | undefined {
  const holder = (f.holder ?? '').trim();
  if (/^(?:vfio-pci|pci-stub|pciback|xen-pciback)$/.test(holder))
    return {
      severity: 'info',
      title: 'The NVIDIA driver leaves a GPU that vfio-pci holds (expected)',
      cause: `the nvidia module found this GPU bound to ${holder} when it loaded and leaves it alone: it is reserved for a VM. Expected on a passthrough host; the "probe routine was not called" summary that follows counts these GPUs`,
      fix: 'nothing to do when this GPU is meant for a guest; to use it on the host, unbind it from vfio-pci and drop its ID from vfio-pci.ids=, then bind nvidia',
    };
  if (/^nouveau$/.test(holder))
    return {
      cause:
        'nouveau had bound this GPU before the nvidia module loaded, so nvidia cannot drive it; on a passthrough host nouveau may also have touched the GPU before vfio-pci got it (state a guest driver then trips over)',
      fix: 'blacklist nouveau (modprobe.d "blacklist nouveau" and "options nouveau modeset=0", rebuild the initramfs) and reboot; for a GPU meant for a VM bind vfio-pci early instead (vfio-pci.ids= or softdep)',
    };
  return undefined;
}

/** The three resizable-BAR failures of nv_resize_pcie_bars(). */
function refineRebar(f: Facts): Refinement | undefined {
  if (f.step === 'No address space')
    return {
      severity: 'warning',
      cause:
        'the nvidia driver tried to grow BAR1 to the largest size the GPU offers (Resizable BAR) and the bridge window above it had no room for any larger size; it puts BAR1 back at its old size and goes on. In a guest the 64-bit MMIO window the firmware (OVMF) gave the root port is too small',
    };
  return undefined;
}

/** amdgpu's IP discovery: where it read the table from. */
function refineDiscovery(f: Facts): Refinement | undefined {
  if (f.where === 'file')
    return {
      cause:
        'amdgpu could not use the IP discovery file (amdgpu/<chip>_ip_discovery.bin or ip_discovery.bin from linux-firmware): it is missing or not the one this kernel expects; kernels that read the table from a file for older chips need a linux-firmware of the same age',
      fix: 'install or update linux-firmware in the machine that printed it (the guest, for an assigned GPU) and rebuild its initramfs',
    };
  return undefined;
}

/** A ring or IB test by its errno: -110 is the engine not running at all. */
function refineRingTest(f: Facts): Refinement | undefined {
  if (f.err === '-110' || f.err === '-62')
    return {
      cause: `the ${f.ring ?? ''} engine did not execute the test packet within the timeout: the GPU is not running its command processors. After passthrough this is the classic sign of a GPU not reset since its last user (AMD cards without a working reset: the second VM start fails, or amdgpu on the host after the VM), or of microcode that did not load`,
    };
  return undefined;
}

/** A PSP command by name: trusted applications are optional, the rest is the GPU start. */
function refinePspCommand(f: Facts): Refinement | undefined {
  if (f.cmd === 'LOAD_TA' || f.cmd === 'INVOKE_CMD' || f.cmd === 'UNLOAD_TA')
    return {
      severity: 'info',
      cause:
        'the PSP refused to load or call one of its optional trusted applications (HDCP, DTM, RAS, secure display); amdgpu goes on without that feature. Harmless on its own, common on consumer cards and in guests',
      fix: 'nothing to do unless a "PSP firmware loading failed" or "hw_init of IP block <psp> failed" line follows; then see that line',
    };
  return undefined;
}

/** A GPU reset by its outcome. */
function refineReset(f: Facts): Refinement | undefined {
  if (f.outcome === 'succeeded')
    return {
      severity: 'info',
      title: 'amdgpu reset the GPU and it came back',
      cause:
        'a job hung (the "ring ... timeout" line before it) and amdgpu reset the GPU successfully; the hung application lost its context. One reset is survivable; in a guest, repeated resets point at the card or its passthrough (power management, a reset the card does not support)',
      fix: 'nothing to do if it is rare; if it repeats, find the application that hangs it and, in a guest, check the host side (vendor-reset, no host driver on the card)',
    };
  if (f.outcome === 'failed' || (f.ret !== undefined && f.ret !== '0'))
    return {
      severity: 'error',
      cause:
        "amdgpu's reset of the hung GPU failed: the GPU stays unusable until it is reset another way. In a guest the reset amdgpu uses (BACO or mode1 through the SMU) often does not work on an assigned card, and the card only recovers when the host resets it",
      fix: 'shut the VM down and let the host reset the card (vendor-reset for Polaris/Vega/Navi 1x); if it still fails, power-cycle the host',
    };
  return undefined;
}

/** Where amdgpu found the VBIOS, as it matters for an assigned card. */
function refineVbiosSource(f: Facts): Refinement | undefined {
  const from = f.from ?? '';
  if (from === 'ROM BAR')
    return {
      cause:
        "amdgpu read the VBIOS from the card's expansion ROM BAR: in a guest that is the ROM the VMM exposes (the card's own, or a romfile= image), so the guest sees a valid VBIOS. Routine",
    };
  if (from === 'VFCT')
    return {
      cause:
        'amdgpu read the VBIOS from the ACPI VFCT table the system firmware built while posting the card (the boot GPU on the host). Routine',
    };
  return undefined;
}

export const GPU_DRIVER_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- NVIDIA: nv_pci_probe() and nv_pci_count_devices() ----
  {
    id: 'kernel.nvidia-bar0-claimed',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (nv_pci_probe() in older releases)`,
    format:
      "NVRM: request_mem_region failed for %lluM @ 0x%llx. This can\nNVRM: occur when a driver such as rivatv is loaded and claims\nNVRM: ownership of the device's registers.\n",
    versions: 'the same three lines in every release; older ones print the size with %d',
    patterns: [/NVRM: request_mem_region failed for (?<size>\d{1,6})M @ (?<addr>0x[0-9a-fA-F]{1,16})/],
    severity: 'error',
    title: "The NVIDIA driver could not claim the GPU's register BAR",
    cause:
      'the nvidia module probes the GPU and requests its register BAR (BAR0), and something already holds that address range: a framebuffer driver for NVIDIA cards (nvidiafb, rivafb), a stale instance of nvidia from a removal that did not finish, or a firmware framebuffer range (BOOTFB, efifb, simple-framebuffer) that overlaps the BAR after the BARs were moved. On a passthrough host this shows up when the GPU is handed back from vfio-pci while such a range is still registered; the probe fails and the GPU stays without a driver',
    fix: 'look the address up in /proc/iomem (`sudo grep -i -B1 -A2 "<address>" /proc/iomem`) to see who holds it; blacklist nvidiafb/rivafb, keep firmware framebuffers off this GPU (video=efifb:off, initcall_blacklist=sysfb_init) and reboot if a removal hung',
    render: render('', 16, 0xfb000000),
    examples: [
      ex(
        "NVRM: request_mem_region failed for 16M @ 0xfb000000. This can\nNVRM: occur when a driver such as rivatv is loaded and claims\nNVRM: ownership of the device's registers.",
        { size: '16', addr: '0xfb000000' },
      ),
      ex('[    5.822310] NVRM: request_mem_region failed for 16M @ 0xde000000. This can', { size: '16' }),
    ],
  },
  {
    id: 'kernel.nvidia-gpu-bound-elsewhere',
    source: 'kernel',
    cite: `${NV_PCI} check_for_bound_driver() (from nv_pci_count_devices())`,
    format: 'NVRM: GPU %04x:%02x:%02x.%x is already bound to %s.\n',
    versions:
      'printed when the module loads, for each NVIDIA GPU another driver holds, before "NVRM: The NVIDIA probe routine was not called for %d device(s)."; older releases print only that summary',
    patterns: [new RegExp(`NVRM: GPU ${BDF} is already bound to (?<holder>[\\w -]{1,40})\\.`)],
    severity: 'warning',
    title: 'The NVIDIA driver found a GPU bound to another driver',
    cause:
      'when the nvidia module loaded, this NVIDIA GPU was already bound to another kernel driver, so nvidia does not drive it',
    fix: 'if the GPU is meant for the host, unbind it from that driver and bind nvidia (or stop that driver from loading); if it is meant for a VM, nothing to do',
    refine: refineBoundTo,
    render: render('', 0, 1, 0, 0, 'vfio-pci'),
    examples: [
      ex('NVRM: GPU 0000:01:00.0 is already bound to vfio-pci.', { bdf: '0000:01:00.0', holder: 'vfio-pci' }),
      ex('[    3.912004] NVRM: GPU 0000:0b:00.0 is already bound to nouveau.', { holder: 'nouveau' }),
    ],
  },
  {
    id: 'kernel.nvidia-pci-enable-failed',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (nv_pci_probe() in older releases)`,
    format: 'NVRM: pci_enable_device failed, aborting\n',
    patterns: [/NVRM: pci_enable_device failed, aborting/],
    severity: 'error',
    title: 'The NVIDIA driver could not enable the GPU on the PCI bus',
    cause:
      'pci_enable_device() failed, so the kernel could not switch on the GPU\'s memory decoding: one of its BARs has no address (not assigned, or too large for the bridge window: a "can\'t enable device: BAR ... not claimed" line sits above it), or the device cannot be powered up (stuck in D3cold, not answering after its last user). In a guest this is a BAR the VM firmware did not place (a large BAR1 with too small a 64-bit MMIO window)',
    fix: 'read the pci lines for this address above it (`dmesg | grep <address>`); on the host enable Above 4G decoding or boot with pci=realloc; in a guest give the VM a larger 64-bit MMIO window (OVMF: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536); if the GPU does not answer, power-cycle the host',
    render: render(''),
    examples: [ex('[    6.132114] NVRM: pci_enable_device failed, aborting')],
  },
  {
    id: 'kernel.nvidia-no-irq',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (nv_pci_probe() in older releases)`,
    format: "NVRM: Can't find an IRQ for your NVIDIA card!\n",
    versions:
      'followed by "NVRM: Please check your BIOS settings.", "NVRM: [Plug & Play OS] should be set to NO" and "NVRM: [Assign IRQ to VGA] should be set to YES"; not treated as an error under Hyper-V',
    patterns: [/NVRM: Can't find an IRQ for your NVIDIA card!/],
    severity: 'error',
    title: 'The GPU has no interrupt the NVIDIA driver can use',
    cause:
      "the GPU reports no legacy interrupt line (pdev->irq is 0) and has no MSI-X capability, so the driver has no way to take interrupts and gives up. In a guest the VMM did not route the assigned device's INTx pin (a guest booted with acpi=off or pci=noacpi loses the routing too); on bare metal the firmware assigned no IRQ to the display device",
    fix: 'in a guest check `lspci -vv -s <address>` for "Interrupt: pin A routed to IRQ n", keep ACPI on, and use a current machine type (q35); on bare metal set the firmware options the message names (no PnP OS, assign an IRQ to VGA)',
    render: render(''),
    examples: [ex("[    5.402118] NVRM: Can't find an IRQ for your NVIDIA card!")],
  },
  {
    id: 'kernel.nvidia-legacy-gpu',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (rm_is_supported_pci_device() said no)`,
    format: 'NVRM: ignoring the legacy GPU %04x:%02x:%02x.%x\n',
    versions:
      'printed after the resource manager\'s notice "NVRM: The NVIDIA NAME GPU installed in this system is / NVRM:  supported through the NVIDIA BRANCH Legacy drivers. Please / … The VERSION NVIDIA driver will ignore / NVRM:  this GPU.  Continuing probe..." (the X driver prints the same notice as "(WW) NVIDIA(0): "); the branch named there is the one to install',
    patterns: [
      new RegExp(`NVRM: ignoring the legacy GPU ${BDF}`),
      /supported through the NVIDIA (?<branch>[\w.-]{1,16}) Legacy drivers/,
    ],
    severity: 'warning',
    title: 'The NVIDIA driver does not support this (older) GPU',
    cause:
      'this driver release no longer supports the GPU generation: NVIDIA moved it to a legacy branch (Maxwell, Pascal and Volta to 580, Kepler to 470, Fermi to 390, older ones earlier), so nvidia leaves it without a driver. On a host with an old GPU for the desktop and a new one for the guest this is expected for the old one; in a guest it means the guest runs a driver too new for the assigned card; on a vGPU host it means the host driver branch no longer supports the card, so it creates no vGPU types for it',
    fix: 'install the legacy driver branch for this GPU (or use nouveau) in the machine that printed it; in a guest pick the guest driver by the assigned card, not by the host; for vGPU use a vGPU release whose host driver still supports the card',
    refine: refineLegacyBranch,
    render: render('', 0, 2, 0, 0),
    examples: [
      ex('[    4.201118] NVRM: ignoring the legacy GPU 0000:02:00.0', { bdf: '0000:02:00.0' }),
      ex('NVRM:  supported through the NVIDIA 470.xx Legacy drivers. Please', { branch: '470.xx' }),
    ],
  },
  {
    id: 'kernel.nvidia-rebar-failed',
    source: 'kernel',
    cite: `${NV_PCI} nv_resize_pcie_bars() / nv_pci_probe_body()`,
    format: 'NVRM: Fatal Error while attempting to resize PCIe BARs.\n',
    versions:
      'releases with resizable-BAR support (kernels with pci_rebar_get_possible_sizes()); before it nv_resize_pcie_bars() prints "NVRM: No address space to allocate resized BAR1." (then retries the old size) or "NVRM: FATAL: Failed to re-allocate BAR1."',
    patterns: [
      /NVRM: (?<step>Fatal Error) while attempting to resize PCIe BARs/,
      /NVRM: (?<step>FATAL: Failed to re-allocate) BAR1/,
      /NVRM: (?<step>No address space) to allocate resized BAR1/,
    ],
    severity: 'error',
    title: "The NVIDIA driver lost the GPU's BAR1 while resizing it",
    cause:
      "the nvidia driver releases BAR1 and BAR3 to grow BAR1 to the largest size the GPU offers (Resizable BAR), and the kernel could not place them again, not even at the old size: the probe fails. In a guest the 64-bit MMIO window the VM firmware gave the root port is too small for the GPU's BARs; on the host the bridge window above the GPU is",
    fix: 'stop the driver from resizing: `options nvidia NVreg_EnableResizableBar=0` in /etc/modprobe.d/ (rebuild the initramfs); or give the guest a larger 64-bit MMIO window (OVMF: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536) and, on the host, enable Above 4G decoding',
    refine: refineRebar,
    render: render(''),
    examples: [
      ex('[    7.031420] NVRM: Fatal Error while attempting to resize PCIe BARs.', { step: 'Fatal Error' }),
      ex('NVRM: No address space to allocate resized BAR1.', { step: 'No address space' }),
    ],
  },
  {
    id: 'kernel.nvidia-rebar-not-resized',
    source: 'kernel',
    cite: `${NV_PCI} nv_resize_pcie_bars()`,
    format: 'NVRM: BAR resize resource not supported.\n',
    versions: 'also "NVRM: BAR resizing failed with error `%d`." (any other error of pci_resize_resource())',
    patterns: [
      /NVRM: BAR resize resource not supported/,
      /NVRM: BAR resizing failed with error `(?<err>-?\d{1,4})`/,
    ],
    severity: 'info',
    title: 'The NVIDIA driver kept BAR1 at its current size (harmless)',
    cause:
      'the nvidia driver asked the kernel to grow BAR1 (Resizable BAR) and the kernel or platform refused; BAR1 stays at the size it had and the GPU works. In a guest the hypervisor usually does not let the guest resize the BAR of an assigned device, so it keeps the size the host gave it',
    fix: 'nothing to do; for a larger BAR1 in a guest resize it on the host before the VM starts (the resource1_resize file of the device in sysfs, with the GPU unbound)',
    render: render(''),
    examples: [
      ex('NVRM: BAR resize resource not supported.'),
      ex('[    6.900112] NVRM: BAR resizing failed with error `-22`.', { err: '-22' }),
    ],
  },
  {
    id: 'kernel.nvidia-init-failed-during-probe',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body()`,
    format: 'NVRM: GPU %04x:%02x:%02x.%x init failed during probe (ret=%d).\n',
    versions:
      'recent releases that start the GPU at probe time; older ones start it at the first open and print only the RmInitAdapter lines',
    patterns: [new RegExp(`NVRM: GPU ${BDF} init failed during probe \\(ret=(?<ret>-?\\d{1,5})\\)`)],
    severity: 'error',
    title: 'The NVIDIA driver could not start the GPU while probing it',
    cause:
      'the driver registered the GPU but bringing it up failed; the device stays registered without working. The RmInitAdapter or GSP lines just before it say why: after passthrough usually a GPU not reset since its last user (GSP still running, "WPR2 already up"), a missing GSP firmware file, or a BAR the GPU cannot use',
    fix: 'read `dmesg | grep NVRM` above it; reset the GPU before the driver sees it (no host driver on a GPU meant for a VM, a VM that shut down cleanly), or power-cycle the host',
    render: render('', 0, 1, 0, 0, -5),
    examples: [
      ex('NVRM: GPU 0000:01:00.0 init failed during probe (ret=-5).', { bdf: '0000:01:00.0', ret: '-5' }),
    ],
  },
  {
    id: 'kernel.nvidia-vf-no-iommu',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (vGPU host build, NV_VGPU_KVM_BUILD)`,
    format: 'NVRM: Aborting probe for VF %04x:%02x:%02x.%x since IOMMU is not present on the system.\n',
    patterns: [new RegExp(`NVRM: Aborting probe for VF ${BDF} since IOMMU is not present`)],
    severity: 'error',
    title: 'The NVIDIA vGPU host driver refuses SR-IOV VFs without an IOMMU',
    cause:
      'on an SR-IOV vGPU card (Ampere and later) each vGPU is a virtual function; the vGPU host driver only takes the VFs when the IOMMU translates their DMA, and found no IOMMU: it is off in the firmware or on the kernel command line',
    fix: 'enable VT-d/AMD-Vi in the firmware and boot with intel_iommu=on (AMD: on by default), then enable the VFs again (sriov-manage -e ALL)',
    render: render('', 0, 0x41, 0, 4),
    examples: [
      ex('NVRM: Aborting probe for VF 0000:41:00.4 since IOMMU is not present on the system.', {
        bdf: '0000:41:00.4',
      }),
    ],
  },
  {
    id: 'kernel.nvidia-vf-ignored',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe_body() (drivers built without vGPU support)`,
    format: 'NVRM: Ignoring probe for VF %04x:%02x:%02x.%x ',
    patterns: [new RegExp(`NVRM: Ignoring probe for VF ${BDF}`)],
    severity: 'info',
    title: 'The NVIDIA driver leaves an SR-IOV virtual function alone',
    cause:
      'the nvidia module loaded here is not the vGPU host build, and it does not drive SR-IOV virtual functions: it declines the VF (the driver core then logs "probe ... failed with error -1" for it). Harmless; the VFs are for vfio-pci or the vGPU manager',
    fix: 'nothing to do unless you meant to run vGPU: then install the NVIDIA vGPU host driver (its KVM build) instead of the regular one',
    render: render('', 0, 0x41, 0, 4),
    examples: [ex('NVRM: Ignoring probe for VF 0000:41:00.4 ', { bdf: '0000:41:00.4' })],
  },
  {
    id: 'kernel.nvidia-api-mismatch',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osapi.c RmPerformVersionCheck()',
    format:
      'NVRM: API mismatch: the client has the version %s, but\nNVRM: this kernel module has the version %s.  Please\nNVRM: make sure that this kernel module and all NVIDIA driver\nNVRM: components have the same version.\n',
    versions: 'the same four lines in every release; clients using the older numeric check print "%d.%d-%d"',
    patterns: [/NVRM: API mismatch: the client has the version (?<client>[\w.-]{1,40}), but/],
    severity: 'error',
    title: 'NVIDIA user-space and kernel module versions differ',
    cause:
      'a program using the NVIDIA driver (nvidia-smi, the X server or compositor, CUDA, a container hook) comes from another driver release than the nvidia module loaded in the kernel: the driver packages were updated and the old module is still loaded (no reboot since), the initramfs carries an old module, or DKMS built the module from another version. nvidia-smi then reports "Driver/library version mismatch"',
    fix: 'reboot, or unload and reload the modules (rmmod nvidia_drm nvidia_modeset nvidia_uvm nvidia; modprobe nvidia); compare `cat /proc/driver/nvidia/version` with the package version and rebuild the initramfs',
    render: render('', '535.171.04', '535.161.07'),
    examples: [
      ex(
        'NVRM: API mismatch: the client has the version 550.78, but\nNVRM: this kernel module has the version 550.67.  Please\nNVRM: make sure that this kernel module and all NVIDIA driver\nNVRM: components have the same version.',
        { client: '550.78' },
      ),
    ],
  },
  {
    id: 'kernel.nvidia-module-loaded',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c nvidia_init_module()',
    format: 'NVRM: loading %s',
    versions:
      'the %s is the module banner: "NVIDIA UNIX x86_64 Kernel Module  <version>  <date>" for the proprietary modules, "NVIDIA UNIX Open Kernel Module for x86_64  <version>  Release Build ..." for the open ones',
    patterns: [
      /NVRM: loading NVIDIA UNIX (?<flavour>Open Kernel Module for [\w-]{1,16}|[\w-]{1,16} Kernel Module) {1,3}(?<version>\d{2,3}\.\d{1,3}(?:\.\d{1,3})?)/,
    ],
    severity: 'info',
    title: 'The NVIDIA kernel module loaded (routine)',
    cause:
      'the nvidia module was loaded; the banner says which release and whether it is the open or the proprietary flavour. Routine, on a host or in a guest; the lines after it say which GPUs it took',
    fix: 'nothing to do; on a passthrough host, a GPU meant for a VM should be bound to vfio-pci before this module loads (softdep or vfio-pci.ids=)',
    render: render('', 'NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024'),
    examples: [
      ex(
        '[    3.402512] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024',
        {
          version: '535.183.01',
        },
      ),
      ex(
        'NVRM: loading NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build  (dvs-builder@U16-I3-B03-4-3)  Thu Feb 22 01:25:25 UTC 2024',
        {
          flavour: 'Open Kernel Module for x86_64',
        },
      ),
    ],
  },
  // ---- amdgpu ----
  {
    id: 'kernel.amdgpu-vbios-optional',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_ip_early_init()`,
    format: 'VBIOS image optional, proceeding without VBIOS image',
    versions:
      'Linux 6.15+; printed right after "Unable to locate a BIOS ROM" for GPUs amdgpu marks AMDGPU_VBIOS_OPTIONAL',
    patterns: [/VBIOS image optional, proceeding without VBIOS image/],
    severity: 'info',
    title: 'amdgpu runs this GPU without a VBIOS (harmless)',
    cause:
      'amdgpu found no VBIOS image and this GPU does not need one: the driver takes what it needs from the IP discovery table and the firmware files. The "Unable to locate a BIOS ROM" line before it is then not fatal',
    fix: 'nothing to do; if the GPU then fails to start, the later lines (IP discovery, PSP) say why',
    render: render('amdgpu 0000:03:00.0: '),
    examples: [ex('amdgpu 0000:03:00.0: VBIOS image optional, proceeding without VBIOS image')],
  },
  {
    id: 'kernel.amdgpu-ip-discovery-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_discovery.c amdgpu_discovery_init()`,
    format: 'get invalid ip discovery binary signature\n',
    versions:
      'Linux 6.x wordings: "get invalid ip discovery binary signature" (6.1–6.5 with " from vram"/" from file"), "invalid ip discovery binary checksum", "invalid ip discovery data table signature", "failed to read ip discovery binary from file"; 5.x: DRM_ERROR("invalid ip discovery binary signature") and "failed to read ip discovery binary"',
    patterns: [
      /(?:get )?invalid ip discovery (?:binary signature|binary checksum|data table signature)(?: from (?<where>vram|file))?/,
      /failed to read ip discovery binary(?: from (?<where>vram|file|mem))?/,
      /amdgpu_discovery_init failed/,
    ],
    severity: 'error',
    title: 'amdgpu could not read the IP discovery table',
    cause:
      "amdgpu learns which blocks the GPU has, and where their registers are, from the IP discovery table the GPU's firmware puts at the top of VRAM at power-up (or from a file in linux-firmware); what it read is not a valid table. After passthrough this means the GPU was not reset since its last user (an RDNA card handed back from a VM to amdgpu, or started in a second VM without a working reset) or its VRAM is not reachable yet; the probe then fails",
    fix: 'reset the card before the driver sees it: vendor-reset for Navi 1x, or a host suspend/resume or full power-off; keep amdgpu off a card meant for a VM; if the table comes from a file, install current linux-firmware (amdgpu.discovery=2 forces the file)',
    refine: refineDiscovery,
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [
      ex('amdgpu 0000:03:00.0: amdgpu: get invalid ip discovery binary signature'),
      ex('[drm:amdgpu_discovery_init [amdgpu]] *ERROR* invalid ip discovery binary signature'),
      ex('amdgpu 0000:0b:00.0: amdgpu: failed to read ip discovery binary from file', { where: 'file' }),
    ],
  },
  {
    id: 'kernel.amdgpu-ring-test-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_ring.c amdgpu_ring_test_helper() / amdgpu_ib.c amdgpu_ib_ring_tests()`,
    format: 'ring %s test failed (%d)\n',
    versions:
      'the IB test prints "IB test failed on %s (%d)."; Linux 4.x gfx_v8 and radeon printed "amdgpu: ring %d test failed (scratch(0x%04X)=0x%08X)"',
    patterns: [
      /ring (?<ring>[\w.]{1,24}) test failed \((?<err>-?\d{1,4})\)/,
      /IB test failed on (?<ring>[\w.]{1,24}) \((?<err>-?\d{1,4})\)/,
      /(?:amdgpu|radeon): ring (?<ring>\d{1,2}) test failed \(scratch/,
    ],
    severity: 'error',
    title: 'amdgpu: a GPU engine failed its self-test',
    cause:
      'amdgpu submits a test packet to each engine (gfx, compute, sdma, vcn) after starting it, and this one did not run it: the engine is not working, so the block fails to start and the GPU init stops ("hw_init of IP block ... failed", "Fatal error during GPU init" follow)',
    fix: 'read the firmware and PSP lines before it; after passthrough reset the card before the driver sees it (vendor-reset, host power-cycle) and keep the host driver off a card meant for a VM; in a guest update linux-firmware',
    refine: refineRingTest,
    render: render('[drm:amdgpu_ring_test_helper [amdgpu]] *ERROR* ', 'gfx_0.0.0', -110),
    examples: [
      ex('amdgpu 0000:04:00.0: [drm:amdgpu_ring_test_helper [amdgpu]] *ERROR* ring gfx test failed (-110)', {
        ring: 'gfx',
        err: '-110',
      }),
      ex('[drm:amdgpu_ib_ring_tests [amdgpu]] *ERROR* IB test failed on sdma0 (-110).', { ring: 'sdma0' }),
      ex(
        '[drm:gfx_v8_0_ring_test_ring [amdgpu]] *ERROR* amdgpu: ring 0 test failed (scratch(0xC040)=0xCAFEDEAD)',
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-vm-fault',
    source: 'kernel',
    cite: `${AMDGPU}/gmc_v9_0.c gmc_v9_0_process_interrupt() (gmc_v10_0.c, gmc_v11_0.c; gmc_v8_0.c for older GPUs)`,
    format: '[%s] %s page fault (src_id:%u ring:%u vmid:%u pasid:%u)\n',
    versions:
      'Linux 6.9+; before: "[%s] %s page fault (src_id:%u ring:%u vmid:%u pasid:%u, for process %s pid %d thread %s pid %d)" (gmc_v10/v11 without the retry word); GCN 1–3 (gmc_v6/v7/v8): "GPU fault detected: %d 0x%08x"',
    patterns: [
      /\[(?<hub>(?:gfx|mm)hub\d{0,2}(?:_\d{1,2})?)\] (?:(?<retry>retry|no-retry) )?page fault \(src_id:\d{1,4} ring:\d{1,4} vmid:(?<vmid>\d{1,3}) pasid:(?<pasid>\d{1,8})/,
      /GPU fault detected: (?<src>\d{1,4}) (?<status>0x[0-9a-fA-F]{8})/,
    ],
    severity: 'warning',
    title: "amdgpu: a GPU page fault in the GPU's own page tables",
    cause:
      'a GPU engine accessed a GPU virtual address that is not mapped in that process\'s GPU page tables (GPUVM), usually an application or driver bug, or the fallout of a hang. This is the GPU\'s own MMU, not the IOMMU: unlike "AMD-Vi: Event logged [IO_PAGE_FAULT" or DMAR lines it says nothing about the DMA remapping of a passed-through device',
    fix: 'the process named after it is the one whose GPU job faulted: update the application, Mesa and the kernel; if faults start only in a guest after a VM restart, the card was not reset (see the ring timeout and reset lines)',
    render: render('amdgpu 0000:03:00.0: amdgpu: ', 'gfxhub0', 'no-retry', 0, 0, 8, 32770),
    examples: [
      ex(
        'amdgpu 0000:03:00.0: amdgpu: [gfxhub0] no-retry page fault (src_id:0 ring:24 vmid:8 pasid:32770, for process Xwayland pid 1234 thread Xwayland:cs0 pid 1240)',
        { hub: 'gfxhub0', vmid: '8' },
      ),
      ex('amdgpu 0000:0b:00.0: amdgpu: [mmhub] page fault (src_id:0 ring:169 vmid:0 pasid:0)', {
        hub: 'mmhub',
      }),
      ex('amdgpu 0000:01:00.0: GPU fault detected: 146 0x0c880804', { src: '146' }),
    ],
  },
  {
    id: 'kernel.amdgpu-smu-if-version',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/pm/swsmu/smu13/smu_v13_0.c smu_v13_0_check_fw_version() (smu_v11_0.c, smu_v12_0.c, smu_v14_0.c)',
    format: 'SMU driver if version not matched\n',
    versions:
      'dev_info() after "smu driver if version = 0x%08x, smu fw if version = 0x%08x, smu fw program = %d, smu fw version = 0x%08x (%d.%d.%d)" (older: "..., version = 0x%08x (%d.%d.%d)"); dropped in Linux 7.0 (and its stable backports)',
    patterns: [
      /SMU driver if version not matched/,
      /smu driver if version = (?<driver>0x[0-9a-fA-F]{8}), smu fw if version = (?<fw>0x[0-9a-fA-F]{8})/,
    ],
    severity: 'info',
    title: "amdgpu: the SMU firmware's interface version differs from the driver's (harmless)",
    cause:
      'the power-management firmware on the card reports a different interface version than the one this amdgpu was built against; amdgpu only notes it and goes on. Routine with newer cards on older kernels and the other way round; it is not why a passed-through card fails',
    fix: 'nothing to do; keep linux-firmware and the kernel reasonably current',
    render: render('amdgpu 0000:0c:00.0: amdgpu: '),
    examples: [
      ex('amdgpu 0000:0c:00.0: amdgpu: SMU driver if version not matched'),
      ex(
        'amdgpu 0000:0c:00.0: amdgpu: smu driver if version = 0x00000040, smu fw if version = 0x00000041, smu fw program = 0, version = 0x003a5400 (58.84.0)',
        { driver: '0x00000040', fw: '0x00000041' },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-psp-command-failed',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_psp.c psp_cmd_submit_buf()`,
    format: 'psp gfx command %s(0x%X) failed and response status is (0x%X)\n',
    versions: 'dev_warn() in current kernels; DRM_WARN ("[drm] psp gfx command ...") before',
    patterns: [
      /psp gfx command (?<cmd>[A-Z_0-9]{2,32})\((?<id>0x[0-9A-Fa-f]{1,4})\) failed and response status is \((?<status>0x[0-9A-Fa-f]{1,8})\)/,
    ],
    severity: 'warning',
    title: "amdgpu: the GPU's security processor (PSP) refused a command",
    cause:
      "the PSP, which loads the other firmware of the card, returned an error for this command. For the firmware it must load (SETUP_TMR, LOAD_IP_FW, LOAD_ASD, LOAD_TOC) the GPU start fails after it; on a passed-through card that is almost always a card not reset since its last user (the PSP still holds the previous session's state)",
    fix: 'if PSP or "hw_init of IP block <psp>" errors follow, reset the card before the driver loads (vendor-reset, host power-cycle, no host driver on a card meant for a VM); otherwise nothing to do',
    refine: refinePspCommand,
    render: render('amdgpu 0000:38:00.0: amdgpu: ', 'SETUP_TMR', 5, 0),
    examples: [
      ex('[drm] psp gfx command SETUP_TMR(0x5) failed and response status is (0x0)', { cmd: 'SETUP_TMR' }),
      ex('amdgpu 0000:04:00.0: amdgpu: psp gfx command LOAD_TA(0x1) failed and response status is (0x7)', {
        cmd: 'LOAD_TA',
        status: '0x7',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-ip-init-failed-summary',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_init()`,
    format: 'amdgpu_device_ip_init failed\n',
    versions: 'dev_err(); followed by "Fatal error during GPU init" and "amdgpu: finishing device."',
    patterns: [/amdgpu_device_ip_init failed/],
    severity: 'error',
    title: 'amdgpu: starting the GPU blocks failed',
    cause:
      'one of the GPU blocks failed to start and amdgpu abandons the device; the "sw_init/hw_init of IP block <...> failed" line just before it names the block (psp, smu, gfx, vcn) and the error. After passthrough the usual reason is a card not reset since its last user; in a guest, also missing firmware files',
    fix: 'read the IP block line above it; reset the card before the driver loads (vendor-reset, host power-cycle), keep the host driver off a card meant for a VM, and install current linux-firmware where it was printed',
    render: render('amdgpu 0000:0a:00.0: amdgpu: '),
    examples: [ex('[  548.027306] amdgpu 0000:0a:00.0: amdgpu: amdgpu_device_ip_init failed')],
  },
  {
    id: 'kernel.amdgpu-finishing-device',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_fini_hw()`,
    format: 'amdgpu: finishing device.\n',
    versions:
      'dev_info() with the "amdgpu: " prefix in the text, so it shows as "amdgpu: amdgpu: finishing device."',
    patterns: [/amdgpu: finishing device\./],
    severity: 'info',
    title: 'amdgpu is releasing the GPU',
    cause:
      'amdgpu is tearing the device down: the GPU is being unbound (a single-GPU passthrough hook handing it to vfio-pci, `virsh nodedev-detach`), the module is unloaded, or the init just failed (then "Fatal error during GPU init" is right above it). On its own it is routine',
    fix: 'nothing to do for an unbind; after a failed init see the lines above it',
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [ex('amdgpu 0000:03:00.0: amdgpu: amdgpu: finishing device.')],
  },
  {
    id: 'kernel.amdgpu-vbios-fetched',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_bios.c amdgpu_get_bios()`,
    format: 'Fetched VBIOS from %s\n',
    versions:
      'Linux 6.x: "Fetched VBIOS from VFCT", "ROM BAR", "ATRM", "platform" or "disabled ROM BAR"; older kernels print nothing when the VBIOS is found',
    patterns: [/Fetched VBIOS from (?<from>VFCT|ROM BAR|ATRM|platform|disabled ROM BAR|[\w ]{2,24})$/],
    severity: 'info',
    title: 'amdgpu found the VBIOS (routine)',
    cause: 'amdgpu read the video BIOS of the card; the line names where from. Routine',
    fix: 'nothing to do',
    refine: refineVbiosSource,
    render: render('amdgpu 0000:04:00.0: amdgpu: ', 'ROM BAR'),
    examples: [
      ex('[   15.764412] amdgpu 0000:04:00.0: amdgpu: Fetched VBIOS from ROM BAR', { from: 'ROM BAR' }),
      ex('amdgpu 0000:0b:00.0: amdgpu: Fetched VBIOS from VFCT', { from: 'VFCT' }),
    ],
  },
  {
    id: 'kernel.amdgpu-gpu-reset',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_gpu_recover() (amdgpu_device_sched_resume() in 6.x)`,
    format: 'GPU reset(%d) succeeded!\n',
    versions:
      'the recovery starts with "GPU reset begin!"; it ends with "GPU reset(%d) succeeded!" or "GPU reset(%d) failed" (6.17+: "... failed with error %d"), then "GPU reset end with ret = %d" on failure',
    patterns: [
      /GPU reset\((?<count>\d{1,6})\) (?<outcome>succeeded|failed)/,
      /GPU reset begin!/,
      /GPU reset end with ret = (?<ret>-?\d{1,5})/,
    ],
    severity: 'warning',
    title: 'amdgpu is resetting a hung GPU',
    cause:
      'a job on the GPU hung (a "ring ... timeout" line comes first) and amdgpu resets the GPU to recover. In a guest the reset methods of consumer AMD cards often do not work on an assigned card',
    fix: 'wait for the outcome line; if the reset fails, shut the VM down and let the host reset the card (vendor-reset) or power-cycle the host',
    refine: refineReset,
    render: render('amdgpu 0000:03:00.0: amdgpu: ', 1),
    examples: [
      ex('amdgpu 0000:03:00.0: amdgpu: GPU reset(1) succeeded!', { count: '1', outcome: 'succeeded' }),
      ex('amdgpu 0000:03:00.0: amdgpu: GPU reset(2) failed', { outcome: 'failed' }),
      ex('amdgpu 0000:03:00.0: amdgpu: GPU reset begin!'),
      ex('amdgpu 0000:03:00.0: amdgpu: GPU reset end with ret = -110', { ret: '-110' }),
    ],
  },
  {
    id: 'kernel.amdgpu-pcie-atomics',
    source: 'kernel',
    cite: `${AMDGPU}/amdgpu_device.c amdgpu_device_init()`,
    format: 'PCIE atomic ops is not supported\n',
    versions: 'dev_info() in Linux 6.x; DRM_INFO ("[drm] PCIE atomic ops is not supported") before',
    patterns: [/PCIE atomic ops is not supported/],
    severity: 'info',
    title: 'amdgpu: no PCIe atomics to the CPU (harmless for graphics)',
    cause:
      'the path from the GPU to the root port does not route PCIe AtomicOps (or, in a guest, the virtual root port does not advertise them, which is the usual case for an assigned GPU). Graphics and Vulkan are not affected; only some ROCm compute paths need atomics',
    fix: 'nothing to do for desktop use; for ROCm in a guest, place the GPU behind a root port that advertises AtomicOps, or use ROCm features that do not need them',
    render: render('amdgpu 0000:06:10.0: amdgpu: '),
    examples: [
      ex('amdgpu 0000:06:10.0: amdgpu: PCIE atomic ops is not supported'),
      ex('[   11.172374] [drm] PCIE atomic ops is not supported'),
    ],
  },
  // ---- Intel i915/xe in a guest ----
  {
    id: 'kernel.i915-force-probe-required',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_pci.c i915_pci_probe() (xe: drivers/gpu/drm/xe/xe_pci.c xe_pci_probe())',
    format:
      'Your graphics device %04x is not properly supported by i915 in this\nkernel version. To force driver probe anyway, use i915.force_probe=%04x\nmodule parameter or CONFIG_DRM_I915_FORCE_PROBE=%04x configuration option,\nor (recommended) check for kernel updates.\n',
    versions:
      'older kernels (before force_probe could also block IDs with "!") read "... is not properly supported by the driver in this\\nkernel version"; xe prints "Your graphics device %04x is not officially supported\\nby xe driver in this kernel version. ..."',
    patterns: [/Your graphics device (?<device>[0-9a-fA-F]{4}) is not (?:properly|officially) supported/],
    severity: 'warning',
    title: 'i915/xe does not drive this Intel GPU by default in this kernel',
    cause:
      'the kernel knows this Intel GPU only as experimental (new discrete Arc or integrated graphics newer than the kernel) and will not bind it unless forced; the GPU stays without a driver. In a guest with an assigned Arc GPU or iGPU this means the guest kernel is older than the GPU',
    fix: 'update the kernel where it was printed (the guest); otherwise boot with i915.force_probe=<device id> (or xe.force_probe=) as the message says',
    render: render('i915 0000:00:02.0: ', 0x56a0, 0x56a0, 0x56a0),
    examples: [
      ex('i915 0000:06:00.0: Your graphics device 56a0 is not properly supported by i915 in this', {
        device: '56a0',
      }),
    ],
  },
  {
    id: 'kernel.i915-gpu-hang',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_gpu_error.c error_msg() (from i915_capture_error_state()) / gt/intel_reset.c intel_gt_reset()',
    format: 'GPU HANG: ecode %d:%x:%08x',
    versions:
      'the second field is the GPU generation (INTEL_GEN, GRAPHICS_VER in 5.15+), the third the engine mask (engine classes in 6.x), the last the ecode; when the capture is a GPU page fault the same message reads "page fault @ 0x..." instead. The rest of the line names the process ("in Xorg [1234]") and the reason; the reset that follows prints "Resetting chip for %s" (whole GPU) or "Resetting %s for %s" (one engine)',
    patterns: [
      /GPU HANG: ecode (?<gen>\d{1,2}):(?<engine>[0-9a-fx]{1,4}):(?<ecode>(?:0x)?[0-9a-fA-F]{8})/,
      /Resetting chip for (?<why>[\w -]{2,60})/,
    ],
    severity: 'warning',
    title: 'i915: the GPU hung and is being reset',
    cause:
      'a batch on the Intel GPU stopped making progress and i915 captured an error state and reset the engine or the chip; the application loses its context. In a guest with an assigned iGPU (GVT-d) or an SR-IOV/GVT-g vGPU, hangs right after boot point at the assignment: missing OpRegion/stolen memory, or a host i915 that touched the iGPU first',
    fix: 'if it is one application, update Mesa and the kernel; if it happens in a guest at boot, check the IGD assignment (legacy mode with OpRegion, x-igd-gms, no host i915 on the iGPU) and /sys/class/drm/card0/error for the captured state',
    render: render('i915 0000:00:02.0: [drm] ', 9, 1, 0x85dffffb),
    examples: [
      ex('i915 0000:00:02.0: [drm] GPU HANG: ecode 9:1:85dffffb, in Xorg [1234]', {
        gen: '9',
        ecode: '85dffffb',
      }),
      ex('i915 0000:00:02.0: [drm] Resetting chip for stopped heartbeat on rcs0', {
        why: 'stopped heartbeat on rcs0',
      }),
    ],
  },
  // ---- The GPU's HDMI/DP audio function ----
  {
    id: 'kernel.hda-gpu-audio-routine',
    source: 'kernel',
    cite: 'torvalds/linux sound/pci/hda/hda_intel.c init_vga_switcheroo() / azx_check_snoop_available() / check_msi()',
    format: 'Handle vga_switcheroo audio client\n',
    versions:
      'the same probe prints "Force to %s mode" (non-snoop for AMD/NVIDIA HDMI controllers) and "Disabling MSI" for controllers on the MSI deny list; moved to sound/hda/controllers/intel.c in Linux 6.17',
    patterns: [
      /Handle vga_switcheroo audio client/,
      /Force to (?<snoop>snoop|non-snoop) mode(?: by module option)?/,
      /(?:^|: )Disabling MSI$/,
    ],
    severity: 'info',
    title: "snd_hda_intel set up a GPU's HDMI audio function (routine)",
    cause:
      "snd_hda_intel took the HDMI/DisplayPort audio function of a GPU (function .1 next to the GPU) and tied its power to the GPU's (vga_switcheroo), or chose snoop/MSI settings for it. Routine; on a passthrough host it means snd_hda_intel, not vfio-pci, has the audio function",
    fix: 'nothing to do when the host uses that GPU; if the GPU is meant for a VM, bind the audio function to vfio-pci with it (both IDs in vfio-pci.ids=): they share an IOMMU group',
    render: render('snd_hda_intel 0000:01:00.1: '),
    examples: [
      ex('[    5.487389] snd_hda_intel 0000:01:00.1: Handle vga_switcheroo audio client'),
      ex('snd_hda_intel 0000:03:00.1: Force to non-snoop mode', { snoop: 'non-snoop' }),
      ex('[    3.648490] snd_hda_intel 0000:01:00.1: Disabling MSI'),
    ],
  },
  {
    id: 'kernel.component-bound',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/component.c component_bind()',
    format: 'bound %s (ops %ps)\n',
    patterns: [
      /(?<parent>[\w-]{2,24}) [0-9a-fA-F:.]{7,16}: bound (?<child>[\w:.-]{2,32}) \(ops (?<ops>[\w]{2,64})(?: \[(?<module>[\w]{2,24})\])?\)/,
    ],
    severity: 'info',
    title: 'A GPU driver and the HDMI audio driver linked up (routine)',
    cause:
      "the component framework bound the GPU driver's audio component to snd_hda_intel, so the HDMI audio function gets its display (ELD) information from the GPU driver. Routine on a host driving that GPU, and in a guest that got both functions",
    fix: 'nothing to do; if the GPU is meant for a VM, both the GPU and this audio function should be on vfio-pci instead',
    // %ps prints a symbol; the format reader renders it as %p followed by "s", hence "_op".
    render: render('snd_hda_intel 0000:00:1f.3: ', '0000:00:02.0', 'i915_audio_component_bind_op'),
    examples: [
      ex('snd_hda_intel 0000:08:00.1: bound 0000:08:00.0 (ops amdgpu_dm_audio_component_bind_ops [amdgpu])', {
        child: '0000:08:00.0',
        module: 'amdgpu',
      }),
      ex('snd_hda_intel 0000:00:1f.3: bound 0000:00:02.0 (ops i915_audio_component_bind_ops [i915])', {
        module: 'i915',
      }),
    ],
  },
];

/** Further wordings the entries above recognise (rows of docs/diagnose-coverage.md). */
export const GPU_DRIVER_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.nvidia-rebar-failed',
    file: `${NV_PCI}`,
    format: 'NVRM: No address space to allocate resized BAR1.\n',
    text: 'NVRM: No address space to allocate resized BAR1.',
  },
  {
    id: 'kernel.nvidia-rebar-failed',
    file: `${NV_PCI}`,
    format: 'NVRM: FATAL: Failed to re-allocate BAR1.\n',
    text: 'NVRM: FATAL: Failed to re-allocate BAR1.',
  },
  {
    id: 'kernel.nvidia-rebar-not-resized',
    file: `${NV_PCI}`,
    format: 'NVRM: BAR resizing failed with error `%d`.\n',
    text: 'NVRM: BAR resizing failed with error `-22`.',
  },
  {
    id: 'kernel.amdgpu-ip-discovery-failed',
    file: `${AMDGPU}/amdgpu_discovery.c`,
    format: 'invalid ip discovery binary checksum\n',
    text: 'amdgpu 0000:03:00.0: amdgpu: invalid ip discovery binary checksum',
  },
  {
    id: 'kernel.amdgpu-ip-discovery-failed',
    file: `${AMDGPU}/amdgpu_discovery.c`,
    format: 'invalid ip discovery data table signature\n',
    text: '[drm:amdgpu_discovery_init [amdgpu]] *ERROR* invalid ip discovery data table signature',
  },
  {
    id: 'kernel.amdgpu-ip-discovery-failed',
    file: `${AMDGPU}/amdgpu_discovery.c`,
    format: 'failed to read ip discovery binary from file\n',
    text: 'amdgpu 0000:03:00.0: amdgpu: failed to read ip discovery binary from file',
  },
  {
    id: 'kernel.amdgpu-ring-test-failed',
    file: `${AMDGPU}/amdgpu_ib.c`,
    format: 'IB test failed on %s (%d).\n',
    text: '[drm:amdgpu_ib_ring_tests [amdgpu]] *ERROR* IB test failed on gfx_0.0.0 (-110).',
  },
  {
    id: 'kernel.amdgpu-vm-fault',
    file: `${AMDGPU}/gmc_v8_0.c`,
    format: 'GPU fault detected: %d 0x%08x\n',
    text: 'amdgpu 0000:01:00.0: GPU fault detected: 146 0x0c880804',
  },
  {
    id: 'kernel.amdgpu-smu-if-version',
    file: 'torvalds/linux drivers/gpu/drm/amd/pm/swsmu/smu13/smu_v13_0.c',
    format:
      'smu driver if version = 0x%08x, smu fw if version = 0x%08x, smu fw program = %d, smu fw version = 0x%08x (%d.%d.%d)\n',
    text: 'amdgpu 0000:04:00.0: amdgpu: smu driver if version = 0x0000002e, smu fw if version = 0x00000032, smu fw program = 0, smu fw version = 0x00664500 (102.69.0)',
  },
  {
    id: 'kernel.amdgpu-gpu-reset',
    file: `${AMDGPU}/amdgpu_device.c`,
    format: 'GPU reset begin!\n',
    text: 'amdgpu 0000:03:00.0: amdgpu: GPU reset begin!',
  },
  {
    id: 'kernel.amdgpu-gpu-reset',
    file: `${AMDGPU}/amdgpu_device.c`,
    format: 'GPU reset(%d) failed\n',
    text: 'amdgpu 0000:03:00.0: amdgpu: GPU reset(2) failed',
  },
  {
    id: 'kernel.amdgpu-gpu-reset',
    file: `${AMDGPU}/amdgpu_device.c`,
    format: 'GPU reset end with ret = %d\n',
    text: 'amdgpu 0000:03:00.0: amdgpu: GPU reset end with ret = -110',
  },
  {
    id: 'kernel.amdgpu-gpu-reset',
    file: `${AMDGPU}/amdgpu_device.c`,
    format: 'GPU reset(%d) failed with error %d \n',
    text: 'amdgpu 0000:03:00.0: amdgpu: GPU reset(3) failed with error -110 ',
  },
  {
    id: 'kernel.i915-gpu-hang',
    file: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_reset.c',
    format: 'Resetting chip for %s\n',
    text: 'i915 0000:00:02.0: [drm] Resetting chip for stopped heartbeat on rcs0',
  },
  {
    id: 'kernel.hda-gpu-audio-routine',
    file: 'torvalds/linux sound/pci/hda/hda_intel.c',
    format: 'Force to %s mode\n',
    text: 'snd_hda_intel 0000:03:00.1: Force to non-snoop mode',
  },
  {
    id: 'kernel.hda-gpu-audio-routine',
    file: 'torvalds/linux sound/pci/hda/hda_intel.c',
    format: 'Disabling MSI\n',
    text: 'snd_hda_intel 0000:01:00.1: Disabling MSI',
  },
];

/** Format strings of these files considered and left out, with the reason. */
export const GPU_DRIVER_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: `${NV_PCI}`,
    format: 'NVRM: Please check your BIOS settings.\n',
    why: 'the continuation of "NVRM: Can\'t find an IRQ for your NVIDIA card!" printed right after it; kernel.nvidia-no-irq explains the pair from the first line',
  },
  {
    file: `${NV_PCI}`,
    format: 'NVRM: [Plug & Play OS] should be set to NO\n',
    why: 'the continuation of "NVRM: Can\'t find an IRQ for your NVIDIA card!"; kernel.nvidia-no-irq explains it from the first line',
  },
  {
    file: `${NV_PCI}`,
    format: 'NVRM: [Assign IRQ to VGA] should be set to YES \n',
    why: 'the continuation of "NVRM: Can\'t find an IRQ for your NVIDIA card!"; kernel.nvidia-no-irq explains it from the first line',
  },
  {
    file: `${NV_PCI}`,
    format: 'NVRM: %04x:%02x:%02x.%x: Attempting to resize BAR1.\n',
    why: 'NV_DBG_INFO: not printed at the default NVreg_ResmanDebugLevel; the resize failures it precedes are covered',
  },
  {
    file: `${NV_PCI}`,
    format: 'NVRM: failed to wait for bar firewall to lower\n',
    why: 'a wait for a firmware gate on data-center parts during probe; not met on the consumer-GPU passthrough path, and the probe summary that follows is covered',
  },
  {
    file: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osapi.c',
    format: 'NVRM: this kernel module has the version %s.  Please\n',
    why: 'the continuation of "NVRM: API mismatch: the client has the version %s, but"; kernel.nvidia-api-mismatch explains the four lines from the first',
  },
];
