// `vfiokit groups`, `devices` and the host report on synthetic hosts of 256, 1,024 and 4,096 PCI
// functions of mixed topology, beside `lspci -nn`, `lspci -tvnn` and `lspci -vvv` reading the same
// trees. Each tree is built by the fixture builder from a seeded description (several shapes:
// switches with and without ACS, multifunction endpoints, PCIe-to-PCI bridges with conventional
// devices behind, SR-IOV VFs, several PCI domains). Commands run in alternation (run i of every
// command, then run i+1, so a change in the machine's load hits all alike); medians of wall time,
// the spread, and peak memory (the child's max RSS, from GNU time). Goal: vfiokit groups faster
// than lspci -tvnn at 4,096 functions, at most 4× from 1,024 to 4,096, under 60 MB.
//
// Two ways of reading each tree, both printed:
// - `--root DIR`: the tree read as a snapshot, through the confined reads any snapshot gets
//   (every directory listed, every link checked to stay inside), beside lspci with
//   `-A linux-sysfs -O sysfs.path=DIR/sys/bus/pci`;
// - live: the tree bind-mounted on /sys in a private mount namespace (`unshare -m`, root only; the
//   machine's own /sys is untouched), so `vfiokit groups` reads it exactly as it reads a host's
//   /sys, and plain `lspci` reads the same. This is what a user's `vfiokit groups` does on a host.
//   The host report also reads the machine's own /proc there (command line, modules, kallsyms),
//   as it does on any host.
//
// BENCH_RUNS (default 5) sets the runs per command; BENCH_SHAPES (comma list) picks shapes;
// BENCH_SIZES (comma list) the sizes; BENCH_LIVE=0 skips the live runs; BENCH_TREE (below) builds
// one tree for profiling.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildFixture } from '../test/helpers/fixture-builder.js';
import { hostOf, SHAPES } from '../test/helpers/mixed-host.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [256, 1024, 4096];

interface Sample {
  ms: number;
  /** CPU time (user + system): on a machine shared with other work, wall time is mostly waiting. */
  cpuMs: number;
  mb: number;
}

function once(cmd: string[]): Sample {
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
  const [sec, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { ms: sec * 1000, cpuMs: (user + sys) * 1000, mb: kb / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!existsSync(TIME)) {
  console.log('groups bench: /usr/bin/time (GNU time) is needed for peak memory; install the "time" package');
  process.exit(1);
}

// BENCH_TREE=DIR[:shape[:size]] only builds one tree at DIR and leaves it, for profiling
// (node --cpu-prof bin/vfiokit groups --root DIR).
if (process.env.BENCH_TREE) {
  const [dir, name = 'mixed', size = '4096'] = process.env.BENCH_TREE.split(':');
  const shape = SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`no shape ${name}: ${SHAPES.map((s) => s.name).join(', ')}`);
  const fx = buildFixture({ rootComplexes: hostOf(shape, Number(size)) }, dir);
  console.log(`${fx.devices.length} functions at ${fx.dir}`);
  process.exit(0);
}

// The live runs need their own mount namespace: the whole bench runs again inside one, where each
// tree is mounted on /sys in turn (the mounts end with the namespace).
const inNamespace = process.env.BENCH_IN_NS === '1';
const canLive =
  process.env.BENCH_LIVE !== '0' &&
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-m', 'true'], { stdio: 'ignore' }).status === 0;
if (!inNamespace && canLive) {
  const r = spawnSync(
    'unshare',
    ['-m', '--propagation', 'private', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_IN_NS: '1' },
    },
  );
  process.exit(r.status ?? 1);
}
if (!canLive && process.env.BENCH_LIVE !== '0')
  console.log(
    'live runs skipped: they need root and unshare(1) (a private mount namespace for the tree on /sys)',
  );

const wanted = process.env.BENCH_SHAPES?.split(',');
const shapes = SHAPES.filter((s) => !wanted || wanted.includes(s.name));
console.log(
  `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(1)}, node ${process.version}, ${RUNS} alternating runs; median wall ms (min-max), median CPU ms (user + system), peak MB`,
);
const groupsMs = new Map<string, number>();
const failures = { root: 0, live: 0 };

/** Runs the commands in alternation and prints each figure beside lspci -tvnn's. */
function measure(
  mode: 'root' | 'live',
  label: string,
  key: string,
  target: number,
  cmds: [string, string[]][],
) {
  const samples = cmds.map(() => [] as Sample[]);
  for (let run = 0; run < RUNS; run++) {
    // Alternate, starting each round at the next command.
    for (let k = 0; k < cmds.length; k++) {
      const i = (k + run) % cmds.length;
      samples[i].push(once(cmds[i][1]));
    }
  }
  const med = samples.map((s) => median(s.map((x) => x.ms)));
  const cpu = samples.map((s) => median(s.map((x) => x.cpuMs)));
  const ti = cmds.findIndex(([n]) => n === 'lspci -tvnn');
  const tree = med[ti];
  console.log(label);
  for (const [i, [name]] of cmds.entries()) {
    const ms = samples[i].map((x) => x.ms);
    const mb = Math.max(...samples[i].map((x) => x.mb));
    const ratio = name.startsWith('vfiokit')
      ? `  ${(med[i] / tree).toFixed(2)}× lspci -tvnn (CPU ${(cpu[i] / cpu[ti]).toFixed(2)}×)`
      : '';
    console.log(
      `  ${name.padEnd(22)} ${med[i].toFixed(0).padStart(5)} ms (${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}), CPU ${cpu[i].toFixed(0).padStart(4)} ms  ${mb.toFixed(0).padStart(3)} MB${ratio}`,
    );
    if (name.startsWith('vfiokit')) {
      groupsMs.set(`${mode}/${key}/${name}`, med[i]);
      // The goal is for groups, devices and the report; devices --json is shown beside them.
      if (target === 4096 && name !== 'vfiokit devices --json' && (med[i] >= tree || mb >= 60))
        failures[mode]++;
    }
  }
}

