// The fourth harvest's part b (catalogue/harvest4b-sweep.ts): messages posted in public threads
// about the layers above and beside the host kernel, QEMU and libvirt — Nova, Arch's dkms hook,
// CUDA in a vGPU guest, DPDK and SPDK set-up, Harvester, Windows stop codes, swtpm, the SR-IOV
// operator and Intel PFs — plus the two entries this harvest mended (mkinitcpio's unquoted firmware
// warning, SPDK setup.sh's oldest "so not binding").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST4B_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest4b-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    HARVEST4B_SWEEP_ENTRIES,
    [
      'nova.',
      'dkms.',
      'cuda.',
      'dpdk.',
      'spdk.',
      'mgmt.',
      'windows.',
      'kubernetes.',
      'kernel.',
      'kata.',
      'mdevctl.',
      'kubevirt.',
    ],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, HARVEST4B_SWEEP_ENTRIES.length);
  assert.equal(n, 16);
});

test('every harvested example names the public thread it came from', () => {
  let posted = 0;
  for (const e of HARVEST4B_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      if (x.origin === BUILT) continue;
      posted++;
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
  assert.equal(posted, 16);
});

test('Nova NoValidHost: no filter named, the scheduler log names it; exhausted attempts point at compute', () => {
  const id = 'nova.no-valid-host';
  const bare = onlyFinding('No valid host was found.', id);
  assert.equal(bare.explanation.severity, 'error');
  assert.match(bare.explanation.cause, /PciPassthroughFilter/);
  assert.match(bare.explanation.cause, /does not say which filter/);
  assert.match(bare.explanation.fix, /pci_passthrough:alias/);
  const retries = onlyFinding(
    'No valid host was found. Exceeded max scheduling attempts 3 for instance f4fb0526-b646-4bd6-8791-a48e15084568',
    id,
  );
  assert.match(retries.explanation.cause, /build failed on each one/);
  assert.match(retries.explanation.fix, /nova-compute log/);
});

test("Arch's dkms hook: missing headers, a leftover kernel directory, a missing dependency", () => {
  const id = 'dkms.alpm-hook-skipped';
  const headers = onlyFinding(
    '==> ERROR: Missing 5.18.5-hardened1-2-hardened kernel headers for module lkrg/r481.7bb9cf1.',
    id,
  );
  assert.equal(headers.explanation.severity, 'error');
  assert.match(headers.explanation.cause, /headers package for that kernel is not installed/);
  assert.match(headers.explanation.fix, /dkms autoinstall -k KERNEL/);
  const tree = onlyFinding(
    '==> ERROR: Missing 6.1.12-arch1-1 kernel modules tree for module vendor-reset/0.1.1.',
    id,
  );
  assert.equal(tree.explanation.severity, 'warning');
  assert.match(tree.explanation.cause, /\/usr\/lib\/modules\/6\.1\.12-arch1-1\/kernel is missing/);
  assert.match(tree.explanation.cause, /leftover directory/);
  const deps = onlyFinding(
    '==> ERROR: Missing dependencies to install module kvmfr/0.0.12 for kernel 6.9.7-arch1-1.',
    id,
  );
  assert.match(deps.explanation.cause, /BUILD_DEPENDS/);
  assert.match(deps.explanation.cause, /kvmfr/);
});

test('CUDA: a driver older than the runtime, and the vGPU release table', () => {
  const f = onlyFinding(
    'RuntimeError: CUDA error: CUDA driver version is insufficient for CUDA runtime version',
    'cuda.insufficient-driver',
  );
  assert.match(f.explanation.cause, /older than the runtime/);
  assert.match(f.explanation.cause, /vGPU software release/);
  assert.match(f.explanation.fix, /nvidia-smi/);
});

test('DPDK: no mempool handler registered is a link or driver-loading problem', () => {
  const f = onlyFinding('MBUF: error setting mempool handler', 'dpdk.mempool-ops-missing');
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /whole-archive/);
  assert.match(f.explanation.cause, /ring_mp_mc/);
  assert.match(f.explanation.fix, /librte_mempool_ring/);
});

