// The shell's own errors from passthrough scripts (shell-script-sweep.ts). The oracle is the real
// shells: each message below is printed by /bin/bash or /bin/dash on this machine (Debian ships
// both; CI runs on Debian) running a script made to fail in one way — Windows line endings, a
// missing execute bit, an interpreter that is not there, set -u, an empty test operand, a
// redirection to two words, bash syntax under sh — and diagnose must name that way. What each
// failure means is read in bash's execute_cmd.c/test.c/redir.c/parse.y and dash's exec.c/parser.c.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SHELL_SCRIPT_ENTRIES } from '../../src/readiness/diagnose/catalogue/shell-script-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const dir = mkdtempSync(join(tmpdir(), 'vfiokit-shell-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a script (mode 0755 unless `mode` says otherwise) and returns its path. */
function script(name: string, body: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  chmodSync(path, mode);
  return path;
}

/** What a real shell prints on stderr running `args`, one message per line, without blank lines. */
function stderrOf(shell: '/bin/bash' | '/bin/dash', args: string[]): string[] {
  // --norc: bash reads ~/.bashrc even when not interactive if its standard input is a socket.
  const r = spawnSync(shell, shell === '/bin/bash' ? ['--norc', '--noprofile', ...args] : args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', HOME: dir },
  });
  assert.equal(r.error, undefined, `${shell} could not be run`);
  return r.stderr.split('\n').filter((l) => l.trim() !== '');
}

const only = (line: string, id: string) => onlyFinding(line, id).explanation;

test('every entry of the sweep is registered, cites its source and claims its examples alone', () => {
  assert.equal(checkSweepEntries(SHELL_SCRIPT_ENTRIES, ['shell.']), SHELL_SCRIPT_ENTRIES.length);
  assert.equal(SHELL_SCRIPT_ENTRIES.length, 9);
});

test('Windows line endings: every message bash and env print for a CRLF script is read as CRLF', () => {
  const crlf = script('crlf-body.sh', 'echo start\r\n\r\nfor i in 1 2; do\r\n echo $i\r\ndone\r\n');
  const lines = stderrOf('/bin/bash', [crlf]);
  // bash 5.2: the empty line is a command named $'\r', then `do\r` is no keyword.
  assert.equal(lines.length, 3, lines.join('\n'));
  const first = only(lines[0], 'shell.script-crlf-line-endings');
  assert.match(first.cause, /Windows line endings/);
  assert.match(first.fix, /sed -i/);
  only(lines[1], 'shell.script-crlf-line-endings');

  const env = script('crlf-env.sh', '#!/usr/bin/env bash\r\necho hi\r\n');
  const envLines = stderrOf('/bin/bash', ['-c', env]);
  const byEnv = envLines.find((l) => l.includes('bash\\r'));
  assert.ok(byEnv, envLines.join('\n'));
  only(byEnv, 'shell.script-crlf-line-endings');

  const setE = script('crlf-set.sh', 'set -e\r\ntrue\r\n');
  const setLines = stderrOf('/bin/bash', [setE]);
  const setLine = setLines.find((l) => l.includes('invalid option'));
  assert.ok(setLine, setLines.join('\n'));
  assert.match(only(setLine, 'shell.script-crlf-line-endings').cause, /set -e/);
  // A paste loses the carriage return; the line still reads the same.
  assert.match(only(setLine.replace('\r', ''), 'shell.script-crlf-line-endings').cause, /set -e/);
});

test('a CRLF "#!/bin/bash" run directly: the interpreter is missing, and CRLF is named first among the reasons', () => {
  const hashbang = script('crlf-bang.sh', '#!/bin/bash\r\necho hi\r\n');
  const lines = stderrOf('/bin/bash', ['-c', hashbang]);
  assert.equal(lines.length, 1, lines.join('\n'));
  const e = only(lines[0], 'shell.interpreter-not-found');
  assert.match(e.cause, /Windows line ending/);
  assert.match(e.fix, /od -c/);
  // dash says only "not found" for the same file, and for a path with nothing there.
  const dashLines = stderrOf('/bin/dash', ['-c', `${hashbang}; ${join(dir, 'never-written.sh')}`]);
  assert.equal(dashLines.length, 2, dashLines.join('\n'));
  for (const l of dashLines) assert.match(only(l, 'shell.command-not-found').cause, /carriage return/);
});

