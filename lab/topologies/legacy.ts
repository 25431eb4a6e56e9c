import type { LabTopology } from '../topology.js';

/**
 * Conventional PCI behind a PCIe-to-PCI bridge. Transactions from conventional devices reach the
 * IOMMU with the bridge's requester ID, so the kernel puts the bridge and everything behind it in
 * one group: handing over one device is not enough.
 */
export const legacy: LabTopology = {
  name: 'legacy',
  summary: 'pcie-pci-bridge on a root port with an rtl8139 NIC and the QEMU edu device behind it',
  devices: [
    { id: 'rp-br', model: 'pcie-root-port' },
    { id: 'bridge', model: 'pcie-pci-bridge', bus: 'rp-br' },
    { id: 'rtl', model: 'rtl8139', bus: 'bridge', netdev: true },
    { id: 'edu', model: 'edu', bus: 'bridge' },
  ],
  expectGroups: [['rp-br'], ['bridge', 'rtl', 'edu']],
  scenarios: [
    { name: 'one-of-two-behind-bridge', bind: ['edu'], expectViable: { edu: false } },
    { name: 'both-behind-bridge', bind: ['rtl'], expectViable: { edu: true, rtl: true } },
  ],
};
