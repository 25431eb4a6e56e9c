/**
 * The dashboard's JSON API: one handler per page, each calling the runner its CLI command calls
 * (capture.ts), so a page shows exactly what `vfiokit … --json` prints for the same root.
 * Inputs are checked here (types, sizes, counts) before any runner sees them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
import type { UiInfoJson } from '../schema/outputs/ui-info.js';
import { formatQemuShell } from '../vm/render-qemu.js';
import { type Captured, type RootSource, runJson } from './capture.js';

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

/** A JSON text already serialised (a runner's document), sent as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

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
  return { status: 200, body: new RawJson(c.text) };
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
 * A snapshot never changes, so its answers are kept (per state, so two servers never share):
 * a second look costs nothing, and warm() starts the topology's reads before the browser asks.
 * The live host is read anew on every call (a bind changes it); the journal too.
 */
const kept = new WeakMap<ApiState, Map<string, Promise<ApiAnswer>>>();

export function apiGet(state: ApiState, route: string, q: URLSearchParams): Promise<ApiAnswer> {
  const root = pickRoot(state, q.get('root'));
  // A simulated sysfs under bind (state.bindDeps) changes too.
  if (root.live || state.bindDeps || route === '/journal' || route === '/info')
    return answerGet(state, root, route, q);
  const m = kept.get(state) ?? new Map<string, Promise<ApiAnswer>>();
  kept.set(state, m);
  const key = `${root.id} ${route} ${q.get('simulate') === '1'}`;
  let p = m.get(key);
  if (!p) {
    p = answerGet(state, root, route, q);
    m.set(key, p);
    // A failure is not kept: the next call tries again.
    p.catch(() => m.delete(key));
  }
  return p;
}

/** The topology's reads for every snapshot root, started as the server starts. */
export function warm(state: ApiState): void {
  for (const r of state.roots) {
    if (r.live) continue;
    const q = new URLSearchParams({ root: r.id });
    for (const route of ['/devices', '/groups']) apiGet(state, route, q).catch(() => undefined);
  }
}

async function answerGet(
  state: ApiState,
  root: UiRoot,
  route: string,
  q: URLSearchParams,
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
  if (route === '/host') return ok(await runJson(src, (ctx) => runReport(ctx)));
  if (route === '/devices') return ok(await runJson(src, (ctx) => runDevices(ctx, {})));
  if (route === '/groups')
    return ok(await runJson(src, (ctx) => runGroups(ctx, { simulate: q.get('simulate') === '1' })));
  if (route === '/doctor') return ok(await runJson(src, (ctx) => runDoctor(ctx, {})));
  if (route === '/journal')
    return ok(await runJson(src, (ctx) => runRestore(ctx, { dryRun: true }, state.bindDeps)));
  const dev = /^\/device\/([^/]+)$/.exec(route);
  if (dev) {
    const bdf = decodeURIComponent(dev[1]);
    parsePciAddress(bdf);
    const device = await runJson<{ device: { hasRom?: boolean } }>(src, (ctx) => runDevice(ctx, bdf));
    const explain = await part(() => runJson(src, (ctx) => runExplain(ctx, bdf, {})));
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
    return serial(async () =>
      ok(await runJson(src, (ctx) => runBind(ctx, mode, targets, opts, state.bindDeps))),
    );
  }
  if (route === '/restore') {
    refuseWrite(state);
    return serial(async () => ok(await runJson(src, (ctx) => runRestore(ctx, {}, state.bindDeps))));
  }
  return { status: 404, body: { error: { message: `no API ${route}`, code: 'ui.not-found' } } };
}
