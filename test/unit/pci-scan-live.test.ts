// What a scan of the live root does differently from a snapshot's: it takes a function's VF-ness
// from the PFs' SR-IOV capabilities instead of probing every directory for `physfn`, and (on Intel
// VT-d and AMD-Vi hosts) the IOMMU groups from the functions' `iommu_group` links instead of
// listing every group directory. The live root is this machine's /sys, which has neither VFs nor
// IOMMU groups here, so these tests read fixture trees through a view that behaves like the live
// root (no directory listings, `live` set) but reads the fixture. The oracles are the fixture's
// own `physfn` links and group directories, laid out as the kernel makes them
// (drivers/pci/iov.c pci_iov_add_virtfn, drivers/iommu/iommu.c iommu_group_add_device).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { openHostState } from '../../src/host/host-state.js';
import { kernelGroupsFromLinks, readKernelGroups } from '../../src/host/kernel-groups.js';
import { readPciDevices, scanPciDevices } from '../../src/host/pci-sysfs.js';
import type { HostRoot } from '../../src/host/root.js';
import type { PciDevice } from '../../src/pci/types.js';
import { CLASS, desktop } from '../helpers/fixture-builder.js';
import { fixtureScope } from '../helpers/fixture-scope.js';
import { hostOf, SHAPES } from '../helpers/mixed-host.js';

const build = fixtureScope();

/**
 * The fixture read as the live root reads /sys: `live` set, no openDir (so no listing answers a
 * probe), and not a DirHostRoot (so no read goes straight to the real /sys of this machine).
 */
