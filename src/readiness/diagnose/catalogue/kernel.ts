/**
 * Catalogue entries for messages printed by Linux: drivers/vfio, drivers/iommu (core, Intel, AMD),
 * drivers/pci (reset, power, ACS quirks, resource assignment, ROM, AER, VGA arbiter) and the
 * firmware framebuffer drivers. The format strings were read from the upstream tree and checked
 * against the strings of a built kernel (Debian 6.1); where a message's wording changed between
 * kernel versions, `versions` says how and the patterns accept each wording.
 *
 * Patterns run on one log line (timestamps and syslog prefixes may still be there, so they match
 * the body anywhere in the line). The device a dev_printk() line is about comes from its
 * "driver 0000:01:00.0: " prefix, which the matcher reads itself.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import {
  correctedAerByLayer,
  refineAmdPageFault,
  refineDmarFault,
  refineIntrRemapFault,
  refineResetWait,
} from './refinements.js';

/** bus:dev.fn without a domain, as DMAR and old AMD-Vi lines print it. */
const SBDF = '(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
/** A printed struct resource (%pR), e.g. "[mem 0xe0000000-0xefffffff 64bit pref]". */
const RANGE = '\\[[^\\]\\n]{1,100}\\]';
const BUILT = 'built from the format string';

/** errno numbers as the kernel prints them (negative), for explanations that depend on them. */
const ERRNO: Record<string, string> = {
  '-1': 'EPERM',
  '-2': 'ENOENT',
  '-5': 'EIO',
  '-12': 'ENOMEM',
  '-16': 'EBUSY',
  '-19': 'ENODEV',
  '-22': 'EINVAL',
  '-110': 'ETIMEDOUT',
};

/**
 * kernel.probe-failed for the newest VFIO variant drivers, whose probe fails for their own reasons:
 * nvgrace-gpu-vfio-pci waits for the GPU to be ready, xe-vfio-pci needs an xe PF.
 */
function refineVariantProbe(f: Readonly<Record<string, string>>): Refinement | undefined {
  // drivers/vfio/pci/nvgrace-gpu/main.c nvgrace_gpu_wait_device_ready(): -ETIME after 30 s.
  if (f.driver === 'nvgrace_gpu_vfio_pci' && f.err === '-62')
    return {
      cause:
        'nvgrace-gpu-vfio-pci (Grace Hopper / Grace Blackwell GPUs) polls two BAR0 status registers for 30 s before taking the GPU, and they never read ready (ETIME): the GPU memory (HBM) training had not finished or the CPU-GPU chip-to-chip (C2C) coherent link is not up. The GPU is left unbound',
      fix: "re-probe once the GPU has finished initialising (echo the address to /sys/bus/pci/drivers/nvgrace_gpu_vfio_pci/bind, or reload the module); if it stays unready, check the GPU's health and firmware (nvidia-smi on the host driver, the platform's BMC/SEL log) and power-cycle the node",
    };
  // drivers/vfio/pci/xe/main.c xe_vfio_pci_vf_init(): no xe PF for this VF.
  if (f.driver === 'xe-vfio-pci' && f.err === '-19')
    return {
      cause:
        "xe-vfio-pci takes an Intel GPU SR-IOV VF only when the VF's PF is driven by the xe driver, whose SR-IOV PF support it calls for migration and VF resets; no xe PF was found for this VF (ENODEV): the PF is on i915 or another driver, or xe on the PF was unloaded",
      fix: 'bind the PF to xe (with SR-IOV PF mode enabled) before creating the VFs, or use plain vfio-pci for the VF if you need neither migration nor the PF-side reset handling',
    };
  // drivers/vfio/vfio_main.c __vfio_register_dev(): -EINVAL (with a WARN) for a variant driver whose
  // ops have iommufd bind but not attach_ioas/detach_ioas; -EINVAL also without an IOMMU group.
  if (/[-_]vfio[-_]pci$/.test(f.driver ?? '') && f.err === '-22')
    return {
      cause: `the vfio variant driver ${f.driver} could not register the device with the VFIO core (EINVAL). With a "WARNING: … at drivers/vfio/vfio_main.c … __vfio_register_dev" just before it, the driver's vfio_device_ops lack an iommufd callback on a kernel built with CONFIG_IOMMUFD (pds_vfio_pci had no detach_ioas from 6.6 until fe24d5bc635e, Linux 6.16 and the 6.6/6.12 stable releases of August 2025); without it, as for vfio-pci, the device has no IOMMU group`,
      fix: 'with the __vfio_register_dev warning: update to a kernel with the fix for that driver, or bind the device to plain vfio-pci meanwhile; otherwise enable the IOMMU (vfiokit doctor)',
    };
  return undefined;
}

/** The host's runtime power management, not the guest, put a device into D3cold. */
const D3COLD_CAUSE =
  "the device was in D3cold: the host's runtime power management powered it off because nothing was using it (vfio-pci puts idle devices into low-power states; since Linux 6.0 it also uses runtime PM, and the platform can cut power in D3cold). The guest did not cause this: the device was idle on the host. When power came back the device did not answer";
const D3COLD_FIX =
  'keep the device powered while it is bound to vfio-pci: options vfio-pci disable_idle_d3=1 (in /etc/modprobe.d/), or echo on > /sys/bus/pci/devices/<address>/power/control; then power-cycle the host to recover this one';

/**
 * What the errno of a failed IRQ-bypass registration says (virt/lib/irqbypass.c
 * irq_bypass_register_producer(): -EBUSY for a token already registered; the consumer's
 * add_producer() errno otherwise, e.g. -ENOENT from KVM on POWER, arch/powerpc/kvm/book3s_hv.c).
 */
/** GICv3 ITS command error codes (include/linux/irqchip/arm-gic-v3.h, "ITS error numbers"). */
const ITS_ERRORS: Record<number, string> = {
  65799: 'E_ITS_MOVI_UNMAPPED_INTERRUPT',
  65801: 'E_ITS_MOVI_UNMAPPED_COLLECTION',
  66311:
    "E_ITS_INT_UNMAPPED_INTERRUPT (the device ID / event ID pair has no translation in the guest's virtual ITS)",
  66823: 'E_ITS_CLEAR_UNMAPPED_INTERRUPT',
  67585: 'E_ITS_MAPD_DEVICE_OOR',
  67586: 'E_ITS_MAPD_ITTSIZE_OOR',
  67842: 'E_ITS_MAPC_PROCNUM_OOR',
  67843: 'E_ITS_MAPC_COLLECTION_OOR',
  68100: 'E_ITS_MAPTI_UNMAPPED_DEVICE',
  68101: 'E_ITS_MAPTI_ID_OOR',
  68102: 'E_ITS_MAPTI_PHYSICALID_OOR',
  68615: 'E_ITS_INV_UNMAPPED_INTERRUPT',
  68873: 'E_ITS_INVALL_UNMAPPED_COLLECTION',
  69121: 'E_ITS_MOVALL_PROCNUM_OOR',
  69383: 'E_ITS_DISCARD_UNMAPPED_INTERRUPT',
};
function itsError(code: number): string {
  const hex = `0x${code.toString(16).padStart(6, '0')}`;
  const name = ITS_ERRORS[code];
  return name ? `${code} = ${hex}, ${name}` : `${code} = ${hex}, an ITS error code`;
}

function refineIrqBypass(f: Readonly<Record<string, string>>): Refinement | undefined {
  const err = Number(f.err);
  if (f.side === 'consumer' && f.err === '-16')
    return {
      title:
        'KVM could not register an irqfd for IRQ bypass: the eventfd already has a consumer (posted interrupts off for it)',
      cause:
        "irq_bypass_register_consumer() returned -EBUSY: an IRQ-bypass consumer with the same token (the eventfd behind this irqfd) is already registered — another irqfd on the same eventfd is still alive. That happens when a VMM process hands a running VM to a new process (QEMU cpr-transfer / live update) while the old process still holds its KVM and irqfd descriptors, or when the VMM assigns one eventfd to two irqfds (or two VMs). The new irqfd still injects interrupts through the normal path, but the assigned device loses the bypass (posted interrupts / vLPI), and if the old irqfd keeps the producer the device's interrupts can go to the old process",
      fix: 'make sure the previous VMM process has closed its KVM descriptors (its irqfds) before the new one assigns them — with cpr-transfer use a QEMU that closes the old KVM fds after the transfer; otherwise look for two irqfds on one eventfd in the VMM',
    };
  if (f.err === '-16')
    return {
      cause:
        'irq_bypass_register_producer() returned -EBUSY: a producer with the same token (the eventfd of this vector) is still registered. Either the previous registration of this vector was never removed — a stale entry left by an error or teardown path in vfio-pci or irqbypass, a kernel bug (fixes of this kind went upstream; a later "list_del corruption" or a crash confirms one) — or two vectors or devices were given the same eventfd by the VMM. Interrupts still reach the guest through the normal path',
      fix: 'if it appears once per vector after the guest re-programs MSI-X and nothing else follows, nothing is broken; if it repeats, or list corruption or a crash follows, update to the newest stable kernel of your series and report it with the log to kvm@vger.kernel.org',
    };
  if (err > 0x10000 && err < 0x20000)
    return {
      title:
        'Direct vLPI injection not set up for one vector: the guest has not mapped it in its virtual ITS (arm64 GICv4)',
      cause: `on arm64 with GICv4/4.1, KVM forwards an MSI straight to the guest (a vLPI) only for a vector the guest has mapped in its virtual ITS. The positive number is not an errno but an ITS error code from vgic_its_resolve_lpi(): ${itsError(err)}. The usual reason is that the VMM enabled more MSI vectors than the guest driver programs (QEMU enables a power-of-2 count, the driver uses fewer), so the unused vectors have no vITS mapping; those vectors simply stay on the normal injection path. Harmless for vectors the guest never uses`,
      fix: 'nothing is broken; if a vector the guest does use reports this, check that the guest driver programmed it (its MSI-X table entry and the vITS MAPTI) and update the host kernel',
    };
  if (f.err === '-2')
    return {
      cause:
        'the consumer (KVM) declined to set up bypass for this vector with -ENOENT. On POWER this is kvmppc_set_passthru_irq() refusing an interrupt that is not an OPAL MSI, which every KVM host inside a pSeries LPAR (nested) gets, for every vector; interrupts still reach the guest through the normal, slower path',
      fix: 'nothing is broken; a kernel that disables IRQ bypass on pSeries (2025) stops the line',
    };
  return undefined;
}

