// The held-out sets of real messages (test/fixtures/diagnose/held-out.json and the later
// held-out-2.json to held-out-13.json, each collected from other threads once the sets before it
// had been used for tuning, scored or fixed) are well formed and hold enough messages that were
// not used to build the catalogue. Only their shape is checked here: how well diagnose does on
// them is a figure that bench/diagnose-heldout.ts prints (`--set FILE` for the later sets), never a
// threshold a test enforces, so the catalogue cannot be tuned against a set.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  catalogueExamples,
  contamination,
  explanationOf,
  HELD_OUT_2_PATH,
  HELD_OUT_3_PATH,
  HELD_OUT_4_PATH,
  HELD_OUT_5_PATH,
  HELD_OUT_6_PATH,
  HELD_OUT_7_PATH,
  HELD_OUT_8_PATH,
  HELD_OUT_9_PATH,
  HELD_OUT_10_PATH,
  HELD_OUT_11_PATH,
  HELD_OUT_12_PATH,
  HELD_OUT_13_PATH,
  HELD_OUT_14_PATH,
  HELD_OUT_15_PATH,
  HELD_OUT_16_PATH,
  HELD_OUT_17_PATH,
  HELD_OUT_18_PATH,
  HELD_OUT_PATH,
  type HeldOutMessage,
  isClean,
  loadHeldOut,
  satisfies,
  setPathFrom,
  threadOf,
} from '../../bench/diagnose-heldout.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { runCli } from '../helpers/cli.js';

// 'other' is a program on the VFIO path that is none of the named ones (a vGPU manager, a container
// runtime, another VMM).
const PRODUCERS = new Set(['kernel', 'qemu', 'libvirt', 'windows', 'shell', 'other']);

const SETS = [
  { name: 'held-out.json', path: HELD_OUT_PATH, idPattern: /^ho-\d{2,3}$/ },
  { name: 'held-out-2.json', path: HELD_OUT_2_PATH, idPattern: /^h2-\d{2,3}$/ },
  { name: 'held-out-3.json', path: HELD_OUT_3_PATH, idPattern: /^h3-\d{2,3}$/ },
  { name: 'held-out-4.json', path: HELD_OUT_4_PATH, idPattern: /^h4-\d{2,3}$/ },
  { name: 'held-out-5.json', path: HELD_OUT_5_PATH, idPattern: /^h5-\d{2,3}$/ },
  { name: 'held-out-6.json', path: HELD_OUT_6_PATH, idPattern: /^h6-\d{2,3}$/ },
  { name: 'held-out-7.json', path: HELD_OUT_7_PATH, idPattern: /^h7-\d{2,3}$/ },
  { name: 'held-out-8.json', path: HELD_OUT_8_PATH, idPattern: /^h8-\d{2,3}$/ },
  { name: 'held-out-9.json', path: HELD_OUT_9_PATH, idPattern: /^h9-\d{2,3}$/ },
  { name: 'held-out-10.json', path: HELD_OUT_10_PATH, idPattern: /^h10-\d{2,3}$/ },
  { name: 'held-out-11.json', path: HELD_OUT_11_PATH, idPattern: /^h11-\d{2,3}$/ },
  { name: 'held-out-12.json', path: HELD_OUT_12_PATH, idPattern: /^h12-\d{2,3}$/ },
  { name: 'held-out-14.json', path: HELD_OUT_14_PATH, idPattern: /^h14-\d{2,3}$/ },
  { name: 'held-out-16.json', path: HELD_OUT_16_PATH, idPattern: /^h16-\d{2,3}$/ },
  // held-out-13.json is not here yet: it is still incomplete (22 messages after a second writer,
  // below the 40 these tests ask for; see the fixtures README). It joins this list, and LATER_SETS
  // below, once it has 40.
];

/** How many messages the fourteenth set was fixed with (test/fixtures/diagnose/README.md). */
const SET_14_SIZE = 48;

/** How many messages the sixteenth set was fixed with (test/fixtures/diagnose/README.md). */
const SET_16_SIZE = 48;

/**
 * Every message of a set has a well-formed id (unique), a public origin, a producer, a family, the
 * text, its cause with where it comes from, and non-empty keyword groups; no two texts are the same.
 */
