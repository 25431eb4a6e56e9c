// The causes behind held-out set 11's misses, read from the producing code (catalogue/
// edge-causes-sweep.ts and the refinements added to apparmor.ts, kernel.ts, host-misses-sweep.ts,
// generic.ts and wrapped.ts): each entry is claimed by its own examples, and the facts a line
// carries (a status, an errno, a GuC code, a step, the object of an AppArmor record) give the
// cause the source gives them. Every line here is built from the format strings or taken from
// the entries' own examples; none is a held-out message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDGE_CAUSES_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/edge-causes-sweep.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const PREFIXES = ['tool.', 'kernel.', 'nvidia-vgpu.', 'kubernetes.', 'cni.', 'libvirt.', 'qemu.', 'unvme.'];

test('the edge-cause entries are registered, cited, safe, and each example is theirs alone with its facts', () => {
  const checked = checkSweepEntries(EDGE_CAUSES_SWEEP_ENTRIES, PREFIXES, (e, ex, f) => {
    const facts: Record<string, string> = { ...f.facts, ...f.values };
    if (f.device) facts.bdf = f.device;
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(facts[k], v, `${e.id}: ${k} of\n${ex.text}`);
  });
  assert.equal(checked, EDGE_CAUSES_SWEEP_ENTRIES.length);
  assert.equal(EDGE_CAUSES_SWEEP_ENTRIES.length, 16);
});

test('MobilePassThrough: a shared group, GPUs only together, no group at all, and the passing check', () => {
  const id = 'tool.mobilepassthrough-gpu-group';
  const shared = onlyFinding(
    "[Problem] Other devices have been found in the IOMMU group of the GPU with the ID '07:00.0'. Depending on the devices, this could make it impossible to pass this GPU through to a virtual machine!",
    id,
  );
  assert.match(shared.explanation.cause, /smallest unit VFIO can isolate/);
  assert.match(shared.explanation.fix, /ACS override/);
  const together = onlyFinding(
    "[Warning] GPU with ID '07:00.0' could be passed through to a virtual machine, but only together with the following devices: ",
    id,
  );
  assert.equal(together.explanation.severity, 'warning');
  assert.match(together.explanation.cause, /other GPUs/);
  const none = onlyFinding(
    '[Error] Failed to find the IOMMU group of the GPU with the ID 07:00.0! Have you enabled iommu in the UEFI and kernel?',
    id,
  );
  assert.match(none.explanation.cause, /IOMMU is not enabled/);
  const ok = onlyFinding("[Success] GPU with ID '07:00.0' could be passed through to a virtual machine!", id);
  assert.equal(ok.explanation.severity, 'info');
});

test('GIM: the status is an errno; -EIO is the VF layout that needs ARI, -ENOMEM the VF BAR space', () => {
  const id = 'kernel.gim-sriov-enable-failed';
  const eio = onlyFinding('gim error:(enable_sriov:298) Fail to enable sriov, status = fffffffb', id);
  assert.match(eio.explanation.cause, /-EIO/);
  assert.match(eio.explanation.cause, /ARI/);
  assert.match(eio.explanation.fix, /BIOS/);
  const enomem = onlyFinding('gim error:(enable_sriov:298) Fail to enable sriov, status = fffffff4', id);
  assert.match(enomem.explanation.cause, /MMIO space/);
  assert.match(enomem.explanation.fix, /Above 4G/);
});

test('GuC: action 0x4100 is the hwconfig query (not fatal); code 201 is no attribute table, 20 not supported', () => {
  const id = 'kernel.i915-guc-request-failed';
  const hw = onlyFinding('i915 0000:00:02.3: [drm] *ERROR* GT0: GUC: mmio request 0x4100: failure 201/0', id);
  assert.equal(hw.explanation.severity, 'warning');
  assert.match(hw.explanation.cause, /hwconfig/);
  assert.match(hw.explanation.cause, /NO_ATTRIBUTE_TABLE/);
  assert.match(hw.explanation.cause, /virtual function/);
  const other = onlyFinding(
    'xe 0000:03:00.0: [drm] *ERROR* GT0: GuC mmio request 0x5503: failure 0x20 hint 0x0',
    id,
  );
  assert.match(other.explanation.cause, /does not support this request/);
  const table = onlyFinding(
    'i915 0000:00:02.3: [drm] *ERROR* GT0: Failed to retrieve hwconfig table: -ENOENT',
    id,
  );
  assert.match(table.explanation.cause, /not currently fatal/);
});

