/**
 * What `vfiokit setup TARGET...` binds: the named devices (an address, every device with a
 * vendor:device, an IOMMU group, or the GPUs that are not the boot GPU), plus every endpoint of
 * their IOMMU groups, because the kernel opens a group only when each endpoint in it is on
 * vfio-pci, pci-stub or no driver (DESIGN.md, viability). Bridges stay on pcieport. Each device
 * carries the reason it is included.
 */
import { UsageError, VfiokitError } from '../errors.js';
import type { IommuGroup } from '../iommu/groups.js';
import { hostCriticalReason, isBridge } from '../iommu/viability.js';
import { formatPciAddress, parsePciAddress } from '../pci/address.js';
import { isDisplay, sameSlot } from '../pci/domain.js';
import { formatIdPair } from '../pci/id.js';
import type { PciDevice } from '../pci/types.js';

export interface TargetSpec {
  /** Addresses and vendor:device IDs as typed. */
  items: string[];
  groups: number[];
  gpu: boolean;
}

export interface ChosenDevice {
  device: PciDevice;
  why: string;
}

export interface TargetResolution {
  chosen: ChosenDevice[];
  /** Group members left alone and why (bridges on pcieport, non-PCI devices). */
  notes: string[];
}

export const idOf = (d: PciDevice) => formatIdPair(d.vendorId, d.deviceId);
const base = (d: PciDevice) => d.classCode >> 16;

function what(d: PciDevice): string {
  const b = base(d);
  const sub = (d.classCode >> 8) & 0xff;
  if (b === 0x04 && sub === 0x03) return 'audio function';
  if (b === 0x0c && sub === 0x03) return 'USB controller';
  if (b === 0x0c && sub === 0x80) return 'serial bus controller (USB-C UCSI)';
  if (b === 0x03) return 'display function';
  return 'function';
}

// long: one pass over the target forms, each a few lines with the notes it gives
export function resolveTargets(
  devices: PciDevice[],
  groups: IommuGroup[],
  spec: TargetSpec,
): TargetResolution {
  const chosen: ChosenDevice[] = [];
  const notes: string[] = [];
  const add = (d: PciDevice, why: string) => {
    if (!chosen.some((c) => c.device.address === d.address)) chosen.push({ device: d, why });
  };
  for (const item of spec.items) {
    if (/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/.test(item)) {
      const [v, dv] = item.split(':').map((x) => parseInt(x, 16));
      const hits = devices.filter((d) => d.vendorId === v && d.deviceId === dv);
      if (!hits.length)
        throw new UsageError(`no PCI device with ID ${item.toLowerCase()}`, {
          hint: 'list IDs with `vfiokit devices`',
          code: 'setup.no-device',
        });
      for (const d of hits)
        add(d, `matches ${item.toLowerCase()} (${hits.length} device${hits.length > 1 ? 's' : ''})`);
      continue;
    }
    const name = formatPciAddress(parsePciAddress(item));
    const d = devices.find((x) => x.address === name);
    if (!d)
      throw new UsageError(`no PCI device ${name}`, {
        hint: 'list the addresses with `vfiokit devices`',
        code: 'setup.no-device',
      });
    add(d, 'named on the command line');
  }
  for (const n of spec.groups) {
    const g = groups.find((x) => x.id === n);
    if (!g)
      throw new UsageError(`no IOMMU group ${n}`, {
        hint: 'list the groups with `vfiokit groups`',
        code: 'setup.no-group',
      });
    for (const d of g.devices) if (!isBridge(d)) add(d, `in IOMMU group ${n}`);
  }
  if (spec.gpu) {
    const gpus = devices.filter((d) => isDisplay(d) && !d.bootVga);
    if (!gpus.length)
      throw new UsageError('no GPU besides the boot GPU', {
        hint: 'name the boot GPU by address with --force to assign a single GPU (the host loses its console)',
        code: 'setup.no-gpu',
      });
    for (const d of gpus) add(d, 'a GPU that is not the boot GPU (--gpu)');
  }
  if (!chosen.length)
    throw new UsageError('name at least one device', {
      hint: 'vfiokit setup 0000:01:00.0 (or ID, --group N, --gpu)',
    });

  // Group companions, or (IOMMU still off) the other functions of the same card.
  for (let i = 0; i < chosen.length; i++) {
    const t = chosen[i].device;
    const g = t.iommuGroup === undefined ? undefined : groups.find((x) => x.id === t.iommuGroup);
    if (g) {
      for (const d of g.devices) {
        if (d.address === t.address || chosen.some((c) => c.device.address === d.address)) continue;
        if (isBridge(d)) {
          if (d.driver && d.driver !== 'pcieport')
            notes.push(
              `${d.address} is a bridge in group ${g.id} on ${d.driver}: unbind it before starting a VM`,
            );
          continue;
        }
        const rel = sameSlot(d, t) ? `the ${what(d)} of ${t.address}, ` : '';
        add(
          d,
          `${rel}in IOMMU group ${g.id} with ${t.address}: the group opens only when every endpoint is on vfio-pci`,
        );
      }
      for (const o of g.others) notes.push(`IOMMU group ${g.id} also holds ${o}, which is not a PCI device`);
    } else {
      for (const d of devices) {
        if (d.address === t.address || !sameSlot(d, t) || isBridge(d)) continue;
        if (chosen.some((c) => c.device.address === d.address)) continue;
        add(
          d,
          `the ${what(d)} of ${t.address} (same card; the IOMMU is off, so its group is not known yet: run setup again after the reboot)`,
        );
      }
    }
  }
  return { chosen, notes };
}

/** Refuse devices the host needs, unless forced (the same rule as runtime binding and ROM reads). */
export function refuseHostCritical(chosen: ChosenDevice[], force: boolean): string[] {
  const critical = chosen
    .map((c) => ({ c, why: hostCriticalReason(c.device) }))
    .filter((x): x is { c: ChosenDevice; why: string } => x.why !== undefined);
  if (!critical.length) return [];
  const list = critical.map((x) => `${x.c.device.address} is ${x.why}`);
  if (!force) {
    throw new VfiokitError(`refusing to bind at boot: ${list.join('; ')}`, {
      hint: 'check that the host does not need it, then add --force',
      code: 'setup.host-critical',
    });
  }
  return list.map((l) => `--force: ${l}`);
}
