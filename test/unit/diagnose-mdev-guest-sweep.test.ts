// The mdev / guest-side / interrupt sweep (catalogue/mdev-guest-sweep.ts): the facts its entries
// read decide the explanation the way the producing code does. OVMF's PciHostBridge.c names the
// window it ran out of (mPciResourceTypeStr: "I/O", "Mem", "PMem", "Mem64", "PMem64"); the NVIDIA
// probe prints the BAR size it found ("BAR1 is 0M" when the BAR never got an address); the open
// kernel modules say "not supported by open" for GPUs without GSP; QEMU's kvm_cpu_exec() prints
// strerror() of KVM_RUN's errno; Proxmox passes addresses without their domain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText, matchLine } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding, refined } from '../helpers/diagnose-entry.js';

const ids = (line: string) => matchLine(line).map((m) => m.entry.id);

test('OVMF out of resources: the window that ran out picks the fix', () => {
  const r64 = refined(
    'edk2.pci-out-of-resources',
    '  PMem64: Base/Length/Alignment = FFFFFFFFFFFFFFFF/800000000/7FFFFFFFF - Out Of Resource!',
  );
  assert.match(r64?.fix ?? '', /X-PciMmio64Mb/);
  const io = refined(
    'edk2.pci-out-of-resources',
    '  I/O: Base/Length/Alignment = FFFFFFFFFFFFFFFF/12000/FFF - Out of Resources',
  );
  assert.match(io?.fix ?? '', /io-reserve=0/);
  const mem32 = refined(
    'edk2.pci-out-of-resources',
    '  Mem: Base/Length/Alignment = FFFFFFFFFFFFFFFF/12000000/FFFFFF - Out Of Resource!',
  );
  assert.match(mem32?.cause ?? '', /below 4 GiB/);
  // PciBusDxe's summary does not say which window: the general explanation stands.
  assert.equal(
    refined(
      'edk2.pci-out-of-resources',
      'PciBus: HostBridge->NotifyPhase(AllocateResources) - Out of Resources',
    ),
    undefined,
  );
  // A window that was placed is routine output, not a finding.
  assert.deepEqual(ids('  Mem64: Base/Length/Alignment = 400000000/402400000/3FFFFFFFF - Success'), []);
});

test('NVIDIA BAR with no address: 0M is the unassigned case, a sized BAR the refused-address case', () => {
  assert.equal(refined('kernel.nvidia-bar-invalid', 'NVRM: BAR1 is 0M @ 0x0 (PCI:0000:0b:00.0)'), undefined);
  const sized = refined('kernel.nvidia-bar-invalid', 'NVRM: BAR1 is 256M @ 0x00000000 (PCI:30000000:01.0)');
  assert.match(sized?.cause ?? '', /256 MB/);
});

test('the NVRM block of a guest whose firmware left BAR 1 unassigned gives one finding per message', () => {
  // Lines from a VM's dmesg (NVIDIA/gpu-operator#492).
  const text = [
    '[83260.063553] NVRM: This PCI I/O region assigned to your NVIDIA device is invalid:',
    '               NVRM: BAR1 is 0M @ 0x0 (PCI:0000:14:00.0)',
    '[83260.063557] nvidia: probe of 0000:14:00.0 failed with error -1',
    '[83260.106438] NVRM: The NVIDIA probe routine failed for 2 device(s).',
  ].join('\n');
  const bar = onlyFinding(text, 'kernel.nvidia-bar-invalid');
  assert.equal(bar.count, 2);
  onlyFinding(text, 'kernel.nvidia-probe-failed-summary');
  const found = diagnoseText(text).findings.map((f) => f.entry.id);
  assert.ok(found.includes('kernel.probe-failed'), found.join(', '));
});

test('an unsupported GPU: the open modules name the missing GSP, the release message does not', () => {
  assert.match(
    refined('kernel.nvidia-gpu-unsupported', 'NVRM: installed in this system is not supported by open')
      ?.cause ?? '',
    /GSP/,
  );
  assert.equal(
    refined('kernel.nvidia-gpu-unsupported', 'NVRM: installed in this system is not supported by the'),
    undefined,
  );
  // The message's lines (open-gpu-kernel-modules osinit.c): the first names the GPU, the next ones
  // the reason, which the explanation follows.
  const lines = [
    'NVRM: The NVIDIA GPU 0000:01:00.0 (PCI ID: 10de:1b80)',
    'NVRM: installed in this system is not supported by open',
    'NVRM: nvidia.ko because it does not include the required GPU',
    'NVRM: System Processor (GSP).',
  ].join('\n');
  const found = diagnoseText(lines).findings.filter((f) => f.entry.id === 'kernel.nvidia-gpu-unsupported');
  assert.deepEqual(
    found.map((f) => [f.device, f.count]),
    [
      ['0000:01:00.0', 1],
      [undefined, 2],
    ],
  );
  assert.match(found[1].explanation.cause, /Turing/);
  // The first line of "fallen off the bus" carries no PCI ID: it is not this message.
  assert.ok(!ids('NVRM: The NVIDIA GPU 0002:21:00.0').includes('kernel.nvidia-gpu-unsupported'));
});

