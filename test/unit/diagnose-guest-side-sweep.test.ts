// The guest-side sweep (catalogue/guest-side-sweep.ts): what a guest's own drivers and Windows print
// about a passed-through device. Every cause must say it is the guest's view and name what on the
// host produces it. Messages built from the format strings unless the entry cites a thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GUEST_SIDE_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/guest-side-sweep.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, safe, and alone claims its examples with their facts', () => {
  const n = checkSweepEntries(GUEST_SIDE_SWEEP_ENTRIES, ['kernel.', 'windows.'], (_e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {})) assert.equal(f.facts[k], v, `${ex.text}: ${k}`);
  });
  assert.ok(n >= 35, `only ${n} entries`);
});

test('every cause names the guest or the VM, so a guest line is not read as the host', () => {
  for (const e of GUEST_SIDE_SWEEP_ENTRIES) assert.match(e.cause, /guest|VM\b|virtual machine/, e.id);
});

// ---- amdgpu

test('amdgpu: a VBIOS candidate without 55 AA is harmless, all ones is not', () => {
  const id = 'kernel.amdgpu-bios-signature';
  const zero = onlyFinding('[drm] BIOS signature incorrect 5b 7', id);
  assert.equal(zero.explanation.severity, 'info');
  assert.match(zero.explanation.cause, /Fetched VBIOS/);
  const ones = onlyFinding('[drm] BIOS signature incorrect ff ff', id);
  assert.equal(ones.explanation.severity, 'warning');
  assert.match(ones.explanation.cause, /all ones/);
});

test('amdgpu: post error, reset on init and no vBIOS point at the host reset and the ROM', () => {
  const post = onlyFinding(
    'amdgpu 0000:01:00.0: [drm] *ERROR* gpu post error!',
    'kernel.amdgpu-gpu-post-error',
  );
  assert.match(post.explanation.cause, /not posted/);
  assert.match(post.explanation.cause, /romfile/);
  const init = onlyFinding(
    'amdgpu 0000:00:10.0: asic reset on init failed',
    'kernel.amdgpu-reset-on-init-failed',
  );
  assert.match(init.explanation.cause, /already running/);
  assert.match(init.explanation.fix, /shut the VM down instead of rebooting/);
  const rom = onlyFinding(
    'amdgpu 0000:00:10.0: [drm] *ERROR* no vBIOS found',
    'kernel.amdgpu-no-vbios-found',
  );
  assert.match(rom.explanation.fix, /rombar=1/);
});

test('amdgpu: an all-ones SMU response is a GPU off the bus; another code is not', () => {
  const id = 'kernel.amdgpu-smu-unexpected-response';
  const gone = onlyFinding(
    'amdgpu 0000:05:00.0: amdgpu: SMU: response:0xFFFFFFFF for index:18 param:0x00000005 message:TransferTableSmu2Dram?',
    id,
  );
  assert.equal(gone.facts.message, 'TransferTableSmu2Dram');
  assert.match(gone.explanation.title, /stopped answering/);
  assert.match(gone.explanation.cause, /not answering on PCIe/);
  const odd = onlyFinding(
    'amdgpu 0000:05:00.0: amdgpu: SMU: response:0x000000F0 for index:7 param:0x00000000 message:EnableAllSmuFeatures?',
    id,
  );
  assert.doesNotMatch(odd.explanation.cause, /all ones/);
});

test('amdgpu: failed resets and a PSP wait say the host has to reset the GPU', () => {
  const asic = onlyFinding(
    'amdgpu 0000:0b:00.0: ASIC reset failed with error, -110 for drm dev, 0000:0b:00.0',
    'kernel.amdgpu-asic-reset-failed',
  );
  assert.equal(asic.facts.err, '-110');
  assert.match(asic.explanation.cause, /the host has to reset the device/);
  const mode1 = onlyFinding(
    'amdgpu 0000:0b:00.0: amdgpu: GPU mode1 reset failed',
    'kernel.amdgpu-mode1-reset-failed',
  );
  assert.match(mode1.explanation.cause, /mode1 reset/);
  const psp = 'kernel.amdgpu-psp-wait-timeout';
  const dead = onlyFinding(
    'amdgpu 0000:0b:00.0: psp reg (0x16080) wait timed out, mask: 8000ffff, read: ffffffff exp: 80000000',
    psp,
  );
  assert.match(dead.explanation.cause, /not answering on PCIe/);
  const busy = onlyFinding(
    'amdgpu 0000:0b:00.0: psp reg (0x16080) wait timed out, mask: 8000ffff, read: 0 exp: 80000000',
    psp,
  );
  assert.match(busy.explanation.cause, /not reset since its previous user/);
});

