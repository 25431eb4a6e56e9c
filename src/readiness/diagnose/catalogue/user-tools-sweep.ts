/**
 * The management front ends people drive passthrough with, swept for their own user-visible
 * lines: virt-manager's add-hardware, remove-device, configuration-change and install dialogs
 * (virtManager/addhardware.py, delete.py, details, createvm.py), which wrap the libvirt error that
 * made the step fail, and its host-device list's notes (no node-device driver, an mdev not
 * started); Proxmox VE's vGPU type selection for NVIDIA's SR-IOV vGPU on kernel 6.8+ (qemu-server
 * PVE/QemuServer/PCI.pm create_nvidia_device()). The virt-manager dialogs that carry a libvirt
 * error are fallbacks (entry.ts `tier`): a quoted error the catalogue knows is explained by its own
 * entry, and these answer only when it does not, reading libvirt's error class from the quoted
 * text (libvirt/libvirt src/util/virerror.c gives each class its fixed prefix). Examples are built
 * from the format strings. USER_TOOLS_ALSO and USER_TOOLS_LEFT_OUT are this sweep's ledger for
 * docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

type Facts = Readonly<Record<string, string>>;

const VMM = 'virt-manager/virt-manager';
const PVE_PCI = 'proxmox/qemu-server src/PVE/QemuServer/PCI.pm';

/** The quoted libvirt error: cut at most 300 characters, to the end of the line. */
const INNER = '(?<inner>[^\\n]{1,300})';

/**
 * What libvirt's error says by its class: virerror.c prints each error code with a fixed prefix
 * ("Requested operation is not valid: " for VIR_ERR_OPERATION_INVALID, ...), and QEMU's refusals
 * come back as "unable to execute QEMU command 'CMD': …". Undefined when the text has none of them.
 */
export function libvirtErrorMeaning(inner: string | undefined): string | undefined {
  const t = inner ?? '';
  const qmp = /unable to execute QEMU command '([\w-]{1,40})'/.exec(t);
  if (qmp) {
    if (qmp[1] === 'device_add')
      return "QEMU itself refused to add the device (QMP device_add): the text after the command name is QEMU's own reason — for a VFIO device usually the host side (the IOMMU group, the device's driver, locked memory) or no free hot-pluggable slot";
    if (qmp[1] === 'device_del')
      return 'QEMU refused to start removing the device (QMP device_del): the slot it sits in is not hot-pluggable (a device on the root bus of a q35 machine, or a bus with hot-plug off), or a removal is already pending';
    return `QEMU refused the QMP command ${qmp[1]} libvirt sent it; the text after the command name is QEMU's reason`;
  }
  if (/^(?:error: )?Requested operation is not valid/.test(t))
    return 'libvirt refused because of the current state (VIR_ERR_OPERATION_INVALID): the device is in use by another domain or the host, the domain is not in the state the action needs, or the device is already attached';
  if (/^(?:error: )?unsupported configuration/.test(t))
    return 'libvirt or this QEMU cannot do what the configuration asks (VIR_ERR_CONFIG_UNSUPPORTED): a device type, bus or option that this machine type, this QEMU build or this host does not offer';
  if (/^(?:error: )?XML error/.test(t))
    return 'libvirt rejected the XML itself (VIR_ERR_XML_ERROR): a value in the device or domain definition is malformed or contradicts another (an address already taken, a controller of the wrong model)';
  if (/^(?:error: )?Timed out during operation/.test(t))
    return 'libvirt gave up waiting (VIR_ERR_OPERATION_TIMEOUT): usually another job on the same domain holds its state-change lock (a stuck start, shutdown or migration), so nothing was tried';
  if (/^(?:error: )?operation failed/.test(t))
    return 'a step libvirt ran against QEMU or the host failed (VIR_ERR_OPERATION_FAILED); the text after the colon names the step';
  if (/^(?:error: )?internal error/.test(t))
    return "libvirt's catch-all class (VIR_ERR_INTERNAL_ERROR): the text after the colon is the reason, often QEMU's output quoted";
  if (/^(?:error: )?(?:Operation not supported|this function is not supported|argument unsupported)/.test(t))
    return 'the libvirt driver behind this connection does not implement this action or flag (VIR_ERR_OPERATION_UNSUPPORTED / VIR_ERR_NO_SUPPORT / VIR_ERR_ARGUMENT_UNSUPPORTED)';
  if (/^(?:error: )?(?:device not found|Node device not found)/.test(t))
    return 'libvirt found no such device (VIR_ERR_DEVICE_MISSING / VIR_ERR_NO_NODE_DEVICE): the device is not in the domain definition, or the host device named is not on this host';
  return undefined;
}

