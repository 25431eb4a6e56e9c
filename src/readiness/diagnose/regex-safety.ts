/**
 * Catalogue patterns run over untrusted logs of any size, on V8's backtracking engine. This module
 * reads a pattern's source into a small syntax tree so the engine can (1) find the literal text
 * every match must contain, used as a cheap `includes` prefilter before any expression runs;
 * (2) compile an equivalent expression whose cost per line is linear; (3) name the constructs that
 * make backtracking blow up, so a test can refuse them in every entry, including future ones.
 *
 * Why each rule (the classic ReDoS shapes; see the OWASP "Regular expression Denial of Service"
 * page and V8's irregexp, which backtracks):
 * - nested unbounded quantifiers, `(a+)+`: exponential;
 * - adjacent unbounded quantifiers over overlapping characters, `\s*\s+`, `\S+.\S+`: polynomial,
 *   every split of the run is tried at every start position;
 * - an unbounded quantifier at the start of a pattern, `([\w-]+): probe of`: the search restarts
 *   at every character of a long word and rescans the rest of it (quadratic). The compiled form
 *   adds a one-character lookbehind `(?<![\w-])`, so a run is entered only at its first character;
 *   the leftmost match is unchanged because a match starting inside the run would also match from
 *   the run's start (the quantifier has no upper bound);
 * - an unbounded quantifier inside the pattern, after a literal that can repeat in the line
 *   (`not ready \d+ms after [^;]+; giving up` over a line of repeated "not ready 1ms after "):
 *   every occurrence rescans the line. The compiled form bounds such runs at MAX_RUN characters;
 *   a quantifier that ends the pattern stays unbounded (it always succeeds at once, no rescan).
 * - backreferences and lookarounds are refused in entries: no message needs them, and they defeat
 *   the reasoning above.
 */

/** Longest run an inner unbounded quantifier may take in the compiled pattern. */
export const MAX_RUN = 256;
/** A quantifier the pattern starts with may not be bounded above this (each start position pays it). */
export const MAX_LEADING = 64;
/** The prefilter literal must be at least this long to be worth anything. */
export const MIN_LITERAL = 3;

/** Characters 0..255 by code, and 256 standing for every character above 255. */
type CharSet = Uint8Array;
const OTHER = 256;

type Node =
  | { k: 'lit'; ch: string; set: CharSet; src: string }
  | { k: 'set'; set: CharSet; src: string }
  | { k: 'assert'; src: string }
  | { k: 'backref'; src: string }
  | { k: 'group'; open: string; look: boolean; alts: Node[][] }
  | { k: 'quant'; atom: Node; min: number; max: number; lazy: boolean };

function emptySet(): CharSet {
  return new Uint8Array(257);
}
function setOf(...codes: number[]): CharSet {
  const s = emptySet();
  for (const c of codes) s[c > 255 ? OTHER : c] = 1;
  return s;
}
function range(s: CharSet, a: number, b: number): void {
  for (let c = a; c <= Math.min(b, 255); c++) s[c] = 1;
  if (b > 255) s[OTHER] = 1;
}
function invert(s: CharSet): CharSet {
  const o = emptySet();
  for (let i = 0; i < 257; i++) o[i] = s[i] ? 0 : 1;
  // Characters above 255 are a mix of anything: both a class and its complement hold some.
  o[OTHER] = 1;
  return o;
}
function union(a: CharSet, b: CharSet): CharSet {
  const o = emptySet();
  for (let i = 0; i < 257; i++) o[i] = a[i] | b[i];
  return o;
}
function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 257; i++) if (a[i] && b[i]) return true;
  return false;
}
function foldCase(s: CharSet): CharSet {
  const o = s.slice();
  for (let c = 65; c <= 90; c++) if (s[c] || s[c + 32]) o[c] = o[c + 32] = 1;
  return o;
}

const DIGIT = (() => {
  const s = emptySet();
  range(s, 48, 57);
  return s;
})();
const WORD = (() => {
  const s = emptySet();
  range(s, 48, 57);
  range(s, 65, 90);
  range(s, 97, 122);
  s[95] = 1;
  return s;
})();
const SPACE = setOf(9, 10, 11, 12, 13, 32, 160, 0x2028);
const DOT = invert(setOf(10, 13));

