/**
 * The access layer: every read of host state goes through a HostRoot, a root directory that is
 * `/` on a live host or a snapshot directory with the same layout (`sys/bus/pci/devices/...`,
 * `sys/kernel/iommu_groups/...`, `proc/cmdline`). There is no hidden global `/sys`.
 *
 * Reads of files that may legitimately be absent (a device that disappeared during a scan, an
 * attribute an older kernel lacks) return `undefined`; permission problems and other I/O errors
 * become VfiokitError values with a hint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, errnoCode } from '../errors.js';

export interface HostRoot {
  /** The root directory, absolute, e.g. "/" or "/tmp/snap". */
  readonly dir: string;
  /** What output calls this root: "/", the snapshot directory, or the .tar.gz it was unpacked from. */
  readonly name: string;
  /** Absolute path on this machine of a host path like "/sys/bus/pci/devices". */
  resolve(hostPath: string): string;
  /** File text, or undefined if it does not exist (ENOENT/ENOTDIR/ENODEV). */
  readText(hostPath: string): string | undefined;
  /** File text trimmed of trailing whitespace/newline, or undefined. */
  readAttr(hostPath: string): string | undefined;
  /** File bytes (at most maxBytes), or undefined if it does not exist. */
  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined;
  /** Directory entries sorted, or [] if the directory does not exist. */
  list(hostPath: string): string[];
  /** Raw symlink target, or undefined if not a link or missing. */
  readLink(hostPath: string): string | undefined;
  /** Host path (starting with "/") the given host path resolves to after following links. */
  realPath(hostPath: string): string | undefined;
  exists(hostPath: string): boolean;
  isDir(hostPath: string): boolean;
  /** True when this root is the live host ("/"). */
  readonly live: boolean;
}

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ENODEV', 'ENXIO']);

function wrap(hostPath: string, e: unknown): never {
  const code = errnoCode(e);
  if (code === 'EACCES' || code === 'EPERM') {
    throw new EnvironmentError(`permission denied reading ${hostPath}`, {
      hint: 'run as root (sudo) to read this',
      cause: e,
      code: 'host.permission',
    });
  }
  throw new EnvironmentError(`cannot read ${hostPath}: ${code ?? String(e)}`, { cause: e, code: 'host.io' });
}

export class DirHostRoot implements HostRoot {
  readonly dir: string;
  readonly name: string;
  readonly live: boolean;

  constructor(dir = '/', name?: string) {
    this.dir = path.resolve(dir);
    this.name = name ?? this.dir;
    this.live = this.dir === '/';
  }

  resolve(hostPath: string): string {
    const rel = hostPath.replace(/^\/+/, '');
    return this.live ? `/${rel}` : path.join(this.dir, rel);
  }

  readText(hostPath: string): string | undefined {
    try {
      return fs.readFileSync(this.resolve(hostPath), 'utf8');
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e);
    }
  }

  readAttr(hostPath: string): string | undefined {
    const t = this.readText(hostPath);
    return t === undefined ? undefined : t.replace(/\s+$/, '');
  }

  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined {
    try {
      if (maxBytes === undefined) return new Uint8Array(fs.readFileSync(this.resolve(hostPath)));
      const fd = fs.openSync(this.resolve(hostPath), 'r');
      try {
        const buf = Buffer.alloc(maxBytes);
        let n = 0;
        while (n < maxBytes) {
          const r = fs.readSync(fd, buf, n, maxBytes - n, n);
          if (r === 0) break;
          n += r;
        }
        return new Uint8Array(buf.subarray(0, n));
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e);
    }
  }

  list(hostPath: string): string[] {
    try {
      return fs.readdirSync(this.resolve(hostPath)).sort();
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return [];
      return wrap(hostPath, e);
    }
  }

  readLink(hostPath: string): string | undefined {
    try {
      return fs.readlinkSync(this.resolve(hostPath));
    } catch (e) {
      const c = errnoCode(e) ?? '';
      if (ABSENT.has(c) || c === 'EINVAL') return undefined;
      return wrap(hostPath, e);
    }
  }

  realPath(hostPath: string): string | undefined {
    try {
      const real = fs.realpathSync(this.resolve(hostPath));
      if (this.live) return real;
      const rel = path.relative(this.dir, real);
      if (rel.startsWith('..')) return undefined;
      return `/${rel.split(path.sep).join('/')}`;
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e);
    }
  }

  exists(hostPath: string): boolean {
    return fs.existsSync(this.resolve(hostPath));
  }

  isDir(hostPath: string): boolean {
    try {
      return fs.statSync(this.resolve(hostPath)).isDirectory();
    } catch {
      return false;
    }
  }
}

/** Open a root directory given on the command line (`--root DIR`), checking it exists. */
export function openRoot(dir: string | undefined): HostRoot {
  const d = dir ?? '/';
  let st: fs.Stats;
  try {
    st = fs.statSync(d);
  } catch {
    throw new EnvironmentError(`root directory ${d} does not exist`, {
      hint: 'give --root a snapshot directory made by `vfiokit snapshot -o DIR`',
      code: 'host.root-missing',
    });
  }
  if (!st.isDirectory()) {
    throw new EnvironmentError(`root ${d} is not a directory`, {
      hint: 'give --root a snapshot directory or a snapshot .tar.gz (vfiokit snapshot -o FILE.tar.gz)',
      code: 'host.root-not-dir',
    });
  }
  return new DirHostRoot(d);
}
