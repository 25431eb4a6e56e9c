/**
 * pcie_acs_override: an out-of-tree patch (carried by Proxmox, Zen/Liquorix, Arch's linux-vfio
 * and others) that makes the kernel pretend ports and multifunction devices have ACS, splitting
 * IOMMU groups the hardware does not isolate. Devices in the split groups can still reach each
 * other peer-to-peer without passing the IOMMU, so a guest may read or write host memory through
 * a neighbour: trusted guests only.
 *
 * How to tell whether it is in effect:
 * - patch + option: the patch's early_param handler logs "Warning: PCIe ACS overrides enabled;
 *   This may allow non-IOMMU protected peer-to-peer DMA" (its pcie_acs_override_setup).
 * - option without patch: mainline does not know the word, and init/main.c
 *   print_unknown_bootoptions logs 'Unknown kernel command line parameters "...pcie_acs_override=..."'
 *   (the groups stay as they were).
 * - patch without option: /proc/kallsyms still lists the patch's pcie_acs_override symbols.
 */

import type { HostFacts } from '../../system/host-facts.js';
import { paramValues } from '../../system/kernel-cmdline.js';
import { grepLog } from '../../system/kernel-log.js';
import type { Check } from '../check.js';

const ENABLED = /PCIe ACS overrides enabled/;
const UNKNOWN = /Unknown kernel command line parameters ".*pcie_acs_override/;

export function acsOverrideCheck(f: HostFacts): Check {
  const base = { id: 'acs.override' as const, group: 'acs' as const, title: 'pcie_acs_override' };
  const values = f.cmdline ? paramValues(f.cmdline, 'pcie_acs_override') : [];
  const enabledLines = f.kernelLog ? grepLog(f.kernelLog, ENABLED) : [];
  const unknownLines = f.kernelLog ? grepLog(f.kernelLog, UNKNOWN) : [];
  const patchEvidence =
    f.acsOverridePatch === true
      ? '/proc/kallsyms lists pcie_acs_override symbols: this kernel carries the ACS override patch'
      : f.acsOverridePatch === false
        ? '/proc/kallsyms has no pcie_acs_override symbol: this kernel does not carry the patch'
        : undefined;
  if (!values.length) {
    const evidence = ['pcie_acs_override is not on the kernel command line'];
    if (patchEvidence) evidence.push(patchEvidence);
    return { ...base, verdict: 'ok', evidence };
  }
  const evidence = values.map((v) => `kernel command line: pcie_acs_override=${v}`);
  const risk =
    'groups split by the override are not isolated from each other: peer-to-peer DMA between them bypasses the IOMMU; assign such devices only to trusted guests, or move the card to a slot whose root port has ACS';
  if (enabledLines.length) {
    return {
      ...base,
      verdict: 'warn',
      evidence: [...evidence, `${f.kernelLog!.source}: ${enabledLines[0].trim()}`],
      fix: risk,
    };
  }
  if (unknownLines.length || f.acsOverridePatch === false) {
    if (unknownLines.length) evidence.push(`${f.kernelLog!.source}: ${unknownLines[0].trim()}`);
    if (patchEvidence) evidence.push(patchEvidence);
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: 'this kernel lacks the ACS override patch, so pcie_acs_override does nothing and the groups are unchanged: remove it, or boot a kernel that carries the patch (knowing the risk)',
    };
  }
  if (patchEvidence) evidence.push(patchEvidence);
  evidence.push('could not confirm from the kernel log whether the override is in effect');
  return { ...base, verdict: 'warn', evidence, fix: risk };
}
