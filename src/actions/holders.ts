/**
 * Is a device in use? Its users are the processes holding its device nodes open:
 * - /dev/vfio/N of its IOMMU group while it is on vfio-pci (a running VM: unbinding vfio-pci then
 *   waits until the VM lets go, "blocked until device is released", drivers/vfio/vfio_main.c);
 * - /dev/dri/cardN and renderDN of a GPU on a DRM driver (Xorg, a compositor, a render job): the
 *   names are the entries of the device's drm/ directory in sysfs;
 * - /dev/nvidiaN of a GPU on nvidia (the minor from /proc/driver/nvidia/gpus/ADDR/information),
 *   and the nodes every nvidia GPU shares (nvidiactl, nvidia-modeset, nvidia-uvm): CUDA jobs;
 * - /dev/snd/*CN* of the sound card an HDMI audio function registered (its sound/cardN entry).
 * The reading is fd-holders.ts (access layer); this module decides which nodes belong to a device.
 */
import { scanFdHolders } from '../host/fd-holders.js';
import type { HostRoot } from '../host/root.js';
import type { PciDevice } from '../pci/types.js';
import type { HolderReport } from './bind.js';

const NVIDIA_SHARED = ['/dev/nvidiactl', '/dev/nvidia-modeset', '/dev/nvidia-uvm', '/dev/nvidia-uvm-tools'];

/** The device nodes through which a process uses this device. */
export function deviceNodes(root: HostRoot, d: PciDevice): { exact: string[]; patterns: RegExp[] } {
  const exact: string[] = [];
  const patterns: RegExp[] = [];
  const dev = `/sys/bus/pci/devices/${d.address}`;
  if (d.driver === 'vfio-pci' && d.iommuGroup !== undefined) exact.push(`/dev/vfio/${d.iommuGroup}`);
  for (const n of root.list(`${dev}/drm`)) if (/^(card|renderD)\d+$/.test(n)) exact.push(`/dev/dri/${n}`);
  if (d.driver === 'nvidia') {
    const info = root.readText(`/proc/driver/nvidia/gpus/${d.address}/information`, 64 * 1024);
    const minor = info && /^Device Minor:\s*(\d+)/m.exec(info)?.[1];
    if (minor) exact.push(`/dev/nvidia${minor}`);
    else patterns.push(/^\/dev\/nvidia\d+$/);
    exact.push(...NVIDIA_SHARED);
  }
  for (const n of root.list(`${dev}/sound`)) {
    const m = /^card(\d+)$/.exec(n);
    if (m) patterns.push(new RegExp(`^/dev/snd/(controlC|pcmC|hwC|midiC)${m[1]}(D\\d+[pc]?)?$`));
  }
  return { exact, patterns };
}

/** Which of these devices are in use, and by whom. */
export function findHolders(root: HostRoot, devices: PciDevice[]): HolderReport {
  const nodes = devices.map((d) => ({ d, ...deviceNodes(root, d) }));
  const all = new Set(nodes.flatMap((n) => n.exact));
  const patterns = nodes.flatMap((n) => n.patterns);
  if (!all.size && !patterns.length) return { busy: [] };
  const scan = scanFdHolders(root, (p) => all.has(p) || patterns.some((r) => r.test(p)));
  const busy: HolderReport['busy'] = [];
  for (const n of nodes) {
    const mine = scan.holders.filter(
      (h) => n.exact.includes(h.path) || n.patterns.some((r) => r.test(h.path)),
    );
    if (!mine.length) continue;
    busy.push({
      address: n.d.address,
      line: `${n.d.address}: ${mine.map((h) => `${h.path} held by ${h.comm} (pid ${h.pid})`).join(', ')}`,
    });
  }
  const unknown = [
    scan.unreadable
      ? `${scan.unreadable} process${scan.unreadable > 1 ? 'es' : ''} could not be inspected (run as root)`
      : '',
    scan.cut ? 'too many processes or descriptors to look at all' : '',
  ]
    .filter(Boolean)
    .join('; ');
  return unknown ? { busy, unknown } : { busy };
}