test('amdgpu: VRAM lost is a warning after a reset that worked; KIQ waits point at the SR-IOV host', () => {
  const vram = onlyFinding(
    'amdgpu 0000:03:00.0: amdgpu: VRAM is lost due to GPU reset!',
    'kernel.amdgpu-vram-lost',
  );
  assert.equal(vram.explanation.severity, 'warning');
  assert.match(vram.explanation.cause, /restart/);
  const kiq = onlyFinding(
    'amdgpu 0000:00:05.0: failed to write reg 28b4 wait reg 28c6',
    'kernel.amdgpu-kiq-reg-wait-failed',
  );
  assert.equal(kiq.facts.reg0, '28b4');
  assert.match(kiq.explanation.cause, /host's GPU scheduler/);
});

// ---- NVIDIA

test('NVIDIA: the VBIOS is read from the GPU itself, so rombar/romfile do not change it', () => {
  const id = 'kernel.nvidia-gsp-vbios-unreadable';
  const sig = onlyFinding('NVRM: GPU1 kgspExtractVbiosFromRom_TU102: did not find valid ROM signature', id);
  assert.match(sig.explanation.cause, /PROM window in BAR0/);
  assert.match(sig.explanation.cause, /rombar\/romfile does not change/);
  assert.match(sig.explanation.cause, /no 55 AA signature/);
  const chain = onlyFinding(
    'NVRM: kgspExtractVbiosFromRom_TU102: expansion ROM has exceedingly large size: 0x2000000',
    id,
  );
  assert.equal(chain.facts.what, 'expansion ROM has exceedingly large size');
  assert.match(chain.explanation.cause, /at most 1 MiB/);
});

test('NVIDIA: GFW boot, Booter and RISC-V halt failures are a GPU not reset since its last user', () => {
  const gfw = 'kernel.nvidia-gfw-boot-timeout';
  eachOnlyFinding(
    gfw,
    [
      'NVRM: kgspWaitForGfwBootOk_TU102: failed to wait for GFW boot complete: 0x65 VBIOS version 95.02.66.00.15',
      'NVRM: GPU0 gpuWaitForGfwBootComplete_TU102: failed to wait for GFW_BOOT: (progress 0x0)',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /may need a reset/, line);
      assert.match(f.explanation.fix, /secondary bus reset/, line);
    },
  );
  const booter = onlyFinding(
    'NVRM: kgspBootstrap_TU102: failed to execute Booter Load (ucode for initial boot): 0x55',
    'kernel.nvidia-booter-load-failed',
  );
  assert.match(booter.explanation.cause, /WPR2/);
  const halt = onlyFinding(
    'NVRM: kflcnWaitForHaltRiscv_GA102: Timeout waiting for RISC-V to halt',
    'kernel.nvidia-riscv-halt-timeout',
  );
  assert.match(halt.explanation.cause, /GSP firmware is hung/);
  const reg = onlyFinding(
    'NVRM: gpuHandleSanityCheckRegReadError_GM107: Possible bad register read: addr: 0x88000,  regvalue: 0xbadf5040,  error code: Unknown SYS_PRI_ERROR_CODE',
    'kernel.nvidia-bad-register-read',
  );
  assert.equal(reg.facts.value, '0xbadf5040');
  assert.match(reg.explanation.cause, /0xbadfXXXX/);
});

test('NVIDIA: Cannot attach gpu concludes; a confidential VM needs a CC-mode GPU', () => {
  const attach = onlyFinding(
    'NVRM: osInitNvMapping: *** Cannot attach gpu',
    'kernel.nvidia-cannot-attach-gpu',
  );
  assert.match(attach.explanation.cause, /only concludes/);
  const id = 'kernel.nvidia-cc-not-enabled';
  const off = onlyFinding(
    'NVRM: confComputeConstructEngine_IMPL: GPU confidential compute capability is not enabled.',
    id,
  );
  assert.match(off.explanation.fix, /--set-cc-mode=on/);
  const none = onlyFinding(
    'NVRM: confComputeConstructEngine_IMPL: GPU does not support confidential compute.',
    id,
  );
  assert.match(none.explanation.cause, /no confidential-computing capability/);
});

