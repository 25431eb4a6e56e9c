/**
 * The drivers/pci/ files the coverage ledger did not list yet, swept for what a person assigning a
 * device meets: the firmware-first error recovery of EDR (pcie/edr.c), the PCIe link power
 * management notices of ASPM (pcie/aspm.c, with the FADT line of pci-acpi.c), the FADT refusal of
 * MSI (pci-acpi.c), a driver asking for MSI while MSI-X is on or the reverse (msi/msi.c), and the
 * Data Object Exchange mailboxes the PCI core sets up at enumeration (doe.c). Files with no
 * user-visible text (ats.c, msi/api.c, msi/irqdomain.c: bare WARN_ON asserts only) and the routine
 * lines (ptm.c, tph.c, pcie/portdrv.c, pcie/bwctrl.c) are in the ledgers. Every entry cites the
 * file and function printing its format; PCI_TREE_ALSO and PCI_TREE_LEFT_OUT are this sweep's
 * ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, FUNC_NAME, RANGE, render } from './build.js';

/** The ACPI notification EDR acts on: Disconnect Recover (include/acpi/actypes.h ACPI_NOTIFY_DISCONNECT_RECOVER). */
const EDR_DISCONNECT_RECOVER = 0xf;

/** What an ASPM notice means, by its wording (aspm.c, pci-acpi.c). */
function refineAspm(f: Facts): Refinement | undefined {
  const what = f.what ?? '';
  if (what === "can't override BIOS ASPM")
    return {
      cause: `a driver${f.logDriver ? ` (${f.logDriver})` : ''} asked the PCI core to allow more ASPM link power-saving states on its device than the firmware set (pci_enable_link_state(); in practice the Intel VMD driver does this for the NVMe SSDs behind a VMD controller, whose addresses start with a 10000: domain), but the kernel does not control ASPM on this system (the firmware's FADT says ASPM is unsupported, _OSC did not grant PCIe capability control, or pcie_aspm=off): the request is refused with EPERM and the link keeps the firmware's setting. Harmless; at most the device uses a little more power`,
    };
  if (what === 'disabling ASPM on pre-1.1 PCIe device')
    return {
      cause:
        'the device does not set the Role-Based Error Reporting bit, which the kernel (following Windows) takes to mean it predates PCIe 1.1, whose ASPM is unreliable: ASPM stays off on the link to it. Harmless: the link simply does not save power',
      fix: 'nothing to do; pcie_aspm=force on the kernel command line enables ASPM anyway, at the risk of a link that hangs or drops, so leave it alone on a host whose devices go to VMs',
    };
  if (what === 'disabled')
    return {
      title: 'PCIe ASPM is switched off by pcie_aspm=off (harmless)',
      cause:
        'the kernel command line has pcie_aspm=off: the kernel neither changes the ASPM settings the firmware left on each link nor lets drivers change them (they print "can\'t disable ASPM; OS doesn\'t have ASPM control"), and the per-device link/ ASPM files in sysfs are not created. It is often added as a workaround for link errors; it does not affect device assignment',
      fix: 'nothing to do for passthrough; if it was added long ago as a workaround, note it costs power (links and some platform sleep states stay awake)',
    };
  if (what === 'forcibly enabled')
    return {
      title: 'PCIe ASPM is managed by the kernel against the firmware (pcie_aspm=force)',
      severity: 'warning',
      cause:
        'the kernel command line has pcie_aspm=force: the kernel manages ASPM even where the firmware said it should not (FADT flag, _OSC) and on devices that predate PCIe 1.1. Power saving the firmware or the device does not support can make a link drop or a device stop answering, which for a passed-through GPU or NIC shows up as AER errors, a reset that fails or a device that falls off the bus',
      fix: "remove pcie_aspm=force unless it was added on purpose and the devices behave; to turn ASPM off on the links of passed-through devices use pcie_aspm.policy=performance or the device's /sys/bus/pci/devices/ADDR/link/*_aspm files",
    };
  if (what === 'PCIe ASPM')
    return {
      cause:
        'the firmware\'s FADT sets the "PCIe ASPM controls" flag that says the OS must not manage ASPM, so the kernel keeps whatever the firmware configured on each link and refuses drivers\' requests to change it. Very common on desktop and embedded boards and harmless for device assignment',
      fix: 'nothing to do; ASPM for such a board is set in the firmware setup (often "Native ASPM" or "PCIe ASPM support"); pcie_aspm=force overrides the flag at your own risk',
    };
  if (what === 'Could not configure common clock')
    return {
      title: 'A PCIe link failed to retrain while the kernel switched it to a common clock',
      severity: 'warning',
      cause:
        'at enumeration the kernel found that both ends of the link share the reference clock and set Common Clock Configuration on them, but the link did not finish retraining: the old clock settings are written back. The device usually still works with its original setting; a link that cannot retrain can also be one that is marginal (riser, slot, a card that does not come back after resets)',
      fix: "check that the device below the port is present and works (lspci, its driver lines); if it later fails resets or drops off the bus, reseat it or test without a riser; a firmware update may fix the platform's clock description",
    };
  return undefined;
}

