/**
 * CPU pinning planned from the host topology (src/host/cpu-topology.ts). Pure: topology in,
 * pinning and host advice out, every choice with a reason line.
 *
 * Rules, in order:
 * 1. CPU 0's core stays with the host: the kernel's housekeeping (timers, unbound work, IRQs
 *    that cannot move) lands on the boot CPU, and nohz_full cannot include it
 *    (Documentation/timers/no_hz.rst: "the boot CPU is prohibited from entering adaptive-ticks").
 * 2. One guest core is one host core, and the guest core's threads are that core's SMT siblings,
 *    so the guest's scheduler sees siblings where the hardware has them (libvirt's domain format
 *    docs and the Arch wiki "PCI passthrough via OVMF: CPU pinning" give the same mapping).
 *    A guest with more threads per core than the host has siblings cannot be mapped: refused.
 * 3. The GPU's NUMA node first: DMA and interrupts of the device stay local. When it does not
 *    fit, one other node that fits; when none does, the nodes in order (the guest spans them).
 * 4. Within the node, one L3 group (AMD CCX/CCD, cache/index3/shared_cpu_list) where it fits,
 *    preferring one without CPU 0 (the host's own work shares that L3); otherwise the fewest,
 *    largest groups.
 * 5. The emulator thread and I/O threads get the host's CPUs (everything the vCPUs do not use) in
 *    the vCPUs' node: they run rarely but must not steal time from a vCPU.
 */

import { formatCpuList } from '../cpu/cpu-list.js';
import type { CpuTopology, HostCpu } from '../cpu/topology.js';
import { VfiokitError } from '../errors.js';

export interface PinningRequest {
  sockets: number;
  cores: number;
  threads: number;
  /** I/O threads to place (one per virtio disk set; 0 for none). */
  iothreads: number;
  /** The assigned GPU's NUMA node, when sysfs knows it (numa_node ≥ 0). */
  gpuNode?: number;
  /** Why the GPU's node is not known, for the reason line. */
  gpuNodeUnknown?: string;
}

export interface PinningPlan {
  /** One host CPU list per vCPU, in guest vCPU order. */
  vcpus: string[];
  emulator: string;
  iothreads: string[];
  /** The host CPUs given to vCPUs and the ones left to the host. */
  guestCpus: string;
  hostCpus: string;
  reasons: string[];
  advice: string[];
}

interface Core {
  cpus: number[];
  node?: number;
  l3?: number;
}

