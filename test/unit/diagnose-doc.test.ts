// docs/diagnose-catalogue.md is generated from the catalogue; it must be regenerated whenever an
// entry changes (npx tsx scripts/catalogue-doc.ts --write).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { catalogueDoc } from '../../scripts/catalogue-doc.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';

test('docs/diagnose-catalogue.md is what the catalogue generates', () => {
  const committed = readFileSync(new URL('../../docs/diagnose-catalogue.md', import.meta.url), 'utf8');
  assert.equal(committed, catalogueDoc(), 'regenerate: npx tsx scripts/catalogue-doc.ts --write');
  const rows = committed.split('\n').filter((l) => l.startsWith('| `'));
  assert.equal(rows.length, CATALOGUE.length);
});
