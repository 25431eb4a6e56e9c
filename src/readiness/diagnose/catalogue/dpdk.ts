/**
 * Catalogue entries for the user-space VFIO drivers: DPDK's EAL (lib/eal/linux/eal_vfio.c, the PCI
 * bus driver and rte_eal_init()) and SPDK's env layer (lib/env_dpdk/memory.c). Both open
 * /dev/vfio/vfio and /dev/vfio/N themselves, so the kernel's rules (viability, one opener per
 * group, RLIMIT_MEMLOCK on pinned pages, the IOMMU's usable IOVA ranges) reach the user as these
 * lines, prefixed "EAL: " (DPDK's log type) and often relayed by Open vSwitch
 * ("|dpdk|ERR|EAL: ...") or an SPDK application.
 *
 * Wording per version: DPDK before the EAL_LOG() rework indented device lines by two spaces
 * ("EAL:   0000:01:00.0 VFIO group is not viable!") and started some with a lower-case letter
 * ("cannot set up DMA remapping"); the file lived in lib/librte_eal/linuxapp/eal/ and then
 * lib/librte_eal/linux/ before lib/eal/linux/. The patterns accept both casings and any indent.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const EAL = 'EAL: ';
/** "error 12 (Cannot allocate memory)": EAL prints errno and strerror() together. */
const ERRNO_TEXT = 'error (?<errno>\\d{1,4}) \\((?<err>[^)\\n]{1,60})\\)';
const DAOS = 'https://docs.daos.io/v2.0/admin/predeployment_check/';

/**
 * What a failed VFIO_IOMMU_MAP_DMA means to a DPDK or SPDK process, by errno. vfio_iommu_type1
 * (drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map()) refuses ranges outside the container's
 * usable IOVA ranges with EINVAL, counts mappings against dma_entry_limit (ENOSPC) and pins the
 * pages against RLIMIT_MEMLOCK (ENOMEM; vfio_pin_pages_remote() logs "RLIMIT_MEMLOCK ... exceeded");
 * pages it cannot pin (no struct page: device memory, a mapping gone) give EFAULT.
 */
export function refineUserDmaMap(f: Readonly<Record<string, string>>): Refinement | undefined {
  switch (f.errno) {
    case 'ENOMEM':
      return {
        cause:
          'the kernel refused to pin the process\'s hugepages for DMA: its locked-memory limit (RLIMIT_MEMLOCK) is smaller than the memory DPDK maps (vfio_iommu_type1 accounts every pinned page against it; dmesg shows "RLIMIT_MEMLOCK (N) exceeded"), or the host is out of memory',
        fix: 'raise the memlock limit above the hugepage memory the process uses: LimitMEMLOCK=infinity in its systemd unit (limits.conf does not apply to services), `ulimit -l unlimited` for a shell, --ulimit memlock=-1 for a container; or run as root',
      };
    case 'EINVAL':
      return {
        cause:
          'the IOMMU cannot map that IOVA: it lies outside the usable ranges of the container (above the IOMMU address width, often 39 bits on client VT-d, or inside a reserved range such as the MSI window), typical of IOVA-as-VA with virtual addresses above the IOMMU width',
        fix: 'use --iova-mode=pa, or keep DPDK memory low with --base-virtaddr; compare with /sys/kernel/iommu_groups/N/reserved_regions',
      };
    case 'ENOSPC':
      return {
        cause:
          'the container reached vfio_iommu_type1.dma_entry_limit (65535 mappings by default): many small memory segments are mapped one by one',
        fix: 'use 1 GiB hugepages (fewer, larger mappings) or raise the limit: options vfio_iommu_type1 dma_entry_limit=N',
      };
    case 'EFAULT':
      return {
        cause:
          'the kernel could not pin the pages behind the mapping ("Bad address"): the memory is not ordinary RAM with struct pages (device memory, a file mapping the kernel will not pin) or the range is no longer mapped in the process',
        fix: 'back DPDK memory with hugetlbfs (the default) rather than external or device memory; with --legacy-mem or --no-huge, try the default dynamic memory mode',
      };
    case 'EPERM':
    case 'EACCES':
      return {
        cause: 'the process may not use the container: it runs unprivileged without access to /dev/vfio',
        fix: 'run as root, or give the user the /dev/vfio/N nodes and a memlock limit large enough',
      };
    default:
      return undefined;
  }
}

