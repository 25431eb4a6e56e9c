/**
 * Reads PCI devices from sysfs under a HostRoot into PciDevice records
 * (Documentation/ABI/testing/sysfs-bus-pci; drivers/pci/pci-sysfs.c). Decoding of config bytes
 * is left to src/pci/; this module only knows where the kernel puts things.
 *
 * Kernel conventions honoured here:
 * - /sys/bus/pci/devices/X is a symlink into /sys/devices/pciDDDD:BB/...; the real path's
 *   components are the bridge chain from the root complex down (upstream).
 * - driver_override reads "(null)" when unset; numa_node reads -1 when unknown.
 * - `config` gives only 64 bytes (128 for CardBus) to readers without CAP_SYS_ADMIN
 *   (pci_read_config), so a short read is marked truncated and what it hides is listed.
 * - A device may be removed between listing the bus and reading its directory (hot unplug, VF
 *   teardown); such a device is skipped by the scan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, VfiokitError } from '../errors.js';
import {
  comparePciAddress,
  formatPciAddress,
  type PciAddress,
  parsePciAddress,
  tryParsePciAddress,
} from '../pci/address.js';
import { type DecodedConfig, decodeConfig } from '../pci/decode-config.js';
import { classFromConfig, vfClass } from '../pci/kernel-class.js';
import type { PciDevice, PciScan, UnknownFact } from '../pci/types.js';

export type { PciScan, UnreadableDevice } from '../pci/types.js';

import { ByteSlab } from './byte-slab.js';
import { readConfigSparse, readsCostCycles } from './config-sparse.js';
import { DirHostRoot, type HostRoot, type ListedDir } from './root.js';
import { flattenedReason, linkBasename, readSysfsLink, type SysfsLink } from './sysfs-link.js';

export const PCI_DEVICES_DIR = '/sys/bus/pci/devices';
const PCI_DRIVERS_DIR = '/sys/bus/pci/drivers';

/** Largest config space (PCIe extended): 4096 bytes. */
const CONFIG_MAX = 4096;

/** Live config reads land here; each device keeps a copy of only the bytes it needs. */
const CONFIG_BUF = new Uint8Array(CONFIG_MAX);

const BDF_COMPONENT = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

const basename = (p: string | undefined) => (p === undefined ? undefined : p.slice(p.lastIndexOf('/') + 1));

/**
 * A device directory. On the live root it is asked file by file instead of listed: a readdir of
 * its ~25 sysfs entries (kernfs builds each) cost more than all the probes a scan needs. A
 * snapshot's directory is listed once instead (see the constructor). Attributes nearly every device has (class, config, driver_override, numa_node) are
 * opened directly; optional ones (boot_vga only on VGA devices, sriov_* only on PFs, physfn only on
 * VFs, rom only with a ROM BAR, reset_method on newer kernels) are probed first with an lstat that
 * reports absence without throwing, because a failing fs call in Node builds an Error with a stack
 * and costs twice the probe.
 */
