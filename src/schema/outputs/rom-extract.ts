import * as v from 'valibot';
import { count } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';
import { peJson } from '../rom.js';

const common = {
  schema: schemaId('vfiokit.rom.extract/1'),
  input: field(v.string(), 'the ROM file read'),
  output: field(v.string(), 'the file written'),
  image: count('the image number'),
  offset: count('where the image starts in the input'),
  length: count('bytes written'),
};

export const romExtractJson = v.variant('kind', [
  v.strictObject({
    ...common,
    kind: field(v.literal('image'), 'one image as it is in the ROM (--image N)'),
    codeType: field(v.number(), "the image's PCIR code type"),
  }),
  v.strictObject({
    ...common,
    kind: field(v.literal('efi-driver'), 'the EFI driver, decompressed when compressed (--efi)'),
    compressed: field(v.boolean(), 'it was compressed in the ROM'),
    pe: field(peJson, 'PE/COFF facts of the driver'),
  }),
]);
export type RomExtractJson = v.InferOutput<typeof romExtractJson>;

export default defineOutput({
  id: 'vfiokit.rom.extract/1',
  title: 'one image or EFI driver taken out of a ROM',
  producedBy: [
    'vfiokit rom extract FILE --image N -o OUT --json',
    'vfiokit rom extract FILE --efi -o OUT --json',
  ],
  schema: romExtractJson,
});
