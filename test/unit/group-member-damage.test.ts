// A damaged member never makes a non-viable group viable. On the lab desktop snapshot (Debian's
// kernel under QEMU) the GPU's group 6 holds the VGA function and its HDMI audio function. With the
// VGA function on vfio-pci and the audio function still on snd_hda_intel, the kernel's
// VFIO_GROUP_GET_STATUS said "not viable" (truth.json, scenario gpu-fn0-only); the snapshot is
// put in that state (the VGA function's driver link moved to vfio-pci, as the bind did in the
// guest), so the audio function is the group's only blocker. Each case damages one entry of one
// member the way real snapshots get damaged (links flattened to files by zip or a checkout without
// symlinks, dangling or re-pointed links, missing, empty or malformed attributes, an all-ones
// config space as a device in D3cold returns, a group directory that no longer lists the member).
// None of these changes the kernel's verdict, which depends on the drivers of the members its
// group directory lists; the damage only hides them. So the groups report, the host report and
// doctor's gpu.group must not say viable/ok; `unknown` with a reason, or "not viable", are sound.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { LabTruth } from '../../lab/truth.js';
import { VfiokitError } from '../../src/errors.js';
import { openHostState } from '../../src/host/host-state.js';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { scanPciDevices } from '../../src/host/pci-sysfs.js';
import { DirHostRoot } from '../../src/host/root.js';
import { buildGroupsReport } from '../../src/iommu/groups-report.js';
import { cmdlineOverride, quirkEnvFromHost } from '../../src/iommu/host-env.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { buildHostReport } from '../../src/report/host-report.js';
import { repoRoot } from '../helpers/cli.js';

const fixture = path.join(repoRoot, 'test/fixtures/lab-desktop');
const truth = JSON.parse(fs.readFileSync(path.join(fixture, 'truth.json'), 'utf8')) as LabTruth;
const GROUP = 6;
const slot = 'sys/devices/pci0000:00/0000:00:02.0';
const members = ['0000:01:00.0', '0000:01:00.1'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-member-damage-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The snapshot in the state of scenario gpu-fn0-only: the VGA function on vfio-pci. */
function copyInScenarioState(to: string): void {
  fs.cpSync(path.join(fixture, 'snapshot'), to, { recursive: true, verbatimSymlinks: true });
  const drivers = path.join(to, 'sys/bus/pci/drivers');
  fs.mkdirSync(path.join(drivers, 'vfio-pci'));
  fs.renameSync(path.join(drivers, 'bochs-drm', members[0]), path.join(drivers, 'vfio-pci', members[0]));
  relink(path.join(to, slot, members[0], 'driver'), '../../../../bus/pci/drivers/vfio-pci');
}

/** Replace a symlink by a plain file holding its link text (what zip and link-less checkouts do). */
function flatten(p: string): void {
  const text = fs.readlinkSync(p);
  fs.rmSync(p);
  fs.writeFileSync(p, text);
}

function relink(p: string, target: string): void {
  fs.rmSync(p);
  fs.symlinkSync(target, p);
}

function replaceWithDir(p: string): void {
  fs.rmSync(p);
  fs.mkdirSync(p);
}

const DAMAGE: { name: string; apply: (dev: string, bdf: string, snap: string) => void }[] = [
  { name: 'driver link flattened to a file', apply: (dev) => flatten(path.join(dev, 'driver')) },
  {
    name: 'driver link dangling',
    apply: (dev) => relink(path.join(dev, 'driver'), '../../../../bus/pci/drivers/gone'),
  },
  { name: 'driver link looping', apply: (dev) => relink(path.join(dev, 'driver'), 'driver') },
  { name: 'iommu_group link flattened to a file', apply: (dev) => flatten(path.join(dev, 'iommu_group')) },
  {
    name: 'iommu_group link dangling',
    apply: (dev) => relink(path.join(dev, 'iommu_group'), '../../../../kernel/iommu_groups/99'),
  },
  {
    name: 'iommu_group link pointing at another group than the group directory lists',
    apply: (dev) => relink(path.join(dev, 'iommu_group'), '../../../../kernel/iommu_groups/7'),
  },
  {
    name: "the group directory's entry for the member removed",
    apply: (_dev, bdf, snap) => fs.rmSync(path.join(snap, `sys/kernel/iommu_groups/${GROUP}/devices`, bdf)),
  },
  {
    name: "the bus's device link flattened to a file",
    apply: (_dev, bdf, snap) => flatten(path.join(snap, 'sys/bus/pci/devices', bdf)),
  },
  {
    name: "the bus's device link dangling",
    apply: (_dev, bdf, snap) => relink(path.join(snap, 'sys/bus/pci/devices', bdf), '../../../devices/gone'),
  },
  { name: 'class removed', apply: (dev) => fs.rmSync(path.join(dev, 'class')) },
  { name: 'class emptied', apply: (dev) => fs.writeFileSync(path.join(dev, 'class'), '') },
  { name: 'class malformed', apply: (dev) => fs.writeFileSync(path.join(dev, 'class'), '0xzz0300\n') },
  { name: 'class replaced by a directory', apply: (dev) => replaceWithDir(path.join(dev, 'class')) },
  { name: 'vendor removed', apply: (dev) => fs.rmSync(path.join(dev, 'vendor')) },
  { name: 'config emptied', apply: (dev) => fs.writeFileSync(path.join(dev, 'config'), '') },
  {
    name: 'config all ones (a device in D3cold)',
    apply: (dev) =>
      fs.writeFileSync(
        path.join(dev, 'config'),
        Buffer.alloc(fs.statSync(path.join(dev, 'config')).size, 0xff),
      ),
  },
  { name: 'config replaced by a directory', apply: (dev) => replaceWithDir(path.join(dev, 'config')) },
  { name: 'the device directory removed', apply: (dev) => fs.rmSync(dev, { recursive: true }) },
];

interface Claims {
  groups: boolean;
  hostReport: boolean;
  doctor: string | undefined;
}

/** What each analysis claims about the GPU's group; a one-line VfiokitError counts as no claim. */
async function claims(root: DirHostRoot): Promise<Claims> {
  const out: Claims = { groups: false, hostReport: false, doctor: undefined };
  const guard = async (fn: () => unknown) => {
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof VfiokitError)) throw e;
      assert.ok(!e.message.includes('\n'), `multi-line error: ${e.message}`);
    }
  };
  await guard(() => {
    const scan = scanPciDevices(root, { facts: 'grouping' });
    const devices = scan.devices;
    const report = buildGroupsReport({
      root: root.dir,
      devices,
      kernel: readKernelGroups(root),
      env: quirkEnvFromHost(openHostState(root)),
      cmdlineOverride: cmdlineOverride(openHostState(root)),
      source: 'kernel',
      unreadable: scan.unreadable,
      flattened: scan.flattened,
    });
    out.groups = report.groups.some((g) => g.id === GROUP && g.viable === true);
  });
  await guard(() => {
    out.hostReport = buildHostReport(openHostState(root)).gpuGroups.some(
      (g) => g.group === GROUP && g.viable === true,
    );
  });
  await guard(async () => {
    const d = await buildDoctorReport(openHostState(root), { readRoms: false });
    out.doctor = d.checks.find((c) => c.id === 'gpu.group' && c.device === members[0])?.verdict;
  });
  return out;
}

