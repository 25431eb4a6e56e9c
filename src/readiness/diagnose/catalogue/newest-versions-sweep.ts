/**
 * The newest releases' wordings the catalogue lacked (QEMU 9.0-10.x, Linux 6.8+, libvirt with
 * iommufd support): what QEMU prints when it live-migrates a VM with an assigned device (the
 * dirty-page tracking it turns on: the device's own DMA logging, the iommufd IOMMU's hardware
 * tracking or the type1 container's; the device's migration state machine; the vIOMMU and postcopy
 * refusals; the multifd device-state transfer of QEMU 10, hw/vfio/migration-multifd.c), the iommufd
 * backend's dirty-tracking warning and clean-up failures, the kernel's iommufd compatibility layer
 * serving /dev/vfio/vfio, the xe-vfio-pci variant driver's VF reset handshake with its PF, and
 * libvirt's own opening of /dev/iommu (src/util/viriommufd.c) with the per-process memory
 * accounting it asks for. The IGD rework of QEMU 10 (x-igd-lpc, x-igd-legacy-mode, "OpRegion
 * detected"), the device-open path of the iommufd backend and the Linux 6.8+ vfio-pci core lines
 * were already covered. NEWEST_ALSO and NEWEST_LEFT_OUT are this sweep's ledger for
 * docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const IOMMUFD_C = 'qemu/qemu hw/vfio/iommufd.c';
const BACKEND = 'qemu/qemu backends/iommufd.c';
const LISTENER = 'qemu/qemu hw/vfio/listener.c';
const MIGRATION = 'qemu/qemu hw/vfio/migration.c';
const MULTIFD = 'qemu/qemu hw/vfio/migration-multifd.c';
const VIRIOMMUFD = 'libvirt/libvirt src/util/viriommufd.c';

const Q = 'qemu-system-x86_64: ';
/** strerror() text after "%m" / error_setg_errno() (": <strerror>"). */
const ERR = '(?::\\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?';
/** A VFIO device name as QEMU prints it: a PCI address or an mdev UUID. */
const DEV = '(?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]|[0-9a-fA-F-]{36})';

/** Which tracker a "Could not start dirty page tracking" line names, from its reason text. */
function trackerOf(f: Facts): 'device' | 'iommufd' | 'type1' | undefined {
  const r = f.reason ?? '';
  if (f.dma || r.includes('DMA logging')) return 'device';
  if (r.includes('IOMMU_HWPT_SET_DIRTY_TRACKING')) return 'iommufd';
  if (f.flag || r.includes('dirty tracking flag')) return 'type1';
  return undefined;
}

function refineStartTracking(f: Facts): Refinement | undefined {
  switch (trackerOf(f)) {
    case 'device':
      return {
        cause:
          "the device tracks its own DMA writes (VFIO DMA logging, offered by migration drivers such as mlx5_vfio_pci) and its driver refused VFIO_DEVICE_FEATURE_DMA_LOGGING_START: QEMU hands it the guest's memory as up to three IOVA ranges (below 4 GiB, above 4 GiB, the 64-bit PCI hole) and the device's tracker could not cover them (too large a span or too many ranges for it), or the driver or its firmware failed. The migration is aborted and the VM keeps running on the source",
        fix: "read dmesg on the source at that moment for the migration driver's reason; a VM with less memory, or one without a 64-bit PCI hole far away, gives smaller ranges; from QEMU 9.1 `-device vfio-pci,...,x-device-dirty-page-tracking=off` makes QEMU use the IOMMU's (container) tracking instead, which with the iommufd backend is the IOMMU hardware's",
      };
    case 'iommufd':
      return {
        cause:
          "with the iommufd backend QEMU asked the host IOMMU to start hardware dirty tracking on the device's page table (IOMMU_HWPT_SET_DIRTY_TRACKING) and the kernel refused it: the IOMMU driver's dirty-tracking support failed for this domain (Intel VT-d needs scalable mode with second-stage dirty bits, AMD-Vi the HD/HA features, Arm SMMUv3 HTTU). The migration is aborted and the VM keeps running",
        fix: "read dmesg for the IOMMU driver's message; check the kernel's IOMMU dirty-tracking support for this platform (intel_iommu=sm_on on Intel); if the device's migration driver tracks DMA itself, let QEMU use that (x-device-dirty-page-tracking=on, the default)",
      };
    case 'type1':
      return {
        cause:
          'the legacy VFIO container (vfio_iommu_type1) refused VFIO_IOMMU_DIRTY_PAGES: type1 tracks dirty pages only by treating every pinned page as dirty, and this kernel or container did not accept the request (the errno says how). The migration is aborted and the VM keeps running',
        fix: 'use a device whose migration driver tracks DMA itself, or the iommufd backend (-object iommufd plus iommufd= on the device) on an IOMMU with hardware dirty tracking',
      };
    default:
      return undefined;
  }
}

/** What a failed migration state transition means for the state QEMU asked for. */
function refineSetState(f: Facts): Refinement | undefined {
  const s = f.state ?? '';
  if (s === 'STOP_COPY' || s.startsWith('PRE_COPY'))
    return {
      cause: `on the source QEMU asked the device's VFIO migration driver to enter ${s}, where it hands out its internal state; the driver refused (the device could not be quiesced or its state saved: a firmware or driver error, a device that is resetting). QEMU then tries to put it back in the recovery state it names, and the migration fails while the VM keeps running on the source`,
    };
  if (s === 'RESUMING')
    return {
      cause:
        "on the destination QEMU asked the device's VFIO migration driver to enter RESUMING, to load the state the source sent, and the driver refused: the destination device is not one this state fits (another model, firmware or configuration than the source's: a VF set up differently, another vGPU type), or it is busy or being reset. The incoming migration fails",
      fix: "give the destination the same device model, firmware and configuration (same VF settings, same vGPU type) as the source; read the destination's dmesg for the migration driver's reason",
    };
  if (s === 'RUNNING' || s === 'RUNNING_P2P' || s === 'STOP')
    return {
      cause: `QEMU moved the device to ${s} (stopping it for the final copy, or running it again after the migration ended or was cancelled) and the device's migration driver refused; QEMU tries its recovery state next and resets the device if that fails too, so the guest may see the device reset`,
    };
  return undefined;
}

