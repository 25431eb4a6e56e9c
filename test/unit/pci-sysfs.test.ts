// The PCI model read from fixture-built sysfs trees: every topology case issue 3 names.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { VfiokitError } from '../../src/errors.js';
import {
  completePciDevices,
  readPciDevice,
  readPciDevices,
  scanPciDevices,
} from '../../src/host/pci-sysfs.js';
import { CLASS, desktop, vanishingRoot } from '../helpers/fixture-builder.js';
import { fixtureScope } from '../helpers/fixture-scope.js';

const build = fixtureScope();

test('lists every device in kernel order with IDs, class, drivers and groups (gaps kept)', () => {
  const fx = build(desktop);
  const devs = readPciDevices(fx.root);
  assert.deepEqual(
    devs.map((d) => d.address),
    [
      '0000:00:00.0',
      '0000:00:01.0',
      '0000:00:02.0',
      '0000:00:03.0',
      '0000:00:0e.0',
      '0000:01:00.0',
      '0000:01:00.1',
      '0000:02:00.0',
      '0000:03:00.0',
      '0000:03:01.0',
      '0000:04:00.0',
      '0000:05:00.0',
      '0000:05:00.1',
      '0000:05:00.2',
      '0000:05:00.3',
      '0000:06:00.0',
      '0000:07:00.0',
      '0000:07:01.0',
      '10000:e0:06.0',
      '10000:e1:00.0',
    ],
  );
  const groups = [...new Set(devs.map((d) => d.iommuGroup))].sort((a, b) => a! - b!);
  assert.deepEqual(groups, [0, 2, 3, 5, 7, 9, 12, 13, 14, 20, 21, 22]);
  const nvme = devs.find((d) => d.address === '0000:04:00.0')!;
  assert.equal(nvme.vendorId, 0x144d);
  assert.equal(nvme.deviceId, 0xa808);
  assert.equal(nvme.classCode, CLASS.nvme);
  assert.equal(nvme.driver, 'nvme');
  assert.equal(nvme.numaNode, 0);
  assert.deepEqual(nvme.resetMethods, ['flr', 'bus']);
  assert.equal(nvme.driverOverride, undefined, '"(null)" means no override');
  assert.deepEqual(nvme.link, {
    currentSpeed: '8.0 GT/s PCIe',
    currentWidth: 16,
    maxSpeed: '8.0 GT/s PCIe',
    maxWidth: 16,
  });
  assert.equal(
    devs.find((d) => d.address === '0000:00:00.0')!.numaNode,
    undefined,
    'numa_node -1 means none',
  );
});

test('root ports with and without ACS: capability and control bits decoded', () => {
  const devs = readPciDevices(build(desktop).root);
  const withAcs = devs.find((d) => d.address === '0000:00:01.0')!;
  const without = devs.find((d) => d.address === '0000:00:02.0')!;
  assert.equal(withAcs.pcie?.portType, 'root-port');
  assert.equal(withAcs.pcie?.slotImplemented, true);
  assert.equal(withAcs.driver, 'pcieport');
  assert.ok(withAcs.acs);
  assert.equal(withAcs.acs.offset, 0x100);
  assert.equal(withAcs.acs.capRegister, 0x1f);
  assert.equal(withAcs.acs.ctrlRegister, 0x1d);
  assert.deepEqual(withAcs.acs.sourceValidation, { capable: true, enabled: true });
  assert.deepEqual(withAcs.acs.translationBlocking, { capable: true, enabled: false });
  assert.deepEqual(withAcs.acs.requestRedirect, { capable: true, enabled: true });
  assert.deepEqual(withAcs.acs.egressControl, { capable: false, enabled: false });
  assert.equal(without.pcie?.portType, 'root-port');
  assert.equal(without.acs, undefined);
  assert.ok(!without.capabilities.some((c) => c.extended && c.id === 0x0d));
  assert.deepEqual(withAcs.bridge, { primaryBus: 0, secondaryBus: 1, subordinateBus: 1 });
  assert.deepEqual(without.bridge, { primaryBus: 0, secondaryBus: 2, subordinateBus: 5 });
});

