import type { LabTopology } from '../topology.js';

/**
 * Root ports without ACS. QEMU 7.2's pcie-root-port has a `disable-acs` property
 * (`qemu-system-x86_64 -device pcie-root-port,help`) that leaves its ACS capability out. Three
 * such ports as functions of one multifunction slot, as libvirt lays out root ports, cannot keep
 * peer-to-peer traffic apart, so the kernel merges the ports and every endpoint below them into
 * a single group. A fourth ACS-less port alone in its slot only takes its own endpoint along.
 * QEMU's ioh3420 root port (the older libvirt default) has no ACS capability at all, measured in
 * the lab even without disable-acs (lspci -vvv lists none), so it behaves like the fourth port.
 * The edu device has no driver in the kernel, which does not block viability.
 */
export const noacs: LabTopology = {
  name: 'noacs',
  summary: 'multifunction root ports with disable-acs=on: NIC, NVMe and edu end up in one group',
  devices: [
    { id: 'rp-a', model: 'pcie-root-port', slot: 3, fn: 0, props: { 'disable-acs': true } },
    { id: 'rp-b', model: 'pcie-root-port', slot: 3, fn: 1, props: { 'disable-acs': true } },
    { id: 'rp-c', model: 'pcie-root-port', slot: 3, fn: 2, props: { 'disable-acs': true } },
    { id: 'rp-solo', model: 'pcie-root-port', slot: 4, props: { 'disable-acs': true } },
    { id: 'rp-ioh', model: 'ioh3420', slot: 5 },
    { id: 'nic', model: 'e1000e', bus: 'rp-a', netdev: true },
    { id: 'nvme', model: 'nvme', bus: 'rp-b', props: { serial: 'lab0002' } },
    { id: 'edu', model: 'edu', bus: 'rp-c' },
    { id: 'usb', model: 'qemu-xhci', bus: 'rp-solo' },
    { id: 'audio', model: 'ich9-intel-hda', bus: 'rp-ioh' },
  ],
  expectGroups: [
    ['rp-a', 'rp-b', 'rp-c', 'nic', 'nvme', 'edu'],
    ['rp-solo', 'usb'],
    ['rp-ioh', 'audio'],
  ],
  scenarios: [
    { name: 'nic-only', bind: ['nic'], expectViable: { nic: false } },
    { name: 'nic-and-nvme', bind: ['nvme'], expectViable: { nic: true } },
    { name: 'usb-behind-solo-port', bind: ['usb'], expectViable: { usb: true } },
    { name: 'audio-behind-ioh3420', bind: ['audio'], expectViable: { audio: true } },
  ],
};
