/**
 * Opening the VFIO device files, and the first VFIO ioctls, failing — as the programs other than
 * QEMU and DPDK (which have their own entries) print it: rust-vmm's vfio-ioctls (Cloud Hypervisor,
 * Firecracker forks, Dragonball), Go (KubeVirt, Kata, device plugins: os.PathError), Python
 * (OSError), Node.js, and C tools that print "PATH: strerror". The node (/dev/vfio/vfio, /dev/vfio/N,
 * /dev/vfio/noiommu-N, /dev/vfio/devices/vfioN, /dev/iommu) and the errno are read as facts and
 * pick the cause from the kernel code that returns it (vfio-errno.ts).
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';
import { NODE_NAMES, vfioIoctlErrno, vfioNodeErrno, vfioNodeKind } from './vfio-errno.js';

/** A /dev node of VFIO or iommufd, with the group number read when it has one. */
const NODE =
  '\\/dev\\/(?<node>vfio\\/(?:vfio|noiommu-(?<nogroup>\\d{1,6})|(?<group>\\d{1,6})|devices\\/vfio\\d{1,6})|iommu)';

function refineNode(f: Facts): Refinement | undefined {
  const kind = vfioNodeKind(f.node);
  if (!kind) return undefined;
  const t = vfioNodeErrno(kind, { ...f, group: f.group ?? f.nogroup ?? '' });
  const title = `Opening ${NODE_NAMES[kind]} failed${f.errno ? ` (${f.errno})` : ''}`;
  return t ? { title, cause: t.cause, fix: t.fix } : { title };
}

const RUST_VMM = 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError (Display)';

