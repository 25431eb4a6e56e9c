/**
 * Catalogue entries for the newer VFIO access path and for containers handed VFIO devices:
 * - QEMU's iommufd backend (hw/vfio/iommufd.c): the device cdev /dev/vfio/devices/vfioN is bound
 *   to an iommufd (VFIO_DEVICE_BIND_IOMMUFD) and attached to an IO address space
 *   (VFIO_DEVICE_ATTACH_IOMMUFD_PT). The kernel side is drivers/iommu/iommufd/device.c
 *   iommufd_device_bind(): EPERM when the platform cannot isolate MSIs and allow_unsafe_interrupts
 *   is off (silently: the dev_warn is printed only when the override lets the device through),
 *   EINVAL when the IOMMU cannot enforce cache coherency, and the DMA-ownership claim fails with
 *   EBUSY while another user (a kernel driver, or the legacy group/container path) owns the group.
 * - Container engines: a device passed with `--device /dev/vfio/N` must exist on the host when
 *   the container is created; the engine reports the stat() failure of the node. Kata Containers
 *   runs the container in a VM and must be told which PCIe port type to plug VFIO devices into.
 */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const QEMU_DEV =
  'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: ';
/** strerror() text after "%m" (error_setg_errno() appends ": <strerror>"). */
const ERR = '(?::\\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?';

