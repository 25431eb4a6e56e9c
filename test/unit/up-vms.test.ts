// `vfiokit up` with what a VM keeps and shares: its OVMF variable store (created once, kept, never
// overwritten), CPU pinning applied after start and read back from the kernel, and two VMs at once
// (no lock for a VM's lifetime, a device another VM holds refused, hugepages given back relative to
// the pool so the other VM's stay).
//
// Real parts: QEMU (TCG; multi-threaded TCG gives each vCPU its own host thread, as KVM does),
// taskset, this machine's /proc (the oracle for affinity: /proc/PID/task/TID/status
// Cpus_allowed_list), the OVMF template of Debian's ovmf package. A mock where a unit test cannot
// reach the kernel: the lab desktop snapshot over the simulated sysfs with the hugepage pools'
// rules (test/helpers/hugepage-host.ts), and QEMU's guest RAM without hugetlb (the pools are not
// real). The lab (test/lab/up.test.ts) runs up against a real kernel.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readJournal } from '../../src/actions/apply.js';
import { QmpClient } from '../../src/actions/qmp.js';
import { runDown } from '../../src/cli/commands/down.js';
import { runUp } from '../../src/cli/commands/up.js';
import { VfiokitError } from '../../src/errors.js';
import { assertValidJson } from '../helpers/json-schema.js';
import {
  capture,
  driverOf,
  NIC,
  pool,
  qemuSkip as skip,
  specFile,
  standIn,
  UP_OPTS,
  upHosts,
} from '../helpers/up-host.js';

const haveTaskset = spawnSync('taskset', ['--version']).status === 0;
const TEMPLATE = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const cpus = os.availableParallelism();

const host = upHosts();

/** Cpus_allowed_list of one thread, from the kernel. */
const allowed = (pid: number, tid: number) =>
  /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1];

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test('pinning: vCPU0→0, vCPU1→1, emulator→0 after start, as /proc shows; --dry-run lists it', {
  skip: skip || (!haveTaskset && 'taskset not installed') || (cpus < 2 && 'needs 2 CPUs'),
}, async () => {
  const { h, dir } = host();
  const spec = specFile(
    dir,
    'pinned',
    `memory: 64M\ncpu:\n  cores: 2\n  pin:\n    vcpus: ["0", "1"]\n    emulator: "0"\nfirmware:\n  type: seabios\n`,
  );
  const dry = capture(h.dir);
  assert.equal(await runUp(dry.ctx, spec, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }), 0);
  assert.match(dry.out(), /pin after the checks: vCPU 0 \(query-cpus-fast cpu-index 0\) → CPUs 0/);
  assert.match(dry.out(), /pin after the checks: vCPU 1 \(query-cpus-fast cpu-index 1\) → CPUs 1/);
  assert.match(
    dry.out(),
    /pin after the checks: emulator: QEMU's main thread and its other threads → CPUs 0/,
  );

  const u = capture(h.dir, true);
  let seen: { vcpus: (string | undefined)[]; main?: string; props: unknown[] } | undefined;
  const d = capture(h.dir, true);
  let down: Promise<number> | undefined;
  const code = await runUp(u.ctx, spec, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    onRunning: (r) => {
      const pid = r.qemuPid as number;
      // The oracle: QEMU's own list of vCPU threads over the second monitor, and /proc.
      void (async () => {
        const q = await QmpClient.connect(path.join(h.dir, 'run/vfiokit/vm/pinned/control.sock'), 10_000);
        const list = (await q.execute('query-cpus-fast')) as {
          'cpu-index': number;
          'thread-id': number;
          props: unknown;
        }[];
        q.close();
        assert.equal(list.length, 2);
        list.sort((a, b) => a['cpu-index'] - b['cpu-index']);
        seen = {
          vcpus: list.map((c) => allowed(pid, c['thread-id'])),
          main: allowed(pid, pid),
          props: list.map((c) => c.props),
        };
        down = runDown(d.ctx, 'pinned', { timeout: '1', cleanupWait: '60' }, { writer: h.writer });
      })();
    },
  });
  assert.equal(code, 0, u.err());
  assert.ok(down);
  assert.equal(await down, 0, d.err());
  assert.deepEqual(seen?.vcpus, ['0', '1']);
  assert.equal(seen?.main, '0');
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  const pinned = doc.result.pinned as { thread: string; allowed: string }[];
  assert.deepEqual(
    pinned.filter((p) => p.thread !== 'emulator thread').map((p) => [p.thread, p.allowed]),
    [
      ['vCPU 0', '0'],
      ['vCPU 1', '1'],
      ['emulator (main thread)', '0'],
    ],
  );
  assert.ok(pinned.filter((p) => p.thread === 'emulator thread').every((p) => p.allowed === '0'));
});