export const VFIO_OPEN_ENTRIES: CatalogueEntry[] = [
  {
    id: 'vfio.node-open-failed',
    source: 'userspace tool',
    cite: `the errno: torvalds/linux drivers/vfio/group.c vfio_group_fops_open(), drivers/vfio/vfio_main.c, drivers/iommu/iommufd/main.c; the wording: ${RUST_VMM} OpenContainer/OpenGroup, Go os.PathError, Python OSError, Node.js fs errors, C "PATH: strerror"`,
    format: 'open %s: %s',
    versions:
      'Go os.PathError: "open /dev/vfio/N: device or resource busy" (the format above); rust-vmm: "failed to open /dev/vfio/vfio container: {0}" and "failed to open /dev/vfio/{1} group: {0}" (io::Error Display "… (os error N)"; the QEMU entries read these too, with the same causes); Python: "[Errno 16] Device or resource busy: \'/dev/vfio/N\'"; Node.js: "EBUSY: resource busy or locked, open \'/dev/vfio/N\'"',
    tier: 'fallback',
    patterns: [
      new RegExp(`${NODE}(?: container| group)?['"\`]?: ?(?<err>[^\\n]{1,80})`),
      new RegExp(`\\[Errno (?<errno>\\d{1,4})\\] [^\\n:]{1,60}: '${NODE}'`),
      new RegExp(`\\b(?<errno>E[A-Z]{2,12}): [^\\n,]{1,60}, open '${NODE}'`),
    ],
    severity: 'error',
    title: 'Opening a VFIO device file failed',
    cause:
      'a program could not open a VFIO node; which node and which errno decide why (a missing node, permissions, a cgroup, another process holding the group)',
    fix: '`vfiokit groups` shows the groups and their drivers; `fuser -v /dev/vfio/*` shows who holds them',
    refine: refineNode,
    render: render('Error: ', '/dev/vfio/12', 'device or resource busy'),
    examples: [
      ex('Error: open /dev/vfio/12: device or resource busy', {
        node: 'vfio/12',
        group: '12',
        errno: 'EBUSY',
      }),
      ex('crosvm: /dev/vfio/vfio: No such file or directory (os error 2)', {
        node: 'vfio/vfio',
        errno: 'ENOENT',
      }),
      ex('open /dev/vfio/devices/vfio0: no such file or directory', {
        node: 'vfio/devices/vfio0',
        errno: 'ENOENT',
      }),
      ex("PermissionError: [Errno 13] Permission denied: '/dev/vfio/7'", { group: '7', errno: 'EACCES' }),
      ex(
        "08:10:12 ERROR   08:10:12 │ ERROR  │ Failed to open /dev/vfio/20: [Errno 16] Device or resource busy: '/dev/vfio/20'",
        { group: '20', errno: 'EBUSY' },
        'https://github.com/VoltCyclone/PCILeechFWGenerator/issues/79',
      ),
      ex("Error: EBUSY: resource busy or locked, open '/dev/vfio/3'", { group: '3', errno: 'EBUSY' }),
      ex('open /dev/vfio/noiommu-0: operation not permitted', { nogroup: '0', errno: 'EPERM' }),
      ex('open /dev/iommu: no such file or directory', { node: 'iommu', errno: 'ENOENT' }),
    ],
  },
  {
    id: 'rust-vmm.group-not-viable',
    source: 'rust-vmm',
    cite: `${RUST_VMM} GroupViable (VfioGroup::new() checks VFIO_GROUP_FLAGS_VIABLE from VFIO_GROUP_GET_STATUS)`,
    format: 'group is not viable',
    patterns: [/(?:^|: |\(|Error: )group is not viable/],
    severity: 'error',
    title: 'The IOMMU group is not viable (rust-vmm: Cloud Hypervisor and others)',
    cause:
      "VFIO_GROUP_GET_STATUS says the group is not viable: some device of the group is bound to a host driver that uses DMA (e.g. the GPU's HDMI audio function on snd_hda_intel); bridges on pcieport do not count",
    fix: 'bind every endpoint of the group to vfio-pci (or leave it without a driver); `vfiokit groups` lists what to bind',
    render: render('Error: '),
    examples: [ex('Error: VfioGroup: group is not viable')],
  },
  {
    id: 'rust-vmm.group-set-container-failed',
    source: 'rust-vmm',
    cite: `${RUST_VMM} GroupSetContainer (VFIO_GROUP_SET_CONTAINER; errno from torvalds/linux drivers/vfio/group.c vfio_group_ioctl_set_container(), container.c vfio_container_attach_group())`,
    format: 'failed to add vfio group into vfio container',
    patterns: [/failed to add vfio group into vfio container/],
    severity: 'error',
    title: 'The IOMMU group could not join the VFIO container (rust-vmm)',
    cause:
      'VFIO_GROUP_SET_CONTAINER failed (the message keeps no errno): most often the group is not viable — a device of the group is on a host driver that uses DMA, so iommu_group_claim_dma_owner() refuses (EPERM) — or the group is attached already / held by another process',
    fix: 'bind every endpoint of the group to vfio-pci (`vfiokit groups`); make sure no other VMM holds the group (`fuser -v /dev/vfio/N`)',
    render: render('Error: '),
    examples: [ex('Error: VfioError(GroupSetContainer): failed to add vfio group into vfio container')],
  },
  {
    id: 'rust-vmm.set-iommu-failed',
    source: 'rust-vmm',
    cite: `${RUST_VMM} ContainerSetIOMMU (VFIO_SET_IOMMU; errno from torvalds/linux drivers/vfio/container.c vfio_ioctl_set_iommu(), vfio_iommu_type1.c vfio_iommu_type1_attach_group())`,
    format: "failed to set container's IOMMU driver type as VfioType1V2: %s",
    patterns: [/failed to set container's IOMMU driver type as VfioType1V2: (?<err>[^\n]{1,80})/],
    severity: 'error',
    title: 'The VFIO container refused the type1 IOMMU (rust-vmm)',
    cause: 'VFIO_SET_IOMMU failed; the errno says why',
    fix: "see the cause; dmesg at the same moment usually has the kernel's reason",
    refine: (f) => vfioIoctlErrno('VFIO_SET_IOMMU', f),
    render: render('', 'Operation not permitted (os error 1)'),
    examples: [
      ex("failed to set container's IOMMU driver type as VfioType1V2: Operation not permitted (os error 1)", {
        errno: 'EPERM',
      }),
    ],
  },
  {
    id: 'rust-vmm.get-device-fd-failed',
    source: 'rust-vmm',
    cite: `${RUST_VMM} GroupGetDeviceFD (VFIO_GROUP_GET_DEVICE_FD; errno from torvalds/linux drivers/vfio/group.c vfio_group_ioctl_get_device_fd())`,
    format: 'failed to get vfio device fd: %s',
    patterns: [/failed to get vfio device fd: (?<err>[^\n]{1,80})/],
    severity: 'error',
    title: 'The VFIO device could not be opened from its group (rust-vmm)',
    cause: 'VFIO_GROUP_GET_DEVICE_FD failed; the errno says why',
    fix: 'see the cause',
    refine: (f) => vfioIoctlErrno('VFIO_GROUP_GET_DEVICE_FD', f),
    render: render('', 'Invalid argument (os error 22)'),
    examples: [
      ex('failed to get vfio device fd: Invalid argument (os error 22)', { errno: 'EINVAL' }),
      ex('VfioDevice: failed to get vfio device fd: Input/output error (os error 5)', { errno: 'EIO' }),
    ],
  },
  {
    id: 'rust-vmm.no-type1v2',
    source: 'rust-vmm',
    cite: `${RUST_VMM} VfioType1V2 (VFIO_CHECK_EXTENSION(VFIO_TYPE1v2_IOMMU) returned 0)`,
    format: "container doesn't support VfioType1V2 IOMMU driver type",
    patterns: [/container doesn't support VfioType1V2 IOMMU driver type/],
    severity: 'error',
    title: 'No type1 IOMMU backend for the VFIO container',
    cause:
      'the container offers no VFIO_TYPE1v2_IOMMU: the vfio_iommu_type1 module is not loaded (vfio-pci normally pulls it in), or the platform has no IOMMU VFIO can use',
    fix: 'modprobe vfio_iommu_type1 (and vfio-pci); enable the IOMMU (`vfiokit doctor`)',
    render: render('Error: '),
    examples: [ex("Error: container doesn't support VfioType1V2 IOMMU driver type")],
  },
];
