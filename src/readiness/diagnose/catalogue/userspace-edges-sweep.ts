/**
 * Userspace device stacks at the edge of the VFIO path, from their sources: SPDK's vfio-user NVMe
 * target and libvfio-user under it (guest memory the server cannot translate, a client gone from
 * the socket, a log page the target does not implement), DPDK's interrupt thread and the Media
 * Transport Library on top of DPDK, AMD's MxGPU host driver (GIM libgv) giving up on a PSP command
 * and resetting the whole GPU, Cloud Hypervisor restoring a snapshot with a VFIO device and mapping
 * a VFIO BAR, Kata's agent waiting for CDI device specs in the guest, and the PCILeech firmware
 * generators (PCILeechFWGenerator, PCILeechGen) probing a donor device through sysfs and VFIO.
 * USERSPACE_EDGES_ALSO lists the sibling wordings these entries also recognise.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const SPDK_VU = 'spdk/spdk lib/nvmf/vfio_user.c';
const LIBVFU = 'nutanix/libvfio-user';
const DPDK_INTR =
  'DPDK/dpdk lib/eal/linux/eal_interrupts.c eal_intr_thread_main() (older: lib/librte_eal/linuxapp/eal/eal_interrupts.c)';
const MTL = 'OpenVisualCloud/Media-Transport-Library lib/src/dev/mt_dev.c mt_dev_get_socket_id()';
const GIM =
  'amd/MxGPU-Virtualization libgv/core/amdgv_error.c amdgv_error_print_error_text() (the amdgv_error_list texts; gim prefixes "gim error libgv: [BDF][PF|VFnn][FUNCTION:LINE] ")';
const CHV = 'cloud-hypervisor/cloud-hypervisor';
const PCILEECH_FW = 'VoltCyclone/PCILeechFWGenerator';
const KATA_CDI = 'kata-containers/kata-containers src/agent/src/device/mod.rs handle_cdi_devices()';

/** libvfio-user's dma_addr_to_sgl() / dma_sgl_get() errno, as SPDK's map_one() prints it. */
function refineIova(f: Facts): Refinement | undefined {
  if (f.segments)
    return {
      cause: `the guest buffer [${f.start ?? '?'}, ${f.end ?? '?'}) spans ${f.segments} DMA regions the client registered separately, and SPDK maps a queue or data buffer only from one contiguous region: the guest placed it across the boundary of two memory regions of the VMM (e.g. below and above a hole in guest RAM)`,
      fix: 'give the guest RAM as one memory backend (one region), or update SPDK; the guest driver may retry with another buffer',
    };
  switch (f.errno) {
    case 'ENOENT':
      return {
        cause: `no DMA region the vfio-user client registered covers the guest address [${f.start ?? '?'}, ${f.end ?? '?'}) (libvfio-user's dma_addr_to_sgl() finds none: ENOENT): the VMM never registered (VFIO_USER_DMA_MAP) that part of guest memory with the server, or unmapped it (a memory region removed, the VM resetting); the guest's DMA address is therefore not mapped in the server, which fails the command`,
        fix: 'back all guest RAM with a shareable memory backend so the client registers it with a file descriptor (QEMU: -object memory-backend-memfd,id=mem,size=…,share=on -machine memory-backend=mem; Cloud Hypervisor: --memory shared=on); if it only happens while the guest resets or shuts down it is harmless',
      };
    case 'EACCES':
      return {
        cause: `the guest asked the device to write into [${f.start ?? '?'}, ${f.end ?? '?'}) but the client registered that DMA region read-only (libvfio-user's dma_init_sg() refuses PROT_WRITE on it: EACCES)`,
        fix: "check the VMM's memory setup (a read-only region such as a ROM used as a DMA target is a guest driver bug)",
      };
    case 'EFAULT':
      return {
        cause: `a DMA region covers [${f.start ?? '?'}, ${f.end ?? '?'}) but the server has no local mapping of it: the client registered it without a file descriptor (libvfio-user then keeps no vaddr for the region, and dma_sgl_get() fails with EFAULT) — guest RAM that is not in a shared memory backend, so the server cannot mmap it`,
        fix: 'put guest RAM in a shared memory backend (QEMU: memory-backend-memfd or memory-backend-file with share=on as the machine memory backend; Cloud Hypervisor: --memory shared=on) and start the VM again',
      };
    default:
      return undefined;
  }
}

/** DPDK's interrupt thread: epoll_ctl(EPOLL_CTL_ADD) on a registered interrupt fd. */
function refineEpoll(f: Facts): Refinement | undefined {
  if (f.errno === 'EPERM')
    return {
      cause: `epoll_ctl() refused fd ${f.fd ?? ''} with EPERM, which means the file does not support poll: the fd number registered as a device's interrupt source no longer is that interrupt eventfd — a PMD's error path closed its VFIO/UIO interrupt fd without unregistering the interrupt callback (rte_intr_callback_unregister), and the number was reused for a file that cannot be polled (a VFIO device fd, a regular file). The EAL interrupt thread then panics on the stale entry`,
      fix: "read the PMD's error just before (its port init failed and is the real problem); update DPDK, whose drivers unregister the callback on their error paths; report the driver if it is current",
    };
  if (f.errno === 'EBADF')
    return {
      cause: `epoll_ctl() refused fd ${f.fd ?? ''} with EBADF: the fd registered as a device's interrupt source is closed — a driver closed it on an error or close path without unregistering its interrupt callback, so the EAL interrupt thread finds a stale source and panics`,
      fix: "read the PMD's error before it (a failed port init) and update DPDK; the driver must unregister its callback before closing the fd",
    };
  if (f.errno === 'EEXIST')
    return {
      cause: `epoll_ctl() found fd ${f.fd ?? ''} already in the interrupt thread's epoll set: two interrupt sources carry the same fd (a driver registered one eventfd twice)`,
      fix: 'update DPDK and the driver; report it with the PMD name',
    };
  return undefined;
}

