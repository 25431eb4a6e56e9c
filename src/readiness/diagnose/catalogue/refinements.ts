/**
 * Explanations that depend on a message's facts, for catalogue entries whose one wording covers
 * causes that differ by errno or by power state. Errno values arrive as names (ENOMEM): the engine
 * normalises "Cannot allocate memory", -12 and 12 to one `errno` fact (errno.ts).
 */
import type { Facts, Refinement } from '../entry.js';

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
      cause: `the device did not respond to config reads after a Function Level Reset (FLR) — it is not ready / does not come back: ${outcome}. Devices with a broken FLR (some Intel iGPUs, NVMe and USB controllers, AMD GPUs) hang here. The other cause is a device that is gone: surprise-removed or hot-unplugged (or its link went down) during the reset, so every config read returns all ones and the kernel polls a device that can no longer answer until the timeout`,
      fix: final
        ? 'power-cycle the host; then stop the kernel using FLR on it: echo bus > /sys/bus/pci/devices/<address>/reset_method (or "pm"), or reset_method device_specific with vendor-reset for AMD GPUs'
        : 'wait for the outcome line; if it ends in "giving up", select another reset method (echo bus or pm > /sys/bus/pci/devices/<address>/reset_method) or use vendor-reset for AMD GPUs',
    };
  if (/bus reset|DPC/.test(r))
    return {
      cause: `the device below the bridge did not respond (not ready, did not come back) after a secondary bus reset${r === 'DPC' ? ' done by Downstream Port Containment' : ''}: ${outcome}. Devices that do not recover from a secondary bus reset behave like this: the link does not come back until power is removed — a hardware flaw the kernel handles with a no-bus-reset quirk (PCI_DEV_FLAGS_NO_BUS_RESET in drivers/pci/quirks.c, e.g. for several Atheros Wi-Fi chips) where it is known, and many AMD GPUs. So does a device that was surprise-removed or hot-unplugged meanwhile (its config reads return all ones until the timeout)`,
      fix: final
        ? "power-cycle the host; for AMD GPUs use vendor-reset (reset_method device_specific); for another device that never survives a bus reset, keep bus reset away from it: writing reset_method only changes the per-function reset, while VFIO's hot reset (QEMU resetting the VM) resets the bus anyway — only the kernel's no-bus-reset quirk for the device stops that, so report the device (vendor:device ID) to linux-pci for one; meanwhile avoid restarting the VM without a host reboot"
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
      cause: `the AMD IOMMU blocked an interrupt request (flags ${f.flags}: I) from the device: its MSI was not allowed by the interrupt remapping table — an interrupt set up by a previous owner, a device signalling after its interrupts were torn down (reset, VM stop), or, for devices assigned to VMs, a problem of the interrupt remapping mode: with AMD's guest virtual APIC mode (GA/vAPIC, used with AVIC to post device interrupts straight to vCPUs) some kernels and platforms fault on the interrupt window under load`,
      fix: 'if it happens while a passed-through device is busy (and the device or its guest driver hangs), boot the host with amd_iommu_intr=legacy (legacy interrupt remapping, no posted interrupts; or kvm_amd.avic=0) to test the interrupt remapping mode, and update the host kernel and BIOS; single lines at a reset or VM stop are harmless',
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

/**
 * The fault reason of a VT-d fault record as a number. drivers/iommu/intel/dmar.c
 * dmar_fault_do_one() prints it as "0x%02x" since Linux 5.12 and as "%02d" (decimal) before, so
 * "[fault reason 12]" of an old kernel is reason 0x0c and "[fault reason 34]" is 0x22. Without the
 * "0x" a value with a hex letter can only be hex.
 */
export function faultReasonCode(f: Facts): number | undefined {
  const r = f.reason;
  if (!r) return undefined;
  const hex = f.reasonHex === '0x' || /[a-fA-F]/.test(r);
  const n = Number.parseInt(r, hex ? 16 : 10);
  return Number.isNaN(n) ? undefined : n;
}

/** Scalable-mode reasons (0x30+) that say an entry on the way to the page table is absent. */
const SM_NOT_ATTACHED = new Set([0x38, 0x39, 0x40, 0x41, 0x44, 0x45, 0x50, 0x51, 0x58, 0x59]);
/** Scalable-mode reasons that say the address is not mapped, or not for that access. */
const SM_NOT_MAPPED = new Set([0x70, 0x71, 0x75, 0x76, 0x77, 0x79, 0x85, 0x86]);

/**
 * What a VT-d DMA fault means by its reason (the dma_remap_fault_reasons[] and
 * dma_remap_sm_fault_reasons[] tables of drivers/iommu/intel/dmar.c): no context entry (01/02 and
 * the scalable-mode "Present bit ... is clear" codes), no mapping for the address (05/06 and the
 * scalable-mode first/second-level permission codes), an address past the IOMMU's width (04), or
 * broken translation tables (03, 07-0c and the scalable-mode reserved-field codes).
 */
export function refineDmarFault(f: Facts): Refinement | undefined {
  const code = faultReasonCode(f);
  if (code === undefined) return undefined;
  if (code === 0x01 || code === 0x02 || SM_NOT_ATTACHED.has(code))
    return {
      cause: `the device sent DMA with a requester id that has no ${code >= 0x30 ? 'scalable-mode root, context or PASID entry' : 'context entry ("Present bit in context/root entry is clear")'}: it is not attached to any domain, or it uses an alias requester id (a device behind a PCIe-to-PCI bridge, or a function that DMAs as another function, e.g. Marvell SATA/Ricoh quirks). Between unbinding a device from its host driver and QEMU attaching it, a device still running (a GPU scanning out, a NIC receiving) produces exactly these`,
      fix: 'if the device works anyway, the faults come from a phantom/alias function: the kernel may need a DMA-alias quirk for it (report it to linux-pci); put the card in a slot without a PCI bridge in between; faults only around VM start or stop are the hand-over of a device that was not quiesced',
    };
  if (
    code === 0x03 ||
    (code >= 0x07 && code <= 0x0c) ||
    code === 0x42 ||
    code === 0x43 ||
    code === 0x52 ||
    code === 0x5a ||
    code === 0x5b ||
    code === 0x7a ||
    code === 0x7b
  )
    return {
      cause:
        'the IOMMU page table for this device is invalid at the faulting address ("Next page table ptr is invalid" / "Invalid context entry" / reserved fields set): often firmware DMA at boot before the kernel took over, a kdump/kexec kernel inheriting the tables of the previous one, or a device still running from the previous owner after a hand-over',
    };
  if (code === 0x04 || code === 0x74 || code === 0x83 || code === 0x84)
    return {
      cause:
        'the device used a DMA address beyond the address width the IOMMU translates ("Access beyond MGAW"): a driver or guest programming an address the IOMMU cannot map, typically a 64-bit address above the 39/48-bit width',
      fix: 'check the guest address space against the IOMMU width (dmesg "DMAR: Host address width"); for a guest, lower maxmem or the 64-bit PCI window',
    };
  if (code === 0x0d)
    return {
      cause:
        'the device asked the IOMMU to translate an address for its own cache (an ATS translation request) and the context entry says ATS is blocked for it ("PCE for translation request specifies blocking"): the device uses ATS although the kernel did not enable it for this domain',
      fix: 'usually a device or firmware bug; `pci=noats` on the host stops devices from using ATS',
    };
  const write = code === 0x05 || code === 0x77 || code === 0x85;
  const read = code === 0x06 || code === 0x75 || code === 0x76 || code === 0x86;
  if ((write || read || SM_NOT_MAPPED.has(code)) && f.bdf !== '0000:00:02.0') {
    const dir = write ? 'write' : read ? 'read' : 'access';
    return {
      cause: `the IOMMU blocked a DMA ${dir} by this device: the page-table entry for that address ${write || read ? `does not grant ${dir} access ("${code < 0x30 ? `PTE ${write ? 'Write' : 'Read'} access is not set` : (f.text ?? '').trim()}")` : 'is not present'} — the address is not mapped for the device at all (a stale address used after unmap or after a reset, DMA while the device changes owner between host and VM) or mapped for the other direction only`,
      fix: 'a few faults while a VM starts or stops are the hand-over; a steady stream while running is a driver (host or guest) bug or a device that needs a quirk: update the driver/firmware; iommu=pt only helps host-owned devices',
    };
  }
  return undefined;
}

/**
 * What a VT-d interrupt-remapping fault means by its reason (irq_remap_fault_reasons[] of
 * drivers/iommu/intel/dmar.c, codes 0x20-0x26).
 */
export function refineIntrRemapFault(f: Facts): Refinement | undefined {
  switch (faultReasonCode(f)) {
    case 0x20:
    case 0x24:
      return {
        cause:
          'the interrupt request or its remapping-table entry (IRTE) has reserved fields set: a device or its firmware writes a malformed MSI, or the table entry was corrupted. Not a VFIO configuration problem',
        fix: 'update the device firmware and the BIOS; report it with the device named if it persists',
      };
    case 0x21:
      return {
        cause:
          'the interrupt named an index past the end of the interrupt-remapping table: the device uses an MSI address/data it was never given (programmed by a guest driver that bypassed the emulated MSI, or left over from before a reset)',
        fix: 'check that the guest driver uses MSI through the emulated capability (no direct writes to the MSI registers through a BAR quirk); a reset of the device before the VM starts clears old values',
      };
    case 0x22:
      return {
        cause:
          'the interrupt-remapping entry the device used is not present: its vector was torn down (the VM stopped, the guest disabled MSI, the host driver unbound) while the device still fires it. Isolated lines at VM start, stop or reset are this hand-over',
        fix: 'isolated lines are harmless; a stream while the VM runs means the guest driver disabled the interrupt without quiescing the device',
      };
    case 0x23:
      return {
        cause:
          'the IOMMU could not read the interrupt-remapping table at the address in IRTA_REG: the table is not set up (a kexec/kdump kernel before it reprograms the IOMMU) or memory is failing',
        fix: 'after a kdump this is expected; otherwise update the BIOS and check memory errors in the log',
      };
    case 0x25:
      return {
        cause:
          "the IOMMU blocked an interrupt in the old compatibility format: remapping runs with compatibility-format interrupts off, and something still sends one. When the named device is assigned to a VM, the device itself is the usual source: the guest sees a virtual MSI capability, and a guest driver that copies the guest's MSI address/data it reads there into the device by another path (its firmware or its own registers, as ath11k/ath12k Wi-Fi cards and some accelerators do) makes the device send the guest's untranslated MSI message instead of the remappable one vfio-pci set up. Without a VM: the BIOS or SMM code, an IOAPIC entry or an MSI programmed before the kernel turned remapping on",
        fix: "for an assigned device: the device's guest driver must take its MSI address/data from the host (this needs a guest driver or QEMU support for that device; for ath11k/ath12k see the upstream patches for MSI in VMs) — until then the device's interrupts do not work in the guest; without a VM: update the BIOS. `intremap=off` is a diagnosis aid only (it removes the isolation VFIO relies on)",
      };
    case 0x26:
      return {
        cause:
          'the interrupt came with a requester id other than the one its remapping entry allows (source-id verification failed): the device uses a DMA alias (behind a PCIe-to-PCI bridge, or a function that sends as another function), or a device the kernel does not know about sends it',
        fix: 'for devices behind a bridge this needs a DMA-alias quirk; `intremap=nosid` turns the check off as a workaround, at the cost of weaker isolation',
      };
    default:
      return undefined;
  }
}

/**
 * VFIO_IOMMU_MAP_DMA's ENOSPC, wherever a VMM reports it: vfio_iommu_type1 counts the mappings of a
 * container against dma_entry_limit (vfio_dma_do_map(): -ENOSPC when dma_avail is 0).
 */
export const DMA_ENTRY_LIMIT: Refinement = {
  cause:
    'ENOSPC: vfio_iommu_type1 allows at most dma_entry_limit (65535 by default) mappings per container and they ran out: guest RAM split into many small pieces (virtio-mem blocks, a vIOMMU mapping page by page), or a user inside QEMU that maps I/O buffers one by one — its userspace NVMe block driver (-drive file.driver=nvme, nvme:// over vfio-pci) maps each request\'s buffer and, in releases without its flush-and-retry on ENOSPC, exhausts the limit under load. With that driver in current releases one such line while the VM keeps running is expected and harmless: the driver treats the first ENOSPC as its cue to flush its temporary mappings and retry, and QEMU before 6.2 printed that first, expected failure anyway (6.2: "block/nvme: Only report VFIO error on failed retry")',
  fix: "if the VM keeps running and QEMU's NVMe block driver is in use, nothing to do (QEMU 6.2+ stays quiet); otherwise back guest RAM with hugepages, use larger virtio-mem block-size, or raise the limit: options vfio_iommu_type1 dma_entry_limit=N; for QEMU's NVMe block driver use a release that flushes its mappings and retries on ENOSPC",
};
