// Handover and handback on a single-GPU desktop (the lab's desktop snapshot with its display stack,
// test/helpers/display-host.ts, over the simulated sysfs): the steps in the order the layers hold
// the GPU, the guard's verdicts (the console, framebuffer and display server are ended by handover
// itself; anything else is refused), handback as the reverse, and fault injection: every write and
// every command failing in turn, every blocking write timing out, and a signal between every pair
// of steps leave the host exactly as it was, with the journal rolled back.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan, type InterruptSource, readJournal, restoreJournal } from '../../src/actions/apply.js';
import { planHandback, planHandover } from '../../src/actions/handover.js';
import { describeStep } from '../../src/actions/plan.js';
import { DirHostRoot } from '../../src/host/root.js';
import { readHostUsage } from '../../src/host/usage.js';
import { AUDIO, type ConsoleLayout, type DisplayHost, displayHost, GPU } from '../helpers/display-host.js';
import { buildFixture, gpuWithAudio } from '../helpers/fixture-builder.js';
import { UsageTree } from '../helpers/usage-host.js';

const root = (h: DisplayHost) => new DirHostRoot(h.dir);
const handover = (h: DisplayHost, force = false) =>
  planHandover(root(h), GPU, { usage: readHostUsage(root(h)), force });
const apply = (h: DisplayHost, steps: ReturnType<typeof handover>['plan'], interrupts?: InterruptSource) =>
  applyPlan(h.writer, steps, { command: 'test', sysfs: { io: h.fake, timeoutMs: 200 }, interrupts });

const HANDOVER_STEPS = [
  'run systemctl stop gdm3.service',
  'write 0 to /sys/class/vtconsole/vtcon1/bind',
  'write simple-framebuffer.0 to /sys/bus/platform/drivers/simple-framebuffer/unbind',
  'run modprobe vfio-pci',
  `write ${GPU} to /sys/bus/pci/drivers/bochs-drm/unbind`,
  `write vfio-pci to /sys/bus/pci/devices/${GPU}/driver_override`,
  `write ${GPU} to /sys/bus/pci/drivers_probe`,
  `write ${AUDIO} to /sys/bus/pci/drivers/snd_hda_intel/unbind`,
  `write vfio-pci to /sys/bus/pci/devices/${AUDIO}/driver_override`,
  `write ${AUDIO} to /sys/bus/pci/drivers_probe`,
  'create /run/vfiokit/bound.json',
  'create /run/vfiokit/handover.json',
];

test('handover plan: display manager, fbcon, firmware framebuffer, then the group onto vfio-pci', () => {
  const h = displayHost();
  try {
    const p = handover(h);
    assert.deepEqual(p.plan.steps.map(describeStep), HANDOVER_STEPS);
    assert.deepEqual(p.displayManager, {
      unit: 'gdm3.service',
      active: true,
      evidence: '/sys/fs/cgroup/system.slice/gdm3.service/cgroup.procs: 2 process(es)',
    });
    assert.deepEqual(p.refusals, []);
    // What the guard saw on the GPU, each ended by a step of the plan.
    assert.deepEqual(
      p.ended.map((f) => `${f.address} ${f.kind} ${f.what}`),
      [
        `${GPU} console the text console (fbcon) on fb0 (simple)`,
        `${GPU} display process Xorg (pid 812) has /dev/dri/card0 open`,
      ],
    );
  } finally {
    h.cleanup();
  }
});

/** The lab's layout (display-host.ts): fbcon vtcon0 next to an (M) dummy, no display manager. */
const LAB_STEPS = [
  'write 0 to /sys/class/vtconsole/vtcon0/bind',
  'run modprobe vfio-pci',
  `write ${GPU} to /sys/bus/pci/drivers/bochs-drm/unbind`,
  `write vfio-pci to /sys/bus/pci/devices/${GPU}/driver_override`,
  `write ${GPU} to /sys/bus/pci/drivers_probe`,
  `write ${AUDIO} to /sys/bus/pci/drivers/snd_hda_intel/unbind`,
  `write vfio-pci to /sys/bus/pci/devices/${AUDIO}/driver_override`,
  `write ${AUDIO} to /sys/bus/pci/drivers_probe`,
  'create /run/vfiokit/bound.json',
  'create /run/vfiokit/handover.json',
];

