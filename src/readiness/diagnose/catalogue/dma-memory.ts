/**
 * DMA mapping and guest memory as every program on the VFIO path words it, beyond QEMU's own
 * lines (qemu.ts): the rust-vmm VFIO crates that Cloud Hypervisor, crosvm and Kata's Cloud
 * Hypervisor back end print through (vfio-ioctls VfioError, iommufd-ioctls IommufdError, their
 * Debug forms in API error replies), DPDK's DMA-remapping and hugepage lines, Proxmox, and the
 * kernel's memory side (the OOM killer, boot-time hugepage reservation).
 *
 * The errno of a mapping decides its cause, the same in every program because they all end in
 * VFIO_IOMMU_MAP_DMA (drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map()) or IOMMU_IOAS_MAP
 * (drivers/iommu/iommufd/ioas.c iommufd_ioas_map()): ENOMEM from vfio_pin_pages_remote() when the
 * pinned total passes RLIMIT_MEMLOCK; EINVAL when the IOVA range is not inside the IOMMU's usable
 * ranges (vfio_iommu_iova_dma_valid()) or not page aligned; ENOSPC when the container already holds
 * dma_entry_limit mappings; EEXIST when vfio_find_dma() finds an overlapping mapping; EFAULT when
 * the pages cannot be pinned (an MMIO BAR mapped VM_PFNMAP, which IOMMU_IOAS_MAP never pins).
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { BUILT, ex, render } from './build.js';
import { errnoName } from './qemu.js';
import { DMA_ENTRY_LIMIT } from './refinements.js';

/** What a failed DMA map means, by errno; `bar` when the range is a device BAR (peer-to-peer). */
export function dmaMapCause(errno: string | undefined, bar: boolean): Refinement | undefined {
  if (bar && (errno === 'EFAULT' || errno === 'EINVAL' || errno === undefined))
    return {
      severity: 'warning',
      title: 'A device BAR could not be mapped for peer-to-peer DMA',
      cause: `the VMM maps each BAR (MMIO region) of an assigned device into the IOMMU too, so that another device could DMA into it (peer-to-peer, P2P); the kernel refused${
        errno ? ` (${errno})` : ''
      }: ${
        errno === 'EINVAL'
          ? 'the BAR lies at a guest address above what the host IOMMU can translate (its address width)'
          : 'a BAR is MMIO mapped VM_PFNMAP without struct pages, and the type1 and iommufd back ends pin memory through GUP, which refuses such pages (IOMMU_IOAS_MAP only maps BARs through a dma-buf on new kernels)'
      }. Guest RAM is not affected; only DMA from one assigned device into another device's BAR is`,
      fix: 'nothing to do for a single assigned device; for P2P between devices use a kernel and VMM that map BARs through the VFIO dma-buf path, or keep the guest BARs below the IOMMU address width',
    };
  switch (errno) {
    case 'ENOMEM':
      return {
        cause:
          'the kernel refused to pin (lock) the memory for DMA: every page mapped through VFIO is pinned and counted against the locked-memory limit (RLIMIT_MEMLOCK, "ulimit -l", memlock) of the VMM process, and that limit is below guest RAM — vfio_pin_pages_remote() returns ENOMEM at the limit (dmesg: "RLIMIT_MEMLOCK (N) exceeded"); otherwise the host is out of memory',
        fix: 'raise the memlock limit above guest RAM plus about 1 GiB (ulimit -l unlimited, LimitMEMLOCK=infinity in the systemd unit, a container runtime memlock ulimit, libvirt <memtune><hard_limit>), or give the process CAP_IPC_LOCK; check free memory',
      };
    case 'EINVAL':
      return {
        cause:
          'the host IOMMU rejected the IOVA range: the guest-physical address is outside what the IOMMU can translate (above its address width, e.g. 39 bits on consumer VT-d, where large RAM, memory hotplug or a 64-bit PCI window puts it) or inside a reserved region (the MSI window 0xfee00000, an RMRR), or the range is not aligned to the IOMMU page size',
        fix: 'compare the address with /sys/kernel/iommu_groups/N/reserved_regions and the IOMMU width (dmesg "DMAR: Host address width"); lower maxmem / the 64-bit PCI hole, or match the guest phys-bits to the IOMMU',
      };
    case 'ENOSPC':
      return DMA_ENTRY_LIMIT;
    case 'EEXIST':
      return {
        cause:
          'the IOVA range overlaps a mapping that already exists in the container (vfio_find_dma() finds a conflict): two devices sharing one container whose regions were given overlapping guest addresses, or a range mapped twice (a hotplug retried after a partial failure left the old mapping)',
        fix: 'give each device its own container/IOAS or distinct guest addresses; after a failed hotplug restart the VM so the container starts empty; report it to the VMM with its version',
      };
    case 'EFAULT':
      return {
        cause:
          'the kernel could not pin the pages behind the range: they are MMIO (a BAR, VM_PFNMAP) or a mapping GUP refuses (DAX, a special device mapping, memory not populated in a shared file mapping)',
        fix: 'for a BAR this only affects peer-to-peer DMA; for guest RAM use ordinary anonymous, memfd or hugetlbfs memory',
      };
    case 'EPERM':
      return {
        cause:
          'the mapping was refused for permission: a locked-memory limit with no privilege to exceed it, or (no-IOMMU mode) a process without CAP_SYS_RAWIO',
        fix: 'give the process CAP_IPC_LOCK and a memlock limit above guest RAM',
      };
    default:
      return undefined;
  }
}

/** The errno read from an `(os error N)` tail, a Debug `Error(N)` or a printed text. */
function rustErrno(f: Facts): string | undefined {
  return errnoName(f);
}

