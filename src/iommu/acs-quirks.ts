/**
 * Device-specific ACS answers: the kernel's pci_dev_acs_enabled[] table (drivers/pci/quirks.c),
 * consulted by pci_acs_enabled() BEFORE the device's own ACS capability. Each entry names the
 * kernel function it models. An entry answers -1 ("no opinion", the kernel's -ENOTTY), 0 (the
 * device does not provide the controls) or 1 (it does); the first entry that answers 0 or 1 wins.
 *
 * Covered: AMD/ATI southbridge functions, multifunction endpoints the vendors vouched for (Intel
 * NICs, Solarflare, Emulex, Broadcom, Cavium, Zhaoxin), Intel RCiEPs, Intel PCH root ports without
 * an ACS capability (enabled through the chipset by the kernel), Sunrise/Union Point root ports
 * with the misplaced control register, and the root-port entries for Qualcomm, HXT, Cavium,
 * X-Gene/Ampere, Broadcom iProc, Loongson, Annapurna Labs, NXP, Zhaoxin and Wangxun.
 */
import type { PciDevice } from '../pci/types.js';
import { ACS_CR, ACS_DT, ACS_EC, ACS_RR, ACS_SV, ACS_TB, ACS_UF, ctrlEnabled } from './acs-flags.js';

export interface QuirkEnv {
  /** An AMD IOMMU is described by ACPI (IVRS table): the AMD southbridge quirk needs it. */
  amdIommu: boolean;
}

export type AcsQuirkFn = (d: PciDevice, flags: number, env: QuirkEnv, onRootBus: boolean) => number;

export interface AcsQuirkEntry {
  vendor: number;
  /** undefined = any device of the vendor (PCI_ANY_ID). */
  device?: number;
  /** The kernel function this entry models, shown as evidence. */
  quirk: string;
  fn: AcsQuirkFn;
}

const ANY = undefined;
const ISOLATING = ACS_SV | ACS_RR | ACS_CR | ACS_UF;
const isRootPort = (d: PciDevice) => d.pcie?.portType === 'root-port';

const amdSb: AcsQuirkFn = (d, flags, env, onRootBus) => {
  // Only multifunction southbridge devices on the root bus, and only when an AMD IOMMU exists.
  if (!d.multifunction || !onRootBus || !env.amdIommu) return -1;
  return ctrlEnabled(flags & (ACS_RR | ACS_CR | ACS_EC | ACS_DT), ACS_RR | ACS_CR);
};

// Vendors verified these functions do no peer-to-peer among themselves.
const mfEndpoint: AcsQuirkFn = (_d, flags) =>
  ctrlEnabled(flags, ACS_SV | ACS_TB | ACS_RR | ACS_CR | ACS_UF | ACS_DT);

const isolatingPort: AcsQuirkFn = (_d, flags) => ctrlEnabled(flags, ISOLATING);

// Intel VT-d spec 3.16: root-complex integrated endpoints only peer on translated addresses.
const rciep: AcsQuirkFn = (d, flags) =>
  d.pcie?.portType === 'rc-integrated-endpoint' ? ctrlEnabled(flags, ISOLATING) : -1;

/** Intel PCH root ports with ACS-like controls but no ACS capability (Red Hat bz 1037684). */
export const INTEL_PCH_ACS_IDS = new Set<number>([
  // Ibexpeak
  0x3b42, 0x3b43, 0x3b44, 0x3b45, 0x3b46, 0x3b47, 0x3b48, 0x3b49, 0x3b4a, 0x3b4b, 0x3b4c, 0x3b4d, 0x3b4e,
  0x3b4f, 0x3b50, 0x3b51,
  // Cougarpoint
  0x1c10, 0x1c11, 0x1c12, 0x1c13, 0x1c14, 0x1c15, 0x1c16, 0x1c17, 0x1c18, 0x1c19, 0x1c1a, 0x1c1b, 0x1c1c,
  0x1c1d, 0x1c1e, 0x1c1f,
  // Pantherpoint
  0x1e10, 0x1e11, 0x1e12, 0x1e13, 0x1e14, 0x1e15, 0x1e16, 0x1e17, 0x1e18, 0x1e19, 0x1e1a, 0x1e1b, 0x1e1c,
  0x1e1d, 0x1e1e, 0x1e1f,
  // Lynxpoint-H
  0x8c10, 0x8c11, 0x8c12, 0x8c13, 0x8c14, 0x8c15, 0x8c16, 0x8c17, 0x8c18, 0x8c19, 0x8c1a, 0x8c1b, 0x8c1c,
  0x8c1d, 0x8c1e, 0x8c1f,
  // Lynxpoint-LP
  0x9c10, 0x9c11, 0x9c12, 0x9c13, 0x9c14, 0x9c15, 0x9c16, 0x9c17, 0x9c18, 0x9c19, 0x9c1a, 0x9c1b,
  // Wildcat
  0x9c90, 0x9c91, 0x9c92, 0x9c93, 0x9c94, 0x9c95, 0x9c96, 0x9c97, 0x9c98, 0x9c99, 0x9c9a, 0x9c9b,
  // Patsburg (X79)
  0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e,
  // Wellsburg (X99)
  0x8d10, 0x8d11, 0x8d12, 0x8d13, 0x8d14, 0x8d15, 0x8d16, 0x8d17, 0x8d18, 0x8d19, 0x8d1a, 0x8d1b, 0x8d1c,
  0x8d1d, 0x8d1e,
  // Lynx Point 9 series
  0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e,
]);

