/**
 * The facts of a PE/COFF image (Microsoft PE format specification) that decide whether UEFI
 * firmware can load an option ROM driver: the MZ stub, the "PE\0\0" signature at e_lfanew, the
 * COFF machine, the optional header magic (0x20b = PE32+, needed for X64), subsystem, SizeOfImage,
 * and that every section fits both the file and SizeOfImage.
 */
import { ByteView } from './byte-view.js';
import { machineName, subsystemName } from './names.js';

export const PE32_MAGIC = 0x10b;
export const PE32PLUS_MAGIC = 0x20b;

export interface PeSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawOffset: number;
  rawSize: number;
}

export interface PeFacts {
  /** All structural checks passed. */
  valid: boolean;
  /** What is wrong, one sentence each; empty when valid. */
  problems: string[];
  fileSize: number;
  peOffset?: number;
  machine?: number;
  machineName?: string;
  optionalHeaderMagic?: number;
  format?: 'PE32' | 'PE32+' | 'unknown';
  subsystem?: number;
  subsystemName?: string;
  sizeOfImage?: number;
  sizeOfHeaders?: number;
  entryPoint?: number;
  sections: PeSection[];
}

/** Far above any real driver; keeps a corrupt NumberOfSections from costing time. */
const MAX_SECTIONS = 96;

/**
 * How many leading bytes hold the headers and the section table, as far as `bytes` (a prefix of
 * the image) tells; used to decode just enough of a compressed driver.
 */
export function peHeaderExtent(bytes: Uint8Array): number {
  const v = new ByteView(bytes);
  if (!v.has(0, 0x40)) return 0x40;
  const pe = v.u32(0x3c);
  if (pe > 1 << 20) return 0x40;
  if (!v.has(pe, 24)) return pe + 24;
  const sections = Math.min(v.u16(pe + 6), MAX_SECTIONS);
  return pe + 24 + v.u16(pe + 0x14) + sections * 40;
}

/**
 * PE facts of `bytes`. `fileSize` is the size of the whole file when `bytes` is only its leading
 * part (a compressed driver decoded as far as its headers); section raw data is checked against it.
 */
export function peFacts(bytes: Uint8Array, fileSize = bytes.length): PeFacts {
  const v = new ByteView(bytes);
  const f: PeFacts = { valid: false, problems: [], fileSize, sections: [] };
  if (!v.has(0, 0x40) || bytes[0] !== 0x4d || bytes[1] !== 0x5a) {
    f.problems.push('no MZ header');
    return f;
  }
  const pe = v.u32(0x3c);
  if (!v.has(pe, 24) || v.latin1(pe, 4) !== 'PE\0\0') {
    f.problems.push(`no "PE\\0\\0" signature at e_lfanew 0x${pe.toString(16)}`);
    return f;
  }
  f.peOffset = pe;
  f.machine = v.u16(pe + 4);
  f.machineName = machineName(f.machine);
  const nSections = v.u16(pe + 6);
  const optSize = v.u16(pe + 0x14);
  const opt = pe + 24;
  if (optSize < 72 || !v.has(opt, 72)) {
    f.problems.push('optional header is missing or cut off');
    return f;
  }
  f.optionalHeaderMagic = v.u16(opt);
  f.format =
    f.optionalHeaderMagic === PE32PLUS_MAGIC
      ? 'PE32+'
      : f.optionalHeaderMagic === PE32_MAGIC
        ? 'PE32'
        : 'unknown';
  if (f.format === 'unknown')
    f.problems.push(`unknown optional header magic 0x${f.optionalHeaderMagic.toString(16)}`);
  f.entryPoint = v.u32(opt + 16);
  // SizeOfImage, SizeOfHeaders and Subsystem sit at the same offsets in PE32 and PE32+.
  f.sizeOfImage = v.u32(opt + 56);
  f.sizeOfHeaders = v.u32(opt + 60);
  f.subsystem = v.u16(opt + 68);
  f.subsystemName = subsystemName(f.subsystem);
  if (nSections > MAX_SECTIONS) {
    f.problems.push(`implausible section count ${nSections}`);
    return f;
  }
  const table = opt + optSize;
  if (!v.has(table, nSections * 40)) {
    f.problems.push('section table runs past the end of the image');
    return f;
  }
  readSections(v, bytes, table, nSections, f);
  if (f.sizeOfHeaders > f.sizeOfImage) f.problems.push('SizeOfHeaders exceeds SizeOfImage');
  f.valid = f.problems.length === 0;
  return f;
}

/**
 * The section table (40 bytes a section: the name, then VirtualSize, VirtualAddress,
 * SizeOfRawData, PointerToRawData), each section checked against SizeOfImage and the file size.
 */
function readSections(v: ByteView, bytes: Uint8Array, table: number, nSections: number, f: PeFacts): void {
  const sizeOfImage = f.sizeOfImage ?? 0;
  for (let i = 0; i < nSections; i++) {
    const s = table + i * 40;
    let name = '';
    for (let k = 0; k < 8 && bytes[s + k] !== 0; k++) name += String.fromCharCode(bytes[s + k]);
    const sec: PeSection = {
      name,
      virtualSize: v.u32(s + 8),
      virtualAddress: v.u32(s + 12),
      rawSize: v.u32(s + 16),
      rawOffset: v.u32(s + 20),
    };
    f.sections.push(sec);
    if (sec.virtualAddress + Math.max(sec.virtualSize, 0) > sizeOfImage) {
      f.problems.push(`section ${name || i} ends past SizeOfImage`);
    }
    if (sec.rawSize > 0 && sec.rawOffset + sec.rawSize > f.fileSize) {
      f.problems.push(`section ${name || i} raw data runs past the end of the file`);
    }
  }
}
