// Per-device doctor checks (boot VGA, host driver, framebuffer in the BARs, companion functions,
// group viability, reset methods, option ROM) on fixture snapshots, each through its verdicts.
// ROM checks read real ROMs (the committed corpus, Debian's ipxe-qemu) from the snapshot's `rom`
// file; the sysfs enable/disable dance itself is the ROM toolkit's and is exercised in the lab.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { openHostState } from '../../src/host/host-state.js';
import { readPciDevices } from '../../src/host/pci-sysfs.js';
import type { Check, Verdict } from '../../src/readiness/check.js';
import { romCheck } from '../../src/readiness/checks/gpu.js';
import { buildDeviceContexts, buildDoctorReport, type DoctorOptions } from '../../src/readiness/doctor.js';
import { CLASS, gpuWithAudio, type HostSpec, type MultiFunctionSpec } from '../helpers/fixture-builder.js';
import { buildHost, type HostFilesSpec } from '../helpers/host-fixture.js';
import { corpusDir, ipxeDir } from './rom-fixtures.js';

const GPU = '0000:01:00.0';

interface CardOpts {
  /** Default vfio-pci; '' for no driver. */
  driver?: string;
  driverOverride?: string;
  audioDriver?: string;
  bootVga?: boolean;
  vendor?: number;
  device?: number;
  resetMethod?: string[] | null;
  resource?: string;
  /** Put an NVMe on the nvme driver into the GPU's group (no ACS between them). */
  sharedWithNvme?: boolean;
  noGroup?: boolean;
  nonRoot?: boolean;
}

function host(o: CardOpts = {}): HostSpec {
  const card: MultiFunctionSpec = gpuWithAudio({
    groups: o.noGroup ? undefined : 4,
    driver: o.driver === '' ? undefined : (o.driver ?? 'vfio-pci'),
    audioDriver: o.audioDriver ?? 'vfio-pci',
    bootVga: o.bootVga,
    vendor: o.vendor,
    device: o.device,
  });
  const gpu = card.functions[0];
  if (o.resetMethod === null) delete gpu.resetMethod;
  else if (o.resetMethod) gpu.resetMethod = o.resetMethod;
  if (o.resource) gpu.attrs = { ...(gpu.attrs ?? {}), resource: o.resource };
  if (o.driverOverride) gpu.driverOverride = o.driverOverride;
  return {
    nonRoot: o.nonRoot,
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
          { kind: 'root-port', dev: 1, acs: true, group: 1, driver: 'pcieport', children: [card] },
          ...(o.sharedWithNvme
            ? [
                {
                  kind: 'endpoint' as const,
                  dev: 5,
                  class: CLASS.nvme,
                  vendor: 0x144d,
                  device: 0xa808,
                  driver: 'nvme',
                  group: 4,
                },
              ]
            : [{ kind: 'endpoint' as const, dev: 5, class: CLASS.nvme, driver: 'nvme', group: 5 }]),
        ],
      },
    ],
  };
}

async function gpuCheck(
  id: string,
  card: CardOpts,
  files: HostFilesSpec = {},
  opts: DoctorOptions = {},
  rom?: Uint8Array,
): Promise<Check> {
  const fx = buildHost(files, host(card));
  try {
    if (rom) fs.writeFileSync(path.join(fx.dir, `sys/bus/pci/devices/${GPU}/rom`), rom);
    const r = await buildDoctorReport(openHostState(fx.root), opts);
    const c = r.checks.find((x) => x.id === id && x.device === GPU);
    assert.ok(c, `no ${id} for ${GPU}: ${r.checks.map((x) => `${x.id}@${x.device}`).join(' ')}`);
    return c;
  } finally {
    fx.cleanup();
  }
}

async function expectGpu(
  v: Verdict,
  id: string,
  card: CardOpts,
  files?: HostFilesSpec,
  opts?: DoctorOptions,
  rom?: Uint8Array,
) {
  const c = await gpuCheck(id, card, files, opts, rom);
  assert.equal(c.verdict, v, `${id}: ${JSON.stringify(c, null, 1)}`);
  if (v === 'fail' || v === 'warn') assert.ok(c.fix, `${id} ${v} has a fix`);
  return c;
}

// BAR 1 (64-bit prefetchable memory) at 0xe0000000-0xefffffff, as in resource_show.
const RESOURCE = [
  '0x00000000f6000000 0x00000000f6ffffff 0x0000000000040200',
  '0x00000000e0000000 0x00000000efffffff 0x000000000014220c',
  '0x0000000000000000 0x0000000000000000 0x0000000000000000',
  '0x00000000f0000000 0x00000000f1ffffff 0x000000000014220c',
  '0x0000000000000000 0x0000000000000000 0x0000000000000000',
  '0x000000000000e000 0x000000000000e07f 0x0000000000040101',
  '0x00000000f7000000 0x00000000f707ffff 0x0000000000046200',
  '',
].join('\n');

