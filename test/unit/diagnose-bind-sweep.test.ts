// The binding and setup sweep (catalogue/bind-setup.ts and the remove/rescan rows of
// sysfs-errno.ts): the facts in a message change the explanation the way the producing source
// says. Expected causes come from the sources the entries cite: drivers/pci/pci-sysfs.c
// remove_store() (kstrtoul() → EINVAL) and fs/kernfs/file.c (a write to a node being removed →
// ENODEV); kmod tools/modprobe.c insmod_insert() (ENOENT is printed as "Unknown symbol in module,
// or unknown parameter", EEXIST as "Module already in kernel"); Linux 6.2 folding vfio_virqfd into
// vfio (drivers/vfio/Makefile); libvirt's hook phases (docs/hooks.rst: prepare runs before the
// VM starts, release after it stopped); drivers/base/dd.c really_probe() (EBUSY on leftover
// devres); DPDK rte_eal_init() (PA vs VA).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('a failed write to remove: the errno decides the cause', () => {
  const gone = onlyFinding(
    '-bash: /sys/bus/pci/devices/0000:01:00.0/remove: No such file or directory',
    'sysfs.remove-failed',
  );
  assert.equal(gone.facts.errno, 'ENOENT');
  assert.match(gone.explanation.cause, /already removed/);
  assert.match(gone.explanation.fix, /\/sys\/bus\/pci\/rescan/);
  const racing = onlyFinding(
    'echo 1 > /sys/bus/pci/devices/0000:0b:00.1/remove\nbash: echo: write error: No such device',
    'sysfs.remove-failed',
  );
  assert.equal(racing.explanation.severity, 'warning');
  assert.match(racing.explanation.cause, /already being removed/);
  const notNumber = onlyFinding(
    "OSError: [Errno 22] Invalid argument: '/sys/bus/pci/devices/0000:01:00.0/remove'",
    'sysfs.remove-failed',
  );
  assert.match(notNumber.explanation.cause, /only a number/);
  const root = onlyFinding('-bash: /sys/bus/pci/rescan: Permission denied', 'sysfs.rescan-failed');
  assert.match(root.explanation.fix, /sudo tee/);
});

test('remove and rescan are read only from an absolute path, not from a shell complaining about a command', () => {
  for (const line of ['bash: remove: command not found', 'zsh: rescan: command not found']) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.ok(
      !ids.includes('sysfs.remove-failed') && !ids.includes('sysfs.rescan-failed'),
      `${line}: ${ids}`,
    );
  }
});

test('modprobe could not insert: the kernel reason picks the cause', () => {
  const nvidia = onlyFinding(
    "modprobe: ERROR: could not insert 'nvidia': No such device",
    'kmod.insert-failed',
  );
  assert.equal(nvidia.explanation.severity, 'warning');
  assert.match(nvidia.explanation.cause, /vfio-pci/);
  const param = onlyFinding(
    "modprobe: ERROR: could not insert 'vfio_pci': Unknown symbol in module, or unknown parameter (see dmesg)",
    'kmod.insert-failed',
  );
  assert.match(param.explanation.cause, /parameter the module does not have/);
  const signed = onlyFinding(
    "modprobe: ERROR: could not insert 'vendor_reset': Key was rejected by service",
    'kmod.insert-failed',
  );
  assert.match(signed.explanation.cause, /Secure Boot/);
  const loaded = onlyFinding(
    "modprobe: ERROR: could not insert 'vfio_pci': Module already in kernel",
    'kmod.insert-failed',
  );
  assert.equal(loaded.explanation.severity, 'info');
  const sd = onlyFinding(
    "systemd-modules-load[312]: Failed to insert module 'vfio_pci': Invalid argument",
    'systemd.modules-load-insert-failed',
  );
  assert.equal(sd.facts.module, 'vfio_pci');
  assert.match(sd.explanation.cause, /invalid for parameter/);
});

test('libkmod finding no file for a known name: the ENOENT is not a parameter problem', () => {
  const f = onlyFinding(
    "modprobe: ERROR: ../libkmod/libkmod-module.c:832 kmod_module_insert_module() could not find module by name='vendor_reset'",
    'kmod.module-path-unknown',
  );
  assert.equal(f.facts.module, 'vendor_reset');
  assert.match(f.explanation.cause, /no parameter is involved/);
  assert.match(f.explanation.fix, /depmod -a/);
  const install = onlyFinding(
    'modprobe: ERROR: Error running install command for vfio_pci',
    'kmod.install-command-failed',
  );
  assert.equal(install.facts.type, 'install');
  assert.match(install.explanation.cause, /driver_override/);
});

