/**
 * The PCI Data Structure ("PCIR") of one ROM image, PCI Firmware Specification 3.0 §5.1.2.
 * Revision 3 added the device list pointer (at 0x08, reserved before), the maximum runtime image
 * length and the configuration-utility and DMTF CLP entry point pointers (0x16..0x1b), which is
 * why a revision 0 (PCI 2.x) structure is only 0x18 bytes long.
 */
import type { ByteView } from './byte-view.js';
import { codeTypeName } from './names.js';
import { RomFormatError } from './rom-error.js';

export const PCIR_MIN_LENGTH = 0x18;

export interface Pci30Fields {
  /** Device list pointer, relative to the start of the PCIR (0 = none). */
  deviceListPointer: number;
  /** Additional device IDs this image supports (terminated by 0 in the file). */
  deviceList: number[];
  /** Maximum run-time image length in bytes (field × 512). */
  maxRuntimeImageLength: number;
  /** Configuration utility code header pointer, relative to the image start (0 = none). */
  configUtilityPointer: number;
  /** DMTF CLP entry point pointer, relative to the image start (0 = none). */
  dmtfClpPointer: number;
}

export interface Pcir {
  /** Absolute file offset of the structure. */
  offset: number;
  vendorId: number;
  deviceId: number;
  length: number;
  revision: number;
  /** Class code as the 24-bit value base:sub:prog-if (e.g. 0x030000 for VGA). */
  classCode: number;
  /** Image length in bytes (field × 512). */
  imageLength: number;
  codeRevision: number;
  codeType: number;
  codeTypeName: string;
  indicator: number;
  /** Bit 7 of the indicator: this is the last image in the ROM. */
  last: boolean;
  pci30?: Pci30Fields;
  /** Problems found while decoding optional parts (a device list that runs off the image). */
  problems: string[];
}

/** True when a "PCIR" signature lies at `offset` and the fixed part fits in the file. */
export function hasPcir(view: ByteView, offset: number): boolean {
  return (
    view.has(offset, PCIR_MIN_LENGTH) &&
    view.bytes[offset] === 0x50 &&
    view.bytes[offset + 1] === 0x43 &&
    view.bytes[offset + 2] === 0x49 &&
    view.bytes[offset + 3] === 0x52
  );
}

/** A device list is short in practice (a handful of IDs); the cap keeps a corrupt one bounded. */
const MAX_DEVICE_LIST = 256;

export function decodePcir(view: ByteView, offset: number, imageEnd: number): Pcir {
  if (!hasPcir(view, offset)) {
    throw new RomFormatError(`no PCI data structure ("PCIR") at 0x${offset.toString(16)}`, {
      code: 'rom.no-pcir',
      offset,
    });
  }
  const classBytes = [view.u8(offset + 0x0d), view.u8(offset + 0x0e), view.u8(offset + 0x0f)];
  const indicator = view.u8(offset + 0x15);
  const codeType = view.u8(offset + 0x14);
  const p: Pcir = {
    offset,
    vendorId: view.u16(offset + 4),
    deviceId: view.u16(offset + 6),
    length: view.u16(offset + 0x0a),
    revision: view.u8(offset + 0x0c),
    classCode: (classBytes[2] << 16) | (classBytes[1] << 8) | classBytes[0],
    imageLength: view.u16(offset + 0x10) * 512,
    codeRevision: view.u16(offset + 0x12),
    codeType,
    codeTypeName: codeTypeName(codeType),
    indicator,
    last: (indicator & 0x80) !== 0,
    problems: [],
  };
  if (p.revision >= 3 && p.length >= 0x1c) {
    if (!view.has(offset, 0x1c)) {
      p.problems.push('PCI 3.0 structure is cut off by the end of the file');
      return p;
    }
    const deviceListPointer = view.u16(offset + 8);
    const f: Pci30Fields = {
      deviceListPointer,
      deviceList: [],
      maxRuntimeImageLength: view.u16(offset + 0x16) * 512,
      configUtilityPointer: view.u16(offset + 0x18),
      dmtfClpPointer: view.u16(offset + 0x1a),
    };
    if (deviceListPointer !== 0) {
      const limit = Math.min(imageEnd, view.size);
      let at = offset + deviceListPointer;
      let terminated = false;
      while (at + 2 <= limit && f.deviceList.length < MAX_DEVICE_LIST) {
        const id = view.u16(at);
        if (id === 0) {
          terminated = true;
          break;
        }
        f.deviceList.push(id);
        at += 2;
      }
      if (!terminated)
        p.problems.push(`device list at PCIR+0x${deviceListPointer.toString(16)} has no terminating 0`);
    }
    p.pci30 = f;
  }
  return p;
}
