// What one catalogue entry makes of one message, for the tests of entries' facts and refinements.
import assert from 'node:assert/strict';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import type { CatalogueEntry, CatalogueExample, Refinement } from '../../src/readiness/diagnose/entry.js';
import { diagnoseText, type Finding, matchLine } from '../../src/readiness/diagnose/matcher.js';
import { planPattern } from '../../src/readiness/diagnose/regex-safety.js';

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

/** The explanation of the one finding of entry `id` in `text` (see onlyFinding). */
export function onlyExplanation(text: string, id: string): Finding['explanation'] {
  return onlyFinding(text, id).explanation;
}

/**
 * Each of `lines` gives exactly one finding of entry `id`, which `check` then examines (its
 * assertions should name the line). Fails on an empty list, so a loop over it cannot pass by
 * checking nothing.
 */
export function eachOnlyFinding(
  id: string,
  lines: readonly string[],
  check: (f: Finding, line: string) => void,
): void {
  assert.ok(lines.length > 0, `${id}: no lines to check`);
  for (const line of lines) check(onlyFinding(line, id), line);
}

/**
 * What a sweep file's entries owe the catalogue: each is registered, its id names its layer (one of
 * `prefixes`), it cites its source with a format, every pattern is one the linear matcher can plan
 * with a literal to find it by, and every example is claimed by the entry alone. `each` sees every
 * example with its finding, for the file's own checks (facts read, ...). Returns how many entries
 * were checked.
 */
export function checkSweepEntries(
  entries: readonly CatalogueEntry[],
  prefixes: readonly string[],
  each?: (e: CatalogueEntry, ex: CatalogueExample, f: Finding) => void,
): number {
  let checked = 0;
  for (const e of entries) {
    assert.ok(
      CATALOGUE.some((c) => c === e),
      `${e.id} is not registered`,
    );
    assert.ok(
      prefixes.some((p) => e.id.startsWith(p)),
      `${e.id}: id prefix names its layer`,
    );
    assert.ok(e.cite.length > 20 && e.format.length > 5, e.id);
    for (const [i, p] of e.patterns.entries()) {
      const plan = planPattern(p);
      assert.deepEqual(plan.hazards, [], `${e.id} pattern ${i}: ${p.source}`);
      assert.ok(plan.literals.length > 0, `${e.id} pattern ${i} has no literal`);
    }
    assert.ok((e.examples ?? []).length >= 1, `${e.id} has no example`);
    for (const ex of e.examples ?? []) {
      const { findings } = diagnoseText(ex.text);
      assert.deepEqual(
        findings.map((f) => f.entry.id),
        [e.id],
        `${e.id}: its example is claimed by exactly it:\n${ex.text}`,
      );
      each?.(e, ex, findings[0]);
    }
    checked++;
  }
  return checked;
}
