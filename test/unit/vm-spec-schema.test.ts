// The published JSON Schema (docs/schema/vm-spec.json) is what scripts/vm-schema.ts writes from
// the valibot definition today, and an independent validator (Python's jsonschema, Debian's
// python3-jsonschema) agrees with vfiokit's parser on the sample specs and on broken ones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { vmSpecJsonSchemaText } from '../../src/vm/spec/json-schema.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { repoRoot } from '../helpers/cli.js';
import { SPEC_DIR } from '../helpers/vm-host.js';

const SCHEMA = path.join(repoRoot, 'docs/schema/vm-spec.json');

test('docs/schema/vm-spec.json is current (npx tsx scripts/vm-schema.ts)', () => {
  assert.equal(fs.readFileSync(SCHEMA, 'utf8'), vmSpecJsonSchemaText());
});

const havePy = spawnSync('python3', ['-c', 'import jsonschema, yaml'], { encoding: 'utf8' }).status === 0;

const CHECK = `
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
for f in sys.argv[2:]:
    print(f, "valid" if v.is_valid(yaml.safe_load(open(f))) else "invalid")
`;

test('Python jsonschema agrees with the parser on valid and broken specs', {
  skip: !havePy && !process.env.CI && 'python3-jsonschema / python3-yaml not installed',
}, () => {
  const dir = fs.mkdtempSync(path.join(repoRoot, '.vm-schema-'));
  try {
    const files = fs
      .readdirSync(SPEC_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(SPEC_DIR, f));
    assert.ok(files.length >= 7, `found ${files.length} sample specs`);
    // Broken on purpose, each in a way the schema can express.
    const broken: Record<string, string> = {
      'size.yaml': 'name: a\nmemory: 16X\ncpu: {cores: 2}\n',
      'unknown-key.yaml': 'name: a\nmemory: 1G\ncpu: {cores: 2}\nhugepage: 1G\n',
      'no-cpu.yaml': 'name: a\nmemory: 1G\n',
      'bad-toggle.yaml':
        'name: a\nmemory: 1G\ncpu: {cores: 2}\ninput: {keyboard: /dev/input/x, grabToggle: ctrl-alt}\n',
      'bad-id.yaml': 'name: a\nmemory: 1G\ncpu: {cores: 2}\ndevices: [{id: "10de-2484"}]\n',
    };
    for (const [f, t] of Object.entries(broken)) fs.writeFileSync(path.join(dir, f), t);
    const all = [...files, ...Object.keys(broken).map((f) => path.join(dir, f))];
    const r = spawnSync('python3', ['-c', CHECK, SCHEMA, ...all], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const verdicts = new Map(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    assert.equal(verdicts.size, all.length);
    for (const f of all) {
      let ours = 'valid';
      try {
        parseVmSpec(fs.readFileSync(f, 'utf8'), f);
      } catch {
        ours = 'invalid';
      }
      assert.equal(verdicts.get(f), ours, f);
      assert.equal(ours, f.startsWith(SPEC_DIR) ? 'valid' : 'invalid', f);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
