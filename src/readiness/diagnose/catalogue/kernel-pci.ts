/**
 * Linux PCI core messages beyond reset and BAR assignment failures: resource reallocation hints,
 * enumeration lines people paste next to their error (harmless), hotplug link events, AER detail
 * lines and recovery steps, DPC reasons, and the spurious-interrupt lines a shared INTx causes.
 * Format strings from torvalds/linux drivers/pci/ (probe.c, setup-bus.c, setup-res.c, pci.c,
 * pcie/aer.c, pcie/err.c, pcie/dpc.c, hotplug/pciehp_ctrl.c) and kernel/irq/spurious.c.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, RANGE, render } from './build.js';
import { refineAerStatus } from './refinements.js';

const PCI = 'pci 0000:01:00.0: ';
const PORT = 'pcieport 0000:00:01.1: ';

export const KERNEL_PCI_ENTRIES: CatalogueEntry[] = [
  // ---- resource assignment (drivers/pci/setup-bus.c, setup-res.c) ----
  {
    id: 'kernel.pci-realloc-hint',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-bus.c pci_assign_unassigned_root_bus_resources()',
    format: 'Some PCI device resources are unassigned, try booting with pci=realloc\n',
    patterns: [/Some PCI device resources are unassigned, try booting with pci=realloc/],
    severity: 'warning',
    title: 'Some BARs got no address at boot',
    cause:
      'the firmware left BARs (often the large 64-bit BAR of a GPU, or an SR-IOV VF BAR) without an address and the kernel could not fit them into the bridge windows the firmware set up; a device with an unassigned BAR cannot be enabled, so vfio-pci or its host driver fails on it',
    fix: 'enable "Above 4G decoding" (and Resizable BAR if the card needs it) in the firmware; otherwise boot with pci=realloc (or pci=realloc,hpmmiosize=…); the lines "BAR N: no space for" / "can\'t assign; no space" name the device',
    render: render('pci_bus 0000:00: '),
    examples: [
      ex(
        '[    0.412345] pci_bus 0000:00: Some PCI device resources are unassigned, try booting with pci=realloc',
      ),
    ],
  },
  {
    id: 'kernel.pci-realloc-auto',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-bus.c pci_realloc_detect() / pci_assign_unassigned_root_bus_resources()',
    format: 'Automatically enabled pci realloc, if you have problem, try booting with pci=realloc=off\n',
    patterns: [/Automatically enabled pci realloc, if you have problem/],
    severity: 'info',
    title: 'The kernel re-assigned PCI resources itself',
    cause:
      'the kernel found BARs (typically SR-IOV BARs) that the firmware did not size for, and re-did the bridge windows itself; harmless when the next lines show no "no space" or "failed to assign"',
    fix: 'nothing to do unless a device then fails to enable; then try pci=realloc=off or enable "Above 4G decoding" in the firmware',
    render: render('pci_bus 0000:00: '),
    examples: [
      ex(
        'pci_bus 0000:00: Automatically enabled pci realloc, if you have problem, try booting with pci=realloc=off',
      ),
    ],
  },
  {
    id: 'kernel.pci-realloc-try',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-bus.c pci_assign_unassigned_root_bus_resources()',
    format: 'PCI: No. %d try to assign unassigned res\n',
    patterns: [/PCI: No\. (?<try>\d{1,2}) try to assign unassigned res/],
    severity: 'info',
    title: 'The kernel retries BAR assignment after releasing bridge windows',
    cause:
      'a first pass left BARs without an address; the kernel releases the bridge windows and tries again (up to a few times). Harmless if no "failed to assign"/"no space" line follows',
    fix: 'look at the lines after it: only a BAR still unassigned at the end matters (then enable "Above 4G decoding", or boot with pci=realloc)',
    render: render('', 1),
    examples: [ex('[    0.912345] PCI: No. 2 try to assign unassigned res', { try: '2' })],
  },
  {
    id: 'kernel.bar-update-error',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_std_update_resource()',
    format: 'BAR %d: error updating (%#010x != %#010x)\n',
    versions:
      'Linux 6.8+: "BAR 0 [mem …]: error updating (…)"; also "(high %#010x != %#010x)" for the upper half',
    patterns: [
      /BAR (?<bar>\d{1,2})(?: \[[^\]\n]{1,100}\])?: error updating \((?:high )?(?<wrote>0x[0-9a-fA-F]{1,8}) != (?<read>0x[0-9a-fA-F]{1,8})\)/,
    ],
    severity: 'error',
    title: 'A BAR address did not stick',
    cause:
      'the kernel wrote a new address into the BAR and read back something else: the device is not answering config space (reads all ones: powered off, fallen off the bus, or stuck after a failed reset) or it does not implement the BAR as it advertised',
    fix: 'if the read value is 0xffffffff the device is gone: power-cycle the host (and see the reset entries); otherwise report the device as a quirk candidate',
    refine: (f) =>
      /^0xf{8}$/i.test(f.read ?? '')
        ? {
            cause:
              'the read-back is all ones: the device no longer answers config space (powered off in D3cold, fallen off the bus, or stuck after a failed reset), so the BAR could not be programmed',
          }
        : undefined,
    render: render('vfio-pci 0000:01:00.0: ', 0, 0xf6000000, 0xffffffff),
    examples: [
      ex('vfio-pci 0000:01:00.0: BAR 0: error updating (0xf6000000 != 0xffffffff)', {
        bar: '0',
        read: '0xffffffff',
        bdf: '0000:01:00.0',
      }),
      ex(
        'pci 0000:03:00.0: BAR 2 [mem 0x6000000000-0x63ffffffff 64bit pref]: error updating (high 0x000060 != 0xffffffff)',
      ),
    ],
  },
  {
    id: 'kernel.bar-assigned',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_assign_resource()',
    format: 'BAR %d: assigned %pR\n',
    versions: 'Linux 6.8+: "BAR 0 [mem …]: assigned"; older "BAR %d: assigned %pR"',
    patterns: [
      new RegExp(`BAR (?<bar>\\d{1,2}): assigned (?<range>${RANGE})`),
      new RegExp(`(?:BAR (?<bar>\\d{1,2})|bridge window|ROM) (?<range>${RANGE}): assigned`),
    ],
    severity: 'info',
    title: 'A BAR got an address (routine)',
    cause: 'the kernel assigned an address to a BAR the firmware left unset; this is the successful outcome',
    fix: 'nothing to do',
    render: render(PCI, 1, '[mem 0xe0000000-0xefffffff 64bit pref]'),
    examples: [
      ex('pci 0000:01:00.0: BAR 1: assigned [mem 0xe0000000-0xefffffff 64bit pref]', { bar: '1' }),
      ex('pci 0000:00:01.0: bridge window [mem 0x800000000-0xbffffffff 64bit pref]: assigned'),
    ],
  },
  {
    id: 'kernel.pcie-bandwidth-limited',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c __pcie_print_link_status()',
    format:
      '%u.%03u Gb/s available PCIe bandwidth, limited by %s x%d link at %s (capable of %u.%03u Gb/s with %s x%d link)\n',
    patterns: [
      /(?<avail>\d{1,4}\.\d{3}) Gb\/s available PCIe bandwidth, limited by (?<speed>[\d.]{1,5} GT\/s(?: PCIe)?|Unknown) x(?<width>\d{1,2}) link at (?<at>[0-9a-fA-F:.]{7,16})/,
    ],
    severity: 'info',
    title: 'The PCIe link runs below what the device can do',
    cause:
      'the link trained at a lower speed or width than the device supports: a chipset slot, a riser or a slot wired x8/x4, or a GPU at idle that downclocks its link (many GPUs train at 2.5 GT/s until loaded). It does not stop passthrough; it can limit throughput',
    fix: 'nothing to do for passthrough; for full bandwidth use a CPU-attached slot without a riser, and check under load (lspci -vv LnkSta) before worrying',
    render: render(
      'nvidia 0000:01:00.0: ',
      32,
      0,
      '8.0 GT/s PCIe',
      4,
      '0000:00:1b.4',
      126,
      16,
      '8.0 GT/s PCIe',
      16,
    ),
    examples: [
      ex(
        '[    1.234567] nvidia 0000:01:00.0: 32.000 Gb/s available PCIe bandwidth, limited by 8.0 GT/s PCIe x4 link at 0000:00:1b.4 (capable of 126.016 Gb/s with 8.0 GT/s PCIe x16 link)',
        { width: '4' },
      ),
      ex(
        'amdgpu 0000:0b:00.0: 8.000 Gb/s available PCIe bandwidth, limited by 2.5 GT/s x4 link at 0000:00:03.1 (capable of 252.048 Gb/s with 16 GT/s x16 link)',
      ),
    ],
  },
  // ---- hotplug (drivers/pci/hotplug/pciehp_ctrl.c) ----
  {
    id: 'kernel.pciehp-link-down',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c pciehp_handle_presence_or_link_change()',
    format: 'Slot(%s): Link Down\n',
    versions:
      'also "Slot(%s): Card not present"; Linux ≤ 4.18: "Slot(%s): Link Down" from pciehp_handle_linkstate_change(); some 4.x builds "pciehp 0000:02:05.0:pcie24: slot(6): Link Down event"',
    patterns: [/[Ss]lot\((?<slot>[\w-]{1,16})\): (?<what>Link Down|Card not present)/],
    severity: 'warning',
    title: 'A device dropped off its hotplug slot',
    cause:
      'the PCIe link to the slot went down (or the slot reports no card): the device is gone from the bus — a GPU that lost its link after a failed reset or a power-state change, a riser problem, or a real surprise removal. The kernel removes the device; the VM using it loses it',
    fix: 'if it follows a VM shutdown or reset, it is the device not surviving reset (see the reset entries; vendor-reset for AMD); if it happens at random, reseat the card and riser and check the power cables',
    render: render('pcieport 0000:00:01.1: pciehp: ', '1'),
    examples: [
      ex('[ 1843.120000] pcieport 0000:00:01.1: pciehp: Slot(1): Link Down', { slot: '1' }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(4): Card not present', { what: 'Card not present' }),
      ex(
        '[Ter Set 19 06:01:41 2017] pciehp 0000:02:05.0:pcie24: slot(6): Link Down event',
        { slot: '6', what: 'Link Down' },
        'https://github.com/lnls-dig/bpm-gw/issues/73',
      ),
    ],
  },
  {
    id: 'kernel.pciehp-link-up',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c pciehp_handle_presence_or_link_change()',
    format: 'Slot(%s): Link Up\n',
    versions: 'also "Slot(%s): Card present"',
    patterns: [/Slot\((?<slot>[\w-]{1,16})\): (?<what>Link Up|Card present)/],
    severity: 'info',
    title: 'A device appeared in its hotplug slot',
    cause:
      'the link to a hotplug slot came up (again) and the kernel enumerates the device; after a "Link Down" this means the device came back',
    fix: 'nothing to do; check the device was re-enumerated (lspci) and rebind it to vfio-pci if needed',
    render: render('pcieport 0000:00:01.1: pciehp: ', '1'),
    examples: [ex('pcieport 0000:00:01.1: pciehp: Slot(1): Link Up', { what: 'Link Up' })],
  },
  // ---- AER detail and recovery (drivers/pci/pcie/aer.c, err.c) ----
  {
    id: 'kernel.aer-status-mask',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_print_error() / __aer_print_error()',
    format: '  device [%04x:%04x] error status/mask=%08x/%08x\n',
    patterns: [
      /device \[(?<vendor>[0-9a-f]{4}):(?<deviceId>[0-9a-f]{4})\] error status\/mask=(?<status>[0-9a-f]{8})\/(?<mask>[0-9a-f]{8})/,
    ],
    severity: 'info',
    title: 'AER detail: which device and which error bits',
    cause:
      'the second line of an AER report: the vendor:device of the reporting function and its error status bits; the cause is in the "PCIe Bus Error: severity=…" line above and the named bits below (RxErr/BadTLP/BadDLLP: link signal quality; Completion Timeout/Unsupported Request: a device not answering, often around a reset)',
    fix: 'read it together with the "PCIe Bus Error" line; corrected errors alone are harmless',
    refine: refineAerStatus,
    render: render('pcieport 0000:00:01.1: ', 0x1022, 0x1483, 0x40, 0x6000),
    examples: [
      ex('pcieport 0000:00:01.1:   device [1022:1483] error status/mask=00000040/00006000', {
        vendor: '1022',
      }),
    ],
  },
  {
    id: 'kernel.aer-tlp-header',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c __print_tlp_header() / pcie_print_tlp_log()',
    format: '  TLP Header: %08x %08x %08x %08x\n',
    patterns: [
      /TLP Header: (?<h0>[0-9a-f]{8}) [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8}/,
      // newer kernels' pcie_print_tlp_log() (drivers/pci/pcie/tlp.c): "0x" words after the AER
      // indent; DPC's own "DPC: TLP Header: 0x…" (one space after the colon) is kernel.dpc-rp-pio-error's
      /: {2,4}TLP Header: 0x(?<h0>[0-9a-f]{8}) 0x[0-9a-f]{8} 0x[0-9a-f]{8} 0x[0-9a-f]{8}/,
    ],
    severity: 'info',
    title: 'AER detail: the header of the failing transaction',
    cause:
      'the logged header of the transaction an uncorrectable AER error refers to; useful to a driver developer, not a cause by itself',
    fix: 'read the "PCIe Bus Error" line above it for the severity and the error',
    render: render('pcieport 0000:00:01.1: AER: ', 0x4a000001, 0x1000004, 0, 0),
    examples: [ex('pcieport 0000:00:01.1: AER:   TLP Header: 4a000001 01000004 00000000 00000000')],
  },
  {
    id: 'kernel.aer-broadcast',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/err.c pcie_do_recovery()',
    format: 'AER: broadcast %s message\n',
    versions:
      'Linux ≥ 5.x prints it with pci_info(); the values are error_detected, mmio_enabled, slot_reset, resume',
    patterns: [/AER: broadcast (?<step>error_detected|mmio_enabled|slot_reset|resume) message/],
    severity: 'info',
    title: 'AER recovery in progress',
    cause:
      'after an uncorrectable error the kernel asks every driver below the port to recover, step by step; vfio-pci forwards error_detected to QEMU, which stops the VM with "Unrecoverable error detected" if the guest has no AER support',
    fix: 'look for the outcome: "device recovery successful" or "device recovery failed"',
    render: render(PORT, 'error_detected'),
    examples: [
      ex('pcieport 0000:00:01.1: AER: broadcast error_detected message', { step: 'error_detected' }),
    ],
  },
  {
    id: 'kernel.aer-link-reset',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_root_reset() / drivers/pci/pcie/portdrv.c',
    format: 'Root Port link has been reset (%d)\n',
    versions:
      'Linux 5.11+: "Root Port link has been reset (%d)"; older: "Root Port link has been reset" / "Downstream Port link has been reset"',
    patterns: [/(?<port>Root|Downstream) Port link has been reset(?: \((?<ret>-?\d{1,4})\))?/],
    severity: 'warning',
    title: 'AER reset the link to recover from an error',
    cause:
      'an uncorrectable (fatal) PCIe error made the kernel reset the link below the port; every device below it (the assigned GPU) was reset under the running VM, which usually loses the device',
    fix: 'find the first "PCIe Bus Error" line for the device and error; with a GPU this often follows a failed reset or a hot-unplug; check risers and power, and whether the device survives reset',
    render: render(PORT, 0),
    examples: [ex('pcieport 0000:00:01.1: AER: Root Port link has been reset (0)', { port: 'Root' })],
  },
  // ---- DPC (drivers/pci/pcie/dpc.c) ----
  {
    id: 'kernel.dpc-reason',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/dpc.c dpc_process_error()',
    format: 'DPC: %s detected\n',
    versions:
      'reasons: "unmasked uncorrectable error", "ERR_NONFATAL", "ERR_FATAL", "RP PIO error", "software trigger"',
    patterns: [
      /DPC: (?<reason>unmasked uncorrectable error|ERR_NONFATAL|ERR_FATAL|RP PIO error|software trigger) detected/,
    ],
    severity: 'error',
    title: 'Downstream Port Containment cut a link',
    cause:
      'the port shut the link down to contain an uncorrectable error from the device below it; the device is reset and the VM using it usually loses it. Often the device stopped answering (failed reset, power-state change) rather than broken hardware',
    fix: 'read the following AER lines for the device and error bits; check the device survives reset; pcie_ports=compat or disabling DPC in firmware hides, but does not fix, the underlying error',
    render: render('pcieport 0000:00:01.1: ', 'ERR_FATAL'),
    examples: [ex('pcieport 0000:00:01.1: DPC: ERR_FATAL detected', { reason: 'ERR_FATAL' })],
  },
  {
    id: 'kernel.dpc-capabilities',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/dpc.c dpc_probe()',
    format:
      'error containment capabilities: Int Msg #%d, RPExt%c PoisonedTLP%c SwTrigger%c RP PIO Log %d, DL_ActiveErr%c\n',
    patterns: [/error containment capabilities: Int Msg #\d{1,3}, RPExt[+-] PoisonedTLP[+-]/],
    severity: 'info',
    title: 'DPC is available on this port (routine)',
    cause: 'printed once per port when the DPC service binds; routine boot output',
    fix: 'nothing to do',
    render: render('pcieport 0000:00:01.1: DPC: ', 0, '+', '+', '-', 6, '+'),
    examples: [
      ex(
        'pcieport 0000:00:01.1: DPC: error containment capabilities: Int Msg #0, RPExt+ PoisonedTLP+ SwTrigger+ RP PIO Log 6, DL_ActiveErr+',
      ),
    ],
  },
  // ---- shared INTx (kernel/irq/spurious.c) ----
  {
    id: 'kernel.irq-nobody-cared',
    source: 'kernel',
    cite: 'torvalds/linux kernel/irq/spurious.c __report_bad_irq()',
    format: 'irq %d: nobody cared (try booting with the "irqpoll" option)\n',
    patterns: [/irq (?<irq>\d{1,5}): nobody cared \(try booting with the "irqpoll" option\)/],
    severity: 'error',
    title: 'An interrupt line fired with no handler claiming it',
    cause:
      'a device kept asserting a legacy (INTx) interrupt that no driver handled: often an assigned device sharing its INTx line with a host device while vfio-pci masks it, or a device left asserting after a reset. The kernel then disables the whole line ("Disabling IRQ #N"), and every device on it stops getting interrupts',
    fix: 'make the guest use MSI/MSI-X (Windows: MSI mode for the GPU and its audio function); on the host find which devices share the IRQ (/proc/interrupts) and move the card or unbind the other device; vfio-pci nointxmask=1 only helps devices that cannot mask INTx',
    render: render('', 16),
    examples: [
      ex('[ 1234.567890] irq 16: nobody cared (try booting with the "irqpoll" option)', { irq: '16' }),
    ],
  },
  {
    id: 'kernel.irq-disabling',
    source: 'kernel',
    cite: 'torvalds/linux kernel/irq/spurious.c note_interrupt()',
    format: 'Disabling IRQ #%d\n',
    patterns: [/Disabling IRQ #(?<irq>\d{1,5})/],
    severity: 'error',
    title: 'The kernel disabled an interrupt line',
    cause:
      'after 99,900 unhandled interrupts out of 100,000 the kernel turns the line off; every device sharing it (possibly the host disk or USB controller) stops receiving interrupts until reboot. With VFIO this is usually an assigned device on a shared INTx line',
    fix: 'see "irq N: nobody cared": use MSI in the guest, and avoid sharing the INTx line with a host device',
    render: render('', 16),
    examples: [ex('[ 1234.600000] Disabling IRQ #16', { irq: '16' })],
  },
];
