// The drivers/iommu/ tree sweep (catalogue/iommu-tree-sweep.ts): the facts in a message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: drivers/iommu/dma-iommu.c iommu_dma_alloc_iova() (the notice is printed once per
// PCI device when the 32-bit first try fails, with bits_per(dma_limit): the device's mask width;
// it only runs for DMA-API domains, not for the unmanaged domains VFIO uses) and
// iommu_dma_forcedac_setup() (iommu.forcedac=1 skips that first try); iommu_setup_dma_ops() with
// iommu_dma_init_domain() ("specified DMA range outside IOMMU capability" when the device's range
// misses the aperture, "Incompatible range for DMA domain" when an initialised domain has another
// granule or base) and iova_reserve_pci_windows() (dma_ranges out of order); intel/nested.c
// intel_nested_attach_dev() and intel/pasid.c intel_pasid_setup_nested() (the guest's stage-1
// width outside what the host unit walks -> the address-width and 5-level lines; a stage-1 feature
// the unit lacks -> "No supervisor request/extended access flag support on dmarN"; a nesting parent
// incompatible with the device's unit -> "s2 domain is not compatible"); intel/svm.c intel_svm_check() (1 GiB pages
// of the CPU without FL1GP, or LA57 without FL5LP, turns SVM off; VFIO assignment does not use SVM);
// iommu.c iommu_get_def_domain_type() (a conflict resolves to IDENTITY when either device asks for
// it) and iommu_get_default_domain_type() (an untrusted device whose driver wants a non-DMA domain
// makes the probe fail: it returns -1), iommu_setup_default_domain() (direct mappings retried after
// attach), __iommu_domain_alloc_dev() (-EBUSY with two drivers on one bus); intel/iommu.c
// dmar_domain_attach_device() (RID2PASID is the scalable-mode PASID entry, "Domain context map" the
// legacy context entry; the failed attach at boot is followed by "Failed to add to iommu group").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IOMMU_TREE_ENTRIES } from '../../src/readiness/diagnose/catalogue/iommu-tree-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry of the sweep is registered, safe, and claims its own examples with the facts they name', () => {
  const n = checkSweepEntries(IOMMU_TREE_ENTRIES, ['kernel.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} in ${ex.text}`);
  });
  assert.equal(n, IOMMU_TREE_ENTRIES.length);
});

test('dma-iommu: the switch to high DMA addresses is informational, names the width, and iommu.forcedac reads as a setting', () => {
  const full = onlyFinding(
    'nvme 0000:01:00.0: Using 64-bit DMA addresses',
    'kernel.iommu-dma-high-addresses',
  );
  assert.equal(full.explanation.severity, 'info');
  assert.equal(full.facts.bits, '64');
  assert.equal(full.facts.bdf, '0000:01:00.0');
  // a device mask narrower than 64 bits: the width is the device's own limit
  const narrow = onlyFinding(
    'mlx5_core 0000:3b:00.0: Using 48-bit DMA addresses',
    'kernel.iommu-dma-high-addresses',
  );
  assert.match(narrow.explanation.cause, /48 bits/);
  assert.notEqual(narrow.explanation.cause, full.explanation.cause);
  // not a vfio-pci concern: the DMA-API path is the host driver's
  assert.match(full.explanation.cause, /not a device bound to vfio-pci/);
  const dac = onlyFinding('Forcing DAC for PCI devices', 'kernel.iommu-dma-high-addresses');
  assert.match(dac.explanation.title, /iommu\.forcedac/);
  assert.match(dac.explanation.fix, /iommu\.forcedac=1/);
  // a driver's own "64-bit DMA" wording is not this line
  assert.ok(
    !diagnoseText('ahci 0000:00:17.0: 64-bit DMA addressing supported').findings.some(
      (f) => f.entry.id === 'kernel.iommu-dma-high-addresses',
    ),
  );
});

test('dma-iommu: the step before "retaining platform DMA ops" says why the device has no IOMMU DMA domain', () => {
  const final = onlyFinding(
    'Failed to set up IOMMU for device 0000:01:00.0; retaining platform DMA ops',
    'kernel.iommu-dma-ops-setup-failed',
  );
  assert.equal(final.facts.dev, '0000:01:00.0');
  assert.equal(final.explanation.severity, 'warning');
  const outside = onlyFinding(
    'specified DMA range outside IOMMU capability',
    'kernel.iommu-dma-ops-setup-failed',
  );
  assert.match(outside.explanation.cause, /outside the addresses the IOMMU can translate/);
  const incompatible = onlyFinding('Incompatible range for DMA domain', 'kernel.iommu-dma-ops-setup-failed');
  assert.match(incompatible.explanation.cause, /shares a DMA domain/);
  const reserve = onlyFinding(
    'pcieport 0000:00:00.0: Failed to reserve IOVA [0x0000000080000000-0x00000000ffffffff]',
    'kernel.iommu-dma-ops-setup-failed',
  );
  assert.match(reserve.explanation.cause, /not in ascending order/);
  for (const f of [outside, incompatible, reserve])
    assert.notEqual(f.explanation.cause, final.explanation.cause);
});

