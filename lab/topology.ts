/**
 * A lab topology is data: the emulated PCI devices of a q35 machine (ports, switches, bridges,
 * endpoints) plus the binding scenarios the suite runs on it. `qemuArgs()` turns it into QEMU
 * arguments; `devfnPath()` says where each device shows up in the guest, independent of the bus
 * numbers the guest kernel assigns, so the guest suite can find every device by its topology id.
 */
import { UsageError } from '../src/errors.js';

export interface LabDevice {
  /** QEMU id, and the name the suite and the tests use for this device. */
  id: string;
  /** QEMU device model: 'pcie-root-port', 'x3130-upstream', 'VGA', 'e1000e', 'nvme', ... */
  model: string;
  /** id of the parent bridge or port; the q35 root bus 'pcie.0' when absent. */
  bus?: string;
  /** Device (slot) number on the parent bus; chosen automatically when absent. */
  slot?: number;
  /** Function number; 0 when absent. */
  fn?: number;
  /** Extra -device properties, e.g. { 'disable-acs': true } or { serial: 'lab0001' }. */
  props?: Record<string, string | number | boolean>;
  /** A NIC: give it a user-mode network backend so QEMU does not warn about a NIC without peer. */
  netdev?: boolean;
  /** A raw disk image on the host attached as the device's drive (an NVMe namespace, a disk). */
  disk?: string;
}

/**
 * One step of the binding sequence, applied on top of the previous steps (bindings accumulate in
 * the order listed). After each step the suite records, for every group, the kernel's viability
 * verdict (VFIO_GROUP_GET_STATUS) and vfiokit's.
 */
export interface LabScenario {
  name: string;
  /** Device ids moved to vfio-pci in this step. */
  bind: string[];
  /**
   * What the kernel is known to answer for the group of each listed device after this step
   * (measured in the lab; documents the domain fact this scenario demonstrates).
   */
  expectViable: Record<string, boolean>;
}

/** `vfiokit rom dump` of a device must equal a ROM file shipped by a Debian package. */
export interface LabRomCheck {
  device: string;
  file: string;
}

export interface LabTopology {
  name: string;
  summary: string;
  devices: LabDevice[];
  scenarios: LabScenario[];
  /** Groups the kernel is known to form: each entry is a set of device ids sharing one group. */
  expectGroups?: string[][];
  roms?: LabRomCheck[];
  memMiB?: number;
}

/** Models that are PCIe ports with one link: their secondary bus has exactly device 0. */
const PORT_MODELS = new Set(['pcie-root-port', 'ioh3420', 'xio3130-downstream']);
/** Models whose secondary bus is a switch's internal bus or a conventional bus with many slots. */
const BRIDGE_MODELS = new Set(['x3130-upstream', 'pcie-pci-bridge', 'pci-bridge']);
/** Slots of pcie.0 the lab itself uses: 0x10/0x11 for the two 9p shares, 0x1f for q35's ICH9. */
const RESERVED_ROOT_SLOTS = new Set([0x10, 0x11, 0x1f]);

export interface PlacedDevice extends LabDevice {
  bus: string;
  slot: number;
  fn: number;
}

function isBus(d: LabDevice): boolean {
  return PORT_MODELS.has(d.model) || BRIDGE_MODELS.has(d.model);
}

