// The causes added after held-out set 12 (catalogue/userspace-edges-sweep.ts and the entries it
// sharpened elsewhere): each entry's id and the cause words its facts produce. Messages built from
// the format strings of the cited sources, none copied from a held-out set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USERSPACE_EDGES_ENTRIES } from '../../src/readiness/diagnose/catalogue/userspace-edges-sweep.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const entry = (id: string) => {
  const e = CATALOGUE.find((x) => x.id === id);
  assert.ok(e, `${id} is not in the catalogue`);
  return e;
};

test('the sweep entries are registered, safe and claim their own examples', () => {
  const n = checkSweepEntries(
    USERSPACE_EDGES_ENTRIES,
    ['spdk.', 'libvfio-user.', 'dpdk.', 'mtl.', 'gim.', 'chv.', 'kata.', 'pcileech.'],
    (e, ex, f) => {
      for (const [k, v] of Object.entries(ex.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id}: ${k} of ${ex.text}`);
    },
  );
  assert.equal(n, USERSPACE_EDGES_ENTRIES.length);
});

test('SPDK vfio-user: an admin queue that cannot be mapped points at a shared memory backend', () => {
  const f = onlyFinding(
    'vfio_user.c:2801:nvmf_vfio_user_prop_req_rsp: *ERROR*: /run/vfu/c3: failed to map Admin queue',
    'spdk.vfio-user-admin-queue-map',
  );
  assert.match(f.explanation.cause, /shared memory backend/);
  assert.match(f.explanation.fix, /share=on/);
});

test('SPDK vfio-user: the errno of an untranslatable IOVA says which mapping is missing', () => {
  const id = 'spdk.vfio-user-iova-untranslatable';
  const none = onlyFinding(
    'vfio_user.c: 740:map_one: *ERROR*: failed to translate IOVA [2147479552, 2147483648) (prot=3) to local VA: No such file or directory',
    id,
  );
  assert.match(none.explanation.cause, /no DMA region/);
  assert.match(none.explanation.cause, /not mapped in the server/);
  const nofd = onlyFinding(
    'vfio_user.c: 740:map_one: *ERROR*: failed to translate IOVA [0x100000, 0x101000) (prot=1) to local VA: Bad address',
    id,
  );
  assert.match(nofd.explanation.cause, /without a file descriptor/);
  const ro = onlyFinding(
    'failed to translate IOVA [0x2000, 0x3000) (prot=3) to local VA: Permission denied',
    id,
  );
  assert.match(ro.explanation.cause, /read-only/);
  const split = onlyFinding(
    'failed to translate IOVA [0xbfff0000, 0xc0010000) (prot=3) to local VA: 2 segments needed',
    id,
  );
  assert.match(split.explanation.cause, /spans 2 DMA regions/);
});

test('libvfio-user: a lost client is named, with the VM stop as the harmless case', () => {
  const id = 'libvfio-user.client-disconnected';
  const a = onlyFinding(
    'vfio_user.c:3090:vfio_user_log: *ERROR*: /run/vfu/x: tran_sock_get_request_header: not connected',
    id,
  );
  assert.match(a.explanation.cause, /client/);
  assert.match(a.explanation.cause, /crashed or exited/);
  assert.match(a.explanation.cause, /harmless then/);
  const b = onlyFinding(
    'vfio_user.c:3090:vfio_user_log: *ERROR*: /run/vfu/x: failed to receive request: Transport endpoint is not connected',
    id,
  );
  assert.equal(b.facts.errno, 'ENOTCONN');
});

test('SPDK nvmf: an unsupported log page is harmless, a vendor one says so', () => {
  const id = 'spdk.nvmf-log-page-unsupported';
  const vendor = onlyFinding(
    'ctrlr.c:2200:nvmf_ctrlr_get_log_page: *ERROR*: Unsupported Get Log Page 0xDE',
    id,
  );
  assert.equal(vendor.explanation.severity, 'info');
  assert.match(vendor.explanation.cause, /vendor-specific/);
  assert.match(vendor.explanation.cause, /Harmless/);
  const std = onlyFinding('ctrlr.c:2200:nvmf_ctrlr_get_log_page: *INFO*: Unsupported Get Log Page 0x08', id);
  assert.doesNotMatch(std.explanation.cause, /vendor-specific/);
  assert.match(std.explanation.cause, /Harmless/);
});

test('DPDK interrupt thread: EPERM is a stale fd left by a driver error path', () => {
  const id = 'dpdk.intr-epoll-add-failed';
  const eperm = onlyFinding('EAL: Error adding fd 301 epoll_ctl, Operation not permitted', id);
  assert.equal(eperm.facts.fd, '301');
  assert.match(eperm.explanation.cause, /does not support poll/);
  assert.match(eperm.explanation.cause, /without unregistering/);
  const ebadf = onlyFinding('Error adding fd 18 epoll_ctl, Bad file descriptor', id);
  assert.match(ebadf.explanation.cause, /closed/);
});

test('MTL: no DPDK port for the NIC means it is not on vfio-pci', () => {
  const f = onlyFinding(
    'MT: Error: mt_dev_get_socket_id, failed to get port for 0000:98:00.1',
    'mtl.port-not-found',
  );
  assert.equal(f.facts.port, '0000:98:00.1');
  assert.match(f.explanation.cause, /ENODEV/);
  assert.match(f.explanation.fix, /vfio-pci/);
});

test('GIM libgv: a PSP fence timeout and the scheduler reset the whole GPU', () => {
  const psp = onlyFinding(
    'gim error libgv: [0:83:0:0][PF][amdgv_psp_cmd_km_submit:530] PSP command fence wait failed.',
    'gim.psp-command-failed',
  );
  assert.match(psp.explanation.cause, /PSP/);
  assert.match(psp.explanation.cause, /whole GPU reset/);
  const gate = onlyFinding(
    'gim error libgv: [0:83:0:0][PF][mi300_psp_set_mb_int:470] Failed to execute VF gate command.',
    'gim.psp-command-failed',
  );
  assert.match(gate.explanation.cause, /gate or ungate a VF/);
  const sched = onlyFinding(
    'gim error libgv: [0:83:0:0][PF][mi300_reset_notify_engine_status:1200] Multimedia virtualization scheduler has entered an abnormal state',
    'gim.scheduler-abnormal',
  );
  assert.match(sched.explanation.cause, /resets the whole GPU/);
  const failed = onlyFinding(
    'gim error libgv: [0:83:0:0][PF][amdgv_reset_gpu:160] Whole GPU reset failed!',
    'gim.scheduler-abnormal',
  );
  assert.match(failed.explanation.fix, /reboot the host/);
});

test('Cloud Hypervisor: a BAR already used on restore is the VFIO snapshot limitation', () => {
  const f = onlyFinding(
    'Error restoring VM: The VM could not be restored: Cannot allocate PCI BARs: Registering an IO BAR failed: bar 2 already used',
    'chv.restore-bar-in-use',
  );
  assert.equal(f.facts.bar, '2');
  assert.match(f.explanation.cause, /restoring a snapshot/);
  assert.match(f.explanation.cause, /not supported/);
});

test('Cloud Hypervisor: a sparse-area mmap EINVAL and the bare mmap error', () => {
  const sparse = onlyFinding(
    'cloud-hypervisor: 71.2ms: <vmm> ERROR:pci/src/vfio.rs:1690 -- Could not mmap sparse area (offset = 0x12000, size = 0x2000): Invalid argument (os error 22)',
    'chv.vfio-map-region-failed',
  );
  assert.equal(sparse.facts.offset, '0x12000');
  assert.match(sparse.explanation.cause, /relocates the MSI-X/);
  assert.match(sparse.explanation.cause, /beyond the physical BAR/);
  const bare = onlyFinding('mmap: Cannot allocate memory (os error 12)', 'chv.mmap-io-error');
  assert.match(bare.explanation.cause, /does not lie within the BAR/);
  assert.match(bare.explanation.cause, /MSI-X/);
  const busy = onlyFinding('mmap: Device or resource busy (os error 16)', 'chv.mmap-io-error');
  assert.match(busy.explanation.cause, /can't reserve/);
});

test('Kata: CDI devices the guest spec does not provide are a name mismatch or a missing spec', () => {
  const f = onlyFinding(
    'waiting for CDI spec(s) to be generated (42 of 100 max tries) "unresolvable CDI devices vendor.example/acc=5"',
    'kata.cdi-spec-unresolved',
  );
  assert.equal(f.facts.try, '42');
  assert.match(f.explanation.cause, /annotation/);
  assert.match(f.explanation.cause, /guest's own kind and index/);
  assert.match(f.explanation.cause, /not generated yet or at all/);
});

test('PCILeech tools: sysfs enable refused by a bound driver, no group node, the API version 0 bug', () => {
  const sysfs = entry('pcileech.sysfs-enable-refused');
  assert.match(sysfs.refine?.({ errno: 'EBUSY' })?.cause ?? '', /driver is bound/);
  const perm = onlyFinding(
    '[SYSFS_BAR] Failed to enable memory decoding: [Errno 1] Operation not permitted',
    'pcileech.sysfs-enable-refused',
  );
  assert.match(perm.explanation.cause, /CAP_SYS_ADMIN/);
  const node = onlyFinding(
    '[VFIO] VFIO group file not found: /dev/vfio/44. Proceeding with warning.',
    'pcileech.vfio-group-node-missing',
  );
  assert.equal(node.facts.group, '44');
  assert.match(node.explanation.cause, /not bound to vfio-pci/);
  const api = onlyFinding(
    'WARN VFIO BAR fallback failed error="VFIO API version check failed: errno 0"',
    'pcileech.vfio-api-version-check',
  );
  assert.match(api.explanation.title, /errno 0/);
  assert.match(api.explanation.cause, /bug in the tool/i);
  const enotty = onlyFinding(
    'OSError: VFIO API version check failed: [Errno 25] Inappropriate ioctl for device',
    'pcileech.vfio-api-version-check',
  );
  assert.doesNotMatch(enotty.explanation.cause, /bug/);
});

test('QEMU memory listener: EFAULT for the container is memory that cannot be pinned', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:3b:00.0: vfio 0000:3b:00.0: failed to setup container for group 40: memory listener initialization failed for container: Bad address',
    'qemu.memory-listener-failed',
  );
  assert.equal(f.facts.errno, 'EFAULT');
  assert.match(f.explanation.cause, /could not pin/);
  assert.match(f.explanation.cause, /virtio-fs DAX/);
});

test('Looking Glass host: ERROR_DEVICE_ALREADY_ATTACHED is a second mapping of the IVSHMEM device', () => {
  const f = onlyFinding(
    '[E]  platform.c:380  | os_shmemMmap  | DeviceIoControl Failed: 0x00000224 (any text in the guest language)',
    'lg.host-ivshmem-handle',
  );
  assert.match(f.explanation.cause, /one mapping/);
  assert.match(f.explanation.cause, /second looking-glass-host instance/);
});

test('dpdk-devbind without an errno: vfio-pci needs an IOMMU group; an empty driver path means no driver', () => {
  const id = 'sysfs.dpdk-devbind-failed';
  const bind = onlyFinding('Error: bind failed for 0000:00:09.0 - Cannot bind to driver vfio-pci', id);
  assert.match(bind.explanation.cause, /IOMMU group/);
  assert.match(bind.explanation.cause, /virtual IOMMU/);
  assert.match(bind.explanation.fix, /enable_unsafe_noiommu_mode/);
  const unbind = onlyFinding(
    'Error: unbind failed for 0000:00:09.0 - Cannot open /sys/bus/pci/drivers//unbind',
    id,
  );
  assert.match(unbind.explanation.cause, /no driver at all/);
});

test('SR-IOV VF BAR window: routine on a host, an unbacked capability when a 32-bit window ends above 4 GiB', () => {
  const id = 'kernel.sriov-vf-bar-space';
  const host = onlyFinding(
    'pci 0000:41:00.0: VF(n) BAR0 space: [mem 0x38000000000-0x38003ffffff 64bit pref] (contains BAR0 for 64 VFs)',
    id,
  );
  assert.equal(host.explanation.severity, 'info');
  assert.match(host.explanation.cause, /SR-IOV capability of a passed-through physical function/);
  const guest = onlyFinding(
    'pci 0000:00:08.0: VF(n) BAR3 space: [mem 0xf0000000-0x12fffffff] (contains BAR3 for 4 VFs)',
    id,
  );
  assert.equal(guest.explanation.severity, 'warning');
  assert.match(guest.explanation.cause, /capability that nothing backs/);
  assert.match(guest.explanation.cause, /exposed by the VMM/);
});

test('a helper listing unbound group devices says they are not bound to vfio-pci', () => {
  const f = onlyFinding('IOMMU group 12 has devices not bound to vfio-pci:', 'tool.group-not-all-vfio');
  assert.match(f.explanation.cause, /not bound to vfio-pci/);
  assert.match(f.explanation.cause, /no \/dev\/vfio\/N node/);
});