// The kernel switches the chipset's peer-decode blocking on at boot when the IOMMU asks for ACS
// (pci_quirk_enable_intel_pch_acs); when that works the port behaves as SV|RR|CR|UF. A snapshot
// cannot show whether the RCBA write succeeded, so success is assumed (the usual case).
const intelPch: AcsQuirkFn = (d, flags) =>
  isRootPort(d) && INTEL_PCH_ACS_IDS.has(d.deviceId) ? ctrlEnabled(flags, ISOLATING) : -1;

const inRanges = (id: number, ranges: [number, number][]) => ranges.some(([a, b]) => id >= a && id <= b);

/** Sunrise Point / Union Point / 7th-8th gen mobile root ports (Intel PCH errata 22/23). */
export const INTEL_SPT_RANGES: [number, number][] = [
  [0xa110, 0xa11f],
  [0xa167, 0xa16a],
  [0xa290, 0xa29f],
  [0xa2e7, 0xa2ee],
  [0x9d10, 0x9d1b],
];

// These ports lay their ACS capability and control registers out as dwords, so the control
// register sits at +8 instead of +6; the kernel reads it there.
const intelSpt: AcsQuirkFn = (d, flags) => {
  if (!isRootPort(d) || !inRanges(d.deviceId, INTEL_SPT_RANGES) || !d.acs) return -1;
  const bytes = d.config?.bytes;
  const at = d.acs.offset;
  if (!bytes || bytes.length < at + 12) return -1;
  const cap = bytes[at + 4] | (bytes[at + 5] << 8);
  const ctrl = bytes[at + 8] | (bytes[at + 9] << 8);
  return ctrlEnabled(flags & (cap | ACS_EC), ctrl);
};

const cavium: AcsQuirkFn = (d, flags) => {
  if (!isRootPort(d)) return -1;
  const id = d.deviceId;
  if ((id >= 0xa000 && id <= 0xa7ff) || id === 0xaf84 || id === 0xb884) return ctrlEnabled(flags, ISOLATING);
  return -1;
};

const annapurna: AcsQuirkFn = (d, flags) => {
  if (d.pcie?.portType !== 'root-port') return -1;
  return flags & ~ISOLATING ? 0 : 1;
};

const zhaoxinPorts: AcsQuirkFn = (d, flags) => {
  const t = d.pcie?.portType;
  if (t !== 'root-port' && t !== 'downstream-port') return -1;
  const id = d.deviceId;
  if (
    inRanges(id, [
      [0x0710, 0x071e],
      [0x0721, 0x0721],
      [0x0723, 0x0752],
    ])
  )
    return ctrlEnabled(flags, ISOLATING);
  // Other Zhaoxin ports: the kernel answers "not isolated" here, whatever their capability says.
  return 0;
};

const wangxun: AcsQuirkFn = (d, flags) => {
  const id = d.deviceId;
  if (
    inRanges(id, [[0x0100, 0x010f]]) ||
    [0x1001, 0x2001, 0x5010, 0x5025, 0x5040, 0x5110, 0x5125, 0x5140].includes(id)
  )
    return ctrlEnabled(flags, ISOLATING);
  return 0;
};

const mf = (vendor: number, ids: number[]): AcsQuirkEntry[] =>
  ids.map((device) => ({ vendor, device, quirk: 'pci_quirk_mf_endpoint_acs', fn: mfEndpoint }));
const ports = (vendor: number, ids: number[], quirk: string): AcsQuirkEntry[] =>
  ids.map((device) => ({ vendor, device, quirk, fn: isolatingPort }));

const INTEL = 0x8086;

