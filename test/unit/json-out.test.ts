// writeJson writes in pieces what JSON.stringify(value, null, 2) writes whole: the oracle is
// JSON.stringify itself, over generated values and over the shapes the CLI prints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonPieces, writeJson } from '../../src/cli/json-out.js';

const whole = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
function written(v: unknown): { text: string; writes: number } {
  const out: string[] = [];
  writeJson((t) => out.push(t), v);
  return { text: out.join(''), writes: out.length };
}

test('generated values: the same text as JSON.stringify(value, null, 2)', () => {
  fc.assert(
    fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withDate: true }), (v) => {
      // fast-check's anything() includes values JSON.stringify rejects (bigint) or prints as
      // undefined at the top level: the pieces must then fail or print alike.
      let expected: string | undefined;
      try {
        expected = whole(v);
      } catch {
        assert.throws(() => written(v));
        return;
      }
      assert.equal(written(v).text, expected);
    }),
    { numRuns: 2000, seed: 11 },
  );
});

test('a report-shaped object: arrays of records, omitted members, nested arrays, empty ones', () => {
  const doc = {
    schema: 'vfiokit.groups/3',
    skipped: undefined,
    fn: () => 1,
    groups: [
      { id: 0, devices: [{ address: '0000:00:00.0', names: { vendor: 'Intel "x"\n' } }], others: [] },
      undefined,
      { id: 1, devices: [], unknown: [['a'], {}] },
    ],
    empty: [],
    warnings: ['one', 'two'],
    when: new Date(0),
    nested: { a: [1, 2, { b: null }] },
  };
  assert.equal(written(doc).text, whole(doc));
  assert.equal(written({}).text, whole({}));
  assert.equal(written([]).text, whole([]));
  assert.equal(written({ toJSON: () => ({ x: [1] }) }).text, whole({ toJSON: () => ({ x: [1] }) }));
});

test('a large document is written in several writes, not one string', () => {
  const doc = {
    groups: Array.from({ length: 5000 }, (_, i) => ({ id: i, devices: [{ address: `0000:00:${i}` }] })),
  };
  const { text, writes } = written(doc);
  assert.equal(text, whole(doc));
  assert.ok(writes > 5, `${writes} writes`);
  assert.ok([...jsonPieces(doc)].length > 5000);
});
