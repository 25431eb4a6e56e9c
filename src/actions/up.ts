/**
 * `vfiokit up SPEC`: run a VM on its assigned devices with everything it needs made ready first
 * and given back after, on every exit path.
 *
 *   1. the doctor's checks for the spec (the caller runs them; failures refuse the run);
 *   2. hugepages for guest RAM (hugepages.ts: raise nr_hugepages, verify the free count);
 *   3. the assigned devices' IOMMU groups onto vfio-pci (bind.ts: the whole group, journaled);
 *   4. QEMU in the foreground with two QMP monitors under /run/vfiokit/vm/NAME/ (one for this
 *      process, one for `vfiokit down` and the user: a QMP socket serves one client at a time),
 *      checked over QMP (query-status, query-pci: each assigned device is in the VM with the
 *      host device's IDs), the run recorded in /run/vfiokit/vm/NAME.json;
 *   5. when QEMU exits, a signal arrives (SIGINT, SIGTERM, SIGHUP) or anything fails: QEMU is
 *      stopped (QMP quit, then SIGTERM, then SIGKILL, each wait bounded), and the journal's undo
 *      gives the devices and the pages back.
 *
 * Pages are asked for before devices are unbound: a shortfall of pages (fragmented memory) is the
 * likelier failure and is then found before any driver lets go of a device.
 *
 * The OVMF variable store (when missing), steps 2 and 3 are one plan applied with the VM's own
 * journal (/run/vfiokit/vm/NAME.journal.json) held open while the VM runs (apply.ts `hold`): a
 * crash of this process leaves an open journal, and `vfiokit restore` finishes the clean-up. The
 * lock is held while the plan is applied and while it is undone, not while the VM runs: other VMs
 * may start meanwhile, and one that wants a device this VM holds is refused (refuseHeldDevices).
 * Once the checks pass, the spec's pinning is applied to QEMU's threads (pin-threads.ts).
 *
 * QEMU runs in a process group of its own: a Ctrl-C in the terminal reaches this process only,
 * which then stops QEMU in order (quit over QMP) instead of both racing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { formatCpuList } from '../cpu/cpu-list.js';
import { VfiokitError } from '../errors.js';
import type { HostWriter } from '../host/host-writer.js';
import type { HostRoot } from '../host/root.js';
import type { VmModel } from '../vm/model.js';
import type { HoldControl, InterruptSource } from './apply.js';
import { type BindOptions, type BindPlan, planBind } from './bind.js';
import { hugepageNeed, planHugepages } from './hugepages.js';
import { RUN_DIR } from './lock.js';
import {
  checkPinnedCpus,
  type PinDeps,
  type PinnedThread,
  pinningLines,
  pinQemuThreads,
  type VmPin,
} from './pin-threads.js';
import type { FileStep, Plan, Step } from './plan.js';
import { QmpClient } from './qmp.js';

export const VM_DIR = `${RUN_DIR}/vm`;

export interface VmPaths {
  /** /run/vfiokit/vm/NAME: the sockets and QEMU's pidfile. */
  dir: string;
  /** This process's QMP monitor. */
  qmp: string;
  /** The second monitor: `vfiokit down`, or a user's own QMP client. */
  control: string;
  pidfile: string;
  /** /run/vfiokit/vm/NAME.json: the run's record (vfiokit.vm-state/1). */
  state: string;
  /** /run/vfiokit/vm/NAME.journal.json: the run's journal, open while the VM runs. */
  journal: string;
}

export function vmPaths(name: string): VmPaths {
  const dir = `${VM_DIR}/${name}`;
  return {
    dir,
    qmp: `${dir}/qmp.sock`,
    control: `${dir}/control.sock`,
    pidfile: `${dir}/qemu.pid`,
    state: `${VM_DIR}/${name}.json`,
    journal: `${VM_DIR}/${name}.journal.json`,
  };
}

/** An assigned device as the guest must show it: its qdev id and the host device's IDs. */
export interface ExpectedDevice {
  alias: string;
  host: string;
  vendor: number;
  device: number;
}

export interface HugepagePart {
  steps: Step[];
  notes: string[];
  /** One line: how many pages of which size, for the plan's heading. */
  summary?: string;
}

