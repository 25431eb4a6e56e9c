// Families whose cause was knowable before the thread that showed them (classes M, D, K of
// test/fixtures/diagnose/ceiling-13-16.json) and that the catalogue still missed after the
// thirteenth to sixteenth sets were read (knowable-misses-sweep.ts and the mends in qemu.ts,
// kernel.ts and module-build-sweep.ts). Every message here is built from the producing source's
// format string, never taken from a held-out set. Expected meanings come from the sources cited:
// nouveau's nvkm_falcon_fw_boot(), the stable-list thread of the 6.12.35 VT-d backport and its fix
// in 6.12.40, mlx5's deferred_reset comment, nvidia-installer, ultimate-macOS-KVM's wizard,
// VBoxManageModifyVM.cpp, nvidia-kvm-patcher's patcher.ps1, QEMU's sPAPR listener, vfio-pci's
// probe (header type, deny list) and 49ba1a2976c8 / a940904443e4 / 1aaba11da9aa.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyExplanation, onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;

test("a guest's nouveau failing to boot the GSP loader: DMA or reset, the 6.12.35 host regression, and -2 is firmware", () => {
  const e = only(
    '[    3.001122] nouveau 0000:05:00.0: sec2(gsp):booter-load: boot failed: -5',
    'kernel.nouveau-falcon-boot-failed',
  );
  assert.match(e.cause, /DMA/);
  assert.match(e.cause, /6\.12\.35/);
  assert.match(e.fix, /6\.12\.40/);
  const fw = only('nouveau 0000:05:00.0: gsp: init failed, -2', 'kernel.nouveau-falcon-boot-failed');
  assert.match(fw.cause, /firmware/);
});

test('a lockdep report through a migration variant driver names the deferred-reset fix', () => {
  const e = only(
    ' ffff8881201b4a30 (&xe_vdev->state_mutex){+.+.}-{3:3}, at: xe_vfio_pci_reset_done+0x1f/0x80 [xe_vfio_pci]',
    'kernel.lockdep-vfio-migration-driver',
  );
  assert.match(e.cause, /deferred_reset|defer the reset/);
  assert.match(e.cause, /memory_lock/);
  // The same lock held by an ordinary driver is not this entry's.
  const other = diagnoseText(
    ' ffff8881201b4a30 (&dev->state_mutex){+.+.}-{3:3}, at: some_other_driver_ioctl+0x1f/0x80',
  );
  assert.equal(other.findings.filter((f) => f.entry.id === 'kernel.lockdep-vfio-migration-driver').length, 0);
});

test("the NVIDIA installer's test load: nvidia-vgpu-vfio fails while vfio-pci holds the GPU", () => {
  const v = only(
    "ERROR: Unable to load the 'nvidia-vgpu-vfio' kernel module.",
    'tool.nvidia-installer-module-load',
  );
  assert.match(v.cause, /bound to vfio-pci/);
  assert.match(v.fix, /vfio-pci\.ids/);
  const n = only(
    "ERROR: Unable to load the 'nvidia-drm' kernel module.",
    'tool.nvidia-installer-module-load',
  );
  assert.match(n.cause, /Secure Boot/);
});

test('the TPU runtime finding no chips: no vfio-pci binding from the wrong runtime version', () => {
  const e = only('RuntimeError: Failed to get global TPU topology', 'tool.tpu-topology-failed');
  assert.match(e.cause, /vfio-pci/);
  assert.match(e.cause, /runtime\) version/);
});

test('the macOS-KVM wizard with nothing stubbed, and Fabric Manager at another version', () => {
  const m = only('✖ NO VFIO-PCI DEVICES FOUND', 'tool.macos-kvm-no-vfio-devices');
  assert.match(m.fix, /vfio-pci\.ids=/);
  const fm = only(
    "fabric manager NVIDIA GPU driver interface version 560.35.03 don't match with driver version 560.28.03. Please update with matching NVIDIA driver package",
    'tool.fabric-manager-version-mismatch',
  );
  assert.match(fm.cause, /Fabric Manager 560\.35\.03/);
  assert.match(fm.fix, /install driver 560\.35\.03/);
});

test('QEMU casting RAM to an IOMMU region: the sPAPR host code and a non-pseries guest', () => {
  const e = only(
    'include/exec/memory.h:43:IOMMU_MEMORY_REGION: Object 0x1000f7a2b00 is not an instance of type qemu:iommu-memory-region',
    'qemu.spapr-iommu-region-cast',
  );
  assert.match(e.cause, /pseries/);
  assert.match(e.cause, /not supported/);
});

