/**
 * More QEMU messages on the VFIO path: device placement on the PCI bus (hw/pci/pci.c,
 * system/qdev-monitor.c), option ROM files, guest memory and locking (system/physmem.c,
 * system/memory.c, os-posix mlock, accel/kvm/kvm-all.c), the iommufd backend, hw/vfio device
 * setup reads (config space, MSI/MSI-X capability, region info), x-vga, migration blockers and
 * the assertion failures people paste from hw/vfio. Format strings from qemu/qemu; the device
 * part of "-device …: " is added by QEMU's error location and is not part of the format.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';
import { kvmCreateVmRefine } from './harvest-sweep.js';
import { errnoName } from './qemu.js';

const QEMU = 'qemu-system-x86_64: ';
const DEV = (bdf: string) => `${QEMU}-device vfio-pci,host=${bdf}: vfio ${bdf}: `;
/** A strerror() text after a colon, as error_setg_errno() and %m print it. */
const ERR = '(?::\\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?';

export const QEMU_MACHINE_ENTRIES: CatalogueEntry[] = [
  // ---- PCI bus placement (hw/pci/pci.c do_pci_register_device(), system/qdev-monitor.c) ----
  {
    id: 'qemu.pci-no-free-slot',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: no slot/function available for %s, all in use or reserved',
    patterns: [/PCI: no slot\/function available for (?<dev>[\w-]{1,40}), all in use(?: or reserved)?/],
    severity: 'error',
    title: 'The PCI bus has no free slot for the device',
    cause:
      'the bus the device was put on (by default the root bus, or the bus= given) has all 32 slots used or reserved; a pcie-root-port or a PCIe switch port has only slot 0',
    fix: 'give the device its own bus: on q35 add a pcie-root-port per assigned device (-device pcie-root-port,id=rpN,chassis=N then bus=rpN), or let libvirt place it (it adds controllers itself)',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0: `, 'vfio-pci'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=pcie.1: PCI: no slot/function available for vfio-pci, all in use or reserved',
        {
          dev: 'vfio-pci',
        },
      ),
    ],
  },
  {
    id: 'qemu.pci-single-function-slot',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_init_multifunction()',
    format: "PCI: single function device can't be populated in function %x.%x",
    versions:
      'also "PCI: %x.0 indicates single function, but %x.%x is already populated." when function 0 is added after another function',
    patterns: [
      /PCI: single function device can't be populated in function (?<slot>[0-9a-f]{1,2})\.(?<fn>[0-7])/,
      /PCI: (?<slot>[0-9a-f]{1,2})\.0 indicates single function, but [0-9a-f]{1,2}\.(?<fn>[0-7]) is already populated/,
    ],
    severity: 'error',
    title: 'Functions of one slot without multifunction=on',
    cause:
      'two functions were placed in the same guest slot (e.g. a GPU at 05.0 and its audio at 05.1, to mirror the host), but function 0 was not declared multifunction; QEMU refuses to populate function N of a single-function slot',
    fix: "add multifunction=on to the device at function 0 (libvirt: multifunction='on' on the address of function 0), or put the other function in its own slot",
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.1,addr=05.1: `, 5, 1),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.1,bus=pci.0,addr=05.1: PCI: single function device can't be populated in function 5.1",
        {
          fn: '1',
        },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=01:00.0,addr=05.0: PCI: 5.0 indicates single function, but 5.1 is already populated.',
        {
          slot: '5',
        },
      ),
    ],
  },
  {
    id: 'qemu.pci-slot-only-zero',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: slot %d is not valid for %s, parent device only allows plugging into slot 0.',
    patterns: [
      /PCI: slot (?<slot>\d{1,2}) is not valid for (?<dev>[\w-]{1,40}), parent device only allows plugging into slot 0/,
    ],
    severity: 'error',
    title: 'A PCIe port takes a device only at slot 0',
    cause:
      'the device was put on a pcie-root-port or switch downstream port at an address other than slot 0; a PCIe link has exactly one device (functions 0–7 of slot 0)',
    fix: 'use addr=0x0 (or addr=00.N for functions) on that bus, or give each device its own root port',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,bus=rp1,addr=0x1: `, 1, 'vfio-pci'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=rp1,addr=0x1: PCI: slot 1 is not valid for vfio-pci, parent device only allows plugging into slot 0.',
        {
          slot: '1',
        },
      ),
    ],
  },
  {
    id: 'qemu.no-bus-for-device',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_device_add_from_qdict() (older: qdev-monitor.c qdev_device_add())',
    format: "No '%s' bus found for device '%s'",
    patterns: [/No '(?<bus>[\w-]{1,24})' bus found for device '(?<dev>[\w-]{1,40})'/],
    severity: 'error',
    title: 'The machine has no bus of the kind the device needs',
    cause:
      'no bus of that type exists: a PCI device on a machine without PCI (-M microvm, an ARM "virt" without pcie), or all buses of the type are full and none accepts more',
    fix: 'use a PC machine type (q35 or pc) or add a PCIe root port and put the device on it with bus=',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0: `, 'PCI', 'vfio-pci'),
    examples: [
      ex("qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: No 'PCI' bus found for device 'vfio-pci'", {
        bus: 'PCI',
      }),
    ],
  },
  {
    id: 'qemu.bus-not-found',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qbus_find()',
    format: "Bus '%s' not found",
    patterns: [/Bus '(?<bus>[\w.-]{1,40})' not found/],
    severity: 'error',
    title: 'The bus named in bus= does not exist',
    cause:
      'the device names a bus (bus=pci.3, bus=rp1) that no controller provides: a typo, a q35 name on an i440fx machine (pcie.0 vs pci.0), or a root port defined after the device',
    fix: 'define the controller (-device pcie-root-port,id=rp1,…) before the device that uses it, and use pcie.0 on q35 / pci.0 on pc',
    refine: (f) =>
      /^rp\d{1,3}$/.test(f.bus ?? '')
        ? {
            cause: `the device was put on root port ${f.bus}, and QEMU has no such port. "rpN" is how Kata Containers names the PCIe root ports it creates for VFIO devices: Kata placed the device on a root port (hotplug_vfio_on_root_bus / hot_plug_vfio = "root-port") but created none or too few, because the number of root ports in its configuration is 0 or smaller than the number of devices`,
            fix: 'in the Kata runtime configuration (configuration.toml, e.g. /opt/kata/share/defaults/kata-containers/configuration-qemu.toml, or the runtime class annotations) set pcie_root_port to at least the number of VFIO devices, together with hotplug_vfio_on_root_bus = true (older releases) or hot_plug_vfio = "root-port"; or cold-plug the devices (cold_plug_vfio)',
          }
        : undefined,
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,bus=pci.3: `, 'pci.3'),
    examples: [
      ex("qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,bus=pci.3: Bus 'pci.3' not found", {
        bus: 'pci.3',
      }),
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:3b:00.0,x-pci-vendor-id=0x10de,bus=rp1: Bus 'rp1' not found",
        {
          bus: 'rp1',
        },
      ),
    ],
  },
  {
    id: 'qemu.bus-no-hotplug',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_device_add_from_qdict()',
    format: "Bus '%s' does not support hotplugging",
    patterns: [/Bus '(?<bus>[\w.-]{1,40})' does not support hotplugging/],
    severity: 'error',
    title: 'Hotplug onto a bus that cannot take it',
    cause:
      'a device was added to a running VM on a bus without hotplug: the q35 root bus pcie.0 (PCIe devices hotplug only into root ports), or a port with hotplug disabled',
    fix: 'add a spare pcie-root-port when the VM is started and hotplug into it (bus=rpN); libvirt adds free root ports for this',
    render: render(`${QEMU}`, 'pcie.0'),
    examples: [ex("qemu-system-x86_64: Bus 'pcie.0' does not support hotplugging", { bus: 'pcie.0' })],
  },
  {
    id: 'qemu.duplicate-device-id',
    source: 'qemu',
    cite: 'qemu/qemu system/qdev-monitor.c qdev_set_id() (older: util/qemu-option.c "Duplicate ID \'%s\' for %s")',
    format: "Duplicate device ID '%s'",
    versions: 'QEMU 6.2+: "Duplicate device ID \'%s\'"; older: "Duplicate ID \'%s\' for device"',
    patterns: [/Duplicate (?:device )?ID '(?<devid>[\w.-]{1,64})'(?: for device)?/],
    severity: 'error',
    title: 'Two devices share one id=',
    cause:
      'two -device options (or a hotplug) use the same id=; often a copied vfio-pci line for the GPU audio function',
    fix: 'give each device its own id= (hostdev0, hostdev1, …)',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.1,id=hostdev0: `, 'hostdev0'),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.1,id=hostdev0: Duplicate device ID 'hostdev0'",
        { devid: 'hostdev0' },
      ),
    ],
  },
  // ---- option ROM file (hw/pci/pci.c pci_add_option_rom()) ----
  {
    id: 'qemu.romfile-not-found',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_add_option_rom()',
    format: 'failed to find romfile "%s"',
    versions: 'QEMU ≤ 2.x: "%s: failed to find romfile \\"%s\\"" with the function name',
    patterns: [/failed to find romfile "(?<romfile>[^"\n]{1,200})"/],
    severity: 'error',
    title: 'The ROM file given to the device was not found',
    cause:
      "romfile= names a file QEMU cannot find: a relative name is looked up in QEMU's data directories (/usr/share/qemu), not the current directory; or AppArmor/SELinux hides the path from the QEMU process (libvirt)",
    fix: 'give an absolute path readable by the QEMU user (chmod a+r on the file and its directories); with libvirt keep the ROM under /usr/share/vgabios (or another path the security driver labels) and check the audit log for denials',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,romfile=gpu.rom: `, 'gpu.rom'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,romfile=gpu.rom: failed to find romfile "gpu.rom"',
        { romfile: 'gpu.rom' },
      ),
      ex(
        '2022-02-26T01:42:08.732223Z qemu-system-x86_64: -device vfio-pci,host=0000:2b:00.0,id=hostdev0,bus=pci.6,multifunction=on,addr=0x0,romfile=/usr/share/vgabios/gpu.rom: failed to find romfile "/usr/share/vgabios/gpu.rom"',
        { romfile: '/usr/share/vgabios/gpu.rom' },
        'https://github.com/ilayna/Single-GPU-passthrough-amd-nvidia/issues/8',
      ),
    ],
  },
  {
    id: 'qemu.romfile-empty',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_add_option_rom()',
    format: 'romfile "%s" is empty',
    versions: 'also \'romfile "%s" too large (size cannot exceed 2 GiB)\'',
    patterns: [/romfile "(?<romfile>[^"\n]{1,200})" (?<what>is empty|too large)/],
    severity: 'error',
    title: 'The ROM file is empty or too large',
    cause:
      'the ROM dump is empty (a read of the rom sysfs file without first writing 1 to it, or from a GPU that was in use) or is not a ROM at all',
    fix: 'dump the ROM again: echo 1 > /sys/bus/pci/devices/BDF/rom; cat …/rom > gpu.rom; echo 0 > …/rom — with the card not driving the host console; `vfiokit rom` checks a dump',
    render: render(`${QEMU}-device vfio-pci,host=0000:01:00.0,romfile=/tmp/gpu.rom: `, '/tmp/gpu.rom'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,romfile=/tmp/gpu.rom: romfile "/tmp/gpu.rom" is empty',
        { what: 'is empty' },
      ),
    ],
  },
  // ---- guest memory (system/memory.c, system/physmem.c, os-posix.c, accel/kvm) ----
  {
    id: 'qemu.guest-memory-setup',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c qemu_ram_alloc_internal() via system/memory.c memory_region_init_ram*() ("cannot set up guest memory")',
    format: "cannot set up guest memory '%s': %s",
    patterns: [/cannot set up guest memory '(?<region>[\w.-]{1,40})'(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/],
    severity: 'error',
    title: 'QEMU could not allocate guest RAM',
    cause:
      'the host could not give QEMU the guest RAM: not enough free memory (or hugepages, with a hugepage backend), a memory cgroup or ulimit -v limit, or overcommit disabled (vm.overcommit_memory=2)',
    fix: 'lower the guest memory or free host memory; with hugepages reserve enough of the right size (`vfiokit doctor --memory SIZE`)',
    render: render(QEMU, 'pc.ram', 'Cannot allocate memory'),
    examples: [
      ex("qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory", {
        region: 'pc.ram',
        errno: 'ENOMEM',
      }),
    ],
  },
  {
    id: 'qemu.backing-store-size',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c qemu_ram_alloc_from_fd()',
    format: "backing store size 0x%lx does not match 'size' option 0x%lx",
    patterns: [
      /backing store size 0x(?<file>[0-9a-fA-F]{1,16}) does not match 'size' option 0x(?<size>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'A memory-backend file has the wrong size',
    cause:
      'mem-path points at an existing file (not a directory) whose size differs from the backend size=; QEMU will not resize a file it did not create',
    fix: 'point mem-path at a directory (/dev/hugepages) or delete the stale file, or make size= match',
    render: render(
      `${QEMU}-object memory-backend-file,id=mem,size=8G,mem-path=/dev/hugepages/vm: `,
      0x40000000,
      0x200000000,
    ),
    examples: [
      ex(
        "qemu-system-x86_64: -object memory-backend-file,id=mem,size=8G,mem-path=/dev/hugepages/vm: backing store size 0x40000000 does not match 'size' option 0x200000000",
      ),
    ],
  },
  {
    id: 'qemu.mlock-failed',
    source: 'qemu',
    cite: 'qemu/qemu system/vl.c ("locking memory failed", -overcommit mem-lock) and os-posix.c os_mlock() ("mlockall: %s")',
    format: 'mlockall: %s',
    versions:
      'followed by "locking memory failed" from system/vl.c; triggered by -overcommit mem-lock=on (older: -realtime mlock=on)',
    patterns: [/mlockall: (?<err>[A-Z][A-Za-z /-]{2,60})/, /qemu[\w-]{0,24}: locking memory failed/],
    severity: 'error',
    title: 'QEMU could not lock guest memory (mem-lock=on)',
    cause:
      '-overcommit mem-lock=on (libvirt <memoryBacking><locked/>) makes QEMU mlock all its memory; the locked-memory limit of the process (RLIMIT_MEMLOCK) is below guest RAM, or the host lacks the memory',
    fix: 'raise the limit (ulimit -l unlimited; LimitMEMLOCK=infinity; libvirt sets it from <memtune><hard_limit>), or drop mem-lock — VFIO pins guest RAM by itself',
    render: render(QEMU, 'Cannot allocate memory'),
    examples: [
      ex('qemu-system-x86_64: mlockall: Cannot allocate memory', { errno: 'ENOMEM' }),
      ex('qemu-system-x86_64: locking memory failed'),
    ],
  },
  {
    id: 'qemu.kvm-memory-slot',
    source: 'qemu',
    cite: 'qemu/qemu accel/kvm/kvm-all.c kvm_set_user_memory_region() / kvm_set_phys_mem()',
    format:
      'kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION failed, slot=%d, start=0x%lx, size=0x%lx: %s',
    versions:
      'QEMU 8.2+: KVM_SET_USER_MEMORY_REGION2; followed by "kvm_set_phys_mem: error registering slot: %s"',
    patterns: [
      /KVM_SET_USER_MEMORY_REGION2? failed, slot=(?<slot>\d{1,5}), start=0x(?<start>[0-9a-fA-F]{1,16}), size=0x(?<size>[0-9a-fA-F]{1,16})(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /kvm_set_phys_mem: error registering slot: (?<err>[A-Z][A-Za-z /-]{2,60})/,
    ],
    severity: 'error',
    title: 'KVM refused a guest memory slot',
    cause:
      "KVM could not map a region into the guest: with an assigned device usually a large BAR placed above the guest's physical address width (a 64-bit BAR window beyond phys-bits), or too many memory slots",
    fix: "give the guest the host's physical address width (-cpu host,host-phys-bits=on; libvirt <maxphysaddr mode='passthrough'/>), or reduce the 64-bit PCI window (pci-hole64-size)",
    refine: (f) =>
      errnoName(f) === 'EINVAL'
        ? {
            cause:
              'KVM rejected the slot as invalid ("Invalid argument"): the region lies above the guest CPU\'s physical address width — typically a large GPU BAR the firmware placed high in the 64-bit PCI window',
          }
        : errnoName(f) === 'EEXIST'
          ? {
              cause:
                'the new slot overlaps guest memory KVM already has in another slot (virt/kvm/kvm_main.c __kvm_set_memory_region() answers an overlap with EEXIST): QEMU registered the same guest-physical range twice — a QEMU bug, usually in a device model or a patched build (a vfio-user client, an out-of-tree device) that maps a BAR or region over memory another region already covers',
              fix: 'note the QEMU version and the device whose BAR or region sits at that start address (`info mtree` in the monitor), try a released QEMU without the out-of-tree patches, and report it upstream with the command line',
            }
          : undefined,
    render: render(QEMU, 9, 0x8000000000, 0x400000000, 'Invalid argument'),
    examples: [
      ex(
        'qemu-system-x86_64: kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION failed, slot=9, start=0x8000000000, size=0x400000000: Invalid argument',
        {
          errno: 'EINVAL',
          slot: '9',
        },
      ),
      ex('kvm_set_phys_mem: error registering slot: Invalid argument'),
      ex(
        'qemu-system-x86_64: kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION failed, slot=12, start=0xfe000000, size=0x1000: File exists',
        { errno: 'EEXIST', slot: '12' },
      ),
    ],
  },
  {
    id: 'qemu.kvm-unavailable',
    source: 'qemu',
    cite: 'qemu/qemu accel/kvm/kvm-all.c kvm_init()',
    format: 'Could not access KVM kernel module: %m',
    versions: 'followed by "failed to initialize kvm: %s" (QEMU ≥ 6: "failed to initialize KVM: %s")',
    patterns: [
      /Could not access KVM kernel module(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/i,
      /failed to initialize (?:kvm|KVM)(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
    ],
    severity: 'error',
    title: 'KVM is not available to QEMU',
    cause:
      '/dev/kvm is missing ("No such file or directory": virtualization off in the firmware, or kvm_intel/kvm_amd not loaded) or not accessible to the user ("Permission denied": not in the kvm group)',
    fix: 'enable VT-x/AMD-V in the firmware and load kvm_intel or kvm_amd; add the user to the kvm group; dmesg "kvm: disabled by bios" confirms the firmware case',
    // /dev/kvm opened but creating the VM failed: the errno says why (harvest-sweep.ts has the texts).
    refine: kvmCreateVmRefine,
    render: render(QEMU, 'No such file or directory'),
    examples: [
      ex('Could not access KVM kernel module: No such file or directory', { errno: 'ENOENT' }),
      ex('qemu-system-x86_64: failed to initialize kvm: No such file or directory'),
      ex(
        'Could Not Access KVM kernel module: No Such file or directory.',
        { errno: 'ENOENT' },
        'https://github.com/foxlet/macOS-Simple-KVM/issues/252',
      ),
      ex(
        'qemu-system-x86_64: failed to initialize KVM: Device or resource busy',
        { errno: 'EBUSY' },
        'https://github.com/canonical-web-and-design/tutorials.ubuntu.com/issues/868',
      ),
      ex(
        " 08:52:59 | ! failed to initialize KVM: Device or resource busy')",
        { errno: 'EBUSY' },
        'https://github.com/kubernetes/minikube/issues/4913',
      ),
    ],
  },
  {
    id: 'qemu.cpu-feature-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu target/i386/cpu.c mark_unavailable_features() / x86_cpu_filter_features()',
    format: '%s: CPUID.%02XH:%s.%s [bit %d]',
    versions:
      'the prefix is "host doesn\'t support requested feature" under KVM and "TCG doesn\'t support requested feature" without it; QEMU before 2.11 printed "warning: host doesn\'t support requested feature: CPUID.01H:ECX.vmx [bit 5]" the same way; MSR-based features read "MSR(48FH).vmx-exit-load-perf-global-ctrl [bit 12]"',
    patterns: [
      /(?<accel>host|TCG) doesn't support requested feature: (?:CPUID\.[0-9A-F]{2,8}H(?::[A-Z]{3})?|MSR\([0-9A-F]{2,8}H\))\.(?<feature>[\w.-]{1,40}) \[bit \d{1,2}\]/,
    ],
    severity: 'info',
    title: 'QEMU dropped a CPU feature this host cannot give the guest',
    cause:
      'the CPU model asks for a feature the host CPU (or KVM) does not offer, so QEMU leaves it out of the guest CPU and starts anyway. Harmless for device assignment: the assigned device does not depend on it',
    fix: 'nothing, unless the guest needs the feature; pick a CPU model the host supports (host-passthrough, or a named model without that flag) to silence it; with -cpu ...,enforce the same mismatch stops the VM instead',
    refine: (f) => {
      // kvm_intel offers the nested APIC-virtualization controls only with APICv enabled
      // (arch/x86/kvm/vmx/nested.c nested_vmx_setup_ctls_msrs(): enable_apicv), so these go
      // missing on their own while the rest of nested VMX is there.
      if (f.accel === 'host' && /^vmx-(?:apicv-|posted-intr)/.test(f.feature ?? ''))
        return {
          cause: `the guest CPU asks for nested VT-x with the APIC-virtualization control ${f.feature}, which this host's KVM does not offer: kvm_intel reports virtual-interrupt delivery, APIC-register virtualization and posted interrupts to a nested guest only when APICv is enabled, and it is not (the CPU lacks APICv, or kvm_intel was loaded with enable_apicv=0). QEMU leaves the control out; nested virtualization in the guest still works, a little slower. Harmless for device assignment`,
          fix: 'nothing; to silence it use a CPU model without these flags or check APICv on the host (cat /sys/module/kvm_intel/parameters/enable_apicv; Y needs a CPU with APICv)',
        };
      if (f.feature === 'vmx' || f.feature === 'svm' || f.feature?.startsWith('vmx-'))
        return {
          cause: `the guest was asked to get ${f.feature === 'svm' ? 'AMD-V (svm)' : 'VT-x (vmx)'}, but ${f.accel === 'TCG' ? 'TCG does not emulate it' : "this host's KVM does not offer nested virtualization (kvm_intel/kvm_amd nested=0, or this host is itself a VM without it)"}: the guest starts without hardware virtualization, so Hyper-V, WSL2, VBS/Memory Integrity or a hypervisor inside the guest will not run. Harmless for device assignment`,
          fix: 'if the guest needs it: enable nested virtualization on this host (options kvm_intel nested=1 or kvm_amd nested=1 in /etc/modprobe.d, reload the module) and use host-passthrough; otherwise drop the flag from the CPU model',
        };
      if (f.accel === 'TCG')
        return {
          cause: `the VM runs without KVM (TCG emulation), which does not implement ${f.feature}: the guest starts without it. Also a sign that KVM was not used at all, which makes the guest very slow and rules out device assignment with real performance`,
          fix: 'check why KVM is not used (/dev/kvm present and accessible, -accel kvm or <domain type="kvm">); the feature warning goes away with it',
        };
      return undefined;
    },
    render: render(
      'qemu-system-x86_64: warning: ',
      "host doesn't support requested feature",
      '01',
      'ECX',
      'vmx',
      5,
    ),
    examples: [
      ex("qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]", {
        feature: 'vmx',
        accel: 'host',
      }),
      ex("kvm: warning: host doesn't support requested feature: CPUID.80000001H:ECX.svm [bit 2]", {
        feature: 'svm',
      }),
      ex(
        "2023-01-20T14:12:06.028320Z qemu-system-x86_64: warning: host doesn't support requested feature: MSR(48DH).vmx-posted-intr [bit 7]",
        { feature: 'vmx-posted-intr', accel: 'host' },
        'https://github.com/virt-manager/virt-manager/issues/234',
      ),
      ex(
        "qemu-system-x86_64: warning: TCG doesn't support requested feature: CPUID.01H:ECX.x2apic [bit 21]",
        {
          accel: 'TCG',
        },
      ),
    ],
  },
  // ---- iommufd backend (backends/iommufd.c) ----
  {
    id: 'qemu.iommufd-open-failed',
    source: 'qemu',
    cite: 'qemu/qemu backends/iommufd.c iommufd_backend_connect()',
    format: '/dev/iommu opening failed',
    patterns: [/\/dev\/iommu opening failed(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/],
    severity: 'error',
    title: 'QEMU could not open /dev/iommu (iommufd)',
    cause:
      'the VM uses the iommufd backend (-object iommufd), and /dev/iommu is missing (kernel without CONFIG_IOMMUFD, module not loaded) or not accessible to the QEMU user',
    fix: 'load the iommufd module (modprobe iommufd) on a kernel ≥ 6.2 with CONFIG_IOMMUFD, give the QEMU user access to /dev/iommu and /dev/vfio/devices/vfioN, or drop iommufd= to use the legacy container',
    render: render(`${QEMU}-object iommufd,id=iommufd0: `),
    examples: [
      ex(
        'qemu-system-x86_64: -object iommufd,id=iommufd0: /dev/iommu opening failed: No such file or directory',
        { errno: 'ENOENT' },
      ),
    ],
  },
  {
    id: 'qemu.iommufd-cdev-missing',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_getfd()',
    format: 'Failed to open %s',
    versions: 'the path is /dev/vfio/devices/vfioN (the device cdev, kernel ≥ 6.6 CONFIG_VFIO_DEVICE_CDEV)',
    patterns: [
      /(?:Failed to open|Cannot open|couldn't open) \/dev\/vfio\/devices\/vfio(?<cdev>\d{1,4})(?::\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?/,
    ],
    severity: 'error',
    title: "The device's VFIO cdev could not be opened (iommufd)",
    cause:
      "with iommufd QEMU opens the device's character device /dev/vfio/devices/vfioN; it is missing (kernel without CONFIG_VFIO_DEVICE_CDEV, or the device not on vfio-pci) or not accessible",
    fix: 'bind the device to vfio-pci, use a kernel with VFIO_DEVICE_CDEV (6.6+), give the QEMU user access to the node, or drop iommufd= to use /dev/vfio/N',
    render: render(DEV('0000:01:00.0'), '/dev/vfio/devices/vfio0'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: Failed to open /dev/vfio/devices/vfio0: Permission denied',
        { cdev: '0', errno: 'EACCES' },
      ),
    ],
  },
  // ---- hw/vfio device setup ----
  {
    id: 'qemu.device-info-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_get_info() (older: hw/vfio/common.c vfio_get_device())',
    format: 'error getting device info: %m',
    patterns: [new RegExp(`error getting device info${ERR}`)],
    severity: 'error',
    title: 'VFIO_DEVICE_GET_INFO failed',
    cause:
      'QEMU opened the device but the kernel would not describe it: the device went away (hot-removed, fell off the bus) or its driver failed',
    fix: 'read dmesg at the same moment; check the device is present (lspci) and bound to vfio-pci',
    render: render(DEV('0000:01:00.0'), 'No such device'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: error getting device info: No such device',
        { errno: 'ENODEV' },
      ),
    ],
  },
  {
    id: 'qemu.region-info-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_populate_device() / hw/vfio/region.c vfio_region_setup()',
    format: 'failed to get region %d info',
    patterns: [
      // The vfio-user client names the server's socket instead of a host address.
      new RegExp(
        `VFIO user <(?<socket>[^>\\n]{1,200})>: failed to get region (?<region>\\d{1,2}) info${ERR}`,
        'i',
      ),
      new RegExp(`failed to get region (?<region>\\d{1,2}) info${ERR}`),
    ],
    refine: (f) =>
      f.socket
        ? {
            cause: `the vfio-user server behind ${f.socket} refused the region-info request: the QEMU client and the server (libvfio-user, SPDK's nvmf vfio-user target) speak different revisions of the vfio-user protocol — the client was built from another vfio-user branch or release than the server's library — or the server has no such region`,
            fix: "build the QEMU client and the server from matching versions (the QEMU vfio-user branch or release the server documents), then read the server's log for the request it rejected",
          }
        : undefined,
    severity: 'error',
    title: 'QEMU could not read a BAR/region description',
    cause:
      'VFIO_DEVICE_GET_REGION_INFO failed for a region (a BAR, ROM, config or VGA): the device went away or the vfio driver refused',
    fix: 'read dmesg at the same moment; re-bind the device to vfio-pci or power-cycle the host if the device stopped answering',
    render: render(DEV('0000:01:00.0'), 0),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to get region 0 info: Invalid argument',
        { region: '0' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-user-pci,socket=/run/spdk/vu0/cntrl: vfio VFIO user </run/spdk/vu0/cntrl>: failed to get region 2 info: Invalid argument',
        { socket: '/run/spdk/vu0/cntrl', region: '2' },
      ),
    ],
  },
  {
    id: 'qemu.migration-region-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/migration.c vfio_migration_init() (the v1 migration region, QEMU 5.1 to 7.2)',
    format: '%s: Invalid zero-sized VFIO migration region %d',
    versions:
      'the same function: "%s: Failed to setup VFIO migration region %d: %s"; QEMU 8.0 replaced the region with the v2 migration interface (VFIO_DEVICE_FEATURE_MIGRATION) and these lines went away',
    patterns: [
      /Invalid zero-sized VFIO migration region (?<region>\d{1,2})/,
      new RegExp(`Failed to setup VFIO migration region (?<region>\\d{1,2})${ERR}`),
    ],
    severity: 'error',
    title: 'The device offers a broken VFIO migration region',
    cause:
      "the device's driver advertises the (v1) VFIO migration region but its description is unusable — size zero, or the region cannot be mapped: a bug or an unfinished migration implementation in the vendor migration driver, the mediated-device driver or the vfio-user server (SPDK's nvmf vfio-user target had one), or a client and server built against different migration protocol revisions. QEMU cannot migrate the device; depending on the version it adds a migration blocker or fails to start it",
    fix: 'update the driver or the server to a version whose migration support works with this QEMU (or turn its migration support off); QEMU 8.0+ uses the v2 migration interface, so driver and QEMU must both be recent or both be old',
    render: render(
      'qemu-system-x86_64: -device vfio-user-pci,socket=/run/vu/cntrl: ',
      'VFIO user </run/vu/cntrl>',
      9,
    ),
    examples: [
      ex('qemu-system-x86_64: 0000:65:00.2: Invalid zero-sized VFIO migration region 9', { region: '9' }),
      ex('qemu-system-x86_64: 0000:65:00.2: Failed to setup VFIO migration region 9: Invalid argument', {
        region: '9',
      }),
    ],
  },
  {
    id: 'qemu.msi-capability-read-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msi_setup() / vfio_msix_early_setup()',
    format: 'failed reading MSI PCI_CAP_FLAGS',
    versions:
      'MSI-X: "failed to read PCI MSIX FLAGS", "failed to read PCI MSIX TABLE", "failed to read PCI MSIX PBA"',
    patterns: [/failed reading MSI PCI_CAP_FLAGS/, /failed to read PCI MSIX (?<what>FLAGS|TABLE|PBA)/],
    severity: 'error',
    title: 'QEMU could not read the interrupt capability',
    cause:
      'reading the MSI or MSI-X capability from config space failed: the device is not answering config reads (powered off, lost after a reset)',
    fix: 'check the device on the host (lspci -vv; rev ff means gone); power-cycle the host; see the reset entries',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed reading MSI PCI_CAP_FLAGS: Input/output error',
      ),
      ex('vfio 0000:01:00.0: failed to read PCI MSIX TABLE: Input/output error', { what: 'TABLE' }),
    ],
  },
  {
    id: 'qemu.msix-vector-modify-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msix_enable() / vfio_msix_vector_do_use()',
    format: 'vfio: failed to modify vector, %d',
    versions:
      'printed when the guest unmasks or retargets an MSI-X vector after the first ones were enabled ("failed to enable vectors" is the first enable)',
    patterns: [/vfio: failed to modify vector, (?<err>-?\d{1,4})/],
    severity: 'error',
    title: 'An MSI-X vector could not be changed on the host',
    cause:
      'VFIO_DEVICE_SET_IRQS for MSI-X failed: the host ran out of interrupt vectors or IRQ remapping entries (many vectors across many assigned devices), or the device stopped answering',
    fix: 'read dmesg at the same moment; fewer vectors per guest driver (e.g. fewer queues) or fewer assigned devices per host CPU help when vectors run out',
    render: render(QEMU, -28),
    examples: [ex('qemu-system-x86_64: vfio: failed to modify vector, -28', { errno: 'ENOSPC' })],
  },
  {
    id: 'qemu.migration-disabled',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/migration.c vfio_migration_init() / vfio_migration_realize()',
    format: '%s: Migration is disabled for VFIO device',
    versions:
      'QEMU 7.x–8.0 (no kernel support, or enable-migration off); also "%s: Migration couldn\'t be initialized for VFIO device, err: %d (%s)"; QEMU 8.1+ words it "VFIO migration is not supported in kernel" (qemu.migration-unsupported)',
    patterns: [
      /Migration is disabled for VFIO device/,
      /Migration couldn't be initialized for VFIO device, err: (?<err>-?\d{1,4})/,
    ],
    severity: 'info',
    title: 'The VM with this device cannot be migrated or saved',
    cause:
      "the device's vfio driver has no migration support (vfio-pci for GPUs has none; only some vendor variant drivers do), so QEMU adds a migration blocker; the VM runs normally, only live migration, save/restore and snapshots with memory are refused",
    fix: 'nothing to do to run the VM; to migrate, detach the device first or use a device with a migration-capable variant driver',
    render: render(QEMU, '0000:01:00.0'),
    examples: [ex('Error: 0000:01:00.0: Migration is disabled for VFIO device')],
  },
  {
    id: 'qemu.vfio-assertion',
    source: 'qemu',
    cite: "qemu/qemu hw/vfio/*.c (assert() failures print file:line: function: Assertion `expr' failed.)",
    format: "%s:%u: %s: Assertion `%s' failed.",
    patterns: [
      /hw\/vfio\/(?<file>[\w-]{1,24}\.c):(?<line>\d{1,5}): (?<func>\w{1,64}): Assertion `(?<expr>[^`\n]{1,200})' failed/,
    ],
    severity: 'error',
    title: 'QEMU aborted on an internal check in its VFIO code',
    cause:
      'an assert() in hw/vfio failed, which kills QEMU (the VM dies): a QEMU bug, often reached by an unusual device (odd BAR or capability layout) or an older QEMU with a newer kernel',
    fix: 'update QEMU; if it persists report it upstream with the assertion line, the QEMU version and `lspci -vvv -s BDF`',
    render: render(
      'qemu-system-x86_64: ../',
      'hw/vfio/pci.c',
      1842,
      'vfio_msix_early_setup',
      'bar < PCI_ROM_SLOT',
    ),
    examples: [
      ex(
        "qemu-system-x86_64: ../hw/vfio/pci.c:1842: vfio_msix_early_setup: Assertion `bar < PCI_ROM_SLOT' failed.",
        {
          file: 'pci.c',
          func: 'vfio_msix_early_setup',
        },
      ),
    ],
  },
  // ---- the console's placeholders (ui/console.c) ----
  {
    id: 'qemu.display-placeholder',
    source: 'qemu',
    cite: 'qemu/qemu ui/console.c graphic_console_init() ("Guest has not initialized the display (yet).", drawn by qemu_create_placeholder_surface(), qemu_create_message_surface() before QEMU 6.0) and dpy_gfx_replace_surface() ("Display output is not active."; ui/vnc.c vnc_dpy_switch() in older releases)',
    format: 'Guest has not initialized the display (yet).',
    versions:
      'not a log line: QEMU draws the text into the console window (GTK, SDL, VNC, SPICE, a screendump), and users quote it; "Display output is not active." is the second placeholder, drawn when a display device the guest had used is switched off',
    patterns: [/Guest has not initialized the display/i, /(?<inactive>Display output is not active)/i],
    severity: 'info',
    title: "QEMU's console shows a placeholder: the guest draws nothing on this display device",
    cause:
      "the text is not an error: QEMU shows it on a console whose emulated display device the guest has not set up yet (no mode set by the firmware or a driver). With a GPU passed through this is expected when the guest uses the physical card — OVMF and the OS print on the GPU's own outputs (x-vga=on, or no emulated VGA) and the emulated console stays blank — so look at a monitor on the passed-through card. If nothing appears there either and it never changes, the guest is stuck before its firmware draws anything: typical with passthrough are a GPU whose large 64-bit BAR does not fit OVMF's default 64-bit MMIO window, too many pcie-root-ports for the I/O space (a QEMU 6.1 regression), firmware of the wrong kind (SeaBIOS for a UEFI guest or the reverse), or a VM still waiting on a device reset",
    fix: "check the physical monitor and the guest's CPU use (a busy vCPU is a running guest); add an emulated display (-device VGA, virtio-vga, QXL) if you want a console window; for a stuck OVMF give it a larger 64-bit MMIO window (-fw_cfg opt/ovmf/X-PciMmio64Mb,string=65536 or more) and read the OVMF debug log (-debugcon file:ovmf.log -global isa-debugcon.iobase=0x402)",
    refine: (f) =>
      f.inactive
        ? {
            title: "QEMU's console shows a placeholder: the guest switched this display device off",
            cause:
              "the text is not an error: the guest had used this emulated display and then stopped driving it (its driver reset or disabled the scanout). With a GPU passed through this is the usual sight once the guest's driver makes the physical card the primary display: Windows or Linux draws on the GPU's outputs (or on Looking Glass) and leaves the emulated adapter idle. Without passthrough, a guest graphics driver that failed or reset (virtio-gpu, a display server that crashed) leaves it too",
            fix: 'look at the monitor on the passed-through GPU (or the Looking Glass client); to keep a console window, leave the emulated adapter enabled in the guest or use -vga none with only the physical GPU',
          }
        : undefined,
    render: render(''),
    examples: [
      ex('Guest has not initialized the display (yet).'),
      ex('Display output is not active.', { inactive: 'Display output is not active' }),
    ],
  },
];
