/**
 * The fifth harvest, part b: the kernel side as it shows up in patch threads, syzbot reports and
 * stable reviews on the kernel's mailing lists — WARN/BUG splats whose first line names vfio
 * (vfio_iommu_type1, vfio_pci_config, vfio_main), iommufd, the Intel IOMMU driver or the PCI core.
 * A splat's stable part is "WARNING: CPU: N PID: N at FILE:LINE FUNCTION+0xOFF/0xSIZE" (kernel/panic.c
 * __warn()) or "kernel BUG at FILE:LINE!" (lib/bug.c report_bug()); these entries match the file and
 * the function, read the rest as facts, and say what the check that fired means and which kernel
 * releases carried the known bug behind it, with the commit that fixed it, as the thread shows.
 * Line numbers change with every release, so nothing branches on them. Each example is the line as
 * posted, with the thread it came from.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render, warnAt } from './build.js';

/** __warn()'s two forms, for the versions field. */
const WARN_FORMS =
  'the splat line is "WARNING: CPU: N PID: N at FILE:LINE FUNCTION+0xOFF/0xSIZE [module]" up to Linux 6.18 and "WARNING: FILE:LINE at FUNCTION+0xOFF/0xSIZE, CPU#N: COMM/PID" since 6.19; the line number moves with every release';

/** What a WARN in vfio_iommu_type1.c means, by the function it fired in. */
function refineType1Warn(f: Readonly<Record<string, string>>): Refinement | undefined {
  if (f.func === 'vfio_unmap_unpin')
    return {
      title: 'vfio_iommu_type1 found a DMA mapping with no IOMMU translation while removing it (kernel WARN)',
      cause:
        'not a pinning leak: the WARN_ON(!phys) in vfio_unmap_unpin() fired because, while removing a DMA mapping, vfio_iommu_type1 asked the IOMMU for the physical address behind an IOVA it had recorded as mapped and got none — its record of what is mapped and the IOMMU page table disagree. The known cause is a VFIO_IOMMU_MAP_DMA of a PFNMAP region (device MMIO or other memory mapped with remap_pfn_range()) translated wrongly in vaddr_get_pfn(), fixed by 5cbf3264bc71 ("vfio/type1: Fix VA->PA translation for PFNMAP VMAs in vaddr_get_pfn()", 2020, taken into the stable series)',
      fix: 'update to a kernel with that fix; if a current kernel still warns here, report the whole splat to kvm@vger.kernel.org with the VMM and what it mapped',
    };
  if (f.func === 'vfio_iommu_type1_unpin_pages')
    return {
      cause:
        'a driver that pins guest pages through VFIO (an mdev vendor driver: GVT-g/kvmgt, vfio-ccw, vfio-ap, a vGPU driver) asked vfio_iommu_type1 to unpin pages at an IOVA that no DMA mapping covers (WARN_ON(i != npage) in vfio_iommu_type1_unpin_pages()): the driver and the type1 backend disagree about what is pinned — a bug in that driver or in the pin/unpin API between them. In the thread it was a development series for 5.20 (Linux 6.0) that shifted an IOVA twice ("vfio: Pass in starting IOVA to vfio_pin/unpin_pages API"); it was fixed before the series was merged, so no release carried it',
      fix: 'note which mdev driver is in the call trace (kvmgt, vfio_ccw, vfio_ap, nvidia_vgpu_vfio) and update the kernel (or the vendor vGPU driver) to a release where its pin/unpin calls match; report it with the trace to kvm@vger.kernel.org if it is current',
    };
  return undefined;
}

