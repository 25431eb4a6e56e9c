/**
 * `vfiokit hook install`: print the hook and its diff, and with --apply write it through the
 * journaled writer; `--undo` removes it. `--json` prints vfiokit.hook/1 (docs/handover.md).
 */
import * as fs from 'node:fs';
import { type ApplyResult, applyPlan, processSignals } from '../../actions/apply.js';
import { type HookPlan, planHookInstall, planHookUndo } from '../../actions/libvirt-hook.js';
import { fileDiff, stepJson } from '../../actions/plan.js';
import { EnvironmentError, ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter } from '../../host/host-writer.js';
import type { HookJson } from '../../schema/outputs/hook.js';
import { applyWithLine, endWithoutChange } from '../action-run.js';
import type { CliContext } from '../context.js';

export interface HookCliOptions {
  domain?: string[];
  vfiokit?: string;
  apply?: boolean;
  dryRun?: boolean;
  undo?: boolean;
  lockWait?: string;
}

/** This program's own path, when it runs as the installed `vfiokit` (bin/vfiokit). */
function selfPath(): string | undefined {
  const a = process.argv[1];
  if (!a || !/\/vfiokit$/.test(a)) return undefined;
  try {
    return fs.realpathSync(a);
  } catch {
    return undefined;
  }
}

export function hookJson(root: string, p: HookPlan, applied: boolean, r?: ApplyResult): HookJson {
  return {
    schema: 'vfiokit.hook/1',
    root,
    mode: p.mode,
    applied,
    ...(p.gpu ? { gpu: p.gpu } : {}),
    domains: p.domains,
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
          },
        }
      : {}),
  };
}

function render(ctx: CliContext, p: HookPlan): void {
  const { c } = ctx;
  ctx.out(
    c.bold(
      `vfiokit hook install${p.mode === 'undo' ? ' --undo' : ''}: ${ctx.root().live ? 'this host' : ctx.root().name}`,
    ),
  );
  if (p.gpu) ctx.out(`GPU: ${p.gpu}`);
  for (const d of p.domains) ctx.out(`  domain ${d.name}: ${d.why}`);
  for (const n of p.notes) ctx.out(c.yellow(`note: ${n}`));
  if (!p.plan.steps.length) {
    ctx.out(
      c.green(
        p.mode === 'undo'
          ? 'Nothing to undo: no vfiokit hook is installed.'
          : 'Nothing to do: the hook is installed as it should be.',
      ),
    );
    return;
  }
  for (const s of p.plan.steps) {
    if (s.kind !== 'file') continue;
    ctx.out();
    ctx.out(c.dim(`# ${s.path}: ${s.why}`));
    for (const line of fileDiff(s).trimEnd().split('\n')) ctx.out(line);
  }
}

// long: one command: options, plan, dry run or apply, report, in order; each part is already a call
export async function runHookInstall(
  ctx: CliContext,
  gpu: string | undefined,
  opts: HookCliOptions,
): Promise<number> {
  if (opts.apply && opts.dryRun) throw new UsageError('--apply and --dry-run contradict each other');
  if (opts.undo && (gpu !== undefined || opts.domain?.length))
    throw new UsageError('--undo removes the hook; it takes no GPU or domains');
  const root = ctx.root();
  const plan = opts.undo
    ? planHookUndo(root)
    : planHookInstall(root, {
        gpu,
        domains: opts.domain ?? [],
        vfiokit:
          opts.vfiokit ??
          selfPath() ??
          (() => {
            throw new UsageError('cannot tell where the vfiokit program is', {
              hint: 'give --vfiokit /usr/local/bin/vfiokit',
            });
          })(),
      });
  if (!opts.apply || !plan.plan.steps.length) {
    endWithoutChange(ctx, {
      json: () => hookJson(root.name, plan, false),
      render: () => render(ctx, plan),
      ...(plan.plan.steps.length
        ? { last: applyWithLine(`vfiokit hook install ${opts.undo ? '--undo ' : ''}--apply`) }
        : {}),
    });
    return ExitCode.ok;
  }
  if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new EnvironmentError('hook install --apply writes to /etc/libvirt: it needs root', {
      hint: 'run it with sudo (the dry run works without)',
      code: 'hook.not-root',
    });
  const lockWait = Number(opts.lockWait ?? '10');
  if (!Number.isFinite(lockWait) || lockWait < 0)
    throw new UsageError('--lock-wait wants a number of seconds');
  if (!ctx.json) render(ctx, plan);
  const signals = processSignals();
  let r: ApplyResult;
  try {
    r = await applyPlan(new DirHostWriter(root.dir), plan.plan, {
      command: `vfiokit hook install${opts.undo ? ' --undo' : ''} --apply`,
      interrupts: signals,
      lockWaitMs: lockWait * 1000,
    });
  } finally {
    signals.dispose();
  }
  if (ctx.json) ctx.printJson(hookJson(root.name, plan, r.ok, r));
  else if (r.ok)
    ctx.out(
      ctx.c.green(
        plan.mode === 'undo' ? 'Removed the hook.' : `Installed ${plan.plan.steps.length ? 'the hook' : ''}.`,
      ),
    );
  else
    ctx.out(
      ctx.c.red(
        `Failed: ${r.error?.message ?? 'unknown error'}${r.undone.length ? `; undone: ${r.undone.join('; ')}` : ''}`,
      ),
    );
  return r.ok ? ExitCode.ok : ExitCode.problem;
}
