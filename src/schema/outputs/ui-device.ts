import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { deviceDocJson } from './device.js';
import { explainJson } from './explain.js';
import { romDumpJson } from './rom-dump.js';

/** A part of the answer that failed on its own, as the API words any error. */
export const uiErrorJson = v.strictObject({
  error: field(
    v.strictObject({
      message: field(v.string(), 'one line'),
      hint: v.optional(field(v.string(), 'what to do about it')),
      code: field(v.string(), 'a short machine-readable kind, e.g. "iommu.off"'),
    }),
    'why this part is missing',
  ),
});

export const uiDeviceJson = v.strictObject({
  schema: schemaId('vfiokit.ui-device/1'),
  device: field(deviceDocJson, 'what `vfiokit device BDF --json` prints'),
  explain: field(
    v.union([explainJson, uiErrorJson]),
    'what `vfiokit explain BDF --json` prints, or why it could not be told',
  ),
  rom: field(
    v.nullable(v.union([romDumpJson, uiErrorJson])),
    "a snapshot's copy of the device's option ROM decoded as `vfiokit rom dump` does; null on the live host (reading a ROM enables its BAR, which a page load never does) and for devices without a ROM BAR",
  ),
});

export default defineOutput({
  id: 'vfiokit.ui-device/1',
  title: "one device's details for the dashboard (GET /api/device/BDF)",
  producedBy: ['vfiokit ui: GET /api/device/BDF'],
  schema: uiDeviceJson,
});