export const KERNEL_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- drivers/vfio
  {
    id: 'kernel.no-interrupt-remapping',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_iommu_type1_attach_group()',
    format:
      '%s: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform\n',
    versions:
      'Linux 3.6+: "%s: No interrupt remapping support.  Use the module param ..."; the legacy KVM device assignment (pci-assign, removed in 4.12) said "kvm_iommu_map_guest: No interrupt remapping support, disallowing device assignment. Re-enble with "allow_unsafe_assigned_interrupts=1" module option."; people often paste only the first sentence. QEMU relays the refusal as "Failed to set iommu for container: Operation not permitted"',
    patterns: [/No interrupt remapping support(?:[^\n]{0,120}(?<legacy>allow_unsafe_assigned_interrupts))?/],
    refine: (f) =>
      f.legacy
        ? {
            cause:
              'the old KVM device assignment (pci-assign, before Linux 4.12) refuses devices when the IOMMU cannot remap interrupts, so a guest could inject interrupts into the host',
            fix: 'move to VFIO (-device vfio-pci, libvirt <driver name="vfio"/>) and enable interrupt remapping in the firmware; the legacy option kvm.allow_unsafe_assigned_interrupts=1 trusts the guest completely',
          }
        : undefined,
    severity: 'error',
    title: 'No interrupt remapping',
    cause:
      "the IOMMU cannot remap (isolate) interrupts on this platform, so a guest could forge MSIs into the host; vfio_iommu_type1 refuses the group with EPERM. Printed inside a VM that passes a device on (nested passthrough), the IOMMU in question is the virtual one the VMM gives that VM: QEMU's intel-iommu or amd-iommu offers interrupt remapping only with intremap=on",
    fix: 'enable interrupt remapping / x2APIC in the firmware (look for "DMAR-IR: Enabled IRQ remapping" or "AMD-Vi: Interrupt remapping enabled" in dmesg afterwards); inside a VM, give it a virtual IOMMU with interrupt remapping (QEMU: -machine q35,kernel-irqchip=split -device intel-iommu,intremap=on,caching-mode=on; libvirt <iommu model="intel"><driver intremap="on" caching_mode="on"/></iommu> with <ioapic driver="qemu"/>); only if every guest is trusted: options vfio_iommu_type1 allow_unsafe_interrupts=1 in /etc/modprobe.d/',
    examples: [
      {
        text: 'kvm_iommu_map_guest: No interrupt remapping support, disallowing device assignment. Re-enble with "allow_unsafe_assigned_interrupts=1" module option.',
        origin: BUILT,
        facts: { legacy: 'allow_unsafe_assigned_interrupts' },
      },
      { text: 'vfio_iommu_type1_attach_group: No interrupt remapping support.', origin: BUILT },
      {
        text: '[  112.514313] vfio_iommu_type1_attach_group: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform',
        origin: BUILT,
      },
    ],
    render: { prefix: '', args: ['vfio_iommu_type1_attach_group'] },
  },
  {
    id: 'kernel.iommufd-unsafe-msi',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommufd/device.c iommufd_device_bind() (6.2: iommufd_device_setup_msi())',
    format:
      'MSI interrupts are not secure, they cannot be isolated by the platform. Check that platform features like interrupt remapping are enabled. Use the "allow_unsafe_interrupts" module parameter to override\n',
    versions: 'Linux 6.2+ (iommufd, used by QEMU with -object iommufd and by vfio cdev access)',
    patterns: [/MSI interrupts are not secure, they cannot be isolated by the platform/],
    severity: 'warning',
    title: 'Device assigned although its interrupts are not isolated',
    cause:
      "the platform cannot isolate this device's MSIs (no interrupt remapping), and iommufd accepted the device only because allow_unsafe_interrupts is set: a guest can forge interrupts into the host",
    fix: 'enable interrupt remapping in the firmware and drop allow_unsafe_interrupts; keep it only for fully trusted guests',
    examples: [
      {
        text: '[  301.992231] vfio-pci 0000:01:00.0: MSI interrupts are not secure, they cannot be isolated by the platform. Check that platform features like interrupt remapping are enabled. Use the "allow_unsafe_interrupts" module parameter to override',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: [] },
  },
  {
    id: 'kernel.memlock-exceeded',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_iommu_type1.c vfio_pin_pages_remote() / vfio_lock_acct()',
    format: '%s: RLIMIT_MEMLOCK (%ld) exceeded\n',
    versions:
      'older kernels print "%s: RLIMIT_MEMLOCK (%ld) exceeded"; 5.x+ also "%s: Task %s (%d) RLIMIT_MEMLOCK (%ld) exceeded"',
    patterns: [
      /Task (?<task>[^\s()]{1,32}) \((?<pid>\d{1,10})\) RLIMIT_MEMLOCK \((?<limit>\d{1,20})\) exceeded/,
      /RLIMIT_MEMLOCK \((?<limit>\d{1,20})\) exceeded/,
    ],
    severity: 'error',
    title: 'Locked-memory limit too low for the guest',
    cause:
      'VFIO pins all guest RAM for DMA and counts it against the process\'s RLIMIT_MEMLOCK; QEMU then fails its DMA mapping with ENOMEM ("vfio_dma_map(...) = -12"). The limit is shared with everything else the process locks: io_uring (QEMU\'s aio=io_uring) has its rings and registered buffers charged to the same locked-memory accounting on kernels that account them there, so a limit sized exactly to guest RAM can be exceeded once io_uring is in use',
    fix: 'raise the limit above guest RAM: libvirt does it itself (unless the domain has <memoryBacking><locked/> with a <memtune><hard_limit> that is too small); for plain QEMU use `ulimit -l unlimited` or LimitMEMLOCK=infinity in the systemd unit',
    examples: [
      {
        text: '[  365.159219] vfio_pin_pages_remote: RLIMIT_MEMLOCK (4194304) exceeded',
        origin: 'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/165',
        facts: { limit: '4194304' },
      },
      {
        text: 'vfio_pin_page_external: Task qemu-system-x86 (2296) RLIMIT_MEMLOCK (65536) exceeded',
        origin: 'https://github.com/intel/gvt-linux/issues/78',
        facts: { limit: '65536', task: 'qemu-system-x86', pid: '2296' },
      },
      {
        text: '[  +0.001779] vfio_pin_pages_remote: RLIMIT_MEMLOCK (65536) exceeded',
        origin: 'https://github.com/kubevirt/kubevirt/issues/8472',
        facts: { limit: '65536' },
      },
      {
        text: '[ 1520.778899] vfio_pin_pages_remote: RLIMIT_MEMLOCK (65536) exceeded',
        origin: BUILT,
        facts: { limit: '65536' },
      },
      {
        text: '[ 1520.778899] vfio_pin_pages_remote: Task qemu-system-x86 (4242) RLIMIT_MEMLOCK (8388608) exceeded',
        origin: BUILT,
        facts: { limit: '8388608', task: 'qemu-system-x86' },
      },
    ],
    render: { prefix: '', args: ['vfio_pin_pages_remote', 65536] },
  },
  {
    id: 'kernel.vfio-noiommu-opened',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_main.c vfio_device_open() (6.2+: drivers/vfio/group.c; before 5.19: drivers/vfio/vfio.c vfio_group_get_device_fd())',
    format: 'vfio-noiommu device opened by user (%s:%d)\n',
    patterns: [/vfio-noiommu device opened by user \((?<task>[^:()\n]{1,32}):(?<pid>\d{1,10})\)/],
    severity: 'warning',
    title: 'A device was opened without IOMMU protection',
    cause:
      'vfio is in no-IOMMU mode (enable_unsafe_noiommu_mode=1): the program that opened the device can DMA anywhere in host memory, and the kernel is tainted. This mode is for DPDK-style user-space drivers, not for guests',
    fix: 'for device assignment to a VM enable the IOMMU instead (intel_iommu=on / AMD IOMMU in the firmware; `vfiokit doctor` shows its state) and remove enable_unsafe_noiommu_mode',
    examples: [
      {
        text: '[ 3021.112311] vfio-pci 0000:03:00.0: vfio-noiommu device opened by user (dpdk-testpmd:2711)',
        origin: BUILT,
        facts: { bdf: '0000:03:00.0', task: 'dpdk-testpmd' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:03:00.0: ', args: ['dpdk-testpmd', 2711] },
  },
  {
    id: 'kernel.vfio-device-in-use-blocked',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_main.c vfio_unregister_group_dev() (older: drivers/vfio/vfio.c vfio_del_group_dev())',
    format: 'Device is currently in use, task "%s" (%d) blocked until device is released',
    patterns: [
      /Device is currently in use, task "(?<task>[^"\n]{1,32})" \((?<pid>\d{1,10})\) blocked until device is released/,
    ],
    severity: 'warning',
    title: 'Unbinding waits for the program using the device',
    cause:
      'something asked the kernel to remove the device from vfio-pci (driver unbind, rmmod, a libvirt managed detach, a PCI remove) while a VM or program still has it open; the task named in the message hangs until the device is released',
    fix: 'shut down the VM (or the program with the pid shown) that uses the device; do not unbind devices of running VMs. libvirt reattaches managed devices itself after the VM stops',
    examples: [
      {
        text: '[ 8421.009731] vfio-pci 0000:01:00.0: Device is currently in use, task "bash" (5512) blocked until device is released',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', task: 'bash', pid: '5512' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['bash', 5512] },
  },
  {
    id: 'kernel.vfio-request-no-channel',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_request() (older: drivers/vfio/pci/vfio_pci.c vfio_pci_request())',
    format: 'No device request channel registered, blocked until released by user\n',
    patterns: [/No device request channel registered, blocked until released by user/],
    severity: 'warning',
    title: 'The host wants the device back, but its user cannot be asked',
    cause:
      'the host is removing the device from vfio-pci (unbind, rmmod vfio-pci, a hot-unplug or a libvirt detach) while it is in use, and the program holding it registered no request eventfd (QEMU older than 2.3, or a non-QEMU user), so the kernel cannot ask it to let go and waits',
    fix: 'stop the VM or program using the device; with QEMU, detach it through QEMU (device_del / virsh detach-device) instead of unbinding it on the host',
    examples: [
      {
        text: '[ 9412.203310] vfio-pci 0000:03:00.0: No device request channel registered, blocked until released by user',
        origin: BUILT,
        facts: { bdf: '0000:03:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:03:00.0: ', args: [] },
  },
  {
    id: 'kernel.vfio-request-relay',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_request() (older: drivers/vfio/pci/vfio_pci.c vfio_pci_request())',
    format: 'Relaying device request to user (#%u)\n',
    patterns: [/Relaying device request to user \(#(?<count>\d{1,10})\)/],
    severity: 'info',
    title: 'The host asked the VM to release the device',
    cause:
      'the host is removing the device from vfio-pci while a VM uses it; vfio forwards the request to QEMU, which asks the guest to hot-unplug it. The first request is normal during a detach',
    fix: 'nothing for one or two requests; a growing count (#5, #10, ...) means the guest ignores the unplug request: shut the VM down, or detach through libvirt/QEMU',
    refine: (f) =>
      Number(f.count) >= 3
        ? {
            severity: 'warning',
            cause:
              'the host has asked repeatedly for the device back and the guest has not released it: the guest OS ignores or cannot complete the hot-unplug request (Windows guests often refuse to eject a GPU in use)',
          }
        : undefined,
    examples: [
      {
        text: '[ 9402.118221] vfio-pci 0000:03:00.0: Relaying device request to user (#0)',
        origin: BUILT,
        facts: { bdf: '0000:03:00.0', count: '0' },
      },
      {
        text: '[ 9452.118310] vfio-pci 0000:03:00.0: Relaying device request to user (#10)',
        origin: BUILT,
        facts: { count: '10' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:03:00.0: ', args: [0] },
  },
  {
    id: 'kernel.vfio-hiding-cap',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_cap_init()',
    format: '%s: hiding cap %#x@%#x\n',
    versions:
      'Linux 5.x+: dev_dbg/pci_info "vfio_cap_init: hiding cap ..." on the device; older: "vfio_cap_init: 0000:01:00.0 hiding cap ..."',
    patterns: [
      /vfio_cap_init: (?:[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7] )?hiding cap (?<cap>(?:0x)?[0-9a-fA-F]{1,4})@(?<offset>0x[0-9a-fA-F]{1,4})/,
    ],
    severity: 'info',
    title: 'vfio-pci hides a PCI capability from the guest (harmless)',
    cause:
      'vfio-pci does not expose capabilities it cannot virtualise safely (here a standard capability; 0x0 is a null entry some devices have in their list). This is normal and does not stop the device from working',
    fix: 'nothing to do; this line is not the cause of a failure',
    examples: [
      {
        text: '[18741.692206] vfio-pci 0000:8d:00.0: vfio_cap_init: hiding cap 0x0@0x68',
        origin: 'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/4453',
        facts: { bdf: '0000:8d:00.0', cap: '0x0', offset: '0x68' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:8d:00.0: ', args: ['vfio_cap_init', 0, 0x68] },
  },
  {
    id: 'kernel.vfio-hiding-ecap',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_ecap_init()',
    format: '%s: hiding ecap %#x@%#x\n',
    versions:
      'Linux 5.x+: "vfio-pci 0000:01:00.0: vfio_ecap_init: hiding ecap ..."; older: "vfio_ecap_init: 0000:41:00.0 hiding ecap ..."',
    patterns: [
      /vfio_ecap_init: (?:[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7] )?hiding ecap (?<cap>0x[0-9a-fA-F]{1,4})@(?<offset>0x[0-9a-fA-F]{1,4})/,
    ],
    severity: 'info',
    title: 'vfio-pci hides a PCIe extended capability from the guest (harmless)',
    cause:
      'vfio-pci hides extended capabilities it does not virtualise (0x19 Secondary PCIe, 0x1e L1 PM Substates, 0x25 Data Link Feature, 0x26/0x27 Physical Layer 16/32 GT/s, ...). Every GPU prints a few of these; they are normal',
    fix: 'nothing to do; look elsewhere in the log for the failure',
    examples: [
      {
        text: '[ 5634.188698] vfio-pci 0000:01:00.0: vfio_ecap_init: hiding ecap 0x19@0x270',
        origin: 'https://github.com/gnif/vendor-reset/issues/72',
        facts: { bdf: '0000:01:00.0', cap: '0x19', offset: '0x270' },
      },
      {
        text: 'Dec 06 09:04:26 208 kernel: vfio-pci 0000:01:00.0: vfio_ecap_init: hiding ecap 0x19@0x900',
        origin: 'https://github.com/kata-containers/kata-containers/issues/10622',
        facts: { bdf: '0000:01:00.0', cap: '0x19', offset: '0x900' },
      },
      {
        text: '[  224.992830] vfio_ecap_init: 0000:41:00.0 hiding ecap 0x19@0x100',
        origin: 'https://github.com/spdk/spdk/issues/1857',
        facts: { bdf: '0000:41:00.0', cap: '0x19' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['vfio_ecap_init', 0x19, 0x900] },
  },
  {
    id: 'kernel.vfio-config-conflict',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_cap_init() / vfio_ecap_init()',
    format: '%s: PCI config conflict @%#x, was cap %#x now cap %#x\n',
    versions: 'the extended-capability form says "was ecap %#x now ecap %#x"',
    patterns: [
      /PCI config conflict @(?<offset>0x[0-9a-fA-F]{1,4}), was e?cap (?<was>0x[0-9a-fA-F]{1,4}) now e?cap (?<now>0x[0-9a-fA-F]{1,4})/,
    ],
    severity: 'warning',
    title: "The device's capability list overlaps itself",
    cause:
      'two capabilities in the config space claim the same bytes: a device with a broken capability chain, or one whose config space reads back garbage (a device that is half reset or powered down)',
    fix: 'check the device with `lspci -vvv -s <address>` as root; if the capabilities look wrong after a VM ran, the device did not reset: power-cycle the host; otherwise report the device to linux-pci',
    examples: [
      {
        text: '[  301.442113] vfio-pci 0000:05:00.0: vfio_ecap_init: PCI config conflict @0x100, was ecap 0x1 now ecap 0xb',
        origin: BUILT,
        facts: { bdf: '0000:05:00.0', offset: '0x100' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:05:00.0: ', args: ['vfio_cap_init', 0x68, 0x5, 0x10] },
  },
  {
    id: 'kernel.vfio-reset-recovery-bars',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_config.c vfio_bar_restore()',
    format: '%s: reset recovery - restoring BARs\n',
    patterns: [/reset recovery - restoring BARs/],
    severity: 'warning',
    title: 'The device lost its BAR settings behind vfio-pci',
    cause:
      'vfio-pci found the device\'s BARs cleared while the guest used it: the device reset itself (some GPUs do when their guest driver unloads or crashes), it dropped into D3 or off the link and came back, or a reset (a secondary bus reset above it) left it answering before it was ready, so the BAR restore after the reset did not stick. The last one follows kernel updates: the wait after a bus reset was reworked in 2023 ("PCI: Unify delay handling for reset and resume", 6.4, taken into the stable kernels of the time), and a device without link-active reporting that needs the old fixed 1-second delay after a bus reset is then touched too early — a kernel regression for that device. vfio-pci restores the BARs, but the guest driver\'s state is gone',
    fix: 'if it started with a kernel update, boot the previous kernel to confirm and report it to linux-pci with the device named (a longer delay after the secondary bus reset fixes it); if the guest then hangs or its driver fails, the device does not survive this reset: use vendor-reset for AMD GPUs, update the guest driver, and check dmesg for AER or power-state lines around this one',
    examples: [
      {
        text: '[ 6021.331002] vfio-pci 0000:0b:00.0: vfio_bar_restore: reset recovery - restoring BARs',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0b:00.0: ', args: ['vfio_bar_restore'] },
  },
  {
    id: 'kernel.vfio-runtime-resume-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_main.c vfio_device_pm_runtime_get(), drivers/vfio/pci/vfio_pci_core.c',
    format: 'vfio: runtime resume failed %d\n',
    versions: 'Linux 5.19+/6.0+ (vfio-pci runtime power management)',
    patterns: [/runtime resume failed (?<err>-?\d{1,5})/],
    severity: 'error',
    title: 'vfio could not wake the device from runtime suspend',
    cause:
      "the host had put the idle device into a low-power state (runtime PM, possibly D3cold) and could not bring it back when the VM opened it; this is the host's power management, not the guest",
    fix: D3COLD_FIX,
    examples: [
      {
        text: '[ 1203.004401] vfio-pci 0000:01:00.0: vfio: runtime resume failed -5',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', err: '-5' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: [-5] },
  },
  {
    id: 'kernel.vfio-irq-bypass-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_intrs.c vfio_msi_set_vector_signal(); virt/kvm/eventfd.c kvm_irqfd_assign() (consumer); arch/arm64/kvm/vgic/vgic-v4.c kvm_vgic_v4_set_forwarding() (ITS codes)',
    format: 'irq bypass producer (token %p) registration fails: %d\n',
    versions:
      'Linux 6.17+: "irq bypass producer (eventfd %p) registration fails: %d"; KVM\'s side, virt/kvm/eventfd.c kvm_irqfd_assign(): "irq bypass consumer (token %p) registration fails: %d" (6.17+: "(eventfd %p)"); arm64 returns positive GICv3 ITS error codes (e.g. 66311 = 0x10307), printed with or without a space after the colon',
    patterns: [
      /irq bypass (?<side>producer|consumer) \((?:token|eventfd) [^)\n]{1,40}\) registration fails: ?(?<err>-?\d{1,6})/,
    ],
    severity: 'info',
    title: 'Posted interrupts not set up for one vector (performance only)',
    cause:
      'vfio could not register the MSI vector for IRQ bypass (posted interrupts); interrupts still reach the guest through the normal path. -16 (EBUSY) means the eventfd is already registered, typical when the guest re-programs MSI-X',
    fix: 'nothing is broken; only if interrupt latency matters check that the CPU supports posted interrupts (Intel VT-d PI / AMD AVIC)',
    refine: refineIrqBypass,
    examples: [
      {
        text: '[  510.331288] vfio-pci 0000:01:00.0: irq bypass producer (token 00000000a5b7b5e3) registration fails: -16',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', err: '-16' },
      },
      {
        text: '[  310.120044] irq bypass consumer (token 000000001c2d3e4f) registration fails: -16',
        origin: BUILT,
        facts: { side: 'consumer', err: '-16' },
      },
      {
        text: 'vfio-pci 0000:05:00.0: irq bypass producer (token 00000000deadbeef) registration fails:66311',
        origin: BUILT,
        facts: { bdf: '0000:05:00.0', side: 'producer', err: '66311' },
      },
      {
        text: 'vfio-pci 0000:05:00.0: irq bypass producer (eventfd 00000000deadbeef) registration fails: -16',
        origin: BUILT,
        facts: { side: 'producer', err: '-16' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['00000000a1b2c3d4', -16] },
  },
  {
    id: 'kernel.vfio-intx-masking-broken',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_enable() (older: vfio_pci.c vfio_pci_enable())',
    format: 'Masking broken INTx support\n',
    patterns: [/Masking broken INTx support/],
    severity: 'info',
    title: 'vfio-pci hides the INTx interrupt of a device known to break it (harmless)',
    cause:
      "this device is on the kernel's list of devices whose legacy INTx masking does not work (several Intel NICs); vfio-pci hides INTx so the guest driver uses MSI/MSI-X",
    fix: 'nothing to do; guests with MSI-capable drivers are unaffected',
    examples: [
      {
        text: '[  402.100921] vfio-pci 0000:02:00.0: Masking broken INTx support',
        origin: BUILT,
        facts: { bdf: '0000:02:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:02:00.0: ', args: [] },
  },
  {
    id: 'kernel.vfio-vf-driver-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_bus_notifier()',
    format: 'VF %s bound to driver %s while PF bound to driver %s\n',
    patterns: [
      /VF (?<vf>[0-9a-fA-F:.]{7,16}) bound to driver (?<driver>[\w-]{1,32}) while PF bound to driver (?<pfdriver>[\w-]{1,32})/,
    ],
    severity: 'warning',
    title: 'An SR-IOV VF went to a host driver while its PF is on vfio-pci',
    cause:
      'the PF is assigned through vfio-pci (a user-space PF driver), yet one of its VFs was bound to a host driver; the VF depends on the PF driver in user space',
    fix: 'bind the VFs to vfio-pci too (driver_override), or give the PF back to its host driver',
    examples: [
      {
        text: '[  880.120011] vfio-pci 0000:3b:00.0: VF 0000:3b:02.0 bound to driver ixgbevf while PF bound to driver vfio-pci',
        origin: BUILT,
        facts: { driver: 'ixgbevf', pfdriver: 'vfio-pci' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:3b:00.0: ', args: ['0000:3b:02.0', 'ixgbevf', 'vfio-pci'] },
  },
  {
    id: 'kernel.vfio-pf-sriov-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_register_device() (older: vfio_pci.c vfio_pci_probe())',
    format: 'Cannot bind to PF with SR-IOV enabled\n',
    patterns: [/Cannot bind to PF with SR-IOV enabled/],
    severity: 'error',
    title: 'vfio-pci refuses a PF whose VFs are enabled',
    cause:
      'the physical function already has SR-IOV VFs enabled (by its host driver); vfio-pci refuses to take the PF (-EBUSY)',
    fix: 'disable the VFs first (echo 0 > /sys/bus/pci/devices/<PF>/sriov_numvfs), then bind the PF to vfio-pci; to assign VFs, leave the PF on its host driver and bind only the VFs',
    examples: [
      {
        text: '[  310.441100] vfio-pci 0000:3b:00.0: Cannot bind to PF with SR-IOV enabled',
        origin: BUILT,
        facts: { bdf: '0000:3b:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:3b:00.0: ', args: [] },
  },
  {
    id: 'kernel.vfio-pci-denylist',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci.c vfio_pci_dev_in_denylist() / vfio_pci_probe()',
    format: '%04x:%04x exists in vfio-pci device denylist, driver probing disallowed.\n',
    versions:
      'Linux 5.12+: "denylist"; 5.9–5.11: "exists in vfio-pci device blacklist, driver probing disallowed."',
    patterns: [
      /(?:^|\s)(?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4}) exists in vfio-pci device (?:denylist|blacklist), driver probing disallowed/,
    ],
    severity: 'error',
    title: 'vfio-pci refuses this device model',
    cause:
      "the device is on vfio-pci's deny list (Intel QuickAssist PFs, whose VFs need the PF on the host driver); vfio-pci will not bind it",
    fix: "assign the device's VFs instead; if you really need the PF: options vfio-pci disable_denylist=1",
    examples: [
      {
        text: '[   45.201131] vfio-pci 0000:3d:00.0: 8086:37c8 exists in vfio-pci device denylist, driver probing disallowed.',
        origin: BUILT,
        facts: { bdf: '0000:3d:00.0', vendor: '8086', device: '37c8' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:3d:00.0: ', args: [0x8086, 0x37c8] },
  },
  {
    id: 'kernel.vfio-pci-invalid-id',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci.c vfio_pci_fill_ids()',
    format: 'vfio_pci: invalid id string "%s"\n',
    patterns: [/vfio_pci: invalid id string "(?<ids>[^"\n]{0,100})"/],
    severity: 'error',
    title: 'vfio-pci.ids= has a malformed entry',
    cause:
      'an entry of the ids= option (kernel command line vfio-pci.ids= or options vfio-pci ids=) is not vendor:device[:subvendor[:subdevice[:class[:class_mask]]]] in hex; vfio-pci ignores it and binds nothing for it',
    fix: 'write the ids as comma-separated hex pairs, e.g. vfio-pci.ids=10de:1b80,10de:10f0 (no spaces, no 0x); `lspci -nn` shows them in brackets',
    examples: [
      {
        text: '[    3.551022] vfio_pci: invalid id string "10de:1b80;10de:10f0"',
        origin: BUILT,
        facts: { ids: '10de:1b80;10de:10f0' },
      },
    ],
    render: { prefix: '', args: ['10de:1b80;10de:10f0'] },
  },
  {
    id: 'kernel.vfio-pci-add-id',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci.c vfio_pci_fill_ids()',
    format: 'vfio_pci: add [%04x:%04x[%04x:%04x]] class %#08x/%08x\n',
    patterns: [/vfio_pci: add \[(?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4})\[/],
    severity: 'info',
    title: 'vfio-pci took an id from vfio-pci.ids= (good)',
    cause:
      'vfio-pci registered this vendor:device from its ids= option and will claim matching devices that have no driver yet',
    fix: 'nothing to do; if the device still ends up on another driver, that driver loaded first: add softdep <driver> pre: vfio-pci in /etc/modprobe.d/ (or blacklist it) and rebuild the initramfs',
    examples: [
      {
        text: '[    3.744930] vfio_pci: add [10de:1c8c[ffffffff:ffffffff]] class 0x000000/00000000                        ',
        origin: 'https://github.com/jscinoz/optimus-vfio-docs/issues/2',
        facts: { vendor: '10de', device: '1c8c' },
      },
      {
        text: '[    3.551022] vfio_pci: add [10de:1b80[ffffffff:ffffffff]] class 0x000000/00000000',
        origin: BUILT,
        facts: { vendor: '10de', device: '1b80' },
      },
    ],
    render: { prefix: '', args: [0x10de, 0x1b80, 0xffffffff, 0xffffffff, 0, 0] },
  },
  {
    id: 'kernel.vfio-pci-add-id-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci.c vfio_pci_fill_ids()',
    format: 'vfio_pci: failed to add dynamic id [%04x:%04x[%04x:%04x]] class %#08x/%08x (%d)\n',
    patterns: [
      /vfio_pci: failed to add dynamic id \[(?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4})\[[^\n]{0,60}\((?<err>-?\d{1,5})\)/,
    ],
    severity: 'error',
    title: 'vfio-pci could not register an id from ids=',
    cause: 'pci_add_dynid() failed for this vendor:device (-17 EEXIST: given twice; -12 ENOMEM)',
    fix: 'remove duplicate entries from vfio-pci.ids= / options vfio-pci ids=',
    examples: [
      {
        text: '[    3.551100] vfio_pci: failed to add dynamic id [10de:1b80[ffffffff:ffffffff]] class 0x000000/00000000 (-17)',
        origin: BUILT,
        facts: { vendor: '10de', err: '-17' },
      },
    ],
    render: { prefix: '', args: [0x10de, 0x1b80, 0xffffffff, 0xffffffff, 0, 0, -17] },
  },
  {
    id: 'kernel.vfio-igd-regions',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_enable() (older: vfio_pci.c vfio_pci_enable()); regions from vfio_pci_igd.c vfio_pci_igd_init()',
    format: 'Failed to setup Intel IGD regions\n',
    patterns: [/Failed to setup Intel IGD regions/],
    severity: 'warning',
    title: 'vfio-pci could not expose the IGD OpRegion / host bridge regions',
    cause:
      'for Intel integrated graphics vfio-pci exposes the ACPI OpRegion and the host/LPC bridge config as extra regions; the OpRegion address (ASLS, config 0xFC) was 0 or invalid, the bridges were not found, or — on kernels before 5.16 (49ba1a2976c8, "vfio/pci: Add OpRegion 2.0+ Extended VBT support") — the OpRegion is version 2.0 or later with its VBT in the extended region (RVDA), as on newer iGPUs (Gemini Lake, Ice Lake and later). The open of the device fails with it (QEMU: "error getting device from group N: Invalid argument"). Legacy IGD assignment (and display output in the guest) needs these',
    fix: "on a host kernel older than 5.16 with a newer iGPU, update the kernel; otherwise boot the host with the firmware's IGD enabled and not hidden (primary display = IGD for legacy mode); use UPT mode (x-igd-opregion=off, no VGA) if the platform has no OpRegion; see QEMU docs/igd-assign.txt",
    examples: [
      {
        text: '[  150.229411] vfio-pci 0000:00:02.0: Failed to setup Intel IGD regions',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:00:02.0: ', args: [] },
  },
  {
    id: 'kernel.vfio-loaded',
    source: 'kernel',
    cite: 'torvalds/linux drivers/vfio/vfio_main.c vfio_init() (older: drivers/vfio/vfio.c)',
    format: 'VFIO - User Level meta-driver version: 0.3\n',
    patterns: [/VFIO - User Level meta-driver version: (?<version>\d{1,3}\.\d{1,3})/],
    severity: 'info',
    title: 'The vfio module loaded (harmless)',
    cause: 'vfio announces itself when it loads; it says nothing about any device',
    fix: 'nothing to do',
    examples: [
      {
        text: '[ 3890.428022] VFIO - User Level meta-driver version: 0.3',
        origin: 'https://github.com/spdk/spdk/issues/447',
        facts: { version: '0.3' },
      },
    ],
    render: { prefix: '', args: [] },
  },

  // ---------------------------------------------------------------- drivers/iommu (core)
  {
    id: 'kernel.iommu-group-added',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_add_device()',
    format: 'Adding to iommu group %d\n',
    versions: 'Linux 4.19+: "<dev>: Adding to iommu group %d"; older: "iommu: Adding device %s to group %d"',
    patterns: [
      /Adding to iommu group (?<group>\d{1,6})\b/,
      /iommu: Adding device (?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) to group (?<group>\d{1,6})\b/,
    ],
    severity: 'info',
    title: 'Device joined an IOMMU group (harmless)',
    cause:
      'the IOMMU driver put the device into this group at boot or hot-plug; every device gets one such line when the IOMMU is on',
    fix: 'nothing to do; `vfiokit groups` shows which devices share the group (all of them go to the VM together)',
    examples: [
      {
        text: '[    2.689601] iommu: Adding device 0000:00:01.0 to group 0',
        origin: 'https://github.com/mikebdp2/AMD_coreboot_G505S_A88XM-E_AM1I-A_builds/issues/1',
        facts: { bdf: '0000:00:01.0', group: '0' },
      },
      {
        text: '[    0.647361] pci 0000:00:01.0: Adding to iommu group 94',
        origin: 'https://github.com/enarx/enarx/issues/2263',
        facts: { bdf: '0000:00:01.0', group: '94' },
      },
      {
        text: '[    0.621233] pci 0000:01:00.0: Adding to iommu group 12',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', group: '12' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: [12] },
  },
  {
    id: 'kernel.iommu-group-add-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_add_device()',
    format: 'Failed to add to iommu group %d: %d\n',
    patterns: [/Failed to add to iommu group (?<group>\d{1,6}): (?<err>-?\d{1,5})/],
    severity: 'error',
    title: 'A device could not join its IOMMU group',
    cause:
      'the kernel could not add the device to the group (out of memory, or a sysfs link conflict after a failed hot-plug); without a group vfio-pci cannot take the device',
    fix: 'reboot; if it repeats for the same device after every boot, report it with the full dmesg',
    examples: [
      {
        text: '[    0.733121] pci 0000:05:00.0: Failed to add to iommu group 17: -12',
        origin: BUILT,
        facts: { bdf: '0000:05:00.0', group: '17', err: '-12' },
      },
    ],
    render: { prefix: 'pci 0000:05:00.0: ', args: [17, -12] },
  },
  {
    id: 'kernel.iommu-default-domain',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_subsys_init()',
    format: 'iommu: Default domain type: %s %s\n',
    versions: 'Linux 5.10+',
    patterns: [
      /iommu: Default domain type: (?<type>Translated|Passthrough|Identity|DMA-FQ|DMA|[A-Za-z-]{1,20})/,
    ],
    severity: 'info',
    title: 'Host default IOMMU mode (harmless)',
    cause:
      'how the host\'s own drivers use the IOMMU: "Translated" (DMA API through the IOMMU) or "Passthrough" (iommu=pt: host devices bypass translation). Either works for VFIO: assigned devices always get their own translated domain',
    fix: 'nothing to do; iommu=pt only changes host-driver performance',
    examples: [
      {
        text: 'iommu: Default domain type: Passthrough',
        origin: 'https://github.com/fwupd/fwupd/issues/5304',
        facts: { type: 'Passthrough' },
      },
      {
        text: 'iommu: Default domain type: Translated',
        origin: 'https://github.com/fwupd/fwupd/issues/5304',
        facts: { type: 'Translated' },
      },
      {
        text: '[    0.512202] iommu: Default domain type: Translated ',
        origin: BUILT,
        facts: { type: 'Translated' },
      },
      {
        text: '[    0.512202] iommu: Default domain type: Passthrough (set via kernel command line)',
        origin: BUILT,
        facts: { type: 'Passthrough' },
      },
    ],
    render: { prefix: '', args: ['Translated', ''] },
  },
  {
    id: 'kernel.iommu-default-domain-fallback',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_alloc_default_domain()',
    format:
      'iommu: Failed to allocate default IOMMU domain of type %u for group %s - Falling back to IOMMU_DOMAIN_DMA\n',
    patterns: [
      /Failed to allocate default IOMMU domain of type (?<type>\d{1,3}) for group (?<groupname>[^\s]{0,32}) ?- Falling back to IOMMU_DOMAIN_DMA/,
    ],
    severity: 'info',
    title: 'Identity mapping not possible for a group; translated instead',
    cause:
      'the requested default domain (usually identity, from iommu=pt) is not supported for this group, so its host drivers use translated DMA',
    fix: 'nothing needed for VFIO; only host DMA performance of that group changes',
    examples: [
      {
        text: '[    0.802121] iommu: Failed to allocate default IOMMU domain of type 4 for group (null) - Falling back to IOMMU_DOMAIN_DMA',
        origin: BUILT,
        facts: { type: '4' },
      },
    ],
    render: { prefix: '', args: [4, '(null)'] },
  },
  {
    id: 'kernel.iommu-require-direct',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/iommu.c __iommu_device_set_domain()',
    format:
      'Firmware has requested this device have a 1:1 IOMMU mapping, rejecting configuring the device without a 1:1 mapping. Contact your platform vendor.\n',
    versions:
      'Linux 6.3+ (the core check, for Intel RMRR and AMD IVMD unity/exclusion ranges alike); older Intel kernels print "Device is ineligible for IOMMU domain attach due to platform RMRR requirement" instead',
    patterns: [
      /Firmware has requested this device have a 1:1 IOMMU mapping, rejecting configuring the device without a 1:1 mapping/,
    ],
    severity: 'error',
    title: 'Firmware demands a 1:1 mapping for the device, so it cannot be assigned',
    cause:
      'the ACPI tables reserve memory that this device must reach with addresses equal to physical ones (an Intel RMRR in DMAR, or an AMD IVMD entry in IVRS, e.g. for "Pre-boot DMA Protection", USB legacy emulation or a management engine); a guest domain cannot honour that, so VFIO refuses with -EINVAL ("Failed to set group container: Invalid argument" in QEMU)',
    fix: 'turn off the firmware feature that claims the device (Pre-boot DMA Protection / Kernel DMA Protection, iLO/iDRAC shared features, USB legacy support), update the firmware, or use another slot; the ACPI DMAR/IVRS table shows which device the region names',
    examples: [
      {
        text: 'Firmware has requested this device have a 1:1 IOMMU mapping, rejecting configuring the device without a 1:1 mapping. Contact your platform vendor.',
        origin: 'https://github.com/AltraMayor/gatekeeper/issues/718',
      },
      {
        text: 'vfio-pci 0000:01:00.0: Firmware has requested this device have a 1:1 IOMMU mapping, rejecting configuring the device without a 1:1 mapping. Contact your platform vendor.',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: [] },
  },
  {
    id: 'kernel.rmrr-ineligible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_attach_device() (device_is_rmrr_locked)',
    format:
      'Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.\n',
    versions:
      'Linux 3.17 – 6.2 (Intel only); 6.3+ print the core "Firmware has requested this device have a 1:1 IOMMU mapping" line instead',
    patterns: [/Device is ineligible for IOMMU domain attach due to platform RMRR requirement/],
    severity: 'error',
    title: 'Device locked by an RMRR (Intel)',
    cause:
      'the firmware declares a Reserved Memory Region for this device (an RMRR in the DMAR table: firmware keeps DMA to it, common on HP ProLiant and some Dell servers), so the kernel will not hand it to a guest domain',
    fix: 'update the firmware or turn off the vendor feature that uses the device (e.g. HP "Shared Memory Features"/iLO monitoring of that slot); otherwise use another slot or platform',
    examples: [
      {
        text: 'kernel: vfio-pci 0000:04:00.0: Device is ineligible for IOMMU domain attach due to platform RMRR requirement. Contact your platform vendor.',
        origin: 'https://blog.youkuaiyun.com/qq_36428903/article/details/129370392',
        facts: { bdf: '0000:04:00.0' },
      },
      {
        text: '[  116.814073] vfio-pci 0000:0b:00.0: Device is ineligible for IOMMU domain attach due to platform RMRR requirement.  Contact your platform vendor.',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0b:00.0: ', args: [] },
  },

  // ---------------------------------------------------------------- drivers/iommu/intel
  {
    id: 'kernel.dmar-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_fault_do_one()',
    format: '[%s NO_PASID] Request device [%02x:%02x.%d] fault addr 0x%llx [fault reason 0x%02x] %s\n',
    versions:
      'Linux 5.12+: "[DMA Read NO_PASID] ... fault addr 0x%llx [fault reason 0x%02x]" (5.12–5.14 printed the address as "[0x00:0x02.0]"; recent kernels print it with its PCI segment, "[0000:00:16.4]", and pad the kind, "[DMA Read  NO_PASID]"); 5.1–5.11: "[DMA Read] Request device [00:02.0] PASID ffffffff fault addr %llx [fault reason %02d]"; up to 5.0: "[DMA Read] Request device [00:02.0] fault addr %llx [fault reason %02d]"; 3.x: "DMAR:[DMA Read] Request device [00:02.0] fault addr ..." with the reason on a second line "DMAR:[fault reason 06] PTE Read access is not set"',
    patterns: [
      new RegExp(
        `DMAR: ?\\[(?<kind>DMA Read|DMA Write|Page Request)[^\\]\\n]{0,24}\\] Request device \\[(?:[0-9a-fA-F]{4}:)?${SBDF}\\][^\\[\\n]{0,48}(?:\\[fault reason (?<reasonHex>0x)?(?<reason>[0-9a-fA-F]{2,3})\\] (?<text>[^\\n]{1,80}))?`,
      ),
      /DMAR: ?\[(?<kind>DMA Read|DMA Write|Page Request)[^\]\n]{0,24}\] Request device \[0x[0-9a-fA-F]{2}:0x[0-9a-fA-F]{2}\.[0-7]\][^[\n]{0,48}(?:\[fault reason (?<reasonHex>0x)?(?<reason>[0-9a-fA-F]{2,3})\] (?<text>[^\n]{1,80}))?/,
      /DMAR: ?\[fault reason (?<reason>[0-9a-fA-F]{2,3})\] (?<text>[^\n]{1,80})/,
    ],
    severity: 'warning',
    title: 'Intel IOMMU DMA fault',
    cause:
      'a device did DMA to an address its IOMMU domain does not map. Right after Intel IGD (00:02.0) is assigned a few faults are normal (the GPU still touches its old stolen-memory mappings while the guest driver takes over); faults that keep coming mean the device or its driver uses addresses the guest never mapped',
    fix: 'a handful at VM start from 00:02.0 can be ignored; continuing faults: check the IGD mode (docs/igd-assign), the guest driver, and that no host driver re-binds the device',
    refine: refineDmarFault,
    examples: [
      {
        text: '[  184.630630] DMAR: [DMA Read] Request device [00:02.0] PASID ffffffff fault addr 9c000000 [fault reason 06] PTE Read access is not set',
        origin: 'https://github.com/patmagauran/i915ovmfPkg/issues/23',
        facts: { bdf: '0000:00:02.0', kind: 'DMA Read', reason: '06' },
      },
      {
        text: '[    0.960486] kernel: DMAR: [DMA Read NO_PASID] Request device [0x00:0x02.0] fault addr 0x7c346000 [fault reason 0x06] PTE Read access is not set',
        origin: 'https://github.com/thesofproject/sof-test/issues/744',
        facts: { reason: '06' },
      },
      {
        text: '[    0.938401] kernel: DMAR: [DMA Read NO_PASID] Request device [0x00:0x02.0] fault addr 0x70ad5000 [fault reason 0x07] Next page table ptr is invalid',
        origin: 'https://github.com/thesofproject/sof-test/issues/744',
        facts: { reason: '07' },
      },
      {
        text: '[  201.112233] DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x7f800000 [fault reason 0x06] PTE Read access is not set',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0', reason: '06', text: 'PTE Read access is not set' },
      },
      {
        // the segment-qualified address of recent kernels
        text: 'DMAR: [DMA Write NO_PASID] Request device [0000:3b:00.1] fault addr 0x0 [fault reason 0x05] PTE Write access is not set',
        origin: BUILT,
        facts: { bdf: '0000:3b:00.1', reason: '05' },
      },
    ],
    render: { prefix: 'DMAR: ', args: ['DMA Read', 0, 2, 0, 0x7f800000, 6, 'PTE Read access is not set'] },
  },
  {
    id: 'kernel.dmar-fault-status',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_fault()',
    format: 'DRHD: handling fault status reg %x\n',
    patterns: [/DRHD: handling fault status reg (?<status>[0-9a-fA-F]{1,8})\b/],
    severity: 'warning',
    title: 'Intel IOMMU reports faults (the next line names the device)',
    cause:
      'the VT-d unit raised a fault interrupt; the kernel prints the fault records that follow ("[DMA Read] Request device [..] fault addr ..."). This line alone does not name the device',
    fix: 'read the fault lines after it (vfiokit explains them too); "dmar_fault: N callbacks suppressed" means many more were dropped',
    examples: [
      {
        text: '[  184.647289] DMAR: DRHD: handling fault status reg 3',
        origin: 'https://github.com/patmagauran/i915ovmfPkg/issues/23',
        facts: { status: '3' },
      },
    ],
    render: { prefix: 'DMAR: ', args: [3] },
  },
  {
    id: 'kernel.dmar-intr-remap-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_fault_do_one()',
    format: '[INTR-REMAP] Request device [%02x:%02x.%d] fault index 0x%llx [fault reason 0x%02x] %s\n',
    versions:
      'older kernels: "[INTR-REMAP] Request device [%02x:%02x.%d] fault index %llx [fault reason %02d] %s"',
    patterns: [
      new RegExp(
        `\\[INTR-REMAP\\] Request device \\[(?:(?:[0-9a-fA-F]{4}:)?${SBDF}|0x[0-9a-fA-F]{2}:0x[0-9a-fA-F]{2}\\.[0-7])\\] fault index (?:0x)?(?<index>[0-9a-fA-F]{1,8})(?: \\[fault reason (?<reasonHex>0x)?(?<reason>[0-9a-fA-F]{2})\\])?`,
      ),
    ],
    severity: 'warning',
    title: 'Intel interrupt-remapping fault',
    cause:
      'a device sent an interrupt the remapping table does not allow: reason 0x22/0x25 (entry not present / compatibility format blocked) usually means a device or guest still fires an interrupt after its vector was torn down, e.g. across a VM reset; 0x26 (source-id check failed) means the interrupt came with another requester id (DMA alias)',
    fix: 'isolated lines at VM start or stop are harmless; a stream from one device: check its guest driver (MSI vs INTx), and firmware updates for devices behind PCIe-to-PCI bridges',
    refine: refineIntrRemapFault,
    examples: [
      {
        text: '[  733.221101] DMAR: [INTR-REMAP] Request device [01:00.0] fault index 0x1c [fault reason 0x22] Present field in the IRTE entry is clear',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', index: '1c', reason: '22' },
      },
    ],
    render: { prefix: 'DMAR: ', args: [1, 0, 0, 0x1c, 0x22, 'Present field in the IRTE entry is clear'] },
  },
  {
    id: 'kernel.dmar-iommu-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_setup()',
    format: 'DMAR: IOMMU enabled\n',
    patterns: [/DMAR: IOMMU enabled\s*$/],
    severity: 'info',
    title: 'intel_iommu=on was taken (good)',
    cause:
      'the kernel parsed intel_iommu=on; the VT-d units still have to be found in the ACPI DMAR table ("DMAR: Intel(R) Virtualization Technology for Directed I/O" confirms they work)',
    fix: 'nothing to do; `vfiokit doctor` shows whether IOMMU groups exist',
    examples: [
      {
        text: '[    0.037393] DMAR: IOMMU enabled',
        origin: 'https://github.com/intel/intel-device-plugins-for-kubernetes/issues/1836',
      },
      {
        text: '[    0.073677] DMAR: IOMMU enabled',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/262',
      },
      { text: '[    0.523410] DMAR: IOMMU enabled', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-iommu-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_setup()',
    format: 'DMAR: IOMMU disabled\n',
    patterns: [/DMAR: IOMMU disabled\s*$/],
    severity: 'warning',
    title: 'Intel IOMMU turned off on the command line',
    cause:
      'the kernel command line has intel_iommu=off; there are no IOMMU groups and vfio-pci cannot bind devices (probe fails with -22)',
    fix: 'replace intel_iommu=off with intel_iommu=on, update the bootloader config and reboot',
    examples: [{ text: '[    0.031123] DMAR: IOMMU disabled', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-vtd-active',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c intel_iommu_init()',
    format: 'DMAR: Intel(R) Virtualization Technology for Directed I/O\n',
    patterns: [/DMAR: Intel\(R\) Virtualization Technology for Directed I\/O/],
    severity: 'info',
    title: 'Intel VT-d is active (good)',
    cause: 'the Intel IOMMU initialised and translates DMA; IOMMU groups exist',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    0.180140] DMAR: Intel(R) Virtualization Technology for Directed I/O',
        origin: 'https://github.com/intel/gvt-linux/issues/60',
      },
      { text: '[    1.230101] DMAR: Intel(R) Virtualization Technology for Directed I/O', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-no-devices',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c dmar_table_init()',
    format: 'DMAR: No DMAR devices found\n',
    patterns: [/DMAR: No DMAR devices found/],
    severity: 'warning',
    title: 'The firmware describes no Intel IOMMU',
    cause:
      'the ACPI DMAR table is missing or lists no remapping units: VT-d is disabled in the firmware, or the platform has none',
    fix: 'enable "VT-d" / "Intel Virtualization Technology for Directed I/O" in the firmware setup (not only "VT-x")',
    examples: [{ text: '[    0.101001] DMAR: No DMAR devices found', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-bios-broken',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c warn_invalid_dmar()',
    format: 'DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported at address %llx%s!\n',
    versions:
      'the second %s is "" or " returns all ones" (registers unreadable); older kernels print it without "[Firmware Bug]: "',
    patterns: [
      /(?:\[Firmware Bug\]: )?Your BIOS is broken; DMAR reported at address (?<address>[0-9a-fA-F]{1,16})(?<ones> returns all ones)?/,
    ],
    refine: (f) =>
      f.ones
        ? {
            cause:
              "the firmware's DMAR table names a VT-d remapping unit whose registers read all ones (the unit is absent or was switched off by the firmware), so the kernel disables the Intel IOMMU: no DMA remapping, no VFIO device assignment",
          }
        : undefined,
    severity: 'error',
    title: 'Broken DMAR table: Intel IOMMU disabled',
    cause:
      "the firmware's DMAR table gives a remapping unit at an impossible address (often 0), so the kernel disables the IOMMU",
    fix: 'update the firmware; toggling VT-d off and on in the setup sometimes rebuilds the table',
    examples: [
      {
        text: '[    0.000000] Your BIOS is broken; DMAR reported at address fed90000 returns all ones!',
        origin: BUILT,
        facts: { address: 'fed90000', ones: ' returns all ones' },
      },
      {
        text: '[    0.010000] DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported at address 0!',
        origin: BUILT,
        facts: { address: '0' },
      },
    ],
    render: { prefix: '', args: [0, ''] },
  },
  {
    id: 'kernel.dmar-no-shadow-gtt',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c quirk_calpella_no_shadow_gtt()',
    format: 'DMAR: BIOS has allocated no shadow GTT; disabling IOMMU for graphics\n',
    patterns: [/BIOS has allocated no shadow GTT; disabling IOMMU for graphics/],
    severity: 'warning',
    title: 'IOMMU disabled for the Intel integrated GPU (Calpella)',
    cause:
      'on first-generation Core (Ironlake/Calpella) platforms the firmware left no shadow GTT, so the kernel keeps the IGD out of the IOMMU; it cannot be assigned',
    fix: 'no software fix: assign a discrete GPU instead',
    examples: [
      {
        text: '[    0.410001] DMAR: BIOS has allocated no shadow GTT; disabling IOMMU for graphics',
        origin: BUILT,
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-address-width',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/iommu.c prepare_domain_attach_device() (older: intel_iommu_map())',
    format: '%s: iommu width (%d) is not sufficient for the mapped address (%llx)\n',
    patterns: [
      /iommu width \((?<width>\d{1,2})\) is not sufficient for the mapped address \((?<address>[0-9a-fA-F]{1,16})\)/,
    ],
    severity: 'error',
    title: 'DMA address beyond what the IOMMU can translate',
    cause:
      "the address to map is above the IOMMU's address width (39 bits = 512 GiB on many client Intel chips): a guest with RAM or a 64-bit PCI hole placed above that limit",
    fix: 'keep guest physical addresses below 2^width: less guest RAM or maxmem, a smaller pci-hole64, or -cpu host,host-phys-bits-limit=39 (libvirt <maxphysaddr mode="passthrough" limit="39"/>)',
    examples: [
      {
        text: '[429200.701588] intel_iommu_map: iommu width (39) is not sufficient for the mapped address (8800001000)',
        origin: 'https://github.com/MicronSSD/unvme/issues/4',
        facts: { width: '39', address: '8800001000' },
      },
    ],
    render: { prefix: 'DMAR: ', args: ['0000:01:00.0', 39, 0x8800001000] },
  },
  {
    id: 'kernel.dmar-invalidation-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/dmar.c qi_check_fault()',
    format: 'DMAR: VT-d detected Invalidation Time-out Error: SID %llx\n',
    patterns: [
      /VT-d detected Invalidation (?<kind>Time-out|Completion|Queue) Error: (?:SID|Reason) (?<sid>[0-9a-fA-F]{1,8})/,
    ],
    severity: 'error',
    title: 'Intel IOMMU invalidation failed',
    cause:
      'a device did not answer an IOTLB (ATS) invalidation in time or the queue reported an error: the device behind the SID has hung (often a GPU that stopped answering after a reset)',
    fix: 'the device needs a power cycle; if it happens with ATS-capable devices, try booting with intel_iommu=on,sm_off or updating the device firmware',
    examples: [
      {
        text: '[ 4411.002201] DMAR: VT-d detected Invalidation Time-out Error: SID 100',
        origin: BUILT,
        facts: { kind: 'Time-out', sid: '100' },
      },
    ],
    render: { prefix: '', args: [0x100] },
  },
  {
    id: 'kernel.dmar-ir-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_enable_irq_remapping()',
    format: 'DMAR-IR: Enabled IRQ remapping in %s mode\n',
    patterns: [/DMAR-IR: Enabled IRQ remapping in (?<mode>x2apic|xapic) mode/],
    severity: 'info',
    title: 'Interrupt remapping is on (good)',
    cause:
      'Intel interrupt remapping works, so vfio_iommu_type1 accepts devices without allow_unsafe_interrupts',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    0.083053] DMAR-IR: Enabled IRQ remapping in xapic mode                                                ',
        origin: 'https://github.com/jscinoz/optimus-vfio-docs/issues/2',
        facts: { mode: 'xapic' },
      },
      {
        text: '[    0.074583] DMAR-IR: Enabled IRQ remapping in x2apic mode',
        origin: 'https://github.com/Xilinx/dma_ip_drivers/issues/115',
        facts: { mode: 'x2apic' },
      },
    ],
    render: { prefix: '', args: ['x2apic'] },
  },
  {
    id: 'kernel.dmar-ir-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_cleanup_irq_remapping() (older: the error path of intel_enable_irq_remapping())',
    format: 'DMAR-IR: Failed to enable irq remapping. You are vulnerable to irq-injection attacks.\n',
    versions: 'older kernels put two spaces after the first sentence',
    patterns: [/Failed to enable irq remapping\.\s{1,2}You are vulnerable to irq-injection attacks/],
    severity: 'error',
    title: 'Interrupt remapping could not be enabled',
    cause:
      'VT-d interrupt remapping is off (an earlier line gives the reason: an IOAPIC the DMAR table does not map, x2APIC opt-out, or intremap=off); vfio will then refuse devices with "No interrupt remapping support"',
    fix: 'update the firmware (a DMAR table that maps every IOAPIC); as a last resort, with trusted guests only: options vfio_iommu_type1 allow_unsafe_interrupts=1',
    examples: [
      {
        text: '[    0.025215] Failed to enable irq remapping.  You are vulnerable to irq-injection attacks. ',
        origin: BUILT,
      },
      {
        text: '[    0.083184] kernel: DMAR-IR: Failed to enable irq remapping. You are vulnerable to irq-injection attacks.',
        origin: 'https://github.com/MrChromebox/firmware/issues/458',
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-ir-ioapic-unmapped',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c ir_parse_ioapic_hpet_scope() / intel_prepare_irq_remapping()',
    format: 'DMAR-IR: [Firmware Bug]: ioapic %d has no mapping iommu, interrupt remapping will be disabled\n',
    patterns: [/ioapic (?<ioapic>\d{1,3}) has no mapping iommu, interrupt remapping will be disabled/],
    severity: 'error',
    title: 'Firmware bug: an IOAPIC is not covered by the IOMMU',
    cause:
      'the ACPI DMAR table does not list this IOAPIC under any remapping unit, so Linux turns interrupt remapping off for the whole system',
    fix: 'update the firmware (coreboot/vendor BIOS); until then vfio needs allow_unsafe_interrupts=1 (trusted guests only)',
    examples: [
      {
        text: '[    0.025213] [Firmware Bug]: ioapic 2 has no mapping iommu, interrupt remapping will be disabled ',
        origin: BUILT,
        facts: { ioapic: '2' },
      },
      {
        text: '[    0.083174] kernel: DMAR-IR: [Firmware Bug]: ioapic 0 has no mapping iommu, interrupt remapping will be disabled',
        origin: 'https://github.com/MrChromebox/firmware/issues/458',
        facts: { ioapic: '0' },
      },
    ],
    render: { prefix: '', args: [0] },
  },
  {
    id: 'kernel.dmar-ir-not-enabling',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping()',
    format: 'DMAR-IR: Not enabling interrupt remapping\n',
    versions: 'older kernels: "Not enable interrupt remapping" without the DMAR-IR prefix',
    patterns: [/(?:^|[\s\]:])Not enabl(?:ing|e) interrupt remapping/],
    severity: 'warning',
    title: 'Interrupt remapping left off',
    cause:
      'a check before this line failed (see the line above: an unmapped IOAPIC, intremap=off, or remapping units without the capability)',
    fix: 'fix the reason given on the previous line; `vfiokit doctor` reports whether remapping is active',
    examples: [
      { text: '[    0.025214] Not enable interrupt remapping ', origin: BUILT },
      {
        text: '[    0.083182] kernel: DMAR-IR: Not enabling interrupt remapping',
        origin: 'https://github.com/MrChromebox/firmware/issues/458',
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.dmar-x2apic-optout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/intel/irq_remapping.c intel_irq_remapping_supported() / dmar_x2apic_optout()',
    format: 'DMAR-IR: x2apic is disabled because BIOS sets x2apic opt out bit.\n',
    versions:
      'Linux 3.0-4.x printed three lines instead (drivers/iommu/intel_irq_remapping.c intel_enable_irq_remapping()): "Your BIOS is broken and requested that x2apic be disabled." / "This will slightly decrease performance." (later "Your BIOS has requested that x2apic be disabled." / "This will leave your machine vulnerable to irq-injection attacks.") and "Use \'intremap=no_x2apic_optout\' to override BIOS request."',
    patterns: [
      /x2apic is disabled because BIOS sets x2apic opt out bit/,
      /Your BIOS (?:is broken and |has )requested that x2apic be disabled/,
      /Use 'intremap=no_x2apic_optout' to override BIOS request/,
      /This will (?:slightly decrease performance|leave your machine vulnerable to irq-injection attacks)\.$/,
    ],
    severity: 'info',
    title: 'Firmware asked for xAPIC mode (interrupt remapping still works)',
    cause:
      'the DMAR table has the x2APIC opt-out flag; interrupt remapping runs in xapic mode, which is enough for VFIO (the "Enabled IRQ remapping in xapic mode" line follows). The older kernels\' "vulnerable to irq-injection attacks" wording is about losing x2APIC, not remapping: remapping stays on',
    fix: 'nothing needed for VFIO; intremap=no_x2apic_optout overrides the firmware if you need x2APIC',
    examples: [
      {
        text: '[    0.090001] DMAR-IR: x2apic is disabled because BIOS sets x2apic opt out bit.',
        origin: BUILT,
      },
      {
        text: '[    0.040320] Your BIOS is broken and requested that x2apic be disabled.',
        origin: BUILT,
      },
      {
        text: "[    0.326388] Use 'intremap=no_x2apic_optout' to override BIOS request.",
        origin: BUILT,
      },
    ],
    render: { prefix: '', args: [] },
  },

  {
    id: 'kernel.x2apic-no-ir-support',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kernel/apic/apic.c try_to_enable_x2apic()',
    format: "x2apic: IRQ remapping doesn't support X2APIC mode\n",
    patterns: [/x2apic: IRQ remapping doesn't support X2APIC mode/],
    severity: 'info',
    title: 'Interrupt remapping runs in xAPIC mode (harmless for VFIO)',
    cause:
      'interrupt remapping is on but cannot do x2APIC (no EIM support, or the firmware opted out), so the kernel stays in xAPIC mode. Device assignment only needs remapping itself; if remapping were off entirely, "DMAR-IR: Enabled IRQ remapping" would be missing and vfio would refuse devices',
    fix: 'nothing to do for VFIO; check that "Enabled IRQ remapping in xapic mode" (or x2apic) appears',
    examples: [
      {
        text: "[    0.083053] x2apic: IRQ remapping doesn't support X2APIC mode                                           ",
        origin: 'https://github.com/jscinoz/optimus-vfio-docs/issues/2',
      },
      {
        text: "[   28.156880] x2apic: IRQ remapping doesn't support X2APIC mode",
        origin: 'https://github.com/tinkerbell/hook/pull/146',
      },
    ],
    render: { prefix: '', args: [] },
  },

  // ---------------------------------------------------------------- drivers/iommu/amd
  {
    id: 'kernel.amd-io-page-fault',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c amd_iommu_report_page_fault()',
    format:
      'Event logged [IO_PAGE_FAULT device=%04x:%02x:%02x.%x domain=0x%04x address=0x%llx flags=0x%04x]\n',
    versions:
      'Linux 5.x+: "AMD-Vi: Event logged [IO_PAGE_FAULT device=0000:0a:00.0 ...]", or "<driver> 0000:0a:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=...]" when a driver owns the device; 4.9–4.18 split it over two lines ("AMD-Vi: Event logged [" then "IO_PAGE_FAULT device=0a:00.0 domain=... address=0x%016llx flags=...]"); earlier kernels printed one line with a bus:dev.fn address',
    patterns: [
      /Event logged \[IO_PAGE_FAULT device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])) domain=(?<domain>0x[0-9a-fA-F]{1,8})(?: address=(?<address>0x[0-9a-fA-F]{1,16}))?(?: flags=(?<flags>0x[0-9a-fA-F]{1,4}))?/,
      // the device is in the dev_err() prefix ("amdgpu 0000:04:00.0: AMD-Vi: ..."), read by the matcher
      /Event logged \[IO_PAGE_FAULT domain=(?<domain>0x[0-9a-fA-F]{1,8})(?: address=(?<address>0x[0-9a-fA-F]{1,16}))?(?: flags=(?<flags>0x[0-9a-fA-F]{1,4}))?/,
      /(?:^|[\s\]:])IO_PAGE_FAULT device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])) domain=(?<domain>0x[0-9a-fA-F]{1,8})(?: address=(?<address>0x[0-9a-fA-F]{1,16}))?(?: flags=(?<flags>0x[0-9a-fA-F]{1,4}))?/,
    ],
    severity: 'warning',
    title: 'AMD IOMMU page fault',
    cause:
      'a device did DMA to an address not mapped in its IOMMU domain (a driver bug, a device reset mid-DMA, or firmware DMA the IVRS does not describe)',
    fix: 'isolated faults at VM start/stop are harmless; a stream of them names the device: update firmware, check its driver in the guest, and that it is not shared with the host',
    refine: refineAmdPageFault,
    examples: [
      {
        text: '[   40.182570] ath10k_pci 0000:01:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000d address=0xcff49550 flags=0x0070]',
        origin: 'https://github.com/Dasharo/dasharo-issues/issues/1134',
        facts: { bdf: '0000:01:00.0' },
      },
      {
        text: 'kernel: [  221.565929] IO_PAGE_FAULT device=05:00.0 domain=0x0012 address=0x00000000ff6101b0 flags=0x0070]',
        origin: 'https://github.com/pcengines/apu2-documentation/issues/240',
        facts: { bdf: '0000:05:00.0' },
      },
      {
        text: '[  820.112000] AMD-Vi: Event logged [IO_PAGE_FAULT device=0000:0a:00.0 domain=0x001d address=0x637c000 flags=0x0000]',
        origin: BUILT,
        facts: { bdf: '0000:0a:00.0' },
      },
    ],
    render: { prefix: 'AMD-Vi: ', args: [0, 4, 0, 0, 0, 0x10b4a01e0, 0x70] },
  },
  {
    id: 'kernel.amd-event-split-header',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event() (Linux 4.9–4.18)',
    format: 'AMD-Vi: Event logged [',
    versions:
      'only 4.9–4.18, where the event was printed with two printk() calls and so landed on two log lines',
    patterns: [/AMD-Vi: Event logged \[\s*$/],
    severity: 'info',
    title: 'First half of an AMD-Vi event (the next line has the event)',
    cause:
      'kernels 4.9–4.18 print an AMD IOMMU event over two lines; this first half carries no information, the next line says which event and device',
    fix: 'read the next line (IO_PAGE_FAULT / INVALID_DEVICE_REQUEST ...)',
    examples: [
      {
        text: 'kernel: [   13.134460] AMD-Vi: Event logged [',
        origin: 'https://github.com/pcengines/apu2-documentation/issues/240',
      },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.amd-invalid-device-request',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event()',
    format:
      'Event logged [INVALID_DEVICE_REQUEST device=%04x:%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x]\n',
    versions:
      'older kernels: "INVALID_DEVICE_REQUEST device=%02x:%02x.%x address=0x%016llx flags=0x%04x]" (on its own line in 4.9–4.18)',
    patterns: [
      /INVALID_DEVICE_REQUEST device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]))/,
    ],
    severity: 'warning',
    title: 'AMD IOMMU: request from a device it does not allow',
    cause:
      'a device issued a request type its device-table entry forbids (e.g. ATS or a PASID request when those are disabled); on old firmware the host bridge 00:00.x triggers it at boot and it is harmless',
    fix: 'from 00:00.x at boot: ignore or update firmware; from an assigned device: check that its guest driver does not enable ATS/PRI features the host did not grant',
    examples: [
      {
        text: 'kernel: [   13.137925] INVALID_DEVICE_REQUEST device=00:00.1 address=0x000000fdf8000020 flags=0x0a00]',
        origin: 'https://github.com/pcengines/apu2-documentation/issues/240',
        facts: { bdf: '0000:00:00.1' },
      },
    ],
    render: { prefix: 'iommu ivhd0: AMD-Vi: ', args: [0, 0, 0, 1, 0, 0xfdf8000020, 0xa00] },
  },
  {
    id: 'kernel.amd-illegal-dev-table-entry',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event()',
    format:
      'Event logged [ILLEGAL_DEV_TABLE_ENTRY device=%04x:%02x:%02x.%x pasid=0x%05x address=0x%llx flags=0x%04x]\n',
    patterns: [
      /ILLEGAL_DEV_TABLE_ENTRY device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]))/,
    ],
    severity: 'warning',
    title: 'AMD IOMMU: DMA from a device with a broken device-table entry',
    cause:
      'a device did DMA with a requester id whose IOMMU device-table entry is invalid: usually an alias requester id the IVRS table does not declare, or DMA during a hand-over between domains',
    fix: 'a few at VM start/stop are harmless; persistent ones: update the firmware (IVRS), and use ivrs_ioapic/ivrs_hpet only as firmware-bug workarounds',
    examples: [
      {
        text: '[  110.332010] iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_DEV_TABLE_ENTRY device=0000:0a:00.0 pasid=0x00000 address=0xfffffffdf8000000 flags=0x0a00]',
        origin: BUILT,
        facts: { bdf: '0000:0a:00.0' },
      },
    ],
    render: { prefix: 'iommu ivhd0: AMD-Vi: ', args: [0, 0x0a, 0, 0, 0, 0xfffffffdf8000000, 0xa00] },
  },
  {
    id: 'kernel.amd-iotlb-inv-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c iommu_print_event()',
    format: 'Event logged [IOTLB_INV_TIMEOUT device=%04x:%02x:%02x.%x address=0x%llx]\n',
    versions: 'older kernels print the address as bus:dev.fn ("device=01:00.0")',
    patterns: [
      /IOTLB_INV_TIMEOUT device=(?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]))/,
    ],
    severity: 'error',
    title: 'AMD IOMMU: a device did not answer a TLB invalidation',
    cause:
      'the IOMMU asked the device to drop cached translations (ATS) and the device never answered: it hangs, typically a GPU in the middle of a failed reset. "Completion-Wait loop timed out" usually follows',
    fix: 'the device needs a power cycle (reboot the host); for AMD GPUs use vendor-reset and avoid restarting the VM without a host reboot; amd_iommu=off or iommu=soft only as a diagnosis, never with passthrough',
    examples: [
      {
        text: 'Jun 15 11:58:56   kernel: iommu ivhd0: AMD-Vi: Event logged [IOTLB_INV_TIMEOUT device=0000:0b:00.0 address=0x100215ba0]',
        origin: 'https://github.com/gnif/vendor-reset/issues/81',
        facts: { bdf: '0000:0b:00.0' },
      },
      {
        text: 'Apr 09 11:28:59 endless kernel: iommu ivhd0: AMD-Vi: Event logged [IOTLB_INV_TIMEOUT device=01:00.0 address=0x216d8e620]',
        origin: 'https://github.com/endlessm/linux/pull/460',
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'iommu ivhd0: AMD-Vi: ', args: [0, 0x0b, 0, 0, 0x100215ba0] },
  },
  {
    id: 'kernel.amd-completion-wait-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu.c wait_on_sem()',
    format: 'AMD-Vi: Completion-Wait loop timed out\n',
    patterns: [/AMD-Vi: Completion-Wait loop timed out/],
    severity: 'error',
    title: 'AMD IOMMU stopped answering commands',
    cause:
      'the IOMMU did not complete an invalidation command: a device behind it hangs on an ATS invalidation, or the IOMMU itself is wedged (seen after failed GPU resets and with some firmware)',
    fix: 'the host needs a reboot; update the firmware; if tied to one device, stop resetting it (vendor-reset for AMD GPUs) or disable ATS for it',
    examples: [
      {
        text: 'Jun 15 11:58:56   kernel: AMD-Vi: Completion-Wait loop timed out',
        origin: 'https://github.com/gnif/vendor-reset/issues/81',
      },
      {
        text: 'Apr 09 11:28:59 endless kernel: AMD-Vi: Completion-Wait loop timed out',
        origin: 'https://github.com/endlessm/linux/pull/460',
      },
      { text: '[ 5512.001230] AMD-Vi: Completion-Wait loop timed out', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.amd-ir-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c print_iommu_info()',
    format: 'AMD-Vi: Interrupt remapping enabled\n',
    patterns: [/AMD-Vi: Interrupt remapping enabled/],
    severity: 'info',
    title: 'AMD interrupt remapping is on (good)',
    cause:
      'the AMD IOMMU remaps interrupts, so vfio_iommu_type1 accepts devices without allow_unsafe_interrupts',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    2.616858] AMD-Vi: Interrupt remapping enabled',
        origin: 'https://github.com/AMDESE/AMDSEV/issues/62',
      },
      { text: '[    0.900000] AMD-Vi: Interrupt remapping enabled', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.amd-ioapic-not-in-ivrs',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c check_ioapic_information()',
    format: 'AMD-Vi: %s: IOAPIC[%d] not in IVRS table\n',
    patterns: [/IOAPIC\[(?<ioapic>\d{1,3})\] not in IVRS table/, /No southbridge IOAPIC found/],
    severity: 'error',
    title: 'Firmware bug: IOAPIC missing from the IVRS table',
    cause:
      'the AMD IVRS table does not describe the IOAPIC, so Linux disables interrupt remapping ("Disabling interrupt remapping" follows); vfio then refuses devices without allow_unsafe_interrupts',
    fix: 'update the firmware; the ivrs_ioapic[<id>]=<bus:dev.fn> kernel option can supply the missing entry (the value the message wants is often 00:14.0 on older chipsets)',
    examples: [
      {
        text: '[    0.512001] AMD-Vi: [Firmware Bug]: : IOAPIC[4] not in IVRS table',
        origin: BUILT,
        facts: { ioapic: '4' },
      },
    ],
    render: { prefix: '', args: ['[Firmware Bug]: ', 4] },
  },
  {
    id: 'kernel.amd-disabling-ir',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c check_ioapic_information()',
    format: 'AMD-Vi: Disabling interrupt remapping\n',
    patterns: [/AMD-Vi: Disabling interrupt remapping/],
    severity: 'error',
    title: 'AMD interrupt remapping turned off',
    cause:
      'the IVRS table failed the IOAPIC check (see the line before); without remapping vfio refuses device assignment ("No interrupt remapping support")',
    fix: 'update the firmware or supply ivrs_ioapic=; only for trusted guests: options vfio_iommu_type1 allow_unsafe_interrupts=1',
    examples: [{ text: '[    0.512003] AMD-Vi: Disabling interrupt remapping', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.amd-found-iommu',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c iommu_init_pci() (older: print_iommu_info())',
    format: 'Found IOMMU cap 0x%x\n',
    versions:
      'Linux 5.x+: "pci 0000:00:00.2: AMD-Vi: Found IOMMU cap 0x40"; older: "AMD-Vi: Found IOMMU at 0000:00:00.2 cap 0x40"',
    patterns: [/AMD-Vi: Found IOMMU (?:at [0-9a-fA-F:.]{7,16} )?cap (?<cap>0x[0-9a-fA-F]{1,8})/],
    severity: 'info',
    title: 'AMD IOMMU found (good)',
    cause: 'the AMD IOMMU is present and enabled by the firmware; groups will be created',
    fix: 'nothing to do (no amd_iommu= option is needed)',
    examples: [
      {
        text: '[    2.616852] pci 0000:00:00.2: AMD-Vi: Found IOMMU cap 0x40',
        origin: 'https://github.com/AMDESE/AMDSEV/issues/62',
        facts: { bdf: '0000:00:00.2', cap: '0x40' },
      },
      {
        text: '[    0.621303] pci 0000:00:00.2: AMD-Vi: Found IOMMU cap 0x40',
        origin: BUILT,
        facts: { cap: '0x40' },
      },
      {
        text: '[    0.952110] AMD-Vi: Found IOMMU at 0000:00:00.2 cap 0x40',
        origin: BUILT,
        facts: { cap: '0x40' },
      },
    ],
    render: { prefix: 'pci 0000:00:00.2: AMD-Vi: ', args: [0x40] },
  },
  {
    id: 'kernel.amd-iommuv2-unavailable',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/iommu_v2.c amd_iommu_v2_init()',
    format: 'AMD IOMMUv2 functionality not available on this system - This is not a bug.\n',
    versions: 'Linux 4.x – 6.6 (the amd_iommu_v2 module was removed in 6.7)',
    patterns: [/AMD IOMMUv2 functionality not available on this system/],
    severity: 'info',
    title: 'IOMMUv2 (PASID/PRI for HSA) not available (harmless)',
    cause:
      'the amd_iommu_v2 module is for GPU compute with shared virtual memory; it says so when the IOMMU lacks those features or is off. It has nothing to do with device assignment',
    fix: 'nothing to do; it does not mean the IOMMU is off (look for "AMD-Vi: Found IOMMU")',
    examples: [
      {
        text: '[    1.113670] AMD IOMMUv2 functionality not available on this system',
        origin: 'https://github.com/mikebdp2/AMD_coreboot_G505S_A88XM-E_AM1I-A_builds/issues/1',
      },
      {
        text: '[    4.102311] AMD-Vi: AMD IOMMUv2 functionality not available on this system - This is not a bug.',
        origin: BUILT,
      },
    ],
    render: { prefix: 'AMD-Vi: ', args: [] },
  },
  {
    id: 'kernel.amd-ivrs-checksum',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c check_ivrs_checksum()',
    format: 'AMD-Vi: [Firmware Bug]: IVRS invalid checksum\n',
    patterns: [/\[Firmware Bug\]: IVRS invalid checksum/],
    severity: 'error',
    title: 'Broken IVRS table: AMD IOMMU disabled',
    cause:
      "the firmware's IVRS table fails its checksum; the kernel does not use the AMD IOMMU, so no groups exist",
    fix: 'update the firmware; toggling IOMMU/SVM settings in the setup may rebuild the table',
    examples: [{ text: '[    0.410002] AMD-Vi: [Firmware Bug]: IVRS invalid checksum', origin: BUILT }],
    render: { prefix: '', args: [] },
  },
  {
    id: 'kernel.amd-sme-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c amd_iommu_sme_check() (Linux 4.14–5.x)',
    format: 'AMD-Vi: IOMMU not currently supported when SME is active\n',
    patterns: [/IOMMU not currently supported when SME is active/],
    severity: 'warning',
    title: 'AMD IOMMU disabled because memory encryption is on',
    cause:
      'with SME (mem_encrypt=on) this kernel / CPU family combination does not run the IOMMU, so there are no groups',
    fix: 'boot with mem_encrypt=off, or a newer kernel/firmware that supports the IOMMU with SME',
    examples: [
      { text: '[    0.420001] AMD-Vi: IOMMU not currently supported when SME is active', origin: BUILT },
    ],
    render: { prefix: '', args: [] },
  },

  // ---------------------------------------------------------------- drivers/pci: reset and power
  {
    id: 'kernel.reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_dev_wait()',
    format: 'not ready %dms after %s; giving up\n',
    versions:
      'Linux 4.17+ ("after %s" names FLR, bus reset, PM D3hot->D0, resume ...); 4.13–4.16: "not ready %dms after FLR; giving up"',
    patterns: [/not ready (?<ms>\d{1,7})ms after (?<reset>[^;\n]{1,32}); giving up/],
    severity: 'error',
    title: 'Device did not come back after a reset',
    cause:
      'after a reset (FLR, bus reset, PM D3hot->D0) the device kept answering config reads with all-ones or "retry": it failed to reset',
    fix: 'the device needs a host power cycle; prefer devices with working FLR, use vendor-reset for AMD GPUs, and avoid resetting it repeatedly',
    refine: (f) => refineResetWait(f, true),
    examples: [
      {
        text: '[   87.412701] nvidia 0000:01:00.0: not ready 65535ms after resume; giving up',
        origin: 'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/39',
        facts: { bdf: '0000:01:00.0', ms: '65535', reset: 'resume' },
      },
      {
        text: '[  399.781234] vfio-pci 0000:0c:00.0: not ready 65535ms after FLR; giving up',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', reset: 'FLR' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: [65535, 'FLR'] },
  },
  {
    id: 'kernel.reset-not-ready-waiting',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_dev_wait()',
    format: 'not ready %dms after %s; waiting\n',
    versions:
      'Linux 4.17+; 4.13–4.16: "not ready %dms after FLR; waiting". Newer 6.x kernels first retrain a link that failed to come up (pcie_failed_link_retrain()) and restart the wait, so the first "waiting" line can appear twice',
    patterns: [/not ready (?<ms>\d{1,7})ms after (?<reset>[^;\n]{1,32}); waiting/],
    severity: 'warning',
    title: 'Device slow to come back after a reset (still waiting)',
    cause:
      'the kernel keeps polling the device after a reset; it doubles the wait each time (1023, 2047, ... 32767 ms) up to 60 s, then gives up. One or two such lines can be a slow but working device; a run up to 32767ms ends in "giving up"',
    fix: 'wait for the outcome line ("ready ...ms after" or "giving up"); a device that needs this long will likely fail: see the reset-timeout advice',
    refine: (f) => refineResetWait(f, false),
    examples: [
      {
        text: '[   26.485239] nvidia 0000:01:00.0: not ready 8191ms after resume; waiting',
        origin: 'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/39',
        facts: { bdf: '0000:01:00.0', ms: '8191', reset: 'resume' },
      },
      {
        text: '[  330.100221] vfio-pci 0000:0c:00.0: not ready 1023ms after FLR; waiting',
        origin: BUILT,
        facts: { reset: 'FLR' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: [1023, 'bus reset'] },
  },
  {
    id: 'kernel.reset-ready-after',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_dev_wait()',
    format: 'ready %dms after %s\n',
    versions: 'Linux 6.0+',
    patterns: [/: ready (?<ms>\d{1,7})ms after (?<reset>[^;\n]{1,32})$/],
    severity: 'info',
    title: 'Device came back after a slow reset',
    cause: 'the device answered again after the time shown; it was slow but the reset worked',
    fix: 'nothing to do unless it keeps getting slower',
    examples: [
      {
        text: '[  882.587879] vfio-pci 0000:00:02.0: ready 1023ms after FLR',
        origin: 'https://github.com/patmagauran/i915ovmfPkg/issues/22',
        facts: { bdf: '0000:00:02.0', ms: '1023', reset: 'FLR' },
      },
      {
        text: '[  332.100221] vfio-pci 0000:0c:00.0: ready 2047ms after FLR',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', ms: '2047', reset: 'FLR' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: [2047, 'FLR'] },
  },
  {
    id: 'kernel.enum-not-ready-giving-up',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_bus_wait_rrs() (older: pci_bus_wait_crs())',
    format: 'pci %04x:%02x:%02x.%d: not ready after %dms; giving up\n',
    patterns: [
      /pci (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): not ready after (?<ms>\d{1,7})ms; giving up/,
    ],
    severity: 'error',
    title: 'Device not ready during a bus scan',
    cause:
      'while (re)scanning the bus the device kept answering config reads with "retry" (CRS/RRS) for a minute: it is stuck initialising, typically a GPU after a failed reset or a rescan',
    fix: 'power-cycle the host; avoid remove/rescan of a device that failed to reset',
    examples: [
      {
        text: '[  612.331021] pci 0000:0c:00.0: not ready after 60000ms; giving up',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', ms: '60000' },
      },
    ],
    render: { prefix: '', args: [0, 0x0c, 0, 0, 60000] },
  },
  {
    id: 'kernel.enum-not-ready-waiting',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_bus_wait_rrs() (older: pci_bus_wait_crs())',
    format: 'pci %04x:%02x:%02x.%d: not ready after %dms; waiting\n',
    patterns: [
      /pci (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): not ready after (?<ms>\d{1,7})ms; waiting/,
    ],
    severity: 'warning',
    title: 'Device slow to appear during a bus scan (still waiting)',
    cause: 'the device answers config reads with "retry" while it initialises; the kernel waits up to 60 s',
    fix: 'wait for "ready after" or "giving up"',
    examples: [
      {
        text: '[  552.331021] pci 0000:0c:00.0: not ready after 1023ms; waiting',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', ms: '1023' },
      },
    ],
    render: { prefix: '', args: [0, 0x0c, 0, 0, 1023] },
  },
  {
    id: 'kernel.flr-pending-transaction',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pcie_flr() / pci_af_flr()',
    format: 'timed out waiting for pending transaction; performing function level reset anyway\n',
    versions:
      'the PCI AF form says "performing AF function level reset anyway"; some logs show a colon instead of the semicolon',
    patterns: [
      /timed out waiting for pending transaction[;:] performing (?<kind>AF )?function level reset anyway/,
    ],
    severity: 'warning',
    title: 'Device still busy when reset (FLR forced)',
    cause:
      "before an FLR the kernel waits for the device's outstanding transactions; they never finished, so the device is hung or powered down (reads all-ones). The FLR is done anyway and may not bring it back",
    fix: 'watch the following lines: "not ready ... giving up" or "device inaccessible" mean the device is lost until a power cycle',
    examples: [
      {
        text: '[586740.080470] vfio-pci 0000:01:00.0: timed out waiting for pending transaction; performing function level reset anyway',
        origin: 'https://github.com/kata-containers/kata-containers/issues/11708',
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: [] },
  },
  {
    id: 'kernel.power-state-inaccessible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_set_low_power_state() / pci_power_up()',
    format: 'Unable to change power state from %s to %s, device inaccessible\n',
    versions:
      'Linux 4.x+; pci_power_up() prints "Unable to change power state from %s to D0, device inaccessible"; 5.x–6.1 pci_raw_set_power_state() also "can\'t change power state from %s to %s (config space inaccessible)"',
    patterns: [
      /Unable to change power state from (?<from>D[0-3a-z]{1,5}|unknown) to (?<to>D[0-3a-z]{1,5}), device inaccessible/,
      // Linux 5.x–6.1 pci_raw_set_power_state(): the same condition in its older wording
      /can't change power state from (?<from>D[0-3a-z]{1,5}|unknown) to (?<to>D[0-3a-z]{1,5}) \(config space inaccessible\)/,
    ],
    severity: 'error',
    title: 'Device stuck in a low-power state',
    cause:
      'the device no longer answers config space (all-ones PMCSR), usually left in D3cold by a failed reset or by runtime power management. Right after a surprise removal or hot-unplug (an NVMe drive pulled from a hot-plug bay, a Thunderbolt enclosure disconnected) the same line is expected and harmless: the device is gone, its config space reads all ones, and the kernel skips the power change while it tears the device down (vfio-pci does not claim to support surprise removal, but nothing else is wrong)',
    fix: 'if the device was just removed, nothing is to be done; otherwise power-cycle the host, and for vfio-pci try options vfio-pci disable_idle_d3=1 so idle devices are not put into D3',
    refine: (f) => (f.from === 'D3cold' ? { cause: D3COLD_CAUSE, fix: D3COLD_FIX } : undefined),
    examples: [
      {
        text: "[  301.220000] vfio-pci 0000:0b:00.0: can't change power state from D3cold to D0 (config space inaccessible)",
        origin: BUILT,
        facts: { from: 'D3cold', to: 'D0' },
      },
      {
        text: '[586739.359281] vfio-pci 0000:01:00.0: Unable to change power state from D3cold to D0, device inaccessible',
        origin: 'https://github.com/kata-containers/kata-containers/issues/11708',
        facts: { bdf: '0000:01:00.0', from: 'D3cold', to: 'D0' },
      },
      {
        text: '[   87.412759] nvidia 0000:01:00.0: Unable to change power state from D3cold to D0, device inaccessible',
        origin: 'https://github.com/bryansteiner/gpu-passthrough-tutorial/issues/39',
        facts: { from: 'D3cold' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0c:00.0: ', args: ['D3cold', 'D0'] },
  },
  {
    id: 'kernel.power-state-refused',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_set_low_power_state() / pci_power_up() (older: pci_raw_set_power_state())',
    format: 'Refused to change power state from %s to %s\n',
    versions:
      'Linux 5.19+: "Refused to change power state from %s to %s"; older: "Refused to change power state, currently in D%d"',
    patterns: [
      /Refused to change power state from (?<from>D[0-3a-z]{1,5}|unknown) to (?<to>D[0-3a-z]{1,5})/,
      /Refused to change power state, currently in D(?<current>[0-3])/,
    ],
    severity: 'warning',
    title: 'Device did not enter the requested power state',
    cause:
      'after writing the power-state register the device reported a different state. Going to D3hot this is often harmless (the device simply stays on); coming back to D0 it means the device did not wake',
    fix: 'if the device then fails to start in the VM, keep it out of low-power states: options vfio-pci disable_idle_d3=1; otherwise this line can be ignored',
    refine: (f) =>
      f.to === 'D0' || f.current === '3'
        ? {
            severity: 'error',
            cause:
              "the device did not wake to D0: it stays in D3, usually because the host's runtime power management (not the guest) put it to sleep and it does not power back up, or a previous reset failed",
            fix: D3COLD_FIX,
          }
        : undefined,
    examples: [
      {
        text: '[  184.622683] vfio-pci 0000:43:00.0: Refused to change power state, currently in D0',
        origin: 'https://github.com/gnif/vendor-reset/issues/5',
        facts: { bdf: '0000:43:00.0', current: '0' },
      },
      {
        text: '[2025-12-09 11:13:53] [ 8674.429902] i915 0000:00:02.0: Refused to change power state from D0 to D3hot',
        origin: 'https://github.com/QubesOS/qubes-issues/issues/10461',
        facts: { bdf: '0000:00:02.0', from: 'D0', to: 'D3hot' },
      },
      {
        text: '[   15.399349] pci 0000:01:00.0: Refused to change power state, currently in D0',
        origin: 'https://github.com/Bumblebee-Project/Bumblebee/issues/664',
        facts: { bdf: '0000:01:00.0', current: '0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['D3hot', 'D0'] },
  },
  {
    id: 'kernel.reset-method-invalid',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c reset_method_store()',
    format: "Invalid reset method '%s'\n",
    versions:
      'Linux 5.15+ (the reset_method sysfs file); also "Unsupported reset method \'%s\'" for a method the device lacks',
    patterns: [/(?<kind>Invalid|Unsupported) reset method '(?<method>[^'\n]{0,32})'/],
    severity: 'error',
    title: 'A reset method written to reset_method was refused',
    cause:
      'the name written to /sys/bus/pci/devices/<address>/reset_method is not one of device_specific, acpi, flr, af_flr, pm, bus, cxl_bus (Invalid), or the device does not support that method (Unsupported)',
    fix: 'cat the reset_method file to see the methods the device supports; for vendor-reset write device_specific',
    refine: (f) =>
      f.kind === 'Unsupported' && f.method === 'device_specific'
        ? {
            title: 'device_specific reset refused: vendor-reset is not handling this device',
            cause:
              'since Linux 5.15 a GPU is reset with vendor-reset only when its reset_method lists device_specific; the kernel accepts that name only when a device-specific reset answers for the device, which for AMD GPUs means vendor-reset is loaded (its hook installed) and the device is in its table. The write came before the module loaded, or the module failed to hook ("vendor_reset_hook: install failed"), or the card is not in vendor-reset\'s table and so not supported by it: the table has AMD Polaris 10/11/12, Vega 10/20 and Navi 10/12/14 (RX 400/500, Vega, Radeon VII, RX 5000) only, not Navi 2x/3x (RX 6000/7000), which reset without it',
            fix: 'load vendor-reset first (early: /etc/modules-load.d plus the initramfs), check dmesg for "vendor_reset_hook: installed", then echo device_specific > /sys/bus/pci/devices/BDF/reset_method (vendor-reset ships a udev rule, 99-vendor-reset.rules, that does both)',
          }
        : undefined,
    examples: [
      {
        text: "[  200.100001] vfio-pci 0000:0b:00.0: Unsupported reset method 'flr'",
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0', kind: 'Unsupported', method: 'flr' },
      },
      {
        text: "[    6.200000] vfio-pci 0000:0c:00.0: Unsupported reset method 'device_specific'",
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', kind: 'Unsupported', method: 'device_specific' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0b:00.0: ', args: ['device_specfic'] },
  },
  {
    id: 'kernel.reset-methods-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c reset_method_store()',
    format: 'All device reset methods disabled by user\n',
    versions: 'Linux 5.15+',
    patterns: [/All device reset methods disabled by user/],
    severity: 'warning',
    title: 'Every reset method of the device was disabled',
    cause:
      'an empty value was written to reset_method: the kernel (and vfio) will not reset the device at all, so state leaks between VM runs',
    fix: 'write a method back (e.g. echo flr > .../reset_method, or device_specific for vendor-reset) unless the device really cannot be reset',
    examples: [
      {
        text: '[  201.100001] vfio-pci 0000:0b:00.0: All device reset methods disabled by user',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0b:00.0: ', args: [] },
  },
  {
    id: 'kernel.link-not-active',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pcie_wait_for_link_delay()',
    format: 'Data Link Layer Link Active not set in 1000 msec\n',
    versions: 'newer kernels: "Data Link Layer Link Active not set in %d msec"',
    patterns: [/Data Link Layer Link Active not set in (?<ms>\d{1,6}) msec/],
    severity: 'error',
    title: 'The PCIe link did not come back after a bus reset',
    cause:
      'after a secondary bus reset (the reset vfio uses when FLR is missing) the link to the device did not train again: the device is gone until a power cycle',
    fix: 'power-cycle the host; if it happens every time, the card does not survive bus resets: use vendor-reset (AMD) or keep the VM running instead of restarting it',
    examples: [
      {
        text: '[  902.331002] pcieport 0000:00:03.1: Data Link Layer Link Active not set in 1000 msec',
        origin: BUILT,
        facts: { bdf: '0000:00:03.1', ms: '1000' },
      },
    ],
    render: { prefix: 'pcieport 0000:00:03.1: ', args: [] },
  },
  {
    id: 'kernel.pci-unknown-option',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_setup()',
    format: "PCI: Unknown option `%s'\n",
    patterns: [/PCI: Unknown option `(?<opt>[^'\n]{0,64})'/],
    severity: 'warning',
    title: 'A pci= option is not understood',
    cause:
      'this kernel has no handler for the pci= sub-option (a typo, or an option of an out-of-tree patch)',
    fix: 'correct the spelling (e.g. pci=realloc, pci=nommconf); ACS overrides are pcie_acs_override=, not a pci= option',
    examples: [
      {
        text: "[    0.000000] PCI: Unknown option `acs_override'",
        origin: BUILT,
        facts: { opt: 'acs_override' },
      },
    ],
    render: { prefix: '', args: ['noacs'] },
  },

  {
    id: 'kernel.dpc-containment',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/dpc.c dpc_process_error()',
    format: 'DPC: containment event, status:%#06x source:%#06x\n',
    versions:
      'up to Linux 6.15 "containment event, status:%#06x source:%#06x" (pci_info) then "%s detected"; since 6.16 ("PCI/DPC: Log Error Source ID only when valid") one pci_warn line: "containment event, status:%#06x, ERR_FATAL|ERR_NONFATAL received from DOMAIN:BUS:DEV.FN" when a device below sent the error, else "containment event, status:%#06x: unmasked uncorrectable error|RP PIO error|software trigger detected"',
    patterns: [
      /DPC: containment event, status:(?<status>0x[0-9a-fA-F]{1,4})(?: source:(?<source>(?:0x)?[0-9a-fA-F]{1,6})|, (?<msg>ERR_FATAL|ERR_NONFATAL) received from (?<from>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|: (?<reason>unmasked uncorrectable error|RP PIO error|software trigger|reserved error) detected)?/,
    ],
    refine: (f) =>
      f.from
        ? {
            cause: `Downstream Port Containment stopped all traffic below this port because the device at ${f.from} reported an uncorrectable error (${f.msg}); the kernel then resets the link and recovers the devices below. Drivers of those devices must stop touching them meanwhile: DMA unmaps that follow can warn in the IOMMU layer (a WARN storm in iommu_dma_unmap_*). Around a VM start/stop it usually means the device misbehaved during or after its reset`,
          }
        : undefined,
    severity: 'warning',
    title: 'A root port cut the link after an uncorrectable error (DPC)',
    cause:
      'Downstream Port Containment stopped all traffic below this port after an uncorrectable error; the kernel then resets the link and recovers the devices below. Around a VM start/stop it usually means the device misbehaved during or after its reset (e.g. a completion timeout while it was resetting)',
    fix: 'watch for "AER: device recovery successful/failed" after it; if it repeats at every VM restart, the device does not reset cleanly (vendor-reset for AMD GPUs, or avoid restarting the VM without a host reboot)',
    examples: [
      {
        text: '[ 1201.331210] pcieport 0000:00:01.1: DPC: containment event, status:0x1f01 source:0x0000',
        origin: BUILT,
        facts: { bdf: '0000:00:01.1', status: '0x1f01' },
      },
    ],
    render: { prefix: 'pcieport 0000:00:01.1: ', args: [0x1f01, 0x100] },
  },
  {
    id: 'kernel.kvm-unhandled-msr',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/x86.c kvm_get_msr_common() / kvm_msr_ignored_check()',
    format: 'kvm [%i]: vcpu%i, guest rIP: 0x%lx Unhandled RDMSR(0x%x)\n',
    versions:
      'Linux 6.x: "Unhandled RDMSR(0x%x)" / "Unhandled WRMSR(0x%x) = 0x%llx"; older: "unhandled rdmsr: 0x%x" / "unhandled wrmsr: 0x%x data 0x%llx"; with kvm.ignore_msrs=1 "ignored rdmsr: ..." / "Ignored RDMSR(...)"',
    patterns: [
      /vcpu(?<vcpu>\d{1,4}),? guest rIP: 0x[0-9a-fA-F]{1,16} (?<kind>[Uu]nhandled|[Ii]gnored) (?<op>RDMSR|WRMSR|rdmsr|wrmsr)(?:\(|: )(?<msr>0x[0-9a-fA-F]{1,8})/,
      // the same line wrapped after the guest rIP (as pasted into a report)
      /vcpu(?<vcpu>\d{1,4}),? guest rIP: 0x[0-9a-fA-F]{1,16}\n(?<kind>[Uu]nhandled|[Ii]gnored) (?<op>RDMSR|WRMSR|rdmsr|wrmsr)(?:\(|: )(?<msr>0x[0-9a-fA-F]{1,8})/,
      // 3.x–4.x: "kvm [12633]: vcpu0 unhandled rdmsr: 0x1c9"; 5.x with no vcpu context: "kvm [52392]: ignored rdmsr: 0x..."
      /kvm \[\d{1,10}\]: (?:vcpu(?<vcpu>\d{1,4}) )?(?<kind>unhandled|ignored) (?<op>rdmsr|wrmsr): (?<msr>0x[0-9a-fA-F]{1,8})/,
    ],
    endsOn: ['rdmsr', 'wrmsr', 'RDMSR', 'WRMSR'],
    severity: 'warning',
    title: 'The guest touched a CPU register KVM does not emulate',
    cause:
      'the guest read or wrote a model-specific register KVM does not implement; KVM injects a #GP fault into the guest, which some guests (Windows with GPU monitoring tools, macOS, some games and drivers) turn into a crash or a Code 43. With kvm.ignore_msrs=1 the access is ignored and only logged',
    fix: 'if the guest crashes or a driver fails, boot the host with kvm.ignore_msrs=1 (and kvm.report_ignored_msrs=0 to keep the log quiet); harmless otherwise',
    refine: (f) =>
      f.kind?.toLowerCase() === 'ignored'
        ? {
            severity: 'info',
            cause:
              "kvm.ignore_msrs=1 is set: KVM ignored the guest's access to an MSR it does not emulate instead of faulting the guest. Harmless",
            fix: 'nothing to do; kvm.report_ignored_msrs=0 silences these lines',
          }
        : undefined,
    examples: [
      {
        text: '[ 5649.026420] kvm [52392]: ignored rdmsr: 0xc0011029 data 0x0',
        origin: 'https://github.com/gnif/vendor-reset/issues/72',
        facts: { kind: 'ignored', msr: '0xc0011029' },
      },
      {
        text: '[431428.919308] kvm [12633]: vcpu0 unhandled rdmsr: 0x1c9',
        origin: 'https://github.com/google/novm/issues/26',
        facts: { kind: 'unhandled', msr: '0x1c9' },
      },
      {
        // the report wrapped the line after the guest rIP
        text: '[ 6044.472516] kvm [3412]: vcpu0, guest rIP: 0xfffff8019c8d6103\nunhandled rdmsr: 0x611',
        origin: 'https://github.com/tianocore/edk2/issues/91',
        facts: { kind: 'unhandled', msr: '0x611' },
      },
      {
        text: '[  829.050394] kvm [1887]: vcpu0, guest rIP: 0xfffff8046a9311ac ignored rdmsr: 0x641',
        origin: 'https://github.com/patmagauran/i915ovmfPkg/issues/22',
        facts: { kind: 'ignored', msr: '0x641' },
      },
      {
        text: 'Sep 04 22:56:17 PC kernel: kvm_amd: kvm [67539]: vcpu3, guest rIP: 0xfffff8547ad7624d Unhandled WRMSR(0xc0010115) = 0x0',
        origin: 'https://github.com/virt-manager/virt-manager/issues/570',
        facts: { op: 'WRMSR', msr: '0xc0010115' },
      },
      {
        text: '[ 2108.100133] kvm [4212]: vcpu0, guest rIP: 0xfffff80251a0a4b2 Unhandled RDMSR(0x1c9)',
        origin: BUILT,
        facts: { kind: 'Unhandled', op: 'RDMSR', msr: '0x1c9' },
      },
      {
        text: '[ 2108.100133] kvm [4212]: vcpu3, guest rIP: 0xfffff80251a0a4b2 ignored rdmsr: 0x1c9 data 0x0',
        origin: BUILT,
        facts: { kind: 'ignored', msr: '0x1c9' },
      },
    ],
    render: { prefix: '', args: [4212, 0, 0x7ff6a1c0, 0x1c9] },
  },

  // ---------------------------------------------------------------- drivers/pci: quirks (ACS, HDA)
  {
    id: 'kernel.acs-quirk-intel-pch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c pci_quirk_enable_intel_pch_acs() / pci_quirk_enable_intel_spt_pch_acs()',
    format: 'Intel PCH root port ACS workaround enabled\n',
    versions: 'Sunrise Point and later PCHs print "Intel SPT PCH root port ACS workaround enabled"',
    patterns: [/Intel (?:SPT )?PCH root port ACS workaround enabled/],
    severity: 'info',
    title: 'Kernel quirk gives Intel PCH root ports ACS isolation (good)',
    cause:
      'these chipset root ports isolate their devices but do not advertise ACS; the kernel knows and enables the equivalent, so devices behind them get their own IOMMU groups',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    0.412202] pci 0000:00:1c.0: Intel SPT PCH root port ACS workaround enabled',
        origin: BUILT,
        facts: { bdf: '0000:00:1c.0' },
      },
    ],
    render: { prefix: 'pci 0000:00:1c.0: ', args: [] },
  },
  {
    id: 'kernel.acs-redirect-unsupported',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c pci_disable_acs_redir()',
    format: 'cannot disable ACS redirect for this hardware as it does not have ACS capabilities\n',
    patterns: [/cannot disable ACS redirect for this hardware as it does not have ACS capabilities/],
    severity: 'info',
    title: 'disable_acs_redir= names a device without ACS (harmless)',
    cause:
      'the pci=disable_acs_redir= option lists a device that has no ACS capability, so there is nothing to change',
    fix: 'remove that device from the option',
    examples: [
      {
        text: '[    0.512201] pci 0000:00:01.0: cannot disable ACS redirect for this hardware as it does not have ACS capabilities',
        origin: BUILT,
        facts: { bdf: '0000:00:01.0' },
      },
    ],
    render: { prefix: 'pci 0000:00:01.0: ', args: [] },
  },
  {
    id: 'kernel.nvidia-hda-enabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c quirk_nvidia_hda()',
    format: 'Enabling HDA controller\n',
    patterns: [/Enabling HDA controller/],
    severity: 'info',
    title: 'Kernel unhid the HDMI audio function of an NVIDIA GPU (harmless)',
    cause:
      "some NVIDIA cards hide their HDMI audio function; the kernel turns it on, so function .1 appears and joins the GPU's IOMMU group",
    fix: 'nothing to do; assign the audio function together with the GPU (bind both to vfio-pci)',
    examples: [
      {
        text: '[    0.645916] pci 0000:01:00.0: Enabling HDA controller',
        origin: 'https://github.com/QubesOS/qubes-issues/issues/10036',
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: [] },
  },

  {
    id: 'kernel.nvme-reset-timeout',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/quirks.c nvme_disable_and_flr()',
    format: 'Timeout waiting for NVMe ready status to clear after disable\n',
    patterns: [/Timeout waiting for NVMe ready status to clear after disable/],
    severity: 'error',
    title: 'An NVMe drive did not stop before its reset',
    cause:
      'for NVMe controllers whose FLR is unreliable (Intel 750/P3700 family, Samsung SM961/PM961) the kernel first disables the controller and waits for it to go idle; it never did, so the FLR that follows may leave it unusable',
    fix: 'power-cycle the host if the drive does not come back; update the drive firmware; avoid resetting it repeatedly (do not restart the VM in a loop)',
    examples: [
      {
        text: '[  712.003310] vfio-pci 0000:04:00.0: Timeout waiting for NVMe ready status to clear after disable',
        origin: BUILT,
        facts: { bdf: '0000:04:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:04:00.0: ', args: [] },
  },
  {
    id: 'kernel.bridge-bus-numbers',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_scan_bridge_extend()',
    format: 'devices behind bridge are unusable because %pR cannot be assigned for them\n',
    patterns: [
      /devices behind bridge are unusable because (?<range>\[bus [0-9a-fA-F-]{2,5}\]) cannot be assigned for them/,
    ],
    severity: 'error',
    title: 'No bus numbers for the devices behind a bridge',
    cause:
      "the bus-number range the bridge needs does not fit inside its parent's range, so the kernel does not scan below it and those devices do not exist for the host (common with Thunderbolt/eGPU enclosures and PCIe switches added after boot)",
    fix: 'boot with the device attached, or give hot-plug bridges spare bus numbers (pci=hpbussize=0x10 / pci=realloc); update the firmware',
    examples: [
      {
        text: 'pci 0000:16:02.0: devices behind bridge are unusable because [bus 45-74] cannot be assigned for them',
        origin: BUILT,
        facts: { bdf: '0000:16:02.0', range: '[bus 45-74]' },
      },
    ],
    render: { prefix: 'pci 0000:16:02.0: ', args: ['[bus 45-74]'] },
  },

  // ---------------------------------------------------------------- drivers/pci: resources and ROM
  {
    id: 'kernel.bar-cant-reserve',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci.c __pci_request_region()',
    format: "BAR %d: can't reserve %pR\n",
    patterns: [new RegExp(`BAR (?<bar>\\d{1,2}): can't reserve (?<range>${RANGE})`)],
    severity: 'error',
    title: 'A BAR is already claimed by another driver',
    cause:
      'another driver registered the same address range first, typically a firmware framebuffer (efifb/vesafb/simplefb/BOOTFB) inside a GPU BAR',
    fix: 'look up the range in /proc/iomem (as root) to see who holds it; for framebuffers boot with video=efifb:off (and initcall_blacklist=sysfb_init on 5.15+)',
    examples: [
      {
        text: "[   44.702115] vfio-pci 0000:05:00.0: BAR 0: can't reserve [mem 0xd0000000-0xdfffffff 64bit pref]",
        origin: 'https://github.com/cosminmocan/vfio-single-amdgpu-passthrough/issues/3',
        facts: { bdf: '0000:05:00.0', bar: '0' },
      },
      {
        text: "Dec 06 09:04:26 208 kernel: vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xa0000000-0xa1ffffff 64bit pref]",
        origin: 'https://github.com/kata-containers/kata-containers/issues/10622',
        facts: { bdf: '0000:01:00.0', bar: '3', range: '[mem 0xa0000000-0xa1ffffff 64bit pref]' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:0b:00.0: ', args: [0, '[mem 0xe0000000-0xefffffff 64bit pref]'] },
  },
  {
    id: 'kernel.bar-no-space',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_assign_resource()',
    format: "%s %pR: can't assign; no space\n",
    versions:
      'Linux 6.8+: "BAR 0 [mem size 0x10000000 64bit pref]: can\'t assign; no space"; older: "BAR %d: no space for %pR"',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|ROM|VF BAR \\d{1,2}|bridge window) (?<range>${RANGE}): can't assign; no space`,
      ),
      new RegExp(`BAR (?<bar>\\d{1,2}): no space for (?<range>${RANGE})`),
      // the format's fixed tail, when the resource name and range were cut off the paste
      /: can't assign; no space$|^can't assign; no space$/,
    ],
    severity: 'warning',
    title: 'No address space left for a BAR',
    cause:
      'the bridge window above the device has no room for this BAR (large GPU BARs, Resizable BAR, or "Above 4G decoding" off in the firmware). The kernel tries again after reallocating; a following "failed to assign" means the BAR stays unassigned and the device cannot be enabled. Seen inside a VM, the window is the one the guest firmware (OVMF, SeaBIOS) set up, too small for the assigned device\'s BAR; for a device hot-plugged into the VM (QMP device_add, a Kata/KubeVirt hot-plug) the root port it lands on only has the window reserved at boot, which the firmware did not size for a large BAR',
    fix: 'enable "Above 4G decoding" in the firmware; try pci=realloc, or pci=realloc=off if the firmware layout was fine; disable Resizable BAR for the passed-through GPU if the window is small. Inside a VM: use OVMF and enlarge its 64-bit window (QEMU -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536, or -cpu host,host-phys-bits=on with a recent OVMF); cold-plug large-BAR devices at VM start instead of hot-plugging them, or reserve room on the hot-plug root port (QEMU pcie-root-port pref64-reserve=)',
    examples: [
      {
        text: '[    0.611010] pci 0000:01:00.0: BAR 1: no space for [mem size 0x400000000 64bit pref]',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', bar: '1' },
      },
      {
        text: "[    0.611010] pci 0000:01:00.0: BAR 1 [mem size 0x400000000 64bit pref]: can't assign; no space",
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', res: 'BAR 1' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: ['BAR 1', '[mem size 0x400000000 64bit pref]'] },
  },
  {
    id: 'kernel.bar-failed-assign',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_assign_resource()',
    format: '%s %pR: failed to assign\n',
    versions:
      'Linux 6.8+: "BAR 0 [mem size 0x10000000]: failed to assign"; older: "BAR %d: failed to assign %pR"',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|ROM|VF BAR \\d{1,2}|bridge window) (?<range>${RANGE}): failed to assign`,
      ),
      new RegExp(`BAR (?<bar>\\d{1,2}): failed to assign (?<range>${RANGE})`),
    ],
    severity: 'error',
    title: 'A BAR could not be assigned at all',
    cause:
      'after trying to make room the kernel still found no address space for this BAR; the device keeps an unusable BAR and its driver (vfio-pci too) fails to enable it ("not assigned; can\'t enable device"). Inside a VM this is the guest firmware\'s MMIO window being too small for the assigned device, and the guest driver fails (NVIDIA: "BAR1 is 0M")',
    fix: 'enable "Above 4G decoding" (and, if needed, disable Resizable BAR) in the firmware; boot with pci=realloc; move the card to a slot under a different root port. Inside a VM: enlarge the guest firmware\'s 64-bit window (OVMF: -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536)',
    examples: [
      {
        text: '[    0.612110] pci 0000:01:00.0: BAR 1: failed to assign [mem size 0x400000000 64bit pref]',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', bar: '1' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: ['BAR 1', '[mem size 0x400000000 64bit pref]'] },
  },
  {
    id: 'kernel.bar-bogus-alignment',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_assign_resource() / pci_reassign_resource()',
    format: "%s %pR: can't assign; bogus alignment\n",
    versions: 'Linux 6.8+; older: "BAR %d: can\'t assign %pR (bogus alignment)"',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|ROM|VF BAR \\d{1,2}|bridge window) (?<range>${RANGE}): can't assign; bogus alignment`,
      ),
      new RegExp(`BAR (?<bar>\\d{1,2}): can't assign (?<range>${RANGE}) \\(bogus alignment\\)`),
    ],
    severity: 'warning',
    title: 'A BAR with an impossible size or alignment',
    cause:
      'the resource reads back with no valid size (e.g. "[??? 0x00000000 flags 0x20000000]"): the device answered the BAR sizing with garbage, typically while it was half reset or powered down',
    fix: 'if it appears after a VM ran, the device did not reset properly (power-cycle the host; vendor-reset for AMD GPUs); at boot, update the device firmware',
    examples: [
      {
        text: "Feb 10 02:25:37 omv kernel: vfio-pci 0000:06:00.0: ROM [??? 0x00000000 flags 0x20000000]: can't assign; bogus alignment",
        origin: 'https://github.com/gnif/vendor-reset/issues/73',
        facts: { bdf: '0000:06:00.0', res: 'ROM' },
      },
      {
        text: "May 13 04:23:43 pve kernel: vfio-pci 0000:75:00.0: ROM [??? 0x00000000 flags 0x20000000]: can't assign; bogus alignment",
        origin: 'https://github.com/gnif/vendor-reset/issues/82',
        facts: { bdf: '0000:75:00.0', res: 'ROM' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:75:00.0: ', args: ['ROM', '[??? 0x00000000 flags 0x20000000]'] },
  },
  {
    id: 'kernel.bar-cant-claim',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_claim_resource()',
    format: "%s %pR: can't claim; address conflict with %s %pR\n",
    versions:
      'Linux 6.8+: "BAR 0 [mem ...]: can\'t claim; address conflict with ..." / "...: can\'t claim; no compatible bridge window"; older: "can\'t claim BAR %d %pR: address conflict with %s %pR" / "can\'t claim BAR %d %pR: no compatible bridge window"',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|ROM|VF BAR \\d{1,2}|bridge window) (?<range>${RANGE}): can't claim; (?<why>address conflict with|no compatible bridge window|no address assigned)`,
      ),
      new RegExp(
        `can't claim BAR (?<bar>\\d{1,2}) (?<range>${RANGE}): (?<why>address conflict with|no compatible bridge window|no address assigned)`,
      ),
    ],
    severity: 'info',
    title: 'Boot-time BAR placement rejected; the kernel reassigns it (usually harmless)',
    cause:
      'the address the firmware gave this BAR overlaps something else or lies outside its bridge window, so the kernel does not keep it and assigns a new one later. Harmless unless a "failed to assign" for the same BAR follows',
    fix: 'nothing to do unless the device fails to enable; then see "failed to assign"',
    examples: [
      {
        text: "pci 0000:01:00.0: can't claim BAR 6 [mem 0xfff00000-0xffffffff pref]: no compatible bridge window",
        origin: 'http://mail.spinics.net/lists/linux-pci/msg44903.html',
        facts: { bdf: '0000:01:00.0', bar: '6', why: 'no compatible bridge window' },
      },
      {
        text: "[Tue Aug 26 16:02:52 2025] pci 0000:00:1f.5: BAR 0 [mem 0xfe010000-0xfe010fff]: can't claim; no compatible bridge window",
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/339',
        facts: { bdf: '0000:00:1f.5', res: 'BAR 0', why: 'no compatible bridge window' },
      },
    ],
    render: {
      prefix: 'pci 0000:00:1f.5: ',
      args: ['BAR 0', '[mem 0xfe010000-0xfe010fff]', 'PCI Bus 0000:00', '[mem 0xfe000000-0xfe0fffff]'],
    },
  },
  {
    id: 'kernel.bar-not-assigned-cant-enable',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_enable_resources()',
    format: "%s %pR: not assigned; can't enable device\n",
    versions: 'Linux 6.8+; older: "can\'t enable device: BAR %d %pR not assigned" (and "... not claimed")',
    patterns: [
      new RegExp(
        `(?<res>BAR \\d{1,2}|ROM) (?<range>${RANGE}): not (?<state>assigned|claimed); can't enable device`,
      ),
      new RegExp(
        `can't enable device: BAR (?<bar>\\d{1,2}) (?<range>${RANGE}) not (?<state>assigned|claimed)`,
      ),
    ],
    severity: 'error',
    title: 'The device cannot be enabled: a BAR has no address',
    cause:
      'a BAR was never assigned address space (see "no space" / "failed to assign" at boot), so pci_enable_device() fails and so does vfio-pci when QEMU opens the device',
    fix: 'fix the BAR assignment: "Above 4G decoding" on, Resizable BAR off for the card, pci=realloc; then reboot',
    examples: [
      {
        text: "[  120.221001] vfio-pci 0000:01:00.0: BAR 1 [mem size 0x400000000 64bit pref]: not assigned; can't enable device",
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', res: 'BAR 1', state: 'assigned' },
      },
      {
        text: "[  120.221001] vfio-pci 0000:01:00.0: can't enable device: BAR 1 [mem size 0x400000000 64bit pref] not assigned",
        origin: BUILT,
        facts: { bar: '1' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['BAR 1', '[mem size 0x400000000 64bit pref]'] },
  },
  {
    id: 'kernel.enabling-device',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/setup-res.c pci_enable_resources()',
    format: 'enabling device (%04x -> %04x)\n',
    patterns: [/enabling device \((?<old>[0-9a-fA-F]{4}) -> (?<new>[0-9a-fA-F]{4})\)/],
    severity: 'info',
    title: "A driver turned on the device's memory/IO decoding (harmless)",
    cause:
      "the command register's decode bits were off and a driver (vfio-pci when a VM starts) enabled them; every first use of a device prints this",
    fix: 'nothing to do',
    examples: [
      {
        text: '[  754.219816] vfio-pci 0000:0c:00.0: enabling device (0400 -> 0403)',
        origin: 'https://github.com/gnif/vendor-reset/issues/25',
        facts: { bdf: '0000:0c:00.0', old: '0400', new: '0403' },
      },
      {
        text: '[  124.454602] i915 0000:00:02.7: enabling device (0000 -> 0002)',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/182',
        facts: { bdf: '0000:00:02.7' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: [0, 3] },
  },
  {
    id: 'kernel.rom-header-signature',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/rom.c pci_get_rom_size()',
    format: 'Invalid PCI ROM header signature: expecting 0xaa55, got %#06x\n',
    versions:
      'newer kernels print the expected value with a conversion ("expecting %#06x"); the text is the same',
    patterns: [/Invalid PCI ROM header signature: expecting 0xaa55, got (?<got>0x[0-9a-fA-F]{1,8})/],
    severity: 'warning',
    title: 'The ROM BAR holds no option ROM',
    cause:
      'the kernel read the ROM BAR and found no 55 AA: the GPU was initialised by a host driver or is the boot GPU whose ROM the firmware shadowed (0xffff often means the device is in a low-power state or gone)',
    fix: 'give QEMU a ROM file (romfile=, see `vfiokit rom`), or dump the ROM before any driver binds (vfio-pci.ids at boot)',
    refine: (f) =>
      f.got?.toLowerCase() === '0xffff'
        ? {
            cause:
              'the ROM read back as all-ones (0xffff): the device did not answer at all when the kernel read its ROM — it was powered down (D3cold), still resetting, or gone — not that the ROM is bad',
          }
        : undefined,
    examples: [
      {
        text: '[24987.194545] vfio-pci 0000:00:02.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0x483f',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/262',
        facts: { bdf: '0000:00:02.0', got: '0x483f' },
      },
      {
        text: '    [  789.811708] tg3 0022:01:00.2: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff',
        origin: 'https://github.com/ColinIanKing/stress-ng/issues/255',
        facts: { bdf: '0022:01:00.2', got: '0xffff' },
      },
      {
        text: '[3189152.966714] vfio-pci 0000:02:00.0: Invalid PCI ROM header signature: expecting 0xaa55, got 0xffff',
        origin: BUILT,
        facts: { bdf: '0000:02:00.0', got: '0xffff' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:02:00.0: ', args: [0xffff] },
  },
  {
    id: 'kernel.rom-data-signature',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/rom.c pci_get_rom_size()',
    format: 'Invalid PCI ROM data signature: expecting 0x52494350, got %#010x\n',
    versions: 'newer kernels print the expected value with a conversion ("expecting %#010x")',
    patterns: [/Invalid PCI ROM data signature: expecting 0x52494350, got (?<got>(?:0x)?[0-9a-fA-F]{1,10})/],
    severity: 'warning',
    title: 'The option ROM has a bad PCIR structure',
    cause:
      'the ROM starts with 55 AA but its PCI data structure ("PCIR") is missing: a corrupt or truncated ROM image, or a ROM that was modified',
    fix: 'use a clean ROM file (`vfiokit rom` checks one) with romfile=',
    examples: [
      {
        text: '[  310.001002] vfio-pci 0000:02:00.0: Invalid PCI ROM data signature: expecting 0x52494350, got 0x00000000',
        origin: BUILT,
        facts: { bdf: '0000:02:00.0', got: '0x00000000' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:02:00.0: ', args: [0x4e564944] },
  },
  {
    id: 'kernel.rom-no-more-images',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/rom.c pci_get_rom_size()',
    format: 'No more images in PCI ROM\n',
    versions: 'older kernels: "No more image in the PCI ROM"',
    patterns: [/No more images? in (?:the )?PCI ROM/],
    severity: 'info',
    title: 'The ROM image chain ended without a "last image" mark (harmless)',
    cause:
      'while sizing the option ROM the kernel found no further image signature before the "last image" flag; the ROM is usable, the kernel just stops there',
    fix: 'nothing to do; if the guest has no display at boot, check the ROM with `vfiokit rom`',
    examples: [
      {
        text: '[  156.783583] vfio-pci 0000:10:00.0: No more image in the PCI ROM',
        origin: 'https://github.com/gnif/vendor-reset/issues/29',
        facts: { bdf: '0000:10:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:10:00.0: ', args: [] },
  },
  {
    id: 'kernel.unknown-header-type',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/probe.c pci_setup_device()',
    format: 'unknown header type %02x, ignoring device\n',
    patterns: [/unknown header type (?<type>[0-9a-fA-F]{2}), ignoring device/],
    severity: 'error',
    title: 'Kernel ignored a device with a bad header type',
    cause:
      'during a (re)scan the device returned garbage or all-ones config space (7f): it is dead or in D3cold',
    fix: 'power-cycle the host; check the card seating and power; after a failed GPU reset a full power-off is needed',
    examples: [
      {
        text: '[ 4213.220871] pci 0000:0c:00.0: unknown header type 7f, ignoring device',
        origin: BUILT,
        facts: { bdf: '0000:0c:00.0', type: '7f' },
      },
    ],
    render: { prefix: 'pci 0000:0c:00.0: ', args: [0x7f] },
  },
  {
    id: 'kernel.probe-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/dd.c call_driver_probe() (older: really_probe())',
    format: 'probe with driver %s failed with error %d\n',
    versions:
      'Linux 5.15+: "probe with driver %s failed with error %d"; older: "%s: probe of %s failed with error %d"',
    patterns: [
      /probe with driver (?<driver>[\w-]{1,64}) failed with error (?<err>-?\d{1,5})/,
      // The driver name must start at a word boundary of the line, so a long run of word characters
      // is not rescanned from every position (unanchored, this took seconds on 4 KiB words).
      new RegExp(
        `(?:^|[\\s\\]])(?<driver>[\\w-]{1,64}): probe of ${BDF} failed with error (?<err>-?\\d{1,5})`,
      ),
    ],
    severity: 'error',
    title: 'A driver failed to bind',
    cause:
      'the driver\'s probe returned an error. For vfio-pci, -22 (EINVAL) almost always means the device has no IOMMU group: the IOMMU is off or does not cover the device — Intel VT-d / AMD-Vi not enabled, or on Arm64 an SMMU that is disabled in the firmware or does not translate for this PCIe controller (vfio_pci_core_register_device needs a group). The other cause, since Linux 5.19 ("vfio: Require that devices support DMA cache coherence"): the device has a group, but its IOMMU does not report cache-coherent DMA (IOMMU_CAP_CACHE_COHERENCY) for it, and VFIO refuses it with -EINVAL. That is an Arm SMMU that the firmware does not describe as coherent (device tree: no dma-coherent property on the SMMU node; ACPI: the IORT COHACC flag clear) — since 6.2 the Arm SMMU drivers report coherency only from that description — or, in a guest on 5.19, a virtio-iommu before its fix in 6.0. On IBM POWER hosts (PowerNV or pseries, PCI domains such as 0003:) every device failed this way on Linux 5.19 to 6.3: that check needs IOMMU ops the POWER TCE IOMMU code did not have until "powerpc/iommu: Add iommu_ops to report capabilities and allow blocking domains" (a940904443e4, 6.4), a regression fixed by updating the kernel. vfio-pci also returns -22 for a device that is not a normal endpoint (a PCI bridge or root port: only header type 0 can be assigned) and for one on its deny list (dmesg: "exists in vfio-pci device denylist")',
    fix: 'for vfio-pci: enable the IOMMU (vfiokit doctor: the device must have /sys/bus/pci/devices/ADDR/iommu_group); if it has a group on an Arm board, the SMMU must be described as coherent (dma-coherent in its device-tree node, or the IORT COHACC flag; only if the hardware really walks page tables coherently); -16 (EBUSY): another driver holds the device, unbind it first',
    refine: (raw) => {
      // "vfio_pci" (a module name) and "fio-pci" (the first letter lost in a copy) can only be
      // vfio-pci: no other driver has those names.
      const f = /^v?fio[-_]pci$/.test(raw.driver ?? '') ? { ...raw, driver: 'vfio-pci' } : raw;
      const name = ERRNO[f.err ?? ''];
      if (f.driver !== 'vfio-pci') {
        if (f.driver === 'simple-framebuffer' && f.err === '-16')
          return {
            severity: 'warning',
            cause:
              'simpledrm could not take the firmware framebuffer because another driver (efifb, or a GPU driver) already holds that memory range',
            fix: "harmless when the GPU's own driver took over; for a passed-through boot GPU keep all framebuffer drivers off it (video=efifb:off, initcall_blacklist=sysfb_init)",
          };
        // Since Linux 5.19 a host driver that uses DMA cannot bind to a device whose IOMMU group a
        // VFIO user owns: iommu_device_use_default_domain() (drivers/iommu/iommu.c) returns EBUSY.
        // The NVIDIA module returns -1 for every failed probe (kernel-open/nvidia/nv-pci.c); its NVRM
        // lines above say which check failed.
        if (f.driver === 'nvidia' && f.err === '-1')
          return {
            cause:
              'the nvidia module declined or failed this device (its probe returns -1 for every reason): the NVRM line just above says which — an SR-IOV VF it does not drive ("Ignoring probe for VF", harmless), a legacy GPU, a BAR it could not claim or resize, no IRQ. A GPU held by vfio-pci is not probed at all ("is already bound to vfio-pci")',
            fix: 'read `dmesg | grep NVRM` around it; for a VF or a GPU meant for a VM nothing to do',
          };
        if (
          f.driver === 'amdgpu' &&
          (f.err === '-22' || f.err === '-110' || f.err === '-62' || f.err === '-2')
        )
          return {
            cause: `amdgpu could not start the GPU (${name ?? f.err}) and gave it up: the lines above say which step — no VBIOS ("Unable to locate a BIOS ROM": in a guest a hidden or unreadable ROM BAR), an unreadable IP discovery table or a PSP/SMU/ring failure (a card not reset since its last user: the AMD reset problem after passthrough), or, with -2, a firmware file missing`,
            fix: "read the amdgpu lines above it; reset the card before the driver loads (vendor-reset, host power-cycle), keep amdgpu off a card meant for a VM, give a guest the card's ROM (rombar on, or a romfile dumped from this card) and current linux-firmware",
          };
        const variant = refineVariantProbe(f);
        if (variant) return variant;
        if (f.err === '-16')
          return {
            cause: `the ${f.driver} driver could not bind (EBUSY): the device or its resources are held — typically its IOMMU group is owned by a VFIO user (a VM has another device of the same group open), and the kernel keeps host drivers off every device of such a group (iommu_device_use_default_domain())`,
            fix: 'stop the VM using the group (or bind this device to vfio-pci too, since its group is passed through); `vfiokit groups` shows the group',
          };
        return {
          cause: `the ${f.driver} driver could not bind to the device${name ? ` (${name})` : ''}; the lines before it in the log say why`,
        };
      }
      if (f.err === '-22') return undefined;
      if (f.err === '-16')
        return {
          cause:
            'vfio-pci could not bind: the device or its resources are busy (EBUSY), e.g. SR-IOV VFs are enabled on a PF, or another driver still claims it',
        };
      if (f.err === '-19')
        return {
          cause:
            "vfio-pci declined the device (ENODEV): it is not a normal endpoint (a bridge or a non-type-0 header), or vfio-pci's deny list or ids filtering rejected it",
        };
      return {
        cause: `vfio-pci could not bind${name ? ` (${name})` : ''}; the lines before it in dmesg say why`,
      };
    },
    examples: [
      {
        text: '[    7.567947] vfio-pci: probe of 0000:01:00.0 failed with error -22',
        origin: 'https://github.com/NVIDIA/kubevirt-gpu-device-plugin/issues/66',
        facts: { bdf: '0000:01:00.0', driver: 'vfio-pci', err: '-22' },
      },
      {
        text: '[    4.301223] vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -22',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', driver: 'vfio-pci', err: '-22' },
      },
      {
        text: '[    3.912345] vfio-pci: probe of 0000:01:00.0 failed with error -22',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', driver: 'vfio-pci', err: '-22' },
      },
      {
        text: '[    8.312681] simple-framebuffer simple-framebuffer.0: probe with driver simple-framebuffer failed with error -16',
        origin: BUILT,
        facts: { driver: 'simple-framebuffer', err: '-16' },
      },
      {
        text: '[    4.310077] nvidia: probe of 0000:41:00.4 failed with error -1',
        origin: BUILT,
        facts: { bdf: '0000:41:00.4', driver: 'nvidia', err: '-1' },
      },
      {
        text: '[    5.129633] amdgpu: probe of 0000:10:00.0 failed with error -22',
        origin: BUILT,
        facts: { bdf: '0000:10:00.0', driver: 'amdgpu', err: '-22' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['vfio-pci', -22] },
  },

  // ---------------------------------------------------------------- drivers/pci/pcie/aer.c
  {
    id: 'kernel.aer-error-received',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_print_port_info()',
    format: 'AER: %s%s error message received from %04x:%02x:%02x.%d\n',
    versions:
      'Linux 6.1+: "AER: [Multiple ]Corrected|Uncorrected (Non-Fatal)|Uncorrected (Fatal) error message received from 0000:..."; 6.12+ say "Correctable"/"Uncorrectable"; 4.19–6.0: "AER: %s%s error received: %04x:%02x:%02x.%d"; up to 4.18: "AER: Corrected error received: id=%04x"',
    patterns: [
      /AER: (?<multiple>Multiple )?(?<severity>Corrected|Correctable|Uncorrected \((?:Non-Fatal|Fatal)\)|Uncorrectable \((?:Non-Fatal|Fatal)\)) error (?:message received from|received:) (?:(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])|id=(?<id>[0-9a-fA-F]{4}))/,
    ],
    severity: 'warning',
    title: 'PCIe error reported (AER)',
    cause:
      "a PCIe link or device reported an error. Uncorrected errors right around a VM start/stop usually come from the device's reset (the link drops during FLR or a bus reset, or the device misbehaves after it)",
    fix: 'note which device the message names and whether it lines up with a reset (`vfiokit diagnose --dmesg` shows the reset lines); repeated uncorrected errors: reseat the card, try another slot, lower the link speed in the firmware',
    refine: (f) =>
      f.severity?.startsWith('Correct')
        ? {
            severity: 'info',
            title: 'Corrected PCIe error (harmless unless it floods the log)',
            cause:
              'the hardware detected and corrected a link error (e.g. a receiver error); nothing was lost. A flood of them points at signal quality or ASPM (often pcie_aspm=off or a firmware update silences it)',
            fix: 'ignore single ones; for a flood try pcie_aspm=off or another slot, or pci=noaer to silence them',
          }
        : f.severity?.includes('Fatal)') && !f.severity.includes('Non-Fatal')
          ? {
              severity: 'error',
              cause:
                'a fatal PCIe error: the link or device is unusable until the kernel resets it; if it follows a VM reset, the device does not survive that reset',
            }
          : undefined,
    examples: [
      {
        text: '[ 5682.626559] pcieport 0000:00:01.0: AER: Uncorrected (Fatal) error received: 0000:00:01.0',
        origin: 'https://github.com/gnif/vendor-reset/issues/72',
        facts: { bdf: '0000:00:01.0', severity: 'Uncorrected (Fatal)' },
      },
      {
        text: 'Sep 22 09:59:09 pve kernel: pcieport 0000:80:1b.4: AER: Uncorrectable (Non-Fatal) error message received from 0000:80:1b.4',
        origin: 'https://github.com/minisforum-docs/MS-02-Ultra/issues/10',
        facts: { bdf: '0000:80:1b.4', severity: 'Uncorrectable (Non-Fatal)' },
      },
      {
        text: '[  216.073901] pcieport 0000:00:1c.5: AER: Corrected error received: id=00e5',
        origin: 'https://github.com/larixer/hid-asus-dkms/issues/33',
        facts: { severity: 'Corrected', id: '00e5' },
      },
      {
        text: '[ 58.321146] pcieport 0000:00:00.0: AER: Uncorrected (Non-Fatal) error received: 0000:00:00.0',
        origin: 'https://github.com/geerlingguy/raspberry-pi-pcie-devices/issues/600',
        facts: { bdf: '0000:00:00.0', severity: 'Uncorrected (Non-Fatal)' },
      },
      {
        text: '[   36.772366][  T291] pcieport 0000:00:00.0: AER: Multiple Correctable error message received from 0000:00:00.0',
        origin: 'https://github.com/qualcomm-linux/kernel/pull/1118',
        facts: { severity: 'Correctable', multiple: 'Multiple ' },
      },
    ],
    render: { prefix: 'pcieport 0000:00:01.1: ', args: ['', 'Uncorrected (Non-Fatal)', 0, 1, 0, 0] },
  },
  {
    id: 'kernel.aer-bus-error',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/aer.c aer_print_error() / __aer_print_error()',
    format: 'PCIe Bus Error: severity=%s, type=%s, (%s)\n',
    versions: 'up to 4.x the agent was "id=%04x(%s)"; 6.12+ say Correctable/Uncorrectable',
    patterns: [
      /PCIe Bus Error: severity=(?<severity>Corrected|Correctable|Uncorrected \((?:Non-Fatal|Fatal)\)|Uncorrectable \((?:Non-Fatal|Fatal)\)), type=(?<type>[A-Za-z ]{1,32}), (?:id=[0-9a-fA-F]{4})?\((?<agent>[A-Za-z ]{1,32})\)/,
    ],
    severity: 'warning',
    title: 'Details of a PCIe error (AER)',
    cause:
      'the error\'s class: "Physical Layer"/"Data Link Layer" are link problems (signal, ASPM, a link going down during a reset); "Transaction Layer" errors (completion timeout, unsupported request, ACS violation) come from the device or its driver — around a VM reset they usually mean the device was accessed while resetting',
    fix: 'the next lines name the error bits (e.g. "[21] ACSViol", "[14] CmpltTO"); repeated transaction-layer errors on an assigned GPU: it does not reset cleanly (vendor-reset for AMD, avoid VM restarts without a host reboot)',
    refine: (f) => {
      if (f.severity?.startsWith('Correct')) return correctedAerByLayer(f);
      // A fatal error reported by a port (the agent is the port itself, "Receiver ID") is most
      // often Surprise Down (uncorrectable status bit 5): the link below it dropped.
      if (f.severity?.endsWith('(Fatal)') && f.logDriver === 'pcieport')
        return {
          title: 'Fatal PCIe error on a port: the device below likely dropped off the link',
          cause:
            'an uncorrectable (fatal) AER error reported by a root or switch port: on a port this is most often Surprise Down (status bit 5, "SDES") — the link to the device below went down, the device fell off the bus (it did not survive a reset, lost power, or a riser/cable fault); Completion Timeout and Malformed TLP are the other usual bits. The VM using the device loses it',
          fix: 'the next lines name the bit ("[ 5] SDES" = link down); if it follows a VM shutdown or reset the device does not survive reset (vendor-reset for AMD, avoid VM restarts without a host reboot); under load check power cables, riser and slot',
        };
      return undefined;
    },
    examples: [
      {
        text: '[ 5682.626567] pcieport 0000:00:01.0: PCIe Bus Error: severity=Uncorrected (Fatal), type=Transaction Layer, (Requester ID)',
        origin: 'https://github.com/gnif/vendor-reset/issues/72',
        facts: { severity: 'Uncorrected (Fatal)', type: 'Transaction Layer' },
      },
      {
        text: 'Sep 22 09:59:09 pve kernel: pcieport 0000:80:1b.4: PCIe Bus Error: severity=Uncorrectable (Non-Fatal), type=Transaction Layer, (Receiver ID)',
        origin: 'https://github.com/minisforum-docs/MS-02-Ultra/issues/10',
        facts: { bdf: '0000:80:1b.4', severity: 'Uncorrectable (Non-Fatal)', type: 'Transaction Layer' },
      },
      {
        text: '[  216.073925] pcieport 0000:00:1c.5: PCIe Bus Error: severity=Corrected, type=Physical Layer, id=00e5(Receiver ID)',
        origin: 'https://github.com/larixer/hid-asus-dkms/issues/33',
        facts: { severity: 'Corrected', type: 'Physical Layer', agent: 'Receiver ID' },
      },
    ],
    render: {
      prefix: 'vfio-pci 0000:01:00.0: ',
      args: ['Uncorrected (Non-Fatal)', 'Transaction Layer', 'Requester ID'],
    },
  },
  {
    id: 'kernel.aer-recovery-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/err.c pcie_do_recovery()',
    format: 'AER: device recovery failed\n',
    patterns: [/AER: device recovery failed/],
    severity: 'error',
    title: 'The kernel could not recover a device after a PCIe error',
    cause:
      'after an uncorrected error the kernel tried to recover the devices below the port (driver callbacks, link reset) and failed: a driver there has no error handling or the device stayed dead',
    fix: 'the device below the port named in the message is unusable until a reset works or the host is power-cycled; find which device reported the error in the lines before',
    examples: [
      {
        text: 'Sep 22 09:59:09 pve kernel: pcieport 0000:80:1b.4: AER: device recovery failed',
        origin: 'https://github.com/minisforum-docs/MS-02-Ultra/issues/10',
        facts: { bdf: '0000:80:1b.4' },
      },
    ],
    render: { prefix: 'pcieport 0000:80:1b.4: ', args: [] },
  },
  {
    id: 'kernel.aer-recovery-successful',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/err.c pcie_do_recovery()',
    format: 'AER: device recovery successful\n',
    patterns: [/AER: device recovery successful/],
    severity: 'info',
    title: 'Device recovered after a PCIe error',
    cause:
      'the kernel reset the link and the drivers below the port resumed; for a device on vfio-pci, QEMU was told of the error and the guest may have seen it',
    fix: 'nothing to do if the VM kept working; repeated errors still deserve a look at the slot and the card',
    examples: [
      {
        text: '[ 1203.100201] pcieport 0000:00:01.1: AER: device recovery successful',
        origin: BUILT,
        facts: { bdf: '0000:00:01.1' },
      },
    ],
    render: { prefix: 'pcieport 0000:00:01.1: ', args: [] },
  },
  {
    id: 'kernel.aer-no-error-handler',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pcie/err.c report_error_detected()',
    format: "AER: can't recover (no error_detected callback)\n",
    patterns: [/AER: can't recover \(no error_detected callback\)/],
    severity: 'warning',
    title: 'A driver below the failing port has no PCIe error handling',
    cause:
      'the driver bound to this device cannot take part in AER recovery, so recovery of the whole port fails ("device recovery failed"); vfio-pci does have the callback, host drivers often do not',
    fix: 'nothing to do about the message itself; fix the error source (see the AER lines before)',
    examples: [
      {
        text: "Sep 22 09:59:09 pve kernel: xhci_hcd 0000:97:00.0: AER: can't recover (no error_detected callback)",
        origin: 'https://github.com/minisforum-docs/MS-02-Ultra/issues/10',
        facts: { bdf: '0000:97:00.0' },
      },
    ],
    render: { prefix: 'xhci_hcd 0000:97:00.0: ', args: [] },
  },

  // ---------------------------------------------------------------- drivers/pci/vgaarb.c
  {
    id: 'kernel.vgaarb-boot-vga',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_arbiter_add_pci_device() / vga_arb_select_default_device() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: setting as boot VGA device%s\n',
    patterns: [/vgaarb: setting as boot VGA device(?<how> \(overriding previous\))?/],
    severity: 'info',
    title: 'This GPU is the boot (primary) display',
    cause:
      'the firmware initialised this GPU and drew the boot screen on it: its ROM may be shadowed, a firmware framebuffer (efifb/simplefb) sits in its BAR, and the host console uses it. Harmless in itself, but it matters if you pass this GPU through',
    fix: 'to pass the boot GPU through: keep framebuffer drivers off it (video=efifb:off, initcall_blacklist=sysfb_init), give QEMU a clean ROM (romfile=, see `vfiokit rom`), or make another GPU primary in the firmware',
    examples: [
      {
        text: '[Tue Aug 26 16:02:52 2025] pci 0000:00:02.0: vgaarb: setting as boot VGA device',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/339',
        facts: { bdf: '0000:00:02.0' },
      },
    ],
    render: { prefix: 'pci 0000:00:02.0: ', args: [''] },
  },
  {
    id: 'kernel.vgaarb-device-added',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_arbiter_add_pci_device() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: VGA device added: decodes=%s,owns=%s,locks=%s\n',
    patterns: [
      /vgaarb: VGA device added: decodes=(?<decodes>[\w+]{1,12}),owns=(?<owns>[\w+]{1,12}),locks=(?<locks>[\w+]{1,12})/,
    ],
    severity: 'info',
    title: 'GPU registered with the VGA arbiter (harmless)',
    cause: 'every VGA-class device is registered with the arbiter at boot',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    0.421201] pci 0000:01:00.0: vgaarb: VGA device added: decodes=io+mem,owns=none,locks=none',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', decodes: 'io+mem' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: ['io+mem', 'none', 'none'] },
  },
  {
    id: 'kernel.vgaarb-decodes-changed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_update_device_decodes() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: changed VGA decodes: olddecodes=%s,decodes=%s:owns=%s\n',
    versions: 'Linux 6.5+: "vgaarb: VGA decodes changed: olddecodes=..."',
    patterns: [
      /vgaarb: (?:changed VGA decodes|VGA decodes changed): olddecodes=(?<old>[\w+]{1,12}),decodes=(?<decodes>[\w+]{1,12}):owns=(?<owns>[\w+]{1,12})/,
    ],
    severity: 'info',
    title: 'A driver changed which legacy VGA ranges a GPU decodes (harmless)',
    cause:
      'drivers (vfio-pci, i915, amdgpu) tell the VGA arbiter whether their GPU still decodes legacy VGA I/O and memory; this is routine when drivers bind',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    3.744910] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=none',
        origin: 'https://github.com/jscinoz/optimus-vfio-docs/issues/2',
        facts: { bdf: '0000:01:00.0', owns: 'none' },
      },
      {
        text: '[   65.353451] i915 0000:00:02.0: vgaarb: VGA decodes changed: olddecodes=none,decodes=none:owns=io+mem',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/342',
        facts: { bdf: '0000:00:02.0', owns: 'io+mem' },
      },
      {
        text: '[    4.1] vfio-pci 0000:01:00.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=none',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'vfio-pci 0000:01:00.0: ', args: ['io+mem', 'io+mem', 'none'] },
  },
  {
    id: 'kernel.vgaarb-bridge-control',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_arbiter_add_pci_device() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: bridge control possible\n',
    versions: 'also "vgaarb: no bridge control possible"',
    patterns: [/vgaarb: (?<no>no )?bridge control possible/],
    severity: 'info',
    title: 'VGA routing through bridges (harmless)',
    cause:
      'whether the arbiter can route legacy VGA to this GPU by switching the VGA Enable bit of its bridges; only matters for legacy VGA assignment (x-vga=on), not for OVMF/UEFI guests',
    fix: 'nothing to do for UEFI guests',
    examples: [
      {
        text: '[    0.421205] pci 0000:01:00.0: vgaarb: bridge control possible',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: [] },
  },

  {
    id: 'kernel.vgaarb-deactivate-console',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/vgaarb.c vga_remove_vgacon() (before 6.5: drivers/gpu/vga/vgaarb.c)',
    format: 'vgaarb: deactivate vga console\n',
    patterns: [/vgaarb: deactivate vga console/],
    severity: 'info',
    title: 'The VGA text console was taken off a GPU (harmless)',
    cause:
      'a driver taking over a GPU (i915, amdgpu, nouveau, or the aperture helpers) removed the legacy VGA text console from it; routine at boot',
    fix: 'nothing to do',
    examples: [
      {
        text: '[    3.402211] pci 0000:00:02.0: vgaarb: deactivate vga console',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
    render: { prefix: 'i915 0000:00:02.0: ', args: [] },
  },

  // ---------------------------------------------------------------- framebuffers
  {
    id: 'kernel.efifb-cannot-reserve',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/efifb.c efifb_probe()',
    format: 'efifb: cannot reserve video memory at 0x%lx\n',
    patterns: [/efifb: cannot reserve video memory at (?<address>0x[0-9a-fA-F]{1,16})/],
    severity: 'warning',
    title: 'efifb could not reserve the boot framebuffer',
    cause:
      "another driver already holds the framebuffer memory (vfio-pci or the GPU's driver claimed the BAR first); efifb carries on without the reservation. On a host where that GPU is passed through this shows the framebuffer and vfio-pci overlap",
    fix: 'for a passed-through boot GPU keep efifb off it: video=efifb:off (and initcall_blacklist=sysfb_init on 5.15+); otherwise harmless',
    examples: [
      {
        text: '[    0.812201] efifb: cannot reserve video memory at 0xe0000000',
        origin: BUILT,
        facts: { address: '0xe0000000' },
      },
    ],
    render: { prefix: '', args: [0xe0000000] },
  },
  {
    id: 'kernel.vesafb-cannot-reserve',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/vesafb.c vesafb_probe()',
    format: 'vesafb: cannot reserve video memory at 0x%lx\n',
    patterns: [/vesafb: cannot reserve video memory at (?<address>0x[0-9a-fA-F]{1,16})/],
    severity: 'warning',
    title: 'vesafb could not reserve the boot framebuffer',
    cause:
      'another driver holds the framebuffer memory of the legacy-BIOS boot GPU; vesafb continues without the reservation',
    fix: 'for a passed-through boot GPU: video=vesafb:off (with initcall_blacklist=sysfb_init on 5.15+)',
    examples: [
      {
        text: '[    0.812201] vesafb: cannot reserve video memory at 0xf0000000',
        origin: BUILT,
        facts: { address: '0xf0000000' },
      },
    ],
    render: { prefix: '', args: [0xf0000000] },
  },
  {
    id: 'kernel.simplefb-cannot-reserve',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/simplefb.c simplefb_probe()',
    format: 'simplefb: cannot reserve video memory at %pR\n',
    patterns: [new RegExp(`simplefb: cannot reserve video memory at (?<range>${RANGE})`)],
    severity: 'warning',
    title: 'simplefb could not reserve the boot framebuffer',
    cause:
      'another driver (vfio-pci or the GPU driver) holds the framebuffer range that sysfb handed to simplefb',
    fix: 'for a passed-through boot GPU boot with initcall_blacklist=sysfb_init (5.15+) so no firmware framebuffer is registered on it',
    examples: [
      {
        text: '[    1.011021] simple-framebuffer simple-framebuffer.0: simplefb: cannot reserve video memory at [mem 0xe0000000-0xe07e8fff]',
        origin: BUILT,
        facts: { range: '[mem 0xe0000000-0xe07e8fff]' },
      },
    ],
    render: { prefix: 'simple-framebuffer simple-framebuffer.0: ', args: ['[mem 0xe0000000-0xe07e8fff]'] },
  },
  {
    id: 'kernel.simpledrm-acquire-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/tiny/simpledrm.c simpledrm_device_create()',
    format: 'could not acquire memory range %pr: error %d\n',
    versions:
      '5.14+ (simpledrm); wording varies: "could not acquire memory range %pr: error %d", "... %pr: %d", "... [%pa-%pa]: %d"',
    patterns: [
      /\[drm\] \*ERROR\* could not acquire memory range (?<range>\[[^\]\n]{1,100}\]|%pr):? (?:error )?(?<err>-?\d{1,5})/,
    ],
    severity: 'warning',
    title: 'simpledrm could not take the firmware framebuffer',
    cause:
      "the framebuffer memory is already claimed (-16 EBUSY): by efifb, by the GPU's real driver, or by vfio-pci. simpledrm then does not drive the screen",
    fix: "harmless if the GPU's own driver took over the display; for a passed-through boot GPU prevent framebuffer drivers on it with initcall_blacklist=sysfb_init",
    examples: [
      {
        text: '[    8.289823] simple-framebuffer simple-framebuffer.0: [drm] *ERROR* could not acquire memory range [mem 0xe0031200000-0xe00315fffff flags 0x200]: -16',
        origin: BUILT,
        facts: { err: '-16' },
      },
    ],
    // %pr prints a resource as its raw range.
    render: {
      prefix: 'simple-framebuffer simple-framebuffer.0: [drm] *ERROR* ',
      args: ['[mem 0xc0000000-0xc07fffff flags 0x200]', -16],
    },
  },
  {
    id: 'kernel.efifb-bar-assigned',
    source: 'kernel',
    cite: 'torvalds/linux drivers/firmware/efi/sysfb_efi.c efifb_fixup_resources() (older: drivers/video/fbdev/efifb.c)',
    format: 'BAR %d: assigned to efifb\n',
    patterns: [/BAR (?<bar>\d{1,2}): assigned to efifb(?<disabled> but device is disabled!)?/],
    severity: 'info',
    title: "The EFI framebuffer lives in this GPU's BAR",
    cause:
      'the firmware\'s boot framebuffer is inside this BAR, so this GPU is the boot display; efifb/simplefb will claim that memory, and vfio-pci then cannot reserve the BAR ("BAR N: can\'t reserve") when the GPU is passed through',
    fix: 'harmless unless you pass this GPU through; then boot with video=efifb:off (and initcall_blacklist=sysfb_init on 5.15+)',
    examples: [
      {
        text: '[    4.485397] pci 0000:0a:00.0: BAR 1: assigned to efifb',
        origin: 'https://github.com/cloud-hypervisor/cloud-hypervisor/issues/6147',
        facts: { bdf: '0000:0a:00.0', bar: '1' },
      },
    ],
    render: { prefix: 'pci 0000:0a:00.0: ', args: [1] },
  },
  {
    id: 'kernel.efifb-bar-moved',
    source: 'kernel',
    cite: 'torvalds/linux drivers/firmware/efi/sysfb_efi.c efifb_fixup_resources() (older: drivers/video/fbdev/efifb.c)',
    format: 'BAR has moved, updating efifb address\n',
    patterns: [/BAR has moved, updating efifb address/],
    severity: 'info',
    title: "The kernel moved the boot GPU's framebuffer BAR",
    cause:
      'PCI resource reassignment (pci=realloc, or a BAR the firmware placed badly) moved the BAR holding the EFI framebuffer; efifb follows it. This GPU is the boot display',
    fix: 'nothing to do, unless this GPU is passed through: then keep efifb off it (video=efifb:off, initcall_blacklist=sysfb_init)',
    examples: [
      {
        text: '[    0.612233] pci 0000:01:00.0: BAR has moved, updating efifb address',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
    render: { prefix: 'pci 0000:01:00.0: ', args: [] },
  },
  {
    id: 'kernel.efifb-framebuffer-at',
    source: 'kernel',
    cite: 'torvalds/linux drivers/video/fbdev/efifb.c efifb_probe()',
    format: 'efifb: framebuffer at 0x%lx, using %dk, total %dk\n',
    patterns: [
      /efifb: framebuffer at (?<address>0x[0-9a-fA-F]{1,16}), using (?<used>\d{1,9})k, total (?<total>\d{1,9})k/,
    ],
    severity: 'info',
    title: 'efifb drives the boot framebuffer',
    cause:
      "efifb took the firmware framebuffer at this address (inside the boot GPU's BAR); harmless unless that GPU is passed through, in which case its BAR stays claimed",
    fix: "compare the address with the GPU's BARs (`lspci -v`); to pass that GPU through, boot with video=efifb:off",
    examples: [
      {
        text: '[    0.055751] efifb: framebuffer at 0xe0000000, using 8128k, total 8128k',
        origin: BUILT,
        facts: { address: '0xe0000000', used: '8128' },
      },
    ],
    render: { prefix: '', args: [0xe0000000, 8128, 8128] },
  },

  // ---------------------------------------------------------------- init/main.c and option parsing
  {
    id: 'kernel.unknown-cmdline-parameters',
    source: 'kernel',
    cite: 'torvalds/linux init/main.c print_unknown_bootoptions()',
    format: 'Unknown kernel command line parameters "%s", will be passed to user space.\n',
    versions: 'Linux 5.14+',
    patterns: [/Unknown kernel command line parameters "(?<params>[^"\n]{0,1000})"/],
    severity: 'warning',
    title: 'Kernel parameters the kernel does not know',
    cause:
      'the kernel has no handler for these words: a typo, or an option from a patch this kernel lacks (pcie_acs_override without the ACS override patch does nothing)',
    fix: 'correct the spelling (module options are module.param=value, e.g. vfio-pci.ids=); remove options this kernel does not carry',
    examples: [
      {
        text: '[    0.081234] Unknown kernel command line parameters "BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 pcie_acs_override=downstream,multifunction", will be passed to user space.',
        origin: BUILT,
        facts: { params: 'BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 pcie_acs_override=downstream,multifunction' },
      },
    ],
    render: { prefix: '', args: ['BOOT_IMAGE=/vmlinuz pcie_acs_override=downstream'] },
  },
  {
    id: 'kernel.iommu-unknown-option',
    source: 'kernel',
    cite: 'torvalds/linux drivers/iommu/amd/init.c parse_amd_iommu_options(), drivers/iommu/intel/iommu.c intel_iommu_setup()',
    format: "Unknown option - '%s'\n",
    patterns: [/(?<prefix>AMD-Vi|DMAR): Unknown option - '(?<opt>[^'\n]{0,64})'/],
    severity: 'info',
    title: 'IOMMU option not understood',
    cause:
      'the IOMMU driver ignored this option. "amd_iommu=on" is the usual case: it is not an option, AMD IOMMUs are on whenever the firmware has IVRS',
    fix: 'remove the option from the kernel command line (for AMD no option is needed; amd_iommu=off disables it)',
    examples: [
      {
        text: "[    0.032766] AMD-Vi: Unknown option - 'on'",
        origin: BUILT,
        facts: { prefix: 'AMD-Vi', opt: 'on' },
      },
      {
        text: "[    0.021000] DMAR: Unknown option - 'yes'",
        origin: BUILT,
        facts: { prefix: 'DMAR', opt: 'yes' },
      },
    ],
    render: { prefix: 'AMD-Vi: ', args: ['on'] },
  },
];
