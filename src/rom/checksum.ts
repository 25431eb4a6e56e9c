/** The 8-bit sum of a byte range; a legacy option ROM image must sum to zero (PCI FW spec 3.0). */
export function sum8(bytes: Uint8Array, start: number, end: number): number {
  const from = Math.max(0, start);
  const to = Math.min(bytes.length, end);
  let s = 0;
  for (let i = from; i < to; i++) s += bytes[i];
  return s & 0xff;
}
