// lab/topology.ts turns a topology description into QEMU arguments; a lab test can declare its own,
// so bad descriptions must fail with a message naming the device, before QEMU ever runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topologies } from '../../lab/topologies/index.js';
import { devfnPaths, type LabTopology, qemuDeviceArgs } from '../../lab/topology.js';
import { UsageError } from '../../src/errors.js';

const gpuBox: LabTopology = {
  name: 't',
  summary: '',
  devices: [
    { id: 'rp', model: 'pcie-root-port' },
    { id: 'gpu', model: 'VGA', bus: 'rp' },
    { id: 'hda', model: 'ich9-intel-hda', bus: 'rp', fn: 1 },
    { id: 'br', model: 'pcie-pci-bridge', bus: 'rp', slot: 0, fn: 2 },
    { id: 'nic', model: 'rtl8139', bus: 'br', netdev: true },
  ],
  scenarios: [],
};

test('devices become -device arguments with addresses, multifunction and unique chassis numbers', () => {
  assert.deepEqual(qemuDeviceArgs(gpuBox), [
    '-device',
    'pcie-root-port,id=rp,bus=pcie.0,addr=0x2.0,chassis=1,slot=0',
    '-device',
    'VGA,id=gpu,bus=rp,addr=0x0.0,multifunction=on',
    '-device',
    'ich9-intel-hda,id=hda,bus=rp,addr=0x0.1',
    '-device',
    'pcie-pci-bridge,id=br,bus=rp,addr=0x0.2',
    '-netdev',
    'user,id=nic-net,restrict=on',
    '-device',
    'rtl8139,id=nic,bus=br,addr=0x1.0,netdev=nic-net',
  ]);
});

test('devfn paths name each device by its hops from the root bus', () => {
  assert.deepEqual(devfnPaths(gpuBox), {
    rp: '02.0',
    gpu: '02.0/00.0',
    hda: '02.0/00.1',
    br: '02.0/00.2',
    nic: '02.0/00.2/01.0',
  });
});

test('root-bus slots skip the ones the lab reserves for its 9p shares', () => {
  const many: LabTopology = {
    name: 'm',
    summary: '',
    devices: Array.from({ length: 16 }, (_, i) => ({ id: `rp${i}`, model: 'pcie-root-port' })),
    scenarios: [],
  };
  const slots = Object.values(devfnPaths(many));
  assert.ok(!slots.includes('10.0') && !slots.includes('11.0'));
  assert.equal(slots.at(-1), '13.0');
});

test('property values are escaped for QEMU option syntax', () => {
  const t: LabTopology = {
    name: 'p',
    summary: '',
    devices: [{ id: 'n', model: 'nvme', props: { serial: 'a,b', 'disable-acs': false } }],
    scenarios: [],
  };
  assert.deepEqual(qemuDeviceArgs(t), [
    '-device',
    'nvme,id=n,bus=pcie.0,addr=0x2.0,serial=a,,b,disable-acs=off',
  ]);
});

for (const [why, t] of [
  [
    'duplicate id',
    {
      devices: [
        { id: 'a', model: 'edu' },
        { id: 'a', model: 'edu' },
      ],
    },
  ],
  [
    'parent is an endpoint',
    {
      devices: [
        { id: 'a', model: 'edu' },
        { id: 'b', model: 'edu', bus: 'a' },
      ],
    },
  ],
  ['unknown parent', { devices: [{ id: 'b', model: 'edu', bus: 'nope' }] }],
  [
    'child before parent',
    {
      devices: [
        { id: 'b', model: 'edu', bus: 'rp' },
        { id: 'rp', model: 'pcie-root-port' },
      ],
    },
  ],
  [
    'slot 1 behind a port',
    {
      devices: [
        { id: 'rp', model: 'pcie-root-port' },
        { id: 'b', model: 'edu', bus: 'rp', slot: 1 },
      ],
    },
  ],
  ['reserved root slot', { devices: [{ id: 'a', model: 'edu', slot: 0x10 }] }],
  [
    'address used twice',
    {
      devices: [
        { id: 'a', model: 'edu', slot: 5 },
        { id: 'b', model: 'edu', slot: 5 },
      ],
    },
  ],
  ['function 8', { devices: [{ id: 'a', model: 'edu', slot: 5, fn: 8 }] }],
  ['bad id', { devices: [{ id: 'a,b', model: 'edu' }] }],
  [
    'scenario names an unknown device',
    { devices: [{ id: 'a', model: 'edu' }], scenarios: [{ name: 's', bind: ['x'], expectViable: {} }] },
  ],
] as const) {
  test(`a topology with ${why} is refused with a usage error`, () => {
    const topo = { name: 'bad', summary: '', scenarios: [], ...t } as unknown as LabTopology;
    assert.throws(() => qemuDeviceArgs(topo), UsageError);
  });
}

test('every shipped topology places cleanly and documents its groups and scenarios', () => {
  assert.deepEqual(
    topologies.map((t) => t.name),
    ['desktop', 'server', 'legacy', 'noacs'],
  );
  for (const t of topologies) {
    assert.ok(qemuDeviceArgs(t).length > 0);
    assert.ok(t.expectGroups?.length, t.name);
    assert.ok(t.scenarios.length, t.name);
  }
});
