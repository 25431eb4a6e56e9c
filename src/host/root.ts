/**
 * The access layer: every read of host state goes through a HostRoot, a root directory that is
 * `/` on a live host or a snapshot directory with the same layout (`sys/bus/pci/devices/...`,
 * `sys/kernel/iommu_groups/...`, `proc/cmdline`). There is no hidden global `/sys`.
 *
 * Reads of files that may legitimately be absent (a device that disappeared during a scan, an
 * attribute an older kernel lacks) return `undefined`; permission problems and other I/O errors
 * become VfiokitError values with a hint.
 *
 * A snapshot comes from someone else's machine (a bug report's attachment), so a snapshot root is
 * a confinement, not a prefix: every path is resolved here one component at a time, each link's
 * target spliced in and walked the same way, so that no chain of links (`a/up -> ../..`, then
 * `x -> a/up/../../..`) can reach a file outside the root. A link that would leave the root is
 * never followed: reading through it is an error naming the link. Only regular files are read
 * (a FIFO would block the open, a device node has side effects or never ends), and every read is
 * bounded; what a bound cut is recorded in `notes`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, errnoCode, showPath } from '../errors.js';

/** What a snapshot's manifest.json says about its capture (the fields readers use). */
export interface SnapshotInfo {
  schema: string;
  /** Whether the capture ran as root: config space and /proc/iomem were then fully readable. */
  privileged?: boolean;
}

export interface HostRoot {
  /** The root directory, absolute, e.g. "/" or "/tmp/snap". */
  readonly dir: string;
  /** What output calls this root: "/", the snapshot directory, or the .tar.gz it was unpacked from. */
  readonly name: string;
  /** Absolute path on this machine of a host path like "/sys/bus/pci/devices" (for messages). */
  resolve(hostPath: string): string;
  /**
   * File text, or undefined if it does not exist (ENOENT/ENOTDIR/ENODEV). Cut at maxBytes
   * (default defaultReadCap: 64 MiB, less for files the kernel keeps small), noted in `notes`.
   */
  readText(hostPath: string, maxBytes?: number): string | undefined;
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
  /** Size in bytes of the regular file a host path names (after links), or undefined. */
  fileSize?(hostPath: string): number | undefined;
  /**
   * Whether `test` holds for some run of whole lines of a file, read piece by piece (a search of
   * a large file without holding it); undefined when it does not exist. Roots without it are
   * searched through readText.
   */
  scanLines?(hostPath: string, test: (lines: string) => boolean, maxBytes?: number): boolean | undefined;
  /** What reads had to cut or refuse, one line each, for the user (printed after the output). */
  readonly notes?: readonly string[];
  /** The snapshot's manifest, when the root is a snapshot opened with openRoot. */
  readonly snapshot?: SnapshotInfo;
  /**
   * A directory listed once, for reading many of its entries (a device's attributes) without
   * resolving each path again; undefined when the directory is absent or not a directory, and
   * undefined always on the live root, whose callers read sysfs directly.
   */
  openDir?(hostPath: string): ListedDir | undefined;
}

/**
 * A directory of a confined root, listed with the types of its entries. Reads of its regular
 * files open them directly (O_NOFOLLOW, O_NONBLOCK) on the type the listing just showed; links
 * and anything that is not a regular file go through the root's confined resolution, with the
 * same errors as HostRoot's own reads.
 */
export interface ListedDir {
  /** The directory's host path, as given to openDir. */
  readonly path: string;
  /** Entry names (a dangling link included), unsorted. */
  names(): string[];
  has(name: string): boolean;
  /** As HostRoot.readAttr of path/name. */
  readAttr(name: string): string | undefined;
  /**
   * As HostRoot.readBytes of path/name with an explicit size: a prefix, no note when cut.
   * `shared`: the bytes are a view of a buffer that the root's next read overwrites, for a caller
   * that decodes them at once and copies only what it keeps.
   */
  readBytes(name: string, maxBytes: number, shared?: boolean): Uint8Array | undefined;
  /** As HostRoot.readLink of path/name. */
  readLink(name: string): string | undefined;
}

