// When config space gives the class the kernel shows (src/pci/kernel-class.ts). The expected
// values are the kernel's rules, each cited: drivers/pci/probe.c pci_setup_device (the
// header/class check), drivers/pci/iov.c pci_read_vf_config_common (VF 0's class for every VF),
// drivers/pci/quirks.c (fixups that assign pdev->class; read from a v6.19 tree) and
// drivers/ata/ahci.c ahci_mcp89_apple_enable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classFromConfig, vfClass } from '../../src/pci/kernel-class.js';

/** A 64-byte header (what a non-root reader gets) with this class and header type. */
function header(cls: number, type = 0): Uint8Array {
  const b = new Uint8Array(64);
  b[0x09] = cls & 0xff;
  b[0x0a] = (cls >> 8) & 0xff;
  b[0x0b] = cls >> 16;
  b[0x0e] = type;
  return b;
}

const plain = { vendorId: 0x10de, deviceId: 0x2684 };

test('an ordinary device: the class its config holds, prog-if included, multifunction bit ignored', () => {
  assert.equal(classFromConfig(header(0x030000), plain), 0x030000);
  assert.equal(classFromConfig(header(0x0c0330, 0x80), plain), 0x0c0330);
  assert.equal(classFromConfig(header(0x060400, 1), plain), 0x060400);
  assert.equal(classFromConfig(header(0x060700, 2), plain), 0x060700);
  // Config cut short before the header type: nothing to judge by.
  assert.equal(classFromConfig(header(0x030000).subarray(0, 12), plain), undefined);
});

test('pci_setup_device: a class its header type cannot have is 000000 in the kernel: the attribute decides', () => {
  // "ignoring class %#08x (doesn't match header type %02x)".
  assert.equal(classFromConfig(header(0x060400, 0), plain), undefined);
  assert.equal(classFromConfig(header(0x060000, 2), plain), undefined);
  // Type 1 without the bridge class: caught by kernels before about 5.4 only.
  assert.equal(classFromConfig(header(0x060000, 1), plain), undefined);
  // Header types 3-0x7f: the kernel ignores the device ("unknown header type").
  assert.equal(classFromConfig(header(0x030000, 3), plain), undefined);
  // All ones: a function that does not answer now; the attribute is the class found at boot.
  assert.equal(classFromConfig(header(0xffffff, 0x7f), plain), undefined);
});

test('every vendor:device a quirks.c fixup assigns a class to reads the attribute', () => {
  const fixed: [number, number, string][] = [
    [0x1022, 0x7912, 'quirk_amd_dwc_class'],
    [0x1022, 0x163a, 'quirk_amd_dwc_class'],
    [0x16c3, 0xabcd, 'quirk_synopsys_haps'],
    [0x16c3, 0xabce, 'quirk_synopsys_haps'],
    [0x16c3, 0xabcf, 'quirk_synopsys_haps'],
    [0x1002, 0x4380, 'quirk_amd_ide_mode'],
    [0x1002, 0x4390, 'quirk_amd_ide_mode'],
    [0x1022, 0x7800, 'quirk_amd_ide_mode'],
    [0x1022, 0x7900, 'quirk_amd_ide_mode'],
    [0x1166, 0x0212, 'quirk_svwks_csb5ide'],
    [0x8086, 0x248a, 'quirk_ide_samemode'],
    [0x8086, 0x0482, 'quirk_eisa_bridge'],
    ...[0x2360, 0x2361, 0x2362, 0x2363, 0x2364, 0x2365, 0x2366, 0x2368, 0x2369].map(
      (d): [number, number, string] => [0x197b, d, 'quirk_jmicron_ata'],
    ),
    ...[0x9735, 0x9745, 0x9835, 0x9845, 0x9855].map((d): [number, number, string] => [
      0x9710,
      d,
      'quirk_netmos',
    ]),
    [0x1000, 0x0001, 'fixup_rev1_53c810'],
    [0x104c, 0xb800, 'fixup_ti816x_class'],
    ...[0x6864, 0x6865, 0x6868, 0x6869].map((d): [number, number, string] => [
      0x1797,
      d,
      'quirk_tw686x_class',
    ]),
    [0x1ac1, 0x089a, 'apex_pci_fixup_class'],
  ];
  assert.equal(fixed.length, 33);
  for (const [vendorId, deviceId, fixup] of fixed)
    assert.equal(classFromConfig(header(0x0c0330), { vendorId, deviceId }), undefined, fixup);
  // Their neighbours are not fixed up.
  assert.equal(classFromConfig(header(0x0c0330), { vendorId: 0x1022, deviceId: 0x7913 }), 0x0c0330);
  assert.equal(classFromConfig(header(0x070002), { vendorId: 0x9710, deviceId: 0x9900 }), 0x070002);
});

test('NVIDIA MCP89 SATA in an Apple machine: ahci.c rewrites the class register after boot', () => {
  const apple = { vendorId: 0x10de, deviceId: 0x0d85, subsystemVendorId: 0x106b, subsystemDeviceId: 0xcb89 };
  assert.equal(classFromConfig(header(0x010601), apple), undefined);
  assert.equal(classFromConfig(header(0x010601), { ...apple, subsystemDeviceId: 0xcb88 }), 0x010601);
});

test('a VF shows VF 0’s class: known when its own config agrees with VF 0’s', () => {
  assert.equal(vfClass(0x020000, 0x020000), 0x020000);
  // 4.17 and later show VF 0's, older kernels its own: which one this kernel shows is not known.
  assert.equal(vfClass(0x028000, 0x020000), undefined);
  assert.equal(vfClass(0x020000, undefined), undefined);
  assert.equal(vfClass(undefined, 0x020000), undefined);
});
