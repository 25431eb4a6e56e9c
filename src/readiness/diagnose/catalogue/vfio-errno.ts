/**
 * What each errno means when a program opens a VFIO device file or issues a VFIO ioctl, per
 * object, from the kernel code that returns it. Shared by the entries that recognise each
 * program's wording (vfio-open.ts, and QEMU's and DPDK's own entries) and by the generic tier
 * (generic.ts).
 *
 * Sources (torvalds/linux): drivers/vfio/vfio_main.c (the misc device "vfio/vfio", mode 0666;
 * vfio_device_fops_cdev_open()), drivers/vfio/group.c vfio_group_fops_open(),
 * vfio_group_ioctl_set_container(), vfio_group_ioctl_get_device_fd(), drivers/vfio/container.c
 * vfio_container_attach_group(), vfio_ioctl_set_iommu(), drivers/iommu/iommu.c
 * iommu_group_claim_dma_owner(), iommu_device_use_default_domain(), drivers/vfio/vfio_iommu_type1.c
 * vfio_iommu_type1_attach_group(), vfio_dma_do_map(), vfio_pin_pages_remote(), drivers/vfio/
 * device_cdev.c vfio_df_ioctl_bind_iommufd(), drivers/iommu/iommufd/main.c (the misc device
 * "iommu").
 */
type Facts = Readonly<Record<string, string>>;

export interface VfioErrnoText {
  cause: string;
  fix: string;
}

export type VfioNodeKind = 'container' | 'group' | 'noiommu-group' | 'device-cdev' | 'iommufd';

