// `--root FILE.tar.gz` takes archives from bug reports: regression tests for issue 10 section 3
// (symlink chains, device nodes, FIFOs, hard links, gzip bombs, members declaring gigabytes,
// signals, stale copies left by SIGKILL, a missing TMPDIR). Archives are crafted header by header
// (test/helpers/tar-build.ts) because `tar -c` never writes most of them.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as zlib from 'node:zlib';
import { VfiokitError } from '../../src/errors.js';
import { ARCHIVE_LIMITS, removeStaleTempDirs, unpackSnapshot } from '../../src/host/snapshot-archive.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { type TarEntry, tarBytes, tarGz, treeEntries } from '../helpers/tar-build.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hostile-archive-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const lab = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const labEntries = treeEntries(lab);

function write(name: string, bytes: Uint8Array): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, bytes);
  return f;
}

/** A private TMPDIR per test: what the CLI leaves in it shows whether it cleaned up. */
function scratch(): string {
  return fs.mkdtempSync(path.join(tmp, 'scratch-'));
}

const ours = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('vfiokit-'));

/** Every special file under a directory (device nodes, FIFOs, sockets). */
function specialFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFIFO() || e.isCharacterDevice() || e.isBlockDevice() || e.isSocket())
      out.push(path.join(e.parentPath, e.name));
  }
  return out;
}

async function unpackError(file: string, limits = ARCHIVE_LIMITS): Promise<VfiokitError> {
  try {
    const a = await unpackSnapshot(file, limits);
    a.cleanup();
  } catch (e) {
    assert.ok(e instanceof VfiokitError, String(e));
    assert.doesNotMatch(e.message, /\n/);
    return e;
  }
  assert.fail('expected the unpack to be refused');
}

test('the lab snapshot as a crafted archive reads like the directory (the builder is faithful)', () => {
  const file = write('lab.tar.gz', tarGz(labEntries));
  const env = { TMPDIR: scratch() };
  const a = runCli(['--root', file, '--json', 'groups'], env === undefined ? {} : { env });
  const b = runCli(['--root', lab, '--json', 'groups']);
  assert.equal(a.status, 0, a.stderr);
  assert.deepEqual({ ...JSON.parse(a.stdout), root: '' }, { ...JSON.parse(b.stdout), root: '' });
  assert.deepEqual(ours(env.TMPDIR), []);
});

test("a symlink chain through an inner link's '..' cannot print this machine's command line", () => {
  const host = fs.readFileSync('/proc/cmdline', 'utf8').trim();
  const entries: TarEntry[] = [
    ...labEntries.filter((e) => e.path !== 'proc/cmdline'),
    { path: 'sys/a/b/', type: 'Directory' },
    { path: 'sys/a/b/up', type: 'SymbolicLink', linkpath: '../..' },
    // Inside by its text (sys/proc/cmdline), outside when resolved: the chain.
    { path: 'proc/cmdline', type: 'SymbolicLink', linkpath: '../sys/a/b/up/../../../proc/cmdline' },
    // Outside by its text too, aimed at /dev/zero (the 16 GB read).
    {
      path: 'etc/hostname',
      type: 'SymbolicLink',
      linkpath: `../sys/a/b/up/../..${'/..'.repeat(20)}/dev/zero`,
    },
  ];
  const file = write('chain.tar.gz', tarGz(entries));
  const env = { TMPDIR: scratch() };
  const r = runCli(['--root', file, '--json'], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).cmdline, undefined);
  if (host) assert.ok(!r.stdout.includes(host), 'the host command line leaked');
  assert.match(
    r.stderr,
    /^vfiokit: note: .*chain\.tar\.gz: skipped 1 symlink\(s\) leading outside the snapshot \(a snapshot holds only files, directories and symlinks within itself\)$/m,
  );
  assert.match(
    r.stderr,
    /^vfiokit: note: .*chain\.tar\.gz: removed 1 symlink\(s\) that lead outside the snapshot$/m,
  );
  assert.deepEqual(ours(env.TMPDIR), []);
});

