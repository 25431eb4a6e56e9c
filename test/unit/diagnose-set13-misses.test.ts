// Families first seen among the misses of the thirteenth held-out set once it was read
// (read-set13-sweep.ts, and the entries mended in other files). Every message here is built from
// the producing source's format string, never taken from the held-out set. Expected causes come
// from the sources cited: virt/lib/irqbypass.c (-EBUSY for a token already registered),
// arch/powerpc/kvm/book3s_hv.c kvmppc_set_passthru_irq() (-ENOENT for a non-OPAL MSI),
// drivers/vfio/group.c (ENODEV for a name the group has no VFIO device for), libkmod's
// mod_strerror() (ENOEXEC printed as "Invalid module format"), vfio_iommu_type1.c
// (dma_entry_limit, ENOSPC), drivers/pci/pci.c pci_dev_wait() (config reads of a removed device
// return all ones), drivers/iommu/iommu.c __iommu_release_dma_ownership(), the helper and bind
// scripts, GIM's error table and igb_main.c igb_disable_sriov().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyExplanation, onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;
const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('irq bypass: -16 is a stale registration of the token, -2 the POWER refusal', () => {
  const busy = only(
    'vfio-pci 0000:41:00.0: irq bypass producer (token 00000000c0ffee11) registration fails: -16',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.match(busy.cause, /-EBUSY/);
  assert.match(busy.cause, /same token/);
  assert.match(busy.cause, /never removed/);
  assert.match(busy.fix, /list corruption/);
  const enoent = only(
    'vfio-pci 0015:01:00.0: irq bypass producer (token 00000000abcd1234) registration fails: -2',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.match(enoent.cause, /pSeries/);
  // Any other errno keeps the general explanation.
  const other = only(
    'vfio-pci 0000:41:00.0: irq bypass producer (token 00000000c0ffee11) registration fails: -22',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.match(other.cause, /posted interrupts/);
});

test("KVM on POWER refusing a passthrough IRQ map is its own harmless finding, with the vector's numbers", () => {
  const f = onlyFinding(
    '[  812.004411] kvmppc_set_passthru_irq_hv: Could not assign IRQ map for (61,4352)',
    'kernel.kvmppc-passthru-irq-map',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.equal(f.facts.irq, '61');
  assert.equal(f.facts.gsi, '4352');
  assert.match(f.explanation.cause, /is_pnv_opal_msi/);
  assert.deepEqual(ids('[  812.004411] kvmppc_set_passthru_irq_hv: Could not assign IRQ map for (61,4352)'), [
    'kernel.kvmppc-passthru-irq-map',
  ]);
});

test('QEMU getting a device from its group: ENODEV names the errno and the unbound device', () => {
  const f = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:05:00.0: vfio 0000:05:00.0: error getting device from group 21: No such device',
    'qemu.device-from-group',
  );
  assert.match(f.cause, /^ENODEV \("No such device"\)/);
  assert.match(f.cause, /not bound to a vfio driver/);
});

test('"Invalid module format" is ENOEXEC: a module built for another kernel', () => {
  const f = only(
    'insmod: ERROR: could not insert module vendor-reset.ko: Invalid module format',
    'kmod.insert-failed',
  );
  assert.match(f.cause, /vermagic/);
  assert.match(f.cause, /another kernel/);
  assert.match(f.fix, /dkms autoinstall/);
  const m = only("modprobe: ERROR: could not insert 'kvmfr': Exec format error", 'kmod.insert-failed');
  assert.match(m.cause, /vermagic/);
});

test('VFIO_MAP_DMA ENOSPC: the mapping limit, with the NVMe block driver among its users', () => {
  const f = only(
    'qemu-system-x86_64: VFIO_MAP_DMA failed: No space left on device',
    'qemu.map-dma-ioctl-failed',
  );
  assert.match(f.cause, /dma_entry_limit/);
  assert.match(f.cause, /NVMe block driver/);
  assert.match(f.fix, /dma_entry_limit=N/);
});

test('a device not ready after FLR may be a removed one', () => {
  const f = only(
    '[ 88.100200] vfio-pci 0000:07:00.0: not ready 1023ms after FLR; waiting',
    'kernel.reset-not-ready-waiting',
  );
  assert.match(f.cause, /broken FLR/);
  assert.match(f.cause, /hot-unplugged/);
  const bus = only(
    '[ 88.100200] vfio-pci 0000:07:00.0: not ready 1023ms after bus reset; waiting',
    'kernel.reset-not-ready-waiting',
  );
  assert.match(bus.cause, /surprise-removed/);
});

test('the memlock limit is shared with io_uring', () => {
  const f = only(
    '[ 901.220011] vfio_pin_pages_remote: RLIMIT_MEMLOCK (17179869184) exceeded',
    'kernel.memlock-exceeded',
  );
  assert.match(f.cause, /io_uring/);
});

test("the IOMMU core's WARN in __iommu_release_dma_ownership: a device gone while assigned", () => {
  const f = only(
    '[  311.002233] WARNING: CPU: 3 PID: 2211 at drivers/iommu/iommu.c:3274 __iommu_release_dma_ownership+0x72/0x80',
    'kernel.warn-iommu-core',
  );
  assert.match(f.cause, /default domain/);
  assert.match(f.cause, /hot-unplugged/);
  assert.match(f.cause, /blocking domain/);
});

test('the PopOS helper refusing identical GPUs: bind by address', () => {
  const f = only(
    'ERROR! \nYour boot/primary GPU has the same id as one of the GPUs you are trying to bind to vfio-pci!',
    'setup.boot-gpu-same-id',
  );
  assert.match(f.cause, /same model/);
  assert.match(f.fix, /driver_override/);
});

test('the DPDK bind script: every port is in use by the OS', () => {
  const f = only(
    'Could not find any inactive interfaces to bind to DPDK. Note that this script does not bind interfaces that are in use by the OS.',
    'dpdk.bind-script-no-inactive',
  );
  assert.match(f.cause, /\*Active\*/);
  assert.match(f.fix, /ip addr flush/);
});

test("GIM's aligned-IOVA allocation failure and igb turning SR-IOV off", () => {
  const gim = only(
    '[gim][gim_alloc_dma_mem:1118] Allocate iova method memory failed.',
    'amd-gim.alloc-iova-failed',
  );
  assert.equal(gim.severity, 'warning');
  assert.match(gim.cause, /MxGPU/);
  const igb = onlyFinding('[  902.117652] igb 0000:03:00.1: IOV Disabled', 'kernel.igb-iov-disabled');
  assert.equal(igb.explanation.severity, 'info');
  assert.equal(igb.facts.bdf, '0000:03:00.1');
});

test('mended wordings: the vGPU daemon says "not supported", SPDK says it skips the disk, NVOS 0x56 names vgpu_unlock', () => {
  const vgpud = only(
    'nvidia-vgpud[1734]: GPU not supported by vGPU at PCI Id: 0:3:0:0 DevID: 0x10de / 0x1b80 / 0x1458 / 0x3702',
    'nvidia-vgpu.vgpud-gpu-unsupported',
  );
  assert.match(vgpud.title, /not supported/);
  const spdk = only(
    '0000:5e:00.0 (8086 0a54): Active mountpoints on /dev/nvme1n1, so not binding PCI dev',
    'spdk.device-in-use',
  );
  assert.match(spdk.cause, /skips it/);
  const nvos = only('nvidia-vgpu-mgr[2201]: error: vmiop_log: NVOS status 0x56', 'nvidia-vgpu.nvos-status');
  assert.match(nvos.fix, /vgpu_unlock/);
});

test('a denied sysfs file is not explained as a disk image QEMU could not open', () => {
  const line =
    "qemu-system-x86_64: -device xen-pci-passthrough,hostaddr=0000:01:00.0: Could not open '/sys/bus/pci/devices/0000:01:00.0/config': Permission denied";
  assert.ok(!ids(line).includes('qemu.file-open-denied'), ids(line).join(', '));
  assert.ok(
    ids(
      "qemu-system-x86_64: -drive file=/home/u/vm.qcow2: Could not open '/home/u/vm.qcow2': Permission denied",
    ).includes('qemu.file-open-denied'),
  );
});
