// The fifth harvest's part c (catalogue/harvest5c-sweep.ts): messages posted in public threads about
// the vendor and distribution stacks around passthrough — the NVIDIA vGPU manager, AMD's MxGPU
// host driver, Harvester's PCI claims, SharedGL, CUDA in an unlicensed vGPU guest, XAPI's GPU
// groups, NVIDIA driver builds on Linux 6.15+ — plus the entries this harvest mended ("No driver
// bound" capitalised as posted for an Intel iGPU, kvmgt refusing the SR-IOV i915, libvirt's QEMU
// exit led by QXL's harmless note, NVIDIA's installer in a Hyper-V GPU-P VM, Code 43 on an Intel
// SR-IOV VF under guest Hyper-V) and the messages the catalogue already explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST5C_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest5c-sweep.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(
    HARVEST5C_SWEEP_ENTRIES,
    ['nvidia-vgpu.', 'gim.', 'mgmt.', 'sharedgl.', 'cuda.', 'xen.', 'nvidia.'],
    (e, x, f) => {
      for (const [k, v] of Object.entries(x.facts ?? {}))
        assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
    },
  );
  assert.equal(n, HARVEST5C_SWEEP_ENTRIES.length);
  assert.equal(n, 7);
});

test('every harvested example names the public thread it came from', () => {
  let posted = 0;
  for (const e of HARVEST5C_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      if (x.origin === BUILT) continue;
      posted++;
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
  assert.equal(posted, 10);
});

test('vGPU manager: a failed guest message points at the driver handshake', () => {
  const id = 'nvidia-vgpu.rpc-message-failed';
  const code = onlyFinding(
    'Aug 20 18:42:22 kr nvidia-vgpu-mgr[2847]: error: vmiop_log: (0x0): VGPU message 47 failed, result code: 0x56',
    id,
  );
  assert.equal(code.explanation.severity, 'error');
  assert.equal(code.facts.code, '0x56');
  assert.match(code.explanation.cause, /NV_ERR_NOT_SUPPORTED/);
  assert.match(code.explanation.cause, /Incompatible Guest\/Host drivers/);
  assert.match(code.explanation.fix, /same vGPU software release/);
  const uninit = onlyFinding(
    'Aug 20 18:42:22 kr nvidia-vgpu-mgr[2847]: error: vmiop_log: (0x0): VGPU message 47 failed, guest VGX version not initialized...',
    id,
  );
  assert.match(uninit.explanation.cause, /before the guest\/host version handshake had succeeded/);
  assert.match(uninit.explanation.fix, /journalctl -u nvidia-vgpu-mgr/);
});

test('SR-IOV (mended): "No driver bound" as posted, capitalised, is the iGPU driver not bound', () => {
  const f = onlyFinding('No driver bound to device; cannot configure SR-IOV', 'kernel.sriov-no-configure');
  assert.equal(f.explanation.severity, 'error');
  assert.equal(f.facts.nodriver, 'No driver bound to device');
  assert.match(f.explanation.cause, /no driver is bound to the physical function/);
  assert.match(f.explanation.cause, /before i915\/xe was loaded/);
  assert.match(f.explanation.fix, /lspci -k -s ADDR/);
  // origin: https://github.com/strongtz/i915-sriov-dkms/issues/292
});

test('GIM: a world-switch command that timed out resets the VF', () => {
  const f = onlyFinding(
    'gim error:(wait_cmd_complete:1643)  wait_cmd_complete -- time out after 0.100007496 sec',
    'gim.world-switch-timeout',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.equal(f.facts.nsecs, '100007496');
  assert.match(f.explanation.cause, /could not go idle/);
  assert.match(f.explanation.cause, /function-level reset/);
  assert.match(f.explanation.fix, /match the guest driver to the GIM release/);
});

test('Harvester: a claim whose device is in no IOMMU group is retried for ever', () => {
  const f = onlyFinding(
    'time="2026-01-21T17:04:34Z" level=error msg="error syncing \'harvester8-000003000\': handler PCIDeviceClaimReconcile: missing group for address: 0000:03:00.0, requeuing"',
    'mgmt.harvester-claim-missing-group',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.equal(f.facts.bdf, '0000:03:00.0');
  assert.match(f.explanation.cause, /\/sys\/kernel\/iommu_groups/);
  assert.match(f.explanation.cause, /address is stale/);
  assert.match(f.explanation.fix, /delete the claim/);
});

test('SharedGL: the shared memory file belongs to someone else', () => {
  const f = onlyFinding(
    "err: failed to open shared memory 'sharedgl_shared_memory'",
    'sharedgl.shm-open-failed',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /belongs to another user/);
  assert.match(f.explanation.fix, /sglrenderer -x/);
});

test('CUDA: every device busy or unavailable — in a vGPU guest, the licence', () => {
  const id = 'cuda.devices-unavailable';
  const old = onlyFinding(
    'tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit initialization on GPU:0 failed. Status: all CUDA-capable devices are busy or unavailable',
    id,
  );
  assert.equal(old.explanation.severity, 'error');
  assert.match(old.explanation.cause, /Unlicensed/);
  assert.match(old.explanation.cause, /Exclusive_Process/);
  assert.match(old.explanation.fix, /nvidia-smi -q/);
  onlyFinding('RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable', id);
});

test("XAPI: no free pGPU in the VM's GPU group; the vGPU form is about capacity and type", () => {
  const id = 'xen.xapi-vm-requires-gpu';
  const gpu = onlyFinding(
    'SCTX-1473 [HFX-1077]: Unable to start VM by VM_REQUIRES_GPU. Multiple PCI consumed',
    id,
  );
  assert.equal(gpu.explanation.severity, 'error');
  assert.match(gpu.explanation.cause, /another VM .* holds it/);
  assert.match(gpu.explanation.fix, /xe vgpu-list gpu-group-uuid=GROUP/);
  const vgpu = onlyFinding(
    'You attempted to run a VM on a host on which the vGPU required by the VM cannot be allocated on any pGPUs in the GPU_group needed by the VM.',
    id,
  );
  assert.match(vgpu.explanation.cause, /another type/);
  assert.match(vgpu.explanation.fix, /remaining-capacity/);
});

test("NVIDIA driver build on Linux 6.15+: its own headers are missing, not a package's", () => {
  const f = onlyFinding(
    'nvidia/nv-acpi.c:26:10: fatal error: os-interface.h: No such file or directory',
    'nvidia.build-own-headers-missing',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.equal(f.facts.header, 'os-interface.h');
  assert.match(f.explanation.cause, /EXTRA_CFLAGS/);
  assert.match(f.explanation.cause, /6\.15/);
  assert.match(f.explanation.fix, /proxmox-boot-tool kernel pin/);
});

test('kvmgt refusing the SR-IOV i915 (mended): harmless for SR-IOV VFs', () => {
  const id = 'kernel.module-symbol-mismatch';
  const kvmgt = onlyFinding(
    '[   32.076467] kvmgt: disagrees about version of symbol i915_gem_object_set_to_cpu_domain',
    id,
  );
  assert.equal(kvmgt.explanation.severity, 'warning');
  assert.match(kvmgt.explanation.cause, /SR-IOV VFs do not use kvmgt/);
  assert.match(kvmgt.explanation.fix, /blacklist kvmgt/);
  const other = onlyFinding('[    5.1] mdev: disagrees about version of symbol vfio_register_group_dev', id);
  assert.equal(other.explanation.severity, 'error');
  assert.doesNotMatch(other.explanation.cause, /harmless/);
});

test("libvirt's QEMU exit led by QXL's note (mended): the next QEMU line is the error", () => {
  const f = onlyFinding(
    'internal error: qemu unexpectedly closed the monitor: qxl_send_events: spice-server bug: guest stopped, ignoring',
    'libvirt.qemu-exited',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /is not the reason/);
  assert.match(f.explanation.cause, /starts paused/);
  assert.match(f.explanation.fix, /QEMU line after the qxl one/);
  const plain = onlyFinding('error: internal error: End of file from qemu monitor', 'libvirt.qemu-exited');
  assert.doesNotMatch(plain.explanation.cause, /qxl/);
});

test("NVIDIA's installer in a Hyper-V GPU-P VM (mended): the driver comes from the host", () => {
  const f = onlyFinding(
    'This NVIDIA graphics driver is not compatible with this version of Windows.  This graphics driver could not find compatible graphics hardware',
    'windows.nvidia-installer-no-hardware',
  );
  assert.match(f.explanation.cause, /GPU partitioning \(GPU-P/);
  assert.match(f.explanation.fix, /Update-VMGpuPartitionDriver\.ps1/);
});

test('Code 43 on an Intel SR-IOV VF once Hyper-V or WSL runs in the guest (mended)', () => {
  for (const text of [
    'Upon enabling either feature, the iGPU immediately fails with Code 43 in Device Manager.',
    'Code 43 after installing WSL in Windows 11 VM',
  ]) {
    const f = onlyFinding(text, 'windows.code-43');
    assert.match(f.explanation.cause, /Intel iGPU SR-IOV VF/);
    assert.match(f.explanation.cause, /nested hypervisor/);
    assert.match(f.explanation.fix, /turn off Hyper-V, WSL/);
  }
  // origins: https://github.com/intel/linux-intel-lts/issues/77, https://github.com/strongtz/i915-sriov-dkms/issues/263
});

test('messages the catalogue already explained (tallied, unchanged)', () => {
  const cases: [string, string][] = [
    [
      '{"component":"virt-controller","level":"info","msg":"reenqueuing VirtualMachineInstance default/test-2","pos":"vmi.go:272","reason":"failed to render launch manifest: HostDevice nvidia.com/GP102_GEFORCE_GTX_1080_TI is not permitted in permittedHostDevices configuration","timestamp":"2023-06-30T15:41:29.508129Z"}',
      'kubevirt.device-not-permitted',
    ],
    [
      'kvm: -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/00000000-0000-0000-0000-000000000100,id=hostpci0,bus=pci.0,addr=0x10: vfio 00000000-0000-0000-0000-000000000100: error getting device from group 48: Input/output error',
      'qemu.device-from-group',
    ],
    [
      "Error launching details: Host does not support domain type kvm with machine 'pc-q35-9.1' for virtualization type 'hvm' with architecture 'x86_64'",
      'mgmt.virtinst-no-kvm',
    ],
    [
      "Full error message: Start failed: internal error: libxenlight failed to create new domain 'usb2Go', see /var/log/libvirt/libxl/libxl-driver.log for details.",
      'libvirt.libxl-create-failed',
    ],
    [
      '2023-01-19T14:11:14.337307Z qemu-system-x86_64: -device {"driver":"VGA","id":"video0","vgamem_mb":16,"bus":"pcie.0","addr":"0x1"}: PCI: slot 1 function 0 not available for VGA, in use by intel-hda,id=(null)',
      'qemu.pci-slot-in-use',
    ],
    [
      'Mon Apr 22 22:12:41 2024:<1>:Valid GRID license not found. GPU features and performance will be restricted. To enable full functionality please configure licensing details.',
      'nvidia-vgpu.license-not-found',
    ],
    ['        License Status                    : Unlicensed', 'nvidia-vgpu.smi-unlicensed'],
    [
      '         Error! Bad return status for module build on kernel: 5.15.27-1-pve (x86_64)',
      'dkms.build-failed',
    ],
    ['Error! Your kernel headers for kernel 5.10.0-30-cloud-amd64 cannot be found.', 'dkms.headers-missing'],
  ];
  for (const [text, id] of cases) onlyFinding(text, id);
});
