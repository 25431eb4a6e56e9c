/**
 * `vfiokit handover GPU` / `vfiokit handback [GPU]`: print the plan, refuse what the guard finds
 * the host still using, and apply the plan through the journal (docs/handover.md). `--json`
 * prints vfiokit.handover/1.
 */
import { type ApplyResult, applyPlan, processSignals } from '../../actions/apply.js';
import { formatFindings, type GuardFinding } from '../../actions/guard.js';
import { type HandoverPlan, planHandback, planHandover } from '../../actions/handover.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import { EnvironmentError, ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter } from '../../host/host-writer.js';
import { DirSysfsIo } from '../../host/sysfs-io.js';
import { readHostUsage } from '../../host/usage.js';
import type { HandoverJson } from '../../schema/outputs/handover.js';
import type { GuardFindingJson } from '../../schema/runtime.js';
import type { CliContext } from '../context.js';

export interface HandoverCliOptions {
  dryRun?: boolean;
  force?: boolean;
  lockWait?: string;
  timeout?: string;
}

const findingJson = (f: GuardFinding): GuardFindingJson => ({
  address: f.address,
  verdict: f.verdict,
  kind: f.kind,
  what: f.what,
  why: f.why,
  evidence: f.evidence,
});

export function handoverJson(root: string, p: HandoverPlan, applied: boolean, r?: ApplyResult): HandoverJson {
  return {
    schema: 'vfiokit.handover/1',
    root,
    mode: p.mode,
    gpu: p.gpu,
    applied,
    ...(p.displayManager
      ? { displayManager: { unit: p.displayManager.unit, active: p.displayManager.active } }
      : {}),
    devices: p.binding.devices.map((d) => ({
      address: d.address,
      id: d.id,
      driver: d.driver,
      to: d.to,
      action: d.action,
      why: d.why,
    })),
    refusals: p.refusals.map(findingJson),
    ended: p.ended.map(findingJson),
    steps: p.plan.steps.map(stepJson),
    notes: p.notes,
    ...(r
      ? {
          result: {
            ok: r.ok,
            done: r.done,
            undone: r.undone,
            undoFailed: r.undoFailed,
            ...(r.error ? { error: r.error.message } : {}),
            ...(r.signal ? { signal: r.signal } : {}),
          },
        }
      : {}),
  };
}

function render(ctx: CliContext, p: HandoverPlan): void {
  const { c } = ctx;
  ctx.out(c.bold(`vfiokit ${p.mode} ${p.gpu}: ${ctx.root().live ? 'this host' : ctx.root().name}`));
  if (p.displayManager)
    ctx.out(
      `Display manager: ${p.displayManager.unit} (${p.displayManager.active ? 'running' : 'not running'})`,
    );
  for (const d of p.binding.devices)
    ctx.out(`  ${d.address} [${d.id}] ${d.driver ?? 'no driver'} -> ${d.to ?? 'no driver'}: ${d.why}`);
  if (p.ended.length) {
    ctx.out(c.bold('Uses it ends'));
    for (const l of formatFindings(p.ended)) ctx.out(`  ${l}`);
  }
  for (const n of p.notes) ctx.out(c.yellow(`note: ${n}`));
  ctx.out(c.bold('Steps'));
  p.plan.steps.forEach((s, i) => {
    ctx.out(`  ${i + 1}. ${describeStep(s)}  ${c.dim(`# ${s.why}`)}`);
  });
}

function parseSeconds(v: string | undefined, name: string, dflt: number): number {
  const n = Number(v ?? dflt);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} wants a number of seconds`);
  return n;
}

export async function runHandover(
  ctx: CliContext,
  mode: 'handover' | 'handback',
  gpu: string | undefined,
  opts: HandoverCliOptions,
): Promise<number> {
  const root = ctx.root();
  const lockWait = parseSeconds(opts.lockWait, '--lock-wait', 10);
  const timeout = parseSeconds(opts.timeout, '--timeout', 20);
  if (!root.live && !opts.dryRun)
    throw new UsageError(`${mode} changes the running host; with --root it only plans`, {
      hint: 'add --dry-run',
    });
  const plan =
    mode === 'handover'
      ? planHandover(root, gpu ?? '', {
          usage: readHostUsage(root, root.live ? { env: process.env, pid: process.pid } : {}),
          force: opts.force,
        })
      : planHandback(root, gpu);
  if (plan.refusals.length) {
    if (ctx.json) ctx.printJson(handoverJson(root.name, plan, false));
    else {
      ctx.err(
        `vfiokit: refusing to hand over ${plan.gpu}: the host uses these devices in ways handover does not end`,
      );
      for (const l of formatFindings(plan.refusals)) ctx.err(`  ${l}`);
      ctx.err('  (nothing was changed; check the host does not need them, then add --force)');
    }
    return ExitCode.problem;
  }
  if (opts.dryRun) {
    if (ctx.json) ctx.printJson(handoverJson(root.name, plan, false));
    else {
      render(ctx, plan);
      ctx.out();
      ctx.out('Dry run: nothing was changed.');
    }
    return ExitCode.ok;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new EnvironmentError(`${mode} writes to sysfs and stops services: it needs root`, {
      hint: 'run it with sudo (--dry-run works without)',
      code: 'handover.not-root',
    });
  if (!ctx.json) render(ctx, plan);
  const signals = processSignals();
  let r: ApplyResult;
  try {
    r = await applyPlan(new DirHostWriter(root.dir), plan.plan, {
      command: `vfiokit ${mode} ${plan.gpu}`,
      interrupts: signals,
      lockWaitMs: lockWait * 1000,
      sysfs: { io: new DirSysfsIo(root.dir), timeoutMs: timeout * 1000 },
      onStep: ctx.json ? undefined : (l) => ctx.out(`  done: ${l}`),
    });
  } finally {
    signals.dispose();
  }
  if (ctx.json) ctx.printJson(handoverJson(root.name, plan, r.ok, r));
  else if (r.ok) ctx.out(ctx.c.green(`Done: ${r.done.length} steps.`));
  else {
    ctx.out(ctx.c.red(`Failed: ${r.error?.message ?? 'unknown error'}`));
    if (r.undone.length) ctx.out(`Undone: ${r.undone.join('; ')}`);
    if (r.undoFailed.length)
      ctx.out(
        ctx.c.red(
          `Could not undo (see /run/vfiokit/journal.json; vfiokit restore retries): ${r.undoFailed.join('; ')}`,
        ),
      );
  }
  return r.ok ? ExitCode.ok : ExitCode.problem;
}
