/**
 * A host with hugepage pools for the hugepages tests: the lab's desktop snapshot (a real kernel's
 * /sys, with its 2 MiB and 1 GiB pools, all counts 0, and its /proc/meminfo) over the binding
 * engine's simulated sysfs (fake-sysfs.ts), extended with the pools' files and the kernel's rules
 * for them. A mock, because a unit test cannot resize a kernel's pool; the lab
 * (test/lab/hugepages.test.ts) runs the same plans against the real one.
 *
 * The rules, from mm/hugetlb.c (Linux 6.1: set_max_huge_pages, __nr_hugepages_store_common,
 * hugetlb_sysfs) and Documentation/admin-guide/mm/hugetlbpage.rst:
 * - nr_hugepages reads every page of the pool, surplus ones included; free_hugepages counts the
 *   pages not faulted in, reserved ones included; resv_hugepages exists only globally; a node has
 *   nr_hugepages, free_hugepages and surplus_hugepages.
 * - writing N (kstrtoul: decimal, one trailing newline; else EINVAL) sets the persistent pool
 *   (nr − surplus) to N: surplus pages become persistent first, then fresh pages are allocated
 *   until N or until the allocator finds no more (the write still succeeds). A gigantic size on a
 *   kernel without CONFIG_CONTIG_ALLOC refuses any increase with EINVAL.
 * - shrinking frees free pages but keeps enough for the reservations (min_count = resv + nr −
 *   free), then turns pages in use into surplus ones.
 * - a node's file sets that node's share: the global target is N plus the other nodes' persistent
 *   pages, and pages are allocated and freed on that node only.
 * How many pages the allocator can still find on each node is the test's knob (`room`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SysfsWriteResult } from '../../src/host/sysfs-io.js';
import { AttrFakeSysfs } from './attr-fake-sysfs.js';
import { type FakeHost, fakeHost } from './fake-sysfs.js';

export const POOLS = '/sys/kernel/mm/hugepages';
export const POOL_2M = `${POOLS}/hugepages-2048kB`;
export const POOL_1G = `${POOLS}/hugepages-1048576kB`;

interface NodePool {
  nr: number;
  free: number;
  surplus: number;
  /** Fresh pages the allocator can still find on this node. */
  room: number;
}

export interface PoolState {
  /** Per node (index = node id). */
  nodes: NodePool[];
  resv: number;
  overcommit: number;
}

export interface PoolSetup {
  /** Pages per node: nr, free, surplus, room; missing fields 0. */
  nodes?: Partial<NodePool>[];
  resv?: number;
}

const PATH =
  /^\/sys\/(?:kernel\/mm\/hugepages|devices\/system\/node\/node(\d+)\/hugepages)\/hugepages-(\d+)kB\/nr_hugepages$/;

export class HugepageFakeSysfs extends AttrFakeSysfs {
  readonly pools = new Map<number, PoolState>();
  /** Sizes whose pool cannot grow at run time (gigantic pages without CONFIG_CONTIG_ALLOC). */
  readonly fixedSizes = new Set<number>();
  /** Whether the tree has per-node directories (a NUMA machine). */
  numa = false;

  /** Set a pool's state and write its files (and the node directories when numa). */
  setPool(kb: number, s: PoolSetup): void {
    const nodes = (s.nodes ?? [{}]).map((n) => ({
      nr: n.nr ?? 0,
      free: n.free ?? 0,
      surplus: n.surplus ?? 0,
      room: n.room ?? 0,
    }));
    this.pools.set(kb, { nodes, resv: s.resv ?? 0, overcommit: 0 });
    this.flush(kb);
  }

  pool(kb: number): PoolState {
    const p = this.pools.get(kb);
    if (!p) throw new Error(`no ${kb} kB pool set up`);
    return p;
  }

  /** The global counts as the kernel sums them. */
  totals(kb: number): { nr: number; free: number; surplus: number; resv: number } {
    const p = this.pool(kb);
    const sum = (k: 'nr' | 'free' | 'surplus') => p.nodes.reduce((a, n) => a + n[k], 0);
    return { nr: sum('nr'), free: sum('free'), surplus: sum('surplus'), resv: p.resv };
  }

  private flush(kb: number): void {
    const p = this.pool(kb);
    const t = this.totals(kb);
    const put = (dir: string, name: string, v: number) => {
      fs.mkdirSync(path.join(this.dir, dir), { recursive: true });
      fs.writeFileSync(path.join(this.dir, dir, name), `${v}\n`);
    };
    const g = `${POOLS}/hugepages-${kb}kB`;
    put(g, 'nr_hugepages', t.nr);
    put(g, 'free_hugepages', t.free);
    put(g, 'surplus_hugepages', t.surplus);
    put(g, 'resv_hugepages', t.resv);
    put(g, 'nr_overcommit_hugepages', p.overcommit);
    if (!this.numa) return;
    p.nodes.forEach((n, i) => {
      const d = `/sys/devices/system/node/node${i}/hugepages/hugepages-${kb}kB`;
      put(d, 'nr_hugepages', n.nr);
      put(d, 'free_hugepages', n.free);
      put(d, 'surplus_hugepages', n.surplus);
    });
  }

