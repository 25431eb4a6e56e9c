/**
 * Names from the pci.ids database (https://pci-ids.ucw.cz; Debian package `pci.ids`). The file is
 * read from the machine running vfiokit, never from a --root snapshot, and only when a command
 * prints names; unknown IDs and a missing file simply give no name (callers show the IDs).
 *
 * Format: "vvvv  Vendor" lines, "\tdddd  Device" below a vendor, "\t\tssss ssss  Subsystem" below
 * a device; "C cc  Class", "\tss  Subclass", "\t\tpp  Prog-if" for classes.
 */
import * as fs from 'node:fs';
import type { PciDevice } from './types.js';

export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids'];

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

export function parsePciIds(text: string, source?: string): PciIds {
  const vendors = new Map<number, VendorEntry>();
  const classes = new Map<number, string>(); // key: class<<16 | sub<<8 | prog, with level markers
  let vendor: VendorEntry | undefined;
  let device: { name: string; subsystems: Map<number, string> } | undefined;
  let inClass = false;
  let cls = -1;
  let sub = -1;
  for (const raw of text.split('\n')) {
    if (!raw || raw[0] === '#') continue;
    const line = raw.replace(/\r$/, '');
    if (line[0] !== '\t') {
      device = undefined;
      vendor = undefined;
      if (line.startsWith('C ')) {
        const m = SEP.exec(line.slice(2));
        inClass = Boolean(m);
        if (m) {
          cls = parseInt(m[1], 16);
          sub = -1;
          classes.set(key(cls), m[2]);
        }
        continue;
      }
      inClass = false;
      const m = SEP.exec(line);
      // Lines such as "ffff  Illegal Vendor ID" are IDs; other top-level sections (e.g. "C", and
      // any future section letter) are skipped.
      if (m && m[1].length === 4) {
        vendor = { name: m[2], devices: new Map() };
        vendors.set(parseInt(m[1], 16), vendor);
      }
      continue;
    }
    if (line[1] !== '\t') {
      const m = SEP.exec(line.slice(1));
      if (!m) continue;
      if (inClass) {
        sub = parseInt(m[1], 16);
        classes.set(key(cls, sub), m[2]);
      } else if (vendor) {
        device = { name: m[2], subsystems: new Map() };
        vendor.devices.set(parseInt(m[1], 16), device);
      }
      continue;
    }
    const body = line.slice(2);
    if (inClass) {
      const m = SEP.exec(body);
      if (m && sub >= 0) classes.set(key(cls, sub, parseInt(m[1], 16)), m[2]);
    } else if (device) {
      const m = SUB.exec(body);
      if (m) device.subsystems.set((parseInt(m[1], 16) << 16) | parseInt(m[2], 16), m[3]);
    }
  }
  return {
    source,
    vendor: (v) => vendors.get(v)?.name,
    device: (v, d) => vendors.get(v)?.devices.get(d)?.name,
    subsystem: (v, d, sv, sd) =>
      vendors
        .get(v)
        ?.devices.get(d)
        ?.subsystems.get(((sv << 16) | sd) >>> 0),
    className: (c) => classes.get(key(c >> 16, (c >> 8) & 0xff)) ?? classes.get(key(c >> 16)),
    progIfName: (c) => classes.get(key(c >> 16, (c >> 8) & 0xff, c & 0xff)),
  };
}

/** Distinct keys per level so that "class 03" and "class 03 sub 00" do not collide. */
function key(c: number, s?: number, p?: number): number {
  if (s === undefined) return 0x3000000 | c;
  if (p === undefined) return 0x2000000 | (c << 8) | s;
  return 0x1000000 | (c << 16) | (s << 8) | p;
}

let cached: PciIds | undefined;

/** The names database, read once per process; VFIOKIT_PCI_IDS names a file (or "none"). */
export function loadPciIds(): PciIds {
  if (cached) return cached;
  const env = process.env.VFIOKIT_PCI_IDS;
  const paths = env ? [env] : PCI_IDS_PATHS;
  for (const p of paths) {
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    cached = parsePciIds(text, p);
    return cached;
  }
  cached = parsePciIds('');
  return cached;
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
