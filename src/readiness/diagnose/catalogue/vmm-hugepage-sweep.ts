/**
 * The VMM wordings the earlier VMM files (vmm-mgmt.ts, vmm-rust.ts) and memory files
 * (dma-memory.ts, qemu.ts, qemu-machine.ts) left unrecognised: Xen's toolstack (libxl, what `xl`
 * and libvirt's libxl driver print when a PCI device is given to a domain) and its pciback stub
 * driver; hugepages as the kernel reports them at boot and in an OOM dump (mm/hugetlb.c,
 * fs/hugetlbfs) and as Proxmox VE reserves them for a VM (qemu-server PVE/QemuServer/Memory.pm);
 * and Looking Glass, the frame relay people run beside a passed-through GPU, whose client (on the
 * host) and host application (in the Windows guest) share memory through QEMU's ivshmem device or
 * the kvmfr module. Every entry cites the file and function printing its format.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const LIBXL_PCI = 'xen-project/xen tools/libs/light/libxl_pci.c (older: tools/libxl/libxl_pci.c)';
const PVE_MEMORY = 'proxmox/qemu-server PVE/QemuServer/Memory.pm';
const LG = 'gnif/LookingGlass';

/** What `xl dmesg` shows for the refusals Xen makes itself (the toolstack only sees the errno). */
const XL_DMESG =
  'the hypervisor logs its own reason: read `xl dmesg` (a "[VT-D]" or "AMD-Vi" line about the device)';

/** Why xc_assign_device() failed, by the errno libxl prints after it. */
function refineAssign(f: Facts): Refinement | undefined {
  if (f.errno === 'EPERM')
    return {
      cause: `Xen refused to put the device in the domain's IOMMU context ("Operation not permitted"): on Intel the VT-d code refuses a device whose RMRR (a firmware-reserved memory range) is shared with another device ("It's disallowed to assign … with shared RMRR"); ${XL_DMESG}`,
      fix: "read `xl dmesg`; a shared RMRR is set by the firmware (onboard USB controllers often have one): pass a different device, or accept the risk with rdm_policy=relaxed on that device's pci= entry",
    };
  if (f.errno === 'ENOSYS' || f.errno === 'EOPNOTSUPP')
    return {
      cause:
        'the hypervisor has no IOMMU enabled, so it cannot assign devices to an HVM domain (a PV domain can still take a device without one, with no isolation)',
      fix: 'enable VT-d/AMD-Vi in the firmware and check that Xen turned the IOMMU on (`xl dmesg | grep -i iommu`; iommu=1 on the Xen command line)',
    };
  return undefined;
}

/** What libxl's test-assign verdict names: no IOMMU, or the device is in another domain. */
function refineTestAssign(f: Facts): Refinement | undefined {
  if (f.why === 'already assigned to a different guest')
    return {
      title: 'Xen: the PCI device is assigned to another domain',
      cause:
        'the hypervisor reports the device as owned by a domain other than dom0 and this one: another running domain has it, or a domain that crashed was not cleaned up',
      fix: 'find the domain holding it (`xl pci-list DOMAIN` for each running domain) and detach it (`xl pci-detach DOMAIN BDF`) or shut that domain down first',
    };
  return undefined;
}

/** The memory a node's reserved hugepages take, from the OOM dump's hugepages line. */
function refineNodeHugepages(f: Facts): Refinement | undefined {
  const total = Number(f.total ?? '0');
  const free = Number(f.free ?? '0');
  const sizeKb = Number(f.size ?? '0');
  if (!total || !sizeKb) return undefined;
  const mib = Math.round((total * sizeKb) / 1024);
  const idle =
    free === total
      ? ' and all of them are free: no guest is using them right now, so the memory sits idle while the host runs short'
      : '';
  return {
    severity: 'warning',
    cause: `node ${f.node ?? '?'} has ${total} hugepages of ${sizeKb} kB reserved (${mib} MiB): that memory belongs to the hugepage pool and cannot be used by ordinary allocations or reclaimed by the OOM killer${idle}. Pages reserved for a VM (hugepages=N on the command line, or a VM manager that reserves them) that are larger than what the host can spare make it run out of memory`,
    fix: 'reserve only what the VMs that run use (HugePages_Total in /proc/meminfo; echo N > /sys/kernel/mm/hugepages/hugepages-SIZEkB/nr_hugepages at run time), and leave the host its own memory beside them',
  };
}

/** Looking Glass: the shared-memory object is the ivshmem file or a kvmfr device, each with its own fix. */
function refineShmPath(f: Facts): Refinement | undefined {
  if ((f.path ?? '').startsWith('/dev/kvmfr'))
    return {
      cause:
        'the client could not use the kvmfr device node: the kvmfr module is not loaded (it creates /dev/kvmfr0 only when loaded with static_size_mb=…), or the node belongs to root and the user running the client may not open it',
      fix: 'load the module with a size (`modprobe kvmfr static_size_mb=64`, made persistent in modprobe.d), give the user access with a udev rule (SUBSYSTEM=="kvmfr", OWNER="USER", GROUP="kvm", MODE="0660"), and with libvirt add /dev/kvmfr0 to cgroup_device_acl in qemu.conf',
    };
  return undefined;
}

/**
 * Scream's IVSHMEM receivers (duncanthrax/scream Receivers/unix/shmem.c init_shmem()) print the same
 * "Failed to map the shared memory file: %s" as old Looking Glass clients; a /dev/uio path is
 * Scream's (its audio IVSHMEM device seen through a UIO driver), not Looking Glass's.
 */
function refineScreamMap(f: Facts): Refinement | undefined {
  if (!(f.path ?? '').startsWith('/dev/uio')) return refineShmPath(f);
  return {
    title: "Scream (IVSHMEM audio receiver): the shared memory can't be mapped",
    cause:
      "this is Scream's audio receiver, not Looking Glass: its init_shmem() maps as many bytes as stat() reports for the file it is given, and a device node such as /dev/uio1 reports a size of 0, so mmap() of 0 bytes is refused and the receiver exits (code 4). The receiver reads the IVSHMEM memory through a file that has the memory's size: on the host the memory-backend file QEMU shares (/dev/shm/NAME of the ivshmem device), in a Linux guest the device's BAR file in sysfs",
    fix: "on the host run the receiver on the shared-memory file of the VM's ivshmem device (e.g. scream -m /dev/shm/scream-ivshmem); in a Linux guest point it at the IVSHMEM device's BAR2 file (/sys/bus/pci/devices/ADDR/resource2, readable by the user) instead of /dev/uioN",
  };
}

/** The strerror() line after "Failed to open": the errno decides between absent and forbidden. */
function refineShmOpen(f: Facts): Refinement | undefined {
  const byPath = refineShmPath(f);
  if (byPath) return byPath;
  if (f.errno === 'EACCES' || f.errno === 'EPERM')
    return {
      cause:
        'the shared-memory file exists but the user running the client may not open it for reading and writing: QEMU (running as root or libvirt-qemu) created /dev/shm/looking-glass with its own owner and mode, or SELinux/AppArmor refuses the client',
      fix: 'create the file before the VM starts with the client user as owner: a systemd-tmpfiles rule `f /dev/shm/looking-glass 0660 USER kvm -` (`systemd-tmpfiles --create`), then restart the VM; a chmod lasts only until QEMU makes the file again',
    };
  if (f.errno === 'ENOENT')
    return {
      cause:
        "the shared-memory file does not exist: the VM is not running, or its shared memory is configured under another name (<shmem name='…'> makes /dev/shm/NAME) or as /dev/kvmfr0",
      fix: 'start the VM first, or point the client at the file the VM uses (-f /dev/shm/NAME or -f /dev/kvmfr0)',
    };
  return undefined;
}

/**
 * The shared-memory size the Looking Glass client recommends for a frame of this many bytes: two
 * frames plus 10 MiB, rounded up to a power of two (client/src/main.c, the "IVSHMEM too small" check).
 */
function recommendedMiB(frameBytes: number): number {
  const needed = (frameBytes * 2) / 1048576 + 10;
  return 2 ** Math.ceil(Math.log2(needed));
}

