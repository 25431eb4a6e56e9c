// The SR-IOV and Xen passthrough sweep (catalogue/sriov-xen-sweep.ts and the deassign reading of
// xen.hypervisor-assign-failed): the facts in a message change the explanation the way the
// producing source says. Expected causes come from the sources the entries cite:
// drivers/pci/iov.c pci_enable_sriov() (-ENOSYS when the function has no SR-IOV capability set up)
// and sriov_enable() (-ENOMEM for MMIO and bus numbers); the per-NIC SR-IOV switch is the accepted
// answer of the serverfault report the -38 example comes from; xen-pciback conf_space.c (writes
// below 0x40 hit the header pciback virtualises) and the permissive attribute it names;
// pciback_ops.c (pci_enable_msi() errno; -28 answered on xen-devel with extra_guest_irqs=);
// libxl_pci.c pci_add_dm_done() (PHYSDEVOP_map_pirq refused for a PVH dom0, xen-devel); Xen's
// VT-d fault reason table (02 context entry not present, 05/06 PTE write/read not set) and the
// AMD-Vi event flags (I = interrupt request); xen/drivers/passthrough/pci.c deassign_device().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('a PF driver failing pci_enable_sriov(): the errno decides the cause', () => {
  const hidden = onlyFinding(
    'ixgbe 0000:19:00.0 0000:19:00.0 (uninitialized): Failed to enable PCI sriov: -38',
    'kernel.sriov-pf-enable-failed',
  );
  assert.equal(hidden.facts.errno, 'ENOSYS');
  assert.match(hidden.explanation.cause, /per NIC/);
  assert.match(hidden.explanation.fix, /Virtualization Mode/);
  const space = onlyFinding(
    'i40e 0000:02:00.0: Failed to enable PCI sriov: -12',
    'kernel.sriov-pf-enable-failed',
  );
  assert.match(space.explanation.cause, /MMIO space|bus numbers/);
  assert.match(space.explanation.fix, /pci=realloc/);
  const count = onlyFinding(
    'fm10k 0000:01:00.0: Enable PCI SR-IOV failed: -22',
    'kernel.sriov-pf-enable-failed',
  );
  assert.match(count.explanation.cause, /sriov_totalvfs/);
});

test('VFs kept because they are assigned: the lines of three producers are one finding, naming pciback', () => {
  for (const line of [
    'ixgbe 0000:03:00.0: Unloading driver while VFs are assigned - VFs will not be deallocated',
    'i40e 0000:3b:00.0: Unable to free VFs because some are assigned to VMs.',
    'nvme 0000:01:00.0: Cannot modify SR-IOV while VFs are assigned',
  ]) {
    const f = onlyFinding(line, 'kernel.sriov-vfs-assigned');
    assert.equal(f.explanation.severity, 'warning', line);
    assert.match(f.explanation.cause, /pciback/, line);
  }
  const left = onlyFinding(
    'ixgbe 0000:03:00.0: driver left SR-IOV enabled after remove',
    'kernel.sriov-left-enabled',
  );
  assert.match(left.explanation.cause, /Cannot bind to PF with SR-IOV enabled/);
});

test('a pinned MAC or VLAN: the guest override is a warning, the host setting is harmless', () => {
  const mac = onlyFinding(
    'i40e 0000:08:00.0: VF attempting to override administratively set MAC address, bring down and up the VF interface to resume normal operation',
    'kernel.sriov-vf-mac-override',
  );
  assert.equal(mac.explanation.severity, 'warning');
  assert.match(mac.explanation.fix, /trust on/);
  const vlan = onlyFinding(
    'ixgbe 0000:03:00.0: VF 2 attempted to override administratively set VLAN configuration',
    'kernel.sriov-vf-mac-override',
  );
  assert.equal(vlan.facts.vf, '2');
  assert.match(vlan.explanation.title, /VLAN/);
  const set = onlyFinding(
    'i40e 0000:08:00.0: Setting MAC 3c:fa:fa:fa:fa:01 on VF 0',
    'kernel.sriov-vf-mac-admin-set',
  );
  assert.equal(set.explanation.severity, 'info');
  assert.match(set.explanation.title, /harmless/);
  const cleared = onlyFinding(
    'ixgbe 0000:03:00.0: setting MAC 00:00:00:00:00:00 on VF 1',
    'kernel.sriov-vf-mac-admin-set',
  );
  assert.match(cleared.explanation.cause, /cleared/);
});

