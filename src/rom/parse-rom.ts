/**
 * Walks every image of a PCI expansion ROM file (PCI Firmware Specification 3.0 §5.1):
 * an image starts with 55 AA, its PCI data structure ("PCIR") is at the u16 at 0x18, its length
 * is PCIR.ImageLength × 512, and bit 7 of PCIR.Indicator marks the last image.
 *
 * Real files are messier than the spec, so the walk also reports what a user needs to know:
 * a vendor header before the first image (Nvidia flash headers, full-flash dumps), stray 55 AA
 * bytes without a PCIR, images that follow the one marked last (firmware never reaches them),
 * a chain that breaks, images cut off by the end of the file, and trailing bytes.
 * Images start on 512-byte boundaries (their lengths are multiples of 512), which is why the
 * search for images steps by 512 while the search for stray signatures looks at every byte.
 */
import { ByteView, hex } from './byte-view.js';
import { sum8 } from './checksum.js';
import { efiCompressedInfo, efiDecompress } from './efi-decompress.js';
import { decodeEfiHeader } from './efi-header.js';
import type { EfiImageInfo, Finding, RomImage, RomModel, StraySignature } from './model.js';
import { decodePcir, hasPcir } from './pcir.js';
import { peFacts, peHeaderExtent } from './pe-image.js';
import { RomFormatError } from './rom-error.js';

export type DecompressMode = 'none' | 'headers' | 'full';

export interface ParseOptions {
  /**
   * How much of a compressed EFI driver to decode: 'full' (default) decodes the whole driver, which
   * proves the stream yields its declared size, as the firmware's decompressor must before it runs
   * the driver; 'headers' decodes the front of the stream up to the end of the PE section table,
   * enough for every PE fact but not for a boot verdict; 'none' skips it.
   */
  decompress?: DecompressMode;
}

/** The first decode of a compressed driver: enough for the PE headers of every real driver seen. */
const HEADER_PREFIX = 4096;

function decodePeOfCompressed(payload: Uint8Array, mode: DecompressMode, info: EfiImageInfo): void {
  const declared = efiCompressedInfo(payload).originalSize;
  if (mode === 'full') {
    const out = efiDecompress(payload);
    info.decompressedSize = out.length;
    info.decompression = 'full';
    info.pe = peFacts(out);
    return;
  }
  let out = efiDecompress(payload, { prefix: HEADER_PREFIX });
  const need = peHeaderExtent(out);
  if (need > out.length && out.length < declared) out = efiDecompress(payload, { prefix: need });
  info.decompressedSize = declared;
  info.decompression = 'headers';
  info.pe = peFacts(out, declared);
}

const HEADER_LENGTH = 0x1a;
const MAX_STRAYS_LISTED = 64;

/** 55 AA at `o` with a PCIR signature where the u16 at o+0x18 points. */
export function isImageAt(view: ByteView, o: number): boolean {
  if (!view.has(o, HEADER_LENGTH) || view.bytes[o] !== 0x55 || view.bytes[o + 1] !== 0xaa) return false;
  const ptr = view.bytes[o + 0x18] | (view.bytes[o + 0x19] << 8);
  return hasPcir(view, o + ptr);
}

/** The first image at a 512-byte boundary at or after `from`. */
export function findImage(view: ByteView, from: number): number | undefined {
  for (let o = Math.ceil(from / 512) * 512; o + HEADER_LENGTH <= view.size; o += 512) {
    if (isImageAt(view, o)) return o;
  }
  return undefined;
}

function scanStrays(view: ByteView, end: number): { list: StraySignature[]; count: number } {
  const b = view.bytes;
  const list: StraySignature[] = [];
  let count = 0;
  for (let i = b.indexOf(0x55); i >= 0 && i + 1 < end; i = b.indexOf(0x55, i + 1)) {
    if (b[i + 1] !== 0xaa) continue;
    count++;
    if (list.length >= MAX_STRAYS_LISTED) continue;
    list.push({ offset: i, kind: isBlankHeader(view, i) ? 'blank' : 'stray' });
  }
  return { list, count };
}

