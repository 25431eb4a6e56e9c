/**
 * What the catalogue lacked for the older held-out sets' misses, found by the code that prints
 * each message and covering its family: a kernel without x2APIC support on an x2APIC firmware,
 * PnP regions dropped for an overlapping BAR, Xen pcifront claiming BARs, amdgpu closing buffers
 * of a GPU that was taken away from it, NVIDIA's VESA call, cloud-hypervisor's VFIO interrupt
 * teardown, Kata's agent reading a VFIO option, SPDK's vfio-user doorbells on 64 KiB pages, DPDK
 * without physical addresses, libvirt's non-executable hooks and virsh's unknown commands, XAPI out of SR-IOV VFs, the SR-IOV device plugin without a PF netdev, and the
 * Windows side of Hyper-V GPU partitioning (dxgkrnl in the guest, the Hyper-V cmdlets). A message
 * whose only wording is a held-out line itself (one fixed sentence) gets no entry: any example of it
 * would be that line.
 * Examples are built from the format strings unless a thread is given.
 */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, RANGE, render } from './build.js';

const DXG = 'microsoft/WSL2-Linux-Kernel drivers/hv/dxgkrnl';
const HYPERV_PS =
  'Microsoft Hyper-V PowerShell module (Windows, closed source; the Hyper-V GPU-P / DDA cmdlets), quoted from public output';
const PS_BINDER = 'PowerShell/PowerShell src/System.Management.Automation';

