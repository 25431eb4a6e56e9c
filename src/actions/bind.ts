/**
 * Runtime binding: the plans for `vfiokit bind` (devices onto vfio-pci now) and `vfiokit release`
 * (each device back to the driver it had). A plan is a list of sysfs steps (plan.ts) applied with
 * the journal (apply.ts); what bind did is kept in /run/vfiokit/bound.json, written through the
 * same journal, so release knows each device's driver and driver_override from before.
 *
 * The sequence is the kernel's, as libvirt (virpci.c) and driverctl use it: unbind from the current
 * driver, write vfio-pci to driver_override, write the address to /sys/bus/pci/drivers_probe, then
 * read the driver link. driver_override, not new_id: new_id adds an ID to vfio-pci's table and so
 * catches every device with that ID, both of two identical GPUs (Documentation/ABI/testing/
 * sysfs-bus-pci). The set bound is the target's IOMMU group without its bridges: the kernel opens
 * a group only when every endpoint is on vfio-pci, pci-stub or no driver (DESIGN.md, viability);
 * bridges on pcieport do not count and stay there.
 *
 * /run is a tmpfs on every systemd host: after a reboot the record is gone, as are the bindings.
 */
import { EnvironmentError, UsageError, VfiokitError } from '../errors.js';
import { readKernelGroups } from '../host/kernel-groups.js';
import { scanPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { type IommuGroup, joinGroups } from '../iommu/groups.js';
import { hostCriticalReason, isBridge } from '../iommu/viability.js';
import type { PciDevice } from '../pci/types.js';
import { idOf, resolveTargets, type TargetSpec } from '../persist/setup-targets.js';
import type { BoundRecordJson } from '../schema/outputs/bound.js';
import { formatFindings, type GuardFinding } from './guard.js';
import { RUN_DIR } from './lock.js';
import type { CommandStep, FileStep, Plan, SysfsStep } from './plan.js';

export type { TargetSpec } from '../persist/setup-targets.js';

export const BOUND_PATH = `${RUN_DIR}/bound.json`;
const BUS = '/sys/bus/pci';

/** The record /run/vfiokit/bound.json, vfiokit.bound/1 (src/schema/outputs/bound.ts). */
export type BoundRecord = BoundRecordJson;
/** Devices bound by one `vfiokit bind`: released together (a GPU with its audio function). */
export type BoundSet = BoundRecordJson['sets'][number];
/** One device bind put on vfio-pci, with the driver and driver_override it had before (null: none). */
export type BoundDevice = BoundSet['devices'][number];

/** A device in a plan and what happens to it. */
export interface PlannedDevice {
  address: string;
  id: string;
  group?: number;
  /** Its driver now (null: none). */
  driver: string | null;
  override: string | null;
  /** Where it ends up: vfio-pci for bind; the old driver, or the kernel's choice, for release. */
  to: string | null;
  /** "bind", "release", or "keep" (already where it should be). */
  action: 'bind' | 'release' | 'keep';
  why: string;
}

export interface BindPlan {
  mode: 'bind' | 'release';
  devices: PlannedDevice[];
  notes: string[];
  plan: Plan;
  /** The record after the plan is applied. */
  record: BoundRecord;
}

export interface BindOptions {
  /** Take devices the host may need (storage, network, the boot GPU) and devices in use. */
  force?: boolean;
  /** What the host uses among these devices (guard.ts over host/usage.ts); refused unless --force. */
  guard?: (devices: PciDevice[]) => GuardFinding[];
  /** Who holds the nodes of a device (scanned once per plan); see holders.ts. */
  holders?: (devices: PciDevice[]) => HolderReport;
}

/** The guard found the host using a device: the findings with their evidence, for the caller to print. */
export class GuardRefusal extends VfiokitError {
  constructor(readonly findings: GuardFinding[]) {
    const n = new Set(findings.map((f) => f.address)).size;
    super(
      `refusing to bind ${n} device${n > 1 ? 's' : ''} the host is using or may be using: ${findings
        .map((f) => `${f.address} (${f.what})`)
        .join(', ')}`,
      {
        hint: 'the evidence is printed above; add --force only if the host can do without them',
        code: 'bind.guard',
      },
    );
  }
}

/** Processes using devices, as holders.ts judges them. */
export interface HolderReport {
  /** One line per device in use: "0000:01:00.0: /dev/dri/card1 held by Xorg (pid 812)". */
  busy: { address: string; line: string }[];
  /** Why the answer may be incomplete (processes that could not be inspected). */
  unknown?: string;
}

const enc = new TextEncoder();
const show = (d: string | null) => d ?? 'no driver';

/** The record, or an empty one; a damaged record is refused, never overwritten. */
export function readBoundRecord(root: HostRoot): { record: BoundRecord; bytes?: Uint8Array } {
  const bytes = root.readBytes(BOUND_PATH, 4 * 1024 * 1024);
  if (bytes === undefined) return { record: { schema: 'vfiokit.bound/1', sets: [] } };
  let v: BoundRecord;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes)) as BoundRecord;
  } catch {
    throw new VfiokitError(`${BOUND_PATH} is not valid JSON`, {
      hint: `it records what vfiokit bind did; check it, or remove it to forget those bindings`,
      code: 'bind.record',
    });
  }
  const okDevice = (d: BoundDevice) =>
    typeof d?.address === 'string' &&
    (d.driver === null || typeof d.driver === 'string') &&
    (d.override === null || typeof d.override === 'string');
  if (
    v?.schema !== 'vfiokit.bound/1' ||
    !Array.isArray(v.sets) ||
    !v.sets.every((s) => Array.isArray(s?.devices) && s.devices.every(okDevice))
  )
    throw new VfiokitError(`${BOUND_PATH} is not a vfiokit bind record`, { code: 'bind.record' });
  return { record: v, bytes };
}

