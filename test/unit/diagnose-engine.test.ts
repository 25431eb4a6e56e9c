// The diagnose engine: log prefixes of every common form, line counting, messages over several
// lines, errno facts and `refine`, the linear-time guarantees of the catalogue's patterns (every
// entry, including ones added later, is checked by the analyser), and the compiled patterns
// agreeing with the entries' own expressions (the oracle) on generated text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { test } from 'node:test';
import fc from 'fast-check';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import type { CatalogueEntry } from '../../src/readiness/diagnose/entry.js';
import { ERRNO_TABLE, findErrno, normaliseErrno } from '../../src/readiness/diagnose/errno.js';
import { LineSplitter, MAX_LINE } from '../../src/readiness/diagnose/lines.js';
import { compileEntry, diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { MAX_RUN, planPattern } from '../../src/readiness/diagnose/regex-safety.js';

const ROM = 'vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff';

test('log prefixes of every common form are taken off; the message and its device are read', () => {
  // Each prefix as the tool prints it (dmesg(1), journalctl(1) --output modes, rsyslog, RFC 3164,
  // RFC 5424, libvirt's log, QEMU -msg timestamp=on).
  const forms: [string, string][] = [
    ['dmesg', `[  112.514313] ${ROM}`],
    ['dmesg -T', `[Tue Dec  1 10:00:00 2026] ${ROM}`],
    ['dmesg -x', `kern  :err   : [  112.514313] ${ROM}`],
    ['dmesg --time-format iso', `2026-12-01T10:00:00,123456+00:00 ${ROM}`],
    ['/dev/kmsg level', `<3>${ROM}`],
    ['journalctl short', `Dec 01 10:00:00 myhost kernel: ${ROM}`],
    ['syslog with kernel stamp', `Dec  1 10:00:00 myhost kernel: [  112.514313] ${ROM}`],
    ['journalctl short-precise', `Dec 01 10:00:00.123456 myhost kernel: ${ROM}`],
    ['journalctl short-iso', `2026-12-01T10:00:00+0000 myhost kernel: ${ROM}`],
    ['journalctl short-iso-precise', `2026-12-01T10:00:00.123456+00:00 myhost kernel: ${ROM}`],
    ['journalctl short-full', `Tue 2026-12-01 10:00:00 UTC myhost kernel: ${ROM}`],
    ['journalctl short-monotonic', `[  112.514313] myhost kernel: ${ROM}`],
    ['journalctl short-unix', `1733050000.123456 myhost kernel: ${ROM}`],
    ['RFC 3164', `<3>Dec  1 10:00:00 myhost kernel: ${ROM}`],
    ['RFC 5424', `<3>1 2026-12-01T10:00:00.003Z myhost kernel - - - ${ROM}`],
    ['RFC 5424 with data', `<3>1 2026-12-01T10:00:00.003Z myhost kernel - ID1 [origin ip="10.0.0.1"] ${ROM}`],
    ['kernel tag', `kernel: ${ROM}`],
  ];
  for (const [name, line] of forms) {
    const { findings } = diagnoseText(line);
    assert.equal(findings.length, 1, `${name}: ${line}`);
    assert.equal(findings[0].entry.id, 'kernel.rom-header-signature', name);
    assert.equal(findings[0].device, '0000:02:00.0', name);
    assert.equal(findings[0].facts.logDriver, 'vfio-pci', name);
  }
  const qemu = [
    '2022-07-12T22:08:31.781466Z qemu-system-x86_64: vfio: Cannot reset device 0000:03:00.1, no available reset mechanism.',
    '2024-01-01 10:00:00.000+0000: 1234: error : qemuProcessReportLogError:2051 : internal error: qemu unexpectedly closed the monitor: 2024-01-01T10:00:00.000000Z qemu-system-x86_64: vfio: Cannot reset device 0000:03:00.1, no available reset mechanism.',
    'Dec 01 10:00:00 myhost qemu-system-x86_64[4242]: vfio: Cannot reset device 0000:03:00.1, no available reset mechanism.',
  ];
  for (const line of qemu) {
    const f = diagnoseText(line).findings;
    assert.deepEqual(
      f.map((x) => [x.entry.id, x.device]),
      [['qemu.no-reset-mechanism', '0000:03:00.1']],
      line,
    );
  }
});

test('lines are counted as a reader would: a trailing newline adds none', () => {
  assert.equal(diagnoseText('').lines, 0);
  assert.equal(diagnoseText('one line').lines, 1);
  assert.equal(diagnoseText('one line\n').lines, 1);
  assert.equal(diagnoseText('one line\r\n').lines, 1);
  assert.equal(diagnoseText('a\n\nb\n').lines, 3);
});

test('the splitter keeps MAX_LINE characters of a long line, counts the cut, and reads on', () => {
  const got: string[] = [];
  const s = new LineSplitter((l) => got.push(l));
  s.push('x'.repeat(MAX_LINE + 10));
  s.push(`${'y'.repeat(5)}\nshort`);
  s.push('\n');
  const stats = s.end();
  assert.equal(stats.lines, 2);
  assert.equal(stats.cutLines, 1);
  assert.equal(got[0].length, MAX_LINE);
  assert.equal(got[1], 'short');
});

test('a message printed over several lines is matched across them, each with its own log prefix', () => {
  const entry: CatalogueEntry = {
    id: 'test.two-lines',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c (test entry)',
    format:
      'group %d is not viable\nPlease ensure all devices within the iommu_group are bound to their vfio bus driver.',
    patterns: [/group (?<group>\d+) is not viable\nPlease ensure all devices within the iommu_group/],
    severity: 'error',
    title: 't',
    cause: 'c',
    fix: 'f',
  };
  const log = [
    'Dec 01 10:00:00 myhost libvirtd[900]: internal error: qemu unexpectedly closed the monitor: vfio 0000:06:00.0: group 7 is not viable',
    'Dec 01 10:00:00 myhost libvirtd[900]: Please ensure all devices within the iommu_group are bound to their vfio bus driver.',
    'Dec 01 10:00:01 myhost libvirtd[900]: something else',
  ].join('\n');
  const { findings } = diagnoseText(log, [entry]);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].count, 1, 'found once, not again on the next line');
  assert.equal(findings[0].group, 7);
  assert.equal(findings[0].device, '0000:06:00.0');
  assert.equal(findings[0].lines[0].n, 2);
  // The first line alone is not the two-line message.
  assert.equal(diagnoseText(log.split('\n')[0], [entry]).findings.length, 0);
});