test('a hook without its execute bit: Permission denied from execve, by bash and by dash', () => {
  const noexec = script('no-x.sh', '#!/bin/bash\necho hi\n', 0o644);
  const hook = script('qemu', `#!/bin/bash\n${noexec}\n`);
  const lines = [...stderrOf('/bin/bash', [hook]), ...stderrOf('/bin/dash', ['-c', noexec])];
  assert.equal(lines.length, 2, lines.join('\n'));
  for (const l of lines) {
    const e = only(l, 'shell.script-not-executable');
    assert.match(e.cause, /execute bit/);
    assert.match(e.fix, /chmod \+x/);
  }
  // A sysfs file that a specific entry knows keeps that entry's answer.
  assert.deepEqual(
    diagnoseText('vfio.sh: line 2: /sys/bus/pci/rescan: Permission denied').findings.map((f) => f.entry.id),
    ['sysfs.rescan-failed'],
  );
});

test('a script calling a helper by a path where nothing is', () => {
  const hook = script('hook-missing', `#!/bin/bash\n${join(dir, 'vfio-startup.sh')}\n`);
  const lines = stderrOf('/bin/bash', [hook]);
  assert.equal(lines.length, 1, lines.join('\n'));
  const e = only(lines[0], 'shell.script-path-missing');
  assert.match(e.cause, /does not exist/);
});

test('set -u: a missing argument of a libvirt hook and a session variable a hook never has', () => {
  const hook = script('qemu-nounset', '#!/bin/bash\nset -u\necho "$2"\n');
  const lines = stderrOf('/bin/bash', [hook, 'win10']);
  assert.equal(lines.length, 1, lines.join('\n'));
  const arg = only(lines[0].replace(dir, '/etc/libvirt/hooks'), 'shell.unbound-variable');
  assert.match(arg.cause, /GUEST OPERATION SUB-OPERATION/);
  assert.match(arg.cause, /libvirt hook/);
  const session = script('teardown-nounset', '#!/bin/bash\nset -u\necho "$DISPLAY"\n');
  const sLines = stderrOf('/bin/bash', [session]);
  assert.equal(sLines.length, 1, sLines.join('\n'));
  assert.match(only(sLines[0], 'shell.unbound-variable').cause, /outside any session/);
});

test('test-builtin errors: an empty operand, several words, a non-number, bash == under dash', () => {
  const bashLines = stderrOf('/bin/bash', [
    '-c',
    'gpu=; [ $gpu -eq 1 ]; two="0000:01:00.0 0000:01:00.1"; [ $two = x ]',
  ]);
  assert.equal(bashLines.length, 2, bashLines.join('\n'));
  assert.match(only(bashLines[0], 'shell.test-operand-error').cause, /empty/);
  assert.match(only(bashLines[1], 'shell.test-operand-error').cause, /more than one|several words/);
  const dashLines = stderrOf('/bin/dash', ['-c', 'drv=vfio-pci; [ $drv -eq 1 ]; [ nvidia == nvidia ]']);
  assert.equal(dashLines.length, 2, dashLines.join('\n'));
  assert.match(only(dashLines[0], 'shell.test-operand-error').cause, /not a number/);
  assert.match(only(dashLines[1], 'shell.test-operand-error').cause, /dash/);
});

test('a redirection whose target expanded to two words', () => {
  const lines = stderrOf('/bin/bash', ['-c', 'DEV="a b"; echo 1 > $DEV']);
  assert.equal(lines.length, 1, lines.join('\n'));
  const e = only(lines[0], 'shell.ambiguous-redirect');
  assert.match(e.cause, /empty or split into several words/);
});

