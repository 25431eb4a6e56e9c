/**
 * A device's vendor and device ID attributes, and nothing else: what `rom dump` and
 * `rom parse --for` check a ROM against. The kernel writes them as it read the ID registers at
 * enumeration (drivers/pci/pci-sysfs.c vendor_show/device_show, "0x%04x"); a VF's come from its
 * PF's SR-IOV capability, so the attributes, not config space, are the identity to compare.
 */
import { PCI_DEVICES_DIR } from './pci-sysfs.js';
import type { HostRoot } from './root.js';

export interface PciIdentityText {
  vendor: string;
  device: string;
}

/** The two attributes as read (trimmed), or undefined when either is absent. */
export function readPciIdentity(root: HostRoot, address: string): PciIdentityText | undefined {
  const dir = `${PCI_DEVICES_DIR}/${address}`;
  const vendor = root.readAttr(`${dir}/vendor`);
  const device = root.readAttr(`${dir}/device`);
  return vendor === undefined || device === undefined ? undefined : { vendor, device };
}
