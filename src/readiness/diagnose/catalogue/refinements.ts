/**
 * Explanations that depend on a message's facts, for catalogue entries whose one wording covers
 * causes that differ by errno or by power state. Errno values arrive as names (ENOMEM): the engine
 * normalises "Cannot allocate memory", -12 and 12 to one `errno` fact (errno.ts).
 */
import type { Refinement } from '../entry.js';

type Facts = Readonly<Record<string, string>>;

/**
 * VFIO_SET_IOMMU (drivers/vfio/vfio_iommu_type1.c vfio_iommu_type1_attach_group(), and
 * iommu_attach_group() in drivers/iommu/iommu.c): EPERM when the platform lacks interrupt
 * remapping (allow_unsafe_interrupts) or an Intel RMRR locks the device; EBUSY when the group is
 * already attached to a domain other than its default one (another VM or process uses it);
 * ENODEV when no IOMMU serves the device; EINVAL when the IOMMU driver refuses the domain.
 */
export function refineSetIommu(f: Facts): Refinement | undefined {
  switch (f.errno) {
    case 'EPERM':
      return undefined; // the entry's own text is about EPERM
    case 'EBUSY':
      return {
        cause:
          'the group is already attached to another IOMMU domain ("Device or resource busy"): another VM or process uses a device of this group — not an interrupt-remapping problem',
        fix: 'find and stop the other user of the group (`virsh list --all`; `fuser -v /dev/vfio/*`), then start the VM again',
      };
    case 'ENODEV':
      return {
        cause:
          'no IOMMU translates for this device ("No such device"): the IOMMU is off or does not cover the bus the device is on',
        fix: 'enable the IOMMU in the firmware and on the kernel command line (`vfiokit doctor` shows what is missing)',
      };
    case 'EINVAL':
      return {
        cause:
          'the IOMMU driver refused the domain ("Invalid argument"): typically devices behind IOMMUs with different capabilities in one container, or an IOMMU whose address width does not cover the guest',
        fix: "read dmesg at the same moment for the IOMMU driver's reason; assigning the device alone (its own container) often avoids it",
      };
    case 'ENOMEM':
      return {
        cause: 'the kernel could not allocate the IOMMU domain ("Cannot allocate memory")',
        fix: 'free host memory, then start the VM again',
      };
    default:
      return undefined;
  }
}

/**
 * QEMU's vfio_pci_pre_reset() (hw/vfio/pci.c) reads the state from the PM control register. A
 * device that no longer answers config space reads all-ones, whose low bits say D3: so "stuck in
 * D3" is also what a device powered off by the host's runtime PM, or lost after a failed reset,
 * prints. D1/D2 come only from a driver writing them: the guest's.
 */
export function refineStuckInD3(f: Facts): Refinement | undefined {
  if (f.state === '1' || f.state === '2')
    return {
      cause: `the guest driver left the device in D${f.state} and it did not return to D0 before the reset`,
      fix: 'update the guest driver; if it persists the device needs a host power cycle',
    };
  return undefined;
}

const D3COLD_KEEP_POWERED =
  'keep the device powered while it is bound to vfio-pci: options vfio-pci disable_idle_d3=1 (in /etc/modprobe.d/), or echo on > /sys/bus/pci/devices/<address>/power/control; then power-cycle the host to recover this one';

/**
 * pci_dev_wait() (drivers/pci/pci.c) names what it waits after: "FLR" (pcie_flr()), "AF_FLR"
 * (pci_af_flr()), "PM D3hot->D0" (pci_pm_reset()), "bus reset" and "DPC"
 * (pci_bridge_wait_for_secondary_bus() after a secondary bus reset or a containment), "resume"
 * (a bridge or device brought back from D3cold by runtime PM or system resume). The device answers
 * config reads with Configuration Request Retry Status or all ones until it is ready; the kernel
 * polls with a doubling delay up to 60 s (PCIE_RESET_READY_POLL_MS) before giving up.
 */
