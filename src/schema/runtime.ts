/**
 * Pieces of the documents of runtime binding (bind, release, restore) and of handover: a device
 * in a binding plan, a finding of the guard, and the outcome of applying a plan.
 */
import * as v from 'valibot';
import { idPair, pciAddress } from './common.js';
import { field } from './define.js';

/** A device in a bind, release or handover plan and what happens to it. */
export const plannedDeviceEntries = {
  address: pciAddress,
  id: idPair('IDs'),
  driver: field(v.nullable(v.string()), 'its driver now (null: none)'),
  to: field(
    v.nullable(v.string()),
    "where it goes: vfio-pci for bind, the driver it had for release (null: no driver, or for a release without a record the kernel's choice)",
  ),
  action: field(
    v.picklist(['bind', 'release', 'keep']),
    'bind, release, or keep (already where it should be: no step for it)',
  ),
  why: field(v.string(), 'why the device is in the plan (named, or a member of the same IOMMU group)'),
};

/** What the guard found the host using, with the evidence. */
export const guardFindingJson = v.strictObject({
  address: pciAddress,
  verdict: field(
    v.picklist(['in-use', 'unknown']),
    'in-use: the host uses it (traced); unknown: a use that could not be traced could be on it',
  ),
  kind: field(
    v.picklist([
      'mount',
      'network-mount',
      'swap',
      'block-member',
      'route',
      'ssh',
      'console',
      'framebuffer',
      'display',
      'storage',
      'network',
    ]),
    'in-use: mount, network-mount, swap, block-member, route, ssh, console, framebuffer, display; unknown: the kind of device the untraced use could be on (storage, network, display)',
  ),
  what: field(v.string(), 'what uses it, one line, e.g. "filesystem /mnt/data (ext4) from /dev/nvme0n1"'),
  why: field(
    v.string(),
    'why that concerns this device, e.g. "it is the controller of a mounted filesystem" or "it is a bridge above …"',
  ),
  evidence: field(
    v.array(v.string()),
    'the files and values the finding rests on, one line each (empty for unknown findings)',
  ),
});
export type GuardFindingJson = v.InferOutput<typeof guardFindingJson>;

/** The common part of what applying a plan did. */
export const applyResultEntries = {
  ok: field(v.boolean(), 'every step was taken'),
  done: field(v.array(v.string()), 'steps taken, in order, one line each'),
  undone: field(v.array(v.string()), 'steps undone after a failure or signal, in the order undone'),
  undoFailed: field(
    v.array(v.string()),
    'undo steps that failed in turn (the journal keeps them; vfiokit restore retries)',
  ),
  error: v.optional(field(v.string(), 'why it failed')),
};

/** A binding after a run, read back from sysfs. */
export const bindingAfterJson = v.strictObject({
  address: pciAddress,
  driver: field(v.nullable(v.string()), 'the driver the device is on after the run (null: none)'),
  override: field(v.nullable(v.string()), 'its driver_override after the run (null: not set)'),
});