function escapeSet(c: string): CharSet | undefined {
  switch (c) {
    case 'd':
      return DIGIT;
    case 'D':
      return invert(DIGIT);
    case 'w':
      return WORD;
    case 'W':
      return invert(WORD);
    case 's':
      return SPACE;
    case 'S':
      return invert(SPACE);
    default:
      return undefined;
  }
}

const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

class Parser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly icase: boolean,
  ) {}

  parse(): Node[][] {
    const alts = this.alts();
    if (this.i < this.s.length) throw new Error(`unbalanced ')' at ${this.i}`);
    return alts;
  }

  private alts(): Node[][] {
    const out: Node[][] = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      out.push(this.seq());
    }
    return out;
  }

  private seq(): Node[] {
    const out: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      out.push(this.quantifier(atom));
    }
    return out;
  }

  private quantifier(atom: Node): Node {
    const s = this.s;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i, this.i + 24));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    const lazy = s[this.i] === '?';
    if (lazy) this.i++;
    return { k: 'quant', atom, min, max, lazy };
  }

  private lit(ch: string, src: string): Node {
    const set = setOf(ch.charCodeAt(0));
    return { k: 'lit', ch, set: this.icase ? foldCase(set) : set, src };
  }

  private atom(): Node {
    const s = this.s;
    const c = s[this.i];
    if (c === '(') {
      const m = /^\((\?:|\?=|\?!|\?<=|\?<!|\?<[A-Za-z_$][\w$]*>)?/.exec(s.slice(this.i, this.i + 64));
      const open = m?.[0] ?? '(';
      this.i += open.length;
      const alts = this.alts();
      if (s[this.i] !== ')') throw new Error('missing )');
      this.i++;
      return { k: 'group', open, look: /^\(\?(=|!|<=|<!)$/.test(open), alts };
    }
    if (c === '[') return this.klass();
    if (c === '.') {
      this.i++;
      return { k: 'set', set: DOT, src: '.' };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { k: 'assert', src: c };
    }
    if (c === '\\') return this.escape();
    this.i++;
    const src = c;
    return this.lit(c, src);
  }

  private escape(): Node {
    const s = this.s;
    const c = s[this.i + 1];
    const start = this.i;
    this.i += 2;
    if (c === undefined) throw new Error('trailing \\');
    if (c === 'b' || c === 'B') return { k: 'assert', src: `\\${c}` };
    if (/[1-9]/.test(c)) {
      while (/\d/.test(s[this.i] ?? '')) this.i++;
      return { k: 'backref', src: s.slice(start, this.i) };
    }
    if (c === 'k' && s[this.i] === '<') {
      this.i = s.indexOf('>', this.i) + 1;
      return { k: 'backref', src: s.slice(start, this.i) };
    }
    const set = escapeSet(c);
    if (set) return { k: 'set', set, src: `\\${c}` };
    if (c === 'p' || c === 'P') {
      this.i = s.indexOf('}', this.i) + 1;
      return { k: 'set', set: invert(emptySet()), src: s.slice(start, this.i) };
    }
    const code = this.escapedCode(c);
    return this.lit(String.fromCharCode(code), s.slice(start, this.i));
  }

  /** The code of an escaped character (after the backslash and `c` were consumed). */
  private escapedCode(c: string): number {
    const s = this.s;
    if (c in CONTROL) return CONTROL[c];
    if (c === 'x') {
      const h = s.slice(this.i, this.i + 2);
      this.i += 2;
      return Number.parseInt(h, 16);
    }
    if (c === 'u') {
      const h = s.slice(this.i, this.i + 4);
      this.i += 4;
      return Number.parseInt(h, 16);
    }
    if (c === 'c') {
      this.i++;
      return s.charCodeAt(this.i - 1) % 32;
    }
    return c.charCodeAt(0);
  }

  private klass(): Node {
    const s = this.s;
    const start = this.i;
    this.i++;
    const neg = s[this.i] === '^';
    if (neg) this.i++;
    let set = emptySet();
    while (this.i < s.length && s[this.i] !== ']') {
      let code: number;
      if (s[this.i] === '\\') {
        const c = s[this.i + 1];
        this.i += 2;
        const e = escapeSet(c);
        if (e) {
          set = union(set, e);
          continue;
        }
        if (c === 'p' || c === 'P') {
          this.i = s.indexOf('}', this.i) + 1;
          set[OTHER] = 1;
          range(set, 0, 255);
          continue;
        }
        code = c === 'b' ? 8 : this.escapedCode(c);
      } else {
        code = s.charCodeAt(this.i);
        this.i++;
      }
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        let hi: number;
        if (s[this.i] === '\\') {
          const c = s[this.i + 1];
          this.i += 2;
          hi = this.escapedCode(c);
        } else {
          hi = s.charCodeAt(this.i);
          this.i++;
        }
        range(set, code, hi);
      } else set[code > 255 ? OTHER : code] = 1;
    }
    if (s[this.i] !== ']') throw new Error('missing ]');
    this.i++;
    if (this.icase) set = foldCase(set);
    return { k: 'set', set: neg ? invert(set) : set, src: s.slice(start, this.i) };
  }
}

