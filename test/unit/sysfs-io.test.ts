// DirSysfsIo, the access layer's binding writes, against real files: a write that can block runs
// in a child and is given up on after the timeout (a FIFO with no reader blocks open(2) for ever,
// as a driver's remove() waiting for its user blocks a write to unbind); errors come back as the
// errno the kernel gave; driver and driver_override are read as sysfs shows them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DirSysfsIo, parseOverride } from '../../src/host/sysfs-io.js';
import { scratch } from '../helpers/fake-sysfs.js';

function tree() {
  const dir = fs.mkdtempSync(path.join(scratch(), 'vfiokit-sysfs-io-'));
  const dev = path.join(dir, 'sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0');
  fs.mkdirSync(dev, { recursive: true });
  fs.mkdirSync(path.join(dir, 'sys/bus/pci/devices'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sys/bus/pci/drivers/snd_hda_intel'), { recursive: true });
  fs.symlinkSync(
    '../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0',
    path.join(dir, 'sys/bus/pci/devices/0000:01:00.0'),
  );
  fs.symlinkSync('../../../../bus/pci/drivers/snd_hda_intel', path.join(dev, 'driver'));
  fs.writeFileSync(path.join(dev, 'driver_override'), '(null)\n');
  return { dir, dev };
}

test('reads the driver link and driver_override as sysfs shows them', () => {
  const { dir, dev } = tree();
  try {
    const io = new DirSysfsIo(dir);
    assert.deepEqual(io.binding('0000:01:00.0'), { driver: 'snd_hda_intel', override: null });
    fs.writeFileSync(path.join(dev, 'driver_override'), 'vfio-pci\n');
    fs.rmSync(path.join(dev, 'driver'));
    assert.deepEqual(io.binding('0000:01:00.0'), { driver: null, override: 'vfio-pci' });
    assert.equal(io.binding('0000:09:00.0'), undefined);
    assert.equal(io.binding('../../etc'), undefined);
    assert.equal(io.driverLoaded('snd_hda_intel'), true);
    assert.equal(io.driverLoaded('vfio-pci'), false);
    assert.equal(parseOverride('(null)\n'), null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a blocking write times out in its child and names no success; plain and child writes land', async () => {
  const { dir, dev } = tree();
  try {
    const io = new DirSysfsIo(dir);
    const fifo = path.join(dir, 'sys/bus/pci/drivers/snd_hda_intel/unbind');
    execFileSync('mkfifo', [fifo]);
    const r = await io.write('/sys/bus/pci/drivers/snd_hda_intel/unbind', '0000:01:00.0', {
      timeoutMs: 300,
      mayBlock: true,
    });
    assert.equal(r.ok, false);
    assert.equal(r.timedOut, true);
    const ok = await io.write('/sys/bus/pci/devices/0000:01:00.0/driver_override', 'vfio-pci', {
      timeoutMs: 1000,
      mayBlock: true,
    });
    assert.deepEqual(ok, { ok: true });
    assert.equal(fs.readFileSync(path.join(dev, 'driver_override'), 'utf8'), 'vfio-pci');
    const plain = await io.write('/sys/bus/pci/devices/0000:01:00.0/driver_override', '\n', {
      timeoutMs: 1000,
      mayBlock: false,
    });
    assert.deepEqual(plain, { ok: true });
    const missing = await io.write('/sys/bus/pci/drivers/nope/bind', '0000:01:00.0', {
      timeoutMs: 1000,
      mayBlock: false,
    });
    assert.deepEqual(missing, { ok: false, error: 'ENOENT' });
    const missingChild = await io.write('/sys/bus/pci/drivers/nope/bind', '0000:01:00.0', {
      timeoutMs: 1000,
      mayBlock: true,
    });
    assert.equal(missingChild.ok, false);
    assert.match(missingChild.error ?? '', /nonexistent|No such file/i);
    await assert.rejects(io.write('/etc/passwd', 'x', { timeoutMs: 1, mayBlock: false }), /not a sysfs path/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
