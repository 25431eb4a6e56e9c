// `vfiokit groups` and `vfiokit explain` through the bundled CLI on fixture snapshots (--root).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildFixture, CLASS, type Fixture, gpuWithAudio } from '../helpers/fixture-builder.js';

let fx: Fixture;
let off: Fixture;

before(() => {
  fx = buildFixture({
    files: { 'proc/cmdline': 'BOOT_IMAGE=/vmlinuz quiet intel_iommu=on' },
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            group: 1,
            children: [gpuWithAudio({ groups: 4, driver: 'vfio-pci', audioDriver: 'snd_hda_intel' })],
          },
          {
            kind: 'root-port',
            dev: 2,
            group: 2,
            children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'nvme', group: 2 }],
          },
        ],
      },
      {
        domain: 0x10000,
        bus: 0xe0,
        devices: [
          { kind: 'root-port', dev: 1, acs: true, group: 12, children: [{ kind: 'endpoint', group: 13 }] },
        ],
      },
    ],
  });
  off = buildFixture({
    iommu: false,
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            children: [gpuWithAudio({ driver: 'nouveau', audioDriver: 'snd_hda_intel' })],
          },
        ],
      },
    ],
  });
});
after(() => {
  fx.cleanup();
  off.cleanup();
});

test('groups --json: the kernel groups (with gaps), verdicts, what to bind, simulator agreement', () => {
  const r = runCli(['groups', '--json', '--root', fx.dir]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'vfiokit.groups/3');
  assert.equal(j.source, 'kernel');
  assert.deepEqual(
    j.groups.map((g: { id: number }) => g.id),
    [0, 1, 2, 4, 12, 13],
  );
  const gpu = j.groups.find((g: { id: number }) => g.id === 4);
  assert.equal(gpu.viable, false);
  assert.equal(gpu.display, true);
  assert.deepEqual(gpu.mustBind, ['0000:01:00.1']);
  const nvme = j.groups.find((g: { id: number }) => g.id === 2);
  assert.deepEqual(nvme.needNot, ['0000:00:02.0']);
  assert.match(nvme.devices[1].hostCritical, /storage/);
  assert.equal(j.simulation.status, 'agrees');
  assert.equal(j.simulation.groupsCompared, 6);
  assert.ok(
    j.groups.some((g: { devices: { address: string }[] }) => g.devices[0].address === '10000:e1:00.0'),
  );
});

