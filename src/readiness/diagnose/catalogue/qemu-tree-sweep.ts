/**
 * QEMU files of the device-assignment path that the coverage ledger did not list yet, swept for
 * their format strings: the emulated IOMMUs an assigned device can sit behind (hw/i386/amd_iommu.c,
 * hw/virtio/virtio-iommu.c), the emulated SR-IOV of hw/pci/pcie_sriov.c, the PCIe port helpers
 * (hw/pci/pcie.c, whose strings the catalogue already covers, and hw/pci/pcie_port.c, which prints
 * none), and the vfio-platform device with its device-tree generation (hw/vfio/platform.c,
 * hw/core/sysbus-fdt.c). Each entry cites the function printing its format; QEMU_TREE_ALSO and
 * QEMU_TREE_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const QEMU = 'qemu-system-x86_64: ';
const QEMU_ARM = 'qemu-system-aarch64: ';
/** A 64-bit mask as QEMU prints it with 0x%"PRIx64. */
const MASK = '0x[0-9a-fA-F]{1,16}';

/** The smallest page size a virtio-iommu page-size mask allows (its lowest set bit), in bytes. */
export function smallestPage(mask: string | undefined): number | undefined {
  if (!mask || !/^0x[0-9a-fA-F]{1,16}$/.test(mask)) return undefined;
  const v = BigInt(mask);
  if (v === 0n) return undefined;
  return Number(v & -v);
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/** What a virtio-iommu page-size refusal says, by wording (hw/virtio/virtio-iommu.c). */
function refinePageMask(f: Facts): Refinement | undefined {
  if (f.granule) {
    const g = smallestPage(f.granule);
    return {
      title: 'A hot-plugged device cannot use the page size the guest IOMMU already settled on',
      cause: `the virtio-iommu's page size is fixed once the machine is up (its "frozen granule", here ${g ? kib(g) : f.granule}): the guest driver has read it and built its mappings on it. The device being added sits behind a host IOMMU that cannot map pages of that size, so QEMU refuses it rather than let the guest make mappings the host cannot mirror`,
      fix: 'start the VM with the device on the command line (cold-plug), so the guest IOMMU takes a page size every device supports before the guest boots; or give the virtio-iommu the host IOMMU page size from the start (-device virtio-iommu-pci,granule=host, or granule=64k on a host with 64 KiB pages)',
    };
  }
  if (f.how === 'does not match')
    return {
      severity: 'warning',
      title: 'A hot-plugged device supports other page sizes than the guest IOMMU (it was accepted)',
      cause:
        "a device was hot-plugged after the machine was set up; its host IOMMU supports the virtio-iommu's smallest page size but not the same set of larger ones. QEMU kept the guest IOMMU's page sizes and accepted the device; the guest may use block sizes that are less efficient for it. Nothing fails",
      fix: 'nothing is required; to avoid it, put the device on the command line instead of hot-plugging it',
    };
  const host = smallestPage(f.mask);
  const guest = smallestPage(f.current);
  if (host && guest && host > guest)
    return {
      cause: `the host IOMMU behind the device maps pages of ${kib(host)} at the smallest (mask ${f.mask}), but the virtio-iommu offers the guest ${kib(guest)} pages (mask ${f.current}), and the two sets of page sizes have nothing in common. This is the case of an ARM64 host kernel built with ${kib(host)} pages (its SMMU then uses that granule) under a QEMU whose virtio-iommu used 4 KiB pages: the guest would make ${kib(guest)} mappings the host cannot mirror, so QEMU refuses the device`,
    };
  return undefined;
}

/** Why amdvi_int_remap_msi() fails, in the order of its checks' likelihood. */
const AMD_IR_WHY =
  'The usual reason is that the guest kernel turned interrupt remapping on while the amd-iommu was created without intremap=on; others are an interrupt remapping table entry the guest left disabled or invalid. A device whose interrupts are dropped stalls in the guest';

export const QEMU_TREE_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- hw/i386/amd_iommu.c
  {
    id: 'qemu.amd-iommu-no-vfio-support',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/amd_iommu.c amdvi_iommu_notify_flag_changed()',
    format: 'device %02x.%02x.%x requires iommu notifier which is not currently supported',
    versions:
      'old releases printed it with error_report() and exited; later ones hand it to VFIO, which prints it after "memory listener initialization failed: Region amd_iommu: "; QEMU 10.2, which added DMA remapping to amd-iommu (Alejandro Jimenez\'s series, "amd_iommu: Add dma-remap property to AMD vIOMMU device", pulled in October 2025 after 10.1 was out), words it "device %02x.%02x.%x requires dma-remap=1" (with ": Operation not supported")',
    patterns: [
      /device (?<guestdev>[0-9a-fA-F]{2}\.[0-9a-fA-F]{2}\.[0-7]) requires (?<need>iommu notifier which is not currently supported|dma-remap=1)/,
    ],
    severity: 'error',
    title: "The guest's emulated AMD IOMMU (amd-iommu) cannot carry an assigned device",
    cause:
      "the VM has QEMU's emulated AMD IOMMU (-device amd-iommu, libvirt <iommu model='amd'>) and an assigned device behind it. For a VFIO device QEMU must learn every mapping the guest makes in its IOMMU and mirror it into the host IOMMU (an IOMMU MAP notifier); VFIO asked amd-iommu for that and it refused, because this amd-iommu does not implement it. The address in the message is the device's guest bus.slot.function. The device cannot be set up, so the VM does not start (or the hot-plug fails)",
    fix: "use a vIOMMU that supports assigned devices: -device intel-iommu,caching-mode=on,intremap=on with -machine q35,kernel-irqchip=split (it works on AMD hosts too; libvirt <iommu model='intel'><driver caching_mode='on' intremap='on'/></iommu>), or -device virtio-iommu-pci; with QEMU 10.2 or later amd-iommu works with dma-remap=on. Or drop the vIOMMU if the guest does not need one",
    refine: (f) =>
      f.need === 'dma-remap=1'
        ? {
            cause:
              "the VM has QEMU's emulated AMD IOMMU (-device amd-iommu) without DMA remapping, and an assigned device behind it. For a VFIO device QEMU must mirror every mapping the guest makes into the host IOMMU; this amd-iommu (QEMU 10.2+) can do that only when DMA remapping is switched on, and it is off by default",
            fix: 'add dma-remap=on to the amd-iommu device (-device amd-iommu,dma-remap=on, with -machine q35,kernel-irqchip=split when intremap is on), or use -device intel-iommu,caching-mode=on or virtio-iommu-pci instead',
          }
        : undefined,
    render: render(QEMU, 0, 7, 0),
    examples: [
      ex('qemu-system-x86_64: device 00.04.0 requires iommu notifier which is not currently supported', {
        guestdev: '00.04.0',
        need: 'iommu notifier which is not currently supported',
      }),
      ex('qemu-system-x86_64: device 00.03.0 requires dma-remap=1: Operation not supported', {
        guestdev: '00.03.0',
        need: 'dma-remap=1',
      }),
    ],
  },

  {
    id: 'qemu.amd-iommu-conflicting-translation',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/amd_iommu.c amdvi_notify_iommu()',
    format:
      'Found conflicting translation. This could be due to an incorrect or missing invalidation command',
    versions: 'QEMU 10.2+, with the DMA remapping of amd-iommu (dma-remap=on) that assigned devices need',
    patterns: [
      /Found conflicting translation\. This could be due to an incorrect or missing invalidation command/,
    ],
    severity: 'warning',
    title: 'The guest changed an IOMMU mapping without telling the emulated AMD IOMMU',
    cause:
      "with dma-remap=on, QEMU's amd-iommu keeps a copy of the guest's I/O page tables for each assigned device and mirrors every mapping into the host IOMMU. While re-reading the guest tables after an invalidation it found an address already mapped to a different page: the guest driver changed a mapping without invalidating it first (a guest IOMMU driver bug, or a guest that expects a real AMD IOMMU's behaviour). QEMU records the new translation and passes it on; until then the assigned device may have used the old page",
    fix: "update the guest kernel; if the device misbehaves (DMA errors, corrupted data), use -device intel-iommu,caching-mode=on instead of amd-iommu, or boot the guest with iommu=pt so it does not remap the device's DMA",
    render: render(QEMU),
    examples: [
      ex(
        'qemu-system-x86_64: Found conflicting translation. This could be due to an incorrect or missing invalidation command',
      ),
    ],
  },
  {
    id: 'qemu.amd-iommu-irq-remap-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/amd_iommu.c amdvi_mem_ir_write() (after amdvi_int_remap_msi())',
    format: 'failed to remap interrupt from devid 0x%x',
    versions: 'printed once per QEMU run (error_report_once)',
    patterns: [/failed to remap interrupt from devid (?<devid>0x[0-9a-fA-F]{1,4})/],
    severity: 'warning',
    title: "The guest's emulated AMD IOMMU dropped an interrupt it could not remap",
    cause: `an interrupt message (MSI, or the IOAPIC's) reached QEMU's amd-iommu, whose device table entry for the sender says interrupt remapping is on, and the remapping failed, so the interrupt was dropped. ${AMD_IR_WHY} (timeouts, a NIC without traffic, a GPU driver that hangs at start)`,
    fix: "create the vIOMMU with interrupt remapping: -device amd-iommu,intremap=on with -machine q35,kernel-irqchip=split (libvirt <iommu model='amd'><driver intremap='on'/></iommu> and <ioapic driver='qemu'/>), or boot the guest with intremap=off; -device intel-iommu,intremap=on,caching-mode=on is the better-tested alternative for assigned devices",
    refine: (f) => {
      const id = Number.parseInt(f.devid ?? '', 16);
      if (!Number.isFinite(id)) return undefined;
      const bus = (id >> 8).toString(16).padStart(2, '0');
      const slot = ((id >> 3) & 0x1f).toString(16).padStart(2, '0');
      const fn = id & 7;
      return {
        cause: `an interrupt from guest device ${bus}:${slot}.${fn} (devid ${f.devid} is bus, slot and function of the sender as the guest sees it) reached QEMU's amd-iommu, whose device table entry for it says interrupt remapping is on, and the remapping failed, so the interrupt was dropped. ${AMD_IR_WHY}`,
      };
    },
    render: render(QEMU, 0x100),
    examples: [ex('qemu-system-x86_64: failed to remap interrupt from devid 0x100', { devid: '0x100' })],
  },

  // ---------------------------------------------------------------- hw/i386/intel_iommu.c
  {
    id: 'qemu.intel-iommu-caching-mode-refused',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/intel_iommu.c vtd_iommu_notify_flag_changed() (the hot-plug check: hw/i386/pc.c pc_hotplug_allowed(); after the 2025 rework, intel_iommu.c vtd_dev_set_iommu_device())',
    format: 'device %02x.%02x.%x requires caching mode',
    versions:
      'vtd_iommu_notify_flag_changed() once called vtd_panic_require_caching_mode() and exited ("We need to set caching-mode=on for intel-iommu to enable device assignment with IOMMU protection.", qemu.intel-iommu-caching-mode-required); commit b8d78277c0 ("intel-iommu: fail MAP notifier without caching mode", made for vDPA) turned that into a refusal of the one device: this line with ": Operation not supported", inside "memory listener initialization failed: Region vtd-…-dmar: …". A vfio-pci device on the command line was still stopped at machine start by that exit (vtd_machine_done_hook(), commit 28cf553afe), and a hot-plug (device_add) by "Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU." (pc.c pc_hotplug_allowed(), commit c6cbc29d36). Zhenzhong Duan\'s 2025 rework ("intel_iommu: Simplify caching mode check with VFIO device") replaces both with that sentence after "Failed to set vIOMMU: ", for cold- and hot-plugged devices; this line then remains for a hot-plug into a guest whose IOMMU is on, and for vDPA',
    patterns: [
      /device (?<guestdev>[0-9a-fA-F]{2}\.[0-9a-fA-F]{2}\.[0-7]) requires caching mode/,
      /(?<hotplug>Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU)/,
    ],
    severity: 'error',
    title: 'The assigned device was refused: the emulated Intel IOMMU runs without caching mode',
    cause:
      "the VM has an emulated Intel IOMMU (-device intel-iommu, libvirt <iommu model='intel'>) without caching-mode=on. For an assigned device QEMU must copy every mapping the guest makes into the host IOMMU, and it learns of new mappings only if the guest is told to report them: caching mode makes the guest send an IOTLB invalidation for every new mapping, which QEMU replays into the host IOMMU (the shadow of the guest's page tables). Without it QEMU refuses this device (the address is its guest bus.slot.function): a device on the command line stops the VM from starting, a hot-plugged one is simply not added",
    fix: "turn caching mode on: -device intel-iommu,caching-mode=on,intremap=on with -machine q35,kernel-irqchip=split (libvirt <iommu model='intel'><driver caching_mode='on' intremap='on'/></iommu> with <ioapic driver='qemu'/> under <features>); the vIOMMU options cannot change while the VM runs, so restart it. Or drop the vIOMMU if the guest does not need one",
    refine: (f) =>
      f.hotplug
        ? {
            cause:
              "the VM has an emulated Intel IOMMU (-device intel-iommu, libvirt <iommu model='intel'>) without caching-mode=on, and a vfio-pci device was being added (device_add, virsh attach-device; with the 2025 rework also a device on the command line). QEMU can keep the host IOMMU in step with the guest's mappings only when the guest reports every new mapping, which caching mode makes it do, so it refuses the device. A running VM keeps running without it",
          }
        : undefined,
    render: render(QEMU, 1, 0, 0),
    examples: [
      ex(
        'Error: Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU.',
        { hotplug: 'Device assignment is not allowed without enabling caching-mode=on for Intel IOMMU' },
        'https://lore.kernel.org/qemu-devel/20190916080718.3299-4-peterx@redhat.com/',
      ),
      ex('qemu-system-x86_64: device 01.00.0 requires caching mode: Operation not supported', {
        guestdev: '01.00.0',
      }),
    ],
  },
  {
    id: 'qemu.intel-iommu-config-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/intel_iommu.c vtd_decide_config()',
    format: 'eim=on cannot be selected without intremap=on',
    versions:
      'the same function: "eim=on requires accel=kvm,kernel-irqchip=split", "eim=on requires support on the KVM side(X2APIC_API, first shipped in v4.7)", "Supported values for aw-bits are: %d, %d" (until a June 2020 fix: "x-aw-bits"; QEMU 10.0, with the x-flts series pulled in January 2025, adds the mode in front, e.g. "Scalable mode(flts=off): supported values for aw-bits are: 39, 48" or "Legacy mode: …", and "Scalable mode(flts=on): supported value for aw-bits is: 48" for first-stage translation), "Need to set dma_drain for scalable mode"; older QEMU printed "Intel Interrupt Remapping cannot work with kernel-irqchip=on, please use \'split|off\'." from here too',
    patterns: [
      /(?<check>eim=on cannot be selected without intremap=on|eim=on requires accel=kvm,kernel-irqchip=split|eim=on requires support on the KVM side|Need to set dma_drain for scalable mode)/,
      /(?<check>Intel Interrupt Remapping cannot work with kernel-irqchip=on)/,
      /upported values? for (?:x-)?aw-bits (?:are|is): (?<allowed>\d{2}(?:, \d{2})?)/,
    ],
    severity: 'error',
    title: 'The emulated Intel IOMMU (intel-iommu) was given options that do not fit together',
    cause:
      "QEMU checks the options of -device intel-iommu (libvirt <iommu model='intel'>) when it creates the device and refused them, so the VM does not start. Extended interrupt mode (eim=on, x2APIC destinations, needed for guests with more than 255 vCPUs) is part of interrupt remapping and needs intremap=on, KVM, and the IOAPIC emulated by QEMU (kernel-irqchip=split)",
    fix: "use a consistent set: -machine q35,kernel-irqchip=split -device intel-iommu,intremap=on,caching-mode=on (add eim=on only with intremap=on); libvirt: <features><ioapic driver='qemu'/></features> and <iommu model='intel'><driver intremap='on' caching_mode='on'/></iommu>",
    refine: (f) => {
      if (f.allowed)
        return {
          title: 'The emulated Intel IOMMU was given an address width it does not support',
          cause: `intel-iommu emulates only some guest address widths (aw-bits): here ${f.allowed}. The value given (aw-bits=, libvirt <driver aw_bits=…/>) is not one of them, so the device is refused. With an assigned device the width should also not exceed what the host IOMMU supports (39 bits on most desktop VT-d; QEMU with the host IOMMU device interface checks it when the device is added: "aw-bits %d > host aw-bits %d")`,
          fix: `set aw-bits to ${f.allowed.includes(',') ? 'one of ' : ''}${f.allowed} (-device intel-iommu,aw-bits=39; libvirt <iommu model='intel'><driver aw_bits='39'/></iommu>), or drop the option to get the default`,
        };
      if (/kernel-irqchip=on/.test(f.check ?? ''))
        return {
          cause:
            "intel-iommu's interrupt remapping (intremap=on) must see every interrupt before it reaches the guest's interrupt controllers, which is possible only when QEMU emulates the IOAPIC (kernel-irqchip=split) or the whole irqchip (off); the machine has the irqchip entirely in KVM (kernel-irqchip=on)",
          fix: "start the machine with -machine q35,kernel-irqchip=split (libvirt: <features><ioapic driver='qemu'/></features>), or turn interrupt remapping off (intremap=off) if the guest has no more than 255 vCPUs and needs none",
        };
      if (/without intremap/.test(f.check ?? ''))
        return {
          cause:
            'extended interrupt mode (eim=on) is a feature of interrupt remapping, and interrupt remapping is off (intremap=off or not given), so there is nothing to extend',
          fix: 'add intremap=on (with -machine …,kernel-irqchip=split), or drop eim=on',
        };
      if (/accel=kvm/.test(f.check ?? ''))
        return {
          cause:
            "extended interrupt mode (eim=on) is implemented with KVM's x2APIC support and needs the machine to run under KVM with the IOAPIC in QEMU; the VM runs without KVM or without kernel-irqchip=split",
          fix: 'run with -accel kvm and -machine q35,kernel-irqchip=split, or drop eim=on',
        };
      if (/KVM side/.test(f.check ?? ''))
        return {
          cause:
            "extended interrupt mode (eim=on) needs KVM's X2APIC_API, which the host kernel does not offer (it came with Linux 4.7)",
          fix: 'update the host kernel, or drop eim=on (and keep the guest at 255 vCPUs or fewer)',
        };
      if (/dma_drain/.test(f.check ?? ''))
        return {
          cause:
            'scalable mode (x-scalable-mode=on) of intel-iommu requires DMA draining, which was switched off (dma-drain=off)',
          fix: 'remove dma-drain=off (it is on by default), or do not use x-scalable-mode',
        };
      return undefined;
    },
    render: render(`${QEMU}-device intel-iommu,eim=on: `),
    examples: [
      ex('qemu-system-x86_64: -device intel-iommu,eim=on: eim=on cannot be selected without intremap=on', {
        check: 'eim=on cannot be selected without intremap=on',
      }),
      ex(
        "qemu-system-x86_64: -device intel-iommu,intremap=on,eim=on: Intel Interrupt Remapping cannot work with kernel-irqchip=on, please use 'split|off'.",
        { check: 'Intel Interrupt Remapping cannot work with kernel-irqchip=on' },
      ),
      ex('qemu-system-x86_64: -device intel-iommu,aw-bits=52: Supported values for aw-bits are: 39, 48', {
        allowed: '39, 48',
      }),
      ex(
        'qemu-system-x86_64: -device intel-iommu,x-scalable-mode=on,x-flts=on,aw-bits=39: Scalable mode(flts=on): supported value for aw-bits is: 48',
        { allowed: '48' },
      ),
      ex(
        'qemu-system-x86_64: -device intel-iommu,intremap=on,eim=on: eim=on requires accel=kvm,kernel-irqchip=split',
      ),
    ],
  },
  {
    id: 'qemu.vtd-dma-translation-fault',
    source: 'qemu',
    cite: 'qemu/qemu hw/i386/intel_iommu.c vtd_iommu_translate() (with vtd_iova_to_slpte() and vtd_report_dmar_fault())',
    format: '%s: detected translation failure (dev=%02x:%02x:%02x, iova=0x%lx)',
    versions:
      'printed once per QEMU run (error_report_once), usually after the page-walk line of vtd_iova_to_slpte() ("detected slpte permission error (iova=…, level=…, slpte=…, write=…)", "detected splte reserve non-zero …", "detected IOVA overflow (iova=…)") and followed by the fault-recording lines of vtd_report_dmar_fault() ("New fault is not recorded due to compression of faults", "… due to Primary Fault Overflow", "Next Fault Recording Reg is used, new fault is not recorded, set PFO field", "There are pending faults already, fault event is not generated")',
    patterns: [
      /vtd_iommu_translate: detected translation failure \(dev=(?<guestdev>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}), iova=(?<iova>0x[0-9a-fA-F]{1,16})\)/,
      /vtd_iova_to_\w{3,6}: detected (?<what>slpte permission error|splte reserve non-zero|IOVA overflow|read error on DMAR slpte)/,
      /(?<recording>New fault is not recorded due to (?:compression of faults|Primary Fault Overflow)|Next Fault Recording Reg is used, new fault is not recorded|There are pending faults already, fault event is not generated)/,
    ],
    severity: 'warning',
    title: "The guest's emulated Intel IOMMU blocked a DMA of an emulated device",
    cause:
      'with -device intel-iommu QEMU translates the DMA of its own emulated devices (virtio, e1000e, NVMe, AHCI) through the guest\'s VT-d page tables. A device (dev= is its guest bus:slot:function) accessed an address its guest driver had not mapped, or mapped without that permission; QEMU refused the access and recorded a DMAR fault for the guest, whose kernel logs it as "DMAR: [DMA Read/Write] Request device …". Each wording is printed once per QEMU run. It happens at guest boot when firmware or an early driver uses a device before the guest IOMMU driver has mapped it (often harmless), and with guest-driver or emulation bugs. An assigned vfio-pci device is not translated here: its DMA goes through the host IOMMU, whose faults appear in the host\'s dmesg',
    fix: 'if it is printed once at boot and the device then works, nothing to do. If a device fails, read the guest kernel log for the DMAR fault naming it; keep virtio devices consistent with the vIOMMU (iommu_platform=on, and ats=on with device-iotlb=on for vhost); update QEMU and the guest kernel; booting the guest with iommu=pt (or intel_iommu=off) shows whether the vIOMMU is involved',
    refine: (f) => {
      if (f.what === 'splte reserve non-zero')
        return {
          cause:
            'the guest\'s VT-d page table entry has a bit set that this QEMU treats as reserved. The known case is scalable mode (x-scalable-mode=on) with a guest kernel that sets the snoop bit in second-level entries (the Linux change "iommu/vt-d: Report right snoop capability when using FL for IOVA"), which newer QEMU releases ignore; the guest\'s DMA through that entry fails',
          fix: 'update QEMU, or run the intel-iommu without x-scalable-mode',
        };
      if (f.what === 'IOVA overflow')
        return {
          cause:
            'a device used an I/O address above the width the guest IOMMU translates (aw-bits: 39 by default before QEMU 10.0 and for machine types up to 9.2, 48 since — "intel_iommu: Set default aw_bits to 48 starting from QEMU 9.2", pulled January 2025); the guest driver handed out an address the vIOMMU cannot translate, or the device used a stale one',
        };
      if (f.recording)
        return {
          severity: 'info',
          title: 'The emulated Intel IOMMU did not record a further DMA fault (follows an earlier one)',
          cause:
            "the guest's VT-d fault recording registers already held a fault (from the same device, or all of them were full), so this one was counted but not recorded; it follows a translation failure QEMU printed just before, which is the line to read",
          fix: 'read the translation-failure line before it; nothing to do about this line itself',
        };
      return undefined;
    },
    render: render(QEMU, 'vtd_iommu_translate', 1, 0, 0, 0x7ffde000),
    examples: [
      ex(
        'qemu-system-x86_64: vtd_iommu_translate: detected translation failure (dev=01:00:00, iova=0x7ffde000)',
        {
          guestdev: '01:00:00',
          iova: '0x7ffde000',
        },
      ),
      ex(
        'qemu-system-x86_64: vtd_iova_to_slpte: detected slpte permission error (iova=0x7ffde000, level=0x3, slpte=0x0, write=0)',
        { what: 'slpte permission error' },
      ),
      ex(
        'qemu-system-x86_64: vtd_iova_to_slpte: detected splte reserve non-zero iova=0xfffff002, level=0x1slpte=0x102681803)',
        { what: 'splte reserve non-zero' },
      ),
      ex('qemu-system-x86_64: New fault is not recorded due to compression of faults', {
        recording: 'New fault is not recorded due to compression of faults',
      }),
    ],
  },

  // ---------------------------------------------------------------- hw/vfio/pci.c
  {
    id: 'qemu.msix-enable-no-vector-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msix_enable() (after vfio_enable_msix_no_vec())',
    format: 'vfio: failed to enable MSI-X, %d',
    versions:
      'the 2023 dynamic MSI-X allocation work (vfio_enable_msix_no_vec()) added this path and printed the negative errno (a later revision the positive one); newer releases print the strerror() text ("vfio: failed to enable MSI-X, No space left on device"), which qemu.msix-enable-failed recognises',
    patterns: [/vfio: failed to enable MSI-X, (?<errno>-?\d{1,4})\b/],
    severity: 'error',
    title: 'The host refused to switch the assigned device into MSI-X mode',
    cause:
      'the guest driver enabled MSI-X on the device but left every vector masked (Linux does this in pci_enable_msix() and unmasks vectors later, in request_irq()). Because some devices and firmware look at the physical MSI-X state, QEMU asks vfio-pci to enable MSI-X on the host at once, with one vector that signals nothing (VFIO_DEVICE_SET_IRQS), and the host kernel refused with the errno printed. The device stays out of MSI-X mode on the host; its interrupts fail or the guest driver falls back once it unmasks vectors',
    fix: 'read the host dmesg at that moment (vfio-pci and the IOMMU driver say why); check the device on the host with `lspci -vv -s ADDR` (MSI-X capability present, Enable+ after the guest booted). Update QEMU, which words the error with its cause, and if vectors ran out, lower the queues or vectors the guest driver uses',
    refine: (f) => {
      if (f.errno === 'ENOSPC')
        return {
          cause:
            'the guest enabled MSI-X with every vector masked, and QEMU asked vfio-pci to switch the physical device into MSI-X mode with one vector; the host had no interrupt vector or interrupt-remapping entry left for it (No space left on device). Hosts with many assigned devices, VFs or queues run out of vectors on the CPUs they target',
          fix: "free host interrupt vectors: fewer queues per device in the guest (ethtool -L, or the driver's queue parameter), fewer VFs or busy host devices, or spread IRQ affinity over more host CPUs; then restart the guest",
        };
      if (f.errno === 'EINVAL')
        return {
          cause:
            "the guest enabled MSI-X with every vector masked, and QEMU asked vfio-pci to switch the physical device into MSI-X mode with one vector; vfio-pci refused the request as invalid (EINVAL): the device's MSI-X capability is unusable from the host right now (a device left in a bad state by a failed reset, or config space reading back all ones)",
          fix: 'check `lspci -vv -s ADDR` on the host and the host dmesg for a reset or AER error on the device; power-cycle the host if the device answers all ones',
        };
      return undefined;
    },
    render: render(QEMU, -28),
    examples: [
      ex('qemu-system-x86_64: vfio: failed to enable MSI-X, -28', { errno: 'ENOSPC' }),
      ex('qemu-system-x86_64: vfio: failed to enable MSI-X, -22', { errno: 'EINVAL' }),
    ],
  },

  // ---------------------------------------------------------------- hw/pci/pci.c
  {
    id: 'qemu.pci-intx-routing-unimplemented',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_device_route_intx_to_irq() (called by hw/vfio/pci.c vfio_intx_enable() and its INTx routing notifier)',
    format: 'PCI: Bug - unimplemented PCI INTx routing (%s)',
    patterns: [/PCI: Bug - unimplemented PCI INTx routing \((?<hostbridge>[\w.-]{1,60})\)/],
    severity: 'warning',
    title:
      "The machine's PCI host bridge cannot tell QEMU where an assigned device's INTx goes (the device still works, more slowly)",
    cause:
      "to deliver a legacy (INTx) interrupt of an assigned device directly through KVM, VFIO asks the machine which interrupt line the device's pin ends up on. Only host bridges that implement this lookup can answer; this one (named in brackets) does not, so QEMU prints this line and VFIO falls back to handling the device's INTx in QEMU itself: every interrupt passes through QEMU, and the device's memory BARs are trapped for a while after each one. The device works, with higher interrupt latency. The x86 machines (pc, q35: piix and ich9), the Arm virt machine's generic PCIe host (gpex) and the pseries PHB implement the lookup; it is met on boards whose host bridge lacks it (e.g. the Synopsys DesignWare host of the i.MX boards), only when KVM irqfds are in use, and only for devices that use INTx rather than MSI/MSI-X",
    fix: 'nothing is required. To avoid the slow path, let the guest driver use MSI or MSI-X (most drivers do when the device offers it; for Linux guests check that pci=nomsi is not set), or use a machine type or newer QEMU whose host bridge implements INTx routing',
    render: render('qemu-system-arm: ', 'designware-pcie-host'),
    examples: [
      ex('qemu-system-arm: PCI: Bug - unimplemented PCI INTx routing (designware-pcie-host)', {
        hostbridge: 'designware-pcie-host',
      }),
    ],
  },

  // ---------------------------------------------------------------- hw/virtio/virtio-iommu.c
  {
    id: 'qemu.virtio-iommu-page-size-mask',
    source: 'qemu',
    cite: 'qemu/qemu hw/virtio/virtio-iommu.c check_page_size_mask() from virtio_iommu_set_iommu_device() (before QEMU 9.1: virtio_iommu_set_page_size_mask())',
    format: 'virtio-iommu reports a page size mask 0x%lx incompatible with currently supported mask 0x%lx',
    versions:
      'until QEMU 8.0: "virtio-iommu page mask 0x%lx is incompatible with mask 0x%lx" (current mask first), with the warning "virtio-iommu page mask 0x%lx does not match 0x%lx" for a hot-plugged device; QEMU 8.1–9.0: "virtio-iommu %s reports a page size mask 0x%lx incompatible with currently supported mask 0x%lx" (the IOMMU memory region named; Eric Auger\'s rework of virtio_iommu_set_page_size_mask(), posted 4 July 2023) and "virtio-iommu %s does not support frozen granule 0x%llx"; QEMU 9.1+: the same without the region, checked by check_page_size_mask() when the host IOMMU device is set (posted July 2024) and printed after "Failed to set vIOMMU: " and the host IOMMU device\'s name',
    patterns: [
      new RegExp(
        `virtio-iommu (?:[\\w.-]{1,60} )?reports a page size mask (?<mask>${MASK}) incompatible with currently supported mask (?<current>${MASK})`,
      ),
      new RegExp(
        `virtio-iommu page mask (?<current>${MASK}) (?<how>is incompatible with|does not match) (?:mask )?(?<mask>${MASK})`,
      ),
      new RegExp(`virtio-iommu (?:[\\w.-]{1,60} )?does not support frozen granule (?<granule>${MASK})`),
    ],
    severity: 'error',
    title: 'The guest IOMMU (virtio-iommu) and the host IOMMU behind the device share no page size',
    cause:
      'the virtio-iommu tells the guest which page sizes it may map (its page size mask, the smallest being its granule); every mapping the guest makes for an assigned device is mirrored into the host IOMMU, so QEMU narrows that mask to what the host IOMMU of each assigned device supports. The device being added supports none of the sizes the virtio-iommu offers, so QEMU refuses it (the first mask printed is the host side, the second the guest side)',
    fix: 'give the virtio-iommu the host IOMMU page size: -device virtio-iommu-pci,granule=host (or granule=64k on a host with 64 KiB pages; the granule property arrived in QEMU 9.0, whose machine types default to granule=host while older machine types keep 4k), and update QEMU if it has no granule property',
    refine: refinePageMask,
    render: render(QEMU_ARM, 0x20010000, 0xfffffffffffff000),
    examples: [
      ex(
        'qemu-system-aarch64: virtio-iommu page mask 0xfffffffffffff000 is incompatible with mask 0x20010000',
        {
          current: '0xfffffffffffff000',
          mask: '0x20010000',
          how: 'is incompatible with',
        },
      ),
      ex(
        'qemu-system-aarch64: virtio-iommu reports a page size mask 0x20010000 incompatible with currently supported mask 0xfffffffffffff000',
        { mask: '0x20010000', current: '0xfffffffffffff000' },
      ),
      ex('qemu-system-aarch64: virtio-iommu does not support frozen granule 0x1000', { granule: '0x1000' }),
      ex(
        'qemu-system-aarch64: warning: virtio-iommu page mask 0xfffffffffffff000 does not match 0xfffffffffffe000',
        { how: 'does not match' },
      ),
    ],
  },
  {
    id: 'qemu.virtio-iommu-host-resv-conflict',
    source: 'qemu',
    cite: 'qemu/qemu hw/virtio/virtio-iommu.c virtio_iommu_set_iova_ranges() (QEMU 8.2–9.0; since 9.1 virtio_iommu_set_host_iova_ranges() refuses an aliased endpoint outright)',
    format: 'IOMMU mr=%s Conflicting host reserved ranges set!',
    versions:
      'QEMU 8.2–9.0 ("VIRTIO-IOMMU/VFIO: Don\'t assume 64b IOVA space", v4 posted October 2023), with the warning "%s: Notified about new host reserved regions after probe" for a hot-plugged device, whose ranges arrived after the guest\'s probe request (the 9.1 rework passes them through the host IOMMU device before the probe and drops that warning). During the 9.1 cycle the check moved to virtio_iommu_set_host_iova_ranges() ("%s Conflicting host reserved ranges set!" with the function name) and was then dropped in the same cycle ("virtio-iommu: Free [host_]resv_ranges on unset_iommu_devices", pulled July 2024): since then a second device on an endpoint that already has host ranges is refused with "%s virtio-iommu does not support aliased BDF" (the function name first), printed after "Failed to set vIOMMU: "',
    patterns: [
      /Conflicting host reserved ranges set!/,
      /: (?<late>Notified about new host reserved regions after probe)/,
      /virtio_iommu_set_host_iova_ranges (?<aliased>virtio-iommu does not support aliased BDF)/,
    ],
    severity: 'error',
    title: 'Two assigned devices behind the virtio-iommu bring different host reserved ranges',
    cause:
      "since QEMU 8.2 the virtio-iommu tells the guest, per endpoint, which I/O addresses the host IOMMU of an assigned device cannot map (its reserved regions: the MSI window at 0xfee00000 on x86, an ARM interrupt doorbell, firmware RMRRs, addresses above the host IOMMU's width), so the guest never puts DMA there. Devices that reach the virtio-iommu with the same requester ID — several functions behind one PCIe-to-PCI bridge or on a conventional PCI bus, which the bridge aliases — share one endpoint, and a device was added whose host reserved ranges are not contained in those already set for that endpoint (devices from different host IOMMUs, or with different firmware reservations). QEMU refuses it",
    fix: 'give each assigned device its own requester ID in the guest: plug it into its own pcie-root-port (libvirt: the default for a q35 machine) rather than behind a pci-bridge or pcie-pci-bridge, and do not combine devices from different host IOMMUs in one guest slot',
    refine: (f) =>
      f.aliased
        ? {
            cause:
              'two assigned devices reach the virtio-iommu with the same requester ID — several functions behind one PCIe-to-PCI bridge or on a conventional PCI bus, which the bridge aliases — and so would share one endpoint. Since QEMU 9.1 the virtio-iommu keeps the host reserved ranges (the MSI window, firmware reservations) of one host device per endpoint and refuses a second one on an aliased endpoint, whatever its ranges; the guest kernel could not handle such a shared endpoint properly either',
          }
        : f.late
          ? {
              severity: 'warning',
              title:
                'A device hot-plugged behind the virtio-iommu has host reserved ranges the guest does not know',
              cause:
                "the host IOMMU ranges an assigned device cannot use (the MSI window, firmware reservations) reached the virtio-iommu after the guest driver had already probed that endpoint, typically because the device was hot-plugged. The guest is not told again, so it may map DMA into a window the host cannot translate, and the device's DMA there fails (IOMMU faults on the host)",
              fix: 'put the device on the command line instead of hot-plugging it, or reboot the guest so its virtio-iommu driver probes the endpoint again',
            }
          : undefined,
    render: render(
      'qemu-system-aarch64: -device vfio-pci,host=0000:01:00.1: vfio 0000:01:00.1: ',
      'virtio-iommu-memory-region-8-0',
    ),
    examples: [
      ex(
        'qemu-system-aarch64: -device vfio-pci,host=0000:01:00.1: vfio 0000:01:00.1: IOMMU mr=virtio-iommu-memory-region-8-0 Conflicting host reserved ranges set!',
        { bdf: '0000:01:00.1' },
      ),
      ex(
        'qemu-system-x86_64: warning: virtio-iommu-memory-region-16-0: Notified about new host reserved regions after probe',
        { late: 'Notified about new host reserved regions after probe' },
      ),
    ],
  },
];

