import * as v from 'valibot';
import { defineOutput, field, schemaId } from '../define.js';
import { deviceJson } from '../pci-device.js';
import { groupDeviceJson, groupEntryJson, groupsJson } from './groups.js';
import { uiErrorJson } from './ui-device.js';

/**
 * The topology page's picture in one answer: the fields it draws, picked from the devices and
 * groups documents the server keeps (a 4,096-function host's devices document is 7 MB; this is
 * about a tenth of both together), so the page moves and parses what it draws, not every decoded
 * capability.
 */
export const uiTopologyJson = v.strictObject({
  schema: schemaId('vfiokit.ui-topology/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  devices: field(
    v.array(
      v.pick(deviceJson, [
        'address',
        'vendor',
        'device',
        'class',
        'names',
        'driver',
        'iommuGroup',
        'sysfsPath',
      ]),
    ),
    'every PCI function as `vfiokit devices --json` prints it, with only these fields',
  ),
  groups: field(
    v.union([
      v.strictObject({
        source: groupsJson.entries.source,
        groups: field(
          v.array(
            v.strictObject({
              ...v.pick(groupEntryJson, ['id', 'verdict', 'viable']).entries,
              devices: field(
                v.array(v.pick(groupDeviceJson, ['address', 'hostCritical'])),
                'the PCI functions in the group',
              ),
            }),
          ),
          'the groups of `vfiokit groups --json`, with only these fields',
        ),
      }),
      uiErrorJson,
    ]),
    "the kernel's groups as `vfiokit groups --json` tells them, or why they could not be told (iommu.off: the page then asks for /api/groups?simulate=1)",
  ),
});
export type UiTopologyJson = v.InferOutput<typeof uiTopologyJson>;

export default defineOutput({
  id: 'vfiokit.ui-topology/1',
  title: "the topology page's picture: devices and groups, the fields drawn (GET /api/topology)",
  producedBy: ['vfiokit ui: GET /api/topology'],
  schema: uiTopologyJson,
});
