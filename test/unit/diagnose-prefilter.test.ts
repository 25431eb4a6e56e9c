// The literal prefilter of the diagnose engine splits the catalogue's literals over several
// expressions once their source passes EXACT_CHUNK characters (V8 stops optimising a longer
// expression, which made every line's scan several times slower). A literal in any part must
// still let its entry be tried, and one line may need literals from different parts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogueEntry } from '../../src/readiness/diagnose/entry.js';
import { EXACT_CHUNK, matchLine } from '../../src/readiness/diagnose/matcher.js';

/** A distinct 400-character word per entry: enough of them fill several prefilter parts. */
const word = (i: number) => `w${String(i).padStart(3, '0')}${'abcdefghij'.repeat(40)}`;

function entry(i: number): CatalogueEntry {
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
  };
}

const COUNT = Math.ceil((3 * EXACT_CHUNK) / 400);
const ENTRIES = Array.from({ length: COUNT }, (_, i) => entry(i));

test('literals past the first prefilter part still select their entries', () => {
  assert.ok(COUNT * 400 > 2 * EXACT_CHUNK, 'the literals need more than two parts');
  for (const i of [0, Math.floor(COUNT / 2), COUNT - 1]) {
    const ids = matchLine(`qemu-system-x86_64: ${word(i)} failed: Invalid argument`, ENTRIES).map(
      (m) => m.entry.id,
    );
    assert.deepEqual(ids, [`test.long-literal-${i}`]);
  }
});

test('one line holding literals of different parts is matched by each entry', () => {
  const line = `${word(1)} failed: No such device; ${word(COUNT - 2)} failed: Invalid argument`;
  const ids = matchLine(line, ENTRIES)
    .map((m) => m.entry.id)
    .sort();
  assert.deepEqual(ids, [`test.long-literal-${COUNT - 2}`, 'test.long-literal-1'].sort());
});

test('a line with none of the literals matches nothing', () => {
  assert.deepEqual(
    matchLine(`qemu-system-x86_64: ${'abcdefghij'.repeat(40)} failed: Invalid argument`, ENTRIES),
    [],
  );
});
