// The drivers/pci/ tree sweep (catalogue/pci-tree-sweep.ts): the facts in a message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: drivers/pci/pcie/aspm.c (__pci_disable_link_state() refuses with -EPERM when
// aspm_disabled is set, which pcie_no_aspm() sets for the FADT flag unless pcie_aspm=force;
// __pci_enable_link_state() refuses the same way; pcie_aspm_disable() handles "off" and "force";
// pcie_aspm_configure_common_clock() restores the old CCC bits when the retrain fails),
// drivers/pci/pci-acpi.c acpi_pci_init() (ACPI_FADT_NO_MSI calls pci_no_msi()),
// drivers/pci/msi/msi.c (__pci_enable_msi_range() refuses while msix_enabled, and
// __pci_enable_msix_range() while msi_enabled), drivers/pci/pcie/edr.c edr_handle_event() (only
// ACPI_NOTIFY_DISCONNECT_RECOVER, 0xf, is acted on; a port without DPC or without a DPC trigger
// gets _OST failure and no recovery) and drivers/pci/doe.c (the mailbox is left unused when its
// Abort or protocol discovery fails; "busy" means another entity uses the mailbox).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PCI_TREE_ALSO,
  PCI_TREE_ENTRIES,
  PCI_TREE_LEFT_OUT,
} from '../../src/readiness/diagnose/catalogue/pci-tree-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('pci tree sweep: every entry is registered, safe, and reads the facts its examples name', () => {
  const n = checkSweepEntries(PCI_TREE_ENTRIES, ['kernel.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id}: ${k} in ${ex.text}`);
  });
  assert.equal(n, PCI_TREE_ENTRIES.length);
});

test('pci tree sweep: each ALSO text is recognised by the entry it names and only by it', () => {
  for (const a of PCI_TREE_ALSO) {
    const ids = diagnoseText(a.text).findings.map((f) => f.entry.id);
    assert.deepEqual(ids, [a.id], a.text);
  }
  assert.ok(
    PCI_TREE_LEFT_OUT.every((l) => l.why.length > 10 && l.file.startsWith('torvalds/linux drivers/pci/')),
  );
});

test('ASPM: a refused disable is harmless; pcie_aspm=force is a warning; a failed common-clock retrain says the old setting was restored', () => {
  const refused = onlyFinding(
    "r8169 0000:02:00.0: can't disable ASPM; OS doesn't have ASPM control",
    'kernel.pcie-aspm-no-control',
  );
  assert.equal(refused.explanation.severity, 'info');
  assert.equal(refused.facts.logDriver, 'r8169');
  assert.match(refused.explanation.cause, /FADT/);
  assert.match(refused.explanation.fix, /firmware setup/);

  const enable = onlyFinding(
    // __pci_enable_link_state() is reached through pci_enable_link_state(), called by the vmd
    // quirk for the devices below a VMD domain (reported as "pci 10000:e1:00.0: ...").
    "pci 10000:e1:00.0: can't override BIOS ASPM; OS doesn't have ASPM control",
    'kernel.pcie-aspm-no-control',
  );
  assert.match(enable.explanation.cause, /allow more ASPM/);
  assert.match(enable.explanation.cause, /VMD/);
  assert.match(enable.explanation.cause, /EPERM/);
  assert.notEqual(enable.explanation.cause, refused.explanation.cause);

  const force = onlyFinding('[    0.020926] PCIe ASPM is forcibly enabled', 'kernel.pcie-aspm-no-control');
  assert.equal(force.explanation.severity, 'warning');
  assert.match(force.explanation.fix, /remove pcie_aspm=force/);

  const off = onlyFinding('[    0.035200] PCIe ASPM is disabled', 'kernel.pcie-aspm-no-control');
  assert.equal(off.explanation.severity, 'info');
  assert.match(off.explanation.title, /pcie_aspm=off/);

  const fadt = onlyFinding(
    "ACPI FADT declares the system doesn't support PCIe ASPM, so disable it",
    'kernel.pcie-aspm-no-control',
  );
  assert.match(fadt.explanation.cause, /FADT sets/);

  const ccc = onlyFinding(
    'pcieport 0000:00:1c.4: ASPM: Could not configure common clock',
    'kernel.pcie-aspm-no-control',
  );
  assert.equal(ccc.explanation.severity, 'warning');
  assert.match(ccc.explanation.cause, /written back/);

  // aspm.c prints the inconsistent-CCC line before reconfiguring: routine, left out.
  assert.equal(
    diagnoseText(
      'pcieport 0000:00:1c.0: ASPM: current common clock configuration is inconsistent, reconfiguring',
    ).findings.length,
    0,
  );
});

