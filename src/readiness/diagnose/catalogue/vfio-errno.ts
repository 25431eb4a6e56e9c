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
 * device_cdev.c vfio_df_ioctl_bind_iommufd(), vfio_df_ioctl_attach_pt(), drivers/iommu/iommufd/main.c
 * (the misc device "iommu"); the device's own steps: drivers/vfio/pci/vfio_pci_core.c
 * vfio_pci_core_ioctl() (GET_INFO, GET_REGION_INFO, GET_IRQ_INFO, SET_IRQS, RESET,
 * GET_PCI_HOT_RESET_INFO, PCI_HOT_RESET), vfio_pci_core_mmap(), vfio_pci_dev_set_hot_reset(),
 * drivers/vfio/pci/vfio_pci_intrs.c vfio_pci_set_irqs_ioctl(), vfio_intx_enable(), vfio_msi_enable(),
 * drivers/vfio/pci/vfio_pci_rdwr.c vfio_pci_bar_rw(), vfio_pci_core_setup_barmap(),
 * drivers/vfio/vfio_main.c vfio_ioctl_device_feature_mig_device_state(), vfio_mig_get_next_state(),
 * drivers/pci/pci.c pci_try_reset_function(); and the vfio-user server library's DMA table
 * (nutanix/libvfio-user lib/dma.c dma_controller_add_region(), dma_controller_remove_region()).
 */
import type { Facts } from '../entry.js';

