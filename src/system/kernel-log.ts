/**
 * Kernel messages as records: the lines of the printk ring buffer (read by host/kernel-log.ts from
 * dmesg, /dev/kmsg or a snapshot's copy) and the /dev/kmsg record format.
 */

export interface KernelLog {
  lines: string[];
  /** `dmesg`, `/dev/kmsg` or the file read. */
  source: string;
}

export function grepLog(log: KernelLog, re: RegExp): string[] {
  return log.lines.filter((l) => re.test(l));
}

/**
 * One /dev/kmsg record ("prio,seq,usec,flags[,…];text\n" then continuation lines " KEY=value")
 * as dmesg prints it: "[    1.234567] text". Escapes such as \x0a stay as the kernel wrote them.
 * A record without the ';' separator is returned as it is.
 */
export function formatKmsgRecord(rec: string): string {
  const semi = rec.indexOf(';');
  if (semi < 0) return rec.split('\n')[0];
  const head = rec.slice(0, semi).split(',');
  const usec = Number(head[2]);
  const text = rec.slice(semi + 1).split('\n')[0];
  if (!Number.isFinite(usec) || usec < 0) return text;
  return `[${(usec / 1e6).toFixed(6).padStart(12)}] ${text}`;
}
