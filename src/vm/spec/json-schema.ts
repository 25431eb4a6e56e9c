/**
 * The JSON Schema of the VM spec, generated from the valibot definition (schema.ts) so the
 * published file (docs/schema/vm-spec.json, for editors' YAML completion) cannot drift from what
 * vfiokit accepts. Rules that tie fields together (parse-spec.ts checkMeaning) are not expressible
 * here and are listed in docs/vm.md.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { VmSpecSchema } from './schema.js';

export const VM_SPEC_SCHEMA_ID = 'https://github.com/vfiokit/vfiokit/blob/main/docs/schema/vm-spec.json';

export function vmSpecJsonSchema(): Record<string, unknown> {
  const s = toJsonSchema(VmSpecSchema, { errorMode: 'throw', target: 'draft-07' }) as Record<string, unknown>;
  return { $id: VM_SPEC_SCHEMA_ID, ...s };
}

/** The file's text: two-space JSON and a final newline. */
export function vmSpecJsonSchemaText(): string {
  return `${JSON.stringify(vmSpecJsonSchema(), null, 2)}\n`;
}
