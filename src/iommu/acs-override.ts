/**
 * The out-of-tree ACS override patch (`pcie_acs_override=`; carried by linux-zen, liquorix,
 * Proxmox-style and CachyOS kernels, never merged upstream). It adds one catch-all entry at the END
 * of the kernel's ACS quirk table, so a built-in quirk that answers first still wins. Its rules:
 * - never for conventional PCI devices, nor for any device that HAS an ACS capability (even with
 *   its controls switched off);
 * - `id:vvvv:dddd` (up to 15): that vendor:device claims full ACS, whatever its port type;
 * - `downstream`: every root port and switch downstream port claims full ACS;
 * - `multifunction`: every multifunction endpoint / upstream port / legacy or RC endpoint claims it.
 * Claiming is all it does: the hardware still lets peers talk to each other.
 */
import { quoteInput, UsageError } from '../errors.js';
import { formatIdPair } from '../pci/id.js';
import type { PciDevice } from '../pci/types.js';
import type { AcsQuirkEntry } from './acs-quirks.js';

export interface AcsOverride {
  downstream: boolean;
  multifunction: boolean;
  ids: { vendor: number; device: number }[];
}

/** The patch keeps 16 slots and refuses the last one. */
export const MAX_OVERRIDE_IDS = 15;

const ID = /^id:([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/;

/** Parse the parameter's value, e.g. "downstream,multifunction,id:10de:1b80". */
export function parseAcsOverride(value: string): AcsOverride {
  const o: AcsOverride = { downstream: false, multifunction: false, ids: [] };
  for (const raw of value.split(',')) {
    const t = raw.trim();
    if (!t) continue;
    if (t === 'downstream') o.downstream = true;
    else if (t === 'multifunction') o.multifunction = true;
    else {
      const m = ID.exec(t);
      if (!m) {
        throw new UsageError(`${quoteInput(t)} is not a pcie_acs_override mode`, {
          hint: 'use downstream, multifunction or id:vvvv:dddd (hex vendor:device), comma-separated',
          code: 'iommu.bad-override',
        });
      }
      if (o.ids.length >= MAX_OVERRIDE_IDS) {
        throw new UsageError(`pcie_acs_override takes at most ${MAX_OVERRIDE_IDS} ids`, {
          hint: 'the patch has 16 slots and ignores ids beyond the 15th',
          code: 'iommu.bad-override',
        });
      }
      o.ids.push({ vendor: parseInt(m[1], 16), device: parseInt(m[2], 16) });
    }
  }
  return o;
}

/** The override as it would appear on the kernel command line. */
export function formatAcsOverride(o: AcsOverride): string {
  const parts: string[] = [];
  if (o.downstream) parts.push('downstream');
  if (o.multifunction) parts.push('multifunction');
  for (const i of o.ids) parts.push(`id:${formatIdPair(i.vendor, i.device)}`);
  return parts.join(',');
}

/** `pcie_acs_override=...` from a kernel command line, if present (the last one wins, as early_param). */
export function overrideFromCmdline(cmdline: string | undefined): string | undefined {
  if (!cmdline) return undefined;
  let found: string | undefined;
  for (const w of cmdline.split(/\s+/)) if (w.startsWith('pcie_acs_override=')) found = w.slice(18);
  return found;
}

function overrideFn(o: AcsOverride) {
  return (d: PciDevice): number => {
    if (!d.pcie || d.acs) return -1;
    if (o.ids.some((i) => i.vendor === d.vendorId && i.device === d.deviceId)) return 1;
    switch (d.pcie.portType) {
      case 'downstream-port':
      case 'root-port':
        if (o.downstream) return 1;
        break;
      case 'endpoint':
      case 'upstream-port':
      case 'legacy-endpoint':
      case 'rc-integrated-endpoint':
        if (o.multifunction && d.multifunction) return 1;
        break;
    }
    return -1;
  };
}

/** The table entry the patch appends (vendor -1 = PCI_ANY_ID). */
export function overrideQuirk(o: AcsOverride): AcsQuirkEntry {
  return { vendor: -1, quirk: `pcie_acs_override=${formatAcsOverride(o)}`, fn: overrideFn(o) };
}
