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
 * Format (little-endian), version 1:
 *   "vfiokit.pack/1\n"
 *   u32 tarBytes   length of the whole uncompressed tar stream the pack heads (its end marker
 *                  included): the gzip trailer's ISIZE must match, so an archive cut short or
 *                  appended to after the pack is read in full instead
 *   u32 count      entries below the snapshot's root
 *   u32 namesLen, u32 dataLen
 *   count records of 16 bytes: u32 parent (0 = the root, else the 1-based index of an earlier
 *     directory record), u8 kind (0 file, 1 directory, 2 symlink), u8 nameLen, u16 zero,
 *     u32 dataLen (file bytes kept, or the link's target text), u32 size (a file's length: the
 *     bytes past dataLen are zeros, trimmed when packed; otherwise equal to dataLen)
 *   names (namesLen bytes, in record order), data (dataLen bytes, in record order)
 *
 * Confinement is by construction: an entry is a name (never "", ".", "..", never with "/" or
 * NUL) below an earlier directory, so no entry names a path outside the snapshot; link targets
 * are text, resolved by the reader as tar's are (inside the snapshot only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The archive member holding the pack; it is the first member, and not part of the tree. */
export const PACK_MEMBER = '.vfiokit-pack';
export const PACK_VERSION = 1;
const MAGIC = 'vfiokit.pack/';
const HEAD = `${MAGIC}${PACK_VERSION}\n`;
const RECORD = 16;

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
  const out = Buffer.alloc(head.length + 16 + recs.length * RECORD + namesLen + dataLen);
  head.copy(out, 0);
  let o = head.length;
  out.writeUInt32LE(0, o); // tarBytes: set by setPackTarBytes once the archive is laid out
  out.writeUInt32LE(recs.length, o + 4);
  out.writeUInt32LE(namesLen, o + 8);
  out.writeUInt32LE(dataLen, o + 12);
  o += 16;
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

/** Record the length of the tar stream the pack heads (see the format above). */
export function setPackTarBytes(pack: Buffer, tarBytes: number): void {
  pack.writeUInt32LE(tarBytes >>> 0, HEAD.length);
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

export type PackResult = { ok: true; tarBytes: number; count: number } | { ok: false; why: string };

/**
 * Parse and check a pack held in b[start, end), handing each entry to `visit` in order (parents
 * first). Never throws: a pack that is not version 1, or breaks any rule of the format or the
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
  const nl = b.indexOf(0x0a, magicEnd);
  if (nl < 0 || nl > magicEnd + 6 || nl >= end) return no('damaged pack header');
  const version = b.toString('latin1', magicEnd, nl);
  if (version !== String(PACK_VERSION))
    return no(`pack version ${JSON.stringify(version)} is not one this vfiokit reads`);
  let o = nl + 1;
  if (o + 16 > end) return no('damaged pack header');
  const tarBytes = b.readUInt32LE(o);
  const count = b.readUInt32LE(o + 4);
  const namesLen = b.readUInt32LE(o + 8);
  const dataLen = b.readUInt32LE(o + 12);
  o += 16;
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
  return { ok: true, tarBytes, count };
}
