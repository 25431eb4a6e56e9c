// The drivers/vfio/ sweep (catalogue/vfio-tree-sweep.ts): the facts in a message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: drivers/vfio/pci/vfio_pci_igd.c vfio_pci_igd_opregion_init() (version 0x0200 with
// RVDA/RVDS set is refused because RVDA is then a host physical address; for 2.1+ RVDA must equal
// the OpRegion size, i.e. the VBT must follow it; both return -EINVAL, and vfio_pci.c vfio_pci_enable()
// then prints "Failed to setup Intel IGD regions" and fails the open), drivers/vfio/pci/pds/cmds.c
// (pds_vfio_suspend_wait_device_cmd() polls for SUSPEND_TIMEOUT_S = 5 s and returns -ETIMEDOUT;
// pds_vfio_get_lm_state_cmd() is the save (PDS_LM_CMD_SAVE), pds_vfio_set_lm_state_cmd() the
// restore (PDS_LM_CMD_RESTORE); pds_vfio_dirty_status_cmd() refuses firmware without the SEQ_ACK
// bitmap type) and pds/dirty.c pds_vfio_dirty_enable() (max_regions 0 is -EOPNOTSUPP, a non-zero
// num_regions is -EEXIST) and pds_vfio_dirty_sync() (the bitmap read during the migration). %pe
// prints "-ETIMEDOUT" with CONFIG_SYMBOLIC_ERRNAME and "-110" without.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFIO_TREE_ENTRIES } from '../../src/readiness/diagnose/catalogue/vfio-tree-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('the sweep entries are registered, plannable, and their examples give their facts', () => {
  const n = checkSweepEntries(VFIO_TREE_ENTRIES, ['kernel.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} ${k}: ${ex.text}`);
  });
  assert.equal(n, VFIO_TREE_ENTRIES.length);
});

test('IGD OpRegion: v2.0 with an extended VBT and a 2.1+ VBT that does not follow both stop the open', () => {
  const v20 = onlyFinding(
    'vfio-pci 0000:00:02.0: IGD assignment does not support opregion v2.0 with an extended VBT region',
    'kernel.vfio-igd-opregion-vbt',
  );
  assert.equal(v20.facts.bdf, '0000:00:02.0');
  assert.equal(v20.explanation.severity, 'error');
  assert.match(v20.explanation.cause, /host physical address/);
  assert.match(v20.explanation.cause, /refuses to open/);
  const v21 = onlyFinding(
    'vfio-pci 0000:00:02.0: Extended VBT does not follow opregion on version 0x0201',
    'kernel.vfio-igd-opregion-vbt',
  );
  assert.equal(v21.facts.version, '0x0201');
  assert.match(v21.explanation.title, /0x0201/);
  assert.match(v21.explanation.cause, /contiguous/);
  assert.doesNotMatch(v21.explanation.cause, /host physical address \(RVDA\)/);
  assert.match(v21.explanation.cause, /refuses to open/);
});

test('pds migration: the suspend timeout, the save and the restore are told apart', () => {
  const suspend = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: vf1: Suspend failed: -EIO',
    'kernel.pds-vfio-migration-failed',
  );
  assert.equal(suspend.facts.vf, '1');
  assert.equal(suspend.facts.err, '-EIO');
  assert.match(suspend.explanation.cause, /suspend/);
  const timeout = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: pds_vfio_suspend_wait_device_cmd: vf0: Suspend comp timeout',
    'kernel.pds-vfio-migration-failed',
  );
  assert.match(timeout.explanation.title, /5 seconds/);
  assert.match(timeout.explanation.cause, /ETIMEDOUT/);
  // lm.c pds_vfio_get_save_file() asks the firmware for the state size on the way to STOP_COPY.
  for (const line of [
    'pds_vfio_pci 0000:b1:00.1: failed to get save status: -EIO',
    'pds_vfio_pci 0000:b1:00.1: failed to get migration state: -EIO',
    'pds_vfio_pci 0000:b1:00.1: failed to map save migration file: -ENOMEM',
  ])
    assert.match(onlyFinding(line, 'kernel.pds-vfio-migration-failed').explanation.cause, /source/, line);
  for (const line of [
    'pds_vfio_pci 0000:b1:00.2: failed to set migration state: -22',
    'pds_vfio_pci 0000:b1:00.2: failed to map restore migration file: -ENOMEM',
  ]) {
    const f = onlyFinding(line, 'kernel.pds-vfio-migration-failed');
    assert.match(f.explanation.cause, /destination/, line);
    assert.match(f.explanation.fix, /same DSC firmware/, line);
  }
  // pdsc_adminq_post() answers -ENXIO while the PF's admin queue is down.
  const down = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: client admin cmd failed: -ENXIO',
    'kernel.pds-vfio-migration-failed',
  );
  assert.equal(down.facts.errno, 'ENXIO');
  assert.match(down.explanation.cause, /admin queue was not running/);
});

