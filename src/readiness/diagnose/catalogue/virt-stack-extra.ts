/**
 * Messages around an assigned device that come from the layers above it rather than from VFIO:
 * libvirt finding no KVM among the host's capabilities, nvidia-smi finding no driver to talk to,
 * and OVMF's boot manager moving past a boot option with nothing to boot. Each says what it
 * means for a VM with a passed-through device, and when it is harmless.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

function refineCapabilities(f: Facts): Refinement | undefined {
  const what = f.what ?? '';
  if (/domaintype=kvm/.test(what)) return undefined;
  if (/emulator=/.test(what))
    return {
      cause: `libvirt knows no QEMU binary at the emulator path the domain names (${what.trim()}): the path is wrong for this distribution (/usr/bin/qemu-system-x86_64, /usr/libexec/qemu-kvm, /usr/bin/kvm) or that QEMU is not installed`,
      fix: 'point <emulator> at the QEMU this host has (`virsh domcapabilities` prints the path libvirt found) or install it',
    };
  if (/machine=/.test(what))
    return {
      cause: `the machine type the domain names (${what.trim()}) is not one this QEMU provides: a versioned type (pc-q35-9.0) from a newer QEMU, or a distribution-specific one (pc-q35-rhel9.4.0) on another distribution`,
      fix: 'change the machine to one `qemu-system-x86_64 -machine help` lists (plain q35 picks the newest), or install the QEMU the domain was made with',
    };
  return undefined;
}

export const VIRT_STACK_EXTRA_ENTRIES: CatalogueEntry[] = [
  {
    id: 'libvirt.no-kvm-capabilities',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/capabilities.c virCapabilitiesDomainDataLookupInternal()',
    format: 'could not find capabilities for %s',
    versions:
      'the %s lists what was asked for: "arch=x86_64 domaintype=kvm ", "emulator=PATH ", "machine=TYPE ", or "any configuration"; virsh prints it as "error: invalid argument: could not find capabilities for ..."',
    patterns: [
      /could not find capabilities for (?<what>(?:(?:arch|domaintype|emulator|machine)=[^\s'"]{1,120} ?){1,4}|any configuration)/,
    ],
    severity: 'error',
    title: 'libvirt has no KVM for this domain',
    cause:
      'libvirt probed the host and found no QEMU that can run this domain type: with domaintype=kvm, /dev/kvm was missing or not accessible to libvirt when it probed QEMU (virtualization off in the firmware, kvm_intel/kvm_amd not loaded, or the host is a VM without nested virtualization). libvirt caches what it probed, so it keeps saying so after KVM is fixed until it probes again',
    fix: 'check `ls -l /dev/kvm` and `virt-host-validate qemu`; once KVM is there, restart libvirt (systemctl restart libvirtd, or virtqemud) so it probes QEMU again; `virsh capabilities | grep kvm` then lists it',
    refine: refineCapabilities,
    render: render('error: invalid argument: ', 'arch=x86_64 domaintype=kvm '),
    examples: [
      ex('error: invalid argument: could not find capabilities for domaintype=kvm ', {
        what: 'domaintype=kvm ',
      }),
      ex('error: invalid argument: could not find capabilities for arch=x86_64 domaintype=kvm '),
      ex('error: invalid argument: could not find capabilities for arch=x86_64 machine=pc-q35-rhel9.4.0 '),
    ],
  },
  {
    id: 'nvidia.smi-no-driver',
    source: 'userspace tool',
    cite: 'NVIDIA nvidia-smi (closed source; NVML nvmlInit failing with NVML_ERROR_DRIVER_NOT_LOADED), quoted from public logs',
    format:
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    patterns: [/NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/],
    severity: 'error',
    title: 'nvidia-smi finds no NVIDIA kernel driver',
    cause:
      'no NVIDIA kernel module is loaded or none has a GPU (no /dev/nvidiactl): the module failed to build or load for this kernel (DKMS after a kernel update, Secure Boot refusing an unsigned module, nouveau holding the GPU), or it loaded and failed to bring the GPU up (dmesg has an NVRM line). On a passthrough host this is expected for a GPU bound to vfio-pci: the host driver does not own it, the guest does',
    fix: 'run `lsmod | grep nvidia` and `dmesg | grep -E "NVRM|nvidia"`: rebuild the module for this kernel (dkms autoinstall), sign it or turn Secure Boot off, blacklist nouveau; in a guest, an NVRM error on the passed GPU points at the assignment (BAR sizes, reset). On the host, `lspci -nnk` showing "Kernel driver in use: vfio-pci" means it is working as intended',
    render: render(''),
    examples: [
      ex(
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      ),
    ],
  },
  {
    id: 'edk2.boot-option-failed',
    source: 'edk2',
    cite: 'tianocore/edk2 MdeModulePkg/Universal/BdsDxe/BdsEntry.c BdsEntry() / MdeModulePkg/Library/UefiBootManagerLib/BmBoot.c EfiBootManagerBoot()',
    format: '%s: failed to load Boot%04x "%s" from %s: %s\n',
    versions:
      'the last %s is the EFI_STATUS (%r in edk2: "Not Found", "Access Denied"); printed on the VM console (and the serial log) by OVMF; BdsDxe then tries the next option, and prints "BdsDxe: No bootable option or device was found." when none is left',
    patterns: [
      /BdsDxe: failed to load Boot(?<option>[0-9A-F]{4}) "(?<name>[^"\n]{1,100})" from [^:\n]{1,300}: (?<status>Not Found|Time out|Access Denied|Security Violation|Unsupported|Load Error|Invalid Parameter|Device Error)/,
    ],
    severity: 'info',
    title: 'OVMF skipped a boot option with nothing to boot',
    cause:
      'the VM firmware tried this boot entry and found nothing bootable behind it (an empty CD drive, a disk without an EFI system partition, a network option without a server); it goes on to the next entry. Harmless when the VM then boots; it says nothing about the assigned device',
    fix: 'nothing if the guest boots; if it stops at the firmware, fix the boot order (<boot order=.../> on the disk) or the install media, and for a guest installed in BIOS mode boot it with SeaBIOS or reinstall in UEFI mode',
    refine: (f) => {
      if (f.status === 'Access Denied' || f.status === 'Security Violation')
        return {
          severity: 'error',
          cause: `Secure Boot refused the image of Boot${f.option} ("${f.name}"): OVMF's Secure Boot variant (OVMF_CODE.secboot with enrolled keys) only starts signed loaders, and this one is unsigned or signed by a key not enrolled`,
          fix: 'boot a signed loader (shim for Linux; current Windows media), enroll the needed key, or use the OVMF variant without Secure Boot (OVMF_CODE.fd with a fresh OVMF_VARS.fd)',
        };
      return undefined;
    },
    render: render(
      '',
      'BdsDxe',
      1,
      'UEFI QEMU DVD-ROM QM00003 ',
      'PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x0,0xFFFF,0x0)',
      'Not Found',
    ),
    examples: [
      ex(
        'BdsDxe: failed to load Boot0001 "UEFI QEMU DVD-ROM QM00003 " from PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x0,0xFFFF,0x0): Not Found',
        { option: '0001', status: 'Not Found' },
      ),
      ex(
        'BdsDxe: failed to load Boot0002 "UEFI Misc Device" from PciRoot(0x0)/Pci(0x2,0x3)/Pci(0x0,0x0): Access Denied',
        { status: 'Access Denied' },
      ),
    ],
  },
  {
    id: 'qemu.terminated-by-signal',
    source: 'qemu',
    cite: 'qemu/qemu system/runstate.c qemu_system_killed() / qemu_kill_report()',
    format: 'terminating on signal %d from pid %d (%s)',
    versions:
      'QEMU before 8.0 had it in softmmu/runstate.c (earlier vl.c); without a sender name it prints "terminating on signal %d from pid %d", and for a signal from the kernel or a process it cannot name just "terminating on signal %d"',
    patterns: [
      // QEMU's own line only (program name first, as QEMU prints it): inside libvirt's "QEMU
      // unexpectedly closed the monitor: ..." it is libvirt.qemu-exited's tail.
      /^(?:\d{4}-\d\d-\d\dT[\d:.]{8,20}Z )?(?:qemu-system-[\w-]{1,20}|qemu-kvm|kvm): terminating on signal (?<signal>\d{1,2})(?: from pid (?<pid>\d{1,10})(?: \((?<sender>[^)\n]{1,200})\))?)?/,
    ],
    severity: 'info',
    title: 'QEMU was told to quit by another process',
    cause:
      "QEMU did not fail here: it received a termination signal and exited. The line names who sent it; when a VM start fails, libvirt (or Proxmox) kills the QEMU it started after an error of its own, so the cause is in the lines before this one or in the manager's own error",
    fix: "look above this line (and in the manager's error) for the first real error; if nothing failed, someone stopped the VM (virsh destroy, a shutdown timeout, the host shutting down)",
    refine: (f) => {
      const sender = f.sender ?? '';
      if (/libvirtd|virtqemud/.test(sender))
        return {
          cause: `libvirt (${sender}) stopped QEMU (signal ${f.signal}): either a user or tool destroyed the VM (virsh destroy, a shutdown that timed out), or libvirt gave up on a start after an error of its own — a hook script, a device it could not prepare, the guest agent or monitor timing out. QEMU itself reported no error`,
          fix: 'read the libvirt error printed with it (virsh start, journalctl -u libvirtd/virtqemud at that moment) and the lines above this one in /var/log/libvirt/qemu/VM.log',
        };
      if (/systemd|shutdown|init\b/.test(sender) || f.pid === '1')
        return {
          cause: `the service manager (${sender || 'pid 1'}) stopped QEMU (signal ${f.signal}): the host was shutting down or the unit running the VM was stopped`,
          fix: 'nothing if the host was going down; otherwise check what stopped the unit (journalctl at that moment)',
        };
      return undefined;
    },
    render: render('qemu-system-x86_64: ', 15, 1234, '/usr/sbin/libvirtd'),
    examples: [
      ex('qemu-system-x86_64: terminating on signal 15 from pid 1234 (/usr/sbin/libvirtd)', {
        signal: '15',
        sender: '/usr/sbin/libvirtd',
      }),
      ex('2024-02-03T10:11:12.123456Z qemu-system-x86_64: terminating on signal 15 from pid 1 (/sbin/init)', {
        pid: '1',
      }),
    ],
  },
  {
    id: 'kernel.module-taints-kernel',
    source: 'kernel',
    cite: 'torvalds/linux kernel/module/main.c module_augment_kernel_taints() / kernel/module/signing.c module_sig_check()',
    format: '%s: loading out-of-tree module taints kernel.\n',
    versions:
      'before Linux 6.4 in kernel/module/main.c check_modinfo(); with CONFIG_MODULE_SIG and an unsigned module: "%s: module verification failed: signature and/or required key missing - tainting kernel"; a proprietary licence: "%s: module license \'%s\' taints kernel."',
    patterns: [
      /(?<module>[\w-]{1,40}): (?:loading out-of-tree module taints kernel|module verification failed: signature and\/or required key missing - tainting kernel|module license '(?<license>[^'\n]{1,40})' taints kernel)/,
    ],
    severity: 'info',
    title: 'A module from outside the kernel tree was loaded (harmless)',
    cause:
      'the kernel notes once that it runs a module built outside its own tree (vendor-reset, kvmfr for Looking Glass, NVIDIA, a DKMS driver) or an unsigned one, and marks itself tainted for bug reports. Harmless: the module loaded and works; this is not an error',
    fix: 'nothing. Only when Secure Boot is enforcing (lockdown) does an unsigned module fail to load, and then the kernel says "Key was rejected by service" instead',
    render: render('', 'vendor_reset'),
    examples: [
      ex('[    6.120000] vendor_reset: loading out-of-tree module taints kernel.', {
        module: 'vendor_reset',
      }),
      ex(
        '[    6.130000] kvmfr: module verification failed: signature and/or required key missing - tainting kernel',
        {
          module: 'kvmfr',
        },
      ),
      ex("[    5.500000] nvidia: module license 'NVIDIA' taints kernel.", {
        module: 'nvidia',
        license: 'NVIDIA',
      }),
    ],
  },
  {
    id: 'pve.start-timeout',
    source: 'proxmox',
    cite: "proxmox/pve-common src/PVE/Systemd.pm wait_for_unit_removed() / enter_systemd_scope() (the timeout), as qemu-server PVE/QemuServer.pm vm_start() uses it to run QEMU in the VM's scope",
    format: 'timeout waiting on systemd\n',
    versions:
      'shown in the task log as "TASK ERROR: timeout waiting on systemd"; a backup in stop mode logs "ERROR: Backup of VM N failed - timeout waiting on systemd"',
    patterns: [/timeout waiting on systemd/],
    severity: 'error',
    title: "Proxmox gave up waiting for the VM's systemd scope",
    cause:
      "qemu-server starts QEMU in a systemd scope (VMID.scope) and waits for systemd to confirm it (and for the previous run's scope to go away). It gave up: the old QEMU of this VM is still exiting (a passed-through device or a large guest takes long to release; its scope is still there), or QEMU takes longer to start than allowed — with a passed-through device QEMU maps and pins all guest RAM before it answers, which takes tens of seconds for large guests and longer with hugepages or ballooning off, or the host is overloaded",
    fix: 'check `systemctl status VMID.scope` and that no old `kvm -id VMID` process is left (wait for it or kill it), then start again; for large guests with passthrough, start it from the shell (`qm start VMID`, no timeout from the GUI) or give it hugepages; a second start usually succeeds once the old scope is gone',
    render: render('TASK ERROR: '),
    examples: [
      ex('TASK ERROR: timeout waiting on systemd'),
      ex('ERROR: Backup of VM 101 failed - timeout waiting on systemd'),
    ],
  },
  {
    id: 'pve.qemu-exited',
    source: 'proxmox',
    cite: 'proxmox/qemu-server PVE/QemuServer.pm vm_start_nolock() (run_command of the kvm command line; the task fails with "start failed: " and its error)',
    format: 'start failed: QEMU exited with code %d\n',
    versions:
      'older qemu-server: "start failed: command \'/usr/bin/kvm -id VMID ...\' failed: exit code 1"; the task log shows it as "TASK ERROR: start failed: ..."',
    tier: 'fallback',
    patterns: [
      /start failed: (?:QEMU exited with code (?<code>\d{1,3})|command '\/usr\/bin\/kvm -id (?<vmid>\d{1,9})[^'\n]{0,4000}' failed: (?:exit code (?<code2>\d{1,3})|(?<timeout>got timeout)))/,
    ],
    severity: 'error',
    title: 'Proxmox: QEMU exited while the VM was starting',
    cause:
      'this line only says that QEMU stopped: QEMU printed its reason in the lines right above it in the same task log (for passthrough typically a "kvm: -device vfio-pci,..." line: group not viable, device busy, DMA mapping, memory lock, BAR mmap)',
    fix: 'open the task log (or run `qm start VMID` in a shell) and give the "kvm: ..." line above this one to `vfiokit diagnose`',
    refine: (f) =>
      f.timeout
        ? {
            cause:
              'the start command did not finish in time: QEMU was still setting up (with a passed-through device it maps and pins all guest RAM first, which takes long for large guests) or hung',
            fix: 'start it from a shell (`qm start VMID`) to see whether it comes up late or hangs, and look at dmesg for the device at that moment',
          }
        : undefined,
    render: render('TASK ERROR: ', 1),
    examples: [
      ex('TASK ERROR: start failed: QEMU exited with code 1', { code: '1' }),
      ex(
        "TASK ERROR: start failed: command '/usr/bin/kvm -id 100 -name win10 -no-shutdown -chardev socket,id=qmp,path=/var/run/qemu-server/100.qmp,server=on,wait=off -mon chardev=qmp,mode=control' failed: exit code 1",
        { vmid: '100', code2: '1' },
      ),
    ],
  },
  {
    id: 'tool.iommu-group-listing-empty',
    source: 'userspace tool',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the guides' shell loop, quoted as written
    cite: 'the IOMMU group listing loop of the passthrough guides (ArchWiki "PCI passthrough via OVMF", "Ensuring that the groups are valid": for d in /sys/kernel/iommu_groups/*/devices/*; ... lspci -nns "${d##*/}")',
    format: 'IOMMU Group %s %s',
    versions:
      'the loop prints "IOMMU Group N " before the lspci line of each device; when /sys/kernel/iommu_groups is empty the glob stays unexpanded, the group is printed as "*" and lspci -nns "*" lists every device',
    patterns: [/IOMMU [Gg]roup \*(?:[ :]|$)/],
    severity: 'error',
    title: 'The IOMMU group listing found no groups: the IOMMU is off',
    cause:
      'the listing shows "IOMMU Group *": /sys/kernel/iommu_groups/ is empty, so the script\'s glob matched nothing, was printed literally, and lspci then listed every device. The kernel made no IOMMU groups — the IOMMU (VT-d / AMD-Vi) is not enabled: off in the firmware, not turned on on the kernel command line (intel_iommu=on on Intel kernels before 6.8 defaults), or not supported by the platform. No device can be passed through until groups exist',
    fix: 'enable VT-d / AMD-Vi ("IOMMU", "SVM" is not enough) in the firmware setup, add intel_iommu=on (Intel) to the kernel command line and reboot; `dmesg | grep -e DMAR -e AMD-Vi` and `ls /sys/kernel/iommu_groups` confirm it; `vfiokit doctor` checks each step',
    render: render(
      '',
      '*',
      '00:00.0 Host bridge [0600]: Intel Corporation 8th Gen Core Processor Host Bridge/DRAM Registers [8086:3ec2] (rev 07)',
    ),
    examples: [
      ex(
        'IOMMU Group * 00:00.0 Host bridge [0600]: Intel Corporation 8th Gen Core Processor Host Bridge/DRAM Registers [8086:3ec2] (rev 07)',
      ),
      ex('IOMMU group *:'),
    ],
  },
  {
    id: 'kernel.hotplug-memory-unaddressable',
    source: 'kernel',
    cite: 'torvalds/linux mm/memory_hotplug.c check_hotplug_memory_addressable() (reached from memremap_pages() for device memory, and from add_memory())',
    format: 'Hotplug memory [%#llx-%#llx] exceeds maximum addressable range [%#llx-%#llx]\n',
    patterns: [
      /Hotplug memory \[(?<start>0x[0-9a-f]{1,16})-0x[0-9a-f]{1,16}\] exceeds maximum addressable range \[(?:0x)?[0-9a-f]{1,16}-(?<max>0x[0-9a-f]{1,16})\]/,
    ],
    severity: 'error',
    title: 'A device BAR lies above what this kernel can map',
    cause:
      "a driver asked to map a PCI BAR as memory (ZONE_DEVICE: kvmfr mapping the IVSHMEM BAR for Looking Glass, a GPU driver's peer-to-peer memory, virtio-mem or CXL) at a physical address beyond the highest one this kernel maps (46 bits, 0x3fffffffffff, with 4-level paging), so the kernel refused and the driver creates no device. In a VM this is the firmware's placement: OVMF puts the 64-bit PCI window at the top of the guest's physical address width, and with a wide phys-bits (host-phys-bits on a 48- or 52-bit host) that is above what a 4-level guest kernel can map",
    fix: 'limit the guest\'s physical address width to 46 bits or less (QEMU -cpu host,host-phys-bits=on,host-phys-bits-limit=46, or phys-bits=46; libvirt <maxphysaddr mode="passthrough" limit="46"/>) so the firmware places the 64-bit window lower; or shrink it with -fw_cfg name=opt/ovmf/X-PciMmio64Mb; or run a guest kernel with 5-level paging',
    render: render('', 0x70a000000000, 0x70a004000000, 0x0, 0x3fffffffffff),
    examples: [
      ex(
        '[    4.120000] Hotplug memory [0x7f8000000000-0x7f8010000000] exceeds maximum addressable range [0x0-0x3fffffffffff]',
        {
          max: '0x3fffffffffff',
        },
      ),
    ],
  },
  {
    id: 'kernel.pci-no-runtime-irq-mapping',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-irq.c pci_assign_irq()',
    format: 'runtime IRQ mapping not provided by arch\n',
    patterns: [/runtime IRQ mapping not provided by arch/],
    severity: 'info',
    title: 'No legacy interrupt mapping hook on this platform (harmless)',
    cause:
      "a PCI-core debug line (pci_dbg, shown with PCI debugging or dyndbg on): the platform's host bridge has no hook to map a device's legacy INTx pin at runtime, which is normal on several architectures and for virtual host bridges. Harmless: devices using MSI or MSI-X (NVMe, GPUs, virtio) do not need it, and it is not why a device misbehaves",
    fix: 'nothing; look at the other lines about the device for the actual problem',
    render: render('nvme 0000:00:03.0: '),
    examples: [ex('[   12.000100] nvme 0000:00:04.0: runtime IRQ mapping not provided by arch')],
  },
  {
    id: 'kernel.gvt-mmio-table-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/handlers.c setup_mmio_info() / intel_gvt_setup_mmio_info()',
    format: 'assign a handler to a non-tracked mmio %x\n',
    patterns: [/assign a handler to a non-tracked mmio (?<reg>[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: "GVT-g: the kernel's register table does not fit this GPU",
    cause:
      'kvmgt (GVT-g) builds its table of the GPU\'s registers for the platform it detects and then attaches handlers to them; a handler for a register missing from the table means the platform was mis-detected or the table is wrong for it — a kernel bug (Linux 5.19 reworked the table and broke Comet Lake until "drm/i915/gvt: Fix Comet Lake", in 5.19.x and 6.0). GVT-g then fails to start and registers no mdev types',
    fix: 'update to a kernel with the fix (or boot the previous kernel); check that the GPU generation is one GVT-g supports (Broadwell to Comet Lake; newer ones use SR-IOV instead)',
    render: render('', 0x4ab8),
    examples: [ex('[    2.900000] assign a handler to a non-tracked mmio 4ab0', { reg: '4ab0' })],
  },
  {
    id: 'libvirt.abi-hostdev-count',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_conf.c virDomainDefCheckABIStabilityFlags()',
    format: 'Target domain host device count %1$zu does not match source %2$zu',
    versions:
      'libvirt before 9.x without the positional markers ("%zu"); reported as "unsupported configuration: ..."',
    patterns: [/Target domain host device count (?<target>\d{1,4}) does not match source (?<source>\d{1,4})/],
    severity: 'error',
    title: "The migration target's definition has another number of host devices",
    cause:
      'libvirt checks that the domain definition given for the migration target keeps the guest ABI of the running one, and the number of <hostdev> devices differs. With assigned devices this happens when the device set changed after the target XML was made: a device was hot-unplugged before the migration (KubeVirt unplugs SR-IOV interfaces first) but the target definition was generated before the unplug, or the target XML adds or drops a hostdev',
    fix: "generate the target definition after the unplug (from the domain's current live XML, virsh dumpxml --migratable), or keep the device count equal; in KubeVirt this is a known ordering problem of SR-IOV migration — update KubeVirt",
    render: render('error: unsupported configuration: ', 1, 0),
    examples: [
      ex('error: unsupported configuration: Target domain host device count 2 does not match source 1', {
        target: '2',
        source: '1',
      }),
    ],
  },
  {
    id: 'tool.iommu-not-initialised',
    source: 'userspace tool',
    cite: 'ra1nstorm/ra1nstorm-helper stage2/BootVM.sh (its `ls /sys/kernel/iommu_groups` check before handing a USB controller to the VM; other set-up scripts word it alike)',
    format:
      'Failed to initialize IOMMU. Please make sure IOMMU (or VT-d) is enabled in the advanced settings in your BIOS',
    patterns: [
      // Only the tool's sentence: the AMD driver's "Failed to initialize IOMMU Hardware" and
      // "IOMMU-API interface" lines are kernel messages with entries of their own.
      /Failed to initiali[sz]e (?:the )?IOMMU(?:[.!]|$)/,
      /[Pp]lease make sure (?:the )?IOMMU (?:\(or VT-d\) )?is enabled/,
    ],
    severity: 'error',
    title: 'A set-up tool found no working IOMMU',
    cause:
      'the tool looked for IOMMU groups (or the DMAR/IVRS table) and found none, so it cannot pass a device through: VT-d (Intel) or AMD-Vi is off in the firmware — a separate switch from VT-x/AMD-V, the CPU virtualization option people usually enable — or not supported by this CPU and chipset, or not turned on on the kernel command line (intel_iommu=on on Intel kernels before 6.8)',
    fix: 'enable "VT-d" (Intel) or "IOMMU"/"AMD-Vi" (AMD) in the firmware setup, add intel_iommu=on (Intel) to the kernel command line, reboot, and check `ls /sys/kernel/iommu_groups`; `vfiokit doctor` checks each step and says which one is missing',
    render: render(''),
    examples: [
      ex(
        'ERROR: Failed to initialize IOMMU. Please make sure IOMMU (or VT-d) is enabled in the advanced settings in your firmware',
      ),
      ex('Please make sure the IOMMU is enabled in your BIOS and that intel_iommu=on is set'),
    ],
  },
];
