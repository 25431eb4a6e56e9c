/**
 * The Rust VMMs on the VFIO path — Cloud Hypervisor, crosvm and Dragonball (the VMM Kata's
 * runtime-rs drives) — as users see their errors: an error enum printed with Debug, the innermost
 * variant last ("VmBoot(DeviceManager(VfioCreate(InvalidPath)))"), or a Display text. The entries
 * match the innermost stable variant names and explain them from the code that returns them:
 * rust-vmm/vfio crates/vfio-ioctls (VfioError, VfioDevice::new(), VfioContainer, VfioGroup),
 * cloud-hypervisor/cloud-hypervisor vmm/src/device_manager.rs (DeviceManagerError) and
 * pci/src/vfio.rs (VfioPciError), google/crosvm devices/src/vfio.rs (VfioError) and
 * kata-containers/kata-containers src/dragonball/src/device_manager/vfio_dev_mgr/mod.rs
 * (VfioDeviceError). The Display texts these wrap that already have entries (the DMA map, the
 * group, the interrupts) stay with those entries (dma-memory.ts, vfio-open.ts, reset-faults.ts).
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';
import { vfioIoctlErrno, vfioNodeErrno } from './vfio-errno.js';

const VFIO_IOCTLS = 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError';
const CHV_DM = 'cloud-hypervisor/cloud-hypervisor vmm/src/device_manager.rs DeviceManagerError';
const CHV_PCI = 'cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioPciError';
const DRAGONBALL = 'kata-containers/kata-containers src/dragonball/src/device_manager/vfio_dev_mgr/mod.rs';

/** What each vfio-ioctls VfioError variant means, from the code that returns it. */
const VARIANT: Record<string, (f: Facts) => Refinement> = {
  InvalidPath: () => ({
    title: 'The VFIO device path is not a PCI device with an IOMMU group (InvalidPath)',
    cause:
      "VfioDevice::new() reads the link <path>/iommu_group to learn the device's group and returns InvalidPath when that readlink fails or does not end in a number: the path given is not a PCI device directory in sysfs (a wrong or renumbered address, a typo, a /dev or USB path — only PCI devices can be assigned), or the device has no iommu_group link because the IOMMU is off (no VT-d/AMD-Vi in the firmware, no intel_iommu=on). Binding to vfio-pci does not matter at this step: the group link exists whatever the driver",
    fix: 'pass the sysfs directory of the PCI device: --device path=/sys/bus/pci/devices/DDDD:BB:DD.F (check it with ls -l /sys/bus/pci/devices/DDDD:BB:DD.F/iommu_group); if iommu_group is missing, enable the IOMMU (`vfiokit doctor`)',
  }),
  OpenGroup: (f) => {
    const t = vfioNodeErrno('group', f);
    return {
      title: `The VFIO group node could not be opened (OpenGroup${f.errno ? `, ${f.errno}` : ''})`,
      cause:
        t?.cause ??
        'opening /dev/vfio/N failed; the node exists only while a device of group N is bound to vfio-pci, and only one process may hold it',
      fix: t?.fix ?? 'bind the device to vfio-pci (`vfiokit groups`) and stop any other user of the group',
    };
  },
  OpenContainer: (f) => {
    const t = vfioNodeErrno('container', f);
    return {
      title: `/dev/vfio/vfio could not be opened (OpenContainer${f.errno ? `, ${f.errno}` : ''})`,
      cause: t?.cause ?? 'opening the VFIO container /dev/vfio/vfio failed',
      fix: t?.fix ?? 'modprobe vfio-pci and give the VMM access to /dev/vfio/vfio',
    };
  },
  GroupViable: () => ({
    title: 'The IOMMU group is not viable (GroupViable)',
    cause:
      "VFIO_GROUP_GET_STATUS did not report the group viable: another endpoint of the device's IOMMU group is bound to a host driver (e.g. the GPU's HDMI audio on snd_hda_intel); bridges on pcieport do not count",
    fix: 'bind every endpoint of the group to vfio-pci (`vfiokit groups` lists them), or move the card to a slot with its own group',
  }),
  GetGroupStatus: () => ({
    title: 'VFIO_GROUP_GET_STATUS failed (GetGroupStatus)',
    cause:
      'the status ioctl on /dev/vfio/N failed, which happens when the group is being torn down (its last device was unbound) while the VMM opens it',
    fix: 'check the device is still bound to vfio-pci and start again',
  }),
  GroupSetContainer: (f) => {
    const t = vfioIoctlErrno('VFIO_GROUP_SET_CONTAINER', f);
    return {
      title: 'The group could not join the VFIO container (GroupSetContainer)',
      cause:
        t?.cause ??
        'VFIO_GROUP_SET_CONTAINER failed: the group is not viable for user ownership (an endpoint of the group is on a host driver) or it is already attached to a container held by another process',
      fix:
        t?.fix ??
        'bind every endpoint of the group to vfio-pci (`vfiokit groups`); make sure no other VMM holds the group (fuser -v /dev/vfio/N)',
    };
  },
  ContainerSetIOMMU: (f) => {
    const t = vfioIoctlErrno('VFIO_SET_IOMMU', f);
    return {
      title: 'The VFIO container refused the type1 IOMMU (ContainerSetIOMMU)',
      cause:
        t?.cause ??
        'VFIO_SET_IOMMU failed: with EPERM the platform has no interrupt remapping and vfio_iommu_type1 refuses the group unless allow_unsafe_interrupts=1',
      fix:
        t?.fix ??
        'enable interrupt remapping in the firmware; if the platform lacks it and guests are trusted: options vfio_iommu_type1 allow_unsafe_interrupts=1',
    };
  },
  GroupGetDeviceFD: (f) => {
    const t = vfioIoctlErrno('VFIO_GROUP_GET_DEVICE_FD', f);
    return {
      title: 'The device could not be opened from its group (GroupGetDeviceFD)',
      cause:
        t?.cause ??
        'VFIO_GROUP_GET_DEVICE_FD failed: the device named is not in the group or is not bound to vfio-pci, or the device is already open',
      fix: t?.fix ?? 'check the address and that the device is on vfio-pci (`vfiokit groups`)',
    };
  },
  VfioType1V2: () => TYPE1,
  VfioExtension: () => TYPE1,
  VfioApiVersion: () => ({
    title: 'The kernel speaks another VFIO API version (VfioApiVersion)',
    cause:
      'VFIO_GET_API_VERSION on /dev/vfio/vfio did not return the version the crate was built for (0); every mainline kernel returns 0, so /dev/vfio/vfio is not the kernel VFIO container here (a stub or emulated node in a sandbox)',
    fix: 'run the VMM where /dev/vfio/vfio is the host kernel node',
  }),
  SetDeviceAttr: () => KVM_VFIO,
  KvmSetDeviceAttr: () => KVM_VFIO,
  CreateVfioKvmDevice: () => KVM_VFIO,
  VfioDeviceGetInfo: () => ({
    title: 'VFIO_DEVICE_GET_INFO failed (VfioDeviceGetInfo)',
    cause:
      'the VMM got a device fd but the device would not describe itself; on a vfio-pci device this follows a device that stopped answering (it fell off the bus or sits in D3cold after a failed reset)',
    fix: 'check the device with lspci -s ADDR -vv (all ff means it is gone: power-cycle the host); dmesg at the same moment has the kernel side',
  }),
  VfioDeviceGetInfoPCI: () => ({
    title: 'The VFIO device does not look like a PCI device (VfioDeviceGetInfoPCI)',
    cause:
      'VFIO_DEVICE_GET_INFO flags it as PCI but it reports fewer regions or interrupt types than vfio-pci always has (config space and MSI-X indexes): a mediated device or a vendor variant driver that exposes a reduced device',
    fix: 'assign the device through vfio-pci itself, or use a VMM that supports that mediated device',
  }),
  VfioDeviceGetInfoOther: () => ({
    title: 'The VFIO device is neither PCI nor platform (VfioDeviceGetInfoOther)',
    cause:
      'the device reports a VFIO type the crate does not handle (s390 ccw or AP, or an unknown bus): only PCI and platform devices can be assigned with this VMM',
    fix: 'pass a PCI device bound to vfio-pci',
  }),
  VfioDeviceGetRegionInfo: () => ({
    title: 'A region of the VFIO device could not be described (VfioDeviceGetRegionInfo)',
    cause:
      "VFIO_DEVICE_GET_REGION_INFO failed while listing the device's BARs and regions; for the VGA region (index 8) of a device that is not a VGA controller this is expected, for a BAR it means the driver refused (a vendor variant driver, or a device in a bad state)",
    fix: 'read dmesg at the same moment; check the device with lspci -vv',
  }),
};

