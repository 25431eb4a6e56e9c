/** One PCI function as `devices` and `device` print it (the JSON form of the PCI model's record). */
import * as v from 'valibot';
import { classCode, count, deviceNames, pciAddress, pciId } from './common.js';
import { field } from './define.js';

const acsBit = v.strictObject({
  capable: field(v.boolean(), 'the hardware offers the control'),
  enabled: field(v.boolean(), 'the control is switched on'),
});

export const capabilityJson = v.strictObject({
  id: field(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{2}([0-9a-f]{2})?$/)),
    'capability ID, lowercase hex without 0x: 2 digits for standard, 4 for extended capabilities',
  ),
  offset: field(v.pipe(v.string(), v.regex(/^[0-9a-f]{2,3}$/)), 'offset in config space, lowercase hex'),
  extended: field(v.boolean(), 'from the extended list (offset 0x100 and up)'),
  version: v.optional(field(v.number(), 'capability version (extended capabilities)')),
  name: field(v.string(), 'capability name as lspci gives it, e.g. "Access Control Services"'),
  details: v.optional(
    field(
      v.record(v.string(), v.unknown()),
      '`device` only: the decoded registers, keys per decoder; e.g. ACS {capRegister: "0x005f", ctrlRegister, capable: ["SrcValid", ...], enabled}, SR-IOV {vfEnable, totalVfs, numVfs, firstVfOffset, vfStride, vfDeviceId}, Resizable BAR {bars: [{bar, current: "256MB", supported}]}, PM {version, powerState: "D0", noSoftReset}, MSI-X {tableSize, enabled, table: "BAR 3 +0x0", pba}',
    ),
  ),
});

export const deviceJson = v.strictObject({
  address: pciAddress,
  vendor: pciId('vendor ID'),
  device: pciId("device ID (a virtual function's registers read ffff: its sysfs value)"),
  subsystemVendor: v.optional(pciId('subsystem vendor ID')),
  subsystemDevice: v.optional(pciId('subsystem device ID')),
  class: classCode(),
  revision: v.optional(field(v.pipe(v.string(), v.regex(/^[0-9a-f]{2}$/)), 'revision ID, 2 hex digits')),
  names: v.optional(deviceNames),
  headerType: v.optional(field(v.number(), 'config header type: 0 endpoint, 1 PCI-PCI bridge, 2 CardBus')),
  multifunction: v.optional(field(v.boolean(), 'header type bit 7: the slot has several functions')),
  driver: v.optional(
    field(v.string(), 'basename of the driver link; absent when none (or unknown: see unknownFacts)'),
  ),
  driverOverride: v.optional(
    field(v.string(), 'sysfs driver_override; absent when the kernel says "(null)"'),
  ),
  iommuGroup: v.optional(field(v.number(), 'IOMMU group number; absent with the IOMMU off')),
  bootVga: v.optional(
    field(v.boolean(), 'sysfs boot_vga (only VGA-class devices have it): the firmware initialised this GPU'),
  ),
  resetMethods: v.optional(
    field(v.array(v.string()), 'sysfs reset_method, in the kernel order (kernel 5.15 and later)'),
  ),
  numaNode: v.optional(field(v.number(), 'sysfs numa_node; absent for -1')),
  link: v.optional(
    field(
      v.strictObject({
        currentSpeed: v.optional(v.string()),
        currentWidth: v.optional(v.number()),
        maxSpeed: v.optional(v.string()),
        maxWidth: v.optional(v.number()),
      }),
      'PCIe link from sysfs current_link_speed/width, max_link_speed/width',
    ),
  ),
  sriov: v.optional(
    field(
      v.strictObject({ totalVfs: v.number(), numVfs: v.number(), vfs: v.array(v.string()) }),
      'SR-IOV physical function: sriov_totalvfs, sriov_numvfs and its virtual functions',
    ),
  ),
  physfn: v.optional(field(v.string(), 'for a virtual function: the physical function')),
  hasRom: field(v.boolean(), 'a rom attribute exists (expansion ROM BAR)'),
  upstream: field(
    v.array(v.string()),
    'every PCI function on the sysfs path above the device, root first ([] on a root bus); with VMD it starts with the VMD endpoint',
  ),
  sysfsPath: field(v.string(), 'the sysfs device path'),
  bridge: v.optional(
    field(
      v.strictObject({ primaryBus: v.number(), secondaryBus: v.number(), subordinateBus: v.number() }),
      'type 1 headers: bus numbers routed below the bridge',
    ),
  ),
  config: v.optional(
    field(
      v.strictObject({
        size: count('bytes of config space read'),
        truncated: field(v.boolean(), 'fewer bytes were readable than the device has (not root: 64)'),
        unknown: v.optional(field(v.array(v.string()), 'what could not be decoded for lack of bytes')),
      }),
      'config space as read',
    ),
  ),
  pcie: v.optional(
    field(
      v.strictObject({
        offset: v.number(),
        version: v.number(),
        portType: field(
          v.picklist([
            'endpoint',
            'legacy-endpoint',
            'rc-integrated-endpoint',
            'rc-event-collector',
            'root-port',
            'upstream-port',
            'downstream-port',
            'pcie-to-pci-bridge',
            'pci-to-pcie-bridge',
            'unknown',
          ]),
          'PCIe device/port type (capability register bits 7:4)',
        ),
        slotImplemented: v.boolean(),
        flr: field(v.boolean(), 'Function Level Reset (Device Capabilities bit 28)'),
        ariForwarding: v.optional(v.boolean()),
        link: v.optional(
          v.strictObject({
            maxSpeedGTs: v.optional(v.number()),
            maxWidth: v.optional(v.number()),
            speedGTs: v.optional(v.number()),
            width: v.optional(v.number()),
          }),
        ),
      }),
      'PCI Express capability, decoded (offset in bytes)',
    ),
  ),
  acs: v.optional(
    field(
      v.strictObject({
        offset: v.number(),
        capRegister: field(v.number(), 'ACS capability register (u16) as a number'),
        ctrlRegister: field(v.number(), 'ACS control register (u16) as a number'),
        sourceValidation: acsBit,
        translationBlocking: acsBit,
        requestRedirect: acsBit,
        completionRedirect: acsBit,
        upstreamForwarding: acsBit,
        egressControl: acsBit,
        directTranslatedP2P: acsBit,
      }),
      'ACS extended capability (PCIe spec 7.7.8), each control capable/enabled',
    ),
  ),
  capabilities: field(v.array(capabilityJson), 'capabilities in chain order, as lspci lists them'),
  unknownFacts: v.optional(
    field(
      v.array(
        v.strictObject({
          fact: v.picklist(['driver', 'iommu_group', 'config', 'response', 'boot_vga']),
          reason: v.string(),
        }),
      ),
      'facts sysfs could not give or gave implausibly (a driver link flattened into a file, a config file missing or short, config space reading all ones), with the reason; a verdict resting on one is unknown, and an absent driver then does not mean "no driver"',
    ),
  ),
});

export type DeviceJson = v.InferOutput<typeof deviceJson>;
export type CapabilityJson = v.InferOutput<typeof capabilityJson>;