test('amdgpu: no PSP runtime database and a virtual CRAT are harmless', () => {
  const psp = onlyFinding(
    "amdgpu 0000:2d:00.0: amdgpu: PSP runtime database doesn't exist",
    'kernel.amdgpu-psp-runtime-db-missing',
  );
  assert.equal(psp.explanation.severity, 'info');
  assert.match(psp.explanation.cause, /harmless/);
  const bad = onlyFinding(
    'amdgpu 0000:2d:00.0: amdgpu: Invalid PSP runtime database entry count',
    'kernel.amdgpu-psp-runtime-db-missing',
  );
  assert.match(bad.explanation.cause, /entry count is out of range/);
  for (const line of ['amdgpu: Ignoring ACPI CRAT on non-APU system', 'kfd: CRAT table not found']) {
    const f = onlyFinding(line, 'kernel.amdkfd-virtual-crat');
    assert.equal(f.explanation.severity, 'info');
    assert.match(f.explanation.cause, /every VM/);
  }
});

test('Loongson IOMMU: no IVRS table from the firmware', () => {
  const f = onlyFinding('loongson_iommu_ivrs_init get ivrs table failed', 'kernel.loongson-iommu-no-ivrs');
  assert.equal(f.values.fn, 'loongson_iommu_ivrs_init');
  assert.match(f.explanation.cause, /IVRS table the firmware provides/);
  assert.match(f.explanation.fix, /firmware/);
});

test('kernel oops: a NULL dereference is named; a GPU driver after a VM points at the reset', () => {
  const id = 'kernel.oops';
  const nul = onlyFinding('BUG: kernel NULL pointer dereference, address: 0000000000000040', id);
  assert.match(nul.explanation.cause, /NULL pointer/);
  assert.match(nul.explanation.cause, /GVT-g/);
  const paging = onlyFinding('BUG: unable to handle kernel paging request at ffffc90001234000', id);
  assert.match(paging.explanation.cause, /bad or freed pointer/);
  assert.match(paging.explanation.fix, /without a working reset/);
});

test('vGPU device manager: no mdev parent, and why (vGPU Manager, VFs, VFIO-based vGPU)', () => {
  const f = onlyFinding(
    "no parent devices found for GPU at index '3'",
    'nvidia-vgpu.device-manager-no-parent',
  );
  assert.equal(f.values.index, '3');
  assert.match(f.explanation.cause, /vGPU Manager/);
  assert.match(f.explanation.cause, /open kernel modules/);
  assert.match(f.explanation.cause, /creatable_vgpu_types/);
});

test('NVIDIA DRA driver: exit status 125 is chroot without /host-root; 127 no fuser; open fds are processes', () => {
  const id = 'kubernetes.dra-gpu-free-check-failed';
  const chroot = onlyFinding(
    'unexpected error checking if gpu device "0000:c1:00.0" is free: exit status 125',
    id,
  );
  assert.match(chroot.explanation.cause, /chroot itself failing/);
  assert.match(chroot.explanation.fix, /host-root/);
  const nofuser = onlyFinding(
    'unexpected error checking if gpu device "0000:c1:00.0" is free: exit status 127',
    id,
  );
  assert.match(nofuser.explanation.cause, /psmisc/);
  const busy = onlyFinding('gpu device "0000:c1:00.0" has open fds by process(es): "/dev/nvidia1: 5120"', id);
  assert.equal(busy.explanation.severity, 'warning');
  assert.match(busy.explanation.cause, /will not unbind/);
});

test('kubelet DRA prepare: a deadline is the plugin still switching the GPU; Unavailable is no plugin', () => {
  const id = 'kubernetes.dra-prepare-failed';
  const late = onlyFinding(
    'E0105 08:00:00.000000 1200 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to prepare dynamic resources: NodePrepareResources failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
    id,
  );
  assert.match(late.explanation.cause, /binds it to vfio-pci/);
  assert.match(late.explanation.cause, /process that keeps it open/);
  const gone = onlyFinding(
    'NodePrepareResources: rpc error: code = Unavailable desc = connection refused',
    id,
  );
  assert.match(gone.explanation.cause, /could not reach/);
});

