/**
 * Catalogue entries for mediated devices (vGPUs): the kernel's mdev core
 * (drivers/vfio/mdev/mdev_core.c), mdevctl (the tool libvirt and users create them with), Intel
 * GVT-g (drivers/gpu/drm/i915/gvt/) and NVIDIA's vGPU stack: the nvidia-vgpu-vfio kernel module
 * and the nvidia-vgpu-mgr daemon, whose "vmiop_log:" lines land in the journal. The daemon is
 * closed source: its entries quote the wording of public logs and NVIDIA's vGPU documentation, and
 * say so in `cite`; the guest-driver side of the version handshake is in
 * NVIDIA/open-gpu-kernel-modules.
 *
 * Creating an mdev is a write of a UUID to mdev_supported_types/TYPE/create; the errno of that write
 * is the cause: mdev_device_create() returns EEXIST for a UUID already in use and ENODEV while the
 * parent driver unregisters, and the parent driver's own create hook returns the rest (GVT-g:
 * ENOSPC when its aperture or fences run out).
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const VGPU_MGR = 'nvidia-vgpu-mgr[4090]: ';
/** Closed-source daemon: where its wording comes from. */
const VGPU_MGR_CITE =
  'NVIDIA nvidia-vgpu-mgr (closed source; wording from public logs and the NVIDIA vGPU user guide)';
const VGPU_VFIO_CITE = 'NVIDIA nvidia-vgpu-vfio (vGPU KVM host driver module)';

/** The errno of a failed mdev create (a sysfs write), as the kernel's paths return it. */
function refineMdevCreate(f: Readonly<Record<string, string>>): Refinement | undefined {
  switch (f.errno) {
    case 'EEXIST':
      return {
        cause:
          'an mdev with this UUID already exists (mdev_device_create() refuses duplicates), perhaps left from an earlier start or defined under another parent',
        fix: 'use it as it is, or remove it first (`mdevctl stop --uuid UUID`, or echo 1 > /sys/bus/mdev/devices/UUID/remove)',
      };
    case 'ENOSPC':
    case 'EUSERS':
      return {
        cause:
          'the parent device has no room for another vGPU of this type: its instances are used up (GVT-g: not enough aperture, hidden memory or fences; NVIDIA: frame buffer taken by other vGPUs)',
        fix: 'check available_instances of each type under mdev_supported_types, remove unused mdevs, or pick a smaller type',
      };
    case 'EINVAL':
      return {
        cause:
          'the parent driver refused this vGPU: the UUID is malformed, or the type cannot be created in the current configuration (NVIDIA time-sliced vGPUs on one GPU must all be of the same type unless mixed sizes are enabled; on SR-IOV GPUs the VFs must be enabled first)',
        fix: 'check the type is listed with available_instances > 0 right now; on NVIDIA remove vGPUs of other types from the GPU, or enable the VFs (sriov-manage -e ADDR)',
      };
    case 'ENODEV':
      return {
        cause: 'the parent device is going away: its driver is being unloaded or the device was unbound',
        fix: 'reload the parent driver (nvidia / i915 with GVT-g) and create the mdev again',
      };
    case 'EBUSY':
      return {
        cause:
          'the parent driver is busy with this device (another create or remove in progress, or the GPU is in use by a host process)',
        fix: 'retry once the other operation ends; stop host processes using the GPU',
      };
    default:
      return undefined;
  }
}

/** NVIDIA RM status codes the vGPU stack prints as "status 0x..": nvstatuscodes.h. */
const NV_STATUS: Record<string, string> = {
  '0x56':
    'NV_ERR_NOT_SUPPORTED: the GPU or driver does not support what was asked (a vGPU type or feature this GPU, driver branch or license cannot provide)',
  '0x57':
    'NV_ERR_OBJECT_NOT_FOUND: the daemon could not find what it looked up (for the VM UUID: QEMU was started without -uuid)',
};

