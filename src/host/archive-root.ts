/**
 * A snapshot archive (.tar.gz from `vfiokit snapshot -o FILE.tar.gz`) read in memory, as a
 * HostRoot. `--root FILE.tar.gz` unpacks into a temporary directory (snapshot-archive.ts); a fleet
 * run reads thousands of archives, where writing, reading and deleting some ten thousand files per
 * host costs far more than the analysis. Here the archive is inflated into one buffer and its
 * entries indexed by path: every read is a map lookup.
 *
 * Containment is by construction: nothing is written and no read reaches this machine's files.
 * Links are resolved inside the archive only (the kernel's sysfs links are relative); a link that
 * is absolute or climbs out of the snapshot resolves to nothing, as unpackSnapshot drops it.
 * Sizes are bounded: the inflated archive (MAX_INFLATED_BYTES), the number of entries and the link
 * hops while resolving a path.
 *
 * Memory: a 512-function snapshot inflates to some 15 MB, nearly all tar headers. Fresh memory
 * for that (gunzipSync's output, then its concatenation) cost several times the inflate itself in
 * profiles: every new page is a fault the kernel must zero. A fleet worker therefore inflates each
 * snapshot into the same InflateArena, streaming in small pieces that the allocator reuses.
 *
 * Tar format: POSIX ustar headers (512-byte blocks; name + prefix, octal size, typeflag, linkname)
 * with pax extended headers ('x': path, linkpath, size) as node-tar writes them for long sysfs
 * paths, and GNU long names ('L', 'K') as GNU tar writes them.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { EnvironmentError } from '../errors.js';
import type { HostRoot } from './root.js';

/** A snapshot is a few MB inflated; far above that is not a snapshot (and bounds a worker's memory). */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 1_000_000;
/** Linux's own limit on links followed in one lookup (MAXSYMLINKS). */
const MAX_HOPS = 40;

/** Pieces of the inflated stream: small enough that the allocator recycles them between pieces. */
const INFLATE_PIECE = 256 * 1024;

/**
 * One reusable buffer for inflated archives (one per fleet worker): the memory is faulted in once
 * and reused for every snapshot. A root read into an arena is valid until the arena's next read;
 * using it later is a programming error and throws.
 */
export class InflateArena {
  buf: Buffer = Buffer.allocUnsafe(0);
  generation = 0;
}

const FILE = 0;
const DIR = 1;
const LINK = 2;
type Kind = typeof FILE | typeof DIR | typeof LINK;

/**
 * A path of the archive. The index is a tree: a read looks its directory up once (cached by the
 * path that named it) and its file by name in that directory's small map, instead of hashing
 * every full path. A directory may have no entry of its own (implied by its files).
 */
class ArchiveNode {
  /** File: the content's bounds in the inflated archive; link: its target. */
  start = 0;
  end = 0;
  target = '';
  children: Map<string, ArchiveNode> | undefined;
  private fullPath: string | undefined;
  constructor(
    public kind: Kind,
    readonly parent: ArchiveNode | undefined,
    readonly name: string,
  ) {}
  /** "sys/bus/pci"; "" for the archive's root. */
  get path(): string {
    if (this.fullPath === undefined)
      this.fullPath = this.parent?.parent ? `${this.parent.path}/${this.name}` : this.name;
    return this.fullPath;
  }
}