class DeviceDir {
  /** The directory on this machine, when reads may go straight to the file system. */
  private readonly disk: string | undefined;
  constructor(
    readonly root: HostRoot,
    readonly path: string,
    /**
     * The directory listed (a snapshot root): one listing answers every probe, and its files are
     * opened without resolving their paths again. On the live root probes are cheaper than a
     * listing of sysfs (see above).
     */
    private readonly listed?: ListedDir,
  ) {
    this.disk = liveDir(root) ? onDisk(root, path) : undefined;
  }
  /** Whether the directory was listed (a snapshot): every probe is then answered from the listing. */
  get listedDir(): boolean {
    return this.listed !== undefined;
  }
  /** Whether the entry exists, as a listing would show it (a dangling link counts). */
  has(name: string): boolean {
    if (this.listed) return this.listed.has(name);
    if (this.disk === undefined) {
      const p = `${this.path}/${name}`;
      return this.root.exists(p) || this.root.readLink(p) !== undefined;
    }
    try {
      return fs.lstatSync(`${this.disk}/${name}`, { throwIfNoEntry: false }) !== undefined;
    } catch {
      // ENOTDIR, EACCES...: the reads that follow report it with HostRoot's semantics.
      return false;
    }
  }
  /** An attribute most devices have: read directly; absent gives undefined. */
  attr(name: string): string | undefined {
    if (this.listed) return this.listed.readAttr(name);
    const v = this.disk === undefined ? FAILED : readAttrFile(`${this.disk}/${name}`);
    return v === FAILED ? this.root.readAttr(`${this.path}/${name}`) : v;
  }
  /** An attribute most devices lack: probed first. */
  optional(name: string): string | undefined {
    return this.has(name) ? this.attr(name) : undefined;
  }
  link(name: string): string | undefined {
    if (this.listed) return this.listed.readLink(name);
    return fastLink(this.root, `${this.path}/${name}`);
  }
  optionalLink(name: string): string | undefined {
    return this.has(name) ? this.link(name) : undefined;
  }
  /**
   * A link whose absence means something (no `driver` link: no driver), classified so that a
   * directory, a plain file or a flattened link in its place is told apart from absence.
   */
  linkEntry(name: string): SysfsLink {
    const p = `${this.path}/${name}`;
    if (this.listed) {
      if (!this.listed.has(name)) return { kind: 'absent' };
      const target = this.listed.readLink(name);
      if (target !== undefined) return { kind: 'link', target };
    }
    if (this.disk !== undefined) {
      try {
        return { kind: 'link', target: fs.readlinkSync(`${this.disk}/${name}`) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
      }
    }
    return readSysfsLink(this.root, p);
  }
  /** The full listing, for the few devices that need it (a PF's virtfnN links). */
  list(): string[] {
    return this.listed ? this.listed.names().sort() : this.root.list(this.path);
  }
  /** Config space bytes, in a buffer the next read reuses (see readConfig). */
  config(sparse: boolean): Uint8Array | undefined {
    if (!this.listed) return readConfig(this.root, `${this.path}/config`, sparse);
    try {
      return this.listed.readBytes('config', CONFIG_MAX, true);
    } catch (e) {
      if (e instanceof VfiokitError && e.code === 'host.io') return undefined;
      throw e;
    }
  }
}

/**
 * Direct file system reads (below) only on the live root: a snapshot's files may be links
 * leading out of it or FIFOs, which only HostRoot's confined reads handle.
 */
function liveDir(root: HostRoot): root is DirHostRoot {
  return root instanceof DirHostRoot && root.live;
}

/**
 * The file under a directory root for a host path this module built itself (absolute, already
 * normalised by devicePath): plain concatenation, skipping path.join's normalisation, which
 * showed up in profiles at tens of thousands of reads.
 */
function onDisk(root: DirHostRoot, hostPath: string): string {
  return root.live ? hostPath : root.dir + hostPath;
}

/** sysfs attributes are at most one page. */
const ATTR_BUF = Buffer.alloc(4096);

const FAILED = Symbol('failed');

/** ASCII whitespace as \s+$ trims it from an attribute: space, \t, \n, \v, \f, \r. */
const isAsciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/**
 * One attribute read with open/read/close into a shared buffer: about a quarter cheaper than
 * readFileSync (no fstat, no per-read buffer), which matters at a dozen reads per device. The
 * trailing newline is cut from the bytes before decoding, saving a string per read; a value
 * ending in a non-ASCII byte is trimmed as text, as before. FAILED sends the caller to
 * HostRoot.readAttr for its absent/permission semantics.
 */
function readAttrFile(file: string): string | typeof FAILED {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return FAILED;
  }
  try {
    let n = fs.readSync(fd, ATTR_BUF, 0, ATTR_BUF.length, 0);
    while (n > 0 && isAsciiSpace(ATTR_BUF[n - 1])) n--;
    const text = ATTR_BUF.toString('utf8', 0, n);
    return n > 0 && ATTR_BUF[n - 1] >= 0x80 ? text.replace(/\s+$/, '') : text;
  } catch {
    return FAILED;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * readlink of a path this module built, straight on the file (no HostRoot path.join); any failure
 * goes back to HostRoot.readLink for its absent/permission semantics.
 */
function fastLink(root: HostRoot, hostPath: string): string | undefined {
  if (!liveDir(root)) return root.readLink(hostPath);
  try {
    return fs.readlinkSync(onDisk(root, hostPath));
  } catch {
    return root.readLink(hostPath);
  }
}

function hexAttr(d: DeviceDir, name: string): number | undefined {
  const s = d.attr(name);
  if (s === undefined || !/^(0x)?[0-9a-fA-F]+$/.test(s)) return undefined;
  return parseInt(s, 16);
}

function intAttr(d: DeviceDir, name: string): number | undefined {
  const s = d.attr(name);
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return parseInt(s, 10);
}

const isVgaClass = (classCode: number) => classCode >> 8 === 0x0300 || classCode >> 8 === 0x0001;

/** All PCI devices in kernel enumeration order (domain, bus, device, function). */
export interface ScanOptions {
  /**
   * Called for a device that could not be read (EIO, permission denied, a broken or looping link
   * or a malformed attribute in a damaged snapshot); the scan goes on without its record, and
   * scanPciDevices lists it so no verdict treats it as absent.
   */
  onSkip?: (address: string, reason: string) => void;
  /**
   * 'grouping': only the facts the IOMMU grouping analysis and `vfiokit groups` read (IDs,
   * class, config space, driver, group, boot_vga, physfn, subsystem IDs for quirk matching);
   * numa_node, driver_override, reset_method, link speed/width and SR-IOV details are left out,
   * and a VF's revision comes from its config header instead of the attribute, saving several
   * reads per device. Default 'all'.
   */
  facts?: 'all' | 'grouping';
  /**
   * How much config space each record keeps once decoded: 'whole' (default), or 'prefix', what
   * grouping reads (see groupingPrefix), with `config.size` giving the size read. Every decoded
   * fact comes from the whole space either way; a scan of a large host for a listing keeps 4 KiB
   * per device otherwise (16 MB at 4,096 functions).
   */
  keep?: 'whole' | 'prefix';
  /**
   * Whether a full scan decodes each capability's registers into `details` (decodeConfig; default
   * true). Commands that print none of them save the objects; a grouping scan never decodes them.
   */
  details?: boolean;
}

const isReadError = (e: unknown): e is VfiokitError =>
  e instanceof VfiokitError && (e.code === 'host.io' || e.code === 'host.permission');

export function scanPciDevices(root: HostRoot, opts: ScanOptions = {}): PciScan {
  const scan: PciScan = { devices: [], unreadable: [], flattened: [] };
  let entries: string[];
  let bus: ListedDir | undefined;
  try {
    // A snapshot's bus directory is listed once and its links read through that listing.
    bus = root.openDir?.(PCI_DEVICES_DIR);
    entries = bus ? bus.names() : root.list(PCI_DEVICES_DIR);
  } catch (e) {
    if (!isReadError(e)) throw e;
    scan.listError = e.message;
    return scan;
  }
  // Each name parsed once, for the filter, the sort and the record: comparing sysfs names as
  // strings parsed both sides on every one of the sort's comparisons.
  const found: { name: string; addr: PciAddress }[] = [];
  // Indexed loops here and below: no iterator result per step (the one-shot commands' code is
  // never optimised, and these run once per function of the host).
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i];
    const addr = tryParsePciAddress(name);
    if (addr) found.push({ name, addr });
  }
  found.sort((a, b) => comparePciAddress(a.addr, b.addr));
  const ctx: ScanContext = {
    root,
    facts: opts.facts ?? 'all',
    prefix: opts.keep === 'prefix',
    details: opts.details ?? true,
    sparseConfig:
      (opts.facts === 'grouping' || opts.details === false) &&
      liveDir(root) &&
      readsCostCycles(onDisk(root, PCI_DEVICES_DIR)),
    flattened: scan.flattened,
    bus,
    slab: new ByteSlab(),
    pfs: new Map(),
    vfs: new Map(),
    vf0Class: new Map(),
    sriovBlind: false,
    drivers: readDriverDirs(root),
    busDirs: root.live && !bus ? new Map() : undefined,
    upstream: new Map(),
  };
  for (let i = 0; i < found.length; i++) {
    const { name, addr } = found[i];
    let d: PciDevice | undefined;
    try {
      d = readDevice(ctx, name, addr);
    } catch (e) {
      if (!isReadError(e)) throw e;
      ctx.sriovBlind = true;
      scan.unreadable.push({ address: name, reason: e.message });
      opts.onSkip?.(name, e.message);
      continue;
    }
    if (d) scan.devices.push(d);
  }
  return scan;
}

export function readPciDevices(root: HostRoot, opts: ScanOptions = {}): PciDevice[] {
  return scanPciDevices(root, opts).devices;
}

/** One device by address ("0000:01:00.0" or "01:00.0"); a VfiokitError if there is none. */
export function readPciDevice(root: HostRoot, bdf: string): PciDevice {
  const addr = parsePciAddress(bdf);
  const name = formatPciAddress(addr);
  const d = tryReadPciDevice(root, name);
  if (!d) {
    throw new VfiokitError(`no PCI device ${name}${root.live ? '' : ` in ${root.name}`}`, {
      hint: 'list the addresses with `vfiokit devices`',
      code: 'pci.no-device',
    });
  }
  return d;
}

