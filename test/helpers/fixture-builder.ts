/**
 * Fixture builder: a compact, typed description of a PCI host → a snapshot directory with the
 * kernel's sysfs layout (relative symlinks as the kernel makes them) and config space bytes built
 * from the description. Tests and benchmarks use it for topologies no lab machine shows.
 *
 * Layout produced (as on a real kernel, Documentation/ABI/testing/sysfs-bus-pci):
 *   sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/{vendor,device,class,config,...}
 *   sys/bus/pci/devices/0000:01:00.0 -> ../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0
 *   <dev>/driver -> ../../../../bus/pci/drivers/vfio-pci      (one ".." per level below sys/)
 *   <dev>/iommu_group -> ../../../../kernel/iommu_groups/7
 *   sys/kernel/iommu_groups/7/devices/0000:01:00.0 -> ../../../../devices/pci0000:00/...
 *   sys/bus/pci/drivers/vfio-pci/0000:01:00.0 -> ../../../../devices/pci0000:00/...
 *   <pf>/virtfn0 -> ../0000:03:00.1, <vf>/physfn -> ../0000:03:00.0
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirHostRoot, type HostRoot } from '../../src/host/root.js';
import { formatPciAddress } from '../../src/pci/address.js';
import type { PciePortType } from '../../src/pci/types.js';

export const CLASS = {
  hostBridge: 0x060000,
  pciBridge: 0x060400,
  vga: 0x030000,
  display3d: 0x030200,
  hdAudio: 0x040300,
  usbXhci: 0x0c0330,
  ethernet: 0x020000,
  nvme: 0x010802,
  sata: 0x010601,
  isaBridge: 0x060100,
  smbus: 0x0c0500,
} as const;

/** ACS: true = what QEMU's ports offer (SV TB RR CR UF) with the kernel's boot-time enables (SV RR CR UF). */
export type AcsSpec = boolean | { cap: number; ctrl: number };

export interface LinkSpec {
  speed: number;
  width: number;
  maxSpeed?: number;
  maxWidth?: number;
}

export interface SriovSpec {
  totalVfs: number;
  numVfs: number;
  vfDevice?: number;
  vfDriver?: string;
  /** IOMMU group of each VF, by index; missing entries get no group. */
  vfGroups?: number[];
  offset?: number;
  stride?: number;
}

/** The properties of one PCI function. */
export interface FunctionSpec {
  vendor?: number;
  device?: number;
  class?: number;
  subsystem?: [number, number];
  revision?: number;
  driver?: string;
  driverOverride?: string;
  group?: number;
  bootVga?: boolean;
  resetMethod?: string[];
  numaNode?: number;
  rom?: boolean;
  /** PCIe capability port type; false = conventional PCI (no PCIe capability). Default by position. */
  pcie?: PciePortType | false;
  link?: LinkSpec;
  flr?: boolean;
  acs?: AcsSpec;
  pm?: boolean | { noSoftReset?: boolean };
  msi?: boolean;
  /** MSI-X table size, or false/undefined for none. */
  msix?: number | false;
  ari?: boolean;
  /** Resizable BAR 0 with supported sizes as log2(MB) list and the current one. */
  rebar?: { sizes: number[]; current: number };
  vendorCap?: boolean;
  vsec?: boolean;
  /** Device serial number as 16 hex digits, e.g. "0011223344556677". */
  dsn?: string;
  sriov?: SriovSpec;
  /** The device's directory is absent while its bus link remains (it was removed mid-scan). */
  gone?: boolean;
  /** Extra files below the device directory written as given, e.g. {"nvme/nvme0/serial": "S3X..."}. */
  attrs?: Record<string, string>;
  /** Function number (default: position in a multifunction list, else 0). */
  fn?: number;
  /** Config-space bytes written last, by offset (device-specific registers), e.g. {0x50: [0xc1, 0x01]}. */
  configBytes?: Record<number, number[]>;
}

export interface EndpointSpec extends FunctionSpec {
  kind: 'endpoint';
  dev?: number;
}
export interface MultiFunctionSpec {
  kind: 'multi';
  dev?: number;
  functions: FunctionSpec[];
}
export interface RootPortSpec extends FunctionSpec {
  kind: 'root-port';
  dev?: number;
  children?: NodeSpec[];
}
export interface SwitchSpec {
  kind: 'switch';
  dev?: number;
  upstream?: FunctionSpec;
  downstream: (FunctionSpec & { dev?: number; children?: NodeSpec[] })[];
}
export interface PcieToPciBridgeSpec extends FunctionSpec {
  kind: 'pcie-pci-bridge';
  dev?: number;
  children?: NodeSpec[];
}
export type NodeSpec = EndpointSpec | MultiFunctionSpec | RootPortSpec | SwitchSpec | PcieToPciBridgeSpec;

