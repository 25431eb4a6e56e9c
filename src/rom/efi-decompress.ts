/**
 * EFI decompression: the algorithm of the UEFI specification ("Compression Algorithm
 * Specification"), as edk2's MdePkg BaseUefiDecompressLib implements it for compressed option
 * ROM images. An LZ77 stream coded with three canonical Huffman code sets per block (the "extra"
 * set that codes the char&length code lengths, the char&length set, the position set).
 *
 * This is the UEFI variant: the position-set size field is 4 bits wide (mPBit = 4). The Tiano
 * variant of the same coder uses 5 bits and cannot read these streams.
 *
 * Written for hostile input: edk2 trusts the stream (array indexes come from it), this version
 * bounds every index and throws RomFormatError instead: a code length above 16, an over- or
 * under-subscribed code, a back-reference before the start of the output, a stream that ends
 * long before the declared original size, or a declared size above `maxOutput`.
 */
import { RomFormatError } from './rom-error.js';

const BITBUFSIZ = 32;
const MAXMATCH = 256;
const THRESHOLD = 3;
const CODE_BIT = 16;
/** Char&length set: 256 literals plus match lengths THRESHOLD..MAXMATCH. */
const NC = 0xff + MAXMATCH + 2 - THRESHOLD;
const CBIT = 9;
const MAXPBIT = 5;
const TBIT = 5;
const MAXNP = (1 << MAXPBIT) - 1;
const NT = CODE_BIT + 3;
const NPT = Math.max(NT, MAXNP);
/** UEFI (not Tiano): the position set's code-length count is a 4-bit field. */
const PBIT_UEFI = 4;
/** The stream is zero-padded past its end (as edk2 does); more than this means it is truncated. */
const MAX_PAD_BYTES = 8;

export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

export interface EfiCompressedInfo {
  compressedSize: number;
  originalSize: number;
}

const fail = (message: string): never => {
  throw new RomFormatError(`EFI decompression: ${message}`, { code: 'rom.efi-decompress' });
};

/** The 8-byte header of an EFI-compressed stream: CompressedSize and OriginalSize, both u32. */
export function efiCompressedInfo(src: Uint8Array): EfiCompressedInfo {
  if (src.length < 8) fail(`stream of ${src.length} bytes is shorter than its 8-byte header`);
  const u32 = (o: number) => (src[o] | (src[o + 1] << 8) | (src[o + 2] << 16) | (src[o + 3] << 24)) >>> 0;
  const info = { compressedSize: u32(0), originalSize: u32(4) };
  if (info.compressedSize + 8 > src.length) {
    fail(`header says ${info.compressedSize} compressed bytes but only ${src.length - 8} follow`);
  }
  return info;
}

class Decoder {
  private readonly src: Uint8Array;
  private readonly end: number;
  private inPos = 8;
  private pad = 0;
  private bitBuf = 0;
  private subBitBuf = 0;
  private bitCount = 0;
  private blockSize = 0;
  readonly dst: Uint8Array;
  private readonly left = new Uint16Array(2 * NC - 1);
  private readonly right = new Uint16Array(2 * NC - 1);
  private readonly cLen = new Uint8Array(NC);
  private readonly ptLen = new Uint8Array(NPT);
  private readonly cTable = new Uint16Array(4096);
  private readonly ptTable = new Uint16Array(256);

  constructor(src: Uint8Array, info: EfiCompressedInfo, outputLength: number) {
    this.src = src;
    this.end = 8 + info.compressedSize;
    this.dst = new Uint8Array(outputLength);
  }

