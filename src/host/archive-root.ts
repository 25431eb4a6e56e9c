/**
 * A snapshot archive (.tar.gz from `vfiokit snapshot -o FILE.tar.gz`) read in memory, as a
 * HostRoot, and the one tar reader of vfiokit: `--root FILE.tar.gz` (snapshot-archive.ts) parses
 * with the same TarScanner and limits, then writes what it keeps to a temporary directory. A fleet
 * run reads thousands of archives, where writing, reading and deleting some ten thousand files per
 * host costs far more than the analysis: here the archive is inflated into one buffer and its
 * entries indexed as a tree; every read is a map lookup.
 *
 * An archive written since the snapshot pack (snapshot-pack.ts) starts with it: the same tree in
 * a compact form, so inflating stops after the first member (a twentieth of the bytes for a
 * 512-function host). A pack that is damaged, of an unknown version, disagrees with the
 * snapshot's manifest, or is not tied to the tar entries as written (snapshot-pack.ts: the
 * archive's layout and its CRC-32s), is passed over and the tar entries read instead (`packNote`
 * says why).
 *
 * Containment is by construction: nothing is written and no read reaches this machine's files.
 * Links are resolved inside the archive only (the kernel's sysfs links are relative); a link that
 * is absolute or climbs out of the snapshot resolves to nothing, as unpackSnapshot drops it.
 * Sizes are bounded (ARCHIVE_LIMITS): the inflated archive, one member, the number of entries;
 * and the link hops while resolving a path.
 *
 * Memory: a 512-function snapshot inflates to some 15 MB of tar, nearly all headers. Fresh memory
 * for that (gunzipSync's output, then its concatenation) cost several times the inflate itself in
 * profiles: every new page is a fault the kernel must zero. A fleet worker therefore inflates each
 * snapshot into the same InflateArena, streaming in small pieces that the allocator reuses.
 */
import * as fs from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { EnvironmentError } from '../errors.js';
import type { HostRoot, ListedDir, SnapshotInfo } from './root.js';
import {
  firstMemberLength,
  lastMemberTrailer,
  PACK_DIR,
  PACK_FILE,
  PACK_LINK,
  PACK_MEMBER,
  packVersion,
  packVersionNote,
  parsePack,
} from './snapshot-pack.js';

/**
 * Limits for every snapshot archive read (the fleet's and `--root FILE.tar.gz`'s). A real
 * snapshot is a few MB (each file capped at 8 MiB when captured, a ROM at 64 MiB); these are far
 * above that and low enough that a hostile archive (a gzip bomb, a member declaring gigabytes) is
 * refused in a second or two.
 */
export const ARCHIVE_LIMITS = {
  /** Bytes of tar stream after gunzip (headers included). */
  unpackedBytes: 256 * 1024 * 1024,
  /** Declared size of one member. */
  memberBytes: 64 * 1024 * 1024,
  entries: 200_000,
};
export type ArchiveLimits = typeof ARCHIVE_LIMITS;

/** Linux's own limit on links followed in one lookup (MAXSYMLINKS). */
const MAX_HOPS = 40;

/** Pieces of the inflated stream: small enough that the allocator recycles them between pieces. */
const INFLATE_PIECE = 256 * 1024;

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

/**
 * Why an archive is refused: `limit` when it passed one of ARCHIVE_LIMITS (the reader then says
 * it stopped), otherwise damage ("truncated archive"). Each reader words the message its way.
 */
export class ArchiveProblem extends Error {
  constructor(
    readonly why: string,
    readonly limit: boolean,
  ) {
    super(why);
  }
}

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
  /** A file's length: a pack keeps files without their trailing zeros (end - start ≤ size). */
  size = 0;
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

