/**
 * The PCI identifiers and their one text form each, as lspci -n prints them and sysfs names them
 * (include/uapi/linux/pci_regs.h for the fields): a 16-bit ID (vendor, device, subsystem vendor,
 * subsystem device) is four lowercase hex digits, a pair is "vendor:device", and the 24-bit class
 * code (base class, subclass, programming interface) is six hex digits, or four for the class and
 * subclass alone. Addresses have theirs in address.ts (formatPciAddress).
 */

/** A 16-bit PCI ID: vendor, device, subsystem vendor or subsystem device. */
export type PciId = number;

/** A 24-bit class code: base class << 16 | subclass << 8 | programming interface. */
export type ClassCode = number;

/**
 * One string per value formatted: a report of thousands of devices names a few dozen vendors,
 * devices and classes, and a string each per device was a megabyte of `vfiokit groups`' peak on
 * 4,096 functions. Bounded (past the limit, only a crafted tree, strings are made afresh).
 */
function memo(format: (n: number) => string): (n: number) => string {
  const seen = new Map<number, string>();
  return (n) => {
    let s = seen.get(n);
    if (s === undefined) {
      s = format(n);
      if (seen.size < 8192) seen.set(n, s);
    }
    return s;
  };
}

/** "10de": four lowercase hex digits, as lspci -n and sysfs print an ID (without sysfs's 0x). */
export const formatPciId: (id: PciId) => string = memo((id) => id.toString(16).padStart(4, '0'));

const fullClass = memo((c) => c.toString(16).padStart(6, '0'));

/** "10de:1b80", the pair vfio-pci.ids, lspci -n and `vfiokit setup` use. */
export const formatIdPair = (vendor: PciId, device: PciId): string =>
  `${formatPciId(vendor)}:${formatPciId(device)}`;

/** "030000" (class, subclass and programming interface), or "0300" at subclass level. */
export const formatClassCode = (c: ClassCode, level: 'prog-if' | 'subclass' = 'prog-if'): string =>
  level === 'subclass' ? (c >> 8).toString(16).padStart(4, '0') : fullClass(c);