function coresOf(topo: CpuTopology): Core[] {
  const byKey = new Map<string, Core>();
  for (const c of topo.cpus) {
    const key = formatCpuList(c.siblings);
    if (!byKey.has(key))
      byKey.set(key, {
        cpus: c.siblings,
        ...(c.node !== undefined ? { node: c.node } : {}),
        ...(c.l3 !== undefined ? { l3: c.l3 } : {}),
      });
  }
  return [...byKey.values()].sort((a, b) => a.cpus[0] - b.cpus[0]);
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export function planPinning(topo: CpuTopology, req: PinningRequest): PinningPlan {
  const reasons: string[] = [];
  const guestCores = req.sockets * req.cores;
  const all = coresOf(topo);
  const smt = Math.max(...all.map((c) => c.cpus.length));
  if (req.threads > smt)
    throw new VfiokitError(
      `cpu: threads: ${req.threads} cannot map onto this host: its cores have ${smt === 1 ? 'no SMT siblings' : `${smt} threads`}`,
      {
        code: 'vm.pin-threads',
        hint: `use threads: ${smt} (and that many times more cores), or pin by hand in cpu.pin`,
        exitCode: 2,
      },
    );
  const cpu0 = topo.cpus.find((c) => c.cpu === 0) ?? topo.cpus[0];
  const hostCore = all.find((c) => c.cpus.includes(cpu0.cpu)) as Core;
  const free = all.filter((c) => c !== hostCore);
  reasons.push(
    `CPU ${cpu0.cpu}'s core (${formatCpuList(hostCore.cpus)}) stays with the host: the kernel's housekeeping runs there`,
  );
  if (guestCores > free.length)
    throw new VfiokitError(
      `the spec asks for ${plural(guestCores, 'guest core')} (sockets × cores), but this host has ${plural(free.length, 'core')} to give (${all.length} in all, CPU ${cpu0.cpu}'s core kept for the host)`,
      {
        code: 'vm.pin-too-many',
        hint: `use at most ${free.length} cores × ${req.threads} threads, or pin by hand in cpu.pin`,
        exitCode: 2,
      },
    );
  if (req.threads < smt && smt > 1)
    reasons.push(
      `guest cores have ${plural(req.threads, 'thread')}, host cores ${smt}: each guest core gets a whole host core and uses its first ${req.threads === 1 ? 'thread' : `${req.threads} threads`}; the rest stay idle so no other work shares the core (threads: ${smt} uses them)`,
    );
  else if (smt > 1) reasons.push(`guest thread i of each core runs on host SMT sibling i of one host core`);

  const pool = nodePool(topo, free, guestCores, req, reasons);
  const chosen = l3Choice(topo, pool, guestCores, hostCore, cpu0.cpu, reasons);
  return placeThreads(topo, chosen, req, reasons);
}

/**
 * Rule 3, the node: the free cores of the GPU's NUMA node when it holds the guest, else of the
 * first node that does, else every node's, the GPU's first.
 */
function nodePool(
  topo: CpuTopology,
  free: Core[],
  guestCores: number,
  req: PinningRequest,
  reasons: string[],
): Core[] {
  let pool = free;
  const nodes = topo.nodes;
  if (nodes.length > 1) {
    const inNode = (id: number) => free.filter((c) => c.node === id);
    const gpu = req.gpuNode;
    if (gpu !== undefined && inNode(gpu).length >= guestCores) {
      pool = inNode(gpu);
      reasons.push(
        `NUMA node ${gpu}: the GPU's node has ${plural(pool.length, 'free core')}, enough for ${guestCores}`,
      );
    } else {
      const fits = nodes.find((n) => inNode(n.id).length >= guestCores);
      const why =
        gpu === undefined
          ? `the GPU's NUMA node is not known (${req.gpuNodeUnknown ?? 'no GPU assigned'})`
          : `the GPU's node ${gpu} has only ${plural(inNode(gpu).length, 'free core')}`;
      if (fits) {
        pool = inNode(fits.id);
        reasons.push(
          `NUMA node ${fits.id}: ${why}; node ${fits.id} holds all ${guestCores} guest cores without spanning nodes`,
        );
      } else {
        const order = [...nodes].sort((a, b) => (a.id === gpu ? -1 : b.id === gpu ? 1 : a.id - b.id));
        pool = order.flatMap((n) => inNode(n.id));
        reasons.push(
          `no single NUMA node has ${guestCores} free cores: the guest spans nodes ${order.map((n) => n.id).join(', ')}`,
        );
      }
    }
  } else if (nodes.length === 1) reasons.push(`one NUMA node (${nodes[0].id}): no node choice to make`);
  else reasons.push('no NUMA information in sysfs: node placement not considered');
  return pool;
}

/**
 * Rule 4, L3 groups within the pool: every guest core under one L3 (one CCX), preferring one
 * CPU 0 does not use; else the largest groups first.
 */
function l3Choice(
  topo: CpuTopology,
  pool: Core[],
  guestCores: number,
  hostCore: Core,
  cpu0: number,
  reasons: string[],
): Core[] {
  let chosen: Core[];
  if (topo.l3.length > 1) {
    const groups = new Map<number, Core[]>();
    for (const c of pool) groups.set(c.l3 ?? -1, [...(groups.get(c.l3 ?? -1) ?? []), c]);
    const hasCpu0 = (g: number) => g === hostCore.l3;
    const order = [...groups.entries()].sort(
      ([ga, a], [gb, b]) =>
        Number(hasCpu0(ga)) - Number(hasCpu0(gb)) || b.length - a.length || a[0].cpus[0] - b[0].cpus[0],
    );
    const one = [...groups.entries()]
      .filter(([, cs]) => cs.length >= guestCores)
      .sort(
        ([ga, a], [gb, b]) => Number(hasCpu0(ga)) - Number(hasCpu0(gb)) || a[0].cpus[0] - b[0].cpus[0],
      )[0];
    const l3Name = (g: number) => `L3 ${formatCpuList(topo.l3[g] ?? [])}`;
    if (one) {
      chosen = one[1].slice(0, guestCores);
      reasons.push(
        `${l3Name(one[0])}: all ${guestCores} guest cores share one L3 (one CCX)${hasCpu0(one[0]) ? '' : `, not the one CPU ${cpu0} uses`}`,
      );
    } else {
      chosen = order.flatMap(([, cs]) => cs).slice(0, guestCores);
      const used = order.filter(([, cs]) => cs.some((c) => chosen.includes(c))).map(([g]) => g);
      reasons.push(
        `no L3 group has ${guestCores} free cores: the guest spans ${used.map(l3Name).join(', ')} (its caches are not shared across them)`,
      );
    }
  } else {
    chosen = pool.slice(0, guestCores);
    reasons.push(
      topo.l3.length === 1
        ? 'one L3 shared by every CPU: no cache grouping to respect'
        : 'L3 sharing unknown: cache grouping not considered',
    );
  }
  return chosen;
}

/**
 * The chosen cores' threads for the vCPUs, the host's CPUs (those in the vCPUs' node first) for
 * the emulator and I/O threads, and the advice that keeps host work off the guest's CPUs.
 */
function placeThreads(
  topo: CpuTopology,
  chosen: Core[],
  req: PinningRequest,
  reasons: string[],
): PinningPlan {
  const nodes = topo.nodes;
  const vcpus: string[] = [];
  for (const core of chosen) for (let t = 0; t < req.threads; t++) vcpus.push(String(core.cpus[t]));
  const guestSet = new Set(chosen.flatMap((c) => c.cpus));
  const guestNodes = new Set(chosen.map((c) => c.node));
  const hostAll = topo.cpus.map((c) => c.cpu).filter((c) => !guestSet.has(c));
  const hostLocal = topo.cpus
    .filter((c: HostCpu) => !guestSet.has(c.cpu) && (nodes.length < 2 || guestNodes.has(c.node)))
    .map((c) => c.cpu);
  const housekeeping = formatCpuList(hostLocal.length ? hostLocal : hostAll);
  reasons.push(
    `emulator${req.iothreads ? ' and I/O threads' : ''} on the host's CPUs ${housekeeping}${nodes.length > 1 ? " in the vCPUs' node" : ''}: they run rarely and must not take a vCPU's time`,
  );

  const guestList = formatCpuList([...guestSet]);
  const hostList = formatCpuList(hostAll);
  const advice = [
    `keep host work off the guest's CPUs while it runs (cgroup v2, no reboot): systemctl set-property --runtime system.slice AllowedCPUs=${hostList}; the same for user.slice and init.scope; undo with AllowedCPUs= (empty)`,
    `or for good, on the kernel command line: isolcpus=managed_irq,domain,${guestList} nohz_full=${guestList} rcu_nocbs=${guestList} (nohz_full needs CONFIG_NO_HZ_FULL, rcu_nocbs CONFIG_RCU_NOCB_CPU; isolated CPUs are unused by the host even when the VM is off)`,
  ];
  return {
    vcpus,
    emulator: housekeeping,
    iothreads: Array.from({ length: req.iothreads }, () => housekeeping),
    guestCpus: guestList,
    hostCpus: hostList,
    reasons,
    advice,
  };
}