/** vfiokit's and lspci's commands, reading the tree under `--root` or on /sys. */
function commands(root?: string): [string, string[]][] {
  const r = root ? ['--root', root] : [];
  const sysfs = root ? ['-A', 'linux-sysfs', '-O', `sysfs.path=${root}/sys/bus/pci`] : [];
  return [
    ['vfiokit groups', [process.execPath, bin, 'groups', ...r]],
    ['vfiokit groups --json', [process.execPath, bin, 'groups', '--json', ...r]],
    ['vfiokit devices', [process.execPath, bin, 'devices', ...r]],
    // Every fact of every function (driver_override, reset methods, NUMA node, link, SR-IOV): a
    // full scan, where the listing above reads what it prints.
    ['vfiokit devices --json', [process.execPath, bin, 'devices', '--json', ...r]],
    ['vfiokit (host report)', [process.execPath, bin, ...r]],
    ['lspci -nn', ['lspci', ...sysfs, '-nn']],
    ['lspci -tvnn', ['lspci', ...sysfs, '-tvnn']],
    ['lspci -vvv', ['lspci', ...sysfs, '-vvv']],
  ];
}

/** The simulator agrees with the tree's groups, and lspci lists every function: else the figures mean nothing. */
function check(name: string, target: number, built: number, root?: string): number {
  const r = root ? ['--root', root] : [];
  const out = spawnSync(process.execPath, [bin, 'groups', '--json', ...r], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const j = JSON.parse(out.stdout);
  if (j.simulation.status !== 'agrees')
    throw new Error(`simulator disagrees on ${name}: ${JSON.stringify(j.simulation).slice(0, 600)}`);
  const sysfs = root ? ['-A', 'linux-sysfs', '-O', `sysfs.path=${root}/sys/bus/pci`] : [];
  const lines = spawnSync('lspci', [...sysfs, '-nn'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  const seen = lines.split('\n').filter(Boolean).length;
  if (seen !== target || built !== target)
    throw new Error(`${name}: built ${built} functions, lspci lists ${seen}${root ? '' : ' on /sys'}`);
  return j.groups.length;
}

for (const shape of shapes) {
  for (const target of SIZES) {
    const fx = buildFixture({ rootComplexes: hostOf(shape, target) });
    const key = `${shape.name}/${target}`;
    try {
      const groups = check(key, target, fx.devices.length, fx.dir);
      measure(
        'root',
        `\n${shape.name}, ${target} functions, ${groups} groups, read with --root:`,
        key,
        target,
        commands(fx.dir),
      );
      if (inNamespace) {
        const m = spawnSync('mount', ['--bind', `${fx.dir}/sys`, '/sys'], { encoding: 'utf8' });
        if (m.status !== 0) throw new Error(`mount --bind ${fx.dir}/sys /sys: ${m.stderr.trim()}`);
        try {
          check(`${key} on /sys`, target, fx.devices.length);
          measure(
            'live',
            `${shape.name}, ${target} functions, the tree on /sys (live):`,
            key,
            target,
            commands(),
          );
        } finally {
          spawnSync('umount', ['/sys']);
        }
      }
    } finally {
      fx.cleanup();
    }
  }
}
console.log('\ngrowth 1,024 → 4,096 functions (goal: at most 4×):');
for (const mode of inNamespace ? (['root', 'live'] as const) : (['root'] as const))
  for (const shape of shapes)
    for (const name of [
      'vfiokit groups',
      'vfiokit groups --json',
      'vfiokit devices',
      'vfiokit devices --json',
      'vfiokit (host report)',
    ]) {
      const a = groupsMs.get(`${mode}/${shape.name}/1024/${name}`);
      const b = groupsMs.get(`${mode}/${shape.name}/4096/${name}`);
      if (a && b)
        console.log(`  ${mode.padEnd(5)} ${shape.name.padEnd(13)} ${name.padEnd(22)} ×${(b / a).toFixed(2)}`);
    }
for (const mode of inNamespace ? (['root', 'live'] as const) : (['root'] as const))
  console.log(
    failures[mode]
      ? `\n${mode}: ${failures[mode]} vfiokit figure(s) at 4,096 functions miss the goal (slower than lspci -tvnn, or 60 MB or more)`
      : `\n${mode}: every vfiokit figure at 4,096 functions meets the goal`,
  );
