// The field-tail sweep (catalogue/field-tail-sweep.ts): nvidia-vgpud refusing a GPU and the line
// that concludes it, vgpu_unlock-rs's structure size check, the vGPU licence state in nvidia-smi -q,
// CUDA without a device, DPDK ice without its DDP package, SPDK reading all-ones registers and
// answering an optional Identify, Proxmox's root@pam-only raw devices and the Unraid i915 SR-IOV
// plugin without a package for the kernel. Messages built from the format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIELD_TAIL_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/field-tail-sweep.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('every example of the sweep is claimed by its own entry alone', () => {
  for (const e of FIELD_TAIL_SWEEP_ENTRIES) {
    assert.ok(CATALOGUE.includes(e), `${e.id} is not registered`);
    for (const x of e.examples ?? []) {
      const ids = diagnoseText(x.text).findings.map((f) => f.entry.id);
      assert.deepEqual(ids, [e.id], `${x.text}\n→ ${ids.join(', ')}`);
    }
  }
});

test('nvidia-vgpud: an unsupported GPU names vgpu_unlock; the RM line points at the line before', () => {
  const gpu = onlyFinding(
    'nvidia-vgpud[2210]: GPU not supported by vGPU at PCI Id: 0:5:0:0 DevID: 0x10de / 0x1b80 / 0x1458 / 0x3702',
    'nvidia-vgpu.vgpud-gpu-unsupported',
  );
  assert.match(gpu.explanation.cause, /GeForce/);
  assert.match(gpu.explanation.cause, /LD_PRELOAD/);
  assert.match(gpu.explanation.fix, /nvidia-vgpud\.service/);
  const rm = onlyFinding(
    'nvidia-vgpud[2210]: error: failed to send vGPU configuration info to RM: 9',
    'nvidia-vgpu.vgpud-config-failed',
  );
  assert.match(rm.explanation.cause, /line before/);
});

test('vgpu_unlock-rs: a size mismatch is a driver newer than its layouts', () => {
  const f = onlyFinding(
    'nvidia-vgpu-mgr[777]: Parameters size for NV0080_CTRL_CMD_GPU_GET_VIRTUALIZATION_MODE was 8 bytes, expected 4 bytes',
    'vgpu-unlock.params-size-mismatch',
  );
  assert.match(f.explanation.cause, /layout/);
  assert.match(f.explanation.fix, /update vgpu_unlock-rs/);
});

test('vGPU licence: restricted after the grace period, unrestricted during it', () => {
  const id = 'nvidia-vgpu.smi-unlicensed';
  const restricted = onlyFinding('  License Status            : Unlicensed (Restricted)', id);
  assert.equal(restricted.explanation.severity, 'warning');
  assert.match(restricted.explanation.cause, /client configuration token/);
  const grace = onlyFinding('  License Status            : Unlicensed (Unrestricted)', id);
  assert.equal(grace.explanation.severity, 'info');
  assert.match(grace.explanation.cause, /grace period/);
});

test('CUDA without a device: the default NVIDIA runtime on a passthrough host', () => {
  const f = onlyFinding('torch.cuda: CUDA error: no CUDA-capable device is detected', 'cuda.no-device');
  assert.match(f.explanation.cause, /vfio-pci/);
  assert.match(f.explanation.fix, /runc/);
});

test('DPDK ice: a missing package, a rejected one, the error and the safe-mode warning', () => {
  const id = 'dpdk.ice-ddp-load-failed';
  const missing = onlyFinding('ICE_INIT: ice_load_pkg(): failed to search file path', id);
  assert.match(missing.explanation.cause, /none of the paths/);
  assert.match(missing.explanation.fix, /\/lib\/firmware\/intel\/ice\/ddp/);
  const rejected = onlyFinding('ice_load_pkg(): ice_copy_and_init_hw failed: -5', id);
  assert.match(rejected.explanation.cause, /refused it \(-5\)/);
  const refused = onlyFinding(
    'ICE_INIT: ice_dev_init(): Failed to load the DDP package, Use safe-mode-support=1 to enter Safe Mode',
    id,
  );
  assert.equal(refused.explanation.severity, 'error');
  const safe = onlyFinding('ice_dev_init(): Failed to load the DDP package,Entering Safe Mode', id);
  assert.equal(safe.explanation.severity, 'warning');
  assert.match(safe.explanation.cause, /safe mode/);
});

test('SPDK: all-ones registers are the device; construct failure points at the line before', () => {
  const regs = onlyFinding(
    '[2022-01-11 03:04:05.000001] nvme_pcie.c: 777:nvme_pcie_ctrlr_construct: *ERROR*: get_cap() failed',
    'spdk.nvme-registers-unreadable',
  );
  assert.match(regs.explanation.cause, /reset/);
  assert.match(regs.explanation.cause, /not SPDK/);
  const construct = onlyFinding(
    'nvme.c: 650:nvme_ctrlr_probe: *ERROR*: Failed to construct NVMe controller for SSD: 0000:b1:00.0',
    'spdk.nvme-construct-failed',
  );
  assert.equal(construct.facts.bdf, '0000:b1:00.0');
  assert.match(construct.explanation.fix, /line printed just before/);
});

test('SPDK nvmf: an unsupported Identify CNS is harmless', () => {
  const f = onlyFinding(
    'ctrlr.c:2455:nvmf_ctrlr_identify: *ERROR*: Identify command with unsupported CNS 0x1c',
    'spdk.nvmf-identify-unsupported-cns',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /Harmless/);
});

test('Proxmox: a raw hostpci or usb device needs root@pam, not a token', () => {
  const id = 'pve.raw-device-root-only';
  for (const line of [
    "TASK ERROR: only root can set 'hostpci3' config for non-mapped devices",
    "HTTP 500 - only root can set 'usb0' config for real devices",
  ]) {
    const f = onlyFinding(line, id);
    assert.match(f.explanation.cause, /API token/, line);
    assert.match(f.explanation.fix, /Mapping\.Use/, line);
  }
});

test('Unraid i915 SR-IOV plugin: no package for the running kernel', () => {
  const f = onlyFinding(
    "--------Can't download i915-sriov module Package for kernel v6.6.21-----------",
    'unraid.i915-sriov-package-missing',
  );
  assert.equal(f.facts.kernel, '6.6.21');
  assert.match(f.explanation.cause, /running kernel version/);
});
