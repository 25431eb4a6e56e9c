/**
 * CPU pinning of a running QEMU, after start: a command line cannot pin threads (QEMU creates
 * them), so the threads are found over QMP and their affinity set from outside, as libvirt does
 * for vcpupin/emulatorpin/iothreadpin (it uses sched_setaffinity and cgroups; Node has no
 * sched_setaffinity, so util-linux's `taskset -pc LIST TID` makes the call).
 *
 * - vCPUs: QMP `query-cpus-fast` (QEMU qapi/machine.json) lists each vCPU with its `cpu-index` and
 *   the host `thread-id` running it. Under KVM and multi-threaded TCG each vCPU has a thread of
 *   its own; under single-threaded TCG they share one, and can then not be pinned apart (refused).
 * - I/O threads: QMP `query-iothreads` (qapi/misc.json) lists each `-object iothread` by id with
 *   its `thread-id`.
 * - The emulator: QEMU's main thread (the process id) and its other threads (RCU, worker pools)
 *   that are neither vCPUs nor I/O threads, as libvirt's emulatorpin covers them. Threads QEMU
 *   starts later inherit the affinity of the thread that creates them (sched_setaffinity(2): the
 *   mask is inherited by a child created with clone(2)).
 *
 * Each affinity is verified from the kernel's own account, /proc/PID/task/TID/status
 * `Cpus_allowed_list` (proc(5)): taskset's word is not taken for it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { formatCpuList, parseCpuList } from '../cpu/cpu-list.js';
import { VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';
import type { QmpClient } from './qmp.js';

export interface VmPin {
  vcpus: string[];
  emulator?: string;
  iothreads: string[];
}

export interface PinnedThread {
  /** "vCPU 0", "iothread1", "emulator (main thread)", "emulator thread" */
  thread: string;
  tid: number;
  /** The CPU list asked for, in the kernel's list format. */
  cpus: string;
  /** Cpus_allowed_list as read back. */
  allowed: string;
}

export interface PinDeps {
  /** Runs taskset; resolves with its exit status and standard error. */
  run?: (argv: string[]) => Promise<{ status: number | null; stderr: string; missing?: boolean }>;
  /** /proc as this machine has it (QEMU is a process here whatever root the plan reads). */
  proc?: string;
}

const ONLINE = '/sys/devices/system/cpu/online';

/** The pinned CPUs against the CPUs the host runs: all there, some missing, or not known. */
export type PinnedCpusCheck =
  | { verdict: 'ok'; online: string }
  | { verdict: 'missing'; missing: number[]; online: string }
  | { verdict: 'unknown'; reason: string };

/**
 * Whether every CPU the pinning names is online (Documentation/ABI/testing/sysfs-devices-system-cpu:
 * /sys/devices/system/cpu/online, the CPUs the kernel schedules on). A thread cannot be pinned to
 * a CPU the kernel does not run, so without this check the pinning step fails after QEMU started
 * and the whole run is undone. The online list unreadable or not a CPU list: not known, and then
 * nothing is refused on a guess.
 */
export function checkPinnedCpus(root: HostRoot, pin: VmPin): PinnedCpusCheck {
  let text: string | undefined;
  try {
    // One page at most (a sysfs attribute); 64 KiB covers the largest page size.
    text = root.readText(ONLINE, 64 * 1024);
  } catch (e) {
    return { verdict: 'unknown', reason: `${ONLINE} is unreadable: ${(e as Error).message}` };
  }
  if (text === undefined) return { verdict: 'unknown', reason: `${ONLINE} is missing` };
  const online = parseCpuList(text);
  if (!online?.length)
    return {
      verdict: 'unknown',
      reason: `${ONLINE} is not a CPU list: ${JSON.stringify(text.trim().slice(0, 40))}`,
    };
  const have = new Set(online);
  const asked = new Set<number>();
  for (const list of [...pin.vcpus, ...pin.iothreads, ...(pin.emulator ? [pin.emulator] : [])]) {
    const cpus = parseCpuList(list);
    if (cpus === undefined)
      return {
        verdict: 'unknown',
        reason: `the pinning list ${JSON.stringify(list.slice(0, 40))} is not a CPU list`,
      };
    for (const c of cpus) asked.add(c);
  }
  const missing = [...asked].filter((c) => !have.has(c)).sort((a, b) => a - b);
  const shown = formatCpuList(online);
  return missing.length ? { verdict: 'missing', missing, online: shown } : { verdict: 'ok', online: shown };
}

/** The lines `up --dry-run` shows for the pinning step. */
export function pinningLines(pin: VmPin): string[] {
  const l = pin.vcpus.map((c, i) => `vCPU ${i} (query-cpus-fast cpu-index ${i}) → CPUs ${c}`);
  pin.iothreads.forEach((c, i) => {
    l.push(`iothread${i + 1} (query-iothreads) → CPUs ${c}`);
  });
  if (pin.emulator) l.push(`emulator: QEMU's main thread and its other threads → CPUs ${pin.emulator}`);
  return l;
}

function runTaskset(argv: string[]): Promise<{ status: number | null; stderr: string; missing?: boolean }> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      if (stderr.length < 4096) stderr += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, stderr: e.message, missing: (e as NodeJS.ErrnoException).code === 'ENOENT' });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

const canon = (list: string) => {
  const c = parseCpuList(list);
  return c === undefined ? undefined : formatCpuList(c);
};

