// The host-side sweep (catalogue/host-misses-sweep.ts) and the older entries it widened: the facts
// read from a message change the explanation the way the producing source says. Expected causes
// come from the sources the entries cite: the shells' field splitting and command look-up (GNU
// grep/sed file arguments, bash/dash "not found"), grub-mkconfig sourcing /etc/default/grub,
// pop-os/kernelstub application.py and installer.py, systemd's install.c, Xen's iommu_acpi.c
// (IVHD IO-APIC checks, IVRS parse errors), iommu.c iommu_unity_region_ok() and vtd/dmar.c,
// gasket_interrupt.c with pci_enable_msix_range()'s errnos, QEMU's util/qemu-config.c locations,
// libvirt's virPCIGetHeaderType() (0xff masked to 127) and vfio_pci_validate_vf_token() (EACCES).
// The lines are built from the format strings (none is a held-out message).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('kernel options split into file names: the option is named and the quoting bug explained', () => {
  const grep = onlyFinding('grep: intel_iommu=on: No such file or directory', 'shell.kernel-option-as-file');
  assert.equal(grep.facts.opt, 'intel_iommu=on');
  assert.match(grep.explanation.cause, /word splitting/);
  assert.match(grep.explanation.cause, /IOMMU\/VFIO passthrough/);
  const sed = onlyFinding(
    "sed: can't read vfio-pci.ids=1002:73bf,1002:ab28: No such file or directory",
    'shell.kernel-option-as-file',
  );
  assert.equal(sed.facts.opt, 'vfio-pci.ids=1002:73bf,1002:ab28');
  assert.equal(sed.facts.tool, 'sed');
  const other = onlyFinding('grep: quiet=1: No such file or directory', 'shell.kernel-option-as-file');
  assert.match(other.explanation.cause, /never reached the kernel command line/);
  assert.doesNotMatch(other.explanation.cause, /IOMMU\/VFIO/);
});

test('a boot tool that is not installed: the distribution-specific replacement is named', () => {
  const grub = onlyFinding('bash: update-grub: command not found', 'boot.tool-not-found');
  assert.match(grub.explanation.cause, /grub2-mkconfig/);
  assert.match(grub.explanation.cause, /proxmox-boot-tool refresh/);
  const stub = onlyFinding('sudo: kernelstub: command not found', 'boot.tool-not-found');
  assert.match(stub.explanation.cause, /only on Pop!_OS/);
  const initramfs = onlyFinding('sh: 1: update-initramfs: not found', 'boot.tool-not-found');
  assert.match(initramfs.explanation.cause, /dracut -f/);
});

test('/etc/default/grub that the shell cannot parse is a quoting error, and dash "not found" is recognised', () => {
  const eof = onlyFinding(
    '/etc/default/grub: line 11: unexpected EOF while looking for matching `"\'',
    'grub.default-syntax-error',
  );
  assert.equal(eof.facts.line, '11');
  assert.match(eof.explanation.cause, /unbalanced quotes/);
  const dash = onlyFinding(
    '/usr/sbin/grub-mkconfig: 31: /etc/default/grub: pci-stub.ids=10de:1c82,10de:0fb9: not found',
    'grub.default-not-shell',
  );
  assert.equal(dash.facts.word, 'pci-stub.ids=10de:1c82,10de:0fb9');
  assert.match(dash.explanation.cause, /outside the quotes/);
});

