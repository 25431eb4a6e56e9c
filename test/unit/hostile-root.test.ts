// A snapshot directory is someone else's data: every read of a HostRoot stays inside it (no chain
// of links may leave it), reads only regular files, and is bounded. Regression tests for the
// defects of issue 10 section 3 that concern directory roots (`--root DIR`); the archive ones are
// in hostile-archive.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fsModule, * as fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { showPath, VfiokitError } from '../../src/errors.js';
import { readKernelLog } from '../../src/host/kernel-log.js';
import { DirHostRoot, MAX_READ_BYTES, openRoot } from '../../src/host/root.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hostile-root-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const lab = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');

/** A copy of the lab desktop snapshot to damage. */
function copyLab(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(lab, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

function replaceWithLink(dir: string, rel: string, target: string): void {
  fs.rmSync(path.join(dir, rel), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.symlinkSync(target, path.join(dir, rel));
}

/** The message of what f throws, asserting it is a one-line VfiokitError with a hint. */
function oneLineError(f: () => unknown): VfiokitError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof VfiokitError, String(e));
    assert.ok(e.hint, `no hint for: ${e.message}`);
    assert.doesNotMatch(e.message, /\n/);
    return e;
  }
  assert.fail('expected an error');
}

test('a symlink chain that climbs out through ".." of an inner link is not followed', () => {
  // The archive: sys/a/b/up -> ../.. (lexically inside), then proc/cmdline ->
  // ../sys/a/b/up/../../../proc/cmdline, which the kernel resolves to this machine's cmdline.
  const dir = copyLab('chain');
  fs.mkdirSync(path.join(dir, 'sys/a/b'), { recursive: true });
  fs.symlinkSync('../..', path.join(dir, 'sys/a/b/up'));
  replaceWithLink(dir, 'proc/cmdline', `../sys/a/b/up/../..${'/..'.repeat(20)}/proc/cmdline`);
  // The oracle: the kernel itself follows the chain out of the snapshot.
  assert.equal(
    path.relative(dir, fs.realpathSync(path.join(dir, 'proc/cmdline'))).startsWith('..'),
    true,
    'the fixture really escapes when the kernel resolves it',
  );
  const root = new DirHostRoot(dir);
  const e = oneLineError(() => root.readText('/proc/cmdline'));
  assert.match(
    e.message,
    /^\/proc\/cmdline leads outside the snapshot \(through \/sys\/a\/b\/up\): not followed$/,
  );
  assert.equal(root.exists('/proc/cmdline'), false);
  assert.equal(root.realPath('/proc/cmdline'), undefined);
  assert.equal(root.leadsOutside('/proc/cmdline'), true);
  // The inner link itself stays inside (it names sys/) and reads as that directory.
  assert.equal(root.realPath('/sys/a/b/up'), '/sys');
  assert.ok(root.list('/sys/a/b/up').includes('bus'));
  assert.equal(root.notes.length, 1);
  // Through the CLI: the host's own command line is never printed.
  const host = fs.readFileSync('/proc/cmdline', 'utf8').trim();
  const r = runCli(['--root', dir, '--json']);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /^vfiokit: note: \/proc\/cmdline leads outside the snapshot/m);
  if (host) assert.ok(!r.stdout.includes(host) && !r.stderr.includes(host));
});

