/**
 * The grouping simulator: computes IOMMU groups from topology and config space the way the kernel
 * does in pci_device_group() (drivers/iommu/iommu.c), device by device in enumeration order:
 * 1. follow the device's DMA aliases upstream (pci_for_each_dma_alias); join the first alias that
 *    already has a group; otherwise continue from the last alias (e.g. a PCIe-to-PCI bridge);
 * 2. climb towards the root complex until a bridge whose whole path upstream isolates with ACS
 *    SV|RR|CR|UF (pci_acs_path_enabled); each bridge passed is joined if it has a group;
 * 3. join a group held by a DMA alias on the same bus (get_pci_alias_group);
 * 4. join a group held by another function of the same slot when neither has ACS
 *    (get_pci_function_alias_group);
 * 5. otherwise start a new group.
 * This is the algorithm of mainline kernels up to at least 6.12 (the lab kernel is 6.1).
 */
import type { PciDevice } from '../pci/types.js';
import { type AcsContext, type AcsVerdict, acsContext, acsEnabled, acsPathEnabled } from './acs.js';
import { REQ_ACS_FLAGS } from './acs-flags.js';
import { type AcsOverride, overrideQuirk } from './acs-override.js';
import type { QuirkEnv } from './acs-quirks.js';
import { dmaAliasQuirk, dmaAliasWalk } from './dma-alias.js';
import { buildTopology, devfnOf, type Topology } from './topology.js';

/** How a device came to be in its group (evidence for `explain`). */
export type SimJoin =
  | { kind: 'new' }
  /** Its DMA alias (a bridge that owns its requester ID) already had the group. */
  | { kind: 'alias'; via: string }
  /** A bridge on its path upstream does not isolate (no ACS path to the root) and had the group. */
  | { kind: 'upstream'; via: string; breaksAt?: string; verdict?: AcsVerdict }
  /** A DMA alias on the same bus (quirk) had the group. */
  | { kind: 'dma-alias'; via: string }
  /** Another function of the same multifunction slot without ACS had the group. */
  | { kind: 'function'; via: string };

export interface SimulatedGroup {
  /** Allocation order, as the kernel numbers groups when nothing else takes a number first. */
  id: number;
  devices: string[];
}

export interface Simulation {
  groups: SimulatedGroup[];
  groupOf: Map<string, number>;
  joins: Map<string, SimJoin>;
  /** Devices whose config space was not fully readable: their grouping is a guess. */
  incomplete: string[];
  /**
   * Devices whose capability list is damaged (loops, never ends), as "ADDRESS: problem": the ACS
   * capability may lie past the damage, so their grouping is a guess too.
   */
  corrupt: string[];
  topo: Topology;
  ctx: AcsContext;
  override?: AcsOverride;
}

export interface SimulateOptions {
  env?: QuirkEnv;
  override?: AcsOverride;
  /** A prebuilt topology of the same devices (saves rebuilding it for what-ifs). */
  topo?: Topology;
}