export function parsePattern(re: RegExp): Node[][] {
  return new Parser(re.source, re.flags.includes('i')).parse();
}

// ---- measures over the tree -------------------------------------------------------------------

function minLen(n: Node): number {
  switch (n.k) {
    case 'lit':
    case 'set':
      return 1;
    case 'assert':
    case 'backref':
      return 0;
    case 'group':
      return n.look ? 0 : Math.min(...n.alts.map((a) => a.reduce((t, x) => t + minLen(x), 0)));
    case 'quant':
      return n.min * minLen(n.atom);
  }
}

function maxLen(n: Node): number {
  switch (n.k) {
    case 'lit':
    case 'set':
      return 1;
    case 'assert':
      return 0;
    case 'backref':
      return Infinity;
    case 'group':
      return n.look ? 0 : Math.max(...n.alts.map((a) => a.reduce((t, x) => t + maxLen(x), 0)));
    case 'quant':
      return n.max === 0 ? 0 : n.max * maxLen(n.atom);
  }
}

/** Every character the node can consume. */
function charsOf(n: Node): CharSet {
  switch (n.k) {
    case 'lit':
    case 'set':
      return n.set;
    case 'assert':
    case 'backref':
      return emptySet();
    case 'group':
      return n.look ? emptySet() : n.alts.flat().reduce((s, x) => union(s, charsOf(x)), emptySet());
    case 'quant':
      return charsOf(n.atom);
  }
}

function hasQuant(n: Node, unboundedOnly: boolean): boolean {
  if (n.k === 'quant')
    return (unboundedOnly ? n.max === Infinity : n.max > 1) || hasQuant(n.atom, unboundedOnly);
  if (n.k === 'group') return n.alts.some((a) => a.some((x) => hasQuant(x, unboundedOnly)));
  return false;
}

const unbounded = (n: Node): n is Extract<Node, { k: 'quant' }> => n.k === 'quant' && n.max === Infinity;

// ---- hazards ----------------------------------------------------------------------------------

function describe(n: Node): string {
  return print(n, new Map());
}

/** Quantifiers a node can begin with (looking into groups, through nullable items). */
function startingQuants(n: Node): Extract<Node, { k: 'quant' }>[] {
  if (n.k === 'quant') return [n];
  if (n.k !== 'group' || n.look) return [];
  const out: Extract<Node, { k: 'quant' }>[] = [];
  for (const a of n.alts) {
    for (const x of a) {
      out.push(...startingQuants(x));
      if (minLen(x) > 0) break;
    }
  }
  return out;
}

