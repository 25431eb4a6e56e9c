import type { LabTopology } from '../topology.js';

/**
 * Two identical e1000e NICs (same vendor, device and subsystem IDs: vfio-pci.ids cannot tell them
 * apart) and an e1000 NIC with IDs of its own, each on its own root port. Used by
 * test/lab/setup-modprobe.test.ts: the modprobe.d file `vfiokit setup` writes must bind the
 * chosen e1000e by address and the e1000 by ID, and leave the other e1000e to its driver.
 */
export const twinNics: LabTopology = {
  name: 'twin-nics',
  summary: 'two identical e1000e NICs and an e1000 NIC, each on its own root port',
  devices: [
    { id: 'rp1', model: 'pcie-root-port' },
    { id: 'rp2', model: 'pcie-root-port' },
    { id: 'rp3', model: 'pcie-root-port' },
    { id: 'nic1', model: 'e1000e', bus: 'rp1', netdev: true },
    { id: 'nic2', model: 'e1000e', bus: 'rp2', netdev: true },
    { id: 'nic3', model: 'e1000', bus: 'rp3', netdev: true },
  ],
  scenarios: [],
};