/** The cause of a wrapper line: what the wrapping step was, then what the quoted error's class says. */
function withInner(step: string, f: Facts): Refinement | undefined {
  const meaning = libvirtErrorMeaning(f.inner);
  return meaning ? { cause: `${step}; ${meaning}` } : undefined;
}

const HOTPLUG_STEP =
  'virt-manager asked libvirt to attach the new device to the running VM (virDomainAttachDevice) and it failed';
const UNPLUG_STEP =
  'virt-manager removed the device from the saved configuration and then asked libvirt to detach it from the running VM (virDomainDetachDevice), which failed';

function refineUnplug(f: Facts): Refinement | undefined {
  if (f.persistent)
    return {
      title: "virt-manager could not remove the device from the VM's configuration",
      cause: `libvirt refused to save the configuration without the device (the first step of a removal), so nothing changed: the device is still defined and, if the VM runs, still attached${
        libvirtErrorMeaning(f.inner) ? `; ${libvirtErrorMeaning(f.inner)}` : ''
      }`,
      fix: 'read the quoted error; `virsh edit VM` shows the definition, and removing the <hostdev> there gives libvirt\'s full error; for a "cannot acquire state change lock" timeout, wait for or cancel the other job on the VM first',
    };
  return withInner(UNPLUG_STEP, f);
}

