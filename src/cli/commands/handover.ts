/**
 * `vfiokit handover GPU` / `vfiokit handback [GPU]`: print the plan, refuse what the guard finds
 * the host still using, and apply the plan through the journal (docs/handover.md). `--json`
 * prints vfiokit.handover/1.
 */
import type { ApplyResult } from '../../actions/apply.js';
import { formatFindings, type GuardFinding } from '../../actions/guard.js';
import { type HandoverPlan, planHandback, planHandover } from '../../actions/handover.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import { ExitCode } from '../../errors.js';
import { DirHostWriter } from '../../host/host-writer.js';
import { DirSysfsIo } from '../../host/sysfs-io.js';
import { readHostUsage } from '../../host/usage.js';
import type { HandoverJson } from '../../schema/outputs/handover.js';
import type { GuardFindingJson } from '../../schema/runtime.js';
import {
  applyInterruptibly,
  DRY_RUN_LINE,
  endWithoutChange,
  refuseRootCopy,
  renderApplyFailure,
  requireRoot,
  secondsOption,
} from '../action-run.js';
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

export async function runHandover(
  ctx: CliContext,
  mode: 'handover' | 'handback',
  gpu: string | undefined,
  opts: HandoverCliOptions,
): Promise<number> {
  const root = ctx.root();
  const lockWaitMs = secondsOption(opts.lockWait, '--lock-wait', 10);
  const timeoutMs = secondsOption(opts.timeout, '--timeout', 20);
  refuseRootCopy(root, opts.dryRun, `${mode} changes the running host; with --root it only plans`);
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
    endWithoutChange(ctx, {
      json: () => handoverJson(root.name, plan, false),
      render: () => render(ctx, plan),
      last: DRY_RUN_LINE,
    });
    return ExitCode.ok;
  }
  requireRoot(root, `${mode} writes to sysfs and stops services: it needs root`, 'handover.not-root');
  if (!ctx.json) render(ctx, plan);
  const r = await applyInterruptibly(new DirHostWriter(root.dir), plan.plan, {
    command: `vfiokit ${mode} ${plan.gpu}`,
    lockWaitMs,
    sysfs: { io: new DirSysfsIo(root.dir), timeoutMs },
    onStep: ctx.json ? undefined : (l) => ctx.out(`  done: ${l}`),
  });
  if (ctx.json) ctx.printJson(handoverJson(root.name, plan, r.ok, r));
  else if (r.ok) ctx.out(ctx.c.green(`Done: ${r.done.length} steps.`));
  else renderApplyFailure(ctx, r);
  return r.ok ? ExitCode.ok : ExitCode.problem;
}