const iomemWith = (fb: string) =>
  [
    '00000000-00000fff : Reserved',
    'e0000000-f7ffffff : PCI Bus 0000:01',
    '  e0000000-efffffff : 0000:01:00.0',
    `    e0000000-e07e8fff : ${fb}`,
    '  f6000000-f6ffffff : 0000:01:00.0',
    '',
  ].join('\n');

test('gpu.boot-vga: ok (not the boot device), warn (boot VGA)', async () => {
  await expectGpu('ok', 'gpu.boot-vga', { bootVga: false });
  const w = await expectGpu('warn', 'gpu.boot-vga', { bootVga: true });
  assert.match(w.fix!, /video=efifb:off/);
});

test('gpu.driver: ok on vfio-pci; warn on pci-stub, none or a host driver; fail when driver_override locks vfio-pci out', async () => {
  await expectGpu('ok', 'gpu.driver', { driver: 'vfio-pci' });
  // Viable for the group, but QEMU assigns only what vfio-pci holds.
  const none = await expectGpu('warn', 'gpu.driver', { driver: '' });
  assert.match(none.fix!, /^bind 0000:01:00\.0 to vfio-pci before starting the VM/);
  await expectGpu('warn', 'gpu.driver', { driver: 'pci-stub' });
  const locked = await expectGpu('fail', 'gpu.driver', { driver: 'pci-stub', driverOverride: 'pci-stub' });
  assert.match(locked.evidence[1], /driver_override=pci-stub: only pci-stub may bind/);
  assert.match(locked.fix!, /echo vfio-pci > \/sys\/bus\/pci\/devices\/0000:01:00\.0\/driver_override/);
  const w = await expectGpu('warn', 'gpu.driver', { driver: 'nouveau', audioDriver: 'snd_hda_intel' });
  assert.match(w.fix!, /host graphics driver/);
  assert.match(w.fix!, /devices\/0000:01:00\.0\/driver_override/);
});

test('gpu.framebuffer: ok, warn (fb in a BAR before binding), fail (fb in a BAR of a vfio-pci GPU), unknown (non-root iomem)', async () => {
  await expectGpu('ok', 'gpu.framebuffer', { resource: RESOURCE }, { iomem: iomemWith('0000:01:00.0') });
  const w = await expectGpu(
    'warn',
    'gpu.framebuffer',
    { resource: RESOURCE, driver: 'nouveau' },
    { iomem: iomemWith('efifb') },
  );
  assert.ok(w.evidence.some((e) => /efifb holds \[mem 0xe0000000-0xe07e8fff\] inside BAR 1/.test(e)));
  const f = await expectGpu(
    'fail',
    'gpu.framebuffer',
    { resource: RESOURCE },
    { iomem: iomemWith('BOOTFB') },
  );
  assert.match(f.fix!, /initcall_blacklist=sysfb_init/);
  const zeroed = iomemWith('efifb').replace(/[0-9a-f]{8}-[0-9a-f]{8}/g, '00000000-00000000');
  const u = await expectGpu('unknown', 'gpu.framebuffer', { resource: RESOURCE }, { iomem: zeroed });
  assert.match(u.evidence[0], /non-root/);
});

test('gpu.audio: ok (companions free), warn (audio on the host driver), fail (GPU on vfio-pci, audio not)', async () => {
  await expectGpu('ok', 'gpu.audio', {});
  const w = await expectGpu('warn', 'gpu.audio', { driver: 'nouveau', audioDriver: 'snd_hda_intel' });
  assert.match(w.fix!, /bind 0000:01:00\.1 to vfio-pci together with 0000:01:00\.0/);
  await expectGpu('fail', 'gpu.audio', { audioDriver: 'snd_hda_intel' });
});

test("gpu.group: ok (viable), warn (the card's own functions on host drivers), fail (half-bound card; a host device shares the group), unknown", async () => {
  const ok = await expectGpu('ok', 'gpu.group', {});
  assert.match(ok.evidence[0], /group 4: 2 devices, viable now/);
  const w = await expectGpu('warn', 'gpu.group', { driver: 'nouveau', audioDriver: 'snd_hda_intel' });
  assert.match(w.fix!, /bind 0000:01:00\.0 0000:01:00\.1 to vfio-pci/);
  const half = await expectGpu('fail', 'gpu.group', { audioDriver: 'snd_hda_intel' });
  assert.match(half.fix!, /bind 0000:01:00\.1 to vfio-pci/);
  const f = await expectGpu('fail', 'gpu.group', { sharedWithNvme: true });
  assert.ok(
    f.evidence.some((e) => /0000:00:05\.0 \[010802\] on nvme: a storage controller/.test(e)),
    f.evidence.join('\n'),
  );
  assert.match(f.fix!, /bind: 0000:00:05\.0/);
  assert.match(f.fix!, /vfiokit explain 0000:01:00\.0/);
  await expectGpu('unknown', 'gpu.group', { noGroup: true });
});

