/**
 * The few host facts the grouping rules depend on besides the PCI devices, from the HostState.
 */
import type { HostState } from '../system/host-state.js';
import { overrideFromCmdline } from './acs-override.js';
import type { QuirkEnv } from './acs-quirks.js';

/**
 * The AMD southbridge ACS quirk applies only when ACPI describes an AMD IOMMU (an IVRS table;
 * AMD-Vi units appear in /sys/class/iommu as ivhdN).
 */
export function quirkEnvFromHost(host: Pick<HostState, 'amdIommu'>): QuirkEnv {
  return { amdIommu: host.amdIommu() };
}

/** The pcie_acs_override= value on the running kernel's command line, if any. */
export function cmdlineOverride(host: Pick<HostState, 'cmdline'>): string | undefined {
  return overrideFromCmdline(host.cmdline());
}
