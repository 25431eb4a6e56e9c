/**
 * The standard config header (PCI Local Bus spec 6.1; kernel include/uapi/linux/pci_regs.h):
 * identity, header layout (0 endpoint, 1 PCI-PCI bridge, 2 CardBus) and the capability pointer.
 */
import type { ConfigView } from './config-view.js';

export interface ConfigHeader {
  vendorId: number;
  deviceId: number;
  command: number;
  status: number;
  revision: number;
  classCode: number;
  /** Header layout, bits 6:0 of the header type register. */
  headerType: number;
  /** Bit 7 of the header type register: the device implements more than function 0. */
  multifunction: boolean;
  subsystemVendorId?: number;
  subsystemDeviceId?: number;
  /** Status bit 4: a capability list exists. */
  hasCapList: boolean;
  /** Where the capability pointer lives: 0x34 for types 0 and 1, 0x14 for CardBus. */
  capPointerOffset: number;
  bridge?: { primaryBus: number; secondaryBus: number; subordinateBus: number };
}

export const PCI_STATUS_CAP_LIST = 0x10;

/** Decode the first 64 bytes; undefined if fewer than 64 are present (a header is 64 bytes). */
export function decodeHeader(view: ConfigView): ConfigHeader | undefined {
  if (!view.has(0, 64)) return undefined;
  const u8 = (o: number) => view.u8(o)!;
  const u16 = (o: number) => view.u16(o)!;
  const ht = u8(0x0e);
  const headerType = ht & 0x7f;
  const status = u16(0x06);
  const h: ConfigHeader = {
    vendorId: u16(0x00),
    deviceId: u16(0x02),
    command: u16(0x04),
    status,
    revision: u8(0x08),
    classCode: (u8(0x0b) << 16) | (u8(0x0a) << 8) | u8(0x09),
    headerType,
    multifunction: (ht & 0x80) !== 0,
    hasCapList: (status & PCI_STATUS_CAP_LIST) !== 0,
    capPointerOffset: headerType === 2 ? 0x14 : 0x34,
  };
  if (headerType === 0) {
    h.subsystemVendorId = u16(0x2c);
    h.subsystemDeviceId = u16(0x2e);
  } else if (headerType === 1) {
    h.bridge = { primaryBus: u8(0x18), secondaryBus: u8(0x19), subordinateBus: u8(0x1a) };
  } else if (headerType === 2 && view.has(0x40, 4)) {
    // CardBus keeps its subsystem IDs past the 64-byte header (0x40).
    h.subsystemVendorId = view.u16(0x40);
    h.subsystemDeviceId = view.u16(0x42);
  }
  return h;
}
