/** Catalogue entries for messages printed by pciutils, the ACS override patch and guest-side (Windows) messages. */
import type { CatalogueEntry } from '../entry.js';

export const OTHER_ENTRIES: CatalogueEntry[] = [
  {
    id: 'pciutils.unknown-header-type',
    source: 'pciutils',
    cite: 'pciutils/pciutils lspci.c show_verbose()',
    format: '\t!!! Unknown header type %02x\n',
    patterns: [/!!! Unknown header type (?<type>[0-9a-fA-F]{2})/],
    severity: 'error',
    title: 'Device config space unreadable (lspci)',
    cause:
      'header type 7f is what reads of all-ones give: the device no longer answers config cycles, typically a GPU that failed to come back from a reset or a low-power state (the "reset bug")',
    fix: 'the device is lost until a power cycle: reboot the host (a warm reboot may not be enough); to avoid it, use a GPU with FLR, vendor-reset for AMD, and avoid repeated VM restarts',
  },
  {
    id: 'patch.acs-override-enabled',
    source: 'acs-override patch',
    cite: 'the out-of-tree ACS override patch (drivers/pci/quirks.c pcie_acs_override_setup(), carried by Proxmox, Zen/Liquorix and others)',
    format: 'Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA\n',
    patterns: [/Warning: PCIe ACS overrides enabled; This may allow non-IOMMU protected peer-to-peer DMA/],
    severity: 'warning',
    title: 'ACS override in effect',
    cause:
      'pcie_acs_override makes the kernel assume isolation the hardware lacks; devices in split groups can still reach each other peer-to-peer without the IOMMU',
    fix: 'only assign such devices to trusted guests; prefer a slot whose root port has ACS (vfiokit explain BDF)',
  },
  {
    id: 'windows.code-43',
    source: 'windows',
    cite: 'Microsoft Device Manager error codes ("Code 43"); the NVIDIA driver before R465 reported it when it detected a hypervisor',
    format: 'Windows has stopped this device because it has reported problems. (Code 43)',
    patterns: [/\(Code 43\)|\bCode 43\b/],
    severity: 'error',
    title: 'NVIDIA driver refuses to start in the guest (Code 43)',
    cause:
      'older NVIDIA consumer drivers (before R465, 2021) stop when they see a hypervisor: the KVM CPUID signature or Hyper-V enlightenments with the default vendor id; a missing or broken ROM causes it too',
    fix: "hide KVM: libvirt <features><kvm><hidden state='on'/></kvm><hyperv><vendor_id state='on' value='0123456789ab'/></hyperv></features> (QEMU: -cpu host,kvm=off,hv_vendor_id=0123456789ab); or update the guest driver to R465+; check the GPU ROM (vfiokit rom)",
  },
];
