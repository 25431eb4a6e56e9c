// The DPDK / SPDK / SR-IOV NIC driver sweep (catalogue/nic-dpdk-sweep.ts). Each entry's examples
// are claimed by it alone; the facts change the explanation the way the producing source behaves:
// the errno rte_eal_init() set for the step that failed, which of SPDK's claim failures it was, the
// virtchnl opcode and status a PF refused, the driver name dpdk-devbind.py did not find, the NVM
// version direction, an MDD-disabled VF, a partial bnxt VF enable. Harmless notices (NUMA-less
// devices, the base address hint, the memory policy, NVM minor version) are info. Lines are built
// from the format strings unless an example names its public report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NIC_DPDK_ALSO,
  NIC_DPDK_SWEEP_ENTRIES,
} from '../../src/readiness/diagnose/catalogue/nic-dpdk-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const PREFIXES = ['dpdk.', 'spdk.', 'kernel.'];

test('the NIC/DPDK/SPDK entries are registered, cited, safe, and each example is theirs alone', () => {
  assert.ok(NIC_DPDK_SWEEP_ENTRIES.length >= 25, `${NIC_DPDK_SWEEP_ENTRIES.length} entries`);
  for (const e of NIC_DPDK_SWEEP_ENTRIES) {
    assert.ok(['dpdk', 'spdk', 'kernel'].includes(e.source), e.id);
    assert.match(e.cite, /^(?:DPDK\/dpdk|spdk\/spdk|torvalds\/linux) /, e.id);
  }
  const checked = checkSweepEntries(NIC_DPDK_SWEEP_ENTRIES, PREFIXES, (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.values[k] ?? (k === 'bdf' ? f.device : undefined), v, `${e.id} fact ${k}: ${ex.text}`);
  });
  assert.equal(checked, NIC_DPDK_SWEEP_ENTRIES.length);
});

test('every sibling wording is recognised by its entry alone', () => {
  for (const a of NIC_DPDK_ALSO) {
    const ids = diagnoseText(a.text).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, [a.id], a.text);
  }
});

test('VFIO device fd refused: the VF token is named', () => {
  const f = onlyFinding('EAL: Getting a vfio_dev_fd for 0000:4c:00.4 failed', 'dpdk.vfio-dev-fd-failed');
  assert.equal(f.device, '0000:4c:00.4');
  assert.match(f.explanation.cause, /VF token required/);
  assert.match(f.explanation.fix, /--vfio-vf-token/);
});

test('primary lock and rte_exit: another primary process, then the application exits', () => {
  const text = [
    "EAL: Cannot create lock on '/var/run/dpdk/rte/config'. Is another primary process running?",
    'EAL: FATAL: Cannot init config',
    'EAL: Cannot init config',
    'EAL: Error - exiting with code: 1',
    '  Cause: Cannot init EAL: Success',
  ].join('\n');
  const ids = diagnoseText(text).findings.map((f) => f.entry.id);
  assert.deepEqual(ids.sort(), ['dpdk.eal-init-failed', 'dpdk.primary-process-lock', 'dpdk.rte-exit']);
  const lock = onlyFinding(text, 'dpdk.primary-process-lock');
  assert.match(lock.explanation.fix, /--file-prefix/);
  const init = onlyFinding(text, 'dpdk.eal-init-failed');
  assert.match(init.explanation.cause, /runtime lock/);
  assert.match(onlyFinding(text, 'dpdk.rte-exit').explanation.cause, /only concludes/);
});

test('Cannot init EAL: the errno rte_eal_init() set names the step', () => {
  const id = 'dpdk.eal-init-failed';
  assert.match(
    onlyFinding('  Cause: Cannot init EAL: Permission denied', id).explanation.cause,
    /hugepage information/,
  );
  assert.match(
    onlyFinding('Cannot init EAL: Cannot allocate memory', id).explanation.cause,
    /memory initialisation/,
  );
  assert.match(onlyFinding('Cannot init EAL: No such device', id).explanation.cause, /scanning the buses/);
  assert.match(onlyFinding('Cannot init EAL: Invalid argument', id).explanation.cause, /IOVA mode/);
  assert.match(onlyFinding('Cannot init EAL', id).explanation.cause, /EAL lines just before/);
});

test('harmless EAL notices are info', () => {
  for (const [line, id] of [
    ['EAL:   Device is not NUMA-aware, defaulting socket to 0', 'dpdk.device-numa-unknown'],
    [
      'EAL: WARNING! Base virtual address hint (0x100005000 != 0x7f6d3f000000) not respected!',
      'dpdk.base-address-hint',
    ],
    [
      'EAL: Failed to get current mempolicy: Operation not permitted. Assuming MPOL_DEFAULT.',
      'dpdk.mempolicy-unavailable',
    ],
    ['EAL:   Not managed by a supported kernel driver, skipped', 'dpdk.not-managed-by-kernel-driver'],
  ] as const)
    assert.equal(onlyFinding(line, id).explanation.severity, 'info', line);
  assert.match(
    onlyFinding(
      'EAL: Failed to get current mempolicy: Operation not permitted. Assuming MPOL_DEFAULT.',
      'dpdk.mempolicy-unavailable',
    ).explanation.cause,
    /CAP_SYS_NICE/,
  );
});