export interface UpPlan {
  name: string;
  /** The QEMU command line: the rendered one plus the monitors and the pidfile. */
  argv: string[];
  paths: VmPaths;
  hugepages?: HugepagePart;
  binding: BindPlan;
  /** Hugepage steps, then the binding steps: applied and undone through the journal. */
  plan: Plan;
  expect: ExpectedDevice[];
  /** What happens when the VM stops, in order. */
  cleanup: string[];
  notes: string[];
  /** The spec's pinning, applied once QEMU runs and is checked. */
  pin?: VmPin;
  /** The pinning step, one line per thread (empty: the spec does not pin). */
  pinning: string[];
  /** The OVMF variable store: created from the template by this run, or kept as it is. */
  vars?: { path: string; template: string; create: boolean };
}

/** What happened to the VM, once the run is over. */
export type UpOutcome =
  /** QEMU ended by itself with status 0: the guest powered off, or `down`/a QMP quit stopped it. */
  | 'exited'
  /** QEMU ended with a non-zero status or was killed by a signal vfiokit did not send. */
  | 'crashed'
  /** QEMU never got as far as its QMP greeting (bad option, vfio-pci realize refused...). */
  | 'start-failed'
  /** QEMU ran, but the checks over QMP failed: it was stopped. */
  | 'check-failed'
  /** A signal to vfiokit stopped the run: QEMU was stopped. */
  | 'signal'
  /** The preparation (pages, binding) failed: QEMU was not started. */
  | 'prepare-failed';

export interface DeviceCheck extends ExpectedDevice {
  /** Where query-pci shows it: "bus 1 slot 0 fn 0"; undefined when it is not listed. */
  where?: string;
  /** The IDs QEMU reports for it (the guest's view of the host device's config space). */
  seen?: { vendor: number; device: number };
  ok: boolean;
}

export interface RunReport {
  outcome?: UpOutcome;
  qemuPid?: number;
  /** QEMU's exit status, or the signal that ended it. */
  qemuExit?: { code: number | null; signal: string | null };
  status?: string;
  checks: DeviceCheck[];
  /** How QEMU was stopped when vfiokit stopped it: "quit", "SIGTERM", "SIGKILL". */
  stoppedBy?: 'quit' | 'SIGTERM' | 'SIGKILL';
  /** Last lines QEMU wrote to its standard error. */
  stderrTail: string[];
  signal?: string;
  /** When QEMU was started (ISO 8601). */
  started?: string;
  /** The threads pinned, each with the affinity read back from /proc. */
  pinned?: PinnedThread[];
}

/** The pages the model's RAM needs, as hugepages.ts plans them; undefined for ordinary memory. */
export function planVmHugepages(root: HostRoot, model: VmModel): HugepagePart | undefined {
  const need = hugepageNeed(model);
  if (!need) return undefined;
  const hp = planHugepages(need, root);
  const size =
    need.pageSizeKb % 1048576 === 0 ? `${need.pageSizeKb / 1048576} GiB` : `${need.pageSizeKb / 1024} MiB`;
  return {
    steps: hp.plan.steps,
    notes: hp.notes,
    summary: `${need.pages} pages of ${size} for ${need.memoryBytes / 1048576} MiB of guest RAM: ${hp.available} free now, ${hp.add} to add`,
  };
}

/** QEMU's -qmp/-pidfile options; every path given as the machine sees it (under the root). */
export function qemuRunArgv(
  rendered: readonly string[],
  paths: VmPaths,
  resolve: (p: string) => string,
): string[] {
  // QEMU's option syntax: a comma inside a value is doubled.
  const v = (p: string) => resolve(p).replace(/,/g, ',,');
  return [
    ...rendered,
    '-qmp',
    `unix:${v(paths.qmp)},server=on,wait=off`,
    '-qmp',
    `unix:${v(paths.control)},server=on,wait=off`,
    '-pidfile',
    resolve(paths.pidfile),
  ];
}

/**
 * Without KVM (`--accel tcg`): QEMU's own emulation. `-cpu host` exists only with KVM (QEMU:
 * "CPU model 'host' requires KVM or HVF"); `max` is TCG's counterpart, every feature it emulates.
 */
export function withAccel(argv: readonly string[], accel: 'kvm' | 'tcg'): string[] {
  if (accel === 'kvm') return [...argv];
  const out = [...argv];
  for (let i = 0; i < out.length - 1; i++) {
    if (out[i] === '-machine') out[i + 1] = out[i + 1].replace(/\baccel=kvm\b/, 'accel=tcg');
    else if (out[i] === '-cpu' && /^host(,|$)/.test(out[i + 1]))
      out[i + 1] = out[i + 1].replace(/^host/, 'max');
  }
  return out;
}

