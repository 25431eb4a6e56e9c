/**
 * Coverage rows from going through the format strings of QEMU's hw/vfio (pci.c, pci-quirks.c,
 * igd.c, display.c, device.c, container-legacy.c, listener.c), hw/pci/pci.c, hw/pci/pcie.c and
 * system/qdev-monitor.c: the further wordings an entry recognises (ALSO) and the strings left out
 * with the reason. Spread into coverage.ts; the shapes are coverage.ts's AlsoCovered and LeftOut.
 */

const PCI = 'qemu/qemu hw/vfio/pci.c';
const QUIRKS = 'qemu/qemu hw/vfio/pci-quirks.c';
const IGD = 'qemu/qemu hw/vfio/igd.c';
const LEGACY = 'qemu/qemu hw/vfio/container-legacy.c';
const LISTENER = 'qemu/qemu hw/vfio/listener.c';
const PCICORE = 'qemu/qemu hw/pci/pci.c';
const PCIE = 'qemu/qemu hw/pci/pcie.c';
const MONITOR = 'qemu/qemu system/qdev-monitor.c';
const Q = 'qemu-system-x86_64: ';
const D = (bdf: string) => `${Q}-device vfio-pci,host=${bdf}: vfio ${bdf}: `;

/** [entry id, file, format, printed text] */
type Row = [string, string, string, string];

