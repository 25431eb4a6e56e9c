// Property: whatever a snapshot archive holds (symlinks with relative, absolute and `..` chains,
// hard links, device nodes, FIFOs, members declaring huge sizes), unpacking it through the real
// code path and running the real readers over it (host report, groups, doctor with ROM reads,
// kernel log) never touches a file outside the unpacked snapshot. Every fs call the process
// makes during the reads is observed (the node:fs module itself is instrumented, so the readers
// run unchanged), and each path is resolved afterwards by the kernel (realpath) to see where the
// call really went.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fsModule, * as fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { VfiokitError } from '../../src/errors.js';
import { openHostState } from '../../src/host/host-state.js';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { readKernelLog } from '../../src/host/kernel-log.js';
import { scanPciDevices } from '../../src/host/pci-sysfs.js';
import { openRoot } from '../../src/host/root.js';
import { unpackSnapshot } from '../../src/host/snapshot-archive.js';
import { gpuGroupSummary } from '../../src/iommu/summary.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { buildHostReport } from '../../src/report/host-report.js';
import { repoRoot } from '../helpers/cli.js';
import { type TarEntry, tarGz, treeEntries } from '../helpers/tar-build.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-hostile-prop-'));
const savedTmpdir = process.env.TMPDIR;
after(() => {
  process.env.TMPDIR = savedTmpdir;
  fs.rmSync(tmp, { recursive: true, force: true });
});
const lab = path.join(repoRoot, 'test/fixtures/lab-desktop/snapshot');
const base = treeEntries(lab);
const basePaths = base.map((e) => e.path.replace(/\/$/, ''));

// Where hostile entries go: files the readers open, directories they list, links they follow.
const spots = [
  'proc/cmdline',
  'proc/cpuinfo',
  'proc/iomem',
  'proc/modules',
  'manifest.json',
  'vfiokit/dmesg.txt',
  'sys/a',
  'sys/a/b',
  'sys/a/b/up',
  'sys/bus/pci/devices/0000:00:01.0',
  'sys/bus/pci/devices/0000:01:00.0',
  'sys/kernel/iommu_groups/1',
  'sys/kernel/iommu_groups/1/devices/0000:00:01.0',
  ...basePaths.filter((p) => /\/(config|class|vendor|driver|iommu_group|rom|boot_vga)$/.test(p)).slice(0, 20),
];
const hostFiles = ['/etc/passwd', '/dev/zero', '/proc/self/cmdline', '/proc/cmdline', '/', '/proc', '/sys'];

const linkTarget = fc.oneof(
  fc.constantFrom(...hostFiles),
  fc
    .tuple(
      fc.integer({ min: 2, max: 14 }),
      fc.constantFrom(...spots, ...hostFiles.map((h) => h.slice(1))),
      fc.boolean(),
    )
    .map(([ups, tail, dot]) => `${'../'.repeat(ups)}${dot ? './' : ''}${tail}`),
  fc.constantFrom('.', '..', '../..', 'up/../../..', 'b/up/../../../../..'),
);

const hostileEntry: fc.Arbitrary<TarEntry> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      path: fc.constantFrom(...spots),
      type: fc.constant('SymbolicLink' as const),
      linkpath: linkTarget,
    }),
  },
  fc.record({
    path: fc.constantFrom(...spots),
    type: fc.constant('File' as const),
    data: fc.uint8Array({ maxLength: 64 }),
  }),
  fc.record({ path: fc.constantFrom(...spots), type: fc.constant('Directory' as const) }),
  fc.record({
    path: fc.constantFrom(...spots),
    type: fc.constantFrom('Link' as const),
    linkpath: fc.constantFrom('/etc/passwd', '../../etc/shadow', 'proc/cpuinfo'),
  }),
  fc.record({
    path: fc.constantFrom(...spots),
    type: fc.constantFrom('CharacterDevice' as const, 'BlockDevice' as const, 'FIFO' as const),
  }),
  fc.record({
    path: fc.constantFrom(...spots),
    type: fc.constant('File' as const),
    declaredSize: fc.constantFrom(65 * 1024 * 1024, 3 * 1024 ** 3),
    data: fc.constant('x'),
  }),
);

