/**
 * Reset, IOMMU faults and interrupts beyond the entries in kernel.ts and qemu.ts: the reset a
 * management layer triggers through sysfs (Proxmox's qemu-server writes 1 to the device's reset
 * file; the kernel's reset_store() answers with pci_reset_function()'s errno), the config-space
 * save/restore the PCI core does around every reset, the AER error bits that say what went wrong
 * on the link, ARM SMMU faults (the arm64 counterpart of DMAR/AMD-Vi faults), rate-limited fault
 * floods, and the interrupt set-up failures of the kernel (genirq) and the rust-vmm VMMs.
 *
 * Sources: torvalds/linux drivers/pci/pci.c (pci_reset_function(), pci_save_state(),
 * pci_restore_config_dword(), pci_parent_bus_reset()), drivers/pci/pci-sysfs.c reset_store(),
 * drivers/pci/pcie/aer.c (aer_correctable_error_string[], aer_uncorrectable_error_string[]),
 * drivers/iommu/arm/arm-smmu/arm-smmu.c, drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c,
 * drivers/iommu/amd/iommu.c, kernel/irq/manage.c, lib/ratelimit.c; proxmox/qemu-server;
 * rust-vmm/vfio; cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs; google/crosvm.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { BUILT, ex, render } from './build.js';
import { errnoName } from './qemu.js';

const PCI_RESET_ENOTTY =
  'pci_reset_function() found no reset method that works for this device: no Function Level Reset (FLR) capability, no PM reset (the device advertises NoSoftRst- and would lose state, or it is not in D0), and no secondary bus reset because other functions or devices share its bus (pci_parent_bus_reset() refuses unless the device is alone below its bridge) or it sits on the root bus';

/** What pci_reset_function()'s errno says when a write to the sysfs reset file fails. */
function sysfsResetCause(f: Facts): Refinement | undefined {
  switch (errnoName(f)) {
    case 'ENOTTY':
      return undefined; // the entry's own text is about ENOTTY
    case 'EINVAL':
      return {
        cause:
          'the kernel refused the value or the reset method: only "1" resets, and a reset_method file naming a method the device lacks makes the reset fail',
        fix: 'write 1; check /sys/bus/pci/devices/BDF/reset_method lists methods the device has (write "default" to restore)',
      };
    case 'EIO':
    case 'ETIMEDOUT':
      return {
        cause:
          'the reset was attempted but the device did not come back: after FLR or the bus reset it kept answering config reads with all ones (dmesg: "not ready …ms after FLR; giving up")',
        fix: 'the device needs a host power cycle; prefer a device with a working reset, vendor-reset for AMD GPUs',
      };
    default:
      return undefined;
  }
}

