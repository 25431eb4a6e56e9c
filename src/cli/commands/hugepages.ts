/**
 * `vfiokit hugepages SPEC`: the hugepages a VM spec needs, reserved ahead of its start: the plan
 * (raise nr_hugepages by the pages missing, then verify the kernel's free count), applied through
 * the journal so a shortfall or a signal puts the pool back. The pages stay reserved after a
 * successful run; the output says how to give them back. `--json` prints vfiokit.hugepages/1.
 */
import { type ApplyResult, applyPlan, processSignals } from '../../actions/apply.js';
import { type HugepagePlan, hugepageNeed, planHugepages } from '../../actions/hugepages.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import { EnvironmentError, ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter } from '../../host/host-writer.js';
import type { HostRoot } from '../../host/root.js';
import { DirSysfsIo } from '../../host/sysfs-io.js';
import { formatBytes } from '../../readiness/memory-size.js';
import type { HugepagesJson } from '../../schema/outputs/hugepages.js';
import { qemuBytes } from '../../vm/definition.js';
import type { CliContext } from '../context.js';
import { readSpecFile } from './config.js';

export interface HugepagesCliOptions {
  node?: string;
  dryRun?: boolean;
  lockWait?: string;
  timeout?: string;
}

function parseSeconds(v: string | undefined, name: string, dflt: number): number {
  const n = Number(v ?? dflt);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} wants a number of seconds`);
  return n;
}

function parseNode(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v))
    throw new UsageError(`--node wants a NUMA node number, not ${JSON.stringify(v.slice(0, 20))}`);
  return Number(v);
}

/** The pool read back after a run, when its files read as counts. */
function readBack(root: HostRoot, dir: string): { nr: number; free: number } | undefined {
  try {
    const nr = root.readAttr(`${dir}/nr_hugepages`);
    const free = root.readAttr(`${dir}/free_hugepages`);
    if (nr === undefined || free === undefined || !/^\d+$/.test(nr) || !/^\d+$/.test(free)) return undefined;
    return { nr: Number(nr), free: Number(free) };
  } catch {
    return undefined;
  }
}

function toJson(
  root: string,
  file: string,
  name: string,
  p: HugepagePlan | undefined,
  applied: boolean,
  r?: ApplyResult,
  after?: { nr: number; free: number },
): HugepagesJson {
  return {
    schema: 'vfiokit.hugepages/1',
    root,
    spec: file,
    name,
    ...(p
      ? {
          need: p.need,
          pool: {
            dir: p.pool.dir,
            nr: p.pool.nr,
            free: p.pool.free,
            resv: p.pool.resv,
            surplus: p.pool.surplus,
          },
          available: p.available,
          add: p.add,
          ...(p.raise ? { raise: p.raise } : {}),
        }
      : {}),
    applied,
    steps: p ? p.plan.steps.map(stepJson) : [],
    notes: p
      ? p.notes
      : ["the VM's RAM is not backed by hugepages (no hugepages: in the spec): nothing to reserve"],
    ...(after ? { after } : {}),
    ...(r
      ? {
          result: {
            ok: r.ok,
            done: r.done,
            undone: r.undone,
            undoFailed: r.undoFailed,
            ...(r.error ? { error: r.error.message, code: r.error.code } : {}),
            ...(r.signal ? { signal: r.signal } : {}),
          },
        }
      : {}),
  };
}

function render(ctx: CliContext, file: string, name: string, p: HugepagePlan): void {
  const { c } = ctx;
  const root = ctx.root();
  const size = formatBytes(p.need.pageSizeKb * 1024);
  ctx.out(c.bold(`vfiokit hugepages ${file}: ${root.live ? 'this host' : root.name}`));
  ctx.out(
    `Guest ${name}: ${formatBytes(p.need.memoryBytes)} of ${size} pages = ${p.need.pages} pages${p.need.node !== undefined ? ` from NUMA node ${p.need.node}` : ''}`,
  );
  ctx.out(
    `Pool ${p.pool.dir}: nr_hugepages ${p.pool.nr}, free ${p.pool.free}, reserved ${p.pool.resv}, surplus ${p.pool.surplus}: ${p.available} usable, ${p.add} to add`,
  );
  for (const n of p.notes) ctx.out(c.yellow(`note: ${n}`));
  ctx.out(c.bold('Steps'));
  p.plan.steps.forEach((s, i) => {
    ctx.out(`  ${i + 1}. ${describeStep(s)}  ${c.dim(`# ${s.why}`)}`);
  });
}

export async function runHugepages(
  ctx: CliContext,
  file: string,
  opts: HugepagesCliOptions,
): Promise<number> {
  const root = ctx.root();
  const lockWait = parseSeconds(opts.lockWait, '--lock-wait', 10);
  const timeout = parseSeconds(opts.timeout, '--timeout', 120);
  const node = parseNode(opts.node);
  const spec = readSpecFile(file);
  const need = hugepageNeed(
    {
      memoryBytes: qemuBytes(spec.memory, 1024 ** 2) as number,
      ...(spec.hugepages ? { hugepageBytes: spec.hugepages === '1G' ? 1024 ** 3 : 2 * 1024 ** 2 } : {}),
    },
    node === undefined ? {} : { node },
  );
  if (!need) {
    if (ctx.json) ctx.printJson(toJson(root.name, file, spec.name, undefined, false));
    else
      ctx.out(
        `${file}: the VM's RAM is not backed by hugepages (no hugepages: in the spec): nothing to reserve.`,
      );
    return ExitCode.ok;
  }
  if (!root.live && !opts.dryRun)
    throw new UsageError('hugepages changes the running host; with --root it only plans', {
      hint: 'add --dry-run',
    });
  const plan = planHugepages(need, root);
  if (opts.dryRun) {
    if (ctx.json) ctx.printJson(toJson(root.name, file, spec.name, plan, false));
    else {
      render(ctx, file, spec.name, plan);
      ctx.out();
      ctx.out('Dry run: nothing was changed.');
    }
    return ExitCode.ok;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new EnvironmentError('hugepages writes to /sys/kernel/mm/hugepages: it needs root', {
      hint: 'run it with sudo (--dry-run works without)',
      code: 'hugepages.not-root',
    });
  if (!ctx.json) render(ctx, file, spec.name, plan);
  const signals = processSignals();
  let r: ApplyResult;
  try {
    r = await applyPlan(new DirHostWriter(root.dir), plan.plan, {
      command: `vfiokit hugepages ${file}`,
      interrupts: signals,
      lockWaitMs: lockWait * 1000,
      sysfs: { io: new DirSysfsIo(root.dir), timeoutMs: timeout * 1000 },
      onStep: ctx.json ? undefined : (l) => ctx.out(`  done: ${l}`),
    });
  } finally {
    signals.dispose();
  }
  const after = readBack(root, plan.pool.dir);
  if (ctx.json) ctx.printJson(toJson(root.name, file, spec.name, plan, r.ok, r, after));
  else if (r.ok) {
    const size = formatBytes(need.pageSizeKb * 1024);
    ctx.out(
      ctx.c.green(
        `Done: ${need.pages} ${size} pages for ${spec.name} are free${after ? ` (nr_hugepages ${after.nr}, free_hugepages ${after.free})` : ''}.`,
      ),
    );
    if (plan.raise) ctx.out(`To give them back: echo ${plan.raise.before} > ${plan.raise.path}`);
  } else {
    ctx.out(ctx.c.red(`Failed: ${r.error?.message ?? 'unknown error'}`));
    if (r.error?.hint) ctx.out(`hint: ${r.error.hint}`);
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
