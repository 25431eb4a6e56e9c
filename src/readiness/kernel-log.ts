/**
 * Kernel messages (the dmesg ring buffer). Several verdicts rest on lines only the kernel log
 * holds: "DMAR-IR: Enabled IRQ remapping in x2apic mode", "AMD-Vi: Interrupt remapping enabled",
 * the ACS override patch's warning. On a live host `dmesg` reads them (refused to non-root
 * users when kernel.dmesg_restrict=1); a snapshot carries a copy.
 */
import { spawnSync } from 'node:child_process';
import type { HostRoot } from '../host/root.js';

/** Where a snapshot keeps kernel messages (first found wins), and Debian's boot-time copy. */
export const KERNEL_LOG_FILES = ['/vfiokit/dmesg.txt', '/vfiokit/kmsg.txt', '/var/log/dmesg'];

export interface KernelLog {
  lines: string[];
  source: string;
}

export type KernelLogResult = { log: KernelLog } | { unreadable: string };

export function readKernelLog(root: HostRoot): KernelLogResult {
  if (root.live) {
    const r = spawnSync('dmesg', [], { encoding: 'utf8', timeout: 5000, maxBuffer: 64 * 1024 * 1024 });
    if (r.status === 0 && r.stdout) return { log: { lines: r.stdout.split('\n'), source: 'dmesg' } };
    const why = r.error
      ? `dmesg could not run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`
      : `dmesg failed: ${(r.stderr || '').trim() || `exit ${r.status}`} (kernel.dmesg_restrict=1 limits it to root)`;
    for (const f of KERNEL_LOG_FILES.slice(2)) {
      const t = safeRead(root, f);
      if (t) return { log: { lines: t.split('\n'), source: f } };
    }
    return { unreadable: why };
  }
  for (const f of KERNEL_LOG_FILES) {
    const t = safeRead(root, f);
    if (t !== undefined) return { log: { lines: t.split('\n'), source: f } };
  }
  return { unreadable: `the snapshot has no kernel messages (${KERNEL_LOG_FILES.join(', ')})` };
}

function safeRead(root: HostRoot, p: string): string | undefined {
  try {
    return root.readText(p);
  } catch {
    return undefined;
  }
}

export function grepLog(log: KernelLog, re: RegExp): string[] {
  return log.lines.filter((l) => re.test(l));
}
