/** Catalogue entries for messages printed by QEMU (hw/vfio and the memory backends VFIO users hit). */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { normaliseErrno } from '../errno.js';
import { DMA_ENTRY_LIMIT, refineSetIommu, refineStuckInD3 } from './refinements.js';
import { vfioNodeErrno } from './vfio-errno.js';

/**
 * The symbolic errno a message's facts name: `errno` (a number such as "-12", or a name such as
 * "ENOMEM") first, then `err` (a strerror text). Undefined when neither is readable. QEMU and
 * libvirt print errno as a strerror() text (error_setg_errno(), %m, virReportSystemError()) or
 * as a negative number ("= -12" from vfio_dma_map()).
 */
export function errnoName(facts: Readonly<Record<string, string>>): string | undefined {
  for (const key of ['errno', 'err']) {
    const raw = facts[key];
    const name = raw === undefined ? undefined : normaliseErrno(raw);
    if (name) return name;
  }
  return undefined;
}

/** Where QEMU's messages come from: its program name and, for -device errors, the option. */
const QEMU = 'qemu-system-x86_64: ';
const DEV = (bdf: string) => `${QEMU}-device vfio-pci,host=${bdf}: vfio ${bdf}: `;
const BUILT = 'built from the format string';
/**
 * The device name in IGD messages: a host address, or the UUID of a mediated device (an Intel
 * GVT-g vGPU placed at guest 00:02.0 gets the same legacy-mode checks as a physical IGD).
 */
const IGD_NAME = `(?:${BDF}|(?<mdev>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}))`;
/**
 * QEMU names a device by vbasedev.name: the host address, or for a mediated device (sysfsdev=) the
 * UUID the sysfs path ends in. Messages that print the name must accept both.
 */
const DEV_NAME = IGD_NAME;
/** A GVT-g vGPU at guest 00:02.0 triggers the physical-IGD legacy checks, which it can never pass. */
const GVT_LEGACY = {
  cause:
    'the device is a mediated vGPU (Intel GVT-g) placed at guest address 00:02.0 on an i440fx machine, so QEMU tries legacy IGD assignment, which needs host-IGD regions, a VBIOS and VGA that a vGPU does not have; the vGPU itself still works in UPT mode',
  fix: 'place the vGPU at another guest address (not 00:02.0), or ignore the message; give it x-igd-opregion=on and display=on for outputs',
  severity: 'info' as const,
};

/**
 * What a failed DMA mapping means by its errno. QEMU maps all guest RAM into the host IOMMU at
 * start (VFIO_IOMMU_MAP_DMA pins every page), and since QEMU 2.9 also the mmap'd BARs of
 * assigned devices, so that guest peer-to-peer DMA works; a BAR mapping failure is only a
 * warning (hw/vfio/listener.c vfio_container_region_add(): "Allow unexpected mappings not to be
 * fatal for RAM devices").
 */
/**
 * What an unmapping's errno and range say. type1's unmap check (vfio_dma_do_unmap) rejected a
 * range ending at 2^64 as a wrap-around until Linux 5.0 (58fec830fc19 "vfio/type1: Fix unmap
 * overflow off-by-one"); QEMU then retried without the last page (567d7d3e6be5, removed in 2025).
 * iommufd's unmap answers ENOENT when no mapping lies in the range (iopt_unmap_iova()).
 */
/** A hex fact (an IOVA or a size, without 0x) as a number, or undefined when it is not one. */
function hexFact(v: string | undefined): bigint | undefined {
  return v && /^[0-9a-fA-F]{1,16}$/.test(v) ? BigInt(`0x${v}`) : undefined;
}

function refineDmaUnmap(f: Readonly<Record<string, string>>): Refinement | undefined {
  const errno = errnoName(f);
  const iova = hexFact(f.iova);
  const size = hexFact(f.size);
  const end = iova !== undefined && size !== undefined ? iova + size : undefined;
  if (errno === 'EINVAL' && end === 1n << 64n)
    return {
      title: 'An unmapping up to the top of the 64-bit address space was refused (old kernel bug)',
      cause:
        'the range ends exactly at 2^64 (the last page of the address space). VFIO type1 before Linux 5.0 checked for wrap-around with an integer overflow and refused such an unmap with -EINVAL; QEMU asks for it when a guest with an emulated vIOMMU (intel-iommu / VT-d, virtio-iommu) resets and its whole IOVA space is unmapped at once. QEMU 4.0 and later retry without the last page, so the line is harmless there',
      fix: 'update the host kernel (the fix, "vfio/type1: Fix unmap overflow off-by-one", is in 5.0 and the stable kernels); with an older QEMU as well, update QEMU, or the mapping stays behind after a guest reset',
    };
  if (errno === 'ENOENT')
    return {
      title: 'An unmapping found nothing mapped in its range',
      cause:
        'the IOMMU had no mapping in the range QEMU asked to remove (iommufd answers ENOENT; type1 unmaps nothing). QEMU never mapped that section — a read-only or RAM-device section it skipped, a BAR whose mapping failed earlier, or a mapping already removed — so removing it finds nothing. At device unplug or VM shutdown it is harmless',
      fix: 'nothing to do at unplug or shutdown; if it comes with a failure earlier in the log, read that earlier vfio_dma_map / IOMMU_IOAS_MAP line; repeated at run time with a QEMU build carrying local patches, check how that build maps read-only sections',
    };
  return undefined;
}

