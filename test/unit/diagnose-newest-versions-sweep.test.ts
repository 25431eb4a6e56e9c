// The newest releases' sweep (catalogue/newest-versions-sweep.ts): QEMU 9.1–10.x live migration of
// assigned devices (dirty-page tracking by the device, the iommufd IOMMU or the type1 container,
// the migration state machine, postcopy and vIOMMU refusals, QEMU 10's multifd device-state
// transfer), the iommufd backend's warnings, the kernel's iommufd compatibility layer, the xe and
// nvgrace-gpu variant drivers, and libvirt opening /dev/iommu itself. Messages built from the format
// strings unless an example says otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NEWEST_ALSO,
  NEWEST_LEFT_OUT,
  NEWEST_VERSIONS_ENTRIES,
} from '../../src/readiness/diagnose/catalogue/newest-versions-sweep.js';
import { ALSO, LEFT_OUT } from '../../src/readiness/diagnose/coverage.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const PREFIXES = ['kernel.', 'qemu.', 'libvirt.'];

test('the sweep adds 20+ entries, each registered, cited and claiming its own examples alone', () => {
  assert.ok(NEWEST_VERSIONS_ENTRIES.length >= 20, `${NEWEST_VERSIONS_ENTRIES.length} entries`);
  const checked = checkSweepEntries(NEWEST_VERSIONS_ENTRIES, PREFIXES, (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} of ${ex.text}`);
  });
  assert.equal(checked, NEWEST_VERSIONS_ENTRIES.length);
});

test("the sweep's ledger is in the coverage, and every sibling wording is claimed by its entry alone", () => {
  for (const a of NEWEST_ALSO) {
    assert.ok(ALSO.includes(a), a.format);
    const ids = diagnoseText(a.text).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, [a.id], `${a.text}\n→ ${ids.join(', ')}`);
  }
  for (const l of NEWEST_LEFT_OUT) assert.ok(LEFT_OUT.includes(l), l.format);
});

test('iommufd serving /dev/vfio/vfio is harmless', () => {
  const f = onlyFinding(
    'iommufd: IOMMUFD is providing /dev/vfio/vfio, not VFIO.',
    'kernel.iommufd-vfio-compat',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /Harmless/);
  assert.match(f.explanation.cause, /CONFIG_IOMMUFD_VFIO_CONTAINER/);
});

test('iommufd backend: a device without IOMMU dirty tracking matters only for migration; clean-up failures are harmless', () => {
  const dt = onlyFinding(
    "qemu-system-x86_64: warning: IOMMU instance for device 0000:c1:00.0 doesn't support dirty tracking",
    'qemu.iommufd-dirty-tracking-unsupported',
  );
  assert.equal(dt.explanation.severity, 'warning');
  assert.equal(dt.facts.dev, '0000:c1:00.0');
  assert.match(dt.explanation.cause, /runs normally/);
  const detach = onlyFinding(
    'qemu-system-x86_64: detach 0000:02:00.0 failed: Invalid argument',
    'qemu.iommufd-detach-failed',
  );
  assert.equal(detach.facts.errno, 'EINVAL');
  assert.match(detach.explanation.cause, /closes the device/);
  const free = onlyFinding(
    'qemu-system-x86_64: Failed to free id: 5 Device or resource busy',
    'qemu.iommufd-free-id-failed',
  );
  assert.equal(free.facts.id, '5');
  assert.match(free.explanation.cause, /harmless/);
});

test('dirty tracking that will not start: the reason names the tracker and the cause follows it', () => {
  const id = 'qemu.dirty-tracking-start-failed';
  const device = onlyFinding(
    'qemu-system-x86_64: vfio: Could not start dirty page tracking - 0000:3b:00.2: Failed to start DMA logging: Argument list too long',
    id,
  );
  assert.match(device.explanation.cause, /DMA logging/);
  assert.match(device.explanation.fix, /x-device-dirty-page-tracking=off/);
  const iommu = onlyFinding(
    'qemu-system-x86_64: vfio: Could not start dirty page tracking - IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id 7) failed: Operation not supported',
    id,
  );
  assert.match(iommu.explanation.cause, /hardware dirty tracking/);
  const type1 = onlyFinding('qemu-system-x86_64: Failed to set dirty tracking flag 0x1 errno: 25', id);
  assert.match(type1.explanation.cause, /vfio_iommu_type1/);
  const old = onlyFinding(
    'qemu-system-x86_64: vfio: Could not start dirty page tracking, err: -95 (Operation not supported)',
    id,
  );
  assert.match(old.explanation.cause, /migration is aborted/);
  // Stopping is another entry: a warning, the VM keeps running.
  const stop = onlyFinding(
    'qemu-system-x86_64: Failed to set dirty tracking flag 0x2 errno: 22',
    'qemu.dirty-tracking-stop-failed',
  );
  assert.equal(stop.explanation.severity, 'warning');
  assert.deepEqual(
    diagnoseText('qemu-system-x86_64: Failed to set dirty tracking flag 0x2 errno: 22').findings.map(
      (f) => f.entry.id,
    ),
    ['qemu.dirty-tracking-stop-failed'],
  );
});

test('dirty bitmap queries: old, 9.1+ and iommufd wordings, with the range as facts', () => {
  const id = 'qemu.dirty-bitmap-query-failed';
  const old = onlyFinding(
    'qemu-system-x86_64: Failed to get dirty bitmap for iova: 0x100000 size: 0xbff00000 err: 0',
    id,
  );
  assert.equal(old.facts.iova, '0x100000');
  assert.equal(old.facts.size, '0xbff00000');
  const now = onlyFinding(
    'qemu-system-x86_64: Failed to get dirty bitmap for iova: 0xfd000000 size: 0x1000000: Invalid argument',
    id,
  );
  assert.equal(now.facts.size, '0x1000000');
  assert.match(now.explanation.cause, /fails the migration/);
});

test('migration state changes: the state read from the message says which side and why', () => {
  const id = 'qemu.migration-set-state-failed';
  const src = onlyFinding(
    'qemu-system-x86_64: 0000:3b:00.2: Failed setting device state to STOP_COPY. Setting device in recover state STOP: Input/output error',
    id,
  );
  assert.equal(src.facts.state, 'STOP_COPY');
  assert.match(src.explanation.cause, /on the source/);
  const dst = onlyFinding(
    'qemu-system-x86_64: 0000:3b:00.2: Failed setting device state to RESUMING, err: Invalid argument. Setting device in recover state STOP',
    id,
  );
  assert.match(dst.explanation.cause, /on the destination/);
  assert.match(dst.explanation.fix, /same device model/);
  const pre = onlyFinding(
    'qemu-system-x86_64: 0000:3b:00.2: Failed setting device state to PRE_COPY. Setting device in recover state RUNNING: No such device',
    id,
  );
  assert.match(pre.explanation.cause, /PRE_COPY/);
  const recover = onlyFinding(
    'qemu-system-x86_64: 0000:3b:00.2: Failed setting device in recover state, err: No such device. Resetting device',
    'qemu.migration-recover-failed',
  );
  assert.match(recover.explanation.cause, /resets the device/);
});

test('postcopy and background snapshots are refused, each with its own fix', () => {
  const id = 'qemu.migration-postcopy-unsupported';
  const post = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: VFIO migration is not supported with postcopy migration',
    id,
  );
  assert.match(post.explanation.fix, /postcopy-ram off/);
  const snap = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: VFIO migration is not supported with background snapshot',
    id,
  );
  assert.match(snap.explanation.cause, /background snapshot/);
  assert.match(snap.explanation.fix, /paused/);
});

test('a vIOMMU blocks migration only; data_fd and config mismatches fail it', () => {
  const v = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: Migration is currently not supported with vIOMMU enabled',
    'qemu.migration-viommu-blocked',
  );
  assert.equal(v.explanation.severity, 'warning');
  assert.match(v.explanation.fix, /virtual IOMMU/);
  const fd = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: data_fd out of sync',
    'qemu.migration-data-fd-out-of-sync',
  );
  assert.match(fd.explanation.cause, /reset/);
  const load = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: Failed loading device config space, end flag incorrect 0xffffffffef100003',
    'qemu.migration-config-load-failed',
  );
  assert.match(load.explanation.fix, /same QEMU version/);
  const save = onlyFinding(
    'qemu-system-x86_64: vfio: Failed to save device config space of 0000:65:00.0 - Failed to save state: Broken pipe',
    'qemu.migration-config-save-failed',
  );
  assert.equal(save.facts.dev, '0000:65:00.0');
});

test('multifd device-state transfer: configuration, limits, format and the data fd', () => {
  onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: Multifd device transfer requested but unsupported in the current config',
    'qemu.multifd-transfer-unsupported',
  );
  const q = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: queuing state buffer 9 would exceed the size max of 268435456',
    'qemu.multifd-queue-limit',
  );
  assert.equal(q.facts.max, '268435456');
  assert.match(q.explanation.fix, /x-migration-max-queued-buffers-size/);
  const mm = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: got device state packet but not doing multifd transfer',
    'qemu.multifd-config-mismatch',
  );
  assert.match(mm.explanation.fix, /same x-migration-\* options/);
  onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: packet has unknown version 2',
    'qemu.multifd-packet-invalid',
  );
  const w = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: writing state buffer 4 failed: 22',
    'qemu.multifd-state-io-failed',
  );
  assert.equal(w.facts.errno, 'EINVAL');
  assert.match(w.explanation.cause, /on the destination/);
  const r = onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: reading state buffer 4 failed: 5',
    'qemu.multifd-state-io-failed',
  );
  assert.match(r.explanation.cause, /on the source/);
  onlyFinding(
    'qemu-system-x86_64: 0000:65:00.0: vfio_load_device_config_state() failed: -5',
    'qemu.multifd-config-state-failed',
  );
});

test('cpr-transfer needs an id on a device passed by fd', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: vfio device with fd=31 needs an id property',
    'qemu.cpr-fd-needs-id',
  );
  assert.equal(f.facts.fd, '31');
  assert.match(f.explanation.fix, /id=hostdev0/);
});

test('libvirt opening /dev/iommu: the errno picks the cause; accounting falls back with a warning', () => {
  const id = 'libvirt.iommufd-open-failed';
  const missing = onlyFinding('error: cannot open IOMMUFD device: No such file or directory', id);
  assert.match(missing.explanation.cause, /CONFIG_IOMMUFD/);
  assert.match(missing.explanation.fix, /modprobe iommufd/);
  const denied = onlyFinding('libvirtd[1123]: cannot open IOMMUFD device: Permission denied', id);
  assert.match(denied.explanation.cause, /SELinux/);
  const opt = onlyFinding(
    'error: failed to set iommufd option: Bad address',
    'libvirt.iommufd-option-failed',
  );
  assert.match(opt.explanation.cause, /RLIMIT_MODE/);
  const fb = onlyFinding(
    'virtqemud[77]: warning : virIOMMUFDSetRLimitMode:80 : IOMMU_OPTION ioctl not supported',
    'libvirt.iommufd-rlimit-mode-fallback',
  );
  assert.equal(fb.explanation.severity, 'warning');
  assert.match(fb.explanation.cause, /shares one limit/);
});

test('xe-vfio-pci: the PF side of a VF reset failed; the step is read from the message', () => {
  const id = 'kernel.xe-vfio-flr-failed';
  const wait = onlyFinding('xe-vfio-pci 0000:03:00.1: Failed to wait for FLR: -110', id);
  assert.equal(wait.facts.errno, 'ETIMEDOUT');
  assert.match(wait.explanation.cause, /inconsistent state/);
  const prep = onlyFinding('xe-vfio-pci 0000:03:00.3: Failed to prepare FLR: -5', id);
  assert.match(prep.explanation.cause, /prepare the VF/);
});

test('kernel.probe-failed reads the newest variant drivers: nvgrace-gpu timing out, xe-vfio-pci without an xe PF', () => {
  const nv = onlyFinding(
    'nvgrace_gpu_vfio_pci 0009:01:00.0: probe with driver nvgrace_gpu_vfio_pci failed with error -62',
    'kernel.probe-failed',
  );
  assert.match(nv.explanation.cause, /C2C/);
  assert.match(nv.explanation.cause, /HBM/);
  const xe = onlyFinding(
    'xe-vfio-pci 0000:03:00.1: probe with driver xe-vfio-pci failed with error -19',
    'kernel.probe-failed',
  );
  assert.match(xe.explanation.cause, /no xe PF/);
  assert.match(xe.explanation.fix, /bind the PF to xe/);
});
