// Robustness of the ROM parsers against hostile files: fast-check properties plus a seeded
// mutation loop over the real ROMs (truncations, random bytes, offsets past the end, zero image
// lengths, chains that stop or loop back, corrupted EFI-compressed bit streams). The parsers may
// only throw RomFormatError, must return models whose numbers are all real integers (an
// out-of-bounds typed-array read yields undefined and turns arithmetic into NaN), and must finish.
// Set ROM_FUZZ_SEED to replay another seed; a failure prints the seed and the input number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sum8 } from '../../src/rom/checksum.js';
import { efiDecompress } from '../../src/rom/efi-decompress.js';
import { fixRom } from '../../src/rom/fix-rom.js';
import { type DecompressMode, parseRom } from '../../src/rom/parse-rom.js';
import { peFacts } from '../../src/rom/pe-image.js';
import { RomFormatError } from '../../src/rom/rom-error.js';
import { formatRomParser } from '../../src/rom/rom-parser-format.js';
import { checkIds, uefiVerdict } from '../../src/rom/verdict.js';
import { allRealRoms, load } from './rom-fixtures.js';

const SEED = Number(process.env.ROM_FUZZ_SEED ?? 0x5eed2026);
const counts: Record<string, number> = {};
const count = (k: string, n = 1) => {
  counts[k] = (counts[k] ?? 0) + n;
};

/** Every number in the value is an integer (catches NaN from reads past the end). */
function assertSaneNumbers(v: unknown, path = 'model'): void {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`${path} is ${v}`);
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) assertSaneNumbers(v[i], `${path}[${i}]`);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) assertSaneNumbers(x, `${path}.${k}`);
  }
}

function onlyRomErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RomFormatError)) throw e;
  }
}

function checkParse(bytes: Uint8Array, decompress: DecompressMode): void {
  const m = parseRom(bytes, { decompress });
  assertSaneNumbers(m);
  for (const img of m.images) {
    assert.ok(img.offset >= 0 && img.offset + 0x1a <= bytes.length);
    assert.ok(img.pcir.offset + 0x18 <= bytes.length);
    assert.ok(img.checksum.sum >= 0 && img.checksum.sum <= 255);
  }
  for (let i = 1; i < m.images.length; i++)
    assert.ok(m.images[i].offset > m.images[i - 1].offset, 'offsets increase');
  assert.ok(m.romEnd <= bytes.length);
  const v = uefiVerdict(m, checkIds(m, { vendor: 0x10de, device: 0x1280 }));
  assert.equal(typeof v.uefiBoot, 'boolean');
}

function checkRomParser(bytes: Uint8Array): void {
  const r = formatRomParser(bytes);
  assert.equal(typeof r.text, 'string');
  assert.ok(!r.text.includes('NaN') && !r.text.includes('undefined'));
}

function checkDecompress(src: Uint8Array, maxOutput?: number): void {
  onlyRomErrors(() => {
    const out = efiDecompress(src, { maxOutput });
    const declared = (src[4] | (src[5] << 8) | (src[6] << 16) | (src[7] << 24)) >>> 0;
    assert.equal(out.length, declared);
    assertSaneNumbers(peFacts(out));
  });
}

