/**
 * Copies of small byte ranges (config space) packed into shared blocks. A scan keeps a copy of
 * every device's config space: one ArrayBuffer each was thousands of separately allocated and
 * tracked backing stores on a large host, and their external memory drove garbage collections;
 * views into a few 256 KiB blocks cost neither.
 */
const BLOCK = 256 * 1024;

export class ByteSlab {
  private block = new Uint8Array(0);
  private used = 0;

  /** A copy of `bytes` that stays valid (the caller may reuse `bytes` at once). */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    // Larger than a quarter block: its own buffer, so that a block is never mostly wasted.
    if (n > BLOCK / 4) return bytes.slice();
    if (this.used + n > this.block.length) {
      this.block = new Uint8Array(BLOCK);
      this.used = 0;
    }
    const out = this.block.subarray(this.used, this.used + n);
    out.set(bytes);
    // Keep views 8-byte aligned, as separate buffers are.
    this.used += (n + 7) & ~7;
    return out;
  }
}
