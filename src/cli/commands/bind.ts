/**
 * `vfiokit bind`, `vfiokit release`, `vfiokit restore`: plan (printed with --dry-run, and in
 * --json), then apply through the journal with the kernel's binding files. The JSON objects each
 * command prints are built here only: bindJson (vfiokit.bind/1) and restoreJson
 * (vfiokit.restore/1), documented in docs/bind.md.
 */
import {
  type ApplyResult,
  type Journal,
  pendingJournals,
  readJournal,
  restoreJournal,
} from '../../actions/apply.js';
import { type BindPlan, GuardRefusal, planBind, planRelease } from '../../actions/bind.js';
import { formatFindings, guardDevices } from '../../actions/guard.js';
import { findHolders } from '../../actions/holders.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import type { SysfsDeps } from '../../actions/sysfs-exec.js';
import { ExitCode, UsageError, VfiokitError } from '../../errors.js';
import { DirHostWriter, type HostWriter } from '../../host/host-writer.js';
import { scanPciDevices } from '../../host/pci-sysfs.js';
import type { HostRoot } from '../../host/root.js';
import { type DeviceBinding, DirSysfsIo, type SysfsIo } from '../../host/sysfs-io.js';
import { readHostUsage } from '../../host/usage.js';
import type { BindJson } from '../../schema/outputs/bind.js';
import type { RestoreJson } from '../../schema/outputs/restore.js';
import {
  applyInterruptibly,
  DRY_RUN_LINE,
  endWithoutChange,
  refuseRootCopy,
  requireRoot,
  secondsOption,
} from '../action-run.js';
import type { CliContext } from '../context.js';

export interface BindCliOptions {
  group?: string[];
  gpu?: boolean;
  dryRun?: boolean;
  force?: boolean;
  lockWait?: string;
  timeout?: string;
}

/** What the commands act through; tests give a simulated sysfs and a writer over a tree. */
export interface BindDeps {
  io?: SysfsIo;
  writer?: HostWriter;
}

function parseGroups(list: string[] | undefined): number[] {
  return (list ?? []).map((g) => {
    if (!/^\d+$/.test(g)) throw new UsageError(`--group wants a group number, not ${JSON.stringify(g)}`);
    return Number(g);
  });
}

export interface AfterState {
  address: string;
  driver: string | null;
  override: string | null;
}

export function bindJson(
  root: string,
  p: BindPlan,
  dryRun: boolean,
  r?: ApplyResult,
  after?: AfterState[],
): BindJson {
  return {
    schema: 'vfiokit.bind/1',
    command: p.mode,
    root,
    dryRun,
    applied: Boolean(r?.ok),
    devices: p.devices.map((d) => ({
      address: d.address,
      id: d.id,
      ...(d.group !== undefined ? { group: d.group } : {}),
      driver: d.driver,
      override: d.override,
      to: d.to,
      action: d.action,
      why: d.why,
    })),
    steps: p.plan.steps.map(stepJson),
    notes: p.notes,
    ...(r ? { result: resultJson(r, after) } : {}),
  };
}

function resultJson(r: ApplyResult, after?: AfterState[]): NonNullable<BindJson['result']> {
  return {
    ok: r.ok,
    done: r.done,
    undone: r.undone,
    undoFailed: r.undoFailed,
    ...(after ? { after } : {}),
    ...(r.error ? { error: r.error.message, ...(r.error.hint ? { hint: r.error.hint } : {}) } : {}),
    ...(r.signal ? { signal: r.signal } : {}),
  };
}

const show = (b: { driver: string | null }) => b.driver ?? 'no driver';

/** The plan; its steps listed only for a dry run (a real run prints each as it is done). */
function renderPlan(ctx: CliContext, p: BindPlan, where: string, listSteps: boolean): void {
  const { c } = ctx;
  ctx.out(c.bold(`vfiokit ${p.mode}: ${where}`));
  for (const d of p.devices) {
    const arrow =
      d.action === 'keep'
        ? `stays on ${show(d)}`
        : `${show(d)} → ${d.to ?? (p.mode === 'release' ? "the kernel's choice" : 'no driver')}`;
    ctx.out(`  ${d.address} [${d.id}]${d.group !== undefined ? ` group ${d.group}` : ''}: ${arrow}`);
    ctx.out(c.dim(`      ${d.why}`));
  }
  for (const n of p.notes) ctx.out(c.yellow(`note: ${n}`));
  if (!p.plan.steps.length || !listSteps) return;
  ctx.out(c.bold('Steps'));
  p.plan.steps.forEach((s, i) => {
    ctx.out(`  ${i + 1}. ${describeStep(s)}`);
  });
}