test('device nodes, FIFOs and hard links in an archive are skipped and counted', async () => {
  const entries: TarEntry[] = [
    ...labEntries.filter((e) => e.path !== 'proc/cmdline' && e.path !== 'proc/cpuinfo'),
    { path: 'proc/cmdline', type: 'FIFO' },
    { path: 'proc/cpuinfo', type: 'CharacterDevice' },
    { path: 'dev/sda', type: 'BlockDevice' },
    { path: 'etc/shadow-link', type: 'Link', linkpath: '/etc/shadow' },
  ];
  const file = write('special.tar.gz', tarGz(entries));
  const a = await unpackSnapshot(file);
  try {
    assert.deepEqual(specialFiles(a.dir), []);
    assert.equal(fs.existsSync(path.join(a.dir, 'etc/shadow-link')), false);
    assert.deepEqual(a.notes, [
      `${file}: skipped 1 FIFO(s), 2 device node(s), 1 hard link(s) (a snapshot holds only files, directories and symlinks within itself)`,
    ]);
  } finally {
    a.cleanup();
  }
  // Through the CLI: the note, and the missing files are simply absent.
  const r = runCli(['--root', file, 'doctor'], { env: { TMPDIR: scratch() } });
  assert.match(r.stderr, /^vfiokit: note: .*skipped 1 FIFO\(s\), 2 device node\(s\), 1 hard link\(s\)/m);
});

test('a gzip of zeros named .tar.gz is refused at once, whatever its size', async () => {
  // 64 MiB took 76 s before (node-tar buffered everything after the end marker).
  const zeros = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
  const file = write('zeros.tar.gz', zeros);
  const env = { TMPDIR: scratch() };
  const r = runCli(['--root', file, 'devices'], { env });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /^vfiokit: cannot unpack .*zeros\.tar\.gz: .*\(hint: [^\n]*\n$/);
  assert.deepEqual(ours(env.TMPDIR), []);
  // A real snapshot followed by the same zeros: read up to the end marker, the rest ignored.
  const padded = write(
    'padded.tar.gz',
    zlib.gzipSync(Buffer.concat([tarBytes(labEntries), Buffer.alloc(64 * 1024 * 1024)])),
  );
  const ok = runCli(['--root', padded, 'devices'], { env });
  assert.equal(ok.status, 0, ok.stderr);
  // Not gzip at all.
  const text = write('text.tar.gz', Buffer.from('hello\n'));
  assert.match(
    (await unpackError(text)).message,
    /cannot unpack .*text\.tar\.gz: not gzip data, or damaged$/,
  );
});

test('a bomb past the unpacked-size limit stops there, naming the limit', async () => {
  // The limit scaled down so that the test stays small: 1 MiB, and an archive of 3 MiB.
  const big: TarEntry[] = [
    ...labEntries,
    ...[1, 2, 3].map((i) => ({
      path: `vfiokit/pad${i}`,
      type: 'File' as const,
      data: Buffer.alloc(1024 * 1024),
    })),
  ];
  const file = write('bomb.tar.gz', tarGz(big));
  const e = await unpackError(file, { ...ARCHIVE_LIMITS, unpackedBytes: 1024 * 1024 });
  assert.equal(e.code, 'host.root-archive-limit');
  assert.match(
    e.message,
    /bomb\.tar\.gz unpacks to more than 1 MiB: not a vfiokit snapshot, unpacking stopped$/,
  );
  const many = await unpackError(file, { ...ARCHIVE_LIMITS, entries: 100 });
  assert.match(many.message, /has more than 100 entries/);
  // With the real limits it is an ordinary snapshot.
  const a = await unpackSnapshot(file);
  a.cleanup();
  assert.equal(fs.existsSync(a.dir), false);
});

