import * as v from 'valibot';
import { count, idPair } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const romFixJson = v.strictObject({
  schema: schemaId('vfiokit.rom.fix/1'),
  input: field(v.string(), 'the ROM file read'),
  output: field(v.string(), 'the file written (the input itself with --in-place)'),
  backup: field(v.nullable(v.string()), 'with --in-place: where the original was kept; else null'),
  inputSize: count('bytes read'),
  outputSize: count('bytes written'),
  changes: field(
    v.array(
      v.variant('kind', [
        v.strictObject({
          kind: field(v.literal('strip-header'), 'a vendor header before the first image was removed'),
          bytes: count('bytes removed'),
          message: v.string(),
        }),
        v.strictObject({
          kind: field(v.literal('ids'), 'the PCIR IDs of an image were set'),
          image: v.number(),
          from: idPair('the IDs before'),
          to: idPair('the IDs after'),
          message: v.string(),
        }),
        v.strictObject({
          kind: field(v.literal('checksum'), "a legacy image's checksum byte was adjusted"),
          image: v.number(),
          offset: v.number(),
          from: v.number(),
          to: v.number(),
          message: v.string(),
        }),
      ]),
    ),
    'what was changed, in order',
  ),
  notes: field(v.array(v.string()), 'things left alone on purpose (EFI sums, truncated images)'),
});
export type RomFixJson = v.InferOutput<typeof romFixJson>;

export default defineOutput({
  id: 'vfiokit.rom.fix/1',
  title: 'a ROM repaired',
  producedBy: ['vfiokit rom fix FILE -o OUT --json'],
  schema: romFixJson,
});