/** One device by its sysfs name, or undefined when it is absent or vanished while being read. */
export function tryReadPciDevice(
  root: HostRoot,
  name: string,
  facts: 'all' | 'grouping' = 'all',
): PciDevice | undefined {
  const addr = tryParsePciAddress(name);
  if (!addr) return undefined;
  // One device alone: no PF was read before it, so whether it is a VF is asked of its directory.
  return readDevice(
    {
      root,
      facts,
      details: true,
      sparseConfig: false,
      flattened: [],
      slab: new ByteSlab(),
      pfs: new Map(),
      vfs: new Map(),
      vf0Class: new Map(),
      sriovBlind: true,
      upstream: new Map(),
    },
    name,
    addr,
  );
}

/**
 * The facts only full scans read (driver_override, reset methods, NUMA node, link, SR-IOV, the
 * ROM attribute and a VF's revision attribute), added to the records of a grouping scan that
 * `wanted` picks: a command that looks closely at a few devices (the display devices of the host
 * report, doctor's targets) reads them for those alone, not for every function of the host (three
 * to five reads each). A record that already has them (hasRom is set by exactly these reads) is
 * left alone. A device whose facts cannot be read leaves the scan's devices for its unreadable
 * ones, as it would have in a full scan. Returns how many records were completed.
 */
export function completePciDevices(root: HostRoot, scan: PciScan, wanted: (d: PciDevice) => boolean): number {
  let n = 0;
  const kept: PciDevice[] = [];
  const devices = scan.devices;
  for (let i = 0; i < devices.length; i++) {
    const dev = devices[i];
    if (dev.hasRom !== undefined || !wanted(dev)) {
      kept.push(dev);
      continue;
    }
    try {
      completeDevice(root, dev);
      n++;
      kept.push(dev);
    } catch (e) {
      if (!isReadError(e)) throw e;
      scan.unreadable.push({ address: dev.address, reason: e.message });
    }
  }
  if (kept.length !== devices.length) {
    devices.length = 0;
    for (let i = 0; i < kept.length; i++) devices.push(kept[i]);
  }
  return n;
}

function completeDevice(root: HostRoot, dev: PciDevice): void {
  const listed = root.openDir?.(dev.sysfsPath);
  if (root.openDir && !root.live && listed === undefined)
    checkDirectory(root, `${PCI_DEVICES_DIR}/${dev.address}`, dev.sysfsPath);
  const dir = new DeviceDir(root, dev.sysfsPath, listed);
  const config = dev.config;
  const dc: ConfigFacts | undefined = config && {
    config,
    header: dev.headerType === undefined ? undefined : dev.headerType,
    capabilities: dev.capabilities,
    pcie: dev.pcie,
    problems: config.problems ?? [],
  };
  // As baseRecord reads it in a full scan: a VF's and a headerless record's revision from the
  // attribute, the header's otherwise.
  if (dev.physfn !== undefined || dev.headerType === undefined) {
    const revision = hexAttr(dir, 'revision');
    if (revision !== undefined) dev.revision = revision;
  }
  const hasRom = dir.has('rom');
  readAllFacts(dir, dev, dc);
  dev.hasRom = hasRom;
}

const unreadable = (message: string) => new EnvironmentError(message, { code: 'host.io' });

/** What every device of one scan shares. */
interface ScanContext {
  root: HostRoot;
  facts: 'all' | 'grouping';
  /** Keep only the prefix of config space that grouping reads (ScanOptions.keep). */
  prefix?: boolean;
  /** Whether a full scan decodes capability registers (ScanOptions.details). */
  details: boolean;
  /**
   * Config space read in the parts the decoders use (config-sparse.ts): on the live root when it
   * is a real sysfs and the scan decodes no capability registers.
   */
  sparseConfig: boolean;
  /** Links found flattened (PciScan.flattened). */
  flattened: string[];
  /** The bus directory, when the root lists directories (a snapshot). */
  bus?: ListedDir;
  /** Where the kept copies of config space go. */
  slab: ByteSlab;
  /** PFs read so far whose config holds an SR-IOV capability: what their VFs' IDs are (vfIds). */
  pfs: Map<string, PfIds>;
  /** Each bound function's driver, from the drivers' directories (see readDriverDirs). */
  drivers?: Map<string, string>;
  /** The VFs of the PFs read so far, by name, with their PF's name (see readVfNames). */
  vfs: Map<string, string>;
  /**
   * For each PF whose VF 0 was read: VF 0's name and, once read, the class its config gives (see
   * classOfLiveConfig; undefined: it gave none).
   */
  vf0Class: Map<string, { vf0: string; cls?: number }>;
  /**
   * A function read so far could have VFs its config did not show (config unreadable, cut short,
   * or a capability list not read whole): whether a function is a VF is then asked of its
   * directory (the physfn link) instead of taken from the PFs' capabilities.
   */
  sriovBlind: boolean;
  /**
   * On the live root: the directory each bus's devices sit in, by "DOMAIN:BUS", from the bridges
   * and devices read so far (see expectedDir). Undefined elsewhere: a snapshot's bus listing
   * already holds every link's text.
   */
  busDirs?: Map<string, string>;
  /**
   * The upstream chain (PciDevice.upstream) of each parent directory read so far: siblings share
   * one array, built once (nothing changes a record's upstream after the scan).
   */
  upstream: Map<string, string[]>;
}

/** What a PF's config says of its VFs' identity (see vfIds). */
interface PfIds {
  vendor: number;
  vfDevice: number;
}

/** One device being read: its bus entry, its real directory and what it could not tell. */
interface DeviceAt {
  ctx: ScanContext;
  name: string;
  /** The bus entry, /sys/bus/pci/devices/NAME. */
  p: string;
  /** The real device directory the bus link leads to. */
  sysfsPath: string;
  dir: DeviceDir;
  unknownFacts: UnknownFact[];
  /** The VF Device ID register of this device's SR-IOV capability, when its config holds one. */
  vfDevice?: number;
  /**
   * A bridge's subsystem IDs from its config (see bridgeSubsystem); undefined when its capability
   * list could not be read whole.
   */
  bridgeSubsystem?: [number, number];
  /** Config space as read to confirm an expected directory (a view of CONFIG_BUF: read next). */
  config?: Uint8Array;
  /**
   * A read found no group link or no attribute every device has: either the device has none, or
   * it went away during the scan (finish() asks which when it does not read the class).
   */
  absent?: boolean;
}