/**
 * The listener's failure when the region is an emulated IOMMU's address space, not RAM: the
 * vIOMMU's notifier registration refused the device (hw/vfio/listener.c
 * vfio_listener_region_add() → memory_region_iommu_set_page_size_mask /
 * memory_region_register_iommu_notifier; hw/i386/intel_iommu.c vtd_iommu_notify_flag_changed()
 * "requires caching mode", hw/i386/amd_iommu.c amdvi_iommu_notify_flag_changed() "requires iommu
 * notifier"). No guest RAM was mapped or pinned, so the memlock reading does not apply.
 */
function viommuRegionRefusal(f: Facts): Refinement | undefined {
  const region = f.region ?? '';
  const reason = f.reason ?? '';
  if (!/iommu|dmar/i.test(region) && !/requires (?:caching mode|iommu notifier|dma-remap)/.test(reason))
    return undefined;
  if (/virtio/i.test(region))
    return {
      title: "The VM's virtio-iommu refused the assigned device",
      cause: `the failure is not a mapping of guest RAM: when the VFIO container was set up, QEMU's listener met the address space of the VM's virtio-iommu (region ${region}) and the virtio-iommu refused to serve the device${reason ? ` ("${reason.trim()}")` : ''}: most often the host IOMMU's page sizes or reserved ranges for this device do not fit what the virtio-iommu already offers the guest`,
      fix: 'read the virtio-iommu line before it for the reason (page size mask, granule, reserved ranges); -device virtio-iommu-pci,granule=host matches the host page size, and cold-plugging the device lets its ranges be known before the guest starts; the memlock limit is not involved',
    };
  const amd = /amd/i.test(region) || /iommu notifier|dma-remap/.test(reason);
  return {
    title: "The VM's emulated IOMMU refused the assigned device",
    cause: `the failure is not a mapping of guest RAM: when the VFIO container was set up, QEMU's listener met the address space of the VM's emulated IOMMU (region ${region || 'of the vIOMMU'}) and asked it to report every guest mapping to VFIO (an IOMMU notifier); the vIOMMU refused${reason ? ` ("${reason.trim()}")` : ''}. ${amd ? "QEMU's amd-iommu cannot shadow guest mappings for VFIO without its DMA remapping (QEMU 10.2 added it as -device amd-iommu,dma-remap=on; older releases cannot put an assigned device behind amd-iommu at all)" : 'intel-iommu can only shadow guest mappings for VFIO with caching-mode=on, which tells the guest to report every mapping it makes'}`,
    fix: amd
      ? 'use -device amd-iommu,dma-remap=on on QEMU 10.2 or newer, or give the VM intel-iommu (caching-mode=on) or virtio-iommu instead, or no vIOMMU; the memlock limit is not involved'
      : "add caching-mode=on to the vIOMMU: -device intel-iommu,caching-mode=on (libvirt: <iommu model='intel'><driver caching_mode='on'/></iommu>); the memlock limit is not involved",
  };
}

