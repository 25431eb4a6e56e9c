/**
 * DMA aliases: the requester IDs a device's DMA may carry besides its own. Two sources:
 * - topology (pci_for_each_dma_alias, drivers/pci/search.c): a PCIe-to-PCI bridge takes
 *   ownership of transactions from the conventional devices behind it and forwards them with the
 *   ID <secondary bus>:00.0 (PCIe-to-PCI/PCI-X bridge spec 1.0, 2.3); a conventional PCI bridge
 *   forwards them with its own ID; root ports and switch ports pass the ID through unchanged;
 * - header quirks in drivers/pci/quirks.c that add fixed aliases (devices that DMA as another
 *   function, or through invisible functions) or flag bridges that alias unusually.
 */
import type { PciDevice } from '../pci/types.js';
import type { Topology } from './topology.js';

export interface DmaAliasQuirk {
  /** The kernel fixup function this models. */
  quirk: string;
  /** Extra devfns (slot << 3 | fn) on the device's own bus that its DMA may use. */
  devfns: number[];
  /** PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS: a conventional-looking bridge that aliases like a PCIe-to-PCI one. */
  pcieBridgeAlias?: boolean;
  /** PCI_DEV_FLAGS_PCI_BRIDGE_NO_ALIAS: forwards the requester ID untouched. */
  noAlias?: boolean;
  /** PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT: translation happens here; the alias walk stops. */
  xlateRoot?: boolean;
}

const devfn = (slot: number, fn: number) => (slot << 3) | fn;
const key = (v: number, d: number) => (v << 16) | d;

const FUNC0 = new Set([key(0x1180, 0xe832), key(0x1180, 0xe476), key(0x6766, 0x3d40), key(0x6766, 0x3d41)]);
const FUNC1 = new Set([
  ...[
    0x9120, 0x9123, 0x9125, 0x9128, 0x9130, 0x9170, 0x9172, 0x917a, 0x9182, 0x9183, 0x91a0, 0x9215, 0x9220,
    0x9230, 0x9235,
  ].map((d) => key(0x1b4b, d)),
  key(0x1103, 0x0642),
  key(0x1103, 0x0645),
  key(0x197b, 0x2392), // JMicron JMB388 ESD
  key(0x1c28, 0x0122), // Plextor M6E (Marvell 88SS9183)
]);
const PCIE_BRIDGE_ALIAS = new Set([
  key(0x1b21, 0x1080), // ASMedia ASM1083/1085
  key(0x10e3, 0x8113), // Tundra 8113
  key(0x1283, 0x8892), // ITE 8892
  key(0x1283, 0x8893), // ITE 8893
  key(0x8086, 0x244e), // Intel 82801 PCI bridge
]);
const VCA = new Set([0x2954, 0x2955, 0x2956, 0x2958, 0x2959, 0x295a].map((d) => key(0x8086, d)));

