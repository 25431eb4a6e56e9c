// Families first seen among the misses of the seventeenth held-out set once it was read
// (read-set17-sweep.ts, and the entries mended in other files). Every message here is built from
// the producing source's format string, never taken from the held-out set. Expected meanings come
// from the sources cited: amdkfd's pci_enable_atomic_ops_to_root() check and QEMU c00aac6f1428
// (AtomicOps completers on root ports, QEMU 8.1), chardev/char.c char_get_class(), systemd's
// job.c, amdgpu's vi_gpu_pci_config_reset(), ui/console.c, drivers/pci/pci.c's power-state
// messages, vendor-reset's device table, QEMU 852f0048f3 (guest_memfd and discard), and libvirt's
// virsh detach path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyExplanation, onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;

test('amdkfd skipping a GPU for PCIe atomics names the emulated root port and the QEMU/kernel versions', () => {
  for (const line of [
    'kfd kfd: amdgpu: skipped device 1002:67ef, PCI rejects atomics 730<0',
    'kfd kfd: skipped device 1002:6fdf, PCI rejects atomics',
  ]) {
    const e = only(line, 'kernel.kfd-pci-atomics');
    assert.match(e.cause, /root port/);
    assert.match(e.cause, /8\.1/);
    assert.match(e.fix, /pcie-root-port/);
  }
});

test("QEMU's 'not a valid char driver' with an option as the value: the option before it had no value", () => {
  const e = only(
    "qemu-system-x86_64: -monitor -netdev: '-netdev' is not a valid char driver",
    'qemu.option-took-next-option',
  );
  assert.match(e.cause, /without its value/);
  assert.match(e.cause, /launcher script|VM manager/);
  // A backend name that QEMU does not know is only that.
  const typo = only(
    "qemu-system-x86_64: -serial tcpx:4555: 'tcpx' is not a valid char driver",
    'qemu.option-took-next-option',
  );
  assert.match(typo.cause, /does not know/);
});

test('a helper script reporting the GPU still on its host driver: the holders, and the APU case', () => {
  const amd = only("ERROR: GPU is still bound to 'amdgpu' after unload", 'tool.gpu-still-bound');
  assert.match(amd.cause, /APU/);
  assert.match(amd.cause, /fbcon/);
  const nv = only('device still bound to nvidia', 'tool.gpu-still-bound');
  assert.match(nv.fix, /fuser/);
});

test('a unit held back waiting for systemd-modules-load: a GPU driver loading for a card meant for vfio-pci', () => {
  const e = only(
    'sysinit.target: starting held back, waiting for: systemd-udev-settle.service',
    'systemd.job-held-back',
  );
  assert.match(e.cause, /not completing/);
  const m = only(
    'local-fs.target: starting held back, waiting for: systemd-modules-load.service',
    'systemd.job-held-back',
  );
  assert.match(m.cause, /vfio-pci/);
  assert.match(m.fix, /blacklist/);
});

test("amdgpu's PCI config reset is harmless in itself and names the reset bug of the cards it is used on", () => {
  const f = onlyFinding(
    'amdgpu 0000:0c:00.0: amdgpu: GPU pci config reset',
    'kernel.amdgpu-pci-config-reset',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /harmless/);
  assert.match(f.explanation.cause, /reset bug/);
  assert.match(f.explanation.fix, /vendor-reset/);
});

test('a power-state change skipped because config space is gone: after a surprise removal it is expected', () => {
  const e = only(
    "vfio-pci 0000:41:00.0: can't change power state from D0 to D3hot (config space inaccessible)",
    'kernel.power-state-inaccessible',
  );
  assert.match(e.cause, /surprise removal/);
  assert.match(e.cause, /harmless/);
});

test("device_specific refused: vendor-reset's table names the GPU generations it supports", () => {
  const e = only(
    "vfio-pci 0000:2d:00.0: Unsupported reset method 'device_specific'",
    'kernel.reset-method-invalid',
  );
  assert.match(e.cause, /Navi 2x\/3x/);
  assert.match(e.cause, /not supported/);
});

test('RAM discard broken for a confidential guest: guest_memfd needs discard, and the QEMU commit says why', () => {
  const e = only(
    'vfio 0000:41:00.0: failed to setup container for group 12: Cannot set discarding of RAM broken: Device or resource busy',
    'qemu.ram-discard-broken',
  );
  assert.match(e.fix, /852f0048f3/);
  assert.match(e.fix, /SEV-SNP or TDX/);
});

test('a group that is not viable because it is group 0: firmware and the slot decide', () => {
  const e = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0: vfio 0000:02:00.0: group 0 is not viable',
    'qemu.group-not-viable',
  );
  assert.match(e.cause, /root complex/);
  assert.match(e.cause, /BIOS/);
  // Any other group keeps the general reading.
  const other = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0: vfio 0000:02:00.0: group 14 is not viable',
    'qemu.group-not-viable',
  );
  assert.match(other.cause, /HDMI audio/);
});

test('a failed detach names the unplug causes, QEMU crashing among them; a failed attach keeps the general answer', () => {
  const e = only('error: Failed to detach device from hostdev-nic.xml', 'libvirt.virsh-domain-op-failed');
  assert.match(e.cause, /QEMU crashed/);
  assert.match(e.fix, /update QEMU/);
  const a = only('error: Failed to attach device from hostdev-nic.xml', 'libvirt.virsh-domain-op-failed');
  assert.doesNotMatch(a.cause, /QEMU crashed/);
});

test('an iGPU VF whose guest i915 reads all ones: the guest needs the VF-capable driver', () => {
  const e = only(
    'i915 0000:00:05.0: [drm] *ERROR* Device is non-operational; MMIO access returns 0xFFFFFFFF!',
    'kernel.i915-mmio-all-ones',
  );
  assert.match(e.fix, /i915-sriov-dkms module in the guest/);
});

test('a mediated display without DMABUF support asks for an OpenGL display', () => {
  const e = only(
    'qemu-system-x86_64: The console requires display DMABUF support.',
    'qemu.console-dmabuf-required',
  );
  assert.match(e.cause, /display=on/);
  assert.match(e.fix, /gl=on/);
});
