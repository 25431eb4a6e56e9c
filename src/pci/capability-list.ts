/**
 * Walk the standard capability list (from the pointer at 0x34, entries at 0x40..0xff) and the
 * extended list (from 0x100). The walk follows the kernel's rules (drivers/pci/pci.c
 * __pci_find_next_cap_ttl and pci_find_next_ext_capability): pointers below 0x40 (resp. 0x100)
 * end a list, the low two bits of a pointer are ignored, ID 0xff ends the standard list, a zero
 * or all-ones extended header ends the extended list, and a bounded number of steps (48 and
 * (4096-256)/8) stops a looping chain. When the bytes run out before the list ends, the rest is
 * reported as unknown rather than guessed.
 */
import { capabilityName } from './capability-names.js';
import type { ConfigView } from './config-view.js';
import type { ConfigHeader } from './header.js';
import type { Capability } from './types.js';

export interface CapabilityWalk {
  capabilities: Capability[];
  /** Lists that could not be read to their end: "capabilities", "extended capabilities". */
  unknown: string[];
  /** A chain looped or pointed into the header: the list is cut where that happened. */
  problems: string[];
}

const CAP_TTL = 48;
const EXT_TTL = (4096 - 256) / 8;

export function walkCapabilities(view: ConfigView, header: ConfigHeader): CapabilityWalk {
  const w: CapabilityWalk = { capabilities: [], unknown: [], problems: [] };
  walkStandard(view, header, w);
  walkExtended(view, w);
  return w;
}

function walkStandard(view: ConfigView, header: ConfigHeader, w: CapabilityWalk): void {
  if (!header.hasCapList) return;
  let pos = view.u8(header.capPointerOffset);
  if (pos === undefined) {
    w.unknown.push('capabilities');
    return;
  }
  const seen = new Set<number>();
  for (let ttl = CAP_TTL; ttl > 0; ttl--) {
    if (pos < 0x40) return;
    pos &= ~3;
    const ent = view.u16(pos);
    if (ent === undefined) {
      w.unknown.push('capabilities');
      return;
    }
    const id = ent & 0xff;
    if (id === 0xff) return;
    if (seen.has(pos)) {
      w.problems.push(`capability chain loops back to 0x${pos.toString(16)}`);
      return;
    }
    seen.add(pos);
    w.capabilities.push({ id, offset: pos, extended: false, name: capabilityName(id, false) });
    pos = ent >> 8;
  }
  w.problems.push('capability chain longer than 48 entries');
}

function walkExtended(view: ConfigView, w: CapabilityWalk): void {
  if (view.size <= 0x100) {
    // 256 bytes is a complete conventional config space; fewer means the read was cut short
    // (non-root), so whether extended capabilities exist is unknown.
    if (view.size < 0x100) w.unknown.push('extended capabilities');
    return;
  }
  let pos = 0x100;
  const seen = new Set<number>();
  for (let ttl = EXT_TTL; ttl > 0; ttl--) {
    const h = view.u32(pos);
    if (h === undefined) {
      w.unknown.push('extended capabilities');
      return;
    }
    if (h === 0 || h === 0xffffffff) return;
    if (seen.has(pos)) {
      w.problems.push(`extended capability chain loops back to 0x${pos.toString(16)}`);
      return;
    }
    seen.add(pos);
    const id = h & 0xffff;
    w.capabilities.push({
      id,
      offset: pos,
      extended: true,
      version: (h >>> 16) & 0xf,
      name: capabilityName(id, true),
    });
    pos = (h >>> 20) & ~3;
    if (pos < 0x100) return;
  }
  w.problems.push('extended capability chain too long');
}
