/**
 * The access layer's write side: the one interface every change to the host goes through. Like
 * HostRoot it works over a root directory, so an action runs against a snapshot or fixture tree
 * in tests exactly as it runs against `/`.
 *
 * - Files are replaced atomically: written to a temporary file in the same directory, fsynced,
 *   renamed over the old name, and the directory fsynced, so a crash leaves either the old or the
 *   new content, never half of each (rename(2) is atomic within one file system). The old file's
 *   mode is kept unless another is asked for.
 * - Commands run only when the root is `/`. Under any other root a command would act on the
 *   machine running vfiokit, not on the tree, so the default runner records it as "would run"
 *   and runs nothing; tests give their own runner (a test double that says so).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, errnoCode, VfiokitError } from '../errors.js';

export interface CommandResult {
  /** False when the command was not run (a root other than "/"): the step is only recorded. */
  ran: boolean;
  /** Exit status when it ran; undefined when it was killed or not run. */
  status?: number;
  /** The signal that ended it (SIGKILL after a timeout). */
  signal?: string;
  timedOut?: boolean;
  stdout: string;
  stderr: string;
  /** Why it was not run, or what happened. */
  note?: string;
}

/** Runs a command for the writer. Separate so tests can substitute a double. */
export type CommandRunner = (argv: readonly string[], opts: { timeoutMs: number }) => Promise<CommandResult>;

export interface FileState {
  /** Permission bits (mode & 0o7777). */
  mode: number;
  bytes: Uint8Array;
}

export interface HostWriter {
  /** The root directory ("/" or a tree), absolute. */
  readonly dir: string;
  readonly live: boolean;
  /** Absolute path on this machine of a host path, refused when it would leave the root. */
  resolve(hostPath: string): string;
  /** Current bytes and mode of a regular file, or undefined when absent. Bounded to maxBytes. */
  readFile(hostPath: string, maxBytes?: number): FileState | undefined;
  /** Replace (or create) a file atomically; mode defaults to the old file's, else 0o644. */
  writeFile(hostPath: string, data: string | Uint8Array, mode?: number): void;
  /**
   * Create a file that must not exist yet; false when it already exists. The name appears with
   * the whole content (link(2) of a written temporary file), never empty.
   */
  createExclusive(hostPath: string, data: string, mode?: number): boolean;
  /** Remove a file; absent is not an error. */
  remove(hostPath: string): void;
  /** mkdir -p; returns the directories it created, outermost first (so they can be removed again). */
  mkdir(hostPath: string, mode?: number): string[];
  /** Remove an empty directory; false when it is not empty or absent. */
  rmdirIfEmpty(hostPath: string): boolean;
  /** Run a command (argv, no shell) with a timeout. */
  run(argv: readonly string[], opts?: { timeoutMs?: number }): Promise<CommandResult>;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** Largest output kept from a command (update-initramfs is chatty). */
const OUTPUT_MAX = 256 * 1024;

function writeError(what: string, hostPath: string, e: unknown): never {
  const code = errnoCode(e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    throw new EnvironmentError(`cannot ${what} ${hostPath}: ${code}`, {
      hint: code === 'EROFS' ? 'the file system is read-only' : 'run as root (sudo)',
      cause: e,
      code: 'host.write-permission',
    });
  }
  throw new EnvironmentError(`cannot ${what} ${hostPath}: ${code ?? (e as Error).message}`, {
    cause: e,
    code: 'host.write',
  });
}

/** Runs a real command: no shell, output bounded, SIGKILL after the timeout. */
export const spawnRunner: CommandRunner = (argv, { timeoutMs }) =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (cur: string, chunk: Buffer) =>
      cur.length < OUTPUT_MAX ? cur + chunk.toString('utf8') : cur;
    child.stdout.on('data', (c: Buffer) => {
      stdout = keep(stdout, c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = keep(stderr, c);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({
        ran: false,
        stdout,
        stderr,
        note: `could not start ${argv[0]}: ${errnoCode(e) ?? e.message}`,
      });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        ran: true,
        status: status ?? undefined,
        signal: signal ?? undefined,
        timedOut,
        stdout,
        stderr,
        note: timedOut ? `killed after ${Math.round(timeoutMs / 1000)} s` : undefined,
      });
    });
  });

/** The runner for roots other than "/": nothing runs; the command is recorded as "would run". */
export const recordingRunner: CommandRunner = async (argv) => ({
  ran: false,
  stdout: '',
  stderr: '',
  note: `would run: ${argv.join(' ')} (not run: the root is not /)`,
});

export class DirHostWriter implements HostWriter {
  readonly dir: string;
  readonly live: boolean;
  private readonly runner: CommandRunner;
  private seq = 0;

  constructor(dir = '/', runner?: CommandRunner) {
    this.dir = path.resolve(dir);
    this.live = this.dir === '/';
    this.runner = runner ?? (this.live ? spawnRunner : recordingRunner);
  }

