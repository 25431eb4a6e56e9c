/**
 * Power Management capability (PCI Bus Power Management spec; kernel PCI_PM_*). NoSoftReset
 * matters for assignment: without it, D3hot→D0 resets the function, which the kernel can use as
 * a reset method ("pm" in reset_method).
 */
import type { ConfigView } from '../config-view.js';

export function decodePm(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const pmc = view.u16(off + 2);
  const pmcsr = view.u16(off + 4);
  if (pmc === undefined) return undefined;
  const pme = ['D0', 'D1', 'D2', 'D3hot', 'D3cold'].filter((_, i) => (pmc & (1 << (11 + i))) !== 0);
  const d: Record<string, unknown> = {
    version: pmc & 7,
    d1: (pmc & 0x200) !== 0,
    d2: (pmc & 0x400) !== 0,
    pmeFrom: pme,
  };
  if (pmcsr !== undefined) {
    d.powerState = `D${pmcsr & 3}`;
    d.noSoftReset = (pmcsr & 0x8) !== 0;
    d.pmeEnabled = (pmcsr & 0x100) !== 0;
  }
  return d;
}
