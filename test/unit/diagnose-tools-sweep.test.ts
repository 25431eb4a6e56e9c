// The tools around VFIO in their own words (catalogue/tools-sweep.ts): the facts in each message
// change the explanation the way the producing program and the kernel rule behind it say (and the
// toolchain-not-found entry of host-misses-sweep.ts, widened to virt-install and QEMU; the boot and
// initramfs tools are boot.tool-not-found's, and a line is one entry's only).
// Expected causes come from the sources the entries cite: the kernel's group rule (drivers/base/dd.c
// driver_managed_dma, set by pcieport in drivers/pci/pcie/portdrv.c and by pci-stub), libvirt's
// tools/virt-host-validate-common.c virHostValidateIOMMU() (the ACPI table it looks for, then the
// boot argument it names), SPDK scripts/setup.sh (mount@, holder@ and data@ uses of a disk) and the
// package each tool of the toolchain comes in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test("a helper's group check: a port on pcieport is no obstacle for the kernel, an endpoint on a host driver is", () => {
  const port = onlyFinding(
    "  Wrong driver devices: [('0000:04:09.0', 'pcieport')]",
    'tool.group-not-all-vfio',
  );
  assert.equal(port.values.driver, 'pcieport');
  assert.match(port.explanation.cause, /stricter than the kernel/);
  assert.match(port.explanation.cause, /driver_managed_dma/);
  const audio = onlyFinding(
    "  Wrong driver devices: [('0000:01:00.1', 'snd_hda_intel')]",
    'tool.group-not-all-vfio',
  );
  assert.match(audio.explanation.cause, /host driver snd_hda_intel/);
  assert.match(audio.explanation.fix, /bind 0000:01:00\.1 to vfio-pci/);
  const first = onlyFinding('IOMMU group 15 has devices not bound to vfio-pci:', 'tool.group-not-all-vfio');
  assert.equal(first.group, 15);
  assert.match(first.explanation.cause, /pcieport/);
});

test('virt-host-validate: no IOMMU, and which half of it is missing', () => {
  const table = onlyFinding(
    'QEMU: Checking for device assignment IOMMU support : WARN (No ACPI IVRS table found, IOMMU either disabled in BIOS or not supported by this hardware platform)',
    'libvirt.validate-iommu',
  );
  assert.match(table.explanation.cause, /IVRS ACPI table/);
  assert.match(table.explanation.fix, /AMD-Vi/);
  const boot = onlyFinding(
    'QEMU: Checking if IOMMU is enabled by kernel : WARN (IOMMU appears to be disabled in kernel. Add intel_iommu=on to kernel cmdline arguments)',
    'libvirt.validate-iommu',
  );
  assert.match(boot.explanation.cause, /no IOMMU groups/);
  assert.match(boot.explanation.fix, /intel_iommu=on \(and iommu=pt\)/);
});

test('SPDK setup.sh: what holds the disk decides the fix', () => {
  const data = onlyFinding(
    '0000:84:00.0 (19e5 3754): Active devices: data@nvme1n1, so not binding PCI dev',
    'spdk.device-in-use',
  );
  assert.equal(data.device, '0000:84:00.0');
  assert.match(data.explanation.fix, /wipefs/);
  const mounted = onlyFinding(
    '0000:00:04.0 (1d0f 8061): Active devices: mount@nvme0n1:nvme0n1p1, so not binding PCI dev',
    'spdk.device-in-use',
  );
  assert.match(mounted.explanation.cause, /mounted/);
  const held = onlyFinding(
    '0000:03:00.0 (8086 0a54): Active devices: holder@nvme0n1p3:dm-0, so not binding PCI dev',
    'spdk.device-in-use',
  );
  assert.match(held.explanation.cause, /device-mapper/);
  const memlock = onlyFinding('## WARNING: memlock limit is less than 64MB', 'spdk.memlock-limit');
  assert.match(memlock.explanation.fix, /LimitMEMLOCK=infinity/);
});

test("a tool of the toolchain not found (host-misses-sweep.ts): the package that has it, in both shells' wording", () => {
  const cases: [string, string, RegExp][] = [
    ['bash: lspci: command not found', 'lspci', /pciutils/],
    ['/bin/sh: 1: mdevctl: not found', 'mdevctl', /from mdevctl/],
    ['./vfio-setup.sh: line 5: virt-install: command not found', 'virt-install', /virtinst/],
    ['hook: line 3: qemu-system-x86_64: command not found', 'qemu-system-x86_64', /qemu-system-x86/],
  ];
  for (const [line, tool, pkg] of cases) {
    const f = onlyFinding(line, 'shell.setup-tool-not-found');
    assert.equal(f.values.tool, tool);
    assert.match(f.explanation.cause, pkg);
  }
  assert.equal(cases.length, 4);
  // Another program not found is not this entry's business.
  assert.ok(
    !diagnoseText('bash: htop: command not found').findings.some(
      (f) => f.entry.id === 'shell.setup-tool-not-found',
    ),
  );
});

test('a missing boot or initramfs tool is boot.tool-not-found alone, not also the toolchain entry', () => {
  for (const line of [
    './x.sh: line 5: update-initramfs: command not found',
    'bash: update-grub: command not found',
  ]) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, ['boot.tool-not-found'], line);
  }
});
