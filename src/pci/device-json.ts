/**
 * The stable JSON form of a PciDevice (schemas vfiokit.devices/1 and vfiokit.device/1, documented
 * in docs/pci.md). IDs, class and offsets are lower-case hex strings without 0x, as lspci -n
 * prints them, so the two can be compared directly.
 */
import { hex } from './config-view.js';
import type { Capability, PciDevice } from './types.js';

export interface CapabilityJson {
  id: string;
  offset: string;
  extended: boolean;
  version?: number;
  name: string;
  details?: Record<string, unknown>;
}

export interface DeviceJson {
  address: string;
  vendor: string;
  device: string;
  subsystemVendor?: string;
  subsystemDevice?: string;
  class: string;
  revision?: string;
  names?: PciDevice['names'];
  headerType?: number;
  multifunction?: boolean;
  driver?: string;
  driverOverride?: string;
  iommuGroup?: number;
  bootVga?: boolean;
  resetMethods?: string[];
  numaNode?: number;
  link?: PciDevice['link'];
  sriov?: PciDevice['sriov'];
  physfn?: string;
  hasRom: boolean;
  upstream: string[];
  sysfsPath: string;
  bridge?: PciDevice['bridge'];
  config?: { size: number; truncated: boolean; unknown?: string[] };
  pcie?: PciDevice['pcie'];
  acs?: PciDevice['acs'];
  capabilities: CapabilityJson[];
  /** Facts that could not be read or were implausible, with the reason (a damaged snapshot). */
  unknownFacts?: PciDevice['unknownFacts'];
}

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
    hasRom: d.hasRom,
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
    j.config = { size: d.config.bytes.length, truncated: d.config.truncated };
    if (d.config.unknown) j.config.unknown = d.config.unknown;
  }
  if (d.pcie !== undefined) j.pcie = d.pcie;
  if (d.acs !== undefined) j.acs = d.acs;
  if (d.unknownFacts) j.unknownFacts = d.unknownFacts;
  return j;
}
