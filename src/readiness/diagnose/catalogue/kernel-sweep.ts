/**
 * Kernel lines on the VFIO path that a file-by-file pass over the format strings of torvalds/linux
 * found without an entry. Files gone through: drivers/vfio/ (vfio_main.c, group.c, container.c,
 * iommufd.c, vfio_iommu_type1.c, pci/vfio_pci_core.c, vfio_pci.c, vfio_pci_config.c,
 * vfio_pci_intrs.c, vfio_pci_rdwr.c, vfio_pci_igd.c); the firmware framebuffers that hold a boot
 * GPU (video/fbdev/efifb.c, vesafb.c, simplefb.c, firmware/efi/sysfb_efi.c, firmware/sysfb.c);
 * drivers/iommu/iommu.c, intel/iommu.c, intel/dmar.c, intel/irq_remapping.c, amd/init.c; and
 * drivers/pci/pci.c. What they add: older wordings of lines the catalogue knows in their current
 * form (pre-5.x vfio-pci printed the device name inside the text and lower-case "bars"/"pci
 * config"; Linux 4.13 and older said "Failed to return from FLR"), the remaining vfio-pci
 * messages, the IOMMU and DMAR/IVRS lines that say the IOMMU (or interrupt remapping) did not
 * start or was configured a certain way, the framebuffer lines that tell who holds a display,
 * pci=resource_alignment= and DMA-alias lines, and the host GPU/NIC driver lines people meet next
 * to them (the NVIDIA driver finding its GPUs held by vfio-pci, ice running out of MSI-X vectors
 * for VFs). The per-file ledger of what was gone through is KERNEL_SWEEP_ALSO (strings an entry
 * here or elsewhere covers) and KERNEL_SWEEP_LEFT_OUT (strings left without one, with the reason).
 */
import { BDF, type CatalogueEntry } from '../entry.js';
import { ex, RANGE, render } from './build.js';
import { KERNEL_ENTRIES } from './kernel.js';
import { KERNEL_IOMMU_ENTRIES } from './kernel-iommu.js';
import { KERNEL_PCI_ENTRIES } from './kernel-pci.js';

/** An entry of kernel.ts, kernel-iommu.ts or kernel-pci.ts whose explanation another wording shares. */
function kernelEntry(id: string): CatalogueEntry {
  const e = [...KERNEL_ENTRIES, ...KERNEL_IOMMU_ENTRIES, ...KERNEL_PCI_ENTRIES].find((k) => k.id === id);
  if (!e) throw new Error(`kernel-sweep: no catalogue entry ${id}`);
  return e;
}

/**
 * The same message in another wording (an older kernel's, or sibling lines of the same function):
 * the explanation of the entry already in the catalogue, with its own id, format and patterns, so
 * each wording is a row of the coverage under its own format.
 */
function olderWording(
  id: string,
  baseId: string,
  own: Pick<CatalogueEntry, 'format' | 'versions' | 'patterns' | 'examples' | 'render' | 'cite'>,
): CatalogueEntry {
  const { refine, ...base } = kernelEntry(baseId);
  return { ...base, ...own, id, ...(refine ? { refine } : {}) };
}

const VFIO = 'vfio-pci 0000:01:00.0: ';

/** What the name in "fbN: NAME frame buffer device" says about who drives that display. */
function refineFbName(f: Readonly<Record<string, string>>) {
  const name = f.name ?? '';
  if (/^(?:EFI VGA|VESA VGA|simple|simpledrmdrmfb|simpledrm|VGA16 VGA)$/.test(name))
    return {
      cause: `a firmware framebuffer driver (${name}) took the display the firmware set up on the boot GPU, and with it a range of that GPU's BAR memory. Harmless unless that GPU is the one passed through: then the range stays claimed ("BAR N: can't reserve" from vfio-pci, "vfio_region_write … Device or resource busy" from QEMU) until the framebuffer is released`,
      fix: 'to pass the boot GPU through, keep the firmware framebuffer off it: video=efifb:off (or video=vesafb:off) on the kernel command line, and on 5.15+ initcall_blacklist=sysfb_init so simpledrm does not take it either; Linux 6.1+ vfio-pci releases it itself when it binds the GPU',
    };
  if (/drmfb$/.test(name))
    return {
      cause: `the host's own GPU driver (${name.replace(/drmfb$/, '')}) drives a display and registered its console framebuffer; that GPU belongs to the host`,
      fix: 'nothing to do if the host keeps this GPU; if it is the GPU meant for the guest, it is bound to the host driver: bind it to vfio-pci at boot (vfio-pci.ids= with softdep, or driver_override) before that driver loads',
    };
  return undefined;
}

const VFIO_OLDER_WORDINGS: CatalogueEntry[] = [
  olderWording('kernel.vfio-reset-recovery-bars-old', 'kernel.vfio-reset-recovery-bars', {
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_bar_restore()',
    format: '%s: %s reset recovery - restoring bars\n',
    versions:
      'Linux 3.6 to 5.x: pr_info "vfio_bar_restore: 0000:01:00.0 reset recovery - restoring bars"; later pci_info on the device, "…: vfio_bar_restore: reset recovery - restoring BARs"',
    patterns: [new RegExp(`vfio_bar_restore: ${BDF} reset recovery - restoring bars`)],
    render: render('', 'vfio_bar_restore', '0000:0b:00.0'),
    examples: [
      ex('[ 6021.331002] vfio_bar_restore: 0000:0b:00.0 reset recovery - restoring bars', {
        bdf: '0000:0b:00.0',
      }),
    ],
  }),
  olderWording('kernel.vfio-hiding-cap-old', 'kernel.vfio-hiding-cap', {
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_cap_init()',
    format: '%s: %s hiding cap 0x%x\n',
    versions:
      'Linux 3.6 to 5.x printed the capability without its offset ("vfio_cap_init: 0000:01:00.0 hiding cap 0x9"); newer kernels add "@offset"',
    patterns: [new RegExp(`vfio_cap_init: ${BDF} hiding cap (?<cap>0x[0-9a-fA-F]{1,2})$`)],
    render: render('', 'vfio_cap_init', '0000:01:00.0', 0x9),
    examples: [ex('vfio_cap_init: 0000:01:00.0 hiding cap 0x9', { bdf: '0000:01:00.0', cap: '0x9' })],
  }),
  olderWording('kernel.vfio-config-conflict-old', 'kernel.vfio-config-conflict', {
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_cap_init() / vfio_ecap_init()',
    format: '%s: %s pci config conflict @0x%x, was cap 0x%x now cap 0x%x\n',
    versions:
      'Linux 3.6 to 5.x, lower case with the device name in the text; the extended form says "was ecap 0x%x now ecap 0x%x"; newer kernels "PCI config conflict @%#x, …" on the device',
    patterns: [
      /pci config conflict @(?<offset>0x[0-9a-fA-F]{1,4}), was e?cap (?<was>0x[0-9a-fA-F]{1,4}) now e?cap (?<now>0x[0-9a-fA-F]{1,4})/,
    ],
    render: render('', 'vfio_cap_init', '0000:05:00.0', 0x50, 0x5, 0x10),
    examples: [
      ex('vfio_ecap_init: 0000:05:00.0 pci config conflict @0x100, was ecap 0x1 now ecap 0xb', {
        offset: '0x100',
        was: '0x1',
        now: '0xb',
      }),
    ],
  }),
];

const VFIO_PCI_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.vfio-unknown-cap-length',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_cap_len() / vfio_ext_cap_len()',
    format: '%s: %s unknown length for pci cap 0x%x@0x%x\n',
    versions:
      'the extended-capability form says "pci ecap"; Linux 5.x+ prints it on the device ("vfio-pci 0000:01:00.0: vfio_cap_len: unknown length for PCI cap 0x…@0x…")',
    patterns: [
      /unknown length for (?:pci|PCI) (?<kind>e?cap) (?<cap>0x[0-9a-fA-F]{1,4})@(?<offset>0x[0-9a-fA-F]{1,4})/,
    ],
    severity: 'info',
    title: 'vfio-pci does not know how long a capability is and hides it',
    cause:
      'the capability is one whose length varies and vfio-pci has no rule to size it; it gives it length 0, and a capability of length 0 is left out of the config space the guest sees (the next line is usually "hiding cap"/"hiding ecap" for it). The device itself is unaffected',
    fix: 'nothing to do unless the guest driver needs that capability; then report the device and capability to the VFIO maintainers (kvm@vger.kernel.org) with `lspci -vvv -s <address>`',
    render: render('', '0000:01:00.0', 'vfio_cap_len', 0xc, 0x60),
    examples: [
      ex('[  112.031877] 0000:01:00.0: vfio_cap_len unknown length for pci cap 0xc@0x60', {
        kind: 'cap',
        cap: '0xc',
        offset: '0x60',
      }),
      ex('vfio-pci 0000:02:00.0: vfio_ext_cap_len: unknown length for PCI ecap 0x2a@0x300', {
        kind: 'ecap',
        cap: '0x2a',
      }),
    ],
  },
  {
    id: 'kernel.vfio-reload-saved-state',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_disable() (vfio_pci.c vfio_pci_disable() before 5.15)',
    format: "%s: Couldn't reload saved state\n",
    versions:
      'Linux 4.x–5.x vfio_pci.c: pr_info "vfio_pci_disable: Couldn\'t reload 0000:01:00.0 saved state"; 5.15+ pci_info "vfio-pci 0000:01:00.0: vfio_pci_core_disable: Couldn\'t reload saved state"; 3.x–4.x "vfio_pci_release: …"',
    patterns: [new RegExp(`Couldn't reload (?:${BDF} )?saved state`)],
    severity: 'warning',
    title: "vfio-pci could not put back the device's original config space",
    cause:
      'when the user (QEMU) releases the device, vfio-pci restores the config space it saved when the device was opened; there was no saved copy (saving failed at open, typically because the device did not answer config reads then). Without it vfio-pci skips the restore and, when the device has no working reset, leaves it as the guest last programmed it',
    fix: 'the device was already unhealthy when the VM started: look earlier in the log for reset or power-state lines ("not ready … after FLR", "Unable to change power state", "Unknown header type 7f") on the same address; a host power-cycle clears it, and a device without a working reset may need vendor-reset or a different slot',
    render: render(VFIO, 'vfio_pci_core_disable'),
    examples: [
      ex("vfio-pci 0000:01:00.0: vfio_pci_core_disable: Couldn't reload saved state", {
        bdf: '0000:01:00.0',
      }),
      ex("[ 4410.512071] vfio_pci_disable: Couldn't reload 0000:06:00.0 saved state", {
        bdf: '0000:06:00.0',
      }),
    ],
  },
  {
    id: 'kernel.vfio-vf-bogus-intx-pin',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_config_init()',
    format: 'Hardware bug: VF reports bogus INTx pin %d\n',
    versions: 'Linux 4.5+',
    patterns: [/Hardware bug: VF reports bogus INTx pin (?<pin>\d{1,3})/],
    severity: 'info',
    title: 'An SR-IOV VF claims an INTx pin; vfio-pci hides it (harmless)',
    cause:
      'SR-IOV virtual functions must report interrupt pin 0 (they have no INTx); this VF reports one. vfio-pci virtualises the pin register to 0 for the guest and uses MSI/MSI-X only, so the VF still works',
    fix: 'nothing to do; it is a note about the device firmware (a newer NIC firmware may drop it)',
    render: render('vfio-pci 0000:03:10.0: ', 1),
    examples: [ex('vfio-pci 0000:03:10.0: Hardware bug: VF reports bogus INTx pin 1', { pin: '1' })],
  },
  {
    id: 'kernel.vfio-sriov-vf-captured',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_bus_notifier()',
    format: 'Captured SR-IOV VF %s driver_override\n',
    versions: 'Linux 5.7+ (SR-IOV on a PF owned by vfio-pci, enable_sriov=1)',
    patterns: [new RegExp(`Captured SR-IOV VF ${BDF.replace('bdf', 'vf')} driver_override`)],
    severity: 'info',
    title: 'vfio-pci claimed a new VF of its PF (routine)',
    cause:
      "SR-IOV was enabled on a PF bound to vfio-pci; for each VF created vfio-pci writes its own name into the VF's driver_override, so the VF binds to vfio-pci rather than to the host VF driver. Routine; a VF then needs the PF's VF token to be opened",
    fix: "nothing to do; to use a VF with a host driver instead, write that driver's name (or an empty line) to the VF's driver_override and bind it",
    render: render(VFIO, '0000:01:02.0'),
    examples: [
      ex('vfio-pci 0000:01:00.0: Captured SR-IOV VF 0000:01:02.0 driver_override', { vf: '0000:01:02.0' }),
    ],
  },
  {
    id: 'kernel.vfio-denylist-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci.c vfio_pci_is_denylisted()',
    format: 'device denylist disabled - allowing device %04x:%04x.\n',
    versions: 'Linux 5.11+ (vfio-pci disable_denylist=1)',
    patterns: [/device denylist disabled - allowing device (?<vendor>[0-9a-f]{4}):(?<device>[0-9a-f]{4})/],
    severity: 'warning',
    title: 'vfio-pci binds a device it normally refuses',
    cause:
      'vfio-pci keeps a denylist of devices with known errata that a user could exploit (Intel QuickAssist C3xxx, C62x and DH895xCC PFs and VFs); the module parameter disable_denylist=1 is set, so vfio-pci binds this one anyway',
    fix: 'only give such a device to a trusted guest; remove vfio-pci.disable_denylist=1 to restore the refusal, or use the kernel QAT driver on the host',
    render: render('vfio-pci 0000:3d:00.0: ', 0x8086, 0x37c8),
    examples: [
      ex('vfio-pci 0000:3d:00.0: device denylist disabled - allowing device 8086:37c8.', {
        vendor: '8086',
        device: '37c8',
      }),
    ],
  },
];

const PCI_FLR_OLD: CatalogueEntry[] = [
  {
    id: 'kernel.flr-failed-to-return',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_flr_wait()',
    format: 'Failed to return from FLR\n',
    versions:
      'Linux 4.13 and earlier, from the kernel that added pci_flr_wait() (it polled for one second); 4.14+ waits up to 60 s and says "not ready %dms after FLR; giving up"',
    patterns: [/Failed to return from FLR/],
    severity: 'error',
    title: 'The device did not come back from a function-level reset',
    cause:
      'the kernel reset the function (FLR) and for a second afterwards every config read returned all ones: the device did not finish its reset, or its upstream bridge lost the link (seen behind some bridges that do not recover from a reset). The device is unusable until it answers again, often shown by lspci as "Unknown header type 7f"',
    fix: 'power-cycle the host to recover it. Linux 4.14 and later wait up to 60 s, which is enough for slow devices; if it still fails there, the device (or the bridge above it) does not survive FLR: use vendor-reset where it supports the device, or move the device to a slot under another bridge',
    render: render(VFIO),
    examples: [ex('vfio-pci 0000:01:00.0: Failed to return from FLR', { bdf: '0000:01:00.0' })],
  },
  {
    id: 'kernel.flr-required-additional',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_flr_wait()',
    format: 'Required additional %dms to return from FLR\n',
    versions: 'Linux 4.13 and earlier; 4.14+ says "ready %dms after FLR"',
    patterns: [/Required additional (?<ms>\d{1,6})ms to return from FLR/],
    severity: 'info',
    title: 'The device was slow to come back from a reset, but did (harmless)',
    cause:
      'after a function-level reset the device answered config reads only after the extra time shown; it did come back, so the reset succeeded',
    fix: 'nothing to do; it matters only if the same device later fails with "Failed to return from FLR"',
    render: render(VFIO, 300),
    examples: [ex('vfio-pci 0000:01:00.0: Required additional 300ms to return from FLR', { ms: '300' })],
  },
];

const HOST_DRIVER_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.nvidia-probe-not-called',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c nvidia_init_module() (also the closed-source nvidia.ko)',
    format: 'NVRM: The NVIDIA probe routine was not called for %d device(s).\n',
    versions:
      'followed by "NVRM: This can occur when a driver such as: nouveau, rivafb, nvidiafb or rivatv was loaded and obtained ownership of the NVIDIA device(s)." (older drivers list only rivafb, nvidiafb, rivatv)',
    patterns: [/NVRM: The NVIDIA probe routine was not called for (?<count>\d{1,3}) device\(s\)/],
    severity: 'warning',
    title: 'The NVIDIA driver found GPUs another driver already owns',
    cause:
      'nvidia.ko counted NVIDIA GPUs in the machine but its probe ran for fewer of them: the others are bound to another driver (on a passthrough host, vfio-pci or pci-stub; otherwise nouveau) or have a driver_override naming another driver. The NVIDIA text names only framebuffer drivers, but any owner has this effect',
    fix: 'when the GPU is meant for the guest this is expected and harmless. When the host should use it: unbind it from vfio-pci (and clear driver_override, remove its ID from vfio-pci.ids=), or blacklist nouveau, then load nvidia again',
    render: render('', 1),
    examples: [ex('NVRM: The NVIDIA probe routine was not called for 1 device(s).', { count: '1' })],
  },
  {
    id: 'kernel.nvidia-no-devices-probed',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c nvidia_init_module()',
    format: 'NVRM: No NVIDIA devices probed.\n',
    versions: 'older drivers: "NVRM: No NVIDIA graphics adapter probed!"',
    patterns: [/NVRM: No NVIDIA (?:devices|graphics adapter) probed/],
    severity: 'error',
    title: 'The NVIDIA driver did not load: it got no GPU',
    cause:
      'nvidia.ko refuses to load when it could take none of the NVIDIA GPUs: every one is bound to another driver (vfio-pci on a passthrough host, or nouveau) or has a driver_override for another driver. modprobe nvidia then fails with "No such device"',
    fix: 'if every NVIDIA GPU goes to guests, stop the host from loading nvidia (blacklist it, or order it after vfio-pci with "softdep nvidia pre: vfio-pci" so it does not fight for the card); if the host needs one, keep that GPU out of vfio-pci.ids= and its driver_override empty',
    render: render(''),
    examples: [
      ex('[   12.443411] NVRM: No NVIDIA devices probed.'),
      ex('[   18.761447] NVRM: No NVIDIA graphics adapter probed!'),
    ],
  },
  {
    id: 'kernel.ice-sriov-msix-short',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/ice/ice_sriov.c ice_set_per_vf_res() (ice_virtchnl_pf.c before 5.18)',
    format:
      'Only %d MSI-X interrupts available for SR-IOV. Not enough to support minimum of %d MSI-X interrupts per VF for %d VFs\n',
    patterns: [
      /Only (?<available>\d{1,5}) MSI-X interrupts available for SR-IOV\. Not enough to support minimum of (?<min>\d{1,3}) MSI-X interrupts per VF for (?<vfs>\d{1,4}) VFs/,
    ],
    severity: 'error',
    title: 'The ice PF has too few MSI-X vectors left for the VFs asked for',
    cause:
      'the ice driver divides the MSI-X vectors its PF did not use among the VFs; what is left is below the minimum each VF needs for the number of VFs written to sriov_numvfs, so enabling SR-IOV fails (the write returns an error)',
    fix: 'ask for fewer VFs, or free vectors on the PF first: fewer PF queues (`ethtool -L <pf> combined N`), RDMA off on the PF (`devlink dev param set … name enable_rdma value false cmode driverinit` and reload), then write sriov_numvfs again',
    render: render('ice 0000:3b:00.0: ', 12, 2, 64),
    examples: [
      ex(
        'ice 0000:3b:00.0: Only 12 MSI-X interrupts available for SR-IOV. Not enough to support minimum of 2 MSI-X interrupts per VF for 64 VFs',
        { available: '12', min: '2', vfs: '64' },
      ),
    ],
  },
];