/** xorshift32: small, seeded, reproducible. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    next,
    int: (n: number) => next() % Math.max(1, n),
    chance: (p: number) => next() / 0x100000000 < p,
  };
}

test('fast-check: arbitrary bytes never make the parsers throw anything but RomFormatError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (b) => {
      checkParse(b, 'full');
      checkRomParser(b);
      onlyRomErrors(() => fixRom(b));
      count('fast-check');
    }),
    { numRuns: 4000, seed: SEED },
  );
});

// ROM-shaped inputs: a chain of images whose header fields are drawn at random.
const imageArb = fc.record({
  length: fc.integer({ min: 0, max: 8 }),
  pcirPtr: fc.oneof(fc.integer({ min: 0, max: 0x200 }), fc.integer({ min: 0, max: 0xffff })),
  codeType: fc.constantFrom(0, 1, 3, 0xe0, 0x7f),
  indicator: fc.constantFrom(0, 0x80, 0x01),
  revision: fc.constantFrom(0, 3),
  pcirLength: fc.constantFrom(0x18, 0x1c, 0xffff),
  deviceList: fc.integer({ min: 0, max: 0xffff }),
  efiSig: fc.constantFrom(0x0ef1, 0),
  compression: fc.constantFrom(0, 1, 2),
  efiOffset: fc.integer({ min: 0, max: 0xffff }),
  noise: fc.uint8Array({ maxLength: 64 }),
});

type ImageSpec = typeof imageArb extends fc.Arbitrary<infer T> ? T : never;

function buildRom(images: ImageSpec[], pre: number): Uint8Array {
  const total = pre + images.reduce((n, i) => n + Math.max(1, i.length) * 512, 0);
  const b = new Uint8Array(total);
  let o = pre;
  for (const i of images) {
    const size = Math.max(1, i.length) * 512;
    b.set(i.noise.subarray(0, size), o);
    b[o] = 0x55;
    b[o + 1] = 0xaa;
    b[o + 2] = i.length;
    b.set([i.efiSig & 0xff, i.efiSig >> 8, 0, 0, 11, 0, 0x64, 0x86, i.compression, 0], o + 4);
    b[o + 0x16] = i.efiOffset & 0xff;
    b[o + 0x17] = i.efiOffset >> 8;
    b[o + 0x18] = i.pcirPtr & 0xff;
    b[o + 0x19] = i.pcirPtr >> 8;
    const p = o + i.pcirPtr;
    const put = (at: number, v: number) => {
      if (at < b.length) b[at] = v;
    };
    for (let k = 0; k < 4; k++) put(p + k, 'PCIR'.charCodeAt(k));
    put(p + 8, i.deviceList & 0xff);
    put(p + 9, i.deviceList >> 8);
    put(p + 0x0a, i.pcirLength & 0xff);
    put(p + 0x0b, i.pcirLength >> 8);
    put(p + 0x0c, i.revision);
    put(p + 0x10, i.length);
    put(p + 0x11, 0);
    put(p + 0x14, i.codeType);
    put(p + 0x15, i.indicator);
    o += size;
  }
  return b;
}

test('fast-check: ROM-shaped chains with random header fields', () => {
  fc.assert(
    fc.property(fc.array(imageArb, { maxLength: 5 }), fc.constantFrom(0, 512, 1024), (images, pre) => {
      const b = buildRom(images, pre);
      checkParse(b, 'full');
      checkRomParser(b);
      onlyRomErrors(() => {
        const r = fixRom(b, { vendor: 0x10de, device: 0x1280 });
        // A fixed ROM starts with its first image and every in-chain legacy image sums to 0.
        const m = parseRom(r.output, { decompress: 'none' });
        assert.equal(m.romStart, 0);
        for (const img of m.images) {
          if (img.pcir.codeType === 0 && img.inChain && !img.afterLast && !img.truncated && img.length > 0) {
            assert.equal(img.checksum.sum, 0);
          }
        }
      });
      count('fast-check');
    }),
    { numRuns: 4000, seed: SEED },
  );
});

test('fast-check: the word-wise 8-bit sum equals a byte-by-byte sum at any alignment', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 5000 }),
      fc.nat(8),
      fc.integer({ min: -4, max: 5004 }),
      fc.integer({ min: -4, max: 5004 }),
      (data, shift, a, b) => {
        // A view that starts off a 4-byte boundary, as subarrays of a ROM often do.
        const buf = new Uint8Array(data.length + shift);
        buf.set(data, shift);
        const v = buf.subarray(shift);
        let naive = 0;
        for (let i = Math.max(0, a); i < Math.min(v.length, b); i++) naive = (naive + v[i]) & 0xff;
        assert.equal(sum8(v, a, b), naive);
        count('fast-check');
      },
    ),
    { numRuns: 2000, seed: SEED },
  );
});

test('fast-check: EFI decompressor on arbitrary streams', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 1024 }), fc.integer({ min: 0, max: 1 << 16 }), (body, orig) => {
      const src = new Uint8Array(8 + body.length);
      const comp = body.length;
      src.set([comp & 0xff, (comp >> 8) & 0xff, 0, 0, orig & 0xff, (orig >> 8) & 0xff, orig >> 16, 0]);
      src.set(body, 8);
      checkDecompress(src);
      count('fast-check');
    }),
    { numRuns: 4000, seed: SEED },
  );
});

interface Sample {
  bytes: Uint8Array;
  /** Image offsets and field positions worth aiming at. */
  images: number[];
  pcirs: number[];
  efiStreams: Uint8Array[];
}

function samples(): Sample[] {
  return allRealRoms().map(({ path }) => {
    const bytes = load(path);
    const m = parseRom(bytes, { decompress: 'none' });
    const efiStreams: Uint8Array[] = [];
    for (const img of m.images) {
      const e = img.efi;
      if (e?.header.compressed && !e.error)
        efiStreams.push(bytes.subarray(e.payloadOffset, e.payloadOffset + e.payloadLength));
    }
    return {
      bytes,
      images: m.images.map((i) => i.offset),
      pcirs: m.images.map((i) => i.pcir.offset),
      efiStreams,
    };
  });
}