test('errno in any printed form becomes one name; numbers agree with the platform (os.constants.errno)', () => {
  const E = os.constants.errno as Record<string, number>;
  for (const name of [
    'EPERM',
    'ENOENT',
    'EIO',
    'ENOMEM',
    'EACCES',
    'EBUSY',
    'ENODEV',
    'EINVAL',
    'ENOSPC',
    'EOPNOTSUPP',
  ]) {
    assert.equal(normaliseErrno(String(E[name])), name, `${name} = ${E[name]}`);
    assert.equal(normaliseErrno(String(-E[name])), name);
    assert.equal(normaliseErrno(name), name);
    assert.equal(normaliseErrno(`-${name}`), name);
  }
  // glibc's strerror texts (and musl's where they differ).
  assert.equal(normaliseErrno('Cannot allocate memory'), 'ENOMEM');
  assert.equal(normaliseErrno('Out of memory'), 'ENOMEM');
  assert.equal(normaliseErrno('Device or resource busy'), 'EBUSY');
  assert.equal(normaliseErrno('No such device'), 'ENODEV');
  assert.equal(normaliseErrno('No such device or address'), 'ENXIO');
  assert.equal(normaliseErrno('Operation not permitted'), 'EPERM');
  assert.equal(normaliseErrno('-12 (Cannot allocate memory)'), 'ENOMEM');
  assert.equal(normaliseErrno('Invalid argument (22)'), 'EINVAL');
  assert.equal(normaliseErrno('something else'), undefined);
});

