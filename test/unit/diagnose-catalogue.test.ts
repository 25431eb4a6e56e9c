// Every catalogue entry against the real message text as its source prints it (format strings
// looked up in torvalds/linux, qemu/qemu, libvirt/libvirt, pciutils; realistic values filled in),
// plus lines that must NOT match, so a pattern that is too loose fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { diagnoseText, matchLine } from '../../src/readiness/diagnose/matcher.js';

interface Example {
  line: string;
  device?: string;
  group?: number;
  values?: Record<string, string>;
}

/** Real output, in the shape each producer prints it (kernel lines as dmesg shows them). */
const EXAMPLES: Record<string, Example[]> = {
  'qemu.group-not-viable': [
    {
      line: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0,bus=pci.3,addr=0x0: vfio 0000:01:00.0: group 1 is not viable',
      device: '0000:01:00.0',
      group: 1,
    },
    {
      // libvirt relays QEMU's error (issue: '"group is not viable" from libvirt')
      line: 'error: internal error: qemu unexpectedly closed the monitor: 2022-07-12T22:08:31.781466Z qemu-system-x86_64: -device vfio-pci,host=0000:06:00.0,id=hostdev0,bus=pci.7,addr=0x0: vfio 0000:06:00.0: group 7 is not viable',
      device: '0000:06:00.0',
      group: 7,
    },
    {
      line: 'vfio: error, group 11 is not viable, please ensure all devices within the iommu_group are bound to their vfio bus driver.',
      group: 11,
    },
  ],
  'qemu.device-from-group': [
    {
      line: 'qemu-system-x86_64: -device vfio-pci,host=0000:08:00.0: vfio 0000:08:00.0: error getting device from group 22: No such device',
      device: '0000:08:00.0',
      group: 22,
      values: { err: 'No such device' },
    },
    {
      line: 'Verify all devices in group 22 are bound to vfio-<bus> or pci-stub and not already in use',
      group: 22,
    },
  ],
  'qemu.set-iommu-container': [
    {
      line: 'qemu-system-x86_64: -device vfio-pci,host=0000:0b:00.0: vfio 0000:0b:00.0: failed to setup container for group 16: Failed to set iommu for container: Operation not permitted',
      device: '0000:0b:00.0',
      group: 16,
      values: { err: 'Operation not permitted' },
    },
    {
      line: 'vfio: failed to set iommu for container: Operation not permitted',
      values: { err: 'Operation not permitted' },
    },
  ],
  'kernel.no-interrupt-remapping': [
    {
      line: '[  112.514313] vfio_iommu_type1_attach_group: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform',
    },
  ],
  'kernel.rmrr-ineligible': [
    {
      line: '[  116.814073] vfio-pci 0000:0b:00.0: Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.',
      device: '0000:0b:00.0',
    },
  ],
  'qemu.bar-mmap-failed': [
    {
      line: 'qemu-system-x86_64: Failed to mmap 0000:01:00.0 BAR 1. Performance may be slow',
      device: '0000:01:00.0',
      values: { bar: '1' },
    },
  ],
  'kernel.bar-cant-reserve': [
    {
      line: "[    5.140511] vfio-pci 0000:0b:00.0: BAR 0: can't reserve [mem 0xe0000000-0xefffffff 64bit pref]",
      device: '0000:0b:00.0',
      values: { bar: '0', range: '[mem 0xe0000000-0xefffffff 64bit pref]' },
    },
  ],
  'kernel.rom-header-signature': [
    {
      line: '[3189152.966714] vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff',
      device: '0000:02:00.0',
      values: { got: '0xffff' },
    },
  ],
  'qemu.rom-contents-invalid': [{ line: 'Device option ROM contents are probably invalid (check dmesg).' }],
  'qemu.cannot-read-rom': [
    { line: 'qemu-system-x86_64: vfio-pci: Cannot read device rom at 0000:02:00.0', device: '0000:02:00.0' },
  ],
  'pciutils.unknown-header-type': [{ line: '\t!!! Unknown header type 7f', values: { type: '7f' } }],
  'kernel.unknown-header-type': [
    {
      line: '[ 4213.220871] pci 0000:0c:00.0: unknown header type 7f, ignoring device',
      device: '0000:0c:00.0',
      values: { type: '7f' },
    },
  ],
  'kernel.dmar-fault': [
    {
      line: '[  201.112233] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f800000 [fault reason 0x06] PTE Read access is not set',
      device: '0000:00:02.0',
      values: { kind: 'DMA Read' },
    },
    {
      line: '[   96.450123] DMAR: [DMA Write] Request device [00:02.0] fault addr 7b000000 [fault reason 05] PTE Write access is not set',
      device: '0000:00:02.0',
    },
  ],
  'kernel.amd-io-page-fault': [
    {
      line: '[14768.593405] AMD-Vi: Event logged [IO_PAGE_FAULT device=04:00.0 domain=0x0000 address=0x10b4a01e0 flags=0x0070]',
      device: '0000:04:00.0',
    },
    {
      line: '[  820.112000] AMD-Vi: Event logged [IO_PAGE_FAULT device=0000:0a:00.0 domain=0x001d address=0x637c000 flags=0x0000]',
      device: '0000:0a:00.0',
    },
    {
      line: '[14768.593395] amdgpu 0000:04:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x0000 address=0x10b4a0100 flags=0x0070]',
      device: '0000:04:00.0',
    },
  ],
  'kernel.reset-timeout': [
    {
      line: '[  399.781234] vfio-pci 0000:0c:00.0: not ready 65535ms after FLR; giving up',
      device: '0000:0c:00.0',
      values: { ms: '65535', reset: 'FLR' },
    },
    {
      line: '[  402.004401] vfio-pci 0000:0c:00.0: not ready 1023ms after bus reset; giving up',
      values: { reset: 'bus reset' },
    },
  ],
  'kernel.power-state-inaccessible': [
    {
      line: '[  412.553010] vfio-pci 0000:0c:00.0: Unable to change power state from D3cold to D0, device inaccessible',
      device: '0000:0c:00.0',
      values: { from: 'D3cold', to: 'D0' },
    },
  ],
  'qemu.stuck-in-d3': [
    { line: 'qemu-system-x86_64: vfio: Unable to power on device, stuck in D3', values: { state: '3' } },
  ],
  'qemu.no-reset-mechanism': [
    {
      line: 'qemu-system-x86_64: vfio: Cannot reset device 0000:03:00.1, no available reset mechanism.',
      device: '0000:03:00.1',
    },
  ],
  'qemu.hot-reset-group-not-owned': [
    {
      line: 'qemu-system-x86_64: vfio: Cannot reset device 0000:01:00.1, depends on group 14 which is not owned.',
      device: '0000:01:00.1',
      group: 14,
    },
  ],
  'kernel.probe-failed': [
    {
      line: '[    4.301223] vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22',
      device: '0000:01:00.0',
      values: { driver: 'vfio-pci', err: '-22' },
    },
    {
      line: '[    3.912345] vfio-pci: probe of 0000:01:00.0 failed with error -22',
      device: '0000:01:00.0',
      values: { driver: 'vfio-pci', err: '-22' },
    },
  ],
  'kernel.memlock-exceeded': [
    {
      line: '[ 1520.778899] vfio_pin_pages_remote: RLIMIT_MEMLOCK (65536) exceeded',
      values: { limit: '65536' },
    },
  ],
  'qemu.hugepage-map-failed': [
    {
      line: 'error: internal error: process exited while connecting to monitor: 2019-08-05T07:37:14.159699Z qemu-system-x86_64: -object memory-backend-file,id=ram-node0,prealloc=yes,mem-path=/dev/hugepages/libvirt/qemu/9-vm01,share=yes,size=8388608000: unable to map backing store for guest RAM: Cannot allocate memory',
      values: { err: 'Cannot allocate memory' },
    },
  ],
  'libvirt.hugetlbfs-missing': [
    {
      line: 'error: internal error: hugetlbfs filesystem is not mounted or disabled by administrator config',
    },
  ],
  'libvirt.device-in-use': [
    {
      line: 'error: Requested operation is not valid: PCI device 0000:01:00.0 is in use by driver QEMU, domain win10',
      device: '0000:01:00.0',
      values: { driver: 'QEMU', domain: 'win10' },
    },
  ],
  'libvirt.no-vfio-support': [
    { line: "error: unsupported configuration: host doesn't support VFIO PCI passthrough" },
  ],
  'libvirt.no-passthrough-support': [
    { line: "error: unsupported configuration: host doesn't support passthrough of host PCI devices" },
  ],
  'patch.acs-override-enabled': [
    {
      line: '[    0.000000] Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA',
    },
  ],
  'kernel.unknown-cmdline-parameters': [
    {
      line: '[    0.081234] Unknown kernel command line parameters "BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 pcie_acs_override=downstream,multifunction", will be passed to user space.',
      values: { params: 'BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 pcie_acs_override=downstream,multifunction' },
    },
  ],
  'kernel.iommu-unknown-option': [
    { line: "[    0.032766] AMD-Vi: Unknown option - 'on'", values: { prefix: 'AMD-Vi', opt: 'on' } },
    { line: "[    0.021000] DMAR: Unknown option - 'yes'", values: { prefix: 'DMAR', opt: 'yes' } },
  ],
  'windows.code-43': [
    { line: 'Windows has stopped this device because it has reported problems. (Code 43)' },
    { line: 'NVIDIA GeForce GTX 1070: device status Code 43 in Device Manager' },
  ],
};