export const OLDSETS_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- kernel
  {
    id: 'kernel.x2apic-not-built-in',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/apic/apic.c validate_x2apic() (5.19+: check_x2apic() in the !CONFIG_X86_X2APIC branch)',
    format: "BIOS has enabled x2apic but kernel doesn't support x2apic, please disable x2apic in BIOS.\n",
    versions:
      'up to Linux 5.18 a panic ("Kernel panic - not syncing: BIOS has enabled x2apic ..."); Linux 5.19+ boots on and prints "Kernel does not support x2APIC, please recompile with CONFIG_X86_X2APIC." then "Disabling APIC, expect reduced performance and functionality."',
    patterns: [
      /BIOS has enabled x2apic but kernel doesn't support x2apic/,
      /Kernel does not support x2APIC, please recompile with CONFIG_X86_X2APIC/,
    ],
    severity: 'error',
    title: 'The firmware turned x2APIC on but this kernel was built without x2APIC support',
    cause:
      'the firmware handed over the CPUs with the local APIC in x2APIC mode (firmware does this when it enables interrupt remapping / VT-d, or on machines with many CPUs), and this kernel was built without CONFIG_X86_X2APIC, so it cannot drive the APIC in that mode: kernels up to 5.18 stop with a panic, newer ones disable the APIC altogether (no SMP, no MSI, so no usable passthrough). Typical of small or custom kernels (appliance and bootloader images, old or minimal configs), not of distribution kernels',
    fix: 'boot a kernel built with CONFIG_X86_X2APIC=y (any distribution kernel is); otherwise turn x2APIC off in the firmware setup — on many boards that is tied to the VT-d / interrupt remapping option, which passthrough needs, so fixing the kernel is the better way',
    render: render('Kernel panic - not syncing: '),
    examples: [
      ex(
        "[    0.301122] Kernel panic - not syncing: BIOS has enabled x2apic but kernel doesn't support x2apic, please disable x2apic in BIOS.",
      ),
      ex('[    0.004000] Kernel does not support x2APIC, please recompile with CONFIG_X86_X2APIC.'),
    ],
  },
  {
    id: 'kernel.pnp-region-overlaps-bar',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pnp/quirks.c quirk_system_pci_resources()',
    format: 'disabling %pR because it overlaps %s BAR %d %pR\n',
    patterns: [
      new RegExp(
        `disabling (?<region>${RANGE}) because it overlaps ${BDF} BAR (?<bar>\\d{1,2}) (?<range>${RANGE})`,
      ),
    ],
    severity: 'info',
    title: 'A firmware-reserved (PnP motherboard) region overlaps a PCI BAR and is dropped',
    cause:
      "at boot the PnP layer compares the regions the ACPI tables reserve for the motherboard (PNP0C01/PNP0C02 resources) with the PCI devices' BARs; where a reservation overlaps a BAR it drops the reservation so that the BAR keeps its address. This is a boot-time quirk and normally harmless",
    fix: 'nothing, unless the device named fails later with BAR errors ("can\'t claim", "no space"); then update the firmware',
    refine: (f) =>
      /^\[mem 0x0{1,16}-/.test(f.range ?? '')
        ? {
            cause:
              'the BAR named has no address yet (it starts at 0: not assigned at this point of the boot, e.g. an SR-IOV VF BAR or a BAR the firmware left for the kernel to place), so its range "overlaps" everything below its size and the PnP reservation is dropped for nothing real. Harmless boot-time noise: the BAR gets its address later in the boot',
          }
        : undefined,
    render: render(
      'pnp 00:05: ',
      '[mem 0xe0000000-0xefffffff]',
      '0000:00:02.0',
      2,
      '[mem 0xe0000000-0xefffffff 64bit pref]',
    ),
    examples: [
      ex(
        'pnp 00:05: disabling [mem 0xe0000000-0xefffffff] because it overlaps 0000:00:02.0 BAR 2 [mem 0xe0000000-0xefffffff 64bit pref]',
        { bar: '2' },
      ),
      ex(
        '[    0.520001] pnp 00:03: disabling [mem 0xb0000000-0xb7ffffff] because it overlaps 0000:01:00.0 BAR 7 [mem 0x00000000-0x1fffffff 64bit pref]',
        { bar: '7', bdf: '0000:01:00.0' },
      ),
    ],
  },
  {
    id: 'kernel.pcifront-claim-resource',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/xen-pcifront.c pcifront_claim_resource()',
    format: 'claiming resource %s/%d\n',
    versions:
      'an info line for every BAR the Xen PV guest inherits from the backend; when the claim fails it is followed by "Could not claim resource %s/%d! Device offline. Try using e820_host=1 in the guest config." (and the PCI core\'s "can\'t claim BAR ... address conflict with System RAM")',
    patterns: [
      /claiming resource (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/(?<bar>\d{1,2})$/,
      /(?<failed>Could not claim resource) (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/(?<bar>\d{1,2})! Device offline/,
    ],
    severity: 'info',
    title: "The Xen PV guest's pcifront takes over a passed-through BAR",
    cause:
      "in a Xen PV guest the BAR addresses of a passed-through device are the host's (pciback exports them as they are); pcifront claims each one in the guest's own resource tree. The line itself is informational. The claim fails when the guest's memory map (its e820) has RAM at those addresses, as a PV guest's default e820 does: the BAR then conflicts with System RAM and the device is taken offline",
    fix: "nothing if no \"Could not claim resource\" follows; if it does, set e820_host=1 in the guest's xl config so the guest's memory map leaves the host's PCI holes free, and restart the guest",
    refine: (f) =>
      f.failed
        ? {
            severity: 'error',
            title: 'The Xen PV guest could not claim a BAR of the passed-through device',
            cause:
              "pcifront could not insert the device's BAR (at the host's address) into the guest's resource tree: the guest's memory map (e820) has RAM there — a conflict with System RAM — because a PV guest gets a made-up e820 without the host's PCI holes. The device is offline in the guest",
          }
        : undefined,
    render: render('pcifront pci-0: ', '0000:00:00.0', 0),
    examples: [
      ex('[    6.210843] pcifront pci-0: claiming resource 0000:00:01.0/2', { bar: '2' }),
      ex(
        'pcifront pci-0: Could not claim resource 0000:00:01.0/0! Device offline. Try using e820_host=1 in the guest config.',
        { failed: 'Could not claim resource', bar: '0' },
      ),
    ],
  },
  {
    id: 'kernel.amdgpu-gem-close-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_gem.c amdgpu_gem_object_close()',
    format: 'failed to clear page tables on GEM object close (%ld)\n',
    versions:
      'printed through dev_err() with "amdgpu: " as pr_fmt; its sibling in the same function: "leaking bo va (%ld)" (older kernels: "leaking bo va because we fail to reserve bo (%d)")',
    patterns: [
      /failed to clear page tables on GEM object close \((?<errno>-\d{1,3})\)/,
      /leaking bo va (?:because we fail to reserve bo )?\((?<errno>-\d{1,3})\)/,
    ],
    severity: 'warning',
    title: 'amdgpu could not update the GPU page tables when a process released a buffer',
    cause:
      'a process holding amdgpu buffers (GEM objects) closed one, and amdgpu failed to clear its GPU page-table entries; the errno says why',
    fix: 'read the errno; see the cause',
    refine: (f) => {
      if (f.errno === 'ENODEV')
        return {
          title: 'amdgpu buffers were still open when the GPU was taken from amdgpu',
          cause:
            "ENODEV: the GPU is no longer amdgpu's — it was unbound (for a VM, to vfio-pci: the log line then carries the vfio-pci prefix) while processes still had the GPU open and held buffers on it (a display server or compositor, a desktop session, a monitoring tool, a compute job). When they close them amdgpu cannot reach the hardware any more. Unbinding a GPU that is in use can also leave the host unstable or the GPU in a bad state for the VM",
          fix: 'before unbinding the GPU from amdgpu, stop everything using it (display manager / compositor, `lsof /dev/dri/*` and `fuser -v /dev/dri/*` show who holds it), then unbind; with a single GPU use a hook script that stops the display manager first',
        };
      if (f.errno === 'ERESTARTSYS' || f.errno === '-512')
        return {
          severity: 'info',
          cause:
            'the process was interrupted by a signal (ERESTARTSYS, -512) while amdgpu waited to update the page tables, typically because it was being killed; harmless on its own',
          fix: 'nothing, unless it comes with GPU resets or hangs',
        };
      return undefined;
    },
    render: render('amdgpu 0000:03:00.0: amdgpu: ', -19),
    examples: [
      ex('amdgpu 0000:0c:00.0: amdgpu: failed to clear page tables on GEM object close (-19)', {
        errno: 'ENODEV',
      }),
      ex('[ 811.004112] amdgpu 0000:0c:00.0: amdgpu: leaking bo va (-19)', { errno: 'ENODEV' }),
    ],
  },
  {
    id: 'kernel.nvrm-vesa-call-failed',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/os.c RmCallVideoBIOS() path (unixCallVideoBIOS)',
    format: 'int10h(%04x, %04x) vesa call failed! (%04x, %04x)\n',
    patterns: [/unixCallVideoBIOS: int10h\((?<ax>[0-9a-fA-F]{4}), (?<bx>[0-9a-fA-F]{4})\) vesa call failed/],
    severity: 'info',
    title: "The NVIDIA driver's legacy VESA BIOS call failed (harmless)",
    cause:
      "the NVIDIA driver asks the GPU's video BIOS (an int10h VESA call, e.g. to restore a text mode on the console) and it did not answer with success. In a VM or on a secondary GPU the card's legacy video BIOS has not been run (UEFI/OVMF boots, rombar=0, a GPU that is not the boot display), so the call has nothing to answer it. This does not stop the driver or the GPU; only the console mode switch is affected",
    fix: 'nothing; if the console stays blank when the driver loads or unloads, give the VM the GPU ROM (romfile=) or boot with OVMF and an EFI framebuffer',
    render: render('NVRM unixCallVideoBIOS: ', 0x4f02, 3, 0x14f, 3),
    examples: [
      ex('kernel: NVRM unixCallVideoBIOS: int10h(4f03, 0000) vesa call failed! (014f, 0000)', { ax: '4f03' }),
    ],
  },
  // ---------------------------------------------------------------- Hyper-V GPU partitioning, guest side
  {
    id: 'kernel.dxg-ioctl-failed',
    source: 'kernel',
    cite: `${DXG}/ioctl.c (every dxgkio_*() handler; DXG_ERR() prefixes the function name)`,
    format: '%s: Ioctl failed: %d',
    versions:
      'printed as "misc dxg: dxgk: <function>: Ioctl failed: <errno>" (older builds print through pr_err without the "misc dxg" device prefix)',
    patterns: [/dxgk: (?<fn>dxgkio_\w{2,60}):\s{1,8}Ioctl failed: (?<errno>-\d{1,3})/],
    severity: 'warning',
    title: 'A GPU-PV (dxgkrnl) request from the guest failed',
    cause:
      "the guest's dxgkrnl driver (GPU paravirtualization: WSL2 or a Hyper-V VM with a GPU partition) forwards the user-mode graphics/compute driver's requests to the Windows host's GPU driver; this one failed with the errno shown. The user-mode libraries in the guest come from the host's driver and must match it",
    fix: "if applications fail, copy the host's current GPU driver files into the guest again (after every host driver update) and check the host driver supports GPU-P",
    refine: (f) =>
      f.fn === 'dxgkio_is_feature_enabled' || f.fn === 'dxgkio_query_adapter_info'
        ? {
            severity: 'info',
            title: 'A GPU-PV feature query the host does not answer (harmless)',
            cause: `${f.fn} is a query: the guest's user-mode driver asks whether the Windows host supports an optional feature, and a host (or host driver) that does not know the query answers with an error (EINVAL). The caller treats that as "not supported" and goes on; it is non-fatal and can be ignored`,
            fix: 'nothing; look elsewhere if GPU applications fail',
          }
        : undefined,
    render: render('misc dxg: dxgk: ', 'dxgkio_is_feature_enabled', -22),
    examples: [
      ex('[    4.120533] misc dxg: dxgk: dxgkio_query_adapter_info: Ioctl failed: -22', {
        fn: 'dxgkio_query_adapter_info',
        errno: 'EINVAL',
      }),
      ex('[   12.000150] misc dxg: dxgk: dxgkio_create_allocation: Ioctl failed: -12', {
        fn: 'dxgkio_create_allocation',
      }),
    ],
  },
  {
    id: 'kernel.dxg-mmio-alloc-failed',
    source: 'kernel',
    cite: `${DXG}/dxgmodule.c dxgglobal_getiospace()`,
    format: 'Unable to allocate mmio memory: %d',
    versions:
      'printed as "dxgk: dxgglobal_getiospace: Unable to allocate mmio memory: %d" (older: "dxgk: Unable to ...")',
    patterns: [/(?:dxgglobal_getiospace: |dxgk: )Unable to allocate mmio memory: (?<errno>-\d{1,3})/],
    severity: 'error',
    title: "The guest's GPU-PV driver found no room for the GPU's MMIO space",
    cause:
      "the Windows host offers the GPU partition an MMIO (memory-mapped I/O) range of a given size, and dxgkrnl asks VMBus (vmbus_allocate_mmio()) for that much room in the VM's MMIO space; there was none (-6 ENXIO: no gap large enough). The VM's memory-mapped I/O space, set by Hyper-V, is too small for the GPU partition, so the GPU does not appear in the guest",
    fix: 'with the VM off, enlarge its MMIO space on the host: `Set-VM -VMName NAME -GuestControlledCacheTypes $true -LowMemoryMappedIoSpace 1GB -HighMemoryMappedIoSpace 32GB` (bigger for GPUs with much memory), then start it again',
    render: render('dxgk: dxgglobal_getiospace: ', -6),
    examples: [ex('[    2.811043] dxgk: Unable to allocate mmio memory: -6', { errno: 'ENXIO' })],
  },
  // ---------------------------------------------------------------- VMMs and device frameworks
  {
    id: 'chv.vfio-irq-disable-failed',
    source: 'cloud-hypervisor',
    cite: 'cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioCommon::disable_msix() / disable_msi() (older: vm-virtio/src/vfio_pci.rs Drop for VfioPciDevice); the ioctl in rust-vmm/vfio-ioctls src/vfio_device.rs disable_irq()',
    format: 'Could not disable MSI-X: %s',
    versions:
      'Rust: "Could not disable MSI-X: {}"; current: "Could not disable MSI-X: {e}" / "Could not disable MSI: {e}" with the VfioError; early releases printed "Could not disable MSI-X" / "Could not disable MSI" without a reason, from the device\'s Drop',
    patterns: [/Could not disable (?<irq>MSI-X|MSI)(?:: (?<reason>[^\n"]{1,200}))?/],
    severity: 'warning',
    title: 'cloud-hypervisor could not turn off the VFIO device’s MSI/MSI-X interrupts',
    cause:
      'to turn MSI or MSI-X off, cloud-hypervisor (through vfio-ioctls) sends VFIO_DEVICE_SET_IRQS for that interrupt index with flags DATA_NONE | ACTION_TRIGGER and a count of 0, which the kernel\'s vfio-pci takes as "disable"; the ioctl failed. It happens when the guest driver switches interrupt mode and when the device is removed or the VM stops; at teardown it is harmless (the device is released anyway), during run time the guest may be left with interrupts it did not ask for',
    fix: 'if the guest loses interrupts, read the error after the colon (an errno from the kernel) and upgrade cloud-hypervisor; at VM shutdown or hot-unplug nothing is needed',
    render: render('', 'VfioDisableIrq(Os { code: 22 })'),
    examples: [
      ex('Could not disable MSI-X', { irq: 'MSI-X' }),
      ex(
        'cloud-hypervisor: 3.110281s: <vcpu1> ERROR:pci/src/vfio.rs:715 -- Could not disable MSI: VfioDisableIrq',
        {
          irq: 'MSI',
        },
      ),
    ],
  },
  {
    id: 'kata.agent-bad-vfio-host-address',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/agent/src/device/vfio_device_handler.rs device_handler() (older: src/agent/src/device.rs vfio_pci_device_handler())',
    format: 'Bad host PCI address in VFIO option {:?}',
    versions:
      'the "{:?}" is printed literally (the context string is not formatted); its sibling "Malformed VFIO PCI option {:?}" is the option without "=" between host address and guest path',
    patterns: [/Bad host PCI address in VFIO option|Malformed VFIO PCI option/],
    severity: 'error',
    title: 'The Kata agent got a VFIO device whose host part is not a PCI address',
    cause:
      'the Kata runtime hands the agent in the guest each VFIO device as an option "HOST=GUEST-PCI-PATH", and the agent parses HOST as a PCI address (DDDD:BB:DD.F); it is not one. That happens when the device is not a PCI function given by address: a mediated device (vGPU, given by UUID or /sys/bus/mdev path), a device given by another name, or a runtime/agent version pair that format the option differently',
    fix: 'pass a whole PCI function (its /dev/vfio/N group, bound to vfio-pci) or use a Kata release whose runtime and agent both support the device type you pass (mediated devices need explicit support); keep the runtime and the guest image (agent) at the same version',
    render: render('failed to create shim task: '),
    examples: [ex('Error: failed to create shim task: Bad host PCI address in VFIO option {:?}')],
  },
  {
    id: 'spdk.vfio-user-doorbell-mmap-failed',
    source: 'spdk',
    cite: 'spdk/spdk lib/nvmf/vfio_user.c nvmf_vfio_user_listen() (and module/vfu_device/vfu_virtio.c vfu_virtio_endpoint_setup())',
    format: '%s: error to mmap file %s: %s.\n',
    versions:
      'siblings in the same function: "%s: error to ftruncate file %s: %s." and "%s: failed to open device memory at %s: %s."; vfu_virtio prints "%s: error to mmap file %s." without the endpoint',
    patterns: [/: error to mmap file (?<path>\/[\w./-]{1,200}): (?<err>[A-Z][\w ]{2,60})\.?$/],
    severity: 'error',
    title: 'SPDK could not map the vfio-user endpoint’s doorbell file',
    cause:
      "the SPDK vfio-user target keeps the emulated controller's doorbells in a file (BAR0 of the endpoint directory) and maps them with mmap() at the doorbell offset inside BAR0 (0x1000); the mapping failed with the error shown",
    fix: 'read the error; for EINVAL on a 64 KiB-page kernel see the cause',
    refine: (f) =>
      f.errno === 'EINVAL'
        ? {
            cause:
              'mmap() of the doorbells at file offset 0x1000 (the NVMe doorbell offset in BAR0) returned EINVAL: an mmap offset must be a multiple of the page size, and 0x1000 is one only with 4 KiB pages. On a kernel with 64 KiB pages (common on arm64 and ppc64le distributions) the offset is not page-aligned, so the vfio-user target cannot start there',
            fix: 'run the target on a kernel with 4 KiB pages (e.g. the arm64 4k kernel flavour), or use an SPDK version that aligns the doorbell mapping to the page size',
          }
        : undefined,
    render: render(
      'vfio_user.c:4454:nvmf_vfio_user_listen: *ERROR*: ',
      '/var/run/vfu',
      '/var/run/vfu/bar0',
      'Invalid argument',
    ),
    examples: [
      ex(
        '[2024-02-10 08:00:01.000001] vfio_user.c:4460:nvmf_vfio_user_listen: *ERROR*: /var/run/vfu0: error to mmap file /var/run/vfu0/bar0: Invalid argument.',
        { errno: 'EINVAL', path: '/var/run/vfu0/bar0' },
      ),
    ],
  },
  {
    id: 'dpdk.no-physical-addresses',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_memory.c test_phys_addrs_available() (before 20.11: lib/librte_eal/linuxapp/eal/eal_memory.c)',
    format: 'Cannot obtain physical addresses: %s. Only vfio will function.\n',
    versions:
      'printed only in IOVA-as-PA mode; a sibling before it: "Started without hugepages support, physical addresses not available" (--no-huge), and rte_mem_virt2phy() may add "cannot open /proc/self/pagemap: %s"',
    patterns: [/Cannot obtain physical addresses: (?<err>[^.\n]{2,60})\. Only vfio will function/],
    severity: 'warning',
    title: 'DPDK cannot read physical addresses: only vfio-pci devices will work',
    cause:
      'DPDK looks up the physical address of its memory through /proc/self/pagemap; the kernel hides the page-frame numbers there from processes without CAP_SYS_ADMIN (Linux 4.0+: they read as zero), so DPDK runs without physical addresses. Devices bound to vfio-pci still work, since the IOMMU lets DPDK use virtual addresses as IOVA; devices on uio_pci_generic or igb_uio (no IOMMU, DMA to physical addresses) cannot',
    fix: 'run the DPDK application as root (or with CAP_SYS_ADMIN), or bind the NICs to vfio-pci with the IOMMU on and let DPDK use --iova-mode=va; with uio drivers physical addresses are required',
    render: render('EAL: ', 'No such file or directory'),
    examples: [
      ex('EAL: Cannot obtain physical addresses: Operation not permitted. Only vfio will function.', {
        errno: 'EPERM',
      }),
    ],
  },
  {
    id: 'rust-vmm.vfio-group-unset-container-failed',
    source: 'rust-vmm',
    cite: 'rust-vmm/vfio-ioctls src/vfio_device.rs VfioContainer::remove_device() (vfio_syscall::unset_group_container(): VFIO_GROUP_UNSET_CONTAINER); the refusal in torvalds/linux drivers/vfio/group.c vfio_group_ioctl_unset_container()',
    format: 'Could not unbind VFIO group: %d',
    versions:
      'Rust: "Could not unbind VFIO group: {:?}" with group.id(); the number is the VFIO group id, not an errno; printed when the last device of a group is removed (hot-unplug, VM shutdown), after "Could not delete VFIO group: {e:?}" when removing the group from the KVM VFIO device failed first',
    patterns: [
      /Could not unbind VFIO group: (?<group>\d{1,5})/,
      /Could not delete VFIO group: (?<reason>[^\n]{1,200})/,
    ],
    severity: 'warning',
    title: 'The VMM could not detach a VFIO group from its container',
    cause:
      'when the last device of a VFIO group goes away, the rust-vmm VFIO code (cloud-hypervisor, Firecracker-based and other rust-vmm VMMs) detaches the group from its container with VFIO_GROUP_UNSET_CONTAINER. The kernel refuses that with EBUSY while a device file descriptor of the group is still open (the device is still in use by the VMM, e.g. dropped in the wrong order) and with EINVAL when the group is not attached to a container. The group stays attached until the process exits, which closes everything; a hot-plugged device cannot be re-added to another container until then',
    fix: 'at VM shutdown nothing is needed; if a device cannot be hot-plugged again after unplugging, restart the VMM process (and report it to the VMM: the device fd must be closed before the group is detached)',
    render: render('ERROR: [vfio_ioctls::vfio_device]: ', 27),
    examples: [
      ex('ERROR: [vfio_ioctls::vfio_device]: Could not unbind VFIO group: 27', { group: '27' }),
      ex(
        'cloud-hypervisor: 40.1s: <vmm> ERROR:vfio-ioctls/src/vfio_device.rs:640 -- Could not unbind VFIO group: 3',
        {
          group: '3',
        },
      ),
    ],
  },
  {
    id: 'kernel.kvm-arm-mmio-no-syndrome',
    source: 'kernel',
    cite: 'torvalds/linux virt/kvm/arm/mmio.c io_mem_abort() (Linux 5.7+: arch/arm64/kvm/mmio.c io_mem_abort())',
    format: 'load/store instruction decoding not implemented\n',
    versions:
      'kvm_err() up to Linux 5.4 ("kvm [PID]: load/store instruction decoding not implemented"); Linux 5.5+ prints "Data abort outside memslots with no valid syndrome info" (kvm_pr_unimpl) unless the VMM asked for KVM_CAP_ARM_NISV_TO_USER',
    patterns: [
      /load\/store instruction decoding not implemented/,
      /Data abort outside memslots with no valid syndrome info/,
    ],
    severity: 'error',
    title: 'KVM on Arm cannot emulate the guest’s access to an MMIO region',
    cause:
      'on arm64 the guest accessed an address that is not guest RAM or a region mapped into the guest (emulated MMIO — for a passed-through device, a BAR or part of a BAR the VMM did not mmap into the guest, so every access traps to KVM), and the CPU gave no valid instruction syndrome (ISV) for it: load/store pair, writeback addressing, SIMD or atomic instructions. KVM decodes MMIO accesses only from the syndrome, so it cannot emulate this one and the vCPU stops with an error (ENOSYS)',
    fix: "make the BAR directly mapped: its size and offsets must be page-aligned for the host's page size (64 KiB-page hosts cannot map 4 KiB BARs or MSI-X tables sharing a page), or use a VMM that handles it in user space (KVM_CAP_ARM_NISV_TO_USER); in the guest, drivers must use the kernel's MMIO accessors (readl/writel), not memcpy or SIMD, on device memory",
    render: render('kvm [2311]: '),
    examples: [
      ex('[ 5120.448812] kvm [2311]: load/store instruction decoding not implemented'),
      ex('kvm [4410]: Data abort outside memslots with no valid syndrome info'),
    ],
  },
  {
    id: 'spdk.setup-rebind',
    source: 'spdk',
    cite: 'spdk/spdk scripts/setup.sh linux_bind_driver() (the driver chosen in configure_linux_pci())',
    format: '%s (%s): %s -> %s',
    versions:
      'the ids are "VENDOR DEVICE" without 0x; siblings from the same function: "%s (%s): Already using the %s driver" and, when the device did not end up on the driver, "%s (%s): failed to bind to %s, aborting"',
    patterns: [
      new RegExp(
        `${BDF} \\((?<ids>[0-9a-fA-F]{4} [0-9a-fA-F]{4})\\): (?<failed>failed to bind to) (?<driver>[\\w-]{2,40}), aborting`,
      ),
      new RegExp(
        `${BDF} \\((?<ids>[0-9a-fA-F]{4} [0-9a-fA-F]{4})\\): (?<from>[\\w-]{1,40}) -> (?<driver>[\\w-]{2,40})$`,
      ),
    ],
    severity: 'info',
    title: "SPDK's setup.sh moves a device to a userspace driver",
    cause:
      "SPDK's setup.sh takes the device from its kernel driver and gives it to a userspace driver: vfio-pci when the kernel has IOMMU groups (an IOMMU is on) or vfio's no-IOMMU mode is enabled (/sys/module/vfio/parameters/enable_unsafe_noiommu_mode = Y), otherwise uio_pci_generic (or igb_uio). This line is informational",
    fix: 'nothing, unless a "failed to bind" line follows',
    refine: (f) =>
      f.failed
        ? {
            severity: 'error',
            title: "SPDK's setup.sh could not bind the device",
            cause: `after setup.sh handed the device to ${f.driver}, it is not bound to it: the driver's probe refused it. For vfio-pci that is almost always a device without an IOMMU group — no IOMMU (off in the firmware, or a VM or cloud instance without a virtual IOMMU) and vfio's no-IOMMU mode not enabled, or the vfio-pci module is missing; dmesg names the reason`,
            fix: 'enable the IOMMU (intel_iommu=on / amd_iommu=on, and a vIOMMU for a VM); in a VM without one, either enable no-IOMMU mode (modprobe vfio enable_unsafe_noiommu_mode=1; unsafe, DMA is not isolated) before running setup.sh, or let it use uio_pci_generic (DRIVER_OVERRIDE=uio_pci_generic)',
          }
        : undefined,
    render: render('', '0000:00:04.0', '8086 0953', 'nvme', 'vfio-pci'),
    examples: [
      ex('0000:00:04.0 (8086 0953): nvme -> vfio-pci', { from: 'nvme', driver: 'vfio-pci' }),
      ex('0000:00:04.0 (8086 0953): failed to bind to uio_pci_generic, aborting', {
        failed: 'failed to bind to',
        driver: 'uio_pci_generic',
      }),
    ],
  },
  {
    id: 'dpdk.pci-device-probe-info',
    source: 'dpdk',
    cite: 'DPDK/dpdk drivers/bus/pci/pci_common.c rte_pci_probe_one_driver() (older: lib/librte_eal/common/eal_common_pci.c)',
    format: 'PCI device %s on NUMA socket %i\n',
    versions:
      'followed by "  probe driver: %x:%x %s" when a driver takes the device, or "  Not managed by a supported kernel driver, skipped" (older releases: "  Device is blacklisted, not initializing" for a -b device)',
    patterns: [new RegExp(`PCI device ${BDF} on NUMA socket (?<socket>-?\\d{1,3})`)],
    severity: 'info',
    title: 'DPDK probes a PCI device (informational)',
    cause:
      "DPDK's PCI bus scan reached this device and is trying its drivers on it; the line itself is informational (socket -1: the platform reports no NUMA node). Whether a driver takes it depends on the kernel driver the device is bound to: a device bound to vfio-pci, uio_pci_generic or igb_uio is set up (for vfio-pci the lines after it show the VFIO group being attached to DPDK's container and the IOMMU type in use), a device still on its kernel driver is skipped",
    fix: 'nothing; if the device is not used, read the lines after it and bind the device to vfio-pci (`dpdk-devbind.py --status` shows which driver each device has)',
    render: render('EAL: ', '0000:3b:00.1', 0),
    examples: [
      ex('EAL: PCI device 0000:3b:00.1 on NUMA socket 0', { socket: '0' }),
      ex('EAL: PCI device 0000:00:05.0 on NUMA socket -1', { socket: '-1' }),
    ],
  },
  {
    id: 'kubernetes.sriov-operator-vf-mac-unsupported',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-network-operator pkg/utils/utils.go configSriovDevice() (setting the VF admin MAC through netlink, LinkSetVfHardwareAddr)',
    format: 'configSriovDevice(): fail to configure VF admin mac address for device %s %q',
    patterns: [
      new RegExp(`fail to configure VF admin mac address for device ${BDF} "?(?<err>[^"\\n]{2,80})`),
    ],
    severity: 'error',
    title: 'The SR-IOV operator could not set a VF’s MAC address',
    cause:
      "when it creates the VFs, the SR-IOV network config daemon gives each VF an administrative MAC address through the PF's netlink interface (the equivalent of `ip link set PF vf N mac ...`); the PF driver refused it",
    fix: 'check `ip link show PF` lists the VFs and that the PF driver supports setting VF MACs',
    refine: (f) =>
      f.errno === 'EOPNOTSUPP' || /not supported/i.test(f.err ?? '')
        ? {
            cause:
              'the PF driver does not support setting a VF MAC address (EOPNOTSUPP). That is the case for an InfiniBand port (mlx5 in IB link mode): InfiniBand VFs have no Ethernet MAC but a node/port GUID, which the operator must set instead — an IB policy needs linkType: ib (isRdma), and operator versions without IB support try a MAC anyway. On Ethernet it means the PF driver or firmware does not offer VF MAC administration',
            fix: 'for InfiniBand set linkType: ib in the SriovNetworkNodePolicy and use an operator version that configures VF GUIDs; otherwise update the PF driver/firmware or use a NIC whose driver supports VF MAC administration',
          }
        : undefined,
    render: render('', '0000:af:00.2', 'operation not supported'),
    examples: [
      ex(
        'configSriovDevice(): fail to configure VF admin mac address for device 0000:af:00.2 "operation not supported"',
        { err: 'operation not supported' },
      ),
    ],
  },
  // ---------------------------------------------------------------- libvirt and virsh
  {
    id: 'libvirt.hook-not-executable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virhook.c virHookCheck()',
    format: 'Non-executable hook script %s',
    versions:
      'libvirt 6.5+ also checks every entry of the DRIVER.d directory (e.g. /etc/libvirt/hooks/qemu.d/) the same way; older releases check only the single script',
    patterns: [/Non-executable hook script (?<path>\/[\w./@+-]{1,200})/],
    severity: 'warning',
    title: 'libvirt skips a hook that is not an executable file',
    cause:
      'at start-up libvirt checks its hook script (/etc/libvirt/hooks/qemu, ...) and each entry of the matching .d directory, and skips any that is not an executable regular file — a script without the execute bit, or a directory. libvirt runs the entries of qemu.d/ directly and does not descend into subdirectories: a per-VM tree such as qemu.d/VMNAME/prepare/begin/*.sh is only run by a dispatcher script (the "VFIO-Tools" hook helper installed as /etc/libvirt/hooks/qemu), so for such a directory the warning is harmless and expected, and only the script named is ignored',
    fix: 'for a script: chmod +x it and restart libvirtd / virtqemud; for a per-VM directory: nothing, as long as the dispatcher /etc/libvirt/hooks/qemu is installed and executable (without it the scripts under it never run)',
    render: render('warning : virHookCheck:187 : ', '/etc/libvirt/hooks/qemu'),
    examples: [
      ex(
        '2024-05-02 10:11:12.123+0000: 1022: warning : virHookCheck:187 : Non-executable hook script /etc/libvirt/hooks/qemu',
        {
          path: '/etc/libvirt/hooks/qemu',
        },
      ),
      ex('warning : virHookCheck:209 : Non-executable hook script /etc/libvirt/hooks/qemu.d/gpu-vm', {
        path: '/etc/libvirt/hooks/qemu.d/gpu-vm',
      }),
    ],
  },
  {
    id: 'libvirt.virsh-unknown-command',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/vsh.c vshCommandParse() / vshCmddefSearch()',
    format: "unknown command: '%s'",
    patterns: [/error: unknown command: '(?<cmd>[^'\n]{1,120})'/],
    severity: 'error',
    title: 'virsh does not know that command',
    cause:
      'virsh takes the first word as a command name and found no command of that name: a typo, a command of a newer libvirt than this virsh, or arguments glued to the name',
    fix: '`virsh help` lists the commands (`virsh help nodedev` the node-device ones); put a space between the command and its arguments',
    refine: (f) =>
      /[=\s]/.test(f.cmd ?? '')
        ? {
            cause: `the command name virsh read is "${f.cmd}": the arguments are glued to it (an "=" instead of a space, or the whole command quoted as one word by a script), so it is not a command name. virsh commands take their arguments as separate words: \`virsh nodedev-detach pci_0000_01_00_0\``,
          }
        : undefined,
    render: render('error: ', 'nodedev-dettach'),
    examples: [
      ex("error: unknown command: 'nodedev-dettach'", { cmd: 'nodedev-dettach' }),
      ex("error: unknown command: 'nodedev-reattach=pci_0000_05_00_1'", {
        cmd: 'nodedev-reattach=pci_0000_05_00_1',
      }),
    ],
  },
  // ---------------------------------------------------------------- Xen stacks
  {
    id: 'xen.xapi-sriov-insufficient-capacity',
    source: 'xen',
    cite: 'xapi-project/xen-api ocaml/xapi-consts/api_errors.ml network_sriov_insufficient_capacity; raised from ocaml/xapi/xapi_network_sriov_helpers.ml when no free VF is left',
    format: 'NETWORK_SRIOV_INSUFFICIENT_CAPACITY',
    patterns: [/Server_error\(NETWORK_SRIOV_INSUFFICIENT_CAPACITY|NETWORK_SRIOV_INSUFFICIENT_CAPACITY/],
    severity: 'error',
    title: 'XAPI found no free SR-IOV virtual function for the VM',
    cause:
      "the VM has a VIF on an SR-IOV network, and on this host XAPI found no free virtual function on the network's physical interface: all VFs are taken by running VMs, or the NIC has no VFs yet (SR-IOV was enabled on the network but the host was not rebooted, or the driver created fewer VFs than expected)",
    fix: "check the network's PIF with `xe network-sriov-list` / `xe pif-param-list` (remaining-capacity); reboot the host after enabling SR-IOV so the VFs are created, raise the VF count, or start the VM on a host with free VFs",
    render: render('Server_error('),
    examples: [
      ex(
        'xapi: [error||4011 ||backtrace] Async.VM.start R:3c2f failed with exception Server_error(NETWORK_SRIOV_INSUFFICIENT_CAPACITY, [ OpaqueRef:1d2e ])',
      ),
    ],
  },
  // ---------------------------------------------------------------- Kubernetes SR-IOV device plugin
  {
    id: 'kubernetes.sriov-dp-no-netdev',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-network-device-plugin pkg/utils/utils.go GetNetNames() (lists /sys/bus/pci/devices/ADDR/net; later versions wrap the failed open as "no net directory under pci device"). The "discoverDevices(): error adding new device" wrapper is the wording users posted from the plugin\'s device discovery of older releases; the stored versions of the repository do not hold it',
    format: 'discoverDevices(): error adding new device: %q',
    patterns: [
      /error adding new device: "?open \/sys\/bus\/pci\/devices\/(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/net: no such file or directory/,
    ],
    severity: 'error',
    title: 'The SR-IOV device plugin found no network interface for a device',
    cause:
      "a netdevice resource pool selects this device, and the plugin reads the device's network interface name (and, for a VF, its physical function's) from /sys/bus/pci/devices/ADDR/net; that directory is missing: the function (or its PF) is not bound to a kernel network driver — it is on vfio-pci or another userspace (DPDK) driver, or its kernel driver did not create a netdev — so the plugin skips it",
    fix: 'leave the PF on its kernel network driver (only VFs go to vfio-pci), or select userspace-bound devices in a pool that does not need a netdev (a device type / selectors for vfio-pci devices); check `ls /sys/bus/pci/devices/ADDR/net` and `lspci -k -s ADDR`',
    render: render('', 'open /sys/bus/pci/devices/0000:3b:00.0/net: no such file or directory'),
    examples: [
      ex(
        'discoverDevices(): error adding new device: "open /sys/bus/pci/devices/0000:3b:00.0/net: no such file or directory"',
        { bdf: '0000:3b:00.0' },
      ),
    ],
  },
  // ---------------------------------------------------------------- Hyper-V PowerShell
  {
    id: 'windows.hyperv-cmdlet-not-found',
    source: 'windows',
    cite: `${PS_BINDER} engine/CommandDiscovery.cs (CommandNotFoundException, resource DiscoveryExceptions.CommandNotFoundException); the cmdlets: ${HYPERV_PS}`,
    format:
      "The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    versions:
      'PowerShell 7 words it "The term \'%s\' is not recognized as a name of a cmdlet, function, script file, or executable program."',
    patterns: [
      /The term '(?<cmd>(?:Get|Set|Add|Remove|Mount|Dismount)-VM[\w]{2,60})' is not recognized as (?:the|a) name of a cmd/,
    ],
    severity: 'error',
    title: 'This Windows has no such Hyper-V cmdlet',
    cause:
      'PowerShell found no command of that name: the Hyper-V PowerShell module is not installed (the Hyper-V management tools feature is off), or this Windows version does not have that cmdlet',
    fix: 'enable "Hyper-V Module for Windows PowerShell" (Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-Management-PowerShell); `Get-Command -Module Hyper-V *Gpu*` lists what this version has',
    refine: (f) =>
      /^(?:Get|Set)-VMHostPartitionableGpu$/i.test(f.cmd ?? '')
        ? {
            cause: `${f.cmd} exists only on Windows 11 and Windows Server 2022 or later; Windows 10 (and Server 2019) call the same cmdlet Get-VMPartitionableGpu / Set-VMPartitionableGpu, so a GPU-P script written for the newer name fails on older Windows`,
            fix: 'on Windows 10 use Get-VMPartitionableGpu (scripts that support both check the Windows build first); or run the script on Windows 11 / Server 2022+',
          }
        : undefined,
    render: render('', 'Get-VMHostPartitionableGpu'),
    examples: [
      ex(
        "Set-VMHostPartitionableGpu : The term 'Set-VMHostPartitionableGpu' is not recognized as the name of a cmdlet, function, script file, or operable program.",
        { cmd: 'Set-VMHostPartitionableGpu' },
      ),
      ex(
        "The term 'Get-VMPartitionableGpu' is not recognized as a name of a cmdlet, function, script file, or executable program.",
        { cmd: 'Get-VMPartitionableGpu' },
      ),
    ],
  },
  {
    id: 'windows.ps-parameter-not-found',
    source: 'windows',
    cite: `${PS_BINDER} engine/ParameterBinderController.cs (ParameterBindingException, resource ParameterBinderStrings.NamedParameterNotFound); localised in Windows PowerShell's resources`,
    format: "A parameter cannot be found that matches parameter name '%s'.",
    versions: 'Chinese (zh-CN) Windows prints "找不到与参数名称“%s”匹配的参数。"',
    patterns: [
      /A parameter cannot be found that matches parameter name '(?<param>[\w-]{1,60})'/,
      /\u627e\u4e0d\u5230\u4e0e\u53c2\u6570\u540d\u79f0[\u201c"](?<param>[\w-]{1,60})[\u201d"]\u5339\u914d\u7684\u53c2\u6570/,
    ],
    severity: 'error',
    title: 'The cmdlet has no such parameter (in this Windows / module version)',
    cause:
      'PowerShell found no parameter of that name on the cmdlet: it is misspelt, or the cmdlet in this Windows version (or module version) does not have it yet',
    fix: '`Get-Help CMDLET -Parameter *` (or `(Get-Command CMDLET).Parameters.Keys`) lists the parameters this version has',
    refine: (f) =>
      f.param?.toLowerCase() === 'instancepath'
        ? {
            cause:
              "-InstancePath (choosing which host GPU a Hyper-V GPU partition adapter uses) exists on Add-VMGpuPartitionAdapter only on Windows 11 and Windows Server 2022 or later; Windows 10's Hyper-V module does not have it, so GPU-P scripts that pass it fail there",
            fix: 'on Windows 10 call Add-VMGpuPartitionAdapter without -InstancePath (the VM gets the default partitionable GPU; pick which GPU is partitionable with Set-VMPartitionableGpu), or use a script version that leaves the parameter out on older Windows',
          }
        : undefined,
    render: render('Add-VMGpuPartitionAdapter : ', 'InstancePath'),
    examples: [
      ex(
        "Add-VMGpuPartitionAdapter : A parameter cannot be found that matches parameter name 'LocationPath'.",
        {
          param: 'LocationPath',
        },
      ),
      ex('Set-VM : 找不到与参数名称“GuestControlledCacheType”匹配的参数。', {
        param: 'GuestControlledCacheType',
      }),
    ],
  },
  {
    id: 'windows.hyperv-vm-not-found',
    source: 'windows',
    cite: HYPERV_PS,
    format: 'Hyper-V was unable to find a virtual machine with name "%s".',
    patterns: [/Hyper-V was unable to find a virtual machine with name "(?<vm>[^"\n]{1,100})"/],
    severity: 'error',
    title: 'Hyper-V has no VM of that name',
    cause:
      'the Hyper-V cmdlet was given a VM name that does not exist on this host: the name is misspelt, or — in a set-up script that creates the VM and then configures it (GPU partition, DDA, memory) — the VM was not created because an earlier step failed (the first error in the output), so every later step fails with this',
    fix: '`Get-VM` lists the VMs on the host; scroll back to the first error of the script (New-VM, disk or switch creation) and fix that, then run it again',
    render: render('Set-VMGpuPartitionAdapter : ', 'GPU-VM'),
    examples: [
      ex('Add-VMGpuPartitionAdapter : Hyper-V was unable to find a virtual machine with name "Win11-GPU".', {
        vm: 'Win11-GPU',
      }),
    ],
  },
];
