// The lab part of runtime binding: in a real kernel (Debian's, under QEMU with an emulated VT-d),
// `vfiokit bind` → the kernel's VFIO ioctls say the group is viable → `vfiokit release` → every
// device back on the driver it had, VFIOKIT_LAB_BIND_CYCLES times (50 by default) for the GPU +
// audio group and the NIC (desktop) and the conventional-PCI group behind a pcie-pci-bridge
// (legacy). On the desktop also: a release refused while a process holds /dev/vfio/N (the holder
// named), and a second vfiokit refused while a first holds the lock. The kernel's driver links and
// VFIO_GROUP_GET_STATUS / VFIO_GROUP_SET_CONTAINER are the oracle (lab/guest/vfio_status.py).
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot } from '../../lab/boot.js';
import { newOutDir, repoRoot } from '../../lab/paths.js';
import { inLabSlot } from '../../lab/pool.js';
import { desktop } from '../../lab/topologies/desktop.js';
import { legacy } from '../../lab/topologies/legacy.js';
import type { LabTopology } from '../../lab/topology.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

const CYCLES = Number(process.env.VFIOKIT_LAB_BIND_CYCLES || 50);

interface SetResult {
  name: string;
  group: string;
  devices: [string, string | null, string][];
  cycles: number;
  viable: number;
  restored: number;
  failures: unknown[];
  ms: { bind: number; release: number };
  /** The first cycle's bind and release --json output and /run/vfiokit/bound.json after the bind. */
  documents?: { bind: string; bound: string; release: string };
}
interface Run {
  res?: { sets: SetResult[]; errors: string[]; extras?: Record<string, Record<string, unknown>> };
  outDir: string;
  exit: number;
  wall: number;
  accel: string;
}

