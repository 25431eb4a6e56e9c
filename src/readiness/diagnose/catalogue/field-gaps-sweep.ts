/**
 * Messages from the edges of the VFIO path that earlier sweeps left unrecognised: QEMU refusing a
 * property value or a QMP command (qapi/opts-visitor.c, qapi/qobject-input-visitor.c,
 * qapi/qmp-dispatch.c), DPDK's IOVA-mode and DMA-mask refusals (drivers/bus/pci/pci_common.c,
 * lib/eal/common/malloc_heap.c), the kernel refusing a second sysfs file of one name
 * (fs/sysfs/dir.c sysfs_warn_dup(), a driver bug most often met when a device goes back from
 * vfio-pci to its driver), legacy-interrupt routing the firmware does not describe
 * (drivers/acpi/pci_irq.c), and guest or host drivers saying the device does not answer or the
 * IOMMU they need is off (i915 intel_uncore.c, amdkfd kfd_iommu.c, nvidia-smi). Every entry cites
 * the file and function printing its format.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** QEMU's -device properties that hold IDs read from the host device (hw/vfio/pci.c). */
const ID_PROPERTY = /^x-pci-(?:sub-)?(?:vendor|device)-id$/;

function refineParameter(f: Facts): Refinement | undefined {
  const param = f.param ?? '';
  if (ID_PROPERTY.test(param))
    return {
      cause: `${param} is one of vfio-pci's ID overrides and takes a number (0x10de or 4318); the value given was empty or not a number. Start scripts fill it from the GPU's own config space (lspci -n, setpci, /sys/bus/pci/devices/ADDR/subsystem_device): an empty "0x" means that read returned nothing, typically because the device no longer answered config reads (all ones, lspci "Unknown header type 7f": powered off in D3cold, or not recovered from the previous VM's reset)`,
      fix: `give the ID literally in the launch script, or check that the device answers before reading it (lspci -s ADDR -vv must not say "Unknown header type" or show all-ones IDs); a device that stopped answering after a VM run needs a reset method that works for it, or a host power cycle`,
    };
  if (/^(?:host|sysfsdev|addr|bus)$/.test(param))
    return {
      cause: `${param} names where the device is (an address such as 0000:01:00.0, or bus=ID of a port), and the value given could not be parsed as one; an empty value from an unset script variable is the usual reason`,
    };
  return undefined;
}

/** What an IOVA-mode mismatch means for each side. */
function refineIovaMode(f: Facts): Refinement | undefined {
  if (f.want === 'PA' && f.have === 'VA')
    return {
      cause:
        "the device's driver needs physical addresses (IOVA as PA) but EAL started in virtual-address mode (VA), which only works through an IOMMU: the port is bound to igb_uio or uio_pci_generic (no IOMMU at all), or to vfio-pci in no-IOMMU mode (enable_unsafe_noiommu_mode), or the PMD itself asks for PA; EAL chose VA at start-up (no such device was bound then, or --iova-mode=va was given), so a device attached later is refused",
      fix: 'start the application with --iova-mode=pa (needs root, it reads /proc/self/pagemap), or bind the port to vfio-pci with the IOMMU on (intel_iommu=on / amd_iommu on, not no-IOMMU mode) so VA works; bind ports before EAL starts so it picks the mode they need',
    };
  if (f.want === 'VA' && f.have === 'PA')
    return {
      cause:
        "the device's driver needs IOVA as VA (it hands virtual addresses to the device, which only an IOMMU can translate) but EAL started in physical-address mode: --iova-mode=pa was given, another device bound to igb_uio/uio_pci_generic or vfio no-IOMMU forced PA, or EAL saw no IOMMU",
      fix: 'bind every port of the application to vfio-pci with the IOMMU on and drop --iova-mode=pa (or pass --iova-mode=va)',
    };
  return undefined;
}