function dmaRefine(facts: Readonly<Record<string, string>>): Refinement | undefined {
  const bar = facts.warn !== undefined || /BAR \d|mmaps\[/.test(facts.region ?? '');
  const e = errnoName(facts);
  if (bar) {
    return {
      title: 'A BAR could not be mapped for peer-to-peer DMA (harmless for one device)',
      severity: 'warning',
      cause: `QEMU tried to map a BAR of an assigned device into the host IOMMU so that another device could reach it (guest peer-to-peer); the host refused${e ? ` (${e})` : ''}: ${
        e === 'EINVAL'
          ? 'the BAR sits above the address width of the host IOMMU (consumer VT-d often has 39 bits) where the guest firmware placed the 64-bit PCI window'
          : e === 'EFAULT'
            ? 'a BAR is MMIO without struct pages (VM_PFNMAP) and the type1/iommufd backends cannot pin it'
            : 'the backend cannot pin device memory'
      }. The VM keeps running; only DMA between two assigned devices (GPUDirect P2P, RDMA into a GPU) is affected`,
      fix: 'nothing to do for a single assigned device; for peer-to-peer between devices use a kernel and QEMU with the iommufd dma-buf path, or keep the guest 64-bit PCI window below the host IOMMU width (smaller pci-hole64-size, OVMF opt/ovmf/X-PciMmio64Mb)',
    };
  }
  switch (e) {
    case 'ENOMEM':
      return {
        cause:
          'the kernel refused to pin guest RAM: the locked-memory limit (RLIMIT_MEMLOCK) of the QEMU process is smaller than guest RAM (libvirt raises it for hostdevs; a hand-started QEMU, a container or a systemd LimitMEMLOCK= does not), or the host is out of memory. dmesg shows "vfio_pin_pages_remote: RLIMIT_MEMLOCK (N) exceeded" for the limit case. With the limit high and memory free, look at where guest RAM lives: VFIO pins it long-term (FOLL_LONGTERM), and the kernel does not long-term pin pages in CMA or ZONE_MOVABLE (mm/gup.c, folio_is_longterm_pinnable()) but tries to migrate them first — which in practice fails for 1 GiB hugetlb pages taken from hugetlb_cma= or from movable memory (movablecore=, kernelcore=, hot-plugged memory): there is no free gigantic page outside that area to move them to, so the map fails with ENOMEM',
        fix: 'raise the limit above guest RAM plus about 1 GiB (ulimit -l unlimited, LimitMEMLOCK=infinity in the unit, or libvirt <memtune><hard_limit>); check free memory and hugepages with `vfiokit doctor --memory SIZE`. If guest RAM is on 1 GiB pages from hugetlb_cma=, reserve them as ordinary boot-time hugepages instead (hugepagesz=1G hugepages=N, no hugetlb_cma) and keep them out of movable memory',
      };
    case 'ENOSPC':
      return DMA_ENTRY_LIMIT;
    case 'EINVAL':
      if ((hexFact(facts.iova) ?? 0x1000000n) < 0x1000000n)
        return {
          cause:
            "the host IOMMU rejected a range of low guest RAM (below 16 MB): since Linux 5.4 VFIO refuses to map into a reserved region of the group, and low memory holds direct-mapped ones — Intel's IOMMU driver reports 0-16 MB for an ISA/LPC bridge (its ISA floppy DMA workaround, CONFIG_INTEL_IOMMU_FLOPPY_WA), so a device that shares its IOMMU group with the ISA/LPC bridge (onboard audio and SMBus on many Intel boards) cannot have guest RAM mapped there; firmware RMRRs for a device in the group (USB controllers' legacy buffers) can sit there too. Kernels that report the ISA region as relaxable (IOMMU_RESV_DIRECT_RELAXABLE) let VFIO ignore it",
          fix: 'check /sys/kernel/iommu_groups/N/reserved_regions for a "direct" 0x0-0xffffff entry and `vfiokit groups` for an ISA bridge in the same group; update the host kernel (the region is relaxable in current kernels), or do not assign devices grouped with the ISA/LPC bridge',
        };
      return {
        cause:
          'the host IOMMU rejected the range: the guest-physical address is outside what the IOMMU can translate (RAM or a window above its 39/46/48-bit address width, or inside a reserved IOVA range such as the MSI window 0xfee00000), or the range is not aligned to an IOMMU page',
        fix: 'compare the iova with the reserved regions in /sys/kernel/iommu_groups/N/reserved_regions; lower the guest address space (smaller -m maxmem, phys-bits/host-phys-bits-limit matching the IOMMU width)',
      };
    case 'EBUSY':
    case 'EEXIST':
      return {
        cause:
          'the range is already mapped in the container (an overlapping mapping, seen around the legacy VGA ROM area); QEMU retries once after unmapping',
        fix: 'usually transient; if it repeats, report it with the QEMU version and the memory layout (info mtree)',
      };
    case 'EFAULT':
      return {
        cause:
          'the memory behind the mapping cannot be pinned: it is MMIO (a BAR, VM_PFNMAP) or a file mapping the kernel will not pin (for RAM: a DAX or special device backing)',
        fix: 'for a BAR this only affects peer-to-peer DMA; for RAM use an ordinary (anonymous, memfd or hugetlbfs) memory backend',
      };
    default:
      return undefined;
  }
}

export const QEMU_ENTRIES: CatalogueEntry[] = [
  // ---- IOMMU group and container (hw/vfio/container-legacy.c; before QEMU 8.2 hw/vfio/common.c) ----
  {
    id: 'qemu.group-not-viable',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_group_get() (older: hw/vfio/common.c vfio_get_group())',
    format:
      'group %d is not viable\nPlease ensure all devices within the iommu_group are bound to their vfio bus driver.',
    versions:
      'QEMU 2.10+: "vfio BDF: group N is not viable" with the hint on the next line; QEMU ≤ 2.9: "vfio: error, group N is not viable, please ensure all devices within the iommu_group are bound to their vfio bus driver."; QEMU 10.1+ prints it from hw/vfio/container-legacy.c',
    // Capitalised too: posts retype the line ("Group 14 is not viable, Please ensure ...").
    patterns: [/[Gg]roup (?<group>\d+) is not viable/],
    severity: 'error',
    title: 'IOMMU group not viable',
    cause:
      "another device in the same IOMMU group is still on a host driver (often the GPU's HDMI audio function); VFIO_GROUP_GET_STATUS reports the group not viable until every device is on vfio-pci, pci-stub or no driver (bridges on pcieport are fine)",
    fix: 'bind every endpoint of the group to vfio-pci (vfiokit groups shows which); if the group holds host devices, move the card to another slot',
    refine: (f) =>
      f.group === '0'
        ? {
            cause:
              "a group is viable only when every other device in it is on vfio-pci, pci-stub or no driver (bridges aside), and this device is in IOMMU group 0, which on most platforms holds the root complex's own devices that the host needs (host bridges, root ports, the chipset's SATA/USB/LPC functions): the slot sits behind a bridge without ACS isolation, so the group cannot be handed to a VM as a whole. Which devices share a group is decided by the firmware (BIOS/AGESA: ACS exposed or not) and the slot: a BIOS update can change it",
            fix: 'use a slot wired to its own root port (a CPU-attached x16 slot; `vfiokit groups` shows each group), or go back to a BIOS version that grouped it alone; the ACS override patch only makes the kernel pretend isolation exists',
          }
        : undefined,
    render: { prefix: DEV('0000:01:00.0'), args: [1] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=01:00.0,multifunction=on: vfio error: 0000:01:00.0: group 1 is not viable',
        origin: 'https://github.com/64kramsystem/vga-passthrough/issues/15',
        facts: { bdf: '0000:01:00.0', group: '1' },
      },
      {
        text: 'Warning  SyncFailed        7s    virt-handler, k8s-master   server error. command SyncVMI failed: "LibvirtError(Code=1, Domain=10, Message=\'internal error: qemu unexpectedly closed the monitor: 2021-11-03T08:06:48.563014Z qemu-kvm: -device vfio-pci,host=0000:01:00.0,id=ua-gpu1,bus=pci.5,addr=0x0: vfio 0000:01:00.0: group 1 is not viable\\nPlease ensure all devices within the iommu_group are bound to their vfio bus driver.\')"',
        origin: 'https://github.com/kubevirt/kubevirt/issues/6718',
        facts: { group: '1' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:1d.2,bus=port.1: vfio 0000:00:1d.2: group 8 is not viable',
        origin: 'https://github.com/foxlet/vmra1n/issues/4',
        facts: { bdf: '0000:00:1d.2', group: '8' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0,bus=pci.3,addr=0x0: vfio 0000:01:00.0: group 1 is not viable',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', group: '1' },
      },
      {
        text: 'vfio: error, group 11 is not viable, please ensure all devices within the iommu_group are bound to their vfio bus driver.',
        origin: BUILT,
        facts: { group: '11' },
      },
    ],
  },
  {
    id: 'qemu.device-from-group',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_device_get() (older: hw/vfio/common.c vfio_get_device()); the errno from torvalds/linux drivers/vfio/group.c vfio_group_ioctl_get_device_fd() and drivers/vfio/pci/vfio_pci_core.c vfio_pci_validate_vf_token() (-EACCES); the 2025 VF regression from strongtz/i915-sriov-dkms#321',
    format:
      'error getting device from group %d: %m\nVerify all devices in group %d are bound to vfio-<bus> or pci-stub and not already in use',
    versions:
      'QEMU 2.10+: error_setg_errno(), so the errno text follows a colon; QEMU ≤ 2.9: "vfio: error getting device BDF from group N: %m" and "Verify all devices in group N are bound to vfio-pci or pci-stub and not already in use"',
    patterns: [
      /error getting device (?:\S{1,64} )?from group (?<group>\d+)(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /(?:(?<err>[A-Z][a-z/ ]{2,40}) )?Verify all devices in group (?<group>\d+) are bound to vfio-(?:<bus>|pci) or pci-stub/,
    ],
    severity: 'error',
    title: 'QEMU could not open the device from its group',
    cause:
      'VFIO_GROUP_GET_DEVICE_FD failed: the device is not bound to vfio-pci ("No such device"), or another VM or process has it open ("Device or resource busy"), or the kernel refused it',
    fix: "check that the device is on vfio-pci (vfiokit groups) and that no other VM uses it (virsh list --all); read dmesg for the kernel's reason",
    refine: (f) => {
      switch (errnoName(f)) {
        case 'EBUSY':
          return {
            cause:
              'the device is already open: another VM (or a QEMU still shutting down) holds it, or a host process opened it through VFIO (DPDK, SPDK, another vfio user); a device can be opened once',
            fix: 'find the holder (fuser -v /dev/vfio/N; virsh list --all) and stop it before starting this VM',
          };
        case 'ENODEV':
          return {
            cause:
              'ENODEV ("No such device"): the kernel does not know this device in the group: it is not bound to a vfio driver (still on its host driver, or unbound), so the group has no VFIO device of that name for VFIO_GROUP_GET_DEVICE_FD to return',
            fix: 'bind it to vfio-pci (driverctl set-override BDF vfio-pci, or vfio-pci.ids= at boot); `vfiokit groups` shows each device and its driver',
          };
        case 'EINVAL':
          if (f.bdf === '0000:00:02.0')
            return {
              cause:
                'the kernel refused to open Intel\'s integrated GPU (00:02.0): for an Intel VGA device vfio-pci sets up the IGD regions when it is opened — the ACPI OpRegion and the host/LPC bridge config (vfio_pci_igd_init()) — and fails the open with EINVAL when that fails (dmesg: "Failed to setup Intel IGD regions"). The usual reason is an OpRegion the kernel cannot read: OpRegion 2.0 and later keep the VBT in an extended region (RVDA), which vfio-pci handles only since Linux 5.16 (49ba1a2976c8, "vfio/pci: Add OpRegion 2.0+ Extended VBT support"), so newer iGPUs (Gemini Lake, Ice Lake and later) fail on older host kernels; or the firmware left the OpRegion address (ASLS) empty. The group binding itself is fine',
              fix: 'update the host kernel to 5.16 or later (a distribution HWE kernel); check dmesg for "Failed to setup Intel IGD regions" at the VM start; see QEMU docs/igd-assign.txt for the modes',
            };
          return {
            cause:
              'the kernel rejected the request for this device: the group is not attached to an IOMMU container yet (an earlier container error), or the name does not match a VFIO device of the group (the device left vfio-pci, or is bound to a different vfio driver)',
            fix: 'bind it to vfio-pci (driverctl set-override BDF vfio-pci, or vfio-pci.ids= at boot); `vfiokit groups` shows each device and its driver',
          };
        case 'EIO':
          return {
            cause:
              "the device's driver refused the open; for a mediated device (vGPU) this is the vendor driver: the NVIDIA vGPU manager (nvidia-vgpu-mgr) is not running, the vGPU type cannot be created next to the running ones, or the host driver logged an error",
            fix: 'read dmesg and the vendor daemon log (journalctl -u nvidia-vgpu-mgr); for a physical device check dmesg for a failed reset or power-state change',
          };
        case 'ETIMEDOUT':
          return {
            cause:
              "the device's driver gave up waiting: for a mediated device (NVIDIA vGPU) the open waits for nvidia-vgpu-mgr to start the vGPU, and it did not. The vGPU manager could not bring it up next to what already runs on that physical GPU — in time-sliced vGPU all vGPUs on one GPU must be of the same type and size (one mdev per VM, no mixing of profiles or of Q/C/A series on a GPU), or the GPU has no free framebuffer for another instance — or the manager itself failed (its log says why)",
            fix: 'read `journalctl -u nvidia-vgpu-mgr` at that moment; give each VM its own mdev, and create only mdevs of the same type on one physical GPU (check `mdevctl list` and the available_instances of each type)',
          };
        case 'EPERM':
          return {
            cause:
              'the kernel refused the open: with no-IOMMU mode the process lacks CAP_SYS_RAWIO, or a security module denied it',
            fix: 'run QEMU with the needed capability or through libvirt; check the audit log for SELinux/AppArmor denials',
          };
        case 'EACCES':
          return {
            cause:
              'the kernel refused the open with EACCES. vfio-pci returns it for an SR-IOV VF whose PF is also bound to vfio-pci when no (or a wrong) VF token is given (dmesg: "VF token required to access device"); a security module (SELinux/AppArmor) denial is the other source. When the same VM opened the same VF before and nothing changed but the host kernel, the kernel is the cause: after the July 2025 kernel updates (Proxmox 6.8.12-12-pve, 6.14.8) opening SR-IOV VFs (iGPU VFs from i915-sriov-dkms and NIC VFs alike) failed with this error, a regression, and booting the previous kernel made the VMs start again',
            fix: 'read dmesg at the VM start for a VF-token line and the audit log for denials; if neither explains it and the failure began with a kernel update, boot the previous kernel and pin it (proxmox-boot-tool kernel pin VERSION, or the GRUB default) until a fixed kernel is out',
          };
        default:
          return undefined;
      }
    },
    render: { prefix: DEV('0000:08:00.0'), args: [22, 'No such device'] },
    examples: [
      {
        text: 'Input/output error Verify all devices in group 29 are bound to vfio-<bus> or pci-stub and not already in use',
        origin: 'https://github.com/DualCoder/vgpu_unlock/issues/95',
        facts: { group: '29', err: 'Input/output error' },
      },

      {
        text: 'kvm: -device vfio-pci,host=0000:00:02.1,id=hostpci1,bus=ich9-pcie-port-2,addr=0x0,x-vga=on: vfio 0000:00:02.1: error getting device from group 16: Permission denied',
        origin: 'https://github.com/strongtz/i915-sriov-dkms/issues/321',
        facts: { bdf: '0000:00:02.1', group: '16', err: 'Permission denied' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:08:00.0: vfio 0000:08:00.0: error getting device from group 22: No such device',
        origin: BUILT,
        facts: { bdf: '0000:08:00.0', group: '22', err: 'No such device' },
      },
      {
        text: 'Verify all devices in group 22 are bound to vfio-<bus> or pci-stub and not already in use',
        origin: BUILT,
        facts: { group: '22' },
      },
    ],
  },
  {
    id: 'qemu.set-iommu-container',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_set_iommu() and vfio_group_get()',
    format: 'failed to setup container for group %d: Failed to set iommu for container: %m',
    versions:
      'QEMU 2.10+: "failed to setup container for group N: Failed to set iommu for container: %m"; QEMU ≤ 2.9: "vfio: failed to set iommu for container: %m"; QEMU 10.1+ in hw/vfio/container-legacy.c',
    patterns: [
      /(?:failed to setup container for group (?<group>\d+): )?[Ff]ailed to set iommu for container(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'error',
    title: 'VFIO refused to attach the group to an IOMMU container',
    cause:
      'VFIO_SET_IOMMU failed; with "Operation not permitted" the kernel refused the group: usually no interrupt remapping (dmesg: "No interrupt remapping support"), or an Intel RMRR-locked device (dmesg: "ineligible for IOMMU domain attach")',
    fix: "read dmesg for the kernel's reason (run `vfiokit diagnose --dmesg`); then enable interrupt remapping in the firmware, or see the RMRR entry",
    refine: (f) => {
      const e = errnoName(f);
      if (e === 'EPERM' || e === undefined) return undefined;
      if (e === 'EIO')
        return {
          cause:
            'VFIO_SET_IOMMU failed with EIO: attaching the group to the type1 IOMMU failed below VFIO. For a mediated device (vGPU, Intel GVT-g) the parent driver refused (GVT-g not enabled with i915.enable_gvt=1, kvmgt not loaded, or the vGPU was created before the host driver was ready); for a physical device the IOMMU driver logged the reason in dmesg',
          fix: 'read dmesg around the VM start; for GVT-g check /sys/bus/pci/devices/0000:00:02.0/mdev_supported_types exists and kvmgt is loaded, then recreate the mdev',
        };
      return (
        refineSetIommu({ ...f, errno: e }) ?? {
          cause: `VFIO_SET_IOMMU failed with ${e}: the IOMMU driver could not attach the group to a domain; dmesg has the IOMMU driver's reason`,
          fix: "read dmesg at the same moment for the IOMMU driver's reason (`vfiokit diagnose --dmesg`)",
        }
      );
    },
    render: { prefix: DEV('0000:0b:00.0'), args: [16, 'Operation not permitted'] },
    examples: [
      {
        text: 'qemu unexpectedly closed the monitor: 2020-09-24T04:35:09.453740Z qemu-system-x86_64: -device vfio-pci,id=hostdev0,sysfsdev=/sys/bus/mdev/devices/34658867-146a-4656-9fa5-890fdbc37010,display=on,bus=pcie.0,addr=0x9: vfio 34658867-146a-4656-9fa5-890fdbc37010: failed to setup container for group 11: Failed to set iommu for container: Input/output error',
        origin: 'https://github.com/intel/gvt-linux/issues/171',
        facts: { group: '11', err: 'Input/output error' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:0b:00.0: vfio 0000:0b:00.0: failed to setup container for group 16: Failed to set iommu for container: Operation not permitted',
        origin: BUILT,
        facts: { bdf: '0000:0b:00.0', group: '16', err: 'Operation not permitted' },
      },
      {
        text: 'vfio: failed to set iommu for container: Operation not permitted',
        origin: BUILT,
        facts: { err: 'Operation not permitted' },
      },
    ],
  },
  {
    id: 'qemu.device-init-failed-followup',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_initfn() with hw/core/qdev.c qdev_init() and qdev-monitor.c qdev_device_add() (QEMU ≤ 2.x)',
    format: "Device '%s' could not be initialized",
    versions:
      'QEMU ≤ 2.x printed after the real error: "vfio: failed to get group N", "Device initialization failed." and "Device \'vfio-pci\' could not be initialized"; later releases print only the error itself',
    patterns: [
      /Device 'vfio-pci' could not be initialized/,
      /vfio: failed to get group (?<group>\d{1,5})(?!\d| status)/,
      /-device vfio-pci[^\n]{0,200}: Device initialization failed/,
    ],
    severity: 'info',
    title: 'Follow-up lines of an older QEMU after a vfio-pci failure',
    cause:
      'older QEMU releases repeat that the device failed after the real error; the cause is the vfio line printed just before (group not viable, a /dev/vfio open error, an IOMMU or DMA mapping failure)',
    fix: 'look at the line before it; `vfiokit diagnose` explains that one',
    render: { prefix: `${QEMU}-device vfio-pci,host=01:00.0: `, args: ['vfio-pci'] },
    examples: [
      {
        text: "qemu-system-x86_64: -device vfio-pci,host=01:00.0,bus=root.1,addr=00.0: Device 'vfio-pci' could not be initialized",
        origin: BUILT,
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=01:00.0,bus=root.1,addr=00.0: vfio: failed to get group 1',
        origin: BUILT,
        facts: { group: '1' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=01:00.0,bus=root.1,addr=00.0: Device initialization failed.',
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.group-open-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_group_get() (older: hw/vfio/common.c vfio_get_group(); newer: hw/vfio/container-legacy.c via util/osdep.c qemu_open_internal())',
    format: 'failed to open %s',
    versions:
      'QEMU 2.10–9.x: "vfio BDF: failed to open /dev/vfio/N: %m"; later releases open it with qemu_open(): "Could not open \'/dev/vfio/N\': %m"; QEMU ≤ 2.9: "vfio: error opening /dev/vfio/N: %m"',
    patterns: [
      // " group" after the node: rust-vmm's "failed to open /dev/vfio/N group: %s" (same errno, same causes).
      /(?:vfio: error opening |failed to open |Could not open ')\/dev\/vfio\/(?<group>\d{1,5})'?(?: group)?(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'error',
    title: 'QEMU could not open the IOMMU group device /dev/vfio/N',
    cause:
      "opening the group's character device failed; the errno says why: missing node (no device of the group on vfio-pci), permissions, a cgroup or security-module denial, or another process holding the group",
    fix: 'run `vfiokit groups` to see the group and the drivers of its devices; read the errno in the message',
    refine: (f) => {
      switch (errnoName(f)) {
        case 'ENOENT':
          return {
            cause:
              '/dev/vfio/N does not exist: no device of that IOMMU group is bound to a vfio driver (the node appears when the first device of the group binds to vfio-pci), or the group number is stale (groups renumber when devices, firmware or the IOMMU setup change)',
            fix: 'bind the device to vfio-pci (`vfiokit groups` shows its group and driver); check the current number with readlink /sys/bus/pci/devices/BDF/iommu_group',
          };
        case 'EACCES':
          return {
            cause:
              'the user QEMU runs as may not read/write /dev/vfio/N (root-owned, mode 0600 by default): QEMU started by hand or in a libvirt user session, or a security label denied it',
            fix: 'start the VM through the system libvirt (it relabels the node), or give the user the node with a udev rule (SUBSYSTEM=="vfio", OWNER="user"); check the audit log for SELinux/AppArmor denials',
          };
        case 'EPERM':
          return {
            cause:
              "the open was refused by a device cgroup or a security module, not by file permissions: libvirt's cgroup_device_acl in qemu.conf lacks /dev/vfio entries, a container's device allowlist, or an SELinux/AppArmor policy",
            fix: 'add "/dev/vfio/vfio" and the group node to cgroup_device_acl (or let libvirt manage the hostdev), allow the device in the container runtime, and check the audit log',
          };
        case 'EBUSY':
          return {
            cause:
              "another process already has the group open: a VFIO group can be opened by one process at a time, so another VM uses a device of this group, or the previous QEMU is still shutting down. In Kubernetes the holder can be another pod: a privileged container is given every host device node, /dev/vfio/* included, so a privileged pod (or a Kata VM started for one) can hold a group meant for another pod unless the runtime's privileged_without_host_devices option (containerd's CRI runtime setting) keeps host devices out of privileged pods",
            fix: "find the holder with fuser -v /dev/vfio/N; stop the other VM or wait for the old QEMU to exit; devices of one group cannot be split between VMs. Under Kubernetes set privileged_without_host_devices = true for the runtime handler that starts privileged pods (Kata's in particular) so that only the device plugin hands out /dev/vfio nodes",
          };
        default:
          return undefined;
      }
    },
    render: { prefix: DEV('0000:01:00.0'), args: ['/dev/vfio/1'] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:14.0,bus=port.1: vfio error: 0000:00:14.0: failed to open /dev/vfio/2: No such file or directory',
        origin: 'https://github.com/foxlet/vmra1n/issues/17',
        facts: { bdf: '0000:00:14.0', group: '2', err: 'No such file or directory' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:02.0,bus=port.1,multifunction=on: vfio 0000:00:02.0: failed to open /dev/vfio/1: No such file or directory',
        origin: 'https://github.com/foxlet/macOS-Simple-KVM/issues/12',
        facts: { group: '1' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:02.0,bus=port.1,multifunction=on: vfio 0000:00:02.0: failed to open /dev/vfio/1: No such file or directory',
        origin: 'https://github.com/foxlet/macOS-Simple-KVM/issues/159',
        facts: { bdf: '0000:00:02.0', group: '1', err: 'No such file or directory' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,multifunction=on: vfio 0000:00:02.0: failed to open /dev/vfio/1: No such file or directory',
        origin: 'https://github.com/foxlet/macOS-Simple-KVM/issues/497',
        facts: { group: '1' },
      },
      {
        text: '2020-06-18T10:35:37.783291Z qemu-kvm: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/00000000-0000-0000-0000-000000000000: vfio 00000000-0000-0000-0000-000000000000: failed to open /dev/vfio/0: No such file or directory',
        origin: 'https://github.com/nutanix/libvfio-user/issues/53',
        facts: { group: '0', err: 'No such file or directory' },
      },
      {
        text: "vfio: Could not open '/dev/vfio/14': Device or resource busy",
        origin: BUILT,
        facts: { group: '14', err: 'Device or resource busy' },
      },
      {
        text: 'vfio: error opening /dev/vfio/7: Permission denied',
        origin: BUILT,
        facts: { group: '7', err: 'Permission denied' },
      },
    ],
  },
  {
    id: 'qemu.container-open-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_connect_container() (older: hw/vfio/common.c; newer: hw/vfio/container-legacy.c vfio_container_connect() via qemu_open())',
    format: 'failed to open /dev/vfio/vfio',
    versions:
      'QEMU 2.10–9.x: "failed to open /dev/vfio/vfio: %m" (prefixed "failed to setup container for group N: "); later: "Could not open \'/dev/vfio/vfio\': %m"; QEMU ≤ 2.9: "vfio: failed to open /dev/vfio/vfio: %m"',
    patterns: [
      /(?:failed to open |Could not open ')\/dev\/vfio\/vfio'?(?: container)?(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'error',
    title: 'QEMU could not open the VFIO container /dev/vfio/vfio',
    cause:
      '/dev/vfio/vfio is missing or not accessible: the vfio module is not loaded ("No such file or directory"), or a cgroup, container or security policy denies it',
    fix: 'load the modules (modprobe vfio-pci pulls in vfio and vfio_iommu_type1) and check `vfiokit doctor`; for libvirt keep "/dev/vfio/vfio" in cgroup_device_acl',
    // EACCES (file mode, owner, security label) and EPERM (device cgroup) differ: vfio-errno.ts.
    refine: (f) => vfioNodeErrno('container', { ...f, errno: errnoName(f) ?? '' }),
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: vfio 0000:03:00.0: failed to setup container for group 12: failed to open /dev/vfio/vfio: No such file or directory',
        origin: BUILT,
        facts: { err: 'No such file or directory' },
      },
      {
        text: "qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: Could not open '/dev/vfio/vfio': Operation not permitted",
        origin: BUILT,
        facts: { err: 'Operation not permitted' },
      },
    ],
  },
  {
    id: 'qemu.group-status-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_group_get() (older: hw/vfio/common.c vfio_get_group())',
    format: 'failed to get group %d status',
    versions: 'QEMU 2.10+ (error_setg_errno); QEMU ≤ 2.9: "vfio: error getting group status: %m"',
    patterns: [
      /failed to get group (?<group>\d+) status(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /vfio: error getting group status/,
    ],
    severity: 'error',
    title: 'VFIO_GROUP_GET_STATUS failed',
    cause:
      'the group file opened but the kernel would not report its status: the node is not a VFIO group (a stale /dev/vfio entry), or the group was torn down while QEMU opened it (device unbound or removed)',
    fix: 'rebind the device to vfio-pci and retry; if the device was hot-removed, rescan the bus (echo 1 > /sys/bus/pci/rescan)',
    render: { prefix: DEV('0000:01:00.0'), args: [1] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to get group 1 status: Invalid argument',
        origin: BUILT,
        facts: { group: '1', err: 'Invalid argument' },
      },
    ],
  },
  {
    id: 'qemu.group-multiple-address-spaces',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_group_get() (older: hw/vfio/common.c vfio_get_group())',
    format: 'group %d used in multiple address spaces',
    versions: 'QEMU 2.10+ (error_setg); QEMU ≤ 2.9: "vfio: group %d used in multiple address spaces"',
    patterns: [/group (?<group>\d+) used in multiple address spaces/],
    severity: 'error',
    title: 'Devices of one IOMMU group are in different guest address spaces',
    cause:
      'two devices of the same host IOMMU group were assigned so that they sit in different guest DMA address spaces: with a virtual IOMMU (intel-iommu, virtio-iommu) each guest PCI bus or device gets its own address space, but the host can only translate the whole group one way',
    fix: 'assign all functions of the group to the same VM and behind the same guest PCI bus (one pcie-root-port as a multifunction device, or behind one pcie-pci-bridge so they share its DMA alias), remove the virtual IOMMU, or assign only one device of the group; `vfiokit groups` lists the members',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.1,bus=pci.2: vfio 0000:01:00.1: `,
      args: [14],
    },
    examples: [
      {
        text: 'qemu-system-x86_64:/run/domainmgr/xen/xen1.cfg:268: vfio 0000:00:14.5: group 5 used in multiple address spaces',
        origin: 'https://github.com/lf-edge/eve/pull/2544',
        facts: { bdf: '0000:00:14.5', group: '5' },
      },
      {
        text: 'vfio error: 0000:07:00.1: group 20 used in multiple address spaces',
        origin: 'https://github.com/lf-edge/eve/pull/2544',
        facts: { bdf: '0000:07:00.1', group: '20' },
      },
      {
        text: 'QMP command failed: vfio 0000:01:00.1: group 1 used in multiple address spaces: unknown',
        origin: 'https://github.com/kata-containers/kata-containers/issues/10622',
        facts: { bdf: '0000:01:00.1', group: '1' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:65:00.1,id=hostdev1,bus=pci.7,addr=0x0: vfio 0000:65:00.1: group 41 used in multiple address spaces',
        origin: BUILT,
        facts: { bdf: '0000:65:00.1', group: '41' },
      },
    ],
  },
  {
    id: 'qemu.no-iommu-models',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_get_iommu_type() (older: hw/vfio/common.c)',
    format: 'No available IOMMU models',
    versions: 'QEMU 2.10+; QEMU ≤ 2.9: "vfio: No available IOMMU models"',
    patterns: [/No available IOMMU models/],
    severity: 'error',
    title: 'No VFIO IOMMU backend in the kernel',
    cause:
      '/dev/vfio/vfio answered no VFIO_CHECK_EXTENSION for type1 (or sPAPR): the vfio_iommu_type1 module is not loaded, or the kernel uses iommufd only (CONFIG_VFIO_CONTAINER=n with CONFIG_IOMMUFD_VFIO_CONTAINER providing the node)',
    fix: 'modprobe vfio_iommu_type1 (and add it to the initramfs); on iommufd-only kernels give QEMU an iommufd object (-object iommufd,id=iommufd0 and iommufd=iommufd0 on the device)',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: No available IOMMU models',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'qemu.set-group-container',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_set_iommu() (older: hw/vfio/common.c vfio_connect_container())',
    format: 'Failed to set group container',
    versions: 'QEMU 2.10+ (error_setg_errno); QEMU ≤ 2.9: "vfio: failed to set group container: %m"',
    patterns: [/[Ff]ailed to set group container(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'VFIO_GROUP_SET_CONTAINER failed',
    cause:
      'the kernel would not add the group to a new container: the group is not viable any more (a device left vfio-pci), or it is already in another container (EBUSY)',
    fix: 'check the group with `vfiokit groups`; stop any other user of the group',
    render: { prefix: `${QEMU}vfio 0000:01:00.0: failed to setup container for group 1: `, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio 0000:01:00.0: failed to setup container for group 1: Failed to set group container: Invalid argument',
        origin: BUILT,
        facts: { err: 'Invalid argument' },
      },
    ],
  },
  {
    id: 'qemu.vfio-api-version',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_connect_container() (newer: hw/vfio/container-legacy.c vfio_container_connect())',
    format: 'supported vfio version: %d, reported version: %d',
    patterns: [/supported vfio version: (?<want>\d+), reported version: (?<got>-?\d+)/],
    severity: 'error',
    title: 'VFIO API version mismatch',
    cause:
      'VFIO_GET_API_VERSION on /dev/vfio/vfio did not return the version QEMU was built for; -1 or 0 means the node is not a working VFIO container (a stub or an emulation)',
    fix: 'check that /dev/vfio/vfio is the kernel VFIO container (ls -l /dev/vfio; major 10, minor 196) and that vfio is loaded',
    render: { prefix: `${QEMU}vfio 0000:01:00.0: failed to setup container for group 1: `, args: [0, -1] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio 0000:01:00.0: failed to setup container for group 1: supported vfio version: 0, reported version: -1',
        origin: BUILT,
        facts: { got: '-1' },
      },
    ],
  },
  {
    id: 'qemu.ram-discard-broken',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_container_attach_discard_disable() (older: hw/vfio/common.c vfio_connect_container())',
    format: 'Cannot set discarding of RAM broken',
    patterns: [/Cannot set discarding of RAM broken(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'VFIO cannot coexist with a device that needs RAM discarding',
    cause:
      'VFIO pins all guest RAM, so QEMU must forbid discarding it; another device already requires discarding (virtio-mem with a setup QEMU cannot coordinate, or a confidential-guest memory backend), so the two cannot be combined',
    fix: 'remove virtio-mem or the feature that requires discarding, or use a QEMU/kernel combination that coordinates it (virtio-mem with type1 VFIO is coordinated since QEMU 6.0). A confidential guest (SEV-SNP or TDX, whose private memory is a guest_memfd) needs discarding to convert pages between private and shared: QEMU makes guest_memfd RAM require uncoordinated discard (852f0048f3, "RAMBlock: make guest_memfd require uncoordinated discard"), which VFIO cannot allow, so assigning a device to such a guest fails this way until the QEMU in use coordinates the two (the guest_memfd RamDiscardManager work of later releases): use a newer QEMU, the one the confidential-computing stack (KubeVirt\'s virt-launcher, the distribution) documents for device assignment',
    render: { prefix: `${QEMU}vfio 0000:01:00.0: failed to setup container for group 1: `, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to setup container for group 1: Cannot set discarding of RAM broken: Device or resource busy',
        origin: BUILT,
        facts: { err: 'Device or resource busy' },
      },
    ],
  },
  {
    id: 'qemu.group-disconnect-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_disconnect_container() (newer: hw/vfio/container-legacy.c vfio_container_disconnect())',
    format: 'vfio: error disconnecting group %d from container',
    patterns: [/vfio: error disconnecting group (?<group>\d+) from container/],
    severity: 'warning',
    title: 'A group could not be detached from its container (follow-up message)',
    cause:
      'VFIO_GROUP_UNSET_CONTAINER failed while QEMU cleaned up after an earlier failure or a hot-unplug; resources still referenced the container. It is a consequence, not the cause',
    fix: 'look at the error printed just before it; after the VM exits the kernel releases the group anyway',
    render: { prefix: QEMU, args: [447] },
    examples: [
      {
        text: 'vfio: error disconnecting group 447 from container',
        origin: BUILT,
        facts: { group: '447' },
      },
    ],
  },
  {
    id: 'qemu.no-iommu-group',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_device_get_groupid() (older: hw/vfio/pci.c vfio_realize(); newer: hw/vfio/container-legacy.c)',
    format: 'no iommu_group found',
    versions:
      'QEMU 2.10–2.12 prefixed "vfio error: BDF: "; later "vfio BDF: no iommu_group found: %m"; QEMU ≤ 2.9: "vfio: error no iommu_group for device"',
    patterns: [
      /no iommu_group found(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /vfio: error no iommu_group for device/,
    ],
    severity: 'error',
    title: 'The device has no IOMMU group',
    cause:
      '/sys/bus/pci/devices/BDF/iommu_group does not exist: the IOMMU is off (VT-d/AMD-Vi disabled in the firmware, or an Intel host booted without intel_iommu=on on a kernel that does not enable it by default), or the address is wrong',
    fix: 'run `vfiokit doctor` (it checks firmware, kernel command line and DMAR/IVRS); enable VT-d/AMD-Vi (SVM/IOMMU) in the firmware and boot with intel_iommu=on or amd_iommu=on',
    render: { prefix: DEV('0000:08:00.0'), args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=08:00.0,bus=port.1,multifunction=on: vfio 0000:08:00.0: no iommu_group found: No such file or directory',
        origin: 'https://github.com/foxlet/macOS-Simple-KVM/issues/579',
        facts: { bdf: '0000:08:00.0', err: 'No such file or directory' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:14.0,bus=port.1,multifunction=on: vfio 0000:00:14.0: no iommu_group found: No such file or directory',
        origin: 'https://github.com/foxlet/macOS-Simple-KVM/issues/143',
        facts: { bdf: '0000:00:14.0' },
      },
      {
        text: '-device vfio-pci,host=00:1d.7,bus=pcie.0: vfio error: 0000:00:1d.7: no iommu_group found: No such file or directory',
        origin: 'https://github.com/ra1nstorm/ra1nstorm-helper/issues/109',
        facts: { bdf: '0000:00:1d.7' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,id=hostdev0,bus=pcie.0,addr=0x2,romfile=./i915ovmf/i915ovmf.rom: vfio 0000:00:02.0: no iommu_group found: No such file or directory',
        origin: 'https://github.com/vivekmiyani/OSX_GVT-D/issues/7',
        facts: { bdf: '0000:00:02.0' },
      },
    ],
  },
  {
    id: 'qemu.no-such-host-device',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_get_name() (older: hw/vfio/helpers.c, hw/vfio/pci.c vfio_realize())',
    format: 'no such host device',
    versions:
      'QEMU 2.10+: "vfio SYSFSPATH: no such host device: %m"; QEMU ≤ 2.9: "vfio: error: no such host device: SYSFSPATH"',
    patterns: [/no such host device(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'The host device given to vfio-pci does not exist',
    cause:
      'stat() of /sys/bus/pci/devices/BDF (or the sysfsdev= path) failed: a wrong or stale address (devices renumber when cards or firmware settings change), a device that fell off the bus, or for a mediated device (vGPU) an mdev UUID that was never created',
    fix: 'check the address with lspci -D (vfiokit groups lists them); for an mdev create it first (echo UUID > /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create)',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:09:00.0: vfio /sys/bus/pci/devices/0000:09:00.0: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:09:00.0: vfio /sys/bus/pci/devices/0000:09:00.0: no such host device: No such file or directory',
        origin: BUILT,
        facts: { err: 'No such file or directory' },
      },
    ],
  },
  {
    id: 'qemu.device-already-attached',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_legacy_attach_device() (older: hw/vfio/pci.c vfio_realize())',
    format: 'device is already attached',
    versions:
      'always prefixed "vfio BDF: " by QEMU; posts and management-layer task logs often keep only the bare "device is already attached" line, recognised when it stands alone',
    patterns: [
      /vfio (?:[0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]: device is already attached/,
      /^device is already attached$/,
    ],
    severity: 'error',
    title: 'The same host device is assigned twice',
    cause:
      'QEMU keeps the devices it has attached per VFIO group (per iommufd context with the cdev /dev/vfio/devices backend) and refuses a device whose host name is already among them: the same host PCI function is assigned twice — two -device vfio-pci (or two <hostdev>) entries, or a hot-plug (QMP device_add, from a management layer or device plugin) of a function that the VM already has from its definition or an earlier hot-plug that was never removed. A re-plug right after device_del hits it too: device_del only asks the guest to release the device, and the old vfio-pci object is detached when it is finalized — after the guest acknowledges the unplug, and only once nothing holds a reference to it (a reference leak in QEMU keeps it attached for good; virtio-net failover with failover_pair_id had one while its primary-device handling was reworked in early 2021, fixed by adding the missing object_unref). The same follows an earlier device_add of this device that failed part-way — refused late in realize, for instance by its migration blocker under -only-migratable — when that QEMU did not release the device on the error path (such leaks in vfio_realize() were fixed over time): the failed attempt stays attached',
    fix: 'remove the duplicate; to give the guest several functions assign each function once; before hot-plugging, check the VM does not have the device already (QMP query-pci, virsh dumpxml) and that the allocator (device plugin, management layer) does not hand the same device out twice; after device_del wait for the DEVICE_DELETED event before adding it again — if the event came and the device is still attached, the old object was never released (a QEMU bug: update QEMU, and report it with the device options, e.g. failover_pair_id)',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0,id=hostdev1: vfio 0000:01:00.0: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev1: vfio 0000:01:00.0: device is already attached',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  // ---- DMA mapping (hw/vfio/listener.c; before QEMU 10.0 hw/vfio/common.c) ----
  {
    id: 'qemu.dma-map-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_container_region_add() (older: hw/vfio/common.c vfio_listener_region_add())',
    format: 'vfio_container_dma_map(%p, 0x%lx, 0x%lx, %p) = %d (%s)',
    versions:
      'QEMU 9.x+: "vfio_container_dma_map(…) = -N (text)"; QEMU ≤ 8.x: "vfio_dma_map(…) = -N (text)"; a RAM failure at start is prefixed "failed to setup container for group N: memory listener initialization failed: Region NAME: "; a BAR failure is a warning ("warning: vfio_…dma_map(…)") followed by "BDF: PCI peer-to-peer transactions on BARs are not supported."',
    patterns: [
      /Region (?<region>[^\n]{1,80}?): (?:vfio_container_dma_map|vfio_dma_map)\(0x[0-9a-fA-F]{1,16}, 0x(?<iova>[0-9a-fA-F]{1,16}), 0x(?<size>[0-9a-fA-F]{1,16}), 0x[0-9a-fA-F]{1,16}\) = (?<errno>-\d{1,3})(?: \((?<err>[^)\n]{1,60})\))?/,
      /(?<warn>warning: )?(?:vfio_container_dma_map|vfio_dma_map)\(0x[0-9a-fA-F]{1,16}, 0x(?<iova>[0-9a-fA-F]{1,16}), 0x(?<size>[0-9a-fA-F]{1,16}), 0x[0-9a-fA-F]{1,16}\) = (?<errno>-\d{1,3})(?: \((?<err>[^)\n]{1,60})\))?/,
    ],
    severity: 'error',
    title: 'Guest memory could not be mapped into the host IOMMU',
    cause:
      'VFIO_IOMMU_MAP_DMA (or IOMMU_IOAS_MAP) failed for a range of guest memory; the errno says why (-12: locked-memory limit, -22: address outside the IOMMU, -14: a BAR that cannot be pinned, -28: out of mappings)',
    fix: 'read the errno; for -12 raise the memlock limit, for a BAR (-14/-22 as a warning) nothing is needed unless the guest does device-to-device DMA',
    refine: dmaRefine,
    render: {
      prefix: QEMU,
      args: ['0x55e4a6b1c2d0', 0, 0x80000000, '0x7f3a40000000', -12, 'Cannot allocate memory'],
    },
    examples: [
      {
        text: '2024-02-07T09:02:08.235790Z qemu-system-x86_64: -device vfio-pci,host=0000:07:00.0,id=hostdev0,bus=pci.2,addr=0x0: vfio 0000:07:00.0: failed to setup container for group 49: memory listener initialization failed: Region pc.ram: vfio_dma_map(0x648f08f946c0, 0x0, 0x80000000, 0x715dc0000000) = -12 (Cannot allocate memory)',
        origin: 'https://github.com/seapath/meta-seapath/issues/166',
        facts: { errno: '-12', region: 'pc.ram', size: '80000000', bdf: '0000:07:00.0' },
      },
      {
        text: 'qemu-system-x86_64: vfio_container_dma_map(0x5555685b7190, 0xe0e00000000, 0x10000000, 0x714d50000000) = -22 (Invalid argument)',
        origin: 'https://github.com/kata-containers/kata-containers/issues/12861',
        facts: { errno: '-22', iova: 'e0e00000000' },
      },
      {
        text: 'Feb 19 13:46:44 xi kata[15969]: time="2026-02-19T13:46:44.457650228+01:00" level=warning msg="qemu-system-x86_64: vfio_container_dma_map(0x55558771a400, 0xfa800000, 0x4000, 0x7788e9d2c000) = -14 (Bad address)" name=containerd-shim-v2 pid=15969',
        origin: 'https://github.com/kata-containers/kata-containers/issues/12549',
        facts: { errno: '-14', err: 'Bad address' },
      },
      {
        text: 'qemu-system-x86_64: warning: vfio_container_dma_map(0x55d1f0a3e2a0, 0x383800000000, 0x1000000, 0x7f1c18000000) = -22 (Invalid argument)',
        origin: BUILT,
        facts: { warn: 'warning: ', errno: '-22' },
      },
    ],
  },
  {
    id: 'qemu.map-dma-ioctl-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/container.c vfio_legacy_dma_map() (older: hw/vfio/common.c vfio_dma_map())',
    format: 'VFIO_MAP_DMA failed: %s',
    versions:
      'QEMU 2.10–10.0: "VFIO_MAP_DMA failed: <strerror>"; QEMU ≤ 2.9: "VFIO_MAP_DMA: -N"; QEMU 10.1+ no longer prints it (only the vfio_container_dma_map line)',
    patterns: [/VFIO_MAP_DMA(?: failed)?: (?<err>[^\n"'\\)]{1,80})/],
    severity: 'error',
    title: 'The VFIO_IOMMU_MAP_DMA ioctl failed',
    cause:
      'the type1 IOMMU driver refused to map (and pin) a range of guest memory; the errno says why (-12/Cannot allocate memory: locked-memory limit; Invalid argument: address outside the IOMMU or misaligned)',
    fix: 'read the errno; the "vfio_dma_map(…) = -N" line that follows names the range',
    refine: (f) => dmaRefine({ ...f, errno: f.err ?? '' }),
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:07:00.0,id=hostdev0: `,
      args: ['Cannot allocate memory'],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: VFIO_MAP_DMA failed: -22 with looking-glass KVMFR',
        origin: 'https://github.com/gnif/LookingGlass/issues/1184',
        facts: { err: '-22 with looking-glass KVMFR' },
      },

      {
        text: '2024-02-07T09:02:08.234524Z qemu-system-x86_64: -device vfio-pci,host=0000:07:00.0,id=hostdev0,bus=pci.2,addr=0x0: VFIO_MAP_DMA failed: Cannot allocate memory',
        origin: 'https://github.com/seapath/meta-seapath/issues/166',
        facts: { err: 'Cannot allocate memory' },
      },
      { text: 'qemu-system-x86_64: VFIO_MAP_DMA: -12', origin: BUILT, facts: { err: '-12' } },
    ],
  },
  {
    id: 'qemu.p2p-bar-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_device_error_append() (older: hw/vfio/common.c)',
    format: '%s: PCI peer-to-peer transactions on BARs are not supported.\n',
    versions:
      'QEMU 8.1+: hint after a BAR mapping warning; QEMU 2.9–8.0 printed "failed to vfio_dma_map. pci p2p may not work"',
    patterns: [
      new RegExp(`${DEV_NAME}: PCI peer-to-peer transactions on BARs are not supported`),
      /failed to vfio_dma_map\. pci p2p may not work/,
    ],
    severity: 'info',
    title: 'Peer-to-peer DMA to this BAR is not available (harmless for one device)',
    cause:
      "QEMU could not map the device's BAR into the host IOMMU (see the vfio_dma_map warning before it), so another assigned device cannot DMA into it; the VM runs normally otherwise",
    fix: 'nothing to do unless the guest needs device-to-device DMA (multi-GPU P2P, GPUDirect RDMA); then see the errno of the mapping warning',
    render: { prefix: '', args: ['0000:01:00.0'] },
    examples: [
      {
        text: 'Jan 02 13:26:19 l-bgx-02 kata[129231]: time="2026-01-02T13:26:19.412083881Z" level=error msg="0000:18:00.0: PCI peer-to-peer transactions on BARs are not supported." name=containerd-shim-v2 pid=129231',
        origin: 'https://github.com/kata-containers/kata-containers/issues/12289',
        facts: { bdf: '0000:18:00.0' },
      },
      {
        text: '0000:01:00.0: PCI peer-to-peer transactions on BARs are not supported.',
        origin: 'https://github.com/kata-containers/kata-containers/issues/12861',
        facts: { bdf: '0000:01:00.0' },
      },
      { text: 'qemu-system-x86_64: failed to vfio_dma_map. pci p2p may not work', origin: BUILT },
    ],
  },
  {
    id: 'qemu.iova-outside-host-window',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/common.c vfio_listener_region_add() (newer: hw/vfio/spapr.c vfio_spapr_container_add_section_window())',
    format: "Container %p can't map guest IOVA region 0x%lx..0x%lx",
    patterns: [
      /Container 0x[0-9a-fA-F]{1,16} can't map guest IOVA region 0x(?<start>[0-9a-fA-F]{1,16})\.\.0x(?<end>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'Guest memory lies outside the host DMA window',
    cause:
      'the container only translates IOVAs inside its DMA windows (sPAPR TCE windows on POWER, or the window a vfio-user server announces); a guest RAM or ROM region falls outside them, so it cannot be mapped and QEMU stops',
    fix: 'on POWER let QEMU create the DDW (64-bit window) or reduce guest RAM; for vfio-user check the DMA window the server reports',
    render: { prefix: QEMU, args: ['0x55a057183400', 0xc0000, 0xcffff] },
    examples: [
      {
        text: "qemu-system-x86_64: Container 0x55a057183400 can't map guest IOVA region 0xc0000..0xcffff",
        origin: 'https://github.com/oracle/qemu/pull/1',
        facts: { start: 'c0000', end: 'cffff' },
      },
    ],
  },
  {
    id: 'qemu.dma-mapping-fatal',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_container_region_add() (older: hw/vfio/common.c vfio_listener_region_add())',
    format: 'vfio: DMA mapping failed, unable to continue',
    patterns: [/vfio: DMA mapping failed, unable to continue/],
    severity: 'error',
    title: 'QEMU stopped: guest memory added at run time could not be mapped',
    cause:
      'a RAM mapping failed after the VM started (memory hotplug, a new RAM region, a ROM BAR enabled by the guest), and QEMU cannot run with unmapped guest RAM, so it aborts (hw_error); the vfio_dma_map line before it has the errno, usually -12 from the locked-memory limit sized for the boot RAM only',
    fix: 'size the memlock limit for the maximum memory (maxMemory), and read the errno of the preceding mapping line',
    render: { prefix: QEMU, args: [] },
    examples: [
      {
        text: 'qemu: hardware error: vfio: DMA mapping failed, unable to continue',
        origin: 'https://github.com/oracle/qemu/pull/1',
      },
      { text: 'qemu: hardware error: vfio: DMA mapping failed, unable to continue', origin: BUILT },
    ],
  },
  {
    id: 'qemu.dma-unmap-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_listener_region_del() (older: hw/vfio/common.c)',
    format: 'vfio_container_dma_unmap(%p, 0x%lx, 0x%lx) = %d (%s)',
    versions: 'QEMU 9.x+: vfio_container_dma_unmap; older: vfio_dma_unmap(%p, 0x%lx, 0x%lx) = %d (%m)',
    patterns: [
      /(?:vfio_container_dma_unmap|vfio_dma_unmap)\(0x[0-9a-fA-F]{1,16}, 0x(?<iova>[0-9a-fA-F]{1,16}), 0x(?<size>[0-9a-fA-F]{1,16})\) = (?<errno>-\d{1,3})/,
      // hw/vfio/container.c vfio_legacy_dma_unmap(): error_report("VFIO_UNMAP_DMA failed: %s")
      /VFIO_UNMAP_DMA failed: (?<err>[A-Z][A-Za-z /-]{2,60})/,
      // QEMU before 2.x-4.x hw/vfio/common.c vfio_dma_unmap(): error_report("VFIO_UNMAP_DMA: %d", -errno)
      /VFIO_UNMAP_DMA: (?<errno>-\d{1,3})\b/,
      // backends/iommufd.c iommufd_backend_unmap_dma(): error_report("IOMMU_IOAS_UNMAP failed: %m")
      /IOMMU_IOAS_UNMAP failed: (?<err>[A-Z][A-Za-z /-]{2,60})/,
    ],
    refine: refineDmaUnmap,
    severity: 'warning',
    title: 'A DMA unmapping failed',
    cause:
      'removing a range from the host IOMMU failed, usually for a range whose mapping had failed before (a BAR) or at shutdown; it is a follow-up of an earlier mapping error, not a cause by itself',
    fix: 'look for the first vfio_dma_map error in the log; -22 on a range that ends at the top of the 64-bit address space (often at a reset of a guest with a vIOMMU) is a host kernel bug fixed in Linux 5.0; other -22 repeated at run time means the guest memory layout changed under VFIO (report it with the QEMU version)',
    render: { prefix: QEMU, args: ['0x55e4a6b1c2d0', 0xfe000000, 0x1000000, -22, 'Invalid argument'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio_dma_unmap(0x5596ed3a0e50, 0x383800000000, 0x10000000) = -22 (Invalid argument)',
        origin: BUILT,
        facts: { errno: '-22' },
      },
      {
        text: 'qemu-system-x86_64: vfio_dma_unmap(0x55d0c1a2b3c0, 0xfee00000, 0xffffffff01200000) = -22 (Invalid argument)',
        origin: BUILT,
        facts: { iova: 'fee00000', size: 'ffffffff01200000', errno: '-22' },
      },
      { text: 'qemu-system-x86_64: VFIO_UNMAP_DMA: -22', origin: BUILT, facts: { errno: '-22' } },
      {
        text: 'qemu-kvm: IOMMU_IOAS_UNMAP failed: No such file or directory',
        origin: BUILT,
        facts: { err: 'No such file or directory' },
      },
    ],
  },
  {
    id: 'qemu.iommufd-map-failed',
    source: 'qemu',
    cite: 'qemu/qemu backends/iommufd.c iommufd_backend_map_dma()',
    format: 'IOMMU_IOAS_MAP failed: %m, PCI BAR?',
    versions:
      'QEMU 9.0+ with an iommufd object; errno EFAULT is a warning ("PCI BAR?"), others "IOMMU_IOAS_MAP failed: %m"',
    patterns: [/IOMMU_IOAS_MAP failed: (?<err>[^,\n]{1,60})(?<bar>, PCI BAR\?)?/],
    severity: 'error',
    title: 'iommufd could not map guest memory',
    cause:
      'IOMMU_IOAS_MAP failed; "Cannot allocate memory" is the locked-memory limit (iommufd charges it to the process, including BARs on some kernels)',
    fix: 'raise RLIMIT_MEMLOCK of QEMU above guest RAM plus the BAR sizes, or give it CAP_IPC_LOCK',
    refine: (f) => {
      if (f.bar !== undefined || errnoName(f) === 'EFAULT')
        return {
          severity: 'warning',
          title: 'iommufd could not map a BAR (peer-to-peer only)',
          cause:
            'a BAR of an assigned device (MMIO without struct pages) cannot be pinned through IOMMU_IOAS_MAP; only peer-to-peer DMA between assigned devices is affected, the VM runs',
          fix: 'nothing for a single device; for P2P use a kernel (6.19+) and QEMU that map BARs through VFIO dma-buf',
        };
      return dmaRefine({ errno: f.err ?? '' });
    },
    render: { prefix: `${QEMU}warning: `, args: ['Bad address'] },
    examples: [
      {
        text: 'Feb 19 13:46:44 xi kata[15969]: time="2026-02-19T13:46:44.457589851+01:00" level=warning msg="qemu-system-x86_64: IOMMU_IOAS_MAP failed: Bad address, PCI BAR?" name=containerd-shim-v2 pid=15969',
        origin: 'https://github.com/kata-containers/kata-containers/issues/12549',
        facts: { err: 'Bad address' },
      },
      {
        text: 'qemu-system-x86_64: IOMMU_IOAS_MAP failed: Cannot allocate memory',
        origin: BUILT,
        facts: { err: 'Cannot allocate memory' },
      },
    ],
  },
  {
    id: 'qemu.dma-mappings-exhausted',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_ram_discard_register_listener() (older: hw/vfio/common.c vfio_register_ram_discard_listener())',
    format:
      "%s: possibly running out of DMA mappings. E.g., try increasing the 'block-size' of virtio-mem devies. Maximum possible DMA mappings: %d, Maximum possible memslots: %d",
    patterns: [
      /possibly running out of DMA mappings\. E\.g\., try increasing the 'block-size' of virtio-mem devies\. Maximum possible DMA mappings: (?<max>\d+)/,
    ],
    severity: 'warning',
    title: 'virtio-mem with VFIO may exhaust the DMA mappings',
    cause:
      'each plugged virtio-mem block is one VFIO mapping, and type1 allows dma_entry_limit (65535) per container; with small blocks and many memory slots the guest could run out',
    fix: 'raise the virtio-mem block-size (e.g. block-size=2M or larger), or options vfio_iommu_type1 dma_entry_limit=N',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=b0:00.0: warning: `,
      args: ['vfio_register_ram_discard_listener', 65535, 32764],
    },
    examples: [
      {
        text: "qemu-system-x86_64: -device vfio-pci,host=b0:00.0,bus=pci.1: warning: vfio_register_ram_discard_listener: possibly running out of DMA mappings. E.g., try increasing the 'block-size' of virtio-mem devies. Maximum possible DMA mappings: 65535, Maximum possible memslots: 32764",
        origin: 'https://github.com/NVIDIA/nvtrust/issues/46',
        facts: { max: '65535' },
      },
    ],
  },
  {
    id: 'qemu.viommu-discard-warning',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_translate_iotlb() (older: hw/vfio/common.c vfio_get_xlat_addr())',
    format:
      "Using vfio with vIOMMUs and coordinated discarding of RAM (e.g., virtio-mem) works, however, malicious guests can trigger pinning of more memory than intended via an IOMMU. It's possible to mitigate  by setting/adjusting RLIMIT_MEMLOCK.",
    patterns: [/Using vfio with vIOMMUs and coordinated discarding of RAM/],
    severity: 'info',
    title: 'vIOMMU plus virtio-mem with VFIO (informational)',
    cause:
      'printed once when a guest with a virtual IOMMU maps memory managed by virtio-mem; a malicious guest could pin more memory than it was given. It is a notice, not a failure',
    fix: 'nothing needed for trusted guests; the locked-memory limit bounds what a guest can pin',
    render: { prefix: `${QEMU}warning: `, args: [] },
    examples: [
      {
        text: "qemu-system-x86_64: warning: Using vfio with vIOMMUs and coordinated discarding of RAM (e.g., virtio-mem) works, however, malicious guests can trigger pinning of more memory than intended via an IOMMU. It's possible to mitigate  by setting/adjusting RLIMIT_MEMLOCK.",
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.unaligned-region',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/listener.c vfio_listener_valid_section() (older: hw/vfio/common.c vfio_listener_region_add())',
    format:
      '%s received unaligned region %s iova=0x%lx offset_within_region=0x%lx qemu_real_host_page_size=0x%lx',
    versions: 'QEMU 7.1+ names the region and offsets; QEMU ≤ 7.0: "%s received unaligned region"',
    patterns: [
      /vfio_listener_(?:region_add|region_del|valid_section) received unaligned region(?: (?<region>[^\s]{1,80}))?/,
    ],
    severity: 'warning',
    title: 'A memory region could not be mapped for DMA (unaligned)',
    cause:
      "a guest memory region is not aligned to the host page size, so VFIO skips it; devices cannot DMA into it. Usually an emulated device's small MMIO/RAM window (a TPM CRB buffer is known and silenced since QEMU 8.2); harmless unless an assigned device must reach that region",
    fix: 'ignore it unless the named region is RAM an assigned device uses; on hosts with 64 KiB pages (arm64) check that guest RAM and ROM sizes are multiples of 64 KiB',
    render: {
      prefix: `${QEMU}`,
      args: ['vfio_listener_region_add', 'tpm-crb-cmd', 0xfed40080, 0x80, 0x1000],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio_listener_region_add received unaligned region tpm-crb-cmd iova=0xfed40080 offset_within_region=0x80 qemu_real_host_page_size=0x1000',
        origin: BUILT,
        facts: { region: 'tpm-crb-cmd' },
      },
    ],
  },
  {
    id: 'qemu.kvm-vfio-device',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/helpers.c vfio_kvm_device_add_fd() (older: hw/vfio/common.c vfio_kvm_device_add_group())',
    format: 'Failed to add fd %d to KVM VFIO device',
    versions:
      'QEMU 8.2+: "Failed to create KVM VFIO device: %m" / "Failed to add fd N to KVM VFIO device: %m" (prefixed "group ID N: "); older: "Failed to add group N to KVM VFIO device: %m"',
    patterns: [
      /Failed to (?:add (?:fd|group) (?<n>\d+) to|create) KVM VFIO device(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'warning',
    title: 'KVM was not told about the VFIO group',
    cause:
      'the KVM-VFIO pseudo device could not be created or given the group: KVM built without CONFIG_KVM_VFIO, or no KVM (TCG). Without it KVM cannot keep coherent DMA right for devices that do non-coherent DMA (some GPUs on Intel) and mdev vendor drivers (NVIDIA vGPU, GVT-g) that need the KVM reference fail',
    fix: 'run with -accel kvm on a kernel with KVM VFIO support (all distribution kernels have it); for mdev devices this must work',
    refine: (f) =>
      errnoName(f) === 'EINVAL'
        ? {
            cause:
              "KVM_DEV_VFIO_FILE_ADD (KVM_DEV_VFIO_GROUP_ADD in older kernels) returned EINVAL: KVM did not accept the descriptor as a VFIO file. KVM does not link against VFIO; it looks VFIO's functions up at run time (symbol_get() of vfio_file_is_valid, vfio_file_is_group in older kernels, in virt/kvm/vfio.c), and when that look-up fails it answers EINVAL for any descriptor. So the kernel has KVM but cannot see VFIO's exports: a kernel built with CONFIG_TRIM_UNUSED_KSYMS (which drops exports no in-tree module uses at link time — symbol_get() users do not count), or KVM and VFIO from different kernel builds; rarely, a VMM passing a descriptor that is not a VFIO group or device",
            fix: 'on a self-built kernel turn off CONFIG_TRIM_UNUSED_KSYMS or list the VFIO exports in CONFIG_UNUSED_KSYMS_WHITELIST (vfio_file_is_valid, vfio_file_enforced_coherent, vfio_file_set_kvm, vfio_file_is_group, vfio_file_iommu_group); make sure kvm and the vfio modules come from the same kernel build (`modinfo -F vermagic kvm vfio`)',
          }
        : undefined,
    render: { prefix: `${QEMU}group ID 14: `, args: [9] },
    examples: [
      {
        text: 'qemu-system-x86_64: Failed to add group 14 to KVM VFIO device: Invalid argument',
        origin: BUILT,
        facts: { n: '14', err: 'Invalid argument' },
      },
    ],
  },
  // ---- vfio-pci device (hw/vfio/pci.c) ----
  {
    id: 'qemu.bar-mmap-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_bar_register()',
    format: 'Failed to mmap %s BAR %d. Performance may be slow',
    patterns: [new RegExp(`Failed to mmap ${DEV_NAME} BAR (?<bar>\\d+)\\. Performance may be slow`)],
    severity: 'warning',
    title: 'BAR not mapped into the guest (slow path)',
    cause:
      'QEMU could not mmap the BAR, usually because a host driver still holds part of it: a firmware framebuffer (efifb, vesafb, simplefb, BOOTFB) in /proc/iomem, so vfio-pci could not reserve the region',
    fix: 'find the holder in /proc/iomem (as root); boot with video=efifb:off video=vesafb:off, and initcall_blacklist=sysfb_init on 5.15+ kernels',
    render: { prefix: QEMU, args: ['0000:01:00.0', 1] },
    examples: [
      {
        text: 'qemu-system-x86_64: Failed to mmap 0000:01:00.0 BAR 1. Performance may be slow',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', bar: '1' },
      },
      {
        // a mediated device is named by its UUID (vbasedev.name)
        text: 'qemu-system-x86_64: Failed to mmap 00000000-0000-0000-0000-000000000102 BAR 1. Performance may be slow',
        origin: BUILT,
        facts: { mdev: '00000000-0000-0000-0000-000000000102', bar: '1' },
      },
    ],
  },
  {
    id: 'qemu.rom-contents-invalid',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_load_rom()',
    format:
      'Device option ROM contents are probably invalid (check dmesg).\nSkip option ROM probe with rombar=0, or load from file with romfile=\n',
    patterns: [/Device option ROM contents are probably invalid \(check dmesg\)/],
    severity: 'warning',
    title: "QEMU could not read the device's option ROM",
    cause:
      'the ROM region read back empty: the kernel found no valid ROM (see the "Invalid PCI ROM header signature" line in dmesg)',
    fix: 'load the ROM from a file (romfile=/path/vbios.rom, check it with `vfiokit rom parse`), or skip it with rombar=0 if the guest does not need it',
    render: { prefix: '', args: [] },
    examples: [{ text: 'Device option ROM contents are probably invalid (check dmesg).', origin: BUILT }],
  },
  {
    id: 'qemu.cannot-read-rom',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_load_rom()',
    format: 'vfio-pci: Cannot read device rom at %s',
    patterns: [new RegExp(`vfio-pci: Cannot read device rom at ${BDF}`)],
    severity: 'warning',
    title: 'ROM region of size 0',
    cause:
      'vfio-pci reported a zero-size ROM region for the device: no ROM BAR, or a ROM the kernel could not read',
    fix: "pass romfile= with a dump of the card's ROM (vfiokit rom dump as root, before any driver touches the card; check it with `vfiokit rom parse`), or rombar=0",
    render: { prefix: QEMU, args: ['0000:02:00.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio-pci: Cannot read device rom at 0000:02:00.0',
        origin: BUILT,
        facts: { bdf: '0000:02:00.0' },
      },
    ],
  },
  {
    id: 'qemu.rom-read-error',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_load_rom()',
    format: 'vfio: Error reading device ROM: %m',
    versions: 'also "vfio: Error getting ROM info: %m" when VFIO_DEVICE_GET_REGION_INFO for the ROM fails',
    patterns: [/vfio: Error (?:reading device ROM|getting ROM info): (?<err>[^\n"'\\)]{1,80})/],
    severity: 'warning',
    title: "Reading the device's ROM through VFIO failed",
    cause:
      'the pread of the ROM region failed: the kernel could not map the ROM BAR (it overlaps another BAR or was not assigned an address), or the device is not responding; the guest gets no ROM from the device',
    fix: 'give QEMU a ROM file (romfile=, dumped on a host where the card is not the boot GPU; check it with `vfiokit rom parse`), or rombar=0 if the guest needs none',
    render: { prefix: QEMU, args: ['Input/output error'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: Error reading device ROM: Input/output error',
        origin: BUILT,
        facts: { err: 'Input/output error' },
      },
    ],
  },
  {
    id: 'qemu.rom-denylisted',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_bar_prepare()/vfio_pci_size_rom() (vfio_opt_rom_in_denylist())',
    format: 'Rom loading for device at %s has been disabled due to system instability issues',
    versions:
      'with romfile= or rombar=1 given QEMU instead says "Device at %s is known to cause system instability issues during option rom execution" and proceeds',
    patterns: [
      new RegExp(`Rom loading for device at ${BDF} has been disabled due to system instability issues`),
      new RegExp(`Device at ${BDF} is known to cause system instability issues during option rom execution`),
    ],
    severity: 'info',
    title: "QEMU skips this device's option ROM on purpose",
    cause:
      "the device is on QEMU's ROM deny list (Broadcom BCM57810 family), whose option ROM hangs guests during execution; QEMU hides the ROM unless told otherwise. Harmless unless the guest must boot from the device",
    fix: 'nothing needed; to force it give romfile= or rombar=1 (at your own risk)',
    render: { prefix: QEMU, args: ['0000:04:00.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: Rom loading for device at 0000:04:00.0 has been disabled due to system instability issues',
        origin: BUILT,
        facts: { bdf: '0000:04:00.0' },
      },
    ],
  },
  {
    id: 'qemu.stuck-in-d3',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_pre_reset()',
    format: 'vfio: Unable to power on device, stuck in D%d',
    patterns: [/vfio: Unable to power on device, stuck in D(?<state>\d)/],
    severity: 'error',
    title: 'Device stuck in D3 at VM reset',
    cause:
      "the device did not return to D0 before the reset. QEMU reads D3 both from a device in D3hot (put there by the guest driver, or by the host's runtime power management while no VM used it) and from one that no longer answers config space at all (all-ones: powered off in D3cold by the host, or lost after a failed reset)",
    fix: 'keep the host from suspending idle devices: options vfio_pci disable_idle_d3=1 (and echo on > /sys/bus/pci/devices/BDF/power/control); if it persists the device needs a host power cycle',
    refine: refineStuckInD3,
    render: { prefix: QEMU, args: [3] },
    examples: [
      {
        text: 'kvm: vfio: Unable to power on device, stuck in D3',
        origin: 'https://github.com/cosminmocan/vfio-single-amdgpu-passthrough/issues/3',
        facts: { state: '3' },
      },

      {
        text: 'qemu-system-x86_64: vfio: Unable to power on device, stuck in D3',
        origin: BUILT,
        facts: { state: '3' },
      },
    ],
  },
  {
    id: 'qemu.no-reset-mechanism',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_get_pci_hot_reset_info() (older: vfio_pci_hot_reset())',
    format: 'vfio: Cannot reset device %s, no available reset mechanism.',
    patterns: [new RegExp(`vfio: Cannot reset device ${BDF}, no available reset mechanism`)],
    severity: 'warning',
    title: 'Device cannot be reset',
    cause:
      'the device has no FLR or PM reset and no usable bus reset: integrated chipset functions on the root bus (00:1f.3 audio, 00:14.0 USB) can never be bus-reset, and a card sharing its bus with other devices cannot be reset alone. QEMU prints this at VM start and reset; the device still works if its guest driver copes with the state it finds, but state can leak from one VM run to the next. One kernel regression printed it for cards that reset fine before: stable releases of April 2025 (6.12.23 among them) carried "PCI: Avoid reset when disabled via sysfs" (upstream 479380efe162), which made pci_bus_resettable()/pci_slot_resettable() refuse a bus or slot reset whenever any function on it had no reset method of its own (a GPU audio function without FLR was enough); the next stable releases reverted it (6.1.135 among them)',
    fix: 'often harmless for chipset audio/USB; for a card, put it alone behind its own root port so a bus reset works, assign all functions of the group, or expect to reboot the host between VM runs when the device hangs. If it appeared right after a kernel update for a card that reset before, update past the regressed stable release (or boot the previous kernel)',
    render: { prefix: QEMU, args: ['0000:03:00.1'] },
    examples: [
      {
        text: 'kvm: vfio: Cannot reset device 0000:00:1f.3, no available reset mechanism.',
        origin: 'https://github.com/gangqizai/igd/issues/17',
        facts: { bdf: '0000:00:1f.3' },
      },
      {
        text: 'qemu-system-x86_64: vfio: Cannot reset device 0000:00:1f.3, no available reset mechanism.',
        origin: 'https://github.com/ryanprescott/realtek-verb-tools/issues/2',
        facts: { bdf: '0000:00:1f.3' },
      },
      {
        text: 'qemu-system-x86_64: vfio: Cannot reset device 0000:00:14.0, no available reset mechanism.',
        origin: 'https://github.com/ra1nstorm/ra1nstorm-helper/issues/103',
        facts: { bdf: '0000:00:14.0' },
      },

      {
        text: 'qemu-system-x86_64: vfio: Cannot reset device 0000:03:00.1, no available reset mechanism.',
        origin: BUILT,
        facts: { bdf: '0000:03:00.1' },
      },
    ],
  },
  {
    id: 'qemu.hot-reset-group-not-owned',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_hot_reset() (newer: hw/vfio/container.c vfio_legacy_pci_hot_reset())',
    format: 'vfio: Cannot reset device %s, depends on group %d which is not owned.',
    patterns: [
      new RegExp(`vfio: Cannot reset device ${BDF}, depends on group (?<group>\\d+) which is not owned`),
    ],
    severity: 'warning',
    title: 'Bus reset needs another group',
    cause:
      "QEMU falls back to a bus (hot) reset only when the device's own reset (FLR, PM reset through VFIO_DEVICE_RESET) is missing or failed, and a secondary bus reset would also reset devices of another IOMMU group that this VM does not own (typically the GPU audio function in its own group), so the device is not reset. For an SR-IOV VF (which always has FLR, its PF in another group) it means the VF's reset failed because the host was removing it at that moment — sriov_numvfs set to 0 or the PF driver unbinding holds the device lock, so the try-lock reset gives up — and then the line is harmless: the VF is going away",
    fix: 'for a card: assign every function of the card to the same VM (GPU and audio), so QEMU owns all affected groups; for a VF being removed by the host: nothing to do (detach it from the VM before removing VFs to avoid the noise)',
    render: { prefix: QEMU, args: ['0000:01:00.1', 14] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: Cannot reset device 0000:01:00.1, depends on group 14 which is not owned.',
        origin: BUILT,
        facts: { bdf: '0000:01:00.1', group: '14' },
      },
    ],
  },
  {
    id: 'qemu.hot-reset-info-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_get_pci_hot_reset_info() (older: vfio_pci_hot_reset())',
    format: 'vfio: hot reset info failed: %m',
    patterns: [/vfio: hot reset info failed: (?<err>[^\n"'\\)]{1,80})/],
    severity: 'warning',
    title: 'The kernel reports no bus reset for the device',
    cause:
      'VFIO_DEVICE_GET_PCI_HOT_RESET_INFO failed ("No such device" when neither the slot nor the bus can be reset): the device sits on a root bus (integrated), behind a bridge that cannot do a secondary bus reset, or on a bus marked no-reset, so QEMU cannot bus-reset it',
    fix: 'expect no reset between VM runs unless the device has FLR; moving the card to a slot behind its own root port usually makes a bus reset possible',
    render: { prefix: QEMU, args: ['Operation not supported'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: hot reset info failed: No such device',
        origin: BUILT,
        facts: { err: 'No such device' },
      },
    ],
  },
  {
    id: 'qemu.intx-setup-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_irq_set_signaling() via hw/vfio/pci.c vfio_intx_enable() (older: hw/vfio/pci.c vfio_intx_enable())',
    format: 'vfio: Error: Failed to setup INTx fd: %m',
    versions:
      'QEMU ≤ 4.0: "vfio: Error: Failed to setup INTx fd: %m"; QEMU 4.1+: "vfio BDF: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: %m"',
    patterns: [
      /Failed to setup INTx fd: (?<err>[^\n"'\\)]{1,80})/,
      /Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'error',
    title: 'The legacy interrupt (INTx) of the device could not be set up',
    cause:
      'vfio-pci could not take the device\'s INTx line; with "Device or resource busy" the line is shared with another device and this one cannot mask its INTx (no DisINTx support, or vfio-pci nointxmask=1), so vfio-pci needs the line exclusively and another driver holds it',
    fix: 'find who shares the IRQ (cat /proc/interrupts; lspci -v shows "IRQ N"); move the card to another slot, unbind the other device, or make the guest driver use MSI (most GPUs do once the driver loads)',
    refine: (f) => {
      const e = errnoName(f);
      if (e === 'EBUSY' || e === undefined) return undefined;
      if (e === 'EINVAL')
        return {
          cause:
            'VFIO_DEVICE_SET_IRQS refused INTx with EINVAL: vfio-pci accepts an INTx trigger only while no other interrupt index is active, so the kernel still had MSI or MSI-X enabled for the device when QEMU switched back to INTx (the guest disabled MSI-X, e.g. at a driver unload, a reboot or a guest that enables MSI-X with no vectors). QEMU 8.1 to 8.2.1 left the MSI-X index set in that case (a regression of its dynamic MSI-X allocation), fixed in QEMU 8.2.2 and 9.0 ("vfio/pci: Clear MSI-X IRQ index always"); the device\'s INTx then stays dead in the guest',
          fix: 'update QEMU to 8.2.2 / 9.0 or later (or a distribution build with that fix); with another VMM, disable the MSI/MSI-X index (VFIO_DEVICE_SET_IRQS with count 0) before enabling INTx',
        };
      return {
        cause: `VFIO_DEVICE_SET_IRQS for INTx failed with ${e}: the device has no usable INTx (pin 0 or a dead device), or its driver state is broken (${e === 'EPERM' ? 'the vfio-user server or vendor driver refused' : 'see dmesg'})`,
      };
    },
    render: { prefix: QEMU, args: ['Device or resource busy'] },
    examples: [
      {
        text: 'After Restart got Error: "Failed to setup INTx fd: Operation not Permitted"',
        origin: 'https://github.com/ra1nstorm/ra1nstorm-helper/issues/16',
        facts: { err: 'Operation not Permitted' },
      },

      {
        text: 'qemu-system-x86_64:/var/snap/lxd/common/lxd/logs/v1/qemu.conf:265: vfio 0000:04:00.0: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: Device or resource busy',
        origin: 'https://github.com/canonical/lxd/pull/10710',
        facts: { bdf: '0000:04:00.0', err: 'Device or resource busy' },
      },
      {
        text: 'qemu-system-x86_64: vfio 00000000-0000-0000-0000-000000000000: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: Operation not permitted',
        origin: 'https://github.com/nutanix/libvfio-user/issues/34',
        facts: { err: 'Operation not permitted' },
      },
      {
        text: 'qemu-system-x86_64: vfio: Error: Failed to setup INTx fd: Device or resource busy',
        origin: BUILT,
        facts: { err: 'Device or resource busy' },
      },
      {
        text: 'qemu-system-x86_64: vfio 0000:06:00.0: Failed to set up TRIGGER eventfd signaling for interrupt INTX-0: VFIO_DEVICE_SET_IRQS failure: Invalid argument',
        origin: BUILT,
        facts: { bdf: '0000:06:00.0', err: 'Invalid argument' },
      },
    ],
  },
  {
    id: 'qemu.irq-signaling-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/device.c vfio_device_irq_set_signaling() (older: hw/vfio/helpers.c, hw/vfio/common.c vfio_set_irq_signaling())',
    format: 'Failed to %s %s eventfd signaling for interrupt ',
    versions:
      'QEMU 4.1+; the text continues "MSI-N: ", "MSIX-N: ", "ERR-0: " or "REQ-0: ", then "VFIO_DEVICE_SET_IRQS failure: %m"',
    patterns: [
      /Failed to (?<action>set up|tear down) (?:TRIGGER|MASK|UNMASK|UNKNOWN ACTION) eventfd signaling for interrupt (?!INTX)(?:(?<irq>MSIX|MSI|ERR|REQ|index \d{1,2})(?:-(?<vector>\d{1,4}))?)?/,
    ],
    severity: 'warning',
    title: 'An interrupt of the device could not be wired up',
    cause:
      'VFIO_DEVICE_SET_IRQS failed for an MSI/MSI-X vector or for the error/request notification; for ERR and REQ it is harmless (no AER forwarding or no release request, see those entries); for MSI/MSI-X the host ran out of interrupt vectors or the device is not responding',
    fix: 'for MSI/MSI-X read dmesg (vector allocation, interrupt remapping table full) and the errno; ERR/REQ failures need no action',
    refine: (f) =>
      f.irq === 'ERR' || f.irq === 'REQ'
        ? {
            severity: 'info',
            cause: `the ${f.irq === 'ERR' ? 'error (AER) notification' : 'device-request notification'} could not be enabled; the device works, only ${f.irq === 'ERR' ? 'uncorrectable errors are not forwarded to the guest' : 'the host cannot ask QEMU to release the device (unbinding it while the VM runs blocks)'}`,
          }
        : undefined,
    render: { prefix: `${QEMU}vfio 0000:01:00.0: `, args: ['set up', 'TRIGGER'] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-user-pci,socket=/var/run/muser/domain/muser0/8/cntrl: vfio VFIO user </var/run/muser/domain/muser0/8/cntrl>: Failed to set up TRIGGER eventfd signaling for interrupt ERR-0: VFIO2',
        origin: 'https://github.com/nutanix/libvfio-user/issues/71',
        facts: { irq: 'ERR' },
      },
      {
        text: 'qemu-system-x86_64: vfio 0000:01:00.0: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-3: VFIO_DEVICE_SET_IRQS failure: No space left on device',
        origin: BUILT,
        facts: { irq: 'MSIX', vector: '3' },
      },
    ],
  },
  {
    id: 'qemu.intx-kvm-accel-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_intx_enable_kvm()',
    format: 'failed to setup resample irqfd',
    versions:
      'QEMU ≤ 4.0: "vfio: Error: Failed to setup resample irqfd: %m"; later a warning "vfio BDF: failed to setup resample irqfd: %m"',
    patterns: [
      /[Ff]ailed to setup resample irqfd(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /vfio: Error: event_notifier_init failed eoi/,
    ],
    severity: 'warning',
    title: 'INTx runs without KVM acceleration',
    cause:
      'KVM could not take over the level-triggered interrupt (irqfd with resample), so every INTx goes through QEMU: slower, but correct. Causes: a kernel without KVM irqfd resampling, or a guest IRQ route KVM cannot handle (split irqchip)',
    fix: 'usually harmless; for interrupt-heavy devices make the guest driver use MSI/MSI-X',
    render: { prefix: `${QEMU}warning: vfio 0000:01:00.0: `, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: warning: vfio 0000:01:00.0: failed to setup resample irqfd: Invalid argument',
        origin: BUILT,
        facts: { err: 'Invalid argument' },
      },
    ],
  },
  {
    id: 'qemu.msi-setup-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msi_enable() / vfio_msix_vector_do_use()',
    format: 'vfio: Error: Failed to setup MSI fds: %m',
    versions:
      'also "vfio: Error: Failed to enable MSI", "vfio: failed to enable vectors, %d" (MSI-X); newer releases prefix "vfio BDF: "',
    patterns: [
      /vfio: Error: Failed to setup MSI fds(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /vfio: Error: Failed to enable MSI\b/,
      /vfio: failed to enable vectors, (?<errno>-?\d{1,4})/,
    ],
    severity: 'error',
    title: 'MSI/MSI-X interrupts of the device could not be enabled',
    cause:
      'the host could not allocate or route the interrupt vectors the guest enabled: interrupt-remapping table or vector space exhausted (many VFs/queues), or the device stopped responding during the change',
    fix: 'check dmesg around the time the guest driver loaded; reduce queues/vectors in the guest driver; if the device is dead a host reboot is needed',
    render: { prefix: QEMU, args: ['No space left on device'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: Error: Failed to setup MSI fds: No space left on device',
        origin: BUILT,
        facts: { err: 'No space left on device' },
      },
      {
        text: 'qemu-system-x86_64: vfio: failed to enable vectors, -1',
        origin: BUILT,
        facts: { errno: '-1' },
      },
    ],
  },
  {
    id: 'qemu.msi-vectors-retry',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msi_enable()',
    format: 'vfio: Error: Failed to enable %d MSI vectors, retry with %d',
    patterns: [/vfio: Error: Failed to enable (?<want>\d{1,4}) MSI vectors, retry with (?<got>\d{1,4})/],
    severity: 'info',
    title: 'Fewer MSI vectors than the guest asked for (QEMU retries)',
    cause:
      'the host granted fewer MSI vectors than the guest programmed, and QEMU retries with the number the host offered; the device works with fewer vectors',
    fix: 'nothing needed; many guest drivers fall back to fewer vectors or to a shared vector',
    render: { prefix: QEMU, args: [8, 1] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: Error: Failed to enable 8 MSI vectors, retry with 1',
        origin: BUILT,
        facts: { want: '8', got: '1' },
      },
    ],
  },
  {
    id: 'qemu.bar-read-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_bar_prepare()',
    format: 'vfio: Failed to read BAR %d (%m)',
    patterns: [/vfio: Failed to read BAR (?<bar>\d) \((?<err>[^)\n]{1,60})\)/],
    severity: 'error',
    title: 'A BAR register of the device could not be read',
    cause:
      "QEMU reads each BAR register through the config region to learn its type; the read failed, so the device's config space is not accessible: it is powered down (D3cold) or has dropped off the bus",
    fix: 'check `lspci -s BDF -vv` and dmesg for power-state or reset errors; a device that reads all ones needs a host power cycle',
    render: { prefix: QEMU, args: [0, 'Input/output error'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio: Failed to read BAR 0 (Input/output error)',
        origin: BUILT,
        facts: { bar: '0', err: 'Input/output error' },
      },
    ],
  },
  {
    id: 'qemu.msix-pba-outside-bar',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_msix_early_setup()',
    format: 'hardware reports invalid configuration, MSIX PBA outside of specified BAR',
    patterns: [/hardware reports invalid configuration, MSIX PBA outside of specified BAR/],
    severity: 'error',
    title: "The device's MSI-X capability is inconsistent",
    cause:
      'the MSI-X Pending Bit Array offset in the capability points past the end of its BAR; QEMU carries quirks for known devices (some Chelsio T5 VFs), other devices with this firmware bug cannot be assigned as is',
    fix: 'update the device firmware; report the vendor:device ID to QEMU so a quirk can be added',
    render: { prefix: `${QEMU}-device vfio-pci,host=0000:02:00.4: vfio 0000:02:00.4: `, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:02:00.4: vfio 0000:02:00.4: hardware reports invalid configuration, MSIX PBA outside of specified BAR',
        origin: BUILT,
        facts: { bdf: '0000:02:00.4' },
      },
    ],
  },
  {
    id: 'qemu.region-access-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/region.c vfio_region_write()/vfio_region_read() (older: hw/vfio/common.c)',
    format: '%s(%s:region%d+0x%lx, 0x%lx,%d) failed: %m',
    versions:
      'the read form is "vfio_region_read(%s:region%d+0x%lx, %d) failed: %m"; QEMU 10.0 moved both to hw/vfio/region.c',
    patterns: [
      /vfio_region_(?<op>write|read)\((?:[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]|[^:()\s]{1,64}):region(?<region>\d{1,2})\+0x(?<offset>[0-9a-fA-F]{1,16}),[^)\n]{1,60}\) failed: (?<err>[^\n"'\\)]{1,80})/,
    ],
    severity: 'error',
    title: 'The guest’s access to a device BAR failed on the host',
    cause:
      'QEMU forwarded a guest read or write of a BAR (region N is BAR N) to vfio-pci and the kernel refused it; the errno says why',
    fix: 'read the errno; check dmesg at the same time for "BAR N: can\'t reserve" or power-state messages',
    refine: (f) => {
      switch (errnoName(f)) {
        case 'EBUSY':
          return {
            cause:
              'vfio-pci could not claim the BAR for itself: another driver holds the memory range (typically a firmware framebuffer, efifb/vesafb/simplefb or BOOTFB, inside the GPU BAR; dmesg shows "vfio-pci BDF: BAR N: can\'t reserve")',
            fix: 'free the range: boot with video=efifb:off video=vesafb:off (and initcall_blacklist=sysfb_init on 5.15+), or make the card not the boot GPU; /proc/iomem (as root) shows the holder',
          };
        case 'EIO':
          return {
            cause:
              'the device did not complete the access: memory decoding is off in its command register (vfio-pci refuses BAR access then, Linux 5.8+), or the device is in a low-power state or has fallen off the bus',
            fix: 'check dmesg for reset or power-state errors; a device that reads all-ones (lspci shows "rev ff") needs a host power cycle',
          };
        case 'EPERM':
        case 'EACCES':
          return {
            cause:
              'the access was refused by the device backend (for vfio-user/mediated devices the server or vendor driver rejected it; for vfio-pci the region does not allow this access)',
          };
        default:
          return undefined;
      }
    },
    render: {
      prefix: QEMU,
      args: ['vfio_region_write', '0000:01:00.0', 1, 0x13820, 0, 4, 'Device or resource busy'],
    },
    examples: [
      {
        text: '2021-03-21T21:45:41.246194Z qemu-system-x86_64: vfio_region_write(0000:26:00.0:region1+0x2d52c8, 0xff000000ff080808,8) failed: Device or resource busy',
        origin: 'https://github.com/joeknock90/Single-GPU-Passthrough/issues/51',
        facts: { op: 'write', region: '1', err: 'Device or resource busy' },
      },

      {
        text: 'qemu-system-x86_64: vfio_region_write(00000000-0000-0000-0000-000000000000:region0+0x14, 0x0,4) failed: Operation not permitted',
        origin: 'https://github.com/nutanix/libvfio-user/issues/34',
        facts: { op: 'write', region: '0', err: 'Operation not permitted' },
      },
      {
        text: 'qemu-system-x86_64: vfio_region_read(00000000-0000-0000-0000-000000000000:region0+0x1c, 4) failed: Timer expired',
        origin: 'https://github.com/nutanix/libvfio-user/issues/34',
        facts: { op: 'read', err: 'Timer expired' },
      },
      {
        text: 'qemu-system-x86_64: vfio_region_write(0000:01:00.0:region1+0x1fc3c0, 0x0,4) failed: Device or resource busy',
        origin: BUILT,
        facts: { region: '1', err: 'Device or resource busy' },
      },
    ],
  },
  {
    id: 'qemu.config-access-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_read_config()/vfio_pci_write_config()',
    format: '%s(%s, 0x%x, 0x%x, 0x%x) failed: %m',
    versions:
      'the read form is "vfio_pci_read_config(%s, 0x%x, 0x%x) failed: %m"; at realize QEMU says "failed to read device config space"',
    patterns: [
      /vfio_pci_(?<op>write|read)_config\([^,()\n]{1,64}, 0x(?<offset>[0-9a-fA-F]{1,4}),[^)\n]{1,40}\) failed: (?<err>[^\n"'\\)]{1,80})/,
      /vfio (?<mdev>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}): failed to read device config space(?:: (?<err>[A-Z][A-Za-z /-]{2,60}))?/,
      /failed to read device config space/,
    ],
    // A mediated device (a UUID, not an address) has no config space of its own: the parent
    // driver emulates it, so a failed read means the vGPU behind it was never set up.
    refine: (f) =>
      f.mdev
        ? {
            title: 'The vGPU (mediated device) did not come up',
            cause:
              'QEMU could not read the config space the vGPU\'s parent driver emulates: the vGPU was not initialised. With NVIDIA vGPU the vGPU manager daemon refused it (its "vmiop_log: error" lines in the journal say why: an unsupported type, a guest/host driver mismatch, missing -uuid); with GVT-g the i915 log says why',
            fix: '`journalctl -u nvidia-vgpu-mgr` (NVIDIA) or dmesg (GVT-g) at the same moment; vfiokit diagnose explains those lines too',
          }
        : undefined,
    severity: 'error',
    title: 'PCI config space of the device is not accessible',
    cause:
      'vfio-pci could not read or write the config space: the device is in D3cold or has fallen off the bus (config reads return all ones), or it was removed or reset underneath QEMU',
    fix: 'check `lspci -s BDF -vv` (header type 7f / rev ff means the device is gone) and dmesg; if it does not come back only a host power cycle helps',
    render: {
      prefix: QEMU,
      args: ['vfio_pci_write_config', '0000:01:00.0', 4, 0x407, 2, 'Input/output error'],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio_pci_write_config(00000000-0000-0000-0000-000000000000, 0x4a, 0x3, 0x2) failed: Operation not permitted',
        origin: 'https://github.com/nutanix/libvfio-user/issues/34',
        facts: { op: 'write', offset: '4a', err: 'Operation not permitted' },
      },
      {
        text: 'qemu-system-x86_64: vfio_pci_read_config(00000000-0000-0000-0000-000000000000, 0x3d, 0x1) failed: Timer expired',
        origin: 'https://github.com/nutanix/libvfio-user/issues/34',
        facts: { op: 'read', err: 'Timer expired' },
      },
      {
        text: 'kvm: -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0000:06:00.0/00000000-0000-0000-0000-000000000100,id=hostpci0,bus=pci.0,addr=0x10: vfio 00000000-0000-0000-0000-000000000100: failed to read device config space: Bad address',
        origin: 'https://github.com/mbilker/vgpu_unlock-rs/issues/6',
        facts: { mdev: '00000000-0000-0000-0000-000000000100', err: 'Bad address' },
      },
    ],
  },
  {
    id: 'qemu.vga-access-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_vga_write()/vfio_vga_read()',
    format: '%s(,0x%lx, 0x%lx, %d) failed: %m',
    versions: 'the read form is "vfio_vga_read(,0x%lx, %d) failed: %m"',
    patterns: [
      /vfio_vga_(?<op>write|read)\(,0x(?<addr>[0-9a-fA-F]{1,16}),[^)\n]{1,40}\) failed: (?<err>[^\n"'\\)]{1,80})/,
    ],
    severity: 'warning',
    title: 'A legacy VGA access (x-vga) failed on the host',
    cause:
      'with x-vga=on QEMU forwards the legacy VGA ranges (0xa0000-0xbffff, ports 0x3b0/0x3c0) to the card through the VFIO VGA region; the host could not route them: the VGA arbiter gave them to another card, or the card does not decode VGA',
    fix: 'prefer OVMF (UEFI) and drop x-vga; if legacy VGA is needed, make the assigned card the only one decoding VGA (vgaarb) and keep the host console on another GPU',
    render: { prefix: QEMU, args: ['vfio_vga_write', 0x3c0, 0, 1, 'Invalid argument'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio_vga_write(,0x3c0, 0x0, 1) failed: Invalid argument',
        origin: BUILT,
        facts: { op: 'write', err: 'Invalid argument' },
      },
    ],
  },
  {
    id: 'qemu.vga-region-missing',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_populate_vga() and vfio_populate_device()',
    format: 'failed getting region info for VGA region index %d',
    versions:
      'QEMU 2.10+ (error_setg_errno, with the hint "device does not support requested feature x-vga"); QEMU ≤ 2.9: "vfio: Device does not support requested feature x-vga"',
    patterns: [
      /failed getting region info for VGA region index (?<index>\d{1,2})(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /[Dd]evice does not support requested feature x-vga/,
    ],
    severity: 'error',
    title: 'x-vga=on but the host offers no VGA region',
    cause:
      'vfio-pci exposes the legacy VGA region only for a VGA-class device when the kernel is built with CONFIG_VFIO_PCI_VGA and vfio-pci is not loaded with disable_vga=1; here VFIO_DEVICE_GET_REGION_INFO for index 8 failed (often "Invalid argument")',
    fix: 'drop x-vga=on and boot the guest with OVMF (UEFI does not need legacy VGA); otherwise use a kernel with CONFIG_VFIO_PCI_VGA=y and check that the device class is 0300 (a 3D controller, 0302, has no VGA)',
    render: { prefix: DEV('0000:01:00.0'), args: [8] },
    examples: [
      {
        text: 'kvm: -device vfio-pci,host=0000:00:02.0,id=hostpci0,bus=pci.0,addr=0x2,romfile=/usr/share/kvm/igd.rom: vfio 0000:00:02.0: failed getting region info for VGA region index 8: Invalid argument',
        origin: 'https://github.com/my33love/gk41-pve-ovmf/issues/3',
        facts: { bdf: '0000:00:02.0', index: '8', err: 'Invalid argument' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-vga=on: vfio 0000:01:00.0: failed getting region info for VGA region index 8: Invalid argument',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0', index: '8', err: 'Invalid argument' },
      },
      { text: 'device does not support requested feature x-vga', origin: BUILT },
    ],
  },
  {
    id: 'qemu.vga-info-unexpected',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_populate_vga()',
    format: 'unexpected VGA info, flags 0x%lx, size 0x%lx',
    patterns: [/unexpected VGA info, flags 0x(?<flags>[0-9a-fA-F]{1,16}), size 0x(?<size>[0-9a-fA-F]{1,16})/],
    severity: 'error',
    title: 'The VGA region the kernel offers is not usable',
    cause:
      'the VFIO VGA region is missing (flags and size 0) or smaller than the legacy VGA window: the device is a mediated device (Intel GVT-g and vGPUs have no legacy VGA) or its vfio driver does not provide the region like vfio-pci does',
    fix: 'drop x-vga=on (with OVMF the guest needs no legacy VGA; a GVT-g vGPU cannot do it at all); for a physical card bind it to the in-tree vfio-pci',
    render: { prefix: DEV('0000:01:00.0'), args: [0, 0] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0000:00:02.0/8afd6be6-3e6a-11e9-ac86-571db62e56d6,rombar=0,display=off,x-igd-opregion=on,x-vga=on: vfio error: 8afd6be6-3e6a-11e9-ac86-571db62e56d6: unexpected VGA info, flags 0x0, size 0x0',
        origin: 'https://github.com/intel/gvt-linux/issues/88',
        facts: { flags: '0', size: '0' },
      },

      {
        text: 'vfio 0000:01:00.0: unexpected VGA info, flags 0x0, size 0x0',
        origin: BUILT,
        facts: { size: '0' },
      },
    ],
  },
  {
    id: 'qemu.pcie-type-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_setup_pcie_cap()',
    format: 'assignment of PCIe type 0x%x devices is not currently supported',
    patterns: [/assignment of PCIe type 0x(?<type>[0-9a-fA-F]{1,2}) devices is not currently supported/],
    severity: 'error',
    title: 'This kind of PCIe function cannot be assigned',
    cause:
      'QEMU assigns endpoints (and integrated endpoints), not ports: type 0x4 is a root port, 0x5/0x6 a switch upstream/downstream port, 0x7/0x8 bridges; the address names a bridge or port instead of the device behind it',
    fix: 'assign the endpoint functions behind the port (lspci -t shows the tree; `vfiokit groups` lists the endpoints of the group)',
    render: { prefix: DEV('0000:00:01.0'), args: [4] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:00:01.0: vfio 0000:00:01.0: assignment of PCIe type 0x4 devices is not currently supported',
        origin: BUILT,
        facts: { type: '4' },
      },
    ],
  },
  {
    id: 'qemu.add-capability-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_add_std_cap()',
    format: 'failed to add PCI capability 0x%x[0x%x]@0x%x: ',
    patterns: [
      /failed to add PCI capability 0x(?<cap>[0-9a-fA-F]{1,2})\[0x[0-9a-fA-F]{1,2}\]@0x(?<offset>[0-9a-fA-F]{1,3})(?![0-9a-fA-F])(?!: table & pba)(?::\s?(?<err>[^\n]{1,120}))?/,
    ],
    severity: 'error',
    title: "QEMU could not rebuild one of the device's capabilities",
    cause:
      'the capability list in config space overlaps itself or another capability (a firmware bug in the device, or a device returning garbage because it is in a bad state); QEMU refuses to expose an inconsistent list',
    fix: 'check `lspci -s BDF -vvv` for the capability list; a device in a bad state needs a reset or power cycle; a firmware bug needs an update',
    render: { prefix: DEV('0000:01:00.0'), args: [0x5, 0xe, 0x68] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to add PCI capability 0x5[0xe]@0x68: ',
        origin: BUILT,
        facts: { cap: '5', offset: '68' },
      },
    ],
  },
  {
    id: 'qemu.msix-table-pba-layout',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/msix.c msix_init() (called from hw/vfio/pci.c vfio_msix_setup())',
    format: "table & pba overlap, or they don't fit in BARs, or don't align",
    patterns: [/table & pba overlap, or they don't fit in BARs, or don't align/],
    severity: 'error',
    title: "QEMU cannot emulate the device's MSI-X table where the device puts it",
    cause:
      "the device's MSI-X table and pending-bit array share a page, overlap or sit outside their BAR as QEMU must emulate them; common with devices that pack both into one small BAR, and on hosts with 64 KiB pages",
    fix: 'let QEMU move the MSI-X structures to their own BAR: x-msix-relocation=auto on the vfio-pci device (libvirt: <qemu:override> or a qemu:arg -set)',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to add PCI capability 0x11[0xc]@0xb0: `,
      args: [],
    },
    examples: [
      {
        text: "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to add PCI capability 0x11[0xc]@0xb0: table & pba overlap, or they don't fit in BARs, or don't align",
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'qemu.intx-pin-assertion',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c pci_irq_handler()',
    format: '0 <= irq_num && irq_num < PCI_NUM_PINS',
    // the backtick is often lost when the line is pasted into Markdown
    patterns: [/pci_irq_handler: Assertion `?0 <= irq_num && irq_num < PCI_NUM_PINS/],
    severity: 'error',
    title: 'QEMU aborted on an impossible interrupt pin: the assigned device reads all ones',
    cause:
      "QEMU read the device's interrupt-pin register as 0xff, which only happens when config space reads return all ones: the device is gone from the bus or stuck in D3cold (a GPU that did not survive a reset or a killed VM, or a host that powered it down)",
    fix: 'check dmesg for "Unable to change power state from D3cold to D0" or reset timeouts and `lspci -s BDF -vv` (rev ff); keep the device powered (vfio_pci disable_idle_d3=1), use vendor-reset for AMD GPUs, and power-cycle the host to recover it',
    render: { prefix: 'kvm: ../hw/pci/pci.c:1487: pci_irq_handler: Assertion `', args: [] },
    examples: [
      {
        text: "kvm: ../hw/pci/pci.c:1487: pci_irq_handler: Assertion `0 <= irq_num && irq_num < PCI_NUM_PINS' failed.",
        origin: 'https://github.com/gnif/vendor-reset/issues/46',
      },
      {
        text: `level=error msg="qemu-system-x86_64-snp-experimental: ../hw/pci/pci.c:1633: pci_irq_handler: Assertion \`0 <= irq_num && irq_num < PCI_NUM_PINS' failed."`,
        origin: 'https://github.com/kata-containers/kata-containers/issues/11708',
      },
    ],
  },
  {
    id: 'qemu.no-host-device-given',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_realize() (older: vfio_realize())',
    format:
      'No provided host device\nUse -device vfio-pci,host=DDDD:BB:DD.F or -device vfio-pci,sysfsdev=PATH_TO_DEVICE\n',
    patterns: [
      /No provided host device/,
      /Use -device vfio-pci,host=DDDD:BB:DD\.F or -device vfio-pci,sysfsdev=PATH_TO_DEVICE/,
    ],
    severity: 'error',
    title: 'vfio-pci was given no host device',
    cause:
      'the -device vfio-pci option has neither host= nor sysfsdev= (often a quoting problem in a script or a libvirt qemu:arg)',
    fix: 'give host=0000:01:00.0 (the full address from lspci -D)',
    render: { prefix: `${QEMU}-device vfio-pci: `, args: [] },
    examples: [{ text: 'qemu-system-x86_64: -device vfio-pci: No provided host device', origin: BUILT }],
  },
  {
    id: 'qemu.invalid-id-override',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_config_setup() (older: vfio_realize())',
    format: 'invalid PCI vendor ID provided',
    versions:
      'also "invalid PCI device ID provided", "invalid PCI subsystem vendor ID provided", "invalid PCI subsystem device ID provided"',
    patterns: [/invalid PCI (?<field>vendor|device|subsystem vendor|subsystem device) ID provided/],
    severity: 'error',
    title: 'An x-pci-*-id override is out of range',
    cause:
      'x-pci-vendor-id/x-pci-device-id/x-pci-sub-vendor-id/x-pci-sub-device-id must be 16-bit values other than 0xffff',
    fix: 'give a 16-bit hex value (x-pci-device-id=0x1b80)',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0,x-pci-vendor-id=0x10de0: vfio 0000:01:00.0: `,
      args: [],
    },
    examples: [
      {
        text: 'vfio 0000:01:00.0: invalid PCI device ID provided',
        origin: BUILT,
        facts: { field: 'device' },
      },
    ],
  },
  {
    id: 'qemu.unrecoverable-device-error',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_err_notifier_handler()',
    format: '%s(%s) Unrecoverable error detected. Please collect any data possible and then kill the guest',
    patterns: [new RegExp(`vfio_err_notifier_handler\\(${DEV_NAME}\\) Unrecoverable error detected`)],
    severity: 'error',
    title: 'The device reported an uncorrectable PCIe error (AER); QEMU stopped the VM',
    cause:
      'the host AER driver saw an uncorrectable error from the device and vfio-pci signalled QEMU, which stops the VM (runstate internal-error): link trouble (riser, slot, signal integrity at Gen4/5), a device or firmware fault, or a failed reset',
    fix: 'read dmesg for the AER lines (they name the error bits); reseat the card, try a lower link speed in the firmware, avoid risers; then restart the VM',
    render: { prefix: QEMU, args: ['vfio_err_notifier_handler', '0000:01:00.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio_err_notifier_handler(0000:03:00.0) Unrecoverable error detected. Please collect any data possible and then kill the guest',
        origin: 'https://github.com/T-vK/MobilePassThrough/issues/17',
        facts: { bdf: '0000:03:00.0' },
      },

      {
        text: 'qemu-system-x86_64: vfio_err_notifier_handler(0000:01:00.0) Unrecoverable error detected. Please collect any data possible and then kill the guest',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'qemu.error-recovery-unavailable',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_register_err_notifier()',
    format: 'vfio: Unable to init event notifier for error detection',
    versions:
      'also "vfio BDF: Could not enable error recovery for the device" when the kernel refuses the ERR interrupt',
    patterns: [
      /vfio: Unable to init event notifier for error detection/,
      /Could not enable error recovery for the device/,
    ],
    severity: 'info',
    title: 'No AER error forwarding for this device (harmless)',
    cause:
      "QEMU could not register for the device's error interrupt; the device works, but uncorrectable errors will not stop the VM cleanly",
    fix: 'nothing needed',
    render: { prefix: QEMU, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: vfio 0000:01:00.0: Could not enable error recovery for the device',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  {
    id: 'qemu.request-notifier-unavailable',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_register_req_notifier()',
    format: 'vfio: Unable to init event notifier for device request',
    patterns: [/vfio: Unable to init event notifier for device request/],
    severity: 'info',
    title: 'The host cannot ask QEMU to release this device',
    cause:
      'QEMU could not register for the device-request interrupt; the device works, but if the host unbinds it while the VM runs, the kernel blocks ("No device request channel registered, blocked until released by user") until the VM stops',
    fix: 'nothing needed; stop the VM before unbinding or removing the device on the host',
    render: { prefix: QEMU, args: [] },
    examples: [
      { text: 'qemu-system-x86_64: vfio: Unable to init event notifier for device request', origin: BUILT },
    ],
  },
  {
    id: 'qemu.nvidia-ioeventfd-queue-full',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci-quirks.c vfio_nvidia_quirk_mirror_write()',
    format: 'NVIDIA ioeventfd queue full for %s, unable to accelerate 0x%lx, data 0x%lx, size %u',
    patterns: [new RegExp(`NVIDIA ioeventfd queue full for ${BDF}, unable to accelerate`)],
    severity: 'info',
    title: 'NVIDIA config-mirror acceleration exhausted (harmless)',
    cause:
      'QEMU accelerates the NVIDIA BAR0 config-space mirror with a small set of ioeventfds; the guest driver wrote more distinct addresses than the queue holds, so further writes take the slower trapped path. Functionally harmless',
    fix: 'nothing needed',
    render: { prefix: QEMU, args: ['0000:01:00.0', 0x88010, 0x1, 4] },
    examples: [
      {
        text: 'qemu-system-x86_64: NVIDIA ioeventfd queue full for 0000:01:00.0, unable to accelerate 0x88010, data 0x1, size 4',
        origin: BUILT,
        facts: { bdf: '0000:01:00.0' },
      },
    ],
  },
  // ---- Intel IGD and legacy VGA placement (hw/vfio/igd.c, hw/pci/pci.c) ----
  {
    id: 'qemu.igd-opregion-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_opregion_detect() (older: hw/vfio/pci.c vfio_realize())',
    format: 'Device does not support IGD OpRegion feature',
    versions:
      'QEMU ≤ 9.2: "vfio BDF: does not support requested IGD OpRegion feature: %m"; QEMU 10.0: "Device does not supports IGD OpRegion feature: %m"; later "Device does not support IGD OpRegion feature: %m"',
    patterns: [/does not supports? (?:requested )?IGD OpRegion feature(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'x-igd-opregion=on but the kernel exposes no OpRegion',
    cause:
      'vfio-pci offers the Intel OpRegion (the VBT the guest driver needs for outputs) as a device-specific region only when the kernel is built with CONFIG_VFIO_PCI_IGD and the firmware published an OpRegion (ASLS in config space); for a GVT-g vGPU the region comes from kvmgt (Linux 4.17+). "No such device" means no such region',
    fix: 'use a kernel with CONFIG_VFIO_PCI_IGD=y (most distributions), check that the host firmware has the IGD enabled with its OpRegion (ASLS, config offset 0xfc, non-zero), or drop x-igd-opregion',
    render: {
      prefix: `${QEMU}-device vfio-pci,host=00:02.0,x-igd-opregion=on: vfio 0000:00:02.0: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:02.0,bus=pci.0,addr=0x2,x-igd-opregion=on: vfio error: 0000:00:02.0: does not support requested IGD OpRegion feature: No such device',
        origin: 'https://github.com/intel/gvt-linux/issues/19',
        facts: { bdf: '0000:00:02.0', err: 'No such device' },
      },
      {
        text: 'vfio error: 59c57b6c-13ee-4055-846e-e4d3dc55d389: does not support requested IGD OpRegion feature: No such device',
        origin: 'https://github.com/intel/gvt-linux/issues/19',
        facts: { err: 'No such device' },
      },

      {
        text: 'Error: vfio 0000:81:11.0: does not support requested IGD OpRegion feature',
        origin: BUILT,
        facts: { bdf: '0000:81:11.0' },
      },
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,x-igd-opregion=on: vfio 0000:00:02.0: Device does not supports IGD OpRegion feature: No such device',
        origin: BUILT,
        facts: { err: 'No such device' },
      },
    ],
  },
  {
    id: 'qemu.igd-opregion-hotplug',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_setup_opregion() (older: hw/vfio/pci.c vfio_realize())',
    format: 'cannot support IGD OpRegion feature on hotplugged device',
    versions: 'QEMU 10.0: "IGD OpRegion is not supported on hotplugged device"',
    patterns: [
      /cannot support IGD OpRegion feature on hotplugged device/,
      /IGD OpRegion is not supported on hotplugged device/,
    ],
    severity: 'error',
    title: 'The IGD OpRegion needs the device at VM start',
    cause:
      'the OpRegion is handed to the guest firmware through fw_cfg at boot, which cannot happen for a hot-plugged device',
    fix: 'put the IGD in the VM configuration before starting it (no device_add / virsh attach-device --live)',
    render: { prefix: `${QEMU}vfio 0000:00:02.0: `, args: [] },
    examples: [
      {
        text: 'Error: vfio 0000:00:02.0: cannot support IGD OpRegion feature on hotplugged device',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
  },
  {
    id: 'qemu.igd-opregion-read-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_pci_igd_opregion_init() (older: hw/vfio/pci-quirks.c)',
    format: 'failed to read IGD OpRegion',
    patterns: [/failed to read IGD OpRegion/],
    severity: 'error',
    title: 'The IGD OpRegion could not be read',
    cause:
      'vfio-pci advertised the OpRegion but reading it failed: the firmware-reserved OpRegion memory is not readable (bad ASLS value, firmware bug)',
    fix: 'update the host firmware; check dmesg for i915/vfio OpRegion messages',
    render: { prefix: `${QEMU}vfio 0000:00:02.0: `, args: [] },
    examples: [{ text: 'qemu-system-x86_64: vfio 0000:00:02.0: failed to read IGD OpRegion', origin: BUILT }],
  },
  {
    id: 'qemu.igd-legacy-lpc-occupied',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU ≤ 9.2; older: hw/vfio/pci-quirks.c)',
    format: 'IGD device %s cannot support legacy mode due to existing devices at address 1f.0',
    patterns: [
      new RegExp(
        `IGD device ${IGD_NAME} cannot support legacy mode due to existing devices at address 1f\\.0`,
      ),
    ],
    severity: 'warning',
    title: 'IGD legacy mode off: the machine already has a device at 00:1f.0 (Q35)',
    refine: (f) => (f.mdev ? GVT_LEGACY : undefined),
    cause:
      "legacy IGD assignment needs its own ISA/LPC bridge at guest 00:1f.0 carrying the host's IDs; the Q35 machine type already has its ICH9 LPC there, so legacy mode (VGA ROM, stolen memory setup) is disabled and the IGD runs in UPT mode",
    fix: 'for legacy mode use the i440fx (pc) machine type with the IGD at 00:02.0; with Q35 and OVMF use UPT mode (x-igd-opregion=on, a UEFI GOP ROM) and ignore this',
    render: { prefix: QEMU, args: ['0000:00:02.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,bus=pcie.0,addr=02.0,sysfsdev=/sys/bus/pci/devices/0000:00:02.0/1205058e-1fd4-11ec-840b-e86a64ff767e,x-igd-opregion=on,rombar=0,display=on: IGD device 1205058e-1fd4-11ec-840b-e86a64ff767e cannot support legacy mode due to existing devices at address 1f.0',
        origin: 'https://github.com/T-vK/MobilePassThrough/issues/17',
        facts: { mdev: '1205058e-1fd4-11ec-840b-e86a64ff767e' },
      },

      {
        text: 'qemu-system-x86_64: IGD device 0000:00:02.0 cannot support legacy mode due to existing devices at address 1f.0',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
  },
  {
    id: 'qemu.igd-legacy-unsupported-gen',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU ≤ 9.2)',
    format: 'IGD device %s is unsupported in legacy mode, try SandyBridge or newer',
    patterns: [new RegExp(`IGD device ${IGD_NAME} is unsupported in legacy mode, try SandyBridge or newer`)],
    severity: 'warning',
    title: 'IGD generation unknown to QEMU: legacy mode off',
    cause:
      'QEMU maps the IGD device ID to a generation to size the GTT and stolen memory; the ID is older than Sandy Bridge or newer than the QEMU release knows, so legacy mode is disabled',
    fix: 'use a newer QEMU whose IGD generation table knows the device, or UPT mode with OVMF',
    render: { prefix: QEMU, args: ['0000:00:02.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: IGD device 0000:00:02.0 is unsupported in legacy mode, try SandyBridge or newer',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
  },
  {
    id: 'qemu.igd-legacy-no-rom',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU ≤ 9.2)',
    format: 'IGD device %s has no ROM, legacy mode disabled',
    versions: 'also "IGD device %s hotplugged, ROM disabled, legacy mode disabled"',
    patterns: [
      new RegExp(`IGD device ${IGD_NAME} (?:has no ROM|hotplugged, ROM disabled), legacy mode disabled`),
    ],
    severity: 'warning',
    title: 'IGD legacy mode off: no video BIOS',
    refine: (f) => (f.mdev ? GVT_LEGACY : undefined),
    cause:
      'legacy mode exists to run the IGD video BIOS in the guest; the IGD exposes no ROM BAR (the VBIOS lives in the system firmware) and no romfile= was given',
    fix: 'extract the VBIOS from the host firmware or a dump and pass romfile= (check it with `vfiokit rom parse`), or use UPT mode with OVMF',
    render: { prefix: QEMU, args: ['0000:00:02.0'] },
    examples: [
      {
        text: 'qemu-system-x86_64: IGD device 0000:00:02.0 has no ROM, legacy mode disabled',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0' },
      },
    ],
  },
  {
    id: 'qemu.igd-legacy-no-region',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU ≤ 9.2)',
    format: 'IGD device %s does not support OpRegion access,legacy mode disabled',
    versions: 'the same for "host bridge access" and "LPC bridge access"',
    patterns: [
      new RegExp(
        `IGD device ${IGD_NAME} does not support (?<what>OpRegion|host bridge|LPC bridge) access,\\s?legacy mode disabled`,
      ),
    ],
    severity: 'warning',
    title: 'IGD legacy mode off: the kernel lacks the IGD regions',
    refine: (f) => (f.mdev ? GVT_LEGACY : undefined),
    cause:
      'legacy mode needs the IGD-specific VFIO regions (OpRegion, host bridge and LPC bridge config), which vfio-pci provides only when built with CONFIG_VFIO_PCI_IGD (Linux 4.6+)',
    fix: 'use a kernel with CONFIG_VFIO_PCI_IGD=y, or UPT mode with OVMF',
    render: { prefix: QEMU, args: ['0000:00:02.0'] },
    examples: [
      {
        text: 'IGD device 730e3d97-e78c-44c1-897f-2921d58bb4bb does not support host bridge access,legacy mode disabled',
        origin: 'https://github.com/intel/gvt-linux/issues/229',
        facts: { mdev: '730e3d97-e78c-44c1-897f-2921d58bb4bb', what: 'host bridge' },
      },

      {
        text: 'qemu-system-x86_64: IGD device 0000:00:02.0 does not support OpRegion access,legacy mode disabled',
        origin: BUILT,
        facts: { bdf: '0000:00:02.0', what: 'OpRegion' },
      },
    ],
  },
  {
    id: 'qemu.igd-legacy-vga-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_probe_igd_bar4_quirk() (QEMU ≤ 9.2)',
    format: 'IGD device %s failed to enable VGA access, legacy mode disabled',
    versions:
      'also "failed to create LPC bridge" and "failed to modify host bridge" with ", legacy mode disabled"',
    patterns: [
      new RegExp(
        `IGD device ${IGD_NAME} failed to (?<what>enable VGA access|create LPC bridge|modify host bridge), legacy mode disabled`,
      ),
    ],
    severity: 'warning',
    title: 'IGD legacy mode off: VGA or bridge setup failed',
    refine: (f) => (f.mdev ? GVT_LEGACY : undefined),
    cause:
      'QEMU could not claim the legacy VGA ranges for the IGD (the VGA region is missing: vfio-pci disable_vga=1 or a kernel without CONFIG_VFIO_PCI_VGA) or could not write the host IDs into the guest bridges',
    fix: 'load vfio-pci without disable_vga, keep the IGD the VGA device on the host (no other GPU owning VGA), or use UPT mode with OVMF',
    render: { prefix: QEMU, args: ['0000:00:02.0'] },
    examples: [
      {
        text: 'kvm: -device vfio-pci,host=0000:00:02.0,id=hostpci0,bus=pci.0,addr=0x2,romfile=/usr/share/kvm/igd.rom: IGD device 0000:00:02.0 failed to enable VGA access, legacy mode disabled',
        origin: 'https://github.com/my33love/gk41-pve-ovmf/issues/3',
        facts: { bdf: '0000:00:02.0', what: 'enable VGA access' },
      },

      {
        text: 'qemu-system-x86_64: IGD device 0000:00:02.0 failed to enable VGA access, legacy mode disabled',
        origin: BUILT,
        facts: { what: 'enable VGA access' },
      },
    ],
  },
  {
    id: 'qemu.igd-gtt-before-bios',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c vfio_igd_quirk_data_write()',
    format:
      'vfio-igd: Guest attempted to program IGD GTT before BIOS reserved stolen memory.  Unsupported BIOS?',
    patterns: [/vfio-igd: Guest attempted to program IGD GTT before BIOS reserved stolen memory/],
    severity: 'error',
    title: 'The guest firmware did not reserve IGD stolen memory (QEMU aborts)',
    cause:
      'in legacy mode the guest firmware must reserve stolen memory from fw_cfg etc/igd-bdsm-size and write its base to BDSM (0x5c); SeaBIOS does, stock OVMF does not, so the video BIOS programs the GTT with BDSM still 0 and QEMU stops with a hardware error',
    fix: 'use SeaBIOS for legacy mode, or OVMF with IGD support (an IgdAssignmentDxe-style driver) and a UEFI GOP ROM; or turn legacy mode off (x-igd-legacy-mode=off on QEMU 10+)',
    render: { prefix: 'qemu: hardware error: ', args: [] },
    examples: [
      {
        text: 'qemu: hardware error: vfio-igd: Guest attempted to program IGD GTT before BIOS reserved stolen memory.  Unsupported BIOS?',
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.igd-gms-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/igd.c igd_get_stolen_mb() (older: vfio_probe_igd_bar4_quirk())',
    format: 'Unsupported IGD GMS value 0x%x',
    patterns: [/Unsupported IGD GMS value 0x(?<gms>[0-9a-fA-F]{1,2})/],
    severity: 'warning',
    title: 'The stolen-memory size of the IGD is not one QEMU knows',
    cause:
      'the graphics mode select (GMS) field of GMCH encodes more pre-allocated memory than QEMU supports for that generation (the host firmware DVMT pre-allocated setting); QEMU reserves none',
    fix: 'lower "DVMT Pre-Allocated" in the host firmware (e.g. 32M or 64M), or set x-igd-gms=N',
    render: { prefix: QEMU, args: [0x30] },
    examples: [
      { text: 'qemu-system-x86_64: Unsupported IGD GMS value 0x30', origin: BUILT, facts: { gms: '30' } },
    ],
  },
  {
    id: 'qemu.pci-slot-in-use',
    source: 'qemu',
    cite: 'qemu/qemu hw/pci/pci.c do_pci_register_device()',
    format: 'PCI: slot %d function %d not available for %s, in use by %s',
    versions: 'newer QEMU append ",id=%s" naming the occupant',
    patterns: [
      /PCI: slot (?<slot>\d{1,2}) function (?<fn>\d) not {1,4}available for (?<dev>[\w-]{1,40}), in use by (?<by>[\w-]{1,40})/,
    ],
    severity: 'error',
    title: 'The guest PCI address is taken (often slot 2 by the emulated VGA)',
    cause:
      'the device was given a guest address already used by another device; for IGD legacy mode the IGD must be at 00:02.0, which the default emulated VGA (-vga std, or libvirt <video>) occupies',
    fix: 'remove the emulated display (-vga none / -nodefaults, or libvirt <video><model type="none"/></video>) or move it to another slot, then place the device at the address it needs',
    refine: (f) =>
      f.slot === '2' && /vga/i.test(f.by ?? '')
        ? { title: 'Slot 2 is taken by the emulated VGA (IGD needs 00:02.0)' }
        : undefined,
    render: { prefix: `${QEMU}-device vfio-pci,host=00:02.0,addr=0x2: `, args: [2, 0, 'vfio-pci', 'VGA'] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device {"driver":"virtio-blk-pci","bus":"pci.0","addr":"0x2","drive":"libvirt-1-format","id":"ua-box-volume-0","bootindex":1,"write-cache":"on"}: PCI: slot 2 function 0 not available for virtio-blk-pci, in use by cirrus-vga,id=video0 (Libvirt::Error)',
        origin: 'https://github.com/theforeman/forklift/pull/1809',
        facts: { slot: '2', dev: 'virtio-blk-pci', by: 'cirrus-vga' },
      },
      {
        // as posted, with the spaces the copy left in it; the occupant is the vgt-vga of Intel's KVMGT QEMU
        text: 'qemu-system-x86_64: -device cirrus-vga,id=video0,bus=pci.0,addr=0x2: PCI: slot 2 function 0 not   available for cirrus-vga, in use by vgt-vga',
        origin: 'https://github.com/intel/KVMGT-kernel/issues/29',
        facts: { slot: '2', dev: 'cirrus-vga', by: 'vgt-vga' },
      },

      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=00:02.0,addr=0x2: PCI: slot 2 function 0 not available for vfio-pci, in use by VGA',
        origin: BUILT,
        facts: { slot: '2', by: 'VGA' },
      },
    ],
  },
  // ---- display (hw/vfio/display.c) and migration ----
  {
    id: 'qemu.display-no-method',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/display.c vfio_display_probe()',
    format: "vfio: device doesn't support any (known) display method",
    patterns: [/vfio: device doesn't support any \(known\) display method/],
    severity: 'error',
    title: 'display=on for a device without a VFIO display',
    cause:
      'display=on works only for mediated devices that export their framebuffer (Intel GVT-g dma-buf, some vGPUs with a display region); a physical GPU has no VFIO display',
    fix: 'remove display=on for physical GPUs (their outputs or Looking Glass show the picture); for GVT-g check the mdev type supports display',
    render: { prefix: `${QEMU}-device vfio-pci,host=0000:01:00.0,display=on: `, args: [] },
    examples: [
      {
        text: "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,display=on: vfio: device doesn't support any (known) display method",
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.display-needs-opengl',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/display.c vfio_display_dmabuf_init()',
    format: 'vfio-display-dmabuf: opengl not available',
    patterns: [/vfio-display-dmabuf: opengl not available/],
    severity: 'error',
    title: 'A dma-buf VFIO display needs an OpenGL display backend',
    cause:
      'the vGPU (GVT-g) shares its framebuffer as a dma-buf, which QEMU can only show with an OpenGL-enabled UI',
    fix: 'start with -display gtk,gl=on (or spice with gl=on / egl-headless); in libvirt <graphics type="spice"><gl enable="yes"/></graphics>',
    render: {
      prefix: `${QEMU}-device vfio-pci,sysfsdev=/sys/bus/mdev/devices/4b20d080-1b54-4048-85b3-a6a62d165c01,display=on: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/4b20d080-1b54-4048-85b3-a6a62d165c01,display=on: vfio-display-dmabuf: opengl not available',
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.ramfb-needs-display',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/pci.c vfio_pci_realize() (older: vfio_realize())',
    format: 'ramfb=on requires display=on',
    patterns: [/ramfb=on requires display=on/],
    severity: 'error',
    title: 'ramfb=on without display=on',
    cause:
      'the boot framebuffer (ramfb) of a VFIO display is only available together with the VFIO display itself',
    fix: 'add display=on (for a device that supports it) or drop ramfb=on',
    render: { prefix: `${QEMU}-device vfio-pci,host=0000:00:02.0,ramfb=on: vfio 0000:00:02.0: `, args: [] },
    examples: [
      {
        text: 'qemu-system-x86_64: -device vfio-pci,host=0000:00:02.0,ramfb=on: vfio 0000:00:02.0: ramfb=on requires display=on',
        origin: BUILT,
      },
    ],
  },
  {
    id: 'qemu.migration-unsupported',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio/migration.c vfio_migration_realize() (older: vfio_migration_probe())',
    format: "VFIO device doesn't support migration",
    versions:
      'QEMU ≤ 7.2: "VFIO device doesn\'t support migration"; QEMU 8.0+: "BDF: Migration disabled" / "BDF: VFIO migration is not supported in kernel"',
    patterns: [
      /VFIO device doesn't support migration/,
      new RegExp(`${DEV_NAME}: (?:Migration disabled|VFIO migration is not supported in kernel)`),
      // The same reason where a management layer relays it without the device name.
      /(?:^|: )VFIO migration is not supported in kernel/,
      /Migration is disabled when VFIO device is attached/,
    ],
    severity: 'info',
    title: 'A VM with this assigned device cannot be live-migrated',
    cause:
      "the device's kernel driver does not offer VFIO migration: plain vfio-pci cannot save and restore a device's internal state; only vendor variant drivers can (mlx5_vfio_pci for ConnectX VFs, hisi_acc_vfio_pci, NVIDIA's vGPU and a few others). QEMU adds a migration blocker; the VM itself runs normally",
    fix: "bind the device to its vendor's variant VFIO driver where one exists (with a kernel and QEMU that support it), or shut the VM down to move it, or hot-unplug the device before migrating (KubeVirt does this for SR-IOV interfaces)",
    render: { prefix: `${QEMU}`, args: [] },
    examples: [
      {
        text: "error: Requested operation is not valid: cannot migrate domain: VFIO device doesn't support migration",
        origin: BUILT,
      },
      {
        text: 'error: Requested operation is not valid: Migration is disabled when VFIO device is attached',
        origin: BUILT,
      },
    ],
  },
  // ---- guest RAM backends (system/physmem.c, backends/, util/oslib-posix.c) ----
  {
    id: 'qemu.hugepage-map-failed',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c file_ram_alloc() (older: exec.c)',
    format: 'unable to map backing store for guest RAM: %m',
    versions:
      'QEMU 2.10+ (error_setg_errno); QEMU ≤ 2.9: "unable to map backing store for guest RAM: %m" via error_report',
    patterns: [/unable to map backing store for guest RAM(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'Guest RAM could not be allocated from hugepages',
    cause:
      'the hugetlbfs pool has fewer free pages than the guest memory ("Cannot allocate memory"), or the mount is not usable ("Permission denied")',
    fix: 'reserve enough hugepages before starting (vfiokit doctor --memory SIZE tells how many), preferably at boot: hugepagesz=1G hugepages=N',
    refine: (f) =>
      errnoName(f) === 'EACCES' || errnoName(f) === 'EPERM'
        ? {
            cause:
              'the hugetlbfs file could be created but not mapped: the mount (or its gid/mode) does not allow the QEMU user, or a security module denies it',
            fix: 'let libvirt manage the path (it creates /dev/hugepages/libvirt/qemu with the right owner) or fix the mount options (mode=1770,gid=kvm)',
          }
        : undefined,
    render: {
      prefix: `${QEMU}-object memory-backend-file,id=ram0,mem-path=/dev/hugepages: `,
      args: ['Cannot allocate memory'],
    },
    examples: [
      {
        text: '{"component":"virt-launcher","level":"error","msg":"internal error: qemu unexpectedly closed the monitor: 2025-06-04T01:42:29.495586Z qemu-kvm: unable to map backing store for guest RAM: Cannot allocate memory","pos":"qemuProcessReportLogError:2051","subcomponent":"libvirt"}',
        origin: 'https://github.com/kubevirt/kubevirt/issues/14854',
        facts: { err: 'Cannot allocate memory' },
      },
      {
        text: 'Failed to start domain avocado-vt-vm1error: internal error: process exited while connecting to monitor: 2020-09-22T07:50:21.840304Z qemu-kvm: unable to map backing store for guest RAM: Cannot allocate memory',
        origin: 'https://github.com/autotest/tp-libvirt/pull/3086',
        facts: { err: 'Cannot allocate memory' },
      },

      {
        text: 'error: internal error: process exited while connecting to monitor: 2019-08-05T07:37:14.159699Z qemu-system-x86_64: -object memory-backend-file,id=ram-node0,prealloc=yes,mem-path=/dev/hugepages/libvirt/qemu/9-vm01,share=yes,size=8388608000: unable to map backing store for guest RAM: Cannot allocate memory',
        origin: BUILT,
        facts: { err: 'Cannot allocate memory' },
      },
    ],
  },
  {
    id: 'qemu.backing-store-open-failed',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c file_ram_open() (older: exec.c)',
    format: "can't open backing store %s for guest RAM",
    patterns: [
      /can't open backing store (?<path>[^\s:]{1,200}) for guest RAM(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
    ],
    severity: 'error',
    title: 'The memory backend file could not be opened',
    cause:
      'QEMU could not create or open the file for guest RAM under mem-path: the directory does not exist or is not hugetlbfs ("No such file or directory"), or the QEMU user may not write there ("Permission denied")',
    fix: 'mount hugetlbfs where mem-path points (mount -t hugetlbfs none /dev/hugepages) and give the QEMU user access; with libvirt restart libvirtd after mounting so it sees the mount',
    refine: (f) =>
      errnoName(f) === 'EISDIR'
        ? {
            cause:
              'mem-path names a directory and QEMU could not use it to create its backing file: hugetlbfs is not mounted there in the namespace QEMU runs in (a container sees a plain directory), or the backend is read-only and needs a file',
            fix: 'mount hugetlbfs at that path where QEMU runs (for LXD/containers configure the hugepages mount in the profile), or point mem-path at a mounted hugetlbfs',
          }
        : undefined,
    render: {
      prefix: `${QEMU}-object memory-backend-file,id=ram0,mem-path=/dev/hugepages1G: `,
      args: ['/dev/hugepages1G/qemu_back_mem.ram0.XXXXXX'],
    },
    examples: [
      {
        text: "qemu-system-x86_64: can't open backing store /dev/hugepages/ for guest RAM: Is a directory",
        origin: 'https://github.com/canonical/lxd/issues/7593',
        facts: { path: '/dev/hugepages/', err: 'Is a directory' },
      },

      {
        text: "qemu-system-x86_64: -object memory-backend-file,id=ram0,size=16G,mem-path=/dev/hugepages1G: can't open backing store /dev/hugepages1G for guest RAM: No such file or directory",
        origin: BUILT,
        facts: { path: '/dev/hugepages1G', err: 'No such file or directory' },
      },
    ],
  },
  {
    id: 'qemu.memory-size-below-page',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c file_ram_alloc() (older: exec.c)',
    format: 'memory size 0x%lx must be equal to or larger than page size 0x%zx',
    patterns: [
      /memory size 0x(?<size>[0-9a-fA-F]{1,16}) must be equal to or larger than page size 0x(?<page>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'A memory backend is smaller than one hugepage',
    cause:
      'a RAM region backed by hugetlbfs (a NUMA node, a DIMM, or all RAM) is smaller than the page size of the mount (1 GiB pages need at least 1 GiB per region)',
    fix: 'make every memory region a multiple of the hugepage size, or use 2 MiB pages for small regions',
    render: {
      prefix: `${QEMU}-object memory-backend-file,id=ram-node1,mem-path=/dev/hugepages1G,size=512M: `,
      args: [0x20000000, 0x40000000],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -object memory-backend-file,id=ram-node1,mem-path=/dev/hugepages1G,size=512M: memory size 0x20000000 must be equal to or larger than page size 0x40000000',
        origin: BUILT,
        facts: { size: '20000000', page: '40000000' },
      },
    ],
  },
  {
    id: 'qemu.prealloc-failed',
    source: 'qemu',
    cite: 'qemu/qemu util/oslib-posix.c qemu_prealloc_mem() (older: os_mem_prealloc())',
    format: 'qemu_prealloc_mem: preallocating memory failed',
    versions:
      'QEMU ≤ 5.x: "os_mem_prealloc: Insufficient free host memory pages available to allocate guest RAM"; QEMU 6.x–7.0: "os_mem_prealloc: preallocating memory failed"; QEMU 7.1+: "qemu_prealloc_mem: preallocating memory failed" (with ": %m" in 8.x+)',
    patterns: [
      /(?:os_mem_prealloc|qemu_prealloc_mem): preallocating memory failed(?::\s?(?<err>[^\n"'\\)]{1,80}))?/,
      /Insufficient free host memory pages available to allocate guest RAM/,
    ],
    severity: 'error',
    title: 'Guest RAM could not be preallocated',
    cause:
      'with prealloc=on (libvirt <allocation mode="immediate"/> or hugepages) QEMU touches every page at start; the host ran out: not enough free hugepages in the pool (or on the NUMA node the memory is bound to), or not enough free RAM',
    fix: 'reserve enough hugepages on the right node (echo N > /sys/devices/system/node/nodeX/hugepages/hugepages-1048576kB/nr_hugepages), or at boot; `vfiokit doctor --memory SIZE` checks the pool',
    render: { prefix: `${QEMU}`, args: [] },
    examples: [
      {
        text: '`Insufficient free host memory pages available to allocate guest RAM.`',
        origin: 'https://github.com/autotest/tp-libvirt/pull/2695',
      },

      {
        text: 'qemu-system-x86_64: os_mem_prealloc: Insufficient free host memory pages available to allocate guest RAM',
        origin: BUILT,
      },
      {
        text: 'qemu-system-x86_64: qemu_prealloc_mem: preallocating memory failed: Bad address',
        origin: BUILT,
        facts: { err: 'Bad address' },
      },
    ],
  },
  {
    id: 'qemu.memory-bind-failed',
    source: 'qemu',
    cite: 'qemu/qemu backends/hostmem.c host_memory_backend_memory_complete()',
    format: 'cannot bind memory to host NUMA nodes',
    patterns: [/cannot bind memory to host NUMA nodes(?::\s?(?<err>[^\n"'\\)]{1,80}))?/],
    severity: 'error',
    title: 'Guest memory could not be bound to the requested host NUMA node',
    cause:
      'mbind() of the memory backend to host-nodes= failed: the node does not exist or has no memory, or (with hugepages) the policy cannot be applied; libvirt sets it from <numatune>',
    fix: 'check the nodes (numactl -H) and that the hugepages were reserved on those nodes; fix <numatune><memory nodeset=…> or host-nodes=',
    render: {
      prefix: `${QEMU}-object memory-backend-ram,id=ram-node0,size=8G,host-nodes=1,policy=bind: `,
      args: [],
    },
    examples: [
      {
        text: 'qemu-system-x86_64: -object memory-backend-ram,id=ram-node0,size=8G,host-nodes=1,policy=bind: cannot bind memory to host NUMA nodes: Invalid argument',
        origin: BUILT,
        facts: { err: 'Invalid argument' },
      },
    ],
  },
];