test('FADT without MSI: every device falls back to INTx, and vfio-pci cannot give a guest MSI', () => {
  const f = onlyFinding(
    "ACPI FADT declares the system doesn't support MSI, so disable it",
    'kernel.acpi-fadt-no-msi',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /pci_no_msi\(\)/);
  assert.match(f.explanation.cause, /vfio-pci cannot enable MSI/);
  // QEMU hw/vfio/pci.c vfio_msi_enable(): on failure it error_report()s "Failed to enable MSI",
  // leaves interrupts disabled and hopes the guest falls back to INTx; the guest gets no error.
  assert.match(f.explanation.cause, /Failed to enable MSI/);
  assert.doesNotMatch(f.explanation.cause, /gets an error from QEMU/);
});

test('MSI mode conflict: the mode asked for and the mode active are read, and the title follows them', () => {
  const msi = onlyFinding(
    "nvme 0000:03:00.0: can't enable MSI (MSI-X already enabled)",
    'kernel.pci-msi-mode-conflict',
  );
  assert.equal(msi.facts.mode, 'MSI');
  assert.equal(msi.facts.active, 'MSI-X');
  assert.match(msi.explanation.title, /asked for MSI while the device already had MSI-X on/);
  const msix = onlyFinding(
    "mlx5_core 0000:5e:00.2: can't enable MSI-X (MSI already enabled)",
    'kernel.pci-msi-mode-conflict',
  );
  assert.equal(msix.facts.mode, 'MSI-X');
  assert.match(msix.explanation.title, /asked for MSI-X while the device already had MSI on/);
});

test('EDR: 0xf starts recovery, another event is ignored, a port without DPC means no recovery', () => {
  const recover = onlyFinding('pcieport 0000:00:1d.0: EDR: ACPI event 0xf received', 'kernel.pcie-edr-event');
  assert.equal(recover.explanation.severity, 'warning');
  assert.equal(recover.device, '0000:00:1d.0');
  // QEMU hw/vfio/pci.c vfio_err_notifier_handler(): error_report("... Unrecoverable error detected ...")
  // then vm_stop(RUN_STATE_INTERNAL_ERROR): the VM is paused, not shut down.
  assert.match(recover.explanation.cause, /pauses the whole VM/);
  assert.match(recover.explanation.cause, /internal-error/);
  assert.doesNotMatch(recover.explanation.cause, /QEMU stops that VM/);

  const other = onlyFinding('pcieport 0000:00:07.0: EDR: ACPI event 0x1 received', 'kernel.pcie-edr-event');
  assert.equal(other.explanation.severity, 'info');
  assert.match(other.explanation.cause, /0x1 is some other notification/);

  const nodpc = onlyFinding(
    "pcieport 0000:00:1d.0: EDR: [Firmware Bug]: This device doesn't support DPC",
    'kernel.pcie-edr-event',
  );
  assert.equal(nodpc.explanation.severity, 'error');
  assert.match(nodpc.explanation.cause, /no DPC capability/);
  assert.match(nodpc.explanation.cause, /No recovery is run/);

  const trigger = onlyFinding(
    'pcieport 0000:00:1d.0: EDR: Invalid DPC trigger 0x00000000',
    'kernel.pcie-edr-event',
  );
  assert.match(trigger.explanation.cause, /not in DPC containment/);

  const setup = onlyFinding(
    'pcieport 0000:00:1c.0: EDR: Enable DPC _DSM failed to enable DPC',
    'kernel.pcie-edr-event',
  );
  assert.equal(setup.explanation.severity, 'warning');
  assert.match(setup.explanation.title, /could not be set up/);
});

