// The QEMU tree sweep (catalogue/qemu-tree-sweep.ts): the facts in a message change the explanation
// the way the QEMU source printing it says. Expected meanings come from the sources the entries
// cite: hw/i386/amd_iommu.c amdvi_iommu_notify_flag_changed() (refuses a MAP notifier, which VFIO
// registers for every device behind a vIOMMU; prints the guest bus, PCI_SLOT and PCI_FUNC with
// %02x.%02x.%x; QEMU 10.2 (dma-remap series pulled October 2025) refuses it only while dma_remap is off, wording "requires dma-remap=1"),
// hw/virtio/virtio-iommu.c virtio_iommu_set_page_size_mask() / check_page_size_mask() (the
// refusal when the current mask and the device's mask share no bit, the "frozen granule" refusal
// when ctz64(current mask) is not in the new mask after the machine is ready, and, until QEMU 8.0,
// a warn_report() "does not match" for a hot-plugged device with the same granule, which is
// accepted) and virtio_iommu_set_iova_ranges() of QEMU 8.2-9.0 (error_setg() when a new device's reserved
// ranges are not contained in those already set for the endpoint; since 9.1 an aliased endpoint is refused; warn_report() when they arrive
// after the endpoint was probed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  QEMU_TREE_ALSO,
  QEMU_TREE_ENTRIES,
  QEMU_TREE_LEFT_OUT,
  smallestPage,
} from '../../src/readiness/diagnose/catalogue/qemu-tree-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, cited and claims its own examples alone, with their facts', () => {
  const n = checkSweepEntries(QEMU_TREE_ENTRIES, ['qemu.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} of ${x.text}`);
  });
  assert.ok(n >= 3, `only ${n} entries`);
});

test('every sibling wording is recognised by the entry that lists it, alone', () => {
  for (const a of QEMU_TREE_ALSO) {
    const ids = diagnoseText(a.text).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, [a.id], a.text);
  }
});