/** Wordings of the swept files that existing entries already recognise, for the coverage ledger. */
export const QEMU_TREE_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'qemu.region-access-failed',
    file: 'qemu/qemu hw/vfio/region.c',
    format: '%s(%s:region%d+0x%lx, %d) failed: %m',
    text: 'qemu-system-x86_64: vfio_region_read(0000:01:00.0:region1+0x1000, 4) failed: Input/output error',
  },
  {
    id: 'qemu.add-capability-failed',
    file: 'qemu/qemu hw/pci/pci.c',
    format:
      '%s:%02x:%02x.%x Attempt to add PCI capability %x at offset %x overlaps existing capability %x at offset %x',
    text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to add PCI capability 0x11[0xc]@0xb0: 0000:00:00:05.0 Attempt to add PCI capability 11 at offset b0 overlaps existing capability 5 at offset 90',
  },
  {
    id: 'qemu.device-from-group',
    file: 'qemu/qemu hw/vfio/container.c',
    format: 'Verify all devices in group %d are bound to vfio-<bus> or pci-stub and not already in use',
    text: 'Verify all devices in group 12 are bound to vfio-<bus> or pci-stub and not already in use',
  },
  {
    id: 'qemu.device-info-failed',
    file: 'qemu/qemu hw/vfio/iommufd.c',
    format: 'error getting device info',
    text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: error getting device info: Bad address',
  },
];

