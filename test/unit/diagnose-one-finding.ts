// The one finding of a catalogue entry in a text: the check several diagnose test files make
// before asserting what the entry's explanation says (not a test file itself: no .test.ts).
import assert from 'node:assert/strict';
import { diagnoseText, type Finding } from '../../src/readiness/diagnose/matcher.js';

export function oneFinding(text: string, id: string): Finding {
  const hits = diagnoseText(text).findings.filter((f) => f.entry.id === id);
  assert.equal(hits.length, 1, `${id}: expected one finding in:\n${text}`);
  return hits[0];
}
