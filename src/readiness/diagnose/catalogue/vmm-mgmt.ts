/**
 * The VMMs and management layers around VFIO other than QEMU, libvirt and the Rust VMMs
 * (vmm-rust.ts): ACRN's device model (acrn-dm, whose passthrough code came from bhyve), Proxmox VE
 * (qemu-server PVE/QemuServer/PCI.pm and pve-common PVE/SysFSTools.pm), KubeVirt (virt-launcher's
 * host-device pools, the admission webhook), the Kubernetes pieces that hand devices to pods
 * (the scheduler's extended resources, the SR-IOV CNI), Kimchi and virt-install. Each explanation
 * is what the producing code does when it prints the message.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const ACRN = 'projectacrn/acrn-hypervisor devicemodel/hw/pci/passthrough.c';
const PVE_PCI = 'proxmox/qemu-server PVE/QemuServer/PCI.pm';
const PVE_SYSFS = 'proxmox/pve-common src/PVE/SysFSTools.pm';
const KUBEVIRT = 'kubevirt/kubevirt pkg/virt-launcher/virtwrap/device/hostdevice';
const KIMCHI = 'kimchi-project/kimchi model/vmhostdevs.py VMHostDevsModel, messages from i18n.py';

/** A bus/slot/function as ACRN and bhyve print it: hex or decimal parts joined by "/". */
const SLASH_BDF = '(?<slashbdf>[0-9a-fA-F]{1,2}\\/[0-9a-fA-F]{1,2}\\/[0-7])';

/** The extended resource a pod waits for names the piece that is missing (fit.go "Insufficient %v"). */
function refineK8sInsufficient(f: Readonly<Record<string, string>>): Refinement | undefined {
  const r = f.resource ?? '';
  if (r.startsWith('hugepages-'))
    return {
      title: 'No node has enough free hugepages of the size the pod asks for',
      cause: `the pod (for KubeVirt the virt-launcher of a VM with spec.domain.memory.hugepages.pageSize) requests ${r}, and no node reports that much free: the kubelet advertises only hugepages reserved on the node itself (hugepagesz=/hugepages= on the kernel command line, or nr_hugepages), so a node without a reserved pool of that size has none, and pages held by running pods are not free`,
      fix: `reserve the pool on the nodes meant for these VMs (1 GiB pages on the kernel command line: hugepagesz=1G hugepages=N), check that kubectl describe node shows ${r} in Capacity/Allocatable (restart the kubelet if it still shows the old value), and keep the pod's request within it`,
    };
  if (r === 'devices.kubevirt.io/kvm')
    return {
      title: 'No node offers /dev/kvm to KubeVirt',
      cause:
        "virt-handler's KVM device plugin advertises devices.kubevirt.io/kvm only on nodes where /dev/kvm exists: the nodes have no hardware virtualisation (VT-x/AMD-V off in the firmware, or nested virtualisation not enabled for a cloud VM node), or the kvm_intel/kvm_amd module is not loaded",
      fix: 'enable VT-x/AMD-V (or nested virtualisation on the cloud instance), load kvm_intel/kvm_amd and check ls -l /dev/kvm on the node; for test clusters only, useEmulation in the KubeVirt CR',
    };
  if (r === 'devices.kubevirt.io/tun' || r === 'devices.kubevirt.io/vhost-net') {
    const tun = r.endsWith('/tun');
    return {
      title: `No node offers ${tun ? '/dev/net/tun' : '/dev/vhost-net'} to KubeVirt`,
      cause: `virt-handler advertises ${r} only where ${tun ? '/dev/net/tun' : '/dev/vhost-net'} exists; the nodes lack the ${tun ? 'tun' : 'vhost_net'} module`,
      fix: `load it on the nodes (modprobe ${tun ? 'tun' : 'vhost_net'}, and list it in /etc/modules-load.d/)`,
    };
  }
  if (r === 'nvidia.com/gpu')
    return {
      cause:
        "nvidia.com/gpu is the resource of NVIDIA's container device plugin (GPUs for containers, on the nvidia driver); a VM needs the GPU bound to vfio-pci and advertised under a VM resource name (KubeVirt's permittedHostDevices, or the GPU Operator's sandbox device plugin with names such as nvidia.com/GA102GL_A10), and nodes whose GPUs are given to VMs do not advertise nvidia.com/gpu",
      fix: "use the VM resource name the node advertises (kubectl describe node) as the VM's gpus/hostDevices deviceName; with the GPU Operator label the node nvidia.com/gpu.workload.config=vm-passthrough",
    };
  return undefined;
}

