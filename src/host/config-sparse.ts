/**
 * Config space read in the parts a scan decodes, for a real sysfs. The kernel serves a read of
 * `config` one register at a time (drivers/pci/pci-sysfs.c pci_read_config: a
 * pci_user_read_config_dword per aligned dword), and each is a configuration cycle on the bus, or a
 * trap to the hypervisor in a VM: reading the whole 4 KiB extended space of a PCIe function costs
 * 1,024 of them, where a scan needs the standard space, the extended capability headers and the
 * registers of two of them. On the machine the project is developed on (a VM) one function's
 * 4,096 bytes took 19.8 ms, 256 bytes 2.2 ms and 64 bytes 0.6 ms.
 *
 * What is read: the 256 bytes of the standard space (the header, the capability list, and the
 * registers the IGD check and the ACS quirks read there), then the extended list from 0x100 as the
 * decoder walks it (pci/capability-list.ts: a zero or all-ones header ends it, a pointer below
 * 0x100 ends it, and it is bounded), each header with one 4-byte read, plus the ACS capability's
 * registers (with the dword layout some Intel ports use, which the quirk reads at +8) and the
 * SR-IOV capability's (NumVFs, offset, stride, VF Device ID). Every other byte of the extended
 * space is left zero: the result decodes to the same capability list, PCIe, ACS and SR-IOV facts
 * as a whole read, but not to the same registers of other capabilities, so only scans that decode
 * none (ScanOptions.details false, or a grouping scan) use it.
 *
 * A regular file (a snapshot, or a tree mounted over /sys, as the bench does) costs nothing per
 * byte and one system call per read, so there the whole file is read at once (readsCostCycles).
 */
import * as fs from 'node:fs';

/** statfs f_type of sysfs (include/uapi/linux/magic.h SYSFS_MAGIC). */
const SYSFS_MAGIC = 0x62656572;

/** Whether reads under `dir` are served by sysfs, where each config byte costs a bus cycle. */
export function readsCostCycles(dir: string): boolean {
  try {
    return fs.statfsSync(dir).type === SYSFS_MAGIC;
  } catch {
    return false;
  }
}

const EXT_START = 0x100;
/** The extended list's bound, as the decoder's: (4096 - 256) / 8 steps. */
const EXT_TTL = (4096 - 256) / 8;
const ACS_ID = 0x000d;
const SRIOV_ID = 0x0010;
/** Registers read past each capability's header: ACS to the control register at +8 (the Intel
 * dword layout), SR-IOV to the end of its 0x40 bytes. */
const BODY: Record<number, number> = { [ACS_ID]: 12, [SRIOV_ID]: 0x40 };

/**
 * Reads `fd` (a `config` file) into `buf` as described above; returns the length a whole read of
 * `buf.length` bytes would have returned: fewer than 256 when the kernel cut the read short (not
 * root: 64), else the file's size up to `buf.length` (sysfs sizes `config` 256 for a conventional
 * function and 4096 for one with an extended space). Bytes of the extended space not read are 0.
 */
export function readConfigSparse(fd: number, buf: Uint8Array): number {
  const n = fs.readSync(fd, buf, 0, EXT_START, 0);
  if (n < EXT_START) return n;
  const size = fs.fstatSync(fd).size;
  // A size that does not account for what was just read: read the rest as a whole read would.
  if (size < EXT_START) return n + fs.readSync(fd, buf, n, buf.length - n, n);
  const len = Math.min(size, buf.length);
  buf.fill(0, EXT_START, len);
  const dv = new DataView(buf.buffer, buf.byteOffset, len);
  let pos = EXT_START;
  const seen: number[] = [];
  for (let ttl = EXT_TTL; ttl > 0 && pos < len; ttl--) {
    // A header cut by the end of the file is read as far as it goes (the decoder then calls the
    // rest of the list unknown, as it does for a whole read).
    if (fs.readSync(fd, buf, pos, Math.min(4, len - pos), pos) < 4) break;
    const h = dv.getUint32(pos, true);
    if (h === 0 || h === 0xffffffff || seen.includes(pos)) break;
    seen.push(pos);
    const body = BODY[h & 0xffff];
    // A capability near the end of the space: what there is of it, as a whole read has it.
    const end = body === undefined ? 0 : Math.min(pos + body, len);
    if (end > pos + 4) fs.readSync(fd, buf, pos + 4, end - pos - 4, pos + 4);
    pos = (h >>> 20) & ~3;
    if (pos < EXT_START) break;
  }
  return len;
}
