// Golden outputs of `config qemu` and `config libvirt` over the matrix the issue names, rendered
// from the spec files in test/fixtures/vm-spec/spec against the test host (test/helpers/vm-host.ts).
// UPDATE_GOLDEN=1 rewrites them; a change then shows in review as a diff of the two outputs.
// The expected facts asserted beside the goldens come from the spec and public documents, not
// from the renderers: libvirt and QEMU accept them in vm-libvirt-oracle and vm-qemu-qmp tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lookingGlassBytes } from '../../src/vm/model.js';
import { parseVmSpec } from '../../src/vm/spec/parse-spec.js';
import { buildFixture, CLASS, gpuWithAudio } from '../helpers/fixture-builder.js';
import { GOLDEN_DIR, MATRIX, modelFor, renderSpec } from '../helpers/vm-host.js';

test('golden outputs of the spec matrix', () => {
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  let n = 0;
  for (const name of MATRIX) {
    const r = renderSpec(name);
    for (const [ext, text] of [
      ['qemu.sh', `${r.shell}\n`],
      ['xml', r.xml],
    ] as const) {
      const file = path.join(GOLDEN_DIR, `${name}.${ext}`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
      assert.equal(text, fs.readFileSync(file, 'utf8'), `${name}.${ext} differs from the golden file`);
      n++;
    }
  }
  assert.equal(n, MATRIX.length * 2);
});

test('Nvidia GPU with its audio: one guest slot, function 0 multifunction, KVM hidden, vendor_id', () => {
  const r = renderSpec('nvidia-legacy-free');
  const vfio = r.qemu.filter((a) => a.startsWith('vfio-pci,'));
  assert.equal(vfio.length, 2);
  assert.match(vfio[0], /host=0000:01:00\.0,.*bus=pci\.1,addr=0x0\.0x0,multifunction=on/);
  assert.match(vfio[1], /host=0000:01:00\.1,.*bus=pci\.1,addr=0x0\.0x1/);
  assert.ok(!vfio.some((a) => a.includes('x-vga')));
  const cpu = r.qemu[r.qemu.indexOf('-cpu') + 1];
  assert.match(cpu, /kvm=off/);
  assert.match(cpu, /hv_vendor_id=0123456789ab/);
  assert.match(r.xml, /<kvm>\s*<hidden state='on'\/>\s*<\/kvm>/);
  assert.match(r.xml, /<vendor_id state='on' value='0123456789ab'\/>/);
  // Secure boot: the enrolled-keys build (Debian's 40-edk2-x86_64-secure-enrolled.json) with SMM.
  assert.match(
    r.xml,
    /<loader readonly='yes' secure='yes' type='pflash' format='raw'>\/usr\/share\/OVMF\/OVMF_CODE_4M\.ms\.fd<\/loader>/,
  );
  assert.match(r.xml, /<smm state='on'\/>/);
  assert.ok(!/firmware='efi'/.test(r.xml), 'no firmware autoselection next to a readonly loader');
});

test('VGA assignment: x-vga=on on the GPU in both outputs', () => {
  const r = renderSpec('vga-seabios');
  assert.equal(r.qemu.filter((a) => a.includes('x-vga=on')).length, 1);
  assert.match(r.xml, /<qemu:property name='x-vga' type='bool' value='true'\/>/);
  assert.match(r.xml, /<alias name='ua-hostdev0'\/>/);
  assert.ok(!r.qemu.includes('if=pflash'));
});

test('i440fx: devices on pci.0, no root ports, and the warning', () => {
  const r = renderSpec('i440fx');
  assert.ok(!r.qemu.some((a) => a.startsWith('pcie-root-port')));
  assert.ok(r.qemu.filter((a) => a.startsWith('vfio-pci,')).every((a) => a.includes('bus=pci.0')));
  assert.equal(r.model.warnings.length, 1);
  assert.match(r.model.warnings[0], /i440fx.*PCIe root port/);
});

test('1G hugepages and pinning in both outputs', () => {
  const r = renderSpec('hugepages-1g-pinned');
  assert.ok(r.qemu.some((a) => a.includes('hugetlb=on,hugetlbsize=1G')));
  assert.match(r.xml, /<page size='1048576' unit='KiB'\/>/);
  const pins = [...r.xml.matchAll(/<vcpupin vcpu='(\d+)' cpuset='([^']+)'\/>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(pins, [
    ['0', '2'],
    ['1', '8'],
    ['2', '3'],
    ['3', '9'],
    ['4', '4'],
    ['5', '10'],
    ['6', '5'],
    ['7', '11'],
  ]);
  assert.match(r.xml, /<emulatorpin cpuset='0-1,6-7'\/>/);
  assert.match(r.xml, /<iothreadpin iothread='1' cpuset='0-1'\/>/);
  assert.ok(r.qemu.includes('iothread,id=iothread1'));
});

