/**
 * Synthetic hosts of mixed PCI topology for the groups bench and the groups output test: seeded
 * shapes (switches with and without ACS, multifunction endpoints, PCIe-to-PCI bridges with
 * conventional devices behind, SR-IOV VFs, several PCI domains), each a fixture-builder
 * description of exactly the number of functions asked for, the same tree on every run.
 */
import { CLASS, type FunctionSpec, type NodeSpec, type RootComplexSpec } from './fixture-builder.js';

/** mulberry32: a small seeded generator, so that a shape is the same tree on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one root port carries, and how often a shape picks it. */
export type Kind = 'switch' | 'sriov' | 'legacy' | 'multi' | 'gpu' | 'nvme';
export interface Shape {
  name: string;
  seed: number;
  weights: Record<Kind, number>;
  /** Share of switch downstream ports with ACS. */
  acs: number;
  /** Root ports per domain before the next domain starts. */
  portsPerDomain: number;
}

export const SHAPES: Shape[] = [
  {
    name: 'mixed',
    seed: 11,
    weights: { switch: 3, sriov: 2, legacy: 2, multi: 2, gpu: 1, nvme: 2 },
    acs: 0.5,
    portsPerDomain: 24,
  },
  {
    name: 'switches',
    seed: 23,
    weights: { switch: 6, sriov: 1, legacy: 0, multi: 1, gpu: 1, nvme: 0 },
    acs: 0.25,
    portsPerDomain: 30,
  },
  {
    name: 'sriov+legacy',
    seed: 37,
    weights: { switch: 1, sriov: 4, legacy: 4, multi: 1, gpu: 0, nvme: 1 },
    acs: 0.75,
    portsPerDomain: 16,
  },
];

/**
 * A host of exactly `target` functions, with the IOMMU group of every function set as the kernel
 * forms them (drivers/iommu/iommu.c pci_device_group, drivers/pci/pci.c pci_acs_enabled; the
 * rules DESIGN.md records from the lab): every root port here has ACS and is a group of its own;
 * a switch's upstream port is alone; a downstream port with ACS is alone, without ACS it shares
 * one group with everything below it; the functions of a multifunction device without ACS share
 * one; a PCIe-to-PCI bridge shares one with every conventional device behind it (requester IDs
 * alias to the bridge); each SR-IOV VF of an ARI PF below an ACS port is alone. The simulator's
 * agreement with these groups is checked before anything is timed.
 */
