// Fleet reports over snapshot sets: lab snapshots (the kernel made their groups) and builder hosts
// that differ in isolation, drivers and addresses. Expected verdicts follow from the kernel's
// viability rule (DESIGN.md, verified in the lab) applied to each built topology by hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { diffSnapshots } from '../../src/fleet/drift.js';
import { summarizeHost } from '../../src/fleet/host-summary.js';
import { expandInputs } from '../../src/fleet/inputs.js';
import { readHosts } from '../../src/fleet/pool.js';
import { openSnapshot, readHost } from '../../src/fleet/read-host.js';
import { buildFleetReport } from '../../src/fleet/report.js';
import { ArchiveHostRoot } from '../../src/host/archive-root.js';
import { DirHostRoot } from '../../src/host/root.js';
import { writeArchive } from '../../src/host/snapshot-archive.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { fixtureManifest } from '../helpers/fixture-builder.js';
import { buildGpuHost } from '../helpers/fleet-hosts.js';
import { assertValidJson } from '../helpers/json-schema.js';

const lab = (n: string) => path.join(repoRoot, `test/fixtures/lab-${n}/snapshot`);

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-fleet-test-'));
}

test('builder hosts: isolation, drivers and missing remapping decide each GPU', async () => {
  const dir = tmp();
  try {
    // good: two cards behind ACS root ports, on vfio-pci. shared: the first card's group also
    // holds an igb NIC. hostdrv: cards on the vendor driver (isolated, not viable until bound).
    // noremap: no interrupt remapping line in the kernel log.
    buildGpuHost({}, path.join(dir, 'good'));
    buildGpuHost({ sharedFirstGpu: true }, path.join(dir, 'shared'));
    buildGpuHost({ driver: 'nvidia' }, path.join(dir, 'hostdrv'));
    buildGpuHost({ noRemapping: true }, path.join(dir, 'noremap'));
    buildGpuHost({ iommu: false }, path.join(dir, 'noiommu'));
    const inputs = expandInputs([dir]);
    assert.deepEqual(
      inputs.map((i) => i.name),
      ['good', 'hostdrv', 'noiommu', 'noremap', 'shared'],
    );
    const hosts = await readHosts(inputs, { jobs: 1 });
    const by = new Map(hosts.map((h) => [h.name, h]));
    const verdicts = (n: string) => by.get(n)?.devices.map((d) => `${d.address} ${d.verdict}`);
    assert.deepEqual(verdicts('good'), ['0000:01:00.0 assignable', '0000:02:00.0 assignable']);
    assert.deepEqual(verdicts('shared'), ['0000:01:00.0 not-assignable', '0000:02:00.0 assignable']);
    const shared = by.get('shared')!.devices[0];
    assert.equal(shared.isolation, 'shared');
    assert.deepEqual(shared.sharedWith, ['0000:01:01.0']);
    assert.deepEqual(shared.companions, ['0000:01:00.1']);
    // The NIC on igb blocks the group; the GPU and its audio on vfio-pci do not.
    assert.deepEqual(shared.mustBind, ['0000:01:01.0']);
    const hd = by.get('hostdrv')!.devices[0];
    assert.equal(hd.verdict, 'assignable');
    assert.equal(hd.viable, false);
    assert.deepEqual(hd.mustBind, ['0000:01:00.0', '0000:01:00.1']);
    assert.equal(by.get('good')!.devices[0].viable, true);
    assert.deepEqual(verdicts('noremap'), ['0000:01:00.0 unknown', '0000:02:00.0 unknown']);
    assert.match(by.get('noremap')!.devices[0].reasons[0], /interrupt remapping not confirmed/);
    assert.deepEqual(verdicts('noiommu'), ['0000:01:00.0 not-assignable', '0000:02:00.0 not-assignable']);
    assert.match(by.get('noiommu')!.devices[0].reasons[0], /IOMMU off/);

    const r = buildFleetReport(hosts);
    assert.equal(r.models.length, 1);
    const m = r.models[0];
    assert.equal(m.vendorDevice, '10de:1eb8');
    assert.deepEqual(m.subsystems, ['10de:12a2']);
    assert.deepEqual(
      m.assignable.map((x) => x.host),
      ['good', 'hostdrv'],
    );
    assert.deepEqual(
      m.notAssignable.map((x) => x.host),
      ['noiommu', 'shared'],
    );
    assert.deepEqual(
      m.unknown.map((x) => x.host),
      ['noremap'],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('lab snapshots: the QEMU NVMe is isolated on the server (switch port) and shares group 1 without ACS', () => {
  const models = ['1b36:0010'];
  const server = readHost({ name: 'server', path: lab('server') }, models);
  const noacs = readHost({ name: 'noacs', path: lab('noacs') }, models);
  // truth.json of each lab run: server 03:00.0 nvme in group 6 with its downstream port 02:00.0;
  // noacs 02:00.0 nvme in group 1 with 01:00.0 e1000e and 03:00.0 (edu), all behind ports without ACS.
  assert.equal(server.devices.length, 1);
  assert.equal(server.devices[0].address, '0000:03:00.0');
  assert.equal(server.devices[0].isolation, 'isolated');
  assert.equal(server.devices[0].verdict, 'assignable');
  assert.equal(noacs.devices.length, 1);
  assert.equal(noacs.devices[0].isolation, 'shared');
  assert.deepEqual(noacs.devices[0].sharedWith, ['0000:01:00.0', '0000:03:00.0']);
  assert.equal(noacs.devices[0].verdict, 'not-assignable');
  const desktop = readHost({ name: 'desktop', path: lab('desktop') });
  // The bochs VGA and its audio function on snd_hda_intel: group 6 alone, not viable until bound.
  assert.equal(desktop.devices.length, 1);
  assert.deepEqual(
    [desktop.devices[0].address, desktop.devices[0].group, desktop.devices[0].viable],
    ['0000:01:00.0', 6, false],
  );
  assert.equal(desktop.interruptRemapping?.verdict, 'ok');
});

test('worker threads from source give what one thread gives', async () => {
  const inputs = ['desktop', 'noacs', 'server', 'legacy'].map((n) => ({ name: n, path: lab(n) }));
  const models = ['1b36:0010'];
  assert.deepEqual(
    await readHosts(inputs, { jobs: 2, models }),
    await readHosts(inputs, { jobs: 1, models }),
  );
});

test('unreadable and damaged snapshots are unknown with the reason, never assignable', async () => {
  const dir = tmp();
  try {
    const good = buildGpuHost({}, path.join(dir, 'good'));
    await writeArchive(good.dir, path.join(dir, 'good.tar.gz'));
    const bytes = fs.readFileSync(path.join(dir, 'good.tar.gz'));
    fs.writeFileSync(path.join(dir, 'cut.tar.gz'), bytes.subarray(0, bytes.length >> 1));
    fs.writeFileSync(path.join(dir, 'junk.tar.gz'), 'not gzip');
    fs.mkdirSync(path.join(dir, 'empty/sys'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'empty/manifest.json'), fixtureManifest());
    const inputs = [
      { name: 'good', path: path.join(dir, 'good.tar.gz') },
      { name: 'cut', path: path.join(dir, 'cut.tar.gz') },
      { name: 'junk', path: path.join(dir, 'junk.tar.gz') },
      { name: 'empty', path: path.join(dir, 'empty') },
      { name: 'missing', path: path.join(dir, 'missing.tar.gz') },
    ];
    const hosts = await readHosts(inputs, { jobs: 1 });
    assert.deepEqual(
      hosts.map((h) => h.status),
      ['read', 'unreadable', 'unreadable', 'unreadable', 'unreadable'],
    );
    assert.match(hosts[1].error!, /cut\.tar\.gz: (not a gzip file, or damaged|truncated archive)/);
    assert.match(hosts[3].error!, /no PCI devices/);
    assert.match(hosts[4].error!, /does not exist/);
    const r = buildFleetReport(hosts);
    assert.equal(r.summary.unreadable, 4);
    assert.deepEqual(
      r.models[0].assignable.map((x) => x.host),
      ['good'],
    );
    assert.deepEqual(
      r.models[0].unknown.map((x) => x.host),
      ['cut', 'junk', 'empty', 'missing'],
    );
    for (const u of r.models[0].unknown) assert.match(u.reasons[0], /^snapshot unreadable: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an archive read in memory gives the same summary as its unpacked tree', async () => {
  const dir = tmp();
  try {
    let n = 0;
    for (const src of [
      lab('desktop'),
      lab('noacs'),
      lab('server'),
      buildGpuHost({ sharedFirstGpu: true }, path.join(dir, 'b')).dir,
    ]) {
      const file = path.join(dir, `s${n++}.tar.gz`);
      await writeArchive(src, file);
      const a = summarizeHost(ArchiveHostRoot.open(file), 'x', 'x', ['1b36:0010', '1b36:000d']);
      const b = summarizeHost(new DirHostRoot(src), 'x', 'x', ['1b36:0010', '1b36:000d']);
      assert.deepEqual(a, b);
      assert.equal(a.status, 'read');
    }
    assert.equal(n, 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('drift: added, removed and moved devices, changed groups and drivers', () => {
  const dir = tmp();
  try {
    // before: two cards at buses 1 and 2. after a firmware update: an NVMe root port (device 31)
    // takes bus 1, so the cards behind the same ports (00:01.0, 00:02.0) sit at buses 2 and 3
    // (moved, matched by position); the first card's group now holds a NIC (its port lost ACS).
    const before = buildGpuHost({}, path.join(dir, 'before'));
    const after = buildGpuHost({ shiftBuses: 1, sharedFirstGpu: true }, path.join(dir, 'after'));
    const d = diffSnapshots(openSnapshot(before.dir), openSnapshot(after.dir));
    assert.deepEqual(
      d.moved.map((m) => `${m.from}→${m.to} ${m.matchedBy}`),
      [
        '0000:01:00.0→0000:02:00.0 position',
        '0000:01:00.1→0000:02:00.1 position',
        '0000:02:00.0→0000:03:00.0 position',
        '0000:02:00.1→0000:03:00.1 position',
      ],
    );
    assert.deepEqual(
      d.added.map((x) => `${x.address} ${x.vendorDevice}`),
      ['0000:00:1f.0 1b36:000c', '0000:01:00.0 144d:a808', '0000:02:01.0 8086:1533'],
    );
    assert.deepEqual(d.removed, []);
    const g = d.groupsChanged.find((x) => x.address === '0000:02:00.0');
    assert.ok(g, JSON.stringify(d.groupsChanged));
    assert.deepEqual(g.before, ['0000:02:00.1']);
    assert.deepEqual(g.after, ['0000:00:01.0', '0000:02:00.1', '0000:02:01.0']);
    // The second card kept its group's members (compared through the address map).
    assert.ok(!d.groupsChanged.some((x) => x.address === '0000:03:00.0'));
    const v = d.verdictsChanged.find((x) => x.address === '0000:02:00.0');
    assert.deepEqual([v?.old, v?.new], ['assignable', 'not-assignable']);
    // Removed: the reverse diff.
    const r = diffSnapshots(openSnapshot(after.dir), openSnapshot(before.dir));
    assert.deepEqual(
      r.removed.map((x) => x.address),
      ['0000:00:1f.0', '0000:01:00.0', '0000:02:01.0'],
    );
    // A driver change on the same address.
    const drv = buildGpuHost({ driver: 'nvidia' }, path.join(dir, 'drv'));
    const dd = diffSnapshots(openSnapshot(before.dir), openSnapshot(drv.dir));
    assert.deepEqual(
      dd.driversChanged.map((x) => `${x.address} ${x.old}→${x.new}`),
      [
        '0000:01:00.0 vfio-pci→nvidia',
        '0000:01:00.1 vfio-pci→nvidia',
        '0000:02:00.0 vfio-pci→nvidia',
        '0000:02:00.1 vfio-pci→nvidia',
      ],
    );
    assert.deepEqual([dd.added, dd.removed, dd.moved, dd.groupsChanged], [[], [], [], []]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the built CLI reads archives with worker threads and prints the documented JSON', async () => {
  const dir = tmp();
  try {
    for (const [n, o] of [
      ['a', {}],
      ['b', { sharedFirstGpu: true }],
      ['c', { driver: 'nvidia' }],
    ] as const) {
      const f = buildGpuHost(o, path.join(dir, `tree-${n}`));
      await writeArchive(f.dir, path.join(dir, `node-${n}.tar.gz`));
      fs.rmSync(f.dir, { recursive: true });
    }
    const r = runCli(['fleet', '--json', '--jobs', '2', dir]);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schema, 'vfiokit.fleet/2');
    assert.deepEqual(
      j.hosts.map((h: { name: string }) => h.name),
      ['node-a', 'node-b', 'node-c'],
    );
    assert.deepEqual(
      j.models[0].notAssignable.map((x: { host: string }) => x.host),
      ['node-b'],
    );
    assertValidJson(j, 'vfiokit.fleet/2');
    const human = runCli(['fleet', dir]);
    assert.match(
      human.stdout,
      /node-b .*\n {2}0000:01:00\.0 \+ 0000:01:00\.1 \[10de:1eb8\] vfio-pci, group 1 shared, bind 0000:01:01\.0: not assignable/,
    );
    const diff = runCli([
      'fleet',
      '--json',
      '--diff',
      path.join(dir, 'node-a.tar.gz'),
      path.join(dir, 'node-c.tar.gz'),
    ]);
    const dj = JSON.parse(diff.stdout);
    assert.equal(dj.schema, 'vfiokit.fleet-diff/2');
    assert.equal(dj.driversChanged.length, 4);
    assertValidJson(dj, 'vfiokit.fleet-diff/2');
    const bad = runCli(['fleet', '--diff', path.join(dir, 'node-a.tar.gz')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^vfiokit: --diff takes two snapshots/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