/** Lines that look related but are not the failure (each must match nothing). */
const NEGATIVES = [
  // (QEMU's own "terminating on signal 15 from pid 1234" is qemu.terminated-by-signal's, an info
  // line saying who stopped QEMU: diagnose-virt-stack-extra.test.ts)
  'error code 430 from the guest agent',
  'qemu-system-x86_64 exited with code 12',
  '[   12.000001] mt7921e 0000:03:00.0: failed to reset device',
  'Kernel driver in use is shown by lspci -k',
];

/**
 * Good news and routine lines: the catalogue explains them (people paste them asking whether they
 * are the problem) but only as harmless information, never as an error or a warning.
 */
const HARMLESS = [
  // enumeration is pasted next to errors: it is recognised, and said to be routine
  '[    1.0] pci 0000:01:00.0: [10de:1b80] type 00 class 0x030000',
  '[    0.523410] DMAR: IOMMU enabled',
  '[    0.811209] DMAR-IR: Enabled IRQ remapping in x2apic mode',
  '[    0.900000] AMD-Vi: Interrupt remapping enabled',
  '[    4.1] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=none',
  '[    4.2] vfio-pci 0000:01:00.0: enabling device (0000 -> 0003)',
  '[   10.3] vfio-pci 0000:01:00.0: vfio_ecap_init: hiding ecap 0x19@0x900',
  '[    0.6] pci 0000:01:00.0: Adding to iommu group 12',
  '[    0.4] pci 0000:00:02.0: vgaarb: setting as boot VGA device',
  '[    4.1] AMD-Vi: AMD IOMMUv2 functionality not available on this system - This is not a bug.',
  '\tCapabilities: <access denied>',
];

