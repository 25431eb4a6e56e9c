/**
 * The generic tier: a line that names a VFIO or sysfs object and carries an errno in any spelling
 * ("-16", "errno 16", "Device or resource busy", "EBUSY", "(os error 16)", "[Errno 16]") but that no
 * specific entry recognises gets an explanation built from the object's kind and the errno, with
 * the kernel code that returns that errno for that object (sysfs-errno.ts, vfio-errno.ts). These
 * entries are tried only on lines no other entry matched (so they never hide a specific one) and
 * only when the line holds an errno (errno.ts findErrno(), read by the engine into `errno`); their
 * ids start with `generic.` and the JSON marks them `generic: true`.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { errnoText } from '../errno.js';
import { ex, render } from './build.js';
import { sysfsErrnoText, sysfsFileOf } from './sysfs-errno.js';
import { IOCTL_NAMES, NODE_NAMES, vfioIoctlErrno, vfioNodeErrno, vfioNodeKind } from './vfio-errno.js';

type Facts = Readonly<Record<string, string>>;

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
  const file = sysfsFileOf(path);
  const name = path.split('/').pop() ?? path;
  const dir = path.slice(0, path.length - name.length - 1);
  const t = sysfsErrnoText(file, { ...f, path: dir });
  const title = `The sysfs file ${name} refused the access (${f.errno ?? 'errno'})`;
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
      /\b(?<ioctl>IommuDmaMap|IommuDmaUnmap|GroupGetDeviceFD|ContainerSetIOMMU|GroupSetContainer|VfioDeviceGetRegionInfo|VfioDeviceGetInfo|OpenContainer|OpenGroup)\(/,
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
    ],
  },
];
