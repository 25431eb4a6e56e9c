/**
 * The firmware side of IGD legacy mode (QEMU docs/igd-assign.txt, "Developer ABI"): from the two
 * fw_cfg files QEMU gives the guest, where a firmware must reserve memory and what it must write
 * back. etc/igd-opregion: a reserved region below 4 GiB (4 KiB alignment recommended) at least as
 * large as the file, the file copied into it, its address written to ASLS (config 0xFC).
 * etc/igd-bdsm-size: an 8-byte little-endian size; a reserved region below 4 GiB, 1 MiB aligned,
 * of that size, its base written to BDSM (dword at 0x5C; the qword at 0xC0 from gen 11,
 * hw/vfio/igd.c). A size of 0 asks for nothing (QEMU writes 0 for devices without a BDSM).
 */
import { VfiokitError } from '../errors.js';
import type { Iomem } from '../system/iomem.js';
import { hex, sizeText } from './registers.js';

export const FOUR_GIB = 0x1_0000_0000n;
const KiB4 = 0x1000n;
const MiB = 0x10_0000n;

/** etc/igd-bdsm-size: exactly 8 bytes, little-endian. */
export function parseBdsmSize(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) {
    throw new VfiokitError(`etc/igd-bdsm-size must be 8 bytes (a little-endian u64), not ${bytes.length}`, {
      code: 'igd.bdsm-size',
      hint: 'give the fw_cfg file itself (/sys/firmware/qemu_fw_cfg/by_name/etc/igd-bdsm-size/raw in the guest)',
    });
  }
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** A RAM range of the guest (inclusive end), below which reservations are carved. */
export interface RamRange {
  start: bigint;
  end: bigint;
}

/**
 * QEMU's default RAM split for a machine type: how much RAM sits below the 32-bit PCI hole.
 * i440fx (hw/i386/pc_piix.c): all of it up to 3.5 GiB, else 3 GiB (gigabyte alignment); q35
 * (hw/i386/pc_q35.c): up to 2.75 GiB, else 2 GiB. The firmware reserves out of the top of it.
 */
export function defaultLowRam(machine: 'pc' | 'q35', memoryBytes: bigint): RamRange {
  let low: bigint;
  if (machine === 'pc') low = memoryBytes >= 0xe000_0000n ? 0xc000_0000n : memoryBytes;
  else low = memoryBytes >= 0xb000_0000n ? 0x8000_0000n : memoryBytes;
  return { start: 0n, end: low - 1n };
}

/** The guest's RAM below 4 GiB from a /proc/iomem-style map: its top-level "System RAM" entries. */
export function lowRamFromIomem(iomem: Iomem): RamRange {
  if (iomem.zeroed) {
    throw new VfiokitError('the memory map shows every address as 0 (read without root)', {
      code: 'igd.memory-map',
      hint: 'read /proc/iomem as root',
    });
  }
  const ram = iomem.entries.filter(
    (e) => e.depth === 0 && /^System RAM$/i.test(e.name) && e.start < FOUR_GIB,
  );
  if (!ram.length) {
    throw new VfiokitError('the memory map has no "System RAM" below 4 GiB', {
      code: 'igd.memory-map',
      hint: 'give /proc/iomem of the guest, or --memory SIZE with --machine',
    });
  }
  const top = ram.reduce((a, b) => (b.end > a.end ? b : a));
  return { start: top.start, end: top.end < FOUR_GIB ? top.end : FOUR_GIB - 1n };
}

export interface PlanRegion {
  what: 'opregion' | 'stolen';
  start: string;
  end: string;
  size: number;
  alignment: number;
  register: { name: 'ASLS' | 'BDSM'; offset: string; width: 32 | 64; value: string };
  reason: string;
}

export interface IgdPlan {
  opregionBytes: number;
  bdsmSize: string;
  ram: { start: string; end: string };
  regions: PlanRegion[];
  steps: string[];
}

const alignDown = (v: bigint, a: bigint) => v - (v % a);

