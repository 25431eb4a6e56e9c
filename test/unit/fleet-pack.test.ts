// The snapshot pack (src/host/snapshot-pack.ts): the fleet reads it instead of the tar entries, so
// every report from a pack must be the report from the tar (byte for byte), over the lab
// snapshots (the kernel made them), the committed fixtures, and the bench's 512-function hosts.
// A pack that cannot stand for its archive (none, unknown version, disagreeing with the manifest
// or the archive's length) is passed over, and --verbose says why. The pack parser is fuzzed:
// seeded mutations of a real pack, and fast-check bytes behind a valid header.
// Set PACK_FUZZ_SEED to replay another seed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { ARCHIVE_LIMITS, ArchiveHostRoot, InflateArena } from '../../src/host/archive-root.js';
import { writeArchive } from '../../src/host/snapshot-archive.js';
import { buildPack, PACK_MEMBER, parsePack } from '../../src/host/snapshot-pack.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { buildGpuHost, type GpuHostOptions } from '../helpers/fleet-hosts.js';
import { seededRandom } from '../helpers/mutate-text.js';

const SEED = Number(process.env.PACK_FUZZ_SEED ?? 17);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-fleet-pack-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every committed snapshot with a manifest: the lab's four, and the fixtures a fleet can read. */
const FIXTURES = [
  'lab-desktop/snapshot',
  'lab-legacy/snapshot',
  'lab-noacs/snapshot',
  'lab-server/snapshot',
  'single-gpu',
  'setup/readme-host',
  'igd/haswell-i915',
].map((f) => path.join(repoRoot, 'test/fixtures', f));

/**
 * The bench's four kinds of host (bench/fleet.bench.ts): one at its 512 functions, the others
 * smaller (a 512-function tree is some 15,000 files to write and archive twice).
 */
const BENCH_KINDS: GpuHostOptions[] = [
  { gpus: 8, functions: 64 },
  { gpus: 8, sharedFirstGpu: true, shiftBuses: 2, functions: 512 },
  { gpus: 8, driver: 'nvidia', functions: 64 },
  { gpus: 8, noRemapping: true, functions: 64 },
];

const trees: { name: string; dir: string }[] = [];
for (const f of FIXTURES)
  trees.push({ name: `${path.basename(path.dirname(f))}-${path.basename(f)}`, dir: f });
for (const [i, k] of BENCH_KINDS.entries())
  trees.push({ name: `bench-${i}`, dir: buildGpuHost(k, path.join(tmp, `tree-${i}`)).dir });

const packDir = path.join(tmp, 'pack');
const tarDir = path.join(tmp, 'tar');
fs.mkdirSync(packDir);
fs.mkdirSync(tarDir);
for (const t of trees) {
  await writeArchive(t.dir, path.join(packDir, `${t.name}.tar.gz`));
  await writeArchive(t.dir, path.join(tarDir, `${t.name}.tar.gz`), { pack: false });
}

/** The uncompressed tar of an archive, its pack's bounds, and a way to write it back gzipped. */
function unpackTar(file: string): { tar: Buffer; packStart: number; packEnd: number } {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  assert.equal(tar.toString('latin1', 0, PACK_MEMBER.length), PACK_MEMBER);
  const size = Number.parseInt(tar.toString('latin1', 124, 136).replace(/\0.*$/, ''), 8);
  return { tar, packStart: 512, packEnd: 512 + size };
}

test('fleet --json from the packs is byte-identical to fleet --json from the tar entries', () => {
  assert.equal(trees.length, FIXTURES.length + BENCH_KINDS.length);
  const a = runCli(['fleet', '--json', '--jobs', '2', '--verbose', packDir]);
  const b = runCli(['fleet', '--json', '--jobs', '2', '--verbose', tarDir]);
  assert.ok(a.status === 0 || a.status === 1, a.stderr);
  assert.equal(a.status, b.status);
  const report = JSON.parse(a.stdout);
  assert.equal(report.hosts.length, trees.length);
  assert.equal(report.summary.unreadable, 0, a.stdout);
  assert.equal(a.stdout.replaceAll(packDir, 'DIR'), b.stdout.replaceAll(tarDir, 'DIR'));
  // --verbose: nothing to say about the packs; every pack-less archive is named.
  assert.equal(a.stderr, '');
  const notes = b.stderr.trim().split('\n');
  assert.equal(notes.length, trees.length);
  for (const n of notes)
    assert.match(n, /^vfiokit: note: \S+: read from the tar entries: the archive has no snapshot pack/);
});

