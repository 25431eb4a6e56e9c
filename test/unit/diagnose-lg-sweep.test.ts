// Looking Glass, kvmfr and vendor-reset from their sources (catalogue/lg-sweep.ts). Each entry's
// examples are claimed by it alone; the facts change the explanation the way the producing source
// behaves: the LGMP status the client or host prints (gnif/LGMP lgmp/src/status.c), which KVMFR
// version is older (client/src/main.c), the HRESULT of desktop duplication (DXGI backend), the
// NvFBC step, the kvmfr size, the errno of vendor-reset's ftrace hook (src/ftrace.c), the Vega 10
// SOL timeout that stops the reset, and the kernel's reset_method refusal of device_specific when
// vendor-reset is not loaded. Progress lines (kvmfr's DMA-BUF and mmap logs, vendor-reset's state
// dump and step lines, DXGI's skipped software adapter) are harmless. Lines are built from the
// format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LG_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/lg-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const PREFIXES = ['lg.', 'kvmfr.', 'vendor-reset.'];
const C = '00:00:01.000 [E]              main.c:1500 | lg_run                         | ';
const H = '  4214138000 [E]               dxgi.c:400  | dxgi_init                      | ';

test('the Looking Glass / kvmfr / vendor-reset entries are registered, cited, safe, and each example is theirs alone', () => {
  assert.ok(LG_SWEEP_ENTRIES.length >= 20, `${LG_SWEEP_ENTRIES.length} entries`);
  for (const e of LG_SWEEP_ENTRIES)
    assert.ok(e.source === 'looking-glass' || e.source === 'vendor-reset', e.id);
  assert.equal(checkSweepEntries(LG_SWEEP_ENTRIES, PREFIXES), LG_SWEEP_ENTRIES.length);
});

test('LGMP status: an empty shared-memory file, a host of another release, a stalled client', () => {
  const size = onlyFinding(`${C}lgmpClientInit Failed: LGMP_ERR_INVALID_SIZE`, 'lg.lgmp-client-failed');
  assert.match(size.explanation.cause, /VM is not running/);
  const version = onlyFinding(
    `${C}lgmpClientSessionInit Failed: LGMP_ERR_INVALID_VERSION`,
    'lg.lgmp-client-failed',
  );
  assert.match(version.explanation.cause, /different Looking Glass releases/);
  const slow = onlyFinding(`${C}lgmpClientProcess Failed: LGMP_ERR_QUEUE_TIMEOUT`, 'lg.lgmp-client-failed');
  assert.match(slow.explanation.title, /too slow/);
  const host = onlyFinding(
    '  4214138395 [E]                app.c:500  | app_main                       | lgmpHostMemAlloc Failed (Frame): LGMP_ERR_NO_SHARED_MEM',
    'lg.lgmp-host-failed',
  );
  assert.match(host.explanation.cause, /too small/);
  assert.match(host.explanation.fix, /shmDevice/);
});

test('KVMFR version: the older side is named', () => {
  const hostOlder = onlyFinding(`${C}Expected KVMFR version 20, got 19`, 'lg.kvmfr-version-mismatch');
  assert.match(hostOlder.explanation.cause, /host application is older/);
  const clientOlder = onlyFinding(`${C}Expected KVMFR version 19, got 20`, 'lg.kvmfr-version-mismatch');
  assert.match(clientOlder.explanation.cause, /client is older/);
  const magic = onlyFinding(`${C}Invalid KVMFR magic`, 'lg.kvmfr-version-mismatch');
  assert.match(magic.explanation.cause, /not a Looking Glass host/);
});

