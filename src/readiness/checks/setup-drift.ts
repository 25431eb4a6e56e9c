/**
 * Drift since `vfiokit setup`: setup binds devices at boot by ID or by address, and recorded what
 * it chose (/var/lib/vfiokit/setup.json). A new card, a BIOS update or a moved card can change
 * what those IDs and addresses mean: a device at another address (bus numbers are assigned at
 * enumeration and shift when a card is added), an IOMMU group that gained members (then it is not
 * viable until they are bound too), or an ID that now also matches a device setup did not choose
 * (vfio-pci.ids takes every match, so the host loses it at the next boot).
 */

import { joinGroups } from '../../iommu/groups.js';
import { formatIdPair } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { KernelGroups } from '../../system/kernel-groups.js';
import { RECORD_PATH, type SetupRecord, type SetupRecordRead } from '../../system/setup-record.js';
import type { Check } from '../check.js';
import { idMatches, parseIdList } from './early-binding.js';

const idOf = (d: PciDevice) => formatIdPair(d.vendorId, d.deviceId);
const subOf = (d: PciDevice) =>
  d.subsystemVendorId === undefined || d.subsystemDeviceId === undefined
    ? undefined
    : formatIdPair(d.subsystemVendorId, d.subsystemDeviceId);

const BASE = {
  id: 'vfio.setup-drift' as const,
  group: 'vfio' as const,
  title: 'vfiokit setup still matches the hardware',
};

/** The drift verdict from a setup record and the devices and groups seen now. Pure. */
export function setupDriftCheck(
  record: SetupRecord,
  devices: PciDevice[],
  groups: { id: number; devices: PciDevice[]; others: string[] }[],
): Check {
  const problems: string[] = [];
  const recorded = new Set(record.devices.map((d) => d.address));
  for (const r of record.devices) {
    const now = devices.find((d) => d.address === r.address);
    const same = now && idOf(now) === r.id && (r.subsystem === undefined || subOf(now) === r.subsystem);
    if (!same) {
      const moved = devices.filter(
        (d) =>
          !recorded.has(d.address) &&
          idOf(d) === r.id &&
          (r.subsystem === undefined || subOf(d) === r.subsystem),
      );
      const here = now ? `${r.address} is now ${idOf(now)}, not ${r.id}` : `no device at ${r.address}`;
      problems.push(
        moved.length
          ? `${here}: the ${r.id} device setup bound moved to ${moved.map((d) => d.address).join(', ')}`
          : `${here}: the ${r.id}${r.subsystem ? ` (${r.subsystem})` : ''} device setup bound is gone`,
      );
      continue;
    }
    if (r.groupMembers && now.iommuGroup !== undefined) {
      const g = groups.find((x) => x.id === now.iommuGroup);
      const members = g ? [...g.devices.map((d) => d.address), ...g.others] : [];
      const gained = members.filter((m) => !r.groupMembers?.includes(m) && !recorded.has(m));
      if (gained.length)
        problems.push(
          `the IOMMU group of ${r.address} (now ${now.iommuGroup}) gained ${gained.join(', ')}: it is not viable until ${gained.length > 1 ? 'they are' : 'it is'} bound too`,
        );
    }
  }
  for (const e of parseIdList(record.ids.join(','), 'vfio_pci.ids', RECORD_PATH)) {
    const extra = devices.filter((d) => idMatches(e, d) && !recorded.has(d.address));
    if (extra.length)
      problems.push(
        `vfio-pci.ids entry ${e.text} now also matches ${extra.map((d) => d.address).join(', ')}, which setup did not choose: vfio-pci takes it at the next boot`,
      );
  }
  const evidence = [
    `${RECORD_PATH}: ${record.devices.map((d) => `${d.address} [${d.id}]`).join(', ')}`,
    ...problems,
  ];
  if (problems.length)
    return {
      ...BASE,
      verdict: 'fail',
      evidence,
      fix: 'run `vfiokit setup --undo`, then `vfiokit setup` again for the devices as they are now',
    };
  return { ...BASE, verdict: 'ok', evidence };
}

/** The drift check when setup has run on this host (none otherwise); an unreadable record is unknown. */
export function setupDriftChecks(read: SetupRecordRead, devices: PciDevice[], kernel: KernelGroups): Check[] {
  if ('error' in read) return [{ ...BASE, verdict: 'unknown', evidence: [`${RECORD_PATH}: ${read.error}`] }];
  if (!read.record) return [];
  return [setupDriftCheck(read.record, devices, joinGroups(kernel, devices))];
}
