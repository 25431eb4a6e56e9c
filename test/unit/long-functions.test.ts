// The long-function check (scripts/long-functions.ts) on small source texts whose line counts are
// known by construction: each body below is built with a given number of lines, so the expected
// figures come from the construction, not from the checker.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLongFunctions, MAX_LINES } from '../../scripts/long-functions.js';
import { repoRoot } from '../helpers/cli.js';

/** A function of exactly `total` lines, signature and closing brace included. */
function fn(name: string, total: number, header = ''): string {
  const body = Array.from({ length: total - 2 }, (_, i) => `  const v${i} = ${i};`);
  return `${header}function ${name}(): void {\n${body.join('\n')}\n}\n`;
}

test('the agreed limit is 60 lines', () => {
  assert.equal(MAX_LINES, 60);
});

test('a 61-line function without a reason is a finding; 60 lines is not', () => {
  const found = findLongFunctions(`${fn('sixty', 60)}\n${fn('sixtyOne', 61)}`, 'a.ts');
  assert.equal(found.length, 1);
  assert.equal(found[0].name, 'sixtyOne');
  assert.equal(found[0].lines, 61);
  assert.equal(found[0].line, 62);
  assert.equal(found[0].reason, null);
});

test('a 61-line function with a "// long:" line above it gives its reason', () => {
  const found = findLongFunctions(fn('tableOfSteps', 61, '// long: one table of steps\n'), 'a.ts');
  assert.equal(found.length, 1);
  assert.equal(found[0].reason, 'one table of steps');
});

test('a JSDoc line starting "Long:" is a reason; other comments are not', () => {
  const jsdoc = fn('documented', 70, '/**\n * Plans the thing.\n * Long: one linear sequence\n */\n');
  assert.equal(findLongFunctions(jsdoc, 'a.ts')[0].reason, 'one linear sequence');
  const plain = fn('plain', 70, '// this is long because it is\n');
  assert.equal(findLongFunctions(plain, 'a.ts')[0].reason, null);
  const empty = fn('empty', 70, '// long:\n');
  assert.equal(findLongFunctions(empty, 'a.ts')[0].reason, null);
});

test('a reason above another function does not count', () => {
  const text = `// long: for the first\n${fn('short', 5)}${fn('long', 61)}`;
  const found = findLongFunctions(text, 'a.ts');
  assert.equal(found.length, 1);
  assert.equal(found[0].reason, null);
});

test('arrow functions, function expressions and methods are measured and named', () => {
  const body = Array.from({ length: 61 }, (_, i) => `    const v${i} = ${i};`).join('\n');
  const text = [
    `export const arrow = (): void => {\n${body}\n};`,
    `const expr = function (): void {\n${body}\n};`,
    `class K {\n  method(): void {\n${body}\n  }\n}`,
    `const obj = {\n  // long: a reason on the property\n  prop: () => {\n${body}\n  },\n};`,
  ].join('\n');
  const found = findLongFunctions(text, 'a.ts');
  assert.deepEqual(
    found.map((f) => [f.name, f.lines, f.reason]),
    [
      ['arrow', 63, null],
      ['expr', 63, null],
      ['method', 63, null],
      ['prop', 63, 'a reason on the property'],
    ],
  );
});

test('nested functions are counted alone: their interior is not the outer function’s', () => {
  // outer: signature, 30 lines, a 50-line inner function, 10 lines, closing brace = 92 lines in
  // all; its own lines are 92 - 48 (the inner function's interior) = 44.
  const inner = fn('inner', 50)
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`);
  const before = Array.from({ length: 30 }, (_, i) => `  const a${i} = ${i};`);
  const after = Array.from({ length: 10 }, (_, i) => `  const b${i} = ${i};`);
  const outer = ['function outer(): void {', ...before, ...inner, ...after, '}'].join('\n');
  assert.deepEqual(findLongFunctions(outer, 'a.ts'), []);
  assert.equal(findLongFunctions(outer, 'a.ts', 40)[0].lines, 44);

  // A long nested function is reported by itself, the short outer one is not.
  const longInner = fn('longInner', 61)
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`);
  const found = findLongFunctions(['function host(): void {', ...longInner, '}'].join('\n'), 'a.ts');
  assert.deepEqual(
    found.map((f) => [f.name, f.lines]),
    [['longInner', 61]],
  );
});

test('the repository itself passes the check (the run npm run lint makes)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/long-functions.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^long-functions: \d+ files, \d+ long function\(s\) with a reason, 0 without$/m);
});
