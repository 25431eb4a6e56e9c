import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';

export const uiInfoJson = v.strictObject({
  schema: schemaId('vfiokit.ui-info/1'),
  version: field(v.string(), 'the vfiokit version serving the dashboard'),
  roots: field(
    v.array(
      v.strictObject({
        id: field(v.string(), 'what the other API calls take as ?root='),
        label: field(v.string(), 'what the page shows: "this host", the snapshot path, or a demo snapshot'),
        live: field(v.boolean(), 'the live host ("/"), not a snapshot'),
      }),
    ),
    'the roots served: the live host, the --root snapshot, or the --demo lab snapshots',
  ),
  readOnly: field(
    v.nullable(v.string()),
    'why binding and restore are refused (not root, a snapshot); null when the dashboard may bind',
  ),
});
export type UiInfoJson = v.InferOutput<typeof uiInfoJson>;

export default defineOutput({
  id: 'vfiokit.ui-info/1',
  title: 'what the dashboard serves (GET /api/info)',
  producedBy: ['vfiokit ui: GET /api/info'],
  schema: uiInfoJson,
});
