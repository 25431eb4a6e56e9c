/**
 * The messages programs wrap a VFIO error in (libvirt's "QEMU unexpectedly closed the monitor" is
 * libvirt.qemu-exited, in the same tier): virsh and virt-manager reporting that a domain did not start, KubeVirt's
 * virt-handler relaying virt-launcher's error, Kata's QMP client relaying QEMU's answer, a Rust VMM
 * thread panicking. A wrapper says which program gave up, not why: the cause is the text it quotes
 * (on the same line, or on the lines around it). These entries are fallbacks (entry.ts `tier`):
 * they answer only for a line no entry recognised, so a quoted message that the catalogue knows is
 * explained by its own entry and the wrapper adds nothing; when the quoted text is unknown, cut
 * ("..."), or on another line, they say where the real error is.
 */
import type { CatalogueEntry } from '../entry.js';
import { errnoText, normaliseErrno } from '../errno.js';
import { ex, render } from './build.js';
import { libvirtErrorMeaning } from './user-tools-sweep.js';

export const WRAPPED_ENTRIES: CatalogueEntry[] = [
  {
    id: 'wrapped.domain-start-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-domain.c cmdStart() (virt-manager\'s virtManager/vmmenu.py start: "Error starting domain: %s")',
    format: "Failed to start domain '%1$s'",
    versions:
      'libvirt 9.x+ quotes the name; older: "Failed to start domain %s"; virt-manager: "Error starting domain: %s"',
    tier: 'fallback',
    patterns: [
      /Failed to start domain ['"]?(?<vm>[\w.:@+-]{1,64})['"]?/,
      /Error starting domain: (?<inner>[^\n]{1,300})/,
    ],
    severity: 'error',
    title: 'The domain did not start: the next error line says why',
    cause:
      'virsh (or virt-manager) reports that libvirt refused or failed to start the VM; the reason is the "error: …" line virsh prints right after this one (libvirt\'s own error, often quoting QEMU)',
    fix: "read the line after it (`virsh start NAME 2>&1` prints both) and give it to `vfiokit diagnose`; QEMU's full output is in /var/log/libvirt/qemu/NAME.log",
    // virt-manager's form quotes libvirt's error on the same line: its class says what kind of refusal it was.
    refine: (f) => {
      const meaning = libvirtErrorMeaning(f.inner);
      return meaning
        ? {
            cause: `virt-manager could not start the VM, and the error it quotes is libvirt's: ${meaning}`,
            fix: "the quoted text after the error class is the reason; QEMU's full output is in /var/log/libvirt/qemu/NAME.log",
          }
        : undefined;
    },
    render: render('error: ', 'win10'),
    examples: [
      ex("error: Failed to start domain 'win10'", { vm: 'win10' }),
      ex('error: Failed to start domain centos7', { vm: 'centos7' }),
      ex(
        'Error starting domain: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainCreate)',
        {
          inner:
            'Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainCreate)',
        },
      ),
    ],
  },
  {
    id: 'wrapped.kubevirt-command-failed',
    source: 'container runtime',
    cite: 'kubevirt/kubevirt pkg/virt-handler/cmd-client/client.go handleError() (the virt-handler side of a virt-launcher command)',
    format: 'server error. command %s failed: %q',
    tier: 'fallback',
    patterns: [/server error\. command (?<command>[\w.]{1,40}) failed: (?<inner>[^\n]{0,300})/],
    render: render('', 'SyncVMI'),
    severity: 'error',
    title: "KubeVirt: virt-launcher's libvirt refused the VM: the quoted error says why",
    cause:
      "virt-handler asked the VM's virt-launcher pod to act (SyncVMI: define and start the domain) and it failed; the quoted text is libvirt's error from inside the pod, usually quoting QEMU",
    fix: "read the quoted error (Go escapes its quotes and newlines; `vfiokit diagnose` reads them); the pod's own log (`kubectl logs virt-launcher-…`) has it in full",
    examples: [
      ex(
        'server error. command SyncVMI failed: "LibvirtError(Code=1, Domain=10, Message=\'internal error: some future failure\')"',
        { command: 'SyncVMI' },
      ),
    ],
  },
  {
    id: 'wrapped.qmp-command-failed',
    source: 'container runtime',
    cite: "kata-containers/kata-containers src/runtime/pkg/govmm/qemu/qmp.go processQMPInput() (QEMU's error reply to a QMP command, as Kata relays it)",
    format: 'QMP command failed: %v',
    tier: 'fallback',
    patterns: [/QMP command failed: (?<inner>[^\n]{1,300})/],
    render: render('', 'something new: unknown'),
    severity: 'error',
    title: 'QEMU refused a QMP command (a device hotplug): its reply says why',
    cause:
      "Kata (or another QMP client) asked the running QEMU to do something — for VFIO, hot-plug the device with device_add — and QEMU answered with an error, quoted after the colon; that text is QEMU's own error for the device",
    fix: 'read the quoted QEMU error; Kata adds ": unknown" at the end, which means nothing',
    examples: [ex('QMP command failed: some future failure: unknown')],
  },
  {
    id: 'wrapped.rust-thread-panicked',
    source: 'rust-vmm',
    cite: "rust-lang/rust library/std/src/panicking.rs default_hook() (Cloud Hypervisor's and other Rust VMMs' threads, such as 'vmm')",
    format: "thread '%s' panicked at %s:",
    versions:
      "Rust 1.73+: \"thread 'NAME' panicked at FILE:LINE:COL:\" with the message on the next line; older: \"thread 'NAME' panicked at 'MESSAGE', FILE:LINE:COL\"",
    tier: 'fallback',
    patterns: [/thread '(?<thread>[^'\n]{1,40})' panicked at (?<inner>[^\n]{1,300})/],
    render: render('', 'vmm', 'vmm/src/lib.rs:1:1'),
    severity: 'error',
    title: 'A Rust VMM thread crashed: the error logged before it is the cause',
    cause:
      "a thread of a Rust program (Cloud Hypervisor's 'vmm' thread, crosvm, a rust-vmm tool) hit an error its code did not handle (an unwrap() of a failed step) and aborted; the step that failed is usually logged just before the panic (for VFIO: a region, BAR or DMA mapping error)",
    fix: 'read the ERROR line before the panic and give it to `vfiokit diagnose`; report the panic itself to the project (an unhandled error is a bug), with RUST_BACKTRACE=1 output',
    refine: (f) => {
      // An io::Error's Debug form in the panic message names the errno the failed step returned.
      const code = /Os \{ code: (\d{1,4})/.exec(f.inner ?? '')?.[1];
      const errno = code ? normaliseErrno(`Os { code: ${code}`) : undefined;
      if (errno === 'EMFILE' || errno === 'ENFILE')
        return {
          title: 'A Rust VMM thread crashed: the process ran out of file descriptors',
          cause: `a thread of the VMM aborted on an unhandled error, and the error is ${errno === 'EMFILE' ? 'EMFILE (errno 24; musl\'s text "No file descriptors available", glibc\'s "Too many open files"): the process reached its open-files limit (RLIMIT_NOFILE)' : 'ENFILE: the system-wide file table is full'}. A VMM holds a file descriptor per eventfd — one per interrupt vector (MSI/MSI-X of each passed-through, vfio-user or virtio device, cloned for each user), per queue and per ioeventfd — so a VM with many vCPUs, queues or devices with many MSI-X vectors needs far more than the common default of 1024`,
          fix: 'raise the open-files limit of the VMM process (ulimit -n 65536 in the shell that starts it, LimitNOFILE= in its systemd unit, or the container runtime\'s nofile ulimit) and start the VM again; check `ls /proc/PID/fd | wc -l` against `grep "open files" /proc/PID/limits`',
        };
      if (errno)
        return {
          cause: `a thread of the VMM aborted on an unhandled error: the failed step returned ${errno}${errnoText(errno) ? ` (${errnoText(errno)})` : ''}, named in the panic message; the ERROR line before it says which step`,
        };
      return undefined;
    },
    examples: [
      ex("thread 'vmm' panicked at vmm/src/device_manager.rs:1234:56:", { thread: 'vmm' }),
      ex("thread 'vcpu0' panicked at 'called `Result::unwrap()` on an `Err` value', src/main.rs:10:5", {
        thread: 'vcpu0',
      }),
    ],
  },
  {
    id: 'wrapped.go-panic',
    source: 'container runtime',
    cite: "golang/go src/runtime/panic.go printpanics() and runtime/error.go (the runtime errors' texts), as printed by the Go programs on the VFIO path: KubeVirt virt-launcher and virt-handler, the Kata runtime and shim, device plugins and GPU operators, passthrough helpers such as quickpassthrough",
    format: 'panic: %v',
    versions:
      'runtime errors read "panic: runtime error: …" (invalid memory address or nil pointer dereference, index out of range [I] with length N, slice bounds out of range, integer divide by zero); a map write is "panic: assignment to entry in nil map"; the next lines are "[signal SIGSEGV: …]" for a nil pointer and "goroutine N [running]:" with the stack',
    tier: 'fallback',
    patterns: [/(?:^|[\s:])panic: (?<inner>runtime error: [^\n]{1,200}|assignment to entry in nil map)/],
    render: render('', 'runtime error: invalid memory address or nil pointer dereference'),
    severity: 'error',
    title: 'A Go program on the VFIO path crashed (a panic): a bug in that program',
    cause:
      'a Go program (a KubeVirt or Kata component, a device plugin, a passthrough helper) hit a state its code did not handle and aborted. A panic is always a bug in the program, not a configuration error by itself — but the bug is usually reached through an input it did not check: a configuration value it cannot use, a device, group or file it expected and did not find. The first stack frame below the panic that is not in runtime/ names the function and file where it happened',
    fix: "read the goroutine trace for the first frame in the program itself; search the project's issues for that function and update to its newest release (such crashes are usually fixed there); meanwhile check the input that function handles (the device names, the IDs and the paths in the configuration) and report the panic with the whole trace",
    refine: (f) => {
      const inner = f.inner ?? '';
      if (/nil pointer dereference/.test(inner))
        return {
          cause:
            'a Go program on the VFIO path (a KubeVirt or Kata component, a device plugin, a passthrough helper) followed a nil pointer and crashed: a value it expected to be set was missing — an object it looked up and did not find (a device, a host device entry, a parsed configuration field) or a response it did not check. It is a bug in the program; the input that reaches it is usually a configuration value it did not validate, such as a name with characters it does not expect or a device that is not there. The first stack frame not in runtime/ names the function',
        };
      const empty = /index out of range \[(\d{1,6})\] with length (\d{1,6})/.exec(inner);
      if (empty)
        return {
          cause: `a Go program on the VFIO path crashed taking item ${empty[1]} of a list of ${empty[2]}${empty[2] === '0' ? ' — an empty list: something it looked for was not found (no matching device, group member, ROM file or configuration entry) and it did not check before using the first one' : ''}. It is a bug in the program; the stack frame below names the function, which says what list it was`,
        };
      if (/assignment to entry in nil map/.test(inner))
        return {
          cause:
            'a Go program on the VFIO path wrote into a map it never created and crashed: a bug in a code path that the usual configurations do not reach (a device type, option or platform its authors did not test). The first stack frame not in runtime/ names the function',
        };
      return undefined;
    },
    examples: [
      // The nil-pointer text is a fixed runtime string; its explanation is tested in
      // test/unit/diagnose-set15-misses.test.ts rather than held as an example here.
      ex('panic: runtime error: index out of range [3] with length 2', {
        inner: 'runtime error: index out of range [3] with length 2',
      }),
      ex('panic: assignment to entry in nil map', { inner: 'assignment to entry in nil map' }),
    ],
  },
];

/** The other wordings these entries recognise (coverage.ts spreads them into its ALSO list). */
export const WRAPPED_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'wrapped.domain-start-failed',
    file: 'libvirt/libvirt tools/virsh-domain.c',
    format: 'Failed to start domain %s',
    text: 'error: Failed to start domain win10',
  },
  {
    id: 'wrapped.rust-thread-panicked',
    file: 'rust-lang/rust library/std/src/panicking.rs',
    format: "thread '%s' panicked at '%s', %s",
    text: "thread 'vmm' panicked at 'called `Option::unwrap()` on a `None` value', src/lib.rs:1:1",
  },
];
