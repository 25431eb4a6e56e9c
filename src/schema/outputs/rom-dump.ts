import * as v from 'valibot';
import { count, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { parsedRomEntries } from '../rom.js';

export const romDumpJson = v.strictObject({
  schema: schemaId('vfiokit.rom.dump/2'),
  device: pciAddress,
  source: field(v.string(), 'the sysfs rom file read'),
  toggledRomBar: field(v.boolean(), 'the ROM BAR was enabled for the read and disabled again (live host)'),
  bytesRead: count('bytes read (the BAR size, not the image size)'),
  barSize: field(v.nullable(v.number()), 'the ROM BAR size, or null when unknown'),
  output: field(v.string(), 'the file written'),
  extent: field(
    v.nullable(v.strictObject({ start: v.number(), end: v.number() })),
    'where the images lie in what was read; null when there are none',
  ),
  ...parsedRomEntries,
});
export type RomDumpJson = v.InferOutput<typeof romDumpJson>;

export default defineOutput({
  id: 'vfiokit.rom.dump/2',
  title: "a device's option ROM read from sysfs, decoded",
  producedBy: ['vfiokit rom dump BDF -o FILE --json'],
  changes: 'rom.dump/2 (was /1): the decoded `rom` carries IDs as hex strings, as rom.parse/3 does.',
  schema: romDumpJson,
});