test('pinning that cannot be applied (no such host CPU) stops the VM and gives everything back', {
  skip: skip || (!haveTaskset && 'taskset not installed'),
}, async () => {
  const { h, dir } = host();
  const spec = specFile(
    dir,
    'badpin',
    `memory: 64M\nhugepages: 2M\ncpu:\n  cores: 1\n  pin:\n    vcpus: ["4095"]\nfirmware:\n  type: seabios\ndevices:\n  - address: "${NIC}"\n`,
  );
  const u = capture(h.dir, true);
  const code = await runUp(u.ctx, spec, UP_OPTS, { io: h.fake, writer: h.writer, adjust: (p) => standIn(p) });
  assert.equal(code, 1);
  const doc = JSON.parse(u.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.result.outcome, 'check-failed');
  assert.match(doc.result.error, /^pinning failed: taskset -pc 4095 \d+ \(vCPU 0\) failed/);
  assert.doesNotMatch(doc.result.error, /\n/);
  assert.equal(driverOf(h, NIC), 'e1000e');
  assert.equal(pool(h, 'nr_hugepages'), '0');
  assert.equal(readJournal(h.writer, '/run/vfiokit/vm/badpin.journal.json')?.state, 'rolled-back');
  // The lab snapshot has no /sys/devices/system/cpu/online: the check up makes before start could
  // not be made, so it said so and refused nothing (the pin step found the bad CPU instead).
  assert.ok(
    doc.notes.some((n: string) =>
      /pinned CPUs are not checked against the host's online CPUs: \/sys\/devices\/system\/cpu\/online is missing/.test(
        n,
      ),
    ),
    doc.notes.join('\n'),
  );
});

test('pinned CPUs the host does not have online: refused before anything changes, naming them and the online list', async () => {
  const { h, dir } = host();
  // The host's online list, as the kernel prints it (Documentation/ABI/testing/sysfs-devices-system-cpu).
  const online = path.join(h.dir, 'sys/devices/system/cpu/online');
  fs.mkdirSync(path.dirname(online), { recursive: true });
  fs.writeFileSync(online, '0-3,6\n');
  const spec = specFile(
    dir,
    'farpin',
    `memory: 64M\nhugepages: 2M\ncpu:\n  cores: 2\n  pin:\n    vcpus: ["2-5", "3"]\n    emulator: "0,9"\nfirmware:\n  type: seabios\ndevices:\n  - address: "${NIC}"\n`,
  );
  const want = /^cpu\.pin names CPUs 4-5,9, which this host does not have online \(online: 0-3,6\)$/;
  let n = 0;
  for (const dryRun of [true, false]) {
    const u = capture(h.dir);
    await assert.rejects(
      runUp(u.ctx, spec, { ...UP_OPTS, dryRun }, { io: h.fake, writer: h.writer }),
      (e: unknown) => {
        assert.ok(e instanceof VfiokitError, String(e));
        assert.match(e.message, want);
        assert.equal(e.code, 'up.pin-cpus');
        return true;
      },
    );
    n++;
  }
  assert.equal(n, 2);
  // Nothing was changed: the NIC on its driver, the pool as it was, no journal, no record.
  assert.equal(driverOf(h, NIC), 'e1000e');
  assert.equal(pool(h, 'nr_hugepages'), '0');
  assert.equal(fs.existsSync(path.join(h.dir, 'run/vfiokit/vm')), false);

  // Every pinned CPU online: planned as usual, no note about the check.
  fs.writeFileSync(online, '0-9\n');
  const ok = capture(h.dir, true);
  assert.equal(await runUp(ok.ctx, spec, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }), 0);
  const doc = JSON.parse(ok.out());
  assertValidJson(doc, 'vfiokit.up/1');
  assert.equal(doc.notes.filter((x: string) => /pinned CPUs/.test(x)).length, 0);

  // Not a CPU list (a damaged tree): not known, so not refused, and the plan says why.
  fs.writeFileSync(online, '0-3,x\n');
  const bad = capture(h.dir, true);
  assert.equal(await runUp(bad.ctx, spec, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }), 0);
  assert.ok(
    JSON.parse(bad.out()).notes.includes(
      `the pinned CPUs are not checked against the host's online CPUs: /sys/devices/system/cpu/online is not a CPU list: "0-3,x"`,
    ),
  );
});

