/**
 * Power states, PCIe error and hot-plug reporting, BARs and the firmware framebuffer, swept for
 * what the earlier kernel files (kernel.ts, kernel-pci.ts, kernel-sweep.ts, reset-faults.ts,
 * host-guest-extra.ts) left unrecognised: the PME service's spurious-interrupt lines
 * (drivers/pci/pcie/pme.c), the pciehp command timeout, attention-button and link-training lines
 * (drivers/pci/hotplug/), the detail lines of AER and DPC (aer.c, dpc.c), the x86 PAT refusals a
 * BAR mmap meets (arch/x86/mm/pat/memtype.c), the iomem sanity check (kernel/resource.c), BARs
 * released and resized (setup-res.c, amdgpu, i915/xe), the hand-over of the boot console from the
 * firmware framebuffer to a GPU driver (fbmem.c, vt.c, i915), vgaarb's change of the boot device,
 * amdgpu's runtime power management mode, and the NVIDIA driver refusing to let go of a GPU in use.
 * Every entry cites the file and function printing its format; POWER_AER_BAR_ALSO and
 * POWER_AER_BAR_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, RANGE, render } from './build.js';

/** A 64-bit hexadecimal address as the kernel prints it with %llx / %Lx (no 0x). */
const HEX = '[0-9a-fA-F]{1,16}';

/** QEMU's threads as x86/PAT names the current task: the process, or a vCPU thread ("CPU 0/KVM"). */
function isQemu(proc: string | undefined): boolean {
  return /qemu|KVM|kvm/.test(proc ?? '');
}

/** What the pciehp attention-button line says happens next, by its wording. */
function refineButton(f: Facts): Refinement | undefined {
  const action = f.action ?? '';
  if (/cancel/i.test(action))
    return {
      cause:
        'the attention button was pressed a second time within the 5 seconds the slot waits, so the power-off or power-on it announced is cancelled and the slot stays as it was. In a VM this happens when a hot-unplug request (QEMU device_del, `virsh detach-device`) is repeated before the guest acted on the first',
    };
  if (/[Pp]ower(?:ing)? on\b/.test(action))
    return {
      cause:
        'the attention button of an empty, powered-off slot was pressed: pciehp powers the slot on and probes the card after 5 seconds. Normal when a card is added to a hot-plug slot',
    };
  return undefined;
}

/** Which firmware console a GPU driver replaced, and what that says about the GPU. */
function refineFbSwitch(f: Facts): Refinement | undefined {
  const driver = (f.driver ?? '').toLowerCase();
  const from = f.from ?? '';
  const firmware = /EFI VGA|VESA VGA|simple|BOCHS|VGA16/i.test(from);
  if (!firmware) return undefined;
  if (/^(amdgpu|radeon|nouveau|nvidia)/.test(driver))
    return {
      title: `A host GPU driver (${f.driver}) took over the boot console from the firmware framebuffer`,
      cause: `the firmware framebuffer (${from}) was on a discrete GPU and ${f.driver} replaced it: the host driver now owns that GPU and its console. If this is the GPU meant for a VM, it was not kept away from the host drivers, and unbinding it later needs the console released first`,
      fix: 'for a GPU meant for a VM, bind vfio-pci to it at boot (vfio-pci.ids= on the kernel command line, or a softdep so vfio-pci loads before the GPU driver) and select the other GPU as primary in the firmware; for single-GPU passthrough, unbind the vtconsole and the framebuffer before the VM starts',
    };
  if (/^(inteldrmfb|i915|xe)/.test(driver))
    return {
      cause: `the integrated GPU's driver replaced the firmware framebuffer (${from}): the host console runs on the iGPU, the usual arrangement when a discrete GPU is passed to a VM`,
    };
  return undefined;
}

/** What a BAR resize refusal means by errno (drivers/pci/setup-res.c pci_resize_resource()). */
function refineResize(f: Facts): Refinement | undefined {
  if (f.errno === 'ENOSPC')
    return {
      cause:
        "the bridge window above the GPU has no room for the larger BAR (ENOSPC): the firmware did not reserve 64-bit address space for it (Above 4G Decoding / Resizable BAR off), or, inside a VM, the guest's firmware gave the root port a 64-bit window smaller than the BAR. The driver keeps the small BAR; the GPU works, with slower CPU access to its memory",
    };
  if (f.errno === 'EBUSY')
    return {
      cause:
        'the BAR could not be released to resize it (EBUSY): another BAR of the device, or a framebuffer driver (efifb, simpledrm) still maps the GPU memory. The driver keeps the small BAR',
    };
  return undefined;
}

const LARGE_BAR_FIX =
  'on the host: enable Above 4G Decoding and Resizable BAR in the firmware setup (pci=realloc helps when the firmware leaves too little room). For a GPU passed to a VM the guest sees the BAR size the host set: resize it on the host before the VM starts (/sys/bus/pci/devices/ADDR/resourceN_resize while no driver is bound) and give the guest a 64-bit MMIO window large enough (OVMF: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536)';