test('kernelstub: kernel and initrd are told apart, and a copy to the ESP names the full partition', () => {
  const kernel = onlyFinding(
    "kernelstub           : ERROR    Can't find the kernel image '/boot/vmlinuz-linux'! ",
    'kernelstub.image-not-found',
  );
  assert.equal(kernel.facts.path, '/boot/vmlinuz-linux');
  assert.match(kernel.explanation.cause, /Pop!_OS/);
  assert.match(kernel.explanation.fix, /GRUB_CMDLINE_LINUX_DEFAULT/);
  const initrd = onlyFinding(
    "kernelstub           : ERROR    Can't find the initrd image!",
    'kernelstub.image-not-found',
  );
  assert.match(initrd.explanation.title, /initrd/);
  assert.match(initrd.explanation.cause, /initramfs was not generated/);
  const copy = onlyFinding(
    "kernelstub.Installer  : ERROR    Couldn't copy the initrd onto the ESP!",
    'kernelstub.copy-failed',
  );
  assert.equal(copy.facts.what, 'initrd');
  assert.match(copy.explanation.cause, /ESP is full/);
  const dir = onlyFinding(
    "kernelstub.Installer  : ERROR    Couldn't make sure /boot/efi/EFI/Pop_OS-1c2d exists.",
    'kernelstub.copy-failed',
  );
  assert.equal(dir.facts.dir, '/boot/efi/EFI/Pop_OS-1c2d');
  const config = onlyFinding(
    "kernelstub           : ERROR    cmdline was 'InvalidConfig'",
    'kernelstub.config-invalid',
  );
  assert.match(config.explanation.cause, /\/etc\/kernelstub\/configuration/);
});

test('systemd units: the vGPU services, libvirt and a masked unit each get their own cause', () => {
  const vgpu = onlyFinding(
    'Failed to reenable unit: Unit file nvidia-vgpud.service does not exist.',
    'systemd.unit-not-found',
  );
  assert.equal(vgpu.facts.unit, 'nvidia-vgpud.service');
  assert.match(vgpu.explanation.cause, /vGPU host \(KVM\) driver/);
  assert.match(vgpu.explanation.fix, /daemon-reload/);
  const libvirt = onlyFinding(
    'Failed to start libvirtd.service: Unit libvirtd.service not found.',
    'systemd.unit-not-found',
  );
  assert.match(libvirt.explanation.cause, /virtqemud/);
  const masked = onlyFinding(
    'Failed to enable unit: Unit file /etc/systemd/system/driverctl@pci-0000:01:00.0.service is masked.',
    'systemd.unit-not-found',
  );
  assert.match(masked.explanation.fix, /systemctl unmask/);
});

test('proxmox-boot-tool without an ESP list is the GRUB case, harmless', () => {
  const f = onlyFinding(
    "Re-executing '/usr/sbin/proxmox-boot-tool' in new private mount namespace..\nE: /etc/kernel/proxmox-boot-uuids does not exist.",
    'proxmox.boot-uuids-missing',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.fix, /update-grub/);
});

test("Xen's IVRS IO-APIC checks: missing, conflicting and southbridge cases differ", () => {
  const missing = onlyFinding('(XEN) IVHD Error: no information for IO-APIC 0x21', 'xen.ivrs-ioapic-missing');
  assert.equal(missing.facts.apic, '0x21');
  assert.match(missing.explanation.cause, /I\/O virtualisation is disabled/);
  assert.match(missing.explanation.fix, /ivrs_ioapic\[0x21\]=/);
  const conflict = onlyFinding(
    '(XEN) IVHD Error: Conflicting IO-APIC 0x9 entries',
    'xen.ivrs-ioapic-missing',
  );
  assert.match(conflict.explanation.cause, /twice with different PCI addresses/);
  const sb = onlyFinding('(XEN) No southbridge IO-APIC found in IVRS table', 'xen.ivrs-ioapic-missing');
  assert.match(sb.explanation.cause, /00:14\.0/);
});

test('IVMD/RMRR ranges outside reserved memory: a warning until a page cannot be converted', () => {
  const warn = onlyFinding(
    '(XEN) AMD-Vi: Warning: IVMD: [5c000000,5c001000) is not (entirely) in reserved memory',
    'xen.unity-range-not-reserved',
  );
  assert.equal(warn.explanation.severity, 'warning');
  const fatal = onlyFinding(
    "(XEN) AMD-Vi: Error: IVMD: page at 5c000000 can't be converted",
    'xen.unity-range-not-reserved',
  );
  assert.equal(fatal.explanation.severity, 'error');
  assert.match(fatal.explanation.cause, /5c000000 is ordinary RAM/);
  assert.match(fatal.explanation.cause, /IVRS table/);
  const old = onlyFinding(
    '(XEN) [VT-D]  RMRR address range 3c000000..3fffffff not in reserved memory; need "iommu_inclusive_mapping=1"?',
    'xen.unity-range-not-reserved',
  );
  assert.equal(old.explanation.severity, 'info');
  assert.match(old.explanation.cause, /3c000000\.\.3fffffff/);
});

