// The field-gaps sweep (catalogue/field-gaps-sweep.ts): facts read from each message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: QEMU's vfio-pci ID overrides are integer properties (hw/vfio/pci.c
// DEFINE_PROP_UINT32 "x-pci-sub-device-id"), DPDK's probe refuses a device whose driver needs the
// other IOVA mode (drivers/bus/pci/pci_common.c), the kernel's AMD IOMMU function 00:00.2 has no
// _PRT entry on most AMD boards (the upstream thread that made the message quieter, cited in the
// entry), and FreeBSD's errno numbers (sys/sys/errno.h: ENOMEM 12, EEXIST 17).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('QEMU parameter kinds: an ID override left empty points at the device that stopped answering', () => {
  const id = onlyFinding(
    "qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0,x-pci-sub-device-id=0x: Parameter 'x-pci-sub-device-id' expects an int64 value or range",
    'qemu.parameter-expects',
  );
  assert.equal(id.facts.param, 'x-pci-sub-device-id');
  assert.match(id.explanation.cause, /empty "0x"/);
  assert.match(id.explanation.cause, /Unknown header type 7f/);
  const other = onlyFinding(
    "qemu-system-x86_64: -object memory-backend-file,size=16: Parameter 'size' expects a size value",
    'qemu.parameter-expects',
  );
  assert.equal(other.facts.param, 'size');
  assert.doesNotMatch(other.explanation.cause, /ID overrides/);
});

test('QMP: a command QEMU does not have is a version mismatch, named', () => {
  const f = onlyFinding(
    "error: internal error: unable to execute QEMU command 'migrate_set_speed': The command migrate_set_speed has not been found",
    'qemu.qmp-command-not-found',
  );
  assert.equal(f.facts.command, 'migrate_set_speed');
  assert.match(f.explanation.cause, /removes commands after their deprecation/);
});

test('DPDK IOVA mode: PA wanted under VA names uio and no-IOMMU mode; VA wanted under PA names vfio-pci', () => {
  const pa = onlyFinding(
    "EAL:   Expecting 'PA' IOVA mode but current mode is 'VA', not initializing",
    'dpdk.iova-mode-mismatch',
  );
  assert.match(pa.explanation.cause, /igb_uio/);
  assert.match(pa.explanation.cause, /no-IOMMU mode/);
  assert.match(pa.explanation.fix, /--iova-mode=pa/);
  const va = onlyFinding(
    "PCI_BUS:   Expecting 'VA' IOVA mode but current mode is 'PA', not initializing",
    'dpdk.iova-mode-mismatch',
  );
  assert.match(va.explanation.fix, /--iova-mode=va/);
  const dma = onlyFinding(
    "EAL: alloc_pages_on_heap(): couldn't allocate memory due to IOVA exceeding limits of current DMA mask",
    'dpdk.iova-exceeds-dma-mask',
  );
  assert.match(dma.explanation.fix, /aw-bits=48/);
});

test('INTx routing: the AMD IOMMU function is harmless, another device is a warning', () => {
  const iommu = onlyFinding(
    "pci 0000:00:00.2: can't derive routing for PCI INT A",
    'kernel.pci-int-no-routing',
  );
  assert.equal(iommu.explanation.severity, 'info');
  assert.match(iommu.explanation.cause, /Harmless/);
  const nic = onlyFinding('ahci 0000:00:17.0: PCI INT A: no GSI', 'kernel.pci-int-no-routing');
  assert.equal(nic.explanation.severity, 'warning');
  assert.match(nic.explanation.cause, /firmware/);
});

test('bhyve memory set-up: the errno decides (ENOMEM 12 and EEXIST 17)', () => {
  const nomem = onlyFinding('Unable to setup memory (12)', 'bhyve.setup-memory-failed');
  assert.match(nomem.explanation.cause, /ENOMEM/);
  assert.match(nomem.explanation.fix, /vm\.max_user_wired/);
  const exist = onlyFinding('Unable to setup memory (17)', 'bhyve.setup-memory-failed');
  assert.match(exist.explanation.cause, /EEXIST/);
  assert.match(exist.explanation.fix, /bhyveload/);
});

test('guest and host drivers: i915 all ones, amdkfd without IOMMU, nvidia-smi without a handle, a duplicate sysfs file', () => {
  const i915 = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Device is non-operational; MMIO access returns 0xFFFFFFFF!',
    'kernel.i915-mmio-all-ones',
  );
  assert.equal(i915.facts.bdf, '0000:00:02.0');
  assert.match(i915.explanation.cause, /VF/);
  const kfd = onlyFinding(
    'kfd kfd: amdgpu: error getting iommu info. is the iommu enabled?',
    'kernel.amdkfd-no-iommu-info',
  );
  assert.match(kfd.explanation.fix, /amd_iommu=off/);
  const smi = onlyFinding(
    'Unable to determine the device handle for GPU 0000:02:01.0: Unknown Error',
    'nvidia.smi-no-device-handle',
  );
  assert.equal(smi.facts.reason, 'Unknown Error');
  assert.match(smi.explanation.fix, /kvm=off/);
  const dup = onlyFinding(
    "sysfs: cannot create duplicate filename '/devices/pci0000:00/0000:00:03.1/0000:0b:00.0/pp_features'",
    'kernel.sysfs-duplicate-filename',
  );
  assert.equal(dup.facts.path, '/devices/pci0000:00/0000:00:03.1/0000:0b:00.0/pp_features');
  assert.match(dup.explanation.cause, /vfio-pci/);
});