test('the left-out rows name a swept file and say why', () => {
  assert.ok(QEMU_TREE_LEFT_OUT.length >= 20);
  for (const l of QEMU_TREE_LEFT_OUT) {
    assert.match(l.file, /^qemu\/qemu (?:hw|backends)\//, l.format);
    assert.ok(l.why.length > 30, l.format);
  }
});

test('amd-iommu: the guest address is read, and QEMU 10.2 points at dma-remap=on', () => {
  const old = onlyFinding(
    'qemu-system-x86_64: device 00.07.0 requires iommu notifier which is not currently supported',
    'qemu.amd-iommu-no-vfio-support',
  );
  // %02x.%02x.%x of bus 0, slot 7, function 0
  assert.equal(old.facts.guestdev, '00.07.0');
  assert.equal(old.explanation.severity, 'error');
  // the old amd-iommu has no way to mirror guest mappings: another vIOMMU is the fix
  assert.match(old.explanation.fix, /intel-iommu,caching-mode=on/);
  const now = onlyFinding(
    'qemu-system-x86_64: device 00.03.0 requires dma-remap=1: Operation not supported',
    'qemu.amd-iommu-no-vfio-support',
  );
  assert.equal(now.facts.guestdev, '00.03.0');
  assert.match(now.explanation.fix, /^add dma-remap=on/);
  // dma-remap arrived after QEMU 10.1 was released: the old line's fix names 10.2, not 10.1
  assert.match(old.explanation.fix, /QEMU 10\.2 or later/);
  assert.match(now.explanation.cause, /QEMU 10\.2\+/);
  assert.notEqual(now.explanation.cause, old.explanation.cause);
});

test('virtio-iommu page sizes: a 64 KiB host granule, a frozen granule, and the accepted mismatch', () => {
  // SMMU with 64 KiB pages: mask 0x20010000 (64 KiB | 512 MiB); the guest side 4 KiB and up
  assert.equal(smallestPage('0x20010000'), 65536);
  assert.equal(smallestPage('0xfffffffffffff000'), 4096);
  assert.equal(smallestPage('0x0'), undefined);
  for (const line of [
    // until QEMU 8.0 the current (guest) mask comes first
    'qemu-system-aarch64: virtio-iommu page mask 0xfffffffffffff000 is incompatible with mask 0x20010000',
    // QEMU 8.1-9.0: the memory region named, the device (host) mask first
    'qemu-system-aarch64: virtio-iommu virtio-iommu-memory-region-8-0 reports a page size mask 0x20010000 incompatible with currently supported mask 0xfffffffffffff000',
  ]) {
    const f = onlyFinding(line, 'qemu.virtio-iommu-page-size-mask');
    assert.equal(f.facts.mask, '0x20010000', line);
    assert.equal(f.facts.current, '0xfffffffffffff000', line);
    assert.equal(f.explanation.severity, 'error', line);
    assert.match(f.explanation.cause, /64 KiB/, line);
  }
  const frozen = onlyFinding(
    'qemu-system-aarch64: virtio-iommu virtio-iommu-memory-region-8-0 does not support frozen granule 0x1000',
    'qemu.virtio-iommu-page-size-mask',
  );
  assert.equal(frozen.facts.granule, '0x1000');
  assert.match(frozen.explanation.cause, /4 KiB/);
  assert.match(frozen.explanation.fix, /cold-plug/);
  // warn_report(): the hot-plugged device was accepted
  const accepted = onlyFinding(
    'qemu-system-aarch64: warning: virtio-iommu page mask 0xfffffffffffff000 does not match 0xfffffffffffe000',
    'qemu.virtio-iommu-page-size-mask',
  );
  assert.equal(accepted.explanation.severity, 'warning');
  assert.match(accepted.explanation.cause, /accepted/);
});

test('virtio-iommu reserved ranges: a conflict refuses the device, a late notification only warns', () => {
  for (const line of [
    'qemu-system-aarch64: -device vfio-pci,host=0000:01:00.1: vfio 0000:01:00.1: IOMMU mr=virtio-iommu-memory-region-8-0 Conflicting host reserved ranges set!',
    'qemu-system-x86_64: virtio_iommu_set_host_iova_ranges Conflicting host reserved ranges set!',
  ]) {
    const f = diagnoseText(line).findings.find((x) => x.entry.id === 'qemu.virtio-iommu-host-resv-conflict');
    assert.ok(f, line);
    assert.equal(f.explanation.severity, 'error', line);
    assert.match(f.explanation.fix, /pcie-root-port/, line);
  }
  // since QEMU 9.1 (July 2024 pull) a second host device on an aliased endpoint is refused outright
  const aliased = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.1: vfio 0000:01:00.1: Failed to set vIOMMU: virtio_iommu_set_host_iova_ranges virtio-iommu does not support aliased BDF',
    'qemu.virtio-iommu-host-resv-conflict',
  );
  assert.equal(aliased.explanation.severity, 'error');
  assert.match(aliased.explanation.cause, /refuses a second one on an aliased endpoint/);
  assert.match(aliased.explanation.fix, /pcie-root-port/);
  const late = onlyFinding(
    'qemu-system-x86_64: warning: virtio-iommu-memory-region-16-0: Notified about new host reserved regions after probe',
    'qemu.virtio-iommu-host-resv-conflict',
  );
  assert.equal(late.explanation.severity, 'warning');
  assert.match(late.explanation.cause, /already probed/);
});

