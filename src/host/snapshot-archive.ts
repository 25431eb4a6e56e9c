/**
 * A snapshot as one .tar.gz for attaching to a bug report: the tree is captured into a temporary
 * directory, archived with its symlinks as symlinks (relative, as sysfs has them), then removed.
 * Any command reads it with `--root FILE.tar.gz` (or unpack it with `tar xzf FILE -C DIR` and
 * pass `--root DIR`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import { EnvironmentError } from '../errors.js';

export async function withTempDir<T>(f: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-snap-'));
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

/** Far above any real snapshot (a few MB), low enough that a hostile archive cannot fill a disk. */
const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;
const MAX_ENTRIES = 1_000_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `--root FILE.tar.gz`: unpack a snapshot archive into a private temporary directory, removed by
 * `cleanup()` (and at process exit). Archives come from bug reports, so nothing may land outside
 * that directory: only files, directories and symlinks are unpacked, absolute and `..` paths are
 * stripped (tar's default), and a symlink whose target would leave the snapshot is dropped, so a
 * read through it cannot reach this machine's own files.
 */
export async function unpackSnapshot(file: string): Promise<{ dir: string; cleanup(): void }> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new EnvironmentError(`snapshot archive ${file} does not exist`, {
      hint: 'give --root a snapshot directory or a .tar.gz made by `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-missing',
    });
  }
  if (!st.isFile()) {
    throw new EnvironmentError(`snapshot archive ${file} is not a file`, { code: 'host.root-not-file' });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfiokit-root-'));
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
  let bytes = 0;
  let entries = 0;
  let tooBig = false;
  try {
    await tar.extract({
      file,
      cwd: dir,
      strict: true,
      preservePaths: false,
      preserveOwner: false,
      filter: (p, entry) => {
        const e = entry as tar.ReadEntry;
        if (e.type !== 'File' && e.type !== 'OldFile' && e.type !== 'Directory' && e.type !== 'SymbolicLink')
          return false;
        if (e.type === 'SymbolicLink') {
          const link = e.linkpath ?? '';
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(p), link));
          if (path.posix.isAbsolute(link) || target === '..' || target.startsWith('../')) return false;
        }
        entries++;
        bytes += e.size ?? 0;
        if (entries > MAX_ENTRIES || bytes > MAX_UNPACKED_BYTES) tooBig = true;
        return !tooBig;
      },
    });
  } catch (e) {
    cleanup();
    throw new EnvironmentError(`cannot unpack ${file}: ${(e as Error).message.split('\n')[0]}`, {
      hint: 'is it a snapshot made by `vfiokit snapshot -o FILE.tar.gz`?',
      code: 'host.root-archive',
      cause: e,
    });
  }
  if (tooBig) {
    cleanup();
    throw new EnvironmentError(
      `${file} unpacks to more than ${MAX_ENTRIES} entries or 2 GiB: not a snapshot`,
      {
        code: 'host.root-archive',
      },
    );
  }
  if (!fs.existsSync(path.join(dir, 'sys'))) {
    cleanup();
    throw new EnvironmentError(`${file} is not a vfiokit snapshot (no sys/ inside)`, {
      hint: 'make one with `vfiokit snapshot -o FILE.tar.gz`',
      code: 'host.root-archive',
    });
  }
  return { dir, cleanup };
}
