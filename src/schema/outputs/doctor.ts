import * as v from 'valibot';
import { checkJson } from '../check.js';
import { checkVerdict, verdictCounts } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

export const doctorJson = v.strictObject({
  schema: schemaId('vfiokit.doctor/1'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  kernel: v.optional(field(v.string(), 'the running kernel release')),
  cpuVendor: v.optional(field(v.string(), 'CPU vendor from /proc/cpuinfo, e.g. "GenuineIntel"')),
  devices: field(v.array(v.string()), 'the devices checked (--device, default every display controller)'),
  names: field(
    v.record(v.string(), v.string()),
    'pci.ids names ("Vendor Device") of the checked devices and their companions, by address, when known',
  ),
  memoryBytes: v.optional(field(v.number(), 'guest memory checked against hugepages (--memory)')),
  vm: v.optional(
    field(
      v.strictObject({
        file: v.string(),
        format: field(v.picklist(['libvirt', 'qemu', 'spec']), 'what the file is'),
        name: v.optional(v.string()),
        devices: field(v.array(v.string()), 'the host devices it assigns'),
        firmware: field(v.picklist(['ovmf', 'seabios']), 'the firmware it boots'),
      }),
      'the VM definition checked (doctor --vm)',
    ),
  ),
  checks: field(v.array(checkJson), 'every check, in the order to fix them'),
  summary: verdictCounts,
  mostImportant: v.optional(
    field(
      v.strictObject({
        id: v.string(),
        device: v.optional(v.string()),
        title: v.string(),
        verdict: field(checkVerdict, 'its verdict: fail or warn (only those are candidates)'),
        fix: v.string(),
      }),
      'the single most important fix: the most fundamental failing check, else warning',
    ),
  ),
  blind: field(
    v.array(v.strictObject({ what: v.string(), why: v.string() })),
    'what could not be looked at, and why',
  ),
  warnings: field(
    v.array(v.string()),
    'damage found while reading the PCI devices and groups, one line each; the checks it touches are unknown',
  ),
});
export type DoctorJson = v.InferOutput<typeof doctorJson>;

export default defineOutput({
  id: 'vfiokit.doctor/1',
  title: 'is this host ready for VFIO',
  producedBy: ['vfiokit doctor --json'],
  schema: doctorJson,
});
