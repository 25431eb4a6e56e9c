/**
 * The areas earlier sweeps left out as "not on the setup path", swept again because people doing
 * device assignment do meet them: VFIO live migration (QEMU hw/vfio/migration.c: the stream
 * markers a destination does not know, the switchover acknowledgement, the data buffer, the
 * migration steps that fail after the device refused a state change), the sPAPR (IBM POWER) IOMMU
 * of pseries guests (hw/vfio/spapr.c: dynamic DMA windows, TCE table levels and page sizes, the
 * preregistration of guest RAM; the EEH calls of hw/vfio/container.c; the kernel's
 * drivers/vfio/vfio_iommu_spapr_tce.c) and the s390 paths (hw/vfio/ccw.c and hw/vfio/ap.c with the
 * kernel's vfio_ccw and vfio_ap drivers, libvirt's checks of vfio-ap and vfio-ccw mdevs, the zPCI
 * capabilities of vfio-pci). PLATMIG_ALSO and PLATMIG_LEFT_OUT are this sweep's ledger for
 * docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const MIGRATION = 'qemu/qemu hw/vfio/migration.c';
const SPAPR = 'qemu/qemu hw/vfio/spapr.c';
const CCW = 'qemu/qemu hw/vfio/ccw.c';
const AP = 'qemu/qemu hw/vfio/ap.c';
const CONTAINER = 'qemu/qemu hw/vfio/container.c';
const TCE = 'torvalds/linux drivers/vfio/vfio_iommu_spapr_tce.c';
const AP_OPS = 'torvalds/linux drivers/s390/crypto/vfio_ap_ops.c';
const CCW_CP = 'torvalds/linux drivers/s390/cio/vfio_ccw_cp.c';
const VALIDATE = 'libvirt/libvirt src/qemu/qemu_validate.c';

const Q = 'qemu-system-x86_64: ';
const QPPC = 'qemu-system-ppc64: ';
const QS390 = 'qemu-system-s390x: ';

/** The VFIO migration stream markers (hw/vfio/migration.c VFIO_MIG_FLAG_*): 0xffffffffef10000N. */
const INIT_DATA_SENT = 'ffffffffef100005';

/** What the destination's "Unknown tag" / "EOS not found" value says about the stream. */
function refineTag(f: Facts): Refinement | undefined {
  const tag = (f.tag ?? '').toLowerCase().replace(/^0x/, '');
  if (tag === INIT_DATA_SENT)
    return {
      title: "The destination QEMU does not know the source's switchover-ack marker",
      cause:
        'the value is the INIT_DATA_SENT marker (0xffffffffef100005), which a source sends once the device has sent its initial pre-copy data while the switchover-ack capability is on (QEMU 8.1+). The destination is an older QEMU that does not know this marker, so it fails the load: the source is newer than the destination and switchover-ack was turned on on the source only',
      fix: 'migrate to a destination running the same (or a newer) QEMU release, or turn switchover-ack off on the source before migrating (`migrate-set-capabilities` with switchover-ack off); with libvirt, keep libvirt and QEMU at the same versions on both hosts',
    };
  if (/^ffffffffef1000[0-9a-f]{2}$/.test(tag))
    return {
      cause: `the value (0x${tag}) is one of VFIO's own stream markers (0xffffffffef10000N), but not one this destination expects at this point: the source QEMU is a newer release that writes a marker this destination does not handle (the multifd device-state transfer of QEMU 10 adds one), or the two sides were started with different migration options`,
      fix: 'run the same QEMU release on both hosts, or at least a destination as new as the source, and start both with the same migration capabilities and parameters (multifd, switchover-ack, x-migration-multifd-transfer); with libvirt, keep libvirt and QEMU at the same versions on both hosts',
    };
  return undefined;
}

/** Which migration step a "Failed to set … state" follow-up names. */
function refineStep(f: Facts): Refinement | undefined {
  const step = f.step ?? '';
  if (f.old === 'error state')
    return {
      title: "The device's vendor migration driver put the device into its error state",
      cause:
        "first VFIO migration protocol (QEMU 5.2–7.2): changing the device state failed and the device's migration region then reported the error state (or could not be read at all); QEMU treats this as fatal and stops with a hardware error, so the VM is gone. The vendor driver (NVIDIA's vGPU manager, for example) failed during the migration",
      fix: "read the vendor driver's log on that host (nvidia-vgpu-mgr in the journal for a vGPU) for the failure; keep the vendor driver, host kernel and QEMU versions the vendor supports together on both hosts",
    };
  if (f.old)
    return {
      cause:
        "this is the first VFIO migration protocol (a migration region in the device, QEMU 5.2–7.2 with vendor drivers of that time such as NVIDIA's vGPU manager): QEMU reads and writes the device's state and data through that region, and the vendor driver refused a new device state (a bit mask: 1 running, 2 saving, 4 resuming) or an access to the region (the vfio_mig_read/write line carries the errno), so the migration, or its cancellation, failed. QEMU 8.0 removed this protocol; devices that only offer it cannot migrate with newer QEMU",
      fix: "read the vendor driver's log (nvidia-vgpu-mgr in the journal for a vGPU) at that moment; keep the vendor driver and QEMU versions the vendor supports together on both hosts",
    };
  if (/PRE_COPY|save setup/.test(step))
    return {
      cause:
        'on the source, at the start of the migration, QEMU asks the device\'s migration driver to enter the pre-copy state (PRE_COPY) so its state can be sent while the VM runs; the driver refused (the line before, "Failed setting device state to PRE_COPY", carries the errno), so the migration is aborted at once. The VM keeps running on the source with the device in the recovery state',
      fix: "read the errno in the line before and the migration driver's lines in dmesg on the source (mlx5_vfio_pci, hisi_acc_vfio_pci, pds_vfio_pci); check the device firmware supports pre-copy, and that the VF is not busy with another migration; retry after the driver problem is fixed",
    };
  if (/RESUMING/.test(step))
    return {
      cause:
        "on the destination, before any device data arrives, QEMU asks the device's migration driver to enter the RESUMING state so it can accept the incoming state; the driver refused (the line before carries the errno), so the incoming migration fails and the source VM keeps running. The destination device is not in a state to receive: it is not the same device type or firmware, its VF is not configured like the source's (mlx5: the VF's migratable capability not enabled on the destination PF), or it was used before",
      fix: "on the destination: read the migration driver's lines in dmesg; give the VF the same configuration as on the source (for mlx5 enable migration on the VF before binding mlx5_vfio_pci: devlink port function set … migratable enable), bind the variant driver, and use a VF no other VM has opened",
    };
  return undefined;
}

/** What the sPAPR DMA window failure means by wording and errno. */
function refineWindow(f: Facts): Refinement | undefined {
  if (f.levels)
    return {
      title: 'The POWER host cannot build multi-level TCE tables for a large DMA window',
      cause:
        'QEMU 10.1+ reads from the kernel how many TCE table levels the host supports, and here it is one: the host is itself a guest of PowerVM (KVM in a PowerVM LPAR, nested virtualisation), whose hypervisor does not support multi-level TCE tables. A DMA window covering all guest RAM with small IOMMU pages needs a TCE table too large for one level, so the window the pseries guest asked for (dynamic DMA window) cannot be created',
      fix: 'back the guest RAM with huge pages so QEMU can use a larger IOMMU page size (the supported sizes are in the mask printed; -object memory-backend-file,mem-path=/dev/hugepages,… or libvirt <memoryBacking><hugepages/>), or give the guest less RAM; inside a Linux guest, disable_ddw on its kernel command line makes it use the default 32-bit window instead',
    };
  if (f.pagesize)
    return {
      title: 'The POWER host does not support the IOMMU page size the guest asked for',
      cause:
        "the pseries guest asked for a DMA window with an IOMMU page size (the first value) that the host's TCE IOMMU does not offer for this device (the mask lists the supported sizes), after QEMU had already limited it to the smallest page size backing guest RAM",
      fix: 'back guest RAM with page sizes the host IOMMU supports (the mask: 0x1000 4K, 0x10000 64K, 0x1000000 16M, …); a guest backed by 64K pages can use 64K IOMMU pages, huge pages allow larger ones',
    };
  if (f.must)
    return {
      cause:
        'the host created the DMA window at another bus address than the one the guest asked for (the second value is where the host put it); the guest and host disagree on the window layout (a 64-bit window at a fixed address the host PHB does not use), so QEMU removed it again and the device cannot do DMA through that window',
      fix: 'update QEMU and the host kernel together; with libvirt let it choose the PHB (spapr-pci-host-bridge) properties instead of setting a custom window address',
    };
  if (f.remove)
    return {
      cause:
        'QEMU could not remove a DMA window from the container: at start it removes the default 32-bit window so the guest can recreate windows as it likes; the kernel refused (the window is not there, or another group in the container still uses it)',
    };
  if (f.overlap)
    return {
      cause:
        'the guest asked for a DMA window overlapping one QEMU has already created for this container; QEMU does not allow overlapping windows. This follows a guest that recreates its windows without removing the old one first, or two PHBs sharing one container',
      fix: 'update the guest kernel; give each assigned device its own spapr-pci-host-bridge (libvirt does this itself for devices in different IOMMU groups)',
    };
  const e = f.errno ?? '';
  if (e === 'ENOMEM')
    return {
      cause:
        "the host kernel refused the TCE table for the DMA window the pseries guest asked for (ENOMEM). The table needs 8 bytes per IOMMU page of the window, so a guest with much RAM and small IOMMU pages needs hundreds of MB, and the kernel charges its size to QEMU's locked-memory limit (RLIMIT_MEMLOCK) before allocating it: either that limit does not leave room for the tables on top of the preregistered guest RAM, or the host could not allocate the table (one contiguous block per level; QEMU already retried with more levels, and under PowerVM only one level is possible at all)",
      fix: 'raise the locked-memory limit of QEMU to cover guest RAM plus the TCE tables (libvirt computes a ppc64 limit that includes them unless <memtune><hard_limit> is set lower; plain QEMU: ulimit -l / LimitMEMLOCK=); back guest RAM with huge pages so a larger IOMMU page size makes the table smaller; under PowerVM use QEMU 10.1+, which says so explicitly. Inside a Linux guest, disable_ddw on its kernel command line avoids the large window',
    };
  if (e === 'ENOSPC')
    return {
      cause:
        "the device's PE already has all the DMA windows it supports (two on current POWER hosts: the default 32-bit one and one 64-bit window), so the host refused another (ENOSPC); the guest asked for a new window before removing an old one",
    };
  return undefined;
}

