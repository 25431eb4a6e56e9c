// Hardware virtualization as the kernel and QEMU report it (catalogue/kernel-iommu.ts,
// qemu-machine.ts): off in the firmware (arch/x86/kernel/cpu/feat_ctl.c at boot; kvm_arch_init()
// and the vendor modules when KVM loads), absent from the CPU (most often a guest without nested
// virtualization), and QEMU dropping a CPU feature the host cannot give (target/i386/cpu.c
// mark_unavailable_features(): a warning, not an error). Messages built from the format strings of
// each kernel version that printed them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('VT-x/AMD-V off in the firmware, in the wording of each kernel', () => {
  const lines = [
    '[    0.135737] x86/cpu: VMX (outside TXT) disabled by BIOS',
    "[   12.000000] kvm: support for 'kvm_amd' disabled by bios",
    '[   12.000000] kvm_intel: VMX not enabled (by BIOS) in MSR_IA32_FEAT_CTL on CPU 0',
    '[   12.000000] kvm: disabled by bios',
  ];
  eachOnlyFinding('kernel.kvm-disabled-by-bios', lines, (f, line) => {
    assert.match(f.explanation.fix, /firmware setup/, line);
  });
});

test('no VT-x/AMD-V in the CPU: the nested-virtualization case comes first', () => {
  const lines = [
    "kvm: no hardware support for 'kvm_intel'",
    "[    3.3] no hardware support for 'kvm_amd'",
    'kvm_intel: VMX not supported by CPU 2',
    'kvm_amd: SVM not supported by CPU 0, svm not available',
    "kvm_amd: CPU 0 isn't AMD or Hygon",
    'kvm: no hardware support',
  ];
  eachOnlyFinding('kernel.kvm-no-hardware-support', lines, (f, line) => {
    assert.match(f.explanation.cause, /nested virtualization/, line);
    assert.match(f.explanation.fix, /\/proc\/cpuinfo/, line);
  });
  assert.ok(
    !diagnoseText('kvm: disabled by bios').findings.some(
      (f) => f.entry.id === 'kernel.kvm-no-hardware-support',
    ),
  );
});

test('QEMU dropping a CPU feature is harmless; vmx/svm means no nested virtualization, TCG means no KVM', () => {
  const id = 'qemu.cpu-feature-unsupported';
  const vmx = onlyFinding(
    "qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]",
    id,
  );
  assert.equal(vmx.explanation.severity, 'info');
  assert.match(vmx.explanation.cause, /nested virtualization/);
  assert.match(vmx.explanation.cause, /Harmless for device assignment/);
  const msr = onlyFinding(
    "kvm: warning: host doesn't support requested feature: MSR(48FH).vmx-exit-load-perf-global-ctrl [bit 12]",
    id,
  );
  assert.match(msr.explanation.cause, /nested virtualization/);
  const tcg = onlyFinding(
    "qemu-system-x86_64: warning: TCG doesn't support requested feature: CPUID.07H:EBX.erms [bit 9]",
    id,
  );
  assert.match(tcg.explanation.cause, /without KVM/);
  for (const line of [
    "warning: host doesn't support requested feature: CPUID.07H:EBX.hle [bit 4]",
    "qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.0DH:EAX.xsavec [bit 1]",
  ]) {
    const other = onlyFinding(line, id);
    assert.equal(other.explanation.severity, 'info', line);
    assert.match(other.explanation.cause, /Harmless for device assignment/, line);
    assert.equal(diagnoseText(line).findings.length, 1, line);
  }
});

test('amdgpu: a block failing in sw_init, hw_init or late_init is the same entry', () => {
  for (const phase of ['sw', 'hw', 'late']) {
    const f = onlyFinding(
      `amdgpu 0000:0c:00.0: amdgpu: ${phase}_init of IP block <smu> failed -62`,
      'kernel.amdgpu-ip-init-failed',
    );
    assert.match(f.explanation.cause, /reset/);
  }
});
