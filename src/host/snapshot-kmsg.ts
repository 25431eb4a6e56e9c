/**
 * Kernel messages for a snapshot: only the lines about IOMMU, interrupt remapping, ACS, VFIO,
 * KVM, VGA arbitration and PCI resources (what the analyses and a bug report need), saved as
 * /vfiokit/dmesg.txt, where the readiness code looks for them in a snapshot. On a live host the
 * log comes from `dmesg`, else from /dev/kmsg read without blocking (both need root when
 * kernel.dmesg_restrict=1); from a snapshot, its own copy.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { errnoCode } from '../errors.js';
import type { Redactor } from './snapshot-redact.js';
import type { SnapshotWriter } from './snapshot-writer.js';

export const SNAPSHOT_KMSG = '/vfiokit/dmesg.txt';

const RELEVANT =
  /DMAR|AMD-Vi|IOMMU|iommu|IVRS|VFIO|vfio|remapping|x2apic|ACS|acs|kvm|vgaarb|pci |pcieport|BAR |ROM|Hugepage|hugepage|VT-d/;

export function keepRelevant(lines: string[]): string[] {
  return lines.filter((l) => RELEVANT.test(l));
}

function fromDmesg(): { lines?: string[]; why?: string } {
  const r = spawnSync('dmesg', [], { encoding: 'utf8', timeout: 5000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0 && r.stdout) return { lines: r.stdout.split('\n') };
  return {
    why: r.error
      ? `dmesg: ${errnoCode(r.error) ?? r.error.message}`
      : `dmesg: ${(r.stderr || '').trim().replace(/^dmesg:\s*/, '') || `exit ${r.status}`}`,
  };
}

/** /dev/kmsg gives one record per read ("prio,seq,usec,flags;text"); EAGAIN marks the end. */
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
        if (c === 'EPIPE') continue; // records overwritten while reading: skip ahead
        throw e;
      }
      if (n === 0) break;
      const rec = buf.subarray(0, n).toString('utf8');
      const semi = rec.indexOf(';');
      const head = rec.slice(0, semi).split(',');
      const usec = Number(head[2] ?? 0);
      const text = rec.slice(semi + 1).split('\n')[0];
      lines.push(`[${(usec / 1e6).toFixed(6).padStart(12)}] ${text}`);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { lines };
}

/** Capture kernel messages; returns where they came from, or why there are none. */
export function captureKernelMessages(w: SnapshotWriter, red: Redactor): { source?: string; why?: string } {
  if (!w.src.live) {
    for (const f of [SNAPSHOT_KMSG, '/vfiokit/kmsg.txt', '/var/log/dmesg']) {
      const t = w.readText(f);
      if (t !== undefined) {
        w.write(SNAPSHOT_KMSG, red.text(keepRelevant(t.split('\n')).join('\n')));
        return { source: f };
      }
    }
    return { why: 'the source snapshot has no kernel messages' };
  }
  const d = fromDmesg();
  const got = d.lines ? { lines: d.lines, source: 'dmesg' } : { ...fromKmsg(), source: '/dev/kmsg' };
  if (!got.lines) {
    const why = `${d.why}; ${(got as { why?: string }).why} (kernel.dmesg_restrict=1 limits the log to root)`;
    w.unreadable.push({ path: 'kernel messages', why });
    return { why };
  }
  w.write(SNAPSHOT_KMSG, `${red.text(keepRelevant(got.lines).join('\n'))}\n`);
  return { source: got.source };
}
