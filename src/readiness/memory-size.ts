/** Sizes as users write them for guest memory: "16G", "16GiB", "512M", "1T", or bytes. */
import { quoteInput, UsageError } from '../errors.js';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
const MAX_MEMORY_BYTES = 2 ** 52;

export function parseMemorySize(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*$/.exec(s);
  if (!m) {
    throw new UsageError(`${quoteInput(s)} is not a memory size`, {
      hint: 'use a number with a unit, e.g. --memory 16G or --memory 8192M',
      code: 'readiness.bad-memory',
    });
  }
  const bytes = Math.round(parseFloat(m[1]) * UNITS[m[2].toUpperCase()]);
  // x86-64 physical addresses have at most 52 bits (5-level paging; AMD64 APM vol. 2, 5.1): no
  // VM or host has more memory than 4 PiB, and a larger figure is a typo, not a size.
  if (!Number.isSafeInteger(bytes) || bytes > MAX_MEMORY_BYTES) {
    throw new UsageError(`${quoteInput(s)} is not a plausible memory size (more than 4 PiB)`, {
      hint: 'give the guest memory with a unit, e.g. --memory 16G or --memory 8192M',
      code: 'readiness.bad-memory',
    });
  }
  if (bytes <= 0)
    throw new UsageError(`memory size must be positive, got ${quoteInput(s)}`, {
      code: 'readiness.bad-memory',
    });
  return bytes;
}

export function formatBytes(n: number): string {
  for (const [u, f] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n >= f && n % (f / 1024) === 0) return `${+(n / f).toFixed(2)} ${u}`;
  }
  return `${n} B`;
}
