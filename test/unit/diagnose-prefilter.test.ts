// The literal prefilter of the diagnose engine (literal-scan.ts, matcher.ts): one automaton over
// every literal of the catalogue says which of them a line holds, and only the entries needing one
// of those are tried. A literal it failed to report would silently hide its entry, so its answer
// is checked against String.prototype.includes (and, for case-insensitive literals, against a
// JavaScript `i` expression, which the engine used before), on the real catalogue's literals and
// on random text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import type { CatalogueEntry } from '../../src/readiness/diagnose/entry.js';
import { LiteralScanner, type ScanLiteral, scannable } from '../../src/readiness/diagnose/literal-scan.js';
import { compileEntry, matchLine } from '../../src/readiness/diagnose/matcher.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the scanner must report: the literals the text holds, by the JavaScript built-ins. */
function expected(literals: readonly ScanLiteral[], text: string): number[] {
  return literals
    .map((l, i) => [l, i] as const)
    .filter(([l]) =>
      l.case === 'exact' ? text.includes(l.text) : new RegExp(escapeRe(l.text), 'i').test(text),
    )
    .map(([, i]) => i);
}

function reported(scanner: LiteralScanner, text: string): number[] {
  const n = scanner.scan(text);
  return [...scanner.hits.subarray(0, n)].sort((a, b) => a - b);
}

/** Every literal of the catalogue's single-line patterns, as the engine looks for it. */
const CATALOGUE_LITERALS: ScanLiteral[] = (() => {
  const seen = new Map<string, ScanLiteral>();
  for (const e of CATALOGUE)
    for (const p of compileEntry(e).plans)
      for (const text of p.literals) {
        const l: ScanLiteral = { text, case: p.icase ? 'ascii-fold' : 'exact' };
        seen.set(`${l.case} ${text}`, l);
      }
  return [...seen.values()];
})();

test('each catalogue literal is reported in a line holding it, and only the literals the line holds', () => {
  const scanner = new LiteralScanner(CATALOGUE_LITERALS);
  assert.ok(CATALOGUE_LITERALS.length > 500, 'the whole catalogue is scanned');
  CATALOGUE_LITERALS.forEach((l, i) => {
    for (const line of [
      l.text,
      `Dec 01 10:00:00 host kernel: ${l.text} and more`,
      `${l.text.slice(0, -1)}|${l.text}`,
    ]) {
      const got = reported(scanner, line);
      assert.ok(got.includes(i), `${JSON.stringify(l.text)} not reported in ${JSON.stringify(line)}`);
      assert.deepEqual(got, expected(CATALOGUE_LITERALS, line), JSON.stringify(line));
    }
    // One character short of the literal is not the literal.
    const short = l.text.slice(1);
    assert.deepEqual(reported(scanner, short), expected(CATALOGUE_LITERALS, short));
  });
});

test('on random text the scanner reports exactly what includes() finds (overlaps, case, beyond ASCII)', () => {
  // Literals that overlap, nest, share prefixes and suffixes, differ only in case, and hold
  // characters whose case JavaScript folds beyond ASCII (the Kelvin sign, dotless i, long s).
  const literals: ScanLiteral[] = [
    { text: 'vfio', case: 'exact' },
    { text: 'VFIO', case: 'exact' },
    { text: 'vfio-pci', case: 'exact' },
    { text: 'io-p', case: 'exact' },
    { text: 'ioio', case: 'exact' },
    { text: 'a\u212Ab', case: 'exact' },
    { text: 'ı:', case: 'exact' },
    { text: '0x', case: 'exact' },
    { text: 'kvm: disabled', case: 'ascii-fold' },
    { text: 'video_tdr_', case: 'ascii-fold' },
    { text: 'io', case: 'ascii-fold' },
    { text: 'ss', case: 'ascii-fold' },
  ];
  const scanner = new LiteralScanner(literals);
  const alphabet = [...'vfioVFIO-pcPCkmKM:_ dsablDSABtrTR0xX', '\u212A', 'ı', 'ſ', 'İ', 'é', '\n'];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((a) => a.join('')),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(...literals.map((l) => l.text)),
          fc.constantFrom(...literals.map((l) => l.text.toUpperCase())),
          fc.constantFrom(...alphabet),
        ),
        { maxLength: 12 },
      )
      .map((a) => a.join('')),
  );
  fc.assert(
    fc.property(text, (t) => {
      assert.deepEqual(reported(scanner, t), expected(literals, t));
    }),
    { numRuns: 3000 },
  );
});