/** What a vfio-ccw region access failure means by errno (hw/vfio/ccw.c and vfio_ccw_fsm.c). */
function refineCcw(f: Facts): Refinement | undefined {
  const e = f.errno ?? '';
  if (e === 'EBUSY')
    return {
      severity: 'warning',
      cause:
        'the subchannel was busy with an earlier request (EBUSY); QEMU reports condition code 1 (busy) to the guest, which retries the I/O. Occasional lines are harmless; a flood means the device never becomes idle',
    };
  if (e === 'ENODEV' || e === 'EACCES')
    return {
      cause: `the subchannel or the path the guest asked for is not operational (${e}: EACCES when only the path chosen by the guest is gone, ENODEV when no path is left); QEMU reports condition code 3 (not operational) to the guest, which sees the device or path disappear. The host lost the channel path (a CHPID varied offline, a cable, the storage controller), or the device was detached from vfio_ccw`,
      fix: 'check the channel paths on the host (lscss, lschp; chchp -v 1 CHPID to vary a path online) and that the subchannel is still bound to vfio_ccw with its mdev; the guest recovers once a path is back',
    };
  if (e === 'EINVAL' || e === 'EOPNOTSUPP')
    return {
      cause: `vfio_ccw refused the channel program the guest started (${e}): it translates each guest channel program into one the host can run, and this one uses a form it does not support: a transport-mode (zHPF) program, which vfio_ccw refuses with EOPNOTSUPP, format-0 CCWs with data above 2 GB, a transfer-in-channel loop, more chains than it allows, or an ORB without prefetch on old kernels. QEMU presents a unit exception to the guest, which sees an I/O error on the device`,
      fix: "update the host kernel (vfio_ccw supports more channel program forms in newer releases; since Linux 5.x a missing prefetch bit is only a warning) and, for an old QEMU firmware that starts I/O without prefetch, set force-orb-pfch=on on the vfio-ccw device; the guest's driver must use channel programs vfio_ccw can translate (Linux DASD and zFCP drivers do)",
    };
  if (e === 'EIO')
    return {
      cause:
        'vfio_ccw is not in a state to start I/O (EIO): the subchannel went not-operational or the mdev is being removed; QEMU presents an error to the guest',
    };
  return undefined;
}

/** The AP response codes of arch/s390/include/asm/ap.h that a failed queue reset reports. */
function refineApResponse(f: Facts): Refinement | undefined {
  switch (f.response) {
    case '1':
      return {
        cause:
          "resetting (zeroising) the AP queue failed with response code 1, queue not available: the adapter or domain is no longer in the host's AP configuration (removed from the LPAR's crypto configuration, or the card taken away), so the queue the guest used is gone. vfio_ap resets the queues of a matrix mdev when a guest starts, stops or resets and when a queue is unassigned",
        fix: "check the host's AP configuration (lszcrypt -V, the LPAR's crypto settings on the HMC) and unassign adapters or domains that are gone from the mdev (mdevctl modify, or the unassign_adapter/unassign_domain attributes)",
      };
    case '3':
      return {
        cause:
          'resetting the AP queue failed with response code 3, deconfigured: the crypto adapter was configured off (chzcrypt --config-off, or from the SE/HMC) while the queue was assigned to a guest',
        fix: 'configure the adapter on again (chzcrypt --config-on ADAPTER) or unassign it from the matrix mdev',
      };
    case '4':
      return {
        cause:
          'resetting the AP queue failed with response code 4, checkstopped: the crypto adapter stopped with a hardware error',
        fix: 'the adapter needs service: check it with lszcrypt -V and the SE/HMC; unassign it from the mdev until it is repaired',
      };
    default:
      return undefined;
  }
}