export function refineResetWait(f: Facts, final: boolean): Refinement | undefined {
  const r = f.reset ?? '';
  const outcome = final
    ? 'it never answered within 60 s, so the kernel gave up: the device is unusable until a power cycle'
    : 'the kernel keeps polling, doubling the wait up to 60 s; a single line can be a slow device that does come back ("ready …ms after"), a run up to 32767ms ends in "giving up"';
  if (r === 'resume')
    return {
      cause: `the device does not answer after the host resumed it from a low-power state (runtime PM put it in D3cold while no driver used it): ${outcome}. The host's power management, not the guest, switched it off`,
      fix: D3COLD_KEEP_POWERED,
    };
  if (/FLR/.test(r))
    return {
      cause: `the device did not respond to config reads after a Function Level Reset (FLR) — it is not ready / does not come back: ${outcome}. Devices with a broken FLR (some Intel iGPUs, NVMe and USB controllers, AMD GPUs) hang here`,
      fix: final
        ? 'power-cycle the host; then stop the kernel using FLR on it: echo bus > /sys/bus/pci/devices/<address>/reset_method (or "pm"), or reset_method device_specific with vendor-reset for AMD GPUs'
        : 'wait for the outcome line; if it ends in "giving up", select another reset method (echo bus or pm > /sys/bus/pci/devices/<address>/reset_method) or use vendor-reset for AMD GPUs',
    };
  if (/bus reset|DPC/.test(r))
    return {
      cause: `the device below the bridge did not respond (not ready, did not come back) after a secondary bus reset${r === 'DPC' ? ' done by Downstream Port Containment' : ''}: ${outcome}. GPUs that do not survive a bus reset (many AMD cards) behave like this`,
      fix: final
        ? 'power-cycle the host; for AMD GPUs use vendor-reset (reset_method device_specific); avoid restarting the VM without a host reboot on cards that do not reset'
        : 'wait for the outcome; for AMD GPUs use vendor-reset instead of the bus reset',
    };
  if (/D3hot/.test(r))
    return {
      cause: `the device did not respond after a PM reset (a D3hot->D0 transition): ${outcome}. The device does not really reset through its power states`,
      fix: 'select another reset method (echo flr or bus > /sys/bus/pci/devices/<address>/reset_method); power-cycle the host to recover',
    };
  return undefined;
}

/**
 * The AER status register printed as "error status/mask=%08x/%08x" is the correctable or the
 * uncorrectable one (the line does not say which; the "PCIe Bus Error: severity=" line above it
 * does). Bits defined in one register only name their error unambiguously (PCIe Base spec 7.8.4:
 * uncorrectable 4 DLP, 5 Surprise Down, 16–26; correctable 0 Receiver Error, 6 Bad TLP, 7 Bad DLLP,
 * 8 REPLAY_NUM Rollover); bits 12–15 exist in both and are given with both meanings.
 */
const AER_STATUS_BITS: Record<number, string> = {
  0: 'Receiver Error (correctable: link signal quality)',
  4: 'Data Link Protocol Error (uncorrectable)',
  5: 'Surprise Down (uncorrectable): the link to the device went down, the device fell off the bus',
  6: 'Bad TLP (correctable: link signal quality)',
  7: 'Bad DLLP (correctable: link signal quality)',
  8: 'REPLAY_NUM Rollover (correctable: an unreliable link)',
  12: 'Replay Timer Timeout if correctable (an unreliable link), Poisoned TLP if uncorrectable',
  13: 'Advisory Non-Fatal if correctable, Flow Control Protocol Error if uncorrectable',
  14: 'Corrected Internal Error if correctable, Completion Timeout if uncorrectable (the device stopped answering)',
  15: 'Header Log Overflow if correctable, Completer Abort if uncorrectable',
  16: 'Unexpected Completion (uncorrectable)',
  17: 'Receiver Overflow (uncorrectable)',
  18: 'Malformed TLP (uncorrectable)',
  19: 'ECRC Error (uncorrectable)',
  20: 'Unsupported Request (uncorrectable: an access the device does not accept, e.g. while it resets)',
  21: "ACS Violation (uncorrectable: a transaction blocked by the port's isolation)",
  22: 'Uncorrectable Internal Error',
};

export function refineAerStatus(f: Facts): Refinement | undefined {
  const status = Number.parseInt(f.status ?? '', 16);
  if (!Number.isFinite(status) || status === 0) return undefined;
  const named = Object.entries(AER_STATUS_BITS)
    .filter(([bit]) => (status & (1 << Number(bit))) !== 0)
    .map(([bit, what]) => `bit ${bit}: ${what}`);
  if (named.length === 0) return undefined;
  return {
    cause: `the error status bits of an AER (PCIe Advanced Error Reporting) report for device ${f.vendor}:${f.deviceId} — ${named.join('; ')}. The "PCIe Bus Error: severity=…" line above says whether it is the correctable or the uncorrectable register: correctable bits are link signal quality the hardware fixed, uncorrectable ones mean lost transactions, often a device not answering around a reset`,
  };
}

/**
 * AMD IOMMU IO_PAGE_FAULT flags (AMD I/O Virtualization Technology spec, event log entry; the
 * kernel's EVENT_FLAG_RW 0x020 and EVENT_FLAG_I 0x008 in drivers/iommu/amd/amd_iommu_types.h):
 * 0x010 PR (the page was present), 0x020 RW (a write), 0x040 PE (permission violation), 0x008 I
 * (an interrupt request, not memory). Absent PR means no mapping at that address.
 */
