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
 * Sizes are bounded: the inflated archive (maxOutputLength), the number of entries and the link
 * hops while resolving a path.
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

type Entry =
  | { kind: 'file'; start: number; end: number }
  | { kind: 'dir' }
  | { kind: 'link'; target: string };

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

function octal(b: Buffer, off: number, len: number): number | undefined {
  const s = field(b, off, len).trim();
  if (!/^[0-7]+$/.test(s)) return undefined;
  return parseInt(s, 8);
}

/** pax records: "LEN key=value\n" (POSIX.1-2001 pax format). */
function paxRecords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) break;
    const len = Number(text.slice(i, sp));
    if (!Number.isInteger(len) || len <= sp - i) break;
    const rec = text.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
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
  private readonly entries = new Map<string, Entry>();
  private readonly children = new Map<string, Set<string>>();

  /** Read and index an archive; an EnvironmentError when it is not a readable snapshot archive. */
  static open(file: string, name = file): ArchiveHostRoot {
    let gz: Buffer;
    try {
      gz = fs.readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new EnvironmentError(
        `snapshot archive ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read: ${code}`}`,
        {
          code: 'host.root-missing',
        },
      );
    }
    let data: Buffer;
    try {
      // Large chunks: the inflated pieces are joined at the end, and 16 KiB pieces (the default)
      // made that join a fifth of a fleet run in profiles.
      data = zlib.gunzipSync(gz, { maxOutputLength: MAX_INFLATED_BYTES, chunkSize: 1 << 20 });
    } catch (e) {
      const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
      throw archiveError(
        file,
        tooBig ? 'it inflates to more than 512 MiB: not a snapshot' : 'not a gzip file, or damaged',
      );
    }
    return new ArchiveHostRoot(file, name, data);
  }

  private constructor(file: string, name: string, data: Buffer) {
    this.dir = file;
    this.name = name;
    this.data = data;
    this.index(file);
    if (!this.entries.has('sys') && !this.children.has('sys'))
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
      const start = off + 512;
      const end = start + size;
      if (end > b.length) throw archiveError(file, 'truncated archive');
      off = start + Math.ceil(size / 512) * 512;
      if (type === 'x') {
        pax = paxRecords(b.toString('utf8', start, end));
        continue;
      }
      if (type === 'g') continue;
      if (type === 'L' || type === 'K') {
        const v = b.toString('utf8', start, end).replace(/\0+$/, '');
        if (type === 'L') longName = v;
        else longLink = v;
        continue;
      }
      const ustar = b.toString('latin1', headerAt + 257, headerAt + 262) === 'ustar';
      const rawName =
        pax.get('path') ??
        longName ??
        (ustar && b[headerAt + 345] !== 0
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
      if (type === '0' || type === '\0' || type === '7') this.add(p, { kind: 'file', start, end });
      else if (type === '5') this.add(p, { kind: 'dir' });
      else if (type === '2') this.add(p, { kind: 'link', target: link });
    }
    if (!sawEnd && off < b.length) throw archiveError(file, 'truncated archive');
  }

  private add(p: string, e: Entry): void {
    this.entries.set(p, e);
    // Parents may have no entry of their own; list them from their children.
    let child = p;
    while (child) {
      const slash = child.lastIndexOf('/');
      const parent = slash < 0 ? '' : child.slice(0, slash);
      let set = this.children.get(parent);
      if (!set) {
        set = new Set();
        this.children.set(parent, set);
      }
      const name = child.slice(slash + 1);
      if (set.has(name)) break;
      set.add(name);
      child = parent;
    }
  }

  /** Resolved directories by the path that named them: most reads share a device's directory. */
  private readonly dirCache = new Map<string, string | null>();

  /**
   * The archive path a host path leads to, following links (the last one too when `follow`), or
   * undefined when it leaves the snapshot, loops, or a component is missing. ".." is taken after
   * the links before it are followed, as the kernel resolves paths.
   */
  private lookup(hostPath: string, follow: boolean, hops = 0): string | undefined {
    // The directory part as given is the cache key, so the common read (a file in a directory
    // read before) costs one map lookup and no splitting.
    const slash = hostPath.lastIndexOf('/');
    let last = hostPath.slice(slash + 1);
    let rawDir = slash < 0 ? '' : hostPath.slice(0, slash);
    if (last === '' || last === '.' || last === '..') {
      const parts = hostPath.split('/').filter((c) => c !== '' && c !== '.');
      const tail = parts.pop();
      if (tail === undefined) return '';
      last = tail;
      rawDir = parts.join('/');
    }
    const dir = this.resolveDir(rawDir, hops);
    if (dir === undefined) return undefined;
    if (last === '..') return dir === '' ? undefined : dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
    const full = dir ? `${dir}/${last}` : last;
    const e = this.entries.get(full);
    if (e?.kind === 'link' && follow) {
      if (hops >= MAX_HOPS || e.target.startsWith('/')) return undefined;
      return this.lookup(dir ? `${dir}/${e.target}` : e.target, true, hops + 1);
    }
    if (!e && !this.children.has(full)) return undefined;
    return full;
  }

  private resolveDir(p: string, hops: number): string | undefined {
    if (p === '' || p === '/') return '';
    const cached = this.dirCache.get(p);
    if (cached !== undefined) return cached ?? undefined;
    const r = this.lookup(p, true, hops);
    const dir = r !== undefined && this.kindOf(r) === 'dir' ? r : undefined;
    // A failure under a partly spent link budget is not the path's own answer: cache only others.
    if (hops === 0 || dir !== undefined) this.dirCache.set(p, dir ?? null);
    return dir;
  }

  private kindOf(p: string): Entry['kind'] | undefined {
    const e = this.entries.get(p);
    if (e) return e.kind;
    return this.children.has(p) ? 'dir' : undefined;
  }

  resolve(hostPath: string): string {
    return `${this.dir}!/${hostPath.replace(/^\/+/, '')}`;
  }

  readBytes(hostPath: string, maxBytes?: number): Uint8Array | undefined {
    const p = this.lookup(hostPath, true);
    const e = p === undefined ? undefined : this.entries.get(p);
    if (e?.kind !== 'file') return undefined;
    const end = maxBytes === undefined ? e.end : Math.min(e.end, e.start + maxBytes);
    return new Uint8Array(this.data.subarray(e.start, end));
  }

  readText(hostPath: string): string | undefined {
    const p = this.lookup(hostPath, true);
    const e = p === undefined ? undefined : this.entries.get(p);
    if (e?.kind !== 'file') return undefined;
    return this.data.toString('utf8', e.start, e.end);
  }

  readAttr(hostPath: string): string | undefined {
    return this.readText(hostPath)?.replace(/\s+$/, '');
  }

  list(hostPath: string): string[] {
    const p = this.lookup(hostPath, true);
    if (p === undefined || this.kindOf(p) !== 'dir') return [];
    return [...(this.children.get(p) ?? [])].sort();
  }

  readLink(hostPath: string): string | undefined {
    const p = this.lookup(hostPath, false);
    const e = p === undefined ? undefined : this.entries.get(p);
    return e?.kind === 'link' ? e.target : undefined;
  }

  realPath(hostPath: string): string | undefined {
    const p = this.lookup(hostPath, true);
    if (p === undefined || this.kindOf(p) === undefined) return undefined;
    return `/${p}`;
  }

  exists(hostPath: string): boolean {
    const p = this.lookup(hostPath, true);
    return p !== undefined && this.kindOf(p) !== undefined;
  }

  isDir(hostPath: string): boolean {
    const p = this.lookup(hostPath, true);
    return p !== undefined && this.kindOf(p) === 'dir';
  }
}