/** Cpus_allowed_list of a thread, or undefined when the thread is gone. */
export function allowedCpus(proc: string, pid: number, tid: number): string | undefined {
  let text: string;
  try {
    const fd = fs.openSync(`${proc}/${pid}/task/${tid}/status`, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      text = buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const m = /^Cpus_allowed_list:\s*(\S*)\s*$/m.exec(text);
  return m ? m[1] : '(no Cpus_allowed_list)';
}

function bad(message: string, hint?: string): VfiokitError {
  return new VfiokitError(message, { code: 'up.pin', ...(hint ? { hint } : {}) });
}

/** Pin QEMU's threads as the spec says, and read each affinity back. Throws the reason on failure. */
// long: one sequence over QMP and /proc: collect every thread to pin (vCPUs, iothreads, the emulator's threads), then set and read back each affinity; the checks between them are the error messages
export async function pinQemuThreads(
  qmp: QmpClient,
  pid: number,
  pin: VmPin,
  deps: PinDeps = {},
): Promise<PinnedThread[]> {
  const run = deps.run ?? runTaskset;
  const proc = deps.proc ?? '/proc';
  const want: { thread: string; tid: number; cpus: string; optional?: boolean }[] = [];

  const cpus = (await qmp.execute('query-cpus-fast')) as { 'cpu-index'?: unknown; 'thread-id'?: unknown }[];
  if (!Array.isArray(cpus)) throw bad('QMP query-cpus-fast did not return a list');
  const byIndex = new Map<number, number>();
  for (const c of cpus)
    if (Number.isInteger(c?.['cpu-index']) && Number.isInteger(c?.['thread-id']))
      byIndex.set(c['cpu-index'] as number, c['thread-id'] as number);
  if (byIndex.size !== pin.vcpus.length)
    throw bad(`QEMU runs ${byIndex.size} vCPUs (query-cpus-fast), the pinning names ${pin.vcpus.length}`);
  const vcpuTids = new Map<number, string>();
  for (let i = 0; i < pin.vcpus.length; i++) {
    const tid = byIndex.get(i);
    if (tid === undefined) throw bad(`query-cpus-fast lists no vCPU with cpu-index ${i}`);
    const list = canon(pin.vcpus[i]);
    if (list === undefined) throw bad(`vCPU ${i}: ${JSON.stringify(pin.vcpus[i])} is not a CPU list`);
    const other = vcpuTids.get(tid);
    if (other !== undefined && other !== list)
      throw bad(
        `vCPUs share host thread ${tid} (QEMU's single-threaded TCG): they cannot be pinned to different CPUs`,
        'under TCG use -accel tcg,thread=multi, or run with KVM',
      );
    if (other === undefined) want.push({ thread: `vCPU ${i}`, tid, cpus: list });
    vcpuTids.set(tid, list);
  }

  const ioTids = new Set<number>();
  if (pin.iothreads.length) {
    const its = (await qmp.execute('query-iothreads')) as { id?: unknown; 'thread-id'?: unknown }[];
    if (!Array.isArray(its)) throw bad('QMP query-iothreads did not return a list');
    pin.iothreads.forEach((c, i) => {
      const id = `iothread${i + 1}`;
      const t = its.find((x) => x?.id === id)?.['thread-id'];
      if (!Number.isInteger(t)) throw bad(`query-iothreads lists no ${id}`);
      const list = canon(c);
      if (list === undefined) throw bad(`${id}: ${JSON.stringify(c)} is not a CPU list`);
      want.push({ thread: id, tid: t as number, cpus: list });
      ioTids.add(t as number);
    });
  }

  if (pin.emulator) {
    const list = canon(pin.emulator);
    if (list === undefined) throw bad(`emulator: ${JSON.stringify(pin.emulator)} is not a CPU list`);
    want.push({ thread: 'emulator (main thread)', tid: pid, cpus: list });
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`${proc}/${pid}/task`);
    } catch (e) {
      throw bad(`cannot list ${proc}/${pid}/task: ${(e as Error).message}`);
    }
    for (const t of tasks.map(Number).sort((a, b) => a - b)) {
      if (!Number.isInteger(t) || t === pid || vcpuTids.has(t) || ioTids.has(t)) continue;
      want.push({ thread: 'emulator thread', tid: t, cpus: list, optional: true });
    }
  }

  const out: PinnedThread[] = [];
  for (const w of want) {
    const r = await run(['taskset', '-pc', w.cpus, String(w.tid)]);
    if (r.missing)
      throw bad(
        'taskset is not installed: the pinning cannot be applied',
        'install util-linux (it provides taskset)',
      );
    const gone = allowedCpus(proc, pid, w.tid) === undefined;
    // A helper thread of QEMU's pools may end between the listing and the call: nothing to pin.
    if (w.optional && gone) continue;
    if (r.status !== 0)
      throw bad(
        `taskset -pc ${w.cpus} ${w.tid} (${w.thread}) failed${r.status === null ? '' : ` (exit ${r.status})`}: ${r.stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''}`,
      );
    const allowed = allowedCpus(proc, pid, w.tid);
    if (allowed === undefined)
      throw bad(`${w.thread} (thread ${w.tid}) is gone: QEMU ended while it was pinned`);
    if (canon(allowed) !== w.cpus)
      throw bad(
        `${w.thread} (thread ${w.tid}) runs on CPUs ${allowed} after taskset, not ${w.cpus} (${proc}/${pid}/task/${w.tid}/status)`,
        'a cpuset cgroup may limit QEMU to other CPUs (systemd AllowedCPUs=)',
      );
    out.push({ thread: w.thread, tid: w.tid, cpus: w.cpus, allowed });
  }
  return out;
}
