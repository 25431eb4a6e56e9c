// The DMA-mapping, memory, reset, fault and interrupt families across programs: the facts in a
// message change the explanation the way the producing source says they should.
//
// Expected causes come from the kernel sources the entries cite, not from the entries:
// drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map() (ENOMEM from vfio_pin_pages_remote() at
// RLIMIT_MEMLOCK, EINVAL for an IOVA outside vfio_iommu_iova_dma_valid(), EEXIST from
// vfio_find_dma(), ENOSPC at dma_entry_limit), drivers/iommu/iommufd/pages.c (GUP refuses
// VM_PFNMAP, so a BAR gives EFAULT), drivers/pci/pci.c pci_dev_wait() (the reset named after
// "after"), pci_reset_function() / pci_parent_bus_reset() (ENOTTY when no method applies),
// drivers/pci/pcie/aer.c (bit 5 of the uncorrectable status is Surprise Down; "RxErr" is
// correctable), mm/oom_kill.c, kernel/irq/manage.c __setup_irq().
// Rust errors print errno as "Text (os error N)" (std::io::Error) or, in Debug form, "Error(N)".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyFinding;

test('rust-vmm DMA map: the errno decides the cause, in the Display and the Debug forms', () => {
  const cases: [string, RegExp][] = [
    [
      'failed to add guest memory map into iommu table: Cannot allocate memory (os error 12)',
      /RLIMIT_MEMLOCK/,
    ],
    [
      'Error booting VM: VmBoot(DeviceManager(VfioDmaMap(IommuDmaMap(Error(22)))))',
      /address width|reserved region/,
    ],
    ['Error from device manager: VfioMapRegion(DmaMap(IommuDmaMap(Error(17))))', /overlaps a mapping/],
    [
      'failed to add guest memory map into iommu table: No space left on device (os error 28)',
      /dma_entry_limit/,
    ],
  ];
  for (const [line, cause] of cases)
    assert.match(only(line, 'cloud-hypervisor.dma-map-failed').explanation.cause, cause, line);
  // EFAULT on a region mapping (a BAR) is the peer-to-peer case, a warning
  const bar = only('Error: VfioMapRegion(DmaMap(IommuDmaMap(Error(14))))', 'cloud-hypervisor.dma-map-failed');
  assert.equal(bar.explanation.severity, 'warning');
  assert.match(bar.explanation.cause, /peer-to-peer/);
});

test('iommufd IOAS map: a BAR (EFAULT) is the PFNMAP/dma-buf case, ENOMEM is the memlock limit', () => {
  const bar = only(
    'Failed to map VFIO MMIO region: Failed to DMA map: failed to map an IOVA range to the IOAS: Bad address (os error 14)',
    'cloud-hypervisor.ioas-map-failed',
  );
  assert.match(bar.explanation.cause, /PFNMAP/);
  assert.match(bar.explanation.cause, /dma-buf/);
  assert.equal(bar.explanation.severity, 'warning');
  const mem = only(
    'failed to map an IOVA range to the IOAS: Cannot allocate memory (os error 12)',
    'cloud-hypervisor.ioas-map-failed',
  );
  assert.match(mem.explanation.cause, /locked-memory limit/);
});

test('type1 refused by the container: EPERM is interrupt remapping, "not support" is a missing backend', () => {
  const eperm = only(
    "failed to set container's IOMMU driver type as VfioType1V2: Operation not permitted (os error 1)",
    'cloud-hypervisor.set-iommu-failed',
  );
  assert.match(eperm.explanation.cause, /interrupt remapping/);
  const none = only(
    "container doesn't support VfioType1V2 IOMMU driver type",
    'cloud-hypervisor.set-iommu-failed',
  );
  assert.match(none.explanation.cause, /not loaded|disabled/);
});

