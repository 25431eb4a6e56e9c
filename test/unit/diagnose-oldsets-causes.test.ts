// The older held-out sets' general causes (catalogue/oldsets-sweep.ts and the refinements of
// existing entries it came with): each message family as its source prints it, the facts that
// change the cause (errno, function, parameter, cmdlet, BAR range), and "harmless" where the
// source makes it so. Lines here are built from the format strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OLDSETS_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/oldsets-sweep.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    OLDSETS_SWEEP_ENTRIES,
    [
      'kernel.',
      'chv.',
      'kata.',
      'spdk.',
      'dpdk.',
      'libvirt.',
      'xen.',
      'kubernetes.',
      'windows.',
      'rust-vmm.',
    ],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, OLDSETS_SWEEP_ENTRIES.length);
});

test('x2APIC: the old panic and the 5.19+ message both name the missing CONFIG_X86_X2APIC', () => {
  eachOnlyFinding(
    'kernel.x2apic-not-built-in',
    [
      "[    1.000000] Kernel panic - not syncing: BIOS has enabled x2apic but kernel doesn't support x2apic, please disable x2apic in BIOS.",
      'Kernel does not support x2APIC, please recompile with CONFIG_X86_X2APIC.',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /CONFIG_X86_X2APIC/, line);
      assert.match(f.explanation.fix, /firmware/, line);
    },
  );
});

test('PnP overlap: an unassigned BAR (starting at 0) is harmless noise; an assigned one a dropped reservation', () => {
  const id = 'kernel.pnp-region-overlaps-bar';
  const unset = onlyFinding(
    'pnp 00:06: disabling [mem 0xa0000000-0xa0ffffff] because it overlaps 0000:00:02.0 BAR 9 [mem 0x00000000-0x3fffffff 64bit pref]',
    id,
  );
  assert.equal(unset.explanation.severity, 'info');
  assert.match(unset.explanation.cause, /no address yet/);
  assert.match(unset.explanation.cause, /Harmless/);
  const set = onlyFinding(
    'pnp 00:06: disabling [mem 0xfd000000-0xfdffffff] because it overlaps 0000:03:00.0 BAR 0 [mem 0xfd000000-0xfd0fffff]',
    id,
  );
  assert.match(set.explanation.cause, /drops the reservation/);
});

test('pcifront: claiming is informational, a failed claim points at e820_host', () => {
  const id = 'kernel.pcifront-claim-resource';
  const info = onlyFinding('pcifront pci-0: claiming resource 0000:00:02.0/1', id);
  assert.equal(info.explanation.severity, 'info');
  assert.match(info.explanation.fix, /e820_host=1/);
  const failed = onlyFinding(
    'pcifront pci-0: Could not claim resource 0000:00:02.0/1! Device offline. Try using e820_host=1 in the guest config.',
    id,
  );
  assert.equal(failed.explanation.severity, 'error');
  assert.match(failed.explanation.cause, /conflict with System RAM/);
});

test('amdgpu GEM close: ENODEV is a GPU unbound while in use, -512 an interrupted process', () => {
  const id = 'kernel.amdgpu-gem-close-failed';
  eachOnlyFinding(
    id,
    [
      'vfio-pci 0000:03:00.0: amdgpu: failed to clear page tables on GEM object close (-19)',
      'amdgpu 0000:03:00.0: amdgpu: leaking bo va because we fail to reserve bo (-19)',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /unbound/, line);
      assert.match(f.explanation.cause, /held buffers/, line);
      assert.match(f.explanation.fix, /fuser -v \/dev\/dri/, line);
    },
  );
  const sig = onlyFinding(
    'amdgpu 0000:03:00.0: amdgpu: failed to clear page tables on GEM object close (-512)',
    id,
  );
  assert.equal(sig.explanation.severity, 'info');
  assert.match(sig.explanation.cause, /signal/);
});

test('NVRM VESA call: harmless, the legacy video BIOS was not run', () => {
  const f = onlyFinding(
    'NVRM unixCallVideoBIOS: int10h(4f02, 0118) vesa call failed! (0000, 0118)',
    'kernel.nvrm-vesa-call-failed',
  );
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.title, /harmless/);
  assert.match(f.explanation.cause, /video BIOS/);
});