function hazardsIn(seq: Node[], out: string[], leading: boolean, trailing = false): void {
  seq.forEach((n, i) => {
    const last = trailing && i === seq.length - 1;
    if (n.k === 'backref') out.push(`backreference ${n.src}`);
    if (n.k === 'group') {
      // A lookaround over plain text ("is in use(?! by)") costs at most its length; one with a run
      // in it rescans the line at every position it is tried.
      if (n.look && n.alts.some((a) => a.some((x) => hasQuant(x, false) || x.k === 'backref')))
        out.push(`lookaround with a run in it: ${describe(n)}`);
      for (const a of n.alts) hazardsIn(a, out, leading && i === 0, last);
    }
    if (n.k === 'quant') {
      if (n.max > 1 && hasQuant(n.atom, false) && (n.max === Infinity || hasQuant(n.atom, true)))
        out.push(`nested quantifiers in ${describe(n)}`);
      if (n.max === Infinity && n.atom.k === 'group' && n.atom.alts.length > 1) {
        const firsts = n.atom.alts.map((a) => (a.length ? charsOf(a[0]) : emptySet()));
        for (let x = 0; x < firsts.length; x++)
          for (let y = x + 1; y < firsts.length; y++)
            if (overlaps(firsts[x], firsts[y])) out.push(`overlapping alternatives under ${describe(n)}`);
      }
      if (n.atom.k === 'group') for (const a of n.atom.alts) hazardsIn(a, out, false, last && n.max <= 1);
    }
    // Adjacent quantifiers: from an unbounded quantifier, walk on while the next items could be
    // consumed by it too (nullable items, or characters it also takes); another quantifier with a
    // run over shared characters there means every split of the run is tried.
    if (unbounded(n)) {
      const mine = charsOf(n.atom);
      for (let j = i + 1; j < seq.length; j++) {
        const m = seq[j];
        const theirs = charsOf(m);
        // A run that ends the whole pattern takes the rest and succeeds at once: no split is retried.
        const endsPattern = trailing && j === seq.length - 1;
        const clash = startingQuants(m).find((q) => q.max > 1 && overlaps(mine, charsOf(q.atom)));
        if (clash && !(endsPattern && clash.max === Infinity)) {
          out.push(`adjacent quantifiers over shared characters: ${describe(n)} … ${describe(clash)}`);
          break;
        }
        if (minLen(m) > 0 && !overlaps(mine, theirs)) break;
      }
    }
  });
  if (leading) {
    // What the search pays at every start position: the items before the first one that must
    // consume a character. Only a lone leading run over a class or character is made cheap (the
    // guard in planRewrites); anything else unbounded or long there is a hazard.
    for (const [i, n] of seq.entries()) {
      // An optional group is tried at each position: its own start is what counts.
      if (n.k === 'quant' && n.max <= 1 && n.atom.k === 'group')
        for (const a of n.atom.alts) hazardsIn(a, out, true);
      else if (n.k === 'quant' && n.max !== Infinity && n.max * maxLen(n.atom) > MAX_LEADING)
        out.push(`pattern starts with ${describe(n)}: every start position pays up to ${n.max} steps`);
      const first = seq.slice(0, i).every((x) => x.k === 'assert');
      if (unbounded(n) && !(first && (n.atom.k === 'set' || n.atom.k === 'lit')))
        out.push(`pattern starts with the unbounded ${describe(n)}: every start position rescans it`);
      if (minLen(n) > 0) break;
    }
  }
}

// ---- required literals ------------------------------------------------------------------------

/** Strings of which one must occur in every match (any-of), or undefined. */
type Req = string[] | undefined;

function score(r: Req): number {
  return r?.length ? Math.min(...r.map((x) => x.length)) : 0;
}

function requiredSeq(seq: Node[], icase: boolean): Req {
  let best: Req;
  let run = '';
  const take = (r: Req) => {
    if (score(r) > score(best)) best = r;
  };
  const flush = () => {
    if (run) take([icase ? run.toLowerCase() : run]);
    run = '';
  };
  for (const n of seq) {
    if (n.k === 'lit') {
      run += n.ch;
      continue;
    }
    if (n.k === 'assert') continue;
    flush();
    if (n.k === 'group' && !n.look) take(requiredAlts(n.alts, icase));
    if (n.k === 'quant' && n.min >= 1 && n.atom.k === 'group' && !n.atom.look)
      take(requiredAlts(n.atom.alts, icase));
  }
  flush();
  return best;
}

function requiredAlts(alts: Node[][], icase: boolean): Req {
  const each = alts.map((a) => requiredSeq(a, icase));
  if (each.some((r) => !r)) return undefined;
  return [...new Set(each.flatMap((r) => r ?? []))];
}

// ---- printing with the linear-time rewrites ---------------------------------------------------

