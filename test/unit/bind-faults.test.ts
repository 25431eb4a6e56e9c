// Fault injection over runtime binding, on the simulated sysfs (test/helpers/fake-sysfs.ts) made
// from the lab's real snapshots: for bind and release of the GPU + audio group, the NIC and the
// conventional-PCI group, each sysfs write in turn fails (EIO) or blocks past the timeout, the
// modprobe fails, and a signal arrives between each pair of steps. After every case every device's
// driver and driver_override equal the starting state, the record is unchanged, the journal is
// closed (rolled-back) and the lock is released. Then: a run killed mid-way (its tree saved as it
// was) is put back by restore; a second vfiokit is refused naming the holder; a device held
// through /dev/vfio/N is not released and the holder is named.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { applyPlan, type InterruptSource, readJournal, restoreJournal } from '../../src/actions/apply.js';
import { type BindPlan, planBind, planRelease } from '../../src/actions/bind.js';
import { findHolders } from '../../src/actions/holders.js';
import { acquireLock, LOCK_PATH } from '../../src/actions/lock.js';
import type { PciDevice } from '../../src/pci/types.js';
import { type FakeHost, fakeHost, type Lab, scratch } from '../helpers/fake-sysfs.js';

interface Scenario {
  name: string;
  lab: Lab;
  targets: { items: string[]; groups: number[]; gpu: boolean };
  release: boolean;
  /** Devices the plan changes (a loop below checks it found them all). */
  devices: number;
}

const bindOf = (lab: Lab, items: string[], groups: number[], devices: number) => ({
  lab,
  targets: { items, groups, gpu: false },
  devices,
});
const base = [
  { name: 'GPU + audio', ...bindOf('desktop', ['0000:01:00.0'], [], 2) },
  { name: 'NIC', ...bindOf('desktop', ['0000:02:00.0'], [], 1) },
  { name: 'conventional PCI group', ...bindOf('legacy', [], [5], 2) },
];
const scenarios: Scenario[] = [
  ...base.map((b) => ({ ...b, name: `bind ${b.name}`, release: false })),
  ...base.map((b) => ({ ...b, name: `release ${b.name}`, release: true })),
];

const sysfs = (h: FakeHost, timeoutMs = 50) => ({
  io: h.fake,
  timeoutMs,
  holders: (a: string) => (a ? `held by qemu-system-x86 (pid 4242)` : undefined),
});

async function prepared(s: Scenario, opts: { from?: string; failCommands?: boolean } = {}) {
  const h = fakeHost(s.lab, opts);
  if (s.release && !opts.from) {
    const p = planBind(h.root(), s.targets, { force: true });
    const r = await applyPlan(h.writer, p.plan, { command: 'prepare', sysfs: sysfs(h) });
    assert.equal(r.ok, true, r.error?.message);
  }
  return h;
}

function plan(h: FakeHost, s: Scenario): BindPlan {
  return s.release ? planRelease(h.root(), s.targets) : planBind(h.root(), s.targets, { force: true });
}

const record = (h: FakeHost) => {
  try {
    return fs.readFileSync(path.join(h.dir, 'run/vfiokit/bound.json'), 'utf8');
  } catch {
    return '(none)';
  }
};

function scripted(after: number): { src: InterruptSource; hook: (i: number) => void } {
  let got: string | undefined;
  return {
    src: { received: () => got, dispose: () => {} },
    hook: (i) => {
      if (i === after) got = 'SIGTERM';
    },
  };
}

let cases = 0;

