// The Xen, hugepage and Looking Glass sweep (catalogue/vmm-hugepage-sweep.ts): the facts in a
// message change the explanation the way the producing source says. Expected meanings come from
// the sources the entries cite: libxl_pci.c libxl__device_pci_add() (the test-assign verdict is
// either "cannot be assigned - no IOMMU" or "already assigned to a different guest"), Xen's
// vtd/iommu.c intel_iommu_assign_device() (a shared RMRR is refused with -EPERM unless the policy
// is relaxed, then it is "risky" and assigned), libxl's error codes (ERROR_FAIL -3, ERROR_TIMEDOUT
// -9, libxl_types.idl), mm/hugetlb.c (hugepages= after an invalid hugepagesz= is ignored; the OOM
// dump prints each node's pool), qemu-server Memory.pm hugepages_size() (sizes printed in kB),
// and Looking Glass's client main.c (recommended size: two frames plus 10 MiB, rounded up to a
// power of two) and ivshmem.c (the kvmfr device path).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('libxl test-assign: "no IOMMU" and "already assigned" are two different causes', () => {
  const noIommu = onlyFinding(
    'libxl: error: libxl_pci.c:1209:libxl__device_pci_add: PCI device 0000:02:00.0 cannot be assigned - no IOMMU?',
    'xen.test-assign-failed',
  );
  assert.equal(noIommu.facts.dev, '0000:02:00.0');
  assert.match(noIommu.explanation.cause, /no IOMMU enabled/);
  assert.match(noIommu.explanation.fix, /xl dmesg/);
  const taken = onlyFinding(
    'libxl: error: libxl_pci.c:1561:libxl__device_pci_add: Domain 5:PCI device 0000:01:00.0 already assigned to a different guest?',
    'xen.test-assign-failed',
  );
  assert.match(taken.explanation.title, /another domain/);
  assert.match(taken.explanation.fix, /xl pci-detach/);
});

test('xc_assign_device: Operation not permitted points at the hypervisor log and the shared-RMRR refusal', () => {
  const f = onlyFinding(
    'libxl: libxl_pci.c:1132:do_pci_add: xc_assign_device failed: Operation not permitted',
    'xen.assign-device-failed',
  );
  assert.equal(f.facts.errno, 'EPERM');
  assert.match(f.explanation.cause, /shared RMRR/);
  assert.match(f.explanation.fix, /rdm_policy=relaxed/);
});

test("Xen's VT-d RMRR line: disallowed is an error, risky (relaxed policy) only a warning", () => {
  const refused = onlyFinding(
    "(XEN) [VT-D] It's disallowed to assign 0000:00:1a.0 with shared RMRR at dbe9a000 for Dom19.",
    'xen.vtd-shared-rmrr',
  );
  assert.equal(refused.explanation.severity, 'error');
  assert.equal(refused.facts.dev, '0000:00:1a.0');
  const relaxed = onlyFinding(
    "(XEN) [VT-D] It's risky to assign 0000:00:14.0 with shared RMRR at 7ba77000 for d3.",
    'xen.vtd-shared-rmrr',
  );
  assert.equal(relaxed.explanation.severity, 'warning');
});

test('libxl rc -9 is a timeout (stub domain), rc -3 keeps the generic summary', () => {
  const timeout = onlyFinding(
    'libxl_pci.c:1824:device_pci_add_done:Domain 24:libxl__device_pci_add failed for PCI device 0:0:1f.6 (rc -9)',
    'xen.pci-add-failed',
  );
  assert.match(timeout.explanation.cause, /ERROR_TIMEDOUT/);
  const fail = onlyFinding(
    'libxl: libxl_pci.c:1336:libxl__add_pcidevs: libxl_device_pci_add failed: -3',
    'xen.pci-add-failed',
  );
  assert.match(fail.explanation.cause, /line logged just before/);
});

test('a pasted xl create failure without pciback yields one finding per producer line', () => {
  const log = [
    'libxl: error: libxl_pci.c:409:libxl_device_pci_assignable_list: Looks like pciback driver not loaded',
    'libxl: error: libxl_pci.c:1225:libxl__device_pci_add: PCI device 0:2:0.0 is not assignable',
    'libxl: error: libxl_pci.c:1304:libxl__add_pcidevs: libxl_device_pci_add failed: -3',
    'libxl: error: libxl_create.c:1461:domcreate_attach_devices: unable to add pci devices',
  ].join('\n');
  // the two summary lines carry different facts (rc -3, none), so they stay two findings of one entry
  const ids = new Set(diagnoseText(log).findings.map((f) => f.entry.id));
  assert.deepEqual([...ids].sort(), [
    'xen.device-not-assignable',
    'xen.pci-add-failed',
    'xen.pciback-not-loaded',
  ]);
  const pciback = diagnoseText(log).findings.find((f) => f.entry.id === 'xen.pciback-not-loaded');
  assert.match(pciback?.explanation.fix ?? '', /modprobe xen-pciback/);
});

