// SELinux AVC records on the VFIO path (catalogue/selinux.ts): the object, its label and
// `permissive` change the explanation. Expected causes come from what the kernel records
// (security/selinux/avc.c: the permissions, comm, name or path, scontext, tcontext, tclass and,
// since 4.17, permissive, where 1 means the access was allowed and only logged) and from the types
// the Fedora/RHEL policy gives the objects (vfio_device_t, hugetlbfs_t, kmod_exec_t, sysfs_t).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const ID = 'kernel.selinux-avc-denied';

test('a VFIO node refused to QEMU: the label libvirt gives it, in the three forms the record takes', () => {
  const forms = [
    'type=AVC msg=audit(1700000001.001:10): avc:  denied  { open } for  pid=901 comm="qemu-system-x86" path="/dev/vfio/31" dev="devtmpfs" ino=77 scontext=system_u:system_r:svirt_t:s0:c1,c2 tcontext=system_u:object_r:vfio_device_t:s0 tclass=chr_file permissive=0',
    '[  812.000001] audit: type=1400 audit(1700000001.001:10): avc:  denied  { open } for  pid=901 comm="qemu-system-x86" path="/dev/vfio/31" dev="devtmpfs" ino=77 scontext=system_u:system_r:svirt_t:s0:c1,c2 tcontext=system_u:object_r:vfio_device_t:s0 tclass=chr_file permissive=0',
    'type=AVC msg=audit(01/02/2026 03:04:05.678:10) : avc:  denied  { open } for  pid=901 comm=qemu-system-x86 path=/dev/vfio/31 dev="devtmpfs" ino=77 scontext=system_u:system_r:svirt_t:s0:c1,c2 tcontext=system_u:object_r:vfio_device_t:s0 tclass=chr_file permissive=0',
  ];
  for (const line of forms) {
    const f = onlyFinding(line, ID);
    assert.match(f.explanation.cause, /VFIO node/, line);
    assert.match(f.explanation.cause, /domain svirt_t/, line);
    assert.match(f.explanation.fix, /restorecon/, line);
  }
  assert.equal(forms.length, 3);
});

test('permissive=1: logged, not enforced, so not the failure', () => {
  const f = onlyFinding(
    'type=AVC msg=audit(1700000002.002:11): avc:  denied  { read write } for  pid=902 comm="rpc-virtqemud" name="vfio" dev="devtmpfs" ino=5 scontext=system_u:system_r:virtqemud_t:s0 tcontext=system_u:object_r:vfio_device_t:s0 tclass=chr_file permissive=1',
    ID,
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /not why something failed/);
});

test('hugetlbfs, kmod and a sysfs attribute each get their own cause', () => {
  const huge = onlyFinding(
    'avc:  denied  { search } for  pid=4410 comm="testpmd" name="/dev/hugepages1G" dev="hugetlbfs" ino=1 scontext=system_u:system_r:unconfined_service_t:s0 tcontext=system_u:object_r:hugetlbfs_t:s0 tclass=dir permissive=0',
    ID,
  );
  assert.match(huge.explanation.fix, /dev-hugepages\.mount/);
  const kmod = onlyFinding(
    'avc:  denied  { execute } for  pid=77 comm="virtqemud" name="kmod" dev="nvme0n1p3" ino=3 scontext=system_u:system_r:virtqemud_t:s0 tcontext=system_u:object_r:kmod_exec_t:s0 tclass=file permissive=0',
    ID,
  );
  assert.match(kmod.explanation.fix, /modules-load\.d/);
  const sysfs = onlyFinding(
    'avc:  denied  { write } for  pid=5150 comm="nic-setup" name="sriov_numvfs" dev="sysfs" ino=4 scontext=system_u:system_r:initrc_t:s0 tcontext=system_u:object_r:sysfs_t:s0 tclass=file permissive=0',
    ID,
  );
  assert.match(sysfs.explanation.cause, /PCI sysfs attribute/);
});

test("denials off the VFIO path are not this entry's", () => {
  const other = [
    'type=AVC msg=audit(1700000003.003:12): avc:  denied  { read } for  pid=99 comm="httpd" name="index.html" dev="sda1" ino=8 scontext=system_u:system_r:httpd_t:s0 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file permissive=0',
    'type=AVC msg=audit(1700000003.003:13): avc:  granted  { setenforce } for  pid=1 comm="load_policy" scontext=system_u:system_r:init_t:s0 tcontext=system_u:object_r:security_t:s0 tclass=security',
  ];
  for (const line of other) assert.ok(!diagnoseText(line).findings.some((f) => f.entry.id === ID), line);
});