/** The build copied into the output directory, so a rebuild meanwhile cannot change it under the guest. */
function stage(outDir: string): { bin: string; bundle: string } {
  const build = join(outDir, 'build');
  cpSync(join(repoRoot, 'bin'), join(build, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(build, 'dist'), { recursive: true });
  return { bin: join(build, 'bin/vfiokit'), bundle: join(build, 'dist/vfiokit.cjs') };
}

async function run(topology: LabTopology, sets: unknown[], extras?: unknown): Promise<Run> {
  const outDir = newOutDir(`bind-${topology.name}`);
  const spec = {
    ...stage(outDir),
    vfioStatus: join(repoRoot, 'lab/guest/vfio_status.py'),
    cycles: CYCLES,
    sets,
    extras,
  };
  const specPath = join(outDir, 'bind-spec.json');
  writeFileSync(specPath, JSON.stringify(spec, null, 1));
  const r = await inLabSlot(() =>
    boot({
      topology,
      command: `exec ${process.execPath} ${join(repoRoot, 'lab/guest/bind-cycles.cjs')} ${specPath}`,
      outDir,
      // Under TCG on a busy 2-core machine one cycle (bind, ioctls, release in one node process)
      // took about 6 s of guest time, and each vfiokit started afresh about 10 s.
      timeoutMs:
        Number(process.env.VFIOKIT_LAB_TIMEOUT_S || 0) * 1000 || 300_000 + CYCLES * sets.length * 12_000,
    }),
  );
  const file = join(outDir, 'bind-results.json');
  return {
    res: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined,
    outDir,
    exit: r.exitCode ?? -1,
    wall: r.wallMs,
    accel: r.accel,
  };
}

function checkSets(r: Run, names: string[], t: { diagnostic(s: string): void }): void {
  const tail = () => {
    try {
      return readFileSync(join(r.outDir, 'console.log'), 'utf8').slice(-3000);
    } catch {
      return '(no console.log)';
    }
  };
  assert.ok(r.res, `no results; guest exit ${r.exit}\n${tail()}`);
  assert.deepEqual(r.res.errors, [], tail());
  assert.deepEqual(
    r.res.sets.map((s) => s.name),
    names,
  );
  for (const s of r.res.sets) {
    const detail = JSON.stringify(s.failures, null, 1).slice(0, 4000);
    // The first cycle's --json documents and the record, against their schemas (docs/json.md).
    const docs = s.documents;
    assert.ok(docs, `${s.name}: the first cycle's documents were kept`);
    assertValidJsonText(docs.bind, 'vfiokit.bind/1');
    assertValidJsonText(docs.bound, 'vfiokit.bound/1');
    assertValidJsonText(docs.release, 'vfiokit.bind/1');
    assert.equal(s.cycles, CYCLES, `${s.name}: cycles run`);
    assert.equal(s.viable, CYCLES, `${s.name}: group ${s.group} viable per VFIO after every bind\n${detail}`);
    assert.equal(s.restored, CYCLES, `${s.name}: original drivers back after every release\n${detail}`);
    // The starting drivers are the kernel's own choice at boot; none is vfio-pci.
    assert.ok(
      s.devices.every(([, d, o]) => d !== 'vfio-pci' && o === '(null)'),
      JSON.stringify(s.devices),
    );
    t.diagnostic(
      `${s.name}: group ${s.group} [${s.devices.map(([a, d]) => `${a} ${d ?? 'none'}`).join(', ')}]: ${s.cycles} cycles, viable ${s.viable}, restored ${s.restored}; mean bind ${(s.ms.bind / s.cycles).toFixed(0)} ms, release ${(s.ms.release / s.cycles).toFixed(0)} ms (guest clock, ${r.accel})`,
    );
  }
}

// Both boots start at once: the lab runs two guests side by side (lab/pool.ts).
let desktopRun: Promise<Run> | undefined;
let legacyRun: Promise<Run> | undefined;
const start = () => {
  desktopRun ??= run(
    desktop,
    [
      { name: 'gpu+audio', ids: ['1234:1111', '8086:293e'] },
      { name: 'nic', ids: ['8086:10d3'] },
    ],
    { gpu: '1234:1111', nic: '8086:10d3' },
  );
  legacyRun ??= run(legacy, [{ name: 'conventional', ids: ['10ec:8139', '1234:11e8'], group: true }]);
};

test('lab desktop: bind/viable/release cycles for the GPU + audio group and the NIC; holders and the lock', async (t) => {
  start();
  const r = await (desktopRun as Promise<Run>);
  t.diagnostic(`wall ${(r.wall / 1000).toFixed(1)}s; out dir ${r.outDir}`);
  checkSets(r, ['gpu+audio', 'nic'], t);
  const x = r.res?.extras;
  assert.ok(x, 'extras ran');
  const bind = x.bind as { status: number; stdout: string };
  assert.equal(bind.status, 0, JSON.stringify(bind));
  assert.match(bind.stdout, /0000:01:00\.0 is on vfio-pci/);
  assert.match(bind.stdout, /0000:01:00\.1 is on vfio-pci/);
  // Held through /dev/vfio/N: refused (exit 1), the holder named, the device still on vfio-pci.
  const held = x.held as { status: number; stderr: string; holderPid: number; drivers: string[] };
  assert.equal(held.status, 1, JSON.stringify(held));
  assert.match(
    held.stderr,
    new RegExp(
      `refusing to release devices in use: 0000:01:00\\.0: /dev/vfio/\\d+ held by python3 \\(pid ${held.holderPid}\\)`,
    ),
  );
  assert.deepEqual(held.drivers, ['vfio-pci']);
  const rel = x.release as { status: number; stdout: string };
  assert.equal(rel.status, 0, JSON.stringify(rel));
  assert.match(rel.stdout, /0000:01:00\.0 is on bochs-drm/);
  assert.match(rel.stdout, /0000:01:00\.1 is on snd_hda_intel/);
  // Two at once: the second is refused (exit 3) naming the first, which then finishes.
  const c = x.concurrent as Record<string, string | number>;
  assert.match(String(c.summary), /^second=3 stopped=1 pid=(\d+)\nfirst=0$/, JSON.stringify(c));
  const pid = /pid=(\d+)/.exec(String(c.summary))?.[1];
  assert.match(
    String(c.second),
    new RegExp(`another vfiokit holds /run/vfiokit/lock: pid ${pid} \\(vfiokit bind 0000:02:00\\.0\\)`),
  );
  assert.equal(c.nicAfterFirst, 'vfio-pci');
  assert.equal(c.gpuAfterSecond, 'bochs-drm', 'the refused run changed nothing');
  assert.equal(c.releaseNic, 0);
  assert.deepEqual(x.finalDrivers, { '0000:01:00.0': 'bochs-drm', '0000:02:00.0': 'e1000e' });
  writeFileSync(
    join(r.outDir, 'readme-bind.txt'),
    `${bind.stdout}\n---\n${held.stderr}\n---\n${rel.stdout}\n`,
  );
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(r.outDir, { recursive: true, force: true });
});

test('lab legacy: bind/viable/release cycles for the conventional-PCI group behind a pcie-pci-bridge', async (t) => {
  start();
  const r = await (legacyRun as Promise<Run>);
  t.diagnostic(`wall ${(r.wall / 1000).toFixed(1)}s; out dir ${r.outDir}`);
  checkSets(r, ['conventional'], t);
  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(r.outDir, { recursive: true, force: true });
});
