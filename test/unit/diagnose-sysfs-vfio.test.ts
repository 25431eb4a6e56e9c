// The driver-binding (sysfs), VFIO-open and generic families of the diagnose catalogue: the file
// (or node, or ioctl) and the errno together decide the cause, whatever program printed them.
//
// Expected causes come from the kernel functions that return each errno (torvalds/linux):
// drivers/base/bus.c bind_store() (ENODEV: no such device or the driver does not match it) and
// unbind_store() (ENODEV: not bound to this driver); drivers/base/dd.c __driver_probe_device()
// (EBUSY: a driver is bound); drivers/pci/pci-driver.c new_id_store() (EEXIST: the ID matches
// already; EINVAL: fewer than two fields); drivers/pci/iov.c sriov_numvfs_store() (ERANGE above
// TotalVFs, ENOENT without sriov_configure, EBUSY with VFs enabled); drivers/pci/pci-sysfs.c
// reset_store() (ENOTTY from pci_reset_function()); drivers/vfio/group.c vfio_group_fops_open()
// (EBUSY: one opener); drivers/vfio/vfio_main.c (the container node is mode 0666, so EACCES there
// is not the default mode); errno numbers from os.constants.errno.
import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import * as v from 'valibot';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { ERRNO_TABLE, findErrno, normaliseErrno } from '../../src/readiness/diagnose/errno.js';
import { diagnoseText, type Finding, matchLine } from '../../src/readiness/diagnose/matcher.js';
import { buildDiagnoseReport } from '../../src/readiness/diagnose/report.js';
import { diagnoseJson } from '../../src/schema/outputs/diagnose.js';
import { mutateText, seededRandom } from '../helpers/mutate-text.js';

function findings(text: string): Finding[] {
  return diagnoseText(text).findings;
}
function only(text: string, id: string): Finding {
  const hits = findings(text).filter((f) => f.entry.id === id);
  assert.equal(
    hits.length,
    1,
    `${id}: expected one finding in:\n${text}\n(got ${findings(text).map((f) => f.entry.id)})`,
  );
  return hits[0];
}
const said = (f: Finding) =>
  `${f.explanation.title}\n${f.explanation.cause}\n${f.explanation.fix}`.toLowerCase();

test('the families are in the catalogue, each entry citing a source and a function', () => {
  const ours = CATALOGUE.filter(
    (e) => /^(sysfs|vfio|rust-vmm|generic)\./.test(e.id) || e.id.startsWith('kernel.sriov-'),
  );
  assert.equal(ours.length, 47); // 47 with kernel.sriov-pf-allocating-vfs (fourth harvest, part b)
  for (const e of ours) {
    assert.match(e.cite, /\w\(\)|VfioError|bash|dpdk-devbind/, e.id);
    assert.ok(e.examples && e.examples.length >= 1, e.id);
  }
  assert.equal(CATALOGUE.filter((e) => e.tier === 'generic').length, 4);
});

test('ENODEV: from bind the driver does not match, from unbind the device is not bound to it', () => {
  const bind = only('write /sys/bus/pci/drivers/vfio-pci/bind: no such device', 'sysfs.bind-failed');
  assert.equal(bind.facts.errno, 'ENODEV');
  assert.match(said(bind), /driver_override/);
  assert.match(said(bind), /does not match/);
  const unbind = only('tee: /sys/bus/pci/drivers/nvidia/unbind: No such device', 'sysfs.unbind-failed');
  assert.equal(unbind.facts.errno, 'ENODEV');
  assert.match(said(unbind), /not bound to this driver/);
  assert.equal(unbind.explanation.severity, 'warning');
  // The framebuffer in a hook script: the explanation names simpledrm/simple-framebuffer.
  const fb = only(
    'echo efi-framebuffer.0 > /sys/bus/platform/drivers/efi-framebuffer/unbind\nhook.sh: line 9: echo: write error: No such device',
    'sysfs.unbind-failed',
  );
  assert.match(said(fb), /simple-framebuffer/);
});

test('EBUSY, EINVAL, ENOENT from bind each name their own cause', () => {
  const busy = only(
    "OSError: [Errno 16] Device or resource busy: '/sys/bus/pci/drivers/vfio-pci/bind'",
    'sysfs.bind-failed',
  );
  assert.match(said(busy), /already has a driver/);
  const inval = only(
    'Error: bind failed for 0000:02:00.0 - Cannot bind to driver vfio-pci: [Errno 22] Invalid argument',
    'sysfs.dpdk-devbind-failed',
  );
  assert.equal(inval.facts.errno, 'EINVAL');
  assert.match(said(inval), /iommu group/);
  const missing = only(
    './rebind.sh: 4: cannot create /sys/bus/pci/drivers/vfio-pci/bind: Directory nonexistent',
    'sysfs.bind-failed',
  );
  assert.equal(missing.facts.errno, 'ENOENT');
  assert.match(said(missing), /modprobe vfio-pci/);
});

