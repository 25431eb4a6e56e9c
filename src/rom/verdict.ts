/**
 * The answer a passthrough user came for: will OVMF (edk2's x64 UEFI firmware) run this ROM's
 * EFI driver? The rules follow edk2's PCI bus driver (MdeModulePkg PciBusDxe,
 * PciOptionRomSupport.c): it reads the ROM from offset 0 of the ROM BAR and gives up unless 55 AA
 * is there; it walks images by ImageLength until the indicator's last bit; it stops at a PCIR
 * pointer that is zero or not DWORD aligned; it skips images that are not code type 3 and EFI
 * applications; LoadImage then needs the X64 machine type, a valid PE32+ image and, for
 * compressed images, a stream the EFI decompressor accepts. The PCIR vendor/device IDs are not
 * checked by the bus driver (the driver's own Supported() test decides), so a mismatch is
 * reported against the whole ROM: no image at all for the device means a ROM for another card.
 */

import { formatIdPair } from '../pci/id.js';
import { hex } from './byte-view.js';
import type { RomImage, RomModel } from './model.js';
import { MACHINE_X64, SUBSYSTEM_BOOT_DRIVER, SUBSYSTEM_RUNTIME_DRIVER } from './names.js';

export interface DeviceId {
  vendor: number;
  device: number;
}

export interface IdCheck {
  device: string;
  /** Images (by index) whose PCIR vendor and device ID or device list match. */
  matchingImages: number[];
  mismatchingImages: number[];
  matches: boolean;
}

export interface UefiVerdict {
  /**
   * 'yes' only when an EFI driver for X64 decompressed completely to a valid PE32+ image; 'no' when
   * the ROM as given would not boot (no EFI image, a corrupt or truncated driver, another card's
   * ROM, a vendor header in front); 'unknown' when the bytes do not allow an answer (no option ROM
   * in them at all, all ones or zeros as an unanswered read gives, a driver not fully decoded).
   */
  uefi: 'yes' | 'no' | 'unknown';
  /** uefi === 'yes'. */
  uefiBoot: boolean;
  /** The EFI image OVMF would run, when there is one. */
  image?: number;
  reasons: string[];
  /** Set when the ROM itself is fine but needs `vfiokit rom fix` first (vendor header). */
  fixable?: boolean;
}

export function formatDeviceId(d: DeviceId): string {
  return `${formatIdPair(d.vendor, d.device)}`;
}

export function imageMatches(img: RomImage, d: DeviceId): boolean {
  if (img.pcir.vendorId !== d.vendor) return false;
  return img.pcir.deviceId === d.device || (img.pcir.pci30?.deviceList.includes(d.device) ?? false);
}

export function checkIds(model: RomModel, d: DeviceId): IdCheck {
  const relevant = model.images.filter((i) => !i.afterLast);
  const matching = relevant.filter((i) => imageMatches(i, d)).map((i) => i.index);
  return {
    device: formatDeviceId(d),
    matchingImages: matching,
    mismatchingImages: relevant.filter((i) => !matching.includes(i.index)).map((i) => i.index),
    matches: matching.length > 0,
  };
}

/** Why one EFI image would not run under OVMF x64, or undefined if it would. */
function efiImageProblem(img: RomImage): { why: string; unknown?: true } | undefined {
  const why = efiProblemText(img);
  if (why === undefined) return undefined;
  // A driver not decoded to its end: its PE facts may be right while its body is corrupt.
  const undecided = img.efi?.header.compressed && !img.efi.error && img.efi.decompression !== 'full';
  return undecided ? { why, unknown: true } : { why };
}

function efiProblemText(img: RomImage): string | undefined {
  const efi = img.efi;
  if (!efi) return 'no EFI header';
  const h = efi.header;
  if (!h.signatureValid) return `EFI signature ${hex(h.signature)} is not 0xef1`;
  if (h.subsystem !== SUBSYSTEM_BOOT_DRIVER && h.subsystem !== SUBSYSTEM_RUNTIME_DRIVER) {
    return `it is an ${h.subsystemName}, not a driver (the PCI bus driver skips applications)`;
  }
  if (h.machine !== MACHINE_X64) return `it is built for ${h.machineName}, not X64`;
  if (img.pcirPointer === 0 || img.pcirPointer % 4 !== 0) return 'its PCIR pointer is not DWORD aligned';
  if (img.truncated) return 'the image is cut off by the end of the file';
  if (efi.error) return efi.error;
  if (!efi.pe) return 'its driver was not decompressed (run without --no-decompress to check it)';
  if (efi.header.compressed && efi.decompression !== 'full')
    return 'its driver was decoded only up to its PE headers, so the rest of the stream is unchecked';
  if (!efi.pe.valid) return `its PE image is invalid: ${efi.pe.problems.join('; ')}`;
  if (efi.pe.format !== 'PE32+' || efi.pe.machine !== MACHINE_X64) {
    return `its PE image is ${efi.pe.format} for ${efi.pe.machineName}, not PE32+ X64`;
  }
  return undefined;
}