export const FIELD_GAPS_SWEEP_ENTRIES: CatalogueEntry[] = [
  {
    id: 'qemu.parameter-expects',
    source: 'qemu',
    cite: 'qemu/qemu qapi/opts-visitor.c opts_type_int64() / opts_type_uint64(), qapi/qobject-input-visitor.c (QERR_INVALID_PARAMETER_VALUE)',
    format: "Parameter '%s' expects %s",
    versions:
      'the expected kind varies: "an int64 value or range", "a uint64 value or range", "a size value", "integer", "number", "' +
      "'on' or 'off'\"; QEMU 8.1+ spells the format in place (the QERR_INVALID_PARAMETER_VALUE macro was removed), same text",
    // Any option of any QEMU object: entries for one property's own wording come first.
    tier: 'fallback',
    patterns: [/Parameter '(?<param>[\w.-]{1,64})' expects (?<expected>[^\n]{1,60})/],
    severity: 'error',
    title: 'QEMU: a property was given a value of the wrong kind',
    cause:
      'a -device/-object/-machine property (or a QMP argument) was given a value QEMU could not parse as the kind it takes: a number written as text, a size without its unit, or — most often in passthrough start scripts — an empty value from a variable that was not set',
    fix: "look at the property named in quotes on the failing command line and give it a value of the kind QEMU says it expects (`qemu-system-x86_64 -device vfio-pci,help` lists vfio-pci's properties and their types)",
    refine: refineParameter,
    render: render(
      'qemu-system-x86_64: -device vfio-pci,host=01:00.0,x-pci-device-id=0x: ',
      'x-pci-device-id',
      'an int64 value or range',
    ),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-pci-sub-vendor-id=0x: Parameter 'x-pci-sub-vendor-id' expects an int64 value or range",
        { param: 'x-pci-sub-vendor-id' },
      ),
      ex(
        "qemu-system-x86_64: -machine q35,kernel-irqchip=yes: Parameter 'kernel-irqchip' expects 'on', 'off' or 'split'",
        {
          param: 'kernel-irqchip',
        },
      ),
    ],
  },
  {
    id: 'qemu.qmp-command-not-found',
    source: 'qemu',
    cite: 'qemu/qemu qapi/qmp-dispatch.c qmp_dispatch()',
    format: 'The command %s has not been found',
    versions:
      'error class CommandNotFound; libvirt shows it as "internal error: unable to execute QEMU command \'%s\': The command %s has not been found"',
    patterns: [/The command (?<command>[\w-]{1,64}) has not been found/],
    severity: 'error',
    title: 'QEMU does not have the QMP command the management tool sent',
    cause:
      'the QEMU binary has no QMP command of that name: the tool driving it (libvirt, a migration or hot-plug script, a VMM manager) and QEMU are of versions that do not fit — QEMU removes commands after their deprecation period (migrate_set_speed and migrate_set_downtime went in QEMU 8.0 for migrate-set-parameters; cpu-add, change) and adds others a tool may already expect — or the command belongs to a feature this QEMU build was configured without',
    fix: 'use the management tool released for this QEMU (a newer libvirt for a newer QEMU, or the QEMU the tool supports), or the replacement command QEMU\'s docs/about/removed-features.rst names; `virsh qemu-monitor-command DOMAIN \'{"execute":"query-commands"}\'` lists what this QEMU has',
    render: render("error: internal error: unable to execute QEMU command 'x': ", 'migrate_set_downtime'),
    examples: [
      ex(
        "error: internal error: unable to execute QEMU command 'migrate_set_downtime': The command migrate_set_downtime has not been found",
        { command: 'migrate_set_downtime' },
      ),
      ex('{"error": {"class": "CommandNotFound", "desc": "The command cpu-add has not been found"}}', {
        command: 'cpu-add',
      }),
    ],
  },
  {
    id: 'dpdk.iova-mode-mismatch',
    source: 'dpdk',
    cite: 'DPDK/dpdk drivers/bus/pci/pci_common.c rte_pci_probe_one_driver() (older: lib/librte_eal/common/eal_common_pci.c)',
    format: "  Expecting '%s' IOVA mode but current mode is '%s', not initializing\n",
    versions:
      'logged with PCI_LOG(ERR) ("PCI_BUS: " prefix) since DPDK 23.11, RTE_LOG(ERR, EAL) ("EAL: ") before; the auxiliary and vdev buses print "expecting VA IOVA mode but current mode is PA" / "requires VA IOVA mode but current mode is PA"',
    patterns: [
      /Expecting '(?<want>PA|VA)' IOVA mode but current mode is '(?<have>PA|VA)', not initializing/,
      /(?:expecting|requires) (?<want>VA) IOVA mode but current mode is (?<have>PA), not initializing/,
    ],
    severity: 'error',
    title: 'DPDK: the device needs another IOVA mode than the one EAL started in',
    cause:
      'EAL runs in one IOVA mode for the whole process, chosen at start-up; the device being probed needs the other one, so its driver is not attached',
    fix: 'start EAL with the --iova-mode the device needs, or bind the device so that it can use the current mode (vfio-pci with an IOMMU works in both)',
    refine: refineIovaMode,
    render: render('EAL: ', 'PA', 'VA'),
    examples: [
      ex("EAL:   Expecting 'PA' IOVA mode but current mode is 'VA', not initializing", {
        want: 'PA',
        have: 'VA',
      }),
      ex("PCI_BUS:   Expecting 'VA' IOVA mode but current mode is 'PA', not initializing", {
        want: 'VA',
        have: 'PA',
      }),
    ],
  },
  {
    id: 'dpdk.iova-exceeds-dma-mask',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/common/malloc_heap.c alloc_pages_on_heap(); lib/eal/linux/eal_memory.c eal_legacy_hugepage_init()',
    format: "%s(): couldn't allocate memory due to IOVA exceeding limits of current DMA mask\n",
    versions:
      'followed by "%s(): Please try initializing EAL with --iova-mode=pa parameter" when EAL runs as VA and could use PA; DPDK 19.08+',
    patterns: [/couldn't allocate memory due to IOVA exceeding limits of current DMA mask/],
    severity: 'error',
    title: 'DPDK: its memory lies above what the IOMMU can address',
    cause:
      "in IOVA-as-VA mode the device is given DPDK's virtual addresses, and those must fit the DMA mask EAL derived from the IOMMU's address width (rte_mem_set_dma_mask: the VT-d/AMD-Vi 'mgaw'). Hugepage memory was mapped above it: a VM whose virtual IOMMU has fewer address bits than the host (QEMU intel-iommu defaults to aw-bits=39, 512 GiB, before QEMU 9.0), or an application that places its memory high (SPDK and Mayastor use --base-virtaddr=0x200000000000, above 2^45)",
    fix: "start EAL with --iova-mode=pa (as root), or raise the (virtual) IOMMU's address width (QEMU: -device intel-iommu,aw-bits=48), or give a lower --base-virtaddr",
    render: render('EAL: ', 'alloc_pages_on_heap'),
    examples: [
      ex(
        "EAL: alloc_pages_on_heap(): couldn't allocate memory due to IOVA exceeding limits of current DMA mask",
      ),
      ex(
        "EAL: eal_legacy_hugepage_init(): couldn't allocate memory due to IOVA exceeding limits of current DMA mask.",
      ),
    ],
  },
  {
    id: 'kernel.sysfs-duplicate-filename',
    source: 'kernel',
    cite: 'torvalds/linux fs/sysfs/dir.c sysfs_warn_dup()',
    format: "cannot create duplicate filename '%s'\n",
    versions: 'printed as "sysfs: cannot create duplicate filename \'%s\'" with a call trace after it',
    patterns: [/sysfs: cannot create duplicate filename '(?<path>[^'\n]{1,300})'/],
    severity: 'error',
    title: 'A driver tried to create a sysfs file that already exists (a kernel bug)',
    cause:
      "the kernel refused to create a second sysfs entry of the same name; the call trace under it names the driver. It is a bug in that driver: it did not remove the file when it let go of the device, or creates it twice. On the VFIO path it shows when a device goes back from vfio-pci to its own driver (virsh nodedev-reattach, a hook script's rebind, driverctl unset-override) and that driver's probe meets what its earlier unbind left behind (GPU drivers' per-device attributes are the usual ones); the device is then left without a working driver",
    fix: "update the kernel (search the file name with the driver in its changelog), and until then do not hand the device back to that driver between VM runs (keep it on vfio-pci) or reboot to get it back; report it to the driver's maintainers with the call trace",
    render: render('sysfs: ', '/devices/pci0000:00/0000:00:08.1/0000:c5:00.0/vcn_reset_mask'),
    examples: [
      ex(
        "[  612.304112] sysfs: cannot create duplicate filename '/devices/pci0000:00/0000:00:01.1/0000:01:00.0/mem_info_preempt_used'",
        { path: '/devices/pci0000:00/0000:00:01.1/0000:01:00.0/mem_info_preempt_used' },
      ),
      ex("sysfs: cannot create duplicate filename '/bus/platform/devices/simple-framebuffer.0'", {
        path: '/bus/platform/devices/simple-framebuffer.0',
      }),
    ],
  },
  {
    id: 'kernel.pci-int-no-routing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/acpi/pci_irq.c acpi_pci_irq_lookup() / acpi_pci_irq_enable()',
    format: "can't derive routing for PCI INT %c\n",
    versions:
      'followed by "PCI INT %c: no GSI" (no legacy interrupt for the device) or "PCI INT %c: not connected"; printed with the device\'s dev_warn prefix',
    patterns: [
      new RegExp(`(?:${BDF}: )?can't derive routing for PCI INT (?<pin>[A-D])`),
      new RegExp(`(?:${BDF}: )?PCI INT (?<pin>[A-D]): (?<what>no GSI|not connected)`),
    ],
    severity: 'warning',
    title: "The firmware's tables do not route this device's legacy interrupt (INTx)",
    cause:
      'the ACPI _PRT routing tables have no entry for the device\'s INTx pin, on its bus or any bridge above it, so the device gets no legacy interrupt. Devices that use MSI/MSI-X do not need one, and many boards print it for functions that never use INTx: the AMD IOMMU\'s own function (00:00.2, "not connected") on most AMD systems is harmless. It matters for a device or driver that relies on INTx (a guest-assigned device whose guest driver uses INTx; an IOMMU driver that needs its interrupt), and then the firmware (BIOS/ACPI tables) is at fault',
    fix: "nothing to do when the device works (it uses MSI); otherwise update the firmware, make the driver use MSI (for vfio-pci guests: the guest driver's MSI option, e.g. nvidia NVreg_EnableMSI=1), or move the card to another slot",
    refine: (f) =>
      f.bdf?.endsWith(':00:00.2')
        ? {
            severity: 'info',
            cause:
              "the AMD IOMMU's PCI function (00:00.2) has no legacy interrupt in the ACPI routing tables; the IOMMU driver uses MSI and the kernel prints this on most AMD systems at boot. Harmless",
            fix: 'nothing to do',
          }
        : undefined,
    render: render('pcieport 0000:00:1c.0: ', 'A'),
    examples: [
      ex("[    4.438778] pci 0000:00:00.2: can't derive routing for PCI INT A", {
        bdf: '0000:00:00.2',
        pin: 'A',
      }),
      ex('[   51.530797] virtio-pci 0000:00:02.0: PCI INT A: no GSI', { bdf: '0000:00:02.0', pin: 'A' }),
    ],
  },
  {
    id: 'kernel.i915-mmio-all-ones',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/intel_uncore.c sanity_check_mmio_access()',
    format: 'Device is non-operational; MMIO access returns 0xFFFFFFFF!\n',
    versions:
      'Linux 6.2+ (drm_err, "[drm] *ERROR* " prefix); followed by "Device initialization failed (-5)"',
    patterns: [/Device is non-operational; MMIO access returns 0xFFFFFFFF!/],
    severity: 'error',
    title: "i915: the GPU's registers read all ones (the device does not answer)",
    cause:
      "i915 read its forcewake register through the GPU's MMIO BAR for two seconds and got 0xFFFFFFFF every time: the accesses do not reach a working device. In a VM with an assigned Intel GPU or VF: the function passed through is not in working order on the host (an SR-IOV VF that the host's i915/xe never enabled or that went away, a discrete Arc card not recovered by the reset between VM runs, the device in D3cold), or its BAR is not mapped into the guest. On bare metal: the GPU is powered off or fell off the bus",
    fix: 'on the host, check the function answers (lspci -s ADDR -vv: no "Unknown header type", no all-ones IDs) and, for a VF, that the PF driver created it (sriov_numvfs) before the VM starts; for Arc cards use a reset that works for them (bus reset, or a host power cycle); check dmesg on the host for errors from vfio-pci at VM start. For an SR-IOV VF of an integrated GPU the driver in the guest must itself run as a VF: upstream i915 does not, so install the same i915-sriov-dkms module in the guest kernel as on the host (or a kernel whose xe driver supports VFs)',
    render: render('i915 0000:00:02.0: [drm] *ERROR* '),
    examples: [
      ex(
        '[    3.612210] i915 0000:06:00.0: [drm] *ERROR* Device is non-operational; MMIO access returns 0xFFFFFFFF!',
        {
          bdf: '0000:06:00.0',
        },
      ),
    ],
  },
  {
    id: 'kernel.amdkfd-no-iommu-info',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_iommu.c kfd_iommu_device_init() (older: kfd_device.c device_iommu_pasid_init())',
    format: 'error getting iommu info. is the iommu enabled?\n',
    versions:
      'followed by "Error initializing iommuv2" and "device VVVV:DDDD NOT added due to errors"; removed with the IOMMUv2 path in Linux 6.6',
    patterns: [/error getting iommu info\. is the iommu enabled\?/],
    severity: 'warning',
    title: 'amdkfd: the AMD IOMMU it needs for APU compute is not available',
    cause:
      "the ROCm compute driver (amdkfd) asked the AMD IOMMU driver about the APU's GPU and got nothing: the IOMMU is off (disabled in the firmware setup, amd_iommu=off or iommu=off on the command line) or amd_iommu_v2 is not loaded. Older APUs (Carrizo, Raven) use IOMMUv2 (ATS/PRI/PASID) for compute, so the KFD compute device is not added; graphics keep working. The same IOMMU is what VFIO device assignment needs",
    fix: 'enable the IOMMU (SVM/IOMMU in the firmware setup; no amd_iommu=off/iommu=off on the kernel command line) and load amd_iommu_v2 (CONFIG_AMD_IOMMU_V2); `vfiokit doctor` checks the IOMMU. If you do not use ROCm compute on the APU, the message is harmless',
    render: render('kfd kfd: amdgpu: '),
    examples: [
      ex('[    4.636735] kfd kfd: error getting iommu info. is the iommu enabled?'),
      ex('[    7.622128] kfd kfd: amdgpu: error getting iommu info. is the iommu enabled?'),
    ],
  },
  {
    id: 'nvidia.smi-no-device-handle',
    source: 'userspace tool',
    cite: 'NVIDIA nvidia-smi (closed source; the NVML call nvmlDeviceGetHandleByIndex failing), quoted from public logs',
    format: 'Unable to determine the device handle for GPU%s: %s',
    versions:
      'the GPU part is "0000:01:00.0", "1" or "1: 0000:34:00.0"; the reason is NVML\'s ("Unknown Error", "GPU is lost")',
    patterns: [
      /Unable to determine the device handle for GPU ?(?<gpu>[^:\n]{0,12}(?:: ?[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7]|:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7])?): ?(?<reason>[^\n]{1,60})/,
    ],
    severity: 'error',
    title: 'nvidia-smi: the NVIDIA driver could not bring the GPU up',
    cause:
      "NVML could not open the GPU: the kernel driver failed to initialise it (dmesg has the NVRM or Xid line saying why). In a VM with an assigned GPU the usual reasons are: a GeForce driver older than 465 refusing to run under a hypervisor (it checks the KVM signature: hide it), a BAR the guest could not map (a large BAR with too small a 64-bit MMIO window: above-4G decoding off, or the VMM's window too small), or the GPU not recovered from the previous VM's reset (Xid 79, fallen off the bus). On bare metal: the module does not match the kernel, Secure Boot blocked it, or the card fell off the bus",
    fix: 'read `dmesg | grep -E "NVRM|Xid"` first. In a VM: hide the hypervisor for old GeForce drivers (libvirt <kvm><hidden state="on"/></kvm>, QEMU -cpu host,kvm=off) or use driver 465+, give the guest a large enough 64-bit MMIO window (libvirt/OVMF: X-PciMmio64Mb; QEMU -global q35-pcihost.pci-hole64-size=…), and reset or power-cycle the host GPU between runs if it does not recover',
    render: render('', '0000:02:01.0', 'Unknown Error'),
    examples: [
      ex('Unable to determine the device handle for GPU0000:08:00.0: Unknown Error', {
        reason: 'Unknown Error',
      }),
      ex('Unable to determine the device handle for GPU1: 0000:34:00.0: Unknown Error', {
        reason: 'Unknown Error',
      }),
    ],
  },
  {
    id: 'bhyve.setup-memory-failed',
    source: 'bhyve',
    cite: 'freebsd/freebsd-src usr.sbin/bhyve/bhyverun.c main() (vm_setup_memory())',
    format: 'Unable to setup memory (%d)\n',
    versions: 'the errno is printed as a number',
    patterns: [/[Uu]nable to setup memory \((?<errno>\d{1,3})\)/],
    severity: 'error',
    title: "bhyve could not set up the guest's memory",
    cause:
      "vm_setup_memory() failed with the errno in brackets: ENOMEM (12) — not enough free memory, or with -S (wired memory, required for PCI passthrough) more than vm.max_user_wired allows; EEXIST (17) — the VM's memory segments already exist: bhyveload or a previous bhyve run created the VM (and without -S, so unwired) and it was not destroyed",
    fix: 'for 12: free memory or raise vm.max_user_wired; for 17: give -S to bhyveload as well as bhyve when passthrough needs wired memory, and destroy a stale VM first (`bhyvectl --destroy --vm=NAME`)',
    // The engine names the errno (FreeBSD numbers ENOMEM 12 and EEXIST 17 as Linux does).
    refine: (f) =>
      f.errno === 'EEXIST'
        ? {
            cause:
              "vm_setup_memory() failed with EEXIST (17): the VM's memory segments already existed. bhyveload (or a previous bhyve run) had created the VM and its memory — unwired, if bhyveload ran without -S — so bhyve with -S (wired memory, which PCI passthrough requires) cannot set it up again",
            fix: 'pass -S to bhyveload too (or use a UEFI boot without bhyveload), and destroy any stale VM first: `bhyvectl --destroy --vm=NAME`',
          }
        : f.errno === 'ENOMEM'
          ? {
              cause:
                'vm_setup_memory() failed with ENOMEM (12): not enough free memory for the guest, or with -S (wired memory, required for PCI passthrough) more memory than vm.max_user_wired lets a process wire',
              fix: 'free memory, lower the guest size, or raise vm.max_user_wired (sysctl) when using -S',
            }
          : undefined,
    render: render('', 12),
    examples: [
      ex('Unable to setup memory (12)', { errno: 'ENOMEM' }),
      ex('Unable to setup memory (17)', { errno: 'EEXIST' }),
    ],
  },
];