function recordStep(before: Uint8Array | undefined, record: BoundRecord, why: string): FileStep | undefined {
  const after = enc.encode(`${JSON.stringify(record, null, 1)}\n`);
  if (before && Buffer.compare(Buffer.from(before), Buffer.from(after)) === 0) return undefined;
  return {
    kind: 'file',
    path: BOUND_PATH,
    action: record.sets.length === 0 && before ? 'remove' : before ? 'modify' : 'create',
    before,
    after,
    mode: 0o600,
    why,
    showDiff: false,
  };
}

interface HostView {
  devices: PciDevice[];
  groups: IommuGroup[];
}

function readHost(root: HostRoot): HostView {
  const scan = scanPciDevices(root);
  if (scan.listError)
    throw new EnvironmentError(`cannot list ${BUS}/devices: ${scan.listError}`, { code: 'bind.no-sysfs' });
  return { devices: scan.devices, groups: joinGroups(readKernelGroups(root), scan.devices, scan.unreadable) };
}

/** A device whose driver could not be read soundly is never unbound on a guess. */
function refuseUnknown(devs: PciDevice[], groups: IommuGroup[]): void {
  const bad: string[] = [];
  for (const d of devs) {
    const f = d.unknownFacts?.find((x) => x.fact === 'driver');
    if (f) bad.push(`${d.address}: ${f.reason}`);
  }
  for (const g of groups)
    if (g.unknown.length && devs.some((d) => d.iommuGroup === g.id))
      bad.push(`group ${g.id}: ${g.unknown.join('; ')}`);
  if (bad.length)
    throw new VfiokitError(`cannot tell soundly which devices to bind: ${bad.join('; ')}`, {
      hint: '`vfiokit groups` shows what could not be read',
      code: 'bind.unknown',
    });
}

function vfioLoadStep(root: HostRoot): CommandStep | undefined {
  if (root.exists(`${BUS}/drivers/vfio-pci`)) return undefined;
  return {
    kind: 'command',
    argv: ['modprobe', 'vfio-pci'],
    why: 'load vfio-pci (not loaded yet); it stays loaded, as other devices may come to use it',
    timeoutMs: 60_000,
  };
}