/** The gzip file, read whole; an EnvironmentError naming it when it cannot be read. */
export function readGzip(file: string): Buffer {
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

function archiveError(file: string, why: string): EnvironmentError {
  return new EnvironmentError(`cannot read ${file}: ${why}`, {
    hint: 'is it a snapshot made by `vfiokit snapshot -o FILE.tar.gz`?',
    code: 'host.root-archive',
  });
}

/** A problem of the fleet's read as its one-line error. */
function readError(file: string, e: unknown): EnvironmentError {
  if (e instanceof ArchiveProblem) return archiveError(file, e.limit ? `it ${e.why}: not a snapshot` : e.why);
  if (e instanceof EnvironmentError) return e;
  const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
  return archiveError(
    file,
    tooBig
      ? `it unpacks to more than ${mib(ARCHIVE_LIMITS.unpackedBytes)}: not a snapshot`
      : 'not a gzip file, or damaged',
  );
}

/** Why a pack's gzip member could not be inflated (the tar read that follows reports it too). */
function packInflateNote(e: unknown): string {
  return e instanceof ArchiveProblem
    ? `its first gzip member ${e.why}`
    : 'its first gzip member (the snapshot pack) is damaged: it does not inflate, or fails its CRC-32';
}

function restDamaged(file: string, e: unknown): EnvironmentError {
  return archiveError(
    file,
    e instanceof ArchiveProblem
      ? `the tar entries after its snapshot pack: it ${e.why}`
      : 'the tar entries after its snapshot pack are damaged (they do not inflate, or fail the CRC-32 the pack records)',
  );
}

/**
 * `verify`: inflate the tar entries after the pack (the archive's second gzip member) without
 * keeping them; zlib checks them against their trailer's CRC-32, which the pack's was checked
 * against. Throws the archive's error when they are damaged.
 */
function verifyRest(file: string, gz: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = createGunzip({ chunkSize: INFLATE_PIECE });
    let n = 0;
    z.on('data', (p: Buffer) => {
      n += p.length;
      if (n > ARCHIVE_LIMITS.unpackedBytes) {
        z.destroy();
        reject(
          restDamaged(
            file,
            new ArchiveProblem(`unpacks to more than ${mib(ARCHIVE_LIMITS.unpackedBytes)}`, true),
          ),
        );
      }
    });
    z.on('error', (e) => reject(restDamaged(file, e)));
    z.on('end', () => resolve());
    z.end(gz);
  });
}

/**
 * Inflate `gz` into `arena`, piece by piece, calling `piece(buf, n)` after each with the bytes so
 * far; it returns true to stop (the rest is never inflated). Past `limit` bytes the read stops
 * with an ArchiveProblem; a gzip error rejects with zlib's error.
 */
export function inflateInto(
  gz: Buffer,
  arena: InflateArena,
  limit: number,
  piece: (buf: Buffer, n: number) => boolean,
): Promise<{ n: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const z = createGunzip({ chunkSize: INFLATE_PIECE });
    let n = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      z.destroy();
      f();
    };
    z.on('data', (p: Buffer) => {
      if (settled) return;
      if (n + p.length > limit) {
        settle(() => reject(new ArchiveProblem(`unpacks to more than ${mib(limit)}`, true)));
        return;
      }
      if (n + p.length > arena.buf.length) {
        // Grow by doubling (bounded by the limit above): a few copies while the first snapshots
        // come in, none once the arena fits the fleet's largest.
        const grown = Buffer.allocUnsafe(
          Math.min(limit, Math.max(2 * arena.buf.length, n + p.length, 1 << 20)),
        );
        arena.buf.copy(grown, 0, 0, n);
        arena.buf = grown;
      }
      p.copy(arena.buf, n);
      n += p.length;
      let stop: boolean;
      try {
        stop = piece(arena.buf, n);
      } catch (e) {
        settle(() => reject(e));
        return;
      }
      if (stop) settle(() => resolve({ n, complete: false }));
    });
    z.on('error', (e) => settle(() => reject(e)));
    z.on('end', () => settle(() => resolve({ n, complete: true })));
    z.end(gz);
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

/** "./sys//bus/" → "sys/bus"; undefined for paths that leave the archive (".."); "/x" → "x". */
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

/** A tar member as the scanner reports it (pax and GNU long-name headers already applied). */
export interface TarMember {
  /** The member's path as the archive names it. */
  rawPath: string;
  /** The path inside the snapshot: leading "/" and "." stripped; undefined when it has "..". */
  path: string | undefined;
  /** The ustar type flag ('0' file, '5' directory, '2' symlink, '1' hard link, ...). */
  type: string;
  /** File content bounds in the buffer scanned. */
  start: number;
  end: number;
  link: string;
}

