// `vfiokit diagnose` through the bundled CLI on a fixture snapshot: messages name the host's own
// devices (group members, what to bind; who holds a BAR), input from text, file, stdin and the
// snapshot's kernel log, --json schema and the error conventions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { CLASS, gpuWithAudio } from '../helpers/fixture-builder.js';
import { buildHost, type HostFixture } from '../helpers/host-fixture.js';

let fx: HostFixture;
const NOT_VIABLE =
  'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0,bus=pci.3,addr=0x0: vfio 0000:01:00.0: group 4 is not viable';

before(() => {
  const gpu = gpuWithAudio({ groups: 4, driver: 'vfio-pci', audioDriver: 'snd_hda_intel' });
  gpu.functions[0].attrs = {
    resource: `0x00000000f6000000 0x00000000f6ffffff 0x0000000000040200\n0x00000000e0000000 0x00000000efffffff 0x000000000014220c\n${'0x0000000000000000 0x0000000000000000 0x0000000000000000\n'.repeat(11)}`,
  };
  fx = buildHost(
    {
      iomem: 'e0000000-efffffff : 0000:01:00.0\n  e0000000-e07e8fff : BOOTFB\n',
      kernelLog: [
        '[    0.000000] Linux version 6.1.0-18-amd64',
        "[    5.140511] vfio-pci 0000:01:00.0: BAR 1: can't reserve [mem 0xe0000000-0xefffffff 64bit pref]",
      ],
    },
    {
      rootComplexes: [
        {
          devices: [
            { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
            // Intel IGD (UHD 630) at 00:02.0, for the DMAR fault transient.
            {
              kind: 'endpoint',
              dev: 2,
              class: CLASS.vga,
              vendor: 0x8086,
              device: 0x3e92,
              group: 2,
              driver: 'i915',
            },
            { kind: 'root-port', dev: 1, acs: true, group: 1, driver: 'pcieport', children: [gpu] },
          ],
        },
      ],
    },
  );
});
after(() => fx.cleanup());

test('group not viable: names the group members and exactly what to bind', () => {
  const r = runCli(['--root', fx.dir, 'diagnose', NOT_VIABLE]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /✗ IOMMU group not viable/);
  assert.match(
    r.stdout,
    /on this host: 0000:01:00\.0 \[10de:1b80\] class 030000, driver vfio-pci, IOMMU group 4/,
  );
  assert.match(
    r.stdout,
    /group 4 is not viable now: 0000:01:00\.0 on vfio-pci, 0000:01:00\.1 on snd_hda_intel \(blocks\)/,
  );
  assert.match(r.stdout, /fix: bind 0000:01:00\.1 to vfio-pci/);
  assert.match(r.stdout, /source: qemu, qemu\/qemu hw\/vfio\/container\.c/);
});

test("BAR can't reserve from the snapshot kernel log (--dmesg): names the framebuffer holding the BAR", () => {
  const r = runCli(['--root', fx.dir, 'diagnose', '--dmesg']);
  assert.equal(r.status, 1, r.stderr);
  // Two lines and a trailing newline: two lines.
  assert.match(r.stdout, /in 2 lines \(\/vfiokit\/dmesg\.txt\)/);
  assert.match(r.stdout, /BAR 1 \[mem 0xe0000000-0xefffffff\] holds: BOOTFB \[0xe0000000-0xe07e8fff\]/);
  assert.match(r.stdout, /fix: a firmware framebuffer holds the BAR: .*initcall_blacklist=sysfb_init/);
});

test('-f FILE, standard input and --json', () => {
  const file = path.join(fx.dir, 'qemu.log');
  fs.writeFileSync(
    file,
    `${NOT_VIABLE}\nPlease ensure all devices within the iommu_group are bound to their vfio bus driver.\n`,
  );
  const a = runCli(['--root', fx.dir, '--json', 'diagnose', '-f', file]);
  const j = JSON.parse(a.stdout);
  assert.equal(j.schema, 'vfiokit.diagnose/2');
  assert.equal(j.lines, 2);
  assert.equal(j.findings[0].id, 'qemu.group-not-viable');
  assert.equal(j.findings[0].device, '0000:01:00.0');
  assert.equal(j.findings[0].group, 4);
  assert.deepEqual(j.findings[0].host.group.mustBind, ['0000:01:00.1']);
  const b = runCli(['--root', fx.dir, 'diagnose'], {
    input: 'vfio-pci 0000:01:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff\n',
  });
  assert.equal(b.status, 0, 'a warning alone is not a failure');
  assert.match(b.stdout, /! The ROM BAR holds no option ROM/);
  const c = runCli(['--root', fx.dir, 'diagnose', 'all good here']);
  assert.equal(c.status, 0);
  assert.match(c.stdout, /No known VFIO message in 1 line/);
});

test('errors: two inputs (usage, 2), a missing file (environment, 3), a snapshot without kernel log (3)', () => {
  const two = runCli(['--root', fx.dir, 'diagnose', 'text', '-f', '/etc/hostname']);
  assert.equal(two.status, 2);
  assert.equal(two.stderr.trim().split('\n').length, 1);
  const missing = runCli(['--root', fx.dir, 'diagnose', '-f', '/nonexistent/qemu.log']);
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /cannot read \/nonexistent\/qemu\.log: ENOENT \(hint: /);
  const empty = buildHost({});
  try {
    const r = runCli(['--root', empty.dir, 'diagnose', '--dmesg']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /cannot read kernel messages/);
  } finally {
    empty.cleanup();
  }
});

test('DMAR faults from the IGD: a few after assignment are expected, a stream is not', () => {
  const fault = (i: number) =>
    `[  20${i}.0] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f80${i}000 [fault reason 0x06] PTE Read access is not set`;
  const few = runCli(['--root', fx.dir, 'diagnose'], { input: [0, 1, 2].map(fault).join('\n') });
  assert.match(few.stdout, /Intel IOMMU DMA fault \(3 times\)/);
  assert.match(
    few.stdout,
    /3 faults from 0000:00:02\.0 \(Intel IGD\): a few right after assignment are expected/,
  );
  const many = runCli(['--root', fx.dir, 'diagnose'], {
    input: Array.from({ length: 40 }, (_, i) => fault(i)).join('\n'),
  });
  assert.match(many.stdout, /40 faults from 0000:00:02\.0: ongoing, not the start-up transient/);
});

test('vfio-pci probe failing with -22 on a host without IOMMU groups: the fix is the IOMMU', () => {
  const off = buildHost(
    {},
    {
      iommu: false,
      rootComplexes: [{ devices: [{ kind: 'root-port', dev: 1, children: [gpuWithAudio({})] }] }],
    },
  );
  try {
    const r = runCli([
      '--root',
      off.dir,
      'diagnose',
      '[    4.30] vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22',
    ]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /on this host: this host has no IOMMU groups: the IOMMU is off/);
    assert.match(r.stdout, /fix: enable the IOMMU/);
  } finally {
    off.cleanup();
  }
});
