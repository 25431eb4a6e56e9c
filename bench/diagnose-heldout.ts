// `npx tsx bench/diagnose-heldout.ts [--set FILE] [--verbose] [--json]`: runs every message of a
// held-out set (by default test/fixtures/diagnose/held-out.json, real messages from public reports,
// written down before the catalogue was tuned) through the diagnose engine and prints how many it
// recognises and how many it explains correctly. The figure is reported, never a gate: the set must
// not be tuned against. `--set` scores another set of the same schema, such as
// test/fixtures/diagnose/held-out-2.json, written after the first one had been tuned on.
//
// A message is recognised when diagnoseText() returns at least one finding. It is explained
// correctly when one finding's title + cause + fix (after the entry's refine(), if it has one, has
// seen the facts read from the message) contains, for every keyword group of the message's
// `expect`, at least one of the group's keywords (case-insensitive).
//
// The catalogue was written in parallel with the set, from the same public threads, and some
// held-out texts (or other messages of their threads) became catalogue examples. Such a message
// is no longer held out: the score is printed for the clean messages (the headline) and for all.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../src/readiness/diagnose/catalogue.js';
import { diagnoseText } from '../src/readiness/diagnose/matcher.js';
import { HARMLESS_NOTE } from '../src/readiness/diagnose/report.js';

export interface HeldOutMessage {
  id: string;
  family: string;
  producer: string;
  origin: string;
  text: string;
  cause: string;
  /** Where the cause comes from: the thread's own resolution, or the producing source's behaviour. */
  causeFrom: 'thread' | 'source';
  expect: string[][];
  harmless?: boolean;
  /**
   * 'out' for a message off the VFIO path (another hypervisor's own device assignment), kept to
   * see how diagnose fails off its ground; the headline counts only the others (README, "what
   * counts as the VFIO path"). Sets before set 10 do not carry it.
   */
  scope?: 'in' | 'out';
}

export interface HeldOutSet {
  schema: string;
  fixed: string;
  /** Messages appended after `fixed`, with the date they were added. */
  appended?: { date: string; ids: string; why: string }[];
  messages: HeldOutMessage[];
}

export const HELD_OUT_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out.json', import.meta.url),
);

/** The second set, collected from other public threads once the first had been used for tuning. */
export const HELD_OUT_2_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-2.json', import.meta.url),
);

/** The third set, collected from yet other threads once the second had been used for tuning. */
export const HELD_OUT_3_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-3.json', import.meta.url),
);

/** The fourth set, collected from yet other threads once the third had been used for tuning. */
export const HELD_OUT_4_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-4.json', import.meta.url),
);

/** The fifth set, collected from yet other threads once the fourth had been scored. */
export const HELD_OUT_5_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-5.json', import.meta.url),
);

/** The sixth set, collected from yet other threads once the fifth had been fixed. */
export const HELD_OUT_6_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-6.json', import.meta.url),
);

/** The seventh set, collected from yet other threads once the sixth had been scored. */
export const HELD_OUT_7_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-7.json', import.meta.url),
);

/** The eighth set, collected from yet other threads once the seventh had been scored. */
export const HELD_OUT_8_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-8.json', import.meta.url),
);

/** The ninth set, collected from yet other threads once the eighth had been fixed. */
export const HELD_OUT_9_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-9.json', import.meta.url),
);

/** The tenth set, written 2026-12-03 under the README's rule of what counts as the VFIO path. */
export const HELD_OUT_10_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-10.json', import.meta.url),
);

/** The eleventh set, written 2026-12-03 under the same rule, scored once before anyone read it. */
export const HELD_OUT_11_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-11.json', import.meta.url),
);

/** The twelfth set, written 2026-12-03 blind (before anyone scored it), under the same rule. */
export const HELD_OUT_12_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-12.json', import.meta.url),
);

/** The thirteenth set, written 2026-12-03 blind (before anyone scored it), under the same rule. */
export const HELD_OUT_13_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-13.json', import.meta.url),
);

/**
 * The fourteenth set, written 2026-12-03 blind (before anyone scored it) by three writers in
 * disjoint sources: pages and notes in Chinese and Ukrainian, mailing-list archives, English issues
 * and forum pages.
 */
