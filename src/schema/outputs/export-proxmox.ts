import * as v from 'valibot';
import { idPair } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const exportProxmoxJson = v.strictObject({
  schema: schemaId('vfiokit.export-proxmox/1'),
  mappings: field(
    v.array(
      v.strictObject({
        id: field(v.string(), 'the mapping name'),
        description: v.string(),
        maps: field(
          v.array(
            v.strictObject({
              node: field(v.string(), 'Proxmox node name'),
              path: field(v.string(), 'PCI address'),
              id: idPair('IDs'),
              subsystemId: v.optional(idPair('subsystem IDs')),
              iommugroup: v.optional(v.number()),
            }),
          ),
          'one per assignable device, as pci.cfg map= entries',
        ),
      }),
    ),
    'Proxmox resource mappings (/etc/pve/mapping/pci.cfg), one per device model',
  ),
  warnings: field(v.array(v.string()), 'devices left out, and why'),
});
export type ExportProxmoxJson = v.InferOutput<typeof exportProxmoxJson>;

export default defineOutput({
  id: 'vfiokit.export-proxmox/1',
  title: 'Proxmox PCI resource mappings for a fleet',
  producedBy: ['vfiokit export proxmox SNAPSHOT... --json'],
  schema: exportProxmoxJson,
});
