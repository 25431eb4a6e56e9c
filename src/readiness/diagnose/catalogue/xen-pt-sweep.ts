/**
 * Xen PCI passthrough through QEMU's device model ("xen-pci-passthrough", hw/xen/) and dom0's
 * xen-pciback, swept for what sriov-xen-sweep.ts and virt-misses-sweep.ts left unrecognised.
 * QEMU: IGD (gfx_passthru) set-up, the VBIOS and option ROM read through sysfs, the legacy VGA
 * ranges and the OpRegion mapped for an IGD, config-space accesses refused or failing on the host,
 * MSI/MSI-X binding and the MSI-X table QEMU maps from /dev/mem, the emulated config space that
 * fails to build, and interrupts that cannot be released at teardown. Kernel: the
 * xen-pciback.hide= parser, permissive mode, the export of a device to a domain (PV guests and
 * stub domains), pciback's fake INTx handler, AER on a device a guest holds, and dom0 reporting
 * devices to the hypervisor (drivers/xen/pci.c).
 *
 * Where QEMU prints: XEN_PT_ERR() lines always ("[BB:DD.F] FUNCTION: Error: " first, the
 * address being the device's in the guest, none when there is no device); XEN_PT_LOG() and
 * XEN_PT_WARN() only in builds with XEN_PT_LOGGING_ENABLED (Qubes OS's device model, debug
 * builds). A realize error (error_setg) reaches the user as QEMU's "-device …: MESSAGE" line or,
 * when libxl adds the device over QMP, in libxl's log. XEN_PT_ALSO and XEN_PT_LEFT_OUT are this
 * sweep's ledger for docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const XEN_PT = 'qemu/qemu hw/xen/xen_pt.c';
const XEN_PT_CONFIG = 'qemu/qemu hw/xen/xen_pt_config_init.c';
const XEN_PT_MSI = 'qemu/qemu hw/xen/xen_pt_msi.c';
const XEN_PT_GFX = 'qemu/qemu hw/xen/xen_pt_graphics.c';
const XEN_PT_ROM = 'qemu/qemu hw/xen/xen_pt_load_rom.c';
const XEN_HOST_PCI = 'qemu/qemu hw/xen/xen-host-pci-device.c';
const PCIBACK = 'torvalds/linux drivers/xen/xen-pciback';
const XEN_PCI = 'torvalds/linux drivers/xen/pci.c';

/** The usual xl.cfg line for IGD passthrough, quoted by several fixes. */
const IGD_XL = 'gfx_passthru=1 (or gfx_passthru="igd") with pci=["00:02.0"] in the xl config';

/** Which emulated register group xen_pt_config_init() was building, by its index in xen_pt_emu_reg_grps[]. */
function refineConfigInit(f: Facts): Refinement | undefined {
  if (f.what === 'device/port type')
    return {
      title: "Xen's QEMU refuses to pass through a PCIe port, switch or bridge",
      cause: `the device's PCI Express capability says it is not an endpoint (device/port type ${f.val}: 0x4 root port, 0x5/0x6 switch ports, 0x7/0x8 bridges, 0xa root complex event collector); Xen's QEMU passthrough builds the guest's view of that capability only for endpoints, so it refuses the device and the attach fails`,
      fix: 'pass the endpoint devices below the port or bridge (the GPU, NIC, controller), not the port itself; `lspci -s ADDR -vv | grep "Express ("` shows the type',
    };
  if (f.what === 'capability version')
    return {
      cause: `the device's PCI Express capability reports version ${f.val}, which Xen's QEMU does not know (it handles versions 1 and 2); version 0 usually means the config space reads back wrong: the device is in a low-power state or did not come back from a reset, so its config reads return zeroes or ones`,
      fix: 'check `lspci -s ADDR -vv` on the host: if the capability looks garbled, reset or power-cycle the device (`echo 1 > /sys/bus/pci/devices/ADDR/reset`, or reboot) and retry',
    };
  const grp = f.grp === undefined ? undefined : Number(f.grp);
  if (grp === 12)
    return {
      cause:
        'setting up the guest\'s MSI-X capability failed (register group 12 of xen_pt_emu_reg_grps[]): QEMU could not map the device\'s MSI-X table from /dev/mem, so the device is not attached; the lines before it ("Can\'t open /dev/mem", "Can\'t map physical MSI-X table") give the reason',
      fix: 'read the preceding xen_pt_msix_init line; QEMU in dom0 needs to open /dev/mem, which kernel lockdown (Secure Boot) and an unprivileged device model (dm_restrict=1) prevent',
    };
  if (grp === 11)
    return {
      cause:
        'sizing the device\'s PCI Express capability failed (register group 11 of xen_pt_emu_reg_grps[]): the device is not an endpoint or its capability version is unknown, or its config space could not be read; the "Unsupported device/port type" or "Unsupported capability version" line before it says which',
    };
  return undefined;
}

/** What a failed read or write of the host's config file says, by the errno QEMU got from pread/pwrite. */
function refineHostConfigIo(f: Facts): Refinement | undefined {
  if (f.errno === 'ENODEV' || f.errno === 'ENOENT')
    return {
      cause: `QEMU's read or write of the device's config space through /sys/bus/pci/devices/ADDR/config failed with ${f.errno}: the device is gone from the host (removed, hot-unplugged, or it dropped off the bus after a reset it did not survive). The guest now reads all ones from its config space and its driver fails`,
      fix: "look at dom0's kernel log for the device (reset failures, AER, link down); shut the domain down, get the device back (rescan, or reboot the host) and start the domain again",
    };
  if (f.errno === 'EIO')
    return {
      cause:
        "QEMU's config-space access through sysfs failed with EIO: the device does not answer config cycles (it is hung, in D3cold, or behind a link that went down). The guest reads all ones and its driver fails",
      fix: "check dom0's kernel log for the device; a device that hangs after a guest reboot does not survive its reset: shut the domain down, reset or power-cycle the device, and prefer devices with a working FLR",
    };
  return undefined;
}

/** Why QEMU could not open one of the device's sysfs files, by errno. */
function refineHostOpen(f: Facts): Refinement | undefined {
  if (f.errno === 'ENOENT')
    return {
      cause: `the file ${f.attr ?? ''} of device ${f.bdf ?? ''} does not exist: no device with this address is present in the domain running QEMU (a wrong address in the pci= list, a device that disappeared, or a stub domain that was not given the device), so QEMU cannot attach it`,
      fix: 'check the address with `lspci -D` in dom0 and that `xl pci-assignable-list` lists it; fix the pci= entry and start the domain again',
    };
  return undefined;
}

/** What an MSI-X table mapping failure means, by errno. */
function refineMsixMap(f: Facts): Refinement | undefined {
  if (f.errno === 'EPERM' || f.errno === 'EACCES')
    return {
      cause:
        'QEMU may not open or map /dev/mem: either the dom0 kernel is in lockdown (Secure Boot, lockdown=integrity or confidentiality; the kernel log says "Lockdown: …: /dev/mem,kmem,port is restricted"), or QEMU runs as an unprivileged user (xl\'s dm_restrict=1). QEMU maps the device\'s MSI-X table read-only from /dev/mem to read its mask bits, so without it the device cannot be attached',
      fix: 'boot dom0 without kernel lockdown (turn Secure Boot off for dom0, or lockdown=none where the kernel allows it) and run the device model as root for domains with passed-through devices',
    };
  return undefined;
}

