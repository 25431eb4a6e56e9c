// The VMMs and management layers beyond QEMU and libvirt: the facts in their messages (the
// innermost variant of a Rust error printed with Debug, the errno inside it, a Go environment
// variable name, an address) change the explanation the way the producing source says.
//
// Expected causes come from the sources, not from the entries:
// - rust-vmm/vfio crates/vfio-ioctls: VfioDevice::get_group_id_from_path() returns InvalidPath when
//   readlink(<sysfs path>/iommu_group) fails, before any group is opened; OpenGroup carries the
//   io::Error of open("/dev/vfio/N"), printed in Debug as Os { code: N, … } next to the group string.
// - torvalds/linux drivers/vfio/group.c: /dev/vfio/N exists only while a device of the group is
//   bound to a VFIO driver (ENOENT otherwise); vfio_group_fops_open() gives EBUSY to a second opener.
// - drivers/vfio/vfio_iommu_type1.c vfio_dma_do_map(): EINVAL for an IOVA outside the IOMMU's
//   usable ranges (its address width), ENOMEM at RLIMIT_MEMLOCK.
// - cloud-hypervisor pci/src/bus.rs: a refused BAR move keeps the old BAR; 0 is what guests write
//   while sizing. vfio-ioctls get_regions(): region index 8 is VFIO_PCI_VGA_REGION_INDEX.
// - kubevirt addresspool.go: PCI_RESOURCE_<NAME> carries passthrough addresses,
//   MDEV_PCI_RESOURCE_<NAME> vGPU ones; both are looked up for every resource.
// - sriov-cni LoadConf(): the VF's PF netdev is read from /sys/bus/pci/devices/<VF>/physfn/net.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