for (const s of scenarios) {
  test(`faults: ${s.name}: every write failing, blocking, the modprobe failing, a signal between steps`, async (t) => {
    // The clean run: how many writes and steps there are.
    const clean = await prepared(s);
    const p0 = plan(clean, s);
    assert.equal(
      p0.devices.filter((d) => d.action !== 'keep').length,
      s.devices,
      'devices changed by the plan',
    );
    const w0 = clean.fake.log.length;
    const r0 = await applyPlan(clean.writer, p0.plan, { command: 'clean', sysfs: sysfs(clean) });
    assert.equal(r0.ok, true, r0.error?.message);
    const writes = clean.fake.log.length - w0;
    const steps = p0.plan.steps.length;
    const hasCommand = p0.plan.steps.some((x) => x.kind === 'command');
    clean.cleanup();
    // Bind: unbind (when bound) + override + probe per device; release: unbind + override + bind.
    assert.ok(
      writes >= 2 * s.devices && writes <= 3 * s.devices,
      `${writes} writes for ${s.devices} devices`,
    );

    let ran = 0;
    const check = async (label: string, h: FakeHost, run: (p: BindPlan) => Promise<{ ok: boolean }>) => {
      const start = h.fake.state();
      const rec = record(h);
      const r = await run(plan(h, s));
      assert.equal(r.ok, false, `${label}: the run fails`);
      assert.deepEqual(h.fake.state(), start, `${label}: drivers and overrides as at the start`);
      assert.equal(record(h), rec, `${label}: the record unchanged`);
      assert.equal(readJournal(h.writer)?.state, 'rolled-back', `${label}: journal closed`);
      assert.equal(fs.existsSync(path.join(h.dir, LOCK_PATH.slice(1))), false, `${label}: lock released`);
      ran++;
      h.cleanup();
    };
    for (const kind of ['fail', 'block'] as const) {
      for (let k = 0; k < writes; k++) {
        const h = await prepared(s);
        h.fake.fault = { at: h.fake.log.length + k, kind };
        await check(`${kind} write ${k}`, h, async (p) => {
          const r = await applyPlan(h.writer, p.plan, { command: 'fault', sysfs: sysfs(h) });
          if (kind === 'block') {
            assert.equal(r.error?.code, 'bind.timeout', `block ${k}: ${r.error?.message}`);
            // The timeout names the device and who holds it.
            assert.match(
              r.error?.message ?? '',
              /\(0000:[0-9a-f:.]+\): held by qemu-system-x86 \(pid 4242\)/,
            );
          }
          return r;
        });
      }
    }
    if (hasCommand) {
      const h = await prepared(s, { failCommands: true });
      await check('modprobe fails', h, (p) =>
        applyPlan(h.writer, p.plan, { command: 'fault', sysfs: sysfs(h) }),
      );
    }
    for (let k = 0; k < steps - 1; k++) {
      const h = await prepared(s);
      const sig = scripted(k);
      await check(`signal after step ${k}`, h, async (p) => {
        const r = await applyPlan(h.writer, p.plan, {
          command: 'fault',
          sysfs: sysfs(h),
          interrupts: sig.src,
          betweenSteps: sig.hook,
        });
        assert.equal(r.signal, 'SIGTERM');
        return r;
      });
    }
    const expected = 2 * writes + (hasCommand ? 1 : 0) + (steps - 1);
    assert.equal(ran, expected, 'cases run');
    cases += ran;
    t.diagnostic(`${s.name}: ${writes} writes, ${steps} steps, ${ran} fault cases`);
  });
}

after(() => {
  console.log(`# bind fault injection: ${cases} cases over ${scenarios.length} scenarios`);
});

