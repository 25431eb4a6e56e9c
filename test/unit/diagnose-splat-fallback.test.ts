// A WARN or BUG splat in the VFIO, IOMMU or PCI code that no entry for its file knows
// (catalogue/splat-fallback.ts): recognised in both of __warn()'s forms and report_bug()'s, with
// the maintainers' list of its directory, and never in place of an entry that knows the file.
// The examples are built from the format strings and marked so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { SPLAT_FALLBACK_ENTRIES } from '../../src/readiness/diagnose/catalogue/splat-fallback.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const ID = 'kernel.splat-vfio-path';

test('the entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(SPLAT_FALLBACK_ENTRIES, ['kernel.splat-'], (e, x, f) => {
    assert.equal(x.origin, BUILT);
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, 1);
  assert.equal(SPLAT_FALLBACK_ENTRIES[0].tier, 'fallback');
});

test('a WARN names the file, the function and the list of its directory', () => {
  const vfio = onlyFinding(
    'WARNING: CPU: 0 PID: 812 at drivers/vfio/pci/vfio_pci_intrs.c:355 vfio_msi_set_vector_signal+0x1a0/0x1f0 [vfio_pci_core]',
    ID,
  );
  assert.equal(vfio.explanation.severity, 'warning');
  assert.match(
    vfio.explanation.cause,
    /WARN_ON\(\) fired in drivers\/vfio\/pci\/vfio_pci_intrs\.c, in vfio_msi_set_vector_signal\(\)/,
  );
  assert.match(vfio.explanation.fix, /kvm@vger\.kernel\.org/);
  const iommu = onlyFinding(
    'WARNING: drivers/iommu/io-pgtable-arm.c:331 at __arm_lpae_map+0x2b0/0x300, CPU#2: qemu/991',
    ID,
  );
  assert.match(iommu.explanation.fix, /iommu@lists\.linux\.dev/);
  const bug = onlyFinding('kernel BUG at drivers/pci/msi/msi.c:888!', ID);
  assert.equal(bug.explanation.severity, 'error');
  assert.match(bug.explanation.cause, /BUG_ON\(\) fired in drivers\/pci\/msi\/msi\.c/);
  assert.match(bug.explanation.fix, /linux-pci@vger\.kernel\.org/);
});

test('an entry that knows the file answers instead, and code off the VFIO path is not claimed', () => {
  const known = diagnoseText(
    'WARNING: CPU: 1 PID: 164 at drivers/vfio/vfio_main.c:487 vfio_df_close+0xac/0xb4',
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(known, ['kernel.warn-vfio-main']);
  const elsewhere = diagnoseText(
    'WARNING: CPU: 2 PID: 77 at drivers/gpu/drm/drm_atomic.c:1200 drm_atomic_check_only+0x10/0x20',
  ).findings.map((f) => f.entry.id);
  assert.ok(!elsewhere.includes(ID), elsewhere.join());
});
