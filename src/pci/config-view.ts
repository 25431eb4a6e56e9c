/**
 * Bounds-checked little-endian reads of config space bytes. Config space comes from files that
 * may be short (non-root reads get 64 bytes) or hostile (a snapshot from anywhere), so every
 * read says "unknown" (undefined) instead of reading outside the buffer.
 */
export class ConfigView {
  constructor(readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  has(offset: number, width: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset + width <= this.bytes.length;
  }

  u8(offset: number): number | undefined {
    return this.has(offset, 1) ? this.bytes[offset] : undefined;
  }

  u16(offset: number): number | undefined {
    return this.has(offset, 2) ? this.bytes[offset] | (this.bytes[offset + 1] << 8) : undefined;
  }

  u32(offset: number): number | undefined {
    if (!this.has(offset, 4)) return undefined;
    const b = this.bytes;
    return (b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24)) >>> 0;
  }
}

export const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