const FRAMEBUFFER_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.fbdev-registered',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/efifb.c efifb_probe() / vesafb.c vesafb_probe() (fb_info()); drivers/gpu/drm/drm_fb_helper.c for DRM drivers',
    format: 'fb%d: %s frame buffer device\n',
    versions:
      'DRM drivers print it on their device: "amdgpu 0000:0b:00.0: [drm] fb0: amdgpudrmfb frame buffer device"; fbdev drivers as "fb0: EFI VGA frame buffer device"',
    patterns: [/fb(?<fb>\d{1,2}): (?<name>[\w.-]{1,24}(?: [\w.-]{1,24}){0,2}) frame buffer device/],
    severity: 'info',
    title: 'A framebuffer console driver took a display (routine)',
    cause:
      'a framebuffer driver registered a console framebuffer on a display; the name says which driver (EFI VGA = efifb, VESA VGA = vesafb, simpledrmdrmfb = simpledrm, NAMEdrmfb = that GPU driver)',
    fix: 'nothing to do in itself; it matters only when the GPU behind it is the one to pass through',
    refine: refineFbName,
    render: render('', 0, 'EFI VGA'),
    examples: [
      ex('[    0.760102] fb0: EFI VGA frame buffer device', { fb: '0', name: 'EFI VGA' }),
      ex('amdgpu 0000:0b:00.0: [drm] fb0: amdgpudrmfb frame buffer device', { name: 'amdgpudrmfb' }),
      ex('simple-framebuffer simple-framebuffer.0: [drm] fb0: simpledrmdrmfb frame buffer device', {
        name: 'simpledrmdrmfb',
      }),
    ],
  },
  olderWording('kernel.efifb-boot-lines', 'kernel.efifb-framebuffer-at', {
    cite: 'torvalds/linux drivers/video/fbdev/efifb.c efifb_probe() / efifb_show_boot_graphics()',
    format: 'efifb: probing for efifb\n',
    versions:
      'the other routine lines of the same probe: "efifb: mode is %dx%dx%d, linelength=%d, pages=%d", "efifb: scrolling: redraw", "efifb: Truecolor: size=…, shift=…", and the boot-logo (BGRT) lines',
    patterns: [
      /efifb: (?:probing for efifb|mode is \d{1,5}x\d{1,5}x\d{1,2}, linelength=\d{1,6}, pages=\d{1,3}|scrolling: redraw|Truecolor: size=[\d:]{7,15}, shift=[\d:]{7,15}|(?:No BGRT|BGRT rotation bits set|not 32 bits), not showing boot graphics|showing boot graphics|Ignoring BGRT: [^\n]{1,60})/,
    ],
    render: render(''),
    examples: [
      ex('[    0.054411] efifb: probing for efifb'),
      ex('[    0.055803] efifb: mode is 1920x1080x32, linelength=7680, pages=1'),
      ex('efifb: Truecolor: size=8:8:8:8, shift=24:16:8:0'),
    ],
  }),
  {
    id: 'kernel.vesafb-boot-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/vesafb.c vesafb_probe()',
    format: 'vesafb: framebuffer at 0x%lx, mapped to 0x%p, using %dk, total %dk\n',
    versions:
      'the other routine lines of the same probe: "vesafb: mode is …", "vesafb: protected mode interface info at …", "vesafb: pmi: …", "vesafb: scrolling: …", "vesafb: Truecolor: size=…"',
    patterns: [
      /vesafb: (?:framebuffer at (?<address>0x[0-9a-fA-F]{1,16}), mapped to [^\s,]{1,24}, using \d{1,9}k, total \d{1,9}k|mode is \d{1,5}x\d{1,5}x\d{1,2}, linelength=\d{1,6}, pages=\d{1,3}|protected mode interface info at [0-9a-f]{4}:[0-9a-f]{4}|pmi: [^\n]{1,80}|scrolling: [^\n]{1,80}|(?:Truecolor|Pseudocolor|Static Pseudocolor): size=[\d:]{7,15}, shift=[\d:]{7,15})/,
    ],
    severity: 'info',
    title: 'vesafb drives the boot framebuffer (BIOS boot)',
    cause:
      "vesafb took the VESA framebuffer the BIOS set up on the boot GPU, a range inside that GPU's BAR; harmless unless that GPU is passed through, in which case its BAR stays claimed",
    fix: 'to pass the boot GPU through, boot with video=vesafb:off (and on 5.15+ initcall_blacklist=sysfb_init), or boot the host in UEFI mode with another GPU as the boot display',
    render: render('', 0xe0000000, '0xffffc90001000000', 3072, 16384),
    examples: [
      ex('vesafb: framebuffer at 0xe0000000, mapped to 0x(____ptrval____), using 3072k, total 16384k', {
        address: '0xe0000000',
      }),
      ex('[    0.410311] vesafb: mode is 1024x768x32, linelength=4096, pages=1'),
    ],
  },
  {
    id: 'kernel.simplefb-boot-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/simplefb.c simplefb_probe()',
    format: 'framebuffer at 0x%lx, 0x%x bytes\n',
    versions: 'with "format=%s, mode=%dx%dx%d, linelength=%d" and "fb%d: simplefb registered!"',
    patterns: [
      /simple-framebuffer\.\d{1,2}: (?:framebuffer at (?<address>0x[0-9a-fA-F]{1,16}), (?<size>0x[0-9a-fA-F]{1,16}) bytes|format=\w{1,20}, mode=\d{1,5}x\d{1,5}x\d{1,2}, linelength=\d{1,6}|fb\d{1,2}: simplefb registered!)/,
    ],
    severity: 'info',
    title: 'simplefb drives the boot framebuffer',
    cause:
      "simplefb (the generic firmware-framebuffer driver fed by sysfb) took the display the firmware set up on the boot GPU, a range inside that GPU's BAR; harmless unless that GPU is passed through, in which case its BAR stays claimed",
    fix: 'to pass the boot GPU through, keep sysfb from creating the framebuffer: initcall_blacklist=sysfb_init on the kernel command line (Linux 6.1+ vfio-pci releases it itself when it binds the GPU)',
    render: render('simple-framebuffer simple-framebuffer.0: ', 0xe0000000, 0x7e9000),
    examples: [
      ex('simple-framebuffer simple-framebuffer.0: framebuffer at 0xe0000000, 0x7e9000 bytes', {
        address: '0xe0000000',
        size: '0x7e9000',
      }),
      ex('simple-framebuffer simple-framebuffer.0: format=a8r8g8b8, mode=1920x1080x32, linelength=7680'),
    ],
  },
  {
    id: 'kernel.simplefb-already-registered',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/simplefb.c simplefb_probe()',
    format: 'simplefb: a framebuffer is already registered\n',
    patterns: [/simplefb: a framebuffer is already registered/],
    severity: 'info',
    title: 'simplefb stood back: another framebuffer driver was first (harmless)',
    cause:
      'simplefb does not start when a framebuffer is already registered (efifb, vesafb or a GPU driver took the display first); the error level is misleading, nothing failed',
    fix: 'nothing to do',
    render: render('simple-framebuffer simple-framebuffer.0: '),
    examples: [ex('simple-framebuffer simple-framebuffer.0: simplefb: a framebuffer is already registered')],
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/efifb.c efifb_probe() / vesafb.c vesafb_probe()',
    format: 'efifb: abort, cannot remap video memory 0x%x @ 0x%lx\n',
    versions:
      'vesafb: "vesafb: abort, cannot ioremap video memory 0x%x @ 0x%lx"; efifb also "video memory @ 0x%lx spans multiple EFI memory regions", "cannot allocate colormap", "cannot register framebuffer"',
    patterns: [
      /(?:efi|vesa)fb: (?:abort, cannot i?o?remap video memory|video memory @ 0x[0-9a-fA-F]{1,16} spans multiple EFI memory regions|cannot (?:add sysfs attrs|allocate colormap|register framebuffer))/,
    ],
    severity: 'warning',
    title: 'The firmware framebuffer driver gave up',
    cause:
      "efifb/vesafb could not map the framebuffer the firmware reported (the address is not mappable, or the EFI memory map describes it inconsistently), so it did not start: there is no framebuffer console on the boot display until a GPU driver takes it. Nothing holds the GPU's BAR then, which does not hurt passthrough",
    fix: "if the host needs a console there, let the GPU's own driver or simpledrm drive it; for passthrough of that GPU nothing to do",
    render: render('', 0x7e9000, 0xe0000000),
    examples: [
      ex('efifb: abort, cannot remap video memory 0x7e9000 @ 0xe0000000'),
      ex('vesafb: abort, cannot ioremap video memory 0x300000 @ 0xfd000000'),
    ],
  },
];

const IOMMU_CORE_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.iommu-mem-encrypt-no-passthrough',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_subsys_init()',
    format: 'Memory encryption detected - Disabling default IOMMU Passthrough\n',
    versions: 'Linux 5.x+ (AMD SME/SEV or Intel TDX hosts with a passthrough default)',
    patterns: [/Memory encryption detected - Disabling default IOMMU Passthrough/],
    severity: 'info',
    title: 'The host ignores iommu=pt because memory is encrypted (harmless)',
    cause:
      'the kernel was built or booted for IOMMU passthrough (iommu=pt, CONFIG_IOMMU_DEFAULT_PASSTHROUGH) but memory encryption (AMD SME) is active, and an unencrypted-DMA identity mapping would leak; it uses translated DMA domains for host drivers instead. Devices given to VMs through VFIO are not affected: VFIO always uses its own translated domain',
    fix: 'nothing to do for passthrough; iommu=pt has no effect on this host',
    render: render('iommu: '),
    examples: [ex('[    0.341102] iommu: Memory encryption detected - Disabling default IOMMU Passthrough')],
  },
  {
    id: 'kernel.iommu-group-removed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_remove_device()',
    format: 'Removing from iommu group %d\n',
    versions: 'Linux 4.5+ (dev_info); 3.6-4.4 printed "iommu: Removing device %s from group %d" (pr_info)',
    patterns: [
      /Removing from iommu group (?<group>\d{1,5})/,
      new RegExp(`Removing device ${BDF} from group (?<group>\\d{1,5})`),
    ],
    severity: 'info',
    title: 'A device left its IOMMU group',
    cause:
      'the device was removed from the PCI tree: hot-unplugged, removed through sysfs (`echo 1 > …/remove`), a VF destroyed by writing a lower number to sriov_numvfs, or it dropped off the bus. Routine when it was intended; /dev/vfio/N disappears with the last device of a group',
    fix: 'if the removal was not intended, look for link-down, AER or "not ready" lines just before it; a `echo 1 > /sys/bus/pci/rescan` brings a device that still answers back',
    render: render('vfio-pci 0000:03:10.1: ', 42),
    examples: [
      ex('vfio-pci 0000:03:10.1: Removing from iommu group 42', { group: '42', bdf: '0000:03:10.1' }),
      ex('[    4.200771] iommu: Removing device 0000:00:01.0 from group 0', {
        group: '0',
        bdf: '0000:00:01.0',
      }),
    ],
  },
  {
    id: 'kernel.iommu-group-domain-type-conflict',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c probe_get_default_domain_type()',
    format:
      'Device needs domain type %s, but device %s in the same iommu group requires type %s - using default\n',
    patterns: [
      /Device needs domain type (?<type>\w{1,16}), but device (?<other>\S{1,40}) in the same iommu group requires type (?<otherType>\w{1,16}) - using default/,
    ],
    severity: 'warning',
    title: 'Two devices in one IOMMU group want different DMA modes',
    cause:
      'the IOMMU driver asked for a particular default domain for one device (Passthrough for a device with an identity-mapping quirk such as integrated graphics, Translated for an untrusted external device) and another device of the same group asked for the other kind; one group has one domain, so the kernel uses the global default for both',
    fix: 'usually harmless; if a host driver then misbehaves, the devices share a group because of missing ACS isolation: move one to another slot, or use a platform that isolates them',
    render: render('pci 0000:00:02.0: ', 'Passthrough', '0000:00:1f.3', 'Translated'),
    examples: [
      ex(
        'pci 0000:00:02.0: Device needs domain type Passthrough, but device 0000:00:1f.3 in the same iommu group requires type Translated - using default',
        { type: 'Passthrough', other: '0000:00:1f.3', otherType: 'Translated' },
      ),
    ],
  },
  {
    id: 'kernel.iommu-restore-domain-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c __iommu_group_set_core_domain() / iommu_group_release_dma_owner()',
    format: 'iommu driver failed to attach the default/blocking domain',
    versions:
      'a WARN(): the text is followed by a "WARNING: CPU: … at drivers/iommu/iommu.c" backtrace; iommu_group_release_dma_owner() says "iommu driver failed to attach the default domain"',
    patterns: [/iommu driver failed to attach the (?:default\/blocking|default) domain/],
    severity: 'error',
    title: 'The IOMMU could not give the group back to the kernel',
    cause:
      "when VFIO (or another DMA owner) released the IOMMU group, or a domain was detached, the IOMMU driver refused to attach the kernel's own default or blocking domain to the devices. The group is left on the old domain; a host driver bound next may see DMA faults or fail to probe. It follows a device that stopped answering, or an IOMMU driver bug",
    fix: 'do not rebind a host driver to the device now: check the lines before it (device gone, reset failure, IOMMU fault), reboot the host to get a clean state, and report the backtrace with the kernel version if it recurs on a healthy device',
    render: render(''),
    examples: [ex('[ 7421.117331] iommu driver failed to attach the default/blocking domain')],
  },
  {
    id: 'kernel.iommu-group-type-change-refused',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_store_type() / iommu_change_dev_def_domain()',
    format: 'Cannot change default domain: Group has more than one device\n',
    versions:
      'siblings for a write to /sys/kernel/iommu_groups/N/type: "Device is still bound to driver", "Group not assigned to default domain", "Cannot change default domain: Device has been changed", "Device cannot be in %s domain" (Linux 5.11+)',
    patterns: [
      /(?<why>Cannot change default domain: (?:Group has more than one device|Device has been changed)|Device is still bound to driver|Group not assigned to default domain|Device cannot be in (?<type>\w{1,16}) domain)/,
    ],
    severity: 'error',
    title: "Writing an IOMMU group's type file was refused",
    cause:
      "the kernel changes a group's default domain (identity / DMA / DMA-FQ / auto) only for a group of exactly one device with no driver bound and still on its default domain; this write broke one of those rules",
    fix: 'unbind the driver first (`echo <addr> > /sys/bus/pci/devices/<addr>/driver/unbind`), make sure the group is not in use by VFIO, then write the type again; a group of several devices cannot change type at run time (use iommu.passthrough= at boot)',
    refine: (f) => {
      const why = f.why ?? '';
      if (why.startsWith('Device is still bound'))
        return {
          cause:
            'the only device of the group still has a driver bound; the type can change only while the device is unbound (except DMA → DMA-FQ)',
        };
      if (why.startsWith('Group not assigned'))
        return {
          cause:
            'the group is not on its default domain: a user such as VFIO (a running VM, or a process holding /dev/vfio/N) owns it',
          fix: 'stop the VM or the process holding /dev/vfio/N, then write the type again',
        };
      if (why.startsWith('Device cannot be in'))
        return {
          cause: `the IOMMU driver requires a particular domain type for this device and refuses ${f.type ?? 'the one written'} (for example identity is required for some integrated devices)`,
        };
      if (why.endsWith('more than one device'))
        return {
          cause:
            'the group has several devices; changing its type at run time is refused to avoid lock-ordering deadlocks, whatever their drivers',
        };
      return undefined;
    },
    render: render('iommu: '),
    examples: [
      ex('iommu: Cannot change default domain: Group has more than one device', {
        why: 'Cannot change default domain: Group has more than one device',
      }),
      ex('iommu: Device is still bound to driver', { why: 'Device is still bound to driver' }),
      ex('pci 0000:00:02.0: Device cannot be in Passthrough domain', { type: 'Passthrough' }),
    ],
  },
];

/** What each intel_iommu= option the kernel acknowledges does to device assignment. */
const INTEL_OPTION_MEANING: [RegExp, string][] = [
  [
    /^Disable GFX device mapping/,
    'intel_iommu=igfx_off: the VT-d unit that serves only the integrated GPU is ignored, so the iGPU gets no IOMMU group and cannot be assigned to a guest (GVT-d); other devices are unaffected',
  ],
  [
    /^Disable supported super page/,
    'intel_iommu=sp_off: the IOMMU maps 4 KiB pages only; DMA mapping of guest RAM is slower and uses more memory, nothing else changes',
  ],
  [
    /^Enable scalable mode/,
    'intel_iommu=sm_on: scalable mode (PASID tables, needed for SIOV/vSVA) is used where the hardware has it',
  ],
  [
    /^Scalable mode is disallowed/,
    'intel_iommu=sm_off: legacy (non-scalable) translation is used; VFIO device assignment works the same',
  ],
  [
    /^intel_iommu=(?:forcedac|strict) deprecated/,
    'the option still takes effect but is spelled iommu.forcedac=1 / iommu.strict=1 now',
  ],
  [
    /^Intel-IOMMU: not forcing on/,
    'intel_iommu=tboot_noforce: after a TXT (tboot) launch the IOMMU is not forced on, so DMA protection depends on the other options',
  ],
];

const INTEL_IOMMU_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.intel-iommu-option-ack',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_setup()',
    format: 'Disable GFX device mapping\n',
    versions:
      'the other acknowledgements of intel_iommu= options: "Disable supported super page", "Enable scalable mode if hardware supports", "Scalable mode is disallowed", "intel_iommu=forcedac deprecated; use iommu.forcedac instead", "intel_iommu=strict deprecated; use iommu.strict=1 instead", "Intel-IOMMU: not forcing on after tboot. …"',
    patterns: [
      /DMAR: (?<option>Disable GFX device mapping|Disable supported super page|Enable scalable mode if hardware supports|Scalable mode is disallowed|intel_iommu=(?:forcedac|strict) deprecated[^\n]{0,40}|Intel-IOMMU: not forcing on after tboot)/,
    ],
    severity: 'info',
    title: 'The kernel took an intel_iommu= option',
    cause: 'an intel_iommu= option on the kernel command line was accepted; the line names which one',
    fix: 'nothing to do if that option was meant; remove it from the kernel command line otherwise',
    refine: (f) => {
      const hit = INTEL_OPTION_MEANING.find(([re]) => re.test(f.option ?? ''));
      if (!hit) return undefined;
      return /igfx_off/.test(hit[1])
        ? {
            cause: hit[1],
            fix: 'to pass the integrated GPU through, remove intel_iommu=igfx_off from the kernel command line',
            severity: 'warning',
          }
        : { cause: hit[1] };
    },
    render: render('DMAR: '),
    examples: [
      ex('[    0.000000] DMAR: Disable GFX device mapping', { option: 'Disable GFX device mapping' }),
      ex('DMAR: intel_iommu=strict deprecated; use iommu.strict=1 instead'),
      ex('DMAR: Scalable mode is disallowed', { option: 'Scalable mode is disallowed' }),
    ],
  },
  {
    id: 'kernel.dmar-igfx-quirk-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c quirk_iommu_igfx()',
    format: 'Disabling IOMMU for graphics on this chipset\n',
    patterns: [/Disabling IOMMU for graphics on this chipset/],
    severity: 'warning',
    title: 'VT-d is switched off for the integrated GPU of this chipset',
    cause:
      "the kernel knows this chipset's integrated graphics misbehaves behind VT-d (G4x/GM45, QM57/QS57, Broadwell) and ignores the VT-d unit that serves it, as intel_iommu=igfx_off would. The iGPU then has no IOMMU group and cannot be passed through; other devices keep their IOMMU protection",
    fix: 'nothing to fix for host use; IGD passthrough (GVT-d) is not possible on this chipset with this kernel, so use a discrete GPU for the guest',
    render: render('pci 0000:00:02.0: '),
    examples: [ex('pci 0000:00:02.0: Disabling IOMMU for graphics on this chipset', { bdf: '0000:00:02.0' })],
  },
  {
    id: 'kernel.dmar-no-free-domain-ids',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c domain_attach_iommu()',
    format: '%s: No free domain ids\n',
    patterns: [/(?<unit>dmar\d{1,3}): No free domain ids/],
    severity: 'error',
    title: 'A VT-d unit ran out of domain IDs',
    cause:
      'every IOMMU domain attached to a VT-d unit takes one of its domain IDs, and the hardware has a fixed number (cap ND: 256 on many client chipsets, up to 65536 on servers); each VFIO container, iommufd IOAS attachment and host DMA domain on that unit uses one. Attaching one more device failed (ENOSPC), so a VM start or hotplug fails',
    fix: 'put more assigned devices into one container/IOAS (one VM shares one domain per unit), shut down VMs or release devices you do not use, or use passthrough mode for host devices (iommu=pt) so they do not each take an ID',
    render: render('DMAR: ', 'dmar0'),
    examples: [ex('DMAR: dmar1: No free domain ids', { unit: 'dmar1' })],
  },
  {
    id: 'kernel.dmar-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_init()',
    format: 'Initialization failed\n',
    patterns: [/DMAR: Initialization failed/],
    severity: 'error',
    title: 'Intel VT-d failed to start',
    cause:
      'the DMAR table was found but setting up the remapping units failed (out of memory for root tables, queued invalidation or fault interrupt could not be set up, or a unit did not respond); the kernel runs without DMA remapping, so no IOMMU groups exist and VFIO cannot assign devices',
    fix: 'look at the DMAR lines just before it for the unit that failed; update the firmware, try intel_iommu=on with sm_off, and check that VT-d is enabled in the firmware setup',
    render: render('DMAR: '),
    examples: [ex('[    1.021432] DMAR: Initialization failed')],
  },
  {
    id: 'kernel.dmar-translation-preenabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c init_dmars()',
    format: 'Translation was enabled for %s but we are not in kdump mode\n',
    patterns: [/Translation was enabled for (?<unit>dmar\d{1,3}) but we are not in kdump mode/],
    severity: 'info',
    title: 'VT-d was already on at boot; the kernel reset it (harmless)',
    cause:
      'the firmware (pre-boot DMA protection) or a previous kernel via kexec left DMA translation enabled; outside a kdump kernel Linux switches it off and sets up its own tables. Nothing is wrong',
    fix: 'nothing to do',
    render: render('DMAR: ', 'dmar0'),
    examples: [ex('DMAR: Translation was enabled for dmar0 but we are not in kdump mode', { unit: 'dmar0' })],
  },
  {
    id: 'kernel.dmar-no-rmrr-atsr',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_init()',
    format: 'No RMRR found\n',
    versions: 'with "No ATSR found" and "No SATC found" (Linux 5.13+)',
    patterns: [/DMAR: No (?<table>RMRR|ATSR|SATC) found/],
    severity: 'info',
    title: 'The DMAR table lacks an optional section (harmless)',
    cause:
      "the firmware's DMAR table has no reserved-memory (RMRR), ATS (ATSR) or SoC-integrated ATS (SATC) entries. No RMRR is good news for passthrough: no device is tied to a firmware 1:1 mapping",
    fix: 'nothing to do',
    render: render('DMAR: '),
    examples: [
      ex('[    0.512339] DMAR: No ATSR found', { table: 'ATSR' }),
      ex('DMAR: No RMRR found', { table: 'RMRR' }),
    ],
  },
  {
    id: 'kernel.dmar-invalidation-mode',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_init_qi()',
    format: '%s: Using Queued invalidation\n',
    versions: 'or "%s: Using Register based invalidation" when queued invalidation cannot be enabled',
    patterns: [/(?<unit>dmar\d{1,3}): Using (?<mode>Queued|Register based) invalidation/],
    severity: 'info',
    title: 'How a VT-d unit flushes its caches (routine)',
    cause:
      'each VT-d unit reports the invalidation interface it uses; queued invalidation is normal on hardware of the last decade, register-based means old hardware or an emulated IOMMU, and rules out interrupt remapping on that unit',
    fix: 'nothing to do; with "Register based", interrupt remapping (and so safe VFIO MSI) is not available on that unit',
    refine: (f) =>
      f.mode === 'Register based'
        ? {
            cause:
              'queued invalidation could not be enabled on this unit, so it uses register-based invalidation; interrupt remapping needs queued invalidation, so it is off for the devices behind this unit',
          }
        : undefined,
    render: render('DMAR: ', 'dmar0'),
    examples: [
      ex('[    0.611204] DMAR: dmar0: Using Queued invalidation', { unit: 'dmar0', mode: 'Queued' }),
      ex('DMAR: dmar1: Using Register based invalidation', { mode: 'Register based' }),
    ],
  },
  {
    id: 'kernel.dmar-batching-disallowed-vm',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_init()',
    format: 'IOMMU batching disallowed due to virtualization\n',
    patterns: [/IOMMU batching disallowed due to virtualization/],
    severity: 'info',
    title: 'This kernel runs in a VM with an emulated VT-d (harmless)',
    cause:
      'the VT-d unit reports caching mode, which only emulated IOMMUs (QEMU intel-iommu) do; the guest kernel uses strict invalidation because batched flushes are costly there. It tells that this log is from a guest',
    fix: 'nothing to do',
    render: render('DMAR: '),
    examples: [ex('DMAR: IOMMU batching disallowed due to virtualization')],
  },
  {
    id: 'kernel.dmar-untrusted-quirk-skipped',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c risky_device()',
    format: 'Skipping IOMMU quirk for dev [%04X:%04X] on untrusted PCI link\n',
    versions: 'followed by "Please check with your BIOS/Platform vendor about this"',
    patterns: [
      /Skipping IOMMU quirk for dev \[(?<vendor>[0-9A-Fa-f]{4}):(?<device>[0-9A-Fa-f]{4})\] on untrusted PCI link/,
      /Please check with your BIOS\/Platform vendor about this/,
    ],
    severity: 'warning',
    title: 'A VT-d quirk was not applied to a device behind an external port',
    cause:
      'the device sits below a port the firmware marks external-facing (Thunderbolt/USB4), so the kernel does not let it relax IOMMU rules through a quirk; the device keeps full IOMMU protection',
    fix: 'nothing to do unless the device misbehaves; then ask the platform vendor why a device with this quirk is behind an untrusted port',
    render: render('pci 0000:05:00.0: ', 0x8086, 0x1606),
    examples: [ex('pci 0000:05:00.0: Skipping IOMMU quirk for dev [8086:1606] on untrusted PCI link')],
  },
  {
    id: 'kernel.dmar-chipset-quirk-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c quirk_iommu_rwbf() / quirk_calpella_no_shadow_gtt() / quirk_igfx_skip_te_disable()',
    format: 'Forcing write-buffer flush capability\n',
    versions: 'siblings "Disabling batched IOTLB flush on Ironlake", "Skip IOMMU disabling for graphics"',
    patterns: [
      /(?:Forcing write-buffer flush capability|Disabling batched IOTLB flush on Ironlake|Skip IOMMU disabling for graphics)/,
    ],
    severity: 'info',
    title: 'A VT-d chipset workaround was applied (harmless)',
    cause:
      'the kernel applies a known VT-d workaround for this chipset or integrated GPU (write-buffer flushing on 4-series chipsets, strict flushing on Ironlake graphics, keeping translation on for newer integrated graphics at shutdown); device assignment is not affected',
    fix: 'nothing to do',
    render: render('pci 0000:00:02.0: '),
    examples: [
      ex('pci 0000:00:02.0: Skip IOMMU disabling for graphics'),
      ex('pci 0000:00:00.0: Forcing write-buffer flush capability'),
    ],
  },
  {
    id: 'kernel.dmar-isoch-bios-bug',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c check_tylersburg_isoch()',
    format: 'Recommended TLB entries for ISOCH unit is 16; your BIOS set %d\n',
    versions:
      'with no entries at all, a WARN: "Your BIOS is broken; DMA routed to ISOCH DMAR unit but no TLB space."',
    patterns: [
      /Recommended TLB entries for ISOCH unit is 16; your BIOS set (?<entries>\d{1,2})/,
      /Your BIOS is broken; DMA routed to ISOCH DMAR unit but no TLB space/,
    ],
    severity: 'warning',
    title: 'The firmware set up the X58 isochronous VT-d unit badly',
    cause:
      'on Tylersburg (X58/5520) chipsets the firmware routed HD-audio DMA to the isochronous VT-d unit with fewer TLB entries than needed (or none, which deadlocks); with none the kernel gives the audio device an identity mapping to avoid the hang',
    fix: 'update the firmware; the workaround keeps the host working, only the HD-audio controller loses IOMMU protection',
    render: render('DMAR: ', 4),
    examples: [ex('DMAR: Recommended TLB entries for ISOCH unit is 16; your BIOS set 4', { entries: '4' })],
  },
  {
    id: 'kernel.dmar-nested-readonly-errata',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c __domain_mapping()',
    format:
      'Read-only mapping is disallowed on the domain which serves as the parent in a nested configuration, due to HW errata (ERRATA_772415_SPR17)\n',
    versions: 'Linux 6.8+ (iommufd nested translation)',
    patterns: [
      /Read-only mapping is disallowed on the domain which serves as the parent in a nested configuration/,
    ],
    severity: 'error',
    title: 'A read-only DMA mapping was refused on a nesting parent (VT-d erratum)',
    cause:
      "with nested translation (QEMU's virtual VT-d backed by iommufd), the stage-2 parent domain may not hold read-only mappings on these CPUs (Sapphire Rapids erratum 772415); the VMM asked for one (typically guest ROM or a read-only memory region) and got EINVAL",
    fix: 'use a QEMU new enough to know the erratum (it reads IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17 and maps such regions writable or skips them), or run without nested translation',
    render: render('DMAR: '),
    examples: [
      ex(
        'DMAR: Read-only mapping is disallowed on the domain which serves as the parent in a nested configuration, due to HW errata (ERRATA_772415_SPR17)',
      ),
    ],
  },
];