test('new_id: EEXIST is the ID already there (a warning, said harmless), EINVAL the format', () => {
  const exists = only('write /sys/bus/pci/drivers/vfio-pci/new_id: file exists', 'sysfs.new-id-failed');
  assert.equal(exists.facts.errno, 'EEXIST');
  assert.equal(exists.explanation.severity, 'warning');
  assert.match(said(exists), /harmless/);
  const colon = only(
    'echo 10de:1b80 > /sys/bus/pci/drivers/vfio-pci/new_id\nbash: echo: write error: Invalid argument',
    'sysfs.new-id-failed',
  );
  assert.match(said(colon), /space/);
});

test('sriov_numvfs: ERANGE is above TotalVFs, ENOENT a driver without sriov_configure, EBUSY VFs enabled', () => {
  const cases: [string, RegExp][] = [
    ['Numerical result out of range', /totalvfs/],
    ['No such file or directory', /sriov_configure/],
    ['Device or resource busy', /write 0 first/],
  ];
  for (const [err, why] of cases)
    assert.match(
      said(only(`tee: /sys/bus/pci/devices/0000:3b:00.0/sriov_numvfs: ${err}`, 'sysfs.sriov-numvfs-failed')),
      why,
      err,
    );
  assert.equal(cases.length, 3);
});

test('the same failure printed by bash, dash, tee, Go, Python, Rust and Proxmox reads the same file and errno', () => {
  const lines = [
    '-bash: /sys/bus/pci/devices/0000:01:00.0/reset: Inappropriate ioctl for device',
    'sh: 1: cannot create /sys/bus/pci/devices/0000:01:00.0/reset: Inappropriate ioctl for device',
    'tee: /sys/bus/pci/devices/0000:01:00.0/reset: Inappropriate ioctl for device',
    'write /sys/bus/pci/devices/0000:01:00.0/reset: inappropriate ioctl for device',
    "OSError: [Errno 25] Inappropriate ioctl for device: '/sys/bus/pci/devices/0000:01:00.0/reset'",
    'failed to reset: /sys/bus/pci/devices/0000:01:00.0/reset: Os { code: 25, kind: Uncategorized, message: "Inappropriate ioctl for device" }',
    "error writing '1' to '/sys/bus/pci/devices/0000:01:00.0/reset': Inappropriate ioctl for device",
  ];
  let n = 0;
  for (const l of lines) {
    const f = only(l, 'sysfs.reset-failed');
    assert.equal(f.facts.errno, 'ENOTTY', l);
    assert.match(said(f), /no reset method/, l);
    n++;
  }
  assert.equal(n, 7);
});

test('a bare `echo: write error` says what each sysfs file means by that errno', () => {
  const f = only(
    '/usr/local/bin/vfio-startup.sh: line 123: echo: write error: No such device',
    'sysfs.shell-write-error',
  );
  assert.equal(f.facts.errno, 'ENODEV');
  for (const file of ['bind', 'unbind', 'drivers_probe']) assert.match(said(f), new RegExp(`from ${file}:`));
  assert.match(said(f), /framebuffer/);
});

test('a message whose errno was cut off still names what the file refuses, errno by errno', () => {
  const f = only(
    'error opening new_id file: open /sys/bus/pci/drivers/vfio-pci/new_id: no such',
    'sysfs.new-id-failed',
  );
  assert.equal(f.facts.errno, undefined);
  assert.match(said(f), /eexist: /);
  assert.match(said(f), /enoent: /);
});

test('opening a VFIO node: the node and the errno decide', () => {
  const busy = only('open /dev/vfio/12: device or resource busy', 'vfio.node-open-failed');
  assert.equal(busy.group, 12);
  assert.match(said(busy), /already open/);
  const eacces = only(
    "PermissionError: [Errno 13] Permission denied: '/dev/vfio/7'",
    'vfio.node-open-failed',
  );
  assert.match(said(eacces), /udev rule/);
  const cdev = only('open /dev/vfio/devices/vfio0: no such file or directory', 'vfio.node-open-failed');
  assert.match(said(cdev), /config_vfio_device_cdev/);
  const noiommu = only('open /dev/vfio/noiommu-0: operation not permitted', 'vfio.node-open-failed');
  assert.match(said(noiommu), /cap_sys_rawio/);
  // QEMU's container line: EACCES (mode, owner, label) is not EPERM (a device cgroup).
  const q = (err: string) =>
    said(
      only(
        `qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: vfio 0000:03:00.0: failed to setup container for group 12: failed to open /dev/vfio/vfio: ${err}`,
        'qemu.container-open-failed',
      ),
    );
  assert.match(q('Permission denied'), /0666/);
  assert.match(q('Operation not permitted'), /cgroup/);
});