test('CNI: a VF without a netdev is one bound to vfio-pci (or no driver)', () => {
  const f = onlyFinding(
    'failed to get vf netdevice 0000:af:02.3, cannot get a network device with pci address 0000:af:02.3 stat /sys/bus/pci/devices/0000:af:02.3/net: no such file or directory',
    'cni.vf-netdev-missing',
  );
  assert.equal(f.device, '0000:af:02.3');
  assert.match(f.explanation.cause, /bound to vfio-pci/);
  assert.match(f.explanation.fix, /deviceType vfio-pci/);
  // The sysfs path in the same line no longer sends it to the generic sysfs entry.
  assert.deepEqual(
    diagnoseText(
      'cannot get a network device with pci address 0000:af:02.3 stat /sys/bus/pci/devices/0000:af:02.3/net: no such file or directory',
    ).findings.map((x) => x.entry.id),
    ['cni.vf-netdev-missing'],
  );
});

test('libvirt: a duplicate alias with the config flag, a transient domain, modules.alias for the variant lookup', () => {
  const alias = onlyFinding(
    'error: XML error: non unique alias detected: ua-gpu1',
    'libvirt.alias-not-unique',
  );
  assert.equal(alias.values.alias, 'ua-gpu1');
  assert.match(alias.explanation.cause, /persistent/);
  assert.match(alias.explanation.fix, /--live/);
  const transient = onlyFinding(
    'libvirt.libvirtError: Requested operation is not valid: transient domains do not have any persistent config',
    'libvirt.transient-no-persistent-config',
  );
  assert.match(transient.explanation.cause, /transient/);
  assert.match(transient.explanation.fix, /--live/);
  const id = 'libvirt.vfio-variant-modules-alias-unreadable';
  const missing = onlyFinding(
    "error: Failed to open file '/lib/modules/6.1.0-25-amd64/modules.alias': No such file or directory",
    id,
  );
  assert.match(missing.explanation.cause, /variant driver/);
  assert.match(missing.explanation.cause, /NixOS/);
  const denied = onlyFinding(
    "error: Failed to open file '/lib/modules/6.1.0-25-amd64/modules.alias': Permission denied",
    id,
  );
  assert.match(denied.explanation.cause, /security profile/);
});

test('QEMU vfio-user: EINVAL on get info is a protocol version mismatch', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device vfio-user-pci,socket=/var/run/nvme0.sock: vfio VFIO user </var/run/nvme0.sock>: get info failure: Invalid argument',
    'qemu.vfio-user-get-info-failed',
  );
  assert.match(f.explanation.cause, /different revisions of the vfio-user protocol/);
  assert.match(f.explanation.fix, /matching versions/);
  // QEMU 10.1+ says it in its own words; the errno decides the same way.
  const upstream = onlyFinding(
    'qemu-system-x86_64: -device vfio-user-pci,socket=/var/run/nvme0.sock: VFIO_USER_DEVICE_GET_INFO failed: Invalid argument',
    'qemu.vfio-user-get-info-failed',
  );
  assert.match(upstream.explanation.cause, /argsz/);
});

test('unvme: each vfio_create step has its own cause; SET_IOMMU is the IOMMU or interrupt remapping', () => {
  const entry = CATALOGUE.find((e) => e.id === 'unvme.vfio-create-failed');
  assert.ok(entry?.refine);
  const setIommu = entry.refine({ step: 'ioctl VFIO_SET_IOMMU' });
  assert.match(setIommu?.cause ?? '', /intel_iommu=on/);
  assert.match(setIommu?.cause ?? '', /interrupt remapping/);
  const viable = onlyFinding('ERROR: vfio_create group not viable 0x2', 'unvme.vfio-create-failed');
  assert.match(viable.explanation.cause, /still on a host driver/);
  const nogroup = onlyFinding(
    'ERROR: vfio_create No iommu_group associated with device 0000:04:00.0',
    'unvme.vfio-create-failed',
  );
  assert.match(nogroup.explanation.cause, /IOMMU is not enabled/);
});

