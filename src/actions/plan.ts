/**
 * A plan: the concrete steps an action will take, worked out before anything is written, so
 * `--dry-run` can print them and `--json` can hand them to a script. Applying a plan (apply.ts)
 * journals each step first, so every step can be undone.
 *
 * Three kinds of step: a file written, created or removed (with its unified diff), a command run
 * (with the command that undoes it, when one does), and a write to one of the kernel's binding
 * files in sysfs (backed up as the device's driver and driver_override before it runs).
 */
import { createHash } from 'node:crypto';
import type { VfiokitError } from '../errors.js';
import type { SysfsIo } from '../host/sysfs-io.js';
import type { PlanStepJson } from '../schema/plan-step.js';
import { unifiedDiff } from './unified-diff.js';

/**
 * What every kind of step may carry. `unit` joins consecutive steps into one unit as far as
 * signals go: apply checks for SIGINT/SIGTERM/SIGHUP only between units, so a signal that arrives
 * inside one is acted on once its last step is done (a failure inside it still stops the run at
 * once, and the rollback undoes every step taken, in reverse). A plan uses it where the host has
 * no good state between two steps that undo could bring back (handover.ts: a console unbound from
 * a framebuffer that stays).
 */
interface StepBase {
  unit?: string;
}

export interface FileStep extends StepBase {
  kind: 'file';
  /** Host path, e.g. /etc/default/grub. */
  path: string;
  action: 'create' | 'modify' | 'remove';
  /** The bytes the file has when the plan was made (undefined: absent); apply refuses if they changed. */
  before?: Uint8Array;
  /** The bytes it gets (undefined for remove). */
  after?: Uint8Array;
  /** Mode of the file written (kept from the old file when modifying). */
  mode: number;
  /** Why this file changes, one line. */
  why: string;
  /**
   * A command earlier in the plan rewrites this file (a boot tool's own state), so its bytes at
   * planning time are not checked; the backup is taken when the step runs.
   */
  rewrittenBefore?: boolean;
  /** After a remove: directories to remove too when they are left empty, deepest first. */
  removeEmptyDirs?: string[];
  /** False for files whose diff is noise to a reader (vfiokit's own record); still journaled. */
  showDiff?: boolean;
  /**
   * The file is state the plan's purpose owns from the moment it starts (a VM's OVMF variable
   * store: the guest writes its boot entries there): once apply's `hold` calls keep(), the step
   * is no longer undone. Before that (a run that fails before the VM ran) it is undone as usual.
   */
  keepOnceHeld?: boolean;
}

export interface CommandStep extends StepBase {
  kind: 'command';
  argv: string[];
  why: string;
  /** The commands that undo this one (grubby --remove-args for --args), if any. */
  undo?: string[][];
  /**
   * A command that regenerates something from files (update-grub, update-initramfs): undone by
   * running it again once the files are back, so it runs after every file is restored.
   */
  regenerates?: boolean;
  timeoutMs?: number;
}

/**
 * One write to a PCI binding file. The kernel's sequence (libvirt virpci.c, driverctl): unbind
 * from the current driver, write the driver to driver_override, write the address to
 * drivers_probe, then check the driver link; giving a device back is the same with the old
 * values. Undo restores the device's driver and driver_override as read just before the write.
 */
export interface SysfsStep extends StepBase {
  kind: 'sysfs';
  /** The PCI device the write concerns (0000:01:00.0). */
  device: string;
  op: 'unbind' | 'override' | 'probe' | 'bind';
  /** The file written: /sys/bus/pci/drivers/DRV/unbind, …/devices/ADDR/driver_override, … */
  path: string;
  value: string;
  why: string;
  /** The driver the device must be on when the step starts (null: none); else the host changed since the plan. */
  expectBefore?: string | null;
  /** The driver the link must name after the write (null: none); checked, the step fails otherwise. */
  expectAfter?: string | null;
  /** Writes that call a driver's probe or remove can block; they run where they can time out. */
  mayBlock: boolean;
}

/**
 * One write to a sysfs attribute that is not a PCI binding file: a virtual console's `bind`
 * (Documentation/driver-api/console.rst), a platform driver's `unbind`/`bind` (efi-framebuffer,
 * simple-framebuffer). Its state is read from `state` (a file's text, or the basename of a link
 * such as a platform device's `driver`) before the write; undo writes `undo` when the state differs
 * from that backup, so undoing twice changes nothing the second time. When the kernel ignores that
 * write in the state undo finds, `undoElse` lists other writes that lead back to the backup, tried
 * in turn until the state is back (a console driver the kernel rebinds only through another one's
 * `bind` file: handover.ts).
 */
