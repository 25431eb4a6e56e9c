// The third harvest sweep, host side (catalogue/harvest3a-sweep.ts): messages posted in public
// threads about the kernel, QEMU and libvirt of a VM host that the catalogue missed — QEMU's -set on
// a JSON device, missing firmware, machine types, KVM entry failures, display and VGA back ends,
// memory backends, -numa, deprecated options; libvirt's USB vendor 0, schema validation, wrong root
// elements, UEFI variable templates, daemon sockets, inactive networks, cgroup writes; i915 GuC
// loads, nouveau sub-devices, AMD IOMMU perf counters, CPU-bug notices — plus the entries it mended
// (a wrapped KVM MSR line, a lowercase pciehp "slot(N)", a storage error with the ids redacted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST3A_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest3a-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(HARVEST3A_SWEEP_ENTRIES, ['kernel.', 'qemu.', 'libvirt.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, HARVEST3A_SWEEP_ENTRIES.length);
  assert.equal(n, 21);
});

test('every example is a posted message with the thread it came from', () => {
  for (const e of HARVEST3A_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.notEqual(x.origin, BUILT, `${e.id}: ${x.text}`);
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
});

test('-set on a device libvirt passes as JSON: named as such, with <qemu:override> as the fix', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -set device.hostdev0.x-vga=on: there is no device "hostdev0" defined',
    'qemu.set-option-no-device',
  );
  assert.equal(f.facts.id, 'hostdev0');
  assert.match(f.explanation.cause, /JSON/);
  assert.match(f.explanation.fix, /qemu:override/);
});

test("missing firmware: -bios and pflash wordings, the distributions' OVMF paths; a denied file stays denied", () => {
  eachOnlyFinding(
    'qemu.firmware-file-missing',
    [
      "qemu: could not load PC BIOS '/usr/share/edk2-ovmf/x64/OVMF_CODE.fd'",
      "qemu-system-x86_64: -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd: Could not open '/usr/share/OVMF/OVMF_CODE.fd': No such file or directory",
      'internal error: process exited while connecting to monitor: qemu-system-x86_64: -blockdev {"driver":"file","filename":"/x/OVMF_CODE.fd","node-name":"libvirt-pflash0-storage","auto-read-only":true}: Could not open \'/x/OVMF_CODE.fd\': No such file or directory',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /not there/, line);
      assert.match(f.explanation.cause, /\/usr\/share\/edk2\/ovmf/, line);
    },
  );
  const denied =
    "qemu-system-x86_64: -drive if=pflash,format=raw,readonly=on,file=/home/u/OVMF_CODE.fd: Could not open '/home/u/OVMF_CODE.fd': Permission denied";
  assert.deepEqual(ids(denied), ['qemu.file-open-denied']);
});

test("unsupported machine type: the name is read from -machine or the quotes, inside libvirt's wrapper", () => {
  const f = onlyFinding(
    'error: internal error: process exited while connecting to monitor: qemu-system-x86_64: -machine pc-q35-4.2,accel=kvm,usb=off: unsupported machine type\nUse -machine help to list supported machines',
    'qemu.machine-type-unsupported',
  );
  assert.equal(f.facts.machine, 'pc-q35-4.2');
  assert.match(f.explanation.cause, /rhel/);
  assert.match(f.explanation.fix, /-machine help/);
  assert.equal(
    onlyFinding('kvm-spice: Unsupported machine type', 'qemu.machine-type-unsupported').entry.id,
    'qemu.machine-type-unsupported',
  );
  assert.ok(
    !ids('Error launching details: Host does not support domain type kvm').includes(
      'qemu.machine-type-unsupported',
    ),
  );
});

test("memory backend not found: names the missing -object and libvirt's pc.ram", () => {
  const f = onlyFinding(
    "qemu-system-x86_64: Memory backend 'pc.ram' not found",
    'qemu.memory-backend-not-found',
  );
  assert.equal(f.facts.id, 'pc.ram');
  assert.match(f.explanation.cause, /no such object/);
  assert.match(f.explanation.fix, /id=pc\.ram/);
});