function checkMessages(messages: readonly HeldOutMessage[], idPattern: RegExp): void {
  const ids = new Set<string>();
  let checked = 0;
  for (const m of messages) {
    assert.match(m.id, idPattern, `bad id ${m.id}`);
    assert.ok(!ids.has(m.id), `duplicate id ${m.id}`);
    ids.add(m.id);
    assert.ok(URL.canParse(m.origin) && m.origin.startsWith('https://'), `${m.id}: origin ${m.origin}`);
    assert.ok(PRODUCERS.has(m.producer), `${m.id}: producer ${m.producer}`);
    assert.ok(m.family.length > 0, `${m.id}: no family`);
    assert.ok(m.text.trim().length > 0, `${m.id}: empty text`);
    assert.ok(m.cause.trim().length > 20, `${m.id}: the true cause must be written out`);
    assert.ok(['thread', 'source'].includes(m.causeFrom), `${m.id}: causeFrom ${m.causeFrom}`);
    assert.ok(Array.isArray(m.expect) && m.expect.length >= 1, `${m.id}: no expect groups`);
    for (const group of m.expect) {
      assert.ok(Array.isArray(group) && group.length >= 1, `${m.id}: empty keyword group`);
      for (const k of group)
        assert.ok(typeof k === 'string' && k.trim().length > 0, `${m.id}: empty keyword`);
    }
    if (m.harmless !== undefined) assert.equal(m.harmless, true, `${m.id}: harmless is a flag`);
    if (m.scope !== undefined) assert.ok(['in', 'out'].includes(m.scope), `${m.id}: scope ${m.scope}`);
    checked++;
  }
  assert.equal(checked, messages.length);
  assert.equal(
    new Set(messages.map((m) => m.text.trim())).size,
    messages.length,
    'two messages share a text',
  );
}