/** The sysfs steps that put one device on vfio-pci (libvirt virPCIDeviceBindToStub). */
export function bindSteps(address: string, driver: string | null, override: string | null): SysfsStep[] {
  const steps: SysfsStep[] = [];
  if (driver !== null)
    steps.push({
      kind: 'sysfs',
      device: address,
      op: 'unbind',
      path: `${BUS}/drivers/${driver}/unbind`,
      value: address,
      why: `take ${address} from ${driver}`,
      expectBefore: driver,
      expectAfter: null,
      mayBlock: true,
    });
  if (override !== 'vfio-pci')
    steps.push({
      kind: 'sysfs',
      device: address,
      op: 'override',
      path: `${BUS}/devices/${address}/driver_override`,
      value: 'vfio-pci',
      why: 'only vfio-pci may bind it from now on (no ID added to vfio-pci, so no twin is caught)',
      expectBefore: null,
      mayBlock: false,
    });
  steps.push({
    kind: 'sysfs',
    device: address,
    op: 'probe',
    path: `${BUS}/drivers_probe`,
    value: address,
    why: 'ask the kernel to probe it: driver_override makes that vfio-pci',
    expectBefore: null,
    expectAfter: 'vfio-pci',
    mayBlock: true,
  });
  return steps;
}

/**
 * The sysfs steps that give one device back (libvirt virPCIDeviceUnbindFromStub): unbind from
 * vfio-pci, driver_override as it was, then the old driver's `bind` file — or, with no record,
 * drivers_probe, where the kernel picks the driver.
 */
export function releaseSteps(
  address: string,
  was?: { driver: string | null; override: string | null },
): SysfsStep[] {
  const steps: SysfsStep[] = [
    {
      kind: 'sysfs',
      device: address,
      op: 'unbind',
      path: `${BUS}/drivers/vfio-pci/unbind`,
      value: address,
      why: `take ${address} from vfio-pci`,
      expectBefore: 'vfio-pci',
      expectAfter: null,
      mayBlock: true,
    },
    {
      kind: 'sysfs',
      device: address,
      op: 'override',
      path: `${BUS}/devices/${address}/driver_override`,
      // A lone newline clears driver_override; an empty write never reaches the kernel.
      value: was?.override ?? '\n',
      why: was
        ? `driver_override as it was before bind (${was.override ?? '(null)'})`
        : 'clear driver_override',
      expectBefore: null,
      mayBlock: false,
    },
  ];
  if (!was)
    steps.push({
      kind: 'sysfs',
      device: address,
      op: 'probe',
      path: `${BUS}/drivers_probe`,
      value: address,
      why: 'no record of its old driver: let the kernel choose',
      expectBefore: null,
      mayBlock: true,
    });
  else if (was.driver !== null)
    steps.push({
      kind: 'sysfs',
      device: address,
      op: 'bind',
      path: `${BUS}/drivers/${was.driver}/bind`,
      value: address,
      why: `back to ${was.driver}, its driver before bind`,
      expectBefore: null,
      expectAfter: was.driver,
      mayBlock: true,
    });
  return steps;
}

function refuseBusy(report: HolderReport | undefined, force: boolean, notes: string[], verb: string): void {
  if (!report) return;
  if (report.unknown) notes.push(`who uses the devices is not fully known: ${report.unknown}`);
  if (!report.busy.length) return;
  const lines = report.busy.map((b) => b.line);
  if (!force)
    throw new VfiokitError(`refusing to ${verb} devices in use: ${lines.join('; ')}`, {
      hint: `stop those processes first (the unbind would wait for them), or add --force`,
      code: 'bind.in-use',
    });
  for (const l of lines) notes.push(`--force: in use: ${l}`);
}