test("the errno table is Linux's whole table: numbers as Node knows them, first texts as glibc prints them", () => {
  // Node's os.constants.errno (the C library's headers it was built with) for the numbers; glibc's
  // strerror through python3 (installed in CI) for the texts.
  const E = os.constants.errno as Record<string, number>;
  const aliases = new Set(['ENOTSUP', 'EWOULDBLOCK', 'EDEADLOCK']);
  const known = Object.keys(E).filter((n) => !aliases.has(n));
  assert.ok(known.length >= 70, `Node knows only ${known.length} errno names`);
  for (const name of known) assert.equal(normaliseErrno(String(E[name])), name, `${name} = ${E[name]}`);
  const codes = ERRNO_TABLE.filter(([, code]) => code < 512).map(([, code]) => code);
  // Every number from 1 to 133 but 41 and 58 (EWOULDBLOCK's and EDEADLOCK's old slots, unused).
  assert.deepEqual(
    codes,
    Array.from({ length: 133 }, (_, i) => i + 1).filter((c) => c !== 41 && c !== 58),
  );
  const py = spawnSync(
    'python3',
    [
      '-c',
      'import os, json, sys; print(json.dumps({c: os.strerror(c) for c in map(int, sys.argv[1:])}))',
      ...codes.map(String),
    ],
    { encoding: 'utf8' },
  );
  if (py.error && !process.env.CI) return; // python3 is missing outside CI: the numbers are checked
  assert.equal(py.status, 0, py.stderr);
  const glibc = JSON.parse(py.stdout) as Record<string, string>;
  let compared = 0;
  for (const [name, code, first] of ERRNO_TABLE) {
    if (code >= 512) continue;
    assert.equal(first, glibc[code], `${name} (${code})`);
    assert.equal(normaliseErrno(glibc[code]), name, `${glibc[code]}`);
    compared++;
  }
  assert.equal(compared, 131);
  // The kernel-internal codes of include/linux/errno.h, by number.
  assert.equal(normaliseErrno('-517'), 'EPROBE_DEFER');
  assert.equal(normaliseErrno('-524'), 'ENOTSUPP');
  assert.equal(normaliseErrno('-515'), 'ENOIOCTLCMD');
});

test('errno texts of codes no VFIO path returns, which are also plain words, are not read from free text', () => {
  assert.equal(
    findErrno('qemu-system-x86_64: -device vfio-pci,host=01:00.0,addr=0x1f.0: Invalid slot'),
    undefined,
  );
  assert.equal(findErrno('vfio-pci 0000:01:00.0: Remote I/O error')?.name, 'EREMOTEIO');
  assert.equal(
    findErrno('writing /sys/bus/pci/drivers/vfio-pci/new_id: Disk quota exceeded')?.name,
    'EDQUOT',
  );
  assert.equal(normaliseErrno('Invalid slot'), 'EBADSLT');
});

test('refine: the errno changes the cause of the VFIO container and device-open errors', () => {
  const set = (err: string) =>
    diagnoseText(
      `qemu-system-x86_64: -device vfio-pci,host=0000:0b:00.0: vfio 0000:0b:00.0: failed to setup container for group 16: Failed to set iommu for container: ${err}`,
    ).findings[0];
  const eperm = set('Operation not permitted');
  assert.equal(eperm.facts.errno, 'EPERM');
  assert.match(eperm.explanation.cause, /interrupt remapping/);
  const ebusy = set('Device or resource busy');
  assert.equal(ebusy.facts.errno, 'EBUSY');
  assert.doesNotMatch(ebusy.explanation.cause, /^.*no interrupt remapping/);
  assert.match(ebusy.explanation.cause, /already attached/);
  assert.notEqual(eperm.entry, undefined);

  const get = (err: string) =>
    diagnoseText(
      `qemu-system-x86_64: -device vfio-pci,host=0000:08:00.0: vfio 0000:08:00.0: error getting device from group 22: ${err}`,
    ).findings[0];
  assert.match(get('No such device').explanation.cause, /not bound to (vfio-pci|a vfio driver)/);
  assert.match(get('Device or resource busy').explanation.cause, /already open/);
  // Two errnos for the same device are two findings, not one folded count.
  const both = diagnoseText(
    [
      'vfio 0000:08:00.0: error getting device from group 22: No such device',
      'vfio 0000:08:00.0: error getting device from group 22: Device or resource busy',
    ].join('\n'),
  ).findings;
  assert.equal(both.length, 2);
});

