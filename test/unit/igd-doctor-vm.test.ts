// Doctor runs the IGD checks when the IGD is a device it checks (the only GPU, or --device), and
// not for a host whose IGD stays host graphics beside a discrete GPU. The VM-side bits for each
// mode use only properties the installed QEMU's vfio-pci declares (`-device vfio-pci,help`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { igdVmConfig } from '../../src/igd/vm-config.js';
import { runCli } from '../helpers/cli.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { writeHostFiles } from '../helpers/host-fixture.js';
import { buildIgdHost, IGD_HOSTS, PREPARED_HOST } from '../helpers/igd-hosts.js';
import { desktopPci } from '../helpers/setup-host.js';

test('doctor: IGD checks when the IGD is the GPU being checked, none otherwise', () => {
  const hsw = IGD_HOSTS.find((c) => c.name === 'haswell')!;
  const fx = buildIgdHost(hsw, PREPARED_HOST);
  try {
    const r = runCli(['--root', fx.dir, '--json', 'doctor', '--no-rom']);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.devices, ['0000:00:02.0']);
    const igd = doc.checks.filter((c: { group: string }) => c.group === 'igd');
    const ids = igd.map((c: { id: string }) => c.id);
    assert.equal(ids[0], 'igd.mode');
    assert.equal(igd[0].verdict, 'ok');
    assert.match(igd[0].evidence.join('\n'), /legacy mode: possible\nUPT mode: not-possible \(igd\.upt\)/);
    for (const id of ['igd.generation', 'igd.vfio-vga', 'igd.lpc-bridge', 'igd.stolen'])
      assert.ok(ids.includes(id), id);
    // The GPU checks doctor already runs are not repeated in the IGD section.
    for (const id of ['igd.driver', 'igd.framebuffer']) assert.ok(!ids.includes(id), id);
    assert.ok(doc.checks.some((c: { id: string }) => c.id === 'gpu.framebuffer'));
  } finally {
    fx.cleanup();
  }
  // With a discrete GPU beside it (IGD boot VGA on i915), doctor checks the discrete one and
  // leaves the IGD alone; naming the IGD with --device brings its checks back.
  const desk = buildFixture(desktopPci);
  writeHostFiles(desk.dir, PREPARED_HOST);
  try {
    const plain = JSON.parse(runCli(['--root', desk.dir, '--json', 'doctor', '--no-rom']).stdout);
    assert.deepEqual(plain.devices, ['0000:01:00.0']);
    assert.ok(!plain.checks.some((c: { group: string }) => c.group === 'igd'));
    const named = JSON.parse(
      runCli(['--root', desk.dir, '--json', 'doctor', '--no-rom', '--device', '00:02.0']).stdout,
    );
    const mode = named.checks.find((c: { id: string }) => c.id === 'igd.mode');
    // 8086:3e92 is Coffee Lake (gen 9): UPT is possible; it has no LPC bridge at 1f.0 and it has no LPC bridge at 1f.0 and
    // its ASLS reads 0 (no OpRegion), so legacy is not.
    assert.equal(mode.verdict, 'ok');
    assert.match(mode.evidence[0], /^legacy mode: not-possible \(igd\.lpc-bridge, igd\.opregion\)$/);
  } finally {
    desk.cleanup();
  }
});

function vfioPciProperties(): Set<string> | undefined {
  const r = spawnSync('qemu-system-x86_64', ['-device', 'vfio-pci,help'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return new Set([...r.stdout.matchAll(/^\s+([a-z0-9-]+)=</gm)].map((m) => m[1]));
}

test('VM bits for legacy and UPT mode: QEMU knows every property, the XML is well formed', (t) => {
  const configs = [
    igdVmConfig('legacy'),
    igdVmConfig('legacy', { romFile: '/usr/share/kvm/igd.rom' }),
    igdVmConfig('upt'),
    igdVmConfig('upt', { opregion: true, uptSlot: 0x10 }),
  ];
  assert.match(configs[0].qemuDevice, /^vfio-pci,host=0000:00:02\.0,id=hostdev0,bus=pci\.0,addr=0x2$/);
  assert.deepEqual(configs[0].qemuArgs, ['-machine', 'pc', '-nographic', '-vga', 'none']);
  assert.match(configs[3].qemuDevice, /addr=0x10,x-igd-opregion=on$/);
  assert.throws(() => igdVmConfig('upt', { uptSlot: 2 }), /other than 02/);
  for (const c of configs) {
    const doc = new DOMParser().parseFromString(c.libvirtHostdev, 'text/xml');
    assert.equal(doc.documentElement?.nodeName, 'hostdev');
  }
  const props = vfioPciProperties();
  if (!props) {
    t.skip('no qemu-system-x86_64 here');
    return;
  }
  let checked = 0;
  for (const c of configs) {
    for (const kv of c.qemuDevice.split(',').slice(1)) {
      const key = kv.split('=')[0];
      // id, bus and addr belong to every device (qdev), not to vfio-pci's own list.
      if (key === 'id' || key === 'bus') continue;
      assert.ok(props.has(key), `QEMU's vfio-pci has no property ${key}`);
      checked++;
    }
  }
  assert.ok(checked >= 6, `checked ${checked}`);
});
