// `vfiokit up` and `vfiokit down` end to end, in-process, with a REAL qemu-system-x86_64 under TCG
// (--accel tcg: no /dev/kvm here) over the lab desktop's simulated sysfs with hugepage pools
// (test/helpers/hugepage-host.ts: the binding and hugetlb rules of Linux 6.1, a mock because a
// unit test cannot bind devices or resize a kernel's pool; test/lab/up.test.ts runs the same on
// the real kernel with a real vfio-pci device).
//
// Changes to QEMU's command line for this machine, each made by the test through the plan
// (test/helpers/up-host.ts standIn): the vfio-pci device is replaced by a stand-in pci-testdev
// with the same id, bus and address, so the QMP check expects pci-testdev's IDs 1b36:0005; the
// RAM backend loses hugetlb=, hugetlbsize= and prealloc= (the simulated pool is not a kernel's).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readJournal } from '../../src/actions/apply.js';
import type { UpPlan } from '../../src/actions/up.js';
import { runDown } from '../../src/cli/commands/down.js';
import { runUp } from '../../src/cli/commands/up.js';
import type { HugepageHost } from '../helpers/hugepage-host.js';
import { assertValidJson } from '../helpers/json-schema.js';
import {
  capture,
  driverOf,
  NIC,
  pool,
  qemuSkip as skip,
  standIn as standInAny,
  UP_OPTS,
  upHosts,
} from '../helpers/up-host.js';

/** up keeps a journal per VM (apply.ts journalPath), open while the VM runs. */
const JOURNAL = '/run/vfiokit/vm/nested.journal.json';
const SPEC = `name: nested
memory: 64M
hugepages: 2M
cpu:
  cores: 1
firmware:
  type: seabios
devices:
  - address: "${NIC}"
`;

const newHost = upHosts();

function setup(room = 256): { h: HugepageHost; spec: string } {
  const { h, dir } = newHost(room);
  const spec = path.join(dir, 'nested.yaml');
  fs.writeFileSync(spec, SPEC);
  return { h, spec };
}

/** The stand-in device and the RAM backend without hugetlb (see the header), for the one NIC. */
function standIn(plan: UpPlan, extra: string[] = []): void {
  assert.equal(plan.expect.length, 1, 'one assigned function');
  standInAny(plan, extra);
}

const nrPages = (h: HugepageHost) => pool(h, 'nr_hugepages');
const overrideOf = (h: HugepageHost, a: string) =>
  fs.readFileSync(path.join(h.dir, 'sys/bus/pci/devices', a, 'driver_override'), 'utf8').trim();
const state = (h: HugepageHost) =>
  JSON.parse(fs.readFileSync(path.join(h.dir, 'run/vfiokit/vm/nested.json'), 'utf8')) as Record<
    string,
    unknown
  >;

/** The host as the run found it: the NIC on e1000e with no override, no pages, journal undone, run dir gone. */
function assertGivenBack(h: HugepageHost, label: string): void {
  assert.equal(driverOf(h, NIC), 'e1000e', `${label}: NIC driver`);
  assert.equal(overrideOf(h, NIC), '(null)', `${label}: driver_override`);
  assert.equal(nrPages(h), '0', `${label}: nr_hugepages`);
  assert.equal(readJournal(h.writer, JOURNAL)?.state, 'rolled-back', `${label}: journal`);
  assert.equal(fs.existsSync(path.join(h.dir, 'run/vfiokit/vm/nested')), false, `${label}: run dir`);
  assert.equal(fs.existsSync(path.join(h.dir, 'run/vfiokit/lock')), false, `${label}: lock`);
}

test('up runs the VM with the NIC on vfio-pci and the pages raised; down stops it and up gives both back', {
  skip,
}, async () => {
  const { h, spec } = setup();
  assert.equal(driverOf(h, NIC), 'e1000e');
  const u = capture(h.dir, true);
  let during:
    | { driver: string | null; pages: string; journal?: string; state: Record<string, unknown> }
    | undefined;
  let down: Promise<number> | undefined;
  const d = capture(h.dir, true);
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    onRunning: () => {
      during = {
        driver: driverOf(h, NIC),
        pages: nrPages(h),
        journal: readJournal(h.writer, JOURNAL)?.state,
        state: state(h),
      };
      // No guest OS answers the power button (SeaBIOS finds nothing to boot): down quits after 1 s.
      down = runDown(d.ctx, 'nested', { timeout: '1', cleanupWait: '60' }, { writer: h.writer });
    },
  });
  assert.equal(code, 0, u.err());
  // While QEMU ran: the group on vfio-pci, 32 pages of 2 MiB (64 MiB), an open journal that
  // `vfiokit restore` would undo after a crash, and the record down reads.
  assert.deepEqual(
    { ...during, state: undefined },
    { driver: 'vfio-pci', pages: '32', journal: 'open', state: undefined },
  );
  assert.equal(during?.state.phase, 'running');
  assertValidJson(during?.state, 'vfiokit.vm-state/1');
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.result.outcome, 'exited');
  assert.deepEqual(doc.result.qemuExit, { code: 0, signal: null });
  // The stand-in as QMP's query-pci lists it: behind the root port (bus 1, numbered by SeaBIOS).
  assert.equal(doc.result.checks.length, 1);
  assert.deepEqual(
    { ...doc.result.checks[0] },
    {
      alias: 'hostdev0',
      host: NIC,
      ok: true,
      where: 'bus 1 slot 0 fn 0',
      seen: { vendor: 0x1b36, device: 5 },
    },
  );
  assert.ok(down);
  assert.equal(await down, 0, d.err());
  const dd = JSON.parse(d.out());
  assertValidJson(dd, 'vfiokit.down/1');
  assert.equal(dd.powerdown, true);
  assert.equal(dd.stoppedBy, 'quit');
  assert.equal(dd.ended.phase, 'ended');
  assert.equal(dd.ended.cleanup.ok, true);
  assertGivenBack(h, 'after down');
  assertValidJson(state(h), 'vfiokit.vm-state/1');
});

