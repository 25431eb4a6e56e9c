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
  // BIR in bits 2:0, the QWORD-aligned offset into that BAR in the rest.
  if (table !== undefined) d.table = `BAR ${table & 7} +0x${(table - (table & 7)).toString(16)}`;
  if (pba !== undefined) d.pba = `BAR ${pba & 7} +0x${(pba - (pba & 7)).toString(16)}`;
  return d;
}