test('Looking Glass: the IVSHMEM size follows the Looking Glass formula', () => {
  // looking-glass.io "Determining memory": 1920x1080 → 32 MiB is the documentation's own example.
  assert.equal(lookingGlassBytes(1920, 1080), 32 * 1024 ** 2);
  // 2560 × 1440 × 4 × 2 = 29,491,200 B = 28.1 MiB; + 10 MiB = 38.1 MiB → 64 MiB.
  assert.equal(lookingGlassBytes(2560, 1440), 64 * 1024 ** 2);
  // 3840 × 2160 × 4 × 2 = 63.3 MiB; + 10 → 128 MiB. HDR doubles the pixel size: 136.6 → 256 MiB.
  assert.equal(lookingGlassBytes(3840, 2160), 128 * 1024 ** 2);
  assert.equal(lookingGlassBytes(3840, 2160, true), 256 * 1024 ** 2);
  const r = renderSpec('looking-glass');
  assert.match(r.xml, /<size unit='M'>64<\/size>/);
  assert.ok(r.qemu.some((a) => a.includes('mem-path=/dev/shm/looking-glass,size=64M,share=on')));
  assert.ok(r.qemu.some((a) => a.includes('grab-toggle=ctrl-ctrl')));
  assert.match(r.xml, /grabToggle='ctrl-ctrl'/);
});

test("a GPU's function named in its own entry joins the GPU's guest slot with its own options", () => {
  const spec = parseVmSpec(
    'name: s\nmemory: 4G\ncpu: {cores: 2}\ndevices:\n  - gpuOfGroup: 1\n  - address: "0000:01:00.1"\n    rombar: false\n',
    's.yaml',
  );
  const m = modelFor(spec);
  assert.deepEqual(
    m.hostdevs.map((h) => [h.host, h.guest.bus, h.guest.slot, h.guest.fn, h.companion, h.rombar]),
    [
      ['0000:01:00.0', 'pci.1', 0, 0, false, undefined],
      ['0000:01:00.1', 'pci.1', 0, 1, false, false],
    ],
  );
  assert.equal(m.rootPorts.length, 1);
});

test('functions: this assigns the GPU alone', () => {
  const spec = parseVmSpec(
    'name: s\nmemory: 4G\ncpu: {cores: 2}\ndevices:\n  - gpuOfGroup: 2\n    functions: this\n',
    's.yaml',
  );
  assert.deepEqual(
    modelFor(spec).hostdevs.map((h) => h.host),
    ['0000:02:00.0'],
  );
});

test('a Turing-style card (VGA, HDMI audio, USB-C xHCI, UCSI): four functions of one guest slot', () => {
  // Nvidia Turing cards expose 10de:1e87 VGA, 10de:10f8 audio, 10de:1ad8 USB 3.1, 10de:1ad9 UCSI.
  const card = gpuWithAudio({
    groups: 1,
    device: 0x1e87,
    audioDevice: 0x10f8,
    driver: 'vfio-pci',
    audioDriver: 'vfio-pci',
  });
  card.functions.push(
    { vendor: 0x10de, device: 0x1ad8, class: CLASS.usbXhci, group: 1, driver: 'vfio-pci' },
    { vendor: 0x10de, device: 0x1ad9, class: 0x0c8000, group: 1, driver: 'vfio-pci' },
  );
  const fx = buildFixture({
    rootComplexes: [
      {
        devices: [
          {
            kind: 'endpoint',
            class: CLASS.hostBridge,
            vendor: 0x8086,
            device: 0x3e30,
            group: 0,
            pcie: false,
          },
          { kind: 'root-port', dev: 1, acs: true, group: 4, driver: 'pcieport', children: [card] },
        ],
      },
    ],
  });
  try {
    const m = modelFor(
      parseVmSpec('name: t\nmemory: 4G\ncpu: {cores: 2}\ndevices:\n  - id: "10de:1e87"\n', 't.yaml'),
      fx,
    );
    assert.deepEqual(
      m.hostdevs.map((h) => [h.host, h.guest.bus, h.guest.slot, h.guest.fn, h.guest.multifunction ?? false]),
      [
        ['0000:01:00.0', 'pci.1', 0, 0, true],
        ['0000:01:00.1', 'pci.1', 0, 1, false],
        ['0000:01:00.2', 'pci.1', 0, 2, false],
        ['0000:01:00.3', 'pci.1', 0, 3, false],
      ],
    );
  } finally {
    fx.cleanup();
  }
});
