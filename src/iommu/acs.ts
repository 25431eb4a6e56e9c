/**
 * Whether a device isolates peer-to-peer traffic, as the kernel decides it for IOMMU grouping:
 * pci_acs_enabled(), pci_acs_flags_enabled() and pci_acs_path_enabled() in drivers/pci/pci.c.
 * Every answer carries its reason and the register values, so `explain` can show the evidence.
 */
import type { PciDevice } from '../pci/types.js';
import { ACS_EC, acsFlagNames, formatRegister16 } from './acs-flags.js';
import { ACS_QUIRKS, type AcsQuirkEntry, type QuirkEnv, quirkAcsEnabled } from './acs-quirks.js';
import type { Topology } from './topology.js';

export type AcsReason =
  | 'quirk' // a pci_dev_acs_enabled[] entry (or the override patch) answered
  | 'conventional-pci' // not PCI Express: a shared bus never isolates
  | 'bridge-type' // PCIe-to-PCI / PCI-to-PCIe bridge or RC event collector: never isolates
  | 'no-acs-capability' // a port or multifunction device without the ACS capability
  | 'acs-controls' // judged by the ACS capability and control registers
  | 'single-function'; // a single-function endpoint: nothing to redirect, counts as isolated

export interface AcsVerdict {
  enabled: boolean;
  reason: AcsReason;
  /** The quirk (kernel function name, or the override) that answered. */
  quirk?: string;
  /** The controls asked for after dropping those the device does not implement. */
  required?: number;
  /** Required controls that are not switched on. */
  missing?: number;
  capRegister?: number;
  ctrlRegister?: number;
}

export interface AcsContext {
  env: QuirkEnv;
  table: AcsQuirkEntry[];
  topo: Topology;
}

export function acsContext(topo: Topology, env: QuirkEnv, extra: AcsQuirkEntry[] = []): AcsContext {
  return { env, topo, table: extra.length ? [...ACS_QUIRKS, ...extra] : ACS_QUIRKS };
}

// Controls a device does not implement cannot be switched on; the kernel treats them as
// hard-wired on and only requires those listed in the capability register (except EC, which is
// never implied). pci_acs_flags_enabled().
function flagsEnabled(d: PciDevice, flags: number): AcsVerdict {
  if (!d.acs) return { enabled: false, reason: 'no-acs-capability' };
  const required = flags & (d.acs.capRegister | ACS_EC);
  const missing = required & ~d.acs.ctrlRegister;
  return {
    enabled: missing === 0,
    reason: 'acs-controls',
    required,
    missing,
    capRegister: d.acs.capRegister,
    ctrlRegister: d.acs.ctrlRegister,
  };
}

/** pci_acs_enabled(pdev, flags). */
export function acsEnabled(d: PciDevice, flags: number, ctx: AcsContext): AcsVerdict {
  const q = quirkAcsEnabled(d, flags, ctx.env, ctx.topo.onRootBus(d), ctx.table);
  if (q) return { enabled: q.enabled, reason: 'quirk', quirk: q.quirk };
  if (!d.pcie) return { enabled: false, reason: 'conventional-pci' };
  switch (d.pcie.portType) {
    case 'pci-to-pcie-bridge':
    case 'pcie-to-pci-bridge':
    case 'rc-event-collector':
      return { enabled: false, reason: 'bridge-type' };
    case 'downstream-port':
    case 'root-port':
      return flagsEnabled(d, flags);
    case 'endpoint':
    case 'upstream-port':
    case 'legacy-endpoint':
    case 'rc-integrated-endpoint':
      if (d.multifunction) return flagsEnabled(d, flags);
      break;
  }
  return { enabled: true, reason: 'single-function' };
}

export interface PathVerdict {
  enabled: boolean;
  /** The device where the path stopped isolating, with the reason. */
  breaksAt?: PciDevice;
  verdict?: AcsVerdict;
}

/** pci_acs_path_enabled(start, NULL, flags): every device from `start` up to the root bus. */
export function acsPathEnabled(start: PciDevice, flags: number, ctx: AcsContext): PathVerdict {
  let d: PciDevice | undefined = start;
  while (d) {
    const v = acsEnabled(d, flags, ctx);
    if (!v.enabled) return { enabled: false, breaksAt: d, verdict: v };
    if (ctx.topo.onRootBus(d)) return { enabled: true };
    d = ctx.topo.parent(d);
  }
  // A parent missing from the scan: the kernel would have it; treat the unknown as not isolating.
  return { enabled: false };
}

/** One line of evidence, e.g. "ACS cap 0x001f ctrl 0x0000: SV RR CR UF not enabled". */
export function describeAcsVerdict(v: AcsVerdict): string {
  switch (v.reason) {
    case 'quirk':
      return `kernel quirk ${v.quirk} says ${v.enabled ? 'isolated' : 'not isolated'}`;
    case 'conventional-pci':
      return 'conventional PCI (no PCI Express capability): a shared bus never isolates';
    case 'bridge-type':
      return 'PCIe/PCI bridge type: the kernel never counts it as isolating';
    case 'no-acs-capability':
      return 'no ACS capability';
    case 'single-function':
      return 'single-function device: no internal peer-to-peer';
    case 'acs-controls': {
      const regs = `ACS cap ${formatRegister16(v.capRegister ?? 0)} ctrl ${formatRegister16(v.ctrlRegister ?? 0)}`;
      if (!v.required) return `${regs}: none of the controls implemented, so treated as hard-wired on`;
      return v.enabled
        ? `${regs}: ${acsFlagNames(v.required ?? 0)} enabled`
        : `${regs}: ${acsFlagNames(v.missing ?? 0)} not enabled`;
    }
  }
}
