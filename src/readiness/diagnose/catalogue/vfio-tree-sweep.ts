/**
 * The kernel's drivers/vfio/ tree, swept for the format strings the coverage ledger did not list
 * yet. The core (vfio_main.c, group.c, container.c, device_cdev.c, iommufd.c, virqfd.c,
 * iova_bitmap.c, debugfs.c) prints nothing beyond what earlier files cover (its other checks are
 * text-less WARN_ON()s, answered by the splat entries); vfio_pci_rdwr.c and nvgrace-gpu/main.c
 * print nothing at all. What was new: the IGD OpRegion checks of vfio_pci_igd.c that make vfio-pci
 * refuse to open an Intel iGPU, and the live-migration and dirty-page-tracking failures of the
 * AMD/Pensando variant driver (pds/cmds.c, pds/dirty.c). VFIO_TREE_ALSO and VFIO_TREE_LEFT_OUT
 * are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** The errno as %pe prints it: "-ETIMEDOUT" with CONFIG_SYMBOLIC_ERRNAME, "-110" without. */
const PE = '(?<err>-E[A-Z0-9]{2,15}|-\\d{1,4})';

/** dev_err()'s prefix for the AMD/Pensando VF driver (module pds-vfio-pci, driver pds_vfio_pci). */
const PDS = `pds_vfio_pci ${BDF}: `;

/** dev_err()'s prefix for the HiSilicon accelerator VF driver (module hisi-acc-vfio-pci). */
const HISI = `hisi_acc_vfio_pci ${BDF}: `;

/** What an IGD OpRegion refusal means, by which check printed it (vfio_pci_igd_opregion_init()). */
function refineOpregion(f: Facts): Refinement | undefined {
  if (f.version)
    return {
      title: `vfio-pci refused the iGPU: its OpRegion ${f.version} has an extended VBT that does not follow it`,
      cause: `the OpRegion (version ${f.version}) says its Video BIOS Table is too large for the OpRegion and lives in a separate block, and that block does not start right where the OpRegion ends. vfio-pci exposes the OpRegion and the VBT to QEMU as one read-only region, which it can only do when they are contiguous, so it stops. vfio_pci_igd_init() then fails, vfio-pci prints "Failed to setup Intel IGD regions" and refuses to open the device (EINVAL): QEMU cannot get the device at all`,
    };
  return undefined;
}