test('every pack is read as the pack, and gives the tree the tar gives', async () => {
  const arena = new InflateArena();
  let n = 0;
  for (const t of trees) {
    const file = path.join(packDir, `${t.name}.tar.gz`);
    const p = await ArchiveHostRoot.read(file, arena);
    assert.equal(p.source, 'pack', t.name);
    const fromPack = walk(p);
    const q = await ArchiveHostRoot.read(path.join(tarDir, `${t.name}.tar.gz`), arena);
    assert.equal(q.source, 'tar');
    assert.deepEqual(fromPack, walk(q), t.name);
    n++;
  }
  assert.equal(n, trees.length);
});

/** Every path of a root with what it holds: file bytes (hex), link target, or a directory. */
function walk(r: ArchiveHostRoot): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (p: string) => {
    for (const name of r.list(p || '/')) {
      const c = `${p}/${name}`;
      const link = r.readLink(c);
      if (link !== undefined) out.set(c, `-> ${link}`);
      else if (r.isDir(c)) {
        out.set(c, 'dir');
        visit(c);
      } else out.set(c, Buffer.from(r.readBytes(c) ?? []).toString('hex'));
    }
  };
  visit('');
  return out;
}

test('--root of an archive with a pack reads as the directory, and unpacks no pack file', () => {
  for (const name of ['lab-desktop-snapshot', 'bench-1']) {
    const t = trees.find((x) => x.name === name)!;
    const a = runCli(['--root', path.join(packDir, `${name}.tar.gz`), '--json', 'groups']);
    const b = runCli(['--root', t.dir, '--json', 'groups']);
    assert.equal(a.status, 0, a.stderr);
    assert.deepEqual({ ...JSON.parse(a.stdout), root: '' }, { ...JSON.parse(b.stdout), root: '' });
  }
  const r = runCli(['--root', path.join(packDir, 'lab-server-snapshot.tar.gz'), '--json', 'doctor']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
});

/** Write an archive whose tar stream is `tar` (gzip recomputes the length it records). */
function regzip(name: string, tar: Buffer, extra: Buffer = Buffer.alloc(0)): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, Buffer.concat([zlib.gzipSync(tar), extra]));
  return f;
}

test('a pack that cannot stand for its archive is passed over, saying why; the tar decides', async () => {
  const src = path.join(packDir, 'lab-server-snapshot.tar.gz');
  const { tar, packStart, packEnd } = unpackTar(src);
  const cases: [string, string, RegExp][] = [];
  // A version this vfiokit does not know.
  const v2 = Buffer.from(tar);
  v2.write('vfiokit.pack/9\n', packStart, 'latin1');
  cases.push(['version', regzip('v9.tar.gz', v2), /pack version "9" is not one this vfiokit reads/]);
  // The manifest inside the pack disagrees with the pack's tree (the tar's manifest is intact).
  const m = Buffer.from(tar);
  const at = m.indexOf('"files": 368', packStart);
  assert.ok(at > packStart && at < packEnd);
  m.write('"files": 367', at, 'latin1');
  cases.push([
    'manifest',
    regzip('manifest.tar.gz', m),
    /the snapshot pack holds 368 files, its manifest 367/,
  ]);
  // Bytes after the archive: not the archive the pack was written for.
  cases.push([
    'appended',
    regzip('appended.tar.gz', tar, Buffer.from('trailing bytes!!')),
    /the archive is not the length its pack records/,
  ]);
  // A name with "/" in it: the first entry's (names follow the header and the 16-byte records).
  const slash = Buffer.from(tar);
  const count = slash.readUInt32LE(packStart + 'vfiokit.pack/1\n'.length + 4);
  slash.write('/', packStart + 'vfiokit.pack/1\n'.length + 16 + count * 16, 'latin1');
  cases.push(['slash', regzip('slash.tar.gz', slash), /pack entry 1: a name with "\/" or NUL/]);
  const arena = new InflateArena();
  const expected = runCli([
    'fleet',
    '--json',
    `lab-server=${path.join(tarDir, 'lab-server-snapshot.tar.gz')}`,
  ]);
  for (const [what, file, why] of cases) {
    if (what !== 'appended') {
      const r = await ArchiveHostRoot.read(file, arena);
      assert.equal(r.source, 'tar', what);
      assert.match(r.packNote ?? '', why, what);
      const cli = runCli(['fleet', '--json', '--verbose', `lab-server=${file}`]);
      assert.equal(
        cli.stdout.replaceAll(file, 'F'),
        expected.stdout.replaceAll(path.join(tarDir, 'lab-server-snapshot.tar.gz'), 'F'),
        what,
      );
      assert.match(
        cli.stderr,
        new RegExp(
          `^vfiokit: note: lab-server: read from the tar entries, not the snapshot pack: ${why.source}`,
          'm',
        ),
      );
    } else {
      // The tar behind it decides: trailing bytes are not gzip, a renamed entry is only a name.
      let note: string | undefined;
      try {
        note = (await ArchiveHostRoot.read(file, arena)).packNote;
      } catch (e) {
        assert.ok(e instanceof VfiokitError, String(e));
        note = 'refused';
      }
      assert.ok(note === 'refused' || why.test(note ?? ''), `${what}: ${note}`);
    }
  }
  assert.equal(cases.length, 4);
});

