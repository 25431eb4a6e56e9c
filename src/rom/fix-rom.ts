/**
 * `vfiokit rom fix`: make a ROM file usable as QEMU's romfile=. Firmware reads a ROM BAR from
 * offset 0, so a vendor header before the first image is stripped (the file then starts at that
 * image); vendor/device IDs can be rewritten in the legacy and EFI images' PCI data structures;
 * a legacy (code type 0) image whose 8-bit sum is not zero gets its checksum byte adjusted.
 * EFI images are never "fixed": they have no checksum rule and a non-zero sum is normal.
 * Pure: returns new bytes and a list of changes; the caller writes files.
 */

import { formatIdPair } from '../pci/id.js';
import { hex } from './byte-view.js';
import { sum8 } from './checksum.js';
import type { RomImage } from './model.js';
import { parseRom } from './parse-rom.js';
import { RomFormatError } from './rom-error.js';

export interface FixOptions {
  vendor?: number;
  device?: number;
  /**
   * Offset inside a legacy image of the byte to adjust (default: the image's last byte, where
   * VBIOS builders conventionally keep the checksum; it is padding or the checksum itself).
   */
  checksumByte?: number;
}

export type FixChange =
  | { kind: 'strip-header'; bytes: number; message: string }
  | { kind: 'ids'; image: number; from: string; to: string; message: string }
  | { kind: 'checksum'; image: number; offset: number; from: number; to: number; message: string };

export interface FixResult {
  output: Uint8Array;
  changes: FixChange[];
  /** Things left alone on purpose (EFI sums, truncated images), so the user knows. */
  notes: string[];
}

export function fixRom(input: Uint8Array, opts: FixOptions = {}): FixResult {
  const before = parseRom(input, { decompress: 'none' });
  if (before.romStart === null) {
    throw new RomFormatError('nothing to fix: the file holds no option ROM image (no 55 AA with a PCIR)', {
      code: 'rom.no-image',
      hint: 'check the file with `vfiokit rom parse FILE`',
    });
  }
  const changes: FixChange[] = [];
  const notes: string[] = [];
  const start = before.romStart;
  // Copy: the input buffer is never modified.
  const out = input.slice(start);
  if (start > 0) {
    changes.push({
      kind: 'strip-header',
      bytes: start,
      message: `stripped ${start} bytes (${hex(start)}) of vendor header; the ROM now starts with its first image`,
    });
  }
  const model = parseRom(out, { decompress: 'none' });
  const wantIds = opts.vendor !== undefined || opts.device !== undefined;
  for (const img of model.images) {
    if (img.afterLast || !img.inChain) continue;
    if (wantIds && (img.pcir.codeType === 0 || img.pcir.codeType === 3)) {
      const change = rewriteIds(out, img, opts);
      if (change) changes.push(change);
    }
    if (img.pcir.codeType === 0) {
      if (img.truncated) {
        notes.push(`image ${img.index} is cut off by the end of the file; its checksum was left alone`);
        continue;
      }
      const change = fixLegacyChecksum(out, img, opts.checksumByte);
      if (change) changes.push(change);
    } else if (img.pcir.codeType === 3 && img.checksum.sum !== 0) {
      notes.push(
        `image ${img.index} (EFI) sums to 0x${img.checksum.sum.toString(16)}: normal for EFI images, left alone`,
      );
    }
  }
  // An edit must never change what the walk finds (a PCIR that overlaps the image header could
  // have its pointer overwritten by the new IDs): compare the chain before and after.
  const after = parseRom(out, { decompress: 'none' });
  const shape = (m: typeof model) =>
    m.images.map((i) => `${i.offset}:${i.length}:${i.pcir.codeType}`).join(',');
  if (shape(after) !== shape(model)) {
    throw new RomFormatError(
      'the requested change would break the ROM structure (overlapping PCIR and header)',
      {
        code: 'rom.fix-breaks-structure',
        hint: 'nothing was written; inspect the file with `vfiokit rom parse FILE`',
      },
    );
  }
  return { output: out, changes, notes };
}

/**
 * The vendor and device IDs in an image's PCI data structure (PCIR+4 and +6, little-endian),
 * rewritten in place when they differ from the ones asked for.
 */
function rewriteIds(out: Uint8Array, img: RomImage, opts: FixOptions): FixChange | undefined {
  const p = img.pcir.offset;
  const v = opts.vendor ?? img.pcir.vendorId;
  const d = opts.device ?? img.pcir.deviceId;
  if (v === img.pcir.vendorId && d === img.pcir.deviceId) return undefined;
  const from = `${formatIdPair(img.pcir.vendorId, img.pcir.deviceId)}`;
  const to = `${formatIdPair(v, d)}`;
  out[p + 4] = v & 0xff;
  out[p + 5] = v >> 8;
  out[p + 6] = d & 0xff;
  out[p + 7] = d >> 8;
  return { kind: 'ids', image: img.index, from, to, message: `image ${img.index}: IDs ${from} → ${to}` };
}

/**
 * A legacy image's 8-bit sum brought to zero by adjusting one byte (the last, unless another is
 * named), in place; nothing when it already sums to zero.
 */
function fixLegacyChecksum(
  out: Uint8Array,
  img: RomImage,
  checksumByte: number | undefined,
): FixChange | undefined {
  const sum = sum8(out, img.offset, img.offset + img.length);
  if (sum === 0) return undefined;
  const rel = checksumByte ?? img.length - 1;
  if (rel < 0 || rel >= img.length) {
    throw new RomFormatError(`checksum byte offset ${hex(rel)} lies outside image ${img.index}`, {
      code: 'rom.bad-checksum-byte',
    });
  }
  const at = img.offset + rel;
  const from = out[at];
  const to = (from - sum) & 0xff;
  out[at] = to;
  return {
    kind: 'checksum',
    image: img.index,
    offset: at,
    from,
    to,
    message: `image ${img.index}: legacy checksum fixed, byte at ${hex(at)} 0x${from.toString(16)} → 0x${to.toString(16)}`,
  };
}
