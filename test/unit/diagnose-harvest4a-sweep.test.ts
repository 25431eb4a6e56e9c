// The fourth harvest sweep, host side (catalogue/harvest4a-sweep.ts): messages posted in public
// threads that the catalogue missed — OVMF's CPU exception dump and debug-build ASSERTs, KVM's
// internal errors, QEMU's duplicate RAM block abort, libvirt's USB devices without a USB controller,
// a segfault of QEMU or libvirt — plus the entry it mended (a QEMU slot conflict pasted with extra
// spaces).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST4A_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest4a-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    HARVEST4A_SWEEP_ENTRIES,
    ['kernel.', 'qemu.', 'libvirt.', 'edk2.'],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, HARVEST4A_SWEEP_ENTRIES.length);
  assert.equal(n, 13);
});

test('every example is a posted message with the thread it came from', () => {
  for (const e of HARVEST4A_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.notEqual(x.origin, BUILT, `${e.id}: ${x.text}`);
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
});

test("OVMF's exception dump: the vector decides the cause; X64 and IA32 firmware alike", () => {
  const pf = onlyFinding(
    '!!!! X64 Exception Type - 0E(#PF - Page-Fault)  CPU Apic ID - 00000000 !!!!\nExceptionData - 0000000000000002  I:0 R:0 U:0 W:1 P:0 PK:0 SS:0 SGX:0',
    'edk2.cpu-exception',
  );
  assert.equal(pf.facts.type, '0E');
  assert.match(pf.explanation.cause, /page fault \(#PF\)/);
  assert.match(pf.explanation.cause, /CR2/);
  assert.match(pf.explanation.cause, /not of the host/);
  assert.match(pf.explanation.fix, /Find image based on IP/);
  const gp = onlyFinding(
    '!!!! IA32 Exception Type - 0D(#GP - General Protection)  CPU Apic ID - 00000001 !!!!',
    'edk2.cpu-exception',
  );
  assert.equal(gp.facts.arch, 'IA32');
  assert.match(gp.explanation.cause, /general protection fault \(#GP\)/);
  assert.match(gp.explanation.cause, /encrypted/);
  const ud = onlyFinding(
    '!!!! X64 Exception Type - 06(#UD - Invalid Opcode)  CPU Apic ID - 00000000 !!!!',
    'edk2.cpu-exception',
  );
  assert.match(ud.explanation.cause, /invalid opcode \(#UD\)/);
  assert.match(ud.explanation.cause, /virtual CPU model/);
});

test("OVMF's 'No bootable option': Secure Boot against missing media; the failed-load line keeps its own entry", () => {
  const f = onlyFinding('BdsDxe: No bootable option or device was found.', 'edk2.no-bootable-option');
  assert.match(f.explanation.cause, /Secure Boot refused an unsigned loader/);
  assert.match(f.explanation.cause, /Not Found = no bootable media/);
  assert.match(f.explanation.fix, /OVMF_CODE\.fd/);
  const both = ids(
    'BdsDxe: failed to load Boot0002 "UEFI QEMU DVD-ROM QM00003 " from PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x1,0xFFFF,0x0): Access Denied\nBdsDxe: No bootable option or device was found.',
  );
  assert.deepEqual(both.sort(), ['edk2.boot-option-failed', 'edk2.no-bootable-option']);
  const de = onlyFinding(
    '!!!! X64 Exception Type - 00(#DE - Divide Error)  CPU Apic ID - 00000000 !!!!',
    'edk2.cpu-exception',
  );
  assert.match(de.explanation.cause, /divide error \(#DE\)/);
});

test('edk2 ASSERT: module, file and line read; MTRRs after a reset and PCI resources have their own cause', () => {
  const bds = onlyFinding(
    'ASSERT_EFI_ERROR (Status = Not Found)\nASSERT [BdsDxe] /home/VT_BUILD/ovmf/OvmfPkg/Library/PlatformBootManagerLib/BdsPlatform.c(1711): !(((INTN)(RETURN_STATUS)(Status)) < 0)',
    'edk2.assert',
  );
  assert.equal(bds.facts.module, 'BdsDxe');
  assert.equal(bds.facts.line, '1711');
  assert.match(bds.explanation.cause, /DEBUG build/);
  assert.match(bds.explanation.cause, /dead loop/);
  const mtrr = onlyFinding(
    'ASSERT /home/abuild/rpmbuild/BUILD/ovmf-0.1+svn18393/OvmfPkg/PlatformPei/MemDetect.c(294): (MtrrSettings.MtrrDefType & 0x00000800) == 0',
    'edk2.assert',
  );
  assert.match(mtrr.explanation.cause, /MTRR/);
  assert.match(mtrr.explanation.cause, /reset/);
  assert.match(mtrr.explanation.fix, /host kernel/);
  const pci = onlyFinding(
    'ASSERT [PciHostBridgeDxe] /build/MdeModulePkg/Bus/Pci/PciHostBridgeDxe/PciHostBridge.c(1133): !EFI_ERROR (Status)',
    'edk2.assert',
  );
  assert.match(pci.explanation.cause, /PCI enumeration/);
  assert.match(pci.explanation.fix, /X-PciMmio64Mb/);
  // the status line before the ASSERT is read with it
  assert.equal(bds.facts.status, 'Not Found');
  const oor = onlyFinding(
    'ASSERT_EFI_ERROR (Status = Out of Resources)\nASSERT /b/MdeModulePkg/Bus/Pci/PciBusDxe/PciLib.c(561): !EFI_ERROR (Status)',
    'edk2.assert',
  );
  assert.equal(oor.facts.status, 'Out of Resources');
  assert.match(oor.explanation.cause, /PCI enumeration/);
});

test('OVMF PEI stops: a VARS flash that is not a variable store, S3 with an X64 SMM build; the ASSERT after them points back', () => {
  const vars = onlyFinding('NvVarStore FV headers were invalid.', 'edk2.varstore-invalid');
  assert.equal(vars.facts.what, 'headers');
  assert.match(vars.explanation.cause, /only OVMF_CODE/);
  assert.match(vars.explanation.fix, /OVMF_VARS_4M/);
  assert.equal(
    onlyFinding('NvVarStore FV checksum was invalid.', 'edk2.varstore-invalid').facts.what,
    'checksum',
  );
  const s3 = onlyFinding(
    "S3Verification: S3Resume2Pei doesn't support X64 PEI + SMM yet.",
    'edk2.s3-with-smm-unsupported',
  );
  assert.match(s3.explanation.cause, /advertises S3/);
  assert.match(s3.explanation.fix, /suspend-to-mem enabled='no'/);
  const a = onlyFinding(
    'ASSERT /home/jlee/source-git/edk2/OvmfPkg/Library/PlatformInitLib/Platform.c(930): ((BOOLEAN)(0==1))',
    'edk2.assert',
  );
  assert.match(a.explanation.cause, /NvVarStore FV headers were invalid/);
  assert.match(a.explanation.fix, /OVMF_VARS/);
});

test('KVM internal error: the suberror decides the cause; 1 is the emulator giving up', () => {
  const emu = onlyFinding(
    'KVM internal error. Suberror: 1\nemulation failure\nEAX=00000023 EBX=00000002 ECX=00000000 EDX=00000600',
    'qemu.kvm-internal-error',
  );
  assert.equal(emu.facts.suberror, '1');
  assert.match(emu.explanation.cause, /KVM_INTERNAL_ERROR_EMULATION/);
  assert.match(emu.explanation.cause, /not RAM/);
  const ev = onlyFinding('KVM internal error. Suberror: 3', 'qemu.kvm-internal-error');
  assert.match(ev.explanation.cause, /KVM_INTERNAL_ERROR_DELIVERY_EV/);
  assert.match(ev.explanation.cause, /IDT/);
  const other = onlyFinding('KVM internal error. Suberror: 9', 'qemu.kvm-internal-error');
  assert.match(other.explanation.cause, /not a device error/);
});

test('duplicate RAM block: the name says which devices collided; vga.vram means two displays', () => {
  const f = onlyFinding('RAMBlock "vga.vram" already registered, abort!', 'qemu.ramblock-duplicate');
  assert.equal(f.facts.id, 'vga.vram');
  assert.match(f.explanation.cause, /two displays/);
  assert.match(f.explanation.fix, /model type="none"/);
});

test("QEMU's pty line is harmless, and a hang after it is the guest's", () => {
  const f = onlyFinding(
    'char device redirected to /dev/pts/9 (label charserial0)',
    'qemu.chardev-pty-redirected',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.equal(f.facts.label, 'charserial0');
  assert.match(f.explanation.cause, /QEMU itself started fine/);
  assert.match(f.explanation.cause, /OVMF_VARS/);
});

test('libvirt: USB devices with the USB controller model none', () => {
  const f = onlyFinding(
    'error: unsupported configuration: USB is disabled for this domain, but USB devices are present in the domain XML',
    'libvirt.usb-disabled-usb-devices',
  );
  assert.match(f.explanation.cause, /model='none'/);
  assert.match(f.explanation.cause, /tablet/);
  assert.match(f.explanation.fix, /qemu-xhci/);
});

test('virtiofsd: none found (no binary path, no vhost-user description) against one that died', () => {
  const none = onlyFinding(
    'ERROR    operation failed: Unable to find a satisfying virtiofsd',
    'libvirt.virtiofsd-unavailable',
  );
  assert.match(none.explanation.cause, /vhost-user/);
  assert.match(none.explanation.cause, /does not search PATH/);
  assert.match(none.explanation.fix, /binary path/);
  const died = onlyFinding(
    'Error starting domain: internal error: virtiofsd died unexpectedly',
    'libvirt.virtiofsd-unavailable',
  );
  assert.match(died.explanation.title, /exited as soon as it was started/);
  assert.match(died.explanation.cause, /virtiofsd\.log/);
});

test("libvirt: the monitor socket that never appeared hides QEMU's own error; a closed client socket is a lost daemon", () => {
  const mon = onlyFinding(
    'error: monitor socket did not show up.: No such file or directory',
    'libvirt.monitor-socket-missing',
  );
  assert.equal(mon.facts.err, 'No such file or directory');
  assert.match(mon.explanation.cause, /hides the real error/);
  assert.match(mon.explanation.fix, /\/var\/log\/libvirt\/qemu/);
  const closed = onlyFinding(
    'libvirtError: internal error: client socket is closed',
    'libvirt.client-socket-closed',
  );
  assert.match(closed.explanation.cause, /restarted or crashed/);
  assert.match(closed.explanation.cause, /never reached the daemon/);
});

test('a segfault: QEMU (vCPU thread too) and the libvirt daemon are named; a small address is a NULL pointer', () => {
  const lv = onlyFinding(
    'rpc-worker[1981]: segfault at 2 ip 00007fb6e9a61988 sp 00007fb6da24e850 error 4 in libvirt.so.0.6010.0[7fb6e9944000+208000]',
    'kernel.userspace-segfault',
  );
  assert.equal(lv.facts.object, 'libvirt.so.0.6010.0');
  assert.match(lv.explanation.title, /libvirt daemon crashed/);
  assert.match(lv.explanation.cause, /NULL pointer/);
  assert.match(lv.explanation.cause, /running VMs keep running/);
  eachOnlyFinding(
    'kernel.userspace-segfault',
    [
      '[ 4512.371202] qemu-system-x86[20345]: segfault at 7f3a2c000010 ip 000055d1c5f2a1b0 sp 00007f3a337fd5e0 error 6 in qemu-system-x86_64[55d1c5a00000+6b1000] likely on CPU 3 (core 3, socket 0)',
      'kernel: CPU 0/KVM[5521]: segfault at 0 ip 0000563b4a1c2f10 sp 00007f21e5ffa3c0 error 4 in qemu-system-x86_64[563b4a000000+600000]',
    ],
    (f, line) => {
      assert.match(f.explanation.title, /QEMU crashed/, line);
      assert.match(f.explanation.cause, /VM stopped/, line);
    },
  );
  const other = onlyFinding(
    'a.out[40342]: segfault at 0 ip 00000000004005b1 sp 00007ffc5b1be400 error 4 in a.out[400000+1000]',
    'kernel.userspace-segfault',
  );
  assert.match(other.explanation.cause, /NULL pointer/);
  assert.doesNotMatch(other.explanation.cause, /QEMU|libvirt/);
});

test('mended: a QEMU slot conflict pasted with extra spaces is still the slot conflict', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device cirrus-vga,id=video0,bus=pci.0,addr=0x2: PCI: slot 2 function 0 not   available for cirrus-vga, in use by vgt-vga',
    'qemu.pci-slot-in-use',
  );
  assert.equal(f.facts.by, 'vgt-vga');
  assert.match(f.explanation.title, /Slot 2 is taken by the emulated VGA/);
  assert.deepEqual(ids('PCI: slot 2 function 0 not available for vfio-pci, in use by VGA'), [
    'qemu.pci-slot-in-use',
  ]);
});
