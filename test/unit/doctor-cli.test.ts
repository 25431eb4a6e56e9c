// `vfiokit doctor` through the bundled CLI: checklist symbols, most important fix first, --json
// schema, exit codes, usage errors as one line, and the live host (whatever it is) judged
// consistently with its own /sys.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { CLASS, gpuWithAudio } from '../helpers/fixture-builder.js';
import { buildHost, type HostFixture } from '../helpers/host-fixture.js';

let ready: HostFixture;
let noIommu: HostFixture;

before(() => {
  const gpu = gpuWithAudio({ groups: 4, driver: 'vfio-pci', audioDriver: 'vfio-pci' });
  gpu.functions[0].resetMethod = ['flr', 'bus'];
  ready = buildHost(
    {
      cmdline:
        'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro intel_iommu=on iommu=pt vfio-pci.ids=10de:1b80,10de:10f0',
      loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci', 'vfio_pci_core', 'kvm', 'kvm_intel'],
      modprobe: {
        'vfio.conf':
          'softdep nouveau pre: vfio-pci\nsoftdep nvidia pre: vfio-pci\nsoftdep snd_hda_intel pre: vfio-pci\n',
      },
      hugepages: [
        { sizeKb: 2048, total: 0, free: 0 },
        { sizeKb: 1048576, total: 16, free: 16 },
      ],
      kernelLog: [
        '[    0.523410] DMAR: IOMMU enabled',
        '[    0.811209] DMAR-IR: Enabled IRQ remapping in x2apic mode',
      ],
      iomem: '00000000-00000fff : Reserved\n',
    },
    {
      rootComplexes: [
        {
          devices: [
            { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
            { kind: 'root-port', dev: 1, acs: true, group: 1, driver: 'pcieport', children: [gpu] },
          ],
        },
      ],
    },
  );
  noIommu = buildHost(
    {
      cmdline: 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet',
      kernelConfig: {
        CONFIG_INTEL_IOMMU: 'y',
        CONFIG_INTEL_IOMMU_DEFAULT_ON: 'n',
        CONFIG_VFIO: 'm',
        CONFIG_VFIO_PCI: 'm',
        CONFIG_VFIO_IOMMU_TYPE1: 'm',
      },
    },
    {
      iommu: false,
      rootComplexes: [
        {
          devices: [
            {
              kind: 'root-port',
              dev: 1,
              acs: true,
              children: [gpuWithAudio({ driver: 'nouveau', audioDriver: 'snd_hda_intel' })],
            },
          ],
        },
      ],
    },
  );
});
after(() => {
  ready.cleanup();
  noIommu.cleanup();
});

test('a ready host: ✓ checklist grouped by section, exit 0', () => {
  const r = runCli(['--root', ready.dir, 'doctor', '--memory', '16G']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const section of [
    'CPU virtualisation',
    'IOMMU',
    'Interrupt remapping',
    'VFIO modules and early binding',
    'Graphics devices',
    'Hugepages',
  ])
    assert.match(r.stdout, new RegExp(`^${section}$`, 'm'));
  assert.match(r.stdout, /✓ IOMMU active with groups/);
  assert.match(r.stdout, /✓ Interrupt remapping\n\s+.*DMAR-IR: Enabled IRQ remapping in x2apic mode/);
  assert.match(r.stdout, /^ {2}0000:01:00\.0( NVIDIA.*)?$/m);
  assert.match(r.stdout, /✓ Companion functions/);
  assert.doesNotMatch(r.stdout, /✗/);
});

test('no IOMMU: the most important fix comes first, failures are ✗, exit 1', () => {
  const r = runCli(['--root', noIommu.dir, 'doctor']);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[1], /^Most important: add intel_iommu=on to the kernel command line/);
  assert.match(r.stdout, /✗ IOMMU active with groups/);
  assert.match(r.stdout, /✗ IOMMU group viability/);
  assert.match(r.stdout, /! Host driver\n\s+0000:01:00\.0 \[10de:1b80\].*driver nouveau/);
  assert.match(r.stdout, /Could not see\n\s+\? kernel messages/);
  assert.match(r.stdout, /\d+ ok, \d+ warnings?, \d+ failures?, \d+ unknown$/m);
});

test('--json: the documented vfiokit.doctor/1 shape', () => {
  const r = runCli(['--root', noIommu.dir, '--json', 'doctor', '--device', '01:00.0']);
  assert.equal(r.status, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.schema, 'vfiokit.doctor/1');
  assert.deepEqual(j.devices, ['0000:01:00.0']);
  assert.equal(j.mostImportant.id, 'iommu.cmdline');
  for (const c of j.checks) {
    assert.ok(['ok', 'warn', 'fail', 'unknown'].includes(c.verdict));
    assert.ok(typeof c.id === 'string' && typeof c.title === 'string' && Array.isArray(c.evidence));
  }
  assert.deepEqual(Object.keys(j.summary).sort(), ['fail', 'ok', 'unknown', 'warn']);
  assert.ok(Array.isArray(j.blind));
});

test('usage errors are one line with a hint and exit 2', () => {
  for (const args of [
    ['doctor', '--memory', 'lots'],
    ['doctor', '--device', 'not-a-bdf'],
  ]) {
    const r = runCli(['--root', ready.dir, ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /\(hint: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  // A well-formed address that is not there is the problem `vfiokit device` reports: exit 1.
  const missing = runCli(['--root', ready.dir, 'doctor', '--device', '0000:09:00.0']);
  assert.equal(missing.status, 1, missing.stderr);
  assert.equal(missing.stderr, runCli(['--root', ready.dir, 'device', '0000:09:00.0']).stderr);
});

test('the live host: the verdict agrees with its own /sys (no IOMMU groups → IOMMU fails)', () => {
  const r = runCli(['--json', 'doctor']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const j = JSON.parse(r.stdout);
  const groups = fs.existsSync('/sys/kernel/iommu_groups') ? fs.readdirSync('/sys/kernel/iommu_groups') : [];
  const active = j.checks.find((c: { id: string }) => c.id === 'iommu.active');
  assert.equal(active.verdict, groups.length ? 'ok' : 'fail');
  if (!groups.length) {
    assert.equal(r.status, 1);
    assert.ok(j.mostImportant?.fix, 'a failing host gets a fix');
  }
});

test("the host report's no-IOMMU advice is doctor's, for this host's vendor and situation", () => {
  const intel = runCli(['--root', noIommu.dir]);
  assert.equal(intel.status, 0, intel.stderr);
  assert.match(intel.stdout, /^ {2}No IOMMU groups: add intel_iommu=on to the kernel command line/m);
  const j = JSON.parse(runCli(['--root', noIommu.dir, '--json']).stdout);
  assert.match(j.readiness.iommuFix, /^add intel_iommu=on/);
  // An AMD host without IVRS: the firmware switch, not an Intel parameter.
  const amd = buildHost({ cpu: { vendor: 'amd', flags: ['svm'] }, acpiTables: ['APIC', 'FACP'] });
  try {
    const r = runCli(['--root', amd.dir]);
    assert.match(r.stdout, /^ {2}No IOMMU groups: .*(IOMMU|AMD-Vi|IVRS)/m);
    assert.doesNotMatch(r.stdout, /No IOMMU groups: .*intel_iommu/);
  } finally {
    amd.cleanup();
  }
  // With the IOMMU on, there is no such line.
  assert.doesNotMatch(runCli(['--root', ready.dir]).stdout, /No IOMMU groups/);
});
