/**
 * Drift: what changed on one host between two snapshots. Devices added and removed, devices that
 * moved to another address (a BIOS update or a card in another slot renumbers buses), groups
 * whose membership changed, drivers that changed, and the assignability verdicts that changed.
 *
 * A device is the same device at a new address when vendor:device:subsystem match and either its
 * serial number (PCIe Device Serial Number, when the snapshot kept it) or its position (the chain
 * of device.function numbers from the root bus, which bus renumbering leaves alone) matches, or it
 * is the only one of its kind that disappeared and the only one that appeared.
 */

import { readKernelGroups } from '../host/kernel-groups.js';
import { readPciDevices } from '../host/pci-sysfs.js';
import type { HostRoot } from '../host/root.js';
import { hex } from '../pci/config-view.js';
import type { PciDevice } from '../pci/types.js';
import type { FleetDiffJson } from '../schema/outputs/fleet-diff.js';
import { summarizeHost } from './host-summary.js';

export interface DriftDevice {
  address: string;
  vendorDevice: string;
  subsystem?: string;
  class: string;
  driver?: string;
  group?: number;
  /** Chain of device.function numbers from the root bus, e.g. "pci0000:00/01.0/00.0". */
  position: string;
  serial?: string;
}

// The printed document's type comes from its schema definition (docs/json.md#fleet-diff).
export type FleetDiff = FleetDiffJson;

const ids = (v: number, d: number) => `${hex(v, 4)}:${hex(d, 4)}`;

function position(d: PciDevice): string {
  const parts = d.sysfsPath.split('/').filter(Boolean);
  const rootBus = parts.find((p) => p.startsWith('pci')) ?? '';
  const chain = parts
    .filter((p) => /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(p))
    .map((p) => p.slice(p.lastIndexOf(':') + 1));
  return [rootBus, ...chain].join('/');
}

function serial(d: PciDevice): string | undefined {
  const cap = d.capabilities.find((c) => c.extended && c.id === 0x0003);
  const s = cap?.details?.serial;
  // Redacted snapshots zero the serial: not an identity.
  return typeof s === 'string' && /[1-9a-f]/.test(s) ? s : undefined;
}

function driftDevice(d: PciDevice): DriftDevice {
  const out: DriftDevice = {
    address: d.address,
    vendorDevice: ids(d.vendorId, d.deviceId),
    class: hex(d.classCode, 6),
    driver: d.driver,
    group: d.iommuGroup,
    position: position(d),
  };
  if (d.subsystemVendorId !== undefined && d.subsystemDeviceId !== undefined)
    out.subsystem = ids(d.subsystemVendorId, d.subsystemDeviceId);
  const s = serial(d);
  if (s) out.serial = s;
  return out;
}

const kind = (d: DriftDevice) => `${d.vendorDevice}:${d.subsystem ?? ''}:${d.class}`;

/**
 * Which old device is which new one. Strongest identity first: a serial number; then the same
 * address at the same position (the common case: nothing moved); then the position alone (buses
 * renumbered); then the address alone; then a model that only one device had before and after.
 * What pairs with nothing stays in `gone` and `came`.
 */
function pairDevices(
  gone: DriftDevice[],
  came: DriftDevice[],
): { map: Map<string, string>; moved: FleetDiff['moved'] } {
  const moved: FleetDiff['moved'] = [];
  /** old address → new address, for devices present in both. */
  const map = new Map<string, string>();
  const pair = (o: DriftDevice, n: DriftDevice, by?: 'serial' | 'position' | 'unique') => {
    if (by && o.address !== n.address)
      moved.push({
        from: o.address,
        to: n.address,
        vendorDevice: o.vendorDevice,
        subsystem: o.subsystem,
        matchedBy: by,
      });
    map.set(o.address, n.address);
    gone.splice(gone.indexOf(o), 1);
    came.splice(came.indexOf(n), 1);
  };
  const passes: [(o: DriftDevice, n: DriftDevice) => boolean, 'serial' | 'position' | undefined][] = [
    [(o, n) => o.serial !== undefined && o.serial === n.serial, 'serial'],
    [(o, n) => o.address === n.address && o.position === n.position, undefined],
    [(o, n) => o.position === n.position, 'position'],
    [(o, n) => o.address === n.address, undefined],
  ];
  for (const [same, by] of passes) {
    for (const o of [...gone]) {
      const n = came.find((x) => kind(x) === kind(o) && same(o, x));
      if (n) pair(o, n, by);
    }
  }
  for (const o of [...gone]) {
    const sameKindGone = gone.filter((x) => kind(x) === kind(o));
    const sameKindCame = came.filter((x) => kind(x) === kind(o));
    if (sameKindGone.length === 1 && sameKindCame.length === 1) pair(o, sameKindCame[0], 'unique');
  }
  return { map, moved };
}