export function hostOf(shape: Shape, target: number): RootComplexSpec[] {
  const rand = rng(shape.seed * 7919 + target);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  let group = 0;
  let left = target;
  const kinds = Object.entries(shape.weights).flatMap(([k, w]) => Array<Kind>(w).fill(k as Kind));
  const driverOf = (cls: number, vfio: number): string | undefined =>
    rand() < vfio
      ? 'vfio-pci'
      : cls === CLASS.nvme
        ? 'nvme'
        : cls === CLASS.ethernet
          ? 'ixgbe'
          : cls === CLASS.hdAudio
            ? 'snd_hda_intel'
            : cls === CLASS.usbXhci
              ? 'xhci_hcd'
              : cls === CLASS.sata
                ? 'ahci'
                : cls === CLASS.vga
                  ? pick(['nouveau', 'amdgpu', undefined])
                  : undefined;
  const fn = (cls: number, g: number, extra: FunctionSpec = {}): FunctionSpec => ({
    class: cls,
    // Vendors whose devices in this range no ACS or DMA-alias quirk names (drivers/pci/quirks.c),
    // so that the groups above are what the kernel would form.
    vendor: pick([0x10de, 0x1002, 0x144d, 0x15b3, 0x1af4]),
    device: int(0x2000, 0x2fff),
    driver: driverOf(cls, 0.3),
    group: g,
    ...extra,
  });
  /** A multifunction device without ACS: its functions share `g` (n functions). */
  const multi = (g: number, n: number): NodeSpec => ({
    kind: 'multi',
    functions: Array.from({ length: n }, (_, i) =>
      fn(
        i === 0 ? pick([CLASS.ethernet, CLASS.sata, CLASS.usbXhci]) : pick([CLASS.ethernet, CLASS.smbus]),
        g,
      ),
    ),
  });
  const gpu = (g: number): NodeSpec => ({
    kind: 'multi',
    functions: [
      fn(CLASS.vga, g, { vendor: 0x10de, bootVga: false, rom: true }),
      fn(CLASS.hdAudio, g, { vendor: 0x10de }),
    ],
  });
  /** What a root port carries, with its size in functions (the port not counted); fits in `room`. */
  const child = (room: number): { node: NodeSpec; size: number } | undefined => {
    for (let tries = 0; tries < 8; tries++) {
      const k = pick(kinds);
      if (k === 'nvme' && room >= 1)
        return { node: { kind: 'endpoint', ...fn(CLASS.nvme, group++) }, size: 1 };
      if (k === 'gpu' && room >= 2) return { node: gpu(group++), size: 2 };
      if (k === 'multi' && room >= 2) {
        const n = Math.min(int(2, 8), room);
        return { node: multi(group++, n), size: n };
      }
      if (k === 'legacy' && room >= 2) {
        const n = Math.min(int(1, 8), room - 1);
        const g = group++;
        return {
          node: {
            kind: 'pcie-pci-bridge',
            group: g,
            children: Array.from({ length: n }, () => ({
              kind: 'endpoint' as const,
              ...fn(pick([CLASS.usbXhci, CLASS.sata, CLASS.ethernet]), g),
            })),
          },
          size: n + 1,
        };
      }
      if (k === 'sriov' && room >= 2) {
        const vfs = Math.min(int(1, 63), room - 1);
        const pf = fn(CLASS.ethernet, group++, {
          vendor: 0x8086,
          device: 0x10fb,
          driver: 'ixgbe',
          ari: true,
        });
        const vfGroups = Array.from({ length: vfs }, () => group++);
        const vfDriver = pick(['vfio-pci', 'ixgbevf', undefined]);
        return {
          node: {
            kind: 'endpoint',
            ...pf,
            sriov: { totalVfs: 63, numVfs: vfs, vfDevice: 0x10ed, vfDriver, vfGroups },
          },
          size: vfs + 1,
        };
      }
      if (k === 'switch' && room >= 3) {
        const ports = Math.min(int(2, 8), Math.floor((room - 1) / 2));
        const downstream: (FunctionSpec & { children: NodeSpec[] })[] = [];
        let size = 1 + ports;
        for (let i = 0; i < ports; i++) {
          const acs = rand() < shape.acs;
          const g = group++;
          // Room for this port's functions, one kept for each port still to fill.
          const spare = room - size - (ports - i - 1);
          // Below each downstream port: one endpoint, or (room permitting) a multifunction device.
          const n = spare >= 2 && rand() < 0.3 ? Math.min(int(2, 4), spare) : 1;
          const fnGroup = acs ? group++ : g;
          const below: NodeSpec =
            n === 1
              ? { kind: 'endpoint', ...fn(pick([CLASS.nvme, CLASS.ethernet]), fnGroup) }
              : multi(fnGroup, n);
          size += n;
          downstream.push({ acs, group: g, children: [below] });
        }
        return { node: { kind: 'switch', upstream: { group: group++ }, downstream }, size };
      }
    }
    return undefined;
  };

  const rcs: RootComplexSpec[] = [];
  for (let domain = 0; left > 0; domain++) {
    const devices: NodeSpec[] = [
      { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: group++, pcie: false },
    ];
    left--;
    for (let dev = 1; dev <= shape.portsPerDomain && left > 0; dev++) {
      if (left === 1) {
        devices.push({ kind: 'endpoint', dev, class: CLASS.smbus, group: group++ });
        left--;
        break;
      }
      const port = group++;
      const c = child(left - 1);
      if (!c) {
        devices.push({ kind: 'root-port', dev, acs: true, group: port, children: [] });
        left--;
        continue;
      }
      devices.push({ kind: 'root-port', dev, acs: true, group: port, children: [c.node] });
      left -= c.size + 1;
    }
    rcs.push({ domain, devices });
  }
  return rcs;
}
