// `vfiokit config qemu|libvirt` from the command line, against the test host written as a
// snapshot directory: romfiles checked with the ROM toolkit on real corpus ROMs, devices that do
// not resolve, --json documents (checked against their schemas: src/schema/outputs/, docs/json.md),
// one-line errors with exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from '../helpers/cli.js';
import { assertValidJson } from '../helpers/json-schema.js';
import { FIRMWARE_DIR, SPEC_DIR, vmHost } from '../helpers/vm-host.js';

const fx = vmHost();
const cfg = (kind: string, spec: string, ...more: string[]) =>
  runCli(['--root', fx.dir, ...more, 'config', kind, spec, '--firmware-dir', FIRMWARE_DIR]);

test('config qemu --json: an argv array, documented; the text form is the same words shell-quoted', () => {
  const spec = path.join(SPEC_DIR, 'nvidia-legacy-free.yaml');
  const j = cfg('qemu', spec, '--json');
  assert.equal(j.status, 0, j.stderr);
  const doc = JSON.parse(j.stdout);
  assert.equal(doc.schema, 'vfiokit.config-qemu/1');
  assertValidJson(doc, 'vfiokit.config-qemu/1');
  assert.equal(doc.argv[0], 'qemu-system-x86_64');
  assert.ok(doc.notes.some((n: string) => /variable store .* must exist/.test(n)));
  const t = cfg('qemu', spec);
  assert.equal(t.status, 0);
  // The shell text, unquoted by sh itself, gives back the argv.
  const echoed = spawnSync(
    'sh',
    ['-c', `printf '%s\\n' ${t.stdout.replace(/^qemu-system-x86_64/, '').replace(/\\\n/g, ' ')}`],
    { encoding: 'utf8' },
  );
  assert.deepEqual(echoed.stdout.trimEnd().split('\n'), doc.argv.slice(1));
});

test('config libvirt --json and --patch --json are documented', () => {
  const j = cfg('libvirt', path.join(SPEC_DIR, 'i440fx.yaml'), '--json');
  assert.equal(j.status, 0, j.stderr);
  const doc = JSON.parse(j.stdout);
  assert.equal(doc.schema, 'vfiokit.config-libvirt/1');
  assertValidJson(doc, 'vfiokit.config-libvirt/1');
  assert.match(doc.warnings[0], /i440fx/);
  const p = runCli([
    '--root',
    fx.dir,
    '--json',
    'config',
    'libvirt',
    path.join(SPEC_DIR, 'looking-glass.yaml'),
    '--firmware-dir',
    FIRMWARE_DIR,
    '--patch',
    path.join(repoRoot, 'test/fixtures/vm-spec/dumpxml-win10.xml'),
  ]);
  assert.equal(p.status, 0, p.stderr);
  const pd = JSON.parse(p.stdout);
  assertValidJson(pd, 'vfiokit.config-libvirt/1');
  assert.ok(pd.patched.endsWith('dumpxml-win10.xml'));
  // The human form warns on stderr and keeps stdout the XML alone (for `> domain.xml`).
  const h = cfg('libvirt', path.join(SPEC_DIR, 'i440fx.yaml'));
  assert.match(h.stdout, /^<domain type='kvm'>/);
  assert.match(h.stderr, /^vfiokit: warning: machine i440fx/m);
});

test('romfile: a ROM for the card with a UEFI image passes; a downloaded ROM with a vendor header is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-romspec-'));
  try {
    const write = (name: string, body: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, body);
      return f;
    };
    const base = 'name: r\nmemory: 4G\ncpu: {cores: 2}\ndevices:\n';
    const amdRom = `${repoRoot}/test/fixtures/rom/corpus/amd-micron_msi_armor_rx580_8gb_rx580-default.rom`;
    const ok = cfg('qemu', write('amd.yaml', `${base}  - id: "1002:67df"\n    romfile: ${amdRom}\n`));
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(ok.stdout.includes(`romfile=${amdRom}`));
    // nv-GK107-turbo.rom is for 10de:0fc6 but carries a vendor flash header before 55 AA.
    const nv = cfg(
      'qemu',
      write(
        'nv.yaml',
        `${base}  - address: "0000:01:00.0"\n    romfile: ${repoRoot}/test/fixtures/rom/corpus/nv-GK107-turbo.rom\n`,
      ),
    );
    assert.equal(nv.status, 1);
    assert.equal(nv.stderr.trim().split('\n').length, 1);
    assert.match(
      nv.stderr,
      /romfile .*nv-GK107-turbo\.rom for 0000:01:00\.0: OVMF cannot boot the GPU from it/,
    );
    // The AMD ROM given to the Nvidia card: wrong IDs.
    const wrong = cfg(
      'qemu',
      write(
        'wrong.yaml',
        `${base}  - address: "0000:01:00.0"\n    romfile: ${repoRoot}/test/fixtures/rom/corpus/amd-micron_msi_armor_rx580_8gb_rx580-default.rom\n`,
      ),
    );
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /its images are for 1002:67df, not 10de:0fc6/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('devices that do not resolve, and a missing OVMF, are one-line errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-devspec-'));
  try {
    const write = (name: string, body: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, `name: r\nmemory: 4G\ncpu: {cores: 2}\n${body}`);
      return f;
    };
    const cases: [string, string, number, RegExp][] = [
      [
        'addr.yaml',
        'devices:\n  - address: "0000:09:00.0"\n',
        1,
        /devices\[0\]: no PCI device 0000:09:00\.0 on this host/,
      ],
      ['id.yaml', 'devices:\n  - id: "10de:2484"\n', 1, /devices\[0\]: no device with ID 10de:2484/],
      ['group.yaml', 'devices:\n  - gpuOfGroup: 4\n', 1, /IOMMU group 4 has no display controller/],
      [
        'twice.yaml',
        'devices:\n  - gpuOfGroup: 1\n  - id: "10de:0fc6"\n',
        1,
        /devices\[1\]: 0000:01:00\.0 \(10de:0fc6\) is already assigned by devices\[0\]/,
      ],
      ['syntax.yaml', 'devices: [\n', 2, /syntax\.yaml:\d+:\d+: not valid YAML/],
    ];
    for (const [name, body, code, re] of cases) {
      const r = cfg('qemu', write(name, body));
      assert.equal(r.status, code, `${name}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, name);
      assert.match(r.stderr, re, name);
      assert.ok(!/\bat \w+ \(/.test(r.stderr), 'no stack');
    }
    const empty = fs.mkdtempSync(path.join(dir, 'fw-'));
    const r = runCli(['--root', fx.dir, 'config', 'qemu', write('ovmf.yaml', ''), '--firmware-dir', empty]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /no OVMF firmware descriptor for q35 without secure boot/);
    const missing = runCli(['config', 'libvirt', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /VM spec .*nope\.yaml does not exist/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