export const VMM_HUGEPAGE_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- Xen (libxl, xen-pciback)
  {
    id: 'xen.pciback-not-loaded',
    source: 'xen',
    cite: `${LIBXL_PCI} libxl_device_pci_assignable_list()`,
    format: 'Looks like pciback driver not loaded',
    patterns: [/Looks like pciback driver not loaded/],
    severity: 'error',
    title: 'Xen: the pciback driver is not there, so no device can be assigned',
    cause:
      "Xen hands a PCI device to a domain only once dom0's xen-pciback driver holds it; /sys/bus/pci/drivers/pciback does not exist, so the module is not loaded (or not built into the dom0 kernel). Every device then reads as not assignable and the domain does not start",
    fix: 'load it (`modprobe xen-pciback`, and list it in /etc/modules to keep it) and give it the devices: `xl pci-assignable-add 0000:01:00.0`, or at boot xen-pciback.hide=(0000:01:00.0) on the dom0 kernel command line (full addresses with the domain, in parentheses)',
    render: render('libxl: error: libxl_pci.c:415:libxl_device_pci_assignable_list: '),
    examples: [
      ex(
        'libxl: error: libxl_pci.c:415:libxl_device_pci_assignable_list: Looks like pciback driver not loaded',
        undefined,
        'https://github.com/xcp-ng/xcp/issues/320',
      ),
    ],
  },
  {
    id: 'xen.device-not-assignable',
    source: 'xen',
    cite: `${LIBXL_PCI} libxl__device_pci_add()`,
    format: 'PCI device %x:%x:%x.%x is not assignable',
    patterns: [
      /PCI device (?<dev>[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,2}:[0-9a-fA-F]{1,2}\.[0-7]) is not assignable/,
    ],
    severity: 'error',
    title: 'Xen: the PCI device is not bound to pciback',
    cause:
      "the device in the domain's pci= list is not held by dom0's xen-pciback driver (libxl lists /sys/bus/pci/drivers/pciback): it is still bound to its host driver, the pciback module is not loaded, or the address is wrong (xl prints it without leading zeros: 0:1:0.0 is 0000:01:00.0)",
    fix: 'make it assignable before starting the domain: `xl pci-assignable-add 0000:01:00.0` (or xen-pciback.hide=(0000:01:00.0) at boot), check with `xl pci-assignable-list`; `seize=1` in the pci= entry lets xl do it at start',
    render: render('libxl: error: libxl_pci.c:1225:libxl__device_pci_add: ', 0, 2, 0, 0),
    examples: [
      ex('libxl: error: libxl_pci.c:1225:libxl__device_pci_add: PCI device 0:2:0.0 is not assignable', {
        dev: '0:2:0.0',
      }),
    ],
  },
  {
    id: 'xen.test-assign-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} libxl__device_pci_add() (xc_test_assign_device() failed for an HVM domain)`,
    format: 'PCI device %04x:%02x:%02x.%u %s?',
    versions:
      'the %s is "cannot be assigned - no IOMMU" (errno EOPNOTSUPP; ENOSYS in older libxl) or "already assigned to a different guest"',
    patterns: [
      /PCI device (?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) (?<why>cannot be assigned - no IOMMU|already assigned to a different guest)\?/,
    ],
    severity: 'error',
    title: 'Xen: the hypervisor cannot assign the device (no IOMMU)',
    cause:
      'before giving a device to an HVM domain libxl asks the hypervisor whether it could assign it; the answer was that Xen has no IOMMU enabled: VT-d/AMD-Vi is off in the firmware, broken in its ACPI tables (Xen then disables it), or turned off on the Xen command line',
    fix: 'enable VT-d/AMD-Vi in the firmware and check `xl dmesg | grep -i iommu` (an "IOMMU not found" or "disabled" line names the cause); Xen takes iommu=1 (or iommu=force) on its own command line, not intel_iommu= on the dom0 kernel',
    refine: refineTestAssign,
    render: render(
      'libxl: error: libxl_pci.c:1209:libxl__device_pci_add: ',
      0,
      2,
      0,
      0,
      'cannot be assigned - no IOMMU',
    ),
    examples: [
      ex(
        'libxl: error: libxl_pci.c:1209:libxl__device_pci_add: PCI device 0000:02:00.0 cannot be assigned - no IOMMU?',
        { dev: '0000:02:00.0', why: 'cannot be assigned - no IOMMU' },
      ),
      ex(
        'libxl: error: libxl_pci.c:1561:libxl__device_pci_add: Domain 5:PCI device 0000:01:00.0 already assigned to a different guest?',
        {
          why: 'already assigned to a different guest',
        },
      ),
    ],
  },
  {
    id: 'xen.assign-device-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} do_pci_add() / pci_add_dm_done() (xc_assign_device())`,
    format: 'xc_assign_device failed',
    versions: 'logged with LOGED/LIBXL__LOG_ERRNO, so ": " and the strerror() text follow',
    patterns: [/xc_assign_device failed(?:: (?<err>[A-Z][A-Za-z ]{2,40}))?/],
    severity: 'error',
    title: 'Xen: the hypervisor refused to assign the device to the domain',
    cause: `the device is bound to pciback but the hypervisor's assign call failed, so the device is not added; ${XL_DMESG}`,
    fix: "read `xl dmesg` for the hypervisor's reason and the errno on this line",
    refine: refineAssign,
    render: render('libxl: error: libxl_pci.c:1498:pci_add_dm_done: '),
    examples: [
      ex(
        '2017-10-30 11:41:56.791+0000: libxl: libxl_pci.c:1132:do_pci_add: xc_assign_device failed: Operation not permitted',
        { errno: 'EPERM' },
        'https://github.com/QubesOS/qubes-issues/issues/3263',
      ),
    ],
  },
  {
    id: 'xen.vtd-shared-rmrr',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/vtd/iommu.c intel_iommu_assign_device()',
    format: " It's %s to assign %s with shared RMRR at %lx for %s.\n",
    versions:
      'the source prints the device with %pp, the domain with %pd (Xen\'s printk extensions) and the address with PRIx64, written %s and %lx here; printed by the hypervisor with the "[VT-D]" prefix (read with `xl dmesg`); older Xen prints the device as %04x:%02x:%02x.%u and the domain as "Dom%d"; followed by the failed assign ("assign (ADDR) failed (-1)")',
    patterns: [
      /\[VT-D\] ?It's (?<how>disallowed|risky) to assign (?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) with shared RMRR at (?<addr>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'Xen refuses the device: its RMRR is shared with another device',
    cause:
      "the firmware's DMAR table gives the device a reserved memory region (RMRR) that also covers other devices; Xen's VT-d code will not assign such a device to a guest unless told to relax the check, because the guest could reach memory the other devices' firmware uses. Onboard USB controllers and some RAID/NIC devices have one",
    fix: "pass a different device (an add-in card in a slot without an RMRR), or accept the risk with rdm_policy=relaxed on that device's pci= entry",
    refine: (f) =>
      f.how === 'risky'
        ? {
            severity: 'warning',
            title: 'Xen assigns a device with a shared RMRR (relaxed policy)',
            cause:
              'the device shares an RMRR with other devices and rdm_policy=relaxed was given, so Xen assigns it anyway and warns: the guest could disturb DMA to that reserved region',
            fix: 'nothing to do if this was intended; otherwise drop rdm_policy=relaxed and pass a different device',
          }
        : undefined,
    render: render('(XEN) [VT-D]', 'disallowed', '0000:00:1a.0', 0xdbe9a000, 'd19'),
    examples: [
      ex("(XEN) [VT-D] It's disallowed to assign 0000:00:1a.0 with shared RMRR at dbe9a000 for Dom19.", {
        how: 'disallowed',
        dev: '0000:00:1a.0',
      }),
      ex(
        "[2020-08-22 10:09:03] (XEN) [  297.542134] [VT-D] It's disallowed to assign 0000:08:00.0 with shared RMRR at 7ba77000 for Dom32753.",
        {
          dev: '0000:08:00.0',
        },
      ),
    ],
  },
  {
    id: 'xen.hypervisor-assign-failed',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/pci.c assign_device() and deassign_device() (older: iommu_do_pci_domctl())',
    format: '%s: assign (%s) failed (%d)\n',
    versions:
      'the source prints the domain and device with %pd and %pp (Xen\'s printk extensions, written %s here); older Xen: "%pd: assign (%04x:%02x:%02x.%u) failed (%d)", and before that "XEN_DOMCTL_assign_device: assign %04x:%02x:%02x.%u to dom%d failed (%d)"; deassign_device() prints "%pd: deassign (%pp) failed (%d)" when a domain gives the device back; read with `xl dmesg`',
    patterns: [
      /(?<de>de)?assign \((?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\) failed \((?<rc>-\d{1,3})\)/,
      /XEN_DOMCTL_assign_device: assign (?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) to dom\d{1,5} failed \((?<rc>-\d{1,3})\)/,
    ],
    severity: 'error',
    title: 'Xen could not assign the PCI device to the domain',
    cause:
      "the hypervisor's own record of a failed assignment (the toolstack then reports xc_assign_device failed); the line just before it in `xl dmesg` usually gives the reason, such as the VT-d shared-RMRR refusal",
    fix: 'read the `xl dmesg` lines just before this one and fix that cause',
    refine: (f) =>
      f.de
        ? {
            title: 'Xen could not take the PCI device back from the domain',
            cause: `the hypervisor failed to deassign the device when the domain released it (pci-detach, shutdown or destroy)${f.errno === 'EBUSY' ? ' with EBUSY: the device was still in use or its reset had not finished' : ''}; the device did not return cleanly to dom0 (or to Xen's quarantine domain), so giving it to another domain or back to a dom0 driver can fail until it is recovered`,
            fix: 'read the `xl dmesg` lines just before it for the IOMMU or reset error; try `xl pci-assignable-remove -r BDF` (or `xl pci-assignable-add` again) once no domain holds it; a reboot recovers the device when a reset left it stuck',
          }
        : f.errno === 'EPERM'
          ? {
              cause:
                'the assignment was refused (-1, EPERM): on Intel one reason Xen gives is a device whose RMRR is shared with other devices (the "[VT-D] It\'s disallowed to assign … with shared RMRR" line just before it)',
              fix: "pass a different device, or accept the risk with rdm_policy=relaxed on that device's pci= entry",
            }
          : f.errno === 'EBADF'
            ? {
                cause:
                  'Xen has marked the device broken (-9, EBADF): assign_device() refuses broken devices for any guest; an earlier hypervisor line about this device says why it was marked',
                fix: 'read the earlier `xl dmesg` lines about the device and fix what they report before assigning it again',
              }
            : undefined,
    render: render('(XEN) ', 'd19', '0000:00:1a.0', -1),
    examples: [
      ex('(XEN) d10: assign (0000:00:1a.0) failed (-1)', { dev: '0000:00:1a.0', errno: 'EPERM' }),
      ex('[2020-08-22 10:09:03] (XEN) [  297.542136] d[IO]: assign (0000:08:00.0) failed (-1)', {
        dev: '0000:08:00.0',
      }),
      ex('(XEN) XEN_DOMCTL_assign_device: assign 0000:00:1a.0 to dom19 failed (-1)', { dev: '0000:00:1a.0' }),
      ex('(XEN) d3: deassign (0000:03:00.0) failed (-16)', { de: 'de', dev: '0000:03:00.0', errno: 'EBUSY' }),
    ],
  },
  {
    id: 'xen.pci-add-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} device_pci_add_done() (older: libxl__add_pcidevs()); xen-project/xen tools/libs/light/libxl_create.c domcreate_attach_devices()`,
    format: 'libxl__device_pci_add failed for PCI device %x:%x:%x.%x (rc %d)',
    versions:
      'older libxl: "libxl_device_pci_add failed: %d"; at domain creation libxl_create.c adds "unable to add pci devices" and destroys the domain',
    patterns: [
      /libxl__device_pci_add failed for PCI device (?<dev>[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,2}:[0-9a-fA-F]{1,2}\.[0-7]) \(rc (?<rc>-?\d{1,3})\)/,
      /libxl_device_pci_add failed: (?<rc>-?\d{1,3})/,
      /domcreate_attach_devices: ?(?:Domain \d{1,6}: ?)?unable to add pci devices/,
    ],
    severity: 'error',
    title: 'Xen: a PCI device could not be added to the domain',
    cause:
      'the summary of a failed PCI attach (libxl error codes: -3 ERROR_FAIL, -9 ERROR_TIMEDOUT waiting for the device model or a stub domain); the line logged just before it says which step failed: the device not assignable (pciback), no IOMMU, the hypervisor refusing the assignment, or a failed reset. At domain creation the domain is destroyed again',
    fix: 'read the libxl line before this one (in /var/log/xen/ or /var/log/libvirt/libxl/libxl-driver.log) and fix that step',
    refine: (f) =>
      f.rc === '-9'
        ? {
            cause:
              'libxl timed out (rc -9, ERROR_TIMEDOUT) waiting for the device model or the stub domain to take the device: QEMU in a stub domain (Qubes OS) did not answer in time, often because the stub domain ran short of memory or its pcifront failed',
            fix: "read the stub domain's console log (guest-NAME-dm.log) for the pcifront error; give the stub domain more memory, or retry with fewer devices at once",
          }
        : undefined,
    render: render('libxl: error: libxl_pci.c:1809:device_pci_add_done: Domain 1:', 0, 1, 0, 0, -3),
    examples: [
      ex(
        'libxl_pci.c:1824:device_pci_add_done:Domain 24:libxl__device_pci_add failed for PCI device 0:0:1f.6 (rc -9)',
        { dev: '0:0:1f.6', rc: '-9' },
        'https://github.com/QubesOS/qubes-issues/issues/7717',
      ),
      ex(
        '2017-10-30 11:41:56.791+0000: libxl: libxl_pci.c:1336:libxl__add_pcidevs: libxl_device_pci_add failed: -3',
        { rc: '-3' },
        'https://github.com/QubesOS/qubes-issues/issues/3263',
      ),
      ex(
        '2017-10-30 11:41:56.791+0000: libxl: libxl_create.c:1498:domcreate_attach_devices: unable to add pci devices',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/3263',
      ),
    ],
  },
  {
    id: 'xen.pci-reset-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} libxl__device_pci_reset()`,
    format: 'write to %s returned %d',
    versions:
      'libxl first tries pciback\'s do_flr, then the device\'s sysfs reset file; logged with the errno text after ": "; without a reset file: "The kernel doesn\'t support reset from sysfs for PCI device %s"',
    patterns: [
      /write to \/sys\/bus\/pci\/(?:devices\/(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/reset|drivers\/pciback\/do_flr) returned -?\d{1,3}(?:: (?<err>[A-Z][A-Za-z ]{2,40}))?/,
      /The kernel doesn't support reset from sysfs for PCI device (?<dev>[0-9a-fA-F:.]{7,12})/,
    ],
    severity: 'warning',
    title: 'Xen: the device could not be reset before assignment',
    cause:
      'libxl resets a device before giving it to a domain, through the device\'s sysfs reset file; the kernel had no reset method for it ("Inappropriate ioctl for device": no FLR, no PM reset, and a bus reset is impossible because other devices share the bus). libxl continues; a device that needs a clean state (a GPU) may then fail in the guest',
    fix: 'assign all functions of the card together so the kernel can reset the bus, or use a slot where the card is alone below its bridge; set reset_method on Linux 5.15+ (cat /sys/bus/pci/devices/ADDR/reset_method shows what the kernel has)',
    refine: (f) =>
      f.dev
        ? {
            cause:
              'the device has no sysfs reset file, which the kernel creates only for a device with at least one reset method (FLR, PM reset, a bus reset it may do): the kernel cannot reset it at all. libxl continues; a device that needs a clean state (a GPU) may fail in the guest or after the guest restarts',
          }
        : undefined,
    render: render(
      'libxl: error: libxl_pci.c:1536:libxl__device_pci_reset: ',
      '/sys/bus/pci/devices/0000:15:00.0/reset',
      -1,
    ),
    examples: [
      ex(
        'libxl: error: libxl_pci.c:1536:libxl__device_pci_reset: write to /sys/bus/pci/devices/0000:15:00.0/reset returned -1: Inappropriate ioctl for device',
        { bdf: '0000:15:00.0', errno: 'ENOTTY' },
      ),
    ],
  },
  {
    id: 'kernel.xen-pciback-seizing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/xen/xen-pciback/pci_stub.c pcistub_probe()',
    format: 'seizing device\n',
    patterns: [/pciback (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): seizing device/],
    severity: 'info',
    title: "Xen's pciback took the device for passthrough (harmless)",
    cause:
      "dom0's xen-pciback bound the device because it is listed in xen-pciback.hide= or was made assignable with `xl pci-assignable-add`: it is now reserved for a guest, which is what passthrough under Xen needs",
    fix: 'nothing to do; `xl pci-assignable-list` lists the devices pciback holds',
    render: render('pciback 0000:01:00.0: '),
    examples: [ex('[    2.514211] pciback 0000:01:00.0: seizing device', { bdf: '0000:01:00.0' })],
  },

  {
    id: 'kernel.xen-pcifront-swiotlb',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/xen-pcifront.c pcifront_connect_and_init_dma() and drivers/xen/swiotlb-xen.c (the late SWIOTLB set-up, removed from pcifront in 2023)',
    format: 'Could not setup SWIOTLB!\n',
    versions:
      'printed by the guest (or Qubes stub domain) kernel as "pcifront pci-0: Could not setup SWIOTLB!", after swiotlb-xen\'s "Failed to get contiguous memory for DMA from Xen!"; xenbus then reports "pcifront pci-0: 12 Error setting up PCI Frontend"',
    patterns: [
      /pcifront pci-\d{1,3}: Could not setup SWIOTLB!/,
      /Failed to get contiguous memory for DMA from Xen!/,
    ],
    severity: 'error',
    title: 'Xen guest: the PCI frontend could not set up its DMA bounce buffer',
    cause:
      "a PV guest (or the stub domain that runs QEMU for an HVM guest, as in Qubes OS) that receives a PCI device needs a bounce buffer (SWIOTLB) in machine-contiguous memory below 4 GiB; Xen could not give the domain such memory: the domain has too little memory, or the hypervisor's memory is fragmented. The device frontend then fails and the device does not appear in the guest",
    fix: 'give the domain (or its stub domain) more memory and start it early, before the host memory fragments; on Qubes OS raise the stub domain memory of the VM with the device; restarting the host clears fragmentation',
    render: render('pcifront pci-0: '),
    examples: [
      ex(
        '[2025-05-25 19:05:04] pcifront pci-0: Could not setup SWIOTLB!',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/9971',
      ),
      ex(
        '[2025-05-25 19:05:04] xen:swiotlb_xen: Failed to get contiguous memory for DMA from Xen!',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/9971',
      ),
    ],
  },

  // ---------------------------------------------------------------- hugepages: the kernel
  {
    id: 'kernel.hugetlb-node-pool',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c hugetlb_show_meminfo_node() (older: hugetlb_show_meminfo()), printed by show_mem() in an OOM report',
    format: 'Node %d hugepages_total=%u hugepages_free=%u hugepages_surp=%u hugepages_size=%lukB\n',
    patterns: [
      /Node (?<node>\d{1,3}) hugepages_total=(?<total>\d{1,10}) hugepages_free=(?<free>\d{1,10}) hugepages_surp=(?<surp>\d{1,10}) hugepages_size=(?<size>\d{1,8})kB/,
    ],
    severity: 'info',
    title: 'The hugepage pool of one NUMA node, as an OOM report lists it',
    cause:
      'part of the memory dump the kernel prints when it runs out of memory (or on SysRq-m): for each node and page size, how many hugepages are reserved, free and surplus. A pool of 0 pages takes no memory',
    fix: 'nothing to do for an empty pool; read the "Killed process" line of the same report',
    refine: refineNodeHugepages,
    render: render('', 0, 16, 16, 0, 1048576),
    examples: [
      ex(
        '[ 9876.543312] Node 0 hugepages_total=16 hugepages_free=16 hugepages_surp=0 hugepages_size=1048576kB',
        {
          node: '0',
          total: '16',
          free: '16',
        },
      ),
      ex('Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB', { total: '0' }),
    ],
  },
  {
    id: 'kernel.hugetlb-registered',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c report_hugepages()',
    format: 'HugeTLB: registered %s page size, pre-allocated %ld pages\n',
    versions:
      'Linux 5.19+ adds "HugeTLB: %d KiB vmemmap can be freed for a %s page"; older kernels print "HugeTLB registered %s page size, pre-allocated %ld pages" (no colon; sizes as "1 GB"/"2 MB" before 5.10)',
    patterns: [
      /HugeTLB:? registered (?<size>[\d.]{1,6} ?[KMG]i?B) page size, pre-allocated (?<count>\d{1,10}) pages/,
      /HugeTLB: (?<kib>\d{1,8}) KiB vmemmap can be freed for a (?<size>[\d.]{1,6} ?[KMG]i?B) page/,
    ],
    severity: 'info',
    title: 'The kernel lists a hugepage size it supports (harmless)',
    cause:
      'at boot the kernel reports each hugepage size and how many pages of it were reserved from the command line (hugepages=N after hugepagesz=SIZE); the vmemmap line is how much page-table metadata it can give back for each such page. Nothing failed',
    fix: 'nothing to do; for guests backed by 1 GiB pages reserve them on the command line (hugepagesz=1G hugepages=N), since 1 GiB pages can rarely be found once the host has run a while',
    refine: (f) =>
      f.count === '0' && /^1(?:\.00)? ?G/.test(f.size ?? '')
        ? {
            cause:
              'the kernel supports 1 GiB hugepages but none were reserved at boot: guests that ask for 1 GiB pages (libvirt <page size="1" unit="G"/>, mem-path on a pagesize=1G mount) need them reserved, best on the command line (hugepagesz=1G hugepages=N), as free 1 GiB blocks are rare later. Harmless if no guest uses them',
          }
        : undefined,
    render: render('', '1.00 GiB', 0),
    examples: [
      ex('[    0.291830] HugeTLB: registered 1.00 GiB page size, pre-allocated 0 pages', {
        size: '1.00 GiB',
        count: '0',
      }),
      ex('HugeTLB: 16380 KiB vmemmap can be freed for a 1.00 GiB page', { kib: '16380' }),
      ex('HugeTLB registered 2 MB page size, pre-allocated 0 pages', { size: '2 MB' }),
    ],
  },
  {
    id: 'kernel.hugepages-param-ignored',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c hugepages_setup()',
    format: 'HugeTLB: hugepages=%s does not follow a valid hugepagesz, ignoring\n',
    versions:
      'the same function: "HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages=%s", "HugeTLB: Invalid hugepages parameter %s" (Linux 5.16+, the node:count form); hugetlb_init(): "HugeTLB: huge pages not supported, ignoring associated command-line parameters"',
    patterns: [
      /HugeTLB: hugepages=(?<value>[\w:,]{1,40}) does not follow a valid hugepagesz, ignoring/,
      /HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring(?: hugepages=(?<value>[\w:,]{1,40}))?/,
      /HugeTLB: Invalid hugepages parameter (?<value>[\w:,]{1,40})/,
      /HugeTLB: huge pages not supported, ignoring associated command-line parameters/,
    ],
    severity: 'error',
    title: 'A hugepages= kernel parameter was ignored: no pages were reserved',
    cause:
      'the kernel command line asks for hugepages, but the kernel dropped the request: hugepages=N must come after a valid hugepagesz=SIZE (or first, for the default size), once per size, in the form N or node:N,node:N. The hugepagesz= before it was refused (see "HugeTLB: unsupported hugepagesz=") or hugepages= was given twice for one size. Guests backed by these pages then fail to start ("unable to map backing store for guest RAM")',
    fix: 'write the pair in order, one pair per size: `default_hugepagesz=1G hugepagesz=1G hugepages=16` (or `hugepagesz=2M hugepages=4096`), with a size the CPU supports; check HugePages_Total in /proc/meminfo after reboot',
    refine: (f) =>
      f.value?.includes(':')
        ? {
            cause: `the per-node form hugepages=${f.value} was refused: each node must exist (numbered from 0) and the count must be a number; the whole request for this size is dropped`,
          }
        : undefined,
    render: render('', '16'),
    examples: [
      ex('[    0.000000] HugeTLB: hugepages=1 does not follow a valid hugepagesz, ignoring', { value: '1' }),
      ex('HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages=8'),
    ],
  },
  {
    id: 'kernel.hugetlb-disabled',
    source: 'kernel',
    cite: 'torvalds/linux mm/hugetlb.c hugetlb_init() ("HugeTLB support is disabled!") and fs/hugetlbfs/inode.c init_hugetlbfs_fs()',
    format: 'HugeTLB support is disabled!\n',
    versions: 'followed by fs/hugetlbfs "hugetlbfs: disabling because there are no supported hugepage sizes"',
    patterns: [
      /HugeTLB support is disabled!/,
      /hugetlbfs: disabling because there are no supported hugepage sizes/,
    ],
    severity: 'error',
    title: 'Hugepages are unavailable in this kernel',
    cause:
      "the kernel found no hugepage size it can use (the CPU or, in a nested guest, the virtual CPU lacks the page-size features, or a capture kernel such as POWER's firmware-assisted dump runs with them off), so hugetlbfs is not registered: nothing can be mounted at /dev/hugepages and no guest can be backed by hugepages",
    fix: 'boot the normal kernel on a CPU with hugepage support (pse for 2 MiB, pdpe1gb for 1 GiB in /proc/cpuinfo); in a nested setup expose them to the VM (-cpu host); otherwise start the guest without hugepages',
    render: render(''),
    examples: [
      ex('[    0.706375] HugeTLB support is disabled!'),
      ex('[    0.773530] hugetlbfs: disabling because there are no supported hugepage sizes'),
    ],
  },

  {
    id: 'kernel.hugetlbfs-pagesize-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux fs/hugetlbfs/inode.c hugetlbfs_parse_param() (older: hugetlbfs_parse_options())',
    format: 'Unsupported page size %lu MB\n',
    versions:
      'kernels with the new mount API report it with invalfc() as "hugetlbfs: Unsupported page size %lu MB"; older kernels with printk and the same "hugetlbfs: " text. mount(8) then fails with "wrong fs type, bad option"',
    patterns: [/hugetlbfs: Unsupported page size (?<mb>\d{1,8}) MB/],
    severity: 'error',
    title: 'hugetlbfs refused the pagesize= mount option',
    cause:
      'a hugetlbfs mount asks for a page size the kernel has no hugepage pool for: a size the CPU does not offer (x86: 2M, and 1G only with pdpe1gb), or a value without its unit (pagesize=1024 is 1024 bytes, printed as 0 MB). The mount (often /dev/hugepages1G for 1 GiB guest memory) is not created, and guests configured for it fail with "can\'t open backing store" or libvirt\'s "Unable to find any usable hugetlbfs mount"',
    fix: 'mount with a size the host lists under /sys/kernel/mm/hugepages, with its unit: `mount -t hugetlbfs -o pagesize=1G none /dev/hugepages1G` (or pagesize=2M); for 1G check pdpe1gb in /proc/cpuinfo',
    refine: (f) =>
      f.mb === '0'
        ? {
            cause:
              'the pagesize= value was read as less than 1 MB: it was given without a unit (pagesize=2048 means 2048 bytes), so no hugepage size matches; the mount is not created',
            fix: 'give the unit: pagesize=2M or pagesize=1G',
          }
        : undefined,
    render: render('hugetlbfs: ', 1024),
    examples: [
      ex('[   12.345678] hugetlbfs: Unsupported page size 1024 MB', { mb: '1024' }),
      ex('hugetlbfs: Unsupported page size 0 MB', { mb: '0' }),
    ],
  },

  // ---------------------------------------------------------------- hugepages: Proxmox VE
  {
    id: 'pve.hugepage-allocation-failed',
    source: 'proxmox',
    cite: `${PVE_MEMORY} hugepages_allocate()`,
    format: 'hugepage allocation failed',
    versions:
      'a Perl die() without a newline, so " at /usr/share/perl5/PVE/QemuServer/Memory.pm line N." follows',
    patterns: [/hugepage allocation failed/],
    severity: 'error',
    title: 'Proxmox could not reserve the hugepages the VM needs',
    cause:
      'for a VM with hugepages set Proxmox raises nr_hugepages on each host NUMA node by what the VM needs and reads free_hugepages back; the kernel found fewer free contiguous blocks than asked (memory in use or fragmented, above all for 1 GiB pages), so Proxmox restores the old counts and stops the start',
    fix: 'reserve the pages at boot instead (hugepagesz=1G hugepages=N on the kernel command line: /etc/default/grub or /etc/kernel/cmdline, then proxmox-boot-tool refresh) so they exist before memory fragments; or use hugepages: 2 (2 MiB pages), or less VM memory',
    render: render('TASK ERROR: '),
    examples: [
      ex('TASK ERROR: hugepage allocation failed at /usr/share/perl5/PVE/QemuServer/Memory.pm line 498.'),
    ],
  },
  {
    id: 'pve.hugepages-size-invalid',
    source: 'proxmox',
    cite: `${PVE_MEMORY} hugepages_size()`,
    format: "your system doesn't support hugepages of %s",
    versions:
      'the same function: "Memory size %s is not a multiple of the requested hugepages size %s" (Perl $variables written as %s; the size is printed in kB, e.g. 1048576kB)',
    patterns: [
      /your system doesn't support hugepages of (?<size>\d{1,8})kB/,
      /Memory size (?<memory>\d{1,9}) is not a multiple of the requested hugepages size (?<size>\d{1,8})kB/,
    ],
    severity: 'error',
    title: 'The VM asks for a hugepage size that does not fit',
    cause:
      'the VM config sets hugepages: 2 or 1024 (MiB pages); the host has no /sys/kernel/mm/hugepages/hugepages-SIZEkB directory for that size: the CPU lacks it (1 GiB pages need pdpe1gb) or, in a nested setup, the virtual CPU does not expose it',
    fix: 'use a size the host lists under /sys/kernel/mm/hugepages (hugepages: 2 works on every x86 host), or hugepages: any to let Proxmox pick',
    refine: (f) =>
      f.memory
        ? {
            title: 'The VM memory is not a whole number of hugepages',
            cause: `the VM (or one NUMA node or memory DIMM of it) has ${f.memory} MiB, which is not a multiple of the ${f.size} kB hugepages asked for; Proxmox splits memory per NUMA node (and into DIMMs with memory hotplug), and each part must be whole pages`,
            fix: 'make the memory (and each numaN memory=) a multiple of the page size (1024 MiB for 1 GiB pages), or use hugepages: 2',
          }
        : undefined,
    render: render('TASK ERROR: ', '1048576kB'),
    examples: [
      ex(
        "TASK ERROR: your system doesn't support hugepages of 1048576kB at /usr/share/perl5/PVE/QemuServer/Memory.pm line 422.",
        { size: '1048576' },
      ),
      ex(
        'TASK ERROR: Memory size 3000 is not a multiple of the requested hugepages size 1048576kB at /usr/share/perl5/PVE/QemuServer/Memory.pm line 426.',
        { memory: '3000', size: '1048576' },
      ),
    ],
  },
  {
    id: 'pve.hugepages-numa',
    source: 'proxmox',
    cite: `${PVE_MEMORY} config() / hugepages_topology()`,
    format: 'numa needs to be enabled to use hugepages',
    versions:
      'also "numa hostnodes need to be defined to use hugepages" (a numaN entry without hostnodes) and "more than 1 hostnode value in numa node is not supported when hugepages are enabled"',
    patterns: [
      /numa (?<what>needs to be enabled|hostnodes need to be defined) to use hugepages/,
      /(?<what>more than 1 hostnode value) in numa node is not supported when hugepages are enabled/,
    ],
    severity: 'error',
    title: 'Proxmox hugepages need the VM NUMA settings',
    cause:
      "Proxmox reserves hugepages per host NUMA node, so it must know where each guest node's memory goes: hugepages require numa: 1 on the VM, and a custom numaN entry must name exactly one host node (hostnodes=N)",
    fix: 'set numa: 1 (qm set VMID --numa 1); with numaN entries give each one hostnodes=N (a single node) and a policy',
    render: render('TASK ERROR: '),
    examples: [
      ex(
        'TASK ERROR: numa needs to be enabled to use hugepages at /usr/share/perl5/PVE/QemuServer/Memory.pm line 321.',
        {
          what: 'needs to be enabled',
        },
      ),
    ],
  },

  // ---------------------------------------------------------------- Looking Glass (ivshmem / kvmfr)
  {
    id: 'qemu.ivshmem-plain-memdev',
    source: 'qemu',
    cite: 'qemu/qemu hw/misc/ivshmem.c ivshmem_plain_realize()',
    format: "You must specify a 'memdev'",
    versions: 'the same function: "can\'t use already busy memdev: %s"',
    patterns: [/You must specify a 'memdev'/, /can't use already busy memdev: (?<memdev>[\w.-]{1,64})/],
    severity: 'error',
    title: 'The ivshmem-plain device has no memory backend of its own',
    cause:
      'an ivshmem-plain device (the shared memory Looking Glass and Scream use) maps a memory backend given by memdev=; none was named, so there is nothing to share. QEMU stops before the guest starts',
    fix: 'give the device a backend: -object memory-backend-file,id=looking-glass,mem-path=/dev/shm/looking-glass,size=32M,share=on -device ivshmem-plain,memdev=looking-glass (or mem-path=/dev/kvmfr0 with kvmfr); with libvirt use <shmem name="looking-glass"><model type="ivshmem-plain"/><size unit="M">32</size></shmem>, which creates both',
    refine: (f) =>
      f.memdev
        ? {
            title: 'Two devices use the same ivshmem memory backend',
            cause: `the memory backend "${f.memdev}" is already mapped by another device (a second ivshmem-plain with the same memdev=, or the backend also used as guest RAM or a NUMA node); a backend can back only one device`,
            fix: 'give each ivshmem-plain device its own -object memory-backend-file with its own id= and mem-path= (e.g. /dev/shm/looking-glass and /dev/shm/scream), and name that id in memdev=',
          }
        : undefined,
    render: render('qemu-system-x86_64: -device ivshmem-plain,id=shmem0,bus=pcie.0: '),
    examples: [
      ex("qemu-system-x86_64: -device ivshmem-plain,id=shmem0,bus=pcie.0: You must specify a 'memdev'"),
      ex(
        "qemu-system-x86_64: -device ivshmem-plain,id=shmem1,memdev=looking-glass: can't use already busy memdev: looking-glass",
        { memdev: 'looking-glass' },
      ),
    ],
  },
  {
    id: 'lg.shm-open-failed',
    source: 'looking-glass',
    cite: `${LG} common/src/platform/linux/ivshmem.c ivshmemOpenDev() (older clients: client/src/main.c map_memory())`,
    format: 'Failed to open: %s',
    versions:
      'the next line is the strerror() text (Permission denied, No such file or directory); B1-era clients: "Failed to open the shared memory file: %s" and "Failed to stat the shared memory file: %s"',
    patterns: [
      /Failed to (?:open|stat): (?<path>\/dev\/(?:shm\/[\w.-]{1,64}|kvmfr\d{1,3}))/,
      /Failed to (?:open|stat) the shared memory file: (?<path>\/[\w./-]{1,128})/,
      // The strerror() line ivshmemOpenDev() prints next, in the client's log columns.
      /ivshmemOpenDev {0,40}\| (?<err>Permission denied|No such file or directory|Operation not permitted)/,
    ],
    severity: 'error',
    title: "Looking Glass client: the shared-memory file can't be opened",
    cause:
      "the client reads the guest's frames from the ivshmem shared memory, by default /dev/shm/looking-glass; that file does not exist (the VM is not running, or its <shmem name='looking-glass'> / memory-backend-file points elsewhere) or was created by QEMU's user (root, libvirt-qemu) with a mode the desktop user may not open",
    fix: 'create the file beforehand with the right owner: a systemd-tmpfiles rule `f /dev/shm/looking-glass 0660 USER kvm -` (then `systemd-tmpfiles --create`), start the VM, and run the client as that user; or point the client at the right path with -f',
    refine: refineShmOpen,
    render: render('[E]   ivshmem.c:152  | ivshmemOpenDev  | ', '/dev/shm/looking-glass'),
    examples: [
      ex('[E]   ivshmem.c:152  | ivshmemOpenDev  | Failed to open: /dev/shm/looking-glass', {
        path: '/dev/shm/looking-glass',
      }),
      ex('[E]   ivshmem.c:130  | ivshmemOpenDev  | Failed to open: /dev/kvmfr0', { path: '/dev/kvmfr0' }),
      ex('[E]   ivshmem.c:153  | ivshmemOpenDev  | No such file or directory', { errno: 'ENOENT' }),
    ],
  },
  {
    id: 'lg.shm-map-failed',
    source: 'looking-glass',
    cite: `${LG} common/src/platform/linux/ivshmem.c ivshmemOpenDev() (older clients: client/src/main.c map_memory()); the same wording from duncanthrax/scream Receivers/unix/shmem.c init_shmem() (Scream's IVSHMEM audio receiver)`,
    format: 'Failed to map the shared memory device: %s',
    versions: 'B1/B2 clients: "Failed to map the shared memory file: %s"',
    patterns: [/Failed to map the shared memory (?:device|file): (?<path>\/[\w./-]{1,128})/],
    severity: 'error',
    title: "Looking Glass client: the shared memory can't be mapped",
    cause:
      'the client opened the shared-memory file but mmap() of its size failed: typically the file is empty (the VM is not running, so QEMU has not sized it yet, or the file was created beforehand, e.g. by a tmpfiles rule, and never sized), and a mapping of 0 bytes is refused',
    fix: 'start the VM first (QEMU sizes /dev/shm/looking-glass to the ivshmem size), make the file writable by the client user (0660 with the kvm group, via systemd-tmpfiles), and check that the ivshmem size in the VM config matches (a power of two, e.g. 32M or 64M)',
    refine: refineScreamMap,
    render: render('[E]   ivshmem.c:178  | ivshmemOpenDev  | ', '/dev/shm/looking-glass'),
    examples: [
      ex(
        '[E]               main.c:871  | map_memory                     | Failed to map the shared memory file: /dev/shm/looking-glass',
        { path: '/dev/shm/looking-glass' },
        'https://github.com/gnif/LookingGlass/issues/265',
      ),
      ex(
        'Failed to map the shared memory file: /dev/uio1',
        { path: '/dev/uio1' },
        'https://github.com/duncanthrax/scream/issues/112',
      ),
    ],
  },
  {
    id: 'lg.kvmfr-static-devices',
    source: 'looking-glass',
    cite: `${LG} module/kvmfr.c create_static_devices()`,
    format: 'kvmfr: creating %d static devices\n',
    patterns: [/kvmfr: creating (?<count>\d{1,3}) static devices/],
    severity: 'info',
    title: 'The kvmfr module created its shared-memory devices (harmless)',
    cause:
      "on the host, kvmfr creates one /dev/kvmfrN per size given in static_size_mb= (in MiB); QEMU backs the guest's ivshmem-plain device with it (memory-backend-file,mem-path=/dev/kvmfr0,share=on) and the Looking Glass client reads frames from it with DMA-BUF",
    fix: 'nothing to do; the device needs the same size as the ivshmem device of the VM, and access for QEMU (cgroup_device_acl in qemu.conf) and the client user (udev rule)',
    refine: (f) =>
      f.count === '0'
        ? {
            severity: 'warning',
            title: 'kvmfr was loaded without static_size_mb: no /dev/kvmfr device exists',
            cause:
              'the module was loaded with no static_size_mb= value, so it created no /dev/kvmfrN on the host (its PCI driver only serves the IVSHMEM device inside a guest); a VM configured with mem-path=/dev/kvmfr0 does not get the kvmfr memory, and the client cannot open the device',
            fix: 'load it with the size: `options kvmfr static_size_mb=64` in /etc/modprobe.d/kvmfr.conf (several values make /dev/kvmfr0, 1, …), then reload the module (`modprobe -r kvmfr; modprobe kvmfr`)',
          }
        : undefined,
    render: render('', 1),
    examples: [
      ex('[   41.220031] kvmfr: creating 1 static devices', { count: '1' }),
      ex('kvmfr: creating 0 static devices', { count: '0' }),
    ],
  },
  {
    id: 'lg.host-ivshmem-missing',
    source: 'looking-glass',
    cite: `${LG} host/platform/Windows/src/ivshmem.c ivshmemInit() / host/src/app.c app_main()`,
    format: 'Unable to enumerate the device, is it attached?',
    versions:
      'DEBUG_WINERROR appends ": 0x%08x" (the Windows error, 0x103 = ERROR_NO_MORE_ITEMS) and, in later hosts, its text; older hosts misspell it "it is attached?"; then app.c: "Failed to open the IVSHMEM device" (2020-era hosts, when ivshmemInit() fails: "Failed to find the IVSHMEM device")',
    patterns: [
      /Unable to enumerate the device, (?:is it|it is) attached\?/,
      /Failed to (?:open|find) the IVSHMEM device/,
    ],
    severity: 'error',
    title: 'Looking Glass host (in the guest) finds no IVSHMEM device',
    cause:
      'the Looking Glass host application in the Windows guest found no device of the IVSHMEM driver\'s interface: the VM has no ivshmem-plain device (a libvirt <shmem> with model ivshmem-plain, or -device ivshmem-plain,memdev=…), or the guest lacks the IVSHMEM driver from virtio-win (the device then shows as an unknown "PCI standard RAM Controller"), or shmDevice= in the host\'s ini names a device index that does not exist',
    fix: 'add the shared memory device to the VM, install the IVSHMEM driver (virtio-win) for the "PCI standard RAM Controller" in Device Manager, and with several ivshmem devices set [os] shmDevice= to the one for Looking Glass',
    render: render('[E]   ivshmem.c:72   | ivshmemOpen  | '),
    examples: [
      ex(
        '  4214137131 [E]            ivshmem.c:72   | ivshmemOpen                    | Unable to enumerate the device, is it attached?: 0x00000103',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/403',
      ),
      ex(
        '  4214138392 [E]                app.c:450  | app_main                       | Failed to open the IVSHMEM device',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/403',
      ),
    ],
  },
  {
    id: 'lg.host-ivshmem-size',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c app_main()`,
    format: 'IVSHMEM Size     : %u MiB',
    versions: 'followed by "Max Frame Size   : %u MiB"; the host prints both at start-up',
    patterns: [/IVSHMEM Size {1,8}: (?<mib>\d{1,6}) MiB/, /Max Frame Size {1,8}: (?<frame>\d{1,6}) MiB/],
    severity: 'info',
    title: 'Looking Glass host: the size of the shared memory it opened',
    cause:
      'the Looking Glass host application in the guest reports the size of the IVSHMEM device it opened and the largest frame that fits in it; informational',
    fix: 'nothing to do when the size is the one configured for Looking Glass (32 MiB or more for 1080p)',
    refine: (f) =>
      (f.mib !== undefined && Number(f.mib) < 16) || f.frame === '0'
        ? {
            severity: 'warning',
            title: 'Looking Glass host opened a shared memory too small for frames',
            cause: `the host application opened ${f.mib !== undefined ? `an IVSHMEM device of ${f.mib} MiB` : 'a shared memory with room for no frame (Max Frame Size 0 MiB)'}: with several ivshmem devices (Scream audio uses a 2 MiB one) it took the wrong one, since it opens the first device unless told otherwise; or the Looking Glass device was configured too small`,
            fix: 'in looking-glass-host.ini set [os] shmDevice= to the index of the Looking Glass device (0 is the first), or make the Looking Glass device the first/larger one; size it for two frames plus 10 MiB, rounded up to a power of two',
          }
        : undefined,
    render: render('  2552202318 [I]                app.c:412  | app_main                       | ', 32),
    examples: [
      ex(
        '2552202318 [I]                app.c:412  | app_main                       | IVSHMEM Size     : 2 MiB',
        { mib: '2' },
        'https://github.com/gnif/LookingGlass/issues/283',
      ),
      ex(
        '    18075678 [I]                app.c:507  | app_main                       | Max Frame Size   : 0 MiB',
        { frame: '0' },
        'https://github.com/gnif/LookingGlass/issues/309',
      ),
      ex(
        '230911673262 [I]                app.c:450  | app_main                       | IVSHMEM Size     : 32 MiB',
        { mib: '32' },
        'https://github.com/gnif/LookingGlass/issues/284',
      ),
    ],
  },
  {
    id: 'lg.ivshmem-too-small',
    source: 'looking-glass',
    cite: `${LG} client/src/main.c main_frameThread()`,
    format: 'IVSHMEM too small, screen truncated',
    versions: 'followed by "Recommend increase size to %d MiB"',
    patterns: [/IVSHMEM too small, screen truncated/, /Recommend increase size to (?<mib>\d{1,5}) MiB/],
    severity: 'warning',
    title: "Looking Glass: the shared memory is too small for the guest's resolution",
    cause:
      "the guest's frames do not fit in the shared memory (the client's rule is two frames plus 10 MiB), so the host truncated the frame and the client shows only part of the screen",
    fix: 'raise the ivshmem size to the power of two the client recommends (libvirt <shmem><size unit="M">, the memory-backend-file size=, or kvmfr static_size_mb=), then restart the VM',
    refine: (f) =>
      f.mib
        ? {
            fix: `raise the ivshmem size to ${f.mib} MiB (libvirt <shmem><size unit="M">${f.mib}</size>, the memory-backend-file size=${f.mib}M, or kvmfr static_size_mb=${f.mib}), then restart the VM`,
          }
        : undefined,
    render: render('[W]   main.c:693  | main_frameThread  | '),
    examples: [
      ex(
        '00:00:00.348 [W]              main.c:693  | main_frameThread               | IVSHMEM too small, screen truncated',
        undefined,
        'https://github.com/gnif/LookingGlass/issues/1318',
      ),
      ex(
        '00:00:00.348 [W]              main.c:694  | main_frameThread               | Recommend increase size to 64 MiB',
        { mib: '64' },
        'https://github.com/gnif/LookingGlass/issues/1318',
      ),
    ],
  },
  {
    id: 'lg.frame-exceeds-shm',
    source: 'looking-glass',
    cite: `${LG} host/src/app.c captureStart()`,
    format: 'Maximum frame size of %d bytes excceds maximum space available',
    versions: 'the misspelling "excceds" is in the source; older hosts printed it with %u or %zu',
    patterns: [/Maximum frame size of (?<bytes>\d{1,12}) bytes excceds maximum space available/],
    severity: 'error',
    title: 'Looking Glass host: a frame does not fit in the shared memory',
    cause:
      "the capture interface in the guest reports a largest frame bigger than the room left in the ivshmem shared memory, so the host application refuses to capture: the shared memory is too small for the guest's resolution and colour depth",
    fix: 'raise the ivshmem size (a power of two) and restart the VM',
    refine: (f) => {
      const bytes = Number(f.bytes ?? '0');
      if (!bytes) return undefined;
      const mib = recommendedMiB(bytes);
      return {
        fix: `raise the ivshmem size to at least ${mib} MiB (two frames of ${bytes} bytes plus 10 MiB, rounded up to a power of two, the rule the client uses), e.g. libvirt <shmem><size unit="M">${mib}</size>, then restart the VM`,
      };
    },
    render: render('[E]   app.c:272  | captureStart  | ', 14745600),
    examples: [
      ex(
        '  3448328331 [E]                app.c:272  | captureStart                   | Maximum frame size of 14745600 bytes excceds maximum space available',
        { bytes: '14745600' },
        'https://github.com/gnif/LookingGlass/issues/547',
      ),
    ],
  },
];

const HUGETLB = 'torvalds/linux mm/hugetlb.c';
const LG_CLIENT_IVSHMEM = `${LG} common/src/platform/linux/ivshmem.c`;

/** Further wordings the entries above recognise: sibling messages of one function, older texts. */
export const VMM_HUGEPAGE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'xen.pci-add-failed',
    file: 'xen-project/xen tools/libxl/libxl_pci.c',
    format: 'libxl_device_pci_add failed: %d',
    text: 'libxl: error: libxl_pci.c:1304:libxl__add_pcidevs: libxl_device_pci_add failed: -3',
  },
  {
    id: 'xen.pci-add-failed',
    file: 'xen-project/xen tools/libs/light/libxl_create.c',
    format: 'unable to add pci devices',
    text: 'libxl: error: libxl_create.c:1923:domcreate_attach_devices: Domain 1:unable to add pci devices',
  },
  {
    id: 'xen.pci-reset-failed',
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: "The kernel doesn't support reset from sysfs for PCI device %04x:%02x:%02x.%01x",
    text: "libxl: error: libxl_pci.c:1521:libxl__device_pci_reset: Domain 3:The kernel doesn't support reset from sysfs for PCI device 0000:03:00.0",
  },
  {
    id: 'kernel.xen-pcifront-swiotlb',
    file: 'torvalds/linux drivers/xen/swiotlb-xen.c',
    format: 'Failed to get contiguous memory for DMA from Xen!',
    text: 'xen:swiotlb_xen: Failed to get contiguous memory for DMA from Xen!',
  },
  {
    id: 'kernel.hugetlb-registered',
    file: HUGETLB,
    format: 'HugeTLB: %d KiB vmemmap can be freed for a %s page',
    text: 'HugeTLB: 16380 KiB vmemmap can be freed for a 1.00 GiB page',
  },
  {
    id: 'kernel.hugepages-param-ignored',
    file: HUGETLB,
    format: 'HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages=%s',
    text: 'HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages=8',
  },
  {
    id: 'kernel.hugepages-param-ignored',
    file: HUGETLB,
    format: 'HugeTLB: Invalid hugepages parameter %s',
    text: 'HugeTLB: Invalid hugepages parameter 0:8,5:8',
  },
  {
    id: 'kernel.hugepages-param-ignored',
    file: HUGETLB,
    format: 'HugeTLB: huge pages not supported, ignoring associated command-line parameters',
    text: 'HugeTLB: huge pages not supported, ignoring associated command-line parameters',
  },
  {
    id: 'kernel.hugetlb-disabled',
    file: 'torvalds/linux fs/hugetlbfs/inode.c',
    format: 'hugetlbfs: disabling because there are no supported hugepage sizes',
    text: 'hugetlbfs: disabling because there are no supported hugepage sizes',
  },
  {
    id: 'pve.hugepages-size-invalid',
    file: PVE_MEMORY,
    format: 'Memory size %s is not a multiple of the requested hugepages size %s',
    text: 'Memory size 3000 is not a multiple of the requested hugepages size 1048576kB at /usr/share/perl5/PVE/QemuServer/Memory.pm line 426.',
  },
  {
    id: 'pve.hugepages-numa',
    file: PVE_MEMORY,
    format: 'numa hostnodes need to be defined to use hugepages',
    text: 'TASK ERROR: numa hostnodes need to be defined to use hugepages at /usr/share/perl5/PVE/QemuServer/Memory.pm line 248.',
  },
  {
    id: 'pve.hugepages-numa',
    file: PVE_MEMORY,
    format: 'more than 1 hostnode value in numa node is not supported when hugepages are enabled',
    text: 'TASK ERROR: more than 1 hostnode value in numa node is not supported when hugepages are enabled at /usr/share/perl5/PVE/QemuServer/Memory.pm line 371.',
  },
  {
    id: 'lg.shm-open-failed',
    file: LG_CLIENT_IVSHMEM,
    format: 'Failed to stat: %s',
    text: '[E]   ivshmem.c:139  | ivshmemOpenDev  | Failed to stat: /dev/shm/looking-glass',
  },
  {
    id: 'lg.shm-open-failed',
    file: `${LG} client/src/main.c`,
    format: 'Failed to open the shared memory file: %s',
    text: '[E]               main.c:862  | map_memory                     | Failed to open the shared memory file: /dev/shm/looking-glass',
  },
  {
    id: 'lg.shm-map-failed',
    file: `${LG} client/src/main.c`,
    format: 'Failed to map the shared memory file: %s',
    text: '[E]               main.c:871  | map_memory                     | Failed to map the shared memory file: /dev/shm/looking-glass',
  },
  {
    id: 'lg.host-ivshmem-missing',
    file: `${LG} host/src/app.c`,
    format: 'Failed to open the IVSHMEM device',
    text: '  4214138392 [E]                app.c:450  | app_main                       | Failed to open the IVSHMEM device',
  },
  {
    id: 'lg.host-ivshmem-missing',
    file: `${LG} host/src/app.c`,
    format: 'Failed to find the IVSHMEM device',
    text: '  4214138390 [E]                app.c:441  | app_main                       | Failed to find the IVSHMEM device',
  },
  {
    id: 'lg.ivshmem-too-small',
    file: `${LG} client/src/main.c`,
    format: 'Recommend increase size to %d MiB',
    text: '00:00:00.348 [W]              main.c:694  | main_frameThread               | Recommend increase size to 64 MiB',
  },
  {
    id: 'lg.host-ivshmem-size',
    file: `${LG} host/src/app.c`,
    format: 'Max Frame Size   : %u MiB',
    text: '    18075678 [I]                app.c:507  | app_main                       | Max Frame Size   : 0 MiB',
  },
];

/** Strings of the swept files that no entry recognises, with the reason. */
export const VMM_HUGEPAGE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: 'cannot determine if device is assigned, refusing to continue',
    why: "libxl could not read the list of assigned devices from xenstore; a toolstack or xenstored failure that is not about the device or the host's IOMMU set-up",
  },
  {
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: 'Failed to access pciback path %s / Failed to access reset path %s',
    why: 'an unexpected errno (not ENOENT) on a sysfs path libxl opens for the reset; the ENOENT case, the one users meet, is xen.pci-reset-failed',
  },
  {
    file: PVE_MEMORY,
    format: 'hugepage mount error',
    why: "the errmsg of Proxmox's mount of /run/hugepages/kvm/SIZEkB; mount's own message follows it and the kernel's reason (\"hugetlbfs: Unsupported page size\") is kernel.hugetlbfs-pagesize-unsupported",
  },
  {
    file: PVE_MEMORY,
    format: "you cannot add more memory than %s MB! / memory can't be lower than %s MB",
    why: 'limits of memory hotplug (DIMMs added to a running VM), not of hugepages or device assignment',
  },
  {
    file: 'qemu/qemu hw/misc/ivshmem.c',
    format: 'ivshmem is deprecated, please use ivshmem-plain or ivshmem-doorbell instead',
    why: "the legacy ivshmem device of old QEMU releases (the device was later removed); Looking Glass and libvirt's <shmem model='ivshmem-plain'> use ivshmem-plain",
  },
  {
    file: 'qemu/qemu hw/misc/ivshmem.c',
    format: "You must specify a 'chardev'",
    why: 'ivshmem-doorbell, the variant that talks to an ivshmem-server over a socket for interrupts between guests; Looking Glass and Scream use ivshmem-plain, whose missing memdev is qemu.ivshmem-plain-memdev',
  },
];
