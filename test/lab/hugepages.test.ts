// Hugepages on a real kernel (Debian's, under QEMU; the desktop topology's guest has 1 GiB of RAM):
// `vfiokit hugepages` reserves the 2 MiB pages a small spec needs and gives them back; a guest
// bigger than the machine is refused in one line; a guest of nearly all the machine's memory
// makes the kernel fall short, and the run says why and puts nr_hugepages back; SIGTERM after the
// raise leaves the pool as it was or the reservation complete, never half. The oracle is the
// kernel's own counts, read by lab/guest/hugepages.sh after each phase from the pool's sysfs
// files and, independently, /proc/meminfo's HugePages_* lines (the default size is 2 MiB).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareGuestRun } from '../../lab/guest-run.js';
import { repoRoot } from '../../lab/paths.js';
import { desktop } from '../../lab/topologies/desktop.js';
import type { HugepagesJson } from '../../src/schema/outputs/hugepages.js';
import { assertValidJsonText } from '../helpers/json-schema.js';

const NR = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages';

interface Pool {
  sysfs: number[];
  meminfo: number[];
  journal: string;
  records: number;
}

function parsePool(text: string): Pool {
  const p: Pool = { sysfs: [], meminfo: [], journal: '', records: -1 };
  let lines = 0;
  for (const l of text.split('\n')) {
    const [k, ...rest] = l.split(' ');
    if (!k) continue;
    lines++;
    if (k === 'sysfs') p.sysfs = rest.map(Number);
    else if (k === 'meminfo') p.meminfo = rest.map(Number);
    else if (k === 'journal') p.journal = rest.join(' ');
    else if (k === 'record') p.records = Number(rest[0]);
  }
  assert.equal(lines, 4, `pool file:\n${text}`);
  assert.equal(p.sysfs.length, 4, text);
  // Two interfaces of the kernel to the same pool agree: nr/free/resv/surplus = HugePages_*.
  assert.deepEqual(p.meminfo, p.sysfs, `sysfs and /proc/meminfo disagree:\n${text}`);
  return p;
}

