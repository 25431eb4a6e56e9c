// The in-memory archive reader (src/host/archive-root.ts) against damaged and hostile archives:
// seeded mutations of a real snapshot's tar stream (bytes flipped in headers and data, cuts,
// repeated blocks, pax records rewritten), and hand-made archives whose links leave the snapshot
// or loop. Every outcome is a readable root or a one-line EnvironmentError, never another
// exception or a hang; a fleet summary of whatever opens is `read` or `unreadable`.
// Set ARCHIVE_FUZZ_SEED to replay another seed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import * as tar from 'tar';
import { VfiokitError } from '../../src/errors.js';
import { summarizeHost } from '../../src/fleet/host-summary.js';
import { ArchiveHostRoot, InflateArena } from '../../src/host/archive-root.js';
import { writeArchive } from '../../src/host/snapshot-archive.js';
import { repoRoot } from '../helpers/cli.js';
import { seededRandom } from '../helpers/mutate-text.js';

const SEED = Number(process.env.ARCHIVE_FUZZ_SEED ?? 17);

test('mutated snapshot archives open or fail with an EnvironmentError', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-arfuzz-'));
  try {
    const file = path.join(dir, 'lab.tar.gz');
    await writeArchive(path.join(repoRoot, 'test/fixtures/lab-noacs/snapshot'), file);
    const tarBytes = zlib.gunzipSync(fs.readFileSync(file));
    const rnd = seededRandom(SEED);
    let opened = 0;
    let refused = 0;
    const RUNS = 120;
    // The fleet's reader (streamed into one reused arena) must agree with `open` on every input.
    const arena = new InflateArena();
    const viaArena = async (f: string) => {
      try {
        return summarizeHost(await ArchiveHostRoot.read(f, arena), 'm', f);
      } catch (e) {
        return (e as Error).message;
      }
    };
    for (let i = 0; i < RUNS; i++) {
      const b = Buffer.from(tarBytes);
      let out: Buffer = b;
      for (let k = 0, ops = 1 + rnd(4); k < ops; k++) {
        const at = rnd(out.length);
        switch (rnd(5)) {
          case 0: // a byte in a header field (size, type, name, pax length)
            out[(at & ~511) + rnd(512)] = rnd(256);
            break;
          case 1: // cut
            out = out.subarray(0, at);
            break;
          case 2: // octal size field replaced by a huge or garbage value
            out.write(rnd(2) ? '77777777777\0' : 'zz\0', (at & ~511) + 124, 'latin1');
            break;
          case 3: // repeat a block range
            out = Buffer.concat([
              out.subarray(0, at & ~511),
              out.subarray(at & ~511, (at & ~511) + 512 * (1 + rnd(8))),
              out.subarray(at & ~511),
            ]);
            break;
          default: // a pax length rewritten
            out.write(String(rnd(3000)), (at & ~511) + rnd(64), 'latin1');
        }
      }
      const f = path.join(dir, `m${i}.tar.gz`);
      fs.writeFileSync(f, zlib.gzipSync(out));
      try {
        const root = ArchiveHostRoot.open(f);
        opened++;
        const h = summarizeHost(root, 'm', f);
        assert.ok(h.status === 'read' || h.status === 'unreadable', `seed ${SEED} input ${i}`);
        if (h.status === 'unreadable') assert.ok(h.error && !h.error.includes('\n'));
        assert.deepEqual(await viaArena(f), h, `seed ${SEED} input ${i}`);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assert.ok(e instanceof VfiokitError, `seed ${SEED} input ${i}: ${(e as Error).stack}`);
        assert.equal(e.code, 'host.root-archive', `seed ${SEED} input ${i}: ${e.message}`);
        assert.equal(await viaArena(f), e.message, `seed ${SEED} input ${i}`);
        refused++;
      }
    }
    assert.equal(opened + refused, RUNS);
    // Both outcomes occur: the mutations reach past the first header.
    assert.ok(opened > 0 && refused > 0, `opened ${opened}, refused ${refused}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('links that leave the snapshot or loop resolve to nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-arlinks-'));
  try {
    const tree = path.join(dir, 't');
    fs.mkdirSync(path.join(tree, 'sys/bus/pci/devices'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'sys/ok'), 'fine\n');
    fs.symlinkSync('../../../../etc', path.join(tree, 'sys/bus/pci/devices/up'));
    fs.symlinkSync('/etc/passwd', path.join(tree, 'sys/abs'));
    fs.symlinkSync('loop2', path.join(tree, 'sys/loop1'));
    fs.symlinkSync('loop1', path.join(tree, 'sys/loop2'));
    fs.symlinkSync('../sys/ok', path.join(tree, 'sys/rel'));
    const file = path.join(dir, 'links.tar.gz');
    await tar.create({ gzip: true, file, cwd: tree, portable: true, follow: false }, ['sys']);
    const r = ArchiveHostRoot.open(file);
    assert.equal(r.readText('/sys/rel'), 'fine\n');
    assert.equal(r.realPath('/sys/rel'), '/sys/ok');
    assert.equal(r.readText('/sys/bus/pci/devices/up/passwd'), undefined);
    assert.equal(r.readText('/sys/abs'), undefined);
    assert.equal(r.readLink('/sys/abs'), '/etc/passwd');
    assert.equal(r.readText('/sys/loop1'), undefined);
    assert.equal(r.exists('/sys/loop1/x'), false);
    assert.deepEqual(r.list('/sys'), ['abs', 'bus', 'loop1', 'loop2', 'ok', 'rel']);
    assert.equal(r.readText('/sys/../../etc/passwd'), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a root read into an arena is refused once the arena holds another snapshot', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-arena-'));
  try {
    const a = path.join(dir, 'a.tar.gz');
    const b = path.join(dir, 'b.tar.gz');
    await writeArchive(path.join(repoRoot, 'test/fixtures/lab-noacs/snapshot'), a);
    await writeArchive(path.join(repoRoot, 'test/fixtures/lab-server/snapshot'), b);
    const arena = new InflateArena();
    const first = await ArchiveHostRoot.read(a, arena);
    const cmdline = first.readText('/proc/cmdline');
    assert.equal(cmdline, ArchiveHostRoot.open(a).readText('/proc/cmdline'));
    assert.ok(cmdline);
    const second = await ArchiveHostRoot.read(b, arena);
    assert.equal(second.readText('/proc/cmdline'), ArchiveHostRoot.open(b).readText('/proc/cmdline'));
    // The first root's bytes are gone: reading it is a programming error, not stale data.
    assert.throws(() => first.readText('/proc/cmdline'), /arena was reused/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
