/**
 * SR-IOV's life cycle and Xen's PCI passthrough, swept for what the earlier files left out. SR-IOV:
 * what the physical function's driver prints when it cannot create VFs (pci_enable_sriov()'s
 * errno), when it cannot take them away because they are assigned (pci_vfs_assigned()), and
 * while a guest drives a VF (administratively set MAC addresses, trust, spoof checking), plus
 * iproute2's answer when a VF setting is refused over netlink. Xen: dom0's pciback (config-space
 * writes it filters, MSI/MSI-X it cannot enable for a guest), libxl's interrupt and I/O-memory
 * grants, the hypervisor's own IOMMU fault lines (VT-d and AMD-Vi, read with `xl dmesg`) and
 * libvirt's summary when libxl could not create a domain. The sriov_numvfs lines of
 * drivers/pci/iov.c are in sysfs-bind.ts, bind-setup.ts and kernel-sweep.ts; libxl's assignment
 * and pciback binding lines in vmm-hugepage-sweep.ts. SRIOV_XEN_ALSO and SRIOV_XEN_LEFT_OUT are
 * this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

const IOV = 'torvalds/linux drivers/pci/iov.c';
const IXGBE_SRIOV = 'torvalds/linux drivers/net/ethernet/intel/ixgbe/ixgbe_sriov.c';
const I40E_VF = 'torvalds/linux drivers/net/ethernet/intel/i40e/i40e_virtchnl_pf.c';
const PCIBACK = 'torvalds/linux drivers/xen/xen-pciback';
const LIBXL_PCI = 'xen-project/xen tools/libs/light/libxl_pci.c (older: tools/libxl/libxl_pci.c)';
const VTD = 'xen-project/xen xen/drivers/passthrough/vtd/iommu.c';
const AMD_VI = 'xen-project/xen xen/drivers/passthrough/amd/iommu_init.c parse_event_log_entry()';

/** Who sets the "assigned" flag pci_vfs_assigned() counts: not vfio-pci. */
const ASSIGNED_FLAG =
  "pci_vfs_assigned() counts the VFs carrying PCI_DEV_FLAGS_ASSIGNED, which in the kernel sources only Xen's pciback (pcistub_init_device()) and the legacy KVM device assignment (removed in Linux 4.12) set";

/** Why pci_enable_sriov() failed, by the errno the PF driver printed. */
function refineEnable(f: Facts): Refinement | undefined {
  switch (f.errno) {
    case 'ENOSYS':
    case 'ENODEV':
      return {
        cause:
          'pci_enable_sriov() found no SR-IOV capability set up on this function (-ENOSYS; -ENODEV on older kernels): the kernel did not see the capability at enumeration, because SR-IOV is off in the firmware for this adapter. Many servers have a global SR-IOV switch and a second one per NIC (Dell: System Setup → Device Settings → the NIC → Virtualization Mode = SR-IOV), and a NIC whose own switch is off hides the capability',
        fix: 'turn SR-IOV on in the firmware for the adapter itself (per-port "Virtualization Mode" or "SR-IOV" in its device settings, or the vendor tool: mlxconfig SRIOV_EN=1 NUM_OF_VFS=N for ConnectX), cold-boot, then check `lspci -vvv -s ADDR | grep -A3 "SR-IOV"` shows the capability before writing sriov_numvfs',
      };
    case 'ENOMEM':
      return {
        cause:
          'the kernel could not place the VFs: no MMIO space was assigned to the VF BARs, or the VFs\' bus numbers lie beyond the bridge\'s range; the line just before names which ("not enough MMIO resources for SR-IOV", "can\'t enable N VFs (bus XX out of range of …)", "SR-IOV: bus number out of range")',
        fix: 'turn on "SR-IOV support" and "Above 4G decoding" in the firmware, or boot with pci=realloc (and pci=assign-busses when the bus range is the problem); asking for fewer VFs may fit',
      };
    case 'EINVAL':
      return {
        cause:
          'the PF refused the count: more VFs than the device offers (sriov_totalvfs), more than it can enable without VF migration support, or VFs are already enabled (the count can only go from 0 to N)',
        fix: 'read sriov_totalvfs and ask for at most that many; write 0 to sriov_numvfs before another count',
      };
    case 'EIO':
      return {
        cause:
          "the SR-IOV capability reads back inconsistent values (a VF offset or stride of zero, a VF BAR not page-aligned): the device's firmware is in a bad state or the function is not fully up",
        fix: 'power-cycle the host (a warm reboot may not reset the NIC), update the NIC firmware',
      };
    case 'EBUSY':
      return {
        cause: 'VFs are already enabled on this PF, or the PF is being reset',
        fix: 'write 0 to sriov_numvfs first, wait for the PF to come up, then the new count',
      };
    default:
      return undefined;
  }
}

/** What an administratively set MAC means for the guest, shared by the Intel PF drivers' lines. */
const MAC_OVERRIDE_CAUSE =
  "the host set the VF's MAC address administratively through the PF (`ip link set PF vf N mac …`, which libvirt does for <interface type='hostdev'> with a <mac>, and the SR-IOV CNI for a pod), so the PF pins the VF to it; the guest's VF driver then asked for another address (a MAC set inside the guest, a bond or bridge in the guest, a VF driver that starts before it learnt the pinned address) and the PF refused. Traffic to the guest's address is dropped until the guest uses the pinned one";
const MAC_OVERRIDE_FIX =
  "use the same MAC inside the guest as on the host (libvirt's <mac address=…/> is the one set), reload the VF driver in the guest so it reads the pinned address, or let the VF choose its own: `ip link set PF vf N trust on` (or clear the admin MAC with `ip link set PF vf N mac 00:00:00:00:00:00` where the driver allows it)";

/** What a pciback MSI/MSI-X failure means, by the errno. */
function refinePcibackMsi(f: Facts): Refinement | undefined {
  if (f.errno === 'ENOSPC')
    return {
      cause:
        'dom0 could not map another interrupt for the guest: the domain ran out of the extra interrupts (pirqs) Xen gives it beyond its legacy ones ("xen map irq failed -28" just before). A device with many MSI-X vectors, or several devices in one guest, exhausts the default',
      fix: 'raise the limit on the Xen command line (extra_guest_irqs=…, e.g. extra_guest_irqs=,512 for dom0 and 512 for guests) and reboot; or give the guest fewer devices',
    };
  if (f.errno === 'EINVAL')
    return {
      cause:
        "dom0's kernel refused to enable MSI/MSI-X on the device for the guest: MSI is turned off in dom0 (pci=nomsi on its command line) or the device's MSI set-up is broken. The guest's driver then falls back to legacy interrupts, which many devices (NICs, NVMe) handle poorly",
      fix: 'remove pci=nomsi from the dom0 kernel command line if it is there; otherwise check `lspci -vvv` for the MSI/MSI-X capability of the device and whether the device works with MSI on bare metal',
    };
  if (f.errno === 'ENOSYS' || f.errno === 'ENXIO')
    return {
      cause:
        "dom0's kernel has no MSI support for this device (CONFIG_PCI_MSI off, or the device lacks the capability the guest asked for)",
      fix: 'use a dom0 kernel with CONFIG_PCI_MSI and CONFIG_XEN_PCIDEV_BACKEND; check the device has the MSI/MSI-X capability',
    };
  return undefined;
}

/** libxl's interrupt and I/O grants: the errno and the call name the cause. */
function refineXenGrant(f: Facts): Refinement | undefined {
  if (f.call === 'xc_physdev_map_pirq' && (f.errno === 'ENOSYS' || f.errno === 'EOPNOTSUPP'))
    return {
      cause:
        'the hypervisor has no physical-IRQ mapping for this dom0: dom0 runs in PVH mode, where legacy (INTx) interrupts of a passed-through device cannot be routed to an HVM guest through pirqs in the Xen versions that print this; a PV dom0 has no such limit',
      fix: 'run dom0 as PV (drop dom0=pvh from the Xen command line), or use a Xen release whose PVH dom0 supports passthrough (check its release notes); devices using MSI/MSI-X are not affected by the legacy-IRQ step',
    };
  if (f.errno === 'ENOSPC')
    return {
      cause:
        'the domain has no free interrupt slot left for the device (its extra_guest_irqs limit is reached)',
      fix: 'raise extra_guest_irqs= on the Xen command line and restart the domain',
    };
  if (f.errno === 'EPERM' || f.errno === 'EACCES')
    return {
      cause:
        'the hypervisor refused to grant the domain access to the IRQ or memory range: the toolstack domain lacks the privilege (an XSM/FLASK policy, or a stub domain without permission over the range), or the range overlaps something Xen keeps for itself',
      fix: "read `xl dmesg` for the hypervisor's reason; with XSM enabled, check the policy allows the grant",
    };
  return undefined;
}

