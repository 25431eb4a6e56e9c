/**
 * `vfiokit setup`: print the plan (a unified diff and the commands), and with --apply carry it
 * out through the journaled writer. `--undo` plans the way back from the record; `--verify`
 * checks a booted machine against the record. `--json` prints vfiokit.setup/1 or
 * vfiokit.setup-verify/1 (docs/setup.md).
 */
import { type ApplyResult, applyPlan, processSignals } from '../../actions/apply.js';
import { fileDiff, shellLine, stepJson } from '../../actions/plan.js';
import { EnvironmentError, ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter, spawnRunner } from '../../host/host-writer.js';
import { planSetup, planUndo, type SetupPlan } from '../../persist/setup-plan.js';
import { verifySetup } from '../../persist/setup-verify.js';
import type { SetupJson } from '../../schema/outputs/setup.js';
import { applyWithLine, endWithoutChange } from '../action-run.js';
import type { CliContext } from '../context.js';
import { SYMBOL } from './doctor.js';

export interface SetupCliOptions {
  group?: string[];
  gpu?: boolean;
  apply?: boolean;
  dryRun?: boolean;
  undo?: boolean;
  verify?: boolean;
  force?: boolean;
  lockWait?: string;
}

function parseGroups(list: string[] | undefined): number[] {
  return (list ?? []).map((g) => {
    if (!/^\d+$/.test(g)) throw new UsageError(`--group wants a group number, not ${JSON.stringify(g)}`);
    return Number(g);
  });
}

export function setupJson(root: string, p: SetupPlan, applied: boolean, r?: ApplyResult): SetupJson {
  return {
    schema: 'vfiokit.setup/1',
    root,
    mode: p.mode,
    applied,
    ...(p.chain
      ? {
          bootLoader: {
            kind: p.chain.loader.kind,
            name: p.chain.loader.name,
            evidence: p.chain.loader.evidence,
          },
          initramfs: {
            kind: p.chain.initramfs.kind,
            name: p.chain.initramfs.name,
            evidence: p.chain.initramfs.evidence,
          },
        }
      : {}),
    devices: p.devices,
    ids: p.ids,
    overrides: p.overrides,
    cmdline: p.cmdline.map((c) => ({ word: c.word, why: c.why })),
    initramfsModules: p.initramfsModules,
    steps: p.plan.steps.map(stepJson),
    notes: p.notes,
    ...(r
      ? {
          result: {
            ok: r.ok,
            done: r.done,
            undone: r.undone,
            undoFailed: r.undoFailed,
            commands: r.commands.map((c) => ({
              argv: c.argv,
              ran: c.result.ran,
              ...(c.result.status !== undefined ? { status: c.result.status } : {}),
              ...(c.result.note ? { note: c.result.note } : {}),
            })),
            ...(r.error ? { error: r.error.message } : {}),
            ...(r.signal ? { signal: r.signal } : {}),
          },
        }
      : {}),
  };
}

