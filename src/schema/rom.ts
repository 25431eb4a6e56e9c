/**
 * An option ROM as `rom parse` and `rom dump` print it. Offsets and sizes are numbers of bytes
 * (absolute file offsets unless a field says relative); PCI IDs and class codes are strings in
 * the one ID form of every document (common.ts).
 */
import * as v from 'valibot';
import { classCode, count, idPair, pciId } from './common.js';
import { field } from './define.js';

const offset = (meaning: string) => count(meaning);

export const peJson = v.strictObject({
  valid: field(v.boolean(), 'all structural checks passed'),
  problems: field(v.array(v.string()), 'what is wrong, one sentence each; empty when valid'),
  fileSize: count('bytes of the PE image'),
  peOffset: v.optional(v.number()),
  machine: v.optional(field(v.number(), 'COFF Machine')),
  machineName: v.optional(field(v.string(), 'e.g. "X64"')),
  optionalHeaderMagic: v.optional(v.number()),
  format: v.optional(v.picklist(['PE32', 'PE32+', 'unknown'])),
  subsystem: v.optional(v.number()),
  subsystemName: v.optional(v.string()),
  sizeOfImage: v.optional(v.number()),
  sizeOfHeaders: v.optional(v.number()),
  entryPoint: v.optional(v.number()),
  sections: field(
    v.array(
      v.strictObject({
        name: v.string(),
        virtualAddress: v.number(),
        virtualSize: v.number(),
        rawOffset: v.number(),
        rawSize: v.number(),
      }),
    ),
    'the section table',
  ),
});

const efiJson = v.strictObject({
  header: field(
    v.strictObject({
      signature: field(v.number(), 'EfiSignature (u32 at 4)'),
      signatureValid: field(v.boolean(), 'it is 0x0EF1'),
      initializationSize: field(v.number(), 'InitializationSize × 512: the extent of the EFI image'),
      subsystem: v.number(),
      subsystemName: v.string(),
      machine: v.number(),
      machineName: v.string(),
      compressionType: field(v.number(), '1: EFI compression'),
      compressed: v.boolean(),
      imageHeaderOffset: field(v.number(), 'EfiImageHeaderOffset, relative to the image start'),
    }),
    'the EFI image header fields',
  ),
  payloadOffset: offset('where the PE/COFF payload (compressed or not) lies'),
  payloadLength: count('its length'),
  compressedSize: v.optional(v.number()),
  decompressedSize: v.optional(field(v.number(), "the stream header's OriginalSize")),
  decompression: v.optional(
    field(
      v.picklist(['headers', 'full']),
      'decoded up to the PE section table (headers) or all of it (full)',
    ),
  ),
  error: v.optional(field(v.string(), 'why the payload could not be read or decompressed')),
  pe: v.optional(field(peJson, 'the PE/COFF driver')),
});