/** The kind of /dev node a path names. */
export function vfioNodeKind(node: string | undefined): VfioNodeKind | undefined {
  if (!node) return undefined;
  const n = node.replace(/^\/dev\//, '').replace(/^vfio\//, '');
  if (n === 'vfio') return 'container';
  if (n === 'iommu') return 'iommufd';
  if (/^noiommu-\d{1,6}$/.test(n)) return 'noiommu-group';
  if (/^\d{1,6}$/.test(n)) return 'group';
  if (/^devices\/vfio\d{1,6}$/.test(n)) return 'device-cdev';
  return undefined;
}

export const NODE_NAMES: Record<VfioNodeKind, string> = {
  container: 'the VFIO container /dev/vfio/vfio',
  group: 'an IOMMU group node /dev/vfio/N',
  'noiommu-group': 'a no-IOMMU group node /dev/vfio/noiommu-N',
  'device-cdev': 'a VFIO device node /dev/vfio/devices/vfioN',
  iommufd: 'the iommufd node /dev/iommu',
};

const CGROUP: VfioErrnoText = {
  cause:
    "the open was refused by a device cgroup or a security module, not by the file mode: libvirt's cgroup_device_acl (qemu.conf) lacks the node, a container runtime or pod was not given the device (its device allowlist), systemd DeviceAllow= / nspawn, or an SELinux/AppArmor policy",
  fix: 'give the process the device: add it to cgroup_device_acl (or let libvirt manage the hostdev), pass it with --device / the device plugin, DeviceAllow= for a unit; check the audit log for SELinux/AppArmor denials',
};

const NODE: Record<VfioNodeKind, Record<string, VfioErrnoText | ((f: Facts) => VfioErrnoText)>> = {
  container: {
    ENOENT: {
      cause:
        '/dev/vfio/vfio does not exist here: the vfio module is not loaded, or the process runs in a container/pod/sandbox that was not given the node',
      fix: 'modprobe vfio-pci on the host (it loads vfio and vfio_iommu_type1) and make it load at boot; pass /dev/vfio/vfio into the container with the group node',
    },
    EACCES: {
      cause:
        "permission denied on /dev/vfio/vfio: the kernel creates it world-readable and writable (mode 0666), so a stricter mode or owner was set by someone else (a udev rule, a container's own /dev), or a security label (SELinux/AppArmor) refuses the access",
      fix: "restore the mode (`chmod 0666 /dev/vfio/vfio`, drop the udev rule that changed it) or fix the container's /dev; check the audit log",
    },
    EPERM: CGROUP,
    ENODEV: {
      cause:
        'the node exists but no driver answers it: a stale /dev/vfio/vfio (a copied or bind-mounted /dev) while the vfio module is not loaded',
      fix: 'load the vfio modules on the host, and let devtmpfs provide the node',
    },
  },
  group: {
    ENOENT: (f) => ({
      cause: `/dev/vfio/${f.group ?? 'N'} does not exist: no device of that IOMMU group is bound to vfio-pci (the node appears when the first device of the group binds to a VFIO driver), the group number is stale (it changes with slots, firmware and kernel), or the process runs in a container/pod that was not given the node`,
      fix: 'bind the device to vfio-pci (`vfiokit groups` shows its group and driver); look up the current number with readlink /sys/bus/pci/devices/ADDR/iommu_group; pass that node into the container',
    }),
    EACCES: {
      cause:
        'the user the program runs as may not open the group node: /dev/vfio/N is root-owned, mode 0600, unless a udev rule or libvirt (which relabels and chowns it for the VM) changed it',
      fix: 'start the VM through the system libvirt, or give the user the node with a udev rule (SUBSYSTEM=="vfio", OWNER="user") and raise its memlock limit; check the audit log for SELinux/AppArmor denials',
    },
    EPERM: CGROUP,
    EBUSY: {
      cause:
        "the group is already open: vfio_group_fops_open() lets one file hold a group at a time, so another process (a running VM's QEMU, a DPDK application, a container, or the previous QEMU still exiting) has /dev/vfio/N open — the devices of one group cannot be split between users",
      fix: 'find the holder with `fuser -v /dev/vfio/N` (or `lsof`), stop that VM or process, then start again; move devices you want in different VMs to slots with their own groups',
    },
    ENODEV: {
      cause:
        'the group has no VFIO driver any more: its devices were unbound from vfio-pci (or removed) between creating the node and opening it',
      fix: 'bind the devices of the group to vfio-pci again and retry',
    },
  },
  'noiommu-group': {
    ENOENT: {
      cause:
        'no /dev/vfio/noiommu-N: the device is not bound to vfio-pci, or no-IOMMU mode is off (vfio.enable_unsafe_noiommu_mode=1) — without it a device with no IOMMU group cannot be bound at all',
      fix: 'enable no-IOMMU mode knowingly (it gives the device unrestricted DMA) and bind the device to vfio-pci, or enable an IOMMU',
    },
    EPERM: {
      cause:
        'no-IOMMU groups may be opened only with CAP_SYS_RAWIO (vfio_group_fops_open()): the process is not root, or a container dropped the capability',
      fix: 'run as root with CAP_SYS_RAWIO (no-IOMMU mode gives the device unrestricted DMA, so the kernel demands it)',
    },
    EBUSY: {
      cause:
        "the no-IOMMU group is already open by another process (one opener at a time), or the node's device number no longer matches the group after the VFs were recreated and it reaches a group someone else holds",
      fix: 'find the holder (`fuser -v /dev/vfio/noiommu-N`); after recreating VFs let udev recreate the nodes before starting',
    },
    EACCES: {
      cause: 'the node is root-only (mode 0600) and the process is not root',
      fix: 'run as root (no-IOMMU needs CAP_SYS_RAWIO anyway)',
    },
  },
  'device-cdev': {
    ENOENT: {
      cause:
        'the VFIO device node /dev/vfio/devices/vfioN (the iommufd-era cdev interface) is not there: the kernel is built without CONFIG_VFIO_DEVICE_CDEV (which needs CONFIG_IOMMUFD), the device is not bound to vfio-pci, or the process runs in a container/pod that was given only the legacy /dev/vfio/N group node',
      fix: 'check `ls /dev/vfio/devices` on the host and the kernel config (CONFIG_VFIO_DEVICE_CDEV=y); make the device plugin/runtime pass the cdev (and /dev/iommu), or use the legacy group interface (libvirt: no iommufd)',
    },
    EACCES: {
      cause: 'the device node is root-owned (mode 0600) and the process runs as another user',
      fix: 'let libvirt manage the device, or give the user the node with a udev rule',
    },
    EPERM: CGROUP,
    ENODEV: {
      cause:
        'the device is no longer registered with VFIO (unbound from vfio-pci or removed) although the node was seen',
      fix: 'bind the device to vfio-pci again',
    },
    EBUSY: {
      cause:
        'the device is already in use through the other interface: its group is open through /dev/vfio/N (legacy container) or another process bound it to an iommufd (VFIO_DEVICE_BIND_IOMMUFD refuses a second owner)',
      fix: 'stop the other user of the device (`fuser -v /dev/vfio/*`), then start again',
    },
  },
  iommufd: {
    ENOENT: {
      cause:
        '/dev/iommu does not exist: the kernel is built without CONFIG_IOMMUFD, the iommufd module is not loaded, or the container/pod was not given the node',
      fix: 'modprobe iommufd (or use a kernel with CONFIG_IOMMUFD), pass /dev/iommu into the container, or use the legacy VFIO container',
    },
    EACCES: {
      cause: '/dev/iommu is root-only (mode 0600 by default) and the process runs as another user',
      fix: 'let libvirt open it for the VM, or give the user the node with a udev rule',
    },
    EPERM: CGROUP,
  },
};

/** The explanation of an errno when opening one kind of VFIO node, if the kernel gives it one. */
export function vfioNodeErrno(kind: VfioNodeKind | undefined, f: Facts): VfioErrnoText | undefined {
  if (!kind || !f.errno) return undefined;
  const t = NODE[kind][f.errno] ?? (f.errno === 'EPERM' || f.errno === 'EACCES' ? CGROUP : undefined);
  return typeof t === 'function' ? t(f) : t;
}

const IOCTL: Record<string, Record<string, VfioErrnoText>> = {
  VFIO_GROUP_SET_CONTAINER: {
    EPERM: {
      cause:
        "the group is not viable for user ownership: a device of the group is bound to a host driver that uses DMA (iommu_group_claim_dma_owner() refuses while one is; e.g. the GPU's HDMI audio on snd_hda_intel) — bridges on pcieport, pci-stub and vfio-pci do not block. It is also EPERM for a no-IOMMU group without CAP_SYS_RAWIO, or for mixing no-IOMMU and IOMMU groups in one container",
      fix: 'bind every endpoint of the group to vfio-pci (or leave it without a driver); `vfiokit groups` lists what to bind',
    },
    EINVAL: {
      cause:
        'the group is already attached to a container (or bound to an iommufd), or — before Linux 5.19 — it is not viable (a device of the group on a host driver)',
      fix: 'open the group once per process and attach it once; bind every device of the group to vfio-pci',
    },
    EBUSY: {
      cause:
        'the group is in use: another container or a kernel driver owns its DMA (iommu_group_claim_dma_owner())',
      fix: 'stop the other user of the group (`fuser -v /dev/vfio/N`) and unbind host drivers from its devices',
    },
  },
  VFIO_SET_IOMMU: {
    EPERM: {
      cause:
        'the IOMMU backend refused the group: no interrupt remapping (vfio_iommu_type1 allow_unsafe_interrupts=0 is the default), or an Intel RMRR locks the device to the host',
      fix: 'enable interrupt remapping in the firmware; see the kernel line next to it ("No interrupt remapping support", "RMRR") for which',
    },
    EBUSY: {
      cause:
        'the group is already attached to another IOMMU domain: another VM or process uses a device of this group',
      fix: 'stop the other user of the group (`fuser -v /dev/vfio/*`), then start again',
    },
    ENODEV: {
      cause:
        'no IOMMU translates for the device (VFIO_SET_IOMMU found no backend that accepts it): the IOMMU is off',
      fix: 'enable the IOMMU in the firmware and on the kernel command line (`vfiokit doctor`)',
    },
    EINVAL: {
      cause:
        'no group is attached to the container yet, an IOMMU type is already set, or the IOMMU driver refused the domain (devices behind IOMMUs of different capabilities)',
      fix: 'attach the group (VFIO_GROUP_SET_CONTAINER) before setting the type, once; otherwise give the device its own container',
    },
  },
  VFIO_GROUP_GET_DEVICE_FD: {
    ENODEV: {
      cause:
        'no device of that name in the group: the name must be the full address (0000:01:00.0) or the mdev UUID, and the device must still be bound to a VFIO driver',
      fix: 'check the address and that the device is on vfio-pci (`vfiokit groups`)',
    },
    EINVAL: {
      cause:
        'the group is not ready: it is not attached to a container with an IOMMU type set (or, before Linux 5.19, a device of the group is on a host driver, so the group is not viable)',
      fix: 'bind every device of the group to vfio-pci and attach the group to a container first',
    },
    EIO: {
      cause:
        "the device's own driver failed to open it: for a mediated device (vGPU) the vendor driver refused to start the instance (NVIDIA: nvidia-vgpu-mgr's log says why), for vfio-pci enabling the device failed (dmesg)",
      fix: "read the vendor driver's log (journalctl -u nvidia-vgpu-mgr) or dmesg at the same moment",
    },
    EBUSY: {
      cause: 'the device is already open elsewhere and its driver allows one user at a time',
      fix: 'stop the other user of the device, then retry',
    },
  },
  VFIO_DEVICE_BIND_IOMMUFD: {
    EPERM: {
      cause:
        'the platform cannot isolate MSI interrupts for this device (no interrupt remapping) and allow_unsafe_interrupts is off',
      fix: 'enable interrupt remapping in the firmware',
    },
    EBUSY: {
      cause: 'the device is already in use through its group (/dev/vfio/N) or bound to another iommufd',
      fix: 'stop the other user of the device',
    },
  },
  VFIO_IOMMU_MAP_DMA: {
    ENOMEM: {
      cause:
        "pinning the memory would exceed the process's locked-memory limit (RLIMIT_MEMLOCK), or the container's DMA mapping limit (vfio_iommu_type1 dma_entry_limit) is reached",
      fix: "raise the memlock limit of the process (ulimit -l, LimitMEMLOCK=, the pod's limits) to the guest RAM plus some; for many small mappings raise dma_entry_limit",
    },
    EEXIST: {
      cause: 'the IOVA range overlaps a mapping that already exists in the container (vfio_dma_do_map())',
      fix: 'the program maps the same guest address twice: a bug or two devices sharing a container with overlapping layouts',
    },
    EFAULT: {
      cause:
        'the memory cannot be pinned: it is not ordinary RAM (a device BAR mapped for peer-to-peer, a PFNMAP/VM_IO range) or not present',
      fix: 'peer-to-peer through BARs needs iommufd with dma-buf support or must be turned off; otherwise a bug in the program',
    },
    EINVAL: {
      cause:
        "the container has no IOMMU type yet (VFIO_SET_IOMMU not done, or undone when the container's last group left it: vfio_fops_unl_ioctl() answers -EINVAL for any map on a container without an IOMMU driver), or the mapping itself is refused by vfio_dma_do_map(): an IOVA outside the IOMMU's usable ranges (a reserved region such as the MSI window 0xfee00000, or beyond its address width), a size of 0, an address or size not aligned to the IOMMU's smallest page, or wrong flags",
      fix: "attach the group to the container and set the IOMMU type (VFIO_SET_IOMMU) before mapping, and again after the last group left; keep IOVAs inside VFIO_IOMMU_GET_INFO's ranges and aligned to its page sizes",
    },
    ENOSPC: {
      cause:
        "the container's DMA mapping count reached vfio_iommu_type1's dma_entry_limit (65535 by default)",
      fix: 'raise it: vfio_iommu_type1.dma_entry_limit= on the kernel command line',
    },
  },
};

export const IOCTL_NAMES = Object.keys(IOCTL);

/** The explanation of an errno from one VFIO ioctl, if the kernel gives it one. */
export function vfioIoctlErrno(ioctl: string | undefined, f: Facts): VfioErrnoText | undefined {
  if (!ioctl || !f.errno) return undefined;
  return IOCTL[ioctl]?.[f.errno];
}
