/**
 * The generic tier: a line that names a VFIO or sysfs object and carries an errno in any spelling
 * ("-16", "errno 16", "Device or resource busy", "EBUSY", "(os error 16)", "[Errno 16]") but that no
 * specific entry recognises gets an explanation built from the object's kind and the errno, with
 * the kernel code that returns that errno for that object (sysfs-errno.ts, vfio-errno.ts). These
 * entries are tried only on lines no other entry matched (so they never hide a specific one) and
 * only when the line holds an errno (errno.ts findErrno(), read by the engine into `errno`); their
 * ids start with `generic.` and the JSON marks them `generic: true`.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { errnoText } from '../errno.js';
import { ex, render } from './build.js';
import { sysfsErrnoText, sysfsFileOf } from './sysfs-errno.js';
import {
  IOCTL_NAMES,
  NODE_NAMES,
  type VfioErrnoText,
  type VfioStepKind,
  vfioIoctlErrno,
  vfioNodeErrno,
  vfioNodeKind,
  vfioStepErrno,
} from './vfio-errno.js';

/** What an errno means in general, when the object's own table has nothing for it. */
const GENERAL: Record<string, string> = {
  EPERM: 'a capability, a device cgroup or a security policy refused the operation',
  EACCES: 'the file mode or owner (or a security label) does not let this user do it',
  ENOENT: 'the object does not exist (not created, not loaded, or not passed into this container)',
  EBUSY: 'the object is in use by someone else (another process, VM or driver)',
  EINVAL: 'the kernel rejected the value written or the state the object is in',
  ENODEV: 'no device or driver stands behind the object (unbound, removed, or not matching)',
  ENXIO: 'the device behind the object is not there (removed or not answering)',
  ENOMEM: 'memory, or a limit on it (locked memory, address space), ran out',
  ENOSPC: 'a resource the kernel allocates from (address space, instances, entries) is used up',
  EIO: 'the device or its driver failed the operation (dmesg at the same moment says more)',
  ENOTTY: 'the object does not support the operation (no such method or ioctl for it)',
  EOPNOTSUPP: 'the operation is not supported by this device, driver or kernel',
  EEXIST: 'it exists already (a second add of the same thing) — usually harmless in itself',
  EAGAIN: 'the kernel asks to retry later (a deferred probe, a busy resource)',
  EFAULT: 'the memory given cannot be used for this (not mapped, not pinnable)',
  ETIMEDOUT: 'the device did not answer in time',
  EROFS: '/sys or /dev is mounted read-only here (an unprivileged container or a sandboxed service)',
  ERANGE: 'the value is outside what the object accepts',
  E2BIG: 'the value or request is larger than the object accepts',
  ESPIPE:
    'the object is a character device (or pipe), not a file or disk: a program seeked in it, e.g. a /dev/vfio node given where a disk image or block device was expected',
};

function general(errno: string | undefined, what: string): { cause: string; fix: string } | undefined {
  if (!errno) return undefined;
  const g = GENERAL[errno];
  const text = errnoText(errno);
  return {
    cause: `${what} failed with ${errno}${text ? ` ("${text}")` : ''}: ${g ?? "an errno this object does not usually return; the program's other lines and dmesg say more"}`,
    fix: 'dmesg at the same moment usually names the device and the reason; `vfiokit groups` and `vfiokit doctor` show the host side',
  };
}

function sysfsRefine(f: Facts): Refinement | undefined {
  const path = f.path ?? '';
  if (f.errno === 'EISDIR') {
    const hugepages = /\/hugepages$/.test(path);
    return {
      title: `A script used the sysfs directory ${path} as a file`,
      cause: `the program read or wrote ${path} as if it were a file, but it is a directory (EISDIR) — a bug in the script: it expects a sysfs layout this kernel does not have, or builds the path without its last part (an empty variable)${hugepages ? '. Here it is the per-node hugepage directory: /sys/devices/system/node/nodeN/hugepages holds one hugepages-SIZEkB directory per page size, each with its own nr_hugepages and free_hugepages files' : ''}. Nothing was read or written, so the step did nothing`,
      fix: hugepages
        ? `use the file for the page size: ${path}/hugepages-2048kB/nr_hugepages (or hugepages-1048576kB for 1 GiB pages); fix the script (or update it from its project)`
        : 'look at the directory (`ls PATH`) for the file the script means, and fix the script or update it from its project',
    };
  }
  const file = sysfsFileOf(path);
  const name = path.split('/').pop() ?? path;
  const dir = path.slice(0, path.length - name.length - 1);
  const t = sysfsErrnoText(file, { ...f, path: dir });
  const title =
    file?.name === 'driver' && f.errno === 'ENOENT'
      ? "A device's driver link is missing: no driver is bound to it"
      : `The sysfs file ${name} refused the access (${f.errno ?? 'errno'})`;
  if (t) return { title, cause: t.cause, fix: t.fix, ...(t.severity ? { severity: t.severity } : {}) };
  const g = general(f.errno, `accessing ${path}`);
  return g ? { title, ...g } : { title };
}

