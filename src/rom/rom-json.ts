/**
 * The JSON form of a decoded ROM (schemas vfiokit.rom.parse/3 and vfiokit.rom.dump/2): the model
 * as it is, except that PCI IDs and class codes are hex strings, the one ID form of every
 * document (docs/json.md "One form for IDs"). The model keeps numbers: the decoders and the
 * checks compare them.
 */
import type { ParsedRomJson, RomModelJson } from '../schema/rom.js';
import type { RomModel } from './model.js';
import type { IdCheck, UefiVerdict } from './verdict.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function romModelJson(rom: RomModel): RomModelJson {
  return {
    ...rom,
    images: rom.images.map((img) => {
      const { pci30, ...pcir } = img.pcir;
      return {
        ...img,
        pcir: {
          ...pcir,
          vendorId: hex(pcir.vendorId, 4),
          deviceId: hex(pcir.deviceId, 4),
          classCode: hex(pcir.classCode, 6),
          ...(pci30 ? { pci30: { ...pci30, deviceList: pci30.deviceList.map((d) => hex(d, 4)) } } : {}),
        },
      };
    }),
  };
}

export function parsedRomJson(p: {
  file: string;
  rom: RomModel;
  ids?: IdCheck;
  verdict: UefiVerdict;
}): ParsedRomJson {
  return { file: p.file, rom: romModelJson(p.rom), ids: p.ids, verdict: p.verdict };
}
