// Doctor runs the IGD checks when the IGD is a device it checks (the only GPU, or --device), and
// not for a host whose IGD stays host graphics beside a discrete GPU. The VM-side bits for each
// mode are tested with the VM spec (test/unit/vm-igd.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { writeHostFiles } from '../helpers/host-fixture.js';
import { buildIgdHost, IGD_HOSTS, PREPARED_HOST } from '../helpers/igd-hosts.js';
import { desktopPci } from '../helpers/setup-host.js';

test('doctor: IGD checks when the IGD is the GPU being checked, none otherwise', () => {
  const hsw = IGD_HOSTS.find((c) => c.name === 'haswell')!;
  const fx = buildIgdHost(hsw, PREPARED_HOST);
  try {
    const r = runCli(['--root', fx.dir, '--json', 'doctor']);
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
    const plain = JSON.parse(runCli(['--root', desk.dir, '--json', 'doctor']).stdout);
    assert.deepEqual(plain.devices, ['0000:01:00.0']);
    assert.ok(!plain.checks.some((c: { group: string }) => c.group === 'igd'));
    const named = JSON.parse(runCli(['--root', desk.dir, '--json', 'doctor', '--device', '00:02.0']).stdout);
    const mode = named.checks.find((c: { id: string }) => c.id === 'igd.mode');
    // 8086:3e92 is Coffee Lake (gen 9): UPT is possible; it has no LPC bridge at 1f.0 and it has no LPC bridge at 1f.0 and
    // its ASLS reads 0 (no OpRegion), so legacy is not.
    assert.equal(mode.verdict, 'ok');
    assert.match(mode.evidence[0], /^legacy mode: not-possible \(igd\.lpc-bridge, igd\.opregion\)$/);
  } finally {
    desk.cleanup();
  }
});
