/**
 * DPDK, SPDK and the SR-IOV NIC drivers, swept from their sources: what DPDK's EAL and PCI bus
 * print when a device cannot be opened through VFIO (the VF token), when another primary process
 * holds the runtime lock, when rte_eal_init() fails and the application exits; what testpmd,
 * dpdk-devbind.py and the VF PMDs (iavf, i40evf, mlx5) say when a port cannot be used; the
 * harmless EAL notices of a VM or container (NUMA-less devices, the base address hint, the memory
 * policy); SPDK's device claim lock, env init and setup.sh hugepage shortfall; and the PF/VF
 * messages of the Linux NIC drivers users meet when creating and assigning VFs: a PF that does not
 * answer its VFs (ixgbevf/igbvf, iavf reset timeouts, iavf's PF refusals), untrusted VFs asking for
 * promiscuous mode or more MAC filters, refused virtchnl requests, malicious-driver detection and
 * spoof events, NVM/firmware API mismatches, and VF creation refusals of ice, i40e and bnxt.
 * NIC_DPDK_ALSO lists the sibling wordings these entries also recognise; NIC_DPDK_LEFT_OUT the
 * strings looked at and left out.
 */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const EAL_VFIO = 'DPDK/dpdk lib/eal/linux/eal_vfio.c';
const EAL_LINUX = 'DPDK/dpdk lib/eal/linux/eal.c';
const EAL_MEMORY = 'DPDK/dpdk lib/eal/common/eal_common_memory.c';
const PCI_COMMON = 'DPDK/dpdk drivers/bus/pci/pci_common.c';
const TESTPMD = 'DPDK/dpdk app/test-pmd/testpmd.c';
const DEVBIND = 'DPDK/dpdk usertools/dpdk-devbind.py';
const IAVF_PMD = 'DPDK/dpdk drivers/net/iavf/iavf_ethdev.c';
const IAVF_VCHNL = 'DPDK/dpdk drivers/net/iavf/iavf_vchnl.c';
const MLX5_OS = 'DPDK/dpdk drivers/common/mlx5/linux/mlx5_common_os.c';
const SPDK_PCI = 'spdk/spdk lib/env_dpdk/pci.c';
const SPDK_SETUP = 'spdk/spdk scripts/setup.sh';
const INTEL = 'torvalds/linux drivers/net/ethernet/intel';
const I40E_VC = `${INTEL}/i40e/i40e_virtchnl_pf.c`;
const I40E_MAIN = `${INTEL}/i40e/i40e_main.c`;
const ICE_VC = `${INTEL}/ice/ice_virtchnl.c`;
const IAVF_MAIN = `${INTEL}/iavf/iavf_main.c`;
const IAVF_VIRTCHNL = `${INTEL}/iavf/iavf_virtchnl.c`;

/** virtchnl opcodes (include/linux/avf/virtchnl.h enum virtchnl_ops) a VF's MAC/VLAN/promisc requests use. */
const VIRTCHNL_OPS: Record<string, string> = {
  '1': 'VIRTCHNL_OP_VERSION',
  '3': 'VIRTCHNL_OP_GET_VF_RESOURCES',
  '6': 'VIRTCHNL_OP_CONFIG_VSI_QUEUES',
  '7': 'VIRTCHNL_OP_CONFIG_IRQ_MAP',
  '8': 'VIRTCHNL_OP_ENABLE_QUEUES',
  '10': 'VIRTCHNL_OP_ADD_ETH_ADDR',
  '11': 'VIRTCHNL_OP_DEL_ETH_ADDR',
  '12': 'VIRTCHNL_OP_ADD_VLAN',
  '13': 'VIRTCHNL_OP_DEL_VLAN',
  '14': 'VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE',
};

/** What a refused virtchnl request means, by its opcode (shared by the PF's and the VF's line). */
function refusedRequest(op: string | undefined): string | undefined {
  if (op === '10' || op === '11')
    return 'the request was a MAC filter change (VIRTCHNL_OP_ADD_ETH_ADDR/DEL_ETH_ADDR): the PF refuses it when the VF is not trusted and asks for more MAC filters than an untrusted VF may hold, or tries to change a MAC address the host set with `ip link set PF vf N mac ...`';
  if (op === '12' || op === '13')
    return 'the request was a VLAN filter change (VIRTCHNL_OP_ADD_VLAN/DEL_VLAN): the PF refuses it when the host gave the VF a port VLAN (`ip link set PF vf N vlan ...`, which the VF may not override) or when an untrusted VF asks for more VLAN filters than it may hold';
  if (op === '14')
    return 'the request was to enter promiscuous or all-multicast mode (VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE), which only a trusted VF may do';
  return undefined;
}

