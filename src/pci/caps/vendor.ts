/**
 * Vendor-specific capabilities: the standard one (ID 0x09, a length byte at +2) and the extended
 * VSEC (ID 0x0b, VSEC ID/revision/length at +4). Their contents are the vendor's business.
 */
import type { ConfigView } from '../config-view.js';

export function decodeVendorCap(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const len = view.u8(off + 2);
  return len === undefined ? undefined : { length: len };
}

export function decodeVsec(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const h = view.u32(off + 4);
  if (h === undefined) return undefined;
  return { vsecId: h & 0xffff, vsecRevision: (h >> 16) & 0xf, length: h >>> 20 };
}
