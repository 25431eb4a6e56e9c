/**
 * Config space bytes → the decoded parts of a PciDevice: header facts, the capability lists with
 * each capability's registers decoded by its own decoder (src/pci/caps/), and the PCIe and ACS
 * records the isolation analysis needs. Pure: no I/O.
 */

import { walkCapabilities } from './capability-list.js';
import { CAP, EXT_CAP } from './capability-names.js';
import { acsDetails, decodeAcs } from './caps/acs.js';
import { decodeAri } from './caps/ari.js';
import { decodeDsn } from './caps/dsn.js';
import { decodeMsi } from './caps/msi.js';
import { decodeMsix } from './caps/msix.js';
import { decodePcie, pcieDetails } from './caps/pcie.js';
import { decodePm } from './caps/pm.js';
import { decodeRebar } from './caps/rebar.js';
import { decodeSriov } from './caps/sriov.js';
import { decodeVendorCap, decodeVsec } from './caps/vendor.js';
import { ConfigView } from './config-view.js';
import { type ConfigHeader, decodeHeader } from './header.js';
import type { AcsInfo, Capability, ConfigSpace, PcieInfo } from './types.js';

export interface DecodedConfig {
  header?: ConfigHeader;
  config: ConfigSpace;
  capabilities: Capability[];
  pcie?: PcieInfo;
  acs?: AcsInfo;
  /** Malformed chains (loops, overlong lists). */
  problems: string[];
}

type Decoder = (view: ConfigView, off: number) => Record<string, unknown> | undefined;

const STANDARD: Record<number, Decoder> = {
  [CAP.PM]: decodePm,
  [CAP.MSI]: decodeMsi,
  [CAP.MSIX]: decodeMsix,
  [CAP.VNDR]: decodeVendorCap,
};

const EXTENDED: Record<number, Decoder> = {
  [EXT_CAP.ARI]: decodeAri,
  [EXT_CAP.SRIOV]: decodeSriov,
  [EXT_CAP.REBAR]: decodeRebar,
  [EXT_CAP.VF_REBAR]: decodeRebar,
  [EXT_CAP.VNDR]: decodeVsec,
  [EXT_CAP.DSN]: decodeDsn,
};

/** The smallest complete config space: a conventional function's 256 bytes. */
const FULL_CONVENTIONAL = 0x100;

export interface DecodeOptions {
  /**
   * Decode each capability's registers into `details` (for `vfiokit device` and fleet drift's
   * serial numbers). Grouping and the listings read only the PCIe and ACS records, so their scans
   * skip the per-capability objects, and the capability records are then shared between devices
   * (walkCapabilities). Default true.
   */
  details?: boolean;
}

export function decodeConfig(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedConfig {
  const details = opts.details !== false;
  const view = new ConfigView(bytes);
  const truncated = bytes.length < FULL_CONVENTIONAL;
  const header = decodeHeader(view);
  const config: ConfigSpace = { bytes, truncated };
  if (!header) {
    config.unknown = ['header', 'capabilities', 'extended capabilities'];
    return { config, capabilities: [], problems: [] };
  }
  const walk = walkCapabilities(view, header, { shared: !details });
  if (walk.unknown.length) config.unknown = walk.unknown;
  if (walk.problems.length) config.problems = walk.problems;
  const out: DecodedConfig = { header, config, capabilities: walk.capabilities, problems: walk.problems };
  const caps = walk.capabilities;
  for (let i = 0; i < caps.length; i++) {
    const cap = caps[i];
    if (!cap.extended && cap.id === CAP.EXP && !out.pcie) {
      out.pcie = decodePcie(view, cap.offset);
      if (out.pcie && details) cap.details = pcieDetails(view, out.pcie);
    } else if (cap.extended && cap.id === EXT_CAP.ACS && !out.acs) {
      out.acs = decodeAcs(view, cap.offset);
      if (out.acs && details) cap.details = acsDetails(out.acs);
    } else if (details) {
      const dec = (cap.extended ? EXTENDED : STANDARD)[cap.id];
      const details = dec?.(view, cap.offset);
      if (details) cap.details = details;
    }
  }
  return out;
}