export const NIC_DPDK_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- DPDK EAL and the PCI bus ----
  {
    id: 'dpdk.vfio-dev-fd-failed',
    source: 'dpdk',
    cite: `${EAL_VFIO} rte_vfio_setup_device() (DPDK 25.11+: dev_vfio_setup_device()); the refusal comes from the kernel's VFIO_GROUP_GET_DEVICE_FD (torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_match() for the VF token)`,
    format: 'Getting a vfio_dev_fd for %s failed\n',
    versions:
      'DPDK versions with --vfio-vf-token first try "%s vf_token=%s" when --vfio-vf-token is given; the PCI bus then prints "Requested device %s cannot be used"',
    patterns: [new RegExp(`Getting a vfio_dev_fd for ${BDF}(?: from [\\w./-]{1,60})? failed`)],
    severity: 'error',
    title: 'DPDK: the kernel refused to open the device through VFIO',
    cause:
      'DPDK opened the device\'s VFIO group but the kernel refused the device itself (VFIO_GROUP_GET_DEVICE_FD failed), so the port is not used. The kernel logs the reason next to it: for an SR-IOV VF whose PF is also bound to vfio-pci it is "VF token required to access device" or "Incorrect VF token provided for device" — the VF may only be opened with the UUID token the PF\'s user set; otherwise the device could not be enabled or is already held by another user of the group',
    fix: 'read `dmesg | grep vfio-pci` for the address; for a VF of a vfio-pci PF start DPDK with --vfio-vf-token=<UUID> (the same UUID the PF was opened with; DPDK sets it on the PF when it opens the PF with that option); check that no other process or VM holds the device (`fuser /dev/vfio/*`)',
    render: render('EAL: ', '0000:4c:00.4'),
    examples: [
      ex(
        'EAL: Getting a vfio_dev_fd for 0000:4c:00.4 failed',
        { bdf: '0000:4c:00.4' },
        'https://github.com/intel/sriov-fec-operator/issues/32',
      ),
    ],
  },
  {
    id: 'dpdk.primary-process-lock',
    source: 'dpdk',
    cite: `${EAL_LINUX} rte_eal_config_create() ("Cannot create lock on ..."), rte_config_init() / rte_eal_init() ("Cannot init config")`,
    format: "Cannot create lock on '%s'. Is another primary process running?\n",
    versions:
      'the runtime directory is /var/run/dpdk/<file-prefix>/config (root) or $XDG_RUNTIME_DIR/dpdk/<file-prefix>/config; DPDK before 18.05 used /var/run/.rte_config. rte_eal_init() then says "FATAL: Cannot init config"',
    patterns: [
      /Cannot create lock on '(?<path>[^'\n]{1,200})'\. Is another primary process running\?/,
      /EAL: (?:FATAL: )?Cannot init config/,
    ],
    severity: 'error',
    title: 'DPDK: another primary process holds the runtime lock',
    cause:
      'rte_eal_init() takes a write lock (fcntl F_SETLK) on the runtime config file of its file prefix; a DPDK primary process with the same --file-prefix (default "rte") is still running and holds it, so this one cannot start as a primary. The lock goes away with the process that held it, so a file left behind by a process that exited does not cause this — a running one does (a testpmd, OVS-DPDK, VPP, an SPDK target or another instance of the same application)',
    fix: 'stop the other DPDK process, or give each independent application its own runtime: --file-prefix=<name> (and separate cores, devices and hugepage memory, e.g. --socket-mem or -m), or --in-memory for a process that shares nothing; to attach to the running one instead, start as a secondary with --proc-type=secondary',
    render: render('EAL: ', '/var/run/dpdk/rte/config'),
    examples: [
      ex(
        "EAL: Cannot create lock on '/var/run/dpdk/rte/config'. Is another primary process running?",
        { path: '/var/run/dpdk/rte/config' },
        'https://github.com/scylladb/seastar/issues/2887',
      ),
      ex('EAL: FATAL: Cannot init config'),
    ],
  },
  {
    id: 'dpdk.rte-exit',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/common/eal_common_debug.c rte_exit()',
    format: 'Error - exiting with code: %d\n  Cause: ',
    versions:
      'the application\'s own reason follows: after "  Cause: " on the next line, or, in DPDK releases whose EAL logs whole lines (EAL_LOG), as the next log line (the format is then "Error - exiting with code: %d")',
    patterns: [/EAL: Error - exiting with code: (?<code>\d{1,3})/],
    severity: 'error',
    title: 'A DPDK application gave up and exited',
    cause:
      'the application called rte_exit(): it stopped on an error it considers fatal. This line only concludes; the reason is the text after it (the "Cause:" line: "Cannot init EAL" when rte_eal_init() failed, "No Ethernet ports" or "Invalid port" when no port was probed, "Cannot create mbuf pool" when hugepage memory ran out) and the EAL and driver lines before it',
    fix: 'read the "Cause:" text and the EAL lines above it (vfiokit diagnose explains those too): the hugepage, VFIO, lock or device line there is what to fix',
    render: render('EAL: ', 1),
    examples: [
      ex(
        'EAL: Error - exiting with code: 1',
        { code: '1' },
        'https://github.com/scylladb/seastar/issues/2887',
      ),
    ],
  },
  {
    id: 'dpdk.eal-init-failed',
    source: 'dpdk',
    cite: `${TESTPMD} main() (rte_exit(EXIT_FAILURE, "Cannot init EAL: %s\\n", rte_strerror(rte_errno))), the same in the DPDK examples; the errno from ${EAL_LINUX} rte_eal_init()`,
    format: 'Cannot init EAL: %s\n',
    versions:
      'printed after "EAL: Error - exiting with code: 1" (as "  Cause: Cannot init EAL: ..." in older DPDK); other applications word it their own way ("Cannot initialize RTE_EAL", "Invalid EAL arguments")',
    patterns: [/Cannot init EAL(?:: (?<err>[A-Z][A-Za-z ]{2,60}))?/],
    severity: 'error',
    title: 'DPDK: rte_eal_init() failed',
    cause:
      'the Environment Abstraction Layer did not come up, so the application stops. The EAL lines just before it name the step that failed (hugepages, memory, the runtime lock, the bus scan, IOVA mode); the errno after the colon is the one rte_eal_init() set for that step',
    fix: 'read the EAL lines above it; run as root or give the user access to the hugepage mount, /dev/vfio/* and the runtime directory; reserve hugepages (dpdk-hugepages.py -p 2M --setup 1G); check for another primary process',
    refine: (f) => {
      if (f.errno === 'EACCES')
        return {
          cause:
            'rte_eal_init() sets EACCES when it could not read the hugepage information (eal_hugepage_info_init() failed; "Cannot get hugepage information." just before): no hugetlbfs mounted for the page size, no access to the mount or to /proc/self/pagemap as a non-root user, or no hugepages reserved',
          fix: 'reserve and mount hugepages (`dpdk-hugepages.py -p 1G --setup 4G`, or nr_hugepages plus `mount -t hugetlbfs nodev /dev/hugepages`), run as root or give the user the mount, or test with --no-huge',
        };
      if (f.errno === 'ENOMEM')
        return {
          cause:
            'rte_eal_init() sets ENOMEM when memory initialisation failed ("Cannot init memory" just before): the hugepages reserved for the requested sockets (-m/--socket-mem) cannot be allocated, mapped or locked — too few free hugepages on the NUMA node, another process holding them, or a memlock limit',
          fix: 'free or reserve more hugepages on the node the device is on (/sys/devices/system/node/nodeN/hugepages/), lower --socket-mem, and stop other DPDK processes holding them',
        };
      if (f.errno === 'ENODEV')
        return {
          cause:
            'rte_eal_init() sets ENODEV when scanning the buses for devices failed ("Cannot scan the buses for devices"): a device given with -a/--allow does not exist, or sysfs is not readable (a container without /sys/bus/pci)',
          fix: 'check the addresses given with -a (lspci -D) and that /sys is mounted in the container',
        };
      if (f.errno === 'EINVAL')
        return {
          cause:
            'rte_eal_init() sets EINVAL for invalid EAL arguments and when the IOVA mode cannot be used ("Cannot use IOVA as \'PA\' since physical addresses are not available": PA mode without root or without access to /proc/self/pagemap)',
          fix: 'check the EAL arguments; for the IOVA error, bind the device to vfio-pci with the IOMMU on and use --iova-mode=va, or run as root',
        };
      if (f.err === 'Success')
        return {
          cause:
            'the step that failed set no errno; in practice this is the runtime lock ("Cannot create lock on ... Is another primary process running?" and "Cannot init config" just before): another DPDK primary process with the same file prefix is running',
          fix: 'stop the other process or give this one its own --file-prefix (or --in-memory)',
        };
      return undefined;
    },
    render: render('  Cause: ', 'Permission denied'),
    examples: [
      ex('  Cause: Cannot init EAL: Permission denied', { err: 'Permission denied' }),
      ex('Cannot init EAL: Cannot allocate memory', { err: 'Cannot allocate memory' }),
    ],
  },
  {
    id: 'dpdk.no-probed-ports',
    source: 'dpdk',
    cite: `${TESTPMD} main() (TESTPMD_LOG(WARNING, "No probed ethernet devices\\n"); older testpmd and apps rte_exit() with it)`,
    format: 'No probed ethernet devices\n',
    patterns: [/No probed ethernet devices/],
    severity: 'error',
    title: 'DPDK found no usable port',
    cause:
      'after EAL initialisation no ethernet port was probed: no device is bound to a driver DPDK can use (vfio-pci, or uio_pci_generic/igb_uio), the allow-list (-a) names other devices, the PMD for the NIC is not built in or not loaded (a static build without --whole-archive, a shared build without -d librte_net_xxx.so), or the PMD refused the device — then a "Requested device ... cannot be used" line or a driver error precedes this',
    fix: 'check `dpdk-devbind.py --status` (the device must show under "Network devices using DPDK-compatible driver", except Mellanox/NVIDIA mlx4/mlx5 ports, which stay on their kernel driver), the -a addresses, and the EAL and PMD lines above; for a VF in a container check that its /dev/vfio group is mounted in',
    render: render('testpmd: '),
    examples: [
      ex(
        'testpmd: No probed ethernet devices',
        undefined,
        'https://github.com/k8snetworkplumbingwg/sriov-network-device-plugin/issues/123',
      ),
    ],
  },
  {
    id: 'dpdk.not-managed-by-kernel-driver',
    source: 'dpdk',
    cite: 'DPDK/dpdk drivers/bus/pci/linux/pci.c rte_pci_map_device() (older: lib/librte_eal/linuxapp/eal/eal_pci.c pci_map_device(), called from rte_eal_pci_probe_one_driver())',
    format: '  Not managed by a supported kernel driver, skipped\n',
    versions: 'DEBUG level in current DPDK; printed by default by DPDK before about 17.11',
    patterns: [/Not managed by a supported kernel driver, ?skipped/],
    severity: 'info',
    title: 'DPDK skipped a device that is not on vfio-pci or a UIO driver',
    cause:
      'a PMD matched the device by its IDs, but the device is bound to its kernel network driver (or to none), not to vfio-pci, uio_pci_generic or igb_uio, so DPDK cannot map its BARs and skips it. Harmless for ports you leave to the kernel; a port you meant to use must be rebound first (except mlx4/mlx5, which work through their kernel driver)',
    fix: 'for a port DPDK should use: `ip link set <if> down; dpdk-devbind.py -b vfio-pci <BDF>`; to silence it, allow only your ports with -a <BDF>',
    render: render('EAL: '),
    examples: [ex('EAL:   Not managed by a supported kernel driver, skipped')],
  },
  {
    id: 'dpdk.device-numa-unknown',
    source: 'dpdk',
    cite: `${PCI_COMMON} rte_pci_probe_one_driver()`,
    format: 'Device %s is not NUMA-aware, defaulting socket to %d\n',
    versions:
      'newer DPDK prints it only on a system with more than one NUMA node; earlier releases "  Device is not NUMA-aware, defaulting socket to 0", and the oldest "  Invalid NUMA socket, default to 0" after "PCI device %s on NUMA socket -1"',
    patterns: [
      /Device (?:(?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) )?is not NUMA-aware, defaulting socket to (?<socket>\d{1,3})/,
      /Invalid NUMA socket, default to (?<socket>\d{1,3})/,
    ],
    severity: 'info',
    title: 'DPDK: the device reports no NUMA node (harmless)',
    cause:
      "the kernel gives the device no NUMA node (its numa_node in sysfs is -1): normal in a VM, on single-socket hosts and on firmware without proximity information for PCI. DPDK then allocates the port's memory on socket 0. Harmless on one socket; on a multi-socket host it can put the port's rings on the far node",
    fix: "nothing to do in a VM or on one socket; on a multi-socket host, check /sys/bus/pci/devices/<BDF>/numa_node and run the port's cores and --socket-mem on the node the NIC is attached to",
    render: render('EAL: ', '0000:00:06.0', 0),
    examples: [
      ex('EAL: Device 0000:00:06.0 is not NUMA-aware, defaulting socket to 0', {
        bdf: '0000:00:06.0',
        socket: '0',
      }),
      ex('EAL:   Invalid NUMA socket, default to 0', { socket: '0' }),
    ],
  },
  {
    id: 'dpdk.base-address-hint',
    source: 'dpdk',
    cite: `${EAL_MEMORY} eal_get_virtual_area()`,
    format: 'WARNING! Base virtual address hint (%p != %p) not respected!\n',
    versions:
      'followed by "   This may cause issues with mapping memory into secondary processes"; newer DPDK prints it at WARNING only when --base-virtaddr was given (DEBUG otherwise)',
    patterns: [
      /Base virtual address hint \((?<want>0x[0-9a-fA-F]{1,16}) != (?<got>0x[0-9a-fA-F]{1,16})\) not respected/,
      /This may cause issues with mapping memory into secondary processes/,
    ],
    severity: 'info',
    title: 'DPDK: its memory was mapped at another address than hinted',
    cause:
      'EAL asked the kernel for its memory at a preferred virtual address and got another one (ASLR, or that range already in use). A single process is unaffected; only secondary processes (--proc-type=secondary), which must map the memory at the same addresses, may then fail to attach',
    fix: 'nothing for a single process; for multi-process setups choose a free range with --base-virtaddr (e.g. 0x7f0000000000) for the primary',
    render: render('EAL: ', '0x100005000', '0x7f6d3f000000'),
    examples: [
      ex('EAL: WARNING! Base virtual address hint (0x100005000 != 0x7f6d3f000000) not respected!', {
        want: '0x100005000',
        got: '0x7f6d3f000000',
      }),
    ],
  },
  {
    id: 'dpdk.mempolicy-unavailable',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_memalloc.c prepare_numa() and lib/eal/linux/eal_memory.c map_all_hugepages()',
    format: 'Failed to get current mempolicy: %s. Assuming MPOL_DEFAULT.\n',
    patterns: [/Failed to get current mempolicy: (?<err>[A-Z][A-Za-z ]{2,60})\. Assuming MPOL_DEFAULT/],
    severity: 'info',
    title: 'DPDK could not read the NUMA memory policy (usually harmless)',
    cause:
      "get_mempolicy() failed, so EAL assumes the default policy and allocates hugepages without restoring a previous one. Typical in a container: Docker's default seccomp profile lets get_mempolicy/set_mempolicy/mbind through only with CAP_SYS_NICE. Memory still comes up; on a multi-socket host pages may land on another node than requested",
    fix: 'harmless on one socket; in a container add CAP_SYS_NICE (--cap-add SYS_NICE) if the NUMA placement matters',
    render: render('EAL: ', 'Operation not permitted'),
    examples: [
      ex('EAL: Failed to get current mempolicy: Operation not permitted. Assuming MPOL_DEFAULT.', {
        err: 'Operation not permitted',
      }),
    ],
  },
  {
    id: 'dpdk.mbuf-pool-failed',
    source: 'dpdk',
    cite: `${TESTPMD} mbuf_pool_create() (rte_exit with rte_strerror(rte_errno)); the DPDK examples say "Cannot create mbuf pool" (e.g. DPDK/dpdk examples/skeleton/basicfwd.c main())`,
    format: 'Creation of mbuf pool for socket %u failed: %s\n',
    patterns: [
      /Creation of mbuf pool for socket (?<socket>\d{1,3}) failed: (?<err>[A-Z][A-Za-z ]{2,60})/,
      /Cannot create mbuf pool/,
    ],
    severity: 'error',
    title: 'DPDK: the packet buffer pool could not be allocated',
    cause:
      'the application could not create its mbuf pool (the packet buffers) from hugepage memory on the NUMA socket of its ports or cores: the hugepages reserved on that socket are too few or already taken, or -m/--socket-mem gave that socket too little, or none',
    fix: 'reserve more hugepages on that node (/sys/devices/system/node/node<N>/hugepages/...) or give it more with --socket-mem; make testpmd ask for fewer buffers (--total-num-mbufs, fewer queues or descriptors); stop other DPDK processes holding hugepages',
    refine: (f) =>
      f.errno === 'ENOMEM' && f.socket
        ? {
            cause: `there is not enough free hugepage memory on NUMA socket ${f.socket} for the pool (ENOMEM): the hugepages reserved on node ${f.socket} are too few or in use, or --socket-mem gave socket ${f.socket} too little. Ports and cores on socket ${f.socket} need their memory there`,
          }
        : undefined,
    render: render('  Cause: ', 1, 'Cannot allocate memory'),
    examples: [
      ex('  Cause: Creation of mbuf pool for socket 1 failed: Cannot allocate memory', {
        socket: '1',
        err: 'Cannot allocate memory',
      }),
      ex('  Cause: Cannot create mbuf pool'),
    ],
  },
  // ---- DPDK PMDs on VFs and bifurcated NICs ----
  {
    id: 'dpdk.mlx5-no-verbs-device',
    source: 'dpdk',
    cite: `${MLX5_OS} mlx5_os_get_ibv_device() (older: drivers/net/mlx5/linux/mlx5_os.c mlx5_os_pci_probe(), drivers/net/mlx5/mlx5.c mlx5_pci_probe())`,
    format: 'no Verbs device matches PCI device %s, are kernel drivers loaded?\n',
    versions:
      'capitalised "No Verbs device" in newer DPDK (drivers/common/mlx5), then "Verbs device not found: %s" and "Failed to initialize device context."; EAL ends with "Requested device %s cannot be used"',
    patterns: [
      new RegExp(
        `[Nn]o Verbs device matches PCI device ${BDF}, (?:are kernel drivers|is the kernel driver) loaded\\?`,
      ),
      new RegExp(`Verbs device not found: ${BDF}`),
    ],
    severity: 'error',
    title: 'DPDK mlx5: the port is not on its kernel driver (mlx5 is bifurcated)',
    cause:
      'the mlx5 PMD does not drive the NIC through vfio-pci: it works alongside the kernel mlx5_core driver through rdma-core (libibverbs) and needs the port bound to mlx5_core with mlx5_ib and ib_uverbs loaded. It found no Verbs device for this address: the port (often a VF) was bound to vfio-pci or another driver, mlx5_ib/ib_uverbs are not loaded, rdma-core is missing, or a container does not see /dev/infiniband',
    fix: 'leave the port (and its VFs) on mlx5_core — `dpdk-devbind.py -b mlx5_core <BDF>` if it was moved — load mlx5_ib and ib_uverbs, install rdma-core, and in a container mount /dev/infiniband and /sys; check `ibv_devices`',
    render: render('mlx5_net: ', '0000:01:00.3'),
    examples: [
      ex(
        'mlx5_common: No Verbs device matches PCI device 0000:c3:00.2, are kernel drivers loaded?',
        { bdf: '0000:c3:00.2' },
        'https://github.com/OpenVisualCloud/Media-Transport-Library/issues/402',
      ),
    ],
  },
  {
    id: 'dpdk.iavf-vf-init-failed',
    source: 'dpdk',
    cite: `${IAVF_PMD} iavf_init_vf() and iavf_dev_init(); the same steps in DPDK/dpdk drivers/net/i40e/i40e_ethdev_vf.c i40evf_init_vf() (older DPDK) and drivers/net/ice/ice_dcf.c ice_dcf_init_hw()`,
    format: 'VF is still resetting\n',
    versions:
      'the other steps of iavf_init_vf(): "init_adminq failed: %d", "check_api version failed", "iavf_get_vf_config failed"; iavf_dev_init() then prints "Init vf failed"',
    patterns: [
      /init_vf\(\): (?<step>VF is still resetting|check_api version failed|iavf_get_vf_config failed|i40evf_get_vf_config failed|init_adminq failed)/,
      /iavf_dev_init\(\): (?<step>Init vf failed)/,
    ],
    severity: 'error',
    title: 'DPDK iavf: the VF got no answer from its PF',
    cause:
      'the iavf PMD talks to the PF driver on the host (ice or i40e) over the virtchnl mailbox to set the VF up, and that failed: the VF was still in reset (the PF resets a VF when its trust, MAC, VLAN or spoof-check settings change, when the PF itself resets, or when the VF is handed to a VM), the PF did not answer the API version request, or it refused the resource request. The port is not initialised',
    fix: 'look at the host: `dmesg` for the PF (ice/i40e lines about this VF), and make sure the PF driver is loaded and its interface up; wait until VF settings changes are done before starting DPDK, then retry; if the PF driver is old, update it (the out-of-tree ice/i40e or the kernel) so it speaks the virtchnl version the PMD asks for',
    refine: (f) =>
      f.step === 'check_api version failed'
        ? {
            cause:
              "the PF did not answer (or refused) the VF's virtchnl API version request: the PF driver on the host is not running or not servicing VF mailboxes (interface down, in reset or firmware recovery), or it is too old for the version the PMD speaks",
          }
        : undefined,
    render: render('IAVF_INIT: iavf_init_vf(): '),
    examples: [
      ex('IAVF_INIT: iavf_init_vf(): check_api version failed', { step: 'check_api version failed' }),
      ex('iavf_init_vf(): VF is still resetting', { step: 'VF is still resetting' }),
    ],
  },
  {
    id: 'dpdk.vf-mac-refused',
    source: 'dpdk',
    cite: `${IAVF_VCHNL} iavf_add_del_all_mac_addr() and iavf_add_del_eth_addr(); DPDK/dpdk drivers/net/i40e/i40e_ethdev_vf.c i40evf_add_del_eth_addr() (older); the refusal from ${I40E_VC} i40e_vc_add_mac_addr_msg() / ${ICE_VC} ice_vc_add_mac_addr()`,
    format: 'fail to execute command %s\n',
    versions: 'printed with "OP_ADD_ETHER_ADDRESS", "OP_DEL_ETHER_ADDRESS" or (i40evf) "OP_ADD_ETH_ADDR"',
    patterns: [
      /fail to execute command (?<op>OP_ADD_ETHER_ADDRESS|OP_DEL_ETHER_ADDRESS|OP_ADD_ETH_ADDR|OP_DEL_ETH_ADDR)/,
    ],
    severity: 'warning',
    title: 'DPDK VF: the PF refused a MAC address change',
    cause:
      'the VF PMD asked the PF driver on the host to add (or remove) a MAC filter and the PF refused. An Intel PF does that for an untrusted VF that asks for more MAC addresses than an untrusted VF may hold, or that tries to set a MAC other than the one the host assigned with `ip link set PF vf N mac ...`; the host logs "VF is not trusted ..." or "attempted to override administratively set MAC address". Frames to the refused address are then not delivered to the VF',
    fix: 'on the host either trust the VF (`ip link set <PF> vf <N> trust on`), or let the application use the MAC the PF assigned (do not set another one in DPDK), or leave the VF MAC unset on the PF; then restart the port',
    render: render('iavf_add_del_all_mac_addr(): ', 'OP_ADD_ETHER_ADDRESS'),
    examples: [
      ex(
        'i40evf_add_mac_addr(): fail to execute command OP_ADD_ETHER_ADDRESS',
        { op: 'OP_ADD_ETHER_ADDRESS' },
        'https://github.com/cisco-system-traffic-generator/trex-core/issues/635',
      ),
    ],
  },
  // ---- dpdk-devbind.py ----
  {
    id: 'dpdk.devbind-interface-active',
    source: 'dpdk',
    cite: `${DEVBIND} _can_modify() (older: bind_one() / unbind_one())`,
    format: 'Warning: routing table indicates that interface %s is active. Not modifying.',
    versions:
      'older dpdk-devbind.py: "Routing table indicates that interface %s is active. Not modifying" (bind) and "... Skipping unbind" (unbind)',
    patterns: [
      new RegExp(
        `[Rr]outing table indicates that interface ${BDF} is active\\. (?<what>Not modifying|Skipping unbind)`,
      ),
    ],
    severity: 'warning',
    title: 'dpdk-devbind refused to move an interface that has routes',
    cause:
      "the device's kernel network interface has routes in the routing table (`ip -o route` names it), so dpdk-devbind.py refuses to unbind it: taking it from the kernel would cut those connections — possibly the SSH session you are on (it shows as *Active* in --status)",
    fix: 'make sure it is not your management interface, then take it down and remove its addresses (`ip link set <if> down; ip addr flush dev <if>`) and bind again; --force overrides the check (and drops its connections)',
    render: render('', '0000:05:00.0'),
    examples: [
      ex('Warning: routing table indicates that interface 0000:05:00.0 is active. Not modifying.', {
        bdf: '0000:05:00.0',
        what: 'Not modifying',
      }),
      ex('Routing table indicates that interface 0000:05:00.0 is active. Skipping unbind', {
        what: 'Skipping unbind',
      }),
    ],
  },
  {
    id: 'dpdk.devbind-iommu-disabled',
    source: 'dpdk',
    cite: `${DEVBIND} check_noiommu_mode() (has_iommu() looks at /sys/class/iommu)`,
    format: 'Error: IOMMU support is disabled, use --noiommu-mode for binding in noiommu mode',
    versions:
      'dpdk-devbind.py versions with the --noiommu-mode option; older ones bound anyway and vfio-pci or EAL failed later',
    patterns: [/IOMMU support is disabled, use --noiommu-mode for binding in noiommu mode/],
    severity: 'error',
    title: 'dpdk-devbind: no IOMMU, so it will not bind to vfio-pci',
    cause:
      "dpdk-devbind.py binds to a VFIO driver only when /sys/class/iommu lists an IOMMU, and it found none: the IOMMU is off (VT-d/AMD-Vi disabled in firmware, intel_iommu=on missing on older kernels), or this is a VM without a virtual IOMMU (most cloud instances), or the platform's IOMMU driver does not register there",
    fix: 'enable the IOMMU (firmware VT-d/AMD-Vi, intel_iommu=on, reboot; in a VM give it a vIOMMU, e.g. QEMU -device intel-iommu); without one, use `--noiommu-mode` (it sets vfio enable_unsafe_noiommu_mode=1: no DMA isolation, only for a dedicated test host)',
    render: render(''),
    examples: [ex('Error: IOMMU support is disabled, use --noiommu-mode for binding in noiommu mode')],
  },
  {
    id: 'dpdk.devbind-driver-not-loaded',
    source: 'dpdk',
    cite: `${DEVBIND} verify_driver_loaded() and check_modules()`,
    format: "Error: Driver '%s' is not loaded.",
    versions:
      'check_modules() says "Warning: no supported DPDK kernel modules are loaded" first (older versions: "Error - no supported modules(DPDK driver) are loaded")',
    patterns: [
      /Error: Driver '(?<driver>[\w.-]{1,64})' is not loaded\./,
      /no supported DPDK kernel modules are loaded/,
      /no supported modules\(DPDK driver\) are loaded/,
    ],
    severity: 'error',
    title: 'dpdk-devbind: the driver to bind to is not loaded',
    cause:
      'dpdk-devbind.py binds only to a driver whose module is loaded (it looks in /sys/module), and none of vfio-pci, uio_pci_generic or igb_uio is — or the --bind argument is not a driver name at all (e.g. "--bind=noiommu-mode" instead of the --noiommu-mode option)',
    fix: '`modprobe vfio-pci` (add it to /etc/modules-load.d/ to keep it after reboot) and bind again; for no-IOMMU use `--noiommu-mode -b vfio-pci <BDF>`',
    refine: (f) =>
      f.driver && !/^(?:vfio-pci|vfio_pci|uio_pci_generic|igb_uio)$/.test(f.driver)
        ? {
            cause: `"${f.driver}" is not a loaded driver module: either it is not loaded, or the --bind argument is not a driver name at all (e.g. "--bind=noiommu-mode" instead of the --noiommu-mode option)`,
          }
        : undefined,
    render: render('', 'vfio-pci'),
    examples: [
      ex("Error: Driver 'vfio-pci' is not loaded.", { driver: 'vfio-pci' }),
      ex('Warning: no supported DPDK kernel modules are loaded'),
    ],
  },
  // ---- SPDK ----
  {
    id: 'spdk.pci-device-claimed',
    source: 'spdk',
    cite: `${SPDK_PCI} spdk_pci_device_claim() (older: shm_open(%s) in the same function); spdk/spdk lib/nvme/nvme_pcie.c nvme_pcie_ctrlr_construct() ("could not claim device %s (%s)")`,
    format: 'Cannot create lock on device %s, probably process %d has claimed it\n',
    versions:
      'the lock file is /var/tmp/spdk_pci_lock_<BDF> (SPDK 18.x: /tmp/spdk_pci_lock_<BDF>; earlier a POSIX shared memory name); "could not open %s" when the file cannot be created',
    patterns: [
      /Cannot create lock on device (?<path>[^,\n]{1,120}), probably process (?<pid>\d{1,10}) has claimed it/,
      /could not open (?<lockfile>\/(?:var\/)?tmp\/spdk_pci_lock_[0-9a-fA-F:.]{7,16})/,
      new RegExp(`could not claim device ${BDF} \\((?<err>[^)\\n]{1,60})\\)`),
    ],
    severity: 'error',
    title: 'SPDK: the device is claimed by another process',
    cause:
      'SPDK takes an exclusive lock on a per-device file before it drives a PCI device, so two SPDK processes never drive the same controller. Another process (the pid named) holds it: a running nvmf_tgt, vhost, spdk_tgt or another SPDK application using the same device',
    fix: 'stop the other SPDK process (`ps -p <pid>`), or give each application its own devices (PCI_ALLOWED / -a / the allow list of the transport ID); if no such process exists any more, remove the stale /var/tmp/spdk_pci_lock_<BDF>',
    refine: (f) => {
      if (f.bdf && !f.pid)
        return {
          cause:
            'SPDK\'s NVMe driver could not claim the controller, so it does not attach it. spdk_pci_device_claim() reports both of its failures as EACCES ("Permission denied"), and its line just before says which: "Cannot create lock on device ..., probably process N has claimed it" (another SPDK process drives the device) or "could not open /var/tmp/spdk_pci_lock_<BDF>" (a lock file left by another user, usually root)',
          fix: 'stop the other SPDK process, or remove the stale /var/tmp/spdk_pci_lock_<BDF> (`scripts/setup.sh cleanup` removes leftover SPDK files)',
        };
      if (f.lockfile)
        return {
          title: 'SPDK: it may not create the device lock file',
          cause:
            'SPDK could not open its lock file /var/tmp/spdk_pci_lock_<BDF>: a file left by an SPDK process that ran as another user (usually root) and is not writable for this one, or /var/tmp not writable',
          fix: 'remove the stale /var/tmp/spdk_pci_lock_<BDF> file (or run as the same user as before); `scripts/setup.sh cleanup` removes leftover SPDK files',
        };
      return undefined;
    },
    render: render(
      'pci.c: 872:spdk_pci_device_claim: *ERROR*: ',
      '/var/tmp/spdk_pci_lock_0000:5e:00.0',
      4312,
    ),
    examples: [
      ex(
        'pci.c: 872:spdk_pci_device_claim: *ERROR*: Cannot create lock on device /var/tmp/spdk_pci_lock_0000:5e:00.0, probably process 4312 has claimed it',
        { pid: '4312' },
      ),
      ex(
        'nvme_pcie.c: 888:nvme_pcie_ctrlr_construct: *ERROR*: could not claim device 0000:d8:00.0 (Permission denied)',
        { err: 'Permission denied' },
      ),
    ],
  },
  {
    id: 'spdk.core-lock-claimed',
    source: 'spdk',
    cite: 'spdk/spdk lib/event/app.c claim_cpu_cores() and spdk_app_start()',
    format: 'Cannot create lock on core %u, probably process %d has claimed it.\n',
    versions:
      'then "Unable to acquire lock on assigned core mask - exiting."; the lock files are /var/tmp/spdk_cpu_lock_NNN (SPDK releases with CPU core locks)',
    patterns: [
      /Cannot create lock on core (?<core>\d{1,4}), probably process (?<pid>\d{1,10}) has claimed it/,
      /Unable to acquire lock on assigned core mask - exiting/,
    ],
    severity: 'error',
    title: 'SPDK: another SPDK application runs on the same CPU cores',
    cause:
      'an SPDK application locks each core of its core mask (-m) so two SPDK applications never poll the same core; another one (the pid named) already holds this core, so this one exits',
    fix: 'give each SPDK application its own cores (-m / --cpumask with cores the others do not use), stop the other process, or, if sharing is intended, start with --disable-cpumask-locks',
    render: render('app.c: 771:claim_cpu_cores: *ERROR*: ', 2, 348915),
    examples: [
      ex(
        'app.c: 771:claim_cpu_cores: *ERROR*: Cannot create lock on core 2, probably process 348915 has claimed it.',
        {
          core: '2',
          pid: '348915',
        },
      ),
      ex('app.c: 902:spdk_app_start: *ERROR*: Unable to acquire lock on assigned core mask - exiting.'),
    ],
  },
  {
    id: 'spdk.env-init-failed',
    source: 'spdk',
    cite: 'spdk/spdk lib/event/app.c app_setup_env() and the examples (examples/nvme/*/ main()), after lib/env_dpdk/init.c spdk_env_init() fails',
    format: 'Unable to initialize SPDK env\n',
    patterns: [/Unable to initialize SPDK env/],
    severity: 'error',
    title: 'SPDK: its DPDK environment did not come up',
    cause:
      "spdk_env_init() failed — it runs DPDK's rte_eal_init() underneath, so the EAL lines just before it say why: no hugepages (scripts/setup.sh not run, or run with too little HUGEMEM), no access to /dev/vfio or the hugepage mount as a non-root user, another SPDK/DPDK process using the same shared memory id, or an IOVA mode the devices cannot use",
    fix: 'run `sudo scripts/setup.sh` (HUGEMEM=<MB> for more), check `scripts/setup.sh status`, read the EAL lines above, and give concurrent SPDK applications distinct shm ids (-i) or run them with --no-shconf',
    render: render(''),
    examples: [ex('Unable to initialize SPDK env')],
  },
  {
    id: 'spdk.setup-hugepages-short',
    source: 'spdk',
    cite: `${SPDK_SETUP} (the hugepage step of configure_linux: it writes NRHUGE to nr_hugepages and reads back what the kernel allocated)`,
    format: '## ERROR: requested %s hugepages but only %s could be allocated.',
    versions:
      'followed by "## Memory might be heavily fragmented. Please try flushing the system cache, or reboot the machine."; per-node runs (HUGENODE) say the same for that node',
    patterns: [
      /ERROR: requested (?<want>\d{1,9}) hugepages but only (?<got>\d{1,9}) could be allocated/,
      /Memory might be heavily fragmented\. Please try flushing the system cache, or reboot the machine/,
    ],
    severity: 'error',
    title: 'SPDK setup.sh: the kernel allocated fewer hugepages than asked',
    cause:
      'setup.sh wrote the number of hugepages it needs (HUGEMEM / NRHUGE) to nr_hugepages and the kernel could reserve fewer: not enough free memory, or memory too fragmented for contiguous 2 MB (or 1 GB) pages, or the pages spread over NUMA nodes differently than asked. setup.sh stops',
    fix: 'ask for less (HUGEMEM=<MB> scripts/setup.sh), drop caches and compact (`sync; echo 3 > /proc/sys/vm/drop_caches; echo 1 > /proc/sys/vm/compact_memory`) and retry, or reserve the pages at boot (hugepages=N, or hugepagesz=1G hugepages=N on the kernel command line)',
    render: render('', 1024, 512),
    examples: [
      ex('## ERROR: requested 1024 hugepages but only 512 could be allocated.', { want: '1024', got: '512' }),
    ],
  },
  // ---- Linux VF drivers: a PF that does not answer ----
  {
    id: 'kernel.vf-pf-not-responding',
    source: 'kernel',
    cite: `${INTEL}/ixgbevf/ixgbevf_main.c ixgbevf_sw_init(); ${INTEL}/igbvf/netdev.c igbvf_probe() and igbvf_reset(); torvalds/linux drivers/net/ethernet/wangxun/txgbevf and ngbevf (the same words)`,
    format: 'PF still in reset state.  Is the PF interface up?\n',
    versions:
      'igbvf: "PF still in reset state. Is the PF interface up?" then "Assigning random MAC address." and "PF still resetting"; ixgbevf follows with "Assigning random MAC address"',
    patterns: [
      /PF still in reset state[.,] {1,2}(?:assigning new address\. )?Is the PF interface up\?/,
      /PF still resetting/,
    ],
    severity: 'warning',
    title: 'The VF driver got no answer from its PF',
    cause:
      'the VF driver (ixgbevf, igbvf) resets the VF and asks the PF driver on the host for its settings over the mailbox; the PF did not answer. The Intel PF drivers (ixgbe, igb) service their VFs only while the PF interface is up, so this almost always means the PF netdev is down (or the PF driver is resetting or not loaded). The VF continues with a random MAC address and no link until the PF comes up',
    fix: 'on the host bring the PF up before loading the VF driver or starting the VM (`ip link set <PF> up`, also in the network configuration so it stays up without an address), optionally give the VF a fixed MAC (`ip link set <PF> vf <N> mac ...`), then reload the VF driver in the guest (or restart the VM)',
    render: render('ixgbevf 0000:03:10.0: '),
    examples: [
      ex(
        '[Mon Sep 17 18:25:53 2018] ixgbevf 0000:04:12.4: PF still in reset state.  Is the PF interface up?',
        undefined,
        'https://github.com/canonical/lxd/issues/5041',
      ),
      ex('[  116.985058] igbvf 0000:84:10.2: PF still resetting'),
    ],
  },
  {
    id: 'kernel.iavf-reset-timeout',
    source: 'kernel',
    cite: `${IAVF_MAIN} iavf_reset_task()`,
    format: 'Reset never finished (%x)\n',
    versions: 'then "Reset task did not complete, VF disabled"; older i40evf the same',
    patterns: [
      /Reset never finished \((?<rstat>[0-9a-fA-F]{1,8})\)/,
      /Reset task did not complete, VF disabled/,
    ],
    severity: 'error',
    title: 'iavf: the VF reset never completed, the VF is disabled',
    cause:
      "the iavf VF driver waited for the PF to finish resetting the VF (the VF reset status register never showed completion) and gave up: it disables the VF, which stays without network until the driver is reloaded. The PF did not complete the reset: the PF driver on the host was resetting or reloading, is in firmware recovery, many VFs reset at once (128 VFs outlast the driver's wait), or the VF was moved (migrated, re-attached) while its PCI state was not restored",
    fix: 'in the guest reload the driver (`modprobe -r iavf; modprobe iavf`) or reset the VF from the host (`echo 1 > /sys/bus/pci/devices/<VF>/reset`); look at the host PF driver log (ice/i40e) for resets or errors at that time; update the PF and iavf drivers',
    render: render('iavf 0000:00:04.0: ', 0),
    examples: [
      ex('[  199.360798] iavf 0000:00:04.0: Reset never finished (0)', { rstat: '0' }),
      ex('iavf b8d4:00:02.0: Reset task did not complete, VF disabled'),
    ],
  },
  {
    id: 'kernel.iavf-pf-refused-request',
    source: 'kernel',
    cite: `${IAVF_VIRTCHNL} iavf_virtchnl_completion() (older: i40evf_virtchnl.c i40evf_virtchnl_completion())`,
    format: 'PF returned error %d (%s) to our request %d\n',
    versions:
      'specific requests have their own wording in the same function: "Failed to add MAC filter, error %s", "Failed to add VLAN filter, error %s", "Changing VLAN Stripping is not allowed when Port VLAN is configured"',
    patterns: [
      /PF returned error (?<status>-?\d{1,4}) \((?<name>[A-Z][A-Z0-9_]{2,40})\) to our request (?<op>\d{1,4})/,
      /Failed to add (?<what>MAC|VLAN) filter, error (?<name>[A-Z][A-Z0-9_]{2,40})/,
    ],
    severity: 'warning',
    title: 'iavf: the PF refused a request of this VF',
    cause:
      'the iavf VF driver sent a virtchnl request to the PF driver on the host (ice or i40e) and the PF answered with an error; the request number is the virtchnl opcode. The host\'s PF driver usually logs its side ("VF N failed opcode ...", "VF is not trusted ...")',
    fix: 'look at the host PF log for the same time; for MAC/VLAN/promisc refusals decide on the VF settings there (`ip link set <PF> vf <N> trust on`, or stop setting a MAC/VLAN in the guest that the host assigned); for NOT_SUPPORTED update the PF driver if you need the feature',
    refine: (f) => {
      const byOp = refusedRequest(f.op ?? (f.what === 'MAC' ? '10' : f.what === 'VLAN' ? '12' : undefined));
      if (
        f.name === 'IAVF_NOT_SUPPORTED' ||
        f.name === 'VIRTCHNL_STATUS_ERR_NOT_SUPPORTED' ||
        f.status === '-64'
      )
        return {
          severity: 'info',
          cause: `the PF driver on the host does not support this request (${f.op ? (VIRTCHNL_OPS[f.op] ?? `opcode ${f.op}`) : `${f.what} filter`}): a VF driver newer than the PF driver asks for an optional capability, and the VF carries on without it. Harmless unless you need that feature`,
          fix: 'nothing unless the feature is needed; then update the PF driver (ice/i40e) on the host',
        };
      if (byOp)
        return {
          cause: `the PF driver on the host refused a request of this VF: ${byOp}`,
          fix: 'on the host `ip link set <PF> vf <N> trust on` (if the guest may manage its own MACs/VLANs/promisc), or stop the guest from changing what the host assigned',
        };
      return undefined;
    },
    render: render('iavf 0000:06:00.0: ', -5, 'IAVF_ERR_PARAM', 6),
    examples: [
      ex(
        '[Mon Jul  7 12:37:39 2025] iavf 0000:ec:01.1: PF returned error -64 (IAVF_NOT_SUPPORTED) to our request 51',
        { status: '-64', op: '51' },
        'https://github.com/intel/ethernet-linux-ice/issues/31',
      ),
      ex('iavf 0000:06:00.0: PF returned error -5 (IAVF_ERR_PARAM) to our request 10', { op: '10' }),
    ],
  },
  // ---- Linux PF drivers: VF trust, refused requests, MDD and spoofing ----
  {
    id: 'kernel.vf-untrusted-refused',
    source: 'kernel',
    cite: `${I40E_VC} i40e_vc_config_promiscuous_mode_msg() and i40e_check_vf_permission() (older wording); ${ICE_VC} ice_vc_cfg_promiscuous_mode_msg()`,
    format: 'Unprivileged VF %d is attempting to configure promiscuous mode\n',
    versions:
      'older i40e refused extra MAC addresses with "VF is not trusted, switch the VF to trusted to add more functionality" (now "Cannot add more MAC addresses, VF is not trusted, ...", which kernel.sriov-vf-trust-changed explains)',
    patterns: [
      /Unprivileged VF (?<vf>\d{1,4}) is attempting to configure promiscuous mode/,
      /(?<mac>VF is not trusted, switch the VF to trusted to add more functionality)/,
    ],
    severity: 'warning',
    title: 'The PF ignored an untrusted VF asking for promiscuous mode',
    cause:
      'the VF driver in the guest (iavf, or a DPDK PMD with promiscuous/all-multicast on, a bridge, tcpdump, VRRP or a bond) asked the PF for promiscuous or all-multicast receive; only a trusted VF may have it, so the PF driver (i40e, ice) ignores the request — and tells the VF it succeeded. The VF keeps receiving only frames for its own MAC addresses',
    fix: 'if the guest needs promiscuous or multicast receive, trust the VF on the host: `ip link set <PF> vf <N> trust on` (the VF resets); with libvirt, <interface type="hostdev" trustGuestRxFilters="yes">; with the SR-IOV operator/CNI, trust: "on"',
    refine: (f) =>
      f.mac
        ? {
            title: 'The PF refused more MAC addresses to an untrusted VF',
            cause:
              'the VF asked the PF for more MAC filters than an untrusted VF may hold (a bond, a bridge, macvlan or a DPDK application adding addresses in the guest), and the PF refused; frames to the refused addresses are not delivered to the VF',
          }
        : undefined,
    render: render('i40e 0000:3b:00.0: ', 2),
    examples: [
      ex('ice 0000:3b:00.0: Unprivileged VF 2 is attempting to configure promiscuous mode', { vf: '2' }),
      ex(
        'kernel: i40e 0000:3b:00.1: VF is not trusted, switch the VF to trusted to add more functionality',
        undefined,
        'https://github.com/cisco-system-traffic-generator/trex-core/issues/635',
      ),
    ],
  },
  {
    id: 'kernel.vf-virtchnl-op-failed',
    source: 'kernel',
    cite: `${I40E_VC} i40e_vc_send_msg_to_vf(); ${INTEL}/ice/ice_virtchnl_pf.c ice_vc_send_msg_to_vf() (older ice); ${ICE_VC} ice_vc_process_vf_msg() ("Invalid message from VF ...")`,
    format: 'VF %d failed opcode %d, retval: %d\n',
    versions:
      'after too many refusals in a row: "Number of invalid messages exceeded for VF %d" and "Use PF Control I/F to enable the VF" (the VF is disabled); newer ice logs a message it rejects as "Invalid message from VF %d, opcode %d, len %d, error %d" (opcode 3, GET_VF_RESOURCES, while the VF is being reset after a host-side change)',
    patterns: [
      /VF (?<vf>\d{1,4}) failed opcode (?<op>\d{1,4}), retval: (?<retval>-?\d{1,4})/,
      /Number of invalid messages exceeded for VF (?<vf>\d{1,4})/,
      /Invalid message from VF (?<vf>\d{1,4}), opcode (?<op>\d{1,4}), len \d{1,6}, error (?<retval>-?\d{1,4})/,
    ],
    severity: 'warning',
    title: 'The PF refused a request of a VF',
    cause:
      'the PF driver (i40e, ice) answered a virtchnl request of this VF with an error; the opcode names the request. The line before usually says why (an untrusted VF, an administratively set MAC or port VLAN, a request while the VF was resetting)',
    fix: "read the PF lines just before; decide on the VF settings on the host (`ip link show <PF>` lists each VF's MAC, VLAN, trust and spoof checking) — trust the VF or stop the guest from changing what the host assigned",
    refine: (f) => {
      if (!f.op)
        return {
          severity: 'error',
          title: 'The PF disabled a VF that kept sending refused requests',
          cause:
            'the VF sent more invalid or refused virtchnl requests in a row than the PF driver allows, so the PF disabled it: the VF has no network until it is re-enabled. A guest driver or DPDK application retrying a refused MAC/VLAN/promisc request in a loop does this',
          fix: 'fix what it kept asking for (trust the VF, or stop changing the host-assigned MAC/VLAN), then re-enable it from the host: reload the VF driver in the guest or reset the VF (toggle a VF setting such as `ip link set <PF> vf <N> trust off/on`, or `echo 1 > /sys/bus/pci/devices/<VF>/reset`)',
        };
      const byOp = refusedRequest(f.op);
      return byOp
        ? {
            cause: `the PF driver refused a virtchnl request of VF ${f.vf}: ${byOp}`,
            fix: 'on the host `ip link set <PF> vf <N> trust on` if the guest may manage its own filters, or leave the MAC/VLAN to the guest by not setting them on the PF',
          }
        : undefined;
    },
    render: render('i40e 0000:3b:00.1: ', 8, 10, -1),
    examples: [
      ex(
        'kernel: i40e 0000:3b:00.1: VF 8 failed opcode 10, retval: -1',
        { vf: '8', op: '10', retval: '-1' },
        'https://github.com/cisco-system-traffic-generator/trex-core/issues/635',
      ),
      ex('i40e 0000:3b:00.1: Number of invalid messages exceeded for VF 8', { vf: '8' }),
    ],
  },
  {
    id: 'kernel.nic-vf-mdd-event',
    source: 'kernel',
    cite: `${I40E_MAIN} i40e_handle_mdd_event(); ${INTEL}/ice/ice_main.c ice_handle_mdd_event() and ${INTEL}/ice/ice_sriov.c ice_print_vf_tx_mdd_event() / ice_print_vf_rx_mdd_event()`,
    format: 'Malicious Driver Detection event 0x%02x on TX queue %d PF number 0x%02x VF number 0x%02x\n',
    versions:
      'i40e then "TX driver issue detected on VF %d" and, after repeated events, "Too many MDD events on VF %d, disabled" with "Use PF Control I/F to re-enable the VF"; ice: "Malicious Driver Detection event %d on TX queue %d PF# %d VF# %d" and "%d Tx Malicious Driver Detection events detected on PF %d VF %d MAC %pM. mdd-auto-reset-vfs=%s"',
    patterns: [
      /Malicious Driver Detection event (?:0x)?(?<event>[0-9a-fA-F]{1,4}) on (?<dir>TX|RX) queue (?<queue>\d{1,5})(?: PF number 0x[0-9a-fA-F]{2} VF number 0x(?<vfhex>[0-9a-fA-F]{2})| PF# \d{1,3} VF# (?<vf>\d{1,4}))?/,
      /(?<count>\d{1,10}) (?<dir>Tx|Rx) Malicious Driver Detection events detected on PF \d{1,3} VF (?<vf>\d{1,4})/,
      /(?<dir>TX|RX) driver issue detected on (?:VF (?<vf>\d{1,4})|PF)/,
      /Too many MDD events on VF (?<disabled>\d{1,4}), disabled/,
    ],
    severity: 'warning',
    title: 'The NIC caught a VF driver sending malformed descriptors (MDD)',
    cause:
      "the NIC's malicious driver detection saw a VF's driver hand it descriptors it considers invalid (a packet with too many segments or a bad length, wrong TSO/checksum offload parameters, a queue the VF does not own) and stopped that queue; the PF driver (i40e, ice) logs it and resets the VF or its queue. The VF's traffic stalls or drops meanwhile. The usual source is the driver in the guest: a DPDK application building bad mbufs (nb_segs, offload flags) or an old VF driver",
    fix: "update the VF driver or DPDK in the guest and check the application's TX path (segment counts, offload flags; DPDK's tx_pkt_prepare); with ice, `ethtool --set-priv-flags <PF> mdd-auto-reset-vf on` resets the VF automatically; a disabled VF comes back when the VF driver is reloaded or the VF is reset from the host",
    refine: (f) =>
      f.disabled
        ? {
            severity: 'error',
            title: 'The PF disabled a VF after repeated malicious-driver events',
            cause:
              "the VF's driver triggered malicious driver detection more often than the PF allows, so the PF disabled the VF: it has no traffic until re-enabled. The driver in the guest keeps sending descriptors the NIC rejects (a DPDK application's TX path or an old VF driver)",
            fix: 'fix or update the VF driver/DPDK application in the guest, then re-enable the VF from the host: reload the VF driver or reset it (`echo 1 > /sys/bus/pci/devices/<VF>/reset`, or toggle a VF setting with `ip link set <PF> vf <N> ...`)',
          }
        : undefined,
    render: render('i40e 0000:3d:00.0: ', 2, 65, 0, 1),
    examples: [
      ex(
        'i40e 0000:3d:00.0: Malicious Driver Detection event 0x02 on TX queue 65 PF number 0x00 VF number 0x01',
        {
          event: '02',
          dir: 'TX',
          vfhex: '01',
        },
      ),
      ex(
        'ice 0000:17:00.0: 3 Tx Malicious Driver Detection events detected on PF 0 VF 2 MAC 52:54:00:aa:bb:cc. mdd-auto-reset-vfs=off',
        {
          count: '3',
          vf: '2',
        },
      ),
      ex('i40e 0000:3d:00.0: Too many MDD events on VF 1, disabled', { disabled: '1' }),
    ],
  },
  {
    id: 'kernel.igb-vf-spoof-event',
    source: 'kernel',
    cite: `${INTEL}/igb/igb_main.c igb_spoof_check()`,
    format: 'Spoof event(s) detected on VF %d\n',
    patterns: [/Spoof event\(s\) detected on VF (?<vf>\d{1,3})/],
    severity: 'warning',
    title: 'igb: a VF sent frames with a MAC or VLAN it does not own',
    cause:
      'with spoof checking on (the default), the I350/82576 drops frames a VF sends with a source MAC address or VLAN other than the ones assigned to it, and the PF driver reports it. In the guest: a bridge, bond (failover changing MACs), macvlan or a changed MAC address on the VF',
    fix: 'assign the MAC the guest uses from the host (`ip link set <PF> vf <N> mac ...`), or, if the guest must send other addresses, `ip link set <PF> vf <N> spoofchk off` (and trust on for MAC changes)',
    render: render('igb 0000:84:00.0: ', 1),
    examples: [ex('igb 0000:84:00.0: Spoof event(s) detected on VF 1', { vf: '1' })],
  },
  // ---- Linux PF drivers: firmware/NVM and VF creation ----
  {
    id: 'kernel.vf-reset-notice',
    source: 'kernel',
    cite: `${IAVF_VIRTCHNL} iavf_virtchnl_completion() (VIRTCHNL_EVENT_RESET_IMPENDING); ${IAVF_MAIN} iavf_watchdog_task() / iavf_reset_task() ("Hardware reset detected", "Scheduling reset task"); ${INTEL}/ixgbe/ixgbe_sriov.c ixgbe_vf_reset_msg() ("VF Reset msg received from vf %d")`,
    format: 'Reset indication received from the PF\n',
    versions:
      'older iavf/i40evf: "Reset warning received from the PF"; the PF side of ixgbe logs "VF Reset msg received from vf %d" each time a VF driver (re)initialises',
    patterns: [
      /Reset (?:indication|warning) received from the PF/,
      /(?:iavf|i40evf) [0-9a-fA-F:.]{7,16}: (?:Hardware reset detected|Scheduling reset task)/,
      /VF Reset msg received from vf (?<vf>\d{1,3})/,
    ],
    severity: 'info',
    title: 'A VF was reset (harmless)',
    cause:
      'the VF was reset, and its driver re-initialises: the PF resets a VF whenever the host changes one of its settings (`ip link set <PF> vf N mac/vlan/trust/spoofchk ...`, which libvirt, the SR-IOV CNI and the operator do when they hand the VF out), when the PF itself resets, or when the VF driver starts (ixgbe\'s "VF Reset msg received"). Traffic pauses for a moment. Only a reset that never completes ("Reset never finished") is a problem',
    fix: 'nothing to do; if the VF stays down afterwards, look for "Reset never finished" or PF errors around it',
    render: render('iavf 0000:ec:01.1: '),
    examples: [
      ex('[ 7333.001023] iavf 0000:3b:01.0: Reset indication received from the PF'),
      ex('ixgbe 0000:01:00.1 sriov0: VF Reset msg received from vf 0', { vf: '0' }),
    ],
  },
  {
    id: 'kernel.ixgbe-vf-no-mac',
    source: 'kernel',
    cite: `${INTEL}/ixgbe/ixgbe_sriov.c ixgbe_vf_reset_msg(); ${INTEL}/ixgbevf/ixgbevf_main.c ixgbevf_sw_init() ("MAC address not assigned by administrator.")`,
    format: 'VF %d has no MAC address assigned, you may have to assign one manually\n',
    versions:
      'the VF side (ixgbevf, and txgbevf/ngbevf) says "MAC address not assigned by administrator." and then "Assigning random MAC address"',
    patterns: [
      /VF (?<vf>\d{1,3}) has no MAC address assigned, you may have to assign one manually/,
      /MAC address not assigned by administrator\./,
    ],
    severity: 'info',
    title: 'The VF has no MAC address from the host, so it picks a random one',
    cause:
      "the host never set a MAC address for this VF (all zero), so the PF answers the VF driver's reset without one and the VF driver makes up a random address — a new one each time the driver loads or the VM boots. Harmless for most uses; it breaks setups that expect a stable MAC (DHCP reservations, switch port security, licences, the guest's network configuration keyed by MAC)",
    fix: 'give the VF a fixed address on the host before it is used: `ip link set <PF> vf <N> mac <MAC>` (libvirt does it from the <mac> of an <interface type="hostdev">; the SR-IOV CNI from its mac setting)',
    render: render('ixgbe 0000:01:00.1: ', 0),
    examples: [
      ex('ixgbe 0000:03:00.0: VF 0 has no MAC address assigned, you may have to assign one manually', {
        vf: '0',
      }),
      ex('ixgbevf 0000:03:10.0: MAC address not assigned by administrator.'),
    ],
  },
  {
    id: 'kernel.intel-sriov-enable-failed',
    source: 'kernel',
    cite: `${INTEL}/i40e/i40e_virtchnl_pf.c i40e_pci_sriov_enable(); ${INTEL}/ice/ice_sriov.c ice_pci_sriov_ena() (the errno from i40e_alloc_vfs() / ice_ena_vfs(), which call torvalds/linux drivers/pci/iov.c pci_enable_sriov())`,
    format: 'Failed to enable SR-IOV: %d\n',
    versions:
      'the refusals before it in the same functions: ice "Can\'t enable %d VFs, max VFs supported is %d", "This device is not capable of SR-IOV", "Cannot enable SR-IOV, device not ready"; i40e "Unable to enable %d VFs. Limited to %d VFs due to device resource constraints."',
    patterns: [
      /Failed to enable SR-IOV: (?<err>-?\d{1,4})/,
      /Can't enable (?<want>\d{1,4}) VFs, max VFs supported is (?<max>\d{1,4})/,
      /Unable to enable (?<want>\d{1,4}) VFs\. Limited to (?<max>\d{1,4}) VFs due to device resource constraints/,
      /(?<incapable>This device is not capable of SR-IOV)/,
      /(?<notready>Cannot enable SR-IOV, device not ready)/,
    ],
    severity: 'error',
    title: 'i40e/ice: the VFs were not created',
    cause:
      'the Intel PF driver could not create the requested VFs, so writing sriov_numvfs failed with this errno. The line before usually names the step: the PCI core (not enough MMIO space or bus numbers for the VFs), the driver\'s own resource split ("Not enough resources for N VFs"), or a VF count above what the device supports',
    fix: 'read the lines before it; ask for fewer VFs; for MMIO/bus space enable SR-IOV, ARI and "Above 4G decoding" in the firmware setup or boot with pci=realloc (or pci=assign-busses)',
    refine: (f) => {
      if (f.max)
        return {
          title: 'The PF supports fewer VFs than requested',
          cause: `the PF driver supports at most ${f.max} VFs on this function (set by the device's NVM and the driver's resource split), and ${f.want} were requested`,
          fix: `write ${f.max} or fewer to sriov_numvfs; a larger per-port VF count is an NVM setting of the card (Intel's EPCT/nvmupdate tools), not a driver option`,
        };
      if (f.incapable)
        return {
          cause:
            'the ice driver found no SR-IOV capability on this function (the NVM has SR-IOV disabled, or a firmware mode without it), so it creates no VFs',
          fix: "enable SR-IOV for the card in the firmware setup (the NIC's HII/BIOS page) or with the vendor NVM tool, then reboot",
        };
      if (f.notready)
        return {
          cause:
            'the ice PF was still initialising or resetting (or in firmware recovery mode) when VFs were requested, so it refused',
          fix: 'wait until the PF is up (its interface exists and has link) and write sriov_numvfs again; check dmesg for ice reset or recovery-mode errors',
        };
      if (f.errno === 'ENOMEM')
        return {
          cause:
            'pci_enable_sriov() returns ENOMEM when the VFs\' BARs do not fit the MMIO window the firmware left for the PF ("not enough MMIO resources for SR-IOV") or their routing IDs fall outside the bus range ("can\'t enable N VFs (bus ... out of range)"); the PCI core\'s line is just before',
          fix: 'enable SR-IOV, ARI and "Above 4G decoding" (and "SR-IOV BAR space") in the firmware setup, or boot with pci=realloc (pci=assign-busses for bus numbers), or ask for fewer VFs',
        };
      if (f.errno === 'ENOSPC' || f.errno === 'EIO')
        return {
          cause:
            'the PF driver could not give each VF its minimum queues and interrupts (ENOSPC/EIO from its resource split: "Not enough resources for N VFs" just before)',
          fix: "ask for fewer VFs, or lower the PF's own queues (`ethtool -L <PF> combined <n>`) before creating them",
        };
      return undefined;
    },
    render: render('i40e 0000:3b:00.0: ', -12),
    examples: [
      ex('i40e 0000:3b:00.0: Failed to enable SR-IOV: -12', { err: '-12' }),
      ex("ice 0000:17:00.0: Can't enable 300 VFs, max VFs supported is 256", { want: '300', max: '256' }),
    ],
  },
  {
    id: 'kernel.nic-nvm-api-mismatch',
    source: 'kernel',
    cite: `${I40E_MAIN} i40e_probe(); ${INTEL}/ice/ice_controlq.c ice_aq_ver_check(); ${INTEL}/ixgbe/ixgbe_main.c ixgbe_check_fw_api_mismatch() (E610)`,
    format:
      'The driver for the device detected a newer version of the NVM image v%u.%u than expected v%u.%u. Please install the most recent version of the network driver.\n',
    versions:
      'ice: "... detected a newer version (%u.%u) of the NVM image than expected (%u.%u)"; older drivers without the versions; "... detected an older version of the NVM image v%u.%u than expected v%u.%u. Please update the NVM image."; a newer major version: "The driver for the device stopped because the NVM image [v%u.%u] is newer than expected [v%u.%u]. You must install the most recent version of the network driver." (newer i40e prints the newer-minor case at debug level only)',
    patterns: [
      /The driver for the device detected (?:a|an) (?<dir>newer|older) version (?:\((?<nvm>\d{1,3}\.\d{1,3})\) )?of the NVM image(?: v(?<nvm2>\d{1,3}\.\d{1,3}))? than/,
      /The driver for the device (?<stopped>stopped) because the NVM image(?: v\d{1,3}\.\d{1,3})? is newer than expected/,
    ],
    severity: 'info',
    title: "The NIC's firmware (NVM) API is newer than this driver expects",
    cause:
      "the driver compares the NIC firmware's admin-queue API version with the one it was written for; the NVM is a newer minor version. The driver works (later i40e versions stopped printing this because it alarmed people needlessly); only features of the newer firmware may be unused",
    fix: 'nothing is required; to silence it update the driver (kernel, or the out-of-tree ice/i40e from Intel) to one matching the NVM',
    refine: (f) => {
      if (f.stopped)
        return {
          severity: 'error',
          title: "The NIC's firmware (NVM) is too new for this driver: the port is not initialised",
          cause:
            "the NIC's NVM speaks a newer major admin-queue API version than the driver supports, so the driver stops and the port (and its VFs) do not come up — typically after a firmware update on an older kernel or distribution driver",
          fix: 'install a newer driver (a newer kernel, or the out-of-tree ice/i40e/ixgbe from Intel matching the NVM), or put the NVM version back to one the driver supports',
        };
      if (f.dir === 'older')
        return {
          severity: 'warning',
          title: "The NIC's firmware (NVM) is older than this driver expects",
          cause:
            "the NIC's NVM speaks an older admin-queue API than the driver was written for; the driver loads, but features that need newer firmware (some SR-IOV, link and DDP features) may fail or misbehave",
          fix: "update the NIC's NVM with the vendor's NVM update utility (Intel nvmupdate64e) to the version matching the driver",
        };
      return undefined;
    },
    render: render('i40e 0000:3d:00.0: ', 1, 9, 1, 8),
    examples: [
      ex(
        'i40e 0000:3d:00.0: The driver for the device detected a newer version of the NVM image v1.9 than expected v1.8. Please install the most recent version of the network driver.',
        { dir: 'newer', nvm2: '1.9' },
      ),
      ex(
        'ice 0000:17:00.0: The driver for the device stopped because the NVM image is newer than expected. You must install the most recent version of the network driver.',
        { stopped: 'stopped' },
      ),
      ex(
        'i40e 0000:3d:00.0: The driver for the device detected an older version of the NVM image v1.5 than expected v1.7. Please update the NVM image.',
        { dir: 'older' },
      ),
    ],
  },
  {
    id: 'kernel.ice-vf-resources-short',
    source: 'kernel',
    cite: `${INTEL}/ice/ice_sriov.c ice_ena_vfs() (ice_virtchnl_pf.c before 5.18; the older "Cannot allocate VF resources" from ice_virtchnl_pf.c ice_config_res_vfs())`,
    format: 'Not enough resources for %d VFs, err %d. Try with fewer number of VFs\n',
    versions:
      'older ice: "Not enough resources for %d VFs, try with fewer number of VFs", and before that "Cannot allocate VF resources, try with fewer number of VFs"; the MSI-X reason itself: "Only %d MSI-X interrupts available for SR-IOV ..."',
    patterns: [
      /Not enough resources for (?<vfs>\d{1,4}) VFs(?:, err (?<err>-?\d{1,4})\.|,) [Tt]ry with fewer number of VFs/,
      /Cannot allocate VF resources, try with fewer number of VFs/,
    ],
    severity: 'error',
    title: 'ice: not enough queues or interrupts for this many VFs',
    cause:
      "the ice PF driver divides the queues and MSI-X vectors left after the PF's own among the requested VFs and cannot give each the minimum, so it does not create them (writing sriov_numvfs fails, with ENOSPC). The PF's own queues and vectors (one per CPU by default), RDMA (irdma), ADQ/switchdev and the other PFs of the card take from the same pool",
    fix: 'create fewer VFs, or free resources on the PF first: fewer PF queues (`ethtool -L <PF> combined <n>`), unload irdma if RDMA is not used, then write sriov_numvfs again; newer kernels also let you size per-VF MSI-X (sriov_vf_msix_count)',
    render: render('ice 0000:17:00.0: ', 128, -28),
    examples: [
      ex('ice 0000:17:00.0: Not enough resources for 128 VFs, err -28. Try with fewer number of VFs', {
        vfs: '128',
        err: '-28',
      }),
      ex('ice 0000:17:00.0: Not enough resources for 64 VFs, try with fewer number of VFs', { vfs: '64' }),
    ],
  },
  {
    id: 'kernel.bnxt-vf-resources-short',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/broadcom/bnxt/bnxt_sriov.c bnxt_sriov_enable()',
    format: "Cannot enable VF's as all resources are used by PF\n",
    versions:
      'when some but not all fit: "Requested VFs %d, can enable %d" (info) and the lower number is enabled',
    patterns: [
      /Cannot enable VF's as all resources are used by PF/,
      /Requested VFs (?<want>\d{1,4}), can enable (?<got>\d{1,4})/,
    ],
    severity: 'error',
    title: 'bnxt: the PF uses all the rings, none are left for VFs',
    cause:
      "the bnxt_en PF driver checks the rings, completion rings, VNICs and RSS contexts the firmware gives this function and finds none left for even one VF after its own, so it creates none (writing sriov_numvfs fails with EINVAL). The PF's own ring count (one per CPU), RDMA (bnxt_re) and the NVM's VF resource settings decide what is left",
    fix: "reduce the PF's rings before creating VFs (`ethtool -L <PF> combined <n>`), unload bnxt_re if RDMA is unused, and check the VF count and resource settings in the NIC NVM (Broadcom niccli/bnxtnvm); then write sriov_numvfs again",
    refine: (f) =>
      f.got
        ? {
            severity: 'warning',
            title: 'bnxt: fewer VFs enabled than requested',
            cause: `the PF had rings and contexts left for only ${f.got} of the ${f.want} VFs requested, so it enabled ${f.got}`,
          }
        : undefined,
    render: render('bnxt_en 0000:3b:00.0 ens1f0np0: '),
    examples: [
      ex("bnxt_en 0000:3b:00.0 ens1f0np0: Cannot enable VF's as all resources are used by PF"),
      ex('bnxt_en 0000:3b:00.0 ens1f0np0: Requested VFs 64, can enable 32', { want: '64', got: '32' }),
    ],
  },
  {
    id: 'kernel.i40e-vf-op-pending',
    source: 'kernel',
    cite: `${I40E_MAIN} / ${I40E_VC} i40e_pci_sriov_configure(), i40e_ndo_set_vf_mac(), i40e_ndo_set_vf_port_vlan(), i40e_ndo_set_vf_trust() and the other ndo_set_vf_* handlers`,
    format: 'Unable to configure VFs, other operation is pending.\n',
    patterns: [/Unable to configure VFs, other operation is pending/],
    severity: 'warning',
    title: 'i40e: another VF configuration was still in progress',
    cause:
      'i40e allows one VF configuration operation at a time (sriov_numvfs, or a VF MAC/VLAN/trust/spoof-check/rate change); another was still running, so this one was refused with EAGAIN. It happens when a tool configures many VFs at once (libvirt, the SR-IOV CNI or operator, a script) or while VFs are still being created or reset',
    fix: 'retry the operation after a moment (scripts: wait and retry on EAGAIN; configure VFs one after another); if it keeps failing, look for a VF stuck in reset in the PF log',
    render: render('i40e 0000:3b:00.0: '),
    examples: [ex('i40e 0000:3b:00.0: Unable to configure VFs, other operation is pending.')],
  },
];