function nodeRefine(f: Facts): Refinement | undefined {
  const kind = vfioNodeKind(f.node);
  if (!kind) return undefined;
  const title = `A VFIO device file failed: ${NODE_NAMES[kind]} (${f.errno ?? 'errno'})`;
  const t = vfioNodeErrno(kind, f);
  if (t) return { title, ...t };
  const g = general(f.errno, `using ${NODE_NAMES[kind]}`);
  return g ? { title, ...g } : { title };
}

/**
 * Other names of the same ioctls: QEMU's "VFIO_MAP_DMA", and rust-vmm's VfioError variants as their
 * Debug form prints them ("VfioMapRegion(DmaMap(IommuDmaMap(Error(17))))": crates/vfio-ioctls).
 */
const IOCTL_ALIASES: Record<string, string> = {
  VFIO_MAP_DMA: 'VFIO_IOMMU_MAP_DMA',
  IommuDmaMap: 'VFIO_IOMMU_MAP_DMA',
  IommuDmaUnmap: 'VFIO_IOMMU_UNMAP_DMA',
  GroupGetDeviceFD: 'VFIO_GROUP_GET_DEVICE_FD',
  ContainerSetIOMMU: 'VFIO_SET_IOMMU',
  GroupSetContainer: 'VFIO_GROUP_SET_CONTAINER',
  VfioDeviceGetRegionInfo: 'VFIO_DEVICE_GET_REGION_INFO',
  VfioDeviceGetInfo: 'VFIO_DEVICE_GET_INFO',
  VfioDeviceGetIrqInfo: 'VFIO_DEVICE_GET_IRQ_INFO',
};
/** rust-vmm's variants for opening the nodes. */
const NODE_VARIANTS: Record<string, string> = { OpenContainer: 'vfio/vfio', OpenGroup: 'vfio/0' };

function ioctlRefine(f: Facts): Refinement | undefined {
  const node = NODE_VARIANTS[f.ioctl ?? ''];
  if (node) return nodeRefine({ ...f, node, group: f.group ?? 'N' });
  const ioctl = IOCTL_ALIASES[f.ioctl ?? ''] ?? f.ioctl;
  const title = `A VFIO ioctl failed: ${ioctl} (${f.errno ?? 'errno'})`;
  const t = vfioIoctlErrno(ioctl, f);
  if (t) return { title, ...t };
  const g = general(f.errno, ioctl ?? 'the VFIO ioctl');
  return g ? { title, ...g } : { title };
}

/**
 * What a VFIO line that names no node, ioctl or sysfs file is about, from the words around the
 * errno: one VFIO step (attaching a group, setting the IOMMU type, binding to iommufd, interrupts,
 * regions and BARs, DMA map and unmap, vfio-user's DMA table, reset, migration, device queries),
 * a device's iommu_group link, an IOMMU group, a device, or VFIO at all.
 */
type VfioStep =
  | 'attach'
  | 'set-iommu'
  | 'iommufd-bind'
  | 'iommufd-attach'
  | 'irqs'
  | 'ioeventfd'
  | 'irq-info'
  | 'region-info'
  | 'device-info'
  | 'hot-reset-info'
  | 'hot-reset'
  | 'reset'
  | 'migration'
  | 'dma-unmap'
  | VfioStepKind;
type VfioContext = VfioStep | 'dma-map' | 'group-link' | 'group' | 'device' | 'vfio';