function renderPlan(ctx: CliContext, p: SetupPlan, apply: boolean): void {
  const { c } = ctx;
  const where = ctx.root().live ? 'this host' : ctx.root().name;
  ctx.out(c.bold(`vfiokit setup${p.mode === 'undo' ? ' --undo' : ''}: ${where}`));
  if (p.chain) {
    ctx.out(`Boot loader: ${p.chain.loader.name} ${c.dim(`(${p.chain.loader.evidence.join(', ')})`)}`);
    ctx.out(`Initramfs:   ${p.chain.initramfs.name} ${c.dim(`(${p.chain.initramfs.evidence.join(', ')})`)}`);
  }
  ctx.out();
  ctx.out(c.bold(p.mode === 'undo' ? 'Devices set up' : 'Devices to bind to vfio-pci at boot'));
  for (const d of p.devices)
    ctx.out(
      `  ${d.address} [${d.id}]${d.driver ? ` ${d.driver}` : ''}, by ${d.bindBy === 'id' ? 'ID' : 'address'}: ${d.why}`,
    );
  if (p.mode === 'setup') {
    ctx.out();
    ctx.out(c.bold('Kernel command line'));
    for (const w of p.cmdline) ctx.out(`  ${w.word}: ${w.why}`);
    ctx.out(`${c.bold('Initramfs modules')}: ${p.initramfsModules.join(' ')}`);
  }
  for (const n of p.notes) ctx.out(c.yellow(`note: ${n}`));
  const files = p.plan.steps.filter((s) => s.kind === 'file');
  const cmds = p.plan.steps.filter((s) => s.kind === 'command');
  if (!p.plan.steps.length) {
    ctx.out();
    ctx.out(
      c.green(
        p.mode === 'undo'
          ? 'Nothing to undo: every file is as it was.'
          : 'Nothing to do: this host is already set up for these devices.',
      ),
    );
    return;
  }
  for (const f of files) {
    if (f.kind !== 'file') continue;
    ctx.out();
    if (f.showDiff === false) {
      ctx.out(c.dim(`${f.action === 'remove' ? 'remove' : 'write'} ${f.path} (${f.why})`));
      continue;
    }
    ctx.out(c.dim(`# ${f.path}: ${f.why}`));
    for (const line of fileDiff(f).trimEnd().split('\n')) {
      ctx.out(
        line.startsWith('+') && !line.startsWith('+++')
          ? c.green(line)
          : line.startsWith('-') && !line.startsWith('---')
            ? c.red(line)
            : line,
      );
    }
  }
  if (cmds.length) {
    ctx.out();
    ctx.out(c.bold(apply ? 'Commands' : 'Commands it would run'));
    for (const s of cmds) if (s.kind === 'command') ctx.out(`  ${shellLine(s.argv)}  ${c.dim(`# ${s.why}`)}`);
  }
}

function renderResult(ctx: CliContext, r: ApplyResult): void {
  const { c } = ctx;
  ctx.out();
  for (const cmd of r.commands) if (!cmd.result.ran && cmd.result.note) ctx.out(c.dim(cmd.result.note));
  if (r.ok) {
    ctx.out(
      c.green(
        `Done: ${r.done.length} step${r.done.length === 1 ? '' : 's'}. Reboot, then run: vfiokit setup --verify`,
      ),
    );
    return;
  }
  ctx.out(c.red(`Failed: ${r.error?.message ?? 'unknown error'}`));
  if (r.undone.length) {
    ctx.out('Undone:');
    for (const u of r.undone) ctx.out(`  ${u}`);
  }
  if (r.undoFailed.length) {
    ctx.out(c.red('Could not undo (the journal in /run/vfiokit/journal.json lists them):'));
    for (const u of r.undoFailed) ctx.out(`  ${u}`);
  }
}

// long: one command: options, plan, dry run or apply, report, in order; each part is already a call
export async function runSetup(ctx: CliContext, targets: string[], opts: SetupCliOptions): Promise<number> {
  if (opts.verify && (opts.apply || opts.undo || opts.dryRun))
    throw new UsageError('--verify only reads: do not combine it with --apply, --undo or --dry-run');
  if (opts.apply && opts.dryRun) throw new UsageError('--apply and --dry-run contradict each other');
  const root = ctx.root();
  if (opts.verify) {
    const rep = await verifySetup(root, root.live ? spawnRunner : undefined);
    if (ctx.json) ctx.printJson(rep);
    else {
      ctx.out(ctx.c.bold(`vfiokit setup --verify: ${root.live ? 'this host' : root.name}`));
      for (const i of rep.items) ctx.out(`  ${SYMBOL[i.verdict]} ${i.part} ${i.subject}: ${i.evidence}`);
      const s = rep.summary;
      ctx.out(`${s.ok} ok, ${s.fail} not in effect, ${s.unknown} unknown`);
    }
    return rep.summary.fail ? ExitCode.problem : ExitCode.ok;
  }
  if (opts.undo && (targets.length || opts.group?.length || opts.gpu))
    throw new UsageError('--undo takes back everything setup did; it takes no targets');
  const plan = opts.undo
    ? planUndo(root, { force: opts.force })
    : planSetup(
        root,
        { items: targets, groups: parseGroups(opts.group), gpu: Boolean(opts.gpu) },
        { force: opts.force },
      );
  if (!opts.apply || !plan.plan.steps.length) {
    endWithoutChange(ctx, {
      json: () => setupJson(root.name, plan, false),
      render: () => renderPlan(ctx, plan, false),
      ...(plan.plan.steps.length
        ? { last: applyWithLine(`vfiokit setup ${opts.undo ? '--undo ' : ''}--apply`) }
        : {}),
    });
    return ExitCode.ok;
  }
  if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new EnvironmentError('setup --apply writes to /etc and runs the boot tools: it needs root', {
      hint: 'run it with sudo (the dry run works without)',
      code: 'setup.not-root',
    });
  }
  const lockWait = Number(opts.lockWait ?? '10');
  if (!Number.isFinite(lockWait) || lockWait < 0)
    throw new UsageError('--lock-wait wants a number of seconds');
  if (!ctx.json) renderPlan(ctx, plan, true);
  const writer = new DirHostWriter(root.dir);
  const signals = processSignals();
  let r: ApplyResult;
  try {
    r = await applyPlan(writer, plan.plan, {
      command: `vfiokit setup ${opts.undo ? '--undo ' : ''}--apply`,
      interrupts: signals,
      lockWaitMs: lockWait * 1000,
    });
  } finally {
    signals.dispose();
  }
  if (ctx.json) ctx.printJson(setupJson(root.name, plan, r.ok, r));
  else renderResult(ctx, r);
  return r.ok ? ExitCode.ok : ExitCode.problem;
}