/**
 * A config header that reads all ones is what a function returns when it does not answer: powered
 * off in D3cold, behind a link that is down, or removed (PCI Express Base spec: a completion
 * timeout or Unsupported Request on a config read returns all ones to the CPU). sysfs wakes a
 * runtime-suspended device for a config read (pci_config_pm_runtime_get), so all ones there is
 * not a sleeping device but one that is gone. VFs read 0xffff in their ID registers only, never
 * in the whole header.
 */
function allOnes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64);
  if (n < 4) return false;
  for (let i = 0; i < n; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

/**
 * The record of one device, read in parts: its directory, its config space, its IDs, its driver
 * and group links, the facts only `all` scans read, and last the class (see finish()).
 */
function readDevice(ctx: ScanContext, name: string, addr: PciAddress): PciDevice | undefined {
  const at = openDevice(ctx, name);
  if (!at) {
    ctx.sriovBlind = true;
    return undefined;
  }
  const dc = readDecodedConfig(at);
  // A VF comes after its PF in this order (its routing ID is the PF's plus First VF Offset), so a
  // PF's capability has named it by now (readVfNames) unless some config could not be read whole.
  // A listed directory (a snapshot) answers from its listing, which costs nothing and is the record.
  const physfn =
    at.dir.listedDir || ctx.sriovBlind ? basename(at.dir.optionalLink('physfn')) : ctx.vfs.get(name);
  const dev = baseRecord(at, addr, dc, physfn);
  readDeviceLinks(at, dev);
  // driver_override and numa_node: absent, the device may have gone (see readAllFacts).
  if (ctx.facts === 'all' && !readAllFacts(at.dir, dev, dc)) at.absent = true;
  if (physfn) dev.physfn = physfn;
  applyConfig(dev, dc);
  if (at.vfDevice !== undefined && physfn === undefined)
    ctx.pfs.set(name, { vendor: dev.vendorId, vfDevice: at.vfDevice });
  return finish(at, dev);
}

/** The device's real directory, or undefined when its bus entry is gone. */
function openDevice(ctx: ScanContext, name: string): DeviceAt | undefined {
  const { root } = ctx;
  const p = `${PCI_DEVICES_DIR}/${name}`;
  if (ctx.busDirs) {
    const expected = `${expectedDir(ctx.busDirs, name)}/${name}`;
    const config = configAt(root, expected, ctx.sparseConfig);
    if (config !== undefined)
      return {
        ctx,
        name,
        p,
        sysfsPath: expected,
        dir: new DeviceDir(root, expected),
        unknownFacts: [],
        config,
      };
  }
  const sysfsPath = devicePath(root, p, ctx.flattened, ctx.bus?.readLink(name));
  if (sysfsPath === undefined) return undefined;
  ctx.busDirs?.set(busKey(name), sysfsPath.slice(0, sysfsPath.lastIndexOf('/')));
  // Read through the real directory: every open through the bus link would follow it again. A
  // snapshot's directory is listed first: a directory that cannot be listed (EIO, a looping link
  // in a damaged snapshot) fails here with its own error; one that is missing or not a directory
  // is told apart by checkDirectory.
  const listed = root.openDir?.(sysfsPath);
  if (root.openDir && !root.live && listed === undefined) checkDirectory(root, p, sysfsPath);
  return { ctx, name, p, sysfsPath, dir: new DeviceDir(root, sysfsPath, listed), unknownFacts: [] };
}

/**
 * Config space decoded, with the copy the record keeps; undefined (and the reason among the
 * unknown facts) when it is missing, shorter than a header or all ones. The bytes are read into
 * a shared buffer and decoded before any other read of the device can reuse it.
 */
function readDecodedConfig(at: DeviceAt): DecodedConfig | undefined {
  const { root } = at.ctx;
  // Every device has config, so it is read without probing. When that read fails, the directory
  // itself may be what failed (EIO, a looping link in a damaged snapshot): listing it then reports
  // the directory's error, as the scan did when it listed every directory.
  let bytes: Uint8Array | undefined;
  try {
    bytes = at.config ?? at.dir.config(at.ctx.sparseConfig);
  } catch (e) {
    root.list(at.sysfsPath);
    throw e;
  }
  const reason =
    bytes === undefined
      ? `${at.name} has no readable config file`
      : bytes.length < 64
        ? // pci_read_config serves every reader the 64-byte standard header at least.
          `${at.name}'s config file holds ${bytes.length} bytes, fewer than the 64 of every PCI header`
        : undefined;
  if (bytes === undefined) {
    root.list(at.sysfsPath);
    checkDirectory(root, at.p, at.sysfsPath);
  }
  if (reason !== undefined || bytes === undefined) {
    at.ctx.sriovBlind = true;
    at.unknownFacts.push({ fact: 'config', reason: reason ?? '' });
    return undefined;
  }
  if (allOnes(bytes)) {
    at.ctx.sriovBlind = true;
    at.unknownFacts.push({
      fact: 'response',
      reason: `${at.name}'s config space reads all ones (0xff): the device does not answer (powered off in D3cold, or gone)`,
    });
    return undefined;
  }
  const grouping = at.ctx.facts === 'grouping';
  const dc = decodeConfig(bytes, { details: !grouping && at.ctx.details });
  const bridge = dc.header?.bridge;
  if (at.ctx.busDirs && bridge && bridge.secondaryBus > 0) {
    const domain = at.name.slice(0, at.name.indexOf(':'));
    at.ctx.busDirs.set(`${domain}:${bridge.secondaryBus.toString(16).padStart(2, '0')}`, at.sysfsPath);
  }
  readIdRegisters(at, dc, bytes);
  const keep = grouping || at.ctx.prefix ? groupingPrefix(bytes.length, dc) : bytes.length;
  dc.config.bytes = at.ctx.slab.copy(bytes.subarray(0, keep));
  if (keep < bytes.length) dc.config.size = bytes.length;
  return dc;
}

const SRIOV_EXT_CAP = 0x10;
const SSVID_CAP = 0x0d;
const u16At = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);

/**
 * The ID registers other records need, taken from config before only a prefix of it is kept:
 * - a PF's VF Device ID (SR-IOV capability + 0x1a): the kernel gives each VF the PF's vendor and
 *   this device ID (drivers/pci/iov.c, pci_iov_add_virtfn: virtfn->vendor = dev->vendor,
 *   virtfn->device = iov->vf_device, read from PCI_SRIOV_VF_DID), since a VF's own ID registers
 *   read 0xffff;
 * - a bridge's subsystem IDs: for a type 1 header the kernel reads them from the Subsystem ID
 *   capability (drivers/pci/probe.c pci_setup_device, PCI_CAP_ID_SSVID at +4 and +6) and leaves
 *   them 0 without one. Only when the capability list was read whole (no part of it unknown, no
 *   loop): otherwise the attributes say.
 */
