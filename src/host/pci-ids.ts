/**
 * Finds and reads the pci.ids database. The file is read from the machine running vfiokit, never
 * from a --root snapshot (a snapshot's names would be as old as the snapshot's distribution), and
 * only when a command prints names.
 */
import * as fs from 'node:fs';
import { type PciIds, PciIdsCut, parsePciIds, type WantedId } from '../pci/ids.js';

export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids'];

let cached: PciIds | undefined;

/** Where the database is looked for, in order: VFIOKIT_PCI_IDS alone when set. */
function candidates(): string[] {
  const env = process.env.VFIOKIT_PCI_IDS;
  return env ? [env] : PCI_IDS_PATHS;
}

/** The names database, read once per process; VFIOKIT_PCI_IDS names a file (or "none"). */
export function loadPciIds(): PciIds {
  if (cached) return cached;
  for (const p of candidates()) {
    let bytes: Uint8Array;
    try {
      // Bytes, not text: the lookups decode only the lines they find (pci/ids.ts).
      bytes = fs.readFileSync(p);
    } catch {
      continue;
    }
    cached = parsePciIds(bytes, p);
    return cached;
  }
  cached = parsePciIds('');
  return cached;
}

/** How much of the file a cut reads at a time. */
const PIECE = 64 * 1024;

/**
 * The names these devices need (and every class's), read from the same file loadPciIds would
 * read, a piece at a time: the whole file is never held (pci/ids.ts PciIdsCut). Lookups of other
 * vendors and devices find nothing, so this is for commands that name the devices of a scan.
 */
export function loadPciIdsFor(devices: Iterable<WantedId>): PciIds {
  if (cached) return cached;
  for (const p of candidates()) {
    let fd: number;
    try {
      fd = fs.openSync(p, 'r');
    } catch {
      continue;
    }
    try {
      const cut = new PciIdsCut(devices);
      const piece = new Uint8Array(PIECE);
      for (;;) {
        const n = fs.readSync(fd, piece, 0, PIECE, null);
        if (n <= 0) break;
        cut.push(piece.subarray(0, n));
      }
      return parsePciIds(cut.end(), p);
    } catch {
      // Unreadable after all (a directory, EIO): the next place, as loadPciIds does.
    } finally {
      fs.closeSync(fd);
    }
  }
  return parsePciIds('');
}
