/**
 * The dashboard's JSON API: one handler per page, each calling the runner its CLI command calls
 * (capture.ts), so a page shows exactly what `vfiokit … --json` prints for the same root.
 * Inputs are checked here (types, sizes, counts) before any runner sees them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { type BindCliOptions, type BindDeps, runBind, runRestore } from '../cli/commands/bind.js';
import { runConfig } from '../cli/commands/config.js';
import { runDevice } from '../cli/commands/device.js';
import { runDevices } from '../cli/commands/devices.js';
import { runDiagnose } from '../cli/commands/diagnose.js';
import { runDoctor } from '../cli/commands/doctor.js';
import { runExplain } from '../cli/commands/explain.js';
import { runGroups } from '../cli/commands/groups.js';
import { runReport } from '../cli/commands/report.js';
import { runRomDump } from '../cli/commands/rom-dump.js';
import { UsageError, VfiokitError } from '../errors.js';
import { parsePciAddress } from '../pci/address.js';
import type { DevicesJson } from '../schema/outputs/devices.js';
import type { GroupsJson } from '../schema/outputs/groups.js';
import type { UiInfoJson } from '../schema/outputs/ui-info.js';
import type { UiTopologyJson } from '../schema/outputs/ui-topology.js';
import { formatQemuShell } from '../vm/render-qemu.js';
import { type Captured, openShared, type RootSource, runJson, type SharedRead } from './capture.js';

/** One root the dashboard serves: the live host, a snapshot, or one of the demo snapshots. */
export interface UiRoot {
  id: string;
  label: string;
  source: RootSource;
  live: boolean;
}

export interface ApiState {
  roots: UiRoot[];
  /** Why binding is refused (not root, a snapshot); undefined when the dashboard may bind. */
  readOnly?: string;
  /** What bind/restore act through (a simulated sysfs in tests); the host's own files otherwise. */
  bindDeps?: BindDeps;
  firmwareDir?: string[];
  version: string;
}

/**
 * A JSON text already serialised (a runner's document), sent as it is. At 4,096 functions the
 * devices document is 7 MB of indented JSON: its gzip form (about 30 times smaller, made once per
 * kept answer, at level 1 for speed) is what a browser that accepts gzip is sent, since moving
 * megabytes through the browser's network process took longer than reading the host.
 */
export class RawJson {
  private packed?: Promise<Buffer>;
  constructor(
    readonly text: string,
    /** The parsed document, for answers made from it (the topology's). */
    readonly doc?: unknown,
  ) {}

  gzip(): Promise<Buffer> {
    this.packed ??= new Promise((resolve, reject) =>
      zlib.gzip(this.text, { level: 1 }, (e, b) => (e ? reject(e) : resolve(b))),
    );
    return this.packed;
  }
}

/** Below this size an answer goes out as it is: compressing it would cost more than it saves. */
export const GZIP_FROM = 64 * 1024;

/** An answer: HTTP status and a JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A spec or a log pasted into a page; a real spec is a few KB, a long kernel log a few MB. */
export const MAX_BODY = 4 * 1024 * 1024;
const MAX_TARGETS = 256;

export class ForbiddenError extends VfiokitError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'ui.read-only', hint });
  }
}

function ok<T>(c: Captured<T>): ApiAnswer {
  return { status: 200, body: new RawJson(c.text, c.doc) };
}

/** The fields the topology picture draws, picked from the devices and groups documents. */
function topologyJson(
  devices: DevicesJson,
  groups: GroupsJson | ReturnType<typeof errorJson>,
): UiTopologyJson {
  return {
    schema: 'vfiokit.ui-topology/1',
    root: devices.root,
    devices: devices.devices.map((d) => ({
      address: d.address,
      vendor: d.vendor,
      device: d.device,
      class: d.class,
      ...(d.names ? { names: d.names } : {}),
      ...(d.driver !== undefined ? { driver: d.driver } : {}),
      ...(d.iommuGroup !== undefined ? { iommuGroup: d.iommuGroup } : {}),
      sysfsPath: d.sysfsPath,
    })),
    groups:
      'groups' in groups
        ? {
            source: groups.source,
            groups: groups.groups.map((g) => ({
              id: g.id,
              verdict: g.verdict,
              viable: g.viable,
              devices: g.devices.map((d) => ({ address: d.address, hostCritical: d.hostCritical })),
            })),
          }
        : { error: groups },
  };
}

