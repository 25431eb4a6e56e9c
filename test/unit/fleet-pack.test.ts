// The snapshot pack (src/host/snapshot-pack.ts): the fleet reads it instead of the tar entries, so
// every report from a pack must be the report from the tar (byte for byte), over the lab
// snapshots (the kernel made them), the committed fixtures, and the bench's 512-function hosts.
// A pack that cannot stand for its archive (none, unknown or old version, disagreeing with the
// manifest, or not tied to the tar entries: re-compressed, or entries changed since, even to the
// same length) is passed over, and --verbose says why. The pack parser is fuzzed: seeded
// mutations of a real pack, and fast-check bytes behind a valid header; so is the reading of the
// archive's layout (the first gzip member's recorded length).
// Set PACK_FUZZ_SEED to replay another seed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { ARCHIVE_LIMITS, ArchiveHostRoot, InflateArena } from '../../src/host/archive-root.js';
import { writeArchive } from '../../src/host/snapshot-archive.js';
import {
  buildPack,
  firstMemberLength,
  PACK_MEMBER,
  parsePack,
  recordMemberLength,
} from '../../src/host/snapshot-pack.js';
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

/**
 * The uncompressed tar of an archive (gunzip reads its two members as one stream), its pack's
 * bounds, and where the pack's member ends (its padding included: the first gzip member).
 */
function unpackTar(file: string): { tar: Buffer; packStart: number; packEnd: number; firstEnd: number } {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  assert.equal(tar.toString('latin1', 0, PACK_MEMBER.length), PACK_MEMBER);
  const size = Number.parseInt(tar.toString('latin1', 124, 136).replace(/\0.*$/, ''), 8);
  return { tar, packStart: 512, packEnd: 512 + size, firstEnd: 512 + Math.ceil(size / 512) * 512 };
}

/**
 * Write `tar` laid out as `vfiokit snapshot` lays an archive out (the pack's member as a first gzip
 * member recording its length, the rest as a second), without touching the pack: what a writer
 * with a bug, or a tool that keeps the layout, would leave.
 */
