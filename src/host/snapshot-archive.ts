/**
 * A snapshot as one .tar.gz for attaching to a bug report: the tree is captured into a temporary
 * directory, archived with its symlinks as symlinks (relative, as sysfs has them), then removed.
 * Any command reads it with `--root FILE.tar.gz` (or unpack it with `tar xzf FILE -C DIR` and
 * pass `--root DIR`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tar from 'tar';
import { EnvironmentError, errnoCode, showPath } from '../errors.js';
import { DirHostRoot } from './root.js';

/**
 * mkdtemp in TMPDIR, with the pid in the name so that a later run can tell a copy left by a
 * killed process (SIGKILL runs no clean-up) from one in use.
 */
export function makeTempDir(kind: 'root' | 'snap'): string {
  const tmp = os.tmpdir();
  try {
    return fs.mkdtempSync(path.join(tmp, `vfiokit-${kind}-${process.pid}-`));
  } catch (e) {
    throw new EnvironmentError(
      `cannot create a temporary directory in ${showPath(tmp)}: ${errnoCode(e) ?? String(e)}`,
      {
        hint: 'set TMPDIR to an existing directory you can write to (e.g. TMPDIR=/tmp)',
        code: 'host.tmpdir',
        cause: e,
      },
    );
  }
}

/**
 * Remove copies that earlier runs left in TMPDIR when they were killed: ours (same user), named
 * with a pid that no longer runs. A pid reused by another process keeps its directory, which is
 * the safe way to be wrong.
 */
export function removeStaleTempDirs(tmp = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const uid = process.getuid?.();
  for (const n of names) {
    const m = /^vfiokit-(?:root|snap)-(\d+)-[A-Za-z0-9]{6}$/.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    const p = path.join(tmp, n);
    try {
      const st = fs.lstatSync(p);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      fs.rmSync(p, { recursive: true, force: true });
      removed.push(p);
    } catch {
      // Another run removed it first, or it is not ours to remove.
    }
  }
  return removed;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return errnoCode(e) !== 'ESRCH';
  }
}

