// Families first seen among the misses of a read held-out set (read-set-misses-sweep.ts, and the
// mended entries of other files): the facts in each message change the explanation as the
// producing source says they should. Expected causes come from the sources cited in the entries:
// drivers/pci/pci.c pci_bridge_secondary_bus_reset() (the %pS caller names the reset path),
// pciutils ls-caps.c cap_msi() with arch/x86's MSI domain flags (multi-MSI only under interrupt
// remapping), drivers/bus/mhi/host/pm.c mhi_ready_state_transition(), NVIDIA's legacy GPU list
// (which generation each legacy branch serves), i40e_virtchnl_pf.c (EAGAIN while a VF resets) and
// QEMU's vfio_legacy_attach_device() ("device is already attached").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const found = onlyFinding;

/** The explanation after the entry's refine() saw the message's facts. */
const only = (text: string, id: string) => found(text, id).explanation;

const explained = (e: { title: string; cause: string; fix: string }) => `${e.title} ${e.cause} ${e.fix}`;

test('an unlocked bus reset: the caller after "via:" names the path and its fix', () => {
  const vfio = only(
    '[  242.271584] pcieport 0000:00:00.0: unlocked secondary bus reset via: pci_reset_bus_function+0x188/0x1b8',
    'kernel.pci-unlocked-bus-reset',
  );
  assert.match(vfio.cause, /vfio_pci_core_disable/);
  assert.match(vfio.fix, /7\.0/);
  const slot = only(
    'pcieport 0000:e2:05.0: unlocked secondary bus reset via: pciehp_reset_slot+0x55/0xa0',
    'kernel.pci-unlocked-bus-reset',
  );
  assert.match(slot.cause, /pci_slot_lock/);
  assert.match(slot.fix, /1f5e57c622b4/);
  // The symbol wrapped onto the next line: still the warning, with the general cause.
  const bare = only(
    'pcieport 0000:00:00.0: unlocked secondary bus reset via:',
    'kernel.pci-unlocked-bus-reset',
  );
  assert.match(bare.cause, /7e89efc6e9e4/);
  for (const f of [vfio, slot, bare]) assert.equal(f.severity, 'warning');
});

test('one MSI vector of several: harmless, and the cause names interrupt remapping', () => {
  const f = only(
    '\tCapabilities: [50] MSI: Enable+ Count=1/8 Maskable+ 64bit+',
    'pciutils.msi-single-vector',
  );
  assert.equal(f.severity, 'info');
  assert.match(f.cause, /up to 8 MSI vectors/);
  assert.match(f.cause, /interrupt.remapping/);
  assert.match(f.fix, /intremap=on/);
  // All vectors granted, one of one, or MSI off: nothing to explain.
  for (const line of [
    'Capabilities: [50] MSI: Enable+ Count=8/8 Maskable+ 64bit+',
    'Capabilities: [50] MSI: Enable+ Count=1/1 Maskable- 64bit+',
    'Capabilities: [50] MSI: Enable- Count=1/32 Maskable+ 64bit+',
  ])
    assert.equal(
      diagnoseText(line).findings.filter((x) => x.entry.id === 'pciutils.msi-single-vector').length,
      0,
      line,
    );
});

test('an MHI device that never gets ready: a reset it lacks, whichever step timed out', () => {
  const ready = only('[   24.024165] mhi mhi0: Device failed to enter MHI Ready', 'kernel.mhi-not-ready');
  assert.match(ready.cause, /FLR/);
  assert.match(ready.fix, /reset_method/);
  const reset = only('[  373.442954] mhi mhi0: Device failed to clear MHI Reset', 'kernel.mhi-not-ready');
  assert.match(reset.cause, /never cleared it/);
  assert.match(reset.fix, /reset_method/);
});

test('the NVIDIA legacy notice: the branch named says which generation and what to install', () => {
  const pascal = only(
    'NVRM:  supported through the NVIDIA 580.xx Legacy drivers. Please',
    'kernel.nvidia-legacy-gpu',
  );
  assert.match(pascal.cause, /Pascal/);
  assert.match(pascal.cause, /590/);
  assert.match(pascal.fix, /580\.xx/);
  const kepler = only(
    '(WW) NVIDIA(0):     supported through the NVIDIA 470.xx Legacy drivers. Please',
    'kernel.nvidia-legacy-gpu',
  );
  assert.match(kepler.cause, /Kepler/);
  const old = only(
    'NVRM:  supported through the NVIDIA 173.14.xx Legacy drivers. Please',
    'kernel.nvidia-legacy-gpu',
  );
  assert.match(old.fix, /173\.14\.xx/);
  assert.doesNotMatch(old.cause, /Kepler|Pascal|Fermi/);
});

test('a VF MAC refused with EAGAIN: the VF was still resetting', () => {
  const f = only(
    'error: Cannot set interface MAC/vlanid to 52:54:00:b4:aa:bb/0 for ifname enp2s0f0 vf 0: Resource temporarily unavailable',
    'libvirt.vf-mac-vlan-failed',
  );
  assert.match(f.cause, /still in reset/);
  assert.match(f.fix, /start the VM again/);
});

test('messages as posts retype them: a bare QEMU error, a capitalised group, a reworded webhook', () => {
  assert.match(
    explained(only('device is already attached', 'qemu.device-already-attached')),
    /assigned twice/,
  );
  // Only the bare line alone: inside other text it is not QEMU's.
  assert.equal(
    diagnoseText('usb 1-1: device is already attached to another hub').findings.filter(
      (x) => x.entry.id === 'qemu.device-already-attached',
    ).length,
    0,
  );
  assert.equal(
    found('Group 14 is not viable, Please ensure all devices', 'qemu.group-not-viable').facts.group,
    '14',
  );
  assert.match(
    only(
      'admission webhook "pcidevices.harvesterhci.io" denied the request: pci device node1-000901000 has no iommuGroup available',
      'mgmt.harvester-no-iommu-group',
    ).cause,
    /IOMMU/,
  );
});

test('ENOMEM from a DMA map names the memlock limit and, beside it, hugepages the kernel will not pin', () => {
  const e = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:07:00.0: vfio 0000:07:00.0: failed to setup container for group 9: memory listener initialization failed: Region pc.ram: vfio_dma_map(0x55d21366be70, 0x0, 0x80000000, 0x7fae00000000) = -12 (Cannot allocate memory)',
    'qemu.dma-map-failed',
  );
  assert.match(e.cause, /RLIMIT_MEMLOCK/);
  assert.match(e.cause, /hugetlb_cma/);
  assert.match(e.fix, /hugepagesz=1G/);
  // Another errno keeps its own cause.
  const inval = only(
    'qemu-system-x86_64: vfio_container_dma_map(0x5555685b7190, 0xe0e00000000, 0x10000000, 0x714d50000000) = -22 (Invalid argument)',
    'qemu.dma-map-failed',
  );
  assert.doesNotMatch(inval.cause, /hugetlb_cma/);
});

test('no reset mechanism: the April 2025 stable regression is named; EBUSY on a group names privileged pods', () => {
  const r = only(
    'qemu-system-x86_64: vfio: Cannot reset device 0000:0b:00.1, no available reset mechanism.',
    'qemu.no-reset-mechanism',
  );
  assert.match(r.cause, /479380efe162/);
  assert.match(r.cause, /pci_bus_resettable/);
  const busy = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:81:10.0: vfio 0000:81:10.0: failed to open /dev/vfio/61: Device or resource busy',
    'qemu.group-open-failed',
  );
  assert.match(busy.cause, /one process at a time/);
  assert.match(busy.fix, /privileged_without_host_devices/);
});
