// Two readings the sweep helpers of 2026-12-04 found wrong in other entries. The messages are built
// from their sources' formats: kernel/panic.c __warn() for a WARN in vfio_iommu_type1.c, whose
// vfio_unmap_unpin() warns on WARN_ON(!phys) (an IOVA with no IOMMU translation), not on pinned
// pages; and virt-manager's "Error starting domain: %s" quoting libvirt's error, whose class prefix
// (virerror.c: "Timed out during operation" is VIR_ERR_OPERATION_TIMEOUT) says what kind of
// refusal it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('a type1 WARN in vfio_unmap_unpin is a missing translation, not a pinning leak', () => {
  const unmap = onlyFinding(
    'WARNING: CPU: 2 PID: 1234 at drivers/vfio/vfio_iommu_type1.c:1085 vfio_unmap_unpin+0x2b4/0x330 [vfio_iommu_type1]',
    'kernel.warn-vfio-type1-pinned',
  ).explanation;
  assert.match(unmap.cause, /WARN_ON\(!phys\)/);
  assert.match(unmap.cause, /5cbf3264bc71/);
  assert.doesNotMatch(unmap.title, /pinned/);
  // The WARN in vfio_remove_dma() keeps the pinning reading.
  const remove = onlyFinding(
    'WARNING: CPU: 10 PID: 6210 at drivers/vfio/vfio_iommu_type1.c:1204 vfio_remove_dma+0xda/0xf0 [vfio_iommu_type1]',
    'kernel.warn-vfio-type1-pinned',
  ).explanation;
  assert.match(remove.title, /pinned/);
});

test("virt-manager's start failure reads the class of the libvirt error it quotes", () => {
  const lock = onlyFinding(
    'Error starting domain: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainCreate)',
    'wrapped.domain-start-failed',
  ).explanation;
  assert.match(lock.cause, /VIR_ERR_OPERATION_TIMEOUT/);
  assert.match(lock.cause, /state-change lock/);
  // virsh's own line quotes nothing: the general answer points at the next line.
  const virsh = onlyFinding(
    "error: Failed to start domain 'win10'",
    'wrapped.domain-start-failed',
  ).explanation;
  assert.match(virsh.cause, /right after this one/);
});