export const NEWEST_VERSIONS_ENTRIES: CatalogueEntry[] = [
  // ---- Linux: the iommufd compatibility layer behind /dev/vfio/vfio ----
  {
    id: 'kernel.iommufd-vfio-compat',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommufd/main.c iommufd_fops_open()',
    format: 'IOMMUFD is providing /dev/vfio/vfio, not VFIO.\n',
    versions:
      'Linux 6.2+ built with CONFIG_IOMMUFD_VFIO_CONTAINER=y (pr_info_once: printed once per boot, when /dev/vfio/vfio is first opened)',
    patterns: [/IOMMUFD is providing \/dev\/vfio\/vfio, not VFIO/],
    severity: 'info',
    title: 'iommufd serves the legacy VFIO container (harmless)',
    cause:
      "the kernel is built with CONFIG_IOMMUFD_VFIO_CONTAINER: the legacy container node /dev/vfio/vfio that QEMU without iommufd=, libvirt and DPDK open is provided by iommufd's compatibility layer instead of vfio_iommu_type1, which emulates the type1 requests and accounts pinned memory per process as VFIO did. Harmless: the usual VFIO users keep working; the kernel's iommufd documentation lists the few type1 features the layer does not emulate",
    fix: 'nothing to do; if an old VFIO user misbehaves only on this kernel, compare with a kernel built with CONFIG_VFIO_CONTAINER=y (vfio_iommu_type1)',
    render: render('iommufd: '),
    examples: [ex('[  402.085386] iommufd: IOMMUFD is providing /dev/vfio/vfio, not VFIO.')],
  },
  // ---- Linux: the xe-vfio-pci variant driver (Intel GPU SR-IOV VFs) ----
  {
    id: 'kernel.xe-vfio-flr-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/xe/main.c xe_vfio_pci_reset_done() / xe_vfio_pci_reset_prepare()',
    format: 'Failed to wait for FLR: %d\n',
    versions:
      'the xe-vfio-pci variant driver (its ID table: Battlemage, Panther Lake and Wildcat Lake VFs); before the reset: "Failed to prepare FLR: %d"',
    patterns: [/Failed to (?<step>wait for|prepare) FLR: (?<err>-?\d{1,4})/],
    severity: 'error',
    title: "The xe PF driver did not finish its part of the VF's function-level reset",
    cause:
      "a function-level reset of an Intel GPU SR-IOV VF (at VM start and stop, or when the guest resets it) needs extra work by the PF's xe driver, before the reset and after it; xe-vfio-pci asked the PF for that and it failed or timed out (this errno). The VF may then be used while the PF has not finished, so the guest's driver can find the VF in an inconsistent state",
    fix: "read the PF's xe lines in dmesg at the same moment (its SR-IOV / GuC messages about this VF); update the kernel and the GPU firmware (linux-firmware's GuC); if the VF stays broken, disable and re-create the VFs (echo 0, then N, to the PF's sriov_numvfs)",
    refine: (f) =>
      f.step === 'prepare'
        ? {
            cause:
              "before a function-level reset of an Intel GPU SR-IOV VF, xe-vfio-pci asks the PF's xe driver to prepare the VF for it, and that failed (this errno); the reset goes ahead, and the PF's clean-up after it may fail too",
          }
        : undefined,
    render: render('xe-vfio-pci 0000:03:00.1: ', -110),
    examples: [
      ex('xe-vfio-pci 0000:03:00.1: Failed to wait for FLR: -110', { step: 'wait for', errno: 'ETIMEDOUT' }),
      ex('xe-vfio-pci 0000:03:00.2: Failed to prepare FLR: -5', { step: 'prepare', errno: 'EIO' }),
    ],
  },
  // ---- QEMU iommufd backend ----
  {
    id: 'qemu.iommufd-dirty-tracking-unsupported',
    source: 'qemu',
    cite: `${IOMMUFD_C} iommufd_cdev_autodomains_get()`,
    format: "IOMMU instance for device %s doesn't support dirty tracking",
    versions: 'QEMU 9.1+ with the iommufd backend (a warn_report at device start)',
    patterns: [new RegExp(`IOMMU instance for device ${DEV} doesn't support dirty tracking`)],
    severity: 'warning',
    title: "This device's host IOMMU cannot track dirty pages (matters only for migration)",
    cause:
      "with the iommufd backend QEMU gives each device a hardware page table with IOMMU dirty tracking when the device's IOMMU offers it (IOMMU_HW_CAP_DIRTY_TRACKING); an earlier device of this VM got one, this device sits behind an IOMMU without the capability, so the IOMMU cannot track the DMA writes of every device. The VM runs normally; a live migration must then rely on the devices' own DMA logging, or is refused",
    fix: 'nothing for a VM you do not live-migrate; for migration, put the assigned devices behind IOMMUs with dirty tracking (Intel scalable mode, AMD-Vi with HD/HA, Arm SMMUv3 HTTU) or use devices whose migration driver tracks DMA itself',
    render: render(Q, '0000:41:00.0'),
    examples: [
      ex(
        "qemu-system-x86_64: warning: IOMMU instance for device 0000:41:00.0 doesn't support dirty tracking",
        { dev: '0000:41:00.0' },
      ),
    ],
  },
  {
    id: 'qemu.iommufd-detach-failed',
    source: 'qemu',
    cite: `${IOMMUFD_C} iommufd_cdev_detach_ioas_hwpt()`,
    format: 'detach %s failed: %m',
    versions:
      'current QEMU (error_setg_errno; printed through error_report_err() by iommufd_cdev_detach_container() when the device is unplugged or QEMU exits)',
    patterns: [new RegExp(`detach ${DEV} failed${ERR}`)],
    severity: 'warning',
    title: 'iommufd: detaching the device from its address space failed (usually harmless)',
    cause:
      'while unplugging the device or shutting the VM down QEMU asked the kernel to detach it from its IO address space (VFIO_DEVICE_DETACH_IOMMUFD_PT) and the kernel refused (the errno says how: EINVAL when it was not attached). QEMU carries on and closes the device, which releases the attachment anyway; it matters only if the same QEMU process attaches the device again (a hot re-plug) and that fails',
    fix: 'nothing at shutdown; after a failed re-plug, restart the VM; a repeated failure with a recent QEMU is worth a report with the errno',
    render: render(Q, '0000:01:00.0', 'Invalid argument'),
    examples: [
      ex('qemu-system-x86_64: detach 0000:01:00.0 failed: Invalid argument', {
        dev: '0000:01:00.0',
        errno: 'EINVAL',
      }),
    ],
  },
  {
    id: 'qemu.iommufd-free-id-failed',
    source: 'qemu',
    cite: `${BACKEND} iommufd_backend_free_id()`,
    format: 'Failed to free id: %u %m',
    versions: 'QEMU 8.2+ (the iommufd backend)',
    patterns: [/Failed to free id: (?<id>\d{1,9})(?: (?<err>[A-Z][A-Za-z /-]{2,60}))?/],
    severity: 'warning',
    title: 'iommufd: QEMU could not destroy an IO address space or page table (harmless at exit)',
    cause:
      'when the last device leaves an IO address space (IOAS) or hardware page table QEMU destroys it with IOMMU_DESTROY; the kernel refused, typically EBUSY because a device or another object still uses it. The kernel frees every object of an iommufd when its file is closed, so at VM shutdown this is harmless; in a running VM after a hot-unplug the object stays allocated until QEMU exits',
    fix: 'nothing at shutdown; after a hot-unplug, restarting the VM releases it',
    render: render(Q, 3, 'Device or resource busy'),
    examples: [
      ex('qemu-system-x86_64: Failed to free id: 3 Device or resource busy', { id: '3', errno: 'EBUSY' }),
    ],
  },
  // ---- QEMU dirty-page tracking for live migration ----
  {
    id: 'qemu.dirty-tracking-start-failed',
    source: 'qemu',
    cite: `${LISTENER} vfio_listener_log_global_start() / vfio_devices_dma_logging_start() (hw/vfio/common.c in older releases)`,
    format: 'vfio: Could not start dirty page tracking - %s',
    versions:
      'QEMU 9.1+: the reason follows the dash ("%s: Failed to start DMA logging: <strerror>" from the device, "IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id %u) failed: <strerror>" from backends/iommufd.c, "Failed to set dirty tracking flag 0x1: <strerror>" from the type1 container); QEMU 8.x: "vfio: Could not start dirty page tracking, err: %d (%s)" with "%s: Failed to start DMA logging, err %d (%s)" or "Failed to set dirty tracking flag 0x%x errno: %d" on a line of their own',
    patterns: [
      /vfio: Could not start dirty page tracking(?: - (?<reason>[^\n]{1,240})|, err: (?<err>-?\d{1,4}))/,
      /Failed to (?:start|prepare) (?<dma>DMA logging)(?:, err (?<err>-?\d{1,4}))?/,
      /Failed to set dirty tracking (?<flag>flag 0x1)\b/,
    ],
    severity: 'error',
    title: 'Live migration failed: dirty-page tracking for the assigned device could not start',
    cause:
      "when a live migration (or a live snapshot) starts, QEMU must learn which guest pages the assigned device writes by DMA while the guest keeps running, and turns on dirty-page tracking for it: the device's own DMA logging when its migration driver offers it, otherwise the IOMMU's (the iommufd hardware page table, or the type1 container). That failed, so the migration is aborted and the VM keeps running on the source; the text after the dash (or the line before) names the tracker and the errno",
    fix: "read the reason after the dash and dmesg on the source at that moment; with x-device-dirty-page-tracking=off (QEMU 9.1+) QEMU uses the IOMMU tracking instead of the device's",
    refine: refineStartTracking,
    render: render(Q, '0000:01:00.0: Failed to start DMA logging: Operation not supported'),
    examples: [
      ex(
        'qemu-system-x86_64: vfio: Could not start dirty page tracking - 0000:01:00.0: Failed to start DMA logging: Operation not supported',
      ),
      ex(
        'qemu-system-x86_64: vfio: Could not start dirty page tracking - IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id 3) failed: Operation not supported',
      ),
      ex('qemu-system-x86_64: 0000:01:00.0: Failed to start DMA logging, err -7 (Argument list too long)', {
        dma: 'DMA logging',
      }),
      ex('qemu-system-x86_64: Failed to set dirty tracking flag 0x1 errno: 25', { flag: 'flag 0x1' }),
    ],
  },
  {
    id: 'qemu.dirty-tracking-stop-failed',
    source: 'qemu',
    cite: `${LISTENER} vfio_listener_log_global_stop() / vfio_devices_dma_logging_stop()`,
    format: 'vfio: Could not stop dirty page tracking - %s',
    versions:
      'QEMU 9.1+; QEMU 8.x: "vfio: Could not stop dirty page tracking, err: %d (%s)"; the device\'s part is a warning, "%s: Failed to stop DMA logging, err %d (%s)"',
    patterns: [
      /vfio: Could not stop dirty page tracking/,
      /Failed to stop DMA logging, err (?<err>-?\d{1,4})/,
      /Failed to set dirty tracking flag 0x2\b/,
    ],
    severity: 'warning',
    title: 'Dirty-page tracking could not be switched off after a migration',
    cause:
      "when a migration ends or is cancelled QEMU switches the dirty-page tracking of the assigned device off again (the device's DMA logging, or the IOMMU's) and the kernel refused. If the migration was still running it is marked failed; otherwise the VM continues and the tracking stays on (a little overhead in the device or IOMMU) until the device is reset or the VM stops",
    fix: "nothing urgent: the VM works; a later migration may fail to start tracking again, in which case restarting the VM (or resetting the device) clears it; read dmesg for the migration driver's reason",
    render: render(Q, 'IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id 3) failed: Invalid argument'),
    examples: [
      ex(
        'qemu-system-x86_64: vfio: Could not stop dirty page tracking - IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id 3) failed: Invalid argument',
      ),
      ex('qemu-system-x86_64: warning: 0000:01:00.0: Failed to stop DMA logging, err 22 (Invalid argument)', {
        errno: 'EINVAL',
      }),
    ],
  },
  {
    id: 'qemu.dirty-bitmap-query-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_legacy_query_dirty_bitmap() (hw/vfio/container-legacy.c in later releases), backends/iommufd.c iommufd_backend_get_dirty_bitmap(), hw/vfio/listener.c vfio_sync_dirty_bitmap()',
    format: 'Failed to get dirty bitmap for iova: 0x%lx size: 0x%lx',
    versions:
      'QEMU 9.1+ appends ": <strerror>", QEMU 5.1–9.0 " err: %d"; iommufd: "IOMMU_HWPT_GET_DIRTY_BITMAP (iova: 0x%x size: 0x%x) failed: <strerror>"; the device\'s own log: "%s: Failed to get DMA logging report, iova: 0x%x, size: 0x%x"; memory managed by virtio-mem: "Failed to sync dirty bitmap with RAM discard listener"',
    patterns: [
      /Failed to get dirty bitmap for iova: (?<iova>0x[0-9a-fA-F]{1,16}) size: (?<size>0x[0-9a-fA-F]{1,16})(?: err: (?<err>-?\d{1,4}))?/,
      /IOMMU_HWPT_GET_DIRTY_BITMAP \(iova: (?<iova>0x[0-9a-fA-F]{1,16}) size: (?<size>0x[0-9a-fA-F]{1,16})\) failed/,
      /Failed to get DMA logging report, iova: (?<iova>0x[0-9a-fA-F]{1,16})/,
      /Failed to sync dirty bitmap with RAM discard listener/,
    ],
    severity: 'error',
    title: 'Live migration failed: QEMU could not read which pages the device dirtied',
    cause:
      "during a live migration QEMU repeatedly asks the tracker (the device's DMA logging, the iommufd IOMMU's hardware bits, or the type1 container) which guest pages the assigned device wrote since the last round; that request failed for this range, so QEMU cannot know which pages to resend and fails the migration (the VM keeps running on the source). The tracker may have been stopped under QEMU (a device reset), or the range is one it was never told to track (memory plugged or remapped after tracking started)",
    fix: "read dmesg on the source for the migration driver's or IOMMU driver's reason; retry the migration; avoid memory hotplug or virtio-mem resizing during a migration",
    render: render(Q, 0x100000000, 0x40000000),
    examples: [
      ex(
        'qemu-system-x86_64: Failed to get dirty bitmap for iova: 0x0 size: 0xa0000 err: 0',
        { iova: '0x0', size: '0xa0000' },
        'https://github.com/nutanix/libvfio-user/pull/457',
      ),
      ex(
        'qemu-system-x86_64: IOMMU_HWPT_GET_DIRTY_BITMAP (iova: 0x100000000 size: 0x40000000) failed: Invalid argument',
        { iova: '0x100000000', size: '0x40000000' },
      ),
    ],
  },
  // ---- QEMU VFIO migration (hw/vfio/migration.c) ----
  {
    id: 'qemu.migration-set-state-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_migration_set_state()`,
    format: '%s: Failed setting device state to %s.',
    versions:
      'QEMU 9.1+: "%s: Failed setting device state to %s. Setting device in recover state %s: <strerror>" or "... Recover state is ERROR. Resetting device: <strerror>"; QEMU 8.0–9.0: "%s: Failed setting device state to %s, err: %s. Setting device in recover state %s"',
    patterns: [/Failed setting device state to (?<state>[A-Z_]{4,16})[.,]/],
    severity: 'error',
    title: "The device's migration driver refused a migration state change",
    cause:
      "QEMU drives the assigned device through the VFIO migration states (RUNNING, PRE_COPY, STOP, STOP_COPY, RESUMING) with VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE, and the device's migration driver (mlx5_vfio_pci, hisi_acc_vfio_pci, pds_vfio_pci, a vGPU manager) refused this one; QEMU then tries the recovery state it names and resets the device when that is ERROR. The migration fails",
    fix: "read dmesg at the same moment on that host for the migration driver's reason; check that source and destination devices match (model, firmware, VF or vGPU configuration)",
    refine: refineSetState,
    render: render(Q, '0000:01:00.0', 'STOP_COPY'),
    examples: [
      ex(
        'qemu-system-x86_64: 0000:01:00.0: Failed setting device state to STOP_COPY, err: Input/output error. Setting device in recover state RUNNING',
        { state: 'STOP_COPY' },
      ),
      ex(
        'qemu-system-x86_64: 0000:01:00.0: Failed setting device state to RESUMING. Recover state is ERROR. Resetting device: Invalid argument',
        { state: 'RESUMING' },
      ),
    ],
  },
  {
    id: 'qemu.migration-recover-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_migration_set_state()`,
    format: '%s: Failed setting device in recover state, err: %s. Resetting device',
    versions:
      'then, if the reset fails too, hw_error("%s: Failed resetting device, err: %s"), which aborts QEMU; QEMU 8.0 went to hw_error() directly ("%s: Failed setting device in recover state, err: %s")',
    patterns: [/Failed setting device in recover state/, /: Failed resetting device, err: /],
    severity: 'error',
    title: 'The device could not be returned to a usable migration state',
    cause:
      "a migration state change had already failed and the device's migration driver also refused the recovery state, so QEMU resets the device (the guest sees its device reset); if even VFIO_DEVICE_RESET fails QEMU stops with a hardware error and the VM is gone. The device or its driver is in a bad state",
    fix: "read dmesg for the migration driver's messages; reset or re-create the VF / vGPU (or reload its driver) before using it again; update the device firmware and driver if it repeats",
    render: render(Q, '0000:01:00.0', 'Input/output error'),
    examples: [
      ex(
        'qemu-system-x86_64: 0000:01:00.0: Failed setting device in recover state, err: Input/output error. Resetting device',
      ),
      ex('qemu: hardware error: 0000:01:00.0: Failed resetting device, err: Input/output error'),
    ],
  },
  {
    id: 'qemu.migration-postcopy-unsupported',
    source: 'qemu',
    cite: `${MIGRATION} vfio_save_prepare()`,
    format: '%s: VFIO migration is not supported with postcopy migration',
    versions:
      'checked when a migration starts (a savevm snapshot is exempt); the same function refuses background snapshots: "%s: VFIO migration is not supported with background snapshot"',
    patterns: [/VFIO migration is not supported with (?<mode>postcopy migration|background snapshot)/],
    severity: 'error',
    title: 'A VM with a migratable VFIO device cannot use postcopy or a background snapshot',
    cause:
      "the migration was started with the postcopy-ram capability (or as a background snapshot); a VFIO device hands its state over only in the stop-and-copy phase, which postcopy and background snapshots skip, so QEMU refuses to start the migration. Postcopy also cannot work for an assigned device by its nature: the destination runs before all guest RAM is there and fetches each page on its first access (a CPU page fault), but a device's DMA into a page not yet transferred takes no such fault. Nothing changed on the source VM (QEMU releases before this check let it start and failed on the destination)",
    fix: 'migrate without postcopy (drop --postcopy / --postcopy-after-precopy from virsh migrate, or `migrate-set-capabilities postcopy-ram off`); take a snapshot the ordinary way (the VM paused) instead of a background snapshot',
    refine: (f) =>
      f.mode === 'background snapshot'
        ? {
            cause:
              'a background snapshot (snapshot-save while the guest keeps running, background-snapshot capability) was requested; a VFIO device saves its state only in the stop-and-copy phase, which a background snapshot does not have, so QEMU refuses it',
            fix: 'take the snapshot with the VM paused (ordinary savevm / virsh snapshot-create without --live), or turn the background-snapshot capability off',
          }
        : undefined,
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: VFIO migration is not supported with postcopy migration', {
        mode: 'postcopy migration',
      }),
      ex('qemu-system-x86_64: 0000:01:00.0: VFIO migration is not supported with background snapshot', {
        mode: 'background snapshot',
      }),
    ],
  },
  {
    id: 'qemu.migration-viommu-blocked',
    source: 'qemu',
    cite: `${MIGRATION} vfio_migration_realize() (older: hw/vfio/common.c vfio_block_giommu_migration())`,
    format: '%s: Migration is currently not supported with vIOMMU enabled',
    versions:
      'older releases printed it without the device name (hw/vfio/common.c vfio_block_giommu_migration()); shown as the reason a migration is refused, or at start-up when the device has enable-migration=on',
    patterns: [/Migration is currently not supported with vIOMMU enabled/],
    severity: 'warning',
    title: 'Live migration is blocked: the VM has a virtual IOMMU',
    cause:
      "the VM has a virtual IOMMU (intel-iommu, virtio-iommu, an <iommu> element) and a migratable VFIO device; the device's own dirty tracking follows the address ranges set when tracking starts, which a guest IOMMU remaps at will, so QEMU registers a migration blocker for this VM. The VM runs normally; only live migration is refused (with enable-migration=on the device refuses to start instead)",
    fix: 'remove the virtual IOMMU from a VM that must live-migrate, or accept that this VM is migrated cold (shut down and started elsewhere)',
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: Migration is currently not supported with vIOMMU enabled'),
    ],
  },
  {
    id: 'qemu.migration-data-fd-out-of-sync',
    source: 'qemu',
    cite: `${MIGRATION} vfio_migration_set_state()`,
    format: '%s: data_fd out of sync',
    versions: 'an Error passed up in current releases, an error_report() in older ones',
    patterns: [/: data_fd out of sync/],
    severity: 'error',
    title: "The device's migration data stream was cut by a reset",
    cause:
      'a migration state change returned a new data file descriptor while QEMU still held the previous one: the QEMU source notes this happens when the device is reset asynchronously and its driver ends the data transfer in progress (a guest driver or host action resetting the device during the migration). The migration fails',
    fix: 'retry the migration; find what reset the device meanwhile (guest driver recovery, FLR, a host tool) in the guest log and dmesg',
    render: render(Q, '0000:01:00.0'),
    examples: [ex('qemu-system-x86_64: 0000:01:00.0: data_fd out of sync')],
  },
  {
    id: 'qemu.migration-config-load-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_load_device_config_state()`,
    format: '%s: Failed to load device config space',
    versions:
      'the same function: "%s: Failed loading device config space, end flag incorrect 0x%"PRIx64 when the stream is not what it expects',
    patterns: [
      /Failed to load device config space/,
      /Failed loading device config space, end flag incorrect (?<flag>0x[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: "The destination could not apply the device's PCI configuration from the migration stream",
    cause:
      "on the destination QEMU restores the assigned device's emulated PCI state (config space, MSI/MSI-X set-up, BAR layout) from the stream and that failed, or the stream did not end where the destination's layout expects: source and destination do not describe the device the same way (another QEMU version, another machine type, different -device vfio-pci options or another device), or the stream is damaged. The incoming migration fails",
    fix: 'run the same QEMU version and machine type on both hosts and give the device identical options (libvirt: the same <hostdev> definition); the line before may name the part that failed',
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: Failed to load device config space'),
      ex('qemu-system-x86_64: 0000:01:00.0: Failed loading device config space, end flag incorrect 0x0', {
        flag: '0x0',
      }),
    ],
  },
  {
    id: 'qemu.migration-config-save-failed',
    source: 'qemu',
    cite: `${MIGRATION} vfio_save_state()`,
    format: 'vfio: Failed to save device config space of %s - ',
    versions:
      'QEMU 9.1+ (the reason follows the dash, e.g. vfio_save_device_config_state()\'s "Failed to save state: <strerror>"); QEMU 8.0–9.0: "%s: Failed to save device config space" with no reason; the migration stream is marked failed',
    patterns: [
      new RegExp(`vfio: Failed to save device config space of ${DEV} - `),
      // QEMU 8.0–9.0: error_report("%s: Failed to save device config space") from vfio_save_state()
      /[0-9a-fA-F]: Failed to save device config space/,
    ],
    severity: 'error',
    title: "Live migration failed: the source could not save the device's PCI configuration",
    cause:
      "at the end of a migration the source saves the assigned device's emulated PCI state (config space, MSI/MSI-X set-up) into the stream after the device's own state; that failed (the reason follows the dash: the device's config save handler refused, or the migration stream itself already failed, e.g. the connection to the destination dropped), so the migration fails and the VM keeps running on the source",
    fix: 'read the reason after the dash; if it is the stream (an I/O error), check the connection to the destination and retry',
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex(
        'qemu-system-x86_64: vfio: Failed to save device config space of 0000:01:00.0 - Failed to save state: Input/output error',
        { dev: '0000:01:00.0' },
      ),
    ],
  },
  {
    id: 'qemu.cpr-fd-needs-id',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_get_name()',
    format: 'vfio device with fd=%d needs an id property',
    versions: 'QEMU 10.x with cpr-transfer support (a migration blocker for that mode only)',
    patterns: [/vfio device with fd=(?<fd>\d{1,6}) needs an id property/],
    severity: 'warning',
    title: 'A VFIO device passed by file descriptor has no id, so cpr-transfer is blocked',
    cause:
      'the device was given to QEMU as an already-open file descriptor (fd=, as a management layer passes it) without an id; QEMU then names it after the fd number, which changes in the new process of a cpr-transfer (CheckPoint-Restart) upgrade, so it blocks that migration mode. Ordinary migration and running the VM are not affected',
    fix: 'give the device an id (-device vfio-pci,fd=N,id=hostdev0; libvirt always sets one)',
    render: render(Q, 23),
    examples: [ex('qemu-system-x86_64: vfio device with fd=23 needs an id property', { fd: '23' })],
  },
  // ---- QEMU 10 multifd device-state transfer (hw/vfio/migration-multifd.c) ----
  {
    id: 'qemu.multifd-transfer-unsupported',
    source: 'qemu',
    cite: `${MULTIFD} vfio_multifd_setup()`,
    format: '%s: Multifd device transfer requested but unsupported in the current config',
    versions: 'QEMU 10.0+ (x-migration-multifd-transfer on vfio-pci, default auto)',
    patterns: [/Multifd device transfer requested but unsupported in the current config/],
    severity: 'error',
    title: "The device's state cannot go through multifd channels in this migration",
    cause:
      "the device has x-migration-multifd-transfer=on, which sends its state over the multifd migration channels, but this migration cannot carry device state that way: that needs the multifd capability without compression or mapped-ram and the migration's switchover-start signal (migration property send-switchover-start). QEMU refuses the migration",
    fix: 'enable the multifd capability (without multifd compression or mapped-ram) on both sides, or leave x-migration-multifd-transfer at auto (or off) so QEMU falls back to the main channel',
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex(
        'qemu-system-x86_64: 0000:01:00.0: Multifd device transfer requested but unsupported in the current config',
      ),
    ],
  },
  {
    id: 'qemu.multifd-queue-limit',
    source: 'qemu',
    cite: `${MULTIFD} vfio_load_state_buffer_insert()`,
    format: '%s: queuing state buffer %u would exceed the size max of %lu',
    versions:
      'QEMU 10.1: the limit is the vfio-pci property x-migration-max-queued-buffers-size (bytes, unlimited by default); an earlier form of the series counted buffers ("would exceed the max of %")',
    patterns: [/queuing state buffer (?<idx>\d{1,10}) would exceed the (?:size )?max of (?<max>\d{1,20})/],
    severity: 'error',
    title: 'Incoming migration: device state arrived faster than the device could load it',
    cause:
      'on the destination, device state arriving over the multifd channels is queued until the device has loaded the buffers before it; the queue outgrew the limit set on the device (x-migration-max-queued-buffers-size), so the incoming migration fails. The device loads its state slower than the network delivers it, or the limit is small',
    fix: 'raise or remove x-migration-max-queued-buffers-size on the destination device (it is unlimited by default), or use fewer multifd channels',
    render: render(Q, '0000:01:00.0', 41, 1073741824),
    examples: [
      ex(
        'qemu-system-x86_64: 0000:01:00.0: queuing state buffer 41 would exceed the size max of 1073741824',
        {
          idx: '41',
          max: '1073741824',
        },
      ),
    ],
  },
  {
    id: 'qemu.multifd-config-mismatch',
    source: 'qemu',
    cite: `${MULTIFD} vfio_multifd_load_state_buffer() / vfio_load_state_config_load_ready()`,
    format: '%s: got device state packet but not doing multifd transfer',
    versions:
      'QEMU 10.0+; the same mismatch for the config part: "%s: got DEV_CONFIG_LOAD_READY outside multifd transfer", "%s: got DEV_CONFIG_LOAD_READY but was disabled" (x-migration-load-config-after-iter)',
    patterns: [
      /got device state packet but not doing multifd transfer/,
      /got DEV_CONFIG_LOAD_READY (?:outside multifd transfer|but was disabled)/,
    ],
    severity: 'error',
    title: 'Source and destination disagree on how the device state is transferred',
    cause:
      "the source sends this device's state over the multifd channels (or signals a late config load) but the destination's device is not set up for it: x-migration-multifd-transfer (or x-migration-load-config-after-iter) differs between the two QEMUs, or the destination's migration capabilities do not allow multifd device state. The incoming migration fails",
    fix: 'give the device the same x-migration-* options on both sides and enable the same migration capabilities (multifd) on source and destination; with a management layer, run the same QEMU version on both',
    render: render(Q, '0000:01:00.0'),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: got device state packet but not doing multifd transfer'),
      ex('qemu-system-x86_64: 0000:01:00.0: got DEV_CONFIG_LOAD_READY but was disabled'),
    ],
  },
  {
    id: 'qemu.multifd-packet-invalid',
    source: 'qemu',
    cite: `${MULTIFD} vfio_multifd_load_state_buffer() / vfio_load_state_buffer_insert()`,
    format: '%s: packet has unknown version %u',
    versions:
      'QEMU 10.0+; its siblings: "%s: packet too short at %zu (min is %zu)", "%s: packet index is invalid", "%s: state buffer %"PRIu32" already filled"',
    patterns: [
      /: packet has unknown version (?<version>\d{1,10})/,
      /: packet too short at \d{1,12} \(min is \d{1,6}\)/,
      /: packet index is invalid/,
      /: state buffer \d{1,10} already filled/,
    ],
    severity: 'error',
    title: 'Incoming migration: a device-state packet the destination does not understand',
    cause:
      'the destination received a VFIO device-state packet over a multifd channel that it cannot use: a packet format version it does not know (the source runs a QEMU with another format), a truncated packet, an invalid index or one sent twice. Source and destination QEMU do not speak the same device-state format, or the stream was damaged. The incoming migration fails',
    fix: 'run the same QEMU version on source and destination; if they match, check the migration transport (a proxy or tunnel altering the stream)',
    render: render(Q, '0000:01:00.0', 1),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: packet has unknown version 1', { version: '1' }),
      ex('qemu-system-x86_64: 0000:01:00.0: state buffer 7 already filled'),
    ],
  },
  {
    id: 'qemu.multifd-state-io-failed',
    source: 'qemu',
    cite: `${MULTIFD} vfio_load_state_buffer_write() / vfio_multifd_save_complete_precopy_thread()`,
    format: '%s: writing state buffer %u failed: %d',
    versions:
      'QEMU 10.0+; on the source: "%s: reading state buffer %"PRIu32" failed: %d"; the number is a positive errno',
    patterns: [/: (?<dir>writing|reading) state buffer (?<idx>\d{1,10}) failed: (?<err>\d{1,4})/],
    severity: 'error',
    title: "The device's migration driver failed while moving its state",
    cause:
      "QEMU moves the device's state through the data file descriptor its migration driver opened; a write to it (on the destination, loading the state) or a read from it (on the source, saving it) failed with this errno. The driver rejected or could not produce the state; the migration fails",
    fix: "read dmesg on that host at the same moment for the migration driver's reason; check that both devices match (model, firmware, configuration)",
    refine: (f) =>
      f.dir === 'writing'
        ? {
            cause:
              "on the destination QEMU writes the received device state into the device through its migration driver's data file descriptor, and the driver rejected a buffer (this errno): the state does not fit this device (another model, firmware or configuration than the source's) or the device failed while loading it. The incoming migration fails",
          }
        : {
            cause:
              "on the source QEMU reads the device's state from its migration driver's data file descriptor during the final stop-and-copy, and the read failed (this errno): the driver could not produce the state (a device or firmware error, a reset meanwhile). The migration fails and the VM keeps running on the source",
          },
    render: render(Q, '0000:01:00.0', 12, 5),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: writing state buffer 12 failed: 22', {
        dir: 'writing',
        errno: 'EINVAL',
      }),
      ex('qemu-system-x86_64: 0000:01:00.0: reading state buffer 3 failed: 5', {
        dir: 'reading',
        errno: 'EIO',
      }),
    ],
  },
  {
    id: 'qemu.multifd-config-state-failed',
    source: 'qemu',
    cite: `${MULTIFD} vfio_load_bufs_thread_load_config()`,
    format: '%s: vfio_load_device_config_state() failed: %d',
    versions:
      'QEMU 10.0+; its siblings: "%s: expected FLAG_DEV_CONFIG_STATE but got %"PRIx64, "%s: load config state flush failed: %d"',
    patterns: [
      /vfio_load_device_config_state\(\) failed: (?<err>-?\d{1,4})/,
      /expected FLAG_DEV_CONFIG_STATE but got (?<got>[0-9a-fA-F]{1,16})/,
      /load config state flush failed: (?<err>-?\d{1,4})/,
    ],
    severity: 'error',
    title: "Incoming multifd migration: the device's PCI configuration could not be restored",
    cause:
      'after loading the device\'s internal state, the destination restores its emulated PCI configuration from the last multifd packet, and that failed or the packet is not a configuration packet: source and destination describe the device differently (QEMU version, machine type, -device options) or the stream is damaged. The incoming migration fails; a "Failed to load device config space" line before it names the part',
    fix: 'run the same QEMU version and machine type on both hosts with identical device options',
    render: render(Q, '0000:01:00.0', -22),
    examples: [
      ex('qemu-system-x86_64: 0000:01:00.0: vfio_load_device_config_state() failed: -22', {
        errno: 'EINVAL',
      }),
    ],
  },
  // ---- libvirt: /dev/iommu opened by libvirt and handed to QEMU ----
  {
    id: 'libvirt.iommufd-open-failed',
    source: 'libvirt',
    cite: `${VIRIOMMUFD} virIOMMUFDOpenDevice()`,
    format: 'cannot open IOMMUFD device',
    versions:
      'libvirt with iommufd support for host devices (virReportSystemError appends ": <strerror>"); on a platform without iommufd: "IOMMUFD is not supported on this platform"',
    patterns: [
      /cannot open IOMMUFD device(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /IOMMUFD is not supported on this platform/,
    ],
    severity: 'error',
    title: 'libvirt could not open /dev/iommu for the VM',
    cause:
      'the domain assigns a host device through iommufd, so libvirt opens /dev/iommu itself and passes the descriptor to QEMU; opening it failed (the errno says why) and the VM does not start',
    fix: 'check `ls -l /dev/iommu` and `modprobe iommufd`; or assign the device without iommufd (the legacy VFIO container)',
    refine: (f) => {
      switch (f.errno) {
        case 'ENOENT':
        case 'ENODEV':
        case 'ENXIO':
          return {
            cause:
              '/dev/iommu does not exist: the kernel is built without CONFIG_IOMMUFD, or the iommufd module is not loaded (its node appears when it loads)',
            fix: '`modprobe iommufd` (and list it in /etc/modules-load.d/ for boots); with a kernel lacking CONFIG_IOMMUFD, assign the device without iommufd',
          };
        case 'EACCES':
        case 'EPERM':
          return {
            cause:
              'the libvirt daemon may not open /dev/iommu: it runs unprivileged (session libvirt, a container without the device), or SELinux/AppArmor denies the open (look for an AVC or apparmor="DENIED" line naming /dev/iommu)',
            fix: 'use the system libvirt (qemu:///system) or give the container /dev/iommu; allow /dev/iommu in the security policy (ausearch -m avc -ts recent, or the libvirtd/virtqemud AppArmor profile)',
          };
        default:
          return undefined;
      }
    },
    render: render('error: '),
    examples: [
      ex('error: cannot open IOMMUFD device: No such file or directory', { errno: 'ENOENT' }),
      ex('virtqemud[991]: cannot open IOMMUFD device: Permission denied', { errno: 'EACCES' }),
    ],
  },
  {
    id: 'libvirt.iommufd-option-failed',
    source: 'libvirt',
    cite: `${VIRIOMMUFD} virIOMMUFDSetRLimitMode()`,
    format: 'failed to set iommufd option',
    versions:
      'libvirt with iommufd support; for EINVAL: "invalid iommufd option parameters"; the first release said "failed to set memory accounting for iommufd" for every errno (virReportSystemError appends ": <strerror>")',
    patterns: [
      /failed to set iommufd option/,
      /invalid iommufd option parameters/,
      /failed to set memory accounting for iommufd/,
    ],
    severity: 'error',
    title: "libvirt could not set iommufd's memory accounting for the VM",
    cause:
      "after opening /dev/iommu libvirt asks iommufd (IOMMU_OPTION, IOMMU_OPTION_RLIMIT_MODE) to count the VM's pinned memory against the QEMU process's own locked-memory limit instead of the user's; the kernel refused in a way libvirt treats as fatal (EINVAL: the kernel rejected the option's parameters), so the VM does not start",
    fix: 'update the kernel (the option exists since Linux 6.2) and libvirt; meanwhile assign the device without iommufd',
    render: render('error: '),
    examples: [
      ex('error: invalid iommufd option parameters: Invalid argument'),
      ex('error: failed to set memory accounting for iommufd: Inappropriate ioctl for device'),
    ],
  },
  {
    id: 'libvirt.iommufd-rlimit-mode-fallback',
    source: 'libvirt',
    cite: `${VIRIOMMUFD} virIOMMUFDSetRLimitMode()`,
    format: 'IOMMU_OPTION_RLIMIT_MODE not supported by kernel',
    versions:
      'libvirt with iommufd support (VIR_WARN); its siblings: "IOMMU_OPTION ioctl not supported" (ENOTTY) and "Permission denied for IOMMU_OPTION ioctl. Per-user-based memory accounting to be used by default." (EPERM)',
    patterns: [
      /IOMMU_OPTION_RLIMIT_MODE not supported by kernel/,
      /IOMMU_OPTION ioctl not supported/,
      /Permission denied for IOMMU_OPTION ioctl/,
    ],
    severity: 'warning',
    title: 'iommufd keeps per-user memory accounting: the VMs of one user share a locked-memory limit',
    cause:
      "libvirt asks iommufd to count each VM's pinned memory against that QEMU process's own RLIMIT_MEMLOCK (which libvirt sizes per VM); the kernel lacks the option, or refused it because the caller lacks CAP_SYS_RESOURCE (EPERM), so iommufd keeps its default: pinned memory is counted per user. Every VM running as the same user (qemu) then shares one limit, and a later VM's DMA mapping can fail with ENOMEM although its own limit is large enough",
    fix: "run libvirt's daemon with CAP_SYS_RESOURCE (the system daemon as root has it) or use a kernel with IOMMU_OPTION_RLIMIT_MODE; otherwise raise the qemu user's memlock limit to cover all its VMs",
    render: render('virtqemud[991]: warning : virIOMMUFDSetRLimitMode:88 : '),
    examples: [
      ex(
        'virtqemud[991]: warning : virIOMMUFDSetRLimitMode:88 : IOMMU_OPTION_RLIMIT_MODE not supported by kernel',
      ),
      ex(
        'virtqemud[991]: warning : virIOMMUFDSetRLimitMode:98 : Permission denied for IOMMU_OPTION ioctl. Per-user-based memory accounting to be used by default.',
      ),
    ],
  },
];

