/**
 * Names from the pci.ids database (https://pci-ids.ucw.cz; Debian package `pci.ids`), parsed from
 * its text (host/pci-ids.ts finds and reads the file); unknown IDs and a missing file simply give
 * no name (callers show the IDs).
 *
 * Format: "vvvv  Vendor" lines, "\tdddd  Device" below a vendor, "\t\tssss ssss  Subsystem" below
 * a device; "C cc  Class", "\tss  Subclass", "\t\tpp  Prog-if" for classes.
 */
import type { PciDevice } from './types.js';

export interface PciIds {
  /** The file names came from, or undefined when none was found. */
  readonly source?: string;
  vendor(v: number): string | undefined;
  device(v: number, d: number): string | undefined;
  subsystem(v: number, d: number, sv: number, sd: number): string | undefined;
  /** Name of a 24-bit class code at subclass level (as lspci prints it), else the class name. */
  className(classCode: number): string | undefined;
  /** Name of the programming interface, e.g. "XHCI" for 0c0330. */
  progIfName(classCode: number): string | undefined;
}

const SEP = /^([0-9a-fA-F]{2,4})\s{2}(.*)$/;

/** A line found in the database: its name, and the block of lines indented below it. */
interface Block {
  name: string;
  /** First byte after the line. */
  start: number;
  /** First byte of the first line that is not indented below it. */
  end: number;
  /** Lookups below it, by key; null: not there. */
  below: Map<number, Block | null>;
  /** A vendor's device lines by device ID (where each starts), made on its first lookup. */
  lines?: Map<number, number>;
}