export const HELD_OUT_14_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-14.json', import.meta.url),
);

/**
 * The fifteenth set, written 2026-12-03 blind (before anyone scored it) by two writers in disjoint
 * sources (mailing-list archives; issue trackers and forum pages), while the thirteenth set was
 * being read and mended.
 */
export const HELD_OUT_15_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-15.json', import.meta.url),
);

/**
 * The sixteenth set, written 2026-12-04 blind (before anyone scored it) by three writers in disjoint
 * sources (the kvm, qemu-devel, linux-pci, linux-kernel and iommu lists; issue trackers; other lists
 * and kernel Bugzilla), while the fifteenth set was being read and mended.
 */
export const HELD_OUT_16_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-16.json', import.meta.url),
);

/**
 * The seventeenth set: messages users posted (issue trackers, forums, users' lists), written blind by
 * four writers after the sixteenth had been read; 23 messages, because most such threads in reach
 * were already held (fixtures README).
 */
export const HELD_OUT_17_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-17.json', import.meta.url),
);

/**
 * The eighteenth set: messages users posted, written blind by two writers (issue trackers; lists,
 * bug trackers and forums) after the seventeenth had been read and classified, each message with
 * its ceiling class (ceiling-18.json) decided before any score; 21 messages (fixtures README).
 */
export const HELD_OUT_18_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out-18.json', import.meta.url),
);

export function loadHeldOut(path = HELD_OUT_PATH): HeldOutSet {
  let set: HeldOutSet;
  try {
    set = JSON.parse(readFileSync(path, 'utf8')) as HeldOutSet;
  } catch (e) {
    throw new Error(`cannot read the held-out set ${path}: ${(e as Error).message}`);
  }
  if (set?.schema !== 'vfiokit.diagnose-heldout/1' || !Array.isArray(set.messages))
    throw new Error(`${path} is not a held-out set (schema vfiokit.diagnose-heldout/1 with messages)`);
  return set;
}

/**
 * Only the parts of a finding the score depends on, typed loosely on purpose: the engine and its
 * catalogue change, and the score must keep reading them (an entry's id, title, cause, fix and an
 * optional refine over the facts read from the message).
 */
interface LooseText {
  severity?: string;
  title?: string;
  cause?: string;
  fix?: string;
}
interface LooseEntry extends LooseText {
  id: string;
  refine?: (facts: Readonly<Record<string, string>>) => LooseText | undefined;
}
interface LooseFinding {
  entry: LooseEntry;
  device?: string;
  group?: number;
  values?: Record<string, string>;
  /** Every fact the engine read (values plus the canonical address, group and errno name). */
  facts?: Record<string, string>;
}

/**
 * The explanation a finding gives, as `vfiokit diagnose` prints it: its entry's title, cause and
 * fix with refine() applied to the message's facts, and for a harmless (info) finding the line
 * saying so.
 */
export function explanationOf(f: LooseFinding): { id: string; text: string } {
  // The engine's own facts when it gives them: the errno name it read ("Device or resource busy",
  // -16 and EBUSY are one fact) is what refine() decides on, as in `vfiokit diagnose`.
  const facts: Record<string, string> = { ...(f.facts ?? f.values ?? {}) };
  if (f.device !== undefined) facts.bdf = f.device;
  if (f.group !== undefined) facts.group = String(f.group);
  let refined: LooseText | undefined;
  try {
    refined = f.entry.refine?.(facts);
  } catch (e) {
    // A refine that throws is the engine's bug, but the score must still be printed.
    refined = undefined;
    console.error(`refine of ${f.entry.id} threw: ${(e as Error).message}`);
  }
  const title = refined?.title ?? f.entry.title ?? '';
  const cause = refined?.cause ?? f.entry.cause ?? '';
  const fix = refined?.fix ?? f.entry.fix ?? '';
  const harmless = (refined?.severity ?? f.entry.severity) === 'info' ? `harmless: ${HARMLESS_NOTE}\n` : '';
  return { id: f.entry.id, text: `${harmless}${title}\n${cause}\n${fix}` };
}

