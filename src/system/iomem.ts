/**
 * /proc/iomem: the physical address map, nested by two-space indentation. Non-root readers see
 * every address as zero (kernel/resource.c r_show hides them unless CAP_SYS_ADMIN), so ranges
 * are only meaningful as root; `zeroed` says when that happened.
 */

export interface IomemEntry {
  start: bigint;
  end: bigint;
  name: string;
  depth: number;
}

export interface Iomem {
  entries: IomemEntry[];
  /** All ranges read as 0-0: the reader lacked CAP_SYS_ADMIN. */
  zeroed: boolean;
}

export function parseIomem(text: string): Iomem {
  const entries: IomemEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\s*)([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.*)$/.exec(line);
    if (!m) continue;
    entries.push({
      depth: m[1].length / 2,
      start: BigInt(`0x${m[2]}`),
      end: BigInt(`0x${m[3]}`),
      name: m[4].trim(),
    });
  }
  const zeroed = entries.length > 0 && entries.every((e) => e.start === 0n && e.end === 0n);
  return { entries, zeroed };
}

/** Entries whose range lies inside [start, end]. */
export function entriesWithin(iomem: Iomem, start: bigint, end: bigint): IomemEntry[] {
  return iomem.entries.filter((e) => e.start >= start && e.end <= end && !(e.start === 0n && e.end === 0n));
}
