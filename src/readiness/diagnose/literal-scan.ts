/**
 * Which of a fixed set of literals occur in a line, in one pass over the line whose cost does not
 * depend on how many literals there are: an Aho-Corasick automaton (Aho and Corasick, "Efficient
 * string matching", CACM 18(6), 1975) over the line's character codes, with ASCII letters folded
 * to lower case so that one automaton serves the case-sensitive literals (each hit confirmed with
 * a native `startsWith` at its place) and the case-insensitive ones.
 *
 * The diagnose prefilter used to be an alternation of every literal: V8's backtracking engine tries
 * each alternative at each position, so every line paid in proportion to the catalogue, and past
 * 20 KB of source V8 would not optimise the expression at all (irregexp's
 * kRegExpTooLargeToOptimize). Here a line costs one table step per character.
 *
 * The transition table is filled lazily: a state's move on a character class is worked out the
 * first time a line needs it (following failure links) and kept. A typed array that is allocated
 * but never written takes no memory, so the table costs only the rows ordinary log text visits,
 * and building the automaton (the trie and its failure links) is cheap enough for one message
 * given on the command line.
 */

/** Whether a literal is looked for as written, or ignoring the case of ASCII letters. */
export type LiteralCase = 'exact' | 'ascii-fold';

export interface ScanLiteral {
  text: string;
  case: LiteralCase;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLetter = (c: number) => isUpper(c) || (c >= 97 && c <= 122);
const fold = (c: number) => (isUpper(c) ? c + 32 : c);

/**
 * A case-insensitive literal with a character outside ASCII is not folded here: a JavaScript `i`
 * expression also folds letters beyond ASCII ("É" and "é"), which this automaton does not. Such a
 * literal is refused; the caller looks for it another way.
 */
export function scannable(l: ScanLiteral): boolean {
  if (!l.text.length) return false;
  if (l.case === 'exact') return true;
  for (let i = 0; i < l.text.length; i++) if (l.text.charCodeAt(i) > 127) return false;
  return true;
}

export class LiteralScanner {
  readonly literals: readonly ScanLiteral[];
  /** Character code to class: 0 for a character no literal holds, ASCII letters folded. */
  private readonly classOf: Uint8Array | Uint16Array;
  private readonly classes: number;
  /** Trie moves, key state * classes + class. */
  private readonly goto = new Map<number, number>();
  private readonly fail: Int32Array;
  /** Literal indexes ending at each state (its own; suffixes are reached through `outLink`). */
  private readonly ends: (number[] | undefined)[];
  /** The nearest state on the failure chain (itself included) where a literal ends, or -1. */
  private readonly outLink: Int32Array;
  /** The lazily filled automaton: next state + 1, 0 when not worked out yet. */
  private readonly next: Int32Array;
  /** Per literal: whether a hit on its folded form must be confirmed (an exact one with a letter). */
  private readonly confirm: Uint8Array;
  /** Per literal: the scan that last reported it (so each is reported once per scan). */
  private readonly stamp: Int32Array;
  private scanNo = 0;
  /** The last scan's finds (see scan()). */
  readonly hits: Int32Array;
  private count = 0;

  constructor(literals: readonly ScanLiteral[]) {
    for (const l of literals)
      if (!scannable(l)) throw new Error(`literal not scannable: ${JSON.stringify(l.text)}`);
    this.literals = literals;
    const codes = new Map<number, number>();
    for (const l of literals)
      for (let i = 0; i < l.text.length; i++) {
        const c = fold(l.text.charCodeAt(i));
        if (!codes.has(c)) codes.set(c, codes.size + 1);
      }
    this.classes = codes.size + 1;
    this.classOf = this.classes <= 256 ? new Uint8Array(65536) : new Uint16Array(65536);
    for (const [c, k] of codes) {
      this.classOf[c] = k;
      if (c >= 97 && c <= 122) this.classOf[c - 32] = k;
    }
    const K = this.classes;
    const ends: (number[] | undefined)[] = [undefined];
    let states = 1;
    literals.forEach((l, index) => {
      let s = 0;
      for (let i = 0; i < l.text.length; i++) {
        const key = s * K + this.classOf[l.text.charCodeAt(i)];
        let t = this.goto.get(key);
        if (t === undefined) {
          t = states++;
          this.goto.set(key, t);
          ends.push(undefined);
        }
        s = t;
      }
      ends[s] = [...(ends[s] ?? []), index];
    });
    this.ends = ends;
    this.fail = new Int32Array(states);
    this.outLink = new Int32Array(states).fill(-1);
    this.linkFailures(states);
    this.next = new Int32Array(states * K);
    this.stamp = new Int32Array(literals.length);
    this.hits = new Int32Array(literals.length);
    this.confirm = Uint8Array.from(literals, (l) => (l.case === 'exact' && hasLetter(l.text) ? 1 : 0));
  }

  /** Failure links and output links, breadth first (a state's failure is shallower than it). */
  private linkFailures(states: number): void {
    const K = this.classes;
    const children: number[][] = Array.from({ length: states }, () => []);
    const classOfChild = new Int32Array(states);
    for (const [key, t] of this.goto) {
      children[Math.floor(key / K)].push(t);
      classOfChild[t] = key % K;
    }
    const queue: number[] = [];
    for (const t of children[0]) queue.push(t);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const t of children[s]) {
        const k = classOfChild[t];
        let f = this.fail[s];
        let g = this.goto.get(f * K + k);
        while (g === undefined && f !== 0) {
          f = this.fail[f];
          g = this.goto.get(f * K + k);
        }
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        queue.push(t);
      }
      this.outLink[s] = this.ends[s] ? s : this.outLink[this.fail[s]];
    }
  }

  /** The move from state s on class k, worked out once. */
  private move(s: number, k: number): number {
    const K = this.classes;
    const known = this.next[s * K + k];
    if (known) return known - 1;
    const g = this.goto.get(s * K + k);
    const t = g !== undefined ? g : s === 0 ? 0 : this.move(this.fail[s], k);
    this.next[s * K + k] = t + 1;
    return t;
  }

  /**
   * The indexes of the literals that occur in the text, each once, in `hits[0..n)` (n returned; the
   * buffer is reused by the next scan): the order in which their first occurrences end. An exact
   * literal counts only where the text has it as written.
   */
  scan(text: string): number {
    const K = this.classes;
    const classOf = this.classOf;
    const next = this.next;
    const outLink = this.outLink;
    if (++this.scanNo === 0x7fffffff) {
      this.scanNo = 1;
      this.stamp.fill(0);
    }
    this.count = 0;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const k = classOf[text.charCodeAt(i)];
      if (k === 0) {
        // A character no literal holds: every partial match ends here.
        s = 0;
        continue;
      }
      const t = next[s * K + k];
      s = t ? t - 1 : this.move(s, k);
      if (outLink[s] > 0) this.report(s, text, i + 1);
    }
    return this.count;
  }

  private report(s: number, text: string, end: number): void {
    // The root ends no literal (none is empty), so each step goes to a strictly shallower state.
    for (let o = this.outLink[s]; o > 0; o = this.outLink[this.fail[o]]) {
      for (const index of this.ends[o] as number[]) {
        if (this.stamp[index] === this.scanNo) continue;
        const l = this.literals[index].text;
        if (this.confirm[index] && !text.startsWith(l, end - l.length)) continue;
        this.stamp[index] = this.scanNo;
        this.hits[this.count++] = index;
      }
    }
  }
}

function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isLetter(s.charCodeAt(i))) return true;
  return false;
}