  resolve(hostPath: string): string {
    if (!hostPath.startsWith('/') || hostPath.split('/').some((c) => c === '..' || c === '.')) {
      throw new VfiokitError(`refusing to write ${JSON.stringify(hostPath)}: not a plain absolute path`, {
        code: 'host.write-path',
      });
    }
    const rel = hostPath.replace(/^\/+/, '');
    if (this.live) return `/${rel}`;
    const p = path.join(this.dir, rel);
    // A directory symlink inside a tree could point out of it; every write must stay inside.
    let parent = path.dirname(p);
    while (!fs.existsSync(parent) && parent !== this.dir) parent = path.dirname(parent);
    const real = fs.realpathSync(parent);
    const realRoot = fs.realpathSync(this.dir);
    if (real !== realRoot && !real.startsWith(`${realRoot}/`)) {
      throw new VfiokitError(`refusing to write ${hostPath}: it leaves the root ${this.dir}`, {
        code: 'host.write-path',
      });
    }
    return p;
  }

  readFile(hostPath: string, maxBytes = 16 * 1024 * 1024): FileState | undefined {
    const p = this.resolve(hostPath);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return undefined;
      return writeError('read', hostPath, e);
    }
    if (!st.isFile()) {
      throw new VfiokitError(`${hostPath} is not a regular file`, {
        hint: 'vfiokit only edits regular files; replace the link or special file by hand',
        code: 'host.not-regular',
      });
    }
    if (st.size > maxBytes) {
      throw new VfiokitError(`${hostPath} is larger than ${maxBytes} bytes`, { code: 'host.too-large' });
    }
    try {
      return { mode: st.mode & 0o7777, bytes: new Uint8Array(fs.readFileSync(p)) };
    } catch (e) {
      return writeError('read', hostPath, e);
    }
  }

  writeFile(hostPath: string, data: string | Uint8Array, mode?: number): void {
    const p = this.resolve(hostPath);
    const dir = path.dirname(p);
    let keep = mode;
    if (keep === undefined) {
      try {
        keep = fs.statSync(p).mode & 0o7777;
      } catch {
        keep = 0o644;
      }
    }
    const failed = this.viaTemp(p, data, keep, (tmp) => fs.renameSync(tmp, p));
    if (failed) writeError('write', hostPath, failed.error);
    syncDir(dir);
  }

  createExclusive(hostPath: string, data: string, mode = 0o644): boolean {
    const p = this.resolve(hostPath);
    // The name appears with its whole content or not at all: the data goes to a temporary file
    // first, which link(2) then gives the name (EEXIST when it is taken, atomically). With
    // open(O_EXCL) and a write after it, another process could find the file empty in between
    // (and a lock reader take an empty lock for a crashed one).
    const failed = this.viaTemp(p, data, mode, (tmp) => fs.linkSync(tmp, p));
    if (failed?.placing && errnoCode(failed.error) === 'EEXIST') return false;
    if (failed) return writeError('create', hostPath, failed.error);
    syncDir(path.dirname(p));
    return true;
  }

  /**
   * Writes data whole to a temporary file beside p (fsynced, with exactly `mode`), then gives it
   * to `place` (rename over p, or link to p). The temporary file never outlives the call. Returns
   * what failed: the error, and whether it came from `place` rather than the write.
   */
  private viaTemp(
    p: string,
    data: string | Uint8Array,
    mode: number,
    place: (tmp: string) => void,
  ): { error: unknown; placing: boolean } | undefined {
    const tmp = path.join(path.dirname(p), `.${path.basename(p)}.vfiokit-${process.pid}-${this.seq++}`);
    let fd: number | undefined;
    let made = false;
    let placing = false;
    try {
      fd = fs.openSync(tmp, 'wx', mode);
      made = true;
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      // The umask may have cut bits from the mode open() was given.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = undefined;
      placing = true;
      place(tmp);
      return undefined;
    } catch (error) {
      if (fd !== undefined) fs.closeSync(fd);
      return { error, placing };
    } finally {
      // After a rename there is nothing left to remove; after a link the name holds the data.
      if (made) fs.rmSync(tmp, { force: true });
    }
  }

  remove(hostPath: string): void {
    const p = this.resolve(hostPath);
    try {
      fs.unlinkSync(p);
      syncDir(path.dirname(p));
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return;
      writeError('remove', hostPath, e);
    }
  }

  mkdir(hostPath: string, mode = 0o755): string[] {
    const created: string[] = [];
    const parts = hostPath.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += `/${part}`;
      const p = this.resolve(cur);
      if (fs.existsSync(p)) continue;
      try {
        fs.mkdirSync(p, mode);
        created.push(cur);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') writeError('create directory', cur, e);
      }
    }
    return created;
  }

  rmdirIfEmpty(hostPath: string): boolean {
    try {
      fs.rmdirSync(this.resolve(hostPath));
      return true;
    } catch {
      return false;
    }
  }

  run(argv: readonly string[], opts: { timeoutMs?: number } = {}): Promise<CommandResult> {
    return this.runner(argv, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  }
}

/** fsync a directory so a rename or unlink in it is on disk (POSIX leaves that to the caller). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory (EINVAL); the rename itself has happened.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