test('refine: a D3cold the host powered off is not blamed on the guest', () => {
  const cold = diagnoseText(
    'vfio-pci 0000:0c:00.0: Unable to change power state from D3cold to D0, device inaccessible',
  ).findings[0];
  assert.match(cold.explanation.cause, /host's runtime power management/);
  assert.match(cold.explanation.cause, /guest did not cause this/);
  const stuck = diagnoseText('qemu-system-x86_64: vfio: Unable to power on device, stuck in D3').findings[0];
  assert.doesNotMatch(stuck.explanation.cause, /^the guest left/);
  assert.match(stuck.explanation.cause, /host's runtime power management/);
  const d1 = diagnoseText('qemu-system-x86_64: vfio: Unable to power on device, stuck in D1').findings[0];
  assert.match(d1.explanation.cause, /guest driver left the device in D1/);
});

test('every catalogue pattern is linear-time safe and has a prefilter literal', () => {
  let n = 0;
  for (const e of CATALOGUE) {
    for (const [i, p] of e.patterns.entries()) {
      const plan = planPattern(p);
      assert.deepEqual(plan.hazards, [], `${e.id} pattern ${i}: ${p.source}`);
      assert.ok(
        plan.literals.every((l) => l.length >= 3),
        `${e.id} pattern ${i}`,
      );
      n++;
    }
  }
  assert.ok(n >= CATALOGUE.length, `${n} patterns`);
});

test('the analyser refuses the shapes that backtrack', () => {
  const bad: [RegExp, RegExp][] = [
    [/(a+)+b/, /nested quantifiers/],
    [/(?:\w+\s?)+ done/, /nested quantifiers/],
    [/error: \s*\s+x/, /adjacent quantifiers/],
    [/prefix \S+.\S+ end/, /adjacent quantifiers/],
    [/value (a|ab)+c/, /overlapping alternatives/],
    [/(?:foo )?[\w-]+: probe of/, /starts with the unbounded/],
    [/[0-9a-f]{1,200}: probe of/, /starts with/],
    [/(?<x>ab)cd\k<x>/, /backreference/],
    [/abc(?=\d+x)def/, /lookaround with a run/],
    [/\d+/, /no literal text/],
  ];
  for (const [re, why] of bad) {
    const h = planPattern(re).hazards;
    assert.ok(
      h.some((x) => why.test(x)),
      `${re}: ${h.join('; ') || 'no hazard found'}`,
    );
  }
  // Fine as written: a lone leading run is guarded, inner runs are bounded, literals come first.
  for (const re of [
    /([\w-]+): probe of/,
    /not ready (?<ms>\d+)ms after (?<reset>[^;]+); giving up/,
    /PCI device \S+ is in use(?! by)/,
  ])
    assert.deepEqual(planPattern(re).hazards, [], String(re));
});

test('compiled patterns find what the entries’ own expressions find (runs shorter than the bound)', () => {
  const plans = CATALOGUE.flatMap((e) =>
    compileEntry(e).plans.map((p, i) => ({ p, orig: e.patterns[i], id: e.id })),
  );
  // Text made of the literals the patterns need, digits, addresses and separators: it hits and
  // misses the patterns in many ways.
  const pieces = [
    ...new Set(plans.flatMap((x) => x.p.literals)),
    '0000:01:00.0',
    '01:00.0',
    ' ',
    ': ',
    '-22',
    '12',
    ';',
    '[',
    ']',
    '(',
    ')',
    'D3',
    'a-b',
    '\t',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      if (s.length >= MAX_RUN) return;
      for (const { p, orig, id } of plans) {
        const a = orig.exec(s);
        const b = p.compiled.exec(s);
        assert.equal(Boolean(b), Boolean(a), `${id} on ${JSON.stringify(s)}`);
        if (a && b) assert.deepEqual({ ...b.groups }, { ...a.groups }, `${id} on ${JSON.stringify(s)}`);
      }
    }),
    { numRuns: 400, seed: 14 },
  );
});

test('the analyser looks into groups for adjacent runs, and lets a run that ends the pattern be', () => {
  assert.ok(
    planPattern(/failed: \s*(?<err>[^\n]*) end/).hazards.some((h) => /adjacent quantifiers/.test(h)),
    'a run in a group right after another run over the same characters',
  );
  assert.deepEqual(planPattern(/failed to map(?::\s*(?<err>[^\n]*))?/).hazards, []);
});

test('lines do not depend on where the input was cut into chunks (a pipe delivers any split)', () => {
  const text = [
    '[  1.0] a',
    '',
    'x'.repeat(MAX_LINE + 3),
    'Dec 01 10:00:00 h kernel: vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff\r',
    'end',
  ].join('\n');
  const whole: string[] = [];
  const one = new LineSplitter((l) => whole.push(l));
  one.push(text);
  const ref = one.end();
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const got: string[] = [];
      const s = new LineSplitter((l) => got.push(l));
      let from = 0;
      for (const p of [...points, text.length]) {
        s.push(text.slice(from, p));
        from = p;
      }
      const stats = s.end();
      assert.deepEqual(got, whole);
      assert.deepEqual(stats, ref);
    }),
    { numRuns: 300, seed: 7 },
  );
  assert.equal(ref.lines, 5);
  assert.equal(ref.cutLines, 1);
});
