// Kernel, QEMU, libvirt and tool messages of the field's long tail (catalogue/virt-stack-extra.ts
// and widened entries): what each fact read from the message changes. Expected causes come from
// the producing code: mm/oom_kill.c names the task (a QEMU vCPU thread is "CPU N/KVM") and its
// oom_score_adj (Kubernetes gives burstable pods 2-999); drivers/pci/iov.c shows sriov_numvfs only
// on SR-IOV devices, and a shell redirect to a missing sysfs file is refused with EACCES;
// mm/memory_hotplug.c refuses device memory above the mappable range; hw/vfio/migration.c blocks
// migration without a migration-capable driver; libvirt's ABI check compares hostdev counts.
// Messages built from the format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test("the OOM killer started by a QEMU vCPU thread, and in a pod's cgroup", () => {
  const id = 'kernel.oom-invoked';
  const pod = onlyFinding(
    '[ 99.1] CPU 12/KVM invoked oom-killer: gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), order=0, oom_score_adj=936',
    id,
  );
  assert.match(pod.explanation.cause, /vCPU thread of QEMU/);
  assert.match(pod.explanation.cause, /pod/);
  assert.match(pod.explanation.fix, /overhead/);
  const host = onlyFinding(
    'CPU 0/KVM invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
    id,
  );
  assert.match(host.explanation.cause, /cgroup/);
  assert.doesNotMatch(host.explanation.cause, /Kubernetes/);
  const other = onlyFinding(
    'kworker/u8:2 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0',
    id,
  );
  assert.match(other.explanation.cause, /named task/);
});

test('Permission denied on sriov_numvfs: the attribute is missing on a device without SR-IOV', () => {
  const f = onlyFinding(
    './setup-vfs.sh: line 12: /sys/bus/pci/devices/0000:00:19.0/sriov_numvfs: Permission denied',
    'sysfs.sriov-numvfs-failed',
  );
  assert.match(f.explanation.cause, /does not exist/);
  assert.match(f.explanation.cause, /no SR-IOV support/);
  assert.match(f.explanation.fix, /sriov_totalvfs/);
});

test('the locked-memory refusal relayed with both numbers dropped is still the memlock entry', () => {
  const f = onlyFinding(
    "virError(Code=38, Domain=0, Message='cannot limit locked memory of process: Operation not permitted')",
    'libvirt.memlock-limit-failed',
  );
  assert.match(f.explanation.cause, /CAP_SYS_RESOURCE/);
});

test("Looking Glass's older version wording and the vGPU open timing out", () => {
  const lg = onlyFinding('KVMFR version missmatch, expected 12 but got 11', 'lg.kvmfr-version-mismatch');
  assert.match(lg.explanation.cause, /host application is older/);
  const vgpu = onlyFinding(
    'kvm: -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0000:41:00.0/5c8f2f5e-1d7a-4a73-9a1e-8f6c1f1b2d3c,id=hostpci0: vfio 5c8f2f5e-1d7a-4a73-9a1e-8f6c1f1b2d3c: error getting device from group 41: Connection timed out',
    'qemu.device-from-group',
  );
  assert.match(vgpu.explanation.cause, /same type and size/);
  assert.match(vgpu.explanation.fix, /nvidia-vgpu-mgr/);
});

test('a hot-plugged device is named in the BAR window explanation', () => {
  const f = onlyFinding(
    'pci 0000:05:00.0: BAR 1: no space for [mem size 0x400000000 64bit pref]',
    'kernel.bar-no-space',
  );
  assert.match(f.explanation.cause, /hot-plugged/);
  assert.match(f.explanation.fix, /pref64-reserve/);
});

test('the IOMMU group listing with "*": no groups, IOMMU off', () => {
  const f = onlyFinding(
    'IOMMU Group * 00:14.0 USB controller [0c03]: Intel Corporation Cannon Lake PCH USB 3.1 xHCI Host Controller [8086:a36d] (rev 10)',
    'tool.iommu-group-listing-empty',
  );
  assert.match(f.explanation.cause, /iommu_groups\/ is empty/);
  assert.equal(diagnoseText('IOMMU Group 1:').findings.length, 0);
});

