// The host writer: atomic replacement that keeps the file's mode, exclusive creation for the lock,
// directories created and removed again, and no write that leaves the root (a ".." path, or a
// directory symlink inside the tree pointing out of it). Commands under a root other than "/"
// are reported as "would run" and never started.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DirHostWriter } from '../../src/host/host-writer.js';

function tree(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-writer-'));
  fs.mkdirSync(path.join(d, 'etc'));
  return d;
}

test('writeFile replaces atomically and keeps the old mode; no temporary file is left', () => {
  const d = tree();
  try {
    const w = new DirHostWriter(d);
    const f = path.join(d, 'etc/x.sh');
    fs.writeFileSync(f, 'old\n');
    fs.chmodSync(f, 0o750);
    w.writeFile('/etc/x.sh', 'new\n');
    assert.equal(fs.readFileSync(f, 'utf8'), 'new\n');
    assert.equal(fs.statSync(f).mode & 0o7777, 0o750);
    w.writeFile('/etc/y', new Uint8Array([0, 255, 10]), 0o600);
    assert.deepEqual([...fs.readFileSync(path.join(d, 'etc/y'))], [0, 255, 10]);
    assert.equal(fs.statSync(path.join(d, 'etc/y')).mode & 0o7777, 0o600);
    assert.deepEqual(fs.readdirSync(path.join(d, 'etc')).sort(), ['x.sh', 'y']);
    assert.deepEqual(w.readFile('/etc/y'), { mode: 0o600, bytes: new Uint8Array([0, 255, 10]) });
    assert.equal(w.readFile('/etc/none'), undefined);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test('createExclusive, mkdir -p with the created list, rmdirIfEmpty, remove', () => {
  const d = tree();
  try {
    const w = new DirHostWriter(d);
    assert.deepEqual(w.mkdir('/var/lib/vfiokit'), ['/var', '/var/lib', '/var/lib/vfiokit']);
    assert.deepEqual(w.mkdir('/var/lib/vfiokit'), []);
    assert.equal(w.createExclusive('/var/lib/vfiokit/lock', 'a'), true);
    assert.equal(w.createExclusive('/var/lib/vfiokit/lock', 'b'), false);
    assert.equal(w.rmdirIfEmpty('/var/lib/vfiokit'), false);
    w.remove('/var/lib/vfiokit/lock');
    w.remove('/var/lib/vfiokit/lock');
    assert.equal(w.rmdirIfEmpty('/var/lib/vfiokit'), true);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test('createExclusive: the name appears only with its whole content (strace: written, then linked)', () => {
  // The kernel's own record of the system calls is the oracle. A file created under its final
  // name and written after (open O_EXCL, then write) can be read empty in between: a second
  // vfiokit took such a lock file for a crashed holder's and removed it (lab bind test, CI).
  const d = tree();
  try {
    const lock = path.join(d, 'etc/lock');
    const trace = path.join(d, 'trace');
    const script = `import { DirHostWriter } from ${JSON.stringify(path.resolve('src/host/host-writer.ts'))};
const w = new DirHostWriter(${JSON.stringify(d)});
if (!w.createExclusive('/etc/lock', 'PAYLOAD-1\\n', 0o600)) process.exit(3);
if (w.createExclusive('/etc/lock', 'PAYLOAD-2\\n', 0o600)) process.exit(4);`;
    const r = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-s',
        '200',
        '-e',
        'trace=openat,open,creat,write,link,linkat,rename,renameat,renameat2',
        '-o',
        trace,
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.error, undefined, 'strace runs (apt-get install strace)');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(lock, 'utf8'), 'PAYLOAD-1\n');
    assert.equal(fs.statSync(lock).mode & 0o7777, 0o600);
    assert.deepEqual(fs.readdirSync(path.join(d, 'etc')), ['lock'], 'no temporary file is left');
    const lines = fs.readFileSync(trace, 'utf8').split('\n');
    const q = JSON.stringify(lock);
    // Never opened for creation under its own name; made by link(2), twice (the second EEXIST).
    assert.deepEqual(
      lines.filter((l) => /\bopen(at)?\(/.test(l) && l.includes(q) && /O_CREAT/.test(l)),
      [],
    );
    const links = lines
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /\blink(at)?\(/.test(l) && l.includes(q));
    assert.equal(links.length, 2, links.map(([l]) => l).join('\n'));
    assert.match(links[0][0], /= 0$/);
    assert.match(links[1][0], /EEXIST/);
    // Each payload was written before its link.
    const w1 = lines.findIndex((l) => /\bwrite\(/.test(l) && l.includes('PAYLOAD-1'));
    const w2 = lines.findIndex((l) => /\bwrite\(/.test(l) && l.includes('PAYLOAD-2'));
    assert.ok(w1 >= 0 && w1 < links[0][1], 'the first content was written before the name appeared');
    assert.ok(w2 > links[0][1] && w2 < links[1][1], 'the second content was written before its refused link');
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test('no write leaves the root', () => {
  const d = tree();
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-outside-'));
  try {
    const w = new DirHostWriter(d);
    assert.throws(() => w.writeFile('/etc/../../x', 'x'), /not a plain absolute path/);
    assert.throws(() => w.writeFile('etc/x', 'x'), /not a plain absolute path/);
    fs.symlinkSync(outside, path.join(d, 'etc/escape'));
    assert.throws(() => w.writeFile('/etc/escape/x', 'x'), /leaves the root/);
    assert.deepEqual(fs.readdirSync(outside), []);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('a command under a root other than / is reported as would run, never started', async () => {
  const d = tree();
  try {
    const w = new DirHostWriter(d);
    const r = await w.run(['touch', path.join(d, 'ran')]);
    assert.equal(r.ran, false);
    assert.equal(r.note, `would run: touch ${path.join(d, 'ran')} (not run: the root is not /)`);
    assert.equal(fs.existsSync(path.join(d, 'ran')), false);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
