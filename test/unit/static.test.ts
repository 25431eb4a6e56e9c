// The type checker and the linter are part of the suite: code that does not type-check or breaks
// the project's lint rules fails `npm test` (and so CI), not only an editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const top = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => path.join(top, 'node_modules', '.bin', name);

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: top, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

test('tsc --noEmit: the whole tree type-checks', () => {
  const r = run(bin('tsc'), ['--noEmit', '-p', top]);
  assert.equal(r.status, 0, r.out.split('\n').slice(0, 30).join('\n'));
});

test('biome check: lint and format rules hold', () => {
  const r = run(bin('biome'), [
    'check',
    '--diagnostic-level=error',
    'bin',
    'src',
    'test',
    'bench',
    'scripts',
    'lab',
  ]);
  assert.equal(r.status, 0, r.out.split('\n').slice(0, 40).join('\n'));
});