const SRIOV_EMULATED =
  "QEMU's emulated SR-IOV (igb, nvme and virtio-net with sriov-pf=): a VF created by QEMU itself, not a host VF assigned with vfio-pci, whose SR-IOV capability QEMU hides from the guest";
const VFIO_PLATFORM =
  'vfio-platform, the assignment of non-PCI devices described by a device tree (ARM boards: Calxeda xgmac, AMD xgbe), deprecated in 2025 ("-device vfio-platform is deprecated", a warning at start); vfiokit targets PCI passthrough';

/** Strings of the swept files left out, with the reason. */
export const QEMU_TREE_LEFT_OUT: { file: string; format: string; why: string }[] = [
  // hw/pci/pcie_sriov.c
  ...[
    'PCI Express is required for SR-IOV PF',
    'a device cannot be a SR-IOV PF and a VF at the same time',
    'VF addr overflows',
    'attaching user-created SR-IOV VF unsupported',
    'too many VFs',
    'a VF function number is less than the PF function number',
    'SR-IOV VF parent bus mismatches with PF',
    'SR-IOV VF vendor ID mismatches with PF',
    'inconsistent SR-IOV VF device IDs',
    'inconsistent SR-IOV BARs',
    'inconsistent SR-IOV stride',
    'user cannot create SR-IOV VF with this device type',
    'PCI Express is required for SR-IOV VF',
    'PCI device specified as SR-IOV PF already exists',
    '%s: PCI region size must be a power of two - type=0x%x, size=0x%lx',
    'Failed to unplug: %s',
  ].map((format) => ({ file: 'qemu/qemu hw/pci/pcie_sriov.c', format, why: SRIOV_EMULATED })),
  // hw/virtio/virtio-iommu.c
  {
    file: 'qemu/qemu hw/virtio/virtio-iommu.c',
    format: 'Virtio-iommu does not support dev-iotlb yet',
    why: 'a vhost device with ATS (device-iotlb) behind virtio-iommu; assigned VFIO devices register MAP notifiers, not device-IOTLB ones',
  },
  {
    file: 'qemu/qemu hw/virtio/virtio-iommu.c',
    format: 'VIRTIO-IOMMU is not attached to any PCI bus!',
    why: 'the machine code wires virtio-iommu to its PCI bus; only a hand-built machine without a primary bus reaches it',
  },
  ...[
    '%s sid=%d is not known!!',
    '%s %02x:%02x.%01x not attached to any domain',
    '%s no mapping for 0x%lx for sid=%d',
    '%s permission error on 0x%lx(%d): allowed=%d',
    'no buffer available in event queue to report event',
  ].map((format) => ({
    file: 'qemu/qemu hw/virtio/virtio-iommu.c',
    format,
    why: "virtio_iommu_translate() faults of emulated devices whose DMA QEMU translates itself; an assigned device's DMA is translated by the host IOMMU and faults there (the host kernel's IOMMU fault lines are covered)",
  })),
  ...[
    'virtio-iommu bad head/tail size',
    'error buffer of wrong size',
    'cannot set config.bypass',
    "invalid config.bypass value '%u'",
  ].map((format) => ({
    file: 'qemu/qemu hw/virtio/virtio-iommu.c',
    format,
    why: 'virtio_error() on a guest driver that breaks the virtio-iommu protocol; a guest-driver bug, unrelated to the assigned device',
  })),
  ...['guest mode is not zero', 'reserved int_type', 'reserved int_type is set', 'SMI is not supported!'].map(
    (format) => ({
      file: 'qemu/qemu hw/i386/amd_iommu.c',
      format,
      why: 'error_report_once() on an interrupt remapping entry the guest programmed with a mode amd-iommu does not emulate; the dropped interrupt that follows is reported by qemu.amd-iommu-irq-remap-failed, and the entry itself is a guest-kernel matter',
    }),
  ),
  ...[
    'AMD IOMMU with x2APIC configuration requires xtsup=on',
    'AMD IOMMU xtsup=on requires x2APIC support on the KVM side',
    "Cannot find PCI device '%s'",
    "Device '%s' must be an AMDVI-PCI device type",
  ].map((format) => ({
    file: 'qemu/qemu hw/i386/amd_iommu.c',
    format,
    why: 'amd-iommu options for guests with more than 255 vCPUs (xtsup) or a hand-placed IOMMU PCI function (pci-id); options of the vIOMMU itself, not of device assignment',
  })),
  // hw/i386/intel_iommu.c
  ...[
    '%s: invalid root entry: hi=0x%lx, lo=0x%lx',
    '%s: invalid context entry: hi=%lx, lo=%lx (reserved nonzero)',
    '%s: invalid context entry: hi=%lx, lo=%lx (level %d not supported)',
    '%s: DT specified but not supported',
    '%s: PT specified but not supported',
    '%s: unknown ce type: %u',
    '%s: index too large: ind=0x%x',
    '%s: read failed: ind=0x%x addr=0x%lx',
    '%s: detected non-present IRTE (index=%u, high=0x%lx, low=0x%lx)',
    '%s: detected non-zero reserved IRTE (index=%u, high=0x%lx, low=0x%lx)',
    '%s: invalid IRTE SID (index=%u, sid=%u, source_id=%u)',
    '%s: invalid SVT_BUS (index=%u, bus=%u, min=%u, max=%u)',
    '%s: detected invalid IRTE SVT (index=%u, type=%d)',
    '%s: MSI address high 32 bits non-zero detected: address=0x%lx',
    '%s: MSI address low 32 bit invalid: 0x%x',
    '%s: invalid IR MSI (sid=%u, address=0x%lx, data=0x%x)',
  ].map((format) => ({
    file: 'qemu/qemu hw/i386/intel_iommu.c',
    format,
    why: "error_report_once() on root, context or interrupt-remapping table entries the guest's IOMMU driver programmed wrongly; a guest-kernel (or emulation) bug to report, with nothing in the host's device-assignment setup to change",
  })),
  // hw/pci/pci.c
  ...[
    [
      'Invalid PCI device address %s for device %s',
      '-net nic,addr= given an address QEMU cannot parse; a legacy NIC option, unrelated to assigned devices',
    ],
    [
      'No support for non-zero PCI domains',
      '-net nic,addr= with a PCI domain; a legacy NIC option, unrelated to assigned devices',
    ],
    ['No primary PCI bus', 'a legacy -net nic on a machine without PCI; unrelated to assigned devices'],
    [
      '%s: unknown interrupt type',
      'pci_get_msi_message() on a device in neither MSI nor MSI-X mode; a QEMU bug',
    ],
    [
      'irq state %d: must be 0 or 1.',
      'a corrupt incoming migration stream for a PCI device; migration, not the assignment setup',
    ],
    [
      'Invalid PCI requester ID cache type: %d',
      'an internal inconsistency of the requester-ID cache; a QEMU bug',
    ],
  ].map(([format, why]) => ({ file: 'qemu/qemu hw/pci/pci.c', format, why })),
  // hw/vfio/container.c (container-legacy.c in newer QEMU)
  {
    file: 'qemu/qemu hw/vfio/container.c',
    format: 'Please ensure all devices within the iommu_group are bound to their vfio bus driver.',
    why: 'hint line printed right after "group %d is not viable", which qemu.group-not-viable recognises and explains; matching the hint too would only repeat it',
  },
  // hw/vfio/region.c
  ...['vfio: unsupported write size, %u bytes', 'vfio: unsupported read size, %u bytes'].map((format) => ({
    file: 'qemu/qemu hw/vfio/region.c',
    format,
    why: 'hw_error() for an access size the region MemoryRegionOps never pass (1 to 8 bytes are allowed); a QEMU bug',
  })),
  // hw/vfio/cpr.c, cpr-legacy.c, cpr-iommufd.c (the umbrella row 'hw/vfio/cpr*.c' names the family)
  ...[
    ['qemu/qemu hw/vfio/cpr.c', 'VFIO device only supports cpr-reboot for runstate suspended'],
    ['qemu/qemu hw/vfio/cpr-legacy.c', 'VFIO container does not support VFIO_UPDATE_VADDR'],
    ['qemu/qemu hw/vfio/cpr-legacy.c', 'VFIO container does not support VFIO_UNMAP_ALL'],
    ['qemu/qemu hw/vfio/cpr-iommufd.c', 'vfio iommufd backend does not support IOMMU_IOAS_CHANGE_PROCESS'],
  ].map(([file, format]) => ({
    file,
    format,
    why: 'checkpoint/restart migration modes (cpr-reboot, cpr-transfer): a refusal or a migration blocker met only when a management layer starts such a migration; it says itself which kernel feature is missing',
  })),
  // hw/vfio/platform.c
  ...[
    '-device vfio-platform is deprecated',
    'failed to initialize trigger eventfd notifier',
    'failed to initialize resample eventfd notifier',
    'Error when clearing fd=%d (ret = %d)',
    "this isn't a platform device",
    'failed to get region %d info',
    'failed to get device irq info',
    'wrong host device name',
    '%s mmap unsupported, performance may be slow',
  ].map((format) => ({ file: 'qemu/qemu hw/vfio/platform.c', format, why: VFIO_PLATFORM })),
  // hw/core/sysbus-fdt.c (the vfio-platform device-tree nodes)
  ...[
    'not able to locate clock handle %d in host device tree',
    'not able to retrieve node path for clock handle %d',
    'clock handle %d is not a fixed clock',
    '%s incorrect sysfs device name %s',
    '%s unable to retrieve node path for %s/%s',
    '%s more than one node matching %s/%s!',
    '%s Does the host dt node combine XGBE/PHY?',
    '%s clocks property should contain 2 handles',
  ].map((format) => ({ file: 'qemu/qemu hw/core/sysbus-fdt.c', format, why: VFIO_PLATFORM })),
  {
    file: 'qemu/qemu hw/core/sysbus-fdt.c',
    format: 'Device %s can not be dynamically instantiated',
    why: 'an ARM virt machine given a sysbus device it has no device-tree binding for (a vfio-platform device of an unknown compatible among them); not the PCI passthrough path',
  },
];
