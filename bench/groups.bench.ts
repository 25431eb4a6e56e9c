// `vfiokit groups`, `devices` and the host report on synthetic hosts of 256, 1,024 and 4,096 PCI
// functions of mixed topology, beside `lspci -nn`, `lspci -tvnn` and `lspci -vvv` reading the same
// trees. Each tree is built by the fixture builder from a seeded description (several shapes:
// switches with and without ACS, multifunction endpoints, PCIe-to-PCI bridges with conventional
// devices behind, SR-IOV VFs, several PCI domains). Commands run in alternation (run i of every
// command, then run i+1, so a change in the machine's load hits all alike); medians of wall time,
// the spread, and peak memory (the child's max RSS, from GNU time). Goal: vfiokit groups faster
// than lspci -tvnn at 4,096 functions, at most 4× from 1,024 to 4,096, under 60 MB.
//
// BENCH_RUNS (default 5) sets the runs per command; BENCH_SHAPES (comma list) picks shapes;
// BENCH_TREE (below) builds one tree for profiling.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildFixture } from '../test/helpers/fixture-builder.js';
import { hostOf, SHAPES } from '../test/helpers/mixed-host.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = [256, 1024, 4096];

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

const wanted = process.env.BENCH_SHAPES?.split(',');
const shapes = SHAPES.filter((s) => !wanted || wanted.includes(s.name));
console.log(
  `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(1)}, node ${process.version}, ${RUNS} alternating runs; median wall ms (min-max), median CPU ms (user + system), peak MB`,
);
const groupsMs = new Map<string, number>();
let failures = 0;
for (const shape of shapes) {
  for (const target of SIZES) {
    const fx = buildFixture({ rootComplexes: hostOf(shape, target) });
    try {
      const sysfs = ['-A', 'linux-sysfs', '-O', `sysfs.path=${fx.dir}/sys/bus/pci`];
      const check = spawnSync(process.execPath, [bin, 'groups', '--json', '--root', fx.dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const j = JSON.parse(check.stdout);
      if (j.simulation.status !== 'agrees')
        throw new Error(
          `simulator disagrees on ${shape.name}/${target}: ${JSON.stringify(j.simulation).slice(0, 600)}`,
        );
      // lspci must see the same tree, or the comparison means nothing.
      const lines = spawnSync('lspci', [...sysfs, '-nn'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
      const seen = lines.split('\n').filter(Boolean).length;
      if (seen !== target || fx.devices.length !== target)
        throw new Error(`${shape.name}/${target}: built ${fx.devices.length} functions, lspci lists ${seen}`);
      const cmds: [string, string[]][] = [
        ['vfiokit groups', [process.execPath, bin, 'groups', '--root', fx.dir]],
        ['vfiokit groups --json', [process.execPath, bin, 'groups', '--json', '--root', fx.dir]],
        ['vfiokit devices', [process.execPath, bin, 'devices', '--root', fx.dir]],
        ['vfiokit (host report)', [process.execPath, bin, '--root', fx.dir]],
        ['lspci -nn', ['lspci', ...sysfs, '-nn']],
        ['lspci -tvnn', ['lspci', ...sysfs, '-tvnn']],
        ['lspci -vvv', ['lspci', ...sysfs, '-vvv']],
      ];
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
      console.log(`\n${shape.name}, ${target} functions, ${j.groups.length} groups:`);
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
          groupsMs.set(`${shape.name}/${target}/${name}`, med[i]);
          if (target === 4096 && (med[i] >= tree || mb >= 60)) failures++;
        }
      }
    } finally {
      fx.cleanup();
    }
  }
}
console.log('\ngrowth 1,024 → 4,096 functions (goal: at most 4×):');
for (const shape of shapes)
  for (const name of [
    'vfiokit groups',
    'vfiokit groups --json',
    'vfiokit devices',
    'vfiokit (host report)',
  ]) {
    const a = groupsMs.get(`${shape.name}/1024/${name}`);
    const b = groupsMs.get(`${shape.name}/4096/${name}`);
    if (a && b) console.log(`  ${shape.name.padEnd(13)} ${name.padEnd(22)} ×${(b / a).toFixed(2)}`);
  }
console.log(
  failures
    ? `\n${failures} vfiokit figure(s) at 4,096 functions miss the goal (slower than lspci -tvnn, or 60 MB or more)`
    : '\nevery vfiokit figure at 4,096 functions meets the goal',
);
