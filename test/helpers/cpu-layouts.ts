/**
 * /sys/devices/system/cpu and /sys/devices/system/node trees of real machines, written from a
 * compact description. Linux numbers x86 CPUs in the order of the ACPI MADT, which firmware lists
 * first threads of every core (package by package) before the second threads: `lscpu -e` on each
 * machine below shows CPU n and n + (cores in the machine) as siblings. The layouts:
 * - Intel Core i7-8700 (Coffee Lake, 6 cores / 12 threads, one 12 MiB L3 shared by all cores);
 * - Intel Core i5-9600K (Coffee Lake Refresh, 6 cores, no SMT, one L3);
 * - AMD Ryzen 9 3900X (Zen 2, 2 CCDs × 2 CCX × 3 cores, SMT; each CCX has its own 16 MiB L3;
 *   core_id skips 3, 7, 11 because each CCX has 4 core slots with one disabled, as its
 *   /sys/devices/system/cpu/cpu*\/topology/core_id shows);
 * - a 2-socket server with two Intel Xeon E5-2620 v3 (Haswell-EP, 6 cores / 12 threads each, one
 *   L3 per package, one NUMA node per package: node0 0-5,12-17, node1 6-11,18-23).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CpuLayout {
  /** Where the layout comes from, for messages. */
  source: string;
  packages: number;
  /** core_id of each core of a package, in enumeration order. */
  coreIds: number[];
  threads: number;
  /** Core indexes (into coreIds) that share one L3, per package. */
  l3: number[][];
  /** Whether each package is its own NUMA node (the node directory exists either way). */
  nodePerPackage: boolean;
}

export const I7_8700: CpuLayout = {
  source: 'Intel Core i7-8700',
  packages: 1,
  coreIds: [0, 1, 2, 3, 4, 5],
  threads: 2,
  l3: [[0, 1, 2, 3, 4, 5]],
  nodePerPackage: true,
};

export const I5_9600K: CpuLayout = {
  source: 'Intel Core i5-9600K',
  packages: 1,
  coreIds: [0, 1, 2, 3, 4, 5],
  threads: 1,
  l3: [[0, 1, 2, 3, 4, 5]],
  nodePerPackage: true,
};

export const RYZEN_3900X: CpuLayout = {
  source: 'AMD Ryzen 9 3900X',
  packages: 1,
  coreIds: [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14],
  threads: 2,
  l3: [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
    [9, 10, 11],
  ],
  nodePerPackage: true,
};

export const XEON_2S_E5_2620V3: CpuLayout = {
  source: '2 × Intel Xeon E5-2620 v3',
  packages: 2,
  coreIds: [0, 1, 2, 3, 4, 5],
  threads: 2,
  l3: [[0, 1, 2, 3, 4, 5]],
  nodePerPackage: true,
};

const list = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j === i ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
};

/** Writes the layout under DIR/sys/devices/system/{cpu,node}; returns the number of CPUs. */
export function writeCpuLayout(dir: string, l: CpuLayout): number {
  const n = l.coreIds.length;
  const total = l.packages * n * l.threads;
  const cpuOf = (p: number, core: number, t: number) => t * l.packages * n + p * n + core;
  const w = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), `${text}\n`);
  };
  const base = 'sys/devices/system/cpu';
  w(`${base}/online`, `0-${total - 1}`);
  w(`${base}/possible`, `0-${total - 1}`);
  for (let p = 0; p < l.packages; p++)
    for (let c = 0; c < n; c++) {
      const siblings = Array.from({ length: l.threads }, (_, t) => cpuOf(p, c, t));
      const group = l.l3.find((g) => g.includes(c)) as number[];
      const l3 = group.flatMap((gc) => Array.from({ length: l.threads }, (_, t) => cpuOf(p, gc, t)));
      for (const cpu of siblings) {
        const d = `${base}/cpu${cpu}`;
        w(`${d}/topology/physical_package_id`, String(p));
        w(`${d}/topology/die_id`, '0');
        w(`${d}/topology/core_id`, String(l.coreIds[c]));
        w(`${d}/topology/thread_siblings_list`, list(siblings));
        w(`${d}/topology/core_cpus_list`, list(siblings));
        const caches: [number, string, number[]][] = [
          [1, 'Data', siblings],
          [1, 'Instruction', siblings],
          [2, 'Unified', siblings],
          [3, 'Unified', l3],
        ];
        caches.forEach(([level, type, shared], i) => {
          w(`${d}/cache/index${i}/level`, String(level));
          w(`${d}/cache/index${i}/type`, type);
          w(`${d}/cache/index${i}/shared_cpu_list`, list(shared));
          w(
            `${d}/cache/index${i}/id`,
            String(level === 3 ? p * l.l3.length + l.l3.indexOf(group) : l.coreIds[c]),
          );
        });
      }
    }
  const nodes = l.nodePerPackage ? l.packages : 1;
  for (let node = 0; node < nodes; node++) {
    const cpus: number[] = [];
    for (let p = 0; p < l.packages; p++)
      if (!l.nodePerPackage || p === node)
        for (let c = 0; c < n; c++) for (let t = 0; t < l.threads; t++) cpus.push(cpuOf(p, c, t));
    w(`sys/devices/system/node/node${node}/cpulist`, list(cpus));
  }
  return total;
}