test('Unraid given a repository page, VBoxManage without a virtio GPU, the Code 43 patcher with a placeholder', () => {
  const u = only('plugin: https://github.com/x/unraid-vgpu is not a plg file', 'tool.unraid-not-plg');
  assert.match(u.fix, /raw/);
  const vb = only(
    "VBoxManage: error: Invalid --graphicscontroller argument 'virtio-gpu'",
    'tool.vboxmanage-graphics-controller',
  );
  assert.match(vb.cause, /removed/);
  assert.match(vb.cause, /7\.0\.22/);
  const typo = only(
    "VBoxManage: error: Invalid --graphicscontroller argument 'vmsgva'",
    'tool.vboxmanage-graphics-controller',
  );
  assert.doesNotMatch(typo.cause, /7\.0\.22/);
  const p = only(
    '[!] Failure: Unable to find nvlddmkm.sy_ in C:/NVIDIA/DisplayDriver/Version/Win10_64/International/Display.Driver',
    'tool.nvidia-kvm-patcher-path',
  );
  assert.match(p.cause, /still has the README's placeholder/);
  const real = only(
    '[!] Failure: Unable to find nvlddmkm.sy_ in C:\\NVIDIA\\DisplayDriver\\466.11\\Win10_64\\International\\Display.Driver',
    'tool.nvidia-kvm-patcher-path',
  );
  assert.doesNotMatch(real.cause, /still has the README's placeholder/);
});

test("opening Intel's iGPU at 00:02.0 with EINVAL is the IGD OpRegion (5.16), other addresses keep the general reading", () => {
  const igd = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0: vfio 0000:00:02.0: error getting device from group 3: Invalid argument',
    'qemu.device-from-group',
  );
  assert.match(igd.cause, /OpRegion/);
  assert.match(igd.cause, /5\.16/);
  const gpu = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: error getting device from group 3: Invalid argument',
    'qemu.device-from-group',
  );
  assert.doesNotMatch(gpu.cause, /OpRegion/);
});

test("vfio-pci's -22 names a bridge, the deny list and the POWER regression of 5.19 to 6.3", () => {
  const e = only(
    '[  221.639343] vfio-pci: probe of 0003:01:00.0 failed with error -22',
    'kernel.probe-failed',
  );
  assert.match(e.cause, /POWER/);
  assert.match(e.cause, /6\.4/);
  assert.match(e.cause, /bridge/);
  assert.match(e.cause, /denylist/);
});

test('a module build calling a kernel function with the old argument count says the signature changed', () => {
  const e = only(
    "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:489:16: error: too many arguments to function 'class_create'",
    'modbuild.argument-count',
  );
  assert.match(e.cause, /signature/);
  assert.match(e.cause, /6\.4/);
});

// Three user-side messages a probe of common passthrough errors found unrecognised (not from any
// held-out set): Proxmox's hookscript failure (pve-common GuestHelpers.pm), virsh's lookup failure
// (virsh-util.c) and the vGPU manager's licence state.
test("Proxmox's hookscript failure reads the phase and the failure: exit code, not executable, missing snippet", () => {
  const code = only(
    "hookscript error for 300 on pre-start: command '/var/lib/vz/snippets/vfio.sh 300 pre-start' failed: exit code 2",
    'pve.hookscript-error',
  );
  assert.match(code.cause, /status 2/);
  assert.match(code.cause, /aborts the start/);
  const exec = only(
    "hookscript error for 300 on post-stop: script 'local:snippets/vfio.sh' is not executable",
    'pve.hookscript-error',
  );
  assert.match(exec.fix, /chmod \+x/);
  assert.match(exec.cause, /only warns/);
  const gone = only(
    "hookscript error for 300 on pre-start: script 'nas:snippets/vfio.sh' does not exist",
    'pve.hookscript-error',
  );
  assert.match(gone.fix, /Snippets content/);
});

test("virsh's 'failed to get domain' is the same lookup failure: another connection URI", () => {
  const e = only("error: failed to get domain 'gaming'", 'libvirt.virsh-domain-lookup-failed');
  assert.match(e.cause, /qemu:\/\/\/session/);
});

test('the vGPU licence state: restricted is a warning, the grace period and a licence are harmless', () => {
  const r = onlyFinding(
    'nvidia-vgpu-mgr[77]: notice: vmiop_log: (0x0): vGPU license state: Unlicensed (Restricted)',
    'nvidia-vgpu.license-state',
  );
  assert.match(r.explanation.cause, /frame rate capped/);
  const ok = only(
    'nvidia-vgpu-mgr[77]: notice: vmiop_log: (0x0): vGPU license state: Licensed',
    'nvidia-vgpu.license-state',
  );
  assert.match(ok.cause, /harmless/);
  const grace = only(
    'nvidia-vgpu-mgr[77]: notice: vmiop_log: (0x0): vGPU license state: Unlicensed (Unrestricted)',
    'nvidia-vgpu.license-state',
  );
  assert.match(grace.cause, /grace period/);
});

test("KVM's lapic timer floor is harmless, and a missing USB hostdev names startupPolicy", () => {
  const t = only(
    'vcpu 3: requested 11962 ns lapic timer period limited to 200000 ns',
    'kernel.kvm-lapic-timer-limited',
  );
  assert.match(t.cause, /harmless|nothing to do with/);
  const u = only('error: internal error: Did not find USB device 1050:0407', 'libvirt.usb-hostdev-not-found');
  assert.match(u.fix, /startupPolicy="optional"/);
  const b = only(
    'error: internal error: Did not find USB device bus:1 device:4',
    'libvirt.usb-hostdev-not-found',
  );
  assert.match(b.cause, /re-enumerated/);
});