test('desktop duplication: the HRESULT decides between the service, the display and another capture program', () => {
  const denied = onlyFinding(
    `${H}DuplicateOutput1 Failed: 0x80070005 (Access is denied.)`,
    'lg.host-duplicate-failed',
  );
  assert.match(denied.explanation.fix, /InstallService/);
  const unsupported = onlyFinding(
    `${H}DuplicateOutput1 Failed: 0x887a0004 (The specified device interface or feature level is not supported on this system.)`,
    'lg.host-duplicate-failed',
  );
  assert.match(unsupported.explanation.fix, /dummy plug/);
  const busy = onlyFinding(
    `${H}DuplicateOutput Failed: 0x887a0022 (The resource is not currently available.)`,
    'lg.host-duplicate-failed',
  );
  assert.match(busy.explanation.cause, /another program/);
  const removed = onlyFinding(
    '  5214138930 [E]               dxgi.c:720  | dxgi_capture                   | AcquireNextFrame failed: 0x887a0005 (The GPU device instance has been suspended.)',
    'lg.host-acquire-frame',
  );
  assert.match(removed.explanation.cause, /TDR/);
});

test('NvFBC: a missing NVIDIA driver is harmless, a refused enable is a GeForce card', () => {
  const dll = onlyFinding(
    '  4214138650 [E]            wrapper.cpp:64   | NvFBCInit                      | Failed to load NvFBC64.dll: 0x0000007e (The specified module could not be found.)',
    'lg.host-nvfbc',
  );
  assert.equal(dll.explanation.severity, 'info');
  assert.match(dll.explanation.cause, /Harmless/);
  const enable = onlyFinding(
    '  4214138700 [E]            wrapper.cpp:96   | NvFBCInit                      | Failed to enable the NvFBC interface',
    'lg.host-nvfbc',
  );
  assert.equal(enable.explanation.severity, 'warning');
  assert.match(enable.explanation.cause, /GeForce/);
});

test('kvmfr: a size far beyond need, a missing size, and an ordinary one', () => {
  const huge = onlyFinding(
    'kvmfr: failed to allocate memory for static device: 131072 MiB',
    'kvmfr.static-alloc-failed',
  );
  assert.match(huge.explanation.cause, /KiB or bytes/);
  const negative = onlyFinding(
    'kvmfr: failed to allocate memory for static device: -2048 MiB',
    'kvmfr.static-alloc-failed',
  );
  assert.match(negative.explanation.cause, /missing or negative/);
  const plain = onlyFinding(
    'kvmfr: failed to allocate memory for static device: 128 MiB',
    'kvmfr.static-alloc-failed',
  );
  assert.match(plain.explanation.cause, /vmalloc/);
});

test('vendor-reset hook: ENODEV is an untraceable function, EBUSY a second copy', () => {
  const nodev = onlyFinding(
    '[    4.611021] ftrace_set_filter_ip() failed: -19',
    'vendor-reset.ftrace-failed',
  );
  assert.match(nodev.explanation.cause, /DYNAMIC_FTRACE_WITH_REGS/);
  const busy = onlyFinding(
    '[    4.611021] register_ftrace_function() failed in fh_install_hook: -16',
    'vendor-reset.ftrace-failed',
  );
  assert.match(busy.explanation.cause, /loaded twice/);
  const sym = onlyFinding(
    '[    4.611021] unresolved symbol pci_dev_specific_reset',
    'vendor-reset.unresolved-symbol',
  );
  assert.match(sym.explanation.fix, /CONFIG_KPROBES/);
  assert.match(sym.explanation.fix, /device_specific/);
});

test('vendor-reset: SOL timeout stops the Vega 10 reset only; no I/O BAR is harmless', () => {
  const navi = onlyFinding(
    '[  300.300000] vfio-pci 0000:0c:00.0: AMD_NAVI10: Timed out waiting for SOL to be valid',
    'vendor-reset.sol-timeout',
  );
  assert.equal(navi.explanation.severity, 'warning');
  const vega = onlyFinding(
    '[  300.300000] vfio-pci 0000:43:00.0: Vega10: Timed out waiting for SOL to be valid',
    'vendor-reset.sol-timeout',
  );
  assert.equal(vega.explanation.severity, 'error');
  assert.match(vega.explanation.cause, /not attempted/);
  const io = onlyFinding(
    'vfio-pci 0000:0c:00.0: AMD_NAVI10: Could not map I/O',
    'vendor-reset.mmio-map-failed',
  );
  assert.equal(io.explanation.severity, 'info');
  const mmio = onlyFinding('vfio-pci 0000:0c:00.0: Could not mmap device', 'vendor-reset.mmio-map-failed');
  assert.equal(mmio.explanation.severity, 'error');
  assert.match(mmio.explanation.fix, /BAR 5/);
});

