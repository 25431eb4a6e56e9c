// The held-out set of real messages (test/fixtures/diagnose/held-out.json) is well formed. Only its
// shape is checked here: how well diagnose does on it is a figure that bench/diagnose-heldout.ts
// prints, never a threshold a test enforces, so the catalogue cannot be tuned against the set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadHeldOut, satisfies } from '../../bench/diagnose-heldout.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';

const set = loadHeldOut();
const PRODUCERS = new Set(['kernel', 'qemu', 'libvirt', 'windows', 'shell']);

test('the held-out set has its schema, its date and at least 40 messages', () => {
  assert.equal(set.schema, 'vfiokit.diagnose-heldout/1');
  assert.match(set.fixed, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(set.messages.length >= 40, `only ${set.messages.length} messages`);
});

test('every message has an id, a public origin, a producer, the text, its cause and keyword groups', () => {
  const ids = new Set<string>();
  let checked = 0;
  for (const m of set.messages) {
    assert.match(m.id, /^ho-\d{2,3}$/, `bad id ${m.id}`);
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
    checked++;
  }
  assert.equal(checked, set.messages.length);
});

test('no two messages are the same text', () => {
  const texts = set.messages.map((m) => m.text.trim());
  assert.equal(new Set(texts).size, texts.length);
});

test('no held-out message is used as a catalogue example (it would no longer be held out)', () => {
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  const examples = CATALOGUE.flatMap((e) =>
    ((e as { examples?: { text: string }[] }).examples ?? []).map((x) => ({ id: e.id, text: norm(x.text) })),
  );
  const used: string[] = [];
  for (const m of set.messages) {
    const first = norm(m.text.split('\n')[0]);
    const whole = norm(m.text);
    const hit = examples.find((x) => x.text === whole || (first.length >= 40 && x.text.includes(first)));
    if (hit) used.push(`${m.id} is an example of ${hit.id}`);
  }
  assert.deepEqual(used, []);
});

test('a keyword group is satisfied by any one of its keywords, case-insensitively, and all groups must be', () => {
  const expect = [['interrupt remapping', 'allow_unsafe_interrupts'], ['hugepage']];
  assert.equal(satisfies('Enable Interrupt Remapping; reserve HugePages', expect), true);
  assert.equal(satisfies('set allow_unsafe_interrupts=1 and hugepages', expect), true);
  assert.equal(satisfies('enable interrupt remapping', expect), false);
  assert.equal(satisfies('', expect), false);
});