test("pciback's seizing line is harmless", () => {
  const f = onlyFinding('pciback 0000:01:00.0: seizing device', 'kernel.xen-pciback-seizing');
  assert.equal(f.explanation.severity, 'info');
  assert.equal(f.facts.bdf, '0000:01:00.0');
});

test('the OOM dump hugepage line: a reserved pool is a warning with its size in MiB, an empty pool is harmless', () => {
  const idle = onlyFinding(
    'Node 0 hugepages_total=16 hugepages_free=16 hugepages_surp=0 hugepages_size=1048576kB',
    'kernel.hugetlb-node-pool',
  );
  assert.equal(idle.explanation.severity, 'warning');
  // 16 pages of 1048576 kB = 16384 MiB, all free
  assert.match(idle.explanation.cause, /16384 MiB/);
  assert.match(idle.explanation.cause, /all of them are free/);
  const used = onlyFinding(
    'Node 1 hugepages_total=4096 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB',
    'kernel.hugetlb-node-pool',
  );
  // 4096 pages of 2048 kB = 8192 MiB, none free
  assert.match(used.explanation.cause, /8192 MiB/);
  assert.doesNotMatch(used.explanation.cause, /all of them are free/);
  const empty = onlyFinding(
    'Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB',
    'kernel.hugetlb-node-pool',
  );
  assert.equal(empty.explanation.severity, 'info');
});

test('boot lines: a registered size is harmless; an ignored hugepages= is an error', () => {
  const gig = onlyFinding(
    'HugeTLB: registered 1.00 GiB page size, pre-allocated 0 pages',
    'kernel.hugetlb-registered',
  );
  assert.equal(gig.explanation.severity, 'info');
  assert.match(gig.explanation.cause, /none were reserved at boot/);
  const two = onlyFinding(
    'HugeTLB: registered 2.00 MiB page size, pre-allocated 1024 pages',
    'kernel.hugetlb-registered',
  );
  assert.doesNotMatch(two.explanation.cause, /none were reserved/);
  const ignored = onlyFinding(
    'HugeTLB: hugepages=1 does not follow a valid hugepagesz, ignoring',
    'kernel.hugepages-param-ignored',
  );
  assert.equal(ignored.explanation.severity, 'error');
  assert.equal(ignored.facts.value, '1');
  const node = onlyFinding('HugeTLB: Invalid hugepages parameter 0:8,5:8', 'kernel.hugepages-param-ignored');
  assert.match(node.explanation.cause, /per-node form/);
});

