// AppArmor denials on the VFIO path (catalogue/apparmor.ts): the profile, the object, the
// operation and the mode change the explanation. Expected causes come from what the kernel records
// (security/apparmor/audit.c audit_pre(): apparmor="DENIED" or "ALLOWED" — complain mode, where the
// access went through —, operation=, profile=, name=; file.c: requested_mask=, denied_mask=) and
// from what libvirt's virt-aa-helper puts in a VM's libvirt-<UUID> profile (the /dev/vfio node of
// each <hostdev>, the hugepage mounts, ROM files under /usr/share). The records are built from the
// format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const ID = 'kernel.apparmor-denied';
const VM = 'libvirt-6c5f7ad2-1ccb-4d7c-9c3f-1d2f1c0b6a3e';

test("a VFIO node refused to a VM's QEMU: <hostdev> puts it in the profile, in the three forms the record takes", () => {
  const rec = `apparmor="DENIED" operation="open" profile="${VM}" name="/dev/vfio/16" pid=4567 comm="qemu-system-x86" requested_mask="wr" denied_mask="wr" fsuid=64055 ouid=0`;
  const forms = [
    rec,
    `[ 3123.456789] audit: type=1400 audit(1700000000.123:45): ${rec}`,
    `type=AVC msg=audit(1700000000.123:45): ${rec.replace('operation="open"', 'operation="open" class="file"')}`,
  ];
  for (const line of forms) {
    const f = onlyFinding(line, ID);
    assert.match(f.explanation.cause, /VFIO node/, line);
    assert.match(f.explanation.cause, /per-VM profile/, line);
    assert.match(f.explanation.fix, /<hostdev/, line);
    assert.match(f.explanation.fix, /\/dev\/vfio\/\* rw/, line);
  }
  assert.equal(forms.length, 3);
});

test('ALLOWED is complain mode: logged, not enforced, so not the failure', () => {
  const f = onlyFinding(
    `audit: type=1400 audit(1700000000.123:46): apparmor="ALLOWED" operation="open" profile="${VM}" name="/dev/vfio/16" pid=4567 comm="qemu-system-x86" requested_mask="wr" denied_mask="wr" fsuid=64055 ouid=0`,
    ID,
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /not why something failed/);
});

test('a ROM file, a hugepage path, a sysfs file and a capability each get their own cause', () => {
  const rom = onlyFinding(
    `apparmor="DENIED" operation="open" profile="${VM}" name="/root/gpu-vbios.rom" pid=2211 comm="qemu-system-x86" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`,
    ID,
  );
  assert.match(rom.explanation.cause, /option ROM/);
  assert.match(rom.explanation.fix, /\/usr\/share\/vgabios/);
  const huge = onlyFinding(
    `apparmor="DENIED" operation="mknod" profile="${VM}" name="/mnt/huge1G/libvirt/qemu/3-win10/qemu_back_mem.pc.ram.abc" pid=9 comm="qemu-system-x86" requested_mask="c" denied_mask="c" fsuid=64055 ouid=64055`,
    ID,
  );
  assert.match(huge.explanation.cause, /hugetlbfs/);
  const sysfs = onlyFinding(
    `apparmor="DENIED" operation="open" profile="${VM}" name="/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/reset" pid=9 comm="qemu-system-x86" requested_mask="w" denied_mask="w" fsuid=64055 ouid=0`,
    ID,
  );
  assert.match(sysfs.explanation.cause, /sysfs file of a PCI device/);
  const cap = onlyFinding(
    'apparmor="DENIED" operation="capable" profile="libvirtd" pid=1500 comm="libvirtd" capability=14 capname="ipc_lock"',
    ID,
  );
  assert.match(cap.explanation.cause, /RLIMIT_MEMLOCK/);
});

test('a container and any profile opening a VFIO node are read; other denials are not', () => {
  const lxd = onlyFinding(
    'apparmor="DENIED" operation="open" profile="lxd-gpu1_</var/snap/lxd/common/lxd>" name="/dev/vfio/vfio" pid=88 comm="qemu-system-x86" requested_mask="wr" denied_mask="wr" fsuid=0 ouid=0',
    ID,
  );
  assert.match(lxd.explanation.cause, /container/);
  const other = onlyFinding(
    'apparmor="DENIED" operation="open" profile="snap.dpdk-app.testpmd" name="/dev/vfio/31" pid=77 comm="dpdk-testpmd" requested_mask="wr" denied_mask="wr" fsuid=0 ouid=0',
    ID,
  );
  assert.match(other.explanation.cause, /The profile has no rule for the VFIO nodes/);
  const off = [
    'audit: type=1400 audit(1700000000.1:2): apparmor="DENIED" operation="open" profile="/usr/sbin/cupsd" name="/etc/printcap" pid=1 comm="cupsd" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
    'audit: type=1400 audit(1700000000.1:3): apparmor="STATUS" operation="profile_load" profile="unconfined" name="libvirt-6c5f7ad2-1ccb-4d7c-9c3f-1d2f1c0b6a3e" pid=5 comm="apparmor_parser"',
  ];
  for (const line of off) assert.ok(!diagnoseText(line).findings.some((f) => f.entry.id === ID), line);
  assert.equal(off.length, 2);
});