const DMAR_TABLE_LINES: CatalogueEntry[] = [
  olderWording('kernel.dmar-table-more-lines', 'kernel.dmar-table-lines', {
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_table_print_dmar_entry() / dmar_parse_one_andd() / dmar_acpi_insert_dev_scope()',
    format: 'ATSR flags: %#x\n',
    versions:
      'the other routine DMAR table lines: "RHSA base: %#016Lx proximity domain: %#x", "ANDD device: %x name: %s", "ACPI device \\"%s\\" under DMAR at %llx as %02x:%02x.%d"',
    patterns: [
      /DMAR: (?:ATSR flags: 0x[0-9a-fA-F]{1,4}|RHSA base: 0x[0-9a-fA-F]{1,16} proximity domain: 0x[0-9a-fA-F]{1,4}|ANDD device: [0-9a-fA-F]{1,4} name: \S{1,80}|ACPI device "[^"\n]{1,40}" under DMAR at [0-9a-fA-F]{1,16} as [0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
    ],
    render: render('DMAR: ', 1),
    examples: [
      ex('[    0.009821] DMAR: ATSR flags: 0x0'),
      ex('DMAR: RHSA base: 0x000000fbffc000 proximity domain: 0x0'),
      ex('DMAR: ACPI device "INT33C2:00" under DMAR at fed91000 as 00:15.1'),
    ],
  }),
  {
    id: 'kernel.dmar-rmrr-path-workaround',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_match_pci_path()',
    format: 'RMRR entry for device %02x:%02x.%x is broken - applying workaround\n',
    versions: 'printed with the [Firmware Bug] prefix',
    patterns: [
      /RMRR entry for device (?<dev>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) is broken - applying workaround/,
    ],
    severity: 'warning',
    title: 'The firmware names an RMRR device by a wrong PCI path',
    cause:
      'an RMRR (a memory range the firmware keeps using for DMA, e.g. for USB legacy or the iGPU) lists its device by a path that does not exist; the kernel matches it by bus and device number instead. The device at that address then carries the RMRR, and VFIO refuses to assign a device tied to an RMRR (unless it is USB or graphics, whose RMRRs are relaxable)',
    fix: 'nothing to do for host use; if that device is the one to pass through and VFIO refuses it with the RMRR message, update the firmware or use another slot whose device has no RMRR',
    render: render('DMAR: [Firmware Bug]: ', 0, 0x14, 0),
    examples: [
      ex('DMAR: [Firmware Bug]: RMRR entry for device 00:14.0 is broken - applying workaround', {
        dev: '00:14.0',
      }),
    ],
  },
  {
    id: 'kernel.dmar-table-broken',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c parse_dmar_table() / dmar_walk_remapping_entries() / dmar_validate_one_drhd() / dmar_insert_dev_scope()',
    format: 'No DRHD structure found in DMAR table\n',
    versions:
      'siblings: "Unable to map DMAR", "Record passes table end", "No handler for DMAR structure type %d", "Invalid DMAR haw", "Parse DMAR table failure.", "Can\'t validate DRHD address: %llx", "Device scope type does not match for %s", "Unsupported device scope" (several with the [Firmware Bug] prefix)',
    patterns: [
      /DMAR: (?:\[Firmware Bug\]: )?(?<what>No DRHD structure found in DMAR table|Unable to map DMAR|Record passes table end|No handler for DMAR structure type \d{1,3}|Invalid DMAR haw|Parse DMAR table failure|Can't validate DRHD address: [0-9a-fA-F]{1,16}|Device scope type does not match for \S{1,20}|Unsupported device scope)/,
    ],
    severity: 'error',
    title: "The firmware's DMAR (VT-d) table is broken",
    cause:
      'the ACPI DMAR table that describes the VT-d units is unreadable or inconsistent (no remapping unit in it, a record running past its end, an address width or unit address that makes no sense, a device listed with the wrong scope type). The kernel then does not use VT-d (or leaves that device out of it), so there are no IOMMU groups for VFIO',
    fix: 'update the system firmware; toggle VT-d off and on in the firmware setup (some boards rebuild the table); as a last resort a corrected DMAR table can be loaded from the initrd (ACPI table upgrade)',
    render: render('DMAR: [Firmware Bug]: '),
    examples: [
      ex('DMAR: [Firmware Bug]: No DRHD structure found in DMAR table', {
        what: 'No DRHD structure found in DMAR table',
      }),
      ex('DMAR: Invalid DMAR haw', { what: 'Invalid DMAR haw' }),
    ],
  },
  {
    id: 'kernel.dmar-unit-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c map_iommu() / alloc_iommu()',
    format: "Can't reserve memory\n",
    versions:
      'siblings: "Can\'t map the region", "Failed to map %s", "Failed to allocate seq_id", "Cannot get a valid agaw for iommu (seq_id = %d)", "Cannot get a valid max agaw for iommu (seq_id = %d)"',
    patterns: [
      /DMAR: (?:Can't reserve memory|Can't map the region|Failed to map dmar\d{1,3}|Failed to allocate seq_id|Cannot get a valid (?:max )?agaw for iommu \(seq_id = \d{1,3}\))/,
    ],
    severity: 'error',
    title: 'A VT-d unit could not be set up',
    cause:
      "the kernel could not claim or map the VT-d unit's registers (the address range is already claimed by another resource or not mappable), or the unit reports no address width the kernel can use; that unit is not used, and devices behind it get no IOMMU group",
    fix: 'update the firmware; check /proc/iomem for what claims the range the DMAR table gives for the unit; report the dmesg DMAR lines to the platform vendor',
    render: render('DMAR: '),
    examples: [ex("DMAR: Can't reserve memory"), ex('DMAR: Cannot get a valid agaw for iommu (seq_id = 0)')],
  },
  {
    id: 'kernel.dmar-fault-irq-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_set_interrupt() / enable_drhd_fault_handling()',
    format: 'DRHD %Lx: failed to enable fault, interrupt, ret %d\n',
    versions: 'with "No free IRQ vectors" or "Can\'t request irq" from dmar_set_interrupt()',
    patterns: [
      /DRHD (?<unit>[0-9a-fA-F]{1,16}): failed to enable fault, interrupt, ret (?<err>-?\d{1,5})/,
      /DMAR: (?:No free IRQ vectors|Can't request irq)/,
    ],
    severity: 'error',
    title: 'The VT-d fault interrupt could not be set up',
    cause:
      'the kernel could not allocate or request the interrupt a VT-d unit uses to report DMA and interrupt-remapping faults; without it VT-d (and interrupt remapping) initialisation stops, so VFIO gets no IOMMU or refuses MSI as unsafe',
    fix: 'look for the earlier interrupt-remapping or x2apic lines; update the firmware, and try booting without intremap=/x2apic overrides',
    render: render('DMAR-IR: ', 0xfed91000, -22),
    examples: [ex('DMAR-IR: DRHD fed91000: failed to enable fault, interrupt, ret -22', { err: '-22' })],
  },
  {
    id: 'kernel.dmar-invalid-descriptor',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c qi_check_fault()',
    format: 'VT-d detected invalid descriptor: qw0 = %llx, qw1 = %llx\n',
    patterns: [
      /VT-d detected invalid descriptor: qw0 = (?<qw0>[0-9a-fA-F]{1,16}), qw1 = (?<qw1>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'VT-d rejected an invalidation command',
    cause:
      'the VT-d queued-invalidation hardware reported an Invalidation Queue Error: a command the driver queued (IOTLB, context, device-TLB or interrupt-entry flush) is malformed for this hardware. It is a driver or hardware bug, not a configuration error; stale IOMMU cache entries can follow',
    fix: 'update the kernel; report the line with the kernel version and `/sys/class/iommu/dmar*/intel-iommu/{cap,ecap}` to the IOMMU maintainers',
    render: render('DMAR: ', 0x2000000000011, 0),
    examples: [
      ex('DMAR: VT-d detected invalid descriptor: qw0 = 2000000000011, qw1 = 0', { qw0: '2000000000011' }),
    ],
  },
];

const INTEL_IR_LINES: CatalogueEntry[] = [
  olderWording('kernel.dmar-x2apic-optout-hint', 'kernel.dmar-x2apic-optout', {
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping()',
    format: "Use 'intremap=no_x2apic_optout' to override the BIOS setting.\n",
    versions: 'the second line of "x2apic is disabled because BIOS sets x2apic opt out bit."',
    patterns: [/Use 'intremap=no_x2apic_optout' to override the BIOS setting/],
    render: render('DMAR-IR: '),
    examples: [ex("DMAR-IR: Use 'intremap=no_x2apic_optout' to override the BIOS setting.")],
  }),
  {
    id: 'kernel.dmar-ir-irte-exhausted',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c alloc_irte() / intel_irq_remapping_alloc()',
    format: "IR%d: can't allocate an IRTE\n",
    versions:
      'followed by "Failed to allocate IRTE"; a multi-vector MSI larger than the unit can address says "Requested mask %x exceeds the max invalidation handle mask value %Lx"',
    patterns: [
      /IR(?<unit>\d{1,3}): can't allocate an IRTE/,
      /DMAR-IR: (?:Failed to allocate IRTE|Requested mask [0-9a-fA-F]{1,4} exceeds the max invalidation handle mask value [0-9a-fA-F]{1,4})/,
    ],
    severity: 'error',
    title: 'No interrupt-remapping entry left for an MSI',
    cause:
      "every MSI/MSI-X vector behind an Intel IOMMU needs an entry in its unit's interrupt-remapping table (65536 entries), and a multi-vector MSI needs a contiguous, aligned block; none was free or the block is larger than the unit supports. Enabling the device's MSI then fails: in a VM start QEMU reports that it could not enable MSI/MSI-X vectors",
    fix: 'give the device fewer vectors (fewer queues in the guest, or for plain MSI a smaller multi-message count), check for a driver that leaks interrupts (the count in /proc/interrupts growing), and reboot the host to clear a fragmented table',
    render: render('DMAR-IR: ', 0),
    examples: [
      ex("DMAR-IR: IR0: can't allocate an IRTE", { unit: '0' }),
      ex('DMAR-IR: Failed to allocate IRTE'),
    ],
  },
  {
    id: 'kernel.dmar-ir-compat-format-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c iommu_enable_irq_remapping()',
    format: 'Compatibility-format IRQs enabled despite intr remapping;\n',
    versions: 'a WARN whose second line is "you are vulnerable to IRQ injection."',
    patterns: [/Compatibility-format IRQs enabled despite intr remapping/],
    severity: 'error',
    title: 'Interrupt remapping is on but does not block unremapped interrupts',
    cause:
      'after enabling interrupt remapping the kernel tried to turn off compatibility-format interrupts (those that bypass the remapping table) and the VT-d unit still reports them allowed. A device given to a guest could then inject interrupts into the host, which is exactly what VFIO relies on interrupt remapping to prevent',
    fix: 'update the firmware and kernel; until then treat the host as lacking safe interrupt isolation: do not give untrusted guests devices with MSI (VFIO itself does not see this and will not refuse)',
    render: render(''),
    examples: [ex('[    0.743201] Compatibility-format IRQs enabled despite intr remapping;')],
  },
  {
    id: 'kernel.dmar-ir-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_setup_irq_remapping() / intel_prepare_irq_remapping()',
    format: 'Failed to setup irq remapping for %s\n',
    versions: 'often after "Failed to enable queued invalidation"',
    patterns: [
      /DMAR-IR: Failed to setup irq remapping for (?<unit>dmar\d{1,3})/,
      /DMAR-IR: Failed to enable queued invalidation/,
    ],
    severity: 'error',
    title: 'Interrupt remapping could not be set up on a VT-d unit',
    cause:
      'interrupt remapping needs queued invalidation and a remapping table on every VT-d unit; on this one it could not be set up, so the kernel turns interrupt remapping off everywhere ("Failed to enable irq remapping" follows). VFIO then refuses to assign devices ("No interrupt remapping support") unless allow_unsafe_interrupts is set',
    fix: 'update the firmware; check for intremap=off or an old "intel_iommu=..." workaround on the command line; as a last resort, for trusted guests only, load vfio_iommu_type1 with allow_unsafe_interrupts=1',
    render: render('DMAR-IR: ', 'dmar0'),
    examples: [
      ex('DMAR-IR: Failed to setup irq remapping for dmar1', { unit: 'dmar1' }),
      ex('DMAR-IR: Failed to enable queued invalidation'),
    ],
  },
  {
    id: 'kernel.dmar-ir-preenabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_setup_irq_remapping()',
    format: 'IRQ remapping was enabled on %s but we are not in kdump mode\n',
    patterns: [/IRQ remapping was enabled on (?<unit>dmar\d{1,3}) but we are not in kdump mode/],
    severity: 'info',
    title: 'Interrupt remapping was already on at boot; the kernel reset it (harmless)',
    cause:
      'the firmware or a previous kernel (kexec) left interrupt remapping enabled; outside a kdump kernel Linux disables it and sets up its own table. Nothing is wrong',
    fix: 'nothing to do',
    render: render('DMAR-IR: ', 'dmar0'),
    examples: [
      ex('DMAR-IR: IRQ remapping was enabled on dmar0 but we are not in kdump mode', { unit: 'dmar0' }),
    ],
  },
  {
    id: 'kernel.dmar-ir-chipset-erratum',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping() (irq_remap_broken, set by an early quirk)',
    format: 'This system BIOS has enabled interrupt remapping\n',
    versions:
      'continued over four more lines: "on a chipset that contains an erratum making that / feature unstable.  To maintain system stability / interrupt remapping is being disabled.  Please / contact your BIOS vendor for an update"',
    patterns: [
      /This system BIOS has enabled interrupt remapping/,
      /on a chipset that contains an erratum making that/,
    ],
    severity: 'error',
    title: 'Interrupt remapping is disabled because of a chipset erratum',
    cause:
      'the chipset (Intel 5500/5520/X58 with some steppings) has an erratum that makes interrupt remapping unstable, and the kernel turns it off. Without interrupt remapping VFIO refuses to assign devices ("No interrupt remapping support")',
    fix: 'update the firmware (fixed versions keep it off themselves); for trusted guests only, load vfio_iommu_type1 with allow_unsafe_interrupts=1 to assign devices anyway',
    render: render('DMAR-IR: '),
    examples: [ex('DMAR-IR: This system BIOS has enabled interrupt remapping')],
  },
  {
    id: 'kernel.dmar-ir-no-eim',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping() / dmar_ir_add()',
    format: '%s does not support EIM\n',
    versions: 'for a hot-added unit: "DRHD %Lx: EIM not supported by DRHD, ecap %Lx"',
    patterns: [
      /DMAR-IR: (?<unit>dmar\d{1,3}) does not support EIM/,
      /DRHD [0-9a-fA-F]{1,16}: EIM not supported by DRHD, ecap [0-9a-fA-F]{1,16}/,
    ],
    severity: 'info',
    title: 'A VT-d unit cannot remap interrupts in x2APIC mode',
    cause:
      'one VT-d unit lacks extended interrupt mode (EIM), so interrupt remapping runs in xAPIC mode on all units and x2APIC is limited; interrupt remapping itself still works, so VFIO is not affected',
    fix: 'nothing to do unless the host has more than 255 CPUs (they need x2APIC); then update the firmware',
    render: render('DMAR-IR: ', 'dmar1'),
    examples: [ex('DMAR-IR: dmar1 does not support EIM', { unit: 'dmar1' })],
  },
  {
    id: 'kernel.dmar-ir-source-id-missing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c set_ioapic_sid() / set_hpet_sid()',
    format: 'Failed to set source-id of IOAPIC (%d)\n',
    versions: 'for timers: "Failed to set source-id of HPET block (%d)"',
    patterns: [/Failed to set source-id of (?<what>IOAPIC|HPET block) \((?<id>\d{1,3})\)/],
    severity: 'warning',
    title: 'An interrupt controller is missing from the DMAR table',
    cause:
      "the firmware's DMAR table does not place this IOAPIC or HPET under any VT-d unit, so its remapped interrupts cannot be tied to a source ID and may be blocked; legacy interrupts (or the HPET timer) of the host can stop working",
    fix: 'update the firmware; if legacy interrupts of host devices fail, boot with intremap=off (then VFIO needs allow_unsafe_interrupts=1, for trusted guests only)',
    render: render('DMAR-IR: ', 8),
    examples: [ex('DMAR-IR: Failed to set source-id of IOAPIC (8)', { what: 'IOAPIC', id: '8' })],
  },
];

const AMD_INIT_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.amd-mmio-reserve-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c iommu_map_mmio_space()',
    format: 'Can not reserve memory region %llx-%llx for mmio\n',
    versions: 'followed by "This is a BIOS bug. Please contact your hardware vendor"',
    patterns: [
      /AMD-Vi: Can not reserve memory region (?<start>[0-9a-fA-F]{1,16})-(?<end>[0-9a-fA-F]{1,16}) for mmio/,
      /AMD-Vi: This is a BIOS bug\. Please contact your hardware vendor/,
    ],
    severity: 'error',
    title: "The AMD IOMMU's registers overlap another resource",
    cause:
      "the IVRS table gives an MMIO range for the IOMMU registers that something else already claimed (another device's BAR, or a reserved region), so the AMD IOMMU driver cannot map it and does not start: no DMA remapping, no IOMMU groups, and VFIO cannot assign devices",
    fix: 'update the system firmware; check /proc/iomem for what owns that range; resetting firmware settings to defaults (or toggling IOMMU off and on) sometimes moves it',
    render: render('AMD-Vi: ', 0xfeb80000, 0x80000),
    examples: [ex('AMD-Vi: Can not reserve memory region feb80000-80000 for mmio', { start: 'feb80000' })],
  },
  {
    id: 'kernel.amd-ivrs-broken',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c early_amd_iommu_init() / find_last_devid_from_ivhd() / init_iommu_from_acpi()',
    format: 'IVRS table error: %s\n',
    versions:
      'siblings: "Unsupported IVHD type %#x", "[Firmware Bug]: Invalid IVHD device type %#x", "[Firmware Bug]: Invalid HID.", "[Firmware Bug]: Invalid UID length."',
    patterns: [
      /AMD-Vi: (?:\[Firmware Bug\]: )?(?<what>IVRS table error: [^\n]{1,60}|Unsupported IVHD type 0x[0-9a-fA-F]{1,2}|Invalid IVHD device type 0x[0-9a-fA-F]{1,2}|Invalid HID\.|Invalid UID length\.)/,
    ],
    severity: 'error',
    title: "The firmware's IVRS (AMD IOMMU) table is broken",
    cause:
      'the ACPI IVRS table that describes the AMD IOMMUs cannot be read or has entries the kernel cannot parse; with a table error or an unsupported IVHD block the AMD IOMMU does not start (no IOMMU groups for VFIO), with a bad ACPI-HID entry only that ACPI device is left out',
    fix: 'update the system firmware; make sure IOMMU is set to Enabled (not Auto) in the firmware setup; report the table (`acpidump -n IVRS`) to the board vendor',
    render: render('AMD-Vi: ', 'AE_BAD_CHECKSUM'),
    examples: [
      ex('AMD-Vi: IVRS table error: AE_BAD_CHECKSUM'),
      ex('AMD-Vi: [Firmware Bug]: Invalid IVHD device type 0xf0'),
    ],
  },
  {
    id: 'kernel.amd-iommu-hw-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c amd_iommu_init_pci()',
    format: 'IOMMU%d: Failed to initialize IOMMU Hardware (error=%d)!\n',
    patterns: [/IOMMU(?<unit>\d{1,3}): Failed to initialize IOMMU Hardware \(error=(?<err>-?\d{1,5})\)/],
    severity: 'error',
    title: 'An AMD IOMMU failed to initialise',
    cause:
      'the AMD IOMMU PCI function could not be set up (not found at the address the IVRS table gives, memory for its logs could not be allocated, or it could not be enabled); the AMD IOMMU driver stops, so there are no IOMMU groups and VFIO cannot assign devices',
    fix: 'check that the IOMMU function (usually 00:00.2) appears in lspci; update the firmware; with -19 (ENODEV) the IVRS table points at a device that does not exist',
    render: render('AMD-Vi: ', 0, -19),
    examples: [
      ex('AMD-Vi: IOMMU0: Failed to initialize IOMMU Hardware (error=-19)!', { unit: '0', err: '-19' }),
    ],
  },
  {
    id: 'kernel.amd-iommu-api-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c amd_iommu_init_pci() (amd_iommu_init_api(), bus_set_iommu() in drivers/iommu/iommu.c)',
    format: 'IOMMU: Failed to initialize IOMMU-API interface (error=%d)!\n',
    versions:
      'Linux 5.12 to 6.1, where amd_iommu_init_api() registered the driver for the PCI bus with bus_set_iommu(); later kernels register the IOMMU with iommu_device_register() and print no such line',
    patterns: [/IOMMU: Failed to initiali[sz]e IOMMU-API interface \(error=(?<err>-?\d{1,5})\)/],
    severity: 'error',
    title: 'The AMD IOMMU started but could not be registered with the kernel',
    cause:
      "the AMD IOMMU hardware came up, but handing it to the kernel's IOMMU core for the PCI bus failed, so no device is put in an IOMMU group: there is nothing for VFIO to assign",
    fix: 'read the lines before it in dmesg (another IOMMU driver or a failed device probe); update the kernel and the firmware; check `ls /sys/kernel/iommu_groups` after a reboot',
    refine: (f) =>
      f.err === '-16'
        ? {
            cause:
              'the AMD IOMMU hardware came up, but the PCI bus already had an IOMMU driver (bus_set_iommu refuses a second one with EBUSY, -16), so this one is not used and its devices get no AMD IOMMU groups',
          }
        : f.err === '-12'
          ? {
              cause:
                "the AMD IOMMU hardware came up, but registering it ran out of memory (ENOMEM, -12) while setting up the devices' domains and groups; no IOMMU groups are made",
            }
          : undefined,
    render: render('AMD-Vi: ', -16),
    examples: [
      ex('[    0.901234] AMD-Vi: IOMMU: Failed to initialize IOMMU-API interface (error=-16)!', {
        err: '-16',
      }),
    ],
  },
  {
    id: 'kernel.amd-cx16-required',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c early_amd_iommu_init()',
    format: 'Failed to initialize. The CMPXCHG16B feature is required.\n',
    versions: 'Linux 6.6+',
    patterns: [/AMD-Vi: Failed to initialize\. The CMPXCHG16B feature is required/],
    severity: 'error',
    title: 'The AMD IOMMU needs a CPU feature this CPU (model) lacks',
    cause:
      'the AMD IOMMU driver needs the cmpxchg16b instruction; the CPU as this kernel sees it does not report it, which happens in a VM whose CPU model hides cx16 (nested virtualisation with an emulated AMD IOMMU). The IOMMU is not used',
    fix: 'in a VM, give it a CPU model with cx16 (QEMU -cpu host, or add +cx16); on bare metal this does not happen on CPUs with an IOMMU',
    render: render('AMD-Vi: '),
    examples: [ex('AMD-Vi: Failed to initialize. The CMPXCHG16B feature is required.')],
  },
  {
    id: 'kernel.amd-stoney-ridge-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c detect_ivrs()',
    format: 'Disable IOMMU on Stoney Ridge\n',
    patterns: [/AMD-Vi: Disable IOMMU on Stoney Ridge/],
    severity: 'warning',
    title: 'The kernel turns the AMD IOMMU off on Stoney Ridge APUs',
    cause:
      'on Stoney Ridge APUs (integrated graphics 1002:98e4) the IOMMU breaks the graphics, so the kernel does not use it unless told otherwise; without it there are no IOMMU groups and no VFIO device assignment',
    fix: 'if passthrough matters more than the integrated graphics, boot with amd_iommu=force_enable',
    render: render('AMD-Vi: '),
    examples: [ex('AMD-Vi: Disable IOMMU on Stoney Ridge')],
  },
  {
    id: 'kernel.amd-host-translation-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c init_iommu_one() / early_amd_iommu_init()',
    format: 'Host Address Translation is not supported.\n',
    versions:
      'siblings: "[Firmware Bug]: Disable host address translation due to invalid translation level (%#x).", "Cannot enable v2 page table for DMA-API. Fallback to v1."',
    patterns: [
      /AMD-Vi: (?:\[Firmware Bug\]: )?(?<what>Host Address Translation is not supported|Disable host address translation due to invalid translation level \(0x[0-9a-fA-F]{1,2}\)|Cannot enable v2 page table for DMA-API\. Fallback to v1)/,
    ],
    severity: 'warning',
    title: 'The AMD IOMMU cannot use its usual (v1) page tables',
    cause:
      'the IOMMU (or the IVRS table describing it) says host address translation is not available, typically an emulated or confidential-computing IOMMU; the kernel falls back to v2 page tables or, without them, leaves DMA untranslated (interrupt remapping only), in which case devices get no IOMMU groups for VFIO',
    fix: 'on bare metal update the firmware; in a VM, use an emulated IOMMU model that offers host translation; "Fallback to v1" after amd_iommu=pgtbl_v2 only means the option had no effect',
    refine: (f) =>
      /Fallback to v1/.test(f.what ?? '')
        ? {
            severity: 'info',
            cause:
              'amd_iommu=pgtbl_v2 asked for v2 page tables for host DMA, which this IOMMU cannot do; the kernel keeps v1, and VFIO is not affected',
          }
        : undefined,
    render: render('AMD-Vi: '),
    examples: [
      ex('AMD-Vi: Host Address Translation is not supported.'),
      ex('AMD-Vi: Cannot enable v2 page table for DMA-API. Fallback to v1.'),
    ],
  },
  {
    id: 'kernel.amd-translation-preenabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c init_iommu_one_late()',
    format: 'Translation was enabled for IOMMU:%d but we are not in kdump mode\n',
    patterns: [/AMD-Vi: Translation was enabled for IOMMU:(?<unit>\d{1,3}) but we are not in kdump mode/],
    severity: 'info',
    title: 'The AMD IOMMU was already on at boot; the kernel reset it (harmless)',
    cause:
      'the firmware (pre-boot DMA protection) or a previous kernel via kexec left the IOMMU translating; outside a kdump kernel Linux disables it and sets up its own tables. Nothing is wrong',
    fix: 'nothing to do',
    render: render('AMD-Vi: ', 0),
    examples: [ex('AMD-Vi: Translation was enabled for IOMMU:0 but we are not in kdump mode', { unit: '0' })],
  },
  {
    id: 'kernel.amd-log-restarting',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c amd_iommu_restart_log()',
    format: 'IOMMU %s log restarting\n',
    versions: 'Linux 6.9+; older kernels restart the event log silently after "IOMMU event log overflow"',
    patterns: [/AMD-Vi: IOMMU (?<log>Event|GA|PPR) log restarting/],
    severity: 'warning',
    title: 'The AMD IOMMU restarted a log that overflowed',
    cause:
      'the IOMMU filled its event (or guest-APIC / page-request) log faster than the kernel drained it and stopped logging; the kernel clears the overflow and restarts it. For the Event log it means a flood of IOMMU events, normally IO_PAGE_FAULTs from a device doing DMA the IOMMU blocks; the events in between are lost',
    fix: 'look at the Event logged lines before it for the device responsible (a guest driver doing DMA to unmapped addresses, or a host device behind the wrong domain); a GA log restart alone only costs interrupt-posting wakeups',
    render: render('AMD-Vi: ', 'Event'),
    examples: [ex('AMD-Vi: IOMMU Event log restarting', { log: 'Event' })],
  },
  {
    id: 'kernel.amd-init-routine-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c get_global_efr() / print_iommu_info() / enable_iommus_vapic() / iommu_init_pci()',
    format: 'Using global IVHD EFR:%#llx, EFR2:%#llx\n',
    versions:
      'the other routine AMD-Vi boot lines: "X2APIC enabled", "V2 page table enabled (Paging mode : %d level)", "Virtual APIC enabled", "Force to disable Virtual APIC due to SNP", "iommu%d (%#06x) : IRT cache is %s", "Applying erratum 746 workaround", "Applying ATS write check workaround", "Applying erratum: Increase Event log size to 0x%x", "Applying erratum: Increase PPR log size to 0x%x", "Using strict mode due to virtualization", "Command-line override present for %s id %d - ignoring", "Command-line override for hid:%s uid:%s", "%s, add hid:%s, uid:%s, rdevid:%#x"',
    patterns: [
      /AMD-Vi: (?<line>Using global IVHD EFR:0x[0-9a-fA-F]{1,16}, EFR2:0x[0-9a-fA-F]{1,16}|X2APIC enabled|V2 page table enabled \(Paging mode : \d level\)|Virtual APIC enabled|Force to disable Virtual APIC due to SNP|iommu\d{1,3} \(0x[0-9a-fA-F]{4}\) : IRT cache is (?:dis|en)abled|Applying (?:erratum 746|ATS write check) workaround|Applying erratum: Increase (?:Event|PPR) log size to 0x[0-9a-fA-F]{1,8}|Using strict mode due to virtualization|Command-line override (?:present for (?:IOAPIC|HPET) id \d{1,3} - ignoring|for hid:\S{1,16} uid:\S{0,16})|(?<hidFrom>cmd|ivrs), add hid:\S{1,16}, uid:\S{0,16}, rdevid:(?:0x[0-9a-fA-F]{1,6}|\d{1,6}))/,
    ],
    severity: 'info',
    title: 'AMD IOMMU boot detail (routine)',
    cause:
      'a routine line of the AMD IOMMU start-up: the feature registers in use, x2APIC / guest virtual APIC (AVIC interrupt posting) state, chipset errata workarounds, or an ivrs_ioapic/ivrs_hpet/ivrs_acpihid override taking effect. None of it stops device assignment',
    fix: 'nothing to do',
    refine: (f) => {
      const line = f.line ?? '';
      if (line.startsWith('Using strict mode'))
        return {
          cause:
            'the AMD IOMMU reports a non-present cache, which only an emulated IOMMU in a VM does; the guest uses strict invalidation. It tells that this log is from a guest',
        };
      if (f.hidFrom === 'ivrs')
        return {
          cause:
            "the firmware's IVRS table lists an ACPI (non-PCI) device, such as an AMDI0020 UART or an I2C controller, and the driver records which IOMMU device ID serves its DMA (rdevid); one line per such device at boot, read from the table itself, not from any option. Nothing is wrong",
        };
      if (line.startsWith('Command-line override') || /add hid:/.test(line))
        return {
          cause:
            'an ivrs_ioapic=, ivrs_hpet= or ivrs_acpihid= option on the kernel command line replaced the IVRS table\'s own mapping for that device; this is the usual workaround for "IOAPIC[N] not in IVRS table" and it took effect',
        };
      return undefined;
    },
    render: render('AMD-Vi: ', 0x1d73ef22254ade, 1),
    examples: [
      ex('AMD-Vi: Using global IVHD EFR:0x206d73ef22254ade, EFR2:0x0'),
      ex('[    0.573910] AMD-Vi: Virtual APIC enabled'),
      ex('AMD-Vi: Command-line override present for IOAPIC id 32 - ignoring'),
      // older kernels print rdevid in decimal
      ex('AMD-Vi: ivrs, add hid:AMDI0010, uid:ID00, rdevid:160', { hidFrom: 'ivrs' }),
    ],
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c iommu_snp_enable()',
    format: 'SNP: IOMMU configured in passthrough mode, SNP cannot be supported.\n',
    versions:
      'siblings: "SNP: IOMMU disabled, SNP cannot be supported.", "SNP: IOMMU is configured with V2 page table mode, SNP cannot be supported.", "SNP: IOMMU SNP feature not enabled, SNP cannot be supported.", "SNP: RMP initialization failed, SNP cannot be supported.", "IOMMU SNP support enabled."',
    patterns: [/AMD-Vi: (?:SNP: (?<why>[^\n,]{1,60}), SNP cannot be supported|IOMMU SNP support enabled)/],
    severity: 'info',
    title: 'Whether the host can run SEV-SNP guests, as the IOMMU decides it',
    cause:
      'SEV-SNP (confidential VMs) needs the AMD IOMMU on, in translated mode with v1 page tables; the line says SNP is enabled, or which of these is missing. It does not affect ordinary device assignment',
    fix: 'only if you want SEV-SNP guests: remove iommu=pt / amd_iommu=off / amd_iommu=pgtbl_v2 as the line says, and enable SNP in the firmware',
    refine: (f) =>
      /passthrough/.test(f.why ?? '')
        ? {
            cause:
              'iommu=pt (passthrough DMA for host devices) is set, and on this CPU SNP needs translated mode; SEV-SNP is turned off. VFIO device assignment is not affected',
          }
        : undefined,
    render: render('AMD-Vi: '),
    examples: [
      ex('AMD-Vi: SNP: IOMMU configured in passthrough mode, SNP cannot be supported.', {
        why: 'IOMMU configured in passthrough mode',
      }),
      ex('AMD-Vi: IOMMU SNP support enabled.'),
    ],
  },
  {
    id: 'kernel.amd-iommu-option-ack',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c parse_amd_iommu_options()',
    format: 'amd_iommu=fullflush deprecated; use iommu.strict=1 instead\n',
    versions:
      'siblings: "Restricting V1 page-sizes to 4KiB" (amd_iommu=nohugepages), "Restricting V1 page-sizes to 4KiB/2MiB/1GiB" (amd_iommu=v2_pgsizes_only)',
    patterns: [
      /AMD-Vi: (?:amd_iommu=fullflush deprecated; use iommu\.strict=1 instead|Restricting V1 page-sizes to 4KiB(?:\/2MiB\/1GiB)?)/,
    ],
    severity: 'info',
    title: 'The kernel took an amd_iommu= option',
    cause:
      'an amd_iommu= option on the kernel command line was accepted: fullflush still takes effect but is spelled iommu.strict=1 now; the page-size options make the IOMMU map guest RAM in smaller pages, which slows DMA mapping for VFIO but changes nothing else',
    fix: 'nothing to do if the option was meant; remove it otherwise',
    render: render('AMD-Vi: '),
    examples: [
      ex('AMD-Vi: amd_iommu=fullflush deprecated; use iommu.strict=1 instead'),
      ex('AMD-Vi: Restricting V1 page-sizes to 4KiB'),
    ],
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c parse_ivrs_ioapic() / parse_ivrs_hpet() / parse_ivrs_acpihid()',
    format: 'Invalid command line: ivrs_ioapic%s\n',
    versions:
      'siblings for ivrs_hpet and ivrs_acpihid; "ivrs_ioapic%s option format deprecated; use ivrs_ioapic=%d@%04x:%02x:%02x.%d instead" (Linux 6.2+ format id@seg:bus:dev.fn), "Early IOAPIC map overflow - ignoring ivrs_ioapic%s", "Invalid command line: hid or uid", "Invalid command line: hid is too long", "Invalid command line: uid is too long"',
    patterns: [
      /AMD-Vi: (?<what>Invalid command line: (?:ivrs_(?:ioapic|hpet|acpihid)\S{0,60}|hid or uid|hid is too long|uid is too long)|ivrs_(?:ioapic|hpet|acpihid)\S{0,60} option format deprecated|Early (?:IOAPIC|HPET|ACPI HID) map overflow)/,
    ],
    severity: 'warning',
    title: 'An ivrs_ioapic= / ivrs_hpet= / ivrs_acpihid= option was not taken',
    cause:
      'these options fix an IVRS table that misses an IOAPIC or HPET (the cause of "IOAPIC[N] not in IVRS table" and interrupt remapping being disabled); this one could not be parsed, or too many were given (4 of each at most), so the fix did not apply. The "deprecated" form still works',
    fix: 'write it as ivrs_ioapic=ID@SEG:BUS:DEV.FN (e.g. ivrs_ioapic=32@0000:00:14.0), ivrs_hpet=ID@0000:00:14.0, ivrs_acpihid=HID:UID@0000:00:14.5, taking the IDs from the "IOAPIC[N] not in IVRS table" line and the board\'s southbridge address',
    refine: (f) =>
      /deprecated/.test(f.what ?? '')
        ? {
            severity: 'info',
            cause:
              'the option uses the old [id]=bus:dev.fn form; it still takes effect, the new form is id@seg:bus:dev.fn',
          }
        : undefined,
    render: render('AMD-Vi: ', '=32@00:14'),
    examples: [
      ex('AMD-Vi: Invalid command line: ivrs_ioapic=32@00:14', {
        what: 'Invalid command line: ivrs_ioapic=32@00:14',
      }),
      ex('AMD-Vi: ivrs_ioapic[32]=00:14.0 option format deprecated; use ivrs_ioapic=32@0000:00:14.0 instead'),
    ],
  },
  {
    id: 'kernel.amd-iommu-dump-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c init_iommu_from_acpi() / init_unity_map_range() (DUMP_printk, amd_iommu_dump only)',
    format: 'Using IVHD type %#x\n',
    versions:
      'printed only with amd_iommu_dump on the command line: "device: %04x:%02x:%02x.%01x cap: %04x flags: %01x info %04x", "mmio-addr: %016llx", "DEV_SELECT … devid: …", "IVMD_TYPE… devid_start: … range_start: …", "PCI segment : 0x%0x, last bdf : 0x%04x"',
    patterns: [
      /AMD-Vi: \s{0,10}(?:Using IVHD type 0x[0-9a-fA-F]{1,2}|device: [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7] cap: [0-9a-fA-F]{4}|mmio-addr: [0-9a-fA-F]{16}|DEV_[A-Z_]{3,24}(?:\([^)\n]{1,30}\))?\s{1,24}(?:devid|setting)|IVMD_TYPE[A-Z_]{0,6}\s{1,24}devid_start|PCI segment : 0x[0-9a-fA-F]{1,4}, last bdf)/,
    ],
    severity: 'info',
    title: 'AMD IOMMU table dump (amd_iommu_dump)',
    cause:
      'amd_iommu_dump is on the kernel command line, so the driver prints the IVRS table as it reads it: each IOMMU, the devices it covers (DEV_ lines), aliases, and unity-mapped ranges (IVMD). Useful to see which devices have a firmware unity map (a cause of the "1:1 IOMMU mapping" refusal) or which IOAPIC is missing',
    fix: 'nothing to fix; compare the IVMD ranges with the device that VFIO refuses, and remove amd_iommu_dump when done',
    render: render('AMD-Vi: ', 0x11),
    examples: [
      ex('AMD-Vi: Using IVHD type 0x11'),
      ex('AMD-Vi:   DEV_SELECT\t\t\tdevid: 0000:00:00.2 flags: 0x0'),
      // the tabs of DUMP_printk expanded to spaces by a paste
      ex('AMD-Vi:   DEV_SPECIAL(IOAPIC[33])                devid: 0000:00:14.0'),
      ex(
        'AMD-Vi: IVMD_TYPE_RANGE\t\tdevid_start: 0000:00:00.0 devid_end: 0000:0f:1f.7 range_start: 000000009d000000 range_end: 000000009d001000 flags: 9',
      ),
    ],
  },
  olderWording('kernel.amd-inconsistent-efr', 'kernel.amd-efr-mismatch', {
    cite: 'torvalds/linux drivers/iommu/amd/init.c get_global_efr()',
    format:
      'Found inconsistent EFR/EFR2 %#llx,%#llx (global %#llx,%#llx) on iommu%d (%04x:%02x:%02x.%01x).\n',
    versions: 'Linux 6.4+, with the [Firmware Bug] prefix',
    patterns: [/Found inconsistent EFR\/EFR2 0x[0-9a-fA-F]{1,16},0x[0-9a-fA-F]{1,16} \(global/],
    render: render('AMD-Vi: [Firmware Bug]: ', 0x1477efa2254afa, 1, 0x1077efa2254afa, 1, 1, 0, 0x40, 0, 2),
    examples: [
      ex(
        'AMD-Vi: [Firmware Bug]: Found inconsistent EFR/EFR2 0x246577efa2254afa,0x0 (global 0x206577efa2254afa,0x0) on iommu1 (0000:40:00.2).',
      ),
    ],
  }),
];

const PCI_CORE_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.pci-dma-alias-fixed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_add_dma_alias() (called from quirks.c)',
    format: 'Enabling fixed DMA alias to %02x.%d\n',
    versions:
      'Linux 4.5+; 5.6+ also "Enabling fixed DMA alias for devfn range from %02x.%d to %02x.%d" for quirks that alias a range of functions',
    patterns: [
      /Enabling fixed DMA alias (?:to (?<alias>[0-9a-f]{2}\.[0-7])|for devfn range from (?<from>[0-9a-f]{2}\.[0-7]) to (?<to>[0-9a-f]{2}\.[0-7]))/,
    ],
    severity: 'info',
    title: 'A quirk records that this device does DMA under another function number',
    cause:
      'a PCI quirk knows that this device (commonly Marvell/ASMedia SATA controllers, Ricoh card readers, some Intel and Microsemi bridges) sends its DMA with the requester ID of another function (the one named, on the same bus). The IOMMU has to map both IDs, so the device and its alias are put in the same IOMMU group; routine for such devices',
    fix: 'nothing to do; for passthrough it means every device sharing that group (including the alias function, when it exists) must be given to vfio-pci together. Check with ls /sys/kernel/iommu_groups/N/devices',
    render: render('pci 0000:04:00.0: ', 0, 1),
    examples: [
      ex('[    0.229545] pci 0000:04:00.0: Enabling fixed DMA alias to 00.1', {
        bdf: '0000:04:00.0',
        alias: '00.1',
      }),
    ],
  },
  {
    id: 'kernel.pci-intx-mask-probe-bug',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_intx_mask_supported()',
    format: 'Command register changed from 0x%x to 0x%x: driver or hardware bug?\n',
    versions:
      'Linux 3.3 to about 4.11, when pci_intx_mask_supported() probed the INTx Disable bit on demand (vfio-pci asks when a device is opened); later kernels test it once at enumeration and print nothing',
    patterns: [
      /Command register changed from (?<was>0x[0-9a-f]{1,4}) to (?<now>0x[0-9a-f]{1,4}): driver or hardware bug\?/,
    ],
    severity: 'warning',
    title: 'Toggling INTx masking changed other bits of the command register',
    cause:
      'to learn whether the device can mask its legacy interrupt (INTx), the kernel flipped the INTx Disable bit of the command register, and other bits changed as well. The device is then treated as unable to mask INTx: vfio-pci gives it its interrupt line only if nothing else shares that line, and fails to start INTx (-EBUSY) when the line is shared',
    fix: 'nothing to do if the guest uses MSI/MSI-X for this device. If it needs INTx, move the device to a slot whose interrupt line is not shared with another device (see /proc/interrupts), or have the guest driver use MSI',
    render: render('vfio-pci 0000:01:00.0: ', 0x407, 0x403),
    examples: [
      ex('vfio-pci 0000:01:00.0: Command register changed from 0x407 to 0x403: driver or hardware bug?', {
        bdf: '0000:01:00.0',
        was: '0x407',
      }),
    ],
  },
  {
    id: 'kernel.pci-bridge-enable-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_enable_bridge() (pci_enable_bridges() in drivers/pci/bus.c before 3.11)',
    format: 'Error enabling bridge (%d), continuing\n',
    patterns: [/Error enabling bridge \((?<err>-?\d{1,4})\), continuing/],
    severity: 'error',
    title: 'A PCI bridge above a device could not be enabled',
    cause:
      'when a device behind it was enabled, the kernel also enabled the bridge (or root port) above it, and that failed, most often because one of its windows has no address assigned ("can\'t enable device: BAR N … not claimed/not assigned", -22). Devices behind that bridge may not be reachable: their BARs read back as all ones, and vfio-pci or the guest driver fails on them',
    fix: 'look at the lines just before it for the bridge window the kernel could not assign; try pci=realloc on the kernel command line, enable "Above 4G decoding" (and Resizable BAR off) in the firmware setup, or update the firmware',
    render: render('pcieport 0000:00:1c.0: ', -22),
    examples: [
      ex('pcieport 0000:00:1c.0: Error enabling bridge (-22), continuing', {
        bdf: '0000:00:1c.0',
        err: '-22',
      }),
    ],
  },
  {
    id: 'kernel.pci-invalid-power-transition',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_raw_set_power_state() (pci_set_low_power_state() from 5.19)',
    format: 'invalid power transition (from state %d to %d)\n',
    versions:
      'Linux up to 4.x printed state numbers (0 = D0, 1 = D1, 2 = D2, 3 = D3hot, 4 = D3cold); 5.x "invalid power transition (from D3hot to D1)"; 6.x demoted it to a debug message ("Invalid power transition …")',
    patterns: [
      /[Ii]nvalid power transition \(from (?:state )?(?<from>D[0-3a-z]{1,5}|unknown|\d) to (?<to>D[0-3a-z]{1,5}|unknown|\d)\)/,
    ],
    severity: 'warning',
    title: 'The kernel refused a power-state change that PCI does not allow',
    cause:
      'a driver asked to put the device into a lighter low-power state than the one it is in (for example D1 while it is in D3); PCI only allows leaving a low-power state through D0, so the request was refused with -EINVAL. By itself harmless, and later kernels print it only with debugging on',
    fix: 'nothing to do unless the device then stays unusable; in that case look for "Refused to change power state" or "Unable to change power state … device inaccessible" next to it, and for vfio-pci keep the device out of low-power states with vfio-pci.disable_idle_d3=1',
    render: render('vfio-pci 0000:01:00.0: ', 3, 1),
    examples: [
      ex('vfio-pci 0000:01:00.0: invalid power transition (from state 3 to 1)', { from: '3', to: '1' }),
      ex('pci 0000:02:00.0: invalid power transition (from D3hot to D1)', {
        bdf: '0000:02:00.0',
        from: 'D3hot',
      }),
    ],
  },
  {
    id: 'kernel.pci-resource-alignment-bad',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_specified_resource_alignment()',
    format: "PCI: Can't parse resource_alignment parameter: %s\n",
    versions: '5.10+ also "PCI: Invalid requested alignment (order %d)" for an order above 63',
    patterns: [
      /PCI: Can't parse resource_alignment parameter: (?<rest>[^\n]{1,120})/,
      /PCI: Invalid requested alignment \(order (?<order>-?\d{1,5})\)/,
    ],
    severity: 'error',
    title: 'The pci=resource_alignment= option could not be read',
    cause:
      'the value given to pci=resource_alignment= (often used to page-align the small BARs of a device for passthrough, so QEMU can map them directly) has an entry the kernel cannot parse; from that entry on the option is ignored (the text shown is the rest of the option from where parsing stopped). An order above 63 falls back to page alignment',
    fix: 'write it as pci=resource_alignment=[ORDER@]DEVICE[;…] where DEVICE is [DOMAIN:]BUS:DEV.FN (e.g. 0000:01:00.0) or pci:VENDOR:DEVICE, and separate entries with ";" (quote the whole option in the boot loader config)',
    render: render('', '01:00:0'),
    examples: [ex("PCI: Can't parse resource_alignment parameter: 01:00:0", { rest: '01:00:0' })],
  },
  {
    id: 'kernel.pci-resource-alignment-applied',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_request_resource_alignment() (pci_reassigndev_resource_alignment() in 4.x)',
    format: 'BAR%d %pR: requesting alignment to %#llx\n',
    versions:
      'later kernels (pci_request_resource_alignment()); 4.x said "Releasing memory resources." and then "Rounding up size of resource #%d to %#llx." for each BAR smaller than the alignment',
    patterns: [
      new RegExp(
        `BAR ?(?<bar>\\d{1,2}) (?<range>${RANGE}): requesting alignment to (?<align>0x[0-9a-f]{1,16})`,
      ),
      /Rounding up size of resource #(?<bar>\d{1,2}) to (?<align>0x[0-9a-f]{1,16})\./,
      /: Releasing memory resources\.$/,
    ],
    severity: 'info',
    title: 'pci=resource_alignment= took effect on this BAR (routine)',
    cause:
      'the device was named in pci=resource_alignment= (or the architecture asks for a default alignment), so the kernel released this BAR and will place it again on the alignment shown; with page alignment a small BAR gets a page of its own, which lets vfio-pci and QEMU map it directly',
    fix: 'nothing to do; the BAR is reassigned in the "BAR N: assigned" lines that follow',
    render: render('pci 0000:01:00.0: ', 0, '[mem 0xf7e00000-0xf7e00fff]', 0x1000),
    examples: [
      ex('pci 0000:01:00.0: BAR0 [mem 0xf7e00000-0xf7e00fff]: requesting alignment to 0x1000', {
        bar: '0',
        align: '0x1000',
      }),
    ],
  },
  {
    id: 'kernel.pci-resource-alignment-ignored',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_request_resource_alignment() / pci_specified_resource_alignment()',
    format: 'BAR%d %pR: ignoring requested alignment %#llx\n',
    versions:
      'later kernels; 4.x "No alignment for fixed BAR%d: %pR"; with PCI_PROBE_ONLY: "PCI: Ignoring requested alignments (PCI_PROBE_ONLY)" (older "PCI: resource_alignment ignored with PCI_PROBE_ONLY"); 4.x also "Can\'t reassign resources to host bridge." when the option names a host bridge',
    patterns: [
      new RegExp(
        `BAR ?(?<bar>\\d{1,2}) (?<range>${RANGE}): ignoring requested alignment (?<align>0x[0-9a-f]{1,16})`,
      ),
      new RegExp(`No alignment for fixed BAR(?<bar>\\d{1,2}): (?<range>${RANGE})`),
      /PCI: (?:Ignoring requested alignments \(PCI_PROBE_ONLY\)|resource_alignment ignored with PCI_PROBE_ONLY)/,
      /Can't reassign resources to host bridge\./,
    ],
    severity: 'warning',
    title: 'pci=resource_alignment= was not applied',
    cause:
      "the kernel was asked to re-align the BARs of this device but kept them where the firmware put them: the BAR is fixed (firmware-owned, IORESOURCE_PCI_FIXED), the device is a host bridge, or the platform runs in probe-only mode (resources are never reassigned). A small BAR may then share a page with another device's BAR, so QEMU cannot map it directly and traps its accesses (slower)",
    fix: 'nothing to do if the device works; the alignment cannot be forced on a fixed BAR. On probe-only platforms the option has no effect at all, so drop it',
    render: render('pci 0000:00:1f.3: ', 0, '[mem 0xfed1c000-0xfed1c0ff]', 0x1000),
    examples: [
      ex('pci 0000:00:1f.3: BAR0 [mem 0xfed1c000-0xfed1c0ff]: ignoring requested alignment 0x1000', {
        bar: '0',
      }),
      ex('PCI: Ignoring requested alignments (PCI_PROBE_ONLY)'),
    ],
  },
];

