// doctor's drift check after `vfiokit setup`: the record of a real setup run (on the desktop
// fixture) is put on hosts whose hardware changed as the check must notice — a card moved to
// another bus, an IOMMU group that gained a member, a second card with the same IDs — and on the
// unchanged host. Also `setup --verify` on a fixture booted with and without the setup.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../src/actions/apply.js';
import { openHostState } from '../../src/host/host-state.js';
import { DirHostWriter, recordingRunner } from '../../src/host/host-writer.js';
import { planSetup } from '../../src/persist/setup-plan.js';
import { RECORD_PATH } from '../../src/persist/setup-record.js';
import { verifySetup } from '../../src/persist/setup-verify.js';
import { buildDoctorReport } from '../../src/readiness/doctor.js';
import { buildFixture, CLASS, gpuWithAudio, type HostSpec } from '../helpers/fixture-builder.js';
import { writeHostFiles } from '../helpers/host-fixture.js';
import { buildSetupHost, desktopPci, kernelFacts, twinGpuPci } from '../helpers/setup-host.js';

async function recordOfSetup(): Promise<string> {
  const h = buildSetupHost('debian-grub', kernelFacts('6.1.0-18-amd64'));
  try {
    const plan = planSetup(h.root, { items: ['0000:01:00.0'], groups: [], gpu: false });
    const r = await applyPlan(new DirHostWriter(h.dir, recordingRunner), plan.plan, { command: 'test' });
    assert.equal(r.ok, true);
    return fs.readFileSync(path.join(h.dir, RECORD_PATH.slice(1)), 'utf8');
  } finally {
    h.cleanup();
  }
}

async function driftOn(pci: HostSpec, record: string, files: Record<string, string> = {}) {
  const fx = buildFixture(pci);
  try {
    writeHostFiles(fx.dir, {
      ...kernelFacts('6.1.0-18-amd64'),
      files: { [RECORD_PATH.slice(1)]: record, ...files },
    });
    const rep = await buildDoctorReport(openHostState(fx.root), { readRoms: false });
    const checks = rep.checks.filter((c) => c.id === 'vfio.setup-drift');
    assert.equal(checks.length, 1);
    return { check: checks[0], verify: await verifySetup(fx.root) };
  } finally {
    fx.cleanup();
  }
}

/** The desktop with a card added in front of the GPU: the GPU's bus number moves from 1 to 2. */
const moved: HostSpec = {
  rootComplexes: [
    {
      devices: [
        ...(desktopPci.rootComplexes[0].devices.slice(0, 2) as HostSpec['rootComplexes'][0]['devices']),
        {
          kind: 'root-port',
          dev: 1,
          acs: true,
          group: 1,
          driver: 'pcieport',
          children: [
            {
              kind: 'endpoint',
              class: CLASS.usbXhci,
              vendor: 0x1912,
              device: 0x0014,
              group: 8,
              driver: 'xhci_hcd',
            },
          ],
        },
        {
          kind: 'root-port',
          dev: 3,
          acs: true,
          group: 9,
          driver: 'pcieport',
          children: [
            (() => {
              const m = gpuWithAudio({ groups: 10, driver: 'vfio-pci', audioDriver: 'vfio-pci' });
              return {
                ...m,
                functions: m.functions.map((f) => ({
                  ...f,
                  subsystem: [0x1458, 0x3702] as [number, number],
                })),
              };
            })(),
          ],
        },
      ],
    },
  ],
};

test('drift: none on the unchanged host; a moved card; a group that gained a member; IDs that match a new card', async () => {
  const record = await recordOfSetup();
  const same = await driftOn(desktopPci, record);
  assert.equal(same.check.verdict, 'ok', same.check.evidence.join('\n'));

  const mv = await driftOn(moved, record);
  assert.equal(mv.check.verdict, 'fail');
  for (const want of [
    '0000:01:00.0 is now 1912:0014, not 10de:1b80: the 10de:1b80 device setup bound moved to 0000:02:00.0',
    'no device at 0000:01:00.1: the 10de:10f0 device setup bound moved to 0000:02:00.1',
  ])
    assert.ok(mv.check.evidence.includes(want), `${want}\nnot in\n${mv.check.evidence.join('\n')}`);

  // The NVMe disk joins the GPU's group (a firmware update that turned ACS off, say).
  const joined = structuredClone(desktopPci);
  const nvmePort = joined.rootComplexes[0].devices[3] as { children: { group?: number }[] };
  nvmePort.children[0].group = 1;
  const g = await driftOn(joined, record);
  assert.equal(g.check.verdict, 'fail');
  assert.ok(
    g.check.evidence.some((e) => /the IOMMU group of 0000:01:00\.0 \(now 1\) gained 0000:02:00\.0/.test(e)),
    g.check.evidence.join('\n'),
  );

  // A second, identical GPU: vfio-pci.ids=10de:1b80 would take it too.
  const twins = await driftOn(
    twinGpuPci([
      [0x1458, 0x3702],
      [0x1458, 0x3702],
    ]),
    record,
  );
  assert.equal(twins.check.verdict, 'fail');
  assert.ok(
    twins.check.evidence.some((e) =>
      e.startsWith('vfio-pci.ids entry 10de:1b80 now also matches 0000:02:00.0'),
    ),
    twins.check.evidence.join('\n'),
  );
});

test('setup --verify: a boot with the setup in effect, and one without', async () => {
  const record = await recordOfSetup();
  // Not rebooted: the GPU still on nouveau, the old command line.
  const before = await driftOn(desktopPci, record);
  const v0 = before.verify.items;
  assert.deepEqual(
    v0.map((i) => `${i.part} ${i.subject} ${i.verdict}`),
    [
      'cmdline intel_iommu=on fail',
      'cmdline iommu=pt fail',
      'cmdline vfio-pci.ids=10de:1b80,10de:10f0 fail',
      'driver 0000:01:00.0 fail',
      'driver 0000:01:00.1 fail',
      'initramfs vfio-pci unknown',
    ],
  );
  assert.match(v0[3].evidence, /bound to nouveau/);
  // After the reboot: both functions on vfio-pci, the parameters on /proc/cmdline.
  const booted = structuredClone(desktopPci);
  const card = (booted.rootComplexes[0].devices[2] as { children: { functions: { driver?: string }[] }[] })
    .children[0];
  for (const f of card.functions) f.driver = 'vfio-pci';
  const after = await driftOn(booted, record, {
    'proc/cmdline':
      'BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 root=UUID=x ro quiet intel_iommu=on iommu=pt vfio-pci.ids=10de:1b80,10de:10f0\n',
  });
  assert.deepEqual(
    after.verify.items.map((i) => i.verdict),
    ['ok', 'ok', 'ok', 'ok', 'ok', 'unknown'],
  );
  assert.match(after.verify.items[5].evidence, /needs lsinitramfs on the live host/);
});
