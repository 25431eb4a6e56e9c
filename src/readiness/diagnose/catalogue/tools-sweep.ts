/**
 * What the tools around VFIO print when the host is not ready, in their own words rather than the
 * kernel's or QEMU's: the management layers' and validators' "no IOMMU" (Proxmox VE's GUI,
 * virt-host-validate), a helper's own check that a group is bound to vfio-pci (stricter than the
 * kernel's rule, which lets a bridge keep pcieport), and SPDK's setup script refusing a disk the
 * host uses and warning about the memlock limit. (Proxmox VE's "No IOMMU detected" and a toolchain
 * program missing from a script's PATH are in host-misses-sweep.ts.)
 * Each cites the program that prints it; where the tool's rule differs from the kernel's, the
 * explanation says which one decides.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** The kernel's rule, which a helper's own "all devices bound to vfio-pci" check approximates. */
const KERNEL_RULE =
  'the kernel lets a group be used when each of its devices is on vfio-pci, on no driver, or on a driver that declares it does not use DMA for the host (driver_managed_dma: pci-stub, and pcieport on PCIe ports), drivers/base/dd.c and drivers/iommu/iommu.c iommu_device_use_default_domain()';

/** Drivers of bridges and ports that the kernel's rule accepts in a group used through VFIO. */
const PORT_DRIVERS = new Set(['pcieport', 'shpchp']);

function refineGroupCheck(f: Facts): Refinement | undefined {
  if (f.driver && PORT_DRIVERS.has(f.driver))
    return {
      cause: `the device it objects to${f.other ? ` (${f.other})` : ''} is a PCIe port on ${f.driver}, which the kernel accepts: ${KERNEL_RULE}. The tool's own check is stricter than the kernel and stops although VFIO would open the device; a port cannot be passed to a guest anyway`,
      fix: 'leave the port on pcieport: use a version of the tool that skips bridges in its group check (or skip the check), or open the device through QEMU/libvirt, which follow the kernel; if a real endpoint is listed too, bind that one to vfio-pci',
    };
  if (f.driver)
    return {
      cause: `another function of the IOMMU group${f.other ? `, ${f.other},` : ''} is on the host driver ${f.driver}: a group can only be used when every endpoint in it is on vfio-pci (or no driver)`,
      fix: `bind ${f.other ?? 'that function'} to vfio-pci as well (a GPU's audio or USB function belongs with it); if it is an unrelated device the host needs, the slot shares its group (no ACS): move the card to another slot`,
    };
  return undefined;
}

function refineValidate(f: Facts): Refinement | undefined {
  if (f.table === 'DMAR' || f.table === 'IVRS')
    return {
      cause: `the firmware published no ${f.table} ACPI table (virt-host-validate only looks for /sys/firmware/acpi/tables/${f.table}): ${f.table === 'DMAR' ? 'VT-d' : 'the AMD IOMMU (AMD-Vi)'} is disabled in the firmware setup, or this CPU/chipset or board has none. Harmless for VMs without assigned devices; passthrough needs it`,
      fix: `enable ${f.table === 'DMAR' ? '"VT-d" (Intel)' : '"IOMMU" / "AMD-Vi" (AMD; "SVM" is only the CPU part)'} in the firmware setup, then check that /sys/firmware/acpi/tables/${f.table} exists`,
    };
  if (f.bootarg)
    return {
      cause: `the firmware table is there but the kernel made no IOMMU groups (/sys/kernel/iommu_groups is empty): the IOMMU driver was not turned on at boot; the validator suggests ${f.bootarg}`,
      fix: `add ${f.bootarg}${f.bootarg.startsWith('intel') ? ' (and iommu=pt)' : ''} to the kernel command line (GRUB_CMDLINE_LINUX_DEFAULT then update-grub / grub2-mkconfig, or the systemd-boot entry), reboot, and check /sys/kernel/iommu_groups`,
    };
  return undefined;
}