export const HARVEST5B_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- drivers/vfio/vfio_iommu_type1.c ----
  {
    id: 'kernel.warn-vfio-type1-pinned',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() (the splat line) for the WARN_ON()s in drivers/vfio/vfio_iommu_type1.c vfio_remove_dma() (WARN_ON(!RB_EMPTY_ROOT(&dma->pfn_list))) and vfio_iommu_type1_unpin_pages() (WARN_ON(i != npage))',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}; some mail clients wrap the function onto the next line. A "kernel BUG at drivers/vfio/vfio_iommu_type1.c:LINE!" from vfio_dma_do_unmap() often follows when the pins are never dropped`,
    patterns: warnAt('drivers/vfio/vfio_iommu_type1\\.c'),
    severity: 'error',
    title: 'vfio_iommu_type1 found guest pages still pinned by a driver (kernel WARN)',
    cause:
      'vfio_iommu_type1 removed a DMA mapping while pages in it were still pinned through vfio_pin_pages() by an mdev/vendor driver (WARN_ON(!RB_EMPTY_ROOT(&dma->pfn_list)) in vfio_remove_dma()): the driver\'s bookkeeping and type1\'s disagree, so pinned pages leak, and an unmap of the same range can then crash in vfio_dma_do_unmap(). A kernel bug, not a configuration problem. A known case: commit 492d1e9f0df7 ("vfio/type1: optimize vfio_pin_pages_remote()", queued for Linux 6.17) made vfio_find_vpfn() match a whole page range instead of the exact IOVA, which hit this on s390 with vfio-ccw (6.16-rc7 + vfio-next); "vfio/type1: correct logic of vfio_find_vpfn()" restored exact matching before the series reached a release',
    fix: 'read the call trace for the mdev driver involved (vfio_ccw, vfio_ap, kvmgt, a vGPU driver) and move to a kernel with the fix for it (the 6.17-cycle regression was fixed before release); if it is a current kernel, report the splat to kvm@vger.kernel.org. Stop the guests using that mdev before the unmap turns into a BUG',
    refine: refineType1Warn,
    render: render(
      '',
      3,
      501,
      'drivers/vfio/vfio_iommu_type1.c',
      1204,
      'vfio_remove_dma+0xda/0xf0 [vfio_iommu_type1]',
    ),
    examples: [
      ex(
        '[  215.671893] WARNING: CPU: 10 PID: 6210 at drivers/vfio/vfio_iommu_type1.c:1204',
        { line: '1204' },
        'https://lore.kernel.org/all/20250725070054.66497-1-lizhe.67@bytedance.com/',
      ),
      ex(
        '[   47.348778] WARNING: CPU: 3 PID: 501 at drivers/vfio/vfio_iommu_type1.c:978 vfio_iommu_type1_unpin_pages+0x7b/0x100 [vfio_iommu_type1]',
        { func: 'vfio_iommu_type1_unpin_pages' },
        'https://lore.kernel.org/all/20220722161129.21059262.alex.williamson@redhat.com/',
      ),
    ],
  },
  {
    id: 'kernel.bug-vfio-type1-unmap',
    source: 'kernel',
    cite: 'torvalds/linux lib/bug.c report_bug() (the "kernel BUG at %s:%u!" line) for BUG_ON(++retries > 10) in drivers/vfio/vfio_iommu_type1.c vfio_dma_do_unmap()',
    format: 'kernel BUG at %s:%u!\n',
    versions:
      'the BUG_ON has been in vfio_dma_do_unmap() since Linux 4.10 (mdev support); the RIP line names vfio_dma_do_unmap, or vfio_iommu_type1_ioctl when it is inlined (5.4). Before 5.19 the vendor drivers were asked through the VFIO_IOMMU_NOTIFY_DMA_UNMAP notifier, since then through their vfio_device_ops dma_unmap callback',
    patterns: [/kernel BUG at drivers\/vfio\/vfio_iommu_type1\.c:(?<line>\d{1,6})!/],
    severity: 'error',
    title: 'vfio_iommu_type1 crashed unmapping guest memory a driver kept pinned',
    cause:
      "a DMA unmap (QEMU removing guest memory, or the VM shutting down) covered pages that an mdev/vendor driver had pinned through vfio_pin_pages(); type1 asks the driver to unpin them and retries, and after 10 rounds with the pins still there it stops the kernel (BUG_ON in vfio_dma_do_unmap()). The driver did not honour the unmap: a vendor-driver bug (the thread: libvfio-user's out-of-tree muser module on 5.4; upstream, the 6.17-cycle vfio_find_vpfn() regression, fixed before release, reached it after vfio_remove_dma() warnings)",
    fix: 'find the mdev driver (the modules list and the warnings before it) and update or remove it; for the muser kernel module, libvfio-user dropped it for the socket-based vfio-user protocol. A kernel with this BUG is left unstable: reboot the host',
    render: render('', 'drivers/vfio/vfio_iommu_type1.c', 1480),
    examples: [
      ex(
        '[  241.164340] kernel BUG at drivers/vfio/vfio_iommu_type1.c:1480!',
        { line: '1480' },
        'https://lore.kernel.org/all/20250725070054.66497-1-lizhe.67@bytedance.com/',
      ),
      ex(
        '[  207.412488] kernel BUG at drivers/vfio/vfio_iommu_type1.c:953!',
        { line: '953' },
        'https://github.com/nutanix/libvfio-user/issues/23',
      ),
    ],
  },
  // ---- drivers/vfio/pci/vfio_pci_config.c ----
  {
    id: 'kernel.warn-vfio-pci-config-ecap',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for WARN_ON(cap_id > PCI_EXT_CAP_ID_MAX) in drivers/vfio/pci/vfio_pci_config.c vfio_config_do_rw() (inlined into vfio_pci_config_rw())',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions:
      'the function shown is vfio_pci_config_rw [vfio_pci_core] (vfio_config_do_rw() is inlined); before 5.15 the module is [vfio_pci]. Fixed by commit fe4bf8d0b671 ("vfio/pci: Properly hide first-in-list PCIe extended capability", Linux 6.13, backported to 6.12.y and older stable series)',
    patterns: warnAt('drivers/vfio/pci/vfio_pci_config\\.c'),
    severity: 'warning',
    title: 'vfio-pci read a hidden first extended capability out of bounds (kernel WARN)',
    cause:
      "the device's first PCIe extended capability (at 0x100) is one vfio-pci hides from the user — an ID it does not know (above PCI_EXT_CAP_ID_MAX) or one it hides on purpose. Hiding the first capability leaves its ID in vfio-pci's config map, and when the VMM (QEMU) read that part of config space the ID was used to index the permission table past its end (WARN_ON(cap_id > PCI_EXT_CAP_ID_MAX), then an out-of-bounds read). A vfio-pci bug present since the driver was written; fixed in Linux 6.13 by fe4bf8d0b671 and in the stable kernels that took it (6.12.2, and the other maintained series)",
    fix: 'update the host kernel to one with fe4bf8d0b671 (6.13+, or a stable release after December 2024); until then the warning repeats on each read of that capability and is not caused by the guest. `lspci -vvv -s <address>` shows which capability sits first at 0x100',
    render: render(
      '',
      118,
      5329,
      'drivers/vfio/pci/vfio_pci_config.c',
      1900,
      'vfio_pci_config_rw+0x395/0x430 [vfio_pci_core]',
    ),
    examples: [
      ex(
        'WARNING: CPU: 118 PID: 5329 at drivers/vfio/pci/vfio_pci_config.c:1900 vfio_pci_config_rw+0x395/0x430 [vfio_pci_core]',
        { func: 'vfio_pci_config_rw' },
        'https://lore.kernel.org/all/20241203144804.973110704@linuxfoundation.org/',
      ),
    ],
  },
  // ---- drivers/vfio/vfio_main.c ----
  {
    id: 'kernel.warn-vfio-main',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON()s in drivers/vfio/vfio_main.c: __vfio_register_dev() (a driver with iommufd bind but not all of attach_ioas/detach_ioas) and vfio_df_close() via vfio_assert_device_open()',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions:
      'vfio_main.c exists since Linux 6.1 (before that drivers/vfio/vfio.c); vfio_df_close() since 6.6 (the cdev/iommufd work). The line number differs between releases',
    patterns: warnAt('drivers/vfio/vfio_main\\.c'),
    severity: 'error',
    title: 'The VFIO core caught a driver or a close path out of step (kernel WARN)',
    cause:
      'a consistency check in the VFIO core fired: a kernel bug in VFIO or in the vfio variant driver named in the trace, not a configuration problem. The function after the line number says which check',
    fix: 'note the function and the driver in the call trace and update the kernel to a release with the fix (see the refined cause); report it to kvm@vger.kernel.org if the kernel is current',
    refine: (f) => {
      if (f.func === '__vfio_register_dev')
        return {
          cause:
            'a vfio PCI variant driver registered a device with vfio_device_ops that supply iommufd binding but not both attach_ioas and detach_ioas, so __vfio_register_dev() refused it (WARN_ON, -EINVAL) and the driver\'s probe failed ("probe with driver … failed with error -22"). Seen with pds_vfio_pci (AMD/Pensando) on kernels built with CONFIG_IOMMUFD since the driver appeared (6.6): its ops lacked detach_ioas. Fixed by fe24d5bc635e ("vfio/pds: Fix missing detach_ioas op", Linux 6.16, backported to 6.6.y and 6.12.y in August 2025)',
          fix: "update to a kernel with the fix for that driver (6.16+, or a 6.6/6.12 stable release from August 2025 on); until then bind the VF to plain vfio-pci if you do not need the variant driver's live migration",
        };
      if (f.func === 'vfio_df_close' || f.func === 'vfio_assert_device_open')
        return {
          cause:
            'a device opened in VFIO no-IOMMU mode through the legacy group interface was closed while its open count was 0 (vfio_assert_device_open() in vfio_df_close()): with iommufd providing the VFIO container (CONFIG_VFIO_CONTAINER=n, IOMMUFD_VFIO_CONTAINER) the group open path skips vfio_df_open() for no-IOMMU devices but the close path still called vfio_df_close(). Introduced by 6086efe73498 ("vfio-iommufd: Move noiommu compat validation out of vfio_iommufd_bind()"); a fix ("vfio: Fix unbalanced vfio_df_close call in no-iommu mode") was posted in June 2025',
          fix: 'harmless for the close itself; to avoid it build with CONFIG_VFIO_CONTAINER=y (the legacy container) or move to a kernel with the no-IOMMU close fix. No-IOMMU mode gives the device unrestricted DMA: use it only where there is no IOMMU at all',
        };
      return undefined;
    },
    render: render('', 0, 5040, 'drivers/vfio/vfio_main.c', 317, '__vfio_register_dev+0x130/0x140 [vfio]'),
    examples: [
      ex(
        'WARNING: CPU: 0 PID: 5040 at drivers/vfio/vfio_main.c:317 __vfio_register_dev+0x130/0x140 [vfio]',
        { func: '__vfio_register_dev' },
        'https://lore.kernel.org/all/20250812173000.915315034@linuxfoundation.org/',
      ),
      ex(
        '[   29.096616] WARNING: CPU: 1 PID: 164 at drivers/vfio/vfio_main.c:487 vfio_df_close+0xac/0xb4',
        { func: 'vfio_df_close' },
        'https://lore.kernel.org/all/20250602234319.4404-1-jacob.pan@linux.microsoft.com/',
      ),
    ],
  },
  // ---- drivers/iommu/iommufd ----
  {
    id: 'kernel.warn-iommufd',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON()s in drivers/iommu/iommufd/ (io_pagetable.c iopt_destroy_table()/iopt_alloc_area_pages()/iopt_remove_access(), pages.c __iopt_area_unfill_domain(), device.c iommufd_access_destroy()/iommufd_device_unbind(), iommufd_private.h iommufd_object_destroy_user())',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions:
      'iommufd is in Linux 6.2+. syzbot reports add the source location after the function ("iopt_map_pages+0xce7/0xda0 drivers/iommu/iommufd/io_pagetable.c:367") and repeat the line for each inlined function; a stable patch may quote the line without the function',
    patterns: warnAt('drivers/iommu/iommufd/(?<file>[\\w.-]{1,40}\\.[ch])'),
    severity: 'error',
    title: 'iommufd caught its own bookkeeping out of step (kernel WARN)',
    cause:
      "one of iommufd's internal consistency checks fired — pinned-page accounting, the IOVA area tree or an object's reference count did not match what the code expected: a kernel bug, not a configuration problem. Most were found by syzkaller (many through the iommufd selftest interface, CONFIG_IOMMUFD_TEST) and fixed in stable releases; a VMM using iommufd (QEMU's iommufd backend, cloud-hypervisor) can hit the ones in the map/unmap and access paths",
    fix: 'update to the newest stable release of your kernel series; if it still fires, report the full splat to iommu@lists.linux.dev with the kernel version',
    refine: (f) => {
      const fn = f.func ?? '';
      if (fn === 'iopt_destroy_table')
        return {
          cause:
            'the IOAS was destroyed with pages still accounted to it (iopt_destroy_table() found areas or reserved ranges left): "a generic splat that says accounting has gone wrong" (Jason Gunthorpe). The report came from the IOMMUFD series before it was merged (with IOMMUFD_VFIO_CONTAINER); the syzkaller-found accounting bugs behind it were fixed before Linux 6.2 shipped iommufd',
          fix: 'on a released kernel, update to the newest stable release of your series and report the splat to iommu@lists.linux.dev if it still fires',
        };
      if (fn === '__iopt_area_unfill_domain')
        return {
          cause:
            'unmapping an area ran past the pages it had mapped and corrupted pages that were never mapped, which trips the pinned-page count check (batch_last_index computed from the wrong start when an access was present). Found by syzkaller on 6.3-rc2; fixed by 727c28c1cef2 and backported to the 6.2 stable series',
          fix: 'update to Linux 6.3 or a 6.2.y stable release with 727c28c1cef2',
        };
      if (fn === 'iommufd_access_destroy')
        return {
          cause:
            'IOMMUFD_DESTROY raced with a driver destroying the same access object: the destroy ioctl raised the object\'s reference count without holding destroy_rwsem, so the other side saw a spurious extra user (CVE-2023-53795, "iommufd: IOMMUFD_DESTROY should not increase the refcount"). Affected Linux 6.2 to 6.4.7; fixed in 6.4.8 and 6.5',
          fix: 'update to Linux 6.4.8+ (or 6.5+)',
        };
      if (fn === 'iommufd_access_change_ioas' || (f.file === 'io_pagetable.c' && !fn))
        return {
          cause:
            'an access (an emulated or mdev device\'s view of an IOAS) was removed from the IOAS access list with the wrong id: iopt_add_access() overwrote access->iopt_access_list_id before iopt_calculate_iova_alignment() failed, so the later removal found a different entry (the WARN in iopt_remove_access(), reached from iommufd_access_change_ioas()). Introduced with iommufd_access_change_ioas() (9227da7816dd, Linux 6.6); fixed by aeb004c0cd69 ("iommufd: Fix iopt_access_list_id overwrite bug", Linux 6.8, backported to 6.6.21)',
          fix: 'update to Linux 6.8+ or 6.6.21+',
        };
      if (fn === 'iommufd_device_unbind' || fn === 'iommufd_object_destroy_user')
        return {
          cause:
            'a driver unbinding its device from iommufd had to wait for a short-term reference on the iommufd device object to drop, and it did not within the timeout ("iommufd: Time out waiting for iommufd object to become free" just before); the object is left in place. In the syzbot report (6.12) it came through the iommufd selftest and the timeout was raised from 10 to 60 s (d9df72c6acd6, backported to 6.12.y and 6.13.y)',
          fix: 'update to a kernel with d9df72c6acd6; if it still happens, something holds the object: report the splat with the call trace to iommu@lists.linux.dev',
        };
      return undefined;
    },
    render: render(
      '',
      4,
      1736,
      'drivers/iommu/iommufd/io_pagetable.c',
      660,
      'iopt_destroy_table+0x91/0xc0 [iommufd]',
    ),
    examples: [
      ex(
        'WARNING: CPU: 4 PID: 1736 at drivers/iommu/iommufd/io_pagetable.c:660 iopt_destroy_table+0x91/0xc0 [iommufd]',
        { func: 'iopt_destroy_table', file: 'io_pagetable.c' },
        'https://lore.kernel.org/all/Y2kUqW9e8xQemel4@nvidia.com/',
      ),
      ex(
        '  WARNING: CPU: 1 PID: 4738 at drivers/iommu/iommufd/io_pagetable.c:1360',
        { file: 'io_pagetable.c', line: '1360' },
        'https://lore.kernel.org/all/20240304211553.106159939@linuxfoundation.org/',
      ),
      ex(
        '  WARNING: CPU: 0 PID: 3076 at drivers/iommu/iommufd/device.c:477 iommufd_access_destroy+0x18/0x20 drivers/iommu/iommufd/device.c:478',
        { func: 'iommufd_access_destroy', file: 'device.c' },
        'https://osv.dev/vulnerability/CVE-2023-53795',
      ),
      ex(
        'WARNING: CPU: 1 PID: 6050 at drivers/iommu/iommufd/iommufd_private.h:208 iommufd_device_unbind+0x81/0xa0 drivers/iommu/iommufd/device.c:280',
        { func: 'iommufd_device_unbind', file: 'iommufd_private.h' },
        'https://lore.kernel.org/all/67403e13.050a0220.3c9d61.018d.GAE@google.com/',
      ),
      ex(
        'WARNING: CPU: 0 PID: 5834 at drivers/iommu/iommufd/io_pagetable.c:283 iopt_map_pages+0xce7/0xda0 drivers/iommu/iommufd/io_pagetable.c:367',
        { func: 'iopt_map_pages' },
        'https://lore.kernel.org/all/685af644.a00a0220.2e5631.0094.GAE@google.com/',
      ),
    ],
  },
  {
    id: 'kernel.iommufd-destroy-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommufd/main.c iommufd_object_dec_wait_shortterm() (pr_crit with pr_fmt "iommufd: ")',
    format: 'Time out waiting for iommufd object to become free\n',
    versions:
      'printed with the "iommufd: " prefix; the wait was 10 s until d9df72c6acd6 raised it to 60 s (backported to 6.12.y/6.13.y). Usually followed by a WARNING in iommufd_object_destroy_user/iommufd_device_unbind',
    patterns: [/iommufd: Time out waiting for iommufd object to become free/],
    severity: 'error',
    title: 'iommufd gave up waiting for an object to be released',
    cause:
      'destroying an iommufd object (a device being unbound, an IOAS or HW page table being destroyed) waits for its short-term users to drop their references; none did within the timeout (10 s, 60 s since d9df72c6acd6), so iommufd left the object in place (EBUSY). Something still holds it: a thread stuck in an iommufd ioctl on it, or a reference leaked by a bug. The syzbot report behind this (6.12) came through the iommufd selftest',
    fix: 'look for a task blocked in an iommufd ioctl (hung-task messages, `cat /proc/<pid>/stack` of the VMM); update to a kernel with the longer wait (d9df72c6acd6); if it persists, report it with the WARNING that follows to iommu@lists.linux.dev',
    render: render('iommufd: '),
    examples: [
      ex(
        'iommufd: Time out waiting for iommufd object to become free',
        {},
        'https://lore.kernel.org/all/67403e13.050a0220.3c9d61.018d.GAE@google.com/',
      ),
    ],
  },
  // ---- drivers/iommu/iommu.c ----
  {
    id: 'kernel.iommu-late-probe',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c __iommu_probe_device(): dev_WARN(dev, "late IOMMU probe at driver bind, something fishy here!\\n") when a device is first probed by the IOMMU core while it already has a driver',
    format: 'late IOMMU probe at driver bind, something fishy here!\n',
    versions:
      'Linux 6.15+ (bcb81ac6ae3c, "iommu: Get DT/ACPI parsing into the proper probe path"); printed with the device prefix and followed by a WARNING in __iommu_probe_device',
    patterns: [
      /(?<dev>[\w.-]{1,60}) (?<name>\S{1,60}): late IOMMU probe at driver bind, something fishy here!/,
    ],
    severity: 'warning',
    title: 'The IOMMU core set a device up only when its driver bound (kernel WARN)',
    cause:
      'since Linux 6.15 the IOMMU core expects to probe a device when the device is added or when its IOMMU driver registers, and warns when the first probe of a device happens while the device already has a driver (from the driver-bind dma_configure path). The device is usually still set up; the warning points at an ordering problem: in the 6.15 development cycle it fired for devices with no IOMMU at all (a dummy regulator on Intel, PCI ports on AMD) until 73d2f10957f5 ("iommu: Don\'t warn prematurely about dodgy probes") moved it after the IOMMU driver\'s own filter, and for IOMMU drivers that registered in the wrong order (Renesas IPMMU, fixed by Robin Murphy\'s ipmmu-vmsa reordering); on 6.19 it fires when a device names two IOMMU instances and the second is still registering ("iommu: Fix bypass of IOMMU readiness check for multi-IOMMU devices", 2026)',
    fix: "if the device works and `ls /sys/bus/pci/devices/<address>/iommu_group` (or the platform device's) exists, it is only noise: update to a later stable release of your series for the fix of that case. If the device then lacks an IOMMU group or DMA fails, report the full splat with the kernel version to iommu@lists.linux.dev",
    render: render('pcieport 0000:00:00.0: '),
    examples: [
      ex(
        'pcieport 0000:00:00.0: late IOMMU probe at driver bind, something fishy here!',
        { dev: 'pcieport', name: '0000:00:00.0' },
        'https://lore.kernel.org/all/CA+G9fYs_nUN2x8fFJ0cfudHWbCOLSJK=OhEK0Efd1ifcjq_LRg@mail.gmail.com/',
      ),
      ex(
        '<4>[    6.246790] reg-dummy reg-dummy: late IOMMU probe at driver bind, something fishy here!',
        { dev: 'reg-dummy' },
        'https://lore.kernel.org/all/SJ1PR11MB61295DE21A1184AEE0786E25B9D22@SJ1PR11MB6129.namprd11.prod.outlook.com/',
      ),
      ex(
        '[    2.360729][    T1] exynos-decon 19471000.drmdecon: late IOMMU probe at driver bind, something fishy here!',
        { dev: 'exynos-decon', name: '19471000.drmdecon' },
        'https://lore.kernel.org/all/e38cd400-573d-400c-9647-b918d9af7f98@linaro.org/',
      ),
    ],
  },
  {
    id: 'kernel.warn-iommu-core',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN()s in drivers/iommu/iommu.c: __iommu_probe_device() (the late-probe dev_WARN), iommu_setup_default_domain() (a default domain that cannot be attached), and the group attach/detach paths (__iommu_group_set_domain_nofail(), iommu_detach_group(): "iommu driver failed to attach the default/blocking domain")',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}. The WARN text, when there is one, is printed just before the splat line`,
    patterns: warnAt('drivers/iommu/iommu\\.c'),
    severity: 'error',
    title: 'The IOMMU core caught a device or group in an inconsistent state (kernel WARN)',
    cause:
      "one of the IOMMU core's consistency checks fired; the line printed just before the splat (if any) says which, and the function after the line number where. A kernel bug or a device that vanished underneath it, not a configuration problem",
    fix: 'read the line just before the WARNING and the call trace; update to the newest stable release of your series, and report the splat to iommu@lists.linux.dev if it persists',
    refine: (f) => {
      if (f.func === '__iommu_probe_device')
        return {
          severity: 'warning',
          cause:
            'the late-probe warning: the IOMMU core set a device up only when its driver was binding (the "late IOMMU probe at driver bind, something fishy here!" line before it names the device). Introduced with the 6.15 probe rework (bcb81ac6ae3c); usually harmless, with fixes for the cases found: devices without an IOMMU (73d2f10957f5, before 6.15), IOMMU drivers registering out of order, and clients of two IOMMU instances (2026)',
          fix: 'check the device has an IOMMU group and works; if so it is noise that a later stable release removes. Otherwise report it to iommu@lists.linux.dev',
        };
      if (f.func === 'iommu_detach_group' || /^__iommu_group_set_domain/.test(f.func ?? ''))
        return {
          cause:
            'the IOMMU driver could not put the group back on its default or blocking domain ("iommu driver failed to attach the default/blocking domain" before it) when VFIO released the group. In the thread (s390, 6.0-rc3) VFIO detached the group while the device was being removed: after 9ac8545199a1 ("iommu: Fix use-after-free in iommu_release_device") the device left the group only after the IOMMU driver had released it, so the detach raced the release; Jason Gunthorpe posted "iommu: Fix ordering of iommu_release_device()" (September 2022, during 6.0-rc) to put the device\'s removal from the group back before the release',
          fix: 'on a 6.0-rc kernel move to a released kernel; on a current kernel it means the device disappeared (hot-unplug, a reset that dropped it off the bus) while a VM held it: check the lines before it and reboot before reusing the device',
        };
      if (f.func === '__iommu_release_dma_ownership')
        return {
          cause:
            "the IOMMU driver could not attach the group's default domain again when VFIO gave up DMA ownership of the group (the WARN_ON of __iommu_group_set_domain_nofail(), inlined into __iommu_release_dma_ownership(), or its own check that the group had an owner). It fires when the device was removed, hot-unplugged or taken away by the platform while the VM held it (on s390, a PCI function deconfigured or fenced; elsewhere a surprise removal or a reset that dropped it off the bus): the driver cannot attach a domain to a device that is gone. The fix upstream is for the IOMMU driver to fall back to a blocking domain for such a device",
          fix: 'check the lines before it for the removal (hot-unplug, a deconfigured or fenced function, a link down); reboot before reusing the device; a newer kernel for your platform may carry the IOMMU driver fix; otherwise report the splat to iommu@lists.linux.dev',
        };
      if (f.func === 'iommu_setup_default_domain')
        return {
          cause:
            'the IOMMU core could not attach a new device to its group\'s default domain while probing it. In the thread (POWER9 pSeries, PCI hotplug on 6.6-rc3-next) it was bisected to 2ad56efa80db ("powerpc/iommu: Setup a default domain and remove set_platform_dma_ops", queued for 6.7): the hot-added function\'s TCE table still held mappings ("iommu_tce: it_map is not empty")',
          fix: "on pSeries, move to a kernel with the powerpc IOMMU default-domain fixes that followed 2ad56efa80db (6.7+ stable); elsewhere report the splat with the device's bus and IOMMU driver to iommu@lists.linux.dev",
        };
      return undefined;
    },
    render: render('', 0, 1, 'drivers/iommu/iommu.c', 449, '__iommu_probe_device+0x140/0x570'),
    examples: [
      ex(
        '<4>[    6.246812] WARNING: CPU: 0 PID: 1 at drivers/iommu/iommu.c:449 __iommu_probe_device+0x140/0x570',
        { func: '__iommu_probe_device', line: '449' },
        'https://lore.kernel.org/all/SJ1PR11MB61295DE21A1184AEE0786E25B9D22@SJ1PR11MB6129.namprd11.prod.outlook.com/',
      ),
      ex(
        '[    2.361153][    T1] WARNING: drivers/iommu/iommu.c:650 at __iommu_probe_device+0x3a0/0x608, CPU#7: init/1',
        { func: '__iommu_probe_device', line: '650' },
        'https://lore.kernel.org/all/e38cd400-573d-400c-9647-b918d9af7f98@linaro.org/',
      ),
      ex(
        '    WARNING: CPU: 0 PID: 5082 at drivers/iommu/iommu.c:1961 iommu_detach_group+0x6c/0x80',
        { func: 'iommu_detach_group' },
        'https://lore.kernel.org/all/87b7041e-bc8d-500c-7167-04190e3795a9@arm.com/',
      ),
      ex(
        '[ 6296.425934] WARNING: CPU: 5 PID: 185612 at drivers/iommu/iommu.c:3049 iommu_setup_default_domain+0x410/0x680',
        { func: 'iommu_setup_default_domain' },
        'https://lore.kernel.org/all/8dfe1d39-4823-1021-af4d-473bbfcc32dc@linux.vnet.ibm.com/',
      ),
    ],
  },
  // ---- drivers/iommu/intel/iommu.c ----
  {
    id: 'kernel.warn-intel-iommu-probe',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON() in drivers/iommu/intel/iommu.c device_rbtree_insert(), inlined into intel_iommu_probe_device()',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions:
      'the rbtree of probed devices came with 1a75cc710b95 ("iommu/vt-d: Use rbtree to track iommu probed devices", Linux 6.8); before 5.10 the file was drivers/iommu/intel-iommu.c',
    patterns: warnAt('drivers/iommu/intel(?:/iommu|-iommu)\\.c'),
    severity: 'error',
    title: 'The Intel IOMMU driver refused a device at probe (kernel WARN)',
    cause:
      'a consistency check in the VT-d driver fired. In intel_iommu_probe_device() on Linux 6.8 it is the device rbtree: 1a75cc710b95 indexed every probed device by its PCI source ID assuming each is unique, but devices can share one (functions behind a PCIe-to-PCI bridge, the platform devices an Intel LPSS PCI device creates), so the second insert WARNs and the IOMMU probe of that device fails — it then has no IOMMU group and cannot be passed through (and a GPU or LPSS device may fail to work at all)',
    fix: 'update to Linux 6.9 (or a 6.8.y stable release with "iommu/vt-d: Fix WARN_ON in iommu probe path", which only tracks ATS-capable devices in the tree); 6.7 does not have the bug',
    refine: (f) =>
      f.func && f.func !== 'intel_iommu_probe_device'
        ? {
            cause: `a consistency check in the VT-d driver fired in ${f.func}(): a kernel bug in the Intel IOMMU driver or in its caller (the call trace names it), not a configuration problem`,
            fix: 'update to the newest stable release of your kernel series; if it still fires, report the splat to iommu@lists.linux.dev',
          }
        : undefined,
    render: render('', 3, 166, 'drivers/iommu/intel/iommu.c', 158, 'intel_iommu_probe_device+0x319/0xd90'),
    examples: [
      ex(
        '  WARNING: CPU: 3 PID: 166 at drivers/iommu/intel/iommu.c:158 intel_iommu_probe_device+0x319/0xd90',
        { func: 'intel_iommu_probe_device' },
        'https://lore.kernel.org/all/3674a075-d305-4cd7-be44-8d808f872249@linux.intel.com/',
      ),
    ],
  },
  {
    id: 'kernel.bug-intel-iommu',
    source: 'kernel',
    cite: "torvalds/linux lib/bug.c report_bug() for the BUG_ON()s in drivers/iommu/intel/iommu.c domain_unmap()/dma_pte_clear_range() (an unmap range beyond the domain's address width)",
    format: 'kernel BUG at %s:%u!\n',
    versions:
      'drivers/iommu/intel/iommu.c since Linux 5.10, drivers/iommu/intel-iommu.c before; the RIP line that follows names domain_unmap (dma_pte_clear_range and friends in older kernels)',
    patterns: [/kernel BUG at drivers\/iommu\/intel(?:\/iommu|-iommu)\.c:(?<line>\d{1,6})!/],
    severity: 'error',
    title: 'The Intel IOMMU driver crashed: an unmap outside the domain',
    cause:
      'a caller asked the VT-d driver to unmap IOVAs beyond what the domain\'s page tables can address (the BUG_ON on the address width in domain_unmap()): a bug in the caller, which passed a range it had never mapped. In the thread it was vhost-vdpa: a guest with a vIOMMU unmapped a huge range and vhost_vdpa_unmap() passed the whole range to iommu_unmap() (fixed by "vhost_vdpa: fix the crash in unmap a large memory", posted in November 2022 with a stable tag); in 2013 the same BUG came from VFIO_IOMMU_MAP_DMA with an IOVA above the IOMMU\'s width (f9423606ade0)',
    fix: 'update the host kernel to a release with the fix for the caller in the call trace (vhost_vdpa, vfio_iommu_type1); as a stopgap avoid the vIOMMU for vhost-vdpa guests. The host must be rebooted after this BUG',
    render: render('', 'drivers/iommu/intel/iommu.c', 1174),
    examples: [
      ex(
        '[  647.820848] kernel BUG at drivers/iommu/intel/iommu.c:1174!',
        { line: '1174' },
        'https://lore.kernel.org/all/20221125023045.2158413-1-lulu@redhat.com/',
      ),
    ],
  },
  // ---- drivers/iommu/dma-iommu.c ----
  {
    id: 'kernel.warn-dma-iommu-unmap',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON()s in drivers/iommu/dma-iommu.c: iommu_dma_unmap_page()/iommu_dma_unmap_phys() (WARN_ON(!phys): no translation at that DMA address) and __iommu_dma_unmap() (WARN_ON(unmapped != size))',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}. iommu_dma_unmap_page() became iommu_dma_unmap_phys() in 2025 (the DMA-API physical-address rework); older kernels warn from __iommu_dma_unmap()`,
    patterns: warnAt('drivers/iommu/dma-iommu\\.c'),
    severity: 'error',
    title: 'A driver unmapped DMA memory the IOMMU had no mapping for (kernel WARN)',
    cause:
      'a host device driver called dma_unmap_*() for an address the IOMMU\'s DMA domain has no mapping for, or with a different size: a double unmap, an unmap of a buffer another layer (page_pool, XDP) already unmapped, or an unmap after the device\'s mappings were torn down. The driver in the call trace has the bug; with the IOMMU in passthrough mode (iommu=pt) the same bug goes unnoticed. Known cases: bnxt_en unmapping XDP_REDIRECT pages the page pool owned (8baeef7616d5, "bnxt_en: Fix double DMA unmapping for XDP_REDIRECT", 6.11 and 6.10/6.6 stable), and mlx5e polling completions after a DPC/AER event took the PCI channel offline, which floods the log with these warnings until a soft lockup ("net/mlx5e: Skip NAPI polling when PCI channel is offline", 2026)',
    fix: 'find the driver in the call trace and update the kernel to a release with its fix; if the warnings follow a "DPC: containment event" or AER line, the device failed first — fix that (slot, cable, device reset) and update the driver; iommu=pt hides the symptom but not the bug',
    render: render('', 7, 59, 'drivers/iommu/dma-iommu.c', 1198, 'iommu_dma_unmap_page+0xd5/0x100'),
    examples: [
      ex(
        'WARNING: CPU: 7 PID: 59 at drivers/iommu/dma-iommu.c:1198 iommu_dma_unmap_page+0xd5/0x100',
        { func: 'iommu_dma_unmap_page' },
        'https://lore.kernel.org/all/20240827143840.448887253@linuxfoundation.org/',
      ),
      ex(
        '>      WARNING: CPU: 32 PID: 0 at drivers/iommu/dma-iommu.c:1237 iommu_dma_unmap_phys',
        { func: 'iommu_dma_unmap_phys' },
        'https://lore.kernel.org/all/49fe0af5-7dcf-42e0-bd73-0bd42c067d26@huawei.com/',
      ),
    ],
  },
  // ---- drivers/iommu/arm/arm-smmu-v3 ----
  {
    id: 'kernel.warn-arm-smmu-v3',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON()s in drivers/iommu/arm/arm-smmu-v3/ (arm-smmu-v3.c arm_smmu_init_one_queue(): a queue not naturally aligned; the STE/CD update checks in arm_smmu_write_entry())',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}; arm64 splats put the function on the "pc :" line and in the call trace, and patches often quote only "WARNING: at FILE:LINE"`,
    patterns: warnAt('drivers/iommu/arm/arm-smmu-v3/[\\w.-]{1,40}\\.c'),
    severity: 'error',
    title: 'The Arm SMMUv3 driver caught an inconsistent queue or table (kernel WARN)',
    cause:
      'a consistency check in the Arm SMMUv3 driver fired: a kernel bug, not a configuration problem; the call trace names the step. A known case on NVIDIA Grace (Tegra241 CMDQV) with 4 KB pages: the virtual command queues were sized at the hardware maximum (VCMDQ_LOG2SIZE_MAX=19), which CMA could not allocate naturally aligned, so arm_smmu_init_one_queue() warned while probing (call trace: arm_smmu_init_one_queue, tegra241_cmdqv_init_structures, arm_smmu_device_probe). Introduced with the CMDQV support in 6.12 (918eb5c856f6); fixed by "iommu/tegra241-cmdqv: Fix alignment failure at max_n_shift" (6.13, and 6.12.2)',
    fix: 'for the Grace CMDQV case update to 6.12.2+ or 6.13+; otherwise update to the newest stable release of your series and report the splat with its call trace to iommu@lists.linux.dev',
    render: render(
      '',
      5,
      7047,
      'drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c',
      3646,
      'arm_smmu_init_one_queue+0x15c/0x210',
    ),
    examples: [
      ex(
        '    WARNING: at drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:3646',
        { line: '3646' },
        'https://lore.kernel.org/all/20241111030226.1940737-1-nicolinc@nvidia.com/',
      ),
    ],
  },
  // ---- drivers/iommu/amd/init.c ----
  {
    id: 'kernel.warn-amd-iommu-galog',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON()s in drivers/iommu/amd/init.c around the guest virtual APIC (GA) log: iommu_ga_log_enable() (GALogRun already set; not running after the wait loop) and enable_iommus_vapic() (GALogRun not clearing)',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}. iommu_ga_log_enable() is often inlined into amd_iommu_enable_interrupts() or shown with a compiler suffix (iommu_ga_log_enable.isra.0); enable_iommus_vapic() polls for up to 20 s on 6.x, which shows as a boot stall before the warning`,
    patterns: warnAt('drivers/iommu/amd/init\\.c'),
    severity: 'warning',
    title: "The AMD IOMMU's guest-vAPIC log did not start or stop in time (kernel WARN)",
    cause:
      'while setting up interrupt remapping, the AMD IOMMU driver found the guest virtual APIC (GA) log in an unexpected state: already running when it was about to program it, not running after it was enabled, or not stopping when asked. The GA log carries AVIC interrupt notifications for guests; the IOMMU otherwise works. Seen where a previous kernel (kdump) or the firmware left the log running, and on hardware slow to start it',
    fix: 'update to a kernel with the fix for the function named (see the refined cause); meanwhile the warning is harmless unless you rely on AVIC for guest interrupts — booting with amd_iommu_intr=legacy avoids the GA log altogether',
    refine: (f) => {
      const fn = (f.func ?? '').split('.')[0];
      if (fn === 'iommu_ga_log_enable')
        return {
          cause:
            'the GA log was already running (GALOG_RUN set) when the driver went to enable it: a kdump kernel booting over the state the crashed kernel left in the IOMMU. The WARN_ON came with a8d4a37d1bb9 ("iommu/amd: Restore GA log/tail pointer on host resume", 5.17); "iommu/amd: Disable guest vapic logging during early kdump init" (Jerry Snitselaar, July 2022) turns GALOG_EN off in the kdump path first',
          fix: 'harmless for the kdump kernel itself; update to a kernel with the kdump GA-log fix (5.19/6.0 and later stable releases)',
        };
      if (fn === 'amd_iommu_enable_interrupts')
        return {
          cause:
            'the GA log did not report running within the driver\'s short wait after it was enabled (WARN_ON(i >= LOOP_TIMEOUT) in iommu_ga_log_enable(), inlined here): some systems take up to about 14 ms. Reported on a Ryzen laptop while the "iommu/amd: fixes for suspend/resume" series was tested for 5.17; "iommu/amd: Increase timeout waiting for GA log enablement" lengthened the wait',
          fix: 'update to a kernel with the longer GA log timeout (5.19, or 5.17/5.18 stable releases that took it)',
        };
      if (fn === 'enable_iommus_vapic')
        return {
          cause:
            'the GA log was found running at boot (left on by the firmware or a previous kernel) and did not stop within the 20 s the driver polls (GALogRun never cleared), so boot stalls about 20 s and guest vAPIC stays off',
          fix: 'update the firmware (it should not leave the GA log running); boot with amd_iommu_intr=legacy to skip it meanwhile',
        };
      return undefined;
    },
    render: render('', 0, 1, 'drivers/iommu/amd/init.c', 829, 'iommu_ga_log_enable.isra.0+0x16f/0x190'),
    examples: [
      ex(
        '[    7.736575] WARNING: CPU: 0 PID: 1 at drivers/iommu/amd/init.c:829 iommu_ga_log_enable.isra.0+0x16f/0x190',
        { func: 'iommu_ga_log_enable.isra.0' },
        'https://lore.kernel.org/all/20220721003439.403435-1-jsnitsel@redhat.com/',
      ),
      ex(
        '[    0.398835] WARNING: CPU: 0 PID: 1 at drivers/iommu/amd/init.c:839',
        { line: '839' },
        'https://lore.kernel.org/all/CAHbf0-FJ0c1yAumKCnXLKKFN=tzeJxSd3HyP=dUOBgBTxVG5fw@mail.gmail.com/',
      ),
    ],
  },
  // ---- drivers/pci/msi ----
  {
    id: 'kernel.warn-pci-msi-no-domain',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for WARN_ON_ONCE() in the fallback arch_setup_msi_irqs()/arch_teardown_msi_irqs() of drivers/pci/msi/msi.h, reached from pci_msi_setup_msi_irqs() when the device has no MSI interrupt domain',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}. The header drivers/pci/msi/msi.h exists since Linux 5.17 (the MSI rework); a second splat from pci_msi_teardown_msi_irqs() follows, then drivers fall back to legacy INTx`,
    patterns: warnAt('drivers/pci/msi/msi\\.h'),
    severity: 'warning',
    title: 'A PCI device has no MSI interrupt domain: MSI/MSI-X disabled (kernel WARN)',
    cause:
      "a driver asked for MSI or MSI-X vectors, but the device has no MSI interrupt domain to allocate them from and the architecture has no legacy fallback, so the request fails and drivers fall back to legacy INTx interrupts (slower, shared). In a QEMU guest this happens with a virtual Intel IOMMU that has interrupt remapping on (intel-iommu,intremap=on) while the device's root bus bypasses the vIOMMU (bypass_iommu=true on the machine or PCIe expander bus): the device is in no DMAR unit's scope, so it gets no remapped interrupt domain. On real hardware it means the platform never wired the controller to an MSI controller (a device tree without msi-map/msi-parent, or an architecture such as parisc before its fix)",
    fix: 'in a VM: turn interrupt remapping off (-device intel-iommu,intremap=off) or do not bypass the vIOMMU for that bus; on bare metal fix the device tree (msi-map/msi-parent for the PCIe controller) or update the kernel for your platform',
    render: render('', 3, 1, 'drivers/pci/msi/msi.h', 121, 'pci_msi_setup_msi_irqs+0x27/0x40'),
    examples: [
      ex(
        '> [    0.961245] WARNING: CPU: 3 PID: 1 at drivers/pci/msi/msi.h:121 pci_msi_setup_msi_irqs+0x27/0x40',
        { func: 'pci_msi_setup_msi_irqs' },
        'https://lore.kernel.org/all/20240522051403-mutt-send-email-mst@kernel.org/',
      ),
    ],
  },
  // ---- drivers/pci/pcie/bwctrl.c ----
  {
    id: 'kernel.warn-pcie-bwctrl-speed',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() for the WARN_ON() on an unknown speed in drivers/pci/pcie/bwctrl.c pcie_set_target_speed(), reached from drivers/pci/quirks.c pcie_failed_link_retrain()',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions: `${WARN_FORMS}. bwctrl.c (PCIe bandwidth control) is in Linux 6.13+; before that the link-retrain quirk wrote the speed itself and did not warn`,
    patterns: warnAt('drivers/pci/pcie/bwctrl\\.c'),
    severity: 'warning',
    title: 'Restoring a PCIe link speed after a failed retrain hit an unknown speed (kernel WARN)',
    cause:
      'the link-retrain quirk (pcie_failed_link_retrain(), the "broken device, retraining non-functional downstream link at 2.5GT/s" / "retraining failed" lines before it) could not bring the link up at 2.5 GT/s and tried to restore the previous target speed, but computed it from Link Control 2 without masking the other bits, got "unknown speed" and pcie_set_target_speed() warned. A bug from 6.13 (de9a6c8d5dbf, bandwidth control); fixed by 9989e0ca7462 ("PCI: Fix link speed calculation on retrain failure", 6.17, marked for stable 6.13+ and taken into 6.16.y in August 2025). The warning itself is harmless; the failed retrain before it is the real question',
    fix: 'update to a kernel with 9989e0ca7462 (6.17+, or a 6.16.y stable release from late August 2025 on); then read the retrain lines: if the device below the port works, the quirk fired needlessly, if it is missing, reseat it or check the slot (and power-cycle after a failed device reset)',
    render: render('', 1, 1, 'drivers/pci/pcie/bwctrl.c', 168, 'pcie_set_target_speed+0x1a/0x40'),
    examples: [
      ex(
        '  WARNING: CPU: 1 PID: 1 at drivers/pci/pcie/bwctrl.c:168 pcie_set_target_speed',
        { func: 'pcie_set_target_speed' },
        'https://lore.kernel.org/all/20250826110939.798071836@linuxfoundation.org/',
      ),
    ],
  },
  // ---- drivers/pci/pci.c ----
  {
    id: 'kernel.pci-disable-already-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_disable_device(): dev_WARN_ONCE(…, atomic_dec_return(&dev->enable_cnt) < 0, "disabling already-disabled device"), which prints the device line and the WARNING splat',
    format: 'disabling already-disabled device',
    versions:
      'the device line ("DRIVER ADDRESS: disabling already-disabled device") comes first, then "WARNING: CPU: N PID: N at drivers/pci/pci.c:LINE pci_disable_device+0x…"; since Linux 6.11 (f748a07a0b64, "PCI: Remove legacy pcim_release()") a device enabled with pcim_enable_device() is always disabled on detach, so drivers that also call pci_disable_device() themselves began to warn',
    patterns: [
      /(?<driver>[\w-]{1,40}) (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): disabling already-disabled device/,
      /WARNING: (?:CPU: \d{1,5} PID: \d{1,8} )?at drivers\/pci\/pci\.c:(?<line>\d{1,6})[ \t]{1,3}(?<func>pci_disable_device)\+/,
      /WARNING: drivers\/pci\/pci\.c:(?<line>\d{1,6}) at (?<func>pci_disable_device)\+/,
    ],
    severity: 'warning',
    title: 'A driver disabled a PCI device more often than it enabled it (kernel WARN)',
    cause:
      'the driver named called pci_disable_device() once more than pci_enable_device(), a bookkeeping bug in that driver (harmless for the device itself: it is already disabled). Common since Linux 6.11: drivers that enable the device with pcim_enable_device() (managed) get an automatic disable on unbind, and f748a07a0b64 made that unconditional, so a driver that still calls pci_disable_device() in its remove or error path warns on unload or unbind — ice, proc_thermal_pci and others were fixed in 6.12. It also comes from error paths that disable a device never enabled (ALSA hdsp/rme drivers) and from AER recovery racing a resume (igb, igc)',
    fix: "nothing to do for the device; it appears when the driver unbinds (rmmod, or binding the device to vfio-pci). Update the kernel to one with that driver's fix (search the driver's name with \"pci_disable_device\" in the changelog), or report it to the driver's maintainers with the trace",
    render: render('ice 0000:af:00.7: '),
    examples: [
      ex(
        '[70633.628490] ice 0000:af:00.7: disabling already-disabled device',
        { driver: 'ice', bdf: '0000:af:00.7' },
        'https://lore.kernel.org/all/20240830134416.26522-2-przemyslaw.kitszel@intel.com/',
      ),
      ex(
        '[70633.628512] WARNING: CPU: 52 PID: 33890 at drivers/pci/pci.c:2250 pci_disable_device+0xf4/0x100',
        { func: 'pci_disable_device' },
        'https://lore.kernel.org/all/20240830134416.26522-2-przemyslaw.kitszel@intel.com/',
      ),
      ex(
        ' [  224.010735] proc_thermal_pci 0000:00:04.0: disabling already-disabled device',
        { driver: 'proc_thermal_pci' },
        'https://lore.kernel.org/all/20240930081801.28502-3-rui.zhang@intel.com/',
      ),
    ],
  },
];