export const PLATMIG_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- hw/vfio/migration.c
  {
    id: 'qemu.migration-switchover-ack-mismatch',
    source: 'qemu',
    cite: `${MIGRATION} vfio_load_state() (the approval: migration/savevm.c qemu_loadvm_approve_switchover())`,
    format: '%s: Received INIT_DATA_SENT but switchover ack is not used',
    versions:
      'QEMU 8.1+ (switchover-ack came with VFIO pre-copy); the same case prints "%s: qemu_loadvm_approve_switchover failed, err=%d (%s)" when the approval cannot be given',
    patterns: [
      /: Received INIT_DATA_SENT but switchover ack is not used/,
      /: qemu_loadvm_approve_switchover failed, err=(?<err>-?\d{1,4}) \((?<reason>[^)\n]{1,80})\)/,
    ],
    severity: 'error',
    title: 'Source and destination QEMU disagree on switchover-ack for a VFIO device',
    cause:
      "with the switchover-ack migration capability the source sends, for each VFIO device that supports pre-copy, a marker once the device's initial data is sent (INIT_DATA_SENT), and the destination approves the switchover only after loading it. This destination received the marker but has switchover-ack off, or its device does not offer pre-copy: the two QEMU processes were started with different migration capabilities, or the devices (variant driver, firmware) differ. The incoming migration fails; the source VM keeps running",
    fix: 'set the same migration capabilities on both sides before migrating: `migrate-set-capabilities` with switchover-ack (and return-path, which it requires) on the destination as on the source, or off on both; with libvirt, run the same libvirt and QEMU versions on both hosts so it chooses the same ones; check that the destination device uses the same variant driver and firmware as the source',
    refine: (f) => {
      if (!f.reason && !f.err) return undefined;
      if (f.errno === 'EINVAL')
        return {
          title: 'The destination had no switchover approval pending for a VFIO device',
          cause:
            'the destination counts, at the start of the incoming migration, the devices that need a switchover approval, and gives one approval per INIT_DATA_SENT marker; it got a marker when none was pending (EINVAL): the source sent more markers than the destination expected, because the two sides disagree on which devices support pre-copy (a variant driver or firmware that differs), or the stream is damaged',
          fix: 'use the same device model, firmware and variant driver on both hosts, the same QEMU release, and the same migration capabilities (switchover-ack on both sides)',
        };
      return {
        title: 'The destination could not send the switchover approval back to the source',
        cause: `all devices had sent their initial data and the destination tried to send its approval to the source over the migration return path, which failed (${f.reason ?? f.err}): the return path, the channel the destination uses to talk back to the source that switchover-ack requires, is broken; the connection to the source dropped or was cut`,
        fix: 'check the network between the hosts (and the migration tunnel or TLS set-up if any) and retry the migration',
      };
    },
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: Received INIT_DATA_SENT but switchover ack is not used'),
      ex(
        'qemu-system-x86_64: 0000:01:00.0: qemu_loadvm_approve_switchover failed, err=-22 (Invalid argument)',
        { err: '-22', reason: 'Invalid argument' },
      ),
    ],
  },
  {
    id: 'qemu.migration-stream-tag-unknown',
    source: 'qemu',
    cite: `${MIGRATION} vfio_load_state()`,
    format: '%s: Unknown tag 0x%lx',
    versions:
      'the same function prints "%s: SETUP STATE: EOS not found 0x%lx" when the setup section does not end where expected; both since QEMU 5.2 (the tag values are VFIO_MIG_FLAG_*, 0xffffffffef10000N)',
    patterns: [
      /: Unknown tag (?<tag>0x[0-9a-fA-F]{1,16})/,
      /: SETUP STATE: EOS not found (?<tag>0x[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: "The destination could not parse a VFIO device's section of the migration stream",
    cause:
      "the destination reads each VFIO device's part of the stream as a sequence of markers (config state, setup, data, end of state) and found a value that is not a marker it handles there. Either the source QEMU writes a different stream format (a different QEMU release: VFIO device migration from QEMU before 8.0 to 8.0+ is not possible at all, and newer releases add markers), or the stream lost its alignment: what came before was read with another length than the source wrote, because the two sides describe the device differently (machine type, device options) or the stream is damaged. The incoming migration fails; the source VM keeps running",
    fix: 'run the same QEMU release and machine type on both hosts, with identical options for the device (libvirt: the same <hostdev> definition) and the same migration capabilities; if the versions match, check the transport (a proxy or tunnel altering the stream) and retry',
    refine: refineTag,
    render: render(Q, '0000:01:00.0', 0x12345678),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: Unknown tag 0xffffffffef100005', { tag: '0xffffffffef100005' }),
      ex('qemu-system-x86_64: 0000:01:00.0: SETUP STATE: EOS not found 0x0', { tag: '0x0' }),
      ex('qemu-system-x86_64: 0000:01:00.0: Unknown tag 0x2f4a00000000', { tag: '0x2f4a00000000' }),
    ],
  },
  {
    id: 'qemu.migration-buffer-alloc-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_save_setup()`,
    format: '%s: Failed to allocate migration data buffer',
    versions:
      'QEMU 8.0+ (the buffer is at most VFIO_MIG_DEFAULT_DATA_BUFFER_SIZE, 1 MiB, smaller when the device reports a smaller stop-copy size); the first protocol (QEMU 5.2–7.2) printed "%s: Error allocating buffer " from vfio_save_buffer() / vfio_load_buffer() for each chunk of device data it could not map',
    patterns: [
      /: Failed to allocate migration data buffer/,
      /(?<func>vfio_save_buffer|vfio_load_buffer): Error allocating buffer/,
    ],
    severity: 'error',
    title: "The source QEMU could not allocate the buffer for a VFIO device's migration data",
    cause:
      "at the start of a migration QEMU allocates, per VFIO device, a buffer of 1 MiB or the device's reported stop-copy size if that is smaller, with an allocation that may fail instead of aborting. It failed: either the QEMU process cannot get more memory (strict overcommit, vm.overcommit_memory=2, with the commit limit reached by a VM whose RAM is pinned for VFIO, or an address-space limit, ulimit -v, on QEMU), or the device's migration driver reported a stop-copy size of 0, so QEMU asked for an empty buffer, which the allocator answers with nothing. The migration is aborted and the VM keeps running",
    fix: 'check free memory and the commit limit on the source (grep Commit /proc/meminfo; raise vm.overcommit_ratio or use the default overcommit mode) and any address-space limit on QEMU; if memory is plentiful, the device reports a zero state size: update the variant driver or device firmware',
    render: render(Q, '0000:01:00.0'),
    examples: [ex('qemu-system-x86_64: 0000:01:00.0: Failed to allocate migration data buffer')],
  },
  {
    id: 'qemu.migration-step-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_save_setup() / vfio_load_setup() (QEMU 5.2–7.2: vfio_save_complete_precopy(), vfio_vmstate_change(), vfio_migration_state_notifier())`,
    format: '%s: Failed to set new PRE_COPY state',
    versions:
      'QEMU 8.x and later (the wording varies by release): "%s: Failed to set new PRE_COPY state", "%s: Failed to set RESUMING state", "%s: save setup failed: <strerror>"; the first protocol (QEMU 5.2–7.2): "%s: Failed to set state SAVING", "%s: Failed to set state STOP and SAVING", "%s: Failed to set state STOPPED", "%s: Failed to set state RESUMING", "%s: Failed to set state RUNNING", "%s: Failed to set device state 0x%x", "%s: vfio_save_buffer failed %s", "vfio_mig_%s %d byte %s: failed at offset 0x%lx, err: %s" (the access to the migration region, with the errno) and hw_error("%s: Device in error state 0x%x")',
    patterns: [
      /: Failed to set (?<step>new PRE_COPY|RESUMING) state/,
      /: Failed to set state (?<old>STOP and SAVING|STOPPED|RESUMING|RUNNING|SAVING)\b/,
      /: (?<old>vfio_save_buffer) failed/,
      /: Failed to (?<old>save buffer)\b/,
      /(?<old>vfio_mig_(?:read|write)) \d{1,2} byte (?<dev>[\w.:-]{1,64}): failed at offset 0x[0-9a-fA-F]{1,16}, err: (?<err>[^\n]{1,80})/,
      /: Device in (?<old>error state) (?<value>0x[0-9a-fA-F]{1,8})/,
      /: Failed to set device state (?<old>0x[0-9a-fA-F]{1,8})/,
      /[0-9a-fA-F]: (?<step>save setup) failed/,
    ],
    severity: 'error',
    title: "A step of the VFIO device's migration failed",
    cause:
      'QEMU moves the assigned device through its migration states (pre-copy, stop-copy, resuming, running) and one of them was refused by the device\'s migration driver, so this step of the migration failed. It is the summary QEMU hands to the migration (what `virsh migrate` and query-migrate show); the line before it, "Failed setting device state to …", carries the errno',
    fix: "read the line before this one (its errno) and the migration driver's lines in dmesg on the host that printed it; check that source and destination devices match (model, firmware, VF configuration) and retry",
    refine: refineStep,
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: Failed to set new PRE_COPY state', { step: 'new PRE_COPY' }),
      ex("error: operation failed: job 'migration in' failed: 0000:01:00.0: Failed to set RESUMING state", {
        step: 'RESUMING',
      }),
      ex('qemu-system-x86_64: 0000:01:00.0: Failed to set device state 0x2', { old: '0x2' }),
      ex('qemu-system-x86_64: 0000:01:00.0: save setup failed: Input/output error', { step: 'save setup' }),
    ],
  },

  // ---------------------------------------------------------------- hw/vfio/spapr.c, container.c
  {
    id: 'qemu.spapr-dma-window-failed',
    source: 'qemu',
    cite: `${SPAPR} vfio_spapr_create_window() / vfio_spapr_container_add_section_window() / vfio_spapr_remove_window()`,
    format: 'Failed to create a window, ret = %d (%m)',
    versions:
      'older releases print it with error_report(); newer ones pass it up with error_setg_errno() ("Failed to create a window, ret = %d: <strerror>", then "Failed to create SPAPR window: …"); QEMU 10.1+ reads the host\'s supported TCE levels and says "Host doesn\'t support multi-level TCE tables. Use larger IO page size. Supported mask is 0x%lx"; the same functions: "Host doesn\'t support page size 0x%lx, the supported mask is 0x%lx", "Host doesn\'t support DMA window at %lx, must be %lx", "Failed to remove window at %lx", "region [0x%lx,0x%lx] overlaps with existing host DMA window [0x%lx,0x%lx]"',
    patterns: [
      /Failed to create a window, ret = (?<value>-?\d{1,5}) \((?<err>[^)\n]{1,80})\)/,
      /Failed to create a window, ret = (?<value>-?\d{1,5})(?:: (?<err>[A-Z][^\n:]{1,80}))?/,
      /Failed to create SPAPR window(?:: (?<err>[A-Z][^\n:]{1,80}))?/,
      /Host doesn't support (?<levels>multi-level) TCE tables/,
      /Host doesn't support page size (?<pagesize>0x[0-9a-fA-F]{1,16}), the supported mask is (?<mask>0x[0-9a-fA-F]{1,16})/,
      /Host doesn't support DMA window at (?<addr>[0-9a-fA-F]{1,16}), must be (?<must>[0-9a-fA-F]{1,16})/,
      /(?<remove>Failed to remove window at|failed to remove existing window)/,
      /region \[0x[0-9a-fA-F]{1,16},0x[0-9a-fA-F]{1,16}\] (?<overlap>overlaps) with existing ?host DMA window/,
    ],
    severity: 'error',
    title: 'A DMA window for an assigned device could not be created on the POWER host',
    cause:
      'on a pseries (POWER) guest the assigned device does DMA through windows of the sPAPR TCE IOMMU: the guest firmware and kernel ask for a 64-bit window large enough to map all guest RAM (dynamic DMA windows), and QEMU asks the host kernel (VFIO_IOMMU_SPAPR_TCE_CREATE) to build a TCE table for it, trying more table levels when fewer fail. The host refused every attempt, so the guest cannot get its large window (it falls back to the small 32-bit window, or the device fails to start)',
    fix: 'read the errno: for lack of memory back guest RAM with huge pages (a larger IOMMU page size makes the TCE table smaller) or give the guest less RAM; on a host that is itself a PowerVM LPAR only single-level tables exist, which QEMU 10.1+ reports explicitly; inside a Linux guest, disable_ddw on its kernel command line keeps it on the default 32-bit window',
    refine: refineWindow,
    render: render(QPPC, -1, 'Cannot allocate memory'),
    examples: [
      ex('qemu-system-ppc64: Failed to create a window, ret = -1 (Cannot allocate memory)', {
        value: '-1',
        err: 'Cannot allocate memory',
      }),
      ex(
        "qemu-system-ppc64: -device vfio-pci,host=0001:01:00.0: Host doesn't support multi-level TCE tables. Use larger IO page size. Supported mask is 0x1010000",
        { levels: 'multi-level' },
      ),
      ex("qemu-system-ppc64: Host doesn't support page size 0x1000000, the supported mask is 0x11000", {
        pagesize: '0x1000000',
        mask: '0x11000',
      }),
      ex('qemu-system-ppc64: Failed to remove window at 800000000000000', {
        remove: 'Failed to remove window at',
      }),
    ],
  },
  {
    id: 'qemu.spapr-memory-lock-failed',
    source: 'qemu',
    cite: `${SPAPR} vfio_prereg_listener_region_add() / vfio_spapr_container_init()`,
    format: 'Memory registering failed',
    versions:
      'at start (the v2 sPAPR TCE IOMMU): "RAM memory listener initialization failed: Memory registering failed: <strerror>"; when RAM is added later (memory hot-plug) hw_error("vfio: Memory registering failed, unable to continue") stops QEMU; the v1 IOMMU of old hosts: "failed to enable container: <strerror>"',
    patterns: [
      /Memory registering failed(?<runtime>, unable to continue)?/,
      /failed to enable container(?:: (?<err>[A-Z][^\n:]{1,80}))?/,
    ],
    severity: 'error',
    title: "Guest RAM could not be registered (locked) for an assigned device's DMA on the POWER host",
    cause:
      "with the sPAPR TCE IOMMU (v2, POWER8 and later hosts) QEMU preregisters all guest RAM with the host kernel (VFIO_IOMMU_SPAPR_REGISTER_MEMORY) so the guest's TCE updates can be done quickly; the kernel pins that memory and counts it against QEMU's locked-memory limit (RLIMIT_MEMLOCK), and refused. With the older v1 IOMMU, enabling the container counts the whole DMA window against the same limit. Almost always the limit is below guest RAM; current kernels do not log the refusal (the accounting reports it only at debug level). Note that the QEMU releases that print \"Memory registering failed: Operation not permitted\" pass the ioctl's return value (-1) as the error number, so the reason shown is always that one, whatever the kernel said",
    fix: 'raise the locked-memory limit of QEMU to at least guest RAM plus the TCE tables (ulimit -l, LimitMEMLOCK= in the unit, or run QEMU with CAP_IPC_LOCK); libvirt computes a ppc64-specific limit for VMs with host devices itself, unless a <memtune><hard_limit> is set too low',
    refine: (f) =>
      f.runtime
        ? {
            cause:
              "RAM was added to the running guest (memory hot-plug) and QEMU could not register it for the assigned device's DMA: the kernel refused to pin it, almost always because the locked-memory limit was set for the RAM the guest started with. QEMU cannot continue and stops with a hardware error",
            fix: 'set the locked-memory limit for the largest RAM the guest may grow to (libvirt: it accounts <maxMemory> when computing the limit; plain QEMU: ulimit -l / LimitMEMLOCK=), or do not hot-plug memory into guests with assigned devices',
          }
        : undefined,
    render: render(`${QPPC}RAM memory listener initialization failed: `),
    examples: [
      ex(
        'qemu-system-ppc64: -device vfio-pci,host=0001:01:00.0: vfio 0001:01:00.0: failed to setup container for group 1: RAM memory listener initialization failed: Memory registering failed: Operation not permitted',
      ),
      ex('qemu: hardware error: vfio: Memory registering failed, unable to continue', {
        runtime: ', unable to continue',
      }),
    ],
  },
  {
    id: 'qemu.spapr-eeh-op-failed',
    source: 'qemu',
    cite: `${CONTAINER} vfio_eeh_container_op() (newer releases: hw/vfio/container-legacy.c; older: hw/vfio/common.c)`,
    format: 'vfio/eeh: EEH_PE_OP 0x%x failed: %m',
    versions:
      'the same function: "vfio/eeh: EEH_PE_OP 0x%x: kernel requires a container with exactly one group"',
    patterns: [
      /vfio\/eeh: EEH_PE_OP (?<op>0x[0-9a-fA-F]{1,2}) failed(?:: (?<err>[A-Z][^\n:]{1,80}))?/,
      /vfio\/eeh: EEH_PE_OP (?<op>0x[0-9a-fA-F]{1,2}): kernel requires a container with (?<onegroup>exactly one group)/,
    ],
    severity: 'error',
    title: "A pseries guest's EEH error-recovery call for an assigned device failed on the host",
    cause:
      "EEH is POWER's PCI error detection and recovery: a pseries guest enables it for its devices and, after an error froze the device's PE, reads its state, resets it and reconfigures it through RTAS calls that QEMU forwards to the host kernel (VFIO_EEH_PE_OP). The host refused this operation (op 0x1 enable, 0x2/0x3 unfreeze MMIO/DMA, 0x4 get state, 0x5–0x7 reset, 0x8 configure), so the guest's error recovery for the device does not work: the guest driver may report the device as permanently failed",
    fix: 'read the errno and the host dmesg (EEH lines of the host PHB); a device whose PE the host has already given up on needs the VM stopped and the device recovered on the host first; keep host and guest kernels current',
    refine: (f) =>
      f.onegroup
        ? {
            cause:
              "EEH on an assigned device needs its VFIO container to hold exactly one IOMMU group, because the kernel applies EEH operations to the container as a whole; this PHB (spapr-pci-host-bridge) holds devices from several groups in one container, so QEMU refuses the guest's EEH call and error recovery does not work for these devices",
            fix: 'put each assigned IOMMU group on its own spapr-pci-host-bridge (libvirt does this itself when it places the devices; by hand: -device spapr-pci-host-bridge,index=N per group and bus=pci.N on the vfio-pci device)',
          }
        : undefined,
    render: render(QPPC, 2, 'No such device'),
    examples: [
      ex('qemu-system-ppc64: vfio/eeh: EEH_PE_OP 0x2 failed: No such device', {
        op: '0x2',
        err: 'No such device',
      }),
      ex('qemu-system-ppc64: vfio/eeh: EEH_PE_OP 0x1: kernel requires a container with exactly one group', {
        op: '0x1',
      }),
    ],
  },

  // ---------------------------------------------------------------- hw/vfio/ccw.c, hw/vfio/ap.c
  {
    id: 'qemu.vfio-ccw-region-io-failed',
    source: 'qemu',
    cite: `${CCW} vfio_ccw_handle_request() (the same wording: vfio_ccw_handle_clear(), vfio_ccw_handle_halt(), vfio_ccw_handle_store(), vfio_ccw_crw_read())`,
    format: 'vfio-ccw: write I/O region failed with errno=%d',
    versions:
      'QEMU 2.10+; the same family: "vfio-ccw: write cmd region failed with errno=%d" (clear/halt subchannel, QEMU 4.1+), "vfio-ccw: store region read failed with errno=%d" (store subchannel), "vfio-ccw: Read crw region failed with errno=%d" (channel reports, QEMU 5.1+)',
    patterns: [
      /vfio-ccw: (?<op>write I\/O region|write cmd region|store region read|Read crw region) failed with errno=(?<errno>\d{1,4})/,
    ],
    severity: 'error',
    title: 'A channel I/O of the guest on a passed-through subchannel failed in vfio_ccw',
    cause:
      "an s390x guest started I/O (or a clear, halt or store subchannel) on a subchannel assigned with vfio-ccw (a DASD, a tape, an FCP device), and QEMU handed it to the host's vfio_ccw driver through the device's I/O or command region; the kernel refused it with the errno shown. QEMU turns the errno into what the guest sees: busy, not operational, or a unit exception (an I/O error in the guest)",
    fix: "read the errno: check the channel paths and the device on the host (lscss, lschp) and the host's dmesg for vfio_ccw lines; update the host kernel when vfio_ccw refuses the guest's channel programs",
    refine: refineCcw,
    render: render(QS390, 5),
    examples: [
      ex('qemu-system-s390x: vfio-ccw: write I/O region failed with errno=16', {
        op: 'write I/O region',
        errno: 'EBUSY',
      }),
      ex('qemu-system-s390x: vfio-ccw: write I/O region failed with errno=19', { errno: 'ENODEV' }),
      ex('qemu-system-s390x: vfio-ccw: write cmd region failed with errno=22', { op: 'write cmd region' }),
      ex('qemu-system-s390x: vfio-ccw: Read crw region failed with errno=5', { op: 'Read crw region' }),
    ],
  },
  {
    id: 'qemu.vfio-s390-irq-unavailable',
    source: 'qemu',
    cite: `${CCW} vfio_ccw_register_irq_notifier() / ${AP} vfio_ap_register_irq_notifier()`,
    format: 'vfio: IRQ %u not available (number of irqs %u)',
    versions:
      'vfio-ccw: the device-request interrupt (index 2), asked for by newer releases, is only reported when missing, the channel-report interrupt (1) only when the kernel offers the CRW region; vfio-ap: the device-request interrupt (index 0) and, in newer releases, the configuration-change interrupt (1), both only reported',
    patterns: [
      /-device (?<model>vfio-ccw|vfio-ap),[^\n]{0,300}vfio: IRQ (?<irq>\d{1,2}) not available \(number of irqs (?<count>\d{1,2})\)/,
      /vfio: IRQ (?<irq>\d{1,2}) not available \(number of irqs (?<count>\d{1,2})\)/,
    ],
    severity: 'info',
    title: 'An s390 VFIO device lacks an optional interrupt in the host kernel (usually harmless)',
    cause:
      "QEMU asks the host's vfio_ccw or vfio_ap driver for each interrupt it can use; an older host kernel offers fewer. The ones QEMU only reports when missing are the device-request interrupt (vfio-ccw index 2, vfio-ap index 0), by which the host asks QEMU to give the device back, and vfio-ap's configuration-change interrupt (index 1), by which the guest learns of AP adapters added or removed while it runs: the device works, only unbinding it on the host while the VM runs blocks until the VM releases it, and AP configuration changes reach the guest only after a reboot",
    fix: 'nothing to do for the device to work; update the host kernel to get the missing interrupt',
    refine: (f) => {
      const irq = f.irq ?? '';
      const ccw = f.model === 'vfio-ccw' || (f.model !== 'vfio-ap' && irq === '0' && f.count !== '0');
      if (ccw && (irq === '0' || irq === '1'))
        return {
          severity: 'error',
          title: 'vfio-ccw: the host kernel does not offer an interrupt QEMU needs for the device',
          cause: `QEMU needs interrupt index ${irq} of the vfio_ccw device (0: I/O completion; 1: channel reports, asked for only when the kernel offers the CRW region) and the kernel reports only ${f.count ?? '?'} interrupts, so the vfio-ccw device cannot be added: the host kernel's vfio_ccw and QEMU do not match`,
          fix: 'update the host kernel (or use the QEMU release the distribution ships with it)',
        };
      return undefined;
    },
    render: render(QS390, 2, 2),
    examples: [
      ex('qemu-system-s390x: vfio: IRQ 2 not available (number of irqs 2)', { irq: '2', count: '2' }),
      ex('qemu-system-s390x: vfio: IRQ 0 not available (number of irqs 0)', { irq: '0', count: '0' }),
      ex(
        'qemu-system-s390x: -device vfio-ccw,sysfsdev=/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: vfio: IRQ 1 not available (number of irqs 1)',
        { model: 'vfio-ccw', irq: '1' },
      ),
    ],
  },
  {
    id: 'qemu.vfio-ap-reset-failed',
    source: 'qemu',
    cite: `${AP} vfio_ap_reset()`,
    format: '%s: failed to reset %s device: %s',
    versions: 'QEMU 3.1+; printed with the function name ("vfio_ap_reset: failed to reset UUID device: …")',
    patterns: [
      /vfio_ap_reset: failed to reset (?<uuid>[0-9a-fA-F-]{36}) device(?:: (?<err>[A-Z][^\n:]{1,80}))?/,
    ],
    severity: 'error',
    title: "The crypto queues of a guest's vfio-ap device could not be reset",
    cause:
      "at every guest reset (start, reboot, system_reset) QEMU asks the host's vfio_ap driver to reset (zeroise) every AP queue of the matrix mdev passed to the guest; at least one queue could not be reset (EBUSY: a queue still busy or not operational, EIO: the hardware answered with an unexpected code). The guest may find that queue unusable or holding state from before the reset",
    fix: 'read the host\'s dmesg for vfio_ap warnings around it ("PQAP/ZAPQ for AA.DDDD failed…" names the queue and the response code), check the adapters with lszcrypt -V, and unassign adapters or domains that are gone or broken from the mdev',
    render: render(QS390, 'vfio_ap_reset', '62177883-f1bb-47f0-914d-32a22e3a8804', 'Device or resource busy'),
    examples: [
      ex(
        'qemu-system-s390x: vfio_ap_reset: failed to reset 62177883-f1bb-47f0-914d-32a22e3a8804 device: Device or resource busy',
        { uuid: '62177883-f1bb-47f0-914d-32a22e3a8804', err: 'Device or resource busy' },
      ),
    ],
  },

  // ---------------------------------------------------------------- kernel: s390 vfio_ccw, vfio_ap
  {
    id: 'kernel.vfio-ccw-prefetch-forced',
    source: 'kernel',
    cite: `${CCW_CP} cp_init()`,
    format: 'Prefetching channel program even though prefetch not specified in ORB',
    versions:
      'Linux 5.8+ (dev_warn() rate-limited to one per 5 seconds); older kernels refused such an I/O with -EOPNOTSUPP, which QEMU reports as "vfio-ccw: write I/O region failed with errno=95" (QEMU\'s force-orb-pfch=on sets the bit instead)',
    patterns: [/Prefetching channel program even though prefetch not specified in ORB/],
    severity: 'info',
    title:
      'vfio_ccw runs a guest channel program prefetched although the guest did not ask for it (usually harmless)',
    cause:
      'vfio_ccw can only run a guest channel program after copying (prefetching) it, and the guest started one without the prefetch bit in its ORB; since Linux 5.8 the driver runs it prefetched anyway and warns. It is common during guest IPL, when the boot loader starts I/O without the bit; it matters only for a channel program that modifies itself while it runs, which prefetching breaks',
    fix: 'nothing to do when the guest works; if I/O misbehaves after this line, the guest uses self-modifying channel programs, which vfio-ccw cannot pass through',
    render: render('vfio_ccw_mdev 0.0.0313: '),
    examples: [
      ex(
        'vfio_ccw_mdev 8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: Prefetching channel program even though prefetch not specified in ORB',
      ),
    ],
  },
  {
    id: 'kernel.vfio-ccw-qdio-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux drivers/s390/cio/vfio_ccw_drv.c vfio_ccw_sch_probe()',
    format: 'vfio: ccw: does not support QDIO: %s',
    versions:
      'Linux 4.12+ (dev_warn() on the subchannel: "vfio_ccw 0.0.0010: vfio: ccw: does not support QDIO: 0.0.0010")',
    patterns: [/vfio: ccw: does not support QDIO: (?<sch>[0-9a-fA-F]\.[0-9a-fA-F]\.[0-9a-fA-F]{4})/],
    severity: 'error',
    title:
      'vfio_ccw refused a QDIO subchannel: network (OSA, HiperSockets) and FCP devices cannot be passed through with vfio-ccw',
    cause:
      'the subchannel bound to vfio_ccw uses QDIO (Queued Direct I/O), the interface of OSA and HiperSockets network devices and of zFCP (FCP/SCSI) adapters; vfio_ccw only handles subchannels driven by classic channel programs (DASD, tape and the like), so it refuses to bind (ENODEV) and no mdev can be created for it',
    fix: 'give the guest network access through a host-side bridge or macvtap on the OSA device, and FCP storage through the host (the LUNs as virtio-scsi or virtio-blk disks); on KVM hosts with the right hardware, PCI network and storage functions can be passed through with vfio-pci (zPCI) instead; rebind the subchannel to its original driver (echo SCHID > /sys/bus/css/drivers/io_subchannel/bind)',
    render: render('vfio_ccw 0.0.0010: ', '0.0.0010'),
    examples: [ex('vfio_ccw 0.0.0010: vfio: ccw: does not support QDIO: 0.0.0010', { sch: '0.0.0010' })],
  },
  {
    id: 'kernel.vfio-ccw-quiesce-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/s390/cio/vfio_ccw_drv.c vfio_ccw_sch_quiesce()',
    format: 'vfio_ccw: could not quiesce subchannel 0.%x.%04x!',
    versions: 'Linux 4.12+ (pr_err())',
    patterns: [/vfio_ccw: could not quiesce subchannel (?<sch>0\.[0-9a-fA-F]\.[0-9a-fA-F]{4})!/],
    severity: 'error',
    title: 'vfio_ccw could not stop the I/O on a passed-through subchannel',
    cause:
      "when the guest closes the device (VM shut down or device detached), the mdev is removed or the subchannel is unbound, vfio_ccw disables the subchannel, first cancelling, halting and clearing any I/O still running on it; the channel subsystem reported that the subchannel could not be cleared (cio_cancel_halt_clear() returned EIO), so vfio_ccw gives up and marks it not operational. The device may still be busy with the guest's last I/O and will not work for the host or a new guest until it is recovered",
    fix: 'check the device and its channel paths (lscss, lschp); try setting the device offline and online again (chccwdev -d / -e after binding it back to io_subchannel), or vary the channel path off and on; if it stays stuck, the storage controller side needs attention',
    render: render('', 0, 0x313),
    examples: [ex('vfio_ccw: could not quiesce subchannel 0.0.0313!', { sch: '0.0.0313' })],
  },
  {
    id: 'kernel.vfio-ccw-fsm-request-refused',
    source: 'kernel',
    cite: 'torvalds/linux drivers/s390/cio/vfio_ccw_fsm.c fsm_io_error() / fsm_async_error()',
    format: 'vfio-ccw: FSM: I/O request from state:%d',
    versions:
      'Linux 4.12+; the same state machine: "vfio-ccw: FSM: %s request from state:%d" for a halt or clear (Linux 5.2+)',
    patterns: [/vfio-ccw: FSM: (?<req>I\/O|halt|clear|<unknown>) request from state:(?<state>\d)/],
    severity: 'error',
    title: 'vfio_ccw refused a guest I/O: the subchannel is not in a usable state',
    cause:
      'vfio_ccw runs a small state machine per subchannel (0 not operational, 1 standby, 2 idle, 3 and 4 busy with a channel program); an I/O, halt or clear request arrived while the subchannel was not operational or not opened, so the driver answered EIO, which QEMU reports as "vfio-ccw: write I/O region failed with errno=5" and turns into an error for the guest',
    fix: "check the subchannel on the host (lscss; the device's channel paths with lschp) and the lines before this one; once the device is operational again, restart the guest's use of it (or re-attach the mdev)",
    refine: (f) =>
      f.state === '0'
        ? {
            cause:
              'the subchannel is not operational (state 0): vfio_ccw marked it so because it disappeared or lost all its paths, because enabling it failed when QEMU opened the device, or because it could not be quiesced earlier; every guest request now fails with EIO until it is recovered',
          }
        : f.state === '1'
          ? {
              cause:
                'the subchannel is in standby (state 1): bound to vfio_ccw with an mdev, but not opened, or closed again; a request reaching it means the device was closed under a guest still using it',
            }
          : undefined,
    render: render('', 0),
    examples: [
      ex('vfio-ccw: FSM: I/O request from state:0', { req: 'I/O', state: '0' }),
      ex('vfio-ccw: FSM: halt request from state:1', { req: 'halt', state: '1' }),
    ],
  },
  {
    id: 'kernel.vfio-ap-queue-shared',
    source: 'kernel',
    cite: `${AP_OPS} vfio_ap_mdev_log_sharing_err(), called from vfio_ap_mdev_verify_no_sharing()`,
    format: 'Userspace may not re-assign queue %02lx.%04lx already assigned to %s',
    versions:
      'newer kernels (dev_warn() on the mdev already holding the queue, once per shared queue); older ones refuse the write with EADDRINUSE without a message',
    patterns: [
      /Userspace may not re-assign queue (?<apqn>[0-9a-fA-F]{2}\.[0-9a-fA-F]{4}) already assigned to (?<owner>[0-9a-fA-F-]{36})/,
    ],
    severity: 'error',
    title: 'An AP queue was assigned to a vfio-ap mdev while another mdev holds it',
    cause:
      "an AP queue (adapter.domain) can belong to only one matrix mdev; an adapter or domain was written to an mdev's assign_adapter / assign_domain attribute (by hand, mdevctl or a management layer) and the adapter × domain combination includes a queue already assigned to the mdev named at the end, so the write was refused (EADDRINUSE). The same check refuses giving a queue back to the host's crypto drivers (apmask/aqmask) while an mdev holds it",
    fix: 'unassign the adapter or domain from the mdev that holds it first (echo 0xAA > /sys/devices/vfio_ap/matrix/UUID/unassign_adapter, or mdevctl modify) or choose another domain; with mdevctl, check for overlapping definitions (mdevctl list -d)',
    render: render(
      'vfio_ap_mdev 62177883-f1bb-47f0-914d-32a22e3a8804: ',
      3,
      4,
      '62177883-f1bb-47f0-914d-32a22e3a8804',
    ),
    examples: [
      ex(
        'vfio_ap_mdev 62177883-f1bb-47f0-914d-32a22e3a8804: Userspace may not re-assign queue 03.0004 already assigned to 62177883-f1bb-47f0-914d-32a22e3a8804',
        { apqn: '03.0004' },
      ),
    ],
  },
  {
    id: 'kernel.vfio-ap-queue-reset-failed',
    source: 'kernel',
    cite: `${AP_OPS} vfio_ap_mdev_reset_queue()`,
    format: 'PQAP/ZAPQ for %02x.%04x failed with invalid rc=%u',
    versions:
      'WARN() lines; the same function: WARN_ONCE "PQAP/ZAPQ for %02x.%04x failed with rc=%u while IRQ enabled" (rc 1 queue not available, 3 deconfigured, 4 checkstopped) and "unable to verify reset of queue %02x.%04x"',
    patterns: [
      /PQAP\/ZAPQ for (?<apqn>[0-9a-fA-F]{2}\.[0-9a-fA-F]{4}) failed with (?:invalid )?rc=(?<response>\d{1,3})/,
      /unable to verify reset of queue (?<apqn>[0-9a-fA-F]{2}\.[0-9a-fA-F]{4})/,
    ],
    severity: 'error',
    title: 'vfio_ap could not reset an AP queue passed to a guest',
    cause:
      "vfio_ap resets (zeroises, PQAP ZAPQ) each AP queue of a matrix mdev when the guest starts, stops or resets and when a queue is unassigned or removed, so no crypto state passes between users; the adapter answered this queue's reset with an error, or the queue never reported itself empty afterwards. The queue may keep state or be unusable for the guest",
    fix: "check the adapter (lszcrypt -V) and the host's AP configuration; unassign queues whose adapter is gone or broken from the mdev; a WARN with an unexpected code is worth a report to the s390 maintainers with the kernel version",
    refine: refineApResponse,
    render: render('', 3, 4, 5),
    examples: [
      ex('PQAP/ZAPQ for 03.0004 failed with rc=3 while IRQ enabled', { apqn: '03.0004', response: '3' }),
      ex('PQAP/ZAPQ for 03.0004 failed with invalid rc=5', { response: '5' }),
      ex('unable to verify reset of queue 03.0004', { apqn: '03.0004' }),
    ],
  },

  // ---------------------------------------------------------------- kernel: sPAPR TCE, zPCI
  {
    id: 'kernel.spapr-tce-one-group',
    source: 'kernel',
    cite: `${TCE} tce_iommu_attach_group()`,
    format: 'tce_vfio: Only one group per IOMMU container is allowed, existing id=%d, attaching id=%d',
    versions:
      'the first sPAPR TCE IOMMU (Linux 3.x, one group per container); current kernels allow several groups per container and print "tce_vfio: Group %d is incompatible with group %d" when the new group\'s IOMMU is of another kind than the groups already there',
    patterns: [
      /tce_vfio: Only one group per IOMMU container is allowed, existing id=(?<existing>\d{1,6}), attaching id=(?<group>\d{1,6})/,
      /tce_vfio: Group (?<group>\d{1,6}) is incompatible with group (?<existing>\d{1,6})/,
    ],
    severity: 'info',
    title: 'POWER: an IOMMU group could not share a VFIO container with another (usually harmless)',
    cause:
      'the sPAPR TCE IOMMU refused to add an IOMMU group to a VFIO container that already holds one: old kernels allow one group per container, current ones refuse a group whose IOMMU is of another kind than the groups already there (a device behind another type of host bridge). QEMU first tries to put each new group into an existing container of the same address space and, when the kernel refuses, opens a new container for it, so this line appears once per such group and the devices work. It matters only when a program has no such fallback and fails on the refused attach',
    fix: 'nothing to do when the VM starts; a program that fails here must open one container per group (or a newer host kernel with the v2 sPAPR IOMMU is needed)',
    render: render('', 3, 5),
    examples: [
      ex('tce_vfio: Only one group per IOMMU container is allowed, existing id=3, attaching id=5', {
        existing: '3',
        group: '5',
      }),
    ],
  },
  {
    id: 'kernel.vfio-zpci-caps-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_ioctl_get_info() (the capabilities: drivers/vfio/pci/vfio_pci_zdev.c vfio_pci_info_zdev_add_caps())',
    format: 'Failed to setup zPCI info capabilities',
    versions:
      'Linux 5.10+ on s390x (pci_warn(), so "vfio-pci 0001:00:00.0: Failed to setup zPCI info capabilities")',
    patterns: [/Failed to setup zPCI info capabilities/],
    severity: 'error',
    title: 'vfio-pci could not describe an s390 zPCI function to QEMU',
    cause:
      'on s390x vfio-pci adds the zPCI details of the function (its DMA range, function group, MSI address, utility string, path) to the device information QEMU reads when the device is opened; building them failed (only a kernel memory allocation can fail there), so the VFIO_DEVICE_GET_INFO call fails and QEMU cannot set the device up for the guest',
    fix: 'retry once memory is available; if it repeats with memory free, update the host kernel and report it',
    render: render('vfio-pci 0001:00:00.0: '),
    examples: [ex('vfio-pci 0001:00:00.0: Failed to setup zPCI info capabilities')],
  },

  // ---------------------------------------------------------------- libvirt: pseries isolation groups
  {
    id: 'libvirt.pseries-isolation-group-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_domain_address.c qemuDomainFillDeviceIsolationGroup()',
    format: "Can't look up isolation group for host device %04x:%02x:%02x.%x, device won't be isolated",
    versions:
      "libvirt 3.10+ (VIR_WARN, in the libvirtd / virtqemud log); the same function: \"Can't obtain usable isolation group for interface configured to use hostdev-backed network '%s', device won't be isolated\"",
    patterns: [
      /Can't look up isolation group for host device (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]), device won't be isolated/,
      /Can't obtain usable isolation group for interface configured to use hostdev-backed network '(?<network>[^'\n]{1,64})', device won't be isolated/,
    ],
    severity: 'warning',
    title: "libvirt could not find a host device's IOMMU group to isolate it on its own PCI host bridge",
    cause:
      "for pseries (POWER) guests libvirt gives each assigned PCI device an isolation group equal to its host IOMMU group and places devices of different groups on separate PCI host bridges (PHBs), because on POWER each PHB has its own DMA windows and EEH error recovery works per IOMMU group. Reading the device's IOMMU group (/sys/bus/pci/devices/ADDR/iommu_group) failed, so the device is left on the default bridge together with emulated devices and other groups: the device is not present on the host, or the host has no IOMMU groups for it. The VM usually fails to start later for the same reason; if it starts, EEH recovery for the shared bridge is refused",
    fix: 'check the address exists on the host (lspci -s ADDR) and has an IOMMU group (readlink /sys/bus/pci/devices/ADDR/iommu_group); fix the <hostdev> address, or for a hostdev-backed network check that the network has a free VF with an IOMMU group',
    refine: (f) =>
      f.network
        ? {
            cause: `an interface uses the hostdev-backed network '${f.network}' (a pool of SR-IOV VFs), and libvirt could not find the IOMMU group of the VF it picked from the pool, so on a pseries guest that VF is not placed on its own PCI host bridge; the VF is missing or has no IOMMU group on the host`,
          }
        : undefined,
    render: render('warning : qemuDomainFillDeviceIsolationGroup:1234 : ', 1, 1, 0, 0),
    examples: [
      ex(
        "2025-01-01 10:00:00.000+0000: 4242: warning : qemuDomainFillDeviceIsolationGroup:1493 : Can't look up isolation group for host device 0001:01:00.0, device won't be isolated",
        { bdf: '0001:01:00.0' },
      ),
      ex(
        "warning : qemuDomainFillDeviceIsolationGroup:1521 : Can't obtain usable isolation group for interface configured to use hostdev-backed network 'sriov-pool', device won't be isolated",
        { network: 'sriov-pool' },
      ),
    ],
  },

  // ---------------------------------------------------------------- libvirt: vfio-ap, vfio-ccw mdevs
  {
    id: 'libvirt.vfio-s390-mdev-unsupported',
    source: 'libvirt',
    cite: `${VALIDATE} qemuValidateDomainMdevDefVFIOAP() / qemuValidateDomainMdevDef()`,
    format: 'Only one hostdev of model vfio-ap is supported',
    versions:
      'the same checks: "VFIO AP device assignment is not supported by this version of QEMU", "VFIO CCW device assignment is not supported by this version of QEMU"',
    patterns: [
      /Only one hostdev of model (?<only>vfio-ap) is supported/,
      /VFIO (?<kind>AP|CCW) device assignment is not supported by this version of QEMU/,
    ],
    severity: 'error',
    title: "libvirt refused the VM's vfio-ap mdevs: a guest takes a single AP matrix device",
    cause:
      'QEMU supports one vfio-ap device per guest (the AP matrix is a single configuration of the guest), and the domain defines more than one <hostdev> mdev of model vfio-ap, so libvirt refuses to start it. One matrix mdev can carry any number of adapters and domains',
    fix: "assign all the adapters and domains the guest needs to one matrix mdev (mdevctl modify --addattr=assign_adapter … / assign_domain …) and keep a single <hostdev mode='subsystem' type='mdev' model='vfio-ap'> in the domain",
    refine: (f) =>
      f.kind
        ? {
            title: `libvirt refused a vfio-${f.kind.toLowerCase()} mdev: this QEMU has no vfio-${f.kind.toLowerCase()} device`,
            cause: `the domain has an mdev of model vfio-${f.kind.toLowerCase()} but the QEMU binary libvirt probed does not offer the vfio-${f.kind.toLowerCase()} device (a QEMU built without it, an emulator for another architecture, or a release before vfio-ccw 2.10 / vfio-ap 3.1)`,
            fix: 'use an s390x QEMU (qemu-system-s390x) built with VFIO support, new enough for the device; after updating it, let libvirt re-probe (restart libvirtd / virtqemud)',
          }
        : undefined,
    render: render('error: unsupported configuration: '),
    examples: [
      ex('error: unsupported configuration: Only one hostdev of model vfio-ap is supported', {
        only: 'vfio-ap',
      }),
      ex(
        'error: unsupported configuration: VFIO CCW device assignment is not supported by this version of QEMU',
        {
          kind: 'CCW',
        },
      ),
    ],
  },
];

export const PLATMIG_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'qemu.migration-switchover-ack-mismatch',
    file: MIGRATION,
    format: '%s: qemu_loadvm_approve_switchover failed, err=%d (%s)',
    text: 'qemu-system-x86_64: 0000:01:00.0: qemu_loadvm_approve_switchover failed, err=-5 (Input/output error)',
  },
  {
    id: 'qemu.migration-stream-tag-unknown',
    file: MIGRATION,
    format: '%s: SETUP STATE: EOS not found 0x%lx',
    text: 'qemu-system-x86_64: 0000:01:00.0: SETUP STATE: EOS not found 0xffffffffef100004',
  },
  {
    id: 'qemu.migration-set-state-failed',
    file: MIGRATION,
    format: '%s: Failed setting device state to %s, err: %s. Recover state is ERROR. Resetting device',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed setting device state to STOP, err: Invalid argument. Recover state is ERROR. Resetting device',
  },
  {
    id: 'qemu.migration-set-state-failed',
    file: MIGRATION,
    format: '%s: Failed setting device state to %s, err: %s. Setting device in recover state %s',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed setting device state to PRE_COPY, err: Input/output error. Setting device in recover state RUNNING',
  },
  {
    id: 'qemu.migration-config-save-failed',
    file: MIGRATION,
    format: '%s: Failed to save device config space',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to save device config space',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set RESUMING state',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set RESUMING state',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: save setup failed',
    text: 'qemu-system-x86_64: 0000:01:00.0: save setup failed: Input/output error',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set state STOPPED',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set state STOPPED',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set state RESUMING',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set state RESUMING',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set state RUNNING',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set state RUNNING',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set device state 0x%x',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set device state 0x4',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set state SAVING',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set state SAVING',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to set state STOP and SAVING',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to set state STOP and SAVING',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Failed to save buffer',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to save buffer',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: vfio_save_buffer failed %s',
    text: 'qemu-system-x86_64: 0000:01:00.0: vfio_save_buffer failed Input/output error',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: 'vfio_mig_%s %d byte %s: failed at offset 0x%lx, err: %s',
    text: 'qemu-system-x86_64: vfio_mig_write 4 byte 0000:01:00.0: failed at offset 0x1000, err: Invalid argument',
  },
  {
    id: 'qemu.migration-step-failed',
    file: MIGRATION,
    format: '%s: Device in error state 0x%x',
    text: 'qemu: hardware error: 0000:01:00.0: Device in error state 0x7',
  },
  {
    id: 'qemu.migration-buffer-alloc-failed',
    file: MIGRATION,
    format: '%s: Error allocating buffer ',
    text: 'qemu-system-x86_64: vfio_save_buffer: Error allocating buffer ',
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: 'Failed to create SPAPR window',
    text: 'qemu-system-ppc64: Failed to create SPAPR window: Failed to create a window, ret = -1: Cannot allocate memory',
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: "Host doesn't support multi-level TCE tables. Use larger IO page size. Supported mask is 0x%lx",
    text: "qemu-system-ppc64: Host doesn't support multi-level TCE tables. Use larger IO page size. Supported mask is 0x1011000",
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: "Host doesn't support page size 0x%lx, the supported mask is 0x%lx",
    text: "qemu-system-ppc64: Host doesn't support page size 0x10000, the supported mask is 0x1000",
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: "Host doesn't support DMA window at %lx, must be %lx",
    text: "qemu-system-ppc64: Host doesn't support DMA window at 800000000000000, must be 8000000000000000",
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: 'Failed to remove window at %lx',
    text: 'qemu-system-ppc64: Failed to remove window at 800000000000000',
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: 'failed to remove existing window',
    text: 'qemu-system-ppc64: -device vfio-pci,host=0001:01:00.0: vfio 0001:01:00.0: failed to setup container for group 1: failed to remove existing window: Invalid argument',
  },
  {
    id: 'qemu.spapr-dma-window-failed',
    file: SPAPR,
    format: 'region [0x%lx,0x%lx] overlaps with existinghost DMA window [0x%lx,0x%lx]',
    text: 'qemu-system-ppc64: region [0x800000000000000,0x80000ffffffffff] overlaps with existinghost DMA window [0x800000000000000,0x80000ffffffffff]',
  },
  {
    id: 'qemu.spapr-memory-lock-failed',
    file: SPAPR,
    format: 'vfio: Memory registering failed, unable to continue',
    text: 'qemu: hardware error: vfio: Memory registering failed, unable to continue',
  },
  {
    id: 'qemu.spapr-memory-lock-failed',
    file: SPAPR,
    format: 'failed to enable container',
    text: 'qemu-system-ppc64: -device vfio-pci,host=0001:01:00.0: vfio 0001:01:00.0: failed to setup container for group 1: failed to enable container: Cannot allocate memory',
  },
  {
    id: 'generic.vfio-ioctl-errno',
    file: SPAPR,
    format: 'VFIO_IOMMU_SPAPR_TCE_GET_INFO failed',
    text: 'qemu-system-ppc64: VFIO_IOMMU_SPAPR_TCE_GET_INFO failed: Invalid argument',
  },
  {
    id: 'generic.vfio-context-errno',
    file: SPAPR,
    format: 'vfio: failed GROUP_SET_SPAPR_TCE for KVM VFIO device %d and group fd %d',
    text: 'qemu-system-ppc64: vfio: failed GROUP_SET_SPAPR_TCE for KVM VFIO device 23 and group fd 21: Invalid argument',
  },
  {
    id: 'qemu.spapr-eeh-op-failed',
    file: CONTAINER,
    format: 'vfio/eeh: EEH_PE_OP 0x%x: kernel requires a container with exactly one group',
    text: 'qemu-system-ppc64: vfio/eeh: EEH_PE_OP 0x4: kernel requires a container with exactly one group',
  },
  {
    id: 'qemu.vfio-ccw-region-io-failed',
    file: CCW,
    format: 'vfio-ccw: write cmd region failed with errno=%d',
    text: 'qemu-system-s390x: vfio-ccw: write cmd region failed with errno=16',
  },
  {
    id: 'qemu.vfio-ccw-region-io-failed',
    file: CCW,
    format: 'vfio-ccw: store region read failed with errno=%d',
    text: 'qemu-system-s390x: vfio-ccw: store region read failed with errno=5',
  },
  {
    id: 'qemu.vfio-ccw-region-io-failed',
    file: CCW,
    format: 'vfio-ccw: Read crw region failed with errno=%d',
    text: 'qemu-system-s390x: vfio-ccw: Read crw region failed with errno=14',
  },
  {
    id: 'qemu.no-iommu-group',
    file: CCW,
    format: 'vfio: no iommu_group found',
    text: 'qemu-system-s390x: -device vfio-ccw,sysfsdev=/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: vfio: no iommu_group found',
  },
  {
    id: 'generic.vfio-context-errno',
    file: CCW,
    format: 'vfio: Error getting irq info',
    text: 'qemu-system-s390x: vfio: Error getting irq info: Invalid argument',
  },
  {
    id: 'generic.vfio-context-errno',
    file: CCW,
    format: 'vfio: Unable to init event notifier for irq (%d)',
    text: 'qemu-system-s390x: vfio: Unable to init event notifier for irq (1): Too many open files',
  },
  {
    id: 'generic.vfio-context-errno',
    file: CCW,
    format: 'vfio: Error getting config info',
    text: 'qemu-system-s390x: vfio: Error getting config info: Invalid argument',
  },
  {
    id: 'qemu.vfio-s390-irq-unavailable',
    file: AP,
    format: 'vfio: IRQ %u not available (number of irqs %u)',
    text: 'qemu-system-s390x: -device vfio-ap,sysfsdev=/sys/devices/vfio_ap/matrix/62177883-f1bb-47f0-914d-32a22e3a8804: vfio: IRQ 0 not available (number of irqs 0)',
  },
  {
    id: 'qemu.no-iommu-group',
    file: AP,
    format: '%s: no iommu_group found for %s: %s',
    text: 'qemu-system-s390x: -device vfio-ap,sysfsdev=/sys/devices/vfio_ap/matrix/62177883-f1bb-47f0-914d-32a22e3a8804: vfio-ap: no iommu_group found for /sys/devices/vfio_ap/matrix/62177883-f1bb-47f0-914d-32a22e3a8804: No such file or directory',
  },
  {
    id: 'kernel.spapr-tce-one-group',
    file: TCE,
    format: 'tce_vfio: Group %d is incompatible with group %d',
    text: 'tce_vfio: Group 5 is incompatible with group 3',
  },
  {
    id: 'kernel.vfio-request-relay',
    file: 'torvalds/linux drivers/s390/cio/vfio_ccw_ops.c',
    format: 'Relaying device request to user (#%u)',
    text: 'vfio_ccw_mdev 8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: Relaying device request to user (#10)',
  },
  {
    id: 'kernel.vfio-request-no-channel',
    file: 'torvalds/linux drivers/s390/cio/vfio_ccw_ops.c',
    format: 'No device request channel registered, blocked until released by user',
    text: 'vfio_ccw_mdev 8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: No device request channel registered, blocked until released by user',
  },
  {
    id: 'kernel.memlock-exceeded',
    file: TCE,
    format: 'RLIMIT_MEMLOCK (%ld) exceeded',
    text: 'RLIMIT_MEMLOCK (65536) exceeded',
  },
  {
    id: 'kernel.vfio-ap-queue-reset-failed',
    file: AP_OPS,
    format: 'PQAP/ZAPQ for %02x.%04x failed with rc=%u while IRQ enabled',
    text: 'PQAP/ZAPQ for 03.0004 failed with rc=1 while IRQ enabled',
  },
  {
    id: 'kernel.vfio-ap-queue-reset-failed',
    file: AP_OPS,
    format: 'unable to verify reset of queue %02x.%04x',
    text: 'unable to verify reset of queue 03.0004',
  },
  {
    id: 'libvirt.vfio-s390-mdev-unsupported',
    file: VALIDATE,
    format: 'VFIO AP device assignment is not supported by this version of QEMU',
    text: 'error: unsupported configuration: VFIO AP device assignment is not supported by this version of QEMU',
  },
  {
    id: 'libvirt.vfio-s390-mdev-unsupported',
    file: VALIDATE,
    format: 'VFIO CCW device assignment is not supported by this version of QEMU',
    text: 'error: unsupported configuration: VFIO CCW device assignment is not supported by this version of QEMU',
  },
  {
    id: 'libvirt.pseries-isolation-group-missing',
    file: 'libvirt/libvirt src/qemu/qemu_domain_address.c',
    format:
      "Can't obtain usable isolation group for interface configured to use hostdev-backed network '%s', device won't be isolated",
    text: "warning : qemuDomainFillDeviceIsolationGroup:1521 : Can't obtain usable isolation group for interface configured to use hostdev-backed network 'sriov-pool', device won't be isolated",
  },
];

