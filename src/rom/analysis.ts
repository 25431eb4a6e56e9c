/**
 * The ROM toolkit's judgement of ROM bytes, shared by `rom parse`, `rom dump` and doctor's ROM
 * check: the parsed model, whether an image matches the device, and the UEFI verdict.
 */
import type { RomModel } from './model.js';
import { type DecompressMode, parseRom } from './parse-rom.js';
import { checkIds, type DeviceId, type IdCheck, type UefiVerdict, uefiVerdict } from './verdict.js';

export interface ParsedRom {
  file: string;
  rom: RomModel;
  ids?: IdCheck;
  verdict: UefiVerdict;
}

export function analyseRom(
  file: string,
  bytes: Uint8Array,
  device?: DeviceId,
  decompress: DecompressMode = 'full',
): ParsedRom {
  const rom = parseRom(bytes, { decompress });
  const ids = device ? checkIds(rom, device) : undefined;
  return { file, rom, ids, verdict: uefiVerdict(rom, ids, bytes) };
}

/** Errors in the chain or the images, or no image for the device asked about: exit 1. */
export function hasProblems(p: ParsedRom): boolean {
  return p.rom.findings.some((f) => f.severity === 'error') || (p.ids !== undefined && !p.ids.matches);
}

/** PCIR code types by name (PCI Firmware Specification 3.x, "PCI Data Structure"). */
export const codeTypeName = (t: number): string =>
  t === 0 ? 'x86 BIOS' : t === 3 ? 'EFI' : `type ${t.toString(16)}`;

/** The images a firmware would walk (up to the one marked last), one line each. */
export const imageList = (rom: RomModel): string[] =>
  rom.images
    .filter((i) => !i.afterLast)
    .map((i) => `${codeTypeName(i.pcir.codeType)} at 0x${i.offset.toString(16)}`);
