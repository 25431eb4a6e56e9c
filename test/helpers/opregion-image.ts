/**
 * Constructed IGD OpRegions for tests: the layout of Linux i915's intel_opregion.c (256-byte
 * header "IntelGraphicsMem", size in KiB at 0x10, version bytes at 0x15-0x17, mailbox bits at
 * 0x58, ASLE at 0x300 with RVDA 0x3BA / RVDS 0x3C2, VBT in mailbox #4 at 0x400) and a VBT with
 * intel_vbt_defs.h's headers ("$VBT" header of 0x30 bytes, "BIOS_DATA_BLOCK " header of 22).
 * Written independently of src/igd/opregion.ts from those structure definitions.
 */

export interface VbtSpec {
  /** 20-byte signature field text (default "$VBT SKYLAKE"). */
  signature?: string;
  version?: number;
  /** Total VBT size (default 0x800). */
  vbtSize?: number;
  bdbOffset?: number;
  bdbVersion?: number;
  bdbSize?: number;
}

export interface OpRegionSpec {
  sizeKiB?: number;
  version?: [major: number, minor: number, revision: number];
  mailboxes?: number;
  /** Where the VBT goes: mailbox #4 (default) or after the 8 KiB as an extended VBT (2.1+). */
  vbt?: VbtSpec | false;
  extended?: boolean;
  /** Absolute RVDA for a 2.0 region. */
  rvdaAbsolute?: bigint;
  /** Total bytes (default 8 KiB, plus the extended VBT). */
  length?: number;
}

function put(b: Uint8Array, o: number, v: number, n: number) {
  for (let i = 0; i < n; i++) b[o + i] = Math.floor(v / 256 ** i) & 0xff;
}

export function buildVbt(v: VbtSpec = {}): Uint8Array {
  const size = v.vbtSize ?? 0x800;
  const b = new Uint8Array(size);
  const sig = (v.signature ?? '$VBT SKYLAKE').padEnd(20, '\0').slice(0, 20);
  for (let i = 0; i < 20; i++) b[i] = sig.charCodeAt(i);
  put(b, 0x14, v.version ?? 100, 2);
  put(b, 0x16, 0x30, 2);
  put(b, 0x18, size, 2);
  const bdb = v.bdbOffset ?? 0x30;
  put(b, 0x1c, bdb, 4);
  if (bdb + 22 <= size) {
    const s = 'BIOS_DATA_BLOCK ';
    for (let i = 0; i < 16; i++) b[bdb + i] = s.charCodeAt(i);
    put(b, bdb + 16, v.bdbVersion ?? 221, 2);
    put(b, bdb + 18, 22, 2);
    put(b, bdb + 20, v.bdbSize ?? size - bdb, 2);
  }
  return b;
}

export function buildOpRegion(spec: OpRegionSpec = {}): Uint8Array {
  const vbt = spec.vbt === false ? undefined : buildVbt(spec.vbt);
  const ext = spec.extended && vbt ? vbt.length : 0;
  const len = spec.length ?? 8192 + ext;
  const b = new Uint8Array(len);
  const sig = 'IntelGraphicsMem';
  for (let i = 0; i < 16; i++) b[i] = sig.charCodeAt(i);
  put(b, 0x10, spec.sizeKiB ?? 8, 4);
  const [major, minor, rev] = spec.version ?? [2, 1, 0];
  b[0x15] = rev;
  b[0x16] = minor;
  b[0x17] = major;
  put(b, 0x58, spec.mailboxes ?? 0b1101, 4); // ACPI, ASLE, VBT
  if (spec.rvdaAbsolute !== undefined && vbt) {
    put(b, 0x3ba, Number(spec.rvdaAbsolute & 0xffffffffn), 4);
    put(b, 0x3be, Number(spec.rvdaAbsolute >> 32n), 4);
    put(b, 0x3c2, vbt.length, 4);
  } else if (spec.extended && vbt) {
    put(b, 0x3ba, 8192, 4);
    put(b, 0x3c2, vbt.length, 4);
    b.set(vbt.subarray(0, Math.max(0, Math.min(vbt.length, len - 8192))), 8192);
  } else if (vbt) {
    b.set(vbt.subarray(0, Math.min(vbt.length, Math.max(0, len - 0x400))), 0x400);
  }
  return b;
}
