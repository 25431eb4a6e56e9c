import * as v from 'valibot';
import { classCode, idPair, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const recordedDeviceJson = v.strictObject({
  address: pciAddress,
  id: idPair('IDs'),
  subsystem: v.optional(idPair('subsystem IDs, when the device has them')),
  classCode: classCode(),
  group: v.optional(field(v.number(), 'IOMMU group when setup ran, if the IOMMU was on')),
  groupMembers: v.optional(field(v.array(v.string()), 'every member of that group when setup ran')),
  bindBy: field(
    v.picklist(['id', 'address']),
    'bound at boot by ID (vfio-pci.ids) or by address (driver_override)',
  ),
  why: v.string(),
});

export const recordedFileJson = v.strictObject({
  path: v.string(),
  existed: field(v.boolean(), 'the file existed before the first setup'),
  mode: v.optional(field(v.number(), 'its mode then')),
  original: v.optional(field(v.string(), 'its bytes then, base64')),
  tool: v.optional(
    field(
      v.boolean(),
      "a boot tool rewrites it itself: --undo runs the tool's undo first, then puts the bytes back",
    ),
  ),
  writtenSha256: v.optional(
    field(
      v.string(),
      'sha256 of the content setup wrote last; a different file at --undo was edited by hand',
    ),
  ),
});

export const setupRecordJson = v.strictObject({
  schema: schemaId('vfiokit.setup-record/1'),
  targets: field(v.array(v.string()), 'what was asked for (addresses, IDs, --group N, --gpu)'),
  devices: field(v.array(recordedDeviceJson), 'the devices set up, for drift checks after a change'),
  ids: field(v.array(v.string()), 'entries of vfio-pci.ids (vendor:device[:subvendor:subdevice])'),
  overrides: field(v.array(v.string()), 'addresses bound by driver_override at boot'),
  cmdline: field(
    v.array(
      v.strictObject({
        word: v.string(),
        policy: field(
          v.picklist(['set', 'option', 'keep', 'word']),
          'set: this value; option: a list that must include it; keep: add unless given; word: add unless this exact word is there',
        ),
        why: v.string(),
      }),
    ),
    'the command line parameters wanted',
  ),
  initramfsModules: v.array(v.string()),
  bootLoader: field(v.string(), 'the boot loader kind'),
  initramfs: field(v.picklist(['initramfs-tools', 'dracut', 'mkinitcpio']), 'the initramfs generator'),
  files: field(v.array(recordedFileJson), 'every file as it was before the first setup'),
  createdDirs: field(v.array(v.string()), 'directories setup created, outermost first'),
  undoCommands: field(v.array(v.array(v.string())), 'commands that undo command-line changes made by a tool'),
  regenerate: field(v.array(v.array(v.string())), 'commands that rebuild boot files (run again by --undo)'),
});
export type SetupRecordJson = v.InferOutput<typeof setupRecordJson>;

export default defineOutput({
  id: 'vfiokit.setup-record/1',
  title: 'what setup set up (kept across reboots)',
  producedBy: ['the file /var/lib/vfiokit/setup.json'],
  schema: setupRecordJson,
});
