// docs/diagnose-coverage.md lists, per source file, every format string considered and the entry
// recognising it. Each covered row is checked here: an entry's own format is rendered and matched
// in diagnose-formats.test.ts; the further wordings (ALSO) carry a printed text that must both fit
// the format string (conversions read as "some text") and be recognised by the entry named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coverageDoc } from '../../scripts/catalogue-doc.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { ALSO, coverageRows, LEFT_OUT } from '../../src/readiness/diagnose/coverage.js';
import { matchLine } from '../../src/readiness/diagnose/matcher.js';

/**
 * A format string as an expression: literal text exact, each conversion some non-empty text (C's,
 * the kernel's %pR / %pe / %px, Go's %v, %w and %q, Python's %(name)s).
 */
function formatRegExp(format: string): RegExp {
  const parts = format
    .replace(/\n$/, '')
    .split(/%(?:\d+\$|\(\w+\))?[-#0 +]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|j|z)?(?:pR|pr|pS|pe|px|p|[diouxXscmvwq])/);
  return new RegExp(
    parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, ' +')).join('.{1,200}?'),
  );
}

test('docs/diagnose-coverage.md is what the coverage list generates', () => {
  const committed = readFileSync(new URL('../../docs/diagnose-coverage.md', import.meta.url), 'utf8');
  assert.equal(committed, coverageDoc(), 'regenerate: npx tsx scripts/catalogue-doc.ts --write');
  const rows = committed.split('\n').filter((l) => l.startsWith('| `') || l.startsWith('| ``'));
  assert.equal(rows.length, CATALOGUE.length + ALSO.length + LEFT_OUT.length);
});

test('every catalogue entry is a row of the coverage, under the file it cites', () => {
  const rows = coverageRows();
  for (const e of CATALOGUE)
    assert.ok(
      rows.some((r) => r.id === e.id),
      e.id,
    );
  assert.equal(rows.filter((r) => r.id && !r.why).length, CATALOGUE.length + ALSO.length);
});

test('each further wording fits its format string and is recognised by the entry named', () => {
  assert.ok(ALSO.length >= 20, `${ALSO.length} further wordings`);
  for (const a of ALSO) {
    assert.ok(
      CATALOGUE.some((e) => e.id === a.id),
      `${a.id} is not a catalogue entry`,
    );
    assert.match(a.text, formatRegExp(a.format), `${a.id}: the text does not fit "${a.format}"`);
    const ids = matchLine(a.text).map((m) => m.entry.id);
    assert.ok(
      ids.includes(a.id),
      `${a.id} does not recognise:\n${a.text}\n(got ${ids.join(', ') || 'nothing'})`,
    );
  }
});

test('every left-out format string names its file and says why', () => {
  assert.ok(LEFT_OUT.length >= 10);
  for (const l of LEFT_OUT) {
    assert.ok(l.why.length > 20, l.format);
    assert.ok(l.file.includes('/'), l.file);
  }
});

test('the format-string reader: literal parts exact, conversions as text', () => {
  assert.match('BAR 1: no space for [mem 0x0-0xf]', formatRegExp('BAR %d: no space for %pR'));
  assert.doesNotMatch('BAR 1: no room for [mem 0x0-0xf]', formatRegExp('BAR %d: no space for %pR'));
  assert.match(
    'Failed to re-attach device pci_0000_01_00_0',
    formatRegExp('Failed to re-attach device %1$s'),
  );
  assert.match('PCI alias gpu is not defined', formatRegExp('PCI alias %(alias)s is not defined'));
  assert.match('on device "eth0": busy', formatRegExp('on device %q: %w'));
});
