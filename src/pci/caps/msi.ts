/** MSI capability (PCI Local Bus spec 6.8.1; kernel PCI_MSI_FLAGS_*). */
import type { ConfigView } from '../config-view.js';

export function decodeMsi(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const ctl = view.u16(off + 2);
  if (ctl === undefined) return undefined;
  return {
    enabled: (ctl & 1) !== 0,
    vectorsCapable: 1 << ((ctl >> 1) & 7),
    vectorsEnabled: 1 << ((ctl >> 4) & 7),
    address64: (ctl & 0x80) !== 0,
    perVectorMasking: (ctl & 0x100) !== 0,
  };
}