/** The type flags kept: files (regular, old-style, contiguous), directories and symlinks. */
export const isKeptType = (t: string) => t === '0' || t === '\0' || t === '7' || t === '5' || t === '2';

/**
 * The one tar parser of vfiokit: POSIX ustar headers (512-byte blocks; name + prefix, octal size,
 * typeflag, linkname) with pax extended headers ('x': path, linkpath, size) as node-tar writes
 * them for long sysfs paths, and GNU long names ('L', 'K') as GNU tar writes them. It parses an
 * inflated stream as it grows (`step` after each piece) and says when the end marker is reached,
 * so nothing after it is inflated. Limits are checked from each header, before its data is
 * waited for: a member declaring gigabytes is refused at once. The first member, when it is the
 * snapshot pack, is not reported (it is not part of the tree).
 */
export class TarScanner {
  private off = 0;
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;
  private count = 0;
  ended = false;
  /** The snapshot pack's bounds, when the first member is one (it is not reported). */
  pack: { start: number; end: number } | undefined;
  constructor(
    private readonly limits: ArchiveLimits,
    private readonly onMember: (m: TarMember) => void,
  ) {}

  /** Scan what b[0, len) adds; true once the end marker is reached. */
  // long: one tar header state machine (regular files, links, GNU long names, pax headers, the pack member, the end marker) over a sliding buffer
  step(b: Buffer, len: number): boolean {
    while (!this.ended && this.off + 512 <= len) {
      const off = this.off;
      // Two zero blocks end the archive; one is enough to stop reading.
      if (b[off] === 0 && b.subarray(off, off + 512).every((x) => x === 0)) {
        this.ended = true;
        break;
      }
      const paxSize = this.pax.get('size');
      const size = paxSize !== undefined ? Number(paxSize) : octal(b, off + 124, 12);
      if (size === undefined || !Number.isSafeInteger(size) || size < 0)
        throw new ArchiveProblem('damaged tar header', false);
      const type = String.fromCharCode(b[off + 156] || 0x30);
      const meta = type === 'x' || type === 'g' || type === 'L' || type === 'K';
      const isUstar =
        b[off + 257] === 0x75 &&
        b[off + 258] === 0x73 &&
        b[off + 259] === 0x74 &&
        b[off + 260] === 0x61 &&
        b[off + 261] === 0x72;
      const rawPath = meta
        ? field(b, off, 100)
        : (this.pax.get('path') ??
          this.longName ??
          (isUstar && b[off + 345] !== 0
            ? `${field(b, off + 345, 155)}/${field(b, off, 100)}`
            : field(b, off, 100)));
      if (size > this.limits.memberBytes)
        throw new ArchiveProblem(
          `holds ${rawPath} of ${mib(size)}, over the ${mib(this.limits.memberBytes)} limit for one file`,
          true,
        );
      const start = off + 512;
      const end = start + size;
      // The data is not all there yet: wait for the next piece.
      if (end > len) return false;
      this.off = start + Math.ceil(size / 512) * 512;
      if (type === 'x') {
        this.pax = paxRecords(b, start, end);
        continue;
      }
      if (type === 'g') continue;
      if (type === 'L' || type === 'K') {
        const v = b.toString('utf8', start, end).replace(/\0+$/, '');
        if (type === 'L') this.longName = v;
        else this.longLink = v;
        continue;
      }
      const link = this.pax.get('linkpath') ?? this.longLink ?? field(b, off + 157, 100);
      if (this.pax.size) this.pax = new Map();
      this.longName = undefined;
      this.longLink = undefined;
      if (++this.count > this.limits.entries)
        throw new ArchiveProblem(`has more than ${this.limits.entries} entries`, true);
      const p = cleanPath(rawPath);
      if (this.count === 1 && p === PACK_MEMBER && (type === '0' || type === '\0')) {
        this.pack = { start, end };
        continue;
      }
      this.onMember({ rawPath, path: p, type, start, end, link });
    }
    return this.ended;
  }

  /** The input is complete: anything but the end marker or a whole last member is a cut. */
  finish(len: number): void {
    if (!this.ended && this.off < len) throw new ArchiveProblem('truncated archive', false);
    if (this.count === 0) throw new ArchiveProblem('not a tar archive, or one without entries', false);
  }
}