for (const { name, path, idPattern } of SETS) {
  const set = loadHeldOut(path);

  test(`${name} has its schema, its date and at least 40 messages`, () => {
    assert.equal(set.schema, 'vfiokit.diagnose-heldout/1');
    assert.match(set.fixed, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(set.messages.length >= 40, `only ${set.messages.length} messages`);
  });

  test(`${name}: every message has an id, a public origin, a producer, the text, its cause and keyword groups`, () => {
    checkMessages(set.messages, idPattern);
  });

  test(`${name}: no two messages are the same text`, () => {
    const texts = set.messages.map((m) => m.text.trim());
    assert.equal(new Set(texts).size, texts.length);
  });

  test(`${name}: at least 40 messages on the VFIO path were not used to build the catalogue (neither their text nor their thread)`, () => {
    const examples = catalogueExamples();
    assert.ok(examples.length > 0, 'the catalogue has no examples to compare with');
    let checked = 0;
    let clean = 0;
    for (const m of set.messages) {
      // A message marked off the VFIO path (scope "out") is not in the score, so not in the 40.
      if (m.scope !== 'out' && isClean(contamination(m, examples))) clean++;
      checked++;
    }
    assert.equal(checked, set.messages.length);
    assert.ok(clean >= 40, `only ${clean} of ${set.messages.length} messages are still held out`);
  });

  test(`${name}: messages appended after the set was fixed say when and which`, () => {
    const ids = new Set(set.messages.map((m) => m.id));
    for (const a of set.appended ?? []) {
      assert.match(a.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(a.date >= set.fixed, `${a.ids}: added before the set was fixed`);
      const [from, to] = a.ids.split(' to ');
      assert.ok(ids.has(from) && ids.has(to), `${a.ids}: unknown ids`);
      assert.ok(a.why.trim().length > 20, `${a.ids}: say why they were added`);
    }
  });
}

test('the second set shares no thread with the first', () => {
  const first = new Set(loadHeldOut(HELD_OUT_PATH).messages.map((m) => threadOf(m.origin)));
  const second = loadHeldOut(HELD_OUT_2_PATH).messages;
  assert.ok(second.length > 0);
  const shared = second.filter((m) => first.has(threadOf(m.origin))).map((m) => m.id);
  assert.deepEqual(shared, []);
});

test('the third set shares no thread with the first two', () => {
  const earlier = new Set(
    [...loadHeldOut(HELD_OUT_PATH).messages, ...loadHeldOut(HELD_OUT_2_PATH).messages].map((m) =>
      threadOf(m.origin),
    ),
  );
  const third = loadHeldOut(HELD_OUT_3_PATH).messages;
  assert.equal(third.length, 52);
  const shared = third.filter((m) => earlier.has(threadOf(m.origin))).map((m) => m.id);
  assert.deepEqual(shared, []);
});

const SETS_IN_ORDER = [
  HELD_OUT_PATH,
  HELD_OUT_2_PATH,
  HELD_OUT_3_PATH,
  HELD_OUT_4_PATH,
  HELD_OUT_5_PATH,
  HELD_OUT_6_PATH,
  HELD_OUT_7_PATH,
  HELD_OUT_8_PATH,
  HELD_OUT_9_PATH,
  HELD_OUT_10_PATH,
  HELD_OUT_11_PATH,
  HELD_OUT_12_PATH,
  HELD_OUT_13_PATH,
  HELD_OUT_14_PATH,
  HELD_OUT_15_PATH,
  HELD_OUT_16_PATH,
  HELD_OUT_17_PATH,
  HELD_OUT_18_PATH,
];

/**
 * The fourth to thirteenth sets, each fixed with every message clean before anyone scored it. Later
 * catalogue work from the same public threads (written without reading the set) may make a few
 * of them examples or example origins, which the scorer then leaves out (the fourth set lost
 * h4-01, h4-12, h4-17, h4-44 and h4-45 that way: see the fixtures README); hence "at least 40".
 */
const LATER_SETS = [
  { nth: 'fourth', earlier: 'first three', size: 49 },
  { nth: 'fifth', earlier: 'first four', size: 49 },
  { nth: 'sixth', earlier: 'first five', size: 46 },
  { nth: 'seventh', earlier: 'first six', size: 46 },
  { nth: 'eighth', earlier: 'first seven', size: 48 },
  { nth: 'ninth', earlier: 'first eight', size: 41 },
  { nth: 'tenth', earlier: 'first nine', size: 50 },
  { nth: 'eleventh', earlier: 'first ten', size: 42 },
  { nth: 'twelfth', earlier: 'first eleven', size: 40 },
];

LATER_SETS.forEach(({ nth, earlier, size }, i) => {
  const index = i + 3;
  test(`the ${nth} set shares no thread with the ${earlier}, and at least 40 of it is still held out`, () => {
    const before = new Set(
      SETS_IN_ORDER.slice(0, index).flatMap((path) =>
        loadHeldOut(path).messages.map((m) => threadOf(m.origin)),
      ),
    );
    const set = loadHeldOut(SETS_IN_ORDER[index]).messages;
    assert.equal(set.length, size);
    const shared = set.filter((m) => before.has(threadOf(m.origin))).map((m) => m.id);
    assert.deepEqual(shared, []);
    const examples = catalogueExamples();
    const clean = set.filter((m) => isClean(contamination(m, examples)));
    assert.ok(clean.length >= 40, `only ${clean.length} clean messages`);
  });
});

/**
 * The set at SETS_IN_ORDER[index], fixed before anyone scored it, checked as a whole: it has `size`
 * messages, shares no thread with the sets before it, no two of its messages share a thread, every
 * message is in scope, harmless lines stay within a tenth, and every message is clean.
 */
function checkFreshSet(index: number, size: number, readAfter: readonly string[] = []): HeldOutMessage[] {
  const before = new Set(
    SETS_IN_ORDER.slice(0, index).flatMap((path) =>
      loadHeldOut(path).messages.map((m) => threadOf(m.origin)),
    ),
  );
  const set = loadHeldOut(SETS_IN_ORDER[index]).messages;
  assert.equal(set.length, size);
  assert.equal(new Set(set.map((m) => threadOf(m.origin))).size, set.length);
  for (const m of set) assert.equal(m.scope, 'in', `${m.id}: scope`);
  assert.ok(set.filter((m) => m.harmless).length * 10 <= set.length, 'harmless lines above a tenth');
  const shared = set.filter((m) => before.has(threadOf(m.origin))).map((m) => m.id);
  assert.deepEqual(shared, []);
  const examples = catalogueExamples();
  const dirty = set.filter((m) => !isClean(contamination(m, examples))).map((m) => m.id);
  assert.deepEqual(dirty, [...readAfter]);
  return set;
}

// The thirteenth set was written in two passes (22 messages, then h13-23 to h13-41 appended before any
// score, 41 in all). It is not in SETS or LATER_SETS, whose positions the other tests rely on, so it
// keeps this test of its own, with the fields the SETS loop checks for the others.
test('the thirteenth set (41, completed by appending) shares no thread with the first twelve, and all of it is held out', () => {
  // Read after its seventh blind score (fixtures README): three of its messages are fixed script
  // or installer texts with no variable part, so the entries written for their families hold the
  // same line as their examples, and those three are no longer held out (the scorer's headline
  // leaves them out). h13-22 went with the knowable misses of sets 13 to 16 (2026-12-04).
  const set = checkFreshSet(12, 41, ['h13-01', 'h13-10', 'h13-22']);
  checkMessages(set, /^h13-\d{2,3}$/);
});

// The fourteenth set is in SETS (its fields and its 40 clean messages are checked there) but not in
// LATER_SETS, whose positions follow SETS_IN_ORDER without the thirteenth.
test('the fourteenth set shares no thread with the first thirteen, and all of it is held out', () => {
  // Read after its scores: the knowable misses of sets 13 to 16 (2026-12-04) gave entries to two
  // fixed texts with no variable part (the TPU runtime's error, the macOS-KVM wizard's banner).
  checkFreshSet(13, SET_14_SIZE, ['h14-122', 'h14-124']);
});

// The fifteenth set was written blind by two writers in disjoint sources while the thirteenth was
// being read (fixtures README). With 35 messages it is below the 40 that SETS asks for, so, as the
// thirteenth did while it was short, it keeps a test of its own with the fields SETS checks.
test('the fifteenth set (35) shares no thread with the first fourteen, and all of it is held out', () => {
  const set = checkFreshSet(14, 35);
  checkMessages(set, /^h15-\d{2,3}$/);
});

// The sixteenth set is in SETS (its fields and its 40 clean messages are checked there) but, like the
// fourteenth, not in LATER_SETS, whose positions follow SETS_IN_ORDER without the thirteenth.
test('the sixteenth set shares no thread with the first fifteen, and all of it is held out', () => {
  // Read after its scores: QEMU's failed-cast line ends in a fixed text ("is not an instance of type
  // qemu:iommu-memory-region") that the sPAPR entry's example holds too (2026-12-04).
  checkFreshSet(15, SET_16_SIZE, ['h16-07']);
});

// The seventeenth set was written blind by four writers from users' threads (issue trackers, forums,
// users' lists) while the sixteenth's families were swept. With 23 messages it is below the 40 that
// SETS asks for, so, like the fifteenth, it keeps a test of its own with the fields SETS checks.
test('the seventeenth set (23) shares no thread with the first sixteen, and all of it is held out', () => {
  // Read after its one blind score: h17-207 is a fixed QEMU line with no variable part, so the entry
  // written for its family (read-set17-sweep.ts) holds the same line as its example.
  const set = checkFreshSet(16, 23, ['h17-207']);
  checkMessages(set, /^h17-\d{2,3}$/);
});

// The eighteenth set was written blind by two writers from users' threads (issue trackers; lists,
// bug trackers and forums), each message classified (M/D/K/T, ceiling-18.json) before its one blind
// score. With 21 messages it is below the 40 that SETS asks for, so it keeps a test of its own.
test('the eighteenth set (21) shares no thread with the first seventeen, and all of it is held out', () => {
  // Read after its one blind score: h18-04 is a fixed vGPU-manager line (the one status it is seen
  // with), so the entry written for its family (read-set18-sweep.ts) holds the same line.
  const set = checkFreshSet(17, 21, ['h18-04']);
  checkMessages(set, /^h18-\d{2,3}$/);
  const classes = JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/diagnose/ceiling-18.json', import.meta.url)), 'utf8'),
  ) as { messages: { id: string; class: string; why: string }[] };
  assert.deepEqual(classes.messages.map((m) => m.id).sort(), set.map((m) => m.id).sort());
  for (const m of classes.messages) {
    assert.ok(['M', 'D', 'K', 'T'].includes(m.class), `${m.id}: class ${m.class}`);
    assert.ok(m.why.length > 20, `${m.id}: no reason`);
  }
  const count = (k: string) => classes.messages.filter((m) => m.class === k).length;
  const readme = readFileSync(
    fileURLToPath(new URL('../fixtures/diagnose/README.md', import.meta.url)),
    'utf8',
  );
  const row = `| M / D / K / T | ${count('M')} / ${count('D')} / ${count('K')} / ${count('T')} |`;
  assert.ok(readme.includes(row), `README lacks: ${row}`);
});

// The second, independent classification of the eighteenth set covers it once, and the README
// states its counts.
test('the second classification of set 18 covers it once, and the README states its counts', () => {
  const file = JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../fixtures/diagnose/ceiling-18-second.json', import.meta.url)),
      'utf8',
    ),
  ) as { messages: { id: string; class: string; why: string }[] };
  const ids = loadHeldOut(HELD_OUT_18_PATH).messages.map((m) => m.id);
  assert.equal(ids.length, 21);
  assert.deepEqual(file.messages.map((m) => m.id).sort(), [...ids].sort());
  for (const m of file.messages) assert.ok(['M', 'D', 'K', 'T'].includes(m.class) && m.why.length > 20, m.id);
  const count = (k: string) => file.messages.filter((m) => m.class === k).length;
  const readme = readFileSync(
    fileURLToPath(new URL('../fixtures/diagnose/README.md', import.meta.url)),
    'utf8',
  );
  const stated = `M ${count('M')}, D ${count('D')}, K ${count('K')}, T ${count('T')})`;
  assert.ok(readme.includes(stated), `README lacks: ${stated}`);
});

