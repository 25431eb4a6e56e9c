// The reset and locked-memory sweep (catalogue/reset-memlock-sweep.ts): the facts in a message
// change the explanation the way the producing source says. Expected meanings come from the
// sources the entries cite: drivers/pci/pci.c reset_method_store() (device_specific is method
// index 1 and the warning fires when it is supported but not first; "Too many reset methods"
// returns EINVAL and keeps the old list), amdgpu_psp.c psp_hw_start() (kdb, spl, sysdrv and sos
// are the PSP bootloader stages, "create ring" the step after them), amdgpu_device.c (-62 from
// a resume is ETIME, include/uapi/asm-generic/errno.h), and linux/resource.h (RLIMIT_NOFILE 7,
// RLIMIT_MEMLOCK 8) for runc's "rlimit type N".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('reset_method: de-prioritising the device-specific reset is a warning naming device_specific', () => {
  const f = onlyFinding(
    'vfio-pci 0000:0b:00.0: Device-specific reset disabled/de-prioritized by user',
    'kernel.reset-method-deprioritized',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.equal(f.facts.bdf, '0000:0b:00.0');
  assert.match(f.explanation.fix, /echo device_specific > /);
  const many = onlyFinding('pci 0000:03:00.0: Too many reset methods', 'kernel.reset-method-too-many');
  assert.match(many.explanation.cause, /EINVAL/);
  assert.match(many.explanation.cause, /previous methods were kept/);
});

test('PSP bootloader stages: each is read as a fact and named in the cause', () => {
  for (const stage of ['kdb', 'spl', 'sos']) {
    const f = onlyFinding(
      `amdgpu 0000:83:00.0: amdgpu: PSP load ${stage} failed!`,
      'kernel.amdgpu-psp-load-failed',
    );
    assert.equal(f.facts.stage, stage);
    assert.match(f.explanation.cause, new RegExp(`refused the ${stage} firmware`));
    assert.match(f.explanation.fix, /vendor-reset/);
  }
  const ring = onlyFinding(
    '[drm:psp_hw_start [amdgpu]] *ERROR* PSP create ring failed!',
    'kernel.amdgpu-psp-load-failed',
  );
  assert.match(ring.explanation.cause, /command ring/);
});

test('a failed resume of the psp or smu block is the reset problem; another block keeps the general cause', () => {
  const psp = onlyFinding(
    '[drm:amdgpu_device_fw_loading [amdgpu]] *ERROR* resume of IP block <psp> failed -62',
    'kernel.amdgpu-ip-resume-failed',
  );
  assert.equal(psp.facts.errno, 'ETIME');
  assert.match(psp.explanation.cause, /security processor \(PSP\)/);
  assert.match(psp.explanation.cause, /timed out/);
  const smu = onlyFinding(
    '[drm:amdgpu_device_ip_resume_phase2 [amdgpu]] *ERROR* resume of IP block <smu> failed -62',
    'kernel.amdgpu-ip-resume-failed',
  );
  assert.match(smu.explanation.cause, /power-management firmware \(SMU\)/);
  const gfx = onlyFinding(
    '[drm:amdgpu_device_ip_resume_phase2 [amdgpu]] *ERROR* resume of IP block <gfx_v10_0> failed -110',
    'kernel.amdgpu-ip-resume-failed',
  );
  assert.doesNotMatch(gfx.explanation.cause, /PSP\)|SMU\)/);
});