export const MDEV_ENTRIES: CatalogueEntry[] = [
  // ---- mdev core ----
  {
    id: 'kernel.mdev-parent-registered',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/mdev/mdev_core.c mdev_register_parent() (before 6.1: mdev_register_device())',
    format: 'MDEV: Registered\n',
    patterns: [/MDEV: Registered/],
    severity: 'info',
    title: 'A device now offers mediated devices (harmless)',
    cause:
      'the parent driver (nvidia for vGPU, i915 with GVT-g, mlx5, mdpy ...) registered with the mdev core: the device shows mdev_supported_types and vGPUs can be created on it',
    fix: 'nothing to do; list the types with `mdevctl types`',
    render: render('nvidia 0000:01:00.0: '),
    examples: [ex('[    9.123456] nvidia 0000:01:00.0: MDEV: Registered', { bdf: '0000:01:00.0' })],
  },
  {
    id: 'kernel.mdev-parent-unregistering',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/mdev/mdev_core.c mdev_unregister_parent() (before 6.1: mdev_unregister_device())',
    format: 'MDEV: Unregistering\n',
    patterns: [/MDEV: Unregistering/],
    severity: 'warning',
    title: 'A device stops offering mediated devices',
    cause:
      'the parent driver is unloading or the device is being unbound (or, for vfio-ccw and vfio-ap, its channel paths or crypto queues are being removed): every mdev on it is removed. An mdev no VM has open goes at once ("Removing from iommu group", "detaching iommu"); for one still in use by a guest, removal blocks in vfio_unregister_group_dev() until the user releases it — vfio asks through the device\'s request callback (QEMU then unplugs it from the guest), and a vendor driver without a request handler, or a guest that ignores the unplug, leaves the removal (and the task doing it) waiting until the VM shuts down',
    fix: 'expected when the driver is unloaded on purpose — shut down or detach the VMs using its mdevs first; if the removal hangs, find the VM that holds the mdev (`lsof /dev/vfio/*`, the guest named in "blocked until released by user" lines) and stop it; otherwise find what unloaded it (a driver update, a rebind script, a path or queue removal) and create the mdevs again after it is back',
    render: render('nvidia 0000:01:00.0: '),
    examples: [ex('nvidia 0000:01:00.0: MDEV: Unregistering', { bdf: '0000:01:00.0' })],
  },
  // ---- mdevctl (src/mdev.rs) ----
  {
    id: 'mdevctl.no-available-instances',
    source: 'mdevctl',
    cite: 'mdevctl/mdevctl src/mdev.rs MDev::create()',
    format: 'No available instances of %s on %s',
    versions: 'Rust: anyhow!("No available instances of {} on {}", mdev_type, parent)',
    patterns: [new RegExp(`No available instances of (?<type>[\\w.-]{1,64}) on ${BDF}`)],
    severity: 'error',
    title: 'No room for another vGPU of this type',
    cause:
      "the type's available_instances is 0: its maximum count is in use, or (NVIDIA time-sliced vGPU) a vGPU of another type already sits on this GPU, or (NVIDIA SR-IOV GPUs, Ampere and later) the virtual functions are not enabled, or (GVT-g) the aperture is used up",
    fix: 'see `mdevctl list` and available_instances under /sys/bus/pci/devices/ADDR/mdev_supported_types/*/; remove unused mdevs, use one type per GPU, enable the VFs (NVIDIA: /usr/lib/nvidia/sriov-manage -e ADDR) or raise the aperture in the firmware (GVT-g)',
    render: render('Error: ', 'nvidia-63', '0000:01:00.0'),
    examples: [
      ex('Error: No available instances of i915-GVTg_V5_4 on 0000:00:02.0', {
        type: 'i915-GVTg_V5_4',
        bdf: '0000:00:02.0',
      }),
    ],
  },
  {
    id: 'mdevctl.create-failed',
    source: 'mdevctl',
    cite: 'mdevctl/mdevctl src/mdev.rs MDev::create()',
    format: 'Failed to create mdev %s, type %s on %s\n\nCaused by:\n    %s (os error %d)',
    versions:
      'Rust: format!("Failed to create mdev {}, type {} on {}", ...) as anyhow context; the errno of the sysfs write follows on a "Caused by:" line',
    patterns: [
      new RegExp(
        `Failed to create mdev (?<uuid>${UUID}), type (?<type>[\\w.-]{1,64}) on ${BDF}\\n(?:[^\\n]{0,40}\\n){0,2}[^\\n]{0,80}\\(os error (?<errno>\\d{1,4})\\)`,
      ),
      new RegExp(`Failed to create mdev (?<uuid>${UUID}), type (?<type>[\\w.-]{1,64}) on ${BDF}`),
    ],
    severity: 'error',
    title: 'mdevctl could not create the mediated device',
    cause:
      'writing the UUID to the type\'s create file failed; the errno on the "Caused by" line after it ("(os error N)") says why',
    fix: "see the cause; dmesg at the same moment often has the parent driver's reason",
    refine: refineMdevCreate,
    render: render('Error: ', '4b20d080-1b54-4048-81ae-2ed1c6e43e68', 'nvidia-63', '0000:01:00.0'),
    examples: [
      ex(
        'Error: Failed to create mdev 4b20d080-1b54-4048-81ae-2ed1c6e43e68, type nvidia-63 on 0000:01:00.0\n\nCaused by:\n    File exists (os error 17)',
        { type: 'nvidia-63', bdf: '0000:01:00.0' },
      ),
      ex(
        'Error: Failed to create mdev ae6411d7-151d-485d-98e7-fa377c478da0, type i915-GVTg_V5_8 on 0000:00:02.0',
        {
          type: 'i915-GVTg_V5_8',
        },
      ),
    ],
  },
  // ---- Intel GVT-g (drivers/gpu/drm/i915/gvt) ----
  {
    id: 'kernel.gvt-create-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/kvmgt.c intel_vgpu_create() (6.2+: intel_vgpu_init_dev())',
    format: 'failed to create intel vgpu: %d\n',
    versions: 'Linux 6.2+ prints the error with %ld; the line carries the "gvt: " prefix of gvt_err()',
    patterns: [/failed to create intel vgpu: (?<errno>-\d{1,4})/],
    severity: 'error',
    title: 'GVT-g could not create the vGPU',
    cause: 'intel_gvt_create_vgpu() failed; the errno says why',
    fix: 'see the cause; the gvt: line before it names the resource',
    refine: (f) =>
      f.errno === 'ENOSPC'
        ? {
            cause:
              'the integrated GPU has no room left for this vGPU type (-28): its aperture ("low GM"), hidden graphics memory ("high GM") or fence registers are taken; the firmware\'s aperture size decides how many vGPUs fit',
            fix: 'raise the aperture size (DVMT pre-allocated / aperture size) in the firmware, pick a type with a smaller share (i915-GVTg_V5_8 rather than _V5_4), or remove other vGPUs',
          }
        : f.errno === 'EINVAL'
          ? {
              cause: 'the vGPU type is not one GVT-g offers on this GPU (-22)',
              fix: 'create one of the types listed under /sys/bus/pci/devices/0000:00:02.0/mdev_supported_types',
            }
          : refineMdevCreate(f),
    render: render('gvt: ', -28),
    examples: [ex('[   77.118382] gvt: failed to create intel vgpu: -28', { errno: 'ENOSPC' })],
  },
  {
    id: 'kernel.gvt-gm-alloc-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/aperture_gm.c alloc_gm()',
    format: 'fail to alloc %s gm space from host\n',
    patterns: [/fail to alloc (?<which>low|high) gm space from host/],
    severity: 'error',
    title: 'GVT-g: graphics memory for the vGPU is used up',
    cause:
      'creating the vGPU needs a share of the integrated GPU\'s aperture ("low" GM, CPU-visible) or of its hidden memory ("high" GM) that is no longer free; how much there is depends on the aperture size the firmware sets',
    fix: 'raise the aperture size (DVMT pre-allocated / aperture) in the firmware, choose a smaller vGPU type (a higher _V5_N number), or remove other vGPUs',
    render: render('gvt: ', 'low'),
    examples: [ex('[   77.118191] gvt: fail to alloc low gm space from host', { which: 'low' })],
  },
  {
    id: 'kernel.gvt-failsafe',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/handlers.c enter_failsafe_mode()',
    format: 'Now vgpu %d will enter failsafe mode.\n',
    versions:
      'preceded by the reason: "Detected your guest driver doesn\'t support GVT-g.", "Graphics resource is not enough for the guest" or "GVT Internal error  for the guest"',
    patterns: [
      /Now vgpu (?<vgpu>\d{1,4}) will enter failsafe mode/,
      /(?<reason>Detected your guest driver doesn't support GVT-g|Graphics resource is not enough for the guest|GVT Internal error {1,2}for the guest)/,
    ],
    severity: 'error',
    title: 'GVT-g stopped emulating the vGPU (failsafe mode)',
    cause:
      'GVT-g met something it cannot emulate and put the vGPU in failsafe mode: the guest keeps running but its graphics are dead until the VM restarts; the line before says why',
    fix: 'read the reason line; restart the VM after fixing it',
    refine: (f) =>
      f.reason?.startsWith('Detected')
        ? {
            cause:
              "the guest's graphics driver did not behave as a GVT-g guest (no vGPU support, or an access GVT-g misreads: older hosts treated a zero hardware-status-page address written by a resuming guest as invalid)",
            fix: 'use a guest driver with GVT-g support (the guest i915, or the Intel Windows driver of a supported generation); update the host kernel for the GVT-g fixes',
          }
        : f.reason?.startsWith('Graphics')
          ? {
              cause: 'the vGPU type gives the guest less graphics memory than it tried to use',
              fix: 'use a larger vGPU type (a lower _V5_N number) if the aperture allows it, or lower the guest resolution',
            }
          : f.reason?.startsWith('GVT')
            ? {
                cause:
                  'GVT-g hit an internal error while emulating the guest (a GVT-g bug, often around guest suspend/resume or reset)',
                fix: 'update the host kernel; report it with the gvt: lines before it',
              }
            : undefined,
    render: render('', 2),
    examples: [
      ex("Detected your guest driver doesn't support GVT-g.", {
        reason: "Detected your guest driver doesn't support GVT-g",
      }),
      ex('Now vgpu 2 will enter failsafe mode.', { vgpu: '2' }),
    ],
  },
  {
    id: 'kernel.gvt-mmio-emulation-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/mmio.c intel_vgpu_emulate_mmio_read()/intel_vgpu_emulate_mmio_write()',
    format: 'fail to emulate MMIO %s %08x len %d\n',
    versions: 'printed by gvt_vgpu_err(): "gvt: vgpu N: " before it',
    patterns: [/fail to emulate MMIO (?<op>read|write) (?<offset>[0-9a-fA-F]{1,8}) len (?<len>\d{1,2})/],
    severity: 'warning',
    title: 'GVT-g could not emulate a guest register access',
    cause:
      'the guest touched a GPU register GVT-g does not emulate, or wrote a value it rejects; one such line is often harmless, a stream of them followed by "failsafe mode" means the guest graphics stopped',
    fix: 'update the host kernel (GVT-g register handling gets fixes); if it ends in failsafe mode, see that message',
    render: render('gvt: vgpu 1: ', 'write', 0x2080, 4),
    examples: [
      ex('gvt: vgpu 1: fail to emulate MMIO write 00002080 len 4', { op: 'write', offset: '00002080' }),
    ],
  },
  {
    id: 'kernel.gvt-page-write-error',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/page_track.c intel_vgpu_page_track_handler()',
    format: 'guest page write error, gpa %llx\n',
    versions: 'before 4.16: "guest page write error %d, gfn 0x%lx, pa 0x%llx, var 0x%x, len %d" (gvt/mmio.c)',
    patterns: [/guest page write error(?:, gpa (?<gpa>[0-9a-fA-F]{1,16})| (?<errno>-\d{1,4}), gfn)/],
    severity: 'warning',
    title: 'GVT-g could not shadow a guest page-table write',
    cause:
      'the guest wrote to a page GVT-g write-protects to shadow its GPU page tables, and updating the shadow failed; a flood of them came from pages the guest had freed and reused, which newer kernels stop tracking after repeated failures',
    fix: 'update the host kernel; if guest graphics hang, restart the VM',
    render: render('gvt: ', 0x1b2f3000),
    examples: [ex('gvt: guest page write error, gpa 1b2f3000', { gpa: '1b2f3000' })],
  },
  {
    id: 'kernel.gvt-type-not-found',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/kvmgt.c intel_vgpu_create() (before 6.2)',
    format: 'failed to find type %s to create\n',
    patterns: [/failed to find type (?<type>[\w.-]{1,64}) to create/],
    severity: 'error',
    title: 'GVT-g does not offer that vGPU type',
    cause:
      'the requested type is not among the GVT-g types of this GPU (i915-GVTg_V4_* on Broadwell, i915-GVTg_V5_* on Skylake to Comet Lake; none from Ice Lake on, which GVT-g does not support)',
    fix: 'create one of the types listed by `mdevctl types` or under /sys/bus/pci/devices/0000:00:02.0/mdev_supported_types',
    render: render('gvt: vgpu 1: ', 'i915-GVTg_V5_1'),
    examples: [ex('gvt: vgpu 1: failed to find type i915-GVTg_V5_1 to create', { type: 'i915-GVTg_V5_1' })],
  },
  {
    id: 'kernel.gvt-golden-state-missing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/firmware_loader/main.c fw_get_filesystem_firmware() (called by drivers/gpu/drm/i915/gvt/firmware.c intel_gvt_load_firmware())',
    format: 'Direct firmware load for %s failed with error %d\n',
    versions: 'only the i915/gvt/*.golden_hw_state file name is recognised here',
    patterns: [
      /Direct firmware load for i915\/gvt\/(?<file>vid_0x[0-9a-fA-F]{4}_did_0x[0-9a-fA-F]{4}_rid_0x[0-9a-fA-F]{2}\.golden_hw_state) failed with error (?<errno>-\d{1,4})/,
    ],
    severity: 'info',
    title: 'GVT-g has no saved hardware state file (harmless)',
    cause:
      "GVT-g looks for an optional firmware file with the GPU's initial register state; when it is missing it takes the state from the hardware itself and carries on",
    fix: 'nothing to do',
    render: render('i915 0000:00:02.0: ', 'i915/gvt/vid_0x8086_did_0x3ea0_rid_0x02.golden_hw_state', -2),
    examples: [
      ex(
        '[    5.412043] i915 0000:00:02.0: Direct firmware load for i915/gvt/vid_0x8086_did_0x3ea0_rid_0x02.golden_hw_state failed with error -2',
        { errno: 'ENOENT' },
      ),
    ],
  },
  // ---- NVIDIA vGPU: nvidia-vgpu-vfio (kernel) ----
  {
    id: 'nvidia-vgpu.start-failed',
    source: 'nvidia-vgpu',
    cite: `${VGPU_VFIO_CITE} nv_vgpu_vfio_open()`,
    format: 'start failed. status: 0x%x %s',
    versions: '%s is "Timeout Occured" when the wait for nvidia-vgpu-mgr timed out, empty otherwise',
    patterns: [
      new RegExp(
        `(?<mdev>${UUID}): start failed\\. status: (?<status>0x[0-9a-fA-F]{1,8}) ?(?<timeout>Timeout Occured)?`,
      ),
    ],
    severity: 'error',
    title: 'The vGPU could not be started',
    cause:
      'QEMU opened the vGPU and nvidia-vgpu-vfio asked the vGPU manager daemon to start it; the daemon refused or failed, and its "vmiop_log: error" lines in the journal say why',
    fix: 'read `journalctl -u nvidia-vgpu-mgr` for the same moment (vfiokit diagnose explains those lines too)',
    refine: (f) =>
      f.timeout
        ? {
            cause:
              'the vGPU manager daemon did not answer in time: nvidia-vgpu-mgr is not running, hung, or (in Kubernetes) the vGPU manager pod is not up on this node',
            fix: '`systemctl status nvidia-vgpu-mgr nvidia-vgpud` (start them; both come with the vGPU host driver), then start the VM again; a hung daemon may need a host reboot',
          }
        : undefined,
    render: render('[nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: ', 0, 'Timeout Occured'),
    examples: [
      ex(
        '[] [nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: start failed. status: 0x0 Timeout Occured',
        { status: '0x0', timeout: 'Timeout Occured' },
        'https://github.com/NVIDIA/gpu-operator/issues/527',
      ),
      ex(
        '[173695.659145] [nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: start failed. status: 0x0 ',
        { status: '0x0' },
        'https://github.com/DualCoder/vgpu_unlock/issues/110',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.open-interrupted',
    source: 'nvidia-vgpu',
    cite: `${VGPU_VFIO_CITE} (wording from public logs)`,
    format: 'ERESTARTSYS received during open, waiting for %d milliseconds for operation to complete',
    patterns: [/ERESTARTSYS received during open, waiting for (?<ms>\d{1,7}) milliseconds/],
    severity: 'warning',
    title: 'Opening the vGPU was interrupted',
    cause:
      'a signal reached QEMU while the vGPU was being started, and the module waits for the vGPU manager to finish; when a "start failed" follows, the vGPU manager did not recover and the vGPU stays unusable',
    fix: 'restart nvidia-vgpu-mgr (systemctl restart nvidia-vgpu-mgr) and start the VM again; in the public report only a host reboot recovered it',
    render: render('[nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: ', 25000),
    examples: [
      ex(
        '[111183.875832] [nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: ERESTARTSYS received during open, waiting for 25000 milliseconds for operation to complete',
        { ms: '25000' },
        'https://github.com/DualCoder/vgpu_unlock/issues/110',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.previous-process-alive',
    source: 'nvidia-vgpu',
    cite: `${VGPU_VFIO_CITE} nv_vgpu_vfio_open()`,
    format: 'Existing vgpu process not cleaned up yet. Aborting...\n',
    patterns: [/Existing vgpu process not cleaned up yet\. Aborting/],
    severity: 'error',
    title: 'The vGPU is still held by an exiting VM',
    cause:
      'the vGPU manager process of the previous VM using this vGPU has not exited yet, so the open fails with EBUSY',
    fix: 'wait a few seconds and start the VM again; if it persists, find the old QEMU / vGPU process (`ps -ef | grep vgpu`) and stop it',
    render: render('[nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: '),
    examples: [
      ex(
        '[nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: Existing vgpu process not cleaned up yet. Aborting...',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.migration-state',
    source: 'nvidia-vgpu',
    cite: `${VGPU_MGR_CITE}; nvidia-vgpu-vfio prints "vGPU migration disabled"`,
    format: 'vGPU migration %s',
    patterns: [/vGPU migration (?<state>enabled|disabled)\b/],
    severity: 'info',
    title: 'vGPU live-migration support (harmless)',
    cause:
      'whether this vGPU can be live-migrated: it depends on the GPU, the driver branch and the hypervisor; it does not affect running the VM',
    fix: "nothing to do unless live migration is wanted: then check NVIDIA's support matrix for the GPU and driver",
    render: render(`${VGPU_MGR}notice: vmiop_log: (0x0): `, 'enabled'),
    examples: [
      ex(
        'Sep 24 18:48:00 gamma nvidia-vgpu-mgr[1873063]: notice: vmiop_log: (0x0): vGPU migration enabled',
        { state: 'enabled' },
        'https://github.com/mbilker/vgpu_unlock-rs/issues/37',
      ),
      ex(
        '[111183.891179] [nvidia-vgpu-vfio] 3b5b5055-de1f-4535-8af3-b443eb10c6bb: vGPU migration disabled',
        { state: 'disabled' },
        'https://github.com/DualCoder/vgpu_unlock/issues/110',
      ),
    ],
  },
  // ---- NVIDIA vGPU: nvidia-vgpu-mgr (vmiop_log) ----
  {
    id: 'nvidia-vgpu.driver-incompatible',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/src/kernel/vgpu/rpc.c (guest RM, SET_GUEST_SYSTEM_INFO handshake); the host nvidia-vgpu-mgr prints the "Guest VGX version" wordings',
    format:
      'Incompatible Guest/Host drivers: Host VGX version is older than the minimum version supported by the Guest. Disabling vGPU.',
    versions:
      'nvidia-vgpu-mgr: "Guest VGX version is older than the minimum version supported by the Host" and "Guest VGX version is newer than the maximum version supported by the Host"',
    patterns: [
      /Incompatible Guest\/Host drivers: (?<side>Guest|Host) VGX version is (?<rel>older|newer) than the (?:minimum|maximum) version supported by the (?:Host|Guest)/,
    ],
    severity: 'error',
    title: 'Guest and host vGPU drivers do not match',
    cause:
      'the guest driver and the host vGPU manager are from release branches that cannot talk to each other, so the manager disables the vGPU (the guest shows Code 43 or falls back to a basic display)',
    fix: "install the guest driver from the same vGPU software release as the host's vGPU Manager (NVIDIA's release notes list the compatible pairs)",
    refine: (f) => {
      const guestNewer =
        (f.side === 'Guest' && f.rel === 'newer') || (f.side === 'Host' && f.rel === 'older');
      return guestNewer
        ? {
            cause:
              'the guest driver is newer than the host vGPU manager supports (often Windows Update or a GeForce/Studio installer replaced the vGPU guest driver), so the vGPU is disabled and the guest shows Code 43 or a basic display',
            fix: "remove the newer driver in the guest and install the guest driver from the host manager's vGPU release; block driver updates through Windows Update",
          }
        : {
            cause:
              'the guest driver is older than the oldest the host vGPU manager accepts, so the vGPU is disabled',
            fix: "update the guest driver to the one of the host manager's vGPU release",
          };
    },
    render: render(`${VGPU_MGR}error: vmiop_log: (0x0): `),
    examples: [
      ex(
        'error: vmiop_log: (0x0): Incompatible Guest/Host drivers: Guest VGX version is older than the minimum version supported by the Host. Disabling vGPU.',
        { side: 'Guest', rel: 'older' },
        'https://github.com/mbilker/vgpu_unlock-rs/issues/10',
      ),
      ex(
        'Incompatible Guest/Host drivers: Guest VGX version is newer than the maximum version supported by the Host. Disabling vGPU.',
        { side: 'Guest', rel: 'newer' },
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.vm-uuid-missing',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Failed to get VM UUID from QEMU command-line 0x%x',
    versions: 'followed by "kvm_plugin_global_init failed with error 0x%x"',
    patterns: [
      /Failed to get VM UUID from QEMU command-line (?<status>0x[0-9a-fA-F]{1,8})/,
      /kvm_plugin_global_init failed with error (?<status>0x[0-9a-fA-F]{1,8})/,
    ],
    severity: 'error',
    title: 'The vGPU manager needs the VM UUID on the QEMU command line',
    cause:
      'nvidia-vgpu-mgr identifies the VM by the -uuid option of its QEMU process and found none, so it will not start the vGPU',
    fix: 'start QEMU with -uuid UUID (libvirt always passes the domain UUID; a hand-written command line, extra args or another VMM must add it)',
    render: render(`${VGPU_MGR}error: vmiop_env_log: `, 0x57),
    examples: [
      ex(
        'aug 23 16:43:15 pve nvidia-vgpu-mgr[45395]: error: vmiop_env_log: Failed to get VM UUID from QEMU command-line 0x57',
        { status: '0x57' },
        'https://github.com/DualCoder/vgpu_unlock/issues/71',
      ),
      ex(
        'aug 23 16:43:15 pve nvidia-vgpu-mgr[45395]: error: vmiop_env_log: kvm_plugin_global_init failed with error 0x57',
        { status: '0x57' },
        'https://github.com/DualCoder/vgpu_unlock/issues/71',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.vm-name-from-uuid',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: "Unable to get VM name from QEMU commandline, using VM's UUID as VM name. 0x%x",
    patterns: [/Unable to get VM name from QEMU commandline, using VM's UUID as VM name/],
    severity: 'info',
    title: 'The vGPU manager names the VM by its UUID (harmless)',
    cause:
      'QEMU was started without -name, so nvidia-vgpu-mgr uses the VM UUID in its logs and in nvidia-smi vgpu',
    fix: 'nothing to do; pass -name NAME to QEMU for readable names',
    render: render(`${VGPU_MGR}notice: vmiop_env_log: `, 0x57),
    examples: [
      ex(
        "Dec 19 17:09:33 staging-hypeman-0 nvidia-vgpu-mgr[119865]: notice: vmiop_env_log: Unable to get VM name from QEMU commandline, using VM's UUID as VM name. 0x57",
        undefined,
        'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/7572',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.init-device-instance-failed',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'init_device_instance failed for inst %d with error %d (%s)',
    versions: 'followed by "Initialization: init_device_instance failed"',
    patterns: [
      /init_device_instance failed for inst (?<inst>\d{1,3}) with error (?<code>\d{1,4})(?: \((?<why>[^)\n]{1,120})\)?)?/,
    ],
    severity: 'error',
    title: 'The vGPU manager could not set up the vGPU',
    cause:
      'nvidia-vgpu-mgr failed to initialise this vGPU instance, and QEMU then fails to read the device ("failed to read device config space: Bad address"); the text in parentheses is its reason, e.g. "error setting vGPU configuration information" when the GPU or driver rejects the vGPU type\'s configuration',
    fix: 'check the vGPU type is supported on this GPU with this driver release (`nvidia-smi vgpu -s`), that the host driver is a vGPU (KVM) build, and remove profile overrides or unlock patches; the vmiop_log lines before it give more detail',
    render: render(
      `${VGPU_MGR}error: vmiop_log: (0x0): `,
      0,
      1,
      'error setting vGPU configuration information',
    ),
    examples: [
      ex(
        'Apr 06 13:46:20 pve nvidia-vgpu-mgr[25539]: error: vmiop_log: (0x0): init_device_instance failed for inst 0 with error 1 (error setting vGPU configuration information f>',
        { inst: '0', code: '1' },
        'https://github.com/mbilker/vgpu_unlock-rs/issues/5',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.nvos-status',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'NVOS status 0x%x',
    versions: 'usually followed by "Assertion Failed at 0x%x:%d" and a backtrace',
    patterns: [/vmiop_log: NVOS status (?<status>0x[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: 'The vGPU manager got an error from the GPU driver',
    cause: 'a call from nvidia-vgpu-mgr into the NVIDIA host driver failed with this RM status',
    fix: 'read the vmiop_log lines around it; check host driver and vGPU manager are the same version and the GPU supports vGPU',
    refine: (f) => {
      const meaning = f.status
        ? NV_STATUS[f.status.toLowerCase().replace(/^0x0+(?=[0-9a-f])/, '0x')]
        : undefined;
      return meaning
        ? {
            cause: `a call from nvidia-vgpu-mgr into the host driver failed with ${meaning}`,
            fix:
              f.status === '0x56'
                ? 'use a GPU and driver branch that support vGPU (a vGPU KVM host driver on a supported datacenter/workstation GPU). On a consumer (GeForce) card under vgpu_unlock this status means the unlock did not take for this call: the spoofed PCI device ID must be that of a supported board of the same generation, and the hook must be loaded into nvidia-vgpu-mgr as well as nvidia-vgpud (its systemd override); an unlock that does not know this driver branch or GPU generation leaves the real, unsupported ID visible'
                : 'read the vmiop_log lines before it for what was looked up',
          }
        : undefined;
    },
    render: render(`${VGPU_MGR}error: vmiop_log: `, 0x56),
    examples: [
      ex(
        'Feb 13 15:20:08 Debian-dom0 nvidia-vgpu-mgr[1562]: error: vmiop_log: NVOS status 0x56',
        { status: '0x56' },
        'https://github.com/DualCoder/vgpu_unlock/issues/1',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.max-guest-pfn',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Current max guest pfn = 0x%x!',
    patterns: [/Current max guest pfn = (?<pfn>0x[0-9a-fA-F]{1,16})!/],
    severity: 'info',
    title: 'vGPU manager notice about guest memory (harmless)',
    cause: 'the vGPU manager records the highest guest page it has seen; a notice, not an error',
    fix: 'nothing to do; if the VM misbehaves, look for vmiop_log lines marked "error:"',
    render: render(`${VGPU_MGR}notice: vmiop_log: (0x0): `, 0x444bb6),
    examples: [
      ex(
        'notice: vmiop_log: (0x0): Current max guest pfn = 0x444bb6!',
        { pfn: '0x444bb6' },
        'https://github.com/DualCoder/vgpu_unlock/issues/68',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.ecc-notice',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Guest usable FB size is reduced due to ECC.',
    versions: 'also "Detected ECC enabled on physical GPU."',
    patterns: [/(?:Guest usable FB size is reduced due to ECC|Detected ECC enabled on physical GPU)\./],
    severity: 'info',
    title: 'ECC is on: the vGPU gets a little less memory (harmless)',
    cause:
      "the physical GPU runs with ECC, which reserves part of its memory; each vGPU's usable frame buffer shrinks accordingly",
    fix: 'nothing to do; to give guests the full size, disable ECC on the GPU (nvidia-smi -e 0, then reboot), giving up error correction',
    render: render(`${VGPU_MGR}notice: vmiop_log: (0x0): `),
    examples: [
      ex(
        'Sep 24 18:48:00 gamma nvidia-vgpu-mgr[1873063]: notice: vmiop_log: (0x0): Guest usable FB size is reduced due to ECC.',
        undefined,
        'https://github.com/mbilker/vgpu_unlock-rs/issues/37',
      ),
      ex(
        'Sep 24 18:48:00 gamma nvidia-vgpu-mgr[1873063]: notice: vmiop_log: (0x0): Detected ECC enabled on physical GPU.',
        undefined,
        'https://github.com/mbilker/vgpu_unlock-rs/issues/37',
      ),
    ],
  },
];