/** Xen's VT-d fault reasons (the Intel VT-d specification's fault codes), as facts. */
function refineVtdReason(f: Facts): Refinement | undefined {
  const reason = (f.reason ?? '').toLowerCase();
  if (/^0?[12]$/.test(reason))
    return {
      cause:
        "the device sent DMA but its requester ID has no (present) context entry in the IOMMU: Xen does not know the device or has not attached it to any domain's page tables — a device hidden from dom0, a phantom function or an alias the firmware did not report, or a device whose context was lost. The requester need not be a PCI device at all: the HPET and I/O APICs have requester IDs too (00:1e.6 on recent Intel, absent from lspci), and faults at address 0 from such an ID after resume from S3 point, by the Xen maintainers' reading on xen-devel, at the HPET's MSI set-up in Xen rather than at a device",
      fix: 'check `xl dmesg` for how Xen enumerated the device; assign every function of a multifunction device together; if it starts after suspend/resume, report it to xen-devel with the full `xl dmesg`',
    };
  if (/^0?[56]$/.test(reason))
    return {
      cause:
        'the device accessed an address its domain never mapped (PTE read or write access not set): the guest programmed the device with an address outside its memory (a driver using machine addresses, a missing reserved-region identity map such as an RMRR for a GPU or USB controller), or the address lies beyond RAM (a device with a quirk, or a stale DMA after the domain changed)',
      fix: 'for the integrated GPU under Xen try iommu=no-igfx or dom0-iommu=map-inclusive on the Xen command line; for a passed-through device check the firmware RMRRs (`xl dmesg | grep -i rmrr`) and that the guest driver supports running under an IOMMU; repeated faults make Xen stop the device (its bus mastering is turned off)',
    };
  return undefined;
}

/** AMD-Vi event facts: the domain and the flags say whose device and what kind of access. */
function refineAmdVi(f: Facts): Refinement | undefined {
  const dom = f.domain;
  const flags = ` ${f.flagnames ?? ''} `;
  const owner =
    dom === '0'
      ? "dom0's own device (d0): not a passed-through device, but one dom0 drives"
      : dom
        ? `a device of domain ${dom} (a guest's passed-through device, or a quarantined one when the domain id is large)`
        : 'the device named';
  if (/ I /.test(flags))
    return {
      cause: `${owner} sent an interrupt request (flag I) the interrupt-remapping table does not allow: the interrupt was blocked. Typical of a device whose IVRS entry is missing or wrong (interrupts from an alias the firmware did not list) or whose MSI was set up behind the IOMMU's back`,
      fix: 'update the firmware; check the IVRS table (`xl dmesg | grep AMD-Vi`) lists the device and its aliases; Xen takes ivrs_ioapic[]/ivrs_hpet[] overrides and iommu=no-intremap as a last resort',
    };
  if (/ RW /.test(flags))
    return {
      cause: `${owner} wrote to an address its domain has not mapped (flag RW is a write): a DMA outside the guest's memory, or a reserved region (IVMD) the firmware did not declare`,
      fix: 'update the firmware; for a passed-through device check the guest driver and that every function of the device is assigned to the same guest',
    };
  return {
    cause: `${owner} accessed an address its IOMMU page tables do not map: a DMA outside the domain's memory, or a reserved region the firmware did not declare`,
    fix: "update the firmware; for a passed-through device check the guest driver; repeated faults make Xen stop the device's bus mastering",
  };
}