export const XEN_PT_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- IGD (gfx_passthru)
  {
    id: 'qemu.xen-pt-igd-passthru-required',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_realize() (and ${XEN_PT_GFX} xen_pt_setup_vga())`,
    format: "Need to enable igd-passthru if you're trying to passthrough IGD GFX",
    versions:
      'an error_setg() of realize (QEMU 2.3+): "-device xen-pci-passthrough,…: Need to enable igd-passthru…", or the same text in libxl\'s QMP error; xen_pt_setup_vga() says "Need to enable igd-passthrough"',
    patterns: [
      /Need to enable (?<what>igd-passthru if you're trying to passthrough IGD GFX|igd-passthrough)/,
    ],
    severity: 'error',
    title: "Xen's QEMU refused the Intel IGD: IGD passthrough is not enabled for the domain",
    cause:
      "the device being attached is at host address 0000:00:02.0, where Intel puts its integrated GPU, and QEMU treats it as an IGD (it copies the VBIOS into the guest, gives it guest slot 2, maps the legacy VGA ranges and, for Haswell and Broadwell, fakes the ISA bridge at 00:1f.0 the driver looks for). It does that only when both hold: the machine was started with IGD passthrough enabled (the igd-passthru machine property, which libxl sets from gfx_passthru) and the device's class is VGA (0x0300). Otherwise it refuses the device and the attach fails — also with gfx_passthru set, when the firmware made another GPU the primary display and the IGD reports itself as a non-VGA display controller (class 0x0380)",
    fix: `enable IGD passthrough: ${IGD_XL} (with QEMU started by hand, igd-passthru=on on -machine xenfv); if it is set already, check the IGD's class with \`lspci -s 00:02.0 -n\` and make the IGD the primary display in the firmware setup so it reports class 0300`,
    render: render('qemu-system-i386: -device xen-pci-passthrough,id=pci-pt-00_02.0,hostaddr=0000:00:02.0: '),
    examples: [
      ex(
        "qemu-system-i386: -device xen-pci-passthrough,id=pci-pt-00_02.0,hostaddr=0000:00:02.0: Need to enable igd-passthru if you're trying to passthrough IGD GFX",
        { what: "igd-passthru if you're trying to passthrough IGD GFX" },
      ),
      ex(
        'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: Need to enable igd-passthrough',
        {
          what: 'igd-passthrough',
        },
      ),
    ],
  },
  {
    id: 'qemu.xen-pt-igd-vbios',
    source: 'qemu',
    cite: `${XEN_PT_GFX} xen_pt_setup_vga() (the ROM read: ${XEN_PT_ROM} pci_assign_dev_load_option_rom())`,
    format: "VGA: Can't get VBIOS",
    versions:
      'realize error, followed by the hint "Setup VGA BIOS of passthrough GFX failed"; QEMU 2.12+ also checks the image: "VGA: VBIOS image corrupt (too small)", "(bad pcioffset field)", "(bad size field)"',
    patterns: [
      /VGA: Can't get VBIOS/,
      /Setup VGA BIOS of passthrough GFX failed/,
      /VGA: VBIOS image corrupt \((?<corrupt>too small|bad pcioffset field|bad size field)\)/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not read the IGD's video BIOS, so the IGD was not attached",
    cause:
      "for IGD passthrough QEMU reads the VBIOS through the IGD's sysfs rom file (/sys/bus/pci/devices/0000:00:02.0/rom) and copies it to 0xC0000 in the guest, where the guest's legacy BIOS runs it. It got nothing: the rom file could not be read (an IGD that is not the boot display has no shadowed VBIOS for the kernel to expose), or the device was given a romfile= or rombar=0, in which case this code path returns no VBIOS at all",
    fix: 'make the IGD the boot display in the firmware setup (primary display: IGD/iGPU) so the kernel exposes its shadowed VBIOS, check `cat /sys/bus/pci/devices/0000:00:02.0/rom` works after `echo 1 > …/rom`, and do not set romfile= or rombar=0 for the IGD',
    refine: (f) =>
      f.corrupt
        ? {
            title: "Xen's QEMU found the IGD's video BIOS image corrupt",
            cause: `the VBIOS read from the IGD's sysfs rom file is not a valid option ROM (${f.corrupt}): the header does not fit the image read. The firmware's shadow copy is missing or damaged (common when the IGD is not the boot display, or after the host already ran the VBIOS once), so QEMU refuses to load it`,
          }
        : undefined,
    render: render('qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: '),
    examples: [
      ex("qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: VGA: Can't get VBIOS"),
      ex(
        'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: VGA: VBIOS image corrupt (too small)',
        {
          corrupt: 'too small',
        },
      ),
    ],
  },
  {
    id: 'qemu.xen-pt-igd-vga-mapping-failed',
    source: 'qemu',
    cite: `${XEN_PT_GFX} xen_pt_register_vga_regions() / xen_pt_unregister_vga_regions()`,
    format: 'VGA %s mapping failed! (rc: %i)\n',
    versions:
      'XEN_PT_ERR() without a device ("xen_pt_register_vga_regions: Error: "); removal says "VGA %s unmapping failed! (rc: %i)"',
    patterns: [/VGA (?<space>ioport|memory) (?<op>mapping|unmapping) failed! \(rc: (?<code>-?\d{1,6})\)/],
    severity: 'error',
    title: "Xen's QEMU could not map the legacy VGA ranges into an IGD guest",
    cause:
      "with IGD passthrough QEMU asks Xen to map the host's legacy VGA resources straight into the guest (I/O ports 0x3B0–0x3BB and 0x3C0–0x3DF, memory 0xA0000–0xBFFFF). Xen refused, so the guest's VGA BIOS and text console cannot reach the IGD: no picture until the guest's own driver takes over, and the VGA BIOS may hang. The usual reason is that the domain was not granted these ranges (libxl grants them only when gfx_passthru is set, and only one domain can hold them)",
    fix: `set ${IGD_XL} so libxl grants the legacy VGA ranges; make sure no other running domain was given gfx_passthru; read \`xl dmesg\` for the hypervisor's reason`,
    refine: (f) =>
      f.op === 'unmapping'
        ? {
            severity: 'warning',
            title: "Xen's QEMU could not unmap the legacy VGA ranges when the IGD was removed",
            cause:
              'when the IGD is detached (or the domain shuts down) QEMU removes the legacy VGA mappings it made; Xen refused, which at domain destruction is harmless (the mappings go with the domain). If it happens while the domain keeps running, the domain still reaches the VGA ranges',
            fix: 'nothing to do at shutdown; after a hot-unplug, restart the domain before giving the IGD to another one',
          }
        : undefined,
    render: render('xen_pt_register_vga_regions: Error: ', 'ioport', -1),
    examples: [
      ex('xen_pt_register_vga_regions: Error: VGA ioport mapping failed! (rc: -1)', {
        space: 'ioport',
        op: 'mapping',
        code: '-1',
      }),
      ex('xen_pt_unregister_vga_regions: Error: VGA memory unmapping failed! (rc: -1)', { op: 'unmapping' }),
    ],
  },
  {
    id: 'qemu.xen-pt-igd-opregion-failed',
    source: 'qemu',
    cite: `${XEN_PT_GFX} igd_write_opregion()`,
    format: "[%d]:Can't map IGD host opregion:0x%lx to guest opregion:0x%lx.\n",
    versions:
      'XEN_PT_ERR(); the permission step before it says "[%d]:Can\'t enable to access IGD host opregion: 0x%lx." (addresses are page frame numbers)',
    patterns: [
      /\[(?<code>-?\d{1,6})\]:Can't map IGD host opregion:0x(?<host>[0-9a-fA-F]{1,16}) to guest opregion:0x(?<guest>[0-9a-fA-F]{1,16})/,
      /\[(?<code>-?\d{1,6})\]:Can't enable to access IGD host opregion: ?0x(?<host>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not give an IGD guest the host's OpRegion",
    cause:
      "the guest's firmware or graphics driver wrote the OpRegion address register (ASLS, config offset 0xFC) of the passed-through IGD; QEMU then grants the domain the host's OpRegion pages (3 pages, the firmware table the Intel driver reads for its panel and outputs: the VBT) and maps them at the guest address. Xen refused the grant or the mapping, so the guest's driver runs without OpRegion: no or wrong display output (internal panels in particular), no backlight control",
    fix: "run the device model in dom0 with full privileges (a stub domain or an unprivileged QEMU cannot grant the pages); read `xl dmesg` for the hypervisor's reason; update Xen and QEMU",
    render: render('[00:02.0] igd_write_opregion: Error: ', -1, 0xdaf35, 0xfed00),
    examples: [
      ex(
        "[00:02.0] igd_write_opregion: Error: [-1]:Can't map IGD host opregion:0xdaf35 to guest opregion:0xfed00.",
        { code: '-1', host: 'daf35', guest: 'fed00' },
      ),
      ex("[00:02.0] igd_write_opregion: Error: [-1]:Can't enable to access IGD host opregion: 0xdaf35.", {
        host: 'daf35',
      }),
    ],
  },

  // ---------------------------------------------------------------- option ROM through sysfs
  {
    id: 'qemu.xen-pt-rom-load-failed',
    source: 'qemu',
    cite: `${XEN_PT_ROM} pci_assign_dev_load_option_rom() (split from the legacy KVM assignment, hw/i386/kvm/pci-assign.c, which printed the same)`,
    format: 'pci-assign: Cannot read from host %s',
    versions:
      'error_report(); the same function says "pci-assign: Cannot open %s: %s", "pci-assign: Cannot stat %s: %s" and "ROM BAR \\"%s\\" (%ld bytes) is too large for ROM size %u"; after the read failure it adds "Device option ROM contents are probably invalid (check dmesg)."',
    patterns: [
      /pci-assign: Cannot read from host (?<path>\/sys\/bus\/pci\/devices\/[\w:.]{7,16}\/rom)/,
      /ROM BAR "(?<path>\/sys\/bus\/pci\/devices\/[\w:.]{7,16}\/rom)" \((?<size>\d{1,10}) bytes\) is too large for ROM size (?<romsize>\d{1,10})/,
    ],
    severity: 'warning',
    title: "Xen's QEMU could not load the passed-through device's option ROM from the host",
    cause:
      'QEMU reads the device\'s option ROM through its sysfs rom file (enabling the ROM BAR for the read) to give the guest a copy; the read failed, so the guest gets no option ROM for the device (no boot ROM for a NIC or storage controller, no VBIOS for a GPU; for an IGD the attach then fails with "VGA: Can\'t get VBIOS"). Many GPUs expose no readable ROM unless they are the boot display, and a ROM the host already ran may come back invalid; the kernel log usually says why ("Invalid PCI ROM header signature")',
    fix: "read dom0's kernel log for the ROM; if the guest does not need the ROM, skip it (rombar=0); for a GPU, dump a good ROM while it is not the boot display and load it in the guest, or make the device the boot display for the IGD case",
    refine: (f) => {
      if (f.romsize)
        return {
          cause: `the host's ROM (${f.size} bytes) is larger than the ROM size set for the device (romsize=${f.romsize}), so QEMU did not load it; the guest gets no option ROM`,
          fix: 'drop romsize= or set it at least as large as the host ROM (a power of two)',
        };
      return undefined;
    },
    render: render('', '/sys/bus/pci/devices/0000:01:00.0/rom'),
    examples: [
      ex('pci-assign: Cannot read from host /sys/bus/pci/devices/0000:01:00.0/rom', {
        path: '/sys/bus/pci/devices/0000:01:00.0/rom',
      }),
      ex('ROM BAR "/sys/bus/pci/devices/0000:01:00.0/rom" (131072 bytes) is too large for ROM size 65536', {
        size: '131072',
        romsize: '65536',
      }),
    ],
  },

  // ---------------------------------------------------------------- config space
  {
    id: 'qemu.xen-pt-config-access-refused',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_pci_config_access_check()`,
    format: 'Failed to access register with offset exceeding 0xFF. (addr: 0x%02x, len: %d)\n',
    versions:
      'XEN_PT_ERR() from xen_pt_pci_read_config() or xen_pt_pci_write_config(); the same check says "Failed to access register with invalid access length." and "…invalid access size alignment."',
    patterns: [
      /Failed to access register with (?<why>offset exceeding 0xFF|invalid access length|invalid access size alignment)\. \(addr: 0x(?<addr>[0-9a-fA-F]{1,4}), len: (?<len>\d{1,2})\)/,
    ],
    severity: 'warning',
    title: "Xen's QEMU refused a guest access to the device's config space (usually harmless)",
    cause:
      "Xen's QEMU passthrough serves only the first 256 bytes of a device's config space to the guest; the guest read or wrote at offset 0xFF or above (the PCIe extended capabilities: AER, ACS, Resizable BAR, SR-IOV, vendor-specific), so QEMU refused it: a read returns 0 and a write is dropped. Guest drivers that probe extended capabilities find none; most work regardless, a driver that needs an extended capability does not",
    fix: "nothing to do when the device works; if the guest driver needs an extended capability, Xen's QEMU passthrough cannot give it (its emulation stops at 256 bytes)",
    refine: (f) =>
      f.why === 'offset exceeding 0xFF'
        ? undefined
        : {
            cause: `the guest made a config access QEMU does not accept (${f.why}, offset 0x${f.addr}, ${f.len} bytes): config accesses must be 1, 2 or 4 bytes and aligned to their size. A read returns 0 and a write is dropped; a guest driver doing this is buggy or probing`,
          },
    render: render('[00:05.0] xen_pt_pci_read_config: Error: ', 0x100, 4),
    examples: [
      ex(
        '[00:05.0] xen_pt_pci_read_config: Error: Failed to access register with offset exceeding 0xFF. (addr: 0x100, len: 4)',
        { why: 'offset exceeding 0xFF', addr: '100', len: '4' },
      ),
      ex(
        '[00:05.0] xen_pt_pci_write_config: Error: Failed to access register with invalid access size alignment. (addr: 0x41, len: 2)',
        { why: 'invalid access size alignment', addr: '41' },
      ),
    ],
  },
  {
    id: 'qemu.xen-pt-host-config-io-failed',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_pci_read_config() / xen_pt_pci_write_config() (the access: ${XEN_HOST_PCI} xen_host_pci_config_read/write(), -errno of pread/pwrite)`,
    format: 'pci_read_block failed. return value: %d.\n',
    versions: 'XEN_PT_ERR(); writes say "pci_write_block failed. return value: %d."',
    patterns: [
      /pci_(?<op>read|write)_block failed\. return value: (?<err>-?\d{1,4})/,
      /Failed to (?<op>read|write) PCI_(?<reg>INTERRUPT_PIN|COMMAND)(?: val = 0x[0-9a-fA-F]{1,4})?: (?<err>[^\n]{1,80})/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not access the passed-through device's config space on the host",
    cause:
      "QEMU forwards the guest's config-space accesses to the real device by reading and writing /sys/bus/pci/devices/ADDR/config in the domain it runs in; that access failed (the value is -errno). A failed read gives the guest all ones, a failed write is lost: the device has become unreachable from the host or QEMU lost its access",
    fix: "read the errno; check dom0's kernel log for the device (AER, reset failures, removal) and that the device is still bound to pciback (`xl pci-assignable-list`)",
    refine: refineHostConfigIo,
    render: render('[00:05.0] xen_pt_pci_read_config: Error: ', -19),
    examples: [
      ex('[00:05.0] xen_pt_pci_read_config: Error: pci_read_block failed. return value: -19.', {
        op: 'read',
        errno: 'ENODEV',
      }),
      ex('[00:06.0] xen_pt_pci_write_config: Error: pci_write_block failed. return value: -5.', {
        op: 'write',
        errno: 'EIO',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-guest-write-ignored',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_pci_write_config() (and ${XEN_PT_CONFIG} xen_pt_msgctrl_reg_write())`,
    format: 'Guest attempt to set address to unused Base Address Register. (addr: 0x%02x, len: %d)\n',
    versions:
      'XEN_PT_WARN(), printed only by builds with XEN_PT_LOGGING_ENABLED (Qubes OS); also "Access to 0-Hardwired register. (addr: 0x%02x, len: %d)" and, for MSI, "Tries to set more than 1 vector ctrl %x"',
    patterns: [
      /Guest attempt to set address to unused Base Address Register\. \(addr: 0x(?<addr>[0-9a-fA-F]{1,4}), len: (?<len>\d{1,2})\)/,
      /Access to (?<what>0-Hardwired register)\. \(addr: 0x(?<addr>[0-9a-fA-F]{1,4}), len: (?<len>\d{1,2})\)/,
      /Tries to set more than 1 vector ctrl (?<ctrl>[0-9a-fA-F]{1,4})/,
    ],
    severity: 'info',
    title: "Xen's QEMU ignored a guest config write it does not pass on (harmless)",
    cause:
      "the guest wrote a config register that Xen's QEMU keeps from the device: an address to a BAR the device does not implement (the guest's firmware or OS sizing BARs writes every BAR register), or a register of a capability QEMU hides as hard-wired to zero (AGP, PCI-X, slot ID and similar). The write is ignored, which is what the hardware would do; the line is a note of the logging build, not a fault",
    fix: 'nothing to do',
    refine: (f) =>
      f.ctrl
        ? {
            severity: 'warning',
            title: 'The guest asked for several MSI vectors, which Xen passthrough does not give',
            cause: `the guest's driver enabled multiple MSI messages (message control 0x${f.ctrl}); Xen's QEMU passthrough binds a single MSI vector per device and does not program the device for more, so the device signals everything on its first vector. Drivers that rely on the other vectors can miss interrupts`,
            fix: 'if the device misbehaves, make the guest driver use MSI-X or a single MSI vector (many drivers have an option; Linux falls back by itself when it is refused)',
          }
        : undefined,
    render: render('[00:05.0] xen_pt_pci_write_config: Warning: ', 0x18, 4),
    examples: [
      ex(
        '[00:05.0] xen_pt_pci_write_config: Warning: Guest attempt to set address to unused Base Address Register. (addr: 0x18, len: 4)',
        { addr: '18', len: '4' },
      ),
      ex('[00:05.0] xen_pt_pci_write_config: Warning: Access to 0-Hardwired register. (addr: 0x50, len: 2)', {
        what: '0-Hardwired register',
      }),
      ex('[00:05.0] xen_pt_msgctrl_reg_write: Warning: Tries to set more than 1 vector ctrl 85', {
        ctrl: '85',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    source: 'qemu',
    cite: `${XEN_PT_CONFIG} xen_pt_config_init() and xen_pt_pcie_size_init() (caller: ${XEN_PT} xen_pt_realize())`,
    format: 'Failed to initialize %d/%zu, type = 0x%x, rc: %d',
    versions:
      'realize error (error_setg) with the hint "PCI Config space initialisation failed"; the group\'s own errors come first as XEN_PT_ERR(): "Unsupported device/port type %#x.", "Unsupported capability version %#x.", "Failed to read capability @0x%x (rc:%d)"; a register that fails says "Init emulate register fail" or "Cannot read host values". QEMU before 2.5 printed "PCI Config space initialisation failed." (XEN_PT_ERR) only',
    patterns: [
      /Failed to initialize (?<grp>\d{1,2})\/(?<total>\d{1,2}), type = 0x(?<type>[0-9a-fA-F]{1,2}), rc: (?<code>-?\d{1,6})/,
      /Unsupported (?<what>device\/port type|capability version) (?<val>0x[0-9a-fA-F]{1,2}|0)\./,
      /PCI Config space initialisation failed/,
      /Failed to init register (?<reg>\d{1,3}) offsets 0x(?<off>[0-9a-fA-F]{1,4}) in grp_type/,
      /Init emulate register fail/,
      /Cannot read host values/,
      /Failed to read capability @0x(?<off>[0-9a-fA-F]{1,4}) \(rc:(?<code>-?\d{1,6})\)/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not build the guest's view of the device's config space",
    cause:
      'while attaching the device QEMU builds an emulated copy of its config header and of each capability it knows (power management, MSI, PCI Express, MSI-X, the IGD OpRegion), sizing each from the real device. One of these failed (the first number is the capability group: 5 MSI, 11 PCI Express, 12 MSI-X), so the device is not attached and the domain start or hot-plug fails',
    fix: "read the QEMU lines just before it (they name the capability and the reason); check the device's config space with `lspci -s ADDR -vvv` on the host",
    refine: refineConfigInit,
    render: render('qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: ', 11, 15, 1, -1),
    examples: [
      ex(
        'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to initialize 11/15, type = 0x1, rc: -1',
        { grp: '11', type: '1', code: '-1' },
      ),
      ex('[00:05.0] xen_pt_pcie_size_init: Error: Unsupported device/port type 0x4.', {
        what: 'device/port type',
        val: '0x4',
      }),
      ex('[00:05.0] xen_pt_pcie_size_init: Error: Unsupported capability version 0.', {
        what: 'capability version',
        val: '0',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-host-device-open-failed',
    source: 'qemu',
    cite: `${XEN_HOST_PCI} xen_host_pci_device_get() (error_setg_file_open(); caller ${XEN_PT} xen_igd_clear_slot(), formerly xen_pt_initfn())`,
    format: "Could not open '%s': %s",
    versions:
      "realize error with the hint 'Failed to \"open\" the real pci device'; QEMU before 2.5 printed (XEN_PT_ERR) 'Failed to \"open\" the real pci device. rc: %i'. QEMU reads the device's config, resource, vendor, device, irq and class files",
    patterns: [
      /Could not open '\/sys\/bus\/pci\/devices\/(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/(?<attr>config|resource|vendor|device|irq|class)': (?<err>No such file or directory|No such device|Input\/output error|Too many open files)/,
      /Failed to "open" the real pci device/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not open the host device it was told to pass through",
    cause:
      'QEMU reads the device through its sysfs files in the domain it runs in (dom0, or the stub domain) before it attaches it; opening one failed, so the device is not attached and the domain start or hot-plug fails',
    fix: 'check the address (`lspci -D`), that the device is assignable (`xl pci-assignable-list`), and that the device model runs as root',
    refine: refineHostOpen,
    render: render(
      'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: ',
      '/sys/bus/pci/devices/0000:03:00.0/config',
      'No such file or directory',
    ),
    examples: [
      ex(
        "qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Could not open '/sys/bus/pci/devices/0000:03:00.0/config': No such file or directory",
        { bdf: '0000:03:00.0', attr: 'config', errno: 'ENOENT' },
      ),
      ex(
        "qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:01:00.0: Could not open '/sys/bus/pci/devices/0000:01:00.0/irq': No such device",
        { attr: 'irq', errno: 'ENODEV' },
      ),
      ex('[00:05.0] xen_pt_initfn: Error: Failed to "open" the real pci device. rc: -13'),
    ],
  },

  // ---------------------------------------------------------------- MSI / MSI-X
  {
    id: 'qemu.xen-pt-msi-setup-failed',
    source: 'qemu',
    cite: `${XEN_PT_MSI} msi_msix_setup() and msi_msix_update() (callers: ${XEN_PT_CONFIG} xen_pt_msgctrl_reg_write(), xen_pt_msix_update_one())`,
    format: 'Mapping of MSI%s (rc: %i, vec: %#x, entry %#x)\n',
    versions:
      'XEN_PT_ERR(); binding says "Updating of MSI%s failed. (rc: %d)"; an unusable pirq "Invalid pirq number: %d."; logging builds add "Can not map MSI (register: %x)!" / "Can not bind MSI (register: %x)!"',
    patterns: [
      /Mapping of (?<kind>MSI(?:-X)?) \(rc: (?<code>-?\d{1,6}), vec: (?<vec>0x[0-9a-fA-F]{1,2}|0), entry (?<entry>0x[0-9a-fA-F]{1,4}|0)\)/,
      /Updating of (?<kind>MSI(?:-X)?) failed\. \(rc: (?<code>-?\d{1,6})\)/,
      /Invalid pirq number: (?<pirq>-?\d{1,6})\./,
      /Can not (?<step>map|bind) (?<kind>MSI) \(register: [0-9a-fA-F]{1,4}\)!/,
    ],
    severity: 'error',
    title: "Xen refused to route the passed-through device's MSI/MSI-X interrupt to the guest",
    cause:
      'when the guest enables MSI or programs an MSI-X vector, QEMU asks Xen to map the device\'s interrupt to a physical IRQ ("Mapping of", PHYSDEVOP_map_pirq) and to bind that to the guest\'s vector ("Updating of", XEN_DOMCTL_bind_pt_irq). Xen refused, so that interrupt does not reach the guest: the driver times out or falls back to polling, or the device seems dead. QEMU keeps running on purpose. Causes: the device was not prepared by dom0\'s pciback (its MSI-X set-up failed), the domain lacks permission for the interrupt (a device not attached through libxl, a stub domain), or the hypervisor ran out of IRQs or could not program interrupt remapping',
    fix: "read `xl dmesg` right after it for the hypervisor's reason and dom0's kernel log for pciback lines (\"MSI-X preparation failed\"); attach devices through xl/libxl; raise the guest's IRQ allowance (extra_guest_irqs= on Xen's command line) if it ran out; as a workaround make the guest driver use legacy INTx (Linux guests: pci=nomsi or the driver's MSI option)",
    refine: (f) =>
      f.pirq
        ? {
            cause: `Xen returned an invalid physical IRQ (${f.pirq}) for the guest's MSI, so QEMU did not enable MSI for the device: the guest's MSI stays off and the device's driver gets no interrupts`,
          }
        : undefined,
    render: render('[00:05.0] msi_msix_setup: Error: ', '-X', 1, 0x31, 0),
    examples: [
      ex('[00:05.0] msi_msix_setup: Error: Mapping of MSI-X (rc: 1, vec: 0x31, entry 0)', {
        kind: 'MSI-X',
        vec: '0x31',
        entry: '0',
      }),
      ex('[00:05.0] msi_msix_update: Error: Updating of MSI failed. (rc: -1)', { kind: 'MSI', code: '-1' }),
      ex('[00:05.0] xen_pt_msi_setup: Error: Invalid pirq number: -1.', { pirq: '-1' }),
    ],
  },
  {
    id: 'qemu.xen-pt-msix-entry-update-refused',
    source: 'qemu',
    cite: `${XEN_PT_MSI} pci_msix_write()`,
    format: "Can't update msix entry %d since MSI-X is already enabled.\n",
    versions: 'XEN_PT_ERR() ("[BB:DD.F] pci_msix_write: Error: ")',
    patterns: [/Can't update msix entry (?<entry>\d{1,4}) since MSI-X is already enabled/],
    severity: 'warning',
    title: "Xen's QEMU ignored a guest change to an unmasked MSI-X vector",
    cause:
      'the guest wrote the address or data of an MSI-X table entry while MSI-X was enabled and that entry was not masked (QEMU reads the mask bit from the real table). Changing a live vector is undefined by the PCI spec, so QEMU drops the write: the vector keeps its old routing, and an interrupt the guest moved (to another vCPU, or a new vector) may keep arriving at the old place or be lost. A guest that rewrites entries without masking them first (for example when it changes the CPU affinity of an interrupt) causes it; a single line at start is often harmless',
    fix: "if the device loses interrupts, update Xen and QEMU (newer Xen intercepts the mask bit and QEMU re-reads it); in a Linux guest, stop irqbalance or pin the device's interrupts so their vectors are not rewritten",
    render: render('[00:05.0] pci_msix_write: Error: ', 0),
    examples: [
      ex("[00:05.0] pci_msix_write: Error: Can't update msix entry 0 since MSI-X is already enabled.", {
        entry: '0',
      }),
    ],
  },
  {
    id: 'qemu.xen-pt-msix-table-map-failed',
    source: 'qemu',
    cite: `${XEN_PT_MSI} xen_pt_msix_init() (caller: ${XEN_PT_CONFIG} xen_pt_msix_size_init())`,
    format: "Can't map physical MSI-X table: %s\n",
    versions:
      'XEN_PT_ERR(); opening /dev/mem first says "Can\'t open /dev/mem: %s"; then "Internal error: Invalid xen_pt_msix_init." and the realize error "Failed to initialize 12/…"; an MSI-X capability that reads wrong says "Invalid id %#x base %#x"',
    patterns: [
      /Can't (?<step>map physical MSI-X table|open \/dev\/mem): (?<err>[^\n]{1,80})/,
      /Internal error: Invalid xen_pt_msix_init/,
    ],
    severity: 'error',
    title: "Xen's QEMU could not map the device's MSI-X table, so the device was not attached",
    cause:
      "QEMU emulates the guest's MSI-X table itself and maps the device's real table read-only through /dev/mem to read its mask and pending bits; opening /dev/mem or mapping the table failed, so it gives up on the MSI-X capability and the attach fails",
    fix: 'read the errno; QEMU must run as root in a dom0 whose kernel allows /dev/mem (no lockdown) for devices with MSI-X',
    refine: refineMsixMap,
    render: render('[00:05.0] xen_pt_msix_init: Error: ', 'Operation not permitted'),
    examples: [
      ex("[00:05.0] xen_pt_msix_init: Error: Can't map physical MSI-X table: Operation not permitted", {
        step: 'map physical MSI-X table',
        errno: 'EPERM',
      }),
      ex("[00:05.0] xen_pt_msix_init: Error: Can't open /dev/mem: Permission denied", {
        step: 'open /dev/mem',
        errno: 'EACCES',
      }),
      ex('[00:05.0] xen_pt_msix_size_init: Error: Internal error: Invalid xen_pt_msix_init.'),
    ],
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    source: 'qemu',
    cite: `${XEN_PT} xen_pt_destroy() and xen_pt_realize(); ${XEN_PT_MSI} msi_msix_disable(), msi_msix_update(), xen_pt_msix_update_remap()`,
    format: 'unbinding of interrupt INT%c failed. (machine irq: %i, err: %d) But bravely continuing on..\n',
    versions:
      'XEN_PT_ERR(); also "unmapping of interrupt %i failed. (err: %d) But bravely continuing on..", "Unmapping of machine interrupt %i failed! (err: %d)", "Unbinding of MSI%s failed. (pirq: %d, gvec: %#x)", "Unmapping of MSI%s pirq %d failed. (rc: %i)" and "unbind MSI-X entry %d failed"',
    patterns: [
      /unbinding of interrupt INT(?<pin>[a-d]) failed\. \(machine irq: (?<irq>\d{1,4}), err: (?<err>-?\d{1,4})\)/,
      /unmapping of interrupt (?<irq>\d{1,4}) failed\. \(err: (?<err>-?\d{1,4})\)/,
      /Unmapping of machine interrupt (?<irq>\d{1,4}) failed! \(err: (?<err>-?\d{1,4})\)/,
      /Unbinding of (?<kind>MSI(?:-X)?) failed\. \(pirq: (?<pirq>-?\d{1,6})/,
      /Unmapping of (?<kind>MSI(?:-X)?) pirq (?<pirq>-?\d{1,6}) failed/,
      /unbind MSI-X entry (?<pirq>-?\d{1,6}) failed/,
    ],
    severity: 'warning',
    title: "Xen's QEMU could not release a passed-through device's interrupt (usually at shutdown)",
    cause:
      "when the device is detached, the domain shuts down, or the guest moves the MSI-X table, QEMU asks Xen to unbind the device's interrupts from the guest and unmap their physical IRQs, and Xen refused. At domain destruction Xen has often released them already, and QEMU carries on: harmless. During a hot-unplug of a running domain the interrupt may stay bound to the old domain, and attaching the device elsewhere can then fail",
    fix: 'nothing to do when the domain was shutting down; after a failed hot-unplug, shut the domain down before giving the device to another domain',
    render: render('[00:05.0] xen_pt_destroy: Error: ', 'a', 16, 22),
    examples: [
      ex(
        '[00:05.0] xen_pt_destroy: Error: unbinding of interrupt INTa failed. (machine irq: 16, err: 22) But bravely continuing on..',
        { pin: 'a', irq: '16', errno: 'EINVAL' },
      ),
      ex('[00:05.0] msi_msix_disable: Error: Unmapping of MSI-X pirq 55 failed. (rc: -1)', {
        kind: 'MSI-X',
        pirq: '55',
      }),
      ex('[00:05.0] xen_pt_msix_update_remap: Error: unbind MSI-X entry 55 failed', { pirq: '55' }),
    ],
  },

  // ---------------------------------------------------------------- dom0: xen-pciback
  {
    id: 'kernel.xen-pciback-hide-parse-error',
    source: 'kernel',
    cite: `${PCIBACK}/pci_stub.c pcistub_init()`,
    format: 'Error parsing pci_devs_to_hide at "%s"\n',
    versions: 'pr_err() with the prefix "xen_pciback: "; pciback then fails to load (-EINVAL)',
    patterns: [/Error parsing pci_devs_to_hide at "(?<rest>[^"\n]{0,120})"/],
    severity: 'error',
    title: 'The xen-pciback.hide= list could not be parsed: pciback hid no device',
    cause:
      'pciback reads the devices to seize at boot from xen-pciback.hide= (or the module option hide=); each device must be in parentheses, one after the other, as (DDDD:BB:DD.F) or (BB:DD.F), with * for a whole slot or bus: (0000:03:00.*). It stopped at the text it prints and gave up: pciback did not load, so no device was hidden, the host drivers took them, and `xl pci-assignable-add` has no pciback to bind to',
    fix: 'fix the kernel command line, e.g. xen-pciback.hide=(0000:03:00.0)(0000:03:00.1) — parentheses around each device, no commas or spaces between them — and reboot; or bind later with `xl pci-assignable-add 0000:03:00.0`',
    render: render('xen_pciback: ', '0000:03:00.0,0000:03:00.1'),
    examples: [
      ex('[    1.912345] xen_pciback: Error parsing pci_devs_to_hide at "0000:03:00.0,0000:03:00.1"', {
        rest: '0000:03:00.0,0000:03:00.1',
      }),
    ],
  },
  {
    id: 'kernel.xen-pciback-permissive-enabled',
    source: 'kernel',
    cite: `${PCIBACK}/pci_stub.c permissive_add()`,
    format: 'enabling permissive mode configuration space accesses!\n',
    versions: 'dev_warn() ("pciback ADDR: "), followed by "permissive mode is potentially unsafe!"',
    patterns: [
      /enabling permissive mode configuration space accesses!/,
      /permissive mode is potentially unsafe!/,
    ],
    severity: 'info',
    title: "pciback's permissive mode was turned on for a device (expected when asked for)",
    cause:
      "the device's address was written to /sys/bus/pci/drivers/pciback/permissive — libxl does so for a pci= entry with permissive=1 — so pciback now passes a guest's writes to config registers it does not virtualise straight to the device instead of dropping them. It is a reminder that a guest can then program the device freely (and, with a malicious guest, disturb the host), not an error",
    fix: 'nothing to do if you asked for it; remove permissive=1 from the pci= entry for devices that work without it',
    render: render('pciback 0000:03:00.0: '),
    examples: [
      ex('pciback 0000:03:00.0: enabling permissive mode configuration space accesses!', {
        bdf: '0000:03:00.0',
      }),
      ex('pciback 0000:03:00.0: permissive mode is potentially unsafe!'),
    ],
  },
  {
    id: 'kernel.xen-pciback-export',
    source: 'kernel',
    cite: `${PCIBACK}/xenbus.c xen_pcibk_export_device() (virtual slots: ${PCIBACK}/vpci.c __xen_pcibk_add_pci_dev())`,
    format: 'registering for %d\n',
    versions:
      'dev_info() ("pciback ADDR: "); when another domain is still recorded as owner, dev_err() "Stealing ownership from dom%d."; with the default vpci backend, "vpci: assign to virtual slot %d" (and " func %d")',
    patterns: [
      /pciback (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): registering for (?<domid>\d{1,5})/,
      /Stealing ownership from dom(?<prev>-?\d{1,5})\./,
      /vpci: assign to virtual slot (?<slot>\d{1,2})(?: func (?<func>\d))?/,
    ],
    severity: 'info',
    title: "pciback handed a device to a domain's PCI frontend (routine)",
    cause:
      "pciback exported the device to the domain named (a PV guest, or the stub domain running QEMU for an HVM guest, as in Qubes OS) through its PCI backend, and recorded that domain as the device's owner, which Xen's MSI set-up uses. It appears each time such a domain starts with the device or gets it hot-plugged",
    fix: 'nothing to do',
    refine: (f) => {
      if (f.prev)
        return {
          severity: 'warning',
          title: 'pciback gave a device to a domain while another domain was still recorded as its owner',
          cause: `domain ${f.prev} was still recorded as the owner of the device when it was exported to another domain: the earlier domain did not release it cleanly (it crashed, or was destroyed while the backend was still connected), or the same device was given to two domains. pciback moves the ownership; if domain ${f.prev} still runs and uses the device, both can reach it`,
          fix: `check \`xl list\` and \`xl pci-list ${f.prev}\`; if that domain still has the device, detach it there (\`xl pci-detach\`) or shut it down before using the device elsewhere`,
        };
      if (f.slot)
        return {
          cause: `with the default "vpci" backend pciback puts exported devices on a virtual PCI bus in the guest; this device becomes slot ${f.slot}${f.func ? ` function ${f.func}` : ''} there (functions of one card stay together). Its address inside the guest differs from the host address`,
          fix: 'nothing to do; boot dom0 with xen-pciback.passthrough=1 if a guest driver needs the real bus addresses',
        };
      return undefined;
    },
    render: render('pciback 0000:03:00.0: ', 5),
    examples: [
      ex('pciback 0000:03:00.0: registering for 5', { domid: '5', bdf: '0000:03:00.0' }),
      ex('pciback 0000:03:00.0: Stealing ownership from dom3.', { prev: '3' }),
      ex('pciback 0000:03:00.1: vpci: assign to virtual slot 0 func 1', { slot: '0', func: '1' }),
    ],
  },
  {
    id: 'kernel.xen-pciback-export-failed',
    source: 'kernel',
    cite: `${PCIBACK}/xenbus.c xen_pcibk_export_device() and ${PCIBACK}/vpci.c __xen_pcibk_add_pci_dev() (printed by xenbus_dev_fatal())`,
    format: "Couldn't locate PCI device (%04x:%02x:%02x.%d)! perhaps already in-use?",
    versions:
      'xenbus_dev_fatal() prints the errno first: "xen-pciback pci-DOMID-0: 22 Couldn\'t locate …"; the virtual bus refuses with "Can\'t export bridges on the virtual PCI bus" (-EFAULT) and "No more space on root virtual PCI bus" (-ENOMEM)',
    patterns: [
      /(?<err>-?\d{1,4}) Couldn't locate PCI device \((?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\)! perhaps already in-use\?/,
      /(?<err>-?\d{1,4}) (?<what>Can't export bridges|No more space) on (?:the|root) virtual PCI bus/,
    ],
    severity: 'error',
    title: "pciback could not give a device to a domain's PCI frontend",
    cause:
      "the domain's PCI backend asked pciback for a device in its configuration, and pciback does not hold it or has already given it to another domain (only PV guests and stub domains go through this backend; an HVM guest with QEMU in dom0 fails with QEMU's or libxl's lines instead). The device is missing in the domain, and its PCI frontend may stay unconnected",
    fix: 'make the device assignable first (`xl pci-assignable-add ADDR`, or xen-pciback.hide= at boot) and check `xl pci-assignable-list`; if another domain has it, detach it there (`xl pci-detach`) before starting this one',
    refine: (f) => {
      if (f.what === "Can't export bridges")
        return {
          cause:
            'the device is a PCI bridge, and the default "vpci" backend cannot put a bridge on the guest\'s virtual bus; the export is refused',
          fix: 'pass the devices behind the bridge instead, or boot dom0 with xen-pciback.passthrough=1 to show the real topology',
        };
      if (f.what === 'No more space')
        return {
          cause:
            "the guest's virtual PCI bus has all its 32 slots taken, so pciback cannot add another device",
          fix: 'give the domain fewer devices, or keep functions of one card together so they share a slot',
        };
      return undefined;
    },
    render: render('xen-pciback pci-5-0: 22 ', 0, 3, 0, 0),
    examples: [
      ex("xen-pciback pci-5-0: 22 Couldn't locate PCI device (0000:03:00.0)! perhaps already in-use?", {
        bdf: '0000:03:00.0',
        errno: 'EINVAL',
      }),
      ex("xen-pciback pci-7-0: 14 Can't export bridges on the virtual PCI bus", {
        what: "Can't export bridges",
      }),
    ],
  },
  {
    id: 'kernel.xen-pciback-fake-irq-failed',
    source: 'kernel',
    cite: `${PCIBACK}/pciback_ops.c xen_pcibk_control_isr()`,
    format: '%s: failed to install fake IRQ handler for IRQ %d! (rc:%d)\n',
    versions: 'dev_err() ("pciback ADDR: pciback[ADDR]: failed to install …")',
    patterns: [/failed to install fake IRQ handler for IRQ (?<irq>\d{1,5})! \(rc:(?<err>-?\d{1,4})\)/],
    severity: 'warning',
    title: "pciback could not attach its helper handler to a guest device's shared INTx line",
    cause:
      "when a guest enables, through pciback (a PV guest or a stub domain), a device that uses a legacy INTx line, pciback registers a handler on that IRQ in dom0 so that, on a line shared with dom0's own devices, the guest's interrupts are acknowledged and do not look unhandled to dom0. request_irq() refused (EBUSY: a dom0 driver holds the line without allowing sharing), so if the line is shared, dom0 may disable it as spurious (\"irq N: nobody cared\") and both the guest's device and dom0's device on that line stop getting interrupts",
    fix: 'prefer MSI/MSI-X in the guest for this device; move the card to a slot whose INTx line is not shared with a dom0 device (`cat /proc/interrupts` in dom0 shows who shares it)',
    render: render('pciback 0000:03:00.0: ', 'pciback[0000:03:00.0]', 16, -16),
    examples: [
      ex(
        'pciback 0000:03:00.0: pciback[0000:03:00.0]: failed to install fake IRQ handler for IRQ 16! (rc:-16)',
        {
          irq: '16',
          errno: 'EBUSY',
        },
      ),
    ],
  },
  {
    id: 'kernel.xen-pciback-aer',
    source: 'kernel',
    cite: `${PCIBACK}/pci_stub.c xen_pcibk_error_detected(), xen_pcibk_mmio_enabled(), xen_pcibk_slot_reset(), xen_pcibk_error_resume(), common_process()`,
    format: 'xen-pciback device is not connected or owned by HVM, kill it\n',
    versions:
      'dev_err() ("pciback ADDR: "); the same handlers say "xen-pciback device is not found/assigned", "guest with no AER driver should have been killed" and, when the guest does not answer within 300 s, "pcifront aer process not responding!"',
    patterns: [
      /xen-pciback device is (?<what>not connected or owned by HVM, kill it|not found\/assigned)/,
      /guest with no AER driver should have been killed/,
      /pcifront aer process (?<what>not responding)!/,
    ],
    severity: 'error',
    title: 'A PCIe error hit a device pciback holds for a guest, and the guest is being killed',
    cause:
      'dom0\'s AER driver reported an uncorrectable error on a device bound to pciback and asked pciback to take part in recovery. Only a PV guest with a PCI frontend can take part (it gets the error and may reset its driver); for an HVM guest (no frontend connection: "not connected or owned by HVM") or a guest without an AER-aware frontend, pciback marks the domain\'s PCI backend as failed (aerState=aerfail in xenstore), the signal for the toolstack to destroy that domain',
    fix: "read dom0's AER lines for the device (which error, which port); the device or its link is faulty or was disturbed (a reset, overclocking, a riser); after fixing, restart the domain",
    refine: (f) =>
      f.what === 'not found/assigned'
        ? {
            severity: 'warning',
            title: 'A PCIe error hit a device pciback holds but no guest uses',
            cause:
              "dom0's AER driver reported an error on a device bound to pciback that no domain has been given; pciback has no guest to tell, and recovery is left to dom0 alone",
            fix: "read dom0's AER lines for the device; if they repeat, check the device and its slot before assigning it",
          }
        : f.what === 'not responding'
          ? {
              cause:
                "pciback forwarded a PCIe error to the guest's PCI frontend and the guest did not answer within 300 seconds; recovery goes on without it and the guest's driver may be left with a device in an unknown state",
            }
          : undefined,
    render: render('pciback 0000:03:00.0: '),
    examples: [
      ex('pciback 0000:03:00.0: xen-pciback device is not connected or owned by HVM, kill it', {
        what: 'not connected or owned by HVM, kill it',
      }),
      ex('pciback 0000:03:00.0: xen-pciback device is not found/assigned', { what: 'not found/assigned' }),
      ex('pciback 0000:03:00.0: pcifront aer process not responding!'),
    ],
  },

  // ---------------------------------------------------------------- dom0: drivers/xen/pci.c
  {
    id: 'kernel.xen-pci-device-add-failed',
    source: 'kernel',
    cite: `${XEN_PCI} xen_pci_notifier() (xen_add_device(): PHYSDEVOP_pci_device_add, or PHYSDEVOP_manage_pci_add(_ext) on old hypervisors)`,
    format: 'Failed to %s - passthrough or MSI/MSI-X might fail!\n',
    versions: 'dev_err() with the device\'s driver and address (often "pci ADDR: " at enumeration)',
    patterns: [/Failed to (?<op>add|delete) - passthrough or MSI\/MSI-X might fail!/],
    severity: 'error',
    title: 'dom0 could not tell Xen about a PCI device: its passthrough and MSI will fail',
    cause:
      "dom0's kernel reports every PCI device it finds (or removes) to the hypervisor, which needs it to set up the IOMMU context, MSI/MSI-X and passthrough for the device. Xen refused (a device in a PCI segment an old Xen does not know, an ARI or SR-IOV function it does not support, a hypervisor without the IOMMU set up). dom0's own driver may still work with legacy interrupts, but MSI/MSI-X for the device and assigning it to a guest are expected to fail",
    fix: "read `xl dmesg` for the hypervisor's reason at the same moment; update Xen (newer hypervisors handle segments, ARI and VFs); for VFs created after boot, make sure dom0's kernel and Xen both support SR-IOV reporting",
    refine: (f) =>
      f.op === 'delete'
        ? {
            severity: 'warning',
            title: 'dom0 could not tell Xen that a PCI device was removed',
            cause:
              "dom0's kernel removed a PCI device (hot-unplug, VFs disabled, a rescan) and Xen refused to forget it (it did not know it, or a domain still has it assigned); Xen may keep stale state for that address",
            fix: 'check `xl pci-list` for domains holding the device; if a device comes back at that address later and fails, reboot the host',
          }
        : undefined,
    render: render('pci 0000:03:00.0: ', 'add'),
    examples: [
      ex('pci 0000:03:00.0: Failed to add - passthrough or MSI/MSI-X might fail!', {
        op: 'add',
        bdf: '0000:03:00.0',
      }),
      ex('pci 0000:03:10.1: Failed to delete - passthrough or MSI/MSI-X might fail!', { op: 'delete' }),
    ],
  },
];

/** Messages of the swept files that an existing entry already recognises and explains. */
export const XEN_PT_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'qemu.rom-contents-invalid',
    file: XEN_PT_ROM,
    format: 'Device option ROM contents are probably invalid (check dmesg).',
    text: 'Device option ROM contents are probably invalid (check dmesg).',
  },
  {
    id: 'qemu.xen-pt-igd-passthru-required',
    file: XEN_PT_GFX,
    format: 'Need to enable igd-passthrough',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: Need to enable igd-passthrough',
  },
  {
    id: 'qemu.xen-pt-igd-vbios',
    file: XEN_PT,
    format: 'Setup VGA BIOS of passthrough GFX failed',
    text: 'Setup VGA BIOS of passthrough GFX failed',
  },
  {
    id: 'qemu.xen-pt-igd-vbios',
    file: XEN_PT_GFX,
    format: 'VGA: VBIOS image corrupt (bad pcioffset field)',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: VGA: VBIOS image corrupt (bad pcioffset field)',
  },
  {
    id: 'qemu.xen-pt-igd-vga-mapping-failed',
    file: XEN_PT_GFX,
    format: 'VGA %s unmapping failed! (rc: %i)',
    text: 'xen_pt_unregister_vga_regions: Error: VGA memory unmapping failed! (rc: -1)',
  },
  {
    id: 'qemu.xen-pt-igd-opregion-failed',
    file: XEN_PT_GFX,
    format: "[%d]:Can't enable to access IGD host opregion: 0x%lx.",
    text: "[00:02.0] igd_write_opregion: Error: [-1]:Can't enable to access IGD host opregion: 0xdaf35.",
  },
  {
    id: 'sysfs.rom-read-failed',
    file: XEN_PT_ROM,
    format: 'pci-assign: Cannot open %s: %s',
    text: 'pci-assign: Cannot open /sys/bus/pci/devices/0000:00:02.0/rom: Permission denied',
  },
  {
    id: 'sysfs.rom-read-failed',
    file: XEN_PT_ROM,
    format: 'pci-assign: Cannot stat %s: %s',
    text: 'pci-assign: Cannot stat /sys/bus/pci/devices/0000:01:00.0/rom: Input/output error',
  },
  {
    id: 'qemu.xen-pt-rom-load-failed',
    file: XEN_PT_ROM,
    format: 'ROM BAR "%s" (%ld bytes) is too large for ROM size %u',
    text: 'ROM BAR "/sys/bus/pci/devices/0000:01:00.0/rom" (131072 bytes) is too large for ROM size 65536',
  },
  {
    id: 'qemu.xen-pt-config-access-refused',
    file: XEN_PT,
    format: 'Failed to access register with invalid access length. (addr: 0x%02x, len: %d)',
    text: '[00:05.0] xen_pt_pci_read_config: Error: Failed to access register with invalid access length. (addr: 0x40, len: 3)',
  },
  {
    id: 'qemu.xen-pt-config-access-refused',
    file: XEN_PT,
    format: 'Failed to access register with invalid access size alignment. (addr: 0x%02x, len: %d)',
    text: '[00:05.0] xen_pt_pci_write_config: Error: Failed to access register with invalid access size alignment. (addr: 0x41, len: 2)',
  },
  {
    id: 'qemu.xen-pt-host-config-io-failed',
    file: XEN_PT,
    format: 'pci_write_block failed. return value: %d.',
    text: '[00:06.0] xen_pt_pci_write_config: Error: pci_write_block failed. return value: -5.',
  },
  {
    id: 'qemu.xen-pt-host-config-io-failed',
    file: XEN_PT,
    format: 'Failed to read PCI_INTERRUPT_PIN',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to read PCI_INTERRUPT_PIN: No such device',
  },
  {
    id: 'qemu.xen-pt-host-config-io-failed',
    file: XEN_PT,
    format: 'Failed to read PCI_COMMAND',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to read PCI_COMMAND: Input/output error',
  },
  {
    id: 'qemu.xen-pt-host-config-io-failed',
    file: XEN_PT,
    format: 'Failed to write PCI_COMMAND val = 0x%x',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to write PCI_COMMAND val = 0x406: Input/output error',
  },
  {
    id: 'qemu.xen-pt-guest-write-ignored',
    file: XEN_PT,
    format: 'Access to 0-Hardwired register. (addr: 0x%02x, len: %d)',
    text: '[00:05.0] xen_pt_pci_write_config: Warning: Access to 0-Hardwired register. (addr: 0x50, len: 2)',
  },
  {
    id: 'qemu.xen-pt-guest-write-ignored',
    file: XEN_PT_CONFIG,
    format: 'Tries to set more than 1 vector ctrl %x',
    text: '[00:05.0] xen_pt_msgctrl_reg_write: Warning: Tries to set more than 1 vector ctrl 85',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT,
    format: 'PCI Config space initialisation failed',
    text: 'PCI Config space initialisation failed',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Unsupported device/port type %#x.',
    text: '[00:05.0] xen_pt_pcie_size_init: Error: Unsupported device/port type 0x4.',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Unsupported capability version %#x.',
    text: '[00:05.0] xen_pt_pcie_size_init: Error: Unsupported capability version 0.',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Failed to read capability @0x%x (rc:%d)',
    text: '[00:05.0] xen_pt_ptr_reg_init: Error: Failed to read capability @0x50 (rc:-5)',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Failed to init register %d offsets 0x%x in grp_type = 0x%x (%d/%zu)',
    text: 'Failed to init register 2 offsets 0x4 in grp_type = 0x1 (11/15)',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Init emulate register fail',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Init emulate register fail',
  },
  {
    id: 'qemu.xen-pt-config-init-failed',
    file: XEN_PT_CONFIG,
    format: 'Cannot read host values',
    text: 'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Cannot read host values',
  },
  {
    id: 'qemu.xen-pt-host-device-open-failed',
    file: XEN_PT,
    format: 'Failed to "open" the real pci device',
    text: 'Failed to "open" the real pci device',
  },
  {
    id: 'qemu.xen-pt-msi-setup-failed',
    file: XEN_PT_MSI,
    format: 'Updating of MSI%s failed. (rc: %d)',
    text: '[00:05.0] msi_msix_update: Error: Updating of MSI-X failed. (rc: -1)',
  },
  {
    id: 'qemu.xen-pt-msi-setup-failed',
    file: XEN_PT_MSI,
    format: 'Invalid pirq number: %d.',
    text: '[00:05.0] xen_pt_msi_setup: Error: Invalid pirq number: -1.',
  },
  {
    id: 'qemu.xen-pt-msi-setup-failed',
    file: XEN_PT_CONFIG,
    format: 'Can not map MSI (register: %x)!',
    text: '[00:05.0] xen_pt_msgctrl_reg_write: Warning: Can not map MSI (register: 80)!',
  },
  {
    id: 'qemu.xen-pt-msi-setup-failed',
    file: XEN_PT_CONFIG,
    format: 'Can not bind MSI (register: %x)!',
    text: '[00:05.0] xen_pt_msgctrl_reg_write: Warning: Can not bind MSI (register: 80)!',
  },
  {
    id: 'qemu.xen-pt-msix-table-map-failed',
    file: XEN_PT_MSI,
    format: "Can't open /dev/mem: %s",
    text: "[00:05.0] xen_pt_msix_init: Error: Can't open /dev/mem: Permission denied",
  },
  {
    id: 'qemu.xen-pt-msix-table-map-failed',
    file: XEN_PT_CONFIG,
    format: 'Internal error: Invalid xen_pt_msix_init.',
    text: '[00:05.0] xen_pt_msix_size_init: Error: Internal error: Invalid xen_pt_msix_init.',
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    file: XEN_PT,
    format: 'unmapping of interrupt %i failed. (err: %d) But bravely continuing on..',
    text: '[00:05.0] xen_pt_destroy: Error: unmapping of interrupt 16 failed. (err: 22) But bravely continuing on..',
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    file: XEN_PT,
    format: 'Unmapping of machine interrupt %i failed! (err: %d)',
    text: '[00:05.0] xen_pt_realize: Error: Unmapping of machine interrupt 16 failed! (err: 22)',
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    file: XEN_PT_MSI,
    format: 'Unbinding of MSI%s failed. (pirq: %d, gvec: %#x)',
    text: '[00:05.0] msi_msix_disable: Error: Unbinding of MSI-X failed. (pirq: 55, gvec: 0x51)',
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    file: XEN_PT_MSI,
    format: 'Unmapping of MSI%s pirq %d failed. (rc: %i)',
    text: '[00:05.0] msi_msix_disable: Error: Unmapping of MSI-X pirq 55 failed. (rc: -1)',
  },
  {
    id: 'qemu.xen-pt-irq-teardown-failed',
    file: XEN_PT_MSI,
    format: 'unbind MSI-X entry %d failed',
    text: '[00:05.0] xen_pt_msix_update_remap: Error: unbind MSI-X entry 55 failed',
  },
  {
    id: 'kernel.xen-pciback-permissive-enabled',
    file: `${PCIBACK}/pci_stub.c`,
    format: 'permissive mode is potentially unsafe!',
    text: 'pciback 0000:03:00.0: permissive mode is potentially unsafe!',
  },
  {
    id: 'kernel.xen-pciback-export',
    file: `${PCIBACK}/xenbus.c`,
    format: 'Stealing ownership from dom%d.',
    text: 'pciback 0000:03:00.0: Stealing ownership from dom3.',
  },
  {
    id: 'kernel.xen-pciback-export',
    file: `${PCIBACK}/vpci.c`,
    format: 'vpci: assign to virtual slot %d',
    text: 'pciback 0000:03:00.0: vpci: assign to virtual slot 0',
  },
  {
    id: 'kernel.xen-pciback-export',
    file: `${PCIBACK}/vpci.c`,
    format: 'vpci: assign to virtual slot %d func %d',
    text: 'pciback 0000:03:00.1: vpci: assign to virtual slot 0 func 1',
  },
  {
    id: 'kernel.xen-pciback-export-failed',
    file: `${PCIBACK}/vpci.c`,
    format: "Can't export bridges on the virtual PCI bus",
    text: "xen-pciback pci-7-0: 14 Can't export bridges on the virtual PCI bus",
  },
  {
    id: 'kernel.xen-pciback-export-failed',
    file: `${PCIBACK}/vpci.c`,
    format: 'No more space on root virtual PCI bus',
    text: 'xen-pciback pci-7-0: 12 No more space on root virtual PCI bus',
  },
  {
    id: 'kernel.xen-pciback-aer',
    file: `${PCIBACK}/pci_stub.c`,
    format: 'xen-pciback device is not found/assigned',
    text: 'pciback 0000:03:00.0: xen-pciback device is not found/assigned',
  },
  {
    id: 'kernel.xen-pciback-aer',
    file: `${PCIBACK}/pci_stub.c`,
    format: 'guest with no AER driver should have been killed',
    text: 'pciback 0000:03:00.0: guest with no AER driver should have been killed',
  },
  {
    id: 'kernel.xen-pciback-aer',
    file: `${PCIBACK}/pci_stub.c`,
    format: 'pcifront aer process not responding!',
    text: 'pciback 0000:03:00.0: pcifront aer process not responding!',
  },
];

const LOG_ONLY = 'XEN_PT_LOG() output, printed only by builds with XEN_PT_LOGGING_ENABLED';

/** Strings of the swept files left out, with the reason. */
export const XEN_PT_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: XEN_PT,
    format: 'Internal error: Invalid read emulation. (%s, rc: %d)',
    why: 'an inconsistency in QEMU\'s own register emulation (also "Invalid write emulation"): a QEMU bug that shuts the domain down, with nothing for the user to set',
  },
  {
    file: XEN_PT,
    format: 'Reserving PCI slot 2 for IGD',
    why: `${LOG_ONLY}; routine note of IGD passthrough (also "Intel IGD found, using slot 2")`,
  },
  {
    file: XEN_PT,
    format: '%04x:%02x:%02x.%d is a SR-IOV Virtual Function',
    why: `${LOG_ONLY}; routine note while attaching a VF, next to the attach lines qemu.xen-pt-attach-progress covers`,
  },
  {
    file: XEN_PT_MSI,
    format: 'Updating MSI%s with pirq %d gvec %#x gflags %#x (entry: %#x)',
    why: `${LOG_ONLY}; routine trace of MSI/MSI-X binding (also "requested pirq %d for MSI%s", "MSI mapped with pirq %d.", "Unbind MSI%s with pirq %d, gvec %#x", "Unmap MSI%s pirq %d", "%s MSI.")`,
  },
  {
    file: XEN_PT_MSI,
    format: 'get MSI-X table BAR base 0x%lx',
    why: `${LOG_ONLY}; routine trace of the MSI-X table mapping (also "table_off = %#x, total_entries = %d", "mapping physical MSI-X table to %p", "unmapping physical MSI-X table from %p")`,
  },
  {
    file: XEN_PT_MSI,
    format: 'Setup physical MSI when it has been properly initialized.',
    why: "an internal state check of QEMU's MSI emulation (set-up called twice); a QEMU bug with no user setting behind it",
  },
  {
    file: XEN_PT_MSI,
    format: "asked MSI-X entry '%i' invalid!",
    why: "a guest access past the device's MSI-X table, ignored; a guest driver bug that does not affect the host",
  },
  {
    file: XEN_PT_MSI,
    format: 'Invalid id %#x base %#x',
    why: 'the MSI-X capability pointer leads to another capability id (garbled config space); the attach then fails with the "Failed to initialize 12/…" line qemu.xen-pt-config-init-failed explains',
  },
  {
    file: XEN_PT_CONFIG,
    format: 'Internal error: Invalid BAR index [%d].',
    why: 'QEMU\'s BAR register emulation reached an impossible index (also the "Couldn\'t find XenPTReg*/XenPTRegGroup" internal errors): QEMU bugs',
  },
  {
    file: XEN_PT_CONFIG,
    format: "Can't write to the upper address without 64 bit support",
    why: 'a guest write to the MSI upper address of a 32-bit MSI capability (also "the offset does not match the 32/64 bit type!"): a guest driver bug QEMU refuses',
  },
  {
    file: XEN_PT_CONFIG,
    format: 'Offset 0x%04x:0x%04x expands past register size (%d)',
    why: "an inconsistency between QEMU's register table and the value it built; a QEMU bug",
  },
  {
    file: XEN_PT_CONFIG,
    format: 'MSI already enabled, disabling it first',
    why: `${LOG_ONLY}; routine (also "MSIX already enabled, disabling it first", "setup MSI (register: %x).", "%s MSI-X")`,
  },
  {
    file: XEN_PT_GFX,
    format: 'vga bios checksum is adjusted %x!',
    why: `${LOG_ONLY}; QEMU patched the VBIOS device id and fixed its checksum, as intended (also "Read opregion val=%x", "Map OpRegion: 0x%lx -> 0x%lx", "opregion register already been set, ignoring %x")`,
  },
  {
    file: XEN_PT_GFX,
    format: 'set igd-passthrough-isa-bridge failed!',
    why: 'pci_create_simple() aborts QEMU instead of returning NULL, so this fallback line is not printed in practice',
  },
  {
    file: XEN_PT_ROM,
    format: 'Failed to disable pci-sysfs rom file',
    why: 'XEN_PT_WARN() output of logging builds only; the ROM was read already and the copy is in the guest',
  },
  {
    file: XEN_PT_ROM,
    format: 'Skip option ROM probe with rombar=0, or load from file with romfile=',
    why: 'the last line of the read-failure advice; the lines before it carry the meaning (qemu.xen-pt-rom-load-failed, qemu.rom-contents-invalid)',
  },
  {
    file: XEN_HOST_PCI,
    format: 'read err: %s',
    why: 'a read of an already opened sysfs file failing (also "Invalid format or input too short: %s", "failed to parse value \'%s\'"): a kernel or sysfs fault, with a wording too generic to recognise alone',
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: 'Could not store PCI conf saved state!',
    why: 'printed only when allocating the saved state fails (out of memory at boot); the device still gets seized',
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: 'error %d when start xenbus transaction',
    why: 'a xenstore failure inside the AER kill path (also "error %d when end xenbus transaction"); the AER lines around it carry the meaning',
  },
  {
    file: `${PCIBACK}/pci_stub.c`,
    format: 'xen-pciback: failed to get pcifront device',
    why: "an internal inconsistency of pciback's backend lists during AER handling; nothing for the user to set",
  },
  {
    file: `${PCIBACK}/pciback_ops.c`,
    format: '%s: enable MSI',
    why: 'KERN_DEBUG trace printed only with the verbose_request module option (also the MSI/MSI-X disable and vector lines)',
  },
  {
    file: `${PCIBACK}/conf_space.c`,
    format: '%s: read %d bytes at 0x%x = %x',
    why: 'KERN_DEBUG trace of every frontend config access, printed only with verbose_request',
  },
  {
    file: `${PCIBACK}/conf_space.c`,
    format: '1) see permissive attribute in sysfs',
    why: 'the continuation lines of the read-only-field warning that kernel.xen-pciback-readonly-config explains (also "2) report problems to the xen-devel mailing list …")',
  },
  {
    file: `${PCIBACK}/conf_space_header.c`,
    format: '%s: cannot enable memory-write-invalidate (%d)',
    why: 'the guest asked for Memory-Write-and-Invalidate, which the platform does not offer; the bit is dropped and nothing else changes',
  },
  {
    file: `${PCIBACK}/conf_space_header.c`,
    format: 'driver data not found for %s',
    why: 'a BAR field without its private data: a pciback bug, not a setting (also "%s: Unsupported header type %d!", which pcistub_probe() already refuses earlier)',
  },
  {
    file: `${PCIBACK}/conf_space_quirks.c`,
    format: "quirk didn't match any device known",
    why: 'KERN_DEBUG note when a device leaves pciback without a quirk entry; harmless',
  },
  {
    file: `${PCIBACK}/xenbus.c`,
    format: 'Error mapping other domain page in ours.',
    why: 'the PV frontend/backend handshake over xenstore (also "Error binding event channel to IRQ", "Error reading configuration from frontend", "version mismatch (%s/%s) with pcifront - halting xen-pciback"); the frontend and libxl report the failed attach',
  },
  {
    file: `${PCIBACK}/vpci.c`,
    format: 'Error adding entry to virtual PCI bus',
    why: 'an allocation failure (ENOMEM) in dom0; nothing specific to the device',
  },
  {
    file: XEN_PCI,
    format: 'Failed to report MMCONFIG reservation state for %s to hypervisor (%d)',
    why: "firmware MCFG reporting at boot, which concerns the hypervisor's own use of extended config space rather than a step of assigning a device",
  },
];
