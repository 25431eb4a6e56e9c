/**
 * Messages harvested from public issue threads about VMs with assigned devices that the catalogue
 * did not recognise: QEMU aborting when KVM refuses a model-specific register (nested hosts, PMU,
 * VMX capabilities) and KVM's own warning about an MSR it cannot pass through; KVM refusing to
 * create a VM (another hypervisor holding VT-x, memory) and QEMU falling back to TCG; display and
 * monitor ports already in use (SPICE, VNC, gdbstub, netdev sockets); libvirt's taint notes, hook
 * probing, RPC end-of-file, unknown domains, IVSHMEM sizes, SR-IOV hostdev pools named by netdev,
 * interfaces that are gone and AppArmor's profile list; disk images and firmware QEMU's user
 * cannot reach; a saved state that no longer fits the machine; the vIOMMU without caching-mode; PCI AER without a source device, extended config space
 * and Extended Tags; a dead xHCI controller; iavf VFs that cannot reach their PF; and the Looking
 * Glass client's EGL surface and SPICE handshake. Each example is the message as it was posted,
 * with the thread it came from; HARVEST_ALSO lists sibling wordings the entries also recognise.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const QEMU = 'qemu-system-x86_64: ';
const KVM_X86 = 'qemu/qemu target/i386/kvm/kvm.c';
const KVM_ALL = 'qemu/qemu accel/kvm/kvm-all.c';
const SOCKETS = 'qemu/qemu util/qemu-sockets.c inet_listen_saddr()';
const SPICE_CORE = 'qemu/qemu ui/spice-core.c qemu_spice_init()';
const IAVF = 'torvalds/linux drivers/net/ethernet/intel/iavf/iavf_main.c';
const LG_EGL = 'gnif/LookingGlass client/renderers/EGL/egl.c egl_render_startup()';
const LG_PREFIX = '00:00:00.412 [E]                egl.c:532  | egl_render_startup             | ';

/** Why KVM_CREATE_VM (and so QEMU's "failed to initialize KVM") fails with EBUSY. */
export const KVM_BUSY_CAUSE =
  'KVM could not switch the CPU into virtualization mode (VMXON / EFER.SVME) because another hypervisor already holds VT-x/AMD-V: VirtualBox (vboxdrv) or VMware Workstation/Player (vmmon) running a VM on this host, or another kernel hypervisor module. Only one hypervisor at a time can use the virtualization extensions. (Since Linux 6.12 kvm enables them when its module loads, so there it is usually VirtualBox or VMware that fails instead.)';
export const KVM_BUSY_FIX =
  'shut down the VirtualBox/VMware VMs, or unload their modules (`lsmod | grep -e vbox -e vmmon`; `sudo rmmod vboxnetadp vboxnetflt vboxdrv`, or stop the vmware service), then start the VM again; `dmesg | grep -i kvm` shows "enabling virtualization on CPU... failed" for the same cause';
/** Why it fails with ENOMEM. */
export const KVM_NOMEM_CAUSE =
  "the kernel could not allocate the new VM's structures: the host is short of memory, or of physically contiguous memory (fragmented, much of it held in the page cache), or the service runs in a cgroup whose memory limit is reached";
export const KVM_NOMEM_FIX =
  'free memory on the host (stop other VMs; `sync; echo 3 > /proc/sys/vm/drop_caches` and `echo 1 > /proc/sys/vm/compact_memory` as root), check the memory limit of the unit or container that starts QEMU, then start the VM again';

/** KVM_CREATE_VM's errno as QEMU reports it, for every wording of that failure. */
export const kvmCreateVmRefine = (f: Readonly<Record<string, string>>): Refinement | undefined =>
  f.errno === 'EBUSY'
    ? { cause: KVM_BUSY_CAUSE, fix: KVM_BUSY_FIX }
    : f.errno === 'ENOMEM'
      ? { cause: KVM_NOMEM_CAUSE, fix: KVM_NOMEM_FIX }
      : undefined;

/** What the MSR QEMU failed to set says about the cause. */
function msrRefine(msr: string | undefined): { cause: string; fix: string } | undefined {
  if (!msr) return undefined;
  const n = Number.parseInt(msr, 16);
  if (n >= 0x480 && n <= 0x491)
    return {
      cause: `MSR 0x${msr} is one of the VMX capability MSRs (IA32_VMX_*) that QEMU sets to describe nested VT-x to the guest, and this host's KVM rejected the value QEMU computed: the guest CPU has vmx (host-passthrough, or a model with +vmx) and QEMU and the host kernel disagree about the VMX features that can be offered — typically an old QEMU on a newer kernel (or the reverse) after an update, or a host that is itself a VM with incomplete nested VMX. QEMU then aborts ("kvm_buf_set_msrs: Assertion ... failed"). kvm.ignore_msrs does not help: it affects only the guest's own MSR accesses`,
      fix: 'update QEMU to a release that matches the host kernel (or boot the previous kernel); if the guest does not need to run VMs itself, take vmx off its CPU (libvirt <feature policy="disable" name="vmx"/>, -cpu host,-vmx) or load kvm_intel with nested=0',
    };
  if (
    (n >= 0x38d && n <= 0x391) ||
    (n >= 0xc1 && n <= 0xc8) ||
    (n >= 0x186 && n <= 0x18d) ||
    (n >= 0x309 && n <= 0x30b)
  )
    return {
      cause: `MSR 0x${msr} is a performance-monitoring (PMU) register: QEMU gives the guest a virtual PMU and the host's KVM has none to back it — almost always because this host is itself a VM (VMware Workstation/ESXi, VirtualBox, Hyper-V, a cloud instance) whose hypervisor does not expose performance counters, or kvm was loaded with enable_pmu=0. QEMU then aborts ("kvm_put_msrs/kvm_buf_set_msrs: Assertion ... failed"); kvm.ignore_msrs does not help`,
      fix: 'turn the guest PMU off (-cpu host,pmu=off, or <pmu state="off"/> under <features> in libvirt), or let the outer hypervisor expose counters (VMware: "Virtualize CPU performance counters"), or update QEMU, which checks for a PMU first in newer releases',
    };
  return undefined;
}

