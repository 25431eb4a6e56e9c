/**
 * The 8-bit sum of a byte range; a legacy option ROM image must sum to zero (PCI FW spec 3.0).
 * Summed four bytes at a time through a Uint32Array view, two byte lanes per accumulator: `rom
 * parse` sums every image of multi-megabyte flash dumps once, before V8 has optimised anything,
 * so a quarter of the loop iterations is most of its cold cost.
 */
const fold = (v: number) => (v & 0xffff) + (v >>> 16);

export function sum8(bytes: Uint8Array, start: number, end: number): number {
  let i = Math.max(0, start);
  const to = Math.min(bytes.length, end);
  let s = 0;
  while (i < to && ((bytes.byteOffset + i) & 3) !== 0) s += bytes[i++];
  const words = to > i ? (to - i) >>> 2 : 0;
  if (words > 0) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < words; k++) {
      const x = w[k];
      lo += x & 0x00ff00ff;
      hi += (x >>> 8) & 0x00ff00ff;
      // Each 16-bit lane gains at most 255 per word: fold before 257 words can overflow it.
      if ((k & 0xff) === 0xff) {
        s += fold(lo) + fold(hi);
        lo = 0;
        hi = 0;
      }
    }
    s += fold(lo) + fold(hi);
    i += words * 4;
  }
  while (i < to) s += bytes[i++];
  return s & 0xff;
}
