// ACS override what-ifs (the out-of-tree pcie_acs_override patch) and the kernel's ACS / DMA-alias
// quirks, on fixture topologies whose IDs match the kernel's quirk tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKernelGroups } from '../../src/host/kernel-groups.js';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import { formatAcsOverride, overrideFromCmdline, parseAcsOverride } from '../../src/iommu/acs-override.js';
import { explainDevice } from '../../src/iommu/explain.js';
import { simulateAgainstKernel } from '../../src/iommu/groups-report.js';
import { simulatedGroupOf, simulateGroups } from '../../src/iommu/simulate.js';
import { buildFixture, CLASS, gpuWithAudio, type HostSpec } from '../helpers/fixture-builder.js';

function devicesOf(spec: HostSpec) {
  const fx = buildFixture(spec);
  try {
    return { devices: readPciDevices(fx.root), kernel: readKernelGroups(fx.root) };
  } finally {
    fx.cleanup();
  }
}

test('override parameter: parsing, formatting, command line, bad input', () => {
  const o = parseAcsOverride('downstream,multifunction,id:10de:1B80');
  assert.deepEqual(o, { downstream: true, multifunction: true, ids: [{ vendor: 0x10de, device: 0x1b80 }] });
  assert.equal(formatAcsOverride(o), 'downstream,multifunction,id:10de:1b80');
  assert.equal(overrideFromCmdline('quiet pcie_acs_override=downstream intel_iommu=on'), 'downstream');
  assert.equal(overrideFromCmdline('quiet'), undefined);
  assert.throws(() => parseAcsOverride('upstream'), { code: 'iommu.bad-override', exitCode: 2 });
  assert.throws(() => parseAcsOverride(Array.from({ length: 16 }, () => 'id:1:2').join(',')), {
    code: 'iommu.bad-override',
  });
});

// Two endpoints under a switch whose downstream ports lack ACS, and a GPU + audio without ACS.
const noAcsHost: HostSpec = {
  rootComplexes: [
    {
      devices: [
        {
          kind: 'root-port',
          dev: 1,
          acs: true,
          children: [
            {
              kind: 'switch',
              downstream: [
                { children: [{ kind: 'endpoint', class: CLASS.nvme }] },
                { children: [{ kind: 'endpoint', class: CLASS.ethernet }] },
              ],
            },
          ],
        },
        { kind: 'root-port', dev: 2, acs: true, children: [gpuWithAudio({})] },
        // A downstream-capable port WITH an ACS capability whose controls are off.
        { kind: 'root-port', dev: 3, acs: { cap: 0x1d, ctrl: 0 }, children: [{ kind: 'endpoint' }] },
      ],
    },
  ],
};

test('downstream isolates ports without ACS; multifunction splits GPU and audio; neither touches a port with an ACS capability', () => {
  const { devices } = devicesOf(noAcsHost);
  const plain = simulateGroups(devices);
  const down = simulateGroups(devices, { override: parseAcsOverride('downstream') });
  const mf = simulateGroups(devices, { override: parseAcsOverride('multifunction') });
  const nvme = '0000:03:00.0';
  assert.deepEqual(simulatedGroupOf(plain, nvme), ['0000:02:00.0', nvme]);
  assert.deepEqual(simulatedGroupOf(down, nvme), [nvme]);
  assert.deepEqual(simulatedGroupOf(mf, nvme), ['0000:02:00.0', nvme]);
  const audio = '0000:05:00.1';
  assert.deepEqual(simulatedGroupOf(plain, audio), ['0000:05:00.0', audio]);
  assert.deepEqual(simulatedGroupOf(down, audio), ['0000:05:00.0', audio]);
  assert.deepEqual(simulatedGroupOf(mf, audio), [audio]);
  // 00:03.0 has an ACS capability (controls off): the patch never overrides it.
  assert.deepEqual(simulatedGroupOf(down, '0000:06:00.0'), ['0000:00:03.0', '0000:06:00.0']);
  // id: names a vendor:device: both downstream ports are 104c:8233, so both now claim ACS.
  const byId = simulateGroups(devices, { override: parseAcsOverride('id:104c:8233') });
  assert.deepEqual(simulatedGroupOf(byId, nvme), [nvme]);
});

test('explain: what-ifs, the port that breaks isolation with its registers, and when no override helps', () => {
  const { devices, kernel } = devicesOf(noAcsHost);
  const e = explainDevice({ address: '0000:03:00.0', devices, kernel, env: { amdIommu: false } });
  assert.equal(e.firstBreak?.address, '0000:02:00.0');
  assert.equal(e.firstBreak?.kind, 'port-no-acs');
  const down = e.whatIf.find((w) => w.override === 'downstream');
  assert.deepEqual(down, { override: 'downstream', group: ['0000:03:00.0'], isolated: true, changed: true });
  assert.ok(e.whatIf.some((w) => w.override === 'id:104c:8233' && w.isolated));
  assert.match(e.risk, /peer-to-peer/);
  assert.match(e.risk, /trusted/);

  const off = explainDevice({ address: '0000:06:00.0', devices, kernel, env: { amdIommu: false } });
  assert.equal(off.firstBreak?.address, '0000:00:03.0');
  assert.deepEqual(off.firstBreak?.evidence, { capRegister: '0x001d', ctrlRegister: '0x0000' });
  assert.match(off.overrideCannotHelp ?? '', /has an ACS capability/);
  assert.ok(off.whatIf.every((w) => !w.isolated));
});

