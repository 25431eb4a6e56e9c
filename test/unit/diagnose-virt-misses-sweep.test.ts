// The virtualisation-side sweep (catalogue/virt-misses-sweep.ts, and kvmgt's reading in
// bind-setup.ts refineInsert()): each entry recognises its family's wordings and the facts change
// the explanation the way the producing source says. Expected causes come from the sources the
// entries cite: QEMU ui/egl-helpers.c egl_rendernode_init() and qemu_egl_init_dpy() (which step
// failed, core or gles mode), ui/spice-core.c (GL refused with a port), libepoxy's resolver abort;
// i915 intel_gvt.c (the platform list, the guest check, GuC submission), gvt/cmd_parser.c
// cmd_reg_handler() and command_scan(), kvmgt_init() (ENODEV when i915 has no GVT-g device);
// KubeVirt mediated_devices_types.go removeUndesiredMDEVs() (ENOENT: no mdev bus; the removal
// warning logged even on success); bnx2x_sriov.c bnx2x_set_vf_mac() (is_valid_ether_addr()) and
// bnx2x_vf_op_prep(); the i915 SR-IOV VF handshake (an error code of zero goes on); QEMU
// hw/xen/xen_pt*.c; libxl_pci.c sysfs_write_bdf() and the pciback attributes (allow_interrupt_control
// since Linux 5.10); Xen's hvm_dump_emulation_state() and hvm_triple_fault(); the vBIOS patcher's
// detect_offsets()/run_sanity_tests() and rom-parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VIRT_MISSES_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/virt-misses-sweep.js';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry of the sweep is in the catalogue and cites a file', () => {
  assert.ok(VIRT_MISSES_SWEEP_ENTRIES.length >= 30, `${VIRT_MISSES_SWEEP_ENTRIES.length} entries`);
  for (const e of VIRT_MISSES_SWEEP_ENTRIES) {
    assert.ok(
      CATALOGUE.some((c) => c.id === e.id),
      e.id,
    );
    assert.match(e.cite, /^[\w.-]+\/[\w.-]+ \S+/, e.id);
  }
});

// ---------------------------------------------------------------------------- QEMU GL displays

test('no render node: the cause names the render node, its permissions and libvirt namespace', () => {
  const f = onlyFinding('qemu-system-x86_64: egl: no drm render node available', 'qemu.egl-no-render-node');
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /\/dev\/dri\/renderD/);
  assert.match(f.explanation.cause, /namespace and device cgroup/);
  assert.match(f.explanation.fix, /rendernode=/);
});

test('render node init failed: the summary line, in the QEMU 7.0+ and the older SPICE wording', () => {
  for (const line of [
    'qemu-system-x86_64: -display egl-headless,rendernode=/dev/dri/renderD129: egl: render node init failed',
    'qemu-system-x86_64: Failed to initialize EGL render node for SPICE GL',
  ]) {
    const f = onlyFinding(line, 'qemu.egl-render-node-init-failed');
    assert.match(f.explanation.cause, /line printed just before/, line);
  }
});

test('gbm_create_device: a render node whose driver has no GBM backend', () => {
  const f = onlyFinding('qemu-system-x86_64: egl: gbm_create_device failed', 'qemu.egl-gbm-failed');
  assert.match(f.explanation.cause, /GBM/);
  assert.match(f.explanation.fix, /Mesa-driven GPU/);
});

test('a missing EGL extension: the extension named decides the cause', () => {
  const dmabuf = onlyFinding(
    'qemu-system-x86_64: egl: EGL_MESA_image_dma_buf_export not supported',
    'qemu.egl-extension-missing',
  );
  assert.equal(dmabuf.facts.ext, 'EGL_MESA_image_dma_buf_export');
  assert.match(dmabuf.explanation.cause, /NVIDIA proprietary EGL/);
  const surfaceless = onlyFinding(
    'qemu-system-x86_64: egl: EGL_KHR_surfaceless_context not supported',
    'qemu.egl-extension-missing',
  );
  assert.match(surfaceless.explanation.cause, /without a surface/);
});