const LAYOUTS: { layout: ConsoleLayout; steps: string[]; unitEnd: number }[] = [
  { layout: 'simplefb', steps: HANDOVER_STEPS, unitEnd: 4 },
  { layout: 'lab', steps: LAB_STEPS, unitEnd: 2 },
];

test('the console unbind and the unbinds that take its framebuffer run as one unit; the lab layout gets a second route back', () => {
  for (const { layout, steps, unitEnd } of LAYOUTS) {
    const h = displayHost(layout);
    try {
      const p = handover(h);
      assert.deepEqual(p.plan.steps.map(describeStep), steps, layout);
      const first = steps.findIndex((l) => l.includes('vtconsole'));
      assert.deepEqual(
        p.plan.steps.map((s) => s.unit ?? '-'),
        steps.map((_, i) => (i >= first && i <= unitEnd ? 'console' : '-')),
        layout,
      );
      const vt = p.plan.steps[first];
      assert.equal(vt.kind, 'attr');
      // simplefb: the dummy is an (S) driver, so `1` to fbcon's bind works (vt_bind) and there is
      // no other route; lab: only (M) drivers, and the dummy that takes the VTs is the route.
      assert.deepEqual(
        vt.kind === 'attr' ? (vt.undoElse ?? []).map((w) => `${w.value} > ${w.path}`) : [],
        layout === 'lab' ? ['0 > /sys/class/vtconsole/vtcon1/bind'] : [],
        layout,
      );
    } finally {
      h.cleanup();
    }
  }
});

test('handover then handback: the host ends exactly where it started', async () => {
  for (const { layout } of LAYOUTS) {
    const h = displayHost(layout);
    try {
      const start = h.state();
      const r = await apply(h, handover(h).plan);
      assert.equal(r.ok, true, r.error?.message);
      // fbcon let go of the VTs (the dummy has them) and unregistered with the last framebuffer.
      assert.deepEqual(h.state(), {
        ...start,
        pci: { ...(start.pci as object), [GPU]: 'vfio-pci vfio-pci', [AUDIO]: 'vfio-pci vfio-pci' },
        vtconsoles:
          layout === 'lab' ? ['vtcon1 (M) dummy device bind=1'] : ['vtcon0 (S) dummy device bind=1'],
        framebuffers: [],
        fb: false,
        dm: false,
        bound: true,
        handover: true,
      });
      // A second handover is refused while one is in place.
      assert.throws(() => handover(h), /already handed over/);
      const back = planHandback(root(h), GPU);
      const vtcon = layout === 'lab' ? 'vtcon0' : 'vtcon1';
      assert.deepEqual(back.plan.steps.map(describeStep), [
        ...(layout === 'lab'
          ? []
          : ['write simple-framebuffer.0 to /sys/bus/platform/drivers/simple-framebuffer/bind']),
        `write ${GPU} to /sys/bus/pci/drivers/vfio-pci/unbind`,
        `write '\\n' (clear) to /sys/bus/pci/devices/${GPU}/driver_override`,
        `write ${GPU} to /sys/bus/pci/drivers/bochs-drm/bind`,
        `write ${AUDIO} to /sys/bus/pci/drivers/vfio-pci/unbind`,
        `write '\\n' (clear) to /sys/bus/pci/devices/${AUDIO}/driver_override`,
        `write ${AUDIO} to /sys/bus/pci/drivers/snd_hda_intel/bind`,
        'remove /run/vfiokit/bound.json',
        `write 1 to /sys/class/vtconsole/${vtcon}/bind`,
        ...(layout === 'lab' ? [] : ['run systemctl start gdm3.service']),
        'remove /run/vfiokit/handover.json',
      ]);
      const writes = h.fake.log.length;
      const rb = await apply(h, back.plan);
      assert.equal(rb.ok, true, rb.error?.message);
      assert.deepEqual(h.state(), start, layout);
      // fb0 registering brought fbcon back with the VTs (fbcon_fb_registered), so the step that
      // writes 1 found it bound and wrote nothing.
      assert.ok(!h.fake.log.slice(writes).some((l) => l.includes('vtconsole')), h.fake.log.join('\n'));
      assert.throws(() => planHandback(root(h), GPU), /nothing to hand back/);
    } finally {
      h.cleanup();
    }
  }
});

