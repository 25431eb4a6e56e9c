import * as v from 'valibot';
import { classCode, count, idPair, pciAddress } from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const hostNotes = v.strictObject({
  foreign: v.optional(
    field(
      v.string(),
      "set when the device the log names is not this host's device at that address: the log seems to come from another machine",
    ),
  ),
  device: v.optional(
    field(
      v.strictObject({
        address: pciAddress,
        ids: idPair('IDs'),
        class: classCode(),
        driver: v.optional(v.string()),
        group: v.optional(v.number()),
      }),
      "the host's device at the address the message names",
    ),
  ),
  group: v.optional(
    field(
      v.strictObject({
        id: v.number(),
        viable: field(v.boolean(), 'true only when the group is known to be viable (see verdict)'),
        verdict: field(v.picklist(['viable', 'not-viable', 'unknown']), 'the kernel viability rule'),
        members: v.array(
          v.strictObject({ address: v.string(), driver: v.optional(v.string()), blocks: v.boolean() }),
        ),
        mustBind: v.array(v.string()),
        mustUnbind: v.array(v.string()),
      }),
      "that device's IOMMU group on this host",
    ),
  ),
  notes: field(v.array(v.string()), 'the same facts as lines for the text output'),
});

export const diagnoseFindingJson = v.strictObject({
  id: field(v.string(), 'the catalogue entry (docs/diagnose-catalogue.md)'),
  severity: field(v.picklist(['error', 'warning', 'info']), 'after the facts in the message are weighed'),
  harmless: field(v.boolean(), 'an info message: it reports, it does not stop anything'),
  title: v.string(),
  source: field(
    v.picklist([
      'kernel',
      'qemu',
      'libvirt',
      'pciutils',
      'acs-override patch',
      'vendor-reset',
      'windows',
      'dpdk',
      'spdk',
      'mdevctl',
      'nvidia-vgpu',
      'container runtime',
      'rust-vmm',
      'userspace tool',
      'cloud-hypervisor',
      'crosvm',
      'proxmox',
      'dragonball',
      'acrn',
      'kubevirt',
      'kubernetes',
      'kimchi',
      'virt-manager',
      'edk2',
      'bhyve',
      'seabios',
      'xen',
      'looking-glass',
      'openstack',
      'incus',
    ]),
    'who prints the message',
  ),
  cite: field(v.string(), 'the file and function that print it'),
  generic: v.optional(
    field(
      v.boolean(),
      'true when no specific entry knew the line: the explanation is built from the object it names (a sysfs file, a /dev/vfio node, a VFIO ioctl) and its errno',
    ),
  ),
  count: count('matching lines'),
  lines: field(
    v.array(v.strictObject({ n: field(v.number(), 'line number, from 1'), text: v.string() })),
    'the matching lines (the first few)',
  ),
  device: v.optional(field(v.string(), 'the PCI address the message names')),
  group: v.optional(field(v.number(), 'the IOMMU group the message names')),
  values: field(
    v.record(v.string(), v.string()),
    'named values as the message printed them (bar, err, driver...)',
  ),
  facts: field(
    v.record(v.string(), v.string()),
    'every fact read: values plus bdf, group, errno (a name: ENOMEM), logDriver',
  ),
  cause: v.string(),
  fix: field(v.string(), "what to do (from the host's own facts with --root or on a live host)"),
  host: v.optional(field(hostNotes, 'what this host says about the device and group the message names')),
});

export const diagnoseJson = v.strictObject({
  schema: schemaId('vfiokit.diagnose/2'),
  input: field(v.string(), 'what was read: a file name, "standard input", the kernel log'),
  lines: count('lines seen'),
  chars: count('characters read'),
  cutLines: count('lines longer than the line limit, read only up to it'),
  stopped: v.optional(
    field(
      v.strictObject({ atLine: v.number(), atChar: v.number(), reason: v.string() }),
      'present when reading stopped before the end of the input',
    ),
  ),
  findings: field(v.array(diagnoseFindingJson), 'one per catalogue entry that matched'),
});
export type DiagnoseJson = v.InferOutput<typeof diagnoseJson>;
export type DiagnoseFindingJson = v.InferOutput<typeof diagnoseFindingJson>;

export default defineOutput({
  id: 'vfiokit.diagnose/2',
  title: 'kernel, QEMU and libvirt messages explained',
  producedBy: ['vfiokit diagnose --json'],
  schema: diagnoseJson,
});
