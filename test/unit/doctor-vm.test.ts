// `vfiokit doctor --vm FILE` through the bundled CLI: a libvirt domain or a QEMU launch script
// checked against a fixture host: the VM's devices, their groups and slots, the ROM it gives the
// guest judged for its firmware, and its memory backing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { CLASS, gpuWithAudio } from '../helpers/fixture-builder.js';
import { buildHost, type HostFixture } from '../helpers/host-fixture.js';
import { legacyRomImage } from '../helpers/rom-image.js';

let host: HostFixture;

before(() => {
  host = buildHost(
    {
      cmdline: 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro intel_iommu=on iommu=pt',
      loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci', 'vfio_pci_core', 'kvm', 'kvm_intel'],
      kernelLog: ['[    0.811209] DMAR-IR: Enabled IRQ remapping in x2apic mode'],
      hugepages: [{ sizeKb: 2048, total: 0, free: 0 }],
      iomem: '00000000-00000fff : Reserved\n',
    },
    {
      rootComplexes: [
        {
          devices: [
            { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: 0 },
            {
              kind: 'root-port',
              dev: 1,
              acs: true,
              group: 1,
              driver: 'pcieport',
              children: [
                gpuWithAudio({ groups: 2, driver: 'nouveau', audioDriver: 'snd_hda_intel', bootVga: false }),
              ],
            },
            {
              kind: 'root-port',
              dev: 2,
              acs: true,
              group: 4,
              driver: 'pcieport',
              children: [
                {
                  kind: 'multi',
                  functions: [
                    { class: CLASS.ethernet, vendor: 0x8086, device: 0x10d3, driver: 'vfio-pci', group: 5 },
                    { class: CLASS.usbXhci, vendor: 0x1b36, device: 0x000d, driver: 'xhci_hcd', group: 5 },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  );
  fs.mkdirSync(path.join(host.dir, 'roms'));
  fs.writeFileSync(path.join(host.dir, 'roms/legacy.rom'), legacyRomImage(0x10de, 0x1b80));
  fs.writeFileSync(
    path.join(host.dir, 'win.xml'),
    `<domain type='kvm'>
  <name>win11</name>
  <memory unit='GiB'>8</memory>
  <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>
      <rom file='/roms/legacy.rom'/>
    </hostdev>
    <hostdev mode='subsystem' type='pci' managed='no'>
      <source><address domain='0x0000' bus='0x02' slot='0x00' function='0x0'/></source>
    </hostdev>
  </devices>
</domain>
`,
  );
  fs.writeFileSync(
    path.join(host.dir, 'run.sh'),
    `#!/bin/sh
exec qemu-system-x86_64 -enable-kvm -m 8G -mem-path /dev/hugepages \\
  -device vfio-pci,host=01:00.0,multifunction=on,romfile=/roms/legacy.rom \\
  -device vfio-pci,host=01:00.1
`,
  );
});
after(() => host.cleanup());

const doctor = (...args: string[]) => runCli(['--root', host.dir, 'doctor', ...args], { cwd: host.dir });
interface CheckJson {
  id: string;
  device?: string;
  verdict: string;
  evidence: string[];
  fix?: string;
}
const checkOf = (j: { checks: CheckJson[] }, id: string, device?: string): CheckJson => {
  const c = j.checks.find((x) => x.id === id && (device === undefined || x.device === device));
  assert.ok(c, `no check ${id}${device ? ` for ${device}` : ''}`);
  return c;
};

test('libvirt domain: a left-out HDMI function, a group the VM leaves half-bound, OVMF with a BIOS-only ROM', () => {
  const r = doctor('--vm', 'win.xml', '--json');
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.vm, {
    file: 'win.xml',
    format: 'libvirt',
    name: 'win11',
    devices: ['0000:01:00.0', '0000:02:00.0'],
    firmware: 'ovmf',
  });
  assert.deepEqual(j.devices, ['0000:01:00.0', '0000:02:00.0']);
  assert.equal(j.memoryBytes, 8 * 2 ** 30);
  const dev = checkOf(j, 'vm.devices');
  assert.equal(dev.verdict, 'fail');
  assert.ok(dev.evidence.includes('0000:01:00.0: the VM leaves out 0000:01:00.1 of the same card'));
  assert.ok(
    dev.evidence.includes('IOMMU group 5: 0000:02:00.1 on xhci_hcd not in the VM'),
    dev.evidence.join('\n'),
  );
  assert.match(dev.fix ?? '', /bind 0000:02:00\.1 to vfio-pci \(they need not be assigned\)/);
  const rom = checkOf(j, 'gpu.rom', '0000:01:00.0');
  assert.equal(rom.verdict, 'fail');
  assert.match(
    rom.evidence[0],
    /^the VM's ROM file \/roms\/legacy\.rom: 512 bytes; images: x86 BIOS at 0x0$/,
  );
  assert.ok(rom.evidence.some((e) => /boots OVMF/.test(e)));
  // managed='yes' takes the GPU from nouveau at start, but only once nothing uses it.
  const drv = checkOf(j, 'gpu.driver', '0000:01:00.0');
  assert.equal(drv.verdict, 'warn');
  assert.match(drv.fix ?? '', /stop the display server/);
  assert.equal(checkOf(j, 'hugepages.pool').verdict, 'ok', 'the domain does not use hugepages');
  assert.equal(checkOf(j, 'vm.definition').verdict, 'ok');

  const text = doctor('--vm', 'win.xml');
  assert.match(text.stdout.split('\n')[1], /^checking VM win11 \(libvirt domain win\.xml\)$/);
  assert.match(text.stdout, /^The VM$/m);
  assert.match(text.stdout, /✗ Assigned devices and their groups/);
});

test('QEMU script: SeaBIOS makes a BIOS-only ROM fine; -mem-path needs a hugepage pool it does not have', () => {
  const j = JSON.parse(doctor('--vm', 'run.sh', '--json').stdout);
  assert.equal(j.vm.firmware, 'seabios');
  assert.deepEqual(j.devices, ['0000:01:00.0', '0000:01:00.1']);
  const rom = checkOf(j, 'gpu.rom', '0000:01:00.0');
  assert.equal(rom.verdict, 'ok');
  assert.ok(rom.evidence.some((e) => /boots SeaBIOS/.test(e)));
  const hp = checkOf(j, 'hugepages.pool');
  assert.equal(hp.verdict, 'fail');
  assert.match(hp.fix ?? '', /^reserve 4096 pages of 2 MiB/);
  const dev = checkOf(j, 'vm.devices');
  assert.equal(dev.verdict, 'ok', dev.evidence.join('\n'));
  // --memory still overrides the VM's own size.
  const small = JSON.parse(doctor('--vm', 'run.sh', '--memory', '2G', '--json').stdout);
  assert.match(checkOf(small, 'hugepages.pool').fix ?? '', /^reserve 1024 pages/);
});

test('a script whose devices are only known at run time: the definition warns, the GPUs are checked', () => {
  fs.writeFileSync(
    path.join(host.dir, 'dyn.sh'),
    'GPU=$(lspci -D | grep VGA | cut -d" " -f1)\nqemu-system-x86_64 -m 4G -device vfio-pci,host=$GPU\n',
  );
  const j = JSON.parse(doctor('--vm', 'dyn.sh', '--json').stdout);
  const def = checkOf(j, 'vm.definition');
  assert.equal(def.verdict, 'warn');
  assert.ok(
    def.evidence.some((e) => /^line 2: vfio-pci host=\$GPU is only known when the script runs/.test(e)),
  );
  assert.deepEqual(j.devices, ['0000:01:00.0']);
});

test('a device the host does not have fails with its line; bad files are one-line errors', () => {
  fs.writeFileSync(
    path.join(host.dir, 'other.xml'),
    "<domain type='kvm'><name>o</name><memory>1048576</memory><devices>\n<hostdev mode='subsystem' type='pci'><source><address bus='0x0a' slot='0x00' function='0x0'/></source></hostdev></devices></domain>",
  );
  const j = JSON.parse(doctor('--vm', 'other.xml', '--json').stdout);
  const dev = checkOf(j, 'vm.devices');
  assert.equal(dev.verdict, 'fail');
  assert.ok(dev.evidence.includes('0000:0a:00.0 (line 2): no such PCI device on this host'));
  assert.equal(j.mostImportant.id, 'vm.devices');

  fs.writeFileSync(
    path.join(host.dir, 'bad.xml'),
    '<domain>\n  <devices>\n    <hostdev>\n  </devices>\n</domain>\n',
  );
  for (const [args, code, re] of [
    [['--vm', 'nope.xml'], 3, /^vfiokit: VM definition nope\.xml does not exist \(hint: /],
    [['--vm', 'bad.xml'], 2, /^vfiokit: bad\.xml:\d+:\d+: not well-formed XML: .*\(hint: /],
    [['--vm', 'roms/legacy.rom'], 2, /^vfiokit: roms\/legacy\.rom is a binary file, not a VM definition/],
  ] as const) {
    const r = doctor(...args);
    assert.equal(r.status, code, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});