test('vfio_virqfd missing is harmless on Linux 6.2+, whichever tool reports it', () => {
  const lines: [string, string][] = [
    [
      'modprobe: FATAL: Module vfio_virqfd not found in directory /lib/modules/6.8.0-31-generic',
      'kmod.module-not-found',
    ],
    ["==> ERROR: module not found: 'vfio_virqfd'", 'initramfs.mkinitcpio-module-not-found'],
    ["dracut-install: Failed to find module 'vfio_virqfd'", 'setup.module-name-not-found'],
    ["systemd-modules-load[301]: Failed to find module 'vfio_virqfd'", 'setup.module-name-not-found'],
  ];
  for (const [line, id] of lines) {
    const f = onlyFinding(line, id);
    assert.equal(f.explanation.severity, 'info', line);
    assert.match(f.explanation.cause, /Linux 6\.2/, line);
  }
  const other = onlyFinding(
    'modprobe: FATAL: Module vfio_pci not found in directory /lib/modules/5.15.0-91-generic',
    'kmod.module-not-found',
  );
  assert.equal(other.explanation.severity, 'error');
  assert.equal(other.facts.dir, '/lib/modules/5.15.0-91-generic');
  assert.match(other.explanation.cause, /built in/);
});

test('a module in use: the holders are read and the usual holders named', () => {
  const f = onlyFinding(
    'rmmod: ERROR: Module nvidia is in use by: nvidia_modeset nvidia_uvm',
    'kmod.module-in-use',
  );
  assert.equal(f.facts.holders, 'nvidia_modeset nvidia_uvm');
  assert.match(f.explanation.fix, /modprobe -r nvidia_drm nvidia_modeset nvidia_uvm nvidia/);
  const vfio = onlyFinding('modprobe: FATAL: Module vfio_pci is in use.', 'kmod.module-in-use');
  assert.match(vfio.explanation.cause, /VM/);
});

test('a libvirt hook failing: the phase decides what it left behind', () => {
  const prepare = onlyFinding(
    'libvirtd[1021]: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/bin /etc/libvirt/hooks/qemu win10 prepare begin -) unexpected exit status 1',
    'libvirt.hook-script-failed',
  );
  assert.equal(prepare.facts.domain, 'win10');
  assert.equal(prepare.explanation.severity, 'error');
  assert.match(prepare.explanation.cause, /did not start the VM/);
  assert.match(prepare.explanation.cause, /wrote nothing to stderr/);
  const release = onlyFinding(
    'Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/bin /etc/libvirt/hooks/qemu win10 release end -) unexpected exit status 3: rmmod: ERROR: Module vfio_pci is in use',
    'libvirt.hook-script-failed',
  );
  assert.equal(release.explanation.severity, 'warning');
  assert.match(release.explanation.cause, /after the VM stopped/);
  assert.match(release.explanation.cause, /exit status 3, saying: rmmod/);
  const shebang = onlyFinding(
    'error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/sbin:/usr/sbin:/bin:/usr/bin /etc/libvirt/hooks/qemu vm1 prepare begin -) unexpected exit status 1: libvirt:  error : cannot execute binary /etc/libvirt/hooks/qemu: Exec format error',
    'libvirt.hook-script-failed',
  );
  assert.match(shebang.explanation.cause, /interpreter line/);
});

test('/etc/default/grub: a parameter outside the quotes never reaches the kernel', () => {
  const f = onlyFinding(
    '/etc/default/grub: line 10: intel_iommu=on: command not found',
    'grub.default-not-shell',
  );
  assert.equal(f.facts.word, 'intel_iommu=on');
  assert.equal(f.facts.line, '10');
  assert.match(f.explanation.cause, /IOMMU\/VFIO setting/);
  const other = onlyFinding('/etc/default/grub: 7: splash: not found', 'grub.default-not-shell');
  assert.doesNotMatch(other.explanation.cause, /IOMMU\/VFIO setting/);
});

