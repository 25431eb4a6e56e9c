// Families read among the misses of the sixteenth held-out set (read-set16-gpu.ts, and the GVT-g
// and amdgpu entries mended in their own files). Every message here is built from the producing
// source's format string with other values, never taken from the held-out set. Expected meanings
// come from the sources cited: i915_driver.c i915_driver_hw_probe() (the HWSP-emulation and
// full-PPGTT capability checks, -ENXIO), intel_pch.c intel_virt_detect_pch() and QEMU's
// docs/igd-assign.txt (x-igd-lpc, legacy mode on i440fx only), iavf_main.c iavf_vlan_rx_add_vid()
// and "iavf: do not track VLAN 0 filters" (6.3), gvt/handlers.c hws_pga_write() and "Allow zero out
// HWSP addr on hws_pga_write" (5.10), gvt/cmd_parser.c gvt_check_valid_cmd_length() with 92b1aa773fad
// "Fix cmd length check for MI_ATOMIC" (5.5, 5.4.6) and cmd_reg_handler() with "add F_CMD_ACCESS flag
// for wa regs" (5.2), vfio_pci_core.c's huge_fault (f9e54c3a2f5b, 6.12) and its unaligned-pfn
// fallback 09dfc8a5f2ce (6.13), and QEMU's "vfio/helpers: Align mmaps" (9.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnoseMatcher, diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('guest i915 on GVT-g: a missing host capability is a host/guest kernel mismatch, by which capability', () => {
  const hwsp = onlyFinding(
    'i915 0000:00:07.0: [drm] *ERROR* old vGPU host found, support for HWSP emulation required',
    'kernel.i915-vgpu-host-too-old',
  );
  assert.equal(hwsp.facts.what, 'old vGPU host found');
  assert.equal(hwsp.explanation.severity, 'error');
  // The check needs the host's HWSP-emulation capability: a host-side (GVT-g) version problem.
  assert.match(hwsp.explanation.cause, /hardware status page/);
  assert.match(hwsp.explanation.cause, /-ENXIO/);
  assert.match(hwsp.explanation.fix, /update the host kernel/);
  const ppgtt = onlyFinding(
    '[    4.882100] i915 0000:00:08.0: incompatible vGPU found, support for isolated ppGTT required',
    'kernel.i915-vgpu-host-too-old',
  );
  assert.match(ppgtt.explanation.title, /PPGTT/);
  assert.doesNotMatch(ppgtt.explanation.cause, /status page/);
});

test('i915 PCH guess in a VM: harmless as such, names the ISA/LPC bridge and what QEMU offers', () => {
  const guess = onlyFinding(
    'i915 0000:00:02.0: [drm:intel_virt_detect_pch [i915]] Assuming PCH ID 7a80',
    'kernel.i915-virt-pch-guess',
  );
  assert.equal(guess.facts.pchid, '7a80');
  // drm_dbg_kms: a debug line; the guess is from the graphics platform, not the board.
  assert.equal(guess.explanation.severity, 'info');
  assert.match(guess.explanation.cause, /ISA\/LPC bridge/);
  assert.match(guess.explanation.cause, /wrong/);
  // docs/igd-assign.txt: x-igd-lpc copies the host bridge IDs, i440fx only.
  assert.match(guess.explanation.fix, /x-igd-lpc=on/);
  assert.match(guess.explanation.fix, /not offered on q35/);
  const none = onlyFinding(
    '[drm:intel_virt_detect_pch [i915]] Assuming no PCH',
    'kernel.i915-virt-pch-guess',
  );
  assert.match(none.explanation.title, /no PCH/);
});