/** Group membership and drivers of the paired devices, compared through the address map so a renumbered bus is not a change. */
function membershipChanges(
  roots: { old: HostRoot; new: HostRoot },
  devs: { old: Map<string, DriftDevice>; new: Map<string, DriftDevice> },
  map: Map<string, string>,
): Pick<FleetDiff, 'groupsChanged' | 'driversChanged'> {
  const members = (root: HostRoot) => {
    const g = readKernelGroups(root);
    const byGroup = new Map<number, string[]>(g.groups);
    return (d: DriftDevice) =>
      d.group === undefined ? [] : (byGroup.get(d.group) ?? []).filter((x) => x !== d.address);
  };
  const oldPeers = members(roots.old);
  const newPeers = members(roots.new);
  const groupsChanged: FleetDiff['groupsChanged'] = [];
  const driversChanged: FleetDiff['driversChanged'] = [];
  for (const [from, to] of map) {
    const o = devs.old.get(from)!;
    const n = devs.new.get(to)!;
    const before = oldPeers(o)
      .map((x) => map.get(x) ?? `${x} (gone)`)
      .sort();
    const after = newPeers(n).sort();
    if ((o.group === undefined) !== (n.group === undefined) || before.join() !== after.join())
      groupsChanged.push({ address: to, oldGroup: o.group, newGroup: n.group, before, after });
    if (o.driver !== n.driver) driversChanged.push({ address: to, old: o.driver, new: n.driver });
  }
  return { groupsChanged, driversChanged };
}

/** Assignability of the paired devices, and the host facts (kernel, IOMMU, interrupt remapping) that changed. */
function summaryChanges(
  hs: ReturnType<typeof summarizeHost>[],
  map: Map<string, string>,
): Pick<FleetDiff, 'host' | 'verdictsChanged'> {
  const verdictsChanged: FleetDiff['verdictsChanged'] = [];
  for (const n of hs[1].devices) {
    const fromAddr = [...map.entries()].find(([, t]) => t === n.address)?.[0];
    const o = hs[0].devices.find((d) => d.address === fromAddr);
    if (o && o.verdict !== n.verdict)
      verdictsChanged.push({
        address: n.address,
        vendorDevice: n.vendorDevice,
        old: o.verdict,
        new: n.verdict,
        reasons: n.reasons,
      });
  }
  const host: string[] = [];
  const [ho, hn] = hs;
  if (ho.kernel !== hn.kernel) host.push(`kernel ${ho.kernel ?? 'unknown'} → ${hn.kernel ?? 'unknown'}`);
  if (ho.iommu?.enabled !== hn.iommu?.enabled)
    host.push(`IOMMU ${ho.iommu?.enabled ? 'on' : 'off'} → ${hn.iommu?.enabled ? 'on' : 'off'}`);
  if (ho.interruptRemapping?.verdict !== hn.interruptRemapping?.verdict)
    host.push(
      `interrupt remapping ${ho.interruptRemapping?.verdict ?? 'unknown'} → ${hn.interruptRemapping?.verdict ?? 'unknown'}`,
    );
  return { host, verdictsChanged };
}

export function diffSnapshots(
  oldRoot: HostRoot,
  newRoot: HostRoot,
  models: readonly string[] = [],
): FleetDiff {
  const a = new Map(readPciDevices(oldRoot).map((d) => [d.address, driftDevice(d)]));
  const b = new Map(readPciDevices(newRoot).map((d) => [d.address, driftDevice(d)]));
  const gone = [...a.values()];
  const came = [...b.values()];
  const { map, moved } = pairDevices(gone, came);
  const { groupsChanged, driversChanged } = membershipChanges(
    { old: oldRoot, new: newRoot },
    { old: a, new: b },
    map,
  );
  // Assignability of the devices one assigns, through the same summary the fleet report uses.
  const { host, verdictsChanged } = summaryChanges(
    [
      summarizeHost(oldRoot, 'old', oldRoot.name, models),
      summarizeHost(newRoot, 'new', newRoot.name, models),
    ],
    map,
  );
  return {
    schema: 'vfiokit.fleet-diff/2',
    old: oldRoot.name,
    new: newRoot.name,
    host,
    added: came,
    removed: gone,
    moved,
    groupsChanged,
    driversChanged,
    verdictsChanged,
  };
}
