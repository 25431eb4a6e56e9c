/**
 * Match text against the catalogue: every line is tried against every pattern; hits of one entry
 * about the same device or group are folded into one finding with a count and the line numbers.
 * Input is bounded (lines are cut at MAX_LINE characters) so a huge or binary file cannot make
 * the regular expressions run away.
 */
import { formatPciAddress, tryParsePciAddress } from '../../pci/address.js';
import { CATALOGUE, type CatalogueEntry } from './catalogue.js';

export const MAX_LINE = 4096;

export interface MatchedLine {
  n: number;
  text: string;
}

export interface Finding {
  entry: CatalogueEntry;
  /** Canonical PCI address named by the message (or its kernel log prefix), if any. */
  device?: string;
  group?: number;
  /** Other named values (bar, driver, err, ...). */
  values: Record<string, string>;
  lines: MatchedLine[];
  count: number;
}

const PREFIX_BDF = /(?:^|[\s\]])(?:[\w.-]+ )?([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])(?::|\b)/;

function canonical(bdf: string | undefined): string | undefined {
  if (!bdf) return undefined;
  const a = tryParsePciAddress(bdf);
  return a ? formatPciAddress(a) : undefined;
}

export function matchLine(
  line: string,
  entries: CatalogueEntry[] = CATALOGUE,
): { entry: CatalogueEntry; groups: Record<string, string> }[] {
  const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  const out: { entry: CatalogueEntry; groups: Record<string, string> }[] = [];
  for (const entry of entries) {
    for (const re of entry.patterns) {
      const m = re.exec(text);
      if (!m) continue;
      const groups: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) groups[k] = v;
      // The device a kernel dev_*() line is about comes first in the line ("vfio-pci 0000:01:00.0: ...").
      if (!groups.bdf && !groups.sbdf) {
        const p = PREFIX_BDF.exec(text.slice(0, m.index + m[0].length));
        if (p) groups.bdf = p[1];
      }
      out.push({ entry, groups });
      break;
    }
  }
  return out;
}

export function diagnoseText(
  text: string,
  entries: CatalogueEntry[] = CATALOGUE,
): { findings: Finding[]; lines: number } {
  const lines = text.split(/\r?\n/);
  const byKey = new Map<string, Finding>();
  lines.forEach((line, i) => {
    for (const { entry, groups } of matchLine(line, entries)) {
      const device = canonical(groups.bdf) ?? canonical(groups.sbdf);
      const group = groups.group !== undefined ? Number(groups.group) : undefined;
      const key = `${entry.id}|${device ?? ''}|${group ?? ''}`;
      let f = byKey.get(key);
      if (!f) {
        const values = { ...groups };
        delete values.bdf;
        delete values.sbdf;
        delete values.group;
        f = { entry, device, group, values, lines: [], count: 0 };
        byKey.set(key, f);
      }
      f.count++;
      if (f.lines.length < 5) f.lines.push({ n: i + 1, text: line.slice(0, 300).trim() });
    }
  });
  const rank = { error: 0, warning: 1, info: 2 };
  const findings = [...byKey.values()].sort(
    (a, b) => rank[a.entry.severity] - rank[b.entry.severity] || a.lines[0].n - b.lines[0].n,
  );
  return { findings, lines: lines.length };
}