/** Sibling wordings the entries above also recognise (coverage.ts ALSO). */
export const NIC_DPDK_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'dpdk.primary-process-lock',
    file: EAL_LINUX,
    format: 'Cannot init config',
    text: 'EAL: Cannot init config',
  },
  {
    id: 'dpdk.device-numa-unknown',
    file: PCI_COMMON,
    format: '  Invalid NUMA socket, default to 0\n',
    text: 'EAL:   Invalid NUMA socket, default to 0',
  },
  {
    id: 'dpdk.base-address-hint',
    file: EAL_MEMORY,
    format: '   This may cause issues with mapping memory into secondary processes\n',
    text: 'EAL:    This may cause issues with mapping memory into secondary processes',
  },
  {
    id: 'dpdk.mlx5-no-verbs-device',
    file: MLX5_OS,
    format: 'Verbs device not found: %s',
    text: 'mlx5_common: Verbs device not found: 0000:c3:00.2',
  },
  {
    id: 'dpdk.iavf-vf-init-failed',
    file: IAVF_PMD,
    format: 'check_api version failed',
    text: 'IAVF_INIT: iavf_init_vf(): check_api version failed',
  },
  {
    id: 'dpdk.iavf-vf-init-failed',
    file: IAVF_PMD,
    format: 'Init vf failed',
    text: 'IAVF_INIT: iavf_dev_init(): Init vf failed',
  },
  {
    id: 'dpdk.devbind-interface-active',
    file: DEVBIND,
    format: 'Routing table indicates that interface %s is active. Skipping unbind',
    text: 'Routing table indicates that interface 0000:05:00.0 is active. Skipping unbind',
  },
  {
    id: 'dpdk.devbind-driver-not-loaded',
    file: DEVBIND,
    format: 'Warning: no supported DPDK kernel modules are loaded',
    text: 'Warning: no supported DPDK kernel modules are loaded',
  },
  {
    id: 'dpdk.devbind-driver-not-loaded',
    file: DEVBIND,
    format: 'Error - no supported modules(DPDK driver) are loaded',
    text: 'Error - no supported modules(DPDK driver) are loaded',
  },
  {
    id: 'spdk.pci-device-claimed',
    file: SPDK_PCI,
    format: 'could not open %s\n',
    text: 'pci.c:1016:spdk_pci_device_claim: *ERROR*: could not open /var/tmp/spdk_pci_lock_0000:d8:00.0',
  },
  {
    id: 'spdk.pci-device-claimed',
    file: 'spdk/spdk lib/nvme/nvme_pcie.c',
    format: 'could not claim device %s (%s)\n',
    text: 'nvme_pcie.c: 888:nvme_pcie_ctrlr_construct: *ERROR*: could not claim device 0000:d8:00.0 (Permission denied)',
  },
  {
    id: 'spdk.setup-hugepages-short',
    file: SPDK_SETUP,
    format:
      '## Memory might be heavily fragmented. Please try flushing the system cache, or reboot the machine.',
    text: '## Memory might be heavily fragmented. Please try flushing the system cache, or reboot the machine.',
  },
  {
    id: 'kernel.vf-pf-not-responding',
    file: `${INTEL}/igbvf/netdev.c`,
    format: 'PF still resetting\n',
    text: 'igbvf 0000:84:10.2: PF still resetting',
  },
  {
    id: 'kernel.iavf-reset-timeout',
    file: IAVF_MAIN,
    format: 'Reset task did not complete, VF disabled\n',
    text: 'iavf 0000:00:04.0: Reset task did not complete, VF disabled',
  },
  {
    id: 'kernel.iavf-pf-refused-request',
    file: IAVF_VIRTCHNL,
    format: 'Failed to add MAC filter, error %s\n',
    text: 'iavf 0000:ec:01.1: Failed to add MAC filter, error IAVF_NOT_SUPPORTED',
  },
  {
    id: 'kernel.vf-untrusted-refused',
    file: I40E_VC,
    format: 'VF is not trusted, switch the VF to trusted to add more functionality\n',
    text: 'i40e 0000:3b:00.1: VF is not trusted, switch the VF to trusted to add more functionality',
  },
  {
    id: 'kernel.vf-virtchnl-op-failed',
    file: I40E_VC,
    format: 'Number of invalid messages exceeded for VF %d\n',
    text: 'i40e 0000:3b:00.1: Number of invalid messages exceeded for VF 8',
  },
  {
    id: 'kernel.nic-vf-mdd-event',
    file: `${INTEL}/ice/ice_main.c`,
    format: 'Malicious Driver Detection event %d on TX queue %d PF# %d VF# %d\n',
    text: 'ice 0000:17:00.0: Malicious Driver Detection event 2 on TX queue 12 PF# 0 VF# 3',
  },
  {
    id: 'kernel.nic-vf-mdd-event',
    file: I40E_MAIN,
    format: 'TX driver issue detected on VF %d\n',
    text: 'i40e 0000:3d:00.0: TX driver issue detected on VF 1',
  },
  {
    id: 'kernel.nic-vf-mdd-event',
    file: I40E_MAIN,
    format: 'Too many MDD events on VF %d, disabled\n',
    text: 'i40e 0000:3d:00.0: Too many MDD events on VF 1, disabled',
  },
  {
    id: 'kernel.nic-nvm-api-mismatch',
    file: `${INTEL}/ice/ice_controlq.c`,
    format:
      'The driver for the device detected a newer version (%u.%u) of the NVM image than expected (%u.%u). Please install the most recent version of the network driver.\n',
    text: 'ice 0000:17:00.0: The driver for the device detected a newer version (1.7) of the NVM image than expected (1.5). Please install the most recent version of the network driver.',
  },
  {
    id: 'kernel.nic-nvm-api-mismatch',
    file: I40E_MAIN,
    format:
      'The driver for the device stopped because the NVM image v%u.%u is newer than expected v%u.%u. You must install the most recent version of the network driver.\n',
    text: 'i40e 0000:3d:00.0: The driver for the device stopped because the NVM image v2.1 is newer than expected v1.15. You must install the most recent version of the network driver.',
  },
  {
    id: 'kernel.ice-vf-resources-short',
    file: `${INTEL}/ice/ice_virtchnl_pf.c`,
    format: 'Cannot allocate VF resources, try with fewer number of VFs\n',
    text: 'ice 0000:17:00.0: Cannot allocate VF resources, try with fewer number of VFs',
  },
  {
    id: 'kernel.bnxt-vf-resources-short',
    file: 'torvalds/linux drivers/net/ethernet/broadcom/bnxt/bnxt_sriov.c',
    format: 'Requested VFs %d, can enable %d\n',
    text: 'bnxt_en 0000:3b:00.0 ens1f0np0: Requested VFs 64, can enable 32',
  },
  {
    id: 'kernel.vf-virtchnl-op-failed',
    file: ICE_VC,
    format: 'Invalid message from VF %d, opcode %d, len %d, error %d\n',
    text: 'ice 0000:3b:00.0: Invalid message from VF 0, opcode 3, len 4, error -1',
  },
  {
    id: 'kernel.vf-reset-notice',
    file: IAVF_VIRTCHNL,
    format: 'Reset warning received from the PF\n',
    text: 'i40evf 0000:00:05.0: Reset warning received from the PF',
  },
  {
    id: 'kernel.vf-reset-notice',
    file: IAVF_MAIN,
    format: 'Hardware reset detected\n',
    text: 'iavf 0000:ca:01.0: Hardware reset detected',
  },
  {
    id: 'kernel.ixgbe-vf-no-mac',
    file: `${INTEL}/ixgbevf/ixgbevf_main.c`,
    format: 'MAC address not assigned by administrator.\n',
    text: 'ixgbevf 0000:03:10.0: MAC address not assigned by administrator.',
  },
  {
    id: 'kernel.intel-sriov-enable-failed',
    file: `${INTEL}/i40e/i40e_virtchnl_pf.c`,
    format: 'Unable to enable %d VFs. Limited to %d VFs due to device resource constraints.\n',
    text: 'i40e 0000:3b:00.0: Unable to enable 128 VFs. Limited to 64 VFs due to device resource constraints.',
  },
  {
    id: 'kernel.intel-sriov-enable-failed',
    file: `${INTEL}/ice/ice_sriov.c`,
    format: 'This device is not capable of SR-IOV\n',
    text: 'ice 0000:17:00.0: This device is not capable of SR-IOV',
  },
  {
    id: 'spdk.core-lock-claimed',
    file: 'spdk/spdk lib/event/app.c',
    format: 'Unable to acquire lock on assigned core mask - exiting.\n',
    text: 'app.c: 902:spdk_app_start: *ERROR*: Unable to acquire lock on assigned core mask - exiting.',
  },
  {
    id: 'dpdk.mbuf-pool-failed',
    file: 'DPDK/dpdk examples/skeleton/basicfwd.c',
    format: 'Cannot create mbuf pool\n',
    text: '  Cause: Cannot create mbuf pool',
  },
];

