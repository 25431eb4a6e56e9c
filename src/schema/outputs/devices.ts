import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { deviceJson } from '../pci-device.js';

export const devicesJson = v.strictObject({
  schema: schemaId('vfiokit.devices/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  devices: field(v.array(deviceJson), 'every PCI function (after --class/--vendor), in address order'),
});
export type DevicesJson = v.InferOutput<typeof devicesJson>;

export default defineOutput({
  id: 'vfiokit.devices/1',
  title: 'every PCI function',
  producedBy: ['vfiokit devices --json'],
  schema: devicesJson,
});
