/**
 * `vfiokit up SPEC`: the doctor's checks for the spec, then hugepages and binding through the
 * journal, QEMU in the foreground checked over QMP, and everything given back when it ends
 * (src/actions/up.ts; docs/vm.md#vfiokit-up). `--dry-run` prints every step; `--json` prints
 * vfiokit.up/1.
 */
import { type ApplyResult, applyPlan, pendingJournals, processSignals } from '../../actions/apply.js';
import { GuardRefusal } from '../../actions/bind.js';
import { formatFindings, guardDevices } from '../../actions/guard.js';
import { findHolders } from '../../actions/holders.js';
import { describeStep, stepJson } from '../../actions/plan.js';
import {
  type HugepagePart,
  planUp,
  planVarsStore,
  planVmHugepages,
  processAlive,
  type RunReport,
  readVmState,
  refuseHeldDevices,
  runningVms,
  runVm,
  type UpPlan,
  withAccel,
  writeState,
} from '../../actions/up.js';
import { EnvironmentError, ExitCode, UsageError, VfiokitError } from '../../errors.js';
import { DirHostWriter, type HostWriter } from '../../host/host-writer.js';
import { scanPciDevices } from '../../host/pci-sysfs.js';
import type { HostRoot } from '../../host/root.js';
import { DirSysfsIo, type SysfsIo } from '../../host/sysfs-io.js';
import { readHostUsage } from '../../host/usage.js';
import type { Check } from '../../readiness/check.js';
import { buildDoctorReport, type DoctorReport } from '../../readiness/doctor.js';
import type { UpJson } from '../../schema/outputs/up.js';
import type { VmModel } from '../../vm/model.js';
import { formatQemuShell, renderQemu } from '../../vm/render-qemu.js';
import { resolveSpecDevices } from '../../vm/spec/to-definition.js';
import { DRY_RUN_LINE, endWithoutChange } from '../action-run.js';
import type { CliContext } from '../context.js';
import { buildModelForHost, readSpecFile } from './config.js';
import { readVmDefinition } from './vm-file.js';

export interface UpCliOptions {
  dryRun?: boolean;
  force?: boolean;
  accel?: string;
  firmwareDir?: string[];
  lockWait?: string;
  timeout?: string;
  startTimeout?: string;
  checkTimeout?: string;
}

/** What tests put in place of the live host's parts (the simulated sysfs, a stand-in device). */
export interface UpDeps {
  io?: SysfsIo;
  writer?: HostWriter;
  /** The hugepage steps for a model (default: hugepages.ts over the root). */
  hugepages?: (root: HostRoot, model: VmModel) => HugepagePart | undefined;
  /** Changes the plan before it runs (a test's stand-in for an assigned device). */
  adjust?: (plan: UpPlan) => void;
  onRunning?: (r: RunReport) => void;
}

const SIGNAL_NUMBER: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function seconds(v: string | undefined, name: string, dflt: number): number {
  const n = Number(v ?? dflt);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new UsageError(`${name} wants a number of seconds`);
  return n;
}

/**
 * Failures the run fixes itself are not refusals: the hugepage pool (up raises it) and the
 * devices' drivers and group viability (up binds the groups); the doctor marks those as warnings
 * or, for the pool, a failure.
 */
function handledByUp(c: Check, model: VmModel): boolean {
  return c.id === 'hugepages.pool' && model.hugepageBytes !== undefined;
}