// No text of the seventh to fourteenth set repeats a text, or a line of 30 characters or more,
// of a set before it (SETS_IN_ORDER: the seventh is at index 6).
for (const [name, index] of [
  ['seventh', 6],
  ['eighth', 7],
  ['ninth', 8],
  ['tenth', 9],
  ['eleventh', 10],
  ['twelfth', 11],
  ['thirteenth', 12],
  ['fourteenth', 13],
  ['fifteenth', 14],
  ['sixteenth', 15],
] as const) {
  test(`the ${name} set repeats no text or long line of an earlier set`, () => {
    const earlierTexts = SETS_IN_ORDER.slice(0, index).flatMap((path) =>
      loadHeldOut(path).messages.map((m) => m.text),
    );
    const repeated = loadHeldOut(SETS_IN_ORDER[index])
      .messages.filter((m) =>
        m.text
          .split('\n')
          .map((l) => l.trim())
          .some((l) => l.length >= 30 && earlierTexts.some((t) => t.includes(l))),
      )
      .map((m) => m.id);
    assert.deepEqual(repeated, []);
  });
}

for (const [name, path] of [
  ['held-out-4.json', HELD_OUT_4_PATH],
  ['held-out-5.json', HELD_OUT_5_PATH],
  ['held-out-6.json', HELD_OUT_6_PATH],
  ['held-out-7.json', HELD_OUT_7_PATH],
  ['held-out-8.json', HELD_OUT_8_PATH],
  ['held-out-9.json', HELD_OUT_9_PATH],
  ['held-out-11.json', HELD_OUT_11_PATH],
  // (Set 10 is left out: it was written to the README's scope rule, not to a family quota, and
  // 8 of its 50 messages are harmless lines, the one family over a tenth; the README says so.)
  // (Set 12 is left out too: it was written to a cap of five messages a family, not to a tenth;
  // its largest family has four of 40, but a later edit within its own rule could break this one.)
  // (Set 13 is left out for the same reason: it was written to a cap of five messages a family.)
] as const) {
  test(`${name}: no family holds more than a tenth of the set`, () => {
    const messages = loadHeldOut(path).messages;
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m.family, (counts.get(m.family) ?? 0) + 1);
    assert.ok(counts.size >= 10, `only ${counts.size} families`);
    const over = [...counts].filter(([, n]) => n > messages.length / 10).map(([family]) => family);
    assert.deepEqual(over, []);
  });
}

