/**
 * ACS control bits (PCIe spec 7.7.8; kernel include/uapi/linux/pci_regs.h PCI_ACS_*), and the set
 * the kernel requires before it will put devices below a port in separate IOMMU groups
 * (drivers/iommu/iommu.c REQ_ACS_FLAGS).
 */
export const ACS_SV = 0x01; // Source Validation
export const ACS_TB = 0x02; // Translation Blocking
export const ACS_RR = 0x04; // P2P Request Redirect
export const ACS_CR = 0x08; // P2P Completion Redirect
export const ACS_UF = 0x10; // Upstream Forwarding
export const ACS_EC = 0x20; // P2P Egress Control
export const ACS_DT = 0x40; // Direct Translated P2P

export const REQ_ACS_FLAGS = ACS_SV | ACS_RR | ACS_CR | ACS_UF;

const NAMES: [number, string][] = [
  [ACS_SV, 'SV'],
  [ACS_TB, 'TB'],
  [ACS_RR, 'RR'],
  [ACS_CR, 'CR'],
  [ACS_UF, 'UF'],
  [ACS_EC, 'EC'],
  [ACS_DT, 'DT'],
];

/** "SV RR CR UF" for a bit mask; "none" when empty. */
export function acsFlagNames(mask: number): string {
  const n = NAMES.filter(([b]) => mask & b).map(([, s]) => s);
  return n.length ? n.join(' ') : 'none';
}

/** A 16-bit register value as lspci -vvv's hex dumps show it: "0x001f". */
export const formatRegister16 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/** The kernel's pci_acs_ctrl_enabled(): 1 when every requested control is in the enabled set. */
export function ctrlEnabled(requested: number, enabled: number): number {
  return (requested & enabled) === requested ? 1 : 0;
}
