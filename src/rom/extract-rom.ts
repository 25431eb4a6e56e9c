/**
 * `vfiokit rom extract`: one image's bytes as they are in the file, or the EFI driver of the ROM
 * as a PE/COFF file (decompressed when the image is EFI-compressed), e.g. to load it with
 * QEMU's romfile= after EfiRom, or to inspect it with PE tools.
 */
import { hex } from './byte-view.js';
import { efiDecompress } from './efi-decompress.js';
import type { RomImage, RomModel } from './model.js';
import { RomFormatError } from './rom-error.js';
import { uefiVerdict } from './verdict.js';

export function extractImage(bytes: Uint8Array, model: RomModel, index: number): Uint8Array {
  const img = model.images[index];
  if (!img) {
    throw new RomFormatError(`there is no image ${index}; the ROM has ${model.images.length}`, {
      code: 'rom.no-such-image',
      hint: 'image numbers are listed by `vfiokit rom parse FILE`',
    });
  }
  return bytes.slice(img.offset, Math.min(img.offset + img.length, bytes.length));
}

/** The EFI image extract --efi picks: the one OVMF would run, else the first EFI image. */
export function pickEfiImage(model: RomModel): RomImage {
  const v = uefiVerdict(model);
  const img =
    (v.image !== undefined ? model.images[v.image] : undefined) ??
    model.images.find((i) => i.pcir.codeType === 3 && i.efi?.header.signatureValid);
  if (!img) {
    throw new RomFormatError('the ROM has no EFI image', {
      code: 'rom.no-efi',
      hint: '`vfiokit rom parse FILE` lists its images; --image N extracts one as it is',
    });
  }
  return img;
}

export function extractEfiDriver(
  bytes: Uint8Array,
  model: RomModel,
): { image: RomImage; driver: Uint8Array } {
  const image = pickEfiImage(model);
  const efi = image.efi!;
  if (efi.payloadLength <= 0) {
    throw new RomFormatError(`EFI image ${image.index} at ${hex(image.offset)} has no payload`, {
      code: 'rom.efi',
    });
  }
  const payload = bytes.subarray(efi.payloadOffset, efi.payloadOffset + efi.payloadLength);
  if (efi.header.compressionType === 1) return { image, driver: efiDecompress(payload) };
  if (efi.header.compressionType === 0) {
    // Uncompressed: the PE image's own SizeOfImage is not its file size; keep the whole payload.
    return { image, driver: payload.slice() };
  }
  throw new RomFormatError(
    `EFI image ${image.index} uses unknown compression type ${efi.header.compressionType}`,
    {
      code: 'rom.efi',
    },
  );
}