export const IOMMUFD_RUNTIME_ENTRIES: CatalogueEntry[] = [
  {
    id: 'qemu.iommufd-bind-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_connect_and_bind()',
    format: 'error bind device fd=%d to iommufd=%d: %m',
    versions: 'QEMU 8.2+ (the iommufd backend: -object iommufd plus iommufd= on vfio-pci)',
    patterns: [new RegExp(`error bind device fd=(?<fd>\\d{1,6}) to iommufd=(?<iommufd>\\d{1,6})${ERR}`)],
    severity: 'error',
    title: 'The device could not be bound to iommufd',
    cause: 'VFIO_DEVICE_BIND_IOMMUFD failed; the errno says why',
    fix: 'see the cause; or drop iommufd= to use the legacy /dev/vfio/N container',
    refine: (f) => {
      switch (f.errno) {
        case 'EPERM':
          return {
            cause:
              'the kernel refused the device because the platform cannot isolate its MSIs (no interrupt remapping) and allow_unsafe_interrupts is off (iommufd_device_bind() returns EPERM without a log line); the legacy container path refuses the same case with "No interrupt remapping support"',
            fix: 'enable interrupt remapping in the firmware (VT-d / AMD-Vi with IR); only for trusted guests: the iommufd module parameter allow_unsafe_interrupts=1',
          };
        case 'EBUSY':
          return {
            cause:
              "the device's IOMMU group is owned by someone else: a host driver is still bound to a device of the group, or another process uses the group through /dev/vfio/N or another iommufd",
            fix: 'bind every device of the group to vfio-pci (`vfiokit groups`) and stop the other user (`fuser -v /dev/vfio/N /dev/vfio/devices/*`)',
          };
        case 'EINVAL':
          return {
            cause:
              'the IOMMU serving this device cannot enforce cache coherency for DMA, which iommufd requires (iommufd_device_bind() refuses it)',
            fix: 'use the legacy container path (drop iommufd=), which accepts such devices',
          };
        case 'ENODEV':
          return {
            cause: 'no IOMMU translates for this device: the IOMMU is off or the device has no IOMMU group',
            fix: 'turn the IOMMU on (`vfiokit doctor` shows what is missing)',
          };
        default:
          return undefined;
      }
    },
    render: render(QEMU_DEV, 23, 24, 'Operation not permitted'),
    examples: [
      ex(`${QEMU_DEV}error bind device fd=23 to iommufd=24: Operation not permitted`, { errno: 'EPERM' }),
      ex(`${QEMU_DEV}error bind device fd=23 to iommufd=24: Device or resource busy`, { errno: 'EBUSY' }),
    ],
  },
  {
    id: 'qemu.iommufd-attach-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_attach_ioas_hwpt()',
    format: '[iommufd=%d] error attach %s (%d) to id=%d: %m',
    versions:
      'QEMU 8.2 said "to ioasid=%d"; a hardware page table is named "hwpt_id=%d" in the nesting series',
    patterns: [
      new RegExp(
        `error attach (?<dev>[\\w:.-]{1,64}) \\((?<fd>\\d{1,6})\\) to (?:ioas|hwpt_)?id=(?<ioas>\\d{1,6})${ERR}`,
      ),
    ],
    severity: 'error',
    title: 'The device could not join the VM address space (iommufd)',
    cause:
      'VFIO_DEVICE_ATTACH_IOMMUFD_PT failed: the IOMMU domain QEMU tried to attach the device to does not suit it',
    fix: 'read dmesg at the same moment; assigning the device without iommufd= (legacy container) is the fallback',
    refine: (f) =>
      f.errno === 'EINVAL'
        ? {
            cause:
              "the device's IOMMU cannot join the existing IO address space: devices behind IOMMUs with different capabilities, or a reserved range of this device (an RMRR or MSI window) overlaps memory already mapped",
            fix: 'compare /sys/kernel/iommu_groups/N/reserved_regions with guest memory; give the device its own iommufd object, or use the legacy container',
          }
        : f.errno === 'EBUSY'
          ? {
              cause: 'the device is already attached to another address space (another user of the group)',
              fix: 'stop the other user of the group',
            }
          : undefined,
    render: render(
      'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: ',
      24,
      '0000:01:00.0',
      23,
      2,
      'Invalid argument',
    ),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: [iommufd=24] error attach 0000:01:00.0 (23) to ioasid=2: Invalid argument',
        { dev: '0000:01:00.0', errno: 'EINVAL' },
      ),
    ],
  },
  {
    id: 'runtime.kata-vfio-port-unset',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/runtime/virtcontainers (VFIO device placement; wording from the public report)',
    format:
      'cold_plug_vfio= or hot_plug_vfio= port is not set for device %s (BridgePort | RootPort | SwitchPort)',
    patterns: [new RegExp(`cold_plug_vfio= or hot_plug_vfio= port is not set for device ${BDF}`)],
    severity: 'error',
    title: 'Kata does not know where to plug the VFIO device',
    cause:
      'Kata Containers needs a PCIe port type for VFIO devices (cold_plug_vfio or hot_plug_vfio = "root-port", "switch-port" or "bridge-port") in the configuration.toml the runtime actually loads; none is set there, so the pod sandbox is not created',
    fix: 'set cold_plug_vfio = "root-port" (and pcie_root_port to the number of devices) in the configuration file of the runtime class in use: containerd may point kata at its own ConfigPath (e.g. /opt/kata/share/defaults/kata-containers/configuration-qemu.toml), not /etc/kata-containers/configuration.toml',
    render: render('failed to create shim task: ', '0000:5e:02.1'),
    examples: [
      ex(
        'Warning  FailedCreatePodSandBox  5s    kubelet,xxx.host  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: cold_plug_vfio= or hot_plug_vfio= port is not set for device 0000:5e:02.1 (BridgePort | RootPort | SwitchPort): unknown',
        { bdf: '0000:5e:02.1' },
        'https://github.com/kata-containers/kata-containers/issues/9014',
      ),
    ],
  },
  {
    id: 'runtime.vfio-device-node-missing',
    source: 'container runtime',
    cite: 'moby/moby oci/devices_linux.go DevicesFromPath()',
    format: 'error gathering device information while adding custom device "%s": %s',
    versions:
      'Go: fmt.Errorf("... custom device %q: %s", path, err); docker prints it as "docker: Error response from daemon: [linux runtime spec devices: ]error gathering ..."; crun (podman\'s default runtime, src/libcrun/linux.c) says "error stat\'ing file `%s`: %s"; other Go tools (podman, device plugins) pass on os.Stat\'s "stat /dev/vfio/N: no such file or directory"',
    patterns: [
      /error gathering device information while adding custom device "\/dev\/vfio\/(?<node>vfio|\d{1,6})": (?<err>[a-z][a-z /-]{2,60})/,
      /error stat'ing file `\/dev\/vfio\/(?<node>vfio|\d{1,6})`: (?<err>[A-Z][A-Za-z /-]{2,60})/,
      /(?:^|[\s:"])stat \/dev\/vfio\/(?<node>vfio|\d{1,6}): (?<err>no such file or directory|permission denied)/,
    ],
    severity: 'error',
    title: 'The container was given a VFIO node that does not exist',
    cause: 'the engine could not stat the /dev/vfio node named in --device; the errno says why',
    fix: 'see the cause',
    refine: (f) =>
      f.node === 'vfio'
        ? {
            cause: '/dev/vfio/vfio does not exist on the host: the vfio modules are not loaded',
            fix: 'modprobe vfio-pci on the host (and make it load at boot), then start the container again',
          }
        : f.errno === 'ENOENT'
          ? {
              cause: `the host has no /dev/vfio/${f.node}: no device of IOMMU group ${f.node} is bound to vfio-pci (the node appears only then), or the group number changed since the command was written (another slot, firmware update, kernel with other ACS handling)`,
              fix: 'bind the device to vfio-pci on the host and look up its group again (readlink /sys/bus/pci/devices/ADDR/iommu_group; `vfiokit groups`); pass that /dev/vfio/N plus /dev/vfio/vfio',
            }
          : undefined,
    render: render('docker: Error response from daemon: ', '/dev/vfio/176', 'no such file or directory'),
    examples: [
      ex(
        'docker: Error response from daemon: error gathering device information while adding custom device "/dev/vfio/176": no such file or directory.',
        { node: '176', errno: 'ENOENT' },
        'https://github.com/omec-project/upf/issues/253',
      ),
      ex(
        'docker: Error response from daemon: linux runtime spec devices: error gathering device information while adding custom device "/dev/vfio/48": no such file or directory.',
        { node: '48', errno: 'ENOENT' },
        'https://github.com/omec-project/upf/issues/34',
      ),
      ex(
        "Error: crun: error stat'ing file `/dev/vfio/42`: No such file or directory: OCI runtime attempted to invoke a command that was not found",
        { node: '42', errno: 'ENOENT' },
      ),
      ex('Error: stat /dev/vfio/vfio: no such file or directory', { node: 'vfio', errno: 'ENOENT' }),
    ],
  },
];