test('the pack parser: seeded mutations of a real pack never throw, and never name a path outside', () => {
  const pack = buildPack(path.join(repoRoot, 'test/fixtures/lab-noacs/snapshot'));
  const rnd = seededRandom(SEED);
  let ok = 0;
  let refused = 0;
  const RUNS = 400;
  for (let i = 0; i < RUNS; i++) {
    let b = Buffer.from(pack);
    for (let k = 0, ops = 1 + rnd(4); k < ops; k++) {
      const at = rnd(b.length);
      switch (rnd(4)) {
        case 0:
          b[at] = rnd(256);
          break;
        case 1: // a u32 field of the header or a record set to an extreme
          b.writeUInt32LE(
            [0, 1, 0xffffffff, 0x7fffffff, rnd(70000)][rnd(5)],
            Math.min(at, b.length - 4) & ~3,
          );
          break;
        case 2:
          b = b.subarray(0, at);
          break;
        default:
          b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + 1 + rnd(64)), b.subarray(at)]);
      }
    }
    if (checkPack(b)) ok++;
    else refused++;
  }
  assert.equal(ok + refused, RUNS);
  assert.ok(refused > 0, `ok ${ok}, refused ${refused}`);
});

test('the pack parser: any bytes behind a valid header are parsed or refused, within the limits', () => {
  const head = Buffer.from('vfiokit.pack/1\n', 'latin1');
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 512 }),
      fc.integer({ min: 0, max: 512 }),
      fc.uint8Array({ maxLength: 2048 }),
      (tarBytes, count, namesLen, dataLen, rest) => {
        const h = Buffer.alloc(16);
        h.writeUInt32LE(tarBytes, 0);
        h.writeUInt32LE(count, 4);
        h.writeUInt32LE(namesLen, 8);
        h.writeUInt32LE(dataLen, 12);
        checkPack(Buffer.concat([head, h, Buffer.from(rest)]));
      },
    ),
    { numRuns: 3000, seed: SEED },
  );
});

/** Parse a pack; when it is accepted, every entry's path stays inside the snapshot. */
function checkPack(b: Buffer): boolean {
  const paths: string[] = [''];
  const kinds: number[] = [1];
  const r = parsePack(b, 0, b.length, ARCHIVE_LIMITS, (parent, kind, name, start, end, size) => {
    assert.ok(parent < paths.length && kinds[parent] === 1);
    assert.ok(name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0'));
    assert.ok(start <= end && end <= b.length && size <= ARCHIVE_LIMITS.memberBytes);
    const p = paths[parent] ? `${paths[parent]}/${name}` : name;
    assert.ok(!p.split('/').includes('..'));
    paths.push(p);
    kinds.push(kind);
    return undefined;
  });
  if (!r.ok) assert.ok(r.why && !r.why.includes('\n'));
  return r.ok;
}

test('an archive whose pack is mutated opens from the pack or the tar, or fails in one line', async () => {
  const src = path.join(packDir, 'lab-noacs-snapshot.tar.gz');
  const { tar, packStart, packEnd } = unpackTar(src);
  const rnd = seededRandom(SEED + 1);
  const arena = new InflateArena();
  const seen = { pack: 0, tar: 0, refused: 0 };
  const RUNS = 60;
  for (let i = 0; i < RUNS; i++) {
    const b = Buffer.from(tar);
    for (let k = 0, ops = 1 + rnd(3); k < ops; k++) b[packStart + rnd(packEnd - packStart)] = rnd(256);
    const f = regzip(`mut${i}.tar.gz`, b);
    try {
      const r = await ArchiveHostRoot.read(f, arena);
      seen[r.source]++;
      // Whatever was read, nothing resolves above the snapshot's root.
      assert.equal(r.readText('/../../etc/passwd'), undefined);
      for (const p of ['/sys', '/proc', '/sys/bus/pci/devices']) {
        const real = r.realPath(p);
        if (real !== undefined) assert.ok(real.startsWith('/') && !real.includes('..'), real);
      }
    } catch (e) {
      assert.ok(e instanceof VfiokitError, String(e));
      assert.doesNotMatch(e.message, /\n/);
      seen.refused++;
    }
  }
  assert.equal(seen.pack + seen.tar + seen.refused, RUNS);
  // Flipped bytes land in names and data (read from the pack) and in the records (refused).
  assert.ok(seen.pack > 0 && seen.tar > 0, JSON.stringify(seen));
});