test('Xen IOMMU initialisation failures point at the firmware tables', () => {
  const amd = onlyFinding('(XEN) AMD-Vi: Error initialization', 'xen.amd-vi-init-error');
  assert.match(amd.explanation.cause, /IVRS/);
  const table = onlyFinding(
    '(XEN) AMD-Vi: IVHD Error: Invalid Range: Last Dev_Id 0x7',
    'xen.ivrs-table-error',
  );
  assert.equal(table.facts.block, 'IVHD');
  assert.match(table.explanation.cause, /malformed/);
  const vtd = onlyFinding('(XEN) Failed to parse ACPI DMAR.  Disabling VT-d.', 'xen.vtd-dmar-parse-failed');
  assert.match(vtd.explanation.cause, /disables every VT-d unit/);
});

test('gasket (Coral TPU) interrupts: ENOSPC is vectors, EINVAL is a missing MSI-X capability', () => {
  const nospc = onlyFinding(
    "apex 0000:04:00.0: Couldn't initialize interrupts: -28",
    'kernel.gasket-interrupts-failed',
  );
  assert.equal(nospc.facts.errno, 'ENOSPC');
  assert.match(nospc.explanation.cause, /MSI-X vectors/);
  const inval = onlyFinding(
    "apex 0000:00:06.0: Couldn't initialize interrupts: -22",
    'kernel.gasket-interrupts-failed',
  );
  assert.equal(inval.facts.errno, 'EINVAL');
  assert.match(inval.explanation.cause, /device model/);
  assert.match(inval.explanation.cause, /stub domain/);
  const type = onlyFinding(
    'apex 0000:04:00.0: Cannot handle unsupported interrupt type 3',
    'kernel.gasket-interrupts-failed',
  );
  assert.match(type.explanation.cause, /interrupt type 3/);
});

test('QEMU config files: a generated LXD file is named as generated, with its line', () => {
  const parse = onlyFinding(
    'qemu-system-x86_64:/var/log/lxd/vm2/qemu.conf:17: parse error',
    'qemu.readconfig-error',
  );
  assert.equal(parse.facts.confLine, '17');
  assert.match(parse.explanation.cause, /generated by LXD/);
  const prop = onlyFinding(
    "qemu-system-x86_64:/run/incus/web/qemu.conf:40: Property 'vfio-pci.romFile' not found",
    'qemu.property-not-found',
  );
  assert.equal(prop.facts.conf, '/run/incus/web/qemu.conf');
  assert.match(prop.explanation.cause, /Incus/);
  assert.match(prop.explanation.cause, /"romfile" is a different name/);
  const plain = onlyFinding(
    "qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,x-igd-legacy-mode=on: Property 'vfio-pci.x-igd-legacy-mode' not found",
    'qemu.property-not-found',
  );
  assert.doesNotMatch(plain.explanation.cause, /generated/);
});

test('widened entries: segment-qualified DMAR address, cut-off DMA map, header type without address', () => {
  const dmar = onlyFinding(
    'DMAR: [DMA Read NO_PASID] Request device [0000:00:14.3] fault addr 0x7b400000 [fault reason 0x06] PTE Read access is not set',
    'kernel.dmar-fault',
  );
  assert.equal(dmar.facts.bdf, '0000:00:14.3');
  assert.match(dmar.explanation.cause, /not mapped/);
  const dma = onlyFinding(
    'vfio 0000:03:00.0: failed to setup container for group 9: memory listener initialization failed: Region pc.ram: vfio_dma_map',
    'qemu.memory-listener-failed',
  );
  assert.equal(dma.facts.region, 'pc.ram');
  assert.match(dma.explanation.cause, /RLIMIT_MEMLOCK/);
  assert.match(dma.explanation.fix, /--ulimit memlock/);
  const hdr = onlyFinding(
    "error: internal error: Unknown PCI header type '127'",
    'libvirt.unknown-header-type',
  );
  assert.match(hdr.explanation.cause, /0xff/);
});

