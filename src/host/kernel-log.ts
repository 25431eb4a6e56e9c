/**
 * Kernel messages (the printk ring buffer). Several verdicts rest on lines only the kernel log
 * holds: "DMAR-IR: Enabled IRQ remapping in x2apic mode", "AMD-Vi: Interrupt remapping enabled",
 * the ACS override patch's warning. On a live host they come from `dmesg`, else from /dev/kmsg
 * read without blocking (both refused to non-root users when kernel.dmesg_restrict=1), else from
 * Debian's boot-time copy /var/log/dmesg; a snapshot carries its own copy.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { errnoCode } from '../errors.js';
import { formatKmsgRecord, type KernelLog } from '../system/kernel-log.js';
import type { HostRoot } from './root.js';

export type { KernelLog } from '../system/kernel-log.js';

/** Where a snapshot keeps kernel messages (`vfiokit snapshot` writes the first). */
export const SNAPSHOT_KMSG = '/vfiokit/dmesg.txt';
/** Files read for kernel messages, first found wins: the snapshot's copies, then Debian's boot-time copy. */
export const KERNEL_LOG_FILES = [SNAPSHOT_KMSG, '/vfiokit/kmsg.txt', '/var/log/dmesg'];

export type KernelLogResult = { log: KernelLog } | { unreadable: string };

/**
 * The kernel's ring buffer is at most 32 MiB (CONFIG_LOG_BUF_SHIFT ≤ 25, init/Kconfig); a log file
 * larger than that is not one, and only its first 32 MiB are read (HostRoot notes the cut).
 */
export const MAX_KERNEL_LOG_BYTES = 32 * 1024 * 1024;

export function readKernelLog(root: HostRoot): KernelLogResult {
  if (!root.live) {
    for (const f of KERNEL_LOG_FILES) {
      let t: string | undefined;
      try {
        t = root.readText(f, MAX_KERNEL_LOG_BYTES);
      } catch (e) {
        // Present but unreadable is not "no messages": the verdicts that need them are unknown.
        return { unreadable: `the snapshot's ${f} could not be read: ${(e as Error).message}` };
      }
      if (t !== undefined) return { log: { lines: t.split('\n'), source: f } };
    }
    return { unreadable: `the snapshot has no kernel messages (${KERNEL_LOG_FILES.join(', ')})` };
  }
  const d = fromDmesg();
  if (d.lines) return { log: { lines: d.lines, source: 'dmesg' } };
  const k = fromKmsg();
  if (k.lines) return { log: { lines: k.lines, source: '/dev/kmsg' } };
  const boot = safeRead(root, '/var/log/dmesg');
  if (boot) return { log: { lines: boot.split('\n'), source: '/var/log/dmesg' } };
  return { unreadable: `${d.why}; ${k.why} (kernel.dmesg_restrict=1 limits the log to root)` };
}

function fromDmesg(): { lines?: string[]; why?: string } {
  const r = spawnSync('dmesg', [], { encoding: 'utf8', timeout: 5000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0 && r.stdout) return { lines: r.stdout.split('\n') };
  return {
    why: r.error
      ? `dmesg could not run (${errnoCode(r.error) ?? r.error.message})`
      : `dmesg failed: ${(r.stderr || '').trim().replace(/^dmesg:\s*/, '') || `exit ${r.status}`}`,
  };
}

/** /dev/kmsg gives one record per read; EAGAIN marks the end of what is there now. */
function fromKmsg(): { lines?: string[]; why?: string } {
  let fd: number;
  try {
    fd = fs.openSync('/dev/kmsg', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { why: `/dev/kmsg: ${errnoCode(e) ?? String(e)}` };
  }
  const lines: string[] = [];
  const buf = Buffer.alloc(16384);
  try {
    for (let i = 0; i < 1_000_000; i++) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const c = errnoCode(e);
        if (c === 'EAGAIN') break;
        if (c === 'EPIPE') continue; // records overwritten while reading: the next read skips ahead
        return { why: `/dev/kmsg: ${c ?? String(e)}` };
      }
      if (n === 0) break;
      lines.push(formatKmsgRecord(buf.subarray(0, n).toString('utf8')));
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines.length ? { lines } : { why: '/dev/kmsg: empty' };
}

function safeRead(root: HostRoot, p: string): string | undefined {
  try {
    return root.readText(p, MAX_KERNEL_LOG_BYTES);
  } catch {
    return undefined;
  }
}