function isBlankHeader(view: ByteView, o: number): boolean {
  if (!view.has(o, HEADER_LENGTH)) return false;
  const first = view.bytes[o + 2];
  if (first !== 0 && first !== 0xff) return false;
  for (let i = o + 2; i < o + HEADER_LENGTH; i++) if (view.bytes[i] !== first) return false;
  return true;
}

function fillOf(b: Uint8Array, from: number, to: number): 'ff' | '00' | 'mixed' {
  const first = b[from];
  if (first !== 0 && first !== 0xff) return 'mixed';
  // Native compare: trailing areas run to megabytes in full-flash dumps.
  const area = Buffer.from(b.buffer, b.byteOffset + from, to - from);
  if (!area.equals(Buffer.alloc(to - from, first))) return 'mixed';
  return first === 0 ? '00' : 'ff';
}

function decodeEfi(view: ByteView, img: RomImage, decompress: DecompressMode): EfiImageInfo {
  const header = decodeEfiHeader(view, img.offset);
  const imageEnd = Math.min(img.offset + img.length, view.size);
  // The payload runs from EfiImageHeaderOffset to InitializationSize × 512 (what edk2's PCI bus
  // driver hands to LoadImage); a zero InitializationSize falls back to the PCIR image length.
  const initEnd = header.initializationSize > 0 ? img.offset + header.initializationSize : imageEnd;
  const payloadOffset = img.offset + header.imageHeaderOffset;
  const payloadEnd = Math.min(initEnd, imageEnd);
  const info: EfiImageInfo = {
    header,
    payloadOffset,
    payloadLength: Math.max(0, payloadEnd - payloadOffset),
  };
  if (!header.signatureValid) {
    info.error = `EFI signature is ${hex(header.signature)}, not 0xef1`;
    return info;
  }
  if (payloadOffset >= payloadEnd) {
    info.error = `EFI image header offset ${hex(header.imageHeaderOffset)} lies outside the image`;
    return info;
  }
  const payload = view.bytes.subarray(payloadOffset, payloadEnd);
  try {
    if (header.compressionType === 0) {
      info.pe = peFacts(payload);
    } else if (header.compressionType === 1) {
      info.compressedSize = efiCompressedInfo(payload).compressedSize;
      if (decompress !== 'none') decodePeOfCompressed(payload, decompress, info);
    } else {
      info.error = `unknown compression type ${header.compressionType}`;
    }
  } catch (e) {
    if (!(e instanceof RomFormatError)) throw e;
    info.error = e.message;
  }
  return info;
}

function decodeImage(view: ByteView, o: number, index: number, decompress: DecompressMode): RomImage {
  const pcirPointer = view.u16(o + 0x18);
  const pcir = decodePcir(view, o + pcirPointer, view.size);
  const length = pcir.imageLength;
  const truncated = o + length > view.size;
  const required = pcir.codeType === 0;
  const sum = sum8(view.bytes, o, o + length);
  const img: RomImage = {
    index,
    offset: o,
    length,
    pcirPointer,
    pcir,
    inChain: true,
    afterLast: false,
    truncated,
    checksum: { sum, required, ok: !required || (sum === 0 && !truncated) },
  };
  if (pcir.pci30?.deviceListPointer) {
    // Re-decode with the image end known, so a device list cannot run into the next image.
    img.pcir = decodePcir(view, o + pcirPointer, o + length);
  }
  if (pcir.codeType === 0) img.legacyInitSize = view.u8(o + 2) * 512;
  if (pcir.codeType === 3) img.efi = decodeEfi(view, img, decompress);
  return img;
}