const CONTEXT_NAMES: Record<VfioContext, string> = {
  attach: 'attaching an IOMMU group to a container (VFIO_GROUP_SET_CONTAINER)',
  'set-iommu': "setting the container's IOMMU type (VFIO_SET_IOMMU)",
  'iommufd-bind': 'binding a device to iommufd (VFIO_DEVICE_BIND_IOMMUFD)',
  'iommufd-attach': 'attaching a device to an iommufd address space (VFIO_DEVICE_ATTACH_IOMMUFD_PT)',
  irqs: "setting up a device's interrupts (VFIO_DEVICE_SET_IRQS)",
  ioeventfd: 'registering a BAR write trigger (VFIO_DEVICE_IOEVENTFD)',
  'irq-info': "reading a device's interrupt info (VFIO_DEVICE_GET_IRQ_INFO)",
  'region-info': "reading a device's region info (VFIO_DEVICE_GET_REGION_INFO)",
  'device-info': "reading a device's info (VFIO_DEVICE_GET_INFO)",
  'hot-reset-info': 'asking which devices a hot reset affects (VFIO_DEVICE_GET_PCI_HOT_RESET_INFO)',
  'hot-reset': 'a slot or bus reset (VFIO_DEVICE_PCI_HOT_RESET)',
  reset: 'resetting a device (VFIO_DEVICE_RESET)',
  migration: "changing a device's migration state (VFIO_DEVICE_FEATURE MIG_DEVICE_STATE)",
  'dma-unmap': 'unmapping DMA memory (VFIO_IOMMU_UNMAP_DMA)',
  'region-rw': "reading or writing a device's region (a BAR through the device file)",
  mmap: "mapping a device's BAR into memory (mmap of a region)",
  'vfu-dma-add': "adding a DMA region to a vfio-user server's table",
  'vfu-dma-remove': "removing a DMA region from a vfio-user server's table",
  'dma-map': 'mapping memory for DMA (VFIO_IOMMU_MAP_DMA)',
  'group-link': "reading the device's iommu_group link",
  group: 'using an IOMMU group',
  device: 'opening or using a device for VFIO',
  vfio: 'a VFIO operation',
};

/** The ioctl behind each step that is one (its errno table is vfio-errno.ts IOCTL). */
const STEP_IOCTL: Partial<Record<VfioStep, string>> = {
  attach: 'VFIO_GROUP_SET_CONTAINER',
  'set-iommu': 'VFIO_SET_IOMMU',
  'iommufd-bind': 'VFIO_DEVICE_BIND_IOMMUFD',
  'iommufd-attach': 'VFIO_DEVICE_ATTACH_IOMMUFD_PT',
  irqs: 'VFIO_DEVICE_SET_IRQS',
  ioeventfd: 'VFIO_DEVICE_IOEVENTFD',
  'irq-info': 'VFIO_DEVICE_GET_IRQ_INFO',
  'region-info': 'VFIO_DEVICE_GET_REGION_INFO',
  'device-info': 'VFIO_DEVICE_GET_INFO',
  'hot-reset-info': 'VFIO_DEVICE_GET_PCI_HOT_RESET_INFO',
  'hot-reset': 'VFIO_DEVICE_PCI_HOT_RESET',
  reset: 'VFIO_DEVICE_RESET',
  migration: 'VFIO_DEVICE_FEATURE',
  'dma-unmap': 'VFIO_IOMMU_UNMAP_DMA',
};

/**
 * The words naming each step, as programs print them: spelled out rather than case-insensitive
 * (every literal goes into the engine's one scan), the longer of two overlapping words first.
 */
const STEP_WORDS: [VfioStep, string[]][] = [
  ['hot-reset-info', ['hot reset info', 'HOT_RESET_INFO', 'hot_reset_info', 'hot-reset info']],
  [
    'hot-reset',
    [
      'PCI_HOT_RESET',
      'hot reset',
      'Hot reset',
      'HOT_RESET',
      'hot_reset',
      'hot-reset',
      'bus reset',
      'Bus reset',
    ],
  ],
  [
    'attach',
    [
      'to container',
      'to the container',
      'to a container',
      'set container',
      'set_container',
      'SetContainer',
      'setContainer',
      'attach group',
      'attach the group',
      'attach_group',
      'group attach',
    ],
  ],
  [
    'iommufd-bind',
    ['bind iommufd', 'bind_iommufd', 'BIND_IOMMUFD', 'bind to iommufd', 'bind the device to iommufd'],
  ],
  [
    'iommufd-attach',
    [
      'attach ioas',
      'attach IOAS',
      'attach_ioas',
      'ATTACH_IOMMUFD_PT',
      'attach_pt',
      'attach to IOAS',
      'attach hwpt',
      'attach HWPT',
    ],
  ],
  [
    'set-iommu',
    ['set IOMMU', 'set iommu', 'set_iommu', 'SET_IOMMU', 'SetIommu', 'setIommu', 'IOMMU type', 'iommu type'],
  ],
  // An ioevent (a BAR write trigger) is no interrupt, though "ioeventfd" holds "eventfd".
  ['ioeventfd', ['ioeventfd', 'IOEVENTFD', 'ioevent fd']],
  ['irq-info', ['irq info', 'IRQ info', 'IRQ_INFO', 'irq_info', 'IrqInfo']],
  [
    'irqs',
    [
      'set irqs',
      'set IRQs',
      'set IRQS',
      'SET_IRQS',
      'set_irqs',
      'SetIrqs',
      'setIrqs',
      'setting IRQ',
      'enable MSI',
      'enable msi',
      'enable_msi',
      'enabling MSI',
      'MSI-X enable',
      'MSI enable',
      'msix enable',
      'enable INTx',
      'enable intx',
      'enable_intx',
      'INTx enable',
      'enable irq',
      'enable IRQ',
      'enable_irq',
      'enable interrupts',
      'irq type',
      'IRQ type',
      'irqfd',
      'eventfd',
    ],
  ],
  // "read region info" before region-rw's "read region".
  [
    'region-info',
    [
      'device region info',
      'read region info',
      'get region info',
      'region info',
      'REGION_INFO',
      'region_info',
      'RegionInfo',
      'regionInfo',
    ],
  ],
  ['device-info', ['device info', 'DEVICE_GET_INFO', 'get_device_info', 'DeviceGetInfo', 'GetInfo']],
  [
    'reset',
    [
      'device reset',
      'reset device',
      'reset the device',
      'reset failed',
      'DEVICE_RESET',
      'reset_device',
      'Reset device',
      'resetting',
      'Resetting',
      'reset of',
    ],
  ],
  [
    'migration',
    [
      'migration state',
      'migration_state',
      'MIG_DEVICE_STATE',
      'mig state',
      'mig_state',
      'device state',
      'device_state',
      'set state',
      'set_state',
      'migration',
    ],
  ],
  [
    'mmap',
    [
      'mmap BAR',
      'mmap of BAR',
      'mmap the BAR',
      'map BAR',
      'Map BAR',
      'BAR mmap',
      'mmap region',
      'mmap of region',
      'mmap failed',
      'mmap',
    ],
  ],
  [
    'region-rw',
    [
      'region read',
      'region write',
      'read region',
      'write region',
      'read from region',
      'write to region',
      'region access',
      'read BAR',
      'write BAR',
      'BAR read',
      'BAR write',
      'read from BAR',
      'write to BAR',
    ],
  ],
];