function readGzip(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EnvironmentError(
      `snapshot archive ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read: ${code}`}`,
      {
        code: 'host.root-missing',
      },
    );
  }
}

function inflateError(file: string, e: unknown): EnvironmentError {
  const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
  return archiveError(
    file,
    tooBig ? 'it inflates to more than 512 MiB: not a snapshot' : 'not a gzip file, or damaged',
  );
}

function archiveError(file: string, why: string): EnvironmentError {
  return new EnvironmentError(`cannot read ${file}: ${why}`, {
    hint: 'is it a snapshot made by `vfiokit snapshot -o FILE.tar.gz`?',
    code: 'host.root-archive',
  });
}

/** NUL-terminated field as text. */
function field(b: Buffer, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return b.toString('utf8', off, end);
}

/** An octal number field: digits, with spaces or NULs around them (tar writers pad both ways). */
function octal(b: Buffer, off: number, len: number): number | undefined {
  let i = off;
  const end = off + len;
  while (i < end && (b[i] === 0x20 || (b[i] >= 0x09 && b[i] <= 0x0d))) i++;
  let v = 0;
  let digits = 0;
  for (; i < end; i++, digits++) {
    const c = b[i];
    if (c < 0x30 || c > 0x37) break;
    v = v * 8 + (c - 0x30);
  }
  // After the digits only padding: a NUL ends the field, spaces may precede it.
  for (; i < end && b[i] !== 0; i++) if (b[i] !== 0x20 && (b[i] < 0x09 || b[i] > 0x0d)) return undefined;
  return digits ? v : undefined;
}

/** pax records: "LEN key=value\n", LEN counting bytes of the whole record (POSIX.1-2001 pax format). */
function paxRecords(b: Buffer, start: number, end: number): Map<string, string> {
  const out = new Map<string, string>();
  const block = b.subarray(0, end);
  let i = start;
  while (i < end) {
    const sp = block.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(b.toString('latin1', i, sp));
    if (!Number.isInteger(len) || len <= sp - i || i + len > end) break;
    const eq = block.indexOf(0x3d, sp + 1);
    if (eq > sp + 1 && eq < i + len - 1)
      out.set(b.toString('utf8', sp + 1, eq), b.toString('utf8', eq + 1, i + len - 1));
    i += len;
  }
  return out;
}

/** "./sys//bus/" → "sys/bus"; undefined for paths that leave the archive ("..", absolute). */
function cleanPath(p: string): string | undefined {
  // What tar writers produce ("sys/bus/pci", "sys/bus/" for a directory) needs no splitting.
  if (!/(^|\/)\.{1,2}(\/|$)|\/\/|^\//.test(p)) return p.endsWith('/') ? p.slice(0, -1) : p;
  const parts: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') return undefined;
    parts.push(c);
  }
  return parts.join('/');
}

export class ArchiveHostRoot implements HostRoot {
  readonly dir: string;
  readonly name: string;
  readonly live = false;
  private readonly data: Buffer;
  private readonly root = new ArchiveNode(DIR, undefined, '');
  /** Read and index an archive; an EnvironmentError when it is not a readable snapshot archive. */
  static open(file: string, name = file): ArchiveHostRoot {
    const gz = readGzip(file);
    let data: Buffer;
    try {
      // Large chunks: the inflated pieces are joined at the end, and 16 KiB pieces (the default)
      // made that join a fifth of a fleet run in profiles.
      data = zlib.gunzipSync(gz, { maxOutputLength: MAX_INFLATED_BYTES, chunkSize: 1 << 20 });
    } catch (e) {
      throw inflateError(file, e);
    }
    return new ArchiveHostRoot(file, name, data);
  }

  /**
   * Read and index an archive into `arena` (see InflateArena): the fleet's way, a few times
   * cheaper than `open` over thousands of snapshots. The root is valid until the arena's next read.
   */
  static async read(file: string, arena: InflateArena, name = file): Promise<ArchiveHostRoot> {
    const gz = readGzip(file);
    const generation = ++arena.generation;
    const length = await new Promise<number>((resolve, reject) => {
      const z = zlib.createGunzip({ chunkSize: INFLATE_PIECE });
      let n = 0;
      let failed = false;
      z.on('data', (piece: Buffer) => {
        if (failed) return;
        if (n + piece.length > MAX_INFLATED_BYTES) {
          failed = true;
          z.destroy();
          reject(archiveError(file, 'it inflates to more than 512 MiB: not a snapshot'));
          return;
        }
        if (n + piece.length > arena.buf.length) {
          // Grow by doubling (bounded by MAX_INFLATED_BYTES above): a few copies while the first
          // snapshots come in, none once the arena fits the fleet's largest.
          const grown = Buffer.allocUnsafe(
            Math.min(MAX_INFLATED_BYTES, Math.max(2 * arena.buf.length, n + piece.length, 1 << 20)),
          );
          arena.buf.copy(grown, 0, 0, n);
          arena.buf = grown;
        }
        piece.copy(arena.buf, n);
        n += piece.length;
      });
      z.on('error', (e) => {
        if (failed) return;
        failed = true;
        reject(inflateError(file, e));
      });
      z.on('end', () => {
        if (!failed) resolve(n);
      });
      z.end(gz);
    });
    return new ArchiveHostRoot(file, name, arena.buf.subarray(0, length), arena, generation);
  }

  private constructor(
    file: string,
    name: string,
    data: Buffer,
    private readonly arena?: InflateArena,
    private readonly generation = 0,
  ) {
    this.dir = file;
    this.name = name;
    this.data = data;
    this.index(file);
    if (this.root.children?.get('sys') === undefined)
      throw archiveError(file, 'not a vfiokit snapshot (no sys/ inside)');
  }

  private index(file: string): void {
    const b = this.data;
    let off = 0;
    let pax = new Map<string, string>();
    let longName: string | undefined;
    let longLink: string | undefined;
    let count = 0;
    let sawEnd = false;
    while (off + 512 <= b.length) {
      // Two zero blocks end the archive; one is enough to stop reading.
      if (b[off] === 0 && b.subarray(off, off + 512).every((x) => x === 0)) {
        sawEnd = true;
        break;
      }
      const size = pax.has('size') ? Number(pax.get('size')) : octal(b, off + 124, 12);
      if (size === undefined || !Number.isSafeInteger(size) || size < 0)
        throw archiveError(file, 'damaged tar header');
      const headerAt = off;
      const type = String.fromCharCode(b[off + 156] || 0x30);
      const isUstar =
        b[off + 257] === 0x75 &&
        b[off + 258] === 0x73 &&
        b[off + 259] === 0x74 &&
        b[off + 260] === 0x61 &&
        b[off + 261] === 0x72;
      const start = off + 512;
      const end = start + size;
      if (end > b.length) throw archiveError(file, 'truncated archive');
      off = start + Math.ceil(size / 512) * 512;
      if (type === 'x') {
        pax = paxRecords(b, start, end);
        continue;
      }
      if (type === 'g') continue;
      if (type === 'L' || type === 'K') {
        const v = b.toString('utf8', start, end).replace(/\0+$/, '');
        if (type === 'L') longName = v;
        else longLink = v;
        continue;
      }
      const rawName =
        pax.get('path') ??
        longName ??
        (isUstar && b[headerAt + 345] !== 0
          ? `${field(b, headerAt + 345, 155)}/${field(b, headerAt, 100)}`
          : field(b, headerAt, 100));
      const link = pax.get('linkpath') ?? longLink ?? field(b, headerAt + 157, 100);
      if (pax.size) pax = new Map();
      longName = undefined;
      longLink = undefined;
      if (++count > MAX_ENTRIES) throw archiveError(file, `more than ${MAX_ENTRIES} entries: not a snapshot`);
      const p = cleanPath(rawName);
      if (!p) continue;
      // Only what unpackSnapshot keeps: files, directories and symlinks.
      if (type === '0' || type === '\0' || type === '7') {
        const n = this.add(p, FILE);
        n.start = start;
        n.end = end;
      } else if (type === '5') this.add(p, DIR);
      else if (type === '2') this.add(p, LINK).target = link;
    }
    if (!sawEnd && off < b.length) throw archiveError(file, 'truncated archive');
  }

  /** The last parent directory added to: a tar lists a directory's files one after another. */
  private lastDir = '';
  private lastDirNode: ArchiveNode = this.root;

  /**
   * Record an entry. A later entry for the same path replaces the first, as when tar extracts
   * the archive; what was listed under it stays.
   */
  private add(p: string, kind: Kind): ArchiveNode {
    const slash = p.lastIndexOf('/');
    const dirPath = slash < 0 ? '' : p.slice(0, slash);
    let dir: ArchiveNode;
    if (dirPath === this.lastDir) dir = this.lastDirNode;
    else {
      dir = this.dirNode(dirPath);
      this.lastDir = dirPath;
      this.lastDirNode = dir;
    }
    return this.child(dir, p.slice(slash + 1), kind, true);
  }

  private child(dir: ArchiveNode, name: string, kind: Kind, replace: boolean): ArchiveNode {
    if (!dir.children) dir.children = new Map();
    let n = dir.children.get(name);
    if (!n) {
      n = new ArchiveNode(kind, dir, name);
      dir.children.set(name, n);
    } else if (replace) n.kind = kind;
    return n;
  }

  /** Directories by archive path while indexing, created (as directories) when first implied. */
  private readonly dirNodes = new Map<string, ArchiveNode>();

  private dirNode(p: string): ArchiveNode {
    if (p === '') return this.root;
    let n = this.dirNodes.get(p);
    if (!n) {
      const slash = p.lastIndexOf('/');
      n = this.child(this.dirNode(slash < 0 ? '' : p.slice(0, slash)), p.slice(slash + 1), DIR, false);
      this.dirNodes.set(p, n);
    }
    return n;
  }

  /** Resolved directories by the path that named them: most reads share a device's directory. */
  private readonly dirCache = new Map<string, ArchiveNode | null>();

  /**
   * The node a host path leads to, following links (the last one too when `follow`), or
   * undefined when it leaves the snapshot, loops, or a component is missing. ".." is taken after
   * the links before it are followed, as the kernel resolves paths.
   */
  private lookup(hostPath: string, follow: boolean, hops = 0): ArchiveNode | undefined {
    // The directory part as given is the cache key, so the common read (a file in a directory
    // read before) costs one map lookup and no splitting.
    const slash = hostPath.lastIndexOf('/');
    let last = hostPath.slice(slash + 1);
    let rawDir = slash < 0 ? '' : hostPath.slice(0, slash);
    if (last === '' || last === '.' || last === '..') {
      const parts = hostPath.split('/').filter((c) => c !== '' && c !== '.');
      const tail = parts.pop();
      if (tail === undefined) return this.root;
      last = tail;
      rawDir = parts.join('/');
    }
    const dir = this.resolveDir(rawDir, hops);
    if (dir === undefined) return undefined;
    if (last === '..') return dir.parent;
    const n = dir.children?.get(last);
    if (n?.kind === LINK && follow) {
      if (hops >= MAX_HOPS || n.target.startsWith('/')) return undefined;
      return this.lookup(dir === this.root ? n.target : `${dir.path}/${n.target}`, true, hops + 1);
    }
    return n;
  }

  /** The last directory resolved: a scan reads a device's attributes one after another. */
  private lastRaw = '';
  private lastResolved: ArchiveNode | undefined;

  private resolveDir(p: string, hops: number): ArchiveNode | undefined {
    if (p === '' || p === '/') return this.root;
    if (p === this.lastRaw && this.lastResolved) return this.lastResolved;
    const cached = this.dirCache.get(p);
    if (cached) {
      this.lastRaw = p;
      this.lastResolved = cached;
    }
    if (cached !== undefined) return cached ?? undefined;
    const r = this.lookup(p, true, hops);
    const dir = r?.kind === DIR ? r : undefined;
    // A failure under a partly spent link budget is not the path's own answer: cache only others.
    if (hops === 0 || dir !== undefined) this.dirCache.set(p, dir ?? null);
    return dir;
  }

  /** The inflated archive; refuses to read an arena that has since taken another snapshot. */
  private bytes(): Buffer {
    if (this.arena && this.arena.generation !== this.generation)
      throw new Error(`${this.dir}: archive root read after its arena was reused`);
    return this.data;
  }

  resolve(hostPath: string): string {
    return `${this.dir}!/${hostPath.replace(/^\/+/, '')}`;
  }

  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined {
    const n = this.lookup(hostPath, true);
    if (n?.kind !== FILE) return undefined;
    const end = maxBytes === undefined ? n.end : Math.min(n.end, n.start + maxBytes);
    return new Uint8Array(this.bytes().subarray(n.start, end));
  }

  readText(hostPath: string): string | undefined {
    const n = this.lookup(hostPath, true);
    if (n?.kind !== FILE) return undefined;
    return this.bytes().toString('utf8', n.start, n.end);
  }

  readAttr(hostPath: string): string | undefined {
    // trimEnd removes what /\s+$/ does (WhiteSpace and LineTerminator), without a regex.
    return this.readText(hostPath)?.trimEnd();
  }

  list(hostPath: string): string[] {
    const n = this.lookup(hostPath, true);
    if (n?.kind !== DIR) return [];
    return n.children ? [...n.children.keys()].sort() : [];
  }

  readLink(hostPath: string): string | undefined {
    const n = this.lookup(hostPath, false);
    return n?.kind === LINK ? n.target : undefined;
  }

  realPath(hostPath: string): string | undefined {
    const n = this.lookup(hostPath, true);
    return n && `/${n.path}`;
  }

  exists(hostPath: string): boolean {
    return this.lookup(hostPath, true) !== undefined;
  }

  isDir(hostPath: string): boolean {
    return this.lookup(hostPath, true)?.kind === DIR;
  }
}
