// The GPU SR-IOV sweep (catalogue/gpu-sriov-sweep.ts): Intel iGPU SR-IOV through i915-sriov-dkms
// and xe (PF enable/disable, readiness, provisioning, FLR, enable_guc, the VF handshake), AMD MxGPU
// (amdgpu's VF side, GIM), NVIDIA's sriov-manage and pci-pf-stub. Every line below is built from
// the format string of the cited source (none is copied from a thread).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  GPU_SRIOV_ALSO,
  GPU_SRIOV_SWEEP_ENTRIES,
} from '../../src/readiness/diagnose/catalogue/gpu-sriov-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, cited and claims its own examples alone, with their facts', () => {
  const n = checkSweepEntries(GPU_SRIOV_SWEEP_ENTRIES, ['kernel.', 'nvidia-vgpu.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} of ${x.text}`);
  });
  assert.ok(n >= 35, `only ${n} entries`);
});

test('every sibling wording is recognised by the entry that lists it, alone', () => {
  assert.ok(GPU_SRIOV_ALSO.length > 0);
  for (const a of GPU_SRIOV_ALSO) {
    const ids = diagnoseText(a.text).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, [a.id], a.text);
  }
});

test('i915 backport: enabling VFs fails — the errno decides between BAR space, readiness and provisioning', () => {
  const id = 'kernel.i915-sriov-enable-vfs-failed';
  const mem = onlyFinding('i915 0000:00:02.0: [drm] *ERROR* Failed to enable 5 VFs (-ENOMEM)', id);
  assert.match(mem.explanation.cause, /not enough MMIO resources/);
  assert.match(mem.explanation.fix, /pci=realloc/);
  const quota = onlyFinding('i915 0000:00:02.0: [drm] *ERROR* Failed to enable 7 VFs (-EDQUOT)', id);
  assert.match(quota.explanation.cause, /GGTT/);
  assert.match(quota.explanation.fix, /fewer VFs/);
  const busy = onlyFinding('i915 0000:00:02.0: [drm] *ERROR* Failed to enable 4 VFs (-EBUSY)', id);
  assert.match(busy.explanation.cause, /initialisation/);
  // xe's own wording stays with the xe entry.
  onlyFinding('xe 0000:00:02.0: [drm] PF: Failed to enable 2 VFs (-ENOMEM)', 'kernel.xe-sriov-enable-failed');
});

test('i915 backport: enabled/disabled VFs, the PF verdict and the abort', () => {
  const on = onlyFinding('i915 0000:00:02.0: Enabled 3 VFs', 'kernel.i915-sriov-vfs-changed');
  assert.equal(on.explanation.severity, 'info');
  assert.match(on.explanation.fix, /vfio-pci/);
  const off = onlyFinding('i915 0000:00:02.0: Disabled 3 VFs', 'kernel.i915-sriov-vfs-changed');
  assert.match(off.explanation.cause, /removed/);
  const none = onlyFinding(
    'i915 0000:00:02.0: No VFs could be associated with this PF!',
    'kernel.i915-sriov-no-vfs',
  );
  assert.equal(none.explanation.severity, 'error');
  assert.match(none.explanation.cause, /GuC/);
  const ready = onlyFinding(
    'i915 0000:00:02.0: 4 VFs could be associated with this PF',
    'kernel.i915-sriov-no-vfs',
  );
  assert.equal(ready.explanation.severity, 'info');
  assert.match(ready.explanation.cause, /offers 4 VFs/);
  const abort = onlyFinding(
    'i915 0000:00:02.0: [drm] PF aborted (-ENODEV) intel_iov_init+0x20/0x50 [i915]',
    'kernel.i915-sriov-pf-aborted',
  );
  assert.match(abort.explanation.cause, /offer no VFs/);
  const assigned = onlyFinding(
    "i915 0000:00:02.0: Can't disable 3 VFs, 1 are still assigned",
    'kernel.i915-sriov-vfs-still-assigned',
  );
  assert.match(assigned.explanation.fix, /shut down the VMs/);
});

test('PF readiness: each reason names its own prerequisite, for i915 and xe', () => {
  const id = 'kernel.i915-sriov-pf-not-ready';
  const maxvfs = onlyFinding(
    'xe 0000:03:00.0: [drm:xe_sriov_pf_readiness [xe]] PF: all VFs disabled, continuing as native',
    id,
  );
  assert.match(maxvfs.explanation.fix, /xe\.max_vfs=7/);
  const virt = onlyFinding('i915 0000:00:02.0: GuC virtualization disabled', id);
  assert.match(virt.explanation.fix, /enable_guc=3/);
  const sub = onlyFinding('xe 0000:03:00.0: [drm] PF: Guc submission disabled, continuing as native', id);
  assert.match(sub.explanation.cause, /GuC submission is off/);
  const bar = onlyFinding('i915 0000:00:02.0: VFs BAR not ready', id);
  assert.match(bar.explanation.fix, /pci=realloc/);
});