const PCI_QUIRK_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.acs-quirk-intel-pch-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pci_quirk_enable_intel_pch_acs()',
    format: 'Failed to enable Intel PCH ACS quirk\n',
    patterns: [/Failed to enable Intel PCH ACS quirk/],
    severity: 'warning',
    title: 'The ACS workaround for an Intel chipset root port could not be applied',
    cause:
      "these Intel PCH root ports (5 to 9 series, X79/X99) have no ACS capability; the kernel normally turns off peer-to-peer between them through the chipset's RCBA registers, and here the RCBA was disabled or could not be mapped. The ports are then not treated as isolating, so the devices behind them end up in one shared IOMMU group",
    fix: 'check the IOMMU groups: if the device to pass through shares a group with devices behind other chipset ports, move it to a slot wired to the CPU; a firmware update may enable the RCBA. The out-of-tree ACS override patch (pcie_acs_override=) is the last resort and gives up the isolation guarantee',
    render: render('pci 0000:00:1c.0: '),
    examples: [ex('pci 0000:00:1c.0: Failed to enable Intel PCH ACS quirk', { bdf: '0000:00:1c.0' })],
  },
  {
    id: 'kernel.acs-quirk-intel-pch-steps',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pci_quirk_enable_intel_lpc_acs() / pci_quirk_enable_intel_rp_mpc_acs()',
    format: 'Disabling UPDCR peer decodes\n',
    versions: 'printed with "Enabling MPC IRBNCE" before "Intel PCH root port ACS workaround enabled"',
    patterns: [/: (?:Disabling UPDCR peer decodes|Enabling MPC IRBNCE)$/],
    severity: 'info',
    title: 'The kernel is switching on ACS-like isolation in an Intel chipset (routine)',
    cause:
      'steps of the Intel PCH ACS workaround: "Disabling UPDCR peer decodes" stops peer-to-peer between the chipset root ports, "Enabling MPC IRBNCE" turns on the equivalent of ACS source validation. Together they let devices behind these ports have IOMMU groups of their own',
    fix: 'nothing to do',
    render: render('pci 0000:00:1c.0: '),
    examples: [
      ex('pci 0000:00:1c.0: Disabling UPDCR peer decodes', { bdf: '0000:00:1c.0' }),
      ex('pci 0000:00:1c.4: Enabling MPC IRBNCE'),
    ],
  },
  {
    id: 'kernel.mlx-cx4-no-intx-masking',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c mellanox_check_broken_intx_masking()',
    format:
      "ConnectX-4: FW %u.%u.%u doesn't support INTx masking, disabling. Please upgrade FW to %d.14.1100 and up for INTx support\n",
    patterns: [/ConnectX-4: FW (?<fw>\d{1,5}\.\d{1,5}\.\d{1,5}) doesn't support INTx masking, disabling/],
    severity: 'warning',
    title: 'This ConnectX-4 firmware cannot mask INTx',
    cause:
      'the firmware of this Mellanox ConnectX-4 / 4 Lx is too old to mask its legacy interrupt, so the kernel marks INTx masking broken. vfio-pci then gives the device its INTx line only when no other device shares that line; guests using MSI-X (mlx5 does) are not affected',
    fix: 'update the adapter firmware to the version named in the message (mlxfwmanager / mstflint); until then make sure the guest driver uses MSI-X',
    render: render('pci 0000:3b:00.0: ', 12, 12, 1100, 12),
    examples: [
      ex(
        "pci 0000:3b:00.0: ConnectX-4: FW 12.12.1100 doesn't support INTx masking, disabling. Please upgrade FW to 12.14.1100 and up for INTx support",
        { fw: '12.12.1100' },
      ),
    ],
  },
  {
    id: 'kernel.igd-ivb-reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c reset_ivb_igd()',
    format: 'timeout during reset\n',
    // The integrated GPU is always 00:02.0; the bus is not required, so a pasted address whose bus
    // was blanked out (0000:xx:02.0) still reads as this message.
    patterns: [/:02\.0: timeout during reset$/],
    severity: 'warning',
    title: 'The Ivy Bridge iGPU reset timed out waiting for the panel',
    cause:
      'Ivy Bridge mobile integrated graphics (8086:0156/0166) have no standard reset, so the kernel resets them by turning the panel power off and waiting for it; after 10 s the panel still reported power, and the reset went on anyway. The iGPU may not be in a clean state for the guest',
    fix: 'usually harmless; if the guest then fails to drive the iGPU, reboot the host between guest starts, or pass the iGPU through only with the panel off (lid closed / external display only)',
    render: render('vfio-pci 0000:00:02.0: '),
    examples: [ex('vfio-pci 0000:00:02.0: timeout during reset', { bdf: '0000:00:02.0' })],
  },
  {
    id: 'kernel.pci-msi-quirk-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c quirk_disable_all_msi() / quirk_disable_msi() / quirk_msi_ht_cap()',
    format: 'MSI quirk detected; MSI disabled\n',
    versions:
      'for one bridge: "MSI quirk detected; subordinate MSI disabled"; for Intel PXH: "PXH quirk detected; SHPC device MSI disabled"',
    patterns: [
      /MSI quirk detected; (?:subordinate )?MSI disabled|PXH quirk detected; SHPC device MSI disabled/,
    ],
    severity: 'warning',
    title: 'MSI is turned off for a chipset or bridge that does not support it',
    cause:
      'the chipset (older ServerWorks, ATI RS400/RS480, VIA, SiS, AMD 8131 and similar) or this bridge is known not to deliver MSI correctly, so the kernel disables MSI system-wide or for the devices behind it. Those devices use INTx only, and vfio-pci cannot give the guest MSI/MSI-X for them',
    fix: 'nothing can be set to change it on that chipset; for passthrough, use a slot behind a bridge that supports MSI (or another host), and expect INTx sharing limits otherwise',
    render: render('pci 0000:00:00.0: '),
    examples: [
      ex('pci 0000:00:00.0: MSI quirk detected; MSI disabled'),
      ex('pci 0000:00:0a.0: MSI quirk detected; subordinate MSI disabled', { bdf: '0000:00:0a.0' }),
    ],
  },
  {
    id: 'kernel.pci-ats-disabled-quirk',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c quirk_amd_harvest_no_ats() / quirk_no_ats()',
    format: 'disabling ATS\n',
    versions: 'older kernels (the first AMD Stoney quirk) said "disabling ATS (broken on this device)"',
    patterns: [/: disabling ATS(?: \(broken on this device\))?$/],
    severity: 'info',
    title: 'ATS is turned off for this device by a quirk (harmless for passthrough)',
    cause:
      'some AMD GPUs (Stoney, Iceland, some Navi 10/14 and others) and a few other devices get Address Translation Services wrong, so the kernel does not use ATS with them; the IOMMU translates their DMA itself. Passthrough works the same',
    fix: 'nothing to do',
    render: render('pci 0000:03:00.0: '),
    examples: [ex('pci 0000:03:00.0: disabling ATS', { bdf: '0000:03:00.0' })],
  },
];

