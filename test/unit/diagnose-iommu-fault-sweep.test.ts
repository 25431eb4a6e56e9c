// The IOMMU fault and grouping sweep (catalogue/iommu-fault-sweep.ts) and the fault-reason
// reading of kernel.dmar-fault / kernel.dmar-intr-remap-fault (refinements.ts). Expected meanings
// come from the sources the entries cite: drivers/iommu/intel/dmar.c (dma_remap_fault_reasons[]:
// 0x0c "non-zero reserved fields in PTE"; dma_remap_sm_fault_reasons[]: 0x59 "SM: Present bit in
// PASID Table Entry is clear"; irq_remap_fault_reasons[]: 0x22 "Present field in the IRTE entry
// is clear", 0x26 "source-id verification failure"; "[fault reason %02d]" before Linux 5.12),
// drivers/iommu/intel/iommu.c dmar_fault_dump_ptes(), drivers/iommu/arm/arm-smmu/arm-smmu.c
// (GFSR bit 1 is USF, GFSYNR1 the stream id), include/uapi/linux/pci_regs.h (ACS control bits:
// 0x01 SV, 0x04 RR, 0x08 CR) and device_rmrr_is_relaxable() (USB and graphics RMRRs are relaxed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('VT-d fault reason: an old kernel prints it in decimal, so "12" is 0x0c (reserved fields), not 0x12', () => {
  const old = onlyFinding(
    'DMAR: [DMA Read] Request device [03:00.0] PASID ffffffff fault addr 7f000000 [fault reason 12] non-zero reserved fields in PTE',
    'kernel.dmar-fault',
  );
  assert.match(old.explanation.cause, /page table for this device is invalid/);
  const hex = onlyFinding(
    'DMAR: [DMA Read NO_PASID] Request device [03:00.0] fault addr 0x7f000000 [fault reason 0x0c] non-zero reserved fields in PTE',
    'kernel.dmar-fault',
  );
  assert.equal(hex.explanation.cause, old.explanation.cause);
});

test('VT-d scalable-mode reasons: a missing PASID entry means no domain; a missing first-level entry means no mapping', () => {
  const pasid = onlyFinding(
    'DMAR: [DMA Read NO_PASID] Request device [02:00.0] fault addr 0x0 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    'kernel.dmar-fault',
  );
  assert.match(pasid.explanation.cause, /scalable-mode root, context or PASID entry/);
  const fl = onlyFinding(
    'DMAR: [DMA Write PASID 0x1] Request device [05:00.0] fault addr 0x7f000000 [fault reason 0x71] SM: Present bit in first-level paging entry is clear',
    'kernel.dmar-fault',
  );
  assert.match(fl.explanation.cause, /blocked a DMA access/);
  assert.match(fl.explanation.cause, /is not present/);
});

test('interrupt-remapping faults: the reason decides, in hex or in the old decimal form', () => {
  const gone = onlyFinding(
    'DMAR: [INTR-REMAP] Request device [01:00.0] fault index 0x1c [fault reason 0x22] Present field in the IRTE entry is clear',
    'kernel.dmar-intr-remap-fault',
  );
  assert.match(gone.explanation.cause, /torn down/);
  const oldSid = onlyFinding(
    'DMAR: [INTR-REMAP] Request device [00:1f.0] fault index 17 [fault reason 38] Blocked an interrupt request due to source-id verification failure',
    'kernel.dmar-intr-remap-fault',
  );
  assert.match(oldSid.explanation.cause, /source-id verification failed/);
});

test('the VT-d table dump: where the walk stops says what was missing', () => {
  const ctx = onlyFinding('DMAR: context table is not present', 'kernel.dmar-fault-pte-dump');
  assert.match(ctx.explanation.cause, /not attached to any IOMMU domain/);
  const pte = onlyFinding('[  442.300742] DMAR: PTE not present at level 2', 'kernel.dmar-fault-pte-dump');
  assert.match(pte.explanation.cause, /not mapped for the device/);
  const head = onlyFinding(
    'DMAR: Dump dmar0 table entries for IOVA 0x7c346000',
    'kernel.dmar-fault-pte-dump',
  );
  assert.equal(head.explanation.severity, 'info');
  assert.equal(head.facts.iova, '7c346000');
});