export const USER_TOOLS_ENTRIES: CatalogueEntry[] = [
  // ---------------------------------------------------------------- virt-manager
  {
    id: 'virt-manager.hotplug-failed',
    source: 'virt-manager',
    cite: `${VMM} virtManager/addhardware.py vmmAddHardware._add_device()`,
    format:
      'This device could not be attached to the running machine. Would you like to make the device available after the next guest shutdown?',
    versions:
      'the dialog is titled "Are you sure you want to add this device?" and its details hold libvirt\'s error; virt-manager\'s log (~/.cache/virt-manager/virt-manager.log) has "Device could not be hotplugged: %s" with that error',
    tier: 'fallback',
    patterns: [
      /This device could not be attached to the running machine/,
      new RegExp(`Device could not be hotplugged: ${INNER}`),
    ],
    severity: 'warning',
    title: 'virt-manager could not hot-plug the device into the running VM',
    cause: `${HOTPLUG_STEP}. The device was not added to the running guest; answering Yes only saves it in the configuration, so it appears at the next start of the VM. For a PCI host device the usual reasons are a running VM without a free hot-pluggable slot (a q35 VM whose pcie-root-ports are all used), the device still in use by the host or another VM, or an IOMMU group shared with devices the VM does not have; the error in the dialog's details says which`,
    fix: "open the dialog's Details (or the log line) and give that error to `vfiokit diagnose`; otherwise answer Yes and restart the VM (shut down, then start: a reboot inside the guest keeps the old device set). To hot-plug PCI devices into a q35 VM later, give it spare pcie-root-port controllers while it is shut off",
    refine: (f) => withInner(HOTPLUG_STEP, f),
    render: render(''),
    examples: [
      ex(
        'This device could not be attached to the running machine. Would you like to make the device available after the next guest shutdown?',
      ),
      ex('Device could not be hotplugged: internal error: no free slot for the new device', {
        inner: 'internal error: no free slot for the new device',
      }),
    ],
  },
  {
    id: 'virt-manager.hot-unplug-failed',
    source: 'virt-manager',
    cite: `${VMM} virtManager/delete.py vmmDeleteStorage.remove_devobj_internal(), which the details window's Remove uses for every device (older releases: virtManager/details.py remove_device())`,
    format: 'Device could not be removed from the running machine',
    versions:
      'the dialog adds "This change will take effect after the next guest shutdown." with libvirt\'s error in its details; the log has "Device could not be hotUNplugged: %s"; when saving the configuration fails first: "Error Removing Device: %s"',
    tier: 'fallback',
    patterns: [
      /Device could not be removed from the running machine/,
      new RegExp(`Device could not be hotUNplugged: ${INNER}`),
      new RegExp(`(?<persistent>Error Removing Device): ${INNER}`),
    ],
    severity: 'warning',
    title: 'virt-manager removed the device from the configuration, but not from the running VM',
    cause: `${UNPLUG_STEP}. The guest keeps the device until it is shut down; the next start is without it. With a PCI host device the guest has to release it: a guest without PCI hot-plug support (no ACPI or pciehp), a Windows guest refusing to eject a device in use, or a device in a slot that cannot be hot-unplugged leaves it in place; libvirt's error in the dialog's details says which step failed`,
    fix: "shut the VM down (a full shutdown, not a reboot inside the guest) to have the device gone; for live removal, stop what uses the device in the guest first (Windows: Safely Remove / disable it in Device Manager) and retry; the device returns to the host driver once the VM stops if it is managed='yes'",
    refine: refineUnplug,
    render: render(''),
    examples: [
      ex('Device could not be removed from the running machine'),
      ex('Device could not be hotUNplugged: operation failed: something unexpected', {
        inner: 'operation failed: something unexpected',
      }),
      ex('Error Removing Device: internal error: cannot save the definition', {
        persistent: 'Error Removing Device',
      }),
    ],
  },
  {
    id: 'virt-manager.add-device-failed',
    source: 'virt-manager',
    cite: `${VMM} virtManager/addhardware.py vmmAddHardware._finish_cb() ("Unable to add device: %s"), _finish() ("Error validating device parameters: %s") and _build_device() ("Error building device XML: %s")`,
    format: 'Unable to add device: %s',
    versions:
      'the same dialog: "Error validating device parameters: %s" (the device failed virtinst\'s checks before libvirt saw it), "Error building device XML: %s" (the XML editor\'s text could not be turned into a device)',
    tier: 'fallback',
    patterns: [
      new RegExp(`Unable to add device: ${INNER}`),
      new RegExp(`(?<stage>Error validating device parameters|Error building device XML): ${INNER}`),
    ],
    severity: 'error',
    title: "virt-manager could not add the device to the VM's configuration",
    cause:
      "virt-manager built the device and asked libvirt to save the VM's configuration with it (virDomainDefineXML); libvirt refused, so the device was not added (and, for a running VM, not attached either). The quoted text is libvirt's reason: for a PCI host device typically an address or controller conflict in the definition, or a device type this machine does not support",
    fix: 'read the quoted error and give it to `vfiokit diagnose`; `virsh edit VM` and adding the <hostdev> there shows the same error with the line it refers to',
    refine: (f) => {
      if (f.stage === 'Error validating device parameters')
        return {
          cause: `virt-manager's own checks (virtinst) rejected the device before libvirt saw it: the quoted reason names the field (for a host device: no device selected, or one that virtinst cannot describe as a <hostdev>)${
            libvirtErrorMeaning(f.inner) ? `; ${libvirtErrorMeaning(f.inner)}` : ''
          }`,
        };
      if (f.stage === 'Error building device XML')
        return {
          cause:
            "the XML tab of the add-hardware dialog holds text virt-manager could not parse as a device: malformed XML or an element of another kind than the page's device",
          fix: "fix the XML in the dialog's XML tab (or switch back to the Details tab to drop the edits) and press Finish again",
        };
      return withInner(
        "virt-manager asked libvirt to save the VM's configuration with the new device (virDomainDefineXML) and libvirt refused, so the device was not added",
        f,
      );
    },
    render: render('', 'internal error: some new reason'),
    examples: [
      ex('Unable to add device: internal error: some new reason', {
        inner: 'internal error: some new reason',
      }),
      ex('Error validating device parameters: some field is missing', {
        stage: 'Error validating device parameters',
      }),
      ex('Error building device XML: Opening and ending tag mismatch', {
        stage: 'Error building device XML',
      }),
    ],
  },
  {
    id: 'virt-manager.config-change-failed',
    source: 'virt-manager',
    cite: `${VMM} virtManager/addhardware.py vmmAddHardware.change_config_helper() (used by the details window's Apply)`,
    format: 'Error changing VM configuration: %s',
    versions:
      'when the saved change worked but applying it to the running VM failed: "These changes will take effect after the next guest shutdown." (libvirt\'s error in the details; the log has "Hotplug failed: %s")',
    tier: 'fallback',
    patterns: [
      new RegExp(`Error changing VM configuration: ${INNER}`),
      /(?<live>These changes will take effect after the next guest shutdown)/,
      new RegExp(`(?<live>Hotplug failed): ${INNER}`),
    ],
    severity: 'error',
    title: "virt-manager could not save the change to the VM's configuration",
    cause:
      "an edit in the VM's details window (a host device's ROM BAR or its XML, boot order, machine options) was sent to libvirt as a new definition and libvirt refused it, so nothing changed. The quoted text is libvirt's reason",
    fix: 'read the quoted error and give it to `vfiokit diagnose`; `virsh edit VM` shows the same refusal with the line it refers to',
    refine: (f) =>
      f.live
        ? {
            severity: 'warning',
            title: 'virt-manager saved the change, but could not apply it to the running VM',
            cause: `the edited configuration was saved, then applying it to the running VM failed (or the setting can only change while the VM is off): it takes effect at the next start of the VM${
              libvirtErrorMeaning(f.inner) ? `; ${libvirtErrorMeaning(f.inner)}` : ''
            }`,
            fix: 'shut the VM down and start it again (a reboot inside the guest keeps the running configuration); the details of the dialog say why the live change failed',
          }
        : withInner(
            'virt-manager sent the edited configuration to libvirt (virDomainDefineXML) and libvirt refused it, so nothing changed',
            f,
          ),
    render: render('', 'XML error: something new'),
    examples: [
      ex('Error changing VM configuration: XML error: something new', { inner: 'XML error: something new' }),
      ex('These changes will take effect after the next guest shutdown.', {
        live: 'These changes will take effect after the next guest shutdown',
      }),
    ],
  },
  {
    id: 'virt-manager.install-failed',
    source: 'virt-manager',
    cite: `${VMM} virtManager/createvm.py vmmCreateVM._install_finished_cb() (the install job started by "Begin Installation" / Finish)`,
    format: "Unable to complete install: '%s'",
    versions: "the details hold virtinst's traceback ending in libvirt's error (libvirt.libvirtError: …)",
    tier: 'fallback',
    patterns: [new RegExp(`Unable to complete install: '${INNER}`)],
    severity: 'error',
    title: 'virt-manager could not create or start the new VM',
    cause:
      'the new-VM wizard defined the VM and started it for the installation (virtinst\'s start_install()), and libvirt failed. The quoted text is libvirt\'s error, the same one a `virsh start` would print; host devices added in "Customize configuration before install" are prepared at this start (bound to vfio-pci, their IOMMU group checked), so their failures appear here',
    fix: "give the quoted error to `vfiokit diagnose`; the VM stays defined, so after the fix start it from virt-manager or with `virsh start NAME`; /var/log/libvirt/qemu/NAME.log has QEMU's full output",
    refine: (f) =>
      withInner(
        "the new-VM wizard defined the VM and started it for the installation (virtinst's start_install()), and libvirt failed",
        f,
      ),
    render: render('', 'internal error: some new reason'),
    examples: [
      ex("Unable to complete install: 'internal error: some new reason'", {
        inner: "internal error: some new reason'",
      }),
    ],
  },
  {
    id: 'virt-manager.nodedev-unsupported',
    source: 'virt-manager',
    cite: `${VMM} virtManager/addhardware.py vmmAddHardware._set_initial_state() (the hardware list's tooltip when virtinst/support.py conn_nodedev, a trial virConnectListDevices(), fails)`,
    format: 'Connection does not support host device enumeration',
    versions: 'shown on the greyed-out "USB Host Device", "PCI Host Device" and "MDEV Host Device" rows',
    patterns: [/Connection does not support host device enumeration/],
    severity: 'error',
    title: "virt-manager cannot list host devices: libvirt's node-device driver does not answer",
    cause:
      "before offering PCI, USB and mdev host devices virt-manager asks libvirt for the host's node devices (virConnectListDevices); on this connection the call fails, so the host-device pages are disabled. With libvirt's modular daemons (virtqemud and friends, the default on current Fedora, RHEL, Arch and Debian) the node devices are served by a separate daemon, virtnodedevd, whose socket is not enabled or running; on a monolithic libvirtd the node-device driver (built on udev) failed to start. Nothing is wrong with the device or VFIO itself",
    fix: 'run `virsh -c qemu:///system nodedev-list --cap pci`: its error names the problem. With modular daemons: `systemctl enable --now virtnodedevd.socket` (and virtnodedevd-ro.socket, virtnodedevd-admin.socket); otherwise `systemctl restart libvirtd` and check its journal for the nodedev driver; then reconnect virt-manager (File → close and reopen the connection)',
    render: render(''),
    examples: [ex('Connection does not support host device enumeration')],
  },
  {
    id: 'virt-manager.mdev-not-active',
    source: 'virt-manager',
    cite: `${VMM} virtManager/addhardware.py vmmAddHardware._populate_hostdev_model() (the tooltip of an mdev whose node device is not active)`,
    format:
      '%s is not active in the host system.\nPlease start the mdev in the host system before adding it to the guest.',
    versions: 'virt-manager 4.0+ (the MDEV Host Device page); the row is greyed out',
    patterns: [
      /^(?<name>[^\n]{1,120}) is not active in the host system\.(?:\nPlease start the mdev in the host system)?/,
    ],
    severity: 'warning',
    title: 'The mediated device is defined but not started, so virt-manager will not add it',
    cause:
      'libvirt knows this mediated device (a vGPU or other mdev defined with `virsh nodedev-define` or `mdevctl define`), but it is not created on the host right now, so there is no /sys/bus/mdev/devices/UUID for QEMU to open. virt-manager greys it out; a VM referring to it would fail to start the same way',
    fix: 'start it: `virsh nodedev-start mdev_UUID_…` (or `mdevctl start -u UUID`), and make it persistent across host reboots with `virsh nodedev-autostart mdev_UUID_…` (`mdevctl modify --auto -u UUID`); if starting fails, the parent GPU has no free instance of that type or its host driver (NVIDIA vGPU manager, i915 GVT-g) is not loaded',
    render: render('', 'mdev_4b20d080_1b54_4048_85b3_a6a62d165c01'),
    examples: [
      ex(
        'mdev_4b20d080_1b54_4048_85b3_a6a62d165c01 is not active in the host system.\nPlease start the mdev in the host system before adding it to the guest.',
        { name: 'mdev_4b20d080_1b54_4048_85b3_a6a62d165c01' },
      ),
    ],
  },

  // ---------------------------------------------------------------- Proxmox VE qemu-server
  {
    id: 'pve.nvidia-vgpu-type',
    source: 'proxmox',
    cite: `${PVE_PCI} create_nvidia_device() (called from choose_hostpci_devices() for an "mdev=nvidia-N" on a GPU with NVIDIA's vGPU sysfs interface)`,
    format: "vgpu type '%s' not available for '%s'\n",
    versions:
      "qemu-server 8.2+ (NVIDIA vGPU 17+ on kernel 6.8+, where vGPUs are SR-IOV virtual functions with nvidia/current_vgpu_type instead of mdevs); the same function: \"no nvidia sysfs api for '%s'\", \"unable to reset vgpu type for '%s'\", \"could not set vgpu type to '%s' for '%s'\"; with several alternatives (a resource mapping) each is printed as a warning and the next device is tried",
    patterns: [
      new RegExp(`vgpu type '(?<type>\\d{1,5})' not available for '${BDF}'`),
      new RegExp(`(?<step>no nvidia sysfs api|unable to reset vgpu type) for '${BDF}'`),
      new RegExp(`(?<step>could not set vgpu type) to '(?<type>\\d{1,5})' for '${BDF}'`),
    ],
    severity: 'error',
    title: 'Proxmox could not give the virtual function the requested NVIDIA vGPU type',
    cause:
      "with NVIDIA's vGPU 17+ host driver on kernel 6.8+, a vGPU is an SR-IOV virtual function of the GPU whose type is set by writing to /sys/bus/pci/devices/VF/nvidia/current_vgpu_type. qemu-server read the types the VF offers (its mdev_supported_types list) and the requested nvidia-N type is not among them or has no instance left: the GPU's other VFs already run vGPUs of a different type (a GPU runs one vGPU type at a time in its default time-sliced mode) or of its whole capacity, or this GPU or driver release does not offer that type",
    fix: "list what this VF offers (`cat /sys/bus/pci/devices/ADDR/nvidia/creatable_vgpu_types` or the hostpci dialog's type list) and pick one of those; stop the VMs using other types on the same GPU, or give all VMs on it the same type; with a resource mapping listing several VFs, add more VFs to the mapping",
    refine: (f) => {
      if (f.step === 'no nvidia sysfs api')
        return {
          title: 'The device has no NVIDIA vGPU sysfs interface',
          cause: `${f.bdf ?? 'the device'} has no nvidia/current_vgpu_type file, so an nvidia-N vGPU type cannot be set on it: the address is the physical GPU rather than one of its virtual functions, the VFs were not created (NVIDIA's sriov-manage -e has not run since boot, or its service failed), or the GPU is bound to the normal driver or vfio-pci instead of NVIDIA's vGPU host driver`,
          fix: 'create the VFs (`/usr/lib/nvidia/sriov-manage -e ADDR` or enable the nvidia-sriov service), then choose a VF address (a function other than .0, listed by `lspci -d 10de:`) or a mapping of VFs in hostpci; check `nvidia-smi vgpu` for the host driver',
        };
      if (f.step === 'unable to reset vgpu type')
        return {
          title: 'The virtual function already carries another vGPU type',
          cause: `${f.bdf ?? 'the VF'} had a different vGPU type set and clearing it (writing 0) failed: a VM still uses the VF with that type (another VM, or this one's previous run not yet cleaned up)`,
          fix: "stop the VM that uses this VF (`qm list` and the hostpci entries show which), or choose another VF; if no VM uses it, check the host driver's messages in `journalctl -k` and `nvidia-smi vgpu`",
        };
      if (f.step === 'could not set vgpu type')
        return {
          cause: `writing the vGPU type ${f.type ?? ''} to ${f.bdf ?? 'the VF'}'s nvidia/current_vgpu_type was refused by NVIDIA's host driver although the type was listed as available: the GPU's capacity changed meanwhile (another VM started), or the driver rejected the type (its error is in \`journalctl -k\`, lines starting NVRM)`,
        };
      return undefined;
    },
    render: render('TASK ERROR: ', '63', '0000:c1:00.4'),
    examples: [
      ex("TASK ERROR: vgpu type '63' not available for '0000:c1:00.4'", { type: '63', bdf: '0000:c1:00.4' }),
      ex("TASK ERROR: no nvidia sysfs api for '0000:c1:00.0'", {
        step: 'no nvidia sysfs api',
        bdf: '0000:c1:00.0',
      }),
      ex("unable to reset vgpu type for '0000:c1:00.5'", { step: 'unable to reset vgpu type' }),
      ex("TASK ERROR: could not set vgpu type to '63' for '0000:c1:00.4'", {
        step: 'could not set vgpu type',
        type: '63',
      }),
    ],
  },
];

