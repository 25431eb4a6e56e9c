// OpRegion decoding on constructed OpRegions (test/helpers/opregion-image.ts, built from i915's
// structure definitions), then fuzzed: random bytes, and seeded mutation of valid images. Bad
// input must give a one-line VfiokitError or a decode with its problems named, never a crash.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { parseOpRegion } from '../../src/igd/opregion.js';
import { runCli } from '../helpers/cli.js';
import { buildIgdHost, IGD_HOSTS, PREPARED_HOST } from '../helpers/igd-hosts.js';
import { seededRandom } from '../helpers/mutate-text.js';
import { buildOpRegion, type buildVbt } from '../helpers/opregion-image.js';

test('a 2.1 OpRegion with the VBT in mailbox #4', () => {
  const o = parseOpRegion(buildOpRegion());
  assert.equal(o.version.text, '2.1.0');
  assert.equal(o.sizeKiB, 8);
  assert.deepEqual(
    o.mailboxes.map((m) => m.id),
    ['acpi', 'asle', 'vbt'],
  );
  assert.equal(o.vbt.location, 'mailbox4');
  assert.equal(o.vbt.offset, 0x400);
  assert.equal(o.vbt.valid, true, o.vbt.problem);
  assert.equal(o.vbt.signature, '$VBT SKYLAKE');
  assert.equal(o.vbt.vbtSize, 0x800);
  assert.equal(o.vbt.bdb?.signature, 'BIOS_DATA_BLOCK');
  assert.equal(o.vbt.bdb?.version, 221);
  assert.deepEqual(o.problems, []);
});

test('mailbox #4 ends at the ASLE extension when mailbox #5 is present', () => {
  // 7 KiB fit before the end of the 8 KiB region, but not before 0x1C00 (6 KiB of space).
  const big = buildOpRegion({ vbt: { vbtSize: 0x1a00 }, mailboxes: 0b1101 });
  assert.equal(parseOpRegion(big).vbt.valid, true);
  const withExt = buildOpRegion({ vbt: { vbtSize: 0x1a00 }, mailboxes: 0b11101 });
  const o = parseOpRegion(withExt);
  assert.equal(o.vbt.valid, false);
  assert.match(o.vbt.problem ?? '', /vbt_size 6656 is more than the 6144 bytes/);
});

test('an extended VBT after the region (2.1+: RVDA relative), as vfio-pci hands it to guests', () => {
  const b = buildOpRegion({ extended: true, vbt: { vbtSize: 0x2400, signature: '$VBT TIGERLAKE' } });
  assert.equal(b.length, 8192 + 0x2400);
  const o = parseOpRegion(b);
  assert.equal(o.rvda, '0x2000');
  assert.equal(o.rvds, 0x2400);
  assert.equal(o.vbt.location, 'extended');
  assert.equal(o.vbt.offset, 0x2000);
  assert.equal(o.vbt.valid, true, o.vbt.problem);
  assert.equal(o.vbt.signature, '$VBT TIGERLAKE');
});

test('a 2.0 region names its extended VBT by physical address: not in the file, said so', () => {
  const o = parseOpRegion(buildOpRegion({ version: [2, 0, 0], rvdaAbsolute: 0x7a6f6000n }));
  assert.equal(o.vbt.valid, false);
  assert.match(o.vbt.problem ?? '', /physical address 0x7a6f6000/);
});

test('VBT damage is named as i915 names it', () => {
  const cases: [Parameters<typeof buildVbt>[0], RegExp][] = [
    [{ signature: 'XVBT' }, /no "\$VBT" signature/],
    [{ vbtSize: 0x800, bdbOffset: 0x7f0 }, /BDB header incomplete/],
    [{ vbtSize: 0x800, bdbSize: 0x900 }, /BDB incomplete/],
  ];
  for (const [v, re] of cases) {
    const o = parseOpRegion(buildOpRegion({ vbt: v }));
    assert.equal(o.vbt.valid, false);
    assert.match(o.vbt.problem ?? '', re);
  }
  assert.equal(cases.length, 3);
  const noVbt = parseOpRegion(buildOpRegion({ vbt: false }));
  assert.match(noVbt.vbt.problem ?? '', /no "\$VBT" signature/);
});

test('a region cut short is decoded with the problem named', () => {
  const o = parseOpRegion(buildOpRegion().subarray(0, 0x500));
  assert.match(o.problems.join(';'), /declares 8 KiB but only 1280 bytes/);
  assert.equal(o.vbt.valid, false);
});

test('what is not an OpRegion is a one-line error', () => {
  const bad = buildOpRegion();
  bad[0] = 0x78;
  const zero = buildOpRegion({ sizeKiB: 0 });
  const cases: [Uint8Array, string][] = [
    [new Uint8Array(0), 'igd.opregion.truncated'],
    [buildOpRegion().subarray(0, 255), 'igd.opregion.truncated'],
    [bad, 'igd.opregion.signature'],
    [zero, 'igd.opregion.size'],
  ];
  for (const [b, code] of cases) {
    assert.throws(
      () => parseOpRegion(b),
      (e: unknown) => e instanceof VfiokitError && e.code === code && !e.message.includes('\n'),
    );
  }
});

