/**
 * Kernel messages for a snapshot: only the lines about IOMMU, interrupt remapping, ACS, VFIO,
 * KVM, VGA arbitration and PCI resources (what the analyses and a bug report need), redacted and
 * saved as /vfiokit/dmesg.txt, where readKernelLog looks first in a snapshot.
 */
import { type KernelLog, readKernelLog, SNAPSHOT_KMSG } from './kernel-log.js';
import type { Redactor } from './snapshot-redact.js';
import type { SnapshotWriter } from './snapshot-writer.js';

export { SNAPSHOT_KMSG };

const RELEVANT =
  /DMAR|AMD-Vi|IOMMU|iommu|IVRS|VFIO|vfio|remapping|x2apic|ACS|acs|kvm|vgaarb|pci |pcieport|BAR |ROM|Hugepage|hugepage|VT-d/;

export function keepRelevant(lines: string[]): string[] {
  return lines.filter((l) => RELEVANT.test(l));
}

/** Capture kernel messages; returns where they came from, or why there are none. */
export function captureKernelMessages(w: SnapshotWriter, red: Redactor): { source?: string; why?: string } {
  const r = readKernelLog(w.src);
  if ('unreadable' in r) {
    if (w.src.live || / could not be read: /.test(r.unreadable))
      w.unreadable.push({ path: 'kernel messages', why: r.unreadable });
    return { why: r.unreadable };
  }
  const log: KernelLog = r.log;
  w.write(SNAPSHOT_KMSG, `${red.text(keepRelevant(log.lines).join('\n'))}\n`);
  return { source: log.source };
}
