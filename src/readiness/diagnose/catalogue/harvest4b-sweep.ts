/**
 * The fourth harvest, part b: messages users posted about the layers above and beside the host
 * kernel, QEMU and libvirt that the catalogue did not recognise. Nova's "No valid host was found"
 * (which does not say which filter removed the hosts); Arch's dkms hook skipping a kernel without
 * headers; CUDA refusing a driver older than its runtime (a vGPU guest driver); DPDK with no
 * mempool handler registered; SPDK's setup.sh leaving denied and VMD controllers alone; a Harvester
 * PCI device claim without its owner reference; a Windows stop code in the Windows 7 form; and three
 * harmless notes — swtpm_setup keeping an existing TPM state, the SR-IOV operator skipping a NIC it
 * does not support, and an Intel PF creating its VFs. Each example is the message as posted, with
 * the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const NOVA = 'openstack/nova';
const HARVESTER_PCI = 'harvester/pcidevices';
const MS_BUGCHECK = 'Microsoft Learn "Bug Check Code Reference" (windows-hardware/drivers/debugger)';
const PCI_ADDR = '[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]';

/** What each stop code means (Microsoft's bug check reference), for the codes guests with passed-through devices show. */
const STOP_CODES: Record<string, string> = {
  '0000008E':
    'a kernel-mode program raised an exception that no handler caught (0x8E KERNEL_MODE_EXCEPTION_NOT_HANDLED)',
  '0000007E':
    'a system thread raised an exception that no handler caught (0x7E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED)',
  '0000001E':
    'a kernel-mode program raised an exception that no handler caught (0x1E KMODE_EXCEPTION_NOT_HANDLED)',
  '00000116':
    'the display driver did not recover from a timeout: Windows reset the GPU after it stopped responding and the reset failed (0x116 VIDEO_TDR_FAILURE)',
  '0000007B':
    'Windows lost access to its system disk while starting (0x7B INACCESSIBLE_BOOT_DEVICE) — in a VM usually a disk moved to a bus whose driver the guest lacks (IDE/SATA to virtio without viostor/vioscsi installed), or the controller holding the system disk passed through or removed',
  '00000133':
    'a driver held the processor at DPC level too long (0x133 DPC_WATCHDOG_VIOLATION) — often a passed-through device that stopped answering, or a virtio-win driver bug fixed in a later release',
  '000000D1': 'a driver touched paged or invalid memory at raised IRQL (0xD1 DRIVER_IRQL_NOT_LESS_OR_EQUAL)',
};