test('gpu.reset: ok (FLR), warn (bus/pm only), fail (no reset method), unknown (no attribute, config unreadable)', async () => {
  await expectGpu('ok', 'gpu.reset', { resetMethod: ['flr', 'bus'] });
  const w = await expectGpu('warn', 'gpu.reset', { resetMethod: ['pm', 'bus'] });
  assert.match(w.fix!, /vendor-reset/);
  await expectGpu('fail', 'gpu.reset', { resetMethod: [] });
  // No reset_method (kernel < 5.15): the PCIe capability's FLR bit decides (gpuWithAudio has none).
  await expectGpu('warn', 'gpu.reset', { resetMethod: null });
  await expectGpu('unknown', 'gpu.reset', { resetMethod: null, nonRoot: true });
});

test('gpu.rom: ok (EFI image for the card), warn (legacy only; vendor header to strip), fail (empty read; no image), unknown', async () => {
  const rx580 = new Uint8Array(
    fs.readFileSync(path.join(corpusDir, 'amd-micron_msi_armor_rx580_8gb_rx580-default.rom')),
  );
  const ok = await expectGpu(
    'ok',
    'gpu.rom',
    { vendor: 0x1002, device: 0x67df },
    {},
    { readRoms: true },
    rx580,
  );
  assert.ok(
    ok.evidence.some((e) => /EFI at 0xee00/.test(e)),
    ok.evidence.join('\n'),
  );
  const pxe = new Uint8Array(fs.readFileSync(path.join(ipxeDir, 'pxe-e1000.rom')));
  const legacy = await expectGpu(
    'warn',
    'gpu.rom',
    { vendor: 0x8086, device: 0x100e },
    {},
    { readRoms: true },
    pxe,
  );
  assert.match(legacy.fix!, /no usable UEFI image/);
  const gk107 = new Uint8Array(fs.readFileSync(path.join(corpusDir, 'nv-GK107-turbo.rom')));
  const hdr = await expectGpu(
    'warn',
    'gpu.rom',
    { vendor: 0x10de, device: 0x0fc6 },
    {},
    { readRoms: true },
    gk107,
  );
  assert.match(hdr.fix!, /vfiokit rom fix/);
  // An empty rom file in a snapshot is a placeholder, not an empty read.
  const placeholder = await expectGpu('unknown', 'gpu.rom', {}, {}, { readRoms: true });
  assert.match(placeholder.evidence[0], /snapshot holds no copy/);
  // All 0xff is what a ROM BAR gives when it was not enabled or the device did not answer: no
  // ROM was read, so nothing can be said about one.
  const ones = await expectGpu(
    'unknown',
    'gpu.rom',
    {},
    {},
    { readRoms: true },
    new Uint8Array(4096).fill(0xff),
  );
  assert.match(ones.evidence.join('\n'), /4096 bytes of 0xff/);
  const notRead = await expectGpu('unknown', 'gpu.rom', {});
  assert.match(notRead.evidence[0], /ROM not read/);
});

test('gpu.rom on a live read of 0 bytes (what EIO/empty reads become): fail with the shadowed-ROM advice', () => {
  const fx = buildHost({}, host());
  try {
    const devices = readPciDevices(fx.root);
    const [ctx] = buildDeviceContexts(
      openHostState(fx.root),
      devices,
      devices.filter((d) => d.address === GPU),
      new Map([[GPU, { bytes: new Uint8Array(0) }]]),
    );
    const c = romCheck(ctx);
    assert.equal(c.verdict, 'fail');
    assert.match(c.fix!, /shadowed ROM.*romfile=/);
  } finally {
    fx.cleanup();
  }
});

test('--device selects any device and rejects an absent one', async () => {
  const fx = buildHost({}, host());
  try {
    const r = await buildDoctorReport(openHostState(fx.root), { devices: ['00:05.0'] });
    assert.deepEqual(r.devices, ['0000:00:05.0']);
    assert.ok(r.checks.some((c) => c.id === 'gpu.group' && c.device === '0000:00:05.0'));
    assert.ok(!r.checks.some((c) => c.id === 'gpu.rom'), 'no ROM check for a non-display device');
    await assert.rejects(
      buildDoctorReport(openHostState(fx.root), { devices: ['0000:09:00.0'] }),
      /no PCI device 0000:09:00\.0/,
    );
  } finally {
    fx.cleanup();
  }
});

test('default devices: every GPU except the boot GPU, unless the boot GPU is the only one', async () => {
  const igd = {
    kind: 'endpoint' as const,
    dev: 2,
    vendor: 0x8086,
    device: 0x3e92,
    class: CLASS.vga,
    driver: 'i915',
    group: 2,
    bootVga: true,
  };
  const two = buildHost(
    {},
    {
      rootComplexes: [
        {
          devices: [
            igd,
            { kind: 'root-port', dev: 1, acs: true, group: 1, children: [gpuWithAudio({ groups: 4 })] },
          ],
        },
      ],
    },
  );
  const one = buildHost({}, { rootComplexes: [{ devices: [igd] }] });
  try {
    assert.deepEqual((await buildDoctorReport(openHostState(two.root))).devices, ['0000:01:00.0']);
    assert.deepEqual((await buildDoctorReport(openHostState(one.root))).devices, ['0000:00:02.0']);
  } finally {
    two.cleanup();
    one.cleanup();
  }
});
