// virt-host-validate's warnings and failures (host-validate-sweep.ts). The oracle is the real
// virt-host-validate of this machine (libvirt-clients, which CI installs): every WARN or FAIL line
// it prints here must be explained by one of these entries or by libvirt.validate-iommu, whatever the
// machine lacks. The meanings come from libvirt's tools/virt-host-validate-common.c and -qemu.c:
// the IOMMU check picks Intel or AMD from the CPU's vmx/svm flags, so "Unknown if this platform has
// IOMMU support" on x86 means those flags are not visible.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { HOST_VALIDATE_ENTRIES } from '../../src/readiness/diagnose/catalogue/host-validate-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const only = (line: string, id: string) => onlyFinding(line, id).explanation;

test('every entry of the sweep is registered, cites its source and claims its examples alone', () => {
  assert.equal(checkSweepEntries(HOST_VALIDATE_ENTRIES, ['libvirt.']), 5);
});

test("every WARN and FAIL the machine's own virt-host-validate prints is explained", () => {
  const r = spawnSync('virt-host-validate', ['qemu'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, 'virt-host-validate could not be run');
  const lines = r.stdout.split('\n').filter((l) => /: (?:WARN|FAIL) \(/.test(l));
  // A build machine without KVM or a visible IOMMU warns at least once (the secure-guest check
  // warns on any x86 host without SEV).
  assert.ok(lines.length >= 1, r.stdout);
  const ours = new Set([...HOST_VALIDATE_ENTRIES.map((e) => e.id), 'libvirt.validate-iommu']);
  for (const line of lines) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.equal(ids.length, 1, `${line}\n→ ${ids.join(', ')}`);
    assert.ok(ours.has(ids[0]), `${line}\n→ ${ids[0]}`);
  }
});

test('the IOMMU-unknown warning is about VT-x/AMD-V flags; the SEV warning is harmless for passthrough', () => {
  const iommu = only(
    '  QEMU: Checking for device assignment IOMMU support : WARN (Unknown if this platform has IOMMU support)',
    'libvirt.validate-iommu-unknown',
  );
  assert.match(iommu.cause, /neither vmx nor svm/);
  const sev = onlyFinding(
    '  QEMU: Checking for secure guest support : WARN (Unknown if this platform has Secure Guest support)',
    'libvirt.validate-minor',
  ).explanation;
  assert.equal(sev.severity, 'info');
  assert.match(sev.cause, /harmless for VFIO passthrough/);
  const tun = onlyFinding(
    "  QEMU: Checking if device /dev/net/tun exists : FAIL (Load the 'tun' module to enable networking for QEMU guests)",
    'libvirt.validate-minor',
  ).explanation;
  assert.equal(tun.severity, 'error');
});

test('/dev/kvm missing versus not accessible, and both wordings of the hardware-virtualization failure', () => {
  assert.match(
    only(
      '  QEMU: Checking if device /dev/kvm is accessible : FAIL (Check /dev/kvm is world writable or you are in a group that is allowed to access it)',
      'libvirt.validate-kvm-device',
    ).fix,
    /kvm group/,
  );
  for (const line of [
    '  QEMU: Checking for hardware virtualization : FAIL (Host not compatible with KVM; HW virtualization CPU features not found. Only emulated CPUs are available; performance will be significantly limited)',
    '  QEMU: Checking for hardware virtualization : FAIL (Only emulated CPUs are available, performance will be significantly limited)',
  ])
    assert.match(only(line, 'libvirt.validate-hw-virt').fix, /VT-x/);
});
