// `vfiokit devices` and `vfiokit device` through the bundled CLI on fixture-built snapshots.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildFixture, desktop, fixtureManifest } from '../helpers/fixture-builder.js';

const fx = buildFixture(desktop);
const nonRoot = buildFixture({ ...desktop, nonRoot: true });
after(() => {
  fx.cleanup();
  nonRoot.cleanup();
});

test('devices --json: schema, every device, hex IDs as lspci -n prints them', () => {
  const r = runCli(['--root', fx.dir, '--json', 'devices']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'vfiokit.devices/1');
  assert.equal(j.devices.length, 20);
  const gpu = j.devices.find((d: { address: string }) => d.address === '0000:01:00.0');
  assert.equal(gpu.vendor, '10de');
  assert.equal(gpu.device, '1b80');
  assert.equal(gpu.class, '030000');
  assert.equal(gpu.iommuGroup, 5);
  assert.equal(gpu.driver, 'vfio-pci');
  assert.equal(gpu.bootVga, true);
  assert.deepEqual(
    gpu.capabilities.map((c: { offset: string; id: string }) => `${c.offset}:${c.id}`),
    ['40:01', '48:05', '60:10', '9c:09', '100:0015'],
  );
  assert.equal(gpu.capabilities[0].details, undefined, 'details only in `device`');
});

test('devices --class and --vendor filter; bad values are usage errors on one line', () => {
  const gpus = JSON.parse(runCli(['--root', fx.dir, '--json', 'devices', '--class', 'gpu']).stdout);
  assert.deepEqual(
    gpus.devices.map((d: { address: string }) => d.address),
    ['0000:01:00.0'],
  );
  const audio = JSON.parse(runCli(['--root', fx.dir, '--json', 'devices', '--class', 'audio']).stdout);
  assert.deepEqual(
    audio.devices.map((d: { address: string }) => d.address),
    ['0000:01:00.1'],
  );
  const storage = JSON.parse(runCli(['--root', fx.dir, '--json', 'devices', '--class', 'storage']).stdout);
  assert.deepEqual(
    storage.devices.map((d: { address: string }) => d.address),
    ['0000:00:0e.0', '0000:04:00.0', '0000:07:01.0', '10000:e1:00.0'],
  );
  const nvidia = JSON.parse(runCli(['--root', fx.dir, '--json', 'devices', '--vendor', '0x10DE']).stdout);
  assert.equal(nvidia.devices.length, 2);
  for (const args of [
    ['devices', '--class', 'sound'],
    ['devices', '--vendor', 'nvidia'],
    ['device', '0000:01:00'],
  ]) {
    const r = runCli(['--root', fx.dir, ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /hint:/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('devices shows names from pci.ids, and the IDs when the file is missing', () => {
  const named = runCli(['--root', fx.dir, 'devices', '--class', 'gpu']);
  assert.match(named.stdout, /VGA compatible controller \[0300\]: NVIDIA Corporation .*\[10de:1b80\]/);
  const bare = runCli(['--root', fx.dir, 'devices', '--class', 'gpu'], {
    env: { VFIOKIT_PCI_IDS: '/nonexistent' },
  });
  assert.equal(bare.status, 0);
  assert.match(bare.stdout, /0000:01:00\.0 Class \[0300\]: Vendor 10de Device 1b80 \[10de:1b80\]/);
});

test('device BDF: capabilities decoded, ACS cap and control bits, --json with details', () => {
  const r = runCli(['--root', fx.dir, 'device', '03:01.0']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\[60\] PCI Express: v2, Downstream Port, Slot\+/);
  assert.match(
    r.stdout,
    /ACSCap: SrcValid\+ TransBlk\+ ReqRedir\+ CmpltRedir\+ UpstreamFwd\+ EgressCtrl- DirectTrans- {2}\(0x001f\)/,
  );
  assert.match(
    r.stdout,
    /ACSCtl: SrcValid\+ TransBlk- ReqRedir\+ CmpltRedir\+ UpstreamFwd\+ EgressCtrl- DirectTrans- {2}\(0x001d\)/,
  );
  const j = JSON.parse(runCli(['--root', fx.dir, '--json', 'device', '0000:05:00.0']).stdout);
  assert.equal(j.schema, 'vfiokit.device/1');
  assert.deepEqual(j.device.sriov, {
    totalVfs: 8,
    numVfs: 3,
    vfs: ['0000:05:00.1', '0000:05:00.2', '0000:05:00.3'],
  });
  const sriov = j.device.capabilities.find((c: { id: string }) => c.id === '0010');
  assert.equal(sriov.details.vfDeviceId, '10ed');
  const acs = JSON.parse(runCli(['--root', fx.dir, '--json', 'device', '0000:00:01.0']).stdout).device.acs;
  assert.equal(acs.ctrlRegister, 0x1d);
  assert.deepEqual(acs.upstreamForwarding, { capable: true, enabled: true });
});

test('device BDF that does not exist: exit 1 with a hint; non-root config says what is unknown', () => {
  const r = runCli(['--root', fx.dir, 'device', '0000:09:00.0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no PCI device 0000:09:00\.0 .*hint: list the addresses with `vfiokit devices`/);
  const nr = runCli(['--root', nonRoot.dir, 'device', '01:00.0']);
  assert.equal(nr.status, 0, nr.stderr);
  assert.match(nr.stdout, /Config space: +64 bytes \(truncated\)/);
  assert.match(nr.stdout, /Unknown: capabilities, extended capabilities/);
  assert.doesNotMatch(nr.stdout, /Capabilities:/);
  const j = JSON.parse(runCli(['--root', nonRoot.dir, '--json', 'device', '01:00.0']).stdout);
  assert.deepEqual(j.device.config, {
    size: 64,
    truncated: true,
    unknown: ['capabilities', 'extended capabilities'],
  });
});

test('a root without PCI sysfs is an environment problem (exit 3), not an empty list', () => {
  // A directory that is no snapshot at all is refused before anything is read from it.
  const r = runCli(['--root', '/usr/share', 'devices']);
  assert.equal(r.status, 3);
  assert.match(
    r.stderr,
    /^vfiokit: \/usr\/share has no manifest\.json: not a complete vfiokit snapshot \(hint: /,
  );
  // A snapshot (it has a manifest) without PCI sysfs.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-nosys-'));
  try {
    fs.writeFileSync(path.join(dir, 'manifest.json'), fixtureManifest());
    const e = runCli(['--root', dir, 'devices']);
    assert.equal(e.status, 3);
    assert.match(e.stderr, /no PCI sysfs at \S+\/sys\/bus\/pci\/devices \(hint: give --root a snapshot/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
