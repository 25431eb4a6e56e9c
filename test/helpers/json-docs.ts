// Checks a --json document against its schema's section of docs/fleet.md.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './cli.js';

/** Every key the output uses is named in the schema's section of docs/fleet.md. */
export function assertDocumented(section: string, value: unknown): void {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/fleet.md'), 'utf8');
  const start = doc.indexOf(`<!-- schema:${section} -->`);
  assert.ok(start >= 0, `no section ${section} in docs/fleet.md`);
  const end = doc.indexOf('<!-- schema:', start + 5);
  const text = doc.slice(start, end < 0 ? undefined : end);
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        // Label names are data (NFD labels), not schema fields.
        if (!k.includes('/')) keys.add(k);
        walk(x);
      }
  };
  walk(value);
  assert.ok(keys.size >= 3);
  for (const k of keys)
    assert.ok(new RegExp(`\\b${k}\\b`).test(text), `docs/fleet.md (${section}) does not document "${k}"`);
}