test('NVIDIA DMA mapping and swiotlb: a confidential guest bounces everything, 256 KiB at most', () => {
  const map = onlyFinding('NVRM: failed to create a DMA mapping!', 'kernel.nvidia-dma-mapping-failed');
  assert.match(map.explanation.cause, /swiotlb/);
  assert.match(map.explanation.cause, /SEV-SNP\/TDX/);
  const id = 'kernel.swiotlb-buffer-full';
  const big = onlyFinding(
    'nvidia 0000:00:03.0: swiotlb buffer is full (sz: 524288 bytes), total 32768 (slots), used 12 (slots)',
    id,
  );
  assert.match(big.explanation.cause, /524288 bytes, more than the 256 KiB/);
  assert.match(big.explanation.cause, /12 of 32768 slots/);
  const full = onlyFinding(
    'ixgbe 0000:00:04.0: swiotlb buffer is full (sz: 4096 bytes), total 32768 (slots), used 32700 (slots)',
    id,
  );
  assert.match(full.explanation.cause, /nearly full \(32700 of 32768/);
  const old = onlyFinding('nvme 0000:00:04.0: swiotlb buffer is full (sz: 65536 bytes)', id);
  assert.match(old.explanation.cause, /no free run of slots/);
});

// ---- nouveau, i915, xe

test('nouveau, i915 and xe in a guest', () => {
  const mmio = onlyFinding(
    'nouveau 0000:01:00.0: bus: MMIO write of 00000001 FAULT at 10eb14 [ !ENGINE ]',
    'kernel.nouveau-mmio-fault',
  );
  assert.equal(mmio.facts.dir, 'write');
  assert.match(mmio.explanation.cause, /devinit/);
  const init = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Device initialization failed (-19)',
    'kernel.i915-device-init-failed',
  );
  assert.equal(init.facts.err, '-19');
  assert.match(init.explanation.cause, /OpRegion\/VBT/);
  assert.match(init.explanation.fix, /x-igd-opregion=on/);
  const reset = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Failed to reset chip',
    'kernel.i915-reset-chip-failed',
  );
  assert.match(reset.explanation.cause, /wedged/);
  const guc = onlyFinding(
    'xe 0000:00:02.1: [drm] *ERROR* Tile0: GT0: GuC mmio request 0x5503: no reply 0',
    'kernel.xe-guc-mmio-no-reply',
  );
  assert.equal(guc.facts.request, '0x5503');
  assert.match(guc.explanation.cause, /physical function/);
});

// ---- NVMe

test('NVMe: not ready, by CSTS', () => {
  const id = 'kernel.nvme-device-not-ready';
  const zero = onlyFinding('nvme nvme1: Device not ready; aborting reset, CSTS=0x0', id);
  assert.match(zero.explanation.cause, /still starting/);
  const ones = onlyFinding('nvme nvme1: Device not ready; aborting initialisation, CSTS=0xffffffff', id);
  assert.match(ones.explanation.cause, /not answering at all/);
  const fatal = onlyFinding('nvme nvme1: Device not ready; aborting initialisation, CSTS=0x3', id);
  assert.match(fatal.explanation.cause, /Controller Fatal Status/);
});

