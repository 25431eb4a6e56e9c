/**
 * The shell's own errors, as passthrough scripts print them: libvirt hooks (/etc/libvirt/hooks/qemu
 * and the qemu.d/ trees that single-GPU guides install), Proxmox hookscripts, bind helpers, VM start
 * scripts. When such a script stops half-way, the line a user finds in the journal or in libvirt's
 * "Hook script execution failed" is bash's or dash's, not VFIO's, and it already names the cause:
 * Windows line endings, a file without its execute bit, an interpreter that is not there, a variable
 * that was empty or held two words, bash syntax run by sh. Each entry is read in the shells'
 * sources (GNU bash execute_cmd.c, variables.c, test.c, redir.c, parse.y; dash src/exec.c,
 * src/parser.c, src/bltin/test.c) and checked against bash 5.2 and dash 0.5.12 as Debian 12 ships
 * them: test/unit/diagnose-shell-script-sweep.test.ts runs the real shells to print each message.
 * These are the fallback tier: a line a specific entry knows (a sysfs write, a missing tool of the
 * set-up path, a PCI address in arithmetic) keeps that entry's answer.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const BASH = 'GNU bash';
const DASH = 'dash';

/** How a shell prefixes a message from a script: "SCRIPT: line N: " (bash) or "SCRIPT: N: " (dash). */
const WHERE = '(?:(?<script>[\\w./~+-]{1,64}): (?:line )?(?<lineno>\\d{1,6}): )?';