export const HARVEST4B_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- OpenStack Nova ----
  {
    id: 'nova.no-valid-host',
    source: 'openstack',
    cite: `${NOVA} nova/exception.py NoValidHost (msg_fmt "No valid host was found. %(reason)s"), raised by nova/scheduler/manager.py SchedulerManager.select_destinations() and by nova/conductor/manager.py when rescheduling runs out of attempts`,
    format: 'No valid host was found. %(reason)s',
    versions:
      "the scheduler gives the reason \"There are not enough hosts available.\" when no host passes the filters (or Placement returns no allocation candidates); the conductor gives \"Exceeded max scheduling attempts %(max_attempts)d for instance %(instance_uuid)s. Last exception: %(exc_reason)s\" after a build failed on each host it tried. The instance's fault shows it as {'message': 'NoValidHost', 'code': 500, 'details': …}",
    patterns: [/No valid host was found\.?(?: (?<reason>[A-Z][^\n]{0,300}))?/],
    severity: 'error',
    title: 'Nova could not place the instance on any compute host',
    cause:
      'the scheduler found no compute host that passes every filter for this request (and, with Placement, none among its candidates); the message does not say which filter removed them. For a flavor with a PCI alias or a port with an SR-IOV VF that is usually the PciPassthroughFilter — no host has a free device matching the request — but hosts are also removed for RAM, disk, vCPUs, NUMA topology, availability zone or image properties. The scheduler log of the same request names the filter ("Filter X returned 0 hosts", "Filtering removed all hosts for the request … Filter results: […]")',
    fix: "read nova-scheduler's log for the request (the filter results; per-host reasons at debug level); for PCI passthrough compare the computes' [pci] device_spec (passthrough_whitelist) and alias with the flavor's pci_passthrough:alias, and check that the devices are free (`openstack resource provider inventory list` when PCI is tracked in Placement)",
    refine: (f) =>
      /^Exceeded max/.test(f.reason ?? '')
        ? {
            cause:
              'hosts were found, but the build failed on each one the conductor tried ([scheduler] max_attempts, 3 by default) and it gave up; the "Last exception" part and the nova-compute log of those hosts hold the real error — with passthrough often libvirt or QEMU failing to start the guest with the device',
            fix: "read the nova-compute log on the hosts named in the instance's fault for the spawn error and fix that (device binding, IOMMU, the PCI address the host reported); max_attempts only decides how many hosts fail the same way",
          }
        : undefined,
    render: render('', 'There are not enough hosts available.'),
    examples: [
      ex('No valid host was found.', {}, 'https://github.com/bigstack-oss/cubecos/issues/312'),
      ex('No valid host was found. There are not enough hosts available.', {
        reason: 'There are not enough hosts available.',
      }),
      ex(
        'No valid host was found. Exceeded max scheduling attempts 3 for instance 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11. Last exception: Build of instance 5b0e3a57-1f0c-4c0e-9d55-3d1f2b1c9e11 was re-scheduled',
      ),
    ],
  },
  // ---- dkms on Arch: the pacman hook ----
  {
    id: 'dkms.alpm-hook-skipped',
    source: 'userspace tool',
    cite: 'Arch Linux dkms package, alpm-hook (/usr/lib/dkms/alpm-hook) dkms_install(): before each `dkms install` it skips a kernel without /usr/lib/modules/KERNEL/build/include (headers) or /usr/lib/modules/KERNEL/kernel (the kernel package), and postpones a module whose BUILD_DEPENDS are not built (check_dependency()); the messages go to ERROR_MESSAGES, which main() prints as "==> ERROR: …" after the transaction, and the hook still returns 0',
    format: 'Missing %s kernel headers for module %s/%s.',
    versions:
      'printed as "==> ERROR: Missing KERNEL kernel headers for module MODULE/VERSION."; the same hook prints "Missing %s kernel modules tree for module %s/%s." when /usr/lib/modules/KERNEL/kernel is absent and "Missing dependencies to install module %s for kernel %s." when a module named in BUILD_DEPENDS is not built',
    patterns: [
      /Missing (?<kernel>[^\s/]{1,100}) kernel (?<what>headers|modules tree) for module (?<module>[\w.+-]{1,100})\/(?<version>[\w.+~-]{1,100}?)\.?(?=\s|$)/,
      /Missing dependencies to install module (?<module>[\w.+-]{1,100})\/[\w.+~-]{1,100} for kernel (?<kernel>[^\s]{1,100}?)\.?(?=\s|$)/,
    ],
    severity: 'error',
    title: 'The dkms pacman hook skipped a kernel: no headers for it',
    cause:
      'the hook builds each DKMS module (vendor-reset, kvmfr, an NVIDIA or i915-sriov driver) for every kernel directory under /usr/lib/modules and skips a kernel whose headers (/usr/lib/modules/KERNEL/build/include) are missing: the headers package for that kernel is not installed (linux-headers goes with linux, linux-lts-headers with linux-lts, and so on for -zen and -hardened), so the module is not built for it and is missing when that kernel boots. When the version is not an installed kernel but an old directory left under /usr/lib/modules (modules built for a kernel since removed keep it), the line is about that leftover only',
    fix: 'install the headers package for each installed kernel (`pacman -S linux-headers`, or the -lts/-zen/-hardened one) and run `dkms autoinstall -k KERNEL`; for a leftover version, check `pacman -Qo /usr/lib/modules/KERNEL` owns nothing and remove the directory',
    refine: (f) =>
      f.what === 'modules tree'
        ? {
            severity: 'warning',
            cause: `/usr/lib/modules/${f.kernel}/kernel is missing, so no kernel package of that version is installed — only a leftover directory remains (modules built for a kernel since removed keep it). The hook has nothing to build for it; kernels you boot are not affected`,
            fix: `remove the leftover /usr/lib/modules/${f.kernel} after checking with \`pacman -Qo\` that no package owns it`,
          }
        : f.what
          ? undefined
          : {
              cause: `a module that ${f.module} depends on (BUILD_DEPENDS in its dkms.conf) is not built for kernel ${f.kernel}, so the hook did not try to build it either`,
              fix: 'look for the error about the dependency itself above (it was skipped or failed first) and fix that; then `dkms autoinstall -k KERNEL`',
            },
    render: render('==> ERROR: ', '6.9.7-arch1-1', 'vendor-reset', '0.1.1'),
    examples: [
      ex(
        '==> ERROR: Missing 5.18.5-hardened1-2-hardened kernel headers for module lkrg/r481.7bb9cf1.',
        { kernel: '5.18.5-hardened1-2-hardened', what: 'headers', module: 'lkrg', version: 'r481.7bb9cf1' },
        'https://github.com/lkrg-org/lkrg/issues/216',
      ),
      ex('==> ERROR: Missing 6.1.12-arch1-1 kernel modules tree for module vendor-reset/0.1.1.', {
        what: 'modules tree',
        kernel: '6.1.12-arch1-1',
      }),
      ex('==> ERROR: Missing dependencies to install module kvmfr/0.0.12 for kernel 6.9.7-arch1-1.', {
        module: 'kvmfr',
        kernel: '6.9.7-arch1-1',
      }),
    ],
  },
  // ---- CUDA in a guest ----
  {
    id: 'cuda.insufficient-driver',
    source: 'userspace tool',
    cite: "NVIDIA CUDA runtime, cudaGetErrorString(cudaErrorInsufficientDriver = 35) (closed source; the text and meaning are in the CUDA Runtime API's documented error list), printed by whatever program starts CUDA",
    format: 'CUDA driver version is insufficient for CUDA runtime version',
    versions:
      'programs print it after their own words ("CUDA error: …", "cudaGetDeviceCount returned 35 -> …"); it is the runtime comparing itself with the driver (cudaDriverGetVersion), so it appears on the first CUDA call',
    patterns: [/CUDA driver version is insufficient for CUDA runtime version/i],
    severity: 'error',
    title: 'The NVIDIA driver is older than the CUDA runtime the program uses',
    cause:
      "the CUDA runtime the program was built with needs a newer NVIDIA driver than the one installed — CUDA's documentation: the installed driver is older than the runtime library, which is not a supported configuration. In a VM with a vGPU the guest driver comes from the vGPU software release that matches the host's vGPU manager, and each release supports CUDA only up to a given version (NVIDIA's table of CUDA versions per vGPU release, the answer in DualCoder/vgpu_unlock#51), so a newer CUDA toolkit in the guest fails this way",
    fix: '`nvidia-smi` shows the newest CUDA version the driver supports: use a CUDA toolkit/runtime no newer than that, or install a newer driver; with vGPU, move host vGPU manager and guest driver together to a release that supports the CUDA version you need',
    render: render('CUDA error: '),
    examples: [
      ex(
        'CUDA driver version is insufficient for CUDA runtime version',
        {},
        'https://github.com/DualCoder/vgpu_unlock/issues/51',
      ),
      ex('RuntimeError: CUDA error: CUDA driver version is insufficient for CUDA runtime version'),
    ],
  },
  // ---- DPDK ----
  {
    id: 'dpdk.mempool-ops-missing',
    source: 'dpdk',
    cite: 'DPDK lib/mbuf/rte_mbuf.c rte_pktmbuf_pool_create_by_ops() (before 20.11 lib/librte_mbuf/rte_mbuf.c), when rte_mempool_set_ops_byname() (lib/mempool/rte_mempool_ops.c) finds no handler of that name',
    format: 'error setting mempool handler\n',
    versions:
      'logged with RTE_LOG(ERR, MBUF, …) as "MBUF: error setting mempool handler"; rte_pktmbuf_pool_create() then returns NULL with rte_errno set, so the application reports its own failure to create the packet pool next',
    patterns: [/MBUF: error setting mempool handler/],
    severity: 'error',
    title: 'DPDK found no mempool driver for the packet-buffer pool',
    cause:
      "creating a packet-buffer pool picks a mempool handler by name (--mbuf-pool-ops-name, the one the port's PMD prefers, or the build's default ring_mp_mc) and rte_mempool_set_ops_byname() found none registered under that name. Handlers register themselves from constructors in the mempool driver libraries (librte_mempool_ring and others): an application linked statically without --whole-archive drops them, and a shared build that does not load the mempool drivers (-d) never has them, so every pool creation fails and no port can be set up",
    fix: 'link DPDK the way `pkg-config --static --libs libdpdk` gives it (the drivers inside -Wl,--whole-archive), or in a shared build pass -d with the drivers directory (librte_mempool_ring.so); make sure --mbuf-pool-ops-name, if given, names a handler that exists',
    render: render('MBUF: '),
    examples: [
      ex('MBUF: error setting mempool handler', {}, 'https://github.com/seladb/PcapPlusPlus/issues/202'),
    ],
  },
  {
    id: 'dpdk.secondary-no-primary',
    source: 'dpdk',
    cite: 'DPDK lib/librte_eal/linuxapp/eal/eal_vfio.c vfio_get_container_fd() and vfio_get_group_fd() in a secondary process, when vfio_mp_sync_connect_to_primary() cannot reach the primary\'s socket (earlier releases: eal_pci_vfio.c pci_vfio_get_container_fd() / pci_vfio_get_group_fd(), the same branch); later releases ask over the rte_mp channel (rte_mp_request_sync) and say "cannot request container fd" instead',
    format: '  cannot connect to primary process!\n',
    versions:
      'followed by "EAL: VFIO support could not be initialized"; in DPDK 18.05 and later the same situation reads "  cannot request container fd" (or "cannot request group fd")',
    patterns: [/cannot connect to primary process!/],
    severity: 'error',
    title: 'A DPDK secondary process found no primary process to get VFIO from',
    cause:
      "the program runs as a DPDK secondary process (dpdk-pdump and dpdk-procinfo always do; others with --proc-type=secondary, or auto when a primary's lock exists) and asks the primary process for the VFIO container over the primary's socket, but no primary answers: the primary application (testpmd, the app to capture from) is not running, or runs with another --file-prefix or as another user, so the secondary cannot share its devices",
    fix: 'start the primary application first and run the secondary with the same --file-prefix (and as the same user); dpdk-pdump also needs the primary to have initialised its pdump framework (rte_pdump_init)',
    render: render('EAL: '),
    examples: [
      ex('EAL:   cannot connect to primary process!', {}, 'https://github.com/scylladb/dpdk/issues/2'),
    ],
  },
  // ---- SPDK ----
  {
    id: 'spdk.setup-skip-controller',
    source: 'spdk',
    cite: 'spdk/spdk scripts/setup.sh configure_linux_pci() through pci_dev_echo(): the PCI_ALLOWED / PCI_BLOCKED checks, and the VMD check (a VMD controller is bound only when its address is in PCI_ALLOWED)',
    format: 'Skipping denied controller at %s',
    versions:
      '"Skipping not allowed VMD controller at %s" for an Intel VMD endpoint not named in PCI_ALLOWED; each line starts with the device as pci_dev_echo prints it, "BDF (VENDOR DEVICE): "',
    patterns: [new RegExp(`Skipping (?<what>denied|not allowed VMD) controller at (?<bdf>${PCI_ADDR})`)],
    severity: 'info',
    title: 'SPDK setup.sh leaves a controller alone, as configured',
    cause:
      'the controller is excluded by PCI_BLOCKED (or is not in a PCI_ALLOWED list), so setup.sh does not rebind it to vfio-pci or uio — the script doing what it was told, not an error. SPDK cannot use that controller until it is allowed',
    fix: 'nothing if intended; otherwise run setup.sh with the address in PCI_ALLOWED (and not in PCI_BLOCKED)',
    refine: (f) =>
      f.what === 'not allowed VMD'
        ? {
            cause: `setup.sh binds an Intel VMD controller (the endpoint NVMe drives sit behind in VMD/RAID mode) only when its address is listed in PCI_ALLOWED, because the host may boot from drives behind it; ${f.bdf} was not listed, so it and its drives stay with the host's vmd/nvme drivers. The check reads PCI_ALLOWED; the report of this line (spdk/spdk#2068) set the old name PCI_WHITELIST`,
            fix: `run setup.sh with PCI_ALLOWED="${f.bdf}" to give the VMD domain to SPDK, then enable SPDK's VMD support (the --vmd option of the NVMe tools, or the vmd_enable RPC) to reach the drives behind it`,
          }
        : undefined,
    render: render('0000:af:00.0 (8086 0a54): ', '0000:af:00.0'),
    examples: [
      ex(
        '0000:17:05.5 (8086 201d): Skipping not allowed VMD controller at 0000:17:05.5',
        { what: 'not allowed VMD', bdf: '0000:17:05.5' },
        'https://github.com/spdk/spdk/issues/2068',
      ),
      ex('0000:00:04.0 (1d0f 8061): Skipping denied controller at 0000:00:04.0', {
        what: 'denied',
        bdf: '0000:00:04.0',
      }),
    ],
  },
  // ---- Harvester ----
  {
    id: 'mgmt.harvester-claim-no-owner',
    source: 'kubevirt',
    cite: `${HARVESTER_PCI} pkg/controller/pcideviceclaim Handler.attemptToEnablePassthrough() / getPCIDeviceForClaim(): the claim's ownerReferences name its PCIDevice`,
    format: 'Cannot find PCIDevice that owns %s',
    versions:
      'returned to the reconcile handler, whose wrapper logs "error syncing \'CLAIM\': handler PCIDeviceClaimReconcile: Cannot find PCIDevice that owns CLAIM, requeuing"',
    patterns: [/Cannot find PCIDevice(?: that owns (?<claim>[\w.-]{1,253}))?/],
    severity: 'error',
    title: 'A Harvester PCI device claim has no owner reference to its device',
    cause:
      'to enable passthrough the pcidevices controller finds the PCIDevice a PCIDeviceClaim is for through the claim\'s ownerReferences, and this claim has none — typically a claim created from a manifest or with kubectl rather than by the UI\'s Enable Passthrough, which sets the reference. The handler fails and requeues, the device stays "In progress" and is never bound to vfio-pci',
    fix: 'enable passthrough from the UI (PCI Devices > Enable Passthrough), or give the claim an ownerReferences entry for the PCIDevice of the same name (apiVersion devices.harvesterhci.io/v1beta1, kind PCIDevice, its uid from `kubectl get pcidevice NAME -o jsonpath={.metadata.uid}`). If the PCIDevice it names is gone (`kubectl get pcidevice NAME` finds nothing: the card was removed or moved, or the node was re-installed or renamed), the claim is stale: delete it (`kubectl delete pcideviceclaim NAME`, removing its finalizer if the delete hangs); the controller keeps retrying such a claim until it is removed',
    render: render(
      "level=error msg=\"error syncing 'node1-000001000': handler PCIDeviceClaimReconcile: ",
      'node1-000001000',
    ),
    examples: [
      ex(
        'handler PCIDeviceClaimReconcile: Cannot find PCIDevice',
        {},
        'https://github.com/harvester/harvester/issues/7761',
      ),
      ex(
        'time="2025-03-06T18:02:11Z" level=error msg="error syncing \'node1-000001000\': handler PCIDeviceClaimReconcile: Cannot find PCIDevice that owns node1-000001000, requeuing"',
        { claim: 'node1-000001000' },
      ),
    ],
  },
  // ---- Windows guests ----
  {
    id: 'windows.bugcheck-stop-code',
    source: 'windows',
    cite: `${MS_BUGCHECK}: the stop code as Windows 7 and earlier print it on the blue screen`,
    format: 'STOP: 0x%08X (0x%08X,0x%08X,0x%08X,0x%08X)',
    versions:
      'Windows 8 and later show the name instead ("Stop code: VIDEO_TDR_FAILURE"); the four parameters after the code are specific to each bug check',
    patterns: [/\bSTOP ?: ?0x(?<code>[0-9A-Fa-f]{8})\b/],
    severity: 'error',
    title: 'The Windows guest crashed (a stop code)',
    cause:
      'Windows stopped with the bug check shown; the code says which kind of fault, the driver named on the screen or in the dump says where. In a VM with passed-through devices that driver is most often the one for such a device, when it meets the device in a state or layout it does not expect (not reset since its last use, interrupts not delivered, a BAR or ROM it cannot map)',
    fix: 'read the dump (C:\\Windows\\MEMORY.DMP or Minidump, WinDbg `!analyze -v`) for the faulting driver; if it belongs to a passed-through device check its reset and the VM settings its vendor needs and try another driver version; boot to safe mode to remove a driver that crashes every start',
    refine: (f) => {
      const code = (f.code ?? '').toUpperCase();
      const meaning = STOP_CODES[code];
      if (!meaning) return undefined;
      const driverFault = /^0000(?:008E|007E|001E|00D1)$/.test(code);
      return {
        cause: `Microsoft: ${meaning}.${driverFault ? ' When it starts right after installing the driver for a passed-through device — as with the Intel IGD driver in awilliam/qemu-vfio#4 — that driver is faulting on the device as the VM presents it' : ''}`,
      };
    },
    render: render('', 0x8e, 0xc0000005, 0x8b8a5f46, 0x9a2f3b2c, 0),
    examples: [
      ex('STOP : 0x0000008E', { code: '0000008E' }, 'https://github.com/awilliam/qemu-vfio/issues/4'),
      ex('*** STOP: 0x0000007B (0x80786B58,0xC0000034,0x00000000,0x00000000)', { code: '0000007B' }),
    ],
  },
  // ---- Kata Containers ----
  {
    id: 'kata.agent-unknown-device-type',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/agent/src/device.rs add_device(), called by add_devices() for each device of a container: the guest agent looks the type up in its handler table (DEVICEHANDLERLIST; the oldest agents had block, virtio-mmio, SCSI and nvdimm handlers only) and fails with "Unknown device type {}" when it has none; the VFIO type names are constants of kata_types::device (DRIVER_VFIO_PCI_TYPE "vfio-pci", DRIVER_VFIO_PCI_GK_TYPE "vfio-pci-gk", DRIVER_VFIO_AP_TYPE "vfio-ap", DRIVER_VFIO_AP_COLD_TYPE "vfio-ap-cold")',
    format: 'Unknown device type %s',
    versions:
      'the source formats it as Rust\'s "Unknown device type {}"; returned to the runtime and shown by containerd as "failed to create shim task: Unknown device type TYPE: unknown"; the runtime names a VFIO device "vfio-gk" / "vfio-pci-gk" when vfio_mode = "guest-kernel", "vfio" / "vfio-pci" in vfio mode, "vfio-ap" for s390 crypto',
    patterns: [/Unknown device type (?<type>vfio[\w-]{0,16}|blk[\w-]{0,8}|mmioblk|scsi|nvdimm)\b/],
    severity: 'error',
    title: 'The Kata guest agent does not know the device type the runtime sent',
    cause:
      'the runtime asked the kata-agent inside the VM to set up a device of a type the agent has no handler for, so the container is not created. The agent comes from the guest image (rootfs or initrd), the device type from the runtime: they are from different Kata versions or builds — typically a guest image built separately (rootfs-builder, an older release) with an agent that predates the type, such as "vfio-gk" for a VFIO device in guest-kernel mode. In kata-containers#7612 the default guest image worked and the custom-built one did not',
    fix: "use the guest image (or initrd) of the same Kata release as the runtime — kata-deploy installs matching ones — or rebuild the custom image from the same source tag as the runtime; for a GPU image, build it with the release's GPU rootfs target",
    render: render('failed to create shim task: ', 'vfio-gk'),
    examples: [
      ex(
        'failed to create shim task: Unknown device type vfio-gk: unknown',
        { type: 'vfio-gk' },
        'https://github.com/kata-containers/kata-containers/issues/7612',
      ),
    ],
  },
  {
    id: 'kata.agent-dead',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/runtime/virtcontainers/kata_agent.go kataAgent.connect(): once a dial to the agent or its health check failed, every later call returns this',
    format: 'Dead agent',
    versions:
      'logged by the runtime (containerd-shim-kata-v2) as error="Dead agent" after msg="container create failed" or other operations',
    patterns: [/error="Dead agent"/, /: Dead agent\b/],
    severity: 'error',
    title: 'The Kata runtime lost the agent in the VM',
    cause:
      'the runtime marked the kata-agent inside the VM as dead after an earlier connection to it failed, and refuses every later request with this: the VM stopped or never finished booting (a guest kernel panic, the guest kernel stuck initialising a passed-through device, the hypervisor process exiting), or the agent itself exited. "Dead agent" is a consequence; the first error before it, and the guest console, say why',
    fix: 'enable the Kata debug options (enable_debug in the [hypervisor] and [agent] sections of configuration.toml) and read the runtime and guest console lines (journalctl -t kata) before the first "Dead agent"; with a passed-through device check that the guest kernel has its driver and that the device works in a plain VM',
    render: render('failed to create containerd task: failed to create shim task: '),
    examples: [
      ex(
        'Jul  6 11:19:10 node4 containerd[20355]: time="2021-07-06T11:19:10.057898137Z" level=error msg="container create failed" error="Dead agent" name=containerd-shim-v2 pid=18540 sandbox=f95c5f7c35c3c17cf06a389e42063afd08ff094d6e9c8f476f6e59306e84047b source=virtcontainers subsystem=container',
        {},
        'https://github.com/kata-containers/kata-containers/issues/2185',
      ),
    ],
  },
  {
    id: 'kata.shim-ttrpc-closed',
    source: 'container runtime',
    cite: 'containerd/ttrpc client.go (ErrClosed = errors.New("ttrpc: closed")), wrapped by containerd\'s task service ("failed to create shim task: %w") when the shim\'s connection drops during Create',
    format: 'failed to create shim task: ttrpc: closed',
    versions:
      'ctr prints "ctr: failed to create shim task: ttrpc: closed: unknown"; Kubernetes shows it inside "failed to create containerd task: …"',
    patterns: [/failed to create shim task: ttrpc: closed/],
    severity: 'error',
    title: 'The container runtime shim went away while creating the container',
    cause:
      "containerd's connection to the runtime's shim process (containerd-shim-kata-v2 for Kata) closed while the shim was creating the task: the shim exited or crashed. With Kata that usually means the VM started and stopped again, or never started — in kata-containers#11671 the guest shut down while its agent waited for the GPU's CDI spec — so the reason is in the shim's and the guest's log, not in this line",
    fix: 'read the shim log of the same attempt (journalctl -t kata, or containerd\'s log with the Kata debug options enabled) for the error before the exit; a later retry can then fail with "address already in use" on the old sandbox socket, which a clean-up of /run/vc/vm/ID clears',
    render: render('ctr: '),
    examples: [
      ex(
        'ctr: failed to create shim task: ttrpc: closed: unknown',
        {},
        'https://github.com/kata-containers/kata-containers/issues/11671',
      ),
    ],
  },
  // ---- mdevctl ----
  {
    id: 'mdevctl.config-file-not-uuid',
    source: 'mdevctl',
    cite: 'mdevctl/mdevctl (Rust) defined_devices(): every file in /etc/mdevctl.d/PARENT/ is read as the definition of the mdev whose UUID is its name',
    format: "Can't determine uuid for file '%s'",
    versions:
      "logged at warn level as \"[TIME WARN  mdevctl] Can't determine uuid for file 'NAME'\"; the file is skipped",
    patterns: [/Can't determine uuid for file '(?<file>[^'\n]{1,200})'/],
    severity: 'warning',
    title: 'mdevctl skips a file that is not an mdev definition',
    cause:
      'mdevctl keeps each defined mediated device as a file named by its UUID in a directory per parent device under /etc/mdevctl.d, and found a file whose name is not a UUID there, so it ignores it. The defined devices are unaffected; the file is in the wrong place — in mdevctl#52 a callout script kept directly in /etc/mdevctl.d/scripts.d, which that version walked like a parent directory',
    fix: 'move the file out of the definition directories: callout scripts go in /etc/mdevctl.d/scripts.d/callouts/ and notifiers in …/notifiers/ (mdevctl(8)); leave only UUID-named definitions under /etc/mdevctl.d/PARENT/',
    render: render('[2024-01-01T00:00:00Z WARN  mdevctl] ', 'exit0.sh'),
    examples: [
      ex(
        "[2021-11-30T14:56:07Z WARN  mdevctl] Can't determine uuid for file 'exit0.sh'",
        { file: 'exit0.sh' },
        'https://github.com/mdevctl/mdevctl/issues/52',
      ),
    ],
  },
  // ---- KubeVirt configuration ----
  {
    id: 'kubevirt.cr-unknown-field',
    source: 'kubevirt',
    cite: 'kubectl client-side validation against the KubeVirt CRD schema (k8s.io/kubectl pkg/util/openapi validation: "ValidationError(%s): unknown field \\"%s\\" in %s"), with kubevirt/kubevirt staging/src/kubevirt.io/api/core/v1 KubeVirtConfiguration (permittedHostDevices: pciHostDevices, mediatedDevices, usb)',
    format: 'error validating data: ValidationError(%s): unknown field "%s" in %s',
    versions:
      'newer kubectl validates on the server and says "strict decoding error: unknown field \\"spec.configuration.pciHostDevices\\""; with --validate=false the field is silently dropped',
    patterns: [
      /ValidationError\((?<path>KubeVirt\.spec[\w.]{0,80})\): unknown field "(?<field>\w{1,64})"/,
      /unknown field "spec\.configuration\.(?<field>\w{1,64})"/,
    ],
    severity: 'error',
    title: 'The KubeVirt CR has a field where the schema does not allow it',
    cause:
      'kubectl checked the KubeVirt resource against its schema and the named field is not valid at that place, so the change is refused and KubeVirt keeps its old configuration',
    fix: 'move the field to where the KubeVirt API defines it (`kubectl explain kubevirt.spec.configuration --recursive`) and apply again',
    refine: (f) =>
      /^(?:pciHostDevices|mediatedDevices|usb)$/.test(f.field ?? '')
        ? {
            cause: `${f.field} belongs one level down, under spec.configuration.permittedHostDevices (KubeVirtConfiguration.PermittedHostDevices), not directly under spec.configuration; the change is refused, so the devices stay unpermitted and VMs asking for them are rejected ("… is not permitted in permittedHostDevices configuration")`,
            fix: `nest it: spec: configuration: permittedHostDevices: ${f.field}: [ … ] and apply again (feature gates such as GPU go under spec.configuration.developerConfiguration.featureGates)`,
          }
        : f.field === 'featureGates'
          ? {
              cause:
                'featureGates belongs under spec.configuration.developerConfiguration, not directly under spec.configuration; the change is refused and the gates stay off',
              fix: 'nest it: spec: configuration: developerConfiguration: featureGates: [ … ] and apply again',
            }
          : undefined,
    render: render(
      'error: error validating "kubevirt-cr.yaml": ',
      'KubeVirt.spec.configuration',
      'pciHostDevices',
      'io.kubevirt.v1.KubeVirt.spec.configuration',
    ),
    examples: [
      ex(
        'error: error validating "kubevirt-featuregate-cm.yaml": error validating data: ValidationError(KubeVirt.spec.configuration): unknown field "pciHostDevices" in io.kubevirt.v1alpha3.KubeVirt.spec.configuration',
        { path: 'KubeVirt.spec.configuration', field: 'pciHostDevices' },
        'https://github.com/NVIDIA/kubevirt-gpu-device-plugin/issues/51',
      ),
      ex(
        'Error from server (BadRequest): error when creating "kv.yaml": KubeVirt in version "v1" cannot be handled as a KubeVirt: strict decoding error: unknown field "spec.configuration.featureGates"',
        {
          field: 'featureGates',
        },
      ),
    ],
  },
  // ---- harmless notes ----
  {
    id: 'mgmt.swtpm-setup-state-kept',
    source: 'userspace tool',
    cite: 'stefanberger/swtpm src/swtpm_setup/swtpm_setup.c check_state_overwrite() (earlier the Python and shell swtpm_setup), run with --not-overwrite by Proxmox VE before each start of a VM with a TPM state disk',
    format: 'Not overwriting existing state file.\n',
    versions:
      'printed as "swtpm_setup: Not overwriting existing state file." in the output of each `qm start`; without --not-overwrite an existing state is an error instead ("Found existing TPM state \'%s\'.", older "Found existing TPM state file %s.")',
    patterns: [/swtpm_setup: Not overwriting existing state file/],
    severity: 'info',
    title: 'The VM keeps its existing TPM state (harmless)',
    cause:
      "before each start the VM's vTPM state is set up with swtpm_setup --not-overwrite, which creates it only when missing; it exists, so swtpm_setup leaves it and says so. Normal on every start after the first, and unrelated to passthrough: why a VM does or does not start is in the lines after it (kvm: …, TASK ERROR: …)",
    fix: 'nothing; read the other lines of the start task',
    render: render('swtpm_setup: '),
    examples: [
      ex(
        'swtpm_setup: Not overwriting existing state file.',
        {},
        'https://github.com/isc30/ryzen-gpu-passthrough-proxmox/issues/39',
      ),
    ],
  },
  {
    id: 'kubernetes.sriov-operator-unsupported-device',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-network-operator pkg/host/internal/sriov/sriov.go DiscoverSriovDevices() (older pkg/utils/utils.go), skipping devices for which IsSupportedModel() (api/v1) finds no entry in the supported-nic-ids ConfigMap',
    format: 'DiscoverSriovDevices(): unsupported device %+v',
    versions:
      'newer config daemons log it structured — DiscoverSriovDevices(): unsupported device {"device": "…"} — after IsSupportedModel(): found unsupported model {"vendorId:": "…", "deviceId:": "…"}; the check is skipped in dev mode',
    patterns: [
      new RegExp(`DiscoverSriovDevices\\(\\): unsupported device(?:[^\\n]{0,40}?(?<bdf>${PCI_ADDR}))?`),
    ],
    severity: 'info',
    title: 'The SR-IOV operator skips a NIC it does not support',
    cause:
      "the config daemon lists the node's network PCI devices and ignores each one whose vendor/device ID is not in its supported-nic-ids ConfigMap. For NICs without SR-IOV (onboard Broadcom ports, management NICs) that is expected and harmless; it matters only when the skipped NIC is the one meant to be split into VFs — then no VFs are created for it and the node's SriovNetworkNodeState does not list it",
    fix: 'ignore it for NICs you do not use; for the NIC you want, add an entry NAME: "VENDOR PF-DEVICE VF-DEVICE" to the supported-nic-ids ConfigMap in the operator\'s namespace and restart the config daemon pods',
    render: render(
      'I0407 07:41:39.804107 1910191 utils.go:101] ',
      "0000:01:00.0 -> class: 'Network controller' vendor: 'Broadcom Inc. and subsidiaries' product: 'NetXtreme BCM5720 Gigabit Ethernet PCIe'",
    ),
    examples: [
      ex(
        "I0407 07:41:39.804107 1910191 utils.go:101] DiscoverSriovDevices(): unsupported device 0000:01:00.0 -> class: 'Network controller' vendor: 'Broadcom Inc. and subsidiaries' product: 'NetXtreme BCM5720 Gigabit Ethernet PCIe'",
        { bdf: '0000:01:00.0' },
        'https://github.com/k8snetworkplumbingwg/sriov-network-operator/issues/279',
      ),
    ],
  },
  {
    id: 'kernel.sriov-pf-allocating-vfs',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/i40e/i40e_virtchnl_pf.c i40e_pci_sriov_enable() ("Allocating %d VFs.\\n"); drivers/net/ethernet/intel/ice/ice_sriov.c ice_pci_sriov_ena() ("Allocating %d VFs\\n", later "Enabling %d VFs\\n")',
    format: 'Allocating %d VFs.\n',
    versions:
      'i40e ends it with a full stop, ice without; newer ice says "Enabling %d VFs". Failures follow as their own lines ("Failed to enable SR-IOV: %d", "Can\'t enable %d VFs, max VFs supported is %d")',
    patterns: [
      new RegExp(`(?<driver>i40e|ice) (?<pf>${PCI_ADDR}): (?:Allocating|Enabling) (?<count>\\d{1,4}) VFs`),
    ],
    severity: 'info',
    title: 'An Intel NIC is creating its SR-IOV virtual functions (harmless)',
    cause:
      'the PF driver logs how many VFs it is about to create when sriov_numvfs is written (by hand, a udev rule, systemd-networkd or an SR-IOV operator). It is the start of the operation, not an error; a failure would follow as its own line',
    fix: 'nothing; `cat /sys/class/net/IFACE/device/sriov_numvfs` and `ip link show IFACE` list the VFs that exist',
    render: render('i40e 0000:3b:00.0: ', 5),
    examples: [
      ex(
        '[201505.484423] i40e 0000:3b:00.0: Allocating 5 VFs.',
        { driver: 'i40e', pf: '0000:3b:00.0', count: '5' },
        'https://github.com/k8snetworkplumbingwg/sriov-network-operator/issues/672',
      ),
      ex('[   12.044189] ice 0000:8a:00.1: Allocating 7 VFs', { driver: 'ice', count: '7' }),
    ],
  },
];
