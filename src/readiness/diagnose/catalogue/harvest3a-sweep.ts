/**
 * The third harvest, host side: messages users posted in public threads about the host of a VM
 * (kernel, QEMU, libvirt) that the catalogue did not recognise or explained wrongly. QEMU: a -set
 * on a device libvirt passes as JSON, firmware files that are not there, machine types the binary
 * lacks, "KVM: entry failed", display and VGA back ends missing from the build, a memory backend
 * that is not defined, -numa on a machine without NUMA, deprecated options. libvirt: USB hostdev
 * with vendor 0, schema validation, a document of the wrong kind, daemons whose sockets are not
 * there, inactive networks, UEFI variable templates, cgroup writes. Kernel: i915 GuC load
 * failures, nouveau sub-device constructors (GSP firmware), AMD IOMMU perf counters, the CPU-bug
 * SMT notices. Each example is the message as posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const QEMU = 'qemu-system-x86_64: ';

export const HARVEST3A_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- QEMU: command line and machine ----
  {
    id: 'qemu.set-option-no-device',
    source: 'qemu',
    cite: 'qemu/qemu util/qemu-config.c qemu_set_option()',
    format: 'there is no %s "%s" defined',
    versions:
      'QEMU prefixes the option: "-set device.hostdev0.x-vga=on: there is no device \\"hostdev0\\" defined"; -set only reaches options kept as QemuOpts, not devices given as JSON (-device {"driver":...}), which libvirt uses with QEMU 7.0 and later (the thread: -set worked with QEMU 6.2, not with 7.0)',
    patterns: [/there is no (?<optgroup>[\w-]{1,20}) "(?<id>[^"\n]{1,64})" defined/],
    severity: 'error',
    title: 'QEMU: -set names a device that is not in its option list',
    cause:
      '-set GROUP.ID.PROP=VALUE edits an option QEMU parsed earlier as QemuOpts, and no such option exists. With libvirt this is the usual way to add x-vga=on or other vfio-pci properties through <qemu:commandline>, and it stopped working once libvirt began passing devices to QEMU as JSON (-device {"driver":"vfio-pci","id":"hostdev0",...}, libvirt with QEMU 7.0 and later): JSON devices are not QemuOpts, so -set finds no device "hostdev0" even though it exists. Otherwise the id is misspelt or the device is defined after the -set',
    fix: 'with libvirt 8.2 or later set the property with <qemu:override> (<qemu:device alias="hostdev0"><qemu:frontend><qemu:property name="x-vga" type="bool" value="true"/></qemu:frontend></qemu:device>) instead of -set; on a hand-written command line put the property on the -device itself (-device vfio-pci,host=...,x-vga=on)',
    render: render(`${QEMU}-set device.hostdev0.x-vga=on: `, 'device', 'hostdev0'),
    examples: [
      ex(
        'qemu-system-x86_64: -set device.hostdev0.x-vga=on: there is no device "hostdev0" defined',
        { optgroup: 'device', id: 'hostdev0' },
        'https://github.com/AshleyYakeley/NixVirt/issues/36',
      ),
    ],
  },
  {
    id: 'qemu.firmware-file-missing',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/x86-common.c x86_bios_rom_init() (hw/i386/x86.c, hw/i386/pc.c in older QEMU) for -bios; util/osdep.c qemu_open_internal() from block/file-posix.c raw_open_common() for pflash drives ("Could not open \'%s\': %s")',
    format: "could not load PC BIOS '%s'",
    versions:
      'older QEMU prints it with the prefix "qemu: "; a pflash drive (-drive if=pflash,file=... or libvirt\'s -blockdev "libvirt-pflash0-storage") reports "Could not open \'PATH\': No such file or directory" instead',
    patterns: [
      /could not load PC BIOS '(?<path>[^'\n]{1,300})'/,
      /if=pflash[^\n]{0,300}: Could not open '(?<path>[^'\n]{1,300})': (?<err>No such file or directory)/,
      /"libvirt-pflash\d-storage"[^\n]{0,200}: Could not open '(?<path>[^'\n]{1,300})': (?<err>No such file or directory)/,
    ],
    severity: 'error',
    title: 'QEMU cannot find the firmware (OVMF/SeaBIOS) it was given',
    cause:
      "the firmware file named on the command line is not there (or, for -bios, cannot be read as a ROM image: x86_bios_rom_init() also fails when the file is empty or its size is not a multiple of 64 KiB). Distributions put OVMF in different places — /usr/share/OVMF/ (Debian, Ubuntu), /usr/share/edk2/ovmf/ (Fedora), /usr/share/edk2/x64/ or /usr/share/edk2-ovmf/x64/ (Arch), /usr/share/qemu/ (QEMU's own edk2-x86_64-code.fd) — so a script or XML written for one distribution points at a missing file on another, or the package (ovmf, edk2-ovmf) is not installed; a relative path is relative to the directory QEMU was started from",
    fix: 'find the file the system has (`ls /usr/share/OVMF /usr/share/edk2*/ /usr/share/qemu/*.fd`; install ovmf / edk2-ovmf if none) and point -bios / the pflash drive / <loader> at it with an absolute path; with libvirt prefer <os firmware="efi"> so libvirt picks the installed firmware itself',
    render: render('qemu: ', '/usr/share/edk2-ovmf/x64/OVMF_CODE.fd'),
    examples: [
      ex(
        "qemu: could not load PC BIOS '/usr/share/edk2-ovmf/x64/OVMF_CODE.fd'",
        { path: '/usr/share/edk2-ovmf/x64/OVMF_CODE.fd' },
        'https://github.com/royalgraphx/LegacyOSXKVM/issues/4',
      ),
      ex(
        "qemu-system-x86_64: -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd: Could not open '/usr/share/OVMF/OVMF_CODE.fd': No such file or directory",
        { path: '/usr/share/OVMF/OVMF_CODE.fd' },
        'https://github.com/mroboff/vm-curator/issues/23',
      ),
      ex(
        "qemu-system-x86_64: -drive if=pflash,format=raw,readonly,file=./backup/OVMF_CODE.fd: Could not open './backup/OVMF_CODE.fd': No such file or directory",
        { path: './backup/OVMF_CODE.fd' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/269',
      ),
    ],
  },
  {
    id: 'qemu.machine-type-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu system/vl.c select_machine() (vl.c machine_parse() in QEMU 2.x–5.1)',
    format: 'unsupported machine type',
    versions:
      'followed by "Use -machine help to list supported machines"; QEMU 2.x and some distribution builds print "Unsupported machine type" and end the hint with "!"; some builds add the name ("unsupported machine type \'pc-q35-3.0\'"); QEMU prefixes the option (-machine NAME,...)',
    patterns: [
      /-machine (?:type=)?(?<machine>[+\w.-]{1,48})[^\n]{0,300}: [Uu]nsupported machine type/,
      /[Uu]nsupported machine type(?: ['"](?<named>[+\w.-]{1,48})['"])?/,
    ],
    severity: 'error',
    title: 'QEMU does not have the machine type the VM asks for',
    cause:
      'this QEMU binary has no machine type of that name. Versioned types are added with each QEMU release (pc-q35-4.2 needs QEMU 4.2 or later), so an XML or script made with a newer QEMU fails on an older one; names like pc-q35-rhel8.6.0 or pc-i440fx-rhel7.6.0 exist only in RHEL/CentOS qemu-kvm; old versioned types are removed after deprecation; or another binary runs than the one the configuration was made for (<emulator>, a downgrade, a container image with its own QEMU)',
    fix: 'list what the binary offers (`qemu-system-x86_64 -machine help`, or `virsh capabilities`/`virsh domcapabilities`) and set the machine to one of them — the unversioned alias q35 or pc is always there and libvirt expands it to the newest version (virsh edit: <type machine="q35">)',
    render: render(`${QEMU}-machine pc-q35-4.2,accel=kvm: `),
    examples: [
      ex(
        "error:internal error: process exited while connecting to monitor: 2019-06-21T07:59:27.954130Z qemu-system-x86_64: -machine pc-q35-3.0,accel=kvm,usb=off,vmport=off,dump-guest-core=off: unsupported machine type 'pc-q35-3.0'\nUse -machine help to list supported machines",
        { machine: 'pc-q35-3.0' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/49',
      ),
      ex(
        "ERROR starting domain status:'done' ( libvirt error code: 1, message: internal error: process exited while connecting to monitor: 2017-10-06T10:19:11.897874Z qemu-system-x86_64: -msg timestamp=on: **unsupported machine type** Use -machine help to list supported machines )",
        undefined,
        'https://github.com/UPC/ravada/issues/390',
      ),
      ex(
        'qemu-system-x86_64: unsupported machine type',
        undefined,
        'https://github.com/knazarov/homebrew-qemu-virgl/issues/59',
      ),
    ],
  },
  {
    id: 'qemu.memory-backend-not-found',
    source: 'qemu',
    cite: 'qemu/qemu hw/core/machine.c machine_run_board_init()',
    format: "Memory backend '%s' not found",
    patterns: [/Memory backend '(?<id>[^'\n]{1,64})' not found/],
    severity: 'error',
    title: 'QEMU: the machine names a memory backend that is not defined',
    cause:
      "-machine memory-backend=ID tells QEMU to take guest RAM from the -object memory-backend-* with that id, and no such object exists. libvirt (6.x and later) starts QEMU with memory-backend=pc.ram together with an -object memory-backend-{ram,file,memfd} id=pc.ram built from <memoryBacking>; this error means the object is missing from the command line that ran — a <qemu:commandline>/<qemu:arg> edit or a management tool's XML that changed or dropped it, or a hand-written command line that kept memory-backend= without the object",
    fix: 'read the QEMU command line in /var/log/libvirt/qemu/VM.log and look for the -object with id=pc.ram; remove custom <qemu:commandline> memory arguments and let libvirt build the memory backend from <memoryBacking> (hugepages, memfd, access mode)',
    render: render(QEMU, 'pc.ram'),
    examples: [
      ex(
        "Memory backend 'pc.ram' not found",
        { id: 'pc.ram' },
        'https://github.com/cockpit-project/cockpit-machines/issues/343',
      ),
    ],
  },
  {
    id: 'qemu.numa-unsupported-machine',
    source: 'qemu',
    cite: 'qemu/qemu hw/core/numa.c set_numa_options()',
    format: 'NUMA is not supported by this machine-type',
    patterns: [/NUMA is not supported by this machine-type/],
    severity: 'error',
    title: 'QEMU: -numa on a machine type without NUMA',
    cause:
      'the command line defines guest NUMA nodes (-numa node,...) but the machine type has no NUMA support (s390-ccw-virtio, microvm and other simple boards). With libvirt the -numa comes from a <numa> cell under <cpu>, which libvirt also needs for some memory setups — a memfd or hugepage backend per node — so a configuration made for x86 fails on such a machine (KubeVirt on s390x with memfd-backed hugepages)',
    fix: 'remove the <numa> cells (and the memory source that requires them) from the VM on this machine type; on s390x back memory with hugepages through the hugetlbfs mount instead of memfd',
    render: render('qemu-kvm: -numa node,nodeid=0,cpus=0-3,memdev=ram-node0: '),
    examples: [
      ex(
        "LibvirtError(Code=1, Domain=10, Message='internal error: QEMU unexpectedly closed the monitor: qemu-kvm: -numa node,nodeid=0,cpus=0-3,memdev=ram-node0: NUMA is not supported by this machine-type')",
        undefined,
        'https://github.com/kubevirt/kubevirt/pull/18272',
      ),
    ],
  },
  {
    id: 'qemu.option-deprecated',
    source: 'qemu',
    cite: "qemu/qemu system/vl.c qemu_init() (softmmu/vl.c, vl.c in older QEMU), e.g. warn_report(\"'-realtime mlock=...' is deprecated, please use '-overcommit mem-lock=...' instead\")",
    format: "'%s' is deprecated, please use '%s' instead",
    versions:
      'a warning QEMU prints while parsing its command line and then goes on; older libvirt releases still generate -realtime mlock= for <memoryBacking>',
    patterns: [/warning: '(?<old>[^'\n]{1,60})' is deprecated, please use '(?<new>[^'\n]{1,80})' instead/],
    severity: 'info',
    title: 'QEMU warns that an option it was given is deprecated',
    cause:
      'QEMU accepted the option and only warns that a newer spelling replaces it — harmless on its own. When libvirt quotes it in "QEMU unexpectedly closed the monitor", it is merely the first line QEMU printed: the error that stopped the VM is in the lines after it (or in /var/log/libvirt/qemu/VM.log)',
    fix: 'nothing for the warning itself (a newer libvirt generates the new option); if the VM failed, read the next lines of the log for the real error',
    render: render(
      `${QEMU}-realtime mlock=off: warning: `,
      '-realtime mlock=...',
      '-overcommit mem-lock=...',
    ),
    examples: [
      ex(
        "error: internal error: qemu unexpectedly closed the monitor: qemu-system-x86_64: -realtime mlock=off: warning: '-realtime mlock=...' is deprecated, please use '-overcommit mem-lock=...' instead",
        { old: '-realtime mlock=...' },
        'https://github.com/LINBIT/virter/issues/13',
      ),
    ],
  },
  {
    id: 'qemu.kvm-entry-failed',
    source: 'qemu',
    cite: 'qemu/qemu target/i386/kvm/kvm.c kvm_arch_handle_exit() (KVM_EXIT_FAIL_ENTRY)',
    format: 'KVM: entry failed, hardware error 0x%lx\n',
    versions:
      'the source prints the code with PRIx64; for 0x80000021 QEMU adds "If you\'re running a guest on an Intel machine without unrestricted mode support, the failure can be most likely due to the guest entering an invalid state for Intel VT. ..."; a register dump follows and the VM stops',
    patterns: [/KVM: entry failed, hardware error (?<code>0x[0-9a-fA-F]{1,16})/],
    severity: 'error',
    title: 'The CPU refused to enter the guest (KVM_EXIT_FAIL_ENTRY)',
    cause:
      "KVM tried to resume the guest on the CPU and the hardware refused the VM entry, so KVM returned KVM_EXIT_FAIL_ENTRY with the hardware's reason and QEMU stopped the VM. On Intel the number is the VM-exit reason with bit 31 set for a failed entry (or the VM-instruction error); on AMD it is the VMRUN failure. It is a state the guest put its virtual CPU in that VT-x/SVM cannot run, or a host-side (KVM, or the outer hypervisor when this host is itself a VM) bug in setting up that state — not a passthrough device problem",
    fix: 'update the host kernel (KVM) and QEMU; if the host is itself a VM (nested virtualization, a CI runner, a cloud instance) try on bare metal or update the outer hypervisor; try another guest CPU model (-cpu host against a named model); the register dump after this line shows the guest state for a bug report',
    refine: (f) =>
      f.code?.toLowerCase() === '0x80000021'
        ? {
            cause:
              'VM entry failed because the guest state was invalid for VT-x (0x80000021: bit 31 = entry failure, exit reason 33 = invalid guest state). QEMU\'s own hint: on Intel CPUs without "unrestricted guest" support a guest in big real mode (early boot code, some boot loaders and old OSes) cannot run under VT-x; on current CPUs it is a guest state KVM failed to keep valid — a KVM bug in that kernel version (Windows guests after a host kernel update) or a nested-virtualization host',
          }
        : undefined,
    render: render('', 0x80000021),
    examples: [
      ex(
        'KVM: entry failed, hardware error 0x80000021',
        { code: '0x80000021' },
        'https://github.com/aerokube/windows-images/issues/43',
      ),
      ex(
        'KVM: entry failed, hardware error 0x0',
        { code: '0x0' },
        'https://github.com/coconut-svsm/svsm/issues/1081',
      ),
      ex(
        'vm-cirros failed to start with error "KVM: entry failed, hardware error 0x0"',
        { code: '0x0' },
        'https://github.com/kubevirt/kubevirt/issues/2318',
      ),
    ],
  },
  // ---- QEMU: display and VGA back ends ----
  {
    id: 'qemu.display-unavailable',
    source: 'qemu',
    cite: 'qemu/qemu ui/gtk.c early_gtk_display_init() ("gtk initialization failed"); ui/console.c qemu_display_early_init() ("Display \'%s\' is not available."); qapi/qapi-visit-core.c (QAPI enum parsing) for a display type the build does not know ("Parameter \'type\' does not accept value \'%s\'")',
    format: "Display '%s' is not available.",
    versions:
      "QEMU with UI modules (5.x+) loads ui-gtk/ui-sdl at start-up and prints \"Display '%s' is not available.\" when the module is missing; a build without the UI at all rejects -display gtk as \"Parameter 'type' does not accept value 'gtk'\"",
    patterns: [
      /gtk initialization failed/,
      /Display '(?<display>[\w-]{1,20})' is not available/,
      /-display (?<display>[\w-]{1,20})[^\n]{0,100}: Parameter 'type' does not accept value '(?<value>[\w-]{1,20})/,
    ],
    severity: 'error',
    title: 'QEMU cannot open the display window it was asked for',
    cause:
      'the display back end (GTK or SDL window) is not usable: "gtk initialization failed" means GTK could not connect to a display server — QEMU was started without a graphical session (over SSH, from a service, in a container, by root or another user without access to the X/Wayland socket, DISPLAY/WAYLAND_DISPLAY unset); "Display \'X\' is not available" means this QEMU has no such back end — the UI module package is not installed (qemu-ui-gtk, qemu-ui-sdl) or the build left it out; "does not accept value" means the build does not know that display type at all (headless builds, some Windows packages)',
    fix: 'for a VM with a passed-through GPU or a headless host use -display none (or -vnc / SPICE); to get a window, run QEMU inside the desktop session as that user, or install the UI module package for your distribution (qemu-ui-gtk / qemu-ui-sdl, qemu-system-gui)',
    refine: (f) =>
      f.display || f.value
        ? undefined
        : {
            title: 'QEMU could not connect to a display server for its GTK window',
            cause:
              'GTK could not open a display: QEMU runs without a reachable graphical session — started over SSH, from a script or service, in a container, or as root/another user without access to the X or Wayland socket (DISPLAY / WAYLAND_DISPLAY unset or not authorised). QEMU exits',
          },
    render: render(QEMU, 'sdl'),
    examples: [
      ex('gtk initialization failed', undefined, 'https://github.com/AMDESE/AMDSEV/issues/239'),
      ex(
        'Qemu stderr: gtk initialization failed',
        undefined,
        'https://github.com/hashicorp/packer-plugin-qemu/issues/183',
      ),
      ex(
        "qemu-system-x86_64: Display 'sdl' is not available.",
        { display: 'sdl' },
        'https://github.com/lima-vm/lima/pull/340',
      ),
      ex(
        "Message: C:\\Program Files\\WindowsApps\\30932PhilipSempers.AQEMUVMManager_1.1.0.0_x64__ke0bq3v0p1hwa\\qemu-system-x86_64.exe: -display gtk: Parameter 'type' does not accept value 'gtk",
        { display: 'gtk' },
        'https://github.com/chronic8000/aqemu/issues/46',
      ),
    ],
  },
  {
    id: 'qemu.vga-not-available',
    source: 'qemu',
    cite: 'qemu/qemu system/vl.c select_vgahw() (vl.c before QEMU 5.2)',
    format: '%s not available',
    versions:
      'the names come from vl.c vga_interfaces: "standard VGA", "Cirrus VGA", "VMWare SVGA", "Virtio VGA", "QXL VGA", ...',
    patterns: [
      /(?<vga>QXL VGA|Virtio VGA|VMWare SVGA|standard VGA|Cirrus VGA|Xen paravirtualized framebuffer|TCX framebuffer|CG3 framebuffer) not available/,
    ],
    severity: 'error',
    title: 'QEMU was built without the emulated VGA card -vga asks for',
    cause:
      "-vga TYPE names a display adapter this QEMU binary does not contain: QXL needs SPICE support and is a loadable module in modular builds (hw-display-qxl), which is not installed or not built (minimal builds, some distributions' ARM packages, Homebrew); Virtio VGA likewise (hw-display-virtio-vga)",
    fix: "install the module package (qemu-hw-display-qxl / qemu-device-display-qxl, or the distribution's full qemu-system-x86 package) or choose an adapter the build has (-vga std, -vga virtio, -device virtio-gpu-pci); with a passed-through GPU -vga none is usual",
    render: render(QEMU, 'QXL VGA'),
    examples: [
      ex(
        'qemu-system-x86_64: QXL VGA not available',
        { vga: 'QXL VGA' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/640',
      ),
    ],
  },
  {
    id: 'qemu.audio-driver-unknown',
    source: 'qemu',
    cite: 'qemu/qemu audio/audio_legacy.c audio_handle_legacy_opts() (QEMU_AUDIO_DRV) and audio/audio.c audio_init() (-audiodev)',
    format: "Unknown audio driver `%s'",
    versions:
      'printed by dolog() with the prefix "audio-legacy: " when it comes from the QEMU_AUDIO_DRV environment variable (then QEMU exits), "audio: " from audio_init(); newer QEMU reports it as an error of the -audiodev option',
    patterns: [/Unknown audio driver [`'](?<driver>[\w-]{1,20})'/],
    severity: 'error',
    title: 'QEMU does not have the audio back end it was asked for',
    cause:
      "the audio back end named (pa = PulseAudio, alsa, sdl, jack, pipewire, ...) is not in this QEMU: audio back ends are loadable modules in distribution builds (audio-pa, audio-alsa) and the package with that module is not installed, or the build left it out. The name comes from the QEMU_AUDIO_DRV environment variable — the legacy way scripts (macOS-KVM's basic.sh among them) choose audio, which QEMU reads with audio_handle_legacy_opts() and on an unknown name exits — or from -audiodev driver=",
    fix: "install the module package (qemu-audio-pa / qemu-audio-pipewire, or the distribution's full QEMU), or pick a back end the build has (`qemu-system-x86_64 -audiodev help`); in a script replace QEMU_AUDIO_DRV with -audiodev (e.g. -audiodev pa,id=snd0 and audiodev=snd0 on the sound device), or unset it to start without host audio",
    render: render('audio-legacy: ', 'pa'),
    examples: [
      ex(
        "audio-legacy: Unknown audio driver `pa'",
        { driver: 'pa' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/308',
      ),
    ],
  },
  // ---- libvirt: XML ----
  {
    id: 'libvirt.usb-hostdev-vendor-zero',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_conf.c virDomainHostdevSubsysUSBDefParseXML()',
    format: 'vendor cannot be 0.',
    versions:
      'the same parser reports "missing vendor" and "missing product" when only one of the two ids is given',
    patterns: [/vendor cannot be 0\./],
    severity: 'error',
    title: 'libvirt: a USB host device in the XML has vendor id 0',
    cause:
      'a <hostdev type="usb"> names the device by <vendor id="0x0000"> (with a product id): libvirt refuses vendor 0, which no real USB device has. The XML came from a tool that read the ids from a device whose descriptor was not read — a device that failed enumeration ("device descriptor read" errors in dmesg), a port entry rather than a device, or a device that re-enumerated while the list was built',
    fix: 'check the ids with `lsusb` and put the real vendor/product in the XML, or select the device by bus and device number (<source><address bus="3" device="70"/></source>); if lsusb also shows 0000, fix the device (cable, port, power) first',
    render: render('error: internal error: '),
    examples: [
      ex(
        'libvirt.libvirtError: internal error: vendor cannot be 0.',
        undefined,
        'https://github.com/virt-manager/virt-manager/issues/202',
      ),
    ],
  },
  {
    id: 'libvirt.xml-schema-invalid',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virxml.c virXMLValidatorValidate() / virXMLValidateAgainstSchema() (VIR_ERR_XML_INVALID_SCHEMA); the detail lines are libxml2 relaxng.c messages',
    format: 'Unable to validate doc against %1$s\n%2$s',
    versions:
      'the error code adds "XML document failed to validate against schema: "; libxml2 details such as "Element domain failed to validate content", "Extra element devices in interleave", "Invalid attribute ... for element ..."; virt-xml-validate prints "FILE:LINE: element X: Relax-NG validity error : ..." and "FILE fails to validate"',
    patterns: [
      /Unable to validate doc against (?<schema>\/[\w/.-]{1,120}\.rng)/,
      /XML document failed to validate against schema/,
      /Relax-NG validity error : (?<detail>[^\n]{1,200})/,
    ],
    severity: 'error',
    title: "libvirt: the XML does not fit libvirt's schema",
    cause:
      'libvirt checked the XML against its RelaxNG schema (virsh define --validate, virsh edit, virt-xml-validate, or an application asking for validation) and it does not fit: an element or attribute the installed libvirt does not know (written for a newer libvirt, or misspelt), one in the wrong place, or — with older schemas — elements in an order the schema did not allow. libxml2 reports the outermost element that failed ("Element domain failed to validate content") and often one clue ("Extra element devices in interleave": something inside <devices> is not allowed); the line number of the culprit comes from virt-xml-validate',
    fix: 'run `virt-xml-validate FILE domain` to get the line, compare it with https://libvirt.org/formatdomain.html for your libvirt version, and fix or remove that element; without --validate libvirt itself ignores unknown elements, so dropping validation only hides the problem',
    render: render(
      'error: XML document failed to validate against schema: ',
      '/usr/share/libvirt/schemas/domain.rng',
      'Element domain failed to validate content',
    ),
    examples: [
      ex(
        'libvirt: XML Util error : XML document failed to validate against schema: Unable to validate doc against /usr/share/libvirt/schemas/domain.rng\nExtra element devices in interleave\nElement domain failed to validate content',
        { schema: '/usr/share/libvirt/schemas/domain.rng' },
        'https://github.com/saltstack/salt/issues/41137',
      ),
      ex(
        '/tmp/foo.xml:31: element devices: Relax-NG validity error : Element domain failed to validate content',
        { detail: 'Element domain failed to validate content' },
        'https://github.com/virt-manager/virt-manager/issues/437',
      ),
    ],
  },
  {
    id: 'libvirt.xml-unexpected-root',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virxml.c virXMLParseHelper()',
    format: 'unexpected root element <%1$s>, expecting <%2$s>',
    versions: 'older releases print it without the comma: "unexpected root element <%s> expecting <%s>"',
    patterns: [/unexpected root element <(?<root>[\w:-]{1,40})>,? expecting <(?<expected>[\w:-]{1,40})>/],
    severity: 'error',
    title: 'libvirt was given the wrong kind of XML document',
    cause:
      'the API that was called parses one kind of document (named after "expecting") and got another: <device> is a node-device document (virsh nodedev-create, virNodeDeviceCreateXML), <domain> a VM, <network>, <pool>, <volume> their own. A script or tool passed the file to the wrong command or API — or a client whose libvirt bindings do not match the installed libvirt called the wrong function (the thread: libvirt-python pinned to another version than the system\'s libvirt)',
    fix: 'use the command that takes this document (virsh define/create for <domain>, attach-device for a single device element, nodedev-create for <device>); in a Python tool make libvirt-python match the installed libvirt version (use the distribution package, or pip install the same version)',
    render: render('error: XML error: ', 'domain', 'device'),
    examples: [
      ex(
        'XML error: unexpected root element <domain> expecting <device>',
        { root: 'domain', expected: 'device' },
        'https://github.com/retspen/webvirtcloud/issues/441',
      ),
    ],
  },
  {
    id: 'libvirt.uefi-vars-template-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_firmware.c qemuFirmwareFillDomain() / the NVRAM preparation (src/qemu/qemu_process.c qemuPrepareNVRAM() before 8.x)',
    format: 'unable to find any master var store for loader: %1$s',
    versions:
      'VIR_ERR_OPERATION_FAILED ("operation failed: "); libvirt 9.x also reports "no loader path specified and firmware auto selection disabled" when <nvram> is given without a <loader> or firmware="efi"',
    patterns: [
      /unable to find any master var store for loader: (?<loader>[^\s'"]{1,300})/,
      /(?<noloader>no loader path specified) and firmware auto selection disabled/,
    ],
    severity: 'error',
    title: 'libvirt does not know which UEFI variable template goes with the firmware',
    cause:
      "the VM boots UEFI firmware from a <loader> path and its per-VM variable store (<nvram>, /var/lib/libvirt/qemu/nvram/VM_VARS.fd) does not exist yet, so libvirt must copy it from a template — and it knows none for this loader: the XML has no <nvram template='...'>, the loader is not in qemu.conf's nvram list, and no firmware descriptor (/usr/share/qemu/firmware/*.json) describes it. It happens with firmware kept outside the distribution's paths (macOS-KVM projects' own OVMF_CODE.fd, a path from another distribution, a restored or migrated VM whose nvram file was not copied)",
    fix: "give the template in the XML (<nvram template='/path/to/OVMF_VARS.fd'>/var/lib/libvirt/qemu/nvram/VM_VARS.fd</nvram>), or copy the matching OVMF_VARS.fd to the nvram path yourself, or use <os firmware='efi'> and let libvirt choose firmware and template",
    refine: (f) =>
      f.noloader
        ? {
            title: 'libvirt: <nvram> without a firmware loader',
            cause:
              'the XML has an <nvram> element but neither a <loader> path nor <os firmware="efi">: newer libvirt (9.x) takes <nvram> as a request for UEFI and, with firmware auto-selection off, has no loader to pair it with. A BIOS (legacy) VM definition that still carries an <nvram> line fails this way after a libvirt update',
            fix: 'for a BIOS VM remove the <nvram> element; for a UEFI VM add <os firmware="efi"> (or a <loader readonly="yes" type="pflash"> path)',
          }
        : undefined,
    render: render('error: operation failed: ', '/usr/share/OVMF/OVMF_CODE.fd'),
    examples: [
      ex(
        'Error: error creating libvirt domain: Operation failed: unable to find any master var store for loader: /usr/share/edk2/ovmf/OVMF_CODE.secboot.fd',
        { loader: '/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd' },
        'https://github.com/dmacvicar/terraform-provider-libvirt/issues/981',
      ),
      ex(
        'Error starting domain: operation failed: unable to find any master var store for loader: /usr/share/edk2-ovmf/x64/OVMF_CODE.fd',
        { loader: '/usr/share/edk2-ovmf/x64/OVMF_CODE.fd' },
        'https://github.com/thecmdrunner/quick-vm/issues/3',
      ),
      ex(
        'libvirt: Domain Config error : no loader path specified and firmware auto selection disabled',
        { noloader: 'no loader path specified' },
        'https://github.com/microsoft/azure-linux-image-tools/pull/346',
      ),
    ],
  },
  // ---- libvirt: daemons, networks, cgroups ----
  {
    id: 'libvirt.socket-connect-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/rpc/virnetsocket.c virNetSocketNewConnectUNIX()',
    format: "Failed to connect socket to '%1$s'",
    versions:
      'a system error: the errno text follows (": No such file or directory", ": Connection refused", ": Permission denied"); virsh prints "error: failed to connect to the hypervisor" first; the modular daemons have their own sockets (virtqemud-sock, virtnetworkd-sock, ...), the monolithic daemon libvirt-sock, and QEMU logging goes through virtlogd-sock',
    patterns: [
      /Failed to connect socket to '(?<path>[^'\n]{0,200}\/(?<sock>[\w-]{1,40}-sock(?:-ro)?))'(?::\s{0,3}(?<why>[A-Z][a-z][A-Za-z ]{1,40}))?/,
    ],
    severity: 'error',
    title: 'A libvirt client could not reach the daemon socket',
    cause:
      'nothing answers on the named libvirt socket: "No such file or directory" — the daemon (or its socket unit) is not running, or the client looks in another run directory than the daemon uses (a different build prefix, /var/run against /run); "Connection refused" — the socket file is there but no daemon listens (it stopped or crashed; socket activation disabled); "Permission denied" — the user may not use that socket (not in the libvirt group, or the read-write socket needs root/polkit)',
    fix: 'start the daemon: `systemctl enable --now libvirtd.socket` (monolithic) or `systemctl enable --now virtqemud.socket` (modular; check which one your distribution uses), then `virsh -c qemu:///system list`; for Permission denied add the user to the libvirt group or connect as root',
    refine: (f) => {
      if (f.sock === 'virtlogd-sock')
        return {
          title: "libvirt could not reach virtlogd, QEMU's log daemon",
          cause:
            'libvirt sends the output of every QEMU it starts through virtlogd, and virtlogd is not running (its socket is missing or refused): the VM cannot start, whatever client asked for it. The virtlogd.socket unit is not enabled — a minimal or hand-built installation, or a distribution image that ships libvirt without enabling it',
          fix: '`systemctl enable --now virtlogd.socket` (and virtlockd.socket), then start the VM again; or set stdio_handler = "file" in /etc/libvirt/qemu.conf to log without virtlogd',
        };
      if (f.why?.startsWith('Connection refused'))
        return {
          cause:
            'the socket file exists but no daemon is listening on it: the daemon stopped or crashed after creating it, or socket activation is off and the service is not running',
        };
      return undefined;
    },
    render: render('error: ', '/var/run/libvirt/libvirt-sock'),
    examples: [
      ex(
        "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such\nfile or directory",
        { sock: 'libvirt-sock' },
        'https://github.com/bilelmsekni/OpenStack-Grizzly-Install-Guide/issues/71',
      ),
      ex(
        "libvirt.libvirtError: Failed to connect socket to '/var/run/libvirt/virtqemud-sock': Connection refused",
        { sock: 'virtqemud-sock' },
        'https://github.com/virt-manager/virt-manager/issues/298',
      ),
      ex(
        "error: Failed to create domain from my_vm.xml\nerror: Failed to connect socket to '/var/run/libvirt/virtlogd-sock': No such file or directory",
        { sock: 'virtlogd-sock' },
        'https://github.com/WindRiver-OpenSourceLabs/wr-core/issues/30',
      ),
    ],
  },
  {
    id: 'libvirt.network-inactive',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/network/bridge_driver.c networkAllocatePort() (networkAllocateActualDevice() in older releases)',
    format: "network '%1$s' is not active",
    versions:
      'VIR_ERR_OPERATION_INVALID ("Requested operation is not valid: "); older releases: "Network \'%s\' is not active"',
    patterns: [/[Nn]etwork '(?<network>[^'\n]{1,64})' is not active/],
    severity: 'error',
    title: "libvirt: the VM's virtual network is not started",
    cause:
      "an interface of the VM uses a libvirt virtual network (<interface type='network'>, usually 'default') that is defined but not running, so libvirt cannot give it a port: the network is not set to autostart, or it failed to start at boot — its bridge (virbr0) already existed, dnsmasq or the firewall backend (iptables/nftables) failed — or it was stopped (virsh net-destroy)",
    fix: '`virsh net-start default` (the error it prints, if any, is why the network does not start) and `virsh net-autostart default`; `virsh net-list --all` shows the state',
    render: render('error: Requested operation is not valid: ', 'default'),
    examples: [
      ex(
        "libvirt.libvirtError: Requested operation is not valid: network 'default' is not active",
        { network: 'default' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/445',
      ),
      ex(
        "libvirt: Network Driver error : Requested operation is not valid: network 'Production' is not active",
        { network: 'Production' },
        'https://github.com/ITDevLtd/MCVirt/issues/147',
      ),
    ],
  },
  {
    id: 'libvirt.cgroup-write-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/vircgroup.c virCgroupSetValueRaw()',
    format: "Unable to write to '%1$s'",
    versions:
      'a system error: the errno text follows; the path names the controller file (cpuset.cpus, cpuset.mems, memory.max, devices.allow, ...)',
    patterns: [
      /Unable to write to '(?<path>\/sys\/fs\/cgroup\/[^'\n]{1,240})'(?::\s{0,2}(?<err>[A-Z][A-Za-z ]{2,40}))?/,
    ],
    severity: 'error',
    title: 'libvirt could not set a cgroup value for the VM',
    cause:
      'libvirt writes the VM\'s resource settings (CPU pinning into cpuset.cpus/cpuset.mems, memory limits, the device list) into the VM\'s cgroup, and the write failed. "Permission denied" / "Operation not permitted": libvirt has no write access to that cgroup — it runs inside a container (KubeVirt\'s virt-launcher, a Docker or LXC libvirt) whose cgroup tree is read-only or owned by the container runtime, or as a session (non-root) daemon without delegation. "Invalid argument" / "Numerical result out of range" on cpuset files: the CPUs or memory nodes asked for are not in the parent cgroup\'s cpuset (pinning to CPUs isolated or removed from machine.slice, or offline)',
    fix: "for containers give the runtime's cgroup delegation to libvirt (or let the orchestrator do the pinning: KubeVirt dedicatedCpuPlacement with the CPU manager); for cpuset errors pin only to CPUs in /sys/fs/cgroup/machine.slice/cpuset.cpus.effective (or the v1 equivalent), or widen that set",
    render: render('error: ', '/sys/fs/cgroup/cpuset/machine/qemu-1-vm.libvirt-qemu/emulator/cpuset.cpus'),
    examples: [
      ex(
        "virError(Code=38, Domain=54, Message='Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-1-adminwin2016.libvirt-qemu/emulator/cpuset.cpus': Permission denied')",
        { errno: 'EACCES' },
        'https://github.com/vagrant-libvirt/vagrant-libvirt/issues/1465',
      ),
    ],
  },
  // ---- kernel ----
  {
    id: 'kernel.i915-guc-load-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_guc_fw.c guc_wait_ucode()',
    format: 'load failed: status = 0x%08X, time = %lldms, freq = %dMHz, ret = %d\n',
    versions:
      'printed with the prefix "[drm] GT0: GUC: " (Linux 6.2+); Linux 5.x: "GuC load failed: status = 0x%08X" then "GuC load failed: status: Reset = %d, BootROM = 0x%02X, UKernel = 0x%02X, MIA = 0x%02X, Auth = 0x%02X"; followed by "GuC initialization failed" and often "Failed to initialize GPU, declaring it wedged"',
    patterns: [
      /(?:GuC|GUC:) load failed: status(?: = (?<status>0x[0-9A-Fa-f]{1,8})|: Reset = \d{1,3}, BootROM = (?<bootrom>0x[0-9A-Fa-f]{1,2}))/,
    ],
    severity: 'error',
    title: 'i915: the GuC firmware was loaded but did not start',
    cause:
      "i915 found the GuC firmware file and copied it to the GPU, but the GuC (the graphics microcontroller) did not report a successful boot before the driver's timeout: its boot ROM or kernel stopped with the status shown — the image was rejected (authentication failed: a firmware version the hardware or this driver does not accept, e.g. an out-of-tree i915 such as the backports or SR-IOV DKMS builds used with the distribution's firmware files) or the GuC hung. i915 then runs without GuC submission or, where GuC is required (Arc/DG2, SR-IOV), declares the GPU wedged",
    fix: 'read the "GuC firmware i915/... version" line before it and install the firmware version this driver asks for (current linux-firmware, or the files the out-of-tree driver documents); update the kernel or the out-of-tree driver; then cold-boot the machine',
    render: render('i915 0000:0d:00.0: [drm] GT0: GUC: ', 0x40000056, 0, 0, -110),
    examples: [
      ex(
        '[   17.428855] i915 0000:0d:00.0: [drm] GT0: GUC: load failed: status = 0x40000056, time = 0ms, freq',
        { status: '0x40000056' },
        'https://github.com/intel-gpu/intel-gpu-i915-backports/issues/194',
      ),
    ],
  },
  {
    id: 'kernel.nouveau-subdev-ctor-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/nouveau/nvkm/engine/device/base.c nvkm_device_ctor()',
    format: '%s ctor failed: %d\n',
    versions:
      'one line per sub-device that failed ("bios ctor failed: -22" has its own entry), then "probe with driver nouveau failed with error N"; GSP-RM is the default for Ada (AD10x) since Linux 6.7 and opt-in for Turing/Ampere (nouveau.config=NvGspRm=1)',
    patterns: [
      /nouveau [^\n]{0,40}(?<subdev>gsp|acr|sec2|pmu|fb|gr|fifo|devinit|mmu|therm|clk|volt|ltc|privring) ctor failed: (?<err>-\d{1,4})/,
    ],
    severity: 'error',
    title: 'nouveau: a part of the GPU could not be set up, so the driver gives up the device',
    cause:
      'nouveau builds the GPU from sub-devices and this one failed to construct, so the probe fails and the GPU stays without a driver; the number is the errno (-2 ENOENT: a firmware file is missing, -22 EINVAL, -12 ENOMEM)',
    fix: 'read the errno: for a missing firmware (-2) install current linux-firmware (nvidia/<chip>/ files); if the GPU is meant for a VM, nouveau failing is harmless — bind the GPU to vfio-pci instead (vfio-pci.ids, or blacklist nouveau)',
    refine: (f) =>
      f.subdev === 'gsp' && f.err === '-2'
        ? {
            title: "nouveau: the GPU's GSP firmware is not installed",
            cause:
              "nouveau runs NVIDIA's GSP-RM firmware on the GPU's System Processor — the default for Ada (AD10x) GPUs since Linux 6.7, which nouveau cannot drive without it — and loads it from /lib/firmware/nvidia/<chip>/gsp/; -2 (ENOENT) means those files are not on this system (linux-firmware too old, or the files left out of the initramfs). The GPU stays without a driver",
            fix: 'update linux-firmware (it must contain nvidia/<chip>/gsp/, e.g. nvidia/ad107/gsp/) and rebuild the initramfs; if the GPU is for a VM or for the proprietary driver, this is harmless: bind it to vfio-pci or nvidia instead',
          }
        : undefined,
    render: render('nouveau 0000:01:00.0: ', 'gsp', -2),
    examples: [
      ex(
        '[    5.559105] nouveau 0000:01:00.0: gsp ctor failed: -2',
        { subdev: 'gsp', err: '-2' },
        'https://github.com/Dasharo/dasharo-issues/issues/1597',
      ),
    ],
  },
  {
    id: 'kernel.amd-iommu-perf-counter',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c init_iommu_perf_ctr() (drivers/iommu/amd_iommu_init.c before 5.10)',
    format: 'Unable to read/write to IOMMU perf counter.\n',
    versions:
      'printed with the prefix "pci 0000:00:00.2: AMD-Vi: "; on success the same function prints "IOMMU performance counters supported"',
    patterns: [/[Uu]nable to (?:read\/)?write to (?:IOMMU|iommu) perf counter/],
    severity: 'info',
    title: 'AMD IOMMU: its performance counters cannot be used (harmless)',
    cause:
      "at boot the AMD IOMMU driver tests the IOMMU's performance counters by writing a value and reading it back; on this machine the value did not stick (firmware leaves the counters locked, common on Ryzen APUs), so the driver does not offer them (no perf amd_iommu events). The IOMMU itself — DMA remapping, interrupt remapping, device passthrough — works as before; this line is not the reason a boot hangs or a passthrough fails",
    fix: 'nothing to do; a firmware (BIOS) update may make the counters usable. If the system has a real problem, look at the other messages',
    render: render('pci 0000:00:00.2: AMD-Vi: '),
    examples: [
      ex(
        '"amd-vi unable to write to iommu perf counter"',
        undefined,
        'https://github.com/getsolus/packages/issues/239',
      ),
    ],
  },
  {
    id: 'kernel.cpu-bug-smt-leak',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/cpu/bugs.c (MDS_MSG_SMT, TAA_MSG_SMT, MMIO_MSG_SMT) and arch/x86/kvm/vmx/vmx.c (L1TF_MSG_SMT)',
    format:
      'MDS CPU bug present and SMT on, data leak possible. See https://www.kernel.org/doc/html/latest/admin-guide/hw-vuln/mds.html for more details.\n',
    versions:
      'the same notice for TAA, "MMIO Stale Data" and, from KVM when a VM starts, "L1TF CPU bug present and SMT on, data leak possible. See CVE-2018-3646 and ..."',
    patterns: [/(?<bug>MDS|TAA|MMIO Stale Data|L1TF) CPU bug present and SMT on, data leak possible/],
    severity: 'info',
    title: 'The CPU has a side-channel bug and hyper-threading is on (a security notice)',
    cause:
      "the CPU is affected by this speculative-execution bug; the kernel applies its mitigation, but with SMT (hyper-threading) enabled code running on the sibling thread of a core — another process, or another VM's vCPU — can still observe data. Printed once; nothing fails because of it, and it has no bearing on device passthrough",
    fix: 'nothing to run a VM; for strict isolation between VMs disable SMT (boot with nosmt or mitigations=auto,nosmt) or pin each VM to whole cores',
    render: render(''),
    examples: [
      ex(
        '[  +0.009339] MDS CPU bug present and SMT on, data leak possible. See https://www.kernel.org/doc/html/latest/admin-guide/hw-vuln/mds.html for more details.',
        { bug: 'MDS' },
        'https://github.com/kubernetes/minikube/issues/8122',
      ),
    ],
  },
];
