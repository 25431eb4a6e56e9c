// Families first seen among the misses of the sixteenth held-out set once it was read
// (read-set16-sweep.ts, and the entries mended in other files). Every message here is built from
// the producing source's format string, never taken from the held-out set. Expected meanings come
// from the sources cited: virt/kvm/vfio.c (KVM resolves VFIO's exports with symbol_get() and
// answers EINVAL when it cannot), intel-iommu's ISA bridge direct region (0-16 MB) and VFIO's
// reserved-region check, qom/object.c object_apply_global_props(), QEMU's util/vfio-helpers.c,
// kernel/module/signing.c with security_locked_down() (EPERM), the cgroup v2 documentation,
// libvirt's virProcessSetAffinity(), and the call-trace form of the kernel's splats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyExplanation, onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;
const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test("KVM-VFIO device: EINVAL is KVM not seeing VFIO's exports; a wrapped paste read by a generic entry is joined anyway", () => {
  const e = only(
    'qemu-system-x86_64: Failed to add group 7 to KVM VFIO device: Invalid argument',
    'qemu.kvm-vfio-device',
  );
  assert.match(e.cause, /symbol_get/);
  assert.match(e.fix, /CONFIG_TRIM_UNUSED_KSYMS/);
  // The second half alone is read by a generic entry; the whole message is more precise.
  assert.deepEqual(
    ids(
      'qemu-system-x86_64: -device vfio-pci,host=05:00.0: Failed to add group\n7 to KVM VFIO device: Invalid argument\n',
    ),
    ['qemu.kvm-vfio-device'],
  );
});

test('DMA map EINVAL below 16 MB names the direct-mapped reserved regions of low memory', () => {
  const low = only(
    'qemu-system-x86_64: vfio_dma_map(0x7f0000001000, 0x80000, 0x10000, 0x7f0000002000) = -22 (Invalid argument)',
    'qemu.dma-map-failed',
  );
  assert.match(low.cause, /ISA\/LPC bridge/);
  assert.match(low.fix, /reserved_regions/);
  const high = only(
    'qemu-system-x86_64: vfio_dma_map(0x7f0000001000, 0x8000000000, 0x10000, 0x7f0000002000) = -22 (Invalid argument)',
    'qemu.dma-map-failed',
  );
  assert.doesNotMatch(high.cause, /ISA\/LPC/);
});

test("a global property naming a property the type lacks points at -global or the machine type's compat list", () => {
  const e = onlyFinding(
    "qemu-system-x86_64: -device vfio-pci: can't apply global vfio-pci.x-example-knob=on: Property 'vfio-pci.x-example-knob' not found",
    'qemu.property-not-found',
  );
  assert.equal(e.facts.prop, 'x-example-knob');
  assert.match(e.explanation.cause, /compat/);
  assert.match(e.explanation.cause, /QEMU bug/);
});

test("EBUSY on a group names the in-process case of QEMU's NVMe driver; EPERM on insmod names Secure Boot lockdown", () => {
  assert.match(
    only(
      'qemu-system-x86_64: Failed to open VFIO group file: /dev/vfio/33: Device or resource busy',
      'vfio.node-open-failed',
    ).cause,
    /same IOMMU group/,
  );
  const eperm = only(
    "modprobe: ERROR: could not insert 'coral_x': Operation not permitted",
    'kmod.insert-failed',
  );
  assert.match(eperm.cause, /Secure Boot/);
  assert.match(eperm.fix, /mokutil/);
});

test('cgroup v1 directories on a v2 system, and libvirt pinning QEMU outside its cpuset', () => {
  const v1 = onlyFinding(
    "FileNotFoundError: [Errno 2] No such file or directory: '/sys/fs/cgroup/cpuset/shielded'",
    'cgroup.v1-path-missing',
  );
  assert.equal(v1.facts.controller, 'cpuset');
  assert.match(v1.explanation.cause, /cgroup v2/);
  assert.match(v1.explanation.fix, /AllowedCPUs/);
  const mem = only(
    '/sys/fs/cgroup/memory/machine.slice/memory.limit_in_bytes: No such file or directory',
    'cgroup.v1-path-missing',
  );
  assert.match(mem.cause, /memory controller/);
  const pin = onlyFinding(
    'error: cannot set CPU affinity on process 4242: Invalid argument',
    'libvirt.cpu-affinity-failed',
  );
  assert.equal(pin.facts.pid, '4242');
  assert.match(pin.explanation.cause, /cpuset/);
  assert.match(pin.explanation.fix, /machine\.slice/);
});

test('a sysfs directory used as a file, and call-trace frames in VFIO code', () => {
  const dir = only(
    'hook.sh: line 9: /sys/devices/system/node/node0/hugepages: Is a directory',
    'generic.sysfs-errno',
  );
  assert.match(dir.fix, /hugepages-2048kB\/nr_hugepages/);
  const trace = diagnoseText(
    '[  812.000001] Call Trace:\n[  812.000002]  _raw_spin_lock+0x1a/0x30\n[  812.000003]  vfio_pin_pages_remote+0x2a1/0x420 [vfio_iommu_type1]\n[  812.000004]  vfio_iommu_type1_ioctl+0x421/0x14f0 [vfio_iommu_type1]\n',
  );
  assert.deepEqual(
    trace.findings.map((f) => f.entry.id),
    ['kernel.splat-vfio-path'],
  );
  assert.equal(trace.findings[0].values.frame, 'vfio_pin_pages_remote');
  assert.match(trace.findings[0].explanation.cause, /kernel bugs/);
  // Frames of other modules are not claimed; KVM's and the IOMMU drivers' are (the VFIO path).
  assert.deepEqual(ids('[  812.000005]  amdgpu_job_run+0x2a1/0x420 [amdgpu]'), []);
  const kvm = diagnoseText('[  812.000006]  irqfd_resampler_ack+0x32/0x90 [kvm]').findings[0];
  assert.equal(kvm.values.frame, 'irqfd_resampler_ack');
  assert.match(kvm.explanation.fix, /kvm@vger\.kernel\.org \(KVM\)/);
  const rip = diagnoseText(' RIP: 0010:cache_tag_flush_range+0x9b/0x250').findings[0];
  assert.match(rip.explanation.title, /in the IOMMU code/);
  assert.match(rip.explanation.fix, /iommu@lists\.linux\.dev/);
});

test('a hook whose driver unload was killed: the driver was still in use', () => {
  // GNU bash reports a job ended by a signal as "SCRIPT: line N: PID Killed COMMAND".
  const amd = onlyFinding(
    '/etc/libvirt/hooks/qemu.d/gamevm/prepare/begin/10-unbind.sh: line 31:  5120 Killed                  modprobe -r amdgpu',
    'hook.driver-unload-killed',
  );
  assert.equal(amd.facts.module, 'amdgpu');
  assert.match(amd.explanation.cause, /still in use/);
  assert.match(amd.explanation.fix, /current hooks/);
  assert.match(
    only('start.sh: line 8:  777 Killed                  rmmod nvidia', 'hook.driver-unload-killed').cause,
    /nvidia_drm/,
  );
  // Another killed command is not this.
  assert.deepEqual(ids('run.sh: line 8:  777 Killed                  qemu-system-x86_64 -m 4G'), []);
});