const byteIndexOf = Uint8Array.prototype.indexOf;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A lookup over the pci.ids bytes that decodes only what is asked for. Each name is found with a
 * byte search for its line ("\n10de  ", then "\n\t1b80  " within that vendor's block, then
 * "\n\t\t1043 8591  " within the device's), and only that line becomes a string; the blocks found
 * are remembered. The 1.3 MB file is never split into lines or decoded as a whole (as text it
 * would take twice its size: it has non-ASCII names), and the class section, a few KB at its end,
 * is parsed once when a class is asked for. IDs are looked up as the file writes them, in lower
 * case.
 */
export function parsePciIds(data: string | Uint8Array, source?: string): PciIds {
  const buf =
    typeof data === 'string'
      ? Buffer.from(data, 'utf8')
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const top: Block = { name: '', start: 0, end: buf.length, below: new Map() };
  let classes: Map<number, string> | undefined;

  const lineEnd = (pos: number) => {
    // The typed array's own indexOf: Buffer's validates its arguments through wrappers that
    // allocate on every call, and this runs once per line of a vendor's block.
    const i = byteIndexOf.call(buf, 0x0a, pos);
    return i < 0 ? buf.length : i;
  };
  /** Text of [a, b), without the \r of a CRLF line end. */
  const text = (a: number, b: number) => buf.toString('utf8', a, b > a && buf[b - 1] === 0x0d ? b - 1 : b);
  /**
   * The end of the block below the line ending at `from`: the first line that is neither blank, a
   * comment, nor indented by `depth` tabs.
   */
  const blockEnd = (from: number, limit: number, depth: number) => {
    let pos = from;
    while (pos < limit) {
      const c = buf[pos];
      const blank = c === 0x0a || (c === 0x0d && buf[pos + 1] === 0x0a);
      if (!blank && c !== 0x23 && !(c === 0x09 && (depth === 1 || buf[pos + 1] === 0x09))) return pos;
      pos = lineEnd(pos) + 1;
    }
    return limit;
  };
  /**
   * Where each device line of a vendor's block starts ("\tdddd  name"), by ID: one pass over the
   * block, so that looking up many IDs a large vendor (NVIDIA: 300 KB of lines) lacks costs one
   * pass, not one search of the block each. The first line of an ID wins, as a search would find.
   */
  const deviceLines = (ve: Block) => {
    if (ve.lines) return ve.lines;
    const lines = new Map<number, number>();
    for (let pos = ve.start; pos < ve.end; pos = lineEnd(pos) + 1) {
      if (buf[pos] !== 0x09 || buf[pos + 1] === 0x09 || buf[pos + 5] !== 0x20 || buf[pos + 6] !== 0x20)
        continue;
      const id = hex4At(buf, pos + 1);
      if (id >= 0 && !lines.has(id)) lines.set(id, pos);
    }
    ve.lines = lines;
    return lines;
  };
  /** The line `prefix` + "  " + name inside `parent`'s block, as a Block of `depth` + 1. */
  const find = (parent: Block, key: number, prefix: string, depth: number): Block | undefined => {
    const known = parent.below.get(key);
    if (known !== undefined) return known ?? undefined;
    const needle = `${prefix}  `;
    let at: number;
    if (depth === 0 && buf.subarray(0, needle.length).toString('latin1') === needle) at = 0;
    else if (depth === 1) at = deviceLines(parent).get(key) ?? -1;
    else {
      // Searched within the parent's block only: an ID missing from a vendor must not cost a
      // search of the rest of the file.
      const from = parent.start > 0 ? parent.start - 1 : 0;
      const i = buf.subarray(from, parent.end).indexOf(`\n${needle}`);
      at = i < 0 ? -1 : from + i + 1;
    }
    let found: Block | null = null;
    if (at >= 0) {
      const eol = lineEnd(at);
      const name = text(at + needle.length, eol);
      const start = Math.min(eol + 1, buf.length);
      found = {
        name: depth === 0 ? name.trim() : name,
        start,
        end: depth < 2 ? blockEnd(start, parent.end, depth + 1) : start,
        below: new Map(),
      };
    }
    parent.below.set(key, found);
    return found ?? undefined;
  };
  const vendor = (v: number) => find(top, v, hex(v, 4), 0);
  const device = (v: number, d: number) => {
    const ve = vendor(v);
    return ve && find(ve, d, `\t${hex(d, 4)}`, 1);
  };
  const classMap = () => {
    if (!classes) {
      // The section's first line, at the very start of the file too.
      const at = buf[0] === 0x43 && buf[1] === 0x20 ? 0 : buf.indexOf('\nC ');
      classes = at < 0 ? new Map() : parseClasses(`\n${buf.toString('utf8', at).replace(/\r\n/g, '\n')}`);
    }
    return classes;
  };

  return {
    source,
    vendor: (v) => vendor(v)?.name,
    device: (v, d) => device(v, d)?.name,
    subsystem: (v, d, sv, sd) => {
      const de = device(v, d);
      return de && find(de, ((sv << 16) | sd) >>> 0, `\t\t${hex(sv, 4)} ${hex(sd, 4)}`, 2)?.name;
    },
    className: (c) => classMap().get(key(c >> 16, (c >> 8) & 0xff)) ?? classMap().get(key(c >> 16)),
    progIfName: (c) => classMap().get(key(c >> 16, (c >> 8) & 0xff, c & 0xff)),
  };
}

/** The "C cc  Class" section: classes, subclasses and programming interfaces. */
function parseClasses(body: string): Map<number, string> {
  const classes = new Map<number, string>();
  const at = body.indexOf('\nC ');
  if (at < 0) return classes;
  let cls = -1;
  let sub = -1;
  for (const line of body.slice(at + 1).split('\n')) {
    if (!line || line[0] === '#') continue;
    if (line.startsWith('C ')) {
      const m = SEP.exec(line.slice(2));
      cls = m ? parseInt(m[1], 16) : -1;
      sub = -1;
      if (m) classes.set(key(cls), m[2]);
    } else if (line[0] !== '\t') {
      cls = -1; // another top-level section
    } else if (cls >= 0 && line[1] !== '\t') {
      const m = SEP.exec(line.slice(1));
      if (m) {
        sub = parseInt(m[1], 16);
        classes.set(key(cls, sub), m[2]);
      }
    } else if (cls >= 0 && sub >= 0) {
      const m = SEP.exec(line.slice(2));
      if (m) classes.set(key(cls, sub, parseInt(m[1], 16)), m[2]);
    }
  }
  return classes;
}

/** Distinct keys per level so that "class 03" and "class 03 sub 00" do not collide. */
function key(c: number, s?: number, p?: number): number {
  if (s === undefined) return 0x3000000 | c;
  if (p === undefined) return 0x2000000 | (c << 8) | s;
  return 0x1000000 | (c << 16) | (s << 8) | p;
}

/** Fill a device's names (only those the database knows). */
export function deviceNames(ids: PciIds, d: PciDevice): NonNullable<PciDevice['names']> {
  const names: NonNullable<PciDevice['names']> = {};
  const v = ids.vendor(d.vendorId);
  if (v) names.vendor = v;
  const dv = ids.device(d.vendorId, d.deviceId);
  if (dv) names.device = dv;
  if (d.subsystemVendorId !== undefined && d.subsystemDeviceId !== undefined) {
    const s =
      ids.subsystem(d.vendorId, d.deviceId, d.subsystemVendorId, d.subsystemDeviceId) ??
      (d.subsystemVendorId === d.vendorId && d.subsystemDeviceId === d.deviceId ? dv : undefined);
    if (s) names.subsystem = s;
  }
  const c = ids.className(d.classCode);
  if (c) names.class = c;
  return names;
}

/** The IDs a cut of the database keeps names for. */
export interface WantedId {
  vendorId: number;
  deviceId: number;
}

/**
 * pci.ids cut to the lines some devices' names need, fed in pieces as the file is read: their
 * vendors' lines, their device lines with the subsystem lines below them, and the class section
 * (a few KB). parsePciIds over the result answers every lookup of those vendors and devices (and
 * every class) as over the whole file; other vendors and devices are not in it. A command naming
 * the devices of one scan needs a few dozen lines of the 1.3 MB: read whole and kept, the file was
 * 1.3 MB of `vfiokit groups`' peak memory on 4,096 functions (host/pci-ids.ts loadPciIdsFor).
 */
export class PciIdsCut {
  private readonly want = new Map<number, Set<number>>();
  private out = new Uint8Array(16 * 1024);
  private used = 0;
  /** The unfinished last line of the pieces so far. */
  private tail: Uint8Array = new Uint8Array(0);
  /** The device IDs wanted of the vendor whose block this is. */
  private vendorWant: Set<number> | undefined;
  private vendorKept = false;
  private deviceKept = false;
  private inClasses = false;

  constructor(devices: Iterable<WantedId>) {
    for (const d of devices) {
      const set = this.want.get(d.vendorId);
      if (set) set.add(d.deviceId);
      else this.want.set(d.vendorId, new Set([d.deviceId]));
    }
    // A first line, so that a class section at the start is still found after a newline.
    this.keep(CUT_HEADER, 0, CUT_HEADER.length);
  }

  /** The next piece of the file (the bytes are not kept: the caller may reuse them). */
  push(piece: Uint8Array): void {
    let bytes = piece;
    let pos = 0;
    if (this.tail.length) {
      const nl = byteIndexOf.call(piece, 0x0a);
      if (nl < 0) {
        this.tail = concat(this.tail, piece);
        return;
      }
      bytes = concat(this.tail, piece.subarray(0, nl + 1));
      this.tail = new Uint8Array(0);
      this.line(bytes, 0, bytes.length - 1);
      bytes = piece;
      pos = nl + 1;
    }
    for (;;) {
      const nl = byteIndexOf.call(bytes, 0x0a, pos);
      if (nl < 0) break;
      this.line(bytes, pos, nl);
      pos = nl + 1;
    }
    if (pos < bytes.length) this.tail = bytes.slice(pos);
  }

  /** The cut: a pci.ids text for parsePciIds. */
  end(): Uint8Array {
    if (this.tail.length) this.line(this.tail, 0, this.tail.length);
    this.tail = new Uint8Array(0);
    return this.out.subarray(0, this.used);
  }

  /** One line, [a, b) without its newline, kept or dropped as the lookups need it. */
  private line(buf: Uint8Array, a: number, b: number): void {
    const c = buf[a];
    // Blank (CRLF blank too) and comment lines: the lookups skip them inside a block.
    if (b <= a || (c === 0x0d && b === a + 1) || c === 0x23) return;
    if (c === 0x09) {
      if (buf[a + 1] === 0x09) {
        // A subsystem line (or a class's programming interface).
        if (this.deviceKept || this.inClasses) this.keep(buf, a, b);
        return;
      }
      if (this.inClasses) this.keep(buf, a, b);
      else if (this.vendorKept) {
        // A device line: "\tdddd  name", as the lookups find them.
        const id = buf[a + 5] === 0x20 && buf[a + 6] === 0x20 ? hex4At(buf, a + 1) : -1;
        this.deviceKept = id >= 0 && this.vendorWant?.has(id) === true;
        if (this.deviceKept) this.keep(buf, a, b);
      }
      return;
    }
    this.deviceKept = false;
    this.inClasses = c === 0x43 && buf[a + 1] === 0x20; // "C cc  Class"
    const id = !this.inClasses && buf[a + 4] === 0x20 && buf[a + 5] === 0x20 ? hex4At(buf, a) : -1;
    this.vendorWant = id >= 0 ? this.want.get(id) : undefined;
    this.vendorKept = this.vendorWant !== undefined;
    if (this.vendorKept || this.inClasses) this.keep(buf, a, b);
  }

  /** Appends [a, b) and a newline to the cut. */
  private keep(buf: Uint8Array, a: number, b: number): void {
    const n = b - a + 1;
    if (this.used + n > this.out.length) {
      const grown = new Uint8Array(Math.max(this.out.length * 2, this.used + n));
      grown.set(this.out.subarray(0, this.used));
      this.out = grown;
    }
    this.out.set(buf.subarray(a, b), this.used);
    this.out[this.used + n - 1] = 0x0a;
    this.used += n;
  }
}

const CUT_HEADER = new TextEncoder().encode('# pci.ids cut to the devices of one scan');

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Four hex digits at `pos` as a number, or -1. */
function hex4At(buf: Uint8Array, pos: number): number {
  if (pos + 4 > buf.length) return -1;
  let n = 0;
  for (let i = pos; i < pos + 4; i++) {
    const c = buf[i] | 0x20;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (d < 0) return -1;
    n = (n << 4) | d;
  }
  return n;
}
