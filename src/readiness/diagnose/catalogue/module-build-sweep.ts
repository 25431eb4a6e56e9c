/**
 * Out-of-tree kernel modules that stop building after a kernel update: the compiler and modpost
 * errors a module build prints (vendor-reset, Looking Glass's kvmfr, NVIDIA's vGPU host driver and
 * the vgpu_unlock patches, i915-sriov-dkms, the GPU drivers, mdev samples), in any build directory
 * — dkms's /var/lib/dkms and /usr/src, a NixOS derivation's /build/source, makepkg's src/, a plain
 * `make` in a clone. The compiler wordings are GCC's (both its quote styles, ‘’ since GCC 4.x in a
 * UTF-8 locale and '' otherwise) and Clang's; the modpost ones are scripts/mod/modpost.c's.
 *
 * The valuable part is KERNEL_API_CHANGES: kernel interface changes that break these modules,
 * keyed by the symbol, header, struct member or namespace the error names, each with the kernel
 * release, the upstream commit and the fix. Every row was checked in the code index: the commit id
 * and title in the mainline shortlogs, pull requests or linux-next reports that name it, and the
 * release in compatibility code of out-of-tree modules that test for it (NVIDIA's conftest.sh, AMD's
 * amdgpu-dkms m4 tests, others' LINUX_VERSION_CODE guards). A symbol not in the table gets the
 * general explanation without a version. These entries are `fallback`: a more specific entry (the
 * NVIDIA installer's own missing headers, nvidia.build-own-headers-missing) answers first.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** One kernel interface change that breaks out-of-tree module builds. */
export interface ApiChange {
  /** What the error names: a function or macro, a header path, a struct member, a symbol namespace. */
  keys: readonly string[];
  kind: 'symbol' | 'header' | 'member' | 'namespace' | 'type';
  /** The kernel release that made the change. */
  version: string;
  /** Whether the interface went away in that release or first appeared there. */
  direction: 'removed' | 'changed' | 'added';
  /** Upstream commit: short id and title as in torvalds/linux. */
  commit: string;
  change: string;
  fix: string;
  /** Names the change introduced, which a module's own compatibility definition can collide with. */
  provides?: readonly string[];
}

