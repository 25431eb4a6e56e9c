/**
 * Host and guest files the IGD commands read, through the HostRoot and bounded:
 * - the fw_cfg files QEMU gives a guest, by name, from the qemu_fw_cfg module's sysfs tree
 *   (drivers/firmware/qemu_fw_cfg.c: /sys/firmware/qemu_fw_cfg/by_name/<name>/raw and size);
 * - i915's copy of the OpRegion in debugfs (/sys/kernel/debug/dri/N/i915_opregion, root only);
 * - the firmware memory map the kernel was booted with (/sys/firmware/memmap/N/{start,end,type},
 *   drivers/firmware/memmap.c), and /proc/ioports.
 */
import * as fs from 'node:fs';
import { errnoCode } from '../errors.js';
import type { HostRoot } from './root.js';

export const FW_CFG_BY_NAME = '/sys/firmware/qemu_fw_cfg/by_name';

/** An OpRegion with an extended VBT is 8 KiB plus the VBT: 64 KiB is ample, a larger file is not one. */
export const MAX_OPREGION_BYTES = 1024 * 1024;

export type FileRead =
  | { state: 'read'; path: string; bytes: Uint8Array; truncated: boolean }
  | { state: 'missing'; path: string }
  | { state: 'unreadable'; path: string; reason: string };

export function readBounded(root: HostRoot, path: string, max: number): FileRead {
  try {
    const bytes = root.readBytes(path, max + 1);
    if (bytes === undefined) return { state: 'missing', path };
    return bytes.length > max
      ? { state: 'read', path, bytes: bytes.subarray(0, max), truncated: true }
      : { state: 'read', path, bytes, truncated: false };
  } catch (e) {
    return { state: 'unreadable', path, reason: `${errnoCode(e) ?? 'error'}: ${(e as Error).message}` };
  }
}

export function readFwCfg(root: HostRoot, name: string, max: number): FileRead & { dir: string } {
  const dir = `${FW_CFG_BY_NAME}/${name}`;
  return { ...readBounded(root, `${dir}/raw`, max), dir };
}

/** Whether the fw_cfg sysfs tree is there at all (the qemu_fw_cfg module loaded, a QEMU guest). */
export function fwCfgPresent(root: HostRoot): boolean {
  return root.isDir(FW_CFG_BY_NAME);
}

/** i915's debugfs OpRegion files, one per DRM minor that has one. */
export function i915OpRegionPaths(root: HostRoot): string[] {
  let minors: string[] = [];
  try {
    minors = root.list('/sys/kernel/debug/dri');
  } catch {
    return [];
  }
  return minors
    .filter((m) => /^\d+$/.test(m))
    .map((m) => `/sys/kernel/debug/dri/${m}/i915_opregion`)
    .filter((p) => root.exists(p));
}

/** The DRM minor's PCI device, from debugfs "name" ("i915 dev=0000:00:02.0 unique=..."). */
export function debugfsDevice(root: HostRoot, opregionPath: string): string | undefined {
  const dir = opregionPath.slice(0, opregionPath.lastIndexOf('/'));
  try {
    const t = root.readText(`${dir}/name`, 4096);
    return t ? /dev=([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/.exec(t)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

export interface MemmapEntry {
  start: bigint;
  end: bigint;
  type: string;
}

/** /sys/firmware/memmap; undefined when absent or unreadable (CONFIG_FIRMWARE_MEMMAP off). */
export function readFirmwareMemmap(root: HostRoot): MemmapEntry[] | undefined {
  let names: string[];
  try {
    if (!root.isDir('/sys/firmware/memmap')) return undefined;
    names = root.list('/sys/firmware/memmap');
  } catch {
    return undefined;
  }
  const out: MemmapEntry[] = [];
  for (const n of names.filter((x) => /^\d+$/.test(x)).slice(0, 4096)) {
    try {
      const s = root.readAttr(`/sys/firmware/memmap/${n}/start`);
      const e = root.readAttr(`/sys/firmware/memmap/${n}/end`);
      const t = root.readAttr(`/sys/firmware/memmap/${n}/type`);
      if (!s || !e || t === undefined || !/^0x[0-9a-f]+$/i.test(s) || !/^0x[0-9a-f]+$/i.test(e)) continue;
      out.push({ start: BigInt(s), end: BigInt(e), type: t });
    } catch {
      // one unreadable entry leaves the others
    }
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * Physical memory through /dev/mem (live host, root only, the caller asked for it). Bounded to
 * `length` bytes at `address`; CONFIG_STRICT_DEVMEM lets root read reserved firmware memory such
 * as the OpRegion but not RAM a driver owns, so EPERM here is the kernel's answer, not a bug.
 */
export function readPhysicalMemory(address: bigint, length: number): Uint8Array {
  const fd = fs.openSync('/dev/mem', fs.constants.O_RDONLY);
  try {
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(fd, buf, done, length - done, address + BigInt(done));
      if (n <= 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}