test('a kernel without the patch ignores pcie_acs_override on its command line', () => {
  const { devices } = devicesOf(noAcsHost);
  // "Kernel" groups as an unpatched kernel forms them: the plain simulation.
  const plain = simulateGroups(devices);
  const kernel = {
    enabled: true,
    groups: new Map(plain.groups.map((g) => [g.id, g.devices])),
  };
  const r = simulateAgainstKernel({
    devices,
    kernel,
    env: { amdIommu: false },
    cmdlineOverride: 'downstream',
  });
  assert.equal(r.cmp?.status, 'agrees');
  assert.match(r.note ?? '', /ignores it/);
  // With the patch the override explains the kernel's groups and is kept.
  const patched = simulateGroups(devices, { override: parseAcsOverride('downstream') });
  const pk = { enabled: true, groups: new Map(patched.groups.map((g) => [g.id, g.devices])) };
  const r2 = simulateAgainstKernel({
    devices,
    kernel: pk,
    env: { amdIommu: false },
    cmdlineOverride: 'downstream',
  });
  assert.equal(r2.cmp?.status, 'agrees');
  assert.equal(r2.note, undefined);
  assert.ok(r2.override?.downstream);
});

test('Intel PCH root ports without an ACS capability isolate through pci_quirk_intel_pch_acs', () => {
  const { devices } = devicesOf({
    rootComplexes: [
      {
        devices: [
          { kind: 'root-port', dev: 0x1c, vendor: 0x8086, device: 0x8c10, children: [{ kind: 'endpoint' }] },
          { kind: 'root-port', dev: 0x1d, vendor: 0x8086, device: 0x8c00, children: [{ kind: 'endpoint' }] },
        ],
      },
    ],
  });
  const sim = simulateGroups(devices);
  assert.deepEqual(simulatedGroupOf(sim, '0000:01:00.0'), ['0000:01:00.0']);
  assert.deepEqual(simulatedGroupOf(sim, '0000:02:00.0'), ['0000:00:1d.0', '0000:02:00.0']);
});

test('Sunrise Point root ports: the kernel reads the ACS control register at +8, not +6', () => {
  // cap at +4 = SV RR CR UF; the standard ctrl word at +6 reads 0 (the high half of the cap dword),
  // the real control register at +8 has the bits on.
  const fx = buildFixture({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 0x1c,
            vendor: 0x8086,
            device: 0xa110,
            acs: { cap: 0x1d, ctrl: 0 },
            children: [{ kind: 'endpoint' }],
          },
        ],
      },
    ],
  });
  try {
    const devices = readPciDevices(fx.root);
    const port = devices.find((d) => d.address === '0000:00:1c.0')!;
    assert.ok(port.acs && port.config);
    port.config.bytes[port.acs.offset + 8] = 0x1d;
    const sim = simulateGroups(devices);
    assert.deepEqual(simulatedGroupOf(sim, '0000:01:00.0'), ['0000:01:00.0']);
    port.config.bytes[port.acs.offset + 8] = 0;
    assert.deepEqual(simulatedGroupOf(simulateGroups(devices), '0000:01:00.0'), [
      '0000:00:1c.0',
      '0000:01:00.0',
    ]);
  } finally {
    fx.cleanup();
  }
});

test('AMD southbridge multifunction devices isolate only with an AMD IOMMU present', () => {
  const { devices } = devicesOf({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'multi',
            dev: 0x14,
            functions: [
              { vendor: 0x1002, device: 0x4385, class: CLASS.smbus, pcie: false },
              { vendor: 0x1002, device: 0x4383, class: CLASS.hdAudio, pcie: false },
            ],
          },
        ],
      },
    ],
  });
  assert.equal(simulateGroups(devices, { env: { amdIommu: false } }).groups.length, 1);
  assert.equal(simulateGroups(devices, { env: { amdIommu: true } }).groups.length, 2);
});

test('Marvell SATA DMAs as function 1 (quirk_dma_func1_alias): it shares with function 1', () => {
  const { devices, kernel } = devicesOf({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'root-port',
            dev: 1,
            acs: true,
            children: [
              {
                kind: 'multi',
                functions: [
                  // Each function has ACS (so only the alias joins them).
                  { vendor: 0x1b4b, device: 0x9230, class: CLASS.sata, acs: { cap: 0x5f, ctrl: 0x1d } },
                  { vendor: 0x1b4b, device: 0x9230, class: 0x010185, acs: { cap: 0x5f, ctrl: 0x1d } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  const sim = simulateGroups(devices);
  assert.deepEqual(simulatedGroupOf(sim, '0000:01:00.0'), ['0000:01:00.0', '0000:01:00.1']);
  const e = explainDevice({ address: '0000:01:00.0', devices, kernel, env: { amdIommu: false } });
  assert.equal(e.firstBreak?.kind, 'dma-alias-quirk');
  assert.equal(e.firstBreak?.evidence?.quirk, 'quirk_dma_func1_alias');
});
