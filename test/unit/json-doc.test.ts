// docs/json.md and docs/schema/*.json are generated from the schema definitions; they must be
// regenerated whenever a definition changes (npx tsx scripts/json-doc.ts --write). And every
// schema the source prints is defined: a `schema: 'vfiokit.…'` literal in src/ without a
// definition is a document nobody can validate.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { jsonDoc, nameOf } from '../../scripts/json-doc.js';
import { repoRoot } from '../helpers/cli.js';
import { OUTPUTS } from '../helpers/json-schema.js';

test('docs/json.md and docs/schema/*.json are what the definitions generate', async () => {
  const { markdown, schemas } = await jsonDoc();
  const committed = fs.readFileSync(path.join(repoRoot, 'docs/json.md'), 'utf8');
  assert.equal(committed, markdown, 'regenerate: npx tsx scripts/json-doc.ts --write');
  assert.equal(schemas.size, OUTPUTS.length);
  for (const [file, text] of schemas) {
    const p = path.join(repoRoot, file);
    assert.ok(fs.existsSync(p), `${file} is missing: npx tsx scripts/json-doc.ts --write`);
    assert.equal(fs.readFileSync(p, 'utf8'), text, `${file} is stale: npx tsx scripts/json-doc.ts --write`);
  }
  // One section per definition, each with a field table.
  for (const d of OUTPUTS) assert.ok(committed.includes(`<a id="${nameOf(d.id)}"></a>`), d.id);
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('every schema the source prints is defined, and every definition is printed by the source', () => {
  const inCode = new Set<string>();
  for (const f of sources(path.join(repoRoot, 'src'))) {
    if (path.relative(repoRoot, f).startsWith(path.join('src', 'schema'))) continue;
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/schema: '(vfiokit\.[a-z.-]+\/\d+)'/g))
      inCode.add(m[1]);
  }
  assert.ok(inCode.size >= 20, `found only ${[...inCode].join(', ')}`);
  assert.deepEqual([...inCode].sort(), OUTPUTS.map((d) => d.id).sort());
});

test('docs link to sections and schema files that exist', () => {
  const ids = new Set(OUTPUTS.map((d) => nameOf(d.id)));
  let links = 0;
  for (const f of fs.readdirSync(path.join(repoRoot, 'docs')).filter((x) => x.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(repoRoot, 'docs', f), 'utf8');
    for (const m of text.matchAll(/\]\(json\.md#([a-z.-]+)\)/g)) {
      links++;
      assert.ok(ids.has(m[1]), `docs/${f} links to json.md#${m[1]}, which is not a section`);
    }
  }
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/\]\(docs\/json\.md#([a-z.-]+)\)/g)) {
    links++;
    assert.ok(ids.has(m[1]), `README.md links to docs/json.md#${m[1]}`);
  }
  assert.ok(links >= 10, `only ${links} links to generated sections`);
});

test('the CLI bundle carries no validator: commands import the schema definitions for their types only', () => {
  const bundle = fs.readFileSync(path.join(repoRoot, 'dist/vfiokit.cjs'), 'utf8');
  // valibot marks every schema object with its vendor name (the Standard Schema interface).
  assert.ok(bundle.length > 100_000, 'the bundle was built');
  assert.equal(
    bundle.includes('vendor: "valibot"'),
    false,
    'a runtime import of src/schema/ reached the bundle',
  );
});
