/**
 * Match log lines against the catalogue, one line at a time, in bounded memory and linear time:
 * - each line loses its log prefix (timestamps, syslog/journal host and tag: log-prefix.ts);
 * - a pattern runs only when the literal text every match of it contains is in the line (a plain
 *   `includes`), and it runs in the compiled form of regex-safety.ts, whose cost is linear;
 * - a pattern with a newline in it (a message the producer prints over several lines: QEMU's error
 *   and hint, libvirt's multi-line errors) runs over the last few lines joined, each without its
 *   log prefix, so a journal stamp on every line does not hide it;
 * - the named groups are the message's facts; an errno in any form becomes one `errno` fact
 *   (ENOMEM), and the entry's `refine` turns the facts into the explanation;
 * - hits of one entry about the same device, group and errno fold into one finding with a count.
 */
import { formatPciAddress, tryParsePciAddress } from '../../pci/address.js';
import { CATALOGUE, type CatalogueEntry } from './catalogue.js';
import type { Severity } from './entry.js';
import { ERRNO_GROUPS, findErrno, normaliseErrno } from './errno.js';
import { LineSplitter, type LineStats } from './lines.js';
import { LiteralScanner, type ScanLiteral, scannable } from './literal-scan.js';
import { stripLogPrefix } from './log-prefix.js';
import { asciiTypography, foldRedactions, mayHoldRedaction, restoreFacts, unescapeLines } from './pasted.js';
import { type PatternPlan, planPattern } from './regex-safety.js';

export { MAX_LINE } from './lines.js';

/** Longest bare line taken for the first or second half of a message a paste wrapped. */
const WRAP_MAX = 200;

/** Lines joined for patterns that span lines (the current one and those before it). */
export const MULTILINE_WINDOW = 4;

export interface MatchedLine {
  n: number;
  text: string;
}

/** What the finding says once its facts are known (the entry's text, changed by `refine`). */
export interface Explanation {
  title: string;
  cause: string;
  fix: string;
  severity: Severity;
}

export interface Finding {
  entry: CatalogueEntry;
  /** Canonical PCI address named by the message (or its kernel log prefix), if any. */
  device?: string;
  group?: number;
  /** Other named values (bar, driver, err, ...) as the message has them. */
  values: Record<string, string>;
  /**
   * Every fact read: the named groups, `bdf` (canonical) and `group`, `errno` (a name such as
   * ENOMEM, whatever form the message printed), `logDriver` (the driver in a kernel dev_printk
   * prefix "vfio-pci 0000:01:00.0: ").
   */
  facts: Record<string, string>;
  explanation: Explanation;
  lines: MatchedLine[];
  count: number;
}

export interface CompiledEntry {
  entry: CatalogueEntry;
  plans: PatternPlan[];
}

const compiledCache = new WeakMap<CatalogueEntry, CompiledEntry>();

export function compileEntry(entry: CatalogueEntry): CompiledEntry {
  let c = compiledCache.get(entry);
  if (!c) {
    c = { entry, plans: entry.patterns.map(planPattern) };
    compiledCache.set(entry, c);
  }
  return c;
}