test('GPU + HDMI audio: one multifunction device, boot_vga, ROM, capabilities', () => {
  const devs = readPciDevices(build(desktop).root);
  const gpu = devs.find((d) => d.address === '0000:01:00.0')!;
  const audio = devs.find((d) => d.address === '0000:01:00.1')!;
  assert.equal(gpu.multifunction, true);
  assert.equal(audio.multifunction, true);
  assert.equal(gpu.classCode >> 8, 0x0300);
  assert.equal(audio.classCode >> 8, 0x0403);
  assert.equal(gpu.bootVga, true);
  assert.equal(audio.bootVga, undefined, 'boot_vga exists only on VGA devices');
  assert.equal(gpu.hasRom, true);
  assert.equal(audio.hasRom, false);
  assert.equal(gpu.driver, 'vfio-pci');
  assert.equal(audio.driver, 'snd_hda_intel');
  assert.deepEqual(gpu.upstream, ['0000:00:01.0']);
  assert.equal(gpu.sysfsPath, '/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0');
  assert.deepEqual(
    gpu.capabilities.map((c) => [c.offset, c.id, c.extended]),
    [
      [0x40, 0x01, false],
      [0x48, 0x05, false],
      [0x60, 0x10, false],
      [0x9c, 0x09, false],
      [0x100, 0x15, true],
    ],
  );
  const rebar = gpu.capabilities.find((c) => c.id === 0x15 && c.extended)!;
  assert.deepEqual(rebar.details, {
    bars: [
      {
        bar: 0,
        supported: ['256MB', '512MB', '1GB', '2GB', '4GB', '8GB', '16GB', '32GB'],
        current: '256MB',
      },
    ],
  });
  assert.equal(gpu.pcie?.flr, false);
  assert.deepEqual(gpu.pcie?.link, { maxSpeedGTs: 8, maxWidth: 16, speedGTs: 8, width: 16 });
});

test('a PCIe switch: upstream and downstream port types, bridge chain through the switch', () => {
  const devs = readPciDevices(build(desktop).root);
  const by = (a: string) => devs.find((d) => d.address === a)!;
  assert.equal(by('0000:02:00.0').pcie?.portType, 'upstream-port');
  assert.equal(by('0000:03:00.0').pcie?.portType, 'downstream-port');
  assert.equal(by('0000:03:01.0').pcie?.portType, 'downstream-port');
  assert.equal(by('0000:03:00.0').acs, undefined);
  assert.equal(by('0000:03:01.0').acs?.ctrlRegister, 0x1d);
  assert.deepEqual(by('0000:04:00.0').upstream, ['0000:00:02.0', '0000:02:00.0', '0000:03:00.0']);
  assert.equal(by('0000:04:00.0').pcie?.portType, 'endpoint');
});

test('PCIe-to-PCI bridge with conventional devices behind it', () => {
  const devs = readPciDevices(build(desktop).root);
  const by = (a: string) => devs.find((d) => d.address === a)!;
  assert.equal(by('0000:06:00.0').pcie?.portType, 'pcie-to-pci-bridge');
  assert.equal(by('0000:06:00.0').headerType, 1);
  assert.equal(by('0000:06:00.0').driver, undefined, 'pcieport does not bind PCIe-to-PCI bridges');
  for (const a of ['0000:07:00.0', '0000:07:01.0']) {
    const d = by(a);
    assert.equal(d.pcie, undefined, `${a} is conventional PCI`);
    assert.equal(d.config?.bytes.length, 256);
    assert.equal(d.config?.truncated, false);
    assert.equal(d.config?.unknown, undefined);
    assert.equal(d.link, undefined);
    assert.deepEqual(d.upstream, ['0000:00:03.0', '0000:06:00.0']);
    assert.equal(d.iommuGroup, 13);
  }
});

test('SR-IOV: PF totals, VF links both ways, VFs read IDs from sysfs (their registers read 0xffff)', () => {
  const devs = readPciDevices(build(desktop).root);
  const pf = devs.find((d) => d.address === '0000:05:00.0')!;
  assert.deepEqual(pf.sriov, {
    totalVfs: 8,
    numVfs: 3,
    vfs: ['0000:05:00.1', '0000:05:00.2', '0000:05:00.3'],
  });
  const sriovCap = pf.capabilities.find((c) => c.extended && c.id === 0x10)!;
  assert.equal(sriovCap.details?.totalVfs, 8);
  assert.equal(sriovCap.details?.numVfs, 3);
  assert.equal(sriovCap.details?.vfEnable, true);
  assert.equal(sriovCap.details?.vfDeviceId, '10ed');
  const msix = pf.capabilities.find((c) => !c.extended && c.id === 0x11)!;
  assert.equal(msix.details?.tableSize, 64);
  const vfs = devs.filter((d) => d.physfn === '0000:05:00.0');
  assert.deepEqual(
    vfs.map((v) => [v.address, v.deviceId, v.vendorId, v.driver, v.iommuGroup]),
    [
      ['0000:05:00.1', 0x10ed, 0x8086, 'ixgbevf', 20],
      ['0000:05:00.2', 0x10ed, 0x8086, 'ixgbevf', 21],
      ['0000:05:00.3', 0x10ed, 0x8086, 'ixgbevf', 22],
    ],
  );
  assert.equal(vfs[0].config?.bytes[0], 0xff);
});

