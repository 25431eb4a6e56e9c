// The Xen passthrough sweep (catalogue/xen-pt-sweep.ts): the facts in a message change the
// explanation the way the producing source says. Expected meanings come from the sources the
// entries cite: qemu/qemu hw/xen/xen_pt.c (xen_pt_realize() refuses host 0000:00:02.0 without
// igd-passthru; xen_pt_pci_config_access_check() refuses offsets >= 0xFF, lengths other than
// 1/2/4 and unaligned accesses; xen_pt_pci_read_config() prints the -errno of the sysfs pread),
// xen_pt_graphics.c (xen_pt_setup_vga(): no VBIOS, or an image whose header does not fit;
// xen_pt_register_vga_regions() maps, xen_pt_unregister_vga_regions() unmaps), xen_pt_load_rom.c
// (the romsize= check), xen_pt_config_init.c (xen_pt_pcie_size_init() accepts only endpoints:
// PCI_EXP_TYPE_ROOT_PORT is 0x4; the group index of xen_pt_emu_reg_grps[]: 11 PCI Express, 12
// MSI-X; xen_pt_msgctrl_reg_write() warns on multi-vector MSI), xen_pt_msi.c (msi_msix_setup()
// maps, msi_msix_update() binds; xen_pt_msix_init() opens /dev/mem), xen-host-pci-device.c (the
// sysfs files opened), torvalds/linux drivers/xen/xen-pciback/pci_stub.c (pcistub_init() parses
// hide=; the AER handlers kill a domain without a frontend and only log for an unassigned
// device), xenbus.c xen_pcibk_export_device() ("Stealing ownership" when another domain is
// recorded), vpci.c (bridges refused, 32 slots), pciback_ops.c xen_pcibk_control_isr() (-16 is
// EBUSY per include/uapi/asm-generic/errno-base.h) and drivers/xen/pci.c xen_pci_notifier()
// ("add" at BUS_NOTIFY_ADD_DEVICE, "delete" at BUS_NOTIFY_DEL_DEVICE).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XEN_PT_ENTRIES } from '../../src/readiness/diagnose/catalogue/xen-pt-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('xen-pt sweep: every entry is registered, plannable and claims its own examples with their facts', () => {
  const n = checkSweepEntries(XEN_PT_ENTRIES, ['kernel.xen-', 'qemu.xen-pt-'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} ${k}: ${ex.text}`);
  });
  assert.equal(n, XEN_PT_ENTRIES.length);
});

test('IGD: 00:02.0 without igd-passthru is refused; a corrupt VBIOS differs from a missing one', () => {
  const igd = onlyFinding(
    "qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:00:02.0: Need to enable igd-passthru if you're trying to passthrough IGD GFX",
    'qemu.xen-pt-igd-passthru-required',
  );
  assert.equal(igd.explanation.severity, 'error');
  assert.match(igd.explanation.fix, /gfx_passthru/);
  const missing = onlyFinding("VGA: Can't get VBIOS", 'qemu.xen-pt-igd-vbios');
  assert.match(missing.explanation.cause, /romfile=|rombar=0/);
  const corrupt = onlyFinding('VGA: VBIOS image corrupt (bad size field)', 'qemu.xen-pt-igd-vbios');
  assert.equal(corrupt.facts.corrupt, 'bad size field');
  assert.match(corrupt.explanation.cause, /bad size field/);
  assert.notEqual(corrupt.explanation.cause, missing.explanation.cause);
});

test('IGD: mapping the legacy VGA ranges fails as an error, unmapping at removal only warns', () => {
  const map = onlyFinding(
    'xen_pt_register_vga_regions: Error: VGA ioport mapping failed! (rc: -1)',
    'qemu.xen-pt-igd-vga-mapping-failed',
  );
  assert.equal(map.facts.space, 'ioport');
  assert.equal(map.explanation.severity, 'error');
  const unmap = onlyFinding(
    'xen_pt_unregister_vga_regions: Error: VGA memory unmapping failed! (rc: -1)',
    'qemu.xen-pt-igd-vga-mapping-failed',
  );
  assert.equal(unmap.facts.op, 'unmapping');
  assert.equal(unmap.explanation.severity, 'warning');
  // rc is libxc's -1, not an errno: no errno fact is derived from it.
  assert.equal(map.facts.errno, undefined);
});

test('config access: beyond 0xFF is the extended space; a bad length or alignment is a different refusal', () => {
  const ext = onlyFinding(
    '[00:05.0] xen_pt_pci_read_config: Error: Failed to access register with offset exceeding 0xFF. (addr: 0x100, len: 4)',
    'qemu.xen-pt-config-access-refused',
  );
  assert.equal(ext.facts.addr, '100');
  assert.match(ext.explanation.cause, /256 bytes/);
  const align = onlyFinding(
    '[00:05.0] xen_pt_pci_write_config: Error: Failed to access register with invalid access size alignment. (addr: 0x41, len: 2)',
    'qemu.xen-pt-config-access-refused',
  );
  assert.match(align.explanation.cause, /aligned/);
  assert.doesNotMatch(align.explanation.cause, /256 bytes/);
});

test('host config I/O: -19 is a device gone, -5 a device not answering', () => {
  const gone = onlyFinding(
    '[00:05.0] xen_pt_pci_read_config: Error: pci_read_block failed. return value: -19.',
    'qemu.xen-pt-host-config-io-failed',
  );
  assert.equal(gone.facts.errno, 'ENODEV');
  assert.match(gone.explanation.cause, /gone from the host/);
  const hung = onlyFinding(
    '[00:06.0] xen_pt_pci_write_config: Error: pci_write_block failed. return value: -5.',
    'qemu.xen-pt-host-config-io-failed',
  );
  assert.equal(hung.facts.op, 'write');
  assert.match(hung.explanation.cause, /does not answer/);
  const realize = onlyFinding(
    'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to read PCI_INTERRUPT_PIN: No such device',
    'qemu.xen-pt-host-config-io-failed',
  );
  assert.equal(realize.facts.reg, 'INTERRUPT_PIN');
  assert.equal(realize.facts.errno, 'ENODEV');
});

test('guest writes QEMU ignores are harmless, except a multi-vector MSI request', () => {
  const bar = onlyFinding(
    '[00:05.0] xen_pt_pci_write_config: Warning: Guest attempt to set address to unused Base Address Register. (addr: 0x18, len: 4)',
    'qemu.xen-pt-guest-write-ignored',
  );
  assert.equal(bar.explanation.severity, 'info');
  assert.match(bar.explanation.title, /harmless/);
  const multi = onlyFinding(
    '[00:05.0] xen_pt_msgctrl_reg_write: Warning: Tries to set more than 1 vector ctrl 85',
    'qemu.xen-pt-guest-write-ignored',
  );
  assert.equal(multi.explanation.severity, 'warning');
  assert.match(multi.explanation.cause, /single MSI vector/);
});

test('config init: the group index and the PCIe port type name the failing capability', () => {
  const pcie = onlyFinding(
    'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to initialize 11/15, type = 0x1, rc: -1',
    'qemu.xen-pt-config-init-failed',
  );
  assert.equal(pcie.facts.grp, '11');
  assert.match(pcie.explanation.cause, /PCI Express capability/);
  const msix = onlyFinding(
    'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to initialize 12/15, type = 0x1, rc: -1',
    'qemu.xen-pt-config-init-failed',
  );
  assert.match(msix.explanation.cause, /MSI-X/);
  const port = onlyFinding(
    '[00:05.0] xen_pt_pcie_size_init: Error: Unsupported device/port type 0x4.',
    'qemu.xen-pt-config-init-failed',
  );
  assert.equal(port.facts.val, '0x4');
  assert.match(port.explanation.title, /port, switch or bridge/);
  const other = onlyFinding(
    'qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Failed to initialize 0/15, type = 0x1, rc: -1',
    'qemu.xen-pt-config-init-failed',
  );
  assert.doesNotMatch(other.explanation.cause, /register group 1[12]/);
});

test('host device open: a missing sysfs file means no such device in the domain running QEMU', () => {
  const absent = onlyFinding(
    "qemu-system-i386: -device xen-pci-passthrough,hostaddr=0000:03:00.0: Could not open '/sys/bus/pci/devices/0000:03:00.0/config': No such file or directory",
    'qemu.xen-pt-host-device-open-failed',
  );
  assert.equal(absent.facts.bdf, '0000:03:00.0');
  assert.equal(absent.facts.attr, 'config');
  assert.match(absent.explanation.cause, /no device with this address/);
});

test('MSI: mapping and binding failures name MSI or MSI-X; an invalid pirq is its own case', () => {
  const map = onlyFinding(
    '[00:05.0] msi_msix_setup: Error: Mapping of MSI-X (rc: 1, vec: 0x31, entry 0)',
    'qemu.xen-pt-msi-setup-failed',
  );
  assert.equal(map.facts.kind, 'MSI-X');
  assert.equal(map.facts.vec, '0x31');
  assert.equal(map.facts.errno, undefined);
  const pirq = onlyFinding(
    '[00:05.0] xen_pt_msi_setup: Error: Invalid pirq number: -1.',
    'qemu.xen-pt-msi-setup-failed',
  );
  assert.match(pirq.explanation.cause, /invalid physical IRQ \(-1\)/);
  assert.doesNotMatch(map.explanation.cause, /invalid physical IRQ/);
});

test('MSI-X: a live-entry update is dropped; a /dev/mem refusal points at lockdown', () => {
  const live = onlyFinding(
    "[00:05.0] pci_msix_write: Error: Can't update msix entry 3 since MSI-X is already enabled.",
    'qemu.xen-pt-msix-entry-update-refused',
  );
  assert.equal(live.facts.entry, '3');
  const eperm = onlyFinding(
    "[00:05.0] xen_pt_msix_init: Error: Can't map physical MSI-X table: Operation not permitted",
    'qemu.xen-pt-msix-table-map-failed',
  );
  assert.equal(eperm.facts.errno, 'EPERM');
  assert.match(eperm.explanation.cause, /lockdown/);
  const enomem = onlyFinding(
    "[00:05.0] xen_pt_msix_init: Error: Can't map physical MSI-X table: Cannot allocate memory",
    'qemu.xen-pt-msix-table-map-failed',
  );
  assert.doesNotMatch(enomem.explanation.cause, /lockdown/);
});

test('teardown: interrupt release failures carry the pin, the IRQ and the errno', () => {
  const intx = onlyFinding(
    '[00:05.0] xen_pt_destroy: Error: unbinding of interrupt INTb failed. (machine irq: 17, err: 3) But bravely continuing on..',
    'qemu.xen-pt-irq-teardown-failed',
  );
  assert.equal(intx.facts.pin, 'b');
  assert.equal(intx.facts.irq, '17');
  assert.equal(intx.facts.errno, 'ESRCH');
  assert.equal(intx.explanation.severity, 'warning');
});

test('option ROM: a ROM larger than romsize= is told apart from an unreadable one', () => {
  const big = onlyFinding(
    'ROM BAR "/sys/bus/pci/devices/0000:01:00.0/rom" (131072 bytes) is too large for ROM size 65536',
    'qemu.xen-pt-rom-load-failed',
  );
  assert.equal(big.facts.romsize, '65536');
  assert.match(big.explanation.cause, /romsize=65536/);
  const unreadable = onlyFinding(
    'pci-assign: Cannot read from host /sys/bus/pci/devices/0000:01:00.0/rom',
    'qemu.xen-pt-rom-load-failed',
  );
  assert.doesNotMatch(unreadable.explanation.cause, /romsize=/);
});

test('pciback: the hide= parser, permissive mode and the export to a domain', () => {
  const parse = onlyFinding(
    'xen_pciback: Error parsing pci_devs_to_hide at "0000:03:00.0,0000:03:00.1"',
    'kernel.xen-pciback-hide-parse-error',
  );
  assert.equal(parse.facts.rest, '0000:03:00.0,0000:03:00.1');
  assert.match(parse.explanation.fix, /\(0000:03:00\.0\)\(0000:03:00\.1\)/);
  const perm = onlyFinding(
    'pciback 0000:03:00.0: enabling permissive mode configuration space accesses!',
    'kernel.xen-pciback-permissive-enabled',
  );
  assert.equal(perm.explanation.severity, 'info');
  const reg = onlyFinding('pciback 0000:03:00.0: registering for 5', 'kernel.xen-pciback-export');
  assert.equal(reg.facts.domid, '5');
  assert.equal(reg.explanation.severity, 'info');
  const steal = onlyFinding(
    'pciback 0000:03:00.0: Stealing ownership from dom3.',
    'kernel.xen-pciback-export',
  );
  assert.equal(steal.explanation.severity, 'warning');
  assert.match(steal.explanation.cause, /domain 3/);
  const slot = onlyFinding(
    'pciback 0000:03:00.1: vpci: assign to virtual slot 2 func 1',
    'kernel.xen-pciback-export',
  );
  assert.match(slot.explanation.cause, /slot 2 function 1/);
});

test('pciback export failures: not held, a bridge, a full virtual bus', () => {
  const held = onlyFinding(
    "xen-pciback pci-5-0: 22 Couldn't locate PCI device (0000:03:00.0)! perhaps already in-use?",
    'kernel.xen-pciback-export-failed',
  );
  assert.equal(held.facts.bdf, '0000:03:00.0');
  assert.match(held.explanation.fix, /pci-assignable-add/);
  const bridge = onlyFinding(
    "xen-pciback pci-7-0: 14 Can't export bridges on the virtual PCI bus",
    'kernel.xen-pciback-export-failed',
  );
  assert.match(bridge.explanation.cause, /bridge/);
  const full = onlyFinding(
    'xen-pciback pci-7-0: 12 No more space on root virtual PCI bus',
    'kernel.xen-pciback-export-failed',
  );
  assert.match(full.explanation.cause, /32 slots/);
});

test('pciback fake IRQ handler: -16 is EBUSY; AER kills an HVM owner but only logs for an unassigned device', () => {
  const irq = onlyFinding(
    'pciback 0000:03:00.0: pciback[0000:03:00.0]: failed to install fake IRQ handler for IRQ 16! (rc:-16)',
    'kernel.xen-pciback-fake-irq-failed',
  );
  assert.equal(irq.facts.errno, 'EBUSY');
  const kill = onlyFinding(
    'pciback 0000:03:00.0: xen-pciback device is not connected or owned by HVM, kill it',
    'kernel.xen-pciback-aer',
  );
  assert.equal(kill.explanation.severity, 'error');
  assert.match(kill.explanation.cause, /aerfail/);
  const idle = onlyFinding(
    'pciback 0000:03:00.0: xen-pciback device is not found/assigned',
    'kernel.xen-pciback-aer',
  );
  assert.equal(idle.explanation.severity, 'warning');
  assert.match(idle.explanation.cause, /no domain has been given/);
});

test('drivers/xen/pci.c: failing to add a device is an error, failing to delete one a warning', () => {
  const add = onlyFinding(
    'pci 0000:03:00.0: Failed to add - passthrough or MSI/MSI-X might fail!',
    'kernel.xen-pci-device-add-failed',
  );
  assert.equal(add.facts.op, 'add');
  assert.equal(add.explanation.severity, 'error');
  const del = onlyFinding(
    'pci 0000:03:10.1: Failed to delete - passthrough or MSI/MSI-X might fail!',
    'kernel.xen-pci-device-add-failed',
  );
  assert.equal(del.explanation.severity, 'warning');
});