function liveView(root: HostRoot): HostRoot {
  return new Proxy(root, {
    getPrototypeOf: () => Object.prototype,
    get(target, prop) {
      if (prop === 'live') return true;
      if (prop === 'openDir') return undefined;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const mixed = SHAPES.find((s) => s.name === 'mixed');
assert.ok(mixed, 'the bench shapes include "mixed"');

test('VFs named by their PFs’ SR-IOV capabilities match the physfn links, and records match', () => {
  for (const spec of [desktop, { rootComplexes: hostOf(mixed, 512) }]) {
    const fx = build(spec);
    const listed = readPciDevices(fx.root);
    const live = readPciDevices(liveView(fx.root));
    assert.equal(live.length, listed.length);
    const vfs = listed.filter((d) => d.physfn !== undefined);
    assert.ok(vfs.length >= 3, `the fixture has VFs (${vfs.length})`);
    for (const d of listed) {
      const link = fx.root.readLink(`/sys/bus/pci/devices/${d.address}/physfn`);
      assert.equal(d.physfn, link?.split('/').pop(), `${d.address}: listed scan follows the link`);
    }
    assert.deepEqual(live, listed);
  }
});

test('a PF whose config is cut short makes the scan ask every later function for physfn', () => {
  // A non-root read of sysfs serves 64 bytes: no extended capability, no SR-IOV capability.
  const fx = build({ ...desktop, nonRoot: true });
  const live = readPciDevices(liveView(fx.root));
  const vfs = live.filter((d) => d.physfn !== undefined);
  assert.equal(vfs.length, 3, 'the three VFs of the desktop fixture, from their physfn links');
  for (const vf of vfs) assert.equal(vf.physfn, '0000:05:00.0');
});

test('groups from the links equal the group directories on an Intel host, non-PCI groups listed', () => {
  const fx = build({
    ...desktop,
    // An ACPI device in a group of its own, as AMD's acpihid_device_group makes them.
    files: { 'sys/kernel/iommu_groups/99/devices/AMDI0020:00': '' },
  });
  const view = liveView(fx.root);
  const scan = scanPciDevices(view, { facts: 'grouping' });
  const fromLinks = kernelGroupsFromLinks(view, scan);
  assert.ok(fromLinks, 'taken from the links on a dmar host');
  const listed = readKernelGroups(fx.root);
  assert.ok(listed.groups.size >= 10, `${listed.groups.size} groups`);
  assert.deepEqual(fromLinks, listed);
  assert.deepEqual(fromLinks.groups.get(99), ['AMDI0020:00']);
});

test('groups are listed instead where the links are not enough', () => {
  // Not the live root: a snapshot's group directories are its record.
  const fx = build(desktop);
  assert.equal(kernelGroupsFromLinks(fx.root, scanPciDevices(fx.root)), undefined);
  // An IOMMU that may put a PCI function in another device's group (arm-smmu's stream IDs).
  const arm = build({
    ...desktop,
    iommu: false,
    files: { 'sys/class/iommu/smmu3.0x0000000009050000/x': '' },
  });
  const armView = liveView(arm.root);
  assert.equal(kernelGroupsFromLinks(armView, scanPciDevices(armView)), undefined);
  // A function the scan could not read: its group is not known from links.
  const view = liveView(build(desktop).root);
  const scan = scanPciDevices(view);
  assert.equal(
    kernelGroupsFromLinks(view, { ...scan, unreadable: [{ address: '0000:01:00.0', reason: 'EIO' }] }),
    undefined,
  );
  // A link naming a group the kernel does not list.
  const [first, ...rest] = scan.devices;
  assert.equal(
    kernelGroupsFromLinks(view, { ...scan, devices: [{ ...first, iommuGroup: 4242 }, ...rest] }),
    undefined,
  );
});

test('drivers from the drivers’ directories match the links; a function listed twice sends the scan to the links', () => {
  const fx = build(desktop);
  const listed = readPciDevices(fx.root);
  const bound = listed.filter((d) => d.driver !== undefined);
  assert.ok(bound.length >= 8 && bound.length < listed.length, `${bound.length} of ${listed.length} bound`);
  for (const d of listed) {
    const link = fx.root.readLink(`/sys/bus/pci/devices/${d.address}/driver`);
    assert.equal(d.driver, link?.split('/').pop(), d.address);
  }
  assert.deepEqual(readPciDevices(liveView(fx.root)), listed);
  // A damaged view: one function in two drivers' directories. The links decide.
  const first = bound[0];
  const other = bound.find((d) => d.driver !== first.driver)!;
  const twice = build({
    ...desktop,
    files: { [`sys/bus/pci/drivers/${other.driver}/${first.address}`]: '' },
  });
  const again = readPciDevices(liveView(twice.root));
  assert.equal(again.find((d) => d.address === first.address)?.driver, first.driver);
});

test('device directories found from the bridges’ secondary buses are the ones the bus links lead to', () => {
  // The oracle is the listed scan, which follows every bus link (a snapshot's); on the live view
  // a device's directory is taken from its bus's bridge and only read through the link when
  // config does not open there. The desktop fixture has the cases where that guess fails: an
  // Intel VMD domain (root bus pci10000:e0 below 0000:00:0e.0) and VFs on a bus no bridge claims.
  for (const spec of [desktop, { rootComplexes: hostOf(mixed, 512) }]) {
    const fx = build(spec);
    const listed = readPciDevices(fx.root);
    let busLinks = 0;
    const counted = new Proxy(liveView(fx.root), {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop !== 'readLink') return v;
        return (p: string) => {
          if (/^\/sys\/bus\/pci\/devices\/[^/]+$/.test(p)) busLinks++;
          return (v as (p: string) => string | undefined)(p);
        };
      },
    });
    const live = readPciDevices(counted);
    assert.equal(live.length, listed.length);
    for (const d of listed) {
      const link = fx.root.readLink(`/sys/bus/pci/devices/${d.address}`);
      assert.ok(link && d.sysfsPath.endsWith(link.replace(/^(\.\.\/)+/, '')), `${d.address}: ${d.sysfsPath}`);
    }
    assert.deepEqual(live, listed);
    const vmd = listed.filter((d) => d.address.startsWith('10000:'));
    if (spec === desktop) {
      assert.ok(vmd.length >= 2, `the desktop fixture has a VMD domain (${vmd.length})`);
      assert.ok(busLinks >= 1 && busLinks <= 4, `the links read where guesses fail: ${busLinks}`);
    } else {
      assert.ok(busLinks * 20 < listed.length, `${busLinks} links read for ${listed.length} functions`);
    }
  }
});

test('sriov_* is probed only on functions whose config has the SR-IOV capability; PFs read as listed', () => {
  // The kernel makes a function a PF (and shows sriov_totalvfs) only when it finds the SR-IOV
  // extended capability (drivers/pci/iov.c pci_iov_init). The oracle for which functions are PFs
  // is the listed scan, which probes every directory; the live view must read the same records
  // while probing only where the capability is.
  const fx = build({ rootComplexes: hostOf(mixed, 512) });
  const listed = readPciDevices(fx.root);
  const pfs = listed.filter((d) => d.sriov !== undefined);
  assert.ok(pfs.length >= 2, `the fixture has PFs (${pfs.length})`);
  const withCap = listed.filter((d) => d.capabilities.some((c) => c.extended && c.id === 0x10));
  assert.ok(withCap.length >= pfs.length, `${withCap.length} functions with the capability`);
  const probed = new Set<string>();
  const counted = new Proxy(liveView(fx.root), {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (prop !== 'exists' && prop !== 'readLink') return v;
      return (p: string) => {
        if (p.endsWith('/sriov_totalvfs')) probed.add(p.split('/').at(-2) ?? '');
        return (v as (p: string) => unknown)(p);
      };
    },
  });
  assert.deepEqual(readPciDevices(counted), listed);
  assert.deepEqual([...probed].sort(), withCap.map((d) => d.address).sort());
  // Cut to 64 bytes (a non-root read): the capability cannot be seen, so every function is asked.
  const cut = build({ ...desktop, nonRoot: true });
  const cutListed = readPciDevices(cut.root);
  probed.clear();
  const cutView = new Proxy(liveView(cut.root), {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (prop !== 'exists') return v;
      return (p: string) => {
        if (p.endsWith('/sriov_totalvfs')) probed.add(p.split('/').at(-2) ?? '');
        return (v as (p: string) => unknown)(p);
      };
    },
  });
  assert.deepEqual(readPciDevices(cutView), cutListed);
  assert.equal(probed.size, cutListed.length, 'every function probed when config is cut short');
});

