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

export interface WalkOptions {
  /**
   * Records shared between devices and frozen: the same capability at the same offset is one
   * object for every device that has it (a scan for grouping, which adds no decoded registers).
   * Without it each record is the caller's own, to which `details` may be added.
   */
  shared?: boolean;
}

export function walkCapabilities(
  view: ConfigView,
  header: ConfigHeader,
  opts: WalkOptions = {},
): CapabilityWalk {
  const w: CapabilityWalk = { capabilities: [], unknown: [], problems: [] };
  const make = opts.shared ? sharedCapability : newCapability;
  walkStandard(view, header, w, make);
  walkExtended(view, w, make);
  if (opts.shared) w.capabilities = sharedList(w.capabilities);
  return w;
}

/**
 * One frozen list per sequence of shared records: the functions of one model have the same list,
 * so a large host holds a few dozen lists instead of one (with room for 17 records) per function.
 * Found through a trie keyed by the records themselves, so no key is built per device.
 */
interface ListNode {
  list?: readonly Capability[];
  next?: Map<Capability, ListNode>;
}
const LISTS: ListNode = {};
let listCount = 0;

function sharedList(caps: Capability[]): Capability[] {
  let node = LISTS;
  for (let i = 0; i < caps.length; i++) {
    const c = caps[i];
    let n = node.next?.get(c);
    if (n === undefined) {
      // Past the bound (only a damaged or crafted tree gets there) a list is the device's own.
      if (listCount >= SHARED_MAX) return caps;
      n = {};
      node.next ??= new Map();
      node.next.set(c, n);
    }
    node = n;
  }
  if (node.list === undefined) {
    node.list = Object.freeze(caps.slice());
    listCount++;
  }
  // Frozen: a caller that tried to change a shared list would throw rather than change others'.
  return node.list as Capability[];
}

type MakeCapability = (
  id: number,
  offset: number,
  extended: boolean,
  version: number | undefined,
) => Capability;

const newCapability: MakeCapability = (id, offset, extended, version) =>
  extended
    ? { id, offset, extended, version, name: capabilityName(id, true) }
    : { id, offset, extended, name: capabilityName(id, false) };

/**
 * The shared records, by their fields. A host has a few dozen distinct ones (one per capability and
 * offset its device models use), so a scan of thousands of functions keeps a few dozen objects
 * instead of three or four per function. Bounded: past the limit (only a damaged or crafted tree
 * gets there) records are made afresh.
 */
const SHARED = new Map<number, Capability>();
const SHARED_MAX = 4096;

const sharedCapability: MakeCapability = (id, offset, extended, version) => {
  // id 16 bits, offset 12 bits, version 4 bits, and the list: 33 bits, exact in a double.
  const key = ((extended ? 16 + (version ?? 0) : 0) * 0x10000 + id) * 0x1000 + offset;
  let cap = SHARED.get(key);
  if (cap === undefined) {
    cap = Object.freeze(newCapability(id, offset, extended, version));
    if (SHARED.size < SHARED_MAX) SHARED.set(key, cap);
  }
  return cap;
};

/** Whether the list already holds a capability of this kind at `pos` (a chain that loops). */
function visited(caps: Capability[], extended: boolean, pos: number): boolean {
  // Indexed: a for…of allocates an iterator result per step in the one-shot commands' unoptimised
  // code, and this runs for every capability of every function.
  for (let i = 0; i < caps.length; i++)
    if (caps[i].offset === pos && caps[i].extended === extended) return true;
  return false;
}

function walkStandard(view: ConfigView, header: ConfigHeader, w: CapabilityWalk, make: MakeCapability): void {
  if (!header.hasCapList) return;
  let pos = view.u8(header.capPointerOffset);
  if (pos === undefined) {
    w.unknown.push('capabilities');
    return;
  }
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
    if (visited(w.capabilities, false, pos)) {
      w.problems.push(`capability chain loops back to 0x${pos.toString(16)}`);
      return;
    }
    w.capabilities.push(make(id, pos, false, undefined));
    pos = ent >> 8;
  }
  w.problems.push('capability chain longer than 48 entries');
}

function walkExtended(view: ConfigView, w: CapabilityWalk, make: MakeCapability): void {
  if (view.size <= 0x100) {
    // 256 bytes is a complete conventional config space; fewer means the read was cut short
    // (non-root), so whether extended capabilities exist is unknown.
    if (view.size < 0x100) w.unknown.push('extended capabilities');
    return;
  }
  let pos = 0x100;
  for (let ttl = EXT_TTL; ttl > 0; ttl--) {
    const h = view.u32(pos);
    if (h === undefined) {
      w.unknown.push('extended capabilities');
      return;
    }
    if (h === 0 || h === 0xffffffff) return;
    if (visited(w.capabilities, true, pos)) {
      w.problems.push(`extended capability chain loops back to 0x${pos.toString(16)}`);
      return;
    }
    w.capabilities.push(make(h & 0xffff, pos, true, (h >>> 16) & 0xf));
    pos = (h >>> 20) & ~3;
    if (pos < 0x100) return;
  }
  w.problems.push('extended capability chain too long');
}
