import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';

export const exportNfdJson = v.strictObject({
  schema: schemaId('vfiokit.export-nfd/1'),
  root: field(v.string(), 'the root read'),
  expiry: v.optional(field(v.string(), 'with --ttl: when the labels expire (RFC 3339)')),
  labels: field(
    v.record(v.string(), v.string()),
    'NFD feature labels (name → value) as the feature file holds them; names are data, not schema fields (docs/fleet.md lists them)',
  ),
});
export type ExportNfdJson = v.InferOutput<typeof exportNfdJson>;

export default defineOutput({
  id: 'vfiokit.export-nfd/1',
  title: 'Node Feature Discovery labels for this host',
  producedBy: ['vfiokit export nfd --json'],
  schema: exportNfdJson,
});