export function parseRom(bytes: Uint8Array, opts: ParseOptions = {}): RomModel {
  const view = new ByteView(bytes);
  const decompress = opts.decompress ?? 'full';
  const findings: Finding[] = [];
  const model: RomModel = {
    size: bytes.length,
    romStart: null,
    vendorHeaderLength: 0,
    romEnd: 0,
    trailing: null,
    images: [],
    strays: [],
    strayCount: 0,
    findings,
  };
  if (bytes.length === 0) {
    findings.push({ severity: 'error', code: 'rom.empty', message: 'the file is empty' });
    return model;
  }
  const start = findImage(view, 0);
  noteStrays(model, view, start);
  if (start === undefined) return model;
  model.romStart = start;
  model.vendorHeaderLength = start;
  if (start > 0) {
    findings.push({
      severity: 'warning',
      code: 'rom.vendor-header',
      offset: start,
      message: `${start} bytes (${hex(start)}) precede the first image: a vendor header or flash dump; the real ROM starts at ${hex(start)}`,
    });
  }
  const { lastEnd, chainEnd } = walkImages(model, view, start, decompress);
  noteEnd(model, bytes, lastEnd, chainEnd);
  for (const img of model.images) checkImage(img, findings);
  return model;
}

/** 55 AA signatures outside the image chain; with no image at all, the "no image" error. */
function noteStrays(model: RomModel, view: ByteView, start: number | undefined): void {
  const { findings } = model;
  const strayEnd = start ?? model.size;
  const strays = scanStrays(view, strayEnd);
  model.strays = strays.list;
  model.strayCount = strays.count;
  // Without any image the byte-level hits are mostly code and data; only signatures on 512-byte
  // boundaries (where an image would start) are worth a line each.
  const listed = start === undefined ? strays.list.filter((x) => x.offset % 512 === 0) : strays.list;
  for (const s of listed) {
    findings.push({
      severity: start === undefined ? 'warning' : 'info',
      code: s.kind === 'blank' ? 'rom.blank-signature' : 'rom.stray-signature',
      offset: s.offset,
      message:
        s.kind === 'blank'
          ? `blank 55 AA at ${hex(s.offset)} (empty header, no PCI data structure)`
          : `stray 55 AA at ${hex(s.offset)} without a PCI data structure`,
    });
  }
  if (start === undefined) {
    const isa = strays.list[0]?.offset === 0;
    findings.push({
      severity: 'error',
      code: 'rom.no-image',
      message: `no option ROM image: no 55 AA with a PCI data structure at any 512-byte boundary${strays.count ? ` (${strays.count} 55 AA signature${strays.count === 1 ? '' : 's'} without one)` : ''}${isa ? '; the file starts like an ISA-style ROM, which firmware cannot tie to a PCI device' : ''}`,
    });
  }
}

/**
 * Walks the image chain from the first image: each image's length leads to the next until one is
 * marked last (PCI Firmware spec 3.0, 5.1.2: indicator bit 7); images found past a break or after
 * the last one are kept, marked, for the report. One loop on purpose: the four positions it tracks
 * (the image, past the last, still in the chain, where the chain and the ROM end) change together
 * at every image, and split apart they would have to be passed in and out of each part.
 */