test('vGPU licensing: the server error text says what to fix', () => {
  assert.match(
    refined(
      'nvidia-vgpu.license-acquire-failed',
      'Failed to acquire license from 10.0.0.5 (Info: NVIDIA RTX Virtual Workstation - Error: The allowed time to process response has expired)',
    )?.cause ?? '',
    /clock/,
  );
  assert.match(
    refined(
      'nvidia-vgpu.license-acquire-failed',
      'Failed to acquire license from api.cls.licensing.nvidia.com (Info: NVIDIA RTX Virtual Workstation - Error: No pool features found for : NVIDIA RTX Virtual Workstation)',
    )?.cause ?? '',
    /no pool/,
  );
  assert.equal(
    refined('nvidia-vgpu.license-acquire-failed', 'nvidia-gridd: Failed to acquire license from 10.20.30.40'),
    undefined,
  );
});

test('KVM_RUN failing with EFAULT points at the device mapping; other errnos keep the general text', () => {
  // The engine reads the errno from the strerror() text; the explanation follows it.
  const efault = onlyFinding('error: kvm run failed Bad address', 'qemu.kvm-run-failed');
  assert.equal(efault.facts.errno, 'EFAULT');
  assert.match(efault.explanation.cause, /BAR/);
  const einval = onlyFinding('error: kvm run failed Invalid argument', 'qemu.kvm-run-failed');
  assert.match(einval.explanation.cause, /KVM_RUN ioctl/);
});

test('Proxmox mdev messages: the short address is read as a domain-0 PCI address', () => {
  const f = onlyFinding(
    "pci device '41:00.0' has no available instances of 'nvidia-63'",
    'pve.mdev-no-instances',
  );
  assert.equal(f.device, '0000:41:00.0');
  assert.equal(f.facts.type, 'nvidia-63');
});

test("the vGPU manager's control-call line is matched only as the whole message", () => {
  assert.deepEqual(ids('cmd: 0x20801322 failed.'), ['nvidia-vgpu.rm-control-failed']);
  assert.ok(!ids('some tool: cmd: 0x20801322 failed.').includes('nvidia-vgpu.rm-control-failed'));
});

test('posted-interrupt IRTE updates: both KVM wordings, with the errno of the teardown one', () => {
  assert.deepEqual(ids('vmx_pi_update_irte: failed to update PI IRTE'), ['kernel.kvm-pi-irte-update-failed']);
  const f = onlyFinding(
    'irq bypass consumer (token 0000000065102a43) unregistration fails: -22',
    'kernel.kvm-pi-irte-update-failed',
  );
  assert.equal(f.facts.errno, 'EINVAL');
});

test('mdevctl: a parent differing only in case is named; a duplicate UUID says which part differs', () => {
  // mdev.rs find_parent_dir() adds "Did you mean" only when the names match ignoring case.
  assert.match(
    refined(
      'mdevctl.parent-not-found',
      "Error: Unable to find parent device '0000:0A:00.4'. Did you mean '0000:0a:00.4'?",
    )?.fix ?? '',
    /0000:0a:00\.4/,
  );
  assert.equal(
    refined('mdevctl.parent-not-found', "Error: Unable to find parent device '0000:00:02.0'"),
    undefined,
  );
  assert.match(
    refined('mdevctl.device-exists', 'Error: Device exists under different parent')?.cause ?? '',
    /another parent/,
  );
  assert.equal(refined('mdevctl.device-exists', 'Error: Device already exists'), undefined);
  // The wording alone, inside another program's message, is not mdevctl's.
  assert.deepEqual(ids('mkdir: Device already exists'), []);
});

test('mdevctl remove: the errno on the "Caused by" line is read', () => {
  // The first line is recognised alone (a paste may stop there); the errno comes with the last.
  const found = diagnoseText(
    'Error: Error removing device 4b20d080-1b54-4048-81ae-2ed1c6e43e68\n\nCaused by:\n    No such device (os error 19)',
  ).findings.filter((f) => f.entry.id === 'mdevctl.remove-failed');
  assert.deepEqual(
    found.map((f) => f.facts.errno),
    [undefined, 'ENODEV'],
  );
});

test("xe SR-IOV: the %pe errno name decides the advice; other drivers' VF lines are not taken", () => {
  // xe_pci_sriov.c pf_enable_vfs() prints ERR_PTR(err) with %pe: "-ENOSPC".
  const f = onlyFinding(
    'xe 0000:03:00.0: [drm] PF: Failed to enable 7 VFs (-ENOSPC)',
    'kernel.xe-sriov-enable-failed',
  );
  assert.equal(f.facts.errno, 'ENOSPC');
  assert.match(f.explanation.fix, /fewer VFs/);
  // Without xe_sriov_printk()'s "PF: " prefix the line is some other driver's.
  assert.deepEqual(ids('ixgbe 0000:05:00.0: Disabled 2 VFs'), []);
});

test('NVIDIA interrupt fallback: MSI-X failing is told apart from MSI failing', () => {
  // nv-msi.c: nv_init_msix() fails over to MSI; nv_init_msi() to virtual-wire (INTx).
  assert.equal(
    refined(
      'kernel.nvidia-msi-fallback',
      'NVRM: GPU 0000:01:00.0: Failed to enable MSI; falling back to PCIe virtual-wire interrupts.',
    ),
    undefined,
  );
  assert.match(
    refined('kernel.nvidia-msi-fallback', 'NVRM: GPU 0000:01:00.0: Failed to enable MSI-X.')?.cause ?? '',
    /goes on with MSI/,
  );
});
