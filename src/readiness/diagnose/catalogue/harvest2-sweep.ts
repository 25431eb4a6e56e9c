/**
 * The second harvest: messages users posted in public threads about devices given to VMs that the
 * catalogue did not recognise. An amdgpu ring whose per-queue reset failed; xHCI controllers that
 * would not stop (command-ring abort, halt) and transfer events outside the expected TD; HD-audio
 * IRQ-timing and spurious-response notes; a USB port that cannot be enabled; an NVIDIA GPU whose
 * registers read all ones at probe ("fallen off the bus"); the Looking Glass client's SPICE
 * connection closed by the server; the QEMU child that libvirt abandoned during its pre-exec
 * handshake; and a VF whose VLAN filter a bridge could not set up. Each example is the message as
 * posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const XHCI_RING = 'torvalds/linux drivers/usb/host/xhci-ring.c';
const HDA = 'torvalds/linux sound/pci/hda';

export const HARVEST2_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- amdgpu: a ring's job timed out and the per-ring reset failed ----
  {
    id: 'kernel.amdgpu-ring-reset-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_job.c amdgpu_job_timedout()',
    format: 'Ring %s reset failure\n',
    versions:
      'printed with dev_err() ("amdgpu 0000:..: amdgpu: Ring gfx reset failure"); preceded by "Starting %s ring reset" (6.x) and the ring timeout line; 6.15+ words it "Ring %s reset failed"; on success "Ring %s reset succeeded"',
    patterns: [/amdgpu\b[^\n]{0,60}Ring (?<ring>[a-z][\w.]{0,23}) reset (?:failure|failed)/],
    severity: 'error',
    title: 'amdgpu could not reset the hung GPU ring and falls back to a full GPU reset',
    cause:
      'a job on this GPU ring (gfx, compute, sdma, ...) did not finish in time, so amdgpu_job_timedout() tried to reset only that ring (queue reset), and the reset failed; the driver then resets the whole GPU if recovery is allowed ("GPU reset begin!", a BACO or mode-1 reset, "VRAM is lost due to GPU reset!"). With passthrough this is the host driver meeting a GPU a VM left in an unknown state (the GPU was handed back without the device-specific reset vendor-reset provides, so its firmware still runs the guest\'s state), or the guest\'s driver on a GPU the previous VM left behind; otherwise a GPU hang caused by the application, driver or firmware',
    fix: 'read the lines after it: "GPU reset(N) succeeded" means the GPU recovered (applications using it restart); if the GPU came back from a VM, check that vendor-reset is loaded and the card\'s reset_method is device_specific (its udev rule), or keep the GPU on vfio-pci instead of returning it to amdgpu; otherwise update the kernel and linux-firmware',
    render: render('amdgpu 0000:09:00.0: amdgpu: ', 'gfx'),
    examples: [
      ex(
        '[   75.845873] amdgpu 0000:09:00.0: amdgpu: Ring gfx reset failure',
        { ring: 'gfx' },
        'https://github.com/gnif/vendor-reset/issues/96',
      ),
    ],
  },
  // ---- xHCI controllers ----
  {
    id: 'kernel.xhci-stop-timeout',
    source: 'kernel',
    cite: `${XHCI_RING} xhci_abort_cmd_ring(); torvalds/linux drivers/usb/host/xhci.c xhci_halt()`,
    format: 'Abort failed to stop command ring: %d\n',
    versions:
      'at controller start or shutdown xhci_halt() prints "Host not halted after %u microseconds." (then "can\'t setup: -110" and the controller is not used); after the abort failure the driver halts the controller and prints "xHCI host controller not responding, assume dead"',
    patterns: [
      /Abort failed to stop command ring: (?<err>-\d{1,4})/,
      /Host not halted after (?<us>\d{1,7}) microseconds/,
    ],
    severity: 'error',
    title: 'A USB (xHCI) controller did not stop when the driver told it to',
    cause:
      'the driver asked the xHCI controller to stop — its command ring, to abort a command that timed out, or the whole controller (halt) before a reset — and the controller did not within the time allowed (5 s for the abort, 16 ms for the halt; -110 is ETIMEDOUT): it is not processing commands at all. With a controller that moves between host and VM this is a controller left wedged by the other side (reset by the VM, or returned without a working reset), one that did not come back from suspend, D3 or kexec, or a device on it that hangs the controller; otherwise controller firmware or hardware',
    fix: 'rebind or reset the controller (unbind/bind xhci_hcd, or echo 1 > /sys/bus/pci/devices/ADDR/reset) or reboot; give a controller to a VM from boot (vfio-pci) rather than switching it between drivers; update the controller firmware (ASMedia, Renesas) and the kernel; for suspend-related cases keep it out of runtime PM (power/control = on)',
    refine: (f) =>
      f.us
        ? {
            title: 'A USB (xHCI) controller did not halt',
            cause:
              'xhci_halt() cleared the run bit and the controller did not report halted within 16 ms, so the driver cannot reset it and gives it up ("can\'t setup: -110", probe fails): the controller is still running from a previous owner that did not stop it — after kexec, a firmware that left it running, or a VM that had it — or it is not responding at all',
          }
        : undefined,
    render: render('xhci_hcd 0000:00:14.0: ', -110),
    examples: [
      ex(
        'xhci_hcd 0000:00:01.0: Abort failed to stop command ring: -110',
        { err: '-110' },
        'https://github.com/genodelabs/genode/issues/4556',
      ),
      ex(
        '[    0.967769] xhci_hcd 0001:05:00.0: Host not halted after 16000 microseconds.',
        { us: '16000' },
        'https://github.com/open-power/op-build/issues/307',
      ),
    ],
  },
  {
    id: 'kernel.xhci-event-outside-td',
    source: 'kernel',
    cite: `${XHCI_RING} handle_tx_event()`,
    format: 'ERROR Transfer event TRB DMA ptr not part of current TD ep_index %d comp_code %u\n',
    versions:
      'followed by "Looking for event-dma %016llx trb-start %016llx trb-end %016llx seg-start ... seg-end ..."; older kernels printed the first line without "ep_index %d comp_code %u"',
    patterns: [
      /ERROR Transfer event TRB DMA ptr not part of current TD(?: ep_index (?<ep>\d{1,2}) comp_code (?<code>\d{1,3}))?/,
    ],
    severity: 'warning',
    title: 'The xHCI controller reported a transfer the driver was not waiting for',
    cause:
      "the controller posted a completion event for a TRB that is not part of the transfer (TD) the driver expects next on that endpoint: controller and driver disagree about the ring. It follows a transfer that was cancelled or stopped — a device unplugged, a stream (USB audio, a webcam) stopped — when the controller had already fetched the TRBs and completes them anyway, and some controllers (ASMedia, AMD, Renesas) do this often with isochronous audio and video. In a VM with a USB device passed through this is the VM's xHCI (qemu-xhci or the passed-through controller) behaving this way. The driver drops the event; the device usually goes on working, repeated errors end in the device resetting or disconnecting",
    fix: 'if it only appears when a device is unplugged or a stream stops, ignore it; if a passed-through audio or video device breaks, pass the whole USB controller (PCI) to the VM instead of the single device, or move the device to another controller; update the kernel (the driver gains quirks for such controllers)',
    render: render('xhci_hcd 0000:07:1b.0: ', 11, 1),
    examples: [
      ex(
        '22:10:27 pc-name kernel: [  457.985239] xhci_hcd 0000:07:1b.0: ERROR Transfer event TRB DMA ptr not part of current TD ep_index 11 comp_code 1',
        { ep: '11', code: '1' },
        'https://github.com/alsa-project/alsa-lib/issues/90',
      ),
    ],
  },
  // ---- HD audio ----
  {
    id: 'kernel.hda-irq-timing-workaround',
    source: 'kernel',
    cite: `${HDA}/hda_intel.c azx_irq_pending_work()`,
    format: 'IRQ timing workaround is activated for card #%d. Suggest a bigger bdl_pos_adj.\n',
    versions: 'older kernels print it with the prefix "hda-intel: "; printed once per card',
    patterns: [/IRQ timing workaround is activated for card #(?<card>\d{1,2})/],
    severity: 'info',
    title: 'HD audio: period interrupts arrive early, the driver compensates',
    cause:
      'the HD-audio controller raised a period interrupt before its DMA position showed the period as done, so the driver now defers the period update until the position catches up (azx_position_ok()). Printed once per card; playback and capture continue. Informational — it explains nothing about a failing passthrough',
    fix: 'nothing; if audio crackles or skips, try the snd_hda_intel options bdl_pos_adj (a larger value) or position_fix',
    render: render('snd_hda_intel 0000:21:00.3: ', 1),
    examples: [
      ex(
        'Oct 11 22:16:52 arithmos kernel: [  947.090630] snd_hda_intel 0000:21:00.3: IRQ timing workaround is activated for card #1. Suggest a bigger bdl_pos_adj.',
        { card: '1' },
        'https://github.com/linuxmint/cinnamon/issues/7928',
      ),
    ],
  },
  {
    id: 'kernel.hda-spurious-response',
    source: 'kernel',
    cite: 'torvalds/linux sound/hda/hdac_controller.c snd_hdac_bus_update_rirb() (sound/pci/hda/hda_intel.c azx_update_rirb() before 4.3)',
    format: 'spurious response %#x:%#x, last cmd=%#08x\n',
    versions: 'older kernels print it with the prefix "hda-intel: "; repeated once per stray entry',
    patterns: [
      /spurious response (?<res>0x[0-9a-fA-F]{1,8}|0):(?<ex>0x[0-9a-fA-F]{1,8}|0), last cmd=(?<cmd>0x[0-9a-fA-F]{1,8})/,
    ],
    severity: 'warning',
    title: 'HD audio: a codec answered when no command was waiting',
    cause:
      'the controller\'s response ring held an entry while no verb was outstanding (0x0:0x0 is an empty answer): the codec link is not working as it should — typically the codec\'s device is powered off or not ready, such as the HDMI audio function of a discrete GPU that was switched off (bbswitch, runtime PM) or is being reset or handed to a VM while snd_hda_intel still drives it. Usually followed by "azx_get_response timeout" and "No response from codec"',
    fix: "for a GPU's HDMI audio function (the .1 next to the GPU): bind it to vfio-pci together with the GPU (same vfio-pci.ids) so the host driver does not touch it, or keep the GPU powered while snd_hda_intel uses it; otherwise reload snd_hda_intel and check the lines after it",
    render: render('hda-intel: ', 0, 0, 0x0f0000),
    examples: [
      ex(
        'Mar 22 16:46:30 z11 kernel: [   23.421649] hda-intel: spurious response 0x0:0x0, last cmd=0x0f0000',
        { res: '0x0', cmd: '0x0f0000' },
        'https://github.com/Bumblebee-Project/Bumblebee/issues/112',
      ),
    ],
  },
  // ---- USB hub ports ----
  {
    id: 'kernel.usb-port-enable-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/usb/core/hub.c hub_port_connect()',
    format: 'Cannot enable. Maybe the USB cable is bad?\n',
    versions:
      'printed by the port device ("usb usb1-port1: Cannot enable. ..."); before 3.11 by the hub: "Cannot enable port %i.  Maybe the USB cable is bad?"; followed by "attempt power cycle" and "unable to enumerate USB device"',
    patterns: [/Cannot enable(?: port \d{1,2})?\. {1,2}Maybe the USB cable is bad\?/],
    severity: 'warning',
    title: 'A USB port could not be enabled for the device on it',
    cause:
      'a device was detected on the port but every attempt to reset and enable the port for it failed, so it is not enumerated: the device drops the connection during the reset (an under-powered device or hub, a poor cable, adapter or extension), the device itself is misbehaving, or the controller or hub is not working properly — after a reset or resume, or a virtual hub in a VM (usbip, QEMU usb-host) whose host side lost the device',
    fix: 'try another cable, port or a powered hub; in a VM check on the host that the device is still there (lsusb, dmesg) and pass the whole USB controller instead of the single device if it keeps dropping',
    render: render('usb usb1-port1: '),
    examples: [
      ex(
        '[36919.735197] usb usb1-port1: Cannot enable. Maybe the USB cable is bad?',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/3778',
      ),
    ],
  },
  // ---- NVIDIA: registers read all ones at probe ----
  {
    id: 'kernel.nvidia-gpu-lost-at-probe',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osinit.c rm_is_supported_device()',
    format: 'NVRM: fallen off the bus and is not responding to commands.\n',
    versions:
      'the last of three lines one nv_printf() prints: "NVRM: The NVIDIA GPU %04x:%02x:%02x.%x\\n" and "NVRM: (PCI ID: %04x:%04x) installed in this system has\\n" come before it (some releases join those two); followed by "nvidia: probe of ... failed with error -1"',
    patterns: [/fallen off the bus and is not responding to commands/],
    severity: 'error',
    title: 'The NVIDIA driver found the GPU not answering (registers read all ones)',
    cause:
      'when the driver probed the GPU, its identification registers in BAR0 (PMC_BOOT_0 and PMC_BOOT_42) both read 0xffffffff: config space answers but the GPU core does not, so the driver gives this GPU up (NV_ERR_GPU_IS_LOST). The GPU is powered off or held in reset — an auxiliary power cable missing or a power supply too weak —, in D3cold, its link is down, or it was left wedged by its previous user without a working reset: the VM that had it, or the host firmware/efifb still holding the boot GPU',
    fix: "check the GPU's power connectors and slot, then reboot; if it follows a VM, keep the GPU on vfio-pci (do not rebind nvidia after the VM) or reset it before (echo 1 > /sys/bus/pci/devices/ADDR/reset), and keep vfio-pci from putting it in D3cold (disable_idle_d3=1)",
    render: render(''),
    examples: [
      ex(
        '[ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0\n               NVRM: (PCI ID: 10de:26b5) installed in this system has\n               NVRM: fallen off the bus and is not responding to commands.',
        undefined,
        'https://github.com/NVIDIA/NVSentinel/issues/155',
      ),
    ],
  },
  // ---- Looking Glass: the SPICE server closed the connection ----
  {
    id: 'lg.spice-connection-closed',
    source: 'looking-glass',
    cite: 'gnif/LookingGlass client/spice/spice.c spice_read_nl() (PureSpice after B2)',
    format: 'remote end closd connection after %ld byte(s)',
    versions:
      '"closd" is the source\'s spelling; older clients then print "read failure", "failed to perform read on inputs channel" and "failed to process spice messages" and exit',
    patterns: [/remote end closd connection after (?<bytes>\d{1,9}) byte\(s\)/],
    severity: 'warning',
    title: "The VM's SPICE server closed the Looking Glass client's connection",
    cause:
      "the SPICE connection the client uses for keyboard, mouse and clipboard was closed by QEMU's SPICE server: another SPICE client connected to the same VM (virt-manager's console window, remote-viewer) and took over the session, since SPICE serves one client at a time, or the VM shut down or QEMU restarted. The frames keep coming through the shared memory; only input and clipboard stop",
    fix: "close the other SPICE viewer (virt-manager's console) while using Looking Glass, or give the VM a second display type for it; restart the client after the VM restarts; newer clients reconnect on their own",
    render: render('[E]              spice.c:1306 | spice_read_nl                  | ', 0),
    examples: [
      ex(
        '[E]              spice.c:1306 | spice_read_nl                  | remote end closd connection after 0 byte(s)',
        { bytes: '0' },
        'https://github.com/gnif/LookingGlass/issues/228',
      ),
    ],
  },
  // ---- libvirt: the QEMU child gave up waiting for the daemon ----
  {
    id: 'libvirt.child-handshake-aborted',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/vircommand.c virCommandHandshakeChild()',
    format: 'libvirtd quit during handshake',
    versions:
      'a system error, so ": Input/output error" follows; written by the forked child into the domain log (/var/log/libvirt/qemu/VM.log) with the prefix "libvirt:  error : "; when the wait itself fails: "Unable to wait on parent process"',
    patterns: [/libvirtd quit during handshake/],
    severity: 'error',
    title: 'libvirt abandoned the QEMU process it was starting',
    cause:
      'libvirt forks the QEMU process and the child waits on a pipe until the daemon has finished setting it up (cgroups, security labels, namespaces, host devices) before it runs QEMU; here the daemon closed the pipe instead of confirming, because the start failed in the daemon after the fork. This line is only the child noticing: the reason is the error the daemon reported to virsh or virt-manager (and in its journal) — a host device that could not be prepared, a failing hook script, a cgroup or AppArmor/SELinux step',
    fix: 'read the error virsh/virt-manager showed for the start, or `journalctl -u libvirtd -u virtqemud` at that time; fix what it names and start the VM again',
    render: render('libvirt:  error : '),
    examples: [
      ex(
        'libvirt:  error : libvirtd quit during handshake: Input/output error',
        undefined,
        'https://github.com/QaidVoid/Complete-Single-GPU-Passthrough/issues/6',
      ),
    ],
  },
  // ---- Linux bridge: a port whose VLAN filter could not be set up ----
  {
    id: 'kernel.bridge-port-vlan-init-failed',
    source: 'kernel',
    cite: 'torvalds/linux net/bridge/br_if.c br_add_if() (nbp_vlan_init() in net/bridge/br_vlan.c)',
    format: 'failed to initialize vlan filtering on this port\n',
    versions:
      'printed with netdev_err() for the device being added ("ixgbevf 0000:03:00.0 eth1: ..."); since 4.x the port is then not added to the bridge',
    patterns: [/failed to initialize vlan filtering on this port/],
    severity: 'error',
    title: 'A network device could not join a bridge: its VLAN filter could not be set up',
    cause:
      "adding the device to a Linux bridge failed at nbp_vlan_init(): the bridge could not give the new port its VLAN setup — its default PVID (VLAN 1) added to the device's hardware VLAN filter, or VLAN filtering switched on a switchdev/DSA port — so the device is not added to the bridge. For an SR-IOV VF (ixgbevf, iavf, mlx5 VF in a VM) adding a VLAN filter is a request to the PF's driver on the host, which refuses it when the VF is not trusted, a port VLAN is set for the VF, or the VF's VLAN filter limit is reached",
    fix: 'use the VF directly instead of putting it in a bridge inside the VM, or on the host allow it (ip link set PF vf N trust on; no port VLAN for it); for a bridge that does not need VLANs, create it without a default PVID (ip link set BR type bridge vlan_default_pvid 0)',
    render: render('ixgbevf 0000:03:00.0 eth1: '),
    examples: [
      ex(
        'ixgbevf 0000:03:00.0 eth1: failed to initialize vlan filtering on this port',
        undefined,
        'https://github.com/istoreos/istoreos/issues/2109',
      ),
    ],
  },
];