test('the commands’ scan (HostState) lists the same capabilities as a full read, without their registers', () => {
  const fx = build({ rootComplexes: hostOf(mixed, 512) });
  const full = readPciDevices(fx.root);
  const listing = openHostState(fx.root).pci().devices;
  assert.deepEqual(
    listing.map((d) => d.address),
    full.map((d) => d.address),
  );
  const bare = (d: PciDevice) => d.capabilities.map(({ details: _, ...c }) => c);
  let decoded = 0;
  for (const [i, d] of full.entries()) {
    assert.deepEqual(bare(listing[i]), bare(d), d.address);
    decoded += d.capabilities.filter((c) => c.details !== undefined).length;
    assert.ok(listing[i].capabilities.every((c) => c.details === undefined && Object.isFrozen(c)));
    // What the listings print from config space is the same.
    assert.deepEqual([listing[i].pcie, listing[i].acs], [d.pcie, d.acs], d.address);
  }
  assert.ok(decoded >= full.length, `the full read decodes registers (${decoded} capabilities)`);
});

/**
 * The live view, counting the `class` attributes read, and (with `drop`) removing a device's
 * directory as its group link is read, after its config space: a device unplugged mid-scan.
 */
function countingView(fx: { dir: string; root: HostRoot }, drop?: { sysfsPath: string }) {
  const classReads: string[] = [];
  const view = liveView(
    new Proxy(fx.root, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== 'function') return v;
        return (p: unknown, ...rest: unknown[]) => {
          if (typeof p === 'string' && p.endsWith('/class')) classReads.push(p);
          if (drop && typeof p === 'string' && p === `${drop.sysfsPath}/iommu_group`)
            fs.rmSync(path.join(fx.dir, drop.sysfsPath), { recursive: true, force: true });
          return v.call(target, p, ...rest);
        };
      },
    }),
  );
  return { view, classReads };
}

