// The simulated sysfs follows the kernel's binding rules (drivers/pci/pci-driver.c, drivers/base/
// bus.c and dd.c; Documentation/ABI/testing/sysfs-bus-pci) on the lab's legacy snapshot, whose
// RTL8139 two drivers (8139cp, 8139too) can take: driver_override decides who may probe, new_id
// catches every driverless device with the ID, unbind/bind answer ENODEV/EBUSY as the kernel
// does, and vfio-pci refuses a bridge. The lab checks the engine's own paths on the real kernel.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fakeHost } from '../helpers/fake-sysfs.js';

const w = { timeoutMs: 100 };

test('binding rules: unbind, drivers_probe with and without driver_override, bind, new_id, remove_id', async () => {
  const h = fakeHost('legacy');
  const f = h.fake;
  try {
    const nic = '0000:02:01.0';
    const edu = '0000:02:02.0';
    const bridge = '0000:01:00.0';
    f.addMatch('8139too', 0x10ec, 0x8139);
    f.loadDriver('vfio-pci');
    assert.deepEqual(f.binding(nic), { driver: '8139cp', override: null });
    // unbind: only the driver that has it.
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/8139too/unbind', nic, w), {
      ok: false,
      error: 'ENODEV',
    });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/8139cp/unbind', nic, w), { ok: true });
    assert.equal(f.binding(nic)?.driver, null);
    // The driver link in the tree follows.
    assert.equal(fs.existsSync(path.join(h.dir, 'sys/bus/pci/devices', nic, 'driver')), false);
    // driver_override: only the named driver may take it, on drivers_probe; setting it binds nothing.
    assert.deepEqual(await f.write(`/sys/bus/pci/devices/${nic}/driver_override`, '8139too\n', w), {
      ok: true,
    });
    assert.deepEqual(f.binding(nic), { driver: null, override: '8139too' });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/8139cp/bind', nic, w), {
      ok: false,
      error: 'ENODEV',
    });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers_probe', nic, w), { ok: true });
    assert.equal(f.binding(nic)?.driver, '8139too');
    assert.equal(
      path.basename(fs.readlinkSync(path.join(h.dir, 'sys/bus/pci/devices', nic, 'driver'))),
      '8139too',
    );
    assert.equal(
      fs.readFileSync(path.join(h.dir, 'sys/bus/pci/devices', nic, 'driver_override'), 'utf8'),
      '8139too\n',
    );
    // bind while bound: EBUSY; drivers_probe on a bound device: nothing happens, no error.
    await f.write(`/sys/bus/pci/devices/${nic}/driver_override`, '\n', w);
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/8139cp/bind', nic, w), {
      ok: false,
      error: 'EBUSY',
    });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers_probe', nic, w), { ok: true });
    assert.equal(f.binding(nic)?.driver, '8139too');
    // Without an override the first matching driver in bus order takes it (8139cp here).
    await f.write('/sys/bus/pci/drivers/8139too/unbind', nic, w);
    await f.write('/sys/bus/pci/drivers_probe', nic, w);
    assert.equal(f.binding(nic)?.driver, '8139cp');
    // vfio-pci's table matches nothing without an override or a dynamic ID.
    assert.deepEqual(await f.write('/sys/bus/pci/drivers_probe', edu, w), { ok: true });
    assert.equal(f.binding(edu)?.driver, null);
    // new_id: probes every driverless device with the ID; again EEXIST; remove_id, then ENODEV.
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/vfio-pci/new_id', '1234 11e8', w), { ok: true });
    assert.equal(f.binding(edu)?.driver, 'vfio-pci');
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/vfio-pci/new_id', '1234 11e8', w), {
      ok: false,
      error: 'EEXIST',
    });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/vfio-pci/remove_id', '1234 11e8', w), { ok: true });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/vfio-pci/remove_id', '1234 11e8', w), {
      ok: false,
      error: 'ENODEV',
    });
    assert.equal(f.binding(edu)?.driver, 'vfio-pci', 'remove_id unbinds nothing');
    // vfio-pci refuses a bridge (vfio_pci_probe: only normal headers).
    await f.write(`/sys/bus/pci/devices/${bridge}/driver_override`, 'vfio-pci', w);
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/vfio-pci/bind', bridge, w), {
      ok: false,
      error: 'EINVAL',
    });
    await f.write('/sys/bus/pci/drivers_probe', bridge, w);
    assert.equal(f.binding(bridge)?.driver, null);
    // A page or more is refused; an unknown device is ENODEV.
    assert.deepEqual(await f.write(`/sys/bus/pci/devices/${nic}/driver_override`, 'x'.repeat(4096), w), {
      ok: false,
      error: 'EINVAL',
    });
    assert.deepEqual(await f.write('/sys/bus/pci/drivers_probe', '0000:07:00.0', w), {
      ok: false,
      error: 'ENODEV',
    });
    // Injected faults: a failing write and a blocking one change nothing.
    const before = f.state();
    f.fault = { at: f.log.length, kind: 'fail' };
    assert.deepEqual(await f.write('/sys/bus/pci/drivers/8139cp/unbind', nic, w), {
      ok: false,
      error: 'EIO',
    });
    f.fault = { at: f.log.length, kind: 'block' };
    const b = await f.write('/sys/bus/pci/drivers/8139cp/unbind', nic, w);
    assert.equal(b.timedOut, true);
    assert.deepEqual(f.state(), before);
  } finally {
    h.cleanup();
  }
});