export const DPDK_ENTRIES: CatalogueEntry[] = [
  {
    id: 'dpdk.group-not-viable',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_setup_device() (DPDK 25.11+: dev_vfio_setup_device())',
    format: '%s VFIO group is not viable! Not all devices in IOMMU group bound to VFIO or unbound\n',
    versions: 'DPDK before 18.x: "  %s VFIO group is not viable!" without the second sentence',
    patterns: [new RegExp(`${BDF} VFIO group is not viable!`)],
    severity: 'error',
    title: 'DPDK: IOMMU group not viable',
    cause:
      "another device in the same IOMMU group is still on a host driver (often the other port of a dual-port NIC, or a GPU's audio function); VFIO_GROUP_GET_STATUS reports the group not viable until every device is on vfio-pci or has no driver",
    fix: 'bind every endpoint of the group to vfio-pci (`dpdk-devbind.py -b vfio-pci ADDR`; `vfiokit groups` lists the members), or unbind them; bridges on pcieport may stay',
    render: render(EAL, '0000:01:00.1'),
    examples: [
      ex(
        '2022-11-25T01:10:52.810Z|00093|dpdk|ERR|EAL: 0000:01:00.1 VFIO group is not viable! Not all devices in IOMMU group bound to VFIO or unbound',
        { bdf: '0000:01:00.1' },
      ),
      ex('EAL:   0000:0e:00.0 VFIO group is not viable!', { bdf: '0000:0e:00.0' }),
    ],
  },
  {
    id: 'dpdk.device-unusable',
    source: 'dpdk',
    cite: 'DPDK/dpdk drivers/bus/pci/pci_common.c pci_probe() (older: rte_eal_pci_probe() in lib/librte_eal/common/eal_common_pci.c; the other buses print the same wording)',
    format: 'Requested device %s cannot be used\n',
    versions:
      'hot-plug (Open vSwitch, rte_dev_probe()) says instead "Driver cannot attach the device (%s)" (lib/eal/common/eal_common_dev.c local_dev_probe())',
    patterns: [
      new RegExp(`Requested device ${BDF} cannot be used`),
      new RegExp(`Driver cannot attach the device \\(${BDF}\\)`),
      // rte_dev_probe() concludes the hot-plug attach after the line above.
      /Failed to attach device on primary process/,
    ],
    severity: 'error',
    title: 'DPDK gave up on the device',
    cause:
      'DPDK\'s PCI driver could not set the device up; this line only concludes: the EAL line just before it says why (group not viable, DMA remapping failed, group cannot be opened). With no error before it, no DPDK driver took the device at all: the probe skips a device that is not bound to a kernel driver DPDK can drive — vfio-pci, uio_pci_generic or igb_uio (EAL: "Not managed by a supported kernel driver, skipped"; the hot-plug path then reports ENOTSUP) — so a NIC still bound to its kernel network driver (e1000, ixgbe, i40e, ...) gives this, as does a device no DPDK driver supports',
    fix: 'read the EAL line printed just before this one (vfiokit diagnose explains it too); if there is none, bind the device to vfio-pci first (`dpdk-devbind.py -b vfio-pci ADDR`, `lspci -k -s ADDR` shows the driver in use)',
    render: render(EAL, '0000:af:01.0'),
    examples: [
      ex('EAL: Requested device 0000:af:01.0 cannot be used', { bdf: '0000:af:01.0' }),
      ex('2022-11-25T01:10:52.810Z|00094|dpdk|ERR|EAL: Driver cannot attach the device (0000:01:00.1)', {
        bdf: '0000:01:00.1',
      }),
    ],
  },
  {
    id: 'dpdk.dma-remapping-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_type1_dma_mem_map()',
    format: 'Cannot set up DMA remapping, error %i (%s)\n',
    versions:
      'older DPDK: "  cannot set up DMA remapping, error %i (%s)"; the device line that follows is "%s DMA remapping failed, error %i (%s)" (rte_vfio_setup_device())',
    patterns: [
      new RegExp(`[Cc]annot set up DMA remapping, ${ERRNO_TEXT}`),
      new RegExp(`${BDF} DMA remapping failed, ${ERRNO_TEXT}`),
    ],
    severity: 'error',
    title: 'DPDK could not map its memory into the IOMMU',
    cause:
      'VFIO_IOMMU_MAP_DMA failed for a memory segment, so the device cannot reach DPDK memory; the errno says why',
    fix: 'look at the errno: 12 is the locked-memory limit, 22 an IOVA the IOMMU cannot map, 28 too many mappings, 14 memory that cannot be pinned',
    refine: refineUserDmaMap,
    render: render(EAL, 12, 'Cannot allocate memory'),
    examples: [
      ex('EAL: Cannot set up DMA remapping, error 12 (Cannot allocate memory)', { errno: 'ENOMEM' }),
      ex(
        'daos_engine:1 EAL: cannot set up DMA remapping, error 12 (Cannot allocate memory)',
        { errno: 'ENOMEM' },
        DAOS,
      ),
      ex(
        'Oct 22 10:39:37 node08ob52 ovs-vswitchd[19179]: ovs|00021|dpdk|ERR|EAL:   0000:00:19.0 DMA remapping failed, error 14 (Bad address)',
        { bdf: '0000:00:19.0', errno: 'EFAULT' },
      ),
      ex('EAL:   cannot set up DMA remapping, error 22 (Invalid argument)', { errno: 'EINVAL' }),
    ],
  },
  {
    id: 'dpdk.group-open-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_open_group_fd()',
    format: 'Cannot open %s: %s\n',
    versions:
      'the path is /dev/vfio/N, or /dev/vfio/noiommu-N in no-IOMMU mode; a missing node (ENOENT) is not reported, the device is skipped as "not managed by VFIO"; DPDK 24.x+ adds "Failed to open VFIO group %d"',
    patterns: [
      /Cannot open \/dev\/vfio\/(?<noiommu>noiommu-)?(?<group>\d{1,6}): (?<err>[A-Z][A-Za-z /-]{2,60})/,
      /Failed to open VFIO group (?<group>\d{1,6})/,
    ],
    severity: 'error',
    title: 'DPDK could not open the IOMMU group',
    cause: 'opening the group node failed; the errno in the line says why',
    fix: 'see the cause; `fuser -v /dev/vfio/N` names a process holding the group',
    refine: (f) => {
      if (f.errno === 'EBUSY')
        return {
          cause:
            'the group is already open: the kernel lets one file hold a VFIO group at a time (vfio_group_fops_open() returns EBUSY), so another DPDK primary process, a VM (QEMU) or a container has it',
          fix: 'stop the other user (`fuser -v /dev/vfio/N`), or run this process as a secondary of the primary that owns the group (--proc-type=secondary)',
        };
      if (f.errno === 'EPERM' && f.noiommu)
        return {
          cause:
            'no-IOMMU groups may be opened only with CAP_SYS_RAWIO (vfio_group_fops_open()): the process is not root',
          fix: 'run the DPDK application as root (no-IOMMU mode gives the device unrestricted DMA, so the kernel demands it)',
        };
      if (f.errno === 'EACCES' || f.errno === 'EPERM')
        return {
          cause: 'the process may not open /dev/vfio/N: it runs as a user without access to the node',
          fix: 'run as root, or chown the /dev/vfio/N node (a udev rule) to the user and raise its memlock limit',
        };
      if (!f.errno)
        return {
          cause:
            'the group could not be opened; the line before ("Cannot open /dev/vfio/N: ...") names the errno. With no such line the node exists but opening it failed inside the primary process',
        };
      return undefined;
    },
    render: render(EAL, '/dev/vfio/48', 'Device or resource busy'),
    examples: [
      ex('EAL: Cannot open /dev/vfio/48: Device or resource busy', { group: '48', errno: 'EBUSY' }),
      ex('EAL: Cannot open /dev/vfio/noiommu-0: Operation not permitted', { group: '0', errno: 'EPERM' }),
      ex('EAL: Failed to open VFIO group 48', { group: '48' }),
    ],
  },
  {
    id: 'dpdk.add-group-to-container-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_setup_device()',
    format: '%s cannot add VFIO group to container, error %i (%s)\n',
    patterns: [new RegExp(`${BDF} cannot add VFIO group to container, ${ERRNO_TEXT}`)],
    severity: 'error',
    title: 'DPDK could not attach the IOMMU group to its container',
    cause: 'VFIO_GROUP_SET_CONTAINER failed; the errno says why',
    fix: 'see the cause',
    refine: (f) =>
      f.errno === 'EPERM'
        ? {
            cause:
              'the kernel refuses to put a group that is not viable into a container (EPERM): another device of the group is on a host driver',
            fix: 'bind every endpoint of the group to vfio-pci (`vfiokit groups` lists them)',
          }
        : f.errno === 'EBUSY'
          ? {
              cause: 'the group is already attached to another container (another process uses it)',
              fix: 'stop the other user of the group (`fuser -v /dev/vfio/N`)',
            }
          : undefined,
    render: render(EAL, '0000:01:00.0', 1, 'Operation not permitted'),
    examples: [
      ex('EAL:   0000:01:00.0 cannot add VFIO group to container, error 1 (Operation not permitted)', {
        bdf: '0000:01:00.0',
        errno: 'EPERM',
      }),
    ],
  },
  {
    id: 'dpdk.select-iommu-type-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_setup_device() / vfio_set_iommu_type()',
    format: '%s failed to select IOMMU type\n',
    versions:
      'the per-type reasons ("set IOMMU type %d (%s) failed, error %i (%s)") are printed at DEBUG level: rerun with --log-level=eal,debug to see them',
    patterns: [new RegExp(`${BDF} failed to select IOMMU type`)],
    severity: 'error',
    title: 'DPDK: no IOMMU type could be set on the container',
    cause:
      'VFIO_SET_IOMMU failed for every type DPDK knows (Type 1, sPAPR, No-IOMMU): usually the platform has no interrupt remapping and vfio_iommu_type1 refuses the group (dmesg: "No interrupt remapping support"), or the IOMMU is off and no-IOMMU mode is not enabled',
    fix: 'read dmesg at the same moment; enable interrupt remapping in the firmware (or allow_unsafe_interrupts=1 on vfio_iommu_type1 for trusted setups); check the IOMMU is on (`vfiokit doctor`)',
    render: render(EAL, '0000:01:00.0'),
    examples: [ex('EAL:   0000:01:00.0 failed to select IOMMU type', { bdf: '0000:01:00.0' })],
  },
  {
    id: 'dpdk.iommu-type-in-use',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_set_iommu_type()',
    format: '  using IOMMU type %d (%s)\n',
    versions: 'DPDK 25.11+ prints "Using IOMMU type %d (%s)" (secondary processes)',
    patterns: [/[Uu]sing IOMMU type (?<type>\d{1,2}) \((?<name>Type 1|sPAPR|No-IOMMU)\)/],
    severity: 'info',
    title: 'DPDK uses the IOMMU (harmless)',
    cause: 'the VFIO container uses the IOMMU for DMA isolation: the normal, safe setup',
    fix: 'nothing to do',
    refine: (f) =>
      f.name === 'No-IOMMU'
        ? {
            severity: 'warning',
            title: 'DPDK runs VFIO without an IOMMU (no DMA isolation)',
            cause:
              'vfio is in no-IOMMU mode (enable_unsafe_noiommu_mode=1): the device can DMA anywhere in host memory, nothing protects the host from it, and the kernel is tainted',
            fix: 'acceptable only in a throwaway VM without a virtual IOMMU; on real hardware turn the IOMMU on (intel_iommu=on / amd_iommu) and bind with it',
          }
        : undefined,
    render: render(EAL, 1, 'Type 1'),
    examples: [
      ex('EAL:   using IOMMU type 1 (Type 1)', { name: 'Type 1' }),
      ex('EAL:   using IOMMU type 8 (No-IOMMU)', { name: 'No-IOMMU' }),
    ],
  },
  {
    id: 'dpdk.not-managed-by-vfio',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_setup_device()',
    format: '%s not managed by VFIO driver, skipping\n',
    patterns: [new RegExp(`${BDF} not managed by VFIO driver, skipping`)],
    severity: 'info',
    title: 'DPDK skips a device not on vfio-pci (harmless)',
    cause:
      'the device has no IOMMU group, or its group has no /dev/vfio/N node: it is not bound to vfio-pci (a kernel driver or uio holds it); DPDK leaves it alone',
    fix: 'nothing to do unless DPDK should use it: then bind it (`dpdk-devbind.py -b vfio-pci ADDR`)',
    render: render(EAL, '0000:00:1f.6'),
    examples: [ex('EAL:   0000:00:1f.6 not managed by VFIO driver, skipping', { bdf: '0000:00:1f.6' })],
  },
  {
    id: 'dpdk.vfio-unavailable',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_enable()',
    format: 'VFIO support could not be initialized\n',
    versions:
      'mapping memory without VFIO prints "VFIO support not initialized" (vfio_dma_mem_map()), a secondary process "VFIO support is not initialized"',
    patterns: [/VFIO support (?:could not be initialized|(?:is )?not initialized)/],
    severity: 'warning',
    title: 'DPDK could not use VFIO',
    cause:
      'the vfio module is loaded but DPDK could not open a usable container (/dev/vfio/vfio missing or not accessible, or no IOMMU type supported); devices bound to vfio-pci cannot be used',
    fix: 'harmless if every DPDK device uses another driver (uio, AF_XDP, vdev); otherwise read the EAL lines before it, check /dev/vfio/vfio exists and is accessible, and that the IOMMU is on (`vfiokit doctor`)',
    render: render(EAL),
    examples: [ex('EAL: VFIO support could not be initialized'), ex('EAL: VFIO support not initialized')],
  },
  {
    id: 'dpdk.vfio-initialized',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_enable()',
    format: 'VFIO support initialized\n',
    patterns: [/VFIO support initialized/],
    severity: 'info',
    title: 'DPDK opened VFIO (harmless)',
    cause: 'the vfio container opened; devices bound to vfio-pci can be used',
    fix: 'nothing to do',
    render: render(EAL),
    examples: [ex('EAL: VFIO support initialized')],
  },
  {
    id: 'dpdk.container-open-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_open_container_fd() (older: rte_vfio_get_container_fd())',
    format: 'Cannot open VFIO container %s, error %i (%s)\n',
    versions: 'older DPDK: "  cannot open VFIO container, error %i (%s)"',
    patterns: [new RegExp(`[Cc]annot open VFIO container(?: \\/dev\\/vfio\\/vfio)?, ${ERRNO_TEXT}`)],
    severity: 'error',
    title: 'DPDK could not open /dev/vfio/vfio',
    cause: 'the VFIO container node could not be opened; the errno says why',
    fix: 'load vfio-pci (modprobe vfio-pci) and check /dev/vfio/vfio exists and is accessible to the process',
    refine: (f) =>
      f.errno === 'ENOENT'
        ? {
            cause:
              '/dev/vfio/vfio does not exist: the vfio modules are not loaded, or a container was started without the node (--device /dev/vfio/vfio)',
          }
        : f.errno === 'EACCES' || f.errno === 'EPERM'
          ? { cause: 'the process may not open /dev/vfio/vfio: it runs without the rights the node needs' }
          : undefined,
    render: render(EAL, '/dev/vfio/vfio', 2, 'No such file or directory'),
    examples: [
      ex('EAL: Cannot open VFIO container /dev/vfio/vfio, error 2 (No such file or directory)', {
        errno: 'ENOENT',
      }),
      ex('EAL:   cannot open VFIO container, error 13 (Permission denied)', { errno: 'EACCES' }),
    ],
  },
  {
    id: 'dpdk.no-iommu-extensions',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_open_container_fd()',
    format: 'No supported IOMMU extensions found!\n',
    versions:
      'older DPDK printed it lower-case ("  no supported IOMMU extensions found!" — DPDK 20.08 as bundled with SPDK v20.10 still did)',
    patterns: [/[Nn]o supported IOMMU extensions found!/],
    severity: 'error',
    title: 'DPDK: the kernel offers no usable VFIO IOMMU backend',
    cause:
      'VFIO_CHECK_EXTENSION found none of Type 1, sPAPR or No-IOMMU: vfio_iommu_type1 is not loaded or the IOMMU is off, and no-IOMMU mode is not enabled',
    fix: 'turn the IOMMU on (intel_iommu=on, or amd_iommu on AMD; `vfiokit doctor` checks) and load vfio_iommu_type1; in a VM without a virtual IOMMU, vfio.enable_unsafe_noiommu_mode=1 is the only way (no DMA isolation)',
    render: render(EAL),
    examples: [
      ex('EAL:   No supported IOMMU extensions found!'),
      ex('EAL:   no supported IOMMU extensions found!', {}, 'https://github.com/spdk/spdk/issues/1689'),
    ],
  },
  {
    id: 'dpdk.iova-pa-unavailable',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal.c rte_eal_init()',
    format: "Cannot use IOVA as 'PA' since physical addresses are not available\n",
    versions: 'rte_eal_init_alert() prints it twice: "EAL: FATAL: ..." and "EAL: ..."',
    patterns: [/Cannot use IOVA as 'PA' since physical addresses are not available/],
    severity: 'error',
    title: 'DPDK needs physical addresses it may not read',
    cause:
      'IOVA-as-PA mode was chosen (--iova-mode=pa, or a device that is not behind the IOMMU), and the process cannot read physical addresses from /proc/self/pagemap: only root (CAP_SYS_ADMIN) sees them',
    fix: 'run as root; or bind the devices to vfio-pci with the IOMMU on so DPDK can use IOVA as VA (--iova-mode=va)',
    render: render(EAL),
    examples: [
      ex("EAL: FATAL: Cannot use IOVA as 'PA' since physical addresses are not available"),
      ex("EAL: Cannot use IOVA as 'PA' since physical addresses are not available"),
    ],
  },
  // ---- SPDK (lib/env_dpdk/memory.c) ----
  {
    id: 'spdk.dma-map-failed',
    source: 'spdk',
    cite: 'spdk/spdk lib/env_dpdk/memory.c vtophys_iommu_map_dma()',
    format: 'Cannot set up DMA mapping, error %d\n',
    versions:
      'SPDK 22.x+ logs it as a notice: "Cannot set up DMA mapping, error %d, ignored" (a container without a group yet); the vhost VFIO path prints "Cannot set up DMA mapping, error %d (%s)"',
    patterns: [/Cannot set up DMA mapping, error (?<errno>\d{1,4})(?<ignored>, ignored)?/],
    severity: 'error',
    title: 'SPDK could not map memory into the IOMMU',
    cause: 'VFIO_IOMMU_MAP_DMA failed for SPDK memory; the errno says why',
    fix: 'see the cause',
    refine: (f) => {
      if (f.ignored)
        return {
          severity: 'info',
          title: 'SPDK: a DMA mapping was skipped (usually harmless)',
          cause: `SPDK tried to map memory before any device group was in its container and ignored the failure${f.errno ? ` (${f.errno})` : ''}; the mapping is made again when a device is attached`,
          fix: 'nothing to do unless a device then fails; raise the memlock limit if the errno is 12',
        };
      return refineUserDmaMap(f);
    },
    render: render('memory.c: 842:vtophys_iommu_map_dma: *ERROR*: ', 12),
    examples: [
      ex('Cannot set up DMA mapping, error 12', { errno: 'ENOMEM' }),
      ex(
        '[2024-03-01 10:00:00.123456] memory.c: 889:vtophys_iommu_map_dma: *NOTICE*: Cannot set up DMA mapping, error 19, ignored',
        { errno: 'ENODEV', ignored: ', ignored' },
      ),
    ],
  },
];
