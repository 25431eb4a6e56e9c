import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';

const pages = (meaning: string) => field(v.pipe(v.number(), v.integer(), v.minValue(0)), meaning);

export const hugepagesRecordJson = v.strictObject({
  schema: schemaId('vfiokit.hugepages-record/1'),
  name: field(v.string(), "the VM's name from the spec"),
  pageSizeKb: pages('page size in KiB'),
  pages: pages('pages the guest needs'),
  raise: field(
    v.strictObject({
      path: field(v.string(), 'the nr_hugepages file written'),
      before: pages('its value before the first raise'),
      surplusBefore: pages('surplus pages before the first raise'),
      to: pages('the value last written'),
      added: v.optional(
        pages(
          "pages the raises for this VM added, together: what giving them back takes off the pool's count then, never below the pages in use or reserved (absent: to − before)",
        ),
      ),
    }),
    'the raise to give back',
  ),
});
export type HugepagesRecordJson = v.InferOutput<typeof hugepagesRecordJson>;

export default defineOutput({
  id: 'vfiokit.hugepages-record/1',
  title: 'what `vfiokit hugepages SPEC` raised, kept until `--release` gives it back (until reboot)',
  producedBy: ['the file /run/vfiokit/hugepages-NAME.json'],
  schema: hugepagesRecordJson,
});