export const USERSPACE_EDGES_ENTRIES: CatalogueEntry[] = [
  // ---- SPDK vfio-user NVMe target and libvfio-user ----
  {
    id: 'spdk.vfio-user-admin-queue-map',
    source: 'spdk',
    cite: `${SPDK_VU} nvmf_vfio_user_prop_req_rsp() → enable_admin_queue() (older: map_admin_queue()) → map_q() / map_one()`,
    format: '%s: failed to map Admin queue\n',
    versions:
      'printed when the guest sets CC.EN; map_one() prints the address it could not translate just before ("failed to translate IOVA [%#lx, %#lx) (prot=%d) to local VA: %m")',
    patterns: [/failed to map Admin queue/],
    severity: 'error',
    title: "SPDK's vfio-user NVMe target could not map the guest's admin queue",
    cause:
      "when the guest's NVMe driver enables the controller, SPDK maps the admin submission and completion queues from guest memory by translating their guest addresses through the DMA regions the vfio-user client (QEMU's vfio-user-pci, Cloud Hypervisor) registered; the translation failed, so the controller does not come up. Usually guest RAM is not mapped in the server: the client passes a region's file descriptor only for a shared memory backend, and libvfio-user keeps no host mapping for a region registered without one (the queues' addresses then cannot be translated, EFAULT), or the region is not registered at all (ENOENT)",
    fix: 'back guest RAM with a shared memory backend: QEMU -object memory-backend-memfd,id=mem,size=SIZE,share=on -machine memory-backend=mem (or memory-backend-file,…,share=on on hugetlbfs); Cloud Hypervisor --memory size=SIZE,shared=on; then read the map_one line printed just before for the address',
    render: render('vfio_user.c:1869:nvmf_vfio_user_prop_req_rsp: *ERROR*: ', '/var/run/vfu/ctrlr0'),
    examples: [
      ex(
        '[2023-05-02 10:11:12.345678] vfio_user.c:2745:nvmf_vfio_user_prop_req_rsp: *ERROR*: /var/run/vfu/nvme0: failed to map Admin queue',
      ),
    ],
  },
  {
    id: 'spdk.vfio-user-iova-untranslatable',
    source: 'spdk',
    cite: `${SPDK_VU} map_one() (vfu_addr_to_sgl() / vfu_sgl_get() of ${LIBVFU} lib/dma.c, lib/dma.h dma_addr_to_sgl(), _dma_addr_sg_split(), dma_init_sg())`,
    format: 'failed to translate IOVA [%#lx, %#lx) (prot=%d) to local VA: %m\n',
    versions:
      'SPDK v22.x+; map_one() also prints "failed to translate IOVA [%#lx, %#lx) (prot=%d) to local VA: %d segments needed" and "failed to get iovec for IOVA [%#lx, %#lx): %m"; the numbers are printed in decimal by some builds',
    patterns: [
      /failed to translate IOVA \[(?<start>(?:0x)?[0-9a-fA-F]{1,16}), (?<end>(?:0x)?[0-9a-fA-F]{1,16})\) \(prot=\d{1,2}\) to local VA: (?:(?<segments>\d{1,6}) segments needed|(?<err>[A-Z][^\n]{2,80}))/,
      /failed to get iovec for IOVA \[(?<start>(?:0x)?[0-9a-fA-F]{1,16}), (?<end>(?:0x)?[0-9a-fA-F]{1,16})\): (?<err>[A-Z][^\n]{2,80})/,
    ],
    severity: 'error',
    title: "SPDK's vfio-user target cannot reach a guest buffer: the address is not mapped in the server",
    cause:
      "the guest's NVMe driver gave SPDK's vfio-user controller a guest address (a queue, PRP list or data buffer), and SPDK could not translate it to a local virtual address through the DMA regions the vfio-user client registered: no registered region covers it (ENOENT), the region was registered without a file descriptor so the server has no mapping of it (EFAULT), or a write was asked into a read-only region (EACCES). The command fails",
    fix: 'back guest RAM with a shared memory backend (QEMU: memory-backend-memfd/-file with share=on as the machine memory; Cloud Hypervisor: --memory shared=on) so the client registers every RAM region with a file descriptor; the errno at the end says which case it is',
    refine: refineIova,
    render: render(
      'vfio_user.c: 734:map_one: *ERROR*: ',
      '0xc0000000',
      '0xc0001000',
      3,
      'No such file or directory',
    ),
    examples: [
      ex(
        'vfio_user.c: 751:map_one: *ERROR*: failed to translate IOVA [0x7ff00000, 0x7ff01000) (prot=1) to local VA: Bad address',
        {
          start: '0x7ff00000',
          errno: 'EFAULT',
        },
      ),
      ex(
        'vfio_user.c: 751:map_one: *ERROR*: failed to translate IOVA [0x9f000, 0xa1000) (prot=3) to local VA: 2 segments needed',
        {
          segments: '2',
        },
      ),
    ],
  },
  {
    id: 'libvfio-user.client-disconnected',
    source: 'spdk',
    cite: `${LIBVFU} lib/tran_sock.c tran_sock_get_request_header(); lib/libvfio-user.c get_request_header() (vfu_reset_ctx() on ENOMSG / ECONNRESET)`,
    format: '%s: not connected',
    versions:
      'printed through the server\'s log callback (SPDK: "vfio_user.c:N:vfio_user_log: *ERROR*: ENDPOINT: "); with it "failed to receive request: %m" (ENOTCONN "Transport endpoint is not connected", ECONNRESET); older libvfio-user: "failed to receive request header: %m" and "VFIO client closed connection"',
    patterns: [
      /tran_sock_get_request_header: not connected/,
      /(?:vfio_user_log|vfu|libvfio-user)[^\n]{0,300}?failed to receive request: (?<err>Transport endpoint is not connected|Connection reset by peer)/,
    ],
    severity: 'warning',
    title: 'The vfio-user server lost its client: the VMM closed the socket or is gone',
    cause:
      "libvfio-user (in SPDK's vfio-user target or another device server) tried to read the next request from the client over the UNIX socket, but the connection is closed: the client — QEMU's vfio-user-pci or Cloud Hypervisor — disconnected, either because the VM was shut down or the device unplugged (harmless then), or because the VMM crashed or exited on an error of its own; the server reset its context and reports the socket as not connected",
    fix: 'check whether the VMM process still runs and read its log (a crash or "timed out" waiting for the server is the real error); if the VM was simply stopped, nothing to do; the server accepts a new connection on the same socket',
    render: render(
      'vfio_user.c:3042:vfio_user_log: *ERROR*: /var/run/vfu/ctrlr0: ',
      'tran_sock_get_request_header',
    ),
    examples: [
      ex(
        '[2024-02-01 09:00:00.000001] vfio_user.c:3151:vfio_user_log: *ERROR*: /var/run/vfu/nvme1: tran_sock_get_request_header: not connected',
      ),
      ex(
        '[2024-02-01 09:00:00.000002] vfio_user.c:3151:vfio_user_log: *ERROR*: /var/run/vfu/nvme1: failed to receive request: Connection reset by peer',
        { errno: 'ECONNRESET' },
      ),
    ],
  },
  {
    id: 'spdk.nvmf-log-page-unsupported',
    source: 'spdk',
    cite: 'spdk/spdk lib/nvmf/ctrlr.c nvmf_ctrlr_get_log_page()',
    format: 'Unsupported Get Log Page 0x%02X\n',
    versions:
      'an error (SPDK_ERRLOG) in older SPDK, an info message (SPDK_INFOLOG) in newer; with the nvmf debug flag the request is traced first as "Get log page: LID=0x%02X offset=0x%" PRIx64 " len=0x%" PRIx64 " rae=%u"; the same code serves the vfio-user, TCP and RDMA transports',
    patterns: [
      /Unsupported Get Log Page (?<lid>0x[0-9a-fA-F]{2})/,
      /nvmf_ctrlr_get_log_page: \*DEBUG\*: Get log page: LID=(?<lid>0x[0-9a-fA-F]{2}) /,
    ],
    severity: 'info',
    title: 'SPDK answered a Get Log Page it does not implement (harmless)',
    cause:
      "the host's NVMe driver (the guest's, for a vfio-user controller, or an NVMe-oF initiator's) asked for a log page SPDK's target does not implement; SPDK answers Invalid Field / Invalid Log Page and the driver carries on without it. Harmless: the controller keeps working",
    fix: 'nothing to do',
    refine: (f) => {
      const lid = Number.parseInt(f.lid ?? '', 16);
      if (lid >= 0xc0)
        return {
          cause: `log page ${f.lid} is in the vendor-specific range (0xC0–0xFF): the host's driver (the Windows NVMe driver and vendor tools probe such pages) asks for a vendor page that a real drive of some make has and SPDK's target does not implement; SPDK answers Invalid Field and the driver ignores it. Harmless: the controller keeps working`,
        };
      return undefined;
    },
    render: render('ctrlr.c:2112:nvmf_ctrlr_get_log_page: *ERROR*: ', 0xca),
    examples: [
      ex(
        '[2022-09-01 12:00:00.000001] ctrlr.c:2530:nvmf_ctrlr_get_log_page: *ERROR*: Unsupported Get Log Page 0xCA',
        {
          lid: '0xCA',
        },
      ),
      ex('ctrlr.c:2470:nvmf_ctrlr_get_log_page: *ERROR*: Unsupported Get Log Page 0x0D', { lid: '0x0D' }),
    ],
  },
  // ---- DPDK ----
  {
    id: 'dpdk.intr-epoll-add-failed',
    source: 'dpdk',
    cite: DPDK_INTR,
    format: 'Error adding fd %d epoll_ctl, %s\n',
    versions:
      'rte_panic(), so the process aborts after it ("PANIC in eal_intr_thread_main()"); the interrupt pipe\'s own fd: "Error adding fd to %d epoll_ctl, %s"',
    patterns: [
      /Error adding fd (?<fd>\d{1,7}) epoll_ctl, (?<err>[A-Z][^\n]{2,60})/,
      /Error adding fd to (?<fd>\d{1,7}) epoll_ctl, (?<err>[A-Z][^\n]{2,60})/,
    ],
    severity: 'error',
    title: "DPDK's interrupt thread could not watch a device's interrupt fd and aborted",
    cause:
      "the EAL interrupt thread rebuilds its epoll set from every registered interrupt source (a VFIO or UIO device's eventfd with a callback) and epoll_ctl(EPOLL_CTL_ADD) refused one, so DPDK panics. The fd in the list is not a live interrupt eventfd any more: a poll-mode driver's error path closed it without unregistering its interrupt callback, and the number is now closed or reused by another file",
    fix: "read the driver's error just before the panic (a port that failed to initialise is the actual problem), and update DPDK; report the PMD if a current release does it",
    refine: refineEpoll,
    render: render('EAL: ', 42, 'Operation not permitted'),
    examples: [
      ex('PANIC in eal_intr_thread_main():\nError adding fd 37 epoll_ctl, Operation not permitted', {
        fd: '37',
        errno: 'EPERM',
      }),
      ex('EAL: Error adding fd 112 epoll_ctl, Bad file descriptor', { errno: 'EBADF' }),
    ],
  },
  {
    id: 'mtl.port-not-found',
    source: 'dpdk',
    cite: `${MTL}, which asks DPDK for the port with rte_eth_dev_get_port_by_name()`,
    format: '%s, failed to get port for %s\n',
    versions:
      'followed by "%s, please make sure the driver of %s is configured rightly" and mtl_init()\'s summary with the errno (-19, ENODEV)',
    patterns: [
      /mt_dev_get_socket_id, failed to get port for (?<port>[\w:.-]{1,64})/,
      /mt_dev_get_socket_id, please make sure the driver of (?<port>[\w:.-]{1,64}) is configured rightly/,
    ],
    severity: 'error',
    title: 'Media Transport Library: DPDK has no port for this NIC (not on vfio-pci)',
    cause:
      'the Media Transport Library (MTL) looks the NIC up among the ports DPDK probed, by its PCI address, and there is none (ENODEV): DPDK takes only NICs bound to a userspace driver (vfio-pci), so the NIC is still on its kernel driver (ice, i40e...), the address is wrong, or the port is excluded from EAL (an allow list); the kernel-driver port types (kernel:, native_af_xdp:) are named differently',
    fix: 'bind the NIC to vfio-pci (dpdk-devbind.py -b vfio-pci BDF, or MTL\'s script/nicctl.sh bind_pmd BDF) and check `dpdk-devbind.py -s` lists it under "Network devices using DPDK-compatible driver"; check the address passed as the port',
    render: render('MT: Error: ', 'mt_dev_get_socket_id', '0000:4b:00.0'),
    examples: [
      ex('MT: Error: mt_dev_get_socket_id, failed to get port for 0000:4b:00.1', { port: '0000:4b:00.1' }),
      ex(
        'MT: Error: mt_dev_get_socket_id, please make sure the driver of 0000:31:00.0 is configured rightly',
      ),
    ],
  },
  // ---- AMD MxGPU host driver (GIM, libgv) ----
  {
    id: 'gim.psp-command-failed',
    source: 'kernel',
    cite: GIM,
    format: 'PSP command fence wait failed.',
    versions:
      'AMDGV_ERROR_FW_CMD_FENCE_WAIT_FAIL; siblings: "PSP command submit failed." (AMDGV_ERROR_FW_CMD_SUBMIT_FAIL) and "Failed to execute VF gate command." (AMDGV_ERROR_FW_VFGATE_FAIL); GIM then usually reports the scheduler abnormal and issues a whole GPU reset',
    patterns: [
      /gim error libgv: [^\n]{0,120}\] (?<step>PSP command (?:fence wait|submit) failed|Failed to execute VF gate command)\./,
    ],
    severity: 'error',
    title: "AMD MxGPU (GIM): the GPU's PSP did not complete a command",
    cause:
      "GIM, AMD's SR-IOV host driver, sent a command to the GPU's security processor (PSP) — during a VF's reset or switch, the command that gates or ungates the VF — and the PSP did not signal its completion fence in time (or refused the submission). The PSP firmware is hung or the GPU is in a bad state (often after repeated VF resets or a hardware error), so GIM marks the virtualization scheduler abnormal and falls back to a whole GPU reset, which resets every VF and the guests using them",
    fix: 'read the following gim lines (a "Whole GPU reset" and whether it succeeded) and any ECC/RAS errors; update GIM and the GPU firmware to the versions AMD lists together; if it repeats, avoid resetting VFs in a loop (guest driver reloads, VM restarts) and report it to AMD with the gim log',
    refine: (f) =>
      f.step === 'Failed to execute VF gate command'
        ? {
            cause:
              "GIM asked the GPU's security processor (PSP) to gate or ungate a VF (the step of a VF reset or world switch) and the PSP command failed or timed out: the PSP firmware is hung or the GPU is in a bad state; GIM then declares the scheduler abnormal and resets the whole GPU, taking down every VF's guest",
          }
        : undefined,
    render: render('gim error libgv: [0:c1:0:0][PF][amdgv_psp_cmd_km_submit:525] '),
    examples: [
      ex(
        '[ 9123.000001] gim error libgv: [0:c1:0:0][PF][amdgv_psp_cmd_km_submit:525] PSP command fence wait failed.',
        {
          step: 'PSP command fence wait failed',
        },
      ),
      ex('gim error libgv: [0:c1:0:0][PF][mi300_psp_set_mb_int:474] Failed to execute VF gate command.', {
        step: 'Failed to execute VF gate command',
      }),
    ],
  },
  {
    id: 'gim.scheduler-abnormal',
    source: 'kernel',
    cite: GIM,
    format: 'Graphics Virtualization Scheduler has entered an abnormal state',
    versions:
      'AMDGV_ERROR_GPU_RLCV_ABNORMAL_STATE; the multimedia one: "Multimedia virtualization scheduler has entered an abnormal state"; then "Issuing Whole GPU reset." (AMDGV_ERROR_RESET_GPU) and, if it fails, "Whole GPU reset failed!"',
    patterns: [
      /gim (?:error|warn|info) libgv: [^\n]{0,120}\] (?<which>Graphics Virtualization|Multimedia virtualization) [Ss]cheduler has entered an abnormal state/,
      /gim (?:error|warn|info) libgv: [^\n]{0,120}\] (?<reset>Issuing Whole GPU reset|Whole GPU reset failed)/,
    ],
    severity: 'error',
    title: "AMD MxGPU (GIM): the GPU's virtualization scheduler is stuck, so the whole GPU is reset",
    cause:
      "GIM's world-switch scheduler (the RLC-V firmware that time-slices the GPU between VFs, or the multimedia one for the video engines) stopped answering — usually after a PSP command or VF reset timed out, or a hardware error — so GIM gives up on per-VF recovery and resets the whole GPU: every VF is reset and every guest using one loses its GPU",
    fix: 'read the gim lines just before (a PSP fence timeout, ECC errors) for the cause; update GIM and GPU firmware together; restart the affected guests after the reset; a "Whole GPU reset failed!" needs a host reboot',
    refine: (f) =>
      f.reset === 'Whole GPU reset failed'
        ? {
            title: 'AMD MxGPU (GIM): the whole GPU reset failed',
            cause:
              'after its virtualization scheduler or PSP became unresponsive GIM tried to reset the whole GPU and that failed too: the GPU is unusable for all VFs until the host is rebooted (or the card power-cycled)',
            fix: 'reboot the host; collect the gim log before it and report it to AMD with the GIM and firmware versions',
          }
        : undefined,
    render: render('gim error libgv: [0:c1:0:0][PF][mi300_reset_notify_engine_status:1224] '),
    examples: [
      ex(
        '[ 9123.000500] gim error libgv: [0:c1:0:0][PF][mi300_reset_notify_engine_status:1224] Graphics Virtualization Scheduler has entered an abnormal state',
        { which: 'Graphics Virtualization' },
      ),
      ex('gim error libgv: [0:c1:0:0][PF][amdgv_reset_gpu:150] Whole GPU reset failed!', {
        reset: 'Whole GPU reset failed',
      }),
    ],
  },
  // ---- Cloud Hypervisor ----
  {
    id: 'chv.restore-bar-in-use',
    source: 'cloud-hypervisor',
    cite: `${CHV} pci/src/configuration.rs Error::BarInUse ("bar {0} already used"), pci/src/device.rs Error::IoRegistrationFailed, vmm/src/device_manager.rs DeviceManagerError::AllocateBars; snapshot/restore scope in docs/snapshot_restore.md`,
    format: 'bar %d already used',
    versions:
      'shown as an error chain: "Error restoring VM" / "The VM could not be restored" / "Error from device manager" / "Cannot allocate PCI BARs" / "Registering an IO BAR failed" (newer: "Registering an IO BAR at address 0x%x failed") / "bar N already used"; 64-bit: "64bit bar %d already used (requires two regs)"',
    patterns: [
      /Registering an IO BAR (?:at address 0x[0-9a-fA-F]{1,16} )?failed[^\n]{0,40}?bar (?<bar>\d) already used/,
      /(?<restore>could not be restored)[^\n]{0,300}?Registering an IO BAR/,
    ],
    severity: 'error',
    title: 'Cloud Hypervisor could not re-register a device BAR (restoring a VM with a VFIO device)',
    cause:
      "Cloud Hypervisor's device manager found the BAR register already set when it allocated the device's BARs. This is what restoring a snapshot of a VM with a passed-through (VFIO) device gives: the device's BARs come back from the snapshot state and are then allocated again. Snapshot/restore of VMs with VFIO devices is not supported by Cloud Hypervisor (its snapshot/restore documentation puts VFIO devices out of scope; VFIO migration support came later)",
    fix: 'do not snapshot/restore (or live-migrate) VMs with passthrough devices on this Cloud Hypervisor version: shut the VM down and boot it again instead, or hot-unplug the VFIO device before the snapshot and re-attach it after the restore; check the release notes of newer versions for VFIO snapshot/migration support',
    render: render('Error: Registering an IO BAR failed: ', 0),
    examples: [
      ex('Registering an IO BAR at address 0xc0000000 failed: bar 0 already used', { bar: '0' }),
      ex(
        'Error restoring VM: The VM could not be restored: Error from device manager: Cannot allocate PCI BARs: Registering an IO BAR failed',
        {
          restore: 'could not be restored',
        },
      ),
    ],
  },
  {
    id: 'chv.mmap-io-error',
    source: 'cloud-hypervisor',
    cite: `${CHV} pci/src/vfio.rs VfioCommon::map_mmio_regions() (mmap of each BAR area through hypervisor/src/mmap.rs MmapRegion::mmap(), which returns the io::Error); the refusal: torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_mmap()`,
    format: 'mmap: %s (os error %d)',
    versions:
      'Rust\'s io::Error Display ("TEXT (os error N)") after the step name; the same mapping failure is logged in full as "Could not mmap sparse area (offset = 0x%x, size = 0x%x): %s" and returned as MmapArea (chv.vfio-map-region-failed)',
    tier: 'fallback',
    patterns: [/^mmap: (?<err>[A-Z][^\n(]{2,60}?) \(os error (?<code>\d{1,3})\)$/],
    severity: 'error',
    title: 'An mmap() failed (in a VMM: mapping a passed-through device region)',
    cause:
      "a Rust program's mmap() failed with this errno. In a VMM with a passed-through device (Cloud Hypervisor and other rust-vmm VMMs) this is the mapping of a BAR region through the VFIO device fd: vfio-pci's mmap refuses with EINVAL a range that does not lie within the BAR (offset plus size beyond it) or is not page-aligned — as when the VMM relocated a non-page-aligned MSI-X table in the guest's BAR and then asked for areas at the relocated offsets — and with EBUSY/ENOMEM when the BAR's host range cannot be reserved (a host driver such as efifb still holds it)",
    fix: 'update the VMM (Cloud Hypervisor clamps sparse areas to the physical BAR in recent releases); compare the BAR layout in `lspci -vv -s BDF` (region sizes, MSI-X "Vector table: BAR=N offset=...") with the areas in the VMM\'s debug log; for EBUSY look for "can\'t reserve" in dmesg',
    refine: (f) =>
      f.errno === 'EBUSY'
        ? {
            cause:
              "mmap() of a passed-through device's BAR failed with EBUSY: vfio-pci reserves the BAR's host range on the first mmap, and a host driver still holds it (a boot framebuffer — efifb, simplefb, vesafb — on a GPU's BAR; dmesg: \"vfio-pci BDF: BAR N: can't reserve\")",
            fix: 'free the range: video=efifb:off or initcall_blacklist=sysfb_init on the host kernel command line for a GPU that booted the host, then start the VM again',
          }
        : undefined,
    render: render('', 'Operation not permitted', 1),
    examples: [
      ex('mmap: Device or resource busy (os error 16)', { errno: 'EBUSY' }),
      ex('mmap: Cannot allocate memory (os error 12)', { errno: 'ENOMEM' }),
    ],
  },
  // ---- Kata agent and CDI ----
  {
    id: 'kata.cdi-spec-unresolved',
    source: 'container runtime',
    cite: KATA_CDI,
    format: 'waiting for CDI spec(s) to be generated (%d of %d max tries) %s',
    versions:
      'an INFO line repeated once a second until the timeout, then "failed to inject devices after CDI timeout of %d seconds"; newer agents stop early with "CDI device(s) %s do not exist; their CDI kind(s) are present in %s but do not provide them: %s"',
    patterns: [
      /waiting for CDI spec\(s\) to be generated \((?<try>\d{1,4}) of (?<max>\d{1,4}) max tries\)/,
      /failed to inject devices after CDI timeout of (?<timeout>\d{1,5}) seconds/,
      /CDI device\(s\) [^\n]{1,200}? do not exist; their CDI kind\(s\) are present in/,
    ],
    severity: 'warning',
    title: "Kata's agent cannot find the requested CDI devices in the guest's CDI specs",
    cause:
      "inside the Kata VM the agent resolves the CDI device names the container asks for (from the pod's CDI annotations, e.g. cdi.k8s.io/...) against the CDI spec files in the guest (/var/run/cdi, generated in the guest by the GPU's toolkit once the passed-through device is up), and keeps waiting while a name is unresolvable. Either the guest spec is not generated yet or at all (the guest's spec generator or GPU driver did not start), or the name never matches: the annotation names the device as the host knows it (its host-side kind or host index), while the guest's spec names the passed-through device by the guest's own kind and index (the first GPU in the VM is index 0)",
    fix: "check the guest's CDI specs (the agent's log lists the names it found; nvidia-ctk cdi list in the guest) and make the annotation use the guest's names (kind and in-guest index or UUID) — the device plugin / runtime class must translate host device names; if no spec appears at all, check the guest's GPU driver and CDI spec generation",
    render: render('', 3, 100, '"unresolvable CDI devices vendor.com/dev=1"'),
    examples: [
      ex(
        'waiting for CDI spec(s) to be generated (3 of 100 max tries) "unresolvable CDI devices example.com/gpu=7"',
        {
          try: '3',
        },
      ),
      ex('failed to inject devices after CDI timeout of 100 seconds', { timeout: '100' }),
    ],
  },
  // ---- PCILeech firmware generators ----
  {
    id: 'pcileech.sysfs-enable-refused',
    source: 'userspace tool',
    cite: `${PCILEECH_FW} src/device_clone/sysfs_bar_reader.py SysfsBarReader.enable_memory_decoding() (log prefix SYSFS_BAR), called by read_bar_bytes(); the refusal: torvalds/linux drivers/pci/pci-sysfs.c enable_store()`,
    format: 'Failed to enable memory decoding: %s',
    versions:
      'logged with the prefix [SYSFS_BAR]; the error is Python\'s OSError text ("[Errno 16] Device or resource busy")',
    patterns: [/Failed to enable memory decoding: (?<err>\[Errno \d{1,3}\] [^\n]{2,60})/],
    severity: 'warning',
    title: 'The tool could not enable the donor device through sysfs (a driver owns it)',
    cause:
      "before reading the donor device's BARs through sysfs the tool writes 1 to /sys/bus/pci/devices/BDF/enable; the kernel's enable_store() refuses that with EBUSY whenever a driver is bound to the device — including vfio-pci — since enabling it is then the bound driver's job, EPERM without CAP_SYS_ADMIN, and EIO when disabling a device that is not enabled",
    fix: "while the device is on vfio-pci read its BARs through VFIO (the tool's VFIO path) or let the owning driver enable it; or unbind the driver to use the sysfs path; run the tool as root",
    refine: (f) => {
      if (f.errno === 'EBUSY')
        return {
          cause:
            "the kernel's enable_store() (/sys/bus/pci/devices/BDF/enable) returns EBUSY whenever a driver is bound to the device: the donor is owned by a driver (vfio-pci for this tool's flow), which alone may enable it, so the sysfs write is refused — the device itself is fine",
          fix: "read the BARs through the VFIO device (the tool's VFIO path) while it is bound to vfio-pci, or unbind it from every driver (echo BDF > /sys/bus/pci/devices/BDF/driver/unbind) if the sysfs path is wanted",
        };
      if (f.errno === 'EPERM' || f.errno === 'EACCES')
        return {
          cause: "writing the device's sysfs enable file needs CAP_SYS_ADMIN; the tool runs without it",
          fix: 'run the tool as root (sudo), or in a container with CAP_SYS_ADMIN and /sys writable',
        };
      return undefined;
    },
    render: render('[SYSFS_BAR] ', '[Errno 13] Permission denied'),
    examples: [
      ex('WARNING [SYSFS_BAR] Failed to enable memory decoding: [Errno 1] Operation not permitted', {
        errno: 'EPERM',
      }),
      ex('[SYSFS_BAR] Failed to enable memory decoding: [Errno 5] Input/output error', { errno: 'EIO' }),
    ],
  },
  {
    id: 'pcileech.vfio-group-node-missing',
    source: 'userspace tool',
    cite: `${PCILEECH_FW} src/cli/vfio_helpers.py get_device_fd() (older: raises OSError with the same words); the node: torvalds/linux drivers/vfio/group.c vfio_group_alloc() (created when the first device of the group binds to a VFIO driver)`,
    format: 'VFIO group file not found: %s. Proceeding with warning.',
    versions:
      'the Python source formats it as "VFIO group file not found: {grp_path}. Proceeding with warning."; older versions raise OSError("VFIO group file not found: {grp_path}") and stop',
    patterns: [/VFIO group file not found: (?<path>\/dev\/vfio\/(?<group>\d{1,5}))/],
    severity: 'error',
    title: 'No /dev/vfio/N for the device: nothing in its IOMMU group is bound to vfio-pci',
    cause:
      'the kernel creates /dev/vfio/N for an IOMMU group only when a device of the group is bound to a VFIO driver (vfio-pci); the node is missing, so the device the tool wants is not bound to vfio-pci (unbound, or still on its host driver), vfio-pci is not loaded, or the tool runs in a container that was not given /dev/vfio. The tool carries on with an invalid group descriptor and fails later',
    fix: 'bind the device (and the other endpoints of its group) to vfio-pci: modprobe vfio-pci; echo vfio-pci > /sys/bus/pci/devices/BDF/driver_override; echo BDF > /sys/bus/pci/drivers_probe; check `ls /dev/vfio` and `lspci -nnk -s BDF` (Kernel driver in use: vfio-pci); in a container pass --device /dev/vfio/N and /dev/vfio/vfio',
    render: render('WARNING │ [VFIO] ', '/dev/vfio/7'),
    examples: [
      ex('[VFIO] VFIO group file not found: /dev/vfio/31. Proceeding with warning.', { group: '31' }),
    ],
  },
  {
    id: 'pcileech.vfio-api-version-check',
    source: 'userspace tool',
    cite: 'sercanarga/PCILeechGen internal/donor/vfio/vfio.go Collect() (the VFIO_GET_API_VERSION sanity check, Go); VoltCyclone/PCILeechFWGenerator src/cli/vfio_helpers.py get_device_fd() (Python); the version: torvalds/linux include/uapi/linux/vfio.h VFIO_API_VERSION (0)',
    format: 'VFIO API version check failed: %v',
    versions:
      'PCILeechGen (Go) prints the syscall errno ("errno 0" when the ioctl succeeded), wrapped as WARN "VFIO BAR fallback failed error=..."; PCILeechFWGenerator (Python) prints the OSError ("[Errno 25] Inappropriate ioctl for device")',
    patterns: [
      /VFIO API version check failed: (?:errno (?<code>\d{1,4})|(?<err>\[Errno \d{1,3}\] [^\n"]{2,60}))/,
    ],
    severity: 'error',
    title: "A tool's VFIO API version check failed",
    cause:
      'the tool opened /dev/vfio/vfio and asked VFIO_GET_API_VERSION; the ioctl itself failed, so /dev/vfio/vfio is not a working VFIO container (an emulated or stub node, or the vfio module missing)',
    fix: 'check `modprobe vfio` and `ls -l /dev/vfio/vfio`; the errno says what the kernel answered',
    refine: (f) =>
      f.code === '0'
        ? {
            title: "The tool's VFIO API version check is wrong (errno 0: the ioctl succeeded)",
            cause:
              "errno 0 means VFIO_GET_API_VERSION succeeded; the kernel's VFIO API version is 0 (VFIO_API_VERSION in linux/vfio.h, unchanged since Linux 3.6), but the tool's check treats a returned version of 0 as a failure (PCILeechGen: errno != 0 || ver == 0), so it rejects every working VFIO host. A bug in the tool, not a problem of the host: its VFIO path (here the BAR fallback) is skipped",
            fix: 'update the tool to a version that compares the version with VFIO_API_VERSION (0) instead of rejecting 0; nothing to change on the host',
          }
        : undefined,
    render: render('WARN VFIO BAR fallback failed error="', 'errno 0'),
    examples: [
      ex('2026/01/05 10:00:00 WARN VFIO BAR fallback failed error="VFIO API version check failed: errno 0"', {
        code: '0',
      }),
      ex('OSError: VFIO API version check failed: [Errno 25] Inappropriate ioctl for device', {
        errno: 'ENOTTY',
      }),
    ],
  },
];

/** Sibling wordings the entries above also recognise (docs/diagnose-coverage.md). */
export const USERSPACE_EDGES_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'spdk.vfio-user-iova-untranslatable',
    file: SPDK_VU,
    format: 'failed to translate IOVA [%#lx, %#lx) (prot=%d) to local VA: %d segments needed\n',
    text: 'vfio_user.c: 760:map_one: *ERROR*: failed to translate IOVA [0x1000, 0x3000) (prot=3) to local VA: 2 segments needed',
  },
  {
    id: 'spdk.vfio-user-iova-untranslatable',
    file: SPDK_VU,
    format: 'failed to get iovec for IOVA [%#lx, %#lx): %m\n',
    text: 'vfio_user.c: 770:map_one: *ERROR*: failed to get iovec for IOVA [0x1000, 0x2000): Bad address',
  },
  {
    id: 'libvfio-user.client-disconnected',
    file: `${LIBVFU} lib/libvfio-user.c`,
    format: 'failed to receive request: %m',
    text: 'vfio_user.c:3042:vfio_user_log: *ERROR*: /var/run/vfu/c0: failed to receive request: Transport endpoint is not connected',
  },
  {
    id: 'spdk.nvmf-log-page-unsupported',
    file: 'spdk/spdk lib/nvmf/ctrlr.c',
    format: 'Get log page: LID=0x%02X offset=0x%llx len=0x%llx rae=%u\n',
    text: 'ctrlr.c:2466:nvmf_ctrlr_get_log_page: *DEBUG*: Get log page: LID=0xCA offset=0x0 len=0x200 rae=0',
  },
  {
    id: 'dpdk.intr-epoll-add-failed',
    file: DPDK_INTR,
    format: 'Error adding fd to %d epoll_ctl, %s\n',
    text: 'EAL: Error adding fd to 9 epoll_ctl, Bad file descriptor',
  },
  {
    id: 'mtl.port-not-found',
    file: MTL,
    format: '%s, please make sure the driver of %s is configured rightly\n',
    text: 'MT: Error: mt_dev_get_socket_id, please make sure the driver of 0000:18:00.0 is configured rightly',
  },
  {
    id: 'gim.psp-command-failed',
    file: GIM,
    format: 'PSP command submit failed.',
    text: 'gim error libgv: [0:41:0:0][PF][amdgv_psp_cmd_km_submit:498] PSP command submit failed.',
  },
  {
    id: 'gim.scheduler-abnormal',
    file: GIM,
    format: 'Multimedia virtualization scheduler has entered an abnormal state',
    text: 'gim error libgv: [0:41:0:0][PF][mi300_reset_notify_engine_status:1230] Multimedia virtualization scheduler has entered an abnormal state',
  },
  {
    id: 'gim.scheduler-abnormal',
    file: GIM,
    format: 'Issuing Whole GPU reset.',
    text: 'gim error libgv: [0:41:0:0][PF][amdgv_reset_gpu:142] Issuing Whole GPU reset.',
  },
  {
    id: 'chv.vfio-map-region-failed',
    file: `${CHV} pci/src/vfio.rs`,
    format: 'Could not mmap sparse area (offset = 0x%x, size = 0x%x): %s',
    text: 'cloud-hypervisor: 1.5ms: <vmm> ERROR:pci/src/vfio.rs:1650 -- Could not mmap sparse area (offset = 0x6000, size = 0xa000): Invalid argument (os error 22)',
  },
  {
    id: 'kata.cdi-spec-unresolved',
    file: KATA_CDI,
    format: 'failed to inject devices after CDI timeout of %d seconds',
    text: 'failed to inject devices after CDI timeout of 100 seconds',
  },
  {
    id: 'kata.cdi-spec-unresolved',
    file: KATA_CDI,
    format: 'CDI device(s) %s do not exist; their CDI kind(s) are present in %s but do not provide them: %s',
    text: 'CDI device(s) ["example.com/gpu=3"] do not exist; their CDI kind(s) are present in /var/run/cdi but do not provide them: unresolvable',
  },
];