test('a boot log with an unsupported 1G size: the size refusal and the ignored count are separate findings', () => {
  const log = [
    '[    0.000000] HugeTLB: unsupported hugepagesz=1G',
    '[    0.000000] HugeTLB: hugepages=1 does not follow a valid hugepagesz, ignoring',
    '[    0.706375] HugeTLB support is disabled!',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.deepEqual([...ids].sort(), [
    'kernel.hugepages-param-ignored',
    'kernel.hugepagesz-unsupported',
    'kernel.hugetlb-disabled',
  ]);
});

test('Proxmox hugepage sizes: an unsupported size and memory that is not whole pages are told apart', () => {
  const size = onlyFinding(
    "TASK ERROR: your system doesn't support hugepages of 1048576kB at /usr/share/perl5/PVE/QemuServer/Memory.pm line 422.",
    'pve.hugepages-size-invalid',
  );
  assert.equal(size.facts.size, '1048576');
  assert.match(size.explanation.cause, /pdpe1gb/);
  const whole = onlyFinding(
    'TASK ERROR: Memory size 3000 is not a multiple of the requested hugepages size 1048576kB',
    'pve.hugepages-size-invalid',
  );
  assert.match(whole.explanation.title, /not a whole number of hugepages/);
  assert.match(whole.explanation.cause, /3000 MiB/);
  const alloc = onlyFinding(
    'TASK ERROR: hugepage allocation failed at /usr/share/perl5/PVE/QemuServer/Memory.pm line 498.',
    'pve.hugepage-allocation-failed',
  );
  assert.match(alloc.explanation.fix, /hugepagesz=1G hugepages=N/);
});

test('Looking Glass: the kvmfr device gets the module fix, /dev/shm the tmpfiles fix', () => {
  const kvmfr = onlyFinding(
    '[E]   ivshmem.c:130  | ivshmemOpenDev  | Failed to open: /dev/kvmfr0',
    'lg.shm-open-failed',
  );
  assert.equal(kvmfr.facts.path, '/dev/kvmfr0');
  assert.match(kvmfr.explanation.fix, /static_size_mb/);
  const shm = onlyFinding(
    '[E]   ivshmem.c:152  | ivshmemOpenDev  | Failed to open: /dev/shm/looking-glass',
    'lg.shm-open-failed',
  );
  assert.match(shm.explanation.fix, /systemd-tmpfiles/);
});

test('Looking Glass sizes: the client recommendation and the frame size both name the size to set', () => {
  const rec = onlyFinding(
    '00:00:00.348 [W]              main.c:694  | main_frameThread               | Recommend increase size to 64 MiB',
    'lg.ivshmem-too-small',
  );
  assert.match(rec.explanation.fix, /64 MiB/);
  // 14745600 bytes: 2 x 14745600 / 1048576 + 10 = 38.125 MiB, next power of two 64
  const frame = onlyFinding(
    '[E]                app.c:272  | captureStart                   | Maximum frame size of 14745600 bytes excceds maximum space available',
    'lg.frame-exceeds-shm',
  );
  assert.match(frame.explanation.fix, /at least 64 MiB/);
  // 3840x2160x4 = 33177600 bytes: 63.28 + 10 = 73.28 MiB, next power of two 128
  const uhd = onlyFinding(
    'Maximum frame size of 33177600 bytes excceds maximum space available',
    'lg.frame-exceeds-shm',
  );
  assert.match(uhd.explanation.fix, /at least 128 MiB/);
});

test('the Looking Glass host without an IVSHMEM device is recognised on both of its lines', () => {
  const log = [
    '  4214137131 [E]            ivshmem.c:72   | ivshmemOpen                    | Unable to enumerate the device, is it attached?: 0x00000103',
    '  4214138392 [E]                app.c:450  | app_main                       | Failed to open the IVSHMEM device',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  assert.deepEqual(ids, ['lg.host-ivshmem-missing']);
  assert.equal(diagnoseText(log).findings[0].count, 2);
});

test('libxl reset: a failed write and a missing reset file are both warnings, the missing file says there is no reset method', () => {
  const write = onlyFinding(
    'libxl: error: libxl_pci.c:1536:libxl__device_pci_reset: write to /sys/bus/pci/devices/0000:15:00.0/reset returned -1: Inappropriate ioctl for device',
    'xen.pci-reset-failed',
  );
  assert.equal(write.explanation.severity, 'warning');
  assert.equal(write.facts.errno, 'ENOTTY');
  const missing = onlyFinding(
    "libxl: error: libxl_pci.c:1521:libxl__device_pci_reset: Domain 3:The kernel doesn't support reset from sysfs for PCI device 0000:03:00.0",
    'xen.pci-reset-failed',
  );
  assert.match(missing.explanation.cause, /no sysfs reset file/);
});

test('pcifront without a bounce buffer names the memory Xen could not give', () => {
  const f = onlyFinding('pcifront pci-0: Could not setup SWIOTLB!', 'kernel.xen-pcifront-swiotlb');
  assert.match(f.explanation.cause, /below 4 GiB/);
});

test('hugetlbfs pagesize: 0 MB means the unit was left out; a real size means no pool of that size', () => {
  const noUnit = onlyFinding(
    'hugetlbfs: Unsupported page size 0 MB',
    'kernel.hugetlbfs-pagesize-unsupported',
  );
  assert.match(noUnit.explanation.cause, /without a unit/);
  const gig = onlyFinding(
    'hugetlbfs: Unsupported page size 1024 MB',
    'kernel.hugetlbfs-pagesize-unsupported',
  );
  assert.match(gig.explanation.cause, /pdpe1gb/);
});

test('Looking Glass host size: 2 MiB (another ivshmem device) or no frame room is a warning, 32 MiB is informational', () => {
  const scream = onlyFinding(
    '2552202318 [I]                app.c:412  | app_main                       | IVSHMEM Size     : 2 MiB',
    'lg.host-ivshmem-size',
  );
  assert.equal(scream.explanation.severity, 'warning');
  assert.match(scream.explanation.fix, /shmDevice/);
  const noFrame = onlyFinding(
    '    18075678 [I]                app.c:507  | app_main                       | Max Frame Size   : 0 MiB',
    'lg.host-ivshmem-size',
  );
  assert.equal(noFrame.explanation.severity, 'warning');
  const fine = onlyFinding(
    '230911673262 [I]                app.c:450  | app_main                       | IVSHMEM Size     : 32 MiB',
    'lg.host-ivshmem-size',
  );
  assert.equal(fine.explanation.severity, 'info');
});

test('the scheduler short of hugepages gets the hugepage explanation, a device resource keeps the device one', () => {
  const huge = onlyFinding(
    'Warning  FailedScheduling  default-scheduler  0/1 nodes are available: 1 Insufficient hugepages-2Mi.',
    'mgmt.k8s-insufficient-device',
  );
  assert.equal(huge.facts.resource, 'hugepages-2Mi');
  assert.match(huge.explanation.title, /hugepages/);
  assert.match(huge.explanation.cause, /reserved on the node itself/);
  const dev = onlyFinding(
    '0/1 nodes are available: 1 Insufficient intel.com/intel_sriov_netdevice.',
    'mgmt.k8s-insufficient-device',
  );
  assert.doesNotMatch(dev.explanation.title, /hugepages/);
});

test('ivshmem-plain: a missing memdev and a busy one are told apart', () => {
  const missing = onlyFinding(
    "qemu-system-x86_64: -device ivshmem-plain,id=shmem0,bus=pcie.0: You must specify a 'memdev'",
    'qemu.ivshmem-plain-memdev',
  );
  assert.match(missing.explanation.fix, /memory-backend-file/);
  const busy = onlyFinding(
    "qemu-system-x86_64: -device ivshmem-plain,id=shmem1,memdev=looking-glass: can't use already busy memdev: looking-glass",
    'qemu.ivshmem-plain-memdev',
  );
  assert.equal(busy.facts.memdev, 'looking-glass');
  assert.match(busy.explanation.title, /same ivshmem memory backend/);
});

test("the hypervisor's assign failure reads its return code: -1 is EPERM (the RMRR refusal), -9 EBADF (a broken device)", () => {
  const perm = onlyFinding('(XEN) d10: assign (0000:00:1a.0) failed (-1)', 'xen.hypervisor-assign-failed');
  assert.equal(perm.facts.errno, 'EPERM');
  assert.match(perm.explanation.cause, /shared with other devices/);
  const broken = onlyFinding('(XEN) d3: assign (0000:03:00.0) failed (-9)', 'xen.hypervisor-assign-failed');
  assert.equal(broken.facts.errno, 'EBADF');
  assert.match(broken.explanation.cause, /broken/);
  const rmrrPair = [
    "(XEN) [VT-D] It's disallowed to assign 0000:00:1a.0 with shared RMRR at dbe9a000 for Dom19.",
    '(XEN) XEN_DOMCTL_assign_device: assign 0000:00:1a.0 to dom19 failed (-1)',
  ].join('\n');
  const ids = diagnoseText(rmrrPair).findings.map((f) => f.entry.id);
  assert.deepEqual([...ids].sort(), ['xen.hypervisor-assign-failed', 'xen.vtd-shared-rmrr']);
});

test('kvmfr: static devices created is harmless, zero devices (no static_size_mb) is a warning', () => {
  const one = onlyFinding('kvmfr: creating 1 static devices', 'lg.kvmfr-static-devices');
  assert.equal(one.explanation.severity, 'info');
  const none = onlyFinding('kvmfr: creating 0 static devices', 'lg.kvmfr-static-devices');
  assert.equal(none.explanation.severity, 'warning');
  assert.match(none.explanation.fix, /static_size_mb=/);
});

test('Looking Glass: the strerror line after "Failed to open" decides absent or forbidden; the older host wording is read', () => {
  // common/src/platform/linux/ivshmem.c ivshmemOpenDev() prints strerror(errno) on its own line.
  const denied = onlyFinding(
    '   9120331 [E]            ivshmem.c:160  | ivshmemOpenDev                 | Permission denied',
    'lg.shm-open-failed',
  );
  assert.equal(denied.facts.errno, 'EACCES');
  assert.match(denied.explanation.fix, /systemd-tmpfiles/);
  const absent = onlyFinding(
    '[E]   ivshmem.c:160  | ivshmemOpenDev  | No such file or directory',
    'lg.shm-open-failed',
  );
  assert.match(absent.explanation.cause, /does not exist/);
  // Older Windows hosts: "it is attached?".
  onlyFinding(
    '  1187 [E]   ivshmem.c:72   | ivshmemOpen  | Unable to enumerate the device, it is attached?: 0x00000103',
    'lg.host-ivshmem-missing',
  );
});