  /** Shift n bits out of bitBuf and refill from the stream (zeros past its end). */
  private fillBuf(n: number): void {
    this.bitBuf = n >= 32 ? 0 : this.bitBuf << n;
    while (n > this.bitCount) {
      n -= this.bitCount;
      if (n < 32) this.bitBuf = this.bitBuf | (this.subBitBuf << n);
      if (this.inPos < this.end) {
        this.subBitBuf = this.src[this.inPos++];
      } else {
        this.subBitBuf = 0;
        if (++this.pad > MAX_PAD_BYTES) fail('stream ends before the declared original size was produced');
      }
      this.bitCount = 8;
    }
    this.bitCount -= n;
    this.bitBuf = this.bitBuf | (this.subBitBuf >>> this.bitCount);
  }

  private getBits(n: number): number {
    if (n === 0) return 0;
    const out = this.bitBuf >>> (BITBUFSIZ - n);
    this.fillBuf(n);
    return out;
  }

  /** Build the canonical Huffman lookup table (+ overflow tree in left/right) for one code set. */
  private makeTable(nChar: number, bitLen: Uint8Array, tableBits: number, table: Uint16Array): void {
    const count = new Uint32Array(17);
    for (let i = 0; i < nChar; i++) {
      const len = bitLen[i];
      if (len > 16) fail(`code length ${len} exceeds 16`);
      count[len]++;
    }
    const start = new Uint32Array(18);
    for (let i = 1; i <= 16; i++) start[i + 1] = start[i] + (count[i] << (16 - i));
    // A complete prefix code covers the 16-bit code space exactly; an empty one is allowed (the
    // set is unused in this block).
    if (start[17] !== 1 << 16 && start[17] !== 0) fail('Huffman code lengths do not form a prefix code');
    const jutBits = 16 - tableBits;
    const weight = new Uint32Array(17);
    for (let i = 1; i <= tableBits; i++) {
      start[i] >>>= jutBits;
      weight[i] = 1 << (tableBits - i);
    }
    for (let i = tableBits + 1; i <= 16; i++) weight[i] = 1 << (16 - i);
    table.fill(0);
    let avail = nChar;
    const mask = 1 << (15 - tableBits);
    for (let ch = 0; ch < nChar; ch++) {
      const len = bitLen[ch];
      if (len === 0) continue;
      const nextCode = start[len] + weight[len];
      if (len <= tableBits) {
        if (nextCode > table.length) fail('Huffman table overflow');
        table.fill(ch, start[len], nextCode);
      } else {
        let code = start[len];
        const slot = code >>> jutBits;
        if (slot >= table.length) fail('Huffman table overflow');
        // The tree below a table slot: where = 0 table, 1 left, 2 right; idx = index in it.
        let where = 0;
        let idx = slot;
        for (let n = len - tableBits; n > 0; n--) {
          const arr = where === 0 ? table : where === 1 ? this.left : this.right;
          if (arr[idx] === 0) {
            if (avail >= this.left.length) fail('Huffman tree overflow');
            this.left[avail] = 0;
            this.right[avail] = 0;
            arr[idx] = avail++;
          }
          const node = arr[idx];
          where = code & mask ? 2 : 1;
          idx = node;
          code = (code << 1) & 0xffff;
        }
        (where === 0 ? table : where === 1 ? this.left : this.right)[idx] = ch;
      }
      start[len] = nextCode;
    }
  }

  /** Walk the overflow tree from a table entry >= limit; bounded by the 16-bit code length. */
  private walk(val: number, limit: number, firstMask: number): number {
    let mask = firstMask;
    for (let steps = 0; val >= limit; steps++) {
      if (steps > 16 || val >= this.left.length) fail('corrupt Huffman tree');
      val = this.bitBuf & mask ? this.right[val] : this.left[val];
      mask >>>= 1;
    }
    return val;
  }