function pickRoot(state: ApiState, id: string | null): UiRoot {
  if (id === null || id === '') return state.roots[0];
  const r = state.roots.find((x) => x.id === id);
  if (!r) throw new UsageError(`no root ${JSON.stringify(id.slice(0, 40))}`, { code: 'ui.root' });
  return r;
}

function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > MAX_TARGETS || !v.every((x) => typeof x === 'string' && x.length <= 64))
    throw new UsageError(`${what} must be a list of at most ${MAX_TARGETS} short strings`, {
      code: 'ui.input',
    });
  return v as string[];
}

function bindOptions(body: Record<string, unknown>): { targets: string[]; opts: BindCliOptions } {
  const targets = stringList(body.targets, 'targets');
  const group = stringList(
    Array.isArray(body.group) ? body.group.map((g) => (typeof g === 'number' ? String(g) : g)) : body.group,
    'group',
  );
  return { targets, opts: { group, gpu: body.gpu === true, force: body.force === true } };
}

function text(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw new UsageError(`the request needs "${key}" as text`, { code: 'ui.input' });
  return v;
}

/** Runs f with a private temporary directory, removed afterwards whatever happens. */
async function withTemp<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-ui-'));
  try {
    return await f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A runner's error about a temporary file names the file as the page knows it. */
function untemp<T>(dir: string, f: () => Promise<T>): Promise<T> {
  return f().catch((e: unknown) => {
    if (e instanceof VfiokitError) e.message = e.message.split(`${dir}${path.sep}`).join('');
    throw e;
  });
}

function refuseWrite(state: ApiState): void {
  if (state.readOnly) throw new ForbiddenError(state.readOnly);
}

/** Part of an answer that may fail on its own (a device without IOMMU data still has details). */
async function part<T>(f: () => Promise<Captured<T>>): Promise<T | { error: ReturnType<typeof errorJson> }> {
  try {
    return (await f()).doc;
  } catch (e) {
    return { error: errorJson(e) };
  }
}

export function errorJson(e: unknown): { message: string; hint?: string; code: string } {
  if (e instanceof VfiokitError)
    return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), code: e.code };
  return {
    message: `internal error: ${e instanceof Error ? e.message : String(e)}`,
    hint: 'this is a bug in vfiokit; please report it',
    code: 'internal',
  };
}

export function errorStatus(e: unknown): number {
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof VfiokitError) return e.exitCode === 2 ? 400 : e.exitCode === 3 ? 409 : 422;
  return 500;
}

/**
 * One reading of a root: the shared root and HostState every cached answer came from, and the
 * answers themselves. A snapshot is read once for the server's life. A root that can change (the
 * live host, a simulated sysfs under bind) gets a new reading after a bind or restore through the
 * dashboard, and when its signature (below) differs from the one the reading started with.
 */
interface Reading {
  signature: string;
  shared: SharedRead;
  answers: Map<string, Promise<ApiAnswer>>;
}

const readings = new WeakMap<ApiState, Map<string, Reading>>();

/** A root whose files change under the server: the host itself, or the one bind acts on. */
function mutable(state: ApiState, root: UiRoot): boolean {
  return root.live || state.bindDeps !== undefined;
}

/**
 * What the cached answers depend on that changes without the dashboard: the PCI functions
 * (hotplug, SR-IOV VFs, remove/rescan), each one's driver link (a bind by another tool,
 * driverctl, a module load) and the IOMMU groups (an IOMMU group appears with its first device).
 * One listing and one readlink per function: 70-80 ms of CPU at 4,096 functions (measured on
 * the bench's tree), against seconds for the scan it saves. Doctor and the host report read more than this (hugepage
 * pools, modules, the command line), so they are never cached on such a root.
 */
