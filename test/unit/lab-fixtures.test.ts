// Fast tests on real-kernel data: each test/fixtures/lab-<topology>/ holds `vfiokit snapshot` taken
// inside a lab guest (Debian's kernel, emulated VT-d) before any binding, and truth.json with the
// kernel's own groups, drivers and VFIO viability verdicts (regenerate both with
// `npx tsx lab/regen-fixtures.ts`). vfiokit reading the snapshot with --root must reproduce them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type DevicesJson, type GroupsJson, partitionOf } from '../../lab/compare.js';
import type { LabResults, ScenarioGroup } from '../../lab/suite.js';
import { topologyByName } from '../../lab/topologies/index.js';
import { canonicalGroups, groupsByIds, type LabTruth, truthFrom } from '../../lab/truth.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const fixtures = join(repoRoot, 'test/fixtures');
const labDirs = readdirSync(fixtures).filter((d) => d.startsWith('lab-'));

test('lab/truth.ts refuses to record a truth with a group whose VFIO status could not be read', () => {
  const results = JSON.parse(readFileSync(join(fixtures, 'lab-desktop/truth.json'), 'utf8')) as LabTruth;
  const scenario = (vfio: ScenarioGroup['vfio']) => ({
    name: 'gpu-fn0-only',
    bind: ['gpu'],
    groups: [{ group: '6', devices: results.scenarios[0].groups[0].devices, vfio }],
    vfiokit: [],
    ms: 0,
  });
  const base: LabResults = {
    schema: 'vfiokit.lab-results/1',
    topology: 'desktop',
    kernel: { release: results.kernel, cmdline: '' },
    bootSeconds: 0,
    suiteSeconds: 0,
    devices: results.devices,
    bdfOf: { gpu: '0000:01:00.0' },
    groups: results.groups,
    baseline: [],
    roms: [],
    scenarios: [scenario({ group: '6', node: true, flags: 0, viable: false, setContainer: 'EPERM' })],
    errors: [],
  };
  assert.equal(truthFrom(base).scenarios[0].groups.length, 1);
  const failed = {
    ...base,
    scenarios: [scenario({ group: '6', node: true, error: 'EBUSY: Device or resource busy' })],
  };
  assert.throws(
    () => truthFrom(failed),
    /VFIO verdict could not be read for scenario gpu-fn0-only, group 6: EBUSY/,
  );
  // A group without a node was never offered by the kernel: nothing to record, no error.
  assert.equal(
    truthFrom({ ...base, scenarios: [scenario({ group: '6', node: false })] }).scenarios[0].groups.length,
    0,
  );
});

test('a committed lab fixture exists for every lab topology', () => {
  for (const name of ['desktop', 'server', 'legacy', 'noacs'])
    assert.ok(labDirs.includes(`lab-${name}`), name);
});

for (const dir of labDirs) {
  const base = join(fixtures, dir);
  const truth = JSON.parse(readFileSync(join(base, 'truth.json'), 'utf8')) as LabTruth;
  const snapshot = join(base, 'snapshot');
  const topo = topologyByName(truth.topology);

  describe(`lab fixture ${dir} (kernel ${truth.kernel})`, () => {
    test('truth.json still matches its topology: groups and viability verdicts', () => {
      assert.equal(truth.schema, 'vfiokit.lab-truth/1');
      const expected = canonicalGroups(topo.expectGroups ?? []);
      assert.deepEqual(groupsByIds(truth.devices, truth.groups), expected);
      for (const s of topo.scenarios) {
        const sc = truth.scenarios.find((x) => x.name === s.name);
        assert.ok(sc, `scenario ${s.name} missing: regenerate the fixture`);
        for (const [id, viable] of Object.entries(s.expectViable)) {
          const g: LabTruth['scenarios'][number]['groups'][number] | undefined = sc.groups.find((x) =>
            x.devices.some((d) => d.id === id),
          );
          assert.equal(g?.viable, viable, `${s.name}: ${id}`);
        }
      }
    });

    test('truth.json holds a kernel verdict for the group of every device bound so far, and no other', () => {
      // The scenarios bind cumulatively and the kernel creates /dev/vfio/N at a group's first
      // vfio-pci bind, so each scenario must list exactly those groups: a group whose ioctl failed
      // cannot have been left out when the fixture was recorded (lab/truth.ts refuses that).
      const bound = new Set<string>();
      assert.equal(truth.scenarios.length, topo.scenarios.length);
      for (const sc of truth.scenarios) {
        for (const b of sc.bind) bound.add(b.bdf);
        const expected = truth.groups
          .filter((g) => g.devices.some((d) => bound.has(d)))
          .map((g) => g.group)
          .sort();
        assert.deepEqual(
          sc.groups.map((g) => g.group).sort(),
          expected,
          `${sc.name}: groups with a VFIO verdict`,
        );
        for (const g of sc.groups) {
          assert.equal(g.viable, (g.flags & 1) === 1, `${sc.name}: group ${g.group} flags`);
          assert.equal(g.setContainer, g.viable ? 'ok' : 'EPERM', `${sc.name}: group ${g.group}`);
        }
      }
    });

    test('the snapshot is a vfiokit snapshot taken before any binding', () => {
      assert.ok(existsSync(join(snapshot, 'manifest.json')));
      assert.ok(!truth.devices.some((d) => d.driver === 'vfio-pci'));
    });

    test('vfiokit groups --root <snapshot> gives the kernel groups, numbers included', () => {
      const r = runCli(['groups', '--root', snapshot, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout) as GroupsJson;
      assert.deepEqual(partitionOf(report), canonicalGroups(truth.groups.map((g) => g.devices)));
      for (const g of truth.groups) {
        const v = report.groups.find((x) => x.id === Number(g.group));
        assert.deepEqual(v?.devices.map((d) => d.address).sort(), g.devices);
      }
      assert.equal(report.simulation.status, 'agrees', JSON.stringify(report.simulation.differences));
    });

    test('vfiokit groups --simulate --root <snapshot> predicts the kernel groups', () => {
      const r = runCli(['groups', '--simulate', '--root', snapshot, '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        partitionOf(JSON.parse(r.stdout) as GroupsJson),
        canonicalGroups(truth.groups.map((g) => g.devices)),
      );
    });

    test('vfiokit devices --root <snapshot> lists the kernel devices and drivers', () => {
      const r = runCli(['devices', '--root', snapshot, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const list = JSON.parse(r.stdout) as DevicesJson;
      const strip = (h: string) => h.replace(/^0x/, '');
      assert.deepEqual(
        list.devices.map((d) => [
          d.address,
          d.vendor,
          d.device,
          d.class,
          d.driver ?? null,
          String(d.iommuGroup),
        ]),
        truth.devices.map((d) => [
          d.bdf,
          strip(d.vendor),
          strip(d.device),
          strip(d.class),
          d.driver,
          d.group,
        ]),
      );
    });
  });
}
