// `vfiokit fleet` over 1,000 snapshot archives of 512 PCI functions each (FLEET_HOSTS to change
// the count), built with the fixture builder: four kinds of GPU host (isolated cards on vfio-pci,
// a card sharing its group with a NIC and buses shifted, cards on the vendor driver, no interrupt
// remapping), eight cards each, padded with SR-IOV NICs. Each kind is archived once and copied.
// Runs the built CLI (worker threads, one per CPU) and prints the wall time, the CPU time (user +
// system, every thread: on a shared machine the wall time also counts other programs' turns) and
// the peak memory of the process (GNU time's max RSS: the main thread and every worker), and the
// same for 100 snapshots without workers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchive } from '../src/host/snapshot-archive.js';
import { buildGpuHost, type GpuHostOptions } from '../test/helpers/fleet-hosts.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const HOSTS = Number(process.env.FLEET_HOSTS ?? 1000);
const FUNCTIONS = 512;

const kinds: GpuHostOptions[] = [
  { gpus: 8 },
  { gpus: 8, sharedFirstGpu: true, shiftBuses: 2 },
  { gpus: 8, driver: 'nvidia' },
  { gpus: 8, noRemapping: true },
];

function measure(args: string[]): { seconds: number; cpuSeconds: number; maxRssMb: number; out: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`vfiokit ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  const [sec, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds: sec, cpuSeconds: user + sys, maxRssMb: kb / 1024, out: r.stdout };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-fleet-bench-'));
try {
  const archives: string[] = [];
  for (const [i, k] of kinds.entries()) {
    const f = buildGpuHost({ ...k, functions: FUNCTIONS }, path.join(dir, `tree-${i}`));
    const file = path.join(dir, `kind-${i}.tar.gz`);
    await writeArchive(f.dir, file);
    f.cleanup();
    archives.push(file);
    console.log(`kind ${i}: ${f.count} functions, archive ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
  }
  const snaps = path.join(dir, 'snapshots');
  fs.mkdirSync(snaps);
  for (let i = 0; i < HOSTS; i++)
    fs.copyFileSync(
      archives[i % archives.length],
      path.join(snaps, `gpu-${String(i).padStart(4, '0')}.tar.gz`),
    );
  const cpus = os.availableParallelism();
  const load = os.loadavg()[0];
  const all = measure(['fleet', '--json', snaps]);
  const report = JSON.parse(all.out);
  if (report.hosts.length !== HOSTS || report.summary.unreadable !== 0)
    throw new Error('not every snapshot was read');
  console.log(
    `${HOSTS} snapshots × ${FUNCTIONS} functions, ${Math.min(cpus, 8)} workers: ${all.seconds.toFixed(1)} s wall, ${all.cpuSeconds.toFixed(1)} s CPU (${((all.cpuSeconds * 1000) / HOSTS).toFixed(1)} ms CPU per host), peak RSS ${all.maxRssMb.toFixed(0)} MB, load average before ${load.toFixed(1)}`,
  );
  const one = measure([
    'fleet',
    '--json',
    '--jobs',
    '1',
    ...fs
      .readdirSync(snaps)
      .slice(0, 100)
      .map((f) => path.join(snaps, f)),
  ]);
  console.log(
    `100 snapshots, no workers: ${one.seconds.toFixed(1)} s wall, ${one.cpuSeconds.toFixed(1)} s CPU, peak RSS ${one.maxRssMb.toFixed(0)} MB`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
