/**
 * Names for the numeric fields of option ROM headers. Code types from the PCI Firmware
 * Specification 3.0 (table "Code Type"); machine and subsystem values are the PE/COFF ones the
 * UEFI specification reuses in the EFI expansion ROM header.
 */

export function codeTypeName(t: number): string {
  switch (t) {
    case 0:
      return 'x86 PC-AT (legacy BIOS)';
    case 1:
      return 'Open Firmware';
    case 2:
      return 'HP PA-RISC';
    case 3:
      return 'EFI';
    default:
      return t >= 0xe0 ? 'vendor-specific' : 'reserved';
  }
}

export const MACHINE_X64 = 0x8664;

export function machineName(m: number): string {
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
      return 'AArch64';
    case 0x5064:
      return 'RISC-V 64';
    case 0x6264:
      return 'LoongArch64';
    default:
      return `unknown (0x${m.toString(16)})`;
  }
}

export const SUBSYSTEM_BOOT_DRIVER = 11;
export const SUBSYSTEM_RUNTIME_DRIVER = 12;

export function subsystemName(s: number): string {
  switch (s) {
    case 10:
      return 'EFI application';
    case 11:
      return 'EFI boot service driver';
    case 12:
      return 'EFI runtime driver';
    case 13:
      return 'SAL runtime driver';
    default:
      return `unknown (${s})`;
  }
}
