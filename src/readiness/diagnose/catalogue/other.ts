/**
 * Catalogue entries for messages printed outside the kernel tree, QEMU and libvirt: pciutils
 * (lspci), the out-of-tree ACS override patch, the vendor-reset module (gnif/vendor-reset) and the
 * Windows guest (Device Manager problem codes, display-driver timeouts).
 */
import type { CatalogueEntry } from '../entry.js';
import { ex } from './build.js';

const BUILT = 'built from the format string';
/** Microsoft's list of Device Manager problem codes (CM_PROB_* from cfg.h). */
const MS_CODES =
  'Microsoft Learn "Device Manager error messages" (windows-hardware/drivers/install/device-manager-error-messages)';

export const OTHER_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- pciutils (lspci)
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
    examples: [{ text: '\t!!! Unknown header type 7f', origin: BUILT, facts: { type: '7f' } }],
    render: {
      prefix: '01:00.0 VGA compatible controller: NVIDIA Corporation GP104 (rev ff) (prog-if ff)\n',
      args: [0x7f],
    },
  },
  {
    id: 'pciutils.rev-ff',
    source: 'pciutils',
    cite: 'pciutils/pciutils lspci.c show_terse()',
    format: '%s %s: %s (rev %02x)',
    patterns: [
      /^(?:(?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])) [^\n]{1,200}\(rev ff\)/,
    ],
    severity: 'error',
    title: 'lspci reads all-ones from the device',
    cause:
      'revision ff (usually with "prog-if ff" and "!!! Unknown header type 7f") means every config read returned 0xff: the device has dropped off the bus or sits in D3cold, typically after a failed reset',
    fix: "power-cycle the host; if the host's runtime power management put it there, keep it powered (options vfio-pci disable_idle_d3=1); for AMD GPUs use vendor-reset",
    examples: [
      {
        text: '04:00.0 3D controller: NVIDIA Corporation GK208M [GeForce 920M] (rev ff)',
        origin: 'https://github.com/Bumblebee-Project/Bumblebee/issues/696',
        facts: { bdf: '0000:04:00.0' },
      },
    ],
    render: {
      prefix: '',
      args: ['01:00.0', 'VGA compatible controller', 'NVIDIA Corporation GP104 [GeForce GTX 1080]', 0xff],
    },
  },
  {
    id: 'pciutils.caps-access-denied',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-caps.c show_caps()',
    format: '\tCapabilities: <access denied>\n',
    patterns: [/Capabilities: <access denied>/],
    severity: 'info',
    title: 'lspci was run without root (harmless)',
    cause:
      'non-root users can read only the first 64 bytes of config space, so lspci cannot show the capabilities; nothing is wrong with the device',
    fix: 'run lspci as root (sudo lspci -vvv -s <address>) to see capabilities, reset support (FLR) and link state',
    examples: [
      { text: '\tCapabilities: <access denied>', origin: 'https://github.com/gnif/vendor-reset/issues/3' },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'pciutils.kernel-driver-in-use',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-kernel.c show_kernel()',
    format: '\tKernel driver in use: %s\n',
    patterns: [/Kernel driver in use: (?<driver>[\w.-]{1,32})/],
    severity: 'info',
    title: 'Which driver holds the device',
    cause: 'the driver currently bound to the device',
    fix: 'for a device to assign, this should say vfio-pci (or pci-stub); `vfiokit groups` checks the whole IOMMU group',
    refine: (f) =>
      f.driver === 'vfio-pci' || f.driver === 'pci-stub'
        ? {
            title: 'The device is on vfio-pci (good)',
            cause: `the device is bound to ${f.driver}, ready to be assigned`,
          }
        : f.driver === 'pcieport' || f.driver === 'shpchp'
          ? {
              title: 'A bridge on its port driver (harmless)',
              cause:
                'PCI bridges and root ports stay on pcieport; a bridge in an IOMMU group does not make the group unviable',
              fix: 'nothing to do',
            }
          : {
              title: `The device is on a host driver (${f.driver})`,
              cause: `${f.driver} owns the device, so QEMU cannot open it ("group not viable" / "error getting device from group") unless it is unbound first (libvirt does that for managed='yes' devices)`,
              fix: 'bind it to vfio-pci: vfio-pci.ids=<vendor:device> at boot with a softdep on the host driver, or driver_override at run time; `vfiokit groups` shows every device of the group',
            },
    examples: [
      {
        text: '\tKernel driver in use: nvidia',
        origin: 'https://github.com/tinygrad/open-gpu-kernel-modules/issues/6',
        facts: { driver: 'nvidia' },
      },
      {
        text: '\tKernel driver in use: vfio-pci',
        origin: 'https://github.com/gnif/vendor-reset/issues/3',
        facts: { driver: 'vfio-pci' },
      },
      { text: '        Kernel driver in use: xhci_hcd', origin: BUILT, facts: { driver: 'xhci_hcd' } },
    ],
    render: { prefix: '', args: ['vfio-pci'] },
  },
  {
    id: 'pciutils.kernel-modules',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-kernel.c show_kernel()',
    format: '\tKernel modules: %s\n',
    patterns: [/^\s{0,12}Kernel modules: (?<modules>[\w, .-]{1,200})$/],
    severity: 'info',
    title: 'Drivers that could handle the device (harmless)',
    cause:
      'lspci lists every module whose id table matches the device; it does not mean they are loaded or bound ("Kernel driver in use" says that)',
    fix: 'nothing to do; to keep a host driver off the device, blacklist it or add a softdep so vfio-pci loads first',
    examples: [
      {
        text: '\tKernel modules: nvidiafb, nouveau, nvidia_drm, nvidia',
        origin: 'https://github.com/tinygrad/open-gpu-kernel-modules/issues/6',
        facts: { modules: 'nvidiafb, nouveau, nvidia_drm, nvidia' },
      },
      {
        text: '\tKernel modules: amdgpu',
        origin: 'https://github.com/gnif/vendor-reset/issues/3',
        facts: { modules: 'amdgpu' },
      },
    ],
    render: { prefix: '', args: ['nouveau, nvidia_drm, nvidia'] },
  },
  {
    id: 'pciutils.link-downgraded',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-caps.c cap_express_link() / link_compare()',
    format: '\t\tLnkSta:\tSpeed %s%s, Width x%d%s\n',
    versions: 'pciutils 3.7+ mark a link below its capability " (downgraded)"',
    patterns: [
      /LnkSta:\s{1,4}Speed (?<speed>[\d.]{1,5}GT\/s)(?<speedflag> \(downgraded\))?, Width x(?<width>\d{1,2})(?<widthflag> \(downgraded\))?/,
    ],
    severity: 'info',
    title: 'PCIe link state',
    cause:
      'the negotiated link speed and width. GPUs drop to 2.5GT/s when idle to save power, so a downgraded speed while idle is normal',
    fix: 'check again under load; a width downgrade (x16 -> x8/x4) that stays means the slot, riser or a shared lane setting in the firmware',
    refine: (f) =>
      f.widthflag
        ? {
            severity: 'warning',
            title: 'PCIe link narrower than the device supports',
            cause:
              'the link trained with fewer lanes than the device and slot support: the slot is wired narrower, lanes are shared with another slot/M.2 in the firmware, or a riser/seating problem',
          }
        : undefined,
    examples: [
      {
        text: '    LnkSta: Speed 2.5GT/s (downgraded), Width x16 (ok)',
        origin: 'https://github.com/janhq/jan/issues/183',
        facts: { speed: '2.5GT/s', width: '16' },
      },
      {
        text: '\t\tLnkSta:\tSpeed 5GT/s (downgraded), Width x1 (downgraded)',
        origin: 'https://github.com/geerlingguy/raspberry-pi-pcie-devices/issues/480',
        facts: { width: '1' },
      },
      {
        text: '\t\tLnkSta:\tSpeed 2.5GT/s (downgraded), Width x16 (ok)',
        origin: BUILT,
        facts: { speed: '2.5GT/s' },
      },
      { text: '\t\tLnkSta:\tSpeed 8GT/s, Width x4 (downgraded)', origin: BUILT, facts: { width: '4' } },
    ],
    render: { prefix: '', args: ['2.5GT/s', ' (downgraded)', 16, ' (ok)'] },
  },
  {
    id: 'pciutils.libkmod-unavailable',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-kernel.c show_kernel_init()',
    format: 'lspci: Unable to load libkmod resources: error %d\n',
    patterns: [/lspci: Unable to load libkmod resources: error (?<err>-?\d{1,5})/],
    severity: 'info',
    title: 'lspci cannot list kernel modules here (harmless)',
    cause:
      'lspci could not read the module index (in a container, chroot or initramfs without /lib/modules); only the "Kernel modules:" lines are missing',
    fix: 'nothing to do; run lspci on the host itself for the module list',
    examples: [
      {
        text: 'lspci: Unable to load libkmod resources: error -2',
        origin: BUILT,
        facts: { err: '-2' },
      },
    ],
    render: { prefix: '', args: [-2] },
  },

  // ---------------------------------------------------------------- ACS override patch
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
    examples: [
      {
        text: '[    0.000000] Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA',
        origin: 'https://github.com/truenas/linux/pull/170',
      },
      {
        text: '[    0.000000] Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA',
        origin: BUILT,
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'patch.acs-override-bad-id',
    source: 'acs-override patch',
    cite: 'the out-of-tree ACS override patch (drivers/pci/quirks.c pcie_acs_override_setup())',
    format: 'PCIe ACS ID parse error %d\n',
    versions: 'also "PCIe ACS invalid ID" and "Out of PCIe ACS override slots (%d)" from the same parser',
    patterns: [
      /PCIe ACS ID parse error (?<err>-?\d{1,5})/,
      /PCIe ACS invalid ID/,
      /Out of PCIe ACS override slots \((?<slots>\d{1,4})\)/,
    ],
    severity: 'warning',
    title: 'A pcie_acs_override=id: entry was not understood',
    cause:
      'the id:vvvv:dddd part of pcie_acs_override= is malformed (not hex, missing the colon) or there are more ids than the patch has slots; that entry is ignored',
    fix: 'write ids as pcie_acs_override=id:10de:1b80,id:10de:10f0 (hex, no 0x); downstream and multifunction need no ids',
    examples: [
      { text: '[    0.000000] PCIe ACS ID parse error -22', origin: BUILT, facts: { err: '-22' } },
      { text: '[    0.000000] PCIe ACS invalid ID', origin: BUILT },
    ],
    render: { prefix: '', args: [-22] },
  },

  // ---------------------------------------------------------------- vendor-reset (gnif/vendor-reset)
  {
    id: 'vendor-reset.hook-installed',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/hook.c vendor_reset_hook_init()',
    format: 'vendor_reset_hook: installed',
    patterns: [/vendor_reset_hook: installed/],
    severity: 'info',
    title: 'vendor-reset is loaded and hooked into PCI resets',
    cause: "the vendor-reset module replaced the kernel's device-specific reset for the AMD GPUs it knows",
    fix: "on Linux 5.15+ the hook is only used when the device's reset method is device_specific: echo device_specific > /sys/bus/pci/devices/<address>/reset_method (e.g. from a udev rule)",
    examples: [
      {
        text: '[    3.180564] vendor_reset_hook: installed',
        origin: 'https://github.com/gnif/vendor-reset/issues/46',
      },
      { text: '[    5.101022] vendor_reset_hook: installed', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'vendor-reset.hook-failed',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/hook.c vendor_reset_hook_init()',
    format: 'vendor_reset_hook: install failed',
    patterns: [/vendor_reset_hook: install failed/],
    severity: 'error',
    title: 'vendor-reset could not hook into the kernel',
    cause:
      'the ftrace hook on pci_dev_specific_reset could not be installed (a kernel without CONFIG_FTRACE/KPROBES, a locked-down kernel, or a kernel newer than the module supports)',
    fix: 'rebuild vendor-reset for this kernel (dkms) and check that ftrace is available; on 5.15+ kernels also set reset_method to device_specific',
    examples: [{ text: '[    5.101022] vendor_reset_hook: install failed', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'vendor-reset.reset-start',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/vendor-reset-dev.c vendor_reset_dev_locked() (vr_info: "%s: " + fmt, with the ASIC name)',
    format: '%s: performing reset\n',
    versions:
      'the same sequence prints "%s: version %d.%d", "%s: performing pre-reset" and "%s: performing post-reset"',
    patterns: [
      /(?<asic>AMD_[A-Z0-9_]{2,24}): (?<step>version \d{1,3}\.\d{1,3}|performing (?:pre-|post-)?reset)/,
    ],
    severity: 'info',
    title: 'vendor-reset is resetting an AMD GPU',
    cause:
      'the out-of-tree vendor-reset module runs its device-specific reset (BACO or PSP mode1) instead of the bus reset AMD GPUs do not survive; the outcome is the "reset result" line. A reset that reports success can still leave the card or host hung (lock-up) when the ASIC is not really supported by the method chosen (e.g. a Polaris 11/12 card handled as AMD_POLARIS10, an iGPU forced onto a discrete-GPU method)',
    fix: 'look for "reset result = 0"; if the host or GPU hangs right after, the vendor-reset method does not work for this card: check it is in vendor-reset\'s supported list, update vendor-reset, and otherwise avoid resetting it (reboot the host between VM runs)',
    examples: [
      {
        text: '[ 1884.292647] vfio-pci 0000:2f:00.0: AMD_NAVI10: performing reset',
        origin: 'https://github.com/gnif/vendor-reset/issues/16',
        facts: { bdf: '0000:2f:00.0', asic: 'AMD_NAVI10', step: 'performing reset' },
      },
      {
        text: 'May 13 04:19:06 pve kernel: vfio-pci 0000:75:00.0: AMD_VEGA20: version 1.0',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { asic: 'AMD_VEGA20' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:2f:00.0: ', args: ['AMD_NAVI10'] },
  },
  {
    id: 'vendor-reset.reset-result',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/vendor-reset-dev.c vendor_reset_dev_locked()',
    format: '%s: reset result = %d\n',
    patterns: [/(?<asic>AMD_[A-Z0-9_]{2,24}): reset result = (?<err>-?\d{1,5})/],
    severity: 'info',
    title: 'vendor-reset finished a reset',
    cause: 'the outcome of the vendor-specific reset: 0 means the GPU was reset and can be used again',
    fix: 'nothing to do when it is 0',
    refine: (f) =>
      f.err !== '0'
        ? {
            severity: 'error',
            title: 'vendor-reset could not reset the GPU',
            cause: `the vendor-specific reset failed (${f.err}): the GPU is probably still in its old state or hung; the lines before it say which step failed`,
            fix: 'power-cycle the host; make sure no host driver (amdgpu) touched the GPU before the VM, that the VBIOS is readable, and use the latest vendor-reset',
          }
        : undefined,
    examples: [
      {
        text: '[ 1884.652434] vfio-pci 0000:2f:00.0: AMD_NAVI10: reset result = 0',
        origin: 'https://github.com/gnif/vendor-reset/issues/16',
        facts: { bdf: '0000:2f:00.0', asic: 'AMD_NAVI10', err: '0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:2f:00.0: ', args: ['AMD_NAVI10', 0] },
  },
  {
    id: 'vendor-reset.reset-failed',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/vendor-reset-dev.c vendor_reset_dev_locked() (older: src/hooks.c hooked_pci_dev_specific_reset())',
    format: 'Failed to reset device\n',
    versions: 'older releases: "%s: failed to reset device" (vr_warn, with the ASIC name)',
    patterns: [
      /(?<asic>AMD_[A-Z0-9_]{2,24}): [Ff]ailed to reset device/,
      // the generic pci_warn() form carries no ASIC name: only the exact line, so other drivers'
      // "failed to reset device" messages do not match.
      /(?:vfio-pci|pci) [0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: Failed to reset device\s*$/,
    ],
    severity: 'error',
    title: 'vendor-reset could not reset the GPU',
    cause:
      'the vendor-specific reset of the AMD GPU failed (an earlier line names the step: VBIOS not readable, PSP/SMU not answering)',
    fix: 'power-cycle the host; let no host driver initialise the GPU before the VM; update vendor-reset',
    examples: [
      {
        text: '[Sun Apr 13 00:43:13 2025] vfio-pci 0000:c7:00.0: AMD_NAVI10: failed to reset device',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { bdf: '0000:c7:00.0', asic: 'AMD_NAVI10' },
      },
      {
        text: 'May 13 04:23:43 pve kernel: vfio-pci 0000:75:00.0: AMD_VEGA10: failed to reset device',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { bdf: '0000:75:00.0', asic: 'AMD_VEGA10' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:75:00.0: ', args: [] },
  },
  {
    id: 'vendor-reset.get-bios-failed',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/navi10.c amd_navi10_reset() (and vega10.c, vega20.c)',
    format: '%s: amdgpu_get_bios failed: %d\n',
    patterns: [/amdgpu_get_bios failed: (?<err>-?\d{1,5})/],
    severity: 'error',
    title: "vendor-reset could not read the GPU's VBIOS",
    cause:
      "the reset needs the GPU's ATOM BIOS tables and could not read them from the ROM BAR (the ROM is hidden after a host driver ran, or the GPU is already wedged)",
    fix: 'power-cycle the host so the ROM is readable again; bind the GPU to vfio-pci at boot (vfio-pci.ids) so amdgpu never initialises it',
    examples: [
      {
        text: 'May 13 04:23:43 pve kernel: vfio-pci 0000:75:00.0: AMD_VEGA10: amdgpu_get_bios failed: 0',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { bdf: '0000:75:00.0', err: '0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:75:00.0: ', args: ['navi10', 0] },
  },
  {
    id: 'vendor-reset.smu-error',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/common.c smu_wait()',
    format: 'SMU error 0x%x\n',
    patterns: [/SMU error (?<code>0x[0-9a-fA-F]{1,8})/],
    severity: 'warning',
    title: "The GPU's SMU did not answer as expected during reset",
    cause:
      'the System Management Unit returned an error code while vendor-reset prepared the reset; common when the GPU was left in a bad state, and the reset may still succeed',
    fix: 'check the "reset result" line that follows; if it is not 0, power-cycle the host',
    examples: [
      {
        text: 'Feb 10 02:25:37 omv kernel: vfio-pci 0000:06:00.0: SMU error 0xfe',
        origin: 'https://github.com/gnif/vendor-reset/issues/73',
        facts: { bdf: '0000:06:00.0', code: '0xfe' },
      },
      {
        text: '[  754.280970] vfio-pci 0000:0c:00.0: SMU error 0xfd',
        origin: 'https://github.com/gnif/vendor-reset/issues/25',
        facts: { bdf: '0000:0c:00.0', code: '0xfd' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: [0xfd] },
  },
  {
    id: 'vendor-reset.smc-message-failed',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/common.c smum_send_msg_to_smc_with_parameter()',
    format: 'Failed to send message 0x%x: return 0x%x\n',
    patterns: [/Failed to send message (?<msg>0x[0-9a-fA-F]{1,4}): return (?<code>0x[0-9a-fA-F]{1,8})/],
    severity: 'warning',
    title: "The GPU's SMU rejected a command during reset",
    cause:
      'vendor-reset sent a message to the System Management Unit (e.g. to prepare BACO or a driver reset) and got an error back; the GPU is in a state the reset sequence did not expect, often because it was not used by a guest driver before or is already hung',
    fix: 'check the "reset result" line; if the reset failed, power-cycle the host; a GPU model vendor-reset does not list may need another reset method',
    examples: [
      {
        text: '[  184.603371] vfio-pci 0000:43:00.0: Failed to send message 0x25: return 0x0',
        origin: 'https://github.com/gnif/vendor-reset/issues/5',
        facts: { msg: '0x25', code: '0x0' },
      },
      {
        text: 'Feb 10 02:25:37 omv kernel: vfio-pci 0000:06:00.0: Failed to send message 0x45: return 0xfe',
        origin: 'https://github.com/gnif/vendor-reset/issues/73',
        facts: { bdf: '0000:06:00.0', msg: '0x45', code: '0xfe' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:06:00.0: ', args: [0x45, 0xfe] },
  },
  {
    id: 'vendor-reset.psp-timeout',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/navi10.c amd_navi10_reset()',
    format: '%s: timed out waiting for PSP bootloader to respond after reset\n',
    versions:
      'the same function prints "PSP did not acknowledger reset" and "timed out waiting for PSP to reach valid state, but continuing anyway"',
    patterns: [
      /timed out waiting for PSP (?<what>bootloader to respond after reset|to reach valid state)/,
      /PSP did not acknowledger? reset/,
    ],
    severity: 'warning',
    title: "The GPU's security processor was slow or silent during a mode1 reset",
    cause:
      'vendor-reset waits for the PSP around the mode1 reset; "to reach valid state" before the reset is often harmless, no acknowledgement or no bootloader after it means the reset did not complete',
    fix: 'check the "reset result"; if it failed, power-cycle the host',
    refine: (f) => (f.what === 'to reach valid state' ? { severity: 'info' } : undefined),
    examples: [
      {
        text: '[Sun Apr 13 00:43:13 2025] vfio-pci 0000:c7:00.0: AMD_NAVI10: PSP did not acknowledger reset',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { bdf: '0000:c7:00.0' },
      },
      {
        text: '[  754.471102] vfio-pci 0000:0c:00.0: AMD_NAVI14: timed out waiting for PSP to reach valid state, but continuing anyway',
        origin: 'https://github.com/gnif/vendor-reset/issues/25',
        facts: { bdf: '0000:0c:00.0', what: 'to reach valid state' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: ['navi10'] },
  },
  {
    id: 'vendor-reset.mode1-succeeded',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/navi10.c amd_navi10_reset() (vega10.c/vega20.c: "psp mode1 reset succeeded")',
    format: '%s: mode1 reset succeeded\n',
    patterns: [/(?:psp )?mode1 reset succeeded/, /PSP mode1 reset successful/],
    severity: 'info',
    title: 'The GPU accepted the mode1 reset',
    cause: 'the PSP acknowledged the reset; vendor-reset then waits for the GPU to come back',
    fix: 'nothing to do',
    examples: [
      {
        text: '[  754.987697] vfio-pci 0000:0c:00.0: AMD_NAVI14: mode1 reset succeeded',
        origin: 'https://github.com/gnif/vendor-reset/issues/25',
        facts: { bdf: '0000:0c:00.0' },
      },
      {
        text: 'May 13 04:19:06 pve kernel: vfio-pci 0000:75:00.0: AMD_VEGA20: psp mode1 reset succeeded',
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: ['navi14'] },
  },
  {
    id: 'vendor-reset.baco-fallback',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/amd/vega20.c amd_vega20_reset()',
    format: '%s: psp mode1 reset failed\n',
    versions: 'followed by "%s: falling back to BACO reset" and "%s: BACO reset successful"',
    patterns: [/(?<step>psp mode1 reset failed|falling back to BACO reset|BACO reset successful)/],
    severity: 'info',
    title: 'vendor-reset fell back to a BACO reset',
    cause:
      'the PSP mode1 reset did not work, so vendor-reset powered the GPU down and up through BACO (bus active, chip off); "BACO reset successful" means the GPU was reset after all',
    fix: 'nothing to do if the result is 0; repeated failures need a host power cycle',
    examples: [
      {
        text: '[  184.390719] vfio-pci 0000:43:00.0: AMD_VEGA20: psp mode1 reset failed',
        origin: 'https://github.com/gnif/vendor-reset/issues/5',
        facts: { bdf: '0000:43:00.0', step: 'psp mode1 reset failed' },
      },
      {
        text: '[  184.603374] vfio-pci 0000:43:00.0: AMD_VEGA20: BACO reset successful',
        origin: 'https://github.com/gnif/vendor-reset/issues/5',
      },
    ],
    render: { prefix: 'vfio-pci 0000:43:00.0: ', args: ['AMD_VEGA20'] },
  },
  {
    id: 'vendor-reset.lock-busy',
    source: 'vendor-reset',
    cite: 'gnif/vendor-reset src/vendor-reset-dev.c vendor_reset_dev()',
    format: 'could not acquire cfg lock\n',
    versions: 'also "could not acquire device lock" (pci_warn, lower case in the source)',
    patterns: [/[Cc]ould not acquire (?<lock>cfg|device) lock/],
    severity: 'warning',
    title: 'vendor-reset could not lock the device for a reset',
    cause:
      'the reset requested through the vendor-reset ioctl found the device busy (another reset or a driver operation in progress) and returned EAGAIN',
    fix: 'retry when the device is idle (no VM starting or stopping)',
    examples: [
      {
        text: '[ 300.1] vfio-pci 0000:0c:00.0: Could not acquire cfg lock',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', lock: 'cfg' },
      },
      {
        text: '[  300.100000] vfio-pci 0000:0c:00.0: could not acquire device lock',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', lock: 'device' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: [] },
  },

  // ---------------------------------------------------------------- Windows guest
  {
    id: 'windows.code-43',
    source: 'windows',
    cite: `${MS_CODES}: Code 43 CM_PROB_FAILED_POST_START; the NVIDIA driver before R465 reported it when it detected a hypervisor`,
    format: 'Windows has stopped this device because it has reported problems. (Code 43)',
    patterns: [/\([Cc]ode 43\)|\b[Cc]ode 43\b|\b[Ee]rror 43\b/],
    severity: 'error',
    title: 'The GPU driver stopped the device in the guest (Code 43)',
    cause:
      'the driver started and then reported a failure. With NVIDIA consumer drivers before R465 (2021) it is the hypervisor check (KVM CPUID signature or Hyper-V enlightenments with the default vendor id); with any GPU it also follows a missing or wrong ROM, a GPU that was not reset since its last use (AMD), or a laptop GPU without its ACPI/VBIOS tables. With an Intel iGPU SR-IOV VF (i915-sriov-dkms or xe VFs) the Intel driver fails this way once Hyper-V runs inside the guest — enabling Hyper-V, WSL 2, Virtual Machine Platform or virtualization-based security (Memory integrity, which newer Windows images turn on) makes the guest a nested hypervisor, and the driver does not start the VF under it',
    fix: "NVIDIA: update the guest driver to R465+, or hide KVM: libvirt <features><kvm><hidden state='on'/></kvm><hyperv><vendor_id state='on' value='0123456789ab'/></hyperv></features> (QEMU: -cpu host,kvm=off,hv_vendor_id=0123456789ab); check the GPU ROM (vfiokit rom); AMD: reset the GPU (vendor-reset) or power-cycle the host before starting the VM again; Intel SR-IOV VF: turn off Hyper-V, WSL, Virtual Machine Platform and Memory integrity (core isolation) in the guest, or roll back to before they were enabled",
    examples: [
      { text: 'Windows has stopped this device because it has reported problems. (Code 43)', origin: BUILT },
      {
        text: 'The only problem that remains is that there is an error in Windows for my GPU - "windows has stopped this device (code 43)".',
        origin: 'https://github.com/ipaqmaster/vfio/issues/19',
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.code-12',
    source: 'windows',
    cite: `${MS_CODES}: Code 12 CM_PROB_NORMAL_CONFLICT`,
    format:
      'This device cannot find enough free resources that it can use. If you want to use this device, you will need to disable one of the other devices on this system. (Code 12)',
    // "(error 12)": the wording users give when translating a localised Device Manager
    patterns: [
      /\([Cc]ode 12\)/,
      /\([Ee]rror 12\)/,
      /cannot find enough free resources that it can use/,
      /\b[Ee]rror code 12\b/,
    ],
    severity: 'error',
    title: "The guest has no room for the GPU's BARs (Code 12)",
    cause:
      "the guest firmware could not place the device's memory BARs: a GPU with large (resizable, 8–32 GiB) BARs does not fit the VM's 64-bit PCI window, or the BAR was left unassigned by OVMF/SeaBIOS",
    fix: 'use OVMF with a q35 machine and enlarge the 64-bit MMIO window (QEMU: -global q35-pcihost.pci-hole64-size=64G or -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536; libvirt: <qemu:commandline> for these), or disable Resizable BAR for the card on the host; SeaBIOS guests cannot map 64-bit BARs above 4G well',
    examples: [
      {
        text: 'Nvidia vGPU failed on Windows 10, driver error code 12: The device cannot find enough free resources that it can use.',
        origin: 'https://github.com/kubevirt/kubevirt/issues/7109',
      },
      {
        text: '`error code 12: The device cannot find enough free resources that it can use`',
        origin: 'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/6147',
      },
      {
        text: 'This device generates a resource conflict (error 12). To use it,you need to disable one of the other system device.',
        origin: 'https://github.com/virtio-win/kvm-guest-drivers-windows/issues/679',
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.code-10',
    source: 'windows',
    cite: `${MS_CODES}: Code 10 CM_PROB_FAILED_START`,
    format: 'This device cannot start. (Code 10)',
    patterns: [/This device cannot start\.? ?\(Code 10\)/, /\([Cc]ode 10\)/],
    severity: 'error',
    title: 'The device failed to start in the guest (Code 10)',
    cause:
      'the guest driver\'s start routine failed. For passed-through GPUs the usual reasons are a GPU that was not reset since its last use (AMD "reset bug": it works once per host boot), interrupts that do not arrive (MSI disabled in the guest, or INTx broken), or a missing/wrong ROM',
    fix: 'power-cycle the host and start the VM once: if it then works, the GPU does not reset (vendor-reset for AMD, avoid guest reboots); otherwise check `vfiokit diagnose --dmesg` for reset and interrupt errors and give the VM a clean ROM (vfiokit rom)',
    examples: [{ text: 'This device cannot start. (Code 10)', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.code-31',
    source: 'windows',
    cite: `${MS_CODES}: Code 31 CM_PROB_FAILED_ADD`,
    format:
      'This device is not working properly because Windows cannot load the drivers required for this device. (Code 31)',
    patterns: [/\([Cc]ode 31\)/, /Windows cannot load the drivers required for this device/],
    severity: 'error',
    title: "Windows could not load the device's driver (Code 31)",
    cause:
      'the installed driver refused the device: a driver that does not support this GPU model or its subsystem ids (laptop GPUs, vGPU profiles), or a broken driver install',
    fix: "install the vendor driver that matches the device (for laptop GPUs pass the host's subsystem ids with x-pci-sub-vendor-id/x-pci-sub-device-id); clean-install the driver (DDU)",
    examples: [
      {
        text: 'This device is not working properly because Windows cannot load the drivers required for this device. (Code 31)',
        origin: 'https://github.com/VirtualDrivers/Virtual-Display-Driver/issues/71',
      },
      {
        text: 'This device is not working properly because Windows cannot load the drivers required for this device. (Code 31)',
        origin: BUILT,
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.code-37',
    source: 'windows',
    cite: `${MS_CODES}: Code 37 CM_PROB_FAILED_DRIVER_ENTRY`,
    format: 'Windows cannot initialize the device driver for this hardware. (Code 37)',
    patterns: [/\([Cc]ode 37\)/, /Windows cannot initiali[sz]e the device driver for this hardware/],
    severity: 'error',
    title: "The device's driver failed to start (Code 37)",
    cause:
      "the driver's DriverEntry routine returned a failure, before it ever looked at this device: the driver package is broken or half-installed, it does not support this Windows build, or (for a GPU) a second driver package of another branch got in the way (a GeForce and a Quadro/vGPU guest driver, or Windows Update's older driver over the vendor's)",
    fix: "remove the driver completely (DDU in safe mode for GPUs) and install one current package of the right branch for the device; for a vGPU use NVIDIA's vGPU guest driver matching the host's vGPU manager version",
    examples: [ex('Windows cannot initialize the device driver for this hardware. (Code 37)')],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.nvidia-installer-no-hardware',
    source: 'windows',
    cite: 'NVIDIA display driver installer for Windows (closed source; its compatibility check against the package INF), quoted from public reports',
    format:
      'The NVIDIA installer cannot continue. This graphics driver could not find compatible graphics hardware.',
    versions:
      'older installers: "NVIDIA Installer cannot continue ... This NVIDIA graphics driver is not compatible with this version of Windows" for the OS check',
    patterns: [/This graphics driver could not find compatible graphics hardware/],
    severity: 'error',
    title: "NVIDIA's installer finds no GPU its package supports",
    cause:
      "the installer compares the GPUs Windows lists (vendor, device and subsystem IDs) with the ones its package supports and found none: the package is of the wrong branch for the card (GeForce vs RTX/Quadro/data-centre, a vGPU guest driver for a passed-through GPU or the reverse, a notebook GPU with a desktop package), or the guest does not see the GPU's real IDs (the device is not passed through, is shown with another ID, or failed to start: Device Manager shows it with a Code). In a Hyper-V VM with GPU partitioning (GPU-P, e.g. Easy-GPU-PV) the guest has no PCI GPU at all, only the partition adapter: its driver is the host's, copied into the VM, and NVIDIA's installer cannot be run there",
    fix: "check the GPU in Device Manager (its hardware IDs under Details) and download the package for exactly that product and branch; for a notebook GPU pass its subsystem IDs (QEMU x-pci-sub-vendor-id / x-pci-sub-device-id); for a vGPU use the guest driver from the same vGPU release as the host; in a GPU-P VM do not install the driver — update the host driver and copy it into the VM again (Easy-GPU-PV's Update-VMGpuPartitionDriver.ps1), with host and VM on the same Windows build",
    examples: [
      ex(
        'NVIDIA Installer cannot continue\nThis graphics driver could not find compatible graphics hardware.',
      ),
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.code-28',
    source: 'windows',
    cite: `${MS_CODES}: Code 28 CM_PROB_FAILED_INSTALL`,
    format: 'The drivers for this device are not installed. (Code 28)',
    patterns: [/\([Cc]ode 28\)/, /The drivers for this device are not installed/],
    severity: 'info',
    title: 'No driver installed for the device in the guest (Code 28)',
    cause: 'the guest sees the device but has no driver for it yet; the passthrough itself works',
    fix: "install the GPU vendor's driver (or virtio-win for virtio devices) in the guest",
    examples: [{ text: 'The drivers for this device are not installed. (Code 28)', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'windows.display-driver-recovered',
    source: 'windows',
    cite: 'Windows event log, Display source, event ID 4101 (Timeout Detection and Recovery, TDR)',
    format: 'Display driver %s stopped responding and has successfully recovered.',
    patterns: [
      /Display driver (?<driver>[\w.]{1,32}) stopped responding and (?:has successfully|was) recovered/,
    ],
    severity: 'warning',
    title: 'The guest GPU driver hung and was restarted (TDR)',
    cause:
      'Windows reset the GPU driver after the GPU did not answer for 2 s. In a VM this points at interrupts (MSI not enabled for the device in the guest, or delayed interrupts), the CPU being starved (no CPU pinning, host overcommit) or a GPU not reset between runs',
    fix: 'enable MSI for the GPU and its audio function in the guest (MSI utility), pin vCPUs and keep host load off them, and reset/power-cycle the GPU before starting the VM',
    examples: [
      {
        text: 'Display driver nvlddmkm stopped responding and has successfully recovered.',
        origin: BUILT,
        facts: { driver: 'nvlddmkm' },
      },
      {
        text: 'Display driver nvlddmkm stopped responding and was recovered',
        origin: 'https://www.flofaber.com/windows-nvlddmk-error-4101',
        facts: { driver: 'nvlddmkm' },
      },
    ],
    render: { prefix: '', args: ['amdkmdag'] },
  },
  {
    id: 'windows.video-tdr-failure',
    source: 'windows',
    cite: 'Microsoft bug check 0x116 VIDEO_TDR_FAILURE (Bug Check Code Reference)',
    format: 'VIDEO_TDR_FAILURE',
    patterns: [/\bVIDEO_TDR_(?:FAILURE|ERROR|TIMEOUT_DETECTED)\b(?: \((?<module>[\w.]{1,32})\))?/i],
    severity: 'error',
    title: 'The guest crashed because the GPU did not recover (VIDEO_TDR_FAILURE)',
    cause:
      'the GPU stayed hung after Windows tried to reset its driver: in VMs usually a GPU that was not reset since its last use, broken interrupts, or a driver/ROM mismatch',
    fix: 'power-cycle the host and try once more (if it works once per boot, the GPU does not reset: vendor-reset for AMD); enable MSI in the guest; give the VM a clean ROM',
    examples: [
      {
        text: 'Video_TDR_Failure (nvlddmkm.sys)',
        origin: 'https://github.com/sk1080/nvidia-kvm-patcher/issues/35',
        facts: { module: 'nvlddmkm.sys' },
      },
      {
        text: 'Stop code: VIDEO_TDR_FAILURE (atikmpag.sys)',
        origin: BUILT,
        facts: { module: 'atikmpag.sys' },
      },
    ],
    render: { prefix: 'Stop code: ', args: [] },
  },
];
