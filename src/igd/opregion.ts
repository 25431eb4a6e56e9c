/**
 * The Intel IGD OpRegion (the ACPI/firmware-to-driver table whose physical address is in ASLS,
 * config 0xFC) and the Video BIOS Table inside it, decoded from bytes. Pure; every read is
 * bounds-checked, and input that is not an OpRegion is a one-line VfiokitError.
 *
 * Layout (Linux drivers/gpu/drm/i915/display/intel_opregion.c): a 256-byte header, signature
 * "IntelGraphicsMem", u32 size in KiB at 0x10, version bytes (revision, minor, major) at
 * 0x15-0x17, u32 mailbox bits at 0x58. Mailboxes: #1 ACPI at 0x100, #2 SWSCI at 0x200, #3 ASLE at
 * 0x300, #4 VBT at 0x400, #5 ASLE_EXT at 0x1C00; the region is 8 KiB. From version 2.0 the ASLE
 * mailbox carries RVDA (u64 at 0x3BA) and RVDS (u32 at 0x3C2), an extended VBT outside mailbox #4:
 * an absolute physical address in 2.0, relative to the OpRegion from 2.1 (also
 * drivers/vfio/pci/vfio_pci_igd.c, which hands guests a 2.1 region with the VBT right after the
 * 8 KiB). VBT validity follows i915's intel_bios_is_valid_vbt(): "$VBT" signature, vbt_size within
 * the space, the BIOS data block header and its size within vbt_size.
 */
import { VfiokitError } from '../errors.js';

export const OPREGION_SIGNATURE = 'IntelGraphicsMem';
export const OPREGION_SIZE = 8 * 1024;
const HEADER_SIZE = 0x100;
const OPREGION_ASLE_OFFSET = 0x300;
const OPREGION_VBT_OFFSET = 0x400;
const OPREGION_ASLE_EXT_OFFSET = 0x1c00;
const OPREGION_RVDA = 0x3ba;
const OPREGION_RVDS = 0x3c2;
const VBT_HEADER_SIZE = 0x30;
const BDB_HEADER_SIZE = 22;

/** The mailbox bits of the header's MBOX field (intel_opregion.c MBOX_*). */
const MAILBOXES: { bit: number; id: string; name: string; offset: number }[] = [
  { bit: 0, id: 'acpi', name: 'Mailbox #1: public ACPI methods', offset: 0x100 },
  { bit: 1, id: 'swsci', name: 'Mailbox #2: SWSCI (obsolete from 2.x)', offset: 0x200 },
  {
    bit: 2,
    id: 'asle',
    name: 'Mailbox #3: ASLE (BIOS to driver notification)',
    offset: OPREGION_ASLE_OFFSET,
  },
  { bit: 3, id: 'vbt', name: 'Mailbox #4: VBT', offset: OPREGION_VBT_OFFSET },
  { bit: 4, id: 'asle-ext', name: 'Mailbox #5: ASLE extension', offset: OPREGION_ASLE_EXT_OFFSET },
  { bit: 5, id: 'backlight', name: 'Mailbox #2: backlight (from 3.x)', offset: 0x200 },
];

export interface VbtInfo {
  /** Where the VBT was looked for: mailbox #4, or the extended VBT named by RVDA/RVDS. */
  location: 'mailbox4' | 'extended';
  /** Offset of the VBT in the bytes given (undefined when it lies outside them). */
  offset?: number;
  /** Bytes available for it at that place. */
  space?: number;
  /** The 20-byte signature field (printable part), e.g. "$VBT SKYLAKE". */
  signature?: string;
  version?: number;
  headerSize?: number;
  vbtSize?: number;
  bdbOffset?: number;
  bdb?: { signature: string; version: number; headerSize: number; bdbSize: number };
  valid: boolean;
  /** Why the VBT is invalid or could not be examined (i915's reasons). */
  problem?: string;
}

