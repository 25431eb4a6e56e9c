import * as v from 'valibot';
import { count } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const snapshotManifestEntries = {
  schema: schemaId('vfiokit.snapshot/1'),
  vfiokitVersion: field(v.string(), 'the vfiokit that made the snapshot'),
  createdAt: field(v.string(), 'ISO 8601 time'),
  source: field(v.string(), 'the root captured: "/" for the live host'),
  kernel: v.optional(field(v.string(), 'the kernel release')),
  privileged: field(v.boolean(), 'captured as root (config space beyond 64 bytes needs it)'),
  redacted: field(v.boolean(), 'serials, MAC addresses and the host name were removed'),
  redactions: field(
    v.strictObject({
      macAddresses: count('MAC addresses'),
      serialNumbers: count('serial attributes'),
      deviceSerialCaps: count('PCIe Device Serial Number capabilities'),
      hostNames: count('host names'),
    }),
    'what was redacted, counted',
  ),
  pciDevices: count('PCI devices captured'),
  truncatedConfig: field(v.array(v.string()), 'devices whose config space was readable only in part'),
  kernelMessages: field(
    v.strictObject({ source: v.optional(v.string()), why: v.optional(v.string()) }),
    'where the kernel log came from, or why there is none',
  ),
  files: count('files captured'),
  links: count('symbolic links captured'),
  unreadable: field(
    v.array(v.strictObject({ path: v.string(), why: v.string() })),
    'what could not be read, with the reason',
  ),
  roms: v.optional(
    field(
      v.array(
        v.strictObject({
          device: v.string(),
          bytes: v.optional(field(v.number(), 'bytes written into the snapshot')),
          error: v.optional(field(v.string(), 'why nothing was captured')),
        }),
      ),
      'option ROMs read into the snapshot (--roms, --rom BDF); absent when none were asked for',
    ),
  ),
  notes: field(v.array(v.string()), 'remarks, one line each'),
};

export const snapshotJson = v.strictObject({
  ...snapshotManifestEntries,
  output: v.optional(
    field(v.string(), 'printed by `snapshot --json` only: the directory or archive written'),
  ),
});
export type SnapshotJson = v.InferOutput<typeof snapshotJson>;
export const snapshotManifestJson = v.strictObject(snapshotManifestEntries);
export type SnapshotManifestJson = v.InferOutput<typeof snapshotManifestJson>;

export default defineOutput({
  id: 'vfiokit.snapshot/1',
  title: "a snapshot's manifest",
  producedBy: ['vfiokit snapshot -o OUT --json', 'manifest.json in every snapshot'],
  schema: snapshotJson,
});
