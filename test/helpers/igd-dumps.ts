/**
 * Config-space dumps of Intel IGD hosts copied from public reports (test/fixtures/igd/dumps/, with
 * their sources in README.md there). A dump file holds `# comment` lines, `@ BB:DD.F …` lines that
 * name the function the following rows belong to, and the rows exactly as they were posted: lspci
 * -xxx rows ("50: 11 02 00 00 …"), pci=earlydump rows ("00000050: c1 02 00 00 <- note") or AIDA64
 * "Debug - PCI" rows ("Offset 050:  09 02 00 00  19 00 00 00 …").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './cli.js';

export const DUMP_DIR = path.join(repoRoot, 'test/fixtures/igd/dumps');

/** One function's config bytes as posted, by "BB:DD.F". */
export type ConfigDump = Map<string, Uint8Array>;

/**
 * Parse a dump file. Every function must have a contiguous run of rows from offset 0 covering at
 * least the 256 bytes of the PCI header and device-specific space: a dump that skips or repeats
 * a byte is rejected rather than half-used.
 */
export function parseConfigDump(text: string, what = 'dump'): ConfigDump {
  const out: ConfigDump = new Map();
  const rows = new Map<string, Map<number, number>>();
  let current: string | undefined;
  for (const [i, line] of text.split('\n').entries()) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const head = /^@ ([0-9a-f]{2}:[0-1][0-9a-f]\.[0-7])\b/.exec(line);
    if (head) {
      current = head[1];
      if (!rows.has(current)) rows.set(current, new Map());
      continue;
    }
    // lspci and earlydump rows ("50: 11 02 …", "00000050: c1 02 00 00 <- note") and AIDA64's
    // "Offset 050:  09 02 00 00  19 00 …" (bytes in groups of four, two spaces between groups).
    const row = /^\s*(?:Offset )?([0-9a-f]+):((?: {1,2}[0-9a-f]{2})+)(?:\s|$)/i.exec(line);
    if (!row || !current) throw new Error(`${what}:${i + 1}: not a config row: ${JSON.stringify(line)}`);
    const at = Number.parseInt(row[1], 16);
    const bytes = row[2].trim().split(/ +/);
    const m = rows.get(current) as Map<number, number>;
    for (const [k, b] of bytes.entries()) {
      if (m.has(at + k)) throw new Error(`${what}:${i + 1}: offset 0x${(at + k).toString(16)} given twice`);
      m.set(at + k, Number.parseInt(b, 16));
    }
  }
  for (const [fn, m] of rows) {
    const size = m.size;
    if (size < 256) throw new Error(`${what}: ${fn} has ${size} bytes, fewer than 256`);
    const b = new Uint8Array(size);
    for (let o = 0; o < size; o++) {
      const v = m.get(o);
      if (v === undefined) throw new Error(`${what}: ${fn} lacks offset 0x${o.toString(16)}`);
      b[o] = v;
    }
    out.set(fn, b);
  }
  return out;
}

export function readConfigDump(file: string): ConfigDump {
  return parseConfigDump(fs.readFileSync(path.join(DUMP_DIR, file), 'utf8'), file);
}

export const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/**
 * What a public report states about an IGD host when it posted no config dump: the `lspci -n`
 * lines of the functions assignment looks at, the `lspci -vv` memory regions of 00:02.0, and
 * /proc/iomem lines, among them the "Graphics Stolen Memory" range i915 reserves. That range is
 * the data stolen memory exactly as the kernel found it: its start is BDSM's base field and its
 * size what GGC's GMS field encodes (arch/x86/kernel/early-quirks.c reserves
 * [BDSM base, base + gen9_stolen_size()) and i915 requests the same range by that name).
 *
 * A values file holds `# comment` lines, `@ lspci-n`, `@ lspci-vv 00:02.0` and `@ iomem` section
 * lines, and the report's lines under them as posted (iomem nesting kept as two spaces a level).
 */