test('trust: the change is harmless, the refusal of an untrusted VF is not', () => {
  const on = onlyFinding('i40e 0000:3b:00.0: VF 1 is now trusted', 'kernel.sriov-vf-trust-changed');
  assert.equal(on.explanation.severity, 'info');
  const refused = onlyFinding(
    'i40e 0000:3b:00.0: Cannot add more MAC addresses, VF is not trusted, switch the VF to trusted to add more functionality',
    'kernel.sriov-vf-trust-changed',
  );
  assert.equal(refused.explanation.severity, 'warning');
  assert.match(refused.explanation.fix, /trustGuestRxFilters/);
  const spoof = onlyFinding(
    'ixgbe 0000:01:00.1 enp1s0f1: 4 Spoofed packets detected',
    'kernel.sriov-spoofed-packets',
  );
  assert.equal(spoof.facts.count, '4');
  assert.match(spoof.explanation.fix, /spoofchk off/);
});

test('pciback config-space writes: the offset tells the header from vendor registers', () => {
  const vendor = onlyFinding(
    'pciback 0000:13:04.0: Driver tried to write to a read-only configuration space field at offset 0xe0, size 2. This may be harmless, but if you have problems with your device:',
    'kernel.xen-pciback-readonly-config',
  );
  assert.equal(vendor.explanation.severity, 'warning');
  assert.match(vendor.explanation.cause, /0xe0/);
  assert.match(vendor.explanation.fix, /permissive=1/);
  const header = onlyFinding(
    'pciback 0000:13:04.0: Driver tried to write to a read-only configuration space field at offset 0x4, size 2. This may be harmless, but if you have problems with your device:',
    'kernel.xen-pciback-readonly-config',
  );
  assert.equal(header.explanation.severity, 'info');
});

test('pciback MSI for a guest: EINVAL points at dom0 MSI, ENOSPC at extra_guest_irqs', () => {
  const inval = onlyFinding(
    'pciback 0000:65:00.0: xen_pciback: error enabling MSI-X for guest 2: err -22!',
    'kernel.xen-pciback-msi-failed',
  );
  assert.equal(inval.facts.domid, '2');
  assert.match(inval.explanation.cause, /pci=nomsi/);
  const full = onlyFinding(
    'pciback 0000:04:00.0: error enabling MSI for guest 7: err -28',
    'kernel.xen-pciback-msi-failed',
  );
  assert.equal(full.facts.kind, 'MSI');
  assert.match(full.explanation.fix, /extra_guest_irqs/);
});

test('libxl interrupt and memory grants: a PVH dom0 and a refused grant read differently', () => {
  const pvh = onlyFinding(
    'libxl: error: libxl_pci.c:1461:pci_add_dm_done: Domain 1:xc_physdev_map_pirq irq=17 (error=-1): Function not implemented',
    'xen.pci-irq-permission-failed',
  );
  assert.match(pvh.explanation.cause, /PVH/);
  const perm = onlyFinding(
    'libxl: error: libxl_pci.c:1440:pci_add_dm_done: Domain 3:xc_domain_iomem_permission error 0xf7000/0x1000: Operation not permitted',
    'xen.pci-irq-permission-failed',
  );
  assert.equal(perm.facts.call, 'xc_domain_iomem_permission');
  assert.match(perm.explanation.cause, /XSM|privilege/);
});

test('VT-d faults under Xen: the iGPU, interrupt remapping and the reason codes', () => {
  const igfx = onlyFinding(
    '(XEN) [VT-D]DMAR:[DMA Read] Request device [0000:00:02.0] fault addr 8e43c000, iommu reg = ffff82c00021d000',
    'xen.vtd-dma-fault',
  );
  assert.match(igfx.explanation.fix, /iommu=no-igfx/);
  const intr = onlyFinding(
    '(XEN) [VT-D]INTR-REMAP: Request device [0000:03:00.0] fault index 8000',
    'xen.vtd-dma-fault',
  );
  assert.match(intr.explanation.title, /interrupt/);
  const ctx = onlyFinding(
    '(XEN) [   37.201164] [VT-D]DMAR: reason 02 - Present bit in context entry is clear',
    'xen.vtd-fault-reason',
  );
  assert.match(ctx.explanation.cause, /context entry/);
  const pte = onlyFinding('(XEN) [VT-D]DMAR: reason 06 - PTE Read access is not set', 'xen.vtd-fault-reason');
  assert.match(pte.explanation.cause, /never mapped/);
});

