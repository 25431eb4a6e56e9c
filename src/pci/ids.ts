/**
 * Names from the pci.ids database (https://pci-ids.ucw.cz; Debian package `pci.ids`), parsed from
 * its text (host/pci-ids.ts finds and reads the file); unknown IDs and a missing file simply give
 * no name (callers show the IDs).
 *
 * Format: "vvvv  Vendor" lines, "\tdddd  Device" below a vendor, "\t\tssss ssss  Subsystem" below
 * a device; "C cc  Class", "\tss  Subclass", "\t\tpp  Prog-if" for classes.
 */
import type { PciDevice } from './types.js';

interface VendorEntry {
  name: string;
  devices: Map<number, { name: string; subsystems: Map<number, string> }>;
}

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
const SUB = /^([0-9a-fA-F]{4}) ([0-9a-fA-F]{4})\s{2}(.*)$/;

/**
 * A lookup over the pci.ids text that parses only what is asked for: one vendor's block the
 * first time that vendor is looked up (found with a plain string search for its line), and the
 * class section once. A command naming a few dozen devices never splits the whole 1.3 MB file.
 */
export function parsePciIds(text: string, source?: string): PciIds {
  const body = `\n${text.replace(/\r\n/g, '\n')}`;
  const vendors = new Map<number, VendorEntry | null>();
  let classes: Map<number, string> | undefined;

  const vendorEntry = (v: number): VendorEntry | undefined => {
    const cached = vendors.get(v);
    if (cached !== undefined) return cached ?? undefined;
    const at = body.indexOf(`\n${v.toString(16).padStart(4, '0')}  `);
    const entry = at < 0 ? null : parseVendorBlock(body, at + 1);
    vendors.set(v, entry);
    return entry ?? undefined;
  };
  const classMap = () => {
    classes ??= parseClasses(body);
    return classes;
  };

  return {
    source,
    vendor: (v) => vendorEntry(v)?.name,
    device: (v, d) => vendorEntry(v)?.devices.get(d)?.name,
    subsystem: (v, d, sv, sd) =>
      vendorEntry(v)
        ?.devices.get(d)
        ?.subsystems.get(((sv << 16) | sd) >>> 0),
    className: (c) => classMap().get(key(c >> 16, (c >> 8) & 0xff)) ?? classMap().get(key(c >> 16)),
    progIfName: (c) => classMap().get(key(c >> 16, (c >> 8) & 0xff, c & 0xff)),
  };
}

/** The vendor line at `start` and its tab-indented device and subsystem lines. */
function parseVendorBlock(body: string, start: number): VendorEntry {
  let end = body.indexOf('\n', start);
  if (end < 0) end = body.length;
  const entry: VendorEntry = { name: body.slice(start + 6, end).trim(), devices: new Map() };
  let device: { name: string; subsystems: Map<number, string> } | undefined;
  let pos = end + 1;
  while (pos < body.length) {
    let next = body.indexOf('\n', pos);
    if (next < 0) next = body.length;
    const line = body.slice(pos, next);
    pos = next + 1;
    if (!line || line[0] === '#') continue;
    if (line[0] !== '\t') break;
    if (line[1] !== '\t') {
      const m = SEP.exec(line.slice(1));
      if (m && m[1].length === 4) {
        device = { name: m[2], subsystems: new Map() };
        entry.devices.set(parseInt(m[1], 16), device);
      }
    } else if (device) {
      const m = SUB.exec(line.slice(2));
      if (m) device.subsystems.set(((parseInt(m[1], 16) << 16) | parseInt(m[2], 16)) >>> 0, m[3]);
    }
  }
  return entry;
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