export const KERNEL_API_CHANGES: readonly ApiChange[] = [
  {
    keys: ['asm/unaligned.h'],
    kind: 'header',
    version: '6.12',
    direction: 'removed',
    commit: '5f60d5f6bbc1 ("move asm/unaligned.h to linux/unaligned.h", v6.12-rc2)',
    change:
      'the get_unaligned_*/put_unaligned_* helpers moved from <asm/unaligned.h> to <linux/unaligned.h>, with no header left at the old path',
    fix: 'include <linux/unaligned.h> on 6.12 and later (guarded by `#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)` to keep older kernels building); vendor-reset needs this in its amdgpu atom.c',
  },
  {
    keys: ['DMA_BUF'],
    kind: 'namespace',
    version: '5.16',
    direction: 'changed',
    commit: '16b0314aa746 ("dma-buf: move dma-buf symbols into the DMA_BUF module namespace", v5.16)',
    change:
      'the dma-buf functions (dma_buf_export, dma_buf_fd, dma_buf_get, …) are exported in the DMA_BUF symbol namespace, so a module using them must declare that it imports it',
    fix: 'add MODULE_IMPORT_NS(DMA_BUF); to the module source — written MODULE_IMPORT_NS("DMA_BUF"); from 6.13 on; the NVIDIA driver carries exactly this import',
  },
  {
    keys: ['MODULE_IMPORT_NS', 'EXPORT_SYMBOL_NS', 'EXPORT_SYMBOL_NS_GPL'],
    kind: 'namespace',
    version: '6.13',
    direction: 'changed',
    commit: 'cdd30ebb1b9f ("module: Convert symbol namespace to string literal", v6.13)',
    change:
      'MODULE_IMPORT_NS() and EXPORT_SYMBOL_NS*() take the namespace as a string literal: MODULE_IMPORT_NS(DMA_BUF) no longer compiles, the bare name is read as an identifier',
    fix: 'write MODULE_IMPORT_NS("DMA_BUF"); on 6.13 and later and keep MODULE_IMPORT_NS(DMA_BUF); for older kernels (a LINUX_VERSION_CODE guard), or update the module to a release that does',
  },
  {
    keys: ['class_create'],
    kind: 'symbol',
    version: '6.4',
    direction: 'changed',
    commit: '1aaba11da9aa ("driver core: class: remove module * from class_create()", v6.4)',
    change:
      'class_create() lost its first argument, the owning module (THIS_MODULE): it takes only the class name',
    fix: 'call class_create(NAME) on 6.4 and later and class_create(THIS_MODULE, NAME) before (a LINUX_VERSION_CODE guard)',
  },
  {
    keys: ['vm_flags'],
    provides: ['vm_flags_set', 'vm_flags_clear', 'vm_flags_mod'],
    kind: 'member',
    version: '6.3',
    direction: 'changed',
    commit:
      'bc292ab00f6c ("mm: introduce vma->vm_flags wrapper functions", v6.3; the tree was converted by 1c71222e5f23 "mm: replace vma->vm_flags direct modifications with modifier calls")',
    change:
      'vma->vm_flags became read-only to modules: it is changed only through vm_flags_set(), vm_flags_clear() and vm_flags_mod(), which also check the mmap lock',
    fix: 'replace `vma->vm_flags |= X` with vm_flags_set(vma, X) and `vma->vm_flags &= ~X` with vm_flags_clear(vma, X) on 6.3 and later (some modules define their own vm_flags_set() for older kernels, so one source builds on both)',
  },
  {
    keys: ['eventfd_signal'],
    kind: 'symbol',
    version: '6.8',
    direction: 'changed',
    commit: '3652117f8548 ("eventfd: simplify eventfd_signal()", v6.8)',
    change:
      'eventfd_signal() lost its count argument: it always adds 1. mdev drivers call it to inject interrupts into the guest (the trigger eventfds QEMU gave them)',
    fix: 'call eventfd_signal(ctx) on 6.8 and later and eventfd_signal(ctx, 1) before (a LINUX_VERSION_CODE guard); NVIDIA vGPU host drivers older than the 6.8 support in their branch need a newer release',
  },
  {
    keys: ['get_user_pages'],
    kind: 'symbol',
    version: '6.5',
    direction: 'changed',
    commit: '54d020692b34 ("mm/gup: remove unused vmas parameter from get_user_pages()", v6.5)',
    change: 'get_user_pages() lost its last argument, the array of VMAs',
    fix: 'drop the vmas argument (it was NULL in most callers) on 6.5 and later',
  },
  {
    keys: ['pin_user_pages'],
    kind: 'symbol',
    version: '6.5',
    direction: 'changed',
    commit: '4c630f307455 ("mm/gup: remove vmas parameter from pin_user_pages()", v6.5)',
    change: 'pin_user_pages() lost its last argument, the array of VMAs',
    fix: 'drop the vmas argument on 6.5 and later',
  },
  {
    keys: ['strlcpy'],
    kind: 'symbol',
    version: '6.8',
    direction: 'removed',
    commit: 'd26270061ae6 ("string: Remove strlcpy()", v6.8)',
    change: 'strlcpy() was removed from the kernel',
    fix: 'use strscpy(dest, src, size), which the kernel has had for years (its return value differs: the copied length or -E2BIG)',
  },
  {
    keys: ['no_llseek'],
    kind: 'symbol',
    version: '6.12',
    direction: 'removed',
    commit: 'cb787f4ac0c2 ("[tree-wide] finally take no_llseek out", v6.12)',
    change:
      'no_llseek is gone; the kernel dropped every `.llseek = no_llseek` initializer from its file_operations',
    fix: "delete the `.llseek = no_llseek,` line from the module's file_operations (guard it for kernels before 6.12 if you keep building for them); NVIDIA vGPU host drivers of branches older than their 6.12 support hit this",
  },
  {
    keys: ['del_timer', 'del_timer_sync'],
    kind: 'symbol',
    version: '6.15',
    direction: 'removed',
    commit: '8fa7292fee5c ("treewide: Switch/rename to timer_delete[_sync]()", v6.15)',
    change: 'the old del_timer()/del_timer_sync() names were switched to timer_delete()/timer_delete_sync()',
    fix: 'call timer_delete() / timer_delete_sync(): those names are older than the removal (bb663f0f3c39 "timers: Rename del_timer() to timer_delete()" added them, and stable series received it), so one spelling serves old and new kernels; only kernels without them need the old names behind a guard',
  },
  {
    keys: ['from_timer'],
    provides: ['timer_container_of'],
    kind: 'symbol',
    version: '6.16',
    direction: 'removed',
    commit: '41cb08555c41 ("treewide, timers: Rename from_timer() to timer_container_of()", v6.16)',
    change: 'from_timer() was renamed timer_container_of(), same arguments',
    fix: 'use timer_container_of(var, timer, field) on 6.16 and later (a LINUX_VERSION_CODE guard keeps from_timer() for older kernels)',
  },
  {
    keys: ['follow_pfn'],
    kind: 'symbol',
    version: '6.10',
    direction: 'removed',
    commit: 'cb10c28ac82c ("mm: remove follow_pfn", v6.10)',
    change: 'follow_pfn() was removed; its last in-tree user (acrn) was moved off it in the same series',
    fix: 'update the module: the code must be ported to the page-table walk helpers of this kernel (follow_fault_pfn() in vfio_iommu_type1.c of the same kernel shows one way); there is no drop-in replacement',
  },
  {
    keys: ['__vmalloc'],
    kind: 'symbol',
    version: '5.8',
    direction: 'changed',
    commit: '88dca4ca5a93 ("mm: remove the pgprot argument to __vmalloc", v5.8)',
    change: '__vmalloc() lost its third argument, the page protection (every caller passed PAGE_KERNEL)',
    fix: 'call __vmalloc(size, gfp_mask) on 5.8 and later',
  },
  {
    keys: ['mmap_sem'],
    kind: 'member',
    version: '5.8',
    direction: 'removed',
    commit: 'da1c55f1b272 ("mmap locking API: rename mmap_sem to mmap_lock", v5.8)',
    change: "struct mm_struct's mmap_sem became mmap_lock, to be taken through the mmap locking API",
    fix: 'replace down_read(&mm->mmap_sem)/up_read(...) with mmap_read_lock(mm)/mmap_read_unlock(mm) (and the write forms)',
  },
  {
    keys: ['create'],
    kind: 'type',
    version: '5.13',
    direction: 'changed',
    commit: 'c2ef2f50ad0c ("vfio/mdev: Remove kobj from mdev_parent_ops->create()", v5.13)',
    change:
      "mdev_parent_ops' create() callback lost its struct kobject * argument: it is create(struct mdev_device *mdev), the type read with mdev_get_type_group_id()",
    fix: 'update the mdev driver (nvidia-vgpu-vfio, GVT-g, an mdev sample) to a release for this kernel; the vgpu_unlock and vGPU-on-consumer patches are per driver version, so use a driver version the patch supports on this kernel',
  },
  {
    keys: ['mdev_parent_ops'],
    kind: 'type',
    version: '5.19',
    direction: 'removed',
    commit: '6b42f491e17c ("vfio/mdev: Remove mdev_parent_ops", v5.19)',
    change:
      'struct mdev_parent_ops was removed: an mdev parent registers a struct mdev_driver (probe/remove) and its devices are vfio_devices with their own vfio_device_ops',
    fix: 'use an mdev driver release written for the mdev_driver interface (NVIDIA vGPU host drivers of a branch that supports this kernel; a current GVT-g or mdev sample)',
  },
  {
    keys: ['mdev_register_device'],
    kind: 'symbol',
    version: '6.1',
    direction: 'removed',
    commit: '89345d5177aa ("vfio/mdev: embedd struct mdev_parent in the parent data structure", v6.1)',
    change:
      'mdev_register_device() was replaced by mdev_register_parent(), which takes a struct mdev_parent embedded in the driver, the mdev_driver and the list of mdev types',
    fix: 'use an mdev driver release for 6.1 and later (the in-kernel samples/vfio-mdev show the new registration)',
  },
  {
    keys: ['vfio_alloc_device'],
    kind: 'symbol',
    version: '6.1',
    direction: 'added',
    commit: 'cb9ff3f3b84c ("vfio: Add helpers for unifying vfio_device life cycle", v6.1)',
    change:
      'vfio_alloc_device() (with the init/release callbacks in vfio_device_ops) first appeared in 6.1: a module written for it does not build against an older kernel',
    fix: 'build it against 6.1 or later, or use a release of the module written for the older vfio_init_group_dev() interface',
  },
  {
    keys: ['get_user_pages_remote'],
    kind: 'symbol',
    version: '6.5',
    direction: 'changed',
    commit: 'ca5e863233e8 ("mm/gup: remove vmas parameter from get_user_pages_remote()", v6.5)',
    change:
      'get_user_pages_remote() lost its vmas argument (mm, start, nr_pages, gup_flags, pages, locked remain)',
    fix: 'drop the vmas argument on 6.5 and later',
  },
  {
    keys: ['pin_user_pages_remote'],
    kind: 'symbol',
    version: '6.5',
    direction: 'changed',
    commit: '0b295316b3a9 ("mm/gup: remove unused vmas parameter from pin_user_pages_remote()", v6.5)',
    change: 'pin_user_pages_remote() lost its vmas argument',
    fix: 'drop the vmas argument on 6.5 and later',
  },
  {
    keys: ['PDE_DATA'],
    provides: ['pde_data'],
    kind: 'symbol',
    version: '5.17',
    direction: 'removed',
    commit: '359745d78351 ("proc: remove PDE_DATA() completely", v5.17)',
    change: 'PDE_DATA(inode), the private data of a /proc entry, became pde_data(inode)',
    fix: 'call pde_data(inode) on 5.17 and later (`#define pde_data(inode) PDE_DATA(inode)` for older kernels is the usual shim; RHEL 9 kernels have the new name despite their 5.14 version)',
  },
  {
    keys: [
      'pci_set_dma_mask',
      'pci_set_consistent_dma_mask',
      'pci_alloc_consistent',
      'pci_free_consistent',
      'pci_map_single',
      'pci_unmap_single',
      'pci_map_page',
      'pci_unmap_page',
      'pci_dma_mapping_error',
    ],
    kind: 'symbol',
    version: '5.18',
    direction: 'removed',
    commit: '7968778914e5 ("PCI: Remove the deprecated "pci-dma-compat.h" API", v5.18)',
    change: 'the pci_* DMA wrappers were removed; they only forwarded to the generic DMA API on &pdev->dev',
    fix: 'call the DMA API on the device: dma_set_mask(&pdev->dev, …) / dma_set_coherent_mask(), dma_alloc_coherent(&pdev->dev, size, &handle, GFP_KERNEL), dma_map_single(&pdev->dev, …), dma_mapping_error(&pdev->dev, …), with DMA_TO_DEVICE/DMA_FROM_DEVICE for the PCI_DMA_* directions',
  },
  {
    keys: ['iommu_domain_alloc'],
    kind: 'symbol',
    version: '6.13',
    direction: 'removed',
    commit: 'f6440fcc9c7b ("iommu: Remove iommu_domain_alloc()", v6.13)',
    change:
      'iommu_domain_alloc(bus) was removed; in-tree callers moved to iommu_paging_domain_alloc(dev), which takes the device',
    fix: 'call iommu_paging_domain_alloc(dev) (it returns an ERR_PTR, not NULL, on failure) on 6.13 and later',
  },
];

