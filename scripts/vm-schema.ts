// Writes docs/schema/vm-spec.json from the VM spec's valibot definition (src/vm/spec/schema.ts).
// Run after changing the spec: npx tsx scripts/vm-schema.ts. test/unit/vm-spec-schema.test.ts
// fails while the committed file is not what this writes.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vmSpecJsonSchemaText } from '../src/vm/spec/json-schema.js';

const out = fileURLToPath(new URL('../docs/schema/vm-spec.json', import.meta.url));
fs.writeFileSync(out, vmSpecJsonSchemaText());
console.log(`wrote ${out}`);