/** Wordings of the swept files that existing entries already recognise. */
export const USER_TOOLS_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'wrapped.domain-start-failed',
    file: `${VMM} virtManager/vmmenu.py`,
    format: 'Error starting domain: %s',
    text: 'Error starting domain: internal error: some new reason',
  },
  {
    id: 'libvirt.device-in-use',
    file: `${VMM} virtManager/addhardware.py`,
    format: 'Unable to add device: %s',
    text: 'Unable to add device: Requested operation is not valid: PCI device 0000:01:00.0 is in use by driver QEMU, domain win10',
  },
  {
    id: 'pve.pcie-needs-q35',
    file: PVE_PCI,
    format: 'q35 machine model is not enabled',
    text: 'TASK ERROR: q35 machine model is not enabled at /usr/share/perl5/PVE/QemuServer/PCI.pm line 310.',
  },
  {
    id: 'pve.legacy-igd-config',
    file: PVE_PCI,
    format: "legacy IGD assignment requires VGA mode to be 'none'",
    text: "TASK ERROR: legacy IGD assignment requires VGA mode to be 'none'",
  },
  {
    id: 'pve.device-not-found',
    file: PVE_PCI,
    format: "no pci device info for device '%s'",
    text: "TASK ERROR: no pci device info for device '0000:01:00.0'",
  },
  {
    id: 'pve.group-bind-failed',
    file: PVE_PCI,
    format: "can't unbind/bind PCI group to VFIO '%s'",
    text: "TASK ERROR: can't unbind/bind PCI group to VFIO '0000:01:00.0'",
  },
  {
    id: 'proxmox.reset-continue',
    file: PVE_PCI,
    format: "failed to reset PCI device '%s', but trying to continue as not all devices need a reset",
    text: "failed to reset PCI device '0000:01:00.0', but trying to continue as not all devices need a reset",
  },
  {
    id: 'pve.device-reserved',
    file: PVE_PCI,
    format: "PCI device '%s' already in use by VMID '%s'",
    text: "TASK ERROR: PCI device '0000:01:00.0' already in use by VMID '102'",
  },
  {
    id: 'pve.leftover-reservation',
    file: PVE_PCI,
    format: 'leftover PCI reservation found for %s, lets take it...',
    text: 'leftover PCI reservation found for 0000:01:00.0, lets take it...',
  },
  {
    id: 'pve.device-assigned-twice',
    file: PVE_PCI,
    format: "device '%s' assigned more than once",
    text: "TASK ERROR: device '0000:01:00.0' assigned more than once",
  },
  {
    id: 'pve.iommu-not-present',
    file: PVE_PCI,
    format: 'cannot prepare PCI pass-through, IOMMU not present',
    text: 'TASK ERROR: cannot prepare PCI pass-through, IOMMU not present',
  },
];

