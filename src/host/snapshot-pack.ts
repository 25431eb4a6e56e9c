/**
 * The snapshot pack: the whole snapshot tree (every directory, file and symlink, manifest.json
 * included) in a compact binary form, written by `vfiokit snapshot -o FILE.tar.gz` as the
 * archive's first member. It holds raw facts only, never a verdict: a fleet run reads the pack
 * instead of the tar entries that follow it and runs every analysis on it as on the tree.
 *
 * Why: in tar, each of a snapshot's ~15,000 small sysfs files costs a 512-byte header plus the
 * padding to the next 512 bytes, and config space is 4 KiB mostly of trailing zeros; a
 * 512-function snapshot inflates to 15 MB of tar but packs to well under 1 MB, so a reader that
 * stops inflating after the first member does a fraction of the work.
 *
 * Format (little-endian), version 2:
 *   "vfiokit.pack/2\n"
 *   u32 tarBytes   length of the whole uncompressed tar stream the pack heads (its end marker
 *                  included)
 *   u32 restCrc    CRC-32 (gzip's) of the tar stream after the pack's member: the tar entries
 *                  the pack stands for (see the archive's layout below)
 *   u32 count      entries below the snapshot's root
 *   u32 namesLen, u32 dataLen
 *   count records of 16 bytes: u32 parent (0 = the root, else the 1-based index of an earlier
 *     directory record), u8 kind (0 file, 1 directory, 2 symlink), u8 nameLen, u16 zero,
 *     u32 dataLen (file bytes kept, or the link's target text), u32 size (a file's length: the
 *     bytes past dataLen are zeros, trimmed when packed; otherwise equal to dataLen)
 *   names (namesLen bytes, in record order), data (dataLen bytes, in record order)
 *
 * The archive's layout (snapshot-archive.ts writes it, archive-root.ts checks it): two gzip
 * members, the first holding the pack's tar member (header, pack, padding) and nothing else, the
 * second the rest of the tar stream; the first member's gzip header carries its own compressed
 * length (an FEXTRA subfield "vk", RFC 1952 section 2.3.1.1). A reader inflates the first member
 * only, and zlib checks it against its CRC-32 as it ends: the pack is the bytes written. The
 * second member's trailer (the file's last 8 bytes) holds the CRC-32 and length of the tar
 * entries as they are now; they must be the pack's restCrc and tarBytes less the first member,
 * so tar entries changed after the pack was written (edited and compressed again, even to the
 * same length) are seen without inflating them. CRC-32 is not a defence against forgery (whoever
 * forges the entries can rewrite the pack too, and a snapshot is not signed); it is what gzip
 * already records for the entries, so checking them costs nothing. Damage inside the second
 * member that leaves its trailer intact (a bit flipped in transit) is not seen this way: the pack
 * read instead is intact, so the report is the snapshot as captured; `vfiokit fleet --verify`
 * inflates the second member too, which zlib checks against that same CRC.
 *
 * Version 1 (without restCrc, one gzip member) is not read from its pack: nothing ties it to the
 * tar entries, which are read instead.
 *
 * Confinement is by construction: an entry is a name (never "", ".", "..", never with "/" or
 * NUL) below an earlier directory, so no entry names a path outside the snapshot; link targets
 * are text, resolved by the reader as tar's are (inside the snapshot only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The archive member holding the pack; it is the first member, and not part of the tree. */
export const PACK_MEMBER = '.vfiokit-pack';
export const PACK_VERSION = 2;
const MAGIC = 'vfiokit.pack/';
const HEAD = `${MAGIC}${PACK_VERSION}\n`;
const RECORD = 16;
/** tarBytes, restCrc, count, namesLen, dataLen. */
const HEAD_FIELDS = 20;

export const PACK_FILE = 0;
export const PACK_DIR = 1;
export const PACK_LINK = 2;
export type PackKind = typeof PACK_FILE | typeof PACK_DIR | typeof PACK_LINK;