/** Lines that one entry must recognise while a similar entry must not (wording neighbours). */
const NEIGHBOURS: [line: string, want: string, not: string[]][] = [
  [
    'vfio-pci 0000:0c:00.0: not ready 1023ms after FLR; waiting',
    'kernel.reset-not-ready-waiting',
    ['kernel.reset-timeout', 'kernel.reset-ready-after'],
  ],
  [
    'vfio-pci 0000:0c:00.0: not ready 65535ms after FLR; giving up',
    'kernel.reset-timeout',
    ['kernel.reset-not-ready-waiting', 'kernel.reset-ready-after'],
  ],
  [
    'vfio-pci 0000:0c:00.0: ready 2047ms after FLR',
    'kernel.reset-ready-after',
    ['kernel.reset-timeout', 'kernel.reset-not-ready-waiting'],
  ],
  [
    'pci 0000:0c:00.0: not ready after 1023ms; waiting',
    'kernel.enum-not-ready-waiting',
    ['kernel.reset-not-ready-waiting', 'kernel.enum-not-ready-giving-up'],
  ],
  [
    'DMAR: [INTR-REMAP] Request device [01:00.0] fault index 0x1c [fault reason 0x22] Present field in the IRTE entry is clear',
    'kernel.dmar-intr-remap-fault',
    ['kernel.dmar-fault'],
  ],
  [
    'vfio-pci 0000:01:00.0: vfio_cap_init: hiding cap 0x0@0x68',
    'kernel.vfio-hiding-cap',
    ['kernel.vfio-hiding-ecap'],
  ],
  ['AMD-Vi: Event logged [', 'kernel.amd-event-split-header', ['kernel.amd-io-page-fault']],
  ['DMAR: IOMMU disabled', 'kernel.dmar-iommu-disabled', ['kernel.dmar-iommu-enabled']],
];