test('--set names the set to score; the first set is the default', () => {
  assert.equal(setPathFrom([]), HELD_OUT_PATH);
  assert.equal(setPathFrom(['--verbose']), HELD_OUT_PATH);
  assert.equal(setPathFrom(['--set', 'x.json', '--json']), 'x.json');
  assert.equal(setPathFrom(['--set=y.json']), 'y.json');
  assert.throws(() => setPathFrom(['--set']), /--set needs a file/);
  assert.throws(() => setPathFrom(['--set', '--json']), /--set needs a file/);
});

test('a --set that is missing or not a held-out set is refused with one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-'));
  const notASet = join(dir, 'other.json');
  writeFileSync(notASet, JSON.stringify({ schema: 'something/1', items: [] }));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"schema": "vfiokit.diagnose-heldout/1", "messages": [');
  assert.throws(() => loadHeldOut(join(dir, 'absent.json')), /^Error: cannot read the held-out set .*ENOENT/);
  assert.throws(() => loadHeldOut(broken), /^Error: cannot read the held-out set /);
  assert.throws(() => loadHeldOut(notASet), /is not a held-out set/);
});

test('the contamination check sees a text, a line of it, or its thread in an example', () => {
  const m = {
    id: 'ho-00',
    family: 'device-open',
    producer: 'qemu',
    origin: 'https://github.com/o/r/issues/1#issuecomment-2',
    text: '[ 1.0] vfio-pci 0000:01:00.0: not ready 1023ms after FLR; waiting\n[ 2.0] second line of the message, long enough',
    cause: 'a cause long enough to be a written-out cause',
    causeFrom: 'source' as const,
    expect: [['x']],
  };
  const ex = (text: string, origin: string) => [{ entry: 'e', text, origin }];
  const far = 'https://github.com/o/r/issues/9';
  // The example is the bare message inside a prefixed line.
  assert.equal(
    contamination(m, ex('vfio-pci 0000:01:00.0: not ready 1023ms after FLR; waiting', far)).textIn,
    'e',
  );
  // One line of the message, re-wrapped, is inside the example.
  assert.equal(contamination(m, ex('x [ 2.0] second   line of the message, long enough y', far)).textIn, 'e');
  // Only the thread is shared: a comment anchor and a trailing slash still name it.
  const byThread = contamination(
    m,
    ex('an unrelated example text that is long enough', 'https://github.com/O/r/issues/1/'),
  );
  assert.deepEqual(byThread, { textIn: undefined, threadIn: 'e' });
  // A short, generic example does not count, and a different thread is clean.
  assert.ok(isClean(contamination(m, ex('not ready', far))));
  assert.equal(
    threadOf('https://forum.proxmox.com/threads/x.1/post-5#p'),
    'https://forum.proxmox.com/threads/x.1',
  );
});

