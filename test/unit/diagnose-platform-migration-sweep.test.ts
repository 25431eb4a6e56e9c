// The platform and migration sweep (catalogue/platform-migration-sweep.ts): the facts in a message
// change the explanation the way the producing source says. Expected meanings come from the
// sources the entries cite: qemu hw/vfio/migration.c vfio_load_state() (INIT_DATA_SENT is
// VFIO_MIG_FLAG_DEV_INIT_DATA_SENT 0xffffffffef100005, sent by vfio_save_iterate() only with
// switchover-ack; the destination refuses it without switchover-ack or pre-copy, and
// qemu_loadvm_approve_switchover() returns -EINVAL when no approval is pending, otherwise the
// return-path send error), vfio_save_setup() (g_try_malloc0 of MIN(1 MiB, stop-copy size), the
// PRE_COPY step at the source), vfio_load_setup() (RESUMING at the destination), the QEMU 5.2–7.2
// protocol ("Failed to set device state 0x%x", region bits); hw/vfio/spapr.c
// vfio_spapr_create_window() (ENOMEM from the TCE table allocation after trying more levels; QEMU
// 10.1 refuses multi-level tables when the host supports one level), vfio_prereg_listener_region_add()
// (hw_error at runtime, "unable to continue"); vfio_eeh_container_op() (EPERM path: "exactly one
// group"); hw/vfio/ccw.c vfio_ccw_handle_request() (EBUSY → cc 1, ENODEV/EACCES → cc 3, other →
// unit exception) with vfio_ccw_register_irq_notifier() (irq 2 = VFIO_CCW_REQ_IRQ_INDEX, only
// reported); drivers/s390/crypto/vfio_ap_ops.c vfio_ap_mdev_reset_queue() (rc is the AP response
// code of asm/ap.h: 1 Q_NOT_AVAIL, 3 DECONFIGURED, 4 CHECKSTOPPED); libvirt qemu_validate.c
// (one vfio-ap hostdev per domain; capability checks for AP and CCW).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLATMIG_ENTRIES } from '../../src/readiness/diagnose/catalogue/platform-migration-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry of the sweep is registered, safe, and claims its own examples with their facts', () => {
  const n = checkSweepEntries(PLATMIG_ENTRIES, ['qemu.', 'kernel.', 'libvirt.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} ${k}: ${ex.text}`);
  });
  assert.equal(n, PLATMIG_ENTRIES.length);
});

test('switchover-ack: the marker without the capability, a spurious approval, and a broken return path', () => {
  const marker = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: Received INIT_DATA_SENT but switchover ack is not used',
    'qemu.migration-switchover-ack-mismatch',
  );
  assert.match(marker.explanation.fix, /switchover-ack/);
  assert.match(marker.explanation.cause, /different migration capabilities/);
  const einval = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: qemu_loadvm_approve_switchover failed, err=-22 (Invalid argument)',
    'qemu.migration-switchover-ack-mismatch',
  );
  assert.equal(einval.facts.errno, 'EINVAL');
  assert.match(einval.explanation.cause, /none was pending/);
  const eio = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: qemu_loadvm_approve_switchover failed, err=-5 (Input/output error)',
    'qemu.migration-switchover-ack-mismatch',
  );
  assert.match(eio.explanation.cause, /return path/);
  assert.doesNotMatch(eio.explanation.cause, /none was pending/);
});

test('unknown stream tag: INIT_DATA_SENT means an older destination, other VFIO markers a newer source, anything else a misaligned stream', () => {
  const initData = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: Unknown tag 0xffffffffef100005',
    'qemu.migration-stream-tag-unknown',
  );
  assert.match(initData.explanation.cause, /older QEMU/);
  const otherMarker = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: Unknown tag 0xffffffffef100006',
    'qemu.migration-stream-tag-unknown',
  );
  assert.match(otherMarker.explanation.cause, /0xffffffffef100006/);
  assert.doesNotMatch(otherMarker.explanation.cause, /INIT_DATA_SENT/);
  const garbage = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: SETUP STATE: EOS not found 0x2f4a00000000',
    'qemu.migration-stream-tag-unknown',
  );
  assert.equal(garbage.facts.tag, '0x2f4a00000000');
  assert.match(garbage.explanation.cause, /alignment/);
});

test('migration data buffer: the explanation covers a zero stop-copy size as well as memory', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: Failed to allocate migration data buffer',
    'qemu.migration-buffer-alloc-failed',
  );
  assert.match(f.explanation.cause, /stop-copy size of 0/);
  assert.match(f.explanation.fix, /Commit/);
});