test("NVMe: controller down, the power-saving hint (half of it is the host's), removal concludes", () => {
  const down = onlyFinding(
    'nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS=0x10',
    'kernel.nvme-controller-down',
  );
  assert.equal(down.facts.status, '0x10');
  assert.match(down.explanation.cause, /physical link and power are the host's/);
  const failed = onlyFinding(
    'nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS read failed (134)',
    'kernel.nvme-controller-down',
  );
  assert.equal(failed.facts.err, '134');
  eachOnlyFinding(
    'kernel.nvme-power-saving-hint',
    [
      'nvme nvme0: Does your device have a faulty power saving mode enabled?',
      'nvme nvme0: Try "nvme_core.default_ps_max_latency_us=0 pcie_aspm=off pcie_port_pm=off" and report a bug',
      'nvme nvme0: Try "nvme_core.default_ps_max_latency_us=0 pcie_aspm=off" and report a bug',
    ],
    (f, line) => assert.match(f.explanation.cause, /belong to the host/, line),
  );
  const gone = onlyFinding(
    'nvme nvme0: Disabling device after reset failure: -19',
    'kernel.nvme-removing-after-probe-failure',
  );
  assert.equal(gone.facts.err, '-19');
  assert.match(gone.explanation.cause, /only concludes/);
});

// ---- network and audio

test('NETDEV WATCHDOG: interrupts for a passed-through NIC, the host backend for virtio-net', () => {
  const id = 'kernel.netdev-watchdog-tx-timeout';
  const vf = onlyFinding('NETDEV WATCHDOG: eth0 (ixgbevf): transmit queue 0 timed out', id);
  assert.equal(vf.facts.driver, 'ixgbevf');
  assert.match(vf.explanation.cause, /MSI-X not delivered/);
  const virtio = onlyFinding('NETDEV WATCHDOG: enp1s0 (virtio_net): transmit queue 1 timed out 5120 ms', id);
  assert.match(virtio.explanation.cause, /vhost-net/);
  const newest = onlyFinding(
    'mlx5_core 0000:00:06.0 ens6: NETDEV WATCHDOG: CPU: 3: transmit queue 2 timed out 8192 ms',
    id,
  );
  assert.match(newest.explanation.cause, /physical function reset the VF/);
});

test('HDA CORB reset: 65535 is an audio function not answering', () => {
  const id = 'kernel.hda-corb-reset-timeout';
  const dead = onlyFinding('snd_hda_intel 0000:01:00.1: CORB reset timeout#2, CORBRP = 65535', id);
  assert.equal(dead.explanation.severity, 'warning');
  assert.match(dead.explanation.cause, /not answering at all/);
  const slow = onlyFinding('snd_hda_intel 0000:00:05.0: CORB reset timeout#1, CORBRP = 0', id);
  assert.equal(slow.explanation.severity, 'info');
});

// ---- Windows

test('Windows: storport event 129, bug checks in GPU drivers, and Codes 45, 14, 24', () => {
  const reset = onlyFinding(
    'Reset to device, \\Device\\RaidPort3, was issued.',
    'windows.storport-reset-129',
  );
  assert.equal(reset.facts.port, '3');
  assert.match(reset.explanation.cause, /storage backend/);
  assert.match(reset.explanation.cause, /stornvme/);
  const stuck = onlyFinding(
    'Stop code: THREAD_STUCK_IN_DEVICE_DRIVER',
    'windows.bugcheck-thread-stuck-in-driver',
  );
  assert.match(stuck.explanation.cause, /waiting for the graphics hardware/);
  eachOnlyFinding(
    'windows.bugcheck-gpu-driver-exception',
    [
      'Stop code: SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (atikmdag.sys)',
      'KMODE_EXCEPTION_NOT_HANDLED (nvlddmkm.sys)',
      'What failed: PAGE_FAULT_IN_NONPAGED_AREA (igdkmd64.sys)',
    ],
    (f, line) => assert.match(f.explanation.cause, /pciback/, line),
  );
  const phantom = onlyFinding(
    'Currently, this hardware device is not connected to the computer. (Code 45)',
    'windows.code-45',
  );
  assert.equal(phantom.explanation.severity, 'info');
  assert.match(phantom.explanation.cause, /guest PCI address/);
  const restart = onlyFinding(
    'This device cannot work properly until you restart your computer. (Code 14)',
    'windows.code-14',
  );
  assert.match(restart.explanation.fix, /restart the guest/);
  const absent = onlyFinding(
    'This device is not present, is not working properly, or does not have all its drivers installed. (Code 24)',
    'windows.code-24',
  );
  assert.match(absent.explanation.cause, /fell off the bus/);
});

test('mended: "GPU has fallen off the bus" is no longer said to be the host driver when a guest prints it', () => {
  const f = onlyFinding('NVRM: GPU 0000:00:05.0: GPU has fallen off the bus.', 'kernel.nvidia-gpu-lost');
  assert.doesNotMatch(f.explanation.cause, /^the host NVIDIA driver/);
  assert.match(f.explanation.cause, /Printed in a guest, it is the passed-through GPU lost under the VM/);
});

test('mended: no interrupt remapping inside a VM (nested passthrough) is the virtual IOMMU', () => {
  const f = onlyFinding(
    'vfio_iommu_type1_attach_group: No interrupt remapping support.  Use the module param "allow_unsafe_interrupts" to enable VFIO IOMMU support on this platform',
    'kernel.no-interrupt-remapping',
  );
  assert.match(f.explanation.cause, /nested passthrough/);
  assert.match(f.explanation.fix, /intel-iommu,intremap=on/);
  assert.match(f.explanation.fix, /kernel-irqchip=split/);
});

test('no crtc or sizes: a headless GPU in a guest is harmless, in both wordings', () => {
  eachOnlyFinding(
    'kernel.drm-no-crtc-or-sizes',
    [
      'nouveau 0000:00:05.0: [drm] Cannot find any crtc or sizes',
      '[drm] Cannot find any crtc or sizes - going 1024x768',
    ],
    (f, line) => {
      assert.equal(f.explanation.severity, 'info', line);
      assert.match(f.explanation.cause, /expected and harmless/, line);
    },
  );
});

test('amdgpu secure display: an optional firmware app, harmless on APUs and in guests alike', () => {
  eachOnlyFinding(
    'kernel.amdgpu-securedisplay-ta-failed',
    [
      'amdgpu 0000:04:00.0: amdgpu: SECUREDISPLAY: query securedisplay TA failed. ret 0x1',
      'amdgpu 0000:04:00.0: amdgpu: Secure display: Invalid Parameter.',
    ],
    (f, line) => {
      assert.equal(f.explanation.severity, 'info', line);
      assert.match(f.explanation.cause, /not a passthrough problem/, line);
    },
  );
});