function renderResult(ctx: CliContext, p: BindPlan, r: ApplyResult, after: AfterState[]): void {
  const { c } = ctx;
  if (r.ok) {
    for (const a of after)
      ctx.out(
        c.green(`${a.address} is on ${show(a)}${a.override ? ` (driver_override ${a.override})` : ''}`),
      );
    if (p.mode === 'bind') {
      const first = p.devices.find((d) => d.action === 'bind')?.address;
      if (first) ctx.out(`Give ${after.length > 1 ? 'them' : 'it'} back with: vfiokit release ${first}`);
    }
    return;
  }
  ctx.out(c.red(`Failed: ${r.error?.message ?? 'unknown error'}`));
  if (r.undone.length) {
    ctx.out('Undone:');
    for (const u of r.undone) ctx.out(`  ${u}`);
  }
  if (r.undoFailed.length) {
    ctx.out(c.red('Could not undo (the journal /run/vfiokit/journal.json lists them; run vfiokit restore):'));
    for (const u of r.undoFailed) ctx.out(`  ${u}`);
  }
  for (const a of after) ctx.out(`${a.address} is on ${show(a)}`);
}

function sysfsDeps(root: HostRoot, io: SysfsIo, timeoutMs: number): SysfsDeps {
  return {
    io,
    timeoutMs,
    // After a write timed out, the holders now (a fresh scan: the state may have moved on).
    holders: (address) => {
      const d = scanPciDevices(root).devices.find((x) => x.address === address);
      if (!d) return undefined;
      const h = findHolders(root, [d]);
      return h.busy.map((b) => b.line.replace(`${address}: `, '')).join(', ') || h.unknown;
    },
  };
}

export async function runBind(
  ctx: CliContext,
  mode: 'bind' | 'release',
  targets: string[],
  opts: BindCliOptions,
  deps: BindDeps = {},
): Promise<number> {
  const root = ctx.root();
  const spec = { items: targets, groups: parseGroups(opts.group), gpu: Boolean(opts.gpu) };
  const lockWaitMs = secondsOption(opts.lockWait, '--lock-wait', 10);
  const timeoutMs = secondsOption(opts.timeout, '--timeout', 10);
  // An injected sysfs (the tests' simulated kernel) is a host to act on, though not the live one.
  if (!deps.io)
    refuseRootCopy(root, opts.dryRun, `${mode} changes the running kernel; with --root it can only plan`);
  const planOpts = {
    force: opts.force,
    holders: (devs: Parameters<typeof findHolders>[1]) => findHolders(root, devs),
    guard: (devs: Parameters<typeof findHolders>[1]) =>
      guardDevices(
        readHostUsage(root, root.live ? { env: process.env, pid: process.pid } : {}),
        devs.map((d) => ({ address: d.address, classCode: d.classCode })),
      ),
  };
  let plan: BindPlan;
  try {
    plan = mode === 'bind' ? planBind(root, spec, planOpts) : planRelease(root, spec, planOpts);
  } catch (e) {
    // The evidence on stdout (errors stay one line on stderr); --json readers get the line.
    if (e instanceof GuardRefusal && !ctx.json) for (const l of formatFindings(e.findings)) ctx.out(l);
    throw e;
  }
  const where = root.live ? 'this host' : root.name;
  if (opts.dryRun || !plan.plan.steps.length) {
    endWithoutChange(ctx, {
      json: () => bindJson(root.name, plan, Boolean(opts.dryRun)),
      render: () => renderPlan(ctx, plan, where, true),
      last: plan.plan.steps.length
        ? DRY_RUN_LINE
        : mode === 'bind'
          ? 'Nothing to do: every device is on vfio-pci already.'
          : 'Nothing to do.',
      gap: false,
    });
    return ExitCode.ok;
  }
  requireRoot(root, `vfiokit ${mode} writes to /sys: it needs root`, 'bind.not-root');
  const io = deps.io ?? new DirSysfsIo(root.dir);
  const writer = deps.writer ?? new DirHostWriter(root.dir);
  if (!ctx.json) renderPlan(ctx, plan, where, false);
  const r = await applyInterruptibly(writer, plan.plan, {
    command:
      `vfiokit ${mode} ${[...targets, ...(opts.group ?? []).map((g) => `--group ${g}`), ...(opts.gpu ? ['--gpu'] : [])].join(' ')}`.trim(),
    lockWaitMs,
    sysfs: sysfsDeps(root, io, timeoutMs),
    onStep: ctx.json ? undefined : (line) => ctx.out(ctx.c.dim(`  ${line}`)),
  });
  const after = plan.devices.map((d) => {
    const b: DeviceBinding | undefined = io.binding(d.address);
    return { address: d.address, driver: b?.driver ?? null, override: b?.override ?? null };
  });
  if (ctx.json) ctx.printJson(bindJson(root.name, plan, false, r, after));
  else renderResult(ctx, plan, r, after);
  return r.ok ? ExitCode.ok : ExitCode.problem;
}

