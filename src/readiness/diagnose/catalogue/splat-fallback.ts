/**
 * A kernel WARN or BUG splat anywhere in the code on the VFIO path (drivers/vfio/, drivers/iommu/,
 * drivers/pci/) that no entry for its file knows: what such a splat is, and where to take it. The
 * entries of the fifth harvest (harvest5b-sweep.ts) explain the splats people posted with their
 * fixes; this one answers the rest, in the fallback tier, so it never hides a specific entry.
 * Both of __warn()'s forms (kernel/panic.c: "WARNING: CPU: N PID: N at FILE:LINE FUNC+0x…/0x…" up
 * to Linux 6.18, "WARNING: FILE:LINE at FUNC+0x…/0x…, CPU#N: COMM/PID" since 6.19) and
 * report_bug()'s "kernel BUG at FILE:LINE!" (lib/bug.c).
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render, warnAt } from './build.js';

const FILE = '(?<file>drivers\\/(?<dir>vfio|iommu|pci)\\/[\\w.\\/-]{1,120}\\.[ch])';

/** The directory of the code a RIP line names, from its module or its function's prefix. */
const RIP_DIRS: Record<string, string> = {
  vfio: 'vfio',
  mdev: 'vfio',
  iommufd: 'iommu',
  iommu: 'iommu',
  intel: 'iommu',
  amd: 'iommu',
  dmar: 'iommu',
  cache: 'iommu',
  pci: 'pci',
  kvm: 'kvm',
  svm: 'kvm',
  vmx: 'kvm',
  avic: 'kvm',
  irqfd: 'kvm',
};

/** Functions of the VFIO path a splat's RIP line or trace may name: VFIO, the IOMMU drivers, KVM. */
const PATH_FUNC =
  '(?:vfio|iommufd|mdev|intel_iommu|amd_iommu|iommu|dmar|cache_tag|kvm|svm|vmx|avic|irqfd)_[\\w.]{1,80}';

/** The instruction-pointer line of a splat in VFIO, mdev or iommufd code (x86 "RIP: 0010:", arm64 "pc : "). */
const RIP = new RegExp(
  `(?<rip>RIP: 00[0-9a-f]{2}:|pc : )(?:\\[<[0-9a-f]{8,16}>\\] )?(?<func>${PATH_FUNC})\\+0x[0-9a-f]{1,8}\\/0x[0-9a-f]{1,8}(?: \\[(?<module>\\w{1,40})\\])?`,
);

/** A frame of a splat's call trace in VFIO, mdev or iommufd module code ("? " marks an unreliable frame). */
const FRAME = new RegExp(
  `^\\s{0,8}(?:\\? )?(?<frame>${PATH_FUNC})\\+0x[0-9a-f]{1,8}\\/0x[0-9a-f]{1,8} \\[(?<module>(?:vfio|iommufd|mdev|kvm)\\w{0,30})\\]`,
);

/** Where a RIP line's function sits, for the title. */
const PLACE: Record<string, string> = {
  vfio: 'on the VFIO path',
  iommu: 'in the IOMMU code',
  kvm: 'in KVM',
};

/** The list each directory's maintainers read (MAINTAINERS: VFIO DRIVER, IOMMU SUBSYSTEM, PCI SUBSYSTEM). */
const LISTS: Record<string, string> = {
  vfio: 'kvm@vger.kernel.org (VFIO)',
  kvm: 'kvm@vger.kernel.org (KVM)',
  iommu: 'iommu@lists.linux.dev (the IOMMU subsystem)',
  pci: 'linux-pci@vger.kernel.org (the PCI subsystem)',
};

/** The directory (RIP_DIRS) of the code a module or function name belongs to, from its prefix. */
const dirOf = (name: string | undefined): string => RIP_DIRS[(name ?? '').split('_')[0]] ?? '';
const listOf = (dir: string): string => LISTS[dir] ?? 'the list MAINTAINERS names for that code';

