import * as v from 'valibot';
import {
  checkVerdict,
  classCode,
  count,
  idPair,
  pciAddress,
  unknownReasons,
  verdictCounts,
  viability,
} from '../common.js';
import { defineOutput, field, schemaId } from '../define.js';

const group = field(v.number(), 'IOMMU group number; absent when the device has none (IOMMU off)');
const driverUnknown = field(
  v.string(),
  'why the driver is unknown (a damaged snapshot): `driver` is then absent but does not mean "none"',
);

export const companionJson = v.strictObject({
  address: pciAddress,
  vendorDevice: idPair('IDs'),
  class: classCode(),
  driver: v.optional(field(v.string(), 'bound driver; absent when none')),
  driverUnknown: v.optional(driverUnknown),
  group: v.optional(group),
});

export const displaySummaryJson = v.strictObject({
  address: pciAddress,
  vendorDevice: idPair('IDs'),
  driver: v.optional(field(v.string(), 'bound driver; absent when none')),
  driverUnknown: v.optional(driverUnknown),
  group: v.optional(group),
  bootVga: field(v.boolean(), 'the firmware initialised this GPU (sysfs boot_vga)'),
  name: v.optional(field(v.string(), 'vendor and device names from pci.ids, when known')),
  class: classCode(),
  companions: field(
    v.array(companionJson),
    'the other functions of the same slot (HDMI/DP audio, USB-C...), virtual functions excluded: they go to the VM together',
  ),
  resetMethods: v.optional(field(v.array(v.string()), 'sysfs reset_method')),
  hasRom: field(v.boolean(), 'a rom attribute exists'),
  upstream: field(v.array(v.string()), 'bridges between the root complex and the GPU'),
  link: v.optional(field(v.string(), 'current PCIe link, "SPEED xWIDTH"')),
  configTruncated: field(
    v.boolean(),
    'config space was readable only in part (not root): capabilities unknown',
  ),
});

export const gpuGroupJson = v.strictObject({
  group: field(v.number(), 'IOMMU group number'),
  verdict: viability,
  viable: field(v.nullable(v.boolean()), 'true/false, or null when the verdict is unknown'),
  unknownReasons: unknownReasons('the verdict'),
  devices: field(v.array(v.string()), 'members'),
  mustBind: field(v.array(v.string()), 'endpoints to bind to vfio-pci before the group can be assigned'),
  mustUnbind: field(v.array(v.string()), 'bridges to unbind (rare)'),
});

export const reportJson = v.strictObject({
  schema: schemaId('vfiokit.report/3'),
  root: field(v.string(), 'the root read: "/" for the live host, else the snapshot path'),
  kernel: v.optional(field(v.string(), 'the running kernel release (/proc/sys/kernel/osrelease)')),
  cmdline: v.optional(field(v.string(), '/proc/cmdline')),
  iommu: field(
    v.strictObject({
      enabled: field(
        v.nullable(v.boolean()),
        'the kernel lists IOMMU groups; null when /sys/kernel/iommu_groups could not be read (see warnings)',
      ),
      units: field(v.array(v.string()), 'IOMMU units in /sys/class/iommu'),
      groups: count('groups the kernel lists'),
    }),
    'the IOMMU as sysfs shows it',
  ),
  pciDevices: field(
    v.nullable(v.number()),
    'devices read; null when /sys/bus/pci/devices could not be read at all (see warnings)',
  ),
  pciUnreadable: field(
    v.array(v.strictObject({ address: v.string(), reason: v.string() })),
    'devices listed in /sys/bus/pci/devices that could not be read, with the reason',
  ),
  warnings: field(v.array(v.string()), 'damage found while reading, one line each'),
  displays: field(v.array(displaySummaryJson), 'every display controller (class 03)'),
  gpuGroups: field(
    v.array(gpuGroupJson),
    "IOMMU groups holding a display controller, with the kernel's viability verdict; [] when the IOMMU is off",
  ),
  readiness: v.optional(
    field(
      v.strictObject({
        summary: verdictCounts,
        mostImportant: v.optional(
          field(
            v.strictObject({
              id: field(v.string(), 'the check id'),
              device: v.optional(field(v.string(), 'the device a per-device check is about')),
              title: v.string(),
              verdict: field(checkVerdict, 'its verdict: fail or warn (only those are candidates)'),
              fix: field(v.string(), 'what to do'),
            }),
            'the single most important fix',
          ),
        ),
        iommuFix: v.optional(
          field(v.string(), "when the IOMMU is off: the fix of doctor's first failing IOMMU check"),
        ),
      }),
      "`vfiokit doctor`'s verdict counts and its most important fix (no ROM reads)",
    ),
  ),
});
export type ReportJson = v.InferOutput<typeof reportJson>;
export type DisplaySummaryJson = v.InferOutput<typeof displaySummaryJson>;
export type GpuGroupJson = v.InferOutput<typeof gpuGroupJson>;

export default defineOutput({
  id: 'vfiokit.report/3',
  title: 'the host report: an overview of the host',
  producedBy: ['vfiokit --json'],
  changes:
    'report/3 (was /2): a display\'s and a companion\'s `class` is the 6-digit class code ("030000", was "0300"), and `group` is a number (was a string). report/2 (was /1): gpuGroups[] gain verdict and unknownReasons (viable may be null); pciDevices and iommu.enabled may be null; pciUnreadable and warnings added.',
  schema: reportJson,
});