export interface RootComplexSpec {
  domain?: number;
  bus?: number;
  /** Put this root bus under a device's directory (Intel VMD: pci10000:e0 below 0000:00:0e.0). */
  under?: string;
  devices: NodeSpec[];
}

export interface HostSpec {
  rootComplexes: RootComplexSpec[];
  /** Write only the first 64 bytes of config, as a non-root read of sysfs returns. */
  nonRoot?: boolean;
  /** Creates sys/class/iommu/<unit> (default "intel" when any group exists). */
  iommu?: 'intel' | 'amd' | false;
  /** Extra files relative to the root, e.g. {"proc/cmdline": "quiet intel_iommu=on"}. */
  files?: Record<string, string | Uint8Array>;
  /** Give devices without an explicit group a fresh group number each. */
  sequentialGroups?: boolean;
}

export interface BuiltDevice {
  address: string;
  /** Host path of the device directory, e.g. /sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0 */
  sysfsPath: string;
  group?: number;
  driver?: string;
  gone: boolean;
}

export interface Fixture {
  dir: string;
  root: HostRoot;
  devices: BuiltDevice[];
  byAddress: Map<string, BuiltDevice>;
  cleanup(): void;
}

const h = (n: number, w: number) => n.toString(16).padStart(w, '0');

const SPEED_CODE: Record<number, number> = { 2.5: 1, 5: 2, 8: 3, 16: 4, 32: 5, 64: 6 };
const speedText = (gts: number) => `${Number.isInteger(gts) ? gts.toFixed(1) : gts} GT/s PCIe`;

const PORT_CODE: Record<PciePortType, number> = {
  endpoint: 0,
  'legacy-endpoint': 1,
  'root-port': 4,
  'upstream-port': 5,
  'downstream-port': 6,
  'pcie-to-pci-bridge': 7,
  'pci-to-pcie-bridge': 8,
  'rc-integrated-endpoint': 9,
  'rc-event-collector': 0xa,
  unknown: 0xf,
};

interface Placement {
  domain: number;
  bus: number;
  dev: number;
  fn: number;
  /** Directory (relative to the fixture dir) that holds this device's directory. */
  parentDir: string;
  header: 0 | 1;
  portType: PciePortType | false;
  multifunction: boolean;
  bridge?: { secondary: number; subordinate: number };
  spec: FunctionSpec;
  defaultDriver?: string;
  vf?: { pf: string; index: number };
  pfVfs?: string[];
}

class Builder {
  readonly placements: Placement[] = [];
  private nextBus = 0;

  constructor(private readonly rc: RootComplexSpec) {}

  place(parentDir: string): void {
    const bus = this.rc.bus ?? 0;
    this.nextBus = bus + 1;
    this.placeBus(this.rc.devices, bus, parentDir, true, false);
  }

  /** Lay out the nodes on one bus; returns nothing, records placements in order. */
  private placeBus(
    nodes: NodeSpec[],
    bus: number,
    dir: string,
    rootBus: boolean,
    conventional: boolean,
  ): void {
    let autoDev = 0;
    const endpointType: PciePortType | false = conventional
      ? false
      : rootBus
        ? 'rc-integrated-endpoint'
        : 'endpoint';
    for (const node of nodes) {
      const dev = node.dev ?? autoDev;
      autoDev = dev + 1;
      const domain = this.rc.domain ?? 0;
      switch (node.kind) {
        case 'endpoint':
          this.addFunction({
            domain,
            bus,
            dev,
            fn: node.fn ?? 0,
            parentDir: dir,
            header: 0,
            multifunction: false,
            spec: node,
            portType: pick(node.pcie, endpointType),
          });
          break;
        case 'multi':
          for (const [i, f] of node.functions.entries())
            this.addFunction({
              domain,
              bus,
              dev,
              fn: f.fn ?? i,
              parentDir: dir,
              header: 0,
              multifunction: node.functions.length > 1,
              spec: f,
              portType: pick(f.pcie, endpointType),
            });
          break;
        case 'root-port':
          this.addBridge(
            {
              domain,
              bus,
              dev,
              fn: node.fn ?? 0,
              parentDir: dir,
              spec: withIds(node, 0x1b36, 0x000c),
              portType: pick(node.pcie, 'root-port'),
              defaultDriver: 'pcieport',
            },
            node.children ?? [],
            false,
          );
          break;
        case 'pcie-pci-bridge':
          this.addBridge(
            {
              domain,
              bus,
              dev,
              fn: node.fn ?? 0,
              parentDir: dir,
              spec: withIds(node, 0x1b36, 0x000e),
              portType: pick(node.pcie, 'pcie-to-pci-bridge'),
            },
            node.children ?? [],
            true,
          );
          break;
        case 'switch': {
          const up = this.addBridgeStart({
            domain,
            bus,
            dev,
            fn: 0,
            parentDir: dir,
            spec: withIds(node.upstream ?? {}, 0x104c, 0x8232),
            portType: 'upstream-port',
            defaultDriver: 'pcieport',
          });
          const upDir = `${dir}/${addrOf(up)}`;
          node.downstream.forEach((ds, i) => {
            this.addBridge(
              {
                domain,
                bus: up.bridge!.secondary,
                dev: ds.dev ?? i,
                fn: ds.fn ?? 0,
                parentDir: upDir,
                spec: withIds(ds, 0x104c, 0x8233),
                portType: pick(ds.pcie, 'downstream-port'),
                defaultDriver: 'pcieport',
              },
              ds.children ?? [],
              false,
            );
          });
          up.bridge!.subordinate = this.nextBus - 1;
          break;
        }
      }
    }
  }