test('PCI domain 10000 (Intel VMD): wide domain addresses, chain through the VMD endpoint', () => {
  const fx = build(desktop);
  const d = readPciDevice(fx.root, '10000:e1:00.0');
  assert.equal(d.addr.domain, 0x10000);
  assert.deepEqual(d.upstream, ['0000:00:0e.0', '10000:e0:06.0']);
  assert.equal(d.sysfsPath, '/sys/devices/pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0/10000:e1:00.0');
  assert.equal(readPciDevice(fx.root, '01:00.1').address, '0000:01:00.1', 'short form means domain 0');
});

test('the tree has the kernel layout: relative, depth-correct links', () => {
  const fx = build(desktop);
  const s = (p: string) => fs.readlinkSync(path.join(fx.dir, p));
  assert.equal(
    s('sys/bus/pci/devices/0000:04:00.0'),
    '../../../devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:00.0/0000:04:00.0',
  );
  const dev = 'sys/devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:00.0/0000:04:00.0';
  assert.equal(s(`${dev}/driver`), '../../../../../../bus/pci/drivers/nvme');
  assert.equal(s(`${dev}/iommu_group`), '../../../../../../kernel/iommu_groups/7');
  assert.equal(
    s('sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/driver'),
    '../../../../bus/pci/drivers/vfio-pci',
  );
  assert.equal(
    s('sys/kernel/iommu_groups/7/devices/0000:04:00.0'),
    '../../../../devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:00.0/0000:04:00.0',
  );
  const pfDir = 'sys/devices/pci0000:00/0000:00:02.0/0000:02:00.0/0000:03:01.0/0000:05:00.0';
  assert.equal(s(`${pfDir}/virtfn1`), '../0000:05:00.2');
  assert.equal(s(`${pfDir.replace(/0000:05:00\.0$/, '0000:05:00.2')}/physfn`), '../0000:05:00.0');
  // Every link resolves inside the tree.
  for (const a of fs.readdirSync(path.join(fx.dir, 'sys/bus/pci/devices'))) {
    const real = fs.realpathSync(path.join(fx.dir, 'sys/bus/pci/devices', a));
    assert.ok(real.startsWith(fs.realpathSync(fx.dir)), a);
    for (const l of ['driver', 'iommu_group', 'subsystem']) {
      const p = path.join(real, l);
      if (fs.existsSync(p)) assert.ok(fs.realpathSync(p).startsWith(fs.realpathSync(fx.dir)), `${a}/${l}`);
    }
  }
});

test('a device that vanished before the scan reads it has no record, and the scan says why', () => {
  const fx = build({
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', class: CLASS.hostBridge },
          { kind: 'endpoint', class: CLASS.ethernet, gone: true },
          { kind: 'endpoint', class: CLASS.usbXhci },
        ],
      },
    ],
  });
  assert.equal(fs.readdirSync(path.join(fx.dir, 'sys/bus/pci/devices')).length, 3);
  assert.deepEqual(
    readPciDevices(fx.root).map((d) => d.address),
    ['0000:00:00.0', '0000:00:02.0'],
  );
  // Its bus link is still there: it is not absent but unreadable, and the scan keeps the reason
  // so that a group listing it is not judged without it.
  const scan = scanPciDevices(fx.root);
  assert.equal(scan.unreadable.length, 1);
  assert.equal(scan.unreadable[0].address, '0000:00:01.0');
  assert.match(scan.unreadable[0].reason, /0000:00:01\.0 leads to .*, which does not exist$/);
  assert.throws(
    () => readPciDevice(fx.root, '0000:00:01.0'),
    (e: unknown) => e instanceof VfiokitError && e.code === 'host.io' && /does not exist/.test(e.message),
  );
});

test('a device removed between listing the bus and reading it is skipped', () => {
  const fx = build(desktop);
  const all = readPciDevices(fx.root).length;
  const devs = readPciDevices(vanishingRoot(fx, '0000:01:00.1'));
  assert.equal(devs.length, all - 1);
  assert.ok(!devs.some((d) => d.address === '0000:01:00.1'));
});

