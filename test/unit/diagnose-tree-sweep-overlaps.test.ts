// Where the four source sweeps of drivers/vfio, drivers/iommu, drivers/pci and QEMU met older
// entries: a line that names a vIOMMU refusal must not be explained as a RAM mapping or an
// address-width mismatch, and the newer kernel wordings of two PCI lines must still be read.
// Expected meanings come from the sources: hw/vfio/listener.c (the listener registers an IOMMU
// notifier on a vIOMMU region; no RAM is pinned then), hw/i386/intel_iommu.c
// vtd_iommu_notify_flag_changed() ("requires caching mode"), hw/i386/amd_iommu.c
// amdvi_iommu_notify_flag_changed() ("requires iommu notifier which is not currently supported"),
// hw/vfio/pci.c vfio_pci_realize() ("Failed to set vIOMMU: " + the model's reason),
// drivers/pci/iov.c sriov_init() (VF BAR window, resource-named since 6.8) and
// drivers/pci/pcie/tlp.c pcie_print_tlp_log() (0x-prefixed words).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('the listener failing on an intel-iommu region is a caching-mode refusal, not a memlock limit', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: memory listener initialization failed: Region vtd-00.0-dmar: device 01.00.0 requires caching mode',
    'qemu.memory-listener-failed',
  );
  assert.equal(f.facts.region, 'vtd-00.0-dmar');
  assert.match(f.explanation.fix, /caching-mode=on/);
  assert.doesNotMatch(`${f.explanation.cause} ${f.explanation.fix}`, /RLIMIT_MEMLOCK|ulimit -l/);
});

test('the listener failing on an amd-iommu region names the missing DMA remapping', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: vfio 0000:03:00.0: memory listener initialization failed: Region amd_iommu: device 00.03.0 requires iommu notifier which is not currently supported',
    'qemu.memory-listener-failed',
  );
  assert.match(f.explanation.fix, /dma-remap=on/);
  // the dma-remap property was pulled in October 2025, after QEMU 10.1 was released
  assert.match(f.explanation.fix, /QEMU 10\.2 or newer/);
  assert.doesNotMatch(f.explanation.fix, /ulimit/);
});

test('the listener failing on a virtio-iommu region is not read as intel-iommu caching mode', () => {
  const f = onlyFinding(
    'qemu-system-aarch64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 3: memory listener initialization failed: Region virtio-iommu-0-0: some refusal',
    'qemu.memory-listener-failed',
  );
  assert.match(f.explanation.title, /virtio-iommu/);
  assert.doesNotMatch(`${f.explanation.cause} ${f.explanation.fix}`, /caching-mode|RLIMIT_MEMLOCK/);
});

test('the listener failing on guest RAM keeps its memlock reading', () => {
  const f = onlyFinding(
    'vfio 0000:05:00.0: failed to setup container for group 14: memory listener initialization failed: Region pc.ram: vfio_dma_map',
    'qemu.memory-listener-failed',
  );
  assert.match(f.explanation.cause, /RLIMIT_MEMLOCK/);
});

test('"Failed to set vIOMMU" explains the reason it carries, and aw-bits only for aw-bits', () => {
  const prefix =
    'qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: vfio 0000:03:00.0: Failed to set vIOMMU: ';
  const cm = onlyFinding(
    `${prefix}Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU.`,
    'qemu.viommu-set-failed',
  );
  assert.match(cm.explanation.fix, /caching-mode=on/);
  assert.doesNotMatch(cm.explanation.fix, /aw-bits/);
  const modern = onlyFinding(
    `${prefix}host device is unsupported in scalable modern mode yet`,
    'qemu.viommu-set-failed',
  );
  assert.match(modern.explanation.fix, /x-scalable-mode|x-flts/);
  assert.doesNotMatch(modern.explanation.fix, /aw-bits/);
  // upstream x-scalable-mode is a boolean: the fix must not tell the user to remove or set '=modern'
  assert.doesNotMatch(modern.explanation.fix, /x-scalable-mode=modern/);
  // the merged vtd_check_hiod() wording for first-stage mode reads the same way
  const stage1 = onlyFinding(
    `${prefix}host device is uncompatible with stage-1 translation`,
    'qemu.viommu-set-failed',
  );
  assert.equal(stage1.explanation.fix, modern.explanation.fix);
  const other = onlyFinding(`${prefix}some reason a newer model gives`, 'qemu.viommu-set-failed');
  assert.match(other.explanation.cause, /some reason a newer model gives/);
  assert.doesNotMatch(other.explanation.fix, /aw-bits/);
  const aw = onlyFinding(`${prefix}aw-bits 48 > host aw-bits 39`, 'qemu.viommu-set-failed');
  assert.match(aw.explanation.fix, /aw-bits=39/);
});

test('the 6.8+ VF BAR window line and the 0x-prefixed TLP header are read', () => {
  const vf = onlyFinding(
    'pci 0000:3b:00.0: VF BAR 0 [mem 0x38000000000-0x38003ffffff 64bit pref]: contains BAR 0 for 64 VFs',
    'kernel.sriov-vf-bar-space',
  );
  assert.equal(vf.facts.bar, '0');
  assert.equal(vf.facts.vfs, '64');
  const tlp = onlyFinding(
    'pcieport 0000:00:1c.0:   TLP Header: 0x04000001 0x0000000f 0xe0000000 0x00000000',
    'kernel.aer-tlp-header',
  );
  assert.equal(tlp.facts.h0, '04000001');
  // DPC prints its own header line; that one stays with the DPC entry alone.
  const dpc = diagnoseText(
    'pcieport 0000:00:1c.0: DPC: TLP Header: 0x00000001 0x0000000f 0xe0000000 0x00000000',
  );
  assert.deepEqual(
    dpc.findings.map((f) => f.entry.id),
    ['kernel.dpc-rp-pio-error'],
  );
});
