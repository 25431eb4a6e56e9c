/**
 * The fourth harvest, host side: messages users posted in public threads about the host of a VM
 * that the catalogue did not recognise. The VM's UEFI firmware (OVMF, edk2): the CPU exception
 * dump it prints when its own code or an EFI program it runs faults, the ASSERT lines of its debug
 * builds, a VARS flash that is not a variable store, S3 offered to an X64 SMM build, no bootable
 * option. QEMU: KVM's internal errors (the instruction emulator giving up), two devices registering
 * the same RAM block, the pty line of a serial console (harmless). libvirt: USB devices in a domain
 * whose USB controller is model='none', a virtio-fs share without a usable virtiofsd, a monitor
 * socket QEMU never opened, a client whose daemon connection is gone. Kernel: a user-space crash
 * (segfault) of QEMU or of the libvirt daemon. Each example is the message as posted, with the
 * thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const EDK2_EXC =
  'tianocore/edk2 UefiCpuPkg/Library/CpuExceptionHandlerLib/X64/ArchExceptionHandler.c DumpCpuContext() (Ia32/ArchExceptionHandler.c for 32-bit firmware)';

/** The x86 exception vectors edk2's dump names, with what each means for the code that faulted. */
const EXCEPTION_CAUSE: Record<string, string> = {
  '00': 'a divide error (#DE): a division by zero (or an overflowing division) in the code — a bug of that code or of the tools that built it (the thread: OVMF built from edk2 of one week, fixed in its build tools)',
  '0E': 'a page fault (#PF): the code read, wrote or jumped to an address its page tables do not map, or wrote a page the firmware maps read-only or executed one it maps no-execute (its memory protections); CR2 in the dump holds the address, and ExceptionData says how (P:0 = not mapped, P:1 = protection; W:1 = a write; I:1 = an instruction fetch). A small CR2 is a NULL pointer',
  '0D': 'a general protection fault (#GP): a non-canonical address, a privileged or not-permitted access, or (with SEV) an access through the wrong (encrypted/unencrypted) mapping — the line before the dump often says what the code was doing ("MMIO using encrypted memory")',
  '06': 'an invalid opcode (#UD): the CPU was sent to bytes that are not an instruction (a jump into data or freed memory) or to an instruction the virtual CPU model does not offer',
  '0C': 'a stack fault (#SS): a stack overflow or a corrupt stack pointer',
  '08': 'a double fault (#DF): a second exception while handling the first, usually a stack overflow or broken exception handling',
};

/** What the firmware's "ASSERT [module] file(line): condition" says, by the file that asserts. */
function refineEdk2Assert(f: Readonly<Record<string, string>>) {
  const file = f.file ?? '';
  if (/MemDetect\.c/.test(file) && /Mtrr/.test(f.cond ?? ''))
    return {
      cause:
        "OVMF's PEI phase (PlatformPei MemDetect.c) checks that the virtual CPU's MTRRs are still disabled when the firmware starts, and they were not: the VM had been reset (a guest reboot, virsh reset) and the host's KVM kept the MTRR state of the previous boot instead of resetting it. The thread's loop after every reboot went away with a newer host kernel (4.4, where KVM's MTRR handling was reworked); the firmware itself is not at fault",
      fix: 'update the host kernel (KVM); until then power the VM off and start it again instead of rebooting it',
    };
  if (/(?:PlatformInitLib|PlatformPei)\/Platform\.c/.test(file) && /0==1/.test(f.cond ?? ''))
    return {
      cause:
        'OVMF\'s PEI platform code stopped on a check of the VM it runs in (ASSERT (FALSE) after an error it printed on the line before): "NvVarStore FV headers were invalid." means the VARS flash is not a variable store of this build (a missing, mismatched or foreign OVMF_VARS file); "S3Verification: ..." means QEMU offers S3 to an X64 build with SMM. A DEBUG build hangs here; the firmware never reaches its boot screen',
      fix: 'read the line before the ASSERT in the firmware log and fix that: pair OVMF_CODE with its own OVMF_VARS template (same size), or disable S3 for an SMM build',
    };
  if (/PciHostBridge|PciBus/.test(`${file} ${f.module ?? ''}`) || /Out of Resources/i.test(f.status ?? ''))
    return {
      cause:
        "a debug build of the VM's firmware stopped in its PCI enumeration (PciHostBridgeDxe / PciBusDxe): a check on the devices' resources failed — typically BARs that do not fit the apertures QEMU offers (a large passed-through BAR, many devices behind root ports) or a resource padding the code did not expect. The firmware stops at the ASSERT (a dead loop), so the VM hangs before any boot screen",
      fix: 'read the "Base/Length/Alignment ... Out of Resources" lines before it (edk2.pci-out-of-resources): enlarge the 64-bit MMIO window (-fw_cfg opt/ovmf/X-PciMmio64Mb=N) or give the devices fewer/smaller BARs; with a release build the same condition shows as a device without resources instead of a hang',
    };
  return undefined;
}

