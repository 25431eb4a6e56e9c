// Standard output written straight to fd 1 (src/cli/stdout.ts): what a shell does with it.
// Each case runs the bundled CLI under bash, as a user's pipeline would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { binPath, repoRoot, runCli } from '../helpers/cli.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { hostOf, SHAPES } from '../helpers/mixed-host.js';

const mixed = SHAPES.find((s) => s.name === 'mixed');
if (!mixed) throw new Error('no mixed shape');
// 256 functions: `devices --json` is far past a pipe's 64 KiB buffer, so a writer meets a full
// pipe and a closed one.
const fx = buildFixture({ rootComplexes: hostOf(mixed, 256) });
after(() => fx.cleanup());

const whole = runCli(['devices', '--json', '--root', fx.dir]);

function bash(script: string) {
  const r = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', VFIOKIT: `${process.execPath} ${binPath}`, ROOT: fx.dir },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('the whole document is written (the reference the other cases compare with)', () => {
  assert.equal(whole.status, 0, whole.stderr);
  assert.ok(whole.stdout.length > 256 * 1024, `${whole.stdout.length} bytes`);
  assert.equal(JSON.parse(whole.stdout).devices.length, 256);
});

test('a reader that closes the pipe early (`| head`) ends the command quietly, with its exit code', () => {
  // $PIPESTATUS: vfiokit's status, the pipeline's first.
  const r = bash('$VFIOKIT devices --json --root "$ROOT" | head -c 100 > /dev/null; echo "rc=$PIPESTATUS"');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'rc=0');
});

test('a non-blocking pipe whose reader is slow gets every byte, in order', () => {
  // perl (part of every Debian system) sets O_NONBLOCK on the pipe and then runs vfiokit on it,
  // as a parent sharing the pipe may; the reader starts after the pipe has filled.
  assert.ok(existsSync('/usr/bin/perl'), 'perl is part of every Debian system');
  const r = bash(
    `perl -MFcntl -e 'my $f = fcntl(STDOUT, F_GETFL, 0) or die; fcntl(STDOUT, F_SETFL, $f | O_NONBLOCK) or die; exec @ARGV' ` +
      '$VFIOKIT devices --json --root "$ROOT" | (sleep 0.5; cat)',
  );
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, whole.stdout);
});

test('a write that fails (a full disk) is one line and exit code 3, not a trace', () => {
  const r = bash('$VFIOKIT devices --json --root "$ROOT" > /dev/full');
  assert.equal(r.status, 3);
  assert.equal(r.stderr, 'vfiokit: cannot write to standard output: ENOSPC\n');
});

test('help goes to standard output the same way', () => {
  const r = bash('$VFIOKIT --help | head -1');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: vfiokit /);
  const full = bash('$VFIOKIT --help > /dev/full');
  assert.equal(full.status, 3);
  assert.equal(full.stderr, 'vfiokit: cannot write to standard output: ENOSPC\n');
});

test('main() run inside another program writes where it is told, not on fd 1', async () => {
  const { main } = await import('../../src/cli/main.js');
  let text = '';
  const code = await main(['node', 'vfiokit', 'devices', '--json', '--root', fx.dir], {
    write: (c: string | Uint8Array) => {
      text += typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
      return true;
    },
  });
  assert.equal(code, 0);
  assert.equal(text, whole.stdout);
});