test('DOE: a failed mailbox is harmless for passthrough; the errno is read; busy means a second user', () => {
  const reset = onlyFinding(
    'pci 0000:01:00.0: DOE: [160] failed to reset mailbox with abort command : -5',
    'kernel.pci-doe-mailbox-failed',
  );
  assert.equal(reset.explanation.severity, 'info');
  assert.equal(reset.facts.errno, 'EIO');
  assert.equal(reset.facts.offset, '160');
  assert.match(reset.explanation.title, /harmless/);
  const created = onlyFinding(
    'pci 0000:01:00.0: DOE: [160] failed to create mailbox: -5',
    'kernel.pci-doe-mailbox-failed',
  );
  assert.equal(created.facts.problem, 'failed to create mailbox');
  const busy = onlyFinding(
    'pci 0000:0d:00.0: DOE: [150] busy detected; another entity is sending conflicting requests',
    'kernel.pci-doe-mailbox-failed',
  );
  assert.match(busy.explanation.cause, /something other than this kernel/);
  assert.notEqual(busy.explanation.cause, reset.explanation.cause);
  // Newer doe.c calls protocols "features": "[%x] failed to cache features : %d" and
  // "[%x] expected [VID, Feature] = ...".
  const features = onlyFinding(
    'pci 0000:01:00.0: DOE: [160] failed to cache features : -5',
    'kernel.pci-doe-mailbox-failed',
  );
  assert.equal(features.facts.offset, '160');
  assert.equal(features.explanation.severity, 'info');
  const vid = onlyFinding(
    'pci 0000:0d:00.0: DOE: [150] expected [VID, Feature] = [0001, 00], got [1e98, 02]',
    'kernel.pci-doe-mailbox-failed',
  );
  assert.match(vid.explanation.cause, /another protocol/);
});

test('recovery reset: a failed subordinate reset is an error; a slow link-down during DPC is only a warning', () => {
  // err.c pcie_do_recovery(): reset_subordinates() != RECOVERED -> "subordinate device reset failed", goto failed.
  const failed = onlyFinding(
    'pcieport 0000:00:1c.0: AER: subordinate device reset failed',
    'kernel.pcie-recovery-reset-failed',
  );
  assert.equal(failed.explanation.severity, 'error');
  assert.match(failed.explanation.cause, /device recovery failed/);
  // dpc.c dpc_wait_rp_inactive(): RP Busy still set after HZ -> -EBUSY -> PCI_ERS_RESULT_DISCONNECT.
  const busy = onlyFinding(
    'pcieport 0000:00:1c.0: DPC: root port still busy',
    'kernel.pcie-recovery-reset-failed',
  );
  assert.match(busy.explanation.cause, /RP Busy/);
  const old = onlyFinding(
    'dpc 0000:00:1c.0:pcie010: DPC root port still busy',
    'kernel.pcie-recovery-reset-failed',
  );
  assert.equal(old.explanation.cause, busy.explanation.cause);
  // dpc.c dpc_reset_link(): pcie_wait_for_link(pdev, false) failing only logs with pci_info and continues.
  const slow = onlyFinding(
    'pcieport 0000:00:1c.0: DPC: Data Link Layer Link Active not cleared in 1000 msec',
    'kernel.pcie-recovery-reset-failed',
  );
  assert.equal(slow.explanation.severity, 'warning');
  assert.equal(slow.facts.ms, '1000');
  assert.match(slow.explanation.cause, /carries on/);
});

test('DPC RP PIO: the request kind and how it failed are read, and the cause follows them', () => {
  // dpc.c rp_pio_error_string[]: bit 18 is "Memory Request Completion Timeout", bit 0 "Configuration Request received UR Completion".
  const mem = onlyFinding(
    'pcieport 0000:00:1c.0: DPC: [18] Memory Request Completion Timeout (First)',
    'kernel.dpc-rp-pio-error',
  );
  assert.equal(mem.facts.kind, 'Memory');
  assert.equal(mem.facts.bit, '18');
  assert.match(mem.explanation.cause, /MMIO/);
  assert.match(mem.explanation.cause, /no completion at all/);
  assert.match(mem.explanation.cause, /First/);
  const cfg = onlyFinding(
    'pcieport 0000:00:1c.0: DPC: [ 0] Configuration Request received UR Completion',
    'kernel.dpc-rp-pio-error',
  );
  assert.equal(cfg.facts.completion, 'UR');
  assert.match(cfg.explanation.cause, /config-space access/);
  assert.match(cfg.explanation.cause, /Unsupported Request/);
  assert.doesNotMatch(cfg.explanation.cause, /First/);
  const status = onlyFinding(
    'pcieport 0000:00:1c.0: DPC: rp_pio_status: 0x00040000, rp_pio_mask: 0x00000000',
    'kernel.dpc-rp-pio-error',
  );
  assert.equal(status.facts.status, '0x00040000');
  assert.doesNotMatch(status.explanation.cause, /Unsupported Request|no completion at all/);
  // An AER "TLP Header" line is not a DPC detail line.
  assert.equal(
    diagnoseText(
      'pcieport 0000:00:1c.0: AER:   TLP Header: 0x00000001 0x0000000f 0xe0000000 0x00000000',
    ).findings.filter((f) => f.entry.id === 'kernel.dpc-rp-pio-error').length,
    0,
  );
});

