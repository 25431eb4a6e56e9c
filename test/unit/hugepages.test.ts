// Hugepages for `vfiokit up` and `vfiokit hugepages`: the need from a VM model, the plan from the
// pools' sysfs files, and apply/verify/undo on a simulated kernel (test/helpers/hugepage-host.ts:
// a mock of mm/hugetlb.c's pool rules over the lab's real desktop snapshot, because a unit test
// cannot resize a kernel's pool; test/lab/hugepages.test.ts runs the same plans on a real one).
// Expected counts follow the kernel's documented rules (Documentation/admin-guide/mm/
// hugetlbpage.rst): a guest can take free_hugepages − resv_hugepages pages; writing N to
// nr_hugepages makes the persistent pool N pages or as many as the kernel finds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { applyPlan, type InterruptSource, readJournal } from '../../src/actions/apply.js';
import {
  hugepageNeed,
  hugepageRecordStep,
  planHugepageRelease,
  planHugepageReleaseFromRecord,
  planHugepages,
  readHugepageRecord,
} from '../../src/actions/hugepages.js';
import { stepJson } from '../../src/actions/plan.js';
import { VfiokitError } from '../../src/errors.js';
import { qemuBytes } from '../../src/vm/definition.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { type HugepageHost, hugepageHost, POOL_1G, POOL_2M } from '../helpers/hugepage-host.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const hosts: HugepageHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.cleanup();
});
const host = (opts?: Parameters<typeof hugepageHost>[0]) => {
  const h = hugepageHost(opts);
  hosts.push(h);
  return h;
};
const sysfs = (h: HugepageHost) => ({ io: h.fake, timeoutMs: 1000 });
const read = (h: HugepageHost, file: string) => fs.readFileSync(path.join(h.dir, file), 'utf8').trim();
const need2M = (mib: number) => hugepageNeed({ memoryBytes: mib * MiB, hugepageBytes: 2 * MiB });

function refusal(f: () => unknown): VfiokitError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof VfiokitError, `a VfiokitError, got ${e}`);
    assert.doesNotMatch(e.message, /\n/, 'one line');
    return e;
  }
  assert.fail('expected a refusal');
}

test('need: guest RAM in pages of the spec size', () => {
  assert.deepEqual(hugepageNeed({ memoryBytes: 16 * GiB, hugepageBytes: 2 * MiB }), {
    pageSizeKb: 2048,
    pages: 8192,
    memoryBytes: 16 * GiB,
  });
  assert.deepEqual(hugepageNeed({ memoryBytes: 8 * GiB, hugepageBytes: GiB }, { node: 1 }), {
    pageSizeKb: 1048576,
    pages: 8,
    node: 1,
    memoryBytes: 8 * GiB,
  });
  assert.equal(hugepageNeed({ memoryBytes: 8 * GiB }), undefined, 'ordinary RAM needs no pages');
  // A hugetlb file's size must be a whole number of pages (hugetlbfs_setattr: EINVAL).
  const e = refusal(() => hugepageNeed({ memoryBytes: 1536 * MiB, hugepageBytes: GiB }));
  assert.equal(e.code, 'hugepages.size');
  assert.match(e.message, /1\.5 GiB is not a whole number of 1 GiB hugepages/);
  assert.equal(
    refusal(() => hugepageNeed({ memoryBytes: GiB, hugepageBytes: 2 * MiB }, { node: -1 })).code,
    'hugepages.node',
  );
});

test('need: from a spec file (the 1G fixture: 16G of 1 GiB pages)', () => {
  const file = 'test/fixtures/vm-spec/spec/hugepages-1g-pinned.yaml';
  const spec = parseVmSpec(fs.readFileSync(file, 'utf8'), file);
  const n = hugepageNeed({ memoryBytes: qemuBytes(spec.memory, MiB) as number, hugepageBytes: GiB });
  assert.equal(spec.hugepages, '1G');
  assert.deepEqual(n, { pageSizeKb: 1048576, pages: 16, memoryBytes: 16 * GiB });
});