/** A VM without assigned devices: nothing to bind. */
const noBinding = (): BindPlan => ({
  mode: 'bind',
  devices: [],
  notes: [],
  plan: { steps: [] },
  record: { schema: 'vfiokit.bound/1', sets: [] },
});

/**
 * A pinning to CPUs the host does not have online, refused before anything starts (the pin step
 * would find it only after QEMU ran); the check not made (no online list) is a note, not a refusal.
 */
function refuseOfflinePins(root: HostRoot, pin: VmPin | undefined): string | undefined {
  const pinned = pin && checkPinnedCpus(root, pin);
  if (pinned?.verdict === 'missing')
    throw new VfiokitError(
      `cpu.pin names ${pinned.missing.length === 1 ? 'CPU' : 'CPUs'} ${formatCpuList(pinned.missing)}, which this host does not have online (online: ${pinned.online})`,
      { hint: 'pin to CPUs in /sys/devices/system/cpu/online, or write cpu.pin: auto', code: 'up.pin-cpus' },
    );
  return pinned?.verdict === 'unknown'
    ? `the pinned CPUs are not checked against the host's online CPUs: ${pinned.reason}`
    : undefined;
}

export function planUp(
  root: HostRoot,
  input: {
    model: VmModel;
    argv: readonly string[];
    hugepages?: HugepagePart;
    bind: BindOptions;
    resolve: (p: string) => string;
    /** The OVMF variable store step (planVarsStore). */
    vars?: VarsPart;
  },
): UpPlan {
  const { model } = input;
  const paths = vmPaths(model.name);
  const pinNote = refuseOfflinePins(root, model.pin);
  const addresses = [...new Set(model.hostdevs.map((h) => h.host))];
  // planBind takes each address's whole IOMMU group (the kernel opens a group only when every
  // endpoint in it is on vfio-pci): the spec's companions, and whatever else shares the group.
  const binding = addresses.length
    ? planBind(root, { items: addresses, groups: [], gpu: false }, input.bind)
    : noBinding();
  const notes = [
    ...binding.notes,
    ...(input.hugepages?.notes ?? []),
    ...(input.vars?.notes ?? []),
    ...(pinNote ? [pinNote] : []),
  ];
  const steps = [
    ...(input.vars?.step ? [input.vars.step] : []),
    ...(input.hugepages?.steps ?? []),
    ...binding.plan.steps,
  ];
  const cleanup = [
    'stop QEMU: quit over QMP, then SIGTERM, then SIGKILL (10 s, 10 s, 5 s)',
    `remove ${paths.dir} and mark ${paths.state} ended`,
  ];
  // The journal's undo runs the steps backwards: the devices back first, then the pages.
  const seen = new Set<string>();
  for (const s of [...steps].reverse()) {
    const line = undoLine(s, binding);
    if (line && !seen.has(line)) cleanup.push(`undo: ${line}`);
    if (line) seen.add(line);
  }
  return {
    name: model.name,
    argv: qemuRunArgv(withVarsPath(input.argv, input.vars?.info.path, input.resolve), paths, input.resolve),
    paths,
    hugepages: input.hugepages,
    binding,
    plan: { steps },
    expect: model.hostdevs.map((h) => ({
      alias: h.alias,
      host: h.host,
      vendor: h.vendorId,
      device: h.deviceId,
    })),
    cleanup,
    notes,
    ...(model.pin ? { pin: model.pin } : {}),
    pinning: model.pin ? pinningLines(model.pin) : [],
    ...(input.vars ? { vars: input.vars.info } : {}),
  };
}

/** The pflash variable store as the machine sees it (under the root), like the monitors' paths. */
function withVarsPath(
  argv: readonly string[],
  vars: string | undefined,
  resolve: (p: string) => string,
): string[] {
  if (vars === undefined) return [...argv];
  const q = (p: string) => `file=${p.replace(/,/g, ',,')}`;
  return argv.map((a) =>
    a.startsWith('if=pflash,') && a.includes(q(vars)) ? a.replace(q(vars), q(resolve(vars))) : a,
  );
}

export interface VarsPart {
  step?: FileStep;
  notes: string[];
  info: { path: string; template: string; create: boolean };
}

/** OVMF variable stores are 128 KiB to 4 MiB (edk2 OVMF_VARS.fd, OVMF_VARS_4M.fd). */
const MAX_VARS = 64 * 1024 * 1024;