const PCI_IOV_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.iov-bus-range-old',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_enable()',
    format: 'SR-IOV: bus number out of range\n',
    versions: 'Linux 3.x–4.x; later kernels say "can\'t enable %d VFs (bus %02x out of range of %pR)"',
    patterns: [/SR-IOV: bus number out of range/],
    severity: 'error',
    title: 'The VFs would need bus numbers the bridge above does not have',
    cause:
      'with the number of VFs asked for, the last VFs land on bus numbers beyond the range the firmware gave the bridge above the PF, so the kernel refuses to enable SR-IOV and the sriov_numvfs write fails with ENOMEM',
    fix: 'ask for fewer VFs, or boot with pci=assign-busses so the kernel renumbers the buses with room for the VFs; a firmware option for SR-IOV (or ARI) may reserve the bus numbers as well',
    render: render('ixgbe 0000:03:00.0: '),
    examples: [ex('ixgbe 0000:03:00.0: SR-IOV: bus number out of range', { bdf: '0000:03:00.0' })],
  },
];

const VGAARB_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.vgaarb-loaded',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_arb_device_init() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: loaded\n',
    patterns: [/vgaarb: loaded$/],
    severity: 'info',
    title: 'The VGA arbiter started (routine)',
    cause:
      'the kernel VGA arbiter registered every VGA-class GPU (the "VGA device added" lines before it) and /dev/vga_arbiter is ready; it decides which GPU gets the legacy VGA ranges, which matters only for legacy VGA passthrough (x-vga=on), not for UEFI guests',
    fix: 'nothing to do',
    render: render(''),
    examples: [ex('[    0.389101] vgaarb: loaded')],
  },
];

