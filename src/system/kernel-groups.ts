/**
 * The kernel's IOMMU groups as sysfs lists them (/sys/kernel/iommu_groups/N/devices/<device>),
 * read by host/kernel-groups.ts. Group numbers come from an allocator and may have gaps (a group
 * is freed when its last device goes away), so they are read, never assumed to run 0..N-1.
 */

export interface KernelGroups {
  /** True when the kernel created any IOMMU group (an IOMMU is active). */
  enabled: boolean;
  /** Group number → member device names (PCI addresses or other device names), sorted. */
  groups: Map<number, string[]>;
  /** Groups whose member list could not be read, with the reason (their verdict is unknown). */
  unreadable?: Map<number, string>;
  /** /sys/kernel/iommu_groups itself could not be listed: the reason. */
  listError?: string;
}