test('reset waits are explained by what was reset', () => {
  const flr = only(
    'vfio-pci 0000:00:02.0: not ready 1023ms after FLR; waiting',
    'kernel.reset-not-ready-waiting',
  );
  assert.match(flr.explanation.cause, /Function Level Reset/);
  assert.match(flr.explanation.cause, /60 s/);
  const bus = only(
    'vfio-pci 0000:0b:00.0: not ready 65535ms after bus reset; giving up',
    'kernel.reset-timeout',
  );
  assert.match(bus.explanation.cause, /secondary bus reset/);
  const pm = only(
    'vfio-pci 0000:0b:00.0: not ready 65535ms after PM D3hot->D0; giving up',
    'kernel.reset-timeout',
  );
  assert.match(pm.explanation.cause, /PM reset/);
  const resume = only(
    'nvidia 0000:01:00.0: not ready 1023ms after resume; waiting',
    'kernel.reset-not-ready-waiting',
  );
  assert.match(resume.explanation.cause, /runtime PM|D3cold/);
  assert.match(resume.explanation.fix, /disable_idle_d3/);
});

test('a reset through sysfs: ENOTTY is "no reset method", EIO is a device that did not come back', () => {
  const enotty = only(
    "error writing '1' to '/sys/bus/pci/devices/0000:10:00.0/reset': Inappropriate ioctl for device",
    'proxmox.sysfs-reset-failed',
  );
  assert.equal(enotty.device, '0000:10:00.0');
  assert.match(enotty.explanation.cause, /no reset method/);
  assert.match(enotty.explanation.cause, /Function Level Reset/);
  const eio = only(
    "error writing '1' to '/sys/bus/pci/devices/0000:10:00.0/reset': Input/output error",
    'proxmox.sysfs-reset-failed',
  );
  assert.match(eio.explanation.cause, /did not come back/);
});

test('AER: Surprise Down and ACS Violation by name, corrected errors are harmless, status bits decoded', () => {
  const sdes = only('pcieport 0000:00:01.1:    [ 5] SDES                   (First)', 'kernel.aer-error-bit');
  assert.match(sdes.explanation.cause, /link to the device below went down/);
  const rxerr = only('pcieport 0000:00:1c.0:    [ 0] RxErr                  (First)', 'kernel.aer-error-bit');
  assert.equal(rxerr.explanation.severity, 'info');
  const status = only(
    'pcieport 0000:00:01.1:   device [8086:6f03] error status/mask=00000020/00000000',
    'kernel.aer-status-mask',
  );
  assert.match(status.explanation.cause, /Surprise Down/);
  const fatal = only(
    'pcieport 0000:00:01.1: PCIe Bus Error: severity=Uncorrected (Fatal), type=Transaction Layer, (Receiver ID)',
    'kernel.aer-bus-error',
  );
  assert.match(fatal.explanation.cause, /link to the device below went down/);
  // the same severity from an endpoint's driver is not a port's link report
  const endpoint = only(
    'vfio-pci 0000:01:00.0: PCIe Bus Error: severity=Uncorrected (Fatal), type=Transaction Layer, (Requester ID)',
    'kernel.aer-bus-error',
  );
  assert.doesNotMatch(endpoint.explanation.cause, /Surprise Down/);
});

test('config space restored onto a device reading all ones is a lost device, not debug noise', () => {
  const noise = only(
    'vfio-pci 0000:44:00.0: saving config space at offset 0x30 (reading 0x82380000)',
    'kernel.pci-config-save-restore',
  );
  assert.equal(noise.explanation.severity, 'info');
  const lost = only(
    'vfio-pci 0000:44:00.0: restoring config space at offset 0x10 (was 0xffffffff, writing 0xf6000000)',
    'kernel.pci-config-save-restore',
  );
  assert.equal(lost.explanation.severity, 'warning');
  const ones = only('pci 0000:03:00.0: [1002:67df] type 7f class 0xffffff', 'kernel.pci-device-enumerated');
  assert.equal(ones.explanation.severity, 'error');
});

test('the OOM killer: a VM process killed is said to be the VM', () => {
  const vm = only(
    'Out of memory: Killed process 4242 (qemu-system-x86) total-vm:17825792kB, anon-rss:16777216kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:34816kB oom_score_adj:0',
    'kernel.oom-killed',
  );
  assert.match(vm.explanation.title, /killed the VM/);
  const other = only(
    'Out of memory: Killed process 900 (java) total-vm:4000000kB, anon-rss:3000000kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8000kB oom_score_adj:0',
    'kernel.oom-killed',
  );
  assert.doesNotMatch(other.explanation.title, /VM/);
});