test('iavf VLAN filter limit: a VLAN 0 request (8021q, line before) is harmless; a real VLAN is not', () => {
  const real = onlyFinding(
    'iavf 0000:3b:02.1 enp59s2f1: Max allowed VLAN filters 8. Remove existing VLANs or disable filtering via Ethtool if supported.',
    'kernel.iavf-max-vlan-filters',
  );
  assert.equal(real.facts.max, '8');
  assert.equal(real.facts.vid, undefined);
  assert.equal(real.explanation.severity, 'warning');
  assert.match(real.explanation.cause, /-EIO/);
  const vlan0 = onlyFinding(
    [
      '[ 3120.004101] 8021q: adding VLAN 0 to HW filter on device eth2',
      '[ 3120.004177] iavf 0000:00:07.0 eth2: Max allowed VLAN filters 16. Remove existing VLANs or disable filtering via Ethtool if supported.',
    ].join('\n'),
    'kernel.iavf-max-vlan-filters',
  );
  assert.equal(vlan0.facts.vid, '0');
  assert.equal(vlan0.facts.max, '16');
  // iavf_vlan_rx_add_vid() returns early for vid 0 since "do not track VLAN 0 filters".
  assert.equal(vlan0.explanation.severity, 'info');
  assert.match(vlan0.explanation.title, /harmless/);
  assert.match(vlan0.explanation.cause, /do not track VLAN 0 filters/);
});

test('GVT-g HWSP write: value 0 (resume from S3/D3) is the pre-5.10 bug, also when a paste wraps the line', () => {
  const zero = onlyFinding(
    'gvt: vgpu 1: write invalid HWSP address, reg:0x22080, value:0x0',
    'kernel.gvt-guest-register-refused',
  );
  assert.equal(zero.facts.hwspreg, '22080');
  assert.equal(zero.facts.hwspvalue, '0');
  assert.match(zero.explanation.cause, /resumes from S3 or D3/);
  assert.match(zero.explanation.cause, /Allow zero out HWSP addr/);
  assert.match(zero.explanation.fix, /5\.10/);
  // A non-zero address outside the vGPU's share keeps the general explanation.
  const other = onlyFinding(
    'gvt: vgpu 1: write invalid HWSP address, reg:0x1a080, value:0xfffff000',
    'kernel.gvt-guest-register-refused',
  );
  assert.doesNotMatch(other.explanation.cause, /Allow zero out/);
  assert.match(other.explanation.cause, /outside its graphics memory share/);
  // Older kernels put "VM(%d) " first.
  assert.equal(
    onlyFinding(
      'gvt: vgpu 2: VM(2) write invalid HWSP address, reg:0x2080, value:0x0',
      'kernel.gvt-guest-register-refused',
    ).facts.hwspvalue,
    '0',
  );
  // A paste wrapped after "reg:0x…,": the engine joins the bare second line (DiagnoseMatcher.line).
  const m = new DiagnoseMatcher();
  m.line('[  210.551020] gvt: vgpu 3: write invalid HWSP address, reg:0x12080,', 1);
  m.line('value:0x0', 2);
  const wrapped = m.finish().filter((f) => f.entry.id === 'kernel.gvt-guest-register-refused');
  assert.equal(wrapped.length, 1);
  assert.equal(wrapped[0].facts.hwspvalue, '0');
  assert.match(wrapped[0].explanation.cause, /resumes from S3 or D3/);
});

test('GVT-g command length check: MI_ATOMIC (MI_OP_2F) is the 5.4 parser bug fixed in 5.5', () => {
  const len = onlyFinding('gvt: len is not valid:  len=9  valid_len=5', 'kernel.gvt-cmd-buffer-rejected');
  assert.equal(len.facts.cmdlen, '9');
  assert.equal(len.facts.validlen, '5');
  assert.match(len.explanation.cause, /Fix cmd length check for MI_ATOMIC/);
  assert.match(len.explanation.cause, /inline-data/);
  const handler = onlyFinding('gvt: vgpu 4: MI_OP_2F handler error', 'kernel.gvt-cmd-parser-error');
  assert.match(handler.explanation.cause, /MI_ATOMIC/);
  assert.match(handler.explanation.fix, /5\.4\.6/);
  // Another handler keeps the general explanation.
  const lri = onlyFinding('gvt: vgpu 4: MI_LOAD_REGISTER_IMM handler error', 'kernel.gvt-cmd-parser-error');
  assert.doesNotMatch(lri.explanation.cause, /MI_ATOMIC|F_CMD_ACCESS/);
});