/** What an EDR line means: the event, or which step of the firmware hand-over failed (edr.c). */
function refineEdr(f: Facts): Refinement | undefined {
  if (f.event !== undefined) {
    const n = Number.parseInt(f.event, 16);
    if (n !== EDR_DISCONNECT_RECOVER)
      return {
        severity: 'info',
        title: 'The firmware sent a PCIe port an ACPI notification EDR does not act on (harmless)',
        cause: `the EDR handler logs every system notification the firmware sends to the port, but acts only on 0xf (Disconnect Recover); ${f.event} is some other notification (bus or device check, wake) and EDR ignores it`,
        fix: 'nothing to do for this line; other drivers (hot-plug, power) handle those notifications',
      };
    return undefined;
  }
  const problem = f.problem ?? '';
  if (/doesn't support DPC|failed to locate|Invalid DPC trigger|Locate Port/.test(problem))
    return {
      title: 'The firmware reported a contained PCIe error the kernel could not recover (EDR)',
      severity: 'error',
      cause: `the firmware signalled Disconnect Recover, but the kernel could not act on it: ${
        /doesn't support DPC/.test(problem)
          ? 'the port the firmware named has no DPC capability (a firmware bug)'
          : /Invalid DPC trigger/.test(problem)
            ? 'the port the firmware named is not in DPC containment (its DPC status shows no trigger)'
            : 'the firmware did not say which port contained the error'
      }. No recovery is run and the firmware is told it failed, so the devices below that port stay cut off until a reboot or a manual remove and rescan`,
      fix: 'update the system firmware (the EDR _DSM methods are its part); meanwhile the devices below the port come back only after a reboot, or possibly after `echo 1 > /sys/bus/pci/devices/PORT/remove` and `echo 1 > /sys/bus/pci/rescan`; booting with pcie_ports=dpc-native (or pcie_ports=native) lets the kernel handle DPC itself instead of the firmware',
    };
  if (problem)
    return {
      title: 'EDR (firmware-first PCIe error recovery) could not be set up on a port',
      severity: 'warning',
      cause:
        "at boot the kernel asks the firmware, through the port's _DSM, to enable DPC and installs a handler for its Disconnect Recover notifications; one of these steps failed (the _DSM returned the wrong type or refused, or the handler could not be installed). EDR is then not used on this port: if the firmware contains an error there, the kernel is not told and the devices below stay cut off",
      fix: 'update the system firmware; booting with pcie_ports=dpc-native lets the kernel run DPC on the port itself',
    };
  return undefined;
}

/** What a DOE mailbox failure means, by the step (doe.c). */
function refineDoe(f: Facts): Refinement | undefined {
  const problem = f.problem ?? '';
  if (/busy detected/.test(problem))
    return {
      cause:
        "the kernel found the device's DOE mailbox busy when it wanted to send a request: something other than this kernel (the platform firmware, a BMC, or another OS instance with access to the device) is using the same mailbox. The request is aborted. The device itself keeps working; only the feature that needed the mailbox (CXL table reads, device authentication) fails for that request",
    };
  if (/expected \[VID/.test(problem))
    return {
      cause:
        'the device answered a DOE request with a data object of another protocol than the one asked for: a device firmware bug, or a second user of the mailbox interleaving its requests. The exchange is aborted; the device otherwise keeps working',
    };
  return undefined;
}

/** What the extra space a resource could not get was for, by its resource number (include/linux/pci.h: 7-12 SR-IOV, 13-16 bridge windows). */
function refineExpand(f: Facts): Refinement | undefined {
  if (f.expanded)
    return {
      title: 'The kernel gave a bridge window or BAR its optional extra space (harmless)',
      severity: 'info',
      cause: `while assigning PCI address space the kernel first placed the required size and then managed to enlarge the ${f.res ?? 'resource'} by ${f.add ?? 'the optional amount'} (room for hot-plug below a bridge, or for SR-IOV VF BARs): everything asked for fits`,
      fix: 'nothing to do',
    };
  const num = Number(f.bar ?? f.resno ?? Number.NaN);
  const res = f.res ?? '';
  if (/^VF BAR/.test(res) || (num >= 7 && num <= 12))
    return {
      cause: `the kernel placed the device's required BARs but could not add the optional space for its SR-IOV VF BARs (${f.add ?? '?'} more): the VF BARs stay unassigned, and enabling VFs later fails with "not enough MMIO resources for SR-IOV" (the sriov_numvfs write returns ENOMEM)`,
      fix: 'enable SR-IOV support and Above 4G Decoding in the firmware setup so it reserves space for VF BARs, or boot with pci=realloc (pci=realloc,hpmmiosize=… / hpmmioprefsize=… for ports below a hot-plug slot); check with `lspci -vv -s ADDR | grep -A3 "SR-IOV"`',
    };
  if (res === 'bridge window' || (num >= 13 && num <= 16))
    return {
      cause: `the kernel sized a bridge window for what is below it and tried to add optional room (${f.add ?? '?'} more: hot-plug headroom, or space for devices' optional resources such as SR-IOV VF BARs), but the parent window had no space left. The devices present get their required BARs; what needed the extra room (a later hot-plug, VFs, a resized BAR) does not fit`,
    };
  return undefined;
}

export const PCI_TREE_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- drivers/pci/pcie/aspm.c
  {
    id: 'kernel.pcie-aspm-no-control',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aspm.c __pci_disable_link_state()',
    format: "can't disable ASPM; OS doesn't have ASPM control\n",
    versions:
      'printed with the driver and address of the device ("r8169 0000:02:00.0: can\'t disable ASPM; …"; older kernels: dev_printk with the same text). The same file prints "can\'t override BIOS ASPM; OS doesn\'t have ASPM control" (__pci_enable_link_state(), newer 6.x kernels that have pci_enable_link_state()), "disabling ASPM on pre-1.1 PCIe device.  You can enable it with \'pcie_aspm=force\'" (pcie_aspm_sanity_check()), "PCIe ASPM is disabled" / "PCIe ASPM is forcibly enabled" (pcie_aspm=off/force) and "ASPM: Could not configure common clock"; drivers/pci/pci-acpi.c prints "ACPI FADT declares the system doesn\'t support PCIe ASPM, so disable it"',
    patterns: [
      /(?<what>can't disable ASPM|can't override BIOS ASPM); OS doesn't have ASPM control/,
      /(?<what>disabling ASPM on pre-1\.1 PCIe device)/,
      /PCIe ASPM is (?<what>disabled|forcibly enabled)/,
      /ACPI FADT declares the system doesn't support (?<what>PCIe ASPM), so disable it/,
      /ASPM: (?<what>Could not configure common clock)/,
    ],
    severity: 'info',
    title: 'A driver could not turn off PCIe link power saving (ASPM): the firmware keeps control (harmless)',
    cause:
      "the device's driver asked the PCI core to disable some ASPM link power-saving states on its device (r8169, e1000e and many wireless drivers do this against link problems), but on this system the kernel does not control ASPM: the firmware's FADT says ASPM is unsupported, the firmware's _OSC did not grant PCIe capability control, or the kernel was booted with pcie_aspm=off. The request is refused and the link keeps the ASPM setting the firmware left. The device works; the driver's workaround is just not applied. A VM's firmware may likewise keep ASPM to itself, and the line then appears in the guest",
    fix: "nothing to do unless the device has link trouble (AER corrected errors, a NIC that drops its link, a device that stops answering): then turn ASPM off in the firmware setup, since the kernel cannot do it here. Where the kernel does have control, pcie_aspm.policy=performance or the device's /sys/bus/pci/devices/ADDR/link/*_aspm files turn it off",
    refine: refineAspm,
    render: render('r8169 0000:02:00.0: '),
    examples: [
      ex(
        "kernel: r8169 0000:02:00.0: can't disable ASPM; OS doesn't have ASPM control",
        { bdf: '0000:02:00.0', what: "can't disable ASPM" },
        'https://github.com/KastB/r8169/issues/8',
      ),
      ex(
        '[    0.020926] PCIe ASPM is forcibly enabled',
        { what: 'forcibly enabled' },
        'https://github.com/LattePandaTeam/LattePanda-Mu/issues/14',
      ),
      ex(
        '[    0.035200] PCIe ASPM is disabled',
        { what: 'disabled' },
        'https://github.com/LattePandaTeam/LattePanda-Mu/issues/14',
      ),
      ex(
        "[    0.090343] ACPI FADT declares the system doesn't support PCIe ASPM, so disable it",
        { what: 'PCIe ASPM' },
        'https://github.com/linrunner/TLP/issues/211',
      ),
      ex(
        "pci 0000:03:00.0: disabling ASPM on pre-1.1 PCIe device.  You can enable it with 'pcie_aspm=force'",
        {
          what: 'disabling ASPM on pre-1.1 PCIe device',
        },
      ),
      ex('pcieport 0000:00:1c.4: ASPM: Could not configure common clock', {
        what: 'Could not configure common clock',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/pci-acpi.c
  {
    id: 'kernel.acpi-fadt-no-msi',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci-acpi.c acpi_pci_init()',
    format: "ACPI FADT declares the system doesn't support MSI, so disable it\n",
    versions:
      'a long-standing wording (printk(KERN_INFO …) in old kernels, pr_info() in later ones); the sibling line about PCIe ASPM is recognised by kernel.pcie-aspm-no-control',
    patterns: [/ACPI FADT declares the system doesn't support MSI, so disable it/],
    severity: 'warning',
    title: 'The firmware forbids MSI: no PCI device on this system gets message-signalled interrupts',
    cause:
      'the firmware\'s FADT has the "MSI not supported" flag set, so the kernel calls pci_no_msi() at boot: every device falls back to legacy INTx interrupts, shared and slower, and drivers that need MSI-X (NVMe with many queues, multi-queue NICs, GPU drivers) run degraded or refuse to load. For device assignment this matters twice: on a host, vfio-pci cannot enable MSI or MSI-X for a guest: the guest driver is not told, but QEMU logs "vfio: Error: Failed to setup MSI fds" (then "Failed to enable MSI"), leaves the device\'s interrupts off and relies on the guest driver noticing and falling back to INTx (hw/vfio/pci.c vfio_msi_enable()); in a guest, the VM\'s firmware told the guest kernel the same, and its drivers use INTx only',
    fix: "on a host: update the firmware, or look in its setup for an option that disables MSI (some server boards have one); there is no kernel parameter that overrides the flag. In a guest: use a machine type and firmware that advertise MSI (QEMU q35 with OVMF or SeaBIOS does), and check the hypervisor's VM settings",
    render: render(''),
    examples: [ex("ACPI FADT declares the system doesn't support MSI, so disable it")],
  },

  // ---------------------------------------------------------------- drivers/pci/msi/msi.c
  {
    id: 'kernel.pci-msi-mode-conflict',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/msi/msi.c __pci_enable_msi_range()',
    format: "can't enable MSI (MSI-X already enabled)\n",
    versions:
      'pci_info() in current kernels (dev_info() in old ones, same text; drivers/pci/msi.c before the msi/ directory); __pci_enable_msix_range() prints the reverse, "can\'t enable MSI-X (MSI already enabled)", which older kernels worded "can\'t enable MSI-X (MSI IRQ already assigned)"',
    patterns: [
      /can't enable (?<mode>MSI|MSI-X) \((?<active>MSI-X|MSI) already enabled\)/,
      /can't enable (?<mode>MSI-X) \((?<active>MSI) IRQ already assigned\)/,
    ],
    severity: 'warning',
    title: 'A driver asked for MSI while the device already had MSI-X on',
    cause:
      'a device runs one interrupt mode at a time; the driver asked the PCI core to enable MSI while MSI-X was still enabled on the device from an earlier request, so the request fails with EINVAL and nothing changes. It is a driver bookkeeping bug (an error path or a reprobe that did not free its vectors); the driver then usually stays on the vectors it had, or fails to load. vfio-pci does not print it for a guest: it refuses a change of interrupt mode itself before the PCI core is asked',
    fix: "note the driver in the line's prefix; reload it (modprobe -r and modprobe) or reset the device to clear the stale vectors, and update the driver or kernel; a guest driver that prints it inside a VM is the guest's driver to update",
    refine: (f) =>
      f.mode === 'MSI-X'
        ? {
            title: 'A driver asked for MSI-X while the device already had MSI on',
            cause:
              'a device runs one interrupt mode at a time; the driver asked the PCI core to enable MSI-X while plain MSI was still enabled on the device, so the request fails with EINVAL. It is a driver bookkeeping bug (vectors not freed before switching mode); the driver then runs on its single MSI vector or fails to load. vfio-pci does not print it for a guest: it refuses a change of interrupt mode itself',
          }
        : undefined,
    render: render('nvme 0000:03:00.0: '),
    examples: [
      ex("nvme 0000:03:00.0: can't enable MSI (MSI-X already enabled)", { mode: 'MSI', active: 'MSI-X' }),
      ex("mlx5_core 0000:5e:00.2: can't enable MSI-X (MSI already enabled)", {
        mode: 'MSI-X',
        active: 'MSI',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/pcie/edr.c
  {
    id: 'kernel.pcie-edr-event',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/edr.c edr_handle_event()',
    format: 'ACPI event %#x received\n',
    versions:
      'kernels with CONFIG_PCIE_EDR (drivers/pci/pcie/edr.c), printed with the "EDR: " prefix: "pcieport ADDR: EDR: ACPI event 0xf received". The same file prints "Firmware failed to locate DPC port", "[Firmware Bug]: This device doesn\'t support DPC", "Invalid DPC trigger %#010x", "[Firmware Bug]: Locate Port _DSM returned non integer", and at boot "Enable DPC _DSM failed to enable DPC", "[Firmware Bug]: Enable DPC _DSM returned non integer", "Failed to install notify handler"',
    patterns: [
      /EDR: ACPI event (?<event>0x[0-9a-fA-F]{1,8}) received/,
      /EDR: (?:\[Firmware Bug\]: )?(?<problem>This device doesn't support DPC|Firmware failed to locate DPC port|Invalid DPC trigger|Locate Port _DSM returned non integer|Enable DPC _DSM failed to enable DPC|Enable DPC _DSM returned non integer|Failed to install notify handler)/,
    ],
    severity: 'warning',
    title: 'The firmware contained a PCIe error below a port and handed recovery to the kernel (EDR)',
    cause:
      'on this system the firmware, not the kernel, owns PCIe error handling (firmware-first: _OSC did not give the OS control of AER/DPC). When a device below a port caused an uncorrectable error or dropped off the link, the port\'s Downstream Port Containment cut the link, and the firmware sent the port an ACPI Disconnect Recover notification (0xf). The kernel now reads the DPC status, runs the error recovery of the drivers below (the DPC and AER detail lines follow), resets the link and reports the outcome to the firmware. Everything below the port was unreachable meanwhile; a device assigned to a VM has its error reported by vfio-pci to QEMU as an unrecoverable error: QEMU\'s vfio_err_notifier_handler() then pauses the whole VM (run state internal-error, with "Unrecoverable error detected. Please collect any data possible and then kill the guest"), and the VM has to be reset or restarted',
    fix: 'read the DPC/AER lines that follow for the device and the error; "device recovery successful" means the devices came back (a VM QEMU paused for the error still has to be reset or restarted), otherwise reboot. For errors that recur with a passed-through device: check the card, slot and riser, avoid resets the device does not survive, and keep ASPM off on its link',
    refine: refineEdr,
    render: render('pcieport 0000:00:1d.0: EDR: ', 0xf),
    examples: [
      ex('pcieport 0000:00:1d.0: EDR: ACPI event 0xf received', { event: '0xf', bdf: '0000:00:1d.0' }),
      ex('pcieport 0000:00:07.0: EDR: ACPI event 0x1 received', { event: '0x1' }),
      ex("pcieport 0000:00:1d.0: EDR: [Firmware Bug]: This device doesn't support DPC", {
        problem: "This device doesn't support DPC",
      }),
      ex('pcieport 0000:00:1c.0: EDR: Enable DPC _DSM failed to enable DPC', {
        problem: 'Enable DPC _DSM failed to enable DPC',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/doe.c
  {
    id: 'kernel.pci-doe-mailbox-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/doe.c pci_doe_create_mb()',
    format: '[%x] failed to reset mailbox with abort command : %d\n',
    versions:
      'doe.c came with the CXL work of 2022; later kernels set the mailboxes up for every device at enumeration (pci_doe_init()), so any device with a DOE capability can print these, with the "DOE: " prefix: "pci ADDR: DOE: [off] …". The same file prints "[%x] failed to cache protocols : %d" (newer kernels, which call DOE protocols features: "[%x] failed to cache features : %d"), "[%x] failed to create mailbox: %ld", "[%x] ABORT timed out", "[%x] Abort failed marking mailbox dead", "[%x] busy detected; another entity is sending conflicting requests" and "[%x] expected [VID, Protocol] = [%04x, %02x], got [%04x, %02x]" (newer kernels: "[VID, Feature]")',
    patterns: [
      /DOE: \[(?<offset>[0-9a-fA-F]{1,4})\] (?<problem>failed to reset mailbox with abort command|failed to cache (?:protocols|features)|failed to create mailbox|failed to insert mailbox) ?: (?<err>-\d{1,4})/,
      /DOE: \[(?<offset>[0-9a-fA-F]{1,4})\] (?<problem>ABORT timed out|Abort failed marking mailbox dead|busy detected; another entity is sending conflicting requests|expected \[VID, (?:Protocol|Feature)\])/,
    ],
    severity: 'info',
    title: "The kernel could not use a device's DOE mailbox (harmless for ordinary use and passthrough)",
    cause:
      'the device has a Data Object Exchange capability, a mailbox in config space used to fetch CXL tables and, on newer hardware, for device authentication (SPDM) and link encryption (IDE/TDISP). The kernel tried to reset the mailbox with an Abort and list its protocols, and the device did not answer as the spec says (a device firmware bug, or a mailbox that is there on paper only). The mailbox is left unused. Nothing else about the device depends on it: its driver, vfio-pci and a VM using the device work as before; only a CXL memory device, or device authentication, would miss it',
    fix: 'nothing to do for passthrough; for a CXL device or where device authentication is wanted, update the device firmware and report the device to linux-pci@vger.kernel.org',
    refine: refineDoe,
    render: render('pci 0000:01:00.0: DOE: ', 0x160, -5),
    examples: [
      ex('pci 0000:01:00.0: DOE: [160] failed to reset mailbox with abort command : -5', {
        offset: '160',
        problem: 'failed to reset mailbox with abort command',
        errno: 'EIO',
      }),
      ex('pci 0000:01:00.0: DOE: [160] ABORT timed out', { offset: '160', problem: 'ABORT timed out' }),
      ex('pci 0000:0d:00.0: DOE: [150] busy detected; another entity is sending conflicting requests', {
        offset: '150',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/pcie/err.c, dpc.c
  {
    id: 'kernel.pcie-recovery-reset-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/err.c pcie_do_recovery() (the DPC lines: drivers/pci/pcie/dpc.c dpc_reset_link(), dpc_wait_rp_inactive())',
    format: 'subordinate device reset failed\n',
    versions:
      'err.c prints it with the "AER: " prefix ("pcieport ADDR: AER: subordinate device reset failed"), for DPC-contained errors as well. dpc.c prints "root port still busy" (older: "DPC root port still busy", on the dpc service device) when the root port does not finish its outstanding requests, and "Data Link Layer Link Active not cleared in 1000 msec" when the contained link does not go down',
    patterns: [
      /(?<what>subordinate device reset failed)/,
      /(?:DPC: |pcie\d{3}: )(?<what>(?:DPC )?root port still busy)/,
      /DPC: (?<what>Data Link Layer Link Active not cleared) in (?<ms>\d{1,6}) msec/,
    ],
    severity: 'error',
    title: 'PCIe error recovery could not reset the devices below a port',
    cause:
      'after a fatal (or DPC-contained) PCIe error the kernel recovers the devices below the port that reported it: it tells their drivers, resets the link below the port (a secondary bus reset for AER, the DPC release of the contained link) and waits for the devices to answer again. That reset step failed: the link did not come back up, or the devices did not answer config reads in time. Recovery stops here and "device recovery failed" follows: the devices below stay unusable until they are removed and rescanned or the host reboots. A device passed to a VM has its error reported to QEMU by vfio-pci, and QEMU\'s vfio_err_notifier_handler() pauses the whole VM (run state internal-error, with "Unrecoverable error detected. Please collect any data possible and then kill the guest"), and the VM has to be reset or restarted',
    fix: 'read the AER/DPC lines before it for the device and the error. Power-cycle the host (a warm reboot may not bring a hung device back); if it recurs with the same device, suspect the card, slot or riser, or a device that does not survive resets (many GPUs; vendor-reset for some AMD cards); keep ASPM off on its link and check for firmware updates of the device',
    refine: (f) => {
      if (/root port still busy/.test(f.what ?? ''))
        return {
          cause:
            'a DPC event was being cleared, but the root port still had requests of its own outstanding (its RP Busy bit stayed set for a second), so the kernel gave up releasing the contained link: recovery fails and the devices below stay cut off until they are removed and rescanned or the host reboots. A device passed to a VM has its error reported to QEMU by vfio-pci, and QEMU\'s vfio_err_notifier_handler() pauses the whole VM (run state internal-error, with "Unrecoverable error detected. Please collect any data possible and then kill the guest"), and the VM has to be reset or restarted',
        };
      if (f.what === 'Data Link Layer Link Active not cleared')
        return {
          title: 'A link contained by DPC did not go down within a second',
          severity: 'warning',
          cause: `DPC disables the link below the port when it contains an error; before releasing it the kernel waits for the link to report inactive, and it still reported active after ${f.ms ?? '1000'} ms. The kernel carries on with the recovery anyway; the lines after it say whether the devices came back ("device recovery successful") or not`,
        };
      return undefined;
    },
    render: render('pcieport 0000:00:1c.0: AER: '),
    examples: [
      ex('pcieport 0000:00:1c.0: AER: subordinate device reset failed', {
        what: 'subordinate device reset failed',
        bdf: '0000:00:1c.0',
      }),
      ex('pcieport 0000:00:1c.0: DPC: root port still busy', { what: 'root port still busy' }),
      ex('pcieport 0000:00:1c.0: DPC: Data Link Layer Link Active not cleared in 1000 msec', { ms: '1000' }),
    ],
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/dpc.c dpc_process_rp_pio_error()',
    format: '[%2d] %s%s\n',
    versions:
      'printed with the "DPC: " prefix (older kernels: on the dpc service device "dpc ADDR:pcie010: "), after "DPC: RP PIO error detected" and "rp_pio_status: %#010x, rp_pio_mask: %#010x"; the same function prints "RP PIO severity=%#010x, syserror=%#010x, exception=%#010x", "TLP Header: …", "RP PIO ImpSpec Log %#010x" and "TLP Prefix Header: dw%d, %#010x". The bit names are "Configuration/I/O/Memory Request received UR Completion", "… received CA Completion" and "… Completion Timeout"; " (First)" marks the first error',
    patterns: [
      /(?:DPC: |pcie\d{3}: )\[ ?(?<bit>\d{1,2})\] (?<what>(?<kind>Configuration|I\/O|Memory) Request (?:received (?<completion>UR|CA) Completion|Completion (?<timeout>Timeout)))(?<first> \(First\))?/,
      /(?:DPC: |pcie\d{3}: )rp_pio_status: (?<status>0x[0-9a-fA-F]{8}), rp_pio_mask: (?<mask>0x[0-9a-fA-F]{8})/,
      /(?:DPC: |pcie\d{3}: )(?<detail>RP PIO severity=|RP PIO ImpSpec Log|TLP Prefix Header: dw)/,
      /DPC: TLP Header: (?<header>0x[0-9a-fA-F]{8} 0x[0-9a-fA-F]{8})/,
    ],
    severity: 'error',
    title: 'A root port contained an error on a request the CPU sent to a device below it (DPC RP PIO)',
    cause:
      "the root port's DPC extensions caught a failed request that the CPU itself sent down the link (a config, I/O or memory access, e.g. a driver, lspci, or a VM's vCPU through a mapped BAR): the device answered it with an error or not at all. The port cut the link to contain it, and recovery of the devices below follows. These lines are the details: which kind of request and how it failed, and the header of the request",
    fix: 'read the kernel lines before it for what was accessing the device (a driver timing out, a reset, QEMU starting or stopping a VM); a device that fails MMIO after a reset did not survive it (power-cycle the host, and for GPUs avoid resets they do not support); check that nothing (lspci, monitoring tools, the host driver) touches a device assigned to a VM',
    refine: (f) => {
      const kind = f.kind;
      const how =
        f.timeout !== undefined
          ? 'no completion at all arrived (the device is hung, in a deep power state, or the link is down)'
          : f.completion === 'UR'
            ? 'the device answered Unsupported Request (it did not claim the address: its BARs or memory decoding were off, e.g. right after a reset or in D3)'
            : f.completion === 'CA'
              ? 'the device answered Completer Abort (it refused the request: an internal error of the device)'
              : '';
      if (!kind || !how) return undefined;
      const what =
        kind === 'Memory'
          ? 'a memory (MMIO) read or write to a BAR of a device below the port, as a driver or a VM using a passed-through device does'
          : kind === 'Configuration'
            ? 'a config-space access (a driver, lspci, QEMU reading the device) to a device below the port'
            : 'a legacy I/O-port access to a device below the port';
      return {
        cause: `the root port's DPC extensions caught a failed request that the CPU sent: ${what}, and ${how}${
          f.first ? '. It is marked First: this is the error that triggered the containment' : ''
        }. The port cut the link to contain it; recovery of the devices below follows`,
      };
    },
    render: render('pcieport 0000:00:1c.0: DPC: ', 18, 'Memory Request Completion Timeout', ' (First)'),
    examples: [
      ex('pcieport 0000:00:1c.0: DPC: [18] Memory Request Completion Timeout (First)', {
        bit: '18',
        kind: 'Memory',
        first: ' (First)',
      }),
      ex('pcieport 0000:00:1c.0: DPC: [ 0] Configuration Request received UR Completion', {
        bit: '0',
        kind: 'Configuration',
        completion: 'UR',
      }),
      ex('pcieport 0000:00:1c.0: DPC: rp_pio_status: 0x00040000, rp_pio_mask: 0x00000000', {
        status: '0x00040000',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/hotplug/pciehp_*.c
  {
    id: 'kernel.pciehp-power-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c pciehp_ist() (also drivers/pci/hotplug/pciehp_ctrl.c board_added())',
    format: 'Slot(%s): Power fault\n',
    versions:
      'printed with ctrl_err() and the "pciehp: " prefix: "pcieport ADDR: pciehp: Slot(N): Power fault"; old kernels: "Power fault on slot %s" / "Power fault on Slot(%s)"',
    patterns: [
      /pciehp: Slot\((?<slot>[\w.-]{1,16})\): Power fault/,
      /Power fault on (?:slot |Slot\()(?<slot>[\w.-]{1,16})/,
    ],
    severity: 'error',
    title: "A hot-plug slot's power controller reported a power fault",
    cause:
      'the slot\'s power controller signalled Power Fault Detected (an overcurrent or short on the slot\'s supply, a card drawing more than the slot gives, or a faulty slot or riser). pciehp turns on the attention indicator and the power indicator off; when it happens while the slot is being powered on, the card is not added and "Cannot add device" may follow. The card below is unusable until the fault clears. A device in it that was assigned to a VM is gone for that VM',
    fix: "power the host off, reseat the card and check its auxiliary power cables and any riser; look at the server's BMC/IPMI event log for the slot; try another slot. If it only happens on power-on after a VM released the card, the card's inrush on re-power may be the trigger: keep the slot powered (avoid `echo 0 > /sys/bus/pci/slots/N/power`)",
    render: render('pcieport 0000:00:1c.0: pciehp: ', '1'),
    examples: [
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): Power fault', { slot: '1', bdf: '0000:00:1c.0' }),
      ex('pciehp 0000:00:1c.0:pcie004: Power fault on slot 1', { slot: '1' }),
    ],
  },
  {
    id: 'kernel.pciehp-add-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c board_added() ("No new device found": drivers/pci/hotplug/pciehp_pci.c pciehp_configure_device())',
    format: 'Cannot add device at %04x:%02x:00\n',
    versions:
      'printed with the "pciehp: " prefix, usually after "No new device found" or the link-training lines; old kernels print the same text on the pciehp service device ("pciehp ADDR:pcie004: …")',
    patterns: [
      /pciehp: (?:Slot\([\w.-]{1,16}\): )?Cannot add device at (?<bus>[0-9a-f]{4}:[0-9a-f]{2}):00/,
      /pciehp: (?:Slot\([\w.-]{1,16}\): )?(?<what>No new device found)/,
    ],
    severity: 'error',
    title: 'pciehp could not add the device in a hot-plug slot',
    cause:
      'after a card was inserted, a link came up or the slot was powered on (by a button, `echo 1 > /sys/bus/pci/slots/N/power`, or QEMU\'s device_add into a pcie-root-port in a guest), pciehp scanned the bus below the port and could not add what it found: nothing answered at function 0 ("No new device found"), or the scan failed. The slot is powered off again, so the card is not usable. On a host this follows a card that did not come back from a reset or a power cycle, or a link that trained but whose device is still initialising; in a guest it follows a hot-plug of a device that did not appear in the virtual slot',
    fix: 'read the link-training lines before it ("Cannot train link", "No link", "No device found"); on a host retry with `echo 1 > /sys/bus/pci/slots/N/power` or `echo 1 > /sys/bus/pci/rescan`, and power-cycle the host if the card stays missing (GPUs that do not survive a reset need it); in a guest check that the device was actually attached (`virsh dumpxml`) and its QEMU errors',
    refine: (f) =>
      f.what
        ? {
            cause:
              'pciehp scanned the bus below the hot-plug port after the link came up and found no device at function 0: nothing answers config reads there. The card is still initialising, did not come back from a reset or power cycle, or the link that came up leads nowhere. "Cannot add device" follows and the slot is powered off again',
          }
        : undefined,
    render: render('pcieport 0000:00:1c.0: pciehp: ', 0, 2),
    examples: [
      ex('pcieport 0000:00:1c.0: pciehp: Cannot add device at 0000:02:00', { bus: '0000:02' }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): No new device found', { what: 'No new device found' }),
    ],
  },
  {
    id: 'kernel.pciehp-slot-state',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c pciehp_sysfs_enable_slot(), pciehp_sysfs_disable_slot(), __pciehp_enable_slot()',
    format: 'Slot(%s): Already enabled\n',
    versions:
      'the same functions print "Slot(%s): Already disabled", "Slot(%s): Already in powering on state", "Slot(%s): Already in powering off state", "Slot(%s): Latch open" and "Slot(%s): Invalid state %#x", with the "pciehp: " prefix; old kernels: "Already enabled on slot %s", "Slot %s is already in powering on state"',
    patterns: [
      /pciehp: Slot\((?<slot>[\w.-]{1,16})\): (?<what>Already enabled|Already disabled|Already in powering on state|Already in powering off state|Latch open|Invalid state) ?(?<state>0x[0-9a-f]{1,2})?/,
      /(?<what>Already enabled|Already disabled) on slot\(?(?<slot>[\w.-]{1,16})\)?/,
      /Slot (?<slot>[\w.-]{1,16}) is (?<what>already in powering (?:on|off) state)/,
    ],
    severity: 'info',
    title: 'A hot-plug slot was asked to power on but already was on (harmless)',
    cause:
      "something asked pciehp to power on a slot that is already powered: a write of 1 to /sys/bus/pci/slots/N/power, or a presence or link-up event on a slot that was never switched off. Nothing changes; the card stays as it is. Scripts that power-cycle a GPU between VM runs through the slot's power file print it when the power-off step did not happen",
    fix: 'nothing to do; to power-cycle a card through its slot write 0 and then 1 to /sys/bus/pci/slots/N/power (find N with `lspci -vv -s ADDR | grep "Physical Slot"`), and check that the 0 was accepted',
    refine: (f) => {
      const what = (f.what ?? '').toLowerCase();
      if (what === 'already disabled')
        return {
          title: 'A hot-plug slot was asked to power off but already was off (harmless)',
          cause:
            'something asked pciehp to power off a slot that is already off (a write of 0 to /sys/bus/pci/slots/N/power, or a second request while the first was done). The write fails with EINVAL and nothing changes. If the card should be there, the slot was switched off earlier (by a script, a failed hot-add, or a surprise removal) and needs `echo 1 > /sys/bus/pci/slots/N/power`',
        };
      if (what.includes('powering on state') || what.includes('powering off state'))
        return {
          title: 'A hot-plug slot was asked to change power while it was already doing so (harmless)',
          cause:
            'a write to /sys/bus/pci/slots/N/power arrived while pciehp was still powering the slot on or off from an earlier request or a hot-plug event; the new request is ignored. Wait for the first to finish (about a second, longer while a card trains its link) before writing again',
        };
      if (what === 'latch open')
        return {
          title: 'A hot-plug slot cannot be powered on: its retention latch (MRL) is open',
          severity: 'warning',
          cause:
            'the slot has a manually-operated retention latch and it reports open, so pciehp refuses to power the slot on (ENODEV). The card cannot be used until the latch is closed; on some boards the sensor misreports and the slot never powers on',
          fix: "close the slot latch (or the server's PCIe cage lever); if it is closed, the sensor or firmware is at fault: update the firmware or use another slot",
        };
      if (what === 'invalid state')
        return {
          title: 'pciehp found a hot-plug slot in an unexpected state',
          severity: 'warning',
          cause: `a power request for the slot found pciehp's state machine in a state it does not handle (${f.state ?? '?'}): a pciehp bug or a race between hot-plug events and sysfs writes. The request is refused`,
          fix: 'retry after a moment; if it persists, update the kernel and report the sequence of pciehp lines before it',
        };
      return undefined;
    },
    render: render('pcieport 0000:00:1c.0: pciehp: ', '1'),
    examples: [
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): Already enabled', { slot: '1', what: 'Already enabled' }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): Already disabled', { what: 'Already disabled' }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): Already in powering off state', {
        what: 'Already in powering off state',
      }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(1): Latch open', { what: 'Latch open' }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/probe.c, quirks.c
  {
    id: 'kernel.pci-mps-configured',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_configure_mps() (the "%4d/%4d … Max Read Rq" form: pcie_bus_configure_set())',
    format: 'Max Payload Size set to %d (was %d, max %d)\n',
    versions:
      'pci_info(); pcie_write_mrrs() (pci=pcie_bus_perf) prints "Failed attempting to set the MRRS" before halving the size; the same function prints "Upstream bridge\'s Max Payload Size set to %d (was %d, max %d)" and "can\'t set Max Payload Size to %d; if necessary, use \\"pci=pcie_bus_safe\\" and report a bug"; with pci=pcie_bus_safe/perf/peer2peer the bus-wide tuning prints "Max Payload Size set to %4d/%4d (was %4d), Max Read Rq %4d"',
    patterns: [
      /(?<who>Upstream bridge's )?Max Payload Size set to (?<mps>\d{3,4}) \(was (?<was>\d{3,6}), max (?<max>\d{3,5})\)/,
      /Max Payload Size set to +(?<mps>\d{3,4})\/ *(?<max>\d{3,4}) \(was +(?<was>\d{3,5})\), Max Read Rq +(?<mrrs>\d{3,4})/,
      /(?<refused>can't set Max Payload Size to) (?<mps>\d{3,4}); if necessary, use "pci=pcie_bus_safe"/,
      /(?<mrrsRetry>Failed attempting to set the MRRS)/,
    ],
    severity: 'info',
    title: "The kernel matched a device's PCIe Max Payload Size to its port (harmless)",
    cause:
      "at enumeration or hot-add the device's Max Payload Size differed from the port above it, and the kernel (in its default mode, without a pci=pcie_bus_* option) set the device to the port's value so both ends of the link agree; packets larger than the receiver accepts would otherwise be malformed and reported by AER. The only effect is the payload size used on that link. Harmless, and a sign the path is consistent",
    fix: 'nothing to do',
    refine: (f) => {
      if (f.mrrsRetry)
        return {
          title:
            'A device refused a Max Read Request Size; the kernel retries with half (harmless unless it runs out)',
          cause:
            'with pci=pcie_bus_perf the kernel sets each device\'s Max Read Request Size to its Max Payload Size; this device did not accept the value, so the kernel halves it and tries again. Harmless when it settles; "MRRS was unable to be configured with a safe value" would follow if even 128 bytes failed',
          fix: 'nothing to do; if the "unable to be configured" line follows, boot with pci=pcie_bus_safe instead of pcie_bus_perf',
        };
      if (f.refused)
        return {
          title: "The kernel could not set a device's PCIe Max Payload Size to match its port",
          severity: 'warning',
          cause: `the port above the device uses ${f.mps}-byte payloads and the kernel tried to set the device to the same, but the device does not support that size (it is larger than the device's capability) and the port is not a root port the kernel would lower. The sizes along the path stay inconsistent: larger packets are malformed, which shows up as AER errors (Malformed TLP) or a device that fails under load, also when it is passed to a VM`,
          fix: 'boot with pci=pcie_bus_safe, which sets every device on the path to the smallest size they all support; update the system firmware, which set the larger size',
        };
      if (Number(f.was) > 4096)
        return {
          title: 'A Max Payload Size was read back as an impossible value',
          severity: 'warning',
          cause: `the kernel read a current Max Payload Size of ${f.was} bytes, which PCIe does not allow (4096 is the largest): the port's control register read back wrong, a bug of that PCIe host controller's driver or emulation (seen with the Armada 3700 "aardvark" controller before its 2021 fix). The kernel overwrote it with ${f.mps}, so the link now uses a valid size`,
          fix: "update the kernel (the host controller driver's fix sets a valid size at initialisation); no action is needed for the device itself",
        };
      if (f.who)
        return {
          cause: `the device cannot handle the payload size its root port was using, so the kernel lowered the root port to ${f.mps} bytes (the device's maximum) and then set the device to match. Both ends of the link now agree. Harmless; other devices below the same root port use the smaller size too`,
        };
      if (f.mrrs)
        return {
          cause: `a pci=pcie_bus_safe, pcie_bus_perf or pcie_bus_peer2peer option asked the kernel to tune payload sizes over the whole bus: this device now uses ${f.mps}-byte payloads and ${f.mrrs}-byte read requests. Harmless; the chosen option decides the sizes`,
        };
      return undefined;
    },
    render: render('pci 0000:01:00.0: ', 256, 128, 256),
    examples: [
      ex(
        "pci 0000:01:00.0: Upstream bridge's Max Payload Size set to 256 (was 16384, max 512)",
        { mps: '256', was: '16384', max: '512' },
        'https://lore.kernel.org/r/20211005180952.6812-3-kabel@kernel.org',
      ),
      ex('pci 0000:01:00.0: Max Payload Size set to 256 (was 128, max 256)', { mps: '256', was: '128' }),
      ex('pci 0000:01:00.0: Max Payload Size set to  256/ 512 (was  128), Max Read Rq  512', { mrrs: '512' }),
      ex(
        'pci 0000:03:00.0: can\'t set Max Payload Size to 512; if necessary, use "pci=pcie_bus_safe" and report a bug',
        {
          mps: '512',
        },
      ),
    ],
  },
  {
    id: 'kernel.pci-link-speed-restriction-removed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pcie_failed_link_retrain()',
    format: 'removing 2.5GT/s downstream link speed restriction\n',
    versions:
      'kernels since commit a89c82249c37 ("PCI: Work around PCIe link training failures"); the quirk\'s other lines, "broken device, retraining non-functional downstream link at 2.5GT/s" and "retraining failed", are recognised by kernel.pci-link-retrain',
    patterns: [/(?<what>removing 2\.5GT\/s downstream link speed restriction)/],
    severity: 'info',
    title: 'The kernel lifted a 2.5 GT/s cap on a PCIe link and retrained it at full speed',
    cause:
      'the port\'s Target Link Speed was held at 2.5 GT/s (set earlier by this same quirk when the link would not train, or left so by the firmware) while the link is up, so the kernel restores the full speed the port supports and retrains the link. Harmless when nothing follows; "retraining failed" after it means the link would not come up at full speed and the kernel put the old speed back. Some 6.x kernels also left a bridge at 2.5 GT/s after rapid hot-add/remove cycles (fixed in 2025)',
    fix: 'nothing to do if no "retraining failed" follows; otherwise check `lspci -vv -s PORT | grep LnkSta` for the speed the link runs at, reseat the card or avoid risers, and update the kernel',
    render: render('pcieport 0000:00:01.0: '),
    examples: [ex('pcieport 0000:00:01.0: removing 2.5GT/s downstream link speed restriction')],
  },

  // ---------------------------------------------------------------- drivers/pci/pcie/aer.c
  {
    id: 'kernel.aer-firmware-first-report',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c cper_print_aer()',
    format: 'aer_status: 0x%08x, aer_mask: 0x%08x\n',
    versions:
      'printed with the "AER: " prefix on the device named by the firmware\'s error record, after the "{N}[Hardware Error]: …" lines of the APEI/GHES report; the same function prints the bit lines ("[%2d] %-22s%s", recognised by the AER entries), "aer_layer=%s, aer_agent=%s", for uncorrectable errors "aer_uncor_severity: 0x%08x", and the TLP header',
    patterns: [
      /AER: aer_status: (?<status>0x[0-9a-fA-F]{8}), aer_mask: (?<mask>0x[0-9a-fA-F]{8})/,
      /AER: aer_layer=(?<layer>Physical Layer|Data Link Layer|Transaction Layer), aer_agent=(?<agent>Receiver ID|Requester ID|Completer ID|Transmitter ID)/,
      /AER: aer_uncor_severity: (?<sev>0x[0-9a-fA-F]{8})/,
    ],
    severity: 'warning',
    title: 'A PCIe error handled by the firmware first (APEI/GHES) was passed to the kernel',
    cause:
      'on this system the firmware owns PCIe error reporting (firmware-first: _OSC did not give the OS control of AER). It caught an error, logged it as a hardware error record (the "[Hardware Error]" lines before), and the kernel now prints the AER registers from that record for the device named: which status bits are set and masked, the bit names, the layer and the agent that detected it. Corrected errors need no action unless they flood; uncorrectable ones are followed by the kernel\'s recovery of the devices below the port. A device assigned to a VM is reported to QEMU through vfio-pci, and for an uncorrectable error QEMU\'s vfio_err_notifier_handler() pauses the VM (run state internal-error) until it is reset or restarted',
    fix: 'read the "[nn] Name" bit lines and the device named; for link errors check the card, slot and riser and keep ASPM off on that link; for completion timeouts or unsupported requests on a passed-through device look at what the VM or host driver was doing (a reset the device does not survive, an access while it was in D3); the firmware\'s event log (BMC/IPMI SEL) has the same record',
    refine: (f) => {
      if (f.sev !== undefined)
        return {
          title: 'An uncorrectable PCIe error was reported by the firmware (firmware-first AER)',
          severity: 'error',
        };
      if (f.layer === 'Physical Layer')
        return {
          cause: `the firmware-first error record says the ${f.agent ?? 'receiver'} saw a Physical Layer error on the link: a bad symbol on the wire (signal integrity: the card, slot, riser or cable, or a link that drops out of a power-saving state badly). Occasional corrected ones are harmless; a flood, or one that comes with a device falling off the bus, points at the hardware of that link`,
        };
      if (f.layer === 'Data Link Layer')
        return {
          cause: `the firmware-first error record says the ${f.agent ?? 'transmitter'} saw a Data Link Layer error (a bad packet, a replay or a replay timeout): the link is retransmitting. Usually a marginal link (slot, riser, ASPM transitions); corrected ones are harmless unless they flood`,
        };
      if (f.layer === 'Transaction Layer')
        return {
          cause: `the firmware-first error record says a Transaction Layer error was detected by the ${f.agent ?? 'device'}: a request that timed out, was unsupported, poisoned, or violated ACS. These come from what the device or the software driving it did (an access to a device in reset or D3, a DMA the IOMMU or ACS refused), not from the wire`,
        };
      return undefined;
    },
    render: render('pcieport 0000:00:1c.0: AER: ', 0x1000, 0x6000),
    examples: [
      ex('pcieport 0000:60:03.1: AER: aer_status: 0x00001000, aer_mask: 0x00006000', {
        status: '0x00001000',
        bdf: '0000:60:03.1',
      }),
      ex('pcieport 0000:60:03.1: AER: aer_layer=Data Link Layer, aer_agent=Transmitter ID', {
        layer: 'Data Link Layer',
        agent: 'Transmitter ID',
      }),
      ex('igb 0000:09:00.1: AER: aer_layer=Transaction Layer, aer_agent=Requester ID', {
        layer: 'Transaction Layer',
      }),
      ex('igb 0000:09:00.1: AER: aer_uncor_severity: 0x00062011', { sev: '0x00062011' }),
    ],
  },

  {
    id: 'kernel.enum-ready-after',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_bus_wait_rrs() (older: pci_bus_wait_crs())',
    format: 'pci %04x:%02x:%02x.%d: ready after %dms\n',
    versions:
      'pr_info() with the address spelled out; newer kernels print it through pci_bus_info() with the same text. Printed only when the wait reached a second; the lines before it are "not ready after %dms; waiting"',
    patterns: [new RegExp(`pci ${BDF}: ready after (?<ms>\\d{1,6})ms`)],
    severity: 'info',
    title: 'A device that was slow to answer during a bus scan is now ready (harmless)',
    cause:
      'while the kernel scanned the bus (at boot, a rescan, a hot-add, or after a reset that re-enumerates the device) the device answered its config reads with Configuration Request Retry Status, meaning "still initialising"; the kernel kept retrying and the device has now answered, after the time shown. The device is enumerated normally. GPUs, FPGAs and some NVMe drives do this after power-up; a wait of several seconds after a reset is a sign the device\'s reset is slow, not that it failed',
    fix: "nothing to do; if it comes after each VM run and takes many seconds, the device's reset is slow (management tools and libvirt may time out before it is back): give the device time before restarting the VM",
    refine: (f) =>
      Number(f.ms) >= 10000
        ? {
            cause: `the device kept answering config reads with "retry, still initialising" for ${f.ms} ms before it answered, during a bus scan (boot, rescan, hot-add, or after a reset). It is enumerated now, but a wait of this length means the device takes very long to initialise: after a reset of a passed-through device, a VM or management tool that tries to use it sooner will fail`,
          }
        : undefined,
    render: render('', 0, 0x0c, 0, 0, 2047),
    examples: [
      ex('pci 0000:0c:00.0: ready after 2047ms', { bdf: '0000:0c:00.0', ms: '2047' }),
      ex('pci 0000:41:00.0: ready after 16383ms', { ms: '16383' }),
    ],
  },

  {
    id: 'kernel.pci-unknown-numa-node',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_register_host_bridge()',
    format: 'Unknown NUMA node; performance will be reduced\n',
    versions:
      'dev_warn() on the root bus ("pci_bus 0000:00: Unknown NUMA node; …"), printed only on machines with more than one NUMA node',
    patterns: [/pci_bus (?<bus>[0-9a-f]{4}:[0-9a-f]{2}): Unknown NUMA node; performance will be reduced/],
    severity: 'warning',
    title: 'The firmware does not say which NUMA node a PCI host bridge belongs to',
    cause:
      "the machine has several NUMA nodes (sockets, or sub-NUMA clusters), but the firmware gave this PCI root bus no proximity information (no _PXM in ACPI), so the kernel cannot place the devices below it on a node: their numa_node in sysfs reads -1 and drivers allocate memory without regard to locality. For device assignment it means the host cannot tell which node a GPU or NIC is attached to, so pinning the VM's vCPUs and memory to that node (for the best DMA and interrupt latency) has to be worked out by hand",
    fix: 'update the system firmware or enable its ACPI NUMA/SRAT options; meanwhile find the socket a device hangs off from the board manual or `lstopo` and pin the VM by hand (libvirt <numatune> and <vcpupin>); check `cat /sys/bus/pci/devices/ADDR/numa_node`',
    render: render('pci_bus 0000:00: '),
    examples: [ex('pci_bus 0000:00: Unknown NUMA node; performance will be reduced', { bus: '0000:00' })],
  },

  {
    id: 'kernel.pci-hotplug-bridge-no-bus',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_hp_add_bridge() (the busn_res line: pci_bus_insert_busn_res())',
    format: 'No bus number available for hot-added bridge\n',
    versions:
      'pci_err() (older pciehp printed its own "No bus number available for hot-added bridge %s" before); the same file prints "busn_res: can not insert %pR under %s%pR (conflicts with %s %pR)" when a bridge\'s bus range overlaps another',
    patterns: [
      /(?<what>No bus number available for hot-added bridge)/,
      /busn_res: (?<what>can not insert) (?<range>\[bus [0-9a-f]{2}(?:-[0-9a-f]{2})?\]) under/,
    ],
    severity: 'error',
    title: 'A hot-added bridge got no bus number: the devices behind it are unusable',
    cause:
      'a device containing a PCI bridge or switch was hot-added (a Thunderbolt dock, a switch or multi-device card in a hot-plug slot, or in a guest a QEMU hot-plug below a pcie-root-port), and every bus number in the range the upstream port owns is already taken. Without a bus number the kernel cannot reach anything behind the new bridge, so those devices do not appear. The bus numbers of a port are fixed when the firmware (or the kernel at boot) enumerated it; a port with nothing below at boot usually gets only one',
    fix: 'have the device present at boot so the firmware sizes the range, or reserve bus numbers for hot-plug: the kernel parameter pci=hpbussize=N on a host (and pci=realloc if the firmware left too little), or for a QEMU guest the pcie-root-port property bus-reserve=N (-device pcie-root-port,…,bus-reserve=N), which the guest firmware honours when it numbers the buses',
    refine: (f) =>
      f.what === 'can not insert'
        ? {
            title: "A bridge's bus-number range overlaps another and could not be recorded",
            severity: 'warning',
            cause: `the kernel tried to record the bus range ${f.range ?? ''} of a bridge under its parent's range, but it collides with a range already given to another bridge (the firmware or an earlier hot-plug numbered them inconsistently). The kernel then may renumber the bridge; if it cannot, "devices behind bridge are unusable" follows`,
          }
        : undefined,
    render: render('pci 0000:04:00.0: '),
    examples: [
      ex('pci 0000:04:00.0: No bus number available for hot-added bridge', {
        what: 'No bus number available for hot-added bridge',
      }),
      ex(
        'pci_bus 0000:05: busn_res: can not insert [bus 05-06] under [bus 04-05] (conflicts with (null) [bus 04-05])',
        { what: 'can not insert', range: '[bus 05-06]' },
      ),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/setup-res.c, setup-bus.c
  {
    id: 'kernel.pci-resource-expand-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_reassign_resource() (the "failed to add" line: drivers/pci/setup-bus.c reassign_resources_sorted())',
    format: '%s %pR: failed to expand by %#llx\n',
    versions:
      'newer kernels (the resource-name rework of the PCI log lines) name the resource ("BAR 15"→"bridge window", "VF BAR 0", "ROM"); before: "BAR %d: %pR (failed to expand by %#llx)" and "failed to add %llx res[%d]=%pR". The same function prints "%s %pR: reassigned; expanded by %#llx" (older "BAR %d: reassigned %pR (expanded by %#llx)") when it succeeds; 6.x setup-bus.c prints "%s %pR: failed to add %llx" / "failed to add optional %llx"',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|VF BAR \\d|bridge window|ROM) ${RANGE}: (?:failed to expand by|(?<expanded>reassigned; expanded by)) (?<add>0x[0-9a-f]{1,16})`,
      ),
      new RegExp(`BAR (?<bar>\\d{1,2}): ${RANGE} \\(failed to expand by (?<add>0x[0-9a-f]{1,16})\\)`),
      new RegExp(
        `BAR (?<bar>\\d{1,2}): (?<expanded>reassigned) ${RANGE} \\(expanded by (?<add>0x[0-9a-f]{1,16})\\)`,
      ),
      /failed to add (?<add>[0-9a-f]{1,16}) res\[(?<resno>\d{1,2})\]=/,
      new RegExp(
        `(?<res>BAR \\d{1,2}|VF BAR \\d|bridge window|ROM) ${RANGE}: failed to add (?:optional )?(?<add>[0-9a-f]{1,16})`,
      ),
    ],
    severity: 'warning',
    title: 'The kernel could not give a bridge window or BAR its optional extra space',
    cause:
      'while assigning PCI address space the kernel places every required BAR first and then tries to enlarge resources by optional amounts: hot-plug headroom for bridge windows, SR-IOV VF BARs, and sizes asked for by pci=realloc. This enlargement did not fit in the parent window, so the resource keeps its required size. What the extra room was for (a later hot-plug, enabling VFs, a larger BAR) will not fit; the devices present work',
    fix: 'if VFs, hot-plug or a large BAR are needed: enable Above 4G Decoding (and SR-IOV support) in the firmware setup so it reserves more space, or boot with pci=realloc; for space below hot-plug ports, pci=hpmmiosize=… / hpmmioprefsize=…',
    refine: refineExpand,
    render: render('pci 0000:00:01.0: ', 'bridge window', '[mem 0xf0200000-0xf04fffff]', 0x800000),
    examples: [
      ex('pci 0000:00:01.0: bridge window [mem 0xf0200000-0xf04fffff]: failed to expand by 0x800000', {
        res: 'bridge window',
        add: '0x800000',
      }),
      ex(
        'pci 0000:51:00.0: BAR 15: [mem 0x201c00000000-0x2021ffffffff 64bit pref] (failed to expand by 0x3e00000000)',
        { bar: '15', add: '0x3e00000000' },
      ),
      ex('pci 0000:03:00.0: failed to add 200000 res[7]=[mem 0x00000000-0x001fffff 64bit pref]', {
        resno: '7',
        add: '200000',
      }),
      ex(
        'pci 0000:00:1c.0: bridge window [mem 0xb0000000-0xb0ffffff 64bit pref]: reassigned; expanded by 0x200000',
        {
          expanded: 'reassigned; expanded by',
        },
      ),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/quirks.c
  {
    id: 'kernel.pci-pm-link-quirk',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pci_create_device_link() (from quirk_gpu_hda(), quirk_gpu_usb(), quirk_gpu_usb_typec_ucsi())',
    format: 'D0 power state depends on %s\n',
    versions:
      'first for the HDA function of AMD and NVIDIA GPUs, later also their USB and USB-C (UCSI) functions; quirk_d3hot_delay() in the same file prints "extending delay after power-on from D3hot to %d msec"',
    patterns: [
      new RegExp(`D0 power state depends on ${BDF}`),
      /(?<delay>extending delay after power-on from D3hot) to (?<ms>\d{1,4}) msec/,
    ],
    severity: 'info',
    title: "A GPU's audio (or USB) function was tied to the GPU for power management (harmless)",
    cause:
      'a PCI quirk linked this function (the HDMI/DP audio controller, or the USB/USB-C controller, of a GPU) to the GPU function it names, so runtime power management wakes the GPU before the audio function and keeps it awake while the audio function is in use (the audio codec needs the GPU powered). It is printed at boot, and again after a rescan, for practically every discrete GPU with audio. It changes nothing for device assignment: the functions of one GPU are normally in one IOMMU group and go to the VM together',
    fix: 'nothing to do; pass all functions of the GPU to the VM together (both bound to vfio-pci)',
    refine: (f) =>
      f.delay
        ? {
            title: 'A device got a longer wake-up delay from D3hot by a quirk (harmless)',
            cause: `the device is known to need more time after it is powered back from D3hot than the 10 ms the PCI spec allows, so a quirk makes the kernel wait ${f.ms ?? '20'} ms before touching it (some AMD GPUs, their audio functions and some AMD USB controllers). It only lengthens resume and reset a little; without it the device could be read too early and look absent`,
            fix: 'nothing to do',
          }
        : undefined,
    render: render('pci 0000:01:00.1: ', '0000:01:00.0'),
    examples: [
      ex('pci 0000:01:00.1: D0 power state depends on 0000:01:00.0', { bdf: '0000:01:00.0' }),
      ex('pci 0000:04:00.3: extending delay after power-on from D3hot to 20 msec', { ms: '20' }),
    ],
  },

  {
    id: 'kernel.pci-fixup-slow',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c fixup_debug_report()',
    format: '%pS took %lld usecs\n',
    versions:
      'printed for any PCI fixup (quirk) that ran longer than about 10 ms, or for every fixup with initcall_debug (then preceded by "calling  %pS @ %i"); older kernels printed the function with %pF, same text; the time is nanoseconds shifted right by 10 (about µs), and the threshold 10000 of them is about 10 ms',
    patterns: [
      // %pS prints "name+0xOFF/0xSIZE"; the test renderer leaves the S of %pS behind the size, hence S?.
      new RegExp(`: ${FUNC_NAME}\\+0x[0-9a-f]{1,8}\\/0x[0-9a-f]{1,8}S? took (?<us>\\d{1,10}) usecs`),
    ],
    severity: 'info',
    title: 'A PCI quirk took more than 10 ms while a device was set up (harmless)',
    cause:
      "the PCI core runs device-specific fixups (quirks) while it enumerates a device, at boot or on a rescan, and reports any that took longer than about 10 ms with the fixup's name and time. It is a timing note, not an error: the quirk completed and the device was set up",
    fix: 'nothing to do; it only matters if boot or a rescan is noticeably slow, and then the named quirk is the place it went',
    refine: (f) => {
      if (f.func === 'quirk_usb_early_handoff')
        return {
          cause: `the USB controller quirk took over the controller from the firmware's legacy USB support (BIOS keyboard/mouse emulation), which the firmware answers slowly: ${f.us} µs. Common on many boards and harmless; it only adds that much to boot. A USB controller passed to a VM goes through it too when it is rescanned`,
        };
      if (Number(f.us) >= 1000000)
        return {
          cause: `the quirk ${f.func} took ${f.us} µs, over a second, while the device was set up: typically it waits for the device to become ready (after a power-up or a reset it triggers). The device was set up, but this is where boot or a rescan around a device reset spends its time`,
        };
      return undefined;
    },
    render: render('pci 0000:00:14.0: ', 'quirk_usb_early_handoff+0x0/0x790', 20060),
    examples: [
      ex('pci 0000:00:14.0: quirk_usb_early_handoff+0x0/0x790 took 20060 usecs', {
        func: 'quirk_usb_early_handoff',
        us: '20060',
      }),
      ex('pci 0000:01:00.0: quirk_nvidia_hda+0x0/0x150 took 1130521 usecs', { us: '1130521' }),
    ],
  },

  {
    id: 'kernel.aer-recover-no-device',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_recover_work_func() (the overflow line: aer_recover_queue())',
    format: 'no pci_dev for %04x:%02x:%02x.%x\n',
    versions:
      'pr_err() in aer.c, whose pr_fmt adds the "AER: " prefix; older kernels printed "AER recover: Can not find pci_dev for %04x:%02x:%02x:%x" (with a colon before the function in some), and the 2025 AER rate-limiting rework changed it to a rate-limited "%04x:%02x:%02x.%x: no pci_dev found". The queue-full line is "buffer overflow in recovery for %04x:%02x:%02x.%x" (older: "AER recover: Buffer overflow when recovering AER for …")',
    patterns: [
      /no pci_dev for (?<addr>[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/,
      /AER: (?<addr>[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]): no pci_dev found/,
      /AER recover: Can not find pci_dev for (?<addr>[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}[.:][0-7])/,
      /(?<overflow>buffer overflow in recovery for|AER recover: Buffer overflow when recovering AER for) (?<addr>[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}[.:][0-7])/,
    ],
    severity: 'warning',
    title: 'The firmware reported a PCIe error for a device the kernel does not have',
    cause:
      'with firmware-first error handling (APEI/GHES) the firmware hands each PCIe error record to the kernel, which looks the device up to print its AER registers and run recovery. No device with this address exists in the kernel: it was removed (hot-unplug, `echo 1 > …/remove`, or it dropped off the bus after an earlier error), or it was never enumerated. The record is skipped and no recovery runs for it. If the address is a device that should be there, it has fallen off the bus',
    fix: "check whether the device is present (`lspci -s ADDR`); if it is missing, the error and its disappearance belong together: read the firmware's hardware-error lines and the BMC/IPMI log, then reseat or power-cycle; a device passed to a VM that vanished this way has to be brought back (`echo 1 > /sys/bus/pci/rescan`) before the VM can use it again",
    refine: (f) =>
      f.overflow
        ? {
            title: 'PCIe error records from the firmware arrived faster than the kernel could recover them',
            cause: `the queue of firmware-first PCIe error records waiting for recovery was full when another one arrived (for ${f.addr}), so it was dropped: an error storm. The device is reporting errors continuously (a failing link or device); some of them are not recovered`,
            fix: 'find the device in the lines before it and treat it as failing hardware (link, card, slot, riser); if it is passed to a VM, stop the VM and check the device on the host',
          }
        : undefined,
    render: render('AER: ', 0, 3, 0, 0),
    examples: [
      ex('AER: no pci_dev for 0000:03:00.0', { addr: '0000:03:00.0' }),
      ex('AER recover: Can not find pci_dev for 0000:05:00:0', { addr: '0000:05:00:0' }),
      ex('AER: buffer overflow in recovery for 0000:03:00.0', { addr: '0000:03:00.0' }),
    ],
  },
];

/** Further wordings the entries above recognise, for the coverage ledger. */
export const PCI_TREE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.sriov-vf-bar-space',
    file: 'torvalds/linux drivers/pci/iov.c',
    format: '%s %pR: contains BAR %d for %d VFs',
    text: 'pci 0000:3b:00.0: VF BAR 0 [mem 0x38000000000-0x38003ffffff 64bit pref]: contains BAR 0 for 64 VFs',
  },
  {
    id: 'kernel.aer-tlp-header',
    file: 'torvalds/linux drivers/pci/pcie/tlp.c',
    format: '%sTLP Header: 0x%08x 0x%08x 0x%08x 0x%08x%s',
    text: 'pcieport 0000:00:1c.0:   TLP Header: 0x04000001 0x0000000f 0xe0000000 0x00000000',
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: "can't override BIOS ASPM; OS doesn't have ASPM control",
    text: "e1000e 0000:00:1f.6: can't override BIOS ASPM; OS doesn't have ASPM control",
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: "disabling ASPM on pre-1.1 PCIe device.  You can enable it with 'pcie_aspm=force'",
    text: "pci 0000:03:00.0: disabling ASPM on pre-1.1 PCIe device.  You can enable it with 'pcie_aspm=force'",
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'PCIe ASPM is disabled',
    text: 'PCIe ASPM is disabled',
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'PCIe ASPM is forcibly enabled',
    text: 'PCIe ASPM is forcibly enabled',
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'ASPM: Could not configure common clock',
    text: 'pcieport 0000:00:1c.4: ASPM: Could not configure common clock',
  },
  {
    id: 'kernel.pcie-aspm-no-control',
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: "ACPI FADT declares the system doesn't support PCIe ASPM, so disable it",
    text: "ACPI FADT declares the system doesn't support PCIe ASPM, so disable it",
  },
  {
    id: 'kernel.pci-msi-mode-conflict',
    file: 'torvalds/linux drivers/pci/msi/msi.c',
    format: "can't enable MSI-X (MSI already enabled)",
    text: "mlx5_core 0000:5e:00.2: can't enable MSI-X (MSI already enabled)",
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Firmware failed to locate DPC port',
    text: 'pcieport 0000:00:1d.0: EDR: Firmware failed to locate DPC port',
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: "This device doesn't support DPC",
    text: "pcieport 0000:00:1d.0: EDR: [Firmware Bug]: This device doesn't support DPC",
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Invalid DPC trigger %#010x',
    text: 'pcieport 0000:00:1d.0: EDR: Invalid DPC trigger 0x00000000',
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Locate Port _DSM returned non integer',
    text: 'pcieport 0000:00:1d.0: EDR: [Firmware Bug]: Locate Port _DSM returned non integer',
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Enable DPC _DSM failed to enable DPC',
    text: 'pcieport 0000:00:1c.0: EDR: Enable DPC _DSM failed to enable DPC',
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Enable DPC _DSM returned non integer',
    text: 'pcieport 0000:00:1c.0: EDR: [Firmware Bug]: Enable DPC _DSM returned non integer',
  },
  {
    id: 'kernel.pcie-edr-event',
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'Failed to install notify handler',
    text: 'pcieport 0000:00:1c.0: EDR: Failed to install notify handler',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] failed to cache protocols : %d',
    text: 'pci 0000:01:00.0: DOE: [160] failed to cache protocols : -5',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] failed to create mailbox: %ld',
    text: 'pci 0000:01:00.0: DOE: [160] failed to create mailbox: -5',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] failed to insert mailbox: %d',
    text: 'pci 0000:01:00.0: DOE: [160] failed to insert mailbox: -12',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] ABORT timed out',
    text: 'pci 0000:01:00.0: DOE: [160] ABORT timed out',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] Abort failed marking mailbox dead',
    text: 'pci 0000:01:00.0: DOE: [160] Abort failed marking mailbox dead',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] busy detected; another entity is sending conflicting requests',
    text: 'pci 0000:0d:00.0: DOE: [150] busy detected; another entity is sending conflicting requests',
  },
  {
    id: 'kernel.pci-doe-mailbox-failed',
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] expected [VID, Protocol] = [%04x, %02x], got [%04x, %02x]',
    text: 'pci 0000:0d:00.0: DOE: [150] expected [VID, Protocol] = [0001, 00], got [1e98, 02]',
  },
  {
    id: 'kernel.warn-pcie-bwctrl-speed',
    file: 'torvalds/linux drivers/pci/pcie/bwctrl.c',
    format: 'WARNING: CPU: %d PID: %d at %s:%d %pS',
    text: 'WARNING: CPU: 1 PID: 1 at drivers/pci/pcie/bwctrl.c:168 pcie_set_target_speed+0x1a/0x40',
  },
  {
    id: 'kernel.pcie-recovery-reset-failed',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'root port still busy',
    text: 'pcieport 0000:00:1c.0: DPC: root port still busy',
  },
  {
    id: 'kernel.pcie-recovery-reset-failed',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'DPC root port still busy',
    text: 'dpc 0000:00:1c.0:pcie010: DPC root port still busy',
  },
  {
    id: 'kernel.pcie-recovery-reset-failed',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'Data Link Layer Link Active not cleared in 1000 msec',
    text: 'pcieport 0000:00:1c.0: DPC: Data Link Layer Link Active not cleared in 1000 msec',
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'rp_pio_status: %#010x, rp_pio_mask: %#010x',
    text: 'pcieport 0000:00:1c.0: DPC: rp_pio_status: 0x00040000, rp_pio_mask: 0x00000000',
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'RP PIO severity=%#010x, syserror=%#010x, exception=%#010x',
    text: 'pcieport 0000:00:1c.0: DPC: RP PIO severity=0x00070707, syserror=0x00000000, exception=0x00000000',
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'TLP Header: %#010x %#010x %#010x %#010x',
    text: 'pcieport 0000:00:1c.0: DPC: TLP Header: 0x00000001 0x0000000f 0xe0000000 0x00000000',
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'RP PIO ImpSpec Log %#010x',
    text: 'pcieport 0000:00:1c.0: DPC: RP PIO ImpSpec Log 0x00000000',
  },
  {
    id: 'kernel.dpc-rp-pio-error',
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'TLP Prefix Header: dw%d, %#010x',
    text: 'pcieport 0000:00:1c.0: DPC: TLP Prefix Header: dw0, 0x00000000',
  },
  {
    id: 'kernel.sriov-no-configure',
    file: 'torvalds/linux drivers/pci/iov.c',
    format: 'no driver bound to device; cannot configure SR-IOV',
    text: 'pci 0000:03:00.0: no driver bound to device; cannot configure SR-IOV',
  },
  {
    id: 'kernel.sriov-no-mmio',
    file: 'torvalds/linux drivers/pci/iov.c',
    format: "can't enable %d VFs (bus %02x out of range of %pR)",
    text: "ixgbe 0000:03:00.0: can't enable 64 VFs (bus 04 out of range of [bus 03])",
  },
  {
    id: 'kernel.pciehp-power-fault',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Power fault',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Power fault',
  },
  {
    id: 'kernel.pciehp-add-failed',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_pci.c',
    format: 'No new device found',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): No new device found',
  },
  {
    id: 'kernel.pciehp-slot-state',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Already disabled',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Already disabled',
  },
  {
    id: 'kernel.pciehp-slot-state',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Already in powering on state',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Already in powering on state',
  },
  {
    id: 'kernel.pciehp-slot-state',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Already in powering off state',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Already in powering off state',
  },
  {
    id: 'kernel.pciehp-slot-state',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Latch open',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Latch open',
  },
  {
    id: 'kernel.pciehp-slot-state',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Invalid state %#x',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(1): Invalid state 0x4',
  },
  {
    id: 'kernel.pci-mps-configured',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "Upstream bridge's Max Payload Size set to %d (was %d, max %d)",
    text: "pci 0000:01:00.0: Upstream bridge's Max Payload Size set to 128 (was 256, max 256)",
  },
  {
    id: 'kernel.pci-mps-configured',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'can\'t set Max Payload Size to %d; if necessary, use "pci=pcie_bus_safe" and report a bug',
    text: 'pci 0000:03:00.0: can\'t set Max Payload Size to 512; if necessary, use "pci=pcie_bus_safe" and report a bug',
  },
  {
    id: 'kernel.pci-mps-configured',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Max Payload Size set to %4d/%4d (was %4d), Max Read Rq %4d',
    text: 'pci 0000:01:00.0: Max Payload Size set to  256/ 512 (was  128), Max Read Rq  512',
  },
  {
    id: 'kernel.aer-firmware-first-report',
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: 'aer_layer=%s, aer_agent=%s',
    text: 'pcieport 0000:c9:02.0: AER: aer_layer=Transaction Layer, aer_agent=Receiver ID',
  },
  {
    id: 'kernel.aer-firmware-first-report',
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: 'aer_uncor_severity: 0x%08x',
    text: 'pcieport 0000:c9:02.0: AER: aer_uncor_severity: 0x00463010',
  },
  {
    id: 'kernel.pci-mps-configured',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Failed attempting to set the MRRS',
    text: 'pci 0000:03:00.0: Failed attempting to set the MRRS',
  },
  {
    id: 'kernel.pci-hotplug-bridge-no-bus',
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: can not insert %pR under %s%pR (conflicts with %s %pR)',
    text: 'pci_bus 0000:05: busn_res: can not insert [bus 05-06] under [bus 04-05] (conflicts with (null) [bus 04-05])',
  },
  {
    id: 'kernel.pci-resource-expand-failed',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: '%s %pR: reassigned; expanded by %#llx',
    text: 'pci 0000:00:1c.0: bridge window [mem 0xb0000000-0xb0ffffff 64bit pref]: reassigned; expanded by 0x200000',
  },
  {
    id: 'kernel.pci-resource-expand-failed',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'BAR %d: %pR (failed to expand by %#llx)',
    text: 'pci 0000:08:00.0: BAR 13: [io  0x2000-0x2fff] (failed to expand by 0x1000)',
  },
  {
    id: 'kernel.pci-resource-expand-failed',
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: 'BAR %d: reassigned %pR (expanded by %#llx)',
    text: 'pci 0000:08:00.0: BAR 13: reassigned [io  0x2000-0x2fff] (expanded by 0x1000)',
  },
  {
    id: 'kernel.pci-resource-expand-failed',
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: 'failed to add %llx res[%d]=%pR',
    text: 'pci 0000:08:00.0: failed to add 1000 res[13]=[io  0x2000-0x2fff]',
  },
  {
    id: 'kernel.pci-resource-expand-failed',
    file: 'torvalds/linux drivers/pci/setup-bus.c',
    format: '%s %pR: failed to add optional %llx',
    text: 'pci 0000:00:00.0: bridge window [mem 0xf0200000-0xf04fffff]: failed to add optional 800000',
  },
  {
    id: 'kernel.pci-pm-link-quirk',
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'extending delay after power-on from D3hot to %d msec',
    text: 'pci 0000:04:00.3: extending delay after power-on from D3hot to 20 msec',
  },
  {
    id: 'kernel.pci-msi-mode-conflict',
    file: 'torvalds/linux drivers/pci/msi.c',
    format: "can't enable MSI-X (MSI IRQ already assigned)",
    text: "ixgbe 0000:03:00.0: can't enable MSI-X (MSI IRQ already assigned)",
  },
  {
    id: 'kernel.aer-recover-no-device',
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: 'buffer overflow in recovery for %04x:%02x:%02x.%x',
    text: 'AER: buffer overflow in recovery for 0000:03:00.0',
  },
  {
    id: 'kernel.aer-recover-no-device',
    file: 'torvalds/linux drivers/pci/pcie/aer.c',
    format: 'AER recover: Can not find pci_dev for %04x:%02x:%02x:%x',
    text: 'AER recover: Can not find pci_dev for 0000:05:00:0',
  },
];

const DBG = 'pci_dbg(): printed only with dynamic debug enabled';
const HPX =
  "the firmware's _HPX/_HPP hot-plug parameters for a device use a record type or revision the kernel does not implement; it keeps its defaults for that device, which does not affect device assignment";
const ARM64_CRS =
  'arm64 only (CONFIG_PCI_QUIRKS on ARM64): the ACPI resources of a vendor host controller that needs an MCFG quirk; not met on x86 passthrough hosts';

/** Strings of the swept files left out, with the reason. */
export const PCI_TREE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  // ats.c, msi/api.c, msi/irqdomain.c: no text
  {
    file: 'torvalds/linux drivers/pci/ats.c',
    format:
      'WARN_ON(dev->ats_enabled), WARN_ON(pdev->pri_enabled), WARN_ON(pdev->pasid_enabled) and their disable counterparts',
    why: 'the file prints no text; these bare asserts fire only when an IOMMU driver enables or disables ATS/PRI/PASID twice, a kernel bug shown by its stack trace',
  },
  {
    file: 'torvalds/linux drivers/pci/msi/api.c',
    format:
      'WARN_ON(affd) in pci_alloc_irq_vectors_affinity(), WARN_ON_ONCE in pci_msix_free_irq() and pci_irq_get_affinity()',
    why: 'the file prints no text; bare asserts on a driver passing inconsistent arguments, a bug of that driver',
  },
  {
    file: 'torvalds/linux drivers/pci/msi/irqdomain.c',
    format: 'WARN_ON(info->flags & MSI_FLAG_LEVEL_CAPABLE) in pci_msi_create_irq_domain()',
    why: 'the file prints no text; an interrupt-controller driver declaring level-triggered PCI/MSI, caught at boot: a bug of that driver',
  },
  // msi/msi.c
  {
    file: 'torvalds/linux drivers/pci/msi/msi.c',
    format: 'arch assigned 64-bit MSI address %#x%08x but device only supports 32 bits',
    why: 'only where the MSI doorbell lies above 4 GB (POWER, some arm64 interrupt translation services); on x86 the MSI address is always 0xfeexxxxx, so a device limited to 32-bit MSI never meets it',
  },
  {
    file: 'torvalds/linux drivers/pci/msi/msi.c',
    format:
      'WARN_ON_ONCE(dev->msi_enabled) / WARN_ON_ONCE(dev->msix_enabled) in __pci_enable_msi_range() / __pci_enable_msix_range()',
    why: 'a driver enabling the same interrupt mode twice: a bug of that driver, named by the stack trace',
  },
  // pci-acpi.c
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'PCI settings rev %d not supported; using defaults',
    why: HPX,
  },
  { file: 'torvalds/linux drivers/pci/pci-acpi.c', format: 'PCI-X settings not supported', why: HPX },
  { file: 'torvalds/linux drivers/pci/pci-acpi.c', format: 'PCIe settings rev %d not supported', why: HPX },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: '%s: Type 0 Revision %d record not supported',
    why: HPX,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: '%s: Type 1 Revision %d record not supported',
    why: HPX,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: '%s: Type 2 Revision %d record not supported',
    why: HPX,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: '%s: Type 3 Revision %d record not supported',
    why: HPX,
  },
  { file: 'torvalds/linux drivers/pci/pci-acpi.c', format: '%s: Type %d record not supported', why: HPX },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'Encountered _HPX type 3 with unsupported config space location',
    why: HPX,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'Applied _HPX3 at [0x%x]: 0x%08x -> 0x%08x',
    why: DBG,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'power state changed by ACPI to %s',
    why: 'pci_dbg() in current kernels (dev_info() in 3.x), a routine power transition; the failed transitions are covered by the pci.c power-state entries',
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'failed to parse _CRS method, error code %d',
    why: ARM64_CRS,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: 'no IO and memory resources present in _CRS',
    why: ARM64_CRS,
  },
  {
    file: 'torvalds/linux drivers/pci/pci-acpi.c',
    format: "can't find _HID %s device to locate resources",
    why: ARM64_CRS,
  },
  { file: 'torvalds/linux drivers/pci/pci-acpi.c', format: "can't get resource from %s", why: ARM64_CRS },
  // pcie/aspm.c
  {
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'ASPM: current common clock configuration is inconsistent, reconfiguring',
    why: 'routine boot line: the kernel fixes a clock setting the firmware left half-done; only the failure ("Could not configure common clock") is worth explaining and is covered',
  },
  {
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'no suspend buffer for LTR; ASPM issues possible after resume',
    why: 'follows a failed boot-time allocation of the save buffer (out of memory); a suspend/resume concern, not passthrough',
  },
  {
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: 'unable to allocate ASPM L1SS save buffer (%pe)',
    why: 'boot-time kmalloc failure (out of memory); not specific to passthrough',
  },
  {
    file: 'torvalds/linux drivers/pci/pcie/aspm.c',
    format: '%s: Invalid T_PwrOn scale: %u',
    why: 'a device advertising a reserved value in its L1 PM Substates capability; the kernel uses 0 and only L1.2 timing is affected',
  },
  { file: 'torvalds/linux drivers/pci/pcie/aspm.c', format: 're-enabling LTR', why: DBG },
  // pcie/ptm.c
  {
    file: 'torvalds/linux drivers/pci/pcie/ptm.c',
    format: 'PTM enabled%s, %s granularity',
    why: 'routine boot line for ports and devices supporting Precision Time Measurement; says nothing about a problem',
  },
  // pcie/edr.c
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'Status for %s: %#x', why: DBG },
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'Reported EDR dev: %s', why: DBG },
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'DPC port successfully recovered', why: DBG },
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'DPC port recovery failed', why: DBG },
  {
    file: 'torvalds/linux drivers/pci/pcie/edr.c',
    format: 'No valid ACPI node, skipping EDR init',
    why: DBG,
  },
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'Notify handler installed', why: DBG },
  { file: 'torvalds/linux drivers/pci/pcie/edr.c', format: 'Notify handler removed', why: DBG },
  // pcie/portdrv.c
  {
    file: 'torvalds/linux drivers/pci/pcie/portdrv.c',
    format: '%s detected: will not use MSI for PCIe PME signaling',
    why: 'a DMI quirk for one laptop model (MSI Wind U-100); not met on passthrough hosts',
  },
  // pcie/bwctrl.c
  { file: 'torvalds/linux drivers/pci/pcie/bwctrl.c', format: 'enabled with IRQ %d', why: DBG },
  // tph.c
  {
    file: 'torvalds/linux drivers/pci/tph.c',
    format: 'PCIe TPH is disabled',
    why: 'echo of the notph kernel parameter (TLP Processing Hints, newer kernels); only some NIC drivers use TPH and nothing about device assignment depends on it',
  },
  {
    file: 'torvalds/linux drivers/pci/tph.c',
    format: 'get steering tag: mem_type=%s, cpu_uid=%d, tag=%#04x',
    why: DBG,
  },
  {
    file: 'torvalds/linux drivers/pci/tph.c',
    format: 'set steering tag: %s table, index=%d, tag=%#04x',
    why: DBG,
  },
  // doe.c
  {
    file: 'torvalds/linux drivers/pci/doe.c',
    format: '[%x] failed to allocate work queue',
    why: 'boot-time allocation failure (out of memory); the mailbox is skipped as in the covered failures',
  },
  { file: 'torvalds/linux drivers/pci/doe.c', format: '[%x] Issuing Abort', why: DBG },
  { file: 'torvalds/linux drivers/pci/doe.c', format: '[%x] Found protocol %d vid: %x prot: %x', why: DBG },
  // pcie/dpc.c
  {
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'enabled with IRQ %d',
    why: 'routine boot line of the DPC service on each port that has it',
  },
  {
    file: 'torvalds/linux drivers/pci/pcie/dpc.c',
    format: 'request IRQ%d failed: %d',
    why: 'the DPC service could not get its interrupt at boot and is not used on that port; errors there are then handled by AER alone, nothing about device assignment changes',
  },
  // hotplug/pciehp_*.c
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_pci.c',
    format: 'Device %s already exists at %04x:%02x:00, skipping hot-add',
    why: 'ctrl_dbg() since 4.x (printed only with pciehp.pciehp_debug or dynamic debug); the device is kept and nothing fails',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_core.c',
    format: 'Slot already registered by another hotplug driver',
    why: 'boot line when the firmware-driven acpiphp (or another hot-plug driver) owns the slot; hot-plug still works through that driver',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_core.c',
    format: 'Slot initialization failed (%d)',
    why: 'pciehp could not register a slot at boot (out of memory, or a sysfs slot name clash); the port then has no native hot-plug, which the setup checks do not depend on',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_core.c',
    format: 'pci_hp_initialize failed: error %d',
    why: 'the registration failure detailed by "Slot initialization failed"; same reason',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_core.c',
    format: 'Controller initialization failed',
    why: 'pciehp could not set up a port at boot (out of memory); the port has no native hot-plug',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_core.c',
    format: 'Notification initialization failed',
    why: "pciehp could not get the port's interrupt at boot; the port has no native hot-plug",
  },
  // probe.c
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "ignoring class %#08x (doesn't match header type %02x)",
    why: 'a device whose class code says bridge but whose header is not (or the reverse); the kernel ignores the class. A hardware quirk of rare devices, not met on the passthrough path',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: %pR end %s updated to %02x',
    why: 'routine bus-number bookkeeping while a bridge is scanned; the failures about bus numbers are covered',
  },
  // quirks.c
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'Disable Relaxed Ordering Attributes to avoid PCIe Completion erratum',
    why: 'boot line of a root-port quirk (some Intel Xeon E5 and AMD A1100 ports): devices below stop using Relaxed Ordering; only a throughput effect, nothing for the passthrough setup',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PME# does not work under D3, disabling it',
    why: 'boot line of a quirk for devices whose wake-up signal fails in D3; a suspend/wake-on-LAN concern, not device assignment',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'claims to be downstream port but is acting as upstream port, correcting type',
    why: 'the kernel corrects a switch port that reports the wrong port type (and the reverse wording); a routine fix-up with nothing to act on',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: "Relaxed Ordering disabled because the Root Port didn't support it",
    why: 'follows the root-port Relaxed Ordering quirk; only a throughput effect on the device',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'disabling Extended Tags',
    why: 'a host bridge quirk for hierarchies where some device mishandles Extended Tags; routine, the device works with 5-bit tags',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'config space:',
    why: 'the hex dump of config space printed only with pci=earlydump, a debugging option',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'BAR %d %pR: legacy IDE quirk',
    why: 'fixed legacy I/O ranges of an IDE controller in compatibility mode; not met with passthrough devices',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'failed to add bus: %d',
    why: 'a host-controller driver (mostly arm64/embedded) failing its add_bus hook, shown with a WARN; not met on x86 passthrough hosts',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'busn_res: %pR %s released',
    why: 'routine bus-number bookkeeping when a bridge is removed',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'No busn resource found for root bus, will use [bus %02x-ff]',
    why: 'routine boot line of host bridges whose firmware gives no bus range (common with QEMU and embedded hosts); the kernel uses the full range',
  },
  {
    file: 'torvalds/linux drivers/pci/probe.c',
    format: 'Scanning root bridge failed',
    why: 'a native host-controller driver (arm64/embedded) failing to scan its bus; not met on x86 passthrough hosts',
  },
  // setup-res.c
  {
    file: 'torvalds/linux drivers/pci/setup-res.c',
    format: "%s %pR: can't reassign; unassigned resource",
    why: 'pci_reassign_resource() asked to enlarge a resource that was never assigned (older: "BAR %d: can\'t reassign an unassigned resource %pR"); the "can\'t assign; no space" line before it is the one explained',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'mask Replay Timer Timeout Correctable Errors due to %s hardware defect',
    why: 'boot line of a quirk that masks a known-spurious correctable AER error on the port above certain devices; it removes noise, nothing to act on',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PME# does not work under D0, disabling it',
    why: 'boot line of a quirk for devices whose wake-up signal misfires in D0; a suspend concern, not device assignment',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'PCI: CLS %i bytes, default %i',
    why: 'routine boot line with the cache line size the kernel uses for PCI devices',
  },
  {
    file: 'torvalds/linux drivers/pci/quirks.c',
    format: 'calling  %pS @ %i',
    why: 'printed only with the initcall_debug boot option, before each fixup; the timing line after it is covered',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c',
    format: 'Cannot get irq %d for the hotplug controller',
    why: 'pciehp could not request the port\'s interrupt at boot (followed by "Notification initialization failed"); the port then has no native hot-plug, which the setup checks do not depend on',
  },
];
