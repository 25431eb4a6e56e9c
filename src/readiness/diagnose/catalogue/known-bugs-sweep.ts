/**
 * Known, fixed kernel bugs on the VFIO path, recognised by their signature: the line of a splat
 * that names the bug — the instruction pointer of an oops ("RIP: 0010:FUNCTION+0xOFF/0xSIZE",
 * arch/x86/kernel/dumpstack.c show_ip()), a lock line of a lockdep report ("ADDR (LOCK){....}-{N:N},
 * at: FUNCTION+0x…/0x…", kernel/locking/lockdep.c print_lock()), the first line of a KASAN report
 * ("BUG: KASAN: KIND in FUNCTION+0x…/0x…", mm/kasan/report.c) or a suspicious-RCU line
 * ("FILE:LINE RCU-list traversed in non-reader section!!", lockdep_rcu_suspicious()). The generic
 * answers for such lines live in splat-fallback.ts (fallback tier) and edge-causes-sweep.ts
 * (kernel.oops, the "BUG:" header line); these entries are ordinary ones, so for the lines they know
 * they answer first, with the bug, the kernels it was in and the fix. Each bug was taken from the
 * fix's commit message (which quotes the splat) and checked against the fix as merged or as a
 * stable review shows it; a release is named only where a stable review, a merge list or the
 * stored upstream source showed it, otherwise only the commit. WARN lines of files another sweep
 * already explains (vfio_iommu_type1.c, iommufd/, intel/iommu.c: harvest5b-sweep.ts) are not
 * matched again here; the RIP line of the same splat is. Examples are built from the format
 * strings.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** The offset part of a symbol as %pS prints it: "+0x1f/0xa0". */
const OFFSET = '\\+0x[0-9a-f]{1,8}\\/0x[0-9a-f]{1,8}';

/** An oops's instruction-pointer line (x86 "RIP: 0010:", arm64 "pc : ") in one of `funcs`. */
function ripIn(funcs: string): RegExp {
  return new RegExp(
    `(?:RIP: 00[0-9a-f]{2}:|pc : )(?<func>${funcs})${OFFSET}(?: \\[(?<module>\\w{1,40})\\])?`,
  );
}

/** A lockdep lock line ("ADDR (LOCK){+.+.}-{3:3}, at: FUNC+0x…/0x…") for `lock` taken in one of `funcs`. */
function lockAt(lock: string, funcs: string): RegExp {
  return new RegExp(
    `\\((?<lock>${lock})\\)\\{[-+.?]{4}\\}(?:-\\{\\d:\\d\\})?, at: (?<func>${funcs})${OFFSET}`,
  );
}

const RIP_FORMAT = 'RIP: %04x:%pS\n';
const RIP_VERSIONS =
  'x86 prints "RIP: 0010:FUNCTION+0xOFF/0xSIZE [module]" in the register dump of an oops or WARN (arm64: "pc : FUNCTION+0x…/0x…"); the offsets change with every build';
const LOCK_FORMAT = '%px (%s){%s}-{%d:%d}, at: %pS\n';
const LOCK_VERSIONS =
  'lockdep (CONFIG_PROVE_LOCKING, debug kernels such as Fedora\'s kernel-debug) prints each lock of a report as "ADDR (LOCK){USAGE}-{N:N}, at: FUNCTION+0x…/0x…" under "… is trying to acquire lock:", "but task is already holding lock:" or in the "N locks held by" list ("#1: " before it); older kernels print no "-{N:N}"';

/** Which AMD posted-interrupt bug an oops in the IRTE update code is, by the function. */
function refineAvic(f: Facts): Refinement | undefined {
  if (f.func === 'amd_iommu_update_ga')
    return {
      cause:
        "KVM followed a pointer into a freed KVM irqfd: when a VMM deassigned a KVM_IRQFD (QEMU does when a passed-through device's MSI/MSI-X vectors are torn down or rerouted — guest driver reload, VM reset, hot-unplug), KVM overwrote the irqfd's copy of the routing type, so kvm_arch_irq_bypass_del_producer() left the IRQ in posted (bypass) mode and the vCPU's list of posted IRQs kept an entry tied to the freed irqfd. When that memory was reused and zeroed, the next vCPU load (avic_update_iommu_vcpu_affinity()) passed a NULL IRTE pointer to amd_iommu_update_ga(). If AVIC was inhibited at the time, the same bug shows instead as \"list_add corruption\" from avic_pi_update_irte() on the next irqfd assignment. A bug in every kernel from 4.4 until its fix (CVE-2026-23198)",
      fix: 'update the host kernel to a release with "KVM: Don\'t clobber irqfd routing type when deassigning irqfd": 5.10.250, 5.15.200, 6.1.163, 6.6.124, 6.12.70, 6.18.10 or later in those series (per the CVE-2026-23198 record). Until then kvm_amd.avic=0 keeps KVM from posting device interrupts to vCPUs and avoids the path',
    };
  if (f.func === 'amd_iommu_deactivate_guest_mode')
    return {
      cause:
        'the AMD IOMMU lacked the GAMSup feature (guest virtual APIC mode), so the driver fell back to legacy GA interrupt remapping, but it had already advertised IRQ_POSTING_CAP to KVM; when KVM toggled AVIC for a guest (the report: a warm reboot of the VM, svm_set_pi_irte_mode()), it asked the IOMMU to take an IRTE out of guest mode and followed data that was never set up. Present since the guest vAPIC log support (8bda0cfbdc1a, "iommu/amd: Detect and initialize guest vAPIC log")',
      fix: 'update to a kernel with c3811a50addd ("iommu/amd: Relocate GAMSup check to early_enable_iommus", August 2021), which decides the interrupt remapping mode before advertising posting; until then boot with amd_iommu_intr=legacy or load kvm_amd with avic=0',
    };
  return undefined;
}