test('a keyword group is satisfied by any one of its keywords, case-insensitively, and all groups must be', () => {
  const expect = [['interrupt remapping', 'allow_unsafe_interrupts'], ['hugepage']];
  assert.equal(satisfies('Enable Interrupt Remapping; reserve HugePages', expect), true);
  assert.equal(satisfies('set allow_unsafe_interrupts=1 and hugepages', expect), true);
  assert.equal(satisfies('enable interrupt remapping', expect), false);
  assert.equal(satisfies('', expect), false);
});

test('the scored explanation is what diagnose prints: a harmless finding carries its "harmless" line', () => {
  // The oracle is the command's own output: every line of the scored text is printed by it.
  const line = '[    1.041915] AMD-Vi: Interrupt remapping enabled';
  const findings = diagnoseText(line).findings;
  assert.equal(findings.length, 1);
  const scored = explanationOf(findings[0] as unknown as Parameters<typeof explanationOf>[0]).text;
  const printed = runCli(['diagnose', '--', line]);
  assert.equal(printed.status, 0, printed.stderr);
  const out = printed.stdout.replace(/\s+/g, ' ');
  const parts = scored.split('\n').filter(Boolean);
  assert.equal(parts.length, 4, scored);
  for (const p of parts) assert.ok(out.includes(p.replace(/\s+/g, ' ')), `printed: ${p}`);
  assert.match(scored, /^harmless: /);
  assert.equal(satisfies(scored, [['harmless', 'informational']]), true);
});