test('dxgkrnl: a feature query failing is harmless, other ioctls are real; MMIO space too small', () => {
  const id = 'kernel.dxg-ioctl-failed';
  const query = onlyFinding('misc dxg: dxgk: dxgkio_is_feature_enabled: Ioctl failed: -22', id);
  assert.equal(query.explanation.severity, 'info');
  assert.match(query.explanation.cause, /non-fatal/);
  const real = onlyFinding('misc dxg: dxgk: dxgkio_lock2: Ioctl failed: -12', id);
  assert.equal(real.explanation.severity, 'warning');
  assert.match(real.explanation.fix, /host's current GPU driver files/);
  const mmio = onlyFinding('dxgk: Unable to allocate mmio memory: -6', 'kernel.dxg-mmio-alloc-failed');
  assert.match(mmio.explanation.cause, /MMIO space/);
  assert.match(mmio.explanation.fix, /HighMemoryMappedIoSpace/);
});

test('cloud-hypervisor: disabling MSI/MSI-X is SET_IRQS with DATA_NONE|ACTION_TRIGGER, harmless at teardown', () => {
  eachOnlyFinding(
    'chv.vfio-irq-disable-failed',
    [
      'Could not disable MSI',
      'ERROR:pci/src/vfio.rs:700 -- Could not disable MSI-X: VfioDisableIrq(Os { code: 22 })',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /VFIO_DEVICE_SET_IRQS/, line);
      assert.match(f.explanation.cause, /DATA_NONE \| ACTION_TRIGGER/, line);
      assert.match(f.explanation.cause, /harmless/, line);
    },
  );
});

test('Kata agent: a host part that is not a PCI address (a mediated device)', () => {
  const f = onlyFinding(
    'failed to create shim task: Malformed VFIO PCI option "0000:3b:00.0"',
    'kata.agent-bad-vfio-host-address',
  );
  assert.match(f.explanation.cause, /mediated device/);
  assert.match(f.explanation.fix, /same version/);
});

test('SPDK vfio-user: EINVAL from the doorbell mmap is a 64 KiB page size', () => {
  const f = onlyFinding(
    'vfio_user.c:4460:nvmf_vfio_user_listen: *ERROR*: /run/vfu1: error to mmap file /run/vfu1/bar0: Invalid argument.',
    'spdk.vfio-user-doorbell-mmap-failed',
  );
  assert.match(f.explanation.cause, /64 KiB pages/);
  assert.match(f.explanation.cause, /page size/);
});

test('DPDK without physical addresses: pagemap needs CAP_SYS_ADMIN, uio needs physical addresses', () => {
  const f = onlyFinding(
    'EAL: Cannot obtain physical addresses: No such file or directory. Only vfio will function.',
    'dpdk.no-physical-addresses',
  );
  assert.match(f.explanation.cause, /\/proc\/self\/pagemap/);
  assert.match(f.explanation.cause, /uio_pci_generic/);
  assert.match(f.explanation.fix, /root/);
});

test('libvirt hook: a non-executable entry is skipped; a per-VM directory is harmless', () => {
  const f = onlyFinding(
    'warning : virHookCheck:187 : Non-executable hook script /etc/libvirt/hooks/qemu.d/win11',
    'libvirt.hook-not-executable',
  );
  assert.match(f.explanation.cause, /harmless/);
  assert.match(f.explanation.cause, /directory/);
  assert.match(f.explanation.fix, /chmod \+x/);
});

test('virsh: arguments glued to the command name are read as its name', () => {
  const id = 'libvirt.virsh-unknown-command';
  const glued = onlyFinding("error: unknown command: 'nodedev-detach=pci_0000_02_00_0'", id);
  assert.match(glued.explanation.cause, /glued/);
  assert.match(glued.explanation.cause, /nodedev-detach=pci_0000_02_00_0/);
  const typo = onlyFinding("error: unknown command: 'nodedev-detatch'", id);
  assert.match(typo.explanation.cause, /typo/);
});