type Rewrite = { bound?: number; guard?: string };

function print(n: Node, rw: Map<Node, Rewrite>): string {
  switch (n.k) {
    case 'lit':
    case 'set':
    case 'assert':
    case 'backref':
      return n.src;
    case 'group':
      return `${n.open}${n.alts.map((a) => a.map((x) => print(x, rw)).join('')).join('|')})`;
    case 'quant': {
      const r = rw.get(n);
      const atom = print(n.atom, rw);
      const max = r?.bound ?? n.max;
      const q =
        n.min === 0 && max === Infinity
          ? '*'
          : n.min === 1 && max === Infinity
            ? '+'
            : n.min === 0 && max === 1
              ? '?'
              : n.min === max
                ? `{${n.min}}`
                : `{${n.min},${max === Infinity ? '' : max}}`;
      return `${r?.guard ? `(?<!${r.guard})` : ''}${atom}${q}${n.lazy ? '?' : ''}`;
    }
  }
}

/**
 * Mark the rewrites: a guard for a run the pattern starts with, a bound for inner runs. `lead` and
 * `trail` say whether this sequence starts / ends the whole pattern.
 */
function planRewrites(alts: Node[][], rw: Map<Node, Rewrite>, lead: boolean, trail: boolean): void {
  for (const seq of alts) {
    seq.forEach((n, i) => {
      const last = trail && seq.slice(i + 1).every((x) => x.k === 'assert' && x.src === '$');
      const leading = lead && seq.slice(0, i).every((x) => x.k === 'assert');
      if (unbounded(n)) {
        if (leading && (n.atom.k === 'set' || n.atom.k === 'lit')) rw.set(n, { guard: n.atom.src });
        else if (!last) rw.set(n, { bound: Math.max(n.min, MAX_RUN) });
      }
      if (n.k === 'group' && !n.look) planRewrites(n.alts, rw, leading, last);
      // An optional group ending the pattern: its own last run still ends the pattern.
      if (n.k === 'quant' && n.atom.k === 'group') planRewrites(n.atom.alts, rw, false, last && n.max <= 1);
    });
  }
}

function containsNewline(n: Node): boolean {
  if (n.k === 'lit') return n.ch === '\n';
  if (n.k === 'group') return n.alts.some((a) => a.some(containsNewline));
  if (n.k === 'quant') return containsNewline(n.atom);
  return false;
}

export interface PatternPlan {
  /** The expression that runs: same matches as the entry's pattern within the documented bounds. */
  compiled: RegExp;
  /** One of these must occur in the (lower-cased, for an `i` pattern) text before the expression runs. */
  literals: string[];
  /** The pattern can match across a line break (it has a newline in it). */
  multiline: boolean;
  icase: boolean;
  /** Constructs that could make matching super-linear; an entry must have none. */
  hazards: string[];
}

export function planPattern(re: RegExp): PatternPlan {
  const icase = re.flags.includes('i');
  let alts: Node[][];
  try {
    alts = parsePattern(re);
  } catch (e) {
    return {
      compiled: re,
      literals: [],
      multiline: false,
      icase,
      hazards: [`pattern not understood: ${(e as Error).message}`],
    };
  }
  const hazards: string[] = [];
  for (const seq of alts) hazardsIn(seq, hazards, true, true);
  const literals = requiredAlts(alts, icase) ?? [];
  if (score(literals) < MIN_LITERAL)
    hazards.push(
      `no literal text of ${MIN_LITERAL}+ characters that every match contains (needed for the prefilter)`,
    );
  const rw = new Map<Node, Rewrite>();
  planRewrites(alts, rw, true, true);
  const source = alts.map((a) => a.map((x) => print(x, rw)).join('')).join('|');
  const flags = re.flags.replace(/[gy]/g, '');
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, flags);
  } catch (e) {
    hazards.push(`rewritten pattern invalid: ${(e as Error).message}`);
    compiled = new RegExp(re.source, flags);
  }
  const multiline = alts.some((a) => a.some(containsNewline));
  return {
    compiled,
    literals: score(literals) > 0 ? literals : [],
    multiline,
    icase,
    hazards: [...new Set(hazards)],
  };
}
