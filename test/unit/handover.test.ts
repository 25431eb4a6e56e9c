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
import { applyPlan, type InterruptSource, readJournal } from '../../src/actions/apply.js';
import { planHandback, planHandover } from '../../src/actions/handover.js';
import { describeStep } from '../../src/actions/plan.js';
import { DirHostRoot } from '../../src/host/root.js';
import { readHostUsage } from '../../src/host/usage.js';
import { AUDIO, type DisplayHost, displayHost, GPU } from '../helpers/display-host.js';
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

test('handover then handback: the host ends exactly where it started', async () => {
  const h = displayHost();
  try {
    const start = h.state();
    const r = await apply(h, handover(h).plan);
    assert.equal(r.ok, true, r.error?.message);
    assert.deepEqual(h.state(), {
      pci: { ...(start.pci as object), [GPU]: 'vfio-pci vfio-pci', [AUDIO]: 'vfio-pci vfio-pci' },
      vtcon1: '0\n',
      fb: false,
      dm: false,
      bound: true,
      handover: true,
    });
    // A second handover is refused while one is in place.
    assert.throws(() => handover(h), /already handed over/);
    const back = planHandback(root(h), GPU);
    assert.deepEqual(back.plan.steps.map(describeStep), [
      'write simple-framebuffer.0 to /sys/bus/platform/drivers/simple-framebuffer/bind',
      `write ${GPU} to /sys/bus/pci/drivers/vfio-pci/unbind`,
      `write '\\n' (clear) to /sys/bus/pci/devices/${GPU}/driver_override`,
      `write ${GPU} to /sys/bus/pci/drivers/bochs-drm/bind`,
      `write ${AUDIO} to /sys/bus/pci/drivers/vfio-pci/unbind`,
      `write '\\n' (clear) to /sys/bus/pci/devices/${AUDIO}/driver_override`,
      `write ${AUDIO} to /sys/bus/pci/drivers/snd_hda_intel/bind`,
      'remove /run/vfiokit/bound.json',
      'write 1 to /sys/class/vtconsole/vtcon1/bind',
      'run systemctl start gdm3.service',
      'remove /run/vfiokit/handover.json',
    ]);
    const rb = await apply(h, back.plan);
    assert.equal(rb.ok, true, rb.error?.message);
    assert.deepEqual(h.state(), start);
    assert.throws(() => planHandback(root(h), GPU), /nothing to hand back/);
  } finally {
    h.cleanup();
  }
});

test('every write and every command failing in turn, or a write timing out: handover leaves the start state', async () => {
  let cases = 0;
  for (const kind of ['fail', 'block'] as const) {
    for (let at = 0; ; at++) {
      const h = displayHost();
      try {
        const start = h.state();
        const p = handover(h);
        h.fake.fault = { at, kind };
        const r = await apply(h, p.plan);
        if (r.ok) {
          // The fault index is past the last write: every write position has been tried.
          assert.ok(at >= 8, `only ${at} writes`);
          break;
        }
        cases++;
        assert.deepEqual(h.state(), start, `${kind} at write ${at}: ${r.error?.message}`);
        assert.equal(readJournal(h.writer)?.state, 'rolled-back');
        assert.deepEqual(r.undoFailed, []);
      } finally {
        h.cleanup();
      }
    }
  }
  for (let at = 0; at < 2; at++) {
    const h = displayHost();
    try {
      const start = h.state();
      const p = handover(h);
      h.failCommandAt = at;
      const r = await apply(h, p.plan);
      assert.equal(r.ok, false);
      cases++;
      assert.deepEqual(h.state(), start, `command ${at}: ${r.error?.message}`);
    } finally {
      h.cleanup();
    }
  }
  // 8 sysfs writes, each failing and each blocking, and 2 commands.
  assert.equal(cases, 18);
});

test('a signal between any two steps of handover or handback undoes what was done', async () => {
  const n = HANDOVER_STEPS.length;
  for (const which of ['handover', 'handback'] as const) {
    for (let k = 0; k < n - 1; k++) {
      const h = displayHost();
      try {
        if (which === 'handback') assert.equal((await apply(h, handover(h).plan)).ok, true);
        const start = h.state();
        const p = which === 'handover' ? handover(h) : planHandback(root(h), undefined);
        if (k >= p.plan.steps.length - 1) continue;
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
        assert.equal(r.signal, 'SIGTERM', `${which} after step ${k}`);
        assert.deepEqual(h.state(), start, `${which}: signal after step ${k}`);
      } finally {
        h.cleanup();
      }
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
  assert.ok(cases >= 8, `${cases} cases`);
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
