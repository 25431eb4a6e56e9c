/**
 * Messages around an assigned device that come from neither VFIO nor the IOMMU drivers but that
 * users meet next to them: x86 PAT memory-type notes when QEMU maps a BAR
 * (arch/x86/mm/pat/memtype.c), the guest physical address limit of a PC machine (hw/i386/pc.c),
 * guest GPU drivers facing a device that did not reset (nouveau, amdgpu), and routine boot lines
 * (console takeover, AER service, SWIOTLB, IOMMU TLB policy) that are harmless.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const MS_CODES =
  'Microsoft Learn "Device Manager error messages" (windows-hardware/drivers/install/device-manager-error-messages)';

export const HOST_GUEST_EXTRA_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.pat-map-pfn-ram',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/pat/memtype.c reserve_pfn_range()',
    format: '%s:%d map pfn RAM range req %s for [mem %#010Lx-%#010Lx], got %s\n',
    patterns: [
      /x86\/PAT: (?<proc>[\w.-]{1,32}):(?<pid>\d{1,8}) map pfn RAM range req (?<req>[\w-]{2,24}) for \[mem 0x[0-9a-fA-F]{1,16}-0x[0-9a-fA-F]{1,16}\], got (?<got>[\w-]{2,24})/,
    ],
    severity: 'info',
    title: 'x86 PAT: a mapping got a different memory type than requested (usually harmless)',
    cause:
      'a process (QEMU mapping a device BAR or ROM for VFIO, or a graphics driver) asked for a memory type on a range the kernel considers RAM and got another; common with passthrough and usually harmless, though write-back on device memory can hurt a device that expects uncached access',
    fix: 'nothing to do unless the device misbehaves; then check that the BAR range is not also claimed as RAM (firmware memory map) and update the kernel',
    render: render(
      'x86/PAT: ',
      'qemu-system-x86',
      4217,
      'uncached-minus',
      0xf0000000,
      0xf0ffffff,
      'write-back',
    ),
    examples: [
      ex(
        'x86/PAT: qemu-system-x86:4217 map pfn RAM range req uncached-minus for [mem 0xf0000000-0xf0ffffff], got write-back',
        {
          proc: 'qemu-system-x86',
        },
      ),
    ],
  },
  {
    id: 'kernel.pat-conflicting-types',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/pat/memtype.c memtype_check_conflict() / memtype_reserve()',
    format: '%s:%d conflicting memory types %Lx-%Lx %s<->%s\n',
    patterns: [
      /x86\/PAT: (?<proc>[\w.-]{1,32}):(?<pid>\d{1,8}) conflicting memory types (?<start>[0-9a-fA-F]{1,16})-[0-9a-fA-F]{1,16} (?<a>[\w-]{2,24})<->(?<b>[\w-]{2,24})/,
    ],
    severity: 'warning',
    title: 'x86 PAT: two mappings of one range want different memory types',
    cause:
      "a range (often a GPU BAR) is already mapped with one memory type (write-combining by a framebuffer driver such as efifb/simplefb) and QEMU or a driver asks for another; the second mapping fails or is downgraded. With passthrough this points at a host framebuffer driver still holding the GPU's memory",
    fix: 'keep host framebuffer drivers off the assigned GPU (video=efifb:off, or unbind efifb/simpledrm before starting the VM); `vfiokit doctor` shows who holds the BARs',
    render: render(
      'x86/PAT: ',
      'qemu-system-x86',
      4217,
      0xf0000000,
      0xf1000000,
      'write-combining',
      'uncached-minus',
    ),
    examples: [
      ex(
        'x86/PAT: qemu-system-x86:4217 conflicting memory types f0000000-f1000000 write-combining<->uncached-minus',
        {
          a: 'write-combining',
        },
      ),
    ],
  },
  {
    id: 'qemu.phys-bits-too-low',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/pc.c pc_memory_init()',
    format: 'Address space limit 0x%lx < 0x%lx phys-bits too low (%u)',
    patterns: [
      /Address space limit 0x(?<limit>[0-9a-fA-F]{1,16}) < 0x(?<need>[0-9a-fA-F]{1,16}) phys-bits too low \((?<bits>\d{2})\)/,
    ],
    severity: 'error',
    title: "The guest CPU's physical address width is too small for its memory and PCI windows",
    cause:
      "guest RAM plus the 64-bit PCI window (large GPU BARs, pci-hole64-size) end above what the guest CPU can address with its phys-bits (QEMU's default 40, or 39 when copied from the host)",
    fix: "use host-phys-bits=on (-cpu host,host-phys-bits=on; libvirt <maxphysaddr mode='passthrough'/>) or a larger phys-bits up to the host's, or reduce maxmem / pci-hole64-size",
    render: render('qemu-system-x86_64: ', 0x7fffffffff, 0x8fffffffff, 39),
    examples: [
      ex('qemu-system-x86_64: Address space limit 0x7fffffffff < 0x8fffffffff phys-bits too low (39)', {
        bits: '39',
      }),
    ],
  },
  {
    id: 'kernel.nouveau-unknown-chipset',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/nouveau/nvkm/engine/device/base.c nvkm_device_ctor()',
    format: 'unknown chipset (%08x)\n',
    patterns: [/nouveau(?: [0-9a-fA-F:.]{7,16})?: unknown chipset \((?<boot0>[0-9a-fA-F]{8})\)/],
    severity: 'error',
    title: 'nouveau read a GPU id it does not know (often: the GPU is not answering)',
    cause:
      'nouveau reads the chip id from BAR0; "ffffffff" means the GPU answers nothing (powered off, not reset after its last user, or fallen off the bus); another value is a GPU newer than this nouveau',
    fix: "for ffffffff: power-cycle the host and make sure the GPU is reset between uses (see the reset entries); otherwise update the kernel or use NVIDIA's driver",
    refine: (f) =>
      /^f{8}$/i.test(f.boot0 ?? '')
        ? {
            cause:
              'the GPU returned all ones for its id register: it is not answering (not reset after its previous user, powered down, or off the bus)',
          }
        : {
            cause:
              "this nouveau does not know the GPU generation; a newer kernel may, or use NVIDIA's driver",
            severity: 'warning',
          },
    render: render('nouveau 0000:01:00.0: ', 0xffffffff),
    examples: [ex('nouveau 0000:01:00.0: unknown chipset (ffffffff)', { boot0: 'ffffffff' })],
  },
  {
    id: 'kernel.amdgpu-ip-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_device.c amdgpu_device_ip_init() / amdgpu_device_ip_hw_init_phase*()',
    format: 'hw_init of IP block <%s> failed %d\n',
    versions:
      'the same function prints "sw_init of IP block <%s> failed %d" when a block fails to set up its software state (firmware files read there), and amdgpu_device_ip_late_init() "late_init of IP block <%s> failed %d"',
    patterns: [/(?<phase>hw|sw|late)_init of IP block <(?<block>[\w-]{1,24})> failed (?<err>-?\d{1,4})/],
    severity: 'error',
    title: 'amdgpu: a GPU block failed to start',
    cause:
      'one hardware block (psp, smu, gfx, sdma…) did not initialise; in a VM usually because the GPU was not reset since its previous use (PSP/SMU still running their old firmware), or firmware files are missing in the guest',
    fix: 'reset the GPU between uses (vendor-reset for Polaris/Vega/Navi 1x, or a host power cycle), install linux-firmware in the guest, and pass a good VBIOS',
    render: render('[drm:amdgpu_device_ip_init [amdgpu]] *ERROR* ', 'psp', -22),
    examples: [
      ex('[drm:amdgpu_device_ip_init [amdgpu]] *ERROR* hw_init of IP block <psp> failed -22', {
        block: 'psp',
        errno: 'EINVAL',
      }),
      ex('amdgpu 0000:03:00.0: amdgpu: sw_init of IP block <gfx_v10_0> failed -22', {
        phase: 'sw',
        block: 'gfx_v10_0',
      }),
    ],
  },
  {
    id: 'kernel.amdgpu-smu-busy',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/pm/swsmu/smu_cmn.c __smu_cmn_reg_print_error()',
    format: "SMU: I'm not done with your previous command: SMN_C2PMSG_66:0x%08X SMN_C2PMSG_82:0x%08X\n",
    patterns: [/SMU: I'm not done with your previous command/],
    severity: 'error',
    title: "amdgpu: the GPU's power-management firmware is stuck",
    cause:
      'the SMU does not answer new commands: it still runs state from a previous user — the AMD reset problem after a VM shutdown or reboot — or it hung',
    fix: 'use vendor-reset for Polaris/Vega/Navi 1x, avoid binding amdgpu on the host to a passthrough GPU, and power-cycle the host to recover',
    render: render('amdgpu 0000:05:00.0: amdgpu: ', 6, 0),
    examples: [
      ex(
        "amdgpu 0000:05:00.0: amdgpu: SMU: I'm not done with your previous command: SMN_C2PMSG_66:0x00000006 SMN_C2PMSG_82:0x00000000",
      ),
    ],
  },
  {
    id: 'kernel.console-framebuffer',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/core/fbcon.c do_fbcon_takeover() (via drivers/tty/vt/vt.c do_bind_con_driver())',
    format: 'Console: switching to colour frame buffer device %dx%d\n',
    patterns: [/Console: switching to colour frame buffer device (?<cols>\d{2,4})x(?<rows>\d{2,4})/],
    severity: 'info',
    title: 'The console moved to a framebuffer (routine)',
    cause:
      'fbcon took over the text console on a framebuffer (efifb, simpledrm or a GPU driver); routine. On a single-GPU passthrough host this framebuffer belongs to the GPU you pass, and must be released before the VM starts',
    fix: 'nothing to do; for single-GPU passthrough unbind the vtconsole and the framebuffer first (`vfiokit` handover does it)',
    render: render('', 240, 67),
    examples: [ex('[    1.500000] Console: switching to colour frame buffer device 240x67', { cols: '240' })],
  },
  {
    id: 'kernel.routine-iommu-dma-lines',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_subsys_init() / kernel/dma/swiotlb.c swiotlb_print_info() / drivers/pci/pcie/aer.c aer_probe()',
    format: 'DMA domain TLB invalidation policy: %s mode %s\n',
    versions:
      'with "PCI-DMA: Using software bounce buffering for IO (SWIOTLB)" and "AER: enabled with IRQ %d"',
    patterns: [
      /iommu: DMA domain TLB invalidation policy: (?<policy>lazy|strict) mode/,
      /PCI-DMA: Using software bounce buffering for IO \(SWIOTLB\)/,
      /AER: enabled with IRQ \d{1,5}/,
    ],
    severity: 'info',
    title: 'Routine DMA/IOMMU/AER setup line',
    cause:
      "routine boot output: the IOMMU's TLB flush policy, the software bounce buffer every x86 kernel sets up (it does not mean the IOMMU is off), or the AER service starting on a port",
    fix: 'nothing to do',
    render: render('iommu: ', 'lazy', ''),
    examples: [
      ex('[    0.400000] iommu: DMA domain TLB invalidation policy: lazy mode', { policy: 'lazy' }),
      ex('[    0.500000] PCI-DMA: Using software bounce buffering for IO (SWIOTLB)'),
      ex('pcieport 0000:00:01.1: AER: enabled with IRQ 28'),
    ],
  },
  {
    id: 'kernel.boot-vga-shadowed-rom',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/pci/fixup.c pci_fixup_video()',
    format: 'Video device with shadowed ROM at %pR\n',
    patterns: [/Video device with shadowed ROM at \[mem 0x0{0,4}c0000-0x0{0,4}dffff\]/],
    severity: 'info',
    title: "This GPU is the boot VGA device (its ROM is the firmware's shadow copy)",
    cause:
      "the firmware initialised this GPU at boot and left a copy of its VBIOS at 0xC0000; the kernel points the device's ROM at that shadow. Passing the boot GPU works, but its ROM as read on the host may be the modified shadow copy, and host consoles (efifb/simpledrm) use it until released",
    fix: 'for passthrough of the boot GPU release the host console first and give the VM a ROM dumped from the card itself (or from the card while it is not the boot GPU) with romfile=',
    render: render('pci 0000:01:00.0: ', '[mem 0x000c0000-0x000dffff]'),
    examples: [
      ex('[    0.404247] pci 0000:01:00.0: Video device with shadowed ROM at [mem 0x000c0000-0x000dffff]', {
        bdf: '0000:01:00.0',
      }),
    ],
  },
  {
    id: 'kernel.module-unknown-parameter',
    source: 'kernel',
    cite: 'torvalds/linux kernel/module/main.c unknown_module_param_cb()',
    format: "%s: unknown parameter '%s' ignored\n",
    patterns: [/(?<module>[\w-]{1,40}): unknown parameter '(?<param>[\w.-]{1,64})' ignored/],
    severity: 'warning',
    title: 'A module option was ignored',
    cause:
      "the module does not know this option (a typo, an option from another module such as vfio_iommu_type1's allow_unsafe_interrupts given to vfio, or an option removed in this kernel); the module loads without it, so the setting you expected is not in effect",
    fix: 'check the option against `modinfo MODULE` and the file in /etc/modprobe.d/; e.g. ids= and disable_vga= belong to vfio-pci, allow_unsafe_interrupts to vfio_iommu_type1; rebuild the initramfs after changing it',
    refine: (f) =>
      f.module === 'i915' && f.param === 'max_vfs'
        ? {
            cause:
              "the i915 that loaded has no max_vfs option: it is the kernel's stock (in-tree) i915, which has no SR-IOV support for integrated GPUs, not the i915-sriov-dkms module that adds it. The DKMS module was not built or installed for the running kernel — after a kernel update DKMS builds it only when the headers of the new kernel are installed, and a build that failed leaves the stock driver in place — so the option is ignored and no VFs can be created",
            fix: '`dkms status` must list i915-sriov-dkms as installed for `uname -r`; install the headers of the running kernel (proxmox-default-headers / linux-headers-$(uname -r)), run `dkms autoinstall` (or reinstall the package), rebuild the initramfs and reboot; `modinfo i915 | grep max_vfs` shows whether the module on disk has it. On kernels 6.8+ with the xe driver the option is xe.max_vfs',
          }
        : undefined,
    render: render('', 'vfio', 'ids'),
    examples: [
      ex("[    3.100000] vfio: unknown parameter 'ids' ignored", { module: 'vfio', param: 'ids' }),
      ex("[    4.001234] i915: unknown parameter 'max_vfs' ignored", { module: 'i915', param: 'max_vfs' }),
    ],
  },
  {
    id: 'kernel.kvm-unstable-tsc',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/x86.c kvm_arch_vcpu_create() / kvm_arch_init_vm()',
    format: 'kvm: SMP vm created on host with unstable TSC; guest TSC will not be reliable\n',
    patterns: [/SMP vm created on host with unstable TSC; guest TSC will not be reliable/],
    severity: 'info',
    title: 'The host TSC is unstable (guest timekeeping falls back)',
    cause:
      'the host marked its TSC unstable (often after a CPU frequency or suspend event, or on some firmware), so guests cannot trust it; guests use other clocks. Unrelated to device assignment',
    fix: 'nothing to do for passthrough; for guest timing-sensitive loads check the host clocksource (dmesg "clocksource") and firmware settings',
    render: render(''),
    examples: [
      ex('[  200.000000] kvm: SMP vm created on host with unstable TSC; guest TSC will not be reliable'),
    ],
  },
  {
    id: 'kernel.acpi-dsm-type-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/acpi/acpica/nsarguments.c acpi_ns_check_argument_types()',
    format: '%s: Argument #%u type mismatch - Found [%s], ACPI requires [%s]',
    patterns: [
      /ACPI Warning: (?<method>[\\\w.]{1,64}): Argument #(?<arg>\d) type mismatch - Found \[(?<found>\w{1,16})\], ACPI requires \[(?<req>\w{1,16})\]/,
    ],
    severity: 'info',
    title: 'ACPI argument type warning (harmless)',
    cause:
      "a driver (typically nvidia or nouveau calling a GPU _DSM method) passed an argument type the firmware's ACPI table declares differently; ACPICA warns and continues. It does not affect passthrough",
    fix: 'nothing to do',
    render: render('ACPI Warning: ', '\\_SB.PCI0.GPP0.PEGP._DSM', 4, 'Buffer', 'Package'),
    examples: [
      ex(
        'ACPI Warning: \\_SB.PCI0.GPP0.PEGP._DSM: Argument #4 type mismatch - Found [Buffer], ACPI requires [Package] (20210730/nsarguments-61)',
        { arg: '4' },
      ),
    ],
  },
  {
    id: 'qemu.device-model-unknown',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_get_device_class()',
    format: "'%s' is not a valid device model name",
    patterns: [
      /'(?<model>vfio-[\w-]{1,30}|pcie-root-port|ramfb|[\w-]{1,40})' is not a valid device model name/,
    ],
    severity: 'error',
    title: 'This QEMU does not have the device model',
    cause:
      'the QEMU binary was built without the device: vfio-pci exists only in Linux builds with VFIO enabled (not in macOS/Windows QEMU or minimal builds), and some models only on some targets',
    fix: "use a Linux QEMU built with VFIO (the distribution's qemu-system-x86 package); `qemu-system-x86_64 -device help | grep vfio` lists what this binary has",
    render: render('qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: ', 'vfio-pci'),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: 'vfio-pci' is not a valid device model name",
        { model: 'vfio-pci' },
      ),
    ],
  },
  {
    id: 'qemu.property-not-found',
    source: 'qemu',
    cite: 'qemu/qemu qom/object.c object_property_find_err()',
    format: "Property '%s.%s' not found",
    patterns: [
      // from a file read with -readconfig, QEMU's error location is the file and line (util/qemu-config.c
      // qemu_config_foreach() loc_set_file()): "qemu-system-x86_64:/path/qemu.conf:266: Property …"
      /:(?<conf>\/[^\s:]{1,200}):(?<confLine>\d{1,6}): Property '(?<type>vfio-pci[\w-]{0,20}|[\w-]{1,40})\.(?<prop>[\w-]{1,48})' not found/,
      // qom/object.c object_apply_global_props(): "can't apply global %s.%s=%s: " then the error
      /(?<global>can't apply global) [\w-]{1,40}\.[\w-]{1,48}=[^:\n]{0,80}: Property '(?<type>vfio-pci[\w-]{0,20}|[\w-]{1,40})\.(?<prop>[\w-]{1,48})' not found/,
      /Property '(?<type>vfio-pci[\w-]{0,20}|[\w-]{1,40})\.(?<prop>[\w-]{1,48})' not found/,
    ],
    severity: 'error',
    title: 'This QEMU does not know a device option',
    cause:
      'the option is not a property of the device in this QEMU version: a newer option on an older QEMU (x-igd-legacy-mode, x-igd-lpc, iommufd=, vf-token=, display=), a typo, or an option of another device',
    fix: 'check `qemu-system-x86_64 -device vfio-pci,help` for the options this binary has; update QEMU for newer ones, or drop the option',
    refine: (f) => {
      const caseNote = /[A-Z]/.test(f.prop ?? '')
        ? ` Property names are matched exactly and QEMU's are lower case ("${(f.prop ?? '').toLowerCase()}" is a different name from "${f.prop}"), so a capital letter alone makes it unknown.`
        : '';
      if (f.conf) {
        const tool = /\/lxd\//.test(f.conf)
          ? 'LXD, which writes this file for every VM start from the instance configuration'
          : /\/incus\//.test(f.conf)
            ? 'Incus, which writes this file for every VM start from the instance configuration'
            : 'whatever generated it (a VM manager such as LXD or Incus writes such a file for each start)';
        return {
          title: 'A generated QEMU config file sets a device property this QEMU does not have',
          cause: `QEMU read its devices from a config file (-readconfig ${f.conf}, line ${f.confLine}) and the ${f.type} section there sets "${f.prop}", which is not a property of ${f.type} in this QEMU. The file comes from ${tool}: the management tool and the QEMU it drives disagree, usually after an update of one of them (a new key written by the tool, or an older QEMU than the tool expects).${caseNote}`,
          fix: `do not edit the generated file (it is rewritten at each start): update or roll back the management tool (or its QEMU) so that both match, and report the key to its project if the versions are the supported pair; a raw.qemu / raw.qemu.conf override in the instance configuration can remove the key meanwhile`,
        };
      }
      if (f.global)
        return {
          title: 'A global property names a property this device type does not have',
          cause: `QEMU applies global properties to every device of a type as it is created: those given with -global (libvirt's <qemu:commandline>, a config file) and those the machine type adds for compatibility with older releases (the compat properties of pc-q35-X.Y, pc-i440fx-X.Y, virt-X.Y). This one sets "${f.prop}" on ${f.type}, which has no such property, so every ${f.type} device fails to be created. If you did not pass -global ${f.type}.${f.prop} yourself, the machine type's own compatibility list names the wrong type: a QEMU bug (a regression of that release), not your configuration.${caseNote}`,
          fix: `look for -global ${f.type}.${f.prop} in the command line or libvirt XML and remove it; if there is none, use another machine type version (e.g. the previous pc-q35-X.Y) or a QEMU release with the fix, and report it to QEMU with the machine type`,
        };
      return caseNote
        ? { cause: `the option "${f.prop}" is not a property of ${f.type} in this QEMU.${caseNote}` }
        : undefined;
    },
    render: render(
      'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,x-igd-lpc=on: ',
      'vfio-pci',
      'x-igd-lpc',
    ),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,x-igd-lpc=on: Property 'vfio-pci.x-igd-lpc' not found",
        { prop: 'x-igd-lpc' },
      ),
      ex("qemu-system-x86_64:/run/incus/vm1/qemu.conf:212: Property 'vfio-pci.x-igd-lpc' not found", {
        conf: '/run/incus/vm1/qemu.conf',
        confLine: '212',
        prop: 'x-igd-lpc',
      }),
    ],
  },
  {
    id: 'qemu.property-bad-value',
    source: 'qemu',
    cite: 'qemu/qemu hw/core/qdev-properties.c error_set_from_qdev_prop_error()',
    format: "Property '%s.%s' doesn't take value '%s'",
    patterns: [
      /Property '(?<type>[\w-]{1,40})\.(?<prop>[\w-]{1,48})' doesn't take value '(?<value>[^'\n]{0,100})'/,
    ],
    severity: 'error',
    title: 'A device option has a value QEMU cannot read',
    cause:
      'the value does not parse for that option: for host= an address not of the form [DDDD:]BB:DD.F (hex, with the function after a dot), for booleans something other than on/off',
    fix: 'write host= as 0000:01:00.0 (lspci -D prints it), booleans as on/off',
    render: render('qemu-system-x86_64: -device vfio-pci,host=01:00: ', 'vfio-pci', 'host', '01:00'),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=01:00: Property 'vfio-pci.host' doesn't take value '01:00'",
        { prop: 'host', value: '01:00' },
      ),
    ],
  },
  {
    id: 'windows.code-39',
    source: 'windows',
    cite: `${MS_CODES}: Code 39 CM_PROB_DRIVER_FAILED_LOAD`,
    format:
      'Windows cannot load the device driver for this hardware. The driver may be corrupted or missing. (Code 39)',
    patterns: [/\([Cc]ode 39\)/, /Windows cannot load the device driver for this hardware/],
    severity: 'error',
    title: 'Windows could not load the driver (Code 39)',
    cause:
      'the driver binary failed to load: a corrupted or partially removed driver, or a driver that refuses the hardware it finds — with passthrough, a vGPU/GRID guest driver that does not match the host vGPU manager, or a consumer driver on a device id it does not support',
    fix: 'remove the driver completely (DDU in safe mode) and install the one matching the device (for vGPU: the guest driver of the same release as the host vGPU manager)',
    render: render(''),
    examples: [
      ex(
        'Windows cannot load the device driver for this hardware. The driver may be corrupted or missing. (Code 39)',
      ),
    ],
  },
  {
    id: 'windows.code-52',
    source: 'windows',
    cite: `${MS_CODES}: Code 52 CM_PROB_UNSIGNED_DRIVER`,
    format:
      'Windows cannot verify the digital signature for the drivers required for this device. A recent hardware or software change might have installed a file that is signed incorrectly or damaged, or that might be malicious software from an unknown source. (Code 52)',
    patterns: [
      /\([Cc]ode 52\)/,
      /Windows cannot verify the digital signature for the drivers required for this device/,
    ],
    severity: 'error',
    title: 'Windows refused an unsigned driver (Code 52)',
    cause:
      'the driver is not signed as Windows requires with Secure Boot on: typically a modified driver (a patched NVIDIA driver, an older virtio driver) in a guest booted with Secure Boot (OVMF secboot variables)',
    fix: "install a signed driver (the vendor's release, a current virtio-win), or boot the guest without Secure Boot if you must use a modified one",
    render: render(''),
    examples: [
      ex(
        'Windows cannot verify the digital signature for the drivers required for this device. A recent hardware or software change might have installed a file that is signed incorrectly or damaged, or that might be malicious software from an unknown source. (Code 52)',
      ),
    ],
  },
];