/**
 * The VM's own OVMF variable store: the guest keeps its boot entries and secure-boot keys there,
 * so each VM needs a writable copy of the descriptor's template (libvirt's qemuFirmware does the
 * same: it copies nvram-template to the domain's nvram path when that is missing, and never
 * overwrites one that exists). A store that exists is the guest's state and is left alone. The
 * copy is created by the run (mode 0600: it may hold secure-boot keys), kept after the VM stops,
 * and removed again only when the run fails before QEMU ran (FileStep.keepOnceHeld).
 * `template` is read where the firmware descriptors were read: this machine's files.
 */
export function planVarsStore(
  w: Pick<HostWriter, 'resolve'>,
  model: VmModel,
  readTemplate: (path: string) => Uint8Array = (p) => readBounded(p),
): VarsPart | undefined {
  if (model.firmware.kind !== 'ovmf') return undefined;
  const { vars, varsTemplate } = model.firmware;
  let exists: boolean;
  try {
    fs.lstatSync(w.resolve(vars));
    exists = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new VfiokitError(`cannot look at the variable store ${vars}: ${(e as Error).message}`, {
        code: 'up.vars',
      });
    exists = false;
  }
  const info = { path: vars, template: varsTemplate, create: !exists };
  if (exists)
    return { notes: [`OVMF variable store ${vars} exists: kept as it is (the guest's boot entries)`], info };
  const bytes = readTemplate(varsTemplate);
  return {
    notes: [],
    info,
    step: {
      kind: 'file',
      path: vars,
      action: 'create',
      after: bytes,
      mode: 0o600,
      why: `the VM's own UEFI variable store, a copy of ${varsTemplate} (${model.firmware.descriptor}); kept after the VM stops`,
      showDiff: false,
      keepOnceHeld: true,
    },
  };
}