const SRIOV: CatalogueEntry[] = [
  {
    id: 'kernel.sriov-pf-enable-failed',
    source: 'kernel',
    cite: `${IXGBE_SRIOV} ixgbe_pci_sriov_enable() and __ixgbe_enable_sriov(); torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c igb_enable_sriov(); drivers/net/ethernet/hisilicon/hns3/hns3_enet.c hns3_pci_sriov_configure(); drivers/net/ethernet/intel/fm10k/fm10k_iov.c fm10k_iov_configure() (the errno: ${IOV} pci_enable_sriov())`,
    format: 'Failed to enable PCI sriov: %d\n',
    versions:
      'ixgbe, igb, txgbe/ngbe (wangxun) and their out-of-tree forks; hns3 says "SRIOV enable failed %d", fm10k "Enable PCI SR-IOV failed: %d"; vendor forks append " num %d"',
    patterns: [
      /Failed to enable PCI sriov: (?<err>-?\d{1,4})/,
      /SRIOV enable failed (?<err>-?\d{1,4})/,
      /Enable PCI SR-IOV failed: (?<err>-?\d{1,4})/,
    ],
    severity: 'error',
    title: "The PF's driver could not create SR-IOV virtual functions",
    cause:
      "pci_enable_sriov() failed, so no VFs exist (a write to sriov_numvfs, or the driver's max_vfs parameter, had no effect); the errno says why",
    fix: 'read the errno on this line and the kernel lines just before it',
    refine: refineEnable,
    render: render('ixgbe 0000:19:00.0: ', -38),
    examples: [
      ex(
        '[  137.321216] ixgbe 0000:19:00.0 0000:19:00.0 (uninitialized): Failed to enable PCI sriov: -38',
        { errno: 'ENOSYS' },
        'https://serverfault.com/questions/931228/error-in-enbling-sr-iov-with-ubuntu-18-04-on-intel-ixgbe-intel-x550-dell-r64',
      ),
      ex('i40e 0000:02:00.0: Failed to enable PCI sriov: -12', { errno: 'ENOMEM' }),
      ex('hns3 0000:7d:00.0: SRIOV enable failed -22', { errno: 'EINVAL' }),
    ],
  },
  {
    id: 'kernel.sriov-max-vfs-param',
    source: 'kernel',
    cite: `${IXGBE_SRIOV} ixgbe_enable_sriov(); torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c igb_sw_init()`,
    format:
      'Enabling SR-IOV VFs using the module parameter is deprecated - please use the pci sysfs interface.\n',
    versions: 'igb also clamps the count: "Maximum of 7 VFs per PF, using max"',
    patterns: [
      /Enabling SR-IOV VFs using the module parameter is deprecated/,
      /Maximum of (?<max>\d{1,3}) VFs per PF, using max/,
    ],
    severity: 'info',
    title: "VFs were created from the driver's max_vfs parameter (harmless)",
    cause:
      "the NIC driver was loaded with max_vfs=N (a modprobe.d option or the kernel command line) and created the VFs itself at load; it still works, but the sysfs interface is the supported way. The VFs then exist before anything can set driver_override for them, so the host's VF driver (ixgbevf, igbvf) may grab them first",
    fix: "nothing to do; to control the VFs' driver, drop max_vfs and write the count to /sys/class/net/PF/device/sriov_numvfs from a boot unit, after setting sriov_drivers_autoprobe to 0 (or with a udev rule binding the new VFs to vfio-pci)",
    refine: (f) =>
      f.max
        ? {
            severity: 'warning',
            title: 'The driver clamped max_vfs to what the NIC supports',
            cause: `max_vfs asked for more VFs than this NIC offers per port; the driver created ${f.max} instead`,
            fix: `ask for at most ${f.max} VFs (sriov_totalvfs shows the limit)`,
          }
        : undefined,
    render: render('igb 0000:02:00.0: '),
    examples: [
      ex(
        'igb 0000:02:00.0: Enabling SR-IOV VFs using the module parameter is deprecated - please use the pci sysfs interface.',
      ),
      ex('igb 0000:02:00.0: Maximum of 7 VFs per PF, using max', { max: '7' }),
    ],
  },
  {
    id: 'kernel.sriov-vfs-assigned',
    source: 'kernel',
    cite: `${IXGBE_SRIOV} ixgbe_disable_sriov() ("Unloading driver while VFs are assigned…", also bnx2x, hinic, xgbe); ${I40E_VF} / i40e_main.c i40e_pci_sriov_configure() and hns3 hns3_pci_sriov_configure() ("Unable to free VFs…"); ${IOV} pci_sriov_configure_simple() and fm10k_iov_configure() ("Cannot modify SR-IOV…")`,
    format: 'Unloading driver while VFs are assigned - VFs will not be deallocated\n',
    versions:
      'i40e, hns3, idpf: "Unable to free VFs because some are assigned to VMs." (idpf without the full stop); pci_sriov_configure_simple() (nvme, ena and other simple PFs) and fm10k: "Cannot modify SR-IOV while VFs are assigned"',
    patterns: [
      /Unloading driver while VFs are assigned - VFs will not be/,
      /Unable to free VFs because some are assigned to VMs/,
      /Cannot modify SR-IOV while VFs are assigned/,
    ],
    severity: 'warning',
    title: 'The PF kept its VFs because some are assigned to a guest',
    cause: `the PF driver was asked to remove its VFs (sriov_numvfs set to 0 or a lower count, the driver unloaded or unbound) while at least one VF is marked as assigned to a guest; removing a VF from under a running guest would crash it, so the driver leaves the VFs in place (the sriov_numvfs write fails with EPERM, EINVAL or EBUSY, by driver). ${ASSIGNED_FLAG}: under Xen this means a VF is still held by pciback for a domain`,
    fix: 'shut down or detach the guests using the VFs first (`xl pci-detach DOMAIN BDF`, then `xl pci-assignable-remove BDF` to give the VF back from pciback), then change sriov_numvfs or unload the driver',
    render: render('ixgbe 0000:03:00.0: '),
    examples: [
      ex('ixgbe 0000:03:00.0: Unloading driver while VFs are assigned - VFs will not be deallocated', {
        bdf: '0000:03:00.0',
      }),
      ex('i40e 0000:3b:00.0: Unable to free VFs because some are assigned to VMs.'),
      ex('nvme 0000:01:00.0: Cannot modify SR-IOV while VFs are assigned'),
    ],
  },
  {
    id: 'kernel.sriov-left-enabled',
    source: 'kernel',
    cite: `${IOV} pci_iov_remove()`,
    format: 'driver left SR-IOV enabled after remove\n',
    patterns: [/driver left SR-IOV enabled after remove/],
    severity: 'warning',
    title: "A PF's driver was removed while its VFs still exist",
    cause:
      'the PF was unbound from its driver (or the module unloaded) and the driver did not disable SR-IOV, usually because VFs were assigned and it refused to tear them down (the PF driver\'s "VFs are assigned" line comes just before). The VFs keep running without their PF driver: their guests may lose link or hang, and the PF cannot be bound again (to vfio-pci either: "Cannot bind to PF with SR-IOV enabled") until the VFs are gone',
    fix: 'stop the guests using the VFs, write 0 to sriov_numvfs if the file is still there, or remove and rescan the PF (`echo 1 > /sys/bus/pci/devices/PF/remove; echo 1 > /sys/bus/pci/rescan`) once nothing uses the VFs',
    render: render('pci 0000:03:00.0: '),
    examples: [ex('ixgbe 0000:03:00.0: driver left SR-IOV enabled after remove', { bdf: '0000:03:00.0' })],
  },
  {
    id: 'kernel.sriov-vf-mac-override',
    source: 'kernel',
    cite: `${I40E_VF} i40e_check_vf_permission(); torvalds/linux drivers/net/ethernet/intel/ice/ice_virtchnl.c ice_vc_add_mac_addr(); ${IXGBE_SRIOV} ixgbe_set_vf_mac_addr(); torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c igb_rcv_msg_from_vf()`,
    format:
      'VF attempting to override administratively set MAC address, bring down and up the VF interface to resume normal operation\n',
    versions:
      'i40e and ice (older ice without the second clause); ixgbe and igb: "VF %d attempted to override administratively set MAC address\\nReload the VF driver to resume operations"; ixgbe and igb say the same of an administratively set VLAN ("… set VLAN configuration" / "… set VLAN tag")',
    patterns: [
      /VF attempting to override administratively set MAC address/,
      /VF (?<vf>\d{1,4}) attempted to override administratively set (?<what>MAC address|VLAN configuration|VLAN tag)/,
    ],
    severity: 'warning',
    title: "A guest's VF tried to change the MAC address the host pinned",
    cause: MAC_OVERRIDE_CAUSE,
    fix: MAC_OVERRIDE_FIX,
    refine: (f) =>
      f.what && f.what !== 'MAC address'
        ? {
            title: "A guest's VF tried to change the VLAN the host pinned",
            cause:
              "the host set a port VLAN on the VF through the PF (`ip link set PF vf N vlan ID`, libvirt's <vlan> on a hostdev interface, the SR-IOV CNI's \"vlan\"), so the PF tags its traffic; the guest's driver then asked for VLAN filters of its own and the PF refused",
            fix: 'configure the VLAN on the host only (no VLAN interface inside the guest), or drop the host VLAN (`ip link set PF vf N vlan 0`) and tag inside the guest',
          }
        : undefined,
    render: render('i40e 0000:08:00.0: '),
    examples: [
      ex(
        'i40e 0000:08:00.0: VF attempting to override administratively set MAC address, bring down and up the VF interface to resume normal operation',
      ),
      ex('igb 0000:02:00.0: VF 0 attempted to override administratively set MAC address', {
        vf: '0',
        what: 'MAC address',
      }),
      ex('ixgbe 0000:03:00.0: VF 2 attempted to override administratively set VLAN configuration', {
        what: 'VLAN configuration',
      }),
    ],
  },
  {
    id: 'kernel.sriov-vf-mac-admin-set',
    source: 'kernel',
    cite: `${I40E_VF} i40e_ndo_set_vf_mac(); ${IXGBE_SRIOV} ixgbe_ndo_set_vf_mac(); torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c igb_ndo_set_vf_mac()`,
    format: 'Setting MAC %s on VF %d\n',
    versions:
      'the MAC is printed with %pM (a kernel printk extension, written %s here); i40e then prints "Bring down and up the VF interface to make this change effective."; ixgbe and igb print "setting MAC %pM on VF %d" and "Reload the VF driver to make this change effective."',
    patterns: [
      /[Ss]etting MAC (?<mac>[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}) on VF (?<vf>\d{1,4})/,
      /(?:Bring down and up the VF interface|Reload the VF driver) to make this change effective/,
    ],
    severity: 'info',
    title: "The host set a VF's MAC address through its PF (harmless)",
    cause:
      "the PF driver records a MAC address for the VF set from the host (`ip link set PF vf N mac …`, done by libvirt for <interface type='hostdev'> with a <mac>, and by the SR-IOV CNI); the VF's driver picks it up when it (re)initialises. From now on the PF refuses other addresses from the guest unless the VF is trusted",
    fix: 'nothing to do; keep the guest on this address (or set the VF trusted) to avoid the "override administratively set MAC" refusals',
    refine: (f) =>
      f.mac === '00:00:00:00:00:00'
        ? {
            cause:
              "the host cleared the VF's administratively set MAC address (all zeros): the VF may choose its own address again, which libvirt does when it gives a VF back after the guest stops",
          }
        : undefined,
    render: render('i40e 0000:08:00.0: ', '3c:fa:fa:fa:fa:01', 0),
    examples: [
      ex('i40e 0000:08:00.0: Setting MAC 3c:fa:fa:fa:fa:01 on VF 0', { mac: '3c:fa:fa:fa:fa:01', vf: '0' }),
      ex('i40e 0000:08:00.0: Bring down and up the VF interface to make this change effective.'),
      ex('igb 0000:02:00.0: setting MAC 52:54:00:12:34:56 on VF 0', { vf: '0' }),
    ],
  },
  {
    id: 'kernel.sriov-vf-trust-changed',
    source: 'kernel',
    cite: `${I40E_VF} i40e_ndo_set_vf_trust() and i40e_check_vf_permission(); torvalds/linux drivers/net/ethernet/intel/ice/ice_sriov.c ice_set_vf_trust()`,
    format: 'VF %u is now %strusted\n',
    versions:
      'an untrusted i40e VF asking for more MAC filters than allowed gets "Cannot add more MAC addresses, VF is not trusted, switch the VF to trusted to add more functionality"',
    patterns: [
      /VF (?<vf>\d{1,4}) is now (?<un>un)?trusted/,
      /(?<refused>Cannot add more MAC addresses, VF is not trusted)/,
    ],
    severity: 'info',
    title: "A VF's trust setting changed (harmless)",
    cause:
      "the host changed the VF's trust (`ip link set PF vf N trust on|off`). A trusted VF may change its MAC address, add many MAC/VLAN filters and enter promiscuous or all-multicast mode; an untrusted one is limited. Both Intel drivers reset the VF to apply it, so the guest sees its link drop once",
    fix: 'nothing to do',
    refine: (f) =>
      f.refused
        ? {
            severity: 'warning',
            title: 'An untrusted VF asked for more MAC addresses than allowed',
            cause:
              'the guest tried to add more MAC filters than an untrusted VF may have (a bridge, macvlan, bond or many multicast groups in the guest); the PF refused the whole request, so some addresses the guest uses receive no traffic',
            fix: 'set the VF trusted on the host (`ip link set PF vf N trust on`; libvirt: trustGuestRxFilters="yes" on the interface) or use fewer addresses in the guest',
          }
        : undefined,
    render: render('i40e 0000:3b:00.0: ', 1, ''),
    examples: [
      ex('i40e 0000:3b:00.0: VF 1 is now trusted', { vf: '1' }),
      ex('ice 0000:17:00.0: VF 0 is now untrusted', { un: 'un' }),
      ex(
        'i40e 0000:3b:00.0: Cannot add more MAC addresses, VF is not trusted, switch the VF to trusted to add more functionality',
      ),
    ],
  },
  {
    id: 'kernel.sriov-vf-in-reset',
    source: 'kernel',
    cite: `${I40E_VF} i40e_ndo_set_vf_mac(), i40e_ndo_set_vf_port_vlan(), i40e_ndo_set_vf_bw(); torvalds/linux drivers/net/ethernet/intel/ice/ice_virtchnl_pf.c (ice_sriov.c since Linux 5.18) ice_set_vf_trust(), ice_set_vf_spoofchk(), ice_set_vf_link_state() and ice_check_vf_init()`,
    format: 'VF %d still in reset. Try again.\n',
    versions:
      'i40e (EAGAIN); ice: "VF %d in reset. Try again." and "VF ID: %u in reset. Try again." (EBUSY); some ice releases print "vf %d …" in lower case',
    patterns: [/[Vv][Ff] (?:ID: )?(?<vf>\d{1,4}) (?<still>still )?in reset\. Try again\./],
    severity: 'warning',
    title: 'A VF setting was refused because the VF is not initialised yet',
    cause:
      'a setting made through the PF (`ip link set PF vf N mac|vlan|trust|spoofchk|state|rate …`, or libvirt and the SR-IOV CNI doing the same when a guest starts) reached a VF whose reset the PF had not finished: the VFs were just created, the VF driver in a guest or on the host is loading or unloading, or the previous setting reset the VF. The netlink request failed (EAGAIN or EBUSY), so the MAC, VLAN or trust was not applied',
    fix: 'retry after a second or two (a script setting several VFs right after writing sriov_numvfs should wait for them); if it never succeeds, read dmesg for a VF reset that does not complete',
    refine: (f) =>
      f.still
        ? {
            cause:
              'i40e refused the setting because the VF is not initialised (EAGAIN); some i40e releases also require the VF to be active, i.e. a VF driver (iavf in a guest or on the host) has talked to the PF since the VFs were created, so setting the MAC of a VF that went straight to vfio-pci and has no guest running yet can keep failing. The MAC, VLAN or rate was not applied',
            fix: "retry after the VF reset finishes; for a VF bound to vfio-pci, start the guest (its iavf driver activates the VF) and set the MAC then, or let libvirt set it at start with <interface type='hostdev'>",
          }
        : undefined,
    render: render('i40e 0000:3b:00.0: ', 2),
    examples: [
      ex('i40e 0000:3b:00.0: VF 2 still in reset. Try again.', { vf: '2', still: 'still ' }),
      ex('ice 0000:17:00.0: VF 0 in reset. Try again.', { vf: '0' }),
      ex('ice 0000:17:00.0: VF ID: 3 in reset. Try again.', { vf: '3' }),
    ],
  },
  {
    id: 'kernel.sriov-spoofed-packets',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/ixgbe/ixgbe_main.c ixgbe_spoof_check()',
    format: '%u Spoofed packets detected\n',
    versions: 'older ixgbe prints %d; wangxun txgbe prints the same',
    patterns: [/(?<count>\d{1,10}) Spoofed packets detected/],
    severity: 'warning',
    title: "The NIC dropped packets a VF sent with a source address that is not the VF's",
    cause:
      "MAC/VLAN spoof checking is on for the VFs (the default): the PF counts frames a VF (a guest) sent with a source MAC or VLAN other than the ones assigned to it, and the NIC dropped them. A guest bridging other machines' traffic, a bond with its own MAC, a MAC changed inside the guest, or nested virtualisation in the guest trips it; the guest then loses that traffic",
    fix: "make the guest send from its assigned MAC, or turn the check off for that VF when it must forward others' frames: `ip link set PF vf N spoofchk off` (libvirt cannot set it for a hostdev interface; do it in a hook or at boot)",
    render: render('ixgbe 0000:01:00.1 enp1s0f1: ', 3),
    examples: [ex('[  819.970742] ixgbe 0000:01:00.1 enp1s0f1: 3 Spoofed packets detected', { count: '3' })],
  },
  {
    id: 'kernel.mlx5-sriov-enable-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/mellanox/mlx5/core/sriov.c mlx5_device_enable_sriov() and mlx5_sriov_enable()',
    format: 'failed to enable eswitch SRIOV (%d)\n',
    versions:
      'printed with mlx5_core_warn(), so "FUNCTION:LINE:(pid N): " comes first; mlx5_sriov_enable() then adds "mlx5_device_enable_sriov failed : %d", and for the PCI step "pci_enable_sriov failed : %d"; one VF that cannot be brought up: "failed to enable VF %d (%d)"',
    patterns: [
      /failed to enable eswitch SRIOV \((?<err>-?\d{1,4})\)/,
      /(?<step>mlx5_device_enable_sriov|pci_enable_sriov) failed : (?<err>-?\d{1,4})/,
      /failed to enable VF (?<vf>\d{1,4}) \((?<err>-?\d{1,4})\)/,
    ],
    severity: 'error',
    title: 'mlx5 (ConnectX) could not create its SR-IOV virtual functions',
    cause:
      "mlx5_core first sets up the NIC's embedded switch (the e-switch that connects the VFs to the port) and the VFs' function contexts in firmware, then asks the PCI core for the VFs; a firmware command in that sequence failed, so the sriov_numvfs write fails with the errno shown. The mlx5_cmd_out_err line just before names the firmware command and its syndrome",
    fix: 'read the mlx5_cmd_out_err line before it; check the VF count the firmware allows (`mlxconfig -d ADDR query | grep -E "SRIOV_EN|NUM_OF_VFS"`, raise NUM_OF_VFS and cold-boot) and update the NIC firmware to the release matching the driver; a kernel regression can also cause it (6.4 returned -22 from QUERY_HCA_CAP here until the e-switch fix upstream)',
    refine: (f) => (f.step === 'pci_enable_sriov' ? refineEnable(f) : undefined),
    render: render('mlx5_core 0000:c1:00.0: mlx5_device_enable_sriov:82:(pid 1097): ', -22),
    examples: [
      ex(
        'Jul 10 11:07:44 server kernel: mlx5_core 0000:c1:00.0: mlx5_device_enable_sriov:82:(pid 1097): failed to enable eswitch SRIOV (-22)',
        { errno: 'EINVAL' },
        'https://lore.kernel.org/netdev/9c25971b-78e9-956f-95a5-38e688240ef6@nvidia.com/',
      ),
      ex(
        'Jul 10 11:07:44 server kernel: mlx5_core 0000:c1:00.0: mlx5_sriov_enable:168:(pid 1097): mlx5_device_enable_sriov failed : -22',
        { step: 'mlx5_device_enable_sriov' },
        'https://lore.kernel.org/netdev/9c25971b-78e9-956f-95a5-38e688240ef6@nvidia.com/',
      ),
      ex('mlx5_core 0000:3b:00.0: mlx5_sriov_enable:173:(pid 2210): pci_enable_sriov failed : -12', {
        step: 'pci_enable_sriov',
        errno: 'ENOMEM',
      }),
    ],
  },
];