/** Which VFIO lock inversion a lockdep line names, by the lock. */
function refineVfioLockdep(f: Facts): Refinement | undefined {
  if (f.lock === '&vdev->vma_lock')
    return {
      cause:
        "lockdep found a cycle through vfio-pci's vma_lock (the lock that tracked the user mappings of a device's BARs, taken in vfio_pci_mmap_fault()). The known report (6.9-rc5): a DMA map of guest memory that includes another vfio-pci device's BAR faults it in while holding mmap_lock (vaddr_get_pfns() → vfio_pci_mmap_fault() → vma_lock); VFIO_DEVICE_GET_PCI_HOT_RESET_INFO copied its device list to user memory (which may fault, taking mmap_lock) from inside a PCI bus walk holding pci_bus_sem; and a hot reset holds memory_lock while waiting for the secondary bus under pci_bus_sem — together a possible deadlock between a VM's DMA mapping and a hot reset. A potential deadlock found by the checker, not a hang that happened",
      fix: 'update to a kernel with "vfio/pci: Collect hot-reset devices to local buffer" (Alex Williamson, queued in May 2024 for Linux 6.10), which fills the device list into a kernel buffer and copies it out after the bus walk. The report appears only on lockdep (debug) kernels',
    };
  if (f.lock === '&vdev->memory_lock' && f.func === 'vfio_pci_core_runtime_resume')
    return {
      cause:
        'lockdep found a cycle between enabling SR-IOV on a PF bound to vfio-pci and opening a device: vfio_pci_core_sriov_configure() held the PF\'s memory_lock (to keep it in D0) while pci_enable_sriov() added the VFs and waited for their probe, and probing a VF with vfio-pci takes a device-set lock; opening a device through its group holds the device-set lock and wakes the device from runtime suspend, and vfio_pci_core_runtime_resume() takes memory_lock. From f4162eb1e2fc ("vfio/pci: Change the PF power state to D0 before enabling VFs"). A potential deadlock found by the checker',
      fix: 'update to a kernel with 40ef3edf151e ("vfio/pci: Use a private flag to prevent power state change with VFs", May 2026, marked for stable; it did not apply to 6.1 as is), which drops memory_lock before pci_enable_sriov(). Until then create the VFs (sriov_numvfs) before a VMM opens devices, not while it does',
    };
  if (f.lock === '&group->group_lock')
    return {
      cause:
        'VFIO and KVM\'s VFIO pseudo-device took the VFIO group lock and kvm->lock in opposite orders around the VM\'s KVM pointer: vfio_file_set_kvm() takes the group lock when KVM attaches a group to the VM or drops it at teardown (kvm_device_release() holds kvm->lock), while opening a device whose driver needs KVM (vfio-ap, GVT-g kvmgt, s390 zPCI) takes kvm->lock under the group lock. Before the fix the last KVM reference could also be dropped from a device close while the group lock was held, so a VM teardown could really hang in vfio_file_set_kvm(). From 421cfe6596f6 ("vfio: remove VFIO_GROUP_NOTIFY_SET_KVM"); this report came from testing a first fix, "kvm/vfio: Fix potential deadlock on vfio group_lock" (January 2023, on 6.2-rc6)',
      fix: 'update to a kernel with 2b48f52f2bff ("vfio: fix deadlock between group lock and kvm lock", February 2023), which takes the KVM reference at device open and drops it at close without the group lock. If a VM shutdown hangs with vfio_file_set_kvm in the blocked task\'s trace, that is the same bug',
    };
  return undefined;
}