/**
 * Largest file read whole. The biggest legitimate ones: /proc/kallsyms (tens of MB with many
 * modules) and modules.dep (~1 MB); a snapshot's files are capped at 8 MiB when captured.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/**
 * Lower caps where the kernel bounds a file far below MAX_READ_BYTES, so that a crafted one (a
 * sparse 3 GiB /proc/cmdline) costs no more than the real thing could: the command line is at
 * most COMMAND_LINE_SIZE (2048 or 4096 bytes, arch/x86/include/uapi/asm/setup.h), a sysfs text
 * attribute at most one page (Documentation/filesystems/sysfs.rst: show() fills a PAGE_SIZE
 * buffer; pages are at most 64 KiB). Binary attributes (config, rom) are read with an explicit
 * size.
 */
export function defaultReadCap(hostPath: string): number {
  if (hostPath === '/proc/cmdline') return 64 * 1024;
  if (hostPath.startsWith('/sys/')) return 1024 * 1024;
  return MAX_READ_BYTES;
}

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ENODEV', 'ENXIO']);
/** Links followed in one resolution before it counts as a loop (the kernel's MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;

const O_READ = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;
const O_READ_NOFOLLOW = O_READ | fs.constants.O_NOFOLLOW;

function snapshotHint(live: boolean): string {
  return live
    ? 'run as root (sudo) to read this'
    : "the snapshot's files are not readable by this user: fix their ownership or mode (chmod -R u+rX DIR)";
}

function wrap(hostPath: string, e: unknown, live: boolean): never {
  const code = errnoCode(e);
  const p = showPath(hostPath);
  if (code === 'EACCES' || code === 'EPERM') {
    throw new EnvironmentError(`permission denied reading ${p}`, {
      hint: snapshotHint(live),
      cause: e,
      code: 'host.permission',
    });
  }
  throw readError(hostPath, code ?? String(e), live, e);
}

/** One-line errors with a hint for what a read can meet in a damaged or hostile tree. */
function readError(hostPath: string, code: string, live: boolean, cause?: unknown): EnvironmentError {
  const p = showPath(hostPath);
  const retake = live
    ? 'the file system is in an unexpected state; rerun with --debug for the system error'
    : 'the snapshot is damaged: take it again with `vfiokit snapshot`';
  const known: Record<string, [string, string]> = {
    EISDIR: [`${p} is a directory where a file was expected`, retake],
    ELOOP: [`${p} is a loop of symbolic links`, retake],
    ENAMETOOLONG: [`${p} is too long a path`, retake],
    ERR_STRING_TOO_LONG: [`${p} is too large to read as text`, retake],
    EIO: [`reading ${p} failed with EIO`, 'the device or file system reported an I/O error'],
  };
  const [message, hint] = known[code] ?? [`cannot read ${p}: ${code}`, retake];
  return new EnvironmentError(message, { hint, cause, code: 'host.io' });
}

function notRegular(hostPath: string, st: Entry, live: boolean): EnvironmentError {
  const kind = st.isFIFO()
    ? 'a FIFO'
    : st.isCharacterDevice() || st.isBlockDevice()
      ? 'a device node'
      : st.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return new EnvironmentError(`${showPath(hostPath)} is ${kind}: not read`, {
    hint: live
      ? 'vfiokit reads only regular files here'
      : 'a snapshot holds only regular files, directories and links; this one was altered',
    code: 'host.io',
  });
}

/**
 * Read at most `max` bytes from an open descriptor; `size` (from fstat) sizes the first buffer
 * only, because sysfs reports 4096 and procfs 0 whatever the content. `sizeIsExact`: the file is
 * a regular file of a snapshot (not sysfs, whose sizes are nominal), whose size is its length, so the read stops once `size` bytes are
 * in instead of spending a second read on end of file (half the reads of a scan).
 */