test('intel-iommu options: each refused combination gets its own cause and fix', () => {
  // vtd_decide_config(): eim needs intremap; the allowed widths are printed with %d, %d
  const eim = onlyFinding(
    'qemu-system-x86_64: -device intel-iommu,eim=on: eim=on cannot be selected without intremap=on',
    'qemu.intel-iommu-config-invalid',
  );
  assert.match(eim.explanation.fix, /add intremap=on/);
  const irqchip = onlyFinding(
    "qemu-system-x86_64: -device intel-iommu,intremap=on,eim=on: Intel Interrupt Remapping cannot work with kernel-irqchip=on, please use 'split|off'.",
    'qemu.intel-iommu-config-invalid',
  );
  assert.match(irqchip.explanation.fix, /kernel-irqchip=split/);
  assert.match(irqchip.explanation.fix, /ioapic driver='qemu'/);
  const aw = onlyFinding(
    'qemu-system-x86_64: -device intel-iommu,aw-bits=52: Supported values for aw-bits are: 39, 48',
    'qemu.intel-iommu-config-invalid',
  );
  assert.equal(aw.facts.allowed, '39, 48');
  assert.match(aw.explanation.fix, /one of 39, 48/);
  // first-stage translation (x-flts=on) allows only 48
  const flts = onlyFinding(
    'qemu-system-x86_64: -device intel-iommu,x-scalable-mode=on,x-flts=on,aw-bits=39: Scalable mode(flts=on): supported value for aw-bits is: 48',
    'qemu.intel-iommu-config-invalid',
  );
  assert.equal(flts.facts.allowed, '48');
  assert.doesNotMatch(flts.explanation.fix, /one of/);
  const kvm = onlyFinding(
    'qemu-system-x86_64: -device intel-iommu,intremap=on,eim=on: eim=on requires support on the KVM side(X2APIC_API, first shipped in v4.7)',
    'qemu.intel-iommu-config-invalid',
  );
  assert.match(kvm.explanation.cause, /Linux 4\.7/);
});

test('intel-iommu DMA faults: the guest device is read; the recording lines only follow a fault', () => {
  // vtd_iommu_translate() prints bus, PCI slot and function with %02x:%02x:%02x
  const fault = onlyFinding(
    'qemu-system-x86_64: vtd_iommu_translate: detected translation failure (dev=03:00:00, iova=0xfd200000)',
    'qemu.vtd-dma-translation-fault',
  );
  assert.equal(fault.facts.guestdev, '03:00:00');
  assert.equal(fault.facts.iova, '0xfd200000');
  assert.equal(fault.explanation.severity, 'warning');
  // an assigned device's DMA is translated by the host IOMMU, not here
  assert.match(fault.explanation.cause, /host IOMMU/);
  const rsvd = onlyFinding(
    'qemu-system-x86_64: vtd_iova_to_slpte: detected splte reserve non-zero iova=0xfffff002, level=0x1slpte=0x102681803)',
    'qemu.vtd-dma-translation-fault',
  );
  assert.match(rsvd.explanation.cause, /snoop/);
  assert.match(rsvd.explanation.fix, /x-scalable-mode/);
  // vtd_report_dmar_fault(): the fault was counted but not recorded
  for (const line of [
    'qemu-system-x86_64: New fault is not recorded due to compression of faults',
    'qemu-system-x86_64: There are pending faults already, fault event is not generated',
  ]) {
    const f = onlyFinding(line, 'qemu.vtd-dma-translation-fault');
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.title, /follows an earlier one/, line);
  }
});

test('amd-iommu interrupt remapping: the devid is decoded into the guest address of the sender', () => {
  // amdvi_mem_ir_write() prints the requester id: bus in bits 15-8, slot in 7-3, function in 2-0
  const f = onlyFinding(
    'qemu-system-x86_64: failed to remap interrupt from devid 0x10a',
    'qemu.amd-iommu-irq-remap-failed',
  );
  assert.equal(f.facts.devid, '0x10a');
  assert.match(f.explanation.cause, /guest device 01:01\.2/);
  // amdvi_int_remap_msi() refuses a DTE with remapping on when intremap is off
  assert.match(f.explanation.fix, /intremap=on/);
  assert.equal(f.explanation.severity, 'warning');
});