test('AMD-Vi events under Xen: dom0 or a guest, an interrupt or a write', () => {
  const intr = onlyFinding(
    '(XEN) AMD-Vi: IO_PAGE_FAULT: 0000:00:14.0 d0 addr 000000fdf8010140 flags 0x8 I',
    'xen.amd-vi-event',
  );
  assert.match(intr.explanation.cause, /dom0's own device/);
  assert.match(intr.explanation.cause, /interrupt/);
  const write = onlyFinding(
    '(XEN) AMD-Vi: IO_PAGE_FAULT: 0000:0b:00.0 d3 addr 00000000fec10000 flags 0x70 RW PR',
    'xen.amd-vi-event',
  );
  assert.match(write.explanation.cause, /domain 3/);
  assert.match(write.explanation.cause, /wrote/);
});

test('Xen deassign failures are no longer read as failed assignments', () => {
  const de = onlyFinding('(XEN) d3: deassign (0000:03:00.0) failed (-16)', 'xen.hypervisor-assign-failed');
  assert.match(de.explanation.title, /back from the domain/);
  assert.match(de.explanation.cause, /EBUSY/);
  const as = onlyFinding('(XEN) d10: assign (0000:00:1a.0) failed (-1)', 'xen.hypervisor-assign-failed');
  assert.match(as.explanation.cause, /RMRR/);
});

test('libvirt over libxl: the summary points at libxl-driver.log, and unrelated RTNETLINK answers stay unread', () => {
  const f = onlyFinding(
    "libvirt.libvirtError: internal error: libxenlight failed to create new domain 'sys-usb'",
    'libvirt.libxl-create-failed',
  );
  assert.equal(f.facts.domain, 'sys-usb');
  assert.match(f.explanation.fix, /libxl-driver\.log/);
  assert.equal(diagnoseText('RTNETLINK answers: File exists').findings.length, 0);
});

test('mlx5: the e-switch step points at firmware, the PCI step reads the errno like other PFs', () => {
  const esw = onlyFinding(
    'mlx5_core 0000:c1:00.0: mlx5_device_enable_sriov:82:(pid 1097): failed to enable eswitch SRIOV (-22)',
    'kernel.mlx5-sriov-enable-failed',
  );
  assert.equal(esw.facts.errno, 'EINVAL');
  assert.match(esw.explanation.fix, /NUM_OF_VFS/);
  const pci = onlyFinding(
    'mlx5_core 0000:3b:00.0: mlx5_sriov_enable:173:(pid 2210): pci_enable_sriov failed : -12',
    'kernel.mlx5-sriov-enable-failed',
  );
  assert.match(pci.explanation.fix, /pci=realloc/);
});

test('a VF still in reset: i40e may also need an active VF driver', () => {
  const i40e = onlyFinding('i40e 0000:3b:00.0: VF 2 still in reset. Try again.', 'kernel.sriov-vf-in-reset');
  assert.match(i40e.explanation.cause, /active/);
  const ice = onlyFinding('ice 0000:17:00.0: VF ID: 3 in reset. Try again.', 'kernel.sriov-vf-in-reset');
  assert.equal(ice.facts.vf, '3');
  assert.doesNotMatch(ice.explanation.cause, /i40e/);
});

test('dom0 MSI mapping and QEMU INTx routing under Xen: the domain and the errno are read', () => {
  const self = onlyFinding(
    'xhci_hcd 0000:00:14.0: xen map irq failed -19 for 32752 domain',
    'kernel.xen-map-irq-failed',
  );
  assert.match(self.explanation.cause, /DOMID_SELF/);
  const full = onlyFinding(
    'pciback 0000:04:00.0: xen map irq failed -28 for 7 domain',
    'kernel.xen-map-irq-failed',
  );
  assert.match(full.explanation.cause, /domain 7/);
  assert.match(full.explanation.fix, /extra_guest_irqs/);
  const intx = onlyFinding(
    '[00:05.0] xen_pt_realize: Error: Mapping machine irq 16 to pirq -1 failed, (err: 1)',
    'qemu.xen-pt-irq-map-failed',
  );
  assert.equal(intx.explanation.severity, 'warning');
  assert.match(intx.explanation.cause, /MSI\/MSI-X/);
  const old = onlyFinding(
    '[00:05.0] xen_pt_initfn: Error: Mapping machine irq 11 to pirq -1 failed, (rc: -1)',
    'qemu.xen-pt-irq-map-failed',
  );
  assert.equal(old.facts.errno, undefined, 'the return code -1 of old QEMU is not an errno');
});

test('libvirt over libxl hot-plug, and pciback announcing its backend: the address and the mode are read', () => {
  const attach = onlyFinding(
    'error: internal error: libxenlight failed to attach pci device 0000:03:00.0',
    'libvirt.libxl-pci-attach-failed',
  );
  assert.equal(attach.facts.bdf, '0000:03:00.0');
  assert.match(attach.explanation.fix, /xl pci-attach/);
  const vpci = onlyFinding('xen_pciback: backend is vpci', 'kernel.xen-pciback-backend');
  assert.equal(vpci.explanation.severity, 'info');
  assert.match(vpci.explanation.cause, /virtual bus/);
  const real = onlyFinding('xen_pciback: backend is passthrough', 'kernel.xen-pciback-backend');
  assert.match(real.explanation.cause, /real bus addresses/);
});

test("libvirt's refused VF MAC on an InfiniBand PF names GUID addressing", () => {
  const f = onlyFinding(
    'error: Cannot set interface MAC to 52:54:00:6d:90:02 for ifname ib0 vf 1: Operation not supported',
    'libvirt.vf-mac-vlan-failed',
  );
  assert.match(f.explanation.cause, /InfiniBand/);
  assert.match(f.explanation.fix, /node_guid/);
});

test('pciback: a device pulled from a running domain, and a boot-time seize that failed', () => {
  const pulled = onlyFinding(
    'xen_pciback: ****** removing device 0000:03:00.0 while still in-use by domain 5! ******',
    'kernel.xen-pciback-removed-in-use',
  );
  assert.equal(pulled.facts.domid, '5');
  assert.match(pulled.explanation.cause, /domain 5/);
  const bar = onlyFinding(
    'pciback 0000:03:00.0: error -22 initializing device',
    'kernel.xen-pciback-init-failed',
  );
  assert.match(bar.explanation.cause, /BARs/);
  assert.match(bar.explanation.fix, /pci=realloc/);
});

test("Xen's IOMMU at boot: enabled is harmless, disabled or required-but-failed is not", () => {
  const on = onlyFinding('(XEN) I/O virtualisation enabled', 'xen.iommu-state');
  assert.equal(on.explanation.severity, 'info');
  const off = onlyFinding('(XEN) [    4.123456] I/O virtualisation disabled', 'xen.iommu-state');
  assert.equal(off.explanation.severity, 'error');
  assert.match(off.explanation.fix, /Xen command line/);
  const ir = onlyFinding('(XEN) Interrupt remapping disabled', 'xen.iommu-state');
  assert.equal(ir.explanation.severity, 'warning');
  const panic = onlyFinding(
    "(XEN) Couldn't enable Interrupt Remapping and iommu=required/force",
    'xen.iommu-required-panic',
  );
  assert.match(panic.explanation.cause, /interrupt remapping/);
  const linux = diagnoseText('AMD-Vi: Interrupt remapping enabled').findings.map((f) => f.entry.id);
  assert.ok(!linux.includes('xen.iommu-state'), `${linux}`);
});

test('max_vfs: the deprecation is harmless, the clamp says the limit', () => {
  const dep = onlyFinding(
    'igb 0000:02:00.0: Enabling SR-IOV VFs using the module parameter is deprecated - please use the pci sysfs interface.',
    'kernel.sriov-max-vfs-param',
  );
  assert.equal(dep.explanation.severity, 'info');
  assert.match(dep.explanation.fix, /sriov_drivers_autoprobe/);
  const clamp = onlyFinding(
    'igb 0000:02:00.0: Maximum of 7 VFs per PF, using max',
    'kernel.sriov-max-vfs-param',
  );
  assert.equal(clamp.explanation.severity, 'warning');
  assert.match(clamp.explanation.fix, /at most 7/);
});
