// What one catalogue entry makes of one message, for the tests of entries' facts and refinements.
import assert from 'node:assert/strict';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import type { Refinement } from '../../src/readiness/diagnose/entry.js';
import { diagnoseText, type Finding, matchLine } from '../../src/readiness/diagnose/matcher.js';

/** The entry's refinement of the facts `line` gives it; the entry must have one and match. */
export function refined(id: string, line: string): Refinement | undefined {
  const entry = CATALOGUE.find((e) => e.id === id);
  assert.ok(entry?.refine, `${id} has no refine`);
  const hit = matchLine(line).find((m) => m.entry.id === id);
  assert.ok(hit, `${id} does not match: ${line}`);
  return entry.refine(hit.groups);
}

/** The one finding of entry `id` in `text` (exactly one, or the test fails naming what was found). */
export function onlyFinding(text: string, id: string): Finding {
  const hits = diagnoseText(text).findings.filter((f) => f.entry.id === id);
  assert.equal(
    hits.length,
    1,
    `${id}: expected one finding in:\n${text}\n(got ${diagnoseText(text)
      .findings.map((f) => f.entry.id)
      .join(', ')})`,
  );
  return hits[0];
}