const BDF_ANY = /(?<![\w:.])([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])(?![\w])/;
/** dev_printk: "driver 0000:01:00.0: message" (the driver bound when it printed; "pci" for none). */
const DEV_PRINTK = /^([\w.-]{1,64}) ([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): /;

function canonical(bdf: string | undefined): string | undefined {
  if (!bdf) return undefined;
  if (/^[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/.test(bdf)) bdf = `0000:${bdf}`;
  const a = tryParsePciAddress(bdf);
  return a ? formatPciAddress(a) : undefined;
}

const compiledLists = new WeakMap<CatalogueEntry[], CompiledEntry[]>();
function compiledList(entries: CatalogueEntry[]): CompiledEntry[] {
  let c = compiledLists.get(entries);
  if (!c) {
    c = entries.map(compileEntry);
    compiledLists.set(entries, c);
  }
  return c;
}

export interface LineMatch {
  entry: CatalogueEntry;
  groups: Record<string, string>;
}

function hasLiteral(plan: PatternPlan, text: string, lower: () => string): boolean {
  if (!plan.literals.length) return true;
  const t = plan.icase ? lower() : text;
  for (const l of plan.literals) if (t.includes(l)) return true;
  return false;
}

function groupsOf(m: RegExpExecArray): Record<string, string> {
  const groups: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) groups[k] = v;
  return groups;
}

/**
 * Facts around the match: the device a kernel line is about comes first in the line
 * ("vfio-pci 0000:01:00.0: ..."), and QEMU names it in "-device vfio-pci,host=...: vfio BDF: ".
 */
function addContext(groups: Record<string, string>, before: string, body: string): void {
  if (!groups.bdf && !groups.sbdf) {
    const p = BDF_ANY.exec(before);
    if (p) groups.bdf = p[1];
  }
  const d = DEV_PRINTK.exec(body);
  if (d && !groups.logDriver) groups.logDriver = d[1];
}

/**
 * Match one line (its log prefix already off, or not: it is taken off here) against the entries.
 * `previous` holds the bodies of the lines before it, for patterns that span lines.
 */
export function matchLine(
  line: string,
  entries: CatalogueEntry[] = CATALOGUE,
  previous: readonly string[] = [],
): LineMatch[] {
  const body = asciiTypography(stripLogPrefix(line).body);
  return matchBody(body, compiledList(entries), previous);
}

/**
 * The catalogue's single-line literals, looked for in one pass over the line whose cost does not
 * grow with the catalogue (literal-scan.ts): most log lines contain none. On a line that holds
 * some, only the entries needing one of those literals are tried. Patterns without a literal,
 * case-insensitive ones and those spanning lines are tried whenever they could match.
 */
interface Prefilter {
  /** Every literal below, in one automaton; `roles` says what each of its literals is for. */
  scanner: LiteralScanner;
  roles: LiteralRole[];
  /** For each case-sensitive literal of an ordinary entry, the entries (catalogue order) needing it. */
  byLiteral: Map<string, number[]>;
  /** Case-insensitive literals the automaton cannot fold (beyond ASCII), in one `i` expression. */
  foldedRest?: RegExp;
  /** Entries with a case-insensitive pattern or one without a literal. */
  loose: number[];
  always: boolean;
  /** Entries of the generic tier (case-sensitive literals). */
  generic: number[];
  /** Entries with a pattern spanning lines: tried on every line (over the joined lines). */
  multiline: number[];
  /** Entries with a pattern spanning lines and `endsOn`: tried only on a line holding one. */
  endsOn: { i: number; literals: string[] }[];
}

/** What a literal found in a line means (one literal may serve several purposes). */
interface LiteralRole {
  /** A case-sensitive literal of an ordinary entry (the `found` set of matchTiers). */
  exact?: string;
  /** Indexes into Prefilter.endsOn whose gate this literal is. */
  endsOn?: number[];
  /** A case-insensitive literal: the loose entries become candidates. */
  folded?: boolean;
  /** A literal of the generic tier: its entries are looked at once the line is left unrecognised. */
  generic?: boolean;
}

const prefilters = new WeakMap<CompiledEntry[], Prefilter>();
const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One automaton over the literals of every role, each literal once. */
function scannerOf(
  exact: Iterable<string>,
  endsOn: { literals: string[] }[],
  folded: Iterable<string>,
  generic: Iterable<string>,
): { scanner: LiteralScanner; roles: LiteralRole[]; foldedRest?: RegExp } {
  const literals: ScanLiteral[] = [];
  const roles: LiteralRole[] = [];
  const index = new Map<string, number>();
  const role = (text: string, c: ScanLiteral['case']): LiteralRole => {
    const key = `${c}\0${text}`;
    let i = index.get(key);
    if (i === undefined) {
      i = literals.push({ text, case: c }) - 1;
      roles.push({});
      index.set(key, i);
    }
    return roles[i];
  };
  for (const l of exact) role(l, 'exact').exact = l;
  endsOn.forEach((g, gi) => {
    for (const l of g.literals) {
      const r = role(l, 'exact');
      r.endsOn = [...(r.endsOn ?? []), gi];
    }
  });
  const rest: string[] = [];
  for (const l of folded)
    if (scannable({ text: l, case: 'ascii-fold' })) role(l, 'ascii-fold').folded = true;
    else rest.push(l);
  for (const l of generic) role(l, 'exact').generic = true;
  return {
    scanner: new LiteralScanner(literals),
    roles,
    foldedRest: rest.length ? new RegExp(rest.map(escapeLiteral).join('|'), 'i') : undefined,
  };
}

function prefilterOf(compiled: CompiledEntry[]): Prefilter {
  let p = prefilters.get(compiled);
  if (!p) {
    const byLiteral = new Map<string, number[]>();
    const loose: number[] = [];
    const multiline: number[] = [];
    const endsOn: { i: number; literals: string[] }[] = [];
    const folded = new Set<string>();
    const generic: number[] = [];
    const genericWords = new Set<string>();
    compiled.forEach((c, i) => {
      for (const x of c.plans) {
        if (x.multiline) {
          const gate = c.entry.endsOn;
          if (gate?.length) {
            if (endsOn.at(-1)?.i !== i) endsOn.push({ i, literals: gate });
          } else if (multiline.at(-1) !== i) multiline.push(i);
        } else if (x.icase || !x.literals.length) {
          if (loose.at(-1) !== i) loose.push(i);
          for (const l of x.literals) folded.add(l);
        } else if (c.entry.tier === 'generic') {
          // Looked for only once a line is left unrecognised (matchTiers): short, common words
          // such as "vfio" would make many lines candidates for nothing.
          if (generic.at(-1) !== i) generic.push(i);
          for (const l of x.literals) genericWords.add(l);
        } else
          for (const l of x.literals) {
            const list = byLiteral.get(l) ?? [];
            if (list.at(-1) !== i) list.push(i);
            byLiteral.set(l, list);
          }
      }
    });
    p = {
      ...scannerOf(byLiteral.keys(), endsOn, folded, genericWords),
      byLiteral,
      generic,
      loose,
      always: compiled.some((c) => c.plans.some((x) => !x.multiline && !x.literals.length)),
      multiline,
      endsOn,
    };
    prefilters.set(compiled, p);
  }
  return p;
}

/** What one scan of a line found, by role. */
interface LineLiterals {
  exact: Set<string>;
  endsOn: Set<number>;
  folded: boolean;
  generic: boolean;
}

/** A line holding no literal (most of a log): shared, never changed. */
const NO_LITERALS: LineLiterals = Object.freeze({
  exact: new Set<string>(),
  endsOn: new Set<number>(),
  folded: false,
  generic: false,
});

function literalsIn(pre: Prefilter, text: string): LineLiterals {
  const n = pre.scanner.scan(text);
  const rest = pre.foldedRest?.test(text) ?? false;
  if (!n && !rest) return NO_LITERALS;
  const out: LineLiterals = { exact: new Set(), endsOn: new Set(), folded: rest, generic: false };
  for (let j = 0; j < n; j++) {
    const r = pre.roles[pre.scanner.hits[j]];
    if (r.exact !== undefined) out.exact.add(r.exact);
    if (r.endsOn) for (const g of r.endsOn) out.endsOn.add(g);
    if (r.folded) out.folded = true;
    if (r.generic) out.generic = true;
  }
  return out;
}

/**
 * Whether a pattern spanning lines may match over the previous lines and this one: one of its
 * literals is in one of them. A literal without a line break is in the joined text only if it is
 * in one of the lines, so the lines need not be joined to know it; a literal with one is looked
 * for in the joined text.
 */
function multilineLiteralIn(plan: PatternPlan, body: string, previous: readonly string[]): boolean {
  if (!plan.literals.length) return true;
  const lower = (s: string) => (plan.icase ? s.toLowerCase() : s);
  for (const l of plan.literals) {
    if (l.includes('\n')) {
      if (lower([...previous, body].join('\n')).includes(l)) return true;
      continue;
    }
    if (lower(body).includes(l)) return true;
    for (const p of previous) if (lower(p).includes(l)) return true;
  }
  return false;
}

/**
 * Whether an entry of Prefilter.multiline could match this line (a plan's literal is where the
 * plan looks): the test tryEntry() makes before running a plan, with no entry's literal found in
 * the line itself.
 */
function mayMatchAcross(c: CompiledEntry, body: string, previous: readonly string[]): boolean {
  let lowerBody: string | undefined;
  const lower = () => {
    lowerBody ??= body.toLowerCase();
    return lowerBody;
  };
  return c.plans.some((plan) =>
    plan.multiline
      ? multilineLiteralIn(plan, body, previous)
      : (plan.icase || !plan.literals.length || c.entry.tier === 'generic') && hasLiteral(plan, body, lower),
  );
}

/**
 * Whether the last matchTiers() call found an entry that was a candidate by its literal (a second
 * look at the line may then match). Kept here rather than returned in an object: it is asked once
 * per line of logs of millions of lines, and the CLI runs without V8's optimiser.
 */
let lastSeen = false;
function done(out: LineMatch[], seen: boolean): LineMatch[] {
  lastSeen = seen;
  return out;
}

// long: the prefilter, the ordinary entries, then the fallback and generic tiers, sharing the lazily
// joined and lower-cased subjects; split up it would pass half a dozen closures around
function matchTiers(body: string, compiled: CompiledEntry[], previous: readonly string[]): LineMatch[] {
  const pre = prefilterOf(compiled);
  const lits = literalsIn(pre, body);
  // Most lines: no literal of any entry, so only the entries spanning lines could match, and only
  // when their own literal is in the lines they span.
  if (
    lits === NO_LITERALS &&
    !pre.always &&
    !pre.multiline.some((i) => mayMatchAcross(compiled[i], body, previous))
  )
    return done([], false);
  const found = lits.exact;
  const candidates = new Set<number>(pre.multiline);
  pre.endsOn.forEach((g, gi) => {
    if (lits.endsOn.has(gi)) candidates.add(g.i);
  });
  for (const l of found) for (const i of pre.byLiteral.get(l) ?? []) candidates.add(i);
  let seen = found.size > 0;
  if (pre.always || lits.folded) {
    for (const i of pre.loose) candidates.add(i);
    seen = true;
  }
  let lowerBody: string | undefined;
  const lower = () => {
    lowerBody ??= body.toLowerCase();
    return lowerBody;
  };
  let joined: string | undefined;
  const tryEntry = (i: number): LineMatch | undefined => {
    const { entry, plans } = compiled[i];
    for (const plan of plans) {
      const present = plan.multiline
        ? multilineLiteralIn(plan, body, previous)
        : !plan.icase && plan.literals.length && entry.tier !== 'generic'
          ? plan.literals.some((l) => found.has(l))
          : hasLiteral(plan, body, lower);
      if (!present) continue;
      let subject = body;
      let currentStart = 0;
      if (plan.multiline && previous.length) {
        joined ??= [...previous, body].join('\n');
        subject = joined;
        currentStart = joined.length - body.length;
      }
      const m = plan.compiled.exec(subject);
      // Across lines, only a match that ends in this line is new (earlier ones were found there).
      if (!m || m.index + m[0].length <= currentStart) continue;
      const groups = groupsOf(m);
      const lineStart = subject.lastIndexOf('\n', m.index) + 1;
      addContext(groups, subject.slice(lineStart, m.index + m[0].length), subject.slice(lineStart));
      return { entry, groups };
    }
    return undefined;
  };
  const out: LineMatch[] = [];
  // Entries of a tier wait until no ordinary entry matched the line (entry.ts `tier`).
  const fallback: number[] = [];
  const generic: number[] = [];
  // Most lines hold no literal at all: then only the entries spanning lines are looked at.
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const tier = compiled[i].entry.tier;
    if (tier === 'fallback') fallback.push(i);
    else if (tier === 'generic') generic.push(i);
    else {
      const hit = tryEntry(i);
      if (hit) out.push(hit);
    }
  }
  if (out.length) return done(out, seen);
  for (const i of fallback) {
    const hit = tryEntry(i);
    if (hit) out.push(hit);
  }
  if (out.length) return done(out, seen);
  if (lits.generic) for (const i of pre.generic) if (!generic.includes(i)) generic.push(i);
  if (!generic.length) return done(out, seen);
  generic.sort((a, b) => a - b);
  const errno = findErrno(body);
  if (!errno) return done(out, seen);
  // The generic entries name the object from the most specific (a sysfs file, a VFIO node or
  // ioctl) to the least (a line about VFIO at all): the first that recognises the line answers.
  for (const i of generic) {
    const hit = tryEntry(i);
    if (hit) {
      out.push({ entry: hit.entry, groups: { ...hit.groups, errno: errno.name, errnoText: errno.text } });
      break;
    }
  }
  return done(out, seen);
}