test('syntax errors: an unclosed block (bash, dash) and bash syntax run by sh', () => {
  const open = script('open-if.sh', 'if true; then\n echo x\n');
  const bashLines = stderrOf('/bin/bash', [open]);
  assert.equal(bashLines.length, 1, bashLines.join('\n'));
  assert.match(only(bashLines[0], 'shell.script-syntax-error').cause, /block was still open/);
  const dashLines = stderrOf('/bin/dash', [open]);
  assert.equal(dashLines.length, 1, dashLines.join('\n'));
  assert.match(only(dashLines[0], 'shell.script-syntax-error').cause, /waiting for "fi"/);
  const bashism = script('bashism.sh', 'gpus=(01:00.0 01:00.1)\necho "$gpus"\n');
  const shLines = stderrOf('/bin/dash', [bashism]);
  assert.equal(shLines.length, 1, shLines.join('\n'));
  assert.match(only(shLines[0], 'shell.script-syntax-error').fix, /#!\/bin\/bash/);
});

test('a program not on PATH: the fallback answer, and rom-parser named for what it is', () => {
  const lines = stderrOf('/bin/bash', ['-c', 'rom-parser vbios.rom']);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(only(lines[0], 'shell.command-not-found').cause, /awilliam\/rom-parser/);
  // A set-up tool a specific entry knows keeps that entry's answer: the fallback stays silent.
  const lspci = stderrOf('/bin/bash', ['-c', 'lspci-not-here; lspci']).filter((l) => l.includes('lspci:'));
  const ids = diagnoseText('bash: line 1: lspci: command not found').findings.map((f) => f.entry.id);
  assert.deepEqual(ids, ['shell.setup-tool-not-found']);
  assert.ok(lspci.length <= 1);
});

test("libvirt's hook failure reads the shell's last error in it, and its own EACCES", () => {
  const hashbang = script('crlf-hook.sh', '#!/bin/bash\r\necho hi\r\n');
  const lines = stderrOf('/bin/bash', ['-c', hashbang]);
  assert.equal(lines.length, 1, lines.join('\n'));
  // libvirt's virHookCall() error: the command, its exit status, then the script's stderr.
  const failed = `error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/bin /etc/libvirt/hooks/qemu win10 prepare begin -) unexpected exit status 126: ${lines[0]}`;
  const e = only(failed, 'libvirt.hook-script-failed');
  assert.match(e.cause, /"prepare" hook failed/);
  assert.match(e.cause, /Windows line ending/);
  const denied = only(
    'error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/bin /etc/libvirt/hooks/qemu win10 prepare begin -) unexpected exit status 126: libvirt:  error : cannot execute binary /etc/libvirt/hooks/qemu: Permission denied',
    'libvirt.hook-script-failed',
  );
  assert.match(denied.cause, /EACCES/);
  assert.match(denied.fix, /chmod \+x/);
});

// systemctl cannot run here (the test machines do not boot systemd as PID 1), so these lines are
// built from systemctl's format ("Failed to %s %s: %s", start_unit_one()) with the bus errors of
// src/core/manager.c ("Unit %s not loaded.") and polkit ("Interactive authentication required.").
test('systemctl in a hook: the display-manager alias that is not there, polkit, and a masked unit', () => {
  const alias = only(
    'Failed to stop display-manager.service: Unit display-manager.service not loaded.',
    'systemd.unit-not-found',
  );
  assert.match(alias.cause, /only an alias/);
  assert.match(alias.fix, /systemctl enable/);
  assert.match(
    only('Failed to stop gdm.service: Interactive authentication required.', 'systemd.unit-not-found').cause,
    /not root/,
  );
  assert.match(
    only(
      'Failed to start nvidia-persistenced.service: Unit nvidia-persistenced.service is masked.',
      'systemd.unit-not-found',
    ).fix,
    /unmask/,
  );
  // A unit that is not on the hook path's list keeps the general answer.
  assert.match(
    only('Failed to stop lightdm.service: Unit lightdm.service not loaded.', 'systemd.unit-not-found').cause,
    /holds the GPU/,
  );
});

test("insmod given a path with no module there: the real kmod's words, read as a missing build", () => {
  const r = spawnSync('insmod', [join(dir, 'kvmfr.ko')], { encoding: 'utf8' });
  assert.equal(r.error, undefined, 'insmod could not be run');
  const line = r.stderr.split('\n').find((l) => l.includes('could not load module'));
  assert.ok(line, r.stderr);
  const e = only(line, 'kmod.insert-failed');
  assert.match(e.cause, /does not search \/lib\/modules/);
  assert.match(e.fix, /modprobe NAME/);
});