test('seeded mutation loop over the real ROMs', () => {
  const r = rng(SEED);
  const all = samples();
  const streams = all.flatMap((s) => s.efiStreams);
  assert.ok(streams.length >= 8, 'compressed EFI streams to mutate');
  const ROUNDS = 110_000;
  let n = 0;
  try {
    for (; n < ROUNDS; n++) {
      const s = all[r.int(all.length)];
      const kind = r.int(10);
      if (kind <= 1) {
        // EFI bit stream: keep the real stream, cap the declared output so each run stays small,
        // then flip bits, overwrite bytes or cut the stream short.
        const src = streams[r.int(streams.length)];
        const len = Math.min(src.length, 64 + r.int(6000));
        const m = src.slice(0, len);
        const cap = 1 + r.int(24 * 1024);
        const orig = (m[4] | (m[5] << 8) | (m[6] << 16) | (m[7] << 24)) >>> 0;
        const out = Math.min(orig, cap);
        m.set([out & 0xff, (out >> 8) & 0xff, (out >> 16) & 0xff, out >>> 24], 4);
        if (r.chance(0.5)) {
          const comp = len - 8;
          m.set([comp & 0xff, (comp >> 8) & 0xff, (comp >> 16) & 0xff, 0], 0);
        }
        const flips = r.int(4);
        for (let k = 0; k < flips; k++) m[8 + r.int(Math.min(len - 8, 512))] ^= 1 << r.int(8);
        if (r.chance(0.2)) m[8 + r.int(len - 8)] = r.int(256);
        checkDecompress(m, 1 << 20);
        count('mutation: EFI stream');
        continue;
      }
      // A window of the ROM around an image (small, so each parse is cheap), then mutations aimed
      // at the fields that steer the walk.
      const anchor = s.images.length ? s.images[r.int(s.images.length)] : 0;
      const from = Math.max(0, anchor - (r.chance(0.3) ? 512 * r.int(3) : 0));
      const winLen = Math.min(s.bytes.length - from, 512 + r.int(16 * 1024));
      const b = s.bytes.slice(from, from + winLen);
      const base = anchor - from;
      const put16 = (at: number, v: number) => {
        if (at >= 0 && at + 1 < b.length) {
          b[at] = v & 0xff;
          b[at + 1] = (v >> 8) & 0xff;
        }
      };
      const pcirPtr = base + 0x18 < b.length - 1 ? b[base + 0x18] | (b[base + 0x19] << 8) : 0;
      const p = base + pcirPtr;
      const muts = 1 + r.int(3);
      for (let k = 0; k < muts; k++) {
        switch (r.int(9)) {
          case 0:
            b[r.int(b.length)] = r.int(256);
            break;
          case 1:
            put16(p + 0x10, 0); // zero image length
            break;
          case 2:
            put16(p + 0x10, r.chance(0.5) ? 0xffff : 1 + r.int(64)); // past the end / too short
            break;
          case 3:
            put16(base + 0x18, r.chance(0.5) ? 0xfffc : r.int(0x400)); // PCIR pointer anywhere
            break;
          case 4:
            if (p + 0x15 < b.length) b[p + 0x15] ^= 0x80; // flip the last-image bit
            break;
          case 5:
            put16(p + 8, r.int(0x10000)); // device list pointer
            if (p + 0xc < b.length) b[p + 0xc] = 3;
            break;
          case 6:
            put16(base + 0x16, r.int(0x10000)); // EFI image header offset
            put16(base + 2, r.int(0x100)); // InitializationSize
            break;
          case 7: {
            // Plant a copy of this header further on, so the walk meets it again.
            const to = (1 + r.int(8)) * 512;
            if (base + to + 0x40 < b.length) b.copyWithin(base + to, base, base + 0x40);
            break;
          }
          default:
            b[base + r.int(0x40)] = r.int(256);
        }
      }
      const cut = r.chance(0.3) ? r.int(b.length + 1) : b.length;
      const input = b.subarray(0, cut);
      checkParse(input, r.chance(0.05) ? 'full' : r.chance(0.05) ? 'headers' : 'none');
      checkRomParser(input);
      if (r.chance(0.1)) onlyRomErrors(() => fixRom(input, { vendor: 0x1234 }));
      count('mutation: ROM window');
    }
  } catch (e) {
    throw new Error(`mutation input ${n} with ROM_FUZZ_SEED=${SEED} failed: ${(e as Error).stack}`);
  }
});

test('report the number of inputs', () => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `rom fuzz: ${total} inputs (${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), seed ${SEED}`,
  );
  assert.ok(total >= 100_000, `at least 100,000 inputs per run, got ${total}`);
});