/** The first member's header names the snapshot pack: its size, else undefined. */
function packMemberSize(b: Buffer): number | undefined {
  const type = b[156];
  if ((type !== 0x30 && type !== 0) || field(b, 0, 100) !== PACK_MEMBER) return undefined;
  return octal(b, 124, 12);
}

/**
 * How the fleet reads: from the pack when there is a good one (default), or the tar entries only
 * (`pack: false`). `verify`: when the pack is read, inflate the tar entries after it too, which
 * zlib checks against the CRC-32 the pack records (snapshot-pack.ts), and refuse the archive
 * when they are damaged.
 */
export interface ArchiveReadOptions {
  pack?: boolean;
  verify?: boolean;
}

/** Most bytes a first gzip member may inflate to: the pack's tar header, the pack, its padding. */
const FIRST_MEMBER_BYTES = ARCHIVE_LIMITS.memberBytes + 1024;

/** Why an archive's pack was not read, from its tar read: the pack's version, or its layout. */
function tarPackNote(data: Buffer, pack: { start: number; end: number } | undefined): string | undefined {
  if (!pack) return undefined;
  const v = packVersion(data, pack.start, pack.end);
  if (v === undefined) return 'its first member is not a snapshot pack';
  return v === '2'
    ? 'the archive is not laid out as vfiokit writes it (compressed again?), so its snapshot pack cannot be checked against the tar entries'
    : packVersionNote(v);
}

export class ArchiveHostRoot implements HostRoot {
  readonly dir: string;
  readonly name: string;
  readonly live = false;
  /** Set by whoever checked the snapshot's manifest (see fleet/read-host.ts). */
  snapshot?: SnapshotInfo;
  /** Where the tree came from: the snapshot pack (the archive's first member) or the tar entries. */
  source: 'pack' | 'tar' = 'tar';
  /** Why an archive's pack was not used (damaged, unknown version, disagreeing), for --verbose. */
  packNote?: string;
  private data: Buffer = Buffer.alloc(0);
  private readonly root = new ArchiveNode(DIR, undefined, '');

  /**
   * Read and index an archive; an EnvironmentError when it is not a readable snapshot archive.
   * The pack is read when there is a good one (as `read`), else the tar entries.
   */
  static open(file: string, name = file, opts: ArchiveReadOptions = {}): ArchiveHostRoot {
    const gz = readGzip(file);
    let note: string | undefined;
    const first = opts.pack !== false ? firstMemberLength(gz) : undefined;
    if (first !== undefined) {
      let head: Buffer | undefined;
      try {
        head = gunzipSync(gz.subarray(0, first), { maxOutputLength: FIRST_MEMBER_BYTES });
      } catch (e) {
        note = packInflateNote(e);
      }
      if (head) {
        const r = new ArchiveHostRoot(file, name, head);
        note = r.fromPack(gz, head.length);
        if (note === undefined) {
          if (opts.verify) {
            try {
              gunzipSync(gz.subarray(first), { maxOutputLength: ARCHIVE_LIMITS.unpackedBytes });
            } catch (e) {
              throw restDamaged(file, e);
            }
          }
          return r;
        }
      }
    }
    let data: Buffer;
    try {
      // Large chunks: the inflated pieces are joined at the end, and 16 KiB pieces (the default)
      // made that join a fifth of a fleet run in profiles.
      data = gunzipSync(gz, { maxOutputLength: ARCHIVE_LIMITS.unpackedBytes, chunkSize: 1 << 20 });
    } catch (e) {
      throw readError(file, e);
    }
    const r = new ArchiveHostRoot(file, name, data);
    let scan: TarScanner;
    try {
      scan = new TarScanner(ARCHIVE_LIMITS, (m) => r.addMember(m));
      scan.step(data, data.length);
      scan.finish(data.length);
    } catch (e) {
      throw readError(file, e);
    }
    r.packNote = note ?? (opts.pack !== false ? tarPackNote(data, scan.pack) : undefined);
    r.checkSys();
    return r;
  }

