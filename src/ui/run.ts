/**
 * `vfiokit ui`: open the roots (the live host, --root DIR|FILE.tar.gz, or --demo's lab
 * snapshots), decide whether binding is allowed, start the server and print its URL; stop on
 * SIGINT/SIGTERM, removing unpacked archives.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../errors.js';
import { isArchivePath } from '../host/archive-path.js';
import { unpackSnapshot } from '../host/snapshot-archive.js';
import { type ApiState, type UiRoot, warm } from './api.js';
import { isLoopback, startUiServer } from './server.js';

declare const VFIOKIT_VERSION: string | undefined;

export interface UiCliOptions {
  root?: string;
  demo?: boolean;
  listen?: string;
  port?: string;
  firmwareDir?: string[];
}

/**
 * dist/: beside the bundle (dist/vfiokit.cjs) when bundled; the repository's dist/ when run from
 * source (npm run build writes it).
 */
export function distDir(): string {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return path.dirname(__filename);
  return fileURLToPath(new URL('../../dist', import.meta.url));
}

/** The demo snapshots the build packs into dist/demo (the lab machines' snapshots). */
export function demoArchives(dist = distDir()): string[] {
  const dir = path.join(dist, 'demo');
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.tar.gz'));
  } catch {
    names = [];
  }
  if (!names.length)
    throw new EnvironmentError(`no demo snapshots in ${dir}`, {
      hint: 'run `npm run build`',
      code: 'ui.no-demo',
    });
  return names.sort().map((n) => path.join(dir, n));
}

/** Why binding is refused, or undefined when it is allowed. */
export function readOnlyReason(roots: UiRoot[]): string | undefined {
  if (!roots.every((r) => r.live))
    return 'serving a snapshot: binding needs the live host (vfiokit ui without --root)';
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'not running as root: the dashboard can look and plan, not bind (run vfiokit ui with sudo to bind)';
  return undefined;
}

export async function runUi(
  opts: UiCliOptions,
  io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) },
): Promise<number> {
  const cleanups: (() => void)[] = [];
  const roots: UiRoot[] = [];
  try {
    if (opts.demo) {
      const files = demoArchives();
      const unpacked = await Promise.allSettled(files.map((f) => unpackSnapshot(f)));
      for (const u of unpacked) if (u.status === 'fulfilled') cleanups.push(u.value.cleanup);
      for (const u of unpacked) if (u.status === 'rejected') throw u.reason;
      files.forEach((file, i) => {
        const u = unpacked[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof unpackSnapshot>>>;
        const id = path.basename(file, '.tar.gz');
        roots.push({ id, label: `${id} (demo)`, source: { root: file, unpacked: u.value }, live: false });
      });
    } else if (opts.root && isArchivePath(opts.root)) {
      const u = await unpackSnapshot(opts.root);
      cleanups.push(u.cleanup);
      roots.push({
        id: 'snapshot',
        label: path.basename(opts.root),
        source: { root: opts.root, unpacked: u },
        live: false,
      });
    } else if (opts.root) {
      const resolved = path.resolve(opts.root);
      roots.push({ id: 'snapshot', label: resolved, source: { root: opts.root }, live: resolved === '/' });
    } else roots.push({ id: 'host', label: 'this host', source: {}, live: true });
    const state: ApiState = {
      roots,
      readOnly: readOnlyReason(roots),
      firmwareDir: opts.firmwareDir,
      version: typeof VFIOKIT_VERSION === 'string' ? VFIOKIT_VERSION : '0.0.0-dev',
    };
    if (opts.listen !== undefined && !isLoopback(opts.listen))
      io.err(
        `vfiokit ui: warning: listening on ${opts.listen}, not only this machine: anyone who can reach it and learns the URL's token can ${state.readOnly ? 'read this host' : 'bind devices (treat it like a root shell)'}`,
      );
    const port = opts.port === undefined ? 8737 : Number(opts.port);
    const ui = await startUiServer({ state, listen: opts.listen, port, assets: path.join(distDir(), 'ui') });
    warm(state);
    // The handlers first: a Ctrl-C that comes as soon as the line below is read (a user, or a
    // script waiting for it) must stop the server, not kill the process before they exist.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.out(`vfiokit ui: ${ui.url}`);
    if (state.readOnly) io.out(`read-only: ${state.readOnly}`);
    io.out('Stop with Ctrl-C.');
    await stopped;
    await ui.close();
    return 0;
  } finally {
    for (const c of cleanups) c();
  }
}