test('VF resets: the routine FLR line, the timeout and the failures', () => {
  eachOnlyFinding(
    'kernel.igpu-sriov-vf-flr',
    ['i915 0000:00:02.0: VF1 FLR', 'xe 0000:03:00.0: [drm] PF: Tile0: GT0: VF4 FLR'],
    (f, line) => assert.equal(f.explanation.severity, 'info', line),
  );
  eachOnlyFinding(
    'kernel.igpu-sriov-vf-flr-failed',
    [
      'i915 0000:00:02.0: [drm] IOV: Failed to confirm FLR for VF1 (-EIO)',
      'xe 0000:03:00.0: [drm] PF: Tile0: GT0: VF1 FLR failed!',
    ],
    (f, line) => assert.match(f.explanation.fix, /sriov_numvfs/, line),
  );
  const slow = onlyFinding(
    "i915 0000:00:02.0: [drm] *ERROR* IOV: VF1 FLR didn't complete within 500 ms",
    'kernel.i915-sriov-vf-flr-timeout',
  );
  assert.equal(slow.facts.ms, '500');
});

test('provisioning: i915 and xe failures name the resource; quota errnos say it is exhausted', () => {
  const i915 = onlyFinding(
    'i915 0000:00:02.0: [drm] IOV: Failed to provision VF7 with 268435456 of GGTT (-EDQUOT)',
    'kernel.i915-sriov-provision-failed',
  );
  assert.match(i915.explanation.cause, /268435456 of GGTT/);
  const xe = onlyFinding(
    'xe 0000:03:00.0: [drm] PF: Tile0: GT0: Failed to provision VF1 with 1024 GuC context IDs (-ENOSPC)',
    'kernel.xe-sriov-provision-failed',
  );
  assert.match(xe.explanation.cause, /1024 GuC context IDs/);
  const other = onlyFinding(
    'xe 0000:03:00.0: [drm] PF: Tile0: GT0: Failed to provision VF1 with 1024 GuC context IDs (-EIO)',
    'kernel.xe-sriov-provision-failed',
  );
  assert.match(other.explanation.cause, /GuC rejected it/);
  const policy = onlyFinding(
    "i915 0000:00:02.0: [drm] IOV: Failed to disable 'reset_engine' policy (-ENOKEY)",
    'kernel.i915-sriov-policy-failed',
  );
  assert.equal(policy.facts.policy, 'reset_engine');
});

test('enable_guc: the reason decides the explanation; the unsafe-option taint is harmless', () => {
  const id = 'kernel.i915-enable-guc-incompatible';
  const flag = onlyFinding(
    'i915 0000:00:02.0: [drm] Incompatible option enable_guc=7 - undocumented flag',
    id,
  );
  assert.match(flag.explanation.cause, /stock i915 is loaded/);
  const nosup = onlyFinding(
    'i915 0000:00:02.0: [drm] Incompatible option enable_guc=3 - GuC is not supported!',
    id,
  );
  assert.match(nosup.explanation.fix, /GVT-g/);
  const old = onlyFinding(
    "i915 0000:00:02.0: [drm] Don't enable PF with 'enable_guc=4' - try 'max_vfs=7' instead",
    'kernel.i915-sriov-enable-guc-pf',
  );
  assert.match(old.explanation.fix, /max_vfs=N/);
  const taint = onlyFinding(
    'Setting dangerous option enable_guc - tainting kernel',
    'kernel.module-param-unsafe',
  );
  assert.equal(taint.explanation.severity, 'info');
  assert.match(taint.explanation.cause, /TAINT_USER/);
  const banner = onlyFinding(
    'i915: You are using the i915-sriov-dkms module, a ported version of the i915 module with SR-IOV support.',
    'kernel.i915-sriov-dkms-loaded',
  );
  assert.match(banner.explanation.fix, /dkms status/);
});

test('xe: SR-IOV off for the platform, totalvfs refused, service and VF handshake failures', () => {
  const off = onlyFinding(
    'xe 0000:00:02.0: [drm] Support for SR-IOV is not available',
    'kernel.xe-sriov-unavailable',
  );
  assert.match(off.explanation.cause, /has_sriov/);
  assert.match(off.explanation.fix, /i915-sriov-dkms/);
  const total = onlyFinding(
    'xe 0000:00:02.0: [drm] PF: Failed to set number of VFs to 4 (-EINVAL)',
    'kernel.xe-sriov-set-totalvfs-failed',
  );
  assert.match(total.explanation.cause, /-EBUSY when VFs are already enabled/);
  const svc = onlyFinding(
    'xe 0000:03:00.0: [drm] *ERROR* PF: Tile0: GT0: Failed to initialize service (-ENOMEM)',
    'kernel.xe-pf-service-init-failed',
  );
  assert.match(svc.explanation.cause, /-ENOPKG/);
  const reset = onlyFinding(
    'xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT1: Failed to reset GuC state (-ETIMEDOUT)',
    'kernel.xe-vf-guc-reset-failed',
  );
  assert.match(reset.explanation.cause, /host PF driver/);
  const ver = onlyFinding(
    'xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Unable to confirm GuC version 1.1 (-ENOKEY)',
    'kernel.xe-vf-guc-version',
  );
  assert.match(ver.explanation.cause, /-ENOKEY older than the minimum/);
  // The i915 backport's handshake keeps its own entry.
  onlyFinding(
    'i915 0000:00:02.1: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.9 (-EIO)',
    'kernel.i915-iov-version',
  );
  const moved = onlyFinding(
    'xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Unexpected LMEM reassignment: 2048M != 4096M',
    'kernel.xe-vf-resources-changed',
  );
  assert.match(moved.explanation.fix, /sriov_numvfs/);
  const gmd = onlyFinding(
    'xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Failed to obtain graphics GMDID (-EPROTO)',
    'kernel.xe-vf-gmdid-failed',
  );
  assert.equal(gmd.facts.type, 'graphics');
});

