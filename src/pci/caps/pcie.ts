/**
 * PCI Express capability (PCIe base spec 7.5.3; kernel PCI_EXP_*). The port type decides how the
 * kernel walks for ACS and DMA aliases, so it is decoded for every PCIe function.
 */
import type { ConfigView } from '../config-view.js';
import type { PcieInfo, PciePortType } from '../types.js';

const PORT_TYPES: Record<number, PciePortType> = {
  0: 'endpoint',
  1: 'legacy-endpoint',
  4: 'root-port',
  5: 'upstream-port',
  6: 'downstream-port',
  7: 'pcie-to-pci-bridge',
  8: 'pci-to-pcie-bridge',
  9: 'rc-integrated-endpoint',
  10: 'rc-event-collector',
};

/** Link speed field encoding (Link Capabilities/Status bits 3:0) in GT/s. */
const SPEEDS: Record<number, number> = { 1: 2.5, 2: 5, 3: 8, 4: 16, 5: 32, 6: 64 };

/**
 * Link registers exist only for functions with a link: RC-integrated endpoints and event
 * collectors have none (kernel pcie_cap_has_lnkctl()).
 */
function hasLink(t: PciePortType): boolean {
  return t !== 'rc-integrated-endpoint' && t !== 'rc-event-collector' && t !== 'unknown';
}

export function decodePcie(view: ConfigView, off: number): PcieInfo | undefined {
  const flags = view.u16(off + 2);
  if (flags === undefined) return undefined;
  const version = flags & 0xf;
  const portType = PORT_TYPES[(flags >> 4) & 0xf] ?? 'unknown';
  const devCap = view.u32(off + 4);
  const info: PcieInfo = {
    offset: off,
    version,
    portType,
    slotImplemented: (flags & 0x100) !== 0,
    flr: devCap !== undefined && (devCap & (1 << 28)) !== 0,
  };
  // Device Capabilities 2 exists from capability version 2 on (kernel pcie_cap_version() > 1).
  const devCap2 = version > 1 ? view.u32(off + 0x24) : undefined;
  if (devCap2 !== undefined) info.ariForwarding = (devCap2 & (1 << 5)) !== 0;
  if (hasLink(portType)) {
    const lnkCap = view.u32(off + 0x0c);
    const lnkSta = view.u16(off + 0x12);
    if (lnkCap !== undefined || lnkSta !== undefined) {
      info.link = {};
      if (lnkCap !== undefined) {
        info.link.maxSpeedGTs = SPEEDS[lnkCap & 0xf];
        info.link.maxWidth = (lnkCap >> 4) & 0x3f;
      }
      if (lnkSta !== undefined) {
        info.link.speedGTs = SPEEDS[lnkSta & 0xf];
        info.link.width = (lnkSta >> 4) & 0x3f;
      }
    }
  }
  return info;
}

export function pcieDetails(view: ConfigView, info: PcieInfo): Record<string, unknown> {
  const devCap = view.u32(info.offset + 4) ?? 0;
  const devCtl = view.u16(info.offset + 8) ?? 0;
  const d: Record<string, unknown> = {
    version: info.version,
    portType: info.portType,
    slotImplemented: info.slotImplemented,
    maxPayloadSupported: 128 << (devCap & 7),
    flr: info.flr,
    maxPayload: 128 << ((devCtl >> 5) & 7),
    maxReadRequest: 128 << ((devCtl >> 12) & 7),
  };
  if (info.ariForwarding !== undefined) d.ariForwarding = info.ariForwarding;
  if (info.link) d.link = info.link;
  return d;
}