/** Sibling wordings the entries above also recognise (docs/diagnose-coverage.md). */
export const NEWEST_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.xe-vfio-flr-failed',
    file: 'torvalds/linux drivers/vfio/pci/xe/main.c',
    format: 'Failed to prepare FLR: %d\n',
    text: 'xe-vfio-pci 0000:03:00.1: Failed to prepare FLR: -19',
  },
  {
    id: 'qemu.dirty-tracking-start-failed',
    file: LISTENER,
    format: '%s: Failed to start DMA logging',
    text: 'qemu-system-x86_64: vfio: Could not start dirty page tracking - 0000:01:00.0: Failed to start DMA logging: Argument list too long',
  },
  {
    id: 'qemu.dirty-tracking-start-failed',
    file: 'qemu/qemu hw/vfio/common.c',
    format: 'vfio: Could not start dirty page tracking, err: %d (%s)',
    text: 'qemu-system-x86_64: vfio: Could not start dirty page tracking, err: -95 (Operation not supported)',
  },
  {
    id: 'qemu.dirty-tracking-start-failed',
    file: BACKEND,
    format: 'IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id %u) failed',
    text: 'qemu-system-x86_64: vfio: Could not start dirty page tracking - IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id 4) failed: Invalid argument',
  },
  {
    id: 'qemu.dirty-tracking-start-failed',
    file: 'qemu/qemu hw/vfio/container.c',
    format: 'Failed to set dirty tracking flag 0x%x',
    text: 'qemu-system-x86_64: vfio: Could not start dirty page tracking - Failed to set dirty tracking flag 0x1: Inappropriate ioctl for device',
  },
  {
    id: 'qemu.dirty-tracking-stop-failed',
    file: LISTENER,
    format: '%s: Failed to stop DMA logging, err %d (%s)',
    text: 'qemu-system-x86_64: warning: 0000:01:00.0: Failed to stop DMA logging, err 5 (Input/output error)',
  },
  {
    id: 'qemu.dirty-bitmap-query-failed',
    file: BACKEND,
    format: 'IOMMU_HWPT_GET_DIRTY_BITMAP (iova: 0x%lx size: 0x%lx) failed',
    text: 'qemu-system-x86_64: IOMMU_HWPT_GET_DIRTY_BITMAP (iova: 0x0 size: 0x80000000) failed: Invalid argument',
  },
  {
    id: 'qemu.dirty-bitmap-query-failed',
    file: LISTENER,
    format: 'Failed to sync dirty bitmap with RAM discard listener',
    text: 'qemu-system-x86_64: Failed to sync dirty bitmap with RAM discard listener',
  },
  {
    id: 'qemu.dirty-bitmap-query-failed',
    file: 'qemu/qemu hw/vfio/common.c',
    format: '%s: Failed to get DMA logging report, iova: 0x%lx, size: 0x%lx',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed to get DMA logging report, iova: 0xc0000, size: 0xa000: Invalid argument',
  },
  {
    id: 'qemu.migration-recover-failed',
    file: MIGRATION,
    format: '%s: Failed resetting device, err: %s',
    text: 'qemu: hardware error: 0000:01:00.0: Failed resetting device, err: Inappropriate ioctl for device',
  },
  {
    id: 'qemu.migration-postcopy-unsupported',
    file: MIGRATION,
    format: '%s: VFIO migration is not supported with background snapshot',
    text: 'qemu-system-x86_64: 0000:01:00.0: VFIO migration is not supported with background snapshot',
  },
  {
    id: 'qemu.migration-config-load-failed',
    file: MIGRATION,
    format: '%s: Failed loading device config space, end flag incorrect 0x%lx',
    text: 'qemu-system-x86_64: 0000:01:00.0: Failed loading device config space, end flag incorrect 0xffffffffef100003',
  },
  {
    id: 'qemu.multifd-config-mismatch',
    file: MULTIFD,
    format: '%s: got DEV_CONFIG_LOAD_READY outside multifd transfer',
    text: 'qemu-system-x86_64: 0000:01:00.0: got DEV_CONFIG_LOAD_READY outside multifd transfer',
  },
  {
    id: 'qemu.multifd-packet-invalid',
    file: MULTIFD,
    format: '%s: packet too short at %zu (min is %zu)',
    text: 'qemu-system-x86_64: 0000:01:00.0: packet too short at 8 (min is 12)',
  },
  {
    id: 'qemu.multifd-packet-invalid',
    file: MULTIFD,
    format: '%s: packet index is invalid',
    text: 'qemu-system-x86_64: 0000:01:00.0: packet index is invalid',
  },
  {
    id: 'qemu.multifd-state-io-failed',
    file: MULTIFD,
    format: '%s: reading state buffer %u failed: %d',
    text: 'qemu-system-x86_64: 0000:01:00.0: reading state buffer 0 failed: 14',
  },
  {
    id: 'qemu.multifd-config-state-failed',
    file: MULTIFD,
    format: '%s: expected FLAG_DEV_CONFIG_STATE but got %lx',
    text: 'qemu-system-x86_64: 0000:01:00.0: expected FLAG_DEV_CONFIG_STATE but got ffffffffef100004',
  },
  {
    id: 'libvirt.iommufd-option-failed',
    file: VIRIOMMUFD,
    format: 'invalid iommufd option parameters',
    text: 'error: invalid iommufd option parameters: Invalid argument',
  },
  {
    id: 'libvirt.iommufd-rlimit-mode-fallback',
    file: VIRIOMMUFD,
    format: 'IOMMU_OPTION ioctl not supported',
    text: 'libvirtd[1123]: warning : virIOMMUFDSetRLimitMode:80 : IOMMU_OPTION ioctl not supported',
  },
  {
    id: 'libvirt.iommufd-rlimit-mode-fallback',
    file: VIRIOMMUFD,
    format:
      'Permission denied for IOMMU_OPTION ioctl. Per-user-based memory accounting to be used by default.',
    text: 'virtqemud[991]: warning : virIOMMUFDSetRLimitMode:98 : Permission denied for IOMMU_OPTION ioctl. Per-user-based memory accounting to be used by default.',
  },
];

/** Format strings of the swept files left out, with the reason (docs/diagnose-coverage.md). */
export const NEWEST_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: `${IOMMUFD_C}`,
    format: 'failed to find vfio-dev/vfioX/dev',
    why: 'the cdev lookup of iommufd_cdev_getfd(); its failures (no vfio-dev directory, no /dev/vfio/devices node) are explained by qemu.iommufd-vfio-dev-missing and qemu.iommufd-cdev-missing',
  },
  {
    file: `${BACKEND}`,
    format: 'Could not parse remote object fd %s:',
    why: "prepended to the monitor's own fd lookup error when a management layer passes an iommufd fd it did not send; a management-layer bug, not a host setup a user can fix",
  },
  {
    file: `${MULTIFD}`,
    format: '%s: multifd data queuing failed',
    why: "follows a failure of the migration core's multifd channels, which the migration core reports itself; nothing specific to the device",
  },
];