test('plan on an empty pool: raise by the whole need, undo to 0, then verify', async () => {
  const h = host();
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  assert.equal(p.available, 0);
  assert.equal(p.add, 32);
  assert.deepEqual(p.raise, { path: `${POOL_2M}/nr_hugepages`, before: 0, surplusBefore: 0, to: 32 });
  assert.deepEqual(
    p.plan.steps.map((s) => s.kind),
    ['attr', 'verify'],
  );
  const raise = stepJson(p.plan.steps[0]);
  assert.equal(raise.kind, 'attr');
  if (raise.kind === 'attr') {
    assert.equal(raise.value, '32');
    assert.deepEqual(raise.undo, { path: `${POOL_2M}/nr_hugepages`, value: '0' });
    assert.equal(raise.expectBefore, '0');
  }
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '32');
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '32');
  assert.equal(readJournal(h.writer)?.state, 'closed');
  // Giving them back: the old count written, the pages return to the system.
  const rel = planHugepageRelease(p.raise as NonNullable<typeof p.raise>, h.root());
  const rr = await applyPlan(h.writer, rel, { command: 'test release', sysfs: sysfs(h) });
  assert.equal(rr.ok, true, rr.error?.message);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '0');
  assert.equal(h.fake.pool(2048).nodes[0].room, 256, 'every page back to the system');
});

test('free pages count, reserved ones do not', async () => {
  // 10 pages, 8 free of which 3 reserved: 5 usable; 32 needed → 27 more, nr_hugepages 37.
  const h = host({ pool2M: { nodes: [{ nr: 10, free: 8, room: 100 }], resv: 3 } });
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  assert.equal(p.available, 5);
  assert.equal(p.add, 27);
  assert.equal(p.raise?.to, 37);
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '35');
  assert.equal(Number(read(h, `${POOL_2M}/free_hugepages`)) - 3, 32, 'exactly the need is usable');
});

test('enough free already: no raise, only the verify', async () => {
  const h = host({ pool2M: { nodes: [{ nr: 40, free: 40 }] } });
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  assert.equal(p.add, 0);
  assert.equal(p.raise, undefined);
  assert.deepEqual(
    p.plan.steps.map((s) => s.kind),
    ['verify'],
  );
  assert.ok(p.notes.some((n) => /40 2 MiB pages are free: enough/.test(n)));
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, true);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '40');
});

test('surplus pages: counted in nr_hugepages, turned persistent first; undo gives nr and free back', async () => {
  // 12 pages, 4 of them surplus, 2 free (10 in use): 2 usable; 8 needed → 6 more → write 18.
  const h = host({ pool2M: { nodes: [{ nr: 12, free: 2, surplus: 4, room: 100 }] } });
  const p = planHugepages(need2M(16) as NonNullable<ReturnType<typeof need2M>>, h.root());
  assert.equal(p.add, 6);
  assert.equal(p.raise?.to, 18);
  assert.ok(p.notes.some((n) => /4 surplus pages become persistent/.test(n)));
  // The verify fails on purpose (a program takes pages right after the raise): undo.
  const r = await applyPlan(h.writer, p.plan, {
    command: 'test',
    sysfs: sysfs(h),
    betweenSteps: (i) => {
      if (i === 0) h.fake.use(2048, 1);
    },
  });
  assert.equal(r.ok, false);
  assert.equal(r.error?.code, 'hugepages.taken');
  // Undo wrote 12: the kernel frees free pages down to 12 (resv + in use = 11 ≤ 12).
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '12');
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '1');
  assert.equal(read(h, `${POOL_2M}/surplus_hugepages`), '0');
});

test('the kernel gives fewer pages than asked: one-line reason, nr_hugepages restored', async () => {
  const h = host({ pool2M: { nodes: [{ nr: 4, free: 4, room: 10 }] } });
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  assert.equal(p.raise?.to, 32);
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, false);
  assert.equal(r.error?.code, 'hugepages.short');
  assert.equal(
    r.error?.message,
    'the kernel gave 10 of the 28 2 MiB pages asked (nr_hugepages 14 after writing 32): not enough free memory in contiguous 2 MiB blocks (fragmented, or in use); 14 of the 32 2 MiB pages the guest needs are free (free_hugepages 14, 0 reserved)',
  );
  assert.match(r.error?.hint ?? '', /hugepagesz=2M hugepages=32/);
  // Undo takes back the 10 pages the kernel granted, not the 28 asked (the journal records what it got).
  assert.deepEqual(r.undone, [`wrote 4 to ${POOL_2M}/nr_hugepages (14 less the 10 pages this run added)`]);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '4');
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '4');
  assert.equal(h.fake.pool(2048).nodes[0].room, 10, 'the pages found went back to the system');
  assert.equal(readJournal(h.writer)?.state, 'rolled-back');
});

