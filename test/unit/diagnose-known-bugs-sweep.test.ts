// The known-bugs sweep (catalogue/known-bugs-sweep.ts): each entry recognises the stable part of a
// splat (the RIP function, the lockdep lock and function, the RCU-list file), reads it as facts and
// names the bug those facts pick, and leaves alone lines of the same shape that belong to another
// bug. Expected meanings come from the fixes the entries cite: CVE-2026-23198 ("KVM: Don't clobber
// irqfd routing type when deassigning irqfd": the NULL IRTE data is read in amd_iommu_update_ga()),
// c3811a50addd (GAMSup fallback left IRQ_POSTING_CAP set: amd_iommu_deactivate_guest_mode()),
// 12243a8115f8 (amd_iommu_enable_faulting() freed init code, 6.10-rc only), 18abda7a2d55 (aux-domain
// detach), d649c34cb916 (group->iommufd NULL in VFIO_GROUP_SET_CONTAINER's error path),
// 5cbf3264bc71 (PFNMAP PFN from vm_pgoff, WARN_ON(!phys) in vfio_unmap_unpin()), "vfio/pci:
// Collect hot-reset devices to local buffer" (vma_lock cycle), 40ef3edf151e (memory_lock in
// runtime resume vs SR-IOV enable), 93ae6e68b6d6 and "iommu/vt-d: Use rcu_lock in
// get_resv_regions" (VT-d boot lockdep), "iommu/vt-d: Silence RCU-list debugging warnings"
// (dmar_global_lock held, so the 5.4–5.7 RCU-list warnings are harmless), "vfio/pci: Clear token on
// bypass registration failure" and 02e9e9366fef (stale IRQ bypass tokens), dbe245cdf518 and
// 4e034bf045b1 (iommufd use-after-frees KASAN names by function).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_BUGS_ENTRIES } from '../../src/readiness/diagnose/catalogue/known-bugs-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (line: string) => diagnoseText(line).findings.map((f) => f.entry.id);

test('every entry is registered, planned safely and claims its own examples', () => {
  const n = checkSweepEntries(KNOWN_BUGS_ENTRIES, ['kernel.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} of ${ex.text}`);
  });
  assert.equal(n, KNOWN_BUGS_ENTRIES.length);
});

test('the signature lines answer before the generic splat fallback', () => {
  for (const line of [
    'RIP: 0010:amd_iommu_update_ga+0x40/0x120',
    'RIP: 0010:iommufd_ctx_put+0x9/0x20 [iommufd]',
    'RIP: 0010:vfio_unmap_unpin+0x2b4/0x330 [vfio_iommu_type1]',
  ]) {
    const found = ids(line);
    assert.ok(!found.includes('kernel.splat-vfio-path'), `${line}: ${found.join(', ')}`);
    assert.equal(found.length, 1, line);
  }
});

test('AMD AVIC oops: the function picks the irqfd use-after-free or the GAMSup fallback', () => {
  const ga = onlyFinding(
    '[  77.100233] RIP: 0010:amd_iommu_update_ga+0x1d/0xf0',
    'kernel.kbug-amd-avic-irte',
  );
  assert.equal(ga.facts.func, 'amd_iommu_update_ga');
  assert.match(ga.explanation.cause, /irqfd/);
  assert.match(ga.explanation.fix, /6\.12\.70/);
  assert.doesNotMatch(ga.explanation.cause, /GAMSup/);
  const deact = onlyFinding(
    'RIP: 0010:amd_iommu_deactivate_guest_mode+0x2a/0xc8',
    'kernel.kbug-amd-avic-irte',
  );
  assert.match(deact.explanation.cause, /GAMSup/);
  assert.match(deact.explanation.fix, /c3811a50addd/);
  assert.doesNotMatch(deact.explanation.cause, /irqfd/);
  // Another AMD IOMMU function is not this bug: the generic answer keeps it.
  assert.deepEqual(ids('RIP: 0010:amd_iommu_update_ga_mode+0x1d/0xf0'), ['kernel.splat-vfio-path']);
  assert.deepEqual(ids('RIP: 0010:amd_iommu_activate_guest_mode+0x2a/0xc8'), ['kernel.splat-vfio-path']);
});

test('amd_iommu_enable_faulting: a 6.10-rc regression, fixed before the release', () => {
  const f = onlyFinding(
    'RIP: 0010:amd_iommu_enable_faulting+0x0/0x20',
    'kernel.kbug-amd-iommu-enable-faulting',
  );
  assert.match(f.explanation.title, /CPU online/);
  assert.match(f.explanation.cause, /6\.10/);
  assert.match(f.explanation.cause, /12243a8115f8/);
  assert.deepEqual(ids('RIP: 0010:amd_iommu_enable_device+0x0/0x20'), ['kernel.splat-vfio-path']);
});