test('OVMF: the variable store is created from the template (0600, parent made), removed when QEMU never ran, kept after a run, never overwritten', {
  skip: skip || (!fs.existsSync(TEMPLATE) && 'ovmf not installed'),
}, async () => {
  const { h, dir } = host();
  const vars = '/var/lib/vfiokit/nvram/efi_VARS.fd';
  const real = path.join(h.dir, vars);
  const spec = specFile(
    dir,
    'efi',
    `memory: 64M\ncpu:\n  cores: 1\nfirmware:\n  type: ovmf\n  vars: ${vars}\n`,
  );
  assert.equal(fs.existsSync(path.dirname(real)), false);

  const dry = capture(h.dir, true);
  assert.equal(await runUp(dry.ctx, spec, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }), 0);
  const plan = JSON.parse(dry.out());
  assertValidJson(plan, 'vfiokit.up/1');
  assert.deepEqual(plan.vars, { path: vars, template: TEMPLATE, create: true });
  assert.equal(plan.steps[0].kind, 'file');
  assert.equal(plan.steps[0].path, vars);
  assert.equal(plan.steps[0].mode, '0600');
  assert.equal(fs.existsSync(real), false, 'dry run: nothing written');

  // QEMU refuses an option: it never ran, so the store this run made goes again.
  const bad = capture(h.dir, true);
  assert.equal(
    await runUp(bad.ctx, spec, UP_OPTS, {
      io: h.fake,
      writer: h.writer,
      adjust: (p) => standIn(p, ['-device', 'no-such-device']),
    }),
    1,
  );
  assert.equal(JSON.parse(bad.out()).result.outcome, 'start-failed');
  assert.equal(fs.existsSync(real), false, 'removed: QEMU never ran');
  assert.equal(fs.existsSync(path.dirname(real)), false, 'its directory too');

  // A run: the store is the template's bytes, mode 0600, and stays after down.
  const u = capture(h.dir, true);
  const d = capture(h.dir, true);
  let down: Promise<number> | undefined;
  let during: { mode: number; same: boolean } | undefined;
  assert.equal(
    await runUp(u.ctx, spec, UP_OPTS, {
      io: h.fake,
      writer: h.writer,
      adjust: (p) => standIn(p),
      onRunning: () => {
        during = {
          mode: fs.statSync(real).mode & 0o777,
          same: Buffer.compare(fs.readFileSync(real), fs.readFileSync(TEMPLATE)) === 0,
        };
        down = runDown(d.ctx, 'efi', { timeout: '1', cleanupWait: '60' }, { writer: h.writer });
      },
    }),
    0,
    u.err(),
  );
  assert.equal(await down, 0);
  assert.deepEqual(during, { mode: 0o600, same: true });
  assert.equal(fs.existsSync(real), true, 'kept after the VM stopped');
  assert.equal(fs.statSync(real).mode & 0o777, 0o600);
  const j = readJournal(h.writer, '/run/vfiokit/vm/efi.journal.json');
  assert.equal(j?.entries.find((e) => e.kind === 'file')?.state, 'kept');

  // The guest's boot entries live there now: a second up keeps the bytes as they are.
  // (same size: a pflash image must keep the flash's size, or QEMU refuses it)
  const changed = fs.readFileSync(real);
  changed.write('guest state', changed.length - 64);
  fs.writeFileSync(real, changed);
  const mine = fs.readFileSync(real);
  const again = capture(h.dir, true);
  assert.equal(
    await runUp(again.ctx, spec, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }),
    0,
  );
  const p2 = JSON.parse(again.out());
  assert.deepEqual(p2.vars, { path: vars, template: TEMPLATE, create: false });
  assert.equal(p2.steps.filter((s: { kind: string }) => s.kind === 'file').length, 0);
  assert.ok(p2.notes.some((n: string) => /efi_VARS\.fd exists: kept as it is/.test(n)));
  const u2 = capture(h.dir, true);
  const d2 = capture(h.dir, true);
  let down2: Promise<number> | undefined;
  assert.equal(
    await runUp(u2.ctx, spec, UP_OPTS, {
      io: h.fake,
      writer: h.writer,
      adjust: (p) => standIn(p),
      onRunning: () => {
        down2 = runDown(d2.ctx, 'efi', { timeout: '1', cleanupWait: '60' }, { writer: h.writer });
      },
    }),
    0,
  );
  await down2;
  assert.equal(Buffer.compare(fs.readFileSync(real), mine), 0, 'never overwritten');
});