test('a hw_init failure still goes to the init entry, not to the resume one', () => {
  const ids = diagnoseText(
    '[drm:amdgpu_device_ip_init [amdgpu]] *ERROR* hw_init of IP block <psp> failed -22',
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(ids, ['kernel.amdgpu-ip-init-failed']);
});

test('a pasted reset-bug sequence yields one finding per line, each from its own producer', () => {
  const log = [
    '[326850.861925] amdgpu 0000:83:00.0: amdgpu: PSP is resuming...',
    '[326854.676595] amdgpu 0000:83:00.0: amdgpu: PSP load kdb failed!',
    '[326854.676604] amdgpu 0000:83:00.0: amdgpu: PSP resume failed',
    '[326854.676607] [drm:amdgpu_device_fw_loading [amdgpu]] *ERROR* resume of IP block <psp> failed -62',
    '[326854.676843] amdgpu 0000:83:00.0: amdgpu: amdgpu_device_ip_resume failed (-62).',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.deepEqual([...ids].sort(), [
    'kernel.amdgpu-device-resume-failed',
    'kernel.amdgpu-ip-resume-failed',
    'kernel.amdgpu-psp-load-failed',
    'kernel.amdgpu-psp-resume-failed',
  ]);
});

test('runc rlimit type: 8 is the locked-memory limit, 7 the open-files limit', () => {
  const memlock = onlyFinding(
    'runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 8: operation not permitted: unknown',
    'runtime.rlimit-denied',
  );
  assert.equal(memlock.facts.type, '8');
  assert.match(memlock.explanation.title, /RLIMIT_MEMLOCK/);
  assert.match(memlock.explanation.fix, /LimitMEMLOCK=infinity/);
  const nofile = onlyFinding('error setting rlimit type 7: operation not permitted', 'runtime.rlimit-denied');
  assert.match(nofile.explanation.title, /RLIMIT_NOFILE/);
  assert.match(nofile.explanation.cause, /not a VFIO problem/);
  const other = onlyFinding('error setting rlimit type 6: invalid argument', 'runtime.rlimit-denied');
  assert.match(other.explanation.cause, /soft limit is above the hard one/);
});

test('crun names the limit: RLIMIT_MEMLOCK gets the locked-memory explanation runc type 8 gets', () => {
  const crun = onlyFinding(
    'Error: crun: setrlimit `RLIMIT_MEMLOCK`: Operation not permitted: OCI permission denied',
    'runtime.crun-setrlimit-failed',
  );
  assert.equal(crun.facts.rlimit, 'RLIMIT_MEMLOCK');
  assert.equal(crun.facts.errno, 'EPERM');
  assert.match(crun.explanation.title, /RLIMIT_MEMLOCK/);
  const files = onlyFinding(
    'Error: crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted',
    'runtime.crun-setrlimit-failed',
  );
  assert.match(files.explanation.title, /RLIMIT_NOFILE/);
});

test('bhyve without -S: the passthru refusal says to wire guest memory', () => {
  const f = onlyFinding(
    'bhyve: passthru requires guest memory to be wired',
    'bhyve.passthru-memory-not-wired',
  );
  assert.equal(f.entry.source, 'bhyve');
  assert.match(f.explanation.fix, /-S/);
});

test('driverctl: a failed bind names the device and the driver; its -v progress lines are harmless', () => {
  const bind = onlyFinding(
    'driverctl: failed to bind device 0000:01:00.0 to driver vfio-pci',
    'driverctl.bind-failed',
  );
  assert.equal(bind.facts.bdf, '0000:01:00.0');
  assert.equal(bind.facts.driver, 'vfio-pci');
  assert.match(bind.explanation.cause, /IOMMU/);
  const dev = onlyFinding('driverctl: no such device: 01:00.0', 'driverctl.no-such-device');
  assert.match(dev.explanation.cause, /with its domain/);
  for (const line of [
    'driverctl: setting driver override for 0000:05:00.0: vfio-pci',
    'driverctl: loading driver vfio-pci',
    'driverctl: unbinding previous driver xhci_hcd',
    'driverctl: reprobing driver for 0000:05:00.0',
    'driverctl: saving driver override for 0000:05:00.0',
  ]) {
    const f = onlyFinding(line, 'driverctl.verbose-steps');
    assert.equal(f.explanation.severity, 'info', line);
    assert.equal(diagnoseText(line).findings.length, 1, line);
  }
});