test('pciehp: a power fault is an error; a failed add names the bus or the empty scan', () => {
  // pciehp_hpc.c pciehp_ist(): PCI_EXP_SLTSTA_PFD -> ctrl_err "Slot(%s): Power fault".
  const fault = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): Power fault',
    'kernel.pciehp-power-fault',
  );
  assert.equal(fault.explanation.severity, 'error');
  assert.equal(fault.facts.slot, '1');
  // pciehp_ctrl.c board_added(): pciehp_configure_device() failing (not -EEXIST) -> "Cannot add device at %04x:%02x:00".
  const add = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Cannot add device at 0000:02:00',
    'kernel.pciehp-add-failed',
  );
  assert.equal(add.facts.bus, '0000:02');
  assert.doesNotMatch(add.explanation.cause, /found no device at function 0/);
  // pciehp_pci.c pciehp_configure_device(): no device at devfn 0 after pci_scan_slot() -> "No new device found".
  const none = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): No new device found',
    'kernel.pciehp-add-failed',
  );
  assert.match(none.explanation.cause, /found no device at function 0/);
});

test('pciehp slot power requests: already on/off is harmless, an open latch blocks power-on', () => {
  // pciehp_ctrl.c __pciehp_enable_slot(): power already on -> "Already enabled", returns 0.
  const on = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): Already enabled',
    'kernel.pciehp-slot-state',
  );
  assert.equal(on.explanation.severity, 'info');
  assert.match(on.explanation.title, /already was on/);
  // pciehp_sysfs_disable_slot() in OFF_STATE -> "Already disabled" (-EINVAL from __pciehp_disable_slot()).
  const off = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): Already disabled',
    'kernel.pciehp-slot-state',
  );
  assert.match(off.explanation.title, /already was off/);
  assert.match(off.explanation.cause, /EINVAL/);
  const busy = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): Already in powering on state',
    'kernel.pciehp-slot-state',
  );
  assert.match(busy.explanation.title, /already doing so/);
  // __pciehp_enable_slot(): MRL sensor reports open -> "Latch open", -ENODEV.
  const latch = onlyFinding('pcieport 0000:00:1c.0: pciehp: Slot(1): Latch open', 'kernel.pciehp-slot-state');
  assert.equal(latch.explanation.severity, 'warning');
  assert.match(latch.explanation.cause, /ENODEV/);
  const invalid = onlyFinding(
    'pcieport 0000:00:1c.0: pciehp: Slot(1): Invalid state 0x4',
    'kernel.pciehp-slot-state',
  );
  assert.equal(invalid.facts.state, '0x4');
  assert.match(invalid.explanation.cause, /0x4/);
});