export function upJson(
  root: string,
  plan: UpPlan,
  doctor: { report: DoctorReport; refusals: Check[]; handled: Check[] },
  applied: boolean,
  r?: ApplyResult,
  run?: RunReport,
): UpJson {
  const check = (c: Check) => ({
    id: c.id,
    title: c.title,
    verdict: c.verdict,
    ...(c.device ? { device: c.device } : {}),
    ...(c.fix ? { fix: c.fix } : {}),
  });
  return {
    schema: 'vfiokit.up/1',
    root,
    name: plan.name,
    applied,
    doctor: {
      summary: doctor.report.summary,
      refusals: doctor.refusals.map(check),
      handled: doctor.handled.map(check),
    },
    devices: plan.binding.devices.map((d) => ({
      address: d.address,
      id: d.id,
      driver: d.driver,
      to: d.to,
      action: d.action,
      why: d.why,
    })),
    steps: plan.plan.steps.map(stepJson),
    ...(plan.vars ? { vars: plan.vars } : {}),
    pinning: plan.pinning,
    qemu: {
      argv: plan.argv,
      qmp: plan.paths.qmp,
      control: plan.paths.control,
      pidfile: plan.paths.pidfile,
      state: plan.paths.state,
    },
    expect: plan.expect.map((e) => ({ alias: e.alias, host: e.host, vendor: e.vendor, device: e.device })),
    cleanup: plan.cleanup,
    notes: plan.notes,
    ...(r
      ? {
          result: {
            ok: r.ok,
            outcome: run?.outcome ?? 'prepare-failed',
            ...(run?.qemuPid !== undefined ? { qemuPid: run.qemuPid } : {}),
            ...(run?.qemuExit ? { qemuExit: run.qemuExit } : {}),
            ...(run?.stoppedBy ? { stoppedBy: run.stoppedBy } : {}),
            checks: (run?.checks ?? []).map((c) => ({
              alias: c.alias,
              host: c.host,
              ok: c.ok,
              ...(c.where ? { where: c.where } : {}),
              ...(c.seen ? { seen: c.seen } : {}),
            })),
            done: r.done,
            undone: r.undone,
            undoFailed: r.undoFailed,
            ...(r.error ? { error: r.error.message } : {}),
            ...(r.signal || run?.signal ? { signal: r.signal ?? run?.signal } : {}),
            ...(run?.pinned ? { pinned: run.pinned } : {}),
          },
        }
      : {}),
  };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function render(
  ctx: CliContext,
  plan: UpPlan,
  doctor: { report: DoctorReport; refusals: Check[]; handled: Check[] },
): void {
  const { c } = ctx;
  const s = doctor.report.summary;
  ctx.out(c.bold(`vfiokit up ${plan.name}: ${ctx.root().live ? 'this host' : ctx.root().name}`));
  ctx.out(c.bold('1. Doctor'));
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  ctx.out(`  ${s.ok} ok, ${n(s.warn, 'warning')}, ${n(s.fail, 'failure')}, ${s.unknown} unknown`);
  for (const x of doctor.refusals)
    ctx.out(c.red(`  ✗ ${x.title}${x.device ? ` (${x.device})` : ''}${x.fix ? `: ${x.fix}` : ''}`));
  for (const x of doctor.handled) ctx.out(`  ✗ ${x.title}: up does this (step 2)`);
  ctx.out(c.bold('2. Hugepages'));
  if (!plan.hugepages) ctx.out('  none: guest RAM is ordinary memory');
  else {
    if (plan.hugepages.summary) ctx.out(`  ${plan.hugepages.summary}`);
    for (const st of plan.hugepages.steps) ctx.out(`  ${describeStep(st)}  ${c.dim(`# ${st.why}`)}`);
    if (!plan.hugepages.steps.length) ctx.out('  nothing to change: the free pages are there');
  }
  ctx.out(c.bold('3. Devices onto vfio-pci'));
  for (const d of plan.binding.devices)
    ctx.out(`  ${d.address} [${d.id}] ${d.driver ?? 'no driver'} -> ${d.to ?? 'no driver'}: ${d.why}`);
  for (const st of plan.binding.plan.steps) ctx.out(`  ${describeStep(st)}  ${c.dim(`# ${st.why}`)}`);
  if (!plan.binding.devices.length) ctx.out('  no assigned devices');
  for (const n of plan.notes) ctx.out(c.yellow(`  note: ${n}`));
  ctx.out(c.bold('4. QEMU, in the foreground'));
  if (plan.vars) {
    const st = plan.plan.steps.find((x) => x.kind === 'file' && x.keepOnceHeld);
    if (st) ctx.out(`  ${describeStep(st)} from ${plan.vars.template}, mode 0600  ${c.dim(`# ${st.why}`)}`);
    else ctx.out(`  OVMF variable store ${plan.vars.path}: exists, kept as it is`);
  }
  ctx.out(`  ${formatQemuShell(plan.argv).replace(/\n/g, '\n  ')}`);
  for (const e of plan.expect)
    ctx.out(`  check over QMP: ${e.alias} (${e.host}) in query-pci as ${hex4(e.vendor)}:${hex4(e.device)}`);
  for (const l of plan.pinning) ctx.out(`  pin after the checks: ${l}`);
  if (plan.pinning.length)
    ctx.out(`  verify each: /proc/QEMU_PID/task/TID/status Cpus_allowed_list; a failure stops the VM`);
  ctx.out(`  record: ${plan.paths.state}`);
  ctx.out(c.bold('5. When QEMU ends, on a signal or a failure'));
  for (const l of plan.cleanup) ctx.out(`  ${l}`);
}

/** The doctor's report for the spec, with what refuses the run and what the run fixes itself. */
async function doctorFor(ctx: CliContext, file: string, model: VmModel) {
  let vm = readVmDefinition(file);
  if (vm.specDevices?.length) vm = resolveSpecDevices(vm, scanPciDevices(ctx.root()).devices);
  const report = await buildDoctorReport(ctx.host(), { vm });
  const failures = report.checks.filter((x) => x.verdict === 'fail');
  return {
    report,
    refusals: failures.filter((x) => !handledByUp(x, model)),
    handled: failures.filter((x) => handledByUp(x, model)),
  };
}

// long: one command: options, plan, dry run or launch, report, in order; each part is already a call
export async function runUp(
  ctx: CliContext,
  file: string,
  opts: UpCliOptions,
  deps: UpDeps = {},
): Promise<number> {
  const root = ctx.root();
  const accel = opts.accel ?? 'kvm';
  if (accel !== 'kvm' && accel !== 'tcg')
    throw new UsageError(`--accel is kvm or tcg, not ${JSON.stringify(accel.slice(0, 20))}`);
  const lockWaitMs = seconds(opts.lockWait, '--lock-wait', 10) * 1000;
  const timeoutMs = seconds(opts.timeout, '--timeout', 20) * 1000;
  const startTimeoutMs = seconds(opts.startTimeout, '--start-timeout', 60) * 1000;
  const checkTimeoutMs = seconds(opts.checkTimeout, '--check-timeout', 60) * 1000;
  if (!deps.io && !root.live && !opts.dryRun)
    throw new UsageError('up changes the running host and starts QEMU; with --root it only plans', {
      hint: 'add --dry-run',
    });
  const spec = readSpecFile(file);
  const { model, notes } = buildModelForHost(ctx, spec, { firmwareDir: opts.firmwareDir });
  const argv = withAccel(renderQemu(model).argv, accel);
  const doctor = await doctorFor(ctx, file, model);
  const writer = deps.writer ?? new DirHostWriter(root.dir);
  const hugepages = (deps.hugepages ?? planVmHugepages)(root, model);
  const vars = planVarsStore(writer, model);
  let plan: UpPlan;
  try {
    plan = planUp(root, {
      model,
      argv,
      hugepages,
      ...(vars ? { vars } : {}),
      // A plan for a snapshot shows the host's paths: it never runs there.
      resolve: (p) => (root.live || deps.io ? writer.resolve(p) : p),
      bind: {
        force: opts.force,
        holders: (devs) => findHolders(root, devs),
        guard: (devs) =>
          guardDevices(
            readHostUsage(root, root.live ? { env: process.env, pid: process.pid } : {}),
            devs.map((d) => ({ address: d.address, classCode: d.classCode })),
          ),
      },
    });
  } catch (e) {
    if (e instanceof GuardRefusal && !ctx.json) for (const l of formatFindings(e.findings)) ctx.out(l);
    throw e;
  }
  plan.notes.push(...notes);
  if (accel === 'tcg')
    plan.notes.push('--accel tcg: QEMU emulates the CPU (no KVM); -cpu host became -cpu max');
  deps.adjust?.(plan);

  // A device or group another running VM holds: refused whatever --force says (QEMU could not
  // open the group: the kernel gives a VFIO group to one user at a time).
  refuseHeldDevices(plan, runningVms(writer));
  const refused = doctor.refusals.length > 0 && !opts.force;
  if (opts.force && doctor.refusals.length)
    plan.notes.push(
      `--force: ${doctor.refusals.length} doctor failure(s) not fixed: ${doctor.refusals.map((x) => x.id).join(', ')}`,
    );
  if (opts.dryRun || refused) {
    endWithoutChange(ctx, {
      json: () => upJson(root.name, plan, doctor, false),
      render: () => render(ctx, plan, doctor),
      last: refused
        ? ctx.c.red(
            `Refused: the doctor found ${doctor.refusals.length} failure(s) (above); nothing was changed. Fix them, or add --force.`,
          )
        : DRY_RUN_LINE,
    });
    return refused ? ExitCode.problem : ExitCode.ok;
  }
  if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new EnvironmentError('up binds devices and raises hugepages: it needs root', {
      hint: 'run it with sudo (--dry-run works without)',
      code: 'up.not-root',
    });
  const old = readVmState(writer, plan.name);
  if (old?.phase === 'running' && processAlive(old.pid))
    throw new VfiokitError(`VM ${plan.name} is running already (vfiokit up, pid ${old.pid})`, {
      hint: `vfiokit down ${plan.name}`,
      code: 'up.running',
    });
  const j = pendingJournals(writer).find((x) => !processAlive(x.journal.pid))?.journal;
  if (j)
    throw new VfiokitError(`a run of ${j.command} (pid ${j.pid}) ended without its clean-up`, {
      hint: 'vfiokit restore undoes what it left, then run up again',
      code: 'up.journal-open',
    });

  if (!ctx.json) {
    render(ctx, plan, doctor);
    ctx.out();
  }
  const io = deps.io ?? new DirSysfsIo(root.dir);
  const signals = processSignals();
  const run: RunReport = { checks: [], stderrTail: [] };
  let r: ApplyResult;
  try {
    r = await applyPlan(writer, plan.plan, {
      command: `vfiokit up ${plan.name}`,
      journalPath: plan.paths.journal,
      interrupts: signals,
      lockWaitMs,
      sysfs: {
        io,
        timeoutMs,
        holders: (address) => {
          const d = scanPciDevices(root).devices.find((x) => x.address === address);
          if (!d) return undefined;
          const h = findHolders(root, [d]);
          return h.busy.map((b) => b.line.replace(`${address}: `, '')).join(', ') || h.unknown;
        },
      },
      onStep: ctx.json ? undefined : (l) => ctx.out(`  done: ${l}`),
      hold: (ctl) =>
        runVm(
          plan,
          {
            writer,
            hold: ctl,
            interrupts: signals,
            startTimeoutMs,
            checkTimeoutMs,
            onOutput: (l) => ctx.err(`qemu: ${l}`),
            onProgress: ctx.json ? undefined : (l) => ctx.out(`  ${l}`),
            onRunning: deps.onRunning,
          },
          run,
        ),
    });
  } finally {
    signals.dispose();
  }
  if (r.held) {
    writeState(writer, plan, run, 'ended', {
      ok: r.undoFailed.length === 0,
      undone: r.undone,
      undoFailed: r.undoFailed,
    });
  } else run.outcome = 'prepare-failed';
  if (ctx.json) ctx.printJson(upJson(root.name, plan, doctor, r.held === true, r, run));
  else {
    if (r.error) ctx.out(ctx.c.red(`Failed: ${r.error.message}`));
    else ctx.out(ctx.c.green(`The VM ended (QEMU ${run.qemuExit ? exitWords(run.qemuExit) : 'ended'}).`));
    if (r.undone.length) ctx.out(`Undone: ${r.undone.join('; ')}`);
    if (r.undoFailed.length)
      ctx.out(
        ctx.c.red(
          `Could not undo (see ${plan.paths.journal}; vfiokit restore retries): ${r.undoFailed.join('; ')}`,
        ),
      );
  }
  if (r.undoFailed.length) return ExitCode.problem;
  const sig = run.signal ?? r.signal;
  if (sig && SIGNAL_NUMBER[sig]) return 128 + SIGNAL_NUMBER[sig];
  if (r.error) return r.error.exitCode;
  return ExitCode.ok;
}

function exitWords(e: { code: number | null; signal: string | null }): string {
  return e.signal ? `killed by ${e.signal}` : `exit status ${e.code}`;
}