test('intel_iommu_aux_detach_device: several subdevices of one parent in one VM', () => {
  const f = onlyFinding(
    'RIP: 0010:intel_iommu_aux_detach_device+0x10e/0x200',
    'kernel.kbug-intel-iommu-aux-detach',
  );
  assert.match(f.explanation.cause, /subdevice/);
  assert.match(f.explanation.fix, /18abda7a2d55/);
  assert.deepEqual(ids('RIP: 0010:intel_iommu_attach_device+0x10e/0x200'), ['kernel.splat-vfio-path']);
});

test('iommufd_ctx_put: the 6.2 VFIO_GROUP_SET_CONTAINER error path', () => {
  const f = onlyFinding('RIP: 0010:iommufd_ctx_put+0x9/0x20 [iommufd]', 'kernel.kbug-vfio-group-iommufd-put');
  assert.equal(f.facts.module, 'iommufd');
  assert.match(f.explanation.cause, /SET_CONTAINER/);
  assert.match(f.explanation.fix, /6\.3/);
  assert.deepEqual(ids('RIP: 0010:iommufd_ctx_get+0x9/0x20 [iommufd]'), ['kernel.splat-vfio-path']);
});

test('vfio_unmap_unpin: the RIP line is explained, not the type1 pinning bug', () => {
  const f = onlyFinding(
    'RIP: 0010:vfio_unmap_unpin+0x2b4/0x330 [vfio_iommu_type1]',
    'kernel.kbug-vfio-type1-unmap-unpin',
  );
  assert.equal(f.facts.func, 'vfio_unmap_unpin');
  assert.match(f.explanation.cause, /PFNMAP/);
  assert.match(f.explanation.fix, /5cbf3264bc71/);
  // vfio_remove_dma's own line stays with the generic answer.
  assert.deepEqual(ids('RIP: 0010:vfio_remove_dma+0x2b4/0x330 [vfio_iommu_type1]'), [
    'kernel.splat-vfio-path',
  ]);
});

test('vfio-pci lockdep: vma_lock is the hot-reset cycle, memory_lock in runtime resume the SR-IOV one', () => {
  const vma = onlyFinding(
    ' #1: ffff8d21c47a0a28 (&vdev->vma_lock){+.+.}-{3:3}, at: vfio_pci_mmap_fault+0x41/0x1c0 [vfio_pci_core]',
    'kernel.lockdep-vfio',
  );
  assert.equal(vma.facts.lock, '&vdev->vma_lock');
  assert.match(vma.explanation.cause, /hot reset/);
  assert.match(vma.explanation.fix, /local buffer/);
  // Before the wait-type suffix (older kernels) the line still reads.
  const old = onlyFinding(
    'ffff8d21c47a0a28 (&vdev->vma_lock){+.+.}, at: vfio_pci_mmap_fault+0x41/0x1c0 [vfio_pci]',
    'kernel.lockdep-vfio',
  );
  assert.equal(old.facts.func, 'vfio_pci_mmap_fault');
  const rpm = onlyFinding(
    'ff1100019c3e1468 (&vdev->memory_lock){+.+.}-{4:4}, at: vfio_pci_core_runtime_resume+0x23/0xb0',
    'kernel.lockdep-vfio',
  );
  assert.match(rpm.explanation.cause, /SR-IOV/);
  assert.match(rpm.explanation.fix, /40ef3edf151e/);
  assert.doesNotMatch(rpm.explanation.cause, /hot reset/);
  // memory_lock taken elsewhere (the unresolved MSI-X/kernfs cycle) is not this bug.
  assert.deepEqual(
    ids('ff1100019c3e1468 (&vdev->memory_lock){++++}-{4:4}, at: vfio_pci_memory_lock_and_enable+0x2a/0x90'),
    [],
  );
});

test('VT-d boot lockdep: physical_node_lock is the 6.14 cycle, a second dmar_global_lock the harmless recursion', () => {
  const pn = onlyFinding(
    'ffff8881034a2fa8 (&device->physical_node_lock){+.+.}-{3:3}, at: intel_iommu_init+0xd91/0x1240',
    'kernel.lockdep-intel-iommu-init',
  );
  assert.equal(pn.facts.lock, '&device->physical_node_lock');
  assert.match(pn.explanation.fix, /93ae6e68b6d6/);
  assert.equal(pn.explanation.severity, 'warning');
  const rec = onlyFinding(
    'ffffffff9b61d2f0 (dmar_global_lock){++++}-{3:3}, at: intel_iommu_get_resv_regions+0x2f/0x280',
    'kernel.lockdep-intel-iommu-init',
  );
  assert.equal(rec.explanation.severity, 'info');
  assert.match(rec.explanation.cause, /harmless/);
  assert.match(rec.explanation.fix, /rcu_lock/);
  // dmar_global_lock held by intel_iommu_init shows up in many reports: not a signature by itself.
  assert.deepEqual(
    ids('ffffffff9b61d2f0 (dmar_global_lock){++++}-{3:3}, at: intel_iommu_init+0x58e/0x880'),
    [],
  );
});

