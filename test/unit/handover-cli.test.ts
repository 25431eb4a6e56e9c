// The CLI of the guard, handover and the hook on the committed single-GPU fixture: exit codes
// (the guard's 1 on a used device, 0 on a free one), --root refusing to act, and each --json
// document valid against its schema (docs/json.md, linked from docs/handover.md).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { nameOf } from '../../scripts/json-doc.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { assertValidJson } from '../helpers/json-schema.js';

const FX = 'test/fixtures/single-gpu';

/**
 * The document is valid against its published schema (src/schema/outputs/, whose every field has
 * its meaning in docs/json.md; strict, so a key the schema does not name fails), and docs/handover.md links
 * to its generated section. Returns how many distinct keys it has.
 */
function assertDocumented(schema: string, value: unknown): number {
  assertValidJson(value, schema);
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/handover.md'), 'utf8');
  assert.ok(
    doc.includes(`(json.md#${nameOf(schema)})`),
    `docs/handover.md links to json.md#${nameOf(schema)}`,
  );
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
  };
  walk(value);
  return keys.size;
}

test('guard: exit 1 with findings on the root disk and the default-route NIC, exit 0 on the free audio function', () => {
  const used = runCli(['--root', FX, '--json', 'guard', '02:00.0', '0000:00:1f.6']);
  assert.equal(used.status, 1, used.stderr);
  const doc = JSON.parse(used.stdout);
  assert.equal(doc.verdict, 'in-use');
  assert.deepEqual(
    doc.findings.map((f: { address: string; kind: string }) => `${f.address} ${f.kind}`),
    ['0000:02:00.0 mount', '0000:02:00.0 mount', '0000:00:1f.6 route'],
  );
  assert.ok(assertDocumented('vfiokit.guard/1', doc) >= 9);
  const free = runCli(['--root', FX, 'guard', '0000:01:00.1']);
  assert.equal(free.status, 0, free.stderr);
  assert.equal(free.stdout, '0000:01:00.1: the host does not use it\n');
  const bad = runCli(['--root', FX, 'guard', 'nvme']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^vfiokit: "nvme" is not a PCI address/);
  const none = runCli(['--root', FX, 'guard', '0000:09:00.0']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^vfiokit: no PCI device 0000:09:00\.0/);
});

test('handover --dry-run --json is documented; without --dry-run under --root it refuses to act', () => {
  const r = runCli(['--root', FX, '--json', 'handover', '0000:01:00.0', '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.steps.length, 11);
  assert.ok(assertDocumented('vfiokit.handover/1', doc) >= 20);
  const act = runCli(['--root', FX, 'handover', '0000:01:00.0']);
  assert.equal(act.status, 2);
  assert.match(act.stderr, /with --root it only plans/);
  const back = runCli(['--root', FX, 'handback', '--dry-run']);
  assert.equal(back.status, 1);
  assert.match(back.stderr, /nothing to hand back/);
});

test('hook install --json on a copy of the fixture with a domain: documented; --apply writes the hook', () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hook-cli-'));
  try {
    fs.cpSync(path.join(repoRoot, FX), d, { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(path.join(d, 'etc/libvirt/qemu'), { recursive: true });
    fs.writeFileSync(
      path.join(d, 'etc/libvirt/qemu/win11.xml'),
      "<domain type='kvm'><name>win11</name><devices><hostdev mode='subsystem' type='pci'><source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source></hostdev></devices></domain>\n",
    );
    const r = runCli(['--root', d, '--json', 'hook', 'install', '--vfiokit', '/usr/bin/vfiokit']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.domains.map((x: { name: string }) => x.name),
      ['win11'],
    );
    assert.equal(doc.gpu, '0000:01:00.0');
    assert.ok(assertDocumented('vfiokit.hook/1', doc) >= 10);
    const a = runCli(['--root', d, 'hook', 'install', '--vfiokit', '/usr/bin/vfiokit', '--apply']);
    assert.equal(a.status, 0, a.stderr);
    assert.match(
      fs.readFileSync(path.join(d, 'etc/libvirt/hooks/qemu.d/vfiokit'), 'utf8'),
      /handover 0000:01:00\.0/,
    );
    const u = runCli(['--root', d, 'hook', 'install', '--undo', '--apply']);
    assert.equal(u.status, 0, u.stderr);
    assert.equal(fs.existsSync(path.join(d, 'etc/libvirt/hooks/qemu.d')), false);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