test('rust-vmm: the ioctl errors read the errno and explain it per ioctl', () => {
  const fd = only(
    'failed to get vfio device fd: Invalid argument (os error 22)',
    'rust-vmm.get-device-fd-failed',
  );
  assert.equal(fd.facts.errno, 'EINVAL');
  assert.match(said(fd), /not ready/);
  const iommu = only(
    "failed to set container's IOMMU driver type as VfioType1V2: Operation not permitted (os error 1)",
    'rust-vmm.set-iommu-failed',
  );
  assert.match(said(iommu), /interrupt remapping/);
});

test('generic tier: object × errno when no entry knows the line, marked generic in --json', () => {
  const text = 'vmm[311]: giving up on /dev/vfio/23 after errno 16';
  const f = only(text, 'generic.vfio-node-errno');
  assert.equal(f.facts.errno, 'EBUSY');
  assert.equal(f.group, 23);
  assert.match(said(f), /already open/);
  // The Debug form of vfio-ioctls' map error has its own entry (cloud-hypervisor.dma-map-failed):
  // the generic tier answers only an ioctl error no entry knows.
  const ioctl = only('vmm: VFIO_IOMMU_MAP_DMA returned errno 17', 'generic.vfio-ioctl-errno');
  assert.match(said(ioctl), /overlaps/);
  const { findings: fs, stats } = diagnoseText(text);
  const report = buildDiagnoseReport(fs, stats, 'test');
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0].generic, true);
  // The printed document, generic mark included, passes its documented schema (docs/json.md).
  assert.doesNotThrow(() => v.parse(diagnoseJson, JSON.parse(JSON.stringify(report))));
  // A specific entry's line: the JSON has no generic mark.
  const specific = buildDiagnoseReport(
    findings('write /sys/bus/pci/drivers/vfio-pci/bind: no such device'),
    stats,
    'test',
  );
  assert.equal(specific.findings[0].generic, undefined);
});

test('the generic tier never hides a specific entry, and needs both an object and an errno', () => {
  // QEMU's own entry knows this line: no generic finding next to it.
  const ids = findings(
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to open /dev/vfio/1: Device or resource busy',
  ).map((f) => f.entry.id);
  assert.deepEqual(ids, ['qemu.group-open-failed']);
  assert.deepEqual(
    findings('vmm: using /dev/vfio/23 for the device').map((f) => f.entry.id),
    [],
  );
  assert.deepEqual(
    findings('disk full: No space left on device').map((f) => f.entry.id),
    [],
  );
});

test('errno spellings: every form of one errno is one name, numbers as the platform has them', () => {
  const E = os.constants.errno as Record<string, number>;
  let n = 0;
  for (const name of [
    'EPERM',
    'ENOENT',
    'EIO',
    'EBUSY',
    'EEXIST',
    'ENODEV',
    'EINVAL',
    'ENOTTY',
    'ENOSPC',
    'ERANGE',
  ]) {
    const code = E[name];
    for (const form of [
      `(os error ${code})`,
      `Os { code: ${code}, kind: Other`,
      `[Errno ${code}] x`,
      `errno ${code}`,
      `errno=${code}`,
      `ret -${code}`,
      `= -${code}`,
      `Error(${code})`,
      name,
    ])
      assert.equal(findErrno(`something /dev/vfio/1 ${form} end`)?.name, name, form);
    assert.equal(normaliseErrno(`Os { code: ${code}, kind: Other }`), name);
    assert.equal(normaliseErrno(`[Errno ${code}] text`), name);
    n++;
  }
  assert.equal(n, 10);
  assert.equal(findErrno('open: no such device')?.name, 'ENODEV');
  assert.equal(normaliseErrno('Directory nonexistent'), 'ENOENT');
  assert.equal(findErrno('EAL: probing device 0000:01:00.0'), undefined);
});

test('fuzz: mutated sysfs and VFIO lines never throw and read only known errno names', () => {
  const samples = CATALOGUE.filter((e) => /^(sysfs|vfio|rust-vmm|generic)\./.test(e.id)).flatMap((e) =>
    (e.examples ?? []).map((x) => x.text),
  );
  assert.ok(samples.length >= 40, `${samples.length} samples`);
  const rnd = seededRandom(1402);
  // Linux's errno names: the table that diagnose-engine.test.ts holds against glibc's strerror and
  // Node's numbers, each of which must also be a name the platform or the kernel defines.
  const platform = new Set(Object.keys(os.constants.errno as Record<string, number>));
  const names = new Set(ERRNO_TABLE.map(([name]) => name));
  for (const name of platform)
    if (!['ENOTSUP', 'EWOULDBLOCK'].includes(name)) assert.ok(names.has(name), name);
  let runs = 0;
  for (let i = 0; i < 2000; i++) {
    const t = mutateText(samples[rnd(samples.length)], rnd, samples, '/:\'"`\\>\n -0123456789(){}[]E');
    const e = findErrno(t);
    if (e) assert.ok(names.has(e.name), e.name);
    for (const f of diagnoseText(t).findings)
      if (f.facts.errno) assert.ok(names.has(f.facts.errno), f.facts.errno);
    for (const line of t.split('\n')) matchLine(line);
    runs++;
  }
  assert.equal(runs, 2000);
});