export interface IgdValues {
  /** By "BB:DD.F": class (e.g. 0x0300), vendor, device, revision (lspci omits it when zero). */
  functions: Map<string, { cls: number; vendor: number; device: number; revision: number }>;
  /** 00:02.0's memory BARs by index, as lspci -vv gave them. */
  bars: Map<number, { start: bigint; size: bigint; is64: boolean; prefetchable: boolean }>;
  iomem: { start: bigint; end: bigint; name: string; depth: number; line: number }[];
  /** The data stolen memory: base and size, with i915's one-byte inset (see below) undone. */
  stolen: { base: bigint; size: bigint; text: string };
}

const MIB = 1n << 20n;
const SIZE_UNIT: Record<string, bigint> = { '': 1n, K: 1n << 10n, M: MIB, G: 1n << 30n };

/**
 * Parse a values file. Input that does not hold together is refused, not half-used: an unknown
 * line, a function, region or stolen range given twice, an iomem line outside its parent or out
 * of order, a region not aligned to its size or not matching its iomem line, a stolen range that
 * is not whole MiB or lies outside the firmware's Reserved range.
 */
export function parseIgdValues(text: string, what = 'values'): IgdValues {
  const functions: IgdValues['functions'] = new Map();
  const bars: IgdValues['bars'] = new Map();
  const iomem: IgdValues['iomem'] = [];
  let section: 'lspci-n' | 'lspci-vv' | 'iomem' | undefined;
  const fail = (n: number, why: string): never => {
    throw new Error(`${what}:${n}: ${why}`);
  };
  for (const [i, line] of text.split('\n').entries()) {
    const n = i + 1;
    if (line.startsWith('#') || line.trim() === '') continue;
    const head = /^@ (lspci-n|lspci-vv 00:02\.0|iomem)$/.exec(line);
    if (head) {
      section = head[1] === 'lspci-n' ? 'lspci-n' : head[1] === 'iomem' ? 'iomem' : 'lspci-vv';
      continue;
    }
    if (section === 'lspci-n') {
      // "00:02.0 0300: 8086:5917 (rev 07)"
      const m =
        /^([0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]) ([0-9a-f]{4}): ([0-9a-f]{4}):([0-9a-f]{4})(?: \(rev ([0-9a-f]{2})\))?$/.exec(
          line,
        );
      if (!m) fail(n, `not an lspci -n line: ${JSON.stringify(line)}`);
      const [, fn, cls, vendor, device, rev] = m as RegExpExecArray;
      if (functions.has(fn)) fail(n, `${fn} given twice`);
      functions.set(fn, {
        cls: Number.parseInt(cls, 16),
        vendor: Number.parseInt(vendor, 16),
        device: Number.parseInt(device, 16),
        revision: rev === undefined ? 0 : Number.parseInt(rev, 16),
      });
    } else if (section === 'lspci-vv') {
      // "Region 2: Memory at c0000000 (64-bit, prefetchable) [size=256M]"
      const m =
        /^Region ([0-5]): Memory at ([0-9a-f]+) \((32|64)-bit, (non-prefetchable|prefetchable)\) \[size=(\d+)([KMG]?)\]$/.exec(
          line,
        );
      if (!m) fail(n, `not an lspci -vv memory region line: ${JSON.stringify(line)}`);
      const [, idx, addr, bits, pf, count, unit] = m as RegExpExecArray;
      const index = Number(idx);
      const start = BigInt(`0x${addr}`);
      const size = BigInt(count) * SIZE_UNIT[unit];
      if (bars.has(index)) fail(n, `region ${index} given twice`);
      // A BAR's base is aligned to its size (PCI Local Bus spec, base address registers).
      if (size === 0n || start % size !== 0n)
        fail(n, `region ${index} at ${addr} is not aligned to its size`);
      bars.set(index, { start, size, is64: bits === '64', prefetchable: pf === 'prefetchable' });
    } else if (section === 'iomem') {
      // "  8c000000-8fffffff : Graphics Stolen Memory": nesting is two spaces a level.
      const m = /^((?: {2})*)([0-9a-f]+)-([0-9a-f]+) : (\S.*)$/.exec(line);
      if (!m) fail(n, `not a /proc/iomem line: ${JSON.stringify(line)}`);
      const [, indent, s, e, name] = m as RegExpExecArray;
      const entry = {
        start: BigInt(`0x${s}`),
        end: BigInt(`0x${e}`),
        name,
        depth: indent.length / 2,
        line: n,
      };
      if (entry.end < entry.start) fail(n, 'range ends before it starts');
      const prev = iomem.at(-1);
      if (entry.depth > (prev ? prev.depth + 1 : 0)) fail(n, 'nested deeper than the line above allows');
      // The enclosing range is the nearest earlier line one level up; siblings come in order.
      const parent = [...iomem].reverse().find((x) => x.depth === entry.depth - 1);
      if (entry.depth > 0 && (!parent || entry.start < parent.start || entry.end > parent.end))
        fail(n, 'range is not inside the range it is nested under');
      const sibling = [...iomem]
        .reverse()
        .find((x) => x.depth === entry.depth && (entry.depth === 0 || x.line > (parent?.line ?? 0)));
      if (sibling && entry.start <= sibling.end) fail(n, 'range overlaps or precedes the one before it');
      iomem.push(entry);
    } else fail(n, `a line before any section: ${JSON.stringify(line)}`);
  }

  const igd = functions.get('00:02.0');
  if (!igd) throw new Error(`${what}: no lspci -n line for 00:02.0`);
  const stolenLines = iomem.filter((x) => x.name === 'Graphics Stolen Memory');
  if (stolenLines.length !== 1)
    throw new Error(`${what}: ${stolenLines.length} "Graphics Stolen Memory" lines, not one`);
  const sl = stolenLines[0];
  // i915 requests the stolen range as is, and when that conflicts (firmware that wraps stolen
  // memory in the root bus's window off by one) again one byte in from the start and one from
  // the end (i915_gem_stolen.c request_smem_stolen(); older kernels only from the start):
  // undo that inset, and accept nothing else that is not whole MiB.
  let base = sl.start;
  let top = sl.end + 1n;
  if (base % MIB === 1n) {
    base -= 1n;
    if (top % MIB === MIB - 1n) top += 1n;
  }
  if (base % MIB !== 0n || top % MIB !== 0n)
    throw new Error(`${what}:${sl.line}: the stolen range is not whole MiB (BDSM is 1 MiB aligned)`);
  // Stolen memory "should be reserved by the BIOS and hidden from the kernel" (i915_gem_stolen.c,
  // before it requests the range): the top-level line holding it must be a Reserved range.
  const holder = [...iomem].reverse().find((x) => x.depth === 0 && x.line < sl.line);
  if (holder?.name !== 'Reserved' || base < holder.start || top - 1n > holder.end)
    throw new Error(`${what}:${sl.line}: the stolen range is not inside a Reserved range`);
  // Each stated region of the IGD has its own iomem line, and the other way round.
  const igdLines = iomem.filter((x) => x.name === '0000:00:02.0');
  for (const [index, b] of bars)
    if (!igdLines.some((x) => x.start === b.start && x.end === b.start + b.size - 1n))
      throw new Error(`${what}: region ${index} of 00:02.0 has no matching /proc/iomem line`);
  for (const x of igdLines)
    if (![...bars.values()].some((b) => b.start === x.start))
      throw new Error(`${what}:${x.line}: /proc/iomem names 00:02.0 at a range lspci does not show`);
  return {
    functions,
    bars,
    iomem,
    stolen: { base, size: top - base, text: `${sl.start.toString(16)}-${sl.end.toString(16)}` },
  };
}

export function readIgdValues(file: string): IgdValues {
  return parseIgdValues(fs.readFileSync(path.join(DUMP_DIR, file), 'utf8'), file);
}