/** The table row for what an error names, of one of the given kinds. */
export function apiChange(
  key: string | undefined,
  kinds: readonly ApiChange['kind'][],
): ApiChange | undefined {
  if (!key) return undefined;
  return KERNEL_API_CHANGES.find((r) => kinds.includes(r.kind) && r.keys.includes(key));
}

/** The table row whose change introduced `name` (which a module's own shim can collide with). */
export function apiIntroducing(name: string | undefined): ApiChange | undefined {
  if (!name) return undefined;
  return KERNEL_API_CHANGES.find((r) => r.provides?.includes(name));
}

/** The out-of-tree module a build path belongs to, from the directories the build systems use. */
export function moduleOfPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const p = path.toLowerCase();
  const known: [RegExp, string][] = [
    [/vendor-reset/, 'vendor-reset'],
    [/kvmfr|lookingglass|looking-glass/, 'kvmfr'],
    [/nvidia-vgpu-vfio|vgpu[-_]unlock|nvidia-vgpu/, 'nvidia-vgpu-vfio'],
    [/i915-sriov/, 'i915-sriov-dkms'],
    [/(?:^|\/)nvidia[-\w.]*\//, 'nvidia'],
    [/mdev|mtty|mbochs|mdpy/, 'an mdev driver'],
  ];
  for (const [re, name] of known) if (re.test(p)) return name;
  const dkms =
    /\/var\/lib\/dkms\/([\w.+-]{1,80})\//.exec(path) ??
    /\/usr\/src\/([a-z][\w+]*(?:-[a-z][\w+]*)*)-\d/.exec(path);
  // A header inside the kernel's own header tree (/usr/src/linux-headers-…) names no module.
  return dkms && !/^linux/.test(dkms[1]) ? dkms[1] : undefined;
}

const GENERAL_FIX =
  'update the module to a release (or git commit) that supports this kernel series — vendor-reset and kvmfr from their current git, the NVIDIA or vGPU driver branch that lists this kernel, i915-sriov-dkms of the matching release — or keep booting a kernel the module supports (Proxmox: `proxmox-boot-tool kernel pin VERSION`) until there is one; then rebuild (`dkms autoinstall -k KERNEL`, or your package manager / NixOS rebuild)';

/** How a title says what the release did to the interface. */
const WHEN: Record<ApiChange['direction'], string> = {
  removed: 'is gone since',
  changed: 'changed in',
  added: 'needs',
};

/** What the table says about the named interface, as a refinement (or the module named). */
function fromTable(row: ApiChange | undefined, what: string, f: Facts): Refinement | undefined {
  if (userspaceBuild(f.file))
    return {
      title: 'A user-space program does not compile (not a kernel module)',
      cause: `the file being compiled (${f.file}) belongs to a user-space program — QEMU, libvirt or a VFIO tool — not to an out-of-tree kernel module: ${what}. Its source and the headers or libraries it is built against do not match: a system library or the kernel's user-space headers older or newer than this release expects, a distribution patch, or a half-updated source tree`,
      fix: "read the first error of the build log; build a release against the dependency versions its documentation names (or the distribution's source package), install the kernel's user-space headers it needs (linux-libc-dev / kernel-headers), and for a git checkout update its submodules and reconfigure from a clean build directory",
    };
  const module = moduleOfPath(f.file ?? f.ko);
  const who = module ? `${module} ` : 'the module ';
  if (!row)
    return {
      cause: `${who}does not build for this kernel: ${what}. Kernel interfaces change between releases, and a module release older than the kernel (or written for a newer one) does not match them; this one is not in vfiokit's table of known changes, so read the module's issue tracker for the kernel version. The module is not built, so it is missing on that kernel`,
    };
  const older =
    row.direction === 'added'
      ? `it first appeared in Linux ${row.version}, so this kernel is older than the module expects`
      : `Linux ${row.version} ${row.direction === 'removed' ? 'removed it' : 'changed it'}, so the module source predates that kernel`;
  return {
    title: `${module ?? 'An out-of-tree module'} does not build: ${row.keys[0]} ${WHEN[row.direction]} Linux ${row.version}`,
    cause: `${who}does not build for this kernel: ${what}. ${older} — commit ${row.commit}: ${row.change}. The module is not built, so the kernel boots without it`,
    fix: `${row.fix}; or ${GENERAL_FIX}`,
  };
}

const FILE = '(?<file>[^\\s:\'"]+\\.[ch]):\\d{1,6}(?::\\d{1,4})?: ';
const Q = "[\\u2018'`]";
const QE = "[\\u2019']";

const GCC = 'gcc-mirror/gcc';
const CLANG = 'llvm/llvm-project clang/include/clang/Basic';
const MODPOST = 'torvalds/linux scripts/mod/modpost.c';

/**
 * Whether a compiled file belongs to a user-space program rather than an out-of-tree module: QEMU's
 * and libvirt's source directories, and no sign of a module build (dkms, /usr/src, module/, .ko).
 */
function userspaceBuild(file: string | undefined): boolean {
  if (!file) return false;
  if (/\/(?:dkms|usr\/src)\/|(?:^|\/)module\/|kvmfr|vendor-reset|nvidia|i915|\.ko\b/.test(file)) return false;
  return /(?:^|\/)(?:hw|util|accel|target|subprojects|contrib|linux-user|qemu[\w.-]*|libvirt[\w.-]*)\/|(?:^|\/)src\/(?:util|qemu|conf|hypervisor)\/vir/.test(
    file,
  );
}

