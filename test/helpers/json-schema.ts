// Validates --json documents against their definitions in src/schema/outputs/ (the same ones
// docs/json.md and docs/schema/ are generated from). runCli calls it on every --json output, so
// each command test also checks the contract; validatedCount() lets a test assert how many it saw.
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { loadOutputs } from '../../scripts/json-doc.js';
import type { OutputDefinition } from '../../src/schema/define.js';

export const OUTPUTS: readonly OutputDefinition[] = await loadOutputs();
const byId = new Map(OUTPUTS.map((d) => [d.id, d]));
const seen = new Map<string, number>();

/** The issues of a failed validation, one line each: where, what was expected, what was there. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 8)
    .map((i) => `${v.getDotPath(i) ?? '(document)'}: ${i.message}`)
    .join('\n');
}

/** Asserts that `doc` is a valid document of the schema it names (or of `expected`). */
export function assertValidJson(doc: unknown, expected?: string): string {
  assert.ok(doc && typeof doc === 'object' && !Array.isArray(doc), 'a --json document is an object');
  const id = (doc as { schema?: unknown }).schema;
  assert.equal(typeof id, 'string', 'a --json document names its schema');
  if (expected !== undefined) assert.equal(id, expected);
  const def = byId.get(id as string);
  assert.ok(def, `${id} is not defined in src/schema/outputs/ (known: ${[...byId.keys()].join(', ')})`);
  const r = v.safeParse(def.schema, doc);
  assert.ok(r.success, `${id} does not match its schema:\n${r.success ? '' : describe(r.issues)}`);
  seen.set(id as string, (seen.get(id as string) ?? 0) + 1);
  return id as string;
}

/** Parses command output and validates it. */
export function assertValidJsonText(text: string, expected?: string): unknown {
  const doc = JSON.parse(text) as unknown;
  assertValidJson(doc, expected);
  return doc;
}

/** How many documents of each schema this process validated. */
export function validatedCount(id?: string): number {
  if (id !== undefined) return seen.get(id) ?? 0;
  let n = 0;
  for (const c of seen.values()) n += c;
  return n;
}