test('non-root read (64-byte config): header known, capabilities reported unknown, not guessed', () => {
  const fx = build({ ...desktop, nonRoot: true });
  const devs = readPciDevices(fx.root);
  for (const d of devs) {
    assert.equal(d.config?.bytes.length, 64, d.address);
    assert.equal(d.config?.truncated, true);
    assert.deepEqual(d.config?.unknown, ['capabilities', 'extended capabilities'], d.address);
    assert.deepEqual(d.capabilities, []);
    assert.equal(d.pcie, undefined);
    assert.equal(d.acs, undefined);
    assert.notEqual(d.headerType, undefined);
  }
  const gpu = devs.find((d) => d.address === '0000:01:00.0')!;
  assert.equal(gpu.multifunction, true);
  assert.equal(gpu.headerType, 0);
  assert.equal(devs.find((d) => d.address === '0000:00:01.0')!.bridge?.secondaryBus, 1);
  // Facts that come from sysfs attributes, not config space, are still there.
  assert.equal(gpu.iommuGroup, 5);
  assert.equal(gpu.driver, 'vfio-pci');
  assert.equal(devs.find((d) => d.address === '0000:05:00.0')!.sriov?.totalVfs, 8);
});

test('driver_override and a missing iommu_group (IOMMU off)', () => {
  const fx = build({
    rootComplexes: [{ devices: [{ kind: 'endpoint', class: CLASS.vga, driverOverride: 'vfio-pci' }] }],
  });
  const d = readPciDevice(fx.root, '0000:00:00.0');
  assert.equal(d.driverOverride, 'vfio-pci');
  assert.equal(d.iommuGroup, undefined);
  assert.equal(d.bootVga, false);
});

test('a damaged snapshot: bad devices are skipped with a reason, EIO-like config reads leave config unknown', () => {
  const fx = build(desktop);
  const dev = (a: string) => path.join(fx.dir, fx.byAddress.get(a)!.sysfsPath);
  // IDs come from config space when it is readable; the class attribute is always read.
  fs.writeFileSync(path.join(dev('0000:00:02.0'), 'class'), '\xff\xfe garbage\n');
  fs.rmSync(path.join(dev('0000:00:01.0'), 'config'));
  fs.mkdirSync(path.join(dev('0000:00:01.0'), 'config')); // reading it fails with EISDIR
  const busLink = path.join(fx.dir, 'sys/bus/pci/devices/0000:00:0e.0');
  fs.rmSync(busLink);
  fs.symlinkSync('0000:00:0e.0', busLink); // ELOOP
  const skipped: string[] = [];
  const devs = readPciDevices(fx.root, { onSkip: (a, why) => skipped.push(`${a}: ${why}`) });
  assert.deepEqual(skipped, [
    '0000:00:02.0: malformed class attribute in /sys/bus/pci/devices/0000:00:02.0',
    '0000:00:0e.0: /sys/bus/pci/devices/0000:00:0e.0 is a loop of symbolic links',
  ]);
  assert.equal(devs.length, 18);
  const rp = devs.find((d) => d.address === '0000:00:01.0')!;
  assert.equal(rp.config, undefined);
  assert.equal(rp.driver, 'pcieport');
  assert.throws(() => readPciDevice(fx.root, '0000:00:02.0'), /malformed class attribute/);
});