test("undamaged, in the kernel's non-viable state: every analysis says not viable", async () => {
  const kg = truth.groups.find((g) => g.group === String(GROUP));
  assert.deepEqual(kg?.devices, members);
  const scenario = truth.scenarios.find((s) => s.name === 'gpu-fn0-only');
  const verdict = scenario?.groups.find((g) => g.group === String(GROUP));
  assert.deepEqual(
    verdict?.devices.map((d) => [d.bdf, d.driver]),
    [
      [members[0], 'vfio-pci'],
      [members[1], 'snd_hda_intel'],
    ],
  );
  assert.equal(verdict?.viable, false);
  const snap = path.join(tmp, 'undamaged');
  copyInScenarioState(snap);
  const c = await claims(new DirHostRoot(snap));
  assert.equal(c.groups, false);
  assert.equal(c.hostReport, false);
  assert.ok(c.doctor && c.doctor !== 'ok', `doctor gpu.group ${c.doctor}`);
});

let n = 0;
for (const bdf of members) {
  for (const d of DAMAGE) {
    const name = `${bdf}: ${d.name}`;
    test(name, async () => {
      const snap = path.join(tmp, `case-${n++}`);
      copyInScenarioState(snap);
      d.apply(path.join(snap, slot, bdf), bdf, snap);
      const c = await claims(new DirHostRoot(snap));
      const wrong = [
        c.groups && 'the groups report calls group 6 viable',
        c.hostReport && 'the host report calls group 6 viable',
        c.doctor === 'ok' && "doctor's gpu.group is ok",
      ].filter(Boolean);
      assert.deepEqual(wrong, []);
      fs.rmSync(snap, { recursive: true, force: true });
    });
  }
}

test('every damage case is registered for both members', () => {
  assert.equal(n, 36);
  assert.equal(DAMAGE.length * members.length, 36);
});
