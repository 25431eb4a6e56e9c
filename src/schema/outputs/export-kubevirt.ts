import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';

export const exportKubevirtJson = v.strictObject({
  schema: schemaId('vfiokit.export-kubevirt/1'),
  kubevirt: field(
    v.strictObject({
      apiVersion: v.literal('kubevirt.io/v1'),
      kind: v.literal('KubeVirt'),
      metadata: v.strictObject({ name: v.string(), namespace: v.string() }),
      spec: v.strictObject({
        configuration: v.strictObject({
          permittedHostDevices: v.strictObject({
            pciHostDevices: v.array(
              v.strictObject({
                pciVendorSelector: field(v.string(), 'VENDOR:DEVICE, lowercase hex'),
                resourceName: field(v.string(), 'e.g. "nvidia.com/GP104_GEFORCE_GTX_1080"'),
                externalResourceProvider: v.optional(v.boolean()),
              }),
            ),
          }),
        }),
      }),
    }),
    'the KubeVirt custom resource part to merge (permittedHostDevices), as KubeVirt names its fields',
  ),
  warnings: field(v.array(v.string()), 'models left out, and why'),
});
export type ExportKubevirtJson = v.InferOutput<typeof exportKubevirtJson>;

export default defineOutput({
  id: 'vfiokit.export-kubevirt/1',
  title: 'KubeVirt permittedHostDevices for a fleet',
  producedBy: ['vfiokit export kubevirt SNAPSHOT... --json'],
  schema: exportKubevirtJson,
});