/** Which VT-d boot-time lockdep report a lock line belongs to, by the lock. */
function refineIntelLockdep(f: Facts): Refinement | undefined {
  if (f.lock === '&device->physical_node_lock')
    return {
      cause:
        "at boot, intel_iommu_init() held dmar_global_lock (the VT-d driver's lock over its list of remapping units) while it probed the ACPI namespace devices of the DMAR table, taking each ACPI device's physical_node_lock and then the IOMMU core's iommu_probe_device_lock — the reverse of the order taken when the units are registered. Reported on Skylake and Kaby Lake machines with 6.14 release candidates; introduced by b150654f74bf (\"iommu/vt-d: Fix suspicious RCU usage\"). Boot is single-threaded here, so the deadlock is theoretical",
      fix: 'update to a kernel with 93ae6e68b6d6 ("iommu/vt-d: Fix possible circular locking dependency"), which releases the global lock around that probe; it was taken into the 6.14 stable series in April 2025. The report appears only on lockdep (debug) kernels',
    };
  if (f.lock === 'dmar_global_lock')
    return {
      cause:
        'possible recursive locking at boot: intel_iommu_init() holds dmar_global_lock and registers each IOMMU, which probes the devices behind it and asks for their reserved regions (RMRRs); intel_iommu_get_resv_regions() took the same rwsem again. 5f64ce5411b46 ("iommu/vt-d: Duplicate iommu_resv_region objects per device list") had replaced RCU with dmar_global_lock there, and 57365a04c921 ("iommu: Move bus setup to IOMMU device registration") made the nesting happen on every boot. Taking a read lock twice only deadlocks if a writer (DMAR unit hot-add) queues between, so it is harmless at boot',
      fix: 'update to a kernel with "iommu/vt-d: Use rcu_lock in get_resv_regions" (Lu Baolu, posted as a fix in October 2022), which walks the RMRR list under RCU again. The report appears only on lockdep (debug) kernels',
      severity: 'info',
    };
  return undefined;
}