test('a thread is its address without anchor, query or page suffix — except the parameter naming a script page', () => {
  assert.equal(
    threadOf('https://github.com/qemu/qemu/issues/12?tab=x#issuecomment-1'),
    'https://github.com/qemu/qemu/issues/12',
  );
  assert.equal(
    threadOf('https://forum.proxmox.com/threads/gpu.1234/page-3'),
    'https://forum.proxmox.com/threads/gpu.1234',
  );
  // Two Bugzilla bugs are two threads; the comment anchor and other parameters do not count.
  assert.equal(
    threadOf('https://bugzilla.kernel.org/show_bug.cgi?id=220740#c12'),
    'https://bugzilla.kernel.org/show_bug.cgi?id=220740',
  );
  assert.notEqual(
    threadOf('https://bugzilla.kernel.org/show_bug.cgi?id=1'),
    threadOf('https://bugzilla.kernel.org/show_bug.cgi?id=999999'),
  );
  assert.equal(
    threadOf('https://bbs.archlinux.org/viewtopic.php?pid=5&id=271089'),
    threadOf('https://bbs.archlinux.org/viewtopic.php?id=271089&pid=5'),
  );
});

// The ceiling classification of the thirteenth to sixteenth sets (fixtures README, "How high can a
// blind score go?"): every message of those sets is classified exactly once, with a reason, and the
// counts the README states are the file's.
test('the ceiling classification covers sets 13 to 16 once each, and the README states its counts', () => {
  const file = JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/diagnose/ceiling-13-16.json', import.meta.url)), 'utf8'),
  ) as { messages: { id: string; set: string; class: string; why: string }[] };
  const ids = [HELD_OUT_13_PATH, HELD_OUT_14_PATH, HELD_OUT_15_PATH, HELD_OUT_16_PATH].flatMap((p) =>
    loadHeldOut(p).messages.map((m) => m.id),
  );
  assert.equal(ids.length, 172);
  assert.deepEqual(file.messages.map((m) => m.id).sort(), [...ids].sort());
  const count = (k: string) => file.messages.filter((m) => m.class === k).length;
  for (const m of file.messages) {
    assert.ok(['M', 'D', 'K', 'T'].includes(m.class), `${m.id}: class ${m.class}`);
    assert.ok(m.why.length > 20, `${m.id}: no reason`);
  }
  const readme = readFileSync(
    fileURLToPath(new URL('../fixtures/diagnose/README.md', import.meta.url)),
    'utf8',
  );
  const total = `| **all** | **172** | **${count('M')}** | **${count('D')}** | **${count('K')}** | **${count('T')}** |`;
  assert.ok(readme.includes(total), `README lacks: ${total}`);
  assert.equal(count('M') + count('D') + count('K') + count('T'), 172);
});

// The same classification of the seventeenth set, made without its scores (fixtures README, "The
// seventeenth set classified"): every message once, with a reason, and the README's row is the file's.
test('the ceiling classification of set 17 covers it once, and the README states its counts', () => {
  const file = JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/diagnose/ceiling-17.json', import.meta.url)), 'utf8'),
  ) as { messages: { id: string; set: string; class: string; why: string }[] };
  const ids = loadHeldOut(HELD_OUT_17_PATH).messages.map((m) => m.id);
  assert.equal(ids.length, 23);
  assert.deepEqual(file.messages.map((m) => m.id).sort(), [...ids].sort());
  for (const m of file.messages) {
    assert.ok(['M', 'D', 'K', 'T'].includes(m.class), `${m.id}: class ${m.class}`);
    assert.ok(m.why.length > 20, `${m.id}: no reason`);
  }
  const count = (k: string) => file.messages.filter((m) => m.class === k).length;
  const readme = readFileSync(
    fileURLToPath(new URL('../fixtures/diagnose/README.md', import.meta.url)),
    'utf8',
  );
  const row = `| held-out-17 | 23 | ${count('M')} | ${count('D')} | ${count('K')} | ${count('T')} |`;
  assert.ok(readme.includes(row), `README lacks: ${row}`);
});