export const DMA_MEMORY_ENTRIES: CatalogueEntry[] = [
  // ---- QEMU's wrapper around the first failed mapping ----
  {
    id: 'qemu.memory-listener-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_connect_container() / hw/vfio/listener.c vfio_listener_register() (older: hw/vfio/common.c)',
    format: 'memory listener initialization failed: %s',
    versions:
      'QEMU 2.10+: "failed to setup container for group N: memory listener initialization failed: Region NAME: vfio_dma_map(…) = -N (…)" (QEMU 2.10–5.x also "… memory listener initialization failed for container: STRERROR", the errno of the first failed mapping); QEMU ≤ 2.9: "vfio: memory listener initialization failed for container"',
    patterns: [
      // only the wrapper alone (or with a reason other than a vfio_*dma_map line, which
      // qemu.dma-map-failed explains with its errno, or the sPAPR "Memory registering failed",
      // which qemu.spapr-memory-lock-failed explains)
      /memory listener initialization failed(?<old> for container)?["'\\]{0,3}$/,
      /memory listener initialization failed: (?:Region (?<region>[^\n:]{1,60}): (?<reason>[^v\n][^\n]{0,120})|(?<other>[^RvM\n][^\n]{0,120}|M[^e\n][^\n]{0,119}))/,
      // the mapping call named but its arguments and errno cut off (a log shortened in a paste or
      // by a container runtime's line limit); qemu.dma-map-failed takes the full form
      /memory listener initialization failed: Region (?<region>[^\n:]{1,60}): (?<call>vfio_container_dma_map|vfio_dma_map)["'\\]{0,3}$/,
      // QEMU 2.10-5.x: error_setg_errno(errp, -ret, "memory listener initialization failed for
      // container"), so the errno of the first failed mapping follows
      /memory listener initialization failed for container: (?<err>[A-Z][^\n:"]{2,60})/,
    ],
    severity: 'error',
    title: 'Guest memory could not be mapped for the assigned device at start',
    cause:
      'when the VFIO container is set up QEMU maps all guest RAM into the host IOMMU (VFIO_IOMMU_MAP_DMA, which pins every page); the first mapping failed, so the device cannot be added. The text after it has the errno: -12 / Cannot allocate memory is the locked-memory limit (RLIMIT_MEMLOCK) below guest RAM, -22 an address the IOMMU cannot translate, -14 memory that cannot be pinned',
    fix: 'read the errno after it; for -12 raise the memlock limit of QEMU above guest RAM (libvirt does it itself unless a <memtune><hard_limit> is too low; plain QEMU: ulimit -l, LimitMEMLOCK=; containers: the memlock ulimit)',
    refine: (f) =>
      viommuRegionRefusal(f) ??
      (f.errno === 'EFAULT'
        ? {
            title: 'Guest memory could not be pinned for the assigned device (EFAULT)',
            cause:
              "when the VFIO container was set up (at start or at device hot-plug) QEMU mapped every RAM region of the guest's address space into the host IOMMU (VFIO_IOMMU_MAP_DMA), and the type1 driver answered EFAULT (Bad address): it could not pin the pages of one region (vfio_pin_pages_remote() → vaddr_get_pfns()), because that region is not ordinary pinnable memory — a window mapped from a device or another process into the guest's address space, such as the virtio-fs DAX cache window (files mapped from virtiofsd) or a file-backed region whose pages cannot be pinned. QEMU then fails the device",
            fix: 'remove or disable the region that cannot be pinned while the device is assigned (with virtio-fs: turn DAX off — no cache-size / cache window on the vhost-user-fs device; in Kata: virtio_fs_cache_size = 0), or use a QEMU whose VFIO listener skips such regions; then check the memory backends of the VM (plain RAM, memfd or hugetlbfs can be pinned)',
          }
        : f.call && /ram/i.test(f.region ?? '')
          ? {
              cause: `QEMU could not map guest RAM (${f.region}) into the host IOMMU when the VFIO container was set up: ${f.call} (VFIO_IOMMU_MAP_DMA, which pins every page of guest RAM) failed, and the errno was cut off. For guest RAM at start the usual reason is the locked-memory limit (RLIMIT_MEMLOCK, -12 Cannot allocate memory): QEMU may pin no more than its memlock ulimit, which must exceed the guest's RAM. Inside a container (Docker, Podman, a Kubernetes pod) the limit is the one the runtime gave the container, usually far below guest RAM, and an unprivileged container cannot raise it`,
              fix: 'raise the memlock limit for QEMU above guest RAM: plain QEMU `ulimit -l unlimited` (or LimitMEMLOCK=infinity in its service); Docker `--ulimit memlock=-1:-1` (or --privileged); libvirt sets it itself unless a <memtune><hard_limit> is too low. Then check dmesg for "RLIMIT_MEMLOCK … exceeded" to confirm',
            }
          : undefined),
    render: render(
      'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: ',
      'Region pc.ram: Invalid argument',
    ),
    examples: [
      ex('qemu-system-x86_64: vfio: memory listener initialization failed for container', {
        old: ' for container',
      }),
      ex('vfio 0000:02:00.0: failed to setup container for group 7: memory listener initialization failed', {
        bdf: '0000:02:00.0',
      }),
      ex(
        'vfio 0000:07:00.0: failed to setup container for group 21: memory listener initialization failed for container: Bad address',
        {
          errno: 'EFAULT',
        },
      ),
      ex(
        'vfio 0000:05:00.0: failed to setup container for group 14: memory listener initialization failed: Region pc.ram: vfio_dma_map',
        {
          region: 'pc.ram',
          call: 'vfio_dma_map',
        },
      ),
    ],
  },
  // ---- rust-vmm VFIO crates (Cloud Hypervisor, crosvm, Kata with Cloud Hypervisor) ----
  {
    id: 'cloud-hypervisor.dma-map-failed',
    source: 'cloud-hypervisor',
    cite: 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError::IommuDmaMap (VfioContainer::vfio_dma_map()); cloud-hypervisor/cloud-hypervisor pci/src/vfio.rs VfioPciError::DmaMap, vmm/src/device_manager.rs DeviceManagerError::VfioDmaMap / VfioMapRegion; google/crosvm devices/src/vfio.rs VfioError::IommuDmaMap',
    format: 'failed to add guest memory map into iommu table: %s',
    versions:
      'the same text in vfio-ioctls and crosvm (the errno as "Cannot allocate memory (os error 12)"); Cloud Hypervisor wraps it as "Failed to DMA map: … for device PATH (guest BDF: …)" or "Failed to DMA map VFIO device", and its HTTP API replies carry the Debug form "VfioMapRegion(DmaMap(IommuDmaMap(Error(17))))"',
    patterns: [
      /failed to add guest memory map into iommu table(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}(?: \(os error \d{1,3}\))?))?/,
      /(?<region>VfioMapRegion\()?(?:VfioDmaMap\(|DmaMap\()IommuDmaMap\(Error\((?<errno>\d{1,3})\)\)/,
      /Failed to DMA map(?: VFIO device)?: (?:failed to add guest memory map into iommu table: )?(?<err>[A-Z][A-Za-z /-]{2,60}) \(os error \d{1,3}\)/,
    ],
    severity: 'error',
    title: 'Guest memory could not be mapped into the host IOMMU',
    cause:
      'VFIO_IOMMU_MAP_DMA failed for a range of guest memory (or, under "VfioMapRegion", a device BAR); the errno says why: ENOMEM (12) is the locked-memory limit, EINVAL (22) an address the IOMMU cannot translate, EEXIST (17) an overlapping mapping, ENOSPC (28) too many mappings, EFAULT (14) memory that cannot be pinned',
    fix: 'read the errno (the number in "os error N" or "Error(N)"); for 12 raise the memlock limit of the VMM above guest RAM',
    refine: (f) => dmaMapCause(rustErrno(f), f.region !== undefined && rustErrno(f) !== 'EEXIST'),
    render: render('Error: ', 'Cannot allocate memory (os error 12)'),
    examples: [
      ex('failed to add guest memory map into iommu table: Cannot allocate memory (os error 12)', {
        errno: 'ENOMEM',
      }),
      ex(
        'Error booting VM: VmBoot(DeviceManager(VfioDmaMap(IommuDmaMap(Error(22)))))',
        { errno: 'EINVAL' },
        BUILT,
      ),
      ex(
        'reason: Error from device manager: VfioMapRegion(DmaMap(IommuDmaMap(Error(12))))',
        { errno: 'ENOMEM' },
        BUILT,
      ),
      ex(
        'Failed to DMA map: failed to add guest memory map into iommu table: Invalid argument (os error 22) for device /sys/bus/pci/devices/0000:01:00.0 (guest BDF: 0000:00:04.0)',
        { errno: 'EINVAL' },
      ),
    ],
  },
  {
    id: 'cloud-hypervisor.ioas-map-failed',
    source: 'cloud-hypervisor',
    cite: 'cloud-hypervisor/iommufd iommufd-ioctls/src/lib.rs IommufdError::IommuIoasMap (IOMMU_IOAS_MAP); cloud-hypervisor/cloud-hypervisor vmm/src/device_manager.rs DeviceManagerError::VfioMapRegion',
    format: 'failed to map an IOVA range to the IOAS: %s',
    versions:
      'Cloud Hypervisor with iommufd (2025+); the BAR mapping is reported as "Failed to map VFIO MMIO region: Failed to DMA map: failed to map an IOVA range to the IOAS: …"; the Debug form is "IommuIoasMap(Error(N))"',
    patterns: [
      /(?<region>Failed to map VFIO MMIO region: [^\n]{0,40})?failed to map an IOVA range to the IOAS(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /(?<region>VfioMapRegion\([^\n]{0,40})?IommuIoasMap\(Error\((?<errno>\d{1,3})\)\)/,
    ],
    severity: 'error',
    title: 'iommufd could not map a range into the IOAS',
    cause:
      'IOMMU_IOAS_MAP (the iommufd equivalent of VFIO_IOMMU_MAP_DMA) refused to map and pin a range into the I/O address space (IOAS); the errno says why: ENOMEM is the locked-memory limit (iommufd charges pinned pages to the process), EFAULT memory that cannot be pinned (a BAR), EINVAL an address outside the usable IOVA ranges',
    fix: 'read the errno; for ENOMEM raise the memlock limit or give CAP_IPC_LOCK; for EFAULT on a BAR (MMIO region) nothing is needed unless devices must do peer-to-peer DMA',
    refine: (f) => {
      const e = rustErrno(f);
      const bar = f.region !== undefined || e === 'EFAULT';
      const r = dmaMapCause(e, bar);
      if (!r || !bar) return r;
      return {
        ...r,
        cause: `${r.cause}. With iommufd, IOMMU_IOAS_MAP pins the BAR's pages with GUP, which refuses PFNMAP memory: the BAR can only reach the IOAS through a VFIO dma-buf`,
      };
    },
    render: render('Error: ', 'Bad address (os error 14)'),
    examples: [
      ex('failed to map an IOVA range to the IOAS: Cannot allocate memory (os error 12)', {
        errno: 'ENOMEM',
      }),
      ex(
        'Failed to map VFIO MMIO region: Failed to DMA map: failed to map an IOVA range to the IOAS: Invalid argument (os error 22)',
        { errno: 'EINVAL' },
      ),
    ],
  },
  {
    id: 'cloud-hypervisor.dma-unmap-failed',
    source: 'cloud-hypervisor',
    cite: 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError::IommuDmaUnmap / InvalidDmaUnmapSize; cloud-hypervisor/iommufd iommufd-ioctls/src/lib.rs IommufdError::IommuIoasUnmap; google/crosvm devices/src/vfio.rs',
    format: 'failed to remove guest memory map from iommu table: %s',
    versions:
      'also "failed to unmap an IOVA range from the IOAS: %s" (iommufd), "invalid dma unmap size", "Failed to DMA unmap: …" (Cloud Hypervisor)',
    patterns: [
      /failed to remove guest memory map from iommu table(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /failed to unmap an IOVA range from the IOAS(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /invalid dma unmap size/,
    ],
    severity: 'warning',
    title: 'A DMA unmapping failed (follow-up)',
    cause:
      'removing a range from the host IOMMU failed or removed a different size than asked: the range was never mapped (an earlier map failed, or the memory was already unmapped at a hot-unplug); it follows an earlier error rather than being the cause',
    fix: 'look for the first DMA map error before it; if it repeats on every unplug, report it to the VMM with its version',
    render: render('Error: ', 'Invalid argument (os error 22)'),
    examples: [
      ex('failed to remove guest memory map from iommu table: Invalid argument (os error 22)', {
        errno: 'EINVAL',
      }),
      ex('Failed to DMA unmap: invalid dma unmap size'),
    ],
  },
  {
    id: 'cloud-hypervisor.set-iommu-failed',
    source: 'cloud-hypervisor',
    cite: 'rust-vmm/vfio crates/vfio-ioctls/src/lib.rs VfioError::ContainerSetIOMMU / VfioType1V2 (VfioContainer::set_iommu()); google/crosvm devices/src/vfio.rs',
    format: "failed to set container's IOMMU driver type as VfioType1V2: %s",
    versions: 'also "container doesn\'t support VfioType1V2 IOMMU driver type" (crosvm: "dones\'t")',
    patterns: [
      /failed to set container's IOMMU driver type as VfioType1V2(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /container (?<nosupport>do(?:es|ne)s?n't support) VfioType1V2 IOMMU driver type/,
    ],
    severity: 'error',
    title: 'The VFIO container refused the type1 IOMMU',
    cause:
      'VFIO_SET_IOMMU failed: with "Operation not permitted" the platform has no interrupt remapping, so vfio_iommu_type1 refuses the group unless allow_unsafe_interrupts=1 (or an RMRR locks the device); "not support" means no type1 v2 IOMMU backend (vfio_iommu_type1 not loaded, or no IOMMU enabled)',
    fix: 'enable the IOMMU and interrupt remapping in the firmware and kernel (intel_iommu=on, AMD IOMMU); if the platform truly lacks interrupt remapping and guests are trusted: options vfio_iommu_type1 allow_unsafe_interrupts=1; modprobe vfio_iommu_type1',
    refine: (f): Refinement | undefined => {
      const e = rustErrno(f);
      if (f.nosupport)
        return {
          cause:
            'VFIO_CHECK_EXTENSION says the container has no type1 v2 IOMMU backend: the vfio_iommu_type1 module is not loaded, the IOMMU is disabled (no intel_iommu=on / AMD IOMMU off), or only no-IOMMU mode is available',
          fix: 'enable the IOMMU (firmware VT-d/AMD-Vi and the kernel command line), then modprobe vfio_iommu_type1',
        };
      if (e === 'EBUSY')
        return {
          cause:
            'the group is already attached to another IOMMU domain ("Device or resource busy"): another VM or process uses a device of the group',
          fix: 'stop the other user of the group, then start again',
        };
      return undefined;
    },
    render: render('Error: ', 'Operation not permitted (os error 1)'),
    examples: [
      ex("failed to set container's IOMMU driver type as VfioType1V2: Operation not permitted (os error 1)", {
        errno: 'EPERM',
      }),
      ex("container doesn't support VfioType1V2 IOMMU driver type", { nosupport: "doesn't support" }),
    ],
  },
  // ---- Kata and other runtimes relaying a VMM error ----
  {
    id: 'runtime.vfio-hotplug-failed',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/runtime/virtcontainers (sandbox.go / clh.go / qemu.go hotplugVFIODevice: "failed to hotplug VFIO device")',
    format: 'failed to hotplug VFIO device',
    versions:
      'the VMM\'s own error follows in error="…" (Cloud Hypervisor: "reason: Error from device manager: …"; QEMU: "QMP command failed: …")',
    patterns: [/failed to hotplug VFIO device(?<rest>[^\n]{0,40})/],
    severity: 'error',
    title: 'The container runtime could not hot-plug the VFIO device into the VM',
    cause:
      'Kata asked the VMM (QEMU or Cloud Hypervisor) to add the device to the running sandbox VM and the VMM refused; the real reason is the VMM error quoted after it (a DMA map errno, a group not viable, a device already in use)',
    fix: 'read the VMM error in the same line (error="…"): vfiokit explains it too; common fixes are binding the whole group to vfio-pci, a memlock limit above guest RAM, and cold-plugging GPUs (cold_plug_vfio) instead of hot-plugging',
    render: render('level=error msg="'),
    examples: [
      ex(
        'time="2024-11-25T17:02:15.605Z" level=error msg="failed to hotplug VFIO device" error="Failed to hotplug device"',
      ),
    ],
  },
  // ---- DPDK EAL: DMA maps beyond set-up, hugepages (lib/eal/linux/eal_vfio.c, eal_hugepage_info.c) ----
  {
    id: 'dpdk.dma-unmap-size-mismatch',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_type1_dma_mem_map()',
    format: 'Unexpected size %lu of DMA remapping cleared instead of %lu\n',
    patterns: [/Unexpected size (?<got>\d{1,20}) of DMA remapping cleared instead of (?<want>\d{1,20})/],
    severity: 'warning',
    title: 'DPDK unmapped less than it expected (nothing was mapped there)',
    cause:
      'DPDK asked VFIO_IOMMU_UNMAP_DMA to remove a mapping (usually a hugepage when memory is freed) and the kernel removed a different size; size 0 means no mapping existed at that address: it was never mapped (the map had failed, or the device was attached later to a container without it) or was already removed. Harmless by itself, it points at an earlier DMA map failure or a memory event racing a device hot-plug',
    fix: 'look for an earlier "DMA remapping failed"/"Couldn\'t map new region for DMA" line; if none, it is a DPDK bookkeeping mismatch (update DPDK/SPDK)',
    refine: (f) =>
      f.got === '0'
        ? {
            cause:
              'DPDK asked VFIO_IOMMU_UNMAP_DMA to remove a mapping and the kernel unmapped 0 bytes: there was no mapping at that address — it was never mapped (an earlier map failed or was skipped) or was already unmapped. Harmless by itself; it points at an earlier DMA map failure or a device attached after the memory was registered',
          }
        : undefined,
    render: render('EAL: ', 0, 2097152),
    examples: [
      ex('EAL: Unexpected size 0 of DMA remapping cleared instead of 1073741824', {
        got: '0',
        want: '1073741824',
      }),
    ],
  },
  {
    id: 'dpdk.dma-region-map-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c vfio_mem_event_callback() / rte_vfio_container_dma_map()',
    format: "Couldn't map new region for DMA\n",
    versions:
      'also "Couldn\'t unmap region for DMA" and "cannot clear DMA remapping, error %i (%s)" (vfio_type1_dma_mem_map())',
    patterns: [
      /Couldn't (?<op>map new|unmap) region for DMA/,
      /[Cc]annot clear DMA remapping, error (?<errno>\d{1,4})(?: \((?<err>[^)\n]{1,60})\))?/,
    ],
    severity: 'error',
    title: 'DPDK could not map (or unmap) new memory for device DMA',
    cause:
      'memory that DPDK added at run time (a new hugepage segment, or external memory such as vhost-user guest memory registered with rte_extmem/rte_vfio_container_dma_map) could not be entered into the VFIO container: the container has no IOMMU type yet (no VFIO device was probed: "VFIO support not initialized"), or VFIO_IOMMU_MAP_DMA refused it (memlock limit, an address outside the IOMMU)',
    fix: 'check that a device is bound to vfio-pci and probed before memory is registered; read the errno of the nearby "DMA remapping" line (12: memlock limit, 22: IOVA outside the IOMMU)',
    render: render('EAL: '),
    examples: [ex("EAL: Couldn't map new region for DMA", { op: 'map new' })],
  },
  {
    id: 'dpdk.hugetlbfs-not-mounted',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_hugepage_info.c hugepage_info_init()',
    format: '%u hugepages of size %lu reserved, but no mounted hugetlbfs found for that size\n',
    patterns: [
      /(?<count>\d{1,10}) hugepages of size (?<size>\d{1,15}) reserved, but no mounted hugetlbfs found for that size/,
    ],
    severity: 'error',
    title: 'Hugepages are reserved but no hugetlbfs of that size is mounted',
    cause:
      'the kernel has hugepages of this size reserved, but DPDK finds no hugetlbfs mount with that page size in /proc/mounts — in a container the host mount (/dev/hugepages) is not passed in, or the mount has another pagesize= — so it cannot map hugepage memory; if no other size works EAL stops with "Cannot get hugepage information"',
    fix: 'mount hugetlbfs for that size (mount -t hugetlbfs -o pagesize=2M none /dev/hugepages) and, in a container, pass the mount in (-v /dev/hugepages:/dev/hugepages, or a hugepages volume in Kubernetes)',
    render: render('EAL: ', 1024, 2097152),
    examples: [
      ex('EAL: 512 hugepages of size 2097152 reserved, but no mounted hugetlbfs found for that size', {
        count: '512',
        size: '2097152',
      }),
    ],
  },
  {
    id: 'dpdk.no-hugepages-of-size',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_hugepage_info.c hugepage_info_init()',
    format: 'No available %zu kB hugepages reported\n',
    versions:
      'DPDK 20.11+: "No available %zu kB hugepages reported" / "No free %zu kB hugepages reported on node %u"; before: "No available hugepages reported in hugepages-%s" / "No free hugepages reported in hugepages-%s"',
    patterns: [
      /No (?<which>available|free) (?<size>\d{1,8}) kB hugepages reported(?: on node (?<node>\d{1,3}))?/,
      /No (?<which>available|free) hugepages reported in hugepages-(?<size>\d{1,8})kB/,
    ],
    severity: 'info',
    title: 'No hugepages of one size (informational)',
    cause:
      'DPDK lists every hugepage size the kernel offers and notes a pool with none reserved or free; this is normal when only another size is used (typically the 1 GiB pool, hugepages-1048576kB, is empty and the 2 MiB pages are used). It only matters if no size has pages: then "Cannot get hugepage information" follows',
    fix: 'nothing to do if another page size has pages reserved; otherwise reserve hugepages (echo N > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages, or hugepages=N on the kernel command line)',
    refine: (f) =>
      f.size === '1048576'
        ? {
            cause:
              'DPDK notes that the 1 GiB hugepage pool (1048576 kB) has no pages reserved or free; normal and harmless when 2 MiB hugepages are used — only matters if no page size has pages (then "Cannot get hugepage information" follows)',
          }
        : undefined,
    render: render('EAL: ', 1048576),
    examples: [
      ex('EAL: No available 1048576 kB hugepages reported', { size: '1048576' }),
      ex('EAL: No free 2048 kB hugepages reported on node 0', { size: '2048', node: '0' }),
      ex('EAL: No free hugepages reported in hugepages-2048kB', { size: '2048' }),
    ],
  },
  {
    id: 'dpdk.hugepage-info-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal.c rte_eal_init() (eal_hugepage_info_init() failed)',
    format: 'Cannot get hugepage information.\n',
    versions:
      'printed through rte_eal_init_alert(): "EAL: FATAL: Cannot get hugepage information." then "EAL: Cannot get hugepage information."',
    patterns: [/Cannot get hugepage information/],
    severity: 'error',
    title: 'DPDK found no usable hugepages',
    cause:
      'no hugepage size has both pages reserved and a hugetlbfs mount DPDK can use (or the process lacks permission to the mount): without hugepage memory EAL cannot start',
    fix: 'reserve hugepages (nr_hugepages, or hugepages=N on the kernel command line), mount hugetlbfs (/dev/hugepages), pass both into the container, and run with access to the mount; --no-huge runs without them for tests',
    render: render('EAL: FATAL: '),
    examples: [ex('EAL: Cannot get hugepage information.')],
  },
  {
    id: 'dpdk.memory-init-failed',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal.c rte_eal_init() (rte_eal_memory_init() failed)',
    format: 'Cannot init memory\n',
    versions:
      'printed through rte_eal_init_alert(): "EAL: FATAL: Cannot init memory" then "EAL: Cannot init memory"',
    patterns: [/EAL: (?:FATAL: )?Cannot init memory/],
    severity: 'error',
    title: 'DPDK could not set up its (hugepage) memory',
    cause:
      'EAL could not map the memory it needs: not enough free hugepages (on the NUMA nodes asked for), no permission to the hugetlbfs mount or /proc/self/pagemap (IOVA as PA needs root or CAP_SYS_ADMIN), or the virtual area at the base address is taken; the lines just before name which',
    fix: 'reserve enough hugepages (per node), run with access to hugetlbfs, try --iova-mode=va with vfio-pci, and read the preceding EAL lines',
    render: render('EAL: '),
    examples: [ex('EAL: FATAL: Cannot init memory')],
  },
  {
    id: 'dpdk.not-enough-memory',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/common/eal_common_dynmem.c eal_dynmem_calc_num_pages_per_socket() (older: lib/librte_eal/linuxapp/eal/eal_memory.c calc_num_pages_per_socket())',
    format: 'Not enough memory available on socket %u! Requested: %uMB, available: %uMB\n',
    patterns: [
      /Not enough memory available on socket (?<socket>\d{1,3})! Requested: (?<want>\d{1,10})MB, available: (?<have>\d{1,10})MB/,
    ],
    severity: 'error',
    title: 'Not enough hugepage memory on a NUMA node',
    cause:
      '--socket-mem (or the default) asks for more hugepage memory on this NUMA node than is reserved and free there; hugepages are per node, so free pages on another node do not help',
    fix: 'reserve more hugepages on that node (/sys/devices/system/node/nodeN/hugepages/hugepages-2048kB/nr_hugepages) or request less with --socket-mem',
    render: render('EAL: ', 0, 2048, 1024),
    examples: [
      ex('EAL: Not enough memory available on socket 0! Requested: 2048MB, available: 1024MB', {
        socket: '0',
        want: '2048',
      }),
    ],
  },
  // ---- libvirt ----
  {
    id: 'libvirt.hugepages-node-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_validate.c virDomainDefMemtuneValidate() (older: src/conf/domain_conf.c)',
    format: 'hugepages: node %1$zd not found',
    versions: 'libvirt < 9.x: "hugepages: node %zd not found"',
    patterns: [/hugepages: node (?<node>\d{1,4}) not found/],
    severity: 'error',
    title: 'The hugepage setting names a guest NUMA node the domain does not have',
    cause:
      '<memoryBacking><hugepages><page nodeset="N"/> names guest NUMA node N, but the domain\'s <cpu><numa> has no cell with that id (nodeset counts guest cells, not host nodes)',
    fix: 'make nodeset name guest NUMA cells defined in <cpu><numa>, or drop nodeset so the page size applies to all guest memory; host nodes are chosen with <numatune>',
    render: render('error: XML error: ', 1),
    examples: [ex('error: XML error: hugepages: node 1 not found', { node: '1' })],
  },
  // ---- the kernel's memory side ----
  {
    id: 'kernel.oom-killed',
    source: 'kernel',
    cite: 'torvalds/linux mm/oom_kill.c __oom_kill_process()',
    format:
      '%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n',
    versions:
      'Linux 5.x+: "Out of memory: Killed process N (comm) total-vm:…" or "Memory cgroup out of memory: Killed process …"; 4.x: "Out of memory: Kill process N (comm) score S or sacrifice child" then "Killed process N (comm) total-vm:…"',
    patterns: [
      /(?<scope>Memory cgroup out of memory|Out of memory(?: \([^)\n]{1,40}\))?): Kill(?:ed)? process (?<pid>\d{1,10}) \((?<task>[^)\n]{1,32})\)/,
      /Killed process (?<pid>\d{1,10}) \((?<task>[^)\n]{1,32})\) total-vm:(?<vm>\d{1,15})kB/,
    ],
    severity: 'error',
    title: 'The kernel OOM killer killed a process',
    cause:
      'the host (or the memory cgroup of a VM or container) ran out of memory and the kernel killed the process with the highest score; a VM with an assigned device pins all its RAM, so that memory can never be swapped or reclaimed, and hugepages reserved for guests are also unavailable to everything else',
    fix: "give the host headroom: guest RAM plus the VMM overhead must fit beside the host; do not over-commit VMs with assigned devices; check reserved hugepages (HugePages_Total in /proc/meminfo) are not eating the memory the host needs; raise the memory limit of the VM's cgroup (libvirt <memtune>, the pod limit) above guest RAM",
    refine: (f) =>
      /qemu|kvm|cloud-hyperviso|crosvm|firecracker/i.test(f.task ?? '')
        ? {
            title: 'The kernel OOM killer killed the VM',
            cause: `the VM process (${f.task}) was killed because the host${
              f.scope?.startsWith('Memory cgroup')
                ? "'s memory cgroup of the VM (libvirt, systemd slice or pod limit)"
                : ''
            } ran out of memory: its RAM is pinned for the assigned device (it cannot be swapped), so guest RAM plus QEMU's own overhead must fit in the limit with headroom`,
            fix: "leave the host enough memory beside guest RAM (and the reserved hugepages); for a cgroup limit, raise it above guest RAM plus the VMM's overhead (libvirt <memtune><hard_limit>, the pod's memory limit)",
          }
        : undefined,
    render: render('', 'Out of memory', 4242, 'qemu-system-x86', 17825792, 16777216, 2048, 0, 0, 34816, 0),
    examples: [
      ex(
        '[12345.678901] Out of memory: Killed process 4242 (qemu-system-x86) total-vm:17825792kB, anon-rss:16777216kB, file-rss:2048kB, shmem-rss:0kB, UID:0 pgtables:34816kB oom_score_adj:0',
        { task: 'qemu-system-x86', pid: '4242' },
      ),
      ex(
        'Memory cgroup out of memory: Killed process 812 (qemu-kvm) total-vm:8812345kB, anon-rss:8388608kB',
        {
          scope: 'Memory cgroup out of memory',
        },
      ),
      ex('Out of memory: Kill process 2231 (qemu-system-x86) score 901 or sacrifice child', {
        task: 'qemu-system-x86',
      }),
    ],
  },
  {
    id: 'kernel.oom-invoked',
    source: 'kernel',
    cite: 'torvalds/linux mm/oom_kill.c dump_header() (and mm/memcontrol.c mem_cgroup_print_oom_meminfo() for a cgroup)',
    format: '%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%hd\n',
    patterns: [
      // A QEMU vCPU thread is named "CPU N/KVM" (accel/kvm/kvm-accel-ops.c), with a space in it.
      /(?<task>CPU \d{1,4}\/KVM|[^\s:]{1,32}) invoked oom-killer: gfp_mask=(?<gfp>0x[0-9a-f]{1,8})(?:\([^)\n]{0,200}\))?(?:, order=\d{1,2}, oom_score_adj=(?<adj>-?\d{1,4}))?/,
      // mm/memcontrol.c mem_cgroup_print_oom_meminfo(): the cgroup's usage at its limit
      /memory: usage (?<usage>\d{1,15})kB, limit (?<limit>\d{1,15})kB, failcnt (?<failcnt>\d{1,15})/,
    ],
    severity: 'error',
    title: 'The host ran out of memory (OOM killer started)',
    cause:
      'an allocation (by the named task) found no free memory, so the kernel will kill a process; a VM with an assigned device pins all its RAM and reserved hugepages are not usable by the host, so the host runs short sooner than the numbers suggest. The "Killed process" line that follows says which process died',
    fix: 'read the "Killed process" line; leave headroom beside guest RAM and reserved hugepages, and do not over-commit VMs with assigned devices',
    refine: (f) => {
      const vcpu = /^CPU \d+\/KVM$/.test(f.task ?? '');
      const adj = Number(f.adj ?? '0');
      // Kubernetes gives burstable pods an oom_score_adj between 2 and 999 (pkg/kubelet/qos), and
      // systemd/libvirt leave QEMU at 0: a high value means the VM runs in a pod.
      const pod = adj >= 2 && adj <= 999;
      if (!vcpu && !pod) return undefined;
      return {
        title: pod
          ? "A VM's QEMU hit its pod's memory limit (OOM killer started)"
          : "A VM's QEMU ran out of memory (OOM killer started)",
        cause: `${vcpu ? `a vCPU thread of QEMU (${f.task}: the guest touching its memory)` : `the task ${f.task}`} needed a page and none was left${pod ? `; its oom_score_adj (${adj}) is what Kubernetes gives a burstable pod, so this is the memory cgroup of the VM's pod (KubeVirt/Harvester virt-launcher) at its limit` : ', usually within a memory cgroup limit when the VM runs in a container, a pod or a slice with a limit'}. Such a limit is the guest RAM plus a fixed overhead, and a VM with assigned devices charges more than plain RAM to it: the IOMMU page tables for all pinned guest memory, the devices' mapped MMIO and VFIO's bookkeeping grow with each device (several large GPUs add up), so the overhead no longer covers it and the cgroup's OOM killer ends the VM`,
        fix: pod
          ? "give the pod more memory than the guest RAM: raise the VM's memory overhead (Harvester: the VM's reserved memory; KubeVirt: resources.requests/limits.memory above spec.domain.memory.guest) and retry; `kubectl describe pod` shows the OOMKilled container"
          : 'raise or remove the memory limit of the VM\'s cgroup (libvirt <memtune><hard_limit>, a systemd slice\'s MemoryMax) or leave host headroom; the "Killed process" line says which process died',
      };
    },
    render: render('', 'qemu-system-x86', 0x140cca, 'GFP_HIGHUSER_MOVABLE|__GFP_COMP', 0, 0),
    examples: [
      ex(
        '[ 9876.543210] qemu-system-x86 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
        { task: 'qemu-system-x86' },
      ),
      ex('memory: usage 8388608kB, limit 8388608kB, failcnt 412', { limit: '8388608' }),
      ex(
        '[1203344.101010] CPU 3/KVM invoked oom-killer: gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), order=0, oom_score_adj=980',
        { task: 'CPU 3/KVM', adj: '980' },
      ),
    ],
  },
  {
    id: 'kernel.hugetlb-alloc-short',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c hugetlb_hstate_alloc_pages_report() (older: hugetlb_hstate_alloc_pages())',
    format: 'HugeTLB: allocating %lu of page size %s failed.  Only allocated %lu hugepages.\n',
    versions:
      'Linux 5.10+: page size printed as "2.00 MiB"/"1.00 GiB", 6.x per node: "HugeTLB: allocating %u of page size %s failed node%d.  Only allocated %lu hugepages."; older: "HugeTLB: allocating %lu of page size %lu MB failed.  Only allocated %lu hugepages."',
    patterns: [
      /HugeTLB: allocating (?<want>\d{1,10}) of page size (?<size>[\d.]{1,8} ?[KMG]i?B) failed(?: node(?<node>\d{1,3}))?\.\s{1,3}Only allocated (?<got>\d{1,10}) hugepages/,
    ],
    severity: 'error',
    title: 'Fewer hugepages were reserved at boot than asked',
    cause:
      'the kernel command line asks for more hugepages (hugepages=N) than it could find contiguous free memory for: physical memory is too small or too fragmented (for 1 GiB pages even at boot), or split over NUMA nodes; guests backed by hugepages then fail to start ("unable to map backing store for guest RAM")',
    fix: 'ask for fewer pages, reserve 1 GiB pages on the command line (hugepagesz=1G hugepages=N) rather than at run time, or per node (hugepages=0:N,1:M); check HugePages_Total in /proc/meminfo',
    render: render('', 16, '1.00 GiB', 9),
    examples: [
      ex('[    0.000000] HugeTLB: allocating 16 of page size 1.00 GiB failed.  Only allocated 9 hugepages.', {
        want: '16',
        got: '9',
        size: '1.00 GiB',
      }),
      ex('HugeTLB: allocating 8192 of page size 2.00 MiB failed node1.  Only allocated 6481 hugepages.', {
        node: '1',
      }),
      ex('HugeTLB: allocating 4096 of page size 2 MB failed.  Only allocated 3012 hugepages.'),
    ],
  },
  {
    id: 'kernel.hugepagesz-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c hugepagesz_setup() / default_hugepagesz_setup() (older: arch/x86/mm/hugetlbpage.c setup_hugepagesz())',
    format: 'HugeTLB: unsupported hugepagesz=%s\n',
    versions:
      'Linux 5.8+: "HugeTLB: unsupported hugepagesz=%s" / "HugeTLB: unsupported default_hugepagesz=%s"; older x86: "hugepagesz: Unsupported page size %lu M"',
    patterns: [
      /HugeTLB: unsupported (?:default_)?hugepagesz=(?<size>[\w.]{1,12})/,
      /hugepagesz: Unsupported page size (?<size>\d{1,8}) M/,
    ],
    severity: 'error',
    title: 'The CPU does not support the hugepage size asked for',
    cause:
      'the kernel command line names a hugepage size the CPU or architecture lacks (1 GiB pages need the pdpe1gb CPU flag; inside a VM the virtual CPU must expose it), so no pages of that size are reserved and guests backed by them cannot start',
    fix: 'use a supported size (2M everywhere on x86; 1G only with pdpe1gb in /proc/cpuinfo), or expose pdpe1gb to the VM that needs it',
    render: render('', '1G'),
    examples: [ex('HugeTLB: unsupported hugepagesz=1G', { size: '1G' })],
  },
];