export function refineAmdPageFault(f: Facts): Refinement | undefined {
  if (f.flags === undefined) return undefined;
  const flags = Number.parseInt(f.flags, 16);
  if (!Number.isFinite(flags)) return undefined;
  const write = (flags & 0x20) !== 0;
  const present = (flags & 0x10) !== 0;
  const perm = (flags & 0x40) !== 0;
  if ((flags & 0x08) !== 0)
    return {
      cause: `the AMD IOMMU blocked an interrupt request (flags ${f.flags}: I) from the device: its MSI was not allowed by the interrupt remapping table — an interrupt set up by a previous owner, or a device signalling after its interrupts were torn down (reset, VM stop)`,
    };
  const op = write ? 'write' : 'read';
  const what =
    present && perm
      ? `the IOMMU page table has no mapping that allows this ${op} at ${f.address ?? 'that address'} (the flags report a permission violation: an entry exists but not with ${op} access, or the address is not mapped for this device)`
      : `nothing is mapped at ${f.address ?? 'that address'} in the device's IOMMU domain (no page-table entry, no translation)${f.domain === '0x0000' ? ' (domain 0x0000: the device was not attached to a translation domain at that moment, e.g. while it changed drivers or before the kernel set it up)' : ''}`;
  return {
    cause: `a device DMA ${op} was blocked by the AMD IOMMU (I/O page fault, flags ${f.flags}): ${what}. Causes: a driver (host or guest) using a stale or wrong DMA address, DMA still running during a reset or a hand-over between host and VM, or firmware DMA the IVRS table does not describe`,
  };
}

/** What every corrected AER report shares: the hardware recovered, so one alone is harmless. */
const CORRECTED_NOT_HARMLESS =
  'Not harmless when they flood the log (hundreds a second cost CPU time and hide other lines), when they grow into uncorrectable errors or a link going down, or when a passed-through device slows down or its guest driver resets while they appear';

/**
 * A corrected AER report (drivers/pci/pcie/aer.c aer_print_error()) by the layer the error was
 * detected in, as the PCIe Base Specification sorts the correctable status bits: the Physical
 * Layer has only Receiver Error; the Data Link Layer has Bad TLP, Bad DLLP, REPLAY_NUM Rollover
 * and Replay Timer Timeout (a corrupted packet the link retransmitted); the Transaction Layer's
 * correctable errors are Advisory Non-Fatal (an uncorrectable condition the device was allowed to
 * report as correctable, such as an Unsupported Request or a completion timeout it retried),
 * Corrected Internal Error and Header Log Overflow.
 */
export function correctedAerByLayer(f: Facts): Refinement {
  const layer = f.type ?? '';
  const base = { severity: 'info' as const };
  if (/Physical/.test(layer))
    return {
      ...base,
      title: 'Corrected PCIe receiver error (harmless noise unless it floods the log)',
      cause: `the receiver at one end of the link saw a bit error on the wire (RxErr) and the link's retry mechanism resent the data: nothing was lost. Occasional ones are normal on fast links (PCIe 4.0/5.0), and many boards report a burst at boot or when ASPM moves the link in and out of low power. ${CORRECTED_NOT_HARMLESS}`,
      fix: 'ignore occasional ones. For a steady stream: reseat the card, remove risers or extension cables (or set that slot to PCIe 3.0 in the firmware setup), try pcie_aspm=off; pci=noaer only hides the reports, it does not fix the link',
    };
  if (/Data Link/.test(layer))
    return {
      ...base,
      title: 'Corrected PCIe link error: a packet was corrupted and resent',
      cause: `a packet arrived damaged (BadTLP, BadDLLP) or was not acknowledged in time (Replay Timer Timeout, REPLAY_NUM Rollover), and the data link layer retransmitted it: nothing was lost, but each retry costs bandwidth and latency. Single ones are harmless; a steady stream means a marginal link (signal quality at PCIe 4.0/5.0 through a riser or extension cable, a dirty or badly seated card) and often comes before the link drops. ${CORRECTED_NOT_HARMLESS}`,
      fix: 'ignore occasional ones. For a steady stream: reseat the card, remove the riser or cable or set the slot to a lower PCIe generation in the firmware, try pcie_aspm=off; the bit lines that follow name the error',
    };
  if (/Transaction/.test(layer))
    return {
      ...base,
      title: 'Corrected PCIe error reported by a device (advisory)',
      cause: `a device reported a transaction-layer error as correctable: mostly Advisory Non-Fatal, an uncorrectable condition (an Unsupported Request, a completion timeout the requester retried) the device was allowed to downgrade, or a Corrected Internal Error inside the device. Around a VM start or stop it is typically a device accessed while it was resetting or powered down; one alone is harmless. ${CORRECTED_NOT_HARMLESS}`,
      fix: 'ignore single ones; the bit lines that follow name the error ("[13] NonFatalErr" is Advisory Non-Fatal). If they repeat at every VM start or stop, check that the device resets cleanly (its reset method, vendor-reset for AMD GPUs)',
    };
  return {
    ...base,
    title: 'Corrected PCIe error (harmless unless it floods the log)',
    cause: `a link error the hardware corrected by itself (receiver error, bad TLP/DLLP, replay): nothing was lost. ${CORRECTED_NOT_HARMLESS}`,
    fix: 'ignore single ones; for a flood reseat the card, avoid risers, try pcie_aspm=off or another slot; pci=noaer only hides the reports',
  };
}
