/**
 * QEMU hw/vfio messages found by going through the format strings of hw/vfio/pci.c,
 * pci-quirks.c, igd.c, display.c, device.c, container-legacy.c and listener.c (QEMU 2.x to 10.x)
 * that the other QEMU catalogue files did not recognise: interrupt plumbing (eventfds, MSI-X,
 * INTx through KVM), ROM and BAR probing after a reset, MSI-X relocation, device-type checks,
 * vIOMMU compatibility, the QEMU 10 IGD configuration paths and mediated-device displays. Each
 * explanation says what the code checks when it prints the line.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';
import { errnoName } from './qemu.js';

const QEMU = 'qemu-system-x86_64: ';
const DEV = (bdf: string) => `${QEMU}-device vfio-pci,host=${bdf}: vfio ${bdf}: `;
/** A strerror() text after a colon, as error_setg_errno(), %m and strerror() print it. */
const ERR = '(?::\\s?(?<err>[A-Z][A-Za-z /-]{2,60}))?';
/** A device name as QEMU prints vbasedev.name: a host address or an mdev UUID. */
const NAME = '(?<dev>[0-9a-fA-F:.-]{7,40})';

/** eventfd() fails for the file-descriptor limit far more often than for anything else. */
function eventfdRefine(f: Readonly<Record<string, string>>): Refinement | undefined {
  const e = errnoName(f);
  if (e === 'ENFILE')
    return {
      cause:
        'eventfd() failed because the whole host ran out of file handles (fs.file-max), not only this process',
      fix: 'raise fs.file-max (sysctl -w fs.file-max=…) and find the process holding the handles',
    };
  if (e === 'ENOMEM')
    return {
      cause: 'eventfd() failed for lack of kernel memory',
      fix: 'free host memory, then start the VM again',
    };
  return undefined;
}

/**
 * "Failed to set vIOMMU: REASON" (hw/vfio/pci.c vfio_pci_realize() prefixing the vIOMMU's
 * set_iommu_device refusal) carries whichever model refused: intel-iommu's vtd_check_hiod() (aw-bits,
 * first-stage translation / x-flts, and after Zhenzhong Duan's 2025 rework caching mode), virtio-iommu's page-size mask
 * and reserved-region checks (hw/virtio/virtio-iommu.c), arm-smmuv3's feature checks. Only the
 * aw-bits reason has its own reading above; the others get the refusal they name, so that the entry
 * never explains them as an address-width mismatch.
 */
function viommuReason(reason: string | undefined): Refinement | undefined {
  if (!reason || /^aw-bits/.test(reason)) return undefined;
  const r = reason.trim();
  const base = `the VM's vIOMMU checked the host device behind this assigned device and refused it: "${r}". QEMU asks the vIOMMU model (intel-iommu, virtio-iommu, arm-smmuv3) whether it can represent the host IOMMU that really translates for the device; this reason is that model's answer`;
  if (/caching.?mode/i.test(r))
    return {
      cause: `${base}. intel-iommu can only keep an assigned device's host mappings in step with the guest's when caching-mode=on makes the guest report every mapping it creates`,
      fix: "add caching-mode=on to the intel-iommu device (-device intel-iommu,caching-mode=on; libvirt <iommu model='intel'><driver caching_mode='on'/></iommu>)",
    };
  if (/scalable|x-flts|first.?stage|stage-1|nest/i.test(r))
    return {
      cause: `${base}. intel-iommu's first-stage translation (x-scalable-mode=on,x-flts=on; the posted patches called it scalable modern mode, x-scalable-mode=modern, which upstream QEMU does not accept: x-scalable-mode is a boolean) hands the guest's first-stage page tables to the host IOMMU as a nested translation; that needs an iommufd backend and a host VT-d that supports nesting with the same features, and this host device (or QEMU release) does not meet it`,
      fix: 'drop x-flts=on from the intel-iommu device (legacy or scalable mode without first-stage translation shadows the guest mappings instead), or back the device with iommufd (-object iommufd,id=iommufd0 -device vfio-pci,...,iommufd=iommufd0) on a host whose VT-d supports nesting',
    };
  if (/page.{0,8}mask|granul|page size/i.test(r))
    return {
      cause: `${base}. virtio-iommu advertises one page-size mask to the guest; the host IOMMU behind this device maps in larger pages than the mask already in force (often a 64 KiB-page host, or a device hot-plugged after the guest froze the granule at boot)`,
      fix: 'set the virtio-iommu granule to the host page size (-device virtio-iommu-pci,granule=64k on 64 KiB-page hosts) or cold-plug the device so the mask is set before the guest starts',
    };
  if (/reserved/i.test(r))
    return {
      cause: `${base}. The host's reserved IOVA ranges for this device (the MSI window, RMRR or other reserved regions) conflict with the ranges virtio-iommu already told the guest about`,
      fix: 'cold-plug the device instead of hot-plugging it, so its reserved regions are known before the guest probes the vIOMMU; check the host reserved regions in /sys/kernel/iommu_groups/N/reserved_regions',
    };
  return {
    cause: base,
    fix: 'match the vIOMMU options to what the reason names, use another vIOMMU model, or drop the vIOMMU if the guest does not need one',
  };
}