  override async write(
    hostPath: string,
    value: string,
    opts: { timeoutMs: number; mayBlock: boolean },
  ): Promise<SysfsWriteResult> {
    const m = PATH.exec(hostPath);
    if (!m) return super.write(hostPath, value, opts);
    const failed = this.injected(hostPath, value, opts.timeoutMs);
    if (failed) return failed;
    const kb = Number(m[2]);
    const node = m[1] === undefined ? undefined : Number(m[1]);
    if (!this.pools.has(kb) || (node !== undefined && (!this.numa || node >= this.pool(kb).nodes.length)))
      return { ok: false, error: 'ENOENT' };
    const t = value.replace(/\n$/, '');
    if (!/^\d+$/.test(t)) return { ok: false, error: 'EINVAL' };
    const err = this.resize(kb, Number(t), node);
    if (err) return { ok: false, error: err };
    this.flush(kb);
    return { ok: true };
  }

  private resize(kb: number, count: number, nid: number | undefined): string | undefined {
    const p = this.pool(kb);
    const nodes = nid === undefined ? p.nodes.map((_, i) => i) : [nid];
    const persistent = () => p.nodes.reduce((a, n) => a + n.nr - n.surplus, 0);
    const t = () => this.totals(kb);
    let target = count;
    if (nid !== undefined) {
      const mine = p.nodes[nid];
      target = count + persistent() - (mine.nr - mine.surplus);
    }
    if (this.fixedSizes.has(kb) && target > persistent()) return 'EINVAL';
    // Increase: surplus pages become persistent first, then fresh pages, node by node.
    while (target > persistent()) {
      const s = nodes.find((i) => p.nodes[i].surplus > 0);
      if (s === undefined) break;
      p.nodes[s].surplus--;
    }
    while (target > persistent()) {
      const i = nodes.find((x) => p.nodes[x].room > 0);
      if (i === undefined) break;
      p.nodes[i].room--;
      p.nodes[i].nr++;
      p.nodes[i].free++;
    }
    // Decrease: free pages go (reservations kept), then pages in use become surplus.
    const minCount = Math.max(target, t().resv + t().nr - t().free);
    while (minCount < persistent()) {
      const i = nodes.find((x) => p.nodes[x].free > 0);
      if (i === undefined || t().free <= t().resv) break;
      p.nodes[i].free--;
      p.nodes[i].nr--;
      p.nodes[i].room++;
    }
    while (target < persistent()) {
      const i = nodes.find((x) => p.nodes[x].nr - p.nodes[x].surplus > p.nodes[x].free);
      if (i === undefined) break;
      p.nodes[i].surplus++;
    }
    return undefined;
  }

  /** A program faults pages in (they stop being free), e.g. a guest that starts. */
  use(kb: number, pages: number, node = 0): void {
    const n = this.pool(kb).nodes[node];
    if (n.free < pages) throw new Error('not that many free pages');
    n.free -= pages;
    this.flush(kb);
  }

  /** A program lets its pages go: surplus ones return to the system, the others become free. */
  letGo(kb: number, pages: number, node = 0): void {
    const n = this.pool(kb).nodes[node];
    for (let k = 0; k < pages; k++) {
      if (n.surplus > 0) {
        n.surplus--;
        n.nr--;
        n.room++;
      } else n.free++;
    }
    this.flush(kb);
  }
}

export interface HugepageHost extends FakeHost {
  fake: HugepageFakeSysfs;
}

/**
 * The lab desktop snapshot with both pools set (2 MiB: room pages on node 0; 1 GiB: none free and
 * no room). numa: per-node directories for `nodes` nodes.
 */
export function hugepageHost(
  opts: { pool2M?: PoolSetup; pool1G?: PoolSetup; numa?: boolean } = {},
): HugepageHost {
  let made: HugepageFakeSysfs | undefined;
  const base = fakeHost('desktop', { make: (dir) => (made = new HugepageFakeSysfs(dir)) });
  const fake = made as HugepageFakeSysfs;
  fake.numa = opts.numa ?? false;
  fake.setPool(2048, opts.pool2M ?? { nodes: [{ room: 256 }] });
  fake.setPool(1048576, opts.pool1G ?? { nodes: [{}] });
  return { ...base, fake };
}