test('libvirt reset refusal under Qubes names the no-strict-reset option; EACCES on a VF names the regression', () => {
  const qube = onlyFinding(
    'Qube sys-net has failed to start: internal error: Unable to reset PCI device 0000:00:1f.6: no FLR, PM reset or bus reset available',
    'libvirt.reset-unavailable',
  );
  assert.equal(qube.facts.qube, 'sys-net');
  assert.match(qube.explanation.fix, /no-strict-reset=true/);
  const plain = onlyFinding(
    'error: internal error: Unable to reset PCI device 0000:00:1f.3: internal error: no FLR, PM reset or bus reset available',
    'libvirt.reset-unavailable',
  );
  assert.doesNotMatch(plain.explanation.fix, /qvm-pci/);
  const vf = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:3b:02.1: vfio 0000:3b:02.1: error getting device from group 91: Permission denied',
    'qemu.device-from-group',
  );
  assert.match(vf.explanation.cause, /VF token/);
  assert.match(vf.explanation.fix, /previous kernel/);
});

test("a setup tool missing from a script's PATH names its package and the step lost", () => {
  const kmod = onlyFinding(
    '/run/vm/start.sh: line 7: modprobe: command not found',
    'shell.setup-tool-not-found',
  );
  assert.equal(kmod.facts.tool, 'modprobe');
  assert.match(kmod.explanation.cause, /from kmod/);
  assert.match(kmod.explanation.cause, /loading vfio-pci/);
  const pci = onlyFinding('sh: 1: setpci: not found', 'shell.setup-tool-not-found');
  assert.match(pci.explanation.cause, /pciutils/);
});

test('a PCI address in bash arithmetic is a script bug, whichever bash message', () => {
  const expr = onlyFinding(
    './select.sh: line 55: 0b:00.0: syntax error: invalid arithmetic operator (error token is ":00.0")',
    'shell.pci-address-in-arithmetic',
  );
  assert.equal(expr.facts.addr, '0b:00.0');
  assert.match(expr.explanation.cause, /arithmetic context/);
  const test2 = onlyFinding(
    './x.sh: line 3: [: 0000:03:00.1: integer expression expected',
    'shell.pci-address-in-arithmetic',
  );
  assert.match(test2.explanation.cause, /integer expression expected/);
});

test("SPDK's memlock report: a warning below 64 MB, harmless above", () => {
  const low = onlyFinding('Current user memlock limit: 0 MB', 'spdk.memlock-limit-report');
  assert.equal(low.explanation.severity, 'warning');
  assert.match(low.explanation.cause, /under 1 MB/);
  assert.match(low.explanation.fix, /limits\.conf/);
  const ok = onlyFinding('Current user memlock limit: 8192 MB', 'spdk.memlock-limit-report');
  assert.equal(ok.explanation.severity, 'info');
});

test('no IOMMU groups: Proxmox and Harvester say the same thing, explained as firmware/kernel', () => {
  const pve = onlyFinding(
    'No IOMMU detected, please activate it.See Documentation for further information.',
    'proxmox.no-iommu-detected',
  );
  assert.match(pve.explanation.cause, /firmware/);
  const hv = onlyFinding(
    'admission webhook "pcidevices.harvesterhci.io" denied the request: pcidevice n2-000003000 has no iommuGroup available',
    'mgmt.harvester-no-iommu-group',
  );
  assert.equal(hv.facts.name, 'n2-000003000');
  assert.match(hv.explanation.cause, /no active IOMMU/);
});