/** Every keyword group has at least one keyword in the text (case-insensitive substring). */
export function satisfies(text: string, expect: string[][]): boolean {
  const t = text.toLowerCase();
  return expect.every((group) => group.some((k) => t.includes(k.toLowerCase())));
}

/** A catalogue example as the contamination check sees it (loosely typed, like the findings). */
export interface ExampleRef {
  entry: string;
  text: string;
  origin: string;
}

/** Every example of every catalogue entry. */
export function catalogueExamples(
  catalogue: readonly { id: string; examples?: readonly { text: string; origin: string }[] }[] = CATALOGUE,
): ExampleRef[] {
  return catalogue.flatMap((e) =>
    (e.examples ?? []).map((x) => ({ entry: e.id, text: x.text, origin: x.origin })),
  );
}

/** Whitespace runs (a paste re-wraps lines) count as one space. */
function normText(t: string): string {
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * The thread an address points at: a comment anchor, a query, a trailing slash or a forum's
 * `/post-N` / `/page-N` suffix still name the same thread.
 */
export function threadOf(url: string): string {
  const trimmed = url.trim();
  const base = trimmed
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\/(post|page)-\d+$/, '')
    .toLowerCase();
  // A script page (Bugzilla's show_bug.cgi?id=N, a phpBB viewtopic.php?t=N) is one thread per
  // identifying parameter: without it every bug of a tracker would be one thread.
  if (!/\.(?:cgi|php|aspx?|pl)$/.test(base)) return base;
  const query = /\?([^#]*)/.exec(trimmed)?.[1] ?? '';
  const keep = query
    .split('&')
    .filter((p) => /^(?:id|t|p|topic|showtopic|threadid|bug)=./i.test(p))
    .map((p) => p.toLowerCase())
    .sort();
  return keep.length ? `${base}?${keep.join('&')}` : base;
}

/** Shorter pieces are too generic to say that one text was taken from the other. */
const MIN_SHARED = 40;

export interface Contamination {
  /** The entry whose example is this text (or holds one of its lines, or is held in it). */
  textIn?: string;
  /** The entry with an example taken from the same thread. */
  threadIn?: string;
}

/**
 * Whether a held-out message was used to build the catalogue: its text (whole, one of its lines,
 * or containing a whole example) is a catalogue example, or its thread is the origin of one.
 */
export function contamination(m: HeldOutMessage, examples: readonly ExampleRef[]): Contamination {
  const whole = normText(m.text);
  const lines = m.text
    .split('\n')
    .map(normText)
    .filter((l) => l.length >= MIN_SHARED);
  const thread = threadOf(m.origin);
  const byText = examples.find((x) => {
    const t = normText(x.text);
    if (t === whole) return true;
    if (t.length >= MIN_SHARED && whole.includes(t)) return true;
    return lines.some((l) => t.includes(l));
  });
  const byThread = examples.find((x) => threadOf(x.origin) === thread);
  return { textIn: byText?.entry, threadIn: byThread?.entry };
}

export function isClean(c: Contamination): boolean {
  return c.textIn === undefined && c.threadIn === undefined;
}

export interface MessageScore {
  id: string;
  recognised: boolean;
  explained: boolean;
  matched: string[];
  /** Not used to build the catalogue (neither its text nor its thread). */
  clean: boolean;
  contamination: Contamination;
}

export function scoreMessage(
  m: HeldOutMessage,
  examples: readonly ExampleRef[] = catalogueExamples(),
): MessageScore {
  const findings = diagnoseText(m.text).findings as unknown as LooseFinding[];
  const explanations = findings.map(explanationOf);
  const c = contamination(m, examples);
  return {
    id: m.id,
    recognised: findings.length > 0,
    explained: explanations.some((x) => satisfies(x.text, m.expect)),
    matched: explanations.map((x) => x.id),
    clean: isClean(c),
    contamination: c,
  };
}

export interface Figures {
  total: number;
  recognised: number;
  explained: number;
}

export function figures(scores: readonly MessageScore[]): Figures {
  return {
    total: scores.length,
    recognised: scores.filter((s) => s.recognised).length,
    explained: scores.filter((s) => s.explained).length,
  };
}

function pct(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}

/** The set the command line names with `--set FILE` (or `--set=FILE`); the first set by default. */
export function setPathFrom(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') {
      const file = argv[i + 1];
      if (file === undefined || file.startsWith('--')) throw new Error('--set needs a file');
      return file;
    }
    if (a.startsWith('--set=')) {
      const file = a.slice('--set='.length);
      if (file === '') throw new Error('--set needs a file');
      return file;
    }
  }
  return HELD_OUT_PATH;
}

