/**
 * The kernel's viability verdict for an IOMMU group: may user space (VFIO) own it?
 *
 * Since Linux 5.19 the rule is DMA ownership (drivers/iommu/iommu.c iommu_device_use_default_domain,
 * drivers/vfio/group.c VFIO_GROUP_GET_STATUS): binding any driver that does not set
 * `driver_managed_dma` claims the group's DMA for the kernel, and a claimed group is not viable.
 * The drivers that set it are the vfio drivers (vfio-pci and its variant drivers), pci-stub and
 * pcieport (commit "PCI: portdrv: Set driver_managed_dma"), so the group is viable exactly when
 * every device is on one of those or on no driver at all. Verified on a 6.1 kernel: a GPU on
 * vfio-pci with its HDMI audio on snd_hda_intel is not viable; a switch port on pcieport with an
 * NVMe on vfio-pci is.
 *
 * vfio-pci only binds type 0 (endpoint) headers, so a bridge on a non-DMA-managing driver has to
 * be unbound; an endpoint on a host driver has to be bound to vfio-pci (or unbound).
 */
import { type MemberVerdict, memberVerdict, onHostDriver } from '../pci/domain.js';
import type { PciDevice } from '../pci/types.js';

export type Viability = 'viable' | 'not-viable' | 'unknown';

export interface GroupVerdict {
  group: number;
  /**
   * 'unknown' whenever an input the verdict rests on is missing, unreadable, inconsistent or
   * implausible (the reasons are in `unknownReasons`), even when a known member blocks: a damaged
   * listing may hold the wrong members.
   */
  verdict: Viability;
  /** True only when the group is known to be viable. */
  viable: boolean;
  /** Why the verdict is unknown, one line each; empty otherwise. */
  unknownReasons: string[];
  members: MemberVerdict[];
  /** Endpoints that must be bound to vfio-pci (or left without a driver) for the group to be viable. */
  mustBind: string[];
  /** Bridges that must be unbound from their current driver. */
  mustUnbind: string[];
  /** Devices that need nothing: bridges on pcieport, devices already on vfio/pci-stub/no driver. */
  needNot: string[];
  /** Members the verdict cannot judge (non-PCI devices, unreadable devices, unreadable drivers). */
  unknown: string[];
}

export type { MemberAction, MemberState, MemberVerdict } from '../pci/domain.js';
export {
  driverLeavesGroupToVfio,
  hostCriticalReason,
  isBridge,
  isVfioDriver,
  memberVerdict,
} from '../pci/domain.js';

/**
 * Why enabling this device's ROM BAR could hurt the running host, if it could. A ROM may share
 * its address decoder with a memory BAR (the PCI spec allows it; the kernel's pci_map_rom does not
 * guard against a driver using the BAR meanwhile), so while the ROM is enabled the driver can
 * lose its registers: harmless for a GPU or NIC nobody uses, an I/O error or hang for the disk
 * controller the host runs from. Storage and network controllers on a host driver need --force.
 */
export function romReadRisk(d: { address: string; classCode: number; driver?: string }): string | undefined {
  const base = d.classCode >> 16;
  const what = base === 0x01 ? 'a storage controller' : base === 0x02 ? 'a network controller' : undefined;
  if (!what || !onHostDriver(d.driver)) return undefined;
  return `${d.address} is ${what} in use by ${d.driver}: enabling its ROM BAR can cut the driver off from the device during the read on hardware whose ROM shares a decoder with a BAR`;
}

export function groupViability(group: {
  id: number;
  devices: PciDevice[];
  others: string[];
  unknown?: string[];
}): GroupVerdict {
  // One pass: `vfiokit groups` judges every group of the host, thousands on a large one.
  const members: MemberVerdict[] = [];
  const mustBind: string[] = [];
  const mustUnbind: string[] = [];
  const needNot: string[] = [];
  const unknown = [...group.others];
  // Indexed: no iterator result per step in the one-shot commands' unoptimised code.
  for (let i = 0; i < group.devices.length; i++) {
    const d = group.devices[i];
    const m = memberVerdict(d);
    members.push(m);
    if (m.action === 'bind-vfio-pci') mustBind.push(m.address);
    else if (m.action === 'unbind') mustUnbind.push(m.address);
    if (m.state === 'unknown') unknown.push(m.address);
    else if (!m.blocks) needNot.push(m.address);
  }
  const unknownReasons = [...(group.unknown ?? [])];
  // Members without a record always come with a reason from joinGroups; a caller that built the
  // group by hand still gets one.
  if (!unknownReasons.length && group.others.length)
    unknownReasons.push(`${group.others.join(', ')}: not judged (no PCI record)`);
  const verdict: Viability = unknownReasons.length
    ? 'unknown'
    : needNot.length === members.length
      ? 'viable'
      : 'not-viable';
  return {
    group: group.id,
    verdict,
    viable: verdict === 'viable',
    unknownReasons,
    members,
    mustBind: exact(mustBind),
    mustUnbind,
    needNot: exact(needNot),
    unknown,
  };
}

/**
 * The array with no spare room. V8 gives an array that grows by push() room for 17 elements at its
 * first; the verdicts of a large host keep thousands of these lists of one or two addresses in
 * its report (0.4 MB of `vfiokit groups`' peak on 4,096 functions).
 */
const exact = <T>(a: T[]): T[] => (a.length ? a.slice() : a);