test('MPS: matching the port is harmless; a refused size or an impossible read-back is a warning', () => {
  // probe.c pci_configure_mps(): pcie_set_mps(dev, p_mps) succeeded -> pci_info "Max Payload Size set to".
  const set = onlyFinding(
    'pci 0000:01:00.0: Max Payload Size set to 256 (was 128, max 256)',
    'kernel.pci-mps-configured',
  );
  assert.equal(set.explanation.severity, 'info');
  assert.equal(set.facts.was, '128');
  // Root port lowered to the device's maximum first.
  const up = onlyFinding(
    "pci 0000:01:00.0: Upstream bridge's Max Payload Size set to 128 (was 256, max 256)",
    'kernel.pci-mps-configured',
  );
  assert.match(up.explanation.cause, /lowered the root port to 128 bytes/);
  // pcie_set_mps() failed -> pci_warn "can't set Max Payload Size to %d".
  const refused = onlyFinding(
    'pci 0000:03:00.0: can\'t set Max Payload Size to 512; if necessary, use "pci=pcie_bus_safe" and report a bug',
    'kernel.pci-mps-configured',
  );
  assert.equal(refused.explanation.severity, 'warning');
  assert.match(refused.explanation.cause, /512-byte payloads/);
  // A DEVCTL read-back of 16384 is not a valid MPS encoding result (max 4096).
  const bogus = onlyFinding(
    "pci 0000:01:00.0: Upstream bridge's Max Payload Size set to 256 (was 16384, max 512)",
    'kernel.pci-mps-configured',
  );
  assert.equal(bogus.explanation.severity, 'warning');
  assert.match(bogus.explanation.cause, /16384 bytes/);
  // pcie_bus_configure_set() form carries the read request size.
  const tuned = onlyFinding(
    'pci 0000:01:00.0: Max Payload Size set to  256/ 512 (was  128), Max Read Rq  512',
    'kernel.pci-mps-configured',
  );
  assert.equal(tuned.facts.mrrs, '512');
  assert.match(tuned.explanation.cause, /pcie_bus_/);
});

test('link speed restriction: lifting the 2.5GT/s cap is harmless and is not the failed-retrain entry', () => {
  // quirks.c pcie_failed_link_retrain(): link up with TLS at 2.5GT/s -> restore LNKCAP speed and retrain.
  const lifted = onlyFinding(
    'pcieport 0000:00:01.0: removing 2.5GT/s downstream link speed restriction',
    'kernel.pci-link-speed-restriction-removed',
  );
  assert.equal(lifted.explanation.severity, 'info');
  assert.match(lifted.explanation.cause, /retraining failed/);
  assert.deepEqual(
    diagnoseText('pcieport 0000:00:01.0: retraining failed').findings.map((f) => f.entry.id),
    ['kernel.pci-link-retrain'],
  );
});

test('firmware-first AER: the layer and agent are read; the severity register marks an uncorrectable error', () => {
  // aer.c cper_print_aer(): "aer_uncor_severity" is printed only when aer_severity != AER_CORRECTABLE.
  const sev = onlyFinding(
    'igb 0000:09:00.1: AER: aer_uncor_severity: 0x00062011',
    'kernel.aer-firmware-first-report',
  );
  assert.equal(sev.explanation.severity, 'error');
  assert.match(sev.explanation.title, /uncorrectable/i);
  const status = onlyFinding(
    'pcieport 0000:60:03.1: AER: aer_status: 0x00001000, aer_mask: 0x00006000',
    'kernel.aer-firmware-first-report',
  );
  assert.equal(status.explanation.severity, 'warning');
  assert.equal(status.facts.mask, '0x00006000');
  // aer_error_layer[]: Physical / Data Link / Transaction; aer_agent_string[]: Receiver/Requester/Completer/Transmitter ID.
  const dll = onlyFinding(
    'pcieport 0000:60:03.1: AER: aer_layer=Data Link Layer, aer_agent=Transmitter ID',
    'kernel.aer-firmware-first-report',
  );
  assert.equal(dll.facts.agent, 'Transmitter ID');
  assert.match(dll.explanation.cause, /retransmitting/);
  const tl = onlyFinding(
    'igb 0000:09:00.1: AER: aer_layer=Transaction Layer, aer_agent=Requester ID',
    'kernel.aer-firmware-first-report',
  );
  assert.match(tl.explanation.cause, /not from the wire/);
  assert.notEqual(tl.explanation.cause, dll.explanation.cause);
});

test('enumeration wait: ready after a short retry is harmless; many seconds says the reset is slow', () => {
  // probe.c pci_bus_wait_rrs(): prints "ready after %dms" only when delay reached 1000 ms.
  const quick = onlyFinding('pci 0000:0c:00.0: ready after 2047ms', 'kernel.enum-ready-after');
  assert.equal(quick.explanation.severity, 'info');
  assert.equal(quick.facts.ms, '2047');
  assert.equal(quick.device, '0000:0c:00.0');
  assert.doesNotMatch(quick.explanation.cause, /very long/);
  const slow = onlyFinding('pci 0000:41:00.0: ready after 16383ms', 'kernel.enum-ready-after');
  assert.match(slow.explanation.cause, /16383 ms/);
  assert.match(slow.explanation.cause, /very long/);
  // Not the reset-path wording of pci.c pci_dev_wait() ("ready %dms after %s").
  assert.equal(
    diagnoseText('vfio-pci 0000:0c:00.0: ready 1023ms after FLR').findings.some(
      (f) => f.entry.id === 'kernel.enum-ready-after',
    ),
    false,
  );
});

