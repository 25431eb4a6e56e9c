/**
 * Single-GPU hosts: `vfiokit handover GPU` gives the host's only GPU to a guest, `vfiokit handback
 * GPU` gives it back. The host draws on that GPU through several layers, each holding it, and each
 * must let go before vfio-pci can take it:
 *
 *   1. the display manager (display-manager.service, the unit systemd's display-manager alias
 *      names: gdm3, sddm, lightdm...) and the X server or compositor it runs on /dev/dri;
 *   2. the text consoles: fbcon draws them on every framebuffer while its vtconsole is bound
 *      (Documentation/driver-api/console.rst: `echo 0 > /sys/class/vtconsole/vtconN/bind`);
 *   3. the firmware framebuffer on the boot GPU's memory (efifb, simplefb, simpledrm, vesafb: the
 *      platform drivers efi-framebuffer, simple-framebuffer, vesa-framebuffer), which keeps the
 *      BAR it scans out of reserved, so vfio-pci's user later fails to map it ("BAR 0: can't
 *      reserve"): unbound through the platform driver's `unbind` file;
 *   4. the GPU driver stack: nvidia_drm, nvidia_modeset and nvidia_uvm hold nvidia and are unloaded
 *      (modprobe -r); amdgpu, nouveau, i915, nvidia itself and snd_hda_intel (the HDMI audio
 *      function) are unbound from the device by the binding engine, with the rest of the group;
 *   5. vfio-pci takes the group (bind.ts).
 *
 * Every step is journaled with its undo, so a failure or signal half-way gives the display back.
 * What handover did is kept in /run/vfiokit/handover.json; handback plans the reverse from it.
 */
import { VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';
import type { HostUsage } from '../host/usage.js';
import { formatPciAddress, tryParsePciAddress } from '../pci/address.js';
import type { HandoverRecordJson } from '../schema/outputs/handover-record.js';
import { type BindPlan, planBind, planRelease } from './bind.js';
import { type GuardFinding, guardDevices } from './guard.js';
import { RUN_DIR } from './lock.js';
import type { AttrStep, AttrUndoWrite, CommandStep, FileStep, Plan, Step } from './plan.js';

export const HANDOVER_PATH = `${RUN_DIR}/handover.json`;

/** What handover changed besides the bindings (which bind.ts records in bound.json). */
export type HandoverRecord = HandoverRecordJson;

export interface DisplayManager {
  unit: string;
  active: boolean;
  evidence: string;
}

export interface HandoverPlan {
  mode: 'handover' | 'handback';
  gpu: string;
  displayManager?: DisplayManager;
  /** The binding part (the GPU's group onto vfio-pci, or back). */
  binding: BindPlan;
  /** Uses of the devices that this handover does not end itself: refused without --force. */
  refusals: GuardFinding[];
  /** Uses that the handover ends (the consoles, the framebuffer, the display server). */
  ended: GuardFinding[];
  notes: string[];
  plan: Plan;
  record?: HandoverRecord;
}

const enc = new TextEncoder();
const PLATFORM = '/sys/bus/platform';
/** Firmware framebuffer platform devices (drivers/firmware/sysfb.c, sysfb_simplefb.c; drivers/video/fbdev/vesafb.c). */
const FIRMWARE_FB = /^(efi-framebuffer|simple-framebuffer|vesa-framebuffer)\.\d+$/;
/** Modules that hold nvidia while loaded (each lists nvidia in its dependencies), unloaded first. */
const NVIDIA_HOLDERS = ['nvidia_drm', 'nvidia_modeset', 'nvidia_uvm'];

function gpuAddress(
  root: HostRoot,
  item: string,
): { address: string; classCode?: number; bootVga: boolean; driver?: string } {
  const a = tryParsePciAddress(item);
  if (!a)
    throw new VfiokitError(`${JSON.stringify(item.slice(0, 60))} is not a PCI address`, {
      hint: 'give the GPU as 0000:01:00.0 (see `vfiokit devices --gpu`)',
      code: 'usage',
      exitCode: 2,
    });
  const address = formatPciAddress(a);
  const dev = `/sys/bus/pci/devices/${address}`;
  if (!root.exists(dev))
    throw new VfiokitError(`no PCI device ${address}`, {
      hint: 'see `vfiokit devices`',
      code: 'handover.no-device',
    });
  const cls = root.readAttr(`${dev}/class`);
  const classCode = cls !== undefined && /^0x[0-9a-f]{6}$/i.test(cls) ? Number.parseInt(cls, 16) : undefined;
  if (classCode === undefined || classCode >> 16 !== 0x03)
    throw new VfiokitError(`${address} is not a display controller (class ${cls ?? 'unreadable'})`, {
      hint: 'handover is for a GPU; use `vfiokit bind` for other devices',
      code: 'handover.not-gpu',
    });
  const drv = root.readLink(`${dev}/driver`);
  return {
    address,
    classCode,
    bootVga: root.readAttr(`${dev}/boot_vga`) === '1',
    driver: drv ? drv.slice(drv.lastIndexOf('/') + 1) : undefined,
  };
}

/**
 * The display manager: systemd's display-manager.service is an alias (a link in
 * /etc/systemd/system) to the installed one's unit. It is running when its cgroup has processes
 * (cgroup v2 /sys/fs/cgroup/system.slice/UNIT/cgroup.procs, or the v1 name=systemd hierarchy).
 */
export function readDisplayManager(root: HostRoot): DisplayManager | undefined {
  const link = root.readLink('/etc/systemd/system/display-manager.service');
  if (!link) return undefined;
  const unit = link.slice(link.lastIndexOf('/') + 1);
  if (!/^[A-Za-z0-9@_.:-]+\.service$/.test(unit)) return undefined;
  for (const cg of [`/sys/fs/cgroup/system.slice/${unit}`, `/sys/fs/cgroup/systemd/system.slice/${unit}`]) {
    const procs = root.readText(`${cg}/cgroup.procs`, 1024 * 1024);
    if (procs === undefined) continue;
    const n = procs.split('\n').filter((l) => /^\d+$/.test(l)).length;
    return { unit, active: n > 0, evidence: `${cg}/cgroup.procs: ${n} process(es)` };
  }
  return {
    unit,
    active: false,
    evidence: `/etc/systemd/system/display-manager.service -> ${link}; no cgroup: not running`,
  };
}

function readRecord(root: HostRoot): { record?: HandoverRecord; bytes?: Uint8Array } {
  const bytes = root.readBytes(HANDOVER_PATH, 1024 * 1024);
  if (bytes === undefined) return {};
  let v: HandoverRecord | undefined;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes)) as HandoverRecord;
  } catch {
    v = undefined;
  }
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (
    v?.schema !== 'vfiokit.handover-record/1' ||
    typeof v.gpu !== 'string' ||
    !strings(v.vtconsoles) ||
    !strings(v.modules) ||
    !Array.isArray(v.framebuffers) ||
    !v.framebuffers.every((f) => FIRMWARE_FB.test(f?.device) && /^[a-z-]+$/.test(f?.driver))
  )
    throw new VfiokitError(`${HANDOVER_PATH} is not a vfiokit handover record`, {
      hint: 'it records what handover changed; check it, or remove it to forget that handover',
      code: 'handover.record',
    });
  return { record: v, bytes };
}

const vtconBind = (c: string) => `/sys/class/vtconsole/${c}/bind`;
const vtconNumber = (c: string) => Number(c.slice('vtcon'.length));

function vtconStep(c: string, to: '0' | '1', why: string, undoElse?: AttrUndoWrite[]): AttrStep {
  return {
    kind: 'attr',
    path: vtconBind(c),
    value: to,
    why,
    state: { path: vtconBind(c), read: 'text' },
    expectAfter: to,
    undo: { path: vtconBind(c), value: to === '0' ? '1' : '0' },
    ...(undoElse?.length ? { undoElse } : {}),
    mayBlock: false,
  };
}

