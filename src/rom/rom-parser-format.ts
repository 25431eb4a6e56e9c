/**
 * `vfiokit rom parse --format rom-parser`: the exact text of awilliam/rom-parser (rom-parser.c,
 * master), so scripts that scrape it keep working. Its logic, reproduced here:
 * - look for 55 AA at offset 0, 512, 1024, ... (512-byte steps only, also after an image: it
 *   never uses the image length);
 * - print the PCIR fields of every image found, and the EFI header fields for code type 3;
 * - stop after an image whose indicator byte is non-zero (any bit, not just bit 7), after an
 *   invalid PCIR signature (printed as four raw bytes), or at the end of the file
 *   ("Error, ran off the end"); the exit status is non-zero for the two errors.
 * rom-parser reads through its mmap with no bounds checks: a PCIR pointer past the end of the
 * file crashes it or reads zero fill. Where it would, this prints one clear "Error, ..." line
 * instead and stops with a non-zero status.
 */
import { formatPciId } from '../pci/id.js';

export interface RomParserResult {
  /** Output bytes (Latin-1: the invalid-signature line echoes raw bytes, NULs included). */
  text: string;
  ok: boolean;
}

const h = (n: number) => n.toString(16);
const h2 = (n: number) => n.toString(16).padStart(2, '0');

function efiSubsystem(s: number): string {
  if (s === 0xb) return 'Boot';
  if (s === 0xc) return 'Runtime';
  return `Unknown (${h(s)})`;
}

function efiMachine(m: number): string {
  switch (m) {
    case 0x014c:
      return 'IA-32';
    case 0x0200:
      return 'Itanium';
    case 0x0ebc:
      return 'EFI Byte Code';
    case 0x8664:
      return 'X64';
    case 0x01c2:
      return 'ARM';
    case 0xaa64:
      return 'ARM 64-bit';
    default:
      return `Unknown (${h(m)})`;
  }
}

/** Bytes rom-parser reads of the ROM header (struct header) and of the PCIR (through "last"). */
const HEADER_BYTES = 0x1a;
const PCIR_BYTES = 0x16;

export function formatRomParser(b: Uint8Array): RomParserResult {
  const size = b.length;
  if (size === 0) return { text: 'Error, zero sized ROM file\n', ok: false };
  const u16 = (o: number) => b[o] | (b[o + 1] << 8);
  const u32 = (o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  let out = '';
  let offset = 0;
  for (;;) {
    if (offset >= size) return { text: `${out}Error, ran off the end\n`, ok: false };
    // A byte past the end of the file reads as 0 from the mmap's last page: never a signature.
    if (b[offset] !== 0x55 || offset + 1 >= size || b[offset + 1] !== 0xaa) {
      offset += 512;
      continue;
    }
    if (offset + HEADER_BYTES > size) {
      return {
        text: `${out}Error, ROM header at ${h(offset)}h is cut off by the end of the file (size ${h(size)}h)\n`,
        ok: false,
      };
    }
    const pcirOffset = u16(offset + 0x18);
    out += `Valid ROM signature found @${h(offset)}h, PCIR offset ${h(pcirOffset)}h\n`;
    const p = offset + pcirOffset;
    if (p + 4 > size) {
      return {
        text: `${out}Error, PCIR offset ${h(pcirOffset)}h points past the end of the file (size ${h(size)}h)\n`,
        ok: false,
      };
    }
    const sig = String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3]);
    if (sig !== 'PCIR') {
      // strncmp stops at a NUL in either string, so "PC\0x" compares unequal like any mismatch.
      return { text: `${out}Invalid PCIR signature: ${sig}\n`, ok: false };
    }
    if (p + PCIR_BYTES > size) {
      return {
        text: `${out}Error, PCI data structure at ${h(p)}h is cut off by the end of the file (size ${h(size)}h)\n`,
        ok: false,
      };
    }
    const type = b[p + 0x14];
    const suffix = type === 0 ? ' (x86 PC-AT)' : type === 3 ? ' (EFI)' : '';
    out += `\tPCIR: type ${h(type)}${suffix}, vendor: ${formatPciId(u16(p + 4))}, device: ${formatPciId(u16(p + 6))}, class: ${h2(b[p + 0x0f])}${h2(b[p + 0x0e])}${h2(b[p + 0x0d])}\n`;
    out += `\tPCIR: revision ${h(b[p + 0x0c])}, vendor revision: ${h(u16(p + 0x12))}\n`;
    if (type === 3) {
      const valid = u32(offset + 4) === 0x0ef1;
      out += `\t\tEFI: Signature ${valid ? '' : 'NOT '}Valid`;
      if (valid)
        out += `, Subsystem: ${efiSubsystem(u16(offset + 8))}, Machine: ${efiMachine(u16(offset + 0x0a))}`;
      out += '\n';
    }
    if (b[p + 0x15] === 0) {
      offset += 512;
      continue;
    }
    return { text: `${out}\tLast image\n`, ok: true };
  }
}