/** Writes and commands a plan makes when nothing fails (each is a fault position). */
async function cleanRun(layout: ConsoleLayout): Promise<{ writes: number; commands: number }> {
  const h = displayHost(layout);
  try {
    assert.equal((await apply(h, handover(h).plan)).ok, true);
    return { writes: h.fake.log.length, commands: h.ran.length };
  } finally {
    h.cleanup();
  }
}

test('every write and every command failing in turn, or a write timing out: handover leaves the start state', async () => {
  for (const { layout } of LAYOUTS) {
    const clean = await cleanRun(layout);
    let cases = 0;
    for (const kind of ['fail', 'block'] as const) {
      for (let at = 0; at < clean.writes; at++) {
        const h = displayHost(layout);
        try {
          const start = h.state();
          const p = handover(h);
          h.fake.fault = { at, kind };
          const r = await apply(h, p.plan);
          assert.equal(r.ok, false, `${layout}: ${kind} at write ${at}`);
          cases++;
          assert.deepEqual(h.state(), start, `${layout}: ${kind} at write ${at}: ${r.error?.message}`);
          assert.equal(readJournal(h.writer)?.state, 'rolled-back');
          assert.deepEqual(r.undoFailed, []);
        } finally {
          h.cleanup();
        }
      }
    }
    for (let at = 0; at < clean.commands; at++) {
      const h = displayHost(layout);
      try {
        const start = h.state();
        const p = handover(h);
        h.failCommandAt = at;
        const r = await apply(h, p.plan);
        assert.equal(r.ok, false);
        cases++;
        assert.deepEqual(h.state(), start, `${layout}: command ${at}: ${r.error?.message}`);
        assert.equal(readJournal(h.writer)?.state, 'rolled-back');
      } finally {
        h.cleanup();
      }
    }
    // simplefb: 8 sysfs writes (console, framebuffer, 6 bindings), each failing and blocking, and
    // 2 commands; lab: 7 writes (no firmware framebuffer) and 1 command (modprobe vfio-pci).
    assert.equal(cases, layout === 'lab' ? 7 * 2 + 1 : 8 * 2 + 2, layout);
  }
});

test('lab layout: the GPU unbind failing right after the console unbind gives the console back by the other route', async () => {
  const h = displayHost('lab');
  try {
    const start = h.state();
    const p = handover(h);
    h.fake.failPaths = ['/drivers/bochs-drm/unbind'];
    const r = await apply(h, p.plan);
    assert.equal(r.ok, false);
    assert.deepEqual(r.undone, [
      'wrote 1 to /sys/class/vtconsole/vtcon0/bind, then wrote 0 to /sys/class/vtconsole/vtcon1/bind',
    ]);
    assert.deepEqual(h.state(), start);
    assert.equal(readJournal(h.writer)?.state, 'rolled-back');
    // Without the route the kernel's rule leaves fbcon unbound (what the lab's kernel did).
    const bare = displayHost('lab');
    try {
      const q = handover(bare);
      const vt = q.plan.steps[0];
      if (vt.kind === 'attr') delete vt.undoElse;
      bare.fake.failPaths = ['/drivers/bochs-drm/unbind'];
      const r2 = await apply(bare, q.plan);
      assert.deepEqual(r2.undoFailed, [
        '/sys/class/vtconsole/vtcon0/bind: /sys/class/vtconsole/vtcon0/bind is "0" after the undo, not "1"',
      ]);
      assert.deepEqual(bare.fake.consoleState().vtconsoles, [
        'vtcon0 (M) frame buffer device bind=0',
        'vtcon1 (M) dummy device bind=1',
      ]);
    } finally {
      bare.cleanup();
    }
  } finally {
    h.cleanup();
  }
});

