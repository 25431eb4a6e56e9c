// Properties of the grouping simulator over random topologies (records built directly, no sysfs):
// every device lands in exactly one group; the answer does not depend on the order records come
// in; an ACS override only ever splits groups; with ACS everywhere and single-function endpoints
// every device is alone; a device behind a PCIe-to-PCI bridge is always with the bridge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAcsOverride } from '../../src/iommu/acs-override.js';
import { simulateGroups } from '../../src/iommu/simulate.js';
import { formatPciAddress } from '../../src/pci/address.js';
import type { PciDevice, PciePortType } from '../../src/pci/types.js';

interface Node {
  kind: 'endpoint' | 'multi' | 'root-port' | 'switch' | 'pci-bridge';
  acs: boolean;
  children: Node[];
  functions: number;
}

const leaf = fc.record({
  kind: fc.constantFrom<'endpoint' | 'multi'>('endpoint', 'multi'),
  acs: fc.boolean(),
  children: fc.constant([] as Node[]),
  functions: fc.integer({ min: 2, max: 4 }),
});

const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constantFrom<'root-port' | 'switch' | 'pci-bridge'>('root-port', 'switch', 'pci-bridge'),
      acs: fc.boolean(),
      children: fc.array(tie('node'), { maxLength: 3 }),
      functions: fc.constant(1),
    }),
  ),
}));

const bit = (on: boolean) => ({ capable: on, enabled: on });

/** Lay a random forest out as PciDevice records with consistent buses and upstream chains. */
function build(roots: Node[], allAcs = false): PciDevice[] {
  const out: PciDevice[] = [];
  let nextBus = 1;
  const add = (
    bus: number,
    slot: number,
    fn: number,
    upstream: string[],
    portType: PciePortType | undefined,
    opts: { acs: boolean; multifunction: boolean; bridge: boolean },
  ) => {
    const addr = { domain: 0, bus, device: slot, fn };
    const address = formatPciAddress(addr);
    const acs = allAcs || opts.acs;
    const d: PciDevice = {
      address,
      addr,
      vendorId: 0x1b36,
      deviceId: opts.bridge ? 0x000c : 0x0010,
      classCode: opts.bridge ? 0x060400 : 0x020000,
      headerType: opts.bridge ? 1 : 0,
      multifunction: opts.multifunction,
      hasRom: false,
      upstream,
      sysfsPath: `/sys/devices/pci0000:00/${[...upstream, address].join('/')}`,
      config: { bytes: new Uint8Array(4096), truncated: false },
      capabilities: [],
      pcie: portType ? { offset: 0x40, version: 2, portType, slotImplemented: false, flr: false } : undefined,
      acs:
        portType && acs
          ? {
              offset: 0x100,
              capRegister: 0x1f,
              ctrlRegister: 0x1d,
              sourceValidation: bit(true),
              translationBlocking: bit(false),
              requestRedirect: bit(true),
              completionRedirect: bit(true),
              upstreamForwarding: bit(true),
              egressControl: bit(false),
              directTranslatedP2P: bit(false),
            }
          : undefined,
    };
    out.push(d);
    return d;
  };
  const place = (nodes: Node[], bus: number, upstream: string[], conventional: boolean, rootBus: boolean) => {
    nodes.slice(0, 32).forEach((n, slot) => {
      const ep: PciePortType | undefined = conventional
        ? undefined
        : rootBus
          ? 'rc-integrated-endpoint'
          : 'endpoint';
      if (n.kind === 'endpoint')
        add(bus, slot, 0, upstream, ep, { acs: n.acs, multifunction: false, bridge: false });
      else if (n.kind === 'multi') {
        for (let f = 0; f < n.functions; f++)
          add(bus, slot, f, upstream, ep, { acs: n.acs, multifunction: true, bridge: false });
      } else {
        const type: PciePortType | undefined = conventional
          ? undefined
          : n.kind === 'pci-bridge'
            ? 'pcie-to-pci-bridge'
            : n.kind === 'switch'
              ? 'upstream-port'
              : rootBus
                ? 'root-port'
                : 'downstream-port';
        const b = add(bus, slot, 0, upstream, type, { acs: n.acs, multifunction: false, bridge: true });
        const sec = nextBus++;
        if (sec > 255) return;
        if (n.kind === 'switch' && !conventional) {
          // A switch: its downstream ports on the internal bus, children below each.
          n.children.slice(0, 8).forEach((c, i) => {
            const ds = add(sec, i, 0, [...upstream, b.address], 'downstream-port', {
              acs: n.acs,
              multifunction: false,
              bridge: true,
            });
            const below = nextBus++;
            if (below <= 255) place([c], below, [...upstream, b.address, ds.address], false, false);
          });
        } else {
          place(n.children, sec, [...upstream, b.address], conventional || n.kind === 'pci-bridge', false);
        }
      }
    });
  };
  place(roots, 0, [], false, true);
  return out;
}

const partition = (devices: PciDevice[], override?: string) => {
  const sim = simulateGroups(devices, override ? { override: parseAcsOverride(override) } : {});
  return {
    sim,
    sets: sim.groups.map((g) => [...g.devices].sort()).sort((a, b) => a.join().localeCompare(b.join())),
  };
};

const forest = fc.array(tree.node, { minLength: 1, maxLength: 6 });

test('every device is in exactly one group, whatever the order the records come in', () => {
  fc.assert(
    fc.property(forest, fc.integer(), (roots, seed) => {
      const devices = build(roots);
      const { sets } = partition(devices);
      const all = sets.flat();
      assert.equal(all.length, devices.length);
      assert.equal(new Set(all).size, devices.length);
      // Fisher-Yates driven by a small LCG from the seed.
      const shuffled = [...devices];
      let x = seed >>> 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        const j = x % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      assert.deepEqual(partition(shuffled).sets, sets);
    }),
    { numRuns: 150 },
  );
});

test('an ACS override only ever splits groups, never merges them', () => {
  fc.assert(
    fc.property(
      forest,
      fc.constantFrom('downstream', 'multifunction', 'downstream,multifunction'),
      (roots, mode) => {
        const devices = build(roots);
        const plain = partition(devices).sim;
        const over = partition(devices, mode).sim;
        for (const g of over.groups) {
          const homes = new Set(g.devices.map((a) => plain.groupOf.get(a)));
          assert.equal(homes.size, 1, `${mode}: ${g.devices.join(' ')} were apart without the override`);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test('behind a PCIe-to-PCI bridge every device shares the bridge group; with ACS everywhere else devices are alone', () => {
  fc.assert(
    fc.property(forest, (roots) => {
      const devices = build(roots, true);
      const { sim } = partition(devices);
      for (const d of devices) {
        const bridge = d.upstream.find(
          (u) => devices.find((x) => x.address === u)?.pcie?.portType === 'pcie-to-pci-bridge',
        );
        const mine = sim.groups[sim.groupOf.get(d.address)!].devices;
        if (bridge) assert.ok(mine.includes(bridge), `${d.address} not with ${bridge}`);
        else if (d.pcie?.portType !== 'pcie-to-pci-bridge' && !d.multifunction)
          assert.deepEqual(mine, [d.address], `${d.address} should be alone`);
      }
    }),
    { numRuns: 150 },
  );
});