test('migration steps: PRE_COPY is the source, RESUMING the destination, 0x… the first protocol', () => {
  const pre = onlyFinding(
    'qemu-system-x86_64: 0000:01:00.0: Failed to set new PRE_COPY state',
    'qemu.migration-step-failed',
  );
  assert.match(pre.explanation.cause, /on the source/);
  const resuming = onlyFinding(
    "error: operation failed: job 'migration in' failed: 0000:01:00.0: Failed to set RESUMING state",
    'qemu.migration-step-failed',
  );
  assert.match(resuming.explanation.cause, /on the destination/);
  for (const line of [
    'qemu-system-x86_64: 0000:01:00.0: Failed to set device state 0x4',
    'qemu-system-x86_64: 0000:01:00.0: Failed to set state STOPPED',
  ])
    assert.match(
      onlyFinding(line, 'qemu.migration-step-failed').explanation.cause,
      /QEMU 8\.0 removed/,
      line,
    );
});

test('sPAPR DMA window: ENOMEM is the TCE table, one-level hosts are PowerVM, page size and overlap have their own meaning', () => {
  const nomem = onlyFinding(
    'qemu-system-ppc64: Failed to create a window, ret = -1 (Cannot allocate memory)',
    'qemu.spapr-dma-window-failed',
  );
  assert.equal(nomem.facts.errno, 'ENOMEM');
  assert.match(nomem.explanation.cause, /TCE table/);
  // drivers/vfio/vfio_iommu_spapr_tce.c tce_iommu_create_table(): account_locked_vm() of the table size first
  assert.match(nomem.explanation.cause, /RLIMIT_MEMLOCK/);
  // QEMU 9.1+: error_setg_errno() appends ": <strerror>" instead of "(%m)"
  const newer = onlyFinding(
    'qemu-system-ppc64: Failed to create SPAPR window: Failed to create a window, ret = -1: Cannot allocate memory',
    'qemu.spapr-dma-window-failed',
  );
  assert.equal(newer.facts.errno, 'ENOMEM');
  const levels = onlyFinding(
    "qemu-system-ppc64: Host doesn't support multi-level TCE tables. Use larger IO page size. Supported mask is 0x1011000",
    'qemu.spapr-dma-window-failed',
  );
  assert.match(levels.explanation.cause, /PowerVM/);
  assert.match(levels.explanation.fix, /huge pages/);
  const page = onlyFinding(
    "qemu-system-ppc64: Host doesn't support page size 0x10000, the supported mask is 0x1000",
    'qemu.spapr-dma-window-failed',
  );
  assert.equal(page.facts.mask, '0x1000');
  assert.match(page.explanation.title, /page size/);
  const overlap = onlyFinding(
    'qemu-system-ppc64: region [0x800000000000000,0x80000ffffffffff] overlaps with existinghost DMA window [0x800000000000000,0x80000ffffffffff]',
    'qemu.spapr-dma-window-failed',
  );
  assert.match(overlap.explanation.cause, /overlapping/);
});

test('sPAPR memory registration: a memlock problem at start, a hard stop on memory hot-plug', () => {
  const start = onlyFinding(
    'qemu-system-ppc64: -device vfio-pci,host=0001:01:00.0: vfio 0001:01:00.0: failed to setup container for group 1: RAM memory listener initialization failed: Memory registering failed: Operation not permitted',
    'qemu.spapr-memory-lock-failed',
  );
  assert.match(start.explanation.cause, /RLIMIT_MEMLOCK/);
  assert.match(start.explanation.cause, /return value \(-1\)/);
  const runtime = onlyFinding(
    'qemu: hardware error: vfio: Memory registering failed, unable to continue',
    'qemu.spapr-memory-lock-failed',
  );
  assert.match(runtime.explanation.cause, /hot-plug/);
});

test('EEH: an operation the host refused, and the one-group-per-container rule', () => {
  const op = onlyFinding(
    'qemu-system-ppc64: vfio/eeh: EEH_PE_OP 0x2 failed: No such device',
    'qemu.spapr-eeh-op-failed',
  );
  assert.equal(op.facts.op, '0x2');
  assert.equal(op.facts.errno, 'ENODEV');
  const group = onlyFinding(
    'qemu-system-ppc64: vfio/eeh: EEH_PE_OP 0x4: kernel requires a container with exactly one group',
    'qemu.spapr-eeh-op-failed',
  );
  assert.match(group.explanation.fix, /spapr-pci-host-bridge/);
  assert.notEqual(group.explanation.cause, op.explanation.cause);
});

