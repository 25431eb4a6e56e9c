// `vfiokit hugepages SPEC` through the built CLI over the lab desktop's real snapshot (a real
// kernel's pools: 2 MiB and 1 GiB, all counts 0; MemTotal 958.71 MiB). Applying needs the live
// host and root: the lab (test/lab/hugepages.test.ts) runs it on a real kernel; here the plan,
// its JSON (checked against docs/schema/hugepages.json by runCli) and the refusals.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { hugepageHost, POOL_2M } from '../helpers/hugepage-host.js';

const ROOT = 'test/fixtures/lab-desktop/snapshot';
const SMALL = 'test/fixtures/hugepages/small-2m.yaml';

test('dry run: 64 MiB of 2 MiB pages = 32, raised from the empty pool, then verified', () => {
  const r = runCli(['--root', ROOT, 'hugepages', SMALL, '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[1], 'Guest small: 64 MiB of 2 MiB pages = 32 pages');
  assert.equal(
    lines[2],
    'Pool /sys/kernel/mm/hugepages/hugepages-2048kB: nr_hugepages 0, free 0, reserved 0, surplus 0: 0 usable, 32 to add',
  );
  assert.match(
    r.stdout,
    /\n {2}1\. write 32 to \/sys\/kernel\/mm\/hugepages\/hugepages-2048kB\/nr_hugepages {2}#/,
  );
  assert.match(r.stdout, /\n {2}2\. check 2 MiB hugepages free: 32 needed/);
  assert.match(r.stdout, /Dry run: nothing was changed\.\n$/);
});

test('--json: the plan as vfiokit.hugepages/1', () => {
  const r = runCli(['--root', ROOT, '--json', 'hugepages', SMALL, '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.need, { pageSizeKb: 2048, pages: 32, memoryBytes: 64 * 1024 * 1024 });
  assert.deepEqual(doc.raise, {
    path: '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages',
    before: 0,
    surplusBefore: 0,
    to: 32,
  });
  assert.deepEqual(
    doc.steps.map((s: { kind: string }) => s.kind),
    ['attr', 'verify', 'file'],
  );
  assert.equal(doc.steps[2].path, '/run/vfiokit/hugepages-small.json');
  assert.equal(doc.mode, 'reserve');
  assert.equal(doc.applied, false);
  assert.equal(doc.result, undefined);
});

test('refusals: more than the machine, 1G on a NUMA node that is not there, bad options', () => {
  // The 1G fixture asks 16 GiB; the lab guest has 958.71 MiB.
  let r = runCli([
    '--root',
    ROOT,
    'hugepages',
    'test/fixtures/vm-spec/spec/hugepages-1g-pinned.yaml',
    '--dry-run',
  ]);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    "vfiokit: the guest's 16 GiB of 1 GiB pages is more than this host's memory (MemTotal 958.71 MiB) (hint: give the guest less memory)\n",
  );
  r = runCli(['--root', ROOT, 'hugepages', SMALL, '--dry-run', '--node', '3']);
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /^vfiokit: there is no NUMA node 3 \(\/sys\/devices\/system\/node\/node3 is absent\)/,
  );
  r = runCli(['--root', ROOT, 'hugepages', SMALL, '--dry-run', '--node', 'x']);
  assert.equal(r.status, 2);
  r = runCli(['--root', ROOT, 'hugepages', SMALL]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /with --root it only plans/);
  r = runCli(['--root', ROOT, 'hugepages', 'test/fixtures/hugepages/missing.yaml', '--dry-run']);
  assert.equal(r.status, 3);
  assert.equal(r.stderr.split('\n').length, 2, 'one line');
});

test('--release without a record: nothing to give back', () => {
  const r = runCli(['--root', ROOT, 'hugepages', SMALL, '--release', '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    `${SMALL}: no hugepages raised for small (no /run/vfiokit/hugepages-small.json): nothing to give back.\n`,
  );
});

test('a spec without hugepages: nothing to reserve', () => {
  const r = runCli(['--root', ROOT, 'hugepages', 'test/fixtures/hugepages/plain.yaml', '--dry-run']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /not backed by hugepages .*nothing to reserve/);
  const j = runCli([
    '--root',
    ROOT,
    '--json',
    'hugepages',
    'test/fixtures/hugepages/plain.yaml',
    '--dry-run',
  ]);
  assert.equal(JSON.parse(j.stdout).need, undefined);
});

test('--release --dry-run with a record: the pages raised taken off the count found, not the old count written', () => {
  // The lab snapshot with a pool another consumer raised after small's record was kept: 64 pages,
  // 24 of them in use; small raised 32 (from 0 to 32). A copy, so the record can be written.
  const h = hugepageHost({ pool2M: { nodes: [{ nr: 64, free: 40, room: 200 }] } });
  try {
    const rec = path.join(h.dir, 'run/vfiokit/hugepages-small.json');
    fs.mkdirSync(path.dirname(rec), { recursive: true });
    fs.writeFileSync(
      rec,
      JSON.stringify({
        schema: 'vfiokit.hugepages-record/1',
        name: 'small',
        pageSizeKb: 2048,
        pages: 32,
        raise: { path: `${POOL_2M}/nr_hugepages`, before: 0, surplusBefore: 0, to: 32 },
      }),
    );
    const r = runCli(['--root', h.dir, 'hugepages', SMALL, '--release', '--dry-run']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\nRaised for small: \S+ from 0 to 32, 32 pages added\n/);
    assert.match(
      r.stdout,
      /\n {2}1\. take the 32 pages raised off \/sys\/kernel\/mm\/hugepages\/hugepages-2048kB\/nr_hugepages \(32 now; never below the pages in use or reserved\) {2}#/,
    );
    assert.match(r.stdout, /\n {2}2\. remove \/run\/vfiokit\/hugepages-small\.json/);
    assert.match(r.stdout, /\n\nDry run: nothing was changed\.\n$/);
    const j = runCli(['--root', h.dir, '--json', 'hugepages', SMALL, '--release', '--dry-run']);
    assert.equal(j.status, 0, j.stderr);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.mode, 'release');
    assert.equal(doc.steps[0].value, '32');
    assert.equal(
      fs.readFileSync(path.join(h.dir, POOL_2M, 'nr_hugepages'), 'utf8'),
      '64\n',
      'nothing changed',
    );
  } finally {
    h.cleanup();
  }
});
