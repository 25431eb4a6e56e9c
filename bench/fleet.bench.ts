// `vfiokit fleet` over 1,000 snapshot archives of 512 PCI functions each (FLEET_HOSTS to change
// the count), built with the fixture builder: four kinds of GPU host (isolated cards on vfio-pci,
// a card sharing its group with a NIC and buses shifted, cards on the vendor driver, no interrupt
// remapping), eight cards each, padded with NVMe drives. Each kind is archived once and copied,
// twice: as `vfiokit snapshot` writes it now (the snapshot pack first, which the fleet reads
// instead of the tar entries), and without the pack (as older snapshots are, read in full).
// The archives with the pack are also read with --verify (the tar entries after each pack inflated
// and checked against the CRC-32 the pack records, nothing indexed).
// Runs the built CLI (worker threads, one per CPU) FLEET_RUNS times each (default 3) and prints
// per run and as medians: the wall time, the CPU time (user + system, every thread: on a shared
// machine the wall time also counts other programs' turns), the peak memory of the process (GNU
// time's max RSS: the main thread and every worker) and the load average before the run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchive } from '../src/host/snapshot-archive.js';
import { buildGpuHost, type GpuHostOptions } from '../test/helpers/fleet-hosts.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const HOSTS = Number(process.env.FLEET_HOSTS ?? 1000);
const RUNS = Number(process.env.FLEET_RUNS ?? 3);
const FUNCTIONS = 512;

const kinds: GpuHostOptions[] = [
  { gpus: 8 },
  { gpus: 8, sharedFirstGpu: true, shiftBuses: 2 },
  { gpus: 8, driver: 'nvidia' },
  { gpus: 8, noRemapping: true },
];

interface Run {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  load: number;
  out: string;
}

function measure(args: string[]): Run {
  const load = os.loadavg()[0];
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`vfiokit ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  const [sec, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds: sec, cpuSeconds: user + sys, maxRssMb: kb / 1024, load, out: r.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const line = (r: Omit<Run, 'out'>) =>
  `${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU (${((r.cpuSeconds * 1000) / HOSTS).toFixed(1)} ms CPU per host), peak RSS ${r.maxRssMb.toFixed(0)} MB, load average before ${r.load.toFixed(1)}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-fleet-bench-'));
try {
  const sets = { pack: path.join(dir, 'pack'), tar: path.join(dir, 'tar') };
  for (const d of Object.values(sets)) fs.mkdirSync(d);
  const archives: { pack: string; tar: string }[] = [];
  for (const [i, k] of kinds.entries()) {
    const f = buildGpuHost({ ...k, functions: FUNCTIONS }, path.join(dir, `tree-${i}`));
    const a = { pack: path.join(dir, `kind-${i}-pack.tar.gz`), tar: path.join(dir, `kind-${i}.tar.gz`) };
    await writeArchive(f.dir, a.pack);
    await writeArchive(f.dir, a.tar, { pack: false });
    f.cleanup();
    archives.push(a);
    const kib = (p: string) => (fs.statSync(p).size / 1024).toFixed(0);
    console.log(
      `kind ${i}: ${f.count} functions, archive ${kib(a.pack)} KiB with the pack, ${kib(a.tar)} KiB without`,
    );
  }
  for (let i = 0; i < HOSTS; i++) {
    const name = `gpu-${String(i).padStart(4, '0')}.tar.gz`;
    fs.copyFileSync(archives[i % archives.length].pack, path.join(sets.pack, name));
    fs.copyFileSync(archives[i % archives.length].tar, path.join(sets.tar, name));
  }
  const workers = Math.min(os.availableParallelism(), 8);
  const outputs: Record<string, string> = {};
  const modes = [
    { mode: 'pack', d: sets.pack, args: [] as string[], what: 'from the snapshot pack' },
    { mode: 'verify', d: sets.pack, args: ['--verify'], what: 'from the snapshot pack, --verify' },
    { mode: 'tar', d: sets.tar, args: [] as string[], what: 'from the full tar' },
  ];
  for (const { mode, d, args, what } of modes) {
    const runs: Run[] = [];
    for (let k = 0; k < RUNS; k++) {
      const r = measure(['fleet', '--json', ...args, d]);
      const report = JSON.parse(r.out);
      if (report.hosts.length !== HOSTS || report.summary.unreadable !== 0)
        throw new Error('not every snapshot was read');
      outputs[mode] = r.out.replaceAll(d, 'DIR');
      runs.push(r);
      console.log(`  ${mode} run ${k + 1}: ${line(r)}`);
    }
    console.log(
      `${HOSTS} snapshots × ${FUNCTIONS} functions, ${workers} workers, ${what}, median of ${RUNS}: ${line({
        seconds: median(runs.map((r) => r.seconds)),
        cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
        maxRssMb: median(runs.map((r) => r.maxRssMb)),
        load: median(runs.map((r) => r.load)),
      })}`,
    );
  }
  if (outputs.pack !== outputs.tar || outputs.verify !== outputs.tar)
    throw new Error('the reports from the packs (with and without --verify) and from the tar entries differ');
  console.log(
    'the reports from the packs, with and without --verify, and from the tar entries are identical',
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