function readBounded(p: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_VARS || size === 0)
      throw new VfiokitError(`the OVMF variable template ${p} is ${size} bytes: not a variable store`, {
        code: 'up.vars',
      });
    const buf = Buffer.alloc(size);
    const n = fs.readSync(fd, buf, 0, size, 0);
    return new Uint8Array(buf.subarray(0, n));
  } catch (e) {
    if (e instanceof VfiokitError) throw e;
    throw new VfiokitError(
      `cannot read the OVMF variable template ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      {
        hint: 'reinstall OVMF (Debian: apt install --reinstall ovmf), or give firmware.vars an existing store',
        code: 'up.vars',
      },
    );
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Another VM that vfiokit up runs now (its record says running and its process is alive). */
export interface RunningVm {
  name: string;
  pid: number;
  devices: string[];
}

/** The VMs running now, from their records; ended ones and records whose `up` is gone are ignored. */
export function runningVms(w: HostWriter): RunningVm[] {
  let files: string[] = [];
  try {
    files = fs.readdirSync(w.resolve(VM_DIR));
  } catch {
    return [];
  }
  const out: RunningVm[] = [];
  for (const f of files.sort()) {
    const m = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\.json$/.exec(f);
    if (!m || f.endsWith('.journal.json')) continue;
    let st: VmState | undefined;
    try {
      st = readVmState(w, m[1]);
    } catch {
      continue;
    }
    if (st?.phase === 'running' && processAlive(st.pid))
      out.push({ name: st.name, pid: st.pid, devices: st.devices });
  }
  return out;
}

/** A device (or a member of its group) that a running VM holds: the run is refused, naming it. */
export function refuseHeldDevices(plan: UpPlan, running: RunningVm[]): void {
  for (const vm of running) {
    if (vm.name === plan.name) continue;
    const mine = new Set(plan.binding.devices.map((d) => d.address));
    const held = vm.devices.filter((a) => mine.has(a));
    if (held.length)
      throw new VfiokitError(
        `${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} held by VM ${vm.name} (vfiokit up, pid ${vm.pid}): a device and its IOMMU group go to one VM at a time`,
        { hint: `vfiokit down ${vm.name} first, or assign other devices`, code: 'up.device-busy' },
      );
  }
}

/** What undoing a step gives back, one line per device or file (undefined: nothing to undo). */
function undoLine(s: Step, binding: BindPlan): string | undefined {
  if (s.kind === 'sysfs') {
    const d = binding.devices.find((x) => x.address === s.device);
    return `${s.device} back to ${d?.driver ?? 'no driver'}, driver_override ${d?.override ?? 'cleared'}`;
  }
  if (s.kind === 'attr' && s.undoRelative)
    return `take the ${s.undoRelative.add} pages this run added off ${s.undo.path} (never below the pages in use: another VM's stay)`;
  if (s.kind === 'attr') return `write ${s.undo.value} to ${s.undo.path} (its value before)`;
  if (s.kind === 'file' && s.keepOnceHeld)
    return `${s.path} removed only if QEMU never ran (else kept: the VM's state)`;
  if (s.kind === 'file') return `${s.path} as before`;
  if (s.kind === 'command' && s.undo?.length) return s.undo.map((a) => a.join(' ')).join('; ');
  return undefined;
}

export interface RunOptions {
  writer: HostWriter;
  interrupts?: InterruptSource;
  /** How long QEMU may take to greet over QMP. */
  startTimeoutMs: number;
  /** How long the assigned devices may take to appear in query-pci (firmware numbers the buses behind root ports). */
  checkTimeoutMs: number;
  /** QEMU's standard output and error, line by line, as it writes them. */
  onOutput?: (line: string) => void;
  onProgress?: (line: string) => void;
  /** Called once QEMU is up and checked (tests send their signals or `down` here). */
  onRunning?: (r: RunReport) => void;
  /** apply's hold control: keep() once QEMU ran (its OVMF store is then the VM's state). */
  hold?: HoldControl;
  /** Where taskset and /proc are (tests: the defaults, real ones). */
  pin?: PinDeps;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

interface QPciDev {
  bus: number;
  slot: number;
  function: number;
  id: { vendor: number; device: number };
  qdev_id?: string;
  pci_bridge?: { bus?: { secondary?: number }; devices?: QPciDev[] };
}

function findDevices(buses: unknown): Map<string, QPciDev> {
  const found = new Map<string, QPciDev>();
  const walk = (devs: unknown) => {
    if (!Array.isArray(devs)) return;
    for (const d of devs as QPciDev[]) {
      if (d?.qdev_id) found.set(d.qdev_id, d);
      if (d?.pci_bridge?.devices) walk(d.pci_bridge.devices);
    }
  };
  if (Array.isArray(buses)) for (const b of buses) walk((b as { devices?: unknown }).devices);
  return found;
}

/**
 * The run itself, called by applyPlan's `hold` once pages and devices are ready. Returns the
 * error that ends the run unsuccessfully, or undefined when QEMU ended on its own with status 0.
 * Every path out stops QEMU first: the devices cannot be given back while QEMU holds
 * /dev/vfio/N (vfio-pci's remove waits for it).
 */
// long: the VM run in its order with clean-up on every exit path; the try/finally blocks must stay together
export async function runVm(
  plan: UpPlan,
  opts: RunOptions,
  report: RunReport,
): Promise<VfiokitError | undefined> {
  const w = opts.writer;
  const real = (p: string) => w.resolve(p);
  w.mkdir(VM_DIR, 0o700);
  w.mkdir(plan.paths.dir, 0o700);
  for (const p of [plan.paths.qmp, plan.paths.control, plan.paths.pidfile]) w.remove(p);

  const signalled = () => {
    const s = opts.interrupts?.received();
    if (s) report.signal = s;
    return s;
  };
  if (signalled()) {
    report.outcome = 'signal';
    removeRunDir(w, plan);
    return new VfiokitError(`interrupted by ${report.signal} before QEMU started`, {
      code: 'up.interrupted',
    });
  }

  opts.onProgress?.(`starting ${plan.argv[0]}`);
  report.started = new Date().toISOString();
  let child: ChildProcess;
  try {
    child = spawn(plan.argv[0], plan.argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (e) {
    report.outcome = 'start-failed';
    removeRunDir(w, plan);
    return new VfiokitError(`cannot start ${plan.argv[0]}: ${(e as Error).message}`, { code: 'up.spawn' });
  }
  let exited: { code: number | null; signal: string | null } | undefined;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.on('error', (e) => {
      spawnError = e;
      exited ??= { code: null, signal: null };
      resolve();
    });
  });
  report.qemuPid = child.pid;
  const tail = report.stderrTail;
  const lines = (stream: NodeJS.ReadableStream | null) => {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (d: string) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const l = buf.slice(0, i);
        buf = buf.slice(i + 1);
        tail.push(l.slice(0, 500));
        if (tail.length > 20) tail.shift();
        opts.onOutput?.(l);
      }
      // A line without end stays bounded.
      if (buf.length > 64 * 1024) buf = buf.slice(-1024);
    });
  };
  lines(child.stdout);
  lines(child.stderr);

  let qmp: QmpClient | undefined;
  const stop = async (): Promise<void> => {
    if (exited) return;
    const waitExit = async (ms: number) => {
      await Promise.race([exitPromise, sleep(ms)]);
      return exited !== undefined;
    };
    if (qmp && !qmp.closed) {
      await qmp.execute('quit', undefined, 5000).catch(() => undefined);
      if (await waitExit(10_000)) {
        report.stoppedBy = 'quit';
        return;
      }
    }
    for (const [sig, ms] of [
      ['SIGTERM', 10_000],
      ['SIGKILL', 5_000],
    ] as const) {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
      if (await waitExit(ms)) {
        report.stoppedBy = sig;
        return;
      }
    }
  };
  const finish = async (err: VfiokitError | undefined): Promise<VfiokitError | undefined> => {
    await stop();
    qmp?.close();
    report.qemuExit = exited;
    removeRunDir(w, plan);
    if (!exited)
      return new VfiokitError(`QEMU (pid ${child.pid}) did not end after SIGKILL`, {
        hint: 'it is stuck in the kernel; the devices cannot be given back until it ends (vfiokit restore then)',
        code: 'up.stuck',
      });
    return err;
  };
  const qemuSaid = () => {
    const l = [...tail].reverse().find((x) => x.trim());
    return l ? `: ${l.trim()}` : '';
  };

  // 1. The greeting on our monitor, or QEMU's exit (a bad option, vfio-pci refusing the device).
  const startEnd = Date.now() + opts.startTimeoutMs;
  while (!qmp) {
    if (exited) {
      report.outcome = 'start-failed';
      return finish(
        new VfiokitError(
          spawnError
            ? `cannot start ${plan.argv[0]}: ${spawnError.message}`
            : `QEMU exited at start (${exitText(exited)})${qemuSaid()}`,
          {
            code: 'up.start-failed',
            hint: "the devices and pages are given back; QEMU's message says what it refused",
          },
        ),
      );
    }
    if (signalled()) {
      report.outcome = 'signal';
      return finish(new VfiokitError(`interrupted by ${report.signal}`, { code: 'up.interrupted' }));
    }
    if (Date.now() > startEnd) {
      report.outcome = 'start-failed';
      return finish(
        new VfiokitError(`QEMU did not answer on ${plan.paths.qmp} within ${opts.startTimeoutMs / 1000} s`, {
          code: 'up.start-timeout',
        }),
      );
    }
    if (fs.existsSync(real(plan.paths.qmp))) {
      try {
        qmp = await QmpClient.connect(real(plan.paths.qmp), Math.max(1000, startEnd - Date.now()));
        break;
      } catch {
        // QEMU may have exited meanwhile, or be slow to listen: the loop decides.
      }
    }
    await Promise.race([exitPromise, sleep(100)]);
  }

  // QEMU ran: from here its OVMF variable store holds the guest's state, whatever happens next.
  opts.hold?.keep();

  // 2. The checks: running, and every assigned device in the VM with its host IDs.
  try {
    const st = (await qmp.execute('query-status')) as { status?: string; running?: boolean };
    report.status = st?.status;
    if (st?.status !== 'running') {
      report.outcome = 'check-failed';
      return finish(
        new VfiokitError(`QEMU's status is ${st?.status ?? 'unknown'}, not running`, { code: 'up.check' }),
      );
    }
    const checkEnd = Date.now() + opts.checkTimeoutMs;
    for (;;) {
      const found = findDevices(await qmp.execute('query-pci'));
      report.checks = plan.expect.map((x) => {
        const d = found.get(x.alias);
        const seen = d ? { vendor: d.id.vendor, device: d.id.device } : undefined;
        return {
          ...x,
          ...(d ? { where: `bus ${d.bus} slot ${d.slot} fn ${d.function}`, seen } : {}),
          ok: seen !== undefined && seen.vendor === x.vendor && seen.device === x.device,
        };
      });
      if (report.checks.every((c) => c.ok)) break;
      // A device listed with other IDs is wrong for good; one not listed yet may sit behind a
      // root port whose bus the firmware has not numbered yet (query-pci lists it after).
      const wrong = report.checks.find((c) => c.seen && !c.ok);
      if (wrong || Date.now() > checkEnd || exited || signalled()) {
        if (signalled()) {
          report.outcome = 'signal';
          return finish(new VfiokitError(`interrupted by ${report.signal}`, { code: 'up.interrupted' }));
        }
        if (exited) break;
        report.outcome = 'check-failed';
        const bad = report.checks.filter((c) => !c.ok);
        return finish(
          new VfiokitError(
            `not in the VM as expected: ${bad
              .map((c) =>
                c.seen
                  ? `${c.alias} (${c.host}) shows ${hex4(c.seen.vendor)}:${hex4(c.seen.device)}, not ${hex4(c.vendor)}:${hex4(c.device)}`
                  : `${c.alias} (${c.host}) not in query-pci`,
              )
              .join('; ')}`,
            { code: 'up.check', hint: 'QEMU was stopped; see `vfiokit doctor --vm SPEC`' },
          ),
        );
      }
      await Promise.race([exitPromise, sleep(250)]);
    }
  } catch (e) {
    if (!exited) {
      report.outcome = 'check-failed';
      return finish(e instanceof VfiokitError ? e : new VfiokitError(String(e), { code: 'up.check' }));
    }
  }
  // 3. The pinning: threads exist only now. A failure stops the VM like a failed check.
  if (!exited && plan.pin && child.pid !== undefined) {
    try {
      report.pinned = await pinQemuThreads(qmp, child.pid, plan.pin, opts.pin);
      opts.onProgress?.(
        `pinned: ${report.pinned
          .filter((p) => p.thread !== 'emulator thread')
          .map((p) => `${p.thread} (thread ${p.tid}) on CPUs ${p.allowed}`)
          .join('; ')}`,
      );
    } catch (e) {
      if (!exited) {
        report.outcome = 'check-failed';
        const err = e instanceof VfiokitError ? e : new VfiokitError(String(e), { code: 'up.pin' });
        return finish(
          new VfiokitError(`pinning failed: ${err.message}`, {
            code: 'up.pin',
            hint: err.hint ?? 'QEMU was stopped',
          }),
        );
      }
    }
  }
  if (!exited) {
    writeState(w, plan, report, 'running');
    opts.onProgress?.(
      `running: QEMU pid ${child.pid}; ${report.checks.map((c) => `${c.host} in the VM as ${c.alias} (${c.where})`).join('; ') || 'no assigned devices'}`,
    );
    opts.onRunning?.(report);
  }

  // 3. Until QEMU ends or a signal comes.
  while (!exited) {
    if (signalled()) {
      report.outcome = 'signal';
      return finish(
        new VfiokitError(`interrupted by ${report.signal}: the VM was stopped`, { code: 'up.interrupted' }),
      );
    }
    await Promise.race([exitPromise, sleep(100)]);
  }
  const ex = exited as { code: number | null; signal: string | null };
  if (ex.code === 0) {
    report.outcome = 'exited';
    return finish(undefined);
  }
  report.outcome = report.checks.length && report.checks.every((c) => c.ok) ? 'crashed' : 'start-failed';
  return finish(new VfiokitError(`QEMU ended with ${exitText(ex)}${qemuSaid()}`, { code: 'up.qemu-failed' }));
}