  private readPtLen(nn: number, nBit: number, special: number): void {
    const number = this.getBits(nBit);
    if (number === 0) {
      const c = this.getBits(nBit);
      if (c >= nn) fail(`single-code symbol ${c} out of range`);
      this.ptTable.fill(c);
      this.ptLen.fill(0, 0, nn);
      return;
    }
    let i = 0;
    while (i < number && i < NPT) {
      let c = this.bitBuf >>> (BITBUFSIZ - 3);
      if (c === 7) {
        let mask = 1 << (BITBUFSIZ - 1 - 3);
        while (mask && this.bitBuf & mask) {
          mask >>>= 1;
          c++;
        }
      }
      this.fillBuf(c < 7 ? 3 : c - 3);
      if (c > 16) fail(`code length ${c} exceeds 16`);
      this.ptLen[i++] = c;
      if (i === special) {
        let zeros = this.getBits(2);
        while (zeros-- > 0 && i < NPT) this.ptLen[i++] = 0;
      }
    }
    while (i < nn) this.ptLen[i++] = 0;
    this.makeTable(nn, this.ptLen, 8, this.ptTable);
  }

  private readCLen(): void {
    const number = this.getBits(CBIT);
    if (number === 0) {
      const c = this.getBits(CBIT);
      if (c >= NC) fail(`single-code symbol ${c} out of range`);
      this.cLen.fill(0);
      this.cTable.fill(c);
      return;
    }
    let i = 0;
    while (i < number && i < NC) {
      const c = this.walk(this.ptTable[this.bitBuf >>> (BITBUFSIZ - 8)], NT, 1 << (BITBUFSIZ - 1 - 8));
      this.fillBuf(this.ptLen[c]);
      if (c <= 2) {
        let zeros = c === 0 ? 1 : c === 1 ? this.getBits(4) + 3 : this.getBits(CBIT) + 20;
        while (zeros-- > 0 && i < NC) this.cLen[i++] = 0;
      } else {
        this.cLen[i++] = c - 2;
      }
    }
    this.cLen.fill(0, i);
    this.makeTable(NC, this.cLen, 12, this.cTable);
  }

  private startBlock(): void {
    this.blockSize = this.getBits(16);
    this.readPtLen(NT, TBIT, 3);
    this.readCLen();
    this.readPtLen(MAXNP, PBIT_UEFI, -1);
  }