test('reset_method: device_specific refused means vendor-reset is not handling the GPU (Linux 5.15+)', () => {
  const f = onlyFinding(
    "[    6.200000] vfio-pci 0000:0c:00.0: Unsupported reset method 'device_specific'",
    'kernel.reset-method-invalid',
  );
  assert.match(f.explanation.cause, /5\.15/);
  assert.match(f.explanation.fix, /vendor_reset_hook: installed/);
  const other = onlyFinding(
    "vfio-pci 0000:0b:00.0: Unsupported reset method 'flr'",
    'kernel.reset-method-invalid',
  );
  assert.doesNotMatch(other.explanation.cause, /vendor-reset is loaded/);
  // vendor-reset's own lock warning is printed in lower case.
  onlyFinding('vfio-pci 0000:0c:00.0: could not acquire cfg lock', 'vendor-reset.lock-busy');
  // The 2020-era host's "Failed to find the IVSHMEM device" is the missing-device entry.
  onlyFinding(
    '  4214138390 [E]                app.c:441  | app_main                       | Failed to find the IVSHMEM device',
    'lg.host-ivshmem-missing',
  );
});

test('progress and routine lines are harmless', () => {
  const cases: [string, string][] = [
    ['[  802.001122] kvmfr_dmabuf_create: offset: 4096, size: 33177600', 'kvmfr.dmabuf-create'],
    ['[  700.010203] mmap kvmfr0: 7f3a1c000000-7f3a20000000 with size 67108864 offset 0', 'kvmfr.mmap'],
    [
      'vfio-pci 0000:0c:00.0: AMD_NAVI10: SMU response reg: 1, sol reg: 9f0bb, mp1 intr enabled? yes, bl ready? yes',
      'vendor-reset.state-dump',
    ],
    ['vfio-pci 0000:0c:00.0: AMD_NAVI10: begin psp mode 1 reset', 'vendor-reset.reset-step'],
    [
      'vfio-pci 0000:0c:00.0: AMD_NAVI10: amdgpu_discovery_reg_base_init failed, using legacy method',
      'vendor-reset.reset-step',
    ],
    ['vfio-pci 0000:43:00.0: Vega10: Exiting BACO', 'vendor-reset.reset-step'],
    [`${H}Not using unsupported adapter: Microsoft Basic Render Driver`, 'lg.host-adapter-skipped'],
    [`${H}Failed to set realtime GPU priority.`, 'lg.host-realtime-priority'],
  ];
  for (const [line, id] of cases) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.cause, /Harmless/, line);
  }
});

test('neighbouring wordings of other programs are not claimed', () => {
  const none = (text: string) =>
    diagnoseText(text).findings.filter((f) => PREFIXES.some((p) => f.entry.id.startsWith(p)));
  for (const text of [
    // amdgpu's own reset is not vendor-reset's Polaris step.
    'amdgpu 0000:03:00.0: GPU pci config reset',
    // "Driver reset" without vendor-reset's ASIC prefix.
    'e1000e 0000:00:1f.6 eno1: Driver reset',
    // Another program's DMA buffer and SPICE wording.
    'Failed to map memory for the ring buffer',
    'remote-viewer: Failed to connect to SPICE server on port 5900',
    // An unrelated unresolved symbol.
    'unresolved symbol foo_bar',
  ])
    assert.deepEqual(
      none(text).map((f) => f.entry.id),
      [],
      text,
    );
  // kvmfr's healthy device count is the older lg.kvmfr-static-devices entry alone.
  assert.deepEqual(
    diagnoseText('kvmfr: creating 1 static devices').findings.map((f) => f.entry.id),
    ['lg.kvmfr-static-devices'],
  );
});