test('two VMs: B starts while A runs; a device A holds is refused naming A; A down leaves B its pages; B down restores the pool', {
  skip,
}, async () => {
  const { h, dir } = host();
  const specA = specFile(
    dir,
    'vma',
    `memory: 64M\nhugepages: 2M\ncpu:\n  cores: 1\nfirmware:\n  type: seabios\ndevices:\n  - address: "${NIC}"\n`,
  );
  const specB = specFile(
    dir,
    'vmb',
    `memory: 64M\nhugepages: 2M\ncpu:\n  cores: 1\nfirmware:\n  type: seabios\n`,
  );
  const specC = specFile(
    dir,
    'vmc',
    `memory: 64M\ncpu:\n  cores: 1\nfirmware:\n  type: seabios\ndevices:\n  - address: "${NIC}"\n`,
  );
  assert.equal(pool(h, 'nr_hugepages'), '0');
  const aRunning = deferred();
  const bRunning = deferred();
  const a = capture(h.dir, true);
  const b = capture(h.dir, true);
  // QEMU would fault its 32 pages in (memory-backend-memfd hugetlb=on); the simulated pool is
  // told so when each VM runs, and that they are let go when it stops.
  const aDone = runUp(a.ctx, specA, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    onRunning: () => {
      h.fake.use(2048, 32);
      aRunning.resolve();
    },
  });
  await aRunning.promise;
  assert.equal(fs.existsSync(path.join(h.dir, 'run/vfiokit/lock')), false, 'no lock while A runs');
  assert.equal(readJournal(h.writer, '/run/vfiokit/vm/vma.journal.json')?.state, 'open');

  const c = capture(h.dir);
  await assert.rejects(
    runUp(c.ctx, specC, { ...UP_OPTS, dryRun: true }, { io: h.fake, writer: h.writer }),
    /0000:02:00\.0 is held by VM vma \(vfiokit up, pid \d+\)/,
  );

  const bDone = runUp(b.ctx, specB, UP_OPTS, {
    io: h.fake,
    writer: h.writer,
    adjust: (p) => standIn(p),
    onRunning: () => {
      h.fake.use(2048, 32);
      bRunning.resolve();
    },
  });
  await bRunning.promise;
  assert.equal(pool(h, 'nr_hugepages'), '64', "A's 32 pages and B's 32");
  assert.equal(driverOf(h, NIC), 'vfio-pci');

  h.fake.letGo(2048, 32);
  const da = capture(h.dir, true);
  assert.equal(await runDown(da.ctx, 'vma', { timeout: '1', cleanupWait: '60' }, { writer: h.writer }), 0);
  assert.equal(await aDone, 0, a.err());
  // B's pages stay in the pool as persistent pages (an absolute undo to 0 would have made them
  // surplus, freed under B as it lets go).
  assert.deepEqual(
    [pool(h, 'nr_hugepages'), pool(h, 'free_hugepages'), pool(h, 'surplus_hugepages')],
    ['32', '0', '0'],
  );
  assert.equal(driverOf(h, NIC), 'e1000e');
  const doc = JSON.parse(a.out());
  assert.ok(
    doc.result.undone.some((l: string) =>
      /wrote 32 to .*nr_hugepages \(64 less the 32 pages this run added\)/.test(l),
    ),
    doc.result.undone.join('\n'),
  );

  h.fake.letGo(2048, 32);
  const db = capture(h.dir, true);
  assert.equal(await runDown(db.ctx, 'vmb', { timeout: '1', cleanupWait: '60' }, { writer: h.writer }), 0);
  assert.equal(await bDone, 0, b.err());
  assert.deepEqual(
    [pool(h, 'nr_hugepages'), pool(h, 'free_hugepages'), pool(h, 'surplus_hugepages')],
    ['0', '0', '0'],
  );
  for (const n of ['vma', 'vmb'])
    assert.equal(readJournal(h.writer, `/run/vfiokit/vm/${n}.journal.json`)?.state, 'rolled-back', n);
});