test('-numa on a machine without NUMA: the machine type, and the <numa> cell libvirt builds from', () => {
  const f = onlyFinding(
    'qemu-kvm: -numa node,nodeid=0,cpus=0-3,memdev=ram-node0: NUMA is not supported by this machine-type',
    'qemu.numa-unsupported-machine',
  );
  assert.match(f.explanation.cause, /s390-ccw-virtio/);
  assert.match(f.explanation.fix, /<numa>/);
});

test('a deprecated option is harmless and points at the next lines', () => {
  const f = onlyFinding(
    "qemu-system-x86_64: -realtime mlock=off: warning: '-realtime mlock=...' is deprecated, please use '-overcommit mem-lock=...' instead",
    'qemu.option-deprecated',
  );
  assert.equal(f.explanation.severity ?? f.entry.severity, 'info');
  assert.equal(f.facts.new, '-overcommit mem-lock=...');
  assert.match(f.explanation.cause, /harmless/);
  assert.match(f.explanation.cause, /lines after it/);
});

test('KVM entry failed: 0x80000021 is invalid guest state; other codes stay general', () => {
  const inv = onlyFinding('KVM: entry failed, hardware error 0x80000021', 'qemu.kvm-entry-failed');
  assert.match(inv.explanation.cause, /invalid guest state/);
  assert.match(inv.explanation.cause, /big real mode/);
  const zero = onlyFinding('KVM: entry failed, hardware error 0x0', 'qemu.kvm-entry-failed');
  assert.equal(zero.facts.code, '0x0');
  assert.doesNotMatch(zero.explanation.cause, /big real mode/);
  assert.match(zero.explanation.cause, /refused the VM entry/);
});

test('display back ends: no display server for GTK, a missing UI module, an unknown display type', () => {
  const gtk = onlyFinding('gtk initialization failed', 'qemu.display-unavailable');
  assert.match(gtk.explanation.title, /display server/);
  assert.match(gtk.explanation.cause, /SSH/);
  const sdl = onlyFinding("qemu-system-x86_64: Display 'sdl' is not available.", 'qemu.display-unavailable');
  assert.equal(sdl.facts.display, 'sdl');
  assert.match(sdl.explanation.cause, /module/);
  assert.match(sdl.explanation.fix, /-display none/);
});

test('VGA not available: the card named, the module package as the fix', () => {
  const f = onlyFinding('qemu-system-x86_64: QXL VGA not available', 'qemu.vga-not-available');
  assert.equal(f.facts.vga, 'QXL VGA');
  assert.match(f.explanation.cause, /SPICE/);
  assert.match(f.explanation.fix, /hw-display-qxl/);
});

test('USB hostdev with vendor 0: refused by libvirt, fixed with lsusb or a bus/device address', () => {
  const f = onlyFinding(
    'libvirt.libvirtError: internal error: vendor cannot be 0.',
    'libvirt.usb-hostdev-vendor-zero',
  );
  assert.match(f.explanation.cause, /vendor id="0x0000"/);
  assert.match(f.explanation.fix, /lsusb/);
});

test('schema validation: the libvirt error, libxml2 and virt-xml-validate forms', () => {
  eachOnlyFinding(
    'libvirt.xml-schema-invalid',
    [
      'error: XML document failed to validate against schema: Unable to validate doc against /usr/share/libvirt/schemas/domain.rng',
      '/tmp/foo.xml:31: element devices: Relax-NG validity error : Element domain failed to validate content',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /RelaxNG schema/, line);
      assert.match(f.explanation.fix, /virt-xml-validate/, line);
    },
  );
});

test('unexpected root element: the two kinds are read, the fix names the right command', () => {
  const f = onlyFinding(
    'error: XML error: unexpected root element <domain>, expecting <device>',
    'libvirt.xml-unexpected-root',
  );
  assert.equal(f.facts.root, 'domain');
  assert.equal(f.facts.expected, 'device');
  assert.match(f.explanation.cause, /node-device/);
  assert.match(f.explanation.fix, /libvirt-python/);
});