export const HARVEST_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- QEMU: KVM refused an MSR ----
  {
    id: 'qemu.kvm-set-msr-failed',
    source: 'qemu',
    cite: `${KVM_X86} kvm_buf_set_msrs() (kvm_put_msrs() before QEMU 5.0)`,
    format: 'error: failed to set MSR 0x%x to 0x%lx',
    versions:
      'the source prints the MSR with PRIx32 and the value with PRIx64; followed by glibc\'s assertion "kvm_buf_set_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs\' failed." (kvm_put_msrs in QEMU before 5.0) and an abort; wrappers repeat it inside "qemu unexpectedly closed the monitor"',
    patterns: [
      /failed to set MSR 0x(?<msr>[0-9a-fA-F]{1,8}) to 0x(?<value>[0-9a-fA-F]{1,16})/i,
      /(?<fn>kvm_buf_set_msrs|kvm_put_msrs): Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed/,
    ],
    severity: 'error',
    title: 'KVM refused a CPU register (MSR) QEMU set up for the guest, and QEMU aborted',
    cause:
      'while setting up a vCPU QEMU writes the model-specific registers of the guest CPU model through KVM_SET_MSRS, and KVM rejected one (the "failed to set MSR 0x... to 0x..." line names it), so QEMU aborts with the kvm_buf_set_msrs/kvm_put_msrs assertion. The CPU model asks for something this host\'s KVM cannot provide: most often the host is itself a VM (nested under VMware, VirtualBox, Hyper-V or a cloud instance) whose hypervisor does not emulate that register, or QEMU and the host kernel disagree after an update of one of them. kvm.ignore_msrs does not help: it only affects the guest\'s own MSR accesses',
    fix: 'read the MSR number: 0x480–0x491 are nested VMX capabilities (take vmx off the guest CPU or update QEMU), 0x38d/0x38f/0xc1/0x186 the PMU (pmu=off); otherwise use a named CPU model instead of host/host-passthrough, run on bare metal or enable nested virtualization fully in the outer hypervisor, and keep QEMU and the kernel at matching versions',
    refine: (f) => msrRefine(f.msr),
    render: render(QEMU, 0x38d, 0),
    examples: [
      ex(
        'qemu-system-x86_64: error: failed to set MSR 0x48f to 0xffffff00036dfb',
        { msr: '48f' },
        'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/29',
      ),
      ex(
        'internal error: qemu unexpectedly closed the monitor: 2021-02-21T02:17:50.604694Z qemu-kvm: error: failed to set MSR 0x48e to 0xfff9fffe04006172',
        { msr: '48e' },
        'https://github.com/kubevirt/kubevirt/issues/5068',
      ),
      ex(
        'Error: Failed to run: qemu-system-x86_64 -name noted-bengal -uuid 5245e67e-3af6-4546-aa45-a83c0e9fbadb -daemonize -cpu host -nographic: qemu-system-x86_64: error: failed to set MSR 0x480 to 0x0',
        { msr: '480' },
        'https://github.com/canonical/lxd/issues/6518',
      ),
      ex(
        'qemu-system-x86_64: error: failed to set MSR 0x38d to 0x0',
        { msr: '38d' },
        'https://github.com/minishift/minishift/issues/3210',
      ),
      ex(
        '2018-06-11T13:18:13.114046Z qemu-system-x86_64: error: failed to set MSR 0x38d to 0x0',
        { msr: '38d' },
        'https://github.com/gotoz/runq/issues/2',
      ),
      ex(
        'qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69',
        { msr: '10a' },
        'https://github.com/mediabots/Linux-to-Windows-with-QEMU/issues/17',
      ),
      ex(
        'qemu-system-x86_64 error failed to set msr 0xe1 to 0x0',
        { msr: 'e1' },
        'https://github.com/GNS3/gns3-server/issues/1812',
      ),
      ex(
        "qemu-system-x86_64: ../../target/i386/kvm/kvm.c:2753: kvm_buf_set_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
        { fn: 'kvm_buf_set_msrs' },
        'https://github.com/quickemu-project/quickemu/issues/594',
      ),
      ex(
        "qemu-system-x86_64: /build/qemu-virgil/parts/qemu/build/target/i386/kvm.c:2947: kvm_put_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
        { fn: 'kvm_put_msrs' },
        'https://github.com/popey/sosumi-snap/issues/46',
      ),
    ],
  },
  {
    id: 'kernel.kvm-vmx-passthrough-msr-unknown',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/vmx/vmx.c is_valid_passthrough_msr() (possible_passthrough_msr_slot() in older kernels)',
    format: 'Invalid MSR %x, please adapt vmx_possible_passthrough_msrs[]',
    versions:
      'a WARN: a "------------[ cut here ]------------" line and a call trace follow; removed in Linux 6.13, which reworked the list',
    patterns: [/Invalid MSR (?<msr>[0-9a-fA-F]{1,8}), please adapt vmx_possible_passthrough_msrs/],
    severity: 'warning',
    title: 'KVM was asked to pass through an MSR its VMX code does not list',
    cause:
      "KVM's VMX code was asked to stop (or start) intercepting a guest MSR that is not in its table of MSRs that may be passed through to a guest, so it warns with a call trace and keeps intercepting it. That is an inconsistency inside KVM — a kernel bug, or an out-of-tree or patched KVM (introspection forks such as KVM-VMI's, vendor backports) that added an MSR without adding it to the table — not something the VM configuration can cause. The guest keeps running; device assignment is not affected",
    fix: 'report it with the call trace to the maintainers of the kernel (or of the KVM fork) in use, and update to a kernel where it is fixed; nothing to change in the VM',
    render: render('', 0x140),
    examples: [
      ex(
        'Invalid MSR 140, please adapt vmx_possible_passthrough_msrs[]',
        { msr: '140' },
        'https://github.com/KVM-VMI/kvm-vmi/issues/138',
      ),
    ],
  },
  // ---- KVM refusing a VM ----
  {
    id: 'qemu.kvm-create-vm-failed',
    source: 'qemu',
    cite: `${KVM_ALL} kvm_init() (kvm_create_vm() in QEMU 9+)`,
    format: 'ioctl(KVM_CREATE_VM) failed: %d %s',
    versions:
      'printed with fprintf before QEMU 2.10 and error_report after it, then "failed to initialize KVM: %s" (older: "failed to initialize kvm: %s"); QEMU 9+ words it "ioctl(KVM_CREATE_VM) failed: %s"',
    patterns: [/ioctl\(KVM_CREATE_VM\) failed: (?:(?<code>\d{1,3}) )?(?<err>[A-Z][A-Za-z ]{2,40})/],
    severity: 'error',
    title: 'KVM refused to create the VM',
    cause:
      '/dev/kvm opened, but the KVM_CREATE_VM ioctl failed, so QEMU cannot use KVM: the errno says why — "Device or resource busy" another hypervisor holds the CPU\'s virtualization extensions, "Cannot allocate memory" the host could not allocate the VM, "Invalid argument" this KVM does not support the VM type asked for (a confidential-VM type, or on POWER no kvm_hv/kvm_pr module)',
    fix: 'see the cause for the errno; `dmesg | grep -i kvm` at the same moment often names the reason',
    refine: kvmCreateVmRefine,
    render: render('', 16, 'Device or resource busy'),
    examples: [
      ex(
        'ioctl(KVM_CREATE_VM) failed: 16 Device or resource busy',
        { errno: 'EBUSY' },
        'https://github.com/includeos/IncludeOS/issues/339',
      ),
      ex(
        'ioctl(KVM_CREATE_VM) failed: 12 Cannot allocate memory',
        { errno: 'ENOMEM' },
        'https://github.com/canonical/multipass/issues/240',
      ),
    ],
  },
  {
    id: 'kernel.kvm-enable-virtualization-failed',
    source: 'kernel',
    cite: 'torvalds/linux virt/kvm/kvm_main.c hardware_enable_nolock() (__hardware_enable_nolock(), kvm_enable_virtualization_cpu() in newer kernels)',
    format: 'kvm: enabling virtualization on CPU%d failed\n',
    versions:
      'some releases print "kvm: enabling virtualization on CPU%d failed during %pSb"; QEMU then fails with "ioctl(KVM_CREATE_VM) failed: 16 Device or resource busy"',
    patterns: [/kvm: enabling virtualization on CPU(?<cpu>\d{1,4}) failed/],
    severity: 'error',
    title: 'KVM could not turn on VT-x/AMD-V on a CPU',
    cause: `${KVM_BUSY_CAUSE} Less often the firmware left VT-x/AMD-V disabled or locked on that CPU (IA32_FEATURE_CONTROL), e.g. after a firmware update or with Intel TXT/tboot`,
    fix: `${KVM_BUSY_FIX}; if no other hypervisor runs, check that VT-x/AMD-V (and VT-d) are enabled in the firmware setup and cold-boot the host`,
    render: render('', 61),
    examples: [
      ex(
        'Feb  3 14:20:24 silpixa00400831 kernel: [1408724.643268] kvm: enabling virtualization on CPU61 failed',
        { cpu: '61' },
        'https://github.com/ipdk-io/ipdk/issues/98',
      ),
    ],
  },
  {
    id: 'qemu.accel-fallback-tcg',
    source: 'qemu',
    cite: 'qemu/qemu system/vl.c configure_accelerators() (softmmu/vl.c in QEMU 5–7, vl.c configure_accelerator() or accel/accel.c before)',
    format: 'Back to %s accelerator.\n',
    versions:
      'QEMU 2.7+ prints "Back to %s accelerator" (error_report), QEMU 4.2+ "falling back to %s"; printed after "failed to initialize KVM: ..." when -machine accel=kvm:tcg lists a fallback',
    patterns: [/(?:Back to (?<accel>tcg) accelerator|falling back to (?<accel2>tcg)\b)/],
    severity: 'warning',
    title: 'QEMU could not use KVM and runs the guest emulated (TCG)',
    cause:
      'KVM failed to initialise (the line before says why: no /dev/kvm, no permission, another hypervisor busy) and the accelerator list allowed a fallback, so QEMU emulates the CPU in software: the guest runs many times slower, and assigned devices, which need KVM for interrupts and memory, do not work as intended',
    fix: 'fix the KVM error on the line before (vfiokit diagnose explains it), or run with -enable-kvm / accel=kvm alone so QEMU stops instead of falling back',
    render: render('', 'tcg'),
    examples: [
      ex(
        'Back to tcg accelerator.',
        { accel: 'tcg' },
        'https://github.com/travis-ci/docs-travis-ci-com/issues/915',
      ),
    ],
  },
  // ---- display, monitor and network ports ----
  {
    id: 'qemu.spice-bind-failed',
    source: 'qemu',
    cite: 'qemu/qemu ui/spice-core.c qemu_spice_init() starts the SPICE server library, whose server/reds.c reds_init_socket() (spice/spice on freedesktop GitLab) prints this',
    format: 'binding socket to %s:%d failed',
    versions:
      'printed through spice_warning ("Spice-WARNING **: ... reds.c:2645:reds_init_socket: binding socket to ...", or "warning: Spice: reds.c:...") and followed by QEMU\'s "failed to initialize spice server"; spice 0.12 and older printed "%s: binding socket to %s:%d failed" with the function name',
    patterns: [/binding socket to (?<addr>[\w.:[\]-]{1,60}):(?<port>\d{1,5}) failed/],
    severity: 'error',
    title: 'The SPICE server could not listen on its port',
    cause:
      'SPICE could not bind its TCP port on that address: something already listens there — another VM, or a QEMU left over from an earlier start, given the same fixed port, another VNC/SPICE server, or two VMs started at once that were handed the same port — or the listen address is not one of this host\'s addresses. QEMU then stops with "failed to initialize spice server"',
    fix: "find the listener (`ss -ltnp 'sport = :PORT'`) and stop it, or give the VM another port or autoport='yes' in <graphics type='spice'>; check the listen address exists on the host",
    render: render('reds.c:2645:reds_init_socket: ', '0.0.0.0', 5900),
    examples: [
      ex(
        'Feb 25 22:21:01 primary sh[9496]: (process:27803): Spice-WARNING **: 22:21:01.291: reds.c:2645:reds_init_socket: binding socket to 0.0.0.0:41212 failed',
        { port: '41212' },
        'https://github.com/shakenfist/shakenfist/issues/1758',
      ),
      ex(
        'qemu-system-x86_64: warning: Spice: reds.c:2714:reds_init_socket: binding socket to 127.0.0.1:5900 failed',
        { addr: '127.0.0.1', port: '5900' },
        'https://github.com/Arc-Compute/LibVF.IO/issues/28',
      ),
    ],
  },
  {
    id: 'qemu.spice-init-failed',
    source: 'qemu',
    cite: SPICE_CORE,
    format: 'failed to initialize spice server',
    patterns: [/failed to initialize spice server/],
    severity: 'error',
    title: 'QEMU could not start its SPICE server',
    cause:
      'spice_server_init() failed, so QEMU exits: this line only concludes; the SPICE warning just before it says why — most often "binding socket to ADDR:PORT failed" (the port is taken), otherwise a TLS certificate or option SPICE rejected',
    fix: 'read the Spice-WARNING line before it (vfiokit diagnose explains the port case); for a taken port choose another or autoport, for TLS check the certificate directory (spice_tls_x509_cert_dir in qemu.conf)',
    render: render(QEMU),
    examples: [
      ex(
        '2015-12-12T17:23:34.094143Z qemu-system-x86_64: failed to initialize spice server',
        undefined,
        'https://github.com/NixOS/nixpkgs/issues/11643',
      ),
    ],
  },
  {
    id: 'qemu.spice-no-port',
    source: 'qemu',
    cite: SPICE_CORE,
    format: 'neither port nor tls-port specified for spice',
    patterns: [/neither port nor tls-port specified for spice/],
    severity: 'error',
    title: 'SPICE was enabled without a port to listen on',
    cause:
      'QEMU was given -spice without port= or tls-port= (and without unix=on for a socket), so the SPICE server has nowhere to listen and QEMU exits. From libvirt this is a <graphics type="spice"> element that ends up without a port: autoport="no" with no port, or a management tool that switched the graphics type to SPICE without giving it one',
    fix: "give the SPICE graphics a port or autoport='yes' (<graphics type='spice' autoport='yes'/>), or a listen socket (<listen type='socket'/>)",
    render: render(QEMU),
    examples: [
      ex(
        '"reason":"KCHVM0019E: Unable to start virtual machine s. Details: internal error: process exited while connecting to monitor: qemu-system-x86_64: neither port nor tls-port specified for spice\\n",',
        undefined,
        'https://github.com/kimchi-project/kimchi/issues/492',
      ),
    ],
  },
  {
    id: 'qemu.listen-port-in-use',
    source: 'qemu',
    cite: `${SOCKETS}; ui/vnc.c vnc_init_func() adds "Failed to start VNC server: "`,
    format: 'Failed to bind socket: %s',
    versions:
      'error_setg_errno appends the errno text; with a port range (to=) QEMU reports "Failed to find an available port: %s" instead; the VNC display prefixes "Failed to start VNC server: ", the option that asked for the socket (-s, -gdb, -monitor tcp:..., -serial tcp:...) prefixes itself',
    patterns: [
      /(?:(?<gdb>-s|-gdb [\w:.,=-]{1,80}): |(?<vnc>Failed to start VNC server: ))?Failed to (?:bind socket|find an available port): Address already in use/,
    ],
    severity: 'error',
    title: 'A TCP port QEMU should listen on is already taken',
    cause:
      "QEMU could not listen on a TCP port it was told to use (a VNC display 5900+N, a monitor or serial port, a migration port) because another process already listens there: another VM or a QEMU left over from an earlier start with the same fixed port, or a port the management tool believed free (OpenNebula, libvirt's autoport racing a non-libvirt listener), so the VM does not start",
    fix: "find the listener (`ss -ltnp 'sport = :PORT'`) and stop it or choose another port (autoport='yes' for libvirt graphics, another display number for -vnc)",
    refine: (f) =>
      f.gdb
        ? {
            cause:
              'the gdbstub (-s listens on tcp::1234, -gdb on the port given) could not bind its port: another QEMU started with -s is still running, or another debugger stub holds it',
            fix: "stop the other QEMU (`ss -ltnp 'sport = :1234'`) or give this one another port (-gdb tcp::1235)",
          }
        : f.vnc
          ? {
              cause:
                "the VNC display's port (5900 + display number) is already taken: another VM or QEMU with the same display, a leftover QEMU, or another VNC server (x11vnc, a desktop's screen sharing); with libvirt autoport it is a non-libvirt listener in libvirt's range (remote_display_port_min in qemu.conf)",
              fix: "find the listener (`ss -ltnp 'sport = :5900'`), stop it or use autoport='yes' / another display, or move libvirt's VNC range away from it",
            }
          : undefined,
    render: render('qemu-system-x86_64: -monitor tcp::4444,server,nowait: ', 'Address already in use'),
    examples: [
      ex(
        'Failed to start VNC server: Failed to bind socket: Address already in use',
        { vnc: 'Failed to start VNC server: ' },
        'https://github.com/cockpit-project/cockpit/issues/11265',
      ),
      ex(
        'Failed to find an available port: Address already in use Could not create domain from /var/lib/one//datastores/0/23976/deployment.0 ExitCode: 255',
        undefined,
        'https://github.com/OpenNebula/one/issues/6330',
      ),
      ex(
        '(qemu) qemu-system-arm: -s: Failed to bind socket: Address already in use',
        { gdb: '-s' },
        'https://github.com/OP-TEE/optee_os/issues/706',
      ),
    ],
  },
  {
    id: 'qemu.netdev-init-failed',
    source: 'qemu',
    cite: 'qemu/qemu net/net.c net_client_init1() (QERR_DEVICE_INIT_FAILED)',
    format: "Device '%s' could not be initialized",
    versions:
      'QEMU 1.x–2.x; the backend prints the reason first ("bind: Address already in use" for -netdev socket, "could not configure /dev/net/tun" or a bridge-helper error for tap); newer QEMU reports the reason itself',
    patterns: [
      /Device '(?<type>socket|tap|bridge|user|vde|l2tpv3|vhost-user|netmap|hubport)' could not be initialized/,
    ],
    severity: 'error',
    title: 'A network backend (-netdev) could not be set up',
    cause:
      'QEMU could not create the host side of a guest network card (the -netdev backend named), so the VM does not start; the line before it says why',
    fix: 'read the line before it; for tap, check /dev/net/tun access, the bridge (allow line in /etc/qemu/bridge.conf for qemu-bridge-helper) and capabilities',
    refine: (f) =>
      f.type === 'socket'
        ? {
            cause:
              'a -netdev socket backend could not bind its UDP/TCP port ("bind: Address already in use" before it): another QEMU, or another link of the same topology, already uses that listen= or localaddr= port — GNS3-style labs starting many VMs at once hand out colliding ports',
            fix: 'give each socket netdev its own port (`ss -lunp` / `ss -ltnp` shows who holds it), stop leftover QEMUs, or start the VMs one at a time',
          }
        : undefined,
    render: render(`${QEMU}-netdev socket,listen=:2001,id=net2: `, 'socket'),
    examples: [
      ex(
        "qemu-system-arm: -netdev socket,listen=:2001,id=net2: Device 'socket' could not be initialized",
        { type: 'socket' },
        'https://github.com/firmadyne/firmadyne/issues/13',
      ),
      ex(
        "qemu-system-i386: -netdev socket,id=gns3-1,udp=127.0.0.1:10016,localaddr=127.0.0.1:10017: Device 'socket' could not be initialized",
        { type: 'socket' },
        'https://github.com/GNS3/gns3-server/issues/376',
      ),
    ],
  },
  // ---- QEMU: restoring a saved state ----
  {
    id: 'qemu.loadvm-pci-config-mismatch',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c get_pci_config_device()',
    format: '%s: Bad config data: i=0x%x read: %x device: %x cmask: %x wmask: %x w1cmask:%x',
    versions:
      'followed by "Failed to load PCIDevice:config", "Failed to load <device>:parent_obj", "error while loading state for instance 0x%x of device \'%s\'" and "load of migration failed: Invalid argument"',
    patterns: [
      /get_pci_config_device: Bad config data: i=0x(?<offset>[0-9a-fA-F]{1,3}) read: (?<read>[0-9a-fA-F]{1,2}) device: (?<device>[0-9a-fA-F]{1,2})/,
    ],
    severity: 'error',
    title: 'A saved VM state does not fit the PCI devices of this QEMU',
    cause:
      "QEMU was restoring a saved state (libvirt managed save, a snapshot, hibernation through virsh/virt-manager, or an incoming migration) and a read-only byte of a PCI device's config space in the saved state differs from the device QEMU built now (offset 0x10 and up are the BARs, 0x2c/0x2e the subsystem IDs, 0x3d the interrupt pin): QEMU, the machine type or the device configuration changed between saving and restoring, e.g. after a distribution upgrade. The restore fails",
    fix: 'discard the saved state and boot the VM fresh (`virsh managedsave-remove VM`, or start it with --force-boot; the guest loses its in-memory state), and keep the machine type fixed (e.g. pc-q35-8.2 rather than q35) so a QEMU update keeps saved states loadable',
    render: render(QEMU, 'get_pci_config_device', 0x10, 0x21, 0x1, 0xff, 0xc0, 0),
    examples: [
      ex(
        '2019-06-16T04:50:53.160896Z qemu-system-x86_64: get_pci_config_device: Bad config data: i=0x10 read: 21 device: 1 cmask: ff wmask: c0 w1cmask:0',
        { offset: '10' },
        'https://github.com/NixOS/nixpkgs/issues/63182',
      ),
    ],
  },
  {
    id: 'qemu.file-open-denied',
    source: 'qemu',
    cite: 'qemu/qemu util/osdep.c qemu_open_internal(), called by block/file-posix.c raw_open_common() for file-backed block nodes (-drive, -blockdev, pflash)',
    format: "Could not open '%s': %s",
    versions:
      'error_setg_errno prints the errno text after the path; QEMU prefixes the option that named the file (-blockdev {...}, -drive file=..., -bios), and libvirt wraps it in "process exited while connecting to monitor"',
    patterns: [
      /Could not open '(?<path>\/(?!dev\/(?:vfio|iommu)\b|sys\/)[^'\n]{1,300})': (?<err>Permission denied|Operation not permitted)/,
    ],
    severity: 'error',
    title: 'QEMU was denied a file it needs (disk image, firmware, NVRAM)',
    cause:
      "the QEMU process could not open the file for a disk, pflash firmware (OVMF_CODE.fd / OVMF_VARS.fd) or other image: started by libvirt it runs as an unprivileged user (libvirt-qemu, qemu) confined by AppArmor or SELinux, and a directory on the way is not searchable by that user — typically files kept in a home directory (0700/0750), as macOS-KVM projects do with their own OVMF — or the file's SELinux label (not virt_image_t/virt_content_t) or the domain's AppArmor profile does not allow it (paths given through <qemu:commandline> are not added to the profile)",
    fix: 'put firmware and images where QEMU may read them (/var/lib/libvirt/images, /usr/share/OVMF or /var/lib/libvirt/qemu/nvram), or let the QEMU user traverse the directories (`setfacl -m u:libvirt-qemu:x` on each) and read the files; on SELinux hosts relabel (`semanage fcontext -a -t virt_image_t "/path(/.*)?"; restorecon -Rv /path`); the audit log (`journalctl -k | grep -i denied`) names the denial',
    render: render(`${QEMU}-drive file=/home/user/vm.qcow2: `, '/home/user/vm.qcow2', 'Permission denied'),
    examples: [
      ex(
        'Errore nell\'avvio del dominio: internal error: process exited while connecting to monitor: 2025-01-15T12:04:29.501102Z qemu-system-x86_64: -blockdev {"driver":"file","filename":"/mnt/dati/home/fede/src/ultimate-macOS-KVM/ovmf/OVMF_CODE.fd","node-name":"libvirt-pflash0-storage","auto-read-only":true,"discard":"unmap"}: Could not open \'/mnt/dati/home/fede/src/ultimate-macOS-KVM/ovmf/OVMF_CODE.fd\': Permission denied',
        { errno: 'EACCES' },
        'https://github.com/Coopydood/ultimate-macOS-KVM/issues/152',
      ),
    ],
  },
  // ---- QEMU: the emulated Intel IOMMU ----
  {
    id: 'qemu.intel-iommu-caching-mode-required',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/intel_iommu.c vtd_panic_require_caching_mode() (vtd_iommu_notify_flag_changed() in older QEMU)',
    format:
      'We need to set caching-mode=on for intel-iommu to enable device assignment with IOMMU protection.',
    versions:
      'QEMU before 2.12 words it "We need to set cache_mode=1 for intel-iommu to enable device assignment."; QEMU 3.1+ the current wording',
    patterns: [/We need to set (?:caching-mode=on|cache_mode=1) for intel-iommu to enable device assignment/],
    severity: 'error',
    title: 'An assigned device needs the emulated Intel IOMMU in caching mode',
    cause:
      'the VM has an emulated Intel IOMMU (-device intel-iommu, libvirt <iommu model="intel">) and a vfio-pci device: QEMU can shadow the guest\'s IOMMU mappings into the host IOMMU only if the guest reports every mapping change. Caching mode tells the guest that the IOMMU caches not-present entries, so the guest sends an IOTLB invalidation for each new mapping as well as for each removed one, and QEMU replays those into VFIO; without it new mappings go unseen, so QEMU refuses to start (or exits when the guest enables the IOMMU). People turn caching mode off for guests that mishandle it (e.g. a Hyper-V/Windows L1), which cannot work together with an assigned device',
    fix: "turn caching mode on: libvirt <iommu model='intel'><driver caching_mode='on' intremap='on'/></iommu> (with <ioapic driver='qemu'/> under <features>), or -device intel-iommu,caching-mode=on,intremap=on with -machine q35,kernel-irqchip=split; or drop the vIOMMU if the guest does not need it",
    render: render(QEMU),
    examples: [
      ex(
        'qemu-system-x86_64: We need to set caching-mode=on for intel-iommu to enable device assignment with IOMMU protection.',
        undefined,
        'https://github.com/lf-edge/eve/pull/1204',
      ),
    ],
  },
  // ---- libvirt ----
  {
    id: 'libvirt.domain-tainted',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_domain.c qemuDomainObjTaintMsg() (qemuDomainObjTaint())',
    format: "Domain id=%d name='%s' uuid=%s is tainted: %s",
    versions:
      'the daemon log has the long form (VIR_WARN); the domain\'s own log (/var/log/libvirt/qemu/NAME.log) has "Domain id=%d is tainted: %s"; the reasons are virDomainTaint names (high-privileges, custom-argv, custom-monitor, host-cpu, hook-script, shell-scripts, disk-probing, external-launch, cdrom-passthrough, custom-ga-command, custom-hypervisor-feature, deprecated-config, custom-device)',
    patterns: [
      /Domain id=\d{1,7}(?: name='[^'\n]{1,200}' uuid=[0-9a-fA-F-]{36})? is tainted: (?<reason>[a-z][a-z-]{2,40})/,
    ],
    severity: 'info',
    title: 'libvirt marked the domain "tainted"',
    cause:
      'libvirt notes that the domain uses something it cannot vouch for (the reason after "tainted:"); the note is informational — it does not stop or break the VM, and device assignment works the same — but support channels treat tainted domains as unsupported configurations',
    fix: 'nothing is needed for the VM to work; remove the named setting if you want an untainted domain',
    refine: (f) => {
      switch (f.reason) {
        case 'high-privileges':
          return {
            cause:
              'QEMU runs as root (user = "root" in /etc/libvirt/qemu.conf, as Unraid does, or an explicit root seclabel), so libvirt\'s privilege separation does not protect the host from a compromised QEMU. Informational: the VM and its assigned devices work the same',
            fix: 'nothing is needed; to harden, let QEMU run as the qemu/libvirt-qemu user (the default) and grant it the devices it needs instead of running it as root',
          };
        case 'custom-argv':
          return {
            cause:
              'the domain passes raw arguments to QEMU (<qemu:commandline>, e.g. for IVSHMEM/Looking Glass, vendor IDs or ACPI tables) that libvirt does not model and cannot check. Informational: the VM works; libvirt simply does not vouch for what those arguments do',
            fix: 'nothing is needed; where libvirt has an element for it (<shmem>, <hyperv><vendor_id>, <acpi><table>), prefer it to raw arguments',
          };
        case 'host-cpu':
          return {
            cause:
              "the guest CPU is host-passthrough (or host-model with features libvirt cannot describe): the guest sees this host's CPU, which libvirt cannot guarantee on another host. Informational: common and recommended for gaming/passthrough VMs; only live migration to a different CPU is affected",
            fix: 'nothing is needed unless the VM must migrate between different hosts (then use host-model or a named model)',
          };
        default:
          return undefined;
      }
    },
    render: render(
      'warning : qemuDomainObjTaint:7652 : ',
      1,
      'win10',
      '9b8ee5e0-0cdd-4506-9adc-1dcff622128f',
      'custom-argv',
    ),
    examples: [
      ex(
        "May 26 11:56:35 n3.gusty.ci.centos.org libvirtd[24411]: 2020-05-26 10:56:35.663+0000: 24413: warning : qemuDomainObjTaint:7652 : Domain id=1 name='vagrant-arch-config.5Ph_archlinux_systemd_ci' uuid=9b8ee5e0-0cdd-4506-9adc-1dcff622128f is tainted: custom-argv",
        { reason: 'custom-argv' },
        'https://github.com/systemd/systemd-centos-ci/issues/263',
      ),
      ex(
        '2022-03-17 13:02:02.543+0000: Domain id=6 is tainted: high-privileges',
        { reason: 'high-privileges' },
        'https://github.com/SpaceinvaderOne/Macinabox/issues/70',
      ),
    ],
  },
  {
    id: 'libvirt.hook-dir-absent',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virhook.c virHookCheck()',
    format: 'Hook dir %s is not accessible',
    versions:
      'debug-level lines (KubeVirt\'s virt-launcher relays them at info); its siblings: "No hook script %s" (debug) and "Non-executable hook script %s" (a warning)',
    patterns: [
      /Hook dir (?<dir>\/[\w./-]{1,200}) is not accessible/,
      /No hook script (?<dir>\/[\w./-]{1,200})/,
    ],
    severity: 'info',
    title: 'libvirt found no hook script (normal)',
    cause:
      'at start-up each libvirt driver looks for its hook script (/etc/libvirt/hooks/qemu, lxc, network, ...) and the matching NAME.d directory, and notes when there is none. Having no hooks is the normal case: this is not an error and not why anything failed',
    fix: 'nothing; if you did install a hook (e.g. a passthrough script that unbinds the GPU in /etc/libvirt/hooks/qemu), check it exists at exactly that path, is executable (chmod +x) and restart libvirtd/virtqemud',
    render: render('debug : virHookCheck:170 : ', '/etc/libvirt/hooks/qemu.d'),
    examples: [
      ex(
        '{"component":"virt-launcher","level":"info","msg":"Hook dir /etc/libvirt/hooks/lxc.d is not accessible","pos":"virHookCheck:170","subcomponent":"libvirt","thread":"29","timestamp":"2024-04-26T12:09:49.728000Z"}',
        { dir: '/etc/libvirt/hooks/lxc.d' },
        'https://github.com/kubevirt/kubevirt/issues/11787',
      ),
    ],
  },
  {
    id: 'libvirt.rpc-end-of-file',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/rpc/virnetsocket.c virNetSocketReadWire()',
    format: 'End of file while reading data: %s',
    versions:
      'the text after the colon is the stderr of an ssh/nc tunnel when there is one ("nc: unix connect failed: ..."), otherwise "Input/output error"',
    patterns: [/End of file while reading data(?:: (?<detail>[^\n]{1,120}))?/],
    severity: 'warning',
    title: 'A libvirt connection was closed by the other side',
    cause:
      'the peer of a libvirt RPC connection went away mid-conversation: in the daemon log a client (virsh, virt-manager, Vagrant, a CI job) exited or was killed without closing its connection — harmless by itself; on the client side the daemon (libvirtd/virtqemud) restarted or crashed, or a remote ssh tunnel dropped',
    fix: 'if nothing else failed, ignore it; if a client reports it, check whether the daemon is running and restarted at that time (`journalctl -u libvirtd -u virtqemud`, coredumpctl) and, for qemu+ssh://, that the remote side has nc/virt-ssh-helper and the socket path is right',
    refine: (f) =>
      f.detail && /\bnc:|ssh/.test(f.detail)
        ? {
            cause:
              "a qemu+ssh:// connection failed: ssh connected, but the command it runs on the remote host to reach libvirt's socket (nc, or virt-ssh-helper in newer libvirt) failed — nc missing or without -U support, or the libvirt socket path does not exist there (daemon not running, or modular daemons with a different socket)",
            fix: 'on the remote host install a netcat with UNIX-socket support (or libvirt ≥ 6.8 virt-ssh-helper), check the daemon runs and its socket exists (/var/run/libvirt/libvirt-sock), or give the socket in the URI (?socket=...)',
          }
        : undefined,
    render: render('error : virNetSocketReadWire:1806 : ', 'Input/output error'),
    examples: [
      ex(
        'May 26 12:06:13 n3.gusty.ci.centos.org libvirtd[24411]: 2020-05-26 11:06:13.272+0000: 24411: error : virNetSocketReadWire:1806 : End of file while reading data: Input/output error',
        undefined,
        'https://github.com/systemd/systemd-centos-ci/issues/263',
      ),
    ],
  },
  {
    id: 'libvirt.storage-file-inaccessible',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/storage_file/storage_source.c virStorageSourceReportBrokenChain() (src/util/virstoragefile.c before 7.x)',
    format: "Cannot access storage file '%1$s' (as uid:%2$u, gid:%3$u)",
    versions:
      'a system error: the errno text follows; for a backing image: "Cannot access backing file \'%1$s\' of storage file \'%2$s\' (as uid:%3$u, gid:%4$u)"; virt-manager prefixes "Error starting domain: "',
    patterns: [
      /Cannot access (?:storage|backing) file '(?<path>[^'\n]{1,300})'(?: of storage file '[^'\n]{1,300}')? \(as uid:(?<uid>\d{1,10}|\[\.\.\.\]), gid:(?<gid>\d{1,10}|\[\.\.\.\])\)(?::\s?(?<err>[A-Z][A-Za-z ]{2,40}))?/,
    ],
    severity: 'error',
    title: "QEMU's user cannot reach a disk image",
    cause:
      'before starting QEMU libvirt checks that the user QEMU will run as (the uid:gid shown, e.g. libvirt-qemu or qemu) can open each disk image, and it cannot: with "Permission denied" a directory on the way is not searchable by that user — most often the image lies in a home directory (mode 0700/0750), as with projects cloned into ~ (macOS-KVM and similar) — or the file itself is not readable; with "No such file or directory" the path (or a backing file) does not exist',
    fix: 'move the image to /var/lib/libvirt/images (or another directory QEMU may read), or let that user traverse the directories (`setfacl -m u:libvirt-qemu:x /home/USER` and the directories below, the user name matching the uid shown) and read the file; check the path with `sudo -u libvirt-qemu stat PATH` (qemu on Fedora/RHEL)',
    render: render('error: ', '/home/user/vm/disk.qcow2', 64055, 109),
    examples: [
      ex(
        "Error starting domain: Cannot access storage file '/home/tarif/macOS-Simple-KVM/ESP.qcow2' (as uid:64055, gid:109): Permission denied",
        { uid: '64055', errno: 'EACCES' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/620',
      ),
      ex(
        // the reporter replaced the ids with "[...]"
        "libvirt.libvirtError: Cannot access storage file '/media/path/name.qcow2' (as uid:[...], gid:[...]): Permission denied",
        { errno: 'EACCES' },
        'https://github.com/virt-manager/virt-manager/issues/266',
      ),
    ],
  },
  {
    id: 'libvirt.domain-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_driver.c qemuDomainObjFromDomain() (VIR_ERR_NO_DOMAIN)',
    format: "Domain not found: no domain with matching uuid '%1$s' (%2$s)",
    versions:
      'older releases print only the UUID; looking up by name gives "no domain with matching name \'%s\'"; virsh prints "error: failed to get domain \'%s\'" first',
    patterns: [/Domain not found: no domain with matching (?<by>uuid|name|id) '(?<what>[^'\n]{1,200})'/],
    severity: 'error',
    title: 'libvirt has no such domain on this connection',
    cause:
      'the domain asked for is not known to this libvirt connection: it was transient (created, not defined) and is gone since it stopped, it was undefined or renamed, or the caller talks to another libvirt (qemu:///session instead of qemu:///system, another host) than the one that runs it',
    fix: 'list what this connection knows (`virsh -c qemu:///system list --all`) and use the same URI the VM was defined with; define the domain persistently (`virsh define`) if it must survive a stop',
    render: render('error: ', '2c553b74-26d5-11e5-a988-525400f9969d', 'vm1'),
    examples: [
      ex(
        "libvirt: QEMU Driver error : Domain not found: no domain with matching uuid '2c553b74-26d5-11e5-a988-525400f9969d'",
        { by: 'uuid' },
        'https://github.com/nfvlabs/openmano/issues/21',
      ),
    ],
  },
  {
    id: 'libvirt.shmem-size-invalid',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_command.c qemuBuildShmemCommandLine()',
    format: 'shmem size must be a power of two',
    versions:
      'its sibling: "shmem size must be at least 1 MiB (1024 KiB)"; both are XML errors raised while building the command line',
    patterns: [/shmem size must be (?:a power of two|at least 1 MiB)/],
    severity: 'error',
    title: 'The <shmem> (IVSHMEM) size is not a power of two',
    cause:
      "the <shmem> device (IVSHMEM, used by Looking Glass and Scream) is a PCI BAR, and a BAR's size must be a power of two (and at least 1 MiB), so libvirt refuses the <size> given. For Looking Glass the size is computed from the resolution (width × height × 4 × 2 + 10 MiB) and must then be rounded up to the next power of two",
    fix: "round <size unit='M'> up to a power of two: 32 for 1920×1080, 64 for 2560×1440 or 1080p HDR, 128 for 3840×2160 (Looking Glass's documentation has the table); use the same size for the kvmfr module's static_size_mb",
    render: render('error : qemuBuildShmemCommandLine:9283 : XML error: '),
    examples: [
      ex(
        '2023-01-02 09:20:24.650+0000: 1364221: error : qemuBuildShmemCommandLine:9283 : XML error: shmem size must be a power of two',
        undefined,
        'https://github.com/intel/tdx-tools/issues/215',
      ),
    ],
  },
  {
    id: 'libvirt.hostdev-network-netdev-pool',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/network/bridge_driver.c networkValidate()',
    format:
      "hostdev network '%1$s' lists '%2$s' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name",
    patterns: [
      /hostdev network '(?<network>[^'\n]{1,100})' lists '(?<netdev>[^'\n]{1,40})' in the device pool, but hostdev networks require/,
    ],
    severity: 'error',
    title: 'An SR-IOV hostdev network lists its VFs by interface name',
    cause:
      "a <forward mode='hostdev'> network assigns whole VFs to guests, and libvirt needs them as PCI addresses (<address type='pci' .../> entries, or a <pf dev='...'/> from which it reads the VFs); the network lists <interface dev='...'/> names instead, which only the macvtap modes (bridge, private, vepa, passthrough) accept",
    fix: "use <forward mode='hostdev' managed='yes'><pf dev='enp3s0f0'/></forward> (libvirt finds the PF's VFs itself) or list each VF as <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x0'/>; keep <interface dev=...> only for mode='passthrough' (macvtap)",
    render: render('error: unsupported configuration: ', 'sriov-net', 'enp3s0f0'),
    examples: [
      ex(
        "Notice: /Stage[main]/Libvirt/Libvirt::Network[sr-iov-net-1]/Exec[libvirt-network-sr-iov-net-1]/returns: error: unsupported configuration: hostdev network 'sr-iov-net-1' lists 'enp3s0f0' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name",
        { network: 'sr-iov-net-1', netdev: 'enp3s0f0' },
        'https://github.com/cirrax/puppet-libvirt/issues/52',
      ),
    ],
  },
  {
    id: 'libvirt.netdev-flags-unreadable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virnetdev.c virNetDevGetIFFlag() (virNetDevGetMTU() for the MTU)',
    format: "Cannot get interface flags on '%1$s'",
    versions:
      "a system error: the errno text follows after \": \"; reading the MTU of the interface (a bridge for <interface type='bridge'/'network'>) fails the same way with \"Cannot get interface MTU on '%1$s'\"",
    patterns: [
      /Cannot get interface (?:flags|MTU) on '(?<ifname>[^'\n]{1,40})'(?::\s?(?<err>[A-Z][A-Za-z ]{2,40}))?/,
    ],
    severity: 'error',
    title: 'libvirt could not read a host network interface',
    cause:
      'libvirt asked the kernel for the flags (or the MTU) of a network interface named in the domain or network XML (the PF or VF of an SR-IOV setup, a macvtap source, a bridge) and got an error: with "No such device" the interface does not exist in this network namespace — renamed (predictable names after a driver or kernel change), its VF gone after sriov_numvfs was reset, moved into another namespace (a container, a KubeVirt pod), or its driver not loaded; for the bridge of a libvirt network (virbr0) that network is not started (virsh net-start default)',
    fix: 'check the name with `ip link` in the namespace libvirt runs in; update the XML to the current name (or use PCI addresses for SR-IOV), recreate the VFs, and load the NIC driver',
    render: render('error : virNetDevGetIFFlag:735 : ', 'enp3s0f0'),
    examples: [
      ex(
        '{"component":"virt-launcher","level":"error","msg":"Cannot get interface flags on \'em3\': No such device","pos":"virNetDevGetIFFlag:735","subcomponent":"libvirt","thread":"813","timestamp":"2019-06-19T23:51:16.850000Z"}',
        { ifname: 'em3', errno: 'ENODEV' },
        'https://github.com/kubevirt/kubevirt/pull/2404',
      ),
      ex(
        "Call to virDomainCreateWithFlags failed: Cannot get interface MTU on 'virbr0': No such device",
        { ifname: 'virbr0', errno: 'ENODEV' },
        'https://github.com/vagrant-libvirt/vagrant-libvirt/issues/671',
      ),
    ],
  },
  {
    id: 'libvirt.apparmor-profiles-unreadable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/security/security_apparmor.c profile_status()',
    format: "Failed to read AppArmor profiles list '%1$s'",
    versions:
      'a system error: the errno text follows; the path is /sys/kernel/security/apparmor/profiles (APPARMOR_PROFILES_PATH)',
    patterns: [
      /Failed to read AppArmor profiles list '(?<path>[^'\n]{1,120})'(?::\s?(?<err>[A-Z][A-Za-z ]{2,40}))?/,
    ],
    severity: 'error',
    title: "libvirt's AppArmor driver cannot read the kernel's list of profiles",
    cause:
      "libvirt's AppArmor security driver checks whether the profile of a domain (libvirt-UUID) or its own is loaded by reading /sys/kernel/security/apparmor/profiles, which only a process with root privileges outside a restricting confinement may read: libvirtd runs unprivileged or inside a container/snap that hides securityfs, or its own AppArmor profile (usr.sbin.libvirtd) does not allow it — often a locally edited or outdated profile. Nothing is wrong with the device or the sysfs path itself",
    fix: 'run the system libvirt daemon as root (qemu:///system), make sure securityfs is mounted where it runs (`mount | grep securityfs`), and restore the distribution\'s libvirtd profile (reinstall the package or merge local changes in /etc/apparmor.d/local/usr.sbin.libvirtd, then `apparmor_parser -r`); security_driver = "none" in qemu.conf disables the driver',
    render: render('error : profile_status:90 : ', '/sys/kernel/security/apparmor/profiles'),
    examples: [
      ex(
        "Failed to read AppArmor profiles list '/sys/kernel/security/apparmor/profiles': Permission denied",
        { path: '/sys/kernel/security/apparmor/profiles', errno: 'EACCES' },
        'https://github.com/cockpit-project/cockpit-machines/issues/1478',
      ),
    ],
  },
  // ---- kernel: PCI and USB ----
  {
    id: 'kernel.aer-source-not-found',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c find_source_device()',
    format: "can't find device of ID%04x\n",
    versions:
      'printed by the root port (pcieport) after its "PCIe Bus Error: severity=..., id=XXXX(...)" line',
    patterns: [/can't find device of ID(?<id>[0-9a-fA-F]{4})/],
    severity: 'warning',
    title: 'AER could not tell which device reported an error',
    cause:
      'the root port received a PCIe error message whose requester ID (bus<<8 | devfn, e.g. 00e5 = 00:1c.5) matches no device the AER driver searched below the port, so it cannot hand the error to a driver for recovery: the ID is the port itself (which older kernels did not check), or a device that has dropped off the bus or is hidden from the OS. The PCIe Bus Error line before it tells what kind of error it was; corrected Physical Layer errors mean a noisy link',
    fix: "read the PCIe Bus Error line before it; for corrected link errors reseat the card/riser, lower the slot's link speed or try pcie_aspm=off; update the kernel (newer kernels attribute errors of the port itself); pci=noaer only hides the messages",
    render: render('pcieport 0000:00:1c.5: ', 0xe5),
    examples: [
      ex(
        "pcieport 0000:00:1c.5: can't find device of ID00e5",
        { id: '00e5' },
        'https://github.com/endlessm/linux/pull/625',
      ),
    ],
  },
  {
    id: 'kernel.pci-ext-config-inaccessible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_scan_bridge_extend()',
    format: 'extended config space not accessible\n',
    versions:
      'printed for a bus (pci_bus DDDD:BB) behind a bridge that cannot forward extended config accesses',
    patterns: [/extended config space not accessible/],
    severity: 'info',
    title: 'PCIe extended config space is unreachable on a bus',
    cause:
      "config accesses above offset 0x100 (the PCIe extended capabilities: AER, ACS, SR-IOV, Resizable BAR) cannot reach the devices on this bus — it sits behind a conventional PCI bridge or a bridge that does not forward them, or there is no ECAM/MMCONFIG for it. Inside a VM this is a guest on the i440fx (pc) machine type, whose buses are plain PCI. Devices there lose those capabilities; for a passthrough guest that can disable features of the assigned device's driver",
    fix: 'for a VM with assigned devices use the q35 machine type and put the devices on PCIe root ports; on a host, check the firmware exposes MMCONFIG (dmesg "PCI: MMCONFIG") and which bridge the bus hangs off (`lspci -tv`)',
    render: render('pci_bus 0000:01: '),
    examples: [
      ex(
        '[    0.290102] pci_bus 0000:01: extended config space not accessible',
        undefined,
        'https://github.com/canonical/lxd/issues/5836',
      ),
    ],
  },
  {
    id: 'kernel.pci-extended-tags-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_configure_extended_tags()',
    format: 'enabling Extended Tags\n',
    versions: 'pci_info, once per device that supports 8-bit tags and has them off',
    patterns: [/enabling Extended Tags/],
    severity: 'info',
    title: 'The kernel turned on PCIe Extended Tags for a device',
    cause:
      'the device supports 8-bit transaction tags and the firmware left them off, so the kernel enables them while configuring it (at boot, hotplug or rescan, and when a VMM re-enumerates it). Informational: nothing is wrong',
    fix: 'nothing; the lines around it describe the device being set up',
    render: render('pci 0000:2d:00.5: '),
    examples: [
      ex(
        '[13564.122917] pci 0000:2d:00.5: enabling Extended Tags',
        undefined,
        'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/4507',
      ),
    ],
  },
  {
    id: 'kernel.xhci-host-dead',
    source: 'kernel',
    cite: 'torvalds/linux drivers/usb/host/xhci-ring.c xhci_handle_command_timeout() (xhci_abort_cmd_ring()) and xhci.c xhci_hc_died()',
    format: 'xHCI host controller not responding, assume dead\n',
    versions: 'followed by "HC died; cleaning up" and the disconnection of every device on the controller',
    patterns: [/xHCI host controller not responding, assume dead/],
    severity: 'error',
    title: 'A USB (xHCI) controller stopped answering',
    cause:
      'a command to the xHCI controller timed out and aborting it failed, so the driver gives the controller up and every USB device on it disconnects. With passthrough this is usually a controller in a bad state after it was handed between host and VM (reset by a VM, returned without a working reset), or one that did not come back from suspend or D3; otherwise failing hardware or firmware',
    fix: 'rebind the controller (echo its address to /sys/bus/pci/drivers/xhci_hcd/unbind, then bind) or reboot; keep a controller given to a VM on vfio-pci from boot rather than switching drivers; for suspend-related cases disable runtime PM for it (power/control = on) and update firmware',
    render: render('xhci_hcd 0000:00:14.0: '),
    examples: [
      ex(
        'xHCI host controller not responding, assume dead',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/7906',
      ),
    ],
  },
  // ---- Intel iavf VFs ----
  {
    id: 'kernel.iavf-pf-error',
    source: 'kernel',
    cite: `${IAVF} iavf_init_get_resources()`,
    format: 'Unable to get VF config due to PF error condition, not retrying\n',
    versions:
      'often after "Unable to get VF config (%d)"; on the PF side i40e/ice log "VF %d failed opcode %d, retval: %d"',
    patterns: [/Unable to get VF config due to PF error condition, not retrying/],
    severity: 'error',
    title: 'The iavf VF driver gave up: its PF refused the VF configuration',
    cause:
      "the VF asked its PF driver (i40e or ice) over the virtchnl mailbox for its resources and got a parameter error, which the PF answers when the VF is disabled for earlier bad behaviour (malicious driver detection) or it cannot give it what it needs — known cases: no free queue pairs left in the PF's pool when many VFs exist, and PF/VF driver versions that do not understand each other. The VF stays without a network interface",
    fix: 'read the PF\'s dmesg (i40e/ice lines about this VF: "failed opcode", "MDD event"); create fewer VFs or fewer queues per VF, update the PF driver (in-kernel or Intel\'s out-of-tree i40e/ice) and iavf to matching versions, and recreate the VFs (sriov_numvfs=0, then N)',
    render: render('iavf 0000:21:0a.0: '),
    examples: [
      ex(
        'Dec 05 18:51:25 xxxxxxxxxxx kernel: iavf 0000:21:0a.0: Unable to get VF config due to PF error condition, not retrying',
        undefined,
        'https://github.com/intel/ethernet-linux-i40e/issues/26',
      ),
    ],
  },
  {
    id: 'kernel.iavf-pf-unreachable',
    source: 'kernel',
    cite: `${IAVF} iavf_watchdog_task() (iavf_init_task() and i40evf before Linux 5.15)`,
    format: 'Failed to communicate with PF; waiting before retry\n',
    patterns: [/Failed to communicate with PF; waiting before retry/],
    severity: 'warning',
    title: 'The iavf VF driver gets no answer from its PF',
    cause:
      'the VF driver\'s virtchnl messages to the PF (i40e/ice) go unanswered, so it retries every few seconds: the PF is resetting (after a PF reset, a MAC or trust change on the VF, or ethtool changes the VF driver sees as a reset) — then it recovers with "Hardware came out of reset" — or the PF driver is not running or not handling VF messages (the PF bound to vfio-pci/DPDK, its driver unloaded or hung). Inside a guest the VF keeps waiting until the host\'s PF answers',
    fix: 'if it repeats, check the PF on the host: its driver is loaded and the PF is up (`ip link show PF`), dmesg of i40e/ice for resets or errors; set MAC/trust on the VF before the VF driver loads; update the PF driver and iavf',
    render: render('iavf 0000:21:0a.0: '),
    examples: [
      ex(
        'Dec 05 18:51:20 xxxxxxxxxxx kernel: iavf 0000:21:0a.0: Failed to communicate with PF; waiting before retry',
        undefined,
        'https://github.com/intel/ethernet-linux-i40e/issues/26',
      ),
    ],
  },
  // ---- Looking Glass client ----
  {
    id: 'lg.egl-surface-failed',
    source: 'looking-glass',
    cite: LG_EGL,
    format: 'Failed to create EGL surface (eglError: 0x%x)',
    versions:
      'B5 and later create the surface in the display server backend (client/displayservers/Wayland/gl.c, X11/x11.c) with the same words',
    patterns: [/Failed to create EGL surface \(eglError: 0x(?<code>[0-9a-fA-F]{4})\)/],
    severity: 'error',
    title: 'The Looking Glass client could not create its EGL window surface',
    cause:
      "eglCreateWindowSurface failed for the client's window, so the EGL renderer cannot start: the host's GL driver or display server cannot give the client a surface of the kind it asks for — an EGL driver without the needed config (software rendering, an old Mesa, the NVIDIA driver without its EGL/Wayland libraries), or a display server the client's build was not made for",
    fix: 'update the GPU driver and Mesa/EGL libraries, check `eglinfo` in the same session, use a client build for your display server (X11 or Wayland), or try the OpenGL renderer (`looking-glass-client -g OpenGL`)',
    refine: (f) => {
      const c = f.code?.toLowerCase();
      if (c === '3003')
        return {
          cause:
            'eglCreateWindowSurface returned EGL_BAD_ALLOC (0x3003): the driver could not allocate the surface — out of GPU memory, a window far larger than the GPU supports, or a driver that cannot allocate for this window (e.g. rendering on a GPU that does not drive the display)',
        };
      if (c === '3005')
        return {
          cause:
            "eglCreateWindowSurface returned EGL_BAD_CONFIG (0x3005): the EGL config the client chose does not fit the window — typically a mismatch between the config (double buffering, alpha, colour depth) and the window's visual on this driver/display server, seen with older Mesa and the NVIDIA driver",
          fix: 'update the client (newer builds choose the config from the window) and the driver; try `looking-glass-client egl:doubleBuffer=no` or the OpenGL renderer (-g OpenGL)',
        };
      if (c === '300b')
        return {
          cause:
            "eglCreateWindowSurface returned EGL_BAD_NATIVE_WINDOW (0x300B): the window handle is not one the EGL display accepts. Clients of that time got their display with eglGetDisplay(), and recent Mesa did not take the client's window as belonging to it; gnif/LookingGlass#209 switched the client to eglGetPlatformDisplay() (EGL 1.5), which fixed it",
          fix: 'update the Looking Glass client to a build with that change (any release after B1), or use the OpenGL renderer (-g OpenGL) with the old one',
        };
      return undefined;
    },
    render: render(LG_PREFIX, 0x3003),
    examples: [
      ex(
        '  2481219290 [E]                egl.c:532  | egl_render_startup             | Failed to create EGL surface (eglError: 0x3003)',
        { code: '3003' },
        'https://github.com/gnif/LookingGlass/issues/369',
      ),
      ex(
        '[E]         egl.c:428  | egl_render_startup        | Failed to create EGL surface (eglError: 0x3005)',
        { code: '3005' },
        'https://github.com/gnif/LookingGlass/issues/186',
      ),
      ex(
        'egl.c:428  | egl_render_startup             | Failed to create EGL surface (eglError: 0x300b)',
        { code: '300b' },
        'https://github.com/gnif/LookingGlass/pull/209',
      ),
    ],
  },
  {
    id: 'lg.spice-link-header-failed',
    source: 'looking-glass',
    cite: 'gnif/LookingGlass repos/PureSpice src/channel.c (client/spice/spice.c spice_connect_channel() before B2)',
    format: 'failed to read SpiceLinkHeader',
    versions: 'followed by "Failed to connect to spice server" from the client\'s main loop',
    patterns: [/failed to read SpiceLinkHeader/],
    severity: 'error',
    title: "The Looking Glass client's SPICE connection got no SPICE answer",
    cause:
      "the client connected to the host and port it was given for SPICE (127.0.0.1:5900 by default) and sent the SPICE link message, but no SPICE link header came back: what listens there is not the VM's SPICE server (a VNC display, another VM's port), SPICE there expects TLS, or the connection was closed. Only keyboard/mouse/clipboard go over SPICE; the frames come through the shared memory",
    fix: "point the client at the VM's SPICE port (`-c HOST -p PORT`, spice:host / spice:port; libvirt: <graphics type='spice' port='5900' autoport='no'> with <listen type='address' address='127.0.0.1'/>, TLS off for that port), or start the client with SPICE disabled (`-s`, spice:enable=no) if you use other input",
    render: render('[E]              spice.c:591  | spice_connect_channel          | '),
    examples: [
      ex(
        '[E]              spice.c:591  | spice_connect_channel          | failed to read SpiceLinkHeader',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/93',
      ),
    ],
  },
];