/** What libvirt, Proxmox and single-GPU guides call the scripts they run, to name it in the cause. */
function scriptKind(script: string | undefined): string {
  if (!script || /^-?(?:ba|da)?sh$|^-c$/.test(script)) return 'the script';
  if (/\/etc\/libvirt\/hooks\//.test(script))
    return `the libvirt hook ${script} (libvirtd runs it as root at each VM start and stop, with its own minimal environment)`;
  if (/snippets|hookscript/i.test(script)) return `the Proxmox hookscript ${script}`;
  return `the script ${script}`;
}

/** Windows line endings: what each shell makes of the carriage return at the end of every line. */
const CRLF_CAUSE =
  'the script was saved with Windows line endings (CRLF: written or copied on Windows, pasted from a web page, or checked out by git with core.autocrlf): every line ends in an invisible carriage return (\\r, shown as ^M), which the shell keeps as part of the last word. An empty line becomes a command named "\\r", `do`/`then`/`fi` are no longer keywords, `set -e` gets an option "\\r", and a "#!/bin/bash" line names an interpreter "/bin/bash\\r" that does not exist. The script stops at its first such line, so whatever it was to do for the VM (unbinding the GPU, stopping the display manager, loading vfio-pci) did not happen';

const CRLF_FIX =
  'convert the file to Unix line endings and run it again: `sed -i \'s/\\r$//\' SCRIPT` (or `dos2unix SCRIPT`); `file SCRIPT` says "with CRLF line terminators" while any are left, and `cat -A SCRIPT` shows them as ^M$. Save scripts from a Windows editor with LF endings, and set `core.autocrlf=input` (or a .gitattributes `*.sh eol=lf`) for a repository of hook scripts';

/** Test-builtin errors: what an unquoted expansion that was empty or held several words does. */
function refineTest(f: Readonly<Record<string, string>>): Refinement | undefined {
  if (f.many)
    return {
      cause:
        'a `[ … ]` test in a shell script got more words than it can parse: an unquoted variable or $(command) held several words. In passthrough scripts this is typically a look-up that found more than one thing — lspci matched two GPUs or both the GPU and its audio function, pgrep found two PIDs, a glob matched several files — so the test (and the step it guards) went wrong',
      fix: 'quote every expansion in tests ("$VAR"), and make the look-up return exactly one item (lspci -D -d VENDOR:DEVICE with the exact IDs, or loop over the results); run the script with `bash -x` to see the value',
    };
  if (f.illegal)
    return {
      cause: `dash's test builtin was asked for a numeric comparison with "${f.illegal}", which is not a number: the value came from a look-up that returned text (a PCI address, a driver name, an empty or "N/A" field) or from a variable that was never set`,
      fix: 'print the value before the test (`set -x`), compare strings with = instead of -eq, or strip the value to the number the script expects',
    };
  return undefined;
}

export const SHELL_SCRIPT_ENTRIES: CatalogueEntry[] = [
  {
    id: 'shell.script-crlf-line-endings',
    source: 'userspace tool',
    cite: `${BASH} execute_cmd.c execute_disk_command() / shell_execve() and parse.y (a word ending in "\\r" is quoted $'…\\r' by ansic_quote()), builtins/set.def set_builtin(); GNU coreutils src/env.c ("%s: %s" with quote() of the program); ${DASH} src/exec.c ("%s: not found")`,
    format: "%s: line %d: $'\\r': command not found",
    versions:
      'bash quotes the carriage return as $\'\\r\' in its messages ("$\'\\r\': command not found", "syntax error near unexpected token `$\'do\\r\'\'", "cd: $\'/sys\\r\': No such file or directory"); coreutils env prints "/usr/bin/env: \'bash\\r\': No such file or directory" (with ‘…’ quotes in a UTF-8 locale); older bash and the kernel\'s interpreter error read "/bin/bash^M: bad interpreter: No such file or directory"; `set -e` and `set -o pipefail` lines give "set: -\\r: invalid option" and "set: pipefail\\r: invalid option name" (the \\r is lost in most pastes)',
    patterns: [
      /\$'(?<word>[^'\n]{0,80})\\r'/,
      /(?<interp>\/[\w./-]{0,60}|\w{1,20})\^M: bad interpreter/,
      /env: [\u2018'"`]?(?<interp>[\w./-]{1,40})\\r[\u2019'"]?: No such file or directory/,
      /set: (?<opt>-|pipefail|errexit|nounset|xtrace)\r?: invalid option/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A passthrough script has Windows line endings (CRLF)',
    cause: CRLF_CAUSE,
    fix: CRLF_FIX,
    refine: (f) =>
      f.opt === '-'
        ? {
            cause: `${CRLF_CAUSE}. Here it is the \`set -e\` (or \`set -x\`) line: bash read the carriage return as one more option letter, which it does not know; without a \\r the line is valid, so a "set: -: invalid option" from a script whose set line looks right is the line ending`,
          }
        : undefined,
    render: render('', 'hook.sh', 2),
    examples: [
      ex("/etc/libvirt/hooks/qemu: line 2: $'\\r': command not found", { word: '' }),
      ex("start.sh: line 5: syntax error near unexpected token `$'do\\r''", { word: 'do' }),
      ex("/usr/bin/env: 'bash\\r': No such file or directory", { interp: 'bash' }),
      ex('-bash: ./vfio-startup.sh: /bin/bash^M: bad interpreter: No such file or directory', {
        interp: '/bin/bash',
      }),
      ex('revert.sh: line 1: set: -: invalid option', { opt: '-' }),
    ],
  },
  {
    id: 'shell.script-not-executable',
    source: 'userspace tool',
    cite: `${BASH} execute_cmd.c shell_execve() (EACCES from execve: "%s: Permission denied"); ${DASH} src/exec.c; libvirt src/util/vircommand.c virExec() ("cannot execute binary %s"); Linux fs/exec.c (execve needs the x bit and a mount without noexec)`,
    format: '%s: line %d: %s: Permission denied',
    versions:
      'bash: "SCRIPT: line N: PROGRAM: Permission denied" (or "bash: ./PROGRAM: Permission denied" typed); dash: "SCRIPT: N: PROGRAM: Permission denied"; libvirt words its own failure to start a hook "cannot execute binary PROGRAM: Permission denied" (libvirt.hook-script-failed reads it)',
    patterns: [
      new RegExp(
        `${WHERE}(?<prog>(?:\\.{0,2}\\/|~\\/)[\\w./+-]{0,200}|[\\w./+-]{1,200}\\.(?:sh|bash|py|pl)): Permission denied`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A passthrough script or program could not be run: Permission denied',
    cause:
      'execve() refused to start the file (EACCES): it has no execute bit for the user running it (a hook copied or written without chmod +x, a script unpacked from an archive or a Windows share), the file system it sits on is mounted noexec (/tmp on hardened systems, a FAT/NTFS/CIFS mount), or a security module denied it (SELinux: a hook under /etc/libvirt/hooks that lost its label, so virtqemud/libvirtd may not execute it; AppArmor on Ubuntu). libvirt treats a hook it cannot run as a failed operation, so the VM did not start',
    fix: 'make it executable (`chmod +x FILE`, for libvirt hooks every script under /etc/libvirt/hooks/qemu.d/… too) and keep it on a file system mounted without noexec (`findmnt -T FILE`); on SELinux run `restorecon -Rv /etc/libvirt/hooks` and check `ausearch -m avc -ts recent`; then restart libvirtd/virtqemud, which finds new hooks only at start',
    refine: (f) =>
      f.prog && /^\/(?:sys|proc|dev)\//.test(f.prog)
        ? {
            cause: `${f.prog} is a kernel file, not a program: the script ran it as a command (a missing "echo … >" before it) or wrote to it without root`,
            fix: 'write to it with a redirection as root: `echo VALUE | sudo tee PATH` (a `sudo echo VALUE > PATH` redirection still runs as the calling user)',
          }
        : f.script
          ? {
              cause: `${scriptKind(f.script)} could not run ${f.prog}: execve() refused it (EACCES) — the file has no execute bit, sits on a noexec mount, or SELinux/AppArmor denied it. The script stopped there (or went on without that step), so the VM's device hand-over was incomplete`,
            }
          : undefined,
    render: render(
      '',
      '/etc/libvirt/hooks/qemu',
      3,
      '/etc/libvirt/hooks/qemu.d/win10/prepare/begin/start.sh',
    ),
    examples: [
      ex('/etc/libvirt/hooks/qemu: line 3: /bin/vfio-startup.sh: Permission denied', {
        script: '/etc/libvirt/hooks/qemu',
        prog: '/bin/vfio-startup.sh',
      }),
      ex('-bash: ./bind_vfio.sh: Permission denied', { prog: './bind_vfio.sh' }),
    ],
  },
  {
    id: 'shell.script-path-missing',
    source: 'userspace tool',
    cite: `${BASH} execute_cmd.c shell_execve() and redir.c (ENOENT: "%s: No such file or directory" for a program run by its path or a file redirected to); ${DASH} src/exec.c and src/redir.c`,
    format: '%s: line %d: %s: No such file or directory',
    versions:
      'bash: "SCRIPT: line N: PATH: No such file or directory"; dash: "SCRIPT: N: PATH: not found" for a program and "cannot create PATH: Directory nonexistent" for a redirection',
    patterns: [
      new RegExp(
        `${WHERE}(?<prog>(?:\\.{1,2}|~|\\/(?:usr|bin|sbin|opt|etc|home|root|var|tmp|srv|mnt|boot|lib))\\/[\\w./+-]{1,200}): No such file or directory`,
      ),
      // A path with spaces (a directory or file named after a device, Unraid's user-script
      // folders): only after bash's "SCRIPT: line N: ", which marks where the path starts.
      /(?<script>[\w./~+-][\w./~+ -]{0,63}): line (?<lineno>\d{1,6}): (?<prog>\/(?:usr|bin|sbin|opt|etc|home|root|var|tmp|srv|mnt|boot|lib)\/[\w./+ ,()[\]-]{1,200}): No such file or directory/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A passthrough script used a path that does not exist',
    cause:
      'the script ran a program, or wrote a file, by a path that is not there: a helper script it calls was never installed or sits elsewhere (single-GPU guides put vfio-startup.sh and vfio-teardown.sh in /bin or /usr/local/bin and the hook calls them by that path), a directory of the path is missing, or the name differs in case or spelling. When the file does exist, the cause is its first line: an interpreter that is missing, often "/bin/bash" followed by a Windows carriage return',
    fix: "check the path as the script has it (`ls -l PATH`); install or copy the helper there, or correct the path in the calling script; if the file exists, look at its first line with `head -1 PATH | od -c` (a \\r means Windows line endings: `sed -i 's/\\r$//' PATH`)",
    refine: (f) => {
      // A device's marketing name used as a file name: its slashes ("AMD/ATI", "RX 470/480") make
      // directories of its parts, which do not exist.
      if (f.prog && /[A-Za-z]\/[A-Z]{2,}\b|\d{3,4}X?\/\d{3,4}|\s\S*\/\S*\s/.test(f.prog))
        return {
          cause: `${f.script ? scriptKind(f.script) : 'the script'} wrote to or ran ${f.prog}, and that path does not exist because a name in it contains slashes: a device's name (lspci's "AMD/ATI …", "Radeon RX 470/480/570") or another free-text name used as a file name turns each "/" into a directory level, and those directories do not exist. The step it served (a vBIOS dump, a saved file) did not happen`,
          fix: 'give the output a short file name without "/" (and preferably without spaces), e.g. RX580.rom, in a directory that exists; quote paths with spaces in the script ("$path")',
        };
      return f.script
        ? {
            cause: `${scriptKind(f.script)} used ${f.prog}, which does not exist (or, if it does, its #! interpreter is missing — often "/bin/bash" with a Windows carriage return after it). The step it served did not happen`,
          }
        : undefined;
    },
    render: render('', '/etc/libvirt/hooks/qemu', 6, '/bin/vfio-startup.sh'),
    examples: [
      ex('/etc/libvirt/hooks/qemu: line 6: /bin/vfio-startup.sh: No such file or directory', {
        script: '/etc/libvirt/hooks/qemu',
        prog: '/bin/vfio-startup.sh',
      }),
      ex('bash: ./gpu-bind.sh: No such file or directory', { prog: './gpu-bind.sh' }),
      ex(
        '/boot/config/plugins/user.scripts/scripts/dump vbios/script: line 88: /mnt/user/isos/vbios/NVIDIA GeForce GTX 1070/1080.rom: No such file or directory',
        {
          script: '/boot/config/plugins/user.scripts/scripts/dump vbios/script',
        },
      ),
    ],
  },
  {
    id: 'shell.interpreter-not-found',
    source: 'userspace tool',
    cite: `${BASH} execute_cmd.c shell_execve() (execve() failed with ENOENT although the file exists: the interpreter of its "#!" line, or an ELF program's loader, is missing); Linux fs/binfmt_script.c and fs/binfmt_elf.c`,
    format: '%s: cannot execute: required file not found',
    versions:
      'bash 5.2 (Debian 12) says "PROGRAM: cannot execute: required file not found"; older bash reads the #! line itself and says "PROGRAM: INTERPRETER: bad interpreter: No such file or directory"',
    patterns: [
      new RegExp(`${WHERE}(?<prog>[\\w./~+-]{1,200}): cannot execute: required file not found`),
      /(?<prog>[\w./~+-]{1,64}): (?<interp>\/[\w./+-]{1,100}): bad interpreter: No such file or directory/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: "A script's interpreter (its #! line) does not exist",
    cause:
      'the file exists, but execve() answered ENOENT: what it needs to start is missing. For a script that is the interpreter its first line names — most often "#!/bin/bash" with a Windows line ending after it (CRLF: the kernel looks for "/bin/bash\\r"), or an interpreter this system keeps elsewhere or lacks (#!/usr/bin/python on a system with only python3, #!/bin/bash in a minimal container or on NixOS, where only /bin/sh and /usr/bin/env exist). For a binary it is its dynamic loader: a program built for another libc (glibc on Alpine/musl) or another architecture',
    fix: "look at the first line: `head -1 FILE | od -c` shows a \\r before the \\n when the line ending is the cause (then `sed -i 's/\\r$//' FILE`); otherwise point the #! line at an interpreter that exists (`#!/usr/bin/env bash` works on NixOS) or install it; for a binary, `file FILE` names the loader it needs",
    refine: (f) =>
      f.interp
        ? {
            cause: `the script's first line names ${f.interp} as its interpreter and there is no such file: it is on another path on this system or not installed (NixOS has no /bin/bash; use #!/usr/bin/env bash), or — very often — the line ends in an invisible Windows carriage return, so the kernel looked for "${f.interp}\\r"`,
          }
        : undefined,
    render: render('bash: ', './vfio-startup.sh'),
    examples: [
      ex('bash: line 1: ./vfio-startup.sh: cannot execute: required file not found', {
        prog: './vfio-startup.sh',
      }),
      ex('bash: ./bind.sh: /usr/bin/bash: bad interpreter: No such file or directory', {
        prog: './bind.sh',
        interp: '/usr/bin/bash',
      }),
    ],
  },
  {
    id: 'shell.unbound-variable',
    source: 'userspace tool',
    cite: `${BASH} variables.c / subst.c err_unboundvar() ("%s: unbound variable", under set -u); ${DASH} src/expand.c ("%s: parameter not set")`,
    format: '%s: unbound variable',
    versions:
      'bash: "SCRIPT: line N: NAME: unbound variable" ($2 shows as "$2"; dash says "2"); dash: "SCRIPT: N: NAME: parameter not set"',
    patterns: [
      new RegExp(
        `${WHERE}(?<var>[A-Za-z_]\\w{0,60}|\\$\\d{1,2}|\\w{1,40}\\[[^\\]\\n]{1,40}\\]): unbound variable`,
      ),
      new RegExp(`${WHERE}(?<var>[A-Za-z_]\\w{0,60}|\\d{1,2}): parameter not set`),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A script stopped on a variable that was never set (set -u)',
    cause:
      "the script runs with `set -u` (or `set -euo pipefail`), so using a variable that has no value stops it. The value was expected from the script's arguments, from the environment it was started in, or from an earlier step that found nothing",
    fix: 'run the script the way its caller does and with tracing (`bash -x SCRIPT ARGS`) to see where the value should have come from; give it a default with the :- expansion only if an empty value is really fine',
    refine: (f) => {
      if (!f.var) return undefined;
      if (/^\$?\d{1,2}$/.test(f.var))
        return {
          cause: `${scriptKind(f.script)} used its argument $${f.var.replace('$', '')}, and it was started with fewer arguments: libvirt calls hooks as "qemu GUEST OPERATION SUB-OPERATION -" (so $1 is the guest name and $2 the operation), Proxmox calls a hookscript with "VMID PHASE", and a script run by hand or from a systemd unit gets only what was typed there`,
          fix: 'run it with the arguments its caller passes (for a libvirt hook: `sudo /etc/libvirt/hooks/qemu GUEST prepare begin - < /etc/libvirt/qemu/GUEST.xml`), or check "$#" before using them',
        };
      if (
        /^(?:DISPLAY|WAYLAND_DISPLAY|XDG_\w+|DBUS_SESSION_BUS_ADDRESS|HOME|USER|LOGNAME|SUDO_USER|XAUTHORITY)$/.test(
          f.var,
        )
      )
        return {
          cause: `${scriptKind(f.script)} relies on ${f.var}, which belongs to a user's login or desktop session: libvirtd, systemd units and Proxmox run hooks as root outside any session, with a minimal environment, so it is not set there`,
          fix: `do not rely on the session's environment in a hook: set ${f.var} in the script (or find the session with loginctl) and run user-session commands through \`runuser -u USER --\` or \`systemctl --user -M USER@\``,
        };
      return undefined;
    },
    render: render('/etc/libvirt/hooks/qemu: line 4: ', 'GPU'),
    examples: [
      ex('/etc/libvirt/hooks/qemu: line 4: $2: unbound variable', {
        script: '/etc/libvirt/hooks/qemu',
        var: '$2',
      }),
      ex('./vfio-teardown.sh: line 12: DISPLAY: unbound variable', { var: 'DISPLAY' }),
      ex('start.sh: 7: GPU: parameter not set', { var: 'GPU' }),
    ],
  },
  {
    id: 'shell.test-operand-error',
    source: 'userspace tool',
    cite: `${BASH} test.c (test_syntax_error(): "%s: unary operator expected", "%s: binary operator expected", "too many arguments"; integer_expected_error()); ${DASH} src/bltin/test.c ("%s: unexpected operator", "Illegal number: %s")`,
    format: '[: %s: unary operator expected',
    versions:
      'bash: "SCRIPT: line N: [: WORD: unary operator expected", "[: too many arguments", "[: WORD: binary operator expected", "[: WORD: integer expression expected"; dash: "SCRIPT: N: [: WORD: unexpected operator", "[: Illegal number: WORD"',
    patterns: [
      new RegExp(`${WHERE}\\[{1,2}: (?<word>[^:\\n]{1,80}): (?:unary|binary) operator expected`),
      new RegExp(`${WHERE}\\[: (?<many>too many) arguments`),
      new RegExp(`${WHERE}\\[: (?<word>[^:\\n]{1,80}): (?<unexp>unexpected) operator`),
      new RegExp(`${WHERE}\\[: Illegal number: (?<illegal>[^\\n]{1,80})`),
      new RegExp(`${WHERE}\\[: (?<word>[^:\\n]{1,80}): integer expression expected`),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A test in a passthrough script got an empty or unexpected value',
    cause:
      'a `[ … ]` test in a shell script was given the wrong number of words: an unquoted variable or $(command) was empty, so an operator ended up without its operand. In passthrough scripts the value is usually a look-up that found nothing — no GPU matched the lspci pattern, the device has no driver bound, a PID file or a sysfs file was missing — so the branch the script took was the wrong one and the step it guards (unbinding, stopping the display manager, rebinding) was skipped or done wrongly',
    fix: 'quote every expansion in tests ("$VAR", "$(cmd)"), and check the look-up on this host by hand (lspci -nnk, ls -l /sys/bus/pci/devices/ADDRESS/driver); `bash -x SCRIPT` shows each test with its values. dash (sh on Debian/Ubuntu) also refuses bash\'s `==` in [ ]: use `=`, or run the script with bash',
    refine: (f) => {
      const r = refineTest(f);
      if (r) return r;
      if (f.unexp)
        return {
          cause: `dash's test builtin (/bin/sh on Debian and Ubuntu) did not expect what followed "${f.word}": most often the script uses bash's \`[ a == b ]\`, which dash does not know (it has only \`=\`), or an unquoted variable there held several words. The comparison failed and the script took the wrong branch`,
          fix: 'start the script with #!/bin/bash (and run it with bash, not `sh SCRIPT`), or write `=` in the test; quote the variables ("$VAR")',
        };
      return undefined;
    },
    render: render('stop.sh: line 9: ', '-eq'),
    examples: [
      ex('stop.sh: line 9: [: -eq: unary operator expected', { script: 'stop.sh', word: '-eq' }),
      ex('/etc/libvirt/hooks/qemu.d/win10/release/end/revert.sh: line 6: [: too many arguments', {
        many: 'too many',
      }),
      ex('bind.sh: 14: [: Illegal number: vfio-pci', { illegal: 'vfio-pci' }),
      ex('start.sh: 3: [: nvidia: unexpected operator', { word: 'nvidia', unexp: 'unexpected' }),
    ],
  },
  {
    id: 'shell.ambiguous-redirect',
    source: 'userspace tool',
    cite: `${BASH} redir.c redirection_error() ("%s: ambiguous redirect": the target word expanded to no word or to several)`,
    format: '%s: ambiguous redirect',
    versions: 'bash only; dash writes to a file named by the first word or fails with "cannot create"',
    patterns: [new RegExp(`${WHERE}(?<target>[^:\\n]{0,120}\\$[^:\\n]{1,120}): ambiguous redirect`)],
    tier: 'fallback',
    severity: 'error',
    title: "A script's redirection target was empty or several words",
    cause:
      'bash refused a redirection (`echo … > $FILE`) because the file name it expanded to was empty or split into several words: the variable was never set, or a look-up put more than one value in it — in passthrough scripts typically a PCI address from lspci that matched two devices (the GPU and its audio function, or two GPUs), or a sysfs path built from a look-up that found nothing. Nothing was written, so that sysfs write (unbind, driver_override, remove/rescan) did not happen',
    fix: 'quote the target (`> "$FILE"`) and make sure the variable holds exactly one path: print it first, loop over several addresses, and use exact lspci IDs (lspci -D -d VENDOR:DEVICE)',
    render: render('vfio-bind.sh: line 8: ', '$DEV'),
    examples: [
      ex('vfio-bind.sh: line 8: $DEV: ambiguous redirect', { target: '$DEV' }),
      ex('/etc/libvirt/hooks/qemu: line 20: /sys/bus/pci/devices/$GPU/driver/unbind: ambiguous redirect', {
        target: '/sys/bus/pci/devices/$GPU/driver/unbind',
      }),
    ],
  },
  {
    id: 'shell.script-syntax-error',
    source: 'userspace tool',
    cite: `${BASH} parse.y report_syntax_error() ("syntax error near unexpected token \`%s'", "syntax error: unexpected end of file"); ${DASH} src/parser.c synexpect()/synerror() ("Syntax error: %s unexpected", "Syntax error: end of file unexpected (expecting \\"%s\\")")`,
    format: "syntax error near unexpected token `%s'",
    versions:
      'bash: "SCRIPT: line N: syntax error near unexpected token `TOKEN\'" then the line itself, or "syntax error: unexpected end of file"; dash: "SCRIPT: N: Syntax error: "(" unexpected", "Syntax error: end of file unexpected (expecting "fi")", "Syntax error: word unexpected (expecting "do")"',
    patterns: [
      new RegExp(`${WHERE}syntax error near unexpected token \`(?<token>[^'$\\n][^'\\n]{0,59})'`),
      new RegExp(`${WHERE}syntax error: (?<eof>unexpected end of file)`),
      new RegExp(
        `${WHERE}Syntax error: (?<dtoken>"[^"\\n]{1,20}"|[\\w ]{1,30}) unexpected(?: \\(expecting "(?<expecting>[^"\\n]{1,20})"\\))?`,
      ),
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A passthrough script has a syntax error and did not run',
    cause:
      'the shell could not parse the script, so it ran none of it (bash stops at the line it names; dash before running anything): an edit left a block unclosed (if/fi, do/done, { }, a quote), a line was pasted from a web page with its characters changed, or the file has Windows line endings (then `then`, `do` and `fi` carry an invisible \\r and are no longer keywords)',
    fix: 'check the file with `bash -n SCRIPT` (it prints the first error without running anything) and `file SCRIPT` ("CRLF line terminators": convert with `sed -i \'s/\\r$//\' SCRIPT`); compare the script with the guide it came from',
    refine: (f) => {
      if (f.dtoken === '"("')
        return {
          cause:
            'dash (/bin/sh on Debian and Ubuntu) found bash syntax: an array, `function name()`, or `<(…)`. The script is written for bash but was run by sh — its first line is #!/bin/sh, or it was started as `sh SCRIPT` — so nothing of it ran',
          fix: 'make the first line #!/bin/bash and run the script as ./SCRIPT or `bash SCRIPT` (never `sh SCRIPT`)',
        };
      if (f.eof || f.expecting)
        return {
          cause: `the shell reached the end of the script while a block was still open${f.expecting ? ` (it was waiting for "${f.expecting}")` : ''}: an if without fi, a loop without done, a function without its closing brace, or a quote that is never closed. With Windows line endings every closing keyword reads "fi\\r"/"done\\r" and this is the error you get, so check for CRLF first`,
        };
      return undefined;
    },
    render: render('start.sh: line 12: ', 'fi'),
    examples: [
      ex("start.sh: line 12: syntax error near unexpected token `fi'", { token: 'fi' }),
      ex('/etc/libvirt/hooks/qemu: line 30: syntax error: unexpected end of file', {
        eof: 'unexpected end of file',
      }),
      ex('vfio-startup.sh: 4: Syntax error: "(" unexpected', { dtoken: '"("' }),
      ex('teardown.sh: 19: Syntax error: end of file unexpected (expecting "fi")', { expecting: 'fi' }),
    ],
  },
  {
    id: 'shell.command-not-found',
    source: 'userspace tool',
    cite: `${BASH} execute_cmd.c execute_disk_command() ("%s: command not found"); ${DASH} src/exec.c ("%s: not found"); sudo plugins/sudoers ("%s: command not found")`,
    format: '%s: command not found',
    versions:
      'bash: "SCRIPT: line N: NAME: command not found" (or "bash: NAME: command not found" typed); dash: "SCRIPT: N: NAME: not found"; sudo: "sudo: NAME: command not found"',
    patterns: [
      new RegExp(`${WHERE}(?<cmd>[\\w.+-]{1,60}|\\/[\\w./+-]{1,120}): command not found`),
      /^(?<script>[\w./~+-]{1,64}): (?<lineno>\d{1,6}): (?<cmd>[\w.+-]{1,60}|\/[\w./+-]{1,120}): not found/,
      /^sudo: (?<cmd>[\w.+-]{1,60}): command not found/,
    ],
    tier: 'fallback',
    severity: 'error',
    title: 'A script calls a program that is not installed or not on its PATH',
    cause:
      'the shell found no program of that name on the PATH the script ran with. Either it is not installed, or it is in a directory that PATH lacks there: libvirt hooks and systemd units run with a short PATH, sudo uses its secure_path, a non-root shell on Debian has no /sbin or /usr/sbin, and NixOS units see only the packages listed for them. Every call to it failed, so the step it served did not happen',
    fix: 'install the package that provides it (`command -v NAME` says whether this shell finds it; on Debian `apt-file search bin/NAME` names the package), or call it by its full path in the script',
    refine: (f) => {
      const known: Record<string, string> = {
        'rom-parser':
          'rom-parser is not packaged: it is built from its source (github.com/awilliam/rom-parser, `make`) and run from where it was built, as ./rom-parser',
        'looking-glass-client':
          'looking-glass-client is built from the Looking Glass source release that matches the host application in the guest (cmake in client/), or installed from a distribution package of the same version',
        qm: "qm is Proxmox VE's VM command: it exists only on a Proxmox host (run the script there, or use virsh on a libvirt host)",
        pvesh: 'pvesh exists only on a Proxmox VE host',
        'nvidia-xconfig': "nvidia-xconfig comes with NVIDIA's proprietary driver packages",
        'vendor-reset': 'vendor-reset is a kernel module (load it with modprobe vendor-reset), not a command',
        dos2unix: "dos2unix is its own package; `sed -i 's/\\r$//' FILE` does the same",
      };
      if (f.cmd?.includes('/'))
        return {
          cause: `${scriptKind(f.script)} ran ${f.cmd} by its path and it could not be started: there is no file there (a helper never installed, or installed elsewhere), or the file exists and the interpreter its first line names does not — dash says "not found" for both, and a "#!/bin/bash" line with a Windows carriage return after it is the usual case`,
          fix: "`ls -l PATH` to see whether it exists; if it does, `head -1 PATH | od -c` shows a \\r before the \\n when the line ending is the cause (`sed -i 's/\\r$//' PATH`)",
        };
      const why = f.cmd ? known[f.cmd] : undefined;
      return why
        ? { cause: `${why}. Every call to it failed, so the step it served did not happen` }
        : undefined;
    },
    render: render('dump-rom.sh: line 5: ', 'rom-parser'),
    examples: [
      ex('dump-rom.sh: line 5: rom-parser: command not found', { cmd: 'rom-parser' }),
      ex('bash: qm: command not found', { cmd: 'qm' }),
      ex('/etc/libvirt/hooks/qemu: 12: looking-glass-client: not found', { cmd: 'looking-glass-client' }),
    ],
  },
];

/**
 * What the shell says in a hook's stderr, as one of these entries reads it (for libvirt's "Hook
 * script execution failed: … unexpected exit status N: STDERR", which carries the script's last
 * error line): the entry's explanation after its refinement, or undefined when none matches.
 */
export function shellReading(stderr: string): { title: string; cause: string; fix: string } | undefined {
  for (const e of SHELL_SCRIPT_ENTRIES)
    for (const p of e.patterns) {
      const m = p.exec(stderr);
      if (!m) continue;
      const facts: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) facts[k] = v;
      const r = e.refine?.(facts);
      return { title: e.title, cause: r?.cause ?? e.cause, fix: r?.fix ?? e.fix };
    }
  return undefined;
}