test('a signal after every step of handover or handback undoes what was done; inside the console unit it waits for the unit', async () => {
  for (const { layout, unitEnd } of LAYOUTS) {
    for (const which of ['handover', 'handback'] as const) {
      let cases = 0;
      let planned = 0;
      for (let k = 0; ; k++) {
        const h = displayHost(layout);
        try {
          if (which === 'handback') assert.equal((await apply(h, handover(h).plan)).ok, true);
          const start = h.state();
          const p = which === 'handover' ? handover(h) : planHandback(root(h), undefined);
          planned = p.plan.steps.length;
          // After the last step the work is complete and kept: boundaries are 0..length-2.
          if (k >= planned - 1) break;
          let taken = 0;
          const interrupts: InterruptSource = {
            received: () => (taken > k ? 'SIGTERM' : undefined),
            dispose() {},
          };
          const r = await applyPlan(h.writer, p.plan, {
            command: 'test',
            sysfs: { io: h.fake, timeoutMs: 200 },
            interrupts,
            betweenSteps: () => {
              taken++;
            },
          });
          cases++;
          const label = `${layout} ${which}: signal after step ${k + 1}`;
          assert.equal(r.signal, 'SIGTERM', label);
          const stoppedAfter =
            which === 'handover' && k < unitEnd && p.plan.steps[k].unit ? unitEnd + 1 : k + 1;
          assert.equal(r.done.length, stoppedAfter, label);
          assert.deepEqual(r.undoFailed, [], label);
          assert.deepEqual(h.state(), start, label);
          assert.equal(readJournal(h.writer)?.state, 'rolled-back', label);
        } finally {
          h.cleanup();
        }
      }
      assert.equal(cases, planned - 1, `${layout} ${which}`);
    }
  }
});

test('a crash right after the console unbind (journal left open): vfiokit restore gives the console back', async () => {
  for (const { layout } of LAYOUTS) {
    const h = displayHost(layout);
    try {
      const start = h.state();
      const crash = new Error('crash');
      const p = handover(h).plan;
      await assert.rejects(
        applyPlan(h.writer, p, {
          command: 'test',
          sysfs: { io: h.fake, timeoutMs: 200 },
          // The process dies once the console is unbound: nothing after runs, nothing is undone.
          betweenSteps: (i) => {
            if (describeStep(p.steps[i]).includes('vtconsole')) throw crash;
          },
        }),
        crash,
      );
      assert.equal(readJournal(h.writer)?.state, 'open');
      assert.match(JSON.stringify(h.fake.consoleState()), /frame buffer device bind=0/);
      const out = await restoreJournal(h.writer, {
        command: 'vfiokit restore',
        sysfs: { io: h.fake, timeoutMs: 200 },
      });
      assert.equal(out.res.ok, true, out.res.undoFailed.join('; '));
      assert.deepEqual(h.state(), start, layout);
      assert.equal(readJournal(h.writer)?.state, 'rolled-back');
    } finally {
      h.cleanup();
    }
  }
});

test('handback failing part-way gives the guest its GPU back intact, the journal rolled back', async () => {
  let cases = 0;
  for (let at = 0; ; at++) {
    const h = displayHost();
    try {
      assert.equal((await apply(h, handover(h).plan)).ok, true);
      const start = h.state();
      const writes = h.fake.log.length;
      const p = planHandback(root(h), GPU);
      h.fake.fault = { at: writes + at, kind: 'fail' };
      const r = await apply(h, p.plan);
      if (r.ok) break;
      cases++;
      assert.deepEqual(h.state(), start, `fail at handback write ${at}: ${r.error?.message}`);
      assert.equal(readJournal(h.writer)?.state, 'rolled-back');
    } finally {
      h.cleanup();
    }
  }
  // The framebuffer bind and 6 binding writes; the console's `1` is never written, as fbcon comes
  // back with the framebuffer by itself.
  assert.equal(cases, 7);
});

