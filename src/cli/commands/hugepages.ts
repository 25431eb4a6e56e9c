/**
 * `vfiokit hugepages SPEC`: the hugepages a VM spec needs, reserved ahead of its start: the plan
 * (raise nr_hugepages by the pages missing, verify the kernel's free count, keep a record of the
 * raise), applied through the journal so a shortfall or a signal puts the pool back.
 * `--release` takes the pages the record says were raised off the pool, never below the pages in
 * use or reserved (another VM's stay). `--json` prints vfiokit.hugepages/1.
 */
import type { ApplyResult } from '../../actions/apply.js';
import {
  type HugepagePlan,
  type HugepagesRecord,
  hugepageNeed,
  hugepageRecordPath,
  hugepageRecordStep,
  planHugepageReleaseFromRecord,
  planHugepages,
} from '../../actions/hugepages.js';
import { describeStep, type Plan, stepJson } from '../../actions/plan.js';
import { ExitCode, UsageError } from '../../errors.js';
import { DirHostWriter } from '../../host/host-writer.js';
import type { HostRoot } from '../../host/root.js';
import { DirSysfsIo } from '../../host/sysfs-io.js';
import { formatBytes } from '../../readiness/memory-size.js';
import type { HugepagesJson } from '../../schema/outputs/hugepages.js';
import { qemuBytes } from '../../vm/definition.js';
import type { VmSpec } from '../../vm/spec/schema.js';
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
import { readSpecFile } from './config.js';

export interface HugepagesCliOptions {
  node?: string;
  release?: boolean;
  dryRun?: boolean;
  lockWait?: string;
  timeout?: string;
}

function parseNode(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v))
    throw new UsageError(`--node wants a NUMA node number, not ${JSON.stringify(v.slice(0, 20))}`);
  return Number(v);
}

/** The pool read back after a run, when its files read as counts. */
function readBack(root: HostRoot, nrFile: string): { nr: number; free: number } | undefined {
  const dir = nrFile.slice(0, nrFile.lastIndexOf('/'));
  try {
    const nr = root.readAttr(`${dir}/nr_hugepages`);
    const free = root.readAttr(`${dir}/free_hugepages`);
    if (nr === undefined || free === undefined || !/^\d+$/.test(nr) || !/^\d+$/.test(free)) return undefined;
    return { nr: Number(nr), free: Number(free) };
  } catch {
    return undefined;
  }
}

interface Run {
  mode: 'reserve' | 'release';
  file: string;
  name: string;
  hp?: HugepagePlan;
  record?: HugepagesRecord;
  plan: Plan;
  notes: string[];
}

function toJson(
  root: string,
  run: Run,
  applied: boolean,
  r?: ApplyResult,
  after?: { nr: number; free: number },
): HugepagesJson {
  const p = run.hp;
  const raise = p?.raise ?? run.record?.raise;
  return {
    schema: 'vfiokit.hugepages/1',
    root,
    spec: run.file,
    mode: run.mode,
    name: run.name,
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
        }
      : {}),
    ...(raise ? { raise } : {}),
    applied,
    steps: run.plan.steps.map(stepJson),
    notes: run.notes,
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

