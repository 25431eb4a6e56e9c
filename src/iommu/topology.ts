/**
 * The PCI hierarchy as the kernel's grouping code walks it: each device's bus, the bridge that
 * owns the bus (`bus->self`), the devices sharing that bus, and the order in which the kernel adds
 * devices (which is the order in which it assigns them to IOMMU groups).
 */
import { comparePciAddress } from '../pci/address.js';
import type { PciDevice } from '../pci/types.js';

export interface Topology {
  readonly devices: PciDevice[];
  get(address: string): PciDevice | undefined;
  /** The bridge whose secondary bus the device sits on; undefined on a root bus. */
  parent(d: PciDevice): PciDevice | undefined;
  /** True when the device sits on a root bus (no upstream bridge). */
  onRootBus(d: PciDevice): boolean;
  /** Every device on the same bus as `d`, `d` included. */
  busPeers(d: PciDevice): PciDevice[];
  /** Devices directly below a bridge. */
  children(bridge: PciDevice): PciDevice[];
  /** The secondary bus number of a bridge (from its header or from the devices below it). */
  secondaryBus(bridge: PciDevice): number | undefined;
  /** Kernel enumeration order: the order IOMMU groups are assigned in. */
  readonly order: PciDevice[];
}

export const devfnOf = (d: PciDevice) => (d.addr.device << 3) | d.addr.fn;

/**
 * The bridge above a device, if any. A root bus can itself sit below a device of another domain
 * (Intel VMD exposes domain 10000 below 0000:00:0e.0); that device is not a PCI bridge of the
 * child domain, so a chain entry from another domain means "root bus".
 */
function parentAddress(d: PciDevice): string | undefined {
  const p = d.upstream[d.upstream.length - 1];
  if (p === undefined) return undefined;
  const dom = p.slice(0, p.indexOf(':'));
  return parseInt(dom, 16) === d.addr.domain ? p : undefined;
}

const busKey = (d: PciDevice) => `${parentAddress(d) ?? `root:${d.addr.domain}`}/${d.addr.bus}`;

/**
 * The device as the kernel's PCI core records it. pdev->multifunction comes from the header type
 * bit of function 0, but pci_scan_slot() (drivers/pci/probe.c) also sets it on every function
 * above 0 it finds, whatever that function's own header says: QEMU, for one, leaves the bit clear
 * on function 1 of a GPU + audio pair. Virtual functions are not found by the slot scan.
 */
export function kernelView(d: PciDevice): PciDevice {
  if (d.multifunction || d.addr.fn === 0 || d.physfn) return d;
  return { ...d, multifunction: true };
}

const byAddr = (a: PciDevice, b: PciDevice) => comparePciAddress(a.addr, b.addr);

/** The devices under each key, each list in address order. */
function listsBy(devices: PciDevice[], key: (d: PciDevice) => string | undefined): Map<string, PciDevice[]> {
  const lists = new Map<string, PciDevice[]>();
  // Indexed and forEach: no iterator result per step in the one-shot commands' unoptimised code.
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i];
    const k = key(d);
    if (k === undefined) continue;
    const list = lists.get(k);
    if (list) list.push(d);
    else lists.set(k, [d]);
  }
  lists.forEach((l) => {
    l.sort(byAddr);
  });
  return lists;
}

/**
 * The kernel's enumeration order. It scans a bus slot by slot and adds every device found on it,
 * then descends into the bridges of that bus in the same order (drivers/pci/probe.c
 * pci_scan_child_bus_extend). Virtual functions appear later, when sriov_numvfs is written, so
 * they come after every boot device.
 */
function enumerationOrder(
  devices: PciDevice[],
  byAddress: Map<string, PciDevice>,
  kids: Map<string, PciDevice[]>,
): PciDevice[] {
  const order: PciDevice[] = [];
  const vfs: PciDevice[] = [];
  const visit = (bus: PciDevice[]) => {
    const here = bus.filter((d) => !d.physfn);
    vfs.push(...bus.filter((d) => d.physfn));
    order.push(...here);
    for (const d of here) {
      const c = kids.get(d.address);
      if (c) visit(c);
    }
  };
  const roots = devices.filter((d) => {
    const p = parentAddress(d);
    return p === undefined || !byAddress.has(p);
  });
  const sortedRoots = [...listsBy(roots, busKey).values()].sort((a, b) => byAddr(a[0], b[0]));
  for (const l of sortedRoots) visit(l);
  const seen = new Set(order.map((d) => d.address));
  for (const v of vfs.sort(byAddr)) {
    if (!seen.has(v.address)) {
      order.push(v);
      seen.add(v.address);
    }
  }
  // Anything not reached (a broken chain) still gets a place, in address order.
  for (const d of [...devices].sort(byAddr)) if (!seen.has(d.address)) order.push(d);
  return order;
}

export function buildTopology(input: PciDevice[]): Topology {
  const devices = input.map(kernelView);
  const byAddress = new Map<string, PciDevice>();
  for (const d of devices) byAddress.set(d.address, d);
  const buses = listsBy(devices, busKey);
  const kids = listsBy(devices, parentAddress);
  const order = enumerationOrder(devices, byAddress, kids);
  return {
    devices,
    order,
    get: (a) => byAddress.get(a),
    parent: (d) => {
      const p = parentAddress(d);
      return p === undefined ? undefined : byAddress.get(p);
    },
    onRootBus: (d) => parentAddress(d) === undefined,
    busPeers: (d) => buses.get(busKey(d)) ?? [d],
    children: (b) => kids.get(b.address) ?? [],
    secondaryBus: (b) => b.bridge?.secondaryBus ?? kids.get(b.address)?.[0]?.addr.bus,
  };
}