export const VFIO_TREE_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- drivers/vfio/pci/vfio_pci_igd.c
  {
    id: 'kernel.vfio-igd-opregion-vbt',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_igd.c vfio_pci_igd_opregion_init() (called by vfio_pci_igd_init() from drivers/vfio/pci/vfio_pci.c vfio_pci_enable() in the kernels that print these lines; today vfio_pci_open_device() calls it after vfio_pci_core_enable())',
    format: 'IGD assignment does not support opregion v2.0 with an extended VBT region\n',
    versions:
      'only the kernels between the first extended-VBT support of 2021 (vfio_pci_device era: it refuses 2.0 with an extended VBT, and prints "Extended VBT does not follow opregion on version 0x%04x" for 2.1+) and its later 2021 rework "vfio/pci: Add OpRegion 2.0+ Extended VBT support" print these; the rework maps the VBT separately wherever RVDA points, patches the version and RVDA the guest reads, and current vfio_pci_igd.c vfio_pci_igd_opregion_init() prints no message at all (kernels from before the first support print neither line either)',
    patterns: [
      /IGD assignment does not support opregion v2\.0 with an extended VBT region/,
      /Extended VBT does not follow opregion on version (?<version>0x[0-9a-fA-F]{4})/,
    ],
    severity: 'error',
    title: 'vfio-pci refused the Intel iGPU: its OpRegion 2.0 keeps the VBT at a host physical address',
    cause:
      'when the Intel integrated GPU is opened, vfio-pci reads the ACPI OpRegion (the address in config register 0xFC) to offer it to QEMU as a read-only region. This firmware\'s OpRegion is version 2.0 and its Video BIOS Table does not fit inside it: the OpRegion points to an extended VBT by its absolute host physical address (RVDA), which means nothing to a guest, and this kernel has no way to rewrite it. vfio_pci_igd_init() fails, vfio-pci prints "Failed to setup Intel IGD regions" and refuses to open the device (EINVAL), so QEMU cannot get the iGPU at all',
    fix: 'update the host kernel: with the OpRegion 2.0+ extended-VBT rework (newer kernels) vfio-pci maps the extended VBT wherever it is and shows the guest an OpRegion 2.1 with the VBT right behind it, so this refusal is gone. On a kernel that cannot be changed, only a firmware update that ships OpRegion 2.1 with a contiguous VBT helps: skipping the OpRegion is not possible, because the failure stops the open itself',
    refine: refineOpregion,
    render: render('vfio-pci 0000:00:02.0: '),
    examples: [
      ex('vfio-pci 0000:00:02.0: IGD assignment does not support opregion v2.0 with an extended VBT region', {
        bdf: '0000:00:02.0',
      }),
      ex('[  312.804117] vfio-pci 0000:00:02.0: Extended VBT does not follow opregion on version 0x0201', {
        version: '0x0201',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/vfio/pci/pds/cmds.c
  {
    id: 'kernel.pds-vfio-migration-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/pds/cmds.c pds_vfio_suspend_device_cmd() (also pds_vfio_suspend_wait_device_cmd(), pds_vfio_get_lm_state_cmd(), pds_vfio_set_lm_state_cmd(), pds_vfio_client_adminq_cmd(); the steps are chosen in lm.c pds_vfio_step_device_state_locked())',
    format: 'vf%u: Suspend failed: %pe\n',
    versions:
      'pds-vfio-pci (kernels since 2023); the same file prints "%s: vf%u: Suspend comp timeout", "failed to get migration state: %pe", "failed to set migration state: %pe", "failed to map save/restore migration file: %pe", and "client admin cmd failed: %pe" before each of them; lm.c prints "failed to get save status: %pe" when the firmware does not report the state size',
    patterns: [
      new RegExp(`${PDS}vf(?<vf>\\d{1,4}): Suspend failed: ${PE}`),
      new RegExp(`${PDS}(?:\\w{1,64}: )?vf(?<vf>\\d{1,4}): Suspend comp (?<timeout>timeout)`),
      new RegExp(`${PDS}failed to (?<step>get|set) migration state: ${PE}`),
      new RegExp(`${PDS}failed to map (?<file>save|restore) migration file: ${PE}`),
      new RegExp(`${PDS}failed to get (?<file>save) status: ${PE}`),
      new RegExp(`${PDS}client admin cmd failed: ${PE}`),
    ],
    severity: 'error',
    title: 'The AMD/Pensando VF could not be suspended for live migration',
    cause:
      "pds-vfio-pci migrates a Pensando DSC virtual function by sending commands to the card's firmware through the PF's admin queue (pds_core). To stop the VF for the final copy QEMU moves it to a stopped state, and the driver asks the firmware to suspend it; the firmware refused (the errno it mapped is printed). The state change fails, QEMU reports that setting the device state failed and abandons the migration; the VM keeps running on the source",
    fix: "check the PF side first: `dmesg | grep pds_core` for firmware resets or admin-queue errors on the PF (the VF lines follow from them); update the DSC firmware and the kernel together (pds_core and pds_vfio_pci must match the firmware's live-migration support), and retry the migration once the PF is healthy",
    refine: (f) => {
      if (f.timeout)
        return {
          title: 'The AMD/Pensando VF did not finish suspending within 5 seconds',
          cause:
            "the firmware accepted the suspend request but its status poll never reported the VF suspended within the driver's 5-second limit, so the driver gives up with ETIMEDOUT. The VF may still be quiescing traffic (a busy queue, a stuck flow); the migration step fails and QEMU abandons the migration",
        };
      if (f.step === 'get' || f.file === 'save')
        return {
          title: "The AMD/Pensando VF's device state could not be saved",
          cause:
            "on the migration source, in the stop-and-copy phase, the driver asked the firmware to write the VF's device state into the migration buffer (or could not map that buffer for the PF's DMA) and it failed. QEMU cannot send the device state, so the migration fails; the VM resumes on the source",
        };
      if (f.step === 'set' || f.file === 'restore')
        return {
          title: "The AMD/Pensando VF's device state could not be restored on the destination",
          cause:
            "on the migration destination, the driver handed the received device state to the firmware to load into the VF (or could not map it for the PF's DMA) and it failed: the state does not fit this VF (a different firmware version or VF configuration on the destination), or the firmware failed. The incoming migration fails",
          fix: 'run the same DSC firmware and the same VF configuration (MAC, queues, features) on both hosts, then retry; `dmesg | grep pds_core` on the destination shows firmware errors',
        };
      if (f.errno === 'ENXIO')
        return {
          cause:
            "the PF's admin queue was not running when the command was sent (ENXIO): the pds_core PF driver is resetting or recovering the card's firmware, or is not bound. Every VF migration command fails until the PF is back",
        };
      return undefined;
    },
    render: render('pds_vfio_pci 0000:b1:00.1: ', 1, '-ETIMEDOUT'),
    examples: [
      ex('pds_vfio_pci 0000:b1:00.1: vf1: Suspend failed: -ETIMEDOUT', { bdf: '0000:b1:00.1', vf: '1' }),
      ex('pds_vfio_pci 0000:b1:00.1: pds_vfio_suspend_wait_device_cmd: vf0: Suspend comp timeout', {
        vf: '0',
        timeout: 'timeout',
      }),
      ex('pds_vfio_pci 0000:b1:00.2: failed to set migration state: -EINVAL', { step: 'set' }),
    ],
  },

  // ---------------------------------------------------------------- drivers/vfio/pci/pds/dirty.c
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/pds/dirty.c pds_vfio_dirty_enable() (also pds_vfio_dirty_sync(), pds_vfio_dirty_seq_ack(); cmds.c pds_vfio_dirty_status_cmd(), pds_vfio_dirty_enable_cmd(), pds_vfio_dirty_seq_ack_cmd())',
    format: "Device doesn't support dirty tracking, max_regions %d\n",
    versions:
      'pds-vfio-pci (kernels since 2023); the same functions print "Dirty tracking already enabled for %d regions", "Failed to get dirty status, err %pe", "failed dirty tracking enable: %pe", "Dirty bitmap tracking SEQ_ACK not supported", "vf%u: Sync failed, dirty tracking is disabled", "failed cmd Page Tracking %s: %pe"',
    patterns: [
      new RegExp(`${PDS}Device doesn't support dirty tracking, max_regions (?<max>\\d{1,3})`),
      new RegExp(`${PDS}Dirty tracking already enabled for (?<regions>\\d{1,3}) regions`),
      new RegExp(`${PDS}(?:Failed to get dirty status, err|failed dirty tracking enable:) ${PE}`),
      new RegExp(`${PDS}Dirty bitmap tracking (?<seqack>SEQ_ACK) not supported`),
      new RegExp(`${PDS}vf(?<vf>\\d{1,4}): Sync failed, dirty tracking is disabled`),
      new RegExp(`${PDS}failed cmd Page Tracking (?<op>read_seq|write_ack): ${PE}`),
    ],
    severity: 'error',
    title: 'The AMD/Pensando VF cannot track the pages it writes, so it cannot be live-migrated',
    cause:
      'to live-migrate a VM with a VF QEMU asks the device to log the guest pages it writes by DMA (VFIO DMA logging). pds-vfio-pci first asks the firmware for the dirty-tracking status: this firmware reports no tracking regions at all (max_regions 0), so the driver refuses with EOPNOTSUPP and QEMU cannot start the migration ("Failed to start DMA logging")',
    fix: 'update the DSC firmware to a release with live-migration (dirty page tracking) support, or migrate the VM without the VF (hot-unplug it first, or use a virtio-net failover pair)',
    refine: (f) => {
      if (f.seqack)
        return {
          cause:
            'the firmware answered the dirty-tracking status command but does not offer the sequence/acknowledge bitmap method, the only one this driver implements, so dirty tracking cannot start (EOPNOTSUPP) and the migration cannot begin. The firmware and the driver disagree on the interface',
        };
      if (f.regions)
        return {
          title: 'Dirty-page tracking was still running on the AMD/Pensando VF',
          cause: `the firmware reports dirty tracking already enabled for ${f.regions} region(s) when QEMU asked to start it, so the driver refuses (EEXIST). The driver switches tracking off when the device is closed, but only if it knows it turned it on: tracking stays on in the firmware when an earlier user of this VF ended without that (the driver reloaded, or an earlier start failed halfway)`,
          fix: 'stop the VM (or unplug the VF) so the device is closed, then start again; if the line returns, the firmware state has to be cleared from the PF side: reload pds_core with no VF in use (or reset the card) and retry',
        };
      if (f.vf || f.op)
        return {
          title: 'Reading the dirty pages of the AMD/Pensando VF failed during migration',
          cause:
            "during the migration QEMU reads the VF's dirty-page bitmap: the firmware command reading (read_seq) or acknowledging (write_ack) the bitmap failed, or tracking had already been switched off. QEMU cannot know which guest pages the VF wrote, so the migration fails",
          fix: 'check `dmesg | grep pds_core` for a firmware reset on the PF during the migration, then retry the migration',
        };
      if (f.errno)
        return {
          cause:
            "QEMU asked the VF to start logging the pages it writes (the first step of a live migration with this device) and the firmware command that queries or enables dirty tracking failed (the errno is the firmware's answer, mapped by pds_core). QEMU cannot start the migration",
        };
      return undefined;
    },
    render: render('pds_vfio_pci 0000:b1:00.1: ', 0),
    examples: [
      ex("pds_vfio_pci 0000:b1:00.1: Device doesn't support dirty tracking, max_regions 0", {
        bdf: '0000:b1:00.1',
        max: '0',
      }),
      ex('pds_vfio_pci 0000:b1:00.1: Dirty tracking already enabled for 1 regions', { regions: '1' }),
      ex('pds_vfio_pci 0000:b1:00.3: failed cmd Page Tracking read_seq: -EIO', { op: 'read_seq' }),
    ],
  },

  // ---------------------------------------------------------------- drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c
  {
    id: 'kernel.hisi-acc-migration-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c vf_qm_check_match() (called from hisi_acc_vf_resume_write())',
    format: 'failed to match VF qp num\n',
    versions:
      'hisi-acc-vfio-pci (kernels since 2022); the same function prints "failed to match ACC_DEV_MAGIC", "failed to match VF devices", "failed to get vft qp nums", "failed to match isolation state" (which some earlier versions of the driver printed without failing the load); newer kernels know a second ACC_DEV_MAGIC value that also carries the migration driver version',
    patterns: [
      new RegExp(
        `${HISI}failed to (?:match (?<what>VF qp num|ACC_DEV_MAGIC|VF devices|isolation state)|get vft qp nums)`,
      ),
    ],
    severity: 'error',
    title: 'The incoming migration data does not fit this HiSilicon accelerator VF',
    cause:
      "on the migration destination, hisi-acc-vfio-pci checks the first block of the incoming device state against the local VF before loading anything: the source VF had a different number of queue pairs than this one. The queue pairs a VF gets are set by the PF driver (how many the PF keeps, how many VFs share the rest), so the two hosts' PF setups differ. The write of the migration data fails (EFAULT) and QEMU aborts the incoming migration",
    fix: 'give both hosts the same PF configuration: the same PF driver module parameters (hisi_sec2/hisi_hpre/hisi_zip pf_q_num and vfs_num) and the same number of VFs in sriov_numvfs, then retry; compare `cat /sys/bus/pci/devices/PF/sriov_numvfs` and the module parameters under /sys/module/hisi_*/parameters on both',
    refine: (f) => {
      if (f.what === 'ACC_DEV_MAGIC')
        return {
          title: 'The incoming migration data is not HiSilicon accelerator state this driver can load',
          cause:
            'on the migration destination, the first block of the incoming stream does not start with the marker hisi-acc-vfio-pci writes (or, on newer kernels, carries a migration driver version this driver does not accept): the stream comes from a different device type or driver, or the two hosts run kernels whose hisi-acc-vfio-pci versions are incompatible. QEMU aborts the incoming migration',
          fix: 'migrate between hosts running the same (or compatible) kernel versions, and make sure the destination VF is the same accelerator type as the source',
        };
      if (f.what === 'VF devices')
        return {
          title: 'The incoming migration data is from a different HiSilicon accelerator type',
          cause:
            "on the migration destination, the PCI device ID recorded in the incoming data is not this VF's: a SEC VF's state is being loaded into an HPRE or ZIP VF (or the reverse). QEMU aborts the incoming migration",
          fix: 'assign the destination VM a VF of the same accelerator type (SEC, HPRE or ZIP) as on the source',
        };
      if (f.what === 'isolation state')
        return {
          cause:
            "on the migration destination, the queue isolation configuration the source recorded from its PF (the QM register QM_QUE_ISO_CFG_V) differs from the value this host's PF reports: the two accelerators are not configured alike. QEMU aborts the incoming migration (some earlier versions of the driver printed this line but went on loading)",
          fix: 'run the same kernel (PF driver and hisi-acc-vfio-pci) and the same accelerator firmware and board settings on both hosts, then retry',
        };
      if (!f.what)
        return {
          cause:
            'on the migration destination the driver could not read from the VF how many queue pairs it has (the mailbox query to the accelerator failed), so it cannot check the incoming state against it. The PF or the VF is not working; QEMU aborts the incoming migration',
          fix: "check the PF's own lines (`dmesg | grep -E 'hisi_(sec2|hpre|zip)'`) for hardware errors or a reset, and retry once the accelerator is healthy",
        };
      return undefined;
    },
    render: render('hisi_acc_vfio_pci 0000:76:00.1: '),
    examples: [
      ex('hisi_acc_vfio_pci 0000:76:00.1: failed to match VF qp num', {
        bdf: '0000:76:00.1',
        what: 'VF qp num',
      }),
      ex('hisi_acc_vfio_pci 0000:b6:00.2: failed to match ACC_DEV_MAGIC', { what: 'ACC_DEV_MAGIC' }),
    ],
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c hisi_acc_vf_stop_device() (with hisi_acc_check_int_state(), vf_qm_state_save(), hisi_acc_vf_load_state(), vf_qm_load_data())',
    format: 'failed to stop QM VF function!\n',
    versions:
      'hisi-acc-vfio-pci (kernels since 2022); the same file prints "failed to check QM INT state!" (the VF), "failed to check QM RAS state!", "failed to check QM IFC INT state!", "failed to check QM IFC INT SET state!", "failed to check QM SEC Core INT state!" (HPRE HAC, ZIP Core) on the PF, "failed to writeback QM Cache!", "failed to read SQC addr!", "failed to read CQC addr!" when saving, and "failed to recover the VF!", "set VF regs failed", "set sqc failed", "set cqc failed", "QM device is not ready to write" when loading',
    patterns: [
      new RegExp(`${HISI}failed to (?<stop>stop QM VF function|check QM INT state)!`),
      new RegExp(
        `(?<pfdriver>hisi_sec2|hisi_hpre|hisi_zip) ${BDF}: failed to check QM (?<pending>RAS|IFC INT|IFC INT SET|SEC Core INT|HPRE HAC INT|ZIP Core INT) state!`,
      ),
      new RegExp(
        `${HISI}(?<save>failed to writeback QM Cache|failed to read SQC addr|failed to read CQC addr)!`,
      ),
      new RegExp(
        `${HISI}(?<load>failed to recover the VF!|set VF regs failed|set sqc failed|set cqc failed|QM device is not ready to write)`,
      ),
    ],
    severity: 'error',
    title: 'The HiSilicon accelerator VF could not be stopped for live migration',
    cause:
      "to migrate a VM with a HiSilicon SEC/HPRE/ZIP VF, hisi-acc-vfio-pci stops the VF's queue manager (a mailbox command to the accelerator) when QEMU stops the device, then checks that nothing is still pending. The stop command failed or timed out, so the device state cannot be saved consistently; QEMU's state change fails and the migration is abandoned, the VM keeps running on the source",
    fix: "check the PF's own lines (`dmesg | grep -E 'hisi_(sec2|hpre|zip)'`) for hardware errors or a reset of the accelerator; retry the migration when the guest's accelerator load is lower; if the PF reports hardware errors, the accelerator needs a reset (reload the PF driver with no VF in use)",
    refine: (f) => {
      if (f.pending)
        return {
          title:
            'The HiSilicon accelerator still had work or errors pending, so the VF could not be migrated',
          cause: `after stopping the VF, the driver checks the PF's interrupt status registers so the saved state is consistent; the ${f.pending} status stayed set for the whole 10 ms check (${f.pending === 'RAS' ? 'a hardware error is pending on the accelerator' : f.pending.startsWith('IFC') ? 'a PF-VF mailbox message was still in flight' : 'the accelerator core still had a task interrupt pending'}). The stop fails with EBUSY and QEMU abandons the migration; the VM keeps running on the source`,
        };
      if (f.save)
        return {
          title: "The HiSilicon accelerator VF's state could not be saved",
          cause:
            "on the migration source, after the VF was stopped, the driver could not flush the queue manager's cache to memory or read back the queue context addresses through the mailbox, so it has no consistent device state to send. QEMU abandons the migration; the VM resumes on the source",
        };
      if (f.load)
        return {
          title: "The HiSilicon accelerator VF's state could not be loaded on the destination",
          cause:
            'on the migration destination, the driver writes the received queue manager registers and queue context addresses into the VF through its mailbox; the VF was not ready for the mailbox or a command failed. The incoming migration fails',
          fix: 'make sure the destination PF is healthy (no hardware errors in `dmesg | grep -E "hisi_(sec2|hpre|zip)"`) and runs the same kernel and PF configuration as the source, then retry',
        };
      return undefined;
    },
    render: render('hisi_acc_vfio_pci 0000:76:00.1: '),
    examples: [
      ex('hisi_acc_vfio_pci 0000:76:00.1: failed to stop QM VF function!', {
        bdf: '0000:76:00.1',
        stop: 'stop QM VF function',
      }),
      ex('hisi_sec2 0000:76:00.0: failed to check QM RAS state!', { pfdriver: 'hisi_sec2', pending: 'RAS' }),
      ex('hisi_acc_vfio_pci 0000:76:00.1: failed to recover the VF!', { load: 'failed to recover the VF!' }),
    ],
  },
  {
    id: 'kernel.hisi-acc-no-migration',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c hisi_acc_vfio_pci_probe()',
    format: 'migration support failed, continue with generic interface\n',
    versions: 'hisi-acc-vfio-pci (kernels since 2022)',
    patterns: [new RegExp(`${HISI}migration support failed, continue with generic interface`)],
    severity: 'warning',
    title: 'The HiSilicon accelerator VF works, but without live-migration support',
    cause:
      "at bind, hisi-acc-vfio-pci found the accelerator's PF (hardware version 3 or later, which can migrate) but could not work out the VF's index on it, so it registers the device with the plain vfio-pci operations: the VF can be passed to a VM as usual, but a VM using it cannot be live-migrated (QEMU reports the device has no migration support)",
    fix: "nothing to do if live migration is not needed; otherwise make sure the device is a VF created through the PF's sriov_numvfs and rebind it to hisi_acc_vfio_pci",
    render: render('hisi_acc_vfio_pci 0000:76:00.1: '),
    examples: [
      ex('hisi_acc_vfio_pci 0000:76:00.1: migration support failed, continue with generic interface', {
        bdf: '0000:76:00.1',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/vfio/platform/
  {
    id: 'kernel.vfio-platform-no-reset',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c vfio_platform_init_common() (older kernels: vfio_platform_probe_common(); the reset lookup is vfio_platform_get_reset(), the open/close lines vfio_platform_open_device() / vfio_platform_close_device() with vfio_platform_call_reset())',
    format: 'No reset function found for device %s\n',
    versions:
      'the same file prints "reset driver is required and reset call failed in open (%d) %s", "… in release (%d) %s" (followed by a WARN) and "no reset function found!"; only in the kernels between the move of this check into vfio_platform_init_common() (the late-2022 device life-cycle rework) and commit 168a9c91fe0a ("vfio: platform: ignore missing reset if disabled at module init", merged for 6.3), a device without a reset function failed to bind even with reset_required=0, silently; the older vfio_platform_probe_common() honoured the parameter',
    patterns: [
      /No reset function found for device (?<name>[\w.:@-]{1,80})/,
      /reset driver is required and reset call failed in (?<when>open|release) \((?<err>-?\d{1,4})\)/,
      /vfio-(?:platform|amba) [\w.:@-]{1,80}: (?<noreset>no reset function found!)/,
    ],
    severity: 'error',
    title: 'vfio-platform refused the device: no way to reset it is known',
    cause:
      'vfio-platform (passing an SoC platform device such as an Ethernet controller to a VM or to DPDK) will only take a device it can reset between users: it looks for a reset handler registered for the device-tree compatible string, loading a module named vfio-reset:COMPAT on demand, or on ACPI systems for an _RST method. It found neither, and the module parameter reset_required is on (the default), so the bind fails and the device stays without a driver. Upstream ships reset handlers only for a few devices (Calxeda XGMAC, AMD Seattle XGBE, Broadcom FlexRM)',
    fix: 'if the device has a reset module, load it (modprobe vfio-platform-calxedaxgmac, vfio-platform-amdxgbe or vfio-platform-bcmflexrm) and bind again; otherwise accept running without a reset: boot with vfio_platform.reset_required=0 (or `modprobe vfio-platform reset_required=0`; the parameter cannot be changed later), knowing the device then keeps whatever state the previous user left. On the kernels just before 6.3 that carry the life-cycle rework without commit 168a9c91fe0a the parameter does not help (the bind still fails): update the kernel',
    refine: (f) => {
      if (f.when === 'open')
        return {
          title: 'vfio-platform could not reset the device when it was opened',
          cause: `the device has a reset handler, but calling it when the first user opened the device failed (error ${f.err}), and a reset is required, so the open fails: QEMU or DPDK cannot get the device`,
          fix: 'check the device and its reset module (dmesg lines just before this one); if the hardware is fine and the reset handler is the problem, reset_required=0 lets the device open without a reset',
        };
      if (f.when === 'release')
        return {
          title: 'vfio-platform could not reset the device after its last user closed it',
          cause: `when the last user (a VM, DPDK) closed the device, its reset failed (error ${f.err}) although a reset is required; a WARNING splat follows. The device was not reset: the next user may find it in the state the previous one left`,
          fix: "unbind and rebind the device (or reboot) before giving it to another user; look at the reset module's own lines for why the reset failed",
        };
      if (f.noreset)
        return {
          severity: 'warning',
          title: 'vfio-platform opened or closed a device it cannot reset (expected with reset_required=0)',
          cause:
            'vfio-platform tries to reset the device whenever it is opened and when its last user closes it, and there is no reset handler for it. With reset_required=0 this is only a warning: the device works, but it is never reset between users, so state (DMA setup, pending interrupts) can carry over from one VM or DPDK run to the next',
          fix: 'nothing to do if this was intended (reset_required=0); to get resets, a reset handler for this device (a vfio-platform reset module or an ACPI _RST method) is needed',
        };
      return undefined;
    },
    render: render('vfio-platform fff51000.ethernet: ', 'fff51000.ethernet'),
    examples: [
      ex('vfio-platform fff51000.ethernet: No reset function found for device fff51000.ethernet', {
        name: 'fff51000.ethernet',
      }),
      ex('vfio-platform e0700000.xgmac: reset driver is required and reset call failed in open (-22) ', {
        when: 'open',
        err: '-22',
      }),
      ex('vfio-platform fff51000.ethernet: no reset function found!', {
        noreset: 'no reset function found!',
      }),
    ],
  },
  {
    id: 'kernel.vfio-platform-deprecated',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/platform/vfio_platform.c vfio_platform_probe()',
    format: 'DEPRECATION: vfio-platform is deprecated and will be removed in a future kernel release\n',
    versions:
      'printed with dev_err_once() (error level, once per load of the module) at the first probe, by kernels carrying the 2025 series of the VFIO maintainer that marks vfio-platform, vfio-amba, vfio-fsl-mc (orphaned since April 2024) and the platform reset modules obsolete; a February 2026 patch from NXP proposes to maintain vfio-fsl-mc again and to drop its line (vfio-platform and vfio-amba keep theirs). QEMU deprecated -device vfio-platform in the same period ("-device vfio-platform is deprecated") and planned its removal for QEMU 10.2',
    patterns: [
      /DEPRECATION: (?<driver>vfio-platform|vfio-amba|vfio-fsl-mc) is deprecated and will be removed in a future kernel release/,
    ],
    severity: 'warning',
    title: 'This VFIO bus driver is deprecated and will be removed from the kernel',
    cause:
      'printed once per load of the module (at error level), when the first device is probed by vfio-platform: the driver for passing SoC platform devices through VFIO is marked for removal, because the hardware it was written for is obsolete and not even its maintainer can test it any more (only three devices ever got reset support). The device still works on this kernel; QEMU planned to remove its side (-device vfio-platform) as well',
    fix: 'plan for its removal: a device that is also reachable as a PCI function can use vfio-pci, AMD CDX devices have vfio-cdx; otherwise stay on a kernel and QEMU that still have the driver, and tell the kernel VFIO maintainers (kvm@vger.kernel.org) if you depend on it',
    refine: (f) =>
      f.driver === 'vfio-fsl-mc'
        ? {
            cause:
              'printed once per load of the module when vfio-fsl-mc first probes an object: the VFIO driver for NXP DPAA2 (fsl-mc bus) objects had no maintainer from April 2024 and was marked for removal by the same 2025 series that deprecates vfio-platform. It still works on this kernel; in 2026 an NXP engineer proposed to maintain it again and to drop the deprecation',
            fix: 'nothing to change for now (DPDK on DPAA2 depends on the driver): check whether newer kernels still print the line before planning around a removal, and tell the kernel VFIO maintainers (kvm@vger.kernel.org) or NXP if you depend on it',
          }
        : undefined,
    render: render('vfio-platform fff51000.ethernet: '),
    examples: [
      ex(
        'vfio-platform fff51000.ethernet: DEPRECATION: vfio-platform is deprecated and will be removed in a future kernel release',
        { driver: 'vfio-platform' },
      ),
    ],
  },

  // ---------------------------------------------------------------- drivers/vfio/fsl-mc/vfio_fsl_mc.c
  {
    id: 'kernel.vfio-fsl-mc-object-driver',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c vfio_fsl_mc_bus_notifier()',
    format: 'VFIO_FSL_MC: Object %s bound to driver %s while DPRC bound to vfio-fsl-mc\n',
    versions:
      'vfio-fsl-mc (kernels since late 2020); the same function prints "VFIO_FSL_MC: Setting driver override for device in dprc %s" (and "… failed")',
    patterns: [
      /VFIO_FSL_MC: Object (?<object>[\w.]{1,40}) bound to driver (?<driver>[\w.-]{1,40}) while DPRC bound to vfio-fsl-mc/,
      /VFIO_FSL_MC: Setting driver override for device in dprc (?<dprc>[\w.]{1,40})(?<failed> failed)?/,
    ],
    severity: 'warning',
    title: 'An object of a DPAA2 container given to VFIO was taken by a host driver',
    cause:
      "on NXP DPAA2 (Layerscape) systems the unit given to userspace or a VM is a whole DPRC container: once the DPRC is bound to vfio-fsl-mc, every object added to it gets driver_override=vfio-fsl-mc so it binds to VFIO too. This object of the container was nevertheless bound to a host driver (its driver_override was changed, or it was bound by hand), so the host and the VFIO user now share one container: the VFIO user cannot use that object, and the host driver's DMA runs in the address space the container's user controls",
    fix: "give the object back to VFIO: `echo OBJ > /sys/bus/fsl-mc/drivers/DRIVER/unbind; echo vfio-fsl-mc > /sys/bus/fsl-mc/devices/OBJ/driver_override; echo OBJ > /sys/bus/fsl-mc/drivers/vfio-fsl-mc/bind`, or build the container for userspace with restool (DPDK's dynamic DPL script) so that it holds only objects meant for it",
    refine: (f) => {
      if (f.dprc && f.failed)
        return {
          title: 'vfio-fsl-mc could not mark a new object of its container for VFIO',
          cause: `an object was added to the DPRC ${f.dprc}, which is bound to vfio-fsl-mc, but setting its driver_override failed (out of memory), so the object may bind to its normal host driver instead of vfio-fsl-mc`,
        };
      if (f.dprc)
        return {
          severity: 'info',
          title: 'vfio-fsl-mc marked an object of its container for VFIO (harmless)',
          cause: `the DPRC container ${f.dprc} is bound to vfio-fsl-mc, so each object the management complex adds to it gets driver_override=vfio-fsl-mc and will bind to VFIO rather than to a host driver. This is the expected line when a container is handed to DPDK or a VM, one per object; nothing is wrong`,
          fix: 'nothing to do',
        };
      return undefined;
    },
    render: render('fsl_dpaa2_eth dpni.1: ', 'dpni.1', 'fsl_dpaa2_eth'),
    examples: [
      ex(
        'fsl_dpaa2_eth dpni.1: VFIO_FSL_MC: Object dpni.1 bound to driver fsl_dpaa2_eth while DPRC bound to vfio-fsl-mc',
        {
          object: 'dpni.1',
          driver: 'fsl_dpaa2_eth',
        },
      ),
      ex('fsl-mc dpbp.2: VFIO_FSL_MC: Setting driver override for device in dprc dprc.2', {
        dprc: 'dprc.2',
      }),
    ],
  },
];

/** Further wordings the entries above recognise, for the coverage ledger. */
export const VFIO_TREE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.vfio-igd-opregion-vbt',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_igd.c',
    format: 'Extended VBT does not follow opregion on version 0x%04x',
    text: 'vfio-pci 0000:00:02.0: Extended VBT does not follow opregion on version 0x0201',
  },
  {
    id: 'kernel.vfio-unknown-cap-length',
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: '%s: unknown length for PCI ecap %#x@%#x',
    text: 'vfio-pci 0000:01:00.0: vfio_ext_cap_len: unknown length for PCI ecap 0x23@0x200',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: '%s: vf%u: Suspend comp timeout',
    text: 'pds_vfio_pci 0000:b1:00.1: pds_vfio_suspend_wait_device_cmd: vf1: Suspend comp timeout',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to get migration state: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed to get migration state: -EIO',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to set migration state: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed to set migration state: -EINVAL',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to map save migration file: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed to map save migration file: -ENOMEM',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to map restore migration file: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed to map restore migration file: -ENOMEM',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'client admin cmd failed: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: client admin cmd failed: -ENXIO',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Dirty tracking already enabled for %d regions',
    text: 'pds_vfio_pci 0000:b1:00.1: Dirty tracking already enabled for 1 regions',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Failed to get dirty status, err %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: Failed to get dirty status, err -EOPNOTSUPP',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'vf%u: Sync failed, dirty tracking is disabled',
    text: 'pds_vfio_pci 0000:b1:00.1: vf1: Sync failed, dirty tracking is disabled',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed dirty tracking enable: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed dirty tracking enable: -EIO',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'Dirty bitmap tracking SEQ_ACK not supported',
    text: 'pds_vfio_pci 0000:b1:00.1: Dirty bitmap tracking SEQ_ACK not supported',
  },
  {
    id: 'kernel.pds-vfio-dirty-tracking-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed cmd Page Tracking %s: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed cmd Page Tracking write_ack: -EIO',
  },
  {
    id: 'kernel.hisi-acc-migration-mismatch',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to match ACC_DEV_MAGIC',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to match ACC_DEV_MAGIC',
  },
  {
    id: 'kernel.hisi-acc-migration-mismatch',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to match VF devices',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to match VF devices',
  },
  {
    id: 'kernel.hisi-acc-migration-mismatch',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to get vft qp nums',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to get vft qp nums',
  },
  {
    id: 'kernel.hisi-acc-migration-mismatch',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to match isolation state',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to match isolation state',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM INT state!',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to check QM INT state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM RAS state!',
    text: 'hisi_hpre 0000:79:00.0: failed to check QM RAS state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM IFC INT state!',
    text: 'hisi_zip 0000:75:00.0: failed to check QM IFC INT state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM IFC INT SET state!',
    text: 'hisi_sec2 0000:76:00.0: failed to check QM IFC INT SET state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM SEC Core INT state!',
    text: 'hisi_sec2 0000:76:00.0: failed to check QM SEC Core INT state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM HPRE HAC INT state!',
    text: 'hisi_hpre 0000:79:00.0: failed to check QM HPRE HAC INT state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to check QM ZIP Core INT state!',
    text: 'hisi_zip 0000:75:00.0: failed to check QM ZIP Core INT state!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to writeback QM Cache!',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to writeback QM Cache!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to read SQC addr!',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to read SQC addr!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to read CQC addr!',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to read CQC addr!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to recover the VF!',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: failed to recover the VF!',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'set VF regs failed',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: set VF regs failed',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'set sqc failed',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: set sqc failed',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'set cqc failed',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: set cqc failed',
  },
  {
    id: 'kernel.hisi-acc-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'QM device is not ready to write',
    text: 'hisi_acc_vfio_pci 0000:76:00.1: QM device is not ready to write',
  },
  {
    id: 'kernel.vfio-runtime-resume-failed',
    file: 'torvalds/linux drivers/vfio/pci/virtio/legacy_io.c',
    format: 'runtime resume failed %d',
    text: 'virtio_vfio_pci 0000:3b:00.2: runtime resume failed -16',
  },
  {
    id: 'kernel.vfio-platform-no-reset',
    file: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c',
    format: 'reset driver is required and reset call failed in open (%d) %s',
    text: 'vfio-platform MRVL0001:00: reset driver is required and reset call failed in open (-22) AE_NOT_FOUND',
  },
  {
    id: 'kernel.vfio-platform-no-reset',
    file: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c',
    format: 'reset driver is required and reset call failed in release (%d) %s',
    text: 'vfio-platform MRVL0001:00: reset driver is required and reset call failed in release (-22) AE_NOT_FOUND',
  },
  {
    id: 'kernel.vfio-platform-no-reset',
    file: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c',
    format: 'no reset function found!',
    text: 'vfio-platform fff51000.ethernet: no reset function found!',
  },
  {
    id: 'kernel.vfio-fsl-mc-object-driver',
    file: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c',
    format: 'VFIO_FSL_MC: Setting driver override for device in dprc %s',
    text: 'fsl-mc dpni.3: VFIO_FSL_MC: Setting driver override for device in dprc dprc.2',
  },
  {
    id: 'kernel.vfio-fsl-mc-object-driver',
    file: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c',
    format: 'VFIO_FSL_MC: Setting driver override for device in dprc %s failed',
    text: 'fsl-mc dpni.3: VFIO_FSL_MC: Setting driver override for device in dprc dprc.2 failed',
  },
  {
    id: 'kernel.pds-vfio-migration-failed',
    file: 'torvalds/linux drivers/vfio/pci/pds/lm.c',
    format: 'failed to get save status: %pe',
    text: 'pds_vfio_pci 0000:b1:00.1: failed to get save status: -EIO',
  },
];

/** Strings of the swept files left out, with the reason. */
export const VFIO_TREE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to get dirty status: %pe',
    why: 'printed together with the caller\'s "Failed to get dirty status, err %pe" (dirty.c), which kernel.pds-vfio-dirty-tracking-failed explains; a second line for one failure',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'unregister from DSC failed: %pe',
    why: "the VF driver's client could not be unregistered from pds_core at unbind; nothing follows for the device or a VM",
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'Invalid host VF migration status, %d',
    why: 'a driver-internal check of a value the driver itself passes; a programming error, not something a setup causes',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/cmds.c',
    format: 'failed to send host VF migration status: %pe',
    why: 'a dev_warn() about the advisory status the driver reports to the firmware at the start and end of dirty tracking; the migration goes on, and a failing admin queue shows in the other lines',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Dirty bitmap %s failed offset %u bmp_bytes %u num_sge %u DMA 0x%llx: %pe',
    why: 'printed after "failed cmd Page Tracking %s: %pe" for the same failed command (kernel.pds-vfio-dirty-tracking-failed), with the DMA details a bug report needs',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Invalid iova 0x%lx and/or length 0x%lx to sync',
    why: "a consistency check of the range the VMM asks to sync against the tracked region; a VMM bug, not caused by the host's setup",
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Calculated bitmap bytes %llu not equal to bitmap size %llu',
    why: 'an internal arithmetic consistency check of the driver (also "larger than region\'s cached bmp_bytes"); a bug report, not a setup problem',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'Failed to alloc dirty bitmaps: %pe',
    why: 'kernel memory allocation failure (also "Failed to alloc dirty sg lists"); the allocator\'s own out-of-memory report says more',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/dirty.c',
    format: 'region_info[%d]: dma_base 0x%llx page_count %u page_size_log2 %u',
    why: 'dev_dbg(): printed only with dynamic debug enabled, like the other dev_dbg() lines of pds/ (vf%u: Start dirty page tracking, Suspend comp received in %d msecs, …)',
  },
  {
    file: 'torvalds/linux drivers/vfio/debugfs.c',
    format: 'ERROR',
    why: 'content of the debugfs file vfio/DEVICE/migration/state (STOP, RUNNING, STOP_COPY, …), read on demand; not a log message',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to read QM_VF_AEQ_INT_MASK',
    why: 'qm_read_regs()/qm_write_regs() fail only when asked for an impossible register count, a programming error; the same holds for the other "failed to read/write QM_…" lines of qm_get_regs(), qm_set_regs() and vf_qm_check_match(). A failed save or load shows in the lines kernel.hisi-acc-migration-failed explains',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'vf QM writeback sqc cache fail',
    why: 'printed by vf_qm_cache_wb() right before its caller\'s "failed to writeback QM Cache!", which kernel.hisi-acc-migration-failed explains',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to get vft qp nums!',
    why: 'source-side twin of the destination check (vf_qm_get_match_data() on the PF): the PF did not answer the VF queue query while the migration was set up; rare, and the migration failure it causes is reported by QEMU',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/hisilicon/hisi_acc_vfio_pci.c',
    format: 'failed to detect acc module type!',
    why: "reached only for a VF device ID the driver's own ID table does not bind; cannot happen on a working system",
  },
  {
    file: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c',
    format: 'reset',
    why: 'dev_info() announcing each reset vfio-platform performs at open and close; routine, and a failed reset has its own line (kernel.vfio-platform-no-reset)',
  },
  {
    file: 'torvalds/linux drivers/vfio/platform/vfio_platform_common.c',
    format: 'VFIO: No IOMMU group for device %s',
    why: 'old vfio-platform probe (before the group code moved to the VFIO core, 2015-era kernels); the core reports a missing IOMMU group itself now',
  },
  {
    file: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c',
    format: 'VFIO_FSL_MC: reset device has failed (%d)',
    why: 'a management-complex firmware command failing at close on NXP DPAA2; a firmware/board problem of the DPAA2 stack rather than of the VFIO setup, with nothing to act on from the host side beyond the MC firmware logs',
  },
  {
    file: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c',
    format: 'VFIO_FSL_MC: Failed to setup DPRC (%d)',
    why: 'opening the container through the management complex failed at bind (also "Container scanning failed (%d)"); DPAA2 management-complex failures whose cause is in the MC firmware or the DPL, outside VFIO',
  },
  {
    file: 'torvalds/linux drivers/vfio/fsl-mc/vfio_fsl_mc.c',
    format: 'VFIO_FSL_MC: Failed to add to vfio group',
    why: 'vfio_register_group_dev() refused the object, almost always because it has no IOMMU group (SMMU not set up for the fsl-mc bus); the meaning is the generic "no IOMMU group" one, and the line carries no errno to tell the causes apart',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/pds/lm.c',
    format: 'invalid state size',
    why: 'the firmware reported a device state of size 0 (also "failed to create save file" / "failed to create restore file", kernel allocation failures); rare firmware or memory faults, and QEMU reports the failed state change itself',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/xe/main.c',
    format: 'Failed to transition state: %s->%s err=%d',
    why: 'dev_dbg(): printed only with dynamic debug enabled (like "state: %s->%s"); a failed migration step of xe-vfio-pci reaches the log through QEMU\'s own "failed setting device state" lines',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/xe/main.c',
    format: 'Unknown state transition %d->%d',
    why: 'WARN() for a migration arc vfio_mig_get_next_state() never produces; a driver bug, answered by the generic WARNING entries',
  },
];
