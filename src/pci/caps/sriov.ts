/** Single Root I/O Virtualization (PCIe base spec 9.3.3; kernel PCI_SRIOV_*). */
import { type ConfigView, hex } from '../config-view.js';

const hexOrUndefined = (v: number | undefined) => (v === undefined ? undefined : hex(v, 4));

export function decodeSriov(view: ConfigView, off: number): Record<string, unknown> | undefined {
  const ctl = view.u16(off + 8);
  const total = view.u16(off + 0x0e);
  if (ctl === undefined || total === undefined) return undefined;
  return {
    vfEnable: (ctl & 1) !== 0,
    vfMemorySpace: (ctl & 8) !== 0,
    ariCapableHierarchy: (ctl & 0x10) !== 0,
    initialVfs: view.u16(off + 0x0c),
    totalVfs: total,
    numVfs: view.u16(off + 0x10),
    firstVfOffset: view.u16(off + 0x14),
    vfStride: view.u16(off + 0x16),
    vfDeviceId: hexOrUndefined(view.u16(off + 0x1a)),
  };
}