function readIdRegisters(at: DeviceAt, dc: DecodedConfig, bytes: Uint8Array): void {
  const h = dc.header;
  const whole = !dc.config.truncated && !dc.config.unknown?.length && !dc.problems.length;
  if (!whole || !h) at.ctx.sriovBlind = true;
  if (!h) return;
  for (let i = 0; i < dc.capabilities.length; i++) {
    const cap = dc.capabilities[i];
    if (cap.extended && cap.id === SRIOV_EXT_CAP && cap.offset + 0x1c <= bytes.length) {
      at.vfDevice = u16At(bytes, cap.offset + 0x1a);
      readVfNames(at, bytes, cap.offset);
    } else if (cap.extended && cap.id === SRIOV_EXT_CAP) at.ctx.sriovBlind = true;
  }
  if (h.headerType !== 1 || !whole) return;
  const ssvid = dc.capabilities.find((c) => !c.extended && c.id === SSVID_CAP);
  at.bridgeSubsystem =
    ssvid === undefined
      ? [0, 0]
      : ssvid.offset + 8 <= bytes.length
        ? [u16At(bytes, ssvid.offset + 4), u16At(bytes, ssvid.offset + 6)]
        : undefined;
}

/**
 * The VFs a PF has now, from its SR-IOV capability, as the kernel places them when it enables
 * them (drivers/pci/iov.c): VF i of a PF with routing ID r is at r + First VF Offset + i × VF
 * Stride (pci_iov_virtfn_bus / pci_iov_virtfn_devfn), in the PF's domain, for i below NumVFs, and
 * only while VF Enable is set (sriov_enable sets NumVFs and VF Enable, then adds the VFs;
 * sriov_disable removes them first). This replaces a probe for a physfn link in every function's
 * directory.
 */
function readVfNames(at: DeviceAt, bytes: Uint8Array, cap: number): void {
  const enabled = (u16At(bytes, cap + 0x08) & 1) === 1;
  const numVfs = u16At(bytes, cap + 0x10);
  if (!enabled || numVfs === 0) return;
  const offset = u16At(bytes, cap + 0x14);
  const stride = u16At(bytes, cap + 0x16);
  const pf = tryParsePciAddress(at.name);
  if (!pf) {
    at.ctx.sriovBlind = true;
    return;
  }
  const rid = (pf.bus << 8) | (pf.device << 3) | pf.fn;
  for (let i = 0; i < numVfs; i++) {
    const vf = rid + offset + stride * i;
    if (vf > 0xffff) break;
    const name = formatPciAddress({ domain: pf.domain, bus: vf >> 8, device: (vf >> 3) & 0x1f, fn: vf & 7 });
    at.ctx.vfs.set(name, at.name);
    if (i === 0) at.ctx.vf0Class.set(at.name, { vf0: name });
  }
}

/**
 * What a grouping scan keeps of config space: the standard 256 bytes (header and capability
 * list) and, when there is an ACS capability, the extended space through its registers, the only
 * extended bytes grouping reads (an ACS quirk reads the control register at +8 on ports that lay
 * the registers out as dwords, drivers/pci/quirks.c pci_quirk_intel_spt_pch_acs). Keeping 4 KiB
 * for each of thousands of devices was most of a large host's scan memory.
 */
function groupingPrefix(size: number, dc: DecodedConfig): number {
  const acsEnd = dc.acs ? dc.acs.offset + 12 : 0;
  return Math.min(size, Math.max(0x100, acsEnd));
}

/**
 * The functions above a device: the PCI address components of its directory's parent path (the
 * device's own directory is its last component, named by its address).
 */
function upstreamOf(ctx: ScanContext, sysfsPath: string): string[] {
  const cut = sysfsPath.lastIndexOf('/');
  const parent = sysfsPath.slice(0, cut);
  // A directory not named by an address (a damaged snapshot): the last address found is dropped.
  if (!BDF_COMPONENT.test(sysfsPath.slice(cut + 1)))
    return sysfsPath
      .split('/')
      .filter((c) => BDF_COMPONENT.test(c))
      .slice(0, -1);
  let up = ctx.upstream.get(parent);
  if (up === undefined) {
    up = parent.split('/').filter((c) => BDF_COMPONENT.test(c));
    ctx.upstream.set(parent, up);
  }
  return up;
}

/**
 * The record's identity and header facts. The kernel's vendor/device attributes are the ID
 * registers it read at enumeration (pci_setup_device), so config space, read anyway, saves two
 * opens per device. Not for VFs: their ID registers read 0xffff and the kernel takes the IDs from
 * the PF's SR-IOV capability. The kernel fills revision and (for type 0 headers) the subsystem IDs
 * from these same config registers (drivers/pci/probe.c pci_setup_device), so a complete header
 * saves three reads per device. VFs and bridges (subsystem from the SSVID capability) keep the
 * sysfs attributes.
 */
function baseRecord(
  at: DeviceAt,
  addr: PciAddress,
  dc: DecodedConfig | undefined,
  physfn?: string,
): PciDevice {
  const { dir } = at;
  const isVf = physfn !== undefined;
  const bytes = dc?.config.bytes;
  const cfgVendor = !isVf && bytes ? bytes[0] | (bytes[1] << 8) : undefined;
  const cfgIds = cfgVendor !== undefined && cfgVendor !== 0xffff;
  // A VF's IDs are its PF's (see readIdRegisters), when the PF's config was read.
  const pf = isVf ? at.ctx.pfs.get(physfn) : undefined;
  const vendorId = cfgIds ? cfgVendor : (pf?.vendor ?? hexAttr(dir, 'vendor'));
  const deviceId = cfgIds ? bytes![2] | (bytes![3] << 8) : (pf?.vfDevice ?? hexAttr(dir, 'device'));
  if (vendorId === undefined || deviceId === undefined) return missing(at);
  const h = dc?.header && !isVf ? dc.header : undefined;
  // A VF's subsystem IDs come from a VF's own type 0 header (pci_setup_device; newer kernels read
  // VF 0's for all of them, pci_read_vf_config_common): from its config when its PF was read.
  const own = pf ? dc?.header : h;
  const sub =
    own?.headerType === 0
      ? [own.subsystemVendorId, own.subsystemDeviceId]
      : h?.headerType === 1 && at.bridgeSubsystem
        ? at.bridgeSubsystem
        : [hexAttr(dir, 'subsystem_vendor'), hexAttr(dir, 'subsystem_device')];
  // The kernel fills a missing subsystem ID or revision from the header (pci_setup_device); so
  // does the record, here, so that every field is set once and in its place: a record whose
  // field is deleted afterwards turns into a hash table in V8 (several times the memory).
  const subVendor = sub[0] ?? dc?.header?.subsystemVendorId;
  const subDevice = sub[1] ?? dc?.header?.subsystemDeviceId;
  const revision =
    (h ? h.revision : at.ctx.facts === 'all' ? hexAttr(dir, 'revision') : undefined) ?? dc?.header?.revision;
  const dev = { address: at.name, addr, vendorId, deviceId } as PciDevice;
  if (subVendor !== undefined) dev.subsystemVendorId = subVendor;
  if (subDevice !== undefined) dev.subsystemDeviceId = subDevice;
  // Read last, in finish(): it doubles as the check that the device is still there.
  dev.classCode = 0;
  if (revision !== undefined) dev.revision = revision;
  // Only `vfiokit groups` reads a grouping scan, and it never asks (one probe per device saved).
  if (at.ctx.facts === 'all') dev.hasRom = dir.has('rom');
  dev.upstream = upstreamOf(at.ctx, at.sysfsPath);
  dev.sysfsPath = at.sysfsPath;
  dev.capabilities = [];
  return dev;
}