interface Rec {
  parent: number;
  kind: PackKind;
  name: Buffer;
  data: Buffer;
  size: number;
}

/** Length without trailing zero bytes (config space is mostly zeros past its capabilities). */
function trimmedLength(b: Buffer): number {
  let n = b.length;
  while (n > 0 && b[n - 1] === 0) n--;
  return n;
}

/**
 * The pack of a snapshot tree on disk: every directory, regular file and symlink below
 * `treeDir`, in name order, parents first. Other file types are not part of a snapshot and are
 * left out, as the archive's reader leaves them out.
 */
export function buildPack(treeDir: string): Buffer {
  const recs: Rec[] = [];
  const walk = (rel: string, parent: number) => {
    const names = fs.readdirSync(path.join(treeDir, rel)).sort();
    const dirs: [string, number][] = [];
    for (const n of names) {
      const r = rel ? `${rel}/${n}` : n;
      const abs = path.join(treeDir, r);
      const st = fs.lstatSync(abs);
      const name = Buffer.from(n, 'utf8');
      if (name.length > 255) continue;
      if (st.isSymbolicLink()) {
        const t = Buffer.from(fs.readlinkSync(abs), 'utf8');
        recs.push({ parent, kind: PACK_LINK, name, data: t, size: t.length });
      } else if (st.isDirectory()) {
        recs.push({ parent, kind: PACK_DIR, name, data: Buffer.alloc(0), size: 0 });
        dirs.push([r, recs.length]);
      } else if (st.isFile()) {
        const b = fs.readFileSync(abs);
        recs.push({ parent, kind: PACK_FILE, name, data: b.subarray(0, trimmedLength(b)), size: b.length });
      }
    }
    for (const [r, index] of dirs) walk(r, index);
  };
  walk('', 0);
  const namesLen = recs.reduce((s, r) => s + r.name.length, 0);
  const dataLen = recs.reduce((s, r) => s + r.data.length, 0);
  const head = Buffer.from(HEAD, 'latin1');
  const out = Buffer.alloc(head.length + HEAD_FIELDS + recs.length * RECORD + namesLen + dataLen);
  head.copy(out, 0);
  let o = head.length;
  // tarBytes and restCrc: set by setPackTail once the archive is laid out.
  out.writeUInt32LE(0, o);
  out.writeUInt32LE(0, o + 4);
  out.writeUInt32LE(recs.length, o + 8);
  out.writeUInt32LE(namesLen, o + 12);
  out.writeUInt32LE(dataLen, o + 16);
  o += HEAD_FIELDS;
  for (const r of recs) {
    out.writeUInt32LE(r.parent, o);
    out[o + 4] = r.kind;
    out[o + 5] = r.name.length;
    out.writeUInt32LE(r.data.length, o + 8);
    out.writeUInt32LE(r.size, o + 12);
    o += RECORD;
  }
  for (const r of recs) o += r.name.copy(out, o);
  for (const r of recs) o += r.data.copy(out, o);
  return out;
}

/**
 * Record the length of the tar stream the pack heads and the CRC-32 of the tar entries after the
 * pack's member (see the format above).
 */
export function setPackTail(pack: Buffer, tarBytes: number, restCrc: number): void {
  pack.writeUInt32LE(tarBytes >>> 0, HEAD.length);
  pack.writeUInt32LE(restCrc >>> 0, HEAD.length + 4);
}

/** The version text of a pack in b[start, end) ("1", "2"), or undefined when it is not a pack. */
export function packVersion(b: Buffer, start: number, end: number): string | undefined {
  const magicEnd = start + MAGIC.length;
  if (end < magicEnd || b.toString('latin1', start, magicEnd) !== MAGIC) return undefined;
  const nl = b.indexOf(0x0a, magicEnd);
  if (nl < 0 || nl > magicEnd + 6 || nl >= end) return undefined;
  return b.toString('latin1', magicEnd, nl);
}

