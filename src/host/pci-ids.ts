/**
 * Finds and reads the pci.ids database. The file is read from the machine running vfiokit, never
 * from a --root snapshot (a snapshot's names would be as old as the snapshot's distribution), and
 * only when a command prints names.
 */
import * as fs from 'node:fs';
import { type PciIds, parsePciIds } from '../pci/ids.js';

export const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids'];

let cached: PciIds | undefined;

/** The names database, read once per process; VFIOKIT_PCI_IDS names a file (or "none"). */
export function loadPciIds(): PciIds {
  if (cached) return cached;
  const env = process.env.VFIOKIT_PCI_IDS;
  const paths = env ? [env] : PCI_IDS_PATHS;
  for (const p of paths) {
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