  private addFunction(given: Placement): Placement {
    const pl: Placement = { ...given, spec: withClassIds(given.spec, given.header) };
    const p = pl;
    const busesBefore = this.nextBus;
    this.placements.push(pl);
    const s = p.spec.sriov;
    if (s) {
      const offset = s.offset ?? 1;
      const stride = s.stride ?? 1;
      const pfRid = (p.bus << 8) | (p.dev << 3) | p.fn;
      pl.pfVfs = [];
      for (let i = 0; i < s.numVfs; i++) {
        const rid = pfRid + offset + stride * i;
        const vbus = rid >> 8;
        // VFs past the PF's bus need bus numbers of their own (the kernel reserves them when it
        // enumerates, pci_iov_bus_range); here they must not be taken by an earlier bridge.
        if (vbus !== p.bus && vbus < busesBefore) {
          throw new Error(`fixture: VFs of ${addrOf(p)} need bus ${vbus}, already given to a bridge`);
        }
        if (vbus >= this.nextBus) this.nextBus = vbus + 1;
        const vf: Placement = {
          domain: p.domain,
          bus: vbus,
          dev: (rid >> 3) & 0x1f,
          fn: rid & 7,
          parentDir: p.parentDir,
          header: 0,
          multifunction: false,
          portType: p.portType,
          spec: {
            vendor: p.spec.vendor,
            device: s.vfDevice ?? p.spec.device,
            class: p.spec.class,
            revision: p.spec.revision,
            driver: s.vfDriver,
            group: s.vfGroups?.[i],
            msix: p.spec.msix === false ? false : 3,
            pm: false,
            msi: false,
            flr: true,
            ari: p.spec.ari,
            numaNode: p.spec.numaNode,
            resetMethod: p.spec.resetMethod ? ['flr'] : undefined,
          },
          vf: { pf: addrOf(p), index: i },
        };
        pl.pfVfs.push(addrOf(vf));
        this.placements.push(vf);
      }
    }
    return pl;
  }

  private addBridgeStart(p: Omit<Placement, 'header' | 'multifunction'>): Placement {
    const secondary = this.nextBus++;
    return this.addFunction({
      ...p,
      header: 1,
      multifunction: false,
      bridge: { secondary, subordinate: secondary },
    });
  }

  private addBridge(
    p: Omit<Placement, 'header' | 'multifunction'>,
    children: NodeSpec[],
    conventional: boolean,
  ): void {
    const pl = this.addBridgeStart(p);
    pl.bridge = { secondary: pl.bridge!.secondary, subordinate: pl.bridge!.secondary };
    this.placeBus(children, pl.bridge.secondary, `${p.parentDir}/${addrOf(pl)}`, false, conventional);
    pl.bridge.subordinate = this.nextBus - 1;
  }
}

/** Plausible IDs per class when a description gives none (QEMU's models where it has one). */
const CLASS_IDS: Record<number, [number, number]> = {
  [CLASS.hostBridge]: [0x8086, 0x29c0],
  [CLASS.vga]: [0x1234, 0x1111],
  [CLASS.hdAudio]: [0x8086, 0x293e],
  [CLASS.usbXhci]: [0x1b36, 0x000d],
  [CLASS.ethernet]: [0x8086, 0x10d3],
  [CLASS.nvme]: [0x1b36, 0x0010],
  [CLASS.sata]: [0x8086, 0x2922],
  [CLASS.isaBridge]: [0x8086, 0x2918],
  [CLASS.smbus]: [0x8086, 0x2930],
};

function withClassIds(s: FunctionSpec, header: number): FunctionSpec {
  if (s.vendor !== undefined && s.device !== undefined) return s;
  const ids = CLASS_IDS[s.class ?? (header === 1 ? CLASS.pciBridge : CLASS.ethernet)] ?? [0x8086, 0x10d3];
  return { ...s, vendor: s.vendor ?? ids[0], device: s.device ?? (s.vendor === undefined ? ids[1] : 0x10d3) };
}