test('the guard refuses what handover does not end: a process on the GPU when no display manager runs', () => {
  const h = displayHost();
  try {
    const t = new UsageTree(h.dir);
    // No display manager: the X server holding the GPU will not go away by itself.
    t.write('/sys/fs/cgroup/system.slice/gdm3.service/cgroup.procs', '');
    const p = handover(h);
    assert.deepEqual(
      p.refusals.map((f) => `${f.address} ${f.verdict} ${f.what}`),
      [`${GPU} in-use process Xorg (pid 812) has /dev/dri/card0 open`],
    );
    assert.deepEqual(p.plan.steps.map(describeStep).slice(0, 1), [
      'write 0 to /sys/class/vtconsole/vtcon1/bind',
    ]);
    // --force takes it anyway and says so.
    const forced = handover(h, true);
    assert.deepEqual(forced.refusals, []);
    assert.ok(forced.notes.some((n) => n.startsWith('--force: 1 use(s)')));
  } finally {
    h.cleanup();
  }
});

test('handover refuses what is not a GPU, and handback a GPU other than the one handed over', async () => {
  const h = displayHost();
  try {
    assert.throws(
      () => planHandover(root(h), AUDIO, { usage: readHostUsage(root(h)) }),
      /not a display controller/,
    );
    assert.throws(
      () => planHandover(root(h), '0000:09:00.0', { usage: readHostUsage(root(h)) }),
      /no PCI device/,
    );
    assert.throws(() => planHandover(root(h), 'gpu', { usage: readHostUsage(root(h)) }), /not a PCI address/);
    assert.equal((await apply(h, handover(h).plan)).ok, true);
    assert.throws(() => planHandback(root(h), '0000:02:00.0'), /handed over is 0000:01:00\.0/);
  } finally {
    h.cleanup();
  }
});

test('an nvidia GPU on efifb: fbcon and efifb let go, and the holders of nvidia are unloaded before its unbind', async () => {
  const fx = buildFixture({
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', class: 0x060000, vendor: 0x8086, device: 0x4660, group: 0, pcie: false },
          {
            kind: 'root-port',
            acs: true,
            group: 1,
            children: [
              gpuWithAudio({ driver: 'nvidia', audioDriver: 'snd_hda_intel', bootVga: true, groups: 12 }),
            ],
          },
        ],
      },
    ],
  });
  try {
    const t = new UsageTree(fx.dir);
    // nvidia_drm, nvidia_modeset and nvidia_uvm loaded (nvidia_peermem not: it is not unloaded).
    for (const m of ['nvidia', 'nvidia_drm', 'nvidia_modeset', 'nvidia_uvm'])
      t.write(`/sys/module/${m}/refcnt`, '0\n');
    const fb = '/sys/devices/platform/efi-framebuffer.0';
    t.write(`${fb}/modalias`, 'platform:efi-framebuffer\n');
    t.link(`${fb}/driver`, '/sys/bus/platform/drivers/efi-framebuffer');
    fs.mkdirSync(path.join(fx.dir, 'sys/bus/platform/drivers/efi-framebuffer'), { recursive: true });
    t.link('/sys/bus/platform/devices/efi-framebuffer.0', fb);
    t.framebuffer('fb0', fb, 'EFI VGA');
    t.vtconsole(1, '(M) frame buffer device', true);
    const r = new DirHostRoot(fx.dir);
    const p = planHandover(r, '0000:01:00.0', { usage: readHostUsage(r) });
    assert.deepEqual(p.refusals, []);
    assert.deepEqual(p.plan.steps.map(describeStep).slice(0, 6), [
      'write 0 to /sys/class/vtconsole/vtcon1/bind',
      'write efi-framebuffer.0 to /sys/bus/platform/drivers/efi-framebuffer/unbind',
      'run modprobe -r nvidia_drm',
      'run modprobe -r nvidia_modeset',
      'run modprobe -r nvidia_uvm',
      'run modprobe vfio-pci',
    ]);
    assert.ok(
      p.plan.steps.map(describeStep).includes('write 0000:01:00.0 to /sys/bus/pci/drivers/nvidia/unbind'),
    );
    assert.deepEqual(p.record?.modules, ['nvidia_drm', 'nvidia_modeset', 'nvidia_uvm']);
    assert.deepEqual(
      p.ended.map((f) => `${f.kind} ${f.what}`),
      ['console the text console (fbcon) on fb0 (EFI VGA)'],
    );
  } finally {
    fx.cleanup();
  }
});