test('AppArmor: a daemon refused the driver_override write is the rebind; an i915 perf read is harmless', () => {
  const id = 'kernel.apparmor-denied';
  const rebind = onlyFinding(
    'audit: type=1400 audit(1710000000.200:88): apparmor="DENIED" operation="open" class="file" profile="snap.microstack.libvirtd" name="/sys/devices/pci0000:00/0000:00:02.0/0000:03:00.4/driver_override" pid=812 comm="rpc-libvirtd" requested_mask="w" denied_mask="w" fsuid=0 ouid=0',
    id,
  );
  assert.match(rebind.explanation.cause, /rebinds the device to vfio-pci/);
  assert.match(rebind.explanation.cause, /snap/);
  // The same record re-wrapped over lines by a paste: name= on a line of its own.
  const wrapped = diagnoseText(
    'audit: type=1400 audit(1710000000.200:88): apparmor="DENIED"\noperation="open" class="file" profile="libvirtd"\nname="/sys/devices/pci0000:40/0000:40:01.1/0000:41:00.0/driver_override"\npid=812 comm="libvirtd" requested_mask="w" denied_mask="w"',
  ).findings.filter((f) => f.entry.id === id);
  assert.ok(wrapped.some((f) => /driver_override, then its driver's unbind/.test(f.explanation.cause)));
  const perf = onlyFinding(
    'audit: type=1400 audit(1700000001.000:9): apparmor="DENIED" operation="open" profile="libvirt-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" name="/proc/sys/dev/i915/perf_stream_paranoid" pid=4001 comm="qemu-system-x86" requested_mask="r" denied_mask="r" fsuid=64055 ouid=0',
    id,
  );
  assert.equal(perf.explanation.severity, 'info');
  assert.match(perf.explanation.cause, /harmless/);
});

test('NVMe timeout cut before its action: the lost interrupt is named', () => {
  const f = onlyFinding('nvme nvme1: I/O tag 12 (300c) QID 0 timeout', 'kernel.nvme-io-timeout');
  assert.match(f.explanation.cause, /completion interrupt/);
  assert.match(f.explanation.cause, /MSI-X/);
});

test('probe failed: vfio_pci and a vfio-pci name missing its first letter are vfio-pci (-22: no IOMMU group, SMMU)', () => {
  for (const line of [
    'vfio_pci: probe of 0002:01:00.0 failed with error -22',
    'fio-pci: probe of 0002:01:00.0 failed with error -22',
  ]) {
    const f = onlyFinding(line, 'kernel.probe-failed');
    assert.match(f.explanation.cause, /no IOMMU group/);
    assert.match(f.explanation.cause, /SMMU/);
  }
});

test('iommu_group missing: for an mdev, vfio_mdev not loaded', () => {
  const f = onlyFinding(
    'mdev 3f0d6a1c-1111-4a2b-9c3d-5e6f7a8b9c0d: cannot read iommu_group: No such file or directory',
    'generic.vfio-context-errno',
  );
  assert.match(f.explanation.cause, /vfio_mdev/);
  assert.match(f.explanation.fix, /modprobe vfio_mdev vfio_iommu_type1/);
});

test('a Rust VMM panic on EMFILE is the open-files limit', () => {
  const f = onlyFinding(
    "thread 'vcpu3' panicked at 'Failed cloning interrupt's EventFd: Os { code: 24, kind: Other, message: \"Too many open files\" }', vmm/src/interrupt.rs:90:18",
    'wrapped.rust-thread-panicked',
  );
  assert.match(f.explanation.cause, /RLIMIT_NOFILE/);
  assert.match(f.explanation.fix, /LimitNOFILE/);
  const ebusy = onlyFinding(
    "thread 'vmm' panicked at 'called `Result::unwrap()` on an `Err` value: Os { code: 16, kind: ResourceBusy, message: \"Device or resource busy\" }', src/main.rs:3:9",
    'wrapped.rust-thread-panicked',
  );
  assert.match(ebusy.explanation.cause, /EBUSY/);
});
