// The libvirt entries of the hostdev-path sweep read the facts libvirt prints and let them change
// the explanation the way libvirt's own code decides: virPCIProbeModule() passes modprobe's
// "administratively prohibited" through, virPCIDeviceAddressIsValid() names the field out of range,
// pcie-root-ports have a single slot (virDomainPCIAddressBusSetModel(): maxSlot = 0),
// virSecurityDACSetOwnershipInternal() only logs EPERM/EOPNOTSUPP/EROFS, the SELinux driver only
// warns when not enforcing. Wrapper messages (QEMU exiting, a failed release) stay quiet when the
// reason inside them is recognised by its own entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Refinement } from '../../src/readiness/diagnose/entry.js';
import { matchLine } from '../../src/readiness/diagnose/matcher.js';
import { refined } from '../helpers/diagnose-entry.js';

const ids = (line: string) => matchLine(line).map((m) => m.entry.id);

const CASES: [id: string, line: string, check: (r: Refinement | undefined) => void][] = [
  [
    'libvirt.pci-module-load-failed',
    'error: internal error: Failed to load PCI driver module vfio-pci: administratively prohibited',
    (r) => assert.match(r?.cause ?? '', /blacklist/),
  ],
  [
    'libvirt.pci-module-load-failed',
    'error: internal error: Failed to load PCI driver module vfio_pci: modprobe: FATAL: Module vfio_pci not found in directory /lib/modules/6.1.0-9-amd64',
    (r) => assert.match(r?.cause ?? '', /running kernel/),
  ],
  [
    'libvirt.pci-module-no-driver',
    "error: internal error: modprobe reported success loading module 'vfio_pci', but module is missing from /sys/module",
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.pci-module-no-driver',
    "error: internal error: module 'vfio_iommu_type1' does not implement any pci driver",
    (r) => assert.match(r?.cause ?? '', /vfio_iommu_type1 is loaded but registers no PCI driver/),
  ],
  [
    'libvirt.pci-address-out-of-range',
    'error: XML error: Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0',
    (r) => assert.match(r?.cause ?? '', /host bridge/),
  ],
  [
    'libvirt.pci-address-out-of-range',
    'error: XML error: Invalid PCI address function=0x9, must be <= 7',
    (r) => assert.match(r?.cause ?? '', /function 0x9 is out of range/),
  ],
  [
    'libvirt.pci-address-out-of-range',
    "error: XML error: Invalid PCI address slot='0x2a', must be <= 0x1F",
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.pci-address-invalid',
    'error: XML error: Invalid PCI address 0000:03:01.0. slot must be <= 0',
    (r) => assert.match(r?.cause ?? '', /pcie-root-port/),
  ],
  [
    'libvirt.pci-address-invalid',
    'error: XML error: Invalid PCI address 0000:00:20.0. slot must be <= 31',
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.hostdev-backend-unsupported',
    "error: unsupported configuration: QEMU does not support device assignment mode 'kvm'",
    (r) => assert.match(r?.cause ?? '', /legacy KVM/),
  ],
  [
    'libvirt.hostdev-backend-unsupported',
    "error: unsupported configuration: pci backend driver type 'default' is not supported",
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.xml-attribute-invalid',
    "error: XML error: Invalid value for attribute 'name' in element 'driver': 'vfio-pci'.",
    (r) => assert.match(r?.fix ?? '', /<driver name='vfio'\/>/),
  ],
  [
    'libvirt.xml-attribute-invalid',
    "error: XML error: Invalid value for attribute 'managed' in element 'hostdev': 'true'.",
    (r) => assert.match(r?.cause ?? '', /'yes' or 'no'/),
  ],
  [
    'libvirt.xml-attribute-invalid',
    "error: XML error: Invalid value for attribute 'slot' in element 'address': '1f'. Expected non-negative integer value",
    (r) => assert.match(r?.cause ?? '', /'1f' is not/),
  ],
  [
    'libvirt.xml-attribute-invalid',
    "error: XML error: Unknown PCI device <driver name='vfio-pci'/> has been specified",
    (r) => assert.match(r?.fix ?? '', /name='vfio'/),
  ],
  [
    'libvirt.dac-chown-failed',
    "error: unable to set user and group to '107:107' on '/dev/vfio/21': No such file or directory",
    (r) => assert.match(r?.cause ?? '', /\/dev\/vfio\/21/),
  ],
  [
    'libvirt.dac-chown-failed',
    "info : virSecurityDACSetOwnershipInternal:722 : Setting user and group to '64055:64055' on '/srv/rom/gpu.rom' not permitted",
    (r) => assert.equal(r?.severity, 'info'),
  ],
  [
    'libvirt.selinux-label-failed',
    "warning : virSecuritySELinuxSetFileconImpl:1391 : unable to set security context 'system_u:object_r:svirt_image_t:s0:c1,c2' on '/dev/vfio/3' (errno 13)",
    (r) => assert.equal(r?.severity, 'warning'),
  ],
  [
    'libvirt.selinux-label-failed',
    "error: unable to set security context 'system_u:object_r:svirt_image_t:s0:c1,c2' on '/dev/vfio/3': No such file or directory",
    (r) => assert.match(r?.cause ?? '', /no device of that IOMMU group is bound to vfio-pci/),
  ],
  [
    'libvirt.vf-mac-vlan-failed',
    'error: Cannot set interface MAC to 52:54:00:11:22:33 for ifname ens1f0 vf 0: Operation not supported',
    (r) => assert.match(r?.cause ?? '', /does not support setting a VF MAC/),
  ],
  [
    'libvirt.vf-mac-vlan-failed',
    'error: Cannot set interface vlanid to 10 for ifname ens1f0 vf 2: Operation not permitted',
    (r) => assert.match(r?.cause ?? '', /CAP_NET_ADMIN/),
  ],
  [
    'libvirt.mdev-iommu-group-missing',
    "error: failed to access '/sys/bus/mdev/devices/0b7d7a9e-3c9b-4c57-9b0c-2c6f1e4d5a6b/iommu_group': No such file or directory",
    (r) => assert.match(r?.cause ?? '', /does not exist/),
  ],
  [
    'libvirt.memlock-get-failed',
    'error: cannot get locked memory limit of process 9931: No such process',
    (r) => assert.match(r?.cause ?? '', /no longer exists/),
  ],
  [
    'libvirt.virsh-nodedev-no-match',
    "error: Could not find matching device '01:00.0'",
    (r) => assert.match(r?.fix ?? '', /pci_0000_01_00_0/),
  ],
  [
    'libvirt.virsh-nodedev-no-match',
    "error: Could not find matching device 'pci_0000_0a_00_0'",
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.hostdev-duplicate',
    'error: Requested operation is not valid: Hostdev already exists in the domain configuration',
    (r) => assert.equal(r?.severity, 'warning'),
  ],
  [
    'libvirt.mdev-stop-failed',
    "error: Requested operation is not valid: Unable to destroy 'mdev_0b7d7a9e_3c9b_4c57_9b0c_2c6f1e4d5a6b': device in use",
    (r) => assert.match(r?.cause ?? '', /running domain/),
  ],
  [
    'libvirt.hotunplug-refused',
    'error: operation failed: cannot hot unplug hostdev device with PCI guest address: 0000:00:07.0 - not allowed by controller',
    (r) => assert.match(r?.cause ?? '', /without hotplug/),
  ],
  [
    'libvirt.mdev-display-config',
    "error: unsupported configuration: Only one vgpu device can have 'ramfb' enabled",
    (r) => assert.match(r?.cause ?? '', /single ramfb/),
  ],
  [
    'libvirt.virt-install-hostdev-lookup',
    "ERROR    Error: --hostdev mdev_0b7d7a9e_3c9b_4c57_9b0c_2c6f1e4d5a6b: Did not find a matching node device for 'mdev_0b7d7a9e_3c9b_4c57_9b0c_2c6f1e4d5a6b'",
    (r) => assert.match(r?.fix ?? '', /nodedev-start/),
  ],
  [
    'libvirt.virt-install-hostdev-lookup',
    "ERROR    Error: --hostdev 0000:01:00.0: Did not find a matching node device for '0000:01:00.0'",
    (r) => assert.equal(r, undefined),
  ],
  [
    'libvirt.legacy-stub-bind-failed',
    'error: internal error: cannot find any PCI stub module',
    (r) => assert.match(r?.cause ?? '', /neither pci-stub nor pciback/),
  ],
  [
    'libvirt.mdevctl-query-failed',
    'internal error: failed to query mdevs from mdevctl: Error: Permission denied (os error 13)',
    (r) => assert.match(r?.cause ?? '', /confined daemon/),
  ],
];

