/**
 * libvirt messages on the hostdev path that the first two libvirt files did not cover, from a
 * file-by-file pass over libvirt 11.3's src/util/virpci.c, src/hypervisor/virhostdev.c,
 * src/util/virmdev.c, the QEMU driver's hostdev, cgroup, address, validation, hotplug, process and
 * monitor code, src/conf/ (address and hostdev parsing, src/util/virxml.c's attribute errors),
 * src/node_device/, tools/virsh-nodedev.c and the DAC/AppArmor security drivers, checked against
 * libvirt 7.0 for the wordings that changed. What each producing function does when it prints the
 * message is the cause given; docs/diagnose-coverage.md lists every format string of those files
 * and which entry (or none, and why) answers it.
 *
 * Printed forms: virsh shows "error: <class>: <message>" ("internal error", "Requested operation is
 * not valid", "XML error", "unsupported configuration", ...); the daemon's log has
 * "<time>: <tid>: error : <function>:<line> : <message>"; VIR_WARN/VIR_INFO lines carry
 * "warning :" / "info :". Since libvirt 9.1 the translated strings use positional conversions
 * (%1$s); the printed text is the same as before.
 */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';
import { errnoName } from './qemu.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A guest or host PCI address as libvirt prints it in messages (domain:bus:slot.function). */
const ADDR = '(?<addr>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
/** The errno text virReportSystemError() appends after ": ". */
const ERR = `(?::\\s?(?<err>[^\\n"'\\\\)]{1,80}))?`;