export function simulateGroups(devices: PciDevice[], opts: SimulateOptions = {}): Simulation {
  const topo = opts.topo ?? buildTopology(devices);
  const env = opts.env ?? { amdIommu: false };
  const ctx = acsContext(topo, env, opts.override ? [overrideQuirk(opts.override)] : []);
  const groupOf = new Map<string, number>();
  const joins = new Map<string, SimJoin>();
  const members: string[][] = [];

  // Each device's DMA alias quirk, ACS isolation and ACS path are asked for many times over the
  // walk (once per device below them): worked out once each.
  const aliasQuirk = perDevice((d) => dmaAliasQuirk(d, topo));
  const isolated = perDevice((d) => acsEnabled(d, REQ_ACS_FLAGS, ctx).enabled);
  const pathOf = perDevice((d) => acsPathEnabled(d, REQ_ACS_FLAGS, ctx));
  // pci_devs_are_dma_aliases(): either device lists the other's devfn as an alias.
  const areAliases = (a: PciDevice, b: PciDevice) =>
    (aliasQuirk(a)?.devfns.includes(devfnOf(b)) ?? false) ||
    (aliasQuirk(b)?.devfns.includes(devfnOf(a)) ?? false);

  // Whether any device on a bus has a DMA alias quirk: without one (nearly every bus) no peer can
  // be an alias, and scanning the peers for each of a bus's devices grows with its square.
  const aliasOnBus = new Map<PciDevice[], boolean>();
  const busHasAlias = (peers: PciDevice[]) => {
    let v = aliasOnBus.get(peers);
    if (v === undefined) {
      v = peers.some((t) => aliasQuirk(t) !== undefined);
      aliasOnBus.set(peers, v);
    }
    return v;
  };

  type Found = { group: number; via: string };

  const aliasGroup = (d: PciDevice, seen: Set<number>): Found | undefined => {
    const df = devfnOf(d);
    if (seen.has(df)) return undefined;
    seen.add(df);
    const g = groupOf.get(d.address);
    if (g !== undefined) return { group: g, via: d.address };
    const mine = aliasQuirk(d);
    const peers = topo.busPeers(d);
    if (!mine && !busHasAlias(peers)) return undefined;
    for (let i = 0; i < peers.length; i++) {
      const t = peers[i];
      if (t === d) continue;
      if (!mine && !aliasQuirk(t)) continue;
      if (!areAliases(d, t)) continue;
      const r = aliasGroup(t, seen) ?? functionGroup(t, seen);
      if (r) return r;
    }
    return undefined;
  };

  const functionGroup = (d: PciDevice, seen: Set<number>): Found | undefined => {
    if (!d.multifunction || isolated(d)) return undefined;
    const peers = topo.busPeers(d);
    for (let i = 0; i < peers.length; i++) {
      const t = peers[i];
      if (t === d || t.addr.device !== d.addr.device || isolated(t)) continue;
      const r = aliasGroup(t, seen);
      if (r) return r;
    }
    return undefined;
  };

  const place = (d: PciDevice): { group?: number; join: SimJoin } => {
    // 1. DMA aliases upstream.
    let pdev = d;
    // Indexed (as the peer loops below): no iterator result per step in the one-shot commands'
    // unoptimised code, once per device of the host.
    const walk = dmaAliasWalk(d, topo, aliasQuirk);
    for (let i = 0; i < walk.length; i++) {
      const step = walk[i];
      pdev = step.device;
      const g = groupOf.get(step.device.address);
      if (g !== undefined) return { group: g, join: { kind: 'alias', via: step.device.address } };
    }
    // 2. Up to the first bridge with an isolating path.
    let cur = pdev;
    while (!topo.onRootBus(cur)) {
      const bridge = topo.parent(cur);
      if (!bridge) break;
      const path = pathOf(bridge);
      if (path.enabled) break;
      pdev = bridge;
      const g = groupOf.get(bridge.address);
      if (g !== undefined) {
        return {
          group: g,
          join: {
            kind: 'upstream',
            via: bridge.address,
            breaksAt: path.breaksAt?.address,
            verdict: path.verdict,
          },
        };
      }
      cur = bridge;
    }
    // 3 and 4 share the visited-devfn set, as in the kernel.
    const seen = new Set<number>();
    const a = aliasGroup(pdev, seen);
    if (a) return { group: a.group, join: { kind: 'dma-alias', via: a.via } };
    const f = functionGroup(pdev, seen);
    if (f) return { group: f.group, join: { kind: 'function', via: f.via } };
    return { join: { kind: 'new' } };
  };

  for (let i = 0; i < topo.order.length; i++) {
    const d = topo.order[i];
    const { group, join } = place(d);
    let g = group;
    if (g === undefined) {
      g = members.length;
      members.push([]);
    }
    groupOf.set(d.address, g);
    members[g].push(d.address);
    joins.set(d.address, join);
  }

  return {
    groups: members.map((devices, id) => ({ id, devices })),
    groupOf,
    joins,
    incomplete: devices.filter((d) => !d.config || d.config.truncated).map((d) => d.address),
    corrupt: devices
      .filter((d) => d.config?.problems?.length)
      .map((d) => `${d.address}: ${d.config!.problems!.join('; ')}`),
    topo,
    ctx,
    override: opts.override,
  };
}

/** `fn` of a device, worked out on the first call for its address and kept. */
function perDevice<T>(fn: (d: PciDevice) => T): (d: PciDevice) => T {
  const cache = new Map<string, T>();
  return (d) => {
    if (cache.has(d.address)) return cache.get(d.address) as T;
    const v = fn(d);
    cache.set(d.address, v);
    return v;
  };
}

/** The members of the simulated group holding `address`. */
export function simulatedGroupOf(sim: Simulation, address: string): string[] {
  const g = sim.groupOf.get(address);
  return g === undefined ? [] : sim.groups[g].devices;
}
