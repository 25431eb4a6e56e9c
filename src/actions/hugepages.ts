/**
 * Hugepages for a VM's RAM: how many pages of which size the guest needs, how many the kernel's
 * pool must gain for that, and a plan that raises the pool, checks that the pages are really free,
 * and is undone (the pool back to its old size) when they are not.
 *
 * The kernel's rules (Documentation/admin-guide/mm/hugetlbpage.rst; mm/hugetlb.c
 * set_max_huge_pages, Linux 6.1):
 * - each supported page size has a pool, /sys/kernel/mm/hugepages/hugepages-<size>kB, with
 *   nr_hugepages (every page of the pool, surplus ones included), free_hugepages (not yet
 *   faulted into a mapping), resv_hugepages (promised to a mapping that has not faulted them in
 *   yet: counted in free_hugepages but not available to anyone else) and surplus_hugepages (pages
 *   above the persistent count, allocated through nr_overcommit_hugepages or left over when the
 *   pool was shrunk while they were in use);
 * - on a NUMA machine each node has the same pool per size under
 *   /sys/devices/system/node/nodeN/hugepages/hugepages-<size>kB, with nr_hugepages,
 *   free_hugepages and surplus_hugepages only (reservations are global);
 * - writing N to nr_hugepages makes the persistent pool N pages: surplus pages are turned into
 *   persistent ones first, then fresh pages are allocated one by one until N is reached, the
 *   allocator gives up, or the writer gets a signal. The write succeeds however many pages were
 *   found; reading nr_hugepages back is the only way to know. Gigantic pages (1 GiB on x86) need
 *   a contiguous gigabyte, which a running machine rarely has (a kernel built without
 *   CONFIG_CONTIG_ALLOC refuses with EINVAL); they are reliably had only from the kernel command
 *   line (`hugepagesz=1G hugepages=N`);
 * - shrinking the pool frees free pages (keeping the reserved ones) and turns pages in use into
 *   surplus, given back to the system as their users let go.
 *
 * So the plan writes nr_hugepages = its current value + the pages missing (surplus pages count in
 * the current value, so turning them persistent adds no free page and the pages missing are all
 * freshly allocated), then verifies free − reserved ≥ the need. Undo, and giving the pages back
 * later (`--release`), take the pages added off the count found then, never below the pages in use
 * or reserved (attr-exec.ts): on a pool nobody else touched the fresh pages are all free, so the
 * pool frees exactly them, and nr_hugepages and free_hugepages read as before. Surplus pages that were there stay persistent (the kernel turned
 * them so on the raise, and no write can turn a page back into surplus while the pool holds as
 * many pages as it did); the plan says so in its notes.
 *
 * No /proc/sys/vm/compact_memory before raising: the pool's allocations are made with
 * __GFP_RETRY_MAYFAIL (mm/hugetlb.c alloc_buddy_hugetlb_folio / htlb_alloc_mask), under which the
 * page allocator already reclaims and compacts for each 2 MiB page before it gives up, and
 * gigantic pages come from alloc_contig_pages, which migrates what is in the way itself. A
 * compaction of every zone first would cost its time on every `up` and buy a page the
 * allocator's own compaction would not find.
 *
 * Overcommit (nr_overcommit_hugepages) is not counted on: surplus pages are allocated when QEMU
 * maps its memory, from whatever memory is then free, so a guest that fits only with them may
 * fail at start; the persistent pages verified here are there before QEMU starts.
 */
