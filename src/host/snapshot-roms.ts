/**
 * `vfiokit snapshot --roms` / `--rom BDF`: option ROMs in a snapshot, so doctor's UEFI check and
 * `rom parse` work on it and a bug report carries the VBIOS. Opt-in, because reading a ROM is the
 * one thing a snapshot writes to the host: the ROM toolkit's sysfs reader enables the ROM BAR for
 * the read and disables it on every exit path (rom-sysfs.ts). From a snapshot source, the
 * source's own copy is read and nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VfiokitError } from '../errors.js';
import { dumpRomBar, sysfsRomAccess } from './rom-sysfs.js';
import type { HostRoot } from './root.js';

export interface RomCapture {
  device: string;
  /** Bytes written into the snapshot's rom file. */
  bytes?: number;
  /** Why nothing was captured (EIO from a shadowed or initialised ROM, no ROM BAR, …). */
  error?: string;
}

/** Display controllers with a ROM BAR: what `--roms` reads. */
export function displayRomDevices(src: HostRoot): string[] {
  return src.list('/sys/bus/pci/devices').filter((bdf) => {
    const cls = src.readAttr(`/sys/bus/pci/devices/${bdf}/class`);
    return cls !== undefined && /^0x03/.test(cls) && src.exists(`/sys/bus/pci/devices/${bdf}/rom`);
  });
}

/** Reads each device's ROM from `src` into the snapshot tree at `outDir`. */
export async function captureRoms(src: HostRoot, outDir: string, devices: string[]): Promise<RomCapture[]> {
  const out: RomCapture[] = [];
  for (const device of devices) {
    try {
      const real = src.realPath(`/sys/bus/pci/devices/${device}`);
      if (!real) throw new VfiokitError(`no PCI device ${device}`, { code: 'rom.no-device' });
      const { bytes } = await dumpRomBar(sysfsRomAccess(src, device), device);
      const file = path.join(outDir, real, 'rom');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      out.push({ device, bytes: bytes.length });
    } catch (e) {
      if (!(e instanceof VfiokitError)) throw e;
      out.push({ device, error: e.message });
    }
  }
  return out;
}