test('probe.c: an unknown NUMA node names the bus; a refused MRRS is the harmless retry of pcie_write_mrrs()', () => {
  // probe.c pci_register_host_bridge(): nr_node_ids > 1 && pcibus_to_node(bus) == NUMA_NO_NODE.
  const numa = onlyFinding(
    'pci_bus 0000:00: Unknown NUMA node; performance will be reduced',
    'kernel.pci-unknown-numa-node',
  );
  assert.equal(numa.facts.bus, '0000:00');
  assert.match(numa.explanation.cause, /numa_node in sysfs reads -1/);
  // probe.c pcie_write_mrrs(): pcie_set_readrq() failed -> warn, mrrs /= 2, loop.
  const mrrs = onlyFinding(
    'pci 0000:03:00.0: Failed attempting to set the MRRS',
    'kernel.pci-mps-configured',
  );
  assert.match(mrrs.explanation.title, /retries with half/);
  assert.match(mrrs.explanation.cause, /halves/);
});

test('hot-added bridge without a bus number is an error; an overlapping bus range is a warning naming the range', () => {
  // probe.c pci_hp_add_bridge(): no free bus number in [start, end] -> pci_err and return -1.
  const none = onlyFinding(
    'pci 0000:04:00.0: No bus number available for hot-added bridge',
    'kernel.pci-hotplug-bridge-no-bus',
  );
  assert.equal(none.explanation.severity, 'error');
  assert.match(none.explanation.fix, /hpbussize/);
  // probe.c pci_bus_insert_busn_res(): request_resource_conflict() found a conflict.
  const overlap = onlyFinding(
    'pci_bus 0000:05: busn_res: can not insert [bus 05-06] under [bus 04-05] (conflicts with (null) [bus 04-05])',
    'kernel.pci-hotplug-bridge-no-bus',
  );
  assert.equal(overlap.explanation.severity, 'warning');
  assert.equal(overlap.facts.range, '[bus 05-06]');
  assert.match(overlap.explanation.cause, /\[bus 05-06\]/);
});

test('optional space: the resource number says whether SR-IOV or a bridge window lost its extra room; success is harmless', () => {
  // include/linux/pci.h: resources 7-12 are the SR-IOV VF BARs, 13-16 the bridge windows (CONFIG_PCI_IOV).
  const vf = onlyFinding(
    'pci 0000:03:00.0: failed to add 200000 res[7]=[mem 0x00000000-0x001fffff 64bit pref]',
    'kernel.pci-resource-expand-failed',
  );
  assert.equal(vf.facts.resno, '7');
  assert.match(vf.explanation.cause, /not enough MMIO resources for SR-IOV/);
  const win = onlyFinding(
    'pci 0000:51:00.0: BAR 15: [mem 0x201c00000000-0x2021ffffffff 64bit pref] (failed to expand by 0x3e00000000)',
    'kernel.pci-resource-expand-failed',
  );
  assert.equal(win.facts.bar, '15');
  assert.match(win.explanation.cause, /parent window had no space left/);
  const named = onlyFinding(
    'pci 0000:00:01.0: bridge window [mem 0xf0200000-0xf04fffff]: failed to expand by 0x800000',
    'kernel.pci-resource-expand-failed',
  );
  assert.equal(named.explanation.cause, win.explanation.cause.replace('0x3e00000000', '0x800000'));
  // setup-res.c pci_reassign_resource(): success -> "reassigned; expanded by".
  const ok = onlyFinding(
    'pci 0000:00:1c.0: bridge window [mem 0xb0000000-0xb0ffffff 64bit pref]: reassigned; expanded by 0x200000',
    'kernel.pci-resource-expand-failed',
  );
  assert.equal(ok.explanation.severity, 'info');
  assert.match(ok.explanation.title, /harmless/);
});