test('absolute links and links to /dev/zero are refused, never read', () => {
  const dir = copyLab('abs');
  replaceWithLink(dir, 'proc/cmdline', '/dev/zero');
  replaceWithLink(dir, 'etc/hostname', '/etc/passwd');
  const root = new DirHostRoot(dir);
  assert.match(oneLineError(() => root.readText('/proc/cmdline')).message, /leads outside the snapshot/);
  assert.match(oneLineError(() => root.readBytes('/etc/hostname')).message, /leads outside the snapshot/);
  // The zero device reached through a chain inside the tree: refused the same way.
  replaceWithLink(dir, 'proc/cmdline', '../sys/../../../../../../../../../dev/zero');
  assert.match(oneLineError(() => root.readText('/proc/cmdline')).message, /leads outside the snapshot/);
  // A device directory whose bus link leaves the root is reported, the scan goes on.
  replaceWithLink(
    dir,
    'sys/bus/pci/devices/0000:00:01.0',
    '../../../../../../../../../../sys/bus/pci/devices/0000:00:01.0',
  );
  const r = runCli(['--root', dir, '--json', 'devices']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(
    j.devices.some((d: { address: string }) => d.address === '0000:00:01.0'),
    false,
  );
  assert.match(r.stderr, /0000:00:01\.0.*leads outside the snapshot/);
});

test('FIFOs and device nodes in a snapshot are refused without opening them (no hang)', () => {
  const dir = copyLab('special');
  fs.rmSync(path.join(dir, 'proc/cmdline'));
  const mk = spawnSync('mkfifo', [path.join(dir, 'proc/cmdline')]);
  assert.equal(mk.status, 0, 'mkfifo is in coreutils');
  const root = new DirHostRoot(dir);
  assert.match(
    oneLineError(() => root.readText('/proc/cmdline')).message,
    /^\/proc\/cmdline is a FIFO: not read$/,
  );
  // A FIFO as the kernel log: reported unreadable, not "no kernel messages", and no hang.
  fs.rmSync(path.join(dir, 'vfiokit/dmesg.txt'));
  spawnSync('mkfifo', [path.join(dir, 'vfiokit/dmesg.txt')]);
  const log = readKernelLog(root);
  assert.ok('unreadable' in log);
  assert.match(log.unreadable, /dmesg\.txt could not be read: \/vfiokit\/dmesg\.txt is a FIFO/);
  // A device node (mknod needs CAP_MKNOD: the suite runs as root in CI and here).
  if (process.getuid?.() === 0) {
    const node = path.join(dir, 'proc/cpuinfo');
    fs.rmSync(node);
    assert.equal(spawnSync('mknod', [node, 'c', '1', '5']).status, 0, 'mknod c 1 5 (/dev/zero)');
    assert.match(oneLineError(() => root.readText('/proc/cpuinfo')).message, /is a device node: not read/);
  } else {
    assert.ok(!process.env.CI, 'CI runs the suite as root so that the device-node case runs');
  }
});

test('reads are bounded: a 3 GiB sparse dmesg.txt is cut at 32 MiB with a note', () => {
  const dir = copyLab('sparse');
  const f = path.join(dir, 'vfiokit/dmesg.txt');
  const head = fs.readFileSync(f);
  fs.truncateSync(f, 3 * 1024 ** 3);
  const root = new DirHostRoot(dir);
  const log = readKernelLog(root);
  assert.ok('log' in log);
  // The real lines at the start are still there (the ring buffer is at most 32 MiB).
  assert.ok(log.log.lines[0].length > 0 && head.toString('utf8').startsWith(log.log.lines[0]));
  assert.deepEqual(root.notes, [
    '/vfiokit/dmesg.txt is larger than 32 MiB (3072 MiB): only its first 32 MiB were read',
  ]);
  // Any other file: the general cap, or the kernel's own bound for the command line.
  fs.truncateSync(path.join(dir, 'proc/iomem'), MAX_READ_BYTES + 10);
  assert.equal(root.readText('/proc/iomem')?.length, MAX_READ_BYTES);
  assert.match(
    root.notes[1],
    /^\/proc\/iomem is larger than 64 MiB \(64 MiB\): only its first 64 MiB were read$/,
  );
  fs.truncateSync(path.join(dir, 'proc/cmdline'), 3 * 1024 ** 3);
  assert.equal(root.readText('/proc/cmdline')?.length, 64 * 1024);
  assert.match(root.notes[2], /^\/proc\/cmdline is larger than 65536 bytes \(3072 MiB\)/);
  // Through the CLI the notes reach stderr, one line each.
  const r = runCli(['--root', dir, 'doctor']);
  assert.match(r.stderr, /^vfiokit: note: \/vfiokit\/dmesg\.txt is larger than 32 MiB/m);
});

test('an unreadable dmesg.txt is reported as unreadable, not as "no kernel messages"', () => {
  const dir = copyLab('kmsg-dir');
  fs.rmSync(path.join(dir, 'vfiokit/dmesg.txt'));
  fs.mkdirSync(path.join(dir, 'vfiokit/dmesg.txt'));
  const r = runCli(['--root', dir, 'doctor']);
  assert.match(r.stdout, /could not be read: \/vfiokit\/dmesg\.txt is a directory where a file was expected/);
  assert.doesNotMatch(r.stdout, /has no kernel messages/);
});

test('EISDIR, ELOOP and long or multi-line paths give one-line errors with a hint', () => {
  const dir = copyLab('msgs');
  const root = new DirHostRoot(dir);
  const isDir = oneLineError(() => root.readText('/proc'));
  assert.equal(isDir.message, '/proc is a directory where a file was expected');
  assert.match(isDir.hint!, /snapshot is damaged/);
  fs.symlinkSync('loop2', path.join(dir, 'proc/loop1'));
  fs.symlinkSync('loop1', path.join(dir, 'proc/loop2'));
  assert.equal(
    oneLineError(() => root.readText('/proc/loop1')).message,
    '/proc/loop1 is a loop of symbolic links',
  );
  // A file name with a newline (possible in a crafted tree) is escaped, a 100 kB one cut.
  const nl = '/proc/a\nb';
  fs.mkdirSync(path.join(dir, nl));
  assert.equal(
    oneLineError(() => root.readText(nl)).message,
    '"/proc/a\\nb" is a directory where a file was expected',
  );
  const long = `/x${'y'.repeat(100_000)}`;
  assert.ok(showPath(long).length < 200);
  assert.match(showPath(long), /^"\/xyyy.*…y+"$/);
  // --root with such a path, through the CLI: one line, cut.
  const r = runCli(['--root', `${tmp}/${'z'.repeat(100_000)}\nsecond line`, 'devices']);
  assert.equal(r.status, 3);
  assert.equal(r.stderr.split('\n').length, 2, 'one line and its newline');
  assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters`);
});

test('a snapshot whose files this user cannot read gets snapshot advice, not "run as root"', () => {
  // The suite runs as root, where chmod does not stop reads: the EACCES is produced by a root
  // whose read is refused the way the kernel refuses it (open(2) → EACCES).
  const dir = copyLab('perm');
  const root = new DirHostRoot(dir);
  const realOpen = fsModule.openSync;
  fsModule.openSync = ((p: fs.PathLike, ...rest: never[]) => {
    if (String(p).endsWith('/proc/cmdline'))
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return (realOpen as (...a: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync;
  syncBuiltinESMExports();
  try {
    const e = oneLineError(() => root.readText('/proc/cmdline'));
    assert.equal(e.code, 'host.permission');
    assert.doesNotMatch(e.hint!, /as root|sudo/);
    assert.match(e.hint!, /snapshot's files are not readable by this user/);
  } finally {
    fsModule.openSync = realOpen;
    syncBuiltinESMExports();
  }
});

test('--root refuses a tree without a snapshot manifest (an interrupted capture), but not "/"', () => {
  const dir = copyLab('no-manifest');
  fs.rmSync(path.join(dir, 'manifest.json'));
  const e = oneLineError(() => openRoot(dir));
  assert.equal(e.code, 'host.root-no-manifest');
  assert.match(e.message, /has no manifest\.json: not a complete vfiokit snapshot$/);
  const r = runCli(['--root', dir, 'groups']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /^vfiokit: .* has no manifest\.json: not a complete vfiokit snapshot \(hint: /);
  fs.writeFileSync(path.join(dir, 'manifest.json'), '{"schema": "something else"}');
  assert.match(oneLineError(() => openRoot(dir)).message, /is not a vfiokit snapshot manifest$/);
  // A manifest that is a link out of the snapshot is not read either.
  replaceWithLink(dir, 'manifest.json', path.join(lab, 'manifest.json'));
  assert.match(oneLineError(() => openRoot(dir)).message, /leads outside the snapshot/);
  const live = openRoot('/');
  assert.equal(live.live, true);
  assert.equal(live.snapshot, undefined);
  assert.equal(openRoot(lab).snapshot?.privileged, true);
});

test('the live root reads procfs and sysfs whole and quickly (sizes 0 and 4096 are not lengths)', () => {
  const live = new DirHostRoot('/');
  const kallsyms = live.readText('/proc/kallsyms');
  const oracle = spawnSync('cat', ['/proc/kallsyms'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  assert.ok(kallsyms !== undefined);
  // Both are snapshots of a changing file only in module lines; the line counts match closely.
  const a = kallsyms.split('\n').length;
  const b = oracle.split('\n').length;
  assert.ok(Math.abs(a - b) <= Math.max(10, b / 100), `${a} vs cat's ${b} lines`);
  assert.equal(live.readText('/proc/self/comm')?.trim(), fs.readFileSync('/proc/self/comm', 'utf8').trim());
  assert.deepEqual(live.notes, []);
  assert.match(
    oneLineError(() => live.readText('/proc/self')).message,
    /is a directory where a file was expected/,
  );
});

test('a scan of a snapshot refuses FIFOs and links out of it inside device directories (no hang)', async () => {
  const { scanPciDevices } = await import('../../src/host/pci-sysfs.js');
  const dir = copyLab('device-specials');
  const devDir = (a: string) => path.join(dir, 'sys/bus/pci/devices', a);
  // A FIFO as a device's class: the device is unreadable, with the reason, and the scan goes on.
  const cls = path.join(fs.realpathSync(devDir('0000:00:03.0')), 'class');
  fs.rmSync(cls);
  assert.equal(spawnSync('mkfifo', [cls]).status, 0, 'mkfifo is in coreutils');
  // A config file that is a link leading out of the snapshot: not followed, so config is unknown.
  const cfg = path.join(fs.realpathSync(devDir('0000:00:02.0')), 'config');
  fs.rmSync(cfg);
  fs.symlinkSync('/etc/passwd', cfg);
  const root = openRoot(dir);
  const scan = scanPciDevices(root);
  const bad = scan.unreadable.find((u) => u.address === '0000:00:03.0');
  assert.match(bad?.reason ?? '', /0000:00:03\.0\/class is a FIFO: not read$/);
  const escaped = scan.devices.find((d) => d.address === '0000:00:02.0');
  assert.ok(escaped, 'the device whose config leads out is still listed');
  assert.equal(escaped.config, undefined);
  assert.ok(escaped.unknownFacts?.some((f) => f.fact === 'config'));
  assert.ok(root.notes?.some((n) => /config leads outside the snapshot/.test(n)));
  // Every other device of the lab snapshot was read.
  const listed = fs.readdirSync(path.join(dir, 'sys/bus/pci/devices')).length;
  assert.equal(scan.devices.length + scan.unreadable.length, listed);
  assert.equal(scan.unreadable.length, 1);
});