type Call = { op: string; p: string; follow: boolean };

/** Observe every path-taking fs call while `f` runs. */
async function observed(f: () => Promise<void>): Promise<Call[]> {
  const calls: Call[] = [];
  const m = fsModule as unknown as Record<string, (...a: unknown[]) => unknown>;
  const names = [
    ['openSync', true],
    ['readFileSync', true],
    ['statSync', true],
    ['lstatSync', false],
    ['readdirSync', true],
    ['readlinkSync', false],
    ['realpathSync', true],
    ['existsSync', true],
    ['opendirSync', true],
    ['accessSync', true],
  ] as const;
  const saved = names.map(([n]) => m[n]);
  names.forEach(([n, follow], i) => {
    const orig = saved[i];
    m[n] = Object.assign((...a: unknown[]) => {
      if (typeof a[0] === 'string' || a[0] instanceof URL || Buffer.isBuffer(a[0])) {
        const flags = n === 'openSync' && typeof a[1] === 'number' ? a[1] : 0;
        const noFollow = (flags & fs.constants.O_NOFOLLOW) !== 0;
        calls.push({ op: n, p: String(a[0]), follow: follow && !noFollow });
      }
      return orig(...a);
    }, orig);
  });
  const savedOpen = fsModule.promises.open;
  fsModule.promises.open = ((p: fs.PathLike, ...rest: never[]) => {
    calls.push({ op: 'promises.open', p: String(p), follow: true });
    return (savedOpen as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof savedOpen;
  syncBuiltinESMExports();
  try {
    await f();
  } finally {
    names.forEach(([n], i) => {
      m[n] = saved[i];
    });
    fsModule.promises.open = savedOpen;
    syncBuiltinESMExports();
  }
  return calls;
}

/** Where the kernel takes a path: realpath of its longest existing prefix, plus the rest. */
function whereItGoes(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return p; // a loop fails the call: nothing outside is reached
    const up = path.dirname(p);
    if (up === p) return p;
    return path.join(whereItGoes(up), path.basename(p));
  }
}

const inside = (root: string, p: string) => p === root || p.startsWith(`${root}/`);

/** The readers a user runs with --root, each allowed to refuse with a one-line error. */
async function readEverything(dir: string, name: string): Promise<string[]> {
  const refused: string[] = [];
  const guard = async (what: string, f: () => unknown) => {
    try {
      await f();
    } catch (e) {
      if (!(e instanceof VfiokitError)) throw new Error(`${what} crashed: ${(e as Error).stack}`);
      assert.doesNotMatch(e.message, /\n/);
      refused.push(`${what}: ${e.message}`);
    }
  };
  let root: ReturnType<typeof openRoot> | undefined;
  await guard('open', () => {
    root = openRoot(dir, { name });
  });
  if (!root) return refused;
  const r = root;
  await guard('report', () => buildHostReport(openHostState(r)));
  await guard('groups', () => readKernelGroups(r));
  await guard('gpu groups', () => {
    const scan = scanPciDevices(r);
    return gpuGroupSummary(readKernelGroups(r), scan.devices, scan.unreadable);
  });
  await guard('doctor', () => buildDoctorReport(openHostState(r), { readRoms: true }));
  await guard('kernel log', () => readKernelLog(r));
  return refused;
}

test('no read of a random hostile archive ever leaves the unpacked snapshot', async () => {
  const scratch = fs.mkdtempSync(path.join(tmp, 'scratch-'));
  process.env.TMPDIR = scratch;
  // Warm-up: the readers import some modules lazily; load them before fs is observed.
  {
    const a = await unpackSnapshot(writeArchive(base));
    await readEverything(a.dir, 'warm-up');
    a.cleanup();
  }
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(hostileEntry, { minLength: 1, maxLength: 8 }), async (hostile) => {
      runs++;
      if (process.env.VFIOKIT_PROP_DEBUG)
        console.error(JSON.stringify(hostile.map((e) => ({ ...e, data: undefined }))));
      const replaced = new Set(hostile.map((e) => e.path));
      const entries = [
        ...base.filter((e) => !replaced.has(e.path.replace(/\/$/, ''))),
        // Parents first: a hostile entry's directory may be new (sys/a/b).
        { path: 'sys/a/', type: 'Directory' as const },
        { path: 'sys/a/b/', type: 'Directory' as const },
        ...hostile,
      ];
      const file = writeArchive(entries);
      let a: Awaited<ReturnType<typeof unpackSnapshot>>;
      try {
        a = await unpackSnapshot(file);
      } catch (e) {
        assert.ok(e instanceof VfiokitError, String(e));
        assert.doesNotMatch(e.message, /\n/);
        assert.deepEqual(ours(scratch), [], 'a refused archive leaves nothing');
        return;
      }
      try {
        // Nothing was written outside the unpack directory.
        assert.deepEqual(ours(scratch), [path.basename(a.dir)]);
        await assertConfined(a.dir, file);
      } finally {
        a.cleanup();
      }
      // The same tree unpacked by GNU tar, escaping chains, device nodes and FIFOs kept (what
      // `tar xzf` then `--root DIR` gives): the readers alone must keep every read inside. Its
      // exit status is not checked: truncated members make it fail after unpacking the rest.
      const raw = fs.mkdtempSync(path.join(tmp, 'raw-'));
      try {
        spawnSync('tar', ['-xzf', file, '-C', raw, '--no-same-owner'], { stdio: 'ignore' });
        escapingLinks += countEscapingLinks(raw);
        await assertConfined(raw, raw);
      } finally {
        fs.rmSync(raw, { recursive: true, force: true });
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.VFIOKIT_PROP_SEED ?? 20261201) },
  );
  assert.equal(runs, RUNS);
  // The generator really produced trees whose links the kernel resolves outside (oracle:
  // realpath), so the property was tested, not vacuous.
  assert.ok(escapingLinks >= 5, `only ${escapingLinks} escaping links generated`);
});

let escapingLinks = 0;
/** Each run unpacks twice and runs five readers over the lab snapshot: about a second of CPU. */
const RUNS = 8;

async function assertConfined(dir: string, name: string): Promise<void> {
  const real = fs.realpathSync(dir);
  let opened = false;
  const all = await observed(async () => {
    opened = (await readEverything(dir, name)).every((r) => !r.startsWith('open:'));
  });
  // A root refused at its manifest is read no further; one that opened is read in earnest.
  if (opened) assert.ok(all.length > 20, `only ${all.length} fs calls observed`);
  const seen = new Set<string>();
  const calls = all.filter((c) => {
    const k = `${c.follow} ${c.p}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  for (const c of calls) {
    const abs = path.resolve(c.p);
    if (inside(real, abs) || inside(dir, abs)) {
      const goes = c.follow
        ? whereItGoes(abs)
        : path.join(whereItGoes(path.dirname(abs)), path.basename(abs));
      assert.ok(inside(real, goes), `${c.op}(${abs}) reaches ${goes}, outside the snapshot`);
    } else {
      assert.doesNotMatch(abs, /^\/(proc|sys|dev|etc)(\/|$)/, `${c.op}(${abs}) reads the host`);
    }
  }
}

/** Symlinks in a tree that the kernel resolves to a path outside it. */
function countEscapingLinks(dir: string): number {
  const real = fs.realpathSync(dir);
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isSymbolicLink()) continue;
    if (!inside(real, whereItGoes(path.join(e.parentPath, e.name)))) n++;
  }
  return n;
}

let archives = 0;
function writeArchive(entries: TarEntry[]): string {
  const f = path.join(tmp, `a${archives++}.tar.gz`);
  fs.writeFileSync(f, tarGz(entries));
  return f;
}

function ours(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.startsWith('vfiokit-root-'));
}
