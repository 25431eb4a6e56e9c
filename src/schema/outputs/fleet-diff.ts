import * as v from 'valibot';
import { classCode, idPair, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const assignVerdict = v.picklist(['assignable', 'not-assignable', 'unknown']);

const driftDevice = v.strictObject({
  address: pciAddress,
  vendorDevice: idPair('IDs'),
  subsystem: v.optional(idPair('subsystem IDs')),
  class: classCode(),
  driver: v.optional(v.string()),
  group: v.optional(v.number()),
  position: field(
    v.string(),
    'chain of device.function numbers from the root bus, e.g. "pci0000:00/01.0/00.0"',
  ),
  serial: v.optional(field(v.string(), 'PCIe Device Serial Number, when the snapshot kept it')),
});

export const fleetDiffJson = v.strictObject({
  schema: schemaId('vfiokit.fleet-diff/2'),
  old: field(v.string(), 'the older snapshot'),
  new: field(v.string(), 'the newer snapshot'),
  host: field(v.array(v.string()), 'host-level changes: kernel, IOMMU, interrupt remapping'),
  added: v.array(driftDevice),
  removed: v.array(driftDevice),
  moved: field(
    v.array(
      v.strictObject({
        from: v.string(),
        to: v.string(),
        vendorDevice: idPair('IDs'),
        subsystem: v.optional(idPair('subsystem IDs')),
        matchedBy: field(
          v.picklist(['serial', 'position', 'unique']),
          'how it was recognised: serial number, position below the root bus, or the only one of its kind',
        ),
      }),
    ),
    'devices at a new address',
  ),
  groupsChanged: field(
    v.array(
      v.strictObject({
        address: v.string(),
        oldGroup: v.optional(v.number()),
        newGroup: v.optional(v.number()),
        before: v.array(v.string()),
        after: v.array(v.string()),
      }),
    ),
    'devices (by new address) whose group holds other devices than before',
  ),
  driversChanged: v.array(
    v.strictObject({ address: v.string(), old: v.optional(v.string()), new: v.optional(v.string()) }),
  ),
  verdictsChanged: v.array(
    v.strictObject({
      address: v.string(),
      vendorDevice: idPair('IDs'),
      old: assignVerdict,
      new: assignVerdict,
      reasons: v.array(v.string()),
    }),
  ),
});
export type FleetDiffJson = v.InferOutput<typeof fleetDiffJson>;

export default defineOutput({
  id: 'vfiokit.fleet-diff/2',
  title: 'what changed on one host between two snapshots',
  producedBy: ['vfiokit fleet --diff OLD NEW --json'],
  changes: 'fleet-diff/2 (was /1): a device\'s `class` is the 6-digit class code ("030200", was "0302").',
  schema: fleetDiffJson,
});
