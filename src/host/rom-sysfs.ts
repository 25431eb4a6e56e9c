/**
 * Reading a device's expansion ROM through sysfs: `echo 1 > rom; cat rom; echo 0 > rom`
 * (Documentation/ABI/testing/sysfs-bus-pci, "rom"). This is the one module of the ROM toolkit
 * that writes to the host, and the ROM BAR is disabled again on every exit path: normal return,
 * a thrown error, and SIGINT/SIGTERM/SIGHUP while the read is in progress.
 *
 * Kernel behaviour (drivers/pci/pci-sysfs.c pci_read_rom, drivers/pci/rom.c): reading before the
 * enable write fails with EINVAL; the file's size is the ROM BAR size, not the image size; the
 * read fails with EIO when the kernel cannot map the ROM or finds no 55 AA at its start, which is
 * what a GPU initialised by a host driver, or the boot GPU whose ROM the firmware shadowed,
 * usually shows.
 */
import * as fs from 'node:fs';
import { EnvironmentError, errnoCode } from '../errors.js';
import type { HostRoot } from './root.js';

export interface RomBarAccess {
  /** Host path of the rom attribute, for messages. */
  readonly hostPath: string;
  /** Whether enable/disable really write (false for a snapshot directory given with --root). */
  readonly writes: boolean;
  enable(): void;
  disable(): void;
  /** Size the kernel reports for the attribute (the ROM BAR size), if known. */
  barSize(): number | undefined;
  read(): Promise<Uint8Array>;
}

const CHUNK = 64 * 1024;
/** ROM BARs are at most 16 MiB on hardware seen so far; the cap keeps a broken file bounded. */
const MAX_ROM = 64 * 1024 * 1024;

export function sysfsRomAccess(root: HostRoot, bdf: string): RomBarAccess {
  const devDir = `/sys/bus/pci/devices/${bdf}`;
  if (!root.isDir(devDir)) {
    throw new EnvironmentError(`no PCI device ${bdf} under ${root.resolve('/sys/bus/pci/devices')}`, {
      hint: 'list devices with `lspci -D` or `vfiokit devices`',
      code: 'rom.no-device',
    });
  }
  const hostPath = `${devDir}/rom`;
  if (!root.exists(hostPath)) {
    throw new EnvironmentError(`${bdf} has no expansion ROM BAR (no ${hostPath})`, {
      hint: 'the device exposes no option ROM; a GPU ROM may only be available as a file from the vendor',
      code: 'rom.no-rom-bar',
    });
  }
  const file = root.resolve(hostPath);
  // A snapshot directory holds a copy of what was read; writing "1" to it would destroy it.
  const writes = root.live;
  const write = (value: string) => {
    try {
      fs.writeFileSync(file, value);
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'EACCES' || code === 'EPERM') {
        throw new EnvironmentError(`permission denied writing ${value.trim()} to ${hostPath}`, {
          hint: 'reading a ROM through sysfs needs root: run with sudo',
          code: 'host.permission',
          cause: e,
        });
      }
      throw new EnvironmentError(`cannot write ${value.trim()} to ${hostPath}: ${code ?? String(e)}`, {
        code: 'host.io',
        cause: e,
      });
    }
  };
  return {
    hostPath,
    writes,
    // Exactly what `echo 1 > rom` / `echo 0 > rom` write, newline included: kernels before the
    // kstrtobool rewrite of pci-sysfs.c's rom_write disable only on "0" with count == 2 and
    // treat a bare "0" as enable.
    enable: () => {
      if (writes) write('1\n');
    },
    disable: () => {
      if (writes) write('0\n');
    },
    barSize: () => {
      if (!root.live) return root.fileSize?.(hostPath);
      try {
        return fs.statSync(file).size;
      } catch {
        return undefined;
      }
    },
    read: async () => {
      // A snapshot's copy is read through the root, which keeps the read inside the snapshot
      // (its `rom` may be a link leading out, or a FIFO) and bounded.
      if (!root.live) {
        const bytes = root.readBytes(hostPath, MAX_ROM + 1);
        if (bytes === undefined) throw Object.assign(new Error(`${hostPath}: ENOENT`), { code: 'ENOENT' });
        return bytes;
      }
      const fh = await fs.promises.open(file, 'r');
      try {
        const parts: Buffer[] = [];
        let total = 0;
        for (;;) {
          const buf = Buffer.alloc(CHUNK);
          const { bytesRead } = await fh.read(buf, 0, CHUNK, total);
          if (bytesRead === 0) break;
          parts.push(buf.subarray(0, bytesRead));
          total += bytesRead;
          if (total > MAX_ROM) break;
        }
        return new Uint8Array(Buffer.concat(parts, total));
      } finally {
        await fh.close();
      }
    },
  };
}