export const QEMU_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- interrupts (hw/vfio/pci.c) ----
  {
    id: 'qemu.eventfd-init-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_notifier_init() (older: vfio_intx_enable(), vfio_msi_enable(), vfio_msix_vector_do_use() calling event_notifier_init())',
    format: 'vfio_notifier_init %s failed',
    versions:
      'QEMU 10.1+: "vfio 0000:01:00.0: vfio_notifier_init intx-interrupt failed: %s" (names intx-interrupt, intx-unmask, interrupt, kvm_interrupt, err_notifier, req_notifier); QEMU 4.x–10.0: "event_notifier_init failed" (INTx, with the errno) and "event_notifier_init failed eoi" (a warning); QEMU ≤ 3.x: "vfio: Error: event_notifier_init failed" for MSI/MSI-X vectors',
    patterns: [
      new RegExp(`vfio_notifier_init (?<name>[\\w-]{1,24}) failed${ERR}`),
      new RegExp(`event_notifier_init failed${ERR}$`),
      /vfio [\w:.-]{3,64}:[ ]event_notifier_init failed eoi/,
    ],
    severity: 'error',
    title: 'QEMU could not create an eventfd for an interrupt',
    cause:
      'every interrupt of an assigned device is delivered through an eventfd (one per MSI/MSI-X vector, two for INTx with KVM, one each for the error and request notifiers); eventfd() failed, almost always because the QEMU process reached its open-file limit (RLIMIT_NOFILE, "Too many open files") — a device with hundreds of MSI-X vectors, or several such devices, needs as many descriptors. The vector it was for stays without an interrupt, so the guest driver times out',
    fix: 'raise the open-file limit of QEMU (ulimit -n 65536; LimitNOFILE= in the systemd unit; libvirt: max_files in /etc/libvirt/qemu.conf), then restart the VM',
    refine: eventfdRefine,
    render: render(DEV('0000:01:00.0'), 'intx-interrupt'),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: vfio_notifier_init intx-interrupt failed: Too many open files',
        { name: 'intx-interrupt', errno: 'EMFILE' },
      ),
      ex('qemu-system-x86_64: vfio: Error: event_notifier_init failed'),
      ex('qemu-system-x86_64: warning: vfio 0000:01:00.0: event_notifier_init failed eoi'),
    ],
  },
  {
    id: 'qemu.msix-enable-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msix_vector_do_use() / vfio_msix_enable()',
    format: 'vfio: failed to enable vectors, %s',
    versions:
      'QEMU 8.1+ prints the strerror() text; also "vfio: failed to enable MSI-X, %s" when the guest enables MSI-X with no vector in use; QEMU ≤ 8.0: "vfio: failed to enable vectors, %d" (the number, recognised by qemu.msi-setup-failed)',
    patterns: [/vfio: failed to enable (?<what>vectors|MSI-X), (?<err>[A-Z][A-Za-z /-]{2,60})/],
    severity: 'error',
    title: 'The host refused to enable MSI-X vectors for the guest',
    cause:
      'the guest enabled MSI-X vectors and QEMU asked vfio-pci (VFIO_DEVICE_SET_IRQS) to allocate them on the host; the kernel refused: the host ran out of interrupt vectors or interrupt-remapping entries ("No space left on device"), the device\'s MSI-X table cannot be programmed ("Invalid argument", often a device that stopped answering), or an eventfd was invalid. The device\'s interrupts stay off and its guest driver times out',
    fix: 'read dmesg at the same moment (vfio-pci and the IOMMU driver log the reason); if vectors ran out ("No space left on device"), lower the number of queues/vectors the guest driver asks for, or free host interrupt vectors (fewer busy host devices); a device that stopped answering needs a reset or a host power cycle',
    render: render(QEMU, 'Invalid argument'),
    examples: [
      ex('qemu-system-x86_64: vfio: failed to enable vectors, Invalid argument', {
        what: 'vectors',
        errno: 'EINVAL',
      }),
      ex('qemu-system-x86_64: vfio: failed to enable MSI-X, No space left on device', { what: 'MSI-X' }),
    ],
  },
  {
    id: 'qemu.intx-irqfd-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_intx_disable_kvm() (and, QEMU ≤ 3.1, vfio_intx_enable_kvm())',
    format: 'vfio: Error: Failed to disable INTx irqfd: %m',
    versions:
      'QEMU ≤ 3.1 also "vfio: Error: Failed to setup INTx unmask fd: %m" when the resample (unmask) eventfd could not be given to vfio-pci',
    patterns: [new RegExp(`vfio: Error: Failed to (?<what>disable INTx irqfd|setup INTx unmask fd)${ERR}`)],
    severity: 'warning',
    title: 'The KVM fast path for a legacy (INTx) interrupt could not be changed',
    cause:
      "QEMU routes a device's legacy INTx interrupt straight through KVM (an irqfd plus a resample eventfd) and re-routes it whenever the guest changes the interrupt routing; removing (or, on old QEMU, adding) that route failed. The interrupt then goes through QEMU instead — it still works, only slower — unless the device itself stopped answering",
    fix: 'usually nothing; if the guest loses interrupts from the device, switch its guest driver to MSI (Windows: MSI mode in the registry; Linux: most drivers use MSI by default) and read dmesg for a device error',
    render: render(QEMU, 'Invalid argument'),
    examples: [
      ex('qemu-system-x86_64: vfio: Error: Failed to disable INTx irqfd: Invalid argument', {
        what: 'disable INTx irqfd',
        errno: 'EINVAL',
      }),
      ex('qemu-system-x86_64: vfio: Error: Failed to setup INTx unmask fd: Bad file descriptor'),
    ],
  },
  // ---- ROM, BARs and config space (hw/vfio/pci.c) ----
  {
    id: 'qemu.rom-probe-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_size_rom()',
    format: '%s(%s) failed: %m',
    versions: 'QEMU 10.1+: "%s(%s) ROM access failed" (no errno)',
    patterns: [new RegExp(`vfio_pci_size_rom\\(${NAME}\\) (?:ROM access failed|failed${ERR})`)],
    severity: 'warning',
    title: "QEMU could not size the device's option ROM BAR",
    cause:
      "to give the guest a ROM BAR of the same size, QEMU reads the ROM BAR register, writes all ones, reads the size back and restores it; one of those config-space accesses through vfio-pci failed (the device stopped answering, is in D3cold, or was removed). The guest gets no option ROM for the device, so firmware that needs it (a GPU's GOP driver) shows no picture",
    fix: 'check the device answers (lspci -s BDF -vv shows no "!!! Unknown header type"), power-cycle it or the host if not; or give the ROM from a file: romfile=/path/to/rom (a dump made with `vfiokit rom`)',
    render: render(QEMU, 'vfio_pci_size_rom', '0000:01:00.0', 'Input/output error'),
    examples: [
      ex('qemu-system-x86_64: vfio_pci_size_rom(0000:01:00.0) failed: Input/output error', {
        dev: '0000:01:00.0',
        errno: 'EIO',
      }),
      ex('qemu-system-x86_64: vfio_pci_size_rom(0000:01:00.0) ROM access failed'),
    ],
  },
  {
    id: 'qemu.post-reset-bar-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_post_reset()',
    format: '%s(%s) reset bar %d failed: %m',
    versions: 'QEMU 10.1+ prints strwriteerror() (the errno text, or "short write")',
    patterns: [
      new RegExp(
        `vfio_pci_post_reset\\(${NAME}\\) reset bar (?<bar>\\d) failed(?::\\s?(?<err>[A-Za-z][A-Za-z /-]{2,60}))?`,
      ),
    ],
    severity: 'error',
    title: 'After a reset QEMU could not clear a BAR of the device',
    cause:
      'after every device reset QEMU writes zero to the six BAR registers so that the guest firmware assigns them again; the config-space write through vfio-pci failed, which means the device did not come back from the reset (it answers nothing, or sits in D3cold)',
    fix: 'the device did not survive the reset: check dmesg for the reset method and "not ready" lines; devices without a working reset (many AMD GPUs) need vendor-reset or a host power cycle; don\'t reset the VM while the device is in that state',
    render: render(QEMU, 'vfio_pci_post_reset', '0000:01:00.0', 0, 'No such device'),
    examples: [
      ex('qemu-system-x86_64: vfio_pci_post_reset(0000:01:00.0) reset bar 0 failed: No such device', {
        bar: '0',
        errno: 'ENODEV',
      }),
    ],
  },
  {
    id: 'qemu.bar-read-error',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_bar_prepare()',
    format: 'vfio: Failed to read BAR %d: %s',
    versions: 'QEMU 10.1+ wording; older "vfio: Failed to read BAR %d (%m)" is qemu.bar-read-failed',
    patterns: [/vfio: Failed to read BAR (?<bar>\d): (?<err>[A-Za-z][A-Za-z /-]{2,60})/],
    severity: 'error',
    title: 'QEMU could not read a BAR register of the device',
    cause:
      'QEMU reads each BAR register through vfio-pci to learn its type (I/O, 32- or 64-bit memory); the read failed, so the device does not answer config space (powered down in D3cold, fallen off the bus, or hung after a failed reset). The BAR is left out and the guest driver fails',
    fix: 'check the device with lspci -s BDF -vv; keep it powered (vfio-pci disable_idle_d3=1) or power-cycle the host to recover it',
    render: render(QEMU, 0, 'Input/output error'),
    examples: [ex('qemu-system-x86_64: vfio: Failed to read BAR 0: Input/output error', { bar: '0' })],
  },
  {
    id: 'qemu.msix-relocation-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_relocate_msix()',
    format: 'No automatic MSI-X relocation available for device %04x:%04x',
    versions:
      'also "Invalid MSI-X relocation BAR %d, I/O port BAR", "Invalid MSI-X relocation BAR %d, consumed by 64-bit BAR %d", "Invalid MSI-X relocation BAR %d, no space to extend 32-bit BAR" (QEMU 2.12+)',
    patterns: [
      /No automatic MSI-X relocation available for device (?<vendor>[0-9a-f]{4}):(?<device>[0-9a-f]{4})/,
      /Invalid MSI-X relocation BAR (?<bar>\d), (?<why>I\/O port BAR|consumed by 64-bit BAR \d|no space to extend 32-bit BAR)/,
    ],
    severity: 'error',
    title: 'x-msix-relocation cannot be applied as given',
    cause:
      "x-msix-relocation moves the device's MSI-X table into another (new or doubled) BAR so that the table's host page no longer blocks mapping the rest of a BAR; x-msix-relocation=auto has no device list yet (it always refuses), and a BAR given by hand cannot be used when it is an I/O BAR, the upper half of a 64-bit BAR, or a 32-bit BAR already larger than 1 GiB",
    fix: 'give a free BAR number by hand (x-msix-relocation=bar2 … bar5 where the device has no BAR, or a 64-bit memory BAR), or drop the option — it only helps performance on hosts with 64 KiB pages',
    render: render(`${DEV('0000:01:00.0')}`, 0x10de, 0x1db4),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-msix-relocation=auto: vfio 0000:01:00.0: No automatic MSI-X relocation available for device 10de:1db4',
        { vendor: '10de', device: '1db4' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-msix-relocation=bar1: vfio 0000:01:00.0: Invalid MSI-X relocation BAR 1, consumed by 64-bit BAR 0',
        { bar: '1' },
      ),
    ],
  },
  {
    id: 'qemu.device-not-pci',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_populate_device() / vfio_pci_populate_device()',
    format: "this isn't a PCI device",
    versions: 'also "unexpected number of io regions %u" and "unexpected number of irqs %u"',
    patterns: [/this isn't a PCI device/, /unexpected number of (?<what>io regions|irqs) (?<n>\d{1,3})/],
    severity: 'error',
    title: 'The VFIO device given to vfio-pci is not a PCI device',
    cause:
      "vfio-pci checks the device's VFIO_DEVICE_GET_INFO: it must carry the PCI flag and at least the PCI regions (BARs, ROM, config) and interrupt types (INTx, MSI, MSI-X); the device named by sysfsdev= (often a mediated device of another type, such as an s390 vfio-ap/ccw or a platform mdev) or by host= bound to a non-PCI vfio driver does not",
    fix: 'use the device model that matches the vfio driver (vfio-ap, vfio-ccw, vfio-platform), or point sysfsdev= at the PCI device or the PCI mdev (ls /sys/bus/mdev/devices/UUID/mdev_type shows its parent)',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/4b20d080-1b54-4048-85b3-a6a62d165c01: vfio 4b20d080-1b54-4048-85b3-a6a62d165c01: this isn't a PCI device",
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: unexpected number of irqs 2',
        {
          what: 'irqs',
          n: '2',
        },
      ),
    ],
  },
  {
    id: 'qemu.device-info-read-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_populate_device() ("failed to get config info") / vfio_msix_early_setup() ("failed to get MSI-X irq info")',
    format: 'failed to get config info',
    versions: 'QEMU 8.1+ also "failed to get MSI-X irq info" (VFIO_DEVICE_GET_IRQ_INFO, for dynamic MSI-X)',
    patterns: [new RegExp(`(?:failed to get config info|failed to get MSI-X irq info)${ERR}`)],
    severity: 'error',
    title: "QEMU could not read the device's config-space or MSI-X description",
    cause:
      'QEMU asks vfio-pci for the config-space region (VFIO_DEVICE_GET_REGION_INFO) and the MSI-X interrupt (VFIO_DEVICE_GET_IRQ_INFO) when it sets the device up; the ioctl failed, so the device went away or its vfio driver refused (a vendor variant driver, or an mdev whose parent driver failed)',
    fix: 'read dmesg at the same moment; check the device is present and bound to vfio-pci (vfiokit groups), then start the VM again',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to get config info: No such device',
        { errno: 'ENODEV' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to get MSI-X irq info: Invalid argument',
      ),
    ],
  },
  {
    id: 'qemu.invalid-class-code',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_config_setup()',
    format: 'invalid PCI class code provided',
    patterns: [/invalid PCI class code provided/],
    severity: 'error',
    title: 'x-pci-class-code is out of range',
    cause:
      'x-pci-class-code (QEMU 10.0+) takes the 24-bit class code (base class, subclass, programming interface); the value given is larger than 0xffffff',
    fix: 'give the three class bytes only, e.g. x-pci-class-code=0x030000 for a VGA controller',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-pci-class-code=0x1030000: vfio 0000:01:00.0: invalid PCI class code provided',
      ),
    ],
  },
  {
    id: 'qemu.ram-discard-mdev-only',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_realize() ("x-balloon-allowed …") / hw/vfio/container-legacy.c vfio_device_get() ("Inconsistent setting …")',
    format: 'x-balloon-allowed only potentially compatible with mdev devices',
    versions:
      'also "Inconsistent setting of support for discarding RAM (e.g., balloon) within group" when devices of one group disagree (QEMU 5.2+)',
    patterns: [
      /x-balloon-allowed only potentially compatible with mdev devices/,
      /Inconsistent setting of support for discarding RAM \(e\.g\., balloon\) within group/,
    ],
    severity: 'error',
    title: 'Ballooning was allowed on a device that pins guest memory',
    cause:
      'a physical device assigned with vfio-pci can DMA to any guest page, so QEMU pins all guest RAM and forbids the balloon or virtio-mem from discarding it; x-balloon-allowed=on lifts that only for mediated devices (whose vendor driver pins just what it uses), and every device of one IOMMU group must agree',
    fix: 'remove x-balloon-allowed from physical devices; for a balloon with passthrough, use virtio-mem (coordinated discarding) or drop the balloon',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-balloon-allowed=on: vfio 0000:01:00.0: x-balloon-allowed only potentially compatible with mdev devices',
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.1: vfio 0000:01:00.1: Inconsistent setting of support for discarding RAM (e.g., balloon) within group',
      ),
    ],
  },
  {
    id: 'qemu.fd-passing-needs-iommufd',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_get_name()',
    format: 'Use FD passing only with iommufd backend',
    patterns: [/Use FD passing only with iommufd backend/],
    severity: 'error',
    title: 'A passed device file descriptor needs the iommufd backend',
    cause:
      "-device vfio-pci,fd=N hands QEMU an already opened VFIO device cdev (/dev/vfio/devices/vfioN); such a descriptor can only be attached through iommufd, and the device has no iommufd= property (the legacy container needs the group and the device's name instead)",
    fix: 'add -object iommufd,id=iommufd0 and iommufd=iommufd0 to the device, or drop fd= and give host=BDF',
    render: render(`${QEMU}-device vfio-pci,fd=27: `),
    examples: [ex('qemu-system-x86_64: -device vfio-pci,fd=27: Use FD passing only with iommufd backend')],
  },
  {
    id: 'qemu.iommu-info-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container-legacy.c vfio_legacy_setup() (older: hw/vfio/container.c)',
    format: 'Failed to get VFIO IOMMU info',
    patterns: [new RegExp(`Failed to get VFIO IOMMU info${ERR}`)],
    severity: 'error',
    title: 'QEMU could not query the IOMMU of a new VFIO container',
    cause:
      'after attaching the first group to a new /dev/vfio/vfio container QEMU asks for the IOMMU page sizes and DMA limits (VFIO_IOMMU_GET_INFO); the type1 IOMMU driver refused, so the container is unusable — usually a kernel whose vfio_iommu_type1 does not match, or a container whose group was detached meanwhile',
    fix: 'check that vfio_iommu_type1 is loaded (lsmod) and matches the running kernel (reboot after a kernel update); read dmesg at the same moment',
    render: render(DEV('0000:01:00.0')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: Failed to get VFIO IOMMU info: Invalid argument',
        { errno: 'EINVAL' },
      ),
    ],
  },
  // ---- iommufd backend (hw/vfio/iommufd.c, backends/iommufd.c) ----
  {
    id: 'qemu.iommufd-vfio-dev-missing',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_getfd()',
    format: "couldn't open directory %s",
    versions:
      'QEMU 9.0+, prefixed "vfio /sys/bus/pci/devices/BDF/vfio-dev: "; also "failed to find vfio-dev/vfioX/dev", "failed to load \\"%s\\"" and "failed to get major:minor for \\"%s\\""',
    patterns: [
      new RegExp(`couldn't open directory (?<path>/sys/[\\w:./-]{1,200}/vfio-dev)${ERR}`),
      /failed to find vfio-dev\/vfioX\/dev/,
      /(?:failed to load|failed to get major:minor for) "(?<path>\/sys\/[^"\n]{1,200}\/dev)"/,
    ],
    severity: 'error',
    title: 'The device has no VFIO character device for iommufd',
    cause:
      'with iommufd=… QEMU opens the device through its VFIO cdev, which it finds under /sys/bus/pci/devices/BDF/vfio-dev/vfioN; that directory is missing, so the kernel was built without CONFIG_VFIO_DEVICE_CDEV (cdevs exist since Linux 6.6) or the device is not bound to vfio-pci',
    fix: 'bind the device to vfio-pci (vfiokit groups shows its driver); on a kernel without VFIO_DEVICE_CDEV drop iommufd= to use the legacy /dev/vfio/N group interface',
    render: render(
      `${QEMU}-device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: `,
      '/sys/bus/pci/devices/0000:01:00.0/vfio-dev',
    ),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: couldn't open directory /sys/bus/pci/devices/0000:01:00.0/vfio-dev: No such file or directory",
        { path: '/sys/bus/pci/devices/0000:01:00.0/vfio-dev', errno: 'ENOENT' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio /sys/bus/pci/devices/0000:01:00.0/vfio-dev: failed to find vfio-dev/vfioX/dev',
      ),
    ],
  },
  {
    id: 'qemu.iommufd-dev-iommu-unopenable',
    source: 'qemu',
    cite: 'qemu/qemu backends/iommufd.c iommufd_backend_connect() (qemu_open("/dev/iommu"))',
    format: "Could not open '/dev/iommu': %m",
    versions:
      'later QEMU opens /dev/iommu with qemu_open(), which words the failure this way; QEMU 8.2 printed "/dev/iommu opening failed" (qemu.iommufd-open-failed)',
    patterns: [new RegExp(`Could not open '/dev/iommu'${ERR}`)],
    severity: 'error',
    title: 'QEMU could not open /dev/iommu (iommufd)',
    cause:
      'the VM uses the iommufd backend (-object iommufd), and /dev/iommu is missing (kernel without CONFIG_IOMMUFD, or the iommufd module not loaded) or the QEMU user may not open it ("Permission denied": libvirt gives access itself, a hand-started QEMU needs it)',
    fix: 'modprobe iommufd on a kernel ≥ 6.2 with CONFIG_IOMMUFD and give the QEMU user access to /dev/iommu and /dev/vfio/devices/vfioN, or drop -object iommufd to use the legacy container',
    refine: (f) =>
      errnoName(f) === 'EACCES'
        ? {
            cause:
              '/dev/iommu exists but the QEMU process may not open it (it is usually root-only; libvirt opens it and passes the descriptor)',
            fix: 'run QEMU through libvirt, or give its user access with a udev rule for /dev/iommu and /dev/vfio/devices/*',
          }
        : undefined,
    render: render(`${QEMU}-object iommufd,id=iommufd0: `, 'No such file or directory'),
    examples: [
      ex(
        "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: Could not open '/dev/iommu': No such file or directory",
        {
          errno: 'ENOENT',
        },
      ),
    ],
  },
  {
    id: 'qemu.iommufd-alloc-failed',
    source: 'qemu',
    cite: 'qemu/qemu backends/iommufd.c iommufd_backend_alloc_ioas() / iommufd_backend_alloc_hwpt() / iommufd_backend_get_device_info()',
    format: 'Failed to allocate ioas',
    versions: 'QEMU 8.2+; also "Failed to allocate hwpt" (9.1+) and "Failed to get hardware info" (9.1+)',
    patterns: [new RegExp(`(?:Failed to allocate (?<what>ioas|hwpt)|Failed to get hardware info)${ERR}`)],
    severity: 'error',
    title: 'iommufd refused to set up an IO address space for the device',
    cause:
      'with iommufd QEMU creates an IO address space (IOAS) or hardware page table (hwpt) for the device\'s IOMMU and asks for the IOMMU\'s capabilities; the kernel refused: out of memory, an IOMMU driver without iommufd support for this device ("Operation not supported"), or a device that was not bound to the iommufd first',
    fix: 'read dmesg at the same moment; update the kernel (iommufd matured from 6.6 on) or drop iommufd= to use the legacy container',
    render: render(
      `${QEMU}-device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: `,
      'Cannot allocate memory',
    ),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: Failed to allocate hwpt: Operation not supported',
        { what: 'hwpt', errno: 'EOPNOTSUPP' },
      ),
    ],
  },
  {
    id: 'qemu.iommufd-iova-ranges-fallback',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_get_info_iova_range()',
    format: 'Cannot get IOVA ranges',
    versions:
      'QEMU 8.2+, a warning followed by the hint "Fallback to default 64bit IOVA range and 4K page size"',
    patterns: [
      new RegExp(`Cannot get IOVA ranges${ERR}`),
      /Fallback to default 64bit IOVA range and 4K page size/,
    ],
    severity: 'warning',
    title: 'QEMU could not learn the usable IOVA ranges from iommufd',
    cause:
      'QEMU asks iommufd (IOMMU_IOAS_IOVA_RANGES) which DMA addresses the host IOMMU can map, to keep guest memory and the vIOMMU inside them; the query failed, so QEMU assumes all 64 bits and 4 KiB pages. Nothing breaks unless guest memory or a BAR lands in a reserved range (the MSI window, an RMRR), where the mapping then fails',
    fix: 'usually nothing; if DMA mappings fail afterwards, update the kernel or use the legacy container (drop iommufd=)',
    render: render(`${QEMU}warning: `),
    examples: [
      ex('qemu-system-x86_64: warning: Cannot get IOVA ranges: Inappropriate ioctl for device', {
        errno: 'ENOTTY',
      }),
    ],
  },
  {
    id: 'qemu.hot-reset-device-not-owned',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/iommufd.c iommufd_cdev_pci_hot_reset()',
    format: 'vfio: Cannot reset device %s, depends on device %04x:%02x:%02x.%x which is not owned.',
    versions:
      'QEMU 9.0+ with iommufd; the legacy container prints "… depends on group %d which is not owned." (qemu.hot-reset-group-not-owned)',
    patterns: [
      /vfio: Cannot reset device (?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]), depends on device (?<dep>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) which is not owned/,
    ],
    severity: 'warning',
    title: 'A bus reset would hit a device this VM does not own',
    cause:
      'the device has no function-level reset, so QEMU tries a secondary bus reset, which resets every device on the same bus or slot; another device there (another function of the card, or a device behind the same bridge) is not assigned to this VM through the same iommufd, so the kernel would not allow it and QEMU skips the reset. The device keeps the state the last guest left it in',
    fix: "assign every function of the card to the same VM (the GPU's audio function too), or move the card to a slot of its own; devices that need a reset between boots may then work",
    render: render(QEMU, '0000:01:00.0', 0, 1, 0, 1),
    examples: [
      ex(
        'qemu-system-x86_64: vfio: Cannot reset device 0000:01:00.0, depends on device 0000:01:00.1 which is not owned.',
        { bdf: '0000:01:00.0', dep: '0000:01:00.1' },
      ),
    ],
  },
  // ---- vIOMMU (hw/vfio/pci.c, hw/i386/intel_iommu.c, system/memory.c) ----
  {
    id: 'qemu.viommu-set-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_realize() ("Failed to set vIOMMU: ") with hw/i386/intel_iommu.c vtd_check_hiod()',
    format: 'Failed to set vIOMMU: aw-bits %d > host aw-bits %d',
    versions:
      'QEMU 9.1+ prefixes the vIOMMU\'s refusal with "Failed to set vIOMMU: "; with intel-iommu the reason is "aw-bits %d > host aw-bits %d" (QEMU 10.1: "… host aw-bits 0x%lx") or "host device is unsupported in scalable modern mode yet"; QEMU 9.2 raised the intel-iommu default aw-bits from 39 to 48',
    patterns: [
      /Failed to set vIOMMU: aw-bits (?<guest>\d{2}) > host aw-bits (?<host>(?:0x)?[0-9a-fA-F]{1,4})/,
      /Failed to set vIOMMU: (?<reason>[^\n]{1,160})/,
    ],
    severity: 'error',
    title: 'The guest IOMMU does not fit the host IOMMU behind the device',
    cause:
      'with a virtual IOMMU (intel-iommu, virtio-iommu) QEMU checks each assigned device against the host IOMMU that really translates for it; the check failed. With "aw-bits N > host aw-bits M" the guest IOMMU promises a wider DMA address space (aw-bits, 48 by default since QEMU 9.2) than the host IOMMU\'s usable IOVA range (39 bits on most desktop VT-d), so guest DMA addresses could not be mapped',
    fix: "lower the guest IOMMU width to the host's: -device intel-iommu,aw-bits=39 (libvirt: <iommu model='intel'><driver aw_bits='39'/></iommu>), or drop the vIOMMU if the guest does not need it",
    refine: (f) =>
      viommuReason(f.reason) ??
      (f.guest
        ? {
            cause: `the guest IOMMU was given aw-bits=${f.guest} (the default since QEMU 9.2 is 48), but the host IOMMU translating for this device covers only ${f.host} bits of IOVA; a guest DMA address above that could not be mapped, so QEMU refuses the device`,
            fix: `set the guest IOMMU width to at most the host's: -device intel-iommu,aw-bits=${/^0x/.test(f.host ?? '') ? Number.parseInt(f.host, 16) : f.host} (libvirt: <iommu model='intel'><driver aw_bits='…'/></iommu>)`,
          }
        : undefined),
    render: render(DEV('0000:03:00.0'), 48, 39),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0,id=hostdev0,bus=pci.5,addr=0x0: vfio 0000:03:00.0: Failed to set vIOMMU: aw-bits 48 > host aw-bits 39',
        { guest: '48', host: '39' },
      ),
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: vfio 0000:03:00.0: Failed to set vIOMMU: host device is unsupported in scalable modern mode yet',
      ),
    ],
  },
  {
    id: 'qemu.viommu-map-non-ram',
    source: 'qemu',
    cite: 'qemu/qemu system/memory.c memory_translate_iotlb() (older: memory_get_xlat_addr(), hw/vfio/common.c vfio_get_xlat_addr()) and hw/vfio/listener.c vfio_iommu_map_notify()',
    format: 'iommu map to non memory area %lx',
    versions:
      'also "iommu map to discarded memory (e.g., unplugged via virtio-mem): %lx", "iommu has granularity incompatible with target AS" (QEMU ≤ 5.x) and "Wrong target AS \\"%s\\", only system memory is allowed"',
    patterns: [
      /iommu map to (?<what>non memory area|discarded memory) /,
      /iommu has granularity incompatible with target AS/,
      /Wrong target AS "(?<as>[^"\n]{1,40})"[,][ ]only system memory is allowed/,
    ],
    severity: 'warning',
    title: 'The guest IOMMU mapped a device to something that is not guest RAM',
    cause:
      "with a virtual IOMMU, QEMU copies each guest IOMMU mapping into the host IOMMU; this guest mapping points at an address that is not RAM (an MMIO region such as another device's BAR or the MSI doorbell), at memory a virtio-mem device has unplugged, or into a non-system address space, so QEMU cannot pin it and skips it. A DMA by the device to that address will fault on the host",
    fix: 'usually a guest driver mapping peer-to-peer or MSI addresses: harmless if the device works; otherwise use a guest kernel with iommu=pt for the device or drop the vIOMMU; with virtio-mem check the guest did not hand unplugged memory to the device',
    render: render(`${QEMU}-device vfio-pci,host=0000:0b:00.0: `, 0x4079c000),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,host=0000:0b:00.0,bus=pcie.1: iommu map to non memory area 4079c000',
        { what: 'non memory area' },
      ),
      ex('qemu-system-x86_64: iommu has granularity incompatible with target AS'),
    ],
  },
  // ---- guest memory backends (backends/hostmem*.c, util/memfd.c) ----
  {
    id: 'qemu.memfd-create-failed',
    source: 'qemu',
    cite: 'qemu/qemu util/memfd.c qemu_memfd_create() (memory-backend-memfd)',
    format: 'failed to create memfd with flags 0x%x',
    versions:
      'QEMU 2.12+; also "failed to resize memfd to %zu" (ftruncate), "Hugepage size must be a power of 2" and, on hosts without memfd, "failed to create memfd"',
    patterns: [
      new RegExp(`failed to create memfd(?: with flags 0x(?<flags>[0-9a-fA-F]{1,8}))?${ERR}`),
      new RegExp(`failed to resize memfd to (?<size>\\d{1,20})${ERR}`),
      /Hugepage size must be a power of 2/,
    ],
    severity: 'error',
    title: 'A memfd memory backend could not be created',
    cause:
      'memory-backend-memfd (used by libvirt for <memoryBacking><source type=\'memfd\'/>) creates guest RAM with memfd_create(); with hugetlb=on the kernel refuses a hugetlbsize it has no pool for ("Invalid argument": 1 GiB pages not enabled with hugepagesz=1G, or a size that is not a page size), and ftruncate() refuses a size that is not a whole number of huge pages',
    fix: 'make the guest memory a multiple of the huge page size, and use a hugetlbsize the host has a pool for (ls /sys/kernel/mm/hugepages; boot with hugepagesz=1G hugepages=N for 1 GiB pages); `vfiokit doctor --memory SIZE` checks the pool',
    refine: (f) =>
      f.size
        ? {
            cause: `ftruncate() refused ${f.size} bytes for the memfd: with hugetlb=on the size must be a whole number of huge pages (2 MiB or 1 GiB), and the guest memory or a NUMA node's share of it is not`,
            fix: 'round the guest memory (and each NUMA node size) up to a multiple of the huge page size',
          }
        : undefined,
    render: render(
      `${QEMU}-object memory-backend-memfd,id=mem,size=8G,hugetlb=on,hugetlbsize=1G: `,
      0x78000007,
    ),
    examples: [
      ex(
        'qemu-system-x86_64: -object memory-backend-memfd,id=mem,size=8G,hugetlb=on,hugetlbsize=1G: failed to create memfd with flags 0x78000007: Invalid argument',
        { flags: '78000007', errno: 'EINVAL' },
      ),
      ex(
        'qemu-system-x86_64: -object memory-backend-memfd,hugetlb=on,size=3m,id=tmp: failed to resize memfd to 3145728: Invalid argument',
        {
          size: '3145728',
        },
      ),
    ],
  },
  {
    id: 'qemu.memory-policy-invalid',
    source: 'qemu',
    cite: 'qemu/qemu backends/hostmem.c host_memory_backend_memory_complete() / host_memory_backend_set_host_nodes()',
    format: 'host-nodes must be set for policy %s',
    versions:
      'also "host-nodes must be empty for policy default, or you should explicitly specify a policy other than default", and on a QEMU built without libnuma "NUMA node binding are not supported by this QEMU" / "NUMA policies are not supported by this QEMU"',
    patterns: [
      /host-nodes must be (?<what>set for policy (?<policy>\w{1,12})|empty for policy default)/,
      /NUMA (?:node binding are|policies are)[ ]not supported by this QEMU/,
    ],
    severity: 'error',
    title: "The memory backend's NUMA policy and host nodes do not go together",
    cause:
      'a memory backend binds guest RAM to host NUMA nodes with host-nodes= and policy= (libvirt <numatune><memory mode=… nodeset=…/>); a policy other than default needs host-nodes, host-nodes need a policy other than default, and both need a QEMU built with libnuma',
    fix: 'give both (policy=bind,host-nodes=0) or neither; with a distribution QEMU without NUMA support drop <numatune> or use one built with it',
    render: render(`${QEMU}-object memory-backend-ram,id=ram0,size=8G,policy=bind: `, 'bind'),
    examples: [
      ex(
        'qemu-system-x86_64: -object memory-backend-ram,id=ram0,size=8G,policy=bind: host-nodes must be set for policy bind',
        {
          policy: 'bind',
        },
      ),
    ],
  },
  {
    id: 'qemu.memory-backend-file-config',
    source: 'qemu',
    cite: 'qemu/qemu backends/hostmem-file.c file_backend_memory_alloc()',
    format: 'mem-path property not set',
    versions: 'also "can\'t create backend with size 0"',
    patterns: [/mem-path property not set/, /can't create backend with size 0/],
    severity: 'error',
    title: 'memory-backend-file is missing its path or size',
    cause:
      'memory-backend-file (hugepage-backed guest RAM: mem-path=/dev/hugepages) needs mem-path= (the hugetlbfs mount or a file) and a non-zero size=; one is missing, often from a hand-written -object line or a -numa node without a size',
    fix: 'give both, e.g. -object memory-backend-file,id=mem,size=8G,mem-path=/dev/hugepages,share=on,prealloc=on',
    render: render(`${QEMU}-object memory-backend-file,id=mem,size=8G: `),
    examples: [
      ex('qemu-system-x86_64: -object memory-backend-file,id=mem,size=8G: mem-path property not set'),
    ],
  },
  // ---- display (hw/vfio/pci.c, hw/vfio/display.c) ----
  {
    id: 'qemu.display-size-needs-edid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_realize()',
    format: 'xres and yres properties require display=on',
    versions: 'also "xres and yres properties need edid support" (QEMU 4.1+)',
    patterns: [/xres and yres properties (?<what>require display=on|need edid support)/],
    severity: 'error',
    title: 'xres/yres were given without a vGPU display that takes them',
    cause:
      'xres= and yres= set the preferred resolution QEMU writes into the EDID of a mediated vGPU display; they need display=on, and the vendor driver must offer the EDID region (Intel GVT-g offers it; most other vGPU drivers and physical GPUs do not)',
    fix: 'add display=on for a vGPU with a display, or remove xres/yres (set the resolution inside the guest instead)',
    render: render(DEV('4b20d080-1b54-4048-85b3-a6a62d165c01')),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/4b20d080-1b54-4048-85b3-a6a62d165c01,xres=1920,yres=1080: vfio 4b20d080-1b54-4048-85b3-a6a62d165c01: xres and yres properties require display=on',
        { what: 'require display=on' },
      ),
    ],
  },
  {
    id: 'qemu.mdev-display-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/display.c vfio_display_region_update() / vfio_display_edid_init()',
    format: 'ioctl VFIO_DEVICE_QUERY_GFX_PLANE: %s',
    versions:
      'also "%s: vfio_region_setup(%d): %s", "%s: vfio_region_mmap(%d): %s" (region displays) and "vfio: failed to read GFX edid field" (QEMU 2.12+)',
    patterns: [
      new RegExp(`ioctl VFIO_DEVICE_QUERY_GFX_PLANE${ERR}`),
      /vfio_display_region_update: vfio_region_(?<what>setup|mmap)\(\d{1,2}\)/,
      /vfio: failed to read GFX edid field/,
    ],
    severity: 'warning',
    title: "QEMU could not read the vGPU's display",
    cause:
      "with display=on QEMU polls the mediated vGPU's current plane (VFIO_DEVICE_QUERY_GFX_PLANE) and maps the framebuffer region or imports it as a dma-buf; the vendor driver refused the query or the mapping (the guest has not set a mode yet, the vGPU was reset, or the vendor driver does not support region displays). The QEMU window stays black while the guest may run fine",
    fix: 'use a vGPU type and driver that supports display=on (Intel GVT-g with a dma-buf capable UI: -display gtk,gl=on or egl-headless), or drop display=on and use a remote desktop inside the guest',
    render: render(QEMU, 'Invalid argument'),
    examples: [
      ex('qemu-system-x86_64: ioctl VFIO_DEVICE_QUERY_GFX_PLANE: Invalid argument', { errno: 'EINVAL' }),
      ex('qemu-system-x86_64: vfio_display_region_update: vfio_region_mmap(9): Invalid argument', {
        what: 'mmap',
      }),
    ],
  },
  // ---- migration (hw/vfio/migration.c) ----
  {
    id: 'qemu.migration-dirty-tracking-missing',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/migration.c vfio_migration_realize()',
    format: "%s: VFIO device doesn't support device and IOMMU dirty tracking",
    versions: 'QEMU 8.1–9.0: "%s: VFIO device doesn\'t support device dirty tracking"',
    patterns: [
      /(?<dev>[0-9a-fA-F:.-]{7,40}):[ ]VFIO device doesn't support device (?:and IOMMU )?dirty tracking/,
    ],
    severity: 'info',
    title: 'The device can migrate, but nothing tracks the memory it writes',
    cause:
      "the device's vfio variant driver supports migration, but neither the device nor the host IOMMU (iommufd dirty tracking) can report which guest pages it wrote by DMA; with enable-migration=auto QEMU then blocks migration, with enable-migration=on it allows it and treats all pinned memory as dirty (slow)",
    fix: 'nothing to do to run the VM; for migration use iommufd (-object iommufd) on a host IOMMU with dirty tracking (AMD with HDSup, Intel with SLADS), or accept the slower migration with enable-migration=on',
    render: render(`${QEMU}warning: `, '0000:01:00.0'),
    examples: [
      ex(
        "qemu-system-x86_64: warning: 0000:01:00.0: VFIO device doesn't support device and IOMMU dirty tracking",
        {
          dev: '0000:01:00.0',
        },
      ),
    ],
  },
];
