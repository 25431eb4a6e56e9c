// Every JSON schema the CLI prints is listed in docs/json.md (which `--help` points to), and
// every schema listed there is one the CLI prints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/cli.js';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('docs/json.md lists exactly the schemas the CLI prints', () => {
  const inCode = new Set<string>();
  for (const f of sources(path.join(repoRoot, 'src'))) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/schema: '(vfiokit\.[a-z.-]+\/\d+)'/g))
      inCode.add(m[1]);
  }
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/json.md'), 'utf8');
  const table = new Set([...doc.matchAll(/^\|[^|]+\| `(vfiokit\.[a-z.-]+\/\d+)` \|/gm)].map((m) => m[1]));
  assert.ok(inCode.size >= 12, `found only ${[...inCode].join(', ')}`);
  assert.deepEqual([...table].sort(), [...inCode].sort());
  // The files the table links to exist.
  for (const m of doc.matchAll(/\]\(([a-z]+\.md)/g))
    assert.ok(fs.existsSync(path.join(repoRoot, 'docs', m[1])), m[1]);
});