test('pds dirty tracking: unsupported firmware, tracking left on, and a failed sync mean different things', () => {
  const none = onlyFinding(
    "pds_vfio_pci 0000:b1:00.1: Device doesn't support dirty tracking, max_regions 0",
    'kernel.pds-vfio-dirty-tracking-failed',
  );
  assert.equal(none.facts.max, '0');
  assert.match(none.explanation.cause, /EOPNOTSUPP/);
  assert.match(none.explanation.fix, /firmware/);
  const seqack = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: Dirty bitmap tracking SEQ_ACK not supported',
    'kernel.pds-vfio-dirty-tracking-failed',
  );
  assert.match(seqack.explanation.cause, /sequence\/acknowledge/);
  const left = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: Dirty tracking already enabled for 2 regions',
    'kernel.pds-vfio-dirty-tracking-failed',
  );
  assert.match(left.explanation.cause, /2 region/);
  assert.match(left.explanation.cause, /EEXIST/);
  for (const line of [
    'pds_vfio_pci 0000:b1:00.1: vf3: Sync failed, dirty tracking is disabled',
    'pds_vfio_pci 0000:b1:00.1: failed cmd Page Tracking write_ack: -EIO',
  ])
    assert.match(
      onlyFinding(line, 'kernel.pds-vfio-dirty-tracking-failed').explanation.title,
      /Reading the dirty pages/,
      line,
    );
  const enable = onlyFinding(
    'pds_vfio_pci 0000:b1:00.1: failed dirty tracking enable: -ETIMEDOUT',
    'kernel.pds-vfio-dirty-tracking-failed',
  );
  assert.equal(enable.facts.errno, 'ETIMEDOUT');
  assert.match(enable.explanation.cause, /queries or enables dirty tracking/);
});

// drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c: vf_qm_check_match() runs on the destination
// (hisi_acc_vf_resume_write()) and compares the magic, the VF device ID, the queue-pair count read
// with qm_get_vft() and the PF's QM_QUE_ISO_CFG_V; hisi_acc_check_int_state() reads the PF's
// registers through the PF's device (so the PF driver names the line) and returns -EBUSY after
// qm_check_reg_state()'s 100 x 100 us; vf_qm_state_save() runs on the source, vf_qm_load_data()
// on the destination; the probe falls back to the generic ops when pci_iov_vf_id() fails.
test('hisi-acc: each compatibility check on the destination names its own cause', () => {
  const qp = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to match VF qp num',
    'kernel.hisi-acc-migration-mismatch',
  );
  assert.equal(qp.facts.what, 'VF qp num');
  assert.match(qp.explanation.cause, /queue pairs/);
  assert.match(qp.explanation.fix, /pf_q_num/);
  const magic = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to match ACC_DEV_MAGIC',
    'kernel.hisi-acc-migration-mismatch',
  );
  assert.match(magic.explanation.fix, /kernel versions/);
  const type = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to match VF devices',
    'kernel.hisi-acc-migration-mismatch',
  );
  assert.match(type.explanation.cause, /SEC VF/);
  const query = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to get vft qp nums',
    'kernel.hisi-acc-migration-mismatch',
  );
  assert.match(query.explanation.cause, /mailbox query/);
  // The isolation check compares the PF's QM_QUE_ISO_CFG_V register; no PF driver setting is known.
  const iso = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to match isolation state',
    'kernel.hisi-acc-migration-mismatch',
  );
  assert.match(iso.explanation.cause, /QM_QUE_ISO_CFG_V/);
  assert.doesNotMatch(iso.explanation.fix, /isolation setting/);
  for (const f of [qp, magic, type, query, iso]) assert.match(f.explanation.cause, /destination/);
});

test('hisi-acc: a stop, a pending PF status, a save and a load failure are told apart', () => {
  const stop = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to stop QM VF function!',
    'kernel.hisi-acc-migration-failed',
  );
  assert.match(stop.explanation.title, /could not be stopped/);
  const ras = onlyFinding(
    'hisi_sec2 0000:76:00.0: failed to check QM RAS state!',
    'kernel.hisi-acc-migration-failed',
  );
  assert.equal(ras.facts.pfdriver, 'hisi_sec2');
  assert.equal(ras.facts.bdf, '0000:76:00.0');
  assert.match(ras.explanation.cause, /hardware error is pending/);
  assert.match(ras.explanation.cause, /EBUSY/);
  const ifc = onlyFinding(
    'hisi_zip 0000:75:00.0: failed to check QM IFC INT SET state!',
    'kernel.hisi-acc-migration-failed',
  );
  assert.equal(ifc.facts.pending, 'IFC INT SET');
  assert.match(ifc.explanation.cause, /mailbox message/);
  const save = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: failed to read CQC addr!',
    'kernel.hisi-acc-migration-failed',
  );
  assert.match(save.explanation.cause, /source/);
  const load = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: set cqc failed',
    'kernel.hisi-acc-migration-failed',
  );
  assert.match(load.explanation.cause, /destination/);
  const generic = onlyFinding(
    'hisi_acc_vfio_pci 0000:76:00.1: migration support failed, continue with generic interface',
    'kernel.hisi-acc-no-migration',
  );
  assert.equal(generic.explanation.severity, 'warning');
  assert.match(generic.explanation.cause, /cannot be live-migrated/);
});

