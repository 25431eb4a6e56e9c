// Families first seen among the misses of the fifteenth held-out set once it was read
// (read-set15-sweep.ts, and the entries mended in other files). Every message here is built from
// the producing source's format string, never taken from the held-out set. Expected meanings come
// from the sources cited: include/linux/irqchip/arm-gic-v3.h (ITS error numbers) and
// arch/arm64/kvm/vgic/vgic-v4.c (their return through the bypass registration), virt/kvm/eventfd.c
// kvm_irqfd_assign() (the consumer side), vfio_iommu_type1.c's unmap wrap-around check and its fix
// 58fec830fc19 (Linux 5.0), iommufd's unmap (ENOENT for an empty range), vfio_pci_intrs.c
// (INTx refused while another index is active) and QEMU d2b668fca565 (8.2.2/9.0), block/nvme.c's
// retry on ENOSPC (QEMU 6.2 stopped reporting the first one), vfio's cache-coherency requirement
// (e8ae0e140c05, 5.19), lib/kobject.c and mdev_core.c, i915 GVT-g handlers.c new_mmio_info() and
// 92010a97098c, the Unraid plugin's download script, Kata's PCIe root-port naming ("rp" prefix)
// and its agent's linkByHwAddr(), and the paste and splat forms of the kernel's own output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyExplanation, onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;
const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('irq bypass: a positive number on arm64 is an ITS error code, named; the consumer side has its own -EBUSY', () => {
  const its = onlyFinding(
    'vfio-pci 0000:05:00.0: irq bypass producer (token 00000000deadbeef) registration fails:66311',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.equal(its.facts.err, '66311');
  // 66311 = 0x010307 = E_ITS_INT_UNMAPPED_INTERRUPT in arm-gic-v3.h.
  assert.match(its.explanation.cause, /0x010307, E_ITS_INT_UNMAPPED_INTERRUPT/);
  assert.match(its.explanation.cause, /virtual ITS/);
  assert.equal(its.explanation.severity, 'info');
  const mapd = only(
    'vfio-pci 0000:05:00.0: irq bypass producer (token 00000000deadbeef) registration fails: 67585',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.match(mapd.cause, /0x010801, E_ITS_MAPD_DEVICE_OOR/);
  const consumer = onlyFinding(
    'irq bypass consumer (token 000000001c2d3e4f) registration fails: -16',
    'kernel.vfio-irq-bypass-failed',
  );
  assert.equal(consumer.facts.side, 'consumer');
  assert.match(consumer.explanation.cause, /irq_bypass_register_consumer\(\) returned -EBUSY/);
  assert.match(consumer.explanation.cause, /cpr-transfer/);
  // 6.17 prints the eventfd instead of the token.
  assert.deepEqual(ids('irq bypass producer (eventfd 00000000deadbeef) registration fails: -16'), [
    'kernel.vfio-irq-bypass-failed',
  ]);
});

test('DMA unmap: a range ending at 2^64 is the pre-5.0 overflow bug; ENOENT means nothing was mapped', () => {
  // 0xfee00000 + 0xffffffff01200000 = 2^64 exactly.
  const top = only(
    'qemu-system-x86_64: vfio_dma_unmap(0x55d0c1a2b3c0, 0xfee00000, 0xffffffff01200000) = -22 (Invalid argument)',
    'qemu.dma-unmap-failed',
  );
  assert.match(top.title, /top of the 64-bit address space/);
  assert.match(top.fix, /5\.0/);
  // One page short of 2^64 is not that bug.
  const short = only(
    'qemu-system-x86_64: vfio_dma_unmap(0x55d0c1a2b3c0, 0xfee00000, 0xffffffff011ff000) = -22 (Invalid argument)',
    'qemu.dma-unmap-failed',
  );
  assert.doesNotMatch(short.title, /top of the 64-bit/);
  const empty = only('qemu-kvm: IOMMU_IOAS_UNMAP failed: No such file or directory', 'qemu.dma-unmap-failed');
  assert.match(empty.cause, /never mapped/);
  assert.match(empty.cause, /read-only/);
  assert.deepEqual(ids('qemu-kvm: VFIO_UNMAP_DMA: -22'), ['qemu.dma-unmap-failed']);
});

test('a message a paste wrapped over two or three lines is put back together, the first half with its log prefix', () => {
  const unmap = diagnoseText(
    'qemu-system-aarch64: vfio_container_dma_unmap(0xaaaad1e2f3a0,\n0x8000000000, 0x10000) = -2 (No such file or directory)\n',
  );
  assert.deepEqual(
    unmap.findings.map((f) => f.entry.id),
    ['qemu.dma-unmap-failed'],
  );
  assert.equal(unmap.findings[0].values.iova, '8000000000');
  const fault = diagnoseText(
    '[  210.004411] DMAR: [INTR-REMAP] Request device [03:00.0] fault index\n0x0 [fault reason 0x25] Blocked a compatibility format interrupt\nrequest\n',
  );
  const f = fault.findings.find((x) => x.entry.id === 'kernel.dmar-intr-remap-fault');
  assert.ok(f, 'the wrapped fault line is recognised');
  assert.equal(f.device, '0000:03:00.0');
  // Reason 0x25 with an assigned device: the device sends the guest's MSI message itself.
  assert.match(f.explanation.cause, /guest's untranslated MSI message/);
  // Lines with their own log prefix are never joined: each stays unrecognised.
  assert.deepEqual(
    ids('[ 1.0] vfio_container_dma_unmap(0xaaaad1e2f3a0,\n[ 1.1] 0x8000000000, 0x10000) = -2\n'),
    [],
  );
});

test('an oops whose RIP is in VFIO code names the function and calls it a kernel bug', () => {
  const text =
    ' BUG: kernel NULL pointer dereference, address: 0000000000000010\n RIP: 0010:vfio_pci_core_close_device+0x5a/0xe0 [vfio_pci_core]\n';
  assert.deepEqual(ids(text), ['kernel.oops', 'kernel.splat-vfio-path']);
  const rip = diagnoseText(text).findings[1];
  assert.equal(rip.values.func, 'vfio_pci_core_close_device');
  assert.equal(rip.values.module, 'vfio_pci_core');
  assert.match(rip.explanation.cause, /kernel bug/);
  assert.match(rip.explanation.fix, /kvm@vger\.kernel\.org/);
  // A RIP in another driver is not claimed.
  assert.deepEqual(ids(' RIP: 0010:amdgpu_device_fini+0x5a/0xe0 [amdgpu]'), []);
});

test('vfio-pci probe -22 names the cache-coherency requirement as well as a missing group', () => {
  const e = only(
    '[    4.301223] vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22',
    'kernel.probe-failed',
  );
  assert.match(e.cause, /no IOMMU group/);
  assert.match(e.cause, /IOMMU_CAP_CACHE_COHERENCY/);
  assert.match(e.cause, /5\.19/);
  assert.match(e.fix, /dma-coherent/);
});

test('INTx set-up refused with EINVAL is another IRQ index left enabled (the QEMU 8.1–8.2.1 MSI-X regression)', () => {
  const e = only(
    'qemu-system-x86_64: vfio 0000:06:00.0: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: Invalid argument',
    'qemu.intx-setup-failed',
  );
  assert.match(e.cause, /MSI-X/);
  assert.match(e.fix, /8\.2\.2/);
  // EBUSY keeps the shared-line explanation.
  const busy = only(
    'qemu-system-x86_64: vfio 0000:06:00.0: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: Device or resource busy',
    'qemu.intx-setup-failed',
  );
  assert.match(busy.cause, /shared/);
});

test('the kobject EEXIST line: mdev_bus is the parent-registration race, other names get the general reading', () => {
  const race = onlyFinding(
    "[    6.902117] kobject: kobject_add_internal failed for mdev_bus with -EEXIST, don't try to register things with the same name in the same directory.",
    'kernel.kobject-name-exists',
  );
  assert.equal(race.facts.name, 'mdev_bus');
  assert.match(race.explanation.cause, /race/);
  assert.match(race.explanation.cause, /serialized/);
  const other = only(
    "kobject_add_internal failed for foo_bar with -EEXIST, don't try to register things with the same name in the same directory.",
    'kernel.kobject-name-exists',
  );
  assert.doesNotMatch(other.cause, /mdev/);
});

test('GVT-g duplicate register: offset 2248 is the Broxton/Apollo Lake table bug fixed by 92010a97098c', () => {
  const bxt = only('[   24.118311] dup mmio definition offset 2248', 'kernel.gvt-dup-mmio');
  assert.match(bxt.cause, /Apollo Lake/);
  assert.match(bxt.cause, /92010a97098c/);
  const other = only('dup mmio definition offset 6c000', 'kernel.gvt-dup-mmio');
  assert.doesNotMatch(other.cause, /Apollo Lake/);
  assert.match(other.cause, /kernel bug/);
});

test('Unraid driver plugin, vGPU tools missing, Kata root ports and agent links, quickpassthrough ROM', () => {
  const plugin = only(
    "---Can't get latest Nvidia vgpu driver version and found no installed local driver---",
    'unraid.nvidia-driver-not-available',
  );
  assert.match(plugin.cause, /uname -r/);
  const daemon = onlyFinding(
    '/tmp/user.scripts/tmpScripts/vgpu/script: line 38: nvidia-vgpu-mgr: command not found',
    'vgpu.tool-not-found',
  );
  assert.equal(daemon.facts.tool, 'nvidia-vgpu-mgr');
  assert.match(daemon.explanation.cause, /vGPU host driver/);
  assert.match(only('bash: mdevctl: command not found', 'vgpu.tool-not-found').cause, /separate package/);
  // A boot tool keeps its own entry.
  assert.deepEqual(ids('bash: update-grub: command not found'), ['boot.tool-not-found']);
  const rp = only(
    "qemu-system-x86_64: -device vfio-pci,host=0000:3b:00.0,bus=rp0: Bus 'rp0' not found",
    'qemu.bus-not-found',
  );
  assert.match(rp.fix, /pcie_root_port/);
  assert.doesNotMatch(
    only(
      "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=pci.3: Bus 'pci.3' not found",
      'qemu.bus-not-found',
    ).cause,
    /Kata/,
  );
  const link = onlyFinding(
    'rpc error: code = NotFound desc = Could not find the link corresponding to HwAddr \\"52:54:00:12:34:56\\"',
    'kata.agent-link-not-found',
  );
  assert.equal(link.facts.mac, '52:54:00:12:34:56');
  assert.match(link.explanation.cause, /guest kernel/);
  const rom = only(
    'github.com/HikariKnight/quickpassthrough/internal/pages.genVBIOS_dumper(0xc0003cb000)',
    'quickpassthrough.vbios-no-rom',
  );
  assert.match(rom.cause, /integrated GPU/);
});

test('mended explanations: caching mode, re-plug, mdev removal, bus reset, ENOSPC retry, mdev not started, BAR restore', () => {
  assert.match(
    only(
      'qemu-system-x86_64: We need to set caching-mode=on for intel-iommu to enable device assignment with IOMMU protection.',
      'qemu.intel-iommu-caching-mode-required',
    ).cause,
    /invalidation for each new mapping/,
  );
  assert.match(
    only(
      'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev1: vfio 0000:01:00.0: device is already attached',
      'qemu.device-already-attached',
    ).cause,
    /reference/,
  );
  assert.match(
    only('nvidia 0000:01:00.0: MDEV: Unregistering', 'kernel.mdev-parent-unregistering').cause,
    /request callback/,
  );
  assert.match(
    only('vfio-pci 0000:03:00.0: not ready 65535ms after bus reset; giving up', 'kernel.reset-timeout').fix,
    /no-bus-reset quirk/,
  );
  const enospc = only(
    'qemu-system-x86_64: VFIO_MAP_DMA failed: No space left on device',
    'qemu.map-dma-ioctl-failed',
  );
  assert.match(enospc.cause, /harmless/);
  assert.match(enospc.cause, /6\.2/);
  const mdev = only(
    "error: device not found: mediated device '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b' not found",
    'libvirt.mdev-not-found',
  );
  assert.match(mdev.cause, /only defined/);
  assert.match(mdev.fix, /nodedev-start/);
  assert.match(
    only(
      'vfio-pci 0000:0b:00.0: vfio_bar_restore: reset recovery - restoring BARs',
      'kernel.vfio-reset-recovery-bars',
    ).cause,
    /secondary bus reset/,
  );
});

test("a Go runtime panic is a bug in the program, and the runtime error's kind says what it met", () => {
  // golang/go runtime/error.go: the texts of the runtime errors; runtime/map.go: "assignment to entry in nil map".
  const nilPtr = onlyFinding(
    'virt-launcher-vm-abcde compute panic: runtime error: invalid memory address or nil pointer dereference',
    'wrapped.go-panic',
  );
  assert.match(nilPtr.explanation.title, /bug in that program/);
  assert.match(nilPtr.explanation.cause, /nil pointer/);
  const empty = only('panic: runtime error: index out of range [0] with length 0', 'wrapped.go-panic');
  assert.match(empty.cause, /empty list/);
  const three = only('panic: runtime error: index out of range [5] with length 3', 'wrapped.go-panic');
  assert.doesNotMatch(three.cause, /empty list/);
  assert.match(only('panic: assignment to entry in nil map', 'wrapped.go-panic').cause, /never created/);
  // The kernel's panic is another thing, and a Rust panic keeps its own entry.
  assert.deepEqual(ids('[   12.300001] Kernel panic - not syncing: Fatal exception'), []);
  assert.deepEqual(ids("thread 'vmm' panicked at vmm/src/device_manager.rs:1234:56:"), [
    'wrapped.rust-thread-panicked',
  ]);
});