/** The alias quirks that apply to a device, or undefined. */
export function dmaAliasQuirk(d: PciDevice, topo: Topology): DmaAliasQuirk | undefined {
  const k = key(d.vendorId, d.deviceId);
  const slot = d.addr.device;
  if (FUNC0.has(k)) {
    // Ricoh and Glenfly functions DMA with function 0's ID.
    return d.addr.fn !== 0 ? { quirk: 'quirk_dma_func0_alias', devfns: [devfn(slot, 0)] } : undefined;
  }
  if (FUNC1.has(k)) {
    // Marvell SATA and relatives DMA as function 1, which may not even exist (a ghost requester).
    return d.addr.fn !== 1 ? { quirk: 'quirk_dma_func1_alias', devfns: [devfn(slot, 1)] } : undefined;
  }
  if (
    k === key(0x9005, 0x0285) &&
    d.subsystemVendorId === 0x9005 &&
    (d.subsystemDeviceId === 0x02bb || d.subsystemDeviceId === 0x02bc)
  ) {
    // Adaptec 3405/3805: a hidden DMA engine at 01.0 behind the exposed bridge function.
    return { quirk: 'quirk_fixed_dma_alias', devfns: [devfn(1, 0)] };
  }
  if (k === key(0x8086, 0x2260) || k === key(0x8086, 0x2264)) {
    return { quirk: 'quirk_mic_x200_dma_alias', devfns: [devfn(0x10, 0), devfn(0x11, 0), devfn(0x12, 3)] };
  }
  if (VCA.has(k)) {
    const all: number[] = [];
    for (let s = 0; s < 32; s++) for (let f = 0; f < 5; f++) all.push(devfn(s, f));
    return { quirk: 'quirk_pex_vca_alias', devfns: all };
  }
  if (PCIE_BRIDGE_ALIAS.has(k)) {
    const parent = topo.parent(d);
    if (
      parent?.pcie &&
      d.headerType === 1 &&
      !d.pcie &&
      parent.pcie.portType !== 'pcie-to-pci-bridge' &&
      !topo.onRootBus(d)
    ) {
      return { quirk: 'quirk_use_pcie_bridge_dma_alias', devfns: [], pcieBridgeAlias: true };
    }
    return undefined;
  }
  if (k === key(0x1a03, 0x1150))
    return { quirk: 'quirk_aspeed_pci_bridge_no_alias', devfns: [], noAlias: true };
  if (k === key(0x14e4, 0x9000) || k === key(0x14e4, 0x9084)) {
    return { quirk: 'quirk_bridge_cavm_thrx2_pcie_root', devfns: [], xlateRoot: true };
  }
  return undefined;
}

/** One step of pci_for_each_dma_alias: the device whose ID is used and the requester ID. */
export interface AliasStep {
  device: PciDevice;
  /** bus << 8 | devfn. */
  requesterId: number;
  /** Why this ID: 'self', 'quirk', 'pcie-to-pci-bridge', 'pci-bridge'. */
  kind: 'self' | 'quirk' | 'pcie-to-pci-bridge' | 'pci-bridge';
}

const rid = (bus: number, df: number) => ((bus & 0xff) << 8) | (df & 0xff);

/** pci_for_each_dma_alias(): every requester ID the IOMMU may see for this device's DMA, in order. */
export function dmaAliasWalk(
  d: PciDevice,
  topo: Topology,
  quirks: (x: PciDevice) => DmaAliasQuirk | undefined,
) {
  const steps: AliasStep[] = [
    { device: d, requesterId: rid(d.addr.bus, (d.addr.device << 3) | d.addr.fn), kind: 'self' },
  ];
  for (const a of quirks(d)?.devfns ?? [])
    steps.push({ device: d, requesterId: rid(d.addr.bus, a), kind: 'quirk' });
  let cur = d;
  while (!topo.onRootBus(cur)) {
    const bridge = topo.parent(cur);
    if (!bridge) break;
    cur = bridge;
    const q = quirks(bridge);
    if (q?.xlateRoot) break;
    if (bridge.pcie) {
      const t = bridge.pcie.portType;
      if (t === 'pcie-to-pci-bridge') {
        if (q?.noAlias) continue;
        steps.push({
          device: bridge,
          requesterId: rid(topo.secondaryBus(bridge) ?? 0, 0),
          kind: 'pcie-to-pci-bridge',
        });
      } else if (t === 'pci-to-pcie-bridge') {
        steps.push({
          device: bridge,
          requesterId: rid(bridge.addr.bus, (bridge.addr.device << 3) | bridge.addr.fn),
          kind: 'pci-bridge',
        });
      }
      // Root ports and switch ports forward the requester ID unchanged.
    } else if (q?.pcieBridgeAlias) {
      steps.push({
        device: bridge,
        requesterId: rid(topo.secondaryBus(bridge) ?? 0, 0),
        kind: 'pcie-to-pci-bridge',
      });
    } else {
      steps.push({
        device: bridge,
        requesterId: rid(bridge.addr.bus, (bridge.addr.device << 3) | bridge.addr.fn),
        kind: 'pci-bridge',
      });
    }
  }
  return steps;
}

export const formatRequesterId = (r: number) =>
  `${((r >> 8) & 0xff).toString(16).padStart(2, '0')}:${((r >> 3) & 0x1f).toString(16).padStart(2, '0')}.${r & 7}`;
