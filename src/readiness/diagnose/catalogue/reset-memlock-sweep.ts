/**
 * Device reset and locked memory, swept for what the earlier reset (reset-faults.ts, kernel.ts)
 * and memory (dma-memory.ts, kernel-sweep.ts) files left unrecognised: the remaining refusals of
 * the reset_method sysfs file (drivers/pci/pci.c reset_method_store()), the AMD GPU "reset bug"
 * as amdgpu prints it when it meets a GPU a VM left running (the PSP and SMU firmware refusing to
 * start again: amdgpu_psp.c, psp_v1x_0.c, amdgpu_smu.c, amdgpu_device.c), and a container
 * runtime refusing the memlock limit a VFIO or DPDK container asks for (runc setupRlimits(), crun
 * libcrun_set_rlimits()), bhyve refusing passthrough without wired guest memory, and driverctl, the
 * tool setup guides use to make a vfio-pci binding persistent (its log() lines, prefixed "driverctl: ").
 * Every entry cites the file and function printing its format.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** driverctl is one bash script; its messages are log() lines: "driverctl: " and the text. */
const DRIVERCTL = 'driverctl/driverctl (gitlab.com/driverctl/driverctl) driverctl';

/**
 * The AMD reset problem, shared by the PSP and SMU lines: a Polaris, Vega or Navi 1x/2x GPU that a
 * guest used is not brought back to its power-on state by FLR or a bus reset, so its security
 * processor (PSP) and power firmware (SMU) keep running the previous driver's firmware and refuse
 * a fresh load.
 */
const AMD_RESET_CAUSE =
  "the GPU's firmware processors were not reset since the last driver (a guest's amdgpu, or the host's before the hand-over) used them: AMD GPUs of the Polaris, Vega and Navi 1x generations (and, less often, later ones) do not return to their power-on state on FLR or a secondary bus reset, so after a VM shutdown or restart the PSP/SMU still run the old firmware and refuse to load it again (the \"AMD reset bug\")";
const AMD_RESET_FIX =
  'for Polaris, Vega and Navi 1x load gnif/vendor-reset on the host and, on Linux 5.15+, select it with `echo device_specific > /sys/bus/pci/devices/ADDR/reset_method`; do not let the host amdgpu bind the GPU between VM runs; a host suspend/resume or a full power cycle (not a warm reboot) recovers a GPU already in this state';

/**
 * A host-side cause of PSP/TOC failures in a guest: Linux 6.12's vfio-pci huge_fault support
 * (f9e54c3a2f5b) mapped a large BAR with huge pages at an unaligned pfn until 09dfc8a5f2ce
 * ("vfio/pci: Fallback huge faults for unaligned pfn", 6.13-rc7); QEMU 9.2 aligns its BAR mmaps
 * ("vfio/helpers: Align mmaps", 00b519c0bca0).
 */
const HUGE_FAULT_CAUSE = `In a VM with a GPU with a large BAR 0 (Resizable BAR, many GB) another cause is the host kernel, not the guest: Linux 6.12's vfio-pci maps BARs with huge pages ("vfio/pci: implement huge_fault support", f9e54c3a2f5b) and inserted 1 GB/2 MB mappings whose pfn was not aligned to the page size when QEMU's mmap of the BAR was not aligned (QEMU before 9.2), so the guest sees the wrong memory behind the BAR and the PSP's TOC/TMR load fails — a host kernel regression fixed by "vfio/pci: Fallback huge faults for unaligned pfn" (09dfc8a5f2ce, Linux 6.13 and the 6.12 stable series)`;
const HUGE_FAULT_FIX = `If the host runs Linux 6.12 and the GPU has a large BAR: update the host kernel (6.13+, or a 6.12 stable kernel with the unaligned-pfn fallback), or QEMU 9.2+ (it aligns the BAR mmap, "vfio/helpers: Align mmaps"), or shrink the BAR (Resizable BAR off in the host firmware, or a smaller size through the device's resource*_resize in sysfs before starting the VM)`;