const ALSO_ROWS: Row[] = [
  // wordings recognised by the entries of qemu.ts / qemu-machine.ts
  [
    'qemu.msi-setup-failed',
    PCI,
    'vfio: failed to enable vectors, %d',
    `${Q}vfio: failed to enable vectors, -22`,
  ],
  [
    'qemu.msi-setup-failed',
    PCI,
    'vfio: Error: Failed to enable MSI',
    `${Q}vfio: Error: Failed to enable MSI`,
  ],
  [
    'qemu.rom-read-error',
    PCI,
    'vfio: Error getting ROM info: %m',
    `${Q}vfio: Error getting ROM info: Invalid argument`,
  ],
  [
    'qemu.rom-denylisted',
    PCI,
    'Device at %s is known to cause system instability issues during option rom execution',
    `${Q}warning: Device at 0000:05:00.0 is known to cause system instability issues during option rom execution`,
  ],
  [
    'qemu.config-access-failed',
    PCI,
    '%s(%s, 0x%x, 0x%x) failed: %m',
    `${Q}vfio_pci_read_config(0000:01:00.0, 0x4, 0x2) failed: Input/output error`,
  ],
  [
    'qemu.config-access-failed',
    PCI,
    'failed to read device config space',
    `${D('0000:01:00.0')}failed to read device config space: Input/output error`,
  ],
  [
    'qemu.msi-capability-read-failed',
    PCI,
    'failed to read PCI MSIX TABLE',
    `${D('0000:01:00.0')}failed to read PCI MSIX TABLE: Input/output error`,
  ],
  [
    'qemu.msi-capability-read-failed',
    PCI,
    'failed to read PCI MSIX PBA',
    `${D('0000:01:00.0')}failed to read PCI MSIX PBA: Input/output error`,
  ],
  [
    'qemu.invalid-id-override',
    PCI,
    'invalid PCI device ID provided',
    `${D('0000:01:00.0')}invalid PCI device ID provided`,
  ],
  [
    'qemu.invalid-id-override',
    PCI,
    'invalid PCI subsystem vendor ID provided',
    `${D('0000:01:00.0')}invalid PCI subsystem vendor ID provided`,
  ],
  [
    'qemu.invalid-id-override',
    PCI,
    'invalid PCI subsystem device ID provided',
    `${D('0000:01:00.0')}invalid PCI subsystem device ID provided`,
  ],
  [
    'qemu.vga-region-missing',
    PCI,
    'device does not support requested feature x-vga',
    `${Q}-device vfio-pci,host=0000:01:00.0,x-vga=on: vfio 0000:01:00.0: device does not support requested feature x-vga`,
  ],
  [
    'qemu.igd-opregion-unsupported',
    PCI,
    'does not support requested IGD OpRegion feature',
    `${D('0000:00:02.0')}does not support requested IGD OpRegion feature: No such device`,
  ],
  ['qemu.migration-unsupported', PCI, '%s: Migration disabled', `${Q}0000:01:00.0: Migration disabled`],
  [
    'qemu.error-recovery-unavailable',
    PCI,
    'Could not enable error recovery for the device',
    `${Q}warning: vfio 0000:01:00.0: Could not enable error recovery for the device`,
  ],
  [
    'qemu.intx-kvm-accel-failed',
    PCI,
    'vfio: Error: event_notifier_init failed eoi',
    `${Q}vfio: Error: event_notifier_init failed eoi`,
  ],
  [
    'qemu.intx-kvm-accel-failed',
    PCI,
    'vfio: Error: Failed to setup resample irqfd: %m',
    `${Q}vfio: Error: Failed to setup resample irqfd: Invalid argument`,
  ],
  [
    'qemu.igd-legacy-no-rom',
    IGD,
    'IGD device %s hotplugged, ROM disabled, legacy mode disabled',
    `${Q}IGD device 0000:00:02.0 hotplugged, ROM disabled, legacy mode disabled`,
  ],
  [
    'qemu.igd-legacy-no-region',
    IGD,
    'IGD device %s does not support host bridge access,legacy mode disabled',
    `${Q}IGD device 0000:00:02.0 does not support host bridge access,legacy mode disabled`,
  ],
  [
    'qemu.igd-legacy-no-region',
    IGD,
    'IGD device %s does not support LPC bridge access,legacy mode disabled',
    `${Q}IGD device 0000:00:02.0 does not support LPC bridge access,legacy mode disabled`,
  ],
  [
    'qemu.igd-legacy-vga-failed',
    IGD,
    'IGD device %s failed to create LPC bridge, legacy mode disabled',
    `${Q}IGD device 0000:00:02.0 failed to create LPC bridge, legacy mode disabled`,
  ],
  [
    'qemu.igd-legacy-vga-failed',
    IGD,
    'IGD device %s failed to modify host bridge, legacy mode disabled',
    `${Q}IGD device 0000:00:02.0 failed to modify host bridge, legacy mode disabled`,
  ],
  [
    'qemu.igd-opregion-hotplug',
    IGD,
    'IGD OpRegion is not supported on hotplugged device',
    `${D('0000:00:02.0')}IGD OpRegion is not supported on hotplugged device`,
  ],
  [
    'qemu.pci-slot-in-use',
    PCICORE,
    'PCI: slot %d function %d not available for %s, in use by %s,id=%s',
    `${Q}-device vfio-pci,host=0000:01:00.0,bus=pcie.0,addr=0x2: PCI: slot 2 function 0 not available for vfio-pci, in use by VGA,id=video0`,
  ],
  // further wordings of the entries in qemu-sweep.ts and qemu-sweep-pci.ts
  [
    'qemu.eventfd-init-failed',
    PCI,
    'event_notifier_init failed',
    `${D('0000:01:00.0')}event_notifier_init failed: Too many open files`,
  ],
  [
    'qemu.eventfd-init-failed',
    PCI,
    'vfio: Error: event_notifier_init failed',
    `${Q}vfio: Error: event_notifier_init failed`,
  ],
  [
    'qemu.eventfd-init-failed',
    PCI,
    'event_notifier_init failed eoi',
    `${Q}warning: vfio 0000:01:00.0: event_notifier_init failed eoi`,
  ],
  [
    'qemu.msix-enable-failed',
    PCI,
    'vfio: failed to enable MSI-X, %s',
    `${Q}vfio: failed to enable MSI-X, Invalid argument`,
  ],
  [
    'qemu.intx-irqfd-failed',
    PCI,
    'vfio: Error: Failed to setup INTx unmask fd: %m',
    `${Q}vfio: Error: Failed to setup INTx unmask fd: Invalid argument`,
  ],
  [
    'qemu.rom-probe-failed',
    PCI,
    '%s(%s) ROM access failed',
    `${Q}vfio_pci_size_rom(0000:01:00.0) ROM access failed`,
  ],
  [
    'qemu.msix-relocation-invalid',
    PCI,
    'Invalid MSI-X relocation BAR %d, I/O port BAR',
    `${D('0000:01:00.0')}Invalid MSI-X relocation BAR 4, I/O port BAR`,
  ],
  [
    'qemu.msix-relocation-invalid',
    PCI,
    'Invalid MSI-X relocation BAR %d, consumed by 64-bit BAR %d',
    `${D('0000:01:00.0')}Invalid MSI-X relocation BAR 1, consumed by 64-bit BAR 0`,
  ],
  [
    'qemu.msix-relocation-invalid',
    PCI,
    'Invalid MSI-X relocation BAR %d, no space to extend 32-bit BAR',
    `${D('0000:01:00.0')}Invalid MSI-X relocation BAR 1, no space to extend 32-bit BAR`,
  ],
  [
    'qemu.device-not-pci',
    PCI,
    'unexpected number of io regions %u',
    `${D('0000:01:00.0')}unexpected number of io regions 3`,
  ],
  [
    'qemu.device-not-pci',
    PCI,
    'unexpected number of irqs %u',
    `${D('0000:01:00.0')}unexpected number of irqs 2`,
  ],
  [
    'qemu.device-info-read-failed',
    PCI,
    'failed to get MSI-X irq info',
    `${D('0000:01:00.0')}failed to get MSI-X irq info: Invalid argument`,
  ],
  [
    'qemu.ram-discard-mdev-only',
    LEGACY,
    'Inconsistent setting of support for discarding RAM (e.g., balloon) within group',
    `${D('0000:01:00.1')}Inconsistent setting of support for discarding RAM (e.g., balloon) within group`,
  ],
  [
    'qemu.viommu-set-failed',
    'qemu/qemu hw/i386/intel_iommu.c',
    'host device is unsupported in scalable modern mode yet',
    `${D('0000:03:00.0')}Failed to set vIOMMU: host device is unsupported in scalable modern mode yet`,
  ],
  [
    'qemu.viommu-map-non-ram',
    'qemu/qemu system/memory.c',
    'iommu map to discarded memory (e.g., unplugged via virtio-mem): %lx',
    `${Q}iommu map to discarded memory (e.g., unplugged via virtio-mem): 240000000`,
  ],
  [
    'qemu.viommu-map-non-ram',
    'qemu/qemu hw/vfio/common.c',
    'iommu has granularity incompatible with target AS',
    `${Q}iommu has granularity incompatible with target AS`,
  ],
  [
    'qemu.viommu-map-non-ram',
    LISTENER,
    'Wrong target AS "%s", only system memory is allowed',
    `${Q}Wrong target AS "none", only system memory is allowed`,
  ],
  [
    'qemu.display-size-needs-edid',
    PCI,
    'xres and yres properties need edid support',
    `${D('0000:01:00.0')}xres and yres properties need edid support`,
  ],
  [
    'qemu.mdev-display-failed',
    'qemu/qemu hw/vfio/display.c',
    '%s: vfio_region_setup(%d): %s',
    `${Q}vfio_display_region_update: vfio_region_setup(9): Invalid argument`,
  ],
  [
    'qemu.mdev-display-failed',
    'qemu/qemu hw/vfio/display.c',
    '%s: vfio_region_mmap(%d): %s',
    `${Q}vfio_display_region_update: vfio_region_mmap(9): Invalid argument`,
  ],
  [
    'qemu.mdev-display-failed',
    'qemu/qemu hw/vfio/display.c',
    'vfio: failed to read GFX edid field',
    `${Q}vfio: failed to read GFX edid field`,
  ],
  [
    'qemu.migration-dirty-tracking-missing',
    'qemu/qemu hw/vfio/migration.c',
    "%s: VFIO device doesn't support device dirty tracking",
    `${Q}warning: 0000:01:00.0: VFIO device doesn't support device dirty tracking`,
  ],
  ['qemu.igd-legacy-mode-disabled', IGD, 'Device has no ROM', `${D('0000:00:02.0')}Device has no ROM`],
  ['qemu.igd-legacy-mode-disabled', IGD, 'Unable to enable VGA access', `${Q}Unable to enable VGA access`],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'IGD LPC is not supported on hotplugged device',
    `${D('0000:00:02.0')}IGD LPC is not supported on hotplugged device`,
  ],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'IGD host bridge access is not supported by kernel',
    `${D('0000:00:02.0')}IGD host bridge access is not supported by kernel`,
  ],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'IGD LPC bridge access is not supported by kernel',
    `${D('0000:00:02.0')}IGD LPC bridge access is not supported by kernel`,
  ],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'Failed to create/modify LPC bridge for IGD',
    `${D('0000:00:02.0')}Failed to create/modify LPC bridge for IGD`,
  ],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'Failed to modify host bridge for IGD',
    `${D('0000:00:02.0')}Failed to modify host bridge for IGD`,
  ],
  [
    'qemu.igd-lpc-bridge-failed',
    IGD,
    'VFIO dummy ISA/LPC bridge must have address 1f.0',
    `${Q}-device vfio-pci-igd-lpc-bridge,addr=1e.0: VFIO dummy ISA/LPC bridge must have address 1f.0`,
  ],
  ['qemu.igd-lpc-bridge-failed', IGD, 'IGD copy failed: %m', `${Q}IGD copy failed: Input/output error`],
  ['qemu.igd-lpc-bridge-failed', IGD, "Can't find host bridge", `${Q}Can't find host bridge`],
  [
    'qemu.igd-detected',
    IGD,
    'IGD legacy mode enabled, use x-igd-legacy-mode=off to disable it if unwanted.',
    `${Q}info: IGD legacy mode enabled, use x-igd-legacy-mode=off to disable it if unwanted.`,
  ],
  [
    'qemu.igd-gms-invalid',
    IGD,
    "Parameter '%s' expects %s",
    `${Q}Parameter 'x-igd-gms' expects 0~0x40 or 0xf0~0xfe`,
  ],
  [
    'qemu.igd-command-register',
    IGD,
    'IGD device %s - failed to write PCI command register',
    `${Q}IGD device 0000:00:02.0 - failed to write PCI command register`,
  ],
  [
    'qemu.igd-command-register',
    IGD,
    'IGD device %s - failed to restore PCI command register',
    `${Q}IGD device 0000:00:02.0 - failed to restore PCI command register`,
  ],
  [
    'qemu.romfile-size-invalid',
    PCICORE,
    'ROM size %u is not a power of two',
    `${Q}-device vfio-pci,host=0000:01:00.0,romsize=100000: ROM size 100000 is not a power of two`,
  ],
  [
    'qemu.romfile-size-invalid',
    PCICORE,
    'failed to load romfile "%s"',
    `${Q}-device vfio-pci,host=0000:01:00.0,romfile=/root/gpu.rom: failed to load romfile "/root/gpu.rom"`,
  ],
  [
    'qemu.failover-primary-invalid',
    PCICORE,
    'failover primary device is not an Ethernet device',
    `${Q}-device vfio-pci,host=0000:01:00.0,failover_pair_id=net1: failover primary device is not an Ethernet device`,
  ],
  [
    'qemu.failover-primary-invalid',
    PCICORE,
    'failover: primary device must be in its own PCI slot',
    `${Q}-device vfio-pci,host=0000:3b:02.0,failover_pair_id=net1: failover: primary device must be in its own PCI slot`,
  ],
  [
    'qemu.pcie-slot-hotplug-refused',
    PCIE,
    "Hot-unplug failed: unsupported by the port device '%s'",
    `${Q}Hot-unplug failed: unsupported by the port device 'rp1'`,
  ],
  [
    'qemu.pcie-slot-hotplug-refused',
    PCIE,
    'Hot-unplug failed: guest is busy (power indicator blinking)',
    `${Q}Hot-unplug failed: guest is busy (power indicator blinking)`,
  ],
  [
    'qemu.pcie-slot-hotplug-refused',
    PCIE,
    'slot is electromechanically locked',
    `${Q}slot is electromechanically locked: Device or resource busy`,
  ],
  [
    'qemu.bus-path-invalid',
    MONITOR,
    "Device '%s' has no child bus",
    `${Q}-device vfio-pci,host=0000:02:00.0,bus=hostdev0: Device 'hostdev0' has no child bus`,
  ],
  [
    'qemu.bus-path-invalid',
    MONITOR,
    "Device '%s' has multiple child buses",
    `${Q}-device vfio-pci,host=0000:02:00.0,bus=sw0: Device 'sw0' has multiple child buses`,
  ],
  [
    'qemu.device-hotplug-refused',
    MONITOR,
    "Device '%s' can not be hotplugged on this machine",
    `${Q}Device 'vfio-pci' can not be hotplugged on this machine`,
  ],
  [
    'qemu.device-hotplug-refused',
    MONITOR,
    'Device %s is already in the process of unplug',
    'Error: Device hostdev0 is already in the process of unplug',
  ],
  [
    'qemu.device-hotplug-refused',
    MONITOR,
    'device_add not allowed while migrating',
    'Error: device_add not allowed while migrating',
  ],
  [
    'qemu.device-hotplug-refused',
    MONITOR,
    'device_del not allowed while migrating',
    'Error: device_del not allowed while migrating',
  ],
  // iommufd
  [
    'qemu.ram-discard-broken',
    'qemu/qemu hw/vfio/iommufd.c',
    'Cannot set discarding of RAM broken (%d)',
    `${D('0000:01:00.0')}Cannot set discarding of RAM broken (-16)`,
  ],
  [
    'qemu.iommufd-vfio-dev-missing',
    'qemu/qemu hw/vfio/iommufd.c',
    'failed to find vfio-dev/vfioX/dev',
    `${Q}vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: failed to find vfio-dev/vfioX/dev`,
  ],
  [
    'qemu.iommufd-vfio-dev-missing',
    'qemu/qemu hw/vfio/iommufd.c',
    'failed to load "%s"',
    `${Q}vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: failed to load "/sys/bus/pci/devices/0000:01:00.0/vfio-dev/vfio0/dev"`,
  ],
  [
    'qemu.iommufd-vfio-dev-missing',
    'qemu/qemu hw/vfio/iommufd.c',
    'failed to get major:minor for "%s"',
    `${Q}vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: failed to get major:minor for "/sys/bus/pci/devices/0000:01:00.0/vfio-dev/vfio0/dev"`,
  ],
  [
    'qemu.iommufd-iova-ranges-fallback',
    'qemu/qemu hw/vfio/iommufd.c',
    'Fallback to default 64bit IOVA range and 4K page size',
    'Fallback to default 64bit IOVA range and 4K page size',
  ],
  [
    'qemu.iommufd-alloc-failed',
    'qemu/qemu backends/iommufd.c',
    'Failed to allocate hwpt',
    `${D('0000:01:00.0')}Failed to allocate hwpt: Invalid argument`,
  ],
  [
    'qemu.iommufd-alloc-failed',
    'qemu/qemu backends/iommufd.c',
    'Failed to get hardware info',
    `${D('0000:01:00.0')}Failed to get hardware info: Operation not supported`,
  ],
  // QEMU ≤ 2.9 wordings of hw/vfio/common.c (before error_setg()), recognised by the qemu.ts entries
  [
    'qemu.device-from-group',
    'qemu/qemu hw/vfio/common.c',
    'vfio: error getting device %s from group %d: %m',
    `${Q}vfio: error getting device 0000:01:00.0 from group 1: No such device`,
  ],
  [
    'qemu.device-from-group',
    'qemu/qemu hw/vfio/common.c',
    'Verify all devices in group %d are bound to vfio-pci or pci-stub and not already in use',
    'Verify all devices in group 1 are bound to vfio-pci or pci-stub and not already in use',
  ],
  [
    'qemu.group-open-failed',
    'qemu/qemu hw/vfio/common.c',
    'vfio: error opening %s: %m',
    `${Q}vfio: error opening /dev/vfio/1: No such file or directory`,
  ],
  [
    'qemu.group-status-failed',
    'qemu/qemu hw/vfio/common.c',
    'vfio: error getting group status: %m',
    `${Q}vfio: error getting group status: Invalid argument`,
  ],
  [
    'qemu.group-not-viable',
    'qemu/qemu hw/vfio/common.c',
    'vfio: error, group %d is not viable, please ensure all devices within the iommu_group are bound to their vfio bus driver.',
    `${Q}vfio: error, group 1 is not viable, please ensure all devices within the iommu_group are bound to their vfio bus driver.`,
  ],
  [
    'qemu.group-multiple-address-spaces',
    'qemu/qemu hw/vfio/common.c',
    'vfio: group %d used in multiple address spaces',
    `${Q}vfio: group 1 used in multiple address spaces`,
  ],
  [
    'qemu.container-open-failed',
    'qemu/qemu hw/vfio/common.c',
    'vfio: failed to open /dev/vfio/vfio: %m',
    `${Q}vfio: failed to open /dev/vfio/vfio: Permission denied`,
  ],
  [
    'qemu.set-group-container',
    'qemu/qemu hw/vfio/common.c',
    'vfio: failed to set group container: %m',
    `${Q}vfio: failed to set group container: Invalid argument`,
  ],
  [
    'qemu.set-iommu-container',
    'qemu/qemu hw/vfio/common.c',
    'vfio: failed to set iommu for container: %m',
    `${Q}vfio: failed to set iommu for container: Operation not permitted`,
  ],
  [
    'qemu.no-iommu-models',
    'qemu/qemu hw/vfio/common.c',
    'vfio: No available IOMMU models',
    `${Q}vfio: No available IOMMU models`,
  ],
  [
    'qemu.memory-listener-failed',
    'qemu/qemu hw/vfio/common.c',
    'vfio: memory listener initialization failed for container',
    `${Q}vfio: memory listener initialization failed for container`,
  ],
  [
    'qemu.device-init-failed-followup',
    'qemu/qemu hw/vfio/pci.c',
    'vfio: failed to get group %d',
    `${Q}vfio: failed to get group 1`,
  ],
  [
    'qemu.no-iommu-group',
    'qemu/qemu hw/vfio/pci.c',
    'vfio: error no iommu_group for device',
    `${Q}vfio: error no iommu_group for device`,
  ],
  [
    'qemu.no-such-host-device',
    'qemu/qemu hw/vfio/pci.c',
    'vfio: error: no such host device: %s',
    `${Q}vfio: error: no such host device: /sys/bus/pci/devices/0000:01:00.0`,
  ],
  ['qemu.map-dma-ioctl-failed', 'qemu/qemu hw/vfio/common.c', 'VFIO_MAP_DMA: %d', `${Q}VFIO_MAP_DMA: -12`],
  [
    'qemu.dma-map-failed',
    'qemu/qemu hw/vfio/common.c',
    'vfio_dma_map(%p, 0x%lx, 0x%lx, %p) = %d (%m)',
    `${Q}vfio_dma_map(0x55d6c4b7a0c0, 0x100000000, 0x380000000, 0x7f2a40000000) = -12 (Cannot allocate memory)`,
  ],
  // guest memory backends
  [
    'qemu.memfd-create-failed',
    'qemu/qemu util/memfd.c',
    'failed to resize memfd to %zu',
    `${Q}failed to resize memfd to 3145728: Invalid argument`,
  ],
  [
    'qemu.memfd-create-failed',
    'qemu/qemu util/memfd.c',
    'Hugepage size must be a power of 2',
    `${Q}-object memory-backend-memfd,id=mem,size=8G,hugetlb=on,hugetlbsize=3M: Hugepage size must be a power of 2`,
  ],
  [
    'qemu.memfd-create-failed',
    'qemu/qemu util/memfd.c',
    'failed to create memfd',
    `${Q}failed to create memfd: Function not implemented`,
  ],
  [
    'qemu.memory-policy-invalid',
    'qemu/qemu backends/hostmem.c',
    'host-nodes must be empty for policy default, or you should explicitly specify a policy other than default',
    `${Q}-object memory-backend-ram,id=ram0,size=8G,host-nodes=0: host-nodes must be empty for policy default, or you should explicitly specify a policy other than default`,
  ],
  [
    'qemu.memory-policy-invalid',
    'qemu/qemu backends/hostmem.c',
    'NUMA node binding are not supported by this QEMU',
    `${Q}NUMA node binding are not supported by this QEMU`,
  ],
  [
    'qemu.memory-policy-invalid',
    'qemu/qemu backends/hostmem.c',
    'NUMA policies are not supported by this QEMU',
    `${Q}NUMA policies are not supported by this QEMU`,
  ],
  [
    'qemu.memory-backend-file-config',
    'qemu/qemu backends/hostmem-file.c',
    "can't create backend with size 0",
    `${Q}-object memory-backend-file,id=mem,mem-path=/dev/hugepages: can't create backend with size 0`,
  ],
  // hw/core/qdev.c, accel/kvm/kvm-all.c
  [
    'qemu.device-hotplug-refused',
    'qemu/qemu hw/core/qdev.c',
    "Device '%s' does not support hotplugging",
    `${Q}Device 'vfio-pci-nohotplug' does not support hotplugging`,
  ],
  [
    'qemu.kvm-memory-slot',
    'qemu/qemu accel/kvm/kvm-all.c',
    'kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION2 failed, slot=%d, start=0x%lx, size=0x%lx, flags=0x%x, guest_memfd=%d, guest_memfd_offset=0x%lx: %s',
    `${Q}kvm_set_user_memory_region: KVM_SET_USER_MEMORY_REGION2 failed, slot=9, start=0x8000000000, size=0x400000000, flags=0x0, guest_memfd=-1, guest_memfd_offset=0x0: Invalid argument`,
  ],
  [
    'qemu.pcie-chassis-slot-taken',
    'qemu/qemu hw/pci/slotid_cap.c',
    'Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.',
    `${Q}-device pci-bridge,id=br0: Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.`,
  ],
  // hw/vfio/helpers.c, hw/vfio/migration.c
  [
    'qemu.region-access-failed',
    'qemu/qemu hw/vfio/helpers.c',
    '%s(%s:region%d+0x%lx, %d) failed: %m',
    `${Q}vfio_region_read(0000:01:00.0:region0+0x88000, 4) failed: Input/output error`,
  ],
  [
    'qemu.migration-unsupported',
    'qemu/qemu hw/vfio/migration.c',
    '%s: VFIO migration is not supported in kernel',
    `${Q}0000:01:00.0: VFIO migration is not supported in kernel`,
  ],
  [
    'qemu.phys-bits-too-low',
    'qemu/qemu hw/i386/pc.c',
    'Address space limit 0x%lx < 0x%lx phys-bits too low (%u) cannot avoid AMD HT range',
    `${Q}Address space limit 0xffffffffff < 0x1fffffffff0 phys-bits too low (40) cannot avoid AMD HT range`,
  ],
  [
    'qemu.msix-unsupported-by-irqchip',
    'qemu/qemu hw/pci/msi.c',
    'MSI is not supported by interrupt controller',
    'qemu-system-aarch64: -device e1000e: MSI is not supported by interrupt controller',
  ],
];