/** Hits of ordinary entries (not of the fallback or generic tier). */
const strong = (ms: LineMatch[]) => ms.filter((m) => m.entry.tier === undefined);
const ofTier = (ms: LineMatch[], tier: 'fallback' | 'generic') => ms.filter((m) => m.entry.tier === tier);

/** The line with its redactions folded (pasted.ts), matched, its facts given back as pasted. */
function matchFolded(text: string, compiled: CompiledEntry[], previous: readonly string[]): LineMatch[] {
  // The lines before it are folded with it: a message spanning lines may be redacted in any of them.
  const folded = foldRedactions(previous.length ? [...previous, text].join('\n') : text);
  if (!folded) return [];
  const lines = folded.text.split('\n');
  const last = lines.pop() as string;
  return matchTiers(last, compiled, lines).map((m) => ({
    entry: m.entry,
    groups: restoreFacts(m.groups, folded),
  }));
}

/** A line as it stands, or folded when only a tier (or nothing) recognised it as it stands. */
function matchOneForm(text: string, compiled: CompiledEntry[], previous: readonly string[]): LineMatch[] {
  const hits = matchTiers(text, compiled, previous);
  if (strong(hits).length) return hits;
  const folded = matchFolded(text, compiled, previous);
  return strong(folded).length || !hits.length ? folded : hits;
}