function readBounded(
  fd: number,
  size: number,
  max: number,
  sizeIsExact: boolean,
): { bytes: Buffer; cut: boolean } {
  let buf = Buffer.allocUnsafe(Math.min(max + 1, size > 0 ? size + 1 : 8192));
  let n = 0;
  for (;;) {
    if (sizeIsExact && size > 0 && n >= size) break;
    if (n === buf.length) {
      if (n > max) break;
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const r = fs.readSync(fd, buf, n, buf.length - n, null);
    if (r === 0) break;
    n += r;
  }
  return n > max ? { bytes: buf.subarray(0, max), cut: true } : { bytes: buf.subarray(0, n), cut: false };
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${n} bytes`;
}

/** What resolution needs of an lstat: the file type, and the size of a file about to be read. */
interface Entry {
  readonly size: number;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

/**
 * A remembered lstat: the type only. Its size is NaN, never used: a file is read and its size
 * taken only after a fresh lstat (DirHostRoot.lstatRel), and fileSize asks afresh.
 */
class TypeOnly implements Entry {
  readonly size = Number.NaN;
  constructor(private readonly type: number) {}
  isDirectory(): boolean {
    return this.type === fs.constants.S_IFDIR;
  }
  isFile(): boolean {
    return this.type === fs.constants.S_IFREG;
  }
  isSymbolicLink(): boolean {
    return this.type === fs.constants.S_IFLNK;
  }
  isFIFO(): boolean {
    return this.type === fs.constants.S_IFIFO;
  }
  isCharacterDevice(): boolean {
    return this.type === fs.constants.S_IFCHR;
  }
  isBlockDevice(): boolean {
    return this.type === fs.constants.S_IFBLK;
  }
  isSocket(): boolean {
    return this.type === fs.constants.S_IFSOCK;
  }
}

/** How a host path resolved under a confined root. */
type Resolution =
  | { kind: 'ok'; rel: string; st: Entry }
  | { kind: 'link'; rel: string }
  | { kind: 'absent' }
  | { kind: 'escape'; link: string }
  | { kind: 'loop' };

/** The S_IFMT type of a directory entry. */
function direntType(e: fs.Dirent): number {
  const c = fs.constants;
  if (e.isFile()) return c.S_IFREG;
  if (e.isDirectory()) return c.S_IFDIR;
  if (e.isSymbolicLink()) return c.S_IFLNK;
  if (e.isFIFO()) return c.S_IFIFO;
  if (e.isCharacterDevice()) return c.S_IFCHR;
  if (e.isBlockDevice()) return c.S_IFBLK;
  if (e.isSocket()) return c.S_IFSOCK;
  return 0;
}

/**
 * Where reads of listed directories land before their bytes are copied out: a sysfs attribute is
 * at most a page, config space 4 KiB, so one buffer serves nearly every read without garbage.
 */
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

/** A listed directory of a DirHostRoot (see ListedDir). */
class DirListing implements ListedDir {
  constructor(
    private readonly root: DirHostRoot,
    readonly path: string,
    /** The directory on this machine, after confinement. */
    readonly disk: string,
    readonly entries: Map<string, number>,
  ) {}
  names(): string[] {
    return [...this.entries.keys()];
  }
  has(name: string): boolean {
    return this.entries.has(name);
  }
  readAttr(name: string): string | undefined {
    const b = this.root.readListed(this, name, defaultReadCap(this.path));
    if (b === undefined) return undefined;
    let n = b.length;
    while (n > 0 && isAsciiSpace(b[n - 1])) n--;
    const text = b.toString('utf8', 0, n);
    // A value ending in a non-ASCII byte is trimmed as text, as readAttr does.
    return n > 0 && b[n - 1] >= 0x80 ? text.replace(/\s+$/, '') : text;
  }
  readBytes(name: string, maxBytes: number, shared = false): Uint8Array | undefined {
    const b = this.root.readListed(this, name, maxBytes);
    if (b === undefined || shared) return b;
    // A copy: the bytes sit in the shared scratch buffer until the next read.
    return new Uint8Array(b);
  }
  readLink(name: string): string | undefined {
    const type = this.entries.get(name);
    // Not a link when listed: HostRoot.readLink gives undefined for those too.
    if (type !== fs.constants.S_IFLNK) return undefined;
    try {
      // The link's own text, not followed: nothing to confine.
      return fs.readlinkSync(`${this.disk}/${name}`);
    } catch {
      // Gone or replaced since the listing: the confined read says what it is now.
      return this.root.readLink(`${this.path}/${name}`);
    }
  }
}

/** ASCII whitespace as \s+$ trims it from an attribute: space, \t, \n, \v, \f, \r. */
const isAsciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

export class DirHostRoot implements HostRoot {
  readonly dir: string;
  readonly name: string;
  readonly live: boolean;
  readonly notes: string[] = [];
  snapshot?: SnapshotInfo;
  /** The root's real path: resolution works on real paths below it. */
  private base?: string;
  /** Host directory path → its real path below the root ("" for the root itself). */
  private readonly dirs = new Map<string, string>();
  /**
   * File types (the S_IFMT bits of st_mode) by real path below a snapshot root, 0 for absent; see
   * `frozen`. Numbers, not Stats objects: tens of thousands of those kept cost more in memory and
   * garbage collection than the lstats they save.
   */
  private readonly types = new Map<string, number>();
  /** Link texts by real path below a snapshot root. */
  private readonly links = new Map<string, string>();

  constructor(dir = '/', name?: string) {
    this.dir = path.resolve(dir);
    this.name = name ?? this.dir;
    this.live = this.dir === '/';
  }

  resolve(hostPath: string): string {
    const rel = hostPath.replace(/^\/+/, '');
    return this.live ? `/${rel}` : path.join(this.dir, rel);
  }

  private realBase(): string {
    if (this.base === undefined) {
      try {
        this.base = fs.realpathSync(this.dir);
      } catch {
        this.base = this.dir;
      }
    }
    return this.base;
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * Whether this root is a snapshot (opened with its manifest), which does not change while a
   * run reads it: every lstat and readlink below it is then remembered, so a path probed several
   * times (has, then readLink, then read) costs one system call. A live host mounted under a
   * directory is confined too but changes under the reader, so only its directory resolutions are
   * kept, and re-checked on a miss.
   */
  private get frozen(): boolean {
    return this.snapshot !== undefined;
  }

  /**
   * lstat of a real path below the root ("" is the root), undefined when absent. `fresh` asks the
   * file system again even in a snapshot: a file about to be opened is looked at just before the
   * open, so that only what was then a regular file is opened.
   */
  private lstatRel(rel: string, fresh: boolean): Entry | undefined {
    const frozen = this.frozen;
    if (frozen && !fresh) {
      const known = this.types.get(rel);
      if (known !== undefined) return known === 0 ? undefined : new TypeOnly(known);
    }
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(rel ? `${this.realBase()}/${rel}` : this.realBase(), { throwIfNoEntry: false });
    } catch (e) {
      if (!ABSENT.has(errnoCode(e) ?? '')) throw e;
      st = undefined;
    }
    if (frozen && !fresh) this.types.set(rel, st ? st.mode & fs.constants.S_IFMT : 0);
    return st;
  }

  /** readlink of a real path below the root that lstat showed to be a link (once per snapshot). */
  private readlinkRel(rel: string): string {
    const known = this.frozen ? this.links.get(rel) : undefined;
    if (known !== undefined) return known;
    const target = fs.readlinkSync(`${this.realBase()}/${rel}`);
    if (this.frozen) this.links.set(rel, target);
    return target;
  }

  /**
   * Resolve a host path below the root, one component at a time. The resolution of each parent
   * directory is cached (it was checked component by component when first made; on a root that
   * may change, a miss clears the cache), so a read costs one lstat of its final component, which
   * is looked at afresh each time it is opened.
   */
  private walk(hostPath: string, followFinal: boolean, fresh = false): Resolution {
    const i = hostPath.lastIndexOf('/');
    const name = hostPath.slice(i + 1);
    const parent = hostPath.slice(0, i);
    if (name === '' || name === '.' || name === '..' || i < 0) {
      return this.walkFrom([], hostPath.split('/'), followFinal, hostPath, fresh);
    }
    let dir = this.dirs.get(parent);
    if (dir !== undefined) {
      const r = this.walkName(dir, name, followFinal, hostPath, fresh);
      if (r.kind !== 'absent' || this.frozen || this.stillDir(dir)) return r;
      // The tree changed under the cache (a device removed during a scan): resolve afresh.
      this.dirs.clear();
      dir = undefined;
    }
    if (dir === undefined) {
      const r = parent === '' ? undefined : this.walk(parent, true);
      if (r === undefined) dir = '';
      else if (r.kind !== 'ok') return r.kind === 'link' ? { kind: 'absent' } : r;
      else if (!r.st.isDirectory())
        return { kind: 'absent' }; // ENOTDIR
      else dir = r.rel;
      this.dirs.set(parent, dir);
    }
    return this.walkName(dir, name, followFinal, hostPath, fresh);
  }

  /**
   * One plain name in the resolved directory `dir`: the common case, without building component
   * arrays; a link found there is walked by walkFrom, which splices its target in.
   */
  private walkName(
    dir: string,
    name: string,
    followFinal: boolean,
    hostPath: string,
    fresh: boolean,
  ): Resolution {
    const rel = dir ? `${dir}/${name}` : name;
    const st = this.lstatRel(rel, fresh);
    if (!st) return { kind: 'absent' };
    if (!st.isSymbolicLink()) return { kind: 'ok', rel, st };
    if (!followFinal) return { kind: 'link', rel };
    return this.walkFrom(dir ? dir.split('/') : [], [name], followFinal, hostPath, fresh);
  }

  /** Walk `queue` from the real directory `stack`, splicing in each link's target. */
  private walkFrom(
    stack: string[],
    queue: string[],
    followFinal: boolean,
    hostPath: string,
    fresh: boolean,
  ): Resolution {
    let hops = 0;
    let via = hostPath;
    while (queue.length) {
      const name = queue.shift()!;
      if (name === '.' || name === '') continue;
      if (name === '..') {
        if (!stack.length) return { kind: 'escape', link: via };
        stack.pop();
        continue;
      }
      const last = queue.every((c) => c === '' || c === '.');
      const rel = stack.length ? `${stack.join('/')}/${name}` : name;
      const st = this.lstatRel(rel, fresh && last);
      if (!st) return { kind: 'absent' };
      if (st.isSymbolicLink()) {
        if (last && !followFinal) return { kind: 'link', rel };
        if (++hops > MAX_LINK_HOPS) return { kind: 'loop' };
        const target = this.readlinkRel(rel);
        via = `/${rel}`;
        // Sysfs links are relative; an absolute target names the capturing machine's file
        // system, which here is this machine's: it leaves the snapshot.
        if (target.startsWith('/')) return { kind: 'escape', link: via };
        queue.unshift(...target.split('/'));
        continue;
      }
      if (last) return { kind: 'ok', rel, st };
      if (!st.isDirectory()) return { kind: 'absent' }; // ENOTDIR
      stack.push(name);
    }
    const rel = stack.join('/');
    const st = this.lstatRel(rel, fresh);
    if (!st) return { kind: 'absent' };
    return { kind: 'ok', rel, st };
  }

  private stillDir(rel: string): boolean {
    try {
      return fs.lstatSync(rel ? `${this.realBase()}/${rel}` : this.realBase()).isDirectory();
    } catch {
      return false;
    }
  }

  private confined(hostPath: string, followFinal: boolean, fresh = false): Resolution {
    return this.walk(hostPath, followFinal, fresh);
  }

  private escaped(hostPath: string, link: string): EnvironmentError {
    this.note(
      `${showPath(hostPath)} leads outside the snapshot through the link ${showPath(link)}: not followed`,
    );
    return new EnvironmentError(
      `${showPath(hostPath)} leads outside the snapshot (through ${showPath(link)}): not followed`,
      {
        hint: 'a snapshot made by `vfiokit snapshot` has only links within itself; this one was altered',
        code: 'host.io',
      },
    );
  }

  /** The real file of a host path after confinement, or undefined when absent. */
  private realFile(hostPath: string, want: 'file' | 'dir'): { file: string; st: Entry } | undefined {
    // A file to be opened is looked at afresh (see lstatRel); a directory to be listed may not be.
    const r = this.confined(hostPath, true, want === 'file');
    if (r.kind === 'absent') return undefined;
    if (r.kind === 'escape') throw this.escaped(hostPath, r.link);
    if (r.kind === 'loop') throw readError(hostPath, 'ELOOP', false);
    if (r.kind === 'link') return undefined;
    const file = r.rel ? `${this.realBase()}/${r.rel}` : this.realBase();
    if (want === 'file') {
      if (r.st.isDirectory()) throw readError(hostPath, 'EISDIR', false);
      if (!r.st.isFile()) throw notRegular(hostPath, r.st, false);
    } else if (!r.st.isDirectory()) {
      return undefined;
    }
    return { file, st: r.st };
  }

  /** The file opened for reading (with its size), as read() and scanLines() open it. */
  private openFile(hostPath: string): { fd: number; size: number } | undefined {
    let fd: number;
    let size: number;
    try {
      if (this.live) {
        fd = fs.openSync(`/${hostPath.replace(/^\/+/, '')}`, O_READ);
        const st = fs.fstatSync(fd);
        if (!st.isFile()) {
          fs.closeSync(fd);
          if (st.isDirectory()) throw readError(hostPath, 'EISDIR', true);
          throw notRegular(hostPath, st, true);
        }
        size = st.size;
      } else {
        const f = this.realFile(hostPath, 'file');
        if (!f) return undefined;
        // O_NOFOLLOW: the final component was a regular file when looked at; if it was swapped
        // for a link since, the open fails instead of following it.
        fd = fs.openSync(f.file, O_READ_NOFOLLOW);
        size = f.st.size;
      }
    } catch (e) {
      if (e instanceof EnvironmentError) throw e;
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    }
    return { fd, size };
  }

  private read(hostPath: string, max: number, noteCut: boolean): Buffer | undefined {
    const opened = this.openFile(hostPath);
    if (!opened) return undefined;
    const { fd, size } = opened;
    try {
      const { bytes, cut } = readBounded(fd, size, max, this.frozen);
      if (cut && noteCut) {
        this.note(
          `${showPath(hostPath)} is larger than ${mib(max)}${size > max ? ` (${mib(size)})` : ''}: only its first ${mib(max)} were read`,
        );
      }
      return bytes;
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Whether `test` holds for some run of whole lines of a file, read in 256 KiB pieces: a search
   * of a file of tens of megabytes (/proc/kallsyms) without holding it. Undefined when the file
   * does not exist; at most `maxBytes` are read, with a note when the file is longer.
   */
  scanLines(
    hostPath: string,
    test: (lines: string) => boolean,
    maxBytes = MAX_READ_BYTES,
  ): boolean | undefined {
    const opened = this.openFile(hostPath);
    if (!opened) return undefined;
    const buf = Buffer.allocUnsafe(256 * 1024);
    let carry = '';
    let total = 0;
    try {
      for (;;) {
        const n = fs.readSync(opened.fd, buf, 0, Math.min(buf.length, maxBytes - total), null);
        if (n <= 0) return carry.length > 0 && test(carry);
        total += n;
        const text = carry + buf.toString('utf8', 0, n);
        const end = text.lastIndexOf('\n');
        // A line longer than the piece is tested as it is, so memory stays at one piece.
        const whole = end < 0 ? text : text.slice(0, end + 1);
        carry = end < 0 ? '' : text.slice(end + 1);
        if (test(whole)) return true;
        if (total >= maxBytes) {
          this.note(
            `${showPath(hostPath)} is larger than ${mib(maxBytes)}: only its first ${mib(maxBytes)} were searched`,
          );
          return false;
        }
      }
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    } finally {
      fs.closeSync(opened.fd);
    }
  }

  /** Text of a file, cut at `maxBytes` (default defaultReadCap) with a note when it is larger. */
  readText(hostPath: string, maxBytes = defaultReadCap(hostPath)): string | undefined {
    return this.read(hostPath, maxBytes, true)?.toString('utf8');
  }

  readAttr(hostPath: string): string | undefined {
    const t = this.readText(hostPath);
    return t === undefined ? undefined : t.replace(/\s+$/, '');
  }

  /** With maxBytes the caller asks for a prefix (config space, a ROM BAR): no note when cut. */
  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined {
    const b = this.read(hostPath, maxBytes ?? defaultReadCap(hostPath), maxBytes === undefined);
    return b === undefined ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.length);
  }

  list(hostPath: string): string[] {
    try {
      if (this.live) return fs.readdirSync(this.resolve(hostPath)).sort();
      const d = this.realFile(hostPath, 'dir');
      if (!d) return [];
      if (!this.frozen) return fs.readdirSync(d.file).sort();
      // A snapshot's listing also gives the type of each entry: its subdirectories are
      // remembered, so that resolving a path through one later (a group's directory) needs no
      // lstat of its own.
      const rel = d.file === this.realBase() ? '' : d.file.slice(this.realBase().length + 1);
      const names: string[] = [];
      for (const e of fs.readdirSync(d.file, { withFileTypes: true })) {
        names.push(e.name);
        if (e.isDirectory()) this.types.set(rel ? `${rel}/${e.name}` : e.name, fs.constants.S_IFDIR);
      }
      return names.sort();
    } catch (e) {
      if (e instanceof EnvironmentError) throw e;
      if (ABSENT.has(errnoCode(e) ?? '')) return [];
      return wrap(hostPath, e, this.live);
    }
  }

  openDir(hostPath: string): ListedDir | undefined {
    if (this.live) return undefined;
    try {
      const d = this.realFile(hostPath, 'dir');
      if (!d) return undefined;
      const entries = new Map<string, number>();
      const rel = d.file === this.realBase() ? '' : d.file.slice(this.realBase().length + 1);
      for (const e of fs.readdirSync(d.file, { withFileTypes: true })) {
        const type = direntType(e);
        entries.set(e.name, type);
        // Subdirectories (a bridge's child devices) are remembered for resolving paths through
        // them later; the files are not, to keep the cache small.
        if (this.frozen && type === fs.constants.S_IFDIR)
          this.types.set(rel ? `${rel}/${e.name}` : e.name, type);
      }
      return new DirListing(this, hostPath, d.file, entries);
    } catch (e) {
      if (e instanceof EnvironmentError) throw e;
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    }
  }

  /**
   * A regular file of a listed directory, opened without resolving its path again: the listing
   * was the look before the open (as lstatRel's fresh look is for a single read), O_NOFOLLOW
   * refuses a link swapped in since, and O_NONBLOCK a FIFO. Anything else the listing showed goes
   * through the confined read.
   */
  readListed(dir: DirListing, name: string, max: number): Buffer | undefined {
    const type = dir.entries.get(name);
    if (type === undefined) return undefined;
    const hostPath = `${dir.path}/${name}`;
    if (type !== fs.constants.S_IFREG) return this.read(hostPath, max, false);
    let fd: number;
    try {
      fd = fs.openSync(`${dir.disk}/${name}`, O_READ_NOFOLLOW);
    } catch (e) {
      const code = errnoCode(e) ?? '';
      if (ABSENT.has(code)) return undefined;
      // ELOOP: a link now where the listing showed a file; the confined read judges it.
      if (code === 'ELOOP') return this.read(hostPath, max, false);
      return wrap(hostPath, e, this.live);
    }
    try {
      let n = 0;
      for (;;) {
        const want = SCRATCH.length - n;
        const r = fs.readSync(fd, SCRATCH, n, want, null);
        n += r;
        // A regular file reads short only at its end (the page cache fills a read whole), so a
        // short read saves the read that would return 0.
        if (r < want || n > max) break;
        // Larger than the scratch buffer: read again the general way, which grows its buffer.
        if (n === SCRATCH.length) return this.read(hostPath, max, false);
      }
      return SCRATCH.subarray(0, Math.min(n, max));
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    } finally {
      fs.closeSync(fd);
    }
  }

  readLink(hostPath: string): string | undefined {
    try {
      if (this.live) return fs.readlinkSync(this.resolve(hostPath));
      const r = this.confined(hostPath, false);
      if (r.kind === 'escape') throw this.escaped(hostPath, r.link);
      if (r.kind === 'loop') throw readError(hostPath, 'ELOOP', false);
      return r.kind === 'link' ? this.readlinkRel(r.rel) : undefined;
    } catch (e) {
      if (e instanceof EnvironmentError) throw e;
      const c = errnoCode(e) ?? '';
      if (ABSENT.has(c) || c === 'EINVAL') return undefined;
      return wrap(hostPath, e, this.live);
    }
  }

  realPath(hostPath: string): string | undefined {
    try {
      if (this.live) return fs.realpathSync(this.resolve(hostPath));
      const r = this.confined(hostPath, true);
      if (r.kind !== 'ok') return undefined;
      return `/${r.rel}`;
    } catch (e) {
      if (ABSENT.has(errnoCode(e) ?? '')) return undefined;
      return wrap(hostPath, e, this.live);
    }
  }

  exists(hostPath: string): boolean {
    if (this.live) return fs.existsSync(this.resolve(hostPath));
    try {
      return this.confined(hostPath, true).kind === 'ok';
    } catch {
      return false;
    }
  }

  isDir(hostPath: string): boolean {
    try {
      if (this.live) return fs.statSync(this.resolve(hostPath)).isDirectory();
      const r = this.confined(hostPath, true);
      return r.kind === 'ok' && r.st.isDirectory();
    } catch {
      return false;
    }
  }

  /** Whether following this path (its links included) would leave the root. */
  leadsOutside(hostPath: string): boolean {
    if (this.live) return false;
    try {
      const k = this.confined(hostPath, true).kind;
      return k === 'escape';
    } catch {
      return false;
    }
  }

  fileSize(hostPath: string): number | undefined {
    try {
      if (this.live) {
        const st = fs.statSync(this.resolve(hostPath));
        return st.isFile() ? st.size : undefined;
      }
      const r = this.confined(hostPath, true, true);
      return r.kind === 'ok' && r.st.isFile() ? r.st.size : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * What to tell a user about data that only root can read (config space past 64 bytes,
 * /proc/iomem addresses): on the live host, run as root; under a snapshot, rerunning as root
 * changes nothing: the snapshot has to be taken again as root, or, when it was, its copy is
 * damaged.
 */
export function rootAdvice(root: HostRoot): string {
  if (root.live) return 'run as root';
  if (root.snapshot?.privileged === true)
    return 'the snapshot was taken as root, so its copy is short: it is damaged; take it again';
  return 'take the snapshot again as root (sudo vfiokit snapshot)';
}

export const SNAPSHOT_MANIFEST_FILE = 'manifest.json';

/**
 * The snapshot's manifest, read through the confined root. `vfiokit snapshot` writes it last, so
 * a tree without one is not a snapshot, or one whose capture did not finish.
 */
export function readManifest(root: HostRoot, shown: string): SnapshotInfo {
  const hint =
    'give --root a directory or .tar.gz made by `vfiokit snapshot -o`, or take the snapshot again (one without manifest.json is incomplete)';
  let text: string | undefined;
  try {
    text = root.readText(`/${SNAPSHOT_MANIFEST_FILE}`, 16 * 1024 * 1024);
  } catch (e) {
    throw new EnvironmentError(`cannot read the manifest of snapshot ${shown}: ${(e as Error).message}`, {
      hint,
      code: 'host.root-no-manifest',
      cause: e,
    });
  }
  if (text === undefined) {
    throw new EnvironmentError(`${shown} has no ${SNAPSHOT_MANIFEST_FILE}: not a complete vfiokit snapshot`, {
      hint,
      code: 'host.root-no-manifest',
    });
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    m = undefined;
  }
  const schema = (m as { schema?: unknown } | undefined)?.schema;
  if (typeof schema !== 'string' || !schema.startsWith('vfiokit.snapshot/')) {
    throw new EnvironmentError(`${shown}/${SNAPSHOT_MANIFEST_FILE} is not a vfiokit snapshot manifest`, {
      hint,
      code: 'host.root-no-manifest',
    });
  }
  const privileged = (m as { privileged?: unknown }).privileged;
  return { schema, privileged: typeof privileged === 'boolean' ? privileged : undefined };
}

/**
 * Open a root directory given on the command line (`--root DIR`), checking it exists and, unless
 * it is the live root "/", that it is a finished snapshot (it has a manifest).
 */
export function openRoot(dir: string | undefined, opts: { name?: string } = {}): HostRoot {
  const d = dir ?? '/';
  const shown = showPath(opts.name ?? d);
  let st: fs.Stats;
  try {
    st = fs.statSync(d);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new EnvironmentError(`root directory ${shown} does not exist`, {
        hint: 'give --root a snapshot directory made by `vfiokit snapshot -o DIR`',
        code: 'host.root-missing',
      });
    }
    throw new EnvironmentError(`cannot open root ${shown}: ${code ?? String(e)}`, {
      hint: code === 'ELOOP' ? 'the path is a loop of symbolic links' : 'check the path and its permissions',
      code: 'host.root-missing',
      cause: e,
    });
  }
  if (!st.isDirectory()) {
    throw new EnvironmentError(`root ${shown} is not a directory`, {
      hint: 'give --root a snapshot directory or a snapshot .tar.gz (vfiokit snapshot -o FILE.tar.gz)',
      code: 'host.root-not-dir',
    });
  }
  const root = new DirHostRoot(d, opts.name);
  if (!root.live && !isMountedHost(d)) root.snapshot = readManifest(root, shown);
  return root;
}

/** statfs(2) f_type of sysfs and procfs (include/uapi/linux/magic.h SYSFS_MAGIC, PROC_SUPER_MAGIC). */
const SYSFS_MAGIC = 0x62656572;
const PROC_SUPER_MAGIC = 0x9fa0;

/**
 * A live host mounted under a directory (a container's `/host` with the host's /sys and /proc
 * mounted read-only, as the Kubernetes DaemonSet does): `sys` and `proc` are real directories on
 * which the kernel's own sysfs and procfs are mounted. Such a tree is the host itself, not an
 * unfinished snapshot, so it needs no manifest. A link named sys, or a copied tree, is not one.
 */
export function isMountedHost(dir: string): boolean {
  try {
    const sys = path.join(dir, 'sys');
    const proc = path.join(dir, 'proc');
    if (!fs.lstatSync(sys).isDirectory() || !fs.lstatSync(proc).isDirectory()) return false;
    return fs.statfsSync(sys).type === SYSFS_MAGIC && fs.statfsSync(proc).type === PROC_SUPER_MAGIC;
  } catch {
    return false;
  }
}
