/**
 * PCI addresses as the kernel names them in sysfs: DDDD:BB:DD.F, where the domain may be wider
 * than four hex digits (Intel VMD puts its devices in domains 10000 and up).
 */
import { quoteInput, UsageError } from '../errors.js';

export interface PciAddress {
  domain: number;
  bus: number;
  device: number;
  fn: number;
}

const FULL = /^([0-9a-fA-F]{1,8}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/;
const SHORT = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/;

/** Parse "0000:01:00.0" or the lspci short form "01:00.0" (domain 0). Undefined if malformed. */
export function tryParsePciAddress(s: string): PciAddress | undefined {
  const t = s.trim();
  let m = FULL.exec(t);
  if (m) {
    const a = { domain: parseInt(m[1], 16), bus: parseInt(m[2], 16), device: parseInt(m[3], 16), fn: +m[4] };
    return a.device < 32 ? a : undefined;
  }
  m = SHORT.exec(t);
  if (m) {
    const a = { domain: 0, bus: parseInt(m[1], 16), device: parseInt(m[2], 16), fn: +m[3] };
    return a.device < 32 ? a : undefined;
  }
  return undefined;
}

export function parsePciAddress(s: string): PciAddress {
  const a = tryParsePciAddress(s);
  if (!a) {
    throw new UsageError(`${quoteInput(s)} is not a PCI address`, {
      hint: 'use the form 0000:01:00.0 or 01:00.0 (see `vfiokit devices`)',
      code: 'pci.bad-address',
    });
  }
  return a;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** Canonical sysfs form: domain at least 4 digits, e.g. "0000:01:00.0", "10000:e1:00.0". */
export function formatPciAddress(a: PciAddress): string {
  return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.device, 2)}.${a.fn}`;
}

/** Order addresses as the kernel enumerates them: domain, bus, device, function. */
export function comparePciAddress(a: PciAddress, b: PciAddress): number {
  return a.domain - b.domain || a.bus - b.bus || a.device - b.device || a.fn - b.fn;
}

/** Compare sysfs address strings numerically (domains of different widths sort correctly). */
export function compareBdf(a: string, b: string): number {
  const pa = tryParsePciAddress(a);
  const pb = tryParsePciAddress(b);
  if (pa && pb) return comparePciAddress(pa, pb);
  return a < b ? -1 : a > b ? 1 : 0;
}