test('Arm SMMU v2: GFSR bit 1 (USF) names the unknown stream id from GFSYNR1', () => {
  const usf = onlyFinding(
    'arm-smmu 5000000.iommu:         GFSR 0x80000002, GFSYNR0 0x00000002, GFSYNR1 0x00000429, GFSYNR2 0x00000000',
    'kernel.arm-smmu-global-fault',
  );
  assert.match(usf.explanation.cause, /stream id 0x429/);
  const other = onlyFinding(
    'arm-smmu 5000000.iommu: 	GFSR 0x80000004, GFSYNR0 0x00000000, GFSYNR1 0x00000000, GFSYNR2 0x00000000',
    'kernel.arm-smmu-global-fault',
  );
  assert.doesNotMatch(other.explanation.cause, /bit 1 \(USF\) is set/);
  const blocked = onlyFinding(
    'arm-smmu 5000000.iommu: Blocked unknown Stream ID 0x429; boot with "arm-smmu.disable_bypass=0" to allow, but this may have security implications',
    'kernel.arm-smmu-blocked-stream-id',
  );
  assert.equal(blocked.facts.sid, '429');
  assert.match(blocked.explanation.fix, /only use it to diagnose/);
});

test('Arm SMMUv3: the command-queue error reason and Service Failure Mode change the explanation', () => {
  const atc = onlyFinding(
    'arm-smmu-v3 arm-smmu-v3.0.auto: CMDQ error (cons 0x03000c2e): ATC invalidate timeout',
    'kernel.arm-smmu-v3-cmdq-error',
  );
  assert.match(atc.explanation.cause, /ATS/);
  const ill = onlyFinding(
    'arm-smmu-v3 arm-smmu-v3.0.auto: CMDQ error (cons 0x01000014): Illegal command',
    'kernel.arm-smmu-v3-cmdq-error',
  );
  assert.match(ill.explanation.cause, /no-op/);
  const sfm = onlyFinding(
    'arm-smmu-v3 arm-smmu-v3.0.auto: device has entered Service Failure Mode!',
    'kernel.arm-smmu-v3-global-error',
  );
  assert.equal(sfm.explanation.severity, 'error');
  const gerror = onlyFinding(
    'arm-smmu-v3 arm-smmu-v3.0.auto: unexpected global error reported (0x00000001), this could be serious',
    'kernel.arm-smmu-v3-global-error',
  );
  assert.equal(gerror.explanation.severity, 'warning');
});

test('RMRR identity maps: USB and graphics can still be assigned, any other device cannot', () => {
  const usb = onlyFinding(
    'DMAR: Setting identity map for device 0000:00:14.0 [0x7b2d8000 - 0x7b2e7fff]',
    'kernel.dmar-rmrr-identity-map',
  );
  assert.equal(usb.explanation.severity, 'info');
  assert.match(usb.explanation.cause, /USB 3 \(xHCI\)/);
  const nic = onlyFinding(
    'DMAR: Setting identity map for device 0000:03:00.0 [0xbf7a0000 - 0xbf7affff]',
    'kernel.dmar-rmrr-identity-map',
  );
  assert.equal(nic.explanation.severity, 'warning');
  assert.match(nic.explanation.cause, /cannot be attached to a VFIO domain/);
  const lpc = onlyFinding('DMAR: Prepare 0-16MiB unity mapping for LPC', 'kernel.dmar-rmrr-identity-map');
  assert.match(lpc.explanation.cause, /LPC/);
});