test("facts 'grouping': the same records without the facts grouping never reads", () => {
  const fx = build(desktop);
  const full = readPciDevices(fx.root);
  const grouping = readPciDevices(fx.root, { facts: 'grouping' });
  const left = ['numaNode', 'driverOverride', 'resetMethods', 'link', 'sriov', 'hasRom'] as const;
  assert.ok(
    full.some((d) => d.sriov) &&
      full.some((d) => d.link) &&
      full.some((d) => d.numaNode !== undefined) &&
      full.some((d) => d.hasRom),
  );
  assert.deepEqual(
    grouping.map((d) => d.address),
    full.map((d) => d.address),
  );
  for (const [i, g] of grouping.entries()) {
    const f = full[i];
    for (const k of left) assert.equal(g[k], undefined, `${g.address} ${k}`);
    // A VF's revision comes from its attribute in a full scan; a grouping scan does not read it.
    // Capabilities come without their decoded registers, and config space as the prefix grouping
    // reads (compared below).
    const strip = (d: typeof f) => {
      const c: Record<string, unknown> = { ...d };
      for (const k of left) delete c[k];
      if (d.physfn) delete c.revision;
      c.capabilities = d.capabilities.map(({ details: _, ...cap }) => cap);
      delete c.config;
      return c;
    };
    assert.deepEqual(strip(g), strip(f), g.address);
    assert.equal(g.config?.truncated, f.config?.truncated);
    const kept = g.config?.bytes.length ?? 0;
    const size = f.config?.bytes.length ?? 0;
    assert.deepEqual(g.config?.bytes, f.config?.bytes.subarray(0, kept), g.address);
    // The standard space whole; past it, the extended space only through the ACS registers.
    assert.equal(kept, Math.min(size, Math.max(256, f.acs ? f.acs.offset + 12 : 0)), g.address);
    assert.equal(g.config?.size, kept < size ? size : undefined, g.address);
  }
  assert.ok(
    grouping.some((d) => (d.config?.size ?? 0) > (d.config?.bytes.length ?? 0)),
    'some config space kept as a prefix',
  );
  const vf = grouping.find((d) => d.physfn)!;
  assert.equal(vf.physfn, '0000:05:00.0');
  assert.equal(grouping.find((d) => d.address === '0000:01:00.0')!.bootVga, true);
});

// The full scan is the oracle: the reader every other test checks against the fixture's files.
const FULL_ONLY = [
  'numaNode',
  'driverOverride',
  'resetMethods',
  'link',
  'sriov',
  'hasRom',
  'revision',
] as const;

test('a grouping scan completed for chosen devices has, for those, what a full scan reads', () => {
  const fx = build(desktop);
  const full = readPciDevices(fx.root);
  // The GPU (a ROM, bus reset) and the NVMe drive (FLR, NUMA node 0) of the desktop fixture.
  const displays = full
    .filter((d) => d.classCode >> 16 === 0x03 || d.address === '0000:04:00.0')
    .map((d) => d.address);
  assert.equal(displays.length, 2);
  assert.deepEqual(full.find((d) => d.address === '0000:04:00.0')?.resetMethods, ['flr', 'bus']);
  const scan = scanPciDevices(fx.root, { facts: 'grouping' });
  assert.equal(
    completePciDevices(fx.root, scan, (d) => displays.includes(d.address)),
    2,
  );
  // Asked again, the completed records are left alone.
  assert.equal(
    completePciDevices(fx.root, scan, (d) => displays.includes(d.address)),
    0,
  );
  assert.equal(scan.devices.length, full.length);
  for (const [i, d] of scan.devices.entries()) {
    const f = full[i];
    if (displays.includes(d.address)) {
      for (const k of FULL_ONLY) assert.deepEqual(d[k], f[k], `${d.address} ${k}`);
    } else assert.equal(d.hasRom, undefined, `${d.address} was not asked for`);
  }
  // Every device completed: each fact a full scan reads, for each of them (VFs, PFs, bridges).
  const all = scanPciDevices(fx.root, { facts: 'grouping' });
  assert.equal(
    completePciDevices(fx.root, all, () => true),
    full.length,
  );
  let sriov = 0;
  for (const [i, d] of all.devices.entries()) {
    for (const k of FULL_ONLY) assert.deepEqual(d[k], full[i][k], `${d.address} ${k}`);
    if (d.sriov) sriov++;
  }
  assert.equal(sriov, full.filter((d) => d.sriov).length);
  assert.ok(sriov > 0, 'the fixture has a PF');
});

test('a device whose full facts cannot be read leaves the completed scan for its unreadable list, as in a full scan', () => {
  const fx = build(desktop);
  const vga = '0000:01:00.0';
  const dir = path.join(fx.dir, fx.byAddress.get(vga)!.sysfsPath);
  fs.rmSync(path.join(dir, 'driver_override'), { force: true });
  fs.mkdirSync(path.join(dir, 'driver_override')); // reading it fails with EISDIR
  const fullScan = scanPciDevices(fx.root);
  const skipped = fullScan.unreadable.find((u) => u.address === vga);
  assert.ok(skipped, 'the full scan skips it');
  const scan = scanPciDevices(fx.root, { facts: 'grouping' });
  assert.ok(
    scan.devices.some((d) => d.address === vga),
    'a grouping scan does not read driver_override',
  );
  completePciDevices(fx.root, scan, (d) => d.address === vga);
  assert.deepEqual(
    scan.devices.map((d) => d.address),
    fullScan.devices.map((d) => d.address),
  );
  assert.deepEqual(scan.unreadable, fullScan.unreadable);
});