/**
 * How a console unbound by handover gets its VTs back when `1` to its own `bind` does nothing.
 * drivers/tty/vt/vt.c: `1` (vt_bind) rebinds a console driver only to the VTs held by the first
 * registered driver without CON_DRIVER_FLAG_MODULE, the "(S)" in the vtconsole's `name`. When a
 * DRM driver takes the boot GPU it replaces vgacon, the (S) driver, by an (M) dummy console
 * (vga_remove_vgacon, drivers/pci/vgaarb.c: do_take_over_console(&dummy_con), then
 * do_unregister_con_driver(&vga_con)), and fbcon registers in the freed slot: no (S) driver is
 * left and `1` is ignored without an error (the lab's 6.1 kernel: vtcon0 fbcon, vtcon1 dummy).
 * `0` to the bind of the (M) console that took the VTs (vt_unbind -> do_unbind_con_driver) gives
 * them to the first registered driver other than it, fbcon when it sits in a lower slot. Only
 * consoles unbound now are candidates: one bound now holds VTs of its own, which stay.
 */
function vtconRebindRoutes(root: HostRoot, c: string): AttrUndoWrite[] {
  const routes: { n: number; w: AttrUndoWrite }[] = [];
  for (const o of root.list('/sys/class/vtconsole')) {
    if (o === c || !/^vtcon\d+$/.test(o)) continue;
    const name = root.readAttr(`/sys/class/vtconsole/${o}/name`) ?? '';
    if (!name.startsWith('(M)') || root.readAttr(vtconBind(o)) !== '0') continue;
    routes.push({
      n: vtconNumber(o),
      w: {
        path: vtconBind(o),
        value: '0',
        why: `${o} (${name.slice(4)}) takes the VTs when ${c} lets go; unbinding it hands them to the first registered console driver, as \`1\` to ${c} does not without an (S) driver`,
      },
    });
  }
  return routes.sort((a, b) => a.n - b.n).map((r) => r.w);
}

function fbStep(device: string, driver: string, op: 'unbind' | 'bind', why: string): AttrStep {
  const state = { path: `${PLATFORM}/devices/${device}/driver`, read: 'link' as const };
  const other = op === 'unbind' ? 'bind' : 'unbind';
  return {
    kind: 'attr',
    path: `${PLATFORM}/drivers/${driver}/${op}`,
    value: device,
    why,
    state,
    expectAfter: op === 'unbind' ? null : driver,
    undo: { path: `${PLATFORM}/drivers/${driver}/${other}`, value: device },
    mayBlock: true,
  };
}

function moduleStep(name: string, load: boolean, why: string): CommandStep {
  return {
    kind: 'command',
    argv: load ? ['modprobe', name] : ['modprobe', '-r', name],
    why,
    undo: [load ? ['modprobe', '-r', name] : ['modprobe', name]],
    timeoutMs: 60_000,
  };
}

function dmStep(unit: string, start: boolean): CommandStep {
  return {
    kind: 'command',
    argv: ['systemctl', start ? 'start' : 'stop', unit],
    why: start
      ? 'the display manager back (it ran before handover)'
      : 'the display manager and its display server let go of the GPU',
    undo: [['systemctl', start ? 'stop' : 'start', unit]],
    timeoutMs: 120_000,
  };
}

function recordStep(
  path: string,
  before: Uint8Array | undefined,
  record: HandoverRecord | undefined,
  why: string,
): FileStep {
  return {
    kind: 'file',
    path,
    action: record ? (before ? 'modify' : 'create') : 'remove',
    before,
    after: record ? enc.encode(`${JSON.stringify(record, null, 1)}\n`) : undefined,
    mode: 0o600,
    why,
    showDiff: false,
  };
}

const ENDED_KINDS = new Set(['console', 'framebuffer']);