function signature(source: RootSource): string {
  const top = source.unpacked?.dir ?? source.root ?? '/';
  const devices = path.join(top, 'sys/bus/pci/devices');
  const parts: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(devices).sort();
  } catch (e) {
    return `unlisted ${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
  for (const n of names) {
    let driver = '-';
    try {
      driver = path.basename(fs.readlinkSync(path.join(devices, n, 'driver')));
    } catch {
      // No driver link: no driver bound (or a flattened copy; the scan says which).
    }
    parts.push(`${n}=${driver}`);
  }
  let groups = '';
  try {
    groups = fs.readdirSync(path.join(top, 'sys/kernel/iommu_groups')).length.toString();
  } catch {
    groups = '-';
  }
  return `${parts.join(' ')} groups=${groups}`;
}

/** The current reading of a root: kept, or a new one when the root changed. */
function reading(state: ApiState, root: UiRoot): Reading {
  const m = readings.get(state) ?? new Map<string, Reading>();
  readings.set(state, m);
  const sig = mutable(state, root) ? signature(root.source) : '';
  let r = m.get(root.id);
  if (!r || r.signature !== sig) {
    r = { signature: sig, shared: openShared(root.source), answers: new Map() };
    m.set(root.id, r);
  }
  return r;
}

/** After a write through the dashboard: the next look reads the root anew. */
function forget(state: ApiState, root: UiRoot): void {
  readings.get(state)?.delete(root.id);
}

/** Answers taken from the root's reading (the rest are made anew on every call). */
function cacheable(state: ApiState, root: UiRoot, route: string): boolean {
  if (route === '/journal' || route === '/info') return false;
  if (route === '/devices' || route === '/groups' || route === '/topology' || route.startsWith('/device/'))
    return true;
  return !mutable(state, root);
}

export function apiGet(state: ApiState, route: string, q: URLSearchParams): Promise<ApiAnswer> {
  const root = pickRoot(state, q.get('root'));
  if (!cacheable(state, root, route)) return answerGet(state, root, route, q);
  const r = reading(state, root);
  const key = `${route} ${q.get('simulate') === '1'}`;
  let p = r.answers.get(key);
  if (!p) {
    p = answerGet(state, root, route, q, r.shared);
    r.answers.set(key, p);
    // A failure is not kept: the next call tries again.
    p.catch(() => r.answers.delete(key));
  }
  return p;
}

/**
 * The topology's reads for every root, started as the server starts, so the first page load finds
 * them done or under way. The scan is synchronous work: it is started on the next turn of the
 * event loop, after the server printed its URL.
 */
export function warm(state: ApiState): void {
  setImmediate(() => {
    for (const r of state.roots) {
      const q = new URLSearchParams({ root: r.id });
      for (const route of ['/devices', '/groups', '/topology'])
        apiGet(state, route, q)
          .then((a) =>
            a.body instanceof RawJson && a.body.text.length >= GZIP_FROM ? a.body.gzip() : undefined,
          )
          .catch(() => undefined);
    }
  });
}

async function answerGet(
  state: ApiState,
  root: UiRoot,
  route: string,
  q: URLSearchParams,
  shared?: SharedRead,
): Promise<ApiAnswer> {
  const src = root.source;
  if (route === '/info') {
    return {
      status: 200,
      body: {
        schema: 'vfiokit.ui-info/1',
        version: state.version,
        roots: state.roots.map((r) => ({ id: r.id, label: r.label, live: r.live })),
        readOnly: state.readOnly ?? null,
      } satisfies UiInfoJson,
    };
  }
  if (route === '/host') return ok(await runJson(src, (ctx) => runReport(ctx), shared));
  if (route === '/devices') return ok(await runJson(src, (ctx) => runDevices(ctx, {}), shared));
  if (route === '/groups')
    return ok(await runJson(src, (ctx) => runGroups(ctx, { simulate: q.get('simulate') === '1' }), shared));
  if (route === '/topology') {
    // Made from the kept devices and groups answers of the same reading (computed once).
    const rq = new URLSearchParams({ root: root.id });
    const devices = (await apiGet(state, '/devices', rq)).body as RawJson;
    const groups = await apiGet(state, '/groups', rq).then(
      (a) => (a.body as RawJson).doc as GroupsJson,
      (e: unknown) => errorJson(e),
    );
    const doc = topologyJson(devices.doc as DevicesJson, groups);
    return { status: 200, body: new RawJson(JSON.stringify(doc), doc) };
  }
  if (route === '/doctor') return ok(await runJson(src, (ctx) => runDoctor(ctx, {}), shared));
  if (route === '/journal')
    return ok(await runJson(src, (ctx) => runRestore(ctx, { dryRun: true }, state.bindDeps)));
  const dev = /^\/device\/([^/]+)$/.exec(route);
  if (dev) {
    const bdf = decodeURIComponent(dev[1]);
    parsePciAddress(bdf);
    const device = await runJson<{ device: { hasRom?: boolean } }>(src, (ctx) => runDevice(ctx, bdf), shared);
    const explain = await part(() => runJson(src, (ctx) => runExplain(ctx, bdf, {}), shared));
    // ROM facts only from a snapshot's copy: on the live host reading a ROM enables its BAR,
    // which `vfiokit rom dump` does when asked, never a page load.
    const rom =
      !root.live && device.doc.device.hasRom
        ? await part(() =>
            withTemp((dir) =>
              untemp(dir, () =>
                runJson(src, (ctx) => runRomDump(ctx, bdf, { output: path.join(dir, 'rom.bin') })),
              ),
            ),
          )
        : null;
    return { status: 200, body: { schema: 'vfiokit.ui-device/1', device: device.doc, explain, rom } };
  }
  return { status: 404, body: { error: { message: `no API ${route}`, code: 'ui.not-found' } } };
}

let writing: Promise<unknown> = Promise.resolve();
/** One write at a time: a second bind waits for the first (the journal lock would refuse it). */
function serial<T>(f: () => Promise<T>): Promise<T> {
  const next = writing.then(f, f);
  writing = next.catch(() => undefined);
  return next;
}

/** POST routes. Only bind/apply and restore change the host; the rest take text to analyse. */
export async function apiPost(
  state: ApiState,
  route: string,
  q: URLSearchParams,
  body: Record<string, unknown>,
): Promise<ApiAnswer> {
  const root = pickRoot(state, q.get('root'));
  const src = root.source;
  if (route === '/vm/render') {
    const spec = text(body, 'spec');
    return withTemp(async (dir) => {
      const file = path.join(dir, 'spec.yaml');
      fs.writeFileSync(file, spec);
      const opts = { firmwareDir: state.firmwareDir };
      const qemu = await untemp(dir, () => runJson(src, (ctx) => runConfig(ctx, 'qemu', file, opts)));
      const libvirt = await untemp(dir, () => runJson(src, (ctx) => runConfig(ctx, 'libvirt', file, opts)));
      // The shell form is what `vfiokit config qemu SPEC` prints, quoted by the same function.
      const argv = (qemu.doc as { argv: string[] }).argv;
      return {
        status: 200,
        body: {
          schema: 'vfiokit.ui-vm/1',
          qemu: qemu.doc,
          qemuShell: formatQemuShell(argv),
          libvirt: libvirt.doc,
        },
      };
    });
  }
  if (route === '/diagnose') {
    const log = text(body, 'text');
    if (!log.trim())
      throw new UsageError('no messages to diagnose', { code: 'diagnose.usage', hint: 'paste a log' });
    return ok(await runJson(src, (ctx) => runDiagnose(ctx, [log], {})));
  }
  if (route === '/bind/plan') {
    const { targets, opts } = bindOptions(body);
    const mode = body.mode === 'release' ? 'release' : 'bind';
    return ok(
      await runJson(src, (ctx) => runBind(ctx, mode, targets, { ...opts, dryRun: true }, state.bindDeps)),
    );
  }
  if (route === '/bind/apply') {
    refuseWrite(state);
    const { targets, opts } = bindOptions(body);
    const mode = body.mode === 'release' ? 'release' : 'bind';
    return serial(async () => {
      try {
        return ok(await runJson(src, (ctx) => runBind(ctx, mode, targets, opts, state.bindDeps)));
      } finally {
        // Even a failed apply may have changed some drivers before it rolled back.
        forget(state, root);
      }
    });
  }
  if (route === '/restore') {
    refuseWrite(state);
    return serial(async () => {
      try {
        return ok(await runJson(src, (ctx) => runRestore(ctx, {}, state.bindDeps)));
      } finally {
        forget(state, root);
      }
    });
  }
  return { status: 404, body: { error: { message: `no API ${route}`, code: 'ui.not-found' } } };
}