test('groups --gpu keeps only display groups; human output names the device to bind', () => {
  const j = JSON.parse(runCli(['groups', '--gpu', '--json', '--root', fx.dir]).stdout);
  assert.deepEqual(
    j.groups.map((g: { id: number }) => g.id),
    [4],
  );
  const r = runCli(['groups', '--gpu', '--root', fx.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /IOMMU group 4 {2}not viable: bind 0000:01:00\.1 to vfio-pci/);
  assert.match(r.stdout, /Simulator: agrees with the kernel on all 6 groups/);
  assert.doesNotMatch(r.stdout, /IOMMU group 2/);
});

test('groups --tree draws root port → endpoint with groups and drivers', () => {
  const r = runCli(['groups', '--tree', '--root', fx.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\[0000:00\]$/m);
  assert.match(r.stdout, /^├─ 0000:00:01\.0 .*root-port {2}group 1 {2}pcieport$/m);
  assert.match(r.stdout, /^│ {2}└─ 0000:01:00\.1 .*group 4 {2}snd_hda_intel$/m);
  assert.match(r.stdout, /^\[10000:e0\]$/m);
});

test('no IOMMU groups: exit 3 with a hint; --simulate shows the predicted groups', () => {
  const r = runCli(['groups', '--root', off.dir]);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /^vfiokit: no IOMMU groups.*\(hint: .*intel_iommu=on.*--simulate/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  const s = runCli(['groups', '--simulate', '--json', '--root', off.dir]);
  assert.equal(s.status, 0, s.stderr);
  const j = JSON.parse(s.stdout);
  assert.equal(j.source, 'simulated');
  assert.equal(j.iommu.enabled, false);
  assert.equal(j.simulation.status, 'not-compared');
  assert.deepEqual(j.groups[1].mustBind, ['0000:01:00.0', '0000:01:00.1']);
});

test('explain names the port without ACS, shows what-ifs and the risk', () => {
  const r = runCli(['explain', '02:00.0', '--root', fx.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0000:02:00\.0 shares IOMMU group 2 with 1 other device/);
  assert.match(r.stdout, /Isolation first breaks at 0000:00:02\.0: .*no ACS capability/);
  assert.match(r.stdout, /downstream +alone in its group/);
  assert.match(r.stdout, /Risk: .*peer-to-peer.*trusted/);
  const j = JSON.parse(runCli(['explain', '0000:01:00.1', '--json', '--root', fx.dir]).stdout);
  assert.equal(j.schema, 'vfiokit.explain/2');
  assert.equal(j.firstBreak.kind, 'multifunction-no-acs');
  assert.deepEqual(j.kernelGroup, { id: 4, members: ['0000:01:00.0', '0000:01:00.1'] });
  const mf = j.whatIf.find((w: { override: string }) => w.override === 'multifunction');
  assert.equal(mf.isolated, true);
});

test('explain --override adds a what-if; bad input is a one-line usage error', () => {
  const j = JSON.parse(
    runCli(['explain', '02:00.0', '--override', 'id:1b36:000c', '--json', '--root', fx.dir]).stdout,
  );
  assert.equal(j.whatIf.at(-1).override, 'id:1b36:000c');
  const bad = runCli(['explain', '02:00.0', '--override', 'everything', '--root', fx.dir]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^vfiokit: "everything" is not a pcie_acs_override mode \(hint: /);
  const addr = runCli(['explain', 'zz:00.0', '--root', fx.dir]);
  assert.equal(addr.status, 2);
  const missing = runCli(['explain', '0000:09:00.0', '--root', fx.dir]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no PCI device 0000:09:00\.0/);
  for (const x of [bad, addr, missing]) assert.doesNotMatch(x.stderr, /\n\s+at /);
});

test('the host report summarises the GPU groups and what to bind', () => {
  const r = runCli(['--json', '--root', fx.dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).gpuGroups, [
    {
      group: 4,
      verdict: 'not-viable',
      viable: false,
      unknownReasons: [],
      devices: ['0000:01:00.0', '0000:01:00.1'],
      mustBind: ['0000:01:00.1'],
      mustUnbind: [],
    },
  ]);
  assert.match(
    runCli(['--root', fx.dir]).stdout,
    /GPU group {5}4: 0000:01:00\.0 0000:01:00\.1 not viable: bind 0000:01:00\.1/,
  );
});

test('explain on a non-root snapshot says the walk is a guess instead of blaming missing ACS silently', () => {
  const nr = buildFixture({
    nonRoot: true,
    rootComplexes: [
      {
        devices: [
          { kind: 'root-port', dev: 1, acs: true, group: 0, children: [{ kind: 'endpoint', group: 1 }] },
        ],
      },
    ],
  });
  try {
    const r = runCli(['explain', '01:00.0', '--root', nr.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /read only in part \(64 bytes\): the ACS registers are unknown, so this walk is a guess; take the snapshot again as root/,
    );
    const j = JSON.parse(runCli(['explain', '01:00.0', '--json', '--root', nr.dir]).stdout);
    assert.deepEqual(j.incomplete, ['0000:01:00.0', '0000:00:01.0']);
  } finally {
    nr.cleanup();
  }
});

test('explain warns when the kernel grouped the device differently from the simulator', () => {
  const odd = buildFixture({
    // The "kernel" isolated an endpoint below a port without ACS: something we do not model.
    rootComplexes: [
      { devices: [{ kind: 'root-port', dev: 1, group: 0, children: [{ kind: 'endpoint', group: 1 }] }] },
    ],
  });
  try {
    const r = runCli(['explain', '01:00.0', '--root', odd.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /The kernel grouped it with 0000:01:00\.0, the simulator with 0000:00:01\.0 0000:01:00\.0/,
    );
    assert.equal(
      JSON.parse(runCli(['explain', '01:00.0', '--json', '--root', odd.dir]).stdout).simulationAgrees,
      false,
    );
  } finally {
    odd.cleanup();
  }
});