test('mlx5 without a Verbs device: the port must stay on mlx5_core', () => {
  const f = onlyFinding(
    'mlx5_pci: no Verbs device matches PCI device 0000:01:00.3, are kernel drivers loaded?',
    'dpdk.mlx5-no-verbs-device',
  );
  assert.equal(f.device, '0000:01:00.3');
  assert.match(f.explanation.cause, /mlx5_core/);
  assert.match(f.explanation.fix, /ib_uverbs/);
});

test('iavf PMD init: the API version step points at the PF driver', () => {
  const api = onlyFinding('IAVF_INIT: iavf_init_vf(): check_api version failed', 'dpdk.iavf-vf-init-failed');
  assert.match(api.explanation.cause, /API version request/);
  const reset = onlyFinding('IAVF_INIT: iavf_init_vf(): VF is still resetting', 'dpdk.iavf-vf-init-failed');
  assert.match(reset.explanation.cause, /still in reset/);
});

test('dpdk-devbind: active routes, no IOMMU, a driver that is no driver', () => {
  const active = onlyFinding(
    'Warning: routing table indicates that interface 0000:05:00.0 is active. Not modifying.',
    'dpdk.devbind-interface-active',
  );
  assert.match(active.explanation.fix, /ip link set <if> down/);
  const iommu = onlyFinding(
    'Error: IOMMU support is disabled, use --noiommu-mode for binding in noiommu mode',
    'dpdk.devbind-iommu-disabled',
  );
  assert.match(iommu.explanation.cause, /\/sys\/class\/iommu/);
  const loaded = onlyFinding("Error: Driver 'vfio-pci' is not loaded.", 'dpdk.devbind-driver-not-loaded');
  assert.match(loaded.explanation.fix, /modprobe vfio-pci/);
  const wrong = onlyFinding("Error: Driver 'noiommu-mode' is not loaded.", 'dpdk.devbind-driver-not-loaded');
  assert.match(wrong.explanation.cause, /"noiommu-mode" is not a loaded driver/);
});

test('SPDK claim: another process, a lock file of another user, and the NVMe line after them', () => {
  const id = 'spdk.pci-device-claimed';
  const held = onlyFinding(
    'pci.c: 872:spdk_pci_device_claim: *ERROR*: Cannot create lock on device /var/tmp/spdk_pci_lock_0000:5e:00.0, probably process 4312 has claimed it',
    id,
  );
  assert.match(held.explanation.cause, /Another process/);
  const open = onlyFinding(
    'pci.c:1016:spdk_pci_device_claim: *ERROR*: could not open /var/tmp/spdk_pci_lock_0000:d8:00.0',
    id,
  );
  assert.match(open.explanation.title, /lock file/);
  const nvme = onlyFinding(
    'nvme_pcie.c: 888:nvme_pcie_ctrlr_construct: *ERROR*: could not claim device 0000:d8:00.0 (Permission denied)',
    id,
  );
  assert.match(nvme.explanation.cause, /both of its failures as EACCES/);
});

test('PF not answering its VF: the PF interface must be up', () => {
  const f = onlyFinding(
    'ixgbevf 0000:04:12.4: PF still in reset state.  Is the PF interface up?',
    'kernel.vf-pf-not-responding',
  );
  assert.match(f.explanation.cause, /PF netdev is down/);
  assert.match(f.explanation.fix, /ip link set <PF> up/);
});

test('refused virtchnl requests: the opcode names MAC, VLAN or promisc; NOT_SUPPORTED is info', () => {
  const pf = onlyFinding(
    'i40e 0000:3b:00.1: VF 8 failed opcode 10, retval: -1',
    'kernel.vf-virtchnl-op-failed',
  );
  assert.match(pf.explanation.cause, /MAC filter change/);
  const vlan = onlyFinding(
    'i40e 0000:3b:00.1: VF 3 failed opcode 12, retval: -5',
    'kernel.vf-virtchnl-op-failed',
  );
  assert.match(vlan.explanation.cause, /port VLAN/);
  const disabled = onlyFinding(
    'i40e 0000:3b:00.1: Number of invalid messages exceeded for VF 8',
    'kernel.vf-virtchnl-op-failed',
  );
  assert.equal(disabled.explanation.severity, 'error');
  const vf = onlyFinding(
    'iavf 0000:06:00.0: PF returned error -5 (IAVF_ERR_PARAM) to our request 14',
    'kernel.iavf-pf-refused-request',
  );
  assert.match(vf.explanation.cause, /promiscuous/);
  const unsupported = onlyFinding(
    'iavf 0000:ec:01.1: PF returned error -64 (IAVF_NOT_SUPPORTED) to our request 51',
    'kernel.iavf-pf-refused-request',
  );
  assert.equal(unsupported.explanation.severity, 'info');
});

