// Where a scan takes a device's IDs from: config space where the kernel took them from config
// (a bridge's subsystem IDs from its Subsystem ID capability, a VF's from its PF's SR-IOV
// capability), the sysfs attributes where config cannot say. The oracle is the kernel's own
// attributes: in the lab snapshots (a real kernel) and in the fixture builder's trees, which
// write them as the kernel does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readPciDevices, scanPciDevices } from '../../src/host/pci-sysfs.js';
import { openRoot } from '../../src/host/root.js';
import { desktop } from '../helpers/fixture-builder.js';
import { fixtureScope } from '../helpers/fixture-scope.js';

const build = fixtureScope();

const LABS = ['lab-desktop', 'lab-legacy', 'lab-noacs', 'lab-server'];
const labDir = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', name, 'snapshot');
const attr = (dir: string, sysfsPath: string, name: string) =>
  parseInt(fs.readFileSync(path.join(dir, sysfsPath, name), 'utf8'), 16);

test("lab snapshots: every device's IDs equal the kernel's attributes, bridges included", () => {
  let bridges = 0;
  let devices = 0;
  for (const lab of LABS) {
    const dir = labDir(lab);
    for (const facts of ['all', 'grouping'] as const) {
      const scan = scanPciDevices(openRoot(dir), { facts });
      assert.equal(scan.unreadable.length, 0, lab);
      for (const d of scan.devices) {
        const want = ['vendor', 'device', 'subsystem_vendor', 'subsystem_device'].map((a) =>
          attr(dir, d.sysfsPath, a),
        );
        assert.deepEqual(
          [d.vendorId, d.deviceId, d.subsystemVendorId, d.subsystemDeviceId],
          want,
          `${lab} ${d.address} (${facts})`,
        );
        if (facts === 'all') {
          devices++;
          if (d.headerType === 1) bridges++;
        }
      }
    }
  }
  // QEMU's root ports carry a Subsystem ID capability (1b36:0000), its other bridges none (0:0):
  // both cases are among these.
  assert.equal(devices, 49);
  assert.equal(bridges, 13);
});

test('SR-IOV: VF IDs from the PF (vendor, VF Device ID) equal the kernel attributes; a VF whose attributes say otherwise is not read', () => {
  const fx = build(desktop);
  const vfDirs = fx.devices.filter((d) => /^0000:05:00\.[1-3]$/.test(d.address));
  assert.equal(vfDirs.length, 3);
  const before = readPciDevices(fx.root).filter((d) => d.physfn);
  assert.equal(before.length, 3);
  for (const d of before) {
    assert.deepEqual(
      [d.vendorId, d.deviceId, d.subsystemVendorId, d.subsystemDeviceId],
      ['vendor', 'device', 'subsystem_vendor', 'subsystem_device'].map((a) => attr(fx.dir, d.sysfsPath, a)),
      d.address,
    );
  }
  // The attributes are no longer read for a VF whose PF's config says its IDs: damage to them
  // changes nothing (the kernel's own values are pdev->vendor/device, set from the PF).
  for (const v of vfDirs) {
    for (const a of ['vendor', 'device', 'subsystem_vendor', 'subsystem_device'])
      fs.writeFileSync(path.join(fx.dir, v.sysfsPath, a), 'zz\n');
  }
  const after = readPciDevices(fx.root).filter((d) => d.physfn);
  assert.deepEqual(
    after.map((d) => [d.address, d.vendorId, d.deviceId]),
    before.map((d) => [d.address, d.vendorId, d.deviceId]),
  );
});

test('SR-IOV without the PF config (a non-root snapshot): VF IDs come from the attributes', () => {
  const fx = build({ ...desktop, nonRoot: true });
  const vfs = readPciDevices(fx.root).filter((d) => d.physfn === '0000:05:00.0');
  assert.deepEqual(
    vfs.map((d) => [d.address, d.vendorId, d.deviceId]),
    [
      ['0000:05:00.1', 0x8086, 0x10ed],
      ['0000:05:00.2', 0x8086, 0x10ed],
      ['0000:05:00.3', 0x8086, 0x10ed],
    ],
  );
  // With only 64 bytes of config, the PF's SR-IOV capability is out of sight: a damaged VF
  // attribute is then reported, not replaced by a guess.
  const vf = fx.devices.find((d) => d.address === '0000:05:00.2')!;
  fs.writeFileSync(path.join(fx.dir, vf.sysfsPath, 'vendor'), 'zz\n');
  const scan = scanPciDevices(fx.root);
  assert.equal(
    scan.devices.find((d) => d.address === '0000:05:00.2'),
    undefined,
  );
  assert.match(scan.unreadable.find((u) => u.address === '0000:05:00.2')?.reason ?? '', /malformed vendor/);
});

test('a bridge whose capability list cannot be read whole keeps the kernel attributes for its subsystem IDs', () => {
  const fx = build({ ...desktop, nonRoot: true });
  const bridges = readPciDevices(fx.root).filter((d) => d.headerType === 1);
  assert.ok(bridges.length >= 3);
  for (const b of bridges) {
    assert.deepEqual(
      [b.subsystemVendorId, b.subsystemDeviceId],
      [attr(fx.dir, b.sysfsPath, 'subsystem_vendor'), attr(fx.dir, b.sysfsPath, 'subsystem_device')],
      b.address,
    );
  }
});
