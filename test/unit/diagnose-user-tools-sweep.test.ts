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
import { USER_TOOLS_ENTRIES } from '../../src/readiness/diagnose/catalogue/user-tools-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, and claims its own examples with the facts they carry', () => {
  const n = checkSweepEntries(USER_TOOLS_ENTRIES, ['virt-manager.', 'pve.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} of ${ex.text}`);
  });
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
