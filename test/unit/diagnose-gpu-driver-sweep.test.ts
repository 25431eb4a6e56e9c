// The GPU's own drivers around passthrough (catalogue/gpu-driver-sweep.ts): the NVIDIA module's probe
// (kernel-open/nvidia/nv-pci.c: a GPU already on vfio-pci is expected, a register BAR someone holds,
// resizable BAR, SR-IOV VFs), amdgpu's start-up and recovery lines (IP discovery, ring tests, PSP
// commands by name, reset outcome, harmless SMU/atomics/VBIOS lines), i915/xe in a guest and the
// GPU's HDMI audio function; and kernel.probe-failed's reading of nvidia -1 and amdgpu -22. Messages
// built from the format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GPU_DRIVER_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/gpu-driver-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('the sweep adds 20+ kernel entries, each claiming its own examples alone', () => {
  assert.ok(GPU_DRIVER_SWEEP_ENTRIES.length >= 20, `${GPU_DRIVER_SWEEP_ENTRIES.length} entries`);
  for (const e of GPU_DRIVER_SWEEP_ENTRIES) {
    assert.match(e.id, /^kernel\./);
    for (const x of e.examples ?? []) {
      const ids = diagnoseText(x.text).findings.map((f) => f.entry.id);
      assert.deepEqual(ids, [e.id], `${e.id} should alone claim:\n${x.text}`);
    }
  }
});

test('NVIDIA finding its GPU on vfio-pci is expected; on nouveau it is a warning', () => {
  const id = 'kernel.nvidia-gpu-bound-elsewhere';
  const vfio = onlyFinding('NVRM: GPU 0000:01:00.0 is already bound to vfio-pci.', id);
  assert.equal(vfio.explanation.severity, 'info');
  assert.match(vfio.explanation.cause, /reserved for a VM/);
  assert.equal(vfio.device, '0000:01:00.0');
  const nouveau = onlyFinding('NVRM: GPU 0000:0b:00.0 is already bound to nouveau.', id);
  assert.equal(nouveau.explanation.severity, 'warning');
  assert.match(nouveau.explanation.fix, /blacklist nouveau/);
});

test('NVIDIA probe failures: a held register BAR, no IRQ, a legacy GPU', () => {
  const bar0 = onlyFinding(
    "NVRM: request_mem_region failed for 16M @ 0xfb000000. This can\nNVRM: occur when a driver such as rivatv is loaded and claims\nNVRM: ownership of the device's registers.",
    'kernel.nvidia-bar0-claimed',
  );
  assert.match(bar0.explanation.fix, /\/proc\/iomem/);
  const irq = onlyFinding("NVRM: Can't find an IRQ for your NVIDIA card!", 'kernel.nvidia-no-irq');
  assert.match(irq.explanation.cause, /INTx/);
  const legacy = onlyFinding('NVRM: ignoring the legacy GPU 0000:02:00.0', 'kernel.nvidia-legacy-gpu');
  assert.match(legacy.explanation.cause, /legacy branch/);
});

test('NVIDIA resizable BAR: a lost BAR1 is fatal, no room keeps the old size, a refusal is harmless', () => {
  const fatal = onlyFinding(
    'NVRM: Fatal Error while attempting to resize PCIe BARs.',
    'kernel.nvidia-rebar-failed',
  );
  assert.equal(fatal.explanation.severity, 'error');
  assert.match(fatal.explanation.fix, /NVreg_EnableResizableBar=0/);
  const noRoom = onlyFinding(
    'NVRM: No address space to allocate resized BAR1.',
    'kernel.nvidia-rebar-failed',
  );
  assert.equal(noRoom.explanation.severity, 'warning');
  assert.match(noRoom.explanation.cause, /old size/);
  const refused = onlyFinding('NVRM: BAR resize resource not supported.', 'kernel.nvidia-rebar-not-resized');
  assert.equal(refused.explanation.severity, 'info');
});

test('NVIDIA SR-IOV VFs: the regular driver ignores them (info), the vGPU driver needs the IOMMU', () => {
  const ignored = onlyFinding('NVRM: Ignoring probe for VF 0000:41:00.4 ', 'kernel.nvidia-vf-ignored');
  assert.equal(ignored.explanation.severity, 'info');
  const noIommu = onlyFinding(
    'NVRM: Aborting probe for VF 0000:41:00.4 since IOMMU is not present on the system.',
    'kernel.nvidia-vf-no-iommu',
  );
  assert.match(noIommu.explanation.fix, /intel_iommu=on/);
});

test('the driver core probe failure reads nvidia -1 and amdgpu -22 through their own lines', () => {
  const nv = onlyFinding('nvidia: probe of 0000:41:00.4 failed with error -1', 'kernel.probe-failed');
  assert.match(nv.explanation.cause, /NVRM line just above/);
  const amd = onlyFinding('amdgpu: probe of 0000:10:00.0 failed with error -22', 'kernel.probe-failed');
  assert.match(amd.explanation.cause, /not reset since its last user/);
});

test('NVIDIA version mismatch and the load banner', () => {
  const mismatch = onlyFinding(
    'NVRM: API mismatch: the client has the version 550.78, but\nNVRM: this kernel module has the version 550.67.  Please',
    'kernel.nvidia-api-mismatch',
  );
  assert.match(mismatch.explanation.fix, /proc\/driver\/nvidia\/version/);
  const banner = onlyFinding(
    'NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024',
    'kernel.nvidia-module-loaded',
  );
  assert.equal(banner.explanation.severity, 'info');
});

