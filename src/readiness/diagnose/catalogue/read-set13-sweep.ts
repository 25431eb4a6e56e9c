/**
 * Families found among the misses of the thirteenth held-out set once it was read
 * (test/fixtures/diagnose/held-out-13.json): a passthrough helper script that refuses identical
 * GPUs, the DPDK bind scripts of MoonGen and its relatives, AMD's MxGPU host driver failing a DMA
 * allocation, KVM on POWER declining to map a passthrough interrupt for bypass, and igb switching
 * SR-IOV off. Each is read in its source; the examples are built from the format strings and
 * marked so (the held-out texts stay out of the catalogue).
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

export const READ_SET13_ENTRIES: CatalogueEntry[] = [
  {
    id: 'setup.boot-gpu-same-id',
    source: 'userspace tool',
    cite: 'pavolelsig/Passthrough_helper_PopOS popos_helper.sh (the boot_vga loop; gvtd_helper and the other helper scripts of the same author carry the same check)',
    format: 'Your boot/primary GPU has the same id as one of the GPUs you are trying to bind to vfio-pci!\n',
    versions:
      'printed after a line "ERROR! " by the script, which then exits 1 without changing the kernel command line',
    patterns: [
      /Your boot\/primary GPU has the same id as one of the GPUs you are trying to bind to vfio-pci/,
    ],
    severity: 'error',
    title: 'The helper script refuses two GPUs with the same vendor:device ID',
    cause:
      'the script binds GPUs to vfio-pci by vendor:device ID (vfio-pci.ids= on the kernel command line), and the boot (primary) GPU has the same ID as the GPU meant for the guest — two cards of the same model. vfio-pci.ids= would take both, the host would lose its display, so the script stops. IDs cannot tell identical cards apart; only their PCI addresses can',
    fix: 'bind the guest GPU by address instead of by ID: driver_override for that address early at boot (`driverctl set-override 0000:0b:00.0 vfio-pci`, or an initramfs script writing vfio-pci to /sys/bus/pci/devices/ADDR/driver_override before the GPU driver loads), with its audio function too; `vfiokit groups --gpu` shows both addresses. Or use two different GPU models',
    render: render(''),
    examples: [
      ex(
        'ERROR! \nYour boot/primary GPU has the same id as one of the GPUs you are trying to bind to vfio-pci!',
        {},
      ),
    ],
  },
  {
    id: 'dpdk.bind-script-no-inactive',
    source: 'dpdk',
    cite: 'emmericp/MoonGen bind-interfaces.sh (and the same script in libmoon and Phobos): it binds only the ports dpdk-devbind.py (dpdk_nic_bind.py) --status does not mark "*Active*"',
    format:
      'Could not find any inactive interfaces to bind to DPDK. Note that this script does not bind interfaces that are in use by the OS.\n',
    versions:
      'followed by "Delete IP addresses from interfaces you would like to use with MoonGen (libmoon, Phobos) and run this script again."',
    patterns: [/Could not find any inactive interfaces to bind to DPDK/],
    severity: 'error',
    title: 'The DPDK bind script found no free network port',
    cause:
      'the script binds to DPDK (igb_uio or vfio-pci) only ports that dpdk-devbind.py does not list as "*Active*", and it lists a port as active when the kernel uses it: the interface is up with an IP address or a route on it (the one you are logged in through, or one NetworkManager/DHCP configured). Every port was in use by the OS, or none had a driver DPDK can take over',
    fix: 'choose the ports for DPDK, then take them from the OS: remove their addresses and routes and set them down (`ip addr flush dev IF; ip link set IF down`, and stop NetworkManager or netplan from managing them), and run the script again; or bind them yourself with `dpdk-devbind.py --bind=vfio-pci ADDR` (its --force overrides the active check — never for the port you are connected through). `dpdk-devbind.py --status` shows which ports are active and why',
    render: render(''),
    examples: [
      ex(
        'Could not find any inactive interfaces to bind to DPDK. Note that this script does not bind interfaces that are in use by the OS.\nDelete IP addresses from interfaces you would like to use with libmoon and run this script again.',
        {},
      ),
    ],
  },
  {
    id: 'amd-gim.alloc-iova-failed',
    source: 'userspace tool',
    cite: 'amd/MxGPU-Virtualization gim (the GIM host driver): the driver error table entry AMDGV_ERROR_DRIVER_ALLOC_IOVA_ALIGN_FAIL, logged through gim_alloc_dma_mem()',
    format: 'Allocate iova method memory failed.',
    versions:
      'logged as "[gim][gim_alloc_dma_mem:LINE] Allocate iova method memory failed."; the error table marks it a warning',
    patterns: [/Allocate iova method memory failed/],
    severity: 'warning',
    title: "AMD's MxGPU host driver (GIM) could not allocate a DMA memory buffer",
    cause:
      "GIM, the SR-IOV physical-function driver of AMD's MxGPU (Instinct and Radeon Pro virtualization), failed to allocate a DMA memory buffer for the GPU by its aligned-IOVA method. GIM allocates such buffers for its own firmware and for the virtual functions' state (the VF save/restore and live-migration data among them); a large, aligned allocation fails when the host is short of contiguous memory or the IOMMU setup does not give it the address space it asks for",
    fix: "read the GIM lines after it: if the VFs still come up, the allocation was retried another way. Otherwise boot with the IOMMU in passthrough mode as AMD's MxGPU guide asks (intel_iommu=on iommu=pt, or amd_iommu=on iommu=pt), keep enough free memory when GIM loads (load it early, before the VMs), use the GIM release matching your GPU and kernel, and report it on the GIM issue tracker with the dmesg lines",
    render: render('[gim][gim_alloc_dma_mem:1118] '),
    examples: [ex('[  431.220051] [gim][gim_alloc_dma_mem:1118] Allocate iova method memory failed.', {})],
  },
  {
    id: 'kernel.kvmppc-passthru-irq-map',
    source: 'kernel',
    cite: 'torvalds/linux arch/powerpc/kvm/book3s_hv.c kvmppc_set_passthru_irq() (called by kvmppc_irq_bypass_add_producer_hv(), which then prints "kvmppc_set_passthru_irq (irq %d, gsi %d) fails: %d"); vfio-pci then logs "irq bypass producer (token …) registration fails: -2"',
    format: 'kvmppc_set_passthru_irq_hv: Could not assign IRQ map for (%d,%d)\n',
    versions:
      'the check was "is_pnv_opal_msi() or a XIVE interrupt" before 2021 and is only is_pnv_opal_msi() since; in 2025 a patch made KVM stop offering IRQ bypass on pSeries, which ends the line there',
    patterns: [
      /kvmppc_set_passthru_irq_hv: Could not assign IRQ map for \((?<irq>\d{1,7}),(?<gsi>\d{1,7})\)/,
    ],
    severity: 'info',
    title: 'KVM on POWER could not map a passthrough interrupt for bypass (performance only)',
    cause:
      'KVM-HV on POWER tried to deliver this assigned device\'s interrupt straight to the guest (IRQ bypass: a host-IRQ-to-guest-GSI map) and refused, with -ENOENT, because the host interrupt is not an MSI whose EOI goes through OPAL (is_pnv_opal_msi()): only bare-metal PowerNV hosts have those. It is what a KVM host running inside a pSeries LPAR (nested KVM: PowerVM or a KVM L0 below it, the emulated XICS or XIVE controller) always gets, for every vector. The interrupt still reaches the guest through the normal, slower path; vfio-pci\'s following "irq bypass producer … registration fails: -2" is the same refusal',
    fix: 'nothing is broken. On a pSeries (nested) host the lines repeat for every vector; a kernel with the 2025 change that disables IRQ bypass on pSeries no longer prints them. On bare-metal PowerNV, check that the device uses MSI through the PHB (not a XIVE-emulated or INTx path)',
    render: render('', 58, 4970),
    examples: [
      ex('[  812.004411] kvmppc_set_passthru_irq_hv: Could not assign IRQ map for (61,4352)', {
        irq: '61',
        gsi: '4352',
      }),
    ],
  },
  {
    id: 'kernel.igb-iov-disabled',
    source: 'kernel',
    cite: 'torvalds/linux drivers/net/ethernet/intel/igb/igb_main.c igb_disable_sriov() (dev_info "IOV Disabled"), called from igb_pci_sriov_configure(), igb_remove() and the VF set-up paths when enabling fails',
    format: 'IOV Disabled\n',
    versions: 'the same wording since SR-IOV support in igb; enabling prints "%d VFs allocated"',
    patterns: [/igb (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]): IOV Disabled/],
    severity: 'info',
    title: 'igb switched SR-IOV off on this port',
    cause:
      'the igb driver (Intel 82576, I350 and relatives) disabled SR-IOV on the port and removed its virtual functions: the normal line when the VFs are taken away (0 written to sriov_numvfs, max_vfs=0, igb unloaded or the port removed). Right after an attempt to create VFs it means the VFs were not kept: enabling them failed and igb turned SR-IOV back off — read the lines around it (an AER error from the port, "not enough MMIO resources for SR-IOV", a controller that has no SR-IOV)',
    fix: 'nothing if you removed the VFs. Otherwise check `cat /sys/bus/pci/devices/ADDR/sriov_totalvfs` (0 or missing: the controller or its firmware offers no SR-IOV), the BIOS SR-IOV option, and the messages around this line; an AER error at the same moment points at the driver or device, worth reporting with the kernel version',
    render: render('igb 0000:01:00.0: '),
    examples: [ex('[  902.117652] igb 0000:03:00.1: IOV Disabled', { bdf: '0000:03:00.1' })],
  },
];