test('vfio-ccw: the errno decides between busy, not operational and a refused channel program', () => {
  const busy = onlyFinding(
    'qemu-system-s390x: vfio-ccw: write I/O region failed with errno=16',
    'qemu.vfio-ccw-region-io-failed',
  );
  assert.equal(busy.facts.errno, 'EBUSY');
  assert.equal(busy.explanation.severity, 'warning');
  assert.match(busy.explanation.cause, /condition code 1/);
  const gone = onlyFinding(
    'qemu-system-s390x: vfio-ccw: write I/O region failed with errno=13',
    'qemu.vfio-ccw-region-io-failed',
  );
  assert.match(gone.explanation.cause, /condition code 3/);
  const refused = onlyFinding(
    'qemu-system-s390x: vfio-ccw: write I/O region failed with errno=95',
    'qemu.vfio-ccw-region-io-failed',
  );
  assert.match(refused.explanation.cause, /unit exception/);
  assert.match(refused.explanation.fix, /force-orb-pfch/);
});

test('s390 interrupts: a missing request interrupt is harmless (ccw index 2, ap index 0), a missing ccw I/O or CRW one is not', () => {
  const req = onlyFinding(
    'qemu-system-s390x: vfio: IRQ 2 not available (number of irqs 2)',
    'qemu.vfio-s390-irq-unavailable',
  );
  assert.equal(req.explanation.severity, 'info');
  const ap = onlyFinding(
    'qemu-system-s390x: -device vfio-ap,sysfsdev=/sys/devices/vfio_ap/matrix/62177883-f1bb-47f0-914d-32a22e3a8804: vfio: IRQ 0 not available (number of irqs 0)',
    'qemu.vfio-s390-irq-unavailable',
  );
  assert.equal(ap.facts.model, 'vfio-ap');
  assert.equal(ap.explanation.severity, 'info');
  const crw = onlyFinding(
    'qemu-system-s390x: -device vfio-ccw,sysfsdev=/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: vfio: IRQ 1 not available (number of irqs 1)',
    'qemu.vfio-s390-irq-unavailable',
  );
  assert.equal(crw.explanation.severity, 'error');
  assert.match(crw.explanation.cause, /cannot be added/);
});

test('vfio-ap: queue sharing names the owner; a reset failure is read by its AP response code', () => {
  const shared = onlyFinding(
    'vfio_ap_mdev 62177883-f1bb-47f0-914d-32a22e3a8804: Userspace may not re-assign queue 03.0004 already assigned to 0b3c2f7e-5a1d-4c2b-8e9f-112233445566',
    'kernel.vfio-ap-queue-shared',
  );
  assert.equal(shared.facts.apqn, '03.0004');
  assert.equal(shared.facts.owner, '0b3c2f7e-5a1d-4c2b-8e9f-112233445566');
  const deconf = onlyFinding(
    'PQAP/ZAPQ for 03.0004 failed with rc=3 while IRQ enabled',
    'kernel.vfio-ap-queue-reset-failed',
  );
  assert.match(deconf.explanation.cause, /configured off/);
  const checkstop = onlyFinding(
    'PQAP/ZAPQ for 03.0004 failed with rc=4 while IRQ enabled',
    'kernel.vfio-ap-queue-reset-failed',
  );
  assert.match(checkstop.explanation.cause, /hardware error/);
  const other = onlyFinding(
    'PQAP/ZAPQ for 03.0004 failed with invalid rc=5',
    'kernel.vfio-ap-queue-reset-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /configured off|hardware error/);
  const reset = onlyFinding(
    'qemu-system-s390x: vfio_ap_reset: failed to reset 62177883-f1bb-47f0-914d-32a22e3a8804 device: Device or resource busy',
    'qemu.vfio-ap-reset-failed',
  );
  assert.equal(reset.facts.errno, 'EBUSY');
});

test('harmless lines stay info: the prefetch warning and the v1 TCE one-group refusal', () => {
  for (const [line, id] of [
    [
      'vfio_ccw_mdev 8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: Prefetching channel program even though prefetch not specified in ORB',
      'kernel.vfio-ccw-prefetch-forced',
    ],
    [
      'tce_vfio: Only one group per IOMMU container is allowed, existing id=3, attaching id=5',
      'kernel.spapr-tce-one-group',
    ],
  ] as const) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.title, /harmless/, line);
  }
});

test('libvirt: more than one vfio-ap hostdev versus a QEMU without the device', () => {
  const two = onlyFinding(
    'error: unsupported configuration: Only one hostdev of model vfio-ap is supported',
    'libvirt.vfio-s390-mdev-unsupported',
  );
  assert.match(two.explanation.fix, /one matrix mdev/);
  const ccw = onlyFinding(
    'error: unsupported configuration: VFIO CCW device assignment is not supported by this version of QEMU',
    'libvirt.vfio-s390-mdev-unsupported',
  );
  assert.match(ccw.explanation.title, /vfio-ccw/);
  assert.match(ccw.explanation.fix, /qemu-system-s390x/);
});

