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
import { stripLogPrefix } from './log-prefix.js';
import { foldRedactions, mayHoldRedaction, restoreFacts, unescapeLines } from './pasted.js';
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
  const body = stripLogPrefix(line).body;
  return matchBody(body, compiledList(entries), previous);
}

/**
 * One expression holding every single-line literal of the catalogue (an alternation of plain
 * strings: no quantifier, so linear): most log lines contain none, and one scan replaces hundreds
 * of `includes`. On a line that holds some, the scan names them, and only the entries needing one
 * of those literals are tried. Patterns without a literal, case-insensitive ones and those
 * spanning lines are tried whenever they could match.
 */
interface Prefilter {
  /**
   * Every case-sensitive single-line literal, in global expressions of at most EXACT_CHUNK source
   * characters each: each exec finds the next place one starts. V8 stops optimising an expression
   * whose source passes 20 KB (irregexp's kRegExpTooLargeToOptimize), and one alternation of the
   * whole catalogue's literals crossed it at 486 entries, making every line's scan 3-4 times slower.
   */
  exact: RegExp[];
  /** Those literals by their first character, to name the ones starting at a found place. */
  byFirst: Map<number, string[]>;
  /** For each literal, the indexes (in catalogue order) of the entries that need it. */
  byLiteral: Map<string, number[]>;
  folded?: RegExp;
  /** Entries with a case-insensitive pattern or one without a literal. */
  loose: number[];
  always: boolean;
  /** Entries of the generic tier (case-sensitive literals), and one expression holding their literals. */
  generic: number[];
  genericWords?: RegExp;
  /** Entries with a pattern spanning lines: tried on every line (over the joined lines). */
  multiline: number[];
  /** Entries with a pattern spanning lines and `endsOn`: tried only on a line holding one. */
  endsOn: { i: number; literals: string[] }[];
}

const prefilters = new WeakMap<CompiledEntry[], Prefilter>();
const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Source length of one prefilter expression, well under V8's 20 KB optimisation limit. */
export const EXACT_CHUNK = 12_000;

/** The literals as global alternations, each at most EXACT_CHUNK characters of source. */
function literalAlternations(literals: string[]): RegExp[] {
  const out: RegExp[] = [];
  let part: string[] = [];
  let size = 0;
  for (const l of literals.map(escapeLiteral)) {
    if (part.length && size + l.length + 1 > EXACT_CHUNK) {
      out.push(new RegExp(part.join('|'), 'g'));
      part = [];
      size = 0;
    }
    part.push(l);
    size += l.length + 1;
  }
  if (part.length) out.push(new RegExp(part.join('|'), 'g'));
  return out;
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
          // such as "vfio" would slow the one scan every line pays.
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
    const exact = [...byLiteral.keys()];
    const byFirst = new Map<number, string[]>();
    for (const l of exact) byFirst.set(l.charCodeAt(0), [...(byFirst.get(l.charCodeAt(0)) ?? []), l]);
    p = {
      exact: literalAlternations(exact),
      byFirst,
      byLiteral,
      folded: folded.size ? new RegExp([...folded].map(escapeLiteral).join('|'), 'i') : undefined,
      generic,
      genericWords: genericWords.size
        ? new RegExp([...genericWords].map(escapeLiteral).join('|'))
        : undefined,
      loose,
      always: compiled.some((c) => c.plans.some((x) => !x.multiline && !x.literals.length)),
      multiline,
      endsOn,
    };
    prefilters.set(compiled, p);
  }
  return p;
}

/** The catalogue literals that occur in the text (every one, overlapping ones included). */
function literalsIn(pre: Prefilter, text: string): Set<string> {
  const found = new Set<string>();
  for (const re of pre.exact) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (const l of pre.byFirst.get(text.charCodeAt(m.index)) ?? [])
        if (text.startsWith(l, m.index)) found.add(l);
      re.lastIndex = m.index + 1;
    }
  }
  return found;
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
  const found = literalsIn(pre, body);
  const candidates = new Set<number>(pre.multiline);
  for (const g of pre.endsOn) if (g.literals.some((l) => body.includes(l))) candidates.add(g.i);
  for (const l of found) for (const i of pre.byLiteral.get(l) ?? []) candidates.add(i);
  let seen = found.size > 0;
  if (pre.always || pre.folded?.test(body)) {
    for (const i of pre.loose) candidates.add(i);
    seen = true;
  }
  let lowerBody: string | undefined;
  const lower = () => {
    lowerBody ??= body.toLowerCase();
    return lowerBody;
  };
  let joined: string | undefined;
  let lowerJoined: string | undefined;
  const tryEntry = (i: number): LineMatch | undefined => {
    const { entry, plans } = compiled[i];
    for (const plan of plans) {
      let subject = body;
      let lowerSubject = lower;
      let currentStart = 0;
      if (plan.multiline && previous.length) {
        joined ??= [...previous, body].join('\n');
        subject = joined;
        currentStart = joined.length - body.length;
        lowerSubject = () => {
          lowerJoined ??= (joined as string).toLowerCase();
          return lowerJoined;
        };
      }
      const present =
        !plan.multiline && !plan.icase && plan.literals.length && entry.tier !== 'generic'
          ? plan.literals.some((l) => found.has(l))
          : hasLiteral(plan, subject, lowerSubject);
      if (!present) continue;
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
  if (pre.genericWords?.test(body)) for (const i of pre.generic) if (!generic.includes(i)) generic.push(i);
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

  constructor(entries: CatalogueEntry[] = CATALOGUE) {
    this.compiled = compiledList(entries);
    this.multiline = this.compiled.some((c) => c.plans.some((p) => p.multiline));
  }

  line(text: string, n: number): void {
    const body = stripLogPrefix(text).body;
    // Worked out only when a line gets a second look, and once per line.
    const redactedBefore = () => this.recent.some((l, i) => (this.recentRedacted[i] ??= mayHoldRedaction(l)));
    let hits = matchBody(body, this.compiled, this.recent, redactedBefore);
    // A paste wraps long messages ("... memory listener" / "initialization failed: ..."): a short
    // bare line (no log prefix) nothing recognised is tried once more after the one before it,
    // when that one was such a line too. Log files prefix every line, so they never pay for it.
    const bare = body === text && body.length <= WRAP_MAX;
    if (!hits.length && bare && this.wrapped !== undefined)
      hits = matchBody(
        `${this.wrapped} ${body.trimStart()}`,
        this.compiled,
        this.recent.slice(0, -1),
        redactedBefore,
      );
    this.wrapped = !hits.length && bare ? body.trimEnd() : undefined;
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
