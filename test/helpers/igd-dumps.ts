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