test('the libvirt sweep entries read the facts and refine the explanation as libvirt decides', () => {
  for (const [id, line, check] of CASES) check(refined(id, line));
});

test('wrappers answer only when the message inside them is unknown (fallback tier)', () => {
  const wrapped =
    "error: internal error: QEMU unexpectedly closed the monitor (vm='w11'): 2025-03-01T08:00:00.000000Z qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,id=hostdev0: vfio 0000:01:00.0: group 1 is not viable";
  assert.ok(ids(wrapped).includes('qemu.group-not-viable'));
  assert.ok(!ids(wrapped).includes('libvirt.qemu-exited'));
  assert.deepEqual(ids("error: internal error: QEMU unexpectedly closed the monitor (vm='w11')"), [
    'libvirt.qemu-exited',
  ]);
  const release =
    "error : virHostdevReattachAllPCIDevices:634 : Failed to re-attach PCI device: Failed to trigger a probe for PCI device '0000:01:00.1': No such device";
  assert.ok(ids(release).includes('libvirt.probe-trigger-failed'));
  assert.ok(!ids(release).includes('libvirt.hostdev-release-failed'));
});

test('siblings on other paths are not claimed', () => {
  // virHostdevMarkUSBDevices() and the SCSI path print the same words about other devices.
  assert.ok(
    !ids('error: Requested operation is not valid: USB device 001:004 is already in use').includes(
      'libvirt.hostdev-duplicate',
    ),
  );
  assert.ok(
    !ids(
      "error: Requested operation is not valid: SCSI device sg3 is already in use by other domain(s) as 'shareable'",
    ).includes('libvirt.hostdev-duplicate'),
  );
  // virsh's detach/reattach/reset failures have their own entry.
  assert.deepEqual(ids('error: Failed to detach device pci_0000_01_00_0'), ['libvirt.virsh-nodedev-failed']);
  // "Unable to create" of anything but a hugetlbfs path is not a hugepage problem.
  assert.ok(
    !ids('error: Unable to create /var/lib/libvirt/qemu/channel/target: Permission denied').includes(
      'libvirt.hugepage-path-failed',
    ),
  );
  // An mdev iommu_group lookup, not any sysfs access.
  assert.ok(
    !ids(
      "error: failed to access '/sys/bus/pci/devices/0000:01:00.0/iommu_group': No such file or directory",
    ).includes('libvirt.mdev-iommu-group-missing'),
  );
});

test('the literal prefilter finds every literal of a catalogue larger than one scan expression', () => {
  // matcher.ts scans the literals in chunks; an entry whose literal lands in any chunk, first or
  // last, must still be tried. 700 entries with distinct literals span three chunks.
  const entries = Array.from({ length: 700 }, (_, i) => ({
    id: `synthetic.entry-${i}`,
    source: 'libvirt' as const,
    cite: 'synthetic',
    format: `marker number ${i} reached`,
    patterns: [new RegExp(`marker number ${i} reached`)],
    severity: 'info' as const,
    title: 't',
    cause: 'c',
    fix: 'f',
  }));
  for (const i of [0, 255, 256, 511, 512, 699])
    assert.deepEqual(
      matchLine(`log: marker number ${i} reached`, entries).map((m) => m.entry.id),
      [`synthetic.entry-${i}`],
    );
  assert.deepEqual(matchLine('log: marker number 700 reached', entries), []);
});
