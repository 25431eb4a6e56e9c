/**
 * The PCI model's records: what the access layer reads from sysfs and the decoders make of
 * config space. Analyses (iommu/, readiness/) take these records, never raw files.
 */
import type { PciAddress } from './address.js';

/** PCI Express device/port type (PCIe capability register, bits 7:4). */
export type PciePortType =
  | 'endpoint'
  | 'legacy-endpoint'
  | 'rc-integrated-endpoint'
  | 'rc-event-collector'
  | 'root-port'
  | 'upstream-port'
  | 'downstream-port'
  | 'pcie-to-pci-bridge'
  | 'pci-to-pcie-bridge'
  | 'unknown';

/** One capability from the standard (id < 0x100) or extended (0x100+ offsets) list. */
export interface Capability {
  /** Capability ID (standard: 8-bit, extended: 16-bit). */
  id: number;
  /** Offset in config space. */
  offset: number;
  extended: boolean;
  /** Extended capabilities carry a version (bits 19:16 of the header). */
  version?: number;
  /** Human name, e.g. "PCI Express", "Access Control Services". */
  name: string;
  /** Decoded registers (one decoder per capability, src/pci/caps/), for `vfiokit device`. */
  details?: Record<string, unknown>;
}

/** A control bit with whether the hardware offers it and whether it is switched on. */
export interface AcsBit {
  capable: boolean;
  enabled: boolean;
}

/** ACS extended capability (PCIe spec 7.7.8; kernel PCI_ACS_* bits). */
export interface AcsInfo {
  offset: number;
  /** Raw capability register (u16) and control register (u16), the evidence for verdicts. */
  capRegister: number;
  ctrlRegister: number;
  sourceValidation: AcsBit; // SV, bit 0
  translationBlocking: AcsBit; // TB, bit 1
  requestRedirect: AcsBit; // RR, bit 2
  completionRedirect: AcsBit; // CR, bit 3
  upstreamForwarding: AcsBit; // UF, bit 4
  egressControl: AcsBit; // EC, bit 5
  directTranslatedP2P: AcsBit; // DT, bit 6
}

export interface PcieInfo {
  offset: number;
  version: number;
  portType: PciePortType;
  slotImplemented: boolean;
  /** Device Capabilities bit 28: Function Level Reset. */
  flr: boolean;
  /** Device Capabilities 2 bit 5 (ARI forwarding supported), for ports. */
  ariForwarding?: boolean;
  link?: { maxSpeedGTs?: number; maxWidth?: number; speedGTs?: number; width?: number };
}

/** Config space as read: sysfs gives 4096 (PCIe, root), 256 (conventional, root) or 64 bytes (not root). */
export interface ConfigSpace {
  /**
   * The bytes read, or (in a scan for grouping, or a whole-host scan asked to keep a prefix) their
   * prefix that grouping reads: the 256-byte standard space and the extended space through the
   * ACS capability's registers.
   */
  bytes: Uint8Array;
  /** How many bytes were readable, when `bytes` keeps only a prefix of them. */
  size?: number;
  /** True when fewer bytes were readable than the device has (non-root reads get 64). */
  truncated: boolean;
  /** What could not be decoded because of the size read, e.g. "capabilities", "extended capabilities". */
  unknown?: string[];
  /** Damage in the bytes read: a capability chain that loops or never ends (the list is cut there). */
  problems?: string[];
}

export interface PciDevice {
  /** Canonical sysfs name, e.g. "0000:01:00.0", "10000:e1:00.0". */
  address: string;
  addr: PciAddress;
  vendorId: number;
  deviceId: number;
  subsystemVendorId?: number;
  subsystemDeviceId?: number;
  /** 24-bit class code: base class << 16 | subclass << 8 | prog-if. */
  classCode: number;
  revision?: number;
  /** Header type 0 (endpoint), 1 (PCI-PCI bridge), 2 (CardBus); undefined if config unreadable. */
  headerType?: number;
  multifunction?: boolean;
  driver?: string;
  driverOverride?: string;
  /** IOMMU group number, undefined when the device has no group (IOMMU off). */
  iommuGroup?: number;
  bootVga?: boolean;
  resetMethods?: string[];
  numaNode?: number;
  link?: { currentSpeed?: string; currentWidth?: number; maxSpeed?: string; maxWidth?: number };
  /** SR-IOV physical function facts (sriov_totalvfs etc.) and its VFs' addresses. */
  sriov?: { totalVfs: number; numVfs: number; vfs: string[] };
  /** For a virtual function: the physical function's address. */
  physfn?: string;
  /**
   * A `rom` attribute exists (the device has an expansion ROM BAR). Not asked by a grouping scan
   * (ScanOptions.facts 'grouping'), whose records only `vfiokit groups` reads.
   */
  hasRom?: boolean;
  /** Upstream bridge chain from the root complex down to the parent (addresses), [] on the root bus. */
  upstream: string[];
  /** The sysfs device path (e.g. /sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0). */
  sysfsPath: string;
  config?: ConfigSpace;
  capabilities: Capability[];
  pcie?: PcieInfo;
  acs?: AcsInfo;
  /** Type 1 (bridge) headers: the bus numbers routed below this bridge. */
  bridge?: { primaryBus: number; secondaryBus: number; subordinateBus: number };
  /** Names from pci.ids, filled lazily by the presentation layer when asked. */
  names?: { vendor?: string; device?: string; subsystem?: string; class?: string };
  /**
   * Facts sysfs could not give, or gave implausibly, each with the reason (a damaged snapshot, a
   * device that stopped answering). A verdict that rests on one of them is unknown, never guessed.
   */
  unknownFacts?: UnknownFact[];
}

export interface UnknownFact {
  /**
   * driver: which driver holds it; iommu_group: its group link; config: its config space (missing
   * or unreadable); response: the device does not answer (config space reads all ones); boot_vga:
   * the attribute a VGA-class device always has is missing or holds neither 0 nor 1.
   */
  fact: 'driver' | 'iommu_group' | 'config' | 'response' | 'boot_vga';
  reason: string;
}

export interface UnreadableDevice {
  address: string;
  reason: string;
}

/** What a scan of /sys/bus/pci/devices (host/pci-sysfs.ts) read, and what it could not: nothing is dropped without a trace. */
export interface PciScan {
  devices: PciDevice[];
  /** Entries of /sys/bus/pci/devices whose device could not be read, with the reason. */
  unreadable: UnreadableDevice[];
  /**
   * Links found as plain files holding the link text (a flattened copy of sysfs). The bus entries
   * among them are followed to find the devices; a flattened `driver` is never taken as fact.
   */
  flattened: string[];
  /** /sys/bus/pci/devices itself could not be listed: the reason (the device list is unknown). */
  listError?: string;
}
