/**
 * Alternative Routing-ID Interpretation (PCIe base spec 7.8.7; kernel PCI_ARI_*): with ARI a
 * device uses the device-number bits as function bits, up to 256 functions, which is how SR-IOV
 * devices address many VFs on one bus.
 */
import type { ConfigView } from '../config-view.js';

export function decodeAri(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const cap = view.u16(off + 4);
  const ctl = view.u16(off + 6);
  if (cap === undefined) return undefined;
  const d: Record<string, unknown> = {
    mfvc: (cap & 1) !== 0,
    acsFunctionGroups: (cap & 2) !== 0,
    nextFunction: (cap >> 8) & 0xff,
  };
  if (ctl !== undefined) d.functionGroup = (ctl >> 4) & 7;
  return d;
}