const PPC_VFIO_HB = 'qemu/qemu hw/ppc/spapr_pci_vfio.c';
const OLD_HB =
  'the spapr-pci-vfio-host-bridge device of early QEMU 2.x (iommu=GROUP), replaced by an ordinary spapr-pci-host-bridge with vfio-pci devices; no current QEMU prints it';
const V1 =
  "the first VFIO migration protocol (a migration region in the device, QEMU 5.2–7.2, removed in 8.0); the failed step is reported by qemu.migration-step-failed's lines and the vendor driver's log";

export const PLATMIG_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: MIGRATION,
    format: '%s: Invalid device state %d',
    why: 'vfio_save_setup() reached with the device in a state other than RUNNING or STOP, which the migration core never does; a QEMU bug, not a host or device setup problem',
  },
  {
    file: MIGRATION,
    format: '%s: Failed to mmap VFIO migration region %d: %s',
    why: `${V1}; QEMU then falls back to reading the region with read(), which is only slower`,
  },
  {
    file: MIGRATION,
    format: '%s: Failed to mmap VFIO migration region: %s',
    why: `${V1}; the same message without the region index, at save setup; QEMU then reads the region with read(), which is only slower`,
  },
  {
    file: MIGRATION,
    format: '%s: Falling back to slow path',
    why: `${V1}; the second line of the mmap failure, naming its own consequence (slower transfer)`,
  },
  {
    file: SPAPR,
    format: 'Cannot possibly preregister IOMMU memory',
    why: 'hw_error() assertion: an IOMMU memory region handed to the RAM preregistration listener, which the listener never receives from the memory core; a QEMU bug',
  },
  {
    file: SPAPR,
    format: '%s received unaligned region',
    why: 'a RAM section not aligned to the host page size (64K on POWER) is skipped by the preregistration listener; only unusual memory layouts reach it, and any DMA failure that follows is reported on its own',
  },
  {
    file: SPAPR,
    format: '%s: Cannot delete missing window at %lx',
    why: 'hw_error() assertion: the window list of the container lost a window QEMU itself created; a QEMU bug',
  },
  { file: PPC_VFIO_HB, format: 'Wrong IOMMU group ID %d', why: OLD_HB },
  { file: PPC_VFIO_HB, format: 'spapr-vfio: SPAPR extension is not supported', why: OLD_HB },
  { file: PPC_VFIO_HB, format: 'spapr-vfio: get info from container failed', why: OLD_HB },
  { file: PPC_VFIO_HB, format: 'spapr-vfio: failed to create VFIO TCE table', why: OLD_HB },
  {
    file: CCW,
    format: 'vfio-ccw (devno %x.%x.%04x): %s',
    why: 'warn_report_once ("PFCH flag forced") saying that the force-orb-pfch=on option the user set took effect; it names its own cause',
  },
  {
    file: CCW,
    format: 'vfio: Unsupported device irq(%d)',
    why: 'a switch default for an interrupt index QEMU never passes; a QEMU bug',
  },
  {
    file: CCW,
    format: "vfio: Um, this isn't a vfio-ccw device",
    why: 'sysfsdev= points at a mediated device of another kind (vfio-ap, a vfio-pci mdev); the message names the cause',
  },
  {
    file: CCW,
    format: 'vfio: too few regions (%u), expected at least %u',
    why: 'kernel and QEMU disagree on the vfio_ccw region layout (also "Unexpected size of the I/O region", "… async cmd region", "… schib region", "… CRW region"); only with a kernel whose vfio_ccw uapi does not match, not met on distribution kernels',
  },
  {
    file: CCW,
    format: 'vfio: subchannel %s has already been attached',
    why: 'the same subchannel mdev given to two vfio-ccw devices of one VM; the message names the cause',
  },
  {
    file: AP,
    format: 'vfio: failed to read %s',
    why: 'the iommu_group link of an mdev always ends in the group number; this needs a broken sysfs',
  },
  {
    file: 'torvalds/linux drivers/s390/cio/vfio_ccw_drv.c',
    format: 'bound to subchannel %x.%x.%04x',
    why: 'VFIO_CCW_MSG_EVENT(): written to the s390 debug feature (/sys/kernel/debug/s390dbf/vfio_ccw_msg), not to the kernel log, like all VFIO_CCW_MSG_EVENT lines of vfio_ccw_drv.c and vfio_ccw_fsm.c (cp_init=%d, transport mode, notoper event, …)',
  },
  {
    file: TCE,
    format: 'tce_vfio: Group %d is already attached',
    why: 'the same group attached twice to one container, which the VFIO core and QEMU never do; a programming error of the caller',
  },
  {
    file: TCE,
    format: 'tce_vfio: detaching unattached group #%u',
    why: 'a consistency check at group release for a group the container does not hold; nothing for the device or the VM follows from it',
  },
  {
    file: TCE,
    format: 'tce_vfio: Wrong IOMMU type',
    why: 'the VFIO core opens the sPAPR TCE driver only for the IOMMU type it registered; unreachable from userspace',
  },
  {
    file: TCE,
    format: 'iommu_tce: %s failed ioba=%lx, tce=%lx, ret=%ld',
    why: "a TCE table write failing inside a DMA map request of the old sPAPR TCE IOMMU; the program mapping memory (QEMU's vfio_dma_map line with its errno) reports the failed mapping itself",
  },
  {
    file: TCE,
    format: 'tce_vfio: attaching group #%u to enabled container',
    why: 'old single-group TCE IOMMU: a group attached after the container was enabled, a sequence QEMU does not use (also "detaching group #%u, expected group is #%u")',
  },
  {
    file: TCE,
    format: 'tce_vfio: detaching group #%u from enabled container, forcing disable',
    why: 'old single-group TCE IOMMU: the group was released before its container was disabled, as when QEMU exits; the kernel disables it itself and nothing is lost',
  },
  {
    file: AP_OPS,
    format: '%s: apqn %04x: response: %02x',
    why: "the guest's request to enable interrupts for an AP queue (PQAP AQIC) was answered with an error code, which is handed back to the guest's crypto driver; the guest handles it, and a queue that is gone shows in the reset warnings",
  },
  {
    file: AP_OPS,
    format: '%s: tapq rc %02x: %04x',
    why: 'WARN_ONCE while disabling the interrupts of a queue that is not available any more (also "could not clear IR bit", "%s: ap_aqic status %d"); the reset of the same queue then reports the cause (kernel.vfio-ap-queue-reset-failed)',
  },
  {
    file: AP_OPS,
    format: '%s: invalid NIB address: nib=%pad, apqn=%#04x',
    why: 'VFIO_AP_DBF_WARN(): written to the s390 debug feature (/sys/kernel/debug/s390dbf/vfio_ap), not to the kernel log, like the other VFIO_AP_DBF_* lines of the driver',
  },
];
