/**
 * The domain rules every layer asks about, each decided once here with the kernel source it
 * follows: which drivers leave a group to VFIO, which devices are bridges or displays, what the
 * host cannot spare, which functions share a slot, and whether the IOMMU is on.
 */
import type { PciAddress } from './address.js';
import type { PciDevice } from './types.js';

/**
 * vfio-pci and the vendor variant drivers (mlx5_vfio_pci, hisi_acc_vfio_pci, nvgrace_gpu_vfio_pci,
 * ...): every driver under drivers/vfio/pci/ carries "vfio" in its name.
 */
export const isVfioDriver = (driver: string | undefined): boolean =>
  driver !== undefined && (driver === 'vfio-pci' || /vfio/.test(driver));

/**
 * Drivers that do not block a group: since Linux 5.19 a driver claims the group's DMA for the
 * kernel unless it sets `driver_managed_dma` (drivers/iommu/iommu.c
 * iommu_device_use_default_domain); the vfio drivers, pci-stub (drivers/pci/pci-stub.c) and
 * pcieport (drivers/pci/pcie/portdrv.c) set it. No driver at all claims nothing.
 */
export function driverLeavesGroupToVfio(driver: string | undefined): boolean {
  if (!driver) return true;
  return isVfioDriver(driver) || driver === 'pci-stub' || driver === 'pcieport';
}

/** The opposite: a bound driver that claims the group's DMA, so the group is not viable. */
export const blocksGroup = (driver: string | undefined): boolean => !driverLeavesGroupToVfio(driver);

/**
 * A PCI-to-PCI or CardBus bridge: header type 1 or 2 (include/uapi/linux/pci_regs.h
 * PCI_HEADER_TYPE_BRIDGE/CARDBUS), or class 0604 (include/linux/pci_ids.h PCI_CLASS_BRIDGE_PCI)
 * when the header could not be read.
 */
export const isBridge = (d: Pick<PciDevice, 'headerType' | 'classCode'>): boolean =>
  d.headerType === 1 || d.headerType === 2 || d.classCode >> 8 === 0x0604;

/** Base class 03, display controller (include/linux/pci_ids.h PCI_BASE_CLASS_DISPLAY): VGA, XGA, 3D. */
export const isDisplay = (d: Pick<PciDevice, 'classCode'>): boolean => d.classCode >> 16 === 0x03;

/**
 * Why assigning this device would take something the host needs, if it would: the boot GPU (the
 * kernel's boot_vga attribute, drivers/pci/pci-sysfs.c), storage and network controllers (classes
 * 01 and 02), the host bridge (0600), the ISA/LPC bridge (0601) and the SMBus controller (0c05).
 */
export function hostCriticalReason(d: Pick<PciDevice, 'bootVga' | 'classCode'>): string | undefined {
  if (d.bootVga) return 'the boot GPU (host console)';
  const base = d.classCode >> 16;
  const sub = (d.classCode >> 8) & 0xff;
  if (base === 0x01) return 'a storage controller (the host may boot from it)';
  if (base === 0x02) return 'a network controller (the host may depend on it)';
  if (base === 0x06 && sub === 0x00) return 'the host bridge';
  if (base === 0x06 && sub === 0x01) return 'the ISA/LPC bridge (platform devices)';
  if (base === 0x0c && sub === 0x05) return 'the SMBus controller';
  return undefined;
}

/** Same domain, bus and device number: functions of one slot (pci_scan_slot, drivers/pci/probe.c). */
export const sameSlot = (a: { addr: PciAddress }, b: { addr: PciAddress }): boolean =>
  a.addr.domain === b.addr.domain && a.addr.bus === b.addr.bus && a.addr.device === b.addr.device;

/**
 * The other functions of a device's slot (a GPU's HDMI audio, USB-C controller): they are reset
 * together and go to a VM together. Virtual functions do not count: the kernel places a VF at the
 * PF's routing ID plus the SR-IOV offset and stride (drivers/pci/iov.c pci_iov_virtfn_bus/devfn),
 * so a VF can land on the same device number without being a function of the card's slot, and
 * pci_scan_slot never finds one.
 */