/** Bridges default to the IDs of QEMU's models (pcie-root-port, x3130 switch ports, pcie-pci-bridge). */
function withIds<T extends FunctionSpec>(s: T, vendor: number, device: number): T {
  return { ...s, vendor: s.vendor ?? vendor, device: s.device ?? device };
}

function pick(explicit: PciePortType | false | undefined, dflt: PciePortType | false): PciePortType | false {
  return explicit === undefined ? dflt : explicit;
}

function addrOf(p: { domain: number; bus: number; dev: number; fn: number }): string {
  return formatPciAddress({ domain: p.domain, bus: p.bus, device: p.dev, fn: p.fn });
}

// ---------------------------------------------------------------------------------------------
// Config space bytes

class Bytes {
  readonly b: Uint8Array;
  constructor(size: number) {
    this.b = new Uint8Array(size);
  }
  w8(o: number, v: number) {
    this.b[o] = v & 0xff;
  }
  w16(o: number, v: number) {
    this.w8(o, v);
    this.w8(o + 1, v >> 8);
  }
  w32(o: number, v: number) {
    this.w16(o, v & 0xffff);
    this.w16(o + 2, (v >>> 16) & 0xffff);
  }
}

function acsRegs(a: AcsSpec): { cap: number; ctrl: number } {
  if (a === true) return { cap: 0x1f, ctrl: 0x1d };
  if (a === false) return { cap: 0, ctrl: 0 };
  return a;
}

