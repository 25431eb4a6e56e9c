/**
 * Known misses of two harvests of posted messages, explained as families: the Looking Glass host's
 * D3D12 copy backend and its fatal capture error, Mesa's DRI2 authentication warning the client
 * prints, USB devices that refuse SET_CONFIGURATION, Intel Wi-Fi firmware that does not come up in
 * a VM, guest kernels touching MSRs the hypervisor does not provide, i915 engine resets that time
 * out on an SR-IOV VF, Firecracker unable to create its VM while another hypervisor holds VT-x,
 * PCILeechFWGenerator's VFIO binding check and nvidia-smi finding no GPU. Each example is the
 * message as posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const LG = 'gnif/LookingGlass';

/** HRESULTs the Windows capture path reports, by what they mean there. */
const HRESULTS: Record<string, string> = {
  '0x80070057': 'E_INVALIDARG',
  '0x887a0005': 'DXGI_ERROR_DEVICE_REMOVED',
  '0x887a0006': 'DXGI_ERROR_DEVICE_HUNG',
  '0x887a0007': 'DXGI_ERROR_DEVICE_RESET',
  '0x8007000e': 'E_OUTOFMEMORY',
};

export const LEFTOVERS_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- Looking Glass host (Windows guest): the DXGI capture's Direct3D 12 copy backend ----
  {
    id: 'lg.host-d3d12-copy-failed',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/capture/DXGI/src/d3d12.c d3d12_postCopy() and d3d12_mapTexture() (DEBUG_WINERROR: "%s: 0x%08x (%s)")`,
    format: 'Failed to close command list: 0x%08x (%s)',
    versions:
      'the same function prints "Failed to signal capture fence", "Failed to signal capture fence event", "Failed to signal texture fence", "Failed to signal texture fence event"; d3d12_mapTexture() "Failed to reset command allocator" and "Failed to reset command list"; DEBUG_WINERROR appends the HRESULT and Windows\' text for it in the guest\'s language. Only with the DXGI capture\'s copy backend set to d3d12 ([dxgi] copyBackend=d3d12; the default is d3d11)',
    patterns: [
      /\| Failed to (?<what>close command list|reset command allocator|reset command list|signal (?:capture|texture) fence(?: event)?): (?<hr>0x[0-9A-Fa-f]{8})/,
    ],
    severity: 'error',
    title: 'Looking Glass host: the Direct3D 12 copy of the captured frame failed',
    cause:
      'the Looking Glass host captures the desktop with DXGI and, with the d3d12 copy backend, records a copy of each frame into a Direct3D 12 buffer placed in the IVSHMEM memory; closing, signalling or resetting that command list failed with the HRESULT shown, so the frame is lost and the capture reports an error (followed by "Capture interface reported a fatal error" and the host restarting). The HRESULT says which: a driver refusing the recorded copy, or the GPU device removed or reset',
    fix: 'use the default copy backend: remove copyBackend=d3d12 from the [dxgi] section of looking-glass-host.ini (or set it to d3d11) and restart the Looking Glass service; update the guest GPU driver and the host application',
    refine: (f) => {
      const code = HRESULTS[(f.hr ?? '').toLowerCase()];
      if (code === 'E_INVALIDARG')
        return {
          cause:
            'the Looking Glass host\'s d3d12 copy backend recorded a copy of the captured frame into a Direct3D 12 buffer placed in the IVSHMEM memory, and ID3D12GraphicsCommandList::Close() returned E_INVALIDARG (0x80070057, "The parameter is incorrect"): Direct3D 12 reports a command that was invalid when recorded only when the list is closed, so the GPU driver refused the copy itself (the frame\'s format, size or pitch against the buffer placed in the shared memory). The frame is dropped and the capture fails; the error repeats on every frame',
        };
      if (code?.startsWith('DXGI_ERROR_DEVICE'))
        return {
          cause: `the GPU device was lost while the Looking Glass host's d3d12 copy backend used it (${code}): the guest's GPU driver crashed or reset (TDR), was updated or disabled, or the passed-through GPU stopped responding; every Direct3D object must be created again`,
          fix: "let the host restart the capture (it reinitialises); if it keeps happening, look at the guest's GPU driver (Event Viewer: Display, nvlddmkm/amdkmdag) and the VM's host log for the GPU (AER, reset), and use the default d3d11 copy backend",
        };
      return undefined;
    },
    render: render('[E]   d3d12.c:520  | d3d12_postCopy  | ', 0x80070057, 'The parameter is incorrect.'),
    examples: [
      ex(
        '     8987615 [E]              d3d12.c:520  | d3d12_postCopy                 | Failed to close command list: 0x80070057 (Ïàðàìåòð çàäàí íåâåðíî.)',
        { what: 'close command list', hr: '0x80070057' },
        'https://github.com/gnif/LookingGlass/issues/1100',
      ),
    ],
  },
  {
    id: 'lg.host-capture-fatal',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c app_main() (case CAPTURE_RESULT_ERROR of the capture loop)`,
    format: 'Capture interface reported a fatal error',
    versions: 'every host version since B2; the host then exits with LG_HOST_EXIT_FAILED (older: -1)',
    patterns: [/Capture interface reported a fatal error/],
    severity: 'error',
    title: 'Looking Glass host: the capture backend failed and the host exits',
    cause:
      "the capture backend (DXGI, D12 or NvFBC) returned CAPTURE_RESULT_ERROR from capture(), which app_main() treats as fatal: it stops capturing and the host application exits (the Windows service starts it again). This line only reports the failure; the backend's own error just before it says what failed (a Direct3D call with its HRESULT, a lost desktop duplication, NvFBC unavailable)",
    fix: 'read the [E] lines before it in the host log (looking-glass-host.txt in the Windows temp folder of the SYSTEM user, or the file set with -o); if it names the d3d12 copy backend, use the default d3d11 ([dxgi] copyBackend); if the capture fails after a driver update or resolution change, update the host to match the client and restart the service',
    render: render('[E]   app.c:968  | app_main  | '),
    examples: [
      ex(
        '[E]      8987954               app.c:968  | app_main                       | Capture interface reported a fatal error',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/1100',
      ),
    ],
  },
  // ---- Mesa EGL on X11, as the Looking Glass client prints it ----
  {
    id: 'tool.mesa-egl-dri2-auth-failed',
    source: 'userspace tool',
    cite: 'mesa/mesa src/egl/drivers/dri2/platform_x11.c (the DRI2 authentication before dri2_x11_connect(): _eglLog(_EGL_WARNING, "DRI2: failed to authenticate")); path and function name read from the indexed file, its path not verified',
    format: 'DRI2: failed to authenticate',
    versions:
      'printed by libEGL as "libEGL warning: DRI2: failed to authenticate", often after "libEGL warning: DRI3: ..." lines',
    patterns: [/DRI2: failed to authenticate/],
    severity: 'warning',
    title: 'Mesa EGL: the X server refused DRI2 authentication (the program falls back)',
    cause:
      "a program using EGL on X11 (the Looking Glass client, with its EGL renderer) went through Mesa's DRI2 path — DRI3 was not available — opened the DRM device and asked the X server to authenticate it, and the X server refused: its driver does not provide DRI2 for that device (the NVIDIA proprietary X driver, a GPU other than the one Mesa opened, a virtual or remote X server such as Xvfb, VNC or ssh forwarding). Mesa then gives up the hardware path on this display and falls back (another platform or software rendering); the warning alone does not stop the program",
    fix: "if rendering works, ignore it; if the client is slow or fails, run it on the X server of the GPU that drives the display (DISPLAY=:0 on the local session), with that GPU's own driver; on NVIDIA use the proprietary GL/EGL libraries (or the client's OpenGL renderer), not Mesa",
    render: render('libEGL warning: '),
    examples: [
      ex(
        'libEGL warning: DRI2: failed to authenticate',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/240',
      ),
    ],
  },
  // ---- USB: the device refused SET_CONFIGURATION ----
  {
    id: 'kernel.usb-set-config-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/usb/core/generic.c usb_generic_driver_probe() (generic_probe() in older kernels), after usb_set_configuration() in drivers/usb/core/message.c',
    format: "can't set config #%d, error %d\n",
    versions:
      'printed with dev_err() and the device name ("usb 5-1: "); usbip prints the same text from stub_rx.c tweak_set_configuration_cmd(); not printed for -ENODEV (device gone) in current kernels',
    patterns: [/usb \d{1,3}-[\d.]{1,20}: can't set config #(?<config>\d{1,3}), error (?<err>-\d{1,4})/],
    severity: 'error',
    title: 'A USB device refused to be configured',
    cause:
      "the USB device enumerated (its descriptors were read) but the SET_CONFIGURATION request the kernel then sent failed, so the device stays unconfigured and no interface driver binds to it; the device shows in lsusb but does not work. The error says how: -32 (EPIPE) the device stalled the request — it refuses it, typically firmware that is still in another state after a reset or after a VM had it, or that does not support the configuration chosen; -110 (ETIMEDOUT) and -71 (EPROTO) no valid answer — power, cable or a hub. In a VM the device is usually passed through as a USB device (usb-host, usbip, a container's USB passthrough) and the VM's request reaches the real device",
    fix: "unplug and replug the device (or reset it: usbreset, or unbind/bind the port); give it enough power (powered hub); for a device passed through to a VM, pass the whole USB controller (PCI) instead of the single device or let only one side use it at a time; check dmesg for 'device descriptor read' errors before it",
    refine: (f) =>
      f.errno === 'EPIPE'
        ? {
            cause:
              "the USB device stalled the SET_CONFIGURATION request (-32, EPIPE): it enumerated but refuses to enter the configuration the kernel chose, so no interface driver binds and the device does not work. A device's firmware does this when it is not in the state the host expects — just reset or handed between host and VM, still held by another configuration, or a device whose firmware does not support that configuration — and some devices stall it only on the first try after power-up",
          }
        : undefined,
    render: render('usb 5-1: ', 1, -32),
    examples: [
      ex(
        "[    2.679804] usb 5-1: can't set config #1, error -32",
        { config: '1', err: '-32' },
        'https://github.com/canonical/lxd/pull/8007',
      ),
    ],
  },
  // ---- Intel Wi-Fi in a VM: the firmware did not come up ----
  {
    id: 'kernel.iwlwifi-rt-ucode-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/wireless/intel/iwlwifi/mvm/fw.c iwl_mvm_up() and iwl_run_unified_mvm_ucode() (dvm/main.c for older cards)',
    format: 'Failed to start RT ucode: %d\n',
    versions:
      'printed with IWL_ERR ("iwlwifi 0000:02:00.0: "); followed by a firmware error dump on recent kernels and "Failed to run INIT ucode" on older paths; -110 is ETIMEDOUT (no ALIVE), -5 EIO, -132 ERFKILL (radio switched off)',
    patterns: [/iwlwifi [0-9a-fA-F:.]{7,16}: Failed to start RT ucode: (?<err>-\d{1,4})/],
    severity: 'error',
    title: "Intel Wi-Fi: the card's runtime firmware did not start",
    cause:
      'iwlwifi loaded the runtime firmware into the card and waited for its ALIVE notification, which did not come (-110, ETIMEDOUT) or the load failed; the interface does not come up. With the card passed through to a VM (OpenWrt, a router VM) this is usually the card left by its previous owner (the host driver, or a VM that did not shut down cleanly) in a state the new driver does not expect, with no reset in between, or its interrupt not reaching the guest (ALIVE arrives as an interrupt); otherwise firmware that does not match the card or a card stuck after suspend',
    fix: 'power-cycle the host (a cold boot resets the card), keep the card bound to vfio-pci from boot so the host never initialises it, make sure the guest has the matching firmware file (iwlwifi-*.ucode in linux-firmware), and if it times out every time in the guest, check that MSI works there (lspci -vv in the guest: MSI Enable+)',
    refine: (f) =>
      f.err === '-132'
        ? {
            severity: 'warning',
            cause:
              'the radio is switched off (rfkill: a hardware switch or a soft block), so the firmware was not started',
            fix: '`rfkill list`, then `rfkill unblock wifi`; check a hardware Wi-Fi switch or BIOS setting',
          }
        : undefined,
    render: render('iwlwifi 0000:02:00.0: ', -110),
    examples: [
      ex(
        ' [ 4.991298] iwlwifi 0000:02:01.0: Failed to start RT ucode: -110',
        { err: '-110' },
        'https://github.com/openwrt/openwrt/issues/13251',
      ),
    ],
  },
  // ---- Guest kernels: MSRs the hypervisor does not provide ----
  {
    id: 'kernel.unchecked-msr-access',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/extable.c ex_handler_msr() (ex_handler_wrmsr_unsafe()/ex_handler_rdmsr_unsafe() before 5.17)',
    format: 'unchecked MSR access error: WRMSR to 0x%x (tried to write 0x%08x%08x) at rIP: 0x%lx (%pS)\n',
    versions:
      'reads: "unchecked MSR access error: RDMSR from 0x%x at rIP: 0x%lx (%pS)"; printed once per boot per kind (pr_warn_once) with a call trace after it; the kernel then goes on as if the write succeeded (a read gives 0)',
    patterns: [
      /unchecked MSR access error: (?<op>WRMSR) to (?<msr>0x[0-9a-fA-F]{1,8}) \(tried to write (?<value>0x[0-9a-fA-F]{16})\)/,
      /unchecked MSR access error: (?<op>RDMSR) from (?<msr>0x[0-9a-fA-F]{1,8})/,
    ],
    severity: 'warning',
    title: 'The kernel touched a CPU register (MSR) the processor — or the hypervisor — does not have',
    cause:
      'the kernel read or wrote a model-specific register with the unchecked instruction and got a #GP fault: the CPU does not implement that MSR. In a VM this is the hypervisor (KVM/QEMU, Hyper-V, Xen) not emulating an MSR that the CPU model it advertises implies — the guest kernel believes a feature is there (from CPUID or the CPU family) that the virtual CPU does not provide. The kernel ignores the failed write (a read returns 0) and continues; usually harmless, sometimes a feature the guest wanted (power management, a mitigation, a performance counter) is simply off',
    fix: 'usually nothing; if a feature is missing in the guest, give it a CPU model that matches (host-passthrough, or a named model without the flag), or update the hypervisor (newer KVM emulates more MSRs) and the guest kernel; on the host, a kvm line "unhandled wrmsr/rdmsr" names the same MSR (kvm.ignore_msrs=1 silences the fault for the guest)',
    render: render('', 0xc001001f, '00004000', '00000000', '0xffffffff9069cec4', 'native_write_msr+0x4/0x30'),
    examples: [
      ex(
        '[ 1.659886] unchecked MSR access error: WRMSR to 0xc001001f (tried to write 0x0000400000000000) at rIP: 0xffffffff9069cec4 (native_write_msr+0x4/0x30)',
        { op: 'WRMSR', msr: '0xc001001f' },
        'https://github.com/microsoft/openvmm/pull/4391',
      ),
      ex(
        'Feb 13 03:43:39 localhost kernel: unchecked MSR access error: WRMSR to 0xda0 (tried to write 0x0000000000000000) at rIP: 0xffffffff93e87da4 (native_write_msr+0x4/0x20)',
        { op: 'WRMSR', msr: '0xda0' },
        'https://github.com/harvester/harvester/issues/3447',
      ),
    ],
  },
  // ---- i915 on an SR-IOV VF: an engine reset that cannot be requested ----
  {
    id: 'kernel.i915-engine-reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_reset.c gen8_engine_reset_prepare()',
    format: '%s reset request timed out: {request: %08x, RESET_CTL: %08x}\n',
    versions:
      'printed with DRM_ERROR, drm_err() ("i915 0000:00:02.0: [drm] *ERROR* "), then gt_err() ("GT0: "); later kernels demote it to a trace; the engine names are rcs0, bcs0, vcs0, vecs0, ccs0 (rcs\'0 while the engine is not yet named)',
    patterns: [
      /(?<engine>[a-z]{3,4}'?\d{1,2}) reset request timed out: \{request: (?<request>[0-9a-fA-F]{8}), RESET_CTL: (?<ctl>[0-9a-fA-F]{8})\}/,
    ],
    severity: 'error',
    title: 'i915 asked a GPU engine to get ready for reset and it never acknowledged',
    cause:
      "to reset one engine i915 writes a reset request to the engine's RESET_CTL register and waits up to 700 µs for the ready-to-reset bit; it did not come, so the reset goes on without it or fails (a full GPU reset follows). The engine is hung in a way that blocks even the reset handshake — a hang the driver cannot recover per engine",
    fix: 'check the lines after it (GPU reset, "Failed to reset chip"); update the kernel/i915 and the GuC/HuC firmware; report it with the error state (/sys/class/drm/card0/error)',
    refine: (f) =>
      (f.ctl ?? '').toLowerCase() === 'ffffffff'
        ? {
            title: 'i915 cannot reach the engine reset register (it reads all ones)',
            cause:
              "RESET_CTL read back as ffffffff: the register is not there for this driver at all. That is the case for a virtual function of an SR-IOV Intel GPU (i915-sriov-dkms) whose guest driver runs the reset code of a full GPU — a VF has no access to the engines' reset registers, the PF and GuC own resets — or for a GPU that has fallen off the bus (every register reads all ones). In an SR-IOV guest the driver does not recognise that it is on a VF (the VF is not in its SR-IOV list, or the PF is not in SR-IOV mode with GuC submission), so it drives the VF like a full GPU and the reset cannot work",
            fix: 'in the guest, use the same i915-sriov-dkms version as on the host and load it as a VF (check dmesg for "Running in SR-IOV VF mode"); on the host keep the PF with GuC submission (i915.enable_guc=3) and a matching firmware; if the host reads all ones too, the GPU is gone from the bus (AER, a reset it did not survive): reboot',
          }
        : undefined,
    render: render('i915 0000:00:02.0: [drm] *ERROR* ', "rcs'0", 4, 0xffffffff),
    examples: [
      ex(
        "[   17.204190] i915 0000:01:00.0: [drm] *ERROR* rcs'0 reset request timed out: {request: 00000004, RESET_CTL: ffffffff}",
        { engine: "rcs'0", ctl: 'ffffffff' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/68',
      ),
    ],
  },
  // ---- Firecracker: KVM_CREATE_VM failed ----
  {
    id: 'rust-vmm.firecracker-vm-fd-failed',
    source: 'rust-vmm',
    cite: 'firecracker-microvm/firecracker vmm/src/lib.rs (impl Display for Error: Vm(e) => "Error opening VM fd: {:?}"; function not verified); the errno from KVM_CREATE_VM, torvalds/linux virt/kvm/kvm_main.c kvm_dev_ioctl_create_vm()/kvm_create_vm()',
    format: 'Error opening VM fd: %s',
    versions:
      'Firecracker before 0.20 or so ("Cannot create VMM: Error opening VM fd: VmFd(Os { code: N, ... })" in a panic); later versions word it "Cannot create VM: ..." with the errno text',
    patterns: [
      /Error opening VM fd: VmFd\(Os \{ code: (?<code>\d{1,4}), kind: \w{1,30}, message: "(?<err>[^"\n]{1,60})" \}\)/,
    ],
    severity: 'error',
    title: 'Firecracker could not create its VM in KVM',
    cause:
      'the KVM_CREATE_VM ioctl on /dev/kvm failed with the errno shown, so Firecracker has no VM to start and panics; /dev/kvm itself opened',
    fix: 'see the errno: EBUSY means another hypervisor; ENOMEM memory; EPERM/EACCES the sandbox (jailer, seccomp) refusing it',
    refine: (f) =>
      f.errno === 'EBUSY' || f.code === '16'
        ? {
            title:
              'Firecracker could not create a VM: another hypervisor holds the CPU virtualisation (VT-x/AMD-V)',
            cause:
              'KVM_CREATE_VM returned EBUSY (code 16, "Resource busy"): KVM enables the CPU\'s virtualisation extensions when the first VM is created (kvm_create_vm() -> hardware_enable_all()), and that failed on at least one CPU because another hypervisor already holds VMX/SVM — VirtualBox, VMware Workstation or another out-of-tree hypervisor module loaded, or a host that is itself a VM without nested virtualisation turned on for it. On kernels from 6.12 the enabling happens at module load (kvm.enable_virt_at_load) and the same conflict makes loading kvm_intel/kvm_amd fail instead',
            fix: 'stop the other hypervisor and unload its modules (vboxdrv, vmmon) before starting Firecracker, or run only one hypervisor on the host; in a nested setup enable nested virtualisation for this VM; dmesg at the same moment names the CPU where enabling failed ("kvm: enabling virtualization on CPUn failed")',
          }
        : undefined,
    render: render(
      "Firecracker panicked at 'Cannot create VMM: ",
      'VmFd(Os { code: 16, kind: Other, message: "Resource busy" })',
    ),
    examples: [
      ex(
        'Firecracker panicked at \'Cannot create VMM: Error opening VM fd: VmFd(Os { code: 16, kind: Other, message: "Resource busy" })\', src/libcore/result.rs:1009:5',
        { code: '16', errno: 'EBUSY' },
        'https://github.com/firecracker-microvm/firecracker/issues/1109',
      ),
    ],
  },
  // ---- PCILeechFWGenerator: the VFIO binding check ----
  {
    id: 'pcileech.vfio-bind-verify-failed',
    source: 'userspace tool',
    cite: 'VoltCyclone/PCILeechFWGenerator src/cli/vfio_handler.py (the binding verification: log_error_safe("VFIO binding verification failed: {error}", prefix="BIND"), then VFIOBindError); file read in the index by its text, path and function name not verified',
    format: 'VFIO binding verification failed: {error}',
    versions:
      'older versions print "[VFIO BIND] VFIO binding verification failed: {error}"; the exception says "VFIO binding verification failed for BDF: ..."',
    patterns: [/VFIO binding verification failed(?: for [0-9a-fA-F:.]{7,16})?: (?<detail>[^\n]{1,200})/],
    severity: 'error',
    title: 'PCILeechFWGenerator: the device did not end up usable through VFIO',
    cause:
      'after binding the donor device to vfio-pci, the generator checks that it is bound and that its VFIO group device can be opened; that check failed with the reason shown, so it stops before reading the device',
    fix: 'bind the device by hand and check: `lspci -nnk -s ADDR` (Kernel driver in use: vfio-pci), `ls -l /sys/bus/pci/devices/ADDR/iommu_group` and /dev/vfio/N; run the generator as root on the host (not in a container without /dev/vfio)',
    refine: (f) =>
      /\/dev\/vfio\/\d{1,5} does not exist/.test(f.detail ?? '')
        ? {
            cause:
              "the device's IOMMU group has no /dev/vfio/N node: vfio-pci is not bound to the device (the bind failed or another driver took it back) or not to every device of that group, so VFIO never created the group device; or the generator runs where /dev/vfio is not visible (a container started without the device, a different mount namespace). The group number is the one sysfs shows for the device",
            fix: 'check `lspci -nnk -s ADDR` shows vfio-pci and that every device in /sys/kernel/iommu_groups/N/devices is bound to vfio-pci (or has no driver); load vfio-pci first (`modprobe vfio-pci`); in a container pass /dev/vfio/vfio and /dev/vfio/N; `vfiokit bind ADDR` binds by address and reports what is left in the group',
          }
        : undefined,
    render: render('ERROR  │ [BIND] ', 'VFIO group device /dev/vfio/18 does not exist'),
    examples: [
      ex(
        '04:02:42 - ERROR -   04:02:42 │ ERROR  │ [BIND] VFIO binding verification failed: VFIO group device /dev/vfio/18 does not exist',
        { detail: 'VFIO group device /dev/vfio/18 does not exist' },
        'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/334',
      ),
    ],
  },
  // ---- macOS guests (OpenCore on KVM): the last verbose line before the graphical stage ----
  {
    id: 'guest.macos-screen-lock-state',
    source: 'userspace tool',
    cite: 'apple-oss-distributions/xnu iokit/Kernel/IOService.cpp (gIOScreenLockState is declared there, verified; the printing function, IOService::updateConsoleUsers(), and the exact format not verified in the index)',
    format: 'IOConsoleUsers: gIOScreenLockState %d, hs %d, bs %d, now %ld, sm 0x%x',
    versions:
      'macOS 10.12.4 and later, in verbose boot (-v); usually just after "IOConsoleUsers: time(0) 0->0, lin 0, llk 1,"; some posts render it "sm0x0"',
    patterns: [/IOConsoleUsers: gIOScreenLockState (?<state>\d{1,2}), hs \d{1,3}, bs \d{1,3}, no[wv] /],
    severity: 'info',
    title: 'macOS: the kernel hands over to the graphical session (a hang here is a graphics problem)',
    cause:
      "IOKit records the console's screen-lock state when the first console session appears — the moment the verbose text should give way to the graphical boot (WindowServer and the login window). The line itself is no error; when a macOS VM stops here, the graphical stage did not start: macOS has no driver for the display it was given (a passed-through GPU macOS does not support, such as most NVIDIA cards since Mojave, or an iGPU without the right framebuffer settings), or it is drawing to a display output that is not the one being watched",
    fix: "give the VM a display macOS can drive: a supported AMD GPU passed through (with its own ROM, and the VGA/QXL device removed or kept as the only display), or the emulated VGA/VMware SVGA display with the OpenCore settings of the guide used (KVM-Opencore documents them); wait a few minutes on first boot; look at the GPU's own outputs rather than the VM console",
    render: render('', 3, 0, 0, 0, 0),
    examples: [
      ex(
        'IOConsoleUsers: gIOScreenLockState 3, hs 0, bs 0, now 0, sm0x0.',
        { state: '3' },
        'https://github.com/thenickdude/KVM-Opencore/issues/66',
      ),
    ],
  },
  // ---- nvidia-smi: the driver is loaded but manages no GPU ----
  {
    id: 'tool.nvidia-smi-no-devices',
    source: 'userspace tool',
    cite: 'NVIDIA nvidia-smi (closed source; the wording quoted from public output, not verified in a source)',
    format: 'No devices were found',
    versions:
      'when the kernel module is not loaded at all nvidia-smi says instead "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver"',
    patterns: [/^No devices were found\.?$/],
    severity: 'warning',
    title: 'nvidia-smi: the NVIDIA driver manages no GPU',
    cause:
      'nvidia-smi reached the NVIDIA driver but the driver has no GPU it initialised. On the host this is expected when the GPU is bound to vfio-pci for a VM (the NVIDIA driver does not get it); otherwise, in a guest or on the host, the driver saw the GPU and failed to initialise it — dmesg then has NVRM lines ("RmInitAdapter failed", "GPU has fallen off the bus", a GPU the driver version does not support) — or the GPU is claimed by another driver (nouveau)',
    fix: "`lspci -nnk -d 10de:` shows which driver has the GPU: vfio-pci on a passthrough host is fine; in the guest read `dmesg | grep NVRM` for why the driver gave up (a driver version that supports the card, the guest's machine type and the GPU's ROM, nouveau blacklisted)",
    render: render(''),
    examples: [
      ex('No devices were found', undefined, 'https://github.com/clayfreeman/gpu-passthrough/issues/4'),
    ],
  },
  // ---- NVIDIA vGPU manager: no RM client on the GPU ----
  {
    id: 'nvidia-vgpu.rm-client-init-failed',
    source: 'nvidia-vgpu',
    cite: "NVIDIA's vGPU manager nvidia-vgpu-mgr (closed source; the line quoted from public logs, function vmiop_env_log as it prints it); the status code's meaning from NVIDIA/open-gpu-kernel-modules src/common/sdk/nvidia/inc/nvstatuscodes.h (NV_STATUS_CODE table)",
    format: 'error: vmiop_env_log: Failed to initialize RM client: 0x%x',
    versions:
      'printed by nvidia-vgpu-mgr (journalctl -u nvidia-vgpu-mgr) when a VM with a vGPU starts; the status is an NV_STATUS code',
    patterns: [/vmiop_env_log: Failed to initialize RM client: (?<status>0x[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: 'NVIDIA vGPU manager: it could not open the GPU through the NVIDIA driver',
    cause:
      "nvidia-vgpu-mgr, starting the vGPU for a VM, could not create its client in the NVIDIA kernel driver's resource manager (RM), so it cannot drive the vGPU and the VM's vGPU does not start. The NV_STATUS code says why",
    fix: 'read the lines around it (journalctl -u nvidia-vgpu-mgr -u nvidia-vgpud, dmesg NVRM); check that nvidia-vgpu-mgr and the loaded nvidia module come from the same vGPU host driver package and version (`cat /proc/driver/nvidia/version`), and that nvidia-vgpud ran successfully before it',
    refine: (f) => {
      const st = Number.parseInt(f.status ?? '', 16);
      if (st === 0x26)
        return {
          cause:
            'nvidia-vgpu-mgr could not create its RM client: the NVIDIA driver answered NV_ERR_INVALID_DEVICE (0x26, "Current device is not valid") — the GPU it was told to use is not a device the loaded driver manages for vGPU: the driver is not the vGPU host driver (or not the same version as nvidia-vgpu-mgr), the GPU is not vGPU-capable for this driver (a consumer card without a working unlock), or the GPU/VF was not initialised by it (bound to vfio-pci or another driver, or its SR-IOV VFs not enabled)',
        };
      if (st === 0x1b)
        return {
          cause:
            'nvidia-vgpu-mgr could not create its RM client: the driver answered NV_ERR_INSUFFICIENT_PERMISSIONS (0x1b) — the manager is not running with the rights the driver requires (run as the nvidia-vgpu-mgr service, as root)',
        };
      if (st === 0x6a)
        return {
          cause:
            "nvidia-vgpu-mgr could not create its RM client: NV_ERR_LIB_RM_VERSION_MISMATCH (0x6a) — the manager's RM library is from another driver version than the loaded kernel module",
        };
      return undefined;
    },
    render: render('nvidia-vgpu-mgr[20000]: ', 0x26),
    examples: [
      ex(
        'Mar 20 18:49:51 nixos nvidia-vgpu-mgr[20000]: error: vmiop_env_log: Failed to initialize RM client: 0x26',
        { status: '0x26' },
        'https://github.com/mrzenc/vgpu4nixos/issues/4',
      ),
    ],
  },
  // ---- mdevctl (the bash version): a device attribute from the config that sysfs does not offer ----
  {
    id: 'mdevctl.attribute-not-settable',
    source: 'mdevctl',
    cite: 'mdevctl/mdevctl mdevctl (the bash script before the Rust rewrite) start_mdev()',
    format: 'Attribute %s cannot be set',
    versions:
      'mdevctl 0.x (bash); the same function prints "Failed to write %s to attribute %s" when the write itself fails; both remove the device just created and fail the start',
    patterns: [
      /Attribute (?<attr>[\w./-]{1,100}) cannot be set/,
      /Failed to write (?<value>[^\n]{1,100}) to attribute (?<attr>[\w./-]{1,100})/,
    ],
    severity: 'error',
    title: "mdevctl: an attribute in the device's config cannot be applied, so the device was removed again",
    cause:
      'mdevctl created the mediated device, then applied the attributes listed in its config (modify --addattr) by writing each to /sys/bus/mdev/devices/UUID/ATTRIBUTE; that file is not there or not writable ("cannot be set") or the vendor driver refused the value ("Failed to write"). mdevctl then removes the device it just created and the start fails: the attribute name is not one this vendor driver and mdev type provide, or it is read-only',
    fix: "list what the device offers (`ls -l /sys/bus/mdev/devices/UUID/` while it runs, or the vendor driver's documentation), then correct or drop the attribute: `mdevctl modify -u UUID --delattr --index=N` (`mdevctl list -d -u UUID --dumpjson` shows the list)",
    render: render('', 'invalidattr'),
    examples: [
      ex(
        'Attribute invalidattr cannot be set',
        { attr: 'invalidattr' },
        'https://github.com/mdevctl/mdevctl/issues/16',
      ),
    ],
  },
  // ---- sysfsutils: /etc/sysfs.conf applied at boot ----
  {
    id: 'tool.sysfsutils-write-failed',
    source: 'userspace tool',
    cite: "Debian's sysfsutils package, the boot script that applies /etc/sysfs.conf (not in the index: the wording is quoted from the post); the refusal comes from the sysfs store written, for sriov_numvfs torvalds/linux drivers/pci/iov.c sriov_numvfs_store()",
    format: 'cannot write value for attribute %s',
    versions:
      'the attribute is the path under /sys as written in /etc/sysfs.conf (devices/pci0000:00/0000:00:02.0/sriov_numvfs); the errno is not printed',
    patterns: [/cannot write value for attribute (?<attr>[\w:./-]{1,200})/],
    severity: 'error',
    title: 'sysfsutils could not apply a setting from /etc/sysfs.conf at boot',
    cause:
      'at boot the sysfsutils service wrote each `ATTRIBUTE = VALUE` line of /etc/sysfs.conf (and /etc/sysfs.d/) to /sys/ATTRIBUTE and the kernel refused this one; the script does not print why. The usual reasons: the attribute does not exist yet (the driver that provides it loads later than the service runs, or another driver is bound), or the value is refused by the store',
    fix: 'write the same value by hand after boot (`echo VALUE > /sys/ATTRIBUTE`) to see the errno, and look at dmesg at that moment; if it works by hand, the service ran too early: apply it from a udev rule or a unit ordered after the driver loads',
    refine: (f) =>
      /sriov_numvfs$/.test(f.attr ?? '')
        ? {
            cause:
              'at boot the sysfsutils service wrote the number of VFs from /etc/sysfs.conf to this device\'s sriov_numvfs and the kernel refused it (the script hides the errno). sriov_numvfs_store() refuses when the driver bound has no SR-IOV support through sysfs (dmesg: "driver does not support SR-IOV configuration via sysfs" — for an Intel iGPU the in-tree i915 or xe instead of i915-sriov-dkms built for the running kernel, or the module loaded without i915.enable_guc=3), when VFs are already enabled (write 0 first), or when the number exceeds sriov_totalvfs; a driver that is not bound yet when the service runs gives the same line',
            fix: 'after boot run `echo N > /sys/bus/pci/devices/ADDR/sriov_numvfs` by hand to see the errno, and `dmesg | grep -i sr-iov`; for i915-sriov-dkms check `dkms status` for the running kernel, `modinfo i915 | grep -i sriov`, and the kernel command line (i915.enable_guc=3 i915.max_vfs=N, and module_blacklist=xe where xe would take the GPU)',
          }
        : undefined,
    render: render('', 'devices/pci0000:00/0000:00:02.0/sriov_numvfs'),
    examples: [
      ex(
        'cannot write value for attribute devices/pci0000:00/0000:00:02.0/sriov_numvfs',
        { attr: 'devices/pci0000:00/0000:00:02.0/sriov_numvfs' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/48',
      ),
    ],
  },
];
