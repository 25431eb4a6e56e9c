/**
 * The host's CPU topology from sysfs (kernel Documentation/admin-guide/cputopology.rst and
 * Documentation/ABI/testing/sysfs-devices-system-cpu):
 * - /sys/devices/system/cpu/online: the online CPUs as a list (0-11);
 * - cpuN/topology/{physical_package_id, die_id, core_id, thread_siblings_list, core_cpus_list}:
 *   core_id is unique only within a package, so a core is named by its sibling list;
 *   core_cpus_list is the newer name of thread_siblings_list (Linux 5.x), either is read;
 * - cpuN/cache/indexM/{level, type, shared_cpu_list, id}: the level 3 unified cache's
 *   shared_cpu_list groups the CPUs that share one L3 (a CCX on AMD Zen 2, a CCD on Zen 3, the
 *   whole package on most Intel parts);
 * - /sys/devices/system/node/nodeN/cpulist: the CPUs of each NUMA node (absent on kernels
 *   without CONFIG_NUMA: then there is no node information, not "node 0").
 * Every read is bounded (a sysfs attribute is at most one page); anything missing, unreadable or
 * inconsistent makes the result `unknown` with the reason, never a guessed topology.
 */
import { formatCpuList, parseCpuList } from '../cpu/cpu-list.js';
import type { CpuTopology, HostCpu } from '../cpu/topology.js';
import type { HostRoot } from './root.js';

export type { CpuTopology, HostCpu };

export { formatCpuList, parseCpuList };

const CPU_DIR = '/sys/devices/system/cpu';
const NODE_DIR = '/sys/devices/system/node';
/** A CPU list attribute is at most a page; 64 KiB covers the largest page size. */
const MAX_ATTR = 64 * 1024;

export type CpuTopologyResult = { ok: true; topology: CpuTopology } | { ok: false; reason: string };

function readList(root: HostRoot, p: string): number[] | undefined {
  const t = root.readText(p, MAX_ATTR);
  return t === undefined ? undefined : parseCpuList(t);
}

function readInt(root: HostRoot, p: string): number | undefined {
  const t = root.readText(p, MAX_ATTR)?.trim();
  if (t === undefined || !/^-?\d{1,9}$/.test(t)) return undefined;
  return Number(t);
}

