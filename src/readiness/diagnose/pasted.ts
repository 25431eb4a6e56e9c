/**
 * Messages the way people paste them, for a second look at a line no entry recognised as it
 * stands (matcher.ts):
 * - redacted or anonymised variable parts: an address with its digits replaced ("0000:xx:00.0",
 *   "XX:00.Y", "bb:dd.f", "<bdf>", "$BDF"), a group number ("group X", "group N", "/dev/vfio/<group>",
 *   "$GROUP"), a BAR ("BAR N"), a hex value ("0xXXXXXXXX", "0x...") or a whole argument list
 *   ("vfio_container_dma_map(...)"), and printf conversions left in ("group %d"). Each such slot
 *   is folded into a canonical value of its kind that every catalogue pattern's slot accepts (a
 *   sentinel the line did not contain), the line is matched again, and any fact read from a
 *   sentinel is given back as the text the user pasted, marked `redacted`: a redacted address or
 *   group is never reported as a number it did not have;
 * - text escaped by the program that wrapped it: JSON and Go `%q` strings (kubevirt, libvirt's
 *   JSON, Go loggers' `msg="..."`, Python reprs) print quotes as `\"`, newlines as `\n` and
 *   backslashes doubled. Unescaped, one such line is the several lines the producer printed.
 * Every expression here is linear (alternatives that each start with fixed text, bounded runs)
 * and runs only on lines nothing recognised.
 */

export type RedactionKind = 'address' | 'group' | 'bar' | 'hex' | 'args';

export interface Folded {
  /** The line with each redacted slot replaced by a sentinel of its kind. */
  text: string;
  /** Each sentinel and what the line had there. */
  tokens: { sentinel: string; original: string; kind: RedactionKind }[];
}

/** A character standing for a digit the user hid. */
const HID = '[xXyYzZnN?#*]';
/** An address position: a hex digit or a hidden one. */
const POS = `[0-9a-fA-FxXyYzZnN?#*]`;
/** Placeholder words people put for an address. */
const ADDRESS_WORD =
  '<(?:bdf|BDF|pci[_ -]?(?:address|addr|id|slot)|PCI[_ -]?(?:ADDRESS|ADDR|ID|SLOT)|address|ADDRESS|device|DEVICE)>|\\$\\{?(?:BDF|bdf|PCI_ADDR(?:ESS)?|PCI_ID|PCI_DEV(?:ICE)?|DEVICE|pci_addr(?:ess)?|DEV_BDF)\\}?';
/** Placeholder words people put for a group number (anywhere, or after a group's context). */
const GROUP_WORD =
  '<(?:group|GROUP|iommu[_ ]group|IOMMU[_ ]GROUP|group[_ ]?(?:id|num|number)|N|X|n|x)>|\\$\\{?(?:GROUP|IOMMU_GROUP|GROUP_ID|group|iommu_group)\\}?';
/** A token standing for a hidden number after a word that names what it counts. */
const NUMBER_TOKEN = `(?:${HID}{1,3}|%[dui]|\\.\\.\\.|…|<[\\w -]{1,24}>|\\$\\{?[A-Za-z_]\\w{0,23}\\}?)`;

/**
 * One expression per kind of redaction, each run only on a line its cheap check (below) passes:
 * an address shape (kept when it turns out to be a real address), address and group placeholder
 * words, a number after "group" / "/dev/vfio/" / "BAR", a hidden hex value, an argument list given
 * as an ellipsis. Each alternative starts with fixed text or a bounded class.
 */