/**
 * Carve the stolen memory (1 MiB aligned) and then the OpRegion (4 KiB aligned) from the top of
 * the low RAM range, the place SeaBIOS takes them from. `bdsm64`: the device keeps a 64-bit BDSM.
 */
export function planIgd(opregionBytes: number, bdsmSize: bigint, ram: RamRange, bdsm64 = false): IgdPlan {
  if (opregionBytes <= 0) {
    throw new VfiokitError('etc/igd-opregion is empty', { code: 'igd.plan', hint: 'give the OpRegion file' });
  }
  const steps: string[] = [];
  const regions: PlanRegion[] = [];
  let top = ram.end + 1n;
  if (bdsmSize > 0n) top = carveStolen(bdsmSize, top, ram, bdsm64, regions, steps);
  else steps.push('etc/igd-bdsm-size is 0: no stolen memory to reserve, leave BDSM alone');
  const size = BigInt(opregionBytes);
  const base = top - size < ram.start ? -1n : alignDown(top - size, KiB4);
  if (base < ram.start) {
    throw new VfiokitError(`the ${opregionBytes}-byte OpRegion does not fit below ${hex(top)}`, {
      code: 'igd.plan',
      hint: 'give the guest more memory below 4 GiB',
    });
  }
  regions.push({
    what: 'opregion',
    start: hex(base),
    end: hex(base + size - 1n),
    size: opregionBytes,
    alignment: Number(KiB4),
    register: { name: 'ASLS', offset: '0xfc', width: 32, value: hex(base) },
    reason: 'etc/igd-opregion: below 4 GiB, 4 KiB aligned (recommended), at least the file size',
  });
  steps.push(
    `reserve ${hex(base)}-${hex(base + size - 1n)} (${sizeText(size)}) in the E820 map as reserved (ACPI NVS also works for the OpRegion)`,
    `copy etc/igd-opregion (${opregionBytes} bytes) to ${hex(base)}`,
    `write ${hex(base)} to ASLS (config 0xfc, 32-bit) of the IGD`,
  );
  return {
    opregionBytes,
    bdsmSize: hex(bdsmSize, 1),
    ram: { start: hex(ram.start), end: hex(ram.end) },
    regions,
    steps,
  };
}

/**
 * The stolen memory (BDSM) carved 1 MiB aligned from below `top`, as SeaBIOS does: its region and
 * steps recorded; returns its base, the new top for the OpRegion.
 */
function carveStolen(
  bdsmSize: bigint,
  top: bigint,
  ram: RamRange,
  bdsm64: boolean,
  regions: PlanRegion[],
  steps: string[],
): bigint {
  // Compare before aligning: a negative remainder would round a shortfall up to a fit.
  const base = top - bdsmSize < ram.start ? -1n : alignDown(top - bdsmSize, MiB);
  if (base < ram.start || base + bdsmSize > FOUR_GIB) {
    throw new VfiokitError(
      `${sizeText(bdsmSize)} of stolen memory does not fit in the RAM below 4 GiB (${hex(ram.start)}-${hex(ram.end)})`,
      {
        code: 'igd.plan',
        hint: 'give the guest more memory below 4 GiB, or a smaller DVMT pre-allocation',
      },
    );
  }
  const reg = bdsm64
    ? { name: 'BDSM' as const, offset: '0xc0', width: 64 as const, value: hex(base, 16) }
    : { name: 'BDSM' as const, offset: '0x5c', width: 32 as const, value: hex(base) };
  regions.push({
    what: 'stolen',
    start: hex(base),
    end: hex(base + bdsmSize - 1n),
    size: Number(bdsmSize),
    alignment: Number(MiB),
    register: reg,
    reason: 'etc/igd-bdsm-size: below 4 GiB, 1 MiB aligned, exactly the size in the file',
  });
  steps.push(
    `reserve ${hex(base)}-${hex(base + bdsmSize - 1n)} (${sizeText(bdsmSize)}) in the E820 map as reserved`,
    `write ${reg.value} to BDSM (config ${reg.offset}, ${reg.width}-bit) of the IGD at 00:02.0`,
  );
  return base;
}
