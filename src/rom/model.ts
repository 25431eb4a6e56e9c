/**
 * The records `vfiokit rom parse` produces (and `--json` prints as schema vfiokit.rom.parse/1).
 * Offsets are absolute file offsets in bytes unless a field says "relative".
 */
import type { EfiHeader } from './efi-header.js';
import type { Pcir } from './pcir.js';
import type { PeFacts } from './pe-image.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable machine-readable kind, e.g. "rom.vendor-header". */
  code: string;
  message: string;
  offset?: number;
}

export interface Checksum {
  /** 8-bit sum over the image's bytes in the file. */
  sum: number;
  /** Only legacy x86 (code type 0) images must sum to zero. */
  required: boolean;
  ok: boolean;
}

export interface EfiImageInfo {
  header: EfiHeader;
  /** Where the PE/COFF payload (compressed or not) lies, absolute. */
  payloadOffset: number;
  payloadLength: number;
  compressedSize?: number;
  /** Size of the decompressed driver (the stream header's OriginalSize). */
  decompressedSize?: number;
  /** 'headers': the stream was decoded up to the PE section table; 'full': all of it. */
  decompression?: 'headers' | 'full';
  /** Why the payload could not be read or decompressed. */
  error?: string;
  pe?: PeFacts;
}

export interface RomImage {
  index: number;
  offset: number;
  /** Image length in bytes from the PCIR (ImageLength × 512). */
  length: number;
  /** PCIR pointer (u16 at image+0x18), relative to the image. */
  pcirPointer: number;
  pcir: Pcir;
  /** False for images found by scanning after a broken chain or after the last image. */
  inChain: boolean;
  /** The image lies after the one whose indicator marks it last: firmware never sees it. */
  afterLast: boolean;
  /** The image's length runs past the end of the file. */
  truncated: boolean;
  /** Legacy images: the header's size byte (image+2) × 512. */
  legacyInitSize?: number;
  checksum: Checksum;
  efi?: EfiImageInfo;
}

export interface StraySignature {
  offset: number;
  /** "blank": 55 AA followed by an all-zero or all-FF header; "stray": anything else. */
  kind: 'stray' | 'blank';
}

export interface RomModel {
  size: number;
  /** Offset of the first valid image (55 AA + PCIR), or null when there is none. */
  romStart: number | null;
  /** Bytes before the first image (a vendor flash header or the rest of a full-flash dump). */
  vendorHeaderLength: number;
  /** End of the image marked last (or of the last image of the chain), i.e. the real ROM extent. */
  romEnd: number;
  trailing: { offset: number; length: number; fill: 'ff' | '00' | 'mixed' } | null;
  images: RomImage[];
  /** 55 AA signatures without a PCI data structure before the first image. */
  strays: StraySignature[];
  /** Total strays found; `strays` lists at most the first 64. */
  strayCount: number;
  findings: Finding[];
}