export const KNOWN_BUGS_ENTRIES: CatalogueEntry[] = [
  // ---- AMD IOMMU posted interrupts (AVIC) with assigned devices ----
  {
    id: 'kernel.kbug-amd-avic-irte',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() (the RIP line) in drivers/iommu/amd/iommu.c amd_iommu_update_ga() / amd_iommu_deactivate_guest_mode(), called from arch/x86/kvm/svm/avic.c avic_update_iommu_vcpu_affinity() / svm_set_pi_irte_mode(); fixes: virt/kvm/eventfd.c "KVM: Don\'t clobber irqfd routing type when deassigning irqfd" (CVE-2026-23198), drivers/iommu/amd/init.c c3811a50addd',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. The "BUG: kernel NULL pointer dereference" or "BUG: unable to handle page fault" line comes before it, the call trace (avic_update_iommu_vcpu_affinity, __avic_vcpu_load, svm_set_pi_irte_mode [kvm_amd]) after it`,
    patterns: [ripIn('amd_iommu_update_ga|amd_iommu_deactivate_guest_mode')],
    severity: 'error',
    title: "Kernel oops in the AMD IOMMU's posted-interrupt (AVIC) code for a passed-through device",
    cause:
      "the CPU faulted in the AMD IOMMU driver's code that rewrites an interrupt remapping table entry (IRTE) so a passed-through device's MSI is posted straight to a guest vCPU (AVIC with the IOMMU's guest virtual APIC mode). KVM calls it when a vCPU is loaded or AVIC is toggled; a bad pointer there is a kernel bug in the bookkeeping of those posted IRQs, not a configuration error. The function named says which known bug it is",
    fix: 'update the host kernel to a stable release with the fix for the function named; meanwhile load kvm_amd with avic=0 (or boot with amd_iommu_intr=legacy) so device interrupts are not posted to vCPUs and the path is not taken',
    refine: refineAvic,
    render: render('', 16, 'amd_iommu_update_ga+0x2c/0x110'),
    examples: [
      ex('[ 1203.417723] RIP: 0010:amd_iommu_update_ga+0x2c/0x110', { func: 'amd_iommu_update_ga' }),
      ex('RIP: 0010:amd_iommu_deactivate_guest_mode+0x23/0xd0', { func: 'amd_iommu_deactivate_guest_mode' }),
    ],
  },
  {
    id: 'kernel.kbug-amd-iommu-enable-faulting',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() in drivers/iommu/amd/init.c amd_iommu_enable_faulting(), reached from the CPU-hotplug callback that d74169ceb0d2 ("iommu/vt-d: Allocate DMAR fault interrupts locally") added; fixed by 12243a8115f8',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. Only Linux 6.10-rc1 to the release candidate before the fix (June 2024); the offset is +0x0, the first instruction of the function, because its code had been freed`,
    patterns: [ripIn('amd_iommu_enable_faulting')],
    severity: 'error',
    title:
      'Kernel panic bringing a CPU online: the AMD IOMMU fault handler setup was already freed (6.10-rc)',
    cause:
      'a CPU was brought online after boot (CPU hotplug, resume, a test that offlines CPUs) and the kernel jumped into amd_iommu_enable_faulting(), whose code lived in init memory freed at the end of boot: d74169ceb0d2 (Linux 6.10-rc1) moved the setup of interrupt-remapping fault interrupts into a CPU-hotplug callback, which on AMD IOMMU hosts calls this function, still marked __init. A regression of the 6.10 release candidates only: 12243a8115f8 ("iommu/amd: Fix panic accessing amd_iommu_enable_faulting") was merged in June 2024, before 6.10 was released',
    fix: 'use Linux 6.10 or later (or any kernel before 6.10-rc1); do not run the affected release candidates on AMD IOMMU hosts that hotplug CPUs',
    render: render('', 16, 'amd_iommu_enable_faulting+0x0/0x20'),
    examples: [
      ex('[  108.622391] RIP: 0010:amd_iommu_enable_faulting+0x0/0x20', {
        func: 'amd_iommu_enable_faulting',
      }),
    ],
  },
  // ---- Intel VT-d ----
  {
    id: 'kernel.kbug-intel-iommu-aux-detach',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() in drivers/iommu/intel/iommu.c intel_iommu_aux_detach_device() (aux_domain_remove_dev()); fixed by 18abda7a2d55',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. The line before it reads "general protection fault, probably for non-canonical address 0xdead000000000100" (a list poison value); the call trace runs through vfio_mdev_detach_domain and kvm_vfio_destroy`,
    patterns: [ripIn('intel_iommu_aux_detach_device')],
    severity: 'error',
    title: 'Kernel crash detaching mdev subdevices from an Intel IOMMU auxiliary domain',
    cause:
      'when the VM shut down, VFIO detached its mdevs (subdevices of a Scalable-IOV capable device, each attached through a VT-d auxiliary domain), and the driver walked list entries it had already freed: aux-domain attach/detach was not counted per subdevice, so with several subdevices of one parent device in the same guest the second detach used freed bookkeeping. A VT-d driver bug from 67b8e02b5e76 ("iommu/vt-d: Aux-domain specific domain attach/detach")',
    fix: 'update to a kernel with 18abda7a2d55 ("iommu/vt-d: Fix general protection fault in aux_detach_device()", merged in January 2021; it did not apply to 5.10 stable as is, so check your distribution kernel for it). Until then give each VM at most one subdevice of the same parent device',
    render: render('', 16, 'intel_iommu_aux_detach_device+0x10e/0x200'),
    examples: [
      ex('[  806.311402] RIP: 0010:intel_iommu_aux_detach_device+0x10e/0x200', {
        func: 'intel_iommu_aux_detach_device',
      }),
    ],
  },
  {
    id: 'kernel.lockdep-intel-iommu-init',
    source: 'kernel',
    cite: 'torvalds/linux kernel/locking/lockdep.c print_lock()/print_lock_name() (the lock line) for the locks drivers/iommu/intel/iommu.c intel_iommu_init() takes at boot: probe_acpi_namespace_devices() (physical_node_lock under dmar_global_lock; fixed by 93ae6e68b6d6) and intel_iommu_get_resv_regions() (dmar_global_lock again; fixed by "iommu/vt-d: Use rcu_lock in get_resv_regions")',
    format: LOCK_FORMAT,
    versions: `${LOCK_VERSIONS}. The report starts "WARNING: possible circular locking dependency detected" (physical_node_lock, 6.14) or "WARNING: possible recursive locking detected" (dmar_global_lock in intel_iommu_get_resv_regions, 6.1 cycle)`,
    patterns: [
      lockAt('&device->physical_node_lock', 'intel_iommu_init'),
      lockAt('dmar_global_lock', 'intel_iommu_get_resv_regions'),
    ],
    severity: 'warning',
    title: 'Lockdep report at boot in the Intel IOMMU (VT-d) initialisation',
    cause:
      "a debug kernel's lock checker found the VT-d driver taking its global lock (dmar_global_lock) and other locks in an order that could deadlock while intel_iommu_init() set up the IOMMUs at boot. A known, fixed bug in the VT-d driver; the lock named says which. Nothing hung: lockdep reports the possibility once and then turns itself off",
    fix: 'update to a kernel with the fix for the lock named (see the refined cause); these reports appear only on kernels built with lockdep (CONFIG_PROVE_LOCKING)',
    refine: refineIntelLockdep,
    render: render(
      '',
      'ffff8881034a2fa8',
      '&device->physical_node_lock',
      '+.+.',
      3,
      3,
      'intel_iommu_init+0xd91/0x1240',
    ),
    examples: [
      ex(
        '[    5.218711] ffff8881034a2fa8 (&device->physical_node_lock){+.+.}-{3:3}, at: intel_iommu_init+0xd91/0x1240',
        {
          lock: '&device->physical_node_lock',
        },
      ),
      ex(' ffffffff9b61d2f0 (dmar_global_lock){++++}-{3:3}, at: intel_iommu_get_resv_regions+0x2f/0x280', {
        lock: 'dmar_global_lock',
        func: 'intel_iommu_get_resv_regions',
      }),
    ],
  },
  {
    id: 'kernel.rcu-list-intel-iommu',
    source: 'kernel',
    cite: 'torvalds/linux kernel/locking/lockdep.c lockdep_rcu_suspicious() ("%s:%d %s!") for RCU_LOCKDEP_WARN(…, "RCU-list traversed in non-reader section!") in include/linux/rculist.h, reached from the DMAR unit list walks of drivers/iommu/dmar.c and drivers/iommu/intel-iommu.c (drivers/iommu/intel/ since 5.10)',
    format: '%s:%d %s!\n',
    versions:
      'printed after "WARNING: suspicious RCU usage" on kernels with CONFIG_PROVE_RCU_LIST; the file may carry the build directory in front ("/usr/src/kernel/drivers/iommu/dmar.c:366"). The VT-d driver moved from drivers/iommu/intel-iommu.c to drivers/iommu/intel/iommu.c in Linux 5.10',
    patterns: [
      /(?<file>drivers\/iommu\/(?:dmar|intel-iommu|intel\/[\w-]{1,24})\.c):(?<line>\d{1,6}) RCU-list traversed in non-reader section/,
    ],
    severity: 'warning',
    title: 'Suspicious RCU usage in the Intel IOMMU (DMAR) code (debug-kernel check)',
    cause:
      'the RCU list checker of a debug kernel saw the VT-d driver walk its list of remapping units (DMAR units, ATSR/RMRR entries) without an RCU read lock. Often these walks are safe because dmar_global_lock is held, which the checker did not know; where not, it is a real race with DMAR unit hot-add. The file says which kind',
    fix: 'update to the newest stable release of your series; these warnings appear only on kernels built with CONFIG_PROVE_RCU_LIST and do not affect device assignment by themselves',
    refine: (f) => {
      if (f.file === 'drivers/iommu/dmar.c' || f.file === 'drivers/iommu/intel-iommu.c')
        return {
          severity: 'info',
          title: 'Harmless RCU-list warning from the Intel IOMMU (DMAR) code at boot (5.4–5.7 debug kernels)',
          cause:
            'harmless: intel_iommu_init() and the DMAR table parser walk the DMAR unit, RMRR and ATSR lists while holding dmar_global_lock, which protects them as well as RCU would, but the list checker only accepted an RCU read lock. Silenced by "iommu/vt-d: Silence RCU-list debugging warnings" and "iommu/vt-d: Fix RCU-list bugs in intel_iommu_init()" (5.6-rc; taken into 5.5 stable and proposed for 5.4 stable in March 2020) and "iommu/vt-d: Silence RCU-list debugging warning in dmar_find_atsr()" (5.7; proposed for 5.4 stable)',
          fix: 'nothing to do; a later stable release of 5.4/5.5 or Linux 5.7+ no longer prints it',
        };
      if (f.file?.startsWith('drivers/iommu/intel/'))
        return {
          cause:
            'a VT-d code path of Linux 5.10 or later walked the remapping-unit list without an RCU read lock or dmar_global_lock; such cases were fixed one at a time (for example b150654f74bf, "iommu/vt-d: Fix suspicious RCU usage", in the 6.14 cycle). A race with DMAR unit hot-add is possible in principle; on ordinary hosts the units never change after boot',
        };
      return undefined;
    },
    render: render('', 'drivers/iommu/dmar.c', 372, 'RCU-list traversed in non-reader section!'),
    examples: [
      ex('[    3.104218] drivers/iommu/dmar.c:372 RCU-list traversed in non-reader section!!', {
        file: 'drivers/iommu/dmar.c',
      }),
      ex('drivers/iommu/intel/iommu.c:2731 RCU-list traversed in non-reader section!!', {
        file: 'drivers/iommu/intel/iommu.c',
      }),
    ],
  },
  // ---- KVM irqfd / IRQ bypass ----
  {
    id: 'kernel.kbug-irqbypass-unregister',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() in virt/lib/irqbypass.c irq_bypass_unregister_producer(), called from drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_set_vector_signal() or drivers/vhost/vdpa.c vhost_vdpa_setup_vq_irq(); fixes "vfio/pci: Clear token on bypass registration failure" and 02e9e9366fef (vhost_vdpa)',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. The line before it reads "general protection fault, probably for non-canonical address 0xdead000000000108" (a list poison value); the next frame names the caller (vfio_msi_set_vector_signal [vfio_pci / vfio_pci_core] or vhost_vdpa_setup_vq_irq [vhost_vdpa]). Linux 6.17 reworked the IRQ bypass manager to take the eventfd at registration`,
    patterns: [ripIn('irq_bypass_unregister_producer')],
    severity: 'error',
    title:
      'Kernel crash unregistering an IRQ bypass producer (posted interrupts for a passed-through device)',
    cause:
      "the IRQ bypass manager — which pairs a device's interrupt (the producer: a vfio-pci MSI/MSI-X vector, a vhost-vdpa virtqueue) with KVM's irqfd (the consumer) so the interrupt can be posted straight into the guest — unlinked a producer whose list entry had already been unlinked. Producers are matched by a token, the eventfd, and a producer left holding a stale token removed another producer's entry. Known cases: vfio-pci, when the VMM used one eventfd for two vectors — the second registration failed with -EBUSY (\"irq bypass producer (token …) registration fails: -16\") but kept its token, so unregistering it later unlinked the first vector's producer; vhost-vdpa, when a virtqueue's call eventfd was handed to another queue (reported on 6.10-rc7)",
    fix: 'read the frame after the RIP line: for vfio_msi_set_vector_signal update to a kernel with "vfio/pci: Clear token on bypass registration failure" (Alex Williamson, October 2020, taken into the stable series of the time); for vhost_vdpa_setup_vq_irq update to one with 02e9e9366fef (Jason Wang, August 2024, taken into 6.11 stable in October 2024). The host is unstable after this oops: reboot it',
    render: render('', 16, 'irq_bypass_unregister_producer+0x9b/0xe0'),
    examples: [
      ex('[ 3120.774512] RIP: 0010:irq_bypass_unregister_producer+0x9b/0xe0', {
        func: 'irq_bypass_unregister_producer',
      }),
    ],
  },
  // ---- iommufd ----
  {
    id: 'kernel.kasan-iommufd',
    source: 'kernel',
    cite: 'torvalds/linux mm/kasan/report.c print_report() ("BUG: KASAN: %s in %pS") in drivers/iommu/iommufd/device.c iommufd_access_unpin_pages() (fixed by dbe245cdf518) and drivers/iommu/iommufd/eventq.c iommufd_eventq_fops_release() / fault.c iommufd_fault_fops_release() (fixed by 4e034bf045b1)',
    format: 'BUG: KASAN: %s in %pS\n',
    versions:
      'only kernels built with KASAN print it; newer kernels say "slab-use-after-free", older ones "use-after-free". syzbot adds the source location after the function and first prints a line per inlined function ("… in iopt_area_last_iova drivers/iommu/iommufd/io_pagetable.h:88 [inline]")',
    patterns: [
      /BUG: KASAN: (?<kind>[a-z-]{3,40}) in (?<func>iommufd_access_unpin_pages|iommufd_eventq_fops_release|iommufd_fault_fops_release)\+0x[0-9a-f]{1,8}\/0x[0-9a-f]{1,8}/,
    ],
    severity: 'error',
    title: 'KASAN caught a use-after-free in iommufd',
    cause:
      'the kernel address sanitizer caught iommufd touching memory it had already freed: a race between two iommufd operations, a kernel bug, not a configuration error. The function says which known bug it is',
    fix: 'update to the newest stable release of your series; if it still happens, report the whole KASAN report (with the "Allocated by" and "Freed by" traces) to iommu@lists.linux.dev',
    refine: (f) => {
      if (f.func === 'iommufd_access_unpin_pages')
        return {
          cause:
            'an iommufd "access" — how an emulated or mediated device (vfio-ap, vfio-ccw, GVT-g/kvmgt bound through iommufd, or the iommufd selftest) pins guest memory — unpinned pages while an unmap of the same IOAS ran in parallel: the unpin loop dropped the IOVA lock and then read the area the unmap had just freed. In iommufd since it was added (51fe6141f0f6, "iommufd: Data structure to provide IOVA to PFN mapping")',
          fix: 'update to a kernel with dbe245cdf518 ("iommufd: Call iopt_area_contig_done() under the lock"), taken into the 6.3 stable series in July 2023',
        };
      if (f.func === 'iommufd_eventq_fops_release' || f.func === 'iommufd_fault_fops_release')
        return {
          cause:
            'allocating an iommufd fault queue or vEVENTQ (used by a VMM with a virtual IOMMU and nested translation, such as QEMU\'s accelerated SMMUv3, or for I/O page faults) failed after its file had been created — for example with the process out of file descriptors — and the abort freed the object while the deferred release of the file still pointed at it. From 07838f7fd529 ("iommufd: Add iommufd fault object")',
          fix: 'update to a kernel with 4e034bf045b1 ("iommufd: Fix race during abort for file descriptors"), taken into the 6.16 stable series in September 2025; raising the VMM\'s open-file limit avoids the failed allocation meanwhile',
        };
      return undefined;
    },
    render: render('', 'slab-use-after-free', 'iommufd_access_unpin_pages+0x2f1/0x390'),
    examples: [
      ex('[  611.229815] BUG: KASAN: slab-use-after-free in iommufd_access_unpin_pages+0x2f1/0x390', {
        kind: 'slab-use-after-free',
        func: 'iommufd_access_unpin_pages',
      }),
      ex(
        'BUG: KASAN: slab-use-after-free in iommufd_eventq_fops_release+0x51/0xd0 drivers/iommu/iommufd/eventq.c:381',
        { func: 'iommufd_eventq_fops_release' },
      ),
    ],
  },
  // ---- VFIO ----
  {
    id: 'kernel.kbug-vfio-group-iommufd-put',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() in drivers/iommu/iommufd/main.c iommufd_ctx_put(), called from drivers/vfio/group.c vfio_group_ioctl_set_container() (VFIO_GROUP_SET_CONTAINER); fixed by d649c34cb916',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. "BUG: kernel NULL pointer dereference, address: 0000000000000000" comes before it and vfio_group_fops_unl_ioctl [vfio] is the next frame. From 9eefba8002c2 (6.2 cycle) until d649c34cb916 (6.3)`,
    patterns: [ripIn('iommufd_ctx_put')],
    severity: 'error',
    title: 'Kernel oops in iommufd_ctx_put() when attaching a VFIO group to an iommufd failed',
    cause:
      'VFIO_GROUP_SET_CONTAINER was given an iommufd instead of a legacy container (a VMM using iommufd, or /dev/vfio/vfio provided by iommufd with CONFIG_IOMMUFD_VFIO_CONTAINER) and looking up or setting up iommufd\'s compatibility IOAS failed; the error path then dropped a reference on the group\'s iommufd pointer, not yet set (NULL), instead of the one it had just taken. Introduced when the group code was split out in the 6.2 cycle, by 9eefba8002c2 ("vfio: Move vfio group specific code into group.c")',
    fix: 'update to Linux 6.3 or later (or a stable update that took it) for d649c34cb916 ("vfio: Fix NULL pointer dereference caused by uninitialized group->iommufd", in the vfio pull for 6.3-rc1). The failure that led into the error path is a separate question: after the update the VMM reports it as an ordinary error',
    render: render('', 16, 'iommufd_ctx_put+0x9/0x20 [iommufd]'),
    examples: [
      ex('[ 4410.902117] RIP: 0010:iommufd_ctx_put+0x9/0x20 [iommufd]', {
        func: 'iommufd_ctx_put',
        module: 'iommufd',
      }),
    ],
  },
  {
    id: 'kernel.kbug-vfio-type1-unmap-unpin',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/dumpstack.c show_ip() in drivers/vfio/vfio_iommu_type1.c vfio_unmap_unpin() (WARN_ON(!phys) when iommu_iova_to_phys() finds no translation), reached from vfio_remove_dma(); the known cause fixed by 5cbf3264bc71 in vaddr_get_pfn()',
    format: RIP_FORMAT,
    versions: `${RIP_VERSIONS}. The "WARNING: CPU: N PID: N at drivers/vfio/vfio_iommu_type1.c:LINE vfio_unmap_unpin+…" line before it is the same event`,
    patterns: [ripIn('vfio_unmap_unpin')],
    severity: 'error',
    title: 'vfio_iommu_type1 found a DMA mapping with no IOMMU translation while removing it',
    cause:
      'while removing a DMA mapping, vfio_iommu_type1 asked the IOMMU for the physical address behind an IOVA it had recorded as mapped and got none (the WARN_ON(!phys) in vfio_unmap_unpin(), or an oops there): its record of what is mapped and the IOMMU page table disagree. The known cause: a VFIO_IOMMU_MAP_DMA of a PFNMAP region (memory mapped with remap_pfn_range(), e.g. device MMIO or SGX EPC) whose vm_pgoff is not its base PFN — vaddr_get_pfn() computed PFNs from vm_pgoff instead of looking them up, the first came out as PFN 0, the map failed part-way, and the cleanup tried to unmap PFN 0. Present since the type1 backend was written (73fa0d10d077)',
    fix: 'update to a kernel with 5cbf3264bc71 ("vfio/type1: Fix VA->PA translation for PFNMAP VMAs in vaddr_get_pfn()", 2020, also taken into the stable series); if a current kernel still warns here, report the whole splat to kvm@vger.kernel.org with the VMM and the memory it mapped',
    render: render('', 16, 'vfio_unmap_unpin+0x2b4/0x330 [vfio_iommu_type1]'),
    examples: [
      ex('[  962.551930] RIP: 0010:vfio_unmap_unpin+0x2b4/0x330 [vfio_iommu_type1]', {
        func: 'vfio_unmap_unpin',
        module: 'vfio_iommu_type1',
      }),
    ],
  },
  {
    id: 'kernel.lockdep-vfio',
    source: 'kernel',
    cite: 'torvalds/linux kernel/locking/lockdep.c print_lock()/print_lock_name() (the lock line) for the locks of drivers/vfio/pci/vfio_pci_core.c: vdev->vma_lock in vfio_pci_mmap_fault() (fixed by "vfio/pci: Collect hot-reset devices to local buffer") and vdev->memory_lock in vfio_pci_core_runtime_resume() (fixed by 40ef3edf151e); and group->group_lock in the VFIO group code vfio_file_set_kvm() (fixed by 2b48f52f2bff)',
    format: LOCK_FORMAT,
    versions: `${LOCK_VERSIONS}. The module ("[vfio_pci_core]", before 5.15 "[vfio_pci]") follows the offset when vfio-pci is a module`,
    patterns: [
      lockAt('&vdev->vma_lock', 'vfio_pci_[a-z_]{1,40}'),
      lockAt('&vdev->memory_lock', 'vfio_pci_core_runtime_resume'),
      lockAt('&group->group_lock', 'vfio_file_set_kvm'),
    ],
    severity: 'warning',
    title: 'Lockdep report: a possible deadlock in VFIO',
    cause:
      "a debug kernel's lock checker found two VFIO paths taking the same locks in opposite orders, so they could deadlock if they ran at the same time. A known, fixed VFIO bug; the lock named says which. Nothing has hung yet: lockdep reports the possibility once and then turns itself off",
    fix: 'update to a kernel with the fix for the lock named (see the refined cause); these reports appear only on kernels built with lockdep (CONFIG_PROVE_LOCKING)',
    refine: refineVfioLockdep,
    render: render(
      '',
      'ff1100019c3e1468',
      '&vdev->memory_lock',
      '+.+.',
      4,
      4,
      'vfio_pci_core_runtime_resume+0x23/0xb0',
    ),
    examples: [
      ex(
        '[  512.730416] ff1100019c3e1468 (&vdev->memory_lock){+.+.}-{4:4}, at: vfio_pci_core_runtime_resume+0x23/0xb0',
        {
          lock: '&vdev->memory_lock',
          func: 'vfio_pci_core_runtime_resume',
        },
      ),
      ex(
        ' #1: ffff8d21c47a0a28 (&vdev->vma_lock){+.+.}-{3:3}, at: vfio_pci_mmap_fault+0x41/0x1c0 [vfio_pci_core]',
        {
          lock: '&vdev->vma_lock',
          func: 'vfio_pci_mmap_fault',
        },
      ),
    ],
  },
];

