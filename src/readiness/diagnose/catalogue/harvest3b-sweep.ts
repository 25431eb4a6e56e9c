/**
 * The third harvest, part b: messages users posted about the layers above and beside the host
 * kernel, QEMU and libvirt that the catalogue did not recognise. The Looking Glass host's DXGI
 * pointer capture on a desktop switch and the SPICE server's note about the unencrypted inputs
 * channel; out-of-tree modules that load against the wrong symbols (i915-sriov-dkms, kvmgt) and
 * dkms runs that find no registered module, no kernel build directory or an API the kernel no
 * longer has; NVIDIA's chipset set-up note and i915's empty GuC log sizes, both harmless; Kata's
 * device cgroup and generic-device notes; the Scream receiver without a PulseAudio server;
 * Harvester's PCI-devices controller (sriov-manage, stale claims); `nvidia-smi vgpu` with no vGPU
 * capable GPU; KubeVirt's libvirtxml round trip of a mode-less hostdev; and Windows' DPC watchdog
 * bug check. Each example is the message as posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const LG_DXGI = 'gnif/LookingGlass host/platform/Windows/capture/DXGI/src/dxgi.c';
const DKMS = 'dkms-project/dkms dkms.in';
const MODULE = 'torvalds/linux kernel/module/main.c (before 5.19: kernel/module.c)';
const KATA = 'kata-containers/kata-containers src/runtime';
const HARVESTER_PCI = 'harvester/pcidevices';
const MS_BUGCHECK = 'Microsoft Learn "Bug Check Code Reference" (windows-hardware/drivers/debugger)';

export const HARVEST3B_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- Looking Glass ----
  {
    id: 'lg.host-dxgi-pointer-failed',
    source: 'looking-glass',
    cite: `${LG_DXGI} dxgi_capture() (B1–B3: the pointer shape and cursor position of a captured frame)`,
    format: 'Failed to get the new pointer shape: 0x%08x (%s)',
    versions:
      'printed through DEBUG_WINERROR ("%s: 0x%08x (%s)") and followed by "Capture interface reported a fatal error", after which the host restarts capture; B2 also prints "GetCursorInfo failed: 0x%08x (%s)" from the same function. After the fix that followed gnif/LookingGlass#264, dxgi_hResultToCaptureResult() turns DXGI_ERROR_ACCESS_LOST into a quiet re-initialisation and only other codes are logged',
    patterns: [
      /Failed to get the new pointer shape:? (?<hr>(?:0x)?[0-9a-fA-F]{8})/,
      /GetCursorInfo failed: (?<hr>0x[0-9a-fA-F]{8})/,
    ],
    severity: 'warning',
    title: 'The Looking Glass host lost the mouse pointer while the desktop changed',
    cause:
      "while capturing a frame, the host asked Windows for the mouse pointer's shape (IDXGIOutputDuplication::GetFramePointerShape) or position (GetCursorInfo) and the call failed; this version treats any failure as fatal, so capture stops and is set up again. It happens when the desktop the host duplicates goes away under it: a UAC prompt, Ctrl+Alt+Del or the lock screen switches to the secure desktop, or a resolution or full-screen mode change recreates the output. It is a race on that switch, not a fault of the GPU or of the VM",
    fix: 'nothing to repair if capture resumes; update the host (later versions handle a lost desktop quietly), and run it as the service (looking-glass-host.exe InstallService) so it can follow the secure desktop instead of losing it',
    refine: (f) =>
      /^(?:0x)?00000005$/i.test(f.hr ?? '')
        ? {
            cause:
              "GetCursorInfo was refused with ERROR_ACCESS_DENIED: Windows answers a thread that is not on the current input desktop this way, so the host, running in the user's session, asked while the secure desktop (UAC prompt, Ctrl+Alt+Del, lock or sign-in screen) was in front. This version treats it as fatal and restarts capture",
          }
        : undefined,
    render: render(
      '[E]               dxgi.c:795  | dxgi_capture                   | ',
      0x887a0026,
      'The keyed mutex was abandoned.',
    ),
    examples: [
      ex(
        '[E]               dxgi.c:795  | dxgi_capture                   | Failed to get the new pointer shape: 0x887a0026 (The keyed mutex was abandoned.)',
        { hr: '0x887a0026' },
        'https://github.com/gnif/LookingGlass/issues/264',
      ),
      ex(
        ' 18834284925 [E]               dxgi.c:835  | dxgi_capture                   | GetCursorInfo failed: 0x00000005 (Access is denied.)',
        { hr: '0x00000005' },
        'https://github.com/gnif/LookingGlass/issues/362',
      ),
    ],
  },
  {
    id: 'lg.spice-notify-insecure',
    source: 'looking-glass',
    cite: 'gnif/LookingGlass client/spice/spice.c spice_on_common_read() (SPICE_MSG_NOTIFY, B1; later PureSpice) printing the text spice-server sends from server/inputs-channel.cpp InputsChannel::on_connect() (spice/spice; older server/reds.c)',
    format: 'notify message: %s',
    versions:
      'the server sends "keyboard channel is insecure" on the main channel whenever a client links the inputs channel without TLS; other notify texts are printed the same way',
    patterns: [/notify message: (?<text>keyboard channel is insecure)/],
    severity: 'info',
    title: 'SPICE notes that keyboard input is not encrypted (harmless)',
    cause:
      "the SPICE server tells every client that links the inputs channel over a plain socket that the channel is not encrypted, and the Looking Glass client prints the notice. The client talks to QEMU's SPICE server on 127.0.0.1 or a Unix socket, where no encryption is needed; the line says nothing about why a session does or does not work",
    fix: 'nothing; if the client shows no picture, look at the lines after it (the host not running, the IVSHMEM device, the KVMFR version)',
    render: render(
      '[I]              spice.c:367  | spice_on_common_read           | ',
      'keyboard channel is insecure',
    ),
    examples: [
      ex(
        '[I]              spice.c:367  | spice_on_common_read           | notify message: keyboard channel is insecure',
        { text: 'keyboard channel is insecure' },
        'https://github.com/gnif/LookingGlass/issues/150',
      ),
    ],
  },
  // ---- Out-of-tree kernel modules and dkms ----
  {
    id: 'kernel.module-symbol-mismatch',
    source: 'kernel',
    cite: `${MODULE} resolve_symbol_wait() ("Unknown symbol") and check_version() (kernel/module/version.c in 6.x: "disagrees about version of symbol")`,
    format: '%s: Unknown symbol %s (err %d)\n',
    versions:
      'with CONFIG_MODVERSIONS a CRC mismatch first prints "%s: disagrees about version of symbol %s" and the load then fails with "Unknown symbol … (err -22)"; modprobe itself says "could not insert \'%s\': Unknown symbol in module, or unknown parameter (see dmesg)"',
    patterns: [
      /\b(?<module>[\w-]{1,56}): Unknown symbol (?<symbol>\w{1,128}) \(err (?<err>-?\d{1,4})\)/,
      /\b(?<module>[\w-]{1,56}): (?<disagree>disagrees) about version of symbol (?<symbol>\w{1,128})/,
    ],
    severity: 'error',
    title: 'A kernel module needs a symbol the running kernel does not give it',
    cause:
      'loading the module failed on a symbol it imports: no loaded module or the kernel exports that symbol (err -2). Usually the module was built for another kernel or another build of the module it depends on — an out-of-tree module (i915-sriov-dkms, vendor-reset, kvmfr, an NVIDIA driver) left from before a kernel update, a dkms build against the wrong headers — or a module it depends on (drm_display_helper, drm_kms_helper, mdev) is not loaded yet because it was loaded with insmod instead of modprobe',
    fix: 'load it with modprobe (which loads its dependencies first); rebuild the out-of-tree module for the running kernel (`dkms autoinstall -k $(uname -r)`, with the matching headers installed) and check `modinfo MODULE` vermagic against `uname -r`; if the dkms package does not support this kernel series, use a release that does',
    refine: (f) => {
      if (f.errno !== 'EINVAL' && !f.disagree) return undefined;
      const base = {
        title: "A kernel module was built against a different build of a symbol's exporter",
        cause: `the module imports ${f.symbol ?? 'a symbol'} with a version (CRC) that differs from the one the loaded exporter provides (err -22): it was compiled against another build of that module. Typical with a replaced driver: kvmgt, mdev or the distribution's modules built against the stock i915 while i915-sriov-dkms's i915 is loaded (or the reverse), or any module built for a different kernel build`,
        fix: 'rebuild the module against the exporter that is actually loaded (build both from the same tree or dkms package), or go back to the stock exporter; with i915-sriov-dkms, GVT-g (kvmgt) is not available — it is the SR-IOV driver or GVT-g, not both',
      };
      // kvmgt is GVT-g's module: with the SR-IOV i915 loaded it only fails to load, the VFs work.
      return f.module === 'kvmgt' && /^i915_/.test(f.symbol ?? '')
        ? {
            ...base,
            severity: 'warning',
            cause: `${base.cause}. Here it is kvmgt, the in-tree GVT-g (mediated vGPU) module, refusing the i915 that i915-sriov-dkms installed: kvmgt stays unloaded and GVT-g is unavailable, but SR-IOV VFs do not use kvmgt, so with i915-sriov-dkms these lines are harmless`,
            fix: 'nothing to do when you use SR-IOV VFs; stop loading kvmgt (remove it from /etc/modules, or `blacklist kvmgt`) to silence them; for GVT-g instead, remove i915-sriov-dkms and go back to the stock i915',
          }
        : base;
    },
    render: render('', 'i915', 'drm_dp_clock_recovery_ok', -2),
    examples: [
      ex(
        '[    3.451821] i915: Unknown symbol drm_dp_clock_recovery_ok (err -2)',
        { module: 'i915', symbol: 'drm_dp_clock_recovery_ok', err: '-2' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/183',
      ),
      ex(
        '[    3.865556] kvmgt: disagrees about version of symbol i915_gem_object_set_to_cpu_domain',
        { module: 'kvmgt', symbol: 'i915_gem_object_set_to_cpu_domain' },
        'https://github.com/Upinel/PVE-Intel-vGPU/issues/3',
      ),
    ],
  },
  {
    id: 'dkms.not-in-tree',
    source: 'userspace tool',
    cite: `${DKMS} check_module_exists() (remove, uninstall, build, install of a module/version)`,
    format: 'The module/version combo: %s-%s is not located in the DKMS tree.',
    versions:
      'printed as "Error! …"; dkms 3.x writes the pair as MODULE/VERSION ("vendor-reset/0.1.1"), older dkms as MODULE-VERSION',
    patterns: [
      /module\/version combo: (?<module>[\w.+-]{1,80}?)[-/](?<version>[\w.+~]{1,60}),? is not located in the DKMS tree/,
    ],
    severity: 'warning',
    title: 'dkms has no such module/version registered',
    cause:
      'dkms was asked to remove, uninstall, build or install a module/version that `dkms add` never registered (or that was already removed): nothing of it is in /var/lib/dkms. Install scripts often run `dkms remove` first to clear an earlier copy, and there this line only says there was none — harmless. It matters when the command that fails is the build or install: the source was never added, so the module (vendor-reset, kvmfr, an NVIDIA driver) is not built',
    fix: '`dkms status` lists what is registered; add the source first (`dkms add .` in the source tree, or `dkms add -m MODULE -v VERSION` with the source in /usr/src/MODULE-VERSION), then `dkms install -m MODULE -v VERSION`; ignore it after a remove step in an install script and read the lines that follow',
    render: render('Error! ', 'vendor-reset', '0.1.1'),
    examples: [
      ex(
        'Error! The module/version combo: vendor-reset-0.1.1, is not located in the DKMS tree.',
        undefined,
        'https://github.com/Rushmore75/amd-passthrough-fix/issues/3',
      ),
      ex('Error! The module/version combo: vendor-reset/0.1.1 is not located in the DKMS tree.', {
        module: 'vendor-reset',
        version: '0.1.1',
      }),
    ],
  },
  {
    id: 'dkms.make-build-dir-missing',
    source: 'userspace tool',
    cite: 'GNU make (main.c, the -C directory change: "*** %s: %s.  Stop.") run by a module Makefile as `make -C /lib/modules/KERNEL/build M=…` under dkms (dkms-project/dkms dkms.in do_build(), make.log)',
    format: 'make: *** %s: No such file or directory.  Stop.',
    versions:
      'appears in /var/lib/dkms/MODULE/VERSION/build/make.log and on the console of a manual `make`; dkms itself checks the headers first and says "Your kernel headers for kernel %s cannot be found" when it knows the target kernel',
    patterns: [
      /make(?:\[\d{1,3}\])?: \*\*\* (?<dir>\/(?:usr\/)?lib\/modules\/(?<kernel>[^\s/]{1,100})\/build): No such file or directory/,
    ],
    severity: 'error',
    title: 'A module build found no build directory for the kernel it targets',
    cause:
      "the module's Makefile ran make in /lib/modules/KERNEL/build, the link to that kernel's headers, and it does not exist: the headers for that kernel are not installed, or the Makefile chose the kernel itself with `uname -r` — the running kernel — while dkms was building for the newly installed one (during a kernel upgrade), and the running kernel's headers were already gone. The module is then not built for the new kernel",
    fix: 'install the headers for that kernel; if the kernel in the path is not the one dkms was building for, the module\'s dkms.conf must pass the target (MAKE="make KERNELRELEASE=$kernelver" or KVER=$kernelver) — update the module or fix dkms.conf — then `dkms autoinstall -k NEWKERNEL`',
    render: render('', '/lib/modules/6.8.12-4-pve/build'),
    examples: [
      ex(
        'make: *** /lib/modules/3.10.0-514.6.1.el7.x86_64/build: No such file or directory.  Stop.',
        { kernel: '3.10.0-514.6.1.el7.x86_64' },
        'https://github.com/dkms-project/dkms/issues/17',
      ),
    ],
  },
  // dkms.make-log-compile-error moved to module-build-sweep.ts, which reads any build path and wording.
  // ---- GPU drivers: harmless notes ----
  {
    id: 'kernel.nvidia-chipset-setup',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/src/kernel/platform/chipset/chipset.c objClInitPcieChipset()',
    format: '*** Chipset Setup Function Error!\n',
    versions:
      'printed with NV_PRINTF(LEVEL_ERROR) as "NVRM objClInitPcieChipset: *** Chipset Setup Function Error!"; siblings: "*** Chipset has no definition! (vendor ID 0x%04x, device ID 0x%04x)" (warning) and "*** Unable to get PCI port handles"',
    patterns: [
      /objClInitPcieChipset: \*\*\* (?<what>Chipset Setup Function Error|Unable to get PCI port handles)/,
      /objClInitPcieChipset: \*\*\* (?<what>Chipset has no definition)! \(vendor ID (?<vendor>0x[0-9a-fA-F]{4}), device ID (?<device>0x[0-9a-fA-F]{4})\)/,
    ],
    severity: 'info',
    title: "NVIDIA's driver could not run its chipset-specific set-up (usually harmless)",
    cause:
      "while the NVIDIA driver (RM) initialises, it looks up the host bridge in its table of chipsets and runs that chipset's set-up routine, which reads chipset registers for PCIe features; the routine failed (or the chipset is not in the table, or the PCI ports above the GPU could not be found) and RM carries on without those chipset-specific tweaks. It is common in VMs, whose emulated host bridge and root ports are not the hardware the table expects, and on new platforms; the GPU works unless other NVRM lines say otherwise",
    fix: 'nothing for this line; if the GPU does not work, read the NVRM lines after it (RmInitAdapter failed, "fallen off the bus", the open module refusing a GeForce GPU)',
    render: render('NVRM objClInitPcieChipset: '),
    examples: [
      ex(
        ' NVRM objClInitPcieChipset: *** Chipset Setup Function Error!',
        { what: 'Chipset Setup Function Error' },
        'https://github.com/NVIDIA/open-gpu-kernel-modules/issues/352',
      ),
    ],
  },
  {
    id: 'kernel.i915-guc-log-zero-size',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_guc_log.c _guc_log_init_sizes() (also in i915-sriov-dkms, which carries that file)',
    format: 'Zero GuC log %s size!\n',
    versions:
      'printed with drm_err() for the crash-dump, debug and capture buffers ("Zero GuC log crash dump size!", "Zero GuC log debug size!"); introduced by "drm/i915/guc: Remove log size module parameters" (6.1 development) and fixed soon after; kernels and dkms trees with the broken change print it on every boot',
    patterns: [/\*ERROR\* Zero GuC log (?<buffer>crash dump|debug|capture) size!/],
    severity: 'info',
    title: 'i915 reports empty GuC log buffer sizes (harmless)',
    cause:
      'a change that removed the GuC log-size module parameters left the sizes at zero in kernels built without CONFIG_DRM_I915_DEBUG_GUC, so i915 prints these errors at boot while setting up the GuC; the GuC loads and works, only its log buffers are smaller. It says nothing about SR-IOV or GVT-g working',
    fix: 'nothing; a newer kernel or i915-sriov-dkms release no longer prints it. For VFs that do not appear, look at the "Running in SR-IOV PF mode", sriov_numvfs and GuC firmware lines instead',
    render: render('i915 0000:00:02.0: [drm] *ERROR* ', 'crash dump'),
    examples: [
      ex(
        '[    3.279289] i915 0000:00:02.0: [drm] *ERROR* Zero GuC log crash dump size!',
        { buffer: 'crash dump' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/17',
      ),
    ],
  },
  // ---- Kata Containers ----
  {
    id: 'kata.devices-cgroup-skipped',
    source: 'container runtime',
    cite: `${KATA}/pkg/resourcecontrol/utils_linux.go sandboxDevices() (earlier virtcontainers/cgroups.go)`,
    format: 'Could not add %s to the devices cgroup',
    versions:
      'logged at warning level with source=cgroups for each default device node (/dev/kvm, /dev/mshv, /dev/vhost-net, /dev/vhost-vsock, /dev/vfio/vfio, …) that does not exist on the host',
    patterns: [/Could not add (?<node>\/dev\/[\w/.-]{1,60}) to the devices cgroup/],
    severity: 'info',
    title: 'Kata skipped a device node the host does not have (harmless)',
    cause:
      "the runtime builds the sandbox's device cgroup from a fixed list of nodes every hypervisor might need and warns for each one that is missing on this host: /dev/mshv exists only under Microsoft's hypervisor, so KVM hosts always print this for it. The sandbox is unaffected unless the missing node is one its hypervisor uses",
    fix: 'nothing for /dev/mshv on a KVM host; if the node is /dev/kvm or /dev/vfio/vfio, load kvm_intel/kvm_amd or vfio, since those the VM does need',
    refine: (f) =>
      /^\/dev\/(?:kvm|vfio\/vfio)$/.test(f.node ?? '')
        ? {
            severity: 'warning',
            title: 'Kata found no KVM or VFIO device node on the host',
            cause: `${f.node} does not exist, so the sandbox's device cgroup cannot include it: the kvm or vfio module is not loaded (or the runtime runs where the node is not visible). A KVM-based sandbox cannot start without /dev/kvm, and VFIO passthrough needs /dev/vfio/vfio`,
          }
        : undefined,
    render: render('level=warning msg="', '/dev/mshv'),
    examples: [
      ex(
        'level=warning msg="Could not add /dev/mshv to the devices cgroup" name=containerd-shim-v2 pid=1692 sandbox=vfio-guest-kernel-11614 source=cgroups',
        { node: '/dev/mshv' },
        'https://github.com/kata-containers/kata-containers/pull/9575',
      ),
    ],
  },
  {
    id: 'kata.device-not-passed',
    source: 'container runtime',
    cite: `${KATA}/pkg/device/manager/manager.go deviceManager.createDevice() (earlier virtcontainers/device.go createDevice())`,
    format: 'Device has not been passed to the container',
    versions: 'logged at info level with the host path as device=…',
    patterns: [/Device has not been passed to the container"?(?: device=(?<device>\/dev\/[\w/.-]{1,60}))?/],
    severity: 'info',
    title: 'Kata treats a device as a plain node rather than passing it through (informational)',
    cause:
      "for each device in the container's spec the runtime checks whether it is a VFIO group (/dev/vfio/N) or a block device; anything else — /dev/vfio/vfio, /dev/iommu, /dev/fuse — becomes a generic device node in the container, and the runtime says so. It is expected for /dev/vfio/vfio and /dev/iommu, which accompany the group nodes; only a group node named here would mean a device is not being handed to the VM",
    fix: "nothing for /dev/vfio/vfio or /dev/iommu; if a GPU does not reach the guest, look for the group node (/dev/vfio/N) in the spec and the runtime's hot- or cold-plug lines",
    render: render('level=info msg="'),
    examples: [
      ex(
        'Nov 14 17:06:48 cluster-3-pool-1-machine-pool-851610d7 kata[120905]: time="2025-11-14T17:06:48.791067853Z" level=info msg="Device has not been passed to the container" device=/dev/vfio/vfio name=containerd-shim-v2 pid=120905 sandbox=14106394444b7e3d3ecf',
        { device: '/dev/vfio/vfio' },
        'https://github.com/kata-containers/kata-containers/issues/12091',
      ),
    ],
  },
  // ---- Scream ----
  {
    id: 'scream.pulse-connect-failed',
    source: 'userspace tool',
    cite: 'duncanthrax/scream Receivers/unix/pulseaudio.c pulse_output_init() (pa_simple_new() failing) and pulse_output_send()',
    format: 'Unable to connect to PulseAudio. %s\n',
    versions:
      'the %s is pa_strerror(): "Connection refused", "Access denied", "Input/output error", …; siblings in the same file: "Unable to open PulseAudio with sample rate %u, sample size %hhu and %u channels, not playing until next format switch." and "pa_simple_write() failed: %s"',
    patterns: [
      /Unable to connect to PulseAudio\. (?<reason>[A-Z][\w /-]{2,60})/,
      /Unable to open PulseAudio with sample rate (?<rate>\d{1,6}), sample size (?<bits>\d{1,2})/,
    ],
    severity: 'error',
    title: 'The Scream receiver could not open a PulseAudio stream',
    cause:
      "the receiver plays the guest's audio through the PulseAudio server of the user it runs as (PipeWire's pulse server counts), and opening the playback stream failed: no such server is reachable for that user — the receiver runs as root, with sudo or as a system service while the sound server belongs to the desktop user, or pipewire-pulse/pulseaudio is not running — or the server refused the stream. Network or IVSHMEM reception is not the problem; nothing is played",
    fix: 'run the receiver as the desktop user (a user systemd unit, not sudo or a system service), check `pactl info` as that user, install/start pipewire-pulse on PipeWire systems, or use another output (-o alsa, -o jack)',
    refine: (f) =>
      f.rate
        ? {
            title: 'The Scream receiver could not reopen PulseAudio for a new audio format',
            cause: `the guest switched to ${f.rate} Hz, ${f.bits}-bit audio and the receiver could not open a PulseAudio stream in that format; it stays silent until the next format switch. The server rejected the sample spec or channel map, or went away`,
            fix: "set the guest's Scream device to a common format (16 or 24 bit, 44.1/48 kHz, stereo) in its Advanced properties, and check that the PulseAudio/PipeWire server is still running",
          }
        : undefined,
    render: render('', 'Connection refused'),
    examples: [
      ex(
        'Unable to connect to PulseAudio. Input/Output error',
        { reason: 'Input/Output error' },
        'https://github.com/duncanthrax/scream/issues/175',
      ),
    ],
  },
  // ---- Harvester ----
  {
    id: 'mgmt.harvester-sriov-manage-failed',
    source: 'kubevirt',
    cite: `${HARVESTER_PCI} pkg/controller/gpudevice/gpu_controller.go Handler.manageGPU() (the on-gpu-change handler of SRIOVGPUDevice objects)`,
    format: 'error performing sriovmanage operation: %v',
    versions:
      'reported by the controller\'s handler wrapper as "error syncing \'NODE-ADDRESS\': handler on-gpu-change: error performing sriovmanage operation: …, requeuing"; newer controllers first print "error during readiness check: %v" when the NVIDIA driver pod is not ready',
    patterns: [/error performing sriovmanage operation: (?<err>[^\n]{1,200}?)(?:, requeuing|"|$)/],
    severity: 'error',
    title: "Harvester's PCI-devices controller could not run NVIDIA's sriov-manage",
    cause:
      'for an NVIDIA GPU it lists as an SR-IOV GPU device, the pcidevices controller runs /usr/lib/nvidia/sriov-manage -e|-d ADDRESS (from the host, /host/usr/lib/nvidia/sriov-manage) to create or remove the GPU\'s virtual functions for vGPU, and the command failed and is retried. "no such file or directory" means the NVIDIA vGPU host driver is not installed on that node — the nvidia-driver-toolkit add-on is not enabled or its driver is not in place. Whole-GPU PCI passthrough does not use sriov-manage, so for a passed-through GPU the retries are noise',
    fix: 'for vGPU, enable the nvidia-driver-toolkit add-on with the NVIDIA vGPU KVM driver for that GPU and wait for its pod on the node; for plain passthrough, leave the SR-IOV GPU device disabled (the controller retries only enabled ones) and claim the GPU as a PCI device',
    render: render('', 'fork/exec /host/usr/lib/nvidia/sriov-manage: no such file or directory'),
    examples: [
      ex(
        'time="2025-03-26T17:49:07Z" level=error msg="error syncing \'harvester-760xa-01-000061000\': handler on-gpu-change: error performing sriovmanage operation: fork/exec /host/usr/lib/nvidia/sriov-manage: no such file or directory, requeuing"',
        { err: 'fork/exec /host/usr/lib/nvidia/sriov-manage: no such file or directory' },
        'https://github.com/harvester/harvester/issues/7946',
      ),
    ],
  },
  {
    id: 'mgmt.harvester-claim-device-missing',
    source: 'kubevirt',
    cite: `${HARVESTER_PCI} pkg/controller/pcideviceclaim Handler.OnRemove() and the reboot rebind (getPCIDeviceForClaim(): "Error getting claim's device: %s")`,
    format: "error syncing '%s': handler PCIDeviceClaimOnRemove: %v, requeuing",
    versions:
      'the controller logs "Error getting claim\'s device: pcidevices.devices.harvesterhci.io \\"NAME\\" not found" and the handler wrapper the requeue line; after a reboot the same lookup only skips the claim',
    patterns: [
      /handler PCIDeviceClaimOnRemove: pcidevices\.devices\.harvesterhci\.io \\?"(?<device>[\w.-]{1,100})\\?" not found/,
      /[Ee]rror getting claim's device: pcidevices\.devices\.harvesterhci\.io \\?"(?<device>[\w.-]{1,100})\\?" not found/,
    ],
    severity: 'error',
    title: 'A Harvester PCI device claim points at a PCI device object that no longer exists',
    cause:
      "a PCIDeviceClaim is being deleted (passthrough disabled) and the controller looks up the PCIDevice object the claim was made for, to unbind it from vfio-pci and remove it from the device plugin — and that object is gone: the node's devices were re-scanned under other names (a card moved, a BIOS or firmware change renumbered the bus, the node was renamed or rebuilt) or the object was deleted by hand. The handler fails and requeues forever, the claim keeps its finalizer, and the controller's work queue stays busy with it",
    fix: 'check `kubectl get pcidevices` for the device\'s current name; remove the stale claim\'s finalizer (kubectl patch pcideviceclaim NAME --type=merge -p \'{"metadata":{"finalizers":null}}\') so its deletion completes, then enable passthrough again on the current PCIDevice',
    render: render(
      'level=error msg="',
      'dlps15-0000a1002',
      'pcidevices.devices.harvesterhci.io "dlps15-0000a1002" not found',
    ),
    examples: [
      ex(
        'time="2025-01-16T13:11:36Z" level=error msg="error syncing \'dlps15-0000a1002\': handler PCIDeviceClaimOnRemove: pcidevices.devices.harvesterhci.io \\"dlps15-0000a1002\\" not found, requeuing"',
        { device: 'dlps15-0000a1002' },
        'https://github.com/harvester/harvester/issues/7388',
      ),
    ],
  },
  // ---- NVIDIA vGPU ----
  {
    id: 'nvidia-vgpu.smi-no-vgpu-devices',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA nvidia-smi (closed source; `nvidia-smi vgpu`), quoted from public logs',
    format: 'No supported devices in vGPU mode',
    versions:
      'older vGPU drivers print "Not supported devices in vGPU mode" (the wording changed, see CiscoDevNet/intersight-python-utils#66)',
    patterns: [/\b(?:No|Not) supported devices in vGPU mode/],
    severity: 'error',
    title: 'nvidia-smi finds no GPU running in vGPU mode',
    cause:
      "`nvidia-smi vgpu` lists GPUs that the NVIDIA vGPU host driver (the -vgpu-kvm or GRID host package) drives in vGPU mode, and it found none: the installed driver is the ordinary one (or the vGPU guest driver) rather than the host driver, the GPU is not on NVIDIA's vGPU-supported list (GeForce and most Quadro cards are not, without an unlock), or the GPU runs in a mode without vGPU (a display mode switch, or ECC/SR-IOV not enabled on cards that need it). Without a GPU in vGPU mode no mdev types or vGPU VFs exist",
    fix: "install the vGPU host (KVM) driver matching the card and check it with nvidia-smi -q (Host VGPU Mode); check the GPU against NVIDIA's supported-GPU list for that vGPU release; on Ampere and later enable the VFs with /usr/lib/nvidia/sriov-manage -e ADDRESS; unsupported consumer cards need vgpu_unlock and a driver it supports",
    render: render(''),
    examples: [
      ex(
        'No supported devices in vGPU mode',
        undefined,
        'https://github.com/DualCoder/vgpu_unlock/issues/118',
      ),
      ex('Not supported devices in vGPU mode'),
    ],
  },
  // ---- KubeVirt ----
  {
    id: 'kubevirt.hostdev-xml-unmarshal',
    source: 'kubevirt',
    cite: 'libvirt/libvirt-go-xml-module domain.go DomainHostdev.UnmarshalXML(), called by kubevirt/kubevirt pkg/virt-launcher/virtwrap/plugins (ToLibvirtDomain(), the Plugins feature gate)',
    format: "Missing 'mode' attribute on domain hostdev",
    versions:
      'the same function also says "Missing \'type\' attribute on domain controller" for a hostdev without type (its message names the wrong element); seen in KubeVirt 1.9 with the Plugins feature gate, where virt-launcher logs "converting DomainSpec to libvirtxml: failed to unmarshal XML into libvirtxml.Domain: …"',
    patterns: [
      /Missing 'mode' attribute on domain hostdev/,
      /failed to unmarshal XML into libvirtxml\.Domain: Missing '(?<attr>type)' attribute on domain controller/,
    ],
    severity: 'error',
    title: "KubeVirt's libvirtxml conversion rejects its own hostdev element",
    cause:
      "virt-launcher converts the domain it generated into libvirtxml structures when a Plugin object exists (the Plugins feature gate), and libvirtxml refuses a <hostdev> without the mode attribute — which KubeVirt's own schema leaves out for PCI host devices and GPUs (HostDevice.Mode is omitempty). Every VMI with a PCI or GPU host device then fails to sync and stays Scheduled. A KubeVirt bug, not a problem with the device or the node",
    fix: 'delete the Plugin objects (or leave the Plugins feature gate off) until a KubeVirt release with the fix (kubevirt/kubevirt#18861); host devices start again without them',
    render: render(
      'reason: "converting DomainSpec to libvirtxml: failed to unmarshal XML into libvirtxml.Domain: ',
    ),
    examples: [
      ex(
        '{"level":"error","msg":"Failed to sync vmi","pos":"server.go:263",\n "reason":"converting DomainSpec to libvirtxml: failed to unmarshal XML into libvirtxml.Domain: Missing \'mode\' attribute on domain hostdev"}',
        undefined,
        'https://github.com/kubevirt/kubevirt/issues/18861',
      ),
    ],
  },
  // ---- Windows guests ----
  {
    id: 'windows.bugcheck-dpc-watchdog',
    source: 'windows',
    cite: `${MS_BUGCHECK}: bug check 0x133 DPC_WATCHDOG_VIOLATION`,
    format: 'DPC_WATCHDOG_VIOLATION',
    versions:
      'parameter 1 = 0: a single DPC or ISR ran past its time allotment (DPC_QUEUE_EXECUTION_TIMEOUT_EXCEEDED is parameter 1 = 1: the cumulative time at DISPATCH_LEVEL); the stop screen or the dump analysis names the module',
    patterns: [/\bDPC_WATCHDOG_VIOLATION\b(?:[^\n]{0,20}?\bin (?<module>[\w.]{2,32}))?/],
    severity: 'error',
    title: 'The guest stopped because a driver held the CPU at DPC level too long (0x133)',
    cause:
      "Windows' DPC watchdog found a deferred procedure call or interrupt routine running longer than allowed (or the processor at DISPATCH_LEVEL too long in total) and stopped the system. The driver named in the dump is the one that was running; in a VM that is often a paravirtual driver (netkvm, viostor, vioscsi) hitting a bug fixed in a later virtio-win release, or a passed-through device's driver waiting at raised IRQL for a device that does not answer (a GPU or NIC not reset, interrupts not delivered) — or vCPUs starved by the host so the guest's timer sees the DPC run long",
    fix: 'update the named driver (virtio-win to a current release for netkvm/viostor/vioscsi; the GPU or NIC driver); if a passed-through device is involved, check its reset and MSI/MSI-X delivery (the host log around the time of the crash); pin and do not overcommit the vCPUs',
    refine: (f) =>
      f.module
        ? {
            cause: `the DPC watchdog stopped the guest while ${f.module} was running at raised IRQL: it ran a deferred procedure call or interrupt routine past its time allotment. ${/netkvm|vio/i.test(f.module) ? 'netkvm and the other virtio-win drivers have had such bugs fixed in later releases, so the driver version is the first thing to check' : 'that driver waited at raised IRQL longer than Windows allows — for a passed-through device usually a device that stopped answering (not reset, interrupts not delivered)'}`,
          }
        : undefined,
    render: render('STOP 0x133 ('),
    examples: [
      ex(
        'BSOD: STOP 0x133 (DPC_WATCHDOG_VIOLATION) in netkvm',
        { module: 'netkvm' },
        'https://github.com/virtio-win/kvm-guest-drivers-windows/issues/85',
      ),
    ],
  },
  {
    id: 'windows.hyperv-gpup-failed',
    source: 'windows',
    cite: 'Hyper-V Virtual Machine Management service (vmms.exe; closed source), its GPU partition (GPU-P) device messages quoted from public reports; Microsoft Learn "GPU partitioning" (virtualization/hyper-v) for what GPU-P VMs do not support',
    format: "GPU Partition (Instance ID %s): Failed to Power On with Error '%s'.",
    versions:
      'Start-VM and Hyper-V Manager show it as "\'VM\' failed to start." followed by "GPU Partition (Instance ID …): Error \'…\'." and "\'VM\' GPU Partition: Failed to finish reserving resources with Error \'…\'"; other operations on such a VM answer "The operation cannot be performed on the virtual machine because it is assigned one or more GPUP partitions"',
    patterns: [
      /GPU Partition(?: \(Instance ID [\w-]{8,40}\))?: (?:Failed to (?:Power On|finish reserving resources) with )?Error '(?<error>[^'\n]{3,120})/,
      /\b(?<error>Insufficient system resources exist to complete the requested service)\b/,
      /The operation cannot be performed on the virtual machine because it is (?<gpup>assigned one or more GPUP partitions)/,
    ],
    severity: 'error',
    title: "Hyper-V could not bring up the VM's GPU partition",
    cause:
      'the VM has a GPU partition adapter (Add-VMGpuPartitionAdapter, as Easy-GPU-PV sets up) and Hyper-V could not reserve or power on that partition on the host GPU, so the VM does not start (it starts once the adapter is removed). The adapter stays tied to the GPU and the resource sizes it was created with: after a GPU swap, a host GPU or chipset driver update, or with several VMs sharing the GPU, that GPU no longer offers what the adapter asks for ("Insufficient system resources"), or the host refuses the partition ("Access is denied")',
    fix: "remove and re-add the partition adapter for the GPU the host has now (Get-VMGpuPartitionAdapter -VMName VM | Remove-VMGpuPartitionAdapter; Add-VMGpuPartitionAdapter with the current GPU and sizes that fit Get-VMHostPartitionableGpu), copy the host's current driver files into the VM again (Easy-GPU-PV's Update-VMGpuPartitionDriver.ps1), reboot the host after a GPU driver update, and start fewer GPU-P VMs at once",
    refine: (f) =>
      f.gpup
        ? {
            title: 'Hyper-V refuses this operation on a VM with a GPU partition',
            cause:
              'GPU-partitioned VMs do not support checkpoints, saving state, pausing or live migration, so Hyper-V refuses such an operation (a checkpoint taken before starting, a saved state to resume, an export) while the VM has a GPU partition adapter',
            fix: 'delete the saved state or checkpoint and start the VM normally, turn off automatic checkpoints (Set-VM -CheckpointType Disabled) and set the stop action to shut down (Set-VM -AutomaticStopAction ShutDown); remove the partition adapter for the operation if it is needed',
          }
        : undefined,
    render: render("'Win11' failed to start. ", '8689E9CA-B1DB-4C72-8C36-47F5D549808A', 'Access is denied.'),
    examples: [
      ex(
        "GPU Partition: Failed to Power On with Error 'Access is denied'",
        { error: 'Access is denied' },
        'https://github.com/jamesstringer90/Easy-GPU-PV/issues/217',
      ),
      ex(
        'Error: Insufficient system resources exist to complete the requested service',
        { error: 'Insufficient system resources exist to complete the requested service' },
        'https://github.com/jamesstringer90/Easy-GPU-PV/issues/361',
      ),
      ex(
        'The operation cannot be performed on the virtual machine because it is assigned one or more GPUP partitions',
        { gpup: 'assigned one or more GPUP partitions' },
        'https://github.com/jamesstringer90/Easy-GPU-PV/issues/469',
      ),
    ],
  },
  {
    id: 'crosvm.jail-root-missing',
    source: 'crosvm',
    cite: 'google/crosvm jail/src/helpers.rs create_base_minijail() (the pivot-root directory of every sandboxed device process)',
    format: '%s is not a directory, cannot create jail',
    versions:
      'the path is printed with Rust\'s {:?}, so it appears quoted ("/var/empty"); main() reports it as "exiting with error 1: …"; the directory is the --pivot-root default, set at build time',
    patterns: [/(?<root>"[^"\n]{1,200}") is not a directory, cannot create jail/],
    severity: 'error',
    title: 'crosvm found no empty directory to jail its device processes in',
    cause:
      'with its sandbox on (the default), crosvm runs each device — VFIO devices included — in a minijail process that pivots into an empty root directory, and that directory (/var/empty unless --pivot-root says otherwise) does not exist on this system. Hosts that are not Chrome OS-like often lack it: Android and Termux, minimal containers, distributions without an OpenSSH-style /var/empty. crosvm stops before creating the VM',
    fix: 'create the directory (mkdir -p /var/empty, root-owned and empty) or point --pivot-root at an existing empty directory; or run with --disable-sandbox where another layer (a container, Firejail) confines crosvm',
    render: render('exiting with error 1: ', '"/var/empty"'),
    examples: [
      ex(
        '[2026-05-17T06:38:07.467433820+00:00 ERROR crosvm] exiting with error 1: "/var/empty" is not a directory, cannot create jail',
        { root: '"/var/empty"' },
        'https://github.com/termux/termux-packages/pull/29792',
      ),
    ],
  },
  {
    id: 'kubernetes.sriov-operator-sync-error',
    source: 'kubernetes',
    cite: "k8snetworkplumbingwg/sriov-network-operator pkg/daemon/writer.go NodeStateStatusWriter.setNodeStateStatus() (older: updateNodeStateStatusRetry()), writing the config daemon's last sync result to the SriovNetworkNodeState",
    format: 'setNodeStateStatus(): syncStatus: %s, lastSyncError: %s',
    versions:
      'older daemons print "updateNodeStateStatusRetry(): updating syncStatus: %s, lastSyncError: %s" and "… updated …"; an empty lastSyncError (after "Succeeded") is the normal case and not this entry\'s',
    patterns: [
      /(?:setNodeStateStatus|updateNodeStateStatusRetry)\(\): (?:updat(?:ing|ed) )?syncStatus: (?<status>\w{1,20}), lastSyncError: (?<err>\S[^\n]{0,200})/,
    ],
    severity: 'error',
    title: "The SR-IOV network operator's config daemon could not apply the node policy",
    cause:
      'the sriov-config-daemon on this node tried to apply the SriovNetworkNodePolicy (create the VFs, bind them to their driver — vfio-pci for DPDK or VM use — and set MTUs) and the attempt failed with the error shown; it keeps retrying, the node state stays InProgress or Failed, and the VFs are not (all) there',
    fix: "read the config daemon's log just before this line (`kubectl logs -n OPERATOR_NS ds/sriov-network-config-daemon -c sriov-network-config-daemon`) for the step that failed; fix the policy (numVfs within the PF's total VFs, deviceType matching what the NIC supports) or the node",
    refine: (f) =>
      /timed out waiting for the condition/.test(f.err ?? '')
        ? {
            title: 'The SR-IOV config daemon timed out draining the node',
            cause:
              'changing the VFs needs the node drained first, and the drain timed out ("timed out waiting for the condition" is the Kubernetes wait helper giving up): some pods could not be evicted — a PodDisruptionBudget that allows no disruption, pods without a controller, or pods stuck terminating. The daemon retries the whole sync, and the VFs are not changed until the drain completes',
            fix: 'find the pods the daemon waits for ("Draining failed with: … error when waiting for pod …" before this line) and let them go (relax the PodDisruptionBudget, delete the stuck pods); on a single-node cluster set disableDrain: true in the SriovOperatorConfig',
          }
        : undefined,
    render: render('writer.go:132] ', 'InProgress', 'timed out waiting for the condition'),
    examples: [
      ex(
        'I0518 06:53:37.578868   49529 writer.go:132] setNodeStateStatus(): syncStatus: InProgress, lastSyncError: timed out waiting for the condition',
        { status: 'InProgress', err: 'timed out waiting for the condition' },
        'https://github.com/k8snetworkplumbingwg/sriov-network-operator/issues/306',
      ),
    ],
  },
  {
    id: 'systemd.sriov-vf-config-failed',
    source: 'userspace tool',
    cite: 'systemd/systemd src/udev/net/link-config.c link_apply_sr_iov_config() (udev, [SR-IOV] sections of a .link file) and src/network/networkd-sriov.c sr_iov_process_request() (networkd, [SR-IOV] sections of a .network file), both calling sr_iov_configure() in src/shared/netif-sriov.c',
    format: 'Failed to configure SR-IOV virtual function %u, ignoring: %m',
    versions:
      'udev adds ", ignoring"; networkd prints "Failed to configure SR-IOV virtual function %u: %m"; udev also says "SR-IOV virtual function %u does not exist, ignoring." for a section naming a VF the PF has not created',
    patterns: [
      /Failed to configure SR-IOV virtual function (?<vf>\d{1,4})(?:, ignoring)?: (?<err>[A-Z][\w ]{2,60})/,
      /SR-IOV virtual function (?<vf>\d{1,4}) does not exist, ignoring/,
    ],
    severity: 'warning',
    title: "systemd could not apply a VF's settings from an [SR-IOV] section",
    cause:
      'udev (for a .link file) or networkd (for a .network file) sent the PF\'s driver the per-VF settings of an [SR-IOV] section — MAC address, VLAN, spoof checking, trust, link state, RSS query — over netlink, and the driver refused one of them, so that VF keeps its defaults. The VFs themselves exist and can be passed through; only the listed settings are missing. Drivers support different subsets: "Operation not supported" is an attribute the driver does not implement for VFs, "Invalid argument" a value it does not accept (or a VF not ready yet right after creation)',
    fix: 'keep in the [SR-IOV] section only what the NIC driver supports (`ip link set PF vf N …` by hand shows which setting fails), or set the VF options from a script after creation; warnings for settings you did not ask for are harmless',
    refine: (f) =>
      f.err === undefined
        ? {
            cause: `an [SR-IOV] section names virtual function ${f.vf}, but the PF has fewer VFs (SR-IOVVirtualFunctions= or sriov_numvfs is lower, or the VFs were not created yet), so its settings are skipped`,
            fix: "create enough VFs (SR-IOVVirtualFunctions= in the PF's .link file) or drop the section for the VF that does not exist",
          }
        : undefined,
    render: render('enp3s0f0: ', 1, 'Invalid argument'),
    examples: [
      ex(
        'Apr 28 18:39:08 (udev-worker)[391]: enp3s0f0: Failed to configure SR-IOV virtual function 1, ignoring: Invalid argument',
        { vf: '1', err: 'Invalid argument' },
        'https://github.com/systemd/systemd/issues/37275',
      ),
    ],
  },
  {
    id: 'kubernetes.sriov-operator-vf-link-not-found',
    source: 'kubernetes',
    cite: "k8snetworkplumbingwg/sriov-network-operator (openshift fork) pkg/utils/utils.go setVfsAdminMac() — the netlink lookup of the VF's link before setting its administrative MAC",
    format: 'setVfsAdminMac(): unable to get VF link for device %+v %q',
    versions:
      'a retry was added (openshift/sriov-network-operator#314); older daemons fail the sync and start over',
    patterns: [/setVfsAdminMac\(\): unable to get VF link for device [^\n]{0,400}?"(?<err>Link not found)"/],
    severity: 'warning',
    title: "The SR-IOV config daemon looked for a VF's network interface before it appeared",
    cause:
      "right after creating the VFs, the config daemon looks up each VF's netdev to set its administrative MAC, and netlink does not have the link yet: the VF's driver (iavf, mlx5, ixgbevf) had not finished creating the interface. Older daemons treat it as a sync error and restart the whole apply, which then succeeds — so it recurs without harm — newer ones retry",
    fix: 'nothing if the next sync succeeds (syncStatus Succeeded); update the operator to a release with the retry if it keeps the node InProgress',
    render: render('', '&{Name:ens785f0}', 'Link not found'),
    examples: [
      ex(
        'setVfsAdminMac(): unable to get VF link for device &{Name:ens785f0 Mac:68:05:ca:2d:ea:f0 Driver:i40e PciAddress:0000:02:00.0 Vendor:8086 DeviceID:1572 Mtu:1500 NumVfs:0 LinkSpeed:-1 Mb/s LinkType:ETH TotalVfs:32 VFs:[]} "Link not found"',
        { err: 'Link not found' },
        'https://github.com/openshift/sriov-network-operator/issues/335',
      ),
    ],
  },
  {
    id: 'kubernetes.sriov-cni-vf-no-driver',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-cni pkg/config/config.go LoadConf() (the DPDK-mode check of the VF, utils.HasDpdkDriver() reading /sys/bus/pci/devices/VF/driver)',
    format: 'LoadConf(): failed to detect if VF %s has dpdk driver %q',
    versions:
      'wrapped by Multus and the kubelet in "error adding container to network …: SRIOV-CNI failed to load netconf: LoadConf(): …"',
    patterns: [
      /failed to detect if VF (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) has dpdk driver "?lstat (?<path>\/sys\/[^\s"]{1,200}?\/driver): no such file or directory/,
    ],
    severity: 'error',
    title: 'The SR-IOV CNI found the VF without any driver',
    cause:
      "sriov-cni reads the VF's driver link (…/VF/driver) to decide whether it is a netdev VF or a DPDK one (vfio-pci, igb_uio), and the link does not exist: the VF is bound to no driver at all. Something unbound it after the SR-IOV operator configured it — typically a DPDK or passthrough workload that unbinds the VF it was given (dpdk-devbind, driverctl, a script) and exits without rebinding — so every later pod that gets this VF fails to start",
    fix: "bind the VF back to the driver its resource pool expects (its netdev driver — iavf, mlx5_core, ixgbevf — or vfio-pci for a DPDK pool): `echo VF > /sys/bus/pci/drivers/DRIVER/bind`, or reset the VFs (sriov_numvfs to 0 and back, or let the operator reapply the policy); don't let workloads rebind the VFs they receive",
    render: render(
      '',
      '0000:19:02.2',
      'lstat /sys/bus/pci/devices/0000:19:02.2/driver: no such file or directory',
    ),
    examples: [
      ex(
        '    LoadConf(): failed to detect if VF 0000:19:02.2 has dpdk driver "lstat /sys/devices/pci0000:17/0000:17:02.0/0000:19:02.2/driver: no such file or directory"',
        { bdf: '0000:19:02.2' },
        'https://github.com/k8snetworkplumbingwg/sriov-network-operator/issues/443',
      ),
    ],
  },
];