type JournalFile = ReturnType<typeof pendingJournals>[number];

/** One journal's restore: what it found and did, or why it could not be done. */
interface RestoreRun {
  path: string;
  /** The journal as found (for the report's heading). */
  found: Journal;
  /** After the restore, when one ran. */
  journal?: Journal;
  replayed: boolean;
  res?: ApplyResult;
  /** Thrown before any undo (the lock not had, a sysfs access refused). */
  thrown?: VfiokitError;
}

const summary = (j: Journal) => ({
  command: j.command,
  pid: j.pid,
  started: j.started,
  state: j.state,
  entries: j.entries.length,
});

/** A restore that threw, as a result: nothing undone, the reason. */
const thrownResult = (e: VfiokitError): ApplyResult => ({
  ok: false,
  done: [],
  commands: [],
  undone: [],
  undoFailed: [],
  error: e,
});

const runResult = (r: RestoreRun): ApplyResult | undefined => r.res ?? (r.thrown && thrownResult(r.thrown));

/** Every journal's result as one: ok when all are, the undo lines in order, the first error. */
function combined(runs: RestoreRun[]): ApplyResult {
  const all = runs.map(runResult).filter((r): r is ApplyResult => r !== undefined);
  const error = all.find((r) => r.error)?.error;
  return {
    ok: all.every((r) => r.ok),
    done: [],
    commands: [],
    undone: all.flatMap((r) => r.undone),
    undoFailed: all.flatMap((r) => r.undoFailed),
    ...(error ? { error } : {}),
  };
}

export function restoreJson(
  root: string,
  dryRun: boolean,
  runs: RestoreRun[],
  last: Journal | undefined,
): RestoreJson {
  const first = runs[0];
  const ran = runs.some((r) => r.res || r.thrown);
  return {
    schema: 'vfiokit.restore/1',
    root,
    dryRun,
    journal: first ? summary(first.journal ?? first.found) : last ? summary(last) : null,
    replayed: runs.some((r) => r.replayed),
    ...(ran ? { result: resultJson(combined(runs)) } : {}),
    journals: runs.map((r) => {
      const res = runResult(r);
      return {
        path: r.path,
        journal: summary(r.journal ?? r.found),
        replayed: r.replayed,
        ...(res ? { result: resultJson(res) } : {}),
      };
    }),
  };
}

/**
 * The journals left to undo, newest run first: undoing the latest changes first is the order the
 * runs' own undo would have had (a later run started from the state an earlier one left). Ties
 * (and unreadable start times) by path, so the order is the same on every call.
 */