const AMD_IOMMU_LINES: CatalogueEntry[] = [
  {
    id: 'kernel.amd-irte-alloc-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c irq_remapping_alloc()',
    format: 'Failed to allocate IRTE\n',
    patterns: [/AMD-Vi: Failed to allocate IRTE/],
    severity: 'error',
    title: "No free interrupt-remapping entry for the device's interrupts",
    cause:
      'with AMD interrupt remapping each device (requester ID, shared by its DMA aliases) has one remapping table of limited size; it had no free run of entries for the MSI/MSI-X vectors asked for, or the table could not be allocated, so enabling those interrupts failed. With vfio-pci this shows up when the guest enables many MSI-X vectors, or when several aliased functions share one table',
    fix: 'have the guest driver use fewer vectors (e.g. fewer queues), check that the device does not share its requester ID with other busy functions (DMA alias, conventional-PCI bridge), and update the kernel; a reboot clears leaked entries',
    render: render('AMD-Vi: '),
    examples: [ex('[ 1234.567890] AMD-Vi: Failed to allocate IRTE')],
  },
  {
    id: 'kernel.amd-probe-device-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_probe_device()',
    format: 'Failed to initialize - trying to proceed anyway\n',
    patterns: [/AMD-Vi: Failed to initialize - trying to proceed anyway/],
    severity: 'error',
    title: 'The AMD IOMMU could not take on this device',
    cause:
      "setting up the IOMMU's per-device data for this device failed (usually out of memory, or an ACPI device the IVRS table does not describe), so the IOMMU ignores it: the device gets no IOMMU group and VFIO cannot assign it",
    fix: 'check /sys/bus/pci/devices/ADDR/iommu_group; if it is missing, look for IVRS table errors earlier in the log and update the firmware; retry on a fresh boot',
    render: render('pci 0000:05:00.0: AMD-Vi: '),
    examples: [
      ex('pci 0000:05:00.0: AMD-Vi: Failed to initialize - trying to proceed anyway', {
        bdf: '0000:05:00.0',
      }),
    ],
  },
  olderWording('kernel.amd-rmp-event-dev', 'kernel.amd-ppr-rmp-event', {
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_report_rmp_fault() / amd_iommu_report_rmp_hw_error()',
    format: 'Event logged [RMP_PAGE_FAULT vmg_tag=0x%04x, gpa=0x%llx, flags_rmp=0x%04x, flags=0x%04x]\n',
    versions:
      'printed on the device (pci_err) when the IOMMU knows it; "Event logged [RMP_HW_ERROR vmg_tag=0x%04x, spa=0x%llx, flags=0x%04x]" for RMP hardware errors; without a known device the "device=BB:DD.F" form',
    patterns: [/Event logged \[(?<event>RMP_PAGE_FAULT|RMP_HW_ERROR) vmg_tag=0x[0-9a-fA-F]{1,4}, /],
    render: render('vfio-pci 0000:0b:00.0: AMD-Vi: ', 0, 0x1000, 0, 0x10),
    examples: [
      ex(
        'vfio-pci 0000:0b:00.0: AMD-Vi: Event logged [RMP_PAGE_FAULT vmg_tag=0x0000, gpa=0x1000, flags_rmp=0x0000, flags=0x0010]',
        { event: 'RMP_PAGE_FAULT' },
      ),
    ],
  }),
  olderWording('kernel.amd-command-buffer-timeout', 'kernel.amd-completion-wait-timeout', {
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c __iommu_queue_command_sync()',
    format: 'Command buffer timeout\n',
    versions: 'the same stall seen while queueing a command rather than while waiting for one to complete',
    patterns: [/AMD-Vi: Command buffer timeout/],
    render: render('AMD-Vi: '),
    examples: [ex('AMD-Vi: Command buffer timeout')],
  }),
  {
    id: 'kernel.amd-event-dump',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c dump_dte_entry() / dump_command()',
    format: 'DTE[%d]: %016llx\n',
    versions: 'the command dump after ILLEGAL_COMMAND_ERROR prints "CMD[%d]: %08x"',
    patterns: [/AMD-Vi: (?:DTE\[[0-3]\]: [0-9a-f]{16}|CMD\[[0-3]\]: [0-9a-f]{8})$/],
    severity: 'info',
    title: 'Raw dump that belongs to the AMD-Vi event just before it',
    cause:
      'after an ILLEGAL_DEV_TABLE_ENTRY event the driver prints the four words of that device-table entry (DTE[0..3]), after ILLEGAL_COMMAND_ERROR the four words of the command (CMD[0..3]); the meaning is in the event line above',
    fix: 'read the event line before these; keep the dump if reporting the bug',
    render: render('AMD-Vi: ', 0, 0x3fe8c13003),
    examples: [ex('AMD-Vi: DTE[0]: 6000003fe8c13003'), ex('AMD-Vi: CMD[1]: 00000000')],
  },
  {
    id: 'kernel.amd-event-unknown',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event() / iommu_handle_ppr_entry()',
    format: 'Event logged [UNKNOWN event[0]=0x%08x event[1]=0x%08x event[2]=0x%08x event[3]=0x%08x\n',
    versions:
      'also "No event written to event log" (an interrupt without an entry, a hardware erratum) and "Unknown PPR request received"',
    patterns: [
      /Event logged \[UNKNOWN event\[0\]=0x[0-9a-f]{8}/,
      /AMD-Vi: (?:No event written to event log|Unknown PPR request received)/,
    ],
    severity: 'warning',
    title: 'The AMD IOMMU reported an event the driver does not know',
    cause:
      'an event-log (or PPR-log) entry of a type this kernel cannot decode, or an event interrupt whose entry never arrived; a newer IOMMU feature, a firmware or hardware problem. By itself it does not say which device or whether passthrough is affected',
    fix: 'look for other AMD-Vi events around it; update the kernel and firmware; report the raw words if it repeats',
    render: render('iommu ivhd0: AMD-Vi: ', 0x12345678, 0x90000000, 0x1, 0x2),
    examples: [
      ex(
        'iommu ivhd0: AMD-Vi: Event logged [UNKNOWN event[0]=0x12345678 event[1]=0x90000000 event[2]=0x00000001 event[3]=0x00000002',
      ),
      ex('AMD-Vi: No event written to event log'),
    ],
  },
];

const PCI_PROBE_LINES: CatalogueEntry[] = [
  olderWording('kernel.enum-not-responding-old', 'kernel.enum-not-ready-giving-up', {
    cite: 'torvalds/linux drivers/pci/probe.c pci_bus_read_dev_vendor_id()',
    format: 'pci %04x:%02x:%02x.%d: not responding\n',
    versions: 'Linux 3.x–4.x wording of the 60-second CRS wait; later "not ready after %dms; giving up"',
    patterns: [/pci (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): not responding$/],
    render: render('', 0, 0x0c, 0, 0),
    examples: [ex('[  612.331021] pci 0000:0c:00.0: not responding', { bdf: '0000:0c:00.0' })],
  }),
  {
    id: 'kernel.pci-bar-cant-size',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c __pci_read_base()',
    format: "[Firmware Bug]: reg 0x%x: invalid BAR (can't size)\n",
    versions: 'Linux 6.8+ prints "BAR %d: invalid; can\'t size"',
    patterns: [
      /reg 0x(?<reg>[0-9a-f]{1,3}): invalid BAR \(can't size\)/,
      /BAR (?<bar>\d{1,2}): invalid; can't size/,
    ],
    severity: 'warning',
    title: 'A BAR of the device could not be sized and is ignored',
    cause:
      'writing all ones to this BAR and reading it back gave a value that is not a valid size, so the kernel ignores the BAR: neither the host driver nor vfio-pci (and so the guest) can use that region. Seen with devices that are half-initialised, hidden by firmware, or not fully powered',
    fix: 'if this device is the one passed through and the guest driver misses a region, update the device or system firmware, try a cold boot, and compare with `lspci -vv` of the BARs',
    render: render('pci 0000:03:00.0: [Firmware Bug]: ', 0x18),
    examples: [ex("pci 0000:03:00.0: [Firmware Bug]: reg 0x18: invalid BAR (can't size)", { reg: '18' })],
  },
  {
    id: 'kernel.pci-bar-initial-invalid',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c __pci_read_base()',
    format: 'reg 0x%x: initial BAR value %#010llx invalid\n',
    versions: 'Linux 6.8+: "BAR %d: initial BAR value %#010llx invalid"',
    patterns: [/(?:reg 0x[0-9a-f]{1,3}|BAR \d{1,2}): initial BAR value (?<addr>0x[0-9a-f]{1,16}) invalid/],
    severity: 'info',
    title: 'The firmware left a BAR where the host bridge cannot reach it; it will be moved',
    cause:
      'the address the firmware programmed into this BAR is outside what the host bridge translates, so the kernel drops it and assigns the BAR again; the "BAR N: assigned" lines that follow show where it went',
    fix: 'nothing to do unless the later assignment fails ("can\'t assign; no space"); then try pci=realloc or enable "Above 4G decoding" in the firmware',
    render: render('pci 0000:03:00.0: ', 0x10, 0xe0000000),
    examples: [
      ex('pci 0000:03:00.0: reg 0x10: initial BAR value 0xe0000000 invalid', { addr: '0xe0000000' }),
    ],
  },
  {
    id: 'kernel.pci-bar-above-4g-32bit',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c __pci_read_base() / pci_read_bridge_mmio_pref()',
    format: "reg 0x%x: can't handle BAR larger than 4GB (size %#010llx)\n",
    versions:
      'siblings: "reg 0x%x: can\'t handle BAR above 4GB (bus address %#010llx)", "can\'t handle bridge window above 4GB (bus address %#010llx)"',
    patterns: [
      /can't handle (?:BAR larger than 4GB \(size|BAR above 4GB \(bus address|bridge window above 4GB \(bus address) 0x[0-9a-f]{1,16}\)/,
    ],
    severity: 'error',
    title: 'This kernel cannot use 64-bit PCI addresses',
    cause:
      'the kernel was built without 64-bit PCI bus addresses (a 32-bit kernel, or 32-bit resource sizes), so a BAR or bridge window above 4 GB, or larger than 4 GB, cannot be used: large GPU BARs are disabled or moved below 4 GB if there is room',
    fix: 'run a 64-bit kernel on the host; VFIO passthrough of modern GPUs needs 64-bit BARs',
    render: render('pci 0000:01:00.0: ', 0x18, 0x400000000),
    examples: [ex("pci 0000:01:00.0: reg 0x18: can't handle BAR larger than 4GB (size 0x400000000)")],
  },
  {
    id: 'kernel.pci-bus-range-short',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_scan_bridge()',
    format: 'bridge has subordinate %02x but max busn %02x\n',
    versions:
      'also "%pR %s hidden behind%s bridge %s %pR" (a bus outside its parent\'s range) and "Primary bus is hard wired to 0"',
    patterns: [
      /bridge has subordinate (?<sub>[0-9a-f]{2}) but max busn (?<max>[0-9a-f]{2})/,
      /\[bus [0-9a-f]{2}(?:-[0-9a-f]{2})?\] (?:wholly|partially) hidden behind(?: transparent)? bridge/,
      /Primary bus is hard wired to 0/,
    ],
    severity: 'warning',
    title: 'The bus numbers the firmware gave a bridge do not cover what is behind it',
    cause:
      "the firmware programmed this bridge with a bus-number range smaller than the buses found behind it (or a bus lies outside its parent bridge's range); devices on the buses beyond the range may be unreachable or hidden, and SR-IOV VFs that need more bus numbers cannot be created",
    fix: 'boot with pci=assign-busses so the kernel renumbers the buses itself; update the system firmware',
    render: render('pcieport 0000:00:1c.0: ', 0x03, 0x04),
    examples: [
      ex('pcieport 0000:00:1c.0: bridge has subordinate 03 but max busn 04', { sub: '03', max: '04' }),
    ],
  },
  {
    id: 'kernel.pci-bridge-config-invalid',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_scan_bridge()',
    format: 'bridge configuration invalid ([bus %02x-%02x]), reconfiguring\n',
    patterns: [
      /bridge configuration invalid \(\[bus (?<sec>[0-9a-f]{2})-(?<sub>[0-9a-f]{2})\]\), reconfiguring/,
    ],
    severity: 'info',
    title: 'The kernel renumbers a bridge the firmware left unconfigured (routine)',
    cause:
      "the bridge's bus numbers were not set up (or not consistently) by the firmware, which is normal for hot-plug slots, Thunderbolt and bridges the firmware skips; the kernel assigns fresh bus numbers in its second pass",
    fix: 'nothing to do',
    render: render('pci 0000:00:1c.4: ', 0, 0),
    examples: [
      ex('pci 0000:00:1c.4: bridge configuration invalid ([bus 00-00]), reconfiguring', { sec: '00' }),
    ],
  },
  {
    id: 'kernel.pci-mps-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pcie_bus_detect_mps() / pcie_write_mps() / pcie_write_mrrs()',
    format:
      'Max Payload Size %d, but upstream %s set to %d; if necessary, use "pci=pcie_bus_safe" and report a bug\n',
    versions:
      'with pci=pcie_bus_* tuning also "Failed attempting to set the MPS" and "MRRS was unable to be configured with a safe value.  If problems are experienced, try running with pci=pcie_bus_safe"',
    patterns: [
      /Max Payload Size (?<mps>\d{3,4}), but upstream (?<up>[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) set to (?<upmps>\d{3,4})/,
      /Failed attempting to set the MPS|MRRS was unable to be configured with a safe value/,
    ],
    severity: 'warning',
    title: 'A device and its upstream port disagree on the PCIe Max Payload Size',
    cause:
      'the firmware set a larger Max Payload Size on this device than on the port above it (or the kernel could not set MPS/MRRS consistently); packets larger than the port accepts are malformed, which shows up as AER errors, a device that drops off the bus, or one that fails in the guest under load',
    fix: 'boot with pci=pcie_bus_safe so the kernel sets consistent sizes along the whole path; update the system firmware',
    render: render('pci 0000:03:00.0: ', 256, '0000:00:1c.0', 128),
    examples: [
      ex(
        'pci 0000:03:00.0: Max Payload Size 256, but upstream 0000:00:1c.0 set to 128; if necessary, use "pci=pcie_bus_safe" and report a bug',
        { mps: '256', upmps: '128' },
      ),
    ],
  },
];

export const KERNEL_SWEEP_ENTRIES: CatalogueEntry[] = [
  ...VFIO_OLDER_WORDINGS,
  ...VFIO_PCI_LINES,
  ...PCI_FLR_OLD,
  ...HOST_DRIVER_LINES,
  ...FRAMEBUFFER_LINES,
  ...IOMMU_CORE_LINES,
  ...INTEL_IOMMU_LINES,
  ...DMAR_TABLE_LINES,
  ...INTEL_IR_LINES,
  ...AMD_INIT_LINES,
  ...PCI_CORE_LINES,
  ...PCI_QUIRK_LINES,
  ...PCI_IOV_LINES,
  ...VGAARB_LINES,
  ...AMD_IOMMU_LINES,
  ...PCI_PROBE_LINES,
];

/**
 * Further wordings the sweep went through that an entry recognises (coverage.ts ALSO rows): older
 * or sibling forms of the entries above, and lines of the swept files that entries of other
 * catalogue files already knew in another wording.
 */
export const KERNEL_SWEEP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.vfio-runtime-resume-failed',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c',
    format: 'runtime resume failed %d',
    text: 'vfio-pci 0000:01:00.0: runtime resume failed -16',
  },
  {
    id: 'kernel.vfio-vf-token-unexpected',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c',
    format: 'VF token incorrectly provided, PF not bound to vfio-pci',
    text: 'vfio-pci 0000:3b:02.0: VF token incorrectly provided, PF not bound to vfio-pci',
  },
  {
    id: 'kernel.vfio-hiding-ecap',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: '%s: %s hiding ecap 0x%x@0x%x',
    text: 'vfio_ecap_init: 0000:02:00.0 hiding ecap 0x1e@0x258',
  },
  {
    id: 'kernel.vfio-config-conflict-old',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: '%s: %s pci config conflict @0x%x, was ecap 0x%x now ecap 0x%x',
    text: 'vfio_ecap_init: 0000:05:00.0 pci config conflict @0x140, was ecap 0x2 now ecap 0x3',
  },
  {
    id: 'kernel.vfio-unknown-cap-length',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: '%s: %s unknown length for pci ecap 0x%x@0x%x',
    text: '0000:02:00.0: vfio_ext_cap_len unknown length for pci ecap 0x2a@0x300',
  },
  {
    id: 'kernel.vfio-unknown-cap-length',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: '%s: unknown length for PCI cap %#x@%#x',
    text: 'vfio-pci 0000:01:00.0: vfio_cap_len: unknown length for PCI cap 0xc@0x60',
  },
  {
    id: 'kernel.vfio-reload-saved-state',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci.c',
    format: "%s: Couldn't reload %s saved state",
    text: "vfio_pci_release: Couldn't reload 0000:02:00.0 saved state",
  },
  {
    id: 'kernel.vfio-intx-masking-broken',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci.c',
    format: 'Masking broken INTx support',
    text: 'vfio-pci 0000:05:00.0: Masking broken INTx support',
  },
  {
    id: 'kernel.memlock-exceeded',
    file: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c',
    format: '%s: Task %s (%d) RLIMIT_MEMLOCK (%ld) exceeded',
    text: 'vfio_pin_page_external: Task qemu-kvm (4121) RLIMIT_MEMLOCK (67108864) exceeded',
  },
  {
    id: 'kernel.nvidia-no-devices-probed',
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c',
    format: 'NVRM: No NVIDIA graphics adapter probed!',
    text: 'NVRM: No NVIDIA graphics adapter probed!',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: mode is %dx%dx%d, linelength=%d, pages=%d',
    text: 'efifb: mode is 2560x1440x32, linelength=10240, pages=1',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: scrolling: redraw',
    text: 'efifb: scrolling: redraw',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: %s: size=%d:%d:%d:%d, shift=%d:%d:%d:%d',
    text: 'efifb: Truecolor: size=0:8:8:8, shift=0:16:8:0',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: No BGRT, not showing boot graphics',
    text: 'efifb: No BGRT, not showing boot graphics',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: BGRT rotation bits set, not showing boot graphics',
    text: 'efifb: BGRT rotation bits set, not showing boot graphics',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: not 32 bits, not showing boot graphics',
    text: 'efifb: not 32 bits, not showing boot graphics',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: showing boot graphics',
    text: 'efifb: showing boot graphics',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: Ignoring BGRT: failed to map image memory',
    text: 'efifb: Ignoring BGRT: failed to map image memory',
  },
  {
    id: 'kernel.efifb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: Ignoring BGRT: unexpected or invalid BMP data',
    text: 'efifb: Ignoring BGRT: unexpected or invalid BMP data',
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: video memory @ 0x%lx spans multiple EFI memory regions',
    text: 'efifb: video memory @ 0x80000000 spans multiple EFI memory regions',
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: cannot add sysfs attrs',
    text: 'efifb: cannot add sysfs attrs',
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: cannot allocate colormap',
    text: 'efifb: cannot allocate colormap',
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: cannot register framebuffer',
    text: 'efifb: cannot register framebuffer',
  },
  {
    id: 'kernel.fbdev-firmware-probe-failed',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: abort, cannot ioremap video memory 0x%x @ 0x%lx',
    text: 'vesafb: abort, cannot ioremap video memory 0x300000 @ 0xfd000000',
  },
  {
    id: 'kernel.efifb-bar-assigned',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'BAR %d: assigned to efifb but device is disabled!',
    text: 'pci 0000:01:00.0: BAR 0: assigned to efifb but device is disabled!',
  },
  {
    id: 'kernel.efifb-bar-assigned',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'BAR %d: assigned to efifb',
    text: 'pci 0000:01:00.0: BAR 1: assigned to efifb',
  },
  {
    id: 'kernel.efifb-bar-moved',
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'BAR has moved, updating efifb address',
    text: 'pci 0000:01:00.0: BAR has moved, updating efifb address',
  },
  {
    id: 'kernel.fbdev-registered',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'fb%d: %s frame buffer device',
    text: 'fb0: VESA VGA frame buffer device',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: mode is %dx%dx%d, linelength=%d, pages=%d',
    text: 'vesafb: mode is 1280x1024x32, linelength=5120, pages=0',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: protected mode interface info at %04x:%04x',
    text: 'vesafb: protected mode interface info at c000:e3a0',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: pmi: set display start = %p, set palette = %p',
    text: 'vesafb: pmi: set display start = (ptrval), set palette = (ptrval)',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: pmi: ports = ',
    text: 'vesafb: pmi: ports = 3b4 3b5 3ba 3c0 3c1',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: scrolling: redraw',
    text: 'vesafb: scrolling: redraw',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: scrolling: %s using protected mode interface, yres_virtual=%d',
    text: 'vesafb: scrolling: ypan using protected mode interface, yres_virtual=4096',
  },
  {
    id: 'kernel.vesafb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: %s: size=%d:%d:%d:%d, shift=%d:%d:%d:%d',
    text: 'vesafb: Truecolor: size=0:8:8:8, shift=0:16:8:0',
  },
  {
    id: 'kernel.simplefb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'format=%s, mode=%dx%dx%d, linelength=%d',
    text: 'simple-framebuffer simple-framebuffer.0: format=a8r8g8b8, mode=1024x768x32, linelength=4096',
  },
  {
    id: 'kernel.simplefb-boot-lines',
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'fb%d: simplefb registered!',
    text: 'simple-framebuffer simple-framebuffer.0: fb0: simplefb registered!',
  },
  {
    id: 'kernel.iommu-restore-domain-failed',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'iommu driver failed to attach the default domain',
    text: 'iommu driver failed to attach the default domain',
  },
  {
    id: 'kernel.iommu-group-type-change-refused',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Group not assigned to default domain',
    text: 'pci 0000:05:00.0: Group not assigned to default domain',
  },
  {
    id: 'kernel.iommu-group-type-change-refused',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Cannot change default domain: Device has been changed',
    text: 'pci 0000:05:00.0: Cannot change default domain: Device has been changed',
  },
  {
    id: 'kernel.iommu-group-type-change-refused',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Device cannot be in %s domain',
    text: 'pci 0000:00:02.0: Device cannot be in Translated domain',
  },
  {
    id: 'kernel.iommu-group-type-change-refused',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Device is still bound to driver',
    text: 'iommu: Device is still bound to driver',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Disable supported super page',
    text: 'DMAR: Disable supported super page',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Enable scalable mode if hardware supports',
    text: 'DMAR: Enable scalable mode if hardware supports',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Scalable mode is disallowed',
    text: 'DMAR: Scalable mode is disallowed',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'intel_iommu=forcedac deprecated; use iommu.forcedac instead',
    text: 'DMAR: intel_iommu=forcedac deprecated; use iommu.forcedac instead',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'intel_iommu=strict deprecated; use iommu.strict=1 instead',
    text: 'DMAR: intel_iommu=strict deprecated; use iommu.strict=1 instead',
  },
  {
    id: 'kernel.intel-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Intel-IOMMU: not forcing on after tboot. This could expose security risk for tboot',
    text: 'DMAR: Intel-IOMMU: not forcing on after tboot. This could expose security risk for tboot',
  },
  {
    id: 'kernel.iommu-unknown-option',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: "Unknown option - '%s'",
    text: "DMAR: Unknown option - 'pt'",
  },
  {
    id: 'kernel.dmar-bad-rmrr',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Your BIOS is broken; bad RMRR [%#018Lx-%#018Lx]',
    text: 'DMAR: [Firmware Bug]: Your BIOS is broken; bad RMRR [0x000000007b800000-0x000000007fffffff]',
  },
  {
    id: 'kernel.dmar-no-rmrr-atsr',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'No ATSR found',
    text: 'DMAR: No ATSR found',
  },
  {
    id: 'kernel.dmar-no-rmrr-atsr',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'No SATC found',
    text: 'DMAR: No SATC found',
  },
  {
    id: 'kernel.dmar-invalidation-mode',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: '%s: Using Register based invalidation',
    text: 'DMAR: dmar0: Using Register based invalidation',
  },
  {
    id: 'kernel.dmar-chipset-quirk-lines',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Disabling batched IOTLB flush on Ironlake',
    text: 'pci 0000:00:02.0: Disabling batched IOTLB flush on Ironlake',
  },
  {
    id: 'kernel.dmar-chipset-quirk-lines',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Skip IOMMU disabling for graphics',
    text: 'pci 0000:00:02.0: Skip IOMMU disabling for graphics',
  },
  {
    id: 'kernel.dmar-untrusted-quirk-skipped',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Please check with your BIOS/Platform vendor about this',
    text: 'pci 0000:05:00.0: Please check with your BIOS/Platform vendor about this',
  },
  {
    id: 'kernel.dmar-isoch-bios-bug',
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Your BIOS is broken; DMA routed to ISOCH DMAR unit but no TLB space.',
    text: 'Your BIOS is broken; DMA routed to ISOCH DMAR unit but no TLB space.',
  },
  {
    id: 'kernel.dmar-table-more-lines',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'RHSA base: %#016Lx proximity domain: %#x',
    text: 'DMAR: RHSA base: 0x000000fbffc000 proximity domain: 0x0',
  },
  {
    id: 'kernel.dmar-table-more-lines',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'ANDD device: %x name: %s',
    text: 'DMAR: ANDD device: 1 name: \\_SB.PCI0.I2C1',
  },
  {
    id: 'kernel.dmar-table-more-lines',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'ACPI device "%s" under DMAR at %llx as %02x:%02x.%d',
    text: 'DMAR: ACPI device "INT33C3:00" under DMAR at fed91000 as 00:15.2',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Unable to map DMAR',
    text: 'DMAR: Unable to map DMAR',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Record passes table end',
    text: 'DMAR: [Firmware Bug]: Record passes table end',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'No handler for DMAR structure type %d',
    text: 'DMAR: No handler for DMAR structure type 7',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalid DMAR haw',
    text: 'DMAR: Invalid DMAR haw',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Parse DMAR table failure.',
    text: 'DMAR: Parse DMAR table failure.',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: "Can't validate DRHD address: %llx",
    text: "DMAR: Can't validate DRHD address: fed90000",
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Device scope type does not match for %s',
    text: 'DMAR: Device scope type does not match for 0000:00:1c.0',
  },
  {
    id: 'kernel.dmar-table-broken',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Unsupported device scope',
    text: 'DMAR: Unsupported device scope',
  },
  {
    id: 'kernel.dmar-unit-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: "Can't map the region",
    text: "DMAR: Can't map the region",
  },
  {
    id: 'kernel.dmar-unit-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Failed to map %s',
    text: 'DMAR: Failed to map dmar0',
  },
  {
    id: 'kernel.dmar-unit-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Failed to allocate seq_id',
    text: 'DMAR: Failed to allocate seq_id',
  },
  {
    id: 'kernel.dmar-unit-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Cannot get a valid max agaw for iommu (seq_id = %d)',
    text: 'DMAR: Cannot get a valid max agaw for iommu (seq_id = 1)',
  },
  {
    id: 'kernel.dmar-fault-irq-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'No free IRQ vectors',
    text: 'DMAR: No free IRQ vectors',
  },
  {
    id: 'kernel.dmar-fault-irq-failed',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: "Can't request irq",
    text: "DMAR: Can't request irq",
  },
  {
    id: 'kernel.dmar-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: '[%s] Request device [%02x:%02x.%d] PASID %x fault addr %llx [fault reason %02d] %s',
    text: 'DMAR: [DMA Read] Request device [02:00.0] PASID ffffffff fault addr fff80000 [fault reason 06] PTE Read access is not set',
  },
  {
    id: 'kernel.dmar-intr-remap-fault',
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: '[INTR-REMAP] Request device [%02x:%02x.%d] fault index %llx [fault reason %02d] %s',
    text: 'DMAR: [INTR-REMAP] Request device [f0:1f.0] fault index 1c [fault reason 37] Blocked a compatibility format interrupt request',
  },
  {
    id: 'kernel.dmar-ir-irte-exhausted',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Failed to allocate IRTE',
    text: 'DMAR-IR: Failed to allocate IRTE',
  },
  {
    id: 'kernel.dmar-ir-irte-exhausted',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Requested mask %x exceeds the max invalidation handle mask value %Lx',
    text: 'DMAR-IR: Requested mask 5 exceeds the max invalidation handle mask value 4',
  },
  {
    id: 'kernel.dmar-ir-setup-failed',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Failed to enable queued invalidation',
    text: 'DMAR-IR: Failed to enable queued invalidation',
  },
  {
    id: 'kernel.dmar-ir-chipset-erratum',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'on a chipset that contains an erratum making that',
    text: 'on a chipset that contains an erratum making that',
  },
  {
    id: 'kernel.dmar-ir-no-eim',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'DRHD %Lx: EIM not supported by DRHD, ecap %Lx',
    text: 'DMAR-IR: DRHD fed91000: EIM not supported by DRHD, ecap f0101a',
  },
  {
    id: 'kernel.dmar-ir-source-id-missing',
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Failed to set source-id of HPET block (%d)',
    text: 'DMAR-IR: Failed to set source-id of HPET block (0)',
  },
  {
    id: 'kernel.amd-mmio-reserve-failed',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'This is a BIOS bug. Please contact your hardware vendor',
    text: 'AMD-Vi: This is a BIOS bug. Please contact your hardware vendor',
  },
  {
    id: 'kernel.amd-ivrs-broken',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Unsupported IVHD type %#x',
    text: 'AMD-Vi: Unsupported IVHD type 0x12',
  },
  {
    id: 'kernel.amd-ivrs-broken',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid IVHD device type %#x',
    text: 'AMD-Vi: [Firmware Bug]: Invalid IVHD device type 0xf0',
  },
  {
    id: 'kernel.amd-ivrs-broken',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid HID.',
    text: 'AMD-Vi: [Firmware Bug]: Invalid HID.',
  },
  {
    id: 'kernel.amd-ivrs-broken',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid UID length.',
    text: 'AMD-Vi: [Firmware Bug]: Invalid UID length.',
  },
  {
    id: 'kernel.amd-host-translation-unsupported',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Disable host address translation due to invalid translation level (%#x).',
    text: 'AMD-Vi: [Firmware Bug]: Disable host address translation due to invalid translation level (0x3).',
  },
  {
    id: 'kernel.amd-host-translation-unsupported',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Cannot enable v2 page table for DMA-API. Fallback to v1.',
    text: 'AMD-Vi: Cannot enable v2 page table for DMA-API. Fallback to v1.',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'X2APIC enabled',
    text: 'AMD-Vi: X2APIC enabled',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'V2 page table enabled (Paging mode : %d level)',
    text: 'AMD-Vi: V2 page table enabled (Paging mode : 4 level)',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Virtual APIC enabled',
    text: 'AMD-Vi: Virtual APIC enabled',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Force to disable Virtual APIC due to SNP',
    text: 'AMD-Vi: Force to disable Virtual APIC due to SNP',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'iommu%d (%#06x) : IRT cache is %s',
    text: 'AMD-Vi: iommu0 (0x0002) : IRT cache is disabled',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Applying erratum 746 workaround',
    text: 'pci 0000:00:00.2: AMD-Vi: Applying erratum 746 workaround',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Applying ATS write check workaround',
    text: 'pci 0000:00:00.2: AMD-Vi: Applying ATS write check workaround',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Applying erratum: Increase Event log size to 0x%x',
    text: 'AMD-Vi: Applying erratum: Increase Event log size to 0x40000',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Applying erratum: Increase PPR log size to 0x%x',
    text: 'AMD-Vi: Applying erratum: Increase PPR log size to 0x40000',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Using strict mode due to virtualization',
    text: 'AMD-Vi: Using strict mode due to virtualization',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Command-line override for hid:%s uid:%s',
    text: 'AMD-Vi: Command-line override for hid:AMDI0020 uid:0',
  },
  {
    id: 'kernel.amd-init-routine-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: '%s, add hid:%s, uid:%s, rdevid:%#x',
    text: 'AMD-Vi: ivrs, add hid:AMDI0020, uid:\\_SB.FUR0, rdevid:0xa0',
  },
  {
    id: 'kernel.amd-iommu-features',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'IOMMU performance counters supported',
    text: 'pci 0000:00:00.2: AMD-Vi: IOMMU performance counters supported',
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'SNP: IOMMU disabled, SNP cannot be supported.',
    text: 'AMD-Vi: SNP: IOMMU disabled, SNP cannot be supported.',
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'SNP: IOMMU is configured with V2 page table mode, SNP cannot be supported.',
    text: 'AMD-Vi: SNP: IOMMU is configured with V2 page table mode, SNP cannot be supported.',
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'SNP: IOMMU SNP feature not enabled, SNP cannot be supported.',
    text: 'AMD-Vi: SNP: IOMMU SNP feature not enabled, SNP cannot be supported.',
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'SNP: RMP initialization failed, SNP cannot be supported.',
    text: 'AMD-Vi: SNP: RMP initialization failed, SNP cannot be supported.',
  },
  {
    id: 'kernel.amd-iommu-snp-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'IOMMU SNP support enabled.',
    text: 'AMD-Vi: IOMMU SNP support enabled.',
  },
  {
    id: 'kernel.amd-iommu-option-ack',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Restricting V1 page-sizes to 4KiB/2MiB/1GiB',
    text: 'AMD-Vi: Restricting V1 page-sizes to 4KiB/2MiB/1GiB',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid command line: ivrs_hpet%s',
    text: 'AMD-Vi: Invalid command line: ivrs_hpet=0@00:14',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid command line: ivrs_acpihid%s',
    text: 'AMD-Vi: Invalid command line: ivrs_acpihid=AMD0020:0',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'ivrs_hpet%s option format deprecated; use ivrs_hpet=%d@%04x:%02x:%02x.%d instead',
    text: 'AMD-Vi: ivrs_hpet[0]=00:14.0 option format deprecated; use ivrs_hpet=0@0000:00:14.0 instead',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'ivrs_acpihid%s option format deprecated; use ivrs_acpihid=%s@%04x:%02x:%02x.%d instead',
    text: 'AMD-Vi: ivrs_acpihid[00:14.5]=AMD0020:0 option format deprecated; use ivrs_acpihid=AMD0020:0@0000:00:14.5 instead',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Early IOAPIC map overflow - ignoring ivrs_ioapic%s',
    text: 'AMD-Vi: Early IOAPIC map overflow - ignoring ivrs_ioapic=36@0000:00:14.0',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Early HPET map overflow - ignoring ivrs_hpet%s',
    text: 'AMD-Vi: Early HPET map overflow - ignoring ivrs_hpet=1@0000:00:14.0',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Early ACPI HID map overflow - ignoring ivrs_acpihid%s',
    text: 'AMD-Vi: Early ACPI HID map overflow - ignoring ivrs_acpihid=AMD0020:0@0000:00:14.5',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid command line: hid or uid',
    text: 'AMD-Vi: Invalid command line: hid or uid',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid command line: hid is too long',
    text: 'AMD-Vi: Invalid command line: hid is too long',
  },
  {
    id: 'kernel.amd-ivrs-override-option',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Invalid command line: uid is too long',
    text: 'AMD-Vi: Invalid command line: uid is too long',
  },
  {
    id: 'kernel.amd-iommu-dump-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'device: %04x:%02x:%02x.%01x cap: %04x flags: %01x info %04x',
    text: 'AMD-Vi: device: 0000:00:00.2 cap: 0040 flags: 30 info 0000',
  },
  {
    id: 'kernel.amd-iommu-dump-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: '       mmio-addr: %016llx',
    text: 'AMD-Vi:        mmio-addr: 00000000feb80000',
  },
  {
    id: 'kernel.amd-iommu-dump-lines',
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'PCI segment : 0x%0x, last bdf : 0x%04x',
    text: 'AMD-Vi: PCI segment : 0x0, last bdf : 0xffff',
  },
  {
    id: 'kernel.pci-dma-alias-fixed',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Enabling fixed DMA alias for devfn range from %02x.%d to %02x.%d',
    text: 'pci 0000:00:1f.0: Enabling fixed DMA alias for devfn range from 1f.0 to 1f.7',
  },
  {
    id: 'kernel.pci-invalid-power-transition',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'invalid power transition (from %s to %s)',
    text: 'vfio-pci 0000:01:00.0: invalid power transition (from D3hot to D1)',
  },
  {
    id: 'kernel.pci-invalid-power-transition',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Invalid power transition (from %s to %s)',
    text: 'pci 0000:01:00.0: Invalid power transition (from D3cold to D3hot)',
  },
  {
    id: 'kernel.pci-resource-alignment-bad',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'PCI: Invalid requested alignment (order %d)',
    text: 'PCI: Invalid requested alignment (order 64)',
  },
  {
    id: 'kernel.pci-resource-alignment-applied',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Releasing memory resources.',
    text: 'pci 0000:01:00.0: Releasing memory resources.',
  },
  {
    id: 'kernel.pci-resource-alignment-applied',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Rounding up size of resource #%d to %#llx.',
    text: 'pci 0000:01:00.0: Rounding up size of resource #2 to 0x1000.',
  },
  {
    id: 'kernel.pci-resource-alignment-ignored',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'No alignment for fixed BAR%d: %pR',
    text: 'pci 0000:00:1f.3: No alignment for fixed BAR0: [mem 0xfed1c000-0xfed1c0ff]',
  },
  {
    id: 'kernel.pci-resource-alignment-ignored',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'PCI: resource_alignment ignored with PCI_PROBE_ONLY',
    text: 'PCI: resource_alignment ignored with PCI_PROBE_ONLY',
  },
  {
    id: 'kernel.pci-resource-alignment-ignored',
    file: 'torvalds/linux drivers/pci/pci.c',
    format: "Can't reassign resources to host bridge.",
    text: "pci 0000:00:00.0: Can't reassign resources to host bridge.",
  },
  {
    id: 'kernel.acs-quirk-intel-pch-steps',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabling MPC IRBNCE',
    text: 'pci 0000:00:1c.4: Enabling MPC IRBNCE',
  },
  {
    id: 'kernel.acs-quirk-intel-pch',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Intel PCH root port ACS workaround enabled',
    text: 'pci 0000:00:1c.0: Intel PCH root port ACS workaround enabled',
  },
  {
    id: 'kernel.acs-quirk-intel-pch',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Intel SPT PCH root port ACS workaround enabled',
    text: 'pci 0000:00:1b.0: Intel SPT PCH root port ACS workaround enabled',
  },
  {
    id: 'kernel.pci-msi-quirk-disabled',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'MSI quirk detected; subordinate MSI disabled',
    text: 'pci 0000:00:0a.0: MSI quirk detected; subordinate MSI disabled',
  },
  {
    id: 'kernel.pci-msi-quirk-disabled',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PXH quirk detected; SHPC device MSI disabled',
    text: 'pci 0000:02:00.0: PXH quirk detected; SHPC device MSI disabled',
  },
  {
    id: 'kernel.pci-ats-disabled-quirk',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'disabling ATS (broken on this device)',
    text: 'pci 0000:00:01.0: disabling ATS (broken on this device)',
  },
  {
    id: 'kernel.sriov-no-mmio',
    file: 'torvalds/linux drivers/pci/iov.c',
    format: 'not enough MMIO resources for SR-IOV',
    text: 'ixgbe 0000:03:00.0: not enough MMIO resources for SR-IOV',
  },
  {
    id: 'kernel.sriov-no-mmio',
    file: 'torvalds/linux drivers/pci/iov.c',
    format: 'SR-IOV: IOV BARS not allocated',
    text: 'ixgbe 0000:03:00.0: SR-IOV: IOV BARS not allocated',
  },
  {
    id: 'kernel.vgaarb-bridge-control',
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: no bridge control possible',
    text: 'pci 0000:02:00.0: vgaarb: no bridge control possible',
  },
  {
    id: 'kernel.amd-rmp-event-dev',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [RMP_HW_ERROR vmg_tag=0x%04x, spa=0x%llx, flags=0x%04x]',
    text: 'vfio-pci 0000:0b:00.0: AMD-Vi: Event logged [RMP_HW_ERROR vmg_tag=0x0000, spa=0x1000, flags=0x0000]',
  },
  {
    id: 'kernel.amd-event-dump',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'CMD[%d]: %08x',
    text: 'AMD-Vi: CMD[0]: 00000000',
  },
  {
    id: 'kernel.amd-event-unknown',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'No event written to event log',
    text: 'AMD-Vi: No event written to event log',
  },
  {
    id: 'kernel.amd-event-unknown',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Unknown PPR request received',
    text: 'AMD-Vi: Unknown PPR request received',
  },
  {
    id: 'kernel.amd-hardware-error-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [DEV_TAB_HARDWARE_ERROR device=%02x:%02x.%x address=0x%llx flags=0x%04x]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [DEV_TAB_HARDWARE_ERROR device=00:14.0 address=0x1000 flags=0x0010]',
  },
  {
    id: 'kernel.amd-hardware-error-event',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format:
      'Event logged [PAGE_TAB_HARDWARE_ERROR device=%02x:%02x.%x pasid=0x%04x address=0x%llx flags=0x%04x]',
    text: 'iommu ivhd0: AMD-Vi: Event logged [PAGE_TAB_HARDWARE_ERROR device=00:14.0 pasid=0x0000 address=0x1000 flags=0x0010]',
  },
  {
    id: 'kernel.amd-io-page-fault',
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Event logged [IO_PAGE_FAULT domain=0x%04x address=0x%llx flags=0x%04x]',
    text: 'vfio-pci 0000:0b:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000f address=0xfd000 flags=0x0020]',
  },
  {
    id: 'kernel.pci-bar-above-4g-32bit',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "reg 0x%x: can't handle BAR above 4GB (bus address %#010llx)",
    text: "pci 0000:01:00.0: reg 0x18: can't handle BAR above 4GB (bus address 0x400000000)",
  },
  {
    id: 'kernel.pci-bar-above-4g-32bit',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "can't handle bridge window above 4GB (bus address %#010llx)",
    text: "pcieport 0000:00:01.0: can't handle bridge window above 4GB (bus address 0x400000000)",
  },
  {
    id: 'kernel.pci-bus-range-short',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: '%pR %s hidden behind%s bridge %s %pR',
    text: 'pci_bus 0000:05: [bus 05-06] partially hidden behind transparent bridge 0000:02 [bus 02-05]',
  },
  {
    id: 'kernel.pci-bus-range-short',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Primary bus is hard wired to 0',
    text: 'pci 0000:03:00.0: Primary bus is hard wired to 0',
  },
  {
    id: 'kernel.pci-mps-mismatch',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Failed attempting to set the MPS',
    text: 'pci 0000:03:00.0: Failed attempting to set the MPS',
  },
  {
    id: 'kernel.pci-mps-mismatch',
    file: 'torvalds/linux drivers/pci/probe.c',
    format:
      'MRRS was unable to be configured with a safe value.  If problems are experienced, try running with pci=pcie_bus_safe',
    text: 'pci 0000:03:00.0: MRRS was unable to be configured with a safe value.  If problems are experienced, try running with pci=pcie_bus_safe',
  },
];

/** Format strings of the swept files left without an entry, with the reason (coverage.ts LEFT_OUT rows). */
export const KERNEL_SWEEP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/vfio/container.c',
    format: 'vfio: misc device register failed',
    why: 'printed only when the vfio module cannot create /dev/vfio/vfio at load (its misc minor already taken); /dev/vfio/vfio then does not exist, which the open entries explain',
  },
  {
    file: 'torvalds/linux drivers/vfio/vfio_main.c',
    format: 'Error to alloc index',
    why: 'dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c',
    format: "%s: Couldn't store saved state",
    why: 'pci_dbg(): printed only with dynamic debug enabled; its consequence at release, "Couldn\'t reload saved state", is covered',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci.c',
    format: 'Failed to setup NVIDIA NV2 RAM region',
    why: 'POWER9 NVLink2 GPUs only (vfio_pci_nvlink2.c, removed in Linux 5.13)',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci.c',
    format: 'Failed to setup NVIDIA NV2 ATSD region',
    why: 'POWER9 NVLink2 (IBM NPU) only, removed in Linux 5.13',
  },
  {
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c',
    format: 'NVRM: This can occur when a driver such as: ',
    why: 'continuation of "The NVIDIA probe routine was not called for %d device(s)", which carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/net/ethernet/intel/ice/ice_lib.c',
    format: '%d MSI-X interrupts available. %s %d failed to get %d MSI-X vectors',
    why: 'the PF\'s own vector allocation for one of its VSIs; the failure users meet when enabling VFs is the "Only %d MSI-X interrupts available for SR-IOV" line of ice_sriov.c, which is covered',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/efifb.c',
    format: 'efifb: invalid framebuffer address',
    why: 'KERN_DEBUG, and efifb then does not start; nothing holds the boot GPU',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'vesafb: hardware palette is unchangeable,',
    why: '8-bit palette modes only; no bearing on passthrough',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: "vesafb: can't handle memory requests, pmi disabled",
    why: 'detail of the BIOS protected-mode interface on 32-bit x86; no bearing on passthrough',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/vesafb.c',
    format: 'Only MTRR_TYPE_WRCOMB (3) make sense',
    why: 'WARN_ONCE on a hand-written vesafb mtrr: option; no bearing on passthrough',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: "Can't parse width property",
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: "Can't parse height property",
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: "Can't parse stride property",
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: "Can't parse format property",
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'Invalid format value',
    why: 'a boot framebuffer in a pixel format simplefb does not support; simplefb does not start and nothing holds the GPU',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: '%s: clock %d not found: %ld',
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: '%s: failed to enable clock %d: %d',
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'regulator %s not found: %ld',
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'failed to enable regulator %d: %d',
    why: 'device-tree simple-framebuffer nodes (ARM boards); not on the x86/UEFI passthrough path',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'No memory resource',
    why: 'a simple-framebuffer device without memory, which sysfb never creates; DT boards only',
  },
  {
    file: 'torvalds/linux drivers/video/fbdev/simplefb.c',
    format: 'Unable to register simplefb: %d',
    why: 'framebuffer core refusal (out of fb slots or memory); not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/firmware/efi/sysfb_efi.c',
    format: 'efifb: dmi detected %s - framebuffer at 0x%08x (%dx%d, stride %d)',
    why: 'Apple Mac DMI quirk table, routine on those machines only',
  },
  {
    file: 'torvalds/linux drivers/firmware/efi/sysfb_efi.c',
    format: 'of_pci_range_parser_init() failed: %d',
    why: 'device-tree systems only',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Releasing group %d',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Allocated group %d',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'mapping: iova 0x%lx pa %pa pgsize 0x%zx count %zu',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'map: iova 0x%lx pa %pa size 0x%zx',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'unmap this: iova 0x%lx size 0x%zx',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'unmapped: iova 0x%lx size 0x%zx',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'unaligned: iova 0x%lx pa %pa size 0x%zx min_pagesz 0x%x',
    why: 'VFIO type1 and iommufd refuse unaligned mappings before they reach the IOMMU core (EINVAL to the user), so a VFIO user never causes it; it points at an in-kernel driver bug',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'unaligned: iova 0x%lx size 0x%zx min_pagesz 0x%x',
    why: 'as for the map form: an unaligned unmap from an in-kernel caller, never from a VFIO user',
  },
  {
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'no pending PRQ, drop response',
    why: 'shared virtual addressing (PASID page requests) only; not on the device-assignment path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'pte level: %d, pte value: 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'page table not present at level %d',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Dump %s table entries for IOVA 0x%llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'root table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'scalable mode root entry: hi 0x%016llx, low 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'root entry: 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'context table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'context entry: hi 0x%016llx, low 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'legacy mode page table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'pasid directory table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'pasid dir entry: 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'pasid table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'pasid table entry[%d]: 0x%016llx',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'scalable mode page table is not present',
    why: 'CONFIG_DMAR_DEBUG page-table dump after a DMAR fault, on debug kernels only; the fault line before it carries the meaning and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'failed to run vt-d quirk',
    why: 'a config read of the host bridge failed in a Sandy Bridge I/OAT quirk; the source itself says it "can\'t happen"',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'BIOS assigned incorrect VT-d unit for Intel(R) QuickData Technology device',
    why: 'firmware bug for the Sandy Bridge I/OAT DMA engine only, which the kernel works around; not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Allocating root entry for %s failed',
    why: 'out of memory at boot; the "Initialization failed" line that follows is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: '%s: Unexpected context-cache invalidation type 0x%llx',
    why: 'internal consistency check of the driver, never caused by configuration',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: '%s: Unexpected iotlb invalidation type 0x%llx',
    why: 'internal consistency check of the driver, never caused by configuration',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Flush IOTLB failed',
    why: 'register-based invalidation on pre-2010 hardware reporting a failed flush; not met on hardware that can do interrupt remapping',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'TLB flush request %Lx, actual %Lx',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Set context mapping for %02x:%02x.%d',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: '%s: Failed to copy context table for bus %d',
    why: "kdump (crash kernel) only: copying the crashed kernel's VT-d tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Translation already enabled - trying to copy translation structures',
    why: "kdump (crash kernel) only: copying the crashed kernel's VT-d tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Failed to copy translation tables from previous kernel for %s',
    why: "kdump (crash kernel) only: copying the crashed kernel's VT-d tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Copied translation tables from previous kernel for %s',
    why: "kdump (crash kernel) only: copying the crashed kernel's VT-d tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'Forcing Intel-IOMMU to enabled',
    why: 'TXT (tboot) measured launch only; not on the desktop or server passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'tboot: Failed to initialize DMAR table',
    why: 'TXT (tboot) measured launch only; not on the desktop or server passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'tboot: Failed to initialize DMAR device scope',
    why: 'TXT (tboot) measured launch only; not on the desktop or server passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'tboot: Failed to initialize DMARs',
    why: 'TXT (tboot) measured launch only; not on the desktop or server passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'tboot: IOMMU setup failed, DMAR can not resume!',
    why: 'TXT (tboot) measured launch only; not on the desktop or server passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'IOMMU setup failed, DMAR can not resume!',
    why: 'WARN on resume from suspend when VT-d cannot be re-enabled; a suspend/resume problem of the host, outside the passthrough setup',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: "ACPI name space devices didn't probe correctly",
    why: 'ACPI (non-PCI) devices in a DMAR scope failed to join the IOMMU; PCI device assignment is not affected',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'PASID table allocation failed',
    why: 'out of memory while probing a device in scalable mode; the device then has no IOMMU group, which the group entries explain',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Out of memory when allocating notify_info for %s.',
    why: 'out of memory during device enumeration; not a configuration problem',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Your BIOS is broken; ANDD object name is not NUL-terminated',
    why: 'firmware bug in the ACPI namespace-device records (I2C/UART controllers); PCI passthrough is not affected',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Your BIOS is broken; RHSA refers to non-existent DMAR unit at %llx',
    why: 'firmware bug in the NUMA affinity of a VT-d unit; only costs locality of IOMMU page tables',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalid 0-length structure',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Unknown DMAR structure type %d',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'No IOMMU scope found for ANDD enumeration ID %d (%s)',
    why: 'ACPI namespace devices (I2C/UART) only; PCI passthrough is not affected',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Failed to find handle for ACPI object %s',
    why: 'ACPI namespace devices (I2C/UART) only; PCI passthrough is not affected',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Failed to get device for ACPI object %s',
    why: 'ACPI namespace devices (I2C/UART) only; PCI passthrough is not affected',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalid input npages = %ld',
    why: 'WARN on an internal caller error of PASID invalidation; not caused by configuration',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Invalidate non-aligned address %llx, order %d',
    why: 'PASID (SVA) device-TLB invalidation detail; not on the device-assignment path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'No DRHD structures in buffer returned by _DSM method',
    why: 'VT-d unit hot-add on servers with hot-pluggable IIOs only',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/dmar.c',
    format: 'Failed to locate _DSM method.',
    why: 'VT-d unit hot-add on servers with hot-pluggable IIOs only',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'IR%d: failed to allocate pages of order %d',
    why: 'out of memory at boot while building the remapping table; "Failed to setup irq remapping for %s" follows and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'IR%d: failed to allocate bitmap',
    why: 'out of memory at boot while building the remapping table; "Failed to setup irq remapping for %s" follows and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'IR%d: failed to allocate irqdomain',
    why: 'out of memory at boot while building the remapping table; "Failed to setup irq remapping for %s" follows and is covered',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Failed to copy IR table for %s from previous kernel',
    why: 'kdump (crash kernel) only; not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Copied IR table for %s from previous kernel',
    why: 'kdump (crash kernel) only; not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Exceeded Max HPET blocks',
    why: 'a DMAR table listing more HPET blocks than the kernel supports (8); firmware oddity without effect on device assignment',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Exceeded Max IO APICS',
    why: 'a DMAR table listing more IOAPICs than the kernel supports (128); firmware oddity',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format:
      'IOAPIC[%d]: Set IRTE entry (P:%d FPD:%d Dst_Mode:%d Redir_hint:%d Trig_Mode:%d Dlvry_Mode:%X Avail:%X Vector:%02X Dest:%08X SID:%04X SQ:%X SVT:%X)',
    why: 'apic=verbose boot only; per-pin detail',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'Failed to setup IRQ %d for posted mode',
    why: 'posted MSI (CONFIG_X86_POSTED_MSI, host interrupt coalescing) only; not used for VFIO devices',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/irq_remapping.c',
    format: 'DRHD %Lx: failed to parse managed IOAPIC/HPET',
    why: 'VT-d unit hot-add on servers only',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Re-using event buffer from the previous kernel',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Re-using command buffer from the previous kernel',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Re-using CWB buffers from the previous kernel',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'The device table size of IOMMU:%d is not expected!',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'The address of old device table is above 4G, not trustworthy!',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Failed to remap memory for reusing old device table!',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Translation is already enabled - trying to reuse translation structures',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Failed to reuse DEV table from previous kernel.',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'Reused DEV table from previous kernel.',
    why: "kdump (crash kernel) only: re-using the crashed kernel's IOMMU tables; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: '%s: devid range %#x:%#x',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'System has more IOMMUs than supported by this driver',
    why: 'WARN on machines with more than 32 AMD IOMMUs; not met in practice',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'IOMMU PFN %lx RMP lookup failed, ret %d',
    why: "SEV-SNP host memory bookkeeping of the IOMMU's own buffers when SNP is shut down; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'IOMMU PFN %lx not assigned in RMP table',
    why: "SEV-SNP host memory bookkeeping of the IOMMU's own buffers when SNP is shut down; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/init.c',
    format: 'PSMASH failed for IOMMU PFN %lx huge RMP entry, ret: %d, level: %d',
    why: "SEV-SNP host memory bookkeeping of the IOMMU's own buffers when SNP is shut down; not on the passthrough path",
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: "can't ioremap BAR %d: %pR",
    why: "WARN in pci_ioremap_bar() when a driver maps a BAR that is not memory; a bug of the calling driver (that driver's own error follows), nothing for the passthrough setup",
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'disabling already-disabled device',
    why: 'WARN of pci_disable_device() on an unbalanced disable: a driver bug, shown with the driver in the stack trace; not a setup problem',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'buffer not found in %s',
    why: 'pci_save_state() without a preallocated PCIe/PCI-X save buffer: only after the earlier allocation failure below',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'unable to preallocate PCI Express save buffer',
    why: 'boot-time kmalloc failure (out of memory); not specific to passthrough',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'unable to preallocate PCI-X save buffer',
    why: 'boot-time kmalloc failure (out of memory); not specific to passthrough',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Unable to allocate DMA alias mask',
    why: 'boot-time kmalloc failure (out of memory); the alias is then not recorded',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'unsupported PM cap regs version (%u)',
    why: 'device with a non-standard power-management capability; seen on very old PCI hardware only',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: "can't enable PME#",
    why: 'wake-up (PME) could not be enabled; suspend/wake-on-LAN concern, not passthrough',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'PME# %s',
    why: 'routine per-device wake-up line (dev_dbg in later kernels)',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'unrecognized suspend event %d',
    why: 'pci_prepare_to_sleep() called with an unknown system sleep state: a kernel bug',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'BAR %d: invalid resource',
    why: 'pci_resource_bar() asked for a resource number that is not a BAR: a kernel bug',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Unsupported EA entry BEI: %u',
    why: 'Enhanced Allocation (fixed BARs in embedded SoCs, e.g. Cavium ThunderX); not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Unsupported EA properties: %#x',
    why: 'Enhanced Allocation (fixed BARs in embedded SoCs); not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'EA Entry crosses address boundary',
    why: 'Enhanced Allocation (fixed BARs in embedded SoCs); not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'EA Entry Size mismatch',
    why: 'Enhanced Allocation (fixed BARs in embedded SoCs); not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: '%s: %pR (from Enhanced Allocation, properties %#02x)',
    why: 'pci_dbg()/dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: '%s bus mastering',
    why: 'pci_dbg()/dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'enabling Mem-Wr-Inval',
    why: 'pci_dbg()/dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'cache line size of %d is not supported',
    why: 'pci_dbg()/dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'setting latency timer to %d',
    why: 'pci_dbg()/dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'supports%s%s',
    why: "routine per-device power-management line ('supports D1 D2')",
  },
  {
    file: 'torvalds/linux drivers/pci/pci.c',
    format: 'Requested IO range too big, new size set to 64K',
    why: 'pci=hpiosize=/hpmemsize= style option larger than the 64K I/O space; the value is clamped',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PIIX3: Enabling Passive Release',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Activating ISA DMA hang workarounds',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '[Firmware Bug]: TigerPoint LPC.BM_STS cleared',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling direct PCI/PCI transfers',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Chipset erratum: Disabling direct PCI/AGP transfers',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Limiting direct PCI/PCI transfers',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Applying VIA southbridge workaround',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'expanded BAR %d to page size: %pR',
    why: 'IBM Crocodile ipr SAS adapters only: a BAR rounded up to a page; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '[Firmware Bug]: %s quirk: reg 0x%x: %pR',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%s bug detected (incorrect header); workaround applied',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'quirk: %pR claimed by %s',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'ATI Northbridge, reserving I/O ports 0x3b0 to 0x3bb',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI class overridden (%#08x -> %#08x) so dwc3 driver can claim this instead of xhci',
    why: 'AMD NL USB controller class fixup; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%s PIO at %04x-%04x',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%s MMIO at %04x-%04x',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%s PIO at %04x (mask %04x)',
    why: 'Intel ICH7-10 LPC generic I/O decode listing; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'TI XIO2000a quirk detected; secondary bus fast back-to-back transfers disabled',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%sbling VIA external APIC routing',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Bypassing VIA 8237 APIC De-Assert Message',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'I/O APIC: AMD Erratum #22 may be present. In the event of instability try',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '        : booting with the "noapic" option',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'AMD8131 rev %x detected; disabling PCI-X MMRBC',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'VIA VLink IRQ fixup, from %d to %d',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'BIOS failed to enable PCI standards compliance; fixing this error',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Fixup for MediaGX/Geode Slave Disconnect Boundary (0x41=0x%02x)',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'C0 revision 450NX. Disabling PCI restreaming',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'set SATA to AHCI mode',
    why: 'AMD SB600-900/Hudson SATA switched from IDE to AHCI mode at enumeration; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'IDE mode mismatch; forcing legacy mode',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "i801 SMBus device continues to play 'hide and seek'! 0x%x",
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabled i801 SMBus device',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabled ICH6/i801 SMBus device',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabling SiS 96x SMBus',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "Onboard AC97/MC97 devices continue to play 'hide and seek'! 0x%x",
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabled onboard AC97/MC97 devices',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'async suspend disabled to avoid multi-function power-on ordering issue',
    why: 'JMicron storage controllers: suspend ordering; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'extending delay after power-on from D3 to %d msec',
    why: 'one Apple Radeon model: longer D3 wake delay; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: '%s detected: disable boot interrupt reroute',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'rerouting interrupts for [%04x:%04x]',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'disabled boot interrupts on device [%04x:%04x]',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'boot interrupts on device [%04x:%04x] already disabled',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Re-allocating PLX PCI 9050 BAR %u to length 256 to avoid bit 7 bug',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Netmos %04x (%u parallel, %u serial); changing class SERIAL to OTHER (use parport_serial)',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "Can't map e100 registers",
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Firmware left e100 interrupts enabled; disabling',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling L0s',
    why: 'Intel 82575/82598 NICs: ASPM L0s turned off against data corruption; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'NCR 53c810 rev 1 PCI class overridden (%#08x -> %#08x)',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enable I/O Space to 1KB granularity',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Linking AER extended capability',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling VIA CX700 PCI parking',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling VIA CX700 PCI caching',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "[Firmware Bug]: disabling VPD access (can't determine size of non-standard VPD format)",
    why: 'VPD (vital product data) of some LSI/QLogic/Atheros devices is not read; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "Enabling MCH 'Overflow' Device",
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Found %s HT MSI Mapping',
    why: 'HyperTransport (old AMD/NVIDIA chipsets) MSI mapping state; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Enabling HT MSI Mapping',
    why: 'HyperTransport (old AMD/NVIDIA chipsets) MSI mapping; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling HT MSI Mapping',
    why: 'HyperTransport (old AMD/NVIDIA chipsets) MSI mapping; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling msi for MCP55 NIC on P5N32-SLI',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Rewriting irq routing register on MCP55',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "nv_msi_ht_cap_quirk didn't locate host bridge",
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'set MSI_INTX_DISABLE_BUG flag',
    why: 'Atheros/Qualcomm NICs: driver hint; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'proprietary Ricoh MMC controller disabled (via cardbus function)',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'MMC cards are now supported by standard SDHCI controller',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'MMC controller base frequency changed to 50Mhz.',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'proprietary Ricoh MMC controller disabled (via firewire function)',
    why: 'quirk for a legacy chipset (pre-PCIe ISA/IDE/SMBus/AGP era) or a board-specific fixup; routine, not met on passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI class overridden (%#08x -> %#08x)',
    why: 'TI 816x class-code fixup; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Error attempting to read the read completion coalescing register',
    why: 'Intel 5000/5100 memory controllers only, with pci=pcie_bus_* tuning',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Error attempting to write the read completion coalescing register',
    why: 'Intel 5000/5100 memory controllers only, with pci=pcie_bus_* tuning',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Read completion coalescing disabled due to hardware errata relating to 256B MPS',
    why: 'Intel 5000/5100 memory controllers only; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'calling %pF',
    why: 'pr_debug()/dev_dbg() or KERN_DEBUG: fixup tracing printed only with initcall_debug or dynamic debug',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'calling  %pF @ %i for %s',
    why: 'pr_debug()/dev_dbg() or KERN_DEBUG: fixup tracing printed only with initcall_debug or dynamic debug',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'pci fixup %pF returned after %lld usecs for %s',
    why: 'pr_debug()/dev_dbg() or KERN_DEBUG: fixup tracing printed only with initcall_debug or dynamic debug',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "igfx quirk: Can't iomap PCI device",
    why: 'Sandy Bridge iGPU interrupt cleanup could not map the GPU; the cleanup is skipped, nothing else changes',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'BIOS left Intel GPU interrupts enabled; disabling',
    why: 'Sandy/Ivy Bridge iGPU: firmware left display interrupts on and the kernel turned them off; harmless',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "Can't enable device memory",
    why: 'ConnectX-4 firmware check could not enable the device; INTx masking is then left as is',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: "Can't map ConnectX-4 initialization segment",
    why: 'ConnectX-4 firmware check could not map BAR 0; INTx masking is then left as is',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'quirk: cutting power to thunderbolt controller...',
    why: 'Apple Thunderbolt suspend handling; not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'quirk: waiting for thunderbolt to reestablish PCI tunnels...',
    why: 'Apple Thunderbolt resume handling; not on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI: CLS %u bytes',
    why: 'routine boot line: PCI cache line size',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI: CLS mismatch (%u != %u), using %u bytes',
    why: 'routine boot line: PCI cache line size',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI: CLS %u bytes, default %u',
    why: 'routine boot line: PCI cache line size',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'TW686x PCI class overridden (%#08x -> %#08x)',
    why: 'routine quirk line: a workaround applied at enumeration, harmless, nothing for passthrough depends on it',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disable Relaxed Ordering Attributes to avoid PCIe Completion erratum',
    why: 'Haswell/Broadwell Xeon and AMD A1100 root ports: a performance hint turned off; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCIe Completion erratum may cause device errors',
    why: 'Chelsio T5 only, without a root port above it',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disabling No Snoop/Relaxed Ordering Attributes to avoid PCIe Completion erratum in %s',
    why: 'Chelsio T5 root-port fixup; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Using QCOM ACS Quirk (%d)',
    why: 'Qualcomm QDF2xxx (Centriq) ARM server root ports: ACS-equivalent isolation assumed; routine, rare hardware',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: Error while updating region %s/%d (%08x != %08x)',
    why: '2.6-era wording of this stored version (before VFIO existed, Linux 3.6); the current wording "BAR %d: error updating" has its entry (kernel-pci.ts)',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: Error updating region %s/%d (high %08x != %08x)',
    why: '2.6-era wording of this stored version (before VFIO existed, Linux 3.6); the current wording "BAR %d: error updating (high …)" has its entry (kernel-pci.ts)',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: %s region %d of %s %s [%lx:%lx]',
    why: '2.6-era wording of this stored version (before VFIO existed, Linux 3.6); "Address space collision on"/"No parent found for" became "can\'t claim BAR %d %pR: address conflict …" / "no compatible bridge window", which have entries',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: Failed to allocate %s resource #%d:%lx@%lx for %s',
    why: '2.6-era wording of this stored version (before VFIO existed, Linux 3.6); became "BAR %d: can\'t assign %pR" / "failed to assign", which have entries',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: Ignore bogus resource %d [%lx:%lx] of %s',
    why: '2.6-era wording of this stored version (before VFIO existed, Linux 3.6); a zero-sized resource skipped during sorting; harmless',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: '  got res [%lx:%lx] bus [%lx:%lx] flags %lx for BAR %d of %s',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'PCI: moved device %s resource %d (%lx) to %x',
    why: 'pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'pdev_sort_resources(): kmalloc() failed!',
    why: 'panic on an allocation failure at boot; not a passthrough message',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'PCI: Bus %d, cardbus bridge: %s',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  IO window: %08lx-%08lx',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  PREFETCH window: %08lx-%08lx',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  MEM window: %08lx-%08lx',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'PCI: Bridge: %s',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  IO window: %04lx-%04lx',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  IO window: disabled.',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  MEM window: disabled.',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '  PREFETCH window: disabled.',
    why: '2.6-era routine bridge-setup line of this stored version (before VFIO existed, Linux 3.6); current kernels print "PCI bridge to [bus NN]" / "bridge window" lines instead',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'PCI: region %s/%d too large: %llx-%llx',
    why: '2.6-era: a BAR above 2 GB that this old sizing code could not place; current kernels size such BARs and report failures as "can\'t assign; no space", which has its entry',
  },
  {
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'PCI: not setting up bridge %s for bus %d',
    why: '2.6-era: a bridge of an unknown class left alone; not met on current hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: failed to allocate VGA arbiter data',
    why: 'allocation failure at boot (out of memory); that GPU is simply left out of arbitration',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: error %d registering device',
    why: '/dev/vga_arbiter could not be registered; only old X servers use it, not the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: %s: %d',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: %s: owns: %d',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: %s',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: decoding count now is: %d',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: "vgaarb: client 0x%p called 'lock'",
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: "vgaarb: client 0x%p called 'unlock'",
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: "vgaarb: client 0x%p called 'trylock'",
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: "vgaarb: client 0x%p called 'target'",
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: "vgaarb: client 0x%p called 'decodes'",
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: invalid PCI address %04x:%02x:%02x.%x',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: %s ==> %04x:%02x:%02x.%x pdev %p',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: vgadev %p',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: not a VGA device',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: maximum user cards (%d) number reached, ignoring this one!',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/pci/vgaarb.c',
    format: 'vgaarb: uc->io_cnt == %d, uc->mem_cnt == %d',
    why: 'vgaarb_dbg()/pr_debug(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'GA log notifier failed.',
    why: 'AVIC (guest posted interrupts) wake-up for a vCPU that KVM could not find; KVM bookkeeping, rare, no setup change helps',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Out of memory allocating dm-regions',
    why: 'allocation failure (out of memory) while listing the reserved regions of a device',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: '%s: no iommu for devid %x',
    why: 'WARN_ONCE on an interrupt for a device without an IOMMU entry: a kernel/firmware table bug',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: '%s: no table for devid %x:%x',
    why: 'WARN_ONCE on an interrupt for a device without a remapping table: a kernel bug',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: '%s: devid=%#x, ga_tag=%#x',
    why: 'pr_debug()/pr_devel(): printed only with dynamic debug or a DEBUG build',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: '%s: Fall back to using intr legacy remap',
    why: 'pr_debug()/pr_devel(): printed only with dynamic debug or a DEBUG build',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Processing IOMMU Event Log',
    why: 'pr_debug()/pr_devel(): printed only with dynamic debug or a DEBUG build',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Processing IOMMU PPR Log',
    why: 'pr_debug()/pr_devel(): printed only with dynamic debug or a DEBUG build',
  },
  {
    file: 'torvalds/linux drivers/iommu/amd/iommu.c',
    format: 'Processing IOMMU GA Log',
    why: 'pr_debug()/pr_devel(): printed only with dynamic debug or a DEBUG build',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: '  bridge window %pR',
    why: 'routine per-bridge window listing at boot (KERN_DEBUG); the window assignment failures have entries',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: '  bridge window %pR (subtractive decode)',
    why: 'routine per-bridge window listing at boot (KERN_DEBUG)',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'PCI bridge to %pR%s',
    why: 'routine per-bridge line; the bridge-window failures are covered',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'scanning [bus %02x-%02x] behind bridge, pass %d',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'scanning bus',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'fixups for bus',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'bus scan returning with max=%02x',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'bus already known',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: can not insert %pR under %s%pR (conflicts with %s %pR)',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: %pR end %s updated to %02x',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: %pR %s released',
    why: 'dev_dbg()/KERN_DEBUG: bus-scan tracing, routine and printed at debug level',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'legacy IDE quirk: reg 0x%x: %pR',
    why: 'legacy IDE controllers only: fixed I/O ranges recorded; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "ignoring class %#08x (doesn't match header type %02x)",
    why: 'a device whose class code contradicts its header type is treated as class 0 and gets no driver; seen only with broken or firmware-hidden devices, none of the passthrough reports',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'PCI settings rev %d not supported; using defaults',
    why: 'ACPI _HPX hot-plug settings of a newer revision; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'PCI-X settings not supported',
    why: 'ACPI _HPX hot-plug settings for PCI-X; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'PCIe settings rev %d not supported',
    why: 'ACPI _HPX hot-plug settings of a newer revision; routine',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Failed attempting to set the MRRS',
    why: 'pci=pcie_bus_perf only: the kernel halves the read request size and tries again; the final failure has its entry',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Max Payload Size set to %4d/%4d (was %4d), Max Read Rq %4d',
    why: 'routine with pci=pcie_bus_* tuning: the sizes the kernel set',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'PCI host bridge to bus %s',
    why: 'routine boot line per host bridge',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'root bus resource %pR%s',
    why: 'routine boot line per host-bridge window',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'No busn resource found for root bus, will use [bus %02x-ff]',
    why: 'routine boot line on platforms whose firmware gives no bus range',
  },
];
