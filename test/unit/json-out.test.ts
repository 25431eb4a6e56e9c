// writeJson: --json output written in pieces must be byte for byte what the single
// JSON.stringify(value, null, 2) + "\n" it replaced gave. The oracle is JSON.stringify itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { writeJson } from '../../src/cli/json-out.js';

function written(value: unknown): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  writeJson(
    {
      write: (s: string | Uint8Array) => {
        text += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
        writes++;
      },
    },
    value,
  );
  return { text, writes };
}

const oracle = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

test('any JSON value: the same text as JSON.stringify(value, null, 2)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      assert.equal(written(v).text, oracle(v));
    }),
    { numRuns: 500, seed: 1112 },
  );
});

test('what JSON.stringify leaves out or rewrites: undefined, functions, symbols, toJSON, boxes, holes, -0, NaN', () => {
  const date = new Date(Date.UTC(2026, 11, 2));
  const cases: unknown[] = [
    { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
    [undefined, () => 1, Symbol('s'), 2],
    { when: date, nested: { toJSON: (k: string) => ({ key: k, inner: { toJSON: () => 'never called' } }) } },
    [new Number(3), new String('x'), new Boolean(false)],
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    [1, , 3],
    { z: -0, n: Number.NaN, i: Number.POSITIVE_INFINITY },
    { m: new Map([[1, 2]]), s: new Set([1]) },
    {},
    [],
    { e: {}, f: [], g: [[]], h: [{}] },
    'a "quoted" \u2028 string\n',
    null,
    0,
  ];
  for (const c of cases) assert.equal(written(c).text, oracle(c), JSON.stringify(c));
  assert.equal(written(undefined).text, `${undefined}\n`);
  assert.throws(() => written({ big: 1n }), TypeError);
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => written(loop), /circular/);
});

test('a large value is written in pieces, not held whole', () => {
  const big = {
    devices: Array.from({ length: 20_000 }, (_, i) => ({ address: `0000:${i}`, names: { vendor: 'Intel' } })),
  };
  const out = written(big);
  assert.equal(out.text, oracle(big));
  assert.ok(out.writes > 20, `${out.writes} writes of about 64 KiB`);
});

test('arrays written natively in chunks at every depth, around elements that must be walked', () => {
  const item = (i: number) => ({ id: i, name: `dev ${i}`, tags: ['a', 'b'], nested: { empty: [], obj: {} } });
  const when = new Date(Date.UTC(2026, 11, 3));
  const value = {
    top: Array.from({ length: 100 }, (_, i) => item(i)),
    deep: { a: { b: [{ c: Array.from({ length: 70 }, (_, i) => (i % 9 === 0 ? when : item(i))) }] } },
    // A long array inside an element, an element with its own toJSON, holes and undefined.
    mixed: [
      Array.from({ length: 40 }, (_, i) => i),
      { toJSON: (k: string) => ({ key: k }) },
      undefined,
      () => 1,
      [[[1, [2, [3]]]]],
    ],
  };
  assert.equal(written(value).text, oracle(value));
  assert.equal(written(value.top).text, oracle(value.top));
  const arrays = fc.array(fc.array(fc.jsonValue(), { maxLength: 40 }), { maxLength: 80 });
  fc.assert(
    fc.property(arrays, (v) => {
      assert.equal(written({ x: [v] }).text, oracle({ x: [v] }));
    }),
    { numRuns: 200, seed: 3012 },
  );
});
