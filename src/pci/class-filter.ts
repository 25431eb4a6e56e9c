/**
 * The device kinds `vfiokit devices --class` understands, as PCI class codes (PCI Code and ID
 * Assignment spec, appendix D). "audio" covers multimedia audio and HD Audio (the HDMI/DP audio
 * function of a GPU is 0403).
 */
import { quoteInput, UsageError } from '../errors.js';

export const DEVICE_KINDS = ['gpu', 'audio', 'usb', 'net', 'storage'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

const MATCHERS: Record<DeviceKind, (classCode: number) => boolean> = {
  gpu: (c) => c >> 16 === 0x03,
  audio: (c) => c >> 8 === 0x0401 || c >> 8 === 0x0403,
  usb: (c) => c >> 8 === 0x0c03,
  net: (c) => c >> 16 === 0x02,
  storage: (c) => c >> 16 === 0x01,
};

export function parseDeviceKind(s: string): DeviceKind {
  const k = s.trim().toLowerCase();
  if ((DEVICE_KINDS as readonly string[]).includes(k)) return k as DeviceKind;
  throw new UsageError(`unknown device class ${quoteInput(s)}`, {
    hint: `use one of ${DEVICE_KINDS.join(', ')}`,
    code: 'pci.bad-class',
  });
}

export function matchesKind(kind: DeviceKind, classCode: number): boolean {
  return MATCHERS[kind](classCode);
}

/** A vendor ID as given on the command line: 4 hex digits, optional 0x. */
export function parseVendorId(s: string): number {
  const m = /^(?:0x)?([0-9a-fA-F]{4})$/.exec(s.trim());
  if (!m) {
    throw new UsageError(`${quoteInput(s)} is not a PCI vendor ID`, {
      hint: 'give 4 hex digits, e.g. --vendor 10de (NVIDIA), 1002 (AMD), 8086 (Intel)',
      code: 'pci.bad-vendor',
    });
  }
  return parseInt(m[1], 16);
}