test('GPU function link and D3hot delay quirks: both harmless, and the delay names its milliseconds', () => {
  // quirks.c pci_create_device_link(): device_link_add(consumer, supplier) then pci_info "D0 power state depends on %s".
  const link = onlyFinding(
    'pci 0000:01:00.1: D0 power state depends on 0000:01:00.0',
    'kernel.pci-pm-link-quirk',
  );
  assert.equal(link.explanation.severity, 'info');
  assert.match(link.explanation.title, /audio/);
  // quirks.c quirk_d3hot_delay(): raises dev->d3hot_delay and reports the new value.
  const delay = onlyFinding(
    'pci 0000:04:00.3: extending delay after power-on from D3hot to 20 msec',
    'kernel.pci-pm-link-quirk',
  );
  assert.equal(delay.facts.ms, '20');
  assert.match(delay.explanation.cause, /wait 20 ms/);
  assert.doesNotMatch(delay.explanation.title, /audio/);
});

test('slow PCI fixup: the function and time are read; the USB handoff and a second-long wait get their own cause', () => {
  // quirks.c fixup_debug_report(): printed when duration > 10000 (about 10 ms) with the fixup as %pS.
  const usb = onlyFinding(
    'pci 0000:00:14.0: quirk_usb_early_handoff+0x0/0x790 took 20060 usecs',
    'kernel.pci-fixup-slow',
  );
  assert.equal(usb.facts.func, 'quirk_usb_early_handoff');
  assert.match(usb.explanation.cause, /legacy USB/);
  const long = onlyFinding(
    'pci 0000:01:00.0: quirk_nvidia_hda+0x0/0x150 took 1130521 usecs',
    'kernel.pci-fixup-slow',
  );
  assert.equal(long.facts.us, '1130521');
  assert.match(long.explanation.cause, /over a second/);
  const short = onlyFinding(
    'pci 0000:01:00.0: quirk_nvidia_hda+0x0/0x150 took 12034 usecs',
    'kernel.pci-fixup-slow',
  );
  assert.doesNotMatch(short.explanation.cause, /over a second|legacy USB/);
  // %pS prints a hexadecimal size after the slash: anything else is not this line.
  for (const text of [
    'pci 0000:01:00.0: quirk_nvidia_hda+0x0/0xqq9 took 12034 usecs',
    'pci 0000:01:00.0: quirk_nvidia_hda+0x0/0xGHI took 12034 usecs',
  ])
    assert.ok(!diagnoseText(text).findings.some((f) => f.entry.id === 'kernel.pci-fixup-slow'), text);
});

test('MSI mode conflict: the older wording of the MSI-X refusal reads the same facts', () => {
  // older drivers/pci/msi.c __pci_enable_msix(): "can't enable MSI-X (MSI IRQ already assigned)" when msi_enabled.
  const old = onlyFinding(
    "ixgbe 0000:03:00.0: can't enable MSI-X (MSI IRQ already assigned)",
    'kernel.pci-msi-mode-conflict',
  );
  assert.equal(old.facts.mode, 'MSI-X');
  assert.equal(old.facts.active, 'MSI');
  assert.match(old.explanation.title, /asked for MSI-X while the device already had MSI on/);
});

test('firmware-first recovery: an unknown device is skipped; a full queue is an error storm', () => {
  // aer.c aer_recover_work_func(): pci_get_domain_bus_and_slot() NULL -> "no pci_dev for", continue.
  const gone = onlyFinding('AER: no pci_dev for 0000:03:00.0', 'kernel.aer-recover-no-device');
  assert.equal(gone.facts.addr, '0000:03:00.0');
  assert.match(gone.explanation.cause, /No device with this address/);
  // The 2025 AER rate-limiting rework: pr_err_ratelimited("%04x:%02x:%02x.%x: no pci_dev found").
  const found = onlyFinding('AER: 0000:03:00.0: no pci_dev found', 'kernel.aer-recover-no-device');
  assert.equal(found.facts.addr, '0000:03:00.0');
  assert.match(found.explanation.cause, /No device with this address/);
  // aer.c aer_recover_queue(): kfifo_put() failed -> "buffer overflow in recovery for".
  const storm = onlyFinding(
    'AER: buffer overflow in recovery for 0000:03:00.0',
    'kernel.aer-recover-no-device',
  );
  assert.match(storm.explanation.title, /faster than the kernel could recover/);
  assert.match(storm.explanation.cause, /0000:03:00\.0/);
});