function exitText(e: { code: number | null; signal: string | null }): string {
  return e.signal ? `signal ${e.signal}` : `exit status ${e.code}`;
}

function removeRunDir(w: HostWriter, plan: UpPlan): void {
  for (const p of [plan.paths.qmp, plan.paths.control, plan.paths.pidfile]) w.remove(p);
  w.rmdirIfEmpty(plan.paths.dir);
}

/** The run's record, vfiokit.vm-state/1: read by `vfiokit down` and by a second `up` of the same name. */
export interface VmState {
  schema: 'vfiokit.vm-state/1';
  name: string;
  phase: 'running' | 'ended';
  /** The `vfiokit up` process: it does the clean-up. */
  pid: number;
  qemuPid?: number;
  control: string;
  qmp: string;
  pidfile: string;
  journal: string;
  started: string;
  devices: string[];
  outcome?: UpOutcome;
  qemuExit?: { code: number | null; signal: string | null };
  /** Once ended: the journal's undo (devices and pages given back), as `up` reports it. */
  cleanup?: { ok: boolean; undone: string[]; undoFailed: string[] };
}

export function writeState(
  w: HostWriter,
  plan: UpPlan,
  r: RunReport,
  phase: VmState['phase'],
  cleanup?: VmState['cleanup'],
): void {
  const s: VmState = {
    schema: 'vfiokit.vm-state/1',
    name: plan.name,
    phase,
    pid: process.pid,
    ...(r.qemuPid !== undefined ? { qemuPid: r.qemuPid } : {}),
    control: plan.paths.control,
    qmp: plan.paths.qmp,
    pidfile: plan.paths.pidfile,
    journal: plan.paths.journal,
    started: r.started ?? new Date().toISOString(),
    devices: plan.binding.devices.map((d) => d.address),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    ...(r.qemuExit ? { qemuExit: r.qemuExit } : {}),
    ...(cleanup ? { cleanup } : {}),
  };
  w.mkdir(VM_DIR, 0o700);
  w.writeFile(plan.paths.state, `${JSON.stringify(s, null, 1)}\n`, 0o600);
}