  /**
   * Read and index an archive into `arena` (see InflateArena): the fleet's way, a few times
   * cheaper than `open` over thousands of snapshots. With a good pack, inflating stops after it;
   * otherwise after the tar's end marker. The root is valid until the arena's next read.
   */
  static async read(
    file: string,
    arena: InflateArena,
    name = file,
    opts: ArchiveReadOptions = {},
  ): Promise<ArchiveHostRoot> {
    const gz = readGzip(file);
    let note: string | undefined;
    const first = opts.pack !== false ? firstMemberLength(gz) : undefined;
    if (first !== undefined) {
      const generation = ++arena.generation;
      let n: number | undefined;
      try {
        // The first member only: zlib checks its CRC-32 and length as it ends.
        n = (await inflateInto(gz.subarray(0, first), arena, FIRST_MEMBER_BYTES, () => false)).n;
      } catch (e) {
        note = packInflateNote(e);
      }
      if (n !== undefined) {
        const root = new ArchiveHostRoot(file, name, arena.buf.subarray(0, n), arena, generation);
        note = root.fromPack(gz, n);
        if (note === undefined) {
          if (opts.verify) await verifyRest(file, gz.subarray(first));
          return root;
        }
      }
    }
    const generation = ++arena.generation;
    const root = new ArchiveHostRoot(file, name, Buffer.alloc(0), arena, generation);
    const scan = new TarScanner(ARCHIVE_LIMITS, (m) => root.addMember(m));
    try {
      const r = await inflateInto(gz, arena, ARCHIVE_LIMITS.unpackedBytes, (b, n) => scan.step(b, n));
      root.data = arena.buf.subarray(0, r.n);
      scan.finish(r.n);
    } catch (e) {
      throw readError(file, e);
    }
    root.packNote = note ?? (opts.pack !== false ? tarPackNote(root.data, scan.pack) : undefined);
    root.checkSys();
    return root;
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
  }

  private checkSys(): void {
    if (this.root.children?.get('sys') === undefined)
      throw archiveError(this.dir, 'not a vfiokit snapshot (no sys/ inside)');
  }

  /** Only what unpackSnapshot writes: files, directories and symlinks. */
  private addMember(m: TarMember): void {
    if (!m.path) return;
    const t = m.type;
    if (t === '0' || t === '\0' || t === '7') {
      const n = this.add(m.path, FILE);
      n.start = m.start;
      n.end = m.end;
      n.size = m.end - m.start;
    } else if (t === '5') this.add(m.path, DIR);
    else if (t === '2') this.add(m.path, LINK).target = m.link;
  }

  /**
   * Build the tree from the pack, the inflated first gzip member (this.data[0, n): the pack's tar
   * member and its padding, nothing else); undefined when that worked, else why the pack cannot
   * stand for the archive (the tree is then read from the tar entries instead). The tar entries
   * after it must be the ones it was written with: the last member's trailer (their CRC-32 and
   * length, as gzip recorded them when they were last compressed) must be what the pack records.
   */
  private fromPack(gz: Buffer, n: number): string | undefined {
    const data = this.data;
    const size = n >= 512 ? packMemberSize(data) : undefined;
    if (size === undefined || size > ARCHIVE_LIMITS.memberBytes)
      return 'its first gzip member holds no snapshot pack';
    const end = 512 + size;
    if (n !== end + ((512 - (size % 512)) % 512))
      return 'its first gzip member holds more than the snapshot pack';
    const nodes: ArchiveNode[] = [this.root];
    let files = 0;
    let links = 0;
    const p = parsePack(data, 512, end, ARCHIVE_LIMITS, (parent, kind, name, s, e, size) => {
      const dir = nodes[parent];
      if (!dir.children) dir.children = new Map();
      else if (dir.children.has(name)) return `the snapshot pack names ${name} twice in one directory`;
      const n = new ArchiveNode(kind === PACK_FILE ? FILE : kind === PACK_DIR ? DIR : LINK, dir, name);
      dir.children.set(name, n);
      nodes.push(n);
      if (kind === PACK_FILE) {
        n.start = s;
        n.end = e;
        n.size = size;
        files++;
      } else if (kind === PACK_LINK) {
        n.target = data.toString('utf8', s, e);
        links++;
      }
      return undefined;
    });
    if (!p.ok) {
      this.root.children = undefined;
      return p.why;
    }
    const rest = lastMemberTrailer(gz);
    if (!rest || p.tarBytes < n || rest.size !== (p.tarBytes - n) >>> 0 || rest.crc !== p.restCrc) {
      this.root.children = undefined;
      return 'its tar entries are not the ones the snapshot pack was written with (their CRC-32 or length differs: changed, cut or added to since)';
    }
    const why = this.disagreement(files, links);
    if (why) {
      this.root.children = undefined;
      return why;
    }
    this.source = 'pack';
    return undefined;
  }

