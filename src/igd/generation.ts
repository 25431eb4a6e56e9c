/**
 * Which Intel integrated graphics generation a device ID belongs to, by the same rule QEMU uses to
 * pick the register layout (qemu/qemu hw/vfio/igd.c igd_gen(), QEMU 10: the high byte of the
 * device ID, with Apollo Lake matched first on bits 11:1 because its IDs share Haswell's 0x0a
 * prefix). Generation numbers are i915's (include/drm/i915_pciids.h). An ID outside the table is
 * not guessed: QEMU itself answers -1 for it and applies no generation-specific handling.
 */

export interface IgdGeneration {
  /** i915 graphics generation (6 = Sandy/Ivy Bridge ... 12 = Tiger Lake to Raptor Lake). */
  gen: number;
  /** Platform names sharing the ID prefix, as QEMU's table names them. */
  family: string;
  /** The rule that matched, e.g. "device & 0xff00 == 0x1900". */
  rule: string;
}

/** QEMU 10 hw/vfio/igd.c igd_gen(): device-ID high byte → generation. */
const BY_PREFIX: [number, number, string][] = [
  [0x0100, 6, 'Sandy Bridge / Ivy Bridge'],
  [0x0400, 7, 'Haswell'],
  [0x0a00, 7, 'Haswell'],
  [0x0c00, 7, 'Haswell'],
  [0x0d00, 7, 'Haswell'],
  [0x0f00, 7, 'Valleyview / Bay Trail'],
  [0x1600, 8, 'Broadwell'],
  [0x2200, 8, 'Cherryview / Braswell'],
  [0x1900, 9, 'Skylake'],
  [0x3100, 9, 'Gemini Lake'],
  [0x5900, 9, 'Kaby Lake'],
  [0x3e00, 9, 'Coffee Lake'],
  [0x9b00, 9, 'Comet Lake'],
  [0x8a00, 11, 'Ice Lake'],
  [0x4500, 11, 'Elkhart Lake'],
  [0x4e00, 11, 'Jasper Lake'],
  [0x9a00, 12, 'Tiger Lake'],
  [0x4c00, 12, 'Rocket Lake'],
  [0x4600, 12, 'Alder Lake'],
  [0xa700, 12, 'Raptor Lake'],
];

export function igdGeneration(deviceId: number): IgdGeneration | undefined {
  // Apollo Lake / Broxton: 0x0a84, 0x1a84, 0x1a85, 0x5a84, 0x5a85 (QEMU matches bits 11:1).
  if ((deviceId & 0xffe) === 0xa84) {
    return { gen: 9, family: 'Apollo Lake / Broxton', rule: 'device & 0xffe == 0xa84' };
  }
  const hit = BY_PREFIX.find(([prefix]) => (deviceId & 0xff00) === prefix);
  if (!hit) return undefined;
  return {
    gen: hit[1],
    family: hit[2],
    rule: `device & 0xff00 == 0x${hit[0].toString(16).padStart(4, '0')}`,
  };
}

/**
 * QEMU enables legacy mode by itself only for generations 6 to 9 (hw/vfio/igd.c
 * vfio_pci_igd_config_quirk(): "Device generation is 6 to 9"); newer devices need
 * x-igd-legacy-mode=on and are not the documented case.
 */
export const LEGACY_AUTO_GENERATIONS = { min: 6, max: 9 } as const;

/** Intel's guest drivers support UPT mode from Broadwell (gen 8) on (QEMU docs/igd-assign.txt). */
export const UPT_MIN_GENERATION = 8;

/** From gen 11 the stolen-memory base is a 64-bit register at 0xC0 instead of the dword at 0x5C. */
export const BDSM64_MIN_GENERATION = 11;
