// Runs the bundled CLI as a user would and checks the error conventions: one line, a hint,
// no stack trace, and the documented exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

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