test('Cloud Hypervisor VfioCreate: the innermost variant picks the step that failed', () => {
  const invalid = onlyFinding(
    'Error booting VM: VmBoot(DeviceManager(VfioCreate(InvalidPath)))',
    'chv.vfio-create-failed',
  );
  assert.match(invalid.explanation.cause, /iommu_group/);
  assert.match(invalid.explanation.cause, /IOMMU is off/);
  assert.match(invalid.explanation.fix, /\/sys\/bus\/pci\/devices\//);

  const enoent = onlyFinding(
    'Error booting VM: VmBoot(DeviceManager(VfioCreate(OpenGroup(Os { code: 2, kind: NotFound, message: "No such file or directory" }, "45"))))',
    'chv.vfio-create-failed',
  );
  assert.equal(enoent.facts.errno, 'ENOENT');
  assert.equal(enoent.group, 45);
  assert.match(enoent.explanation.cause, /\/dev\/vfio\/45 does not exist/);
  assert.match(enoent.explanation.cause, /bound to vfio-pci/);

  const busy = onlyFinding(
    'VmAddDevice(DeviceManager(VfioCreate(OpenGroup(Os { code: 16, kind: ResourceBusy, message: "Device or resource busy" }, "12"))))',
    'chv.vfio-create-failed',
  );
  assert.equal(busy.facts.errno, 'EBUSY');
  assert.match(busy.explanation.cause, /already open/);

  const viable = onlyFinding(
    'Error booting VM: VmBoot(DeviceManager(VfioCreate(GroupViable)))',
    'chv.vfio-create-failed',
  );
  assert.match(viable.explanation.cause, /host driver/);
  assert.notEqual(viable.explanation.cause, invalid.explanation.cause);
});

test('Dragonball wraps the same vfio-ioctls variants, and NoResource is its own entry', () => {
  const t = onlyFinding(
    'vmm action error: StartMicroVm(CreateVfioDevice(VfioIoctlError(VfioType1V2)))',
    'chv.vfio-create-failed',
  );
  assert.match(t.explanation.cause, /vfio_iommu_type1/);
  const r = onlyFinding(
    '6: vmm action error: StartMicroVm(CreateVfioDevice(NoResource))',
    'kata.dragonball-no-resource',
  );
  assert.match(r.explanation.cause, /MMIO/);
});

test('virtio-iommu replay: EINVAL is the host IOMMU address width, ENOMEM the memlock limit', () => {
  const line = (e: number) =>
    `failed to map memory for VFIO container, iova 0x7fff00000000, gpa 0x24ce25000, size 0x1000: IommuDmaMap(Error(${e}))`;
  const inval = onlyFinding(line(22), 'chv.viommu-map-failed');
  assert.equal(inval.facts.errno, 'EINVAL');
  assert.match(inval.explanation.fix, /iommu_address_width/);
  const nomem = onlyFinding(line(12), 'chv.viommu-map-failed');
  assert.match(nomem.explanation.cause, /RLIMIT_MEMLOCK/);
});

test('a refused BAR move: to 0 is the guest sizing the BAR, elsewhere the device is unreachable', () => {
  const zero = onlyFinding(
    'Failed moving device BAR: failed allocating new MMIO range: 0xe7f00000->0x0(0x80000)',
    'chv.bar-move-failed',
  );
  assert.equal(zero.explanation.severity, 'info');
  const high = onlyFinding(
    'Failed moving device BAR: failed allocating new MMIO range: 0xd2000000->0x80000000(0x1000000), keeping old BAR',
    'chv.bar-move-failed',
  );
  assert.equal(high.explanation.severity, 'warning');
  assert.match(high.explanation.fix, /pci=nocrs/);
});

test('vfio-ioctls region listing: index 8 (VGA) is harmless, a BAR index is not', () => {
  assert.equal(
    onlyFinding('Could not get region #8 info', 'chv.region-info-missing').explanation.severity,
    'info',
  );
  const bar = onlyFinding('Could not get region #2 info', 'chv.region-info-missing');
  assert.equal(bar.explanation.severity, 'warning');
  assert.match(bar.explanation.cause, /BAR 2/);
});

test('crosvm low power: failing to enter is harmless, failing to exit leaves the device unreachable', () => {
  const enter = onlyFinding(
    "failed to enter vfio deviece's low power state: Inappropriate ioctl for device (os error 25)",
    'crosvm.low-power-failed',
  );
  assert.equal(enter.explanation.severity, 'warning');
  const exit = onlyFinding(
    "failed to exit vfio deviece's low power state: Input/output error (os error 5)",
    'crosvm.low-power-failed',
  );
  assert.equal(exit.explanation.severity, 'error');
  assert.match(exit.explanation.fix, /disable_idle_d3|d3cold_allowed/);
});

test('KubeVirt address variables: a missing vGPU variable is harmless, a missing passthrough one is not', () => {
  const pci = onlyFinding(
    'PCI_RESOURCE_NVIDIA_COM_GPU not set for resource nvidia.com/gpu',
    'kubevirt.resource-env-missing',
  );
  assert.equal(pci.explanation.severity, 'warning');
  const mdev = onlyFinding(
    'MDEV_PCI_RESOURCE_NVIDIA_COM_GPU not set for resource nvidia.com/gpu',
    'kubevirt.resource-env-missing',
  );
  assert.equal(mdev.explanation.severity, 'info');
});

test('SR-IOV CNI: a missing physfn/net means the PF has no netdev', () => {
  const f = onlyFinding(
    'SRIOV-CNI failed to load netconf: LoadConf(): failed to get VF information: "lstat /sys/bus/pci/devices/0000:00:07.0/physfn/net: no such file or directory"',
    'mgmt.sriov-cni-vf-info',
  );
  assert.equal(f.device, '0000:00:07.0');
  assert.match(f.explanation.cause, /PF is bound to vfio-pci/);
});

test('Proxmox: a mapping with no free device is not a second VM holding one address', () => {
  const busy = onlyFinding("PCI device '0000:01:00.0' already in use by VMID '101'", 'pve.device-reserved');
  assert.equal(busy.device, '0000:01:00.0');
  const pool = onlyFinding("could not find a free device for 'hostpci1'", 'pve.device-reserved');
  assert.match(pool.explanation.cause, /resource mapping of hostpci1/);
  assert.notEqual(busy.explanation.cause, pool.explanation.cause);
});

test('Kubernetes scheduling: only extended (vendor/name) resources are read, not cpu or memory', () => {
  assert.equal(
    diagnoseText('0/3 nodes are available: 3 Insufficient cpu.').findings.filter(
      (f) => f.entry.id === 'mgmt.k8s-insufficient-device',
    ).length,
    0,
  );
  const f = onlyFinding(
    '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
    'mgmt.k8s-insufficient-device',
  );
  assert.equal(f.facts.resource, 'nvidia.com/gpu');
});

test('Kata: /dev/vfio/vfio looked up as a group is not a stale group number', () => {
  const vfio = onlyFinding(
    'failed to create shim task: open /sys/kernel/iommu_groups/vfio/devices: no such file or directory: unknown',
    'kata.iommu-group-missing',
  );
  assert.match(vfio.explanation.cause, /\/dev\/vfio\/vfio/);
  const stale = onlyFinding(
    'failed to create shim task: open /sys/kernel/iommu_groups/17/devices: no such file or directory: unknown',
    'kata.iommu-group-missing',
  );
  assert.match(stale.explanation.cause, /no IOMMU group 17/);
});

test("NVIDIA's KubeVirt GPU plugin: a GPU without a driver and one without an IOMMU group are different fixes", () => {
  const noDriver = onlyFinding(
    'Could not read link driver for device 0000:3b:00.0: readlink /sys/bus/pci/devices/0000:3b:00.0/driver: no such file or directory',
    'mgmt.nvidia-dp-gpu-skipped',
  );
  assert.match(noDriver.explanation.fix, /vfio-pci/);
  const noGroup = onlyFinding(
    'Could not read link iommu_group for device 0000:3b:00.0: readlink /sys/bus/pci/devices/0000:3b:00.0/iommu_group: no such file or directory',
    'mgmt.nvidia-dp-gpu-skipped',
  );
  assert.match(noGroup.explanation.cause, /IOMMU/);
  assert.notEqual(noDriver.explanation.fix, noGroup.explanation.fix);
});

test("Cloud Hypervisor's Display chain: the numbered innermost line carries the same cause as the Debug form", () => {
  const chain = [
    'Error: Cloud Hypervisor exited with the following chain of errors:',
    '  0: Error booting VM',
    '  1: The VM could not boot',
    '  2: Error from device manager',
    '  3: Cannot create a VFIO device',
    '  4: invalid file path',
  ].join('\n');
  const hits = diagnoseText(chain).findings.filter((f) => f.entry.id === 'chv.vfio-create-failed');
  assert.ok(
    hits.some((f) => /iommu_group/.test(f.explanation.cause)),
    'the innermost line names the iommu_group link',
  );
  assert.equal(diagnoseText('  4: a file path').findings.length, 0);
});