/** Strings looked at in the same sources and left out, with the reason (coverage.ts LEFT_OUT). */
export const NIC_DPDK_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'DPDK/dpdk drivers/bus/pci/pci_common.c',
    format: 'Probe PCI driver: %s (%x:%04x) device: %s (socket %i)',
    why: 'progress line printed for every probed device; the failure, if any, is on the lines after it, which have their own entries',
  },
  {
    file: EAL_VFIO,
    format: '%s cannot get device info, error %i (%s)',
    why: 'follows an already-open device fd; the kernel refusing VFIO_DEVICE_GET_INFO on a bound vfio-pci device is not a configuration users can change — the ioctl errno is explained by the generic VFIO ioctl entry',
  },
  {
    file: 'DPDK/dpdk lib/eal/linux/eal_interrupts.c',
    format: 'Error enabling MSI-X interrupts for fd %d',
    why: 'the PMD prints its own failure after it; no cause can be read from the line itself (the errno is not printed)',
  },
  {
    file: 'DPDK/dpdk drivers/net/iavf/iavf_vchnl.c',
    format: 'No response or return failure (%d) for cmd %d',
    why: "the generic completion of every virtchnl command; iavf_init_vf()'s and the MAC-filter lines that follow name the step, and have entries",
  },
  {
    file: SPDK_SETUP,
    format: '%s (%s %s): %s -> %s',
    why: 'progress line of a successful rebind (e.g. "nvme -> vfio-pci"), nothing to fix',
  },
  {
    file: 'spdk/spdk lib/vfio_user/host/vfio_user_pci.c',
    format: 'vfio-user host messages',
    why: "the vfio-user client is a development/test path (SPDK's vfio-user NVMe target with its own host library); users assigning devices do not meet it",
  },
  {
    file: 'torvalds/linux drivers/net/ethernet/mellanox/mlx5/core/eswitch.c',
    format: 'E-Switch: Enable: mode(%s), nvfs(%d), necvfs(%d), active vports(%d)',
    why: 'informational line of a successful SR-IOV enable; the failures of mlx5 SR-IOV enable are covered by kernel.mlx5-sriov-enable-failed',
  },
  {
    file: I40E_VC,
    format: 'VF %d is now %strusted',
    why: 'already covered by kernel.sriov-vf-trust-changed (sriov-xen-sweep.ts)',
  },
];