test('intel-iommu without caching mode refuses the one device, at start-up and on hot-plug', () => {
  // vtd_iommu_notify_flag_changed() since commit b8d78277c0: error_setg_errno(ENOTSUP, "device %02x.%02x.%x requires caching mode")
  const wrapped =
    'Error: vfio 0000:3b:00.0: memory listener initialization failed: Region vtd-00.0-dmar: device 01.00.0 requires caching mode: Operation not supported';
  const f = diagnoseText(wrapped).findings.find(
    (x) => x.entry.id === 'qemu.intel-iommu-caching-mode-refused',
  );
  assert.ok(f, wrapped);
  assert.equal(f.facts.guestdev, '01.00.0');
  assert.match(f.explanation.fix, /caching-mode=on/);
  // pc_hotplug_allowed(): a device_add refused while the VM keeps running
  const hot = onlyFinding(
    'Error: Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU.',
    'qemu.intel-iommu-caching-mode-refused',
  );
  assert.match(hot.explanation.cause, /device_add/);
  assert.notEqual(hot.explanation.cause, f.explanation.cause);
  // the 2025 rework (vtd_dev_set_iommu_device()) prints the same refusal after "Failed to set vIOMMU: " for a cold-plugged device
  const cold =
    'qemu-system-x86_64: -device vfio-pci,host=0000:3b:00.0,id=hostdev3,bus=root0,iommufd=iommufd0: vfio 0000:3b:00.0: Failed to set vIOMMU: Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU.';
  assert.ok(diagnoseText(cold).findings.some((x) => x.entry.id === 'qemu.intel-iommu-caching-mode-refused'));
});

test('amd-iommu conflicting translation: a guest-driver inconsistency on the dma-remap path, not fatal', () => {
  // amdvi_notify_iommu(): error_report() and the new mapping is still recorded and notified
  const f = onlyFinding(
    'qemu-system-x86_64: Found conflicting translation. This could be due to an incorrect or missing invalidation command',
    'qemu.amd-iommu-conflicting-translation',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /without invalidating/);
  assert.match(f.explanation.cause, /dma-remap=on/);
});

test('INTx routing not implemented: the host bridge is named and the device keeps working', () => {
  // pci_device_route_intx_to_irq() returns PCI_INTX_DISABLED when the root bus has no route_intx_to_irq;
  // vfio_intx_enable_kvm() then keeps INTx in QEMU. piix, ich9, gpex and spapr set one
  // (pci_bus_set_route_irq_fn()); hw/pci-host/designware.c does not
  const f = onlyFinding(
    'qemu-system-arm: PCI: Bug - unimplemented PCI INTx routing (designware-pcie-host)',
    'qemu.pci-intx-routing-unimplemented',
  );
  assert.equal(f.facts.hostbridge, 'designware-pcie-host');
  assert.match(f.explanation.cause, /generic PCIe host \(gpex\)/);
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /falls back/);
  assert.match(f.explanation.fix, /MSI/);
});

test('MSI-X with no vector in use: the numeric errno of the 2023 no-vector path is read and changes the cause', () => {
  // vfio_msix_enable(): error_report("vfio: failed to enable MSI-X, %d", ret) with ret = -errno
  // (include/uapi/asm-generic/errno-base.h: 28 ENOSPC, 22 EINVAL)
  const nospc = onlyFinding(
    'qemu-system-x86_64: vfio: failed to enable MSI-X, -28',
    'qemu.msix-enable-no-vector-failed',
  );
  assert.equal(nospc.facts.errno, 'ENOSPC');
  assert.match(nospc.explanation.cause, /No space left on device/);
  const inval = onlyFinding(
    'qemu-system-x86_64: vfio: failed to enable MSI-X, -22',
    'qemu.msix-enable-no-vector-failed',
  );
  assert.equal(inval.facts.errno, 'EINVAL');
  assert.match(inval.explanation.fix, /lspci -vv/);
  assert.notEqual(nospc.explanation.cause, inval.explanation.cause);
  // the strerror() wording of newer QEMU stays with qemu.msix-enable-failed
  const text = diagnoseText(
    'qemu-system-x86_64: vfio: failed to enable MSI-X, No space left on device',
  ).findings;
  assert.ok(!text.some((f) => f.entry.id === 'qemu.msix-enable-no-vector-failed'));
});