test('SPDK setup.sh: a denied controller is configuration; a VMD one needs PCI_ALLOWED', () => {
  const id = 'spdk.setup-skip-controller';
  const denied = onlyFinding('0000:00:04.0 (1d0f 8061): Skipping denied controller at 0000:00:04.0', id);
  assert.equal(denied.explanation.severity, 'info');
  assert.match(denied.explanation.cause, /PCI_BLOCKED/);
  const vmd = onlyFinding(
    '0000:17:05.5 (8086 201d): Skipping not allowed VMD controller at 0000:17:05.5',
    id,
  );
  assert.match(vmd.explanation.cause, /only when its address is listed in PCI_ALLOWED/);
  assert.match(vmd.explanation.cause, /PCI_WHITELIST/);
  assert.match(vmd.explanation.fix, /PCI_ALLOWED="0000:17:05\.5"/);
});

test('SPDK setup.sh (mended): the oldest "so not binding" without "PCI dev" is a mounted disk', () => {
  const f = onlyFinding(
    '0000:00:07.0 (1af4 1001): Active mountpoints on /dev/vda, so not binding',
    'spdk.device-in-use',
  );
  assert.equal(f.facts.kind, 'mountpoints');
  assert.match(f.explanation.cause, /is mounted \(\/dev\/vda\)/);
});

test('mkinitcpio (mended): the unquoted firmware warning is the same harmless note', () => {
  const f = onlyFinding(
    '==> WARNING: Possibly missing firmware for module: aic94xx',
    'initramfs.possibly-missing-firmware',
  );
  assert.equal(f.facts.module, 'aic94xx');
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.title, /harmless/);
});

test('Harvester: a claim without an owner reference never enables passthrough', () => {
  const f = onlyFinding(
    'time="2025-03-06T18:02:11Z" level=error msg="error syncing \'node1-000001000\': handler PCIDeviceClaimReconcile: Cannot find PCIDevice that owns node1-000001000, requeuing"',
    'mgmt.harvester-claim-no-owner',
  );
  assert.equal(f.facts.claim, 'node1-000001000');
  assert.match(f.explanation.cause, /ownerReferences/);
  assert.match(f.explanation.cause, /manifest/);
  assert.match(f.explanation.fix, /Enable Passthrough/);
});

test('Windows stop codes: the code decides the meaning', () => {
  const id = 'windows.bugcheck-stop-code';
  const e8 = onlyFinding('STOP : 0x0000008E', id);
  assert.match(e8.explanation.cause, /KERNEL_MODE_EXCEPTION_NOT_HANDLED/);
  assert.match(e8.explanation.cause, /passed-through device/);
  const boot = onlyFinding('*** STOP: 0x0000007B (0x80786B58,0xC0000034,0x00000000,0x00000000)', id);
  assert.match(boot.explanation.cause, /INACCESSIBLE_BOOT_DEVICE/);
  assert.match(boot.explanation.cause, /viostor/);
  const tdr = onlyFinding('STOP: 0x00000116 (0x8A4C8510,0x8FE0F6C6,0x00000000,0x00000002)', id);
  assert.match(tdr.explanation.cause, /VIDEO_TDR_FAILURE/);
  const other = onlyFinding('STOP: 0x000000C5 (0x00000004,0x00000002,0x00000001,0x8054A5E5)', id);
  assert.match(other.explanation.cause, /the driver named on the screen or in the dump/);
});

test('harmless notes say so: swtpm state kept, a NIC the SR-IOV operator skips, VFs being created', () => {
  const tpm = onlyFinding('swtpm_setup: Not overwriting existing state file.', 'mgmt.swtpm-setup-state-kept');
  assert.equal(tpm.explanation.severity, 'info');
  assert.match(tpm.explanation.cause, /--not-overwrite/);
  assert.match(tpm.explanation.cause, /unrelated to passthrough/);
  const nic = onlyFinding(
    "I0407 07:41:39.804107 1910191 utils.go:101] DiscoverSriovDevices(): unsupported device 0000:01:00.0 -> class: 'Network controller' vendor: 'Broadcom Inc. and subsidiaries' product: 'NetXtreme BCM5720 Gigabit Ethernet PCIe'",
    'kubernetes.sriov-operator-unsupported-device',
  );
  assert.equal(nic.explanation.severity, 'info');
  assert.match(nic.explanation.cause, /supported-nic-ids/);
  assert.match(nic.explanation.fix, /VENDOR PF-DEVICE VF-DEVICE/);
  const vfs = onlyFinding(
    '[201505.484423] i40e 0000:3b:00.0: Allocating 5 VFs.',
    'kernel.sriov-pf-allocating-vfs',
  );
  assert.equal(vfs.explanation.severity, 'info');
  assert.equal(vfs.facts.count, '5');
  assert.match(vfs.explanation.cause, /sriov_numvfs/);
});

