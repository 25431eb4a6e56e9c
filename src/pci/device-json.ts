/**
 * The stable JSON form of a PciDevice (schemas vfiokit.devices/1 and vfiokit.device/1, documented
 * in docs/pci.md). IDs, class and offsets are lower-case hex strings without 0x, as lspci -n
 * prints them, so the two can be compared directly.
 */

import type { CapabilityJson, DeviceJson } from '../schema/pci-device.js';
import { hex } from './config-view.js';
import type { Capability, PciDevice } from './types.js';

// The types come from the schema definition (docs/json.md#devices).
export type { CapabilityJson, DeviceJson };

export function capabilityJson(c: Capability, withDetails: boolean): CapabilityJson {
  const j: CapabilityJson = {
    id: hex(c.id, c.extended ? 4 : 2),
    offset: hex(c.offset, c.extended ? 3 : 2),
    extended: c.extended,
    name: c.name,
  };
  if (c.version !== undefined) j.version = c.version;
  if (withDetails && c.details) j.details = c.details;
  return j;
}

export function deviceJson(d: PciDevice, opts: { details?: boolean } = {}): DeviceJson {
  const j: DeviceJson = {
    address: d.address,
    vendor: hex(d.vendorId, 4),
    device: hex(d.deviceId, 4),
    class: hex(d.classCode, 6),
    // Records of a full scan (the only ones printed here) always say.
    hasRom: d.hasRom === true,
    upstream: d.upstream,
    sysfsPath: d.sysfsPath,
    capabilities: d.capabilities.map((c) => capabilityJson(c, Boolean(opts.details))),
  };
  if (d.subsystemVendorId !== undefined) j.subsystemVendor = hex(d.subsystemVendorId, 4);
  if (d.subsystemDeviceId !== undefined) j.subsystemDevice = hex(d.subsystemDeviceId, 4);
  if (d.revision !== undefined) j.revision = hex(d.revision, 2);
  if (d.names && Object.keys(d.names).length) j.names = d.names;
  if (d.headerType !== undefined) j.headerType = d.headerType;
  if (d.multifunction !== undefined) j.multifunction = d.multifunction;
  if (d.driver !== undefined) j.driver = d.driver;
  if (d.driverOverride !== undefined) j.driverOverride = d.driverOverride;
  if (d.iommuGroup !== undefined) j.iommuGroup = d.iommuGroup;
  if (d.bootVga !== undefined) j.bootVga = d.bootVga;
  if (d.resetMethods !== undefined) j.resetMethods = d.resetMethods;
  if (d.numaNode !== undefined) j.numaNode = d.numaNode;
  if (d.link !== undefined) j.link = d.link;
  if (d.sriov !== undefined) j.sriov = d.sriov;
  if (d.physfn !== undefined) j.physfn = d.physfn;
  if (d.bridge !== undefined) j.bridge = d.bridge;
  if (d.config) {
    j.config = { size: d.config.size ?? d.config.bytes.length, truncated: d.config.truncated };
    if (d.config.unknown) j.config.unknown = d.config.unknown;
  }
  if (d.pcie !== undefined) j.pcie = d.pcie;
  if (d.acs !== undefined) j.acs = d.acs;
  if (d.unknownFacts) j.unknownFacts = d.unknownFacts;
  return j;
}
