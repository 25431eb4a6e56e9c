/**
 * IOMMU faults, start-up and grouping lines the earlier sweeps (kernel.ts, kernel-iommu.ts,
 * kernel-sweep.ts, reset-faults.ts, igd-iommu-init-sweep.ts) left unrecognised: the page-table
 * dump VT-d prints after a DMA fault, the Arm SMMU's global errors and queue failures (v2
 * arm-smmu.c, v3 arm-smmu-v3.c), the RMRR identity maps older Intel kernels announce at boot,
 * the peer-to-peer DMA refusals of drivers/pci/p2pdma.c and the ACS redirect controls of
 * drivers/pci/pci.c (pci=disable_acs_redir=, pci=config_acs=), the x2APIC mode lines that tell
 * whether interrupt remapping is on, and a few old AMD-Vi boot lines. Every entry cites the file
 * and function printing its format.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const SMMU_V3 = 'torvalds/linux drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c';
const SMMU_V2 = 'torvalds/linux drivers/iommu/arm/arm-smmu/arm-smmu.c';
const INTEL_IOMMU = 'torvalds/linux drivers/iommu/intel/iommu.c';
const PCI_C = 'torvalds/linux drivers/pci/pci.c';
const P2PDMA = 'torvalds/linux drivers/pci/p2pdma.c';

/**
 * Which part of the VT-d fault dump a line is, and what its absence says: a missing root, context
 * or PASID entry means the device is not attached to any domain; a missing page-table level means
 * the address was never mapped (or was unmapped) in the domain the device is attached to.
 */
function refinePteDump(f: Facts): Refinement | undefined {
  const what = f.missing ?? '';
  if (/^(?:root|context|pasid|legacy mode page|scalable mode page)/.test(what))
    return {
      cause: `the walk stopped at the first level: the ${what} is not present, so the device that faulted is not attached to any IOMMU domain (no driver owns it, it is between a host driver and vfio-pci, or it DMAs with an alias requester id). The fault line above it names the device`,
      fix: 'a device that DMAs while it has no owner was left running by its previous driver: reset it before assigning it (or let vfio-pci do so), and check that no host driver re-binds it',
    };
  if (/not present at level/.test(what))
    return {
      cause:
        "the walk reached the domain's page table and found no entry for the faulting address at this level: the address is not mapped for the device (a guest address the VM never gave it, a buffer already unmapped, or DMA left over from before a reset)",
    };
  return undefined;
}

/** What an Arm SMMUv3 command-queue error means by the CERROR the driver names. */
function refineCmdqError(f: Facts): Refinement | undefined {
  switch (f.reason) {
    case 'ATC invalidate timeout':
      return {
        cause:
          'a device with an address-translation cache (ATS) did not answer an invalidation in time: the endpoint is hung, was reset or powered down under the SMMU, or its link went down. With an assigned device this follows a device that a guest left in a bad state or that dropped off the bus',
        fix: 'check the device (lspci -vvv for its link, dmesg for AER or "not ready" lines); `pci=noats` keeps devices from using ATS, at some DMA cost',
      };
    case 'Abort on command fetch':
      return {
        cause:
          "the SMMU could not read its own command queue from memory (a bus abort): a memory or interconnect error on the host, or firmware that mapped the queue's memory wrong. The driver retries the fetch",
        fix: 'look for memory or bus errors (RAS/EDAC lines) around it and update the firmware; not caused by the VM configuration',
      };
    default:
      return undefined;
  }
}

/** GERROR bits (arm_smmu_gerror_handler()): Service Failure Mode is the one that stops the SMMU. */
function refineGerror(f: Facts): Refinement | undefined {
  if (f.sub === 'device has entered Service Failure Mode!')
    return {
      severity: 'error',
      title: 'The Arm SMMUv3 entered Service Failure Mode and was disabled',
      cause:
        'the SMMU signalled an unrecoverable internal error (Service Failure Mode) and the driver disabled it: every device behind it loses DMA translation, so assigned devices and VMs using them stop working',
      fix: 'reboot the host; update the firmware of the platform (SMMU errata are fixed there and in the kernel); report it to the platform vendor with this log',
    };
  if (f.sub && /write aborted -- events may have been lost/.test(f.sub))
    return {
      cause:
        "the SMMU could not write an event or page-request record to memory (a bus abort), so fault records were lost: a memory or interconnect problem, or the queue's memory was mapped wrong by firmware",
    };
  return undefined;
}

/**
 * Devices whose RMRR Linux lets go of (drivers/iommu/intel/iommu.c device_rmrr_is_relaxable():
 * USB and graphics): on Intel platforms those sit at these addresses. Any other device with an
 * RMRR cannot be assigned since Linux 3.17.
 */
const RELAXABLE_RMRR: Readonly<Record<string, string>> = {
  '0000:00:02.0': 'the integrated graphics (IGD)',
  '0000:00:14.0': 'the USB 3 (xHCI) controller',
  '0000:00:1a.0': 'a USB 2 (EHCI) controller',
  '0000:00:1d.0': 'a USB 2 (EHCI) controller',
};

function refineRmrrIdentity(f: Facts): Refinement | undefined {
  if (f.lpc)
    return {
      cause:
        'the kernel maps the first 16 MiB 1:1 for the LPC/ISA bridge (00:1f.0), whose legacy DMA (floppy, old ISA devices) cannot be translated; routine on older kernels, and the LPC bridge is never a device to assign',
    };
  if (!f.bdf) return undefined;
  const relaxable = RELAXABLE_RMRR[f.bdf];
  if (relaxable)
    return {
      cause: `the firmware reserves this range for ${f.bdf}, which on Intel chipsets is usually ${relaxable}: USB and graphics are the two classes whose RMRR Linux relaxes (device_rmrr_is_relaxable()), so the device can still be assigned; the range only stays mapped while the host owns it`,
    };
  return {
    severity: 'warning',
    cause: `the firmware reserves this memory range (an RMRR in the DMAR table) for ${f.bdf}, and it is not a USB or graphics device: since Linux 3.17 such a device cannot be attached to a VFIO domain, and assigning it fails with "Device is ineligible for IOMMU domain attach due to platform RMRR requirement" (or, 6.3+, "Firmware has requested this device have a 1:1 IOMMU mapping")`,
    fix: 'if this device is the one to assign: update the firmware or turn off the vendor feature using it (HP "Shared Memory Features", iLO/iDRAC monitoring of the slot), or move the card to a slot no RMRR names; otherwise nothing to do',
  };
}