// long: one linear plan in the handover order; the order is the point and reads top to bottom
export function planHandover(
  root: HostRoot,
  gpuItem: string,
  opts: { usage: HostUsage; force?: boolean },
): HandoverPlan {
  const gpu = gpuAddress(root, gpuItem);
  const existing = readRecord(root);
  if (existing.record)
    throw new VfiokitError(`the GPU ${existing.record.gpu} is already handed over`, {
      hint: `vfiokit handback ${existing.record.gpu}`,
      code: 'handover.active',
    });
  const notes: string[] = [];
  const steps: Step[] = [];
  const record: HandoverRecord = {
    schema: 'vfiokit.handover-record/1',
    gpu: gpu.address,
    vtconsoles: [],
    framebuffers: [],
    modules: [],
  };

  const dm = readDisplayManager(root);
  if (dm?.active) {
    steps.push(dmStep(dm.unit, false));
    record.displayManager = dm.unit;
  } else if (dm) notes.push(`${dm.unit} is not running (${dm.evidence}): not stopped`);

  for (const c of root.list('/sys/class/vtconsole')) {
    const name = root.readAttr(`/sys/class/vtconsole/${c}/name`) ?? '';
    if (!/frame buffer/i.test(name) || root.readAttr(vtconBind(c)) !== '1') continue;
    steps.push(
      vtconStep(
        c,
        '0',
        `the text consoles (${name}) stop drawing on the framebuffer`,
        vtconRebindRoutes(root, c),
      ),
    );
    record.vtconsoles.push(c);
  }

  if (gpu.bootVga) {
    for (const d of root.list(`${PLATFORM}/devices`)) {
      if (!FIRMWARE_FB.test(d)) continue;
      const link = root.readLink(`${PLATFORM}/devices/${d}/driver`);
      if (!link) continue;
      const driver = link.slice(link.lastIndexOf('/') + 1);
      steps.push(
        fbStep(d, driver, 'unbind', `the firmware framebuffer lets go of the boot GPU's memory (${driver})`),
      );
      record.framebuffers.push({ device: d, driver });
    }
  } else
    notes.push(`${gpu.address} is not the boot GPU: the firmware framebuffer is not on it and is left alone`);

  if (gpu.driver === 'nvidia') {
    for (const m of NVIDIA_HOLDERS) {
      if (!root.exists(`/sys/module/${m}`)) continue;
      steps.push(moduleStep(m, false, `${m} holds nvidia: unloaded so nvidia can let go of the GPU`));
      record.modules.push(m);
    }
  }

  // The group onto vfio-pci: forced, because taking the boot GPU is this command's purpose; the
  // guard below decides what else may not be taken.
  const binding = planBind(root, { items: [gpu.address], groups: [], gpu: false }, { force: true });
  notes.push(...binding.notes.filter((n) => !n.startsWith('--force: ') || !n.includes('boot GPU')));
  steps.push(...binding.plan.steps.map((s) => ({ ...s })));
  consoleUnit(steps, record, gpu.address);

  const targets = binding.devices.map((d) => ({
    address: d.address,
    classCode: d.address === gpu.address ? gpu.classCode : classOf(root, d.address),
  }));
  const findings = guardDevices(opts.usage, targets);
  const ended: GuardFinding[] = [];
  const refusals: GuardFinding[] = [];
  for (const f of findings) {
    const onGpu = f.address === gpu.address && f.verdict === 'in-use';
    if (onGpu && ENDED_KINDS.has(f.kind)) ended.push(f);
    else if (onGpu && f.kind === 'display' && dm?.active) {
      ended.push(f);
    } else refusals.push(f);
  }
  if (ended.some((f) => f.kind === 'display'))
    notes.push(
      `processes draw on ${gpu.address} now; they are expected to end with ${dm?.unit}: one that does not makes the unbind time out, and everything is undone`,
    );
  if (refusals.length && opts.force)
    notes.push(`--force: ${refusals.length} use(s) of these devices are not ended by handover`);

  steps.push(recordStep(HANDOVER_PATH, undefined, record, 'what handover changed, so handback restores it'));
  return {
    mode: 'handover',
    gpu: gpu.address,
    displayManager: dm,
    binding,
    refusals: opts.force ? [] : refusals,
    ended,
    notes,
    plan: { steps },
    record,
  };
}