test('VT-d nesting: the failing check decides the cause — a width mismatch, a missing stage-1 feature, an incompatible parent', () => {
  const width = onlyFinding(
    'vfio-pci 0000:01:00.0: Invalid stage-1 address width 39',
    'kernel.dmar-nested-attach-failed',
  );
  assert.equal(width.facts.aw, '39');
  assert.match(width.explanation.fix, /aw-bits=48/);
  const adjusted = onlyFinding(
    'vfio-pci 0000:01:00.0: Adjusted guest address width not compatible',
    'kernel.dmar-nested-attach-failed',
  );
  // intel_nested_attach_dev(): iommu->agaw < s2_domain->agaw, the nesting parent is wider than this
  // unit; not the guest's stage-1 width (that is intel_pasid_setup_nested()'s 48/57-bit check)
  assert.match(adjusted.explanation.cause, /nesting parent/);
  assert.notEqual(adjusted.explanation.cause, width.explanation.cause);
  assert.match(width.explanation.cause, /48 bits \(4-level\) and 57 bits \(5-level\)/);
  const la57 = onlyFinding(
    'vfio-pci 0000:01:00.0: 5-level paging not supported',
    'kernel.dmar-nested-attach-failed',
  );
  assert.match(la57.explanation.cause, /5-level first-stage/);
  const parent = onlyFinding(
    'vfio-pci 0000:3d:00.1: s2 domain is not compatible',
    'kernel.dmar-nested-attach-failed',
  );
  assert.match(parent.explanation.cause, /several VT-d units/);
  const generic = onlyFinding(
    'vfio-pci 0000:01:00.0: Failed to setup pasid entry',
    'kernel.dmar-nested-attach-failed',
  );
  assert.equal(generic.facts.bdf, '0000:01:00.0');
  assert.equal(generic.explanation.severity, 'error');
  assert.match(generic.explanation.cause, /iommufd nesting/);
  const feature = onlyFinding(
    'DMAR: No extended access flag support on dmar2',
    'kernel.dmar-nested-attach-failed',
  );
  assert.equal(feature.facts.iommu, 'dmar2');
  assert.match(feature.explanation.cause, /dmar2/);
  assert.match(feature.explanation.cause, /supervisor requests or extended access flags/);
  // the posted wording of the width check reads the same way
  assert.equal(
    onlyFinding('vfio-pci 0000:01:00.0: Invalid guest address width 39', 'kernel.dmar-nested-attach-failed')
      .explanation.fix,
    width.explanation.fix,
  );
});

test('VT-d SVM off: harmless for VFIO, and the paging-mode form points at 5-level paging', () => {
  const gb = onlyFinding(
    'DMAR: dmar1 SVM disabled, incompatible 1GB page capability',
    'kernel.dmar-svm-disabled',
  );
  assert.equal(gb.explanation.severity, 'info');
  assert.match(gb.explanation.title, /harmless/);
  assert.match(gb.explanation.cause, /1 GiB/);
  const la57 = onlyFinding('dmar0 SVM disabled, incompatible paging mode', 'kernel.dmar-svm-disabled');
  assert.equal(la57.facts.what, 'paging mode');
  assert.match(la57.explanation.cause, /5-level/);
  assert.doesNotMatch(la57.explanation.cause, /1 GiB pages/);
});

test('iommu core: a def_domain_type conflict ends in passthrough for the group; an untrusted device is refused outright', () => {
  const conflict = onlyFinding(
    'pci 0000:00:1f.3: IOMMU driver error, requesting conflicting def_domain_type, Translated and Passthrough, for devices in group 14.',
    'kernel.iommu-default-domain-type-refused',
  );
  assert.equal(conflict.facts.group, '14');
  assert.equal(conflict.explanation.severity, 'warning');
  assert.match(conflict.explanation.cause, /passthrough if either asked for it/);
  const untrusted = onlyFinding(
    'pci 0000:06:00.0: Device is not trusted, but driver is overriding group 21 to Passthrough, refusing to probe.',
    'kernel.iommu-default-domain-type-refused',
  );
  assert.equal(untrusted.explanation.severity, 'error');
  assert.match(untrusted.explanation.cause, /group 21/);
  assert.match(untrusted.explanation.cause, /cannot be assigned to a VM/);
});