/** Why a pack of this version is not read. */
export function packVersionNote(version: string): string {
  return version === '1'
    ? 'its snapshot pack is of version 1, without a checksum tying it to the tar entries (an earlier vfiokit wrote it)'
    : `pack version ${JSON.stringify(version.slice(0, 8))} is not one this vfiokit reads`;
}

export interface PackLimits {
  /** Most bytes the tree may hold (sizes summed, trimmed zeros included). */
  unpackedBytes: number;
  /** Largest file. */
  memberBytes: number;
  /** Most entries. */
  entries: number;
}

/**
 * One entry as parsePack hands it over: `parent` is 0 for the root, else the 1-based index of a
 * directory entry before this one; data[start, end) is the file's kept bytes or the link's
 * target; `size` a file's full length (bytes from end - start on are zeros). The visitor returns
 * why it refuses the entry, or undefined.
 */
export type PackVisitor = (
  parent: number,
  kind: PackKind,
  name: string,
  start: number,
  end: number,
  size: number,
) => string | undefined;

export type PackResult =
  | { ok: true; tarBytes: number; restCrc: number; count: number }
  | { ok: false; why: string };

/**
 * Parse and check a pack held in b[start, end), handing each entry to `visit` in order (parents
 * first). Never throws: a pack that is not version 2, or breaks any rule of the format or the
 * limits, is refused with the reason (the reader then reads the tar entries instead).
 */
// long: one pass over the pack entries with every bound checked at the entry it applies to
export function parsePack(
  b: Buffer,
  start: number,
  end: number,
  limits: PackLimits,
  visit: PackVisitor,
): PackResult {
  const no = (why: string): PackResult => ({ ok: false, why });
  const magicEnd = start + MAGIC.length;
  if (end < magicEnd || b.toString('latin1', start, magicEnd) !== MAGIC) return no('not a snapshot pack');
  const version = packVersion(b, start, end);
  if (version === undefined) return no('damaged pack header');
  if (version !== String(PACK_VERSION)) return no(packVersionNote(version));
  let o = magicEnd + version.length + 1;
  if (o + HEAD_FIELDS > end) return no('damaged pack header');
  const tarBytes = b.readUInt32LE(o);
  const restCrc = b.readUInt32LE(o + 4);
  const count = b.readUInt32LE(o + 8);
  const namesLen = b.readUInt32LE(o + 12);
  const dataLen = b.readUInt32LE(o + 16);
  o += HEAD_FIELDS;
  if (count > limits.entries) return no(`pack of more than ${limits.entries} entries`);
  if (o + count * RECORD + namesLen + dataLen !== end) return no('pack sizes do not add up');
  let nameAt = o + count * RECORD;
  let dataAt = nameAt + namesLen;
  const namesEnd = dataAt;
  const kinds = new Uint8Array(count + 1);
  kinds[0] = PACK_DIR;
  let total = 0;
  for (let i = 0; i < count; i++, o += RECORD) {
    const parent = b.readUInt32LE(o);
    const kind = b[o + 4];
    const nameLen = b[o + 5];
    const dLen = b.readUInt32LE(o + 8);
    const size = b.readUInt32LE(o + 12);
    if (b[o + 6] !== 0 || b[o + 7] !== 0) return no(`pack entry ${i + 1}: damaged record`);
    if (kind !== PACK_FILE && kind !== PACK_DIR && kind !== PACK_LINK)
      return no(`pack entry ${i + 1}: unknown kind`);
    if (parent > i || kinds[parent] !== PACK_DIR)
      return no(`pack entry ${i + 1}: its parent is not a directory before it`);
    if (nameLen === 0 || nameAt + nameLen > namesEnd) return no(`pack entry ${i + 1}: damaged name`);
    let ascii = true;
    for (let k = nameAt; k < nameAt + nameLen; k++) {
      const c = b[k];
      if (c === 0x2f || c === 0) return no(`pack entry ${i + 1}: a name with "/" or NUL`);
      if (c > 0x7f) ascii = false;
    }
    // sysfs and procfs names are ASCII; latin1 decodes those the same, faster.
    const name = b.toString(ascii ? 'latin1' : 'utf8', nameAt, nameAt + nameLen);
    if (name === '.' || name === '..') return no(`pack entry ${i + 1}: the name "${name}"`);
    if (kind === PACK_DIR ? dLen !== 0 || size !== 0 : kind === PACK_LINK ? size !== dLen : size < dLen)
      return no(`pack entry ${i + 1}: sizes do not fit its kind`);
    if (size > limits.memberBytes) return no(`pack entry ${i + 1}: a file over ${limits.memberBytes} bytes`);
    total += size;
    if (total > limits.unpackedBytes) return no(`pack of more than ${limits.unpackedBytes} bytes`);
    if (dataAt + dLen > end) return no(`pack entry ${i + 1}: damaged data`);
    kinds[i + 1] = kind;
    const refused = visit(parent, kind as PackKind, name, dataAt, dataAt + dLen, size);
    if (refused) return no(refused);
    nameAt += nameLen;
    dataAt += dLen;
  }
  if (nameAt !== namesEnd || dataAt !== end) return no('pack sizes do not add up');
  return { ok: true, tarBytes, restCrc, count };
}