test('1 GiB pages: none found at run time → the kernel command line advised; pool restored', async () => {
  const h = host({ pool1G: { nodes: [{ room: 1 }] } });
  const n = hugepageNeed({ memoryBytes: 4 * 1024 * MiB, hugepageBytes: GiB });
  assert.ok(n);
  // The lab guest has 958 MiB: 4 GiB is more than the machine.
  assert.equal(refusal(() => planHugepages(n, h.root())).code, 'hugepages.too-much');
  fs.writeFileSync(
    path.join(h.dir, 'proc/meminfo'),
    'MemTotal:       16318480 kB\nHugepagesize:       2048 kB\n',
  );
  const p = planHugepages(n, h.root());
  assert.ok(p.notes.some((x) => /hugepagesz=1G hugepages=4/.test(x)));
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.error?.code, 'hugepages.short');
  assert.match(
    r.error?.message ?? '',
    /^the kernel gave 1 of the 4 1 GiB pages asked \(nr_hugepages 1 after writing 4\): a 1 GiB page needs a free, contiguous gigabyte/,
  );
  assert.equal(
    r.error?.hint,
    'reserve them at boot: add hugepagesz=1G hugepages=4 to the kernel command line and reboot',
  );
  assert.equal(read(h, `${POOL_1G}/nr_hugepages`), '0');
});

test('1 GiB pages on a kernel that cannot grow them (no CONFIG_CONTIG_ALLOC): EINVAL, nothing changed', async () => {
  const h = host();
  fs.writeFileSync(path.join(h.dir, 'proc/meminfo'), 'MemTotal:       16318480 kB\n');
  h.fake.fixedSizes.add(1048576);
  const p = planHugepages(
    hugepageNeed({ memoryBytes: 2 * GiB, hugepageBytes: GiB }) as NonNullable<
      ReturnType<typeof hugepageNeed>
    >,
    h.root(),
  );
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, false);
  assert.match(r.error?.message ?? '', /nr_hugepages failed: EINVAL/);
  assert.equal(read(h, `${POOL_1G}/nr_hugepages`), '0');
});

test('1 GiB unsupported: no pool; the CPU flag tells which reason', () => {
  const h = host();
  const n = hugepageNeed({ memoryBytes: GiB, hugepageBytes: GiB });
  assert.ok(n);
  fs.rmSync(path.join(h.dir, POOL_1G), { recursive: true });
  // The lab CPU model lists pdpe1gb: the kernel, not the CPU, lacks the pool.
  assert.match(fs.readFileSync(path.join(h.dir, 'proc/cpuinfo'), 'utf8'), /\bpdpe1gb\b/);
  let e = refusal(() => planHugepages(n, h.root()));
  assert.equal(e.code, 'hugepages.unsupported');
  assert.equal(
    e.message,
    'this kernel has no 1 GiB hugepage pool (/sys/kernel/mm/hugepages/hugepages-1048576kB is absent); it offers 2 MiB',
  );
  assert.match(e.hint ?? '', /hugepagesz=1G hugepages=1 to the kernel command line/);
  const cpuinfo = path.join(h.dir, 'proc/cpuinfo');
  fs.writeFileSync(cpuinfo, fs.readFileSync(cpuinfo, 'utf8').replace(/\bpdpe1gb\b/g, ''));
  e = refusal(() => planHugepages(n, h.root()));
  assert.equal(e.message, 'this CPU has no 1 GiB pages (no pdpe1gb in /proc/cpuinfo flags); it offers 2 MiB');
  fs.rmSync(path.join(h.dir, '/sys/kernel/mm/hugepages'), { recursive: true });
  e = refusal(() => planHugepages(n, h.root()));
  assert.match(e.message, /^this kernel has no hugepages/);
});