test('a case-insensitive literal beyond ASCII is refused (an `i` expression folds more than ASCII)', () => {
  assert.equal(scannable({ text: 'Stromzähler', case: 'ascii-fold' }), false);
  assert.equal(scannable({ text: 'Stromzähler', case: 'exact' }), true);
  assert.throws(() => new LiteralScanner([{ text: 'é', case: 'ascii-fold' }]), /not scannable/);
});

/** A distinct 400-character literal per entry: a prefilter whose size grew with them once broke. */
const word = (i: number) => `w${String(i).padStart(3, '0')}${'abcdefghij'.repeat(40)}`;

function entry(i: number, extra: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id: `test.long-literal-${i}`,
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c test()',
    format: `${word(i)} failed`,
    patterns: [new RegExp(`${word(i)} failed: (?<err>[A-Z][a-z ]{2,40})`)],
    severity: 'error',
    title: `entry ${i}`,
    cause: 'a test entry',
    fix: 'none',
    ...extra,
  };
}

const ENTRIES = Array.from({ length: 120 }, (_, i) => entry(i));

test('each of many long literals selects its entry', () => {
  for (const i of [0, 1, 59, 118, 119]) {
    const ids = matchLine(`qemu-system-x86_64: ${word(i)} failed: Invalid argument`, ENTRIES).map(
      (m) => m.entry.id,
    );
    assert.deepEqual(ids, [`test.long-literal-${i}`]);
  }
});

test('one line holding two entries’ literals is matched by each entry', () => {
  const line = `${word(1)} failed: No such device; ${word(118)} failed: Invalid argument`;
  const ids = matchLine(line, ENTRIES)
    .map((m) => m.entry.id)
    .sort();
  assert.deepEqual(ids, ['test.long-literal-1', 'test.long-literal-118']);
});

test('a line with none of the literals matches nothing', () => {
  assert.deepEqual(
    matchLine(`qemu-system-x86_64: ${'abcdefghij'.repeat(40)} failed: Invalid argument`, ENTRIES),
    [],
  );
});

test('a case-insensitive pattern, one spanning lines and an endsOn gate are each found through the scan', () => {
  const icase = entry(0, { id: 'test.icase', patterns: [/kvm: disabled by bios/i] });
  const across = entry(1, {
    id: 'test.across',
    patterns: [/mdev (?<uuid>\w{4}) failed\n[^\n]{0,40}cause: (?<why>\w+)/],
  });
  const gated = entry(2, {
    id: 'test.gated',
    patterns: [/> ?\/sys\/bind\n[^\n]{0,40}write error: (?<err>[^\n]{1,40})/],
    endsOn: ['write error: '],
  });
  const all = [icase, across, gated];
  assert.deepEqual(
    matchLine('KVM: DISABLED BY BIOS', all).map((m) => m.entry.id),
    ['test.icase'],
  );
  // The literal "mdev " is in the line before: the lines are joined only then.
  assert.deepEqual(
    matchLine('then cause: busy', all, ['mdev ab12 failed']).map((m) => m.entry.id),
    ['test.across'],
  );
  assert.deepEqual(matchLine('then cause: busy', all, ['mdav ab12 failed']), []);
  assert.deepEqual(
    matchLine('sh: write error: Device or resource busy', all, ['# echo x > /sys/bind']).map(
      (m) => m.entry.id,
    ),
    ['test.gated'],
  );
});
