/** MSI-X capability (PCI Local Bus spec 6.8.2; kernel PCI_MSIX_*): table size, BAR and offset. */
import type { ConfigView } from '../config-view.js';

export function decodeMsix(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const ctl = view.u16(off + 2);
  const table = view.u32(off + 4);
  const pba = view.u32(off + 8);
  if (ctl === undefined) return undefined;
  const d: Record<string, unknown> = {
    enabled: (ctl & 0x8000) !== 0,
    functionMask: (ctl & 0x4000) !== 0,
    tableSize: (ctl & 0x7ff) + 1,
  };
  if (table !== undefined) d.table = { bar: table & 7, offset: table & (~7 >>> 0) };
  if (pba !== undefined) d.pba = { bar: pba & 7, offset: pba & (~7 >>> 0) };
  return d;
}