test('RCU-list warnings: the old DMAR files are harmless, drivers/iommu/intel/ is case by case', () => {
  const old = onlyFinding(
    '/usr/src/kernel/drivers/iommu/dmar.c:372 RCU-list traversed in non-reader section!!',
    'kernel.rcu-list-intel-iommu',
  );
  assert.equal(old.facts.file, 'drivers/iommu/dmar.c');
  assert.equal(old.explanation.severity, 'info');
  assert.match(old.explanation.title, /Harmless/);
  const legacy = onlyFinding(
    'drivers/iommu/intel-iommu.c:4511 RCU-list traversed in non-reader section!!',
    'kernel.rcu-list-intel-iommu',
  );
  assert.equal(legacy.explanation.severity, 'info');
  const newer = onlyFinding(
    'drivers/iommu/intel/iommu.c:2731 RCU-list traversed in non-reader section!!',
    'kernel.rcu-list-intel-iommu',
  );
  assert.equal(newer.explanation.severity, 'warning');
  assert.match(newer.explanation.cause, /5\.10/);
  assert.deepEqual(ids('drivers/iommu/amd/iommu.c:1204 RCU-list traversed in non-reader section!!'), []);
});

test('irq_bypass_unregister_producer: a stale token, named by its caller', () => {
  const f = onlyFinding(
    'RIP: 0010:irq_bypass_unregister_producer+0x9b/0xe0',
    'kernel.kbug-irqbypass-unregister',
  );
  assert.equal(f.facts.func, 'irq_bypass_unregister_producer');
  assert.match(f.explanation.cause, /same eventfd|one eventfd/);
  assert.match(f.explanation.fix, /Clear token on bypass registration failure/);
  assert.match(f.explanation.fix, /02e9e9366fef/);
  // Registering is a different path: not this bug.
  assert.deepEqual(ids('RIP: 0010:irq_bypass_register_producer+0x9b/0xe0'), []);
});

test('iommufd KASAN: the function picks the access unpin race or the event-queue abort race', () => {
  const unpin = onlyFinding(
    'BUG: KASAN: slab-use-after-free in iommufd_access_unpin_pages+0x2f1/0x390',
    'kernel.kasan-iommufd',
  );
  assert.equal(unpin.facts.kind, 'slab-use-after-free');
  assert.match(unpin.explanation.fix, /dbe245cdf518/);
  assert.doesNotMatch(unpin.explanation.cause, /vEVENTQ/);
  const old = onlyFinding(
    'BUG: KASAN: use-after-free in iommufd_fault_fops_release+0x51/0xd0',
    'kernel.kasan-iommufd',
  );
  assert.equal(old.facts.kind, 'use-after-free');
  assert.match(old.explanation.cause, /vEVENTQ/);
  assert.match(old.explanation.fix, /4e034bf045b1/);
  // Another iommufd function keeps the generic answer (none here): not claimed as a known bug.
  assert.deepEqual(ids('BUG: KASAN: slab-use-after-free in iommufd_fops_ioctl+0x2f1/0x390'), []);
});

test('VFIO group lock against kvm->lock: the KVM pointer hand-over, fixed by 2b48f52f2bff', () => {
  const f = onlyFinding(
    '00000000a1c93e70 (&group->group_lock){+.+.}-{3:3}, at: vfio_file_set_kvm+0x4c/0x70 [vfio]',
    'kernel.lockdep-vfio',
  );
  assert.equal(f.facts.lock, '&group->group_lock');
  assert.match(f.explanation.cause, /kvm->lock/);
  assert.match(f.explanation.fix, /2b48f52f2bff/);
  assert.doesNotMatch(f.explanation.cause, /SR-IOV/);
  // The group lock taken by the group ioctl is in many reports: not this bug by itself.
  assert.deepEqual(
    ids('00000000a1c93e70 (&group->group_lock){+.+.}-{3:3}, at: vfio_group_fops_unl_ioctl+0x3e3/0x7b0'),
    [],
  );
});