/** Further wordings of these splats that other entries already explain well enough. */
export const KNOWN_BUGS_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.oops',
    file: 'torvalds/linux arch/x86/mm/fault.c',
    format: 'BUG: kernel NULL pointer dereference, address: %px\n',
    text: 'BUG: kernel NULL pointer dereference, address: 0000000000000018',
  },
  {
    id: 'kernel.oops',
    file: 'torvalds/linux arch/x86/mm/fault.c',
    format: 'BUG: unable to handle page fault for address: %px\n',
    text: 'BUG: unable to handle page fault for address: 0000000000400dd8',
  },
];

/** Bugs looked at and left out, with why. */
export const KNOWN_BUGS_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c',
    format:
      '%px (%s){%s}-{%d:%d}, at: %pS (&vdev->memory_lock at vfio_pci_memory_lock_and_enable, with &root->kernfs_rwsem)',
    why: 'lockdep cycle between MSI-X setup (memory_lock, then sysfs msi_irqs) and huge_fault under mmap_lock, reported on 6.15-rc1 and again on 6.18; no fix merged as far as the archives show, so no fix to name',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/xe',
    format:
      '%px (%s){%s}-{%d:%d}, at: %pS (&migf->lock / &xe_vdev->state_mutex in xe_vfio_pci_set_device_state)',
    why: 'found in review of the xe-vfio-pci driver before it was merged (6.18-rc3); no released kernel carried it',
  },
  {
    file: 'torvalds/linux arch/x86/kvm/svm/avic.c',
    format:
      '%px (%s){%s}-{%d:%d}, at: %pS (&svm->ir_list_lock at avic_pi_update_irte, with &irq_desc_lock_class)',
    why: 'lockdep cycle on 6.19-rc2 from the AVIC IRTE rework; the fix was still under discussion in the archives, so its commit and release are not verified',
  },
  {
    file: 'torvalds/linux drivers/irqchip/irq-gic-v3-its.c',
    format:
      '[ BUG: Invalid wait context ] (its_vlpi_map kcalloc under vlpi_lock, from vfio_msi_set_vector_signal)',
    why: 'arm64 GICv4 VLPI mapping for a passed-through MSI; the pre-allocation fix was posted in August 2025 but is not in the stored upstream source, so not verified as merged',
  },
  {
    file: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c',
    format: 'RIP: %04x:%pS (vfio_config_free NULL msi_perm)',
    why: 'the NULL dereference was folded into the patch that caused it while in vfio next (May 2020); no release carried it',
  },
  {
    file: 'torvalds/linux drivers/vfio/vfio.c',
    format: 'RIP: %04x:%pS (vfio_device_put, NULL write while unbinding on 4.19)',
    why: 'reported on a vendor 4.19 kernel during a scripted unbind; the thread asked for a newer kernel and named no fix, so there is no bug to name',
  },
  {
    file: 'torvalds/linux drivers/iommu/dma-iommu.c',
    format: 'RIP: %04x:%pS (iommu_dma_unmap_page / iommu_dma_unmap_sg)',
    why: 'the WARN behind it is a host driver unmapping DMA twice, already explained with its known cases by kernel.warn-dma-iommu-unmap (harvest5b); a second entry for the RIP line would duplicate that bug',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/iommu.c',
    format: 'RIP: %04x:%pS (intel_iommu_init, NULL write with intel_iommu=on,igfx_off on 5.9-rc2)',
    why: 'fixed by 2d33b7d631d9 in 5.9-rc4, but a RIP in intel_iommu_init is too common a place to pin on this one bug',
  },
  {
    file: 'torvalds/linux drivers/iommu/intel/pasid.c',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS (intel_pasid_get_entry, idxd with intel_iommu=on,sm_off)',
    why: 'the idxd DMA engine binding SVA without scalable mode; a host-driver issue off the device-assignment path, and its fix was not traced',
  },
  {
    file: 'torvalds/linux arch/x86/kvm/svm/avic.c',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS (avic_vcpu_load / avic_vcpu_put)',
    why: 'AVIC bookkeeping warnings from APIC mode changes in KVM development series; about guest APIC virtualisation, not the assigned device',
  },
];