function check(b: Uint8Array) {
  try {
    const o = parseOpRegion(b);
    assert.ok(o.length === b.length);
    assert.equal(typeof o.vbt.valid, 'boolean');
    if (!o.vbt.valid) assert.ok(o.vbt.problem, 'an invalid VBT says why');
    JSON.stringify(o);
  } catch (e) {
    if (!(e instanceof VfiokitError)) throw e;
    assert.ok(!e.message.includes('\n'));
  }
}

test('fuzz: random bytes and random bytes behind a valid signature', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 12000 }), fc.boolean(), (raw, signed) => {
      const b = new Uint8Array(raw);
      if (signed && b.length >= 16) b.set(new TextEncoder().encode('IntelGraphicsMem'), 0);
      check(b);
    }),
    { numRuns: 300, seed: 15 },
  );
});

test('fuzz: seeded mutation of constructed OpRegions (header fields, RVDA/RVDS, VBT headers)', () => {
  const samples = [
    buildOpRegion(),
    buildOpRegion({ extended: true, vbt: { vbtSize: 0x2400 } }),
    buildOpRegion({ version: [3, 0, 0], mailboxes: 0b111111 }),
  ];
  // Offsets where a flip means something: size, version, mailboxes, RVDA/RVDS, VBT and BDB headers.
  const hot = [
    0x10, 0x11, 0x13, 0x15, 0x16, 0x17, 0x58, 0x3ba, 0x3bd, 0x3c1, 0x3c2, 0x3c5, 0x414, 0x418, 0x419, 0x41c,
    0x41f, 0x44e, 0x44f, 0x2018, 0x201c,
  ];
  const rnd = seededRandom(20261201);
  let decoded = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const b = new Uint8Array(samples[rnd(samples.length)]);
    const n = 1 + rnd(4);
    for (let k = 0; k < n; k++) {
      const at = rnd(2) ? hot[rnd(hot.length)] : rnd(b.length);
      if (at < b.length) b[at] = rnd(3) === 0 ? 0xff : rnd(256);
    }
    const cut = rnd(5) === 0 ? b.subarray(0, rnd(b.length + 1)) : b;
    try {
      parseOpRegion(cut);
      decoded++;
    } catch (e) {
      if (!(e instanceof VfiokitError)) throw e;
      rejected++;
    }
    check(cut);
  }
  assert.equal(decoded + rejected, 3000);
  assert.ok(decoded > 1000 && rejected > 10, `decoded ${decoded}, rejected ${rejected}`);
});

test('vfiokit igd opregion FILE: text, --json, and one-line errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-opregion-'));
  try {
    const good = path.join(dir, 'igd-opregion');
    fs.writeFileSync(
      good,
      buildOpRegion({ extended: true, vbt: { vbtSize: 0x1c00, signature: '$VBT COMETLAKE' } }),
    );
    const r = runCli(['igd', 'opregion', good]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /version {4}2\.1\.0/);
    assert.match(r.stdout, /VBT {8}extended VBT at 0x2000: "\$VBT COMETLAKE", version 100, 7168 bytes/);
    const j = runCli(['--json', 'igd', 'opregion', good]);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.schema, 'vfiokit.igd.opregion/1');
    assert.equal(doc.vbt.valid, true);
    const bad = path.join(dir, 'not');
    fs.writeFileSync(bad, 'hello world, this is not an OpRegion at all'.repeat(10));
    const e = runCli(['igd', 'opregion', bad]);
    assert.equal(e.status, 1);
    assert.equal(e.stdout, '');
    assert.match(
      e.stderr,
      /^vfiokit: not an OpRegion: the signature is "hello world, thi", not "IntelGraphicsMem" \(hint: .*\)\n$/,
    );
    const missing = runCli(['igd', 'opregion', path.join(dir, 'nope')]);
    assert.equal(missing.status, 3);
    assert.equal(missing.stderr.split('\n').length, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('vfiokit igd opregion --for: i915’s debugfs copy; /dev/mem only when asked, never under --root', () => {
  const kbl = IGD_HOSTS.find((c) => c.name === 'kaby-lake')!;
  const fx = buildIgdHost(kbl, PREPARED_HOST);
  try {
    const none = runCli(['--root', fx.dir, 'igd', 'opregion', '--for', '00:02.0']);
    assert.equal(none.status, 3);
    assert.match(
      none.stderr,
      /^vfiokit: no i915_opregion in debugfs for 0000:00:02\.0; the OpRegion is at physical 0x8a99b018 \(hint: .*--dev-mem.*\)\n$/,
    );
    const devMem = runCli(['--root', fx.dir, 'igd', 'opregion', '--for', '00:02.0', '--dev-mem']);
    assert.equal(devMem.status, 2);
    assert.match(devMem.stderr, /--dev-mem reads the live host/);
    const dri = path.join(fx.dir, 'sys/kernel/debug/dri/0');
    fs.mkdirSync(dri, { recursive: true });
    fs.writeFileSync(path.join(dri, 'name'), 'i915 dev=0000:00:02.0 unique=0000:00:02.0\n');
    fs.writeFileSync(path.join(dri, 'i915_opregion'), buildOpRegion({ version: [2, 0, 0] }));
    const r = runCli(['--root', fx.dir, '--json', 'igd', 'opregion', '--for', '00:02.0']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.source, '/sys/kernel/debug/dri/0/i915_opregion');
    assert.equal(doc.version.text, '2.0.0');
    assert.equal(doc.vbt.valid, true);
  } finally {
    fx.cleanup();
  }
});