function refineInUse(f: Facts): Refinement | undefined {
  const what = f.what ?? '';
  if (/\bdata@/.test(what))
    return {
      cause: `the disk (${what}) carries a filesystem, RAID or partition-table signature (blkid sees one, even an empty GPT), so setup.sh treats it as holding data and will not take it from the kernel`,
      fix: 'check with `blkid` / `wipefs -n /dev/DISK` that nothing on it is needed, then erase the signatures (`wipefs -a /dev/DISK`) and run setup.sh again; or list only the other controllers in PCI_ALLOWED',
    };
  if (/\b(?:mount@|mountpoints)/.test(what) || f.kind === 'mountpoints')
    return {
      cause: `a filesystem on the disk is mounted (${what}), often the host's own root or boot disk: binding the controller away from the kernel nvme driver would pull it from under the host, so setup.sh skips it (does not bind it) and leaves it on the kernel driver. A machine whose only NVMe disk holds the OS cannot give that controller to SPDK; it needs a separate controller for SPDK`,
      fix: 'unmount it (and remove it from /etc/fstab) or pick another controller; never hand the host’s boot disk to SPDK',
    };
  if (/\bholder@/.test(what))
    return {
      cause: `the disk is held by another block device (${what}): device-mapper (LVM, LUKS), MD RAID or a multipath map is built on it`,
      fix: 'deactivate the holder first (vgchange -an, cryptsetup close, mdadm --stop), or pick another controller',
    };
  return undefined;
}