test('amdgpu ATOM BIOS hang under passthrough is the missing reset', () => {
  const f = onlyFinding(
    'radeon 0000:06:00.0: [drm:atom_execute_table_locked [radeon]] *ERROR* atombios stuck in loop for more than 5secs aborting',
    'kernel.amdgpu-atombios-stuck',
  );
  assert.equal(f.facts.secs, '5');
  assert.match(f.explanation.cause, /not reset between uses/);
  assert.match(f.explanation.fix, /vendor-reset/);
});

test('older wordings of reset and AMD-Vi lines are read, and an IVRS HID entry is not called an override', () => {
  const flr = onlyFinding(
    '[    3.2] pciback 0000:0c:00.0: timed out waiting for pending transaction: performing function level reset anyway',
    'kernel.flr-pending-transaction',
  );
  assert.equal(flr.facts.bdf, '0000:0c:00.0');
  const hid = onlyFinding(
    'AMD-Vi: ivrs, add hid:AMDI0030, uid:ID02, rdevid:168',
    'kernel.amd-init-routine-lines',
  );
  assert.match(hid.explanation.cause, /read from the table itself/);
  const cmd = onlyFinding(
    'AMD-Vi: cmd, add hid:AMDI0020, uid:ID00, rdevid:0xa0',
    'kernel.amd-init-routine-lines',
  );
  assert.match(cmd.explanation.cause, /ivrs_acpihid= option/);
  const dump = onlyFinding(
    'AMD-Vi:   DEV_SPECIAL(IOAPIC[9])                devid: 0000:00:14.0',
    'kernel.amd-iommu-dump-lines',
  );
  assert.equal(dump.explanation.severity, 'info');
  const typo = onlyFinding(
    'error: argument unsupported: VFIO device assigment is currently not supported on this system',
    'libvirt.nodedev-detach-no-vfio',
  );
  assert.match(typo.explanation.cause, /iommu_groups/);
});

test('a NIC falling back from MSI-X: one step down is MSI, two steps down is INTx', () => {
  const msi = onlyFinding(
    'e1000e 0000:00:04.0 0000:00:04.0 (uninitialized): Failed to initialize MSI-X interrupts.  Falling back to MSI interrupts.',
    'kernel.nic-msi-fallback',
  );
  assert.equal(msi.facts.from, 'MSI-X');
  assert.match(msi.explanation.cause, /device model/);
  const intx = onlyFinding(
    'igb 0000:02:00.0: Failed to initialize MSI interrupts. Falling back to legacy interrupts.',
    'kernel.nic-msi-fallback',
  );
  assert.match(intx.explanation.title, /legacy \(INTx\)/);
  assert.match(intx.explanation.cause, /DisINTx/);
});

test('proxmox-boot-tool falling back to /proc/cmdline warns that configured options are not used', () => {
  const f = onlyFinding(
    'No /etc/kernel/cmdline found - falling back to /proc/cmdline',
    'proxmox.kernel-cmdline-fallback',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.fix, /create \/etc\/kernel\/cmdline/);
});

test('an unknown IVHD special-device variety is a malformed IVRS entry', () => {
  const f = onlyFinding('(XEN) Unrecognized IVHD special variety 0x3', 'xen.ivrs-table-error');
  assert.equal(f.facts.variety, '0x3');
  assert.match(f.explanation.cause, /malformed/);
});

test('NVMe timeouts: a polled completion is lost interrupts, an abort is a controller not answering', () => {
  const polled = onlyFinding('nvme nvme0: I/O 96 QID 2 timeout, completion polled', 'kernel.nvme-io-timeout');
  assert.equal(polled.facts.qid, '2');
  assert.match(polled.explanation.cause, /interrupt never reached the driver/);
  assert.match(polled.explanation.fix, /MSI-X: Enable\+/);
  const abort = onlyFinding(
    'nvme nvme1: I/O tag 812 (332c) opcode 0x2 (I/O Cmd) QID 8 timeout, aborting req_op:READ(0) size:4096',
    'kernel.nvme-io-timeout',
  );
  assert.equal(abort.facts.action, 'aborting');
  assert.match(abort.explanation.cause, /aborting it/);
  assert.match(abort.explanation.fix, /default_ps_max_latency_us=0/);
});