test('amdgpu IP discovery: a card not reset, or the discovery file missing', () => {
  const id = 'kernel.amdgpu-ip-discovery-failed';
  const vram = onlyFinding('amdgpu 0000:03:00.0: amdgpu: get invalid ip discovery binary signature', id);
  assert.match(vram.explanation.cause, /not reset/);
  const file = onlyFinding('amdgpu 0000:0b:00.0: amdgpu: failed to read ip discovery binary from file', id);
  assert.match(file.explanation.cause, /linux-firmware/);
});

test('amdgpu ring test: -110 is the engine not running', () => {
  const f = onlyFinding(
    'amdgpu 0000:04:00.0: [drm:amdgpu_ring_test_helper [amdgpu]] *ERROR* ring gfx test failed (-110)',
    'kernel.amdgpu-ring-test-failed',
  );
  assert.match(f.explanation.cause, /not reset since its last user/);
});

test('amdgpu PSP commands: an optional trusted application is harmless, SETUP_TMR is not', () => {
  const id = 'kernel.amdgpu-psp-command-failed';
  const ta = onlyFinding(
    'amdgpu 0000:04:00.0: amdgpu: psp gfx command LOAD_TA(0x1) failed and response status is (0x7)',
    id,
  );
  assert.equal(ta.explanation.severity, 'info');
  const tmr = onlyFinding('[drm] psp gfx command SETUP_TMR(0x5) failed and response status is (0x0)', id);
  assert.equal(tmr.explanation.severity, 'warning');
  assert.match(tmr.explanation.cause, /not reset/);
});

test('amdgpu GPU reset: success is info, failure an error', () => {
  const severity: Record<string, string> = {
    'amdgpu 0000:03:00.0: amdgpu: GPU reset(1) succeeded!': 'info',
    'amdgpu 0000:03:00.0: amdgpu: GPU reset(2) failed': 'error',
    'amdgpu 0000:03:00.0: amdgpu: GPU reset end with ret = -110': 'error',
    'amdgpu 0000:03:00.0: amdgpu: GPU reset begin!': 'warning',
  };
  eachOnlyFinding('kernel.amdgpu-gpu-reset', Object.keys(severity), (f, line) => {
    assert.equal(f.explanation.severity, severity[line], line);
  });
});

test('amdgpu GPUVM faults are told apart from IOMMU faults', () => {
  const f = onlyFinding(
    'amdgpu 0000:03:00.0: amdgpu: [gfxhub0] no-retry page fault (src_id:0 ring:24 vmid:8 pasid:32770, for process Xwayland pid 1234 thread Xwayland:cs0 pid 1240)',
    'kernel.amdgpu-vm-fault',
  );
  assert.match(f.explanation.cause, /not the IOMMU/);
});

test('routine GPU lines are harmless only', () => {
  for (const [line, id] of [
    ['amdgpu 0000:0c:00.0: amdgpu: SMU driver if version not matched', 'kernel.amdgpu-smu-if-version'],
    ['amdgpu 0000:06:10.0: amdgpu: PCIE atomic ops is not supported', 'kernel.amdgpu-pcie-atomics'],
    [
      'amdgpu 0000:03:00.0: VBIOS image optional, proceeding without VBIOS image',
      'kernel.amdgpu-vbios-optional',
    ],
    ['amdgpu 0000:04:00.0: amdgpu: Fetched VBIOS from ROM BAR', 'kernel.amdgpu-vbios-fetched'],
    ['amdgpu 0000:03:00.0: amdgpu: amdgpu: finishing device.', 'kernel.amdgpu-finishing-device'],
    ['snd_hda_intel 0000:01:00.1: Handle vga_switcheroo audio client', 'kernel.hda-gpu-audio-routine'],
    ['snd_hda_intel 0000:01:00.1: Disabling MSI', 'kernel.hda-gpu-audio-routine'],
    [
      'snd_hda_intel 0000:08:00.1: bound 0000:08:00.0 (ops amdgpu_dm_audio_component_bind_ops [amdgpu])',
      'kernel.component-bound',
    ],
  ] as const) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
  }
  // The codec's own "disabling MSI" stays the codec-timeout entry.
  const ids = diagnoseText(
    'snd_hda_intel 0000:0b:00.1: No response from codec, disabling MSI: last cmd=0x100f0000',
  ).findings.map((f) => f.entry.id);
  assert.deepEqual(ids, ['kernel.hda-codec-no-response']);
});

test('i915/xe in a guest: a GPU newer than the kernel, and GPU hangs', () => {
  const probe = onlyFinding(
    'i915 0000:06:00.0: Your graphics device 56a0 is not properly supported by i915 in this',
    'kernel.i915-force-probe-required',
  );
  assert.match(probe.explanation.fix, /force_probe/);
  const hang = onlyFinding(
    'i915 0000:00:02.0: [drm] GPU HANG: ecode 9:1:85dffffb, in Xorg [1234]',
    'kernel.i915-gpu-hang',
  );
  assert.match(hang.explanation.cause, /GVT-d/);
});
