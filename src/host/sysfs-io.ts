/**
 * The access layer's side of runtime binding: reading a PCI device's driver and driver_override,
 * and writing the kernel's binding files (a driver's `unbind`/`bind`, `driver_override`,
 * `/sys/bus/pci/drivers_probe`, `new_id`/`remove_id`). One small interface, so the binding engine
 * runs against a simulated sysfs in tests exactly as against the running kernel.
 *
 * Writes that can block run in a child process. A driver's remove() may wait for its users:
 * vfio-pci's unbind waits until whoever holds /dev/vfio/N closes it, first interruptibly and, once
 * the writer got a signal, uninterruptibly ("blocked until device is released",
 * drivers/vfio/vfio_main.c vfio_unregister_group_dev). A write made in vfiokit's own thread could
 * then never time out; a child can be given up on (SIGKILL) while vfiokit reports the device and
 * its holders. The kernel may still finish such a write later, which is why undo works from the
 * state it reads back, never from what it assumes happened.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errnoCode } from '../errors.js';

export const PCI_BUS = '/sys/bus/pci';

export interface SysfsWriteResult {
  ok: boolean;
  /** The errno name (ENODEV, EINVAL, EBUSY…) or the message of a failed write. */
  error?: string;
  /** The write did not return within the timeout; its process was killed. */
  timedOut?: boolean;
}

/** What a device looks like to binding: its driver (link basename) and driver_override. */
export interface DeviceBinding {
  /** null: no driver link. */
  driver: string | null;
  /** null: driver_override reads "(null)" (not set). */
  override: string | null;
}

export interface SysfsIo {
  /** True when this is the running kernel's /sys. */
  readonly live: boolean;
  /** The device's binding now; undefined when the device is not there. */
  binding(address: string): DeviceBinding | undefined;
  /** Whether a PCI driver is registered (/sys/bus/pci/drivers/NAME exists). */
  driverLoaded(name: string): boolean;
  /**
   * The state of a sysfs attribute: a file's text without its trailing newline, or the basename of
   * a link (a platform device's `driver`); null when absent.
   */
  attrState?(hostPath: string, read: 'text' | 'link'): string | null;
  /** Write a value to a sysfs file; a write that may block runs where it can be given up on. */
  write(
    hostPath: string,
    value: string,
    opts: { timeoutMs: number; mayBlock: boolean },
  ): Promise<SysfsWriteResult>;
}

/** sysfs prints an unset driver_override as "(null)" (drivers/pci/pci-sysfs.c, driver_override_show). */
export function parseOverride(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.replace(/\n$/, '');
  return t === '(null)' || t === '' ? null : t;
}

/** A PCI address as sysfs names it; anything else is refused before it reaches a path. */
const ADDRESS = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
export const isSysfsAddress = (a: string) => ADDRESS.test(a);

/** Largest value written: sysfs stores take at most a page (driver_set_override refuses more). */
const MAX_VALUE = 4095;

/** Binding files under a root directory: "/" for the running kernel. */
export class DirSysfsIo implements SysfsIo {
  readonly live: boolean;
  constructor(readonly dir = '/') {
    this.dir = path.resolve(dir);
    this.live = this.dir === '/';
  }

  private p(hostPath: string): string {
    if (!hostPath.startsWith('/sys/') || hostPath.split('/').some((c) => c === '..' || c === '.'))
      throw new Error(`not a sysfs path: ${JSON.stringify(hostPath)}`);
    return this.live ? hostPath : path.join(this.dir, hostPath);
  }

  binding(address: string): DeviceBinding | undefined {
    if (!isSysfsAddress(address)) return undefined;
    const dev = `${PCI_BUS}/devices/${address}`;
    if (!fs.existsSync(this.p(dev))) return undefined;
    let driver: string | null = null;
    try {
      driver = path.basename(fs.readlinkSync(this.p(`${dev}/driver`)));
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
    let override: string | null = null;
    try {
      const fd = fs.openSync(this.p(`${dev}/driver_override`), 'r');
      try {
        const buf = Buffer.alloc(4096);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        override = parseOverride(buf.subarray(0, n).toString('utf8'));
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
    return { driver, override };
  }

  driverLoaded(name: string): boolean {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return false;
    return fs.existsSync(this.p(`${PCI_BUS}/drivers/${name}`));
  }

  attrState(hostPath: string, read: 'text' | 'link'): string | null {
    try {
      if (read === 'link') return path.basename(fs.readlinkSync(this.p(hostPath)));
      const fd = fs.openSync(this.p(hostPath), 'r');
      try {
        const buf = Buffer.alloc(4096);
        const n = fs.readSync(fd, buf, 0, buf.length, 0);
        return buf.subarray(0, n).toString('utf8').replace(/\n$/, '');
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return null;
      throw e;
    }
  }

  async write(
    hostPath: string,
    value: string,
    opts: { timeoutMs: number; mayBlock: boolean },
  ): Promise<SysfsWriteResult> {
    const file = this.p(hostPath);
    if (value.length > MAX_VALUE) return { ok: false, error: 'EINVAL (value longer than a page)' };
    if (!opts.mayBlock) {
      try {
        // One write(2) of the whole value: a sysfs store sees exactly what one write hands it.
        const fd = fs.openSync(file, fs.constants.O_WRONLY);
        try {
          fs.writeSync(fd, value);
        } finally {
          fs.closeSync(fd);
        }
        return { ok: true };
      } catch (e) {
        return { ok: false, error: errnoCode(e) ?? (e as Error).message };
      }
    }
    return childWrite(file, value, opts.timeoutMs);
  }
}

/**
 * The write in a child: /bin/sh's printf built-in, one write(2), errors on stderr. A shell starts
 * in about a millisecond, where a second node would take tens (and seconds under emulation).
 */
function childWrite(file: string, value: string, timeoutMs: number): Promise<SysfsWriteResult> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    const child = spawn('/bin/sh', ['-c', 'printf "%s" "$1" > "$2"', 'vfiokit-sysfs', value, file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 4096) stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      child.stderr.destroy();
      // A child stuck in the kernel (D state) dies only when the write returns: do not wait for it.
      resolve({ ok: false, timedOut: true, error: `no answer after ${timeoutMs} ms` });
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `cannot start /bin/sh: ${errnoCode(e) ?? e.message}` });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (timedOut) return;
      if (status === 0) resolve({ ok: true });
      else resolve({ ok: false, error: shellError(stderr) });
    });
    // The timer must not keep vfiokit alive past its own exit when the child never returns.
    child.unref();
  });
}

/** dash: "vfiokit-sysfs: 1: printf: printf: No such device" → "No such device". */
function shellError(stderr: string): string {
  const line = stderr.trim().split('\n').pop() ?? '';
  const m = /:\s*([^:]+)$/.exec(line);
  return (m?.[1] ?? line).trim() || 'write failed';
}
