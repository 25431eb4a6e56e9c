/**
 * The few host facts the grouping rules depend on besides the PCI devices, read through the root.
 */
import type { HostRoot } from '../host/root.js';
import { overrideFromCmdline } from './acs-override.js';
import type { QuirkEnv } from './acs-quirks.js';

/**
 * The AMD southbridge ACS quirk applies only when ACPI describes an AMD IOMMU (an IVRS table);
 * AMD-Vi units appear in /sys/class/iommu as ivhdN.
 */
export function quirkEnvFromHost(root: HostRoot): QuirkEnv {
  const amdIommu =
    root.list('/sys/class/iommu').some((n) => n.startsWith('ivhd')) ||
    root.exists('/sys/firmware/acpi/tables/IVRS');
  return { amdIommu };
}

/** The pcie_acs_override= value on the running kernel's command line, if any. */
export function cmdlineOverride(root: HostRoot): string | undefined {
  return overrideFromCmdline(root.readAttr('/proc/cmdline'));
}