/**
 * Step words only VFIO uses, recognised without VFIO on the line (DPDK's pci_vfio.c prints "%s
 * cannot get device region info error %i (%s)" after its own "EAL: " tag). Each is in STEP_WORDS.
 */
const VFIO_ONLY_STEP_WORDS = [
  'device region info',
  'REGION_INFO',
  'SET_IRQS',
  'MIG_DEVICE_STATE',
  'HOT_RESET_INFO',
  'PCI_HOT_RESET',
  'BIND_IOMMUFD',
  'ATTACH_IOMMUFD_PT',
];

const STEP_OF = new Map<string, VfioStep>(STEP_WORDS.flatMap(([step, words]) => words.map((w) => [w, step])));
const STEP_RE = STEP_WORDS.flatMap(([, words]) => words).join('|');

function contextOf(f: Facts): VfioContext {
  if (f.unmap !== undefined) return 'dma-unmap';
  if (f.dmamap !== undefined) return 'dma-map';
  if (f.vfuadd !== undefined) return 'vfu-dma-add';
  if (f.vfuremove !== undefined) return 'vfu-dma-remove';
  const step = f.step === undefined ? undefined : STEP_OF.get(f.step);
  if (step) return step;
  if (f.grouplink !== undefined) return 'group-link';
  if (f.groupctx !== undefined) return 'group';
  if (f.devctx !== undefined) return 'device';
  return 'vfio';
}

/**
 * Errnos a device gives when it is opened or used through VFIO (torvalds/linux drivers/vfio/group.c
 * vfio_group_ioctl_get_device_fd(), vfio_main.c vfio_df_open(), drivers/vfio/pci/vfio_pci_core.c
 * vfio_pci_core_enable(), vfio_pci_core_setup_barmap() (pci_request_selected_regions()),
 * drivers/vfio/group.c vfio_group_find_or_alloc() (-EINVAL for a device without an IOMMU group).
 */