export const romImageJson = v.strictObject({
  index: count('image number'),
  offset: offset('where the image starts'),
  length: count('image length from the PCIR (ImageLength × 512)'),
  pcirPointer: field(v.number(), 'PCIR pointer (u16 at image+0x18), relative to the image'),
  pcir: field(
    v.strictObject({
      offset: offset('where the PCI data structure lies'),
      vendorId: pciId('vendor ID'),
      deviceId: pciId('device ID'),
      length: v.number(),
      revision: v.number(),
      classCode: classCode(),
      imageLength: count('image length in bytes (field × 512)'),
      codeRevision: v.number(),
      codeType: field(v.number(), '0 x86 BIOS, 1 Open Firmware, 2 HP PA-RISC, 3 EFI, 0xE0+ vendor-specific'),
      codeTypeName: v.string(),
      indicator: v.number(),
      last: field(v.boolean(), 'indicator bit 7: the last image of the ROM'),
      pci30: v.optional(
        field(
          v.strictObject({
            deviceListPointer: field(v.number(), 'relative to the PCIR, 0 = none'),
            deviceList: field(v.array(pciId('device ID')), 'additional device IDs the image supports'),
            maxRuntimeImageLength: v.number(),
            configUtilityPointer: v.number(),
            dmtfClpPointer: v.number(),
          }),
          'PCI 3.0 fields',
        ),
      ),
      problems: field(v.array(v.string()), 'problems decoding optional parts'),
    }),
    'the PCI data structure ("PCIR")',
  ),
  inChain: field(v.boolean(), 'false for images found by scanning after a broken chain or the last image'),
  afterLast: field(v.boolean(), 'lies after the image marked last: firmware never sees it'),
  truncated: field(v.boolean(), 'its length runs past the end of the file'),
  legacyInitSize: v.optional(field(v.number(), "legacy images: the header's size byte (image+2) × 512")),
  checksum: field(
    v.strictObject({
      sum: field(v.number(), '8-bit sum over the image'),
      required: field(v.boolean(), 'only legacy x86 (code type 0) images must sum to zero'),
      ok: v.boolean(),
    }),
    'the image checksum',
  ),
  efi: v.optional(field(efiJson, 'EFI images')),
});

export const romModelJson = v.strictObject({
  size: count('file size'),
  romStart: field(
    v.nullable(v.number()),
    'offset of the first valid image (55 AA + PCIR), or null when none',
  ),
  vendorHeaderLength: count('bytes before the first image (a vendor flash header or a full-flash dump)'),
  romEnd: field(v.number(), 'end of the image marked last: the real ROM extent'),
  trailing: field(
    v.nullable(
      v.strictObject({ offset: v.number(), length: v.number(), fill: v.picklist(['ff', '00', 'mixed']) }),
    ),
    'bytes after the ROM extent, or null',
  ),
  images: field(v.array(romImageJson), 'the images found'),
  strays: field(
    v.array(v.strictObject({ offset: v.number(), kind: v.picklist(['stray', 'blank']) })),
    '55 AA signatures without a PCI data structure before the first image (at most 64)',
  ),
  strayCount: count('all strays found'),
  findings: field(
    v.array(
      v.strictObject({
        severity: v.picklist(['error', 'warning', 'info']),
        code: field(v.string(), 'stable kind, e.g. "rom.vendor-header"'),
        message: v.string(),
        offset: v.optional(v.number()),
      }),
    ),
    'what is wrong or worth knowing',
  ),
});

export const idCheckJson = v.strictObject({
  device: idPair('the IDs asked for'),
  matchingImages: field(v.array(v.number()), 'images whose PCIR IDs or device list match'),
  mismatchingImages: v.array(v.number()),
  matches: v.boolean(),
});

export const uefiVerdictJson = v.strictObject({
  uefi: field(
    v.picklist(['yes', 'no', 'unknown']),
    'yes only when an X64 EFI driver decompressed completely to a valid PE32+ image; no when the ROM as given would not boot; unknown when the bytes do not allow an answer',
  ),
  uefiBoot: field(v.boolean(), 'uefi is yes'),
  image: v.optional(field(v.number(), 'the EFI image OVMF would run')),
  reasons: v.array(v.string()),
  fixable: v.optional(
    field(v.boolean(), 'the ROM is fine but needs `vfiokit rom fix` first (vendor header)'),
  ),
});

/** One file's analysis: the fields `rom parse` lists per file and `rom dump` merges into its document. */
export const parsedRomEntries = {
  file: field(v.string(), 'the file read'),
  rom: field(romModelJson, 'the decoded ROM'),
  ids: v.optional(field(idCheckJson, 'with --device/--for: do the images carry those IDs')),
  verdict: field(uefiVerdictJson, 'will it boot under OVMF'),
};
export const parsedRomJson = v.strictObject(parsedRomEntries);
export type ParsedRomJson = v.InferOutput<typeof parsedRomJson>;
export type RomModelJson = v.InferOutput<typeof romModelJson>;
