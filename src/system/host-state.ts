/**
 * The host as the analyses see it: one HostState per run (host/host-state.ts builds it from a
 * root), each part read on first use and then kept, so a command reads only what it needs and
 * never scans sysfs twice. Analyses take a HostState or the records it returns, never a root; a
 * test can hand them a HostState over any root, snapshot or fixture.
 */
import type { PciIds } from '../pci/ids.js';
import type { PciDevice, PciScan } from '../pci/types.js';
import type { HostFacts } from './host-facts.js';
import type { KernelGroups } from './kernel-groups.js';
import type { Bar } from './pci-resources.js';
import type { SetupRecordRead } from './setup-record.js';

/** Bytes read from a ROM BAR or a ROM file, or why they could not be read. */
export type RomRead = { bytes: Uint8Array } | { error: string };

/** A device's runtime power management attributes (Documentation/power/runtime_pm.rst). */
export interface DevicePower {
  control?: string;
  runtimeStatus?: string;
  powerState?: string;
  d3coldAllowed?: string;
}

export interface HostState {
  /** What output calls the root: "/", the snapshot directory, or the archive it came from. */
  readonly name: string;
  /** True on the live host ("/"), false for a snapshot. */
  readonly live: boolean;
  /**
   * The PCI devices, scanned once. 'grouping' reads only what grouping needs; a full scan already
   * made serves it too.
   */
  pci(facts?: 'all' | 'grouping'): PciScan;
  /**
   * The grouping scan with the facts only a full scan reads (driver_override, reset methods, NUMA
   * node, link, SR-IOV, ROM) added for the devices `wanted` picks: for commands that look closely
   * at a few devices of a large host (the host report's displays, doctor's targets). A device
   * whose facts cannot be read moves to the scan's unreadable list. A full scan made already
   * serves as it is.
   */
  pciWith(wanted: (d: PciDevice) => boolean): PciScan;
  /** Whether /sys/bus/pci/devices is a directory (absent is damage: every PC has a host bridge). */
  pciListed(): boolean;
  /** The kernel's IOMMU group directories. */
  kernelGroups(): KernelGroups;
  /** Everything doctor reads that is not PCI (CPU, modules, command line, kernel log, ...). */
  /**
   * The host facts, read once. 'verdicts' may leave out reads that only add evidence beside a
   * verdict they cannot change (the /proc/kallsyms scan for the ACS override patch when the command
   * line does not name it), for callers that show verdicts only; 'all' (default) reads everything,
   * again if the kept facts were read for verdicts.
   */
  facts(need?: 'all' | 'verdicts'): HostFacts;
  /**
   * The pci.ids database of the machine running vfiokit (never the snapshot's), cut to what these
   * devices' names need and the classes': lookups of other IDs find nothing. (The whole file
   * for any ID: host/pci-ids.ts loadPciIds.)
   */
  pciIdsFor(devices: readonly PciDevice[]): PciIds;
  /** A device's BARs from sysfs `resource` ([] when unreadable). */
  bars(address: string): Bar[];
  /** The record `vfiokit setup` keeps, if setup ran here. */
  setupRecord(): SetupRecordRead;
  /** /proc/iomem's text, undefined when it cannot be read. */
  iomemText(): string | undefined;
  /** A device's runtime power attributes (each undefined when unreadable). */
  devicePower(address: string): DevicePower;
  /** A module parameter from /sys/module/MODULE/parameters/PARAM, undefined when unreadable. */
  moduleParam(module: string, param: string): string | undefined;
  /** /proc/sys/kernel/osrelease. */
  kernelRelease(): string | undefined;
  /** /proc/cmdline. */
  cmdline(): string | undefined;
  /** /sys/class/iommu entries (dmarN, ivhdN). */
  iommuUnits(): string[];
  /** ACPI describes an AMD IOMMU (an IVRS table, or ivhdN units). */
  amdIommu(): boolean;
  /**
   * A device's option ROM. On a live host this enables the ROM BAR (a write, undone at once):
   * callers ask only when the user asked for ROMs (`--roms`).
   */
  rom(address: string): Promise<RomRead>;
  /** A file under the root (a VM's romfile=), bounded; `{ error }` when absent or unreadable. */
  file(path: string): RomRead;
}