test('UEFI variables: no template for the loader, and <nvram> without a loader', () => {
  const t = onlyFinding(
    'error: operation failed: unable to find any master var store for loader: /home/u/OVMF_CODE.fd',
    'libvirt.uefi-vars-template-missing',
  );
  assert.equal(t.facts.loader, '/home/u/OVMF_CODE.fd');
  assert.match(t.explanation.cause, /template/);
  assert.match(t.explanation.fix, /nvram template=/);
  const n = onlyFinding(
    'libvirt: Domain Config error : no loader path specified and firmware auto selection disabled',
    'libvirt.uefi-vars-template-missing',
  );
  assert.match(n.explanation.cause, /BIOS \(legacy\) VM/);
  assert.match(n.explanation.fix, /remove the <nvram>/);
});

test('daemon sockets: virtlogd named as the log daemon, refused vs missing told apart', () => {
  const log = onlyFinding(
    "error: Failed to connect socket to '/var/run/libvirt/virtlogd-sock': No such file or directory",
    'libvirt.socket-connect-failed',
  );
  assert.equal(log.facts.sock, 'virtlogd-sock');
  assert.match(log.explanation.fix, /virtlogd\.socket/);
  const refused = onlyFinding(
    "libvirt.libvirtError: Failed to connect socket to '/var/run/libvirt/virtqemud-sock': Connection refused",
    'libvirt.socket-connect-failed',
  );
  assert.match(refused.explanation.cause, /no daemon is listening/);
  const missing = onlyFinding(
    "error: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory",
    'libvirt.socket-connect-failed',
  );
  assert.match(missing.explanation.cause, /not running/);
});

test('inactive network: old and new capitalisation, net-start as the fix', () => {
  eachOnlyFinding(
    'libvirt.network-inactive',
    [
      "libvirt.libvirtError: Requested operation is not valid: network 'default' is not active",
      "Call to virDomainCreateWithFlags failed: internal error: Network 'default' is not active.",
    ],
    (f, line) => {
      assert.equal(f.facts.network, 'default', line);
      assert.match(f.explanation.cause, /autostart/, line);
      assert.match(f.explanation.fix, /virsh net-start default/, line);
    },
  );
});

test("cgroup write failures are libvirt's cgroup, not a sysfs binding write", () => {
  const line =
    "virError(Code=38, Domain=54, Message='Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-1-adminwin2016.libvirt-qemu/emulator/cpuset.cpus': Permission denied')";
  assert.deepEqual(ids(line), ['libvirt.cgroup-write-failed']);
  const f = onlyFinding(line, 'libvirt.cgroup-write-failed');
  assert.match(f.explanation.cause, /container/);
  assert.doesNotMatch(f.explanation.cause, /sudo echo/);
});

test('i915 GuC load failure: both wordings, the status read', () => {
  eachOnlyFinding(
    'kernel.i915-guc-load-failed',
    [
      'i915 0000:0d:00.0: [drm] GT0: GUC: load failed: status = 0x40000056, time = 0ms, freq = 2400MHz, ret = -110',
      'i915 0000:00:02.0: [drm] *ERROR* GuC load failed: status = 0x00000001',
      '[drm] GT0: GUC: load failed: status: Reset = 0, BootROM = 0x76, UKernel = 0x07, MIA = 0x00, Auth = 0x02',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /did not report a successful boot/, line);
      assert.match(f.explanation.fix, /firmware version/, line);
    },
  );
});

test('nouveau sub-device: a missing GSP firmware is named; other sub-devices stay general; bios keeps its entry', () => {
  const gsp = onlyFinding('nouveau 0000:01:00.0: gsp ctor failed: -2', 'kernel.nouveau-subdev-ctor-failed');
  assert.match(gsp.explanation.title, /GSP firmware/);
  assert.match(gsp.explanation.cause, /nvidia\/<chip>\/gsp/);
  const fb = onlyFinding('nouveau 0000:01:00.0: fb ctor failed: -22', 'kernel.nouveau-subdev-ctor-failed');
  assert.doesNotMatch(fb.explanation.cause, /GSP-RM/);
  assert.ok(
    !ids('nouveau 0000:06:03.0: bios ctor failed: -22').includes('kernel.nouveau-subdev-ctor-failed'),
  );
});