// long: the PCI firmware image walk (55AA, PCIR, length, last-image bit) with each bound checked where it applies
function walkImages(
  model: RomModel,
  view: ByteView,
  start: number,
  decompress: DecompressMode,
): { lastEnd?: number; chainEnd: number } {
  const { findings } = model;
  let o = start;
  let afterLast = false;
  let lastEnd: number | undefined;
  let chainEnd = start;
  let inChain = true;
  while (o < model.size) {
    if (!isImageAt(view, o)) {
      if (!afterLast && inChain) {
        findings.push({
          severity: 'error',
          code: 'rom.chain-broken',
          offset: o,
          message: `no image at ${hex(o)} where the previous image ends, although it is not marked last`,
        });
      }
      inChain = false;
      const next = findImage(view, o + 1);
      if (next === undefined) break;
      o = next;
      continue;
    }
    const img = decodeImage(view, o, model.images.length, decompress);
    img.afterLast = afterLast;
    img.inChain = inChain;
    model.images.push(img);
    if (img.length === 0) {
      findings.push({
        severity: 'error',
        code: 'rom.zero-length',
        offset: o,
        message: `image ${img.index} at ${hex(o)} has an image length of 0${img.pcir.last && !afterLast ? ' (it is marked last: firmware stops there)' : ''}`,
      });
      // Its indicator still ends the walk (PCI Firmware spec 3.0, 5.1.2: bit 7 marks the last
      // image), so the chain has a last image: the problem is its length, not a missing mark.
      if (img.pcir.last && !afterLast) {
        afterLast = true;
        lastEnd = o;
      }
      inChain = false;
      const next = findImage(view, o + 1);
      if (next === undefined) break;
      o = next;
      continue;
    }
    if (img.truncated) {
      findings.push({
        severity: 'error',
        code: 'rom.truncated',
        offset: o,
        message: `image ${img.index} at ${hex(o)} is ${img.length} bytes long but the file ends after ${model.size - o}`,
      });
    }
    if (!afterLast) chainEnd = Math.min(o + img.length, model.size);
    if (img.pcir.last && !afterLast) {
      afterLast = true;
      lastEnd = Math.min(o + img.length, model.size);
    }
    if (img.truncated) break;
    o += img.length;
  }
  return { lastEnd, chainEnd };
}

/** Where the ROM ends, a missing last-image mark, and what trails the last image. */
function noteEnd(model: RomModel, bytes: Uint8Array, lastEnd: number | undefined, chainEnd: number): void {
  const { findings } = model;
  model.romEnd = lastEnd ?? chainEnd;
  if (lastEnd === undefined) {
    findings.push({
      severity: 'error',
      code: 'rom.no-last',
      message: 'no image is marked last (indicator bit 7); firmware walks past the end of the ROM',
    });
  }
  if (model.romEnd < bytes.length) {
    model.trailing = {
      offset: model.romEnd,
      length: bytes.length - model.romEnd,
      fill: fillOf(bytes, model.romEnd, bytes.length),
    };
    findings.push({
      severity: 'info',
      code: 'rom.trailing',
      offset: model.romEnd,
      message: `${model.trailing.length} trailing bytes after the last image (${model.trailing.fill === 'mixed' ? 'not blank' : `all 0x${model.trailing.fill}`})`,
    });
  }
}

function checkImage(img: RomImage, findings: Finding[]): void {
  const at = `image ${img.index} at ${hex(img.offset)}`;
  if (img.afterLast) {
    findings.push({
      severity: 'warning',
      code: 'rom.after-last',
      offset: img.offset,
      message: `${at} (${img.pcir.codeTypeName}) lies after the image marked last; firmware never loads it`,
    });
  }
  if (img.checksum.required && !img.checksum.ok && !img.truncated) {
    findings.push({
      severity: 'error',
      code: 'rom.checksum',
      offset: img.offset,
      message: `${at} is a legacy image whose 8-bit checksum is 0x${img.checksum.sum.toString(16)}, not 0 (\`vfiokit rom fix\` repairs it)`,
    });
  }
  if (img.pcirPointer === 0 || img.pcirPointer % 4 !== 0) {
    findings.push({
      severity: 'warning',
      code: 'rom.pcir-alignment',
      offset: img.offset,
      message: `${at}: PCIR pointer 0x${img.pcirPointer.toString(16)} is not DWORD aligned; UEFI firmware stops there`,
    });
  }
  for (const p of img.pcir.problems) {
    findings.push({ severity: 'warning', code: 'rom.pcir', offset: img.pcir.offset, message: `${at}: ${p}` });
  }
  if (img.efi?.error) {
    findings.push({
      severity: 'error',
      code: 'rom.efi',
      offset: img.offset,
      message: `${at}: ${img.efi.error}`,
    });
  } else if (img.efi?.pe && !img.efi.pe.valid) {
    findings.push({
      severity: 'error',
      code: 'rom.efi-pe',
      offset: img.offset,
      message: `${at}: the EFI driver is not a valid PE image: ${img.efi.pe.problems.join('; ')}`,
    });
  }
}