const ADDRESS_RE = new RegExp(
  `(?<addr>(?<![\\w:.])(?:${POS}{4,8}:)?${POS}{2}:${POS}{2}\\.${POS}(?![\\w]))`,
  'g',
);
const WORD_RE = new RegExp(
  `(?<addrWord>(?<![\\w])(?:(?:dddd|DDDD|ssss|SSSS|domain|DOMAIN):)?(?:bb|BB|bus|BUS):(?:dd|DD|dev|DEV|slot|SLOT|ss|SS)\\.(?:fn|FN|f|F|func|FUNC|function)(?![\\w])|${ADDRESS_WORD})|(?<groupWord>${GROUP_WORD})`,
  'g',
);
const GROUP_RE = new RegExp(
  `(?<groupCtx>(?:[Gg]roup|GROUP|\\/dev\\/vfio\\/|iommu_groups\\/)[ =:#]{0,2})(?<groupTok>${NUMBER_TOKEN})(?![\\w])`,
  'g',
);
const BAR_RE = new RegExp(`(?<barCtx>\\b(?:BAR|bar|region) ?#?)(?<barTok>${NUMBER_TOKEN})(?![\\w])`, 'g');
const HEX_RE = new RegExp(`(?<hex>(?<![\\w])0x(?:${HID}{1,16}|\\.\\.\\.|…))(?![\\w])`, 'g');
const ARGS_RE = /(?<args>(?<=\w)\((?:\.\.\.|\u2026)\))/g;
const REAL_ADDRESS = /^(?:[0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/;
/** At most this many sentinels per kind in one line (the sentinels differ by one digit). */
const MAX_TOKENS = 8;

/**
 * The sentinel standing for the i-th redaction of a kind. A hidden hex value keeps its width
 * ("0xXXXX" becomes four hex digits: some slots have a fixed width, such as a ROM signature's).
 */
function sentinel(kind: RedactionKind, i: number, short: boolean, width = 8): string {
  switch (kind) {
    case 'address':
      return short ? `b${i}:1e.7` : `fedc:b${i}:1e.7`;
    case 'group':
      return `9753${i}`;
    case 'bar':
      return '9';
    case 'hex':
      return `0x${'fedcba9876543210'.slice(0, Math.max(1, Math.min(16, width) - 1))}${i}`;
    case 'args':
      return `(0xfedcba8${i}, 0xfedcba8${i}, 0xfedcba8${i}, 0xfedcba8${i})`;
  }
}

/** Characters people put for a hidden digit, and the hex digits (code points). */
const HIDDEN_CODES = new Set([...'xX?#*yYzZnN'].map((c) => c.charCodeAt(0)));
const isHexCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isPos = (c: number) => isHexCode(c) || HIDDEN_CODES.has(c);

/**
 * Whether the line has "BB:DD.F" somewhere with a hidden digit in it: looked for at each colon
 * with plain character tests (a log line has a few colons), so the expression runs only then.
 */
function addressShapeWithHidden(line: string): boolean {
  for (let i = line.indexOf(':'); i >= 0; i = line.indexOf(':', i + 1)) {
    if (i < 2 || line.charCodeAt(i + 3) !== 46) continue;
    let hidden = false;
    let shape = true;
    for (const k of [i - 2, i - 1, i + 1, i + 2, i + 4]) {
      const c = line.charCodeAt(k);
      if (!isPos(c)) shape = false;
      else if (HIDDEN_CODES.has(c)) hidden = true;
    }
    if (shape && hidden) return true;
  }
  return false;
}

const GROUP_HINT = /(?:[Gg]roup|GROUP|\/dev\/vfio\/|iommu_groups\/)[ =:#]{0,2}[xXnN?#*<$%.\u2026]/;
const BAR_HINT = /\b(?:BAR|bar|region) ?#?[xXnN?#*<$%.\u2026]/;

/**
 * Each expression with the plain searches a line must pass for it to run (most log lines pass
 * none, and each search is a native substring search: little cost on millions of lines). A number
 * after a word naming it goes first ("BAR <n>" is a BAR, not a group), then placeholder words.
 */
const PASSES: { re: RegExp; hint: (line: string) => boolean }[] = [
  { re: ADDRESS_RE, hint: addressShapeWithHidden },
  {
    re: GROUP_RE,
    hint: (l) =>
      (l.includes('roup') || l.includes('GROUP') || l.includes('/dev/vfio/')) && GROUP_HINT.test(l),
  },
  {
    re: BAR_RE,
    hint: (l) => (l.includes('BAR') || l.includes('bar') || l.includes('region')) && BAR_HINT.test(l),
  },
  {
    re: WORD_RE,
    hint: (l) =>
      (l.includes('<') && l.includes('>')) ||
      l.includes('$') ||
      l.includes('bb:') ||
      l.includes('BB:') ||
      l.includes('bus:') ||
      l.includes('BUS:'),
  },
  {
    re: HEX_RE,
    hint: (l) => {
      for (let i = l.indexOf('0x'); i >= 0; i = l.indexOf('0x', i + 2))
        if (
          HIDDEN_CODES.has(l.charCodeAt(i + 2)) ||
          l.charCodeAt(i + 2) === 46 ||
          l.charCodeAt(i + 2) === 0x2026
        )
          return true;
      return false;
    },
  },
  { re: ARGS_RE, hint: (l) => l.includes('(...)') || l.includes('(…)') },
];

/**
 * One expression every line with a redaction matches (a superset of the checks of PASSES, all
 * alternatives starting with fixed text or a small class): the engine tests it before anything
 * else of the second look, natively, so the lines without one (nearly all of a log) pay one scan.
 */
const H = '[xXyYzZnN?#*]';
const ANY_REDACTION = new RegExp(
  [
    // a hidden digit next to an address's colon or dot ("xx:", ":0X", ".?"); the commoner letters
    // people use (N, Y, Z) are left to the full check, as they stand next to colons in words
    '[xX?#*].?[:.]|[:.].?[xX?#*]',
    '<(?:bdf|BDF|pci|PCI|address|ADDRESS|device|DEVICE|group|GROUP|iommu|IOMMU|[NXnx]>)',
    '\\$\\{?[A-Za-z_]',
    'bb:|BB:|bus:|BUS:',
    `0x(?:${H}|\\.\\.\\.|…)`,
    '\\((?:\\.\\.\\.|…)\\)',
    `(?:roup|roups\\/|GROUP|vfio\\/|BAR|bar|region)[ =:#]{0,2}(?:${H}|[<$%…]|\\.\\.\\.)`,
  ].join('|'),
);

/** Whether the line may hold a redaction at all (cheap; false means foldRedactions finds none). */
export function mayHoldRedaction(line: string): boolean {
  return ANY_REDACTION.test(line);
}

/**
 * The line with its redacted slots folded into sentinels, or undefined when it has none (or holds
 * a sentinel's text already, so that a fact read from it could not be told from a real one).
 */
export function foldRedactions(line: string): Folded | undefined {
  if (!mayHoldRedaction(line)) return undefined;
  const passes = PASSES.filter((p) => p.hint(line));
  if (!passes.length || /fedc|9753\d|b\d:1e\.7/.test(line)) return undefined;
  const tokens: Folded['tokens'] = [];
  const count: Record<RedactionKind, number> = { address: 0, group: 0, bar: 0, hex: 0, args: 0 };
  const take = (kind: RedactionKind, original: string, short = false, width?: number): string | undefined => {
    if (count[kind] >= MAX_TOKENS) return undefined;
    const s = sentinel(kind, count[kind]++, short, width);
    tokens.push({ sentinel: s, original, kind });
    return s;
  };
  const fold = (m: string, ...rest: unknown[]): string => {
    const g = rest.at(-1) as Record<string, string | undefined>;
    if (g.addr !== undefined) {
      if (REAL_ADDRESS.test(m)) return m;
      return take('address', m, m.split(':').length === 2) ?? m;
    }
    if (g.addrWord !== undefined) return take('address', m) ?? m;
    if (g.groupWord !== undefined) return take('group', m) ?? m;
    if (g.groupTok !== undefined) {
      const s = take('group', g.groupTok);
      return s ? `${g.groupCtx}${s}` : m;
    }
    if (g.barTok !== undefined) {
      const s = take('bar', g.barTok);
      return s ? `${g.barCtx}${s}` : m;
    }
    if (g.hex !== undefined)
      return take('hex', m, false, /^0x[xX?#*yYzZnN]+$/.test(m) ? m.length - 2 : 8) ?? m;
    // The facts an elided argument list stood for read as the ellipsis itself.
    if (g.args !== undefined) return take('args', m.slice(1, -1)) ?? m;
    return m;
  };
  let text = line;
  for (const p of passes) {
    p.re.lastIndex = 0;
    text = text.replace(p.re, fold);
  }
  return tokens.length ? { text, tokens } : undefined;
}

/** The text a sentinel is recognised by in a fact (an argument list: one of its values). */
function probeOf(t: Folded['tokens'][number]): string {
  return t.kind === 'args' ? t.sentinel.slice(3, 11) : t.sentinel;
}

/**
 * The facts read from a folded line with every sentinel given back as what the user pasted; the
 * names of the facts that held one are listed in `redacted` (comma-separated).
 */
export function restoreFacts(
  groups: Readonly<Record<string, string>>,
  folded: Folded,
): Record<string, string> {
  const out: Record<string, string> = {};
  const hidden: string[] = [];
  for (const [k, v] of Object.entries(groups)) {
    let value = v;
    for (const t of folded.tokens) {
      const probe = probeOf(t);
      if (t.kind === 'bar' ? v !== probe : !v.includes(probe) && !(v.length >= 4 && probe.includes(v)))
        continue;
      value = t.kind !== 'args' && v.includes(probe) ? v.split(probe).join(t.original) : t.original;
      hidden.push(k);
      break;
    }
    out[k] = value;
  }
  if (hidden.length) out.redacted = hidden.join(',');
  return out;
}

/** JSON / Go / C escapes: the sequences an escaping program writes for a quote, newline, tab. */
const ESCAPE_HINT = /\\[nrt"'\\/]|\\u00[0-9a-fA-F]{2}/;
const ESCAPE = /\\(?:u00([0-9a-fA-F]{2})|([nrt"'\\/]))/g;
const SIMPLE: Record<string, string> = { n: '\n', r: '', t: '\t', '"': '"', "'": "'", '\\': '\\', '/': '/' };

/**
 * The lines a program printed before another one escaped them into a string, or undefined when
 * the line holds no escape. Escaping applied twice (a JSON string inside a JSON string: `\\n`,
 * `\\\"`) is undone twice.
 */
export function unescapeLines(line: string): string[] | undefined {
  if (!ESCAPE_HINT.test(line)) return undefined;
  let s = line;
  for (let round = 0; round < 3 && ESCAPE_HINT.test(s); round++) {
    ESCAPE.lastIndex = 0;
    s = s.replace(ESCAPE, (_m, hex: string | undefined, c: string | undefined) =>
      hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : SIMPLE[c as string],
    );
  }
  return s === line ? undefined : s.split('\n').filter((l) => l.trim().length > 0);
}

/**
 * Typography that word processors, chat clients, forums and blog engines put into pasted logs:
 * curly quotes (the kernel's "can't reserve" arrives as "can’t reserve"), en and em dashes for a
 * "-" or "--", no-break and other fixed-width spaces. No program on the VFIO path prints these in
 * the messages the catalogue reads, so each is read as the ASCII character it replaced. Linear, and
 * the test is one pass of a character class over lines that almost never match.
 */
const TYPOGRAPHY = /[\u00a0\u2002-\u200a\u2010-\u2015\u2018-\u201e\u2032\u2033\u202f]/;
const TYPOGRAPHY_ALL = new RegExp(TYPOGRAPHY.source, 'g');

/** What each of them stands for: quotes and primes as quotes, dashes as hyphens, spaces as a space. */
function asciiOf(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x2014) return '--';
  if (code >= 0x2010 && code <= 0x2015) return '-';
  if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0x2033) return '"';
  if (code >= 0x2018 && code <= 0x201b) return "'";
  if (code === 0x2032) return "'";
  return ' ';
}

/** The line with pasted typography read as the ASCII it stands for (see TYPOGRAPHY). */
export function asciiTypography(line: string): string {
  return TYPOGRAPHY.test(line) ? line.replace(TYPOGRAPHY_ALL, asciiOf) : line;
}