/** The FEXTRA subfield of the first gzip member that records its own compressed length. */
const SI1 = 0x76; // 'v'
const SI2 = 0x6b; // 'k'
const GZIP_FEXTRA = 4;

/**
 * A single gzip member (as zlib.gzipSync writes it: a 10-byte header without flags) with its own
 * compressed length recorded in an FEXTRA subfield: the archive's first member (see the layout
 * above). The trailer's CRC-32 and length cover the uncompressed data only, so they stay valid.
 */
export function recordMemberLength(gz: Buffer): Buffer {
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[3] !== 0)
    throw new Error('recordMemberLength: not a gzip member without header flags');
  const extra = Buffer.alloc(2 + 4 + 4);
  extra.writeUInt16LE(8, 0); // XLEN: one subfield of 4 + 4 bytes
  extra[2] = SI1;
  extra[3] = SI2;
  extra.writeUInt16LE(4, 4);
  extra.writeUInt32LE(gz.length + extra.length, 6);
  const head = Buffer.from(gz.subarray(0, 10));
  head[3] = GZIP_FEXTRA;
  return Buffer.concat([head, extra, gz.subarray(10)]);
}

/**
 * The compressed length of an archive's first gzip member as its header records it, when the
 * archive is laid out as above: the recorded length leaves room for a second member, which starts
 * right there (gzip's magic and deflate method) and ends with the file. Undefined otherwise (an
 * archive without a pack, from an earlier vfiokit, or compressed again by another tool).
 */
export function firstMemberLength(gz: Buffer): number | undefined {
  if (gz.length < 12 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8 || !(gz[3] & GZIP_FEXTRA))
    return undefined;
  const xlen = gz.readUInt16LE(10);
  const end = 12 + xlen;
  if (end > gz.length) return undefined;
  for (let o = 12; o + 4 <= end; ) {
    const len = gz.readUInt16LE(o + 2);
    if (gz[o] === SI1 && gz[o + 1] === SI2 && len === 4 && o + 8 <= end) {
      const n = gz.readUInt32LE(o + 4);
      // Room for the second member: a 10-byte header, some deflate data and an 8-byte trailer.
      if (n < end + 8 || n + 20 > gz.length) return undefined;
      if (gz[n] !== 0x1f || gz[n + 1] !== 0x8b || gz[n + 2] !== 8) return undefined;
      return n;
    }
    o += 4 + len;
  }
  return undefined;
}

/** The CRC-32 and length (modulo 2^32) an archive's last gzip member records: its last 8 bytes. */
export function lastMemberTrailer(gz: Buffer): { crc: number; size: number } | undefined {
  if (gz.length < 18) return undefined;
  return { crc: gz.readUInt32LE(gz.length - 8), size: gz.readUInt32LE(gz.length - 4) };
}