test('ACS control written from the command line: the value says whether isolation survived', () => {
  // 0x5d = SV | RR | CR | UF | DT: both redirects and source validation still on
  const kept = onlyFinding(
    'pci 0039:00:00.0: Configured ACS to 0x005d',
    'kernel.pci-acs-redirect-configured',
  );
  assert.equal(kept.explanation.severity, 'info');
  // 0x50 = UF | DT: no redirect, no source validation
  const open = onlyFinding(
    'pci 0039:00:00.0: Configured ACS to 0x0050',
    'kernel.pci-acs-redirect-configured',
  );
  assert.equal(open.explanation.severity, 'warning');
  assert.match(open.explanation.cause, /one IOMMU group/);
  const bad = onlyFinding(
    "PCI: Can't parse disable_acs_redir parameter: 00:01.0x",
    'kernel.pci-acs-param-rejected',
  );
  assert.equal(bad.facts.param, '00:01.0x');
});

test('p2pdma: the refusal and the ACS redirect advice are two findings; the advice warns about grouping', () => {
  const log = [
    'nvme 0000:05:00.0: ACS redirect is set between the client and provider (0000:06:00.0)',
    'nvme 0000:05:00.0: to disable ACS redirect for this path, add the kernel parameter: pci=disable_acs_redir=0000:03:00.0;0000:04:01.0',
    'nvme 0000:05:00.0: cannot be used for peer-to-peer DMA as the client and provider (0000:06:00.0) do not share an upstream bridge or whitelisted host bridge',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.deepEqual([...ids].sort(), ['kernel.p2pdma-acs-redirect', 'kernel.p2pdma-not-supported']);
  const advice = onlyFinding(log, 'kernel.p2pdma-acs-redirect');
  assert.match(advice.explanation.fix, /one IOMMU group/);
});

test('harmless boot lines say so', () => {
  for (const [line, id] of [
    ['[    0.031030] x2apic not enabled, IRQ remapping is in xapic mode', 'kernel.x2apic-mode'],
    ['[    1.823253] AMD-Vi: Initialized for Passthrough Mode', 'kernel.amd-iommu-old-boot-lines'],
    ['perf/amd_iommu: Detected AMD IOMMU #0 (2 banks, 4 counters/bank).', 'kernel.amd-iommu-perf-detected'],
    ['DMAR: Hardware identity mapping for device 0000:00:02.0', 'kernel.dmar-identity-mapping-mode'],
  ] as const) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
    assert.equal(diagnoseText(line).findings.length, 1, line);
  }
});

test('VT-d invalidation queue: a time-out names a device that stopped answering, a queue error a refused descriptor', () => {
  const ite = onlyFinding('DMAR: Invalidation Time-out Error (ITE) cleared', 'kernel.dmar-qi-fault');
  assert.match(ite.explanation.cause, /ATS-capable device got no answer/);
  const iqe = onlyFinding('DMAR: VT-d detected Invalidation Queue Error: Reason 1', 'kernel.dmar-qi-fault');
  assert.match(iqe.explanation.cause, /refused a descriptor/);
  // the time-out's own SID line stays with the entry that already explained it
  const ids = diagnoseText('DMAR: VT-d detected Invalidation Time-out Error: SID 0').findings.map(
    (f) => f.entry.id,
  );
  assert.deepEqual(ids, ['kernel.dmar-invalidation-timeout']);
});

test('the register-decoding lines of newer Arm SMMU drivers join the fault they belong to', () => {
  const fsr = onlyFinding(
    'arm-smmu 15000000.iommu: FSR    = 00000402 [Format=2 TF], SID=0x800',
    'kernel.arm-smmu-context-fault',
  );
  assert.equal(fsr.facts.sid, '0x800');
  onlyFinding(
    'arm-smmu-v3 arm-smmu-v3.0.auto: unpriv data write s1 "Input address caused fault" stag: 0x0',
    'kernel.arm-smmu-v3-event',
  );
});

test('the pre-5.x x2APIC opt-out warning goes to the opt-out entry, which keeps saying remapping is on', () => {
  const f = onlyFinding(
    '[    0.326387] Your BIOS has requested that x2apic be disabled.',
    'kernel.dmar-x2apic-optout',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /remapping stays on/);
});
