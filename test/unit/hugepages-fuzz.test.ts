// Fuzzing what hugepages reads: the pool files (seeded mutations of the real kernel's text, from
// the lab desktop snapshot) and the record vfiokit keeps in /run/vfiokit. Every input gives a plan
// whose numbers follow the kernel's rules, or a one-line VfiokitError; never another exception.
// Then a property over consistent pools (fast-check): the pages added are exactly what the guest
// lacks (free − reserved counts, Documentation/admin-guide/mm/hugetlbpage.rst), and on the
// simulated kernel with room enough the verify passes and the pool ends exactly that large.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { applyPlan } from '../../src/actions/apply.js';
import { hugepageNeed, planHugepages, readHugepageRecord } from '../../src/actions/hugepages.js';
import { VfiokitError } from '../../src/errors.js';
import { hugepageHost, POOL_2M } from '../helpers/hugepage-host.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';

const h = hugepageHost({ pool2M: { nodes: [{ nr: 10, free: 6, room: 0 }], resv: 2 } });
after(() => h.cleanup());
const need = hugepageNeed({ memoryBytes: 64 * 1024 ** 2, hugepageBytes: 2 * 1024 ** 2 });
assert.ok(need);
const FILES = ['nr_hugepages', 'free_hugepages', 'resv_hugepages', 'surplus_hugepages'];
const file = (f: string) => path.join(h.dir, POOL_2M, f);
const original = Object.fromEntries(FILES.map((f) => [f, fs.readFileSync(file(f), 'utf8')]));
const strict = (t: string) => (/^\d{1,15}\s*$/.test(t) ? Number(t.trim()) : undefined);

function oneLine(e: unknown): VfiokitError {
  assert.ok(e instanceof VfiokitError, `not a VfiokitError: ${(e as Error)?.stack ?? e}`);
  assert.doesNotMatch(e.message, /\n/, e.message);
  return e;
}

test('mutated pool files: a plan by the rules or a one-line refusal', () => {
  const rnd = seededRandom(13);
  const pool = [...Object.values(original), '2048', '(null)', 'nr_hugepages', '18446744073709551615\n'];
  let plans = 0;
  let refusals = 0;
  const N = 600;
  for (let i = 0; i < N; i++) {
    const texts = { ...original };
    const which = FILES[rnd(FILES.length)];
    texts[which] = mutateText(texts[which], rnd, pool, '0123456789 \n\t-+x.');
    for (const f of FILES) fs.writeFileSync(file(f), texts[f]);
    try {
      const p = planHugepages(need, h.root());
      plans++;
      const [nr, free, resv, surplus] = FILES.map((f) => strict(texts[f]));
      // A plan only from counts sysfs could print, and that agree with each other.
      assert.ok(nr !== undefined && free !== undefined && resv !== undefined && surplus !== undefined, which);
      assert.ok(free <= nr && surplus <= nr && resv <= free);
      assert.equal(p.available, free - resv);
      assert.equal(p.add, Math.max(0, need.pages - (free - resv)));
    } catch (e) {
      oneLine(e);
      refusals++;
    }
  }
  for (const f of FILES) fs.writeFileSync(file(f), original[f]);
  assert.equal(plans + refusals, N);
  assert.ok(plans > 0 && refusals > 0, `plans ${plans}, refusals ${refusals}`);
});

test('mutated records: read as they are, or refused in one line', () => {
  const rec = path.join(h.dir, 'run/vfiokit/hugepages-small.json');
  fs.mkdirSync(path.dirname(rec), { recursive: true });
  const good = `${JSON.stringify(
    {
      schema: 'vfiokit.hugepages-record/1',
      name: 'small',
      pageSizeKb: 2048,
      pages: 32,
      raise: { path: `${POOL_2M}/nr_hugepages`, before: 0, surplusBefore: 0, to: 32 },
    },
    null,
    1,
  )}\n`;
  const rnd = seededRandom(7);
  let read = 0;
  let refused = 0;
  const N = 400;
  for (let i = 0; i < N; i++) {
    const text = mutateText(
      good,
      rnd,
      [good, '/sys/bus/pci/drivers_probe', '../', '"x"'],
      '{}[]":,0123456789-',
    );
    fs.writeFileSync(rec, text);
    try {
      const r = readHugepageRecord(h.root(), 'small');
      assert.ok(r);
      read++;
      // Whatever was read names a pool's nr_hugepages file and counts.
      assert.match(
        r.record.raise.path,
        /^\/sys\/(kernel\/mm|devices\/system\/node\/node\d+)\/hugepages\/hugepages-\d+kB\/nr_hugepages$/,
      );
      assert.ok(Number.isInteger(r.record.raise.before) && r.record.raise.before >= 0);
    } catch (e) {
      assert.equal(oneLine(e).code, 'hugepages.record');
      refused++;
    }
  }
  fs.rmSync(rec);
  assert.equal(read + refused, N);
  assert.ok(refused > 0);
});

test('property: the pool gains exactly what the guest lacks, and the verify passes', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        inUse: fc.integer({ min: 0, max: 40 }),
        free: fc.integer({ min: 0, max: 40 }),
        resvPart: fc.integer({ min: 0, max: 40 }),
        surplusPart: fc.integer({ min: 0, max: 40 }),
        pages: fc.integer({ min: 1, max: 60 }),
      }),
      async ({ inUse, free, resvPart, surplusPart, pages }) => {
        const resv = Math.min(resvPart, free);
        const surplus = Math.min(surplusPart, inUse);
        const x = hugepageHost({ pool2M: { nodes: [{ nr: inUse + free, free, surplus, room: 200 }], resv } });
        try {
          const n = hugepageNeed({ memoryBytes: pages * 2 * 1024 ** 2, hugepageBytes: 2 * 1024 ** 2 });
          assert.ok(n);
          const p = planHugepages(n, x.root());
          const lack = Math.max(0, pages - (free - resv));
          assert.equal(p.add, lack);
          const r = await applyPlan(x.writer, p.plan, {
            command: 'property',
            sysfs: { io: x.fake, timeoutMs: 1000 },
          });
          assert.equal(r.ok, true, r.error?.message);
          const t = x.fake.totals(2048);
          assert.equal(t.free - t.resv, Math.max(pages, free - resv), 'exactly enough usable');
          assert.equal(t.nr, inUse + free + lack);
          runs++;
        } finally {
          x.cleanup();
        }
      },
    ),
    { numRuns: 60, seed: 20261202 },
  );
  assert.equal(runs, 60);
});