test('restore: a run killed after each step is put back from its journal', async (t) => {
  let n = 0;
  for (const s of scenarios) {
    const h = await prepared(s);
    const start = h.fake.state();
    const p = plan(h, s);
    const images: string[] = [];
    // Save the tree (sysfs as the fake keeps it, /run/vfiokit) after each step: what a SIGKILL
    // or a power cut there would leave, with an open journal.
    const r = await applyPlan(h.writer, p.plan, {
      command: 'crash',
      sysfs: sysfs(h),
      betweenSteps: (i) => {
        const img = fs.mkdtempSync(path.join(scratch(), 'vfiokit-crash-'));
        fs.cpSync(h.dir, img, { recursive: true, verbatimSymlinks: true });
        images[i] = img;
      },
    });
    assert.equal(r.ok, true);
    assert.equal(images.length, p.plan.steps.length);
    // The killed run's pid: a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    for (const img of images) {
      const c = fakeHost(s.lab, { from: img });
      fs.rmSync(img, { recursive: true, force: true });
      const j = readJournal(c.writer);
      assert.equal(j?.state, 'open', 'the image has an open journal');
      fs.writeFileSync(
        path.join(c.dir, LOCK_PATH.slice(1)),
        JSON.stringify({ pid: dead, command: 'crash', started: '' }),
      );
      const out = await restoreJournal(c.writer, { command: 'vfiokit restore', sysfs: sysfs(c) });
      assert.equal(out.replayed, true);
      assert.equal(out.res.ok, true, out.res.undoFailed.join('; '));
      assert.deepEqual(c.fake.state(), start, `${s.name}: restored`);
      assert.equal(readJournal(c.writer)?.state, 'rolled-back');
      // A second restore has nothing to do.
      const again = await restoreJournal(c.writer, { command: 'vfiokit restore', sysfs: sysfs(c) });
      assert.equal(again.replayed, false);
      c.cleanup();
      n++;
    }
    h.cleanup();
  }
  t.diagnostic(`${n} crash images restored`);
  assert.ok(n >= scenarios.length * 4);
});

test('a second vfiokit is refused while the first holds the lock, naming it', async () => {
  const s = scenarios[0];
  const h = await prepared(s);
  try {
    const lock = await acquireLock(h.writer, 'vfiokit bind 0000:01:00.0');
    const start = h.fake.state();
    await assert.rejects(
      applyPlan(h.writer, plan(h, s).plan, { command: 'second', sysfs: sysfs(h), lockWaitMs: 50 }),
      new RegExp(
        `another vfiokit holds /run/vfiokit/lock: pid ${process.pid} \\(vfiokit bind 0000:01:00\\.0\\)`,
      ),
    );
    assert.deepEqual(h.fake.state(), start);
    lock.release();
  } finally {
    h.cleanup();
  }
});

test('release refuses a device held through /dev/vfio/N and names the process; bind refuses a GPU whose DRM node is open', async () => {
  const s = scenarios[3];
  const h = await prepared(s);
  try {
    // A VM holding the group: /proc/PID/fd/N → /dev/vfio/6, as the kernel shows an open file.
    const proc = path.join(h.dir, 'proc/4242');
    fs.mkdirSync(path.join(proc, 'fd'), { recursive: true });
    fs.writeFileSync(path.join(proc, 'comm'), 'qemu-system-x86\n');
    fs.symlinkSync('/dev/vfio/6', path.join(proc, 'fd/17'));
    const root = h.root();
    const holders = (d: PciDevice[]) => findHolders(root, d);
    assert.throws(
      () => planRelease(root, s.targets, { holders }),
      /refusing to release devices in use: 0000:01:00\.0: \/dev\/vfio\/6 held by qemu-system-x86 \(pid 4242\); 0000:01:00\.1: \/dev\/vfio\/6 held by qemu-system-x86 \(pid 4242\)/,
    );
  } finally {
    h.cleanup();
  }
  const g = fakeHost('desktop');
  try {
    const proc = path.join(g.dir, 'proc/812');
    fs.mkdirSync(path.join(proc, 'fd'), { recursive: true });
    fs.writeFileSync(path.join(proc, 'comm'), 'Xorg\n');
    fs.mkdirSync(path.join(g.dir, 'sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/drm/card0'), {
      recursive: true,
    });
    fs.symlinkSync('/dev/dri/card0', path.join(proc, 'fd/12'));
    const root = g.root();
    assert.throws(
      () => planBind(root, scenarios[0].targets, { force: false, holders: (d) => findHolders(root, d) }),
      /0000:01:00\.0 is the boot GPU/,
    );
    // The guard for the boot GPU aside (--force), the holder still shows in the notes.
    const p = planBind(root, scenarios[0].targets, { force: true, holders: (d) => findHolders(root, d) });
    assert.ok(
      p.notes.some((n) => n === '--force: in use: 0000:01:00.0: /dev/dri/card0 held by Xorg (pid 812)'),
      p.notes.join('\n'),
    );
  } finally {
    g.cleanup();
  }
});
