/**
 * Bounds-checked little-endian reads over a ROM file. Every field of an option ROM is an offset
 * or a length chosen by whoever built the file, so no read may trust them: a read that would
 * leave the buffer throws RomFormatError instead of returning undefined or garbage.
 */
import { RomFormatError } from './rom-error.js';

export class ByteView {
  readonly bytes: Uint8Array;
  readonly size: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.size = bytes.length;
  }

  /** True when [offset, offset+length) lies inside the buffer. */
  has(offset: number, length: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && length >= 0 && offset + length <= this.size;
  }

  private need(offset: number, length: number, what: string): void {
    if (!this.has(offset, length)) {
      throw new RomFormatError(
        `${what} at 0x${offset.toString(16)} (${length} bytes) lies outside the file (size 0x${this.size.toString(16)})`,
        { code: 'rom.out-of-bounds', offset },
      );
    }
  }

  u8(offset: number, what = 'byte'): number {
    this.need(offset, 1, what);
    return this.bytes[offset];
  }

  u16(offset: number, what = 'u16'): number {
    this.need(offset, 2, what);
    return this.bytes[offset] | (this.bytes[offset + 1] << 8);
  }

  u32(offset: number, what = 'u32'): number {
    this.need(offset, 4, what);
    const b = this.bytes;
    return (b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24)) >>> 0;
  }

  /** Bytes as Latin-1 text (one char per byte), e.g. signatures such as "PCIR". */
  latin1(offset: number, length: number, what = 'text'): string {
    this.need(offset, length, what);
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.bytes[offset + i]);
    return s;
  }

  slice(offset: number, length: number, what = 'range'): Uint8Array {
    this.need(offset, length, what);
    return this.bytes.subarray(offset, offset + length);
  }
}

export const hex = (n: number) => `0x${n.toString(16)}`;