function restoreOrder(left: JournalFile[]): JournalFile[] {
  const started = (j: Journal) => (typeof j.started === 'string' ? j.started : '');
  return [...left].sort(
    (a, b) =>
      started(b.journal).localeCompare(started(a.journal)) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

function renderRestorePlan(ctx: CliContext, left: JournalFile[], last: Journal | undefined): void {
  if (!left.length) {
    if (!last) ctx.out('Nothing to restore: no journal in /run/vfiokit (no run since boot).');
    else
      ctx.out(
        `Nothing to restore: the last run (${last.command}, pid ${last.pid}, ${last.started}) ended ${last.state}, ${steps(last.entries.length)} in its journal.`,
      );
    return;
  }
  for (const { journal: j } of left)
    ctx.out(
      `To restore: ${left.length === 1 ? 'the last run' : 'a run'} (${j.command}, pid ${j.pid}, ${j.started}) ended ${j.state}, ${steps(j.entries.length)} in its journal.`,
    );
}

function renderRestoreRun(ctx: CliContext, r: RestoreRun): void {
  const b = r.found;
  ctx.out(`Restoring after: ${b.command} (pid ${b.pid}, started ${b.started}, ${b.state})`);
  if (r.thrown) {
    ctx.out(ctx.c.red(`  could not restore: ${r.thrown.message}`));
    return;
  }
  const res = r.res as ApplyResult;
  for (const u of res.undone) ctx.out(`  undone: ${u}`);
  if (!res.undone.length && !res.undoFailed.length) ctx.out('  everything was already as before that run');
  for (const u of res.undoFailed) ctx.out(ctx.c.red(`  could not undo: ${u}`));
  ctx.out(
    res.ok ? ctx.c.green('Restored.') : ctx.c.red('Restore incomplete: the journal keeps what is left.'),
  );
}

/**
 * `vfiokit restore`: every journal left to undo (runs killed outright, VMs whose `vfiokit up`
 * died), each restored under the lock in turn; one that fails does not stop the rest. Exit 0 when
 * every one was restored.
 */
export async function runRestore(
  ctx: CliContext,
  opts: BindCliOptions,
  deps: BindDeps = {},
): Promise<number> {
  const root = ctx.root();
  const lockWaitMs = secondsOption(opts.lockWait, '--lock-wait', 10);
  const timeoutMs = secondsOption(opts.timeout, '--timeout', 10);
  const writer = deps.writer ?? new DirHostWriter(root.dir);
  const left = restoreOrder(pendingJournals(writer));
  const last = readJournal(writer);
  if (opts.dryRun || !left.length) {
    const planned = left.map((l) => ({ path: l.path, found: l.journal, replayed: false }));
    if (ctx.json) ctx.printJson(restoreJson(root.name, Boolean(opts.dryRun), planned, last));
    else renderRestorePlan(ctx, left, last);
    return ExitCode.ok;
  }
  if (!deps.io)
    refuseRootCopy(
      root,
      false,
      'restore changes the running kernel; with --root it can only say what it would do',
    );
  requireRoot(root, 'vfiokit restore writes to /sys: it needs root', 'bind.not-root');
  const sysfs = sysfsDeps(root, deps.io ?? new DirSysfsIo(root.dir), timeoutMs);
  const runs: RestoreRun[] = [];
  for (const l of left) {
    const run: RestoreRun = { path: l.path, found: l.journal, replayed: false };
    try {
      const out = await restoreJournal(writer, {
        command: 'vfiokit restore',
        lockWaitMs,
        path: l.path,
        sysfs,
      });
      Object.assign(run, { journal: out.journal, replayed: out.replayed, res: out.res });
    } catch (e) {
      // Another vfiokit holds the lock before anything was restored: the whole command waits on
      // it, so that is the one error (exit 3), as for any other command.
      if (e instanceof VfiokitError && e.code === 'actions.locked' && !runs.length) throw e;
      run.thrown =
        e instanceof VfiokitError
          ? e
          : new VfiokitError((e as Error).message, { cause: e, code: 'restore.failed' });
    }
    runs.push(run);
    if (!ctx.json) renderRestoreRun(ctx, run);
  }
  const failed = runs.filter((r) => !runResult(r)?.ok).length;
  if (ctx.json) ctx.printJson(restoreJson(root.name, false, runs, last));
  else if (runs.length > 1)
    ctx.out(
      failed
        ? ctx.c.red(
            `${runs.length - failed} of ${runs.length} runs restored; ${failed} not: vfiokit restore retries them`,
          )
        : ctx.c.green(`All ${runs.length} runs restored.`),
    );
  return failed ? ExitCode.problem : ExitCode.ok;
}