export const POWER_AER_BAR_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- drivers/pci/pcie/pme.c
  {
    id: 'kernel.pcie-pme-spurious',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/pme.c pcie_pme_handle_request()',
    format: 'Spurious native interrupt!\n',
    versions:
      'since the port services print through pci_info() with a "PME: " prefix: "pcieport ADDR: PME: Spurious native interrupt!"; older kernels: "pcie_pme ADDR:pcie001: Spurious native interrupt!". The same function prints "interrupt generated for non-existent device %02x:%02x.%d" when the requester is unknown',
    patterns: [
      /PME: Spurious native interrupt!/,
      /(?:pcie_pme|pcie001): Spurious native interrupt!/,
      /PME: interrupt generated for non-existent device (?<requester>[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/,
    ],
    severity: 'info',
    title: 'A root port signalled a power-management event no device claims (harmless on its own)',
    cause:
      'the root port raised a PME interrupt but no device below it had its PME status bit set. It is common when the link below a port goes down and up: a GPU being reset by vfio-pci (FLR or bus reset), a device resuming from D3, a host resuming from suspend. A few lines of it around a reset or a resume are harmless. It is not harmless when it repeats without end (a storm right after resume, seen with some kernels on AMD root ports, which leaves the host unusable) or when the device below stops answering right after it — then the reset or the power transition failed and the lines that follow say so',
    fix: 'nothing to do for occasional lines; for a storm that does not stop, update the kernel; pcie_pme=nomsi (the PME service without MSI) is the switch the kernel offers for this; if the device below the port is gone afterwards, read the reset and power-state lines around it (`vfiokit diagnose --dmesg`)',
    refine: (f) =>
      f.requester
        ? {
            cause: `the PME message carries a requester ID (${f.requester}) that names no device the kernel knows: either the device dropped off the bus (a reset it did not survive, a link that went down), or a PCIe-to-PCI bridge forwarded the event with a function number other than 0; the kernel then tries the bridge's own devices. Harmless when nothing else fails`,
          }
        : undefined,
    render: render('pcieport 0000:00:01.1: PME: '),
    examples: [
      ex(
        '[   50.141126] pcieport 0000:00:01.1: PME: Spurious native interrupt!',
        { bdf: '0000:00:01.1' },
        'https://lore.kernel.org/all/20250217165258.3811-1-ilpo.jarvinen@linux.intel.com/',
      ),
      ex('[  433.902649] pcieport 0000:00:1b.0: PME: Spurious native interrupt!'),
      ex('pcieport 0000:00:1c.0: PME: interrupt generated for non-existent device 03:00.1', {
        requester: '03:00.1',
      }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/hotplug/
  {
    id: 'kernel.pciehp-command-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c pcie_wait_cmd()',
    format: 'Timeout on hotplug command %#06x (issued %u msec ago)\n',
    versions: 'printed with ctrl_info(): "pcieport ADDR: pciehp: Timeout on hotplug command …"',
    patterns: [
      /pciehp: Timeout on hotplug command (?<cmd>0x[0-9a-fA-F]{1,4}) \(issued (?<ms>\d{1,7}) msec ago\)/,
    ],
    severity: 'info',
    title: 'A hot-plug port did not confirm a Slot Control command in time (usually harmless)',
    cause:
      'pciehp wrote the Slot Control register of a hot-plug capable port (power, indicators, interrupt enables) and the port never reported Command Completed within a second. Ports that claim to signal completion but do not (some Intel, Qualcomm and virtual root ports), and an old kernel bug that left a polled command marked busy (fixed in late 2021 and backported to stable kernels), both print it; the only effect is a delay of about two seconds at boot or at a hot-plug event. It does not mean the device below is broken',
    fix: 'nothing to do; if a device below this port then fails to appear, the link-training lines ("Cannot train link", "No link") are the ones to read; a current kernel removes the lines caused by the old polling bug',
    render: render('pcieport 0000:00:03.0: pciehp: ', 0x01c0, 2264),
    examples: [
      ex(
        'pcieport 0000:00:03.0: pciehp: Timeout on hotplug command 0x01c0 (issued 2264 msec ago)',
        { cmd: '0x01c0', ms: '2264', bdf: '0000:00:03.0' },
        'https://lore.kernel.org/r/20211111054258.7309-1-zhangliguang@linux.alibaba.com',
      ),
      ex(
        '[    5.782159] pcieport 0001:00:00.0: pciehp: Timeout on hotplug command 0x03c0 (issued 2020 msec ago)',
        {
          cmd: '0x03c0',
        },
      ),
    ],
  },
  {
    id: 'kernel.pciehp-button-press',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c pciehp_handle_button_press() (the "Attention button pressed" line: pciehp_hpc.c pciehp_ist())',
    format: 'Slot(%s): Powering off due to button press\n',
    versions:
      'the same function: "Slot(%s) Powering on due to button press", "Slot(%s): Button cancel", "Slot(%s): Action canceled due to button press"; newer kernels word it "Slot(%s): Button press: will power on/off in 5 sec" and "Button press: canceling power…"',
    patterns: [
      /pciehp: Slot\((?<slot>[\w.-]{1,16})\):? (?<action>Attention button pressed|Powering (?:off|on) due to button press|Button press: [a-z ]{1,32}(?:on|off)|Button cancel|Action canceled due to button press)/,
    ],
    severity: 'info',
    title:
      "A hot-plug slot's attention button was pressed: the slot will power off in 5 seconds (expected on a hot-unplug)",
    cause:
      "pciehp saw the slot's attention button: it blinks the power indicator and, unless the button is pressed again within 5 seconds, powers the slot off and removes the device (or, on an empty slot, powers it on). In a VM guest this is how QEMU asks the guest to release a device on a pcie-root-port: device_del (libvirt detach-device) presses the virtual button, and the device is gone from the guest only after the guest has powered the slot off. On a physical host somebody pressed the button, or a faulty slot reports presses",
    fix: 'nothing to do when a hot-unplug was asked for; if a detach never completes, the guest did not act on the button (no pciehp in the guest kernel, the guest still booting, or a Windows guest that refuses to eject a device in use): wait for the guest to boot, stop what uses the device in the guest, and retry',
    refine: refineButton,
    render: render('pcieport 0000:00:02.0: pciehp: ', '0'),
    examples: [
      ex('[157.778321] pcieport 0003:00:00.0: pciehp: Slot(31): Attention button pressed', {
        slot: '31',
        action: 'Attention button pressed',
      }),
      ex('[157.785445] pcieport 0003:00:00.0: pciehp: Slot(31): Powering off due to button press', {
        slot: '31',
      }),
      ex('pcieport 0000:02:01.0: pciehp: Slot(0): Button press: will power on in 5 sec', { slot: '0' }),
      ex('pcieport 0000:00:02.0: pciehp: Slot(0): Action canceled due to button press'),
    ],
  },
  {
    id: 'kernel.pciehp-link-training-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c pciehp_check_link_status()',
    format: 'Slot(%s): Cannot train link: status %#06x\n',
    versions:
      'the same function prints "Slot(%s): No link" (the link never came up) and "Slot(%s): No device found" (the link is up, nothing answers at function 0); older kernels: "link training error: status %#06x"',
    patterns: [
      /pciehp: Slot\((?<slot>[\w.-]{1,16})\): (?:Cannot train link: status (?<status>0x[0-9a-fA-F]{1,4})|(?<what>No link|No device found))/,
      /pciehp: link training error: status (?<status>0x[0-9a-fA-F]{1,4})/,
    ],
    severity: 'error',
    title: 'A hot-plug slot came up without a usable device',
    cause:
      'after a presence or link-up event pciehp checks the link before it scans for the device: the link is still training or has no width (Cannot train link), never came up (No link), or came up with nothing answering config reads (No device found). On a host this follows a card that did not come back after a reset or a slot power cycle (dead card, power or riser problem). Inside a QEMU guest, some QEMU versions reported an invalid link status (status 0x2000: link active, width 0) for a device hot-plugged below a switch downstream port or on ARM machines, so the hot-plug failed in the guest; later QEMU releases fix it',
    fix: 'on a host: reseat the card or check its power, and power-cycle rather than warm-reboot; for a GPU that fails this after each VM run, it does not survive its reset (vendor-reset for AMD). In a guest: hot-plug into a pcie-root-port rather than below a switch, or update QEMU',
    refine: (f) =>
      f.what === 'No device found'
        ? {
            cause:
              'the link to the slot came up but nothing answered a config read at function 0 within a second: the card is still initialising (some GPUs and FPGAs take longer), or it is there but hung (a reset it did not survive)',
          }
        : undefined,
    render: render('pcieport 0000:02:00.0: pciehp: ', '1-1', 0x2000),
    examples: [
      ex('pcieport 0000:08:01.0: pciehp: Slot(2): Cannot train link: status 0x2000', {
        slot: '2',
        status: '0x2000',
      }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(0): No link', { what: 'No link' }),
      ex('pcieport 0000:00:1c.0: pciehp: Slot(0): No device found', { what: 'No device found' }),
    ],
  },

  // ---------------------------------------------------------------- drivers/pci/pcie/aer.c, dpc.c
  {
    id: 'kernel.aer-agent-first',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_print_error()',
    format: '  Error of this Agent is reported first\n',
    versions:
      'printed with pci_err(); newer kernels add the "AER: " prefix and also mark the first error bit with "(First)" on the bit line',
    patterns: [/Error of this Agent is reported first/],
    severity: 'info',
    title:
      'Detail of an AER report: this device is the one whose error was logged first (nothing to do on its own)',
    cause:
      'several devices below one port reported errors in the same AER message, and this device is the one named by the Error Source register (the first logged). It is one more line of the report above it: the "PCIe Bus Error: severity=…, type=…" line and the bit lines ("[ 0] RxErr", "[12] Timeout") say what happened',
    fix: 'read the report above it (its severity and error bits); this line itself needs nothing',
    render: render('pcieport 0000:21:01.0: AER: '),
    examples: [
      ex('nvme 0000:01:00.0: AER:   Error of this Agent is reported first', { bdf: '0000:01:00.0' }),
      ex(
        'Dec 29 18:52:30 FredArch kernel: pcieport 0000:21:01.0: AER:   Error of this Agent is reported first',
      ),
    ],
  },
  {
    id: 'kernel.dpc-rp-pio-log-invalid',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/dpc.c pci_dpc_init()',
    format: 'RP PIO log size %u is invalid\n',
    versions:
      'older kernels print it from dpc_probe() with dev_err(); newer ones have a quirk (drivers/pci/quirks.c dpc_log_size()) for ports known to report it wrongly',
    patterns: [/RP PIO log size (?<size>\d{1,3}) is invalid/],
    severity: 'info',
    title: "A root port's DPC capability reports an impossible log size (harmless)",
    cause:
      'the Downstream Port Containment capability of this root port advertises an RP PIO log size outside the 4–9 the PCIe spec allows (a firmware or silicon erratum, seen on some Intel ports). The kernel only stops reading that extra log; DPC itself still works and devices below are unaffected',
    fix: 'nothing to do; a kernel with the quirk for this port, or a firmware update, removes the line',
    render: render('pcieport 0000:00:1c.0: ', 0),
    examples: [ex('pcieport 0000:00:07.0: RP PIO log size 0 is invalid', { size: '0', bdf: '0000:00:07.0' })],
  },

  // ---------------------------------------------------------------- arch/x86/mm/pat/memtype.c
  {
    id: 'kernel.pat-map-pfn-expected',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/pat/memtype.c reserve_pfn_range()',
    format: 'x86/PAT: %s:%d map pfn expected mapping type %s for [mem %#010Lx-%#010Lx], got %s\n',
    versions:
      'Linux 4.x+: "x86/PAT: COMM:PID map pfn expected …"; older kernels print it without the "x86/PAT: " prefix and the range as "%Lx-%Lx" (arch/x86/mm/pat.c)',
    patterns: [
      /(?<proc>[\w./-][\w ./-]{0,31}):(?<pid>\d{1,8}) map pfn expected mapping type (?<want>[\w-]{2,24}) for (?:\[mem )?(?:0x)?[0-9a-fA-F]{1,16}-(?:0x)?[0-9a-fA-F]{1,16}\]?, got (?<got>[\w-]{2,24})/,
    ],
    severity: 'error',
    title: 'x86 PAT refused to map device memory with the cache type asked for',
    cause:
      "a process mapped device memory (QEMU mapping a BAR of a vfio-pci device, a program mapping /sys/bus/pci/devices/ADDR/resourceN or /dev/mem) asking for one cache type, but that physical range is already reserved with an incompatible type, usually by a driver that still maps it: the firmware framebuffer (efifb, vesafb, simplefb/simpledrm map the boot GPU's memory write-combining) or a host GPU driver. The mmap fails with EINVAL",
    fix: 'keep host drivers off the device before mapping it: for the boot GPU release the firmware framebuffer (video=efifb:off or initcall_blacklist=sysfb_init on the kernel command line, or unbind it before the VM starts) and unbind any host GPU driver; `nopat` on the kernel command line disables PAT altogether and is a last resort',
    refine: (f) =>
      isQemu(f.proc)
        ? {
            title: "x86 PAT refused QEMU's mapping of a passed-through device's BAR",
            cause: `QEMU (${f.proc}) mapped a BAR of an assigned device as ${f.want}, but the range is already reserved as ${f.got} by another user of the same memory, almost always the host's framebuffer driver on the boot GPU (efifb/simpledrm map it write-combining) or a host GPU driver that still had the device. The mapping fails: QEMU falls back to slow trapped access or reports the BAR mmap failure`,
          }
        : undefined,
    render: render('', 'qemu-system-x86', 4217, 'uncached-minus', 0xe0000000, 0xefffffff, 'write-combining'),
    examples: [
      ex(
        '[ 5797.049560] x86/PAT: a.out:1910 map pfn expected mapping type uncached-minus for [mem 0xf8200000-0xf85cbfff], got write-back',
        { proc: 'a.out', want: 'uncached-minus', got: 'write-back' },
      ),
      ex(
        '[ 1971.854205] zcount_ipc:3520 map pfn expected mapping type uncached-minus for [mem 0x28000000-0x28000fff], got write-back',
        { proc: 'zcount_ipc' },
      ),
      ex(
        'x86/PAT: CPU 0/KVM:2345 map pfn expected mapping type uncached-minus for [mem 0xe0000000-0xefffffff], got write-combining',
        { proc: 'CPU 0/KVM', got: 'write-combining' },
      ),
    ],
  },
  {
    id: 'kernel.pat-freeing-invalid',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/pat/memtype.c memtype_free()',
    format: 'x86/PAT: %s:%d freeing invalid memtype [mem %#010Lx-%#010Lx]\n',
    versions:
      'Linux 4.x+; 2.6.x printed "%s:%d freeing invalid memtype %Lx-%Lx" (arch/x86/mm/pat.c free_memtype())',
    patterns: [
      /(?<proc>[\w./-][\w ./-]{0,31}):(?<pid>\d{1,8}) freeing invalid memtype (?:\[mem )?(?:0x)?[0-9a-fA-F]{1,16}-(?:0x)?[0-9a-fA-F]{1,16}/,
    ],
    severity: 'info',
    title: 'x86 PAT: an unmapped range of device memory had no cache-type record (usually harmless)',
    cause:
      'a process unmapped device memory (a BAR mapping, a framebuffer) whose range the PAT bookkeeping had no entry for: the record was released already or never matched, typically after a mapping of device memory was split by mprotect()/mremap() or partly unmapped — a kernel bookkeeping bug fixed over several releases (most recently in 2025). The unmap itself succeeds; the VM and the device are not affected',
    fix: 'nothing to do; if it repeats at every VM stop, a newer kernel removes it',
    render: render('', 'qemu-system-x86', 4217, 0xf0000000, 0xf0ffffff),
    examples: [
      ex('[   27.888251] x86/PAT: pfnmap:1790 freeing invalid memtype [mem 0x00000000-0x00000fff]', {
        proc: 'pfnmap',
      }),
      ex('[  126.479105] usplash:497 freeing invalid memtype fffffffff9000000-fffffffff9e00000', {
        proc: 'usplash',
      }),
    ],
  },

  // ---------------------------------------------------------------- kernel/resource.c
  {
    id: 'kernel.resource-sanity-check',
    source: 'kernel',
    cite: 'torvalds/linux kernel/resource.c iomem_map_sanity_check()',
    format: 'resource sanity check: requesting [mem %#010llx-%#010llx], which spans more than %s %pR\n',
    versions:
      'newer kernels print the range with %pa; on x86 the next line names the caller: "caller %pS mapping multiple BARs" (arch/x86/mm/ioremap.c __ioremap_caller())',
    patterns: [
      /resource sanity check: requesting \[mem (?<start>(?:0x)?[0-9a-fA-F]{1,16})-(?:0x)?[0-9a-fA-F]{1,16}\], which spans more than (?<owner>[^[\n]{1,64}) \[/,
      /caller (?<caller>[\w.]{1,64})\+0x[0-9a-f]{1,8}\/0x[0-9a-f]{1,8}(?: \[[\w-]{1,32}\])? mapping multiple BARs/,
    ],
    severity: 'info',
    title: 'A driver mapped a range that crosses resource boundaries (a warning, usually harmless)',
    cause:
      "a driver ioremapped a physical range larger than the one resource that contains its start: the kernel warns and maps it anyway. Most often it is the legacy video ROM window 0xc0000-0xdffff, mapped by pci_map_rom() when a GPU driver (amdgpu, radeon, nouveau) or a read of a GPU's sysfs rom file looks for the VBIOS of the boot GPU, whose ROM the firmware shadowed there. Nothing fails because of it",
    fix: "nothing to do; when it names pci_map_rom on the next line and you read a GPU ROM for passthrough, note that the boot GPU gives the firmware's shadow copy, which may not be a clean ROM image (check it with `vfiokit rom`)",
    refine: (f) =>
      /^(?:0x)?0{0,10}c0000$/i.test(f.start ?? '') || f.caller === 'pci_map_rom'
        ? {
            cause:
              "the range starts at 0xc0000, the legacy video ROM window: pci_map_rom() mapped the shadow copy of the boot GPU's VBIOS that the firmware left there (a GPU driver probing the VBIOS, or a read of that GPU's sysfs rom file). The window is split into several small resources, hence the warning; the ROM read itself works",
          }
        : undefined,
    render: render('', 0xc0000, 0xdffff, 'PCI Bus 0000:00', '[mem 0x000c0000-0x000c3fff window]'),
    examples: [
      ex(
        'resource sanity check: requesting [mem 0x000c0000-0x000dffff], which spans more than PCI Bus 0000:00 [mem 0x000d0000-0x000dffff window]',
        { start: '0x000c0000', owner: 'PCI Bus 0000:00' },
      ),
      ex(
        '[   37.909767] resource sanity check: requesting [mem 0x000c0000-0x000dffff], which spans more than pnp 00:01 [mem 0x000d1800-0x000d1fff]',
        { owner: 'pnp 00:01' },
      ),
      ex(
        'resource sanity check: requesting [mem 0xfed10000-0xfed1ffff], which spans more than reserved [mem 0xfed10000-0xfed17fff]',
        { start: '0xfed10000' },
      ),
      ex('[   37.911775] caller pci_map_rom+0x78/0x1d0 mapping multiple BARs', { caller: 'pci_map_rom' }),
    ],
  },

  // ---------------------------------------------------------------- BAR release and resizing
  {
    id: 'kernel.pci-bar-releasing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_release_resource()',
    format: 'BAR %d: releasing %pR\n',
    versions:
      'Linux 6.8+: "%s %pR: releasing" ("BAR 0 [mem …]: releasing", "bridge window [mem …]: releasing"); the bridge-window form also comes from drivers/pci/setup-bus.c pci_reassign_bridge_resources()',
    patterns: [
      new RegExp(`BAR (?<bar>\\d{1,2}): releasing ${RANGE}`),
      new RegExp(`(?:BAR (?<bar>\\d{1,2})|(?<window>bridge window)) ${RANGE}: releasing`),
    ],
    severity: 'info',
    title: 'The kernel released a BAR to place it again (routine)',
    cause:
      'a BAR or a bridge window was released so it can be assigned again, at a new address or size: a GPU driver resizing its memory BAR (Resizable BAR, amdgpu/i915/xe at probe), a write to resourceN_resize, or pci=realloc moving resources. The next lines say where it went',
    fix: 'nothing to do; only a following "no space for" / "failed to assign" line for the same BAR is a problem',
    render: render('pci 0000:03:00.0: ', 0, '[mem 0x7c00000000-0x7c0fffffff 64bit pref]'),
    examples: [
      ex('amdgpu 0000:03:00.0: BAR 0: releasing [mem 0x7c00000000-0x7c0fffffff 64bit pref]', {
        bar: '0',
        bdf: '0000:03:00.0',
      }),
      ex('pci 0000:03:00.0: BAR 0 [mem 0x7c00000000-0x7c0fffffff 64bit pref]: releasing', { bar: '0' }),
      ex('pcieport 0000:00:01.0: bridge window [mem 0x7c00000000-0x7c1fffffff 64bit pref]: releasing', {
        window: 'bridge window',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-large-bar-no-space',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c amdgpu_device_resize_fb_bar()',
    format: 'Not enough PCI address space for a large BAR.',
    versions:
      'older kernels: DRM_INFO ("[drm] Not enough …"); then dev_info ("amdgpu ADDR: amdgpu: …"); the newest drm_info ("amdgpu ADDR: [drm] …"). Other refusals: "Problem resizing BAR0 (%d)."',
    patterns: [
      /Not enough PCI address space for a large BAR\./,
      /Problem resizing BAR0 \((?<err>-\d{1,4})\)\./,
    ],
    severity: 'info',
    title: 'amdgpu could not enlarge its VRAM BAR (Resizable BAR): it keeps the small one and works',
    cause:
      'amdgpu tried to resize BAR 0 so the CPU can reach all VRAM, and the bridge window above the GPU had no room for it (ENOSPC): the firmware did not reserve enough 64-bit address space (Above 4G Decoding or Resizable BAR off), or, inside a VM, the guest firmware gave the port a 64-bit window smaller than the BAR. The GPU works with the small BAR (usually 256 MB); only CPU access to VRAM is slower',
    fix: LARGE_BAR_FIX,
    refine: (f) =>
      f.err
        ? {
            severity: 'warning',
            title: 'amdgpu failed to resize its VRAM BAR',
            cause: `pci_resize_resource() refused the resize (${f.err}${f.errno ? `, ${f.errno}` : ''}): ${refineResize(f)?.cause ?? 'the device or a bridge above it could not take the new size'}`,
          }
        : undefined,
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [
      ex('[   10.937700] [drm] Not enough PCI address space for a large BAR.'),
      ex('amdgpu 0000:0c:00.0: amdgpu: Not enough PCI address space for a large BAR.', {
        bdf: '0000:0c:00.0',
      }),
      ex('amdgpu 0000:0c:00.0: amdgpu: Problem resizing BAR0 (-16).', { err: '-16', errno: 'EBUSY' }),
    ],
  },
  {
    id: 'kernel.intel-lmem-bar-resize-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_region_lmem.c _resize_bar() (xe: drivers/gpu/drm/xe/xe_vram.c _resize_bar())',
    format: 'Failed to resize BAR%d to %dM (%pe)\n',
    versions:
      'xe appends ". Consider enabling \'Resizable BAR\' support in your BIOS"; both drivers then say "Using a reduced BAR size of %lluMiB. Consider enabling \'Resizable BAR\' or similar, if available in the BIOS."',
    patterns: [
      /Failed to resize BAR(?<bar>\d) to (?<size>\d{1,7})M \((?<err>-E[A-Z]{2,12}|-\d{1,4})\)/,
      /Using a reduced BAR size of (?<reduced>\d{1,7})MiB\. Consider enabling 'Resizable BAR'/,
    ],
    severity: 'warning',
    title: 'The Intel discrete GPU driver could not enlarge its local-memory BAR',
    cause:
      "i915 or xe tried to resize the BAR that exposes the GPU's local memory (Intel Arc and data-centre GPUs) to the memory size and could not: the firmware has Resizable BAR (or Above 4G Decoding) off, the bridge window above has no room, or, in a VM, the guest firmware's 64-bit MMIO window is too small. The driver carries on with a small BAR, which costs performance (Arc GPUs are much slower without it)",
    fix: LARGE_BAR_FIX,
    refine: refineResize,
    render: render('i915 0000:03:00.0: [drm] ', 2, 8192, '-ENOSPC'),
    examples: [
      ex('i915 0000:03:00.0: [drm] Failed to resize BAR2 to 8192M (-ENOSPC)', {
        bar: '2',
        size: '8192',
        errno: 'ENOSPC',
      }),
      ex(
        "xe 0000:03:00.0: [drm] Failed to resize BAR2 to 16384M (-ENOSPC). Consider enabling 'Resizable BAR' support in your BIOS",
        { bar: '2' },
      ),
      ex(
        "xe 0000:03:00.0: [drm] Using a reduced BAR size of 256MiB. Consider enabling 'Resizable BAR' or similar, if available in the BIOS.",
        { reduced: '256' },
      ),
    ],
  },

  // ---------------------------------------------------------------- console and framebuffer hand-over
  {
    id: 'kernel.fbdev-switching',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/core/fbmem.c do_remove_conflicting_framebuffers()',
    format: 'fb%d: switching to %s from %s\n',
    versions:
      'Linux 3.x–5.x ("fb: switching to %s from %s" in older ones, "fb%d: …" later); newer kernels remove firmware framebuffers through drivers/video/aperture.c and no longer print it',
    patterns: [/fb\d{0,2}: switching to (?<driver>[\w-]{1,32}) from (?<from>[\w -]{1,24})/],
    severity: 'info',
    title: 'A GPU driver took over the console from the firmware framebuffer (routine)',
    cause:
      'a native GPU driver registered its framebuffer and removed the firmware one (EFI VGA is efifb, VESA VGA is vesafb, simple is simplefb) that covers the same memory: from here the host console runs on that driver. Routine on any host; it also says which GPU the host drivers own',
    fix: 'nothing to do, unless the driver named is the one of a GPU meant for a VM (then bind vfio-pci to it at boot)',
    refine: refineFbSwitch,
    render: render('', 0, 'amdgpudrmfb', 'EFI VGA'),
    examples: [
      ex('[    0.924442] fb: switching to inteldrmfb from EFI VGA', {
        driver: 'inteldrmfb',
        from: 'EFI VGA',
      }),
      ex('[    5.372969] fb: switching to inteldrmfb from VESA VGA', { from: 'VESA VGA' }),
      ex('fb0: switching to amdgpudrmfb from EFI VGA', { driver: 'amdgpudrmfb' }),
      ex('fb0: switching to nouveaufb from simple', { driver: 'nouveaufb', from: 'simple' }),
    ],
  },
  {
    id: 'kernel.fbdev-aperture-check',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/core/fbmem.c fb_do_apertures_overlap()',
    format: 'checking generic (%llx %llx) vs hw (%llx %llx)\n',
    versions: 'KERN_DEBUG, Linux 3.x–5.x; removed with the move to drivers/video/aperture.c',
    patterns: [
      new RegExp(
        `checking generic \\((?<genericBase>${HEX}) ${HEX}\\) vs hw \\((?<hwBase>${HEX}) (?<hwSize>${HEX})\\)`,
      ),
    ],
    severity: 'info',
    title: "The firmware framebuffer is compared with a GPU driver's memory (routine)",
    cause:
      'a GPU driver is registering and the kernel checks whether the firmware framebuffer (base and size first) lies in the driver\'s memory aperture (second): when they overlap the firmware framebuffer is removed (the "switching to … from …" line follows). It shows which GPU the firmware drew the boot screen on',
    fix: 'nothing to do',
    render: render('', 0x70000000, 0x1fb0000, 0x70000000, 0x10000000),
    examples: [
      ex('[    0.924441] checking generic (70000000 1fb0000) vs hw (70000000 10000000)', {
        genericBase: '70000000',
        hwBase: '70000000',
      }),
    ],
  },
  {
    id: 'kernel.console-dummy',
    source: 'kernel',
    cite: 'torvalds/linux drivers/tty/vt/vt.c do_bind_con_driver()',
    format: 'Console: switching to %s %s %dx%d\n',
    versions: 'here with "colour"/"mono" and the dummy console\'s name "dummy device"',
    patterns: [/Console: switching to (?:colour|mono) dummy device (?<cols>\d{2,4})x(?<rows>\d{2,4})/],
    severity: 'info',
    title: 'The text console was moved to the dummy console (routine)',
    cause:
      'the VGA text console or a framebuffer console was taken off the screen and the console bound to the dummy driver: a GPU driver is taking over (it removes vgacon first, "vgaarb: deactivate vga console"), or a single-GPU passthrough hook unbound the vtconsole before handing the GPU to a VM. Until a new framebuffer console binds, nothing is shown on that screen',
    fix: 'nothing to do; if the screen stays black after a VM using the only GPU stops, the hand-back did not rebind the console (bind the vtconsole and the GPU driver again)',
    render: render('', 'colour', 'dummy device', 80, 25),
    examples: [
      ex('[    0.925832] Console: switching to colour dummy device 80x25', { cols: '80', rows: '25' }),
    ],
  },
  {
    id: 'kernel.drm-replacing-vgacon',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_drv.c i915_kick_out_vgacon()',
    format: 'Replacing VGA console driver\n',
    versions: 'printed with DRM_INFO ("[drm] Replacing VGA console driver"), Linux 3.x–5.x',
    patterns: [/\[drm\] Replacing VGA console driver/],
    severity: 'info',
    title: 'i915 unbound the VGA text console (routine)',
    cause:
      'the Intel GPU driver took the legacy VGA text console off before setting up its own framebuffer console: routine when i915 drives the host display, and a sign that the integrated GPU is the host console',
    fix: 'nothing to do',
    render: render('[drm] '),
    examples: [ex('[    0.926027] [drm] Replacing VGA console driver')],
  },

  {
    id: 'kernel.fbcon-primary',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/core/fbcon.c fbcon_select_primary()',
    format: 'fbcon: %s (fb%i) is primary device\n',
    patterns: [/fbcon: (?<fb>[\w -]{1,32}) \(fb(?<node>\d{1,2})\) is primary device/],
    severity: 'info',
    title: 'The framebuffer console is on the primary (boot) GPU (routine)',
    cause:
      "fbcon put the text console on this framebuffer because it belongs to the primary display device, the one vgaarb chose as boot VGA (boot_vga reads 1). The name is the framebuffer's: a GPU driver's (inteldrmfb, amdgpudrmfb, nouveaudrmfb) or the firmware's (EFI VGA, simpledrmdrmfb). Routine; it tells which GPU carries the host console",
    fix: 'nothing to do; if the name belongs to the driver of a GPU meant for a VM, that GPU is the host console: make the other GPU primary in the firmware setup, or plan for releasing the console before the VM starts',
    render: render('', 'inteldrmfb', 0),
    examples: [
      ex('[    9.500443] fbcon: inteldrmfb (fb0) is primary device', { fb: 'inteldrmfb', node: '0' }),
      ex('fbcon: amdgpudrmfb (fb0) is primary device', { fb: 'amdgpudrmfb' }),
    ],
  },
  {
    id: 'kernel.drm-initialized',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/drm_drv.c drm_dev_register()',
    format: 'Initialized %s %d.%d.%d %s for %s on minor %d\n',
    versions:
      'printed with DRM_INFO ("[drm] Initialized …"), since Linux 6.x with drm_info ("DRIVER ADDR: [drm] Initialized …"); Linux 6.14+ drops the driver date ("Initialized %s %d.%d.%d for %s on minor %d")',
    patterns: [
      new RegExp(
        `\\[drm\\] Initialized (?<driver>[\\w-]{1,32}) \\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?: \\d{8})? for (?:${BDF}|(?<target>[\\w.:-]{1,64})) on minor (?<minor>\\d{1,3})`,
      ),
    ],
    severity: 'info',
    title: 'A DRM driver registered a display device (routine)',
    cause:
      'a DRM (graphics) driver finished probing and created /dev/dri/cardN for the device named: from here that driver owns it. It is the line to look for to learn which driver took which GPU at boot',
    fix: 'nothing to do, unless the driver named took a GPU meant for a VM (then bind vfio-pci to it at boot)',
    refine: (f) => {
      const driver = f.driver ?? '';
      if (/^(simpledrm|efidrm|vesadrm|ofdrm)$/.test(driver))
        return {
          title: 'The firmware framebuffer became a DRM device (simpledrm)',
          cause: `${driver} took over the framebuffer the firmware left on the boot GPU (${f.target ?? 'simple-framebuffer'}): it holds that GPU's memory range until a native GPU driver replaces it. When the boot GPU is to be passed to a VM, this claim is what makes vfio-pci or QEMU fail to reserve the BAR ("BAR 0: can't reserve", "could not acquire memory range")`,
          fix: 'for passing the boot GPU, stop the firmware framebuffer from being created: initcall_blacklist=sysfb_init on the kernel command line (or unbind simple-framebuffer.0 before the VM starts); otherwise nothing to do',
        };
      if (/^(amdgpu|radeon|nouveau|nvidia-drm|nvidia_drm)$/.test(driver) && f.bdf)
        return {
          cause: `the host driver ${driver} registered the GPU ${f.bdf}: the host owns it from boot. Fine for the host's own GPU; for a GPU meant for a VM this is the binding to prevent`,
          fix: `if ${f.bdf} is meant for a VM, bind vfio-pci to it at boot (vfio-pci.ids= with its vendor:device, or a softdep so vfio-pci loads before ${driver})`,
        };
      if (/^(virtio_gpu|virtio-gpu|qxl|bochs-drm|bochs|cirrus|vmwgfx)$/.test(driver))
        return {
          cause: `${driver} is the driver of an emulated display: this log comes from inside a VM, whose virtual display is ready. A passed-through GPU shows its own line (amdgpu, nouveau, i915…) next to it`,
        };
      return undefined;
    },
    render: render('[drm] ', 'amdgpu', 3, 57, 0, '20150101', '0000:03:00.0', 1),
    examples: [
      ex('[    1.312000] [drm] Initialized simpledrm 1.0.0 20200625 for simple-framebuffer.0 on minor 0', {
        driver: 'simpledrm',
        target: 'simple-framebuffer.0',
      }),
      ex('amdgpu 0000:03:00.0: [drm] Initialized amdgpu 3.57.0 20150101 for 0000:03:00.0 on minor 1', {
        driver: 'amdgpu',
        bdf: '0000:03:00.0',
        minor: '1',
      }),
      ex('[    5.388380] [drm] Initialized i915 1.6.0 20171023 for 0000:00:02.0 on minor 0', {
        driver: 'i915',
      }),
      ex('virtio_gpu virtio0: [drm] Initialized virtio_gpu 0.1.0 for virtio0 on minor 0', {
        driver: 'virtio_gpu',
        target: 'virtio0',
      }),
    ],
  },
  {
    id: 'kernel.sysfb-vram-smaller',
    source: 'kernel',
    cite: 'torvalds/linux drivers/firmware/sysfb_simplefb.c sysfb_create_simplefb() (before 5.15: arch/x86/kernel/sysfb_simplefb.c create_simplefb())',
    format: 'sysfb: VRAM smaller than advertised\n',
    versions:
      'the same function prints, with KERN_DEBUG, "sysfb: inaccessible VRAM base" for a base address it cannot use',
    patterns: [/sysfb: VRAM smaller than advertised/, /sysfb: inaccessible VRAM base/],
    severity: 'warning',
    title: "The firmware's framebuffer description is inconsistent: no simple-framebuffer device",
    cause:
      'the boot framebuffer the firmware described (screen_info: base, size, mode) does not fit: the mode needs more memory than the VRAM size advertised, or the base address is missing or out of reach. The kernel does not create the simple-framebuffer device, so simpledrm/simplefb do not start; the legacy efifb or vesafb device is registered instead where the kernel has them, otherwise there is no early console until a GPU driver loads.',
    fix: 'harmless when a GPU driver takes over the display later; otherwise it is a firmware bug in the boot graphics mode: another video mode or output in the firmware setup, or a firmware update, avoids it',
    render: render(''),
    examples: [ex('[    0.300000] sysfb: VRAM smaller than advertised'), ex('sysfb: inaccessible VRAM base')],
  },

  // ---------------------------------------------------------------- drivers/pci/vgaarb.c
  {
    id: 'kernel.vgaarb-overriding-boot',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/vga/vgaarb.c vga_arb_update_default_device() / vga_arb_select_default_device()',
    format: 'overriding boot device\n',
    versions:
      'Linux 4.x–5.x, printed with vgaarb_info(): "pci ADDR: vgaarb: overriding boot device"; newer kernels say "setting as boot VGA device (overriding previous)" instead (kernel.vgaarb-boot-vga)',
    patterns: [/vgaarb: overriding boot device/],
    severity: 'info',
    title: 'vgaarb made this GPU the boot VGA device: the firmware framebuffer is on it (routine at boot)',
    cause:
      "vgaarb first picked another VGA device, then found that the firmware framebuffer (the boot screen's memory, screen_info) lies inside one of this GPU's BARs and made this GPU the boot device instead: its boot_vga file reads 1, efifb/simpledrm draw on it, and its ROM may be the firmware's shadow copy. Which GPU gets the boot screen is the firmware's choice (primary display setting, which slot a monitor is on)",
    fix: 'if this GPU is meant for a VM, make the other GPU primary in the firmware setup (or move the monitor), or plan for passing the boot GPU (release efifb/simpledrm and use a ROM file); `vfiokit doctor` shows which GPU is the boot device',
    render: render('pci 0000:01:00.0: vgaarb: '),
    examples: [
      ex('[    1.694035] pci 0000:b1:00.0: vgaarb: overriding boot device', { bdf: '0000:b1:00.0' }),
      ex('[    0.268571] pci 0000:01:00.0: vgaarb: overriding boot device', { bdf: '0000:01:00.0' }),
    ],
  },

  // ---------------------------------------------------------------- GPU drivers and power
  {
    id: 'kernel.amdgpu-runtime-pm-mode',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_kms.c amdgpu_driver_load_kms() (newer kernels: amdgpu_device.c amdgpu_device_detect_runtime_pm_mode())',
    format: 'Using BACO for runtime pm\n',
    versions:
      'also "Using BOCO for runtime pm", "Using ATPX for runtime pm", "Using BAMACO for runtime pm", and with amdgpu.runpm=1/2 "Forcing BACO|BAMACO for runtime pm"',
    patterns: [/(?<how>Using|Forcing) (?<mode>BACO|BOCO|ATPX|BAMACO) for runtime pm/],
    severity: 'info',
    title: 'amdgpu will power the GPU down when it is idle (runtime power management; routine)',
    cause:
      "the host amdgpu enabled runtime power management for this GPU: when nothing uses it, it is put to sleep — BACO/BAMACO turn the chip off while the PCIe link stays up, BOCO and ATPX let the platform cut its power (D3cold, laptops' discrete GPUs). Routine for a GPU the host uses. For a GPU handed to a VM later it matters: a GPU unbound from amdgpu while powered down, or one that does not wake from BOCO, shows up in vfio-pci as stuck in D3 or unreadable",
    fix: 'for a GPU meant for a VM, keep amdgpu off it (bind vfio-pci at boot); when handing a host-used GPU over at run time, wake it and keep it awake first (`echo on > /sys/bus/pci/devices/ADDR/power/control`) or boot with amdgpu.runpm=0',
    refine: (f) =>
      f.mode === 'BOCO' || f.mode === 'ATPX'
        ? {
            cause: `amdgpu will let the platform cut the GPU's power when it is idle (${f.mode}: D3cold through ACPI, the discrete GPU of a laptop or a hybrid-graphics desktop). Passing such a GPU to a VM needs it powered on: after a runtime power-down it reads as all ones (unknown header type 7f) until the platform powers it again`,
          }
        : undefined,
    render: render('amdgpu 0000:03:00.0: amdgpu: '),
    examples: [
      ex('amdgpu 0000:03:00.0: amdgpu: Using BACO for runtime pm', { mode: 'BACO', bdf: '0000:03:00.0' }),
      ex('amdgpu 0000:01:00.0: amdgpu: Using BOCO for runtime pm', { mode: 'BOCO' }),
      ex('amdgpu 0000:01:00.0: amdgpu: Using ATPX for runtime pm', { mode: 'ATPX' }),
    ],
  },
  {
    id: 'kernel.nvidia-remove-in-use',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-pci.c nv_pci_remove() (the same text in the closed driver)',
    format: 'NVRM: Attempting to remove device %04x:%02x:%02x.%x with non-zero usage count!\n',
    versions: 'older drivers: "NVRM: Attempting to remove minor device %u with non-zero usage count!"',
    patterns: [
      new RegExp(`NVRM: Attempting to remove device ${BDF} with non-zero usage count!`),
      /NVRM: Attempting to remove minor device (?<minor>\d{1,3}) with non-zero usage count!/,
    ],
    severity: 'error',
    title: 'The NVIDIA driver was told to let go of a GPU that is still in use',
    cause:
      "the nvidia driver was asked to release the GPU (an unbind before handing it to vfio-pci, a hook script, a PCI remove) while a process still held it open: a display server or Wayland compositor (GNOME and KDE open every GPU, even one with no screen on it), nvidia-persistenced, a CUDA or monitoring program. The driver cannot give up a GPU in use, so it waits for the count to drop: the unbind hangs, and with it the script, libvirt's start of the VM and often the desktop",
    fix: 'before unbinding, stop everything that uses the GPU: `fuser -v /dev/nvidia*` (or `lsof /dev/nvidia* /dev/dri/card*`) lists the holders; stop nvidia-persistenced and keep the compositor off that GPU. Simpler and safer: bind vfio-pci to the GPU at boot so nvidia never takes it. A hung unbind usually needs a reboot',
    render: render('', 0, 1, 0, 0),
    examples: [
      ex('kernel: NVRM: Attempting to remove device 0000:01:00.0 with non-zero usage count!', {
        bdf: '0000:01:00.0',
      }),
      ex('NVRM: Attempting to remove minor device 1 with non-zero usage count!', { minor: '1' }),
    ],
  },
  {
    id: 'kernel.nvidia-insufficient-power',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osinit.c RmInitAdapter() (NV_ERR_INSUFFICIENT_POWER; the same text in the closed driver)',
    format: 'GPU does not have the necessary power cables connected.\n',
    versions:
      'printed with NV_DEV_PRINTF: "NVRM: GPU ADDR: GPU does not have …", followed by "RmInitAdapter failed! (0x24:0x1c:…)"',
    patterns: [new RegExp(`NVRM: (?:GPU ${BDF}: )?GPU does not have the necessary power cables connected`)],
    severity: 'error',
    title: 'The NVIDIA GPU reports that its auxiliary power is not connected',
    cause:
      "the GPU's power-sense circuit says its auxiliary power connectors (6/8-pin, 12V-2x6, or the EPS-style 8-pin of Tesla cards) do not deliver power, so the driver refuses to start it: RmInitAdapter fails right after (0x24:0x1c) and nvidia-smi finds no device. The card still shows in lspci because the slot powers its PCIe interface. Inside a VM the card sees the same physical supply: the cause is on the host's hardware, not in the passthrough",
    fix: "power the host off and check the card's power cables at both ends (modular cables work loose; data-centre cards such as the Tesla P40/V100 take a CPU/EPS 8-pin cable, not a PCIe one); with several GPUs, make sure the power supply has a separate cable per connector",
    render: render('NVRM: GPU 0000:01:00.0: '),
    examples: [
      ex('NVRM: GPU 0000:01:00.0: GPU does not have the necessary power cables connected.', {
        bdf: '0000:01:00.0',
      }),
      ex('NVRM: GPU 0000:13:00.0: GPU does not have the necessary power cables connected.', {
        bdf: '0000:13:00.0',
      }),
    ],
  },
];

/** Further wordings the entries above recognise, for the coverage ledger. */
export const POWER_AER_BAR_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.pcie-pme-spurious',
    file: 'torvalds/linux drivers/pci/pcie/pme.c',
    format: 'interrupt generated for non-existent device %02x:%02x.%d',
    text: 'pcieport 0000:00:1c.0: PME: interrupt generated for non-existent device 03:00.1',
  },
  {
    id: 'kernel.pciehp-button-press',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c',
    format: 'Slot(%s): Attention button pressed',
    text: 'pcieport 0003:00:00.0: pciehp: Slot(31): Attention button pressed',
  },
  {
    id: 'kernel.pciehp-button-press',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Action canceled due to button press',
    text: 'pcieport 0000:00:02.0: pciehp: Slot(0): Action canceled due to button press',
  },
  {
    id: 'kernel.pciehp-link-training-failed',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c',
    format: 'Slot(%s): No link',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(0): No link',
  },
  {
    id: 'kernel.pciehp-link-training-failed',
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c',
    format: 'Slot(%s): No device found',
    text: 'pcieport 0000:00:1c.0: pciehp: Slot(0): No device found',
  },
  {
    id: 'kernel.resource-sanity-check',
    file: 'torvalds/linux arch/x86/mm/ioremap.c',
    format: 'caller %pS mapping multiple BARs',
    text: 'caller pci_map_rom+0x7a/0x150 mapping multiple BARs',
  },
  {
    id: 'kernel.amdgpu-large-bar-no-space',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c',
    format: 'Problem resizing BAR0 (%d).',
    text: 'amdgpu 0000:0c:00.0: amdgpu: Problem resizing BAR0 (-16).',
  },
  {
    id: 'kernel.intel-lmem-bar-resize-failed',
    file: 'torvalds/linux drivers/gpu/drm/xe/xe_vram.c',
    format:
      "Using a reduced BAR size of %lluMiB. Consider enabling 'Resizable BAR' or similar, if available in the BIOS.",
    text: "xe 0000:03:00.0: [drm] Using a reduced BAR size of 256MiB. Consider enabling 'Resizable BAR' or similar, if available in the BIOS.",
  },
  {
    id: 'kernel.amdgpu-runtime-pm-mode',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_kms.c',
    format: 'Using BOCO for runtime pm',
    text: 'amdgpu 0000:01:00.0: amdgpu: Using BOCO for runtime pm',
  },
];

/** Strings of the swept files left out, with the reason. */
export const POWER_AER_BAR_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/pci/pcie/pme.c',
    format: 'Signaling with IRQ %d',
    why: 'routine boot line of the PME service on every root port; says nothing about a device',
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_hpc.c',
    format:
      'Slot #%d AttnBtn%c PwrCtrl%c MRL%c AttnInd%c PwrInd%c HotPlug%c Surprise%c Interlock%c NoCompl%c IbPresDis%c LLActRep%c%s',
    why: "routine listing of a hot-plug port's capabilities at boot; the hot-plug events themselves (link up/down, button, link training) are covered",
  },
  {
    file: 'torvalds/linux drivers/pci/hotplug/pciehp_ctrl.c',
    format: 'Slot(%s): Ignoring invalid state %#x',
    why: "a pciehp state-machine inconsistency (a button press in a state that has none); a kernel bug report, not something the host's VFIO setup causes",
  },
  {
    file: 'torvalds/linux drivers/base/power/main.c',
    format: 'PM: %s(): %pS returns %d',
    why: "host suspend/resume reporting a driver callback's error; it names the failing driver (nvidia, amdgpu), whose own lines carry the meaning, and is not on the device-assignment path",
  },
];
