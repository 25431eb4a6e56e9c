/** The host's CPU topology as records (host/cpu-topology.ts reads it from /sys/devices/system). */

export interface HostCpu {
  cpu: number;
  package: number;
  die?: number;
  coreId: number;
  /** The CPUs of this CPU's core (itself included), ascending. */
  siblings: number[];
  /** Index into CpuTopology.l3 of the L3 this CPU shares, when the caches are described. */
  l3?: number;
  node?: number;
}

export interface CpuTopology {
  cpus: HostCpu[];
  /** L3 groups (each ascending), ordered by their first CPU. */
  l3: number[][];
  /** NUMA nodes with CPUs; empty when the kernel shows no node directory. */
  nodes: { id: number; cpus: number[] }[];
  /** What was missing without making the topology unusable (no cache info, no nodes). */
  notes: string[];
}