export interface AttrStep extends StepBase {
  kind: 'attr';
  path: string;
  value: string;
  why: string;
  state: { path: string; read: 'text' | 'link' };
  /** The state the step expects to find (null: a link that is absent); else the host changed. */
  expectBefore?: string | null;
  /** The state after the write; checked, the step fails otherwise. */
  expectAfter?: string | null;
  undo: { path: string; value: string };
  undoElse?: AttrUndoWrite[];
  /**
   * A hugepage pool raise (hugepages.ts): undo writes max(count at undo − add, pages in use or
   * reserved at undo) instead of `undo`, so the pages other VMs raised or hold meanwhile stay.
   */
  undoRelative?: PoolGiveBack;
  /**
   * Giving back a hugepage raise in a later run (`vfiokit hugepages --release`): the value written
   * is worked out when the step runs, as undoRelative does (max(count − add, pages in use or
   * reserved)); `value` is that figure from the pool as planned.
   */
  giveBack?: PoolGiveBack;
  mayBlock: boolean;
}

/** Pages a hugepage raise added, to be taken off the pool later, and the files that say which are in use. */
export interface PoolGiveBack {
  add: number;
  free: string;
  resv: string;
}

/**
 * A check between writes: it reads the host and fails the plan when an earlier step did not have
 * the effect the rest needs (the kernel grants fewer hugepages than nr_hugepages asks for and
 * still reports success). It writes nothing, so it has no journal entry and no undo; failing
 * makes apply undo the steps before it.
 */
export interface VerifyStep extends StepBase {
  kind: 'verify';
  /** What is checked, one line. */
  what: string;
  why: string;
  /** The files the check reads. */
  reads: string[];
  /** Reads the host; an error fails the step. */
  check: (io: SysfsIo) => VfiokitError | undefined;
}

export interface AttrUndoWrite {
  path: string;
  value: string;
  /** Why this write brings the state back when `undo` did not, one line. */
  why: string;
}

export type Step = FileStep | CommandStep | SysfsStep | AttrStep | VerifyStep;

export interface Plan {
  steps: Step[];
}

const dec = new TextDecoder();
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : dec.decode(b));

export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

export function fileDiff(s: FileStep): string {
  return unifiedDiff(s.path, text(s.before), s.action === 'remove' ? undefined : text(s.after));
}

/** A shell-quoted command line for display (copy-pasteable). */
export function shellLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

const shownValue = (v: string) => (v === '\n' ? "'\\n' (clear)" : v);

export function describeStep(s: Step): string {
  if (s.kind === 'command') return `run ${shellLine(s.argv)}`;
  if (s.kind === 'verify') return `check ${s.what}`;
  if (s.kind === 'attr' && s.giveBack)
    return `take the ${s.giveBack.add} pages raised off ${s.path} (${s.value} now; never below the pages in use or reserved)`;
  if (s.kind === 'sysfs' || s.kind === 'attr') return `write ${shownValue(s.value)} to ${s.path}`;
  return `${s.action === 'create' ? 'create' : s.action === 'remove' ? 'remove' : 'edit'} ${s.path}`;
}

/** The JSON form of a step (docs/setup.md): no raw bytes, the diff and hashes instead. */
export function stepJson(s: Step): PlanStepJson {
  const unit = s.unit !== undefined ? { unit: s.unit } : {};
  if (s.kind === 'verify') return { kind: 'verify', what: s.what, why: s.why, reads: s.reads, ...unit };
  if (s.kind === 'attr') {
    return {
      kind: 'attr',
      path: s.path,
      value: s.value,
      why: s.why,
      state: s.state,
      ...(s.expectBefore !== undefined ? { expectBefore: s.expectBefore } : {}),
      ...(s.expectAfter !== undefined ? { expectAfter: s.expectAfter } : {}),
      undo: s.undo,
      ...(s.undoElse?.length ? { undoElse: s.undoElse } : {}),
      mayBlock: s.mayBlock,
      ...unit,
    };
  }
  if (s.kind === 'sysfs') {
    return {
      kind: 'sysfs',
      device: s.device,
      op: s.op,
      path: s.path,
      value: s.value,
      why: s.why,
      ...(s.expectBefore !== undefined ? { expectBefore: s.expectBefore } : {}),
      ...(s.expectAfter !== undefined ? { expectAfter: s.expectAfter } : {}),
      mayBlock: s.mayBlock,
      ...unit,
    };
  }
  if (s.kind === 'command') {
    return {
      kind: 'command',
      argv: s.argv,
      why: s.why,
      ...(s.undo ? { undo: s.undo } : {}),
      regenerates: Boolean(s.regenerates),
      ...unit,
    };
  }
  return {
    kind: 'file',
    path: s.path,
    action: s.action,
    mode: `0${s.mode.toString(8)}`,
    why: s.why,
    ...(s.before ? { beforeSha256: sha256(s.before) } : {}),
    ...(s.after && s.action !== 'remove' ? { afterSha256: sha256(s.after) } : {}),
    diff: fileDiff(s),
    ...unit,
  };
}
