import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { parsedRomJson } from '../rom.js';

export const romParseJson = v.strictObject({
  schema: schemaId('vfiokit.rom.parse/3'),
  roms: field(v.array(parsedRomJson), 'one per file, in the order given'),
});
export type RomParseJson = v.InferOutput<typeof romParseJson>;

export default defineOutput({
  id: 'vfiokit.rom.parse/3',
  title: 'option ROM files decoded',
  producedBy: ['vfiokit rom parse FILE... --json'],
  changes:
    'rom.parse/3 (was /2): PCIR `vendorId`, `deviceId`, `classCode` and `pci30.deviceList` are hex strings ("10de", "030000"), as in every other document (were numbers). rom.parse/2 (was /1): verdict.uefi is yes, no or unknown; uefiBoot stays and is true only for yes.',
  schema: romParseJson,
});
