import * as v from 'valibot';
import { VmSpecSchema } from '../../vm/spec/schema.js';
import { lines } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const vmInitJson = v.strictObject({
  schema: schemaId('vfiokit.vm-init/1'),
  // The spec's own definition (src/vm/spec/schema.ts), so a document whose spec the spec parser
  // would refuse does not validate either.
  spec: field(
    VmSpecSchema,
    'the starting spec for this host, as the YAML holds it; its fields are the VM spec (docs/vm.md, docs/schema/vm-spec.json)',
  ),
  reasons: lines(
    'why each value was chosen (the GPU and the devices passed over, memory, CPUs), one line each; the YAML has them as its header comments',
  ),
  yaml: field(
    v.string(),
    'the spec file text: the header comments and the spec; what -o writes, and what the plain output prints',
  ),
  file: v.optional(field(v.string(), 'only with -o: the file written (never an existing one)')),
});
export type VmInitJson = v.InferOutput<typeof vmInitJson>;

export default defineOutput({
  id: 'vfiokit.vm-init/1',
  title: 'a starting VM spec for this host, with the reason for each value (docs/vm.md)',
  producedBy: ['vfiokit vm init --json', 'vfiokit vm init -o FILE --json'],
  schema: vmInitJson,
});
