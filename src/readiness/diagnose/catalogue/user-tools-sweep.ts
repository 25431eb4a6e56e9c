/**
 * The management front ends people drive passthrough with, swept for their own user-visible
 * lines: virt-manager's add-hardware, remove-device, configuration-change and install dialogs
 * (virtManager/addhardware.py, delete.py, createvm.py), which wrap the libvirt error that made the
 * step fail, and its host-device list's notes (no node-device driver, an mdev not started);
 * Proxmox VE's vGPU type selection for NVIDIA's SR-IOV vGPU on kernel 6.8+ (qemu-server
 * PVE/QemuServer/PCI.pm create_nvidia_device()); TrueNAS SCALE's checks of a VM's PCI device and
 * its start/stop handling (middlewared plugins/vm/devices/pci.py); Incus's gpu selectors; the NVIDIA
 * GPU operator's vfio-manage.sh; Harvester's PCIDeviceClaim controller; and NVIDIA's KubeVirt GPU
 * device plugin (allocation, health check, vGPU VFs). The virt-manager dialogs that carry a libvirt
 * error are fallbacks (entry.ts `tier`): a quoted error the catalogue knows is explained by its own
 * entry, and these answer only when it does not, reading libvirt's error class from the quoted
 * text (libvirt/libvirt src/util/virerror.c gives each class its fixed prefix; libvirtErrorMeaning()
 * is exported for other wrappers). Examples are built from the format strings. USER_TOOLS_ALSO and
 * USER_TOOLS_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, render } from './build.js';

const VMM = 'virt-manager/virt-manager';
const PVE_PCI = 'proxmox/qemu-server src/PVE/QemuServer/PCI.pm';
const TRUENAS_VM = 'truenas/middleware src/middlewared/middlewared/plugins/vm';
const INCUS_DEV = 'lxc/incus internal/server/device';
const HARVESTER_PDC = 'harvester/pcidevices pkg/controller/pcideviceclaim/pcideviceclaim_controller.go';
const NV_KV_GENERIC = 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/generic_device_plugin.go';
const NV_KV_VFIO_VGPU = 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/vfio_vgpu.go';
const VFIO_MANAGE = 'NVIDIA/gpu-operator assets/state-vfio-manager/0400_configmap.yaml (vfio-manage.sh)';

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
    cite: `${VMM} virtManager/delete.py vmmDeleteStorage.remove_devobj_internal(), which the details window's Remove calls (older releases: virtManager/details.py remove_device())`,
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
      // virt-manager's name for the mdev ("PCI ADDRESS TYPE", its pretty_name()), the node device's name
      // (mdev_UUID, with the parent's address since libvirt 7.x) or a bare UUID:
      // a looser name would take in a line a paste put before it.
      /(?<name>mdev_[0-9a-fA-F_]{32,80}|[0-9a-fA-F-]{36}|PCI [0-9a-fA-F:.]{7,12} [\w.-]{1,60}) is not active in the host system\.(?:\nPlease start the mdev in the host system)?/,
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

  // ---------------------------------------------------------------- TrueNAS SCALE: VM PCI devices
  {
    id: 'mgmt.truenas-vm-pci-invalid',
    source: 'userspace tool',
    cite: `${TRUENAS_VM}/devices/pci.py PCI._validate() (the device details from ${TRUENAS_VM}/pci.py get_pci_device_details(); older middleware: vm_devices.py validate_device())`,
    format: 'Not a valid choice. The PCI device is not available for passthru: %s',
    versions:
      'validation errors of the VM\'s PCI passthrough device, shown as "[EINVAL] attribute.pptdev: …"; the detail is "Unable to determine iommu group" or "Device not found"; older middleware ends the sentence without a detail ("… for passthru."); the same check: "%r based PCI devices are critical for system function and cannot be used for PCI passthrough", "IOMMU support is required.", "Changing PCI device is not allowed while the VM is active."',
    patterns: [
      /Not a valid choice\. The PCI device is not available for passthru(?:: (?<detail>[^\n]{1,120})|\.)/,
      /(?:'(?<ctype>[^'\n]{1,60})'|None) based PCI devices are (?<critical>critical for system function)/,
      /attribute\.pptdev: (?<iommu>IOMMU support is required)/,
      /(?<active>Changing PCI device is not allowed while the VM is active)/,
    ],
    severity: 'error',
    title: 'TrueNAS refuses the PCI device chosen for the VM',
    cause:
      "TrueNAS looks the chosen device (pci_DOMAIN_BUS_SLOT_FUNCTION) up among the host's PCI devices before saving it; it is not usable: either no device has that address any more (a card removed or moved, the buses renumbered after adding hardware or a firmware update), or TrueNAS found no IOMMU group for it",
    fix: 'open the VM\'s Devices, edit the PCI passthrough device and choose it again from the list (which shows the current addresses, with `lspci -D` to compare); if the device has no IOMMU group, enable the IOMMU (Intel VT-d, AMD-Vi / "IOMMU") in the firmware setup and reboot',
    refine: (f: Facts) => {
      if (f.critical)
        return {
          title: 'TrueNAS refuses to pass a chipset device to a VM',
          cause: `the chosen device's PCI class marks it as one the host itself needs (${
            f.ctype ? `'${f.ctype}'` : 'no class readable'
          }): TrueNAS treats PCI, ISA and host bridges, RAM memory controllers and SMBus controllers, and devices without a class, as critical and never hands them to a VM. Usually the wrong function was picked — the PCIe root port or bridge above a card rather than the card itself`,
          fix: "choose the device itself (the GPU, NIC or HBA function: `lspci -nn` shows its class, e.g. [0300] VGA, [0200] Ethernet, [0107] SAS) instead of the bridge; its other functions (a GPU's audio) are added as separate PCI devices",
        };
      if (f.iommu)
        return {
          title: 'TrueNAS needs the IOMMU for PCI passthrough, and it is off',
          cause:
            'TrueNAS checks /sys/kernel/iommu_groups, which exists only when the kernel runs with an IOMMU: it is disabled in the firmware setup (Intel VT-d, AMD-Vi / "IOMMU", sometimes under the CPU or chipset menus), or the platform has none. No device can be passed through until it is on',
          fix: 'enable VT-d (Intel) or SVM plus IOMMU (AMD) in the firmware setup and reboot; check with `ls /sys/kernel/iommu_groups` and `dmesg | grep -e DMAR -e AMD-Vi`',
        };
      if (f.active)
        return {
          title: 'TrueNAS does not change a PCI device of a running VM',
          cause:
            'the VM is running (or starting), and its PCI passthrough device was edited to point at another host device; TrueNAS only swaps passthrough devices while the VM is stopped',
          fix: 'stop the VM, change the device, start it again',
        };
      if (/iommu group/i.test(f.detail ?? ''))
        return {
          cause:
            'TrueNAS found the device but no IOMMU group for it (/sys/kernel/iommu_groups has no entry naming it): the IOMMU is off — disabled in the firmware (Intel VT-d, AMD-Vi) — so no device has a group, or this device is not behind the IOMMU. Without a group it cannot be bound to vfio-pci',
          fix: "enable the IOMMU in the firmware setup (VT-d / AMD-Vi) and reboot; `ls /sys/kernel/iommu_groups` should then list groups, and `readlink /sys/bus/pci/devices/ADDR/iommu_group` name this device's",
        };
      if (/not found/i.test(f.detail ?? ''))
        return {
          cause:
            "no PCI device has the saved address any more: the card was removed or moved to another slot, or the bus numbers changed (hardware added, a firmware update, bifurcation settings), so the VM's device entry points at nothing",
        };
      return undefined;
    },
    render: render('[EINVAL] attribute.pptdev: ', 'Unable to determine iommu group'),
    examples: [
      ex(
        '[EINVAL] attribute.pptdev: Not a valid choice. The PCI device is not available for passthru: Unable to determine iommu group',
        { detail: 'Unable to determine iommu group' },
      ),
      ex(
        '[EINVAL] attribute.pptdev: Not a valid choice. The PCI device is not available for passthru: Device not found',
        {
          detail: 'Device not found',
        },
      ),
      ex(
        "[EINVAL] attribute.pptdev: 'PCI bridge' based PCI devices are critical for system function and cannot be used for PCI passthrough",
        { ctype: 'PCI bridge' },
      ),
      ex('[EINVAL] attribute.pptdev: IOMMU support is required.', { iommu: 'IOMMU support is required' }),
      ex('[EINVAL] attribute.pptdev: Changing PCI device is not allowed while the VM is active.'),
    ],
  },
  {
    id: 'mgmt.truenas-vm-device-in-use',
    source: 'userspace tool',
    cite: `${TRUENAS_VM}/devices/pci.py PCIBase.pre_start_vm_device_setup()`,
    format: '%s device is already being used by another active VM',
    versions:
      'printed when a VM is started, as "[EFAULT] PCI device is already being used by another active VM"',
    patterns: [/(?<dtype>PCI|USB|GPU|[A-Z]{2,10}) device is already being used by another active VM/],
    severity: 'error',
    title: 'TrueNAS will not start the VM: another running VM has the same device',
    cause:
      'before starting a VM TrueNAS looks for other VMs whose device list holds the same host device (same pptdev address) and that are running, starting or paused; one is, so the start is refused. Several VMs may list one device, but only one can run with it',
    fix: 'stop the other VM (Virtualization → the VM using the device) and start this one, or remove the device from one of the VMs (Devices → the PCI passthrough entry)',
    render: render('[EFAULT] ', 'PCI'),
    examples: [ex('[EFAULT] PCI device is already being used by another active VM', { dtype: 'PCI' })],
  },
  {
    id: 'mgmt.truenas-pci-reattach-failed',
    source: 'userspace tool',
    cite: `${TRUENAS_VM}/devices/pci.py PCI.post_stop_vm() (middlewared.log; the traceback after it ends in reattach_device()'s CallError "Unable to re-attach %s PCI device: %s" with virsh's error)`,
    format: 'Failed to re-attach %s device',
    patterns: [/Failed to re-attach (?<dev>pci_[0-9a-fA-F_]{12,20}) device/],
    severity: 'warning',
    title: 'TrueNAS could not give the device back to the host after the VM stopped',
    cause:
      "when a VM with a PCI passthrough device stops and no other running VM uses the device, TrueNAS runs `virsh nodedev-reattach` to unbind it from vfio-pci and let its host driver take it back; that failed, so the device stays on vfio-pci and the host cannot use it until it is reattached or the system reboots. The VM itself stopped normally and can be started again. virsh's reason follows in the traceback",
    fix: "read the error at the end of the traceback in /var/log/middlewared.log (vfiokit diagnose explains the libvirt line); retry with `virsh -c 'qemu+unix:///system?socket=/run/truenas_libvirt/libvirt-sock' nodedev-reattach DEVICE`; a GPU whose host driver fails to take it back after a VM usually needs a reboot (or its reset quirk)",
    render: render('', 'pci_0000_01_00_0'),
    examples: [ex('Failed to re-attach pci_0000_01_00_0 device', { dev: 'pci_0000_01_00_0' })],
  },

  // ---------------------------------------------------------------- Incus / LXD: gpu device selectors
  {
    id: 'incus.gpu-selector-conflict',
    source: 'incus',
    cite: `${INCUS_DEV}/gpu_physical.go gpuPhysical.validateConfig() (canonical/lxd lxd/device/gpu_physical.go the same)`,
    format: 'Cannot use %q when "pci" is set',
    versions: 'the same check: `Cannot use %q when "id" is set`',
    patterns: [/Cannot use "(?<field>vendorid|productid|id|pci)" when "(?<key>pci|id)" is set/],
    severity: 'error',
    title: 'The gpu device names its GPU twice',
    cause:
      'a physical gpu device selects its GPU either by PCI address (pci) or by DRM card id (id), or by vendorid/productid; pci and id each pick exactly one card, so Incus refuses a device that also sets another selector',
    fix: 'keep one selector: for a VM, the PCI address is the clearest (`incus config device set VM gpu0 pci=0000:01:00.0` and `incus config device unset VM gpu0 vendorid`; the same with lxc for LXD); `incus info --resources` lists the GPUs with their addresses and ids',
    render: render('Error: Invalid devices: Device validation failed for "gpu0": ', 'vendorid'),
    examples: [
      ex(
        'Error: Invalid devices: Device validation failed for "gpu0": Cannot use "vendorid" when "pci" is set',
        {
          field: 'vendorid',
          key: 'pci',
        },
      ),
      ex('Cannot use "pci" when "id" is set', { field: 'pci', key: 'id' }),
    ],
  },

  // ---------------------------------------------------------------- NVIDIA GPU operator: vfio-manager
  {
    id: 'kubernetes.vfio-manage-step',
    source: 'kubernetes',
    cite: `${VFIO_MANAGE} bind_device() / bind_pci_device() / unbind_from_driver()`,
    format: 'unbinding device %s from driver %s',
    versions:
      'the nvidia-vfio-manager pod\'s log; the same script: "binding device %s", "device %s already bound to vfio-pci", "device %s is not a gpu!", "gpu %s is in graphics mode aux_dev %s"',
    patterns: [
      new RegExp(`^unbinding device ${BDF} from driver (?<driver>[\\w-]{1,40})`),
      new RegExp(`^(?<step>binding device) ${BDF}$`),
      new RegExp(`^device ${BDF} (?<step>already bound to vfio-pci|is not a gpu!)`),
      new RegExp(`^gpu ${BDF} is in (?<step>graphics mode) aux_dev (?<aux>[0-9a-fA-F:.]{7,16})`),
    ],
    severity: 'info',
    title: "The GPU operator's vfio-manager is moving an NVIDIA GPU to vfio-pci (progress, harmless)",
    cause:
      "on a node labelled for VM passthrough (nvidia.com/gpu.workload.config=vm-passthrough) the vfio-manager pod runs vfio-manage.sh bind --all: for every NVIDIA device of class VGA or 3D controller it unbinds the current driver, sets driver_override to vfio-pci and binds it, so KubeVirt's GPU device plugin can offer it. This line reports one of those steps; nothing failed",
    fix: 'nothing to do; if the pod then fails or hangs, the step after the last such line is the one to look at (a shell "write error" on a sysfs file, which vfiokit diagnose explains)',
    refine: (f: Facts) => {
      if (f.step === 'is not a gpu!')
        return {
          severity: 'warning',
          title: 'vfio-manager skipped a device that is not a GPU',
          cause: `${f.bdf ?? 'the device'} was named for binding but its PCI class is neither VGA (0x030000) nor 3D controller (0x030200): the script binds only GPUs and leaves it on its driver — an NVSwitch, a GPU's audio or USB function, or a wrong address`,
          fix: "name the GPU function itself (`lspci -nn -d 10de:` shows classes [0300]/[0302]); a display-mode GPU's audio function is bound together with it",
        };
      if (f.step === 'graphics mode')
        return {
          cause: `the GPU is in display mode (class VGA 0x030000) and has a linked consumer device (${f.aux ?? 'its audio function'}), which vfio-manage.sh binds to vfio-pci too, since both functions go to the VM together. Nothing failed`,
        };
      if (f.driver && /^(nvidia|nouveau)$/.test(f.driver))
        return {
          cause: `the GPU was on the host's ${f.driver} driver and is being unbound so vfio-pci can take it. Unbinding from nvidia blocks while processes still hold the GPU (nvidia-persistenced, a monitoring agent, a container): if the pod hangs right after this line, stop them on the node, or keep the host NVIDIA driver off GPUs meant for VMs`,
        };
      return undefined;
    },
    render: render('', '0000:3b:00.0', 'nvidia'),
    examples: [
      ex('unbinding device 0000:3b:00.0 from driver nvidia', { bdf: '0000:3b:00.0', driver: 'nvidia' }),
      ex('binding device 0000:3b:00.0', { step: 'binding device' }),
      ex('device 0000:3b:00.0 already bound to vfio-pci', { step: 'already bound to vfio-pci' }),
      ex('device 0000:3c:00.0 is not a gpu!', { step: 'is not a gpu!' }),
      ex('gpu 0000:3b:00.0 is in graphics mode aux_dev 0000:3b:00.1', { aux: '0000:3b:00.1' }),
    ],
  },

  // ---------------------------------------------------------------- Harvester: PCIDeviceClaim controller
  {
    id: 'mgmt.harvester-vfio-bind-unverified',
    source: 'kubevirt',
    cite: `${HARVESTER_PDC} bindDeviceToVFIOPCIDriver() (called from enablePassthrough() while reconciling a PCIDeviceClaim)`,
    format: 'no device %s found at /sys/bus/pci/drivers/vfio-pci',
    patterns: [new RegExp(`no device ${BDF} found at /sys/bus/pci/drivers/vfio-pci`)],
    severity: 'error',
    title: 'Harvester asked vfio-pci to take the device, and it did not',
    cause:
      "to enable passthrough for a claimed device the controller writes its vendor and device ID to vfio-pci's new_id and its address to vfio-pci's bind, then checks that the device appears under /sys/bus/pci/drivers/vfio-pci; it does not, although both writes were accepted: vfio-pci's probe refused the device — most often because the device has no IOMMU group (the IOMMU is off: VT-d/AMD-Vi disabled in the firmware or not enabled on the kernel command line), the kernel log then has \"vfio-pci ADDR: probe … failed with error -22\" — or another driver bound it first. The claim is retried and passthrough stays disabled",
    fix: 'check the kernel log on the node (`dmesg | grep -i -e vfio -e DMAR -e AMD-Vi`) and `ls /sys/bus/pci/devices/ADDR/iommu_group`; enable the IOMMU in the firmware (and intel_iommu=on on older kernels via the Harvester boot configuration), reboot the node, then disable and re-enable passthrough for the device',
    render: render('', '0000:04:00.0'),
    examples: [ex('no device 0000:04:00.0 found at /sys/bus/pci/drivers/vfio-pci', { bdf: '0000:04:00.0' })],
  },
  {
    id: 'mgmt.harvester-unbind-pending',
    source: 'kubevirt',
    cite: `${HARVESTER_PDC} unbindDeviceFromDriver() (called from attemptToEnablePassthrough() for the host driver, and from disablePassthrough() for vfio-pci, which wraps it as "failed unbinding driver: (%s)")`,
    format: 'device still bound to driver, will check again',
    patterns: [/(?<removal>failed unbinding driver: \()?device still bound to driver, will check again/],
    severity: 'warning',
    title: 'Harvester wrote the unbind, but the device is still on its driver',
    cause:
      "enabling passthrough for a claimed device starts by unbinding it from its host driver; the controller wrote the address to the driver's unbind file, yet the device still shows under the driver, so the claim is requeued and tried again. It resolves by itself when the driver finishes letting go; when it repeats, the driver cannot release the device — a GPU held open by processes (nvidia with a running workload or nvidia-persistenced), or a driver whose remove blocks",
    fix: 'if it repeats: see what holds the device on the node (`lsof /dev/nvidia*`, `dmesg` around the unbind) and stop it; keep GPUs meant for VMs away from host drivers (blacklist the driver or let Harvester bind them at boot), then retry the claim',
    refine: (f: Facts) =>
      f.removal
        ? {
            title: 'Harvester could not give the device back: it is still on vfio-pci',
            cause:
              'the PCIDeviceClaim was removed, so the controller unbinds the device from vfio-pci to return it to its original driver; after the write it is still bound to vfio-pci — usually because a VM still uses it (QEMU holds the VFIO device open, and unbinding waits until it is released). The removal is requeued',
            fix: 'stop the VMs that have this device before disabling passthrough for it; the removal completes once they are gone',
          }
        : undefined,
    render: render(''),
    examples: [
      ex('device still bound to driver, will check again'),
      ex('failed unbinding driver: (device still bound to driver, will check again)', {
        removal: 'failed unbinding driver: (',
      }),
    ],
  },
  {
    id: 'mgmt.harvester-claim-other-node',
    source: 'kubevirt',
    cite: `${HARVESTER_PDC} Handler.OnRemove()`,
    format: 'controller %s cannot process claims for node %s',
    patterns: [/controller (?<this>[\w.-]{1,63}) cannot process claims for node (?<node>[\w.-]{1,63})/],
    severity: 'info',
    title: "A node's pcidevices controller skipped another node's claim removal (expected)",
    cause:
      "each node runs its own pcidevices controller and only that node can unbind its devices, so the removal of a PCIDeviceClaim is returned with this error by the controllers of other nodes and requeued until the claim's own node handles it. Harmless while that node is up; if the node is gone for good, the claim's removal never completes",
    fix: "nothing while the claim's node is up; for a node that was removed, the claim has to be cleaned up by Harvester's node-cleanup (or by removing its finalizer) once the node object is deleted",
    render: render('', 'harvester-node-1', 'harvester-node-2'),
    examples: [
      ex('controller harvester-node-1 cannot process claims for node harvester-node-2', {
        this: 'harvester-node-1',
        node: 'harvester-node-2',
      }),
    ],
  },

  // ---------------------------------------------------------------- NVIDIA KubeVirt GPU device plugin
  {
    id: 'mgmt.nvidia-dp-allocation-stale',
    source: 'kubernetes',
    cite: `${NV_KV_GENERIC} GenericDevicePlugin.Allocate()`,
    format: 'invalid allocation request: unknown device: %s',
    versions:
      'logged just before it: "IommuGroup has changed on the system %s" or "Vendor has changed on the system %s" (Go log.Println, so two spaces before the address)',
    patterns: [
      new RegExp(`invalid allocation request: unknown device: ${BDF}`),
      new RegExp(`(?<what>IommuGroup|Vendor) has changed on the system {1,2}${BDF}`),
    ],
    severity: 'error',
    title:
      "The KubeVirt GPU device plugin refused to hand out a GPU: the host's devices changed since it started",
    cause:
      'when the kubelet allocates a GPU to a virt-launcher pod, the plugin re-reads each device of the requested IOMMU group from sysfs and checks that its iommu_group link still names the same group and that its vendor is still NVIDIA (10de); one of them does not, so the allocation fails and the pod is not admitted (the VMI stays Pending/Failed with an UnexpectedAdmissionError). The plugin built its device list when it started: devices re-enumerated since then — a PCI rescan or hot-plug, GPUs rebound, SR-IOV VFs re-created — no longer match it',
    fix: 'restart the device plugin pod on that node (in the GPU operator: the nvidia-sandbox-device-plugin daemonset) so it rebuilds its list, after the GPUs are in their final state (bound to vfio-pci); check `ls -l /sys/bus/pci/devices/ADDR/iommu_group` for the address it names',
    refine: (f: Facts) =>
      f.what === 'Vendor'
        ? {
            cause: `the device at ${f.bdf ?? 'the address'} no longer reads as an NVIDIA device (vendor 10de) — or its vendor file could not be read because the device is gone: the address now holds another device or none (a rescan, a removed card, re-created VFs). The plugin's list from its start is stale, so the allocation fails and the virt-launcher pod is not admitted`,
          }
        : undefined,
    render: render('', '0000:3b:00.0'),
    examples: [
      ex('invalid allocation request: unknown device: 0000:3b:00.0', { bdf: '0000:3b:00.0' }),
      ex('2024/05/01 10:00:00 IommuGroup has changed on the system  0000:3b:00.0', { what: 'IommuGroup' }),
      ex('2024/05/01 10:00:00 Vendor has changed on the system  0000:3b:00.0', { what: 'Vendor' }),
    ],
  },
  {
    id: 'mgmt.nvidia-dp-health',
    source: 'kubernetes',
    cite: `${NV_KV_GENERIC} GenericDevicePlugin.healthCheck()`,
    format: '%s: Marking device unhealthy: %s',
    versions:
      'the same function: "%s: Socket path for GPU device was removed, kubelet likely restarted", "%s: Unable to add device path to fsnotify watcher: %v"; %s is "healthCheck(RESOURCE)"',
    patterns: [
      /healthCheck\((?<resource>[\w.-]{1,80})\): (?<what>Marking device unhealthy): (?<path>\/dev\/vfio\/\d{1,6})/,
      /healthCheck\((?<resource>[\w.-]{1,80})\): (?<what>Socket path for GPU device was removed), kubelet likely restarted/,
      /healthCheck\((?<resource>[\w.-]{1,80})\): (?<what>Unable to add device path to fsnotify watcher): (?<err>[^\n]{1,120})/,
    ],
    severity: 'warning',
    title: 'The KubeVirt GPU device plugin marked a GPU unhealthy: its VFIO group node went away',
    cause:
      "the plugin's health check watches /dev/vfio/GROUP of every GPU it advertises; that node was removed (or renamed), which happens when the GPU's IOMMU group stops being bound to vfio-pci — the GPU was unbound or rebound to the nvidia driver (by hand, or by the GPU operator's vfio-manager being reconfigured), or removed. The GPU stays advertised but Unhealthy, so new VMs do not get it; it becomes healthy again when the node reappears",
    fix: 'bind the GPU back to vfio-pci (`lspci -nnk -s ADDR` shows the driver; on vm-passthrough nodes the vfio-manager does it); if the node does not come back, restart the device plugin pod after fixing the binding',
    refine: (f: Facts) => {
      if (f.what === 'Socket path for GPU device was removed')
        return {
          severity: 'info',
          title: 'The KubeVirt GPU device plugin re-registers after a kubelet restart (harmless)',
          cause:
            "the kubelet removes the plugins' sockets under /var/lib/kubelet/device-plugins when it restarts; the plugin sees its socket gone, restarts its gRPC server and registers again, so the GPUs are advertised as before",
          fix: 'nothing to do; if the resource stays at 0 afterwards (`kubectl describe node`), restart the plugin pod',
        };
      if (f.what === 'Unable to add device path to fsnotify watcher')
        return {
          cause: `at start the plugin could not watch the VFIO group node of one of its GPUs (${f.err ?? 'the node is missing'}): the GPU was not bound to vfio-pci when the plugin started, so /dev/vfio/GROUP did not exist. The health check of this resource stops, and a VM given the GPU fails to open its group`,
          fix: 'bind the GPUs to vfio-pci before the plugin starts (on vm-passthrough nodes the vfio-manager runs first), then restart the plugin pod',
        };
      return undefined;
    },
    render: render('', 'healthCheck(TU104GL_TESLA_T4)', '/dev/vfio/65'),
    examples: [
      ex('2024/05/01 10:00:00 healthCheck(TU104GL_TESLA_T4): Marking device unhealthy: /dev/vfio/65', {
        resource: 'TU104GL_TESLA_T4',
        path: '/dev/vfio/65',
      }),
      ex(
        '2024/05/01 10:00:00 healthCheck(TU104GL_TESLA_T4): Socket path for GPU device was removed, kubelet likely restarted',
        { what: 'Socket path for GPU device was removed' },
      ),
      ex(
        '2024/05/01 10:00:00 healthCheck(GA100_A100_PCIE_40GB): Unable to add device path to fsnotify watcher: no such file or directory',
        { err: 'no such file or directory' },
      ),
    ],
  },

  {
    id: 'mgmt.nvidia-dp-vgpu-vf-skipped',
    source: 'kubernetes',
    cite: `${NV_KV_VFIO_VGPU} createVfioVGpuMap() (vGPUs as SR-IOV virtual functions on the nvidia driver: vGPU 17+ on Ada/Hopper and later)`,
    format: 'Skipping unconfigured vGPU VF %s',
    versions:
      'the same function: "Error: could not resolve the name of vGPU type %s configured on VF %s (parent PF %s), skipping device"; plugin releases from 2026 on (older ones know only mdev vGPUs)',
    patterns: [
      new RegExp(`Skipping unconfigured vGPU VF ${BDF}`),
      new RegExp(
        `Error: could not resolve the name of vGPU type (?<type>\\d{1,6}) configured on VF ${BDF} \\(parent PF (?<pf>[0-9a-fA-F:.]{7,16})\\)`,
      ),
    ],
    severity: 'warning',
    title: 'The KubeVirt GPU device plugin does not offer this vGPU virtual function',
    cause:
      "with NVIDIA's vGPU 17+ on recent GPUs a vGPU is an SR-IOV virtual function that stays on the nvidia driver and gets its profile by writing a type id to /sys/bus/pci/devices/VF/nvidia/current_vgpu_type. The plugin advertises only VFs that already carry a type; this one reads 0 (no vGPU type configured), so it is left out and no VM can be given it",
    fix: "configure the VFs' vGPU types before the plugin starts — in the GPU operator with the vGPU device manager (its config names the profile per GPU), by hand by writing a type id listed in the VF's nvidia/creatable_vgpu_types to nvidia/current_vgpu_type — then restart the plugin pod; VFs that stay unconfigured on purpose can be ignored",
    refine: (f: Facts) =>
      f.type
        ? {
            severity: 'error',
            title: 'The KubeVirt GPU device plugin cannot name the vGPU type of a virtual function',
            cause: `the VF ${f.bdf ?? ''} carries vGPU type ${f.type}, but no creatable_vgpu_types list of its card (PF ${f.pf ?? '?'}) or, unambiguously, of any other card on the node names that id, so the plugin cannot build the resource name and skips the VF: the card's VFs are all configured and their lists are reduced to the header, or different cards map the id to different profiles`,
            fix: 'restart the plugin while at least one VF of the card is still unconfigured (its list then shows the full catalogue), or update to a plugin release that caches the catalogue; check `cat /sys/bus/pci/devices/PF/nvidia/creatable_vgpu_types`',
          }
        : undefined,
    render: render('', '0000:3b:00.4'),
    examples: [
      ex('2026/03/02 09:12:40 Skipping unconfigured vGPU VF 0000:3b:00.4', { bdf: '0000:3b:00.4' }),
      ex(
        '2026/03/02 09:12:40 Error: could not resolve the name of vGPU type 1428 configured on VF 0000:3b:00.5 (parent PF 0000:3b:00.0), skipping device',
        { type: '1428', pf: '0000:3b:00.0' },
      ),
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
    id: 'libvirt.migrate-non-usb-hostdev',
    file: `${VMM} virtManager/vmmenu.py`,
    format: 'Error saving domain: %s',
    text: 'Error saving domain: Requested operation is not valid: domain has assigned non-USB host devices',
  },
  {
    id: 'libvirt.migrate-non-usb-hostdev',
    file: `${VMM} virtManager/migrate.py`,
    format: 'Unable to migrate guest: %s',
    text: 'Unable to migrate guest: Requested operation is not valid: domain has assigned non-USB host devices',
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
  {
    id: 'libvirt.virsh-nodedev-failed',
    file: `${TRUENAS_VM}/devices/pci.py`,
    format: 'Unable to detach %s PCI device: %s',
    text: '[EFAULT] Unable to detach pci_0000_01_00_0 PCI device: error: Failed to detach device pci_0000_01_00_0',
  },
  {
    id: 'libvirt.virsh-nodedev-failed',
    file: `${TRUENAS_VM}/devices/pci.py`,
    format: 'Unable to re-attach %s PCI device: %s',
    text: '[EFAULT] Unable to re-attach pci_0000_01_00_0 PCI device: error: Failed to re-attach device pci_0000_01_00_0',
  },
  {
    id: 'mgmt.truenas-ha-no-passthrough',
    file: `${TRUENAS_VM}/devices/pci.py`,
    format: 'HA capable systems do not support PCI passthrough',
    text: '[EINVAL] attribute.pptdev: HA capable systems do not support PCI passthrough',
  },
  {
    id: 'incus.passthrough-stateful',
    file: `${INCUS_DEV}/pci.go`,
    format: 'PCI devices cannot be used when migration.stateful is enabled',
    text: 'Error: Failed to start device "pci0": Failed to validate environment: PCI devices cannot be used when migration.stateful is enabled',
  },
  {
    id: 'incus.gpu-not-detected',
    file: `${INCUS_DEV}/gpu_physical.go`,
    format: 'VMs cannot match multiple GPUs per device',
    text: 'Error: Failed to start device "gpu0": VMs cannot match multiple GPUs per device',
  },
  {
    id: 'kmod.module-not-found',
    file: `${INCUS_DEV}/pci.go`,
    format: 'Error loading %q module: %w',
    text: 'Error: Failed to start device "pci0": Error loading "vfio-pci" module: Failed to run: modprobe -b vfio-pci: exit status 1 (modprobe: FATAL: Module vfio-pci not found in directory /lib/modules/6.8.0)',
  },
  {
    id: 'generic.sysfs-errno',
    file: `${INCUS_DEV}/gpu_physical.go`,
    format: 'Failed to get PCI device info for GPU %q: %w',
    text: 'Error: Failed to start device "gpu0": Failed to get PCI device info for GPU "0000:01:00.0": open /sys/bus/pci/devices/0000:01:00.0/uevent: no such file or directory',
  },
  {
    id: 'sysfs.new-id-failed',
    file: HARVESTER_PDC,
    format: 'error writing to new_id file: %v',
    text: 'error writing to new_id file: write /sys/bus/pci/drivers/vfio-pci/new_id: invalid argument',
  },
  {
    id: 'sysfs.bind-failed',
    file: HARVESTER_PDC,
    format: 'error writing to bind file: %s',
    text: 'error writing to bind file: write /sys/bus/pci/drivers/vfio-pci/bind: no such device',
  },
  {
    id: 'mgmt.harvester-claim-no-owner',
    file: HARVESTER_PDC,
    format: 'Cannot find PCIDevice that owns %s',
    text: 'Cannot find PCIDevice that owns harvester-node-1-000004000',
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
  {
    file: `${TRUENAS_VM}/pci.py`,
    format: 'Unable to determine iommu group / Device not found',
    why: 'not printed by themselves: they are the detail mgmt.truenas-vm-pci-invalid reads from the validation error',
  },
  {
    file: `${INCUS_DEV}/pci/pci.go`,
    format: 'Device uevent file could not be parsed / Device is USB instead of PCI',
    why: "ParseUeventFile()'s refusals of a sysfs uevent file without PCI_SLOT_NAME; a kernel that writes the file always includes it, so they mark a wrong address (a USB interface) rather than a passthrough problem",
  },
  {
    file: `${INCUS_DEV}/pci.go`,
    format: 'Failed to override IOMMU group driver: %w',
    why: 'a wrapper: the sysfs write error or bind timeout after it is what sysfs.* and incus.vfio-bind-timeout explain',
  },
  {
    file: VFIO_MANAGE,
    format: 'existing driver is %s / unbinding device %s / Usage: %s COMMAND [ARG...]',
    why: 'the check printed before each bind, the step name printed before "unbinding device … from driver …", and the usage text of a mistyped command; nothing to explain',
  },
  {
    file: HARVESTER_PDC,
    format: 'error updating kubevirt CR: cannot obtain KubeVirt CR: %v',
    why: "the controller could not read or update Harvester's own KubeVirt CR (harvester-system/kubevirt) to permit the device: an API-server or installation problem of Harvester, not of the device; the Kubernetes error it quotes says which",
  },
  {
    file: HARVESTER_PDC,
    format: 'error starting %s device plugin: %s',
    why: 'the per-resource device plugin could not register with the kubelet (its socket directory, a kubelet restart); a deployment problem, like the NVIDIA device plugin start failure left out elsewhere',
  },
  {
    file: HARVESTER_PDC,
    format: 'Error opening bind file: %s / Error writing to bind file: %s',
    why: "the rebind to the original driver after a claim is removed; the quoted Go error is the sysfs write's, which sysfs.bind-failed explains",
  },
  {
    file: NV_KV_GENERIC,
    format:
      '[%s] Error creating GRPC server socket: %v / [%s] Error connecting to GRPC server: %v / [%s] Error registering with device plugin manager: %v',
    why: "the plugin's own gRPC socket and its registration with the kubelet: a deployment problem of the plugin pod (the device-plugins directory not mounted, the kubelet restarting), like the start failure left out in vmm-coverage.ts",
  },
  {
    file: NV_KV_GENERIC,
    format: 'In allocate / Allocated devices %s / In watch healthy / In watch unhealthy / Devicename %s',
    why: 'trace lines of every allocation and health change; the unhealthy event itself is mgmt.nvidia-dp-health',
  },
  {
    file: NV_KV_VFIO_VGPU,
    format:
      "Resolved vGPU type %s on VF %s via the host-wide catalog (the card's own catalog is reduced) / Error: conflicting names for vGPU type %s: %s and %s, keeping %s",
    why: "the plugin naming a configured VF from another card's list, and noting two names for one id; the VF is advertised in the first case, and the second is followed by the skip line mgmt.nvidia-dp-vgpu-vf-skipped explains when it matters",
  },
  {
    file: NV_KV_VFIO_VGPU,
    format:
      'Could not determine parent Physical Function for VF %s: %v / Error discovering vendor-specific VFIO vGPU VFs: %v',
    why: 'sysfs reads of functions that vanished during the scan (a VF without its physfn link is being removed)',
  },
];