  /**
   * Whether the pack's tree is the snapshot its manifest describes: a manifest of a vfiokit
   * snapshot, and the counts it records (files besides itself, links, PCI devices) are the
   * tree's. Undefined when they agree.
   */
  private disagreement(files: number, links: number): string | undefined {
    if (this.root.children?.get('sys') === undefined) return 'the snapshot pack has no sys/';
    const text = this.readText('/manifest.json');
    let m: Record<string, unknown> | undefined;
    try {
      m = text === undefined ? undefined : JSON.parse(text);
    } catch {
      m = undefined;
    }
    if (!m || typeof m.schema !== 'string' || !m.schema.startsWith('vfiokit.snapshot/'))
      return 'the snapshot pack holds no snapshot manifest';
    if (typeof m.files === 'number' && m.files !== files - 1)
      return `the snapshot pack holds ${files - 1} files, its manifest ${m.files}`;
    if (typeof m.links === 'number' && m.links !== links)
      return `the snapshot pack holds ${links} links, its manifest ${m.links}`;
    const pci = this.list('/sys/bus/pci/devices').length;
    if (typeof m.pciDevices === 'number' && m.pciDevices !== pci)
      return `the snapshot pack holds ${pci} PCI devices, its manifest ${m.pciDevices}`;
    return undefined;
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

  /** A file's bytes (at most maxBytes), its trimmed zeros restored. */
  fileBytes(n: ArchiveNode, maxBytes?: number): Uint8Array {
    const data = this.bytes();
    const len = maxBytes === undefined ? n.size : Math.min(n.size, maxBytes);
    if (len <= n.end - n.start) return new Uint8Array(data.subarray(n.start, n.start + len));
    const out = new Uint8Array(len);
    out.set(data.subarray(n.start, n.end));
    return out;
  }

  fileText(n: ArchiveNode): string {
    if (n.size === n.end - n.start) return this.bytes().toString('utf8', n.start, n.end);
    return Buffer.from(this.fileBytes(n).buffer).toString('utf8');
  }

  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined {
    const n = this.lookup(hostPath, true);
    return n?.kind === FILE ? this.fileBytes(n, maxBytes) : undefined;
  }

  readText(hostPath: string): string | undefined {
    const n = this.lookup(hostPath, true);
    return n?.kind === FILE ? this.fileText(n) : undefined;
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

  /**
   * A directory's entries read by name without resolving the directory again: what the PCI scan
   * reads for each device (a dozen attributes and links). A link among them is read as the root
   * reads that path.
   */
  openDir(hostPath: string): ListedDir | undefined {
    const n = this.lookup(hostPath, true);
    return n?.kind === DIR ? new ArchiveDir(this, hostPath, n) : undefined;
  }
}

class ArchiveDir implements ListedDir {
  constructor(
    private readonly root: ArchiveHostRoot,
    readonly path: string,
    private readonly node: ArchiveNode,
  ) {}
  names(): string[] {
    return this.node.children ? [...this.node.children.keys()] : [];
  }
  has(name: string): boolean {
    return this.node.children?.has(name) ?? false;
  }
  private file(name: string): ArchiveNode | undefined | null {
    const c = this.node.children?.get(name);
    if (c?.kind === LINK) return null;
    return c?.kind === FILE ? c : undefined;
  }
  readAttr(name: string): string | undefined {
    const f = this.file(name);
    if (f === null) return this.root.readAttr(`${this.path}/${name}`);
    return f && this.root.fileText(f).trimEnd();
  }
  readBytes(name: string, maxBytes: number): Uint8Array | undefined {
    const f = this.file(name);
    if (f === null) return this.root.readBytes(`${this.path}/${name}`, maxBytes);
    return f && this.root.fileBytes(f, maxBytes);
  }
  readLink(name: string): string | undefined {
    const c = this.node.children?.get(name);
    return c?.kind === LINK ? c.target : undefined;
  }
}
