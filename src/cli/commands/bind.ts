/**
 * `vfiokit bind`, `vfiokit release`, `vfiokit restore`: plan (printed with --dry-run, and in
 * --json), then apply through the journal with the kernel's binding files. The JSON objects each
 * command prints are built here only: bindJson (vfiokit.bind/1) and restoreJson
 * (vfiokit.restore/1), documented in docs/bind.md.
 */
import { type ApplyResult, pendingJournals, readJournal, restoreJournal } from '../../actions/apply.js';
import { type BindPlan, GuardRefusal, planBind, planRelease } from '../../actions/bind.js';
import { formatFindings, guardDevices } from '../../actions/guard.js';
import { findHolders } from '../../actions/holders.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import type { SysfsDeps } from '../../actions/sysfs-exec.js';
import { ExitCode, UsageError } from '../../errors.js';
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

export function restoreJson(
  root: string,
  dryRun: boolean,
  journal: ReturnType<typeof readJournal>,
  replayed: boolean,
  r?: ApplyResult,
): RestoreJson {
  return {
    schema: 'vfiokit.restore/1',
    root,
    dryRun,
    journal: journal
      ? {
          command: journal.command,
          pid: journal.pid,
          started: journal.started,
          state: journal.state,
          entries: journal.entries.length,
        }
      : null,
    replayed,
    ...(r ? { result: resultJson(r) } : {}),
  };
}

export async function runRestore(
  ctx: CliContext,
  opts: BindCliOptions,
  deps: BindDeps = {},
): Promise<number> {
  const root = ctx.root();
  const lockWaitMs = secondsOption(opts.lockWait, '--lock-wait', 10);
  const timeoutMs = secondsOption(opts.timeout, '--timeout', 10);
  const writer = deps.writer ?? new DirHostWriter(root.dir);
  // The oldest journal left to undo (a crashed run, or a VM whose `vfiokit up` died), else the last run's.
  const left = pendingJournals(writer);
  const target = left[0]?.path;
  const before = left[0]?.journal ?? readJournal(writer);
  const pending = before && (before.state === 'open' || before.state === 'rollback-incomplete');
  if (opts.dryRun || !pending) {
    if (ctx.json) ctx.printJson(restoreJson(root.name, Boolean(opts.dryRun), before, false));
    else if (!before) ctx.out('Nothing to restore: no journal in /run/vfiokit (no run since boot).');
    else
      ctx.out(
        `${pending ? 'To restore' : 'Nothing to restore'}: the last run (${before.command}, pid ${before.pid}, ${before.started}) ended ${before.state}, ${before.entries.length} step${before.entries.length === 1 ? '' : 's'} in its journal.`,
      );
    return ExitCode.ok;
  }
  if (!deps.io)
    refuseRootCopy(
      root,
      false,
      'restore changes the running kernel; with --root it can only say what it would do',
    );
  requireRoot(root, 'vfiokit restore writes to /sys: it needs root', 'bind.not-root');
  const io = deps.io ?? new DirSysfsIo(root.dir);
  const out = await restoreJournal(writer, {
    command: 'vfiokit restore',
    lockWaitMs,
    ...(target ? { path: target } : {}),
    sysfs: sysfsDeps(root, io, timeoutMs),
  });
  if (ctx.json) ctx.printJson(restoreJson(root.name, false, out.journal, out.replayed, out.res));
  else {
    ctx.out(
      `Restoring after: ${before.command} (pid ${before.pid}, started ${before.started}, ${before.state})`,
    );
    for (const u of out.res.undone) ctx.out(`  undone: ${u}`);
    if (!out.res.undone.length) ctx.out('  everything was already as before that run');
    for (const u of out.res.undoFailed) ctx.out(ctx.c.red(`  could not undo: ${u}`));
    ctx.out(
      out.res.ok
        ? ctx.c.green('Restored.')
        : ctx.c.red('Restore incomplete: the journal keeps what is left.'),
    );
    if (left.length > 1)
      ctx.out(
        `${left.length - 1} more run${left.length > 2 ? 's' : ''} left changes: run vfiokit restore again`,
      );
  }
  return out.res.ok ? ExitCode.ok : ExitCode.problem;
}