test('QEMU dying at start (an option it refuses): the NIC and the pages are given back, exit 1', {
  skip,
}, async () => {
  const { h, spec } = setup();
  const u = capture(h.dir);
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p, ['-device', 'no-such-device']),
  });
  assert.equal(code, 1);
  // QEMU's own message, as its last line on standard error.
  assert.match(
    u.out(),
    /Failed: QEMU exited at start \(exit status 1\): .*'no-such-device' is not a valid device model name/,
  );
  assert.match(u.out(), /Undone: .*0000:02:00\.0/);
  assertGivenBack(h, 'after a failed start');
  assert.equal(state(h).outcome, 'start-failed');
});

test('SIGTERM to up while the VM runs: QEMU quit over QMP, the NIC and pages given back, exit 143', {
  skip,
}, async () => {
  const { h, spec } = setup();
  const u = capture(h.dir, true);
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    // A real signal to this process: up's handler (apply.ts processSignals) takes it.
    onRunning: () => process.kill(process.pid, 'SIGTERM'),
  });
  assert.equal(code, 128 + 15);
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.result.outcome, 'signal');
  assert.equal(doc.result.signal, 'SIGTERM');
  assert.equal(doc.result.stoppedBy, 'quit');
  assertGivenBack(h, 'after SIGTERM');
});

test('QEMU killed while the VM runs (a crash): outcome crashed, exit 1, the NIC and pages given back', {
  skip,
}, async () => {
  const { h, spec } = setup();
  const u = capture(h.dir, true);
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    onRunning: (r) => {
      assert.ok(r.qemuPid);
      process.kill(r.qemuPid, 'SIGKILL');
    },
  });
  assert.equal(code, 1);
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.result.outcome, 'crashed');
  assert.deepEqual(doc.result.qemuExit, { code: null, signal: 'SIGKILL' });
  assert.equal(doc.result.stoppedBy, undefined, 'vfiokit did not have to stop it');
  assertGivenBack(h, 'after a crash');
});

test('too few hugepages: one clean error, nr_hugepages back, nothing bound, QEMU never started', async () => {
  // The allocator finds 8 of the 32 pages (fragmented memory).
  const { h, spec } = setup(8);
  const u = capture(h.dir, true);
  let started = false;
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => {
      p.argv[0] = '/nonexistent/qemu-must-not-run';
    },
    onRunning: () => {
      started = true;
    },
  });
  assert.equal(code, 1);
  assert.equal(started, false);
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.applied, false);
  assert.equal(doc.result.outcome, 'prepare-failed');
  assert.doesNotMatch(doc.result.error, /\n/);
  assert.match(doc.result.error, /8.*32|32.*8/, doc.result.error);
  assert.equal(driverOf(h, NIC), 'e1000e');
  assert.equal(nrPages(h), '0');
  assert.equal(readJournal(h.writer, JOURNAL)?.state, 'rolled-back');
  assert.equal(
    fs.existsSync(path.join(h.dir, 'run/vfiokit/vm/nested.json')),
    false,
    'no record: QEMU never ran',
  );
});

test('up --dry-run: every step, nothing changed; --json valid; without --force the NIC is refused', async () => {
  const { h, spec } = setup();
  const before = { driver: driverOf(h, NIC), pages: nrPages(h) };
  const t = capture(h.dir);
  assert.equal(await runUp(t.ctx, spec, { dryRun: true, force: true }), 0, t.err());
  for (const heading of [
    '1. Doctor',
    '2. Hugepages',
    '3. Devices onto vfio-pci',
    '4. QEMU, in the foreground',
    '5. When QEMU ends',
  ])
    assert.ok(t.out().includes(heading), heading);
  assert.match(t.out(), /write 32 to \/sys\/kernel\/mm\/hugepages\/hugepages-2048kB\/nr_hugepages/);
  assert.match(t.out(), /-device vfio-pci,host=0000:02:00\.0,id=hostdev0,bus=pci\.1,addr=0x0\.0x0/);
  assert.match(t.out(), /undo: 0000:02:00\.0 back to e1000e/);
  assert.match(t.out(), /Dry run: nothing was changed\./);
  const j = capture(h.dir, true);
  assert.equal(await runUp(j.ctx, spec, { dryRun: true, force: true }), 0);
  const doc = JSON.parse(j.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.applied, false);
  assert.deepEqual(
    doc.steps.map((s: { kind: string }) => s.kind),
    ['attr', 'verify', 'command', 'sysfs', 'sysfs', 'sysfs', 'file'],
  );
  assert.deepEqual({ driver: driverOf(h, NIC), pages: nrPages(h) }, before);
  // A network controller is one the host may need: refused without --force, nothing changed.
  const r = capture(h.dir);
  await assert.rejects(
    runUp(r.ctx, spec, { dryRun: true }),
    /refusing to bind: 0000:02:00\.0 is a network controller/,
  );
});

test('down with no such VM, and with a bad name: one line each', async () => {
  const { h } = setup();
  const c = capture(h.dir);
  await assert.rejects(
    runDown(c.ctx, 'nested', {}, { writer: h.writer }),
    /no VM nested was started by vfiokit up/,
  );
  await assert.rejects(runDown(c.ctx, '../etc', {}, { writer: h.writer }), /is not a VM name/);
});