export const LIBVIRT_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- driver modules (src/util/virpci.c) ----
  {
    id: 'libvirt.pci-module-load-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIProbeModule()',
    format: 'Failed to load PCI driver module %1$s: %2$s',
    versions:
      'libvirt 10.x+ (which also loads VFIO variant drivers); when modprobe says the module is blacklisted: "Failed to load PCI driver module %1$s: administratively prohibited"; libvirt ≤ 9.x virPCIProbeStubDriver(): "Failed to load PCI stub module %s" (libvirt.stub-module-load-failed) and, in 7.x, "failed to load driver %s: %s"',
    patterns: [
      /Failed to load PCI driver module (?<driver>[\w-]{1,64}): (?<why>[^\n"']{1,200})/,
      /failed to load driver (?<driver>[\w-]{1,64}): (?<why>[^\n"']{1,200})/,
    ],
    severity: 'error',
    title: 'libvirt could not load the driver module for the device (vfio-pci or a variant)',
    cause:
      "before binding the device libvirt runs `modprobe <module>` for the driver it chose (vfio-pci, or since libvirt 10 a vendor VFIO variant driver found through modules.alias, or the driver named with virsh nodedev-detach --driver) and modprobe failed; the text after the module name is modprobe's error",
    fix: 'run `modprobe vfio-pci` (or the named module) by hand to see the error: install the modules for the running kernel (after a kernel update, reboot into the kernel whose modules are installed), or remove a blacklist line for it under /etc/modprobe.d',
    refine: (f) => {
      const why = f.why ?? '';
      if (/administratively prohibited/.test(why))
        return {
          cause:
            'modprobe refused the module because a modprobe.d line blacklists it ("blacklist vfio-pci" or "install vfio-pci /bin/false"); libvirt then cannot bind the device',
          fix: 'remove the blacklist/install line for the module from /etc/modprobe.d (and rebuild the initramfs if it is copied there)',
        };
      if (/not found|No such file/.test(why))
        return {
          cause:
            "modprobe found no such module for the running kernel: the modules package is missing or belongs to another kernel (a kernel update installed new modules and the old running kernel's were removed)",
          fix: 'reboot into the newly installed kernel, or install the modules for `uname -r`; check `modinfo vfio-pci`',
        };
      return undefined;
    },
    render: render('error: internal error: ', 'vfio-pci', 'administratively prohibited'),
    examples: [
      ex('error: internal error: Failed to load PCI driver module vfio-pci: administratively prohibited', {
        driver: 'vfio-pci',
      }),
      ex(
        'error: internal error: Failed to load PCI driver module vfio_pci: modprobe: FATAL: Module vfio_pci not found in directory /lib/modules/6.8.0-45-generic',
        { driver: 'vfio_pci' },
      ),
    ],
  },
  {
    id: 'libvirt.pci-module-no-driver',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIProbeModule() / virPCIDeviceFindDriver()',
    format: "modprobe reported success loading module '%1$s', but module is missing from /sys/module",
    versions:
      "libvirt 10.x+; same functions: \"pci driver '%1$s' supposedly loaded by module '%2$s' not found in sysfs\" and \"module '%1$s' does not implement any pci driver\"",
    patterns: [
      /modprobe reported success loading module '(?<module>[\w-]{1,64})', (?<kind>but module is missing) from \/sys\/module/,
      /pci driver '(?<driver>[\w-]{1,64})' (?<kind>supposedly loaded) by module '(?<module>[\w-]{1,64})' not found in sysfs/,
      /module '(?<module>[\w-]{1,64})' (?<kind>does not implement any pci driver)/,
    ],
    severity: 'error',
    title: 'The driver module "loaded" but no PCI driver of that name appeared',
    cause:
      'modprobe exited successfully yet /sys/module/<module> does not exist: a modprobe.d "install <module> /bin/true" line (a common way to disable a module) makes modprobe succeed without loading anything, so libvirt has no driver to bind the device to',
    fix: 'remove the "install … /bin/true" (or /bin/false) line for the module from /etc/modprobe.d, then `modprobe vfio-pci`; check with `ls /sys/bus/pci/drivers`',
    refine: (f) =>
      f.kind === 'but module is missing'
        ? undefined
        : {
            cause: `module ${f.module ?? ''} is loaded but registers no PCI driver ${f.driver ? `named ${f.driver} ` : ''}that libvirt can bind the device to: the driver name given (virsh nodedev-detach --driver, or the hostdev's <driver model=…>) is not a PCI driver, or the module registers its driver under another name`,
            fix: 'give the name the module registers under /sys/bus/pci/drivers (vfio-pci, or a variant such as mlx5_vfio_pci), or leave the driver out so libvirt picks vfio-pci',
          },
    render: render('error: internal error: ', 'vfio_pci'),
    examples: [
      ex(
        "error: internal error: modprobe reported success loading module 'vfio_pci', but module is missing from /sys/module",
        { module: 'vfio_pci' },
      ),
      ex("error: internal error: module 'vfio_iommu_type1' does not implement any pci driver", {
        module: 'vfio_iommu_type1',
      }),
    ],
  },
  {
    id: 'libvirt.vfio-variant-lookup',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceFindBestVFIOVariant()',
    format: 'device modalias file %1$s content has improper format',
    versions: 'libvirt 10.x+; the same lookup warns "malformed modules.alias vfio_pci: line" (VIR_WARN)',
    patterns: [
      /device modalias file (?<path>[^\s]{1,200}) content has improper format/,
      /malformed modules\.alias vfio_pci: line/,
    ],
    severity: 'warning',
    title: 'libvirt could not read the data it picks a VFIO variant driver from',
    cause:
      "since libvirt 10 a managed hostdev is bound to the best VFIO variant driver for it (e.g. a vendor's *_vfio_pci module): libvirt matches the device's /sys/bus/pci/devices/BDF/modalias against the vfio_pci: lines of /lib/modules/$(uname -r)/modules.alias. One of the two did not have the expected form: a damaged or hand-edited modules.alias, or a device whose modalias is not a PCI one",
    fix: 'regenerate the module index (`depmod -a`); a malformed alias line is skipped and the plain vfio-pci driver is used, which is fine for GPUs and most devices',
    render: render('error: internal error: ', '/sys/bus/pci/devices/0000:01:00.0/modalias'),
    examples: [
      ex(
        'error: internal error: device modalias file /sys/bus/pci/devices/0000:01:00.0/modalias content has improper format',
        { path: '/sys/bus/pci/devices/0000:01:00.0/modalias' },
      ),
      ex(
        '2025-02-03 10:11:12.345+0000: 4021: warning : virPCIDeviceFindBestVFIOVariant:1489 : malformed modules.alias vfio_pci: line',
      ),
    ],
  },
  {
    id: 'libvirt.legacy-stub-bind-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/pci.c pciBindDeviceToStub() / pciUnbindDeviceFromStub() / pciDettachDevice() (libvirt ≤ 1.0)',
    format: "Failed to bind PCI device '%s' to %s",
    versions:
      'libvirt ≤ 1.0, which bound devices to pci-stub (or Xen\'s pciback) through new_id and bind: also "Failed to add PCI device ID \'%s\' to %s", "Failed to unbind PCI device \'%s\'", "Failed to add slot for PCI device \'%s\' to %s", "Failed to remove slot for PCI device \'%s\' from %s", "Failed to remove PCI ID \'%s\' from %s", "Failed to trigger a re-probe for PCI device \'%s\'", "cannot find any PCI stub module" and the warning "failed to load pci-stub or pciback drivers: %s"; newer libvirt uses driver_override (libvirt.driver-override-failed, libvirt.probe-trigger-failed)',
    patterns: [
      new RegExp(
        `Failed to (?<op>bind|add slot for|remove slot for) PCI device '${BDF}' (?:to|from) (?<driver>[\\w-]{1,32})${ERR}`,
      ),
      new RegExp(
        `Failed to (?<op>add|remove) PCI (?:device )?ID '(?<id>[0-9a-fA-F]{4} [0-9a-fA-F]{4})' (?:to|from) (?<driver>[\\w-]{1,32})${ERR}`,
      ),
      new RegExp(`Failed to (?<op>unbind) PCI device '${BDF}'(?::\\s?(?<err>[^\\n"'\\\\)]{1,80})|$)`),
      new RegExp(`Failed to trigger a (?<op>re-probe) for PCI device '${BDF}'${ERR}`),
      /(?<nostub>cannot find any PCI stub module|failed to load pci-stub or pciback drivers)/,
    ],
    severity: 'error',
    title: 'Old libvirt could not move the device to pci-stub',
    cause:
      "libvirt up to 1.0 detached a device by writing its vendor/device ID to the stub driver's new_id and its address to bind (pci-stub for KVM's legacy assignment, pciback on Xen); the sysfs write failed: the stub module is not loaded or not built, the host driver would not let go of the device, or the device vanished",
    fix: "on a current system use VFIO: a libvirt of the last decade binds to vfio-pci through driver_override; with this old stack load pci-stub (modprobe pci-stub) and unbind the host driver first, and read dmesg for the driver's refusal",
    refine: (f) =>
      f.nostub
        ? {
            cause:
              'neither pci-stub nor pciback is available: modprobe of both failed (not built for this kernel, or blacklisted), so libvirt has no stub driver to bind the device to',
            fix: 'load pci-stub (modprobe pci-stub) or, on a current system, use VFIO (vfio-pci) with a current libvirt',
          }
        : undefined,
    render: render('error: ', '0000:01:00.0', 'pci-stub'),
    examples: [
      ex("error: Failed to bind PCI device '0000:01:00.0' to pci-stub: No such device", {
        op: 'bind',
        driver: 'pci-stub',
      }),
      ex("error: Failed to add PCI device ID '10de 1b80' to pci-stub: File exists", { id: '10de 1b80' }),
      ex('error: internal error: cannot find any PCI stub module', {
        nostub: 'cannot find any PCI stub module',
      }),
    ],
  },
  // ---- addresses (src/util/virpci.c, src/conf/domain_addr.c) ----
  {
    id: 'libvirt.pci-address-out-of-range',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceAddressIsValid()',
    format: "Invalid PCI address slot='0x%1$x', must be <= 0x1F",
    versions:
      'same function: "Invalid PCI address bus=\'0x%1$x\', must be <= 0xFF", "Invalid PCI address function=0x%1$x, must be <= 7", "Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0"; src/conf/domain_addr.c virDomainPCIAddressValidate(): "Invalid PCI address %1$s. slot must be >= %2$zu"',
    patterns: [
      /Invalid PCI address (?<field>bus|slot)='(?<value>0x[0-9a-fA-F]{1,8})', must be <= 0x(?:FF|1F)/,
      /Invalid PCI address (?<field>function)=(?<value>0x[0-9a-fA-F]{1,8}), must be <= 7/,
      /Invalid PCI address (?<field>0000:00:00), at least one of domain, bus, or slot must be > 0/,
      new RegExp(`Invalid PCI address ${ADDR}\\. (?<field>slot) must be >= (?<min>\\d{1,2})`),
      // virDomainPCIAddressValidate() prints the function with %d, so an invalid one reads .8 or more.
      /Invalid PCI address (?<addr>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d{1,3})\. (?<field>function) must be <= \d/,
    ],
    severity: 'error',
    title: 'A PCI <address> in the domain XML has a value no PCI address can have',
    cause:
      'libvirt checks every <address type="pci"> (the host one in <source> and the guest one) against the PCI limits: bus ≤ 0xff, slot ≤ 0x1f (32 slots), function ≤ 7. A slot above 0x1f almost always means the fields were mixed up when an lspci address was copied: in 0000:d6:00.0 "d6" is the bus, "00" the slot, "0" the function',
    fix: "write lspci's DDDD:BB:SS.F as domain='0xDDDD' bus='0xBB' slot='0xSS' function='0xF' (hex with 0x); for the guest address, remove <address> to let libvirt choose",
    refine: (f) => {
      if (f.field === '0000:00:00')
        return {
          cause:
            'the <address> resolves to domain 0, bus 0, slot 0: the attributes are missing (they default to 0) or were all written as 0, and slot 0 of bus 0 is the host bridge, never a device you can assign or place',
          fix: 'fill in domain, bus, slot and function from `lspci -D` (hex with 0x) in <source><address …/></source>; for a guest address remove <address> so libvirt picks a free slot',
        };
      if (f.field === 'function')
        return {
          cause: `the function${f.value ? ` ${f.value}` : ''} is out of range (0-7): the function is the digit after the dot in lspci's BB:SS.F`,
        };
      if (f.field === 'bus')
        return {
          cause: `bus ${f.value} is above 0xff: a value written in decimal where hex was meant, or a domain number put in bus`,
        };
      if (f.min !== undefined)
        return {
          cause: `the guest address uses slot 0 (or another slot below ${f.min}) on a controller that reserves it: slot 0 of a pci-bridge or pci-root is not usable for devices`,
          fix: 'remove the guest <address> so libvirt picks a slot, or use slot 0x01 or higher on that bus',
        };
      return undefined;
    },
    render: render('error: XML error: ', 0xd6),
    examples: [
      ex("error: XML error: Invalid PCI address slot='0xd6', must be <= 0x1F", {
        field: 'slot',
        value: '0xd6',
      }),
      ex(
        'error: XML error: Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0',
        {
          field: '0000:00:00',
        },
      ),
      ex('error: XML error: Invalid PCI address 0000:01:00.0. slot must be >= 1', {
        field: 'slot',
        min: '1',
      }),
    ],
  },
  {
    id: 'libvirt.pci-controller-hotplug',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressFlagsCompatible()',
    format:
      "The device at PCI address %1$s requires hotplug capability, but the PCI controller with index='%2$d' doesn't support hotplug",
    versions:
      'same function: "The device at PCI address %1$s was auto-assigned this address, but the PCI controller with index=\'%2$d\' doesn\'t allow auto-assignment" and "The device at PCI address %1$s needs to be an integrated device (bus=0)"',
    patterns: [
      new RegExp(
        `The device at PCI address ${ADDR} (?<what>requires hotplug capability|was auto-assigned this address), but the PCI controller with index='(?<index>\\d{1,3})' doesn't`,
      ),
      new RegExp(`The device at PCI address ${ADDR} needs to be an (?<what>integrated) device \\(bus=0\\)`),
    ],
    severity: 'error',
    title: 'The guest PCI address is on a controller that cannot take this device',
    cause:
      "a device attached to a running VM (virsh attach-device --live) needs a hot-pluggable slot, and the address libvirt was given or picked is on a controller without hotplug: on q35 that is pcie-root (bus 0) or a pcie-root-port with hotplug='off'; libvirt cannot add controllers to a running VM",
    fix: 'leave the guest <address> out of the hotplugged XML and give the VM spare empty pcie-root-port controllers in its persistent XML (one per device you want to hotplug), then restart it once',
    refine: (f) =>
      f.what === 'was auto-assigned this address'
        ? {
            cause: `the controller with index='${f.index}' is marked as not taking automatically placed devices (a pcie-expander-bus/pci-expander-bus root or a controller reserved by its model), and libvirt had placed the device there`,
            fix: 'give the device an explicit guest <address> on a suitable controller, or add a pcie-root-port for it',
          }
        : f.what === 'integrated'
          ? {
              cause:
                'the device must sit directly on the root bus (bus 0) as an integrated device, and its <address> names another bus',
              fix: "put its <address> on bus='0x00', or remove the <address> so libvirt chooses",
            }
          : undefined,
    render: render('error: XML error: ', '0000:00:05.0', 0),
    examples: [
      ex(
        "error: XML error: The device at PCI address 0000:00:05.0 requires hotplug capability, but the PCI controller with index='0' doesn't support hotplug",
        { addr: '0000:00:05.0', index: '0' },
      ),
    ],
  },
  {
    id: 'libvirt.pci-no-free-slot',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressGetNextAddr() / virDomainPCIAddressSetGrow() / virDomainPCIAddressValidate() ("No PCI buses available" when the address set has no bus at all)',
    format: 'No more available PCI slots',
    versions:
      'same file: "No PCI buses available", "a PCI slot is needed to connect a PCI controller model=\'%1$s\', but none is available, and it cannot be automatically added", "Cannot automatically add a new PCI bus for a device with connect flags %1$.2x"',
    patterns: [
      /No more available PCI slots/,
      /(?<nobus>No PCI buses available)/,
      /a PCI slot is needed to connect a PCI controller model='(?<model>[\w-]{1,32})', but none is available/,
      /Cannot automatically add a new PCI bus for a device with connect flags/,
    ],
    severity: 'error',
    title: 'libvirt found no free guest PCI slot for the device',
    cause:
      'every usable slot of the guest PCI topology is taken: when hot-plugging on q35 every pcie-root-port is already occupied (each port takes one device, and controllers cannot be added to a running VM); at define time the topology is full and libvirt may not add another bus of the needed kind (e.g. the machine type has no PCI at all, or the controllers are pinned by hand)',
    fix: 'add spare pcie-root-port controllers to the persistent XML and restart the VM (virt-manager/virt-install add a few by default), or remove unused devices; for a define-time failure remove explicit controller/address lines and let libvirt lay out the buses',
    refine: (f) =>
      f.nobus
        ? {
            title: "libvirt: the VM's machine type has no PCI bus",
            cause:
              "the guest has no PCI bus at all (libvirt's address set for it holds zero buses), so any PCI device — a disk or NIC on virtio-pci, a hostdev, and the USB controller, balloon and video libvirt adds by itself — has nowhere to go. libvirt creates the root bus (pci-root, pcie-root) only for machine types it knows to have PCI: a machine without PCI (microvm, foreign or embedded boards, a 32-bit ARM CPU model on the arm virt machine), or a machine type name the QEMU in use does not offer (an unversioned 'pc-q35', a mistyped or another distribution's name), which libvirt cannot know to have PCI, leaves it with none — not a full topology",
            fix: 'set a machine type with PCI that the host lists (`virsh domcapabilities`: q35, pc, or a versioned pc-q35-X.Y; virt on arm64), or for a PCI-less machine remove every PCI device and give the rest virtio-mmio addresses',
          }
        : undefined,
    render: render('error: internal error: '),
    examples: [
      ex('error: internal error: No more available PCI slots'),
      ex(
        "error: internal error: a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added",
        { model: 'pcie-root-port' },
      ),
      ex(
        'Sync Failed: Server error. command SyncVMI failed: "LibvirtError(Code=27, Domain=20, Message=\'XML error: No PCI buses available\')"',
        { nobus: 'No PCI buses available' },
        'https://github.com/harvester/harvester/pull/8630',
      ),
    ],
  },
  {
    id: 'libvirt.hotunplug-refused',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hotplug.c qemuDomainDetachDeviceLive()',
    format: 'cannot hot unplug %1$s device with multifunction PCI guest address: %2$04x:%3$02x:%4$02x.%5$d',
    versions:
      'same function: "cannot hot unplug %1$s device with PCI guest address: %2$04x:%3$02x:%4$02x.%5$d - controller not found" and "… - not allowed by controller"; libvirt ≤ 7.x printed the address as %.4x:%.2x:%.2x.%.1x',
    patterns: [
      new RegExp(
        `cannot hot unplug (?<kind>[\\w-]{1,32}) device with (?<multi>multifunction )?PCI guest address: ${ADDR}(?: - (?<why>controller not found|not allowed by controller))?`,
      ),
    ],
    severity: 'error',
    title: 'libvirt refused to hot-unplug the device from the running VM',
    cause:
      "the device's guest slot cannot be emptied while the VM runs: it is one function of a multifunction slot (the usual way to mirror a GPU and its HDMI audio function, multifunction='on'), and PCI hot-unplug removes whole slots",
    fix: 'shut the VM down and detach with --config; to be able to hot-unplug later, give each device its own slot (its own pcie-root-port on q35) instead of a multifunction pair',
    refine: (f) =>
      f.why === 'not allowed by controller'
        ? {
            cause:
              "the device sits on a controller without hotplug (pcie-root, i.e. bus 0 on q35, or a port with hotplug='off'), so QEMU cannot eject it",
            fix: 'shut the VM down to remove it; place hot-pluggable devices on pcie-root-ports',
          }
        : f.why === 'controller not found'
          ? {
              cause:
                "the bus in the device's guest address has no controller in the running domain's definition (a hand-edited live XML or an inconsistent state)",
              fix: 'shut the VM down and detach with --config',
            }
          : undefined,
    render: render('error: Operation failed: ', 'hostdev', 0, 5, 0, 1),
    examples: [
      ex(
        'error: Operation failed: cannot hot unplug hostdev device with multifunction PCI guest address: 0000:05:00.1',
        { kind: 'hostdev', addr: '0000:05:00.1' },
      ),
      ex(
        'error: operation failed: cannot hot unplug hostdev device with PCI guest address: 0000:00:06.0 - not allowed by controller',
        { why: 'not allowed by controller' },
      ),
    ],
  },
  {
    id: 'libvirt.detach-hostdev-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hotplug.c qemuDomainDetachPrepHostdev()',
    format: 'host pci device %1$04x:%2$02x:%3$02x.%4$d not found',
    versions: 'libvirt ≤ 7.x printed the address as %.4x:%.2x:%.2x.%.1x (same text)',
    patterns: [new RegExp(`host pci device ${BDF} not found`)],
    severity: 'error',
    title: 'detach-device names a host device the running VM does not have',
    cause:
      "the <hostdev> in the detach XML is matched by its host <source> address against the running VM's devices, and none has it: the address differs (written in another notation, or a different function), the device was already detached, or it exists only in the persistent configuration",
    fix: 'compare with `virsh dumpxml VM` (live); use --config for a device only in the saved definition; detach each function of a multi-function card separately',
    render: render('error: operation failed: ', 0, 1, 0, 0),
    examples: [
      ex('error: operation failed: host pci device 0000:01:00.0 not found', { bdf: '0000:01:00.0' }),
    ],
  },
  // ---- the device itself (src/util/virpci.c) ----
  {
    id: 'libvirt.pci-parent-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceTrySecondaryBusReset() / virPCIDeviceIsBehindSwitchLackingACS()',
    format: 'Failed to find parent device for %1$s',
    patterns: [new RegExp(`Failed to find parent device for ${BDF}`)],
    severity: 'error',
    title: 'The device has no parent bridge (on the root bus)',
    cause:
      "libvirt needed the device's upstream bridge — to reset its secondary bus when the device has neither FLR nor PM reset, or (non-VFIO backends) to check the switch's ACS — and there is none: the device sits directly on a root bus (an integrated device such as the iGPU at 00:02.0, an onboard audio or USB controller at 00:1f.x/00:14.0), where no bus reset is possible",
    fix: 'let vfio-pci do the reset: detach the device to vfio-pci before starting the domain (virsh nodedev-detach, or managed="yes" on a current libvirt, which leaves resets of vfio-pci devices to the kernel); integrated devices without FLR may not reset cleanly at all',
    render: render('error: internal error: ', '0000:00:14.0'),
    examples: [
      ex('error: internal error: Failed to find parent device for 0000:00:14.0', { bdf: '0000:00:14.0' }),
    ],
  },
  {
    id: 'libvirt.config-space-write-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceWrite()',
    // A VIR_WARN(): not translated, so %s rather than %1$s.
    format: "Failed to write to '%s' : %s",
    patterns: [/Failed to write to '(?<path>\/sys\/[^'\n]{1,200})' : (?<err>[^\n"'\\)]{1,80})/],
    severity: 'warning',
    title: "libvirt could not write the device's config space during a reset",
    cause:
      'libvirt writes the PCI config space itself for the resets it does (the bridge control register for a secondary bus reset, the PM control register for a D3hot→D0 reset, and to restore the saved header afterwards); the write failed, so the reset or the restore was incomplete: the device or bridge stopped answering (removed, or dead after an earlier reset) or sysfs is read-only for libvirt',
    fix: 'check the device with `lspci -s BDF -vv` (all ff / header type 7f: gone until a host power cycle); detach the device to vfio-pci before the domain starts so the kernel does the reset',
    refine: (f) => {
      const e = errnoName(f);
      if (e === 'EROFS' || e === 'EACCES' || e === 'EPERM')
        return {
          cause:
            "sysfs config files are not writable for libvirt (a read-only /sys in a container such as KubeVirt's virt-launcher, or a confined daemon), so it cannot do its own resets",
          fix: 'bind the device to vfio-pci on the host before the VM starts (device plugin / managed="no") so libvirt leaves resets to the kernel',
        };
      return undefined;
    },
    render: render(
      'warning : virPCIDeviceWrite:511 : ',
      '/sys/bus/pci/devices/0000:00:01.0/config',
      'Input/output error',
    ),
    examples: [
      ex(
        "2024-11-02 09:12:44.101+0000: 2231: warning : virPCIDeviceWrite:511 : Failed to write to '/sys/bus/pci/devices/0000:00:01.0/config' : Input/output error",
        { path: '/sys/bus/pci/devices/0000:00:01.0/config', err: 'Input/output error' },
      ),
    ],
  },
  {
    id: 'libvirt.device-id-unreadable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceNew()',
    format: 'Failed to read product/vendor ID for %1$s',
    patterns: [new RegExp(`Failed to read product/vendor ID for ${BDF}`)],
    severity: 'error',
    title: "libvirt could not read the device's vendor/device ID",
    cause:
      "the device's sysfs directory exists but its vendor or device file could not be read: the device is being removed (a VF while sriov_numvfs changes, a hot-unplugged or surprise-removed card) or libvirt's view of /sys is restricted",
    fix: 'check that the device is still present (`lspci -D -s BDF`); recreate VFs before starting the VM; run the system libvirt with access to /sys',
    render: render('error: internal error: ', '0000:3b:02.1'),
    examples: [
      ex('error: internal error: Failed to read product/vendor ID for 0000:3b:02.1', { bdf: '0000:3b:02.1' }),
    ],
  },
  {
    id: 'libvirt.hostdev-duplicate',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceListAdd()',
    format: 'Device %1$s is already in use',
    versions:
      'virmdev.c virMediatedDeviceListAdd(): "device %1$s is already in use" (an mdev); domain_validate.c virDomainDefHostdevValidate(): "Hostdev already exists in the domain configuration"; qemu_driver.c qemuDomainAttachDeviceConfig(): "device is already in the domain configuration"',
    patterns: [
      new RegExp(`[Dd]evice (?:${BDF}|(?<mdev>(?:/sys/bus/mdev/devices/)?${UUID})) is already in use`),
      /(?<config>Hostdev already exists|device is already) in the domain configuration/,
    ],
    severity: 'error',
    title: 'The same host device is listed twice for the domain',
    cause:
      "libvirt builds a list of the host devices a domain uses and refuses to add one twice: the domain XML names the same PCI device (or mdev UUID) in two places — two <hostdev> blocks with the same <source> address, or a <hostdev> plus an <interface type='hostdev'> (or a hostdev network) for the same VF",
    fix: 'remove the duplicate <hostdev>/<interface> from the XML (`virsh dumpxml VM | grep -A4 "<source"`); for a GPU with an audio function each function is its own hostdev with its own address',
    refine: (f) =>
      f.config
        ? {
            cause:
              'virsh attach-device --config (or a tool doing the same) added a hostdev that is already in the persistent configuration',
            fix: 'nothing to add; to change it, detach-device --config first, or edit the XML',
            severity: 'warning',
          }
        : undefined,
    render: render('error: internal error: ', '0000:01:00.0'),
    examples: [
      ex('error: internal error: Device 0000:01:00.0 is already in use', { bdf: '0000:01:00.0' }),
      ex('error: Requested operation is not valid: Hostdev already exists in the domain configuration', {
        config: 'Hostdev already exists',
      }),
    ],
  },
  // ---- SR-IOV network hostdevs (src/hypervisor/virhostdev.c, src/util/virpci.c, virnetdev.c) ----
  {
    id: 'libvirt.sriov-netdev-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIGetVirtualFunctionInfo() / virPCIGetNetName()',
    format: 'The PF device for VF %1$s has no network device name',
    versions:
      'src/util/virnetdev.c virNetDevGetVirtualFunctionInfo(): "… has no network device name, cannot get virtual function info"; virPCIGetNetName(): "Could not find any network device under PCI device at %1$s" (libvirt ≤ 7.x: "Could not find network device with phys_port_id \'%s\' under PCI device at %s"); virhostdev.c virHostdevNetDevice(): "The device at %1$s has no network device name"',
    patterns: [
      /The PF device for VF (?<vf>[^\s]{1,200}) has no network device name/,
      new RegExp(
        `Could not find (?:any network device|network device with phys_port_id '[^'\\n]{0,64}') under PCI device at ${BDF}`,
      ),
      /The device at (?<path>[^\s]{1,200}) has no network device name/,
      /(?<vfnoname>VF does not have an interface name)/,
    ],
    severity: 'error',
    title: "An <interface type='hostdev'> needs the NIC's network device, and there is none",
    cause:
      "for <interface type='hostdev'> (and hostdev networks) libvirt sets the VF's MAC address and VLAN through the PF's network interface (netlink on the PF), so it looks up the netdev of the physical function; the PF has none: the PF is not bound to its NIC driver (bound to vfio-pci, or the driver not loaded), or it is in another network namespace",
    fix: "keep the PF on its NIC driver (ixgbe, i40e, ice, mlx5_core…) and up on the host, and assign only the VFs; if libvirt should not program MAC/VLAN, use a plain <hostdev> for the VF instead of <interface type='hostdev'>",
    refine: (f) =>
      f.vfnoname
        ? {
            cause:
              "libvirt ≤ 7.x lists the VFs of a hostdev network's <pf dev=…> by their network interfaces, and a VF has none: it is bound to vfio-pci (or another non-network driver) already, so it has no netdev",
            fix: "leave the pool's VFs on their VF network driver (iavf, ixgbevf, mlx5_core) and let libvirt move them to vfio-pci when a domain starts, or list them by address (<forward mode='hostdev'><address …/>)",
          }
        : undefined,
    render: render('error: internal error: ', '0000:3b:02.1'),
    examples: [
      ex('error: internal error: The PF device for VF 0000:3b:02.1 has no network device name', {
        vf: '0000:3b:02.1',
      }),
      ex('error: internal error: Could not find any network device under PCI device at 0000:3b:00.0', {
        bdf: '0000:3b:00.0',
      }),
    ],
  },
  {
    id: 'libvirt.vf-mac-vlan-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virnetdev.c virNetDevSetVfMac() / virNetDevSetVfVlan()',
    format: 'Cannot set interface MAC to %1$s for ifname %2$s vf %3$d',
    versions:
      'virNetDevSetVfVlan(): "Cannot set interface vlanid to %1$d for ifname %2$s vf %3$d"; libvirt ≤ 7.x virNetDevSetVfConfig(): "Cannot set interface MAC/vlanid to %s/%d for ifname %s vf %d"',
    patterns: [
      new RegExp(
        `Cannot set interface (?<what>MAC|vlanid|MAC/vlanid) to (?<value>[^\\s]{1,40}) for ifname (?<pf>[^\\s]{1,32}) vf (?<vf>\\d{1,4})${ERR}`,
      ),
    ],
    severity: 'error',
    title: "The PF's driver refused to set the VF's MAC address or VLAN",
    cause:
      "for <interface type='hostdev'> (and hostdev networks) libvirt programs the VF's MAC and VLAN through the PF with a netlink RTM_SETLINK request; the PF driver refused it with the error shown",
    fix: "try it by hand (`ip link set PF vf N mac XX:…` / `vlan ID`) to see the driver's answer; keep the PF up and on its NIC driver; some drivers refuse changes while the VF is bound to a guest or require `trust on`; if libvirt need not set them, pass the VF as a plain <hostdev>",
    refine: (f) => {
      const e = errnoName(f);
      if (e === 'EPERM' || e === 'EACCES')
        return {
          cause:
            'the netlink request was refused for lack of privilege (CAP_NET_ADMIN): libvirt runs unprivileged or in a container without network admin rights over the PF',
          fix: 'run the system libvirt (qemu:///system), or let the SR-IOV device plugin set MAC/VLAN on the host',
        };
      if (e === 'EOPNOTSUPP' || e === 'ENOTSUP')
        return {
          cause: `the PF driver does not support setting a VF ${f.what === 'vlanid' ? 'VLAN' : 'MAC'} through the PF, or not in its current mode: a PF in switchdev mode takes VF settings on its representor ports, and an InfiniBand port (a ConnectX in IB link layer, e.g. ib0) addresses its VFs by GUID, so MAC and VLAN are always refused there`,
          fix: 'drop the <mac>/<vlan> from the interface and configure it in the guest, or use a plain <hostdev>; for an InfiniBand VF pass it as a plain <hostdev> and set its GUIDs on the host (`ip link set PF vf N node_guid … port_guid …`)',
        };
      if (e === 'EAGAIN')
        return {
          cause: `the PF driver answered EAGAIN ("try again"): VF ${f.vf ?? ''} was still being reset, or another VF operation was running, when libvirt asked. libvirt sets the MAC and VLAN right after the VF was reset for assignment, and Intel's PF drivers refuse VF configuration while a VF reset is pending — i40e prints "VF N still in reset. Try again." or "Unable to configure VFs, other operation is pending." (drivers/net/ethernet/intel/i40e/i40e_virtchnl_pf.c; since mid-2023 it waits up to 300 ms first, i40e_check_vf_init_timeout()), and ice has the same readiness check (ice_check_vf_ready_for_cfg()), which driver changes around VF resets have made trip more often`,
          fix: "check dmesg for the PF driver's line at that moment; start the VM again (the reset finishes within a second); when many VMs with VFs start together, start them one after the other; update the kernel (the PF driver), since i40e and ice both received fixes for VF configuration during a reset",
        };
      if (e === 'ENODEV' || e === 'ENOENT')
        return {
          cause: `the PF ${f.pf ?? ''} (or its VF ${f.vf ?? ''}) does not exist any more: VFs were removed (sriov_numvfs changed) or the PF was renamed`,
          fix: 'recreate the VFs and check the PF name, then start the VM again',
        };
      return undefined;
    },
    render: render('error: ', '52:54:00:6d:90:02', 'enp59s0f0', 1),
    examples: [
      ex(
        'error: Cannot set interface MAC to 52:54:00:6d:90:02 for ifname enp59s0f0 vf 1: Operation not supported',
        {
          what: 'MAC',
          pf: 'enp59s0f0',
          vf: '1',
        },
      ),
      ex('error: Cannot set interface vlanid to 42 for ifname enp59s0f0 vf 3: Operation not permitted', {
        what: 'vlanid',
      }),
      ex(
        'error: Cannot set interface MAC to 52:54:00:6d:90:02 for ifname enp59s0f0 vf 0: Resource temporarily unavailable',
        {
          what: 'MAC',
          vf: '0',
        },
      ),
    ],
  },
  {
    id: 'libvirt.hostdev-interface-not-vf',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevSaveNetConfig() / virHostdevRestoreNetConfig()',
    format: 'Interface type hostdev is currently supported on SR-IOV Virtual Functions only',
    patterns: [/Interface type hostdev is currently supported on SR-IOV Virtual Functions only/],
    severity: 'error',
    title: "<interface type='hostdev'> points at a device that is not an SR-IOV VF",
    cause:
      "libvirt only configures MAC/VLAN for VFs (it checks for the physfn link in sysfs); the <source><address> of the <interface type='hostdev'> names a physical function or a NIC without SR-IOV",
    fix: "to pass a whole NIC use <hostdev mode='subsystem' type='pci' managed='yes'>; otherwise create VFs (echo N > /sys/class/net/IF/device/sriov_numvfs) and point the interface at a VF address",
    render: render('error: unsupported configuration: '),
    examples: [
      ex(
        'error: unsupported configuration: Interface type hostdev is currently supported on SR-IOV Virtual Functions only',
      ),
    ],
  },
  {
    id: 'libvirt.hostdev-interface-option',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevNetConfigVirtPortProfile() / virHostdevSetNetConfig()',
    format: 'virtualport type %1$s is currently not supported on interfaces of type hostdev',
    versions:
      'virHostdevSetNetConfig(): "direct setting of the vlan tag is not allowed for hostdev devices using %1$s mode"',
    patterns: [
      /virtualport type (?<vport>[\w.]{1,32}) is currently not supported on interfaces of type hostdev/,
      /direct setting of the vlan tag is not allowed for hostdev devices using (?<vport>[\w.]{1,32}) mode/,
    ],
    severity: 'error',
    title: "An option of the <interface type='hostdev'> cannot be applied to a VF",
    cause:
      "a VF passed to the guest bypasses the host's switching: libvirt can only program the VF's MAC and VLAN on the PF, so a <virtualport> of another type (openvswitch, midonet) cannot apply, and with 802.1Qbh the VLAN comes from the port profile, not from <vlan>",
    fix: "remove the <virtualport> (or the <vlan>) from the interface; use a VLAN tag (<vlan><tag id='N'/></vlan>) for VF tagging, or a macvtap/bridge interface when Open vSwitch must see the traffic",
    render: render('error: unsupported configuration: ', 'openvswitch'),
    examples: [
      ex(
        'error: unsupported configuration: virtualport type openvswitch is currently not supported on interfaces of type hostdev',
        {
          vport: 'openvswitch',
        },
      ),
    ],
  },
  {
    id: 'libvirt.network-vf-in-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_process.c qemuProcessPrepareDomainNetwork()',
    format:
      'PCI device %1$04x:%2$02x:%3$02x.%4$x allocated from network %5$s is already in use by domain %6$s',
    patterns: [
      new RegExp(
        `PCI device ${BDF} allocated from network (?<network>[^\\s]{1,64}) is already in use by domain (?<domain>[^\\s]{1,128})`,
      ),
    ],
    severity: 'error',
    title: 'A VF handed out by a hostdev network is already used by another domain',
    cause:
      "the libvirt network (<forward mode='hostdev'> with a pool of VFs) gave this domain a VF that another running domain already uses, typically because that domain names the same VF directly in a <hostdev> or <interface type='hostdev'> outside the network's bookkeeping",
    fix: "don't assign VFs of a pool directly: give every domain an <interface type='network'> on the pool network, or take the VF out of the pool (its <forward><address> list / pf)",
    render: render('error: Requested operation is not valid: ', 0, 0x3b, 2, 1, 'sriov-pool', 'vm2'),
    examples: [
      ex(
        'error: Requested operation is not valid: PCI device 0000:3b:02.1 allocated from network sriov-pool is already in use by domain vm2',
        { bdf: '0000:3b:02.1', network: 'sriov-pool', domain: 'vm2' },
      ),
    ],
  },
  // ---- releasing devices after the domain (src/hypervisor/virhostdev.c) ----
  {
    id: 'libvirt.hostdev-release-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevReattachAllPCIDevices() / virHostdevResetAllPCIDevices()',
    format: 'Failed to re-attach PCI device: %1$s',
    versions:
      'VIR_ERROR log lines (in the daemon log, not returned to virsh); also "Failed to reset PCI device: %1$s"',
    // The reason after the colon is another libvirt error, which its own entry explains when known.
    tier: 'fallback',
    patterns: [/Failed to (?<op>re-attach|reset) PCI device: (?<reason>[^\n]{1,200})/],
    severity: 'warning',
    title: 'After the domain stopped, libvirt could not give a device back (or reset it)',
    cause:
      'when a domain with managed hostdevs stops, libvirt resets each device and rebinds it to its original host driver; this failed for one device, whose reason follows the colon. The domain is already down; the device is left on vfio-pci (re-attach) or not reset (reset), so the host driver does not get it back and a later start may find it in a bad state',
    fix: "read the reason after the colon (`vfiokit diagnose` explains it too); give the device back by hand with `virsh nodedev-reattach pci_DDDD_BB_SS_F`; for GPUs the host driver often cannot take the card back without a host reboot, so keep it on vfio-pci (managed='no' with nodedev-detach at boot)",
    render: render('error : virHostdevReattachAllPCIDevices:634 : ', 'Interrupted system call'),
    examples: [
      ex(
        '2024-03-09 18:22:31.440+0000: 1520: error : virHostdevReattachAllPCIDevices:634 : Failed to re-attach PCI device: Interrupted system call',
        { op: 're-attach' },
      ),
      ex(
        '2024-03-09 18:22:31.101+0000: 1520: error : virHostdevResetAllPCIDevices:603 : Failed to reset PCI device: internal error: Unusual value in /sys/bus/pci//devices/0000:06:00.1/class: 0x',
        { op: 'reset' },
      ),
    ],
  },
  // ---- assignment backend and VFIO support ----
  {
    id: 'libvirt.hostdev-backend-unsupported',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevGetPCIHostDevice()',
    format: "pci backend driver type '%1$s' is not supported",
    versions:
      'libvirt 10.x+ wording (older: "pci backend driver \'%1$s\' is not supported", libvirt.pci-backend-default); src/qemu/qemu_domain.c qemuDomainPrepareHostdevPCI(): "QEMU does not support device assignment mode \'%1$s\'"; src/qemu/qemu_driver.c qemuNodeDeviceDetachFlags(): "\'legacy KVM\' device assignment is no longer supported on this system" (libvirt ≤ 7.x: "KVM device assignment is no longer supported on this system", "unknown driver name \'%s\'")',
    patterns: [
      /pci backend driver type '(?<backend>[\w-]{1,16})' is not supported/,
      /QEMU does not support device assignment mode '(?<backend>[\w-]{1,16})'/,
      /(?<backend>'legacy KVM'|KVM) device assignment is no longer supported on this system/,
    ],
    severity: 'error',
    title: 'The PCI assignment backend of the hostdev cannot be used',
    cause:
      "the hostdev kept the backend 'default' because libvirt found no VFIO support on the host when it prepared the domain (no /sys/kernel/iommu_groups entries, or no /dev/vfio/vfio), so it has no way to assign the device; the first error of the start (\"host doesn't support passthrough of host PCI devices\") says the same",
    fix: 'enable the IOMMU (firmware VT-d/AMD-Vi, intel_iommu=on / amd_iommu=on) and load vfio-pci (`vfiokit doctor`); inside a container make /sys/kernel/iommu_groups and /dev/vfio visible to libvirt',
    refine: (f) => {
      const b = f.backend ?? '';
      if (/kvm/i.test(b))
        return {
          cause:
            "the XML or command asks for legacy KVM device assignment (<driver name='kvm'/>, or virsh nodedev-detach --driver kvm), which Linux removed in 4.12 and libvirt no longer offers",
          fix: "remove <driver name='kvm'/> from the hostdev (VFIO is the default), or use --driver vfio",
        };
      if (b === 'xen')
        return {
          cause:
            "the hostdev asks for the Xen backend (<driver name='xen'/>), which only the libxl driver uses; QEMU/KVM assigns through VFIO",
          fix: "remove <driver name='xen'/> or use <driver name='vfio'/>",
        };
      return undefined;
    },
    render: render('error: unsupported configuration: ', 'default'),
    examples: [
      ex("error: unsupported configuration: pci backend driver type 'default' is not supported", {
        backend: 'default',
      }),
      ex("error: unsupported configuration: QEMU does not support device assignment mode 'kvm'", {
        backend: 'kvm',
      }),
      ex("error: argument unsupported: 'legacy KVM' device assignment is no longer supported on this system"),
    ],
  },
  {
    id: 'libvirt.qemu-lacks-vfio-pci',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_domain.c qemuDomainPrepareHostdevPCI() / src/qemu/qemu_validate.c qemuValidateDomainDeviceDefHostdev()',
    format: 'VFIO PCI device assignment is not supported by this version of QEMU',
    versions:
      'qemu_validate.c prints it with "qemu" in lower case in qemuValidateDomainDeviceDefHostdev(); the mdev check qemuValidateDomainMdevDefVFIOPCI() uses the upper-case text',
    patterns: [/VFIO PCI device assignment is not supported by this version of (?:QEMU|qemu)/],
    severity: 'error',
    title: "libvirt's record of the QEMU binary shows no vfio-pci device",
    cause:
      "libvirt checks the capabilities it probed from the domain's emulator binary; they do not include the vfio-pci device: the <emulator> is a QEMU built without VFIO (a non-Linux or minimal/TCG build, an emulator for another architecture), or libvirt's capability cache is from an older or broken binary",
    fix: "use the distribution's qemu-system-x86_64 (check `qemu-system-x86_64 -device help | grep vfio-pci` and the <emulator> path); after changing the binary delete /var/cache/libvirt/qemu/capabilities/* and restart the libvirt daemon",
    render: render('error: unsupported configuration: '),
    examples: [
      ex(
        'error: unsupported configuration: VFIO PCI device assignment is not supported by this version of QEMU',
      ),
    ],
  },
  // ---- mediated devices (src/util/virmdev.c, src/qemu/, src/node_device/) ----
  {
    id: 'libvirt.mdev-needs-vfio',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hostdev.c qemuHostdevPrepareMediatedDevices()',
    format: 'Mediated host device assignment requires VFIO support',
    patterns: [/Mediated host device assignment requires VFIO support/],
    severity: 'error',
    title: 'A vGPU (mdev) hostdev, but libvirt sees no VFIO on the host',
    cause:
      'mediated devices are handed to QEMU through VFIO, and libvirt found no VFIO support: /dev/vfio/vfio is missing (the vfio and vfio_iommu_type1 modules are not loaded) or /sys/kernel/iommu_groups is empty',
    fix: 'load vfio, vfio_iommu_type1 and vfio_mdev/the vendor mdev driver (for GVT-g: kvmgt; for NVIDIA vGPU: nvidia-vgpu-vfio); `vfiokit doctor` checks the VFIO side',
    render: render('error: unsupported configuration: '),
    examples: [ex('error: unsupported configuration: Mediated host device assignment requires VFIO support')],
  },
  {
    id: 'libvirt.mdev-iommu-group-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virmdev.c virMediatedDeviceGetIOMMUGroupDev() / virMediatedDeviceGetIOMMUGroupNum()',
    format: "failed to access '%1$s'",
    versions: 'same functions: "failed to resolve \'%1$s\'" (the iommu_group link exists but cannot be read)',
    patterns: [
      new RegExp(
        `failed to (?<op>access|resolve) '(?<path>/sys/bus/mdev/devices/(?<uuid>${UUID})/iommu_group)'${ERR}`,
      ),
    ],
    severity: 'error',
    title: 'The mediated device (vGPU) of the domain has no IOMMU group',
    cause:
      "before starting the domain libvirt looks up the mdev's VFIO group through /sys/bus/mdev/devices/UUID/iommu_group, to give QEMU /dev/vfio/N; the link is not there",
    fix: 'check `ls /sys/bus/mdev/devices/` and `mdevctl list`; create the mdev again and make it persistent (mdevctl define --auto, or virsh nodedev-define + nodedev-autostart)',
    refine: (f) =>
      errnoName(f) === 'ENOENT'
        ? {
            cause:
              "the mdev with this UUID does not exist (its whole sysfs directory is missing): mdevs are not kept across host reboots unless defined persistently, or the parent's vendor driver (NVIDIA vGPU host driver, i915 GVT-g) is not loaded, so nothing could create it",
            fix: 'load the vendor driver, then create the mdev (mdevctl start -u UUID -p PARENT --type TYPE) and define it persistently (mdevctl define --auto) so it exists at every boot',
          }
        : undefined,
    render: render(
      'error: internal error: Process exited prior to exec: libvirt:  error : ',
      '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b/iommu_group',
    ),
    examples: [
      ex(
        "error: failed to access '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b/iommu_group': No such file or directory",
        { uuid: '8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b' },
      ),
    ],
  },
  {
    id: 'libvirt.mdev-model-mismatch',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virmdev.c virMediatedDeviceCheckModel()',
    format: "invalid device API '%1$s' for device %2$s: device only supports '%3$s'",
    versions:
      "same function: \"device API '%1$s' not supported yet\"; src/conf/domain_postparse.c virDomainHostdevDefPostParse(): \"Unsupported address type '%1$s' with mediated device model '%2$s'\"",
    patterns: [
      /invalid device API '(?<model>[\w-]{1,32})' for device (?<path>[^\s:]{1,200}): device only supports '(?<api>[\w-]{1,32})'/,
      /device API '(?<api>[\w-]{1,32})' not supported yet/,
      /Unsupported address type '(?<addrtype>[\w-]{1,16})' with mediated device model '(?<model>[\w-]{1,32})'/,
    ],
    severity: 'error',
    title: "The mdev hostdev's model does not match the mediated device",
    cause:
      "a <hostdev type='mdev'> has a model (vfio-pci, vfio-ccw, vfio-ap) that must equal the device_api the mdev reports in /sys/bus/mdev/devices/UUID/device_api; they differ: the UUID belongs to another kind of mdev than the XML assumes",
    fix: "set model= to the device_api of the mdev (GPUs: model='vfio-pci'), or point the hostdev at the right UUID (`mdevctl list`)",
    refine: (f) =>
      f.addrtype
        ? {
            cause: `the guest <address type='${f.addrtype}'> does not fit an mdev of model ${f.model ?? ''}: a vfio-pci mdev needs a PCI guest address, vfio-ccw a CCW one`,
            fix: 'remove the guest <address> so libvirt assigns a matching one',
          }
        : f.model
          ? undefined
          : {
              cause: `the mdev reports device_api '${f.api ?? ''}', which this libvirt does not know how to pass to QEMU`,
              fix: 'use a libvirt that supports this device API, or an mdev type whose device_api is vfio-pci',
            },
    render: render(
      'error: internal error: ',
      'vfio-ccw',
      '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b',
      'vfio-pci',
    ),
    examples: [
      ex(
        "error: internal error: invalid device API 'vfio-ccw' for device /sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b: device only supports 'vfio-pci'",
        { model: 'vfio-ccw', api: 'vfio-pci' },
      ),
    ],
  },
  {
    id: 'libvirt.mdev-display-config',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_validate.c qemuValidateDomainMdevDefVFIOPCI()',
    format: "graphics device is needed for attribute value 'display=on' in <hostdev>",
    versions:
      'same file: "<hostdev> attribute \'display\' is only supported with model=\'vfio-pci\'", "booting from assigned devices is not supported by mediated devices of model vfio-pci"; src/conf/domain_validate.c: "Only one vgpu device can have \'ramfb\' enabled"; libvirt ≤ 7.x also "display property of device vfio-pci is not supported by this version of QEMU"',
    patterns: [
      /graphics device is needed for attribute value 'display=on' in <hostdev>/,
      /<hostdev> attribute 'display' is (?<kind>only supported with model)='vfio-pci'/,
      /booting from assigned devices is not supported by mediated devices of model (?<model>vfio-[\w]{1,8})/,
      /Only one vgpu device can have '(?<kind>ramfb)' enabled/,
      /display property of device vfio-pci is (?<kind>not supported by this version of QEMU)/,
    ],
    severity: 'error',
    title: 'The vGPU display or boot settings of the mdev hostdev are not valid',
    cause:
      "display='on' on a vGPU (<hostdev type='mdev' model='vfio-pci' display='on'>) exports the vGPU's framebuffer through QEMU's display, so the domain needs a <graphics> device (spice or egl-headless/dbus) to show it",
    fix: "add <graphics type='spice'> (with <gl enable='yes'/> for dma-buf vGPUs) or <graphics type='egl-headless'/>, or set display='off'",
    refine: (f) => {
      if (f.model)
        return {
          cause:
            'a <boot order=…> is set on the mediated device; the guest firmware cannot boot from a vGPU or other mdev',
          fix: 'remove <boot order> from the mdev hostdev and boot from a disk or NIC',
        };
      if (f.kind === 'ramfb')
        return {
          cause:
            "ramfb='on' (a boot-time framebuffer for the vGPU, shown before the guest driver loads) is set on more than one vGPU; QEMU has a single ramfb device",
          fix: "keep ramfb='on' on one vGPU hostdev only",
        };
      if (f.kind === 'only supported with model')
        return {
          cause:
            'display= is set on an mdev hostdev whose model is not vfio-pci; only vfio-pci vGPUs have a display to export',
          fix: "remove display= from that hostdev, or use model='vfio-pci' for a vGPU",
        };
      if (f.kind)
        return {
          cause: 'the QEMU binary is too old for the vfio-pci display property (QEMU 2.12+ has it)',
          fix: "update QEMU, or set display='off'",
        };
      return undefined;
    },
    render: render('error: unsupported configuration: '),
    examples: [
      ex(
        "error: unsupported configuration: graphics device is needed for attribute value 'display=on' in <hostdev>",
      ),
      ex(
        'error: unsupported configuration: booting from assigned devices is not supported by mediated devices of model vfio-pci',
        { model: 'vfio-pci' },
      ),
    ],
  },
  {
    id: 'libvirt.mdev-parent-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/node_device/node_device_driver.c nodeDeviceGetMdevctlCommand() / nodeDeviceDefValidateMdev()',
    format: "unable to find parent device '%1$s'",
    versions:
      'same file: "invalid parent device \'%1$s\'", "Unable to find address for parent device \'%1$s\'", "missing parent device", "cannot create a mediated device without a parent", "cannot define a mediated device without a parent"; node_device_udev.c udevProcessMdevParent(): "Unable to find address for mdev parent device \'%1$s\'"',
    patterns: [
      /unable to find parent device '(?<parent>[^'\n]{1,128})'/,
      /invalid parent device '(?<parent>[^'\n]{1,128})'/,
      /Unable to find address for (?:mdev )?parent device '(?<parent>[^'\n]{1,200})'/,
      /cannot (?:create|define) a mediated device without a parent/,
    ],
    severity: 'error',
    title: 'The parent of the mediated device (vGPU) is not known to libvirt',
    cause:
      'a node-device XML for an mdev (virsh nodedev-create/-define) must name its parent — the physical GPU or device as a libvirt node device name such as pci_0000_00_02_0 — and libvirt has no such device, or it is not a device that can have mdevs (a PCI or CCW device with mdev_supported_types)',
    fix: "use the parent's libvirt name in <parent> (virsh nodedev-list --cap mdev_types lists the possible parents); load the vendor driver that registers the parent (i915 with enable_gvt=1 + kvmgt, NVIDIA vGPU host driver) and check /sys/class/mdev_bus",
    render: render('error: internal error: ', 'pci_0000_00_02_0'),
    examples: [
      ex("error: internal error: unable to find parent device 'pci_0000_00_02_0'", {
        parent: 'pci_0000_00_02_0',
      }),
      ex('error: XML error: cannot create a mediated device without a parent'),
    ],
  },
  {
    id: 'libvirt.mdevctl-query-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/node_device/node_device_driver.c nodeDeviceUpdateMediatedDevices()',
    format: 'failed to query mdevs from mdevctl: %1$s',
    patterns: [/failed to query mdevs from mdevctl: (?<why>[^\n"']{1,200})/],
    severity: 'warning',
    title: 'libvirt could not list the mediated devices through mdevctl',
    cause:
      'the node-device driver runs `mdevctl list --dumpjson --defined` whenever it refreshes its device list, to learn the persistent mdevs; mdevctl failed with the error after the colon. A bare "No such file or directory" comes from mdevctl 1.1, which reads its configuration directory /etc/mdevctl.d and fails when a package did not create it; newer mdevctl names the missing directory ("Required directory … doesn\'t exist", also its scripts.d/callouts and notifiers directories)',
    fix: 'harmless if this host uses no vGPUs/mediated devices (libvirt just lists none); otherwise create the directory mdevctl names (mkdir -p /etc/mdevctl.d) or reinstall/update mdevctl, and check with `mdevctl list --defined --dumpjson`',
    refine: (f) =>
      /Permission denied|os error 13/.test(f.why ?? '')
        ? {
            cause:
              "mdevctl could not read its configuration or sysfs: libvirt runs it with the daemon's rights, and a confined daemon (AppArmor/SELinux) or a non-root session daemon may not read /etc/mdevctl.d or /sys/class/mdev_bus",
            fix: "use the system daemon; check the security driver's denials (dmesg | grep -i denied)",
          }
        : undefined,
    render: render('internal error: ', 'Error: No such file or directory'),
    examples: [
      ex(
        'error : nodeDeviceUpdateMediatedDevices:1903 : internal error: failed to query mdevs from mdevctl: Error: Permission denied (os error 13)',
      ),
    ],
  },
  {
    id: 'libvirt.mdev-stop-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/node_device/node_device_driver.c nodeDeviceDestroy() / virMdevctlStop()',
    format: "Unable to destroy '%1$s': device in use",
    versions:
      'virMdevctlStop(): "Unable to destroy \'%1$s\': %2$s"; virMdevctlUndefine(): "Unable to undefine mediated device: %1$s"; virMdevctlModify(): "Unable to modify mediated device: %1$s"; libvirt ≤ 7.x: "Unable to stop mediated device"',
    patterns: [
      /Unable to destroy '(?<name>[^'\n]{1,128})': (?<why>[^\n"']{1,200})/,
      /Unable to (?<op>undefine|modify|stop) mediated device(?<why>: [^\n"']{1,200})?/,
    ],
    severity: 'error',
    title: 'The mediated device (vGPU) could not be removed or changed',
    cause:
      "libvirt asked mdevctl to stop, undefine or modify the mdev and it failed; mdevctl's reason follows the colon (the vendor driver refused to remove a vGPU that is still open, or the definition does not exist)",
    fix: 'stop the domain that uses the mdev first (`virsh list`; `mdevctl list` shows it), then retry; check the vendor driver log (dmesg, nvidia-vgpu-mgr journal)',
    refine: (f) =>
      f.why === 'device in use'
        ? {
            cause:
              'a running domain uses this mediated device, so libvirt refuses to destroy it under the guest',
            fix: 'shut down (or detach the hostdev from) the domain that uses it, then destroy the mdev',
          }
        : undefined,
    render: render('error: Requested operation is not valid: ', 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b'),
    examples: [
      ex(
        "error: Requested operation is not valid: Unable to destroy 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b': device in use",
        { why: 'device in use' },
      ),
    ],
  },
  // ---- node devices and virsh (src/hypervisor/domain_driver.c, tools/virsh-nodedev.c) ----
  {
    id: 'libvirt.nodedev-not-pci',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/domain_driver.c virDomainDriverNodeDeviceGetPCIInfo() (older: src/qemu/qemu_driver.c qemuNodeDeviceGetPCIInfo())',
    format: 'device %1$s is not a PCI device',
    patterns: [/device (?<nodedev>[\w-]{1,128}) is not a PCI device/],
    severity: 'error',
    title: 'virsh nodedev-detach/reattach/reset was given a node device that is not PCI',
    cause:
      'these commands work on PCI node devices only (names pci_DDDD_BB_SS_F); the name given is another kind of node device — a network interface (net_…), a USB device (usb_…), an mdev or a storage device — that merely belongs to the PCI device',
    fix: 'use the PCI parent: `virsh nodedev-dumpxml NAME | grep parent` gives pci_DDDD_BB_SS_F, or build it from `lspci -D` (0000:01:00.0 → pci_0000_01_00_0)',
    render: render('error: Operation not supported: ', 'net_enp5s0_3c_ec_ef_12_34_56'),
    examples: [
      ex('error: Operation not supported: device net_enp5s0_3c_ec_ef_12_34_56 is not a PCI device', {
        nodedev: 'net_enp5s0_3c_ec_ef_12_34_56',
      }),
    ],
  },
  {
    id: 'libvirt.virsh-nodedev-no-match',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-nodedev.c vshFindNodeDevice() / cmdNodeDeviceDetach()',
    format: "Could not find matching device '%1$s'",
    versions:
      'vshFindNodeDevice() also: "Malformed device value \'%1$s\'" (a value with a comma is read as WWNN,WWPN)',
    patterns: [
      /Could not find matching device '(?<nodedev>[^'\n]{1,128})'/,
      /Malformed device value '(?<nodedev>[^'\n]{1,128})'/,
    ],
    severity: 'error',
    title: 'virsh found no node device of that name',
    cause:
      "virsh's node-device commands take libvirt's device names (pci_0000_01_00_0), not lspci addresses; the name given matches no node device: written as 0000:01:00.0 or 01:00.0, mistyped, or the device is not on the bus (renumbered after a hardware or firmware change)",
    fix: "convert the address: 0000:01:00.0 is pci_0000_01_00_0 (`virsh nodedev-list --cap pci` lists them); the next error line gives libvirt's reason",
    refine: (f) =>
      /^[0-9a-fA-F]{0,4}:?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/.test(f.nodedev ?? '')
        ? {
            cause: `"${f.nodedev}" is an lspci address; virsh node-device commands want libvirt's name for it`,
            fix: `use pci_${(f.nodedev ?? '').replace(/^([0-9a-fA-F]{2}:)/, '0000:$1').replace(/[:.]/g, '_')}`,
          }
        : undefined,
    render: render('error: ', '0000:01:00.0'),
    examples: [ex("error: Could not find matching device '0000:01:00.0'", { nodedev: '0000:01:00.0' })],
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-nodedev.c cmdNodeDeviceCreate() / cmdNodeDeviceDestroy() / cmdNodeDeviceStart() / cmdNodeDeviceDefine() / cmdNodeDeviceUndefine() / cmdNodeDeviceAutostart() / cmdNodeDeviceUpdate()',
    format: 'Failed to create node device from %1$s',
    versions:
      'same file: "Failed to destroy node device \'%1$s\'", "Failed to start device %1$s", "Failed to define node device from \'%1$s\'", "Failed to undefine node device \'%1$s\'", "failed to mark device %1$s as autostarted", "failed to unmark device %1$s as autostarted", "Failed to update node device %1$s from \'%2$s\'"',
    patterns: [
      /Failed to (?<op>create|define|destroy|undefine|update) node device(?: from)? '?(?<what>[^'\s]{1,200})/,
      /Failed to (?<op>start) device (?<what>[\w-]{1,128})/,
      /failed to (?<op>mark|unmark) device (?<what>[\w-]{1,128}) as autostarted/,
    ],
    severity: 'error',
    title: 'virsh could not create, start or remove a node device (usually an mdev)',
    cause:
      'virsh says which node-device operation failed; these commands manage mediated devices (vGPUs) through mdevctl and the reason is the "error:" line printed right after this one (parent not found, no instances left, mdevctl failure)',
    fix: "read the next error line (`vfiokit diagnose` explains it too when both are given); `mdevctl list` and the parent's mdev_supported_types/*/available_instances show the state",
    render: render('error: ', 'vgpu.xml'),
    examples: [ex('error: Failed to create node device from vgpu.xml', { op: 'create', what: 'vgpu.xml' })],
  },
  {
    id: 'libvirt.virsh-nodedev-mdev-done',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-nodedev.c cmdNodeDeviceCreate() / cmdNodeDeviceDestroy() / cmdNodeDeviceStart() / cmdNodeDeviceDefine() / cmdNodeDeviceUndefine() / cmdNodeDeviceAutostart()',
    format: 'Node device %1$s created from %2$s\n',
    versions:
      'same file: "Destroyed node device \'%1$s\'", "Device %1$s started", "Node device \'%1$s\' defined from \'%2$s\'", "Undefined node device \'%1$s\'", "Device %1$s marked as autostarted", "Device %1$s unmarked as autostarted"',
    patterns: [
      /Node device '?(?<nodedev>[\w-]{1,128})'? (?<op>created|defined) from/,
      /(?<op>Destroyed|Undefined) node device '(?<nodedev>[\w-]{1,128})'/,
      /Device (?<nodedev>mdev_[\w-]{1,128}) (?<op>started|marked as autostarted|unmarked as autostarted)/,
    ],
    severity: 'info',
    title: 'virsh created, started or removed a node device (worked)',
    cause: 'the node-device operation (typically on a mediated device, mdev_<uuid>) succeeded',
    fix: 'nothing to do',
    render: render('', 'mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b', 'vgpu.xml'),
    examples: [
      ex('Node device mdev_8e2a3f7c_1d2b_4f4e_9b1a_0c3d5e6f7a8b created from vgpu.xml', { op: 'created' }),
    ],
  },
  {
    id: 'libvirt.virt-install-hostdev-lookup',
    source: 'userspace tool',
    cite: 'virt-manager/virt-manager virtinst/cli.py _AddressStringToNodedev() / _AddressStringToHostdev()',
    format: "Did not find a matching node device for '%s'",
    versions:
      'same functions: "%s corresponds to multiple node devices", "Unknown hostdev address string format \'%s\'"; ParserHostdev.set_address_cb(): "Expected PCI format string for \'%s\'"; virt-install prints them as "ERROR    Error: --hostdev VALUE: …"',
    patterns: [
      /Did not find a matching node device for '(?<dev>[^'\n]{1,128})'/,
      /(?<dev>[\w:.-]{1,64}) (?<multiple>corresponds to multiple node devices)/,
      /(?<format>Unknown hostdev address string format|Expected PCI format string for) '(?<dev>[^'\n]{1,128})'/,
    ],
    severity: 'error',
    title: 'virt-install / virt-xml found no host device for the --hostdev value',
    cause:
      "--hostdev takes a libvirt node-device name (pci_0000_01_00_0, mdev_<uuid with underscores>), a PCI address (01:00.0 or 0000:01:00.0), or a USB vendor:product or bus.device, and virt-install looks it up among libvirt's node devices; none matched: the address is not on this host (renumbered, or written in another notation), or libvirt does not list the device (the node-device daemon virtnodedevd is not running, or an mdev is not started)",
    fix: 'list what libvirt sees (`virsh nodedev-list --cap pci`, `--cap mdev`) and pass that name; start a defined mdev first (virsh nodedev-start mdev_…, or mdevctl start)',
    refine: (f) => {
      if (f.multiple)
        return {
          cause: `${f.dev ?? 'the value'} matches more than one device: a USB vendor:product shared by two identical devices`,
          fix: 'name one device by its USB bus.device (lsusb) or by its libvirt node-device name',
        };
      if (f.format)
        return {
          cause: `'${f.dev ?? ''}' is not in a form --hostdev understands (PCI: [domain:]bus:slot.function in hex; USB: vendor:product or bus.device)`,
          fix: 'write the PCI address as lspci -D prints it (0000:01:00.0) or use the node-device name (pci_0000_01_00_0)',
        };
      if (/^mdev_/.test(f.dev ?? ''))
        return {
          cause: `libvirt lists no running mediated device ${f.dev}: the mdev was never created, was defined but not started, or vanished at a reboot`,
          fix: 'start it (virsh nodedev-start, or mdevctl start -u UUID) and make it persistent (virsh nodedev-autostart / mdevctl define --auto)',
        };
      return undefined;
    },
    render: render('ERROR    Error: --hostdev 0000:0b:00.0: ', '0000:0b:00.0'),
    examples: [
      ex("ERROR    Error: --hostdev 0000:0b:00.0: Did not find a matching node device for '0000:0b:00.0'", {
        dev: '0000:0b:00.0',
      }),
      ex('ERROR    Error: --hostdev 046d:c52b: 046d:c52b corresponds to multiple node devices', {
        multiple: 'corresponds to multiple node devices',
      }),
    ],
  },
  // ---- memory, cgroups, security drivers ----
  {
    id: 'libvirt.memlock-get-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virprocess.c virProcessGetMaxMemLock() (called by src/qemu/qemu_domain.c qemuDomainSetMaxMemLock())',
    format: 'cannot get locked memory limit of process %1$lld',
    versions: 'libvirt ≤ 7.x: "cannot get locked memory limit"',
    patterns: [new RegExp(`cannot get locked memory limit(?: of process (?<pid>\\d{1,10}))?${ERR}`)],
    severity: 'error',
    title: "libvirt could not read QEMU's locked-memory limit",
    cause:
      "with VFIO devices libvirt raises QEMU's RLIMIT_MEMLOCK (all guest RAM is pinned) and first reads the current limit with prlimit(); that read was refused: reading another process's limits needs matching credentials or CAP_SYS_RESOURCE, which the daemon lacks (a container, a non-root or hardened daemon), or the QEMU process has already exited",
    fix: 'run the system daemon with CAP_SYS_RESOURCE (its default), or set the limit from outside (LimitMEMLOCK= / the container runtime); if QEMU exited, read its own error in /var/log/libvirt/qemu/VM.log',
    refine: (f) =>
      errnoName(f) === 'ESRCH'
        ? {
            cause:
              'the QEMU process no longer exists: it exited while libvirt was adjusting its limits; its own error is the real cause',
          }
        : undefined,
    render: render('error: ', 4121),
    examples: [
      ex('error: cannot get locked memory limit of process 4121: Operation not permitted', { pid: '4121' }),
    ],
  },
  {
    id: 'libvirt.hugepage-path-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_conf.c qemuHugepageMakeBasedir()',
    format: 'unable to create hugepage path %1$s',
    versions:
      'src/qemu/qemu_process.c qemuProcessBuildDestroyMemoryPathsImpl(): "Unable to create %1$s" for the per-domain directory under the hugetlbfs mount',
    patterns: [
      /unable to create hugepage path (?<path>[^\s:]{1,200})/,
      /Unable to create (?<path>\/[^\s:]{0,100}hugepages[^\s:]{0,100})/,
    ],
    severity: 'error',
    title: 'libvirt could not create its directory on the hugetlbfs mount',
    cause:
      'for <hugepages/> libvirt creates <mount>/libvirt/qemu/<domain> on each hugetlbfs mount and labels it for QEMU; mkdir failed: the mount is read-only or not writable by the daemon (a container, a mount with restrictive uid/mode options), or the mount is stale',
    fix: "mount hugetlbfs read-write where the daemon can write (systemd's /dev/hugepages, or `mount -t hugetlbfs -o pagesize=1G none /dev/hugepages1G`), then restart the libvirt daemon so it re-reads the mounts",
    render: render('error: ', '/dev/hugepages/libvirt/qemu'),
    examples: [
      ex('error: unable to create hugepage path /dev/hugepages/libvirt/qemu: Permission denied', {
        path: '/dev/hugepages/libvirt/qemu',
      }),
    ],
  },
  {
    id: 'libvirt.cgroup-devices-acl-off',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_cgroup.c qemuSetupDevicesCgroup()',
    // A VIR_WARN(): not translated.
    format: 'Group devices ACL is not accessible, disabling filtering',
    patterns: [/Group devices ACL is not accessible, disabling filtering/],
    severity: 'info',
    title: 'libvirt runs QEMU without a device cgroup (harmless for passthrough)',
    cause:
      "libvirt could not deny all devices in the domain's cgroup (no devices controller: cgroup v1 without it mounted, or cgroup v2 without BPF device filtering), so it does not restrict which /dev nodes QEMU opens; /dev/vfio/N is not blocked by a cgroup then",
    fix: 'nothing needed for device assignment; the file ownership that libvirt sets and the security driver still apply',
    render: render('warning : qemuSetupDevicesCgroup:773 : '),
    examples: [
      ex(
        '2025-01-20 08:00:01.002+0000: 811: warning : qemuSetupDevicesCgroup:773 : Group devices ACL is not accessible, disabling filtering',
      ),
    ],
  },
  {
    id: 'libvirt.cgroup-device-path',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/vircgroup.c virCgroupAllowDevicePath() (called by src/qemu/qemu_cgroup.c qemuSetupHostdevCgroup())',
    format: "Path '%1$s' is not accessible",
    patterns: [new RegExp(`Path '(?<path>[^'\\n]{1,200})' is not accessible${ERR}`)],
    severity: 'error',
    title: "libvirt could not add a device node to the VM's device cgroup",
    cause:
      "before starting QEMU libvirt allows each device node the domain uses in its device cgroup (for a PCI hostdev: /dev/vfio/N of the device's IOMMU group and /dev/vfio/vfio), and first stats the node; the stat failed",
    fix: 'check that the node exists (`ls -l /dev/vfio/`); bind the device to vfio-pci first (managed="yes" does it at start, or virsh nodedev-detach)',
    refine: (f) =>
      /^\/dev\/vfio\//.test(f.path ?? '') && errnoName(f) === 'ENOENT'
        ? {
            cause: `${f.path} does not exist: no device of that IOMMU group is bound to vfio-pci (a managed='no' hostdev that was never detached, or udev has not created the node yet), or /dev/vfio/vfio is missing because the vfio module is not loaded`,
            fix: "detach the device (virsh nodedev-detach pci_DDDD_BB_SS_F) or declare the hostdev managed='yes'; load vfio-pci",
          }
        : undefined,
    render: render('error: ', '/dev/vfio/16'),
    examples: [
      ex("error: Path '/dev/vfio/16' is not accessible: No such file or directory", { path: '/dev/vfio/16' }),
    ],
  },
  {
    id: 'libvirt.dac-chown-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/security/security_dac.c virSecurityDACSetOwnershipInternal()',
    format: "unable to set user and group to '%1$ld:%2$ld' on '%3$s'",
    versions:
      'on EPERM / EOPNOTSUPP / EROFS the same function only logs (VIR_INFO) "Setting user and group to \'%ld:%ld\' on \'%s\' not permitted" / "… not supported by filesystem" / "… not possible on readonly filesystem" and goes on',
    patterns: [
      new RegExp(
        `unable to set user and group to '(?<uid>\\d{1,10}):(?<gid>\\d{1,10})' on '(?<path>[^'\\n]{1,200})'${ERR}`,
      ),
      /Setting user and group to '(?<uid>\d{1,10}):(?<gid>\d{1,10})' on '(?<path>[^'\n]{1,200})' (?<tail>not permitted|not supported by filesystem|not possible on readonly filesystem)/,
    ],
    severity: 'error',
    title: 'libvirt could not give a file (e.g. /dev/vfio/N) to the QEMU user',
    cause:
      "libvirt's DAC security driver chowns every file the domain uses to the user QEMU runs as (qemu/libvirt-qemu): the VFIO group node /dev/vfio/N, ROM files, hugepage directories, disks; the chown failed with the error shown, so QEMU may not be able to open it",
    fix: 'check the file (ls -l PATH); for /dev/vfio/N make sure it exists (the device is bound to vfio-pci) and that /dev is not read-only for the daemon; to test, dynamic_ownership or user/group in /etc/libvirt/qemu.conf decide who QEMU runs as',
    refine: (f) => {
      if (f.tail)
        return {
          severity: 'info',
          cause: `libvirt tried to chown ${f.path ?? 'the file'} to ${f.uid}:${f.gid} and the filesystem refused (${f.tail}); libvirt only logs this and continues, so it matters only if QEMU then fails to open the file (look for "Permission denied" on that path)`,
          fix: 'usually nothing; if QEMU cannot open the file, make it readable by the QEMU user yourself (for a ROM file: put it under /usr/share/qemu or /var/lib/libvirt and chmod 644)',
        };
      if (/^\/dev\/vfio\//.test(f.path ?? ''))
        return {
          cause: `the VFIO group node ${f.path} could not be handed to the QEMU user, so QEMU will not be able to open the group: the node is missing (no device of the group bound to vfio-pci) or /dev is not writable for the daemon (a container)`,
          fix: 'bind the device to vfio-pci first (virsh nodedev-detach, or managed="yes"); in a container give the launcher /dev/vfio and the capability to chown (CAP_CHOWN)',
        };
      return undefined;
    },
    render: render('error: ', 107, 107, '/dev/vfio/16'),
    examples: [
      ex("error: unable to set user and group to '107:107' on '/dev/vfio/16': No such file or directory", {
        uid: '107',
        path: '/dev/vfio/16',
      }),
      ex(
        "2024-05-05 12:00:00.000+0000: 1001: info : virSecurityDACSetOwnershipInternal:722 : Setting user and group to '107:107' on '/var/lib/libvirt/vbios/gpu.rom' not permitted",
        { tail: 'not permitted' },
      ),
    ],
  },
  {
    id: 'libvirt.dac-label-in-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/security/security_dac.c virSecurityDACSetOwnership()',
    format: 'Setting different DAC user or group on %1$s which is already in use',
    patterns: [/Setting different DAC user or group on (?<path>[^\s]{1,200}) which is already in use/],
    severity: 'error',
    title: 'The file is already owned by another running domain under a different user',
    cause:
      "libvirt remembers (in extended attributes) that another running domain uses this file with another owner, and changing it would cut that domain off; for /dev/vfio/N this means two domains that run as different users share one IOMMU group — the group's devices are split between them",
    fix: "give all devices of an IOMMU group to one domain (`vfiokit groups`), or run both domains as the same user (<seclabel type='dynamic' model='dac'> / qemu.conf user=)",
    render: render('error: Requested operation is not valid: ', '/dev/vfio/22'),
    examples: [
      ex(
        'error: Requested operation is not valid: Setting different DAC user or group on /dev/vfio/22 which is already in use',
        {
          path: '/dev/vfio/22',
        },
      ),
    ],
  },
  {
    id: 'libvirt.selinux-label-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/security/security_selinux.c virSecuritySELinuxSetFileconImpl()',
    format: "unable to set security context '%1$s' on '%2$s'",
    versions:
      "when SELinux is permissive (or the daemon is unprivileged and gets EPERM) only a warning: \"unable to set security context '%s' on '%s' (errno %d)\"; on filesystems without labels (EOPNOTSUPP, EROFS) an info line \"Setting security context '%s' on '%s' not supported\" (on NFS: \"… not supported. Consider setting virt_use_nfs\")",
    patterns: [
      new RegExp(
        `unable to set security context '(?<context>[^'\\n]{1,200})' on '(?<path>[^'\\n]{1,200})'(?: (?<warn>\\(errno (?<errno>\\d{1,4})\\)))?${ERR}`,
      ),
      /Setting security context '(?<context>[^'\n]{1,200})' on '(?<path>[^'\n]{1,200})' (?<unsupported>not supported)/,
    ],
    severity: 'error',
    title: 'libvirt could not give a file (e.g. /dev/vfio/N) its SELinux label for the VM',
    cause:
      "with SELinux, libvirt relabels every file the domain uses with the VM's own context (svirt_t with its MCS pair): the VFIO group node /dev/vfio/N, ROM files, disks; setting the label failed, so QEMU would be denied access",
    fix: 'check the path exists (for /dev/vfio/N: a device of the group is bound to vfio-pci) and look for AVC denials (ausearch -m avc -ts recent); restore default labels with restorecon -Rv on the directory',
    refine: (f) => {
      if (f.unsupported)
        return {
          severity: 'info',
          cause: `the filesystem of ${f.path ?? 'the file'} does not store SELinux labels (NFS, a read-only or usbfs/sysfs mount), so libvirt leaves the label alone and goes on`,
          fix: 'nothing unless QEMU is then denied access: on NFS set the virt_use_nfs boolean (setsebool -P virt_use_nfs 1)',
        };
      if (f.warn)
        return {
          severity: 'warning',
          cause: `relabelling ${f.path ?? 'the file'} failed, but SELinux is not enforcing (or the daemon is unprivileged), so libvirt only warns and goes on`,
          fix: 'harmless while SELinux is permissive; fix the label before switching to enforcing (restorecon, semanage fcontext)',
        };
      if (errnoName(f) === 'ENOENT' && /^\/dev\/vfio\//.test(f.path ?? ''))
        return {
          cause: `the VFIO group node ${f.path} does not exist: no device of that IOMMU group is bound to vfio-pci yet`,
          fix: "bind the group's devices to vfio-pci (managed='yes', or virsh nodedev-detach) before the VM starts",
        };
      return undefined;
    },
    render: render('error: ', 'system_u:object_r:svirt_image_t:s0:c120,c650', '/dev/vfio/16'),
    examples: [
      ex(
        "error: unable to set security context 'system_u:object_r:svirt_image_t:s0:c120,c650' on '/dev/vfio/16': No such file or directory",
        { path: '/dev/vfio/16' },
      ),
    ],
  },
  {
    id: 'libvirt.apparmor-profile-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/security/security_apparmor.c AppArmorGenSecurityLabel() / reload_profile()',
    format: "cannot load AppArmor profile '%1$s'",
    versions:
      'reload_profile(): "cannot update AppArmor profile \'%1$s\'" (when a device is added or the domain starts)',
    patterns: [/cannot (?<op>load|update) AppArmor profile '(?<profile>[^'\n]{1,128})'/],
    severity: 'error',
    title: 'libvirt could not load the AppArmor profile for the VM',
    cause:
      "libvirt's AppArmor driver runs virt-aa-helper to write a per-VM profile (libvirt-<uuid>) listing the files QEMU may open — /dev/vfio/N, ROM files, hugepage paths — and loads it with apparmor_parser; one of these failed: virt-aa-helper refused a path in the XML (it rejects some locations, e.g. files outside the usual image and firmware directories) or apparmor_parser rejected the generated profile",
    fix: "read virt-aa-helper's and apparmor_parser's messages in the journal (journalctl -t virt-aa-helper, dmesg | grep apparmor); move the ROM/firmware file to /usr/share/qemu or /var/lib/libvirt; local additions go in /etc/apparmor.d/local/abstractions/libvirt-qemu",
    render: render('error: internal error: ', 'libvirt-0e3d1cb3-6a1a-4f6e-8f0e-9a7b6c5d4e3f'),
    examples: [
      ex(
        "error: internal error: cannot load AppArmor profile 'libvirt-0e3d1cb3-6a1a-4f6e-8f0e-9a7b6c5d4e3f'",
        {
          op: 'load',
        },
      ),
    ],
  },
  // ---- XML values (src/util/virxml.c, src/conf/domain_validate.c) ----
  {
    id: 'libvirt.xml-attribute-invalid',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virxml.c virXMLPropEnumInternal() / virXMLPropUIntDefault()',
    format: "Invalid value for attribute '%1$s' in element '%2$s': '%3$s'.",
    versions:
      "libvirt ≤ 7.x had per-attribute texts: \"Cannot parse <address> 'bus' attribute\" (device_conf.c virPCIDeviceAddressParseXML()), \"Unknown value '%s' for <address> 'multifunction' attribute\", \"Unknown PCI device <driver name='%s'/> has been specified\" (domain_conf.c); libvirt 7.x+ moved the parsers to these helpers; same file: \"… '%3$s'. Expected non-negative integer value\", \"… '%3$s'. Expected integer value\", \"… Zero is not permitted\", \"Missing required attribute '%1$s' in element '%2$s'\"",
    patterns: [
      /Invalid value for attribute '(?<attr>[\w-]{1,32})' in element '(?<element>[\w-]{1,32})': (?:'(?<value>[^'\n]{0,64})'|Zero is not permitted)/,
      /(?<missing>Missing) required attribute '(?<attr>[\w-]{1,32})' in element '(?<element>[\w-]{1,32})'/,
      /Unknown PCI device <(?<element>driver) (?<attr>name)='(?<value>[^'\n]{1,32})'\/> has been specified/,
      /Cannot parse <(?<element>address)> '(?<attr>[\w-]{1,16})' attribute/,
      /Unknown value '(?<value>[^'\n]{0,32})' for <(?<element>address)> '(?<attr>multifunction)' attribute/,
    ],
    severity: 'error',
    title: 'The domain XML has an attribute value libvirt does not accept',
    cause:
      'libvirt parses each attribute against the values it allows (a keyword list, or a number in decimal or 0x hex) and names the attribute, its element and the value it got; the value is not one of them',
    fix: 'correct the value in `virsh edit VM`; the formatdomain documentation lists the values of each element',
    refine: (f) => {
      const a = f.attr;
      const el = f.element;
      if (el === 'driver' && a === 'name' && /vfio-pci|pci-stub/.test(f.value ?? ''))
        return {
          cause: `the hostdev's <driver name='${f.value}'/> names the host kernel driver, but this attribute selects libvirt's assignment backend: 'vfio' (the default) or 'xen'`,
          fix: "write <driver name='vfio'/> or remove the <driver> element",
        };
      if (el === 'hostdev' && a === 'managed')
        return {
          cause: `managed= takes 'yes' or 'no', not '${f.value ?? ''}'`,
          fix: "write managed='yes' (libvirt binds the device to vfio-pci itself) or managed='no'",
        };
      if (el === 'address' && /^(?:domain|bus|slot|function)$/.test(a ?? ''))
        return {
          cause: `the ${a} of a PCI <address> must be a number (hex with 0x, as lspci prints it: bus='0x0b'); ${f.value === undefined ? 'the value given' : `'${f.value}'`} is not`,
          fix: "copy each part of lspci's DDDD:BB:SS.F with a 0x prefix (domain='0x0000' bus='0x0b' slot='0x00' function='0x0')",
        };
      if (f.missing !== undefined)
        return {
          cause: `the <${el}> element lacks its required ${a}= attribute`,
          fix: `add ${a}= to <${el}>; for a hostdev: <hostdev mode='subsystem' type='pci' managed='yes'> and <address type='pci' …> inside <source>`,
        };
      return undefined;
    },
    render: render('error: XML error: ', 'name', 'driver', 'vfio-pci'),
    examples: [
      ex("error: XML error: Invalid value for attribute 'name' in element 'driver': 'vfio-pci'.", {
        attr: 'name',
        element: 'driver',
        value: 'vfio-pci',
      }),
      ex(
        "error: XML error: Invalid value for attribute 'bus' in element 'address': '0b'. Expected non-negative integer value",
        { attr: 'bus', value: '0b' },
      ),
      ex("error: XML error: Missing required attribute 'type' in element 'address'", { attr: 'type' }),
    ],
  },
  {
    id: 'libvirt.hostdev-address-type',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_validate.c virDomainHostdevDefValidate()',
    format: "PCI host devices must use 'pci' or 'unassigned' address type",
    patterns: [
      /PCI host devices must use 'pci' or 'unassigned' address type/,
      /(?<notype>No type specified for device address)/,
      /unknown address type '(?<type>[^'\n]{0,32})'/,
    ],
    severity: 'error',
    title: 'The guest address of a PCI hostdev is not a PCI address',
    cause:
      "the <address> directly inside the <hostdev> (the guest side; the host address belongs inside <source>) has a type other than 'pci' — often a block copied from a disk or USB device (type='drive'/'usb')",
    fix: "remove that <address> (libvirt assigns a guest PCI address), or give it type='pci'; type='unassigned' keeps the device out of the guest",
    versions:
      'src/conf/domain_conf.c virDomainDeviceAddressParseXML() (libvirt ≤ 7.x): "No type specified for device address" and "unknown address type \'%s\'"; newer versions say "Missing required attribute \'type\' in element \'address\'" (libvirt.xml-attribute-invalid)',
    refine: (f) =>
      f.notype !== undefined || f.type !== undefined
        ? {
            title: 'An <address> in the domain XML has no valid type=',
            cause: `every <address> needs type= ('pci' for PCI devices, inside <source> as well as for the guest address)${f.type !== undefined ? `; '${f.type}' is not an address type` : ''}; a hostdev <address domain=… bus=… slot=… function=…/> copied without type='pci' is the usual case`,
            fix: "add type='pci' to the <address> (both the one inside <source> and the guest one)",
          }
        : undefined,
    render: render('error: unsupported configuration: '),
    examples: [
      ex("error: unsupported configuration: PCI host devices must use 'pci' or 'unassigned' address type"),
    ],
  },
  {
    id: 'libvirt.primary-video-slot',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_domain_address.c qemuDomainValidateDevicePCISlotsPIIX3() / qemuDomainValidateDevicePCISlotsQ35() (libvirt ≤ 7.x)',
    format: 'PCI address 0:0:2.0 is in use, QEMU needs it for primary video',
    versions:
      'libvirt ≤ 7.x; the q35 form is "PCI address 0:0:1.0 is in use, QEMU needs it for primary video"; the same functions: "Primary video card must have PCI address 0:0:2.0" (q35: 0:0:1.0)',
    patterns: [
      /PCI address (?<addr>0:0:[12]\.0) is in use, QEMU needs it for primary video/,
      /Primary video card must have PCI address (?<addr>0:0:[12]\.0)/,
    ],
    severity: 'error',
    title: "A device's guest address takes the slot QEMU keeps for the primary video card",
    cause:
      "older libvirt reserves guest slot 00:02.0 (i440fx) or 00:01.0 (q35) for the domain's first <video> device, and a hostdev's guest <address> asks for that slot — usually an Intel iGPU passthrough (IGD legacy mode expects to sit at 00:02.0) or a host address copied into the guest <address>; or the <video> was given another address",
    fix: "for IGD at 00:02.0 set the emulated video to <model type='none'/> (so the slot is free) and keep the hostdev's guest address 0x02; otherwise remove the hostdev's guest <address> so libvirt picks a free slot",
    render: render('error: internal error: '),
    examples: [
      ex('error: internal error: PCI address 0:0:2.0 is in use, QEMU needs it for primary video', {
        addr: '0:0:2.0',
      }),
    ],
  },
  {
    id: 'libvirt.qmp-command-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_monitor_json.c qemuMonitorJSONCheckErrorFull()',
    format: "unable to execute QEMU command '%1$s': %2$s",
    versions:
      'without QEMU\'s error text (no "error" in the reply, or neither "return" nor "error"): "unable to execute QEMU command \'%1$s\'"',
    // QEMU's own error follows the colon; its entry explains it when it is known.
    tier: 'fallback',
    patterns: [/unable to execute QEMU command '(?<command>[\w-]{1,40})'(?:: (?<reason>[^\n]{1,300}))?/],
    severity: 'error',
    title: 'QEMU refused a command libvirt sent it (hotplug and other live changes)',
    cause:
      "libvirt talks to the running QEMU over QMP; QEMU answered the command named with an error, and libvirt passes QEMU's error text on after the colon. For passthrough the command is usually device_add (virsh attach-device of a hostdev), and the text is QEMU's vfio error",
    fix: 'read QEMU\'s text after the colon (give it to `vfiokit diagnose`); the full exchange is in the daemon\'s debug log (log_filters="1:qemu.qemu_monitor")',
    refine: (f) =>
      f.command === 'device_add'
        ? {
            cause:
              "QEMU refused to add the device to the running VM (device_add, from virsh attach-device or a hotplug): for a hostdev its vfio-pci realize failed — the reason after the colon is QEMU's (group not viable, device busy, DMA mapping, no free slot on the bus)",
            fix: 'read the reason after the colon; make sure every device of the IOMMU group is on vfio-pci and not used by another VM, and that the VM has a free hot-pluggable port (pcie-root-port on q35)',
          }
        : f.command === 'device_del'
          ? {
              cause:
                'QEMU refused to start removing the device (device_del): the slot is not hot-pluggable or an unplug of it is already pending',
              fix: 'shut the VM down to remove the device, or wait for the guest to finish the pending unplug',
            }
          : undefined,
    render: render(
      'error: internal error: ',
      'device_del',
      "Device 'hostdev0' is already in the process of unplug",
    ),
    examples: [
      ex(
        "error: internal error: unable to execute QEMU command 'device_del': Device 'hostdev0' is already in the process of unplug",
        { command: 'device_del' },
      ),
      ex("error: internal error: unable to execute QEMU command 'query-pci'", { command: 'query-pci' }),
    ],
  },
  {
    id: 'libvirt.virsh-domain-op-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-domain.c cmdAttachDevice() / cmdDetachDevice() / cmdDetachDeviceAlias()',
    format: 'Failed to attach device from %1$s',
    versions:
      'same file: "Failed to detach device from %1$s", "Failed to detach device with alias %1$s" ("Failed to start domain \'%1$s\'" is wrapped.domain-start-failed)',
    patterns: [/Failed to (?<op>attach|detach) device (?:from|with alias) (?<what>[^\s]{1,200})/],
    severity: 'error',
    title: 'virsh attach-device / detach-device failed',
    cause:
      'virsh says which operation failed; the reason is the "error:" line printed right after it (libvirt\'s or QEMU\'s error)',
    fix: 'read the next error line; `vfiokit diagnose` explains it too when both lines are given',
    refine: (f) =>
      f.op === 'detach'
        ? {
            cause:
              'virsh could not detach the device; the reason is the "error:" line after it. For a hot-unplug the usual ones are: the guest did not answer the unplug request in time (no ACPI/PCIe hot-plug support or the guest busy), the device is not in the live definition, or QEMU crashed while removing it (then the domain is shut off and /var/log/libvirt/qemu/NAME.log ends in the crash: a QEMU bug in that unplug path, fixed in later releases)',
            fix: 'read the next error line; if the domain went down, look at the end of /var/log/libvirt/qemu/NAME.log and update QEMU to a stable release with the unplug fix; otherwise retry once the guest is up, or detach it with the VM shut down (`virsh detach-device NAME FILE --config`)',
          }
        : undefined,
    render: render('error: ', 'gpu.xml'),
    examples: [ex('error: Failed to attach device from gpu.xml', { op: 'attach', what: 'gpu.xml' })],
  },
  {
    id: 'libvirt.virsh-domain-op-done',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-domain.c cmdAttachDevice() / cmdDetachDevice() / cmdDetachDeviceAlias()',
    format: 'Device attached successfully\n',
    versions:
      'same file: "Device detached successfully", "Device detach request sent successfully", "Domain \'%1$s\' started"',
    patterns: [
      /Device (?<op>attached|detached|detach request sent) successfully/,
      /Domain '(?<what>[^'\n]{1,128})' (?<op>started)$/,
    ],
    severity: 'info',
    title: 'virsh attached or detached the device, or started the domain (worked)',
    cause:
      'the operation succeeded; a detach request only asks the guest to release the device, which it does asynchronously (the device is gone once the guest has acknowledged the unplug)',
    fix: 'nothing to do',
    render: render(''),
    examples: [ex('Device attached successfully', { op: 'attached' })],
  },
  // ---- QEMU exiting (src/qemu/qemu_monitor.c, src/qemu/qemu_process.c) ----
  {
    id: 'libvirt.qemu-exited',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_monitor.c qemuMonitorIO() / src/qemu/qemu_process.c qemuProcessReportLogError()',
    format: "QEMU unexpectedly closed the monitor (vm='%1$s')",
    versions:
      'libvirt 8.x+ (with QEMU\'s log text after ": "); libvirt ≤ 7.x: "qemu unexpectedly closed the monitor: %s", before the monitor connected "process exited while connecting to monitor"; qemuMonitorSend(): "End of file from qemu monitor (vm=\'%1$s\')" (≤ 7.x without vm=); qemu_hotplug.c: "guest unexpectedly quit during hotplug"; qemu_process.c qemuProcessLaunch(): "Process exited prior to exec" (libvirt\'s child failed before it ran QEMU, e.g. on the memory-lock limit); qemuMonitorIORead(): "Unable to read from monitor: Connection reset by peer" when QEMU died mid-read',
    tier: 'fallback',
    patterns: [
      /(?<what>[Qq][Ee][Mm][Uu] unexpectedly closed the monitor|process exited while connecting to monitor|End of file from qemu monitor|guest unexpectedly quit|Process exited prior to exec|Unable to read from monitor)(?: \(vm='(?<vm>[^'\n]{1,128})'\))?(?::\s?(?<tail>[^\n]{1,300}))?/,
    ],
    severity: 'error',
    title: 'QEMU exited while libvirt was starting it or talking to it',
    cause:
      "libvirt lost QEMU: the process exited during start-up (or during a device hotplug). libvirt appends the last lines of QEMU's own log after the colon, and those name the real cause (for passthrough typically a vfio error: group not viable, device busy, DMA mapping, memory lock). This line alone, without a recognised QEMU error, does not say why",
    fix: 'read the text after the colon, or the end of /var/log/libvirt/qemu/VM.log, and give that line to `vfiokit diagnose`; if it is empty, check dmesg for a QEMU crash or the OOM killer',
    // qemu/qemu hw/display/qxl.c qxl_send_events(): a harmless note that often comes first.
    refine: (f) =>
      /^qxl_send_events: spice-server bug/.test(f.tail ?? '')
        ? {
            cause:
              'libvirt lost QEMU during start-up and appended QEMU\'s last log lines. The first of them, "qxl_send_events: spice-server bug: guest stopped, ignoring", is not the reason: QEMU\'s QXL display device prints it (hw/display/qxl.c qxl_send_events()) when it is asked to raise an interrupt while the guest is not running, and ignores the request — QEMU under libvirt starts paused, so it appears on many failed and successful starts alike. The real error is the next QEMU line (timestamped, "qemu-system-x86_64: -device …"), for passthrough usually a vfio error of the hostdev: a group not viable, a device busy, an mdev vGPU that cannot be opened',
            fix: 'read the QEMU line after the qxl one (or the end of /var/log/libvirt/qemu/VM.log) and give that line to `vfiokit diagnose`; the qxl line needs no action',
          }
        : undefined,
    render: render('error: internal error: ', 'win10'),
    examples: [
      ex(
        "error: internal error: QEMU unexpectedly closed the monitor (vm='win10'): 2025-01-02T10:00:00.000000Z qemu-system-x86_64: terminating on signal 15",
        { vm: 'win10' },
      ),
      ex('error: internal error: End of file from qemu monitor'),
      ex('error: internal error: Unable to read from monitor: Connection reset by peer', {
        what: 'Unable to read from monitor',
      }),
    ],
  },
];