// long: one linear plan in the kernel's binding order with its guards; each part is already a call
export function planBind(root: HostRoot, spec: TargetSpec, opts: BindOptions = {}): BindPlan {
  const { devices, groups } = readHost(root);
  const { chosen, notes } = resolveTargets(devices, groups, spec);
  const noGroup = chosen.filter((c) => c.device.iommuGroup === undefined);
  if (noGroup.length)
    throw new EnvironmentError(
      `${noGroup.map((c) => c.device.address).join(', ')} ${noGroup.length > 1 ? 'have' : 'has'} no IOMMU group: vfio-pci cannot take a device without one`,
      {
        hint: 'turn the IOMMU on (vfiokit setup adds intel_iommu=on where needed; `vfiokit doctor` checks it)',
        code: 'bind.no-iommu',
      },
    );
  refuseUnknown(
    chosen.map((c) => c.device),
    groups,
  );
  // Bridges do not count for viability (DESIGN.md: a downstream port on pcieport with its NVMe
  // on vfio-pci was viable); say so rather than leave the reader to wonder.
  for (const g of groups)
    if (chosen.some((c) => c.device.iommuGroup === g.id))
      for (const b of g.devices.filter(isBridge))
        if (!b.driver || b.driver === 'pcieport')
          notes.push(`${b.address} is a bridge in group ${g.id}: it stays on ${b.driver ?? 'no driver'}`);
  const toBind = chosen.filter((c) => c.device.driver !== 'vfio-pci').map((c) => c.device);
  const findings = opts.guard?.(toBind) ?? [];
  if (findings.length) {
    if (!opts.force) throw new GuardRefusal(findings);
    for (const l of formatFindings(findings)) if (!l.startsWith(' ')) notes.push(`--force: ${l}`);
  }
  // The evidence-based guard first; then the class rule setup and ROM reads share, for devices
  // the host may need though nothing was seen using them (a second NIC, an idle disk controller).
  const critical = chosen
    .map((c) => ({ a: c.device.address, why: hostCriticalReason(c.device) }))
    .filter((x) => x.why !== undefined);
  if (critical.length) {
    const list = critical.map((x) => `${x.a} is ${x.why}`);
    if (!opts.force)
      throw new VfiokitError(`refusing to bind: ${list.join('; ')}`, {
        hint: 'check that the host does not need it, then add --force',
        code: 'bind.host-critical',
      });
    for (const l of list) notes.push(`--force: ${l}`);
  }
  refuseBusy(opts.holders?.(toBind), Boolean(opts.force), notes, 'bind');

  const { record, bytes } = readBoundRecord(root);
  const steps: Plan['steps'] = [];
  const load = toBind.length ? vfioLoadStep(root) : undefined;
  if (load) steps.push(load);
  const planned: PlannedDevice[] = [];
  const set: BoundSet = { targets: targetWords(spec), devices: [] };
  for (const c of chosen) {
    const d = c.device;
    const driver = d.driver ?? null;
    const override = d.driverOverride ?? null;
    if (driver === 'vfio-pci') {
      planned.push({
        address: d.address,
        id: idOf(d),
        group: d.iommuGroup,
        driver,
        override,
        to: 'vfio-pci',
        action: 'keep',
        why: `${c.why}; already on vfio-pci`,
      });
      continue;
    }
    steps.push(...bindSteps(d.address, driver, override));
    set.devices.push({ address: d.address, id: idOf(d), driver, override, why: c.why });
    set.group ??= d.iommuGroup;
    planned.push({
      address: d.address,
      id: idOf(d),
      group: d.iommuGroup,
      driver,
      override,
      to: 'vfio-pci',
      action: 'bind',
      why: c.why,
    });
  }
  const after: BoundRecord = {
    schema: 'vfiokit.bound/1',
    sets: set.devices.length ? [...record.sets, set] : record.sets,
  };
  const rs = set.devices.length
    ? recordStep(bytes, after, 'what bind changed, so release gives each device its old driver back')
    : undefined;
  if (rs) steps.push(rs);
  return { mode: 'bind', devices: planned, notes, plan: { steps }, record: after };
}

