// `doctor --vm SPEC`: the doctor reads a vfiokit spec like a libvirt domain or a QEMU script; a
// GPU named as "the GPU of group 6" on the lab desktop snapshot (a real capture: a VGA device at
// 0000:01:00.0 with its HD audio function at 0000:01:00.1, both in group 6) is resolved with its
// audio function.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from '../helpers/cli.js';

const ROOT = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const SPEC = path.join(repoRoot, 'test/fixtures/vm-spec/spec/lab-desktop.yaml');

test('doctor --vm reads a spec and resolves the GPU of a group with its audio function', () => {
  const r = runCli(['--root', ROOT, '--json', 'doctor', '--vm', SPEC]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.vm.format, 'spec');
  assert.equal(doc.vm.name, 'win11');
  assert.deepEqual(doc.vm.devices, ['0000:01:00.0', '0000:01:00.1']);
  assert.equal(doc.vm.firmware, 'ovmf');
  const def = doc.checks.find((c: { id: string }) => c.id === 'vm.definition');
  assert.equal(def.verdict, 'ok');
  assert.ok(def.evidence.some((e: string) => /1 GiB|1G/.test(e)));
});

test('doctor --vm: a spec error is one line with file:line:col, exit 2; an unresolvable device is a warning', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-spec-'));
  try {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'name: x\nmemory: lots\ncpu: {cores: 2}\n');
    const r = runCli(['--root', ROOT, 'doctor', '--vm', bad]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /bad\.yaml:2:9: memory: expected a size like 16G/);
    const missing = path.join(dir, 'missing.yaml');
    fs.writeFileSync(missing, 'name: x\nmemory: 4G\ncpu: {cores: 2}\ndevices:\n  - id: "10de:2484"\n');
    const m = runCli(['--root', ROOT, '--json', 'doctor', '--vm', missing]);
    const def = JSON.parse(m.stdout).checks.find((c: { id: string }) => c.id === 'vm.definition');
    assert.equal(def.verdict, 'warn');
    assert.ok(
      def.evidence.some((e: string) => /devices\[0\] \(line 5\): .*no device with ID 10de:2484/.test(e)),
      def.evidence.join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
