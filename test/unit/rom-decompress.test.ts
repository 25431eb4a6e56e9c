// EFI decompression (UEFI spec algorithm, edk2 BaseUefiDecompressLib). The corpus test proves
// every real compressed image decodes to a valid PE32+; these tests pin the bit-level reading of
// the block header with hand-assembled streams and the refusals on broken input.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { efiCompressedInfo, efiDecompress } from '../../src/rom/efi-decompress.js';
import { extractEfiDriver } from '../../src/rom/extract-rom.js';
import { parseRom } from '../../src/rom/parse-rom.js';
import { RomFormatError } from '../../src/rom/rom-error.js';
import { recordedVersionNote, withVersionNote } from '../helpers/debian-packages.js';
import { corpus, ipxeDir, load } from './rom-fixtures.js';

/** MSB-first bit writer, the order the decoder reads its 32-bit bit buffer in. */
function bits(fields: Array<[value: number, width: number]>): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const [v, w] of fields) {
    for (let i = w - 1; i >= 0; i--) {
      acc = (acc << 1) | ((v >> i) & 1);
      if (++n === 8) {
        out.push(acc);
        acc = 0;
        n = 0;
      }
    }
  }
  if (n) out.push(acc << (8 - n));
  return Uint8Array.from(out);
}

function stream(body: Uint8Array, originalSize: number): Uint8Array {
  const s = new Uint8Array(8 + body.length);
  const v = new DataView(s.buffer);
  v.setUint32(0, body.length, true);
  v.setUint32(4, originalSize, true);
  s.set(body, 8);
  return s;
}

/**
 * One block whose three code sets each hold a single symbol (the "Number = 0" form): block size
 * (16 bits), extra set count 0 + symbol (5+5 bits), char&len set count 0 + symbol (9+9 bits),
 * position set count 0 + symbol (4+4 bits: the UEFI width; Tiano uses 5).
 */
function singleSymbolBlock(charSymbol: number, positionSymbol: number, blockSize = 8): Uint8Array {
  return bits([
    [blockSize, 16],
    [0, 5],
    [0, 5],
    [0, 9],
    [charSymbol, 9],
    [0, 4],
    [positionSymbol, 4],
  ]);
}

describe('hand-assembled streams', () => {
  test('a single-literal block repeats that byte', () => {
    const out = efiDecompress(stream(singleSymbolBlock(0x41, 0), 5));
    assert.equal(Buffer.from(out).toString('latin1'), 'AAAAA');
  });
  test('the position set size is read as a 4-bit field (UEFI, not Tiano)', () => {
    // Block 1: two literals "B". Block 2: one match of length 3 whose position symbol is 1
    // (distance 2). Read with the Tiano 5-bit width, the same bits give position symbol 4
    // (distance >= 8), a back-reference before the start, and the decode fails.
    const fields = (
      blockSize: number,
      charSymbol: number,
      positionSymbol: number,
    ): Array<[number, number]> => [
      [blockSize, 16],
      [0, 5],
      [0, 5],
      [0, 9],
      [charSymbol, 9],
      [0, 4],
      [positionSymbol, 4],
    ];
    const out = efiDecompress(stream(bits([...fields(2, 0x42, 0), ...fields(1, 256, 1)]), 5));
    assert.equal(Buffer.from(out).toString('latin1'), 'BBBBB');
  });
  test('an empty original size gives an empty result', () => {
    assert.equal(efiDecompress(stream(new Uint8Array(0), 0)).length, 0);
  });
  test('a match that points before the start of the output is refused', () => {
    // Char&len symbol 256 = a match of length 3; position symbol 0 = distance 1, with no output yet.
    assert.throws(() => efiDecompress(stream(singleSymbolBlock(256, 0), 4)), /before the start/);
  });
  test('a single-code symbol outside its set is refused', () => {
    assert.throws(() => efiDecompress(stream(singleSymbolBlock(511, 0), 4)), RomFormatError);
  });
});

test('EfiRom -ec images decompress byte for byte to the iPXE driver Debian ships uncompressed', () => {
  // The corpus's efirom-* ROMs were built from the same iPXE e1000 driver that Debian's
  // ipxe-qemu efi-e1000.rom carries uncompressed (padded to a 512-byte multiple): an oracle for
  // every decoded byte, not just for the PE structure.
  // That driver is the one of the ipxe-qemu version recorded in test/helpers/debian-packages.ts.
  const note = recordedVersionNote('ipxe-qemu');
  const deb = load(join(ipxeDir, 'efi-e1000.rom'));
  const plain = extractEfiDriver(deb, parseRom(deb, { decompress: 'none' })).driver;
  for (const name of ['efirom-ec-devlist.rom', 'efirom-ec-pci23.rom', 'efirom-pxe+ec-e1000.rom'])
    withVersionNote(note, () => {
      const rom = corpus(name);
      const { image, driver } = extractEfiDriver(rom, parseRom(rom, { decompress: 'none' }));
      assert.equal(image.efi!.header.compressed, true, name);
      assert.equal(driver.length, 174400, name);
      assert.ok(Buffer.from(driver).equals(Buffer.from(plain.subarray(0, driver.length))), name);
      assert.ok(
        plain.subarray(driver.length).every((b) => b === 0),
        'only zero padding follows in the uncompressed copy',
      );
    });
});

describe('broken input', () => {
  const gk = corpus('nv-GK107-turbo.rom');
  const img = parseRom(gk, { decompress: 'none' }).images[1];
  const payload = gk.slice(img.efi!.payloadOffset, img.efi!.payloadOffset + img.efi!.payloadLength);

  test('the header names sizes that fit the payload', () => {
    const info = efiCompressedInfo(payload);
    assert.ok(info.compressedSize + 8 <= payload.length);
    assert.equal(info.originalSize, 136480);
  });
  test('a prefix decode is exactly the start of the full output', () => {
    const full = efiDecompress(payload);
    for (const n of [1, 64, 4096, 70000])
      assert.deepEqual(efiDecompress(payload, { prefix: n }), full.subarray(0, n));
    assert.equal(efiDecompress(payload, { prefix: 1 << 30 }).length, full.length);
  });
  test('shorter than the 8-byte header', () => {
    assert.throws(() => efiDecompress(payload.subarray(0, 7)), {
      name: 'RomFormatError',
      code: 'rom.efi-decompress',
    });
  });
  test('compressed size larger than what follows', () => {
    assert.throws(() => efiDecompress(payload.subarray(0, 1000)), /only 992 follow/);
  });
  test('a declared size above the limit', () => {
    assert.throws(() => efiDecompress(payload, { maxOutput: 1000 }), /exceeds the limit/);
  });
  test('a stream cut short (header adjusted) ends with an error, not zero fill', () => {
    const cut = payload.slice(0, 2000);
    new DataView(cut.buffer).setUint32(0, cut.length - 8, true);
    assert.throws(() => efiDecompress(cut), /stream ends before/);
  });
  test('a corrupted bit stream is refused or decodes to the declared size, never anything else', () => {
    for (let i = 0; i < 64; i++) {
      const m = payload.slice();
      m[8 + i * 7] ^= 0x10;
      try {
        assert.equal(efiDecompress(m).length, 136480);
      } catch (e) {
        assert.ok(e instanceof RomFormatError, String(e));
      }
    }
  });
});
