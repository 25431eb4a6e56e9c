// Doctor on the real-kernel snapshots the lab committed (test/fixtures/lab-*/snapshot, taken
// inside Debian's 6.1 kernel under QEMU with emulated VT-d, before any binding) against the
// kernel truth recorded beside them: IOMMU and interrupt remapping on, the groups as the kernel
// formed them, the GPU's audio companion. Scenario verdicts (after binding) are checked in the
// lab run itself (docs/readiness.md).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { openHostState } from '../../src/host/host-state.js';
import { DirHostRoot } from '../../src/host/root.js';
import type { Check } from '../../src/readiness/check.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { repoRoot } from '../helpers/cli.js';

interface Truth {
  devices: { bdf: string; id: string | null; class: string; driver: string | null; group: string | null }[];
  groups: { group: string; devices: string[] }[];
}

const FIXTURES = path.join(repoRoot, 'test/fixtures');
const labs = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((d) => d.startsWith('lab-')) : [];

test('the lab snapshots are present', () => {
  assert.ok(labs.length >= 4, `lab fixtures: ${labs.join(' ')}`);
});

for (const lab of labs) {
  const dir = path.join(FIXTURES, lab);
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const root = new DirHostRoot(path.join(dir, 'snapshot'));
  const endpoints = truth.devices.filter((d) => d.id && !d.class.startsWith('0x0604')).map((d) => d.bdf);

  test(`${lab}: IOMMU and interrupt remapping on, groups and members as the kernel formed them`, async () => {
    const r = await buildDoctorReport(openHostState(root), { devices: endpoints, readRoms: false });
    const by = (id: string, device?: string) =>
      r.checks.find((c) => c.id === id && c.device === device) as Check;
    assert.equal(by('iommu.firmware').verdict, 'ok');
    assert.equal(by('iommu.active').verdict, 'ok');
    assert.match(by('iommu.active').evidence[1], new RegExp(`${truth.groups.length} groups`));
    assert.equal(by('interrupts.remapping').verdict, 'ok');
    assert.match(by('interrupts.remapping').evidence[0], /DMAR-IR: Enabled IRQ remapping in xapic mode/);
    // VT-d emulated under an AMD CPU model: the DMAR table decides, so intel_iommu=on is right.
    assert.equal(by('iommu.cmdline').verdict, 'ok');
    for (const bdf of endpoints) {
      const g = by('gpu.group', bdf);
      const kernelGroup = truth.groups.find((x) => x.devices.includes(bdf))!;
      assert.match(
        g.evidence[0],
        new RegExp(`^group ${kernelGroup.group}: ${kernelGroup.devices.length} devices?`),
        `${bdf}: ${g.evidence[0]}`,
      );
      for (const member of kernelGroup.devices)
        assert.ok(
          g.evidence.some((e) => e.includes(member)),
          `${bdf}: ${member} missing`,
        );
      // Every endpoint in these snapshots sits on its host driver, so no group is viable yet: the
      // verdict is a warning when only the device's own slot blocks, a failure when others do.
      const foreign = kernelGroup.devices.some((m) => {
        const d = truth.devices.find((x) => x.bdf === m)!;
        return m.slice(0, -2) !== bdf.slice(0, -2) && d.driver !== 'pcieport' && d.driver !== null;
      });
      assert.equal(g.verdict, foreign ? 'fail' : 'warn', `${bdf}: ${JSON.stringify(g)}`);
    }
  });
}

test("lab-desktop: the GPU's HDMI audio companion is found and must go with it", async () => {
  const root = new DirHostRoot(path.join(FIXTURES, 'lab-desktop/snapshot'));
  const r = await buildDoctorReport(openHostState(root), { readRoms: false });
  assert.deepEqual(r.devices, ['0000:01:00.0'], 'default: the GPU');
  const audio = r.checks.find((c) => c.id === 'gpu.audio')!;
  assert.equal(audio.verdict, 'warn');
  assert.match(audio.evidence[0], /0000:01:00\.1 \[8086:293e\] class 040300 driver snd_hda_intel/);
  assert.match(audio.fix!, /bind 0000:01:00\.1 to vfio-pci together with 0000:01:00\.0/);
});