test('XAPI: no free SR-IOV VF on the host', () => {
  const f = onlyFinding(
    'Server_error(NETWORK_SRIOV_INSUFFICIENT_CAPACITY, [ OpaqueRef:9f ])',
    'xen.xapi-sriov-insufficient-capacity',
  );
  assert.match(f.explanation.cause, /no free virtual function/);
  assert.match(f.explanation.fix, /reboot/);
});

test('SR-IOV device plugin: no net directory means the PF/VF is not on a kernel network driver', () => {
  const f = onlyFinding(
    'error adding new device: "open /sys/bus/pci/devices/0000:5e:00.0/net: no such file or directory"',
    'kubernetes.sriov-dp-no-netdev',
  );
  assert.equal(f.facts.bdf, '0000:5e:00.0');
  assert.match(f.explanation.cause, /physical function/);
  assert.match(f.explanation.cause, /vfio-pci/);
});

test('Hyper-V cmdlets: the VMHost GPU cmdlets are Windows 11 only; a missing module otherwise', () => {
  const id = 'windows.hyperv-cmdlet-not-found';
  const host = onlyFinding(
    "The term 'Get-VMHostPartitionableGpu' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    id,
  );
  assert.match(host.explanation.cause, /Windows 11/);
  assert.match(host.explanation.fix, /Get-VMPartitionableGpu/);
  const other = onlyFinding(
    "The term 'Add-VMGpuPartitionAdapter' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    id,
  );
  assert.match(other.explanation.cause, /Hyper-V PowerShell module is not installed/);
});

test('PowerShell parameters: -InstancePath is Windows 11 / Server 2022+, in English and Chinese output', () => {
  eachOnlyFinding(
    'windows.ps-parameter-not-found',
    [
      "Add-VMGpuPartitionAdapter -VMName vm1 -InstancePath $p : A parameter cannot be found that matches parameter name 'InstancePath'.",
      'Add-VMGpuPartitionAdapter : 找不到与参数名称“instancepath”匹配的参数。',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /Windows 10/, line);
      assert.match(f.explanation.fix, /without -InstancePath/, line);
    },
  );
  const other = onlyFinding(
    "A parameter cannot be found that matches parameter name 'Foo'.",
    'windows.ps-parameter-not-found',
  );
  assert.match(other.explanation.cause, /misspelt/);
});

test('Hyper-V: a VM name that does not exist is an earlier failed step or a typo', () => {
  const f = onlyFinding(
    'Set-VM : Hyper-V was unable to find a virtual machine with name "lab-01".',
    'windows.hyperv-vm-not-found',
  );
  assert.match(f.explanation.cause, /earlier step failed/);
});

// ---- refinements of existing entries
test('systemd: a misspelled unit suffix is a typo, not a missing package', () => {
  const f = onlyFinding(
    'Failed to start looking-glass.serivce.service: Unit looking-glass.serivce.service not found.',
    'systemd.unit-not-found',
  );
  assert.match(f.explanation.cause, /mistyped/);
  assert.match(f.explanation.fix, /looking-glass\.service/);
  const missing = onlyFinding(
    'Failed to start foo.service: Unit foo.service not found.',
    'systemd.unit-not-found',
  );
  assert.doesNotMatch(missing.explanation.cause, /mistyped/);
});

test('QEMU: a device already attached names the VFIO group and hot-plug', () => {
  const f = onlyFinding(
    'qemu-system-x86_64: -device vfio-pci,host=0000:02:00.0: vfio 0000:02:00.0: device is already attached',
    'qemu.device-already-attached',
  );
  assert.match(f.explanation.cause, /VFIO group/);
  assert.match(f.explanation.cause, /hot-plug/);
  assert.match(f.explanation.cause, /twice/);
});

test('kernel: the fixed tail "can\'t assign; no space" alone is still the BAR without room', () => {
  const f = onlyFinding("pci 0000:00:01.0: can't assign; no space", 'kernel.bar-no-space');
  assert.match(f.explanation.cause, /bridge window/);
});

test('sysfs bind: ENODEV from a non-vfio driver also covers a device still bound elsewhere', () => {
  const f = onlyFinding('write /sys/bus/pci/drivers/ixgbe/bind: no such device', 'sysfs.bind-failed');
  assert.match(f.explanation.cause, /still bound to another driver/);
});