test('a member declaring 3 GiB is refused from its header, without reading or writing it', () => {
  const entries: TarEntry[] = [
    ...labEntries,
    { path: 'vfiokit/dmesg.txt', type: 'File', declaredSize: 3 * 1024 ** 3, data: 'x' },
  ];
  const file = write('huge.tar.gz', tarGz(entries, { endMarker: false }));
  const env = { TMPDIR: scratch() };
  const r = runCli(['--root', file, 'doctor'], { env });
  assert.equal(r.status, 3);
  assert.match(
    r.stderr,
    /^vfiokit: .*huge\.tar\.gz holds vfiokit\/dmesg\.txt of 3072 MiB, over the 64 MiB limit for one file: not a vfiokit snapshot, unpacking stopped \(hint: [^\n]*\n$/,
  );
  assert.deepEqual(ours(env.TMPDIR), []);
});

test('an archive --root is removed when SIGINT or SIGTERM ends the process, which then ends', async () => {
  const file = write('sig.tar.gz', tarGz(labEntries));
  for (const [sig, when] of [
    ['SIGINT', 'after'],
    ['SIGTERM', 'after'],
    ['SIGINT', 'during'],
  ] as const) {
    const dir = scratch();
    // "during": the signal arrives while the archive streams in; "after": while the command runs.
    const script = `
      import { unpackSnapshot } from ${JSON.stringify(path.join(repoRoot, 'src/host/snapshot-archive.ts'))};
      const p = unpackSnapshot(${JSON.stringify(file)});
      if (${JSON.stringify(when)} === 'during') setImmediate(() => process.kill(process.pid, '${sig}'));
      else { await p; process.kill(process.pid, '${sig}'); }
      setTimeout(() => console.log('still running'), 5000);
      await p;
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: dir },
      cwd: repoRoot,
      timeout: 30_000,
    });
    assert.equal(r.signal, sig, `${sig} ${when}: ${r.stdout} ${r.stderr}`);
    assert.doesNotMatch(r.stdout, /still running/);
    assert.deepEqual(ours(dir), [], `${sig} ${when}`);
  }
});

test('the CLI itself ends on SIGINT during a command and leaves nothing behind', async () => {
  const file = write('cli-sig.tar.gz', tarGz(labEntries));
  const dir = scratch();
  // `doctor --rom` waits on nothing; a read of a FIFO would, so the command here is one that
  // takes a moment: the signal is sent as soon as the unpacked copy exists.
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/vfiokit'), '--root', file, 'groups'], {
    env: { ...process.env, TMPDIR: dir },
    stdio: 'ignore',
  });
  const done = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
  for (let i = 0; i < 500 && !ours(dir).length && child.exitCode === null; i++)
    await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGINT');
  const sig = await done;
  // Either the signal ended it, or the command had already finished: both leave nothing.
  assert.ok(sig === 'SIGINT' || child.exitCode === 0, `exit ${child.exitCode} signal ${sig}`);
  assert.deepEqual(ours(dir), []);
});

test('copies left by a killed run (SIGKILL) are removed by the next run: ours, dead pid only', () => {
  const dir = scratch();
  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout.trim());
  const stale = path.join(dir, `vfiokit-root-${deadPid}-AbC123`);
  const live = path.join(dir, `vfiokit-root-${process.pid}-XyZ789`);
  const other = path.join(dir, 'vfiokit-root-unrelated');
  for (const d of [stale, live, other]) fs.mkdirSync(d);
  fs.writeFileSync(path.join(stale, 'leftover'), 'x');
  // A real SIGKILL: the child unpacks, is killed, and leaves its copy.
  const file = write('kill.tar.gz', tarGz(labEntries));
  const script = `
    import { unpackSnapshot } from ${JSON.stringify(path.join(repoRoot, 'src/host/snapshot-archive.ts'))};
    await unpackSnapshot(${JSON.stringify(file)});
    process.kill(process.pid, 'SIGKILL');
  `;
  const k = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: dir },
    cwd: repoRoot,
  });
  assert.equal(k.signal, 'SIGKILL');
  const killed = ours(dir).filter((n) => n.startsWith(`vfiokit-root-${k.pid}-`));
  assert.equal(killed.length, 1, 'SIGKILL runs no clean-up');
  const r = runCli(['--root', file, 'devices'], { env: { TMPDIR: dir } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(ours(dir).sort(), ['vfiokit-root-unrelated', path.basename(live)].sort());
  assert.deepEqual(removeStaleTempDirs(dir), []);
});

test('a missing TMPDIR, and an archive that is not a file, are one-line errors with a hint', () => {
  const file = write('tmpdir.tar.gz', tarGz(labEntries));
  const r = runCli(['--root', file, 'devices'], { env: { TMPDIR: path.join(tmp, 'no-such-dir') } });
  assert.equal(r.status, 3);
  assert.match(
    r.stderr,
    /^vfiokit: cannot create a temporary directory in \S+no-such-dir: ENOENT \(hint: set TMPDIR to an existing directory you can write to[^\n]*\)\n$/,
  );
  assert.doesNotMatch(r.stderr, /internal error/);
  const d = path.join(tmp, 'dir.tar.gz');
  fs.mkdirSync(d);
  const n = runCli(['--root', d, 'devices']);
  assert.equal(n.status, 3);
  assert.match(n.stderr, /^vfiokit: snapshot archive \S+dir\.tar\.gz is not a file \(hint: [^\n]+\)\n$/);
});