const TYPE1: Refinement = {
  title: 'No type1 v2 IOMMU backend for the VFIO container',
  cause:
    'VFIO_CHECK_EXTENSION(VFIO_TYPE1v2_IOMMU) did not answer 1: the vfio_iommu_type1 module is not loaded (vfio-pci normally pulls it in), or no IOMMU is enabled and only no-IOMMU mode is available',
  fix: 'enable the IOMMU (firmware VT-d/AMD-Vi, intel_iommu=on) and modprobe vfio_iommu_type1; `vfiokit doctor` checks both',
};

const KVM_VFIO_TITLE = "KVM's VFIO pseudo-device refused the group";
const KVM_VFIO_CAUSE =
  'the VMM tells KVM about each VFIO group (KVM_CREATE_DEVICE of type KVM_DEV_TYPE_VFIO, then KVM_SET_DEVICE_ATTR KVM_DEV_VFIO_GROUP_ADD) so that KVM can keep coherent DMA and interrupt bypass right; that failed: ENODEV from KVM_CREATE_DEVICE on a kernel without CONFIG_KVM_VFIO, EBADF when the file given is not a VFIO group, or a seccomp filter refusing the ioctl';
const KVM_VFIO_FIX =
  'use a kernel built with KVM_VFIO (all distribution kernels are) with matching kvm and vfio modules; run the VMM without a seccomp filter to test';
const KVM_VFIO: Refinement = { title: KVM_VFIO_TITLE, cause: KVM_VFIO_CAUSE, fix: KVM_VFIO_FIX };

