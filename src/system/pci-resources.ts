/**
 * A device's BARs from sysfs `resource` (drivers/pci/pci-sysfs.c resource_show): one line per
 * resource, "start end flags" in hex, unused ones all zero. Lines 0-5 are BARs 0-5, line 6 the
 * expansion ROM. Readable without root, unlike the addresses in /proc/iomem.
 */
export interface Bar {
  index: number;
  start: bigint;
  end: bigint;
  flags: number;
  /** IORESOURCE_MEM (0x200) set: a memory BAR (else I/O port). */
  memory: boolean;
}

const IORESOURCE_MEM = 0x200;

export function parseResourceFile(text: string): Bar[] {
  const bars: Bar[] = [];
  text.split('\n').forEach((line, index) => {
    const m = /^0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)/.exec(line.trim());
    if (!m || index > 6) return;
    const start = BigInt(`0x${m[1]}`);
    const end = BigInt(`0x${m[2]}`);
    const flags = Number.parseInt(m[3], 16);
    if (start === 0n && end === 0n) return;
    bars.push({ index, start, end, flags, memory: (flags & IORESOURCE_MEM) !== 0 });
  });
  return bars;
}

export const barName = (b: Bar) => (b.index === 6 ? 'ROM' : `BAR ${b.index}`);
export const hexRange = (b: { start: bigint; end: bigint }) =>
  `[mem 0x${b.start.toString(16)}-0x${b.end.toString(16)}]`;