test('catalogue has at least 25 entries, unique ids, each cited with its format string', () => {
  assert.ok(CATALOGUE.length >= 25, `${CATALOGUE.length} entries`);
  assert.equal(new Set(CATALOGUE.map((e) => e.id)).size, CATALOGUE.length);
  const upstream = CATALOGUE.filter((e) => ['kernel', 'qemu', 'libvirt', 'pciutils'].includes(e.source));
  assert.ok(upstream.length >= 25, `${upstream.length} from kernel/QEMU/libvirt/pciutils`);
  for (const e of CATALOGUE) {
    assert.ok(e.cite.length > 10 && e.format.length > 5 && e.cause && e.fix, e.id);
    if (e.source === 'kernel')
      assert.match(
        e.cite,
        /^(torvalds\/linux (drivers|init|arch\/x86|arch\/powerpc|kernel|mm|lib|sound|fs|security|net|virt)\/|microsoft\/WSL2-Linux-Kernel drivers\/hv\/dxgkrnl|NVIDIA\/open-gpu-kernel-modules |strongtz\/i915-sriov-dkms drivers\/|GPUOpen-LibrariesAndSDKs\/MxGPU-Virtualization drv\/|amd\/MxGPU-Virtualization libgv\/|loongson-community\/linux-loongnix drivers\/)/,
        e.id,
      );
    if (e.source === 'qemu')
      assert.match(
        e.cite,
        /^qemu\/qemu (hw|system|backends|util|accel|qom|qapi|ui|target|net|audio|chardev)\//,
        e.id,
      );
    if (e.source === 'libvirt') assert.match(e.cite, /^libvirt\/libvirt (src|tools)\//, e.id);
  }
});

test('every catalogue entry has a real-message example', () => {
  // Entries carry their own examples (checked per entry in diagnose-examples.test.ts); the table
  // above keeps the extra device/group/value checks of the first entries.
  for (const e of CATALOGUE)
    assert.ok(EXAMPLES[e.id]?.length || e.examples?.length, `no example for ${e.id}`);
  for (const id of Object.keys(EXAMPLES))
    assert.ok(
      CATALOGUE.some((e) => e.id === id),
      `example for unknown ${id}`,
    );
});

for (const [id, examples] of Object.entries(EXAMPLES)) {
  test(`diagnose recognises ${id}`, () => {
    for (const ex of examples) {
      const { findings } = diagnoseText(ex.line);
      const f = findings.find((x) => x.entry.id === id);
      assert.ok(f, `${id} did not match: ${ex.line}\nmatched: ${findings.map((x) => x.entry.id).join(', ')}`);
      if (ex.device !== undefined) assert.equal(f.device, ex.device, ex.line);
      if (ex.group !== undefined) assert.equal(f.group, ex.group, ex.line);
      for (const [k, v] of Object.entries(ex.values ?? {}))
        assert.equal(f.values[k], v, `${k} in ${ex.line}`);
    }
  });
}

test('related but unrelated lines match nothing', () => {
  for (const line of NEGATIVES)
    assert.deepEqual(
      matchLine(line).map((m) => m.entry.id),
      [],
      line,
    );
});

test('good-news and routine lines are explained as harmless only', () => {
  for (const line of HARMLESS) {
    const hits = matchLine(line);
    assert.ok(hits.length >= 1, `not explained: ${line}`);
    for (const h of hits) assert.equal(h.entry.severity, 'info', `${h.entry.id} on: ${line}`);
  }
});

test('entries with neighbouring wording tell their lines apart', () => {
  assert.equal(NEIGHBOURS.length, 8);
  for (const [line, want, not] of NEIGHBOURS) {
    const ids = matchLine(line).map((m) => m.entry.id);
    assert.ok(ids.includes(want), `${want} missing for: ${line} (got ${ids.join(', ')})`);
    for (const id of not) assert.ok(!ids.includes(id), `${id} also matched: ${line}`);
  }
});

test('a log folds repeated messages per device and counts them', () => {
  const line = (n: number) =>
    `[  20${n}.000000] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f80${n}000 [fault reason 0x06] PTE Read access is not set`;
  const log = [
    '[    0.000000] Linux version 6.1.0-18-amd64',
    ...Array.from({ length: 12 }, (_, i) => line(i)),
    "[  300.000000] vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xc0000000-0xc1ffffff 64bit pref]",
  ].join('\n');
  const { findings, lines } = diagnoseText(log);
  assert.equal(lines, 14);
  const dmar = findings.find((f) => f.entry.id === 'kernel.dmar-fault');
  assert.equal(dmar?.count, 12);
  assert.equal(dmar?.lines.length, 5, 'line excerpts are capped');
  assert.equal(findings[0].entry.severity, 'error', 'errors sort first');
});

test('hostile input: huge lines, binary bytes and regex traps return promptly without throwing', () => {
  const long = `${'a'.repeat(200_000)} group 3 is not viable`;
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)).toString('latin1');
  const traps = [
    '!!! Unknown header type ',
    'Event logged [IO_PAGE_FAULT device=',
    `${'['.repeat(5000)}DMAR: [DMA Read`,
  ];
  for (const t of [long, binary, ...traps]) assert.doesNotThrow(() => diagnoseText(t));
  // The cut at MAX_LINE drops the tail of an absurd line rather than scanning all of it.
  assert.equal(diagnoseText(long).findings.length, 0);
});