test('Kata: an agent without the device type, a dead agent, a shim that went away', () => {
  const type = onlyFinding(
    'failed to create shim task: Unknown device type vfio-gk: unknown',
    'kata.agent-unknown-device-type',
  );
  assert.equal(type.facts.type, 'vfio-gk');
  assert.match(type.explanation.cause, /guest image/);
  assert.match(type.explanation.cause, /guest-kernel mode/);
  assert.match(type.explanation.fix, /same Kata release/);
  const dead = onlyFinding('level=error msg="container create failed" error="Dead agent"', 'kata.agent-dead');
  assert.match(dead.explanation.cause, /consequence/);
  assert.match(dead.explanation.fix, /enable_debug/);
  const shim = onlyFinding(
    'ctr: failed to create shim task: ttrpc: closed: unknown',
    'kata.shim-ttrpc-closed',
  );
  assert.match(shim.explanation.cause, /shim exited or crashed/);
  assert.match(shim.explanation.cause, /CDI spec/);
});

test('mdevctl: a file that is not a UUID in a definition directory is skipped', () => {
  const f = onlyFinding(
    "[2021-11-30T14:56:07Z WARN  mdevctl] Can't determine uuid for file 'exit0.sh'",
    'mdevctl.config-file-not-uuid',
  );
  assert.equal(f.facts.file, 'exit0.sh');
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.fix, /scripts\.d\/callouts/);
});

test('KubeVirt CR: pciHostDevices and featureGates belong one level down', () => {
  const id = 'kubevirt.cr-unknown-field';
  const pci = onlyFinding(
    'error: error validating "kubevirt-featuregate-cm.yaml": error validating data: ValidationError(KubeVirt.spec.configuration): unknown field "pciHostDevices" in io.kubevirt.v1alpha3.KubeVirt.spec.configuration',
    id,
  );
  assert.match(pci.explanation.cause, /spec\.configuration\.permittedHostDevices/);
  assert.match(pci.explanation.fix, /permittedHostDevices: pciHostDevices/);
  const gates = onlyFinding('strict decoding error: unknown field "spec.configuration.featureGates"', id);
  assert.match(gates.explanation.cause, /developerConfiguration/);
  const other = onlyFinding(
    'error validating data: ValidationError(KubeVirt.spec): unknown field "config" in io.kubevirt.v1.KubeVirt.spec',
    id,
  );
  assert.match(other.explanation.fix, /kubectl explain/);
});

test('Windows TDR (mended): the "was recovered" wording is the same event 4101', () => {
  const f = onlyFinding(
    'Display driver nvlddmkm stopped responding and was recovered',
    'windows.display-driver-recovered',
  );
  assert.equal(f.facts.driver, 'nvlddmkm');
  assert.match(f.explanation.cause, /MSI/);
});

test('DPDK secondary process without a primary; the lower-case IOMMU-extensions line (mended)', () => {
  const log = 'EAL:   cannot connect to primary process!\nEAL: VFIO support could not be initialized';
  const sec = onlyFinding(log, 'dpdk.secondary-no-primary');
  assert.match(sec.explanation.cause, /secondary process/);
  assert.match(sec.explanation.fix, /--file-prefix/);
  const ext = onlyFinding('EAL:   no supported IOMMU extensions found!', 'dpdk.no-iommu-extensions');
  assert.match(ext.explanation.cause, /vfio_iommu_type1 is not loaded/);
});

test('Looking Glass EGL (mended): 0x300B is the native-window error eglGetPlatformDisplay fixed', () => {
  const f = onlyFinding(
    'egl.c:428  | egl_render_startup             | Failed to create EGL surface (eglError: 0x300b)',
    'lg.egl-surface-failed',
  );
  assert.match(f.explanation.cause, /EGL_BAD_NATIVE_WINDOW/);
  assert.match(f.explanation.cause, /eglGetPlatformDisplay/);
  assert.match(f.explanation.fix, /update the Looking Glass client/);
});