test('i915 VF: a preloaded GuC is the normal guest picture; a bad MMIO BAR is not', () => {
  const pre = onlyFinding('i915 0000:00:02.1: HuC firmware PRELOADED', 'kernel.i915-vf-guc-preloaded');
  assert.equal(pre.explanation.severity, 'info');
  assert.match(pre.explanation.cause, /host PF already did/);
  const bar = onlyFinding(
    'i915 0000:00:02.0: MMIO BAR malfunction, 0x190010 returned 0xfffffffe',
    'kernel.i915-mmio-bar-malfunction',
  );
  assert.equal(bar.explanation.severity, 'error');
});

test('AMD MxGPU: the VF side of amdgpu and the GIM host driver', () => {
  const init = onlyFinding(
    "amdgpu 0000:07:00.0: amdgpu: host doesn't support REQ_INIT_DATA handshake",
    'kernel.amdgpu-virt-no-init-data',
  );
  assert.equal(init.explanation.severity, 'info');
  const pf2vf = onlyFinding(
    'amdgpu 0000:07:00.0: amdgpu: invalid pf2vf message: header checksum=0x0 calculated checksum=0x1f',
    'kernel.amdgpu-virt-pf2vf-invalid',
  );
  assert.match(pf2vf.explanation.cause, /GIM/);
  const rlcg = onlyFinding(
    'amdgpu 0000:07:00.0: amdgpu: wrong operation type, rlcg failed to program reg: 0x0b2c4',
    'kernel.amdgpu-virt-rlcg-failed',
  );
  assert.equal(rlcg.facts.kind, 'wrong operation type');
  const asic = onlyFinding(
    'gim error:(set_new_adapter:640) asic does not support SRIOV',
    'kernel.gim-asic-no-sriov',
  );
  assert.match(asic.explanation.fix, /ARI/);
  const zero = onlyFinding('gim info:(gim_probe:91) AMD GIM probe: pf_count = 0', 'kernel.gim-no-pf');
  assert.equal(zero.explanation.severity, 'warning');
  assert.match(zero.explanation.cause, /S7150/);
  const one = onlyFinding('gim info:(gim_probe:91) AMD GIM probe: pf_count = 1', 'kernel.gim-no-pf');
  assert.equal(one.explanation.severity, 'info');
});

test('NVIDIA SR-IOV vGPU: sriov-manage, pci-pf-stub and the board check', () => {
  const lock = onlyFinding(
    'Cannot obtain unbindLock for 0000:3b:00.0',
    'nvidia-vgpu.sriov-manage-unbindlock',
  );
  assert.match(lock.explanation.cause, /nvidia-persistenced/);
  assert.equal(lock.facts.gpu, '0000:3b:00.0');
  onlyFinding('NVIDIA driver not loaded. Cannot continue.', 'nvidia-vgpu.sriov-manage-no-driver');
  const cls = onlyFinding('This is not a VGA or 3D controller. Exiting.', 'nvidia-vgpu.sriov-manage-not-gpu');
  assert.match(cls.explanation.fix, /function \.0/);
  const en = onlyFinding('Enabling VFs on 0000:3b:00.0', 'nvidia-vgpu.sriov-manage-vfs');
  assert.match(en.explanation.cause, /creatable_vgpu_types/);
  const already = onlyFinding('GPU at 0000:3b:00.0 already has VFs enabled.', 'nvidia-vgpu.sriov-manage-vfs');
  assert.match(already.explanation.cause, /did nothing/);
  const stub = onlyFinding('pci-pf-stub 0000:3b:00.0: claimed by pci-pf-stub', 'kernel.pci-pf-stub-claimed');
  assert.equal(stub.explanation.severity, 'info');
  const vgx = onlyFinding(
    'nvidia-vgpu-mgr[2001]: error: vmiop_log: (0x0): vGPU is supported only on VGX capable boards',
    'nvidia-vgpu.vgx-board-required',
  );
  assert.match(vgx.explanation.fix, /nvidia-vgpu-mgr\.service/);
});
