/**
 * QEMU messages around placing an assigned device: the Intel IGD paths of hw/vfio/igd.c as QEMU
 * 10 reworked them (x-igd-legacy-mode, x-igd-lpc, x-igd-gms), the PCI core (hw/pci/pci.c slot and
 * ROM checks, hw/pci/pcie.c slot hotplug) and device_add/device_del (system/qdev-monitor.c).
 * Found by going through those files' format strings; see qemu-sweep.ts for hw/vfio proper.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const QEMU = 'qemu-system-x86_64: ';
const IGD = `${QEMU}-device vfio-pci,host=0000:00:02.0,addr=02.0: vfio 0000:00:02.0: `;
const ERR = '(?::\\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?';

/** Why the LPC/host-bridge ID copy of x-igd-lpc failed, by the message printed. */
function lpcRefine(f: Readonly<Record<string, string>>) {
  const w = f.what ?? '';
  if (/existing device|must have address/.test(w))
    return {
      cause:
        "the IGD quirk must put its own ISA/LPC bridge at guest address 00:1f.0 and copy the host's LPC IDs into it; on q35 the ICH9 LPC bridge already sits at 1f.0 (and a user-created vfio-pci-igd-lpc-bridge must be at 1f.0), so the quirk is refused",
      fix: 'use the i440fx machine type (-machine pc) for legacy IGD mode, or on q35 drop x-igd-lpc (UEFI guests with a recent i915/Windows driver do not need it)',
    };
  if (/kernel/.test(w))
    return {
      cause:
        'the host kernel offers no IGD host-bridge/LPC config regions for this device (vfio-pci adds them for Intel IGD since Linux 4.6; a mediated GVT-g vGPU or a discrete Intel GPU has none)',
      fix: 'drop x-igd-lpc for this device; it only applies to an integrated GPU assigned whole',
    };
  if (/hotplugged/.test(w))
    return {
      cause:
        'the LPC/host-bridge ID quirk creates and changes devices at machine start; a hot-added IGD cannot get it',
      fix: 'add the IGD at VM start (on the command line or in the libvirt XML), not with device_add',
    };
  return undefined;
}