/** A real QEMU under -S (threads exist, no guest code runs) with a QMP socket, for the pinning's own checks. */
async function pausedQemu(
  dir: string,
  accel: string,
): Promise<{ qmp: QmpClient; pid: number; stop: () => Promise<void> }> {
  const sock = path.join(dir, `${accel.replace(/\W/g, '')}.qmp`);
  const { spawn } = await import('node:child_process');
  const child = spawn(
    'qemu-system-x86_64',
    [
      '-accel',
      accel,
      '-machine',
      'q35',
      '-smp',
      '2',
      '-m',
      '64',
      '-nodefaults',
      '-display',
      'none',
      '-S',
      '-qmp',
      `unix:${sock},server=on,wait=off`,
    ],
    { stdio: 'ignore' },
  );
  let gone = false;
  const exited = new Promise((r) =>
    child.on('exit', (code) => {
      gone = true;
      r(code);
    }),
  );
  // On a loaded machine QEMU can take seconds to create its socket: wait for it (or for QEMU to
  // die) up to a minute. On any failure QEMU is killed: a child left running keeps this test
  // file's process alive until the suite's timeout.
  let qmp: QmpClient;
  try {
    for (let i = 0; i < 1200 && !gone && !fs.existsSync(sock); i++)
      await new Promise((r) => setTimeout(r, 50));
    qmp = await QmpClient.connect(sock, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw e;
  }
  return {
    qmp,
    pid: child.pid as number,
    stop: async () => {
      qmp.close();
      child.kill('SIGKILL');
      await exited;
    },
  };
}

test('pinning refuses clearly: taskset missing, vCPUs sharing one thread (single-threaded TCG), an affinity that does not read back', {
  skip,
}, async () => {
  const { pinQemuThreads } = await import('../../src/actions/pin-threads.js');
  const { dir } = host();
  const multi = await pausedQemu(dir, 'tcg,thread=multi');
  try {
    const pin = { vcpus: ['0', '1'], emulator: '0', iothreads: [] };
    await assert.rejects(
      pinQemuThreads(multi.qmp, multi.pid, pin, {
        run: async () => ({ status: null, stderr: 'spawn taskset ENOENT', missing: true }),
      }),
      (e: Error & { hint?: string }) =>
        /taskset is not installed/.test(e.message) && /util-linux/.test(e.hint ?? ''),
    );
    // A taskset that says it worked but changed nothing: /proc tells.
    await assert.rejects(
      pinQemuThreads(
        multi.qmp,
        multi.pid,
        { ...pin, vcpus: ['1', '1'] },
        { run: async () => ({ status: 0, stderr: '' }) },
      ),
      /vCPU 0 \(thread \d+\) runs on CPUs .* after taskset, not 1/,
    );
  } finally {
    await multi.stop();
  }
  const single = await pausedQemu(dir, 'tcg,thread=single');
  try {
    await assert.rejects(
      pinQemuThreads(single.qmp, single.pid, { vcpus: ['0', '1'], iothreads: [] }),
      /vCPUs share host thread \d+ \(QEMU's single-threaded TCG\)/,
    );
  } finally {
    await single.stop();
  }
});
