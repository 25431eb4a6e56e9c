// `vfiokit vm init`: a starting spec for a host. The host is the VM test host (an Intel boot IGD,
// an Nvidia GK107 with audio alone in group 1, an AMD RX 580 with audio in group 2) with the CPU
// layout of an Intel Core i7-8700 (test/helpers/cpu-layouts.ts) and 32 GiB of memory. Expected
// values worked out by hand from the rules in src/vm/init-spec.ts: the host keeps max(4 GiB, 8 GiB)
// → 24G for the guest; 6 cores, the host keeps ceil(6/4) = 2 (CPU 0's among them) → 4 cores × 2
// threads; the first non-boot GPU whose group holds only its own functions: 0000:01:00.0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { runCli } from '../helpers/cli.js';
import { I7_8700, writeCpuLayout } from '../helpers/cpu-layouts.js';
import { buildFixture, fixtureManifest } from '../helpers/fixture-builder.js';
import { assertValidJson } from '../helpers/json-schema.js';
import { FIRMWARE_DIR, vmHostPci } from '../helpers/vm-host.js';

function host(memKib = 32 * 1024 * 1024) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-init-'));
  buildFixture(vmHostPci, dir);
  fs.writeFileSync(path.join(dir, 'manifest.json'), fixtureManifest());
  writeCpuLayout(dir, I7_8700);
  fs.mkdirSync(path.join(dir, 'proc'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'proc/meminfo'), `MemTotal:       ${memKib} kB\nMemFree:        1000 kB\n`);
  return dir;
}

test('vm init --yes: the spec parses, and config libvirt turns it into a domain libvirt defines', () => {
  const dir = host();
  const out = path.join(dir, 'win11.yaml');
  const r = runCli(['--root', dir, 'vm', 'init', '--yes', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const text = fs.readFileSync(out, 'utf8');
  const spec = parseVmSpec(text, out);
  assert.equal(spec.memory, '24G');
  assert.deepEqual(spec.cpu, { sockets: 1, cores: 4, threads: 2, pin: 'auto' });
  assert.deepEqual(spec.devices, [{ address: '0000:01:00.0', display: 'primary' }]);
  assert.equal(spec.firmware?.secureBoot, true);
  assert.match(text, /^# 0000:00:02\.0 is the boot VGA device/m);
  // A second run does not overwrite it.
  const again = runCli(['--root', dir, 'vm', 'init', '--yes', '-o', out]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /exists; vm init does not overwrite a spec/);
  assert.equal(fs.readFileSync(out, 'utf8'), text);

  const xml = runCli(['--root', dir, 'config', 'libvirt', out, '--firmware-dir', FIRMWARE_DIR]);
  assert.equal(xml.status, 0, xml.stderr);
  const pins = [...xml.stdout.matchAll(/<vcpupin vcpu='\d+' cpuset='([^']+)'\/>/g)].map((m) => m[1]);
  assert.deepEqual(pins, ['1', '7', '2', '8', '3', '9', '4', '10']);
  if (spawnSync('virsh', ['--version']).status === 0 || process.env.CI) {
    const f = path.join(dir, 'win11.xml');
    fs.writeFileSync(f, xml.stdout);
    const d = spawnSync('virsh', ['-c', 'test:///default', 'define', f], { encoding: 'utf8' });
    assert.equal(d.status, 0, d.stderr);
  }
});

test('vm init: --no-windows, a name and disk; bad input and too little memory are one-line errors', () => {
  const dir = host();
  const r = runCli([
    '--root',
    dir,
    'vm',
    'init',
    '--yes',
    '--no-windows',
    '--name',
    'deb',
    '--disk',
    '/srv/deb.qcow2',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const spec = parseVmSpec(r.stdout, 'stdout');
  assert.equal(spec.name, 'deb');
  assert.equal(spec.hyperv, undefined);
  assert.deepEqual(spec.disks, [{ file: '/srv/deb.qcow2', format: 'qcow2' }]);
  const rel = runCli(['--root', dir, 'vm', 'init', '--yes', '--disk', 'deb.qcow2']);
  assert.equal(rel.status, 2);
  assert.match(rel.stderr, /expected an absolute path/);
  const small = runCli(['--root', host(4 * 1024 * 1024), 'vm', 'init', '--yes']);
  assert.equal(small.status, 3);
  assert.match(small.stderr, /leaves less than 1 GiB for a guest/);
  for (const e of [rel.stderr, small.stderr]) assert.equal(e.trim().split('\n').length <= 2, true, e);
});

test('vm init --json: the documented document (vfiokit.vm-init/1, docs/json.md)', () => {
  const r = runCli(['--root', host(), '--json', 'vm', 'init']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assertValidJson(doc, 'vfiokit.vm-init/1');
  assert.deepEqual(Object.keys(doc), ['schema', 'spec', 'reasons', 'yaml']);
  assert.deepEqual(parseVmSpec(doc.yaml, 'yaml'), doc.spec);
});