test('INTx sharing: a vfio-intx conflict names the exclusive request, others stay generic', () => {
  const vfio = only(
    'genirq: Flags mismatch irq 16. 00000000 (vfio-intx(0000:02:00.0)) vs. 00000080 (i801_smbus)',
    'kernel.genirq-flags-mismatch',
  );
  assert.match(vfio.explanation.cause, /vfio-pci requests the line exclusively/);
  const other = only(
    'genirq: Flags mismatch irq 9. 00000080 (acpi) vs. 00000000 (foo)',
    'kernel.genirq-flags-mismatch',
  );
  assert.doesNotMatch(other.explanation.cause, /vfio-pci/);
});

test('DPDK: the empty 1 GiB pool is harmless, an unmap of size 0 points at an earlier map failure', () => {
  const pool = only('EAL: No available 1048576 kB hugepages reported', 'dpdk.no-hugepages-of-size');
  assert.equal(pool.explanation.severity, 'info');
  assert.match(pool.explanation.cause, /harmless/);
  const unmap = only(
    'EAL: Unexpected size 0 of DMA remapping cleared instead of 4096',
    'dpdk.dma-unmap-size-mismatch',
  );
  assert.match(unmap.explanation.cause, /no mapping at that address/);
});

test('lines close to these messages are not taken for them', () => {
  const none: [string, string][] = [
    // QEMU's own MSI failure is qemu.msi-setup-failed, not Cloud Hypervisor's
    ['qemu-system-x86_64: vfio: Error: Failed to enable MSI', 'cloud-hypervisor.irq-enable-failed'],
    // the Xid form is kernel.nvidia-xid
    ['NVRM: Xid (PCI:0000:01:00): 79, pid=1234, GPU has fallen off the bus.', 'kernel.nvidia-gpu-lost'],
    // writing another sysfs file is not a reset
    [
      "error writing '0000:01:00.0' to '/sys/bus/pci/drivers/vfio-pci/bind': No such device",
      'proxmox.sysfs-reset-failed',
    ],
  ];
  for (const [line, id] of none)
    assert.ok(!diagnoseText(line).findings.some((f) => f.entry.id === id), `${id} matched: ${line}`);
});

test('IOMMU faults: the AMD flags and the VT-d reason code say what was blocked', () => {
  // AMD IOMMU spec: 0x20 RW (write), 0x10 PR (present), 0x40 PE (permission), 0x08 I (interrupt)
  const unmappedWrite = only(
    'vfio-pci 0000:11:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x001e address=0x1da414000 flags=0x0020]',
    'kernel.amd-io-page-fault',
  );
  assert.match(unmappedWrite.explanation.cause, /DMA write/);
  assert.match(unmappedWrite.explanation.cause, /nothing is mapped at 0x1da414000/);
  const perm = only(
    'AMD-Vi: Event logged [IO_PAGE_FAULT device=04:00.0 domain=0x0000 address=0x10b4a01e0 flags=0x0070]',
    'kernel.amd-io-page-fault',
  );
  assert.match(perm.explanation.cause, /permission violation/);
  // dma_remap_fault_reasons[]: 05 PTE Write access is not set, 04 Access beyond MGAW
  const write = only(
    'DMAR: [DMA Write NO_PASID] Request device [06:00.0] fault addr 0x7f000000 [fault reason 0x05] PTE Write access is not set',
    'kernel.dmar-fault',
  );
  assert.match(write.explanation.cause, /blocked a DMA write/);
  const mgaw = only(
    'DMAR: [DMA Read NO_PASID] Request device [06:00.0] fault addr 0xfff000000000 [fault reason 0x04] Access beyond MGAW',
    'kernel.dmar-fault',
  );
  assert.match(mgaw.explanation.cause, /address width/);
});