const XEN: CatalogueEntry[] = [
  {
    id: 'kernel.xen-map-irq-failed',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/pci/xen.c xen_initdom_setup_msi_irqs()',
    format: 'xen map irq failed %d for %d domain\n',
    versions:
      'printed by dom0 for the device whose MSI/MSI-X it sets up (for itself, or for a guest through pciback); the domain is the owner pciback registered, or 32752 (DOMID_SELF) for dom0\'s own drivers; older kernels printed "xen map irq failed %d" for legacy GSIs',
    patterns: [/xen map irq failed (?<err>-?\d{1,4}) for (?<domid>\d{1,5}) domain/],
    severity: 'error',
    title: "Xen refused to map a device's MSI/MSI-X interrupt for a domain",
    cause:
      'dom0 asked the hypervisor (PHYSDEVOP_map_pirq) for a physical IRQ for the device\'s message-signalled interrupt and was refused, so the driver using the device gets no MSI (pciback\'s "error enabling MSI… for guest" follows when it was for a guest)',
    fix: "read the errno and `xl dmesg` for the hypervisor's reason",
    refine: (f) => {
      const who =
        f.domid === '32752' ? "dom0 itself (32752 is DOMID_SELF: dom0's own driver)" : `domain ${f.domid}`;
      if (f.errno === 'ENOSPC')
        return {
          cause: `the hypervisor has no free interrupt slot (pirq) left for ${who}: the extra interrupts a domain may have beyond its legacy ones are used up, typically by devices with many MSI-X vectors`,
          fix: 'raise extra_guest_irqs= on the Xen command line (its second value is for dom0), reboot, and start the domain again',
        };
      if (f.errno === 'ENODEV')
        return {
          cause: `the hypervisor does not see the device as belonging to ${who}: it is assigned elsewhere, or (as in the report this example comes from) it was given back to a dom0 driver after a guest used it and Xen did not hand it back to dom0, so dom0 may not map its interrupts`,
          fix: 'detach the device from every guest (`xl pci-assignable-remove -r BDF` returns it to dom0 and its driver), then reload the dom0 driver; a reboot clears a device stuck in quarantine',
        };
      return { cause: `the hypervisor refused to map the MSI for ${who}` };
    },
    render: render('xhci_hcd 0000:00:14.0: ', -19, 32752),
    examples: [
      ex('Feb 10 08:16:05 hostname kernel: xhci_hcd 0000:00:14.0: xen map irq failed -19 for 32752 domain', {
        errno: 'ENODEV',
        domid: '32752',
      }),
      ex('pciback 0000:04:00.0: xen map irq failed -28 for 7 domain', { errno: 'ENOSPC', domid: '7' }),
    ],
  },
  {
    id: 'qemu.xen-pt-irq-map-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/xen/xen_pt.c xen_pt_realize()',
    format: 'Mapping machine irq %u to pirq %i failed, (err: %d)\n',
    versions:
      'printed with XEN_PT_ERR(), so "[BB:DD.F] xen_pt_realize: Error: " comes first (the device\'s address in the guest); the next step\'s failure reads "Binding of interrupt %u failed! (err: %d)"; older QEMU (xen_pt_initfn()) printed "(rc: %d)" with the return code instead of errno, and for a while QEMU raised both as errors ("Mapping machine irq %u to pirq %i failed" with the strerror() text) that stopped the device',
    patterns: [
      /Mapping machine irq (?<irq>\d{1,5}) to pirq (?<pirq>-?\d{1,5}) failed, \((?:err: (?<err>-?\d{1,4})|rc: (?<code>-?\d{1,4}))\)/,
      /Binding of interrupt (?<irq>\d{1,5}) failed! \(err: (?<err>-?\d{1,4})\)/,
    ],
    severity: 'warning',
    title: "Xen's QEMU could not route the device's legacy interrupt to the guest",
    cause:
      "the device model (QEMU in dom0, or in the guest's stub domain) could not map or bind the passed-through device's INTx line for the HVM guest; QEMU then turns INTx off on the device (INTx disable in its command register) and goes on, so the device works in the guest only with MSI/MSI-X. A guest driver relying on INTx gets no interrupts",
    fix: 'let the guest driver use MSI/MSI-X (most modern drivers do); otherwise read `xl dmesg` and the device-model log (/var/log/xen/qemu-dm-NAME.log, Qubes: guest-NAME-dm.log) for the refusal: a stub domain without permission over the IRQ, a PVH dom0, or an IRQ shared with a device dom0 uses',
    refine: (f) =>
      f.errno === 'ENOSYS' || f.errno === 'EOPNOTSUPP'
        ? {
            cause:
              'the hypervisor has no physical-IRQ mapping for this set-up (a PVH dom0 in the Xen versions that print this): the INTx of the device cannot reach the HVM guest; QEMU disabled INTx and the device works only with MSI/MSI-X',
          }
        : undefined,
    render: render('[00:05.0] xen_pt_realize: Error: ', 16, -1, 1),
    examples: [
      ex('[00:05.0] xen_pt_realize: Error: Mapping machine irq 16 to pirq -1 failed, (err: 1)', {
        irq: '16',
        errno: 'EPERM',
      }),
      ex('[00:06.0] xen_pt_realize: Error: Binding of interrupt 17 failed! (err: 22)', { errno: 'EINVAL' }),
      ex('[00:05.0] xen_pt_initfn: Error: Mapping machine irq 11 to pirq -1 failed, (rc: -1)', {
        code: '-1',
      }),
    ],
  },
  {
    id: 'kernel.xen-pciback-readonly-config',
    source: 'kernel',
    cite: `${PCIBACK}/conf_space.c xen_pcibk_config_write()`,
    format:
      'Driver tried to write to a read-only configuration space field at offset 0x%x, size %d. This may be harmless, but if you have problems with your device:\n1) see permissive attribute in sysfs\n2) report problems to the xen-devel mailing list along with details of your device obtained from lspci.\n',
    versions:
      'printed with dev_warn_ratelimited() by dom0\'s pciback ("pciback BDF: "); older kernels prefixed "xen-pciback: "',
    patterns: [
      /Driver tried to write to a read-only configuration space field at offset (?<offset>0x[0-9a-fA-F]{1,4}), size (?<size>\d)/,
    ],
    severity: 'warning',
    title: "Xen's pciback dropped a guest's write to a protected config-space field",
    cause:
      "a guest's driver wrote to a field of the device's PCI configuration space that pciback does not let guests change (by default only the fields it virtualises are writable), so the write was ignored. Often harmless (drivers write back what they read); a device whose driver needs vendor-specific registers (in the capability list or beyond 0x40) does not work until writes are allowed",
    fix: "if the device misbehaves in the guest, allow its writes: `permissive=1` in the device's pci= entry of the domain config (or `echo BDF > /sys/bus/pci/drivers/pciback/permissive` in dom0 before starting the domain); permissive mode lets the guest program the device freely, so use it only for a device you trust",
    refine: (f) => {
      const off = Number.parseInt(f.offset ?? '', 16);
      if (Number.isNaN(off)) return undefined;
      if (off >= 0x40)
        return {
          cause: `the write went to offset ${f.offset}, in the device-specific area or a capability pciback does not virtualise: vendor registers the guest driver needs (common for NICs, sound and capture cards). The write was dropped, so the device may not initialise in the guest`,
        };
      return {
        severity: 'info',
        cause: `the write went to offset ${f.offset}, in the standard header, which pciback virtualises itself; drivers write back such fields routinely and this is usually harmless`,
        fix: 'nothing to do unless the device fails in the guest; then try permissive=1 on its pci= entry',
      };
    },
    render: render('pciback 0000:13:04.0: ', 0xe0, 2),
    examples: [
      ex(
        'pciback 0000:13:04.0: Driver tried to write to a read-only configuration space field at offset 0xe0, size 2. This may be harmless, but if you have problems with your device:',
        { offset: '0xe0', size: '2' },
      ),
      ex(
        'xen-pciback: Driver tried to write to a read-only configuration space field at offset 0x4, size 2. This may be harmless, but if you have problems with your device:',
        { offset: '0x4' },
      ),
    ],
  },
  {
    id: 'kernel.xen-pciback-removed-in-use',
    source: 'kernel',
    cite: `${PCIBACK}/pci_stub.c pcistub_remove()`,
    format: '****** removing device %s while still in-use by domain %d! ******\n',
    versions:
      'followed by "****** driver domain may still access this device\'s i/o resources!", "****** shutdown driver domain before binding device" and "****** to other drivers or domains"; the pattern also takes the line without the domain',
    patterns: [
      /removing device (?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) while still in-use(?: by domain (?<domid>-?\d{1,5}))?!/,
      /driver domain may still access this device's i\/o resources!/,
    ],
    severity: 'error',
    title: "A device was taken from Xen's pciback while a domain still had it",
    cause:
      "the device was unbound from pciback (`echo BDF > /sys/bus/pci/drivers/pciback/unbind`, a script giving it back to its dom0 driver, or `xl pci-assignable-remove` while a domain holds it) although a domain is still using it. pciback resets it and lets go, but the domain's mappings of the device's BARs and its DMA are not revoked: the domain may still touch the device while dom0's driver or another domain takes it",
    fix: 'shut down the domain using the device (or `xl pci-detach DOMAIN BDF` first) before unbinding it from pciback; if it already happened, shut that domain down before the device is used elsewhere, and reboot if the device misbehaves',
    refine: (f) =>
      f.domid
        ? {
            cause: `the device was unbound from pciback while domain ${f.domid} still had it; pciback resets it and lets go, but domain ${f.domid} may still reach the device's I/O memory and DMA until it shuts down`,
          }
        : undefined,
    render: render('xen_pciback: ', '0000:03:00.0', 5),
    examples: [
      ex('xen_pciback: ****** removing device 0000:03:00.0 while still in-use by domain 5! ******', {
        dev: '0000:03:00.0',
        domid: '5',
      }),
      ex("xen_pciback: ****** driver domain may still access this device's i/o resources!"),
    ],
  },
  {
    id: 'kernel.xen-pciback-init-failed',
    source: 'kernel',
    cite: `${PCIBACK}/pci_stub.c pcistub_init_devices_late() (the errno from pcistub_init_device(): pci_enable_device(), the config-space set-up)`,
    format: 'error %d initializing device\n',
    versions:
      'for devices hidden at boot (xen-pciback.hide=); a device bound later through sysfs fails its bind with the same errno instead',
    patterns: [
      /pciback (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): error (?<err>-?\d{1,4}) initializing device/,
    ],
    severity: 'error',
    title: "Xen's pciback seized a device at boot but could not set it up",
    cause:
      'a device listed in xen-pciback.hide= was claimed by pciback, but setting it up failed, so it is not assignable: pci_enable_device() failed (its BARs got no address, or the device is not responding) or pciback could not set up its virtual config space; the errno says which',
    fix: 'read the dom0 kernel lines about the device just before (BAR assignment, "can\'t enable device"); check `lspci -vv -s BDF` shows its regions assigned; then bind it to pciback again (`xl pci-assignable-add BDF`) once the cause is fixed',
    refine: (f) =>
      f.errno === 'EINVAL'
        ? {
            cause:
              'pci_enable_device() refused the device (EINVAL): one of its BARs has no address assigned (the firmware left it unassigned, or the kernel could not fit it into the bridge window), so the device cannot be enabled for a guest',
            fix: 'enable "Above 4G decoding" in the firmware or boot dom0 with pci=realloc, then check `lspci -vv -s BDF` shows every region assigned',
          }
        : f.errno === 'ENOMEM'
          ? { cause: 'dom0 ran out of memory while pciback set up the device (its config-space records)' }
          : undefined,
    render: render('pciback 0000:03:00.0: ', -22),
    examples: [
      ex('[    2.981234] pciback 0000:03:00.0: error -22 initializing device', {
        bdf: '0000:03:00.0',
        errno: 'EINVAL',
      }),
    ],
  },
  {
    id: 'kernel.xen-pciback-msi-failed',
    source: 'kernel',
    cite: `${PCIBACK}/pciback_ops.c xen_pcibk_enable_msi() / xen_pcibk_enable_msix()`,
    format: 'error enabling MSI-X for guest %u: err %d!\n',
    versions:
      'the MSI variant: "error enabling MSI for guest %u: err %d"; before Linux 4.x printed as "xen-pciback: BDF: error enabling …"; since 5.x with the device prefix ("pciback BDF: xen_pciback: error enabling …")',
    patterns: [/error enabling (?<kind>MSI-X|MSI) for guest (?<domid>\d{1,5}): err (?<err>-?\d{1,4})/],
    severity: 'error',
    title: "Xen's pciback could not enable MSI/MSI-X on a device for its guest",
    cause:
      "the guest's driver asked (through pcifront) for message-signalled interrupts and dom0's kernel could not enable them on the device; the guest's driver falls back to fewer vectors or legacy interrupts, or fails",
    fix: 'read the errno and the dom0 kernel lines just before it ("xen map irq failed …")',
    refine: refinePcibackMsi,
    render: render('pciback 0000:65:00.0: xen_pciback: ', 2, -22),
    examples: [
      ex(
        '[  207.342964] pciback 0000:65:00.0: xen_pciback: error enabling MSI-X for guest 2: err -22!',
        { kind: 'MSI-X', domid: '2', errno: 'EINVAL' },
        'https://lore.kernel.org/lkml/ZqEA5BnhTYsxMq%2Ff@dingwall.me.uk/',
      ),
      ex('pciback 0000:04:00.0: error enabling MSI for guest 7: err -28', { kind: 'MSI', errno: 'ENOSPC' }),
    ],
  },
  {
    id: 'xen.pci-irq-permission-failed',
    source: 'xen',
    cite: `${LIBXL_PCI} pci_add_dm_done() (PV domains: do_pci_add())`,
    format: 'xc_physdev_map_pirq irq=%d (error=%d)',
    versions:
      'siblings in the same function: "xc_domain_irq_permission irq=%d (error=%d)", "xc_domain_iomem_permission error 0x%llx/0x%llx", "xc_domain_ioport_permission error 0x%llx/0x%llx"; logged with LOGED, so ": " and the strerror() text follow; libxl of Xen 4.0-4.1 printed "Error: xc_physdev_map_pirq irq=%d"',
    patterns: [
      /(?<call>xc_physdev_map_pirq|xc_domain_irq_permission) irq=(?<irq>\d{1,5}) \(error=-?\d{1,4}\)(?:: (?<err>[A-Za-z][A-Za-z ]{2,40}))?/,
      /(?<call>xc_domain_iomem_permission|xc_domain_ioport_permission) error (?<range>0x[0-9a-fA-F]{1,16}\/0x[0-9a-fA-F]{1,16})(?:: (?<err>[A-Za-z][A-Za-z ]{2,40}))?/,
    ],
    severity: 'error',
    title: "Xen: libxl could not give the domain the device's interrupt or memory",
    cause:
      'before handing a PCI device to a domain libxl maps its legacy interrupt to a physical IRQ of the domain and grants it the device\'s BAR memory and I/O ports; the hypervisor refused one of these grants, so the device is not added (the "libxl__device_pci_add failed" and "unable to add pci devices" lines follow)',
    fix: "read the errno on the line and `xl dmesg` for the hypervisor's reason",
    refine: refineXenGrant,
    render: render('libxl: error: libxl_pci.c:1491:pci_add_dm_done: Domain 1:', 18, -1),
    examples: [
      ex(
        'libxl: error: libxl_pci.c:1461:pci_add_dm_done: Domain 1:xc_physdev_map_pirq irq=17 (error=-1): Function not implemented',
        { call: 'xc_physdev_map_pirq', irq: '17', errno: 'ENOSYS' },
      ),
      ex(
        'libxl: error: libxl_pci.c:1491:pci_add_dm_done: Domain 1:xc_physdev_map_pirq irq=18 (error=-1): Not supported',
        { errno: 'EOPNOTSUPP' },
      ),
      ex(
        'libxl: error: libxl_pci.c:1440:pci_add_dm_done: Domain 3:xc_domain_iomem_permission error 0xf7000/0x1000: Operation not permitted',
        { call: 'xc_domain_iomem_permission', errno: 'EPERM' },
      ),
    ],
  },
  {
    id: 'xen.iommu-state',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/iommu.c iommu_setup()',
    format: 'I/O virtualisation %sabled\n',
    versions:
      'printed by the hypervisor at boot (read with `xl dmesg`); when enabled it goes on with " - Dom0 mode: Passthrough|Strict|Relaxed" and "Interrupt remapping enabled|disabled" (the last one not on builds where interrupt remapping is fixed)',
    patterns: [
      /I\/O virtualisation (?<io>en|dis)abled/,
      /\(XEN\) (?:\[[ \d.]{1,16}\] )?Interrupt remapping (?<ir>en|dis)abled/,
    ],
    severity: 'info',
    title: "Xen's IOMMU is on (harmless)",
    cause:
      'the hypervisor found and enabled the IOMMU (VT-d or AMD-Vi): PCI devices can be assigned to HVM guests with DMA isolation',
    fix: 'nothing to do',
    refine: (f) => {
      if (f.io === 'dis')
        return {
          severity: 'error',
          title: "Xen's IOMMU is off: no PCI passthrough to HVM guests",
          cause:
            'the hypervisor runs without an IOMMU: VT-d/AMD-Vi is off in the firmware, its ACPI table (DMAR/IVRS) is missing or broken so Xen gave up on it (the `xl dmesg` lines before say why), or iommu=0 is on the Xen command line. libxl then refuses devices for HVM guests ("cannot be assigned - no IOMMU"); the dom0 kernel\'s intel_iommu=/amd_iommu= options do not matter under Xen',
          fix: 'enable VT-d/AMD-Vi (and for AMD the IOMMU option, not only SVM) in the firmware; put iommu=1 (or iommu=required to stop the boot when it fails) on the Xen command line, not the dom0 one; read the earlier `xl dmesg` lines for a DMAR/IVRS problem',
        };
      if (f.ir === 'dis')
        return {
          severity: 'warning',
          title: "Xen's IOMMU is on but interrupt remapping is off",
          cause:
            "DMA remapping works but interrupt remapping does not (the firmware's tables do not describe the I/O APICs or HPET correctly, iommu=no-intremap was given, or the hardware lacks it): a passed-through device's MSIs are not checked by the IOMMU, so a malicious or faulty guest device can inject interrupts; some set-ups (x2APIC with many CPUs) need it",
          fix: 'update the firmware; read the earlier `xl dmesg` lines for the reason Xen turned it off; drop iommu=no-intremap from the Xen command line if present',
        };
      return f.ir ? { title: "Xen's interrupt remapping is on (harmless)" } : undefined;
    },
    render: render('(XEN) ', 'en'),
    examples: [
      ex('(XEN) I/O virtualisation enabled', { io: 'en' }),
      ex('(XEN) [    4.123456] I/O virtualisation disabled', { io: 'dis' }),
      ex('(XEN) Interrupt remapping disabled', { ir: 'dis' }),
    ],
  },
  {
    id: 'xen.iommu-required-panic',
    source: 'xen',
    cite: 'xen-project/xen xen/drivers/passthrough/iommu.c iommu_setup()',
    format: "Couldn't enable %s and iommu=required/force\n",
    versions: 'a panic: Xen prints "Panic on CPU 0:" before it and reboots (or halts) after it',
    patterns: [/Couldn't enable (?<what>IOMMU|Interrupt Remapping) and iommu=required\/force/],
    severity: 'error',
    title: 'Xen stopped the boot: the IOMMU it was told to require could not be enabled',
    cause:
      'iommu=required (or iommu=force) is on the Xen command line, so Xen panics instead of booting without the IOMMU; it could not enable it: off in the firmware, or the DMAR/IVRS table is broken',
    fix: "enable VT-d/AMD-Vi in the firmware and update it; to boot anyway, remove iommu=required/force from the Xen command line (GRUB's GRUB_CMDLINE_XEN_DEFAULT), then read `xl dmesg` for why the IOMMU failed",
    refine: (f) =>
      f.what === 'Interrupt Remapping'
        ? {
            cause:
              'iommu=required/force also requires interrupt remapping, and Xen could not enable it (the IOMMU itself may be fine): the firmware tables do not describe the I/O APICs or HPET under an IOMMU',
            fix: 'update the firmware; to boot, remove iommu=required/force (or add iommu=no-intremap, which weakens isolation); Xen accepts ivrs_ioapic[]/ivrs_hpet[] overrides on AMD for a wrong IVRS table',
          }
        : undefined,
    render: render('(XEN) ', 'IOMMU'),
    examples: [
      ex("(XEN) Couldn't enable IOMMU and iommu=required/force", { what: 'IOMMU' }),
      ex("(XEN) Couldn't enable Interrupt Remapping and iommu=required/force", {
        what: 'Interrupt Remapping',
      }),
    ],
  },
  {
    id: 'xen.vtd-dma-fault',
    source: 'xen',
    cite: `${VTD} iommu_page_fault_do_one()`,
    format: 'DMAR:[%s] Request device [%s] fault addr %lx\n',
    versions:
      'printed by the hypervisor with the "[VT-D]" prefix (read with `xl dmesg`); the device is printed with %pp (a Xen printk extension, written %s here; older Xen: %04x:%02x:%02x.%u, and earlier still %02x:%02x.%d followed by ", iommu reg = %p"); interrupt-remapping faults read "INTR-REMAP: Request device [%pp] fault index %lx"; the reason follows on its own line',
    patterns: [
      /\[VT-D\] ?DMAR: ?\[(?<access>DMA Read|DMA Write)\] Request device \[(?<dev>[0-9a-fA-F]{2,4}:[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2})?\.[0-7])\] fault addr (?<addr>[0-9a-fA-F]{1,16})/,
      /\[VT-D\] ?INTR-REMAP: Request device \[(?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\] fault index (?<index>[0-9a-fA-F]{1,8})/,
    ],
    severity: 'error',
    title: "Xen's VT-d IOMMU blocked a device's DMA",
    cause:
      'the IOMMU under Xen refused a memory access by the device named: the address is not mapped for the domain owning the device (dom0 or a guest it was passed to). The next `xl dmesg` line ("[VT-D]DMAR: reason NN - …") names the kind of fault. After many faults in a short time Xen turns off the device\'s bus mastering',
    fix: 'read the reason line after it; for the integrated GPU (0000:00:02.0) under Xen, iommu=no-igfx or dom0-iommu=map-inclusive on the Xen command line are the usual workarounds; for a passed-through device check its RMRRs and the guest driver',
    refine: (f) => {
      if (f.index)
        return {
          title: "Xen's VT-d interrupt remapping blocked a device's interrupt",
          cause:
            'the device sent an interrupt whose remapping-table entry (the index) is not set up or not allowed for it: an interrupt from an alias requester ID the firmware did not report, or an MSI the device kept after its owner changed',
          fix: 'assign all functions of the device together; update the firmware; Xen takes iommu=no-intremap as a last resort (it weakens isolation)',
        };
      if (f.dev === '0000:00:02.0' || f.dev === '00:02.0')
        return {
          cause:
            "the integrated GPU (00:02.0) read or wrote memory that is not mapped for it: under Xen, i915 in dom0 (or the guest given the iGPU) uses addresses from a stolen-memory or display region the firmware's RMRR does not cover, or beyond RAM. The screen may show noise or stay black",
          fix: 'boot Xen with iommu=no-igfx (the iGPU then bypasses the IOMMU) or dom0-iommu=map-inclusive; report the fault with the full `xl dmesg` to xen-devel when neither helps',
        };
      return undefined;
    },
    render: render('(XEN) [VT-D]', 'DMA Read', '0000:00:02.0', 0x8e43c000),
    examples: [
      ex(
        '(XEN) [VT-D]DMAR:[DMA Read] Request device [0000:00:02.0] fault addr 8e43c000, iommu reg = ffff82c00021d000',
        {
          access: 'DMA Read',
          dev: '0000:00:02.0',
          addr: '8e43c000',
        },
      ),
      ex(
        '(XEN) [   37.201160] [VT-D]DMAR:[DMA Write] Request device [0000:00:1e.6] fault addr 0',
        { access: 'DMA Write', dev: '0000:00:1e.6' },
        'https://lore.kernel.org/xen-devel/090b8b8f-141b-4a24-92eb-879c0a0c73e1@suse.com/',
      ),
      ex('(XEN) [VT-D]INTR-REMAP: Request device [0000:03:00.0] fault index 8000', { index: '8000' }),
    ],
  },
  {
    id: 'xen.vtd-fault-reason',
    source: 'xen',
    cite: `${VTD} iommu_page_fault_do_one() and iommu_get_fault_reason() (the reason texts: dma_remap_fault_reasons[], intr_remap_fault_reasons[])`,
    format: '%s: reason %02x - %s\n',
    versions:
      'printed by the hypervisor with the "[VT-D]" prefix after the fault line; the kind is DMAR, INTR-REMAP or UNKNOWN; older Xen printed "DMAR:[fault reason %02xh] %s" on the fault line itself',
    patterns: [
      /\[VT-D\] ?(?<kind>DMAR|INTR-REMAP|UNKNOWN): reason (?<reason>[0-9a-fA-F]{2}) - (?<text>[^\n]{3,80})/,
    ],
    severity: 'error',
    title: "Xen's VT-d IOMMU says why it blocked a device",
    cause:
      "the reason the hypervisor gives for the IOMMU fault on the line before (the Intel VT-d specification's fault codes): the device's access did not match what its domain's IOMMU tables allow",
    fix: 'read the fault line before it for the device and the address',
    refine: refineVtdReason,
    render: render('(XEN) [VT-D]', 'DMAR', 6, 'PTE Read access is not set'),
    examples: [
      ex('(XEN) [VT-D]DMAR: reason 06 - PTE Read access is not set', { kind: 'DMAR', reason: '06' }),
      ex(
        '(XEN) [   37.201164] [VT-D]DMAR: reason 02 - Present bit in context entry is clear',
        { reason: '02' },
        'https://lore.kernel.org/xen-devel/090b8b8f-141b-4a24-92eb-879c0a0c73e1@suse.com/',
      ),
      ex('(XEN) [VT-D]DMAR: reason 05 - PTE Write access is not set', { reason: '05' }),
    ],
  },
  {
    id: 'xen.amd-vi-event',
    source: 'xen',
    cite: AMD_VI,
    format: 'AMD-Vi: %s: %s d%u addr %016lx flags %#x%s%s%s%s%s%s%s%s%s%s\n',
    versions:
      'printed by the hypervisor (read with `xl dmesg`), the device with %pp (a Xen printk extension, written %s here); the event is IO_PAGE_FAULT, ILLEGAL_DEV_TABLE_ENTRY, DEV_TABLE_HW_ERROR, PAGE_TABLE_HW_ERROR, ILLEGAL_COMMAND_ERROR, COMMAND_HW_ERROR, IOTLB_INV_TIMEOUT or INVALID_DEV_REQUEST; the flags are spelt out after the number ( PE, RW, PR, I, US, NX, RZ, TR; " ??" for unknown bits); older Xen printed the device as %04x:%02x:%02x.%u and the domain with %d',
    patterns: [
      /AMD-Vi: (?<event>IO_PAGE_FAULT|ILLEGAL_DEV_TABLE_ENTRY|INVALID_DEV_REQUEST|DEV_TABLE_HW_ERROR|PAGE_TABLE_HW_ERROR): (?<dev>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) d(?<domain>\d{1,5}) addr (?<addr>[0-9a-fA-F]{16}) flags (?<flags>0x[0-9a-fA-F]{1,4})(?<flagnames>(?: (?:PE|RW|PR|I|US|NX|RZ|TR|\?\?)){0,10})/,
    ],
    severity: 'error',
    title: "Xen's AMD IOMMU blocked a device's access",
    cause:
      "the hypervisor's AMD IOMMU logged an event for the device: an access its domain's IOMMU tables do not allow",
    fix: 'read the event, the domain and the flags on the line',
    refine: (f) => {
      if (f.event === 'ILLEGAL_DEV_TABLE_ENTRY' || f.event === 'INVALID_DEV_REQUEST')
        return {
          cause: `the IOMMU found no valid device-table entry for the requester (${f.event}): the device sent a request under an ID the firmware's IVRS table does not describe (an alias or a phantom function), or one Xen has not set up`,
          fix: 'update the firmware; Xen accepts ivrs_ioapic[]/ivrs_hpet[] overrides for a wrong IVRS table; assign every function of the device together',
        };
      return refineAmdVi(f);
    },
    render: render(
      '(XEN) ',
      'IO_PAGE_FAULT',
      '0000:00:14.0',
      0,
      0xfdf8010140,
      8,
      ' I',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ),
    examples: [
      ex(
        '(XEN) AMD-Vi: IO_PAGE_FAULT: 0000:00:14.0 d0 addr 000000fdf8010140 flags 0x8 I',
        { event: 'IO_PAGE_FAULT', dev: '0000:00:14.0', domain: '0', flagnames: ' I' },
        'https://lore.kernel.org/xen-devel/trinity-3058fb41-1250-49d2-88bc-4fbf3ef196f0-1679316388437@3c-app-webde-bap20/',
      ),
      ex('(XEN) AMD-Vi: IO_PAGE_FAULT: 0000:0b:00.0 d3 addr 00000000fec10000 flags 0x70 RW PR', {
        domain: '3',
      }),
    ],
  },
  {
    id: 'libvirt.libxl-pci-attach-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/libxl/libxl_driver.c libxlDomainAttachHostPCIDevice()',
    format: 'libxenlight failed to attach pci device %04x:%02x:%02x.%d',
    versions:
      'older libvirt wrote the format as "%.4x:%.2x:%.2x.%.1x" (the same text); Qubes OS shows it when `qvm-pci attach` or starting a qube hot-plugs a device',
    patterns: [new RegExp(`libxenlight failed to attach pci device ${BDF}`)],
    severity: 'error',
    title: "Xen: libvirt's libxl driver could not hot-plug the PCI device into the running domain",
    cause:
      "libxl_device_pci_add() failed for a domain that is already running (virsh attach-device, or a management tool attaching after start) and libvirt gave the device back to the host; libvirt reports only that it failed. libxl's own log has the step: the device not assignable (not held by pciback), the hypervisor refusing it (shared RMRR, no IOMMU), an interrupt grant refused, or the device model / stub domain not answering in time",
    fix: "read /var/log/libvirt/libxl/libxl-driver.log and `xl dmesg` for the libxl or hypervisor error just before; try the same with `xl pci-attach DOMAIN BDF` to see libxl's message directly; some devices (GPUs) attach reliably only at domain start",
    render: render('error: internal error: ', 0, 3, 0, 0),
    examples: [
      ex('error: internal error: libxenlight failed to attach pci device 0000:03:00.0', {
        bdf: '0000:03:00.0',
      }),
      ex('libvirt.libvirtError: internal error: libxenlight failed to attach pci device 0000:00:14.0', {
        bdf: '0000:00:14.0',
      }),
    ],
  },
  {
    id: 'kernel.xen-pciback-backend',
    source: 'kernel',
    cite: `${PCIBACK}/xenbus.c xen_pcibk_xenbus_register()`,
    format: 'backend is %s\n',
    versions: 'printed once when xen-pciback loads, with its pr_fmt prefix "xen_pciback: "',
    patterns: [/xen_pciback: backend is (?<backend>vpci|passthrough)/],
    severity: 'info',
    title: "Xen's pciback says how guests will see their devices (harmless)",
    cause:
      'xen-pciback loaded and picked how it presents devices to PV guests (and stub domains): "vpci", the default, puts each device on a virtual bus in the guest (it appears at a new address such as 00:00.0, functions of one card kept together); "passthrough" (xen-pciback.passthrough=1) shows the real bus addresses, which some drivers and multi-function layouts need',
    fix: 'nothing to do; set xen-pciback.passthrough=1 on the dom0 kernel command line if a guest needs the real addresses',
    refine: (f) =>
      f.backend === 'passthrough'
        ? {
            cause:
              'xen-pciback loaded in "passthrough" mode (xen-pciback.passthrough=1): PV guests see their devices at the real bus addresses instead of a virtual bus',
          }
        : undefined,
    render: render('xen_pciback: ', 'vpci'),
    examples: [
      ex('[    3.102345] xen_pciback: backend is vpci', { backend: 'vpci' }),
      ex('xen_pciback: backend is passthrough', { backend: 'passthrough' }),
    ],
  },
  {
    id: 'libvirt.libxl-create-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/libxl/libxl_domain.c libxlDomainStart()',
    format: "libxenlight failed to create new domain '%s'",
    versions:
      'restoring a saved domain: "libxenlight failed to restore domain \'%s\'"; Qubes OS raises it as libvirt.libvirtError',
    patterns: [/libxenlight failed to (?<op>create new|restore) domain '(?<domain>[^'\n]{1,64})'/],
    severity: 'error',
    title: "Xen: libvirt's libxl driver could not start the domain",
    cause:
      "libxl_domain_create_new() failed and libvirt only reports that it did; the reason is in libxl's own log, not in this line. With PCI devices the usual ones are a device not assignable (not bound to pciback), no IOMMU, the hypervisor refusing the device (shared RMRR), a failed interrupt grant, or (Qubes OS) the device-model stub domain failing or timing out",
    fix: 'read /var/log/libvirt/libxl/libxl-driver.log (Qubes: also /var/log/xen/console/guest-NAME-dm.log and /var/log/libvirt/libxl/NAME.log) and `xl dmesg` for the first libxl or hypervisor error before this line',
    render: render('error: internal error: ', 'win10'),
    examples: [
      ex("error: internal error: libxenlight failed to create new domain 'api-1'", { domain: 'api-1' }),
      ex("libvirt.libvirtError: internal error: libxenlight failed to create new domain 'sys-usb'", {
        op: 'create new',
      }),
    ],
  },
];

