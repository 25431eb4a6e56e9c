/**
 * The EFI PCI expansion ROM header (UEFI specification, "PCI Option ROMs"): the legacy 55 AA
 * header with EFI fields in its reserved bytes.
 *   0x02 InitializationSize (u16, × 512)   0x04 EfiSignature (u32, 0x0EF1)
 *   0x08 EfiSubsystem        0x0A EfiMachineType   0x0C CompressionType (0 none, 1 EFI compression)
 *   0x16 EfiImageHeaderOffset (where the PE/COFF image starts)   0x18 PcirOffset
 */
import type { ByteView } from './byte-view.js';
import { machineName, subsystemName } from './names.js';

export const EFI_SIGNATURE = 0x0ef1;

export interface EfiHeader {
  signature: number;
  signatureValid: boolean;
  /** InitializationSize × 512: the extent of the EFI image (header + PE payload) in the ROM. */
  initializationSize: number;
  subsystem: number;
  subsystemName: string;
  machine: number;
  machineName: string;
  compressionType: number;
  compressed: boolean;
  /** EfiImageHeaderOffset, relative to the image start. */
  imageHeaderOffset: number;
}

/** Reads the EFI fields of the image at `offset`; the caller has checked 0x1a bytes are there. */
export function decodeEfiHeader(view: ByteView, offset: number): EfiHeader {
  const signature = view.u32(offset + 4);
  const subsystem = view.u16(offset + 8);
  const machine = view.u16(offset + 0x0a);
  const compressionType = view.u16(offset + 0x0c);
  return {
    signature,
    signatureValid: signature === EFI_SIGNATURE,
    initializationSize: view.u16(offset + 2) * 512,
    subsystem,
    subsystemName: subsystemName(subsystem),
    machine,
    machineName: machineName(machine),
    compressionType,
    compressed: compressionType === 1,
    imageHeaderOffset: view.u16(offset + 0x16),
  };
}