/** In the kernel's table order (first answer wins). */
export const ACS_QUIRKS: AcsQuirkEntry[] = [
  ...[0x4385, 0x439c, 0x4383, 0x439d, 0x4384, 0x4399].map((device) => ({
    vendor: 0x1002,
    device,
    quirk: 'pci_quirk_amd_sb_acs',
    fn: amdSb,
  })),
  ...[0x780f, 0x7809].map((device) => ({ vendor: 0x1022, device, quirk: 'pci_quirk_amd_sb_acs', fn: amdSb })),
  ...mf(0x1924, [0x0903, 0x0923, 0x0a03]),
  ...mf(
    INTEL,
    [
      0x10c6, 0x10db, 0x10dd, 0x10e1, 0x10f1, 0x10f7, 0x10f8, 0x10f9, 0x10fa, 0x10fb, 0x10fc, 0x1507, 0x1514,
      0x151c, 0x1529, 0x152a, 0x154d, 0x154f, 0x1551, 0x1558,
      // 82580
      0x1509, 0x150e, 0x150f, 0x1510, 0x1511, 0x1516, 0x1527,
      // 82576
      0x10c9, 0x10e6, 0x10e7, 0x10e8, 0x150a, 0x150d, 0x1518, 0x1526,
      // 82575
      0x10a7, 0x10a9, 0x10d6,
      // I350
      0x1521, 0x1522, 0x1523, 0x1524,
      // 82571
      0x105e, 0x105f, 0x1060, 0x10d9,
      // I219
      0x15b7, 0x15b8,
    ],
  ),
  { vendor: INTEL, device: ANY, quirk: 'pci_quirk_rciep_acs', fn: rciep },
  ...ports(0x17cb, [0x0400, 0x0401, 0x0115, 0x0111, 0x0120], 'pci_quirk_qcom_rp_acs'),
  ...ports(0x1dbf, [0x0401], 'pci_quirk_qcom_rp_acs'),
  { vendor: INTEL, device: ANY, quirk: 'pci_quirk_intel_pch_acs', fn: intelPch },
  { vendor: INTEL, device: ANY, quirk: 'pci_quirk_intel_spt_pch_acs', fn: intelSpt },
  ...mf(0x19a2, [0x0710]),
  ...mf(0x10df, [0x0720]),
  { vendor: 0x177d, device: ANY, quirk: 'pci_quirk_cavium_acs', fn: cavium },
  ...mf(0x177d, [0xa026, 0xa059, 0xa060]),
  ...ports(0x10e8, [0xe004], 'pci_quirk_xgene_acs'),
  ...ports(0x1def, [0xe005, 0xe006, 0xe007, 0xe008, 0xe009, 0xe00a, 0xe00b, 0xe00c], 'pci_quirk_xgene_acs'),
  ...mf(0x14e4, [0x16d7, 0x1750, 0x1751, 0x1752, 0x1760, 0x1761, 0x1762, 0x1763]),
  ...ports(0x14e4, [0xd714], 'pci_quirk_brcm_acs'),
  ...ports(
    0x0014,
    [0x3c09, 0x3c19, 0x3c29, 0x7a09, 0x7a19, 0x7a29, 0x7a39, 0x7a49, 0x7a59, 0x7a69],
    'pci_quirk_loongson_acs',
  ),
  { vendor: 0x1c36, device: 0x0031, quirk: 'pci_quirk_al_acs', fn: annapurna },
  ...mf(0x1d17, [0x3038, 0x3104, 0x9083]),
  ...ports(
    0x1957,
    [
      0x8d81, 0x8da1, 0x8d83, 0x8d80, 0x8da0, 0x8d82, 0x8d90, 0x8db0, 0x8d92, 0x8d91, 0x8db1, 0x8d93, 0x8d89,
      0x8da9, 0x8d8b, 0x8d88, 0x8da8, 0x8d8a, 0x8d98, 0x8db8, 0x8d9a, 0x8d99, 0x8db9, 0x8d9b,
    ],
    'pci_quirk_nxp_rp_acs',
  ),
  { vendor: 0x1d17, device: ANY, quirk: 'pci_quirk_zhaoxin_pcie_ports_acs', fn: zhaoxinPorts },
  { vendor: 0x8088, device: ANY, quirk: 'pci_quirk_wangxun_nic_acs', fn: wangxun },
];

export interface QuirkAnswer {
  enabled: boolean;
  quirk: string;
}

/**
 * The entries of `table` matching one vendor:device, in table order, computed once per table and
 * ID: the simulator asks for every device and every bridge above it, and walking the whole table
 * (over a hundred entries) each time was the largest cost of simulating a host of thousands of
 * devices. The tables are not changed once built (ACS_QUIRKS is constant; an override makes a new
 * table).
 */
const byIdCache = new WeakMap<AcsQuirkEntry[], Map<number, AcsQuirkEntry[]>>();

function entriesFor(table: AcsQuirkEntry[], vendor: number, device: number): AcsQuirkEntry[] {
  let byId = byIdCache.get(table);
  if (!byId) {
    byId = new Map();
    byIdCache.set(table, byId);
  }
  const k = vendor * 0x10000 + device;
  let l = byId.get(k);
  if (!l) {
    l = table.filter(
      (q) => (q.vendor === vendor || q.vendor === -1) && (q.device === undefined || q.device === device),
    );
    byId.set(k, l);
  }
  return l;
}

/** The kernel's pci_dev_specific_acs_enabled(), over `table` (the built-in one plus any override). */
export function quirkAcsEnabled(
  d: PciDevice,
  flags: number,
  env: QuirkEnv,
  onRootBus: boolean,
  table: AcsQuirkEntry[] = ACS_QUIRKS,
): QuirkAnswer | undefined {
  for (const q of entriesFor(table, d.vendorId, d.deviceId)) {
    const r = q.fn(d, flags, env, onRootBus);
    if (r >= 0) return { enabled: r > 0, quirk: q.quirk };
  }
  return undefined;
}