const EXPLAIN =
  'a host driver has probably initialised the device (GPU drivers hide or shadow the ROM), or it is the boot GPU whose ROM the firmware shadowed: keep host drivers away (pci-stub.ids= or vfio-pci.ids= on the kernel command line, or bind vfio-pci early in the initramfs) and read the ROM before any driver binds, e.g. after a cold boot';

function explainReadError(bdf: string, hostPath: string, e: unknown): EnvironmentError {
  const code = errnoCode(e);
  if (code === 'EIO') {
    return new EnvironmentError(
      `reading ${hostPath} failed with EIO: the kernel found no readable ROM on ${bdf}`,
      {
        hint: EXPLAIN,
        code: 'rom.eio',
        cause: e,
      },
    );
  }
  if (code === 'EINVAL') {
    return new EnvironmentError(`reading ${hostPath} failed with EINVAL: the ROM BAR is not enabled`, {
      hint: 'the kernel needs "1" written to the rom file first; run as root',
      code: 'rom.not-enabled',
      cause: e,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EnvironmentError(`permission denied reading ${hostPath}`, {
      hint: 'run as root (sudo)',
      code: 'host.permission',
      cause: e,
    });
  }
  return new EnvironmentError(`reading ${hostPath} failed: ${code ?? String(e)}`, {
    code: 'host.io',
    cause: e,
  });
}

const SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

export interface DumpResult {
  bytes: Uint8Array;
  barSize?: number;
  /** False when the root is a snapshot and the enable/disable writes were skipped. */
  toggled: boolean;
}

/**
 * Enable the ROM BAR, read it, disable it. The disable runs in `finally` and from signal handlers
 * installed for the duration of the read (the read is asynchronous, in chunks, so a signal is
 * handled between chunks rather than after the whole BAR).
 */
export async function dumpRomBar(access: RomBarAccess, bdf: string): Promise<DumpResult> {
  let enabled = false;
  const disable = () => {
    if (!enabled) return;
    enabled = false;
    access.disable();
  };
  const handlers = SIGNALS.map(([sig, no]) => {
    const h = () => {
      try {
        disable();
      } finally {
        process.exit(128 + no);
      }
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  const onExit = () => {
    try {
      disable();
    } catch {
      // process is exiting; nothing left to report to
    }
  };
  process.on('exit', onExit);
  try {
    enabled = true;
    try {
      access.enable();
    } catch (e) {
      enabled = false;
      throw e;
    }
    let bytes: Uint8Array;
    try {
      bytes = await access.read();
    } catch (e) {
      if (e instanceof EnvironmentError) throw e;
      throw explainReadError(bdf, access.hostPath, e);
    }
    if (bytes.length === 0) {
      throw new EnvironmentError(`reading ${access.hostPath} returned 0 bytes: ${bdf} shows no ROM`, {
        hint: EXPLAIN,
        code: 'rom.empty-read',
      });
    }
    return { bytes, barSize: access.barSize(), toggled: access.writes };
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
    process.off('exit', onExit);
    disable();
  }
}