/**
 * Absent: the device went away while we looked. Present but not hex: a damaged snapshot.
 */
function missing(at: DeviceAt): never {
  const { dir, p } = at;
  checkDirectory(at.ctx.root, p, at.sysfsPath);
  for (const a of ['vendor', 'device', 'class']) {
    const v = dir.attr(a);
    if (v === undefined) throw unreadable(`${p} has no ${a} attribute`);
    if (hexAttr(dir, a) === undefined) throw unreadable(`malformed ${a} attribute in ${p}`);
  }
  throw unreadable(`${p} could not be read consistently (it changed while being read)`);
}

/**
 * On the live root, which driver each function is bound to, from the PCI drivers' directories:
 * the kernel links a bound device into its driver's directory and links the driver into the
 * device's in one step (drivers/base/dd.c driver_sysfs_add), so a function in no driver's
 * directory has no driver. One listing per driver (a few dozen on a host) instead of a readlink
 * per function, a quarter of which fails with an exception for a function without a driver.
 * Undefined (each function's link is read) on a snapshot, whose links are its record, or when a
 * directory cannot be listed.
 */
function readDriverDirs(root: HostRoot): Map<string, string> | undefined {
  if (!root.live) return undefined;
  const drivers = new Map<string, string>();
  try {
    for (const drv of root.list(PCI_DRIVERS_DIR)) {
      for (const entry of root.list(`${PCI_DRIVERS_DIR}/${drv}`)) {
        if (!BDF_COMPONENT.test(entry)) continue;
        // Bound to two drivers at once cannot happen; if the directories say so, ask the links.
        if (drivers.has(entry)) return undefined;
        drivers.set(entry, drv);
      }
    }
  } catch (e) {
    if (isReadError(e)) return undefined;
    throw e;
  }
  return drivers;
}

/** The driver and IOMMU group links. */
function readDeviceLinks(at: DeviceAt, dev: PciDevice): void {
  const { dir, p, name, unknownFacts, ctx } = at;
  const known = ctx.drivers?.get(name);
  const driverLink: SysfsLink = ctx.drivers
    ? known === undefined
      ? { kind: 'absent' }
      : { kind: 'link', target: known }
    : dir.linkEntry('driver');
  if (driverLink.kind === 'link') dev.driver = linkBasename(driverLink.target);
  else if (driverLink.kind === 'flattened') {
    ctx.flattened.push(`${p}/driver`);
    unknownFacts.push({
      fact: 'driver',
      reason: `${name}: driver unknown: ${flattenedReason(`${p}/driver`, driverLink.target)}`,
    });
  } else if (driverLink.kind === 'broken') {
    unknownFacts.push({ fact: 'driver', reason: `${name}: driver unknown: ${driverLink.reason}` });
  }
  // The group link is only a cross-check of the kernel's group directories (the truth for
  // membership), so a flattened one is compared by the text it holds.
  const groupLink = dir.linkEntry('iommu_group');
  if (groupLink.kind === 'flattened') ctx.flattened.push(`${p}/iommu_group`);
  if (groupLink.kind === 'link' || groupLink.kind === 'flattened') {
    const group = linkBasename(groupLink.target);
    if (/^\d+$/.test(group)) dev.iommuGroup = Number(group);
    else
      unknownFacts.push({
        fact: 'iommu_group',
        reason: `${p}/iommu_group points to ${groupLink.target}, not to a group`,
      });
  } else if (groupLink.kind === 'broken') {
    unknownFacts.push({ fact: 'iommu_group', reason: groupLink.reason });
  } else at.absent = true;
}

/**
 * What readAllFacts needs of a device's decoded config: the DecodedConfig in a scan, or the same
 * facts taken back from a record (completePciDevices). Undefined when config was not readable.
 */
type ConfigFacts = Pick<DecodedConfig, 'config' | 'capabilities' | 'pcie' | 'problems'> & {
  header?: unknown;
};

/**
 * What only full scans read: driver_override, reset methods, NUMA node, link, SR-IOV. False when
 * driver_override (on every device since 3.16) or numa_node was not there.
 */
function readAllFacts(dir: DeviceDir, dev: PciDevice, dc: ConfigFacts | undefined): boolean {
  const override = dir.attr('driver_override');
  if (override && override !== '(null)') dev.driverOverride = override;
  const reset = dir.optional('reset_method');
  if (reset !== undefined) dev.resetMethods = reset.split(/\s+/).filter(Boolean);
  const numa = intAttr(dir, 'numa_node');
  if (numa !== undefined && numa >= 0) dev.numaNode = numa;
  // Link speed and width: from the PCIe capability's Link Capabilities/Status registers when the
  // whole config space was readable (what the kernel's *_link_* attributes print, four opens
  // saved per device); from the attributes when only 64 bytes were (not root).
  if (dc && !dc.config.truncated) {
    if (dc.pcie?.link) dev.link = linkFromConfig(dc.pcie.link);
  } else readLinkAttrs(dir, dev);
  readSriov(dir, dev, dc);
  // numa_node too is on every device of a NUMA kernel (every x86-64 distribution's).
  return override !== undefined && numa !== undefined;
}