/** Sibling wordings the entries above also recognise (docs/diagnose-coverage.md). */
export const HARVEST_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'qemu.kvm-set-msr-failed',
    file: KVM_X86,
    format: "%s:%u: %s: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
    text: "qemu-system-x86_64: ../target/i386/kvm/kvm.c:3196: kvm_buf_set_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
  },
  {
    id: 'qemu.accel-fallback-tcg',
    file: 'qemu/qemu softmmu/vl.c configure_accelerators()',
    format: 'falling back to %s',
    text: 'qemu-system-x86_64: falling back to tcg',
  },
  {
    id: 'qemu.listen-port-in-use',
    file: SOCKETS,
    format: 'Failed to find an available port: %s',
    text: 'qemu-system-x86_64: -vnc 0.0.0.0:0,to=99: Failed to find an available port: Address already in use',
  },
  {
    id: 'libvirt.domain-tainted',
    file: 'libvirt/libvirt src/qemu/qemu_domain.c qemuDomainObjTaintMsg()',
    format: 'Domain id=%d is tainted: %s\n',
    text: 'Domain id=3 is tainted: host-cpu',
  },
  {
    id: 'libvirt.hook-dir-absent',
    file: 'libvirt/libvirt src/util/virhook.c virHookCheck()',
    format: 'No hook script %s',
    text: 'debug : virHookCheck:150 : No hook script /etc/libvirt/hooks/qemu',
  },
  {
    id: 'libvirt.shmem-size-invalid',
    file: 'libvirt/libvirt src/qemu/qemu_command.c qemuBuildShmemCommandLine()',
    format: 'shmem size must be at least 1 MiB (1024 KiB)',
    text: 'error: XML error: shmem size must be at least 1 MiB (1024 KiB)',
  },
];