function refineSplat(f: Readonly<Record<string, string>>): Refinement | undefined {
  const where = `${f.file ?? 'the file named'}${f.func ? `, in ${f.func}()` : ''}`;
  const list = LISTS[f.dir ?? ''] ?? 'the list MAINTAINERS names for that file';
  if (f.frame !== undefined) {
    const list3 = listOf(dirOf(f.module));
    return {
      severity: 'error',
      title: `A kernel splat whose call trace runs through ${f.frame}() (${f.module})`,
      cause: `a frame of a kernel call trace: whatever the splat above it reports — an oops, a WARN, a lockdep report (a possible deadlock), a "sleeping function called from invalid context", a soft lockup or a hung task — happened while the kernel was in ${f.frame}() of the ${f.module} module, or below it (a driver, the IOMMU code or the memory manager called from there). Such splats are kernel bugs in the code of the trace, usually a race or a locking mistake on a rare path (a device released or removed while in use, a large mapping, a reset), not a configuration error`,
      fix: `read the first line of the splat ("BUG:", "WARNING:", "INFO:") for what happened and the topmost frame for where; note uname -r and search lore.kernel.org for those function names — most such bugs are fixed in a later stable release of the same series, so try the newest one; report it with the whole splat to ${list3} if a current kernel still does it`,
    };
  }
  if (f.rip !== undefined) {
    const at = `${f.func}()${f.module ? ` in the ${f.module} module` : ''}`;
    const dir = dirOf(f.module ?? f.func);
    const list2 = listOf(dir);
    return {
      severity: 'error',
      title: `A kernel oops or warning in ${f.func}(), ${PLACE[dir] ?? 'on the VFIO path'}`,
      cause: `the instruction pointer line of a kernel splat: the oops (a NULL pointer dereference or another bad address) or the warning above it happened in ${at}. That is a kernel bug in that code (or in a driver it called back), not a configuration error — typically a regression of one kernel release or a path that a rare sequence reaches (a device released half set up, a failed probe torn down, a hot-unplug during use); fixes for such bugs go into the stable kernels`,
      fix: `save the whole splat (from the "BUG:"/"WARNING:" line to "end trace", with the "Tainted:" and "Hardware name:" lines), note uname -r, search lore.kernel.org for ${f.func} — most such bugs are already fixed in a later stable release of the same series, so try the newest one; if a current kernel still does it, report it to ${list2}`,
    };
  }
  if (f.bug !== undefined)
    return {
      severity: 'error',
      cause: `a BUG_ON() fired in ${where}: the kernel found a state it cannot continue from and killed the task that was running (an oops). The device or the VM using it is now in an unknown state and the host may be unstable until it is rebooted. This is a kernel bug (in that code or in the driver in the call trace), not a configuration error`,
      fix: `save the whole oops (dmesg, with the "Tainted:" and "Hardware name:" lines and the call trace), reboot, and try the newest stable release of your kernel series; search lore.kernel.org for the function with "kernel BUG"; if a current kernel still does it, report it to ${list} with the oops`,
    };
  return {
    cause: `a WARN_ON() fired in ${where}: the kernel caught a state its developers treat as a bug — in that code, or in the driver or caller shown in the call trace below the line — and printed a backtrace. Unlike a BUG it carries on, but the operation that hit it (a bind, a reset, a DMA map, an unbind) may have failed or left the device half set up; it is not a configuration error by itself`,
    fix: `note the kernel release (uname -r, or the "Tainted:"/"Hardware name:" lines after it) and the function, and search lore.kernel.org for the function with "WARNING" — most such warnings are known and fixed in a later stable release of the same series, so try the newest one; if a current kernel still warns, report it to ${list} with the whole splat`,
  };
}

export const SPLAT_FALLBACK_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.splat-vfio-path',
    source: 'kernel',
    cite: 'torvalds/linux kernel/panic.c __warn() (the WARNING line of every WARN_ON()/WARN()) and lib/bug.c report_bug() ("kernel BUG at %s:%u!" for BUG_ON()), for a check in drivers/vfio/, drivers/iommu/ or drivers/pci/ that no entry for its file explains',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS\n',
    versions:
      'up to Linux 6.18 "WARNING: CPU: N PID: N at FILE:LINE FUNC+0xOFF/0xSIZE [module]"; since 6.19 "WARNING: FILE:LINE at FUNC+0xOFF/0xSIZE, CPU#N: COMM/PID"; "kernel BUG at FILE:LINE!" for BUG_ON(). Line numbers move with every release',
    tier: 'fallback',
    patterns: [...warnAt(FILE), new RegExp(`(?<bug>kernel BUG) at ${FILE}:(?<line>\\d{1,6})!`), RIP, FRAME],
    severity: 'warning',
    title: 'A kernel consistency check fired in the VFIO, IOMMU or PCI code',
    cause:
      'the kernel printed a WARN or BUG splat from the code on the VFIO path: a check its developers treat as a kernel bug fired (the file and function say which); it is not a configuration error by itself',
    fix: 'note the kernel release and the function, try the newest stable release of your series, and search lore.kernel.org for the function; report it with the whole splat if a current kernel still does it',
    refine: refineSplat,
    render: render(
      '',
      3,
      1742,
      'drivers/vfio/pci/vfio_pci_core.c',
      2261,
      'vfio_pci_core_disable+0x2f4/0x340 [vfio_pci_core]',
    ),
    examples: [
      ex(
        'WARNING: CPU: 3 PID: 1742 at drivers/vfio/pci/vfio_pci_core.c:2261 vfio_pci_core_disable+0x2f4/0x340 [vfio_pci_core]',
        {
          file: 'drivers/vfio/pci/vfio_pci_core.c',
          dir: 'vfio',
          func: 'vfio_pci_core_disable',
        },
      ),
      ex('[  118.204112] WARNING: drivers/pci/iov.c:932 at sriov_disable+0x11c/0x130, CPU#5: bash/4121', {
        dir: 'pci',
        func: 'sriov_disable',
      }),
      ex('[  812.330417] RIP: 0010:vfio_pci_core_close_device+0x5a/0xe0 [vfio_pci_core]', {
        func: 'vfio_pci_core_close_device',
        module: 'vfio_pci_core',
      }),
      ex('[  640.118822] pc : vfio_group_fops_release+0x2c/0x90 [vfio]', {
        func: 'vfio_group_fops_release',
        module: 'vfio',
      }),
      ex('[ 2210.556012]  vfio_pin_pages_remote+0x2a1/0x420 [vfio_iommu_type1]', {
        frame: 'vfio_pin_pages_remote',
        module: 'vfio_iommu_type1',
      }),
      ex('[  301.004118]  ? vfio_pci_core_ioctl+0x5b0/0xb20 [vfio_pci_core]', {
        frame: 'vfio_pci_core_ioctl',
      }),
      ex('[ 5123.861015] kernel BUG at drivers/iommu/iova.c:401!', {
        dir: 'iommu',
        file: 'drivers/iommu/iova.c',
      }),
    ],
  },
];