export function companions<T extends { address: string; addr: PciAddress; physfn?: string }>(
  d: { address: string; addr: PciAddress },
  all: readonly T[],
): T[] {
  return all.filter((o) => o.address !== d.address && !o.physfn && sameSlot(o, d));
}

/**
 * The IOMMU is on when the kernel made at least one IOMMU group: iommu_group_alloc
 * (drivers/iommu/iommu.c) creates /sys/kernel/iommu_groups/<number> for each, and the directory
 * stays empty while no IOMMU driver is active.
 */
export const iommuEnabled = (groupNames: Iterable<string | number>): boolean => {
  for (const n of groupNames) if (typeof n === 'number' || /^\d+$/.test(n)) return true;
  return false;
};

/**
 * Bound to a driver of the host's own (anything but a vfio driver or pci-stub, the two that only
 * hold a device for assignment): the device is in use, and taking it away stops that use.
 * pcieport counts here (it is the host's port service driver) though it does not block a group.
 */
export const onHostDriver = (driver: string | undefined): boolean =>
  driver !== undefined && driver !== '' && !isVfioDriver(driver) && driver !== 'pci-stub';

export type MemberState =
  /** Bound to a vfio driver: ready for a VM. */
  | 'vfio'
  /** Held by pci-stub: does not block. */
  | 'pci-stub'
  /** No driver: does not block. */
  | 'unbound'
  /** A bridge or port on pcieport: does not block and must not be bound to vfio-pci. */
  | 'bridge-pcieport'
  /** An endpoint on a host driver: blocks the group. */
  | 'host-driver'
  /** A bridge on a driver other than pcieport: blocks the group. */
  | 'bridge-host-driver'
  /** Its driver could not be read (a damaged snapshot): whether it blocks is unknown. */
  | 'unknown';

export type MemberAction = 'none' | 'bind-vfio-pci' | 'unbind' | 'unknown';

export interface MemberVerdict {
  address: string;
  driver?: string;
  bridge: boolean;
  state: MemberState;
  /** Known to block the group (false also when unknown: see state). */
  blocks: boolean;
  action: MemberAction;
  /** Taking this device from the host is likely to hurt it (boot disk, boot GPU, NIC...). */
  hostCritical?: string;
}

/**
 * One member's part in its group's viability (drivers/vfio/group.c VFIO_GROUP_GET_STATUS over the
 * DMA ownership rule of drivers/iommu/iommu.c, see driverLeavesGroupToVfio): what its driver does
 * to the group and what must change for the group to be viable. vfio-pci binds only type 0
 * headers (vfio_pci_core_register_device in drivers/vfio/pci/vfio_pci_core.c refuses others), so
 * a bridge on a driver that claims DMA must be unbound, while an endpoint on one must be bound to
 * vfio-pci.
 */
export function memberVerdict(d: PciDevice): MemberVerdict {
  const bridge = isBridge(d);
  // Literal objects, not spreads of a shared base: spreads showed up in profiles of hosts with
  // thousands of devices. Same fields in the same order.
  const v = (state: MemberState, blocks: boolean, action: MemberAction): MemberVerdict => ({
    address: d.address,
    driver: d.driver,
    bridge,
    state,
    blocks,
    action,
  });
  if (d.unknownFacts?.some((f) => f.fact === 'driver')) return v('unknown', false, 'unknown');
  if (!d.driver) return v('unbound', false, 'none');
  if (isVfioDriver(d.driver)) return v('vfio', false, 'none');
  if (d.driver === 'pci-stub') return v('pci-stub', false, 'none');
  if (d.driver === 'pcieport') return v('bridge-pcieport', false, 'none');
  if (bridge) return v('bridge-host-driver', true, 'unbind');
  return {
    address: d.address,
    driver: d.driver,
    bridge,
    state: 'host-driver',
    blocks: true,
    action: 'bind-vfio-pci',
    hostCritical: hostCriticalReason(d),
  };
}
