/**
 * Who has a device node open: every /proc/PID/fd/N is a link whose text is the opened file's path
 * (proc(5)), so the processes holding /dev/vfio/12 or /dev/dri/card1 are those with such a link.
 * This is what fuser(1) and lsof do. Reading another user's fd directory needs root; processes
 * that could not be inspected are counted, so a judgement can say "unknown" instead of "nobody".
 * Bounded: at most maxPids processes and maxFds descriptors per process are looked at.
 */
import { VfiokitError } from '../errors.js';
import type { HostRoot } from './root.js';

export interface FdHolder {
  pid: number;
  /** /proc/PID/comm (the process name), or "?" when it could not be read. */
  comm: string;
  /** The node it holds, as the link says (/dev/vfio/12). */
  path: string;
}

export interface FdScan {
  holders: FdHolder[];
  /** Processes whose fd directory could not be read (not root, or the process went away). */
  unreadable: number;
  /** Processes or descriptors left out because a bound was reached. */
  cut: boolean;
}

const isReadError = (e: unknown) =>
  e instanceof VfiokitError && (e.code === 'host.io' || e.code === 'host.permission');

/** The processes that hold a path for which `wanted(path)` is true. */
export function scanFdHolders(
  root: HostRoot,
  wanted: (path: string) => boolean,
  opts: { maxPids?: number; maxFds?: number } = {},
): FdScan {
  const maxPids = opts.maxPids ?? 65_536;
  const maxFds = opts.maxFds ?? 65_536;
  const out: FdScan = { holders: [], unreadable: 0, cut: false };
  let pids: string[];
  try {
    pids = root.list('/proc').filter((n) => /^\d{1,10}$/.test(n));
  } catch (e) {
    if (!isReadError(e)) throw e;
    out.unreadable = 1;
    return out;
  }
  if (pids.length > maxPids) {
    out.cut = true;
    pids = pids.slice(0, maxPids);
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = root.list(`/proc/${pid}/fd`);
      // list() gives [] for an absent directory: a process that exited, or a kernel thread
      // (whose fd directory is empty). Only an error counts as not inspected.
    } catch (e) {
      if (!isReadError(e)) throw e;
      out.unreadable++;
      continue;
    }
    if (fds.length > maxFds) {
      out.cut = true;
      fds = fds.slice(0, maxFds);
    }
    let comm: string | undefined;
    for (const fd of fds) {
      if (!/^\d+$/.test(fd)) continue;
      let target: string | undefined;
      try {
        target = root.readLink(`/proc/${pid}/fd/${fd}`);
      } catch (e) {
        if (!isReadError(e)) throw e;
        continue;
      }
      if (target === undefined || !wanted(target)) continue;
      if (comm === undefined) {
        try {
          comm = root.readAttr(`/proc/${pid}/comm`) ?? '?';
        } catch {
          comm = '?';
        }
      }
      if (!out.holders.some((h) => h.pid === Number(pid) && h.path === target))
        out.holders.push({ pid: Number(pid), comm, path: target });
    }
  }
  return out;
}
