/**
 * One HostState per run over a root: each part is read on first use and kept, so the commands
 * that share a run (the host report and doctor's summary) scan sysfs once between them.
 */
import { VfiokitError } from '../errors.js';
import type { PciIds } from '../pci/ids.js';
import type { PciDevice, PciScan } from '../pci/types.js';
import type { HostFacts } from '../system/host-facts.js';
import type { DevicePower, HostState, RomRead } from '../system/host-state.js';
import type { KernelGroups } from '../system/kernel-groups.js';
import type { Bar } from '../system/pci-resources.js';
import { parseSetupRecord, RECORD_PATH, type SetupRecordRead } from '../system/setup-record.js';
import { gatherHostFacts } from './host-facts.js';
import { kernelGroupsFromLinks, readKernelGroups } from './kernel-groups.js';
import { loadPciIdsFor } from './pci-ids.js';
import { readBars } from './pci-resources.js';
import { completePciDevices, PCI_DEVICES_DIR, scanPciDevices } from './pci-sysfs.js';
import type { HostRoot } from './root.js';

export type { HostState } from '../system/host-state.js';

/** ROM files a VM names are at most a flash chip's size; the cap keeps a wrong path bounded. */
const MAX_ROM_FILE = 64 * 1024 * 1024;

const SNAPSHOT_NO_ROM = 'the snapshot holds no copy of this ROM (dump it on the host: vfiokit rom dump)';

class RootHostState implements HostState {
  private scans: { all?: PciScan; grouping?: PciScan } = {};
  private groups?: KernelGroups;
  private hostFacts?: HostFacts;
  /** What the kept facts were read for (facts()): 'verdicts' leaves out evidence-only reads. */
  private factsFor?: 'all' | 'verdicts';
  private readonly barCache = new Map<string, Bar[]>();
  private record?: SetupRecordRead;

  constructor(readonly root: HostRoot) {}

  get name(): string {
    return this.root.name;
  }

  get live(): boolean {
    return this.root.live;
  }

  pci(facts: 'all' | 'grouping' = 'all'): PciScan {
    if (this.scans.all) return this.scans.all;
    if (facts === 'grouping') {
      this.scans.grouping ??= scanPciDevices(this.root, { facts });
      return this.scans.grouping;
    }
    // The commands over a HostState read decoded facts and, of the bytes, only the standard space
    // and the ACS registers (ACS quirks, IGD registers): the prefix grouping keeps. None of them
    // reads the other capabilities' registers (`vfiokit device` and fleet drift read devices in
    // full, readPciDevice/readPciDevices), so those are not decoded.
    this.scans.all = scanPciDevices(this.root, { keep: 'prefix', details: false });
    return this.scans.all;
  }

  pciWith(wanted: (d: PciDevice) => boolean): PciScan {
    if (this.scans.all) return this.scans.all;
    const scan = this.pci('grouping');
    completePciDevices(this.root, scan, wanted);
    return scan;
  }

  pciListed(): boolean {
    return this.root.isDir(PCI_DEVICES_DIR);
  }

  kernelGroups(): KernelGroups {
    // From the scan's links where that is sound (kernelGroupsFromLinks); listed otherwise.
    const scan = this.scans.all ?? this.scans.grouping;
    this.groups ??= (scan && kernelGroupsFromLinks(this.root, scan)) || readKernelGroups(this.root);
    return this.groups;
  }

  facts(need: 'all' | 'verdicts' = 'all'): HostFacts {
    if (this.hostFacts && (this.factsFor === 'all' || need === 'verdicts')) return this.hostFacts;
    this.hostFacts = gatherHostFacts(this.root, { acsPatch: need === 'all' ? 'always' : 'when-named' });
    this.factsFor = need;
    return this.hostFacts;
  }

  pciIdsFor(devices: readonly PciDevice[]): PciIds {
    return loadPciIdsFor(devices);
  }

  bars(address: string): Bar[] {
    let b = this.barCache.get(address);
    if (!b) {
      b = readBars(this.root, address);
      this.barCache.set(address, b);
    }
    return b;
  }

  setupRecord(): SetupRecordRead {
    if (this.record) return this.record;
    try {
      const t = this.root.readText(RECORD_PATH);
      this.record = t === undefined ? {} : { record: parseSetupRecord(t) };
    } catch (e) {
      this.record = { error: (e as Error).message };
    }
    return this.record;
  }

  iomemText(): string | undefined {
    return this.quiet('/proc/iomem', (p) => this.root.readText(p));
  }

  devicePower(address: string): DevicePower {
    const dev = `/sys/bus/pci/devices/${address}`;
    const attr = (p: string) => this.quiet(p, (x) => this.root.readAttr(x));
    return {
      control: attr(`${dev}/power/control`),
      runtimeStatus: attr(`${dev}/power/runtime_status`),
      powerState: attr(`${dev}/power_state`),
      d3coldAllowed: attr(`${dev}/d3cold_allowed`),
    };
  }

  moduleParam(module: string, param: string): string | undefined {
    return this.quiet(`/sys/module/${module}/parameters/${param}`, (p) => this.root.readAttr(p));
  }

  kernelRelease(): string | undefined {
    return this.root.readAttr('/proc/sys/kernel/osrelease');
  }

  cmdline(): string | undefined {
    return this.root.readAttr('/proc/cmdline');
  }

  iommuUnits(): string[] {
    return this.root.list('/sys/class/iommu');
  }

  amdIommu(): boolean {
    return (
      this.iommuUnits().some((n) => n.startsWith('ivhd')) ||
      this.root.exists('/sys/firmware/acpi/tables/IVRS')
    );
  }

  async rom(address: string): Promise<RomRead> {
    const root = this.root;
    if (root.live && typeof process.getuid === 'function' && process.getuid() !== 0) {
      return { error: 'reading the ROM needs root (it enables the ROM BAR through sysfs)' };
    }
    const { dumpRomBar, sysfsRomAccess } = await import('./rom-sysfs.js');
    let bytes: Uint8Array;
    try {
      bytes = (await dumpRomBar(sysfsRomAccess(root, address), address)).bytes;
    } catch (e) {
      // EIO or an empty read on a live host: the ROM is shadowed or the device was initialised by
      // a host driver (DESIGN.md, "Option ROM via sysfs"); the ROM check explains it from no bytes.
      if (e instanceof VfiokitError && (e.code === 'rom.eio' || e.code === 'rom.empty-read')) {
        return root.live ? { bytes: new Uint8Array(0) } : { error: SNAPSHOT_NO_ROM };
      }
      return { error: `could not read the ROM: ${(e as Error).message}` };
    }
    // A snapshot's rom file is only a placeholder unless the ROM was dumped into it.
    if (!bytes.length && !root.live) return { error: SNAPSHOT_NO_ROM };
    return { bytes };
  }

  file(path: string): RomRead {
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.root.readBytes(path, MAX_ROM_FILE);
    } catch (e) {
      return { error: `cannot read it: ${(e as Error).message}` };
    }
    return bytes ? { bytes } : { error: 'no such file' };
  }

  /** Reads whose failure only removes a note: an error is the same as no value. */
  private quiet<T>(p: string, read: (p: string) => T | undefined): T | undefined {
    try {
      return read(p);
    } catch {
      return undefined;
    }
  }
}

/** The HostState of a root; keep one per run and pass it to every analysis the run makes. */
export function openHostState(root: HostRoot): HostState {
  return new RootHostState(root);
}
