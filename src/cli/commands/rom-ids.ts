/** Device identity for `--device VVVV:DDDD` and `--for BDF` (read through the HostRoot). */
import { EnvironmentError, quoteInput, UsageError } from '../../errors.js';
import { readPciIdentity } from '../../host/pci-identity.js';
import { readPciDevice } from '../../host/pci-sysfs.js';
import type { HostRoot } from '../../host/root.js';
import { romReadRisk } from '../../iommu/viability.js';
import { formatPciAddress, parsePciAddress } from '../../pci/address.js';
import type { DeviceId } from '../../rom/verdict.js';

export function parseHexId(s: string, what: string): number {
  const t = s.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{1,4}$/.test(t)) {
    throw new UsageError(`${quoteInput(s)} is not a ${what} ID`, {
      hint: 'give four hex digits, e.g. 10de',
      code: 'rom.bad-id',
    });
  }
  return parseInt(t, 16);
}

export function parseDeviceId(s: string): DeviceId {
  const m = /^([^:]+):([^:]+)$/.exec(s.trim());
  if (!m) {
    throw new UsageError(`${quoteInput(s)} is not a vendor:device pair`, {
      hint: 'use the form 10de:1280',
      code: 'rom.bad-id',
    });
  }
  return { vendor: parseHexId(m[1], 'vendor'), device: parseHexId(m[2], 'device') };
}

/**
 * Refuses a ROM read on a live host that could cut a host driver off its device (romReadRisk)
 * unless --force: before anything is enabled or written.
 */
export function refuseRiskyRomRead(
  root: HostRoot,
  bdf: string,
  force: boolean | undefined,
  hint: string,
): void {
  const risk = root.live && !force ? romReadRisk(readPciDevice(root, bdf)) : undefined;
  if (risk) throw new UsageError(`${risk}; not reading it`, { hint, code: 'rom.host-critical' });
}

/**
 * Vendor and device of a PCI device under the root, read by the host layer
 * (host/pci-identity.ts); parsed here so that a malformed attribute is the same usage error as a
 * malformed --device.
 */
export function readDeviceId(root: HostRoot, bdfArg: string): { bdf: string; id: DeviceId } {
  const bdf = formatPciAddress(parsePciAddress(bdfArg));
  const ids = readPciIdentity(root, bdf);
  if (!ids) {
    throw new EnvironmentError(`no PCI device ${bdf}${root.live ? '' : ` in ${root.name}`}`, {
      hint: 'list devices with `lspci -D`',
      code: 'rom.no-device',
    });
  }
  return { bdf, id: { vendor: parseHexId(ids.vendor, 'vendor'), device: parseHexId(ids.device, 'device') } };
}
