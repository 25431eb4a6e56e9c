/**
 * Tar archives with any entry a hostile archive may hold (device nodes, FIFOs, hard links,
 * members declaring sizes they do not carry), built header by header with node-tar's own Header
 * encoder (the ustar/pax layout of POSIX.1-2001), so tests can craft what `tar -c` never writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Header, Pax } from 'tar';

export type TarEntryType =
  | 'File'
  | 'Directory'
  | 'SymbolicLink'
  | 'Link'
  | 'CharacterDevice'
  | 'BlockDevice'
  | 'FIFO';

export interface TarEntry {
  path: string;
  type: TarEntryType;
  data?: Uint8Array | string;
  linkpath?: string;
  /** Size written in the header; default the data's length. Larger than the data = a lie. */
  declaredSize?: number;
}

function header(e: TarEntry, size: number): Buffer {
  const h = new Header({
    path: e.path,
    type: e.type,
    mode: e.type === 'Directory' ? 0o755 : 0o644,
    size,
    linkpath: e.linkpath,
    mtime: new Date(0),
    uid: 0,
    gid: 0,
    devmaj: e.type === 'CharacterDevice' || e.type === 'BlockDevice' ? 1 : 0,
    devmin: e.type === 'CharacterDevice' || e.type === 'BlockDevice' ? 5 : 0,
  });
  const block = Buffer.alloc(512);
  h.encode(block, 0);
  // Long sysfs paths do not fit ustar's 100+155 bytes: a pax header carries them.
  if (!h.needPax) return block;
  const pax = new Pax({ path: e.path, linkpath: e.linkpath, size, mtime: new Date(0) }).encode();
  return Buffer.concat([pax, block]);
}

/** The uncompressed tar stream of `entries`, with its two-block end marker. */
export function tarBytes(entries: TarEntry[], opts: { endMarker?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.from(e.data);
    const size = e.declaredSize ?? (e.type === 'File' ? data.length : 0);
    parts.push(header(e, size));
    if (data.length) {
      parts.push(data);
      const pad = (512 - (data.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  if (opts.endMarker !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function tarGz(entries: TarEntry[], opts: { endMarker?: boolean } = {}): Buffer {
  return zlib.gzipSync(tarBytes(entries, opts));
}

/** The entries of a directory tree (files, directories, symlinks), parents first. */
export function treeEntries(dir: string, prefix = ''): TarEntry[] {
  const out: TarEntry[] = [];
  for (const name of fs.readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const abs = path.join(dir, rel);
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) out.push({ path: rel, type: 'SymbolicLink', linkpath: fs.readlinkSync(abs) });
    else if (st.isDirectory()) {
      out.push({ path: `${rel}/`, type: 'Directory' });
      out.push(...treeEntries(dir, rel));
    } else out.push({ path: rel, type: 'File', data: fs.readFileSync(abs) });
  }
  return out;
}