test('AMD IOMMU perf counters: harmless, in the kernel and the paraphrased wording', () => {
  eachOnlyFinding(
    'kernel.amd-iommu-perf-counter',
    [
      'pci 0000:00:00.2: AMD-Vi: Unable to read/write to IOMMU perf counter.',
      '"amd-vi unable to write to iommu perf counter"',
    ],
    (f, line) => {
      assert.equal(f.entry.severity, 'info', line);
      assert.match(f.explanation.cause, /works as before/, line);
    },
  );
});

test('CPU-bug SMT notices: informational, the bug read', () => {
  const f = onlyFinding(
    'L1TF CPU bug present and SMT on, data leak possible. See CVE-2018-3646 and https://www.kernel.org/doc/html/latest/admin-guide/hw-vuln/l1tf.html for details.',
    'kernel.cpu-bug-smt-leak',
  );
  assert.equal(f.facts.bug, 'L1TF');
  assert.equal(f.entry.severity, 'info');
  assert.match(f.explanation.cause, /no bearing on device passthrough/);
});

test('mended: a KVM MSR line wrapped after the guest rIP, a lowercase pciehp slot, a storage error with redacted ids', () => {
  const msr = onlyFinding(
    '[ 6044.472516] kvm [3412]: vcpu0, guest rIP: 0xfffff8019c8d6103\nunhandled rdmsr: 0x611',
    'kernel.kvm-unhandled-msr',
  );
  assert.equal(msr.facts.msr, '0x611');
  assert.match(msr.explanation.cause, /#GP/);
  const slot = onlyFinding('pciehp 0000:02:05.0:pcie24: slot(6): Link Down event', 'kernel.pciehp-link-down');
  assert.equal(slot.facts.slot, '6');
  assert.match(slot.explanation.cause, /link to the slot went down/);
  const st = onlyFinding(
    "libvirt.libvirtError: Cannot access storage file '/media/path/name.qcow2' (as uid:[...], gid:[...]): Permission denied",
    'libvirt.storage-file-inaccessible',
  );
  assert.match(st.explanation.cause, /not searchable/);
});

test('mended: "No PCI buses available" is a machine type without PCI, not a full topology', () => {
  const f = onlyFinding(
    'Sync Failed: Server error. command SyncVMI failed: "LibvirtError(Code=27, Domain=20, Message=\'XML error: No PCI buses available\')"',
    'libvirt.pci-no-free-slot',
  );
  assert.match(f.explanation.title, /no PCI bus/);
  assert.match(f.explanation.cause, /machine type/);
  assert.doesNotMatch(f.explanation.cause, /every usable slot/);
  const full = onlyFinding('error: internal error: No more available PCI slots', 'libvirt.pci-no-free-slot');
  assert.match(full.explanation.cause, /every usable slot/);
});

test('unknown audio driver: the back end read, the module package and -audiodev as the fix', () => {
  const f = onlyFinding("audio-legacy: Unknown audio driver `pa'", 'qemu.audio-driver-unknown');
  assert.equal(f.facts.driver, 'pa');
  assert.match(f.explanation.cause, /QEMU_AUDIO_DRV/);
  assert.match(f.explanation.fix, /-audiodev help/);
});

test("QEMU's console placeholders: blank until the guest draws, off once it uses the passed-through GPU", () => {
  const yet = onlyFinding(
    'it just hangs on "Guest has not initialized the display (yet).".',
    'qemu.display-placeholder',
  );
  assert.equal(yet.explanation.severity, 'info');
  assert.match(yet.explanation.cause, /not an error/);
  assert.match(yet.explanation.cause, /OVMF's default 64-bit MMIO window/);
  assert.match(yet.explanation.fix, /X-PciMmio64Mb/);
  const off = onlyFinding(
    'the window only shows "Display output is not active."',
    'qemu.display-placeholder',
  );
  assert.match(off.explanation.title, /switched this display device off/);
  assert.match(off.explanation.cause, /primary display/);
  assert.doesNotMatch(off.explanation.cause, /MMIO window/);
});