// long: one pass over the CPU topology files, each attribute read and checked where it is used
export function readCpuTopology(root: HostRoot): CpuTopologyResult {
  const fail = (reason: string): CpuTopologyResult => ({ ok: false, reason });
  const onlineText = root.readText(`${CPU_DIR}/online`, MAX_ATTR);
  if (onlineText === undefined) return fail(`${CPU_DIR}/online is missing`);
  const online = parseCpuList(onlineText);
  if (!online?.length)
    return fail(`${CPU_DIR}/online is not a CPU list: ${JSON.stringify(onlineText.trim().slice(0, 40))}`);
  const onlineSet = new Set(online);
  const notes: string[] = [];

  const cpus: HostCpu[] = [];
  const l3Keys = new Map<string, number[]>();
  const l3Of = new Map<number, string>();
  let cacheMissing = 0;
  for (const cpu of online) {
    const t = `${CPU_DIR}/cpu${cpu}/topology`;
    const pkg = readInt(root, `${t}/physical_package_id`);
    const coreId = readInt(root, `${t}/core_id`);
    const siblings = readList(root, `${t}/core_cpus_list`) ?? readList(root, `${t}/thread_siblings_list`);
    if (pkg === undefined || coreId === undefined || siblings === undefined)
      return fail(
        `cpu${cpu}: topology (physical_package_id, core_id, thread_siblings_list) is missing or unreadable`,
      );
    if (!siblings.includes(cpu))
      return fail(`cpu${cpu}: its own sibling list ${formatCpuList(siblings)} leaves it out`);
    const die = readInt(root, `${t}/die_id`);
    cpus.push({ cpu, package: pkg, ...(die !== undefined && die >= 0 ? { die } : {}), coreId, siblings });

    let l3: number[] | undefined;
    for (const idx of root.list(`${CPU_DIR}/cpu${cpu}/cache`)) {
      if (!/^index\d{1,3}$/.test(idx)) continue;
      const c = `${CPU_DIR}/cpu${cpu}/cache/${idx}`;
      if (readInt(root, `${c}/level`) !== 3) continue;
      const type = root.readText(`${c}/type`, MAX_ATTR)?.trim();
      if (type !== 'Unified' && type !== 'Data') continue;
      l3 = readList(root, `${c}/shared_cpu_list`);
      if (l3 === undefined) return fail(`cpu${cpu}: ${idx}/shared_cpu_list is unreadable`);
      if (!l3.includes(cpu))
        return fail(`cpu${cpu}: its L3 shared_cpu_list ${formatCpuList(l3)} leaves it out`);
    }
    if (l3 === undefined) {
      cacheMissing++;
      continue;
    }
    const key = formatCpuList(l3.filter((c) => onlineSet.has(c)));
    l3Keys.set(key, parseCpuList(key) as number[]);
    l3Of.set(cpu, key);
  }

  // Sibling lists must agree: every CPU of a core names the same core (else sysfs is inconsistent).
  const byCpu = new Map(cpus.map((c) => [c.cpu, c]));
  for (const c of cpus) {
    for (const s of c.siblings) {
      const o = byCpu.get(s);
      if (o && formatCpuList(o.siblings) !== formatCpuList(c.siblings))
        return fail(
          `cpu${c.cpu} and cpu${s} disagree about their core (${formatCpuList(c.siblings)} vs ${formatCpuList(o.siblings)})`,
        );
      if (o && o.package !== c.package)
        return fail(`cpu${c.cpu} and its sibling cpu${s} are in different packages`);
    }
    c.siblings = c.siblings.filter((s) => onlineSet.has(s));
  }

  const l3 = [...l3Keys.values()].sort((a, b) => a[0] - b[0]);
  if (cacheMissing === 0) {
    const index = new Map(l3.map((g, i) => [formatCpuList(g), i]));
    const seen = new Set<number>();
    for (const g of l3)
      for (const c of g) {
        if (seen.has(c)) return fail(`cpu${c} is in two different L3 groups`);
        seen.add(c);
      }
    for (const c of cpus) c.l3 = index.get(l3Of.get(c.cpu) as string);
  } else {
    notes.push(`L3 cache sharing is not described for ${cacheMissing} CPU(s): CCX/L3 grouping not used`);
    l3.length = 0;
  }

  const nodes: CpuTopology['nodes'] = [];
  for (const n of root.list(NODE_DIR)) {
    const m = /^node(\d{1,5})$/.exec(n);
    if (!m) continue;
    const list = readList(root, `${NODE_DIR}/${n}/cpulist`);
    if (list === undefined) return fail(`${NODE_DIR}/${n}/cpulist is missing or not a CPU list`);
    const own = list.filter((c) => onlineSet.has(c));
    if (own.length) nodes.push({ id: Number(m[1]), cpus: own });
  }
  nodes.sort((a, b) => a.id - b.id);
  if (nodes.length) {
    for (const node of nodes)
      for (const c of node.cpus) {
        const rec = byCpu.get(c) as HostCpu;
        if (rec.node !== undefined) return fail(`cpu${c} is listed in NUMA nodes ${rec.node} and ${node.id}`);
        rec.node = node.id;
      }
    const orphan = cpus.find((c) => c.node === undefined);
    if (orphan) return fail(`cpu${orphan.cpu} is online but in no NUMA node's cpulist`);
  } else notes.push(`${NODE_DIR} has no node with CPUs: NUMA placement not used`);

  return { ok: true, topology: { cpus, l3, nodes, notes } };
}