/** The decoded config space into the record, in the record's field order. */
function applyConfig(dev: PciDevice, dc: DecodedConfig | undefined): void {
  if (dc !== undefined) {
    dev.config = dc.config;
    dev.capabilities = dc.capabilities;
    if (dc.header) {
      dev.headerType = dc.header.headerType;
      dev.multifunction = dc.header.multifunction;
      if (dc.header.bridge) dev.bridge = dc.header.bridge;
    }
    if (dc.pcie) dev.pcie = dc.pcie;
    if (dc.acs) dev.acs = dc.acs;
  }
}

/**
 * The class, read after every other attribute and link: read successfully, it shows the
 * directory was still there at the end, which saves a separate existence check per device (a
 * device vanished mid-scan gives a mix of before and after, and is skipped). Then boot_vga.
 */
function finish(at: DeviceAt, dev: PciDevice): PciDevice {
  const { dir, p } = at;
  const fromConfig = classOfLiveConfig(at, dev);
  // Without the class read, a read that found nothing (a group link, an attribute every device
  // has) may have been the device going away: asked once more, then.
  if (fromConfig !== undefined && at.absent && !dir.has('class')) return missing(at);
  const classCode = fromConfig ?? hexAttr(dir, 'class');
  if (classCode === undefined) return missing(at);
  // The kernel's class attribute is pdev->class, set from a config read at enumeration; all ones
  // there is no class at all but a function that did not answer (see allOnes).
  if (classCode === 0xffffff) throw unreadable(`${p}/class reads 0xffffff: the device did not answer`);
  dev.classCode = classCode;
  if (at.unknownFacts.length) dev.unknownFacts = at.unknownFacts;
  // The kernel shows boot_vga only on VGA-class devices (pci_dev_attrs_are_visible: class 0300,
  // and 0001, the pre-2.0 "not defined" VGA, since pci_is_vga), judged on its own pdev->class,
  // which the class attribute prints: other devices need no probe.
  if (!isVgaClass(classCode)) return dev;
  const bootVga = dir.optional('boot_vga');
  // Read after the class: check again that the directory was there all along.
  if (!dir.has('vendor')) return missing(at);
  if (bootVga === '0' || bootVga === '1') return withBootVga(dev, bootVga === '1');
  // pci_dev_attrs_are_visible() shows boot_vga on every VGA-class device, and it prints 0 or 1:
  // anything else is damage, and whether this is the boot GPU is then not known.
  dev.unknownFacts = [
    ...(dev.unknownFacts ?? []),
    {
      fact: 'boot_vga',
      reason:
        bootVga === undefined
          ? `${p}/boot_vga is missing, though the kernel shows it on every VGA-class device`
          : `${p}/boot_vga holds ${JSON.stringify(bootVga.slice(0, 16))}, not 0 or 1`,
    },
  ];
  return dev;
}

/** The kernel rewrites classes with fixups this project follows only for x86 (kernel-class.ts). */
const X86 = process.arch === 'x64' || process.arch === 'ia32';

/**
 * On the live root of an x86 host, the class from the config space just read, when the kernel's
 * rules say it is the class the attribute shows (pci/kernel-class.ts); undefined elsewhere: a
 * snapshot's attribute is its record of the kernel's class.
 */
function classOfLiveConfig(at: DeviceAt, dev: PciDevice): number | undefined {
  if (!X86 || !at.ctx.root.live || dev.config === undefined) return undefined;
  const own = classFromConfig(dev.config.bytes, dev);
  if (dev.physfn === undefined) return own;
  // A VF shows VF 0's class (kernel-class.ts): VF 0's own is recorded for its siblings, which
  // come after it; a VF whose PF's VF 0 was not read reads the attribute.
  const pf = at.ctx.vf0Class.get(dev.physfn);
  if (pf === undefined) return undefined;
  if (pf.vf0 === at.name) {
    pf.cls = own;
    return own;
  }
  return vfClass(own, pf.cls);
}

/**
 * The record with bootVga in its place after the driver and group, where records have always
 * had it, so JSON printed from records keeps its field order.
 */
function withBootVga(dev: PciDevice, bootVga: boolean): PciDevice {
  const after =
    dev.iommuGroup !== undefined ? 'iommuGroup' : dev.driver !== undefined ? 'driver' : 'capabilities';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dev)) {
    out[k] = v;
    if (k === after) out.bootVga = bootVga;
  }
  return out as unknown as PciDevice;
}

/**
 * Config space, or undefined when the read fails with an I/O error: the kernel returns EIO for
 * config reads of some devices (e.g. a function whose link is down); the sysfs facts still stand.
 * On the live root the bytes are a view of a shared buffer (see readDecodedConfig).
 */
function readConfig(root: HostRoot, p: string, sparse: boolean): Uint8Array | undefined {
  try {
    // On failure, the HostRoot read gives its error semantics.
    return (liveDir(root) ? configDirect(root, p, sparse) : undefined) ?? root.readBytes(p, CONFIG_MAX);
  } catch (e) {
    if (e instanceof VfiokitError && e.code === 'host.io') return undefined;
    throw e;
  }
}

/**
 * `config` read straight from the live root into CONFIG_BUF; undefined when it cannot be opened or
 * read. sysfs serves the whole readable range of `config` in one read (pci_read_config), so one
 * read replaces readBytes' read-until-EOF loop; `sparse` reads only the parts a scan decodes
 * (config-sparse.ts).
 */
