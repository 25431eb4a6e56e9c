// The kernel, pciutils, ACS-patch, vendor-reset and Windows patterns stay linear-time by
// construction: every repetition is bounded ({1,64}, never + or *), except a trailing \s*$ that
// can only run once at the end of a line. A long line of word characters therefore cannot make a
// pattern rescan it from every position (the old unbounded `([\w-]+): probe of` took seconds on
// 4 KiB words). Checked on the pattern source, so the test does not depend on timing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KERNEL_ENTRIES } from '../../src/readiness/diagnose/catalogue/kernel.js';
import { OTHER_ENTRIES } from '../../src/readiness/diagnose/catalogue/other.js';
import { matchLine } from '../../src/readiness/diagnose/matcher.js';

/** The pattern source with escapes and character classes folded, so only real quantifiers remain. */
function quantifiers(source: string): string {
  return source
    .replace(/\\./g, 'E')
    .replace(/\[[^\]]*\]/g, 'C')
    .replace(/E\*\$$/, '');
}

const ENTRIES = [...KERNEL_ENTRIES, ...OTHER_ENTRIES];

test('kernel and other patterns use only bounded repetition', () => {
  let patterns = 0;
  for (const e of ENTRIES)
    for (const re of e.patterns) {
      patterns++;
      const q = quantifiers(re.source);
      assert.ok(!/[+*]|\{\d+,\}/.test(q), `${e.id}: unbounded repetition in /${re.source}/`);
    }
  assert.ok(patterns >= ENTRIES.length, `${patterns} patterns for ${ENTRIES.length} entries`);
});

test('each kernel and other pattern carries a literal of at least six characters', () => {
  for (const e of ENTRIES)
    for (const re of e.patterns) {
      const literal = re.source
        .replace(/\\[dswDSW]/g, '\u0000')
        .replace(/\\(.)/g, '$1')
        .replace(/\[[^\]]*\]\{[^}]*\}|\[[^\]]*\]|\(\?<\w+>|\(\?:|[()|?^$]|\{\d+(,\d+)?\}/g, '\u0000')
        .split('\u0000')
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      assert.ok(literal.length >= 6, `${e.id}: no distinctive literal in /${re.source}/`);
    }
});

test('4 KiB lines built from the patterns’ own pieces are handled and match nothing spurious', () => {
  const pieces = [
    'a',
    '0',
    ' ',
    '[',
    ':',
    '0000:01:00.0 ',
    'AMD_NAVI10: ',
    'DMAR: [DMA Read',
    'not ready 1ms after ',
    'BAR 1 ',
    'Event logged [',
    'vfio_ecap_init: ',
  ];
  for (const p of pieces) {
    const line = p.repeat(Math.ceil(4096 / p.length)).slice(0, 4096);
    const ids = matchLine(line).map((m) => m.entry.id);
    assert.deepEqual(
      ids.filter((id) => ENTRIES.some((e) => e.id === id)),
      [],
      `a run of ${JSON.stringify(p)} matched ${ids.join(', ')}`,
    );
  }
});