test('rust-vmm: unsetting the container is refused while a device fd is open; the number is the group', () => {
  const f = onlyFinding(
    'ERROR:vfio-ioctls/src/vfio_device.rs:640 -- Could not unbind VFIO group: 12',
    'rust-vmm.vfio-group-unset-container-failed',
  );
  assert.equal(f.facts.group, '12');
  assert.match(f.explanation.cause, /VFIO_GROUP_UNSET_CONTAINER/);
  assert.match(f.explanation.cause, /EBUSY while a device file descriptor of the group is still open/);
});

test('KVM on Arm: an MMIO access without a valid syndrome cannot be emulated (old and new wording)', () => {
  eachOnlyFinding(
    'kernel.kvm-arm-mmio-no-syndrome',
    [
      'kvm [77]: load/store instruction decoding not implemented',
      'Data abort outside memslots with no valid syndrome info',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /syndrome \(ISV\)/, line);
      assert.match(f.explanation.cause, /BAR/, line);
      assert.match(f.explanation.fix, /page-aligned/, line);
    },
  );
});

test('DPDK: a device that no driver attached is one not bound to vfio-pci/uio', () => {
  const f = onlyFinding('EAL: Driver cannot attach the device (0000:06:00.0)', 'dpdk.device-unusable');
  assert.match(f.explanation.cause, /not bound to a kernel driver DPDK can drive/);
  assert.match(f.explanation.fix, /vfio-pci/);
});

test('SPDK setup.sh: the rebind line is informational; a failed bind is a device without an IOMMU group', () => {
  const id = 'spdk.setup-rebind';
  const moved = onlyFinding('0000:5e:00.0 (144d a808): nvme -> uio_pci_generic', id);
  assert.equal(moved.explanation.severity, 'info');
  assert.match(moved.explanation.cause, /enable_unsafe_noiommu_mode/);
  const failed = onlyFinding('0000:5e:00.0 (144d a808): failed to bind to vfio-pci, aborting', id);
  assert.equal(failed.explanation.severity, 'error');
  assert.match(failed.explanation.cause, /without an IOMMU group/);
});

test('DPDK probe line: informational, the driver binding decides', () => {
  const f = onlyFinding('EAL: PCI device 0000:81:00.0 on NUMA socket 1', 'dpdk.pci-device-probe-info');
  assert.equal(f.explanation.severity, 'info');
  assert.match(f.explanation.cause, /bound to vfio-pci/);
});

test('SR-IOV operator: EOPNOTSUPP on a VF MAC is an InfiniBand PF (GUIDs, not MACs)', () => {
  const f = onlyFinding(
    'E0101 00:00:00.000000 1 utils.go:300] configSriovDevice(): fail to configure VF admin mac address for device 0000:3b:00.3 "operation not supported"',
    'kubernetes.sriov-operator-vf-mac-unsupported',
  );
  assert.match(f.explanation.cause, /InfiniBand/);
  assert.match(f.explanation.cause, /GUID/);
});

test('dpdk-devbind: vfio_pci is the module name, the driver directory is vfio-pci', () => {
  const f = onlyFinding(
    'Error: bind failed for 0000:02:00.0 - Cannot open /sys/bus/pci/drivers/vfio_pci/bind',
    'sysfs.dpdk-devbind-failed',
  );
  assert.match(f.explanation.cause, /module's spelling/);
  assert.match(f.explanation.fix, /--bind=vfio-pci/);
});

test('KubeVirt: a dashed vGPU resource name is read, and a missing PCI_RESOURCE_ for a vGPU is harmless', () => {
  const f = onlyFinding(
    'PCI_RESOURCE_NVIDIA_COM_GRID_T4-4Q not set for resource nvidia.com/GRID_T4-4Q',
    'kubevirt.resource-env-missing',
  );
  assert.equal(f.facts.env, 'PCI_RESOURCE_NVIDIA_COM_GRID_T4-4Q');
  assert.match(f.explanation.cause, /expected and harmless/);
});
