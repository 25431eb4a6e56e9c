// The binding engine over a simulated sysfs (test/helpers/fake-sysfs.ts) made from the lab's real
// snapshots: what bind takes and why, the kernel's write sequence, the record, and release giving
// each device back to the driver the snapshot's kernel had bound it to (lab truth.json).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { applyPlan, readJournal } from '../../src/actions/apply.js';
import { planBind, planRelease, readBoundRecord } from '../../src/actions/bind.js';
import { describeStep } from '../../src/actions/plan.js';
import { fakeHost } from '../helpers/fake-sysfs.js';

const truth = (lab: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/lab-${lab}/truth.json`, import.meta.url), 'utf8')) as {
    devices: { bdf: string; driver: string | null }[];
  };
const spec = (items: string[], groups: number[] = []) => ({ items, groups, gpu: false });

test('bind the desktop GPU: its audio function comes along, the root port stays; release gives both back', async () => {
  const h = fakeHost('desktop');
  try {
    const start = h.fake.state();
    const p = planBind(h.root(), spec(['0000:01:00.0']), { force: true });
    assert.deepEqual(
      p.devices.map((d) => [d.address, d.driver, d.action]),
      [
        ['0000:01:00.0', 'bochs-drm', 'bind'],
        ['0000:01:00.1', 'snd_hda_intel', 'bind'],
      ],
    );
    assert.match(p.devices[1].why, /audio function of 0000:01:00\.0/);
    assert.deepEqual(p.plan.steps.map(describeStep), [
      'run modprobe vfio-pci',
      'write 0000:01:00.0 to /sys/bus/pci/drivers/bochs-drm/unbind',
      'write vfio-pci to /sys/bus/pci/devices/0000:01:00.0/driver_override',
      'write 0000:01:00.0 to /sys/bus/pci/drivers_probe',
      'write 0000:01:00.1 to /sys/bus/pci/drivers/snd_hda_intel/unbind',
      'write vfio-pci to /sys/bus/pci/devices/0000:01:00.1/driver_override',
      'write 0000:01:00.1 to /sys/bus/pci/drivers_probe',
      'create /run/vfiokit/bound.json',
    ]);
    const r = await applyPlan(h.writer, p.plan, {
      command: 'test bind',
      sysfs: { io: h.fake, timeoutMs: 1000 },
    });
    assert.equal(r.ok, true, r.error?.message);
    assert.equal(h.fake.state()['0000:01:00.0'], 'vfio-pci vfio-pci');
    assert.equal(h.fake.state()['0000:01:00.1'], 'vfio-pci vfio-pci');
    assert.equal(readJournal(h.writer)?.state, 'closed');
    const rec = readBoundRecord(h.root()).record;
    assert.equal(rec.sets.length, 1);
    assert.deepEqual(
      rec.sets[0].devices.map((d) => [d.address, d.driver, d.override]),
      [
        ['0000:01:00.0', 'bochs-drm', null],
        ['0000:01:00.1', 'snd_hda_intel', null],
      ],
    );

    // Release by the audio function alone takes the whole set.
    const rp = planRelease(h.root(), spec(['0000:01:00.1']));
    assert.deepEqual(
      rp.devices.map((d) => [d.address, d.action, d.to]),
      [
        ['0000:01:00.0', 'release', 'bochs-drm'],
        ['0000:01:00.1', 'release', 'snd_hda_intel'],
      ],
    );
    const rr = await applyPlan(h.writer, rp.plan, {
      command: 'test release',
      sysfs: { io: h.fake, timeoutMs: 1000 },
    });
    assert.equal(rr.ok, true, rr.error?.message);
    // Every device as the real kernel had it at boot (the lab's truth), overrides unset.
    const t = truth('desktop').devices;
    assert.equal(t.length, Object.keys(start).length);
    for (const d of t) assert.equal(h.fake.state()[d.bdf], `${d.driver ?? '-'} (null)`, d.bdf);
    assert.deepEqual(h.fake.state(), start);
    assert.equal(fs.existsSync(`${h.dir}/run/vfiokit/bound.json`), false);
  } finally {
    h.cleanup();
  }
});

test('bind refuses a network controller without --force, and a device vfio-pci would refuse fails and is undone', async () => {
  const h = fakeHost('desktop');
  try {
    assert.throws(
      () => planBind(h.root(), spec(['0000:02:00.0'])),
      /refusing to bind: 0000:02:00\.0 is a network controller/,
    );
    const start = h.fake.state();
    // A bridge named by --group is left out; naming a bridge's address is the one way to try it.
    const p = planBind(h.root(), spec(['0000:00:02.0']), { force: true });
    const r = await applyPlan(h.writer, p.plan, { command: 'test', sysfs: { io: h.fake, timeoutMs: 1000 } });
    assert.equal(r.ok, false);
    assert.match(r.error?.message ?? '', /0000:00:02\.0 is on no driver after drivers_probe, not vfio-pci/);
    assert.deepEqual(h.fake.state(), start);
    assert.ok(r.undone.includes('bound 0000:00:02.0 to pcieport'), r.undone.join('\n'));
  } finally {
    h.cleanup();
  }
});