/**
 * A second look at a line as people paste it (pasted.ts): the lines an escaping wrapper (JSON, a
 * Go or Python string) made one of, each matched on its own with the ones before it as context,
 * and each with its redacted slots folded when it matched nothing as it stands.
 */
function matchPasted(
  body: string,
  compiled: CompiledEntry[],
  previous: readonly string[],
  escaped: string[] | undefined,
): LineMatch[] {
  if (!escaped) return matchFolded(body, compiled, previous);
  const out: LineMatch[] = [];
  escaped.forEach((line, j) => {
    const before = j ? [...previous, ...escaped.slice(Math.max(0, j - MULTILINE_WINDOW + 1), j)] : previous;
    out.push(...matchOneForm(line, compiled, before));
  });
  return out;
}

/**
 * `redactedBefore`: whether one of the previous lines may hold a redaction (a message spanning
 * lines may be redacted in any of them), asked only when the line gets a second look; the
 * streaming matcher remembers the answer per line.
 */
function matchBody(
  body: string,
  compiled: CompiledEntry[],
  previous: readonly string[],
  redactedBefore: () => boolean = () => previous.some(mayHoldRedaction),
): LineMatch[] {
  const out = matchTiers(body, compiled, previous);
  const seen = lastSeen;
  // Only a line holding some entry's literal (or an escape, which may hide one) is looked at again.
  const escaped = body.includes('\\') ? unescapeLines(body) : undefined;
  if (!escaped && (!seen || !(mayHoldRedaction(body) || redactedBefore()))) return out;
  const first = { out };
  const again = matchPasted(body, compiled, previous, escaped);
  if (strong(first.out).length) {
    // What the line says as pasted was recognised; what the unescaped or unredacted form adds (the
    // messages escaped inside a recognised wrapper, an entry that needs the redacted address) too.
    const ids = new Set(first.out.map((m) => m.entry.id));
    return [...first.out, ...strong(again).filter((m) => !ids.has(m.entry.id))];
  }
  // An ordinary entry recognising the pasted form comes before any tier; a fallback before a
  // generic entry; of two generic ones, the one naming the more precise object (earlier in the tier).
  if (strong(again).length) return strong(again);
  for (const tier of ['fallback', 'generic'] as const) {
    const a = ofTier(first.out, tier);
    const b = ofTier(again, tier);
    if (!a.length && !b.length) continue;
    if (tier === 'fallback') return a.length ? a : b;
    const rank = (m: LineMatch | undefined) =>
      m ? compiled.findIndex((c) => c.entry === m.entry) : Infinity;
    return rank(b[0]) < rank(a[0]) ? b.slice(0, 1) : a;
  }
  return [];
}

