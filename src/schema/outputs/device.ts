import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { deviceJson } from '../pci-device.js';

export const deviceDocJson = v.strictObject({
  schema: schemaId('vfiokit.device/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  device: field(deviceJson, 'the function, with every capability decoded (details)'),
});
export type DeviceDocJson = v.InferOutput<typeof deviceDocJson>;

export default defineOutput({
  id: 'vfiokit.device/1',
  title: 'one PCI function in full',
  producedBy: ['vfiokit device BDF --json'],
  schema: deviceDocJson,
});
