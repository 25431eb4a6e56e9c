/** A device's BARs read from sysfs `resource`; parsed by the model (system/pci-resources.ts). */
import { type Bar, parseResourceFile } from '../system/pci-resources.js';
import type { HostRoot } from './root.js';

/** No resource file (or an unreadable one) gives no BARs: the checks that need them say unknown. */
export function readBars(root: HostRoot, address: string): Bar[] {
  try {
    const t = root.readText(`/sys/bus/pci/devices/${address}/resource`);
    return t ? parseResourceFile(t) : [];
  } catch {
    return [];
  }
}