// drivers/vfio/platform/vfio_platform_common.c: vfio_platform_init_common() prints the "No reset
// function" line only when reset_required is set and then fails the bind; vfio_platform_open_device()
// fails the open when the reset fails, vfio_platform_close_device() WARNs; vfio_platform_call_reset()
// dev_warn()s "no reset function found!" on every open/close without a handler (the only line left
// with reset_required=0). vfio_platform.c prints the DEPRECATION line with dev_err_once() at probe.
test('vfio-platform: a missing reset handler stops the bind; a failed reset at open or close, and no handler at all, differ', () => {
  const bind = onlyFinding(
    'vfio-platform fff51000.ethernet: No reset function found for device fff51000.ethernet',
    'kernel.vfio-platform-no-reset',
  );
  assert.equal(bind.facts.name, 'fff51000.ethernet');
  assert.equal(bind.explanation.severity, 'error');
  assert.match(bind.explanation.fix, /reset_required=0/);
  const open = onlyFinding(
    'vfio-platform e0700000.xgmac: reset driver is required and reset call failed in open (-22) ',
    'kernel.vfio-platform-no-reset',
  );
  assert.equal(open.facts.when, 'open');
  assert.match(open.explanation.cause, /open fails/);
  const release = onlyFinding(
    'vfio-platform e0700000.xgmac: reset driver is required and reset call failed in release (-5) ',
    'kernel.vfio-platform-no-reset',
  );
  assert.match(release.explanation.cause, /WARNING/);
  assert.match(release.explanation.cause, /-5/);
  const none = onlyFinding(
    'vfio-platform fff51000.ethernet: no reset function found!',
    'kernel.vfio-platform-no-reset',
  );
  assert.equal(none.explanation.severity, 'warning');
  assert.match(none.explanation.cause, /never reset between users/);
  const deprecated = onlyFinding(
    'vfio-platform fff51000.ethernet: DEPRECATION: vfio-platform is deprecated and will be removed in a future kernel release',
    'kernel.vfio-platform-deprecated',
  );
  assert.equal(deprecated.explanation.severity, 'warning');
  assert.match(deprecated.explanation.cause, /still works/);
  assert.match(deprecated.explanation.cause, /SoC platform devices/);
  // The 2025 patch prints it with dev_err_once() at probe: once per load of the module, at error level.
  assert.match(deprecated.explanation.cause, /once per load of the module/);
  // The same 2025 series marks vfio-fsl-mc (orphaned since April 2024) for removal.
  const fslmc = onlyFinding(
    'vfio-fsl-mc dprc.2: DEPRECATION: vfio-fsl-mc is deprecated and will be removed in a future kernel release',
    'kernel.vfio-platform-deprecated',
  );
  assert.match(fslmc.explanation.cause, /DPAA2/);
  assert.doesNotMatch(fslmc.explanation.cause, /SoC platform devices/);
  // A February 2026 patch from NXP proposes to maintain vfio-fsl-mc again and drop the line.
  assert.match(fslmc.explanation.cause, /2026/);
  assert.doesNotMatch(fslmc.explanation.fix, /stay on a kernel that still has/);
});

// drivers/vfio/fsl-mc/vfio_fsl_mc.c vfio_fsl_mc_bus_notifier(): BUS_NOTIFY_ADD_DEVICE of an object
// in a DPRC bound to vfio-fsl-mc sets driver_override (dev_info, or dev_warn when kasprintf fails);
// BUS_NOTIFY_BOUND_DRIVER with a driver other than vfio-fsl-mc dev_warn()s.
test('vfio-fsl-mc: an object taken by a host driver is a warning, the driver_override line is routine', () => {
  const taken = onlyFinding(
    'fsl_dpaa2_eth dpni.1: VFIO_FSL_MC: Object dpni.1 bound to driver fsl_dpaa2_eth while DPRC bound to vfio-fsl-mc',
    'kernel.vfio-fsl-mc-object-driver',
  );
  assert.equal(taken.facts.object, 'dpni.1');
  assert.equal(taken.facts.driver, 'fsl_dpaa2_eth');
  assert.equal(taken.explanation.severity, 'warning');
  const routine = onlyFinding(
    'fsl-mc dpbp.2: VFIO_FSL_MC: Setting driver override for device in dprc dprc.2',
    'kernel.vfio-fsl-mc-object-driver',
  );
  assert.equal(routine.explanation.severity, 'info');
  assert.match(routine.explanation.title, /harmless/);
  assert.match(routine.explanation.cause, /dprc\.2/);
  const failed = onlyFinding(
    'fsl-mc dpbp.2: VFIO_FSL_MC: Setting driver override for device in dprc dprc.2 failed',
    'kernel.vfio-fsl-mc-object-driver',
  );
  assert.notEqual(failed.explanation.severity, 'info');
  assert.match(failed.explanation.cause, /out of memory/);
});
