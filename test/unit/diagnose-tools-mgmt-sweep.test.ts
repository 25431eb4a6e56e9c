// The tools and management-layer sweep (catalogue/tools-mgmt-sweep.ts): kmod skipping a modprobe.d
// line, dkms failing to build vendor-reset, the vfio-pci-bind script's checks, TrueNAS refusing a
// GPU for isolation, the SR-IOV and NVIDIA KubeVirt device plugins, Harvester's claim controller
// and oVirt VDSM. Each test asserts the exact entry and the cause words its facts should produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOOLS_MGMT_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/tools-mgmt-sweep.js';
import { checkSweepEntries } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, and claims its own examples with their facts', () => {
  const n = checkSweepEntries(
    TOOLS_MGMT_SWEEP_ENTRIES,
    ['kmod.', 'dkms.', 'tool.', 'mgmt.', 'initramfs.'],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id}: ${k} in ${x.text}`);
    },
  );
  assert.ok(n >= 20, `only ${n} entries`);
});
