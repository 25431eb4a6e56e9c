// The host report's display section, built on the PCI model: names, the GPU's companion
// functions (HDMI audio), reset methods, ROM, bridge chain, and partial config without root.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { buildFixture, desktop } from '../helpers/fixture-builder.js';

const fx = buildFixture(desktop);
const nr = buildFixture({ ...desktop, nonRoot: true });
after(() => {
  fx.cleanup();
  nr.cleanup();
});

test('report --json: the GPU with its HDMI audio companion and model facts', () => {
  const r = runCli(['--root', fx.dir, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'vfiokit.report/3');
  assert.equal(j.pciDevices, 20);
  assert.equal(j.displays.length, 1);
  const g = j.displays[0];
  assert.equal(g.address, '0000:01:00.0');
  assert.equal(g.vendorDevice, '10de:1b80');
  assert.equal(g.class, '030000');
  assert.match(g.name, /^NVIDIA Corporation /);
  assert.equal(g.group, 5);
  assert.equal(g.bootVga, true);
  assert.deepEqual(g.companions, [
    {
      address: '0000:01:00.1',
      vendorDevice: '10de:10f0',
      class: '040300',
      driver: 'snd_hda_intel',
      group: 5,
    },
  ]);
  assert.deepEqual(g.resetMethods, ['bus']);
  assert.equal(g.hasRom, true);
  assert.deepEqual(g.upstream, ['0000:00:01.0']);
  assert.equal(g.link, '8.0 GT/s PCIe x16');
  assert.equal(g.configTruncated, false);
  const human = runCli(['--root', fx.dir]);
  assert.match(
    human.stdout,
    /\+ 0000:01:00\.1 \[10de:10f0\] class 0403, driver snd_hda_intel, group 5 \(same slot: assign together\)/,
  );
});

test('report without root privileges says the GPU config space was read in part', () => {
  const j = JSON.parse(runCli(['--root', nr.dir, '--json']).stdout);
  assert.equal(j.displays[0].configTruncated, true);
  assert.match(runCli(['--root', nr.dir]).stdout, /config space read in part \(not root\)/);
});