/** Which PSP bootloader stage refused, as psp_hw_start() names it. */
function refinePspStage(f: Facts): Refinement | undefined {
  const stage = (f.stage ?? '').replace(/\s+/g, '');
  if (stage === 'kdb' || stage === 'spl' || stage === 'sysdrv' || stage === 'sos')
    return {
      cause: `the PSP bootloader refused the ${stage} firmware component, the first thing amdgpu loads into the security processor: ${AMD_RESET_CAUSE}. On a first boot with no VM involved it can also be a firmware file from linux-firmware that does not match the kernel`,
    };
  if (f.ring)
    return {
      cause: `the PSP firmware (sOS) never signalled that it is ready to take the command ring: ${AMD_RESET_CAUSE}`,
    };
  if (f.toc || f.tmr)
    return {
      cause: `the PSP refused or did not complete the command that reads the firmware table of contents (LOAD_TOC, to size its trusted memory region, TMR), so amdgpu could not set up the TMR and stops (psp_tmr_init(); "PSP tmr init failed!" without "Failed to load toc" before it can also be the TMR allocation in VRAM failing). Usually: ${AMD_RESET_CAUSE}. ${HUGE_FAULT_CAUSE}`,
      fix: `${AMD_RESET_FIX}. ${HUGE_FAULT_FIX}`,
    };
  return undefined;
}

/** What a failed IP block resume means by block: psp and smu are the reset-bug pair. */
function refineIpResume(f: Facts): Refinement | undefined {
  const block = f.block ?? '';
  if (block === 'psp' || block === 'smu')
    return {
      cause: `the ${block === 'psp' ? 'security processor (PSP)' : 'power-management firmware (SMU)'} did not come back when amdgpu resumed the GPU after a reset, a suspend or a runtime power-down${f.errno === 'ETIME' ? ' and timed out (-62, ETIME)' : ''}: ${AMD_RESET_CAUSE}`,
    };
  return undefined;
}

/** crun names the limit as the OCI spec does; the two that matter here, by their number. */
const RLIMIT_NUMBER: Readonly<Record<string, string>> = { RLIMIT_NOFILE: '7', RLIMIT_MEMLOCK: '8' };

/** What runc's rlimit type number is (the RLIMIT_* value of linux/resource.h on x86 and arm64). */
function refineRlimit(f: Facts): Refinement | undefined {
  const type = f.type ?? RLIMIT_NUMBER[f.rlimit ?? ''] ?? '';
  if (type === '8')
    return {
      title: 'The container runtime may not raise the locked-memory limit (RLIMIT_MEMLOCK)',
      cause:
        'RLIMIT_MEMLOCK (runc: type 8): the container asks for a memlock limit (docker/podman --ulimit memlock=…, compose ulimits.memlock, a Kubernetes runtime default) above the hard limit the runtime itself has, and the runtime lacks CAP_SYS_RESOURCE to raise it: rootless Docker or Podman, or a daemon started with a low LimitMEMLOCK. A VFIO user in the container (QEMU, DPDK, SPDK) needs locked memory at least as large as the memory it maps for DMA, so the limit cannot simply be dropped',
      fix: 'raise the hard limit of the runtime itself: LimitMEMLOCK=infinity in the docker.service / containerd.service (or the user manager for rootless: `systemctl --user edit docker` and /etc/security/limits.conf memlock for that user), restart it, then ask for a memlock the runtime holds; or run the container under a rootful daemon',
    };
  if (type === '7')
    return {
      title: 'The container runtime may not raise the open-files limit (RLIMIT_NOFILE)',
      cause:
        'RLIMIT_NOFILE (runc: type 7): the container asks for more open files than the hard limit the runtime has (rootless runtimes cannot go above their own limit); not a VFIO problem',
      fix: "ask for a nofile limit at or below the runtime's hard limit, or raise LimitNOFILE of the runtime service",
    };
  return undefined;
}