export const VMM_MGMT_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- ACRN device model
  {
    id: 'acrn.ptdev-assign-failed',
    source: 'acrn',
    cite: `${ACRN} passthru_init() (vm_assign_ptdev(), the HC_ASSIGN_PCIDEV hypercall)`,
    format: 'PCI device at %x/%x/%x is not using the pt(4) driver',
    versions:
      'bhyve (FreeBSD usr.sbin/bhyve/pci_passthru.c), which ACRN\'s code comes from: "PCI device at %d/%d/%d is not using the ppt(4) driver"; acrn-dm then reports "pci passthru init failed"',
    patterns: [new RegExp(`PCI devi?c?e at ${SLASH_BDF} is not using the pp?t\\(4\\) driver`)],
    severity: 'error',
    title: 'The hypervisor would not hand the PCI device to this VM',
    cause:
      "acrn-dm asked the ACRN hypervisor to assign the device (a hypercall) and was refused: the device is not one the scenario configuration lets the Service VM give away (it is not in the post-launched VM's passthrough list), it is already assigned to another VM, or the address does not exist on this board (e.g. the USB device-mode controller 00:14.1 only appears when device mode is enabled in the firmware). The wording is inherited from bhyve, where it means the device is not bound to the ppt driver",
    fix: 'check the address with lspci in the Service VM, add the device to the VM\'s passthrough devices in the ACRN scenario configuration (rebuild the hypervisor), and make sure no other VM has it; on bhyve, reserve it for ppt in loader.conf (pptdevs="B/S/F")',
    render: render('', 0, 0x14, 1),
    examples: [
      ex(
        'I get the error of "PCI devie at 0/14/1 is not using the pt(4) driver  pci passthru init failed".',
        { slashbdf: '0/14/1' },
      ),
      ex('PCI device at 2/0/0 is not using the ppt(4) driver', { slashbdf: '2/0/0' }),
    ],
  },
  {
    id: 'acrn.bar-init-failed',
    source: 'acrn',
    cite: `${ACRN} cfginit() / cfginitbar() / init_msix_table()`,
    format: 'failed to initialize BARs for PCI %x/%x/%x',
    versions:
      'the causes print just before it: "passthru device %x/%x/%x BAR %d: base %#lx not page aligned", "Failed to map MSI-X table pages on %x/%x/%x", "Failed to map MSI-X BAR passthru pages on %x/%x/%x"; bhyve: "failed to initialize BARs for PCI %d/%d/%d" and "Failed to map PBA page for MSI-X on %d/%d/%d"',
    patterns: [
      new RegExp(`failed to initialize BARs for PCI (?:${SLASH_BDF}|\\d{1,4})`),
      new RegExp(
        `(?<step>Failed to map (?:MSI-X table pages|MSI-X BAR passthru pages|PBA page for MSI-X)) on ${SLASH_BDF}`,
      ),
      new RegExp(
        `passthru device ${SLASH_BDF} BAR (?<bar>\\d): base (?<base>0x[0-9a-fA-F]{1,16}) (?<step>not page aligned)`,
      ),
    ],
    severity: 'error',
    title: "The device's BARs could not be given to the guest",
    cause:
      "acrn-dm places each BAR of the device in the guest and asks the hypervisor to map the host BAR there; the MSI-X table page stays trapped and is mapped into acrn-dm through the device's sysfs resource file. One of these steps failed, so the device is not passed through",
    fix: 'read the line before it for the step; dmesg of the Service VM at the same moment has the hypervisor or sysfs error',
    refine: (f) =>
      f.step === 'not page aligned'
        ? {
            title: 'A BAR of the device is not page aligned on the host',
            cause: `BAR ${f.bar} sits at ${f.base}, not on a 4 KiB boundary; the hypervisor maps guest memory in pages, so a BAR sharing a page with another device's registers cannot be given to a VM without exposing them`,
            fix: 'make the Service VM kernel align small BARs to pages: pci=resource_alignment=4096@B:D.F (or pci=realloc), then check with lspci -vv that the BAR starts on a page',
          }
        : f.step
          ? {
              title: "The device's MSI-X table could not be mapped",
              cause:
                "acrn-dm maps the pages of the MSI-X table (and the PBA sharing them) through libpciaccess, i.e. the sysfs resourceN file of the device; the mmap failed: the Service VM kernel restricts access to the BAR (CONFIG_IO_STRICT_DEVMEM or a driver holding the region), or the device's BAR is gone (it stopped answering)",
              fix: "unbind the Service VM's driver from the device before launching, and check that /sys/bus/pci/devices/ADDR/resourceN can be mapped (no driver claims the region in /proc/iomem)",
            }
          : undefined,
    render: render('', 0, 2, 0),
    examples: [
      ex('failed to initialize BARs for PCI 0/2/0', { slashbdf: '0/2/0' }),
      ex('Failed to map PBA page for MSI-X on 4/0/0', { slashbdf: '4/0/0' }),
      ex('passthru device 0/17/0 BAR 0: base 0x91218800 not page aligned', {
        bar: '0',
        step: 'not page aligned',
      }),
    ],
  },
  {
    id: 'acrn.no-physical-device',
    source: 'acrn',
    cite: `${ACRN} passthru_init() (libpciaccess pci_slot_match_iterator over the host devices)`,
    format: 'No physical PCI device %x:%x.%x!',
    versions:
      'preceded for option errors by "Invalid passthru BDF options:%s" and "Invalid passthru options:%s"',
    patterns: [
      /No physical PCI device (?<addr>[0-9a-fA-F]{1,2}:[0-9a-fA-F]{1,2}\.[0-7])!/,
      /Invalid passthru (?<what>BDF )?options:\s?(?<opt>[^\n]{1,60})/,
    ],
    severity: 'error',
    title: 'acrn-dm did not find the PCI device named in its options',
    cause:
      'the passthru option of the launch script names a bus/slot/function that libpciaccess does not see in the Service VM: a wrong or renumbered address, a device that another VM already owns (it is then hidden from the Service VM), or a malformed option (acrn-dm expects "-s <slot>,passthru,BB/DD/F" with hex parts and slashes)',
    fix: 'check the address with lspci in the Service VM and write it as BB/DD/F (e.g. passthru,01/00/0); keep only the options acrn-dm knows (keep_gsi, no_reset and similar)',
    render: render('', 1, 0, 0),
    examples: [
      ex('No physical PCI device 1:0.0!', { addr: '1:0.0' }),
      ex('Invalid passthru BDF options:01:00.0', { opt: '01:00.0' }),
    ],
  },
  {
    id: 'acrn.intx-only',
    source: 'acrn',
    cite: `${ACRN} cfginit() / passthru_init()`,
    format: 'MSI not supported for PCI %x/%x/%x',
    versions: 'then, for INTx routing: "ptdev %x/%x/%x has wrong phys_pin %d, likely fail!"',
    patterns: [
      new RegExp(`MSI not supported for PCI ${SLASH_BDF}`),
      new RegExp(`ptdev ${SLASH_BDF} has wrong phys_pin (?<pin>-?\\d{1,4}), likely fail`),
    ],
    severity: 'info',
    title: 'The device has only a legacy (INTx) interrupt',
    cause:
      'the device has neither MSI nor MSI-X, so acrn-dm routes its legacy interrupt line to the guest; that works, but the line may be shared with devices of other VMs, which costs latency',
    fix: 'nothing to do if the device works; prefer devices with MSI for real-time VMs',
    refine: (f) =>
      f.pin !== undefined
        ? {
            severity: 'error',
            title: "The device's legacy interrupt line is not set",
            cause: `the Interrupt Line register reads ${f.pin}: the firmware routed no INTx for the device, so acrn-dm cannot connect it and the guest will get no interrupts from it`,
            fix: "enable the device's interrupt in the firmware setup, or use a device with MSI",
          }
        : undefined,
    render: render('', 0, 0x1f, 3),
    examples: [
      ex('MSI not supported for PCI 0/1f/3', { slashbdf: '0/1f/3' }),
      ex('ptdev 0/1f/3 has wrong phys_pin 255, likely fail!', { pin: '255' }),
    ],
  },
  {
    id: 'acrn.reset-failed',
    source: 'acrn',
    cite: `${ACRN} cfginit() (a write of "1" to /sys/bus/pci/devices/0000:BB:DD.F/reset, or the D3hot-D0 reset)`,
    format: 'reset dev %x/%x/%x failed!\n',
    versions: 'also "ptdev %x/%x/%x do d3hot_reset failed!"',
    patterns: [new RegExp(`(?:reset dev|ptdev) ${SLASH_BDF} (?:do d3hot_reset )?failed!`)],
    severity: 'warning',
    title: 'acrn-dm could not reset the device before giving it to the VM',
    cause:
      "acrn-dm resets each device before passthrough so that a rebooted guest finds it clean; the kernel's reset (FLR, bus reset or a power-state cycle) failed, so the device keeps whatever state the last user left",
    fix: 'usually harmless for a first start; if the device misbehaves after a guest reboot, give it a working reset (pass all functions of the card, or a slot where it is alone below its bridge) or use no_reset only for devices known not to need one',
    render: render('', 1, 0, 0),
    examples: [ex('reset dev 1/0/0 failed!', { slashbdf: '1/0/0' })],
  },
  {
    id: 'acrn.pio-unsupported',
    source: 'acrn',
    cite: `${ACRN} passthru_read() / passthru_write()`,
    format: 'Passthru: PIO read not supported\n',
    versions: 'also "Passthru: PIO write not supported, ignored"',
    patterns: [/Passthru: PIO (?<dir>read|write) not supported/],
    severity: 'warning',
    title: 'The guest touched an I/O-port BAR acrn-dm does not pass through',
    cause:
      'this acrn-dm version passes memory BARs but not I/O-port BARs; the guest driver read or wrote one, got all ones or was ignored. Devices that need their I/O ports (some legacy controllers) will not work',
    fix: 'use a newer ACRN that handles I/O BARs, or a device whose driver uses memory BARs only',
    render: render(''),
    examples: [ex('Passthru: PIO read not supported', { dir: 'read' })],
  },

  // ---------------------------------------------------------------- Proxmox VE
  {
    id: 'pve.iommu-not-present',
    source: 'proxmox',
    cite: `${PVE_PCI} prepare_pci_device() (PVE::SysFSTools::check_iommu_support(): /sys/class/iommu/ empty)`,
    format: 'cannot prepare PCI pass-through, IOMMU not present\n',
    patterns: [/cannot prepare PCI pass-through, IOMMU not present/],
    severity: 'error',
    title: 'Proxmox found no active IOMMU',
    cause:
      'before starting a VM with hostpci devices Proxmox checks that the kernel registered an IOMMU (/sys/class/iommu/ has an entry); it has none: VT-d/AMD-Vi (or "IOMMU") is off in the firmware, or on Intel with a kernel before 6.8 intel_iommu=on is missing from the command line',
    fix: 'enable VT-d/AMD-Vi in the firmware; add intel_iommu=on to the kernel command line (/etc/default/grub then update-grub, or /etc/kernel/cmdline then proxmox-boot-tool refresh); reboot and check dmesg for "DMAR: IOMMU enabled" / "AMD-Vi: ... enabled" (`vfiokit doctor`)',
    render: render('TASK ERROR: '),
    examples: [ex('TASK ERROR: cannot prepare PCI pass-through, IOMMU not present')],
  },
  {
    id: 'pve.device-not-found',
    source: 'proxmox',
    cite: `${PVE_PCI} prepare_pci_device() (PVE::SysFSTools::pci_device_info() found no sysfs directory) and parse_hostpci() (lspci($id) found nothing)`,
    format: "no pci device info for device '%s'\n",
    versions: 'parse_hostpci() says "no PCI device found for \'%s\'" for the same cause',
    patterns: [
      /no pci device info for device '(?<id>[0-9a-fA-F:.]{4,16})'/,
      /no PCI device found for '(?<id>[0-9a-fA-F:.]{4,16})'/,
    ],
    severity: 'error',
    title: 'The hostpci address does not exist on this host',
    cause:
      'the address in hostpciN names no PCI device here: addresses move when cards are added or removed, a firmware update or setting (bifurcation, an onboard device switched off) renumbers the buses, or the device disappeared (it fell off the bus after a failed reset, or the VM config came from another node)',
    fix: 'find the device again with lspci -nn and update hostpciN (or use a cluster resource mapping, which follows the device by vendor/device id); if it is missing from lspci, power-cycle the host',
    render: render('TASK ERROR: ', '0000:0b:00.0'),
    examples: [
      ex("kvm: no pci device info for device '0000:0b:00.0'", { id: '0000:0b:00.0' }),
      ex("TASK ERROR: no PCI device found for '0000:c1:00.0'", { id: '0000:c1:00.0' }),
    ],
  },
  {
    id: 'pve.group-bind-failed',
    source: 'proxmox',
    cite: `${PVE_PCI} prepare_pci_device(); ${PVE_SYSFS} pci_dev_group_bind_to_vfio() / pci_dev_bind_to_vfio()`,
    format: "can't unbind/bind PCI group to VFIO '%s'\n",
    versions: 'SysFSTools dies first with "Cannot bind %s to vfio" for the device of the group that failed',
    patterns: [
      /can't unbind\/bind PCI group to VFIO '(?<id>[0-9a-fA-F:.]{4,16})'/,
      /Cannot bind (?<member>[0-9a-fA-F:.]{7,16}) to vfio/,
    ],
    severity: 'error',
    title: "Proxmox could not move the device's IOMMU group to vfio-pci",
    cause:
      "Proxmox binds every endpoint of the IOMMU group (bridges skipped) to vfio-pci: it writes the vendor/device id to vfio-pci's new_id, unbinds the current driver and binds vfio-pci. One device refused — its host driver could not let go (the GPU that drives the host console, a NIC or storage controller the host uses, a driver that ignores unbind), or the group holds a device that must stay with the host (a chipset SATA/USB controller)",
    fix: 'bind the devices to vfio-pci at boot instead (options vfio-pci ids=vvvv:dddd plus softdep on the host driver), and check with `vfiokit groups` that the group holds only devices you can give away; a device the host needs means another slot or ACS',
    render: render('TASK ERROR: ', '0000:01:00.0'),
    examples: [
      ex("TASK ERROR: can't unbind/bind PCI group to VFIO '0000:01:00.0'", { id: '0000:01:00.0' }),
      ex('Cannot bind 0000:00:17.0 to vfio', { member: '0000:00:17.0' }),
    ],
  },
  {
    id: 'pve.iommu-group-missing',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_dev_group_bind_to_vfio() (opendir of /sys/bus/pci/devices/ADDR/iommu_group/devices/)`,
    format: 'Cannot open iommu_group: %s\n',
    versions:
      'the same function: "Cannot find vfio-pci module!" when /sys/bus/pci/drivers/vfio-pci is missing after modprobe',
    patterns: [/Cannot open iommu_group: (?<err>[A-Z][A-Za-z /-]{2,60})/, /Cannot find vfio-pci module!/],
    severity: 'error',
    title: 'Proxmox found no IOMMU group (or no vfio-pci) for the device',
    cause:
      'the device has no iommu_group directory, which the kernel creates only when an IOMMU is active — VT-d/AMD-Vi is off in the firmware or the kernel (intel_iommu=on missing on Intel before kernel 6.8); or, for the vfio-pci message, modprobe vfio-pci did not produce the driver (a kernel without VFIO, or a blacklisted module)',
    fix: 'enable the IOMMU (firmware and kernel command line, then reboot; `vfiokit doctor`); for vfio-pci, check `modprobe -v vfio-pci` and that it is not blacklisted',
    render: render('TASK ERROR: ', 'No such file or directory'),
    examples: [ex('TASK ERROR: Cannot open iommu_group: No such file or directory', { errno: 'ENOENT' })],
  },
  {
    id: 'pve.device-reserved',
    source: 'proxmox',
    cite: `${PVE_PCI} reserve_pci_usage()`,
    format: "PCI device '%s' already in use by VMID '%s'\n",
    versions:
      "also \"PCI device '%s' is currently reserved for use by VMID '%s'\" (a VM of that id is starting) and \"PCI device '%s' already in use by running VMID '%s'\"; with a resource mapping listing several devices: \"could not find a free device for 'hostpci%d'\"",
    patterns: [
      /PCI device '(?<id>[0-9a-fA-F:.]{4,16})' (?<how>already in use by(?: running)?|is currently reserved for use by) VMID '(?<vmid>\d{1,9})'/,
      /could not find a free device for 'hostpci(?<slot>\d{1,2})'/,
    ],
    severity: 'error',
    title: 'Another VM holds the PCI device',
    cause:
      'Proxmox keeps a reservation per PCI device (/run/qemu-server/pci-id-reservations): the device is given to a running VM, or another VM with it is starting right now. A device can be in only one running VM',
    fix: 'stop the other VM (or remove the device from it) before starting this one; for a pool of identical devices use a cluster resource mapping with several devices so each VM gets a free one',
    refine: (f) =>
      f.slot !== undefined
        ? {
            cause: `every device listed in the resource mapping of hostpci${f.slot} is reserved by another VM or already used by this one`,
            fix: 'add more devices to the mapping, or stop a VM that holds one',
          }
        : undefined,
    render: render('TASK ERROR: ', '0000:01:00.0', '101'),
    examples: [
      ex("TASK ERROR: PCI device '0000:01:00.0' already in use by VMID '101'", {
        id: '0000:01:00.0',
        vmid: '101',
      }),
      ex("could not find a free device for 'hostpci0'", { slot: '0' }),
    ],
  },
  {
    id: 'pve.leftover-reservation',
    source: 'proxmox',
    cite: `${PVE_PCI} reserve_pci_usage()`,
    format: 'leftover PCI reservation found for %s, lets take it...\n',
    patterns: [/leftover PCI reservation found for (?<id>[0-9a-fA-F:.]{4,16}), lets take it/],
    severity: 'info',
    title: 'A stale PCI reservation was taken over (harmless)',
    cause:
      'the reservation file named a VM whose process is gone (it crashed or was killed), so Proxmox hands the device to the VM starting now',
    fix: 'nothing to do',
    render: render('', '0000:01:00.0'),
    examples: [
      ex('leftover PCI reservation found for 0000:01:00.0, lets take it...', { id: '0000:01:00.0' }),
    ],
  },
  {
    id: 'pve.legacy-igd-config',
    source: 'proxmox',
    cite: `${PVE_PCI} parse_hostpci_devices()`,
    format: "legacy IGD assignment requires VGA mode to be 'none'\n",
    versions:
      'the same check: "legacy IGD assignment requires rombar to be enabled", "… is not compatible with x-vga", "… with mdev", "… with q35", "… with multifunction devices", "… with alternate devices", "legacy IGD assignment only works for devices on host bus 00:02.0", "only one device can be assigned in legacy-igd mode"',
    patterns: [
      /legacy IGD assignment (?<rule>requires VGA mode to be 'none'|requires rombar to be enabled|is not compatible with (?:x-vga|mdev|q35|multifunction devices|alternate devices)|only works for devices on host bus 00:02\.0)/,
      /only one device can be assigned in legacy-igd mode/,
    ],
    severity: 'error',
    title: 'The legacy-igd hostpci options do not fit together',
    cause:
      "legacy IGD mode makes the host's Intel integrated GPU the guest's primary VGA device at 00:02.0, which QEMU's legacy IGD code only supports on an i440fx machine, without any emulated VGA, with the ROM visible, for the single function 00:02.0 and nothing else",
    fix: 'set vga: none, keep rombar on, use the i440fx machine type (not q35), pass only 00:02.0 with legacy-igd=1 and no x-vga/mdev; for q35 or UEFI guests use plain (UPT) IGD assignment without legacy-igd',
    refine: (f) =>
      f.rule === "requires VGA mode to be 'none'"
        ? {
            fix: "set the VM's display to none (qm set VMID --vga none): the IGD takes over the VGA role and address 00:02.0",
          }
        : f.rule === 'is not compatible with q35'
          ? {
              fix: 'switch the VM to the i440fx machine type, or drop legacy-igd and assign the IGD as a secondary device on q35',
            }
          : undefined,
    render: render('TASK ERROR: '),
    examples: [
      ex("kvm: legacy IGD assignment requires VGA mode to be 'none' (hostpci0)", {
        rule: "requires VGA mode to be 'none'",
      }),
      ex('legacy IGD assignment is not compatible with q35', { rule: 'is not compatible with q35' }),
    ],
  },
  {
    id: 'pve.pcie-needs-q35',
    source: 'proxmox',
    cite: `${PVE_PCI} parse_hostpci_devices()`,
    format: 'q35 machine model is not enabled',
    patterns: [/q35 machine model is not enabled/],
    severity: 'error',
    title: 'pcie=1 was set on a VM without the q35 machine type',
    cause:
      'a hostpci entry asks for the PCI Express bus (pcie=1), which only the q35 machine has; the VM uses i440fx',
    fix: 'set the machine type to q35 (qm set VMID --machine q35), or drop pcie=1 from the hostpci entry',
    render: render('TASK ERROR: '),
    examples: [
      ex('TASK ERROR: q35 machine model is not enabled at /usr/share/perl5/PVE/QemuServer/PCI.pm line 401.'),
    ],
  },
  {
    id: 'pve.mapping-invalid',
    source: 'proxmox',
    cite: `${PVE_PCI} parse_hostpci() (PVE::Mapping::PCI::find_on_current_node() / assert_valid())`,
    format: "PCI device mapping not found for '%s'\n",
    versions:
      'also "PCI device mapping invalid (hardware probably changed): %s", and the syntax checks "Cannot set both \'host\' and \'mapping\'.", "Either \'host\' or \'mapping\' must be set.", "cannot use mediated device with multifunction device"',
    patterns: [
      /PCI device mapping (?<what>not found for '[^'\n]{1,64}'|invalid \(hardware probably changed\))(?:: (?<detail>[^\n]{1,200}))?/,
      /(?<what>Cannot set both 'host' and 'mapping'|Either 'host' or 'mapping' must be set|cannot use mediated device with multifunction device)/,
      // the checks as the resource-mapping view and `pvesh get /cluster/mapping/pci --check-node` show them
      /^(?<detail>'(?:id|subsystem-id|iommugroup)' does not match for '[^'\n]{1,64}' \([^)\n]{1,40}\))/,
    ],
    severity: 'error',
    title: 'The hostpci resource mapping does not match this node',
    cause:
      'a hostpci entry uses a cluster resource mapping: either the mapping has no entry for this node, or the device it names here no longer matches (its vendor/device/subsystem id or IOMMU group changed — a card was swapped or moved, a firmware update renumbered the buses)',
    fix: 'edit the mapping (Datacenter → Resource Mappings) for this node and pick the device again; entries that the GUI marks with a warning are the ones whose hardware changed',
    // the detail is PVE::Mapping::PCI::assert_valid()'s die message (proxmox/pve-guest-common src/PVE/Mapping/PCI.pm)
    refine: (f) => {
      const d = f.detail ?? '';
      const prop = /^'(id|subsystem-id|iommugroup)' does not match for '([^']*)' \(([^ ]*) != ([^)]*)\)/.exec(
        d,
      );
      if (prop) {
        const [, key, name, found, configured] = prop;
        const what =
          key === 'iommugroup'
            ? `the device is now in IOMMU group ${found}, the mapping expects ${configured}: the groups were renumbered (a card added or moved, a firmware update or changed ACS/IOMMU settings), and Proxmox refuses because a different grouping can mean the device now shares its group with others`
            : key === 'id'
              ? `the device at the mapped address is ${found}, the mapping expects ${configured}: another card sits at that address now (cards swapped or moved, buses renumbered)`
              : `the device at the mapped address has subsystem ID ${found}, the mapping expects ${configured}: a different board variant of the same chip sits at that address (a replaced card), or the mapping was written by hand`;
        return {
          title: `The PCI resource mapping '${name}' no longer matches the hardware`,
          cause: `${what}. assert_valid() compares each mapped device's vendor:device, subsystem and (for the first device) IOMMU group with what the mapping recorded, and stops the VM start on a difference`,
          fix: `open Datacenter → Resource Mappings → ${name}, edit this node's entry and select the device again (it records the current IDs and group); check with \`lspci -nnD\` and /sys/kernel/iommu_groups that it is the device you mean`,
        };
      }
      const gone = /^pci device '([^']*)' not found/.exec(d);
      if (gone)
        return {
          title: 'The PCI resource mapping names a device that is not there',
          cause: `the mapping's path ${gone[1]} names no PCI device on this node: the card was removed or moved, the buses were renumbered, or (for an SR-IOV virtual function) the VFs were not created yet when the VM started`,
          fix: 'edit the mapping for this node and select the device at its current address; create SR-IOV VFs at boot (before VMs start) if the mapping names one',
        };
      if (/^no '[^']*' for device|configured but should not be/.test(d))
        return {
          title: 'The PCI resource mapping records different properties than the device has',
          cause: `${d.trim()}: the mapping lacks a property the device has (or has one the device lacks), e.g. a subsystem ID — the mapping was written by hand or by an older version, or another device sits there now`,
          fix: 'edit the mapping for this node and select the device again so that its properties are recorded from the hardware',
        };
      return f.what && !f.what.startsWith('not found') && !f.what.startsWith('invalid')
        ? {
            title: 'The hostpci entry is not well formed',
            cause:
              'a hostpci entry must name either host= (an address) or mapping= (a resource mapping), exactly one of them, and an mdev type works only on a single function',
            fix: 'write hostpciN: host=0000:01:00.0 (or mapping=NAME), and give mdev= only with a single function (not 01:00)',
          }
        : undefined;
    },
    render: render('TASK ERROR: ', 'gpu1'),
    examples: [
      ex("TASK ERROR: PCI device mapping not found for 'gpu1'", { what: "not found for 'gpu1'" }),
      ex('PCI device mapping invalid (hardware probably changed): iommu group not correct', {
        what: 'invalid (hardware probably changed)',
      }),
      ex(
        "PCI device mapping invalid (hardware probably changed): 'iommugroup' does not match for 'gpu0' (14 != 13)",
        {
          detail: "'iommugroup' does not match for 'gpu0' (14 != 13)",
        },
      ),
      ex("'id' does not match for 'nic1' (8086:1521 != 8086:1533)", {
        detail: "'id' does not match for 'nic1' (8086:1521 != 8086:1533)",
      }),
    ],
  },

  // ---------------------------------------------------------------- KubeVirt
  {
    id: 'kubevirt.device-count-mismatch',
    source: 'kubevirt',
    cite: `${KUBEVIRT}/gpu/hostdev.go CreateHostDevices() and generic/hostdev.go validateCreationOfAllDevices() (addresses from PCI_RESOURCE_*/MDEV_PCI_RESOURCE_* in hostdevice/addresspool.go)`,
    format:
      'failed to create GPU host-devices: the number of GPU/s do not match the number of devices:\nGPU: %s\nDevice: %s',
    versions:
      'KubeVirt 0.45 wrote "failed to creade GPU host-devices"; host devices: "failed to create generic host-devices: the number of generic host-devices do not match the number of devices"',
    patterns: [
      /failed to crea(?:t|d)e (?<kind>GPU|generic) host-devices: the number of (?:GPU\/s|generic host-devices) do not match the number of devices(?<rest>[^\n]{0,40}Device: \[\])?/,
    ],
    severity: 'error',
    title: 'virt-launcher got no host address for the requested GPU or host device',
    cause:
      'virt-launcher builds the VM\'s hostdevs from the PCI addresses that the device plugin put into the pod\'s environment when it allocated the resource (PCI_RESOURCE_<RESOURCE_NAME>, MDEV_PCI_RESOURCE_<…> for vGPUs); there were fewer addresses than requested devices ("Device: []" means none). The resource was allocated by a plugin that does not export addresses — typically the NVIDIA container device plugin advertising nvidia.com/gpu on the same node — or externalResourceProvider: true names a plugin that is not running',
    fix: "let one plugin own the resource: with externalResourceProvider: false and a pciVendorSelector in permittedHostDevices KubeVirt's own plugin allocates the devices (bound to vfio-pci on the node); with the NVIDIA GPU operator use its VM-passthrough mode (sandbox device plugin) and the resource names it advertises; do not also run the container nvidia-device-plugin for that resource",
    render: render('server error. command SyncVMI failed: "', '[{gpu1 nvidia.com/gpu <nil> }]', '[]'),
    examples: [
      ex(
        'server error. command SyncVMI failed: "failed to creade GPU host-devices: the number of GPU/s do not match the number of devices:\\nGPU: [{gpu1 nvidia.com/20b0}]\\nDevice: []"',
        { kind: 'GPU' },
        'https://github.com/NVIDIA/kubevirt-gpu-device-plugin/issues/26',
      ),
      ex(
        '{"component":"virt-launcher","kind":"","level":"error","msg":"Failed to sync vmi","name":"win10-tesla-m6","namespace":"default","pos":"server.go:202","reason":"failed to create GPU host-devices: the number of GPU/s do not match the number of devices:\\nGPU: [{gpu1 nvidia.com/gpu <nil> }]\\nDevice: []","timestamp":"2023-07-21T15:42:58.783365Z","uid":"0560ac56-96f3-45b4-a557-bea9dda6bb21"}',
        { kind: 'GPU' },
        'https://github.com/NVIDIA/gpu-operator/issues/556',
      ),
    ],
  },
  {
    id: 'kubevirt.resource-env-missing',
    source: 'kubevirt',
    cite: `${KUBEVIRT}/addresspool.go AddressPool.load()`,
    format: '%s not set for resource %s',
    patterns: [
      /(?<env>(?:MDEV_)?PCI_RESOURCE_[A-Z0-9_-]{1,80}(?:_ROOT_COMPLEX)?) not set for resource (?<resource>[\w.-]{1,63}\/[\w.-]{1,63})/,
    ],
    severity: 'warning',
    title: 'The device plugin gave the pod no PCI address for a resource',
    cause:
      "virt-launcher builds both a PCI address pool and a mediated-device pool for every GPU / host-device resource, so it looks up both PCI_RESOURCE_<NAME> (passthrough) and MDEV_PCI_RESOURCE_<NAME> (vGPU) for each, and one of the two is always missing: PCI_RESOURCE_ missing for a mediated-device (vGPU) resource is expected and harmless. Only the variable that matches the device's kind must be set by the device plugin: a missing PCI_RESOURCE_ for a device passed through whole means the resource came from a plugin that does not export addresses (the resource name in the variable keeps its dashes; dots and slashes become underscores)",
    fix: "check which plugin advertises the resource on the node (kubectl describe node) and that it is KubeVirt's own (externalResourceProvider: false) or a VM-passthrough plugin such as NVIDIA's sandbox device plugin",
    refine: (f) =>
      f.env?.startsWith('MDEV_')
        ? {
            severity: 'info',
            title: 'No vGPU address for this resource (harmless for a passthrough device)',
            cause:
              'virt-launcher also looks for a mediated-device (vGPU) address for every resource; for a device passed through whole, MDEV_PCI_RESOURCE_ is never set and the warning means nothing',
            fix: 'nothing to do unless the device is a vGPU; then the vGPU plugin did not allocate it',
          }
        : f.env?.endsWith('_ROOT_COMPLEX')
          ? {
              severity: 'info',
              title: 'No NUMA root-complex hint for the resource (harmless)',
              cause:
                'the optional hint used to place the device on a NUMA-aligned PCI expander bus is missing; the device is still assigned',
              fix: 'nothing to do',
            }
          : undefined,
    render: render('', 'PCI_RESOURCE_NVIDIA_COM_GPU', 'nvidia.com/gpu'),
    examples: [
      ex(
        '{"component":"virt-launcher","level":"warning","msg":"PCI_RESOURCE_NVIDIA_COM_GPU not set for resource nvidia.com/gpu","pos":"addresspool.go:51","timestamp":"2023-07-21T15:42:58.864295Z"}',
        { env: 'PCI_RESOURCE_NVIDIA_COM_GPU', resource: 'nvidia.com/gpu' },
        'https://github.com/NVIDIA/gpu-operator/issues/556',
      ),
      ex('MDEV_PCI_RESOURCE_NVIDIA_COM_TU104GL_TESLA_T4 not set for resource nvidia.com/TU104GL_Tesla_T4', {
        env: 'MDEV_PCI_RESOURCE_NVIDIA_COM_TU104GL_TESLA_T4',
      }),
    ],
  },
  {
    id: 'kubevirt.device-not-permitted',
    source: 'kubevirt',
    cite: 'kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go validateGPUs() / validateHostDevices()',
    format: 'HostDevice %s is not permitted in permittedHostDevices configuration',
    versions:
      'also "GPU %s is not permitted in permittedHostDevices configuration"; KubeVirt ≤ 0.35: "… is not permitted in kubevirt-host-device-plugin-config"; virt-controller repeats it as "failed to render launch manifest: …"',
    patterns: [
      /(?<kind>GPU|HostDevice) (?<resource>[\w.-]{1,63}\/[\w.-]{1,80}) is not permitted in (?:permittedHostDevices configuration|kubevirt-host-device-plugin-config)/,
    ],
    severity: 'error',
    title: 'The VM asks for a device resource KubeVirt does not permit',
    cause:
      "the resource name in the VM's gpus/hostDevices (deviceName) is not listed in the KubeVirt CR under spec.configuration.permittedHostDevices (pciHostDevices, mediatedDevices or usb), so the admission webhook refuses the VM",
    fix: 'add it to the KubeVirt CR: permittedHostDevices.pciHostDevices: [{pciVendorSelector: "10DE:1EB8", resourceName: "nvidia.com/TU104GL_Tesla_T4"}] (externalResourceProvider: true if another plugin advertises it), with the HostDevices/GPU feature gates on; the resource name must match the VM spec exactly',
    render: render(
      'admission webhook "virtualmachineinstances-create-validator.kubevirt.io" denied the request: ',
      'nvidia.com/GP104GL',
    ),
    examples: [
      ex(
        'failed to render launch manifest: HostDevice nvidia.com/GRID_T4-1Q is not permitted in permittedHostDevices configuration',
        {
          kind: 'HostDevice',
        },
      ),
    ],
  },
  {
    id: 'kubevirt.sriov-network-info-missing',
    source: 'kubevirt',
    cite: `${KUBEVIRT}/sriov/hostdev.go CreateHostDevices() (newPCIAddressPoolWithNetworkStatusFromFile())`,
    format: 'failed to create SR-IOV hostdevices: %s',
    versions: 'the same function: "found no SR-IOV networks to PCI-Address mapping"',
    patterns: [
      /failed to create SR-IOV hostdevices: (?<why>[^\n"]{1,160})/,
      /found no SR-IOV networks to PCI-Address mapping/,
    ],
    severity: 'warning',
    title: 'virt-launcher did not learn which VF each SR-IOV network got',
    cause:
      "for SR-IOV interfaces virt-launcher reads the network-status that Multus writes (through the downward API) to learn the VF's PCI address for each network; the file was not filled in time or names no PCI address — the SR-IOV CNI did not report deviceInfo, Multus is old, or the node is slow (KubeVirt retries, so a single warning on a busy node is harmless)",
    fix: 'if the VM never starts: check the pod\'s k8s.v1.cni.cncf.io/network-status annotation for a "device-info" with a "pci-address" per SR-IOV network, and update Multus/SR-IOV CNI so they report it',
    render: render(
      '',
      'failed to create PCI address pool with network status from file: context deadline exceeded: file is not populated with network-info',
    ),
    examples: [
      ex(
        'failed to create SR-IOV hostdevices: failed to create PCI address pool with network status from file: context deadline exceeded: file is not populated with network-info',
      ),
    ],
  },
  {
    id: 'kubevirt.libvirt-pci-slot-scan',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressFindUnusedFunctionOnBus() (VIR_DEBUG / info level in virt-launcher logs)',
    format: 'PCI slot %.4x:%.2x:%.2x already in use',
    versions: 'printed in turn with "Found free PCI slot %.4x:%.2x:%.2x" and "Reserving PCI address …"',
    patterns: [/PCI slot (?<slot>[0-9a-f]{1,4}:[0-9a-f]{1,2}:[0-9a-f]{1,2}) already in use/],
    severity: 'info',
    title: 'libvirt looking for a free guest PCI slot (harmless)',
    cause:
      'while it assigns guest PCI addresses libvirt walks the buses and logs every slot it skips because a device already sits there; KubeVirt passes these debug lines into the virt-launcher log. They say nothing about the host device',
    fix: 'nothing to do; the real error, if any, is a later line (e.g. "No more available PCI slots" or a QEMU error)',
    render: render('{"component":"virt-launcher","level":"info","msg":"', 0, 3, 0),
    examples: [
      ex(
        '{"component":"virt-launcher","level":"info","msg":"PCI slot 0000:02:00 already in use","pos":"virDomainPCIAddressFindUnusedFunctionOnBus:1077","subcomponent":"libvirt"}',
        { slot: '0000:02:00' },
      ),
    ],
  },
  {
    id: 'kubevirt.no-free-pci-slot',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_addr.c virDomainPCIAddressGetNextAddr()',
    format: 'No more available PCI slots',
    patterns: [/No more available PCI slots/],
    severity: 'error',
    title: 'The guest has no free PCI slot for the device',
    cause:
      'libvirt found no bus in the guest that accepts the device: on q35 every PCIe device needs its own pcie-root-port, and for a live attach the port must already exist and be empty (ports cannot be hot-added). The domain was defined without a spare root port: management layers add only a limited number, and each hot-plugged disk, NIC or host device takes one',
    fix: "define spare ports before starting: add <controller type='pci' model='pcie-root-port'/> elements to the domain (virt-install --controller pci,model=pcie-root-port); in KubeVirt add the host device to the VM spec and restart the VM instead of attaching it live",
    render: render('error: internal error: '),
    examples: [
      ex(
        'error: internal error: No more available PCI slots',
        undefined,
        'https://github.com/kubevirt/kubevirt/issues/11981',
      ),
    ],
  },

  // ---------------------------------------------------------------- Kata Containers runtime (Go)
  {
    id: 'kata.iommu-group-missing',
    source: 'container runtime',
    cite: 'kata-containers/kata-containers src/runtime/pkg/device/drivers/utils.go GetAllVFIODevicesFromIOMMUGroup() (os.ReadDir of /sys/kernel/iommu_groups/<base name of the /dev/vfio path>/devices)',
    format: 'open %s: %s',
    versions:
      'Go\'s os.PathError, passed up unchanged ("failed to create shim task: open /sys/kernel/iommu_groups/N/devices: no such file or directory: unknown"); the same function fails with "Incorrect tokens found while parsing VFIO details: %s" for a group member that is neither a PCI address nor an mdev UUID',
    patterns: [
      /open \/sys\/kernel\/iommu_groups\/(?<node>\d{1,6}|vfio|[\w-]{1,40})\/devices: (?<err>no such file or directory|permission denied)/,
    ],
    severity: 'error',
    title: 'Kata could not list the IOMMU group of a /dev/vfio device it was given',
    cause:
      'for every /dev/vfio/N in the container spec the Kata runtime lists /sys/kernel/iommu_groups/N/devices to pass the whole group to the VM; that directory does not exist on this host',
    fix: 'pass the group node that exists here (ls /dev/vfio; readlink /sys/bus/pci/devices/ADDR/iommu_group gives the number), bound to vfio-pci',
    refine: (f) =>
      f.node === 'vfio'
        ? {
            title: 'Kata treated /dev/vfio/vfio as an IOMMU group',
            cause:
              'the container was given /dev/vfio/vfio (the VFIO container node, which is not a group) and this Kata version looks it up as group "vfio"; device plugins and `docker --device` often add it next to the group node',
            fix: 'pass only the group nodes /dev/vfio/N to a Kata container (the runtime opens the container node on the host itself), or update Kata to a release that skips /dev/vfio/vfio',
          }
        : /^\d{1,6}$/.test(f.node ?? '')
          ? {
              cause: `the host has no IOMMU group ${f.node}: the group number in the container spec is stale (groups renumber when devices or firmware settings change, or the spec came from another node) or the IOMMU is off so there are no groups at all`,
            }
          : undefined,
    render: render(
      'failed to create shim task: ',
      '/sys/kernel/iommu_groups/45/devices',
      'no such file or directory',
    ),
    examples: [
      ex(
        'ctr: failed to create shim task: open /sys/kernel/iommu_groups/45/devices: no such file or directory: unknown',
        {
          node: '45',
          errno: 'ENOENT',
        },
      ),
      ex(
        'failed to create shim task: open /sys/kernel/iommu_groups/vfio/devices: no such file or directory: unknown',
        {
          node: 'vfio',
        },
      ),
    ],
  },

  // ---------------------------------------------------------------- XML written by a management layer
  {
    id: 'mgmt.libvirt-pci-address-invalid',
    source: 'libvirt',
    cite: "libvirt/libvirt src/conf/device_conf.c virPCIDeviceAddressIsValid() (parsing an <address type='pci'> of the domain XML)",
    format: "Invalid PCI address slot='0x%1$x', must be <= 0x1F",
    versions:
      'same function: "Invalid PCI address bus=\'0x%1$x\', must be <= 0xFF", "Invalid PCI address function=0x%1$x, must be <= 7"',
    patterns: [
      /Invalid PCI address (?<field>slot|bus)='(?<value>0x[0-9a-fA-F]{1,8})', must be <= 0x(?:1F|FF)/,
      /Invalid PCI address (?<field>function)=(?<value>0x[0-9a-fA-F]{1,8}), must be <= 7/,
    ],
    severity: 'error',
    title: 'The domain XML holds a PCI address libvirt cannot parse',
    cause:
      'a <source><address …/> or guest <address …/> has a field out of range (slot above 0x1f, bus above 0xff, function above 7). Hand-written XML rarely does this; a management layer that builds the hostdev from a host address does when it splits the address wrongly — a device in a non-zero PCI domain (0001:d6:00.0) read as bus:slot.function, so the bus lands in slot — or mixes decimal and hex',
    fix: "write the host device as <address domain='0x0001' bus='0xd6' slot='0x00' function='0x0'/> (all four fields, hex); with a cloud stack (CloudStack, OpenNebula) update it or its agent scripts so they keep the PCI domain, and check the device with lspci -D",
    render: render('error: XML error: ', 0xd6),
    examples: [
      ex("error: XML error: Invalid PCI address slot='0x41', must be <= 0x1F", {
        field: 'slot',
        value: '0x41',
      }),
      ex('error: XML error: Invalid PCI address function=0x8, must be <= 7', { field: 'function' }),
    ],
  },

  // ---------------------------------------------------------------- Kubernetes device plumbing
  {
    id: 'mgmt.k8s-insufficient-device',
    source: 'kubernetes',
    cite: 'kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go (the "Insufficient %v" reason, joined into "0/%d nodes are available: …")',
    format: 'Insufficient %s',
    patterns: [
      /(?<nodes>\d{1,5}) Insufficient (?<resource>[\w.-]{1,63}\/[\w-]{1,80}|hugepages-\d{1,4}[KMG]i)/,
    ],
    severity: 'error',
    title: 'No node has a free unit of the device resource',
    cause:
      "the pod (a KubeVirt virt-launcher, a Kata pod, a DPDK pod) requests an extended resource that no node can give: the device plugin that advertises it is not running or registered on the node, it advertises 0 because the devices are not in the state it expects (bound to vfio-pci for KubeVirt's permitted host devices and VM-passthrough plugins, VFs not created for SR-IOV), or all units are taken by other pods",
    fix: 'kubectl describe node NODE: look at Capacity/Allocatable for the resource; 0 or missing means the plugin sees no devices (check its logs and the host binding with `vfiokit groups`), a full Allocated count means another pod holds them',
    refine: refineK8sInsufficient,
    render: render('0/3 nodes are available: 3 ', 'nvidia.com/gpu'),
    examples: [
      ex(
        'Warning  FailedScheduling  12s  default-scheduler  0/3 nodes are available: 3 Insufficient nvidia.com/GP104GL_TESLA_P4.',
        { resource: 'nvidia.com/GP104GL_TESLA_P4' },
      ),
      ex('0/1 nodes are available: 1 Insufficient intel.com/intel_sriov_netdevice.', {
        resource: 'intel.com/intel_sriov_netdevice',
      }),
      ex('0/3 nodes are available: 3 Insufficient hugepages-1Gi.', { resource: 'hugepages-1Gi' }),
    ],
  },
  {
    id: 'mgmt.sriov-cni-no-vf',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-cni pkg/config/config.go LoadConf()',
    format: 'LoadConf(): VF pci addr is required',
    versions: 'wrapped as "SRIOV-CNI failed to load netconf: LoadConf(): VF pci addr is required"',
    patterns: [/LoadConf\(\): VF pci addr is required/],
    severity: 'error',
    title: 'The SR-IOV CNI was given no VF for the pod',
    cause:
      "the CNI configuration reached the SR-IOV CNI without a deviceID: Multus passes the VF that the SR-IOV device plugin allocated, which happens only when the NetworkAttachmentDefinition carries the k8s.v1.cni.cncf.io/resourceName annotation and the pod requests that resource; for KubeVirt the VM's SR-IOV interface must use a network whose NAD has the annotation",
    fix: 'add metadata.annotations["k8s.v1.cni.cncf.io/resourceName"] = <the device plugin resource> to the NAD, and check that the device plugin advertises VFs on the node (kubectl describe node)',
    render: render('error adding container to network "sriov-network": SRIOV-CNI failed to load netconf: '),
    examples: [
      ex(
        'error adding container to network "sriov-network": SRIOV-CNI failed to load netconf: LoadConf(): VF pci addr is required, failed to clean up sandbox container',
        undefined,
        'https://github.com/k8snetworkplumbingwg/sriov-network-device-plugin/issues/310',
      ),
    ],
  },
  {
    id: 'mgmt.sriov-cni-vf-info',
    source: 'kubernetes',
    cite: "k8snetworkplumbingwg/sriov-cni pkg/config/config.go LoadConf() (utils.GetVfInfo(): the VF's physfn link and its PF netdev)",
    format: 'LoadConf(): failed to get VF information: %q',
    patterns: [
      /LoadConf\(\): failed to get VF information: \\?"?lstat \/sys\/bus\/pci\/devices\/(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\/physfn(?<net>\/net)?/,
      /LoadConf\(\): failed to get VF information/,
    ],
    severity: 'error',
    title: 'The SR-IOV CNI could not find the PF of the device it was given',
    cause:
      "the SR-IOV CNI configures a VF through its physical function's network interface (physfn/net); the device allocated to the pod has no physfn (it is not a VF: a PF or a virtio NIC inside a VM) or its PF has no netdev (the PF itself is bound to vfio-pci/DPDK, or it is an InfiniBand/RDMA-only port)",
    fix: 'let the device plugin select only VFs whose PF stays on its kernel driver (selectors: pfNames, drivers); for a VF used by DPDK/VFIO without a PF netdev use the host-device CNI or the SR-IOV CNI in a mode that skips VF configuration',
    refine: (f) =>
      f.net
        ? {
            cause: `${f.bdf} is a VF, but its PF has no network interface: the PF is bound to vfio-pci or a DPDK driver, or it is an InfiniBand/RDMA port; the SR-IOV CNI needs the PF netdev to set the VF's MAC, VLAN and link state`,
          }
        : undefined,
    render: render(
      'SRIOV-CNI failed to load netconf: ',
      'lstat /sys/bus/pci/devices/0000:00:07.0/physfn/net: no such file or directory',
    ),
    examples: [
      ex(
        'error adding container to network "intel-sriov-dpdk-igb-uio-gm-vlbfe-0": SRIOV-CNI failed to load netconf: LoadConf(): failed to get VF information: "lstat /sys/bus/pci/devices/0000:00:07.0/physfn/net: no such file or directory"',
        { bdf: '0000:00:07.0', net: '/net' },
        'https://github.com/k8snetworkplumbingwg/sriov-network-device-plugin/pull/177',
      ),
    ],
  },
  {
    id: 'mgmt.sriov-cni-vf-config',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriov-cni pkg/sriov/sriov.go ApplyVFConfig() (netlink VF settings through the PF)',
    format: 'failed to set vf %d vlan: %s',
    versions:
      'wrapped as "SRIOV-CNI failed to configure VF \\"…\\""; siblings set the MAC, spoof check, trust, link state and rate; newer releases name the VLAN request in full ("failed to set vf %d vlan configuration - id %d, qos %d and proto %s: %v")',
    patterns: [
      /failed to set vf (?<vf>\d{1,4}) (?<what>vlan|mac address|spoofchk|trust|link state|tx rate)[^\n:]{0,64}: (?<err>[a-z][a-z ]{2,40})/,
    ],
    severity: 'error',
    title: 'The PF driver refused a VF setting from the SR-IOV CNI',
    cause:
      'the CNI sets the VF\'s VLAN, MAC, spoof check or link state through the PF (netlink IFLA_VF_*); the PF driver does not support that setting ("operation not supported": InfiniBand and some NIC drivers do not do per-VF VLANs) or refused it',
    fix: 'remove the setting from the NetworkAttachmentDefinition config (e.g. "vlan": 0 or no vlan key) or set it where the driver supports it; check the PF driver and firmware version',
    render: render('SRIOV-CNI failed to configure VF "', 2, 'operation not supported'),
    examples: [
      ex(
        'error adding container to network "sriov-net": SRIOV-CNI failed to configure VF "failed to set vf 2 vlan: operation not supported"',
        { vf: '2', what: 'vlan' },
        'https://github.com/k8snetworkplumbingwg/sriov-cni/issues/208',
      ),
    ],
  },

  {
    id: 'mgmt.nvidia-dp-device-name',
    source: 'kubernetes',
    cite: 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go createDevicePlugins() / getDeviceName() (the name comes from /usr/pci.ids in the plugin image)',
    format: 'Error: Could not find device name for device id: %s',
    versions:
      'getDeviceName() logs "Error opening pci ids file %s" when the file is missing, with the same outcome',
    patterns: [
      /Could not find device name for device id: (?<devid>[0-9a-fA-F]{4})/,
      /Error opening pci ids file (?<file>\S{1,80})/,
    ],
    severity: 'warning',
    title: 'The GPU device plugin names the resource after the device id',
    cause:
      "NVIDIA's KubeVirt GPU device plugin names each resource after the GPU model as written in its copy of pci.ids (e.g. nvidia.com/GA102_GEFORCE_RTX_3090); a GPU newer than that file has no entry, so the resource is advertised as nvidia.com/<device id> instead, and VMs or permittedHostDevices that use the model name find nothing",
    fix: "use the name the node actually advertises (kubectl describe node: Allocatable shows nvidia.com/<id>) in permittedHostDevices.resourceName and the VM's deviceName, or update the plugin image so its pci.ids knows the GPU",
    render: render('', '20b0'),
    examples: [
      ex('2021/09/22 10:00:01 Error: Could not find device name for device id: 20b0', { devid: '20b0' }),
      ex('Error opening pci ids file /usr/pci.ids', { file: '/usr/pci.ids' }),
    ],
  },
  {
    id: 'mgmt.nvidia-dp-gpu-skipped',
    source: 'kubernetes',
    cite: 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go createIommuDeviceMap() / readLinkFunc()',
    format: 'Could not read link %s for device %s: %s',
    versions: 'then "Could not get driver for device %s" or "Could not get IOMMU Group for device %s"',
    patterns: [
      /Could not read link (?<link>driver|iommu_group) for device (?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
      /Could not get (?<what>driver|IOMMU Group) for device\s{1,2}(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
    ],
    severity: 'warning',
    title: 'The GPU device plugin skipped an NVIDIA GPU',
    cause:
      "the plugin advertises only NVIDIA GPUs bound to vfio-pci, read from each device's driver link; this GPU has no driver at all, so it is skipped and the node advertises one GPU less (a GPU on nvidia or nouveau is skipped silently)",
    fix: "bind the GPU (and its audio function) to vfio-pci on the node — the GPU operator's vfio-manager does it for nodes labelled for VM passthrough — then restart the plugin pod",
    refine: (f) =>
      f.link === 'iommu_group' || f.what === 'IOMMU Group'
        ? {
            cause:
              'the GPU is on vfio-pci but has no iommu_group link, which the kernel creates only with an active IOMMU: the node boots without VT-d/AMD-Vi (or intel_iommu=on on Intel before Linux 6.8), so the plugin cannot advertise it',
            fix: 'enable the IOMMU in the node firmware and kernel command line and reboot the node (`vfiokit doctor`)',
          }
        : undefined,
    render: render(
      'E1122 10:00:01.000000 1 device_plugin.go:260] ',
      'driver',
      '0000:3b:00.0',
      'no such file or directory',
    ),
    examples: [
      ex(
        'E1122 10:00:01.000000       1 device_plugin.go:260] Could not read link driver for device 0000:3b:00.0: readlink /sys/bus/pci/devices/0000:3b:00.0/driver: no such file or directory',
        { link: 'driver', bdf: '0000:3b:00.0' },
      ),
      ex('Could not get IOMMU Group for device  0000:3b:00.0', { what: 'IOMMU Group' }),
    ],
  },

  // ---------------------------------------------------------------- Kimchi, virt-install
  {
    id: 'mgmt.kimchi-no-iommu-groups',
    source: 'kimchi',
    cite: `${KIMCHI} _validate_pci_passthrough_env() (KCHVMHDEV0003E: /sys/kernel/iommu_groups empty)`,
    format:
      "No IOMMU groups found. Host PCI pass through needs IOMMU group to function correctly. Please enable Intel VT-d or AMD IOMMU in your BIOS, then verify the Kernel is compiled with IOMMU support. For Intel CPU, add 'intel_iommu=on' to GRUB_CMDLINE_LINUX parameter in /etc/default/grub file. For AMD CPU, add 'iommu=pt iommu=1'.",
    patterns: [/KCHVMHDEV0003E|No IOMMU groups found\. Host PCI pass through needs IOMMU group/],
    severity: 'error',
    title: 'Kimchi found no IOMMU groups',
    cause:
      '/sys/kernel/iommu_groups is empty: no IOMMU is active — VT-d/AMD-Vi is off in the firmware, or the kernel was not told to use it (intel_iommu=on on Intel before Linux 6.8)',
    fix: "enable VT-d/AMD-Vi in the firmware and intel_iommu=on on Intel, reboot, and check dmesg (`vfiokit doctor`); Kimchi's hint 'iommu=pt iommu=1' for AMD is not needed on current kernels (AMD-Vi is on by default)",
    render: render('KCHVMHDEV0003E: '),
    examples: [
      ex(
        "KCHVMHDEV0003E: No IOMMU groups found. Host PCI pass through needs IOMMU group to function correctly. Please enable Intel VT-d or AMD IOMMU in your BIOS, then verify the Kernel is compiled with IOMMU support. For Intel CPU, add 'intel_iommu=on' to GRUB_CMDLINE_LINUX parameter in /etc/default/grub file. For AMD CPU, add 'iommu=pt iommu=1'.",
      ),
    ],
  },
  {
    id: 'mgmt.kimchi-attach-failed',
    source: 'kimchi',
    cite: `${KIMCHI} create() / _attach_pci_device() (KCHVMHDEV0002E, KCHVMHDEV0005E, KCHVMHDEV0006E, KCHVMHDEV0007E)`,
    format: 'The device %(name)s is probably in use by the host. Unable to attach it to the guest.',
    versions:
      'siblings: "The host device %(dev_name)s is not allowed to directly assign to VM." (0002E), "Hot-(un)plug of device %(name)s is not supported." (0006E), "Failed to attach %(device)s to %(vm)s" (0007E)',
    patterns: [
      /(?<code>KCHVMHDEV000[2567]E)/,
      /The device (?<dev>\S{1,64}) is probably in use by the host\. Unable to attach it to the guest/,
      /The host device (?<dev>\S{1,64}) (?<notallowed>is not allowed) to directly assign to VM/,
    ],
    severity: 'error',
    title: 'Kimchi could not assign the host device',
    cause:
      'Kimchi detaches the device from its host driver through libvirt (virNodeDeviceDetachFlags) before attaching it; that failed (0005E): the host driver could not let go — the device or another device of its IOMMU group is in use by the host (the console GPU, a NIC or disk controller the host uses)',
    fix: 'check the IOMMU group with `vfiokit groups`, stop host use of its devices (or bind them to vfio-pci at boot), then attach again',
    refine: (f) =>
      f.code === 'KCHVMHDEV0002E' || f.notallowed
        ? {
            cause:
              "the device is not in Kimchi's list of assignable devices: Kimchi offers only endpoints (no bridges) whose IOMMU group it can hand over",
            fix: 'pick the device from the list Kimchi offers; move the card to another slot if its group also holds devices the host needs',
          }
        : f.code === 'KCHVMHDEV0006E'
          ? {
              cause:
                'the device type cannot be hot-plugged into a running guest (older libvirt cannot attach a vfio device live)',
              fix: 'shut the VM down, attach the device, start it again',
            }
          : undefined,
    render: render('KCHVMHDEV0005E: ', 'pci_0000_01_00_0'),
    examples: [
      ex(
        'KCHVMHDEV0005E: The device pci_0000_01_00_0 is probably in use by the host. Unable to attach it to the guest.',
        {
          code: 'KCHVMHDEV0005E',
        },
      ),
      ex('KCHVMHDEV0002E: The host device pci_0000_00_1f_3 is not allowed to directly assign to VM.', {
        code: 'KCHVMHDEV0002E',
      }),
    ],
  },
  {
    id: 'mgmt.virtinst-hostdev-not-found',
    source: 'virt-manager',
    cite: 'virt-manager/virt-manager virtinst/nodedev.py lookupNodedevFromString()',
    format: "Did not find a matching node device for '%s'",
    versions:
      'the same lookup: "%s corresponds to multiple node devices", "Unknown hostdev address string format \'%s\'", "Unsupported node device type \'%s\'"',
    patterns: [
      /Did not find a matching node device for '(?<addr>[^'\n]{1,64})'/,
      /(?<addr>\S{1,64}) corresponds to multiple node devices/,
      /Unknown hostdev address string format '(?<addr>[^'\n]{1,64})'/,
    ],
    severity: 'error',
    title: 'virt-install could not resolve the --host-device value',
    cause:
      "virt-install matches --host-device against libvirt's node devices: a PCI device by address (pci_0000_01_00_0, 01:00.0 or 0000:01:00.0), a USB device by vendor:product or bus.device. A PCI vendor:device pair is not accepted, and an address that does not exist (or a vendor:product matching two USB devices) fails here",
    fix: 'give PCI devices by address (virsh nodedev-list --cap pci shows the names, e.g. --host-device pci_0000_01_00_0); for two identical USB devices use bus.device',
    render: render('ERROR    ', '0x10ec:0x8168'),
    examples: [
      ex(
        "[Mon, 16 Apr 2012 10:11:00 virt-install 2370] ERROR (cli:439) Did not find a matching node device for '0x10ec:0x8168'",
        {
          addr: '0x10ec:0x8168',
        },
      ),
      ex('ERROR    1d6b:2 corresponds to multiple node devices', { addr: '1d6b:2' }),
    ],
  },
  {
    id: 'mgmt.virtinst-no-kvm',
    source: 'virt-manager',
    cite: 'virt-manager/virt-manager virtinst/capabilities.py Capabilities.guest_lookup() ("Host does not support domain type …", "Host does not support any virtualization options") and virtinst/guest.py Guest.set_capabilities_defaults() ("KVM acceleration not available, using \'%s\'")',
    format: "Host does not support domain type %s for virtualization type '%s' with architecture '%s'",
    versions:
      'older virt-install ends "… for virtualization type \'hvm\' arch \'x86_64\'"; with --machine it names the machine ("… with machine \'pc-q35-9.0\' …"); virt-install/virt-manager print "ERROR    " or "WARNING  " before it',
    patterns: [
      /Host does not support domain type (?<domain>\w{1,20})(?: with machine '(?<machine>[^'\n]{1,60})')? for virtualization type '(?<virttype>\w{1,20})'/,
      /Host does not support any virtualization options/,
      /(?<fallback>KVM acceleration not available), using '(?<type>\w{1,20})'/,
    ],
    severity: 'error',
    title: 'libvirt reports no KVM for this host: virt-install/virt-manager cannot make a KVM guest',
    cause:
      'virt-install and virt-manager choose the guest type from libvirt\'s capabilities, which list a kvm domain only when /dev/kvm is usable by the QEMU libvirt runs: the CPU\'s virtualization (VT-x/AMD-V, "SVM") is off in the firmware (dmesg: "kvm: disabled by bios"), the kvm_intel/kvm_amd module is not loaded, the host is itself a VM without nested virtualization, or a session connection (qemu:///session) runs QEMU as a user without access to /dev/kvm; libvirt also caches capabilities, so a daemon started before the fix still says no. Nothing about passthrough can work without KVM',
    fix: 'check `ls -l /dev/kvm`, `lsmod | grep kvm`, `dmesg | grep -i kvm` and `virt-host-validate qemu`; enable virtualization (and VT-d/AMD-Vi for passthrough) in the firmware, `modprobe kvm_intel` or `kvm_amd`, enable nested virtualization on the outer host if this is a VM, add the user to the kvm group for qemu:///session (or use qemu:///system); then restart virtqemud/libvirtd and check `virsh domcapabilities --virttype kvm`',
    refine: (f) =>
      f.machine
        ? {
            cause: `libvirt offers no ${f.domain ?? 'kvm'} guest with machine '${f.machine}': that machine type is not one this QEMU provides (a versioned name from another host or a newer QEMU, a typo), or KVM itself is not usable here — /dev/kvm missing (virtualization off in the firmware, kvm_intel/kvm_amd not loaded, no nested virtualization in a VM)`,
            fix: '`virsh domcapabilities --virttype kvm --machine MACHINE` or `qemu-system-x86_64 -machine help` lists what this QEMU offers; choose one of those (or plain q35/pc); if no kvm guest exists at all, check /dev/kvm as for the message without a machine',
          }
        : f.fallback
          ? {
              title: 'virt-install falls back to emulation: libvirt reports no KVM',
              cause: `no kvm guest type is available, so virt-install makes a '${f.type ?? 'qemu'}' (TCG, software-emulated) guest: the VM will run, very slowly, and VFIO passthrough inside it is of little use. libvirt lists KVM only when /dev/kvm is usable: virtualization off in the firmware ("kvm: disabled by bios" in dmesg), kvm_intel/kvm_amd not loaded, a host that is itself a VM without nested virtualization, or a session connection whose user cannot open /dev/kvm`,
            }
          : undefined,
    render: render('ERROR    ', 'kvm', 'hvm', 'x86_64'),
    examples: [
      ex(
        "ERROR    Host does not support domain type kvm for virtualization type 'hvm' with architecture 'x86_64'",
        {
          domain: 'kvm',
          virttype: 'hvm',
        },
      ),
      ex("WARNING  KVM acceleration not available, using 'qemu'", {
        fallback: 'KVM acceleration not available',
        type: 'qemu',
      }),
      ex(
        "ERROR    Host does not support domain type kvm with machine 'pc-q35-8.2' for virtualization type 'hvm' with architecture 'x86_64'",
        { machine: 'pc-q35-8.2' },
      ),
    ],
  },
];