test('untrusted VF: promisc ignored, extra MACs refused; trust on is the fix', () => {
  const promisc = onlyFinding(
    'ice 0000:3b:00.0: Unprivileged VF 2 is attempting to configure promiscuous mode',
    'kernel.vf-untrusted-refused',
  );
  assert.match(promisc.explanation.fix, /trust on/);
  const mac = onlyFinding(
    'i40e 0000:3b:00.1: VF is not trusted, switch the VF to trusted to add more functionality',
    'kernel.vf-untrusted-refused',
  );
  assert.match(mac.explanation.title, /more MAC addresses/);
});

test('MDD: an event is a warning, a disabled VF an error', () => {
  const id = 'kernel.nic-vf-mdd-event';
  const ev = onlyFinding(
    'ice 0000:17:00.0: Malicious Driver Detection event 2 on TX queue 12 PF# 0 VF# 3',
    id,
  );
  assert.equal(ev.explanation.severity, 'warning');
  assert.match(ev.explanation.cause, /DPDK application/);
  const off = onlyFinding('i40e 0000:3d:00.0: Too many MDD events on VF 1, disabled', id);
  assert.equal(off.explanation.severity, 'error');
});

test('NVM API: newer minor is info, older a warning, newer major stops the driver', () => {
  const id = 'kernel.nic-nvm-api-mismatch';
  const newer = onlyFinding(
    'ice 0000:17:00.0: The driver for the device detected a newer version (1.7) of the NVM image than expected (1.5). Please install the most recent version of the network driver.',
    id,
  );
  assert.equal(newer.explanation.severity, 'info');
  const older = onlyFinding(
    'i40e 0000:3d:00.0: The driver for the device detected an older version of the NVM image v1.5 than expected v1.7. Please update the NVM image.',
    id,
  );
  assert.equal(older.explanation.severity, 'warning');
  assert.match(older.explanation.fix, /nvmupdate/);
  const stopped = onlyFinding(
    'i40e 0000:3d:00.0: The driver for the device stopped because the NVM image v2.1 is newer than expected v1.15. You must install the most recent version of the network driver.',
    id,
  );
  assert.equal(stopped.explanation.severity, 'error');
});

test('VF creation refusals: ice resources, bnxt rings (partial enable reads the numbers), i40e busy', () => {
  const ice = onlyFinding(
    'ice 0000:17:00.0: Not enough resources for 128 VFs, err -28. Try with fewer number of VFs',
    'kernel.ice-vf-resources-short',
  );
  assert.match(ice.explanation.fix, /ethtool -L/);
  const bnxt = onlyFinding(
    'bnxt_en 0000:3b:00.0 ens1f0np0: Requested VFs 64, can enable 32',
    'kernel.bnxt-vf-resources-short',
  );
  assert.equal(bnxt.explanation.severity, 'warning');
  assert.match(bnxt.explanation.cause, /only 32 of the 64/);
  const busy = onlyFinding(
    'i40e 0000:3b:00.0: Unable to configure VFs, other operation is pending.',
    'kernel.i40e-vf-op-pending',
  );
  assert.match(busy.explanation.cause, /EAGAIN/);
});

test('VF resets and missing VF MACs are harmless notices', () => {
  const reset = onlyFinding(
    'iavf 0000:ec:01.1: Reset indication received from the PF',
    'kernel.vf-reset-notice',
  );
  assert.equal(reset.explanation.severity, 'info');
  assert.match(reset.explanation.cause, /Reset never finished/);
  const mac = onlyFinding(
    'ixgbe 0000:01:00.1: VF 0 has no MAC address assigned, you may have to assign one manually',
    'kernel.ixgbe-vf-no-mac',
  );
  assert.equal(mac.explanation.severity, 'info');
  assert.match(mac.explanation.fix, /vf <N> mac/);
});

test('i40e/ice SR-IOV enable: ENOMEM is MMIO/bus space, a VF cap reads its numbers', () => {
  const id = 'kernel.intel-sriov-enable-failed';
  const mem = onlyFinding('i40e 0000:3b:00.0: Failed to enable SR-IOV: -12', id);
  assert.match(mem.explanation.cause, /MMIO window/);
  assert.match(mem.explanation.fix, /pci=realloc/);
  const cap = onlyFinding("ice 0000:17:00.0: Can't enable 300 VFs, max VFs supported is 256", id);
  assert.match(cap.explanation.cause, /at most 256 VFs/);
  const ice = onlyFinding(
    'ice 0000:3b:00.0: Invalid message from VF 0, opcode 3, len 4, error -1',
    'kernel.vf-virtchnl-op-failed',
  );
  assert.match(ice.explanation.cause, /resetting/);
});

test('mbuf pool and SPDK core locks: the socket and the core are read', () => {
  const pool = onlyFinding(
    '  Cause: Creation of mbuf pool for socket 1 failed: Cannot allocate memory',
    'dpdk.mbuf-pool-failed',
  );
  assert.match(pool.explanation.cause, /NUMA socket 1/);
  const core = onlyFinding(
    'app.c: 771:claim_cpu_cores: *ERROR*: Cannot create lock on core 2, probably process 348915 has claimed it.',
    'spdk.core-lock-claimed',
  );
  assert.match(core.explanation.fix, /--disable-cpumask-locks/);
});
