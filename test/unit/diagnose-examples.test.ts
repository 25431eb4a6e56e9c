// Every catalogue entry recognises the real messages it carries (`examples`: public reports where
// one exists, otherwise built from the format string and marked so), and reads the facts each
// example names. Tests are named by entry id, so one source's entries can be run alone
// (--test-name-pattern '^qemu\.').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { normaliseErrno } from '../../src/readiness/diagnose/errno.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';

test('catalogue ids are unique', () => {
  const seen = new Set<string>();
  for (const e of CATALOGUE) {
    assert.ok(!seen.has(e.id), `duplicate id ${e.id}`);
    seen.add(e.id);
  }
});

for (const e of CATALOGUE) {
  test(`${e.id}: recognises its examples`, () => {
    const examples = e.examples ?? [];
    assert.ok(examples.length >= 1, `${e.id} has no example message`);
    for (const ex of examples) {
      assert.ok(ex.origin.length > 0, `${e.id}: example without an origin`);
      const { findings } = diagnoseText(ex.text);
      const f = findings.find((x) => x.entry.id === e.id);
      assert.ok(f, `${e.id} does not recognise its example:\n${ex.text}`);
      const facts: Record<string, string> = { ...f.values };
      if (f.device) facts.bdf = f.device;
      if (f.group !== undefined) facts.group = String(f.group);
      for (const [k, v] of Object.entries(ex.facts ?? {})) {
        // An errno may be given as printed (-12) or as the name the engine reads it as (ENOMEM).
        if (k === 'errno' && f.facts.errno !== undefined && normaliseErrno(v) === f.facts.errno) continue;
        assert.equal(facts[k], v, `${e.id}: fact ${k} read from:\n${ex.text}`);
      }
    }
  });
}