test('unreadable, implausible or inconsistent pool files: refused with the file named, never guessed', () => {
  const cases: [string, string, RegExp][] = [
    ['free_hugepages', 'lots\n', /free_hugepages reads "lots", not a page count/],
    ['nr_hugepages', '\n', /nr_hugepages reads "", not a page count/],
    ['resv_hugepages', '-1\n', /resv_hugepages reads "-1"/],
    ['surplus_hugepages', '99999999999999999999\n', /surplus_hugepages reads "99999999999999999999"/],
    ['free_hugepages', '50\n', /reads inconsistently \(nr_hugepages 0, free_hugepages 50/],
  ];
  let n = 0;
  for (const [file, text, want] of cases) {
    const h = host();
    fs.writeFileSync(path.join(h.dir, POOL_2M, file), text);
    const e = refusal(() => planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root()));
    assert.match(e.message, want);
    n++;
  }
  const h = host();
  fs.rmSync(path.join(h.dir, POOL_2M, 'resv_hugepages'));
  assert.match(
    refusal(() => planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root())).message,
    /resv_hugepages is missing/,
  );
  assert.equal(n + 1, 6);
});

test('a pool file unreadable at verify time: the verify fails with the reason, the raise is undone', async () => {
  const h = host();
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  const r = await applyPlan(h.writer, p.plan, {
    command: 'test',
    sysfs: sysfs(h),
    betweenSteps: (i) => {
      if (i === 0) fs.writeFileSync(path.join(h.dir, POOL_2M, 'free_hugepages'), 'x\n');
    },
  });
  assert.equal(r.error?.code, 'hugepages.unknown');
  assert.match(r.error?.message ?? '', /^cannot verify the hugepages: .*free_hugepages reads "x"/);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '0');
});

test('a signal between the raise and the verify: nr_hugepages restored', async () => {
  const h = host({ pool2M: { nodes: [{ nr: 3, free: 1, room: 100 }] } });
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  let got: string | undefined;
  const src: InterruptSource = { received: () => got, dispose: () => {} };
  const r = await applyPlan(h.writer, p.plan, {
    command: 'test',
    sysfs: sysfs(h),
    interrupts: src,
    betweenSteps: (i) => {
      if (i === 0) got = 'SIGTERM';
    },
  });
  assert.equal(r.signal, 'SIGTERM');
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '3');
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '1');
  assert.equal(readJournal(h.writer)?.state, 'rolled-back');
});

test('the raise fails or blocks: the pool is as before', async () => {
  for (const kind of ['fail', 'block'] as const) {
    const h = host({ pool2M: { nodes: [{ nr: 2, free: 2, room: 100 }] } });
    const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
    h.fake.fault = { at: 0, kind };
    const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
    assert.equal(r.ok, false, kind);
    assert.equal(r.error?.code, kind === 'block' ? 'bind.timeout' : 'bind.write', kind);
    assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '2', kind);
  }
});

test('the pool changed between plan and apply: refused before writing', async () => {
  const h = host();
  const p = planHugepages(need2M(64) as NonNullable<ReturnType<typeof need2M>>, h.root());
  await h.fake.write(`${POOL_2M}/nr_hugepages`, '5', { timeoutMs: 1000, mayBlock: false });
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.error?.code, 'actions.changed');
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '5');
});

test('a NUMA node: its own pool is raised, reservations counted against it', async () => {
  const h = host({
    numa: true,
    pool2M: {
      nodes: [
        { nr: 8, free: 8, room: 100 },
        { nr: 4, free: 4, room: 100 },
      ],
      resv: 2,
    },
  });
  const n = hugepageNeed({ memoryBytes: 32 * MiB, hugepageBytes: 2 * MiB }, { node: 1 });
  assert.ok(n);
  const p = planHugepages(n, h.root());
  // Node 1: 4 free, 2 reserved somewhere → 2 sure; 16 needed → 14 more, node 1's nr 18.
  assert.equal(p.pool.dir, `/sys/devices/system/node/node1/hugepages/hugepages-2048kB`);
  assert.equal(p.available, 2);
  assert.equal(p.raise?.to, 18);
  const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(read(h, '/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages'), '18');
  assert.equal(read(h, '/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages'), '8');
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '26');
  const e = refusal(() => planHugepages({ ...n, node: 5 }, h.root()));
  assert.equal(e.code, 'hugepages.node');
  assert.match(e.message, /there is no NUMA node 5/);
});