/** The record of a run, when there is one; a damaged one is refused with the reason. */
export function readVmState(w: HostWriter, name: string): VmState | undefined {
  const p = vmPaths(name).state;
  const f = w.readFile(p, 64 * 1024);
  if (!f) return undefined;
  let v: VmState | undefined;
  try {
    v = JSON.parse(new TextDecoder().decode(f.bytes)) as VmState;
  } catch {
    v = undefined;
  }
  if (
    v?.schema !== 'vfiokit.vm-state/1' ||
    v.name !== name ||
    !Number.isInteger(v.pid) ||
    v.pid <= 0 ||
    (v.phase !== 'running' && v.phase !== 'ended') ||
    typeof v.control !== 'string'
  )
    throw new VfiokitError(`${p} is not a vfiokit VM record`, {
      hint: 'it is written by vfiokit up; remove it if no such VM runs',
      code: 'up.state',
    });
  return v;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DownReport {
  name: string;
  state: VmState;
  /** system_powerdown was sent (the guest's ACPI power button). */
  powerdown: boolean;
  /** How QEMU ended: the guest powered off, or quit after --timeout. */
  stoppedBy?: 'guest' | 'quit';
  /** The record once `up` finished its clean-up (undefined: it did not within the wait). */
  ended?: VmState;
}

/**
 * `vfiokit down NAME`: the guest's power button (system_powerdown), QMP quit once `timeoutMs`
 * passed, then wait for the `up` process to give the devices and pages back (it marks its record
 * ended when the journal's undo is over). Works through the second QMP monitor, the one `up` leaves free.
 */
export async function downVm(
  w: HostWriter,
  name: string,
  opts: { timeoutMs: number; cleanupWaitMs: number; onProgress?: (line: string) => void },
): Promise<DownReport> {
  const state = readVmState(w, name);
  if (!state)
    throw new VfiokitError(`no VM ${name} was started by vfiokit up (${vmPaths(name).state} is absent)`, {
      hint: "vfiokit down takes the spec's name (the `name:` key)",
      code: 'up.not-running',
    });
  if (state.phase === 'ended')
    throw new VfiokitError(`VM ${name} is not running: it ended (${state.outcome ?? 'unknown outcome'})`, {
      code: 'up.not-running',
    });
  if (!processAlive(state.pid))
    throw new VfiokitError(`vfiokit up for ${name} (pid ${state.pid}) is gone without its clean-up`, {
      hint: `${state.qemuPid && processAlive(state.qemuPid) ? `stop QEMU (pid ${state.qemuPid}), then ` : ''}run vfiokit restore to give the devices and pages back`,
      code: 'up.orphaned',
    });
  const report: DownReport = { name, state, powerdown: false };
  const qmp = await QmpClient.connect(w.resolve(state.control), 10_000);
  try {
    await qmp.execute('system_powerdown');
    report.powerdown = true;
    opts.onProgress?.(
      `sent system_powerdown to ${name}; waiting up to ${opts.timeoutMs / 1000} s for the guest`,
    );
    // QEMU closes the monitor when it exits; SHUTDOWN comes first when the guest powers off.
    const end = Date.now() + opts.timeoutMs;
    while (!qmp.closed && Date.now() < end) await qmp.waitEvent('SHUTDOWN', Math.min(250, end - Date.now()));
    if (qmp.events.some((e) => e.event === 'SHUTDOWN')) report.stoppedBy = 'guest';
    else if (!qmp.closed) {
      opts.onProgress?.(`the guest did not power off within ${opts.timeoutMs / 1000} s: quit`);
      await qmp.execute('quit').catch(() => undefined);
      report.stoppedBy = 'quit';
    } else report.stoppedBy = 'guest';
  } finally {
    qmp.close();
  }
  const end = Date.now() + opts.cleanupWaitMs;
  for (;;) {
    const s = readVmState(w, name);
    if (s?.phase === 'ended') {
      report.ended = s;
      break;
    }
    if (!processAlive(state.pid) || Date.now() > end) break;
    await sleep(100);
  }
  return report;
}
