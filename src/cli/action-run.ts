/**
 * What every command that changes the host (bind, handover, hugepages, setup, hook, up) does
 * around its plan: the --lock-wait/--timeout seconds, the refusal to act on a --root copy, the
 * root check, the ending of a run that only plans, and applying the plan through the journal with
 * SIGINT/SIGTERM undoing it, then reporting a failure. One place, so the commands cannot drift in
 * what they refuse or how they say it.
 */
import { type ApplyOptions, type ApplyResult, applyPlan, processSignals } from '../actions/apply.js';
import type { Plan } from '../actions/plan.js';
import { EnvironmentError, UsageError } from '../errors.js';
import type { HostWriter } from '../host/host-writer.js';
import type { HostRoot } from '../host/root.js';
import type { CliContext } from './context.js';

/**
 * A --lock-wait or --timeout value in seconds, returned in milliseconds. At most a day: Node's
 * timers hold a signed 32-bit millisecond count (about 24.8 days) and fire at once past it, so an
 * unbounded value would turn "wait longer" into "do not wait".
 */
export function secondsOption(value: string | undefined, name: string, dflt: number): number {
  const n = Number(value ?? dflt);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new UsageError(`${name} wants a number of seconds`);
  return n * 1000;
}

/**
 * A --root directory is a copy of a host (a snapshot) or a test tree: writing to it changes no
 * kernel, so an action there can only be planned. `what` says what the command changes.
 */
export function refuseRootCopy(root: HostRoot, dryRun: boolean | undefined, what: string): void {
  if (!root.live && !dryRun) throw new UsageError(what, { hint: 'add --dry-run' });
}

/** Writes to /sys, /etc or the kernel's pools need root on the live host. */
export function requireRoot(root: HostRoot, message: string, code: string): void {
  if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new EnvironmentError(message, { hint: 'run it with sudo (--dry-run works without)', code });
  }
}

/** The last line of a run that only planned. */
export const DRY_RUN_LINE = 'Dry run: nothing was changed.';

/** The last line of a planned run of a command that applies only when asked (--apply). */
export const applyWithLine = (command: string) => `${DRY_RUN_LINE} Apply with: ${command}`;

/** How a run that changed nothing ends: its JSON, or its plan and a last line. */
export interface PlanOnlyEnding {
  /** The command's --json object. */
  json: () => unknown;
  /** The plan in human output. */
  render: () => void;
  /** The line after the plan (none when undefined); DRY_RUN_LINE unless the command says more. */
  last?: string;
  /** A blank line between the plan and the last line (default true). */
  gap?: boolean;
}

/** The ending of a dry run (or a refusal, or nothing to do): the JSON, or the plan and its last line. */
export function endWithoutChange(ctx: CliContext, end: PlanOnlyEnding): void {
  if (ctx.json) {
    ctx.printJson(end.json());
    return;
  }
  end.render();
  if (end.last === undefined) return;
  if (end.gap !== false) ctx.out();
  ctx.out(end.last);
}

/** applyPlan with the process's SIGINT/SIGTERM as interrupts, released however the run ends. */
export async function applyInterruptibly(
  writer: HostWriter,
  plan: Plan,
  opts: Omit<ApplyOptions, 'interrupts'>,
): Promise<ApplyResult> {
  const signals = processSignals();
  try {
    return await applyPlan(writer, plan, { ...opts, interrupts: signals });
  } finally {
    signals.dispose();
  }
}

/** A failed run in human output: what failed, what was undone, what could not be. */
export function renderApplyFailure(ctx: CliContext, r: ApplyResult, opts: { hint?: boolean } = {}): void {
  ctx.out(ctx.c.red(`Failed: ${r.error?.message ?? 'unknown error'}`));
  if (opts.hint && r.error?.hint) ctx.out(`hint: ${r.error.hint}`);
  if (r.undone.length) ctx.out(`Undone: ${r.undone.join('; ')}`);
  if (r.undoFailed.length)
    ctx.out(
      ctx.c.red(
        `Could not undo (see /run/vfiokit/journal.json; vfiokit restore retries): ${r.undoFailed.join('; ')}`,
      ),
    );
}