/** The explanation an entry gives for these facts (its own text, changed by `refine`). */
export function explain(entry: CatalogueEntry, facts: Readonly<Record<string, string>>): Explanation {
  const base: Explanation = {
    title: entry.title,
    cause: entry.cause,
    fix: entry.fix,
    severity: entry.severity,
  };
  const r = entry.refine?.(facts);
  return r ? { ...base, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) } : base;
}

/** The facts of one match: named groups, canonical address and group, one errno name. */
export function factsOf(groups: Readonly<Record<string, string>>): {
  facts: Record<string, string>;
  device?: string;
  group?: number;
} {
  const facts: Record<string, string> = { ...groups };
  const device = canonical(groups.bdf) ?? canonical(groups.sbdf);
  delete facts.sbdf;
  // A redacted address stays as pasted ("0000:xx:00.0"): a fact, but never a device.
  const hidden = groups.redacted?.split(',') ?? [];
  if (device) facts.bdf = device;
  else if (hidden.includes('bdf') || hidden.includes('sbdf')) facts.bdf = groups.bdf ?? groups.sbdf;
  else delete facts.bdf;
  if (hidden.includes('sbdf'))
    facts.redacted = [...new Set(hidden.map((k) => (k === 'sbdf' ? 'bdf' : k)))].join(',');
  const group =
    groups.group !== undefined && /^\d{1,9}$/.test(groups.group) ? Number(groups.group) : undefined;
  for (const g of ERRNO_GROUPS) {
    const v = groups[g];
    const name = v === undefined ? undefined : normaliseErrno(v);
    if (name) {
      facts.errno = name;
      break;
    }
  }
  return { facts, device, group };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Feed lines one at a time; `finish` gives the findings. Memory: the findings and a few lines. */
export class DiagnoseMatcher {
  private readonly compiled: CompiledEntry[];
  private readonly byKey = new Map<string, Finding>();
  private readonly recent: string[] = [];
  /** For each of `recent`: whether it may hold a redaction (pasted.ts mayHoldRedaction()). */
  private readonly recentRedacted: (boolean | undefined)[] = [];
  /** Whether any pattern spans lines (only then are recent lines kept). */
  private readonly multiline: boolean;
  /** The line before, when it was a short bare line that nothing recognised (a wrapped paste). */
  private wrapped?: string;

  /** Whether a recent line may hold a redaction: worked out only when a line gets a second look, once per line. */
  private readonly redactedBefore = () =>
    this.recent.some((l, i) => (this.recentRedacted[i] ??= mayHoldRedaction(l)));

  constructor(entries: CatalogueEntry[] = CATALOGUE) {
    this.compiled = compiledList(entries);
    this.multiline = this.compiled.some((c) => c.plans.some((p) => p.multiline));
  }

  line(text: string, n: number): void {
    const stripped = stripLogPrefix(text).body;
    const body = asciiTypography(stripped);
    const redactedBefore = this.redactedBefore;
    let hits = matchBody(body, this.compiled, this.recent, redactedBefore);
    // A paste wraps long messages ("... memory listener" / "initialization failed: ..."): a short
    // bare line (no log prefix) nothing recognised is tried once more after the line before it,
    // when nothing recognised that one either (its log prefix taken off). A message wrapped twice
    // is put together a line at a time. Log files prefix every line, so they never pay for it.
    const bare = stripped === text && body.length <= WRAP_MAX;
    const joined = bare && this.wrapped !== undefined ? `${this.wrapped} ${body.trim()}` : undefined;
    // Tried too when only a generic or fallback entry read the half alone: the whole message is
    // more precise ("… Failed to add group" / "25 to KVM VFIO device: Invalid argument").
    if (!strong(hits).length && joined !== undefined) {
      const whole = matchBody(joined, this.compiled, this.recent.slice(0, -1), redactedBefore);
      if (strong(whole).length || !hits.length) hits = whole;
    }
    if (hits.length || body.length > WRAP_MAX) this.wrapped = undefined;
    else this.wrapped = joined !== undefined && joined.length <= 2 * WRAP_MAX ? joined : body.trimEnd();
    for (const { entry, groups } of hits) {
      const { facts, device, group } = factsOf(groups);
      const key = `${entry.id}|${device ?? ''}|${group ?? ''}|${facts.errno ?? ''}`;
      let f = this.byKey.get(key);
      if (!f) {
        const values = { ...groups };
        delete values.bdf;
        delete values.sbdf;
        delete values.group;
        delete values.logDriver;
        f = { entry, device, group, values, facts, explanation: explain(entry, facts), lines: [], count: 0 };
        this.byKey.set(key, f);
      }
      f.count++;
      if (f.lines.length < 5) f.lines.push({ n, text: text.slice(0, 300).trim() });
    }
    if (!this.multiline) return;
    const kept = body.length > 1024 ? body.slice(0, 1024) : body;
    this.recent.push(kept);
    this.recentRedacted.push(undefined);
    if (this.recent.length >= MULTILINE_WINDOW) {
      this.recent.shift();
      this.recentRedacted.shift();
    }
  }

  finish(): Finding[] {
    return [...this.byKey.values()].sort(
      (a, b) => RANK[a.explanation.severity] - RANK[b.explanation.severity] || a.lines[0].n - b.lines[0].n,
    );
  }
}

/** Diagnose a whole text (arguments, a test string); streams use DiagnoseMatcher with LineSplitter. */
export function diagnoseText(
  text: string,
  entries: CatalogueEntry[] = CATALOGUE,
): { findings: Finding[]; lines: number; stats: LineStats } {
  const m = new DiagnoseMatcher(entries);
  const split = new LineSplitter((line, n) => m.line(line, n));
  split.push(text);
  const stats = split.end();
  return { findings: m.finish(), lines: stats.lines, stats };
}