test('the record: kept after a raise, its first value kept across raises, release gives it back', async () => {
  const h = host({ pool2M: { nodes: [{ nr: 6, free: 6, room: 100 }] } });
  const reserve = async (mib: number) => {
    const p = planHugepages(need2M(mib) as NonNullable<ReturnType<typeof need2M>>, h.root());
    const rec = hugepageRecordStep(h.root(), 'small', p);
    const r = await applyPlan(
      h.writer,
      { steps: [...p.plan.steps, ...(rec ? [rec] : [])] },
      {
        command: 'test',
        sysfs: sysfs(h),
      },
    );
    assert.equal(r.ok, true, r.error?.message);
  };
  await reserve(64);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '32');
  assert.deepEqual(readHugepageRecord(h.root(), 'small')?.record.raise, {
    path: `${POOL_2M}/nr_hugepages`,
    before: 6,
    surplusBefore: 0,
    to: 32,
    added: 26,
  });
  // A bigger guest later: the pool grows again (the 32 free pages count), the record adds the 32
  // more raised, so giving back takes 58 off and leaves the 6 that were there.
  await reserve(128);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '64');
  assert.equal(readHugepageRecord(h.root(), 'small')?.record.raise.before, 6);
  assert.equal(readHugepageRecord(h.root(), 'small')?.record.raise.added, 58);
  const rel = planHugepageReleaseFromRecord(h.root(), 'small');
  assert.ok(rel);
  const r = await applyPlan(h.writer, rel.plan, { command: 'test', sysfs: sysfs(h) });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(read(h, `${POOL_2M}/nr_hugepages`), '6');
  assert.equal(read(h, `${POOL_2M}/free_hugepages`), '6');
  assert.equal(readHugepageRecord(h.root(), 'small'), undefined, 'the record is gone');
  assert.equal(planHugepageReleaseFromRecord(h.root(), 'small'), undefined);
});

/** `vfiokit hugepages SPEC` for a VM of `mib` MiB as the command plans and applies it (its record kept). */
async function reserveFor(h: HugepageHost, name: string, mib: number): Promise<void> {
  const p = planHugepages(need2M(mib) as NonNullable<ReturnType<typeof need2M>>, h.root());
  const rec = hugepageRecordStep(h.root(), name, p);
  const r = await applyPlan(
    h.writer,
    { steps: [...p.plan.steps, ...(rec ? [rec] : [])] },
    { command: `vfiokit hugepages ${name}`, sysfs: sysfs(h) },
  );
  assert.equal(r.ok, true, r.error?.message);
}

/** `vfiokit hugepages SPEC --release` for the VM: what its record says was raised, given back. */
async function releaseFor(h: HugepageHost, name: string) {
  const rel = planHugepageReleaseFromRecord(h.root(), name);
  assert.ok(rel, `a record for ${name}`);
  const r = await applyPlan(h.writer, rel.plan, {
    command: `vfiokit hugepages ${name} --release`,
    sysfs: sysfs(h),
  });
  assert.equal(r.ok, true, r.error?.message);
  assert.equal(readHugepageRecord(h.root(), name), undefined, 'the record is gone');
  return { rel, r };
}

const counts = (h: HugepageHost) => ({
  nr: Number(read(h, `${POOL_2M}/nr_hugepages`)),
  free: Number(read(h, `${POOL_2M}/free_hugepages`)),
});

