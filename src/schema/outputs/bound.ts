import * as v from 'valibot';
import { idPair, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const boundDeviceJson = v.strictObject({
  address: pciAddress,
  id: idPair('IDs'),
  driver: field(v.nullable(v.string()), 'the driver before bind (null: none)'),
  override: field(v.nullable(v.string()), 'driver_override before bind (null: not set)'),
  why: field(v.string(), 'why bind took it (named, or a member of the same IOMMU group)'),
});

export const boundSetJson = v.strictObject({
  targets: field(v.array(v.string()), 'what was asked for (addresses, IDs, --group N, --gpu)'),
  group: v.optional(field(v.number(), 'the IOMMU group bound')),
  devices: field(v.array(boundDeviceJson), 'the devices bound together, released together'),
});

export const boundRecordJson = v.strictObject({
  schema: schemaId('vfiokit.bound/1'),
  sets: field(v.array(boundSetJson), 'one per vfiokit bind still in effect'),
});
export type BoundRecordJson = v.InferOutput<typeof boundRecordJson>;

export default defineOutput({
  id: 'vfiokit.bound/1',
  title: 'what bind put on vfio-pci, with the drivers to give back (until reboot)',
  producedBy: ['the file /run/vfiokit/bound.json'],
  schema: boundRecordJson,
});