function render(ctx: CliContext, run: Run): void {
  const { c } = ctx;
  const root = ctx.root();
  ctx.out(
    c.bold(
      `vfiokit hugepages ${run.file}${run.mode === 'release' ? ' --release' : ''}: ${root.live ? 'this host' : root.name}`,
    ),
  );
  const p = run.hp;
  if (p) {
    ctx.out(
      `Guest ${run.name}: ${formatBytes(p.need.memoryBytes)} of ${formatBytes(p.need.pageSizeKb * 1024)} pages = ${p.need.pages} pages${p.need.node !== undefined ? ` from NUMA node ${p.need.node}` : ''}`,
    );
    ctx.out(
      `Pool ${p.pool.dir}: nr_hugepages ${p.pool.nr}, free ${p.pool.free}, reserved ${p.pool.resv}, surplus ${p.pool.surplus}: ${p.available} usable, ${p.add} to add`,
    );
  }
  if (run.record) {
    const r = run.record.raise;
    ctx.out(
      `Raised for ${run.name}: ${r.path} from ${r.before} to ${r.to}, ${r.added ?? r.to - r.before} pages added`,
    );
  }
  for (const n of run.notes) ctx.out(c.yellow(`note: ${n}`));
  ctx.out(c.bold('Steps'));
  run.plan.steps.forEach((s, i) => {
    ctx.out(`  ${i + 1}. ${describeStep(s)}  ${c.dim(`# ${s.why}`)}`);
  });
}

function reservePlan(root: HostRoot, file: string, spec: VmSpec, node: number | undefined): Run | undefined {
  const need = hugepageNeed(
    {
      memoryBytes: qemuBytes(spec.memory, 1024 ** 2) as number,
      ...(spec.hugepages ? { hugepageBytes: spec.hugepages === '1G' ? 1024 ** 3 : 2 * 1024 ** 2 } : {}),
    },
    node === undefined ? {} : { node },
  );
  if (!need) return undefined;
  const hp = planHugepages(need, root);
  const record = hugepageRecordStep(root, spec.name, hp);
  return {
    mode: 'reserve',
    file,
    name: spec.name,
    hp,
    plan: { steps: [...hp.plan.steps, ...(record ? [record] : [])] },
    notes: hp.notes,
  };
}

// long: one command: options, plan, dry run or apply, report, in order; each part is already a call
export async function runHugepages(
  ctx: CliContext,
  file: string,
  opts: HugepagesCliOptions,
): Promise<number> {
  const root = ctx.root();
  const lockWaitMs = secondsOption(opts.lockWait, '--lock-wait', 10);
  const timeoutMs = secondsOption(opts.timeout, '--timeout', 120);
  const node = parseNode(opts.node);
  if (opts.release && node !== undefined)
    throw new UsageError('--release takes no --node: the record names the pool');
  const spec = readSpecFile(file);
  let run: Run | undefined;
  let nothing: string;
  if (opts.release) {
    const rel = planHugepageReleaseFromRecord(root, spec.name);
    run = rel && { mode: 'release', file, name: spec.name, record: rel.record, plan: rel.plan, notes: [] };
    nothing = `no hugepages raised for ${spec.name} (no ${hugepageRecordPath(spec.name)}): nothing to give back`;
  } else {
    run = reservePlan(root, file, spec, node);
    nothing = "the VM's RAM is not backed by hugepages (no hugepages: in the spec): nothing to reserve";
  }
  if (!run) {
    if (ctx.json)
      ctx.printJson(
        toJson(
          root.name,
          {
            mode: opts.release ? 'release' : 'reserve',
            file,
            name: spec.name,
            plan: { steps: [] },
            notes: [nothing],
          },
          false,
        ),
      );
    else ctx.out(`${file}: ${nothing}.`);
    return ExitCode.ok;
  }
  if (opts.dryRun) {
    const planned = run;
    endWithoutChange(ctx, {
      json: () => toJson(root.name, planned, false),
      render: () => render(ctx, planned),
      last: DRY_RUN_LINE,
    });
    return ExitCode.ok;
  }
  refuseRootCopy(root, opts.dryRun, 'hugepages changes the running host; with --root it only plans');
  requireRoot(root, 'hugepages writes to /sys/kernel/mm/hugepages: it needs root', 'hugepages.not-root');
  if (!ctx.json) render(ctx, run);
  const r = await applyInterruptibly(new DirHostWriter(root.dir), run.plan, {
    command: `vfiokit hugepages ${file}${opts.release ? ' --release' : ''}`,
    lockWaitMs,
    sysfs: { io: new DirSysfsIo(root.dir), timeoutMs },
    onStep: ctx.json ? undefined : (l) => ctx.out(`  done: ${l}`),
  });
  const nrFile = run.hp ? `${run.hp.pool.dir}/nr_hugepages` : run.record?.raise.path;
  const after = nrFile ? readBack(root, nrFile) : undefined;
  if (ctx.json) ctx.printJson(toJson(root.name, run, r.ok, r, after));
  else if (r.ok) {
    const now = after ? ` (nr_hugepages ${after.nr}, free_hugepages ${after.free})` : '';
    if (run.mode === 'release')
      ctx.out(ctx.c.green(`Done: the pages raised for ${spec.name} are given back${now}.`));
    else {
      const hp = run.hp as HugepagePlan;
      ctx.out(
        ctx.c.green(
          `Done: ${hp.need.pages} ${formatBytes(hp.need.pageSizeKb * 1024)} pages for ${spec.name} are free${now}.`,
        ),
      );
      if (hp.raise) ctx.out(`Give them back with: vfiokit hugepages ${file} --release`);
    }
  } else renderApplyFailure(ctx, r, { hint: true });
  return r.ok ? ExitCode.ok : ExitCode.problem;
}
