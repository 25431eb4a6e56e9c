// Real-kernel truth: snapshots the lab took inside Debian's kernel under QEMU with an emulated
// VT-d (test/fixtures/lab-*/snapshot), with the kernel's groups and, per binding scenario, its
// VFIO_GROUP_GET_STATUS verdicts (truth.json). vfiokit must list the kernel's groups exactly, the
// simulator must predict them from config space alone, and the viability verdict must be the kernel's.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';
import { joinGroups } from '../../src/iommu/groups.js';
import { simulateGroups } from '../../src/iommu/simulate.js';
import { groupViability } from '../../src/iommu/viability.js';
import { repoRoot, runCli } from '../helpers/cli.js';

interface Truth {
  topology: string;
  kernel: string;
  groups: { group: string; devices: string[] }[];
  scenarios: {
    name: string;
    groups: { group: string; devices: { bdf: string; driver: string | null }[]; viable: boolean }[];
  }[];
}

const fixtures = join(repoRoot, 'test/fixtures');
const labs = readdirSync(fixtures)
  .filter((d) => d.startsWith('lab-') && existsSync(join(fixtures, d, 'truth.json')))
  .sort();

const canonical = (groups: string[][]) =>
  groups.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()));

test('the lab fixtures are present', () => {
  assert.ok(labs.length >= 4, `lab fixtures: ${labs.join(', ')}`);
});

for (const lab of labs) {
  const dir = join(fixtures, lab, 'snapshot');
  const truth = JSON.parse(readFileSync(join(fixtures, lab, 'truth.json'), 'utf8')) as Truth;
  const expected = canonical(truth.groups.map((g) => g.devices));

  test(`${lab}: groups --json lists the kernel's groups with their numbers and agrees with the simulator`, () => {
    const r = runCli(['groups', '--json', '--root', dir]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const kg of truth.groups) {
      const g = j.groups.find((x: { id: number }) => x.id === Number(kg.group));
      assert.deepEqual(
        g?.devices.map((d: { address: string }) => d.address),
        kg.devices,
        `group ${kg.group}`,
      );
    }
    assert.equal(j.groups.length, truth.groups.length);
    assert.equal(j.simulation.status, 'agrees', JSON.stringify(j.simulation.differences));
  });

  test(`${lab}: the simulator predicts the kernel's ${truth.kernel} groups exactly, numbers included`, () => {
    const sim = simulateGroups(readPciDevices(new DirHostRoot(dir)));
    assert.deepEqual(canonical(sim.groups.map((g) => g.devices)), expected);
    assert.deepEqual(sim.incomplete, []);
    // Groups are allocated in enumeration order, so with only PCI devices the numbers match too.
    for (const kg of truth.groups)
      assert.deepEqual([...sim.groups[Number(kg.group)].devices].sort(), kg.devices);
  });

  test(`${lab}: viability equals the kernel's VFIO verdict in every binding scenario`, () => {
    const root = new DirHostRoot(dir);
    const devices = readPciDevices(root);
    const groups = joinGroups(readKernelGroups(root), devices);
    let judged = 0;
    for (const s of truth.scenarios) {
      for (const tg of s.groups) {
        const g = groups.find((x) => x.id === Number(tg.group));
        assert.ok(g, `${s.name}: group ${tg.group}`);
        const driverOf = new Map(tg.devices.map((d) => [d.bdf, d.driver ?? undefined]));
        const bound = { ...g, devices: g.devices.map((d) => ({ ...d, driver: driverOf.get(d.address) })) };
        const v = groupViability(bound);
        assert.equal(v.viable, tg.viable, `${s.name}: group ${tg.group} ${JSON.stringify(tg.devices)}`);
        // What is left to do is empty exactly when the kernel's ioctl said viable, and names only
        // members that a driver other than vfio-pci held (the kernel never blocks on a device
        // without a driver, nor on vfio-pci).
        const todo = [...v.mustBind, ...v.mustUnbind];
        assert.equal(
          todo.length === 0,
          tg.viable,
          `${s.name}: group ${tg.group}: left to do ${todo.join(', ')}`,
        );
        for (const b of todo) {
          const m = tg.devices.find((d) => d.bdf === b);
          assert.ok(
            m?.driver && m.driver !== 'vfio-pci',
            `${s.name}: group ${tg.group}: ${b} on ${m?.driver}`,
          );
        }
        judged++;
      }
    }
    // Every verdict the kernel gave in every scenario was judged.
    assert.equal(
      judged,
      truth.scenarios.reduce((n, sc) => n + sc.groups.length, 0),
    );
    assert.ok(judged > 0);
  });
}

test('lab-desktop: explain of the HDMI-audio function names the conventional-PCI multifunction pair, which no override can split', () => {
  const dir = join(fixtures, 'lab-desktop', 'snapshot');
  const r = runCli(['explain', '0000:01:00.1', '--json', '--root', dir]);
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.equal(e.firstBreak.kind, 'multifunction-no-acs');
  assert.deepEqual(e.kernelGroup.members, ['0000:01:00.0', '0000:01:00.1']);
  assert.equal(e.simulationAgrees, true);
  assert.match(e.overrideCannotHelp, /conventional PCI function/);
  assert.ok(e.whatIf.every((w: { isolated: boolean }) => !w.isolated));
});

test("on every real kernel's snapshot the device links agree with the group directories", () => {
  let groups = 0;
  for (const lab of labs) {
    const root = new DirHostRoot(join(fixtures, lab, 'snapshot'));
    const devices = readPciDevices(root);
    const joined = joinGroups(readKernelGroups(root), devices);
    groups += joined.length;
    for (const g of joined) assert.deepEqual(g.unknown, [], `${lab} group ${g.id}`);
    for (const d of devices) {
      const g = joined.find((x) => x.devices.includes(d));
      assert.equal(d.iommuGroup, g?.id, `${lab} ${d.address}`);
    }
  }
  assert.ok(groups >= 4 * labs.length, `only ${groups} groups`);
});
