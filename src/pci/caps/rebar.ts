/**
 * Resizable BAR (PCIe base spec 7.8.6; kernel PCI_REBAR_*). Each entry: supported sizes (bit n
 * of the capability register bits 31:4 means 2^(n) MB) and the current size.
 */
import type { ConfigView } from '../config-view.js';

const mb = (log2: number) => (log2 >= 10 ? `${2 ** (log2 - 10)}GB` : `${2 ** log2}MB`);

export function decodeRebar(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const ctl0 = view.u32(off + 8);
  if (ctl0 === undefined) return undefined;
  const count = Math.min(6, Math.max(1, (ctl0 >> 5) & 7));
  const bars: { bar: number; supported: string[]; current: string }[] = [];
  for (let i = 0; i < count; i++) {
    const cap = view.u32(off + 4 + i * 8);
    const ctl = view.u32(off + 8 + i * 8);
    if (cap === undefined || ctl === undefined) break;
    const supported: string[] = [];
    for (let b = 4; b < 32; b++) if (cap & (1 << b)) supported.push(mb(b - 4));
    bars.push({ bar: ctl & 7, supported, current: mb((ctl >> 8) & 0x3f) });
  }
  return { bars };
}