test('driver-core refusals: the AMD IOMMU function and pcspkr are harmless, others are not', () => {
  const iommu = onlyFinding(
    'pci 0000:00:00.2: Resources present before probing',
    'kernel.resources-before-probe',
  );
  assert.equal(iommu.explanation.severity, 'info');
  const gpu = onlyFinding(
    'vfio-pci 0000:0b:00.0: Resources present before probing',
    'kernel.resources-before-probe',
  );
  assert.equal(gpu.explanation.severity, 'error');
  assert.match(gpu.explanation.cause, /EBUSY/);
  const spk = onlyFinding(
    "Error: Driver 'pcspkr' is already registered, aborting...",
    'kernel.driver-already-registered',
  );
  assert.equal(spk.explanation.severity, 'info');
  const vfio = onlyFinding(
    "Error: Driver 'vfio-pci' is already registered, aborting...",
    'kernel.driver-already-registered',
  );
  assert.equal(vfio.explanation.severity, 'error');
});

test('DPDK: IOVA as PA is explained, and a missing optional module is harmless', () => {
  const pa = onlyFinding("EAL: Selected IOVA mode 'PA'", 'dpdk.iova-mode-selected');
  assert.match(pa.explanation.cause, /saw no IOMMU/);
  assert.equal(pa.explanation.severity, 'info');
  const vfio = onlyFinding(
    'EAL: Module /sys/module/vfio_pci not found! error 2 (No such file or directory)',
    'dpdk.vfio-module-not-loaded',
  );
  assert.equal(vfio.explanation.severity, 'warning');
  const kni = onlyFinding(
    'EAL: Module /sys/module/rte_kni not found! error 2 (No such file or directory)',
    'dpdk.vfio-module-not-loaded',
  );
  assert.equal(kni.explanation.severity, 'info');
});

test('DPDK refusing IOVA as VA: the reason on the line picks the cause', () => {
  const noiommu = onlyFinding(
    'EAL: Some devices want iova as va but pa will be used because.. EAL: vfio-noiommu mode configured',
    'dpdk.iova-va-refused',
  );
  assert.match(noiommu.explanation.cause, /no-IOMMU mode/);
  const uio = onlyFinding(
    'EAL: Some devices want iova as va but pa will be used because.. few device bound to UIO',
    'dpdk.iova-va-refused',
  );
  assert.match(uio.explanation.fix, /vfio-pci/);
  const width = onlyFinding(
    'EAL: Some devices want iova as va but pa will be used because.. IOMMU does not support IOVA as VA',
    'dpdk.iova-va-refused',
  );
  assert.match(width.explanation.cause, /address width/);
});

test('lines close to these messages are not taken for them', () => {
  const near: [string, string][] = [
    ['systemd[1]: Failed to start Network Manager.', 'systemd.modules-load-failed'],
    ["dracut: Failed to find module directory '/lib/modules/6.5.0'", 'setup.module-name-not-found'],
    ['/etc/default/keyboard: line 3: XKBMODEL: command not found', 'grub.default-not-shell'],
    ['EAL: Selected IOVA mode automatically', 'dpdk.iova-mode-selected'],
    ['modprobe: FATAL: Module vfio_pci is in the blacklist', 'kmod.module-in-use'],
  ];
  for (const [line, id] of near) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.ok(!ids.includes(id), `${id} took: ${line}`);
  }
});

test('a bare bind/unbind is a sysfs write only when a shell follows it with an errno text', () => {
  // bash's own `bind` builtin and a missing command name the same word; neither is a write.
  for (const line of [
    'bash: bind: warning: line editing not enabled',
    'bash: unbind: command not found',
    'bash: bind: -x: option requires an argument',
  ]) {
    const ids = diagnoseText(line).findings.map((f) => f.entry.id);
    assert.ok(!ids.some((id) => id.startsWith('sysfs.')), `${line}: ${ids.join(', ')}`);
  }
  // The shells' own wordings of a failed open of the file in the driver's directory (bash
  // redir.c: "%s: %s" with strerror; dash: "cannot create %s: %s").
  assert.equal(onlyFinding('-bash: bind: Permission denied', 'sysfs.bind-failed').facts.errno, 'EACCES');
  assert.equal(
    onlyFinding('sh: 1: cannot create unbind: Directory nonexistent', 'sysfs.unbind-failed').facts.errno,
    'ENOENT',
  );
});
