/** Catalogue entries for messages printed by libvirt (src/util/virpci.c, src/hypervisor/virhostdev.c, the QEMU driver). */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex } from './build.js';
import { errnoName } from './qemu.js';
import { refineSysfsWrite } from './sysfs-errno.js';

/*
 * libvirt prints these through virReportError(): the user sees "error: <class>: <message>"
 * from virsh ("internal error", "Requested operation is not valid", "unsupported
 * configuration", ...), and libvirtd/virtqemud's log has "error : <function>:<line> : ...".
 * virReportSystemError() appends ": <strerror>". Since libvirt 9.1 the translated format strings
 * use positional conversions (%1$s); the printed text is the same as before.
 */
const BUILT = 'built from the format string';

export const LIBVIRT_ENTRIES: CatalogueEntry[] = [
  // ---- host support (src/qemu/qemu_hostdev.c) ----
  {
    id: 'libvirt.no-vfio-support',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hostdev.c qemuHostdevPreparePCIDevicesCheckSupport()',
    format: "host doesn't support VFIO PCI passthrough",
    patterns: [/host doesn't support VFIO PCI passthrough/],
    severity: 'error',
    title: 'libvirt sees no VFIO support',
    cause:
      'libvirt checks for IOMMU groups in /sys/kernel/iommu_groups and for /dev/vfio/vfio: the IOMMU is off or the vfio modules are not loaded (inside a container: /sys or /dev/vfio is not visible to libvirt)',
    fix: 'run `vfiokit doctor`: enable the IOMMU, load vfio-pci',
    render: { prefix: 'error: unsupported configuration: ', args: [] },
    examples: [
      { text: "error: unsupported configuration: host doesn't support VFIO PCI passthrough", origin: BUILT },
    ],
  },
  {
    id: 'libvirt.no-passthrough-support',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_hostdev.c qemuHostdevPreparePCIDevicesCheckSupport()',
    format: "host doesn't support passthrough of host PCI devices",
    versions:
      'libvirt ≤ 5.x also had "host doesn\'t support legacy PCI passthrough" for the removed KVM assignment backend',
    patterns: [/host doesn't support (?:passthrough of host PCI devices|legacy PCI passthrough)/],
    severity: 'error',
    title: 'libvirt sees no PCI passthrough support',
    cause:
      'neither VFIO nor legacy KVM assignment is available: /sys/kernel/iommu_groups is empty (IOMMU off in the firmware or kernel) or /dev/vfio/vfio is missing (vfio not loaded, or not visible inside a container)',
    fix: 'run `vfiokit doctor`: enable the IOMMU in firmware and kernel, load vfio-pci',
    render: { prefix: 'error: unsupported configuration: ', args: [] },
    examples: [
      {
        text: "libvirt.libvirtError: unsupported configuration: host doesn't support passthrough of host PCI devices",
        origin: 'https://github.com/BigAnteater/KVM-GPU-Passthrough/issues/19',
      },
      {
        text: "Call to virDomainCreateWithFlags failed: unsupported configuration: host doesn't support passthrough of host PCI devices",
        origin: 'https://github.com/NVIDIA/deepops/issues/291',
      },
      {
        text: `{"component":"virt-launcher","level":"error","msg":"unsupported configuration: host doesn't support passthrough of host PCI devices","pos":"qemuHostdevPreparePCIDevicesCheckSupport:185","subcomponent":"libvirt"}`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/5811',
      },

      {
        text: "error: unsupported configuration: host doesn't support passthrough of host PCI devices",
        origin: BUILT,
      },
    ],
  },
  {
    id: 'libvirt.nodedev-detach-no-vfio',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/domain_driver.c virDomainDriverNodeDeviceDetachFlags() (older: src/qemu/qemu_driver.c qemuNodeDeviceDetachFlags())',
    format: 'VFIO device assignment is currently not supported on this system',
    versions:
      'reports also show it spelled "VFIO device assigment is currently not supported on this system"',
    patterns: [/VFIO device assign?ment is currently not supported on this system/],
    severity: 'error',
    title: 'virsh nodedev-detach: no VFIO on this host',
    cause:
      'before detaching to vfio-pci libvirt checks that /sys/kernel/iommu_groups has groups and /dev/vfio/vfio exists; one is missing: the IOMMU is off (firmware or kernel command line, e.g. a kernel update that changed the default) or vfio is not loaded',
    fix: 'run `vfiokit doctor`; enable VT-d/AMD-Vi and boot with intel_iommu=on (or amd_iommu=on), load vfio-pci',
    render: { prefix: 'error: argument unsupported: ', args: [] },
    examples: [
      {
        text: 'error: argument unsupported: VFIO device assignment is currently not supported on this system',
        origin: 'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/30',
      },
    ],
  },
  {
    id: 'libvirt.nodedev-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/node_device/node_device_driver.c nodeDeviceObjFindByName()',
    format: "no node device with matching name '%1$s'",
    patterns: [
      /no node device with matching name '(?<nodedev>pci_(?<domain>[0-9a-f]{4})_(?<bus>[0-9a-f]{2})_(?<slot>[0-9a-f]{2})_(?<fn>[0-7])|[^'\n]{1,64})'/,
    ],
    severity: 'error',
    title: 'virsh nodedev-*: libvirt knows no device of that name',
    cause:
      "the node device (pci_DDDD_BB_SS_F) is not in libvirt's device list: the device is not on the bus at that address (addresses change when cards, slots or firmware settings change; a GPU's HDMI audio function can be hidden by the firmware or a laptop until enabled), it dropped off the bus, or the node-device daemon (virtnodedevd with modular daemons) is not running",
    fix: 'list what libvirt sees (virsh nodedev-list --cap pci) and what the kernel sees (lspci -D); fix the name in the hook script or XML; start virtnodedevd if the list is empty',
    render: { prefix: 'error: Node device not found: ', args: ['pci_0000_01_00_0'] },
    examples: [
      {
        text: "error: Node device not found: no node device with matching name 'pci_0000_01_00_0'",
        origin: 'https://github.com/QubesOS/qubes-issues/issues/9689',
        facts: { nodedev: 'pci_0000_01_00_0', bus: '01' },
      },
    ],
  },
  // ---- hostdev bookkeeping (src/hypervisor/virhostdev.c) ----
  {
    id: 'libvirt.pci-backend-default',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevGetPCIHostDevice()',
    format: "pci backend driver '%1$s' is not supported",
    patterns: [/pci backend driver '(?<backend>[\w-]{1,16})' is not supported/],
    severity: 'error',
    title: 'No PCI assignment backend was chosen (follow-up error)',
    cause:
      "the hostdev kept the backend 'default' because libvirt found no VFIO support on the host (no IOMMU groups or no /dev/vfio/vfio), so preparing or releasing the device fails; it follows \"host doesn't support passthrough of host PCI devices\"",
    fix: 'fix the first error: enable the IOMMU and load vfio-pci (`vfiokit doctor`); in a container make /sys/kernel/iommu_groups and /dev/vfio visible to libvirt',
    render: { prefix: 'error: unsupported configuration: ', args: ['default'] },
    examples: [
      {
        text: `{"component":"virt-launcher","level":"error","msg":"unsupported configuration: pci backend driver 'default' is not supported","pos":"virHostdevGetPCIHostDevice:251","subcomponent":"libvirt"}`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/5811',
        facts: { backend: 'default' },
      },
      {
        text: "error: unsupported configuration: pci backend driver 'default' is not supported",
        origin: 'https://github.com/clearlinux/distribution/issues/2889',
        facts: { backend: 'default' },
      },
    ],
  },
  {
    id: 'libvirt.device-in-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevIsPCINodeDeviceUsed()',
    format: 'PCI device %1$s is in use by driver %2$s, domain %3$s',
    versions: 'without a recorded owner: "PCI device %1$s is in use"',
    patterns: [
      new RegExp(
        `PCI device ${BDF} is in use by driver (?<driver>[^\\s,]{1,64}), domain (?<domain>[^\\s]{1,128})`,
      ),
      new RegExp(`PCI device ${BDF} is in use(?! by)`),
    ],
    severity: 'error',
    title: 'Device already assigned to another domain',
    cause:
      'libvirt tracks the device as given to another running domain; for VFIO it checks the whole IOMMU group, so the device named may be another member of the group (the GPU audio function) used by the other domain',
    fix: 'shut the other domain down (virsh shutdown NAME) or remove the hostdev from one of them; devices of one IOMMU group cannot be split between domains (`vfiokit groups`)',
    render: { prefix: 'error: Requested operation is not valid: ', args: ['0000:01:00.0', 'QEMU', 'win10'] },
    examples: [
      {
        text: 'error: Requested operation is not valid: PCI device 0000:01:00.0 is in use by driver QEMU, domain win10',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', driver: 'QEMU', domain: 'win10' },
      },
    ],
  },
  {
    id: 'libvirt.mdev-in-use',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virmdev.c virMediatedDeviceListMarkDevices()',
    format: 'mediated device %1$s is in use by driver %2$s, domain %3$s',
    patterns: [
      /mediated device (?<uuid>[0-9a-fA-F-]{36}|\/sys\/bus\/mdev\/devices\/[0-9a-fA-F-]{36}) is in use by driver (?<driver>[^\s,]{1,64}), domain (?<domain>[^\s]{1,128})/,
    ],
    severity: 'error',
    title: 'The mediated device (vGPU) is used by another domain',
    cause: 'an mdev UUID can back one running domain at a time; another domain already uses this one',
    fix: 'create a separate mdev for each domain (one UUID per VM), or stop the other domain',
    render: {
      prefix: 'error: Requested operation is not valid: ',
      args: ['/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b', 'QEMU', 'vm2'],
    },
    examples: [
      {
        text: 'error: Requested operation is not valid: mediated device /sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b is in use by driver QEMU, domain vm2',
        origin: BUILT,
        facts: { driver: 'QEMU', domain: 'vm2' },
      },
    ],
  },
  {
    id: 'libvirt.mdev-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virmdev.c virMediatedDeviceNew()',
    format: "mediated device '%1$s' not found",
    patterns: [/mediated device '(?<path>[^'\n]{1,200})' not found/],
    severity: 'error',
    title: 'The mediated device (vGPU) of the domain does not exist',
    cause:
      'the <hostdev type="mdev"> UUID has no device under /sys/bus/mdev/devices: libvirt needs the mediated device to exist (be started) when the domain starts, and it does not start it. Usually the mdev is only defined — persistent but inactive (mdevctl define, virsh nodedev-define, or picked from the list in virt-manager, which shows defined ones too) and not started, or not set to autostart so it did not come back after the host rebooted; or the parent driver (NVIDIA vGPU manager, i915 GVT-g) is not loaded, so it cannot be started',
    fix: 'start it first: `virsh nodedev-start mdev_UUID_PARENT` or `mdevctl start -u UUID` (`mdevctl list --defined` shows defined ones, `mdevctl list` the active ones; a new one: mdevctl start -u UUID -p PARENT --type TYPE, or echo UUID > …/mdev_supported_types/TYPE/create), and make it start at boot (`mdevctl modify -u UUID --auto`, or virsh nodedev-autostart); if starting fails, load the parent driver',
    render: {
      prefix: 'error: device not found: ',
      args: ['/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b'],
    },
    examples: [
      {
        text: "error: device not found: mediated device '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b' not found",
        origin: BUILT,
        facts: { path: '/sys/bus/mdev/devices/8e2a3f7c-1d2b-4f4e-9b1a-0c3d5e6f7a8b' },
      },
    ],
  },
  {
    id: 'libvirt.non-endpoint-device',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevPreparePCIDevicesImpl()',
    format: 'Non-endpoint PCI devices cannot be assigned to guests',
    patterns: [/Non-endpoint PCI devices cannot be assigned to guests/],
    severity: 'error',
    title: 'A bridge or port was listed as a hostdev',
    cause:
      'the hostdev address names a PCI bridge, root port or switch port (header type 1), which cannot be assigned; only endpoints can',
    fix: 'assign the endpoint functions behind the bridge instead (lspci -t; `vfiokit groups` lists the endpoints of each group)',
    render: { prefix: 'error: internal error: ', args: [] },
    examples: [
      {
        text: 'error: internal error: Non-endpoint PCI devices cannot be assigned to guests',
        origin: 'https://github.com/autotest/tp-libvirt/pull/6162',
      },

      { text: 'error: internal error: Non-endpoint PCI devices cannot be assigned to guests', origin: BUILT },
    ],
  },
  {
    id: 'libvirt.not-assignable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevPreparePCIDevicesImpl()',
    format: 'PCI device %1$s is not assignable',
    patterns: [new RegExp(`PCI device ${BDF} is not assignable`)],
    severity: 'error',
    title: 'libvirt considers the device not assignable (non-VFIO backend)',
    cause:
      'with a non-VFIO backend (legacy KVM assignment, Xen pciback) libvirt requires the device to be isolated: behind ACS-capable switches and not sharing a bus with devices in use; with VFIO this check is not made',
    fix: 'use the VFIO backend (<driver name="vfio"/>, the default on KVM), or move the device behind an ACS-capable port',
    render: { prefix: 'error: Requested operation is not valid: ', args: ['0000:03:00.0'] },
    examples: [
      {
        text: 'error: Requested operation is not valid: PCI device 0000:03:00.0 is not assignable',
        origin: BUILT,
        facts: { bdf: '0000:03:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.switch-lacks-acs',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceIsBehindSwitchLackingACS() / virPCIDeviceIsAssignable()',
    format: 'Device %1$s is behind a switch lacking ACS and cannot be assigned',
    patterns: [new RegExp(`Device ${BDF} is behind a switch lacking ACS and cannot be assigned`)],
    severity: 'error',
    title: 'Device behind a switch without ACS (strict ACS check)',
    cause:
      "a PCIe switch port above the device lacks Access Control Services, so it could DMA to its neighbours without the IOMMU; libvirt's strict check (non-VFIO backends, relaxed_acs_check=0) refuses it",
    fix: 'use the VFIO backend (it relies on IOMMU groups instead); `vfiokit groups` shows which devices share the group',
    render: { prefix: 'error: internal error: ', args: ['0000:05:00.0'] },
    examples: [
      {
        text: 'error: internal error: Device 0000:05:00.0 is behind a switch lacking ACS and cannot be assigned',
        origin: BUILT,
        facts: { bdf: '0000:05:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.unmanaged-not-detached',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/hypervisor/virhostdev.c virHostdevPreparePCIDevicesImpl()',
    format: 'Unmanaged PCI device %1$s must be manually detached from the host',
    patterns: [new RegExp(`Unmanaged PCI device ${BDF} must be manually detached from the host`)],
    severity: 'error',
    title: 'managed="no" hostdev still on its host driver',
    cause:
      'the hostdev is declared managed="no", so libvirt does not move it to vfio-pci itself, and it is still bound to a host driver',
    fix: 'detach it first (virsh nodedev-detach pci_0000_01_00_0, or bind it to vfio-pci at boot), or declare the hostdev managed="yes"; in KubeVirt/OpenShift the SR-IOV or GPU device plugin must bind the VF/device to vfio-pci on the node (check its deviceType/driver setting)',
    render: { prefix: 'error: Requested operation is not valid: ', args: ['0000:01:00.0'] },
    examples: [
      {
        text: `"reason":"virError(Code=55, Domain=0, Message='Requested operation is not valid: Unmanaged PCI device 0000:c3:1b.1 must be manually detached from the host')"`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/7371',
        facts: { bdf: '0000:c3:1b.1' },
      },

      {
        text: 'error: Requested operation is not valid: Unmanaged PCI device 0000:01:00.0 must be manually detached from the host',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.not-detaching-active',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceDetach() / virPCIDeviceReattach()',
    format: 'Not detaching active device %1$s',
    versions: 'reattach: "Not reattaching active device %1$s"',
    patterns: [new RegExp(`Not (?<op>detaching|reattaching) active device ${BDF}`)],
    severity: 'error',
    title: 'nodedev-detach/reattach on a device a running domain uses',
    cause: 'the device is in the active list (assigned to a running domain), so libvirt will not rebind it',
    fix: 'stop the domain that uses it (or hot-unplug the hostdev) first',
    render: { prefix: 'error: internal error: ', args: ['0000:01:00.0'] },
    examples: [
      {
        text: 'error: internal error: Not reattaching active device 0000:01:00.0',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', op: 'reattaching' },
      },
    ],
  },
  {
    id: 'libvirt.migrate-hostdev',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_migration.c qemuMigrationSrcIsAllowedHostdev()',
    format: "cannot migrate a domain with <hostdev mode='subsystem' type='%1$s'>",
    versions:
      'with a QEMU that reports migration blockers libvirt says "cannot migrate domain: <QEMU\'s reasons>" instead (see qemu.migration-unsupported)',
    patterns: [
      /cannot migrate a domain with <hostdev mode='(?<mode>subsystem|capabilities)'(?: type='(?<type>[a-z_]{1,16})')?/,
    ],
    severity: 'info',
    title: 'A domain with an assigned PCI device cannot be live-migrated',
    cause:
      'live migration cannot carry the state of a physical device; libvirt refuses it for PCI/mdev hostdevs (except a NIC in a transient failover team)',
    fix: 'shut the domain down and move it cold, or hot-unplug the device before migrating (for NICs use <teaming type="transient"/> with a virtio failover pair)',
    render: { prefix: 'error: Operation not supported: ', args: ['pci'] },
    examples: [
      {
        text: "error: Operation not supported: cannot migrate a domain with <hostdev mode='subsystem' type='pci'>",
        origin: BUILT,
        facts: { mode: 'subsystem', type: 'pci' },
      },
    ],
  },
  // ---- reset (src/util/virpci.c) ----
  {
    id: 'libvirt.reset-bus-shared',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceTrySecondaryBusReset()',
    format: 'Active %1$s devices on bus with %2$s, not doing bus reset',
    versions:
      'before libvirt 9.x "Active %s devices on bus with %s" (no positional conversions); libvirt 0.7 (pciTrySecondaryBusReset()) warned "Other devices on bus with %s, not doing bus reset"',
    patterns: [
      new RegExp(
        `Active (?<other>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]) devices on bus with ${BDF}, not doing bus reset`,
      ),
      new RegExp(`Other devices on bus with ${BDF}, not doing bus reset`),
    ],
    severity: 'error',
    title: 'No bus reset: another device on the same bus is in use',
    cause:
      'the device has no FLR or PM reset, so libvirt would reset the whole secondary bus, but another function on that bus (often function 0 of the same card, or an unrelated device behind the same bridge) is in use by the host or a domain',
    fix: 'assign all functions of the card to the same domain, or detach them all first (virsh nodedev-detach for each); libvirt skips resetting devices bound to vfio-pci in recent versions, so `virsh nodedev-detach` before start avoids this',
    render: {
      prefix: 'internal error: Unable to reset PCI device 0000:03:00.1: internal error: ',
      args: ['0000:03:00.0', '0000:03:00.1'],
    },
    examples: [
      {
        text: 'Start failed:internal error: Unable to reset PCI device 0000:03:00.1: internal error: Active 0000:03:00.0 devices on bus with 0000:03:00.1, not doing bus reset, see /var/log/libvirt/libxl/libxl-driver.log for details',
        origin: 'https://github.com/QubesOS/qubes-issues/issues/4818',
        facts: { bdf: '0000:03:00.1', other: '0000:03:00.0' },
      },
      {
        text: 'libvirt.libvirtError: internal error: Unable to reset PCI device 0000:05:00.2: internal error: Active 0000:05:00.0 devices on bus with 0000:05:00.2, not doing bus reset',
        origin: 'https://github.com/QubesOS/qubes-issues/issues/1393',
        facts: { bdf: '0000:05:00.2', other: '0000:05:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.reset-unavailable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceReset()',
    format: 'no FLR, PM reset or bus reset available',
    patterns: [
      // Qubes OS names the qube it could not start before libvirt's error
      /Qube (?<qube>[\w.-]{1,64}) has failed to start: [^\n]{0,200}?PM reset or bus reset available/,
      // the stable tail, also when the start of the reason is mangled in a paste
      /PM reset or bus reset available/,
    ],
    severity: 'error',
    title: 'The device has no reset method libvirt can use',
    cause:
      'the device advertises no Function Level Reset, no PM reset (NoSoftRst-), and a secondary bus reset is impossible (a root-bus or integrated device, or a bridge that cannot reset)',
    fix: 'let vfio-pci handle it (libvirt skips its own reset for devices on vfio-pci, so detach with virsh nodedev-detach before starting), or use a slot behind its own root port',
    refine: (f) =>
      f.qube
        ? {
            cause: `Qubes OS starts the qube (${f.qube}) through libvirt's libxl driver, which insists on resetting every assigned PCI device; this device advertises no Function Level Reset, no PM reset (NoSoftRst-), and it cannot be bus-reset (an integrated chipset function on the root bus, or a device sharing its bus), so libvirt refuses to hand it to the qube`,
            fix: "attach the device without the strict reset check: `qvm-pci detach QUBE dom0:BB_DD.F` then `qvm-pci attach --persistent --option no-strict-reset=true QUBE dom0:BB_DD.F` (Qubes' documented no-strict-reset option; the device is then passed without a reset between uses), or leave the device out of the qube",
          }
        : undefined,
    render: {
      prefix: 'error: internal error: Unable to reset PCI device 0000:00:1f.3: internal error: ',
      args: [],
    },
    examples: [
      {
        text: 'error: internal error: Unable to reset PCI device 0000:00:1f.3: internal error: no FLR, PM reset or bus reset available',
        origin: BUILT,
        facts: { bdf: '0000:00:1f.3' },
      },
      {
        text: 'Qube sys-usb has failed to start: internal error: Unable to reset PCI device 0000:00:14.0: no FLR, PM reset or bus reset available',
        origin: BUILT,
        facts: { bdf: '0000:00:14.0', qube: 'sys-usb' },
      },
    ],
  },
  {
    id: 'libvirt.reset-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceReset()',
    format: 'Unable to reset PCI device %1$s: %2$s',
    patterns: [
      new RegExp(
        `Unable to reset PCI device ${BDF}: (?!internal error: Active |internal error: no FLR|no FLR|Active )(?<reason>[^\\n]{1,200})`,
      ),
    ],
    severity: 'error',
    title: 'libvirt could not reset the device',
    cause:
      'the reset libvirt attempted (FLR, PM or bus reset) failed; the text after the address is the underlying error',
    fix: 'read the reason; run `vfiokit doctor` for the device and check dmesg for reset timeouts',
    refine: (f) => {
      const r = f.reason ?? '';
      if (/Failed to (?:read|open|restore) PCI config space|config space file/.test(r))
        return {
          cause:
            "libvirt could not read the device's config space through sysfs, so it could not save and restore it around the reset: the device is powered down or gone (reads fail), or libvirt lacks access",
          fix: 'check `lspci -s BDF -vv` (rev ff / header 7f means the device is gone) and dmesg; a vanished device needs a host power cycle',
        };
      if (/Failed to find parent device/.test(r))
        return {
          cause:
            'a bus reset needs the parent bridge, and libvirt found none: the device is on a root bus (integrated), where a secondary bus reset is impossible',
          fix: 'detach the device to vfio-pci before starting the domain (libvirt then leaves resets to vfio-pci)',
        };
      return undefined;
    },
    render: {
      prefix: 'error: internal error: ',
      args: ['0000:0b:00.0', 'Failed to read PCI config space for 0000:0b:00.0'],
    },
    examples: [
      {
        text: 'error: internal error: Unable to reset PCI device 0000:0b:00.0: Failed to read PCI config space for 0000:0b:00.0',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.reset-non-endpoint',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceReset()',
    format: 'Invalid attempt to reset PCI device %1$s. Only PCI endpoint devices can be reset',
    patterns: [
      new RegExp(`Invalid attempt to reset PCI device ${BDF}\\. Only PCI endpoint devices can be reset`),
    ],
    severity: 'error',
    title: 'Reset requested for a bridge',
    cause: 'virsh nodedev-reset (or a hostdev) names a PCI bridge or port; libvirt only resets endpoints',
    fix: 'reset the endpoint devices behind it instead',
    render: { prefix: 'error: internal error: ', args: ['0000:00:01.0'] },
    examples: [
      {
        text: 'error: internal error: Invalid attempt to reset PCI device 0000:00:01.0. Only PCI endpoint devices can be reset',
        origin: BUILT,
        facts: { bdf: '0000:00:01.0' },
      },
    ],
  },
  {
    id: 'libvirt.reset-skipped-vfio',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceReset()',
    // A VIR_DEBUG() line: debug messages are not translated, so the source has %s, not %1$s.
    format: 'Device %s is bound to vfio-pci - skip reset',
    versions: 'printed at debug level only (log_filters with 1:util.pci), never as an error',
    patterns: [new RegExp(`Device ${BDF} is bound to vfio-pci - skip reset`)],
    severity: 'info',
    title: 'libvirt leaves the reset to vfio-pci (normal)',
    cause:
      'a debug line: the device is on vfio-pci, which resets it itself when QEMU opens and releases it, so libvirt does not reset it. Normal',
    fix: 'nothing needed',
    render: { prefix: 'debug : virPCIDeviceReset:1046 : ', args: ['0000:01:00.0'] },
    examples: [
      {
        text: '2023-05-01 10:00:00.123+0000: 1234: debug : virPCIDeviceReset:1046 : Device 0000:01:00.0 is bound to vfio-pci - skip reset',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.reset-active-device',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceReset()',
    format: 'Not resetting active device %1$s',
    patterns: [new RegExp(`Not resetting active device ${BDF}`)],
    severity: 'error',
    title: 'Reset refused: the device is in use',
    cause: 'the device is assigned to a running domain, so libvirt will not reset it under the guest',
    fix: 'stop the domain first',
    render: { prefix: 'error: internal error: ', args: ['0000:01:00.0'] },
    examples: [
      {
        text: 'error: internal error: Not resetting active device 0000:01:00.0',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  // ---- config space and driver binding (src/util/virpci.c) ----
  {
    id: 'libvirt.config-space-open-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceConfigOpenInternal()',
    format: "Failed to open config space file '%1$s'",
    patterns: [/Failed to open config space file '(?<path>[^'\n]{1,200})'(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: "libvirt could not open the device's config space",
    cause:
      'opening /sys/bus/pci/devices/BDF/config failed: the device is gone ("No such file or directory": wrong address, or removed/renumbered), or libvirt\'s process is not allowed ("Permission denied": a non-root session daemon, or a sandbox)',
    fix: 'check the address with lspci -D; PCI hostdevs need the system libvirt (qemu:///system)',
    refine: (f) => {
      const e = errnoName(f);
      if (e === 'EROFS')
        return {
          severity: 'warning',
          cause:
            "sysfs is mounted read-only (libvirt running in a container, e.g. KubeVirt's virt-launcher): libvirt opens config space read-write while it enumerates or prepares PCI devices. Harmless for devices that are not assigned; a hostdev needs the host (or a privileged helper) to do the binding",
          fix: 'ignore it for devices the VM does not use; for assigned devices let the device plugin bind them to vfio-pci on the host before the VM starts',
        };
      if (e === 'EACCES' || e === 'EPERM')
        return {
          cause:
            'the libvirt daemon may not read PCI config space: a session (qemu:///session) daemon running as a user, or a confinement (container, hardened unit) without access to sysfs config files',
          fix: 'use qemu:///system for PCI hostdevs, or grant the daemon access',
        };
      return undefined;
    },
    render: { prefix: 'error: internal error: ', args: ['/sys/bus/pci/devices/0000:01:00.0/config'] },
    examples: [
      {
        text: `{"component":"virt-launcher","level":"error","msg":"Failed to open config space file '/sys/bus/pci/devices/0000:00:08.0/config': Read-only file system","pos":"virPCIDeviceConfigOpen:300","subcomponent":"libvirt","timestamp":"2019-05-03T10:17:03.407000Z"}`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/2241',
        facts: { path: '/sys/bus/pci/devices/0000:00:08.0/config', err: 'Read-only file system' },
      },

      {
        text: "error: Failed to open config space file '/sys/bus/pci/devices/0000:01:00.0/config': Permission denied",
        origin: BUILT,
        facts: { err: 'Permission denied' },
      },
    ],
  },
  {
    id: 'libvirt.config-space-read-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceTryPowerManagementReset() / virPCIDeviceRead()',
    format: 'Failed to read PCI config space for %1$s',
    versions:
      'the raw read error is "Failed to read %1$u bytes at %2$u from \'%3$s\' : %4$s" (libvirt ≤ 6.x: "Failed to read from \'%s\' : %s"); on restore "Failed to restore PCI config space for %1$s"',
    patterns: [
      new RegExp(`Failed to (?<op>read|restore) PCI config space for ${BDF}`),
      /Failed to read (?:\d{1,5} bytes at \d{1,5} )?from '(?<path>[^'\n]{1,200})' : (?<err>[^\n"'\\)]{1,80})/,
    ],
    severity: 'error',
    title: "The device's config space could not be read (or restored)",
    cause:
      'reads of the config space failed or came back short: the device is powered off (D3cold) or has dropped off the bus after a failed reset, so it does not answer config cycles',
    fix: 'check `lspci -s BDF -vv` (rev ff, header type 7f: the device is gone) and dmesg; a host power cycle recovers a vanished device',
    refine: (f) =>
      errnoName(f) === 'ENOENT'
        ? {
            cause:
              "the device's sysfs entry does not exist: the address is not on this host's bus (a stale address in the configuration, a VF that was removed when sriov_numvfs changed, or a container that does not see the host's devices)",
            fix: 'find the device again (lspci -D; `vfiokit groups`) and fix the address; recreate the VFs before starting the VM',
          }
        : undefined,
    render: { prefix: 'error: internal error: ', args: ['0000:0b:00.0'] },
    examples: [
      {
        text: `{"component":"virt-launcher","level":"warning","msg":"Failed to read from '/sys/bus/pci/devices/0000:b1:00.0/config' : No such file or directory","pos":"virPCIDeviceRead:345","subcomponent":"libvirt","thread":"52"}`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/4563',
        facts: { path: '/sys/bus/pci/devices/0000:b1:00.0/config', err: 'No such file or directory' },
      },

      {
        text: 'error: internal error: Failed to read PCI config space for 0000:0b:00.0',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.unknown-header-type',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIGetHeaderType()',
    format: "Unknown PCI header type '%1$d' for device '%2$s'",
    patterns: [new RegExp(`Unknown PCI header type '(?<type>\\d{1,3})'(?: for device '${BDF}')?`)],
    severity: 'error',
    title: 'The device reports a header type that does not exist',
    cause:
      'libvirt reads the header-type byte from the device\'s config space (sysfs config) and keeps its low seven bits; a device that does not answer config reads returns 0xff for every byte, which becomes 127 (0x7f): the device is not responding. It is powered off (D3cold: a laptop dGPU, or a GPU its host driver runtime-suspended, e.g. nvidia with no display attached), or it was left in a broken state by a guest that was killed or destroyed instead of shut down cleanly and has no reset that brings it back (no FLR, no usable bus reset), or it did not come back from the reset done when the VM starts — a device whose FLR hangs it: the AMD Ryzen 3000 (Matisse) on-chip HD audio and USB 3.0 controllers did this after the AGESA 0.0.7.x/1.0.0.x BIOS updates of 2019, until the kernel quirk 0d14f06cd665 ("PCI: Avoid FLR for AMD Matisse HD Audio & USB 3.0", Linux 5.8 and the 4.19/5.4 stable kernels of June 2020) stopped using FLR on them — or it dropped off the bus',
    fix: 'check dmesg: "Unable to change power state from D3cold to D0" means power management: keep it powered (echo on > /sys/bus/pci/devices/BDF/power/control, stop nvidia-persistenced/the host driver before detaching, vfio_pci disable_idle_d3=1); if it began with a BIOS/AGESA update, update the host kernel (it may carry a reset quirk for the device) or return to the previous BIOS; shut guests that hold such devices down cleanly rather than killing them; a device dead after a reset is lost until a host power cycle or reboot (vendor-reset helps AMD GPUs without working resets)',
    refine: (f) =>
      f.type === '127'
        ? undefined
        : {
            cause: `the header type byte reads ${f.type}, which is neither an endpoint (0), a bridge (1) nor a CardBus bridge (2): the device is misbehaving`,
          },
    render: { prefix: 'error: internal error: ', args: [127, '0000:0b:00.0'] },
    examples: [
      {
        text: "libvirt.libvirtError: internal error: Unknown PCI header type '127' for device '0000:01:00.0'",
        origin: 'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/39',
        facts: { bdf: '0000:01:00.0', type: '127' },
      },

      {
        text: "error: internal error: Unknown PCI header type '127' for device '0000:0b:00.0'",
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0', type: '127' },
      },
      {
        // a summary that keeps only the first part of the error
        text: "libvirt.libvirtError: internal error: Unknown PCI header type '127'",
        origin: BUILT,
        facts: { type: '127' },
      },
    ],
  },
  {
    id: 'libvirt.device-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceNew()',
    format: 'Device %1$s not found: could not access %2$s',
    patterns: [new RegExp(`Device ${BDF} not found: could not access (?<path>[^\\s]{1,200})`)],
    severity: 'error',
    title: 'The hostdev address does not exist on this host',
    cause:
      'no PCI device at that address: the domain XML names a stale address (cards renumber when slots, firmware settings or other cards change) or the device dropped off the bus',
    fix: 'find the device again (lspci -D -nn; `vfiokit groups`) and fix the <hostdev><source><address>',
    render: { prefix: 'error: Device ', args: ['0000:0a:00.0', '/sys/bus/pci/devices/0000:0a:00.0/config'] },
    examples: [
      {
        text: 'error: Device 0000:0a:00.0 not found: could not access /sys/bus/pci/devices/0000:0a:00.0/config: No such file or directory',
        origin: BUILT,
        facts: { bdf: '0000:0a:00.0' },
      },
    ],
  },
  {
    id: 'libvirt.driver-override-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceBindWithDriverOverride()',
    format: "Failed to add driver '%1$s' to driver_override  interface of PCI device '%2$s'",
    patterns: [
      new RegExp(
        `Failed to add driver '(?<driver>[^'\\n]{1,64})' to driver_override\\s{1,2}interface of PCI device '${BDF}'(?::\\s?(?<err>[^\\n"'\\\\)]{1,80}))?`,
      ),
    ],
    severity: 'error',
    title: 'libvirt could not steer the device to vfio-pci',
    cause:
      'writing the driver name to /sys/bus/pci/devices/BDF/driver_override failed: a read-only or confined sysfs (containers), or the device vanished',
    fix: 'run the system libvirt with access to /sys; or bind the device to vfio-pci yourself at boot (vfio-pci.ids=) and declare the hostdev managed="no"',
    // The errno is driver_override_store()'s (drivers/pci/pci-sysfs.c): sysfs-errno.ts.
    refine: refineSysfsWrite('driver_override'),
    render: { prefix: 'error: ', args: ['vfio-pci', '0000:01:00.0'] },
    examples: [
      {
        text: "error: Failed to add driver 'vfio-pci' to driver_override  interface of PCI device '0000:01:00.0': Permission denied",
        origin: BUILT,
        facts: { driver: 'vfio-pci', bdf: '0000:01:00.0', err: 'Permission denied' },
      },
    ],
  },
  {
    id: 'libvirt.unbind-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceUnbind()',
    format: "Failed to unbind PCI device '%1$s' from %2$s",
    patterns: [
      new RegExp(
        `Failed to unbind PCI device '${BDF}' from (?<driver>[^\\s:]{1,64})(?::\\s?(?<err>[^\\n"'\\\\)]{1,80}))?`,
      ),
    ],
    severity: 'error',
    title: 'The host driver would not release the device',
    cause:
      "writing to the driver's unbind file failed or hung: the host driver is busy with the device (a GPU driving the console or an X/Wayland session, amdgpu/nvidia in use), or the device is in a bad state",
    fix: 'stop what uses the device on the host (display manager, nvidia-persistenced), or keep the host driver off it with vfio-pci.ids= / a softdep at boot',
    // ENODEV, EACCES, EROFS are unbind_store()'s and the sysfs mount's (sysfs-errno.ts); other
    // errnos (EBUSY) come from the driver and keep the text above.
    refine: refineSysfsWrite('unbind', (f) => `/sys/bus/pci/drivers/${f.driver ?? ''}`),
    render: { prefix: 'error: ', args: ['0000:01:00.0', 'nvidia'] },
    examples: [
      {
        text: "error: Failed to unbind PCI device '0000:01:00.0' from nvidia: Device or resource busy",
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', driver: 'nvidia', err: 'Device or resource busy' },
      },
    ],
  },
  {
    id: 'libvirt.probe-trigger-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceRebind() / virPCIDeviceBindWithDriverOverride()',
    format: "Failed to trigger a probe for PCI device '%1$s'",
    patterns: [
      new RegExp(`Failed to trigger a probe for PCI device '${BDF}'(?::\\s?(?<err>[^\\n"'\\\\)]{1,80}))?`),
    ],
    severity: 'error',
    title: 'The driver probe after rebinding failed',
    cause:
      'writing the address to /sys/bus/pci/drivers_probe failed: the driver named in driver_override (vfio-pci on detach, the host driver on reattach) refused the device ("No such device" if the module is missing), or the probe failed',
    fix: 'load the driver (modprobe vfio-pci) and read dmesg for the probe error (`vfiokit diagnose --dmesg`)',
    // The errno is drivers_probe_store()'s (drivers/base/bus.c): sysfs-errno.ts.
    refine: refineSysfsWrite('drivers_probe'),
    render: { prefix: 'error: ', args: ['0000:01:00.0'] },
    examples: [
      {
        text: "error: Failed to trigger a probe for PCI device '0000:01:00.0': No such device",
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', err: 'No such device' },
      },
    ],
  },
  {
    id: 'libvirt.stub-module-load-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIProbeStubDriver()',
    format: 'Failed to load PCI stub module %1$s',
    versions:
      'when modprobe reports the module blacklisted: "Failed to load PCI stub module %1$s: administratively prohibited"',
    patterns: [
      /Failed to load PCI stub module (?<driver>[\w-]{1,32})(?<blacklisted>: administratively prohibited)?/,
    ],
    severity: 'error',
    title: 'libvirt could not load vfio-pci',
    cause:
      'modprobe of the stub driver (vfio-pci) failed: the module is not installed for the running kernel, or a modprobe.d "blacklist"/"install … /bin/false" line forbids it ("administratively prohibited")',
    fix: 'check modprobe vfio-pci by hand; remove the blacklist line for vfio-pci; after a kernel update reboot into the kernel whose modules are installed',
    render: { prefix: 'error: internal error: ', args: ['vfio-pci'] },
    examples: [
      {
        text: 'error: internal error: Failed to load PCI stub module vfio-pci: administratively prohibited',
        origin: BUILT,
        facts: { driver: 'vfio-pci' },
      },
    ],
  },
  {
    id: 'libvirt.iommu-group-unresolved',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceAddressGetIOMMUGroupNum() / virPCIDeviceGetIOMMUGroupDev()',
    format: 'Unable to resolve device %1$s iommu_group symlink %2$s',
    versions: 'also "Invalid device %1$s iommu_group file %2$s is not a symlink"',
    patterns: [
      new RegExp(`Unable to resolve device ${BDF} iommu_group symlink`),
      new RegExp(`Invalid device ${BDF} iommu_group file (?<path>[^\\s]{1,200}) is not a symlink`),
    ],
    severity: 'error',
    title: 'The device has no IOMMU group (libvirt)',
    cause:
      '/sys/bus/pci/devices/BDF/iommu_group is missing or unreadable: the IOMMU is off (firmware VT-d/AMD-Vi, kernel command line), so VFIO cannot be used',
    fix: 'run `vfiokit doctor`; enable the IOMMU in the firmware and boot with intel_iommu=on or amd_iommu=on',
    render: { prefix: 'error: ', args: ['0000:01:00.0', '/sys/bus/pci/devices/0000:01:00.0/iommu_group'] },
    examples: [
      {
        text: 'error: Unable to resolve device 0000:01:00.0 iommu_group symlink /sys/bus/pci/devices/0000:01:00.0/iommu_group: No such file or directory',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  // ---- memory (src/qemu/qemu_conf.c, src/util/virprocess.c) ----
  {
    id: 'libvirt.hugetlbfs-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_conf.c qemuGetDomainHupageMemPath()',
    format: 'hugetlbfs filesystem is not mounted or disabled by administrator config',
    patterns: [/hugetlbfs filesystem is not mounted or disabled by administrator config/],
    severity: 'error',
    title: 'libvirt found no hugetlbfs mount',
    cause:
      'the domain asks for <hugepages/> but no hugetlbfs is mounted (or hugetlbfs_mount in qemu.conf is empty)',
    fix: 'mount hugetlbfs (systemd mounts /dev/hugepages by default), reserve pages, and restart libvirtd so it sees the mount',
    render: { prefix: 'error: internal error: ', args: [] },
    examples: [
      {
        text: 'error: internal error: hugetlbfs filesystem is not mounted or disabled by administrator config',
        origin: BUILT,
      },
    ],
  },
  {
    id: 'libvirt.hugetlbfs-size-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_conf.c qemuGetDomainHupageMemPath()',
    format: 'Unable to find any usable hugetlbfs mount for %1$llu KiB',
    patterns: [/Unable to find any usable hugetlbfs mount for (?<size>\d{1,10}) KiB/],
    severity: 'error',
    title: 'No hugetlbfs mount with the requested page size',
    cause:
      'the domain asks for hugepages of a size (e.g. 1048576 KiB = 1 GiB) that no hugetlbfs mount provides; libvirt picks the mount whose pagesize matches, and the default /dev/hugepages serves only the default size (2 MiB)',
    fix: 'mount a hugetlbfs for that size (mount -t hugetlbfs -o pagesize=1G none /dev/hugepages1G, or default_hugepagesz=1G), reserve pages, then restart libvirtd; or ask for the default size in <hugepages><page size=…>',
    render: { prefix: 'error: internal error: ', args: [1048576] },
    examples: [
      {
        text: 'error: internal error: Unable to find any usable hugetlbfs mount for 1048576 KiB',
        origin: BUILT,
        facts: { size: '1048576' },
      },
    ],
  },
  {
    id: 'libvirt.memlock-limit-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virprocess.c virProcessSetMaxMemLock()',
    format: 'cannot limit locked memory of process %1$lld to %2$llu',
    versions:
      'libvirt ≤ 6.x (in the forked child): "cannot limit locked memory to %llu"; KubeVirt relays it with the pid left out ("of process to N"), or with both numbers left out ("of process: Operation not permitted")',
    patterns: [
      /cannot limit locked memory (?:of process (?:(?<pid>\d{1,10}) )?)?to (?<size>\d{1,20})(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      // Relayed by KubeVirt's virt-launcher with both numbers dropped.
      /cannot limit locked memory of process: (?<err>[^\n"'\\)]{1,80})/,
    ],
    severity: 'error',
    title: 'libvirt could not raise the locked-memory limit for QEMU',
    cause:
      'VFIO pins all guest RAM, so libvirt raises RLIMIT_MEMLOCK of QEMU to guest memory plus 1 GiB (times the number of devices with a vIOMMU); setrlimit/prlimit was refused ("Operation not permitted"): the daemon lacks CAP_SYS_RESOURCE (a container, a non-root daemon, a hardened unit) or its own hard limit is lower',
    fix: 'give the daemon CAP_SYS_RESOURCE or a high enough LimitMEMLOCK= in its systemd unit; in KubeVirt and other containers the launcher must set the limit from outside',
    refine: (f) =>
      f.size === '9007199254740991' || f.size === '18446744073709551615'
        ? {
            cause:
              'libvirt asked for an unlimited locked-memory limit (hard_limit not set with a configuration that needs it, e.g. several VFIO devices with a vIOMMU) and was refused: the daemon lacks CAP_SYS_RESOURCE',
          }
        : undefined,
    render: {
      prefix: 'error: internal error: Process exited prior to exec: libvirt:  error : ',
      args: [111, 17448304640],
    },
    examples: [
      {
        text: `{"component":"virt-launcher","level":"error","msg":"failed to hot-plug host-devices: failed to attach host-device <hostdev type=\\"pci\\" managed=\\"no\\">, err: virError(Code=38, Domain=0, Message='cannot limit locked memory of process 96 to 5368709120: Operation not permitted')\\n"}`,
        origin: 'https://github.com/kubevirt/kubevirt/issues/15952',
        facts: { pid: '96', size: '5368709120' },
      },
      {
        text: 'internal error: Process exited prior to exec: libvirt: error : cannot limit locked memory of process 111 to 9007199254740991: Operation not permitted',
        origin: 'https://github.com/kubevirt/kubevirt/issues/17694',
        facts: { size: '9007199254740991', err: 'Operation not permitted' },
      },
      ex(
        '{"component":"virt-launcher","level":"error","reason":"virError(Code=38, Domain=0, Message=\'cannot limit locked memory of process: Operation not permitted\')"}',
        { errno: 'EPERM' },
      ),
    ],
  },
];