export const QEMU_SWEEP_PCI_ENTRIES: CatalogueEntry[] = [
  // ---- Intel IGD (hw/vfio/igd.c, QEMU 10.0+; before 5.x in hw/vfio/pci-quirks.c) ----
  {
    id: 'qemu.igd-legacy-mode-refused',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_config_quirk()',
    format:
      "Machine is not i440fx, assigned BDF is not 00:02.0, or device %04x (gen %d) doesn't support legacy mode",
    versions: 'QEMU 10.0+, printed only with x-igd-legacy-mode=on',
    patterns: [
      /Machine is not i440fx, assigned BDF is not [^,\n]{1,16}, or device (?<device>[0-9a-f]{4}) \(gen (?<gen>-?\d{1,2})\) doesn't support legacy mode/,
    ],
    severity: 'error',
    title: 'x-igd-legacy-mode=on was asked for where legacy IGD mode cannot work',
    cause:
      'legacy IGD assignment (the VGA BIOS of the integrated GPU running in the guest) needs all of: the i440fx machine type (pc), the IGD at guest address 00:02.0, a generation 6–9 IGD (Sandy Bridge to Comet Lake) that claims VGA on the host; one of them is not met, and x-igd-legacy-mode=on turns the silent fallback into this error',
    fix: 'for a UEFI guest use x-igd-legacy-mode=off (or leave it auto) with x-igd-opregion=on and a GOP ROM (romfile=); for legacy mode use -machine pc and addr=02.0 on a gen 6–9 IGD',
    render: render(IGD, 0x4680, 12),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,x-igd-legacy-mode=on: vfio 0000:00:02.0: Machine is not i440fx, assigned BDF is not 00:02.0, or device 4680 (gen 12) doesn't support legacy mode",
        { device: '4680', gen: '12' },
      ),
    ],
  },
  {
    id: 'qemu.igd-legacy-mode-disabled',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_config_quirk()',
    format: 'IGD legacy mode disabled',
    versions:
      'QEMU 10.0+, after "Device has no ROM" or "Unable to enable VGA access" (or an OpRegion/LPC error); QEMU 5.x–9.x appended "IGD legacy mode disabled" as a hint to the OpRegion and LPC errors',
    patterns: [/IGD legacy mode disabled/, /(?<why>Device has no ROM|Unable to enable VGA access)$/],
    severity: 'warning',
    title: 'Legacy IGD mode was tried automatically and given up',
    cause:
      'the conditions for legacy IGD assignment looked met (i440fx, IGD at 00:02.0, gen 6–9), so QEMU tried it, but the IGD has no option ROM to run (no ROM BAR on the host and no romfile=) or vfio-pci could not give it the VGA ranges; QEMU continues in UPT mode, where the guest firmware shows no picture on the IGD',
    fix: 'give the VBIOS/GOP with romfile= (dumped from the host firmware or a known-good ROM for the CPU generation), check vfio-pci was loaded with VGA support (CONFIG_VFIO_PCI_VGA), or set x-igd-legacy-mode=off to use UPT mode on purpose',
    render: render(QEMU),
    examples: [
      ex('qemu-system-x86_64: IGD legacy mode disabled'),
      ex('qemu-system-x86_64: Device has no ROM', { why: 'Device has no ROM' }),
    ],
  },
  {
    id: 'qemu.igd-lpc-bridge-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_setup_lpc_bridge() / vfio_pci_igd_lpc_bridge_realize() / vfio_pci_igd_copy()',
    format: 'Cannot create LPC bridge due to existing device at 1f.0',
    versions:
      'QEMU 10.0+ (x-igd-lpc); also "IGD LPC is not supported on hotplugged device", "IGD LPC bridge access is not supported by kernel", "IGD host bridge access is not supported by kernel", "Failed to create/modify LPC bridge for IGD", "Failed to modify host bridge for IGD", "VFIO dummy ISA/LPC bridge must have address 1f.0", "IGD copy failed: %m", "Can\'t find host bridge"; QEMU 2.7–9.x: "IGD device %s failed to create LPC bridge, legacy mode disabled" (qemu.igd-legacy-vga-failed)',
    patterns: [
      /(?<what>Cannot create LPC bridge due to existing device at 1f\.0|IGD LPC is not supported on hotplugged device|VFIO dummy ISA\/LPC bridge must have address 1f\.0)/,
      /IGD (?<what>LPC bridge|host bridge)[ ]access is not supported by kernel/,
      /Failed to (?<what>create\/modify LPC bridge|modify host bridge) for IGD/,
      new RegExp(`(?<what>IGD copy failed|Can't find host bridge)${ERR}`),
    ],
    severity: 'error',
    title: "The IGD's LPC/host-bridge ID quirk could not be set up",
    cause:
      "the IGD's video BIOS and some drivers check the IDs of the chipset's host bridge (00:00.0) and LPC bridge (00:1f.0); the quirk (x-igd-lpc=on, or legacy mode) copies the host's IDs into the guest's bridges through vfio-pci's IGD config regions, and one step failed",
    fix: 'use the i440fx machine type for this quirk, add the IGD at start (not hotplugged), or drop x-igd-lpc where the guest driver does not need it',
    refine: lpcRefine,
    render: render(IGD),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,addr=02.0,x-igd-lpc=on: vfio 0000:00:02.0: Cannot create LPC bridge due to existing device at 1f.0',
        { what: 'Cannot create LPC bridge due to existing device at 1f.0' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,x-igd-lpc=on: vfio 0000:00:02.0: IGD LPC bridge access is not supported by kernel',
        { what: 'LPC bridge' },
      ),
      ex('qemu-system-x86_64: IGD copy failed: Input/output error'),
    ],
  },
  {
    id: 'qemu.igd-detected',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_config_quirk() (info_report)',
    format: 'OpRegion detected on Intel display %x.',
    versions:
      'QEMU 10.0+; also "IGD legacy mode enabled, use x-igd-legacy-mode=off to disable it if unwanted."',
    patterns: [
      /OpRegion detected on Intel display (?<device>[0-9a-f]{1,4})\./,
      /IGD legacy mode enabled, use x-igd-legacy-mode=off to disable it if unwanted/,
    ],
    severity: 'info',
    title: 'QEMU recognised an Intel integrated GPU (harmless)',
    cause:
      'the device has the IGD OpRegion region, so QEMU applies the IGD quirks (OpRegion copy, stolen-memory size, and on i440fx with the IGD at 00:02.0 the legacy VGA mode); these lines only report that',
    fix: 'nothing to do; if the guest shows no picture, read the IGD lines that follow (ROM, LPC bridge, OpRegion)',
    render: render(`${QEMU}info: `, 0x4680),
    examples: [
      ex('qemu-system-x86_64: info: OpRegion detected on Intel display 4680.', { device: '4680' }),
      ex(
        'qemu-system-x86_64: info: IGD legacy mode enabled, use x-igd-legacy-mode=off to disable it if unwanted.',
      ),
    ],
  },
  {
    id: 'qemu.igd-opregion-hotplug-skipped',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_opregion_detect()',
    format: 'IGD device detected, but OpRegion is not supported on hotplugged device.',
    versions:
      'QEMU 10.0+ (a warning; older versions refused x-igd-opregion on a hotplugged device with an error)',
    patterns: [/IGD device detected, but OpRegion is not supported on hotplugged device/],
    severity: 'warning',
    title: 'A hot-added IGD gets no OpRegion',
    cause:
      "the OpRegion (the IGD's video BIOS tables) is handed to the guest firmware through fw_cfg at machine start; a device added later with device_add cannot get it, so QEMU skips every IGD quirk and the guest driver finds no display outputs",
    fix: 'add the IGD at VM start (command line or libvirt XML) rather than hot-plugging it',
    render: render(`${QEMU}warning: `),
    examples: [
      ex(
        'qemu-system-x86_64: warning: IGD device detected, but OpRegion is not supported on hotplugged device.',
      ),
    ],
  },
  {
    id: 'qemu.igd-gms-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_override_gms()',
    format: 'x-igd-gms is not supported on this device',
    versions:
      'QEMU 10.0+; a value out of range prints "Parameter \'x-igd-gms\' expects 0~0x10" (gen 6–7), "0~0x40" (gen 8) or "0~0x40 or 0xf0~0xfe" (gen 9+); older: "Unsupported IGD GMS value 0x%x" (qemu.igd-gms-unsupported)',
    patterns: [
      /x-igd-gms is not supported on this device/,
      /Parameter 'x-igd-gms' expects (?<range>0~0x[0-9a-f]{2}(?: or 0xf0~0xfe)?)/,
    ],
    severity: 'error',
    title: 'x-igd-gms cannot be applied to this IGD',
    cause:
      "x-igd-gms overrides the IGD's stolen-memory size (GMS field of the GMCH register) that the guest firmware reserves; QEMU knows the field's layout only for IGD generations it recognises, and the value must be one the generation encodes (units of 32 MiB, and on gen 9+ also 4 MiB steps from 0xf0)",
    fix: 'drop x-igd-gms (set the pre-allocated graphics memory, DVMT, in the host firmware instead) or give a value in the range the message names',
    render: render(IGD),
    examples: [
      ex('qemu-system-x86_64: x-igd-gms is not supported on this device'),
      ex("qemu-system-x86_64: Parameter 'x-igd-gms' expects 0~0x40", { range: '0~0x40' }),
    ],
  },
  {
    id: 'qemu.igd-command-register',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU 2.7–4.x: hw/vfio/pci-quirks.c)',
    format: 'IGD device %s - failed to read PCI command register',
    versions:
      'also "… failed to write PCI command register" and "… failed to restore PCI command register" (QEMU 2.7–9.x)',
    patterns: [
      /IGD device (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) - failed to (?<op>read|write|restore)[ ]PCI command register/,
    ],
    severity: 'error',
    title: "QEMU could not reach the IGD's command register while clearing its GTT",
    cause:
      "in legacy mode QEMU enables I/O decoding on the IGD for a moment to clear its graphics translation table through the I/O BAR, then restores the command register; the config-space access through vfio-pci failed, so the IGD does not answer (powered down or hung), and the guest's VGA BIOS may scribble on stale mappings",
    fix: 'check the IGD still answers (lspci -s 00:02.0 -vv), keep it powered (vfio-pci disable_idle_d3=1) and restart the VM; if it persists reboot the host',
    render: render(QEMU, '0000:00:02.0'),
    examples: [
      ex('qemu-system-x86_64: IGD device 0000:00:02.0 - failed to write PCI command register', {
        bdf: '0000:00:02.0',
        op: 'write',
      }),
    ],
  },
  // ---- PCI core (hw/pci/pci.c) ----
  {
    id: 'qemu.pci-only-bridges',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: Only PCI/PCIe bridges can be plugged into %s',
    patterns: [/PCI: Only PCI\/PCIe bridges can be plugged into (?<bus>[\w.-]{1,40})/],
    severity: 'error',
    title: 'The device was put on a bus that takes only bridges',
    cause:
      'the bus named by bus= belongs to an expander host bridge (pxb-pcie, pxb, a CXL host bridge) whose root bus accepts only bridges and root ports; endpoints such as vfio-pci must sit behind a root port on it',
    fix: 'add a pcie-root-port on that bus (-device pcie-root-port,id=rpN,bus=pxb0,chassis=N) and put the device on it with bus=rpN',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,bus=pxb0: `, 'pxb0'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=pxb0: PCI: Only PCI/PCIe bridges can be plugged into pxb0',
        {
          bus: 'pxb0',
        },
      ),
    ],
  },
  {
    id: 'qemu.pci-function0-occupied',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: slot %d function 0 already occupied by %s, new func %s cannot be exposed to guest.',
    patterns: [
      /PCI: slot (?<slot>\d{1,2})[ ]function 0 already occupied by (?<by>[\w-]{1,40}), new func (?<dev>[\w-]{1,40}) cannot be exposed to guest/,
    ],
    severity: 'error',
    title: 'A function was hot-added to a slot whose function 0 is already live',
    cause:
      'the guest scans the other functions of a slot only when function 0 appears; QEMU refuses a device hot-added at function 1–7 of a slot whose function 0 is already present and seen by the guest, because the guest would never find it',
    fix: 'hot-add the functions 1–7 first and function 0 last (function 0 with multifunction=on), or give the device a slot of its own',
    render: render(`${QEMU}`, 5, 'vfio-pci', 'vfio-pci'),
    examples: [
      ex(
        'qemu-system-x86_64: PCI: slot 5 function 0 already occupied by vfio-pci, new func vfio-pci cannot be exposed to guest.',
        { slot: '5', by: 'vfio-pci', dev: 'vfio-pci' },
      ),
    ],
  },
  {
    id: 'qemu.pci-slot-reserved',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: slot %d function %d not available for %s, reserved',
    versions: 'QEMU 6.0+ (bus reserved-slot masks)',
    patterns: [
      /PCI: slot (?<slot>\d{1,2}) function (?<fn>\d)[ ]not available for (?<dev>[\w-]{1,40}), reserved/,
    ],
    severity: 'error',
    title: 'The guest slot asked for is reserved on this bus',
    cause:
      "the bus reserves some slots (a machine's slot-reserved-mask, e.g. slots kept for the platform's own devices); the device's addr= names one of them",
    fix: 'pick another addr= on the bus, or leave addr= out and let QEMU or libvirt choose',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,addr=1f.0: `, 31, 0, 'vfio-pci'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,addr=1f.0: PCI: slot 31 function 0 not available for vfio-pci, reserved',
        { slot: '31', dev: 'vfio-pci' },
      ),
    ],
  },
  {
    id: 'qemu.romfile-size-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_add_option_rom() / pci_qdev_realize()',
    format: 'romfile "%s" (%u bytes) is too large for ROM size %u',
    versions:
      'QEMU 8.2+ (romsize=); also "ROM size %u is not a power of two" and "failed to load romfile \\"%s\\"" (the file could not be read)',
    patterns: [
      /romfile "(?<romfile>[^"\n]{1,200})" \((?<bytes>\d{1,12})[ ]bytes\) is too large for ROM size (?<romsize>\d{1,12})/,
      /ROM size (?<romsize>\d{1,12})[ ]is not a power of two/,
      /failed to load romfile "(?<romfile>[^"\n]{1,200})"/,
    ],
    severity: 'error',
    title: 'The option ROM file does not fit the ROM BAR',
    cause:
      'romsize= fixes the size of the guest ROM BAR, which must be a power of two and at least as large as the file given with romfile=; or QEMU could not read the file ("failed to load": permissions or an AppArmor/SELinux label keep the QEMU process from it)',
    fix: 'drop romsize= (QEMU sizes the BAR from the file) or give a power of two ≥ the file size; for "failed to load" put the ROM under /usr/share/qemu or /var/lib/libvirt and make it readable by the QEMU user',
    render: render(
      `${QEMU}-device vfio-pci,host=0000:01:00.0,romfile=/tmp/gpu.rom,romsize=65536: `,
      '/tmp/gpu.rom',
      131072,
      65536,
    ),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,romfile=/tmp/gpu.rom,romsize=65536: romfile "/tmp/gpu.rom" (131072 bytes) is too large for ROM size 65536',
        { romfile: '/tmp/gpu.rom', bytes: '131072', romsize: '65536' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,romfile=/root/gpu.rom: failed to load romfile "/root/gpu.rom"',
      ),
    ],
  },
  {
    id: 'qemu.hotplug-rom-needs-bar',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_add_option_rom()',
    format: "Hot-plugged device without ROM bar can't have an option ROM",
    patterns: [/Hot-plugged device without ROM bar can't have an option ROM/],
    severity: 'error',
    title: 'A hot-added device was given a ROM file but no ROM BAR',
    cause:
      'without a ROM BAR (rombar=0) QEMU loads the ROM into firmware memory at machine start; a device added later with device_add has no such path, so romfile= with rombar=0 is refused',
    fix: 'drop romfile= (the guest OS driver does not need the ROM after boot) or keep rombar=1 for the hot-added device',
    render: render(QEMU),
    examples: [ex("qemu-system-x86_64: Hot-plugged device without ROM bar can't have an option ROM")],
  },
  {
    id: 'qemu.failover-primary-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_qdev_realize()',
    format: 'failover primary device must be on PCIExpress bus',
    versions:
      'also "failover primary device is not an Ethernet device" and "failover: primary device must be in its own PCI slot" (QEMU 5.0+)',
    patterns: [
      /failover primary device (?<why>must be on PCIExpress bus|is not an Ethernet device)/,
      /failover: primary device must be in its own PCI slot/,
    ],
    severity: 'error',
    title: 'An assigned NIC cannot be the failover primary as placed',
    cause:
      'failover_pair_id= makes an assigned NIC (usually an SR-IOV VF) the primary of a virtio-net standby so the VM can migrate; QEMU hot-unplugs and re-plugs the primary, so it must be an Ethernet-class device alone in a slot of a PCIe port',
    fix: 'put the VF on its own pcie-root-port (bus=rpN, function 0, no multifunction) and check it is a network function (class 02xx)',
    render: render(`${QEMU}-device vfio-pci,host=0000:3b:02.0,failover_pair_id=net1: `),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:3b:02.0,failover_pair_id=net1,bus=pci.0: failover primary device must be on PCIExpress bus',
        { why: 'must be on PCIExpress bus' },
      ),
    ],
  },
  {
    id: 'qemu.msix-unsupported-by-irqchip',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/msix.c msix_init() (a warning through hw/vfio/pci.c vfio_msix_setup())',
    format: 'MSI-X is not supported by interrupt controller',
    versions:
      'hw/pci/msi.c msi_init() words it "MSI is not supported by interrupt controller" (vfio-pci drops MSI silently)',
    patterns: [/(?<what>MSI-X|MSI)[ ]is not supported by interrupt controller/],
    severity: 'warning',
    title: "The guest's interrupt controller cannot take MSI-X, so the device falls back to INTx",
    cause:
      'QEMU exposes MSI/MSI-X only when the emulated interrupt controller can deliver message-signalled interrupts (msi_nonbroken): an ARM virt machine without an ITS (gic-version=2 without v2m, or GICv3 ITS under TCG), or a machine whose irqchip was turned off; vfio-pci then hides the capability and the device must use its legacy INTx line, which many devices (NVMe, multi-queue NICs, modern GPUs) do not work well with or at all',
    fix: 'give the guest an MSI-capable interrupt controller: on ARM -machine virt,gic-version=3 with KVM (or host), on x86 keep the in-kernel irqchip (no kernel_irqchip=off)',
    render: render(`${QEMU}warning: `),
    examples: [
      ex('qemu-system-aarch64: warning: MSI-X is not supported by interrupt controller', { what: 'MSI-X' }),
    ],
  },
  // ---- PCIe ports and bridges (hw/pci-bridge/*.c, hw/pci/slotid_cap.c) ----
  {
    id: 'qemu.pcie-chassis-slot-taken',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci-bridge/pcie_root_port.c rp_realize() (also xio3130_downstream.c, pcie_pci_bridge.c) via hw/pci/pcie_port.c pcie_chassis_add_slot()',
    format: "Can't add chassis slot, error %d",
    versions:
      'a pci-bridge or pxb without chassis= prints "Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0." (hw/pci/slotid_cap.c slotid_cap_init())',
    patterns: [
      /Can't add chassis slot, error (?<errno>-\d{1,3})/,
      /Bridge chassis not specified\. Each bridge is required to be assigned a unique chassis id > 0/,
    ],
    severity: 'error',
    title: 'Two PCIe ports (or bridges) share a chassis/slot number',
    cause:
      'every pcie-root-port and switch downstream port registers its (chassis, slot) pair, which the guest uses to name hotplug slots; "error -16" (EBUSY) means another port already has the same chassis= and slot= — usually hand-written root ports all given chassis=1 and the default slot 0. A pci-bridge or pxb needs a chassis number > 0 of its own',
    fix: 'give each port a distinct pair, e.g. -device pcie-root-port,id=rp1,chassis=1 … ,id=rp2,chassis=2 (or the same chassis with slot=1, slot=2 …), and chassis=N on each pci-bridge; libvirt assigns these itself',
    render: render(`${QEMU}-device pcie-root-port,id=rp2,chassis=1,bus=pcie.0,addr=0x2.1: `, -16),
    examples: [
      ex(
        "qemu-system-x86_64: -device pcie-root-port,id=rp2,chassis=1,bus=pcie.0,addr=0x2.1: Can't add chassis slot, error -16",
        {
          errno: 'EBUSY',
        },
      ),
      ex(
        'qemu-system-x86_64: -device pci-bridge,id=br0,bus=pcie.0: Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.',
      ),
    ],
  },
  // ---- PCIe slot hotplug (hw/pci/pcie.c) ----
  {
    id: 'qemu.pcie-slot-hotplug-refused',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pcie.c pcie_cap_slot_pre_plug_cb() / pcie_cap_slot_unplug_request_cb() / pcie_cap_slot_plug_common()',
    format: "Hot-plug failed: unsupported by the port device '%s'",
    versions:
      'also "Hot-unplug failed: unsupported by the port device \'%s\'", "Hot-unplug failed: guest is busy (power indicator blinking)" and "slot is electromechanically locked"',
    patterns: [
      /Hot-(?<op>plug|unplug)[ ]failed: unsupported by the port device '(?<port>[^'\n]{0,40})'/,
      /Hot-unplug failed: guest is busy \(power indicator blinking\)/,
      new RegExp(`slot is electromechanically locked${ERR}`),
    ],
    severity: 'error',
    title: 'The PCIe port refused the hot-plug or hot-unplug',
    cause:
      "a PCIe root or downstream port takes hot-plug only when its slot has the hot-plug capability (hotplug=on, the default, turned off by libvirt <target hotplug='off'/> or -global pcie-root-port.hotplug=off); an unplug is also refused while the guest is still handling a previous one (the power indicator blinks) or when the slot's electromechanical lock is engaged",
    fix: 'plug into a port with hotplug on; for "guest is busy" wait for the guest to finish (or for the guest OS to respond to the first request) before retrying; a guest that never answers (no ACPI/pciehp driver, or the device in use) keeps the device',
    render: render(QEMU, 'rp1'),
    examples: [
      ex("qemu-system-x86_64: Hot-plug failed: unsupported by the port device 'rp1'", {
        op: 'plug',
        port: 'rp1',
      }),
      ex('qemu-system-x86_64: Hot-unplug failed: guest is busy (power indicator blinking)'),
    ],
  },
  // ---- machine-wide checks a VFIO device trips (hw/core/qdev.c, accel/kvm/kvm-all.c) ----
  {
    id: 'qemu.only-migratable-blocks-device',
    source: 'qemu',
    cite: 'qemu/qemu hw/core/qdev.c check_only_migratable() (older: migration/migration.c)',
    format: 'Device %s is not migratable, but --only-migratable was specified',
    patterns: [/Device (?<dev>[\w.-]{1,40})[ ]is not migratable, but --only-migratable was specified/],
    severity: 'error',
    title: 'An assigned device cannot be added to a VM started with --only-migratable',
    cause:
      '--only-migratable (or -only-migratable) makes QEMU refuse every device that would block live migration; a vfio-pci device without a migration-capable variant driver is such a device (it carries a migration blocker)',
    fix: 'drop --only-migratable for VMs with assigned devices, or use a device whose vfio variant driver supports migration (enable-migration=on)',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0: `, 'vfio-pci'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: Device vfio-pci is not migratable, but --only-migratable was specified',
        {
          dev: 'vfio-pci',
        },
      ),
    ],
  },
  {
    id: 'qemu.kvm-no-free-memslot',
    source: 'qemu',
    cite: 'qemu/qemu accel/kvm/kvm-all.c kvm_alloc_slot()',
    format: '%s: no free slot available',
    versions: 'printed as "kvm_alloc_slot: no free slot available" just before QEMU aborts',
    patterns: [/kvm_alloc_slot: no free slot available/],
    severity: 'error',
    title: 'KVM ran out of memory slots',
    cause:
      "every contiguous piece of guest memory KVM maps is a memory slot: RAM regions, and with device assignment each mmap'd part of every BAR (split around the MSI-X table and the quirk windows); the kernel's limit (KVM_CAP_NR_MEMSLOTS: a few hundred on older kernels, 509 on x86, tens of thousands on recent ones) was reached, so QEMU aborts — typically many assigned devices or VFs with several BARs each, or virtio-mem/DIMM hotplug on an old kernel",
    fix: 'update the host kernel (more memslots), assign fewer functions to one VM, or drop virtio-mem/many memory DIMMs; check the count with `info mtree` in the QEMU monitor',
    render: render(QEMU, 'kvm_alloc_slot'),
    examples: [ex('kvm_alloc_slot: no free slot available')],
  },
  // ---- device_add / device_del (system/qdev-monitor.c) ----
  {
    id: 'qemu.device-wrong-bus-type',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_device_add_from_qdict()',
    format: "Device '%s' can't go on %s bus",
    patterns: [/Device '(?<dev>[\w-]{1,40})'[ ]can't go on (?<bus>[\w-]{1,24}) bus/],
    severity: 'error',
    title: 'bus= names a bus of the wrong kind for the device',
    cause:
      "bus= must name a bus of the device's type (a PCI device on a PCI/PCIe bus); the id given belongs to another kind of bus (USB, SCSI, virtio-serial, ISA) — often a libvirt or hand-written id that collides with a controller of another type",
    fix: 'name a PCI bus (pcie.0, pci.0, or the id of a pcie-root-port/pci-bridge) with bus=, or leave bus= out',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,bus=usb.0: `, 'vfio-pci', 'usb-bus'),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=usb.0: Device 'vfio-pci' can't go on usb-bus bus",
        {
          dev: 'vfio-pci',
          bus: 'usb-bus',
        },
      ),
    ],
  },
  {
    id: 'qemu.bus-path-invalid',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qbus_find()',
    format: "Bus '%s' is full",
    versions: 'also "Device \'%s\' has no child bus" and "Device \'%s\' has multiple child buses"',
    patterns: [
      /Bus '(?<bus>[\w.-]{1,40})'[ ]is full/,
      /Device '(?<dev>[\w.-]{1,40})' has (?<what>no child bus|multiple child buses)/,
    ],
    severity: 'error',
    title: 'bus= cannot take this device',
    cause:
      "bus= was resolved to a bus that has no room (a pcie-root-port or PCIe switch downstream port has a single slot, already used by another device) or names a device that has no bus of its own (an endpoint's id given instead of a port's) or several",
    fix: "give each assigned device its own pcie-root-port (and its other functions with multifunction=on on the same port), and name the port's id — not a device's — in bus=",
    render: render(`${QEMU}-device vfio-pci,host=0000:02:00.0,bus=rp1: `, 'rp1'),
    examples: [
      ex("qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0,bus=rp1: Bus 'rp1' is full", { bus: 'rp1' }),
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0,bus=hostdev0: Device 'hostdev0' has no child bus",
        {
          dev: 'hostdev0',
          what: 'no child bus',
        },
      ),
    ],
  },
  {
    id: 'qemu.device-hotplug-refused',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_device_add_from_qdict() / qdev_unplug() / qmp_device_del()',
    format: "Device '%s' does not support hotplugging",
    versions:
      'also "Device \'%s\' can not be hotplugged on this machine", "Device %s is already in the process of unplug", "device_add not allowed while migrating", "device_del not allowed while migrating"',
    patterns: [
      /Device '(?<dev>[\w.-]{1,40})' (?<what>does not support hotplugging|can not be hotplugged on this machine)/,
      /Device (?<dev>[\w.-]{1,40})[ ]is already in the process of unplug/,
      /device_(?<op>add|del)[ ]not allowed while migrating/,
    ],
    severity: 'error',
    title: 'device_add / device_del was refused',
    cause:
      'QEMU refuses the hot(un)plug: the device type cannot be hot-(un)plugged (vfio-pci-nohotplug, used for ramfb=on, or a device on a bus without hotplug), the machine does not allow it, a migration is running, or an unplug request for this device is already pending — the guest has not yet released it (a GPU still in use by the guest, or a guest without ACPI/PCIe hotplug support)',
    fix: 'for a pending unplug, make the guest release the device (stop what uses it; in Windows "Safely remove"), or shut the VM down; use vfio-pci (not vfio-pci-nohotplug) for devices you need to hot-unplug; wait for the migration to finish',
    render: render(QEMU, 'hostdev0'),
    examples: [
      ex("qemu-system-x86_64: Device 'hostdev0' does not support hotplugging", {
        dev: 'hostdev0',
        what: 'does not support hotplugging',
      }),
      ex('Error: Device hostdev0 is already in the process of unplug', { dev: 'hostdev0' }),
    ],
  },
];
