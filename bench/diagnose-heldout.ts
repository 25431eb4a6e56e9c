// `npx tsx bench/diagnose-heldout.ts [--verbose] [--json]`: runs every message of the held-out set
// (test/fixtures/diagnose/held-out.json, real messages from public reports, written down before the
// catalogue was tuned) through the diagnose engine and prints how many it recognises and how many it
// explains correctly. The figure is reported, never a gate: the set must not be tuned against.
//
// A message is recognised when diagnoseText() returns at least one finding. It is explained
// correctly when one finding's title + cause + fix (after the entry's refine(), if it has one, has
// seen the facts read from the message) contains, for every keyword group of the message's
// `expect`, at least one of the group's keywords (case-insensitive).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnoseText } from '../src/readiness/diagnose/matcher.js';

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
}

export interface HeldOutSet {
  schema: string;
  fixed: string;
  messages: HeldOutMessage[];
}

export const HELD_OUT_PATH = fileURLToPath(
  new URL('../test/fixtures/diagnose/held-out.json', import.meta.url),
);

export function loadHeldOut(path = HELD_OUT_PATH): HeldOutSet {
  return JSON.parse(readFileSync(path, 'utf8')) as HeldOutSet;
}

/**
 * Only the parts of a finding the score depends on, typed loosely on purpose: the engine and its
 * catalogue change, and the score must keep reading them (an entry's id, title, cause, fix and an
 * optional refine over the facts read from the message).
 */
interface LooseText {
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
}

/** The explanation a finding gives: its entry's text, with refine() applied to the message's facts. */
export function explanationOf(f: LooseFinding): { id: string; text: string } {
  const facts: Record<string, string> = { ...(f.values ?? {}) };
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
  return { id: f.entry.id, text: `${title}\n${cause}\n${fix}` };
}

/** Every keyword group has at least one keyword in the text (case-insensitive substring). */
export function satisfies(text: string, expect: string[][]): boolean {
  const t = text.toLowerCase();
  return expect.every((group) => group.some((k) => t.includes(k.toLowerCase())));
}

export interface MessageScore {
  id: string;
  recognised: boolean;
  explained: boolean;
  matched: string[];
}

export function scoreMessage(m: HeldOutMessage): MessageScore {
  const findings = diagnoseText(m.text).findings as unknown as LooseFinding[];
  const explanations = findings.map(explanationOf);
  return {
    id: m.id,
    recognised: findings.length > 0,
    explained: explanations.some((x) => satisfies(x.text, m.expect)),
    matched: explanations.map((x) => x.id),
  };
}

function pct(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}

function main(argv: string[]): void {
  const verbose = argv.includes('--verbose');
  const asJson = argv.includes('--json');
  const set = loadHeldOut();
  const scores = set.messages.map(scoreMessage);
  const total = scores.length;
  const recognised = scores.filter((s) => s.recognised).length;
  const explained = scores.filter((s) => s.explained).length;

  if (asJson) {
    console.log(
      JSON.stringify({ fixed: set.fixed, total, recognised, explained, messages: scores }, null, 2),
    );
    return;
  }
  console.log(`held-out set: ${total} real messages (fixed ${set.fixed}, ${HELD_OUT_PATH})`);
  console.log(`recognised:           ${recognised}/${total} (${pct(recognised, total)})`);
  console.log(`correctly explained:  ${explained}/${total} (${pct(explained, total)})`);

  const byFamily = new Map<string, { total: number; explained: number }>();
  set.messages.forEach((m, i) => {
    const f = byFamily.get(m.family) ?? { total: 0, explained: 0 };
    f.total++;
    if (scores[i].explained) f.explained++;
    byFamily.set(m.family, f);
  });
  console.log('\nby family (explained/total):');
  for (const [family, f] of [...byFamily].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`  ${family.padEnd(20)} ${f.explained}/${f.total}`);

  const misses = set.messages.filter((_, i) => !scores[i].explained);
  console.log(`\nmisses (${misses.length}):`);
  for (const m of misses) {
    const s = scores[set.messages.indexOf(m)];
    const what = s.recognised ? `recognised as ${s.matched.join(', ')} but not explained` : 'not recognised';
    console.log(`  ${m.id} [${m.family}] ${what}`);
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
  main(process.argv.slice(2));
}