/**
 * The console unbind and the unbinds that take its framebuffer away (the firmware framebuffer's,
 * the GPU's from its driver) run as one unit (plan.ts): between them the console is unbound from a
 * framebuffer that is still there, a state the kernel may not undo by the console's own `bind`
 * (vtconRebindRoutes). Once the framebuffer's driver has let go, fbcon has unregistered with the
 * last framebuffer (fbcon_fb_unregistered, drivers/video/fbdev/core/fbcon.c), and the undo that
 * gives the driver its device back registers a framebuffer, on which fbcon takes the VTs again
 * (fbcon_fb_registered -> do_fbcon_takeover). A failure inside the unit still rolls back at once,
 * through the console's other routes back.
 */
function consoleUnit(steps: Step[], record: HandoverRecord, gpu: string): void {
  const isConsole = (s: Step) => s.kind === 'attr' && record.vtconsoles.some((c) => s.path === vtconBind(c));
  const first = steps.findIndex(isConsole);
  if (first < 0) return;
  let last = first;
  steps.forEach((s, i) => {
    const fbUnbind =
      s.kind === 'attr' && s.path.startsWith(`${PLATFORM}/drivers/`) && s.path.endsWith('/unbind');
    const gpuUnbind = s.kind === 'sysfs' && s.op === 'unbind' && s.device === gpu;
    if (i > first && (fbUnbind || gpuUnbind || isConsole(s))) last = i;
  });
  for (let i = first; i <= last; i++) steps[i].unit = 'console';
}

function classOf(root: HostRoot, address: string): number | undefined {
  const cls = root.readAttr(`/sys/bus/pci/devices/${address}/class`);
  return cls !== undefined && /^0x[0-9a-f]{6}$/i.test(cls) ? Number.parseInt(cls, 16) : undefined;
}

/**
 * The reverse of a handover, from its record. One change of order: the firmware framebuffer is
 * bound again before the GPU goes back to its driver, because a DRM driver that probes removes
 * the firmware framebuffer's platform device (drivers/video/aperture.c, sysfb_disable) and with it
 * the device the bind would name; the DRM driver's own framebuffer then carries the console.
 */
export function planHandback(root: HostRoot, gpuItem: string | undefined): HandoverPlan {
  const { record, bytes } = readRecord(root);
  if (!record)
    throw new VfiokitError('nothing to hand back: no handover is in place', {
      hint: `${HANDOVER_PATH} is absent (it does not survive a reboot, after which the host has its GPU anyway); \`vfiokit release GPU\` gives a bound device back`,
      code: 'handover.none',
    });
  if (gpuItem !== undefined) {
    const a = tryParsePciAddress(gpuItem);
    if (!a || formatPciAddress(a) !== record.gpu)
      throw new VfiokitError(`the GPU handed over is ${record.gpu}, not ${gpuItem}`, {
        hint: `vfiokit handback ${record.gpu}`,
        code: 'handover.other-gpu',
      });
  }
  const steps: Step[] = [];
  const notes: string[] = [];
  for (const f of [...record.framebuffers].reverse()) {
    if (!root.exists(`${PLATFORM}/devices/${f.device}`)) {
      notes.push(`${f.device} is gone (a DRM driver took its place): not bound again`);
      continue;
    }
    steps.push(
      fbStep(
        f.device,
        f.driver,
        'bind',
        `the firmware framebuffer back (${f.driver}) until the GPU's driver takes over`,
      ),
    );
  }
  const binding = planRelease(root, { items: [record.gpu], groups: [], gpu: false }, { force: false });
  notes.push(...binding.notes);
  steps.push(...binding.plan.steps);
  for (const m of [...record.modules].reverse())
    steps.push(moduleStep(m, true, `${m} back (handover unloaded it)`));
  for (const c of [...record.vtconsoles].reverse())
    steps.push(vtconStep(c, '1', 'the text consoles back on the framebuffer'));
  if (record.displayManager) steps.push(dmStep(record.displayManager, true));
  steps.push(recordStep(HANDOVER_PATH, bytes, undefined, 'the handover is over'));
  return {
    mode: 'handback',
    gpu: record.gpu,
    displayManager: readDisplayManager(root),
    binding,
    refusals: [],
    ended: [],
    notes,
    plan: { steps },
    record,
  };
}
