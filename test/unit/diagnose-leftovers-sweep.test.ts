// The leftovers sweep (catalogue/leftovers-sweep.ts): known misses of two harvests of posted
// messages — the Looking Glass host's d3d12 copy backend and fatal capture error, Mesa's DRI2
// warning, USB SET_CONFIGURATION stalls, iwlwifi firmware in a VM, unchecked MSR accesses in
// guests, i915 engine resets on an SR-IOV VF, Firecracker beside another hypervisor,
// PCILeechFWGenerator's VFIO check — plus the entries it mended (Scream's IVSHMEM receiver taken
// for Looking Glass, ENODEV from an efi-framebuffer unbind, EINVAL from an NVIDIA vGPU create).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { LEFTOVERS_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/leftovers-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    LEFTOVERS_SWEEP_ENTRIES,
    ['kernel.', 'lg.', 'tool.', 'rust-vmm.', 'pcileech.', 'guest.', 'nvidia-vgpu.', 'mdevctl.'],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, LEFTOVERS_SWEEP_ENTRIES.length);
  assert.equal(n, 14);
});

test('every example is a posted message with the thread it came from', () => {
  for (const e of LEFTOVERS_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.notEqual(x.origin, BUILT, `${e.id}: ${x.text}`);
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
});

test('Looking Glass d3d12 copy: E_INVALIDARG is a refused copy, a removed device is a lost GPU', () => {
  const id = 'lg.host-d3d12-copy-failed';
  const inval = onlyFinding(
    '     8987615 [E]              d3d12.c:520  | d3d12_postCopy                 | Failed to close command list: 0x80070057 (The parameter is incorrect.)',
    id,
  );
  assert.match(inval.explanation.cause, /E_INVALIDARG/);
  assert.match(inval.explanation.cause, /only when the list is closed/);
  assert.match(inval.explanation.fix, /copyBackend/);
  const lost = onlyFinding(
    '[E]   d3d12.c:561  | d3d12_mapTexture  | Failed to reset command list: 0x887A0005 (The GPU device instance has been suspended.)',
    id,
  );
  assert.equal(lost.facts.what, 'reset command list');
  assert.match(lost.explanation.cause, /DXGI_ERROR_DEVICE_REMOVED/);
  // Another program's D3D12 message without the host's log columns is not the host's.
  assert.ok(
    !diagnoseText('Failed to close command list: 0x80070057').findings.some((f) => f.entry.id === id),
  );
});

test('Looking Glass fatal capture error points at the backend line before it', () => {
  const f = onlyFinding(
    '[E]   app.c:1020 | app_main  | Capture interface reported a fatal error',
    'lg.host-capture-fatal',
  );
  assert.match(f.explanation.cause, /CAPTURE_RESULT_ERROR/);
  assert.match(f.explanation.fix, /lines before it/);
});

test('Mesa DRI2 authentication: a fallback warning, not a failure', () => {
  const f = onlyFinding('libEGL warning: DRI2: failed to authenticate', 'tool.mesa-egl-dri2-auth-failed');
  assert.equal(f.explanation.severity ?? f.entry.severity, 'warning');
  assert.match(f.explanation.cause, /X server refused/);
});

test('USB set config: -32 is a stall (EPIPE), another error keeps the general cause', () => {
  const id = 'kernel.usb-set-config-failed';
  const stall = onlyFinding("usb 1-1.4: can't set config #1, error -32", id);
  assert.equal(stall.facts.errno, 'EPIPE');
  assert.match(stall.explanation.cause, /stalled the SET_CONFIGURATION/);
  const timeout = onlyFinding("usb 3-2: can't set config #2, error -110", id);
  assert.doesNotMatch(timeout.explanation.cause, /stalled the SET_CONFIGURATION request \(-32/);
  assert.match(timeout.explanation.cause, /ETIMEDOUT/);
});

test('iwlwifi RT ucode: a timeout in a VM, rfkill read as a switched-off radio', () => {
  const id = 'kernel.iwlwifi-rt-ucode-failed';
  const to = onlyFinding('iwlwifi 0000:00:05.0: Failed to start RT ucode: -110', id);
  assert.match(to.explanation.cause, /ALIVE/);
  assert.match(to.explanation.cause, /passed through to a VM/);
  const rf = onlyFinding('iwlwifi 0000:03:00.0: Failed to start RT ucode: -132', id);
  assert.match(rf.explanation.cause, /rfkill/);
});

test('unchecked MSR access: write and read, the MSR read, the hypervisor named', () => {
  const id = 'kernel.unchecked-msr-access';
  const w = onlyFinding(
    'unchecked MSR access error: WRMSR to 0xc001001f (tried to write 0x0000400000000000) at rIP: 0xffffffff9069cec4 (native_write_msr+0x4/0x30)',
    id,
  );
  assert.equal(w.facts.msr, '0xc001001f');
  assert.match(w.explanation.cause, /hypervisor/);
  const r = onlyFinding(
    'unchecked MSR access error: RDMSR from 0x1a4 at rIP: 0xffffffff8107c6a8 (native_read_msr+0x8/0x40)',
    id,
  );
  assert.equal(r.facts.op, 'RDMSR');
  assert.equal(r.facts.msr, '0x1a4');
});

test('i915 engine reset timeout: RESET_CTL all ones names the SR-IOV VF, another value the hang', () => {
  const id = 'kernel.i915-engine-reset-timeout';
  const vf = onlyFinding(
    "i915 0000:01:00.0: [drm] *ERROR* rcs'0 reset request timed out: {request: 00000004, RESET_CTL: ffffffff}",
    id,
  );
  assert.match(vf.explanation.cause, /virtual function/);
  assert.match(vf.explanation.cause, /all ones/);
  const hang = onlyFinding(
    'i915 0000:00:02.0: [drm] *ERROR* GT0: vcs0 reset request timed out: {request: 00000004, RESET_CTL: 00000004}',
    id,
  );
  assert.equal(hang.facts.engine, 'vcs0');
  assert.doesNotMatch(hang.explanation.cause, /virtual function/);
  assert.match(hang.explanation.cause, /700 µs/);
});

test('Firecracker VM fd: EBUSY is another hypervisor holding VT-x, ENOMEM keeps the general cause', () => {
  const id = 'rust-vmm.firecracker-vm-fd-failed';
  const busy = onlyFinding(
    'Cannot create VMM: Error opening VM fd: VmFd(Os { code: 16, kind: Other, message: "Resource busy" })',
    id,
  );
  assert.match(busy.explanation.cause, /another hypervisor/);
  assert.match(busy.explanation.fix, /vboxdrv/);
  const nomem = onlyFinding(
    'Cannot create VMM: Error opening VM fd: VmFd(Os { code: 12, kind: Other, message: "Cannot allocate memory" })',
    id,
  );
  assert.doesNotMatch(nomem.explanation.cause, /another hypervisor/);
});

test('PCILeech VFIO check: a missing group device names the binding, another reason stays general', () => {
  const id = 'pcileech.vfio-bind-verify-failed';
  const miss = onlyFinding(
    '[BIND] VFIO binding verification failed: VFIO group device /dev/vfio/7 does not exist',
    id,
  );
  assert.match(miss.explanation.cause, /no \/dev\/vfio\/N node/);
  const other = onlyFinding('[VFIO BIND] VFIO binding verification failed: Permission denied', id);
  assert.doesNotMatch(other.explanation.cause, /no \/dev\/vfio\/N node/);
});

test('macOS screen-lock line: informational, a stop here read as graphics', () => {
  const f = onlyFinding(
    'IOConsoleUsers: gIOScreenLockState 3, hs 0, bs 0, now 0, sm 0x0',
    'guest.macos-screen-lock-state',
  );
  assert.equal(f.facts.state, '3');
  assert.match(f.explanation.cause, /graphical stage did not start/);
});

test('nvidia-smi with no devices: vfio-pci on the host is expected, NVRM lines say why otherwise', () => {
  const f = onlyFinding('No devices were found', 'tool.nvidia-smi-no-devices');
  assert.match(f.explanation.cause, /bound to vfio-pci/);
  assert.match(f.explanation.fix, /NVRM/);
  // The words inside a longer sentence are not nvidia-smi's line.
  assert.ok(
    !diagnoseText('lsusb: No devices were found matching the filter').findings.some(
      (x) => x.entry.id === 'tool.nvidia-smi-no-devices',
    ),
  );
});

test('vGPU manager RM client: 0x26 is an invalid device, 0x6a a version mismatch', () => {
  const id = 'nvidia-vgpu.rm-client-init-failed';
  const dev = onlyFinding(
    'nvidia-vgpu-mgr[1234]: error: vmiop_env_log: Failed to initialize RM client: 0x26',
    id,
  );
  assert.match(dev.explanation.cause, /NV_ERR_INVALID_DEVICE/);
  const ver = onlyFinding(
    'nvidia-vgpu-mgr[1234]: error: vmiop_env_log: Failed to initialize RM client: 0x6a',
    id,
  );
  assert.match(ver.explanation.cause, /VERSION_MISMATCH/);
  assert.doesNotMatch(ver.explanation.cause, /INVALID_DEVICE/);
});

test('mdevctl attribute: a missing file and a refused value, both remove the new device', () => {
  const id = 'mdevctl.attribute-not-settable';
  const miss = onlyFinding('Attribute assign_adapter cannot be set', id);
  assert.equal(miss.facts.attr, 'assign_adapter');
  assert.match(miss.explanation.cause, /removes the device/);
  const refused = onlyFinding('Failed to write 0x4 to attribute assign_domain', id);
  assert.equal(refused.facts.attr, 'assign_domain');
  assert.match(refused.explanation.fix, /--delattr/);
});

test('sysfsutils: sriov_numvfs names the driver without SR-IOV, another attribute stays general', () => {
  const id = 'tool.sysfsutils-write-failed';
  const vf = onlyFinding('cannot write value for attribute devices/pci0000:00/0000:00:02.0/sriov_numvfs', id);
  assert.match(vf.explanation.cause, /does not support SR-IOV configuration via sysfs/);
  assert.match(vf.explanation.fix, /enable_guc=3/);
  const other = onlyFinding('cannot write value for attribute module/kvm/parameters/ignore_msrs', id);
  assert.doesNotMatch(other.explanation.cause, /SR-IOV/);
});

// ---- entries mended by this sweep ----

test("Scream's IVSHMEM receiver is not taken for Looking Glass; the Looking Glass line keeps its cause", () => {
  const id = 'lg.shm-map-failed';
  const scream = onlyFinding('Failed to map the shared memory file: /dev/uio1', id);
  assert.match(scream.explanation.title, /Scream/);
  assert.match(scream.explanation.cause, /not Looking Glass/);
  assert.match(scream.explanation.cause, /size of 0/);
  assert.match(scream.explanation.fix, /resource2/);
  const lg = onlyFinding(
    '[E]               main.c:871  | map_memory                     | Failed to map the shared memory file: /dev/shm/looking-glass',
    id,
  );
  assert.doesNotMatch(lg.explanation.title, /Scream/);
  assert.match(lg.explanation.cause, /file is empty/);
});

test('a bare ENODEV from echo names the efi-framebuffer unbind first; EBUSY does not', () => {
  const id = 'sysfs.shell-write-error';
  const fb = onlyFinding('echo: write error: No such device', id);
  assert.match(fb.explanation.cause, /^in a GPU passthrough start script/);
  assert.match(fb.explanation.cause, /simple-framebuffer\.0 driven by simpledrm/);
  assert.match(fb.explanation.cause, /never bound/);
  assert.match(fb.explanation.fix, /initcall_blacklist=sysfb_init/);
  const busy = onlyFinding('bash: echo: write error: Device or resource busy', id);
  assert.doesNotMatch(busy.explanation.cause, /efi-framebuffer/);
});

test('EINVAL from an mdev create: an NVIDIA type is the vGPU driver refusing, another is the UUID or the driver', () => {
  const id = 'sysfs.mdev-create-failed';
  const nv = onlyFinding(
    "OSError: [Errno 22] Invalid argument: '/sys/bus/pci/devices/0000:41:00.0/mdev_supported_types/nvidia-63/create'",
    id,
  );
  assert.equal(nv.facts.errno, 'EINVAL');
  assert.match(nv.explanation.cause, /valid UUID/);
  assert.match(nv.explanation.cause, /same profile/);
  assert.doesNotMatch(nv.explanation.cause, /^the text written is not a UUID/);
  const gvt = onlyFinding(
    "OSError: [Errno 22] Invalid argument: '/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/create'",
    id,
  );
  assert.match(gvt.explanation.cause, /not a UUID/);
  assert.match(gvt.explanation.cause, /vendor driver/);
});
