/**
 * Families that real users posted and the catalogue did not know, found among the misses of a
 * held-out set that has since been read (test/fixtures/diagnose/held-out-14.json): a bus reset run
 * without the bridge's config-space lock, the one MSI vector lspci shows where a device offers
 * more, a Qualcomm MHI device (modem, Wi-Fi, AI accelerator) that never becomes ready, and an Intel
 * GPU that does not acknowledge i915's forcewake. Each is
 * read in its source; the examples come from other public threads than the held-out messages
 * (whose texts stay out of the catalogue), or are built from the format string and marked so.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const PCI_C = 'torvalds/linux drivers/pci/pci.c';
const MHI = 'torvalds/linux drivers/bus/mhi/host';

/** Which reset path the %pS of the warning names, and what fixed its locking. */
function refineUnlockedReset(f: Facts): Refinement | undefined {
  const via = f.caller ?? '';
  if (via === 'pci_reset_bus_function')
    return {
      cause:
        "a reset of one function fell back to resetting its whole bus (the function has no FLR or PM reset, so pci_reset_bus_function() toggles the parent bridge's Secondary Bus Reset bit), and the caller held only the device's own lock, not the upstream bridge's. On a passthrough host the usual caller is vfio-pci resetting the device when the VM or the user lets it go (vfio_pci_core_disable() calls __pci_reset_function_locked()); mlxsw, liquidio and Xen's pciback call the same function. Since Linux 6.11 pci_bridge_secondary_bus_reset() warns once per bridge when its config space is not locked. The reset itself ran: the warning marks a window in which another reader of that bridge's config space (lspci, setpci, another reset) could have disturbed it, not a failed reset",
      fix: "nothing to do for the guest: the device was reset. A fix that also locks the upstream bridge in vfio_pci_core_disable() was queued in the VFIO tree for Linux 7.0; until a kernel has it the line returns once per boot. Avoid reading that bridge's config space (lspci -vvv, setpci) while VMs start or stop. If the device then misbehaves, it is its reset, not this lock: check `cat /sys/bus/pci/devices/ADDR/reset_method`",
    };
  if (via === 'pciehp_reset_slot')
    return {
      cause:
        "a slot reset through the hot-plug controller (pciehp_reset_slot(): the reset of a device in a hot-plug slot, as VFIO's hot reset does when a VM resets, or AER recovery) ran while pci_slot_lock() had locked the devices in the slot but not the bridge that provides it. Since Linux 6.11 pci_bridge_secondary_bus_reset() warns once per bridge when its config space is not locked. The reset itself ran: the warning marks a window in which another reader of the bridge's config space could have disturbed it",
      fix: 'nothing to do for the guest; kernels with upstream commit 1f5e57c622b4 (pci_slot_lock() also locks the bridge; picked for the stable series in 2026) no longer print it',
    };
  return undefined;
}

/** What one MSI vector out of several means, by how many the function offers. */
function refineMsiCount(f: Facts): Refinement | undefined {
  const max = Number(f.max);
  if (!(max > 1)) return undefined;
  return {
    cause: `the function implements up to ${max} MSI vectors and the driver bound to it runs on one. That is normal when the driver asked for one (most drivers do, or use MSI-X). When the driver asked for more, x86 Linux grants several MSI vectors (plain MSI, not MSI-X) only through an interrupt-remapping domain — Intel VT-d or AMD-Vi interrupt remapping; the plain vector domain cannot allocate the aligned block multi-MSI needs (arch/x86 X86_VECTOR_MSI_FLAGS_SUPPORTED lacks MSI_FLAG_MULTI_PCI_MSI) — and falls back to one. In a VM that means the guest sees no IOMMU with interrupt remapping: the host's remapping does not reach the guest's own MSI allocation`,
    fix: 'if the device works, nothing. If its driver or vendor wants several vectors (a performance or "fewer queues" note in its log): on a host, enable interrupt remapping (VT-d/AMD-Vi on in the firmware; not intremap=off); in a QEMU guest, give it a vIOMMU with interrupt remapping (-machine q35,kernel-irqchip=split -device intel-iommu,intremap=on, or libvirt <iommu model="intel"><driver intremap="on"/></iommu> with <ioapic driver="qemu"/>). A driver that can use MSI-X gets its vectors without remapping',
  };
}

/** What the MHI line means where the device changed hands or came back from suspend. */
function refineMhi(f: Facts): Refinement | undefined {
  if (f.step === 'clear MHI Reset')
    return {
      cause:
        'the host wrote MHI RESET to the device and the device never cleared it within the timeout: its MHI state machine (the firmware running on the modem, Wi-Fi or AI accelerator chip) is not responding. This is what a Qualcomm MHI device does when it was handed on without a reset of its own — from the host driver to vfio-pci, from one VM to the next, or back to the host — and it holds state the new driver does not expect; or when its firmware crashed',
    };
  return undefined;
}