export const MODBUILD_ENTRIES: CatalogueEntry[] = [
  {
    id: 'modbuild.header-missing',
    source: 'userspace tool',
    cite: `${GCC} libcpp/files.cc open_file_failed() (the #include search failed; "%s: No such file or directory" from the errno) and ${CLANG}/DiagnosticLexKinds.td err_pp_file_not_found ("'%0' file not found")`,
    format: '%s:%d:%d: fatal error: %s: No such file or directory',
    versions:
      'GCC prints "fatal error: HEADER: No such file or directory" followed by "compilation terminated."; Clang prints "fatal error: \'HEADER\' file not found"',
    patterns: [
      new RegExp(`${FILE}fatal error: (?<header>[\\w./+-]{1,120}\\.h): No such file or directory`),
      new RegExp(`${FILE}fatal error: '(?<header>[\\w./+-]{1,120}\\.h)' file not found`),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A build could not find a header it includes',
    cause:
      "the compiler stopped at an #include it could not resolve. In an out-of-tree module build (dkms, a NixOS derivation, makepkg, a plain make) this is either a kernel header that moved or was removed in this kernel release — the module's source is older than the kernel — or the build did not get the include directories it expected (kernel headers for the wrong kernel, or the module's own include path). Nothing is built past this error",
    fix: GENERAL_FIX,
    refine: (f) => {
      const header = f.header ?? '';
      const row = apiChange(header, ['header']);
      if (row) return fromTable(row, `it includes <${header}>`, f);
      if (
        /^(?:linux\/(?:module|kernel|init|version|types|kconfig)|generated\/(?:autoconf|utsrelease))\.h$/.test(
          header,
        )
      )
        return {
          title: 'The module build found no kernel headers at all',
          cause: `<${header}> is in every prepared kernel header tree, so the build is not looking at one: the headers for the target kernel are not installed, the Makefile points at the wrong directory (KDIR / KERNELRELEASE, /lib/modules/KERNEL/build), or it points at a kernel source tree that was never prepared (\`make modules_prepare\` writes include/generated/ and linux/version.h). Nothing of the module is built`,
          fix: 'install the headers of exactly the kernel you build for (linux-headers-KERNEL, proxmox-headers-X.Y, kernel-devel-KERNEL, linux-headers on Arch; on NixOS build through boot.extraModulePackages / kernelPackages so the derivation gets them) and build against /lib/modules/KERNEL/build',
        };
      if (/^(?:linux|asm|asm-generic|drm|uapi|generated)\//.test(header) && userspaceBuild(f.file))
        return {
          title: 'A user-space build did not find a kernel header',
          cause: `the file being compiled (${f.file}) belongs to a user-space program — QEMU, libvirt or a VFIO tool, not a kernel module — and it includes <${header}>, a kernel UAPI header that was not found: the kernel's user-space headers are not installed, or are older than the program needs (a new ioctl or struct of VFIO, iommufd or KVM). QEMU carries its own copy in linux-headers/, so a QEMU build that misses one is not using its tree's include path`,
          fix: "install the kernel's user-space headers (Debian/Ubuntu linux-libc-dev, Fedora/RHEL kernel-headers, Arch linux-api-headers) of a kernel at least as new as the program needs; for QEMU, configure and build from the top of its source tree so linux-headers/ is used",
        };
      if (/^(?:linux|asm|asm-generic|drm|uapi|generated)\//.test(header))
        return fromTable(undefined, `it includes <${header}>, which this kernel's headers do not have`, f);
      const module = moduleOfPath(f.file);
      return {
        cause: `${module ?? 'the module'} does not build: it includes "${header}", which is not a kernel header but the module's own or a library's, and the compiler did not find it — the build did not get the module's include directories, or part of its source is missing. Nothing of the module is built`,
        fix: `check that the whole source tree was unpacked and that the build passes the module's include directories (a kernel that changed how Kbuild passes flags can lose them: NVIDIA driver releases before the 6.15 support lose their own headers that way); otherwise ${GENERAL_FIX}`,
      };
    },
    render: render(
      '',
      '/var/lib/dkms/vendor-reset/0.1.1/build/src/amd/amdgpu/atom.c',
      29,
      10,
      'asm/unaligned.h',
    ),
    examples: [
      ex(
        '/var/lib/dkms/vendor-reset/0.1.1/build/src/amd/amdgpu/atom.c:29:10: fatal error: asm/unaligned.h: No such file or directory',
        {
          file: '/var/lib/dkms/vendor-reset/0.1.1/build/src/amd/amdgpu/atom.c',
          header: 'asm/unaligned.h',
        },
      ),
      ex("/build/source/module/kvmfr.c:26:10: fatal error: 'linux/module.h' file not found", {
        header: 'linux/module.h',
      }),
    ],
  },
  {
    // Kept under its first id (harvest3b-sweep.ts) so reports that name it stay valid; it now reads
    // any build path and Clang's wording, and looks the function up in the table.
    id: 'dkms.make-log-compile-error',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-decl.cc implicit_decl_warning() ("implicit declaration of function %qE", an error since GCC 14 and under the kernel's -Werror=implicit-function-declaration) and ${CLANG}/DiagnosticSemaKinds.td (ext_implicit_function_decl_c99: "call to undeclared function %0; ISO C99 and later do not support implicit function declarations")`,
    format: "%s:%d:%d: error: implicit declaration of function '%s'",
    versions:
      'GCC quotes with ‘’ in a UTF-8 locale and \'\' otherwise (older GCC: ` \'), often adding "; did you mean ‘…’?" and "[-Wimplicit-function-declaration]"; Clang 16+ prints "call to undeclared function \'X\'; ISO C99 and later do not support implicit function declarations", older Clang "implicit declaration of function \'X\' is invalid in C99"',
    patterns: [
      new RegExp(`${FILE}error: implicit declaration of function ${Q}(?<function>\\w{1,100})${QE}`),
      new RegExp(`${FILE}error: call to undeclared function '(?<function>\\w{1,100})'; ISO C99`),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build calls a kernel function this kernel does not declare',
    cause:
      'building the module for this kernel failed: its source calls a function the kernel headers no longer (or not yet) declare — kernel APIs change between releases and a module release older than the kernel does not know it. The module (kvmfr, vendor-reset, i915-sriov-dkms, an NVIDIA driver) is not built, so it is missing on that kernel',
    fix: GENERAL_FIX,
    refine: (f) =>
      fromTable(
        apiChange(f.function, ['symbol']),
        `it calls ${f.function}(), which the kernel headers it includes do not declare`,
        f,
      ),
    render: render('', '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c', 167, 14, 'remap_vmalloc_range'),
    examples: [
      ex(
        '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:167:14: error: implicit declaration of function ‘remap_vmalloc_range’; did you mean ‘ida_alloc_range’? [-Wimplicit-function-declaration]',
        { file: '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c', function: 'remap_vmalloc_range' },
        'https://github.com/gnif/LookingGlass/issues/1134',
      ),
      ex(
        "src/vendor-reset/device.c:88:3: error: call to undeclared function 'strlcpy'; ISO C99 and later do not support implicit function declarations",
        {
          function: 'strlcpy',
        },
      ),
    ],
  },
  {
    id: 'modbuild.argument-count',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-typeck.cc convert_arguments() ("too many arguments to function %qE" / "too few arguments to function %qE") and ${CLANG}/DiagnosticSemaKinds.td err_typecheck_call_too_many_args / too_few_args ("too many arguments to function call, expected %1, have %2")`,
    format: "%s:%d:%d: error: too many arguments to function '%s'",
    versions:
      'GCC 14+ appends "; expected N, have M"; Clang does not name the function on this line ("too many arguments to function call, expected 1, have 2") but in the note after it',
    patterns: [
      new RegExp(
        `${FILE}error: too (?<which>many|few) arguments to function ${Q}(?<function>\\w{1,100})${QE}`,
      ),
      new RegExp(
        `${FILE}error: too (?<which>many|few) arguments to function call, expected (?<expected>\\d{1,2}), have (?<have>\\d{1,2})`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build calls a kernel function with the arguments of another kernel version',
    cause:
      'the module calls a kernel function with more or fewer arguments than this kernel declares: the function signature changed between kernel releases and the module source is written for another one. The module is not built',
    fix: GENERAL_FIX,
    refine: (f) =>
      fromTable(
        apiChange(f.function, ['symbol']),
        f.function
          ? `it calls ${f.function}() with too ${f.which} arguments for the signature this kernel declares`
          : `a call has too ${f.which} arguments for this kernel (expected ${f.expected}, given ${f.have}; the note line after it names the function)`,
        f,
      ),
    render: render('', '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c', 489, 16, 'class_create'),
    examples: [
      ex(
        "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:489:16: error: too many arguments to function 'class_create'",
        {
          function: 'class_create',
          which: 'many',
        },
      ),
      ex(
        'nvidia-vgpu-vfio/nvidia-vgpu-vfio.c:2118:9: error: too many arguments to function ‘eventfd_signal’; expected 1, have 2',
        {
          function: 'eventfd_signal',
        },
      ),
      ex(
        '/build/source/module/kvmfr.c:489:44: error: too many arguments to function call, expected 1, have 2',
        {
          expected: '1',
          have: '2',
        },
      ),
    ],
  },
  {
    id: 'modbuild.incompatible-pointer',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-typeck.cc convert_for_assignment() ("initialization of %qT from incompatible pointer type %qT", "assignment to %qT from incompatible pointer type %qT"; an error since GCC 14 and under the kernel's -Werror=incompatible-pointer-types) and ${CLANG}/DiagnosticSemaKinds.td ("incompatible function pointer types initializing %0 with an expression of type %1")`,
    format: "%s:%d:%d: error: initialization of '%s' from incompatible pointer type '%s'",
    versions:
      'GCC before 8 printed "initialization from incompatible pointer type" without the types; Clang: "incompatible function pointer types initializing \'T\' with an expression of type \'U\'" (or "incompatible pointer types assigning to …")',
    patterns: [
      new RegExp(
        `${FILE}error: (?:initialization of|assignment to) ${Q}(?<to>[^'\\u2018\\u2019\\n]{1,200})${QE} from incompatible pointer type ${Q}(?<from>[^'\\u2018\\u2019\\n]{1,200})${QE}`,
      ),
      new RegExp(
        `${FILE}error: incompatible (?:function )?pointer types (?:initializing|assigning to) '(?<to>[^'\\n]{1,200})' (?:with an expression of type|from) '(?<from>[^'\\n]{1,200})'`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build hands the kernel a callback whose signature changed',
    cause:
      "the module fills a kernel structure of callbacks (file_operations, a driver's ops, an mdev or vfio_device_ops table) with a function whose parameters or return type no longer match what this kernel declares: the callback's signature changed between kernel releases. The module is not built",
    fix: GENERAL_FIX,
    refine: (f) => {
      const types = `${f.to ?? ''} ${f.from ?? ''}`;
      const row =
        /kobject/.test(types) && /mdev_device/.test(types) ? apiChange('create', ['type']) : undefined;
      return fromTable(row, `a callback has type ${f.from} where this kernel expects ${f.to}`, f);
    },
    render: render(
      '',
      'nvidia-vgpu-vfio/nvidia-vgpu-vfio.c',
      4120,
      15,
      'int (*)(struct mdev_device *)',
      'int (*)(struct kobject *, struct mdev_device *)',
    ),
    examples: [
      ex(
        "nvidia-vgpu-vfio/nvidia-vgpu-vfio.c:4120:15: error: initialization of 'int (*)(struct mdev_device *)' from incompatible pointer type 'int (*)(struct kobject *, struct mdev_device *)' [-Werror=incompatible-pointer-types]",
        { to: 'int (*)(struct mdev_device *)', from: 'int (*)(struct kobject *, struct mdev_device *)' },
      ),
      ex(
        "/tmp/mod/src/main.c:40:14: error: incompatible function pointer types initializing 'void (*)(struct platform_device *)' with an expression of type 'int (struct platform_device *)'",
        { to: 'void (*)(struct platform_device *)' },
      ),
    ],
  },
  {
    id: 'modbuild.struct-member',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-typeck.cc build_component_ref() ("%qT has no member named %qE") and gcc/c-family/c-warn.cc readonly_error() ("assignment of read-only member %qD"); ${CLANG}/DiagnosticSemaKinds.td err_no_member ("no member named %0 in %1")`,
    format: "%s:%d:%d: error: '%s' has no member named '%s'",
    versions:
      "the same family: \"assignment of read-only member 'vm_flags'\" (a member that became const, Linux 6.3) and \"invalid use of undefined type 'struct X'\" (a struct the kernel removed); Clang: \"no member named 'Y' in 'struct X'\"",
    patterns: [
      new RegExp(
        `${FILE}error: ${Q}(?<struct>(?:struct|union) \\w{1,80})${QE} has no member named ${Q}(?<member>\\w{1,80})${QE}`,
      ),
      new RegExp(
        `${FILE}error: no member named '(?<member>\\w{1,80})' in '(?<struct>(?:struct|union) \\w{1,80})'`,
      ),
      new RegExp(`${FILE}error: assignment of read-only member ${Q}(?<member>\\w{1,80})${QE}`),
      new RegExp(`${FILE}error: invalid use of undefined type ${Q}(?<struct>struct (?<type>\\w{1,80}))${QE}`),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build uses a kernel structure member that changed',
    cause:
      'the module reads or writes a member of a kernel structure that this kernel no longer has, has renamed or made read-only: the structure changed between kernel releases and the module source is written for another one. The module is not built',
    fix: GENERAL_FIX,
    refine: (f) => {
      const row = apiChange(f.member, ['member']) ?? apiChange(f.type, ['type']);
      const what = f.type
        ? `it uses ${f.struct}, which this kernel does not define`
        : f.struct
          ? `it uses ${f.struct}'s member ${f.member}, which this kernel does not have`
          : `it assigns ${f.member}, which this kernel made read-only`;
      return fromTable(row, what, f);
    },
    render: render('', '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c', 318, 6, 'struct mm_struct', 'mmap_sem'),
    examples: [
      ex(
        "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:318:6: error: 'struct mm_struct' has no member named 'mmap_sem'",
        {
          struct: 'struct mm_struct',
          member: 'mmap_sem',
        },
      ),
      ex('/build/source/module/kvmfr.c:301:17: error: assignment of read-only member ‘vm_flags’', {
        member: 'vm_flags',
      }),
      ex("nvidia-vgpu-vfio/vgpu.c:52:15: error: invalid use of undefined type 'struct mdev_parent_ops'", {
        type: 'mdev_parent_ops',
      }),
    ],
  },
  {
    id: 'modbuild.undeclared',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-decl.cc undeclared_variable() ("%qE undeclared here (not in a function)", "%qE undeclared (first use in this function)") and gcc/c/c-parser.cc ("unknown type name %qE"; "expected %<,%> or %<;%> before …"); ${CLANG}/DiagnosticSemaKinds.td err_undeclared_var_use ("use of undeclared identifier %0")`,
    format: "%s:%d:%d: error: '%s' undeclared here (not in a function)",
    versions:
      'GCC: "‘X’ undeclared here (not in a function)" at file scope (an initializer such as .llseek = no_llseek), "‘X’ undeclared (first use in this function)" inside one, "unknown type name ‘T’"; Clang: "use of undeclared identifier \'X\'", "unknown type name \'T\'". A namespace written the pre-6.13 way, MODULE_IMPORT_NS(DMA_BUF), fails on 6.13+ as "expected \',\' or \';\' before \'DMA_BUF\'"',
    patterns: [
      new RegExp(`${FILE}error: ${Q}(?<symbol>\\w{1,100})${QE} undeclared`),
      new RegExp(`${FILE}error: use of undeclared identifier '(?<symbol>\\w{1,100})'`),
      new RegExp(`${FILE}error: unknown type name ${Q}(?<symbol>\\w{1,100})${QE}`),
      new RegExp(
        `${FILE}error: expected ${Q},${QE} or ${Q};${QE} before ${Q}(?<ns>DMA_BUF|IOMMUFD\\w{0,20}|CXL|EFIVAR)${QE}`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build uses a kernel name this kernel does not define',
    cause:
      "the module uses an identifier or type name (a constant, a macro, a helper, a struct typedef) that this kernel's headers do not define: it was removed or renamed in a newer kernel, or only exists in a newer one than this. The module is not built",
    fix: GENERAL_FIX,
    refine: (f) => {
      if (f.ns)
        return fromTable(
          apiChange('MODULE_IMPORT_NS', ['namespace']),
          `it names the symbol namespace ${f.ns} without quotes (MODULE_IMPORT_NS(${f.ns}))`,
          f,
        );
      return fromTable(
        apiChange(f.symbol, ['symbol']),
        `it uses ${f.symbol}, which this kernel does not define`,
        f,
      );
    },
    render: render(
      '',
      '/var/lib/dkms/nvidia/535.161.05/build/nvidia-vgpu-vfio/vgpu.c',
      1450,
      19,
      'no_llseek',
    ),
    examples: [
      ex(
        "/var/lib/dkms/nvidia/535.161.05/build/nvidia-vgpu-vfio/vgpu.c:1450:19: error: 'no_llseek' undeclared here (not in a function); did you mean 'noop_llseek'?",
        {
          symbol: 'no_llseek',
        },
      ),
      ex("src/kvmfr.c:38:18: error: expected ',' or ';' before 'DMA_BUF'", { ns: 'DMA_BUF' }),
      ex('/tmp/i915-sriov-dkms/drivers/gpu/drm/i915/i915_drv.h:60:1: error: unknown type name ‘vm_fault_t’', {
        symbol: 'vm_fault_t',
      }),
    ],
  },
  {
    id: 'modbuild.modpost-undefined',
    source: 'userspace tool',
    cite: `${MODPOST} check_exports() ("\\"%s\\" [%s.ko] undefined!", through modpost_log(): an error, or a warning under KBUILD_MODPOST_WARN)`,
    format: '"%s" [%s.ko] undefined!',
    versions:
      'printed as "ERROR: modpost: …" (older kernels: "ERROR: …" without "modpost:"; "WARNING: modpost: …" when KBUILD_MODPOST_WARN is set); the module is named by its build path, and modpost stops reporting after the first several',
    patterns: [
      /(?<level>ERROR|WARNING): (?:modpost: )?"(?<symbol>\w{1,120})" \[(?<ko>[^\]\s]{1,240}\.ko)\] undefined!/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module links against a kernel symbol this kernel does not export',
    cause:
      "the module compiled, but modpost found no export of a symbol it uses in the kernel or in the modules it was given: the kernel removed or stopped exporting the function (or renamed it while a macro kept the old name out of view), the module was built against another kernel's Module.symvers, or the symbol comes from another out-of-tree module whose Module.symvers this build was not given (KBUILD_EXTRA_SYMBOLS). The .ko is not produced",
    fix: `build against the headers of the kernel you boot; for a symbol of another out-of-tree module pass its Module.symvers with KBUILD_EXTRA_SYMBOLS=…; otherwise ${GENERAL_FIX}`,
    refine: (f) => {
      const row = apiChange(f.symbol, ['symbol']);
      const base = fromTable(row, `it uses ${f.symbol}, which this kernel does not export`, f);
      if (f.level === 'WARNING') return { ...base, severity: 'warning' };
      return base;
    },
    render: render('ERROR: modpost: ', 'follow_pfn', '/var/lib/dkms/nvidia/550.54.10/build/nvidia'),
    examples: [
      ex('ERROR: modpost: "follow_pfn" [/var/lib/dkms/nvidia/550.54.10/build/nvidia.ko] undefined!', {
        symbol: 'follow_pfn',
        ko: '/var/lib/dkms/nvidia/550.54.10/build/nvidia.ko',
      }),
      ex('WARNING: modpost: "vfio_alloc_device" [/build/source/my_mdev.ko] undefined!', {
        level: 'WARNING',
        symbol: 'vfio_alloc_device',
      }),
    ],
  },
  {
    id: 'modbuild.modpost-namespace',
    source: 'userspace tool',
    cite: `${MODPOST} check_exports() ("module %s uses symbol %s from namespace %s, but does not import it.", through modpost_log(): an error unless KBUILD_NSDEPS / allow_missing_ns_imports makes it a warning)`,
    format: 'module %s uses symbol %s from namespace %s, but does not import it.',
    versions:
      'printed as "ERROR: modpost: module …" (a warning, "WARNING: modpost: …", in kernels and builds that allow missing imports); one line per symbol',
    patterns: [
      /(?<level>ERROR|WARNING): modpost: module (?<module>[\w-]{1,80}) uses symbol (?<symbol>\w{1,120}) from namespace (?<ns>[\w.:-]{1,60}), but does not import it/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module uses a kernel symbol from a namespace it does not import',
    cause:
      'the kernel exports some symbols in a namespace (EXPORT_SYMBOL_NS), and a module using them must say so with MODULE_IMPORT_NS(); modpost found a use without the import and refused to finish the module. The module source predates the kernel putting that symbol in a namespace',
    fix: 'add MODULE_IMPORT_NS(NAMESPACE); to the module source — from Linux 6.13 the namespace is a string, MODULE_IMPORT_NS("NAMESPACE"); — or update the module to a release that has it',
    refine: (f) => {
      const row = apiChange(f.ns, ['namespace']);
      const base = row
        ? {
            title: `${f.module} does not import the ${f.ns} namespace (needed since Linux ${row.version})`,
            cause: `${f.module} uses ${f.symbol}, which the kernel exports in the ${f.ns} namespace since Linux ${row.version} — commit ${row.commit}: ${row.change}. modpost refuses the module without the import`,
            fix: row.fix,
          }
        : {
            cause: `${f.module} uses ${f.symbol}, which this kernel exports in the ${f.ns} namespace; the module's source does not import it, so modpost refuses the module`,
            fix: `add MODULE_IMPORT_NS(${f.ns}); to the module (written MODULE_IMPORT_NS("${f.ns}"); on Linux 6.13 and later), or update the module to a release that has it`,
          };
      return f.level === 'WARNING' ? { ...base, severity: 'warning' } : base;
    },
    render: render('ERROR: modpost: ', 'kvmfr', 'dma_buf_get', 'DMA_BUF'),
    examples: [
      ex(
        'ERROR: modpost: module kvmfr uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.',
        {
          module: 'kvmfr',
          symbol: 'dma_buf_get',
          ns: 'DMA_BUF',
        },
      ),
      ex(
        'WARNING: modpost: module my_vfio uses symbol iommufd_device_bind from namespace IOMMUFD, but does not import it.',
        {
          level: 'WARNING',
          ns: 'IOMMUFD',
        },
      ),
    ],
  },
  {
    id: 'modbuild.modpost-gpl-only',
    source: 'userspace tool',
    cite: `${MODPOST} check_exports() ("GPL-incompatible module %s.ko uses GPL-only symbol '%s'", through error())`,
    format: "GPL-incompatible module %s.ko uses GPL-only symbol '%s'",
    versions: 'printed as "ERROR: modpost: …" (older kernels: "FATAL: modpost: …")',
    patterns: [
      /(?:ERROR|FATAL): modpost: GPL-incompatible module (?<ko>[^\s]{1,200}\.ko) uses GPL-only symbol '(?<symbol>\w{1,120})'/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A non-GPL module uses a symbol the kernel exports only to GPL modules',
    cause:
      "the module's MODULE_LICENSE is not GPL-compatible (NVIDIA's proprietary kernel modules, some vendor drivers) and it uses a symbol this kernel exports with EXPORT_SYMBOL_GPL. Between kernel releases, or with a different kernel configuration, a function the module reaches (often through an inline helper or macro in a kernel header) can become GPL-only; modpost then refuses to produce the module",
    fix: `use a release of the driver that supports this kernel (vendors work around new GPL-only symbols), or build the kernel without the option that pulls the GPL-only call in; for NVIDIA GPUs that support it, the open kernel modules (GPL/MIT) avoid this; otherwise ${GENERAL_FIX}`,
    refine: (f) => {
      const module = moduleOfPath(f.ko) ?? f.ko;
      return {
        cause: `${module} is not GPL-licensed and uses ${f.symbol}, which this kernel exports only to GPL modules; modpost refused to produce it`,
      };
    },
    render: render('ERROR: modpost: ', 'nvidia', '__rcu_read_lock'),
    examples: [
      ex("ERROR: modpost: GPL-incompatible module nvidia.ko uses GPL-only symbol '__rcu_read_lock'", {
        ko: 'nvidia.ko',
        symbol: '__rcu_read_lock',
      }),
      ex(
        "FATAL: modpost: GPL-incompatible module nvidia-vgpu-vfio.ko uses GPL-only symbol 'vfio_pin_pages'",
        {
          symbol: 'vfio_pin_pages',
        },
      ),
    ],
  },
  {
    id: 'modbuild.redefinition',
    source: 'userspace tool',
    cite: `${GCC} gcc/c/c-decl.cc diagnose_mismatched_decls() ("redefinition of %q+D", "conflicting types for %q+D") and ${CLANG}/DiagnosticSemaKinds.td err_redefinition ("redefinition of %0")`,
    format: "%s:%d:%d: error: redefinition of '%s'",
    versions:
      'GCC follows it with "note: previous definition of ‘X’ with type …" pointing into the kernel headers',
    patterns: [
      new RegExp(
        `${FILE}error: (?<what>redefinition of|conflicting types for) ${Q}(?<symbol>\\w{1,100})${QE}`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A module build defines a name the kernel headers already define',
    cause:
      "the module defines a function, macro or type that this kernel's headers also define. Out-of-tree modules carry their own copies of kernel helpers for older kernels, chosen by a LINUX_VERSION_CODE check; when the kernel already has the helper but its version number says otherwise — distribution kernels that backport newer interfaces (RHEL, SUSE, Ubuntu's and Proxmox's kernels) — or the check is simply wrong, both definitions are compiled and collide. It can also be two out-of-tree packages installing the same header. The module is not built",
    fix: `use a release of the module that detects the interface itself rather than by version number (NVIDIA's conftest.sh and AMD's dkms configure do that), or one that names your distribution kernel; for a module you build yourself, guard the shim with a test for the helper (or the distribution's own version macros such as RHEL_RELEASE_CODE); otherwise ${GENERAL_FIX}`,
    refine: (f) => {
      const row = apiIntroducing(f.symbol);
      if (!row) return fromTable(undefined, `it defines ${f.symbol}, which this kernel already defines`, f);
      const module = moduleOfPath(f.file);
      return {
        title: `${module ?? 'An out-of-tree module'} does not build: its own ${f.symbol} collides with the kernel's`,
        cause: `${module ?? 'the module'} defines ${f.symbol} for kernels that lack it, and this kernel already has it: it came with Linux ${row.version} — commit ${row.commit}: ${row.change}. The module's version check thinks this kernel is older than ${row.version}: typical of a distribution kernel that backported the change under an older version number. The module is not built`,
      };
    },
    render: render('', '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c', 52, 20, 'vm_flags_set'),
    examples: [
      ex("/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:52:20: error: redefinition of 'vm_flags_set'", {
        what: 'redefinition of',
        symbol: 'vm_flags_set',
      }),
      ex('src/compat.h:12:5: error: conflicting types for ‘my_helper’', { symbol: 'my_helper' }),
    ],
  },
  {
    id: 'modbuild.unknown-compiler-option',
    source: 'userspace tool',
    cite: `${GCC} gcc/gcc.cc (the driver: "unrecognized command-line option %qs") and llvm/llvm-project clang/include/clang/Basic/DiagnosticDriverKinds.td err_drv_unknown_argument ("unknown argument: '%0'"), for the flags the kernel's Makefiles pass to a module build from the kernel's configuration`,
    format: "%s: error: unrecognized command-line option '%s'",
    versions:
      'older GCC: "unrecognized command line option" (no hyphen); when the option is a warning switch GCC only warns ("-Wno-…") — those lines are harmless',
    patterns: [
      new RegExp(
        `(?<cc>[\\w.+-]{1,40}): error: unrecognized command[- ]line option ${Q}(?<opt>-[^'\\u2018\\u2019\\s]{1,80})${QE}`,
      ),
      /(?<cc>clang[\w.+-]{0,20}): error: unknown argument: '(?<opt>-[^'\s]{1,80})'/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: "The module is being compiled with a compiler older than (or different from) the kernel's",
    cause:
      'a module build uses the compiler flags of the kernel it builds against, chosen when that kernel was configured with its own compiler; the compiler this build runs does not know one of them, so it is another (usually older) compiler than the kernel\'s, or GCC where the kernel was built with Clang (CachyOS and other LLVM-built kernels). The "warning: the compiler differs from the one used to build the kernel" line before it names both. Nothing is built',
    fix: "install and use the compiler the kernel was built with — its version is in /proc/version and in that warning (e.g. the distribution's gcc-13 / gcc-14 package, `make CC=gcc-14`, or for a Clang-built kernel `make LLVM=1` / dkms with LLVM=1 in its make command); on a distribution, a full system update brings the matching compiler",
    refine: (f) =>
      /^clang/.test(f.cc ?? '')
        ? undefined
        : {
            cause: `${f.cc} does not know ${f.opt}, a flag of the kernel this module is built against: the kernel was compiled with a newer GCC, or with Clang. The "compiler differs" warning before it names both compilers. Nothing is built`,
          },
    render: render('', 'gcc-12', '-ftrivial-auto-var-init=zero'),
    examples: [
      ex("gcc-12: error: unrecognized command-line option '-ftrivial-auto-var-init=zero'", {
        cc: 'gcc-12',
        opt: '-ftrivial-auto-var-init=zero',
      }),
      ex("clang: error: unknown argument: '-mindirect-branch-register'", { cc: 'clang' }),
    ],
  },
  {
    id: 'modbuild.compiler-differs',
    source: 'userspace tool',
    cite: 'torvalds/linux Makefile (the prepare target: CC_VERSION_TEXT compared with the kernel configuration\'s CONFIG_CC_VERSION_TEXT, then "The kernel was built by: …" and "You are using: …")',
    format: 'warning: the compiler differs from the one used to build the kernel',
    versions:
      'newer kernels say "the C compiler differs …" and add the same check for the Rust compiler; the two lines after it give both compilers\' version strings',
    patterns: [/warning: the (?<lang>C |Rust )?compiler differs from the one used to build the kernel/],
    tier: 'fallback',
    severity: 'info',
    title: "The module build uses another compiler binary than the kernel's (usually harmless)",
    cause:
      'kbuild compares the compiler\'s version string with the one recorded when the kernel was configured and prints this when they differ in any way. Most often only the name differs (the kernel built by "x86_64-linux-gnu-gcc-13", you using "gcc-13", same version): harmless, the build goes on. It matters when the versions differ: then flags the kernel\'s compiler had may be unknown to yours ("unrecognized command-line option") or the module may be built with a different ABI-relevant behaviour',
    fix: 'compare the two version strings on the lines after it; if only the program name differs, ignore it and look for the first "error:" of the build instead; if the versions differ, install the same compiler version the kernel was built with and build with it (`make CC=gcc-N`, or LLVM=1 for a Clang-built kernel)',
    render: render(''),
    examples: [
      ex('warning: the compiler differs from the one used to build the kernel'),
      ex('warning: the C compiler differs from the one used to build the kernel', { lang: 'C ' }),
    ],
  },
  {
    id: 'modbuild.btf-skipped',
    source: 'userspace tool',
    cite: "torvalds/linux scripts/Makefile.modfinal (cmd_btf_ko: without the kernel's vmlinux next to the headers, pahole cannot add BTF type information to the module)",
    format: 'Skipping BTF generation for %s due to unavailability of vmlinux',
    versions:
      'printed once per module after "BTF [M] FILE.ko"; a later change reads vmlinux.unstripped and names that file',
    patterns: [/Skipping BTF generation for (?<ko>[^\s]{1,240}\.ko) due to unavailability of vmlinux/],
    tier: 'fallback',
    severity: 'info',
    title: 'The module was built without BTF debug information (harmless)',
    cause:
      "the kernel has CONFIG_DEBUG_INFO_BTF_MODULES, so kbuild adds BTF type information to each module it links — but that needs the kernel's own vmlinux, which header packages do not ship. The module is built and loads normally; only BPF tools that want its type information lack it. It is not the reason a build failed",
    fix: 'nothing; if the build failed, look for the first "error:" or "ERROR: modpost:" line above it (`grep -n "error" /var/lib/dkms/MODULE/VERSION/build/make.log`)',
    render: render('', '/var/lib/dkms/vendor-reset/0.1.1/build/vendor-reset.ko'),
    examples: [
      ex(
        'Skipping BTF generation for /var/lib/dkms/vendor-reset/0.1.1/build/vendor-reset.ko due to unavailability of vmlinux',
        {
          ko: '/var/lib/dkms/vendor-reset/0.1.1/build/vendor-reset.ko',
        },
      ),
    ],
  },
];

export const MODBUILD_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'dkms.make-log-compile-error',
    file: 'llvm/llvm-project clang/include/clang/Basic/DiagnosticSemaKinds.td',
    format: "%s:%d:%d: error: implicit declaration of function '%s' is invalid in C99",
    text: "/usr/src/vendor-reset-0.1.1/src/amd/amdgpu/atom.c:32:10: error: implicit declaration of function 'get_unaligned_le32' is invalid in C99",
  },
  {
    id: 'modbuild.undeclared',
    file: 'gcc-mirror/gcc gcc/c/c-decl.cc',
    format: "%s:%d:%d: error: '%s' undeclared (first use in this function)",
    text: "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:120:20: error: 'VM_RESERVED' undeclared (first use in this function)",
  },
  {
    id: 'modbuild.argument-count',
    file: 'gcc-mirror/gcc gcc/c/c-typeck.cc',
    format: "%s:%d:%d: error: too few arguments to function '%s'",
    text: "/var/lib/dkms/vendor-reset/0.1.1/build/src/hook.c:40:9: error: too few arguments to function 'pin_user_pages'",
  },
  {
    id: 'modbuild.incompatible-pointer',
    file: 'gcc-mirror/gcc gcc/c/c-typeck.cc',
    format: "%s:%d:%d: error: assignment to '%s' from incompatible pointer type '%s'",
    text: "/build/source/kvmfr.c:77:18: error: assignment to 'void (*)(struct device *)' from incompatible pointer type 'int (*)(struct device *)'",
  },
  {
    id: 'modbuild.redefinition',
    file: 'gcc-mirror/gcc gcc/c/c-decl.cc',
    format: "%s:%d:%d: error: conflicting types for '%s'",
    text: "/var/lib/dkms/nvidia/535.161.05/build/common/inc/nv-linux.h:1510:19: error: conflicting types for 'pde_data'",
  },
  {
    id: 'modbuild.unknown-compiler-option',
    file: 'gcc-mirror/gcc gcc/gcc.cc',
    format: "%s: error: unrecognized command line option '%s'",
    text: "gcc: error: unrecognized command line option '-mindirect-branch=thunk-extern'",
  },
  {
    id: 'modbuild.compiler-differs',
    file: 'torvalds/linux Makefile',
    format: 'warning: the Rust compiler differs from the one used to build the kernel',
    text: 'warning: the Rust compiler differs from the one used to build the kernel',
  },
];

export const MODBUILD_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux scripts/mod/modpost.c',
    format: '"%s" [%s.ko] was exported without definition',
    why: 'a defect of the module source itself (EXPORT_SYMBOL of a function it does not define), not a kernel update breaking it',
  },
  {
    file: 'torvalds/linux scripts/mod/modpost.c',
    format: 'missing MODULE_LICENSE() in %s',
    why: 'a module source without a licence tag; out-of-tree modules used for passthrough all have one',
  },
  {
    file: 'torvalds/linux scripts/mod/modpost.c',
    format: 'suppressed %u unresolved symbol warnings because there were too many)',
    why: 'a count after the undefined-symbol lines, which modbuild.modpost-undefined already explains',
  },
  {
    file: 'torvalds/linux scripts/mod/modpost.c',
    format: 'module name is too long [%s.ko]',
    why: 'not met with the modules this sweep is about; their names are short',
  },
  {
    file: 'torvalds/linux scripts/mod/modpost.c',
    format: 'EXPORT symbol "%s" [%s%s] version generation failed, symbol will not be versioned.',
    why: 'a warning about the kernel build itself (asm-prototypes), not an out-of-tree module build',
  },
];