import * as v from 'valibot';
import { VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';
import type { SysfsIo } from '../host/sysfs-io.js';
import { formatBytes } from '../readiness/memory-size.js';
import { type HugepagesRecordJson, hugepagesRecordJson } from '../schema/outputs/hugepages-record.js';
import { parseCpuinfo, parseMeminfo } from '../system/host-facts.js';
import type { VmModel } from '../vm/model.js';
import { RUN_DIR } from './lock.js';
import type { AttrStep, FileStep, Plan, VerifyStep } from './plan.js';

export const HUGEPAGES_DIR = '/sys/kernel/mm/hugepages';
export const NODE_DIR = '/sys/devices/system/node';

/** What a guest needs from one hugepage pool. */
export interface HugepageNeed {
  /** Page size in KiB, as the kernel names the pool (2048, 1048576). */
  pageSizeKb: number;
  /** Pages that must be free (not reserved) when QEMU starts. */
  pages: number;
  /** The NUMA node the guest's memory is bound to, when it is bound to one. */
  node?: number;
  /** The guest RAM the pages back. */
  memoryBytes: number;
}

/** One pool as read: the global one, or a node's. */
export interface HugepagePool {
  pageSizeKb: number;
  /** The pool's sysfs directory. */
  dir: string;
  node?: number;
  /** nr_hugepages: every page of the pool (surplus ones included). */
  nr: number;
  free: number;
  /** resv_hugepages of the size (global: nodes have no such file). */
  resv: number;
  surplus: number;
}

/** What the plan raises, and what gives the pages back. */
export interface HugepageRaise {
  /** The nr_hugepages file written. */
  path: string;
  /** nr_hugepages as read before the raise: what undo writes back. */
  before: number;
  /** surplus_hugepages before the raise (they become persistent pages). */
  surplusBefore: number;
  /** The value written. */
  to: number;
}

export interface HugepagePlan {
  need: HugepageNeed;
  pool: HugepagePool;
  /** Pages usable by the guest now: free − reserved (never below 0). */
  available: number;
  /** Pages the pool must gain (0: enough are free already). */
  add: number;
  /** The raise, when one is needed. */
  raise?: HugepageRaise;
  /** Raise (when needed), then verify. */
  plan: Plan;
  /** Facts worth telling the user that do not stop the plan. */
  notes: string[];
}

const KB = 1024;
const sizeName = (kb: number) => formatBytes(kb * KB);
/** The kernel command line's name of a size: hugepagesz=2M, hugepagesz=1G. */
const cmdlineSize = (kb: number) =>
  kb % (1024 * 1024) === 0 ? `${kb / (1024 * 1024)}G` : kb % 1024 === 0 ? `${kb / 1024}M` : `${kb}K`;

const refuse = (message: string, hint?: string, code = 'hugepages.unknown') =>
  new VfiokitError(message, { ...(hint ? { hint } : {}), code });

/**
 * The pages a VM model needs: its RAM in pages of its hugepage size, or undefined when its RAM is
 * ordinary memory. `node`: the host node the guest's memory is bound to, when the caller binds
 * it (the QEMU line and domain XML vfiokit writes bind none: the kernel then takes pages from
 * any node, so the global pool is what counts).
 */
export function hugepageNeed(
  model: Pick<VmModel, 'memoryBytes' | 'hugepageBytes'>,
  opts: { node?: number } = {},
): HugepageNeed | undefined {
  if (!model.hugepageBytes) return undefined;
  const page = model.hugepageBytes;
  if (!Number.isSafeInteger(page) || page <= 0 || page % KB !== 0)
    throw refuse(`hugepage size ${page} bytes is not a whole number of KiB`, undefined, 'hugepages.size');
  if (!Number.isSafeInteger(model.memoryBytes) || model.memoryBytes <= 0)
    throw refuse(`guest memory ${model.memoryBytes} bytes is not a size`, undefined, 'hugepages.size');
  // A hugetlb file's size must be a multiple of its page size (fs/hugetlbfs/inode.c
  // hugetlbfs_setattr: EINVAL), so QEMU could not size the guest's RAM otherwise.
  if (model.memoryBytes % page !== 0)
    throw refuse(
      `memory ${formatBytes(model.memoryBytes)} is not a whole number of ${formatBytes(page)} hugepages`,
      `make memory a multiple of ${formatBytes(page)}`,
      'hugepages.size',
    );
  if (opts.node !== undefined && (!Number.isSafeInteger(opts.node) || opts.node < 0))
    throw refuse(`NUMA node ${opts.node} is not a node number`, undefined, 'hugepages.node');
  return {
    pageSizeKb: page / KB,
    pages: model.memoryBytes / page,
    ...(opts.node !== undefined ? { node: opts.node } : {}),
    memoryBytes: model.memoryBytes,
  };
}

/** A count as sysfs prints it ("12\n"); anything else is refused with the file named. */
function count(text: string | null | undefined, file: string): number {
  if (text === undefined || text === null)
    throw refuse(`${file} is missing: cannot tell how many hugepages there are`);
  const t = text.trimEnd();
  if (!/^\d{1,15}$/.test(t))
    throw refuse(
      `${file} reads ${JSON.stringify(t.slice(0, 40))}, not a page count: cannot plan hugepages from it`,
    );
  return Number(t);
}

function readCount(root: HostRoot, file: string): number {
  let t: string | undefined;
  try {
    t = root.readAttr(file);
  } catch (e) {
    throw refuse(`${file} is unreadable (${(e as Error).message}): cannot plan hugepages without it`);
  }
  return count(t, file);
}

/** Why a size has no pool on this host, as precisely as the host lets us say. */
function noPool(root: HostRoot, kb: number, pages: number): VfiokitError {
  const sizes = root
    .list(HUGEPAGES_DIR)
    .map((d) => /^hugepages-(\d+)kB$/.exec(d)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((s) => sizeName(Number(s)));
  if (!root.isDir(HUGEPAGES_DIR))
    return refuse(
      `this kernel has no hugepages (${HUGEPAGES_DIR} is absent: built without CONFIG_HUGETLBFS)`,
      'use a kernel with hugetlbfs, or drop hugepages from the spec',
      'hugepages.unsupported',
    );
  const offered = sizes.length ? `it offers ${sizes.join(', ')}` : 'it offers none';
  // x86 has 1 GiB pages only with the pdpe1gb CPU flag (arch/x86/mm/hugetlbpage.c); with the flag,
  // the kernel makes the pool at run time only when built with CONFIG_CONTIG_ALLOC, and always
  // when hugepagesz=1G is on its command line.
  if (kb === 1024 * 1024) {
    let flags: Set<string> | undefined;
    try {
      const text = root.readText('/proc/cpuinfo', 4 * 1024 * 1024);
      if (text !== undefined && /^flags\s*:/m.test(text)) flags = parseCpuinfo(text)?.flags;
    } catch {}
    if (flags && !flags.has('pdpe1gb'))
      return refuse(
        `this CPU has no 1 GiB pages (no pdpe1gb in /proc/cpuinfo flags); ${offered}`,
        'use hugepages: 2M in the spec',
        'hugepages.unsupported',
      );
    return refuse(
      `this kernel has no 1 GiB hugepage pool (${HUGEPAGES_DIR}/hugepages-1048576kB is absent); ${offered}`,
      `add hugepagesz=1G hugepages=${pages} to the kernel command line and reboot`,
      'hugepages.unsupported',
    );
  }
  return refuse(
    `this kernel has no ${sizeName(kb)} hugepage pool (${HUGEPAGES_DIR}/hugepages-${kb}kB is absent); ${offered}`,
    'use a page size the host offers',
    'hugepages.unsupported',
  );
}

/** Read the pool the need draws from: the global one, or the node's. */
export function readHugepagePool(
  root: HostRoot,
  need: Pick<HugepageNeed, 'pageSizeKb' | 'pages' | 'node'>,
): HugepagePool {
  const kb = need.pageSizeKb;
  const global = `${HUGEPAGES_DIR}/hugepages-${kb}kB`;
  if (!root.isDir(global)) throw noPool(root, kb, need.pages);
  const resv = readCount(root, `${global}/resv_hugepages`);
  let dir = global;
  if (need.node !== undefined) {
    const nodeDir = `${NODE_DIR}/node${need.node}`;
    if (!root.isDir(nodeDir))
      throw refuse(
        `there is no NUMA node ${need.node} (${nodeDir} is absent)`,
        `the host's nodes: ${
          root
            .list(NODE_DIR)
            .filter((n) => /^node\d+$/.test(n))
            .join(', ') || 'none listed'
        }`,
        'hugepages.node',
      );
    dir = `${nodeDir}/hugepages/hugepages-${kb}kB`;
    if (!root.isDir(dir))
      throw refuse(
        `${dir} is absent: this kernel keeps no ${sizeName(kb)} pool per node`,
        undefined,
        'hugepages.node',
      );
  }
  const nr = readCount(root, `${dir}/nr_hugepages`);
  const free = readCount(root, `${dir}/free_hugepages`);
  const surplus = readCount(root, `${dir}/surplus_hugepages`);
  // Each is read on its own, so a pool changing meanwhile can read inconsistently; a plan from
  // such numbers could be wrong either way.
  if (free > nr || surplus > nr || (need.node === undefined && resv > free))
    throw refuse(
      `${dir} reads inconsistently (nr_hugepages ${nr}, free_hugepages ${free}, surplus_hugepages ${surplus}, resv_hugepages ${resv})`,
      'the pool changed while it was read (another program resizing it?); run the command again',
    );
  return {
    pageSizeKb: kb,
    dir,
    ...(need.node !== undefined ? { node: need.node } : {}),
    nr,
    free,
    resv,
    surplus,
  };
}

/**
 * Pages of the pool the guest can take. Reservations are global, and a reserved page may be
 * taken on any node, so on a node every reserved page is counted against that node's free
 * ones: never more than is sure to be there.
 */
const usable = (free: number, resv: number) => Math.max(0, free - resv);

/** The reason a raise fell short, from the pool as read after it. */
function shortfall(
  need: HugepageNeed,
  raise: HugepageRaise | undefined,
  nrNow: number,
  free: number,
  resv: number,
): VfiokitError {
  const size = sizeName(need.pageSizeKb);
  const where = need.node !== undefined ? ` on node ${need.node}` : '';
  const have = `${usable(free, resv)} of the ${need.pages} ${size} pages the guest needs are free${where} (free_hugepages ${free}, ${resv} reserved)`;
  const boot = `hugepagesz=${cmdlineSize(need.pageSizeKb)} hugepages=${need.pages}`;
  if (raise && nrNow < raise.to) {
    const got = Math.max(0, nrNow - raise.before);
    const gigantic = need.pageSizeKb >= 1024 * 1024;
    return new VfiokitError(
      `the kernel gave ${got} of the ${raise.to - raise.before} ${size} pages asked (nr_hugepages ${nrNow} after writing ${raise.to}): ${
        gigantic
          ? 'a 1 GiB page needs a free, contiguous gigabyte, which a running host seldom has'
          : `not enough free memory in contiguous ${size} blocks (fragmented, or in use)`
      }; ${have}`,
      {
        hint: gigantic
          ? `reserve them at boot: add ${boot} to the kernel command line and reboot`
          : `free memory (stop programs, drop the page cache: echo 3 > /proc/sys/vm/drop_caches) and try again, or reserve them at boot with ${boot}`,
        code: 'hugepages.short',
      },
    );
  }
  return new VfiokitError(`${have}: another program took pages from the pool meanwhile`, {
    hint: 'see who maps hugepages (grep -l huge /proc/*/numa_maps) and run the command again',
    code: 'hugepages.taken',
  });
}

/** Refuses a need larger than the host's MemTotal; notes when /proc/meminfo cannot be read. */
function refuseMoreThanMemory(need: HugepageNeed, host: HostRoot, notes: string[]): void {
  let memTotalKb: number | undefined;
  try {
    const mi = host.readText('/proc/meminfo', 1024 * 1024);
    memTotalKb = mi === undefined ? undefined : parseMeminfo(mi).get('MemTotal');
  } catch {}
  if (memTotalKb !== undefined && need.pages * need.pageSizeKb > memTotalKb)
    throw new VfiokitError(
      `the guest's ${formatBytes(need.memoryBytes)} of ${sizeName(need.pageSizeKb)} pages is more than this host's memory (MemTotal ${formatBytes(memTotalKb * KB)})`,
      { hint: 'give the guest less memory', code: 'hugepages.too-much' },
    );
  if (memTotalKb === undefined)
    notes.push('/proc/meminfo unreadable: the size of host memory was not checked');
}

/**
 * The plan for a need on this host: raise nr_hugepages by the pages missing (journaled; undo
 * takes the pages added back off), then verify that the pages are free. Refuses, with the
 * reason, when the pool cannot be read, the size is not offered, or the guest asks for more than
 * the machine has.
 */
export function planHugepages(need: HugepageNeed, host: HostRoot): HugepagePlan {
  if (!Number.isSafeInteger(need.pages) || need.pages <= 0)
    throw refuse(`${need.pages} hugepages is not a page count`, undefined, 'hugepages.size');
  const pool = readHugepagePool(host, need);
  const notes: string[] = [];
  const kb = need.pageSizeKb;
  const size = sizeName(kb);

  refuseMoreThanMemory(need, host, notes);

  const available = usable(pool.free, pool.resv);
  const add = Math.max(0, need.pages - available);
  const steps: Plan['steps'] = [];
  let raise: HugepageRaise | undefined;
  const nrPath = `${pool.dir}/nr_hugepages`;
  if (add > 0) {
    raise = { path: nrPath, before: pool.nr, surplusBefore: pool.surplus, to: pool.nr + add };
    const step: AttrStep = {
      kind: 'attr',
      path: nrPath,
      value: String(raise.to),
      why: `${add} more ${size} pages for the guest's ${formatBytes(need.memoryBytes)} (${available} usable now, ${need.pages} needed)`,
      state: { path: nrPath, read: 'text' },
      expectBefore: String(pool.nr),
      // The kernel may grant fewer pages than written and still succeed: the verify step judges.
      undo: { path: nrPath, value: String(raise.before) },
      // Undo gives back what this raise added, from the count at undo: another VM may have raised
      // the pool meanwhile, and its pages must stay (an absolute old value would take them).
      undoRelative: {
        add,
        free: `${pool.dir}/free_hugepages`,
        resv: `${HUGEPAGES_DIR}/hugepages-${kb}kB/resv_hugepages`,
      },
      // Allocating pages compacts and reclaims memory: seconds for gigabytes, more for 1 GiB pages.
      mayBlock: true,
    };
    steps.push(step);
    if (pool.surplus > 0)
      notes.push(
        `the pool's ${pool.surplus} surplus pages become persistent when it is raised (the kernel's order); giving the pages back leaves them in the pool (nr_hugepages ${pool.nr} as before, surplus_hugepages 0)`,
      );
  } else {
    notes.push(
      `${available} ${size} pages are free${pool.node !== undefined ? ` on node ${pool.node}` : ''}: enough, the pool is not raised`,
    );
  }
  steps.push(verifyStep(need, pool.dir, raise));
  if (kb >= 1024 * 1024 && add > 0)
    notes.push(
      `1 GiB pages are seldom found on a running host; reserving them at boot (hugepagesz=1G hugepages=${need.pages}) is the reliable way`,
    );
  notes.push(...mountNotes(host, kb));
  return { need, pool, available, add, ...(raise ? { raise } : {}), plan: { steps }, notes };
}

/** The step that reads the pool after the raise and fails, with the reason, when it falls short. */
function verifyStep(need: HugepageNeed, dir: string, raise: HugepageRaise | undefined): VerifyStep {
  const globalDir = `${HUGEPAGES_DIR}/hugepages-${need.pageSizeKb}kB`;
  const reads = [`${dir}/nr_hugepages`, `${dir}/free_hugepages`, `${globalDir}/resv_hugepages`];
  return {
    kind: 'verify',
    what: `${sizeName(need.pageSizeKb)} hugepages free${need.node !== undefined ? ` on node ${need.node}` : ''}: ${need.pages} needed (free_hugepages − resv_hugepages)`,
    why: 'the kernel may grant fewer pages than nr_hugepages asks for and still report success',
    reads,
    check: (io: SysfsIo) => {
      let nr: number;
      let free: number;
      let resv: number;
      try {
        if (!io.attrState) throw new Error('this sysfs access cannot read attributes');
        nr = count(io.attrState(reads[0], 'text'), reads[0]);
        free = count(io.attrState(reads[1], 'text'), reads[1]);
        resv = count(io.attrState(reads[2], 'text'), reads[2]);
      } catch (e) {
        return e instanceof VfiokitError
          ? new VfiokitError(`cannot verify the hugepages: ${e.message}`, { code: 'hugepages.unknown' })
          : new VfiokitError(`cannot verify the hugepages: ${(e as Error).message}`, {
              code: 'hugepages.unknown',
            });
      }
      return usable(free, resv) >= need.pages ? undefined : shortfall(need, raise, nr, free, resv);
    },
  };
}

/**
 * hugetlbfs mounts of the size. QEMU's memory-backend-memfd (hugetlb=on, the line vfiokit writes)
 * needs none: memfd_create(MFD_HUGETLB) uses the kernel's internal mount of each size. libvirt
 * maps guest RAM through a mounted hugetlbfs of the page size (qemu.conf hugetlbfs_mount, else
 * what it finds in /proc/mounts), so a domain fails to start without one.
 */
function mountNotes(host: HostRoot, kb: number): string[] {
  let mounts: string | undefined;
  try {
    mounts = host.readText('/proc/mounts', 4 * 1024 * 1024);
  } catch {}
  if (mounts === undefined)
    return ['/proc/mounts unreadable: hugetlbfs mounts not checked (libvirt needs one)'];
  const defaultKb = (() => {
    try {
      const mi = host.readText('/proc/meminfo', 1024 * 1024);
      return mi === undefined ? undefined : parseMeminfo(mi).get('Hugepagesize');
    } catch {
      return undefined;
    }
  })();
  const mine = mounts
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[2] === 'hugetlbfs')
    .filter((f) => {
      const ps = /(?:^|,)pagesize=(\d+)([KMG])(?:,|$)/.exec(f[3] ?? '');
      if (!ps) return defaultKb === kb;
      return Number(ps[1]) * { K: 1, M: 1024, G: 1024 * 1024 }[ps[2] as 'K' | 'M' | 'G'] === kb;
    })
    .map((f) => f[1]);
  if (mine.length) return [];
  return [
    `no hugetlbfs of ${sizeName(kb)} pages is mounted: QEMU's memory-backend-memfd needs none; libvirt does (mount -t hugetlbfs -o pagesize=${cmdlineSize(kb)} none /dev/hugepages${kb === defaultKb ? '' : cmdlineSize(kb)})`,
  ];
}

/**
 * Giving the pages back outside the run that raised them (the raise's own undo does it when the
 * run fails): the pages raised (`added`) taken off the count found when the step runs, never
 * below the pages in use or reserved, as `up`'s undo does (attr-exec.ts givePagesBack). Writing
 * the old count back instead would take the pages another consumer raised since (another VM's
 * `up`, another `vfiokit hugepages`), and turn pages in use into surplus ones. Undoing the step
 * writes the count found back.
 */
export function planHugepageRelease(
  raise: HugepageRaise,
  host: HostRoot,
  added = raise.to - raise.before,
): Plan {
  const now = readCount(host, raise.path);
  const dir = raise.path.slice(0, raise.path.lastIndexOf('/'));
  const kb = /\/hugepages-(\d+)kB\/nr_hugepages$/.exec(raise.path)?.[1];
  const giveBack = {
    add: added,
    free: `${dir}/free_hugepages`,
    resv: `${HUGEPAGES_DIR}/hugepages-${kb}kB/resv_hugepages`,
  };
  // The value as the pool reads now (the step works it out again when it runs).
  let inUse = 0;
  try {
    inUse = Math.max(0, now - readCount(host, giveBack.free) + readCount(host, giveBack.resv));
  } catch {
    // Not known now: the step reads the counts again, and gives the pages back all the same.
  }
  const target = Math.min(now, Math.max(now - added, inUse));
  return {
    steps: [
      {
        kind: 'attr',
        path: raise.path,
        value: String(target),
        why: `give back the ${added} hugepages raised for the guest (nr_hugepages ${now} now; pages another guest raised or holds stay)`,
        state: { path: raise.path, read: 'text' },
        expectBefore: String(now),
        undo: { path: raise.path, value: String(now) },
        giveBack,
        mayBlock: true,
      },
    ],
  };
}

/** What `vfiokit hugepages SPEC` raised for a VM, kept for `--release` (docs/json.md). */
export type HugepagesRecord = HugepagesRecordJson;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function hugepageRecordPath(name: string): string {
  if (!NAME.test(name))
    throw refuse(`${JSON.stringify(name.slice(0, 70))} is not a VM name`, undefined, 'hugepages.record');
  return `${RUN_DIR}/hugepages-${name}.json`;
}

/** The VM's record, if any; a damaged one is refused, never overwritten. */
export function readHugepageRecord(
  root: HostRoot,
  name: string,
): { record: HugepagesRecord; bytes: Uint8Array } | undefined {
  const file = hugepageRecordPath(name);
  const bytes = root.readBytes(file, 64 * 1024);
  if (bytes === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    doc = undefined;
  }
  const r = v.safeParse(hugepagesRecordJson, doc);
  if (!r.success || r.output.name !== name || !POOL_FILE.test(r.output.raise.path))
    throw refuse(
      `${file} is not a vfiokit hugepages record`,
      `check it, or remove it to forget that raise`,
      'hugepages.record',
    );
  return { record: r.output, bytes };
}

/** A pool's nr_hugepages file, and nothing else, may be named by a record (it is written as root). */
const POOL_FILE =
  /^\/sys\/(?:kernel\/mm\/hugepages|devices\/system\/node\/node\d+\/hugepages)\/hugepages-\d+kB\/nr_hugepages$/;

const enc = new TextEncoder();

/**
 * The step that keeps the raise in the VM's record, for giving it back later (`--release`). A
 * record already there (raised before, not given back) keeps its first `before`: giving back
 * returns the pool to where it was before vfiokit touched it.
 */
export function hugepageRecordStep(root: HostRoot, name: string, hp: HugepagePlan): FileStep | undefined {
  if (!hp.raise) return undefined;
  const old = readHugepageRecord(root, name);
  const first = old && old.record.raise.path === hp.raise.path ? old.record.raise : undefined;
  // Every raise for the VM adds to what giving back takes off (its pages are counted free by the
  // next raise, so each raise adds only what was missing then).
  const added = (first ? (first.added ?? first.to - first.before) : 0) + (hp.raise.to - hp.raise.before);
  const record: HugepagesRecord = {
    schema: 'vfiokit.hugepages-record/1',
    name,
    pageSizeKb: hp.need.pageSizeKb,
    pages: hp.need.pages,
    raise: {
      path: hp.raise.path,
      before: first?.before ?? hp.raise.before,
      surplusBefore: first?.surplusBefore ?? hp.raise.surplusBefore,
      to: hp.raise.to,
      added,
    },
  };
  return {
    kind: 'file',
    path: hugepageRecordPath(name),
    action: old ? 'modify' : 'create',
    ...(old ? { before: old.bytes } : {}),
    after: enc.encode(`${JSON.stringify(record, null, 1)}\n`),
    mode: 0o600,
    why: 'what was raised, to give it back with --release',
    showDiff: false,
  };
}

/** Giving back what the VM's record says was raised (planHugepageRelease), then the record removed. */
export function planHugepageReleaseFromRecord(
  root: HostRoot,
  name: string,
): { record: HugepagesRecord; plan: Plan } | undefined {
  const r = readHugepageRecord(root, name);
  if (!r) return undefined;
  const raise = r.record.raise;
  const release = planHugepageRelease(raise, root, raise.added ?? raise.to - raise.before);
  const remove: FileStep = {
    kind: 'file',
    path: hugepageRecordPath(name),
    action: 'remove',
    before: r.bytes,
    mode: 0o600,
    why: 'the raise is given back',
    showDiff: false,
  };
  return { record: r.record, plan: { steps: [...release.steps, remove] } };
}