const DEVICE: Record<string, VfioErrnoText> = {
  EBUSY: {
    cause:
      "the device is held by someone else: another VM or process has it (or its IOMMU group) open, or, when its BARs are set up for access, another driver has requested the same memory (efifb, simplefb or vesafb keeping a GPU's framebuffer BAR: pci_request_selected_regions() returns -EBUSY)",
    fix: 'find the holder (`fuser -v /dev/vfio/*`, /proc/iomem for the BAR: a "BOOTFB", "efifb" or "vesafb" range inside it) and stop it: another VM, or the boot framebuffer (video=efifb:off, initcall_blacklist=sysfb_init on 5.15+)',
  },
  ENOENT: {
    cause:
      'the device or its VFIO node is not there: the device is not bound to vfio-pci (so /dev/vfio/N was never created), the address is wrong or stale, or the IOMMU is off so that the kernel made no IOMMU groups',
    fix: 'check the address with lspci -D, bind the device to vfio-pci (`vfiokit groups` shows its group and driver), and make sure the IOMMU is on (`vfiokit doctor`)',
  },
  ENODEV: {
    cause:
      'no VFIO driver stands behind the device: it is not bound to vfio-pci (or was unbound or removed since), or the name given is not the full address (0000:01:00.0) or mdev UUID that VFIO_GROUP_GET_DEVICE_FD looks up',
    fix: 'bind it to vfio-pci and give its full address',
  },
  EINVAL: {
    cause:
      'the kernel refused the device in this state: its group is not attached to a container with an IOMMU type set (or, before Linux 5.19, the group is not viable because a device in it is on a host driver), or, when binding, the device has no IOMMU group (vfio_group_find_or_alloc() returns -EINVAL: the IOMMU is off)',
    fix: 'bind every device of the group to vfio-pci, make sure the IOMMU is on (`vfiokit doctor`), and attach the group to a container before asking for the device',
  },
  EPERM: {
    cause:
      "the access was refused by policy, not by the file mode: a device cgroup or a container's device allowlist, SELinux/AppArmor, a missing capability, or no interrupt remapping (VFIO refuses a device whose MSIs cannot be isolated unless allow_unsafe_interrupts is set)",
    fix: "give the process the device (libvirt's cgroup_device_acl, the container's --device / device plugin, DeviceAllow=), check the audit log, and see the kernel's \"No interrupt remapping support\" line if there is one",
  },
  EACCES: {
    cause:
      'the user the program runs as may not open the VFIO node: /dev/vfio/N is root-owned with mode 0600 unless a udev rule or libvirt changes it',
    fix: 'start the VM through the system libvirt or give the user the node with a udev rule (SUBSYSTEM=="vfio", OWNER="user") and raise its memlock limit',
  },
  EIO: {
    cause:
      'the device did not do what was asked: it does not answer in config space (fallen off the bus, stuck in D3cold, or not back from a reset), or, for a mediated device (vGPU), the vendor driver refused to start the instance',
    fix: "read dmesg at the same moment (a reset or power-state line for the device); check `lspci -s ADDR -vv` answers; for a vGPU the vendor manager's log (journalctl -u nvidia-vgpu-mgr) says why",
  },
  ENXIO: {
    cause:
      'the device node has no device behind it: a stale /dev/vfio entry (a copied or bind-mounted /dev) whose group is gone, or the device was removed',
    fix: 'let devtmpfs provide /dev/vfio (recreate the container or pod with the current nodes) and check that the device is still present (lspci -D)',
  },
  ENOMEM: {
    cause:
      "memory could not be pinned for the device's DMA: the process's locked-memory limit (RLIMIT_MEMLOCK) is below the guest RAM (every page is pinned), or hugepages ran out",
    fix: "raise the memlock limit (ulimit -l, LimitMEMLOCK=, the pod's limits) above guest RAM; check the hugepage pool (/proc/meminfo)",
  },
};

/** Errnos anywhere on the VFIO path, when the line names no more precise object. */
const VFIO_GENERAL: Record<string, VfioErrnoText> = {
  ENOENT: {
    cause:
      'a VFIO object is missing: the vfio modules are not loaded, the device is not bound to vfio-pci (so its /dev/vfio/N node does not exist), or the IOMMU is off so that the kernel made no IOMMU groups',
    fix: 'turn the IOMMU on (`vfiokit doctor`), modprobe vfio-pci, and bind the device (`vfiokit groups`)',
  },
  EPERM: {
    cause:
      'VFIO refused by policy: a device cgroup or container allowlist, a security module, a missing capability (CAP_SYS_RAWIO for no-IOMMU, CAP_IPC_LOCK to lock memory with a memlock limit of 0), or a group that is not viable (a device in it on a host driver)',
    fix: 'give the process the device and the memlock limit it needs; bind every device of the group to vfio-pci; check the audit log',
  },
  EACCES: {
    cause:
      'file permissions on the VFIO nodes: /dev/vfio/N is root-only (0600) unless a udev rule or libvirt changes it',
    fix: 'start the VM through the system libvirt, or add a udev rule for the user',
  },
  ENOMEM: DEVICE.ENOMEM,
  ENOTTY: {
    cause:
      'the VFIO file did not know the request: every VFIO file answers -ENOTTY to a request code it does not handle (vfio_fops_unl_ioctl(), vfio_group_fops_unl_ioctl(), vfio_pci_core_ioctl()), so the program computed the ioctl number wrongly, sent it to the wrong descriptor (container, group and device each take their own requests), or asked for a feature this kernel or device lacks',
    fix: "compare the program's ioctl numbers with linux/vfio.h and the descriptor it uses; for a feature, check the kernel version that added it",
  },
};