test('an EGL set-up step: the step and the mode change the explanation', () => {
  const init = onlyFinding(
    'qemu-system-x86_64: egl: eglInitialize failed: EGL_NOT_INITIALIZED',
    'qemu.egl-init-step-failed',
  );
  assert.equal(init.facts.step, 'eglInitialize');
  assert.match(init.explanation.cause, /could not open an EGL display/);
  const core = onlyFinding(
    'qemu-system-x86_64: egl: eglChooseConfig failed (core mode)',
    'qemu.egl-init-step-failed',
  );
  assert.match(core.explanation.cause, /desktop OpenGL \(core profile\)/);
  assert.match(core.explanation.fix, /gl=es/);
  const gles = onlyFinding(
    'qemu-system-x86_64: egl: eglBindAPI failed (gles mode): EGL_BAD_PARAMETER',
    'qemu.egl-init-step-failed',
  );
  assert.match(gles.explanation.cause, /OpenGL ES 2/);
  const current = onlyFinding('qemu-system-x86_64: egl: eglMakeCurrent failed', 'qemu.egl-init-step-failed');
  assert.match(current.explanation.cause, /mixing vendors/);
});

test('eglCreateImageKHR failed: a guest frame the host GL cannot import', () => {
  const f = onlyFinding('qemu-system-x86_64: eglCreateImageKHR failed', 'qemu.egl-dmabuf-import-failed');
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /dma-buf/);
});

test('libepoxy abort: an EGL function is the display EGL, a GL function the context', () => {
  const egl = onlyFinding(
    'No provider of eglCreateImageKHR found.  Requires one of:\n    EGL_KHR_image\n    EGL_KHR_image_base',
    'epoxy.no-provider',
  );
  assert.equal(egl.facts.fn, 'eglCreateImageKHR');
  assert.match(egl.explanation.cause, /EGL display QEMU opened/);
  assert.match(egl.explanation.cause, /dma-buf frames/);
  assert.match(egl.explanation.fix, /gl=on/);
  const gl = onlyFinding('No provider of glBlitFramebuffer found.  Requires one of:', 'epoxy.no-provider');
  assert.match(gl.explanation.cause, /OpenGL context QEMU got does not provide glBlitFramebuffer/);
});

test('SPICE GL with a port: refused, listen on a socket', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: SPICE GL support is local-only for now and incompatible with -spice port/tls-port',
    'qemu.spice-gl-local-only',
  );
  assert.match(f.explanation.fix, /listen type="socket"/);
});

// ---------------------------------------------------------------------------------- GVT-g

test('GVT-g unsupported platform: the supported generations are named; in a guest it is harmless', () => {
  const host = onlyFinding(
    '[    4.227468] [drm] Unsupported device. GVT-g is disabled',
    'kernel.gvt-unsupported-device',
  );
  assert.equal(host.explanation.severity, 'error');
  assert.match(host.explanation.cause, /Broadwell.*Comet Lake/);
  assert.match(host.explanation.cause, /Ice Lake \(Gen11\)/);
  const guest = onlyFinding(
    'i915 0000:00:02.0: [drm] GVT-g is disabled for guest',
    'kernel.gvt-unsupported-device',
  );
  assert.equal(guest.explanation.severity, 'info');
  assert.match(guest.explanation.cause, /inside a VM/);
});

test('GVT-g with GuC submission: enable_guc is the fix', () => {
  const f = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* Graphics virtualization is not yet supported with GuC submission',
    'kernel.gvt-guc-submission',
  );
  assert.match(f.explanation.fix, /i915\.enable_guc=0/);
});

test('GVT-g command parser: the rejected register and command are facts', () => {
  const f = onlyFinding(
    'gvt: vgpu 2: srm access to non-render register (21f4)',
    'kernel.gvt-cmd-register-rejected',
  );
  assert.equal(f.facts.cmd, 'srm');
  assert.equal(f.facts.reg, '21f4');
  assert.match(f.explanation.cause, /command buffer/);
  assert.match(f.explanation.cause, /guest driver/);
  const lrr = onlyFinding(
    'gvt: vgpu 1: not allowed cmd lrr-dst reg (2260)',
    'kernel.gvt-cmd-register-rejected',
  );
  assert.equal(lrr.facts.cmd, 'lrr-dst');
});

test('GVT-g scan failure: the handler line names the command', () => {
  const h = onlyFinding('gvt: vgpu 4: PIPE_CONTROL handler error', 'kernel.gvt-cmd-parser-error');
  assert.equal(h.facts.handler, 'PIPE_CONTROL');
  assert.match(h.explanation.cause, /handler of PIPE_CONTROL/);
  const scan = onlyFinding('gvt: vgpu 1: cmd parser error', 'kernel.gvt-cmd-parser-error');
  assert.match(scan.explanation.cause, /failsafe mode/);
});

