// `vfiokit groups` on synthetic hosts of about 256, 1,024 and 4,096 PCI devices (root ports with
// ACS, PCIe switches, SR-IOV PFs with VFs, several PCI domains), built with the fixture builder.
// Prints wall time (fastest of 5 runs) and peak memory (the child's max RSS, from GNU time) beside `lspci -tvnn` and
// `lspci -vvv` reading the same trees. Target: linear growth, and no slower than lspci -vvv.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildFixture, CLASS, type NodeSpec, type RootComplexSpec } from '../test/helpers/fixture-builder.js';

const bin = fileURLToPath(new URL('../bin/vfiokit', import.meta.url));
const TIME = '/usr/bin/time';
// The machine is shared: the fastest of several runs is the best estimate of the intrinsic cost.
const RUNS = 5;

/**
 * Every port has ACS and every endpoint is single-function, so the kernel would give each device
 * its own group: numbering groups in order (sequentialGroups) is then exactly the kernel's answer
 * and the simulator's check runs its full course.
 */
function hostOf(target: number): { rootComplexes: RootComplexSpec[]; count: number } {
  const rcs: RootComplexSpec[] = [];
  let count = 0;
  for (let domain = 0; count < target; domain++) {
    const devices: NodeSpec[] = [{ kind: 'endpoint', dev: 0, class: CLASS.hostBridge }];
    count++;
    for (let dev = 1; dev < 32 && count < target; dev++) {
      if (dev % 2) {
        // Root port → switch (upstream + 4 downstream ports) → an NVMe below each: 10 devices.
        devices.push({
          kind: 'root-port',
          dev,
          acs: true,
          children: [
            {
              kind: 'switch',
              downstream: [0, 1, 2, 3].map(() => ({
                acs: true,
                children: [{ kind: 'endpoint' as const, class: CLASS.nvme, driver: 'nvme' }],
              })),
            },
          ],
        });
        count += 10;
      } else {
        // Root port → SR-IOV NIC with 15 VFs (ARI): 17 devices.
        devices.push({
          kind: 'root-port',
          dev,
          acs: true,
          children: [
            {
              kind: 'endpoint',
              class: CLASS.ethernet,
              driver: 'ixgbe',
              ari: true,
              sriov: { totalVfs: 63, numVfs: 15, vfDevice: 0x10ed, vfDriver: 'vfio-pci' },
            },
          ],
        });
        count += 17;
      }
    }
    rcs.push({ domain, devices });
  }
  return { rootComplexes: rcs, count };
}

interface Measure {
  seconds: number;
  maxRssMb: number;
}

function measure(cmd: string[]): Measure {
  const samples: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(TIME, ['-f', '%e %M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    const [sec, kb] = last.split(' ').map(Number);
    samples.push({ seconds: sec, maxRssMb: kb / 1024 });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  return samples[0];
}

if (!existsSync(TIME)) {
  console.log('groups bench: /usr/bin/time (GNU time) is needed for peak memory; install the "time" package');
  process.exit(1);
}

const rows: string[][] = [];
const header = ['devices', 'groups', 'vfiokit groups', 'vfiokit groups --json', 'lspci -tvnn', 'lspci -vvv'];
const results: { n: number; vfiokit: number; lspciV: number }[] = [];
for (const target of [256, 1024, 4096]) {
  const spec = hostOf(target);
  const fx = buildFixture({ rootComplexes: spec.rootComplexes, sequentialGroups: true });
  try {
    const sysfs = `sysfs.path=${fx.dir}/sys/bus/pci`;
    const check = spawnSync(process.execPath, [bin, 'groups', '--json', '--root', fx.dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const j = JSON.parse(check.stdout);
    if (j.simulation.status !== 'agrees')
      throw new Error(`simulator disagrees on the synthetic host: ${check.stdout.slice(0, 400)}`);
    const human = measure([process.execPath, bin, 'groups', '--root', fx.dir]);
    const json = measure([process.execPath, bin, 'groups', '--json', '--root', fx.dir]);
    const tree = measure(['lspci', '-A', 'linux-sysfs', '-O', sysfs, '-tvnn']);
    const vvv = measure(['lspci', '-A', 'linux-sysfs', '-O', sysfs, '-vvv']);
    const fmt = (m: Measure) => `${(m.seconds * 1000).toFixed(0)} ms, ${m.maxRssMb.toFixed(0)} MB`;
    rows.push([
      String(fx.devices.length),
      String(j.groups.length),
      fmt(human),
      fmt(json),
      fmt(tree),
      fmt(vvv),
    ]);
    results.push({ n: fx.devices.length, vfiokit: human.seconds, lspciV: vvv.seconds });
  } finally {
    fx.cleanup();
  }
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
// Growth: time per device from the smallest to the largest host (start-up cost included).
const [a, , c] = results;
console.log(
  `growth 256→4096: vfiokit ×${(c.vfiokit / a.vfiokit).toFixed(1)} for ×${(c.n / a.n).toFixed(1)} devices; ` +
    `vfiokit/lspci -vvv at ${c.n}: ${(c.vfiokit / c.lspciV).toFixed(2)}`,
);