/** AER error names (drivers/pci/pcie/aer.c, short names of 4.19+ and the long ones before). */
const AER_BITS: Record<string, { kind: 'correctable' | 'uncorrectable'; what: string }> = {
  RxErr: {
    kind: 'correctable',
    what: 'Receiver Error: the link saw a bad symbol (signal integrity: riser, slot, ASPM)',
  },
  'Receiver Error': {
    kind: 'correctable',
    what: 'Receiver Error: the link saw a bad symbol (signal integrity: riser, slot, ASPM)',
  },
  BadTLP: {
    kind: 'correctable',
    what: 'Bad TLP: a packet failed its link CRC and was replayed (signal integrity)',
  },
  'Bad TLP': {
    kind: 'correctable',
    what: 'Bad TLP: a packet failed its link CRC and was replayed (signal integrity)',
  },
  BadDLLP: { kind: 'correctable', what: 'Bad DLLP: a link-layer packet failed its CRC (signal integrity)' },
  'Bad DLLP': {
    kind: 'correctable',
    what: 'Bad DLLP: a link-layer packet failed its CRC (signal integrity)',
  },
  Rollover: {
    kind: 'correctable',
    what: 'REPLAY_NUM Rollover: a packet had to be resent several times (an unreliable link)',
  },
  'RELAY_NUM Rollover': {
    kind: 'correctable',
    what: 'REPLAY_NUM Rollover: a packet had to be resent several times (an unreliable link)',
  },
  Timeout: {
    kind: 'correctable',
    what: 'Replay Timer Timeout: packets were not acknowledged in time and were resent (an unreliable link or a device slow to answer)',
  },
  'Replay Timer Timeout': {
    kind: 'correctable',
    what: 'Replay Timer Timeout: packets were not acknowledged in time and were resent (an unreliable link)',
  },
  NonFatalErr: {
    kind: 'correctable',
    what: 'Advisory Non-Fatal: an uncorrectable error the device chose to report as correctable (often an Unsupported Request during enumeration or reset)',
  },
  'Advisory Non-Fatal': {
    kind: 'correctable',
    what: 'Advisory Non-Fatal: an uncorrectable error the device chose to report as correctable',
  },
  CorrIntErr: { kind: 'correctable', what: 'Corrected Internal Error inside the device' },
  HeaderOF: { kind: 'correctable', what: 'Header Log Overflow: too many errors to log' },
  DLP: {
    kind: 'uncorrectable',
    what: 'Data Link Protocol error: the link layer broke (link training trouble, often during a reset)',
  },
  'Data Link Protocol': { kind: 'uncorrectable', what: 'Data Link Protocol error: the link layer broke' },
  SDES: {
    kind: 'uncorrectable',
    what: 'Surprise Down: the link to the device below went down unexpectedly — the device fell off the bus (lost power, crashed, did not survive a reset, a riser or cable fault)',
  },
  SurpDown: {
    kind: 'uncorrectable',
    what: 'Surprise Down: the link to the device below went down unexpectedly — the device fell off the bus (lost power, crashed, did not survive a reset, a riser or cable fault)',
  },
  'Surprise Down Error': {
    kind: 'uncorrectable',
    what: 'Surprise Down: the link to the device below went down unexpectedly — the device fell off the bus',
  },
  TLP: {
    kind: 'uncorrectable',
    what: 'Poisoned TLP: a packet carried data marked bad (a memory or device error upstream)',
  },
  'Poisoned TLP': { kind: 'uncorrectable', what: 'Poisoned TLP: a packet carried data marked bad' },
  FCP: { kind: 'uncorrectable', what: 'Flow Control Protocol error on the link' },
  'Flow Control Protocol': { kind: 'uncorrectable', what: 'Flow Control Protocol error on the link' },
  CmpltTO: {
    kind: 'uncorrectable',
    what: 'Completion Timeout: a read to the device (or by it) was never answered — the device stopped responding, typically while it was being reset or after it hung',
  },
  'Completion Timeout': {
    kind: 'uncorrectable',
    what: 'Completion Timeout: a request was never answered — the device stopped responding (reset, hang)',
  },
  CmpltAbrt: { kind: 'uncorrectable', what: 'Completer Abort: the device refused a request it received' },
  'Completer Abort': {
    kind: 'uncorrectable',
    what: 'Completer Abort: the device refused a request it received',
  },
  UnxCmplt: {
    kind: 'uncorrectable',
    what: 'Unexpected Completion: an answer arrived for a request nobody is waiting for (often after a reset or timeout)',
  },
  'Unexpected Completion': {
    kind: 'uncorrectable',
    what: 'Unexpected Completion: an answer arrived for a request nobody is waiting for',
  },
  RxOF: { kind: 'uncorrectable', what: 'Receiver Overflow' },
  'Receiver Overflow': { kind: 'uncorrectable', what: 'Receiver Overflow' },
  MalfTLP: {
    kind: 'uncorrectable',
    what: 'Malformed TLP: a packet broke the PCIe rules (a device or firmware bug, or a device left in a bad state)',
  },
  'Malformed TLP': { kind: 'uncorrectable', what: 'Malformed TLP: a packet broke the PCIe rules' },
  ECRC: { kind: 'uncorrectable', what: 'ECRC error: end-to-end CRC mismatch' },
  UnsupReq: {
    kind: 'uncorrectable',
    what: 'Unsupported Request: the device was sent a request it does not accept (an access to an address it does not decode, or to a device that is resetting or powered down)',
  },
  'Unsupported Request': {
    kind: 'uncorrectable',
    what: 'Unsupported Request: the device was sent a request it does not accept',
  },
  ACSViol: {
    kind: 'uncorrectable',
    what: "ACS Violation: a transaction broke the port's Access Control Services policy (peer-to-peer traffic the port redirects or blocks) and was blocked",
  },
  'ACS Violation': {
    kind: 'uncorrectable',
    what: "ACS Violation: a transaction broke the port's Access Control Services policy and was blocked",
  },
  UncorrIntErr: { kind: 'uncorrectable', what: 'Uncorrectable Internal Error inside the device' },
  BlockedTLP: { kind: 'uncorrectable', what: 'MC Blocked TLP' },
  AtomicOpBlocked: { kind: 'uncorrectable', what: 'AtomicOp Egress Blocked' },
  TLPBlockedErr: { kind: 'uncorrectable', what: 'TLP Prefix Blocked' },
  PoisonTLPBlocked: { kind: 'uncorrectable', what: 'Poisoned TLP Egress Blocked' },
};
const AER_NAMES = Object.keys(AER_BITS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** ARM SMMUv3 event ids (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h EVT_ID_*). */
const SMMU_V3_EVENTS: Record<string, string> = {
  '0x10':
    'F_TRANSLATION: no translation for the address (the device used an address not mapped in its domain)',
  '0x11': 'F_ADDR_SIZE: the address is larger than the translation supports',
  '0x12': 'F_ACCESS: the access flag of the page was clear',
  '0x13': 'F_PERMISSION: the page is mapped but not with this permission (a write to a read-only mapping)',
  '0x02': "C_BAD_STREAMID: the device's stream ID has no entry (the SMMU was not told about the device)",
  '0x04': "C_BAD_STE: the device's stream table entry is invalid",
  '0x06': "F_STREAM_DISABLED: the device's stream is disabled (no domain attached)",
};

export const RESET_FAULT_ENTRIES: CatalogueEntry[] = [
  // ---- reset through sysfs (Proxmox) ----
  {
    id: 'proxmox.sysfs-reset-failed',
    source: 'proxmox',
    cite: 'proxmox/qemu-server PVE/SysFSTools.pm file_write() (called by pci_dev_reset()); the errno is reset_store() in torvalds/linux drivers/pci/pci-sysfs.c returning pci_reset_function()',
    format: "error writing '%s' to '%s': %s",
    patterns: [
      /error writing '(?<value>[^'\n]{1,8})' to '\/sys\/bus\/pci\/devices\/(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/reset': (?<err>[A-Z][A-Za-z /-]{2,60})/,
    ],
    severity: 'warning',
    title: 'The device could not be reset before the VM started',
    cause: `writing 1 to the device's sysfs reset file failed; "Inappropriate ioctl for device" (ENOTTY) means ${PCI_RESET_ENOTTY}. Proxmox continues without the reset: harmless for devices that need none, but a GPU that is not reset may hang or show stale state in the guest`,
    fix: 'nothing is needed if the VM starts and the device works; otherwise give the device a reset: pass every function of the card together (so a bus reset is possible), use vendor-reset for AMD GPUs (reset_method device_specific), or move the card to a slot where it is alone below its bridge',
    refine: sysfsResetCause,
    render: render('', '1', '/sys/bus/pci/devices/0000:0c:00.0/reset', 'Inappropriate ioctl for device'),
    examples: [
      ex("error writing '1' to '/sys/bus/pci/devices/0000:0c:00.0/reset': Inappropriate ioctl for device", {
        bdf: '0000:0c:00.0',
        errno: 'ENOTTY',
      }),
    ],
  },
  {
    id: 'proxmox.reset-continue',
    source: 'proxmox',
    cite: 'proxmox/qemu-server PVE/QemuServer.pm (device preparation before start: pci_dev_reset() failed)',
    format: "failed to reset PCI device '%s', but trying to continue as not all devices need a reset",
    patterns: [
      /failed to reset PCI device '(?<id>[0-9a-fA-F:.]{7,16})', but trying to continue as not all devices need a reset/,
    ],
    severity: 'warning',
    title: 'Proxmox could not reset the device and starts the VM anyway',
    cause: `the reset before start failed (the line before it has the errno: "Inappropriate ioctl for device" means ${PCI_RESET_ENOTTY}); Proxmox goes on, which is fine for devices that need no reset, while a GPU left unreset may hang or fail in the guest`,
    fix: 'if the VM and device work, ignore it; otherwise pass all functions of the card together so a bus reset is possible, use vendor-reset for AMD GPUs, or move the card to a slot where it is alone below its bridge',
    render: render('', '0000:0c:00.0'),
    examples: [
      ex(
        "failed to reset PCI device '0000:0c:00.0', but trying to continue as not all devices need a reset",
        {
          id: '0000:0c:00.0',
        },
      ),
    ],
  },
  // ---- config space around a reset (drivers/pci/pci.c) ----
  {
    id: 'kernel.pci-config-save-restore',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_save_state() / pci_restore_config_dword()',
    format: 'saving config space at offset %#x (reading %#x)\n',
    versions:
      'pci_dbg() lines, printed only with dynamic debug on; the restore side is "restoring config space at offset %#x (was %#x, writing %#x)"',
    patterns: [
      /saving config space at offset (?<offset>0x[0-9a-f]{1,3}) \(reading (?<value>0x[0-9a-f]{1,8})\)/,
      /restoring config space at offset (?<offset>0x[0-9a-f]{1,3}) \(was (?<was>0x[0-9a-f]{1,8}), writing (?<value>0x[0-9a-f]{1,8})\)/,
    ],
    severity: 'info',
    title: 'Config space saved or restored around a reset (debug output, normal)',
    cause:
      "the PCI core saves the device's configuration registers before a reset or power-state change and writes them back after it; these per-register debug lines appear only because dynamic debug (or a debug kernel) is on. They are normal and harmless",
    fix: 'nothing to do; turn dynamic debug off to silence them',
    refine: (f) =>
      f.was?.toLowerCase() === '0xffffffff'
        ? {
            severity: 'warning',
            title: 'Config space restored onto a device that reads all ones',
            cause:
              'after the reset the register read back as 0xffffffff: the device is not answering config space (it did not come back from the reset or a power state, or fell off the bus), so restoring its state cannot work',
            fix: 'look for "not ready …ms after" / "Unable to change power state" lines; the device likely needs a host power cycle',
          }
        : undefined,
    render: render('vfio-pci 0000:44:00.0: ', 0x30, 0x82380000),
    examples: [
      ex('[ 4204.971557] vfio-pci 0000:44:00.0: saving config space at offset 0x3c (reading 0x1ff)', {
        offset: '0x3c',
      }),
      ex('vfio-pci 0000:44:00.0: restoring config space at offset 0x4 (was 0xffffffff, writing 0x100407)', {
        was: '0xffffffff',
      }),
    ],
  },
  // ---- AER error bits (drivers/pci/pcie/aer.c) ----
  {
    id: 'kernel.aer-error-bit',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c __aer_print_error() (aer_correctable_error_string[], aer_uncorrectable_error_string[])',
    format: '   [%2d] %-22s%s\n',
    versions:
      'Linux 4.19+: short names ("[ 5] SDES", "[14] CmpltTO", "[21] ACSViol", "[ 0] RxErr", 6.x also "SurpDown"); older: long names ("[ 0] Receiver Error", "[12] Replay Timer Timeout", "[20] Unsupported Request"); " (First)" marks the first error logged',
    patterns: [
      new RegExp(`\\[\\s{0,2}(?<bit>\\d{1,2})\\] (?<name>${AER_NAMES})(?:\\s{1,24}\\((?<first>First)\\))?`),
    ],
    severity: 'warning',
    title: 'AER: which PCIe error happened',
    cause:
      'one error bit of an AER report; the name says what went wrong on the link or in the device. Correctable ones (RxErr, BadTLP, BadDLLP, Rollover, Timeout) are link-quality problems the hardware fixed by itself; uncorrectable ones (SDES/Surprise Down, CmpltTO, UnsupReq, MalfTLP, ACSViol) mean lost transactions, around a VM start or stop usually a device that did not survive its reset',
    fix: 'corrected link errors: reseat the card, avoid risers, try pcie_aspm=off; uncorrectable ones on an assigned GPU: check it survives reset (vendor-reset for AMD), its power, and whether the error follows a VM shutdown',
    refine: (f) => {
      const bit = AER_BITS[f.name ?? ''];
      if (!bit) return undefined;
      if (bit.kind === 'correctable')
        return {
          severity: 'info',
          title: `AER corrected error: ${f.name}`,
          cause: `${bit.what}. The hardware corrected it (nothing was lost); harmless unless it floods the log`,
          fix: 'ignore single ones; for a flood reseat the card, avoid risers or extension cables, try another slot or pcie_aspm=off',
        };
      if (f.name === 'SDES' || f.name === 'SurpDown' || f.name === 'Surprise Down Error')
        return {
          title: 'AER: Surprise Down — the link to the device went down',
          cause: `${bit.what}. The port reports it as an uncorrectable (fatal) error; the VM using the device loses it`,
          fix: 'if it follows a VM shutdown or reset the device did not survive reset (vendor-reset for AMD, avoid repeated VM restarts without a host reboot); if it happens under load check the power cables, riser and slot',
        };
      if (f.name === 'ACSViol' || f.name === 'ACS Violation')
        return {
          title: 'AER: ACS Violation',
          cause: `${bit.what}; it is the isolation between devices doing its job (a device below the port tried peer-to-peer or an address the port does not forward)`,
          fix: 'usually a device DMAing to an address it should not (a driver or firmware bug, or a stale mapping after a reset); if it floods the log and the device works, it can be masked; check the device survives reset',
        };
      return {
        title: `AER uncorrectable error: ${f.name}`,
        cause: `an uncorrectable PCIe error reported through AER — ${bit.what}; around a VM start or stop this usually means a device that did not survive its reset or was accessed while resetting`,
      };
    },
    render: render('pcieport 0000:00:01.1: ', 5, 'SDES', ' (First)'),
    examples: [
      ex('pcieport 0000:00:01.1:    [ 5] SDES                   (First)', {
        bit: '5',
        name: 'SDES',
        first: 'First',
      }),
      ex('pcieport 0000:00:03.1:    [12] Timeout               ', { name: 'Timeout' }),
      ex('pcieport 0000:00:1c.0:    [ 0] Receiver Error         (First)', { name: 'Receiver Error' }),
      ex('vfio-pci 0000:01:00.0:    [14] CmpltTO                (First)', { name: 'CmpltTO' }),
    ],
  },
  // ---- IOMMU faults: ARM SMMU, AMD event log, floods ----
  {
    id: 'kernel.arm-smmu-context-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/arm/arm-smmu/arm-smmu.c arm_smmu_context_fault() (before 5.9: drivers/iommu/arm-smmu.c)',
    format: 'Unhandled context fault: fsr=0x%x, iova=0x%08lx, fsynr=0x%x, cbfrsynra=0x%x, cb=%d\n',
    patterns: [
      /Unhandled context fault: fsr=(?<fsr>0x[0-9a-f]{1,8}), iova=(?<iova>0x[0-9a-f]{1,16}), fsynr=(?<fsynr>0x[0-9a-f]{1,8})(?:, cbfrsynra=(?<sid>0x[0-9a-f]{1,8}))?(?:, cb=(?<cb>\d{1,3}))?/,
      /FSR {4}= [0-9a-f]{8} \[[A-Z ]{0,16}Format=\d[A-Z ]{0,64}\], SID=(?<sid>0x[0-9a-f]{1,8})/,
      /FSYNR0 = [0-9a-f]{8} \[S1CBNDX=\d{1,3}[A-Z ]{0,40} PLVL=\d\]/,
    ],
    versions:
      'Linux 6.11+ decode the registers on two more lines: "FSR    = %08x [%s%sFormat=%u%s%s%s%s%s%s%s%s], SID=0x%x" (TF translation, AFF access flag, PF permission, EF external fault) and "FSYNR0 = %08x [S1CBNDX=%u%s%s%s%s%s%s PLVL=%u]" (WNR: the access was a write)',
    severity: 'error',
    title: 'ARM SMMU blocked a DMA (context fault)',
    cause:
      'the ARM System MMU (the arm64 IOMMU) got a DMA from a device to an I/O virtual address with no valid mapping in its translation context (iova names the address, cbfrsynra the stream ID of the device): the device or its driver (in a guest: the guest driver) used an address that was never mapped for it, or kept doing DMA after the mapping was removed (a reset, an unbind, a VM stop)',
    fix: 'find the device by the stream ID (cbfrsynra) in the firmware tables or dmesg; if it appears when a VM starts or stops, the device is doing DMA outside the VM lifetime (reset it, unbind its host driver earlier); constant faults while running point at the driver',
    render: render('arm-smmu 15000000.iommu: ', 0x402, 0x1000, 0x1, 0x1000, 0),
    examples: [
      ex(
        'arm-smmu 15000000.iommu: Unhandled context fault: fsr=0x402, iova=0xfffff000, fsynr=0x70001, cbfrsynra=0x1100, cb=3',
        { iova: '0xfffff000', sid: '0x1100' },
      ),
    ],
  },
  {
    id: 'kernel.arm-smmu-v3-event',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c arm_smmu_evtq_thread() / arm_smmu_dump_event()',
    format: 'event 0x%02x received:\n',
    versions:
      'up to 6.12: "event 0x10 received:" followed by the raw event words ("\\t0x%016llx"); 6.13+: "event: F_TRANSLATION client: 0000:01:00.0 sid: 0x100 ssid: 0x0 iova: 0x… ipa: 0x…" and for translation, address-size, access and permission faults a second line "%s %s %s %s \\"%s\\"%s%s stag: %#x" (priv/unpriv, inst/data, read/write, s1/s2, the fault class)',
    patterns: [
      /arm-smmu-v3[^\n]{0,40}: event (?<event>0x[0-9a-f]{2}) received/,
      /event: (?<name>F_[A-Z_]{3,20}|C_BAD_[A-Z_]{2,12}) client: (?<client>[^\s]{1,40})/,
      /arm-smmu-v3 \S{1,64}: (?:un)?priv (?:inst|data) (?:read|write) s[12] "[\w -]{3,48}"(?: ttd_read| ttd_write)?(?: stall)? stag: 0x[0-9a-f]{1,4}/,
    ],
    severity: 'error',
    title: 'ARM SMMUv3 reported a fault event',
    cause:
      "the SMMUv3 (the arm64 IOMMU) logged a fault for a device's DMA: typically 0x10 F_TRANSLATION (the device used an address not mapped in its domain) or 0x13 F_PERMISSION; the device or its driver (in a guest, the guest driver) did DMA outside what was mapped for it, or the device was not attached to any domain",
    fix: 'read the event id; for translation faults around a VM start/stop the device does DMA outside the VM lifetime; C_BAD_STREAMID / C_BAD_STE mean the firmware (IORT) does not describe the device to the SMMU',
    refine: (f) => {
      const byName = Object.values(SMMU_V3_EVENTS).find((t) => f.name && t.startsWith(`${f.name}:`));
      const what = f.event ? SMMU_V3_EVENTS[f.event] : byName;
      return what
        ? {
            cause: `the SMMUv3 (the arm64 IOMMU) logged event ${what}; the device or its driver did DMA outside what was mapped for it`,
          }
        : undefined;
    },
    render: render('arm-smmu-v3 arm-smmu-v3.0.auto: ', 0x10),
    examples: [
      ex('arm-smmu-v3 arm-smmu-v3.0.auto: event 0x10 received:', { event: '0x10' }),
      ex(
        'arm-smmu-v3 arm-smmu-v3.0.auto: event: F_TRANSLATION client: 0000:01:00.0 sid: 0x100 ssid: 0x0 iova: 0x80000000 ipa: 0x0',
        { name: 'F_TRANSLATION' },
      ),
    ],
  },
  {
    id: 'kernel.amd-event-log-overflow',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_int_thread() / amd_iommu_handle_irq()',
    format: 'AMD-Vi: IOMMU event log overflow\n',
    patterns: [/IOMMU event log overflow/],
    severity: 'warning',
    title: 'AMD IOMMU events came faster than the log could hold',
    cause:
      "the AMD IOMMU's event log filled up (a flood of events, almost always IO_PAGE_FAULTs from one device) and events were lost; the kernel restarts the log",
    fix: 'read the IO_PAGE_FAULT lines before it: they name the device doing DMA to unmapped addresses',
    render: render(''),
    examples: [ex('[  312.000001] AMD-Vi: IOMMU event log overflow')],
  },
  {
    id: 'kernel.fault-callbacks-suppressed',
    source: 'kernel',
    cite: 'torvalds/linux lib/ratelimit.c ___ratelimit() (printk_ratelimited() in drivers/iommu/intel/dmar.c dmar_fault(), drivers/iommu/amd/iommu.c, drivers/pci/pcie/aer.c, drivers/vfio)',
    format: '%s: %d callbacks suppressed\n',
    patterns: [
      /(?<fn>dmar_fault|dmar_fault_do_one|iommu_print_event|amd_iommu_int_thread|amd_iommu_report_page_fault|arm_smmu_context_fault|arm_smmu_evtq_thread|report_iommu_fault|aer_print_error|pci_print_aer|[a-z_]{0,20}vfio[a-z_]{0,30}): (?<n>\d{1,9}) callbacks suppressed/,
    ],
    severity: 'warning',
    title: 'The kernel dropped repeated messages (a flood)',
    cause:
      'the named function printed so many messages that the kernel rate-limited them: N more were not logged. For dmar_fault and the AMD/ARM IOMMU handlers it means a storm of DMA faults from one device (it keeps doing DMA to addresses not mapped for it)',
    fix: 'read the messages of that function just before this line; the device they name is the one to look at',
    render: render('', 'dmar_fault', 78),
    examples: [ex('[  230.000000] dmar_fault: 78 callbacks suppressed', { fn: 'dmar_fault', n: '78' })],
  },
  {
    id: 'kernel.pci-link-retrain',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pcie_failed_link_retrain()',
    format: 'broken device, retraining non-functional downstream link at 2.5GT/s\n',
    versions: 'Linux 6.5+; followed by "retraining failed" when the link still does not come up',
    patterns: [
      /(?<what>broken device, retraining non-functional downstream link at 2\.5GT\/s|retraining failed)/,
    ],
    severity: 'warning',
    title: 'The link to a device did not come up; the kernel retries at the lowest speed',
    cause:
      'after a reset or at enumeration the port saw the link fail to train with the device below, so the kernel forces 2.5 GT/s and retrains; a device that needs this did not come back cleanly from its reset (or has a marginal link: riser, slot). "retraining failed" means the device stays unreachable',
    fix: 'if it follows a VM stop or reset, the device does not survive reset (power-cycle the host; vendor-reset for AMD GPUs); otherwise reseat the card, avoid risers, and check the slot speed setting in the firmware',
    render: render('pcieport 0000:00:01.1: '),
    examples: [
      ex('pcieport 0000:00:1c.4: broken device, retraining non-functional downstream link at 2.5GT/s'),
      ex('pcieport 0000:00:1c.4: retraining failed', { what: 'retraining failed' }),
    ],
  },
  // ---- enumeration of a device that may not have come back (drivers/pci/probe.c) ----
  {
    id: 'kernel.pci-device-enumerated',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_setup_device()',
    format: '[%04x:%04x] type %02x class %#08x%s\n',
    versions: 'Linux 6.x appends the port type (" PCIe Root Port", " conventional PCI endpoint", …)',
    patterns: [
      /\[(?<vendor>[0-9a-f]{4}):(?<deviceId>[0-9a-f]{4})\] type (?<type>[0-9a-f]{2}) class (?<class>0x[0-9a-f]{6})/,
    ],
    severity: 'info',
    title: 'A PCI device was enumerated (routine)',
    cause:
      'the PCI core found a device and prints its vendor:device, header type and class: routine output at boot, at a rescan, or when SR-IOV virtual functions are created; informational, not an error',
    fix: 'nothing to do',
    refine: (f) =>
      f.type === '7f' || f.class === '0xffffff'
        ? {
            severity: 'error',
            title: 'A device was enumerated while it reads all ones',
            cause:
              'header type 7f / class 0xffffff are what config space reads return when the device does not answer (all ones): it fell off the bus, is stuck after a failed reset (a GPU after a VM shutdown) or is powered down in D3cold; the kernel enumerated garbage',
            fix: 'power-cycle the host to recover the device; then keep it from getting stuck: vendor-reset for AMD GPUs, vfio-pci disable_idle_d3=1, and avoid resets the card does not survive',
          }
        : undefined,
    render: render('pci 0000:0a:00.0: ', 0x10de, 0x1b80, 0, 0x30000, ' PCIe Legacy Endpoint'),
    examples: [
      ex('[    0.312345] pci 0000:0a:00.0: [10de:1b80] type 00 class 0x030000 PCIe Legacy Endpoint', {
        vendor: '10de',
        class: '0x030000',
      }),
      ex('pci 0000:03:00.0: [1002:67df] type 7f class 0xffffff', { type: '7f' }),
    ],
  },
  {
    id: 'kernel.nvidia-gpu-lost',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osapi.c osHandleGpuLost()',
    format: 'GPU has fallen off the bus.\n',
    versions:
      'the Xid form is "NVRM: Xid (PCI:0000:01:00): 79, pid=…, GPU has fallen off the bus." (kernel.nvidia-xid)',
    patterns: [
      /NVRM: (?:GPU [0-9a-fA-F:.]{7,16}: |GPU at PCI:[0-9a-fA-F:.]{7,16}: [^\n]{0,60})?GPU has fallen off the bus/,
    ],
    severity: 'error',
    title: 'The NVIDIA GPU stopped answering (fallen off the bus)',
    cause:
      "the NVIDIA driver found the GPU no longer responds on PCIe (config reads return all ones): it lost power, its link went down, or it did not come back from a reset or a power-state change (D3cold). On a host this is typically a GPU the host driver still touches after a VM used it, or a card that does not survive reset. Printed in a guest, it is the passed-through GPU lost under the VM: the host's log at that time (AER errors, vfio-pci reset or power-state lines) says why",
    fix: 'power-cycle the host to recover it; keep host drivers off a passthrough GPU (bind it to vfio-pci at boot), keep it powered (vfio-pci disable_idle_d3=1), and check PSU cables and risers if it happens under load',
    render: render('NVRM: '),
    examples: [ex('[ 8123.000000] NVRM: GPU 0000:01:00.0: GPU has fallen off the bus.')],
  },
  // ---- Intel IOMMU identity mapping notes ----
  {
    id: 'kernel.dmar-identity-mapping',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel-iommu.c iommu_no_mapping() (pr_info up to Linux 5.2; dev_info in 5.3-5.4)',
    format: '64bit %s uses identity mapping\n',
    versions:
      'also "32bit %s uses non-identity mapping" (a device that cannot address all memory); as dev_info (the device in the prefix): "64bit DMA uses identity mapping", "32bit DMA uses non-identity mapping"',
    patterns: [
      /(?<bits>64|32)bit (?:(?<dev>[0-9a-fA-F:.]{7,16})|DMA) uses (?<kind>identity|non-identity) mapping/,
    ],
    severity: 'info',
    title: 'Intel IOMMU chose a DMA mapping for a host device (informational)',
    cause:
      "with iommu=pt (pass-through) the Intel IOMMU driver gives host devices that can address all memory the 1:1 identity mapping and moves 32-bit-only devices to a translated domain; it notes each choice. Informational and harmless: a device assigned to a VM is moved to the VM's own domain by VFIO regardless",
    fix: 'nothing to do',
    render: render('DMAR: ', '0000:04:00.1'),
    examples: [
      ex('DMAR: 64bit 0000:05:00.0 uses identity mapping', { kind: 'identity' }),
      ex('pci 0000:00:1f.6: DMAR: 32bit DMA uses non-identity mapping', { kind: 'non-identity', bits: '32' }),
    ],
  },
  // ---- stray interrupts (arch/x86/kernel/irq.c) ----
  {
    id: 'kernel.no-irq-handler-vector',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/irq.c __common_interrupt() (before 5.11: do_IRQ())',
    format: '%s: %d.%u No irq handler for vector\n',
    versions:
      'Linux 5.11+: "__common_interrupt: 1.55 No irq handler for vector"; older: "do_IRQ: 1.55 No irq handler for vector"',
    patterns: [
      /(?:__common_interrupt|do_IRQ): (?<cpu>\d{1,4})\.(?<vector>\d{1,3}) No irq handler for vector/,
    ],
    severity: 'warning',
    title: 'An interrupt arrived on a vector nobody owns',
    cause:
      'a CPU received an interrupt on a vector with no handler: an MSI/MSI-X or remapped interrupt that was moved or freed while still in flight (a device being reset, reassigned between host and guest, or a guest reprogramming MSI), or an interrupt-remapping firmware quirk. A few at VM start or stop are harmless; a steady stream means a device keeps signalling an interrupt that was torn down',
    fix: 'ignore isolated ones; for a stream, find the device (it is usually the one just assigned or reset), update the firmware and kernel, and make sure interrupt remapping is enabled',
    render: render('', '__common_interrupt', 1, 55),
    examples: [ex('[ 1234.567890] __common_interrupt: 1.55 No irq handler for vector', { vector: '55' })],
  },
  // ---- interrupts ----
  {
    id: 'kernel.genirq-flags-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux kernel/irq/manage.c __setup_irq() (the INTx request from drivers/vfio/pci/vfio_pci_intrs.c vfio_intx_set_signal())',
    format: 'genirq: Flags mismatch irq %d. %08x (%s) vs. %08x (%s)\n',
    patterns: [
      /genirq: Flags mismatch irq (?<irq>\d{1,5})\. (?<flags>[0-9a-f]{8}) \((?<name>[^)\n]{1,60}\)?)\) vs\. (?<otherFlags>[0-9a-f]{8}) \((?<other>[^)\n]{1,60})\)/,
    ],
    severity: 'error',
    title: 'An interrupt line could not be shared',
    cause:
      'a driver asked for a legacy (INTx) interrupt line already held by another driver with incompatible flags: vfio-pci requests the line exclusively when the device cannot mask INTx itself (no DisINTx support, or nointxmask=1), so it cannot share the line with a host device — VFIO_DEVICE_SET_IRQS then fails with EBUSY and QEMU reports "Failed to setup INTx fd"',
    fix: 'make the guest use MSI/MSI-X (then INTx is never requested); otherwise move the card to a slot whose INTx line is not shared with a host device (see /proc/interrupts), or unbind the other device',
    refine: (f) =>
      /vfio/.test(f.name ?? '') || /vfio/.test(f.other ?? '')
        ? undefined
        : {
            cause:
              'two drivers asked for the same legacy (INTx) interrupt line with incompatible flags (one exclusive, or different trigger types), so the second request failed',
            fix: 'use MSI where the driver supports it, or move one device so they do not share the line (/proc/interrupts)',
          },
    render: render('', 16, 0, 'vfio-intx(0000:01:00.0)', 0x80, 'ehci_hcd:usb1'),
    examples: [
      ex('genirq: Flags mismatch irq 16. 00000000 (vfio-intx(0000:01:00.0)) vs. 00000080 (ehci_hcd:usb1)', {
        irq: '16',
        other: 'ehci_hcd:usb1',
      }),
    ],
  },
  {
    id: 'cloud-hypervisor.irq-enable-failed',
    source: 'cloud-hypervisor',
    cite: 'cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioPciError::EnableIntx / EnableMsi / EnableMsix; rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError::VfioDeviceEnableIrq / VfioDeviceSetIrq; google/crosvm devices/src/vfio.rs VfioError::VfioIrqEnable',
    format: 'Failed to enable MSI-x',
    versions:
      'Cloud Hypervisor: "Failed to enable INTx" / "Failed to enable MSI" / "Failed to enable MSI-x" (older with ": <cause>"); vfio-ioctls: "failed to enable vfio device irq", "failed to set vfio device irq"; crosvm: "failed to enable vfio deviece\'s irq: %s"',
    patterns: [
      /Failed to enable (?<kind>INTx|MSI-x)\b(?::\s?(?<err>[^\n"]{1,80}))?/,
      // QEMU prints "vfio: Error: Failed to enable MSI" with nothing after it; Cloud Hypervisor's
      // older wording always has ": <cause>"
      /Failed to enable MSI: (?<err>[^\n"]{1,80})/,
      /failed to (?:enable|set) vfio (?:device irq|deviece's irq)(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
    ],
    severity: 'error',
    title: "The VMM could not set up the device's interrupts",
    cause:
      'VFIO_DEVICE_SET_IRQS failed: for INTx the line is shared with a host device and the device cannot mask INTx (dmesg: "genirq: Flags mismatch"), for MSI/MSI-X the host could not allocate the vectors (too many vectors or no interrupt-remapping entries left) or the device\'s MSI-X table is unusable after a failed reset',
    fix: 'read dmesg at the same moment (genirq, DMAR-IR/AMD-Vi lines); for INTx move the card or make the guest use MSI; for MSI-X check the device came back from its last reset',
    refine: (f): Refinement | undefined =>
      f.kind === 'INTx'
        ? {
            cause:
              'VFIO_DEVICE_SET_IRQS for the legacy INTx interrupt failed: the line is shared with a host device and the device cannot mask INTx (no DisINTx), so vfio-pci cannot take the line (dmesg: "genirq: Flags mismatch irq N")',
            fix: 'make the guest use MSI/MSI-X, or move the card to a slot whose INTx line is not shared (/proc/interrupts)',
          }
        : undefined,
    render: render('Error: '),
    examples: [
      ex('Failed to enable MSI-x: failed to enable vfio device irq', { kind: 'MSI-x' }),
      ex('Failed to enable INTx', { kind: 'INTx' }, BUILT),
    ],
  },
];
