import * as v from 'valibot';
import { count } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const opregionEntries = {
  length: count('bytes read'),
  sizeKiB: count("the header's size field, in KiB"),
  declaredBytes: count('what that size field means in bytes'),
  version: field(
    v.strictObject({
      major: v.number(),
      minor: v.number(),
      revision: v.number(),
      text: field(v.string(), 'e.g. "2.1.0"'),
    }),
    "the header's OpRegion version",
  ),
  mailboxBits: field(v.number(), "the header's mailbox field (bit N: mailbox N+1 present)"),
  mailboxes: field(
    v.array(
      v.strictObject({
        id: field(v.string(), 'the mailbox: acpi, swsci, asle, vbt, asle-ext, backlight'),
        name: field(v.string(), 'e.g. "Mailbox #4: VBT"'),
        offset: field(v.number(), 'its offset in the region'),
      }),
    ),
    'the mailboxes the header declares',
  ),
  rvda: v.optional(
    field(v.string(), 'RVDA, the extended VBT\'s address (2.0: physical; 2.1+: relative), hex "0x…"'),
  ),
  rvds: v.optional(field(v.number(), "RVDS, the extended VBT's size in bytes")),
  vbt: field(
    v.strictObject({
      location: field(
        v.picklist(['mailbox4', 'extended']),
        'where the VBT was looked for: mailbox #4, or the extended VBT RVDA/RVDS name',
      ),
      offset: v.optional(field(v.number(), 'its offset in the bytes read (absent when outside them)')),
      space: v.optional(field(v.number(), 'bytes available for it there')),
      signature: v.optional(
        field(v.string(), 'the printable part of its 20-byte signature, e.g. "$VBT SKYLAKE"'),
      ),
      version: v.optional(field(v.number(), 'the VBT header version')),
      headerSize: v.optional(field(v.number(), 'the VBT header size')),
      vbtSize: v.optional(field(v.number(), 'the VBT size the header declares')),
      bdbOffset: v.optional(field(v.number(), 'the BDB offset the header declares')),
      bdb: v.optional(
        field(
          v.strictObject({
            signature: v.string(),
            version: v.number(),
            headerSize: v.number(),
            bdbSize: v.number(),
          }),
          'the BIOS data block header',
        ),
      ),
      valid: field(v.boolean(), "the VBT passes i915's checks"),
      problem: v.optional(field(v.string(), "why it is invalid or could not be examined (i915's reasons)")),
    }),
    'the Video BIOS Table',
  ),
  problems: field(
    v.array(v.string()),
    'things worth a warning that did not stop decoding (a region cut short, bits with no meaning)',
  ),
};

export const igdOpregionJson = v.strictObject({
  schema: schemaId('vfiokit.igd.opregion/1'),
  source: field(v.string(), 'where the bytes came from: the file, the debugfs path, or "/dev/mem at 0x…"'),
  ...opregionEntries,
});
export type IgdOpregionJson = v.InferOutput<typeof igdOpregionJson>;

export default defineOutput({
  id: 'vfiokit.igd.opregion/1',
  title: 'an Intel IGD OpRegion decoded: header, mailboxes, the VBT',
  producedBy: ['vfiokit igd opregion FILE --json', 'vfiokit igd opregion --for BDF --json'],
  schema: igdOpregionJson,
});
