/**
 * Access Control Services extended capability (PCIe base spec 7.7.8; kernel PCI_ACS_*). The
 * capability register says what the port can do, the control register what is switched on; the
 * kernel's isolation decision (pci_acs_enabled) reads the control bits.
 */
import type { ConfigView } from '../config-view.js';
import type { AcsBit, AcsInfo } from '../types.js';

export const ACS_BITS = {
  SV: 1 << 0,
  TB: 1 << 1,
  RR: 1 << 2,
  CR: 1 << 3,
  UF: 1 << 4,
  EC: 1 << 5,
  DT: 1 << 6,
} as const;

const bit = (cap: number, ctrl: number, mask: number): AcsBit => ({
  capable: (cap & mask) !== 0,
  enabled: (ctrl & mask) !== 0,
});

export function decodeAcs(view: ConfigView, off: number): AcsInfo | undefined {
  const cap = view.u16(off + 4);
  const ctrl = view.u16(off + 6);
  if (cap === undefined || ctrl === undefined) return undefined;
  return {
    offset: off,
    capRegister: cap,
    ctrlRegister: ctrl,
    sourceValidation: bit(cap, ctrl, ACS_BITS.SV),
    translationBlocking: bit(cap, ctrl, ACS_BITS.TB),
    requestRedirect: bit(cap, ctrl, ACS_BITS.RR),
    completionRedirect: bit(cap, ctrl, ACS_BITS.CR),
    upstreamForwarding: bit(cap, ctrl, ACS_BITS.UF),
    egressControl: bit(cap, ctrl, ACS_BITS.EC),
    directTranslatedP2P: bit(cap, ctrl, ACS_BITS.DT),
  };
}

export function acsDetails(info: AcsInfo): Record<string, unknown> {
  const names = [
    'SrcValid',
    'TransBlk',
    'ReqRedir',
    'CmpltRedir',
    'UpstreamFwd',
    'EgressCtrl',
    'DirectTrans',
  ];
  const on = (reg: number) => names.filter((_, i) => (reg & (1 << i)) !== 0);
  return {
    capRegister: `0x${info.capRegister.toString(16).padStart(4, '0')}`,
    ctrlRegister: `0x${info.ctrlRegister.toString(16).padStart(4, '0')}`,
    capable: on(info.capRegister),
    enabled: on(info.ctrlRegister),
    egressControlVectorSize: info.egressControl.capable ? (info.capRegister >> 8) & 0xff || 256 : undefined,
  };
}