/** Writes bytes into a fixture device's config file and sets its class attribute. */
function rewrite(fx: { dir: string }, sysfsPath: string, config: Record<number, number>, classAttr?: number) {
  const file = path.join(fx.dir, sysfsPath, 'config');
  const bytes = fs.readFileSync(file);
  for (const [at, b] of Object.entries(config)) bytes[Number(at)] = b;
  fs.writeFileSync(file, bytes);
  if (classAttr !== undefined)
    fs.writeFileSync(path.join(fx.dir, sysfsPath, 'class'), `0x${classAttr.toString(16).padStart(6, '0')}\n`);
}

test('the live scan takes the class from config space, and the attribute where the kernel changes it', () => {
  const fx = build({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'endpoint',
            class: CLASS.hostBridge,
            vendor: 0x8086,
            device: 0x29c0,
            group: 0,
            pcie: false,
          },
          // AMD NL USB: quirk_amd_dwc_class makes pdev->class 0c03fe; config keeps 0c0330.
          { kind: 'endpoint', class: CLASS.usbXhci, vendor: 0x1022, device: 0x7912, group: 1, pcie: false },
          // A type 0 header with the PCI-bridge class: pci_setup_device sets the class to 000000.
          { kind: 'endpoint', class: CLASS.pciBridge, vendor: 0x1234, device: 0x0001, group: 2, pcie: false },
          {
            kind: 'root-port',
            acs: true,
            group: 3,
            children: [
              {
                kind: 'endpoint',
                class: CLASS.ethernet,
                vendor: 0x8086,
                device: 0x10fb,
                group: 4,
                driver: 'ixgbe',
                sriov: { totalVfs: 8, numVfs: 3, vfDevice: 0x10ed, vfGroups: [5, 6, 7] },
              },
            ],
          },
        ],
      },
    ],
  });
  const usb = fx.devices.find((d) => d.address === '0000:00:01.0');
  const odd = fx.devices.find((d) => d.address === '0000:00:02.0');
  assert.ok(usb && odd);
  // What the kernel shows for them (the attributes); their config stays as the device has it.
  rewrite(fx, usb.sysfsPath, {}, 0x0c03fe);
  rewrite(fx, odd.sysfsPath, {}, 0x000000);
  const vfs = fx.devices.filter((d) => d.address.startsWith('0000:01:') && d.address !== '0000:01:00.0');
  assert.equal(vfs.length, 3, vfs.map((d) => d.address).join(' '));
  // VF 1's own config says another class than VF 0's: the kernel shows VF 0's (since 4.17), older
  // kernels its own; the attribute is read. VF 2 agrees with VF 0: taken from config.
  rewrite(fx, vfs[1].sysfsPath, { 11: 0x02, 10: 0x80, 9: 0x00 }, CLASS.ethernet);

  const listed = readPciDevices(fx.root);
  const { view, classReads } = countingView(fx);
  const live = readPciDevices(view);
  assert.equal(live.length, 8);
  assert.deepEqual(live, listed);
  const cls = new Map(live.map((d) => [d.address, d.classCode]));
  assert.equal(cls.get('0000:00:01.0'), 0x0c03fe);
  assert.equal(cls.get('0000:00:02.0'), 0x000000);
  assert.equal(cls.get(vfs[1].address), CLASS.ethernet);
  assert.deepEqual(
    classReads.map((p) => p.split('/').at(-2)),
    ['0000:00:01.0', '0000:00:02.0', vfs[1].address],
    'only the devices the kernel may have changed',
  );
});

test('a device unplugged between its config space and its group link is skipped, not recorded without its group', () => {
  const fx = build(desktop);
  const nvme = fx.devices.find((d) => d.driver === 'nvme');
  assert.ok(nvme);
  const { view, classReads } = countingView(fx, nvme);
  const scan = scanPciDevices(view, { facts: 'grouping' });
  assert.equal(
    scan.devices.find((d) => d.address === nvme.address),
    undefined,
  );
  assert.equal(scan.devices.length, readPciDevices(build(desktop).root).length - 1);
  assert.deepEqual(
    scan.unreadable.map((u) => u.address),
    [nvme.address],
  );
  // Its class was not read from the attribute (nor any other device's): config gave them all.
  assert.deepEqual(
    classReads.filter((p) => !p.includes(nvme.address)),
    [],
  );
});