// libvirt qemu_domain_address.c qemuDomainFillDeviceIsolationGroup(): the isolation group of a
// host device is its IOMMU group (+1); the network form names the hostdev-backed network.
test('libvirt isolation groups: a host device without IOMMU group, and a VF from a hostdev network', () => {
  const dev = onlyFinding(
    "warning : qemuDomainFillDeviceIsolationGroup:1493 : Can't look up isolation group for host device 0001:01:00.0, device won't be isolated",
    'libvirt.pseries-isolation-group-missing',
  );
  assert.equal(dev.facts.bdf, '0001:01:00.0');
  assert.match(dev.explanation.cause, /IOMMU group/);
  const net = onlyFinding(
    "warning : qemuDomainFillDeviceIsolationGroup:1521 : Can't obtain usable isolation group for interface configured to use hostdev-backed network 'sriov-pool', device won't be isolated",
    'libvirt.pseries-isolation-group-missing',
  );
  assert.equal(net.facts.network, 'sriov-pool');
  assert.match(net.explanation.cause, /'sriov-pool'/);
});

// drivers/vfio/vfio_iommu_spapr_tce.c tce_iommu_attach_group(): current kernels refuse a group whose
// table_group ops differ ("is incompatible with"), old ones any second group; QEMU then opens a new
// container, so both read as harmless.
test('sPAPR TCE: both wordings of a refused second group name the groups', () => {
  const f = onlyFinding('tce_vfio: Group 5 is incompatible with group 3', 'kernel.spapr-tce-one-group');
  assert.equal(f.facts.group, '5');
  assert.equal(f.facts.existing, '3');
  assert.equal(f.explanation.severity, 'info');
});

// drivers/s390/cio/vfio_ccw_drv.c vfio_ccw_sch_probe() refuses pmcw.qf (QDIO) subchannels with
// -ENODEV; vfio_ccw_fsm.c maps IO_REQ in NOT_OPER (0) and STANDBY (1) to fsm_io_error() (-EIO) and
// refuses transport-mode ORBs (orb->tm.b) with -EOPNOTSUPP.
test('vfio_ccw kernel side: QDIO refused at bind, requests refused by state, transport mode named', () => {
  const qdio = onlyFinding(
    'vfio_ccw 0.0.0010: vfio: ccw: does not support QDIO: 0.0.0010',
    'kernel.vfio-ccw-qdio-unsupported',
  );
  assert.equal(qdio.facts.sch, '0.0.0010');
  assert.match(qdio.explanation.cause, /zFCP/);
  const notOper = onlyFinding(
    'vfio-ccw: FSM: I/O request from state:0',
    'kernel.vfio-ccw-fsm-request-refused',
  );
  assert.match(notOper.explanation.cause, /not operational \(state 0\)/);
  const standby = onlyFinding(
    'vfio-ccw: FSM: clear request from state:1',
    'kernel.vfio-ccw-fsm-request-refused',
  );
  assert.equal(standby.facts.req, 'clear');
  assert.match(standby.explanation.cause, /standby/);
  const tm = onlyFinding(
    'qemu-system-s390x: vfio-ccw: write I/O region failed with errno=95',
    'qemu.vfio-ccw-region-io-failed',
  );
  assert.match(tm.explanation.cause, /transport-mode/);
  const quiesce = onlyFinding(
    'vfio_ccw: could not quiesce subchannel 0.0.0313!',
    'kernel.vfio-ccw-quiesce-failed',
  );
  assert.equal(quiesce.facts.sch, '0.0.0313');
});

// qemu hw/vfio/migration.c of QEMU 5.2–7.2 (migration region protocol): vfio_mig_access() prints the
// failed region access with strerror(errno); vfio_migration_set_state() calls hw_error() when the
// region then reads back the error state.
test('first migration protocol: a failed region access carries the errno, the error state is fatal', () => {
  const access = onlyFinding(
    'qemu-system-x86_64: vfio_mig_write 4 byte 0000:01:00.0: failed at offset 0x1000, err: Invalid argument',
    'qemu.migration-step-failed',
  );
  assert.equal(access.facts.errno, 'EINVAL');
  assert.match(access.explanation.cause, /QEMU 8\.0 removed/);
  const fatal = onlyFinding(
    'qemu: hardware error: 0000:01:00.0: Device in error state 0x7',
    'qemu.migration-step-failed',
  );
  assert.match(fatal.explanation.cause, /hardware error/);
  assert.match(
    onlyFinding(
      'qemu-system-x86_64: 0000:01:00.0: Failed to set state RESUMING',
      'qemu.migration-step-failed',
    ).explanation.cause,
    /first VFIO migration protocol/,
  );
});
