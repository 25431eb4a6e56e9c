// Every document the igd commands print with --json is valid against its schema (docs/json.md,
// linked from docs/igd.md).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildIgdHost, IGD_HOSTS, PREPARED_HOST } from '../helpers/igd-hosts.js';
import { assertValidJson } from '../helpers/json-schema.js';
import { buildOpRegion } from '../helpers/opregion-image.js';

/**
 * The document is valid against its published schema (src/schema/outputs/, whose every field has
 * its meaning in docs/json.md; strict, so a key the schema does not name fails), and docs/igd.md
 * links to its generated section. Returns how many distinct keys it has.
 */
/** The version of each igd document (igd.check/2: IDs without 0x). */
const VERSION: Record<string, number> = { 'igd.opregion': 1, 'igd.check': 2, 'igd.plan': 1, 'igd.verify': 1 };

function assertDocumented(section: string, value: unknown): number {
  assertValidJson(value, `vfiokit.${section}/${VERSION[section]}`);
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/igd.md'), 'utf8');
  assert.ok(doc.includes(`(json.md#${section})`), `docs/igd.md links to json.md#${section}`);
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        walk(x);
      }
  };
  walk(value);
  return keys.size;
}

test('igd --json outputs are valid against their schemas, linked from docs/igd.md', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-igdjson-'));
  const apl = buildIgdHost(IGD_HOSTS.find((c) => c.name === 'apollo-lake')!, PREPARED_HOST);
  try {
    const op = path.join(dir, 'op');
    fs.writeFileSync(op, buildOpRegion({ extended: true }));
    const sz = path.join(dir, 'sz');
    fs.writeFileSync(sz, Buffer.from([0, 0, 0, 4, 0, 0, 0, 0]));
    const docs: [string, string[]][] = [
      ['igd.opregion', ['--json', 'igd', 'opregion', op]],
      ['igd.check', ['--root', apl.dir, '--json', 'igd', 'check']],
      ['igd.plan', ['--json', 'igd', 'plan', '--opregion', op, '--bdsm-size', sz, '--memory', '4G']],
      ['igd.plan', ['--root', apl.dir, '--json', 'igd', 'plan', '--for', '00:02.0', '--memory', '8G']],
      ['igd.verify', ['--root', apl.dir, '--json', 'igd', 'verify']],
    ];
    let keys = 0;
    for (const [section, args] of docs) {
      const r = runCli(args);
      assert.equal(r.stderr, '', `${args.join(' ')}: ${r.stderr}`);
      const v = JSON.parse(r.stdout);
      assert.equal(v.schema, `vfiokit.${section}/${VERSION[section]}`);
      keys += assertDocumented(section, v);
    }
    assert.ok(keys > 60, `only ${keys} keys`);
  } finally {
    apl.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
