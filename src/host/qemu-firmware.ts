/**
 * QEMU's firmware descriptors as installed on the machine that will run the VM (QEMU
 * docs/interop/firmware.json, "Search paths"): /usr/share/qemu/firmware, then /etc/qemu/firmware,
 * where a file of the same name overrides the distribution's and an empty one hides it. These are
 * files of the machine running vfiokit, not of a --root snapshot (a snapshot holds sysfs, not
 * /usr/share), so they are read from the file system directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FirmwareDescriptor, parseFirmwareDescriptor } from '../system/qemu-firmware.js';

export const FIRMWARE_DIRS = ['/usr/share/qemu/firmware', '/etc/qemu/firmware'];

/** A descriptor is a few hundred bytes; anything far larger is not one. */
const MAX_DESCRIPTOR = 64 * 1024;
const MAX_FILES = 256;

export interface FirmwareScan {
  descriptors: FirmwareDescriptor[];
  /** Files that could not be used, each with the reason. */
  skipped: string[];
  searched: string[];
}

export function readFirmwareDescriptors(dirs: readonly string[] = FIRMWARE_DIRS): FirmwareScan {
  const byName = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
    } catch {
      continue;
    }
    for (const n of names.slice(0, MAX_FILES)) byName.set(n, path.join(dir, n));
  }
  const descriptors: FirmwareDescriptor[] = [];
  const skipped: string[] = [];
  for (const name of [...byName.keys()].sort()) {
    const file = byName.get(name) as string;
    let text: string;
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_DESCRIPTOR) {
        skipped.push(`${file}: not a descriptor file`);
        continue;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      skipped.push(`${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      continue;
    }
    // An empty file in /etc hides the distribution's descriptor of that name (firmware.json).
    if (!text.trim()) continue;
    const d = parseFirmwareDescriptor(text, file);
    if (typeof d === 'string') skipped.push(`${file}: ${d}`);
    else descriptors.push(d);
  }
  return { descriptors, skipped, searched: [...dirs] };
}
