// The patterns agree with the recorded source format strings: each format (as the source has it)
// is rendered the way printf would, with realistic values and the prefix its producer adds
// (dev_printk's "driver BDF: ", pr_fmt's "DMAR: ", QEMU's "qemu-system-x86_64: "), and the entry
// must recognise the result. A pattern edited away from the real text fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { matchLine } from '../../src/readiness/diagnose/matcher.js';

/**
 * printf as the C sources use it: flags, width, length modifiers, %p and %px (given as text), %pR,
 * %pe (an error name), %m, positional %1$s, edk2's %a (an ASCII string); Go's %v and %w (fmt.Errorf) print their argument as text and
 * %q double-quoted; Python's %(name)s takes the next argument (the arguments are given in the order
 * the names appear).
 */
export function printf(format: string, args: (string | number)[]): string {
  let next = 0;
  return format.replace(
    /%(?:(\d+)\$|\(\w+\))?([-#0 +]*)(\d*)(?:\.\d+)?(?:hh|h|ll|l|L|j|z)?(pR|pr|pe|px|p|[diouxXscmvwqa%])/g,
    (_all, pos: string | undefined, flags: string, width: string, conv: string) => {
      if (conv === '%') return '%';
      const v = pos ? args[Number(pos) - 1] : args[next++];
      if (conv === 'q') return `"${String(v)}"`;
      if (
        conv === 'm' ||
        conv === 'pR' ||
        conv === 'pr' ||
        conv === 'pe' ||
        conv === 'px' ||
        conv === 'p' ||
        conv === 'a' ||
        conv === 's' ||
        conv === 'c' ||
        conv === 'v' ||
        conv === 'w'
      )
        return String(v);
      let n = Number(v);
      let s = conv === 'x' || conv === 'X' ? n.toString(16) : String(Math.trunc(n));
      if (conv === 'X') s = s.toUpperCase();
      const alt = flags.includes('#') && (conv === 'x' || conv === 'X') && n !== 0;
      const w = width ? Number(width) : 0;
      if (flags.includes('0')) s = s.padStart(Math.max(0, w - (alt ? 2 : 0)), '0');
      if (alt) s = `0x${s}`;
      n = 0;
      return s.padStart(w, ' ');
    },
  );
}

/** prefix + arguments for each entry's first format line. */
const RENDER: Record<string, readonly [string, (string | number)[]]> = {
  'qemu.group-not-viable': [
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: ',
    [1],
  ],
  'qemu.device-from-group': [
    'qemu-system-x86_64: -device vfio-pci,host=0000:08:00.0: vfio 0000:08:00.0: ',
    [22, 'No such device'],
  ],
  'qemu.set-iommu-container': [
    'qemu-system-x86_64: -device vfio-pci,host=0000:0b:00.0: vfio 0000:0b:00.0: ',
    [16, 'Operation not permitted'],
  ],
  'kernel.no-interrupt-remapping': ['', ['vfio_iommu_type1_attach_group']],
  'kernel.rmrr-ineligible': ['vfio-pci 0000:0b:00.0: ', []],
  'qemu.bar-mmap-failed': ['qemu-system-x86_64: ', ['0000:01:00.0', 1]],
  'kernel.bar-cant-reserve': ['vfio-pci 0000:0b:00.0: ', [0, '[mem 0xe0000000-0xefffffff 64bit pref]']],
  'kernel.rom-header-signature': ['vfio-pci 0000:02:00.0: ', [0xffff]],
  'qemu.rom-contents-invalid': ['', []],
  'qemu.cannot-read-rom': ['qemu-system-x86_64: ', ['0000:02:00.0']],
  'pciutils.unknown-header-type': [
    '01:00.0 VGA compatible controller: NVIDIA Corporation GP104 (rev ff) (prog-if ff)\n',
    [0x7f],
  ],
  'kernel.unknown-header-type': ['pci 0000:0c:00.0: ', [0x7f]],
  'kernel.dmar-fault': ['DMAR: ', ['DMA Read', 0, 2, 0, 0x7f800000, 6, 'PTE Read access is not set']],
  'kernel.amd-io-page-fault': ['AMD-Vi: ', [0, 4, 0, 0, 0, 0x10b4a01e0, 0x70]],
  'kernel.reset-timeout': ['vfio-pci 0000:0c:00.0: ', [65535, 'FLR']],
  'kernel.power-state-inaccessible': ['vfio-pci 0000:0c:00.0: ', ['D3cold', 'D0']],
  'qemu.stuck-in-d3': ['qemu-system-x86_64: ', [3]],
  'qemu.no-reset-mechanism': ['qemu-system-x86_64: ', ['0000:03:00.1']],
  'qemu.hot-reset-group-not-owned': ['qemu-system-x86_64: ', ['0000:01:00.1', 14]],
  'kernel.probe-failed': ['vfio-pci 0000:01:00.0: ', ['vfio-pci', -22]],
  'kernel.memlock-exceeded': ['', ['vfio_pin_pages_remote', 65536]],
  'qemu.hugepage-map-failed': [
    'qemu-system-x86_64: -object memory-backend-file,id=ram0,mem-path=/dev/hugepages: ',
    ['Cannot allocate memory'],
  ],
  'libvirt.hugetlbfs-missing': ['error: internal error: ', []],
  'libvirt.device-in-use': ['error: Requested operation is not valid: ', ['0000:01:00.0', 'QEMU', 'win10']],
  'libvirt.no-vfio-support': ['error: unsupported configuration: ', []],
  'libvirt.no-passthrough-support': ['error: unsupported configuration: ', []],
  'patch.acs-override-enabled': ['', []],
  'kernel.unknown-cmdline-parameters': ['', ['BOOT_IMAGE=/vmlinuz pcie_acs_override=downstream']],
  'kernel.iommu-unknown-option': ['AMD-Vi: ', ['on']],
  'windows.code-43': ['', []],
};

test('printf renders the C conversions used in the catalogue', () => {
  assert.equal(printf('got %#06x', [0xffff]), 'got 0xffff');
  assert.equal(printf('[%02x:%02x.%d]', [0, 2, 0]), '[00:02.0]');
  assert.equal(printf('%04x:%02x', [0, 4]), '0000:04');
  assert.equal(printf('%2$s-%1$s', ['a', 'b']), 'b-a');
  assert.equal(printf('0x%llx %ld %pR', [255, -22, '[mem 0x0-0xf]']), '0xff -22 [mem 0x0-0xf]');
  assert.equal(printf('f(%p, 0x%lx) = %d', ['0x55d0', 4096, -12]), 'f(0x55d0, 0x1000) = -12');
  assert.equal(printf('failed (%pe)', ['-ENOSPC']), 'failed (-ENOSPC)');
  assert.equal(printf('at %px sp %px', ['7fb6e9a6', '7fb6da24']), 'at 7fb6e9a6 sp 7fb6da24');
  assert.equal(printf('Type - %02x(%a)', [14, '#PF - Page-Fault']), 'Type - 0e(#PF - Page-Fault)');
  assert.equal(
    printf('rlimit type %v: %w', [8, 'operation not permitted']),
    'rlimit type 8: operation not permitted',
  );
  assert.equal(printf('Parent device %q: %w', ['eth0', 'busy']), 'Parent device "eth0": busy');
  assert.equal(
    printf('PCI device %(compute_node_id)s:%(address)s', [3, '0000:81:00.1']),
    'PCI device 3:0000:81:00.1',
  );
});

for (const e of CATALOGUE) {
  test(`${e.id}: its source format, rendered, is recognised`, () => {
    const r = e.render ? ([e.render.prefix, e.render.args] as const) : RENDER[e.id];
    assert.ok(r, `no rendering arguments for ${e.id} (give the entry a render field)`);
    const first = e.format.split('\n')[0];
    const line = r[0] + printf(first, r[1]).replace(/\n$/, '');
    const last = line.split('\n').pop()!;
    assert.ok(
      matchLine(last).some((m) => m.entry.id === e.id),
      `${e.id} does not recognise its own format rendered as:\n${last}`,
    );
  });
}
