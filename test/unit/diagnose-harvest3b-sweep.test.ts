// The third harvest's part b (catalogue/harvest3b-sweep.ts): messages posted in public threads
// about the layers above and beside the host kernel, QEMU and libvirt — Looking Glass, dkms and
// out-of-tree modules, NVIDIA and i915 notes, Kata, Scream, Harvester, nvidia-smi vgpu, KubeVirt's
// libvirtxml and a Windows bug check — plus the entries this harvest mended (the GPU-driver bug
// checks, Code 12, systemd-modules-load).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST3B_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest3b-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    HARVEST3B_SWEEP_ENTRIES,
    [
      'lg.',
      'kernel.',
      'dkms.',
      'kata.',
      'scream.',
      'mgmt.',
      'nvidia-vgpu.',
      'kubevirt.',
      'windows.',
      'crosvm.',
      'kubernetes.',
      'systemd.',
    ],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, HARVEST3B_SWEEP_ENTRIES.length);
  // 21: dkms.make-log-compile-error moved to module-build-sweep.ts
  assert.equal(n, 21);
});

test('every harvested example names the public thread it came from', () => {
  let posted = 0;
  for (const e of HARVEST3B_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      if (x.origin === BUILT) continue;
      posted++;
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
  // 25: the kvmfr example moved with dkms.make-log-compile-error to module-build-sweep.ts
  assert.ok(posted >= 25, `only ${posted} posted examples`);
});

test('Looking Glass DXGI pointer failures: a desktop switch, and access denied on the secure desktop', () => {
  const id = 'lg.host-dxgi-pointer-failed';
  const lost = onlyFinding(
    '[E]               dxgi.c:795  | dxgi_capture                   | Failed to get the new pointer shape: 0x887a0026 (The keyed mutex was abandoned.)',
    id,
  );
  assert.match(lost.explanation.cause, /secure desktop/);
  assert.match(lost.explanation.cause, /race/);
  assert.match(lost.explanation.fix, /InstallService/);
  const denied = onlyFinding(
    '[E] dxgi.c:835 | dxgi_capture | GetCursorInfo failed: 0x00000005 (Access is denied.)',
    id,
  );
  assert.match(denied.explanation.cause, /ERROR_ACCESS_DENIED/);
  assert.match(denied.explanation.cause, /input desktop/);
  // The B1 C++ host printed the code without 0x.
  assert.equal(onlyFinding('Failed to get the new pointer shape: 887a0026', id).facts.hr, '887a0026');
});

test('the SPICE insecure-keyboard notice is harmless', () => {
  const f = onlyFinding(
    '[I] spice.c:367 | spice_on_common_read | notify message: keyboard channel is insecure',
    'lg.spice-notify-insecure',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /not encrypted/);
  assert.match(f.explanation.cause, /says nothing/);
});

test('module symbol errors: a missing export (-2) and a CRC mismatch with the loaded exporter (-22)', () => {
  const id = 'kernel.module-symbol-mismatch';
  const missing = onlyFinding('[    3.451821] i915: Unknown symbol drm_dp_clock_recovery_ok (err -2)', id);
  assert.equal(missing.facts.module, 'i915');
  assert.match(missing.explanation.cause, /built for another kernel/);
  assert.match(missing.explanation.fix, /modprobe/);
  for (const line of [
    'kvmgt: disagrees about version of symbol i915_gem_object_alloc',
    'kvmgt: Unknown symbol i915_gem_object_alloc (err -22)',
  ]) {
    const f = onlyFinding(line, id);
    assert.match(f.explanation.cause, /CRC/, line);
    assert.match(f.explanation.cause, /i915-sriov-dkms/, line);
    assert.match(f.explanation.fix, /GVT-g/, line);
  }
});

test('dkms: nothing registered, no build directory, and a kernel API the module predates', () => {
  for (const line of [
    'Error! The module/version combo: vendor-reset-0.1.1, is not located in the DKMS tree.',
    'Error! The module/version combo: kvmfr/0.0.9 is not located in the DKMS tree.',
  ]) {
    const f = onlyFinding(line, 'dkms.not-in-tree');
    assert.match(f.explanation.cause, /never registered/, line);
    assert.match(f.explanation.cause, /harmless/, line);
  }
  assert.equal(
    onlyFinding(
      'Error! The module/version combo: kvmfr/0.0.9 is not located in the DKMS tree.',
      'dkms.not-in-tree',
    ).facts.version,
    '0.0.9',
  );
  const dir = onlyFinding(
    'make[1]: *** /lib/modules/6.8.12-4-pve/build: No such file or directory.  Stop.',
    'dkms.make-build-dir-missing',
  );
  assert.equal(dir.facts.kernel, '6.8.12-4-pve');
  assert.match(dir.explanation.cause, /uname -r/);
  assert.match(dir.explanation.fix, /KERNELRELEASE=\$kernelver/);
  // dkms.make-log-compile-error now lives in module-build-sweep.ts and reads any build path
  // (test/unit/diagnose-module-build-sweep.test.ts); the module is named from the path.
  const api = onlyFinding(
    "/var/lib/dkms/vendor-reset/0.1.1/build/src/amd/amdgpu/atom.c:32:10: error: implicit declaration of function 'get_unaligned_le32'",
    'dkms.make-log-compile-error',
  );
  assert.equal(api.facts.function, 'get_unaligned_le32');
  assert.match(api.explanation.cause, /^vendor-reset does not build/);
  assert.match(api.explanation.cause, /older than the kernel/);
});

test("NVIDIA's chipset set-up note and i915's zero GuC log sizes are harmless", () => {
  eachOnlyFinding(
    'kernel.nvidia-chipset-setup',
    [
      'NVRM objClInitPcieChipset: *** Chipset Setup Function Error!',
      'NVRM objClInitPcieChipset: *** Unable to get PCI port handles',
      'NVRM objClInitPcieChipset: *** Chipset has no definition! (vendor ID 0x8086, device ID 0x29c0)',
    ],
    (f, line) => {
      assert.equal(f.explanation.severity, 'info', line);
      assert.match(f.explanation.cause, /VMs/, line);
    },
  );
  eachOnlyFinding(
    'kernel.i915-guc-log-zero-size',
    [
      'i915 0000:00:02.0: [drm] *ERROR* Zero GuC log crash dump size!',
      'i915 0000:00:02.0: [drm] *ERROR* Zero GuC log debug size!',
    ],
    (f, line) => {
      assert.equal(f.explanation.severity, 'info', line);
      assert.match(f.explanation.cause, /GuC loads and works/, line);
    },
  );
});

test('Kata: a missing /dev/mshv is noise, a missing /dev/kvm is not; generic device nodes are informational', () => {
  const id = 'kata.devices-cgroup-skipped';
  const mshv = onlyFinding(
    'level=warning msg="Could not add /dev/mshv to the devices cgroup" source=cgroups',
    id,
  );
  assert.equal(mshv.explanation.severity, 'info');
  assert.match(mshv.explanation.cause, /Microsoft's hypervisor/);
  const kvm = onlyFinding(
    'level=warning msg="Could not add /dev/kvm to the devices cgroup" source=cgroups',
    id,
  );
  assert.equal(kvm.explanation.severity, 'warning');
  assert.match(kvm.explanation.cause, /cannot start without \/dev\/kvm/);
  const generic = onlyFinding(
    'level=info msg="Device has not been passed to the container" device=/dev/iommu',
    'kata.device-not-passed',
  );
  assert.equal(generic.facts.device, '/dev/iommu');
  assert.match(generic.explanation.cause, /generic device node/);
});

test('Scream: no PulseAudio server for the receiver, or a format it would not open', () => {
  const id = 'scream.pulse-connect-failed';
  const conn = onlyFinding('Unable to connect to PulseAudio. Connection refused', id);
  assert.match(conn.explanation.cause, /runs as root/);
  assert.match(conn.explanation.fix, /desktop user/);
  const fmt = onlyFinding(
    'Unable to open PulseAudio with sample rate 192000, sample size 32 and 8 channels, not playing until next format switch.',
    id,
  );
  assert.match(fmt.explanation.cause, /192000 Hz, 32-bit/);
  // Other programs' "Unable to connect to PulseAudio" without Scream's ". reason" are not Scream's.
  assert.ok(!ids('Fatal Error: Unable to connect to PulseAudio').includes(id));
});

test('Harvester: sriov-manage missing on the node, and a claim whose PCI device is gone', () => {
  const sm = onlyFinding(
    'level=error msg="error syncing \'n1-000061000\': handler on-gpu-change: error performing sriovmanage operation: fork/exec /host/usr/lib/nvidia/sriov-manage: no such file or directory, requeuing"',
    'mgmt.harvester-sriov-manage-failed',
  );
  assert.match(sm.explanation.cause, /nvidia-driver-toolkit/);
  assert.match(sm.explanation.cause, /Whole-GPU PCI passthrough does not use sriov-manage/);
  const claim = onlyFinding(
    'level=error msg="Error getting claim\'s device: pcidevices.devices.harvesterhci.io \\"dlps15-0000a1002\\" not found"',
    'mgmt.harvester-claim-device-missing',
  );
  assert.equal(claim.facts.device, 'dlps15-0000a1002');
  assert.match(claim.explanation.cause, /requeues forever/);
  assert.match(claim.explanation.fix, /finalizer/);
});

test('nvidia-smi vgpu with no GPU in vGPU mode, in both wordings', () => {
  eachOnlyFinding(
    'nvidia-vgpu.smi-no-vgpu-devices',
    ['No supported devices in vGPU mode', 'Not supported devices in vGPU mode'],
    (f, line) => {
      assert.match(f.explanation.cause, /host driver/, line);
      assert.match(f.explanation.fix, /sriov-manage -e/, line);
    },
  );
});

test("KubeVirt's libvirtxml round trip refuses a mode-less hostdev", () => {
  const f = onlyFinding(
    '{"level":"error","msg":"failed to allocate hotplug ports","reason":"converting DomainSpec to libvirtxml: failed to unmarshal XML into libvirtxml.Domain: Missing \'mode\' attribute on domain hostdev"}',
    'kubevirt.hostdev-xml-unmarshal',
  );
  assert.match(f.explanation.cause, /Plugins feature gate/);
  assert.match(f.explanation.cause, /KubeVirt bug/);
});

test('DPC watchdog bug check: the named driver decides the advice', () => {
  const id = 'windows.bugcheck-dpc-watchdog';
  assert.match(
    onlyFinding('BSOD: STOP 0x133 (DPC_WATCHDOG_VIOLATION) in netkvm', id).explanation.cause,
    /virtio-win/,
  );
  const plain = onlyFinding('Stop code: DPC_WATCHDOG_VIOLATION', id);
  assert.match(plain.explanation.cause, /DPC watchdog/);
  assert.match(plain.explanation.fix, /MSI/);
});

test('mended: 0x3B in a GPU driver, Code 12 said as "error 12", and the pasted modules-load line', () => {
  const bug = onlyFinding('SYSTEM_SERVICE_EXCEPTION amdkmdag.sys', 'windows.bugcheck-gpu-driver-exception');
  assert.equal(bug.facts.check, 'SYSTEM_SERVICE_EXCEPTION');
  assert.equal(bug.facts.module, 'amdkmdag');
  // The parenthesised form still reads the module.
  assert.equal(
    onlyFinding('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (nvlddmkm.sys)', 'windows.bugcheck-gpu-driver-exception')
      .facts.module,
    'nvlddmkm',
  );
  const c12 = onlyFinding('This device generates a resource conflict (error 12).', 'windows.code-12');
  assert.match(c12.explanation.cause, /BAR/);
  const ml = onlyFinding(
    '[FAILED] Failed to start systemd-modules-load.services - Load Kernel Modules',
    'systemd.modules-load-failed',
  );
  assert.match(ml.explanation.cause, /vfio_virqfd/);
});

test('Hyper-V GPU partitions: a partition that cannot be reserved, and operations GPU-P VMs refuse', () => {
  const id = 'windows.hyperv-gpup-failed';
  const res = onlyFinding(
    "GPU Partition (Instance ID 8689E9CA-B1DB-4C72-8C36-47F5D549808A): Error 'Insufficient system resources exist to complete the requested service.'.",
    id,
  );
  assert.match(res.explanation.cause, /GPU swap/);
  assert.match(res.explanation.fix, /Remove-VMGpuPartitionAdapter/);
  const op = onlyFinding(
    'The operation cannot be performed on the virtual machine because it is assigned one or more GPUP partitions',
    id,
  );
  assert.match(op.explanation.cause, /checkpoints/);
  assert.match(op.explanation.fix, /CheckpointType Disabled/);
});

test('crosvm: no empty directory for the device jails', () => {
  const f = onlyFinding(
    'ERROR crosvm] exiting with error 1: "/opt/jail" is not a directory, cannot create jail',
    'crosvm.jail-root-missing',
  );
  assert.equal(f.facts.root, '"/opt/jail"');
  assert.match(f.explanation.cause, /pivots into an empty root directory/);
  assert.match(f.explanation.fix, /--disable-sandbox/);
});

test('mended: the i915 VF version handshake quoted without its result still reads the version', () => {
  const f = onlyFinding('ERROR GT0: IOV: Unable to confirm version 1.4', 'kernel.i915-iov-version');
  assert.equal(f.facts.major, '1');
  assert.equal(f.facts.minor, '4');
  assert.match(f.explanation.cause, /GuC firmware/);
  assert.doesNotMatch(f.explanation.cause, /undefined/);
});

test('SR-IOV operator: a drain that timed out, another sync error, and a clean sync that is not an error', () => {
  const id = 'kubernetes.sriov-operator-sync-error';
  const drain = onlyFinding(
    'writer.go:132] setNodeStateStatus(): syncStatus: InProgress, lastSyncError: timed out waiting for the condition',
    id,
  );
  assert.match(drain.explanation.cause, /PodDisruptionBudget/);
  assert.match(drain.explanation.fix, /disableDrain/);
  const other = onlyFinding(
    'updateNodeStateStatusRetry(): updating syncStatus: Failed, lastSyncError: failed to set numvfs: write error',
    id,
  );
  assert.match(other.explanation.cause, /SriovNetworkNodePolicy/);
  assert.ok(!ids('setNodeStateStatus(): syncStatus: Succeeded, lastSyncError: ').includes(id));
});

test("systemd's refused VF settings, and a section for a VF that does not exist", () => {
  const id = 'systemd.sriov-vf-config-failed';
  const nosup = onlyFinding(
    'enp3s0f0: Failed to configure SR-IOV virtual function 0, ignoring: Operation not supported',
    id,
  );
  assert.match(nosup.explanation.cause, /the driver refused one of them/);
  assert.match(nosup.explanation.cause, /VFs themselves exist/);
  const networkd = onlyFinding(
    'enp3s0f0: Failed to configure SR-IOV virtual function 2: Invalid argument',
    id,
  );
  assert.equal(networkd.facts.vf, '2');
  const missing = onlyFinding('enp3s0f0: SR-IOV virtual function 7 does not exist, ignoring.', id);
  assert.match(missing.explanation.cause, /fewer VFs/);
});

test('the SR-IOV config daemon racing the VF netdev is harmless once a sync succeeds', () => {
  const f = onlyFinding(
    'setVfsAdminMac(): unable to get VF link for device &{Name:ens1f0 PciAddress:0000:3b:00.0} "Link not found"',
    'kubernetes.sriov-operator-vf-link-not-found',
  );
  assert.match(f.explanation.cause, /had not finished creating the interface/);
  assert.match(f.explanation.fix, /Succeeded/);
});

test('sriov-cni: a VF left without a driver is named as such, not as a missing device', () => {
  const f = onlyFinding(
    'SRIOV-CNI failed to load netconf: LoadConf(): failed to detect if VF 0000:3b:02.1 has dpdk driver "lstat /sys/bus/pci/devices/0000:3b:02.1/driver: no such file or directory"',
    'kubernetes.sriov-cni-vf-no-driver',
  );
  assert.equal(f.facts.bdf, '0000:3b:02.1');
  assert.match(f.explanation.cause, /bound to no driver at all/);
  assert.match(f.explanation.fix, /vfio-pci for a DPDK pool/);
});