test('device memory above the mappable range, VFIO migration, harmless IRQ mapping, GVT-g table, libvirt ABI', () => {
  const mem = onlyFinding(
    'Hotplug memory [0x7fc000000000-0x7fc008000000] exceeds maximum addressable range [0x0-0x3fffffffffff]',
    'kernel.hotplug-memory-unaddressable',
  );
  assert.match(mem.explanation.fix, /46/);
  const mig = onlyFinding('VFIO migration is not supported in kernel', 'qemu.migration-unsupported');
  assert.match(mig.explanation.cause, /variant driver/);
  const irq = onlyFinding(
    'virtio-pci 0000:00:01.0: runtime IRQ mapping not provided by arch',
    'kernel.pci-no-runtime-irq-mapping',
  );
  assert.equal(irq.explanation.severity, 'info');
  const gvt = onlyFinding('assign a handler to a non-tracked mmio 45010', 'kernel.gvt-mmio-table-mismatch');
  assert.match(gvt.explanation.cause, /Comet Lake/);
  const abi = onlyFinding(
    "virError(Code=67, Domain=20, Message='unsupported configuration: Target domain host device count 0 does not match source 1')",
    'libvirt.abi-hostdev-count',
  );
  assert.match(abi.explanation.cause, /hot-unplugged/);
});

test("vfio-user: a region-info refusal is a protocol mismatch; the v1 migration region's two failures", () => {
  const vu = onlyFinding(
    'qemu-system-x86_64: -device vfio-user-pci,socket=/var/run/vfu/ctrl0: vfio VFIO user </var/run/vfu/ctrl0>: failed to get region 1 info: Invalid argument',
    'qemu.region-info-failed',
  );
  assert.match(vu.explanation.cause, /protocol/);
  const host = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0: vfio 0000:02:00.0: failed to get region 1 info: No such device',
    'qemu.region-info-failed',
  );
  assert.doesNotMatch(host.explanation.cause, /protocol/);
  for (const line of [
    'qemu-system-x86_64: 0000:3b:00.1: Invalid zero-sized VFIO migration region 9',
    'qemu-system-x86_64: 0000:3b:00.1: Failed to setup VFIO migration region 9: No such device',
  ]) {
    const f = onlyFinding(line, 'qemu.migration-region-invalid');
    assert.match(f.explanation.cause, /migration region/, line);
  }
});

test('a set-up tool that found no IOMMU: VT-d is a separate switch from VT-x', () => {
  const f = onlyFinding(
    'Failed to initialize IOMMU. Please check your firmware settings',
    'tool.iommu-not-initialised',
  );
  assert.match(f.explanation.cause, /separate switch from VT-x/);
  assert.match(f.explanation.fix, /intel_iommu=on/);
});

test("Windows: a driver failing in DriverEntry (Code 37) and NVIDIA's installer finding no supported GPU", () => {
  const c37 = onlyFinding(
    'Windows cannot initialize the device driver for this hardware. (Code 37)',
    'windows.code-37',
  );
  assert.match(c37.explanation.cause, /DriverEntry/);
  const nv = onlyFinding(
    'The NVIDIA installer cannot continue. This graphics driver could not find compatible graphics hardware.',
    'windows.nvidia-installer-no-hardware',
  );
  assert.match(nv.explanation.cause, /branch/);
  assert.match(nv.explanation.fix, /x-pci-sub-vendor-id/);
});

test("the AMD IOMMU driver's own init failures are kernel lines, not the set-up tool's sentence", () => {
  // drivers/iommu/amd/init.c amd_iommu_init_pci() prints both; bus_set_iommu() refused a second
  // IOMMU driver for a bus with EBUSY (drivers/iommu/iommu.c, Linux 5.12-6.1). Built from the
  // format strings.
  const busy = onlyFinding(
    'AMD-Vi: IOMMU: Failed to initialize IOMMU-API interface (error=-16)!',
    'kernel.amd-iommu-api-init-failed',
  );
  assert.match(busy.explanation.cause, /already had an IOMMU driver/);
  const other = onlyFinding(
    'AMD-Vi: IOMMU: Failed to initialize IOMMU-API interface (error=-22)!',
    'kernel.amd-iommu-api-init-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /EBUSY/);
  onlyFinding(
    'AMD-Vi: IOMMU0: Failed to initialize IOMMU Hardware (error=-19)!',
    'kernel.amd-iommu-hw-init-failed',
  );
  // Another subsystem's IOMMU (a Tegra video decoder) is no VFIO set-up tool.
  const ids = diagnoseText('tegra-vde 60030000.vde: Failed to initialize IOMMU: -19').findings.map(
    (x) => x.entry.id,
  );
  assert.ok(!ids.includes('tool.iommu-not-initialised'), ids.join(','));
});
