// Runs the bundled CLI as a user would and checks the error conventions: one line, a hint,
// no stack trace, and the documented exit codes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { repoRoot, runCli } from '../helpers/cli.js';

test('unknown option: one line, exit 2', () => {
  const r = runCli(['--bogus']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^vfiokit: unknown option '--bogus' \(hint: /);
});

test('missing --root directory: environment error, exit 3, no stack', () => {
  const r = runCli(['--root', '/nonexistent-vfiokit-root']);
  assert.equal(r.status, 3);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.match(r.stderr, /does not exist \(hint: /);
});

test('--debug shows the stack', () => {
  const r = runCli(['--debug', '--root', '/nonexistent-vfiokit-root']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /\n\s+at /);
});

test('--version and --help exit 0', () => {
  assert.equal(runCli(['--version']).status, 0);
  const h = runCli(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Usage: vfiokit/);
});

test("commander's suggestion and arguments with newlines stay on one line", () => {
  const typo = runCli(['devices', '--clas', 'gpu']);
  assert.equal(typo.status, 2);
  assert.equal(
    typo.stderr,
    "vfiokit: unknown option '--clas' (Did you mean --class?) (hint: see vfiokit --help)\n",
  );
  const nl = runCli(['device', '01:00\n.0']);
  assert.equal(nl.status, 2);
  assert.match(nl.stderr, /^vfiokit: "01:00\\n\.0" is not a PCI address \(hint: [^\n]*\n$/);
});

test('random command lines: exit 0-3, at most one line on stderr, never a stack trace', () => {
  const root = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
  // Commands that write (snapshot -o, rom fix/extract -o) write into a scratch directory.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-argv-'));
  const words = fc.constantFrom(
    'devices',
    'device',
    'groups',
    'explain',
    'doctor',
    'diagnose',
    'rom',
    'parse',
    'fix',
    'extract',
    'snapshot',
    '--json',
    '--tree',
    '--gpu',
    '--simulate',
    '--class',
    'gpu',
    '--vendor',
    '10de',
    '--memory',
    '16G',
    '--device',
    '0000:01:00.0',
    '01:00.1',
    '--vm',
    '-o',
    '--image',
    '7',
    '--efi',
    '--format',
    'rom-parser',
    '--override',
    'downstream',
    '',
    '-',
    '--',
    '\n',
    'zz:zz.z',
    '99999999999999999999',
    '--help',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 6 })), { maxLength: 6 }), (argv) => {
      const r = runCli(['--root', root, ...argv], { cwd });
      assert.ok([0, 1, 2, 3].includes(r.status), `exit ${r.status} for ${JSON.stringify(argv)}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, JSON.stringify(argv));
      assert.ok(r.stderr.trimEnd().split('\n').length <= 1, `${JSON.stringify(argv)}:\n${r.stderr}`);
    }),
    { numRuns: 50, seed: 0xc11 },
  );
  fs.rmSync(cwd, { recursive: true, force: true });
});