test('lab desktop: hugepages reserved, verified by the kernel, given back; shortfall and SIGTERM undone', async (t) => {
  const lab = prepareGuestRun('hugepages');
  const { outDir } = lab;
  const small = join(repoRoot, 'test/fixtures/hugepages/small-2m.yaml');
  const huge = join(outDir, 'huge.yaml');
  writeFileSync(
    huge,
    'name: huge\nmemory: 2G\nhugepages: 2M\ncpu:\n  cores: 1\nfirmware:\n  type: seabios\n',
  );
  const r = await lab.boot({
    topology: desktop,
    command: `sh ${join(repoRoot, 'lab/guest/hugepages.sh')} ${small} ${huge} ${process.execPath}`,
    // Eight vfiokit runs; each start takes about 10 s under TCG on a busy machine.
    defaultTimeoutS: 600,
  });
  t.diagnostic(r.summary);
  const { read } = r;
  for (const f of [
    'meminfo.txt',
    'reserve.err',
    'huge.err',
    'near.mib',
    'near.err',
    'term-kill.txt',
    'term.err',
  ])
    t.diagnostic(`--- ${f}\n${read(f)}`);
  assert.equal(r.exitCode, 0, `guest exit ${r.exitCode}\n${read('console.log').slice(-3000)}`);
  const pool = (phase: string) => parsePool(read(`${phase}.pool`));

  const before = pool('before');
  assert.deepEqual(before.sysfs, [0, 0, 0, 0], 'a fresh boot has an empty pool');

  // 1. 64 MiB = 32 pages of 2 MiB: planned, raised, verified, recorded, given back.
  assert.equal(read('dry.rc').trim(), '0', read('dry.err'));
  const dry = assertValidJsonText(read('dry.json'), 'vfiokit.hugepages/1') as HugepagesJson;
  assert.deepEqual(
    dry.steps.map((s) => s.kind),
    ['attr', 'verify', 'file'],
  );
  assert.equal(read('reserve.rc').trim(), '0', `${read('reserve.json')}\n${read('reserve.err')}`);
  const reserve = assertValidJsonText(read('reserve.json'), 'vfiokit.hugepages/1') as HugepagesJson;
  assert.equal(reserve.applied, true);
  const reserved = pool('reserved');
  assert.deepEqual(reserved.sysfs, [32, 32, 0, 0], 'the kernel has 32 free pages');
  assert.deepEqual(reserve.after, { nr: 32, free: 32 });
  assert.match(reserved.journal, /"closed"/);
  assert.equal(reserved.records, 1);
  assert.equal(read('release.rc').trim(), '0', read('release.err'));
  const released = pool('released');
  assert.deepEqual(released.sysfs, before.sysfs, 'nr_hugepages as before');
  assert.equal(released.records, 0);

  // 2. 2 GiB on a 1 GiB machine: one line, nothing written.
  assert.equal(read('huge.rc').trim(), '1');
  const hugeErr = read('huge.err');
  assert.equal(hugeErr.split('\n').length, 2, `one line: ${hugeErr}`);
  assert.match(
    hugeErr,
    /^vfiokit: the guest's 2 GiB of 2 MiB pages is more than this host's memory \(MemTotal /,
  );
  assert.deepEqual(pool('huge').sysfs, before.sysfs);

  // 3. Nearly all the memory: the kernel falls short; the reason in one line; the pool restored.
  const nearMib = Number(read('near.mib'));
  assert.ok(nearMib > 800, `near: ${nearMib} MiB`);
  assert.equal(read('near.rc').trim(), '1', read('near.json'));
  const near = assertValidJsonText(read('near.json'), 'vfiokit.hugepages/1') as HugepagesJson;
  const res = near.result;
  assert.ok(res, read('near.json'));
  assert.equal(res.ok, false);
  assert.equal(res.code, 'hugepages.short', res.error);
  const m =
    /^the kernel gave (\d+) of the (\d+) 2 MiB pages asked \(nr_hugepages (\d+) after writing (\d+)\): not enough free memory in contiguous 2 MiB blocks/.exec(
      res.error ?? '',
    );
  assert.ok(m, res.error);
  assert.doesNotMatch(res.error ?? '', /\n/);
  assert.equal(Number(m[2]), nearMib / 2, 'asked for the whole need');
  assert.ok(Number(m[1]) < Number(m[2]) && Number(m[1]) > 0, `gave ${m[1]}`);
  t.diagnostic(`the kernel found ${m[1]} of ${m[2]} pages`);
  // The undo takes back what the kernel granted this run (relative, so another VM's raise would
  // stay); here nothing else raised the pool, so it comes back to 0.
  assert.deepEqual(res.undone, [`wrote 0 to ${NR} (${m[1]} less the ${m[1]} pages this run added)`]);
  assert.deepEqual(res.undoFailed, []);
  const nearPool = pool('near');
  assert.deepEqual(nearPool.sysfs, before.sysfs, 'nr_hugepages restored');
  assert.match(nearPool.journal, /"rolled-back"/);
  assert.equal(nearPool.records, 0, 'no record of a raise that was undone');

  // 4. SIGTERM once the raise is journaled.
  assert.match(read('term-kill.txt'), /^killed after \d+ done of \d+ journaled/, read('term.err'));
  const term = assertValidJsonText(read('term.json'), 'vfiokit.hugepages/1') as HugepagesJson;
  const termPool = pool('term');
  if (term.result?.signal) {
    t.diagnostic(`SIGTERM landed before the last step: ${JSON.stringify(term.result)}`);
    assert.equal(term.result.signal, 'SIGTERM');
    assert.notEqual(read('term.rc').trim(), '0');
    const back = new RegExp(`^wrote 0 to ${NR} \\((\\d+) less the \\1 pages this run added\\)$`);
    assert.ok(
      term.result.undone.some((u) => back.test(u)),
      JSON.stringify(term.result),
    );
    assert.deepEqual(termPool.sysfs, before.sysfs, 'nr_hugepages restored');
    assert.match(termPool.journal, /"rolled-back"/);
    assert.equal(termPool.records, 0);
  } else {
    t.diagnostic('SIGTERM landed after the last step: the reservation is complete and kept');
    assert.equal(term.result?.ok, true, read('term.json'));
    assert.deepEqual(termPool.sysfs, [32, 32, 0, 0]);
    assert.equal(termPool.records, 1);
  }
  assert.deepEqual(pool('end').sysfs, before.sysfs, read('term-release.txt'));

  if (!process.env.VFIOKIT_LAB_KEEP) rmSync(outDir, { recursive: true, force: true });
});