export const RESET_MEMLOCK_SWEEP_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.reset-method-deprioritized',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c reset_method_store()',
    format: 'Device-specific reset disabled/de-prioritized by user',
    versions: 'Linux 5.15+ (the reset_method sysfs file)',
    patterns: [/Device-specific reset disabled\/de-prioritized by user/],
    severity: 'warning',
    title: "The device's own reset was put behind another method (or dropped)",
    cause:
      'the device has a device-specific reset (a kernel quirk in drivers/pci/quirks.c, or the one gnif/vendor-reset installs for AMD GPUs), and the list just written to reset_method does not put device_specific first: the kernel and vfio-pci will now try the generic methods (flr, pm, bus) first, which for the GPUs that need a device-specific reset leave them unusable after a VM run',
    fix: "write device_specific first: `echo device_specific > /sys/bus/pci/devices/ADDR/reset_method` (what vendor-reset needs since Linux 5.15), or `echo default > …/reset_method` to return to the kernel's order; if the order was chosen on purpose this is only a reminder",
    render: render('vfio-pci 0000:0b:00.0: '),
    examples: [
      ex('[  310.441201] vfio-pci 0000:0b:00.0: Device-specific reset disabled/de-prioritized by user', {
        bdf: '0000:0b:00.0',
      }),
    ],
  },
  {
    id: 'kernel.reset-method-too-many',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c reset_method_store()',
    format: 'Too many reset methods\n',
    versions: 'Linux 5.15+ (the reset_method sysfs file)',
    patterns: [/Too many reset methods/],
    severity: 'error',
    title: 'The list written to reset_method is longer than the kernel allows',
    cause:
      'reset_method_store() takes at most as many names as there are reset methods (device_specific, acpi, flr, af_flr, pm, bus, cxl_bus); the value written held more, usually a name repeated. The write failed with EINVAL and the previous methods were kept',
    fix: 'write each method once, separated by spaces, in the order wanted (e.g. `echo "device_specific bus" > /sys/bus/pci/devices/ADDR/reset_method`); `cat` the file to see what is set',
    render: render('vfio-pci 0000:0b:00.0: '),
    examples: [ex('[  312.100410] vfio-pci 0000:0b:00.0: Too many reset methods', { bdf: '0000:0b:00.0' })],
  },
  {
    id: 'kernel.amdgpu-psp-load-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_psp.c psp_hw_start()',
    format: 'PSP load %s failed!\n',
    versions:
      'the stage is kdb, spl, sysdrv ("sys drv" in newer kernels) or sos; also "PSP create ring failed!" and "PSP tmr init failed!" from the same function, the latter after psp_tmr_init()\'s "Failed to load toc". Older kernels print it with DRM_ERROR ("[drm:psp_hw_start [amdgpu]] *ERROR* "), newer with dev_err ("amdgpu ADDR: amdgpu: ")',
    patterns: [
      /PSP load (?<stage>kdb|spl|sys ?drv|sos) failed!/,
      /PSP (?<ring>create ring) failed!/,
      /(?<toc>Failed to load toc)\b/,
      /PSP (?<tmr>tmr init) failed!/,
    ],
    severity: 'error',
    title: "amdgpu: the GPU's security processor refused its firmware",
    cause: AMD_RESET_CAUSE,
    fix: AMD_RESET_FIX,
    refine: refinePspStage,
    render: render('amdgpu 0000:83:00.0: amdgpu: ', 'kdb'),
    examples: [
      ex('[drm:psp_hw_start [amdgpu]] *ERROR* PSP load kdb failed!', { stage: 'kdb' }),
      ex('[326854.676595] amdgpu 0000:83:00.0: amdgpu: PSP load kdb failed!', {
        stage: 'kdb',
        bdf: '0000:83:00.0',
      }),
      ex('[22348.967420] [drm:psp_hw_start [amdgpu]] *ERROR* PSP create ring failed!', {
        ring: 'create ring',
      }),
      ex('amdgpu 0000:08:00.0: amdgpu: PSP load sys drv failed!', { stage: 'sys drv' }),
      ex('amdgpu 0000:0b:00.0: amdgpu: Failed to load toc', { toc: 'Failed to load toc' }),
      ex('amdgpu 0000:0b:00.0: amdgpu: PSP tmr init failed!', { tmr: 'tmr init' }),
    ],
  },
  {
    id: 'kernel.amdgpu-psp-tos-not-ready',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/psp_v11_0.c psp_v11_0_ring_create() (same text in psp_v3_1.c, psp_v10_0.c, psp_v12_0.c, psp_v13_0.c, psp_v14_0.c)',
    format: 'Failed to wait for trust OS ready for ring creation\n',
    patterns: [/Failed to wait for trust OS ready for ring creation/],
    severity: 'error',
    title: "amdgpu: the GPU's security processor never became ready",
    cause: `the PSP's trusted OS did not set its ready flag before amdgpu's timeout, so the command ring could not be created: ${AMD_RESET_CAUSE}`,
    fix: AMD_RESET_FIX,
    render: render('[drm:psp_v11_0_ring_create [amdgpu]] *ERROR* '),
    examples: [
      ex(
        '[    5.310022] [drm:psp_v11_0_ring_create [amdgpu]] *ERROR* Failed to wait for trust OS ready for ring creation',
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-psp-firmware-loading-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_psp.c psp_hw_init()',
    format: 'PSP firmware loading failed\n',
    versions: 'older kernels: DRM_ERROR ("[drm:psp_hw_init [amdgpu]] *ERROR* "); newer: dev_err',
    patterns: [/PSP firmware loading failed/],
    severity: 'error',
    title: 'amdgpu: loading firmware through the security processor failed',
    cause: `the summary of a failed psp_hw_start() (the line above names the stage: "PSP load … failed!", "Failed to load toc", "PSP tmr init failed!" or "PSP create ring failed!"); amdgpu stops initialising the GPU. Usually: ${AMD_RESET_CAUSE}. ${HUGE_FAULT_CAUSE}`,
    fix: `${AMD_RESET_FIX}. ${HUGE_FAULT_FIX}`,
    render: render('amdgpu 0000:00:10.0: amdgpu: '),
    examples: [
      ex('[    3.431662] amdgpu 0000:00:10.0: amdgpu: PSP firmware loading failed', { bdf: '0000:00:10.0' }),
    ],
  },
  {
    id: 'kernel.amdgpu-psp-resume-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_psp.c psp_resume()',
    format: 'PSP resume failed\n',
    versions: 'older kernels: DRM_ERROR ("[drm:psp_resume [amdgpu]] *ERROR* "); newer: dev_err',
    patterns: [/PSP resume failed/],
    severity: 'error',
    title: "amdgpu: the GPU's security processor did not resume",
    cause: `amdgpu brought the GPU back after a reset, a suspend or a runtime power-down and the PSP refused its firmware again (the line above says which stage): ${AMD_RESET_CAUSE}`,
    fix: AMD_RESET_FIX,
    render: render('[drm:psp_resume [amdgpu]] *ERROR* '),
    examples: [
      ex('[drm:psp_resume [amdgpu]] *ERROR* PSP resume failed'),
      ex('[326854.676604] amdgpu 0000:83:00.0: amdgpu: PSP resume failed', { bdf: '0000:83:00.0' }),
    ],
  },
  {
    id: 'kernel.amdgpu-ip-resume-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c amdgpu_device_fw_loading() / amdgpu_device_ip_resume_phase1() / amdgpu_device_ip_resume_phase2()',
    format: 'resume of IP block <%s> failed %d\n',
    patterns: [/resume of IP block <(?<block>[\w-]{1,24})> failed (?<err>-?\d{1,4})/],
    severity: 'error',
    title: 'amdgpu: a GPU block failed to come back after reset or resume',
    cause:
      'one hardware block (psp, smu, gfx, sdma…) did not start again when amdgpu resumed the GPU after a GPU reset, a system suspend or a runtime power-down; on a passthrough GPU usually because the GPU was not really reset since a guest used it',
    fix: AMD_RESET_FIX,
    refine: refineIpResume,
    render: render('[drm:amdgpu_device_fw_loading [amdgpu]] *ERROR* ', 'psp', -62),
    examples: [
      ex('[drm:amdgpu_device_fw_loading [amdgpu]] *ERROR* resume of IP block <psp> failed -62', {
        block: 'psp',
        errno: 'ETIME',
      }),
      ex(
        '[   54.126319] [drm:amdgpu_device_ip_resume_phase2 [amdgpu]] *ERROR* resume of IP block <smu> failed -62',
        {
          block: 'smu',
        },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-device-resume-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c amdgpu_device_resume()',
    format: 'amdgpu_device_ip_resume failed (%d).\n',
    versions: 'older kernels: DRM_ERROR; later dev_err ("amdgpu ADDR: amdgpu: "); the newest drm_err',
    patterns: [/amdgpu_device_ip_resume failed \((?<err>-?\d{1,4})\)/],
    severity: 'error',
    title: 'amdgpu: the GPU could not be resumed',
    cause: `the summary of a failed resume (the "resume of IP block <…> failed" line above names the block); the GPU stays unusable until it is reset properly. With -62 (ETIME) the PSP or SMU firmware timed out: ${AMD_RESET_CAUSE}`,
    fix: `${AMD_RESET_FIX}; for a GPU the host uses itself, keep it out of runtime power-down (\`echo on > /sys/bus/pci/devices/ADDR/power/control\`)`,
    render: render('amdgpu 0000:03:00.0: amdgpu: ', -62),
    examples: [
      ex('[326854.676843] amdgpu 0000:83:00.0: amdgpu: amdgpu_device_ip_resume failed (-62).', {
        bdf: '0000:83:00.0',
        errno: 'ETIME',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-smc-setup-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/pm/swsmu/amdgpu_smu.c smu_hw_init() / smu_resume()',
    format: 'Failed to setup smc hw!\n',
    patterns: [/Failed to setup smc hw!/],
    severity: 'error',
    title: "amdgpu: the GPU's power-management firmware (SMU) could not be set up",
    cause: `the SMU did not answer the setup messages (the lines above say which: "Failed to SetDriverDramAddr!", "Failed to enable requested dpm features!", "SMU: I'm not done with your previous command"), so the smu block fails to start or resume: ${AMD_RESET_CAUSE}. On a host-used GPU after suspend it is the same firmware hang`,
    fix: AMD_RESET_FIX,
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [
      ex('[   54.126318] amdgpu 0000:03:00.0: amdgpu: Failed to setup smc hw!', { bdf: '0000:03:00.0' }),
    ],
  },
  {
    id: 'runtime.rlimit-denied',
    source: 'container runtime',
    cite: 'opencontainers/runc libcontainer/init_linux.go setupRlimits() (older releases print the error with %v; newer: libcontainer/process_linux.go, wrapped as "error setting rlimits for ready process: …")',
    format: 'error setting rlimit type %v: %w',
    versions:
      'the whole line comes wrapped by docker/containerd: "OCI runtime create failed: runc create failed: unable to start container process: error during container init: …"',
    patterns: [
      /error setting rlimit type (?<type>\d{1,2}): (?<err>operation not permitted|invalid argument)/,
    ],
    severity: 'error',
    title: 'The container runtime may not set the resource limit the container asks for',
    cause:
      "runc could not apply one of the container's rlimits with prlimit(): the value is above the hard limit the runtime itself runs with and it lacks CAP_SYS_RESOURCE (rootless Docker or Podman), or the soft limit is above the hard one (invalid argument)",
    fix: 'lower the limit asked for, or raise the hard limit of the runtime service and restart it',
    refine: refineRlimit,
    render: render('error during container init: ', 8, 'operation not permitted'),
    examples: [
      ex(
        'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 8: operation not permitted: unknown.',
        { type: '8' },
      ),
      ex('runc run failed: error setting rlimit type 7: operation not permitted', { type: '7' }),
    ],
  },
  {
    id: 'runtime.crun-setrlimit-failed',
    source: 'container runtime',
    cite: 'containers/crun src/libcrun/linux.c libcrun_set_rlimits()',
    format: 'setrlimit `%s`',
    versions:
      'crun_make_error() appends ": " and the strerror() text; Podman prints it as "Error: crun: setrlimit `RLIMIT_MEMLOCK`: Operation not permitted: OCI permission denied"',
    patterns: [
      /setrlimit `(?<rlimit>RLIMIT_[A-Z]{2,12})`(?:: (?<err>Operation not permitted|Invalid argument))?/,
    ],
    severity: 'error',
    title: 'The container runtime may not set the resource limit the container asks for',
    cause:
      "crun could not apply one of the container's rlimits with setrlimit(): the value is above the hard limit crun inherits and it lacks CAP_SYS_RESOURCE (rootless Podman), or the soft limit is above the hard one (Invalid argument)",
    fix: 'lower the limit asked for (`--ulimit NAME=SOFT:HARD`), or raise the hard limit of the user or service that starts the container',
    refine: refineRlimit,
    render: render('Error: crun: ', 'RLIMIT_MEMLOCK'),
    examples: [
      ex('Error: crun: setrlimit `RLIMIT_MEMLOCK`: Operation not permitted: OCI permission denied', {
        rlimit: 'RLIMIT_MEMLOCK',
        errno: 'EPERM',
      }),
    ],
  },
  {
    id: 'bhyve.passthru-memory-not-wired',
    source: 'bhyve',
    cite: 'freebsd/freebsd-src usr.sbin/bhyve/pci_passthru.c passthru_init()',
    format: 'passthru requires guest memory to be wired',
    versions: 'printed with warnx(), so as "bhyve: passthru requires guest memory to be wired"',
    patterns: [/passthru requires guest memory to be wired/],
    severity: 'error',
    title: 'bhyve: PCI passthrough needs the guest memory wired (-S)',
    cause:
      "a passthru device was given but bhyve was started without wiring the guest's memory: the device reaches guest memory by DMA through the IOMMU, so every page must stay resident at a fixed host address, which bhyve only guarantees with -S. The device is not attached and the VM does not start",
    fix: 'start bhyve with -S (with a front-end such as vm-bhyve, check that the command it runs carries -S when a passthru device is set); wired memory cannot be paged out, so the host needs the whole guest memory free in RAM',
    render: render('bhyve: '),
    examples: [ex('bhyve: passthru requires guest memory to be wired')],
  },
  {
    id: 'driverctl.bind-failed',
    source: 'userspace tool',
    cite: `${DRIVERCTL} set_override()`,
    format: 'failed to bind device %s to driver %s',
    versions:
      'the script says "failed to bind device $dev to driver $drv" (bash variables written here as %s)',
    patterns: [new RegExp(`driverctl: failed to bind device ${BDF} to driver (?<driver>[\\w-]{1,32})`)],
    severity: 'error',
    title: 'driverctl set the override but the driver did not take the device',
    cause:
      'driverctl wrote the driver into driver_override and asked the kernel to probe, but afterwards the device has no driver: the driver\'s probe refused it. For vfio-pci that almost always means the device has no IOMMU group (the IOMMU is off: intel_iommu=on / amd_iommu not active), less often another device of its group still bound to a host driver; dmesg has the probe\'s own line ("vfio-pci: probe of ADDR failed with error -22")',
    fix: 'read dmesg for the probe error; enable the IOMMU (`vfiokit doctor` checks it) and bind every device of the IOMMU group; the override is saved anyway (unless --nosave), so `driverctl unset-override ADDR` removes it if the device should go back to its driver',
    render: render('driverctl: ', '0000:01:00.0', 'vfio-pci'),
    examples: [
      ex('driverctl: failed to bind device 0000:01:00.0 to driver vfio-pci', {
        bdf: '0000:01:00.0',
        driver: 'vfio-pci',
      }),
    ],
  },
  {
    id: 'driverctl.no-such-module',
    source: 'userspace tool',
    cite: `${DRIVERCTL} set_override()`,
    format: 'no such module: %s',
    patterns: [/driverctl: no such module: (?<module>[\w-]{1,64})/],
    severity: 'error',
    title: 'driverctl could not load the driver named',
    cause:
      'the driver is not loaded (/sys/module/NAME is missing) and `modprobe -q NAME` failed: the name is misspelled, or the module is missing or refused (built for another kernel, unsigned under Secure Boot). driverctl stops before touching the device',
    fix: 'check the name with `modinfo NAME` (vfio-pci and vfio_pci are the same module) and run `modprobe NAME` by hand to see the real error',
    render: render('driverctl: ', 'vfio_pci'),
    examples: [ex('driverctl: no such module: vfio_pci', { module: 'vfio_pci' })],
  },
  {
    id: 'driverctl.no-such-device',
    source: 'userspace tool',
    cite: `${DRIVERCTL} (argument handling before the command runs)`,
    format: 'no such device: %s',
    patterns: [/driverctl: no such device: (?<device>\S{1,64})/],
    severity: 'error',
    title: 'driverctl does not find the device address given',
    cause:
      'there is no /sys/bus/BUS/devices/ADDRESS for the address given: driverctl needs the full address with its domain (0000:01:00.0, not 01:00.0 as lspci prints it), or the device is gone (removed, or dropped off the bus after a failed reset)',
    fix: 'use the address as `ls /sys/bus/pci/devices` lists it (`lspci -D` prints the domain); if the device vanished, `echo 1 > /sys/bus/pci/rescan` or power-cycle the host',
    render: render('driverctl: ', '01:00.0'),
    examples: [ex('driverctl: no such device: 01:00.0', { device: '01:00.0' })],
  },
  {
    id: 'driverctl.unbind-failed',
    source: 'userspace tool',
    cite: `${DRIVERCTL} unbind()`,
    format: 'unbinding %s failed',
    patterns: [new RegExp(`driverctl: unbinding ${BDF} failed`)],
    severity: 'error',
    title: 'driverctl could not unbind the device from its current driver',
    cause:
      'the write to /sys/bus/pci/devices/ADDR/driver/unbind failed (the shell\'s "write error" line above it gives the errno): not root, or the driver refused to let go; driverctl stops before setting the override',
    fix: 'run it as root; if the driver is busy (a GPU with a display server on it, a NIC in use), stop what uses the device first',
    render: render('driverctl: ', '0000:01:00.0'),
    examples: [ex('driverctl: unbinding 0000:01:00.0 failed', { bdf: '0000:01:00.0' })],
  },
  {
    id: 'driverctl.verbose-steps',
    source: 'userspace tool',
    cite: `${DRIVERCTL} set_override() / unbind() / probe_driver() / save_override() (debug() lines, printed with -v)`,
    format: 'setting driver override for %s: %s',
    versions:
      'the other -v lines: "loading driver $drv", "unbinding previous driver $drv", "reprobing driver for $dev", "saving driver override for $dev", "device $dev not bound", "unsetting driver override for $dev"',
    patterns: [
      /driverctl: (?:(?:setting|saving|unsetting) driver override for|reprobing driver for|loading driver|unbinding previous driver) (?<what>\S{1,64})/,
    ],
    severity: 'info',
    title: "driverctl's progress lines (-v); harmless",
    cause:
      'driverctl -v reports each step of setting an override: loading the driver, unbinding the old one, reprobing, saving the override under /etc/driverctl.d so it is applied again at boot. These lines are progress, not errors',
    fix: 'nothing to do; an error would be its own "driverctl: …" line (failed to bind, no such module, no such device)',
    render: render('driverctl: ', '0000:05:00.0', 'vfio-pci'),
    examples: [
      ex('driverctl: setting driver override for 0000:05:00.0: vfio-pci'),
      ex('driverctl: unbinding previous driver xhci_hcd', { what: 'xhci_hcd' }),
      ex('driverctl: saving driver override for 0000:05:00.0'),
    ],
  },
];