export const SRIOV_XEN_SWEEP_ENTRIES: CatalogueEntry[] = [...SRIOV, ...XEN];

/** Further wordings the entries above recognise, each rendered as the source prints it. */
export const SRIOV_XEN_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.sriov-pf-enable-failed',
    file: 'torvalds/linux drivers/net/ethernet/hisilicon/hns3/hns3_enet.c',
    format: 'SRIOV enable failed %d',
    text: 'hns3 0000:7d:00.0: SRIOV enable failed -22',
  },
  {
    id: 'kernel.sriov-pf-enable-failed',
    file: 'torvalds/linux drivers/net/ethernet/intel/fm10k/fm10k_iov.c',
    format: 'Enable PCI SR-IOV failed: %d',
    text: 'fm10k 0000:01:00.0: Enable PCI SR-IOV failed: -12',
  },
  {
    id: 'kernel.sriov-vfs-assigned',
    file: 'torvalds/linux drivers/net/ethernet/intel/i40e/i40e_main.c',
    format: 'Unable to free VFs because some are assigned to VMs.',
    text: 'i40e 0000:3b:00.0: Unable to free VFs because some are assigned to VMs.',
  },
  {
    id: 'kernel.sriov-vfs-assigned',
    file: IOV,
    format: 'Cannot modify SR-IOV while VFs are assigned',
    text: 'nvme 0000:01:00.0: Cannot modify SR-IOV while VFs are assigned',
  },
  {
    id: 'kernel.sriov-vf-mac-override',
    file: IXGBE_SRIOV,
    format: 'VF %d attempted to override administratively set MAC address',
    text: 'ixgbe 0000:03:00.0: VF 1 attempted to override administratively set MAC address',
  },
  {
    id: 'kernel.sriov-vf-mac-override',
    file: 'torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c',
    format: 'VF %d attempted to override administratively set VLAN tag',
    text: 'igb 0000:02:00.0: VF 0 attempted to override administratively set VLAN tag',
  },
  {
    id: 'kernel.sriov-vf-mac-admin-set',
    file: I40E_VF,
    format: 'Bring down and up the VF interface to make this change effective.',
    text: 'i40e 0000:08:00.0: Bring down and up the VF interface to make this change effective.',
  },
  {
    id: 'kernel.sriov-vf-mac-admin-set',
    file: IXGBE_SRIOV,
    format: 'Reload the VF driver to make this change effective.',
    text: 'ixgbe 0000:03:00.0: Reload the VF driver to make this change effective.',
  },
  {
    id: 'kernel.sriov-vf-trust-changed',
    file: I40E_VF,
    format:
      'Cannot add more MAC addresses, VF is not trusted, switch the VF to trusted to add more functionality',
    text: 'i40e 0000:3b:00.0: Cannot add more MAC addresses, VF is not trusted, switch the VF to trusted to add more functionality',
  },
  {
    id: 'kernel.mlx5-sriov-enable-failed',
    file: 'torvalds/linux drivers/net/ethernet/mellanox/mlx5/core/sriov.c',
    format: 'pci_enable_sriov failed : %d',
    text: 'mlx5_core 0000:3b:00.0: mlx5_sriov_enable:173:(pid 2210): pci_enable_sriov failed : -12',
  },
  {
    id: 'kernel.mlx5-sriov-enable-failed',
    file: 'torvalds/linux drivers/net/ethernet/mellanox/mlx5/core/sriov.c',
    format: 'failed to enable VF %d (%d)',
    text: 'mlx5_core 0000:3b:00.0: mlx5_device_enable_sriov:101:(pid 2210): failed to enable VF 3 (-5)',
  },
  {
    id: 'qemu.xen-pt-irq-map-failed',
    file: 'qemu/qemu hw/xen/xen_pt.c',
    format: 'Binding of interrupt %u failed! (err: %d)',
    text: '[00:06.0] xen_pt_realize: Error: Binding of interrupt 17 failed! (err: 22)',
  },
  {
    id: 'kernel.xen-pciback-removed-in-use',
    file: 'torvalds/linux drivers/xen/xen-pciback/pci_stub.c',
    format: "****** driver domain may still access this device's i/o resources!",
    text: "xen_pciback: ****** driver domain may still access this device's i/o resources!",
  },
  {
    id: 'kernel.xen-pciback-msi-failed',
    file: `${PCIBACK}/pciback_ops.c`,
    format: 'error enabling MSI for guest %u: err %d',
    text: 'pciback 0000:65:00.0: xen_pciback: error enabling MSI for guest 2: err -22',
  },
  {
    id: 'xen.pci-irq-permission-failed',
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: 'xc_domain_irq_permission irq=%d (error=%d)',
    text: 'libxl: error: libxl_pci.c:1500:pci_add_dm_done: Domain 2:xc_domain_irq_permission irq=16 (error=-1): Operation not permitted',
  },
  {
    id: 'xen.pci-irq-permission-failed',
    file: 'xen-project/xen tools/libs/light/libxl_pci.c',
    format: 'xc_domain_ioport_permission error 0x%llx/0x%llx',
    text: 'libxl: error: libxl_pci.c:1420:pci_add_dm_done: Domain 2:xc_domain_ioport_permission error 0xe000/0x80: Operation not permitted',
  },
  {
    id: 'xen.iommu-state',
    file: 'xen-project/xen xen/drivers/passthrough/iommu.c',
    format: 'Interrupt remapping %sabled',
    text: '(XEN) Interrupt remapping disabled',
  },
  {
    id: 'xen.vtd-dma-fault',
    file: 'xen-project/xen xen/drivers/passthrough/vtd/iommu.c',
    format: 'INTR-REMAP: Request device [%s] fault index %lx',
    text: '(XEN) [VT-D]INTR-REMAP: Request device [0000:03:00.0] fault index 8000',
  },
  {
    id: 'libvirt.libxl-create-failed',
    file: 'libvirt/libvirt src/libxl/libxl_domain.c',
    format: "libxenlight failed to restore domain '%s'",
    text: "error: internal error: libxenlight failed to restore domain 'win10'",
  },
];