export const IOMMU_FAULT_SWEEP_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.dmar-fault-pte-dump',
    source: 'kernel',
    cite: `${INTEL_IOMMU} dmar_fault_dump_ptes() / pgtable_walk()`,
    format: 'Dump %s table entries for IOVA 0x%llx\n',
    versions:
      'Linux 5.19+ with CONFIG_DMAR_DEBUG (Fedora, Ubuntu and others build it in), printed after each DMA fault; the other lines: "root entry: 0x%016llx", "scalable mode root entry: hi 0x%016llx, low 0x%016llx", "context entry: hi 0x%016llx, low 0x%016llx", "pasid dir entry: 0x%016llx", "pasid table entry[%d]: 0x%016llx", "pte level: %d, pte value: 0x%016llx", and where the walk stops "root table is not present", "context table is not present", "legacy mode page table is not present", "pasid directory entry is not present", "pasid table entry is not present", "scalable mode page table is not present", "page table not present at level %d" (6.12+; before: "PTE not present at level %d", "root table entry is not present", "context table entry is not present")',
    patterns: [
      /DMAR: (?:Dump (?<iommu>dmar\d{1,3}) table entries for IOVA 0x(?<iova>[0-9a-fA-F]{1,16})|(?:scalable mode )?root entry: (?:hi )?0x[0-9a-fA-F]{16}|context entry: hi 0x[0-9a-fA-F]{16}|pasid dir entry: 0x[0-9a-fA-F]{16}|pasid table entry\[\d{1,2}\]: 0x[0-9a-fA-F]{16}|pte level: \d, pte value: 0x[0-9a-fA-F]{16})/,
      /DMAR: (?<missing>(?:root|context) table (?:entry )?is not present|legacy mode page table is not present|pasid directory entry is not present|pasid table entry is not present|scalable mode page table is not present|(?:page table|PTE) not present at level \d)/,
    ],
    severity: 'info',
    title: 'VT-d dumps the translation tables for the DMA fault above',
    cause:
      'after a DMA fault the Intel IOMMU driver walks the translation structures for the faulting device and address (root entry, context entry, PASID entries in scalable mode, then the page table level by level) and prints each entry. The dump is detail for the "[DMA Read/Write …] Request device … fault addr" line before it; where the walk stops says what was missing',
    fix: 'read the fault line above (vfiokit explains it by its reason); the dump itself needs no action',
    refine: refinePteDump,
    render: render('DMAR: ', 'dmar0', 0x7c346000),
    examples: [
      ex('[  442.235611] DMAR: Dump dmar0 table entries for IOVA 0x7c346000', {
        iommu: 'dmar0',
        iova: '7c346000',
      }),
      ex('[  442.300742] DMAR: PTE not present at level 2', { missing: 'PTE not present at level 2' }),
      ex('[  357.254824] DMAR: scalable mode page table is not present', {
        missing: 'scalable mode page table is not present',
      }),
      ex('DMAR: pte level: 4, pte value: 0x000000010c3d3003'),
    ],
  },
  {
    id: 'kernel.arm-smmu-v3-evtq-overflow',
    source: 'kernel',
    cite: `${SMMU_V3} arm_smmu_evtq_thread()`,
    format: 'EVTQ overflow detected -- events lost\n',
    versions:
      'the page-request queue has the same line: "PRIQ overflow detected -- requests lost" (arm_smmu_priq_thread())',
    patterns: [/(?<queue>EVTQ|PRIQ) overflow detected -- (?:events|requests) lost/],
    severity: 'warning',
    title: 'The Arm SMMUv3 event queue overflowed; fault records were lost',
    cause:
      'devices produced SMMU events (translation faults, mostly) faster than the kernel drained the queue, so some were dropped. Almost always a device doing DMA to addresses it has no mapping for, over and over: a guest driver using a stale address, a device left running across a hand-over, or a device behind the SMMU that firmware never described',
    fix: 'read the "event 0x.. received" (or "event: F_…") lines around it for the stream id and address of the device responsible; stop what drives it, and reset the device before giving it to the VM',
    render: render('arm-smmu-v3 arm-smmu-v3.0.auto: '),
    examples: [
      ex('[ 3265.542672] arm-smmu-v3 8806000000.iommu: EVTQ overflow detected -- events lost', {
        queue: 'EVTQ',
      }),
    ],
  },
  {
    id: 'kernel.arm-smmu-v3-cmd-sync-timeout',
    source: 'kernel',
    cite: `${SMMU_V3} arm_smmu_cmdq_issue_cmdlist()`,
    format: 'CMD_SYNC timeout at 0x%08x [hwprod 0x%08x, hwcons 0x%08x]\n',
    versions:
      'Linux 5.3+ (lock-free command queue); older kernels print "CMD_SYNC timeout" from __arm_smmu_cmdq_issue_sync()',
    patterns: [
      /CMD_SYNC timeout(?: at 0x(?<prod>[0-9a-fA-F]{8}) \[hwprod 0x(?<hwprod>[0-9a-fA-F]{8}), hwcons 0x(?<hwcons>[0-9a-fA-F]{8})\])?/,
    ],
    severity: 'error',
    title: 'The Arm SMMUv3 stopped completing commands (CMD_SYNC timeout)',
    cause:
      'the SMMU did not consume its command queue up to the sync point in time, so invalidations (and with them unmaps, device attach and detach) may not have taken effect. The SMMU is stalled: on a command it cannot complete (an ATC invalidation a hung ATS device never answers), after a command-queue error, or a platform erratum',
    fix: 'look just before it for "CMDQ error" or an ATS device that dropped off the bus; reset or remove that device; if it recurs, update the platform firmware and kernel (SMMU errata workarounds) and report it',
    render: render('arm-smmu-v3 arm-smmu-v3.0.auto: ', 0x146, 0x146, 0),
    examples: [
      ex(
        'arm-smmu-v3 arm-smmu-v3.0.auto: CMD_SYNC timeout at 0x00000146 [hwprod 0x00000146, hwcons 0x00000000]',
        {
          prod: '00000146',
          hwcons: '00000000',
        },
      ),
    ],
  },
  {
    id: 'kernel.arm-smmu-v3-cmdq-error',
    source: 'kernel',
    cite: `${SMMU_V3} __arm_smmu_cmdq_skip_err()`,
    format: 'CMDQ error (cons 0x%08x): %s\n',
    versions:
      'the reason is "Illegal command", "Abort on command fetch" (followed by "retrying command fetch") or, since Linux 5.2, "ATC invalidate timeout"; an illegal command is followed by "skipping command in error state:" and the command\'s words',
    patterns: [
      /CMDQ error \(cons 0x(?<cons>[0-9a-fA-F]{8})\): (?<reason>Illegal command|Abort on command fetch|ATC invalidate timeout|No error|Unknown)/,
      /arm-smmu-v3 \S{1,64}: (?<skip>skipping command in error state:|retrying command fetch)/,
    ],
    severity: 'error',
    title: 'The Arm SMMUv3 rejected a command from its queue',
    cause:
      'the SMMU stopped on a command it could not execute ("Illegal command": a command the hardware does not support or a malformed one, usually a driver/hardware mismatch or an erratum); the driver replaces it with a no-op and goes on, so the invalidation it carried did not happen',
    fix: 'update the kernel and platform firmware; report it with the SMMU model and the skipped command words that follow',
    refine: refineCmdqError,
    render: render('arm-smmu-v3 arm-smmu-v3.0.auto: ', 0x01000014, 'Illegal command'),
    examples: [
      ex('arm-smmu-v3 arm-smmu-v3.0.auto: CMDQ error (cons 0x01000014): Illegal command', {
        reason: 'Illegal command',
      }),
      ex('arm-smmu-v3 arm-smmu-v3.0.auto: CMDQ error (cons 0x03000c2e): ATC invalidate timeout', {
        reason: 'ATC invalidate timeout',
      }),
    ],
  },
  {
    id: 'kernel.arm-smmu-v3-global-error',
    source: 'kernel',
    cite: `${SMMU_V3} arm_smmu_gerror_handler()`,
    format: 'unexpected global error reported (0x%08x), this could be serious\n',
    versions:
      'followed by one line per GERROR bit: "device has entered Service Failure Mode!", "GERROR MSI write aborted", "PRIQ MSI write aborted", "EVTQ MSI write aborted", "CMDQ MSI write aborted", "PRIQ write aborted -- events may have been lost", "EVTQ write aborted -- events may have been lost" (a command-queue error prints "CMDQ error …" instead)',
    patterns: [
      /unexpected global error reported \(0x(?<gerror>[0-9a-fA-F]{8})\), this could be serious/,
      /arm-smmu-v3 \S{1,64}: (?<sub>device has entered Service Failure Mode!|(?:GERROR|PRIQ|EVTQ|CMDQ) MSI write aborted|(?:PRIQ|EVTQ) write aborted -- events may have been lost)/,
    ],
    severity: 'warning',
    title: 'The Arm SMMUv3 reported a global error',
    cause:
      "the SMMU raised its global error interrupt: the bits it set say what failed (the next lines name them): a command-queue error, a queue or MSI write to memory that aborted, or Service Failure Mode. These are SMMU or platform faults, not a device's translation fault",
    fix: 'read the lines that follow; if they name Service Failure Mode or repeat, update the platform firmware and kernel and report it',
    refine: refineGerror,
    render: render('arm-smmu-v3 arm-smmu-v3.0.auto: ', 1),
    examples: [
      ex(
        'arm-smmu-v3 arm-smmu-v3.0.auto: unexpected global error reported (0x00000001), this could be serious',
        {
          gerror: '00000001',
        },
      ),
      ex('arm-smmu-v3 arm-smmu-v3.0.auto: device has entered Service Failure Mode!', {
        sub: 'device has entered Service Failure Mode!',
      }),
    ],
  },
  {
    id: 'kernel.arm-smmu-blocked-stream-id',
    source: 'kernel',
    cite: `${SMMU_V2} arm_smmu_global_fault()`,
    format:
      'Blocked unknown Stream ID 0x%hx; boot with "arm-smmu.disable_bypass=0" to allow, but this may have security implications\n',
    versions:
      'Linux 4.19+ (CONFIG_ARM_SMMU_DISABLE_BYPASS_BY_DEFAULT); followed by the "\\tGFSR 0x%08x, GFSYNR0 …" register line',
    patterns: [
      /Blocked unknown Stream ID 0x(?<sid>[0-9a-fA-F]{1,4}); boot with "arm-smmu(?:-mod)?\.disable_bypass=0"/,
    ],
    severity: 'error',
    title: 'The Arm SMMU blocked DMA from a stream id no driver set up',
    cause:
      "a device did DMA through the SMMU with a stream id that has no translation context (no driver attached it, or the firmware tables do not describe it), and the SMMU is configured to abort such traffic instead of letting it bypass translation. Typical after a kexec or in a kdump kernel while a device is still running, for a device firmware uses behind the OS's back, or a device missing from the device tree/IORT",
    fix: 'find the device with that stream id (IORT or device-tree "iommus"/"iommu-map") and make sure a driver owns it or that it is quiesced before the kernel starts; `arm-smmu.disable_bypass=0` lets unknown streams bypass the SMMU, which removes the protection VFIO relies on, so only use it to diagnose',
    render: render('arm-smmu 5000000.iommu: ', 0x429),
    examples: [
      ex(
        'arm-smmu 5000000.iommu: Blocked unknown Stream ID 0x429; boot with "arm-smmu.disable_bypass=0" to allow, but this may have security implications',
        { sid: '429' },
      ),
      ex(
        'arm-smmu 64000000.mmu: Blocked unknown Stream ID 0x2000; boot with "arm-smmu.disable_bypass=0" to allow, but this may have security implications',
        { sid: '2000' },
      ),
    ],
  },
  {
    id: 'kernel.arm-smmu-global-fault',
    source: 'kernel',
    cite: `${SMMU_V2} arm_smmu_global_fault()`,
    format: 'Unexpected global fault, this could be serious\n',
    versions:
      'followed by "\\tGFSR 0x%08x, GFSYNR0 0x%08x, GFSYNR1 0x%08x, GFSYNR2 0x%08x" (the same register line follows "Blocked unknown Stream ID")',
    patterns: [
      /Unexpected global fault, this could be serious/,
      /GFSR 0x(?<gfsr>[0-9a-fA-F]{8}), GFSYNR0 0x[0-9a-fA-F]{8}, GFSYNR1 0x(?<gfsynr1>[0-9a-fA-F]{8}), GFSYNR2 0x[0-9a-fA-F]{8}/,
    ],
    severity: 'warning',
    title: 'The Arm SMMU (v1/v2) reported a global fault',
    cause:
      'the SMMU raised a fault outside any translation context: an unknown stream id (GFSR bit 1, USF; GFSYNR1 holds the stream id), an invalid context or configuration access, or a bus error. The register line gives the detail; with GFSR bit 1 it is the same case as "Blocked unknown Stream ID"',
    fix: 'decode GFSR (bit 1 USF unidentified stream, bit 2 SMCF stream-match conflict, bit 3 UCBF, bit 4 UCIF, bit 5 CAF): for USF find the device with the stream id from GFSYNR1 and have a driver own or quiesce it; otherwise update the platform firmware',
    refine: (f) =>
      f.gfsr && (Number.parseInt(f.gfsr, 16) & 0x2) !== 0
        ? {
            cause: `GFSR bit 1 (USF) is set: a device did DMA with stream id 0x${Number.parseInt(f.gfsynr1 ?? '0', 16).toString(16)} (GFSYNR1), which has no translation context, and the SMMU aborted it. No driver attached the device, or the firmware tables do not describe it (often a device still running after kexec or in a kdump kernel)`,
          }
        : undefined,
    render: render('arm-smmu 2b400000.smmu: '),
    examples: [
      ex('arm-smmu 2b400000.smmu: Unexpected global fault, this could be serious'),
      ex(
        'arm-smmu 5000000.iommu:         GFSR 0x80000002, GFSYNR0 0x00000002, GFSYNR1 0x00000429, GFSYNR2 0x00000000',
        { gfsr: '80000002', gfsynr1: '00000429' },
      ),
    ],
  },
  {
    id: 'kernel.dmar-rmrr-identity-map',
    source: 'kernel',
    cite: `${INTEL_IOMMU} domain_prepare_identity_map() / iommu_prepare_identity_map() / iommu_prepare_rmrr_dev() / iommu_prepare_isa()`,
    format: 'Setting identity map for device %s [0x%Lx - 0x%Lx]\n',
    versions:
      'older kernels only: the line went away when the Intel driver moved to the iommu core\'s default domains and reserved regions (Linux 5.3-5.8); up to 3.x with the prefix "IOMMU: "; with hardware pass-through "Ignoring identity map for HW passthrough device %s [0x%Lx - 0x%Lx]"; before the list "Setting RMRR:", after it "Prepare 0-16MiB unity mapping for LPC"',
    patterns: [
      new RegExp(
        `(?:Setting|Ignoring) identity map for (?:HW passthrough )?device ${BDF} \\[0x(?<start>[0-9a-fA-F]{1,16}) - 0x(?<end>[0-9a-fA-F]{1,16})\\]`,
      ),
      /(?:DMAR|IOMMU): (?<lpc>Prepare 0-16MiB unity mapping for LPC|Setting RMRR:)/,
    ],
    severity: 'info',
    title: 'The firmware reserves memory for a device (an RMRR), mapped 1:1 at boot',
    cause:
      "older kernels list each Reserved Memory Region Reporting entry of the DMAR table as they map it 1:1 for its device: memory the firmware keeps using by DMA (USB legacy keyboard emulation, the IGD's stolen memory, a management controller). The line names the device that owns the region",
    fix: 'nothing to do unless the device named is one to assign: then see whether it is USB or graphics (those can be assigned) or not (it cannot be, see the refined cause)',
    refine: refineRmrrIdentity,
    render: render('DMAR: ', '0000:00:14.0', 0x7b2d8000, 0x7b2e7fff),
    examples: [
      ex('[    0.951632] DMAR: Setting identity map for device 0000:00:14.0 [0x7b2d8000 - 0x7b2e7fff]', {
        bdf: '0000:00:14.0',
        start: '7b2d8000',
      }),
      ex('[    0.322191] IOMMU: Setting identity map for device 0000:00:1a.0 [0xbdcb3000 - 0xbdcbffff]', {
        bdf: '0000:00:1a.0',
      }),
      ex('DMAR: Setting identity map for device 0000:03:00.0 [0xbf7a0000 - 0xbf7affff]', {
        bdf: '0000:03:00.0',
      }),
      ex('DMAR: Ignoring identity map for HW passthrough device 0000:00:1f.0 [0x0 - 0xffffff]', {
        bdf: '0000:00:1f.0',
      }),
      ex('[    0.952204] DMAR: Prepare 0-16MiB unity mapping for LPC', {
        lpc: 'Prepare 0-16MiB unity mapping for LPC',
      }),
    ],
  },
  {
    id: 'kernel.dmar-identity-mapping-mode',
    source: 'kernel',
    cite: `${INTEL_IOMMU} iommu_prepare_static_identity_mapping() / dev_prepare_static_identity_mapping()`,
    format: '%s identity mapping for device %s\n',
    versions:
      'older kernels (before the Intel driver moved to the iommu core\'s default domains, Linux 5.3-5.8) with iommu=pt at boot: "Hardware identity mapping for device %s" where the IOMMU can pass DMA through untranslated, "Software identity mapping for device %s" where it builds a 1:1 page table; newer kernels print "iommu: Default domain type: Passthrough" once instead',
    patterns: [new RegExp(`(?<how>Hardware|Software) identity mapping for device ${BDF}`)],
    severity: 'info',
    title: 'Host devices run with 1:1 (pass-through) DMA mapping; harmless',
    cause:
      'iommu=pt is set, so devices the host keeps use an identity mapping (their DMA addresses are physical addresses) instead of a translated domain: faster host I/O, and no effect on VFIO, which gives an assigned device its own translated domain when it is opened',
    fix: 'nothing to do; iommu=pt is the usual setting on a VFIO host',
    render: render('DMAR: ', 'Hardware', '0000:00:02.0'),
    examples: [
      ex('[    0.804231] DMAR: Hardware identity mapping for device 0000:00:02.0', {
        how: 'Hardware',
        bdf: '0000:00:02.0',
      }),
      ex('DMAR: Software identity mapping for device 0000:00:14.0', { how: 'Software' }),
      ex(
        '[   15.356300] DMAR: Hardware identity mapping for device 0000:fe:05.2',
        { bdf: '0000:fe:05.2' },
        'https://github.com/tbsdtv/linux_media/issues/26',
      ),
    ],
  },
  {
    id: 'kernel.p2pdma-not-supported',
    source: 'kernel',
    cite: `${P2PDMA} calc_map_type_and_dist() (upstream_bridge_distance_warn() before Linux 5.15)`,
    format:
      'cannot be used for peer-to-peer DMA as the client and provider (%s) do not share an upstream bridge or whitelisted host bridge\n',
    versions: 'Linux 4.20-5.1: "… (%s) do not share an upstream bridge" (no host-bridge allow list yet)',
    patterns: [
      /cannot be used for peer-to-peer DMA as the client and provider \((?<provider>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\) do not share an upstream bridge/,
    ],
    severity: 'warning',
    title: 'Peer-to-peer DMA between two PCI devices is not possible on this path',
    cause:
      "a driver (NVMe-oF target, RDMA, a GPU stack such as xe/amdgpu, or vfio-pci's dma-buf export) asked for direct device-to-device DMA, and the two devices meet only at the root complex, whose host bridge is not on the kernel's list of those known to route peer traffic (p2pdma.c host_bridge_whitelist(); all AMD Zen hosts and some Intel Xeons are). The driver falls back to bouncing through system memory or refuses",
    fix: 'put both devices under one PCIe switch, or use a platform whose host bridge is allowed; this is a topology limit, not a setting. Inside a VM, peer-to-peer between assigned devices additionally needs the guest to see them under one emulated switch',
    render: render('xe 0000:03:00.0: ', '0000:07:00.0'),
    examples: [
      ex(
        'xe 0000:03:00.0: cannot be used for peer-to-peer DMA as the client and provider (0000:07:00.0) do not share an upstream bridge or whitelisted host bridge',
        { bdf: '0000:03:00.0', provider: '0000:07:00.0' },
      ),
      ex(
        'xe 0000:07:00.0: cannot be used for peer-to-peer DMA as the client and provider (0000:03:00.0) do not share an upstream bridge or whitelisted host bridge',
        { bdf: '0000:07:00.0', provider: '0000:03:00.0' },
        'https://github.com/intel/compute-runtime/issues/935',
      ),
    ],
  },
  {
    id: 'kernel.p2pdma-acs-redirect',
    source: 'kernel',
    cite: `${P2PDMA} calc_map_type_and_dist() (upstream_bridge_distance_warn() before Linux 5.15)`,
    format: 'ACS redirect is set between the client and provider (%s)\n',
    versions:
      'followed by "to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=%s" naming the bridges (Linux 4.20+)',
    patterns: [
      /ACS redirect is set between the client and provider \((?<provider>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\)/,
      /to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=(?<path>[\w:.;@]{1,200})/,
    ],
    severity: 'warning',
    title: 'ACS redirects peer-to-peer traffic between two devices up to the root complex',
    cause:
      'the PCIe switch ports between the two devices have ACS P2P Request/Completion Redirect on, so their peer traffic is sent up to the root complex (where the IOMMU checks it) instead of going straight across the switch. That redirect is exactly what isolates the devices into separate IOMMU groups; p2pdma therefore routes through the host bridge or refuses',
    fix: 'for VFIO keep it: turning redirect off (pci=disable_acs_redir=…, as the next line suggests) lets the devices reach each other unchecked, and the kernel then puts them into one IOMMU group, so they can no longer be assigned separately. Only disable it on a host that wants in-switch peer DMA more than separate assignment',
    render: render('nvme 0000:05:00.0: ', '0000:06:00.0'),
    examples: [
      ex('nvme 0000:05:00.0: ACS redirect is set between the client and provider (0000:06:00.0)', {
        provider: '0000:06:00.0',
      }),
      ex(
        'nvme 0000:05:00.0: to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=0000:03:00.0;0000:04:01.0',
        { path: '0000:03:00.0;0000:04:01.0' },
      ),
    ],
  },
  {
    id: 'kernel.pci-acs-redirect-configured',
    source: 'kernel',
    cite: `${PCI_C} __pci_config_acs() (pci_disable_acs_redir() before Linux 6.11)`,
    format: 'Configured ACS to %#06x\n',
    versions:
      'Linux 6.11+ (pci=config_acs= and pci=disable_acs_redir=); Linux 4.20-6.10 printed "disabled ACS redirect" for each device pci=disable_acs_redir= named; "ACS mask  = %#06x" and "ACS flags = %#06x" are pci_dbg() lines before it',
    patterns: [
      /Configured ACS to 0x(?<ctrl>[0-9a-fA-F]{1,4})/,
      /: (?<redir>disabled ACS redirect)$/,
      /: ACS (?:mask {1,2}|flags|control|fw_ctrl) = 0x[0-9a-fA-F]{1,4}/,
    ],
    severity: 'warning',
    title: "The kernel command line changed a port's ACS controls",
    cause:
      'pci=disable_acs_redir= or pci=config_acs= named this device, and the kernel rewrote its ACS control register at boot. Clearing P2P Request/Completion Redirect or Source Validation lets devices below the port reach each other without the IOMMU seeing it, so the kernel puts them into one IOMMU group: devices that were assignable separately may now have to be assigned together (the kernel documentation: "this may remove isolation between devices and may put more devices in an IOMMU group")',
    fix: 'check the groups (`vfiokit groups`); if isolation matters more than peer-to-peer DMA, remove the parameter. The value is the ACS control word: bit 0 Source Validation, 1 Translation Blocking, 2 P2P Request Redirect, 3 P2P Completion Redirect, 4 Upstream Forwarding, 5 P2P Egress Control, 6 Direct Translated P2P',
    refine: (f) => {
      if (f.ctrl === undefined) return undefined;
      const ctrl = Number.parseInt(f.ctrl, 16);
      const redirect = (ctrl & 0x4) !== 0 && (ctrl & 0x8) !== 0 && (ctrl & 0x1) !== 0;
      return redirect
        ? {
            severity: 'info',
            cause: `ACS control is now 0x${ctrl.toString(16)}: Source Validation and both P2P redirects are on, so this port still isolates the devices below it; the parameter did not weaken the IOMMU grouping here`,
          }
        : undefined;
    },
    render: render('pci 0020:02:00.0: ', 0x7b),
    examples: [
      ex('pci 0020:02:00.0: Configured ACS to 0x007b', { ctrl: '007b' }),
      ex('pci 0039:00:00.0: Configured ACS to 0x0050', { ctrl: '0050' }),
      ex('pci 0000:00:01.0: disabled ACS redirect', { redir: 'disabled ACS redirect' }),
    ],
  },
  {
    id: 'kernel.pci-acs-param-rejected',
    source: 'kernel',
    cite: `${PCI_C} __pci_config_acs() (pci_disable_acs_redir() before Linux 6.11)`,
    format: "PCI: Can't parse ACS command line parameter\n",
    versions:
      'Linux 6.11+ (pr_warn_once; 6.11-6.13 said "acs"); 4.20-6.10: "PCI: Can\'t parse disable_acs_redir parameter: %s"; per device (pci_err) for pci=config_acs=: "Invalid ACS flags specified", "Invalid ACS flags... Ignoring", "ACS Flags missing"',
    patterns: [
      /PCI: Can't parse (?:ACS|acs) command line parameter/,
      /PCI: Can't parse disable_acs_redir parameter: (?<param>\S{1,200})/,
      /: (?<flags>Invalid ACS flags specified|Invalid ACS flags\.\.\. Ignoring|ACS Flags missing)/,
    ],
    severity: 'error',
    title: 'The kernel could not use the ACS parameter on its command line',
    cause:
      'pci=disable_acs_redir= or pci=config_acs= is malformed: a device address it cannot parse (each entry is a PCI address such as 0000:00:01.0, or pci:VENDOR:DEVICE, separated by ";"), or for config_acs a flag string that is not 0/1/x bits followed by "@" and the device. The kernel stops reading the parameter there, so devices after the error keep their firmware ACS settings',
    fix: 'fix the syntax (e.g. `pci=config_acs=1111011@0000:00:01.0;101xxxx@0000:00:03.0`, flags written most significant bit first, 7 bits at most); note that in GRUB a ";" must be quoted; check /proc/cmdline',
    render: render(''),
    examples: [
      ex("[   12.349875] PCI: Can't parse ACS command line parameter"),
      ex("PCI: Can't parse disable_acs_redir parameter: 00:01.0x", { param: '00:01.0x' }),
      ex('pci 0000:00:01.0: Invalid ACS flags specified', { flags: 'Invalid ACS flags specified' }),
    ],
  },
  {
    id: 'kernel.dmar-qi-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c qi_check_fault() / qi_dump_fault()',
    format: 'Invalidation Time-out Error (ITE) cleared\n',
    versions:
      'Linux 5.15+ (qi_dump_fault() and the "cleared" lines); the others: "Invalidation Queue Error (IQE) cleared", "Invalidation Completion Error (ICE) cleared", "VT-d detected Invalidation Queue Error: Reason %llx", "VT-d detected Invalidation Completion Error: SID %llx", "QI HEAD: %s qw0 = 0x%llx, qw1 = 0x%llx", "QI PRIOR: %s qw0 = 0x%llx, qw1 = 0x%llx" (the time-out\'s own "VT-d detected Invalidation Time-out Error: SID %llx" is kernel.dmar-invalidation-timeout); before 5.15 an IQE printed "VT-d detected invalid descriptor: …" (kernel.dmar-invalid-descriptor)',
    patterns: [
      /Invalidation (?<kind>Queue|Time-out|Completion) Error \((?:IQE|ITE|ICE)\) cleared/,
      /VT-d detected Invalidation (?<kind>Queue|Completion) Error: (?:Reason|SID) [0-9a-fA-F]{1,16}/,
      /DMAR: QI (?:HEAD|PRIOR): (?<desc>[\w -]{3,48}) \(?qw0 = 0x[0-9a-fA-F]{1,16}, qw1 = 0x[0-9a-fA-F]{1,16}/,
    ],
    severity: 'warning',
    title: "VT-d's invalidation queue reported an error and was recovered",
    cause:
      'the Intel IOMMU could not complete a command of its invalidation queue (the flushes of its translation caches, and of the device-TLB of ATS-capable devices); the driver dumped the descriptor (QI HEAD/PRIOR lines) and cleared the error. A stale translation may have survived the failed flush',
    fix: 'read the kind: a time-out names a device that did not answer, a queue error a descriptor the hardware refused; look for the device named around it',
    refine: (f) => {
      if (f.kind === 'Time-out')
        return {
          cause:
            'a device-TLB invalidation sent to an ATS-capable device got no answer in time (Invalidation Time-out Error): the device is hung, was reset or powered down while the IOMMU still tracked it, or its link went down. With passthrough this follows a device a guest left wedged or one that dropped off the bus; the kernel aborts the pending flushes and retries',
          fix: 'identify the device (the "VT-d detected Invalidation Time-out Error: SID" line names its requester id); reset or remove it, and check its link and AER lines; `pci=noats` stops devices from using device-TLBs',
        };
      if (f.kind === 'Queue')
        return {
          cause:
            'the IOMMU refused a descriptor of its invalidation queue as malformed or unsupported (Invalidation Queue Error): a kernel/hardware mismatch (a descriptor type or granularity the unit does not support, common with emulated IOMMUs in a guest) rather than a configuration error; the driver replaced it with a wait descriptor',
          fix: 'update the kernel; in a guest with an emulated IOMMU (QEMU intel-iommu), update QEMU or drop the options that enable the feature involved (e.g. x-scalable-mode)',
        };
      if (f.kind === 'Completion')
        return {
          cause:
            'an invalidation completion from a device arrived with an invalid tag (Invalidation Completion Error): a device answering a device-TLB flush wrongly, a device or firmware bug',
        };
      return undefined;
    },
    render: render('DMAR: '),
    examples: [
      ex('DMAR: Invalidation Time-out Error (ITE) cleared', { kind: 'Time-out' }),
      ex('DMAR: Invalidation Queue Error (IQE) cleared', { kind: 'Queue' }),
      ex('DMAR: VT-d detected Invalidation Queue Error: Reason 1', { kind: 'Queue' }),
      ex('DMAR: QI HEAD: Invalidation Wait descriptor (qw0 = 0x200000025, qw1 = 0x12b6c1128)'),
    ],
  },
  {
    id: 'kernel.x2apic-mode',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/apic/apic.c try_to_enable_x2apic() / check_x2apic() / x2apic_enable(); arch/x86/kernel/apic/probe_64.c default_setup_apic_routing()',
    format: 'x2apic not enabled, IRQ remapping is in xapic mode\n',
    versions:
      'the sibling lines: "x2apic: enabled by BIOS, switching to x2apic ops" (older: "x2apic enabled by BIOS, switching to x2apic ops"), "x2apic enabled" (older: "Enabled x2apic"), "Switched APIC routing to: %s" (older: "Switched APIC routing to %s.")',
    patterns: [
      /(?<line>x2apic not enabled, IRQ remapping is in xapic mode|x2apic:? enabled by BIOS, switching to x2apic ops|Switched APIC routing to:? (?<routing>[\w ]{1,32}))/,
      /(?:^|\] |kernel: )(?<line>x2apic enabled|Enabled x2apic)$/,
    ],
    severity: 'info',
    title: 'Which APIC mode the kernel runs in; harmless',
    cause:
      'a routine boot line about the local APIC mode. x2APIC mode needs interrupt remapping (or a hypervisor that guarantees APIC ids fit), so these lines follow the IOMMU\'s interrupt-remapping setup; "IRQ remapping is in xapic mode" means remapping is on, just without x2APIC (the BIOS opted out, or the IOMMU lacks extended interrupt mode). Either way interrupt remapping, which VFIO needs, is active',
    fix: 'nothing to do; to confirm remapping look for "Enabled IRQ remapping in x2apic/xapic mode" (Intel) or "AMD-Vi: Interrupt remapping enabled"',
    render: render(''),
    examples: [
      ex('[    0.031030] x2apic not enabled, IRQ remapping is in xapic mode'),
      ex('[    0.000000] x2apic: enabled by BIOS, switching to x2apic ops'),
      ex('[    0.084173] Switched APIC routing to cluster x2apic.', { routing: 'cluster x2apic' }),
      ex('[    0.046326] x2apic enabled', { line: 'x2apic enabled' }),
    ],
  },
  {
    id: 'kernel.amd-iommu-old-boot-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd_iommu.c amd_iommu_init_passthrough() / drivers/iommu/amd_iommu_init.c amd_iommu_init_api() / drivers/iommu/amd_iommu_v2.c amd_iommu_v2_init()',
    format: 'AMD-Vi: Initialized for Passthrough Mode\n',
    versions:
      'Linux 2.6.32-4.x (the files moved to drivers/iommu/amd/ in 5.9); siblings: "AMD-Vi: Enabling IOMMU at %s cap 0x%hx" (iommu_enable(), 2.6.30-3.x; "AMD IOMMU: " before 2.6.30, later followed by " extended features: …"), "AMD-Vi: IO/TLB flush on unmap enabled" (strict mode, amd_iommu=fullflush), "AMD-Vi: AMD IOMMUv2 driver by Joerg Roedel <jroedel@suse.de>" (the amd_iommu_v2 module, until 6.6)',
    patterns: [
      /AMD-Vi: (?<line>Initialized for Passthrough Mode|IO\/TLB flush on unmap enabled|AMD IOMMUv2 driver by Joerg Roedel)/,
      /(?:AMD-Vi|AMD IOMMU): (?<line>Enabling IOMMU at) (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) cap 0x[0-9a-fA-F]{1,4}/,
    ],
    severity: 'info',
    title: 'AMD IOMMU boot line of an older kernel; harmless',
    cause:
      'a routine AMD-Vi start-up line: "Initialized for Passthrough Mode" means iommu=pt is set (host devices get 1:1 DMA mapping; VFIO still gives assigned devices their own translated domain), "IO/TLB flush on unmap enabled" means strict invalidation, the IOMMUv2 banner is the optional PASID/ATS module loading, and "Enabling IOMMU at" names the PCI function of the IOMMU itself (00:00.2 on most boards, never a device to assign). Each line shows the AMD IOMMU is on',
    fix: 'nothing to do',
    render: render(''),
    examples: [
      ex('[    1.823253] AMD-Vi: Initialized for Passthrough Mode', {
        line: 'Initialized for Passthrough Mode',
      }),
      ex('AMD-Vi: AMD IOMMUv2 driver by Joerg Roedel <jroedel@suse.de>'),
      ex('AMD-Vi: IO/TLB flush on unmap enabled', { line: 'IO/TLB flush on unmap enabled' }),
      ex('AMD-Vi: Enabling IOMMU at 0000:00:00.2 cap 0x40', {
        line: 'Enabling IOMMU at',
        bdf: '0000:00:00.2',
      }),
    ],
  },
  {
    id: 'kernel.amd-iommu-perf-detected',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/events/amd/iommu.c init_one_iommu()',
    format: 'Detected AMD IOMMU #%d (%d banks, %d counters/bank).\n',
    patterns: [
      /perf\/amd_iommu: Detected AMD IOMMU #(?<unit>\d{1,2}) \((?<banks>\d{1,3}) banks, (?<counters>\d{1,3}) counters\/bank\)/,
    ],
    severity: 'info',
    title: "The AMD IOMMU's performance counters were found; harmless",
    cause:
      'perf registered the performance counters of an AMD IOMMU unit (one line per unit). Routine on every AMD host with the IOMMU on; it says the IOMMU is active',
    fix: 'nothing to do',
    render: render('perf/amd_iommu: ', 0, 2, 4),
    examples: [
      ex('[    1.012313] perf/amd_iommu: Detected AMD IOMMU #0 (2 banks, 4 counters/bank).', { unit: '0' }),
    ],
  },
];

/** Further wordings the entries above recognise (older versions, sibling lines of one function). */
export const IOMMU_FAULT_SWEEP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.dmar-fault-pte-dump',
    file: INTEL_IOMMU,
    format: 'pte level: %d, pte value: 0x%016llx',
    text: 'DMAR: pte level: 3, pte value: 0x000000010c3d4003',
  },
  {
    id: 'kernel.dmar-fault-pte-dump',
    file: INTEL_IOMMU,
    format: 'page table not present at level %d',
    text: 'DMAR: page table not present at level 1',
  },
  {
    id: 'kernel.dmar-fault-pte-dump',
    file: INTEL_IOMMU,
    format: 'pasid table entry[%d]: 0x%016llx',
    text: 'DMAR: pasid table entry[7]: 0x0000000000000000',
  },
  {
    id: 'kernel.arm-smmu-v3-evtq-overflow',
    file: SMMU_V3,
    format: 'PRIQ overflow detected -- requests lost',
    text: 'arm-smmu-v3 arm-smmu-v3.0.auto: PRIQ overflow detected -- requests lost',
  },
  {
    id: 'kernel.arm-smmu-v3-cmdq-error',
    file: SMMU_V3,
    format: 'skipping command in error state:',
    text: 'arm-smmu-v3 arm-smmu-v3.0.auto: skipping command in error state:',
  },
  {
    id: 'kernel.arm-smmu-v3-global-error',
    file: SMMU_V3,
    format: 'EVTQ write aborted -- events may have been lost',
    text: 'arm-smmu-v3 arm-smmu-v3.0.auto: EVTQ write aborted -- events may have been lost',
  },
  {
    id: 'kernel.arm-smmu-global-fault',
    file: SMMU_V2,
    format: '\tGFSR 0x%08x, GFSYNR0 0x%08x, GFSYNR1 0x%08x, GFSYNR2 0x%08x',
    text: 'arm-smmu 64000000.mmu: \tGFSR 0x00000002, GFSYNR0 0x00000002, GFSYNR1 0x00002000, GFSYNR2 0x00000000',
  },
  {
    id: 'kernel.dmar-rmrr-identity-map',
    file: INTEL_IOMMU,
    format: 'Ignoring identity map for HW passthrough device %s [0x%Lx - 0x%Lx]',
    text: 'DMAR: Ignoring identity map for HW passthrough device 0000:00:1f.0 [0x0 - 0xffffff]',
  },
  {
    id: 'kernel.dmar-rmrr-identity-map',
    file: INTEL_IOMMU,
    format: 'Prepare 0-16MiB unity mapping for LPC',
    text: 'DMAR: Prepare 0-16MiB unity mapping for LPC',
  },
  {
    id: 'kernel.p2pdma-acs-redirect',
    file: P2PDMA,
    format: 'to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=%s',
    text: 'nvme 0000:05:00.0: to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=0000:03:00.0',
  },
  {
    id: 'kernel.pci-acs-redirect-configured',
    file: PCI_C,
    format: 'disabled ACS redirect',
    text: 'pci 0000:00:01.0: disabled ACS redirect',
  },
  {
    id: 'kernel.pci-acs-redirect-configured',
    file: PCI_C,
    format: 'ACS mask  = %#06x',
    text: 'pci 0020:02:00.0: ACS mask  = 0x007f',
  },
  {
    id: 'kernel.pci-acs-param-rejected',
    file: PCI_C,
    format: "PCI: Can't parse disable_acs_redir parameter: %s",
    text: "PCI: Can't parse disable_acs_redir parameter: 0000:00:01.0;zz",
  },
  {
    id: 'kernel.pci-acs-param-rejected',
    file: PCI_C,
    format: 'ACS Flags missing',
    text: 'pci 0000:00:01.0: ACS Flags missing',
  },
  {
    id: 'kernel.x2apic-mode',
    file: 'torvalds/linux arch/x86/kernel/apic/apic.c',
    format: 'x2apic: enabled by BIOS, switching to x2apic ops',
    text: 'x2apic: enabled by BIOS, switching to x2apic ops',
  },
  {
    id: 'kernel.amd-iommu-old-boot-lines',
    file: 'torvalds/linux drivers/iommu/amd_iommu_v2.c',
    format: 'AMD IOMMUv2 driver by Joerg Roedel <jroedel@suse.de>',
    text: 'AMD-Vi: AMD IOMMUv2 driver by Joerg Roedel <jroedel@suse.de>',
  },
  {
    id: 'kernel.iommu-group-removed',
    file: 'torvalds/linux drivers/iommu/iommu.c',
    format: 'Removing device %s from group %d',
    text: 'iommu: Removing device 0000:00:01.0 from group 0',
  },
];

/** Format strings of the swept files considered and left out, with the reason. */
export const IOMMU_FAULT_SWEEP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: SMMU_V3,
    format: '\t0x%016llx',
    why: 'the raw words of an SMMUv3 event or skipped command: a tab and a hex number, which any driver may print; the "event 0x%02x received:" line before it is kernel.arm-smmu-v3-event',
  },
  {
    file: SMMU_V3,
    format: 'ias %lu-bit, oas %lu-bit (features 0x%08x)',
    why: 'a probe line listing the SMMU features; it says nothing is wrong and gives no VFIO-relevant fact a user would look up',
  },
  {
    file: SMMU_V2,
    format: 'probing hardware configuration...',
    why: 'a probe progress line of every Arm SMMU v1/v2 boot',
  },
];