/** Build a function's config space: header, standard capabilities from 0x40, extended from 0x100. */
function buildConfig(pl: Placement, vfCountForPf = 0): Uint8Array {
  const s = pl.spec;
  const pcie = pl.portType;
  const c = new Bytes(pcie ? 4096 : 256);
  const cls = s.class ?? (pl.header === 1 ? CLASS.pciBridge : CLASS.ethernet);
  // SR-IOV VFs read 0xffff in their vendor and device ID registers (PCIe base spec 9.3.4.1.1);
  // the kernel takes the IDs from the PF, which is what sysfs shows.
  c.w16(0x00, pl.vf ? 0xffff : (s.vendor ?? 0x8086));
  c.w16(0x02, pl.vf ? 0xffff : (s.device ?? 0x10d3));
  c.w16(0x04, pl.header === 1 ? 0x0007 : 0x0006);
  c.w8(0x08, s.revision ?? 0);
  c.w8(0x09, cls & 0xff);
  c.w8(0x0a, (cls >> 8) & 0xff);
  c.w8(0x0b, (cls >> 16) & 0xff);
  c.w8(0x0e, pl.header | (pl.multifunction ? 0x80 : 0));
  if (pl.header === 0) {
    const [sv, sd] = s.subsystem ?? [s.vendor ?? 0x8086, s.device ?? 0x10d3];
    c.w16(0x2c, sv);
    c.w16(0x2e, sd);
    c.w8(0x3d, 1);
  } else {
    const parentBus = pl.bus;
    c.w8(0x18, parentBus);
    c.w8(0x19, pl.bridge!.secondary);
    c.w8(0x1a, pl.bridge!.subordinate);
    c.w8(0x3d, 1);
  }

  // Standard capability list.
  const std: { id: number; size: number; fill: (o: number) => void }[] = [];
  const pm = s.pm ?? !pl.vf;
  if (pm) {
    std.push({
      id: 0x01,
      size: 8,
      fill: (o) => {
        c.w16(o + 2, 0x0003 | 0x0600 | (0x19 << 11)); // v3, D1 D2, PME from D0 D3hot D3cold
        c.w16(o + 4, typeof pm === 'object' && pm.noSoftReset ? 0x0008 : 0);
      },
    });
  }
  if (s.msi ?? !pl.vf) {
    std.push({ id: 0x05, size: 0x18, fill: (o) => c.w16(o + 2, 0x0180 | (2 << 1)) }); // 64-bit, masking, 4 vectors
  }
  if (pcie) {
    std.push({
      id: 0x10,
      size: 0x3c,
      fill: (o) => {
        const slot = pcie === 'root-port' || pcie === 'downstream-port';
        c.w16(o + 2, 0x2 | (PORT_CODE[pcie] << 4) | (slot ? 0x100 : 0));
        const flr =
          s.flr ?? (pcie === 'endpoint' || pcie === 'rc-integrated-endpoint' || pcie === 'legacy-endpoint');
        c.w32(o + 4, 0x1 | (flr ? 1 << 28 : 0)); // MPS 256
        c.w16(o + 8, 0x0 | (2 << 12)); // MPS 128, MRRS 512
        const link = s.link ?? { speed: 8, width: 16 };
        const hasLink = pcie !== 'rc-integrated-endpoint' && pcie !== 'rc-event-collector';
        if (hasLink) {
          const ms = SPEED_CODE[link.maxSpeed ?? link.speed] ?? 3;
          c.w32(o + 0x0c, ms | ((link.maxWidth ?? link.width) << 4) | (pl.dev << 24));
          c.w16(o + 0x12, (SPEED_CODE[link.speed] ?? 3) | (link.width << 4));
        }
        const ariFwd = (pcie === 'root-port' || pcie === 'downstream-port') && s.ari !== false;
        c.w32(o + 0x24, ariFwd ? 1 << 5 : 0);
      },
    });
  }
  if (s.msix) {
    const n = s.msix;
    std.push({
      id: 0x11,
      size: 12,
      fill: (o) => {
        c.w16(o + 2, 0x8000 | ((n - 1) & 0x7ff));
        c.w32(o + 4, 0x0000 | 0); // table in BAR 0 at 0
        c.w32(o + 8, 0x800 | 0);
      },
    });
  }
  if (s.vendorCap) std.push({ id: 0x09, size: 8, fill: (o) => c.w8(o + 2, 8) });
  let pos = 0x40;
  let prev = 0x34;
  for (const cap of std) {
    if (pos + cap.size > 0x100) throw new Error('fixture: standard capabilities do not fit in 256 bytes');
    c.w8(prev, pos);
    c.w8(pos, cap.id);
    cap.fill(pos);
    prev = pos + 1;
    pos = (pos + cap.size + 3) & ~3;
  }
  if (std.length) c.w16(0x06, 0x0010);

  // Extended capability list.
  if (pcie) {
    const ext: { id: number; ver: number; size: number; fill: (o: number) => void }[] = [];
    if (s.acs !== undefined && s.acs !== false) {
      const r = acsRegs(s.acs);
      ext.push({ id: 0x0d, ver: 1, size: 8, fill: (o) => c.w32(o + 4, r.cap | (r.ctrl << 16)) });
    }
    if (s.ari) ext.push({ id: 0x0e, ver: 1, size: 8, fill: (o) => c.w16(o + 4, 0) });
    if (s.sriov && !pl.vf) {
      const v = s.sriov;
      ext.push({
        id: 0x10,
        ver: 1,
        size: 0x40,
        fill: (o) => {
          c.w16(o + 8, (vfCountForPf > 0 ? 0x9 : 0) | (s.ari ? 0x10 : 0));
          c.w16(o + 0x0c, v.totalVfs);
          c.w16(o + 0x0e, v.totalVfs);
          c.w16(o + 0x10, v.numVfs);
          c.w16(o + 0x14, v.offset ?? 1);
          c.w16(o + 0x16, v.stride ?? 1);
          c.w16(o + 0x1a, v.vfDevice ?? s.device ?? 0x10d3);
          c.w32(o + 0x1c, 0x553);
          c.w32(o + 0x20, 1);
        },
      });
    }
    if (s.rebar) {
      const rb = s.rebar;
      ext.push({
        id: 0x15,
        ver: 1,
        size: 12,
        fill: (o) => {
          let sizes = 0;
          for (const l of rb.sizes) sizes |= 1 << (l + 4);
          c.w32(o + 4, sizes >>> 0);
          c.w32(o + 8, 0 | (1 << 5) | (rb.current << 8));
        },
      });
    }
    if (s.dsn) {
      const hi = parseInt(s.dsn.slice(0, 8), 16);
      const lo = parseInt(s.dsn.slice(8, 16), 16);
      ext.push({
        id: 0x03,
        ver: 1,
        size: 12,
        fill: (o) => {
          c.w32(o + 4, lo);
          c.w32(o + 8, hi);
        },
      });
    }
    if (s.vsec)
      ext.push({ id: 0x0b, ver: 1, size: 12, fill: (o) => c.w32(o + 4, 0x1 | (1 << 16) | (12 << 20)) });
    let at = 0x100;
    for (let i = 0; i < ext.length; i++) {
      const e = ext[i];
      const next = i + 1 < ext.length ? (at + e.size + 3) & ~3 : 0;
      c.w32(at, (e.id | (e.ver << 16) | (next << 20)) >>> 0);
      e.fill(at);
      at = next;
    }
  }
  // Device-specific registers written over the generated layout (e.g. an IGD's GMCH at 0x50).
  for (const [off, bytes] of Object.entries(s.configBytes ?? {})) {
    for (const [i, v] of bytes.entries()) c.w8(Number(off) + i, v);
  }
  return c.b;
}

// ---------------------------------------------------------------------------------------------
// Writing the tree

