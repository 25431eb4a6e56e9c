/**
 * Applying a plan with a journal. Before each step the journal (/run/vfiokit/journal.json, under
 * the root) records what is needed to undo it — a file's old bytes and mode, or the command that
 * reverses a command — and is written atomically and fsynced; only then does the step run. When a
 * step fails, a signal arrives (SIGINT, SIGTERM, SIGHUP) or a command times out, every step
 * already taken is undone in reverse order, and the result lists what was undone. A crash leaves
 * an open journal that says exactly what was done.
 *
 * Each step kind has an executor (backup, do, undo). A sysfs step's backup is the device's
 * driver and driver_override (sysfs-exec.ts); its undo brings the device back to them.
 */
import * as fs from 'node:fs';
import { VfiokitError } from '../errors.js';
import type { CommandResult, HostWriter } from '../host/host-writer.js';
import type { JournalJson } from '../schema/outputs/journal.js';
import { type AttrEntry, attrBackup, attrDo, attrUndo } from './attr-exec.js';
import { acquireLock, type Lock, RUN_DIR } from './lock.js';
import {
  type CommandStep,
  describeStep,
  type FileStep,
  type Plan,
  type Step,
  type SysfsStep,
  sha256,
  shellLine,
} from './plan.js';
import { restoreBinding, type SysfsDeps, sysfsBackup, sysfsDo } from './sysfs-exec.js';

export const JOURNAL_PATH = `${RUN_DIR}/journal.json`;

export type EntryState = 'pending' | 'done' | 'undone' | 'undo-failed' | 'kept';

export interface FileEntry {
  step: number;
  kind: 'file';
  path: string;
  /** The file existed before the step; its bytes (base64) and mode are the backup. */
  existed: boolean;
  mode?: number;
  backup?: string;
  /** Directories the step created, outermost first. */
  createdDirs: string[];
  state: EntryState;
}

export interface CommandEntry {
  step: number;
  kind: 'command';
  argv: string[];
  undo?: string[][];
  regenerates: boolean;
  state: EntryState;
  /** Exit status, or "would run" when the root is not "/". */
  outcome?: string;
}

export interface SysfsEntry {
  step: number;
  kind: 'sysfs';
  device: string;
  op: SysfsStep['op'];
  path: string;
  value: string;
  /** The device's driver and driver_override just before the write: what undo gives back. */
  before: { driver: string | null; override: string | null };
  state: EntryState;
  /** "timed out" when the write never returned (the kernel may finish it later). */
  outcome?: string;
}

export type { AttrEntry };

export type JournalEntry = FileEntry | CommandEntry | SysfsEntry | AttrEntry;

// The journal file's type comes from its schema definition (docs/json.md#journal).
export type Journal = JournalJson;

/** Where an interruption comes from: process signals in the CLI, a scripted source in tests. */
export interface InterruptSource {
  /** The signal name received since the apply began, if any. */
  received(): string | undefined;
  dispose(): void;
}

export function processSignals(): InterruptSource {
  let got: string | undefined;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const on = (s: NodeJS.Signals) => {
    got ??= s;
  };
  for (const s of signals) process.on(s, on);
  return {
    received: () => got,
    dispose: () => {
      for (const s of signals) process.off(s, on);
    },
  };
}

export interface ApplyOptions {
  /** What the journal and lock name as the holder, e.g. "vfiokit setup --apply". */
  command: string;
  interrupts?: InterruptSource;
  lockWaitMs?: number;
  /** Called after each step (progress output). */
  onStep?: (line: string) => void;
  /** Called between steps (tests inject signals here). */
  betweenSteps?: (index: number) => void | Promise<void>;
  /** The kernel's binding files, for plans with sysfs steps. */
  sysfs?: SysfsDeps;
  /**
   * What the changes are made for (a VM that runs on the bound devices): called once every step is
   * taken, with the journal still open, so a crash meanwhile leaves an open journal that
   * `vfiokit restore` undoes. The lock is released while it runs (a second VM may be started
   * meanwhile: the lock serialises changes to the host, not lifetimes) and taken again for the
   * undo. Every step is undone after it returns, as after a failure, except those marked
   * keepOnceHeld once it called keep(); the error it returns (if any) is the run's.
   */
  hold?: (ctl: HoldControl) => Promise<VfiokitError | undefined>;
  /** Where the journal is kept (default /run/vfiokit/journal.json; one per VM for `up`). */
  journalPath?: string;
}