test('GVT-g srm/lrm to a register without F_CMD_ACCESS: a gap in the host table, workaround batches', () => {
  const srm = onlyFinding(
    'gvt: vgpu 1: srm access to non-render register (e48c)',
    'kernel.gvt-cmd-register-rejected',
  );
  assert.equal(srm.facts.reg, 'e48c');
  assert.match(srm.explanation.cause, /MI_STORE_REGISTER_MEM/);
  assert.match(srm.explanation.cause, /F_CMD_ACCESS/);
  assert.match(srm.explanation.cause, /workaround/);
  const handler = onlyFinding(
    'gvt: vgpu 1: MI_LOAD_REGISTER_MEM handler error',
    'kernel.gvt-cmd-parser-error',
  );
  assert.match(handler.explanation.cause, /F_CMD_ACCESS/);
  // lri to a non-render register and the short-list wording keep the general cause.
  const lri = onlyFinding(
    'gvt: vgpu 1: lri access to non-render register (20e4)',
    'kernel.gvt-cmd-register-rejected',
  );
  assert.doesNotMatch(lri.explanation.cause, /workaround batch/);
  const short = onlyFinding('gvt: vgpu 1: lrm access to register (2358)', 'kernel.gvt-cmd-register-rejected');
  assert.doesNotMatch(short.explanation.cause, /workaround batch/);
});

test('amdgpu PSP loading failure names the host 6.12 huge_fault regression among its VM causes', () => {
  const psp = onlyFinding(
    'amdgpu 0000:07:00.0: amdgpu: PSP firmware loading failed',
    'kernel.amdgpu-psp-firmware-loading-failed',
  );
  assert.match(psp.explanation.cause, /f9e54c3a2f5b/);
  assert.match(psp.explanation.cause, /09dfc8a5f2ce/);
  assert.match(psp.explanation.cause, /Linux 6\.13/);
  assert.match(psp.explanation.cause, /BAR 0/);
  assert.match(psp.explanation.fix, /QEMU 9\.2/);
  assert.match(psp.explanation.fix, /Resizable BAR off/);
  // The reset bug stays the first cause named.
  assert.ok(psp.explanation.cause.indexOf('not reset') < psp.explanation.cause.indexOf('huge pages'));
  assert.deepEqual(ids('[drm:psp_hw_init [amdgpu]] *ERROR* PSP firmware loading failed'), [
    'kernel.amdgpu-psp-firmware-loading-failed',
  ]);
});

test('amdgpu psp_tmr_init(): "Failed to load toc" and "PSP tmr init failed!" read as the TOC/TMR step', () => {
  const toc = onlyFinding('amdgpu 0000:0d:00.0: amdgpu: Failed to load toc', 'kernel.amdgpu-psp-load-failed');
  assert.equal(toc.facts.toc, 'Failed to load toc');
  assert.match(toc.explanation.cause, /LOAD_TOC/);
  assert.match(toc.explanation.cause, /09dfc8a5f2ce/);
  const tmr = onlyFinding(
    '[   21.004410] amdgpu 0000:0e:00.0: amdgpu: PSP tmr init failed!',
    'kernel.amdgpu-psp-load-failed',
  );
  assert.equal(tmr.facts.tmr, 'tmr init');
  assert.match(tmr.explanation.cause, /TMR allocation in VRAM/);
  // The kdb stage keeps its own explanation (no host huge_fault text).
  const kdb = onlyFinding(
    'amdgpu 0000:0d:00.0: amdgpu: PSP load kdb failed!',
    'kernel.amdgpu-psp-load-failed',
  );
  assert.doesNotMatch(kdb.explanation.cause, /huge pages/);
});
