import type { LabTopology } from '../topology.js';

/**
 * A desktop passthrough host: a GPU whose VGA function 0 and HDMI-audio function 1 form one
 * multifunction device behind a root port, and an onboard-style NIC on another root port.
 * QEMU's pcie-root-port has an ACS capability, so every port is isolated and the GPU's two
 * functions (no ACS of their own) share one group.
 */
export const desktop: LabTopology = {
  name: 'desktop',
  summary: 'GPU (VGA fn0 + HDA audio fn1) on a root port, e1000e NIC on another root port',
  devices: [
    { id: 'rp-gpu', model: 'pcie-root-port' },
    { id: 'rp-nic', model: 'pcie-root-port' },
    { id: 'gpu', model: 'VGA', bus: 'rp-gpu', fn: 0 },
    { id: 'audio', model: 'ich9-intel-hda', bus: 'rp-gpu', fn: 1 },
    { id: 'nic', model: 'e1000e', bus: 'rp-nic', netdev: true },
  ],
  expectGroups: [['rp-gpu'], ['rp-nic'], ['gpu', 'audio'], ['nic']],
  scenarios: [
    // The classic mistake: only the GPU's VGA function handed over, its audio function still on
    // snd_hda_intel; the kernel refuses the group.
    { name: 'gpu-fn0-only', bind: ['gpu'], expectViable: { gpu: false } },
    { name: 'gpu-fn0-and-fn1', bind: ['audio'], expectViable: { gpu: true, audio: true } },
    { name: 'nic', bind: ['nic'], expectViable: { nic: true, gpu: true } },
  ],
  roms: [{ device: 'nic', file: '/usr/lib/ipxe/qemu/efi-e1000e.rom' }],
};