export interface HoldControl {
  /** What the plan was applied for has started: keepOnceHeld steps stay from now on. */
  keep(): void;
}

export interface ApplyResult {
  ok: boolean;
  /** Steps taken, in order, as one line each. */
  done: string[];
  /** Commands with their outcome (ran or "would run"). */
  commands: { argv: string[]; result: CommandResult }[];
  /** Steps undone after a failure or signal, in the order they were undone. */
  undone: string[];
  /** Undo steps that failed in turn (the journal, state rollback-incomplete, lists them). */
  undoFailed: string[];
  error?: VfiokitError;
  signal?: string;
  /** With `hold`: it was called (every step had been taken). */
  held?: boolean;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function writeJournal(w: HostWriter, j: Journal, file = JOURNAL_PATH): void {
  w.writeFile(file, `${JSON.stringify(j, null, 1)}\n`, 0o600);
}

function commandFailure(argv: string[], r: CommandResult): VfiokitError | undefined {
  if (!r.ran && r.note?.startsWith('would run')) return undefined;
  if (!r.ran)
    return new VfiokitError(`${shellLine(argv)}: ${r.note ?? 'not run'}`, { code: 'actions.command' });
  if (r.timedOut)
    return new VfiokitError(`${shellLine(argv)} timed out (${r.note})`, { code: 'actions.command-timeout' });
  if (r.status !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? '';
    return new VfiokitError(
      `${shellLine(argv)} failed (exit ${r.status ?? r.signal})${tail ? `: ${tail.slice(0, 200)}` : ''}`,
      { code: 'actions.command' },
    );
  }
  return undefined;
}

function outcome(r: CommandResult): string {
  if (!r.ran) return r.note ?? 'not run';
  return r.timedOut ? 'timed out' : `exit ${r.status ?? r.signal}`;
}

/** Back up and take one file step. */
function fileBackup(w: HostWriter, s: FileStep, index: number): FileEntry {
  const cur = w.readFile(s.path);
  const same =
    cur === undefined
      ? s.before === undefined
      : s.before !== undefined && sha256(cur.bytes) === sha256(s.before);
  if (!same && !s.rewrittenBefore) {
    throw new VfiokitError(`${s.path} changed since the plan was made`, {
      hint: 'run the command again to plan from the current file',
      code: 'actions.changed',
    });
  }
  return {
    step: index,
    kind: 'file',
    path: s.path,
    existed: cur !== undefined,
    mode: cur?.mode,
    backup: cur ? b64(cur.bytes) : undefined,
    createdDirs: [],
    state: 'pending',
  };
}

function fileDo(w: HostWriter, s: FileStep, e: FileEntry, save: () => void): void {
  if (s.action === 'remove') {
    w.remove(s.path);
    for (const d of s.removeEmptyDirs ?? []) w.rmdirIfEmpty(d);
    return;
  }
  const dir = s.path.slice(0, s.path.lastIndexOf('/')) || '/';
  const created = w.mkdir(dir);
  if (created.length) {
    e.createdDirs = created;
    save();
  }
  w.writeFile(s.path, s.after ?? new Uint8Array(0), s.mode);
}

function fileUndo(w: HostWriter, e: FileEntry): void {
  if (e.existed) {
    // A remove step may have taken now-empty directories with it.
    w.mkdir(e.path.slice(0, e.path.lastIndexOf('/')) || '/');
    w.writeFile(e.path, unb64(e.backup ?? ''), e.mode);
  } else w.remove(e.path);
  for (const d of [...e.createdDirs].reverse()) w.rmdirIfEmpty(d);
}

// long: the journal protocol in its order (lock, journal, steps with their undo, signals, rollback); splitting scatters its invariants
export async function applyPlan(w: HostWriter, plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  const res: ApplyResult = { ok: true, done: [], commands: [], undone: [], undoFailed: [] };
  let lock: Lock | undefined = await acquireLock(w, opts.command, { waitMs: opts.lockWaitMs });
  const file = opts.journalPath ?? JOURNAL_PATH;
  w.mkdir(file.slice(0, file.lastIndexOf('/')), 0o700);
  const journal: Journal = {
    schema: 'vfiokit.journal/1',
    pid: process.pid,
    command: opts.command,
    started: new Date().toISOString(),
    state: 'open',
    entries: [],
  };
  try {
    writeJournal(w, journal, file);
    for (let i = 0; i < plan.steps.length; i++) {
      // Inside a unit (plan.ts) a signal waits for the unit's last step.
      const unit = plan.steps[i].unit;
      const inUnit = i > 0 && unit !== undefined && plan.steps[i - 1].unit === unit;
      const sig = inUnit ? undefined : opts.interrupts?.received();
      if (sig) {
        res.signal = sig;
        res.error = new VfiokitError(`interrupted by ${sig}`, { code: 'actions.interrupted' });
        break;
      }
      const step: Step = plan.steps[i];
      try {
        if (step.kind === 'file') {
          const e = fileBackup(w, step, i);
          journal.entries.push(e);
          writeJournal(w, journal, file);
          fileDo(w, step, e, () => writeJournal(w, journal, file));
          e.state = 'done';
        } else if (step.kind === 'sysfs') {
          const deps = needSysfs(opts);
          const before = sysfsBackup(deps, step);
          const e: SysfsEntry = {
            step: i,
            kind: 'sysfs',
            device: step.device,
            op: step.op,
            path: step.path,
            value: step.value,
            before,
            state: 'pending',
          };
          journal.entries.push(e);
          writeJournal(w, journal, file);
          try {
            await sysfsDo(deps, step);
          } catch (err) {
            if (err instanceof VfiokitError && err.code === 'bind.timeout') e.outcome = 'timed out';
            throw err;
          }
          e.state = 'done';
        } else if (step.kind === 'attr') {
          const deps = needSysfs(opts);
          const e: AttrEntry = {
            step: i,
            kind: 'attr',
            path: step.path,
            value: step.value,
            probe: step.state,
            before: attrBackup(deps, step),
            undo: step.undo,
            ...(step.undoElse?.length ? { undoElse: step.undoElse } : {}),
            ...(step.undoRelative ? { undoRelative: step.undoRelative } : {}),
            state: 'pending',
          };
          journal.entries.push(e);
          writeJournal(w, journal, file);
          try {
            const wrote = await attrDo(deps, step);
            if (wrote !== undefined) e.value = wrote;
          } catch (err) {
            if (err instanceof VfiokitError && err.code === 'bind.timeout') e.outcome = 'timed out';
            throw err;
          } finally {
            // A pool raise: the kernel may grant fewer pages than asked; undo takes back only those.
            if (e.undoRelative) e.undoRelative.add = grantedPages(deps, e, e.undoRelative.add);
          }
          e.state = 'done';
        } else if (step.kind === 'verify') {
          const bad = step.check(needSysfs(opts).io);
          if (bad) throw bad;
        } else {
          const e = commandEntry(step, i);
          journal.entries.push(e);
          writeJournal(w, journal, file);
          const r = await w.run(step.argv, { timeoutMs: step.timeoutMs });
          res.commands.push({ argv: step.argv, result: r });
          e.outcome = outcome(r);
          const bad = commandFailure(step.argv, r);
          if (bad) throw bad;
          e.state = 'done';
        }
        writeJournal(w, journal, file);
        res.done.push(describeStep(step));
        opts.onStep?.(describeStep(step));
      } catch (e) {
        res.error =
          e instanceof VfiokitError
            ? e
            : new VfiokitError(`${describeStep(step)} failed: ${(e as Error).message}`, { cause: e });
        break;
      }
      await opts.betweenSteps?.(i);
      // Let a signal that arrived during the step reach its handler before the next step. Node
      // runs signal handlers from the event loop's poll phase; one setImmediate may resolve in the
      // check phase of the loop iteration whose poll already ran, two always span a poll.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    if (!res.error && opts.hold) {
      res.held = true;
      lock.release();
      lock = undefined;
      const keep = () => {
        for (const e of journal.entries) {
          const st = plan.steps[e.step];
          if (e.state === 'done' && st?.kind === 'file' && st.keepOnceHeld) e.state = 'kept';
        }
        writeJournal(w, journal, file);
      };
      try {
        res.error = await opts.hold({ keep });
      } catch (e) {
        res.error = e instanceof VfiokitError ? e : new VfiokitError(`${(e as Error).message}`, { cause: e });
      }
      // The undo changes the host: under the lock again. Another vfiokit holds it only while it
      // applies or undoes a plan, so the wait is longer than a start's: giving up here leaves the
      // journal open for `vfiokit restore`.
      try {
        lock = await acquireLock(w, opts.command, { waitMs: Math.max(opts.lockWaitMs ?? 10_000, 120_000) });
      } catch (e) {
        res.ok = false;
        const why = (e as Error).message;
        res.undoFailed.push(`every step: the lock was not free (${why}); vfiokit restore undoes them`);
        res.error ??= e instanceof VfiokitError ? e : new VfiokitError(why);
        return res;
      }
      // What the steps were taken for is over: they are undone whatever its outcome.
      await rollback(w, journal, res, opts.sysfs, file);
      res.ok = !res.error && !res.undoFailed.length;
      journal.state = res.undoFailed.length ? 'rollback-incomplete' : 'rolled-back';
    } else if (res.error) {
      res.ok = false;
      await rollback(w, journal, res, opts.sysfs, file);
      journal.state = res.undoFailed.length ? 'rollback-incomplete' : 'rolled-back';
    } else {
      // A signal after the last step finds the work complete: it is kept, as a finished run.
      journal.state = 'closed';
    }
    writeJournal(w, journal, file);
  } finally {
    lock?.release();
  }
  return res;
}

function grantedPages(deps: SysfsDeps, e: AttrEntry, asked: number): number {
  try {
    const now = Number(deps.io.attrState?.(e.probe.path, 'text')?.trim());
    const before = Number(e.before);
    if (Number.isSafeInteger(now) && Number.isSafeInteger(before))
      return Math.max(0, Math.min(asked, now - before));
  } catch {
    // Unreadable: the pages asked for stay the bound (undo never goes below the pages in use).
  }
  return asked;
}

function commandEntry(s: CommandStep, i: number): CommandEntry {
  return {
    step: i,
    kind: 'command',
    argv: s.argv,
    undo: s.undo,
    regenerates: Boolean(s.regenerates),
    state: 'pending',
  };
}

function needSysfs(opts: { sysfs?: SysfsDeps }): SysfsDeps {
  if (!opts.sysfs)
    throw new VfiokitError('this plan writes to sysfs but no sysfs access was given', {
      code: 'actions.no-sysfs',
    });
  return opts.sysfs;
}

/**
 * Undo the journal's taken steps in reverse; regeneration commands run again at the end. A step
 * still `pending` (it failed, timed out or the process died in it) is undone too: its backup was
 * written before it started, and undo works from the state it finds.
 */
// long: one reverse walk over the journal; the pending step, each kind of undo and the regeneration commands at the end share its state (the result, the signal check, the journal writes)
async function rollback(
  w: HostWriter,
  j: Journal,
  res: ApplyResult,
  sysfs?: SysfsDeps,
  file = JOURNAL_PATH,
): Promise<void> {
  const rerun: CommandEntry[] = [];
  for (const e of [...j.entries].reverse()) {
    if (e.state !== 'done' && e.state !== 'pending') continue;
    try {
      if (e.kind === 'sysfs') {
        const did = await restoreBinding(needSysfs({ sysfs }), e.device, e.before);
        for (const d of did) res.undone.push(d);
      } else if (e.kind === 'attr') {
        const did = await attrUndo(needSysfs({ sysfs }), e);
        if (did) res.undone.push(did);
      } else if (e.kind === 'file') {
        fileUndo(w, e);
        res.undone.push(e.existed ? `restored ${e.path}` : `removed ${e.path}`);
      } else if (e.regenerates) {
        rerun.push(e);
        continue;
      } else if (e.undo) {
        for (const argv of e.undo) {
          const r = await w.run(argv);
          res.commands.push({ argv, result: r });
          const bad = commandFailure(argv, r);
          if (bad) throw bad;
          res.undone.push(`ran ${shellLine(argv)}${r.ran ? '' : ' (would run)'}`);
        }
      }
      e.state = 'undone';
    } catch (err) {
      e.state = 'undo-failed';
      const what =
        e.kind === 'file' || e.kind === 'attr' ? e.path : e.kind === 'sysfs' ? e.device : shellLine(e.argv);
      res.undoFailed.push(`${what}: ${(err as Error).message}`);
    }
    writeJournal(w, j, file);
  }
  // update-grub, update-initramfs...: the files they read are back, so running them again gives
  // back what they made before. Each once, in the order they first ran.
  const seen = new Set<string>();
  for (const e of rerun.reverse()) {
    const key = e.argv.join('\0');
    if (seen.has(key)) {
      e.state = 'undone';
      continue;
    }
    seen.add(key);
    const r = await w.run(e.argv);
    res.commands.push({ argv: e.argv, result: r });
    const bad = commandFailure(e.argv, r);
    if (bad) {
      e.state = 'undo-failed';
      res.undoFailed.push(`${shellLine(e.argv)}: ${bad.message}`);
    } else {
      e.state = 'undone';
      res.undone.push(`ran ${shellLine(e.argv)} again${r.ran ? '' : ' (would run)'}`);
    }
    writeJournal(w, j, file);
  }
}

/**
 * `vfiokit restore`: undo what an interrupted run left done. The journal of a run that was killed
 * (SIGKILL, a crash, power loss) is still `open`; its steps are undone in reverse, as the run
 * itself would have done, under the lock. A closed or rolled-back journal needs nothing. `path`:
 * which journal (default /run/vfiokit/journal.json; pendingJournals lists a VM's too).
 */
export async function restoreJournal(
  w: HostWriter,
  opts: { command: string; lockWaitMs?: number; sysfs?: SysfsDeps; path?: string },
): Promise<{ journal?: Journal; res: ApplyResult; replayed: boolean }> {
  const res: ApplyResult = { ok: true, done: [], commands: [], undone: [], undoFailed: [] };
  const file = opts.path ?? JOURNAL_PATH;
  const lock = await acquireLock(w, opts.command, { waitMs: opts.lockWaitMs });
  try {
    const j = readJournal(w, file);
    if (!j || (j.state !== 'open' && j.state !== 'rollback-incomplete'))
      return { journal: j, res, replayed: false };
    // A VM's journal stays open while its `vfiokit up` runs: that process undoes it itself.
    if (file !== JOURNAL_PATH && j.pid !== process.pid && pidAlive(j.pid))
      return { journal: j, res, replayed: false };
    // A rollback that failed part-way is retried for the entries it could not undo.
    for (const e of j.entries) if (e.state === 'undo-failed') e.state = 'done';
    await rollback(w, j, res, opts.sysfs, file);
    j.state = res.undoFailed.length ? 'rollback-incomplete' : 'rolled-back';
    res.ok = !res.undoFailed.length;
    writeJournal(w, j, file);
    return { journal: j, res, replayed: true };
  } finally {
    lock.release();
  }
}

/** The journal as last written, if any. */
export function readJournal(w: HostWriter, file = JOURNAL_PATH): Journal | undefined {
  const f = w.readFile(file, 16 * 1024 * 1024);
  if (!f) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(f.bytes)) as Journal;
  } catch {
    return undefined;
  }
}

/** Where `vfiokit up` keeps each VM's journal: /run/vfiokit/vm/NAME.journal.json. */
export const VM_JOURNAL_DIR = `${RUN_DIR}/vm`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Journals left to undo: open or rollback-incomplete, and not a running VM's (whose `vfiokit up`
 * is alive and undoes it itself). journal.json first (under the lock an open one is a crashed
 * run's), then the VMs' by name.
 */
export function pendingJournals(w: HostWriter): { path: string; journal: Journal }[] {
  const out: { path: string; journal: Journal }[] = [];
  const paths = [JOURNAL_PATH];
  try {
    for (const f of fs.readdirSync(w.resolve(VM_JOURNAL_DIR)).sort())
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}\.journal\.json$/.test(f)) paths.push(`${VM_JOURNAL_DIR}/${f}`);
  } catch {
    // No VM ran since boot.
  }
  for (const p of paths) {
    const j = readJournal(w, p);
    if (!j || (j.state !== 'open' && j.state !== 'rollback-incomplete')) continue;
    if (p !== JOURNAL_PATH && pidAlive(j.pid)) continue;
    out.push({ path: p, journal: j });
  }
  return out;
}