function refineTable(ctx: VfioContext, f: Facts): VfioErrnoText | undefined {
  const errno = f.errno;
  if (!errno) return undefined;
  const ioctl = STEP_IOCTL[ctx as VfioStep];
  if (ioctl) return vfioIoctlErrno(ioctl, f);
  switch (ctx) {
    case 'region-rw':
    case 'mmap':
    case 'vfu-dma-add':
    case 'vfu-dma-remove':
      return vfioStepErrno(ctx, f);
    case 'dma-map':
      return vfioIoctlErrno('VFIO_IOMMU_MAP_DMA', f);
    case 'group-link':
      return errno === 'ENOENT'
        ? {
            cause:
              'the device has no iommu_group link in sysfs. For a PCI device the kernel made no IOMMU groups, because the IOMMU is off in the firmware (VT-d / AMD-Vi) or on the kernel command line (intel_iommu=on before 6.2 for Intel), or not supported; or the address is wrong. For a mediated device (a vGPU under /sys/bus/mdev/devices/UUID) the link appears only when a VFIO driver binds the mdev and gives it its group: before Linux 5.16 that is the vfio_mdev module (mdev_probe() attaches the IOMMU group), so with vfio_mdev (and vfio_iommu_type1 for the container) not loaded the mdev exists but has no iommu_group',
            fix: 'for a PCI device enable the IOMMU in the firmware and on the kernel command line, reboot, and check /sys/kernel/iommu_groups (`vfiokit doctor`); for an mdev load the modules (modprobe vfio_mdev vfio_iommu_type1 on kernels before 5.16, and list them in /etc/modules-load.d/) and recreate the mdev',
          }
        : undefined;
    case 'group':
      return vfioNodeErrno('group', { ...f, group: f.group ?? 'N' });
    case 'device':
      return DEVICE[errno];
    case 'vfio':
      return VFIO_GENERAL[errno];
    default:
      return undefined;
  }
}

function contextRefine(f: Facts): Refinement | undefined {
  const ctx = contextOf(f);
  const title = `VFIO failed ${CONTEXT_NAMES[ctx]} (${f.errno ?? 'errno'})`;
  const t = refineTable(ctx, f);
  if (t) return { title, ...t };
  const g = general(f.errno, CONTEXT_NAMES[ctx]);
  return g ? { title, ...g } : { title };
}