test('release is relative: A raises, another consumer raises, A releases: the other pages stay', async () => {
  // Expected counts from the kernel's rules (hugetlbpage.rst): nr_hugepages counts every page,
  // free_hugepages those not faulted in; a guest's pages are in use while it runs.
  const h = host({ pool2M: { nodes: [{ room: 256 }] } });
  await reserveFor(h, 'a', 64);
  assert.deepEqual(counts(h), { nr: 32, free: 32 });
  h.fake.use(2048, 32); // A's guest runs and maps its 32 pages.
  await reserveFor(h, 'b', 64); // none free: B raises 32 more.
  assert.deepEqual(counts(h), { nr: 64, free: 32 });
  h.fake.letGo(2048, 32); // A's guest ends.
  const { rel, r } = await releaseFor(h, 'a');
  const step = rel.plan.steps[0];
  assert.equal(step.kind === 'attr' && step.value, '32', 'planned: 64 less the 32 A raised');
  assert.match(
    r.done[0],
    /^take the 32 pages raised off \/sys\/kernel\/mm\/hugepages\/hugepages-2048kB\/nr_hugepages/,
  );
  // The absolute old count (0) would have taken B's pages: they stay.
  assert.deepEqual(counts(h), { nr: 32, free: 32 });
  const e = readJournal(h.writer)?.entries[0];
  assert.equal(e?.kind === 'attr' && e.value, '32');
  await releaseFor(h, 'b');
  assert.deepEqual(counts(h), { nr: 0, free: 0 });
  assert.equal(h.fake.pool(2048).nodes[0].room, 256, 'every page back to the system');
});

test('release never goes below the pages in use or reserved; the counts found then decide, not the plan', async () => {
  const h = host({ pool2M: { nodes: [{ room: 256 }] } });
  await reserveFor(h, 'a', 64);
  await reserveFor(h, 'b', 128); // A's 32 free pages count: B raises 32 more (64 in all).
  assert.deepEqual(counts(h), { nr: 64, free: 64 });
  assert.equal(readHugepageRecord(h.root(), 'b')?.record.raise.added, 32);
  // Every page mapped (B's guest has 64): A's release writes nothing, the pool stays.
  h.fake.use(2048, 64);
  await releaseFor(h, 'a');
  assert.deepEqual(counts(h), { nr: 64, free: 0 });
  // Planned on one state, applied on another: the step reads the pool again when it runs.
  await reserveFor(h, 'c', 64); // none free: 32 more, 96 in all.
  h.fake.use(2048, 30); // 94 in use when the release is planned.
  const rel = planHugepageReleaseFromRecord(h.root(), 'c');
  assert.ok(rel);
  const step = rel.plan.steps[0];
  assert.equal(step.kind === 'attr' && step.value, '94', 'planned: 96 less 32, but 94 are in use');
  h.fake.letGo(2048, 94);
  h.fake.use(2048, 40); // B's guest now holds 40 pages: 56 free.
  const r = await applyPlan(h.writer, rel.plan, { command: 'c --release', sysfs: sysfs(h) });
  assert.equal(r.ok, true, r.error?.message);
  assert.deepEqual(counts(h), { nr: 64, free: 24 });
  const j = readJournal(h.writer)?.entries[0];
  assert.equal(j?.kind === 'attr' && j.value, '64', 'the journal keeps what was written');
  // 20 pages reserved (promised to a mapping, counted free) stay too: B's release would take
  // 64 − 32 = 32, but 40 in use + 20 reserved = 60 must stay.
  h.fake.setPool(2048, { nodes: [{ ...h.fake.pool(2048).nodes[0] }], resv: 20 });
  await releaseFor(h, 'b');
  assert.deepEqual(counts(h), { nr: 60, free: 20 });
});

test('a damaged record is refused, never used to write sysfs', () => {
  const h = host();
  const file = path.join(h.dir, 'run/vfiokit/hugepages-small.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const good = {
    schema: 'vfiokit.hugepages-record/1',
    name: 'small',
    pageSizeKb: 2048,
    pages: 32,
    raise: { path: `${POOL_2M}/nr_hugepages`, before: 0, surplusBefore: 0, to: 32 },
  };
  const bad = [
    '{',
    JSON.stringify({ ...good, name: 'other' }),
    JSON.stringify({ ...good, raise: { ...good.raise, path: '/sys/bus/pci/drivers_probe' } }),
    JSON.stringify({ ...good, raise: { ...good.raise, before: -1 } }),
  ];
  for (const text of bad) {
    fs.writeFileSync(file, text);
    assert.equal(
      refusal(() => planHugepageReleaseFromRecord(h.root(), 'small')).code,
      'hugepages.record',
      text,
    );
  }
  fs.writeFileSync(file, JSON.stringify(good));
  assert.ok(planHugepageReleaseFromRecord(h.root(), 'small'));
  assert.equal(bad.length, 4);
});