/** What the sweep read and left out, with the reason. */
export const SRIOV_XEN_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: IOV,
    format: "can't update enabled VF BAR%d %pR",
    why: 'a kernel WARN when something tries to move the VF BARs while the VFs are enabled; an internal consistency check with a backtrace, not a step a VFIO user takes',
  },
  {
    file: 'iproute2/iproute2 lib/libnetlink.c',
    format: 'RTNETLINK answers: %s',
    why: "the answer to a refused `ip link set PF vf N …` names no VF and no device: alone it is the same line for every failed netlink request (addresses, routes, bridges), and the engine matches an entry on one line. The VF refusals are recognised where their producers print the VF: libvirt.vf-mac-vlan-failed, mgmt.sriov-cni-vf-config, and the PF drivers' own lines (kernel.sriov-vf-mac-override, kernel.sriov-vf-trust-changed)",
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: 'MSI-X preparation failed (%d) / MSI-X release failed (%d)',
    why: "the hypervisor call that protects (and later releases) the MSI-X table of a device pciback takes; the errnos it returns are not documented for users and a failure shows up as the guest's MSI-X failure (kernel.xen-pciback-msi-failed), which is explained",
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: 'Could not reload PCI state',
    why: 'an informational line when pciback gives a device back and has no saved config space to restore; the device is reset anyway and nothing is to be done',
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: "can't export pci devices that don't have a normal (0) or bridge (1) header type!",
    why: 'only for a CardBus bridge named in xen-pciback.hide=, which no passthrough set-up uses',
  },
  {
    file: IXGBE_SRIOV,
    format: 'SR-IOV enabled with %d VFs',
    why: 'the success line of enabling VFs; it states the count written and needs no explanation',
  },
  {
    file: `${PCIBACK}/pciback_ops.c`,
    format: '%s IRQ line is not shared with other domains. Turning ISR off',
    why: "pciback's own legacy-interrupt bookkeeping (its fake handler for a shared INTx line is no longer needed); harmless and carries no fault",
  },
  {
    file: 'torvalds/linux drivers/net/ethernet/intel/iavf/iavf_virtchnl.c',
    format: 'Failed to add MAC filter, error %s',
    why: 'the guest\'s view of the PF\'s MAC refusal: it follows the PF\'s "override administratively set MAC" or "VF is not trusted" lines on the host (kernel.sriov-vf-mac-override, kernel.sriov-vf-trust-changed), which carry the cause; the guest line alone names only a virtchnl status',
  },
  {
    file: 'xen-project/xen xen/drivers/passthrough/vtd/utils.c',
    format: 'print_vtd_entries(): root/context/page-table dump lines',
    why: 'the page-table walk Xen prints after a VT-d fault; it adds addresses for the Xen developers but no cause beyond the fault and reason lines',
  },
];