export const TOOLS_SWEEP_ENTRIES: CatalogueEntry[] = [
  {
    id: 'tool.group-not-all-vfio',
    source: 'userspace tool',
    cite: 'VoltCyclone/PCILeechFWGenerator src/cli/vfio_helpers.py check_iommu_group_binding(); the rule it approximates: torvalds/linux drivers/iommu/iommu.c iommu_device_use_default_domain() with drivers/base/dd.c (driver_managed_dma)',
    format: 'IOMMU group %s has devices not bound to vfio-pci:',
    versions:
      'followed by "  Unbound devices: [...]" and "  Wrong driver devices: [(BDF, DRIVER), ...]" and "All devices in an IOMMU group must be bound to vfio-pci for VFIO to work." (later versions: "should be bound")',
    patterns: [
      /IOMMU group (?<group>\d{1,5}) has devices not bound to vfio-pci/,
      /Wrong driver devices: \[\('(?<other>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])', '(?<driver>[\w-]{1,32})'/,
    ],
    severity: 'error',
    title: "A tool's check found devices of the IOMMU group on other drivers",
    cause: `the tool checks that every device of the group is on vfio-pci before it opens the device, and lists those that are not bound to vfio-pci: "Unbound devices" have no driver at all, "Wrong driver devices" are on another driver. ${KERNEL_RULE}, so a bridge on pcieport in the list is no obstacle for VFIO itself, while an endpoint on a host driver is — and if the device the tool wants is itself unbound or on another driver, the group has no /dev/vfio/N node unless another device of the group is on vfio-pci`,
    fix: 'read the list under the message: bind the endpoints it names to vfio-pci; a PCIe port on pcieport may stay (the tool is stricter than the kernel there)',
    refine: refineGroupCheck,
    render: render('', 12),
    examples: [
      ex('IOMMU group 31 has devices not bound to vfio-pci:', { group: '31' }),
      // The list printed under it: each function on another driver, with its driver.
      ex("  Wrong driver devices: [('0000:02:04.0', 'pcieport')]", {
        other: '0000:02:04.0',
        driver: 'pcieport',
      }),
      ex("  Wrong driver devices: [('0000:01:00.1', 'snd_hda_intel')]", { driver: 'snd_hda_intel' }),
    ],
  },
  {
    id: 'libvirt.validate-iommu',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virt-host-validate-common.c virHostValidateIOMMU()',
    format:
      'No ACPI %s table found, IOMMU either disabled in BIOS or not supported by this hardware platform',
    versions:
      'the table is DMAR (Intel) or IVRS (AMD); the second check prints "IOMMU appears to be disabled in kernel. Add %s to kernel cmdline arguments" (intel_iommu=on, or iommu=pt iommu=1 for AMD)',
    patterns: [
      /No ACPI (?<table>DMAR|IVRS) table found, IOMMU either disabled in BIOS or not supported by this hardware platform/,
      /IOMMU appears to be disabled in kernel\. Add (?<bootarg>[\w=.,-]{1,40}(?: [\w=.,-]{1,40}){0,2}) to kernel cmdline arguments/,
    ],
    severity: 'warning',
    title: 'virt-host-validate: no IOMMU for device assignment',
    cause:
      'the host cannot assign devices to guests: the firmware has no IOMMU table, or the kernel did not turn the IOMMU on',
    fix: 'enable VT-d / AMD-Vi in the firmware, add the boot argument the validator names, reboot, and run virt-host-validate again',
    refine: refineValidate,
    render: render(
      '  QEMU: Checking for device assignment IOMMU support                         : WARN (',
      'DMAR',
    ),
    examples: [
      ex(
        '  QEMU: Checking for device assignment IOMMU support                         : WARN (No ACPI IVRS table found, IOMMU either disabled in BIOS or not supported by this hardware platform)',
        { table: 'IVRS' },
      ),
      ex(
        '  QEMU: Checking if IOMMU is enabled by kernel                               : WARN (IOMMU appears to be disabled in kernel. Add intel_iommu=on to kernel cmdline arguments)',
        { bootarg: 'intel_iommu=on' },
      ),
    ],
  },
  {
    id: 'spdk.memlock-limit',
    source: 'spdk',
    cite: 'spdk/spdk scripts/setup.sh (the memlock check after binding devices)',
    format: '## WARNING: memlock limit is less than 64MB',
    versions:
      'printed after "Current user memlock limit: %s MB" (or "... for user \\"%s\\"" with TARGET_USER) and followed by "## DPDK with VFIO may not be able to initialize if run as current user."',
    patterns: [/memlock limit is less than 64MB/],
    severity: 'warning',
    title: "The user's locked-memory limit is too small for VFIO",
    cause:
      "RLIMIT_MEMLOCK of the user who will run the SPDK/DPDK application is below 64 MB: through VFIO every buffer the device may reach (the hugepage memory) is pinned and counted against that limit, so an unprivileged process fails to map DMA memory (ENOMEM) past it. Root's own limit does not matter to root",
    fix: 'raise it for that user: "USER soft memlock unlimited" and "USER hard memlock unlimited" in /etc/security/limits.conf (log in again), LimitMEMLOCK=infinity for a systemd service, --ulimit memlock=-1 for a container; or run the application as root',
    render: render(''),
    examples: [
      ex(
        'Current user memlock limit: 16 MB\n\nThis is the maximum amount of memory you will be\nable to use with DPDK and VFIO if run as current user.\nTo change this, please adjust limits.conf memlock limit for current user.\n\n## WARNING: memlock limit is less than 64MB\n## DPDK with VFIO may not be able to initialize if run as current user.',
      ),
    ],
  },
  {
    id: 'spdk.device-in-use',
    source: 'spdk',
    cite: 'spdk/spdk scripts/setup.sh verify_bdf_block_devs() (older: verify_bdf_mounts(), and before that configure_linux_pci())',
    format: 'Active devices: %s, so not binding PCI dev',
    versions:
      'older setup.sh: "Active mountpoints on %s, so not binding PCI dev" (older still without " PCI dev"); the list names each use as mount@DISK:PART, holder@DISK:DM, data@DISK (a signature blkid finds)',
    patterns: [
      new RegExp(
        `(?:${BDF} \\([0-9a-fA-F]{4} [0-9a-fA-F]{4}\\): )?Active (?<kind>devices|mountpoints)(?::| on) (?<what>[^\\n]{1,300}?),? so not binding(?: PCI dev)?`,
      ),
    ],
    severity: 'warning',
    title: 'SPDK setup.sh leaves a disk controller the host uses',
    cause:
      'setup.sh found the NVMe disk behind this controller in use by the host (mounted, held by device-mapper/MD, or carrying a data signature) and refuses to bind the controller to vfio-pci/uio, to protect the host',
    fix: 'free the disk (unmount, deactivate LVM/RAID on it, or wipe a stale signature after checking it) or leave that controller out (PCI_ALLOWED / PCI_BLOCKED)',
    refine: refineInUse,
    render: render('0000:3b:00.0 (144d a80a): ', 'data@nvme2n1'),
    examples: [
      ex('0000:00:04.0 (1d0f 8061): Active devices: mount@nvme0n1:nvme0n1p1, so not binding PCI dev', {
        bdf: '0000:00:04.0',
        what: 'mount@nvme0n1:nvme0n1p1',
      }),
      ex('0000:84:00.0 (19e5 3754): Active devices: data@nvme1n1, so not binding PCI dev', {
        what: 'data@nvme1n1',
      }),
      ex('Active mountpoints on /dev/nvme0n1, so not binding PCI dev 0000:03:00.0', { kind: 'mountpoints' }),
      ex(
        '0000:00:07.0 (1af4 1001): Active mountpoints on /dev/vda, so not binding',
        { kind: 'mountpoints', what: '/dev/vda' },
        'https://github.com/spdk/spdk/issues/1563',
      ),
    ],
  },
];