export const VMM_RUST_ENTRIES: CatalogueEntry[] = [
  // ---- vfio-ioctls VfioError as Debug, wrapped by Cloud Hypervisor / Dragonball / crosvm ----
  {
    id: 'chv.vfio-create-failed',
    source: 'cloud-hypervisor',
    cite: `${CHV_DM}::VfioCreate (add_vfio_device() → VfioDevice::new()); ${VFIO_IOCTLS} variants; ${DRAGONBALL} VfioDeviceError::VfioIoctlError`,
    format: 'invalid file path',
    versions:
      'printed with Debug in "Error booting VM: VmBoot(DeviceManager(VfioCreate(InvalidPath)))" and in API replies ("500 Internal Server Error: VmBoot(VmBoot(DeviceManager(VfioCreate(…))))", "VmAddDevice(DeviceManager(VfioCreate(…)))"); newer releases print the Display chain after "Cloud Hypervisor exited with the following chain of errors:", one numbered line per level ("  3: Cannot create a VFIO device", "  4: invalid file path"); Dragonball: "CreateVfioDevice(VfioIoctlError(…))" or "failure while configuring VFIO device, …"',
    patterns: [
      /(?<wrap>VfioCreate|VfioIoctlError|CreateContainer)\((?<variant>InvalidPath|OpenGroup|OpenContainer|GroupViable|GetGroupStatus|GroupSetContainer|ContainerSetIOMMU|GroupGetDeviceFD|VfioType1V2|VfioExtension|VfioApiVersion|SetDeviceAttr|KvmSetDeviceAttr|CreateVfioKvmDevice|VfioDeviceGetInfoPCI|VfioDeviceGetInfoOther|VfioDeviceGetInfo|VfioDeviceGetRegionInfo)\b(?:\((?:Error\(|Os \{ code: )(?<errno>\d{1,3})(?:[^\n"]{0,80}"[^"\n]{0,80}"[^\n"]{0,10}"(?<group>\d{1,6})")?)?/,
      /failure while configuring VFIO device, (?<variant>InvalidPath|OpenGroup|OpenContainer|GroupViable|GroupSetContainer|ContainerSetIOMMU|GroupGetDeviceFD|VfioType1V2|VfioExtension)\b(?:\((?:Error\(|Os \{ code: )(?<errno>\d{1,3}))?/,
      // the innermost line of Cloud Hypervisor's Display chain ("  4: invalid file path")
      /^\s{0,8}\d{1,2}: (?<display>invalid file path)$/,
    ],
    severity: 'error',
    title: 'The VMM could not open the VFIO device',
    cause:
      'creating the VFIO device failed before the guest started: the innermost variant (the last name in the nested error) says which step — the sysfs path, the group node, the container, or the device fd',
    fix: 'read the innermost variant; `vfiokit groups` shows whether the device and its whole group are on vfio-pci',
    refine: (f) => {
      const variant = f.variant ?? (f.display ? 'InvalidPath' : undefined);
      return variant ? VARIANT[variant]?.(f) : undefined;
    },
    render: render('  4: '),
    examples: [
      ex(
        'I get this error `Error booting VM: VmBoot(DeviceManager(VfioCreate(InvalidPath)))`',
        { variant: 'InvalidPath' },
        'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/5295',
      ),
      ex(
        'Error booting VM: VmBoot(DeviceManager(VfioCreate(OpenGroup(Os { code: 2, kind: NotFound, message: "No such file or directory" }, "45"))))',
        { variant: 'OpenGroup', errno: 'ENOENT', group: '45' },
      ),
      ex('Error booting VM: VmBoot(DeviceManager(VfioCreate(GroupViable)))', { variant: 'GroupViable' }),
      ex(
        'add-device request failed: 500 Internal Server Error: VmAddDevice(DeviceManager(VfioCreate(InvalidPath)))',
        {
          variant: 'InvalidPath',
        },
      ),
      ex('VmAddDevice(DeviceManager(VfioCreate(GroupGetDeviceFD(Error(22)))))', {
        variant: 'GroupGetDeviceFD',
        errno: 'EINVAL',
      }),
      ex('vmm action error: StartMicroVm(CreateVfioDevice(VfioIoctlError(VfioType1V2)))', {
        variant: 'VfioType1V2',
      }),
      ex('  4: invalid file path', { display: 'invalid file path' }),
    ],
  },
  {
    id: 'chv.vfio-info-failed',
    source: 'rust-vmm',
    cite: `${VFIO_IOCTLS} (Display) VfioDeviceGetInfo / VfioDeviceGetInfoPCI / VfioDeviceGetInfoOther / VfioDeviceGetRegionInfo / GetGroupStatus; google/crosvm devices/src/vfio.rs VfioError`,
    format: "failed to get vfio device's info: %s",
    versions:
      'vfio-ioctls ≤ 0.1 and crosvm: "failed to get vfio device\'s info or info doesn\'t match: %s"; vfio-ioctls 0.2+: "failed to get vfio device\'s info: %s", "vfio PCI device info doesn\'t match", "unsupported vfio device type"; both: "failed to get vfio device\'s region info: %s", "failed to get Group Status"',
    patterns: [
      /failed to get vfio device's (?<what>info|region info)(?: or info doesn't match)?(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}(?: \(os error \d{1,3}\))?))?/,
      /(?<what>vfio PCI device info doesn't match|unsupported vfio device type|failed to get Group Status)/,
    ],
    severity: 'error',
    title: 'The VFIO device would not describe itself',
    cause:
      'an ioctl that reads what the device is (VFIO_DEVICE_GET_INFO, VFIO_DEVICE_GET_REGION_INFO or VFIO_GROUP_GET_STATUS) failed or returned something the VMM does not handle; on a plain vfio-pci device this follows a device that stopped answering (lost after a reset, D3cold)',
    fix: 'check the device with lspci -s ADDR -vv (all ff: power-cycle the host); read dmesg at the same moment',
    refine: (f) => {
      const key =
        f.what === "vfio PCI device info doesn't match"
          ? 'VfioDeviceGetInfoPCI'
          : f.what === 'unsupported vfio device type'
            ? 'VfioDeviceGetInfoOther'
            : f.what === 'region info'
              ? 'VfioDeviceGetRegionInfo'
              : f.what === 'failed to get Group Status'
                ? 'GetGroupStatus'
                : undefined;
      return key ? VARIANT[key](f) : undefined;
    },
    render: render('Error: ', 'Input/output error (os error 5)'),
    examples: [
      ex("failed to get vfio device's info: Input/output error (os error 5)", { what: 'info', errno: 'EIO' }),
      ex("vfio PCI device info doesn't match", { what: "vfio PCI device info doesn't match" }),
      ex("VfioDevice: failed to get vfio device's region info: Invalid argument (os error 22)", {
        what: 'region info',
      }),
    ],
  },
  {
    id: 'chv.kvm-vfio-device-failed',
    source: 'rust-vmm',
    cite: `${VFIO_IOCTLS} SetDeviceAttr (VfioContainer::device_set_group(): KVM_SET_DEVICE_ATTR KVM_DEV_VFIO_GROUP_ADD); google/crosvm devices/src/vfio.rs VfioError::CreateVfioKvmDevice / KvmSetDeviceAttr; ${DRAGONBALL} VfioDeviceError::CreateKvmDevice`,
    format: "failed to set vfio device's attribute: %s",
    versions:
      'crosvm: "failed to create KVM vfio device: %s", "failed to set KVM vfio device\'s attribute: %s"; Dragonball: "failed to create kvm device: %s"',
    patterns: [
      /failed to set (?:KVM )?vfio device's attribute(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /failed to create (?:KVM vfio|kvm) device(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
    ],
    severity: 'error',
    title: "KVM's VFIO pseudo-device refused the group",
    cause: KVM_VFIO_CAUSE,
    fix: KVM_VFIO_FIX,
    render: render('Error: ', 'Bad file descriptor (os error 9)'),
    examples: [
      ex("failed to set vfio device's attribute: Bad file descriptor (os error 9)", { errno: 'EBADF' }),
      ex('failed to create KVM vfio device: No such device (os error 19)', { errno: 'ENODEV' }),
    ],
  },
  // ---- Cloud Hypervisor: mapping the BARs into the guest ----
  {
    id: 'chv.vfio-map-region-failed',
    source: 'cloud-hypervisor',
    cite: `${CHV_DM}::VfioMapRegion (VfioPciDevice::map_mmio_regions()); ${CHV_PCI}::MmapArea / RegionAlignment / RegionSize / CreateUserMemoryRegion / MapRegionGuest`,
    format: 'Failed to mmap the area',
    versions:
      'before MmapArea map_mmio_regions() logs "Could not mmap sparse area (offset = 0x%x, size = 0x%x): %s"; printed with Debug: "VmBoot(DeviceManager(VfioMapRegion(MmapArea)))", "VfioMapRegion(CreateUserMemoryRegion(CreateUserMemory(Invalid argument (os error 22))))"; Display: "Failed to map VFIO MMIO region", "Failed to mmap the area", "Invalid region alignment", "Invalid region size", older "Failed to map VFIO PCI region into guest: %s" and "failed to mmap VFIO PCI device region on device file: %s"',
    patterns: [
      /VfioMapRegion\((?<step>MmapArea|RegionAlignment|RegionSize|CreateUserMemoryRegion|MapRegionGuest)\b(?:[^\n]{0,60}?\((?<err>[A-Z][A-Za-z /-]{2,60}) \(os error \d{1,3}\))?/,
      /(?<step>Failed to mmap the area|Invalid region alignment|Invalid region size)$/,
      /(?<step>failed to mmap VFIO PCI device region on device file|[Ff]ailed to map VFIO PCI region into guest)(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      // the error! line map_mmio_regions() logs before returning MmapArea
      /(?<step>Could not mmap sparse area) \(offset = (?<offset>0x[0-9a-fA-F]{1,16}), size = (?<size>0x[0-9a-fA-F]{1,16})\): (?<err>[A-Z][^\n(]{2,60}?) \(os error/,
    ],
    severity: 'error',
    title: "The assigned device's BARs could not be mapped into the guest",
    cause:
      "Cloud Hypervisor maps each mmap-able BAR of the device: mmap() of the region through the VFIO device fd, then a KVM memory slot at the BAR's guest address; a step failed (the innermost variant names it)",
    fix: 'read the step; dmesg at the same moment (vfio-pci "BAR N: can\'t reserve", KVM errors) has the host side',
    refine: (f): Refinement | undefined => {
      if (f.step === 'Could not mmap sparse area' && f.errno === 'EINVAL')
        return {
          title: 'A sparse area of a passed-through BAR could not be mmap()ed (EINVAL)',
          cause: `vfio-pci's mmap (vfio_pci_core_mmap()) refused the area at offset ${f.offset ?? '?'} of the BAR (size ${f.size ?? '?'}) with EINVAL: it refuses a range that does not lie within the BAR (offset plus size beyond the region), one not page-aligned, or a BAR it does not allow to be mmapped. Cloud Hypervisor carves the BAR into sparse areas around the MSI-X table and PBA, which it traps; for a device whose MSI-X table is not page-aligned it doubles the guest's BAR and relocates the MSI-X structures to the upper half, and releases that then cut the holes at those relocated offsets asked vfio-pci for ranges beyond the physical BAR`,
          fix: 'update Cloud Hypervisor (recent releases clamp the sparse areas to the physical BAR); when reporting it include `lspci -vv -s BDF` (the region sizes and MSI-X "Vector table: BAR=N offset=...")',
        };
      if (
        f.step === 'MmapArea' ||
        f.step === 'Failed to mmap the area' ||
        f.step === 'Could not mmap sparse area'
      )
        return {
          title: 'A BAR of the assigned device could not be mmap()ed (MmapArea)',
          cause:
            "mmap() of a BAR (or a sparse-mmap area of it) through the VFIO device fd failed. vfio-pci reserves the BAR's host range on the first mmap (pci_request_selected_regions()), so a host driver still holding that range makes it fail — a boot framebuffer (efifb, simplefb, vesafb) on a GPU's BAR, dmesg \"vfio-pci BDF: BAR N: can't reserve\"; it also fails for BARs smaller than the host page on 64 KiB-page hosts and for sparse areas the kernel reports with offsets that are not page aligned",
          fix: 'look for "can\'t reserve" in dmesg and free the range (video=efifb:off / initcall_blacklist=sysfb_init for a GPU that booted the host); check the BAR sizes with lspci -vv against the host page size (getconf PAGESIZE)',
        };
      if (f.step === 'CreateUserMemoryRegion' || f.step === 'RegionAlignment' || f.step === 'RegionSize')
        return {
          title: 'KVM refused the memory slot for a BAR',
          cause:
            "the BAR's guest address or size is not a multiple of the host page size, so KVM_SET_USER_MEMORY_REGION refuses it (EINVAL): on hosts with 64 KiB pages (many arm64 servers) every BAR smaller than 64 KiB hits this, as does a guest address above the guest's physical address width",
          fix: 'use a VMM version that traps small BARs instead of mapping them, or a host kernel with 4 KiB pages; otherwise report it to Cloud Hypervisor with lspci -vv of the device',
        };
      return undefined;
    },
    render: render('  3: '),
    examples: [
      ex('  3: Failed to mmap the area', { step: 'Failed to mmap the area' }),
      ex(
        'Error adding device to VM: VmAddDevice(DeviceManager(VfioMapRegion(CreateUserMemoryRegion(CreateUserMemory(Invalid argument (os error 22))))))',
        { step: 'CreateUserMemoryRegion', errno: 'EINVAL' },
      ),
      ex('Error adding device to VM: VmAddDevice(DeviceManager(VfioMapRegion(MmapArea)))', {
        step: 'MmapArea',
      }),
      ex(
        'cloud-hypervisor: 98.765432ms: <vmm> ERROR:pci/src/vfio.rs:1702 -- Could not mmap sparse area (offset = 0x11000, size = 0x3000): Invalid argument (os error 22)',
        { step: 'Could not mmap sparse area', offset: '0x11000', errno: 'EINVAL' },
      ),
    ],
  },
  {
    id: 'chv.region-info-missing',
    source: 'rust-vmm',
    cite: 'rust-vmm/vfio crates/vfio-ioctls/src/vfio_device.rs VfioDeviceInfo::get_regions() / get_irqs()',
    format: 'Could not get region #%d info',
    versions:
      'logged at error level by vfio-ioctls (older Cloud Hypervisor: vfio/src/vfio_device.rs, warn level); the same loop logs "Could not get region #%d map %s"; get_irqs() logs "Could not get VFIO IRQ info for index %d"',
    patterns: [
      /Could not get region #(?<index>\d{1,2}) info/,
      /Could not get VFIO IRQ info for index (?<irq>\d{1,2})/,
    ],
    severity: 'info',
    title: 'A VFIO region or interrupt index the device does not have (harmless)',
    cause:
      'the VMM asks for every region index vfio-pci could have; index 8 is the legacy VGA region, which only VGA-class devices have, so VFIO_DEVICE_GET_REGION_INFO fails for any other device and the VMM skips it. Interrupt indexes 3 and 4 (error and device request) are likewise optional',
    fix: 'nothing to do; for a GPU that should have a VGA region (index 8) check that it is the VGA controller function (class 0300)',
    refine: (f) =>
      f.index !== undefined && f.index !== '8'
        ? {
            severity: 'warning',
            title: `The VMM could not read region ${f.index} of the device`,
            cause: `region ${f.index} is ${Number(f.index) <= 5 ? `BAR ${f.index}` : Number(f.index) === 6 ? 'the expansion ROM' : 'the config space'}; vfio-pci describes every BAR, so a failure there means the device or a vendor variant driver refused, and the guest will see that region missing`,
            fix: 'read dmesg at the same moment; check the device with lspci -vv',
          }
        : undefined,
    render: render('cloud-hypervisor: 139.270010ms: <vmm> ERROR:vfio_device.rs:786 -- ', 8),
    examples: [
      ex(
        'cloud-hypervisor: 111.464261ms: WARN:vfio/src/vfio_device.rs:440 -- Could not get region #8 info',
        {
          index: '8',
        },
        'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/397',
      ),
      ex('Could not get region #2 info', { index: '2' }),
      ex(
        'cloud-hypervisor: 0.140211s: <vmm> ERROR:vfio-ioctls/src/vfio_device.rs:800 -- Could not get region #8 info',
        {
          index: '8',
        },
      ),
    ],
  },
  {
    id: 'chv.bar-move-failed',
    source: 'cloud-hypervisor',
    cite: 'cloud-hypervisor/cloud-hypervisor pci/src/bus.rs PciConfigMmio/PciConfigIo write (DeviceRelocation::move_bar() failed: vmm/src/device_manager.rs AddressManager::move_bar(), "failed allocating new MMIO range")',
    format: 'Failed moving device BAR: %s: 0x%x->0x%x(0x%x), keeping old BAR',
    versions: 'before 2025 logged at error level without ", keeping old BAR"',
    patterns: [
      /Failed moving device BAR: failed allocating new (?<space>MMIO|IO) range: ?(?<old>0x[0-9a-f]{1,16}) ?-> ?(?<new>0x[0-9a-f]{1,16}) ?\((?<size>0x[0-9a-f]{1,16})\)/,
    ],
    severity: 'warning',
    title: 'The guest moved a BAR where the VMM has no address space',
    cause:
      'the guest wrote a new address into a BAR of a device (an assigned one or a virtio one); Cloud Hypervisor moves a BAR only inside the PCI MMIO windows it routes, so the move was refused and the BAR stays where it was while the guest drives it at the new address — the device looks present but does not answer (nvidia-smi: "Unable to determine the device handle"). Guests pick such addresses when they ignore the host-bridge windows the VMM publishes in ACPI _CRS (the kernel option pci=nocrs, which NVIDIA\'s guest images set), or when guest firmware believes in more physical address bits than the VMM\'s 64-bit window covers',
    fix: 'remove pci=nocrs (and pci=realloc) from the guest kernel command line so the guest places BARs inside the published windows; otherwise update Cloud Hypervisor (later versions report consistent address sizes) or set --cpus max_phys_bits= to what host and guest firmware agree on',
    refine: (f) =>
      f.new === '0x0'
        ? {
            severity: 'info',
            title: 'The guest cleared a BAR (usually harmless)',
            cause:
              'the guest wrote 0 to the BAR, which guests do while sizing or disabling a BAR before placing it; the VMM refuses to move it to address 0 and keeps the old address. It matters only if the guest driver then fails to reach the device (Code 12/Code 43 in Windows, a probe error in Linux)',
            fix: 'nothing to do unless the guest driver fails; then check the guest firmware (OVMF) and the BAR sizes against the MMIO window',
          }
        : undefined,
    render: render(
      'cloud-hypervisor: 2.1s: <vcpu0> WARN:pci/src/bus.rs:191 -- ',
      'failed allocating new MMIO range',
      0xd2000000,
      0x80000000,
      0x1000000,
    ),
    examples: [
      ex(
        'Failed moving device BAR: failed allocating new MMIO range: 0x7ffff800000->0xff8000000000(0x80000), keeping old BAR',
        { old: '0x7ffff800000', new: '0xff8000000000' },
        'https://github.com/cloud-hypervisor/cloud-hypervisor/pull/8291',
      ),
      ex('Failed moving device BAR: failed allocating new MMIO range: 0xe7f00000->0x0(0x80000)', {
        new: '0x0',
      }),
      ex(
        'cloud-hypervisor: 35.2s: <vcpu1> WARN:pci/src/bus.rs:191 -- Failed moving device BAR: failed allocating new MMIO range: 0xd2000000->0x80000000(0x1000000), keeping old BAR',
        { new: '0x80000000', size: '0x1000000' },
      ),
    ],
  },
  {
    id: 'chv.viommu-map-failed',
    source: 'cloud-hypervisor',
    cite: 'cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioDmaMapping::map() (ExternalDmaMapping, called for each mapping the guest makes through the virtio-iommu); the errno from torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map()',
    format: 'failed to map memory for VFIO container, iova 0x%x, gpa 0x%x, size 0x%x: %s',
    patterns: [
      /failed to map memory for VFIO container, iova (?<iova>0x[0-9a-f]{1,16}), gpa (?<gpa>0x[0-9a-f]{1,16}), size (?<size>0x[0-9a-f]{1,16}): IommuDmaMap\(Error\((?<errno>\d{1,3})\)\)/,
    ],
    severity: 'error',
    title: 'A mapping the guest asked its virtual IOMMU for could not be made on the host',
    cause:
      "with iommu=on the guest programs a virtio-iommu, and each mapping it makes is replayed into the host's VFIO container; the host refused one (the errno says why)",
    fix: 'read the errno; for EINVAL see the IOVA against the host IOMMU address width',
    refine: (f) =>
      f.errno === 'EINVAL'
        ? {
            cause: `the guest picked an IOVA (${f.iova}) above what the host IOMMU can translate: the virtio-iommu tells the guest it may use the whole 64-bit space, while the host IOMMU has fewer address bits (dmesg "DMAR: Host address width 39" or the AMD equivalent), so VFIO_IOMMU_MAP_DMA refuses the range`,
            fix: 'limit the guest to the host width: --platform iommu_address_width=N (Cloud Hypervisor 43+) with N from dmesg "Host address width"',
          }
        : f.errno === 'ENOMEM'
          ? {
              cause:
                'pinning the page would exceed the locked-memory limit of the VMM (RLIMIT_MEMLOCK); with a virtual IOMMU the guest decides what is mapped, so the pinned total can grow past what was planned',
              fix: 'raise the memlock limit of the VMM to the guest RAM plus some (ulimit -l, LimitMEMLOCK=)',
            }
          : undefined,
    render: render(
      'cloud-hypervisor: 1501.220535s: <__iommu> ERROR:virtio-devices/src/thread_helper.rs:53 -- ',
      0x7fff00000000,
      0x24ce25000,
      0x1000,
      'IommuDmaMap(Error(22))',
    ),
    examples: [
      ex(
        'cloud-hypervisor: 1501.220535s: <__iommu> ERROR:virtio-devices/src/thread_helper.rs:53 -- Error running worker: HandleEvent(Failed to process request queue : ExternalMapping(Custom { kind: Other, error: "failed to map memory for VFIO container, iova 0x7fff00000000, gpa 0x24ce25000, size 0x1000: IommuDmaMap(Error(22))" }))',
        { iova: '0x7fff00000000', errno: 'EINVAL' },
        'https://github.com/cloud-hypervisor/cloud-hypervisor/pull/6900',
      ),
    ],
  },
  {
    id: 'chv.memory-hotplug-dma-map',
    source: 'cloud-hypervisor',
    cite: `${CHV_DM}::UpdateMemoryForVfioPciDevice (DeviceManager::update_memory(): VfioContainer::vfio_dma_map() of the new region)`,
    format: 'Failed to update guest memory for VFIO PCI device',
    versions:
      'Debug: "UpdateMemoryForVfioPciDevice(IommuDmaMap(Error(N)))", wrapped in a VmResize or memory hot-plug error',
    patterns: [
      /UpdateMemoryForVfioPciDevice\((?:IommuDmaMap\(Error\((?<errno>\d{1,3})\)\))?/,
      /Failed to update guest memory for VFIO PCI device/,
    ],
    severity: 'error',
    title: 'Hot-added guest memory could not be mapped for the assigned device',
    cause:
      'after memory is added to a running guest (ACPI hot-plug or virtio-mem), every VFIO container must map it too so the device can DMA into it; VFIO_IOMMU_MAP_DMA failed for the new range. ENOMEM means the locked-memory limit was sized for the boot memory only',
    fix: 'raise the memlock limit of the VMM to the maximum guest memory (boot plus hot-plug size), or do not hot-plug memory into VMs with assigned devices',
    refine: (f) =>
      f.errno && f.errno !== 'ENOMEM'
        ? {
            cause: `VFIO_IOMMU_MAP_DMA refused the hot-added range with ${f.errno}: ${
              f.errno === 'EINVAL'
                ? 'the new range lies above what the host IOMMU can translate (its address width), which hot-plug areas placed high in the guest address space reach first'
                : f.errno === 'EEXIST'
                  ? 'the range overlaps a mapping already in the container'
                  : 'see the errno'
            }`,
          }
        : undefined,
    render: render('  1: '),
    examples: [
      ex('Error resizing VM: VmResize(DeviceManager(UpdateMemoryForVfioPciDevice(IommuDmaMap(Error(12)))))', {
        errno: 'ENOMEM',
      }),
    ],
  },
  {
    id: 'chv.passthrough-unsupported',
    source: 'cloud-hypervisor',
    cite: `${CHV_DM}::NoDevicePassthroughSupport / CreatePassthroughDevice (DeviceManager::add_passthrough_device(): the hypervisor's passthrough device — KVM_DEV_TYPE_VFIO on KVM)`,
    format: 'No support for device passthrough',
    versions:
      'Debug: "NoDevicePassthroughSupport", "CreatePassthroughDevice(…)"; Display "Failed to create the passthrough device"',
    patterns: [
      /NoDevicePassthroughSupport|No support for device passthrough/,
      /CreatePassthroughDevice\(|Failed to create the passthrough device/,
    ],
    severity: 'error',
    title: 'The hypervisor gave the VMM no device-passthrough support',
    cause:
      'Cloud Hypervisor creates one passthrough device per VM through the hypervisor (on KVM the KVM VFIO pseudo-device, KVM_CREATE_DEVICE(KVM_DEV_TYPE_VFIO); on MSHV its VFIO device) before adding any --device; that device is missing or could not be created: a KVM without KVM_VFIO, a hypervisor back end without passthrough, or a seccomp/sandbox refusing the ioctl',
    fix: 'use a host kernel with KVM_VFIO (every distribution kernel) and the KVM back end; test without --seccomp to rule the filter out',
    render: render('  1: '),
    examples: [ex('Error booting VM: VmBoot(DeviceManager(NoDevicePassthroughSupport))')],
  },
  {
    id: 'chv.hotplug-behind-viommu',
    source: 'cloud-hypervisor',
    cite: `${CHV_DM}::InvalidIommuHotplug (DeviceManager::add_vfio_device() for a hot-plugged device with iommu=on)`,
    format: 'Cannot hotplug device behind vIOMMU',
    patterns: [/InvalidIommuHotplug|Cannot hotplug device behind vIOMMU/],
    severity: 'error',
    title: 'A device with iommu=on was hot-plugged onto a segment without the virtual IOMMU',
    cause:
      "devices placed behind the virtio-iommu must sit on a PCI segment the vIOMMU was told about at boot; hot-plugging an iommu=on device onto any other segment is refused, because the guest's IOMMU topology cannot change after boot",
    fix: 'boot with --platform iommu_segments=<segment list> and hot-plug the device with pci_segment= one of them, or add it without iommu=on',
    render: render('  1: '),
    examples: [ex('Error adding device to VM: VmAddDevice(DeviceManager(InvalidIommuHotplug))')],
  },
  // ---- crosvm-only VfioError texts ----
  {
    id: 'crosvm.low-power-failed',
    source: 'crosvm',
    cite: 'google/crosvm devices/src/vfio.rs VfioError::VfioPmLowPowerEnter / VfioPmLowPowerExit (VFIO_DEVICE_FEATURE with VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY/EXIT)',
    format: "failed to enter vfio deviece's low power state: %s",
    versions: 'also "failed to exit vfio deviece\'s low power state: %s" (the typo is in the source)',
    patterns: [
      /failed to (?<dir>enter|exit) vfio devie?ce's low power state(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
    ],
    severity: 'warning',
    title: 'The device could not be put into (or taken out of) runtime low power',
    cause:
      'crosvm asks vfio-pci to let the idle device suspend (VFIO_DEVICE_FEATURE LOW_POWER_ENTRY) when the guest puts it in D3; the kernel refused: ENOTTY/EINVAL on kernels before 6.0 (no low-power feature), or the device or a bridge above it cannot be runtime-suspended (vfio-pci disable_idle_d3=1 also blocks it)',
    fix: 'harmless for function: the device just stays powered; to get the power saving use Linux 6.0+ and do not set vfio-pci disable_idle_d3',
    refine: (f) =>
      f.dir === 'exit'
        ? {
            severity: 'error',
            title: 'The device could not be woken from runtime low power',
            cause:
              'leaving the low-power state failed: the device did not come back from D3cold (a platform or device that loses state, or a failed power-on through ACPI), so the guest will find it unresponsive',
            fix: 'keep the device out of D3cold: options vfio-pci disable_idle_d3=1, or echo 0 > /sys/bus/pci/devices/ADDR/d3cold_allowed',
          }
        : undefined,
    render: render('[devices/src/vfio.rs] ', 'Inappropriate ioctl for device (os error 25)'),
    examples: [
      ex("failed to enter vfio deviece's low power state: Inappropriate ioctl for device (os error 25)", {
        dir: 'enter',
        errno: 'ENOTTY',
      }),
    ],
  },
  {
    id: 'crosvm.iommu-type-unsupported',
    source: 'crosvm',
    cite: 'google/crosvm devices/src/vfio.rs VfioError::VfioIommuSupport (VfioContainer::new_inner(): VFIO_CHECK_EXTENSION)',
    format: "container doesn't support IOMMU driver type %s",
    patterns: [/container doesn't support IOMMU driver type (?<type>[A-Za-z0-9]{2,24})/],
    severity: 'error',
    title: 'The VFIO container lacks the IOMMU type crosvm asked for',
    cause:
      "VFIO_CHECK_EXTENSION said no for the IOMMU type: Type1V2 needs vfio_iommu_type1 and an enabled IOMMU; the other types (ChromeOS's optimized type1, PkvmPviommu for protected VMs) exist only in ChromeOS/Android kernels",
    fix: 'enable the IOMMU and load vfio_iommu_type1 for Type1V2; for the ChromeOS/Android types run on a kernel that has them, or let crosvm use Type1V2',
    render: render('', 'Type1V2'),
    examples: [ex("container doesn't support IOMMU driver type Type1V2", { type: 'Type1V2' })],
  },
  {
    id: 'crosvm.irq-mask-failed',
    source: 'crosvm',
    cite: 'google/crosvm devices/src/vfio.rs VfioError::VfioIrqMask / VfioIrqUnmask / VfioIrqDisable (VFIO_DEVICE_SET_IRQS); rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioDeviceDisableIrq / VfioDeviceUnmaskIrq / VfioDeviceTriggerIrq',
    format: "failed to unmask vfio deviece's irq: %s",
    versions:
      'crosvm also "failed to mask vfio deviece\'s irq: %s", "failed to disable vfio deviece\'s irq: %s"; vfio-ioctls: "failed to disable vfio device irq", "failed to unmask vfio device irq", "failed to trigger vfio device irq", "failed to get vfio device irq info"',
    patterns: [
      /failed to (?<op>mask|unmask|disable) vfio deviece's irq(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /failed to (?<op>disable|unmask|trigger) vfio device irq|failed to get vfio device(?:'s)? irq info/,
    ],
    severity: 'warning',
    title: 'An interrupt of the assigned device could not be masked, unmasked or torn down',
    cause:
      "VFIO_DEVICE_SET_IRQS failed for an interrupt that was set up before; for INTx the unmask path is how a level-triggered interrupt is re-armed, so a failure there leaves the device's interrupt stuck (the guest driver times out). It usually follows the device disappearing (a reset that did not complete, surprise removal)",
    fix: 'look for an earlier error about the device (reset, AER, "fell off the bus") in dmesg; make the guest use MSI/MSI-X where it can',
    render: render('', 'No such device (os error 19)'),
    examples: [
      ex("failed to unmask vfio deviece's irq: No such device (os error 19)", {
        op: 'unmask',
        errno: 'ENODEV',
      }),
    ],
  },
  // ---- Dragonball (Kata runtime-rs) ----
  {
    id: 'kata.dragonball-no-resource',
    source: 'dragonball',
    cite: `${DRAGONBALL} VfioDeviceError::NoResource (attach_pci_vfio_device(): PciSystemManager::new_device_id() and ResourceManager::allocate_device_resources(); create_pci_manager())`,
    format: 'no resource available for VFIO device',
    versions:
      'Debug, through runtime-rs: "vmm action error: StartMicroVm(CreateVfioDevice(NoResource))"; hot-plug: "…VfioDeviceError(NoResource)"',
    patterns: [
      /CreateVfioDevice\(NoResource\)|VfioDevice(?:Error)?\(NoResource\)/,
      /no resource available for VFIO device/,
    ],
    severity: 'error',
    title: 'Dragonball had no guest resources left for the VFIO device',
    cause:
      "Dragonball returns NoResource when it cannot give the device a place in the guest: no free device number on its PCI root bus, or its resource manager cannot allocate what the device needs — guest MMIO ranges for its BARs (large GPU BARs need a big 64-bit window, and on hosts with few physical address bits, such as 39-bit client CPUs, the guest's window is small), or a legacy interrupt line",
    fix: 'check the BAR sizes of the device (lspci -vv) against the guest MMIO window; on hosts with few physical address bits use a Kata release that sizes the window for them, or the QEMU hypervisor; assign fewer devices per sandbox',
    render: render('Error: '),
    examples: [
      ex('    6: StartMicroVm(CreateVfioDevice(NoResource))'),
      ex('insert vfio device failed: no resource available for VFIO device'),
    ],
  },
  {
    id: 'kata.dragonball-vfio-config',
    source: 'dragonball',
    cite: `${DRAGONBALL} VfioDeviceError::DeviceAlreadyInUse / DeviceIDAlreadyExist / InvalidConfig / UpdateNotAllowedPostBoot / VfioContainerNotFound`,
    format: "device '%s' is already in use",
    versions:
      'siblings: "the device ID %s already exists", "The configuration of vfio device is invalid", "update operation is not allowed after boot", "vfio container not found"',
    patterns: [
      /device '(?<dev>[^'\n]{1,120})' is already in use/,
      /(?<what>the device ID \S{1,80} already exists|The configuration of vfio device is invalid|update operation is not allowed after boot|vfio container not found)/,
    ],
    severity: 'error',
    title: 'Dragonball refused the VFIO device configuration',
    cause:
      'the runtime gave Dragonball a device it cannot take: the same host device (sysfs path or bus:slot.function) twice, a hostdev id used twice, a vendor:device id with a zero half, or a hot-plug on a Dragonball built without the hotplug feature',
    fix: 'pass each host device once (one entry per function); for hot-plug use a Kata build with Dragonball hotplug, or cold-plug the device',
    refine: (f) =>
      f.dev
        ? {
            cause: `${f.dev} is already configured for this VM: the runtime listed the same host device twice (the container spec names a /dev/vfio group whose devices were already added, or a device is both cold- and hot-plugged)`,
          }
        : undefined,
    render: render('vmm action error: ', '/sys/bus/pci/devices/0000:3b:00.0'),
    examples: [
      ex("insert vfio device failed: device '/sys/bus/pci/devices/0000:3b:00.0' is already in use", {
        dev: '/sys/bus/pci/devices/0000:3b:00.0',
      }),
    ],
  },
];