/** [file, format, why] */
type Out = [string, string, string];

const CONTINUATION =
  'second line printed with error_printf() right after a message the catalogue recognises; it adds a hint, not a cause';
const GPUDIRECT =
  'reachable only with x-nv-gpudirect-clique set by hand for NVIDIA GPUDirect P2P between assigned GPUs; not met on the desktop-passthrough path';
const DIRTY =
  'dirty-page tracking of the legacy type1 container, used only while a VFIO device is being live-migrated; not on the setup path vfiokit checks';
const CPR =
  'checkpoint/restart (cpr-transfer, cpr-exec) migration modes, reachable only when a management layer chose them';

const LEFT_OUT_ROWS: Out[] = [
  [
    PCI,
    'vfio: msix_set_vector_notifiers failed',
    'follows a failed vector use that QEMU already reported ("failed to enable vectors", "Failed to set up TRIGGER eventfd signaling"), which carries the cause',
  ],
  [PCI, 'Skip option ROM probe with rombar=0, or load from file with romfile=', CONTINUATION],
  [PCI, 'Proceeding anyway since user specified romfile', CONTINUATION],
  [PCI, 'Proceeding anyway since user specified non zero value for rombar', CONTINUATION],
  [PCI, 'Proceeding anyway since user specified positive value for rombar', CONTINUATION],
  [PCI, 'Specify rombar=1 or romfile to force', CONTINUATION],
  [
    PCI,
    'Use -device vfio-pci,host=DDDD:BB:DD.F or -device vfio-pci,sysfsdev=PATH_TO_DEVICE',
    'hint appended to "No provided host device", which qemu.no-host-device-given recognises',
  ],
  [
    PCI,
    'vfio: unsupported read size, %d bytes',
    'hw_error() for an access size the ROM and VGA MemoryRegionOps never pass (they allow 1, 2 and 4 bytes); a QEMU bug, not a host setup problem',
  ],
  [
    PCI,
    'vfio: unsupported write size, %d bytes',
    'hw_error() for an access size the VGA MemoryRegionOps never pass; a QEMU bug, not a host setup problem',
  ],
  [
    PCI,
    'failed to read %s',
    "the iommu_group link of a PCI device always ends in the group number; this needs a broken sysfs, and the path-less wording would match unrelated programs' lines",
  ],
  [
    PCI,
    'msi_init failed: ',
    "prefix for msi_init()'s error, which is either -ENOTSUP (ignored, nothing printed) or pci_add_capability()'s overlap error, recognised by qemu.add-capability-failed",
  ],
  [
    PCI,
    'Failed to setup NVIDIA V100 GPU RAM',
    'POWER9 NVLink2 GPU passthrough on pseries machines only (removed in QEMU 6.1); not x86 desktop or server passthrough',
  ],
  [
    PCI,
    'Failed to setup NVlink2 bridge',
    'POWER9 NVLink2 bridges on pseries machines only (removed in QEMU 6.1)',
  ],
  [
    PCI,
    'x-ramfb-migrate=on but ramfb=off. Forcing x-ramfb-migrate to off.',
    'an experimental migration option set by hand; QEMU corrects it itself',
  ],
  [
    PCI,
    'x-ramfb-migrate requires enable-migration',
    'an experimental migration option set by hand together with enable-migration=off',
  ],
  [QUIRKS, 'NVIDIA GPUDirect Clique ID: invalid device vendor', GPUDIRECT],
  [QUIRKS, 'NVIDIA GPUDirect Clique ID: unsupported PCI class', GPUDIRECT],
  [QUIRKS, 'NVIDIA GPUDirect Clique ID: error getting cap list', GPUDIRECT],
  [QUIRKS, 'NVIDIA GPUDirect Clique ID: invalid config space', GPUDIRECT],
  [QUIRKS, 'Failed to add NVIDIA GPUDirect cap: ', GPUDIRECT],
  [QUIRKS, 'Property %s: valid range 0-15', GPUDIRECT],
  [
    QUIRKS,
    'VMD %s cannot read MEMBARs (%d)',
    'Intel VMD (Volume Management Device) passthrough only, a storage controller of servers; not met when assigning GPUs, NICs or NVMe drives',
  ],
  [QUIRKS, 'Failed to add VMD MEMBAR Shadow cap: ', 'Intel VMD passthrough only'],
  [
    QUIRKS,
    'Failed to remove vfio ioeventfd for %s+0x%lx[%d]:0x%lx (%m)',
    "teardown of the NVIDIA BAR0 MSI-acknowledge acceleration when a device goes away; it follows the device's own error",
  ],
  [LEGACY, 'UNMAP: Size of bitmap too big 0x%lx', DIRTY],
  [LEGACY, 'VFIO_UNMAP_DMA with DIRTY_BITMAP : %m', DIRTY],
  [LEGACY, 'Failed to set dirty tracking flag 0x%x', DIRTY],
  [LEGACY, 'Failed to get dirty bitmap for iova: 0x%lx size: 0x%lx', DIRTY],
  [LEGACY, 'CPR does not support vfio mdev %s', CPR],
  [
    LISTENER,
    'vfio: Trying to unregister missing RAM discard listener',
    'hw_error() on an internal inconsistency of QEMU (a listener it never registered); a QEMU bug',
  ],
  [
    LISTENER,
    'vfio: Trying to sync missing RAM discard listener',
    'hw_error() on an internal inconsistency of QEMU; a QEMU bug',
  ],
  [
    LISTENER,
    '%s: vfio_container_dma_unmap() failed: %s',
    'virtio-mem unplug at run time with an assigned device; rare, and the guest keeps running with the memory still pinned',
  ],
  [
    LISTENER,
    '%s: Failed to stop DMA logging, err %d (%s)',
    'device dirty tracking, used only during live migration of a migratable VFIO device',
  ],
  [LISTENER, 'vfio_cpr_ram_discard_register_listener for %s failed', CPR],
  [
    'qemu/qemu hw/vfio/device.c',
    'vfio device with fd=%d needs an id property',
    `${CPR}: a migration blocker for fd= devices without id=`,
  ],
  [
    PCICORE,
    'acpi-index should be less or equal to %u',
    'acpi-index names guest NICs through ACPI; a management-tool setting, unrelated to the VFIO path',
  ],
  [
    PCICORE,
    'a PCI device with acpi-index = %u already exist',
    'acpi-index collision between guest NICs, set by a management tool; unrelated to the VFIO path',
  ],
  [
    MONITOR,
    "Parameter '%s' is missing",
    'a QMP/command-line argument missing (driver=); printed for any device, too generic to explain as a VFIO problem',
  ],
  [
    MONITOR,
    "Device '%s' not found",
    'printed for any unknown id (bus path, device_del, qom paths); without the command it is too generic to explain',
  ],
  [
    MONITOR,
    "'%s' (alias '%s') is not a valid device model name",
    'vfio-pci has no alias; the plain wording is recognised by qemu.device-model-unknown',
  ],
  [
    MONITOR,
    "Parameter '%s' expects %s",
    'for driver= naming an abstract or non-pluggable type; not a VFIO setup mistake (the x-igd-gms wording of hw/vfio/igd.c is recognised by qemu.igd-gms-invalid)',
  ],
  [
    'qemu/qemu hw/vfio/iommufd.c',
    'detach %s failed',
    'printed when a device is detached from its IOAS at VM shutdown or unplug; the device is released anyway when its descriptor closes',
  ],
  [
    'qemu/qemu backends/iommufd.c',
    'Could not parse remote object fd %s:',
    'fd= of -object iommufd given by a management layer that passes descriptors; a management-tool bug, not a host setup problem',
  ],
  [
    'qemu/qemu backends/iommufd.c',
    'Failed to free id: %u %m',
    'teardown of an iommufd object at shutdown; nothing left to fix once the VM is gone',
  ],
  [
    'qemu/qemu backends/iommufd.c',
    'IOMMU_HWPT_SET_DIRTY_TRACKING(hwpt_id %u) failed',
    'IOMMU dirty tracking, used only during live migration',
  ],
  [
    'qemu/qemu backends/iommufd.c',
    'IOMMU_HWPT_GET_DIRTY_BITMAP (iova: 0x%lx size: 0x%lx) failed',
    'IOMMU dirty tracking, used only during live migration',
  ],
  [
    'qemu/qemu backends/iommufd.c',
    '%s: unsupported capability %x',
    'an internal query of a capability QEMU itself does not implement; a QEMU bug',
  ],
  [
    'qemu/qemu hw/vfio/common.c',
    '%s: Overlapped IOMMU are not enabled',
    'hw_error() for overlapping DMA windows, which only the sPAPR (POWER) IOMMU creates',
  ],
  [
    'qemu/qemu util/memfd.c',
    'failed to add seals 0x%x',
    'sealing a memfd fails only on kernels without F_SEAL support; QEMU falls back to an unsealed memfd for its internal buffers, and guest RAM does not use seals',
  ],
  [
    'qemu/qemu backends/hostmem.c',
    'remove -mem-prealloc to use the prealloc property',
    'the message names its own fix (an option conflict on the command line)',
  ],
  [
    'qemu/qemu backends/hostmem.c',
    'cannot change property value',
    'a QMP client changing a live backend; not met when starting a VM',
  ],
  [
    'qemu/qemu backends/hostmem-file.c',
    "property 'rom' = 'on' is not supported with 'readonly' = 'off'",
    'VM templating options (rom=, readonly=) set by hand; unrelated to the VFIO path',
  ],
  [
    'qemu/qemu backends/hostmem-file.c',
    "property 'rom' = 'off' is incompatible with 'readonly' = 'on' and 'share' = 'on'",
    'VM templating options set by hand; unrelated to the VFIO path',
  ],
  [
    'qemu/qemu backends/hostmem-file.c',
    "cannot change property 'mem-path' of %s",
    'a QMP client changing a live backend; not met when starting a VM',
  ],
  [
    'qemu/qemu system/physmem.c',
    "backing store align 0x%lx is larger than 'align' option 0x%lx",
    "align= set by hand smaller than the file's page size (persistent memory setups); not on the hugepage path libvirt generates",
  ],
  [
    'qemu/qemu system/physmem.c',
    'Consider opening the backing store read-only but still creating writable RAM using \'-object memory-backend-file,readonly=on,rom=off...\' (see "VM templating" documentation)',
    'hint appended to "can\'t open backing store %s for guest RAM", which qemu.backing-store-open-failed recognises',
  ],
  [
    'qemu/qemu system/physmem.c',
    'ram_block_discard_range: Failed to discard range %s:%lx +%zx (%d)',
    'balloon/virtio-mem discards; with an assigned device QEMU disables uncoordinated discarding, so this is not on the VFIO path',
  ],
  [
    'qemu/qemu system/physmem.c',
    'Could not remap addr: %lx@%lx',
    'remapping after a host memory error (MCE) recovery; not a setup problem',
  ],
  [
    'qemu/qemu hw/core/qdev.c',
    "unknown type '%s'",
    'printed for any unknown QOM type name; the device-model wording people meet is recognised by qemu.device-model-unknown',
  ],
  [
    'qemu/qemu accel/kvm/kvm-all.c',
    '%s: error unregistering slot: %s',
    'KVM refusing to delete a memory slot while a region goes away; QEMU aborts on an internal inconsistency, not on a host setup problem',
  ],
  [
    'qemu/qemu hw/pci-bridge/pcie_root_port.c',
    "Can't add Root Port capability, error %d",
    "hint after pci_add_capability()'s own error for the port, which cannot fail for QEMU's fixed capability layout unless a property was set by hand",
  ],
  [
    'qemu/qemu hw/pci-bridge/pcie_root_port.c',
    "Can't init SSV ID, error %d",
    'subsystem-ID capability of a port; only fails on a QEMU bug',
  ],
  [
    'qemu/qemu hw/vfio/helpers.c',
    'vfio: unsupported write size, %u bytes',
    'hw_error() for an access size the region MemoryRegionOps never pass (1 to 8 bytes are allowed); a QEMU bug',
  ],
  [
    'qemu/qemu hw/vfio/helpers.c',
    'vfio: unsupported read size, %u bytes',
    'hw_error() for an access size the region MemoryRegionOps never pass; a QEMU bug',
  ],
  [
    'qemu/qemu hw/pci/msix.c',
    'The number of MSI-X vectors is invalid',
    'a table size outside 1–2048, which the 11-bit MSI-X size field of a real device cannot encode; only an emulated device with a bad property reaches it',
  ],
];

export const QEMU_SWEEP_ALSO = ALSO_ROWS.map(([id, file, format, text]) => ({ id, file, format, text }));
export const QEMU_SWEEP_LEFT_OUT = LEFT_OUT_ROWS.map(([file, format, why]) => ({ file, format, why }));
