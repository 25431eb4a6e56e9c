/**
 * virt-host-validate, the check users run first on a passthrough host: every WARN and FAIL it can
 * print for QEMU, read in libvirt's tools/virt-host-validate-qemu.c and -common.c. Its IOMMU check
 * decides Intel or AMD from the CPU's virtualization flags (vmx/svm), not from the IOMMU, so its
 * "Unknown if this platform has IOMMU support" says more about VT-x/AMD-V than about the IOMMU.
 * (libvirt.validate-iommu, in tools-sweep.ts, reads the DMAR/IVRS and kernel-command-line lines.)
 * test/unit/diagnose-host-validate-sweep.test.ts runs the real virt-host-validate of this machine.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const VHV = 'libvirt/libvirt tools/virt-host-validate-common.c';
const VHV_QEMU = 'libvirt/libvirt tools/virt-host-validate-qemu.c virHostValidateQEMU()';

/** The check line's start: "  QEMU: Checking for X … : WARN (" (or FAIL); padding between. */
const CHECK = (what: string) => `Checking ${what}[ .]{0,80}: (?<level>WARN|FAIL) \\(`;

export const HOST_VALIDATE_ENTRIES: CatalogueEntry[] = [
  {
    id: 'libvirt.validate-iommu-unknown',
    source: 'libvirt',
    cite: `${VHV} virHostValidateIOMMU() (Intel or AMD is decided from the CPU's vmx/svm flags; with neither, and not POWER or s390, it prints this)`,
    format: 'Unknown if this platform has IOMMU support',
    versions:
      'libvirt 1.x and later; the check line reads "QEMU: Checking for device assignment IOMMU support"',
    patterns: [
      new RegExp(`${CHECK('for device assignment IOMMU support')}Unknown if this platform has IOMMU support`),
    ],
    severity: 'warning',
    title: 'virt-host-validate could not tell the CPU vendor: VT-x/AMD-V is not visible',
    cause:
      'virt-host-validate picks the Intel (DMAR) or AMD (IVRS) IOMMU check from the CPU\'s virtualization flags, and /proc/cpuinfo shows neither vmx nor svm, so it checked nothing. On an x86 host that means VT-x/AMD-V is disabled in the firmware (then KVM cannot run either, and the hardware-virtualization check above FAILs too) — or this "host" is itself a VM without nested virtualization. On arm64 and other platforms the tool has no IOMMU check at all, and the line says nothing about the IOMMU',
    fix: 'on x86 enable VT-x/SVM (and VT-d/AMD-Vi) in the firmware; then check the IOMMU directly: `ls /sys/kernel/iommu_groups` (non-empty when the IOMMU is on) and `dmesg | grep -Ei "DMAR|AMD-Vi|IOMMU"`; `vfiokit doctor` reads both',
    render: render('  QEMU: Checking for device assignment IOMMU support : WARN ('),
    examples: [
      ex(
        '  QEMU: Checking for device assignment IOMMU support                         : WARN (Unknown if this platform has IOMMU support)',
      ),
    ],
  },
  {
    id: 'libvirt.validate-iommu-not-compiled',
    source: 'libvirt',
    cite: `${VHV} virHostValidateIOMMU() (/sys/kernel/iommu_groups is empty and no boot argument is known for the platform)`,
    format: 'IOMMU capability not compiled into kernel.',
    versions:
      'libvirt 1.3 and later; on Intel and AMD hosts the same state prints "IOMMU appears to be disabled in kernel. Add … to kernel cmdline arguments" instead',
    patterns: [
      new RegExp(`${CHECK('if IOMMU is enabled by kernel')}IOMMU capability not compiled into kernel`),
    ],
    severity: 'warning',
    title: 'virt-host-validate found no IOMMU groups',
    cause:
      "/sys/kernel/iommu_groups exists but is empty: no IOMMU driver took the devices, and on this platform (POWER, s390, or a CPU whose vendor the tool could not tell) virt-host-validate knows no boot argument to suggest. Either the kernel was built without the platform's IOMMU driver, or the IOMMU is off in the firmware or on the kernel command line",
    fix: 'check `dmesg | grep -i iommu` and the kernel configuration (`grep -E "IOMMU|VFIO" /boot/config-$(uname -r)`); on x86 enable VT-d/AMD-Vi in the firmware and boot with intel_iommu=on (Intel) — AMD enables it by default',
    render: render('  QEMU: Checking if IOMMU is enabled by kernel : WARN ('),
    examples: [
      ex(
        '  QEMU: Checking if IOMMU is enabled by kernel                               : WARN (IOMMU capability not compiled into kernel.)',
      ),
    ],
  },
  {
    id: 'libvirt.validate-hw-virt',
    source: 'libvirt',
    cite: `${VHV_QEMU} (the hardware-virtualization check: no vmx/svm CPU flag on x86, no sie on s390)`,
    format: 'Only emulated CPUs are available, performance will be significantly limited',
    versions:
      'libvirt 9.x words it "Host not compatible with KVM; HW virtualization CPU features not found. Only emulated CPUs are available; performance will be significantly limited"; older releases "Only emulated CPUs are available, performance will be significantly limited"',
    patterns: [/Only emulated CPUs are available[,;] performance will be significantly limited/],
    severity: 'error',
    title: 'No hardware virtualization: KVM, and so device assignment, cannot be used',
    cause:
      "the CPU shows no virtualization extension (no vmx or svm flag in /proc/cpuinfo): VT-x/AMD-V is disabled in the firmware, or this machine is itself a VM whose hypervisor does not expose nested virtualization. KVM cannot run, so QEMU can only emulate (TCG); device assignment through VFIO needs KVM for any usable guest, and libvirt's <domain type='kvm'> will not start",
    fix: 'enable Intel VT-x ("Intel Virtualization Technology") or AMD SVM in the firmware setup, together with VT-d/AMD-Vi (IOMMU) for passthrough; in a VM, enable nested virtualization on its host (kvm_intel nested=1 / kvm_amd nested=1 and CPU passthrough)',
    render: render('  QEMU: Checking for hardware virtualization : FAIL ('),
    examples: [
      ex(
        '  QEMU: Checking for hardware virtualization                                 : FAIL (Only emulated CPUs are available, performance will be significantly limited)',
      ),
    ],
  },
  {
    id: 'libvirt.validate-kvm-device',
    source: 'libvirt',
    cite: `${VHV} virHostValidateDeviceExists() / virHostValidateDeviceAccessible(), called for /dev/kvm by ${VHV_QEMU}`,
    format:
      "Check that the 'kvm-intel' or 'kvm-amd' modules are loaded & the BIOS has enabled virtualization",
    versions:
      'the check lines are "Checking if device /dev/kvm exists" and "Checking if device /dev/kvm is accessible"; other platforms: "Check that CPU and firmware supports virtualization and kvm module is loaded"',
    patterns: [
      /Checking if device \/dev\/kvm (?<what>exists|is accessible)[ .]{0,80}: (?<level>FAIL|WARN) \(/,
    ],
    severity: 'error',
    title: '/dev/kvm is missing or not accessible',
    cause:
      'the KVM device node does not exist: the kvm_intel/kvm_amd module is not loaded, or it refused to load because VT-x/AMD-V is disabled in the firmware (dmesg: "kvm: disabled by bios", "VMX not supported"), or this is a VM without nested virtualization. Without /dev/kvm QEMU cannot use KVM, and passthrough VMs do not start',
    fix: '`modprobe kvm_intel` (or kvm_amd) and read dmesg for why it refuses; enable virtualization in the firmware',
    refine: (f) =>
      f.what === 'is accessible'
        ? {
            cause:
              '/dev/kvm exists but the user running the check may not open it: it is normally root:kvm with mode 0660, and this user is not in the kvm group (or a udev rule changed the node). A system libvirt runs QEMU as its own user with access; a session (qemu:///session) VM or a hand-started QEMU needs it',
            fix: 'add the user to the kvm group (`usermod -aG kvm USER`, then log in again) or use qemu:///system; `ls -l /dev/kvm` shows owner and mode',
          }
        : undefined,
    render: render('  QEMU: Checking if device /dev/kvm exists : FAIL ('),
    examples: [
      ex(
        "  QEMU: Checking if device /dev/kvm exists                                   : FAIL (Check that the 'kvm-intel' or 'kvm-amd' modules are loaded & the BIOS has enabled virtualization)",
        { what: 'exists', level: 'FAIL' },
      ),
      ex(
        '  QEMU: Checking if device /dev/kvm is accessible                            : FAIL (Check /dev/kvm is world writable or you are in a group that is allowed to access it)',
        { what: 'is accessible', level: 'FAIL' },
      ),
    ],
  },
  {
    id: 'libvirt.validate-minor',
    source: 'libvirt',
    cite: `${VHV} virHostValidateSecureGuests(), virHostValidateCGroupControllers(), virHostValidateDeviceExists() for /dev/vhost-net and /dev/net/tun (${VHV_QEMU})`,
    format: 'Unknown if this platform has Secure Guest support',
    versions:
      'the secure-guest check came in libvirt 6.x; its AMD wordings: "AMD Secure Encrypted Virtualization appears to be disabled in kernel. Add kvm_amd.sev=1 to the kernel cmdline arguments", "… disabled in firmware."; cgroups: "Enable \'%s\' in kernel Kconfig file or mount/enable cgroup controller in your system"',
    patterns: [
      /Checking for secure guest support[ .]{0,80}: (?<level>WARN) \((?<what>Unknown if this platform has Secure Guest support|AMD Secure Encrypted Virtualization [^)\n]{1,120})/,
      /Checking if device (?<dev>\/dev\/vhost-net|\/dev\/net\/tun) exists[ .]{0,80}: (?<level>WARN|FAIL) \(/,
      /Checking for cgroup '(?<controller>\w{1,20})' controller (?:support|mount-point)[ .]{0,80}: (?<level>WARN|FAIL) \(/,
    ],
    severity: 'info',
    title: 'A virt-host-validate warning that does not concern device assignment',
    cause:
      'this check is about something other than passing a device through: confidential guests (SEV, Secure Execution), the vhost-net accelerator for virtio networking, or a cgroup controller libvirt uses for resource limits. It is harmless for VFIO passthrough; the checks that matter for it are hardware virtualization, /dev/kvm and the two IOMMU lines',
    fix: 'nothing for passthrough; for vhost-net `modprobe vhost_net`; for SEV boot with kvm_amd.sev=1 and enable SEV in the firmware; a missing cgroup controller matters only for the limits it enforces',
    refine: (f) =>
      f.dev === '/dev/net/tun'
        ? {
            severity: 'error',
            title: '/dev/net/tun is missing: QEMU guests get no tap networking',
            cause:
              'the tun device is missing (the tun module is not loaded, or a container without the node): libvirt cannot create the tap devices of bridged or NAT networks, so VMs with such interfaces do not start. An assigned NIC (hostdev) does not need it',
            fix: '`modprobe tun` (and list it in /etc/modules-load.d); in a container, pass /dev/net/tun in',
          }
        : undefined,
    render: render('  QEMU: Checking for secure guest support : WARN ('),
    examples: [
      ex(
        '  QEMU: Checking for secure guest support                                    : WARN (Unknown if this platform has Secure Guest support)',
        { level: 'WARN' },
      ),
      ex(
        "  QEMU: Checking if device /dev/vhost-net exists                             : WARN (Load the 'vhost_net' module to improve performance of virtio networking)",
        { dev: '/dev/vhost-net' },
      ),
      ex(
        "  QEMU: Checking for cgroup 'devices' controller support                     : WARN (Enable 'devices' in kernel Kconfig file or mount/enable cgroup controller in your system)",
        { controller: 'devices' },
      ),
    ],
  },
];