function describe(img: RomImage): string {
  const efi = img.efi!;
  const pe = efi.pe!;
  const packing = efi.header.compressed
    ? `EFI-compressed, ${efi.decompressedSize} bytes ${efi.decompression === 'full' ? 'decoded in full' : 'declared, headers decoded'}`
    : 'uncompressed';
  return `image ${img.index} at ${hex(img.offset)} is an ${efi.header.subsystemName} for X64 (PE32+, ${packing}, SizeOfImage ${pe.sizeOfImage}), PCIR IDs ${formatIdPair(img.pcir.vendorId, img.pcir.deviceId)}`;
}

const verdict = (uefi: UefiVerdict['uefi'], v: Omit<UefiVerdict, 'uefi' | 'uefiBoot'>): UefiVerdict => ({
  uefi,
  uefiBoot: uefi === 'yes',
  ...v,
});

/** All bytes one value: what a ROM BAR gives when it was not enabled or the device did not answer. */
function uniform(bytes: Uint8Array | undefined): number | undefined {
  if (!bytes?.length) return undefined;
  const b = bytes[0];
  if (b !== 0 && b !== 0xff) return undefined;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== b) return undefined;
  return b;
}

/**
 * The verdict on a parsed ROM. `bytes` (the file) lets an all-ones or all-zeros read be named for
 * what it is rather than called "no option ROM".
 */
export function uefiVerdict(model: RomModel, ids?: IdCheck, bytes?: Uint8Array): UefiVerdict {
  const reasons: string[] = [];
  if (model.romStart === null) {
    const u = uniform(bytes);
    const text = bytes && bytes.length < 4096 ? Buffer.from(bytes).toString('latin1') : '';
    const why = !bytes?.length
      ? bytes
        ? 'the file is empty: nothing to judge'
        : 'the file holds no option ROM image (no 55 AA with a PCI data structure): nothing to judge'
      : /^(\.{1,2}\/|\/)[^\0\n]*$/.test(text)
        ? `the file holds only the text "${text}": a symlink flattened into a file (zip, a copy without links), not a ROM`
        : u === undefined
          ? 'the file holds no option ROM image (no 55 AA with a PCI data structure): nothing to judge'
          : `the file is ${bytes!.length} bytes of 0x${u.toString(16).padStart(2, '0')}: what a ROM read gives when the ROM BAR was not enabled or the device did not answer, not a ROM`;
    return verdict('unknown', { reasons: [why] });
  }
  const chain = model.images.filter((i) => i.inChain && !i.afterLast);
  const efiImages = chain.filter((i) => i.pcir.codeType === 3);
  let good: RomImage | undefined;
  let undecided = false;
  for (const img of efiImages) {
    const problem = efiImageProblem(img);
    if (problem === undefined) {
      good ??= img;
    } else if (problem.unknown) {
      undecided = true;
      reasons.push(`EFI image ${img.index} at ${hex(img.offset)} is not judged: ${problem.why}`);
    } else {
      reasons.push(`EFI image ${img.index} at ${hex(img.offset)} would not run: ${problem.why}`);
    }
  }
  const laterEfi = model.images.filter((i) => i.pcir.codeType === 3 && (i.afterLast || !i.inChain));
  for (const img of laterEfi) {
    reasons.push(`EFI image ${img.index} at ${hex(img.offset)} lies outside the image chain firmware walks`);
  }
  if (!good) {
    if (efiImages.length === 0 && laterEfi.length === 0)
      reasons.unshift('the ROM has no EFI image (legacy BIOS only)');
    return verdict(undecided ? 'unknown' : 'no', { reasons });
  }
  reasons.unshift(describe(good));
  if (ids && !ids.matches) {
    reasons.push(`no image of this ROM is for ${ids.device}: it belongs to another card`);
    return verdict('no', { image: good.index, reasons });
  }
  if (ids) reasons.push(`IDs match ${ids.device}`);
  if (model.romStart > 0) {
    reasons.push(
      `but ${model.romStart} bytes of vendor header precede it: firmware reads the ROM from offset 0 and finds no 55 AA; strip it with \`vfiokit rom fix\``,
    );
    return verdict('no', { image: good.index, reasons, fixable: true });
  }
  return verdict('yes', { image: good.index, reasons });
}
