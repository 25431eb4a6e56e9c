import type { LabTopology } from '../topology.js';

/**
 * A server with a PCIe switch: x3130 upstream port under a root port, two xio3130 downstream
 * ports, an NVMe drive under one and a USB controller under the other. QEMU's xio3130 downstream
 * ports carry no ACS capability, so each endpoint shares a group with the port above it; the port
 * stays on pcieport, which does not stop the group from being viable.
 */
export const server: LabTopology = {
  name: 'server',
  summary: 'PCIe switch (x3130 upstream + 2 xio3130 downstream ports) with an NVMe and an xHCI controller',
  devices: [
    { id: 'rp-sw', model: 'pcie-root-port' },
    { id: 'sw-up', model: 'x3130-upstream', bus: 'rp-sw' },
    { id: 'sw-down1', model: 'xio3130-downstream', bus: 'sw-up' },
    { id: 'sw-down2', model: 'xio3130-downstream', bus: 'sw-up' },
    { id: 'nvme', model: 'nvme', bus: 'sw-down1', props: { serial: 'lab0001' } },
    { id: 'usb', model: 'qemu-xhci', bus: 'sw-down2' },
  ],
  expectGroups: [['rp-sw'], ['sw-up'], ['sw-down1', 'nvme'], ['sw-down2', 'usb']],
  scenarios: [
    { name: 'nvme-port-on-pcieport', bind: ['nvme'], expectViable: { nvme: true } },
    { name: 'usb', bind: ['usb'], expectViable: { usb: true, nvme: true } },
  ],
};