function configDirect(root: DirHostRoot, p: string, sparse: boolean): Uint8Array | undefined {
  let fd: number;
  try {
    fd = fs.openSync(onDisk(root, p), 'r');
  } catch {
    return undefined;
  }
  try {
    return CONFIG_BUF.subarray(
      0,
      sparse ? readConfigSparse(fd, CONFIG_BUF) : fs.readSync(fd, CONFIG_BUF, 0, CONFIG_MAX, 0),
    );
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** A device name's bus, "DOMAIN:BUS" ("0000:01" for 0000:01:00.0). */
const busKey = (name: string) => name.slice(0, name.lastIndexOf(':'));

/**
 * The directory a device's directory is expected in on the live root, which saves reading its
 * bus link (a readlink per device, the largest single cost of a scan). The kernel makes a device
 * a child of its bus's bridge device (drivers/pci/probe.c pci_setup_device: dev->dev.parent =
 * bus->bridge), and a bridge's child bus takes its number from the bridge's Secondary Bus Number
 * register (pci_scan_bridge_extend: pci_add_new_bus(bus, dev, secondary)), so a bus whose bridge
 * was read is that bridge's directory. A bus no bridge claims is first taken for a root bus, whose
 * parent is the host bridge "pciDOMAIN:BUS" (pci_register_host_bridge); any device reached through
 * its link teaches its bus's directory to the ones after it (VFs on a bus of their own, devices
 * behind a VMD or a platform device). A guess is only used once config opens at it: sysfs has one
 * directory per device name, so the path is then the one the link leads to. A guess that fails
 * costs one failed open, and the link is read as before.
 */
function expectedDir(busDirs: Map<string, string>, name: string): string {
  const bus = busKey(name);
  return busDirs.get(bus) ?? `/sys/devices/pci${bus}`;
}

/** Config space read at a device directory that may not exist; undefined when it cannot be. */
function configAt(root: HostRoot, dir: string, sparse: boolean): Uint8Array | undefined {
  if (liveDir(root)) return configDirect(root, `${dir}/config`, sparse);
  if (!root.exists(`${dir}/config`)) return undefined;
  try {
    return readConfig(root, `${dir}/config`, sparse);
  } catch {
    return undefined;
  }
}

/**
 * Where the bus link points. The kernel makes these links relative
 * (../../../devices/pci0000:00/...) and nothing below /sys/devices is a link, so resolving the
 * link text gives the real path with one readlink instead of a realpath walk (an lstat per path
 * component, the largest cost of a scan of thousands of devices). A snapshot made by copying
 * directories instead of links falls back to realpath.
 */
function devicePath(
  root: HostRoot,
  p: string,
  flattened: string[],
  listed: string | undefined,
): string | undefined {
  let target = listed ?? fastLink(root, p);
  if (target === undefined) {
    const entry = readSysfsLink(root, p);
    if (entry.kind === 'absent') return undefined;
    // A directory in its place: a snapshot copied with links dereferenced; read it where it is.
    if (entry.kind === 'broken' && root.isDir(p)) return root.realPath(p);
    if (entry.kind === 'broken') throw unreadable(entry.reason);
    if (entry.kind === 'link') target = entry.target;
    else {
      // A flattened bus link still names the device directory, which is a real directory even in
      // a flattened copy: follow it (the scan reports the flattening).
      flattened.push(p);
      target = entry.target;
      return path.posix.resolve(p.slice(0, p.lastIndexOf('/')), target);
    }
  }
  if (target.startsWith('/')) return root.live ? path.posix.normalize(target) : root.realPath(p);
  return resolveRelative(p.slice(0, p.lastIndexOf('/')), target);
}

/**
 * After a read found nothing: tell a device directory that is missing (its bus link dangles) or
 * is not a directory from one that merely lacks a file, so neither passes for an absent device.
 */
function checkDirectory(root: HostRoot, p: string, sysfsPath: string): void {
  if (root.isDir(sysfsPath)) return;
  if (root.exists(sysfsPath)) throw unreadable(`${p} leads to ${sysfsPath}, which is not a directory`);
  throw unreadable(`${p} leads to ${sysfsPath}, which does not exist`);
}

/**
 * dir + a relative link target. The kernel's links are "../" steps followed by plain names, which
 * are resolved here by string slicing (path.posix.resolve showed up in profiles at thousands of
 * devices); any other form (".", "..", "//" further in, a trailing "/") goes to path.posix.resolve.
 */
function resolveRelative(dir: string, target: string): string {
  let d = dir;
  let t = target;
  while (t.startsWith('../') && d.length > 0) {
    d = d.slice(0, d.lastIndexOf('/'));
    t = t.slice(3);
  }
  if (
    d.length === 0 ||
    t.length === 0 ||
    t[0] === '.' ||
    t[0] === '/' ||
    t.includes('/.') ||
    t.includes('//') ||
    t.endsWith('/')
  )
    return path.posix.resolve(dir, target);
  return `${d}/${t}`;
}

/** The kernel's pci_speed_string() form, e.g. "8.0 GT/s PCIe"; "Unknown" for reserved codes. */
function speedString(gts: number | undefined): string {
  return gts === undefined ? 'Unknown' : `${gts.toFixed(1)} GT/s PCIe`;
}

function linkFromConfig(
  l: NonNullable<NonNullable<PciDevice['pcie']>['link']>,
): NonNullable<PciDevice['link']> {
  const link: NonNullable<PciDevice['link']> = {};
  if (l.speedGTs !== undefined || l.width !== undefined) {
    link.currentSpeed = speedString(l.speedGTs);
    link.currentWidth = l.width ?? 0;
  }
  if (l.maxSpeedGTs !== undefined || l.maxWidth !== undefined) {
    link.maxSpeed = speedString(l.maxSpeedGTs);
    link.maxWidth = l.maxWidth ?? 0;
  }
  return link;
}

function readLinkAttrs(dir: DeviceDir, dev: PciDevice): void {
  // Conventional PCI devices have no link attributes (pcie_dev_attrs_are_visible).
  if (!dir.has('current_link_speed') && !dir.has('max_link_speed')) return;
  const link: NonNullable<PciDevice['link']> = {};
  const cs = dir.attr('current_link_speed');
  const ms = dir.attr('max_link_speed');
  const cw = intAttr(dir, 'current_link_width');
  const mw = intAttr(dir, 'max_link_width');
  if (cs !== undefined) link.currentSpeed = cs;
  if (cw !== undefined) link.currentWidth = cw;
  if (ms !== undefined) link.maxSpeed = ms;
  if (mw !== undefined) link.maxWidth = mw;
  if (Object.keys(link).length) dev.link = link;
}

/**
 * Whether the kernel can have made this function a physical function. It looks for the SR-IOV
 * capability in the extended space only (pci_iov_init → pci_find_ext_capability, which finds
 * nothing when the device's config space is 256 bytes), and the sriov_* attributes are visible
 * only on a PF (sriov_pf_attrs_are_visible). So a config space read whole, with a sound extended
 * chain and no SR-IOV capability in it, answers the question without a probe per function.
 */
function mayBePf(dir: DeviceDir, dc: ConfigFacts | undefined): boolean {
  if (dir.listedDir || !dc?.header || dc.config.truncated || dc.problems.length) return true;
  if (dc.config.unknown?.includes('extended capabilities')) return true;
  return dc.capabilities.some((c) => c.extended && c.id === SRIOV_EXT_CAP);
}

function readSriov(dir: DeviceDir, dev: PciDevice, dc: ConfigFacts | undefined): void {
  const total = mayBePf(dir, dc) && dir.has('sriov_totalvfs') ? intAttr(dir, 'sriov_totalvfs') : undefined;
  if (total !== undefined) {
    const vfs = dir
      .list()
      .filter((e) => /^virtfn\d+$/.test(e))
      .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
      .map((e) => basename(dir.link(e)))
      .filter((v): v is string => v !== undefined);
    dev.sriov = { totalVfs: total, numVfs: intAttr(dir, 'sriov_numvfs') ?? vfs.length, vfs };
  }
}
