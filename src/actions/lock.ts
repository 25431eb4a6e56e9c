/**
 * One vfiokit at a time changes the host: /run/vfiokit/lock is created with O_EXCL and holds the
 * holder's pid and command. A second vfiokit waits a bounded time, then says who holds it. A lock
 * whose pid no longer exists (the holder was killed with SIGKILL, or the machine rebooted and
 * /run is not a tmpfs) is stale and taken over.
 */
import { EnvironmentError, errnoCode } from '../errors.js';
import type { HostWriter } from '../host/host-writer.js';

export const RUN_DIR = '/run/vfiokit';
export const LOCK_PATH = `${RUN_DIR}/lock`;

export interface LockHolder {
  pid: number;
  command: string;
  started: string;
}

export interface Lock {
  readonly holder: LockHolder;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(e) === 'EPERM';
  }
}

function readHolder(w: HostWriter): LockHolder | undefined {
  const f = w.readFile(LOCK_PATH, 4096);
  if (!f) return undefined;
  try {
    const v = JSON.parse(new TextDecoder().decode(f.bytes)) as LockHolder;
    if (Number.isInteger(v.pid) && v.pid > 0) return v;
  } catch {
    // A lock file cut short by a crash between create and write: treat as stale below.
  }
  return { pid: 0, command: '(unreadable lock file)', started: '' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(
  w: HostWriter,
  command: string,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<Lock> {
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  w.mkdir(RUN_DIR, 0o700);
  const me: LockHolder = { pid: process.pid, command, started: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (w.createExclusive(LOCK_PATH, `${JSON.stringify(me)}\n`, 0o600)) {
      return {
        holder: me,
        release: () => {
          const h = readHolder(w);
          if (h?.pid === me.pid) w.remove(LOCK_PATH);
        },
      };
    }
    const holder = readHolder(w);
    if (!holder || holder.pid === 0 || (!alive(holder.pid) && holder.pid !== process.pid)) {
      w.remove(LOCK_PATH);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new EnvironmentError(
        `another vfiokit holds ${LOCK_PATH}: pid ${holder.pid} (${holder.command}), since ${holder.started}`,
        {
          hint: `wait for it to finish; if pid ${holder.pid} is not vfiokit, remove ${LOCK_PATH}`,
          code: 'actions.locked',
        },
      );
    }
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}
