// The layers above an assigned device (catalogue/virt-stack-extra.ts): libvirt's capabilities
// lookup (src/conf/capabilities.c: what was asked for decides the cause), nvidia-smi without a
// driver (expected on a host whose GPU is on vfio-pci), and OVMF's boot manager (BdsDxe: a boot
// option with nothing behind it is harmless; Access Denied is Secure Boot). Messages built from the
// format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('libvirt without KVM capabilities: KVM, then the emulator path, then the machine type', () => {
  const id = 'libvirt.no-kvm-capabilities';
  const kvm = onlyFinding(
    'error: invalid argument: could not find capabilities for arch=x86_64 domaintype=kvm ',
    id,
  );
  assert.match(kvm.explanation.cause, /\/dev\/kvm/);
  assert.match(kvm.explanation.fix, /restart libvirt/);
  const emu = onlyFinding(
    'error: invalid argument: could not find capabilities for emulator=/usr/libexec/qemu-kvm ',
    id,
  );
  assert.match(emu.explanation.cause, /emulator path/);
  const machine = onlyFinding(
    'error: invalid argument: could not find capabilities for arch=x86_64 machine=pc-q35-rhel9.4.0 ',
    id,
  );
  assert.match(machine.explanation.cause, /machine type/);
  assert.match(machine.explanation.fix, /-machine help/);
});

test('nvidia-smi without a driver: expected on a host whose GPU is on vfio-pci', () => {
  const f = onlyFinding(
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    'nvidia.smi-no-driver',
  );
  assert.match(f.explanation.cause, /vfio-pci/);
  assert.match(f.explanation.fix, /dkms/);
});

test('OVMF skipping a boot option is harmless; Access Denied is Secure Boot', () => {
  const id = 'edk2.boot-option-failed';
  const empty = onlyFinding(
    'BdsDxe: failed to load Boot0001 "UEFI QEMU DVD-ROM QM00003 " from PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x0,0xFFFF,0x0): Not Found',
    id,
  );
  assert.equal(empty.explanation.severity, 'info');
  assert.match(empty.explanation.cause, /Harmless/);
  const denied = onlyFinding(
    'BdsDxe: failed to load Boot0003 "Windows Boot Manager" from HD(1,GPT,0F3A,0x800,0x32000)/\\EFI\\Microsoft\\Boot\\bootmgfw.efi: Access Denied',
    id,
  );
  assert.equal(denied.explanation.severity, 'error');
  assert.match(denied.explanation.cause, /Secure Boot/);
});

test('QEMU terminated by a signal says who sent it; inside a libvirt error it stays libvirt.qemu-exited', () => {
  const id = 'qemu.terminated-by-signal';
  const byLibvirt = onlyFinding(
    'qemu-system-x86_64: terminating on signal 15 from pid 1234 (/usr/sbin/libvirtd)',
    id,
  );
  assert.equal(byLibvirt.explanation.severity, 'info');
  assert.match(byLibvirt.explanation.cause, /libvirt .* stopped QEMU/);
  const byInit = onlyFinding(
    '2024-02-03T10:11:12.123456Z qemu-system-x86_64: terminating on signal 15 from pid 1 (/sbin/init)',
    id,
  );
  assert.match(byInit.explanation.cause, /service manager/);
  const bare = onlyFinding('kvm: terminating on signal 15 from pid 9876', id);
  assert.match(bare.explanation.cause, /did not fail here/);
  const inLibvirt = diagnoseText(
    "error: internal error: QEMU unexpectedly closed the monitor (vm='win10'): 2025-01-02T10:00:00.000000Z qemu-system-x86_64: terminating on signal 15",
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(inLibvirt, ['libvirt.qemu-exited']);
});

test('an out-of-tree, unsigned or proprietary module is harmless', () => {
  for (const line of [
    'vendor_reset: loading out-of-tree module taints kernel.',
    'kvmfr: module verification failed: signature and/or required key missing - tainting kernel',
    "nvidia: module license 'NVIDIA' taints kernel.",
  ]) {
    const f = onlyFinding(line, 'kernel.module-taints-kernel');
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.cause, /Harmless/, line);
  }
});

test('Proxmox: the systemd scope timeout and the start failure that points at the line above', () => {
  const t = onlyFinding('TASK ERROR: timeout waiting on systemd', 'pve.start-timeout');
  assert.match(t.explanation.cause, /scope/);
  assert.match(t.explanation.cause, /pins all guest RAM/);
  const exited = onlyFinding('TASK ERROR: start failed: QEMU exited with code 1', 'pve.qemu-exited');
  assert.match(exited.explanation.fix, /line above/);
  const timedOut = onlyFinding(
    "TASK ERROR: start failed: command '/usr/bin/kvm -id 104 -name gpu -no-shutdown' failed: got timeout",
    'pve.qemu-exited',
  );
  assert.match(timedOut.explanation.cause, /did not finish in time/);
  // The QEMU line above it keeps its own explanation; the wrapper adds nothing to it.
  const both = diagnoseText(
    'kvm: -device vfio-pci,host=0000:01:00.0,id=hostpci0,bus=ich9-pcie-port-1,addr=0x0: vfio 0000:01:00.0: group 13 is not viable\nTASK ERROR: start failed: QEMU exited with code 1',
  ).findings.map((f) => f.entry.id);
  assert.ok(both.includes('qemu.group-not-viable'), both.join(' '));
});