export async function withTempDir<T>(f: (dir: string) => Promise<T> | T): Promise<T> {
  removeStaleTempDirs();
  const dir = makeTempDir('snap');
  try {
    return await f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeArchive(treeDir: string, file: string): Promise<void> {
  const entries = fs.readdirSync(treeDir).sort();
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await tar.create({ gzip: true, file: tmp, cwd: treeDir, portable: true, follow: false }, entries);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Limits for `--root FILE.tar.gz`. A real snapshot is a few MB (each file capped at 8 MiB when
 * captured, a ROM at 64 MiB); these are far above that and low enough that a hostile archive
 * (a gzip bomb, a member declaring gigabytes) is refused in a second or two.
 */
export const ARCHIVE_LIMITS = {
  /** Bytes of tar stream after gunzip (headers included). */
  unpackedBytes: 256 * 1024 * 1024,
  /** Declared size of one member. */
  memberBytes: 64 * 1024 * 1024,
  entries: 200_000,
};
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

class ArchiveLimit extends Error {}

/**
 * `--root FILE.tar.gz`: unpack a snapshot archive into a private temporary directory, removed by
 * `cleanup()` (and at exit or on SIGINT/SIGTERM/SIGHUP; one left by SIGKILL is removed by the
 * next run). Archives come from bug reports, so nothing may land outside that directory and
 * nothing may take unbounded time or space:
 * - the gzip stream is decompressed here and counted, and the tar parser is fed only until the
 *   archive's end marker (node-tar buffers whatever follows it, which made a gzip of zeros take
 *   quadratic time); past ARCHIVE_LIMITS the unpack stops with an error naming the limit;
 * - only files, directories and symlinks are unpacked (hard links, device nodes and FIFOs are
 *   skipped and counted); absolute and `..` paths are stripped (tar's default);
 * - links whose resolution leaves the snapshot are removed after the unpack; reads through
 *   HostRoot are confined anyway (see root.ts), this keeps the copy itself harmless.
 */
export async function unpackSnapshot(
  file: string,
  limits = ARCHIVE_LIMITS,
): Promise<{ dir: string; notes: string[]; cleanup(): void }> {
  const shown = showPath(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new EnvironmentError(`snapshot archive ${shown} does not exist`, {
      hint: 'give --root a snapshot directory or a .tar.gz made by `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-missing',
    });
  }
  if (!st.isFile()) {
    throw new EnvironmentError(`snapshot archive ${shown} is not a file`, {
      hint: st.isDirectory()
        ? 'a snapshot directory is given without the .tar.gz name; rename it or pass the archive file'
        : 'give --root a regular .tar.gz file (a device or FIFO is not read)',
      code: 'host.root-not-file',
    });
  }
  removeStaleTempDirs();
  const dir = makeTempDir('root');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // Removed at exit, and on a signal too (Node exits on those without an 'exit' event): the
  // handler removes the copy, then lets the signal end the process as it would have.
  const onSignal = (sig: NodeJS.Signals) => {
    remove();
    unhook();
    process.kill(process.pid, sig);
  };
  const unhook = () => {
    process.off('exit', remove);
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  process.once('exit', remove);
  for (const s of SIGNALS) process.once(s, onSignal);
  const cleanup = () => {
    unhook();
    remove();
  };
  const notes: string[] = [];
  try {
    const skipped = await extract(file, dir, limits);
    if (skipped.size) {
      notes.push(
        `${shown}: skipped ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')} (a snapshot holds only files, directories and symlinks within itself)`,
      );
    }
  } catch (e) {
    cleanup();
    if (e instanceof ArchiveLimit) {
      throw new EnvironmentError(`${shown} ${e.message}: not a vfiokit snapshot, unpacking stopped`, {
        hint: 'a snapshot is a few MB; check that this is the archive `vfiokit snapshot -o FILE.tar.gz` wrote',
        code: 'host.root-archive-limit',
      });
    }
    const code = errnoCode(e);
    const message = ((e as Error).message ?? String(e)).split('\n')[0];
    const why =
      code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
        ? 'not gzip data, or damaged'
        : /Unrecognized archive format/.test(message)
          ? 'not a tar archive, or one without entries'
          : message;
    throw new EnvironmentError(`cannot unpack ${shown}: ${why}`, {
      hint:
        code === 'ENOSPC'
          ? `no space left in ${showPath(os.tmpdir())}; set TMPDIR to a place with room`
          : 'is it a snapshot made by `vfiokit snapshot -o FILE.tar.gz`?',
      code: 'host.root-archive',
      cause: e,
    });
  }
  const dropped = dropEscapingLinks(dir);
  if (dropped) notes.push(`${shown}: removed ${dropped} symlink(s) that lead outside the snapshot`);
  if (!fs.existsSync(path.join(dir, 'sys'))) {
    cleanup();
    throw new EnvironmentError(`${shown} is not a vfiokit snapshot (no sys/ inside)`, {
      hint: 'make one with `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-archive',
    });
  }
  return { dir, notes, cleanup };
}

/** Stream file → gunzip (counted) → tar, stopping at the archive's end marker or a limit. */
function extract(file: string, dir: string, limits: typeof ARCHIVE_LIMITS): Promise<Map<string, number>> {
  const skipped = new Map<string, number>();
  let entries = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    let fed = 0;
    let ended = false;
    const src = fs.createReadStream(file);
    const gunzip = zlib.createGunzip();
    const stop = () => {
      src.destroy();
      gunzip.destroy();
    };
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      stop();
      unpack.abort(e instanceof Error ? e : new Error(String(e)));
      reject(e);
    };
    const unpack = new tar.Unpack({
      cwd: dir,
      strict: true,
      preservePaths: false,
      preserveOwner: false,
      filter: (p, entry) => {
        const e = entry as tar.ReadEntry;
        if (++entries > limits.entries) {
          fail(new ArchiveLimit(`has more than ${limits.entries} entries`));
          return false;
        }
        if ((e.size ?? 0) > limits.memberBytes) {
          fail(
            new ArchiveLimit(
              `holds ${showPath(e.path)} of ${mib(e.size ?? 0)}, over the ${mib(limits.memberBytes)} limit for one file`,
            ),
          );
          return false;
        }
        if (e.type === 'SymbolicLink') {
          // A target that leaves the snapshot by its text alone: node-tar would refuse it and,
          // in strict mode, the whole archive; it is dropped here instead (chains that leave
          // only when resolved are removed after the unpack).
          const link = e.linkpath ?? '';
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(p), link));
          if (!path.posix.isAbsolute(link) && target !== '..' && !target.startsWith('../')) return true;
          const kind = 'symlink(s) leading outside the snapshot';
          skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
          return false;
        }
        if (e.type === 'File' || e.type === 'OldFile' || e.type === 'Directory') return true;
        const kind =
          e.type === 'Link'
            ? 'hard link(s)'
            : e.type === 'CharacterDevice' || e.type === 'BlockDevice'
              ? 'device node(s)'
              : e.type === 'FIFO'
                ? 'FIFO(s)'
                : `${e.type} entr(ies)`;
        skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
        return false;
      },
    });
    const endTar = () => {
      if (ended) return;
      ended = true;
      stop();
      unpack.end();
    };
    // node-tar buffers everything written after the end marker; nothing after it matters.
    unpack.on('eof', endTar);
    unpack.on('error', fail);
    unpack.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve(skipped);
    });
    src.on('error', fail);
    gunzip.on('error', (e) => {
      if (!ended) fail(e);
    });
    gunzip.on('data', (chunk: Buffer) => {
      if (ended || settled) return;
      fed += chunk.length;
      if (fed > limits.unpackedBytes) {
        fail(new ArchiveLimit(`unpacks to more than ${mib(limits.unpackedBytes)}`));
        return;
      }
      if (!unpack.write(chunk)) {
        gunzip.pause();
        unpack.once('drain', () => gunzip.resume());
      }
    });
    gunzip.on('end', endTar);
    src.pipe(gunzip);
  });
}

/** Remove symlinks whose resolution leaves `dir`; returns how many. */
function dropEscapingLinks(dir: string): number {
  const root = new DirHostRoot(dir);
  let n = 0;
  const walk = (rel: string) => {
    let ents: fs.Dirent[];
    try {
      ents = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isSymbolicLink() && root.leadsOutside(`/${r}`)) {
        fs.rmSync(path.join(dir, r), { force: true });
        n++;
      }
    }
  };
  walk('');
  return n;
}