export const READ_SET_MISSES_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.pci-unlocked-bus-reset',
    source: 'kernel',
    cite: `${PCI_C} pci_bridge_secondary_bus_reset() (pci_warn_once, added by commit 920f6468924f "PCI: Warn on missing cfg_access_lock during secondary bus reset", Linux 6.11)`,
    format: 'unlocked secondary bus reset via: %pS\n',
    versions:
      'Linux 6.11+; printed once per bridge per boot, by the bridge ("pcieport ADDR: "); the %pS symbol may wrap onto the next line in pasted logs',
    patterns: [
      /unlocked secondary bus reset via:(?:\s{1,4}(?<caller>[\w.]{1,80})\+0x[0-9a-fA-F]{1,8}\/0x[0-9a-fA-F]{1,8})?/,
    ],
    severity: 'warning',
    title: 'A bus reset ran without locking the bridge (kernel warning, printed once)',
    cause:
      'the kernel reset the devices below this bridge with a secondary bus reset while the bridge\'s configuration space was not locked against other users. Commit 7e89efc6e9e4 ("PCI: Lock upstream bridge for pci_reset_function()", Linux 6.10) made the usual reset path lock the bridge, and since 6.11 pci_bridge_secondary_bus_reset() warns once per bridge about callers that do not (the function after "via:" is the caller). The reset itself ran: the warning marks a window in which lspci, setpci or another reset touching that bridge could have disturbed it, not a failed reset',
    fix: "nothing to do for the VM. The callers are being fixed one by one (vfio-pci's release path queued for 7.0, pciehp's slot reset by upstream 1f5e57c622b4 and its stable backports): a newer kernel stops the line. Do not run config-space tools against that bridge while VMs start or stop",
    refine: refineUnlockedReset,
    render: render('pcieport 0000:00:01.0: ', 'pci_reset_bus_function+0x51c/0x6a0'),
    examples: [
      ex(
        'pcieport 0000:00:01.0: unlocked secondary bus reset via: pci_reset_bus_function+0x51c/0x6a0',
        { caller: 'pci_reset_bus_function' },
        'https://lore.kernel.org/all/20240712212157.GA339030@bhelgaas/',
      ),
      ex(
        'pcieport 0000:e2:05.0: unlocked secondary bus reset via: pciehp_reset_slot+0x55/0xa0',
        { caller: 'pciehp_reset_slot' },
        'https://patch.msgid.link/20260130165953.751063-3-kbusch@meta.com',
      ),
    ],
  },
  {
    id: 'pciutils.msi-single-vector',
    source: 'pciutils',
    cite: 'pciutils/pciutils ls-caps.c cap_msi() (Count = vectors enabled / vectors the function implements, from the Multiple Message Enable and Capable fields); the vector limit in torvalds/linux arch/x86/kernel/apic/msi.c x86_init_dev_msi_info() and arch/x86/include/asm/msi.h X86_VECTOR_MSI_FLAGS_SUPPORTED',
    format: 'MSI: Enable%c Count=%d/%d Maskable%c 64bit%c\n',
    versions:
      'the same wording in every pciutils release; printed by lspci -v under "Capabilities: [OFFSET]"',
    patterns: [/MSI: Enable\+ Count=1\/(?<max>2|4|8|16|32) Maskable[+-] 64bit[+-]/],
    severity: 'info',
    title: 'One MSI vector in use where the device offers several',
    cause:
      'the function implements several MSI vectors and its driver runs on one: normal when the driver asked for one; on x86 Linux more than one plain-MSI vector is only granted with interrupt remapping',
    fix: 'nothing if the device works; for several vectors enable interrupt remapping on the host, or give a guest a vIOMMU with interrupt remapping',
    refine: refineMsiCount,
    render: render('\tCapabilities: [80] ', '+', 1, 16, '-', '-'),
    examples: [
      ex(
        '    Capabilities: [80] MSI: Enable+ Count=1/16 Maskable- 64bit-',
        { max: '16' },
        'https://lore.kernel.org/all/ZunEGR6xIB2RJwxk@gallifrey/',
      ),
    ],
  },
  {
    id: 'kernel.mhi-not-ready',
    source: 'kernel',
    cite: `${MHI}/pm.c mhi_ready_state_transition() ("Device failed to clear MHI Reset", "Device failed to enter MHI Ready"), followed by ${MHI}/boot.c mhi_fw_load_handler() ("MHI did not enter READY state"); drivers/bus/mhi/core/ in older kernels`,
    format: 'Device failed to enter MHI Ready\n',
    versions:
      'current kernels: "Device failed to clear MHI Reset" / "Device failed to enter MHI Ready" (register polling); the first MHI releases printed "Device Ready timeout"; the firmware loader then adds "MHI did not enter READY state"',
    patterns: [
      /mhi\d{0,3}: Device failed to (?<step>enter MHI Ready|clear MHI Reset)/,
      /mhi\d{0,3}: (?<step>Device Ready timeout)/,
    ],
    severity: 'error',
    title: 'A Qualcomm MHI device did not become ready',
    cause:
      "the MHI host driver (Qualcomm 5G/LTE modems such as SDX55/SDX62/SDX65, ath11k/ath12k Wi-Fi, QAIC accelerators) reset the device's MHI state machine and waited for its firmware to report READY, and it never did within the timeout, so the device gets no driver. On a passthrough host this is what such a device does when it is handed on without a reset of its own: these devices typically have neither FLR nor a working PM reset, so vfio-pci cannot reset them between the host driver, one VM and the next, and the firmware keeps the state the last owner left. Outside passthrough the same line follows a firmware crash or a suspend the device did not survive",
    fix: 'check what reset the device has (`cat /sys/bus/pci/devices/ADDR/reset_method`; empty or only "bus" on a shared bus means none VFIO can use). Power-cycle the host (a warm reboot may not be enough) and give the device to one owner from boot: bind it to vfio-pci at boot (vfio-pci.ids=) so the host driver never starts it, and shut the VM down rather than rebooting it repeatedly; if it still hangs, ask the vendor about a device-specific reset or keep it on the host',
    refine: refineMhi,
    render: render('mhi mhi0: '),
    examples: [
      ex(
        '[  140.807091] mhi mhi0: Device failed to enter MHI Ready',
        { step: 'enter MHI Ready' },
        'https://lore.kernel.org/linux-arm-msm/87ttndw6m6.fsf@tarshish/',
      ),
    ],
  },
  {
    id: 'kernel.i915-forcewake-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/intel_uncore.c fw_domain_wait_ack_set() / fw_domain_wait_ack_clear() (called from fw_domains_get_with_fallback())',
    format: '%s: timed out waiting for forcewake ack request.\n',
    versions:
      'DRM_ERROR in older kernels ("[drm:fw_domains_get [i915]] *ERROR* "), drm_err ("i915 ADDR: [drm] *ERROR* ") and, in later kernels, gt_err ("… *ERROR* GT0: "); the domain is render, gt, media, vdbox0 …; "timed out waiting for forcewake ack to clear" when releasing it',
    patterns: [/(?<domain>[\w]{1,16}): timed out waiting for forcewake ack (?<what>request|to clear)/],
    severity: 'error',
    title: 'i915: the GPU did not acknowledge a forcewake request',
    cause:
      'i915 asked the GPU to keep a power domain awake (forcewake) before touching its registers, and the acknowledgement never came: the registers behind the BAR are not a GPU working the way this driver expects. In a VM with an assigned Intel GPU: an SR-IOV virtual function of an iGPU given to a guest whose i915 has no VF support (the in-tree driver before VF support drives a VF like a whole GPU and touches forcewake registers a VF does not have; a VF address is usually 00:02.1 and up on the host, any slot in the guest); a discrete Arc (DG2) card under i915 where xe is the driver to use; or a GPU left half-initialised by its previous owner because it had no working reset. On bare metal it follows power-management trouble (RC6, a GPU that fell off the bus) and is a driver bug to report',
    fix: "for an iGPU VF: run a guest driver with VF support (the xe driver on a recent kernel, or i915-sriov-dkms matching the host's PF driver) and check that the host created the VF (sriov_numvfs) before the VM started; for Arc: use xe (i915.force_probe=!ID xe.force_probe=ID on kernels where i915 still claims it); for a whole GPU: make sure the host never initialises it before the guest (bind vfio-pci at boot) and that its reset works; on bare metal update the kernel and the GuC/HuC firmware and report it to the drm/intel tracker",
    render: render('i915 0000:00:02.0: [drm] *ERROR* ', 'render'),
    examples: [
      ex(
        'i915: drm:fw_domains_get [i915] *ERROR* render: timed out waiting for forcewake ack request.',
        { domain: 'render', what: 'request' },
        'https://bugzilla.kernel.org/show_bug.cgi?id=209091',
      ),
    ],
  },
];