export const HARVEST4A_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- the VM's UEFI firmware (OVMF / edk2) ----
  {
    id: 'edk2.cpu-exception',
    source: 'edk2',
    cite: EDK2_EXC,
    format: '!!!! X64 Exception Type - %02x(%a)  CPU Apic ID - %08x !!!!\n',
    versions:
      '32-bit firmware prints "!!!! IA32 Exception Type - ..."; then "ExceptionData - ..." with the decoded error-code bits, the registers (RIP, CR2, ...) and "!!!! Find image based on IP(0x...) <module>.dll (ImageBase=..., EntryPoint=...) !!!!" naming the driver or EFI program the address falls in. Printed on the firmware\'s debug console (-debugcon / -serial), and after ExitBootServices by none',
    patterns: [
      /!!!! (?<arch>X64|IA32) Exception Type - (?<type>[0-9A-Fa-f]{2})\((?<name>[^)\n]{1,40})\) {1,2}CPU Apic ID - (?<apic>[0-9A-Fa-f]{8}) !!!!/,
    ],
    severity: 'error',
    title: "The VM's UEFI firmware (OVMF) stopped on a CPU exception",
    cause:
      "code running inside the VM's UEFI firmware — one of OVMF's own drivers, or an EFI program it started (a boot loader, OpenCore, a Windows boot manager, a device's option ROM such as a passed-through GPU's) — raised a CPU exception, and edk2's exception handler printed the CPU state and stopped: the VM hangs at that point. It is a fault in that code (a bug of the firmware build, known regressions of particular OVMF releases, or a loader that the firmware's memory protections catch), not of the host",
    fix: 'find the module in the "Find image based on IP" line after the dump; try another OVMF build (the distribution\'s edk2-ovmf against a newer or older release) and, if the fault follows a passed-through device, start without its option ROM (rombar=0 / <rom bar="off"/>) to tell them apart; report the whole dump with the firmware version',
    refine: (f) => {
      const why = EXCEPTION_CAUSE[(f.type ?? '').toUpperCase()];
      return why
        ? {
            cause: `code running inside the VM's UEFI firmware (an OVMF driver, or an EFI program it started: boot loader, OpenCore, Windows boot manager, a device's option ROM) raised ${why}. edk2's handler printed the CPU state and stopped, so the VM hangs there; it is a fault of that code (a bug of the firmware build, a known regression of an OVMF release, or a loader the firmware's memory protections catch), not of the host`,
          }
        : undefined;
    },
    render: render('', 0x0e, '#PF - Page-Fault', 0),
    examples: [
      ex(
        '!!!! X64 Exception Type - 0E(#PF - Page-Fault)  CPU Apic ID - 00000000 !!!!\nExceptionData - 0000000000000002  I:0 R:0 U:0 W:1 P:0 PK:0 SS:0 SGX:0\nRIP  - 000000000000100E, CS  - 0000000000000038, RFLAGS - 0000000000010297',
        { arch: 'X64', type: '0E' },
        'https://github.com/tianocore/edk2/issues/11046',
      ),
      ex(
        'Idx:0 Output:!!!! X64 Exception Type - 0E(#PF - Page-Fault)  CPU Apic ID - 00000000 !!!!\nExceptionData - 0000000000000003  I:0 R:0 U:0 W:1 P:1 PK:0 SS:0 SGX:0',
        { type: '0E' },
        'https://github.com/kubevirt/kubevirt/issues/3756',
      ),
      ex(
        '!!!! X64 Exception Type - 0E(#PF - Page-Fault)  CPU Apic ID - 00000000 !!!!\nExceptionData - 0000000000000009  I:0 R:1 U:0 W:0 P:1 PK:0 SS:0 SGX:0',
        { type: '0E' },
        'https://github.com/tianocore/edk2/issues/10056',
      ),
      ex(
        'MMIO using encrypted memory: B00F8040\n!!!! X64 Exception Type - 0D(#GP - General Protection)  CPU Apic ID - 00000000 !!!!\nExceptionData - 0000000000000000',
        { type: '0D', name: '#GP - General Protection' },
        'https://github.com/AMDESE/AMDSEV/issues/92',
      ),
    ],
  },
  {
    id: 'edk2.assert',
    source: 'edk2',
    cite: 'tianocore/edk2 MdePkg/Library/BaseDebugLibSerialPort/DebugLib.c DebugAssert() (the other DebugLib instances print the same), MdePkg/Include/Library/DebugLib.h ASSERT_EFI_ERROR()',
    format: 'ASSERT [%a] %a(%d): %a\n',
    versions:
      'edk2 before 2017 printed no module: "ASSERT %a(%d): %a"; ASSERT_EFI_ERROR() first prints "ASSERT_EFI_ERROR (Status = %r)" with the status it did not expect, then the ASSERT line with "!EFI_ERROR (Status)" (newer: "!(((INTN)(RETURN_STATUS)(Status)) < 0)"). Only DEBUG builds of the firmware check and print them',
    patterns: [
      // the status line and the ASSERT under it, so one finding holds the status and the file
      /ASSERT_EFI_ERROR \(Status = (?<status>[^)\n]{1,40})\)\nASSERT (?:\[(?<module>[\w.-]{1,60})\] )?(?<file>[^\s[\]()][^\n()]{0,239})\((?<line>\d{1,6})\): (?<cond>[^\n]{1,200})/,
      /ASSERT \[(?<module>[\w.-]{1,60})\] (?<file>[^\n()]{1,240})\((?<line>\d{1,6})\): (?<cond>[^\n]{1,200})/,
      /ASSERT (?<file>[^\s[\]()][^\n()]{0,239})\((?<line>\d{1,6})\): (?<cond>[^\n]{1,200})/,
    ],
    endsOn: ['ASSERT '],
    severity: 'error',
    title: "A debug build of the VM's UEFI firmware stopped on an assertion",
    cause:
      "a DEBUG build of edk2 firmware (OVMF, AAVMF, or a firmware payload) checked a condition that must hold and found it false; release builds compile these checks out. By default DebugAssert() then stops in a dead loop, so the VM hangs at that point (black screen, one vCPU busy). The [module] and file(line) name the check — with ASSERT_EFI_ERROR, the status on the line before is the error that was not expected. Usually a firmware bug or a build that lacks a driver its platform code needs (the thread's AmdSev build without the S3 save-state driver), sometimes a VM configuration the firmware does not handle",
    fix: "note the module, file and line and look them up in the firmware's source for what was checked; try a release build of the same firmware (it will not stop here, though the condition may surface later) or another edk2 version, and report the log (-debugcon file:ovmf.log -global isa-debugcon.iobase=0x402) upstream",
    refine: refineEdk2Assert,
    render: render(
      '',
      'BdsDxe',
      '/build/OvmfPkg/Library/PlatformBootManagerLib/BdsPlatform.c',
      1711,
      '!EFI_ERROR (Status)',
    ),
    examples: [
      ex(
        'ASSERT_EFI_ERROR (Status = Not Found)\nASSERT [BdsDxe] /home/VT_BUILD/ovmf/OvmfPkg/Library/PlatformBootManagerLib/BdsPlatform.c(1711): !(((INTN)(RETURN_STATUS)(Status)) < 0)',
        { module: 'BdsDxe', line: '1711', status: 'Not Found' },
        'https://github.com/tianocore/edk2/pull/4784',
      ),
      ex(
        'ASSERT_EFI_ERROR (Status = Not Found)\nASSERT /home/jenkins/workspace/edk2/rpmbuild/rpm/BUILD/edk2.git/IntelFrameworkModulePkg/Universal/BdsDxe/BootMaint/BBSsupport.c(251): !EFI_ERROR (Status)',
        { line: '251' },
        'https://github.com/tianocore/edk2/issues/26',
      ),
      ex(
        'ASSERT /home/abuild/rpmbuild/BUILD/ovmf-0.1+svn18393/OvmfPkg/PlatformPei/MemDetect.c(294): (MtrrSettings.MtrrDefType & 0x00000800) == 0',
        { line: '294' },
        'https://github.com/tianocore/edk2/issues/42',
      ),
    ],
  },
  {
    id: 'edk2.no-bootable-option',
    source: 'edk2',
    cite: 'tianocore/edk2 OvmfPkg/Library/PlatformBootManagerLib/BdsPlatform.c PlatformBootManagerUnableToBoot()',
    format: '%a: No bootable option or device was found.\n',
    versions:
      'followed by "%a: Press any key to enter the Boot Manager Menu." (%a is the module, "BdsDxe"); the lines before it, "BdsDxe: failed to load Boot#### ... : STATUS" (edk2.boot-option-failed), give each option\'s reason. Shown on the VM\'s screen and serial console',
    patterns: [/No bootable option or device was found\./],
    severity: 'error',
    title: "The VM's UEFI firmware found nothing it could boot",
    cause:
      'OVMF tried every boot option and none started, so it stops and offers its Boot Manager menu. The status on each "failed to load/start Boot####" line before it says why: Access Denied / Security Violation = Secure Boot refused an unsigned loader (a firmware with Secure Boot enforced, as some distributions\' default OVMF and virt-manager\'s secure-boot firmware are, booting an unsigned ISO such as many Linux live images); Not Found = no bootable media (an empty disk, a CD not attached, a guest installed in BIOS mode with no EFI system partition); a Windows ISO whose "Press any key to boot from CD or DVD" prompt nobody answered falls through to an empty disk the same way',
    fix: 'read the "failed to load" lines above it: for Access Denied use a signed loader or the OVMF variant without Secure Boot (OVMF_CODE.fd with a fresh OVMF_VARS.fd, or <os firmware="efi"> with secure-boot disabled); for Not Found attach the media and set the boot order, or boot a BIOS-installed guest with SeaBIOS; for a Windows ISO press a key at the prompt',
    render: render('', 'BdsDxe'),
    examples: [
      ex(
        'No bootable option or device was found.',
        undefined,
        'https://github.com/tianocore/edk2/issues/10901',
      ),
    ],
  },
  {
    id: 'edk2.varstore-invalid',
    source: 'edk2',
    cite: 'tianocore/edk2 OvmfPkg/Library/PlatformInitLib/Platform.c PlatformValidateNvVarStore() (called from PlatformInitEmuVariableNvStore() in Secure Boot builds)',
    format: 'NvVarStore FV headers were invalid.\n',
    versions:
      'sibling: "NvVarStore FV checksum was invalid."; a DEBUG build then stops on "ASSERT [PlatformPei] .../PlatformInitLib/Platform.c(NNN): ((BOOLEAN)(0==1))" (edk2 before 2023 kept the check in OvmfPkg/PlatformPei)',
    patterns: [/NvVarStore FV (?<what>headers|checksum) (?:were|was) invalid\./],
    severity: 'error',
    title: 'OVMF found no valid UEFI variable store (the VARS flash)',
    cause:
      "OVMF builds with Secure Boot check, early in PEI, that the second flash device (the VARS file, libvirt's <nvram>) holds a firmware volume with a variable store of the layout this build expects, and it does not: the VM was started with only OVMF_CODE (no VARS flash, or -bios with a CODE-only image), with a VARS file from another build or size (a 2 MB OVMF_VARS.fd with a 4 MB OVMF_CODE_4M, a qcow2 template used as raw), or with a store a SEV guest reads through its encrypted mapping (the edk2 thread's regression). A DEBUG build stops on the ASSERT after it; a release build goes on without persistent variables",
    fix: 'start the VM with the VARS template that belongs to the CODE image (same directory and size: OVMF_CODE_4M.fd with OVMF_VARS_4M.fd), copied fresh for the VM; with libvirt remove the <nvram> file so it is recreated from the right template, or use <os firmware="efi"> to let libvirt pair them',
    render: render(''),
    examples: [
      ex(
        // the line before the ASSERT (edk2.assert reads that one)
        'NvVarStore FV headers were invalid.',
        { what: 'headers' },
        'https://github.com/tianocore/edk2/issues/10392',
      ),
    ],
  },
  {
    id: 'edk2.s3-with-smm-unsupported',
    source: 'edk2',
    cite: 'tianocore/edk2 OvmfPkg/PlatformPei/Platform.c S3Verification() (removed by edk2 commit 098c5570, "OvmfPkg/PlatformPei: drop S3Verification()")',
    format: "%a: S3Resume2Pei doesn't support X64 PEI + SMM yet.\n",
    versions:
      'followed by "S3Verification: Please disable S3 on the QEMU command line (see the README)," and "S3Verification: or build OVMF with \\"OvmfPkgIa32X64.dsc\\"."; then ASSERT (FALSE) and a dead loop. Newer edk2, whose X64 PEI resumes from S3 with SMM, no longer checks',
    patterns: [/S3Verification: S3Resume2Pei doesn't support X64 PEI \+ SMM yet\./],
    severity: 'error',
    title: 'OVMF (X64, with SMM) refuses to boot while QEMU offers S3 suspend',
    cause:
      "this OVMF is a pure X64 build with the SMM driver stack (SMM_REQUIRE, as Secure Boot builds are), and QEMU advertises S3 (suspend to RAM) to the guest; that edk2's X64 PEI could not resume from S3 with SMM, so the firmware stops on purpose at this check — the VM hangs before any boot screen, with this in the firmware debug log only",
    fix: "disable S3 for the VM — libvirt: <pm><suspend-to-mem enabled='no'/></pm>; QEMU: -global ICH9-LPC.disable_s3=1 — or use an IA32X64 build of OVMF or a newer edk2 that dropped the check",
    render: render('', 'S3Verification'),
    examples: [
      ex(
        'S3Verification: S3Resume2Pei doesn\'t support X64 PEI + SMM yet.\nS3Verification: Please disable S3 on the QEMU command line (see the README),\nS3Verification: or build OVMF with "OvmfPkgIa32X64.dsc".',
        undefined,
        'https://github.com/tianocore/edk2/issues/8673',
      ),
    ],
  },
  // ---- QEMU ----
  {
    id: 'qemu.kvm-internal-error',
    source: 'qemu',
    cite: 'qemu/qemu accel/kvm/kvm-all.c kvm_handle_internal_error() (KVM_EXIT_INTERNAL_ERROR; suberror codes: torvalds/linux include/uapi/linux/kvm.h KVM_INTERNAL_ERROR_*)',
    format: 'KVM internal error. Suberror: %d\n',
    versions:
      'for suberror 1 QEMU adds "emulation failure" and, on x86, dumps the registers; "extra data[N]: ..." lines follow when KVM reports them; before KVM_CAP_INTERNAL_ERROR_DATA only "KVM internal error." was printed. The VM stops (or, for an emulation failure a guest could cause, pauses)',
    patterns: [/KVM internal error\. Suberror: (?<suberror>\d{1,3})/],
    severity: 'error',
    title: 'KVM could not go on running the guest (KVM internal error)',
    cause:
      "the host kernel's KVM returned KVM_EXIT_INTERNAL_ERROR for a virtual CPU: it met a situation it cannot handle, and QEMU printed the guest's registers and stopped the VM. It is KVM failing on a guest state, not a device error: a host kernel (KVM) bug or regression, a nested-virtualization host, or a guest doing something KVM must emulate and cannot",
    fix: 'update the host kernel; note RIP/EIP and the code bytes of the register dump (where the guest was); try without a recently added passed-through device and, if the host is itself a VM, on bare metal',
    refine: (f) => {
      switch (f.suberror) {
        case '1':
          return {
            cause:
              'KVM_INTERNAL_ERROR_EMULATION: the guest executed something KVM had to emulate in software (an access to MMIO or to an address without RAM, real-mode code on a CPU without "unrestricted guest", an I/O string instruction) and KVM\'s instruction emulator could not decode or perform it. Commonly the guest runs code from a region that is not RAM (a firmware jumping to a bad address, a ROM or BAR mapped where code is expected), or a host KVM regression: the threads\' OVMF boots failed this way after host kernel updates (4.2) and worked again with fixed kernels',
          };
        case '2':
          return {
            cause:
              'KVM_INTERNAL_ERROR_SIMUL_EX: a second exception arrived while KVM was injecting one into the guest, a combination it does not handle — a guest whose exception handling is broken, or a KVM bug',
          };
        case '3':
          return {
            cause:
              "KVM_INTERNAL_ERROR_DELIVERY_EV: the CPU exited to KVM while delivering an interrupt or exception to the guest (through the guest's IDT), for a reason KVM cannot resume from — typically a fault on guest memory during the delivery (an MMIO or unmapped page under the IDT or stack), or a KVM bug",
          };
        case '4':
          return {
            cause:
              'KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON: the hardware reported a VM exit KVM has no handler for — a mismatch between the host kernel and the CPU (or the outer hypervisor when this host is itself a VM)',
          };
        default:
          return undefined;
      }
    },
    render: render('', 1),
    examples: [
      ex(
        'KVM internal error. Suberror: 1\nemulation failure\nEAX=00000023 EBX=00000002 ECX=00000000 EDX=00000600',
        { suberror: '1' },
        'https://github.com/tianocore/edk2/issues/23',
      ),
      ex(
        'KVM internal error. Suberror: 1\nemulation failure\nEAX=00000800 EBX=00000002 ECX=c0000080 EDX=00000000',
        { suberror: '1' },
        'https://github.com/tianocore/edk2/issues/6597',
      ),
    ],
  },
  {
    id: 'qemu.ramblock-duplicate',
    source: 'qemu',
    cite: 'qemu/qemu system/physmem.c qemu_ram_set_idstr() (exec.c in QEMU before 6.0)',
    format: 'RAMBlock "%s" already registered, abort!\n',
    patterns: [/RAMBlock "(?<id>[^"\n]{1,200})" already registered, abort!/],
    severity: 'error',
    title: 'QEMU aborted: two devices registered the same RAM block',
    cause:
      'QEMU names every RAM region it allocates (guest RAM, video memory, option ROMs) by the owning device\'s path plus a name, and aborts — a crash with a core dump, the VM does not start — when a second region gets a name already taken. The name says which: "vga.vram" is the video memory of a VGA-class display, so two displays were created that register it under the same name (the thread: a KVMGT-patched QEMU adding its own vgt-vga next to the display libvirt adds for <video>); "pc.ram" or a memory-backend id means guest memory defined twice; an option-ROM name means two devices loading the same ROM as the same device',
    fix: 'remove the duplicate: with a display the patched QEMU or a passed-through GPU provides, tell libvirt to add none (<video><model type="none"/></video>, or -vga none on a hand-written command line); drop repeated -device/-object lines from <qemu:commandline>',
    render: render('', 'vga.vram'),
    examples: [
      ex(
        'RAMBlock "vga.vram" already registered, abort!',
        { id: 'vga.vram' },
        'https://github.com/intel/Igvtg-kernel/issues/21',
      ),
    ],
  },
  {
    id: 'qemu.chardev-pty-redirected',
    source: 'qemu',
    cite: 'qemu/qemu chardev/char-pty.c char_pty_open() (qemu-char.c in QEMU 2.x)',
    format: 'char device redirected to %s (label %s)\n',
    patterns: [/char device redirected to (?<pty>\/dev\/pts\/\d{1,6}) \(label (?<label>[\w.-]{1,60})\)/],
    severity: 'info',
    title: 'QEMU opened a pseudo-terminal for a serial console (harmless)',
    cause:
      "QEMU created a pty for a character device (libvirt's <serial type='pty'>/<console>, label charserial0) and says where it is — an ordinary start-up line, often the last one QEMU writes to the domain log before the guest runs. When a VM then hangs with nothing after it, QEMU itself started fine: the guest is stuck, usually in its firmware (a black screen or \"Display output is not active\" — e.g. an OVMF_VARS file that does not belong to the OVMF_CODE image, a firmware fault, a passed-through GPU's ROM)",
    fix: 'nothing for this line; for a hang after it, look at the guest side: connect to the serial console (virsh console VM) and capture the firmware log (-debugcon file:ovmf.log -global isa-debugcon.iobase=0x402)',
    render: render('', '/dev/pts/9', 'charserial0'),
    examples: [
      ex(
        'char device redirected to /dev/pts/9 (label charserial0)',
        { pty: '/dev/pts/9', label: 'charserial0' },
        'https://github.com/tianocore/tianocore.github.io/issues/94',
      ),
    ],
  },
  // ---- libvirt ----
  {
    id: 'libvirt.usb-disabled-usb-devices',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_domain_address.c qemuDomainUSBAddressAddHubs() (from qemuDomainAssignUSBAddresses())',
    format: 'USB is disabled for this domain, but USB devices are present in the domain XML',
    versions:
      'VIR_ERR_CONFIG_UNSUPPORTED, so shown as "unsupported configuration: ..."; at define time virsh adds "error: Failed to define domain from FILE"',
    patterns: [/USB is disabled for this domain, but USB devices are present in the domain XML/],
    severity: 'error',
    title: 'libvirt: the domain has USB devices but no USB controller',
    cause:
      "libvirt counts the domain's USB devices — <hostdev type='usb'>, <input bus='usb'> (the tablet virt-manager adds), <redirdev bus='usb'> (SPICE USB redirection), USB disks, hubs — and refuses the XML when there is at least one while no USB controller is usable: the only USB controller is <controller type='usb' model='none'/> (a tool that disables USB by default, a copied XML), or the machine type has no implicit one (aarch64 'virt', where libvirt adds none by itself)",
    fix: "either add a USB controller (<controller type='usb' model='qemu-xhci'/>, replacing model='none') or remove the USB devices (the tablet, USB redirection channels, USB hostdevs) from the XML",
    render: render('unsupported configuration: '),
    examples: [
      ex(
        'error: Failed to define domain from /tmp/xml_utils_temp_05fpu947.xml\nerror: unsupported configuration: USB is disabled for this domain, but USB devices are present in the domain XML',
        undefined,
        'https://github.com/autotest/tp-libvirt/pull/5203',
      ),
    ],
  },
  {
    id: 'libvirt.virtiofsd-unavailable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_vhost_user.c qemuVhostUserFillDomainFS(); src/qemu/qemu_virtiofs.c qemuVirtioFSStart() ("virtiofsd died unexpectedly")',
    format: 'Unable to find a satisfying virtiofsd',
    versions:
      'VIR_ERR_OPERATION_FAILED, shown as "operation failed: Unable to find a satisfying virtiofsd"; once a <binary path> is given and virtiofsd starts but exits before its socket appears, libvirt reports "internal error: virtiofsd died unexpectedly" instead (its own log: /var/log/libvirt/qemu/DOMAIN-fs0-virtiofsd.log)',
    patterns: [
      /Unable to find a satisfying virtiofsd/,
      /internal error: (?<died>virtiofsd died unexpectedly)/,
    ],
    severity: 'error',
    title: 'libvirt: no usable virtiofsd for a <filesystem> with the virtiofs driver',
    cause:
      "the domain shares a host directory through virtio-fs (<filesystem><driver type='virtiofs'/>), which needs the virtiofsd daemon next to QEMU. Without a <binary path='...'/> in the <filesystem>, libvirt does not search PATH: it reads the vhost-user descriptions (JSON files in /usr/share/qemu/vhost-user/, /etc/qemu/vhost-user/ and the user's ~/.config/qemu/vhost-user/) for one of type \"fs\", and none was there — virtiofsd is not installed (a separate package on most distributions, and absent from some, e.g. a Flatpak'ed virt-manager), or installed without its JSON description (NixOS, where libvirt's vhost-user directory is empty unless the package is added to it)",
    fix: "install virtiofsd (the distribution's virtiofsd package) or point the filesystem at it with <binary path='/path/to/virtiofsd'/>; on NixOS add pkgs.virtiofsd to virtualisation.libvirtd.qemu.vhostUserPackages; or remove the virtiofs share. The domain also needs shared memory (<memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>)",
    refine: (f) =>
      f.died
        ? {
            title: 'libvirt: virtiofsd exited as soon as it was started',
            cause:
              'libvirt found and started virtiofsd for a <filesystem> with the virtiofs driver, but the daemon exited before it opened its socket. Its reason is in its own log (/var/log/libvirt/qemu/DOMAIN-fs0-virtiofsd.log): typically the shared directory does not exist or is not accessible to it, an option the given binary does not understand (the C virtiofsd of older QEMU against the Rust one), or a sandbox (namespaces, seccomp, capabilities) that fails in this environment',
            fix: 'read the virtiofsd log named after the domain; check the <source dir> exists, that the binary libvirt runs is the one meant (<binary path>), and try it by hand with the same options',
          }
        : undefined,
    render: render('operation failed: '),
    examples: [
      ex(
        'ERROR    operation failed: Unable to find a satisfying virtiofsd',
        undefined,
        'https://github.com/NixOS/nixpkgs/issues/187078',
      ),
      ex(
        'Error starting domain: internal error: virtiofsd died unexpectedly',
        { died: 'virtiofsd died unexpectedly' },
        'https://github.com/NixOS/nixpkgs/issues/517409',
      ),
    ],
  },
  {
    id: 'libvirt.monitor-socket-missing',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/qemu/qemu_monitor.c qemuMonitorOpenUnix()',
    format: 'monitor socket did not show up',
    versions:
      'virReportSystemError, so the errno follows (": No such file or directory", ": Connection refused"); libvirt before 1.0 printed "monitor socket did not show up." with a full stop. Newer libvirt stops waiting as soon as the QEMU process is gone and then usually reports "QEMU unexpectedly closed the monitor" with QEMU\'s own error instead',
    patterns: [/monitor socket did not show up\.?(?:: (?<err>[A-Z][^\n]{0,60}))?/],
    severity: 'error',
    title: 'libvirt: QEMU never opened its monitor socket',
    cause:
      'libvirt started QEMU and waited for the monitor socket it told QEMU to create (-chardev socket,...monitor.sock,server); it never appeared (ENOENT) or refused connections (ECONNREFUSED) before the timeout. QEMU exited, or stopped, before reaching that point — a command-line error, a failed device (a passed-through device it could not open), a permission or AppArmor/SELinux denial, or a start so slow (preallocating or pinning a large guest RAM) that the wait ran out. The message hides the real error, which QEMU printed to the domain log',
    fix: "read the last lines of /var/log/libvirt/qemu/VM.log (QEMU's own error, or nothing if it was still busy); for a slow start with a large VFIO guest use hugepages or a smaller memory size, and update libvirt so the error QEMU printed is reported directly",
    render: render(''),
    examples: [
      ex(
        'Error starting domain: monitor socket did not show up',
        undefined,
        'https://github.com/Seitanas/kvm-vdi/issues/81',
      ),
    ],
  },
  {
    id: 'libvirt.client-socket-closed',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/rpc/virnetclient.c virNetClientSendInternal()',
    format: 'client socket is closed',
    versions:
      'VIR_ERR_INTERNAL_ERROR, so shown as "internal error: client socket is closed"; the first call after the loss usually fails with "End of file while reading data: Input/output error" instead',
    patterns: [/internal error: client socket is closed/],
    severity: 'error',
    title: 'libvirt client: the connection to the libvirt daemon is gone',
    cause:
      "a program using libvirt (virsh, virt-manager, a management layer) called it over a connection whose socket to the daemon (libvirtd or virtqemud) had already been closed: the daemon was restarted or crashed (look for a segfault of libvirtd/virtqemud or rpc-worker in the journal), stopped by socket activation's idle timeout, or dropped the client after missed keepalives. The call itself never reached the daemon",
    fix: 'reconnect (restart the tool, or virsh connect); if the daemon crashed, find why in journalctl -u libvirtd / virtqemud and the kernel log',
    render: render('internal error: '),
    examples: [
      ex(
        'libvirtError: internal error: client socket is closed',
        undefined,
        'https://github.com/QubesOS/qubes-issues/issues/3493',
      ),
    ],
  },
  // ---- kernel: a virtualization process crashed ----
  {
    id: 'kernel.userspace-segfault',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/fault.c show_signal_msg()',
    format: '%s%s[%d]: segfault at %lx ip %px sp %px error %lx',
    versions:
      'followed by " in OBJECT[BASE+SIZE]" (the executable or library the instruction pointer was in; 6.x prints it in the same printk), newer kernels then " likely on CPU N (core N, socket N)", and a "Code: ..." line; printed only when the process had no handler for SIGSEGV and show_unhandled_signals is set (the default). QEMU\'s vCPU threads are named "CPU N/KVM", libvirt\'s workers "rpc-worker" / "rpc-virtqemud"',
    patterns: [
      /(?<comm>CPU \d{1,4}\/KVM|[^\s[\]]{1,16})\[(?<pid>\d{1,8})\]: segfault at (?<addr>[0-9a-fA-F]{1,16}) ip (?<ip>[0-9a-fA-F]{1,16}) sp (?<sp>[0-9a-fA-F]{1,16}) error (?<code>[0-9a-fA-F]{1,4})(?: in (?<object>[^\s[]{1,120})\[)?/,
    ],
    severity: 'error',
    title: 'A process crashed with a segmentation fault',
    cause:
      'the named process (thread name[pid]) touched memory it has no mapping for and the kernel killed it with SIGSEGV; "in OBJECT" is the program or library that was executing. That is a bug in that program (or a library it loaded) hit by what it was doing, not a kernel or hardware fault by itself; the same crash repeating on different CPUs with random addresses can point to bad RAM',
    fix: 'note the program and library, update them, and get a backtrace (coredumpctl info / coredumpctl gdb PID) for a bug report',
    refine: (f) => {
      const who = `${f.comm ?? ''} ${f.object ?? ''}`;
      const addr = Number.parseInt(f.addr ?? '', 16);
      const nul =
        Number.isFinite(addr) && addr < 0x1000
          ? ' The fault address is within the first page: a NULL pointer dereference.'
          : '';
      if (/qemu|\/KVM/i.test(who))
        return {
          title: 'QEMU crashed (segmentation fault): the VM died',
          cause: `QEMU, the process running the VM, crashed with SIGSEGV, so the VM stopped at once (libvirt then reports the domain as crashed or its monitor as closed).${nul} It is a QEMU bug hit by the VM's configuration or by what the guest did — a device model, a passed-through device's quirk, a display back end — not a guest error`,
          fix: 'update QEMU; get the backtrace from the core dump (coredumpctl gdb) and the QEMU command line from /var/log/libvirt/qemu/VM.log, and try removing the device last added to find the trigger',
        };
      if (/libvirt|rpc-|virtqemud|virtnodedevd/i.test(who))
        return {
          title: 'The libvirt daemon crashed (segmentation fault)',
          cause: `a libvirt daemon thread (libvirtd or virtqemud; "rpc-worker" is its request worker) crashed with SIGSEGV while handling a request, so the daemon restarted and clients lost their connection (virt-manager shows it disconnected).${nul} It is a libvirt bug hit by that request or by the host's state (the thread: it began when i915.enable_gvt=1 was set on the host, and stopped when it was removed); running VMs keep running`,
          fix: 'update libvirt, get a backtrace (coredumpctl gdb libvirtd or virtqemud) and the last lines of the daemon log, and revert the host change that started it',
        };
      return nul
        ? {
            cause: `the named process crashed with SIGSEGV.${nul} That is a bug in the program or library named after "in", not a kernel or hardware fault by itself`,
          }
        : undefined;
    },
    render: render('', '', 'rpc-worker', 1981, 2, '00007fb6e9a61988', '00007fb6da24e850', 4),
    examples: [
      ex(
        'rpc-worker[1981]: segfault at 2 ip 00007fb6e9a61988 sp 00007fb6da24e850 error 4 in libvirt.so.0.6010.0[7fb6e9944000+208000]',
        { comm: 'rpc-worker', addr: '2', object: 'libvirt.so.0.6010.0' },
        'https://github.com/intel/gvt-linux/issues/182',
      ),
    ],
  },
];