test("kvmgt's ENODEV is i915 without GVT-g, not a device bound elsewhere", () => {
  const f = onlyFinding("modprobe: ERROR: could not insert 'kvmgt': No such device", 'kmod.insert-failed');
  assert.equal(f.facts.errno, 'ENODEV');
  assert.match(f.explanation.cause, /enable_gvt=1/);
  assert.match(f.explanation.cause, /Ice Lake \(Gen11\)/);
  const other = onlyFinding(
    "modprobe: ERROR: could not insert 'nvidia': No such device",
    'kmod.insert-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /GVT-g/);
});

// ---------------------------------------------------------------------------- KubeVirt mdev

test('KubeVirt mdev clean-up: ENOENT is a node without an mdev bus (harmless), EACCES is not', () => {
  const none = onlyFinding(
    '{"component":"virt-handler","level":"error","msg":"failed to remove mdev types: failed to read the content of /sys/bus/mdev/devices directory","reason":"open /sys/bus/mdev/devices: no such file or directory"}',
    'kubevirt.mdev-cleanup-unreadable',
  );
  assert.equal(none.explanation.severity, 'info');
  assert.match(none.explanation.cause, /no mediated-device bus/);
  assert.match(none.explanation.cause, /unrelated to any VM failure/);
  const denied = onlyFinding(
    '{"component":"virt-handler","level":"error","msg":"failed to remove mdev types: failed to read the content of /sys/bus/mdev/devices directory","reason":"open /sys/bus/mdev/devices: permission denied"}',
    'kubevirt.mdev-cleanup-unreadable',
  );
  assert.equal(denied.explanation.severity, 'warning');
});

test('KubeVirt mdev creation: reading the instances is its own cause', () => {
  const create = onlyFinding(
    '{"level":"error","msg":"failed to create mdevs of type nvidia-256","reason":"write …/create: device or resource busy"}',
    'kubevirt.mdev-create-failed',
  );
  assert.equal(create.facts.type, 'nvidia-256');
  assert.match(create.explanation.fix, /available_instances/);
  const count = onlyFinding(
    'failed to create mdevs of type nvidia-63, failed to obtain number of instances',
    'kubevirt.mdev-create-failed',
  );
  assert.match(count.explanation.cause, /could not read available_instances/);
});

test('KubeVirt mdev removal: the warning without a reason is a clean-up, with one a refusal', () => {
  const ok = onlyFinding(
    '{"level":"warning","msg":"failed to remove mdev type: 0b6e2bd2-1f3c-4e25-a7c4-5d1c9f0e7a11"}',
    'kubevirt.mdev-remove-type',
  );
  assert.equal(ok.explanation.severity, 'info');
  const busy = onlyFinding(
    '{"level":"warning","msg":"failed to remove mdev type: 0b6e2bd2-1f3c-4e25-a7c4-5d1c9f0e7a11","reason":"write /sys/bus/mdev/devices/0b6e2bd2-1f3c-4e25-a7c4-5d1c9f0e7a11/remove: device or resource busy"}',
    'kubevirt.mdev-remove-type',
  );
  assert.equal(busy.explanation.severity, 'warning');
});

// ------------------------------------------------------------------------------------ SR-IOV

test('bnx2x: an invalid VF MAC is the zero or multicast address', () => {
  const f = onlyFinding(
    '[bnx2x_set_vf_mac:2704(enp65s0f0)]mac address invalid',
    'kernel.bnx2x-vf-mac-invalid',
  );
  assert.equal(f.facts.pf, 'enp65s0f0');
  assert.match(f.explanation.cause, /00:00:00:00:00:00/);
  assert.match(f.explanation.cause, /VF/);
});

test('bnx2x: which check of bnx2x_vf_op_prep() refused decides the cause', () => {
  const down = onlyFinding(
    "[bnx2x_vf_op_prep:2501(eno1)]PF is down - can't utilize iov-related functionality",
    'kernel.bnx2x-vf-op-refused',
  );
  assert.match(down.explanation.fix, /ip link set PF up/);
  const off = onlyFinding(
    "[bnx2x_vf_op_prep:2505(eno1)]sriov is disabled - can't utilize iov-related functionality",
    'kernel.bnx2x-vf-op-refused',
  );
  assert.match(off.explanation.cause, /SR-IOV is not enabled/);
  const index = onlyFinding(
    "[bnx2x_vf_op_prep:2512(eno1)]VF is uninitialized - can't utilize iov-related functionality. vfidx was 9 BNX2X_NR_VIRTFN was 4",
    'kernel.bnx2x-vf-op-refused',
  );
  assert.match(index.explanation.cause, /\(9\) is not below the number of VFs the PF has \(4\)/);
});

test('i915 SR-IOV VF handshake: a zero code is harmless, an error name is a failed probe', () => {
  const zero = onlyFinding(
    'i915 0000:00:02.2: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.1 (0000000000000000)',
    'kernel.i915-iov-version',
  );
  assert.equal(zero.explanation.severity, 'info');
  assert.match(zero.explanation.cause, /printed on every probe and harmless/);
  const failed = onlyFinding(
    'i915 0000:00:02.2: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.1 (-ENODEV)',
    'kernel.i915-iov-version',
  );
  assert.equal(failed.explanation.severity, 'warning');
  assert.match(failed.explanation.cause, /failed \(-ENODEV\)/);
  const found = onlyFinding(
    'i915 0000:00:02.2: [drm] *ERROR* GT0: IOV: Found interface version 0.1.9.0',
    'kernel.i915-iov-version',
  );
  assert.match(found.explanation.cause, /offers VF interface 0\.1\.9\.0/);
});

// --------------------------------------------------------------------------------------- Xen

test('xen_pt config sync and attach lines are harmless', () => {
  const sync = onlyFinding(
    '[00:04.0] xen_pt_config_reg_init: Offset 0x0014 mismatch! Emulated=0x0000, host=0xfe000000, syncing to 0xfe000000.',
    'qemu.xen-pt-config-sync',
  );
  assert.equal(sync.facts.offset, '0014');
  assert.equal(sync.explanation.severity, 'info');
  assert.match(sync.explanation.cause, /emulated value differs/);
  const attach = onlyFinding(
    '[00:04.0] xen_pt_realize: Assigning real physical device 02:00.0 to devfn 0x20',
    'qemu.xen-pt-attach-progress',
  );
  assert.equal(attach.facts.host, '02:00.0');
  assert.equal(attach.explanation.severity, 'info');
  const pin = onlyFinding('[00:04.0] xen_pt_realize: machine irq is 0', 'qemu.xen-pt-attach-progress');
  assert.match(pin.explanation.cause, /INTx is disabled/);
});

test('xen_pt BAR mapping: EPERM is a missing grant, EINVAL a placement', () => {
  const perm = onlyFinding(
    '[00:05.0] xen_pt_region_update: Error: create new mem mapping failed! (err: 1)',
    'qemu.xen-pt-bar-mapping-failed',
  );
  assert.match(perm.explanation.cause, /not granted access/);
  const inval = onlyFinding(
    '[00:05.0] xen_pt_region_update: Error: create new mem mapping failed! (err: 22)',
    'qemu.xen-pt-bar-mapping-failed',
  );
  assert.match(inval.explanation.cause, /rejected \(EINVAL\)/);
});

test('xen_pt inhibited write, BAR overlap and a BAR access through QEMU', () => {
  const w = onlyFinding(
    '[00:05.0] Write-back to unknown field 0x48 (partially) inhibited (0x0000ff00)',
    'qemu.xen-pt-write-inhibited',
  );
  assert.match(w.explanation.fix, /permissive=1/);
  const o = onlyFinding(
    '[00:05.0] xen_pt_region_update: Warning: Region: 0 (addr: 0xf0000000, len: 0x1000000) is overlapped.',
    'qemu.xen-pt-bar-overlap',
  );
  assert.equal(o.facts.bar, '0');
  const q = onlyFinding(
    '[00:05.0] xen_pt_bar_write: Error: Should not write BAR through QEMU. @0x0000000000000008',
    'qemu.xen-pt-bar-via-qemu',
  );
  assert.equal(q.facts.op, 'write');
  assert.match(q.explanation.cause, /mapping of that BAR is missing/);
});

test('libxl pciback attribute writes: the attribute and errno decide', () => {
  const msi = onlyFinding(
    "libxl: error: libxl_pci.c:396:sysfs_write_bdf: Couldn't open /sys/bus/pci/drivers/pciback/allow_interrupt_control: No such file or directory",
    'xen.pciback-sysfs-write-failed',
  );
  assert.match(msi.explanation.cause, /stub domain/);
  assert.match(msi.explanation.cause, /Linux 5\.10/);
  const slot = onlyFinding(
    "libxl: error: libxl_pci.c:396:sysfs_write_bdf: Couldn't open /sys/bus/pci/drivers/pciback/new_slot: No such file or directory",
    'xen.pciback-sysfs-write-failed',
  );
  assert.match(slot.explanation.cause, /xen-pciback driver is not loaded/);
  const unbind = onlyFinding(
    'libxl: error: libxl_pci.c:417:sysfs_write_bdf: write to /sys/bus/pci/devices/0000:03:00.0/driver/unbind returned -1: No such device',
    'xen.pciback-sysfs-write-failed',
  );
  assert.match(unbind.explanation.cause, /sysfs unbind/);
});

test('Xen HVM emulation failure: firmware addresses point at the firmware image, 64-bit at the guest', () => {
  const fw = onlyFinding(
    '(XEN) MMIO emulation failed (1): d9v0 32bit @ 0008:fffe3a10 -> ',
    'xen.hvm-emulation-failed',
  );
  assert.equal(fw.facts.dom, '9');
  assert.match(fw.explanation.cause, /firmware image/);
  assert.match(fw.explanation.cause, /after an update/);
  const os = onlyFinding(
    '(XEN) MMIO emulation failed (1): d9v1 64bit @ 0010:fffff80012ab34cd -> 45 0f 20 c2',
    'xen.hvm-emulation-failed',
  );
  assert.match(os.explanation.cause, /64-bit vCPU of domain 9/);
  assert.doesNotMatch(os.explanation.cause, /firmware image/);
});

test('Xen triple fault: the domain and its shutdown action are read', () => {
  const f = onlyFinding('(XEN) d23v0 Triple fault - invoking HVM shutdown action 1', 'xen.hvm-triple-fault');
  assert.equal(f.facts.dom, '23');
  assert.equal(f.facts.action, '1');
  assert.match(f.explanation.cause, /triple fault/);
});

// ------------------------------------------------------------------------------------- vBIOS

test('vBIOS patcher sanity checks: too many NPDS is a misdetected series, too few NPDE another layout', () => {
  const npds = onlyFinding(
    "__main__.CheckException: Expected only one 'NPDS' marker between header and footer, found 4",
    'vbios.patcher-sanity-check',
  );
  assert.equal(npds.facts.found, '4');
  assert.match(npds.explanation.cause, /footer pattern that matched belongs to another GPU generation/);
  const npde = onlyFinding(
    "main.CheckException: Expected only three 'NPDE' markers between header and footer, found 1",
    'vbios.patcher-sanity-check',
  );
  assert.match(npde.explanation.cause, /laid out differently/);
  assert.match(npde.explanation.cause, /mobile/);
});

test('vBIOS patcher: the detected series is a guess; a missing header is not an NVIDIA ROM', () => {
  const series = onlyFinding('ROM footer for RTX 30XX found!', 'vbios.patcher-footer-detected');
  assert.equal(series.facts.series, 'RTX 30XX');
  assert.equal(series.explanation.severity, 'info');
  assert.match(series.explanation.cause, /first that matches/);
  const header = onlyFinding(
    "CheckException: Couldn't find the ROM header!",
    'vbios.patcher-header-footer-missing',
  );
  assert.match(header.explanation.cause, /not an NVIDIA vBIOS/);
  const footer = onlyFinding(
    "CheckException: Couldn't find the ROM footer!",
    'vbios.patcher-header-footer-missing',
  );
  assert.match(footer.explanation.fix, /--disable-footer-strip/);
});

test('rom-parser: ran off the end, an invalid PCIR and an empty file', () => {
  assert.match(
    onlyFinding('Error, ran off the end', 'vbios.rom-parser-ran-off-end').explanation.cause,
    /512-byte boundary/,
  );
  assert.equal(
    onlyFinding('Invalid PCIR signature: \u0000\u0000\u0000\u0000', 'vbios.rom-parser-invalid-pcir')
      .explanation.severity,
    'error',
  );
  assert.match(
    onlyFinding('Error, zero sized ROM file', 'vbios.rom-parser-empty').explanation.cause,
    /echo 1 > rom/,
  );
});

test('lines close to these messages are not taken for them', () => {
  const ids = new Set(VIRT_MISSES_SWEEP_ENTRIES.map((e) => e.id));
  for (const line of [
    'qemu-system-x86_64: egl: using render node /dev/dri/renderD128',
    '[drm] GVT-g is enabled',
    'ixgbe 0000:03:00.0: mac address invalid',
    'Offset 0x0010 matches',
    'ROM footer not found',
  ]) {
    const found = diagnoseText(line).findings.filter((f) => ids.has(f.entry.id));
    assert.equal(found.length, 0, `${line}: ${found.map((f) => f.entry.id).join(', ')}`);
  }
});