test('iommu core: the direct-mapping retry and the two-driver bus are their own findings', () => {
  const direct = onlyFinding(
    'iommu dmar0: IOMMU driver was not able to establish FW requested direct mapping.',
    'kernel.iommu-direct-mapping-failed',
  );
  assert.match(direct.explanation.cause, /RMRR/);
  assert.match(direct.explanation.fix, /reserved_regions/);
  const multi = onlyFinding(
    "Multiple IOMMU drivers present for bus pci, which the public IOMMU API can't fully support yet. You will still need to disable one or more for this to work, sorry!",
    'kernel.iommu-multiple-drivers',
  );
  assert.equal(multi.facts.bus, 'pci');
  // __iommu_domain_alloc_dev() returns -EBUSY; iommu_domain_alloc() itself is gone in 6.13
  assert.match(multi.explanation.fix, /6\.13/);
  assert.match(multi.explanation.cause, /-EBUSY/);
  // the posted form without the bus name is read too, with no bus fact
  const nobus = onlyFinding(
    "Multiple IOMMU drivers present, which the public IOMMU API can't fully support yet. You may still need to disable one or more to get the expected result here, sorry!",
    'kernel.iommu-multiple-drivers',
  );
  assert.equal(nobus.facts.bus, undefined);
});

test('VT-d attach: a RID2PASID failure and a context-map failure are told apart, and the VMD address is read', () => {
  const rid = onlyFinding(
    'pci 10000:80:01.0: DMAR: Setup RID2PASID failed',
    'kernel.dmar-attach-setup-failed',
  );
  assert.equal(rid.facts.step, 'Setup RID2PASID failed');
  assert.match(rid.explanation.cause, /-16/);
  assert.match(rid.explanation.fix, /intel_iommu=sm_off/);
  const ctx = onlyFinding(
    'vfio-pci 0000:03:00.0: DMAR: Domain context map failed',
    'kernel.dmar-attach-setup-failed',
  );
  assert.match(ctx.explanation.cause, /context entry/);
  assert.notEqual(ctx.explanation.cause, rid.explanation.cause);
  // intel/iommu.c's dev_fmt puts "DMAR: " after the address; nested.c prints without it: both read
  for (const line of [
    'vfio-pci 0000:01:00.0: DMAR: s2 domain is not compatible',
    'vfio-pci 0000:01:00.0: s2 domain is not compatible',
  ])
    assert.equal(
      onlyFinding(line, 'kernel.dmar-nested-attach-failed').facts.step,
      's2 domain is not compatible',
      line,
    );
});

// intel/dmar.c alloc_iommu(): SAGAW 0 sets drhd->ignored (no DMA translation, interrupt remapping
// still set up); IOMMU_WAIT_OP() panics when a register command does not complete.
test('VT-d: a unit without address widths is interrupt-remapping only; a stuck register command is a panic', () => {
  const irOnly = onlyFinding(
    'DMAR: dmar0: No supported address widths. Not attempting DMA translation.',
    'kernel.dmar-no-dma-translation',
  );
  assert.equal(irOnly.facts.iommu, 'dmar0');
  assert.equal(irOnly.explanation.severity, 'info');
  assert.match(irOnly.explanation.cause, /interrupt remapping/);
  assert.match(irOnly.explanation.cause, /no IOMMU groups/);
  assert.match(irOnly.explanation.fix, /dma-translation=off/);
  for (const line of [
    'Kernel panic - not syncing: DMAR hardware is malfunctioning',
    '[    1.352310] Kernel panic - not syncing: DMAR hardware is malfunctioning',
  ]) {
    const panic = onlyFinding(line, 'kernel.dmar-hardware-malfunction');
    assert.equal(panic.explanation.severity, 'error', line);
    assert.match(panic.explanation.fix, /intel_iommu=off/, line);
  }
});

// amd/iommu.c amd_iommu_report_page_fault(): a memory request faulting while dev_data->domain is
// NULL prints the header line and a detail line with the device and the domain id from the event.
test('AMD-Vi: a fault from a device with no domain reads as DMA in the detach/attach window, with its address', () => {
  const header = onlyFinding(
    'AMD-Vi: Event logged [Device not attached to domain properly]',
    'kernel.amd-device-not-attached',
  );
  assert.equal(header.explanation.severity, 'warning');
  assert.match(header.explanation.cause, /detached/);
  assert.match(header.explanation.fix, /reset_method/);
  const detail = onlyFinding('AMD-Vi:   device=0000:0b:00.0 domain=0x000e', 'kernel.amd-device-not-attached');
  assert.equal(detail.facts.bdf, '0000:0b:00.0');
  assert.equal(detail.facts.domain, '000e');
  // the ordinary IO_PAGE_FAULT line is not this finding
  assert.ok(
    !diagnoseText(
      'vfio-pci 0000:0b:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000e address=0xfde00000 flags=0x0020]',
    ).findings.some((f) => f.entry.id === 'kernel.amd-device-not-attached'),
  );
});