// QEMU and libvirt entries: an example line is explained by one entry, or only by entries whose
// explanations agree (listed here with the reason); otherwise two causes would compete.
const AGREEING: Record<string, string> = {
  // "Unable to reset PCI device X: Failed to read PCI config space for X": the reset entry's
  // refinement and the config-space entry both say the device no longer answers config reads.
  'libvirt.config-space-read-failed libvirt.reset-failed': 'both: config space unreadable',
};

test('qemu.*/libvirt.*: each example is claimed by one entry or by entries that agree', () => {
  let checked = 0;
  for (const e of CATALOGUE.filter((x) => /^(qemu|libvirt)\./.test(x.id))) {
    for (const ex of e.examples ?? []) {
      const ids = [
        ...new Set(
          diagnoseText(ex.text)
            .findings.map((f) => f.entry.id)
            .filter((id) => /^(qemu|libvirt)\./.test(id)),
        ),
      ].sort();
      checked++;
      if (ids.length > 1) assert.ok(AGREEING[ids.join(' ')], `${ids.join(' and ')} both claim:\n${ex.text}`);
    }
  }
  assert.ok(checked >= 100, `${checked} examples checked`);
});

/** Lines near QEMU/libvirt failures that are not failures (traces, other programs' wording). */
const QEMU_LIBVIRT_NEGATIVES = [
  // QEMU trace events share names with the error messages but have no "failed"
  'vfio_region_write  (0000:01:00.0:region1+0x88000, 0x1, 4)',
  'vfio_pci_read_config  (0000:01:00.0, @0x4, len=0x2) 0x407',
  'vfio_listener_region_add_ram region_add [ram] 0x0 - 0x7fffffff [0x7f3a40000000]',
  'vfio_pci_hot_reset_result 0000:01:00.0 hot reset: Success',
  // other programs opening the same nodes word it differently and are not QEMU
  "Failed to open /dev/vfio/10: [Errno 16] Device or resource busy: '/dev/vfio/10'",
  'EAL: Cannot open /dev/vfio/151: Device or resource busy',
  // (CPUID warnings, "host doesn't support requested feature", are qemu.cpu-feature-unsupported's,
  // which says they are harmless: diagnose-host-cpu.test.ts)
  // libvirt lines that are not the in-use refusal or a reset failure
  'PCI device 0000:01:00.0 is in use by driver QEMU',
  'debug : virPCIDeviceReset:1046 : Device 0000:01:00.0 is bound to vfio-pci',
  'IOMMU group 1 is viable',
  'Using hugepages of 1048576 KiB from /dev/hugepages1G',
];

test('qemu.*/libvirt.*: related but harmless lines match no QEMU or libvirt entry', () => {
  for (const line of QEMU_LIBVIRT_NEGATIVES)
    assert.deepEqual(
      matchLine(line)
        .map((m) => m.entry.id)
        .filter((id) => /^(qemu|libvirt)\./.test(id)),
      [],
      line,
    );
});

test('qemu.*/libvirt.*: patterns use bounded repetition for free text (linear matching)', () => {
  // An unbounded negated class, dot, \S, \s or \w repeated with * or + next to other repetition
  // is how a pattern starts to backtrack; free text is matched with {m,n} bounds instead.
  const unbounded = /\[\^[^\]]*\][*+]|\.[*+]|\\[Ssw][*+]/;
  let n = 0;
  for (const e of CATALOGUE.filter((x) => /^(qemu|libvirt)\./.test(x.id)))
    for (const p of e.patterns) {
      n++;
      assert.ok(!unbounded.test(p.source), `${e.id}: ${p.source}`);
    }
  assert.ok(n >= 100, `${n} patterns`);
});
