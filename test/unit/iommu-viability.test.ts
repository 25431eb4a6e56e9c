// The kernel's viability verdict (vfio-pci / pci-stub / no driver; pcieport bridges never block)
// and what vfiokit says to bind, on fixture-built groups read back through sysfs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { readPciDevices, scanPciDevices } from '../../src/host/pci-sysfs.js';
import { joinGroups } from '../../src/iommu/groups.js';
import { driverLeavesGroupToVfio, groupViability } from '../../src/iommu/viability.js';
import {
  buildFixture,
  CLASS,
  gpuWithAudio,
  type HostSpec,
  vanishingRoot,
} from '../helpers/fixture-builder.js';

function verdicts(spec: HostSpec) {
  const fx = buildFixture(spec);
  try {
    const groups = joinGroups(readKernelGroups(fx.root), readPciDevices(fx.root));
    return new Map(groups.map((g) => [g.id, groupViability(g)]));
  } finally {
    fx.cleanup();
  }
}

const gpuHost = (driver?: string, audioDriver?: string): HostSpec => ({
  rootComplexes: [
    {
      devices: [
        {
          kind: 'root-port',
          dev: 1,
          acs: true,
          group: 0,
          children: [gpuWithAudio({ groups: 1, driver, audioDriver })],
        },
      ],
    },
  ],
});

test('GPU + HDMI audio: viable only when both functions are on vfio-pci (or stub / no driver)', () => {
  const half = verdicts(gpuHost('vfio-pci', 'snd_hda_intel')).get(1)!;
  assert.equal(half.viable, false);
  assert.deepEqual(half.mustBind, ['0000:01:00.1']);
  assert.deepEqual(half.needNot, ['0000:01:00.0']);
  assert.equal(verdicts(gpuHost('vfio-pci', 'vfio-pci')).get(1)!.viable, true);
  assert.equal(verdicts(gpuHost('vfio-pci', 'pci-stub')).get(1)!.viable, true);
  assert.equal(verdicts(gpuHost('vfio-pci', undefined)).get(1)!.viable, true);
  const host = verdicts(gpuHost('nvidia', 'snd_hda_intel')).get(1)!;
  assert.deepEqual(host.mustBind, ['0000:01:00.0', '0000:01:00.1']);
});

test('a switch downstream port on pcieport does not block its NVMe on vfio-pci, and need not be bound', () => {
  const v = verdicts({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            group: 0,
            children: [
              {
                kind: 'switch',
                upstream: { group: 1 },
                downstream: [
                  {
                    group: 2,
                    children: [{ kind: 'endpoint', class: CLASS.nvme, driver: 'vfio-pci', group: 2 }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  }).get(2)!;
  assert.equal(v.viable, true);
  assert.deepEqual(
    v.members.map((m) => [m.address, m.state]),
    [
      ['0000:02:00.0', 'bridge-pcieport'],
      ['0000:03:00.0', 'vfio'],
    ],
  );
  assert.deepEqual(v.mustBind, []);
});

test('behind a PCIe-to-PCI bridge every conventional device must leave its host driver', () => {
  const spec = (drivers: (string | undefined)[]): HostSpec => ({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            group: 0,
            children: [
              {
                kind: 'pcie-pci-bridge',
                group: 1,
                children: drivers.map((driver, i) => ({
                  kind: 'endpoint' as const,
                  dev: i + 1,
                  driver,
                  group: 1,
                })),
              },
            ],
          },
        ],
      },
    ],
  });
  const one = verdicts(spec(['vfio-pci', 'e1000'])).get(1)!;
  assert.equal(one.viable, false);
  assert.deepEqual(one.mustBind, ['0000:02:02.0']);
  assert.equal(verdicts(spec(['vfio-pci', 'vfio-pci'])).get(1)!.viable, true);
});

test('a bridge on a driver other than pcieport blocks and must be unbound, never bound to vfio-pci', () => {
  const v = verdicts({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            driver: 'shpchp',
            group: 0,
            children: [{ kind: 'endpoint', driver: 'vfio-pci', group: 0 }],
          },
        ],
      },
    ],
  }).get(0)!;
  assert.equal(v.viable, false);
  assert.deepEqual(v.mustUnbind, ['0000:00:01.0']);
  assert.deepEqual(v.mustBind, []);
});

test('host-critical devices are flagged when they would have to be bound', () => {
  const v = verdicts({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            group: 0,
            children: [
              { kind: 'endpoint', dev: 0, class: CLASS.nvme, driver: 'nvme', group: 0 },
              { kind: 'endpoint', dev: 1, class: CLASS.vga, driver: 'amdgpu', bootVga: true, group: 0 },
            ],
          },
        ],
      },
    ],
  }).get(0)!;
  assert.match(v.members[1].hostCritical ?? '', /storage/);
  assert.match(v.members[2].hostCritical ?? '', /boot GPU/);
});

test('driver_managed_dma drivers: vfio variants, pci-stub and pcieport leave the group to VFIO', () => {
  for (const d of [undefined, 'vfio-pci', 'mlx5_vfio_pci', 'nvgrace_gpu_vfio_pci', 'pci-stub', 'pcieport'])
    assert.equal(driverLeavesGroupToVfio(d), true, String(d));
  for (const d of ['nvidia', 'amdgpu', 'snd_hda_intel', 'xhci_hcd', 'shpchp', 'pci-pf-stub'])
    assert.equal(driverLeavesGroupToVfio(d), false, d);
});

test('group numbers with gaps are read as the kernel lists them', () => {
  const v = verdicts({
    rootComplexes: [
      {
        devices: [
          { kind: 'root-port', dev: 1, acs: true, group: 3, children: [{ kind: 'endpoint', group: 17 }] },
          { kind: 'root-port', dev: 2, acs: true, group: 9, children: [{ kind: 'endpoint', group: 40 }] },
        ],
      },
    ],
  });
  assert.deepEqual([...v.keys()], [3, 9, 17, 40]);
});

test('a device that vanishes during the scan: judged without it only once its group no longer lists it', () => {
  // The kernel drops a removed device from its group as well (iommu_release_device); while the
  // group directory still names it, the group cannot be judged without it.
  const fx = buildFixture(gpuHost('vfio-pci', 'snd_hda_intel'));
  try {
    const root = vanishingRoot(fx, '0000:01:00.1');
    const scan = scanPciDevices(root);
    assert.deepEqual(
      scan.unreadable.map((u) => u.address),
      ['0000:01:00.1'],
    );
    const listed = joinGroups(readKernelGroups(root), scan.devices, scan.unreadable).find((x) => x.id === 1)!;
    assert.deepEqual(
      listed.devices.map((d) => d.address),
      ['0000:01:00.0'],
    );
    const v = groupViability(listed);
    assert.equal(v.verdict, 'unknown');
    assert.match(v.unknownReasons.join('\n'), /0000:01:00\.1 could not be read: .*does not exist/);
    fs.rmSync(path.join(fx.dir, 'sys/kernel/iommu_groups/1/devices/0000:01:00.1'));
    const gone = joinGroups(readKernelGroups(root), scan.devices, scan.unreadable).find((x) => x.id === 1)!;
    assert.equal(groupViability(gone).verdict, 'viable');
  } finally {
    fx.cleanup();
  }
});