export const GENERIC_ENTRIES: CatalogueEntry[] = [
  {
    id: 'generic.sysfs-errno',
    source: 'userspace tool',
    cite: 'the errno from the sysfs store or show of the file named (torvalds/linux drivers/base/bus.c bind_store(), unbind_store(), drivers_probe_store(); drivers/pci/pci-driver.c new_id_store(); drivers/pci/pci-sysfs.c reset_store(), pci_read_rom(); drivers/pci/iov.c sriov_numvfs_store(); drivers/vfio/mdev/mdev_sysfs.c create_store(); the rest in sysfs-errno.ts)',
    format: 'write to %s returned errno=%d',
    tier: 'generic',
    patterns: [/(?<path>\/sys\/[\w.:\\/+-]{1,240}[\w-])/],
    severity: 'error',
    title: 'A sysfs file refused the access',
    cause: 'a program reading or writing a sysfs file got an errno; the file and the errno decide why',
    fix: 'see the cause for this file and errno',
    refine: sysfsRefine,
    render: render('controller: ', '/sys/bus/pci/drivers/vfio-pci/bind', 19),
    examples: [
      ex('E1202 handler: bind of 0000:65:00.0 via /sys/bus/pci/drivers/vfio-pci/bind returned errno=19', {
        path: '/sys/bus/pci/drivers/vfio-pci/bind',
        errno: 'ENODEV',
      }),
      ex(
        'level=error msg="writing 8 to /sys/bus/pci/devices/0000:3b:00.0/sriov_numvfs failed" error="numerical result out of range"',
        { errno: 'ERANGE' },
      ),
      ex('warning: /sys/bus/pci/devices/0000:01:00.0/power/control write returned -13', { errno: 'EACCES' }),
    ],
  },
  {
    id: 'generic.vfio-node-errno',
    source: 'userspace tool',
    cite: 'the errno from the open of the node (torvalds/linux drivers/vfio/group.c vfio_group_fops_open(), drivers/vfio/vfio_main.c, drivers/iommu/iommufd/main.c; see vfio-errno.ts per node)',
    format: '%s: %s',
    tier: 'generic',
    patterns: [
      /\/dev\/(?<node>vfio\/(?:vfio|noiommu-(?<nogroup>\d{1,6})|(?<group>\d{1,6})|devices\/vfio\d{1,6})|iommu)\b/,
    ],
    severity: 'error',
    title: 'A VFIO device file failed',
    cause: 'a program using a VFIO node got an errno; the node and the errno decide why',
    fix: 'see the cause for this node and errno',
    refine: nodeRefine,
    render: render('vmm: ', '/dev/vfio/12 (group 12) not usable', 'EBUSY'),
    examples: [
      ex('vmm: /dev/vfio/12 (group 12) not usable, errno 16', {
        node: 'vfio/12',
        group: '12',
        errno: 'EBUSY',
      }),
      ex('level=error msg="cannot use /dev/vfio/vfio for the container" error="permission denied"', {
        node: 'vfio/vfio',
        errno: 'EACCES',
      }),
    ],
  },
  {
    id: 'generic.vfio-ioctl-errno',
    source: 'userspace tool',
    cite: `the errno from the ioctl (torvalds/linux drivers/vfio/group.c vfio_group_ioctl_set_container(), vfio_group_ioctl_get_device_fd(); container.c vfio_ioctl_set_iommu(); vfio_iommu_type1.c vfio_dma_do_map(); device_cdev.c vfio_df_ioctl_bind_iommufd(); see vfio-errno.ts for ${IOCTL_NAMES.join(', ')})`,
    format: '%s: %s',
    tier: 'generic',
    patterns: [
      /\b(?<ioctl>VFIO_[A-Z0-9_]{3,40}|IOMMU_[A-Z0-9_]{3,40})\b/,
      /\b(?<ioctl>IommuDmaMap|IommuDmaUnmap|GroupGetDeviceFD|ContainerSetIOMMU|GroupSetContainer|VfioDeviceGetRegionInfo|VfioDeviceGetInfo|VfioDeviceGetIrqInfo|OpenContainer|OpenGroup)\(/,
    ],
    severity: 'error',
    title: 'A VFIO ioctl failed',
    cause: 'a program issuing a VFIO ioctl got an errno; the ioctl and the errno decide why',
    fix: 'see the cause for this ioctl and errno',
    refine: ioctlRefine,
    render: render('vmm: ioctl ', 'VFIO_GROUP_SET_CONTAINER', 'failed, errno 1'),
    examples: [
      ex('vmm: ioctl VFIO_GROUP_SET_CONTAINER failed, errno 1', {
        ioctl: 'VFIO_GROUP_SET_CONTAINER',
        errno: 'EPERM',
      }),
      ex('ioctl(fd, VFIO_GROUP_GET_DEVICE_FD, "0000:01:00.0") = -19', { errno: 'ENODEV' }),
      ex('VFIO_SET_IOMMU: Device or resource busy', { errno: 'EBUSY' }),
      // The map error's own Debug form (VfioMapRegion(DmaMap(IommuDmaMap(…)))) has a specific entry
      // (cloud-hypervisor.dma-map-failed); other variants of the same enum reach this tier.
      ex('Error: VfioDeviceGetRegionInfo(Error(22))', { ioctl: 'VfioDeviceGetRegionInfo', errno: 'EINVAL' }),
      ex('Error: VfioDeviceGetIrqInfo(Error(22))', { ioctl: 'VfioDeviceGetIrqInfo', errno: 'EINVAL' }),
    ],
  },
  {
    id: 'generic.vfio-context-errno',
    source: 'userspace tool',
    cite: "the errno from the VFIO step the line names (torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map(), vfio_dma_do_unmap(), vfio_pin_pages_remote(); drivers/vfio/container.c vfio_fops_unl_ioctl(), vfio_container_attach_group(); drivers/vfio/group.c vfio_group_fops_open(), vfio_group_ioctl_set_container(), vfio_group_find_or_alloc(), vfio_group_ioctl_get_device_fd(); drivers/vfio/device_cdev.c vfio_df_ioctl_bind_iommufd(), vfio_df_ioctl_attach_pt(); drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_ioctl(), vfio_pci_core_mmap(), vfio_pci_core_enable(), vfio_pci_dev_set_hot_reset(); drivers/vfio/pci/vfio_pci_intrs.c vfio_pci_set_irqs_ioctl(), vfio_msi_enable(), vfio_intx_enable(); drivers/vfio/pci/vfio_pci_rdwr.c vfio_pci_bar_rw(); drivers/vfio/vfio_main.c vfio_ioctl_device_feature_mig_device_state(); drivers/pci/pci.c pci_try_reset_function(); nutanix/libvfio-user lib/dma.c dma_controller_add_region(), dma_controller_remove_region(); each step's table in vfio-errno.ts)",
    format: '%s: %s',
    tier: 'generic',
    // From the most precise context to the least: the first that matches names it (contextOf()).
    patterns: [
      // Spelled out rather than case-insensitive: every literal goes into the engine's one scan.
      // An unmap before a map: "unmap DMA" holds "map DMA".
      /(?<unmap>unmap DMA|Unmap DMA|DMA unmap|dma unmap|dma_unmap|UNMAP_DMA|unmap_dma|DmaUnmap|dmaUnmap|DMA-unmap|dma-unmap)/,
      // libvfio-user's own words for the client's DMA_MAP / DMA_UNMAP (lib/libvfio-user.c).
      /(?<vfuadd>add DMA region|adding DMA region)/,
      /(?<vfuremove>remove DMA region|removing DMA region)/,
      /(?<dmamap>DMA map|dma map|DMA_MAP|dma_map|MAP_DMA|map_dma|MAP DMA|map DMA|Map DMA|DmaMap|dmaMap|DMA-map|dma-map)/,
      // A step's words are common ones ("reset", "eventfd"): the line must also say VFIO, after or
      // before them; the bounded gap keeps each try linear.
      new RegExp(`(?:vfio|VFIO|Vfio|iommufd)[^\\n]{0,200}?(?<step>${STEP_RE})`),
      new RegExp(`(?<step>${STEP_RE})[^\\n]{0,200}?(?:vfio|VFIO|Vfio|iommufd)`),
      new RegExp(`(?<step>${VFIO_ONLY_STEP_WORDS.join('|')})`),
      /(?<grouplink>iommu_group)\b/,
      /(?<groupctx>VFIO group|vfio group|Vfio group|IOMMU group|iommu group|vfio_group|group (?:file|fd|node|\d{1,6}\b))/,
      /(?<devctx>VFIO device|vfio device|vfio-pci device|vfio_pci|vfio-pci|device fd|device FD|hostdev|passthrough|pass-through|Passthrough)/,
      /(?<vfioctx>vfio|VFIO|Vfio|iommu|IOMMU|Iommu)/,
    ],
    severity: 'error',
    title: 'A VFIO step failed',
    cause:
      'a program on the VFIO path got an errno; what the line is about (DMA mapping, a group, a device) and the errno decide why',
    fix: 'see the cause for this step and errno',
    refine: contextRefine,
    render: render('vmm: ', 'failed to map DMA for the device', 'Cannot allocate memory'),
    examples: [
      ex('vmm: failed to map DMA for the device: Cannot allocate memory', { errno: 'ENOMEM' }),
      ex('ERROR: could not open the VFIO group of 0000:03:00.0: [Errno 16] Device or resource busy', {
        errno: 'EBUSY',
      }),
      ex('passthrough: cannot read iommu_group of 0000:03:00.0: Os { code: 2, kind: NotFound }', {
        errno: 'ENOENT',
      }),
      ex('hostdev 0000:41:00.0 setup failed: errno=5', { errno: 'EIO' }),
      ex(
        '[2021-05-04 10:25:25.312248] vfio_user.c:1484:vfio_user_log: *ERROR*: /var/tmp: failed to add DMA region [0xc4000, 0xe8000) offset=0xc4000 prot=0x1 flags=0x1: Invalid argument',
        { vfuadd: 'add DMA region', errno: 'EINVAL' },
        'https://github.com/nutanix/libvfio-user/issues/463',
      ),
      ex(
        '[2021-05-04 10:25:25.306594] vfio_user.c:1484:vfio_user_log: *ERROR*: /var/tmp: failed to remove DMA region [0xc0000, 0xe0000) offset=0 prot=0 flags=0: No such file or directory',
        { vfuremove: 'remove DMA region', errno: 'ENOENT' },
        'https://github.com/nutanix/libvfio-user/issues/218',
      ),
      ex(
        '2025-07-21 23:04:06,017 ERROR src.cli.vfio_handler:   23:04:06 │ ERROR  │ [VFIO] Failed to link group 14 to container: [Errno 25] Inappropriate ioctl for device',
        { step: 'to container', errno: 'ENOTTY' },
        'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/152',
      ),
      ex('vmm: vfio: failed to set irqs for MSI-X: Device or resource busy', {
        step: 'set irqs',
        errno: 'EBUSY',
      }),
      ex('Error: failed to enable MSI-X for the VFIO device: errno 28', {
        step: 'enable MSI',
        errno: 'ENOSPC',
      }),
      ex('vfio 0000:65:00.0: hot reset failed: Invalid argument', { step: 'hot reset', errno: 'EINVAL' }),
      ex('vfio: device reset failed: Inappropriate ioctl for device', {
        step: 'device reset',
        errno: 'ENOTTY',
      }),
      ex('vfio: set migration state STOP_COPY: Inappropriate ioctl for device (os error 25)', {
        errno: 'ENOTTY',
      }),
      ex('vfio_dma_unmap(iova=0x100000000, size=0x1000) failed: Invalid argument', { errno: 'EINVAL' }),
      // DPDK drivers/bus/pci/linux/pci_vfio.c: "%s cannot get device region info error %i (%s)".
      ex('EAL: 0000:01:00.0 cannot get device region info error 22 (Invalid argument)', {
        step: 'device region info',
        errno: 'EINVAL',
      }),
    ],
  },
];