/** Fills in bus, slot and fn; rejects a topology QEMU would refuse, with a message naming the device. */
export function place(topo: LabTopology): PlacedDevice[] {
  const byId = new Map<string, LabDevice>();
  for (const d of topo.devices) {
    if (byId.has(d.id)) throw new UsageError(`topology ${topo.name}: duplicate device id ${d.id}`);
    if (!/^[A-Za-z][\w-]*$/.test(d.id)) throw new UsageError(`topology ${topo.name}: bad device id ${d.id}`);
    byId.set(d.id, d);
  }
  const used = new Map<string, Set<string>>();
  const nextSlot = new Map<string, number>();
  const placed: PlacedDevice[] = [];
  for (const d of topo.devices) {
    const bus = d.bus ?? 'pcie.0';
    const parent = bus === 'pcie.0' ? undefined : byId.get(bus);
    if (bus !== 'pcie.0' && (!parent || !isBus(parent))) {
      throw new UsageError(`topology ${topo.name}: ${d.id} sits on ${bus}, which is not a port or bridge`);
    }
    if (parent && topo.devices.indexOf(parent) > topo.devices.indexOf(d)) {
      throw new UsageError(`topology ${topo.name}: ${d.id} is listed before its parent ${bus}`);
    }
    const onePort = parent !== undefined && PORT_MODELS.has(parent.model);
    let slot = d.slot;
    if (slot === undefined) {
      if (onePort) slot = 0;
      else {
        // Conventional bridges keep slot 0 free (libvirt does the same for pci-bridge, whose
        // slot 0 is taken by the SHPC hot-plug controller); the root bus starts after the host bridge.
        let s = nextSlot.get(bus) ?? (bus === 'pcie.0' ? 2 : parent?.model === 'x3130-upstream' ? 0 : 1);
        while (bus === 'pcie.0' && RESERVED_ROOT_SLOTS.has(s)) s++;
        slot = s;
        nextSlot.set(bus, s + 1);
      }
    } else if (slot >= (nextSlot.get(bus) ?? 0)) nextSlot.set(bus, slot + 1);
    const fn = d.fn ?? 0;
    if (onePort && slot !== 0)
      throw new UsageError(`topology ${topo.name}: ${d.id}: a PCIe port only has slot 0`);
    if (bus === 'pcie.0' && RESERVED_ROOT_SLOTS.has(slot)) {
      throw new UsageError(`topology ${topo.name}: ${d.id}: pcie.0 slot ${slot} is reserved by the lab`);
    }
    if (slot > 31 || fn > 7 || slot < 0 || fn < 0)
      throw new UsageError(`topology ${topo.name}: ${d.id}: bad address`);
    const key = `${slot}.${fn}`;
    const taken = used.get(bus) ?? new Set<string>();
    if (taken.has(key)) throw new UsageError(`topology ${topo.name}: ${d.id}: ${bus} ${key} already used`);
    taken.add(key);
    used.set(bus, taken);
    placed.push({ ...d, bus, slot, fn });
  }
  const ids = new Set(byId.keys());
  for (const s of topo.scenarios) {
    for (const id of [...s.bind, ...Object.keys(s.expectViable)]) {
      if (!ids.has(id))
        throw new UsageError(`topology ${topo.name}: scenario ${s.name} names unknown device ${id}`);
    }
  }
  return placed;
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Where a device appears in the guest: the dev.fn of each hop from the root bus, e.g. "02.0/00.0". */
export function devfnPaths(topo: LabTopology): Record<string, string> {
  const placed = place(topo);
  const byId = new Map(placed.map((d) => [d.id, d]));
  const out: Record<string, string> = {};
  for (const d of placed) {
    const hops: string[] = [];
    for (let cur: PlacedDevice | undefined = d; cur; cur = byId.get(cur.bus)) {
      hops.unshift(`${hex(cur.slot)}.${cur.fn}`);
    }
    out[d.id] = hops.join('/');
  }
  return out;
}

function prop(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v).replaceAll(',', ',,');
}

/** The -device/-netdev arguments for the topology's devices (the machine itself is in boot.ts). */
export function qemuDeviceArgs(topo: LabTopology): string[] {
  const placed = place(topo);
  const args: string[] = [];
  const slotsInUse = new Map<string, number>();
  for (const d of placed) {
    const k = `${d.bus}/${d.slot}`;
    slotsInUse.set(k, (slotsInUse.get(k) ?? 0) + 1);
  }
  let chassis = 1;
  for (const d of placed) {
    const p: string[] = [d.model, `id=${d.id}`, `bus=${d.bus}`, `addr=0x${d.slot.toString(16)}.${d.fn}`];
    // Function 0 must announce multifunction, or the guest never scans functions 1-7.
    if (d.fn === 0 && (slotsInUse.get(`${d.bus}/${d.slot}`) ?? 0) > 1) p.push('multifunction=on');
    // Every PCIe port needs a unique (chassis, slot) pair for its hot-plug slot.
    if (PORT_MODELS.has(d.model) && d.props?.chassis === undefined) p.push(`chassis=${chassis++}`, 'slot=0');
    if (d.netdev) {
      args.push('-netdev', `user,id=${d.id}-net,restrict=on`);
      p.push(`netdev=${d.id}-net`);
    }
    if (d.disk) {
      // QEMU option values escape a comma by doubling it.
      args.push('-drive', `if=none,id=${d.id}-disk,format=raw,file=${d.disk.replaceAll(',', ',,')}`);
      p.push(`drive=${d.id}-disk`);
    }
    for (const [key, v] of Object.entries(d.props ?? {})) p.push(`${key}=${prop(v)}`);
    args.push('-device', p.join(','));
  }
  return args;
}