function layOut(name: string, tar: Buffer, firstEnd: number, extra: Buffer = Buffer.alloc(0)): string {
  const f = path.join(tmp, name);
  const first = recordMemberLength(zlib.gzipSync(tar.subarray(0, firstEnd)));
  fs.writeFileSync(f, Buffer.concat([first, zlib.gzipSync(tar.subarray(firstEnd)), extra]));
  return f;
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

test('GNU tar and gzip read the two-member archive as one stream: the pack, then the entries', () => {
  // The oracle is GNU tar and gzip themselves, as a user unpacks a snapshot (`tar xzf`).
  const name = 'lab-desktop-snapshot';
  const withPack = spawnSync('tar', ['tzf', path.join(packDir, `${name}.tar.gz`)], { encoding: 'utf8' });
  const without = spawnSync('tar', ['tzf', path.join(tarDir, `${name}.tar.gz`)], { encoding: 'utf8' });
  assert.equal(withPack.status, 0, withPack.stderr);
  const listed = withPack.stdout.trim().split('\n');
  assert.equal(listed[0], PACK_MEMBER);
  assert.deepEqual(listed.slice(1), without.stdout.trim().split('\n'));
  assert.ok(listed.includes('manifest.json'));
  const t = spawnSync('gzip', ['-t', path.join(packDir, `${name}.tar.gz`)]);
  assert.equal(t.status, 0, String(t.stderr));
  assert.ok(firstMemberLength(fs.readFileSync(path.join(packDir, `${name}.tar.gz`))) !== undefined);
  assert.equal(firstMemberLength(fs.readFileSync(path.join(tarDir, `${name}.tar.gz`))), undefined);
});

test('a pack that cannot stand for its archive is passed over, saying why; the tar decides', async () => {
  const src = path.join(packDir, 'lab-server-snapshot.tar.gz');
  const { tar, packStart, packEnd, firstEnd } = unpackTar(src);
  const HEAD = 'vfiokit.pack/2\n';
  const cases: [string, string, RegExp][] = [];
  // A version this vfiokit does not know.
  const v9 = Buffer.from(tar);
  v9.write('vfiokit.pack/9\n', packStart, 'latin1');
  cases.push([
    'version',
    layOut('v9.tar.gz', v9, firstEnd),
    /pack version "9" is not one this vfiokit reads/,
  ]);
  // Version 1, as the first vfiokit with a pack wrote it (one gzip member): nothing ties it to
  // the tar entries.
  const v1 = Buffer.from(tar);
  v1.write('vfiokit.pack/1\n', packStart, 'latin1');
  cases.push(['version 1', regzip('v1.tar.gz', v1), /its snapshot pack is of version 1, without a checksum/]);
  // The manifest inside the pack disagrees with the pack's tree (the tar's manifest is intact).
  const m = Buffer.from(tar);
  const at = m.indexOf('"files": 368', packStart);
  assert.ok(at > packStart && at < packEnd);
  m.write('"files": 367', at, 'latin1');
  cases.push([
    'manifest',
    layOut('manifest.tar.gz', m, firstEnd),
    /the snapshot pack holds 368 files, its manifest 367/,
  ]);
  // Bytes after the archive: its last 8 bytes are not the tar entries' CRC-32 and length.
  cases.push([
    'appended',
    layOut('appended.tar.gz', tar, firstEnd, Buffer.from('trailing bytes!!')),
    /its tar entries are not the ones the snapshot pack was written with/,
  ]);
  // A name with "/" in it: the first entry's (names follow the header and the 16-byte records).
  const slash = Buffer.from(tar);
  const count = slash.readUInt32LE(packStart + HEAD.length + 8);
  slash.write('/', packStart + HEAD.length + 20 + count * 16, 'latin1');
  cases.push(['slash', layOut('slash.tar.gz', slash, firstEnd), /pack entry 1: a name with "\/" or NUL/]);
  // The archive compressed again as one gzip member (gunzip, then gzip): the pack is intact but
  // no longer tied to the entries.
  cases.push([
    'regzip',
    regzip('regzip.tar.gz', tar),
    /the archive is not laid out as vfiokit writes it \(compressed again\?\)/,
  ]);
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
      assert.match(ArchiveHostRoot.open(file).packNote ?? '', why, what);
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
      // The tar behind it decides: trailing bytes are not gzip, so it may be refused.
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
  assert.equal(cases.length, 6);
});

/**
 * lab-server's snapshot with one tar entry changed after its pack was written, to the same length:
 * the kernel log's line that confirms interrupt remapping (the kernel's own words, DMAR-IR) no
 * longer says so. Its report differs from the original's (interrupt remapping not confirmed), so
 * a report from the pack's stale copy would show.
 */
function changedEntry(): { tar: Buffer; firstEnd: number } {
  const { tar, firstEnd } = unpackTar(path.join(packDir, 'lab-server-snapshot.tar.gz'));
  const line = 'DMAR-IR: Enabled IRQ remapping in xapic mode';
  const at = tar.indexOf(line, firstEnd);
  assert.ok(at > firstEnd, 'the kernel log entry after the pack');
  assert.ok(tar.indexOf(line) < firstEnd, 'and its copy in the pack');
  const changed = Buffer.from(tar);
  changed.write('DMAR-IR: Xnabled IRQ remapping in xapic mode', at, 'latin1');
  return { tar: changed, firstEnd };
}

test('a tar entry changed after an intact pack, to the same length, is read from the entries: never the pack', async () => {
  const { tar, firstEnd } = changedEntry();
  const original = runCli(['fleet', '--json', `h=${path.join(packDir, 'lab-server-snapshot.tar.gz')}`]);
  // What the archive now holds, as an archive without a pack: the report every read must give.
  const plain = regzip('changed-plain.tar.gz', tar.subarray(firstEnd));
  const expected = runCli(['fleet', '--json', `h=${plain}`]);
  assert.notEqual(
    expected.stdout.replaceAll(plain, 'F'),
    original.stdout.replaceAll(path.join(packDir, 'lab-server-snapshot.tar.gz'), 'F'),
  );
  assert.equal(JSON.parse(original.stdout).hosts[0].interruptRemapping.verdict, 'ok');
  assert.notEqual(JSON.parse(expected.stdout).hosts[0].interruptRemapping.verdict, 'ok');
  const files = {
    // Laid out as vfiokit writes it, the pack untouched: the entries' CRC-32 is not the pack's.
    'laid out': [
      layOut('changed.tar.gz', tar, firstEnd),
      /its tar entries are not the ones the snapshot pack was written with/,
    ],
    // Gunzipped, edited, gzipped again: one member, so the pack cannot be tied to the entries.
    regzip: [regzip('changed-regzip.tar.gz', tar), /not laid out as vfiokit writes it/],
  } as const;
  const arena = new InflateArena();
  let n = 0;
  for (const [what, [file, why]] of Object.entries(files)) {
    const r = await ArchiveHostRoot.read(file, arena);
    assert.equal(r.source, 'tar', what);
    assert.match(r.packNote ?? '', why, what);
    const cli = runCli(['fleet', '--json', '--verbose', `h=${file}`]);
    assert.equal(cli.stdout.replaceAll(file, 'F'), expected.stdout.replaceAll(plain, 'F'), what);
    assert.match(cli.stderr, /read from the tar entries, not the snapshot pack/, what);
    n++;
  }
  assert.equal(n, 2);
});

test('damage inside the compressed tar entries: the default reads the intact pack, --verify refuses the archive', async () => {
  const src = path.join(packDir, 'lab-server-snapshot.tar.gz');
  const gz = Buffer.from(fs.readFileSync(src));
  const first = firstMemberLength(gz);
  assert.ok(first !== undefined && first > 0 && first < gz.length);
  // A bit flipped in transit in the middle of the second member's deflate data; its trailer (the
  // CRC-32 the pack records) is intact.
  gz[first + Math.floor((gz.length - first) / 2)] ^= 0x10;
  const f = path.join(tmp, 'damaged-rest.tar.gz');
  fs.writeFileSync(f, gz);
  // The whole archive does not read: zlib refuses the second member.
  assert.throws(() => zlib.gunzipSync(gz));
  const arena = new InflateArena();
  const r = await ArchiveHostRoot.read(f, arena);
  assert.equal(r.source, 'pack');
  const original = runCli(['fleet', '--json', `h=${src}`]);
  const byDefault = runCli(['fleet', '--json', `h=${f}`]);
  assert.equal(byDefault.stdout.replaceAll(f, 'F'), original.stdout.replaceAll(src, 'F'));
  await assert.rejects(ArchiveHostRoot.read(f, arena, f, { verify: true }), (e: unknown) => {
    assert.ok(e instanceof VfiokitError);
    assert.match(e.message, /the tar entries after its snapshot pack are damaged/);
    return true;
  });
  assert.throws(
    () => ArchiveHostRoot.open(f, f, { verify: true }),
    /the tar entries after its snapshot pack are damaged/,
  );
  const verified = runCli(['fleet', '--json', '--verify', `h=${f}`]);
  assert.equal(verified.status, 1);
  const host = JSON.parse(verified.stdout).hosts[0];
  assert.equal(host.status, 'unreadable');
  assert.match(host.error, /the tar entries after its snapshot pack are damaged/);
  // An intact archive passes --verify with the report it gives without it.
  const ok = runCli(['fleet', '--json', '--verify', `h=${src}`]);
  assert.equal(ok.stdout, original.stdout);
  // Damage in the first member (the pack) fails its CRC-32: the pack is not read, and the tar
  // read that follows meets the same damage.
  const gz1 = Buffer.from(fs.readFileSync(src));
  gz1[Math.floor(first / 2)] ^= 0x10;
  const f1 = path.join(tmp, 'damaged-pack.tar.gz');
  fs.writeFileSync(f1, gz1);
  await assert.rejects(ArchiveHostRoot.read(f1, arena), (e: unknown) => e instanceof VfiokitError);
  assert.equal(JSON.parse(runCli(['fleet', '--json', `h=${f1}`]).stdout).hosts[0].status, 'unreadable');
});

test('the layout reader: any first bytes give no length, or one inside the file where a member starts', () => {
  const real = fs.readFileSync(path.join(packDir, 'lab-noacs-snapshot.tar.gz'));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 63 }), (bytes, keep) => {
      // Random bytes over the real header's first `keep` bytes, then the real file's rest.
      const b = Buffer.from(real);
      Buffer.from(bytes).copy(b, Math.min(keep, 32));
      const n = firstMemberLength(b);
      if (n !== undefined) {
        assert.ok(Number.isInteger(n) && n > 12 && n + 20 <= b.length);
        assert.deepEqual([b[n], b[n + 1], b[n + 2]], [0x1f, 0x8b, 8]);
      }
    }),
    { numRuns: 2000, seed: SEED },
  );
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
  const head = Buffer.from('vfiokit.pack/2\n', 'latin1');
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 512 }),
      fc.integer({ min: 0, max: 512 }),
      fc.uint8Array({ maxLength: 2048 }),
      (tarBytes, restCrc, count, namesLen, dataLen, rest) => {
        const h = Buffer.alloc(20);
        h.writeUInt32LE(tarBytes, 0);
        h.writeUInt32LE(restCrc, 4);
        h.writeUInt32LE(count, 8);
        h.writeUInt32LE(namesLen, 12);
        h.writeUInt32LE(dataLen, 16);
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
  const { tar, packStart, packEnd, firstEnd } = unpackTar(src);
  const rnd = seededRandom(SEED + 1);
  const arena = new InflateArena();
  const seen = { pack: 0, tar: 0, refused: 0 };
  const RUNS = 60;
  for (let i = 0; i < RUNS; i++) {
    const b = Buffer.from(tar);
    for (let k = 0, ops = 1 + rnd(3); k < ops; k++) b[packStart + rnd(packEnd - packStart)] = rnd(256);
    const f = layOut(`mut${i}.tar.gz`, b, firstEnd);
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