test("libvirt's sysfs writes read the same table: unbind ENODEV is not the busy driver of its default text", () => {
  const unbind = only(
    "error: Failed to unbind PCI device '0000:01:00.0' from nvidia: No such device",
    'libvirt.unbind-failed',
  );
  assert.match(said(unbind), /not bound to this driver/);
  const busy = only(
    "error: Failed to unbind PCI device '0000:01:00.0' from nvidia: Device or resource busy",
    'libvirt.unbind-failed',
  );
  assert.match(said(busy), /busy with the device/);
  const override = only(
    "error: Failed to add driver 'vfio-pci' to driver_override  interface of PCI device '0000:01:00.0': Read-only file system",
    'libvirt.driver-override-failed',
  );
  assert.match(said(override), /read-only/);
});

test('a host driver failing to probe with -16 points at the VFIO-owned group; vfio-pci with -16 keeps its text', () => {
  const host = only(
    'snd_hda_intel 0000:01:00.1: probe with driver snd_hda_intel failed with error -16',
    'kernel.probe-failed',
  );
  assert.match(said(host), /iommu_device_use_default_domain/);
  const vfio = only(
    'vfio-pci 0000:01:00.0: probe with driver vfio-pci failed with error -16',
    'kernel.probe-failed',
  );
  assert.match(said(vfio), /sr-iov vfs are enabled/);
});

test("a device's missing driver link is a device with no driver bound, not a device that is gone", () => {
  // drivers/base/dd.c: driver_sysfs_add() makes DEVICE/driver at bind, driver_sysfs_remove() deletes it.
  const link = only(
    'readlink /sys/bus/pci/devices/0000:3b:02.1/driver: no such file or directory',
    'generic.sysfs-errno',
  );
  assert.match(said(link), /no driver is bound/);
  assert.match(said(link), /lspci -k -s/);
  // A VF's link to its driver through the PF's virtfn link is the same file.
  assert.match(
    said(
      only(
        "ls: cannot access '/sys/class/net/ens1f0/device/virtfn3/driver': No such file or directory",
        'generic.sysfs-errno',
      ),
    ),
    /no driver is bound/,
  );
  assert.match(link.explanation.title, /no driver is bound/);
  // A program's own entry for the same lstat keeps the line (the generic tier answers only lines no
  // entry recognised); the unbind file under the link keeps its entry; other files their own text.
  assert.deepEqual(
    findings(
      '    LoadConf(): failed to detect if VF 0000:19:02.2 has dpdk driver "lstat /sys/devices/pci0000:17/0000:17:02.0/0000:19:02.2/driver: no such file or directory"',
    ).map((f) => f.entry.id),
    ['kubernetes.sriov-cni-vf-no-driver'],
  );
  assert.equal(
    findings('bash: /sys/bus/pci/devices/0000:01:00.0/driver/unbind: No such file or directory')[0].entry.id,
    'sysfs.unbind-failed',
  );
  assert.match(
    said(
      only('open /sys/bus/pci/devices/0000:01:00.0/config: no such file or directory', 'generic.sysfs-errno'),
    ),
    /not present at that address/,
  );
});

test("a path through a driver's directory that is missing: the device is not bound to that driver", () => {
  // drivers/base/dd.c driver_sysfs_add(): /sys/bus/pci/drivers/DRIVER/ADDRESS exists while bound.
  const via = diagnoseText(
    'cat: /sys/bus/pci/drivers/vfio-pci/0000:01:00.1/iommu_group: No such file or directory',
  ).findings.find((f) => f.entry.id === 'sysfs.iommu-group-missing');
  assert.ok(via);
  assert.match(via.explanation.cause, /0000:01:00\.1 is not bound to vfio-pci/);
  assert.match(via.explanation.fix, /\/sys\/bus\/pci\/devices\/0000:01:00\.1\//);
  // The device's own path missing its link is still the IOMMU being off.
  const own = diagnoseText(
    'readlink /sys/bus/pci/devices/0000:01:00.0/iommu_group: no such file or directory',
  ).findings[0];
  assert.match(own.explanation.cause, /no IOMMU translates for it/);
});