/**
 * Where fixtures go: tmpfs (/dev/shm) when writable, because a big host is tens of thousands of
 * small files and a journaling disk under load made a 4,096-device build >10x slower there.
 * VFIOKIT_FIXTURE_TMP overrides.
 */
function scratchBase(): string {
  const env = process.env.VFIOKIT_FIXTURE_TMP;
  if (env) return env;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** The manifest `vfiokit snapshot` writes, with the fields `--root` checks (src/host/snapshot.ts). */
export function fixtureManifest(privileged = true): string {
  return `${JSON.stringify({ schema: 'vfiokit.snapshot/1', source: 'fixture-builder', privileged }, null, 2)}\n`;
}

function ups(n: number): string {
  return '../'.repeat(n);
}

export function buildFixture(spec: HostSpec, dir?: string): Fixture {
  const top = dir ?? fs.mkdtempSync(path.join(scratchBase(), 'vfiokit-fx-'));
  const mkdir = (rel: string) => fs.mkdirSync(path.join(top, rel), { recursive: true });
  const write = (rel: string, data: string | Uint8Array) => fs.writeFileSync(path.join(top, rel), data);
  const link = (target: string, rel: string) => fs.symlinkSync(target, path.join(top, rel));

  mkdir('sys/bus/pci/devices');
  mkdir('sys/bus/pci/drivers');
  mkdir('sys/kernel/iommu_groups');
  write('sys/bus/pci/drivers_probe', '');
  write('sys/bus/pci/rescan', '');

  const placements: Placement[] = [];
  const dirOf = new Map<string, string>();
  for (const rc of spec.rootComplexes) {
    const domain = rc.domain ?? 0;
    const bus = rc.bus ?? 0;
    const parent = rc.under ? dirOf.get(rc.under) : 'sys/devices';
    if (!parent) throw new Error(`fixture: root complex under ${rc.under}, which is not built before it`);
    const rootDir = `${parent}/pci${h(domain, 4)}:${h(bus, 2)}`;
    mkdir(rootDir);
    const b = new Builder(rc);
    b.place(rootDir);
    for (const pl of b.placements) {
      const a = addrOf(pl);
      if (dirOf.has(a)) throw new Error(`fixture: two devices at ${a}`);
      dirOf.set(a, `${pl.parentDir}/${a}`);
      placements.push(pl);
    }
  }

  let nextGroup = 0;
  for (const pl of placements)
    if (pl.spec.group !== undefined) nextGroup = Math.max(nextGroup, pl.spec.group + 1);
  const devices: BuiltDevice[] = [];
  const drivers = new Set<string>();
  const groups = new Set<number>();

  for (const pl of placements) {
    const a = addrOf(pl);
    const rel = dirOf.get(a)!;
    const depth = rel.split('/').length - 1; // levels below sys/
    const s = pl.spec;
    link(`../../../${rel.slice('sys/'.length)}`, `sys/bus/pci/devices/${a}`);
    const driver = s.driver ?? pl.defaultDriver;
    const group = s.group ?? (spec.sequentialGroups ? nextGroup++ : undefined);
    devices.push({ address: a, sysfsPath: `/${rel}`, group, driver, gone: Boolean(s.gone) });
    if (s.gone) continue;

    mkdir(rel);
    const cls = s.class ?? (pl.header === 1 ? CLASS.pciBridge : CLASS.ethernet);
    const vendor = s.vendor ?? 0x8086;
    const device = s.device ?? 0x10d3;
    const [sv, sd] = s.subsystem ?? (pl.header === 0 ? [vendor, device] : [0, 0]);
    const attr = (name: string, v: string) => write(`${rel}/${name}`, `${v}\n`);
    attr('vendor', `0x${h(vendor, 4)}`);
    attr('device', `0x${h(device, 4)}`);
    attr('subsystem_vendor', `0x${h(sv, 4)}`);
    attr('subsystem_device', `0x${h(sd, 4)}`);
    attr('class', `0x${h(cls, 6)}`);
    attr('revision', `0x${h(s.revision ?? 0, 2)}`);
    attr('irq', '0');
    attr('enable', '1');
    attr('numa_node', String(s.numaNode ?? -1));
    attr('driver_override', s.driverOverride ?? '(null)');
    attr(
      'modalias',
      `pci:v${h(vendor, 8).toUpperCase()}d${h(device, 8).toUpperCase()}sv${h(sv, 8).toUpperCase()}sd${h(sd, 8).toUpperCase()}bc${h(cls >> 16, 2).toUpperCase()}sc${h((cls >> 8) & 0xff, 2).toUpperCase()}i${h(cls & 0xff, 2).toUpperCase()}`,
    );
    write(`${rel}/resource`, `${'0x0000000000000000 0x0000000000000000 0x0000000000000000\n'.repeat(13)}`);
    const cfg = buildConfig(pl, pl.pfVfs?.length ?? 0);
    write(`${rel}/config`, spec.nonRoot ? cfg.subarray(0, 64) : cfg);
    // boot_vga exists only for VGA-class devices (pci_dev_attrs_are_visible).
    if (cls >> 8 === 0x0300) attr('boot_vga', s.bootVga ? '1' : '0');
    if (s.resetMethod) attr('reset_method', s.resetMethod.join(' '));
    if (s.rom) write(`${rel}/rom`, '');
    if (pl.portType && pl.portType !== 'rc-integrated-endpoint' && pl.portType !== 'rc-event-collector') {
      const l = s.link ?? { speed: 8, width: 16 };
      attr('current_link_speed', speedText(l.speed));
      attr('current_link_width', String(l.width));
      attr('max_link_speed', speedText(l.maxSpeed ?? l.speed));
      attr('max_link_width', String(l.maxWidth ?? l.width));
    }
    if (pl.header === 1) {
      attr('secondary_bus_number', String(pl.bridge!.secondary));
      attr('subordinate_bus_number', String(pl.bridge!.subordinate));
    }
    for (const [k, v] of Object.entries(s.attrs ?? {})) {
      if (k.includes('/')) mkdir(path.dirname(`${rel}/${k}`));
      write(`${rel}/${k}`, v);
    }
    if (s.sriov && !pl.vf) {
      attr('sriov_totalvfs', String(s.sriov.totalVfs));
      attr('sriov_numvfs', String(s.sriov.numVfs));
      attr('sriov_offset', String(s.sriov.offset ?? 1));
      attr('sriov_stride', String(s.sriov.stride ?? 1));
      attr('sriov_vf_device', h(s.sriov.vfDevice ?? device, 4));
      attr('sriov_drivers_autoprobe', '1');
      for (const [i, vf] of (pl.pfVfs ?? []).entries()) link(`../${vf}`, `${rel}/virtfn${i}`);
    }
    if (pl.vf) link(`../${pl.vf.pf}`, `${rel}/physfn`);
    link(`${ups(depth)}bus/pci`, `${rel}/subsystem`);
    if (driver) {
      if (!drivers.has(driver)) {
        drivers.add(driver);
        mkdir(`sys/bus/pci/drivers/${driver}`);
        for (const f of ['bind', 'unbind', 'new_id', 'remove_id', 'uevent'])
          write(`sys/bus/pci/drivers/${driver}/${f}`, '');
      }
      link(`${ups(depth)}bus/pci/drivers/${driver}`, `${rel}/driver`);
      link(`../../../../${rel.slice('sys/'.length)}`, `sys/bus/pci/drivers/${driver}/${a}`);
    }
    if (group !== undefined) {
      if (!groups.has(group)) {
        groups.add(group);
        mkdir(`sys/kernel/iommu_groups/${group}/devices`);
        write(`sys/kernel/iommu_groups/${group}/type`, 'DMA\n');
        write(
          `sys/kernel/iommu_groups/${group}/reserved_regions`,
          '0x00000000fee00000 0x00000000feefffff msi\n',
        );
      }
      link(`${ups(depth)}kernel/iommu_groups/${group}`, `${rel}/iommu_group`);
      link(`../../../../${rel.slice('sys/'.length)}`, `sys/kernel/iommu_groups/${group}/devices/${a}`);
    }
  }

  const unit = spec.iommu ?? (groups.size ? 'intel' : false);
  if (unit) {
    const name = unit === 'intel' ? 'dmar0' : 'ivhd0';
    mkdir(`sys/devices/virtual/iommu/${name}`);
    mkdir('sys/class/iommu');
    link(`../../devices/virtual/iommu/${name}`, `sys/class/iommu/${name}`);
  }
  for (const [rel, data] of Object.entries(spec.files ?? {})) {
    mkdir(path.dirname(rel));
    write(rel, data);
  }
  // `--root` reads only finished snapshots, which `vfiokit snapshot` marks with this manifest.
  if (!fs.existsSync(path.join(top, 'manifest.json'))) write('manifest.json', fixtureManifest(!spec.nonRoot));

  return {
    dir: top,
    root: new DirHostRoot(top),
    devices,
    byAddress: new Map(devices.map((d) => [d.address, d])),
    cleanup: () => fs.rmSync(top, { recursive: true, force: true }),
  };
}

/**
 * A HostRoot over a fixture in which `address` is removed right after the bus directory is
 * listed: the race a scan meets when a device is hot-unplugged or its VFs are torn down.
 */
export function vanishingRoot(fx: Fixture, address: string): HostRoot {
  const inner = new DirHostRoot(fx.dir);
  const dev = fx.byAddress.get(address);
  if (!dev) throw new Error(`fixture: no device ${address}`);
  let fired = false;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      // A scan lists the bus directory with list(), or with openDir() where the root has it.
      if (prop === 'list' || prop === 'openDir') {
        return (hostPath: string) => {
          const r = prop === 'list' ? target.list(hostPath) : target.openDir(hostPath);
          if (!fired && hostPath.replace(/\/+$/, '') === '/sys/bus/pci/devices') {
            fired = true;
            fs.rmSync(path.join(fx.dir, dev.sysfsPath), { recursive: true, force: true });
          }
          return r;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A discrete GPU with its HDMI/DP audio function: one multifunction device (fn 0 VGA, fn 1 audio). */
export function gpuWithAudio(opts: {
  dev?: number;
  vendor?: number;
  device?: number;
  audioDevice?: number;
  driver?: string;
  audioDriver?: string;
  groups?: [number, number] | number;
  bootVga?: boolean;
  acs?: AcsSpec;
}): MultiFunctionSpec {
  const vendor = opts.vendor ?? 0x10de;
  const [g0, g1] = Array.isArray(opts.groups) ? opts.groups : [opts.groups, opts.groups];
  return {
    kind: 'multi',
    dev: opts.dev,
    functions: [
      {
        vendor,
        device: opts.device ?? 0x1b80,
        class: CLASS.vga,
        driver: opts.driver,
        group: g0,
        bootVga: opts.bootVga,
        rom: true,
        resetMethod: ['bus'],
        msix: false,
        vendorCap: true,
        rebar: { sizes: [8, 9, 10, 11, 12, 13, 14, 15], current: 8 },
        acs: opts.acs,
        flr: false,
        link: { speed: 8, width: 16 },
      },
      {
        vendor,
        device: opts.audioDevice ?? 0x10f0,
        class: CLASS.hdAudio,
        driver: opts.audioDriver,
        group: g1,
        resetMethod: ['bus'],
        acs: opts.acs,
        flr: false,
        link: { speed: 8, width: 16 },
      },
    ],
  };
}

/**
 * A desktop-like host with one of each case issue 3 names: root ports with and without ACS, GPU +
 * HDMI audio, a switch (one downstream port without ACS), SR-IOV VFs, a PCIe-to-PCI bridge with
 * conventional devices, an Intel VMD domain 10000, IOMMU groups numbered with gaps.
 */
export const desktop: HostSpec = {
  rootComplexes: [
    {
      devices: [
        { kind: 'endpoint', class: CLASS.hostBridge, vendor: 0x8086, device: 0x29c0, group: 0, pcie: false },
        {
          kind: 'root-port',
          acs: true,
          group: 2,
          children: [
            gpuWithAudio({ groups: 5, driver: 'vfio-pci', audioDriver: 'snd_hda_intel', bootVga: true }),
          ],
        },
        {
          kind: 'root-port',
          group: 7,
          children: [
            {
              kind: 'switch',
              upstream: { group: 7 },
              downstream: [
                {
                  group: 7,
                  children: [
                    {
                      kind: 'endpoint',
                      class: CLASS.nvme,
                      vendor: 0x144d,
                      device: 0xa808,
                      group: 7,
                      dsn: '0011223344556677',
                      driver: 'nvme',
                      numaNode: 0,
                      resetMethod: ['flr', 'bus'],
                    },
                  ],
                },
                {
                  acs: true,
                  group: 9,
                  children: [
                    {
                      kind: 'endpoint',
                      class: CLASS.ethernet,
                      vendor: 0x8086,
                      device: 0x10fb,
                      msix: 64,
                      ari: true,
                      group: 12,
                      driver: 'ixgbe',
                      sriov: {
                        totalVfs: 8,
                        numVfs: 3,
                        vfDevice: 0x10ed,
                        vfDriver: 'ixgbevf',
                        vfGroups: [20, 21, 22],
                      },
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          kind: 'root-port',
          acs: true,
          group: 3,
          children: [
            {
              kind: 'pcie-pci-bridge',
              group: 13,
              children: [
                { kind: 'endpoint', class: CLASS.usbXhci, group: 13 },
                { kind: 'endpoint', class: CLASS.sata, group: 13 },
              ],
            },
          ],
        },
        { kind: 'endpoint', dev: 0x0e, class: 0x010400, vendor: 0x8086, device: 0x467f, group: 14 },
      ],
    },
    {
      domain: 0x10000,
      bus: 0xe0,
      under: '0000:00:0e.0',
      devices: [
        {
          kind: 'root-port',
          dev: 6,
          group: 14,
          children: [{ kind: 'endpoint', class: CLASS.nvme, group: 14 }],
        },
      ],
    },
  ],
};