function targetWords(spec: TargetSpec): string[] {
  return [...spec.items, ...spec.groups.map((g) => `--group ${g}`), ...(spec.gpu ? ['--gpu'] : [])];
}

export function planRelease(root: HostRoot, spec: TargetSpec, opts: BindOptions = {}): BindPlan {
  const { devices, groups } = readHost(root);
  const { chosen, notes } = resolveTargets(devices, groups, spec);
  refuseUnknown(
    chosen.map((c) => c.device),
    groups,
  );
  // Devices the command line names (not the group companions resolveTargets adds).
  const named = new Set(
    chosen.filter((c) => !c.why.includes('the group opens only when')).map((c) => c.device.address),
  );
  const { record, bytes } = readBoundRecord(root);
  const byAddress = new Map(devices.map((d) => [d.address, d]));
  const planned: PlannedDevice[] = [];
  const steps: Plan['steps'] = [];
  const taken = new Set<string>();
  const releasedSets = new Set<BoundSet>();
  const add = (d: PciDevice, was: BoundDevice | undefined, why: string) => {
    if (taken.has(d.address)) return;
    taken.add(d.address);
    const driver = d.driver ?? null;
    const override = d.driverOverride ?? null;
    if (driver !== 'vfio-pci') {
      planned.push({
        address: d.address,
        id: idOf(d),
        group: d.iommuGroup,
        driver,
        override,
        to: driver,
        action: 'keep',
        why: `${why}; not on vfio-pci now (${show(driver)}), left as it is`,
      });
      return;
    }
    steps.push(...releaseSteps(d.address, was));
    planned.push({
      address: d.address,
      id: idOf(d),
      group: d.iommuGroup,
      driver,
      override,
      to: was ? was.driver : null,
      action: 'release',
      why: was
        ? why
        : `${why}; not bound by vfiokit bind: driver_override cleared, the kernel picks its driver`,
    });
  };
  for (const c of chosen) {
    const s = record.sets.find((x) => x.devices.some((d) => d.address === c.device.address));
    if (s) {
      releasedSets.add(s);
      for (const bd of s.devices) {
        const d = byAddress.get(bd.address);
        if (!d) {
          notes.push(`${bd.address} (bound with ${c.device.address}) is no longer on the bus`);
          continue;
        }
        add(
          d,
          bd,
          bd.address === c.device.address ? c.why : `bound together with ${c.device.address} by vfiokit bind`,
        );
      }
    } else if (named.has(c.device.address)) add(c.device, undefined, c.why);
    else if (c.device.driver === 'vfio-pci')
      notes.push(
        `${c.device.address} (${c.why.split(':')[0]}) is on vfio-pci but was not bound by vfiokit bind: left there`,
      );
  }
  if (!planned.length)
    throw new UsageError('nothing to release', {
      hint: 'list what vfiokit bound: cat /run/vfiokit/bound.json',
    });
  const holderInput = planned
    .filter((p) => p.action === 'release')
    .map((p) => byAddress.get(p.address) as PciDevice);
  refuseBusy(opts.holders?.(holderInput), Boolean(opts.force), notes, 'release');
  const after: BoundRecord = {
    schema: 'vfiokit.bound/1',
    sets: record.sets.filter((s) => !releasedSets.has(s)),
  };
  const rs = releasedSets.size ? recordStep(bytes, after, 'forget the released devices') : undefined;
  if (rs) steps.push(rs);
  return { mode: 'release', devices: planned, notes, plan: { steps }, record: after };
}

/** Groups whose every endpoint a plan leaves on vfio-pci (for the summary line). */
export function groupsOf(p: BindPlan): number[] {
  return [...new Set(p.devices.map((d) => d.group).filter((g): g is number => g !== undefined))];
}
