// The user-tools sweep (catalogue/user-tools-sweep.ts): management front ends' own lines. Expected
// meanings come from the sources the entries cite: virt-manager virtManager/addhardware.py
// (_add_device(): the live attach is tried first and only on its failure the dialog offers to save
// the device for the next start; _finish_cb(): "Unable to add device" is the persistent define
// failing; change_config_helper(): "Error changing VM configuration" when the define fails, "These
// changes will take effect after the next guest shutdown." when the define worked and the live
// change did not), virtManager/delete.py (the definition is changed first — its failure is "Error
// Removing Device" — then the live detach), libvirt src/util/virerror.c (the fixed prefix of each
// error class: "Requested operation is not valid" = VIR_ERR_OPERATION_INVALID, "XML error" =
// VIR_ERR_XML_ERROR, "Timed out during operation" = VIR_ERR_OPERATION_TIMEOUT) and
// src/qemu/qemu_monitor_json.c ("unable to execute QEMU command '%s'"), virtinst/support.py
// (conn_nodedev is a trial virConnect.listDevices()), and qemu-server src/PVE/QemuServer/PCI.pm
// create_nvidia_device() (the order: sysfs file present, reset of a different current type, type
// listed with an available instance, the write).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  libvirtErrorMeaning,
  USER_TOOLS_ENTRIES,
} from '../../src/readiness/diagnose/catalogue/user-tools-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, and claims its own examples with the facts they carry', () => {
  const n = checkSweepEntries(
    USER_TOOLS_ENTRIES,
    ['virt-manager.', 'pve.', 'mgmt.', 'incus.', 'kubernetes.'],
    (e, ex, f) => {
      for (const [k, v] of Object.entries(ex.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id}: ${k} of ${ex.text}`);
    },
  );
  assert.equal(n, USER_TOOLS_ENTRIES.length);
});

test('virt-manager wrappers step aside for a libvirt error the catalogue knows', () => {
  // A quoted libvirt error with its own entry is explained by that entry, not by the wrapper.
  for (const line of [
    'Unable to add device: Requested operation is not valid: PCI device 0000:01:00.0 is in use by driver QEMU, domain win10',
    "Unable to complete install: 'unsupported configuration: host doesn't support passthrough of host PCI devices'",
  ]) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.ok(ids.length > 0, line);
    assert.ok(!ids.some((id) => id.startsWith('virt-manager.')), `${line} → ${ids.join(', ')}`);
  }
});

test('virt-manager hot-plug: the live attach failed, the device can still be saved for the next start', () => {
  const dialog = onlyFinding(
    'This device could not be attached to the running machine. Would you like to make the device available after the next guest shutdown?',
    'virt-manager.hotplug-failed',
  );
  assert.equal(dialog.explanation.severity, 'warning');
  assert.match(dialog.explanation.cause, /next start/);
  // The log line carries libvirt's error: its class changes the explanation.
  const qmp = onlyFinding(
    "Device could not be hotplugged: internal error: unable to execute QEMU command 'device_add': some reason QEMU gave",
    'virt-manager.hotplug-failed',
  );
  assert.match(qmp.explanation.cause, /QEMU itself refused to add the device/);
  const xml = onlyFinding(
    'Device could not be hotplugged: XML error: some value nobody expected',
    'virt-manager.hotplug-failed',
  );
  assert.match(xml.explanation.cause, /VIR_ERR_XML_ERROR/);
  assert.notEqual(xml.explanation.cause, qmp.explanation.cause);
});

test('virt-manager removal: a failed live detach keeps the device until shutdown; a failed define changes nothing', () => {
  const live = onlyFinding(
    'Device could not be removed from the running machine',
    'virt-manager.hot-unplug-failed',
  );
  assert.match(live.explanation.title, /not from the running VM/);
  const del = onlyFinding(
    "Device could not be hotUNplugged: internal error: unable to execute QEMU command 'device_del': some reason QEMU gave",
    'virt-manager.hot-unplug-failed',
  );
  assert.match(del.explanation.cause, /QMP device_del/);
  const persistent = onlyFinding(
    'Error Removing Device: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainCreate)',
    'virt-manager.hot-unplug-failed',
  );
  assert.equal(persistent.facts.persistent, 'Error Removing Device');
  assert.match(persistent.explanation.title, /could not remove the device from the VM's configuration/);
  assert.match(persistent.explanation.cause, /nothing changed/);
  assert.match(persistent.explanation.cause, /state-change lock/);
});

test('virt-manager add/change: which stage failed decides the explanation', () => {
  const define = onlyFinding(
    'Unable to add device: internal error: some new reason',
    'virt-manager.add-device-failed',
  );
  assert.match(define.explanation.cause, /virDomainDefineXML/);
  const validate = onlyFinding(
    'Error validating device parameters: some field is missing',
    'virt-manager.add-device-failed',
  );
  assert.match(validate.explanation.cause, /before libvirt saw it/);
  const build = onlyFinding(
    'Error building device XML: Opening and ending tag mismatch',
    'virt-manager.add-device-failed',
  );
  assert.match(build.explanation.fix, /XML tab/);

  const refused = onlyFinding(
    'Error changing VM configuration: Requested operation is not valid: something new',
    'virt-manager.config-change-failed',
  );
  assert.equal(refused.explanation.severity, 'error');
  assert.match(refused.explanation.cause, /VIR_ERR_OPERATION_INVALID/);
  const later = onlyFinding(
    'These changes will take effect after the next guest shutdown.',
    'virt-manager.config-change-failed',
  );
  assert.equal(later.explanation.severity, 'warning');
  assert.match(later.explanation.title, /saved the change/);
});

test('virt-manager install: the wrapped start error is classified', () => {
  const f = onlyFinding(
    "Unable to complete install: 'operation failed: some step nobody knows'",
    'virt-manager.install-failed',
  );
  assert.match(f.explanation.cause, /VIR_ERR_OPERATION_FAILED/);
  const plain = onlyFinding(
    "Unable to complete install: 'something with no class'",
    'virt-manager.install-failed',
  );
  assert.doesNotMatch(plain.explanation.cause, /VIR_ERR/);
});

test('virt-manager host-device list: no node-device driver, and an mdev not started', () => {
  const nodedev = onlyFinding(
    'Connection does not support host device enumeration',
    'virt-manager.nodedev-unsupported',
  );
  assert.match(nodedev.explanation.fix, /virtnodedevd\.socket/);
  const mdev = onlyFinding(
    'PCI 0000:00:02.0 i915-GVTg_V5_4 is not active in the host system.\nPlease start the mdev in the host system before adding it to the guest.',
    'virt-manager.mdev-not-active',
  );
  assert.match(mdev.explanation.fix, /nodedev-start/);
});

test('Proxmox NVIDIA vGPU type: each step of create_nvidia_device() has its own meaning', () => {
  const unavailable = onlyFinding(
    "TASK ERROR: vgpu type '63' not available for '0000:c1:00.4'",
    'pve.nvidia-vgpu-type',
  );
  assert.equal(unavailable.facts.type, '63');
  assert.equal(unavailable.facts.bdf, '0000:c1:00.4');
  assert.match(unavailable.explanation.cause, /one vGPU type at a time/);
  const noApi = onlyFinding("TASK ERROR: no nvidia sysfs api for '0000:c1:00.0'", 'pve.nvidia-vgpu-type');
  assert.match(noApi.explanation.cause, /0000:c1:00\.0 has no nvidia\/current_vgpu_type/);
  assert.match(noApi.explanation.fix, /sriov-manage/);
  const busy = onlyFinding("unable to reset vgpu type for '0000:c1:00.5'", 'pve.nvidia-vgpu-type');
  assert.match(busy.explanation.cause, /a VM still uses the VF/);
  const write = onlyFinding(
    "TASK ERROR: could not set vgpu type to '63' for '0000:c1:00.4'",
    'pve.nvidia-vgpu-type',
  );
  assert.match(write.explanation.cause, /refused by NVIDIA's host driver/);
  assert.equal(new Set([unavailable, noApi, busy, write].map((f) => f.explanation.cause)).size, 4);
});

// TrueNAS middleware plugins/vm/devices/pci.py PCI._validate(): the detail after "passthru: " is the
// device-details error of plugins/vm/pci.py get_pci_device_details() ("Unable to determine iommu
// group" when get_iommu_groups_info() has no group for it) or passthrough_device() ("Device not
// found"); critical devices are those of utils/pci.py SENSITIVE_PCI_DEVICE_TYPES (bridges, RAM
// memory, SMBus) or with no class; iommu_enabled() tests /sys/kernel/iommu_groups.
test('TrueNAS VM PCI device: which validation failed decides the explanation', () => {
  const group = onlyFinding(
    '[EINVAL] attribute.pptdev: Not a valid choice. The PCI device is not available for passthru: Unable to determine iommu group',
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.match(group.explanation.cause, /no IOMMU group for it/);
  const gone = onlyFinding(
    '[EINVAL] attribute.pptdev: Not a valid choice. The PCI device is not available for passthru: Device not found',
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.match(gone.explanation.cause, /no PCI device has the saved address/);
  const bridge = onlyFinding(
    "[EINVAL] attribute.pptdev: 'PCI bridge' based PCI devices are critical for system function and cannot be used for PCI passthrough",
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.equal(bridge.facts.ctype, 'PCI bridge');
  assert.match(bridge.explanation.cause, /root port or bridge above a card/);
  const noClass = onlyFinding(
    '[EINVAL] attribute.pptdev: None based PCI devices are critical for system function and cannot be used for PCI passthrough',
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.match(noClass.explanation.cause, /no class readable/);
  const iommu = onlyFinding(
    '[EINVAL] attribute.pptdev: IOMMU support is required.',
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.match(iommu.explanation.cause, /\/sys\/kernel\/iommu_groups/);
  const active = onlyFinding(
    '[EINVAL] attribute.pptdev: Changing PCI device is not allowed while the VM is active.',
    'mgmt.truenas-vm-pci-invalid',
  );
  assert.match(active.explanation.fix, /stop the VM/);
  assert.equal(new Set([group, gone, bridge, iommu, active].map((f) => f.explanation.cause)).size, 5);
});

test('TrueNAS start and stop: a device held by another running VM, a reattach that failed', () => {
  const busy = onlyFinding(
    '[EFAULT] PCI device is already being used by another active VM',
    'mgmt.truenas-vm-device-in-use',
  );
  assert.equal(busy.facts.dtype, 'PCI');
  const reattach = onlyFinding(
    'Failed to re-attach pci_0000_01_00_0 device',
    'mgmt.truenas-pci-reattach-failed',
  );
  assert.equal(reattach.facts.dev, 'pci_0000_01_00_0');
  assert.equal(reattach.explanation.severity, 'warning');
  assert.match(reattach.explanation.cause, /stays on vfio-pci/);
});

// lxc/incus internal/server/device/gpu_physical.go validateConfig(): "pci" excludes id, productid and
// vendorid; "id" excludes pci, productid and vendorid.
test('Incus gpu device: two selectors are refused, and the facts say which', () => {
  const f = onlyFinding(
    'Error: Invalid devices: Device validation failed for "gpu0": Cannot use "productid" when "id" is set',
    'incus.gpu-selector-conflict',
  );
  assert.equal(f.facts.field, 'productid');
  assert.equal(f.facts.key, 'id');
});

// NVIDIA gpu-operator vfio-manage.sh: bind_device() refuses classes other than 0x030000/0x030200 with
// "is not a gpu!"; get_graphics_aux_dev() finds a display-mode GPU's consumer device and binds it too;
// unbind_from_other_driver() prints the driver it unbinds.
test('GPU operator vfio-manager: progress is harmless, a skipped non-GPU is a warning', () => {
  const unbind = onlyFinding(
    'unbinding device 0000:3b:00.0 from driver nvidia',
    'kubernetes.vfio-manage-step',
  );
  assert.equal(unbind.explanation.severity, 'info');
  assert.equal(unbind.facts.driver, 'nvidia');
  assert.match(unbind.explanation.cause, /blocks while processes still hold the GPU/);
  const bound = onlyFinding('device 0000:3b:00.0 already bound to vfio-pci', 'kubernetes.vfio-manage-step');
  assert.equal(bound.explanation.severity, 'info');
  assert.doesNotMatch(bound.explanation.cause, /blocks/);
  const skipped = onlyFinding('device 0000:3c:00.0 is not a gpu!', 'kubernetes.vfio-manage-step');
  assert.equal(skipped.explanation.severity, 'warning');
  assert.match(skipped.explanation.cause, /0000:3c:00\.0/);
  const aux = onlyFinding(
    'gpu 0000:3b:00.0 is in graphics mode aux_dev 0000:3b:00.1',
    'kubernetes.vfio-manage-step',
  );
  assert.equal(aux.facts.aux, '0000:3b:00.1');
  assert.match(aux.explanation.cause, /0000:3b:00\.1/);
});

// harvester/pcidevices pkg/controller/pcideviceclaim/pcideviceclaim_controller.go: the bind check
// follows accepted writes to vfio-pci's new_id and bind; unbindDeviceFromDriver() is wrapped with
// "failed unbinding driver: (…)" only by disablePassthrough() (claim removal, unbinding vfio-pci);
// OnRemove() returns the other-node error so the claim is requeued for its own node.
test('Harvester claims: bind not taken, unbind pending on enable or removal, other node', () => {
  const bind = onlyFinding(
    'no device 0000:04:00.0 found at /sys/bus/pci/drivers/vfio-pci',
    'mgmt.harvester-vfio-bind-unverified',
  );
  assert.equal(bind.facts.bdf, '0000:04:00.0');
  assert.match(bind.explanation.cause, /probe/);
  const enable = onlyFinding(
    'device still bound to driver, will check again',
    'mgmt.harvester-unbind-pending',
  );
  assert.match(enable.explanation.cause, /host driver/);
  const removal = onlyFinding(
    'failed unbinding driver: (device still bound to driver, will check again)',
    'mgmt.harvester-unbind-pending',
  );
  assert.match(removal.explanation.cause, /still on vfio-pci|still bound to vfio-pci/);
  assert.match(removal.explanation.cause, /VM still uses it/);
  assert.notEqual(removal.explanation.cause, enable.explanation.cause);
  const other = onlyFinding(
    'controller harvester-node-1 cannot process claims for node harvester-node-2',
    'mgmt.harvester-claim-other-node',
  );
  assert.equal(other.explanation.severity, 'info');
  assert.equal(other.facts.node, 'harvester-node-2');
});

// NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/generic_device_plugin.go: Allocate() re-reads
// each device's iommu_group link and vendor (10de) and refuses with "unknown device"; healthCheck()
// marks a device unhealthy on Remove/Rename of /dev/vfio/GROUP, restarts on removal of its own
// socket, and stops when a group node cannot be watched at start.
test('KubeVirt GPU device plugin: stale allocation and the health-check events', () => {
  const group = onlyFinding(
    '2024/05/01 10:00:00 IommuGroup has changed on the system  0000:3b:00.0',
    'mgmt.nvidia-dp-allocation-stale',
  );
  assert.equal(group.facts.bdf, '0000:3b:00.0');
  assert.match(group.explanation.cause, /iommu_group link/);
  const vendor = onlyFinding(
    '2024/05/01 10:00:00 Vendor has changed on the system  0000:3b:00.0',
    'mgmt.nvidia-dp-allocation-stale',
  );
  assert.match(vendor.explanation.cause, /no longer reads as an NVIDIA device/);
  const unhealthy = onlyFinding(
    '2024/05/01 10:00:00 healthCheck(TU104GL_TESLA_T4): Marking device unhealthy: /dev/vfio/65',
    'mgmt.nvidia-dp-health',
  );
  assert.equal(unhealthy.explanation.severity, 'warning');
  assert.equal(unhealthy.facts.path, '/dev/vfio/65');
  const restart = onlyFinding(
    '2024/05/01 10:00:00 healthCheck(TU104GL_TESLA_T4): Socket path for GPU device was removed, kubelet likely restarted',
    'mgmt.nvidia-dp-health',
  );
  assert.equal(restart.explanation.severity, 'info');
  const watch = onlyFinding(
    '2024/05/01 10:00:00 healthCheck(GA100_A100_PCIE_40GB): Unable to add device path to fsnotify watcher: no such file or directory',
    'mgmt.nvidia-dp-health',
  );
  assert.match(watch.explanation.cause, /not bound to vfio-pci when the plugin started/);
  assert.equal(watch.facts.errno, 'ENOENT');
});

// NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/vfio_vgpu.go createVfioVGpuMap(): a VF whose
// nvidia/current_vgpu_type reads 0 is skipped; a configured VF whose type id no catalogue names
// (per card, then host-wide unless ambiguous) is skipped with the error line.
test('KubeVirt GPU device plugin vGPU VFs: unconfigured versus unnamed type', () => {
  const unconfigured = onlyFinding(
    '2026/03/02 09:12:40 Skipping unconfigured vGPU VF 0000:3b:00.4',
    'mgmt.nvidia-dp-vgpu-vf-skipped',
  );
  assert.equal(unconfigured.explanation.severity, 'warning');
  assert.match(unconfigured.explanation.cause, /reads 0/);
  const unnamed = onlyFinding(
    '2026/03/02 09:12:40 Error: could not resolve the name of vGPU type 1428 configured on VF 0000:3b:00.5 (parent PF 0000:3b:00.0), skipping device',
    'mgmt.nvidia-dp-vgpu-vf-skipped',
  );
  assert.equal(unnamed.explanation.severity, 'error');
  assert.equal(unnamed.facts.pf, '0000:3b:00.0');
  assert.match(unnamed.explanation.cause, /vGPU type 1428/);
});

// libvirt src/util/virerror.c: each error code's message starts with a fixed prefix; virsh adds
// "error: " before it.
test('libvirt error classes are told apart by their virerror.c prefix', () => {
  const cases: [string, RegExp][] = [
    ['Requested operation is not valid: x', /VIR_ERR_OPERATION_INVALID/],
    ['error: unsupported configuration: x', /VIR_ERR_CONFIG_UNSUPPORTED/],
    ['XML error: x', /VIR_ERR_XML_ERROR/],
    ['Timed out during operation: cannot acquire state change lock', /VIR_ERR_OPERATION_TIMEOUT/],
    ['operation failed: x', /VIR_ERR_OPERATION_FAILED/],
    ['internal error: x', /VIR_ERR_INTERNAL_ERROR/],
    ['Operation not supported: x', /VIR_ERR_OPERATION_UNSUPPORTED/],
    ['Node device not found: no node device with matching name', /VIR_ERR_NO_NODE_DEVICE/],
    ["internal error: unable to execute QEMU command 'device_add': x", /QMP device_add/],
    ["internal error: unable to execute QEMU command 'query-pci': x", /QMP command query-pci/],
  ];
  for (const [text, want] of cases) assert.match(libvirtErrorMeaning(text) ?? '', want, text);
  assert.equal(libvirtErrorMeaning('a reason with no class'), undefined);
  assert.equal(libvirtErrorMeaning(undefined), undefined);
});
