/**
 * The IGD's own config-space registers that assignment depends on, decoded from config bytes
 * (pure; the bytes come from sysfs through host/). Offsets and field layouts are QEMU's
 * (hw/vfio/igd.c: IGD_GMCH 0x50, IGD_BDSM 0x5c, IGD_BDSM_GEN11 0xc0, IGD_ASLS 0xfc) and the
 * kernel's (drivers/vfio/pci/vfio_pci_igd.c: OPREGION_PCI_ADDR 0xfc).
 */
import { BDSM64_MIN_GENERATION } from './generation.js';

export const IGD_GMCH = 0x50;
export const IGD_BDSM = 0x5c;
export const IGD_BDSM_GEN11 = 0xc0;
export const IGD_ASLS = 0xfc;

const MiB = 1024 * 1024;

export interface GmchDecode {
  /** The 16-bit Graphics Control register (GGC) as read. */
  raw: number;
  /** Bit 1, IGD VGA Disable: set, the device does not claim legacy VGA cycles. */
  vgaDisabled: boolean;
  /** Graphics Mode Select: the stolen-memory field (bits 7:3 before gen 8, bits 15:8 from gen 8). */
  gms: number;
  /** Data stolen memory in bytes, as QEMU computes it for etc/igd-bdsm-size. */
  stolenBytes: number;
  /** The GMS value is one of the encodings the generation documents (QEMU's x-igd-gms ranges). */
  plausible: boolean;
}

/**
 * Stolen-memory size from GGC for a generation (QEMU hw/vfio/igd.c igd_stolen_memory_size()):
 * before gen 8 GMS is bits 7:3, from gen 8 bits 15:8; in 32 MiB steps, and from gen 9 the values
 * 0xf0-0xfe are 4 MiB steps starting at 4 MiB.
 */
export function decodeGmch(raw: number, gen: number): GmchDecode {
  const gms = gen < 8 ? (raw >> 3) & 0x1f : (raw >> 8) & 0xff;
  let stolenBytes: number;
  if (gen >= 9 && gms >= 0xf0) stolenBytes = (gms - 0xf0 + 1) * 4 * MiB;
  else stolenBytes = gms * 32 * MiB;
  // The ranges QEMU accepts for x-igd-gms (vfio_pci_igd_override_gms()): what the hardware encodes.
  const plausible =
    gen < 8 ? gms <= 0x10 : gen === 8 ? gms <= 0x40 : gms <= 0x40 || (gms >= 0xf0 && gms <= 0xfe);
  return { raw, vgaDisabled: (raw & 0x2) !== 0, gms, stolenBytes, plausible };
}

export interface IgdRegisters {
  gmch?: GmchDecode;
  /** Base of data stolen memory (bits 31:20 of 0x5C, or 63:20 of 0xC0 from gen 11). */
  bdsm?: { offset: number; raw: bigint; base: bigint; locked: boolean; width: 32 | 64 };
  /** ASLS: the OpRegion's physical address; undefined when unreadable, null when none is set. */
  asls?: number | null;
  /** Why a register is missing (config space shorter than the register, no generation known). */
  unknown: string[];
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

export function decodeIgdRegisters(config: Uint8Array | undefined, gen: number | undefined): IgdRegisters {
  const unknown: string[] = [];
  const out: IgdRegisters = { unknown };
  if (!config) {
    unknown.push('config space could not be read');
    return out;
  }
  const have = (o: number, n: number, what: string) => {
    if (config.length >= o + n) return true;
    unknown.push(
      `${what} (0x${o.toString(16)}) is beyond the ${config.length} bytes of config space read (a non-root read gives 64; read as root)`,
    );
    return false;
  };
  if (have(IGD_ASLS, 4, 'ASLS')) {
    const v = u32(config, IGD_ASLS);
    // vfio-pci treats 0 and all-ones as "no OpRegion" (vfio_pci_igd_opregion_init()).
    out.asls = v === 0 || v === 0xffffffff ? null : v;
  }
  if (gen === undefined) {
    unknown.push('GMCH and BDSM layouts depend on the generation, which this device ID does not tell');
    return out;
  }
  if (have(IGD_GMCH, 2, 'GMCH')) out.gmch = decodeGmch(u16(config, IGD_GMCH), gen);
  if (gen >= BDSM64_MIN_GENERATION) {
    if (have(IGD_BDSM_GEN11, 8, 'BDSM')) {
      const raw = BigInt(u32(config, IGD_BDSM_GEN11)) | (BigInt(u32(config, IGD_BDSM_GEN11 + 4)) << 32n);
      out.bdsm = { offset: IGD_BDSM_GEN11, raw, base: raw & ~0xfffffn, locked: (raw & 1n) === 1n, width: 64 };
    }
  } else if (have(IGD_BDSM, 4, 'BDSM')) {
    const raw = BigInt(u32(config, IGD_BDSM));
    out.bdsm = { offset: IGD_BDSM, raw, base: raw & 0xfff00000n, locked: (raw & 1n) === 1n, width: 32 };
  }
  return out;
}

export const hex = (v: number | bigint, width = 8) => `0x${v.toString(16).padStart(width, '0')}`;

export function sizeText(bytes: number | bigint): string {
  const n = Number(bytes);
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