export interface VfioErrnoText {
  cause: string;
  fix: string;
  /** Only when the errno is not an error in itself (a size query answered with the size). */
  severity?: 'warning' | 'info';
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
        'the group is already open: vfio_group_fops_open() lets one file hold a group at a time, so another process (a running VM\'s QEMU, a DPDK application, a container, or the previous QEMU still exiting) has /dev/vfio/N open — the devices of one group cannot be split between users. The holder may also be a sandbox or runtime proxy that opened it for a workload (gVisor, Kata) and has not closed it, or an earlier run of the same program that is still alive. It happens inside one program too when two users of devices in the same group do not share the open group: QEMU\'s user-space NVMe block driver (nvme://, util/vfio-helpers.c, "Failed to open VFIO group file") opens the group once per nvme:// device, so a second NVMe drive (or a vfio-pci device) from the same IOMMU group fails',
      fix: "find the holder with `fuser -v /dev/vfio/N` (or `lsof`), stop that VM or process, then start again; move devices you want in different VMs to slots with their own groups; for QEMU's nvme:// driver use one drive per IOMMU group, or give the whole group to the guest with vfio-pci",
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
        'the group is already attached to a container (or bound to an iommufd: vfio_group_ioctl_set_container() refuses a second attach), the container already holds groups whose IOMMU type cannot take this one (vfio_iommu_type1_attach_group(): an IOMMU of other capabilities, or a reserved region of the new group, such as an RMRR or the MSI window, overlapping DMA already mapped in the container), or — before Linux 5.19 — the group is not viable (a device of the group on a host driver)',
      fix: 'open the group once per process and attach it once; give a group whose devices sit behind another IOMMU its own container; bind every device of the group to vfio-pci',
    },
    EBUSY: {
      cause:
        'the group is in use: another container or a kernel driver owns its DMA (iommu_group_claim_dma_owner())',
      fix: 'stop the other user of the group (`fuser -v /dev/vfio/N`) and unbind host drivers from its devices',
    },
    ENODEV: {
      cause:
        'the group has no IOMMU group behind it any more (vfio_group_ioctl_set_container() returns -ENODEV): its devices were unbound from vfio-pci or removed after the group node was opened',
      fix: 'bind the devices of the group to vfio-pci again, reopen /dev/vfio/N and attach it',
    },
    ENOTTY: {
      cause:
        "the file the request went to does not know it: every VFIO file answers -ENOTTY to a request code it does not recognise (vfio_group_fops_unl_ioctl()), so the program computed the code wrongly (VFIO_GROUP_SET_CONTAINER is _IO(';', 100 + 4) = 0x3b68, with no size or direction bits; a hand-made _IOW(...) gives another number) or sent it to the container or device descriptor instead of the group's",
      fix: 'a bug in the program (often a Python or Go tool defining the VFIO ioctl numbers itself): use the values from linux/vfio.h and issue the request on the /dev/vfio/N descriptor; the host setup is not at fault',
    },
    EBADFD: {
      cause:
        'the descriptor given to attach the group to is neither a VFIO container (/dev/vfio/vfio) nor an iommufd (/dev/iommu): the program passed the wrong file',
      fix: "a bug in the program's order of opening files; open /dev/vfio/vfio and pass that descriptor",
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
        'the platform cannot isolate MSI interrupts for this device (no interrupt remapping) and allow_unsafe_interrupts is off; for a no-IOMMU device, the process lacks CAP_SYS_RAWIO (vfio_iommufd_bind())',
      fix: 'enable interrupt remapping in the firmware; run a no-IOMMU user as root',
    },
    EBUSY: {
      cause:
        "the device is already in use through its group: vfio_device_block_group() refuses while /dev/vfio/N is open (a legacy-container user such as another VM's QEMU)",
      fix: 'stop the other user of the device (`fuser -v /dev/vfio/*`)',
    },
    EINVAL: {
      cause:
        'vfio_df_ioctl_bind_iommufd() refused the bind: this device file is already bound (one bind per open), or it was obtained through a group (VFIO_GROUP_GET_DEVICE_FD) rather than by opening /dev/vfio/devices/vfioN, which is the only kind that can bind',
      fix: 'open /dev/vfio/devices/vfioN for the iommufd path and bind it once; do not mix it with the group interface',
    },
  },
  VFIO_DEVICE_ATTACH_IOMMUFD_PT: {
    EINVAL: {
      cause:
        "the device could not join the IOAS or page table given: the IOMMU driver refused the domain (the device sits behind an IOMMU with other capabilities than the domain's), or the flags or size are wrong (vfio_df_ioctl_attach_pt())",
      fix: 'give the device its own IOAS or hardware page table (another VM config: one iommufd object per IOMMU), and check the kernel line next to it',
    },
    ENOENT: {
      cause:
        'the IOAS or page-table id passed does not exist in this iommufd (freed, or from another iommufd)',
      fix: "a bug in the program's bookkeeping: allocate the IOAS (IOMMU_IOAS_ALLOC) on the same /dev/iommu the device is bound to",
    },
    EADDRINUSE: {
      cause:
        'a reserved region of the device (its MSI window, an RMRR) overlaps memory already mapped in the IOAS: iommufd cannot reserve it (iopt_table_enforce_dev_resv_regions())',
      fix: "keep guest memory out of the host's reserved ranges (`cat /sys/kernel/iommu_groups/N/reserved_regions`), or give the device its own IOAS",
    },
    EOPNOTSUPP: {
      cause:
        'a PASID attach was asked of a device whose driver has no PASID support (vfio_df_ioctl_attach_pt())',
      fix: 'attach without a PASID, or use a device and driver that support PASID',
    },
  },
  VFIO_IOMMU_MAP_DMA: {
    ENOMEM: {
      cause:
        "pinning the memory would exceed the process's locked-memory limit (RLIMIT_MEMLOCK): vfio_pin_pages_remote() counts every pinned page against it unless the process has CAP_IPC_LOCK, and a VM pins all of its RAM",
      fix: "raise the memlock limit of the process (ulimit -l, LimitMEMLOCK=, the pod's limits) to the guest RAM plus some",
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
  VFIO_IOMMU_UNMAP_DMA: {
    EINVAL: {
      cause:
        "vfio_dma_do_unmap() refused the range: its IOVA or size is not aligned to the IOMMU's smallest page, its size is 0, or (type1v2, what every current VMM uses) it cuts through a mapping: an unmap must cover whole earlier mappings, from the first byte of one to the last byte of another, never part of one; also -EINVAL on a container with no IOMMU type set",
      fix: 'unmap exactly the ranges that were mapped (a partial unmap of guest RAM after a memory hot-unplug or a balloon is the usual bug); set the IOMMU type before any DMA call',
    },
    EBUSY: {
      cause:
        'a vaddr invalidation (VFIO_DMA_UNMAP_FLAG_VADDR, used by live update) was asked of a container that holds a mediated device (vGPU), which vfio_dma_do_unmap() refuses',
      fix: 'live update with VADDR is not possible with mdev devices in the container: detach them first',
    },
  },
  VFIO_DEVICE_SET_IRQS: {
    EINVAL: {
      cause:
        'the device has no such interrupt, or not in that state: the index, start or count is beyond what the device has (vfio_set_irqs_validate_and_prepare(): more MSI-X vectors than its table, an INTx count other than 1), another interrupt type is still enabled (vfio_pci_set_msi_trigger() and vfio_intx_enable() refuse to switch INTx, MSI and MSI-X without disabling the current one first), or the descriptor given is not an eventfd',
      fix: "compare with the device's VFIO_DEVICE_GET_IRQ_INFO counts (`lspci -s ADDR -vv`: MSI-X Count, MSI Count); disable the current interrupt type before enabling another; a VMM that hits this with a guest driver switching modes has a bug",
    },
    ENOTTY: {
      cause:
        'the action is not implemented for that interrupt index (vfio_pci_set_irqs_ioctl()): masking or unmasking MSI or MSI-X vectors, an eventfd mask for INTx, or the error (AER) interrupt on a device that is not PCI Express',
      fix: 'do not mask MSI/MSI-X through VFIO (mask in the vector table instead); the program should treat this as "not supported"',
    },
    EBUSY: {
      cause:
        "the host interrupt line is taken: the device lacks INTx masking (no PCI 2.3 DisINTx, or vfio-pci nointxmask=1), so vfio_intx_set_signal() needs the line exclusively and request_irq() fails because another device's driver shares it",
      fix: 'use MSI or MSI-X in the guest, or unbind the other device on the same IRQ line (`cat /proc/interrupts`), or move the card to a slot with its own line',
    },
    ENODEV: {
      cause:
        'INTx was asked of a device without an interrupt pin (vfio_intx_enable(): the device has no IRQ assigned)',
      fix: 'use MSI or MSI-X; check the BIOS did not disable the interrupt for this slot',
    },
    ENOSPC: {
      cause:
        'the kernel could not allocate host interrupt vectors for MSI/MSI-X (pci_alloc_irq_vectors() in vfio_msi_enable()): the interrupt remapping table or the CPU vector space is exhausted, typically with many SR-IOV VFs or many vectors per device',
      fix: 'ask for fewer vectors (fewer queues in the guest), spread devices across VMs, and check dmesg for the vector allocation failure',
    },
    EBADF: {
      cause: 'a descriptor passed as the interrupt eventfd is not open (eventfd_ctx_fdget())',
      fix: 'a bug in the program: it closed or never created the eventfd before handing it to VFIO',
    },
  },
  VFIO_DEVICE_GET_IRQ_INFO: {
    EINVAL: {
      cause:
        'the interrupt index is not one the device has (vfio_pci_core_ioctl(): beyond the PCI indexes, or the error index on a device that is not PCI Express)',
      fix: 'read the number of indexes from VFIO_DEVICE_GET_INFO first and skip the error index on conventional PCI devices',
    },
  },
  VFIO_DEVICE_GET_REGION_INFO: {
    EINVAL: {
      cause:
        'the region index is not one the device has (vfio_pci_core_ioctl(): beyond the BARs, ROM, config and VGA regions plus its device-specific ones, or the VGA region of a device that is not VGA or with disable_vga set), or the argsz given is too small. For index 8 (the VGA region) on a device that is not a VGA controller this is expected: VFIO_DEVICE_GET_INFO counts the VGA slot for every PCI device, so a VMM probing each index meets it (rust-vmm/vfio#50)',
      fix: 'harmless for index 8 on a non-VGA device; otherwise read num_regions from VFIO_DEVICE_GET_INFO and ask only for those; a VGA region needs a VGA-class device and vfio-pci without disable_vga',
    },
  },
  VFIO_DEVICE_GET_INFO: {
    EINVAL: {
      cause:
        'the argsz in the request is smaller than the structure (vfio_pci_core_ioctl()): a program built against headers that do not match',
      fix: 'a bug in the program (its struct vfio_device_info size)',
    },
    EFAULT: {
      cause: 'the kernel could not copy the answer to the buffer given (a bad pointer in the program)',
      fix: 'a bug in the program',
    },
  },
  VFIO_DEVICE_RESET: {
    EINVAL: {
      cause:
        'the device has no function reset VFIO can use: vfio_pci_core_ioctl() refuses VFIO_DEVICE_RESET when reset_works is false (no FLR, no PM reset from D3hot without NoSoftRst, no device-specific quirk, and no slot or bus reset that touches only this device) — VFIO_DEVICE_GET_INFO does not set VFIO_DEVICE_FLAGS_RESET for it',
      fix: 'check `cat /sys/bus/pci/devices/ADDR/reset_method`; an empty list means only a hot reset of the whole slot or bus (VFIO_DEVICE_PCI_HOT_RESET, all its devices given to the same user) can reset it; some GPUs need vendor-reset',
    },
    ENOTTY: {
      cause:
        'no reset method is left for the device (pci_try_reset_function() returns -ENOTTY when pci_reset_supported() is false, e.g. after `echo > reset_method` cleared them), or the reset ran and the device did not come back (a "not ready after FLR" timeout also ends in -ENOTTY)',
      fix: 'look at /sys/bus/pci/devices/ADDR/reset_method and dmesg at the same moment ("not ready ... after FLR"); restore a method with `echo default > reset_method`',
    },
    EAGAIN: {
      cause:
        'the device (or its upstream bridge) was locked by another operation at that moment, so pci_try_reset_function() gave up instead of waiting: a concurrent sysfs reset, rescan, or driver bind on the same device',
      fix: 'retry once the other operation finished; avoid resetting through sysfs while the VM is using the device',
    },
  },
  VFIO_DEVICE_GET_PCI_HOT_RESET_INFO: {
    ENOSPC: {
      cause:
        'the buffer was too small for the list of devices a hot reset affects: vfio_pci_core_ioctl() returns -ENOSPC together with the count, and the program is expected to call again with room for that many — harmless by itself when the program retries',
      fix: 'nothing if the program retried; otherwise a bug in its size negotiation',
      severity: 'info',
    },
    EPERM: {
      cause:
        'a device on the same slot or bus has no IOMMU group (vfio_pci_fill_devs(): "cannot reset non-isolated devices"), so VFIO will not offer a hot reset that would hit it',
      fix: 'make sure the IOMMU covers every device on that bus (`vfiokit groups`); otherwise the device can only be reset by its own function-level methods',
    },
    ENODEV: {
      cause:
        'neither a slot reset nor a secondary bus reset is possible for the device (pci_probe_reset_slot() and pci_probe_reset_bus() both fail): it sits on the root bus (an integrated device) or behind a bridge that cannot reset its bus',
      fix: 'only function-level resets (FLR, PM) can reset this device; check /sys/bus/pci/devices/ADDR/reset_method',
    },
    EAGAIN: {
      cause: 'a device appeared on the bus between counting and filling the list (vfio_pci_fill_devs())',
      fix: 'retry',
    },
  },
  VFIO_DEVICE_PCI_HOT_RESET: {
    EINVAL: {
      cause:
        "the reset would hit devices this user does not own: every device on the slot or bus must be bound to vfio-pci, open in the same user's set and its group (or iommufd) passed in (vfio_pci_dev_set_hot_reset() checks vfio_dev_in_groups()); or the slot/bus cannot be reset with those devices in it (vfio_pci_dev_set_resettable())",
      fix: 'give all devices of the slot or bus (GPU and its audio function, every port of a NIC) to the same VM, bound to vfio-pci; `lspci -t` shows which share the bus',
    },
    EBUSY: {
      cause:
        'another device of the slot or bus was busy (its memory or mmap lock held) when the reset tried to take them all, so vfio_pci_dev_set_hot_reset() backed off',
      fix: 'retry when the other devices of the bus are idle',
    },
    ENODEV: {
      cause:
        'neither a slot reset nor a secondary bus reset is possible for this device (root-bus device or a bridge without bus reset)',
      fix: 'only function-level resets can reset it; check reset_method',
    },
  },
  VFIO_DEVICE_IOEVENTFD: {
    EINVAL: {
      cause:
        'vfio_pci_ioeventfd() refused the write trigger: it is not inside a BAR (ROM, config space or past the BAR end), it overlaps the MSI-X table (writes there must stay trapped), or it is an 8-byte write on a kernel without 64-bit ioeventfd support',
      fix: 'a bug or an optimisation the host cannot give: QEMU falls back to trapping the write itself (harmless, slower); otherwise register only 1-, 2- or 4-byte writes inside a BAR and outside the MSI-X table',
    },
    EEXIST: {
      cause:
        'an ioeventfd with the same BAR, offset, size and data is already registered (vfio_pci_ioeventfd())',
      fix: 'a bookkeeping bug in the program (it registered the same trigger twice)',
    },
    ENOSPC: {
      cause: 'the device already has the most ioeventfds vfio-pci allows (VFIO_PCI_IOEVENTFD_MAX, 1000)',
      fix: 'the program falls back to trapped writes; fewer triggers per device',
    },
    ENODEV: {
      cause: 'a removal (fd -1) was asked for an ioeventfd that is not registered (vfio_pci_ioeventfd())',
      fix: 'harmless in itself: the program removed a trigger twice or never added it',
    },
  },
  VFIO_DEVICE_FEATURE: {
    ENOTTY: {
      cause:
        'the device has no migration support: its driver registers no migration operations (vfio_ioctl_device_feature_mig_device_state() returns -ENOTTY), which is the case for plain vfio-pci — only variant drivers such as mlx5_vfio_pci, hisi_acc_vfio_pci, pds_vfio_pci, virtio_vfio_pci or a migratable vGPU implement it — or the feature asked for is unknown to this kernel',
      fix: 'bind the device to its migration-capable variant driver (e.g. mlx5_vfio_pci for ConnectX VFs), or do not migrate or snapshot a VM with this device (QEMU: remove it, or set a migration blocker)',
    },
    EINVAL: {
      cause:
        'the state change asked is not an arc the device supports: vfio_mig_get_next_state() finds no path from the current state to the requested one with the migration flags this device reports (e.g. PRE_COPY or P2P states on a device that offers only STOP_COPY), or the device is already in the ERROR state',
      fix: "read the device's VFIO_DEVICE_FEATURE_MIGRATION flags and use only the states they allow; after ERROR, reset the device (VFIO_DEVICE_RESET) before migrating again",
    },
  },
};

/**
 * VFIO steps that are not an ioctl of their own: reading or writing a region through the device
 * file (pread/pwrite at the region's offset), mmap of a BAR, and the vfio-user server's DMA table.
 */
export type VfioStepKind = 'region-rw' | 'mmap' | 'vfu-dma-add' | 'vfu-dma-remove';

const STEP: Record<VfioStepKind, Record<string, VfioErrnoText>> = {
  'region-rw': {
    EINVAL: {
      cause:
        'the access is outside the region: vfio_pci_bar_rw() returns -EINVAL for an offset at or past the end of the BAR, or for a BAR the firmware never assigned (no address: a 64-bit or large BAR left out by the BIOS) or a ROM the device does not have',
      fix: 'check the region size from VFIO_DEVICE_GET_REGION_INFO and the BAR\'s address in `lspci -s ADDR -vv` ("[disabled]" or "<unassigned>" means the firmware gave it none: enable Above 4G Decoding, pci=realloc)',
    },
    EIO: {
      cause:
        "the device's memory decoding is off, so vfio-pci refuses MMIO access rather than let it fault (vfio_pci_core_do_io_rw(): memory-enable bit clear in PCI_COMMAND), or the device stopped answering (reads of all ones, a reset or D3cold in progress)",
      fix: 'enable memory decoding first (the guest driver or VMM writes PCI_COMMAND); if it was on, check dmesg for the device falling off the bus or an AER error',
    },
    EBUSY: {
      cause:
        'the BAR could not be claimed for vfio-pci (pci_request_selected_regions() in vfio_pci_core_setup_barmap()): another driver holds its memory range — on a GPU usually the boot framebuffer (efifb, simplefb, vesafb, BOOTFB)',
      fix: 'free the range: look for it in /proc/iomem; disable the boot framebuffer (video=efifb:off, initcall_blacklist=sysfb_init on 5.15+) or unbind the driver holding it',
    },
    ENOMEM: {
      cause:
        'the kernel could not map the BAR into its address space (pci_iomap() failed in vfio_pci_core_setup_barmap())',
      fix: 'dmesg at the same moment; a very large BAR on a 32-bit or vmalloc-starved kernel',
    },
  },
  mmap: {
    EINVAL: {
      cause:
        'vfio-pci refused to map that region (vfio_pci_core_mmap()): the BAR is not mmap-capable (an I/O-port BAR, the ROM, config space, or a BAR smaller than a page, so VFIO_REGION_INFO_FLAG_MMAP is clear and accesses must go through read/write), the range runs past the end of the BAR, or the mapping is not MAP_SHARED',
      fix: 'mmap only regions whose info has VFIO_REGION_INFO_FLAG_MMAP, inside their size, with MAP_SHARED; use pread/pwrite for the others (QEMU does this by itself; a VMM that mmaps every BAR has a bug)',
    },
    EBUSY: {
      cause:
        'the BAR could not be claimed for vfio-pci (pci_request_selected_regions() in vfio_pci_core_mmap()): another driver holds its memory range — on a GPU usually the boot framebuffer (efifb, simplefb, vesafb, BOOTFB) sitting in the BAR',
      fix: 'free the range: look for it in /proc/iomem; disable the boot framebuffer (video=efifb:off, initcall_blacklist=sysfb_init on 5.15+) or unbind the driver holding it',
    },
    ENOMEM: {
      cause:
        'the kernel could not map the BAR (pci_iomap() in vfio_pci_core_mmap()) or the process ran out of address space',
      fix: 'dmesg at the same moment; check the virtual address space limit (ulimit -v) of the process',
    },
    EACCES: {
      cause:
        'the file was not opened for writing while a writable shared mapping was asked (mmap(2) rules), or a security module refused the mapping',
      fix: 'open the device file read-write (VFIO device descriptors from VFIO_GROUP_GET_DEVICE_FD are); check the audit log',
    },
  },
  'vfu-dma-add': {
    EINVAL: {
      cause:
        "the vfio-user client asked to add a DMA region that overlaps one already registered, or the same range again with another offset, file or protection (libvfio-user dma_controller_add_region()), or the server's table of regions is full — QEMU sending overlapping sections during a memory layout change or migration is a known cause (nutanix/libvfio-user#463)",
      fix: "update the client (QEMU's vfio-user) and the server's libvfio-user; make sure the client removes a region before it re-adds a changed one; for a full table raise the server's max DMA regions",
    },
    ENOSPC: {
      cause:
        "the region is larger than the server's largest allowed DMA region (dma_controller_add_region(): size above max_size)",
      fix: "raise the server's maximum DMA region size (vfu_setup_device_dma()) or use smaller guest memory regions",
    },
    ENOMEM: {
      cause: 'the server could not allocate or map the region (calloc or mmap of the memory file failed)',
      fix: "check the server's memory limits and that the guest memory is a shareable file (memory-backend-file or memfd, share=on)",
    },
  },
  'vfu-dma-remove': {
    ENOENT: {
      cause:
        'the vfio-user client asked to remove a DMA region the server does not have with exactly that start and size (libvfio-user dma_controller_remove_region() needs an exact match): it was never added, already removed, or added with another size — usually harmless around a reset or reconnect, when client and server tables disagree',
      fix: 'nothing if the device keeps working; otherwise update client and server so that removes mirror adds exactly',
      severity: 'warning',
    },
  },
};

/** The explanation of an errno from a VFIO step that is not an ioctl, if the source gives it one. */
export function vfioStepErrno(step: VfioStepKind, f: Facts): VfioErrnoText | undefined {
  if (!f.errno) return undefined;
  return STEP[step][f.errno];
}

export const IOCTL_NAMES = Object.keys(IOCTL);

/** The explanation of an errno from one VFIO ioctl, if the kernel gives it one. */
export function vfioIoctlErrno(ioctl: string | undefined, f: Facts): VfioErrnoText | undefined {
  if (!ioctl || !f.errno) return undefined;
  return IOCTL[ioctl]?.[f.errno];
}