function main(argv: string[]): void {
  const verbose = argv.includes('--verbose');
  const asJson = argv.includes('--json');
  const setPath = setPathFrom(argv);
  const set = loadHeldOut(setPath);
  const examples = catalogueExamples();
  const scores = set.messages.map((m) => scoreMessage(m, examples));
  const inScope = (i: number) => set.messages[i].scope !== 'out';
  const clean = figures(scores.filter((s, i) => s.clean && inScope(i)));
  const all = figures(scores.filter((_, i) => inScope(i)));
  const offGround = figures(scores.filter((_, i) => !inScope(i)));

  if (asJson) {
    console.log(
      JSON.stringify(
        {
          set: setPath,
          fixed: set.fixed,
          appended: set.appended ?? [],
          clean,
          all,
          offGround,
          messages: scores,
        },
        null,
        2,
      ),
    );
    return;
  }
  const line = (label: string, f: Figures) => {
    console.log(`${label} ${f.total} messages`);
    console.log(`  recognised:           ${f.recognised}/${f.total} (${pct(f.recognised, f.total)})`);
    console.log(`  correctly explained:  ${f.explained}/${f.total} (${pct(f.explained, f.total)})`);
  };
  console.log(`held-out set: ${all.total} real messages (fixed ${set.fixed}, ${setPath})`);
  line('clean (not used to build the catalogue):', clean);
  line('all, including those that became catalogue examples:', all);
  if (offGround.total) line('off the VFIO path (scope "out", not in the figures above):', offGround);

  const used = scores.filter((s) => !s.clean);
  console.log(`\nused to build the catalogue (${used.length}):`);
  for (const s of used) {
    const how = [
      s.contamination.textIn ? `text is an example of ${s.contamination.textIn}` : '',
      s.contamination.threadIn ? `thread is an example origin of ${s.contamination.threadIn}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    console.log(`  ${s.id}: ${how}`);
  }

  const byFamily = new Map<string, { total: number; explained: number }>();
  set.messages.forEach((m, i) => {
    if (!scores[i].clean) return;
    const f = byFamily.get(m.family) ?? { total: 0, explained: 0 };
    f.total++;
    if (scores[i].explained) f.explained++;
    byFamily.set(m.family, f);
  });
  console.log('\nclean messages by family (explained/total):');
  for (const [family, f] of [...byFamily].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`  ${family.padEnd(20)} ${f.explained}/${f.total}`);

  const misses = set.messages.filter((_, i) => !scores[i].explained);
  console.log(`\nmisses (${misses.length}, clean ones marked *):`);
  for (const m of misses) {
    const s = scores[set.messages.indexOf(m)];
    const what = s.recognised ? `recognised as ${s.matched.join(', ')} but not explained` : 'not recognised';
    console.log(`  ${s.clean ? '*' : ' '} ${m.id} [${m.family}] ${what}`);
    if (verbose) {
      console.log(`      text:   ${m.text.split('\n')[0].slice(0, 160)}`);
      console.log(`      expect: ${m.expect.map((g) => `(${g.join(' | ')})`).join(' AND ')}`);
      console.log(`      origin: ${m.origin}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `... | head` closes the pipe early: that is the reader's choice, not an error to report.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    main(process.argv.slice(2));
  } catch (e) {
    // A wrong --set (no file, unreadable, not a held-out set) is the caller's mistake: one line.
    console.error(`diagnose-heldout: ${(e as Error).message}`);
    process.exit(2);
  }
}