export interface OpRegionInfo {
  /** Bytes given. */
  length: number;
  /** The header's size field (KiB) and what it means in bytes. */
  sizeKiB: number;
  declaredBytes: number;
  version: { major: number; minor: number; revision: number; text: string };
  mailboxBits: number;
  mailboxes: { id: string; name: string; offset: number }[];
  /** Extended VBT fields (version 2.0 and later, when the ASLE mailbox is present). */
  rvda?: string;
  rvds?: number;
  vbt: VbtInfo;
  /** Things worth a warning that do not stop decoding (a region cut short, bits with no meaning). */
  problems: string[];
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => BigInt(u32(b, o)) | (BigInt(u32(b, o + 4)) << 32n);

function printable(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s.trimEnd();
}

function opregionError(message: string, code: string, hint: string): VfiokitError {
  return new VfiokitError(message, { code: `igd.opregion.${code}`, hint });
}

/** Decode the VBT at `offset` with `space` bytes available (i915 intel_bios_is_valid_vbt()). */
export function decodeVbt(
  bytes: Uint8Array,
  offset: number,
  space: number,
  location: VbtInfo['location'],
): VbtInfo {
  const base: VbtInfo = { location, offset, space, valid: false };
  const avail = Math.min(space, bytes.length - offset);
  if (avail < VBT_HEADER_SIZE) {
    return { ...base, problem: `VBT header incomplete: ${Math.max(avail, 0)} of ${VBT_HEADER_SIZE} bytes` };
  }
  const sig = bytes.subarray(offset, offset + 20);
  const signature = printable(sig);
  if (!(sig[0] === 0x24 && sig[1] === 0x56 && sig[2] === 0x42 && sig[3] === 0x54)) {
    return { ...base, signature, problem: 'no "$VBT" signature' };
  }
  const info: VbtInfo = {
    ...base,
    signature,
    version: u16(bytes, offset + 0x14),
    headerSize: u16(bytes, offset + 0x16),
    vbtSize: u16(bytes, offset + 0x18),
    bdbOffset: u32(bytes, offset + 0x1c),
  };
  const vbtSize = info.vbtSize as number;
  const bdbOffset = info.bdbOffset as number;
  if (vbtSize > avail) {
    return { ...info, problem: `VBT incomplete: vbt_size ${vbtSize} is more than the ${avail} bytes there` };
  }
  if (bdbOffset + BDB_HEADER_SIZE > vbtSize) {
    return {
      ...info,
      problem: `BDB header incomplete: offset ${bdbOffset} + ${BDB_HEADER_SIZE} > vbt_size ${vbtSize}`,
    };
  }
  const b = offset + bdbOffset;
  const bdb = {
    signature: printable(bytes.subarray(b, b + 16)),
    version: u16(bytes, b + 16),
    headerSize: u16(bytes, b + 18),
    bdbSize: u16(bytes, b + 20),
  };
  if (bdbOffset + bdb.bdbSize > vbtSize) {
    return {
      ...info,
      bdb,
      problem: `BDB incomplete: offset ${bdbOffset} + bdb_size ${bdb.bdbSize} > vbt_size ${vbtSize}`,
    };
  }
  return { ...info, bdb, valid: true };
}

// long: the OpRegion's fields read in layout order, each a few lines
export function parseOpRegion(bytes: Uint8Array): OpRegionInfo {
  if (bytes.length < HEADER_SIZE) {
    throw opregionError(
      `not an OpRegion: ${bytes.length} bytes, the header alone is ${HEADER_SIZE}`,
      'truncated',
      'an OpRegion is 8 KiB (more with an extended VBT); read it whole (etc/igd-opregion, i915_opregion)',
    );
  }
  const sig = String.fromCharCode(...bytes.subarray(0, 16));
  if (sig !== OPREGION_SIGNATURE) {
    throw opregionError(
      `not an OpRegion: the signature is ${JSON.stringify(printable(bytes.subarray(0, 16)))}, not "${OPREGION_SIGNATURE}"`,
      'signature',
      'give the OpRegion itself: the fw_cfg file etc/igd-opregion, or /sys/kernel/debug/dri/N/i915_opregion',
    );
  }
  const sizeKiB = u32(bytes, 0x10);
  if (sizeKiB === 0) {
    // vfio-pci refuses such a region (vfio_pci_igd_opregion_init(): -EINVAL on size 0).
    throw opregionError(
      'the OpRegion header gives size 0',
      'size',
      'the firmware did not fill in the OpRegion header',
    );
  }
  const problems: string[] = [];
  const version = {
    revision: bytes[0x15],
    minor: bytes[0x16],
    major: bytes[0x17],
    text: `${bytes[0x17]}.${bytes[0x16]}.${bytes[0x15]}`,
  };
  const declaredBytes = sizeKiB * 1024;
  if (declaredBytes > bytes.length) {
    problems.push(`the header declares ${sizeKiB} KiB but only ${bytes.length} bytes were given`);
  }
  const mailboxBits = u32(bytes, 0x58);
  const mailboxes = MAILBOXES.filter((m) => (mailboxBits >>> m.bit) & 1).map(({ id, name, offset }) => ({
    id,
    name,
    offset,
  }));
  const unknownBits = mailboxBits & ~0x3f;
  if (unknownBits) problems.push(`mailbox bits 0x${unknownBits.toString(16)} have no meaning in i915`);
  for (const m of mailboxes) {
    if (m.offset + 1 > bytes.length)
      problems.push(`${m.name} at 0x${m.offset.toString(16)} is beyond the bytes given`);
  }

  const out: OpRegionInfo = {
    length: bytes.length,
    sizeKiB,
    declaredBytes,
    version,
    mailboxBits,
    mailboxes,
    vbt: { location: 'mailbox4', valid: false },
    problems,
  };
  const hasAsle = (mailboxBits & (1 << 2)) !== 0;
  if (version.major >= 2 && hasAsle && bytes.length >= OPREGION_RVDS + 4) {
    const rvda = u64(bytes, OPREGION_RVDA);
    const rvds = u32(bytes, OPREGION_RVDS);
    if (rvda && rvds) {
      out.rvda = `0x${rvda.toString(16)}`;
      out.rvds = rvds;
      if (version.major === 2 && version.minor === 0) {
        out.vbt = {
          location: 'extended',
          valid: false,
          problem: `OpRegion 2.0 names its extended VBT by physical address ${out.rvda}, outside these bytes`,
        };
        return out;
      }
      if (rvda > BigInt(bytes.length)) {
        out.vbt = {
          location: 'extended',
          valid: false,
          problem: `the extended VBT at offset ${out.rvda} (${rvds} bytes) is beyond the ${bytes.length} bytes given`,
        };
        return out;
      }
      out.vbt = decodeVbt(bytes, Number(rvda), rvds, 'extended');
      return out;
    }
  }
  // Mailbox #4 runs to the ASLE extension when there is one, else to the end of the 8 KiB.
  const end = mailboxBits & (1 << 4) ? OPREGION_ASLE_EXT_OFFSET : OPREGION_SIZE;
  if (bytes.length <= OPREGION_VBT_OFFSET) {
    out.vbt = { location: 'mailbox4', valid: false, problem: 'the bytes given end before mailbox #4' };
  } else {
    out.vbt = decodeVbt(bytes, OPREGION_VBT_OFFSET, end - OPREGION_VBT_OFFSET, 'mailbox4');
  }
  return out;
}