  /**
   * The per-symbol loop. The bit buffer lives in locals and the refill is written out at each of
   * its three uses: a CLI run decodes ~100k symbols once, mostly before V8 has optimised
   * anything, so calls per symbol dominate; block headers (rare) go through the methods above.
   */
  // long: the UEFI specification's decoder loop (edk2 BaseUefiDecompressLib Decode) kept as one state machine, to read beside the source
  run(): Uint8Array {
    const dst = this.dst;
    const size = dst.length;
    const src = this.src;
    const end = this.end;
    const { cTable, cLen, ptTable, ptLen, left, right } = this;
    this.fillBuf(BITBUFSIZ);
    let bitBuf = this.bitBuf;
    let sub = this.subBitBuf;
    let count = this.bitCount;
    let inPos = this.inPos;
    let pad = this.pad;
    let blockSize = this.blockSize;
    let out = 0;
    while (out < size) {
      if (blockSize === 0) {
        this.bitBuf = bitBuf;
        this.subBitBuf = sub;
        this.bitCount = count;
        this.inPos = inPos;
        this.pad = pad;
        this.startBlock();
        blockSize = this.blockSize;
        bitBuf = this.bitBuf;
        sub = this.subBitBuf;
        count = this.bitCount;
        inPos = this.inPos;
        pad = this.pad;
      }
      // The block size is a u16 count that edk2 decrements unchecked: 0 wraps to 65535.
      blockSize = (blockSize - 1) & 0xffff;
      let c = cTable[bitBuf >>> (BITBUFSIZ - 12)];
      if (c >= NC) {
        let mask = 1 << (BITBUFSIZ - 1 - 12);
        for (let steps = 0; c >= NC; steps++) {
          if (steps > 16 || c >= left.length) fail('corrupt Huffman tree');
          c = bitBuf & mask ? right[c] : left[c];
          mask >>>= 1;
        }
      }
      // Consume the symbol's code bits (refill from the stream, zeros past its end).
      // Code lengths are at most 16 (makeTable and readPtLen refuse longer), so no shift by 32.
      let n = cLen[c];
      bitBuf = bitBuf << n;
      while (n > count) {
        n -= count;
        bitBuf = bitBuf | (sub << n);
        if (inPos < end) sub = src[inPos++];
        else {
          sub = 0;
          if (++pad > MAX_PAD_BYTES) fail('stream ends before the declared original size was produced');
        }
        count = 8;
      }
      count -= n;
      bitBuf = bitBuf | (sub >>> count);
      if (c < 256) {
        dst[out++] = c;
        continue;
      }
      // A match: length from the symbol, distance from the position set.
      const len = c - (256 - THRESHOLD);
      let p = ptTable[bitBuf >>> (BITBUFSIZ - 8)];
      if (p >= MAXNP) {
        let mask = 1 << (BITBUFSIZ - 1 - 8);
        for (let steps = 0; p >= MAXNP; steps++) {
          if (steps > 16 || p >= left.length) fail('corrupt Huffman tree');
          p = bitBuf & mask ? right[p] : left[p];
          mask >>>= 1;
        }
      }
      n = ptLen[p];
      bitBuf = bitBuf << n;
      while (n > count) {
        n -= count;
        bitBuf = bitBuf | (sub << n);
        if (inPos < end) sub = src[inPos++];
        else {
          sub = 0;
          if (++pad > MAX_PAD_BYTES) fail('stream ends before the declared original size was produced');
        }
        count = 8;
      }
      count -= n;
      bitBuf = bitBuf | (sub >>> count);
      let distance = p;
      if (p > 1) {
        // p - 1 extra bits (at most 29) give the low part of the distance.
        n = p - 1;
        distance = (1 << n) + (bitBuf >>> (BITBUFSIZ - n));
        bitBuf = bitBuf << n;
        while (n > count) {
          n -= count;
          bitBuf = bitBuf | (sub << n);
          if (inPos < end) sub = src[inPos++];
          else {
            sub = 0;
            if (++pad > MAX_PAD_BYTES) fail('stream ends before the declared original size was produced');
          }
          count = 8;
        }
        count -= n;
        bitBuf = bitBuf | (sub >>> count);
      }
      let from = out - distance - 1;
      if (from < 0) fail(`back-reference to ${-from} bytes before the start of the output`);
      // The copy stops at the declared size (the last match may run past it, edk2 stops there).
      const stop = Math.min(out + len, size);
      if (from + len <= out && len > 16) {
        // Source and destination do not overlap: a native copy.
        dst.copyWithin(out, from, from + (stop - out));
        out = stop;
      } else {
        // Overlapping (a distance shorter than the length repeats the bytes just written), or too
        // short for a native call to pay off: byte by byte, front to back, as LZ77 requires.
        while (out < stop) dst[out++] = dst[from++];
      }
    }
    return dst;
  }
}

export interface DecompressOptions {
  /** Refuse streams that declare more than this many bytes (default 64 MiB). */
  maxOutput?: number;
  /**
   * Decode only the first `prefix` bytes of the output (an LZ77 stream decodes front to back, so
   * a prefix is exact). `rom parse` reads the PE headers this way instead of paying for the
   * whole driver; `extract` and the tests decode everything.
   */
  prefix?: number;
}

/** Decompress an EFI-compressed stream (8-byte header + bit stream) to its original bytes. */
export function efiDecompress(src: Uint8Array, opts: DecompressOptions = {}): Uint8Array {
  const info = efiCompressedInfo(src);
  const max = opts.maxOutput ?? DEFAULT_MAX_OUTPUT;
  if (info.originalSize > max)
    fail(`declared original size ${info.originalSize} exceeds the limit of ${max} bytes`);
  const length = Math.min(info.originalSize, opts.prefix ?? info.originalSize);
  if (length === 0) return new Uint8Array(0);
  return new Decoder(src, info, length).run();
}