/** Strings of the swept files left out, with the reason. */
export const USER_TOOLS_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: `${VMM} virtinst/devices/hostdev.py`,
    format: 'Could not find USB device (vendorId: %s, productId: %s)',
    why: 'old virtinst (before 2.0) only, for USB host devices; not on the PCI passthrough path',
  },
  {
    file: `${VMM} virtinst/devices/hostdev.py`,
    format: 'Unknown node device type %s',
    why: 'the old wording of "Unsupported node device type \'%s\'", which is left out with its reason in the libvirt sweep ledger',
  },
  {
    file: `${VMM} virtManager/addhardware.py`,
    format: 'No Devices Available',
    why: 'the placeholder row of an empty host-device list: too generic a text to recognise on its own; the list is empty when libvirt lists no devices of the kind, which virt-manager.nodedev-unsupported explains when the listing fails',
  },
  {
    file: `${VMM} virtManager/addhardware.py`,
    format: 'Physical Device Required / A device must be selected.',
    why: "older versions' check that a row is selected on the host-device page; says nothing about the device",
  },
  {
    file: `${VMM} virtManager/addhardware.py`,
    format: 'Not supported for containers',
    why: 'the host-device rows of an LXC connection; no VFIO there',
  },
  {
    file: PVE_PCI,
    format: 'aarch64 cannot use IDE devices',
    why: 'a disk-bus check on ARM guests in print_pci_addr(); not device assignment',
  },
];
