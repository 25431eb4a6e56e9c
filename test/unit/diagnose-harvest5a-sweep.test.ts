// The fifth harvest's part a (catalogue/harvest5a-sweep.ts): messages posted in public threads about
// VFIO and device passthrough under containers and clusters — CDI resolution in podman, the NVIDIA
// runtime and containerd with a DRA driver; the NVIDIA container CLI on a passthrough node; rootless
// podman's device rules; a device-plugin binary built for a newer glibc; the GPU operator's
// vm-passthrough validation and driver manager; gVisor's nvproxy; Cloud Hypervisor's DMA mapping —
// plus the entry this harvest mended (a UIO sysfs path missing inside a container) and the messages
// that were already explained right.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST5A_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest5a-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(HARVEST5A_SWEEP_ENTRIES, ['runtime.', 'kubernetes.', 'chv.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, HARVEST5A_SWEEP_ENTRIES.length);
  assert.equal(n, 13);
});

test('every harvested example names the public thread it came from', () => {
  let posted = 0;
  for (const e of HARVEST5A_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      if (x.origin === BUILT) continue;
      posted++;
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
  assert.equal(posted, 20);
});

test('CDI: an unresolvable device — engine spec dirs, the GPU operator management spec, a DRA driver', () => {
  const id = 'runtime.cdi-unresolvable';
  const podman = onlyFinding(
    'Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all',
    id,
  );
  assert.equal(podman.explanation.severity, 'error');
  assert.equal(podman.facts.kind, 'nvidia.com/gpu');
  assert.match(podman.explanation.cause, /--cdi-spec-dir=\/run\/cdi/);
  assert.match(podman.explanation.cause, /vfio-pci/);
  assert.match(podman.explanation.fix, /nvidia-ctk cdi list/);
  const mgmt = onlyFinding(
    'failed to inject CDI devices: unresolvable CDI devices management.nvidia.com/gpu=GPU-e78e68c0-4e6a-737e-f9cc-4223fe50aead',
    id,
  );
  assert.match(mgmt.explanation.cause, /management\.nvidia\.com-gpu\.yaml/);
  assert.match(mgmt.explanation.cause, /only "all"/);
  assert.match(mgmt.explanation.fix, /nvidia-container-toolkit pod/);
  const dra = onlyFinding(
    'CDI device injection failed: unresolvable CDI devices k8s.gpu.nvidia.com/device=gpu-1',
    id,
  );
  assert.match(dra.explanation.cause, /DRA driver/);
  assert.match(dra.explanation.cause, /enable_cdi/);
  assert.match(dra.explanation.fix, /cdi_spec_dirs/);
});

test('NVIDIA container CLI: no driver on a passthrough node; a device name that is no GPU', () => {
  const nvml = onlyFinding(
    'stderr: nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown',
    'runtime.nvidia-cli-driver-not-loaded',
  );
  assert.equal(nvml.explanation.severity, 'error');
  assert.match(nvml.explanation.cause, /bound to vfio-pci/);
  assert.match(nvml.explanation.fix, /NVIDIA_VISIBLE_DEVICES=void/);
  assert.match(nvml.explanation.fix, /vm-passthrough/);
  const id = 'runtime.nvidia-cli-unknown-device';
  const bogus = onlyFinding('nvidia-container-cli: device error: false: unknown device: unknown.', id);
  assert.equal(bogus.facts.id, 'false');
  assert.match(bogus.explanation.cause, /boolean or placeholder/);
  const uuid = onlyFinding(
    'nvidia-container-cli: device error: GPU-2f68f999-7b41-e64a-3709-0c8c4fa756c0: unknown device',
    id,
  );
  assert.match(uuid.explanation.cause, /NVML does not see a GPU that is not on the nvidia driver/);
  assert.match(uuid.explanation.fix, /nvidia-smi -L/);
});

test('rootless podman refuses device cgroup rules: pass the nodes with permissions instead', () => {
  const f = onlyFinding(
    'Error: device cgroup rules are not supported in rootless mode or in a user namespace',
    'runtime.podman-rootless-device-rules',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /file permissions alone/);
  assert.match(f.explanation.fix, /--device \/dev\/vfio\/vfio/);
});

test('glibc too old for the binary: generic, and the KubeVirt GPU device plugin image', () => {
  const id = 'runtime.glibc-version-missing';
  const plugin = onlyFinding(
    "nvidia-kubevirt-gpu-device-plugin: /lib64/libc.so.6: version `GLIBC_2.34' not found (required by nvidia-kubevirt-gpu-device-plugin)",
    id,
  );
  assert.equal(plugin.facts.ver, '2.34');
  assert.match(plugin.explanation.cause, /UBI 8/);
  assert.match(plugin.explanation.fix, /v1\.2\.4/);
  const other = onlyFinding(
    "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by ./app)",
    id,
  );
  assert.match(other.explanation.cause, /built \(linked\) against a newer GNU C library/);
  assert.match(other.explanation.fix, /ldd --version/);
});

test('GPU operator vm-passthrough: a GPU left on nvidia or on no driver; the driver manager skipping', () => {
  const id = 'kubernetes.gpu-operator-vfio-not-bound';
  const nvidia = onlyFinding("device not bound to 'vfio-pci'; device: 0000:18:00.0 driver: 'nvidia'", id);
  assert.equal(nvidia.explanation.severity, 'error');
  assert.match(nvidia.explanation.cause, /pre-installed/);
  assert.match(nvidia.explanation.fix, /blacklist/);
  const none = onlyFinding("device not bound to 'vfio-pci'; device: 0000:41:00.0 driver: ''", id);
  assert.match(none.explanation.cause, /bound to no driver at all/);
  assert.match(none.explanation.fix, /modprobe vfio-pci/);
  const other = onlyFinding("device not bound to 'vfio-pci'; device: 0000:41:00.0 driver: 'nouveau'", id);
  assert.match(other.explanation.cause, /vfio-manager should unbind/);
  const dm = onlyFinding(
    'NVIDIA GPU driver is already pre-installed on the node, disabling the containerized driver',
    'kubernetes.driver-manager-preinstalled',
  );
  assert.equal(dm.explanation.severity, 'warning');
  assert.match(dm.explanation.cause, /harmless/);
  assert.match(dm.explanation.cause, /VM passthrough/);
});

test('gVisor nvproxy: an unsupported driver, a sandbox that died starting, an unknown ioctl', () => {
  const drv = onlyFinding(
    'FATAL ERROR: creating loader: registering filesystems: registering nvproxy driver: unsupported Nvidia driver version: 570.211.01',
    'runtime.gvisor-nvproxy-unsupported-driver',
  );
  assert.equal(drv.facts.version, '570.211.01');
  assert.match(drv.explanation.cause, /exact host driver version/);
  assert.match(drv.explanation.fix, /list-supported-drivers/);
  const eof = onlyFinding(
    'creating container: cannot create sandbox: cannot read client sync file: waiting for sandbox to start: EOF',
    'runtime.gvisor-sandbox-start-eof',
  );
  assert.match(eof.explanation.cause, /unsupported Nvidia driver version/);
  assert.match(eof.explanation.fix, /--debug-log/);
  const ioctl = onlyFinding(
    'W0412 15:55:45.690854  1008391 frontend.go:180] [  15:  42] nvproxy: unknown frontend ioctl 212 == 0xd4 (argSize=128, cmd=0xc08046d4)',
    'runtime.gvisor-nvproxy-unknown-ioctl',
  );
  assert.equal(ioctl.facts.what, 'frontend ioctl');
  assert.match(ioctl.explanation.cause, /EINVAL/);
  assert.match(ioctl.explanation.fix, /upgrade runsc/);
});

test('Cloud Hypervisor: guest memory not mapped for a VFIO device is memory or memlock', () => {
  const f = onlyFinding(
    'cloud-hypervisor: 11.035738247s: ERROR:pci/src/vfio.rs:861 -- failed to add all guest memory regions into iommu table',
    'chv.iommu-table-add-failed',
  );
  assert.equal(f.explanation.severity, 'error');
  assert.match(f.explanation.cause, /ran out of memory/);
  assert.match(f.explanation.fix, /LimitMEMLOCK/);
});

test('UIO sysfs path (mended): missing inside a container where only the device directory is mounted', () => {
  const f = onlyFinding(
    'EAL: Cannot open /sys/class/uio/uio13/device/config: No such file or directory',
    'generic.sysfs-errno',
  );
  assert.match(f.explanation.cause, /bound to a UIO driver/);
  assert.match(f.explanation.cause, /intel-device-plugins-for-kubernetes#351/);
  assert.match(f.explanation.fix, /vfio-pci/);
});

test('already explained right: a TPU group held by another process, read-only /sys in LXD, an empty SR-IOV pool', () => {
  const tpu = onlyFinding(
    "Failed to initialize TPU system with error: FAILED_PRECONDITION: open(/dev/vfio/0): Device or resource busy: Device or resource busy; Couldn't open iommu group /dev/vfio/0",
    'generic.vfio-node-errno',
  );
  assert.match(tpu.explanation.cause, /another process/);
  const ro = onlyFinding(
    'dpdk.cc:88] EAL: Cannot open /sys/class/uio/uio0/device/config: Read-only file system',
    'generic.sysfs-errno',
  );
  assert.match(ro.explanation.cause, /read-only/);
  const pool = onlyFinding(
    'I0401 06:54:11.257448       1 manager.go:130] no devices in device pool, skipping creating resource server for intel_sriov_netdevice',
    'mgmt.sriovdp-empty-pool',
  );
  assert.match(pool.explanation.cause, /selectors/);
});

test('NVIDIA toolkit CDI generation: NVML not started — driver not loaded, library not found', () => {
  const id = 'runtime.nvidia-cdi-nvml-init';
  const drv = onlyFinding(
    'level=error msg="failed to generate CDI spec: failed to create device CDI specs: failed to construct device spec generators: failed to initialize NVML: Driver Not Loaded"',
    id,
  );
  assert.equal(drv.explanation.severity, 'error');
  assert.match(drv.explanation.cause, /before the nvidia module is loaded/);
  assert.match(drv.explanation.cause, /vfio-pci/);
  assert.match(drv.explanation.fix, /nvidia-cdi-refresh/);
  const lib = onlyFinding('failed to initalize NVML: ERROR_LIBRARY_NOT_FOUND', id);
  assert.match(lib.explanation.fix, /--driver-root=\/run\/nvidia\/driver/);
  const other = onlyFinding('failed to initialize NVML: ERROR_NO_PERMISSION', id);
  assert.match(other.explanation.cause, /enumerates the GPUs through NVML/);
  // nvidia-smi's own capitalised wording inside a container is another message
  assert.ok(
    !diagnoseText('Failed to initialize NVML: Unknown Error').findings.some((f) => f.entry.id === id),
  );
});

test('SR-IOV CNI (mended): the full VLAN-configuration wording is the same VF setting refused', () => {
  const f = onlyFinding(
    'error adding container to network "sriovnet1": SRIOV-CNI failed to configure VF "failed to set vf 4 vlan configuration - id 100, qos 0 and proto 802.1q: invalid argument"',
    'mgmt.sriov-cni-vf-config',
  );
  assert.equal(f.facts.vf, '4');
  assert.equal(f.facts.what, 'vlan');
  assert.match(f.explanation.cause, /PF driver does not support that setting/);
});

test('already explained right: KubeVirt GPUs allocated by another device plugin', () => {
  const f = onlyFinding(
    'server error. command SyncVMI failed: "failed to create GPU host-devices: the number of GPU/s do not match the number of devices:\\nGPU: [{gpu1 nvidia.com/gpu <nil> } {gpu2 nvidia.com/gpu <nil> }]\\nDevice: []"',
    'kubevirt.device-count-mismatch',
  );
  assert.match(f.explanation.cause, /NVIDIA container device plugin/);
});

test('libtpu: one process per host holds the TPU; the old wording is noise in multi-process runs', () => {
  const id = 'runtime.libtpu-in-use';
  const held = onlyFinding(
    "RuntimeError: Unable to initialize backend 'tpu': ABORTED: The TPU is already in use by process with pid 22589. Not attempting to load libtpu.so in this process.",
    id,
  );
  assert.equal(held.explanation.severity, 'error');
  assert.equal(held.facts.pid, '22589');
  assert.match(held.explanation.cause, /\/tmp\/libtpu_lockfile/);
  assert.match(held.explanation.cause, /\/dev\/vfio\/N/);
  assert.match(held.explanation.fix, /lsof -w \/dev\/accel0/);
  const old = onlyFinding(
    'libtpu.so already in used by another process. Not attempting to load libtpu.so in this process.',
    id,
  );
  assert.equal(old.explanation.severity, 'warning');
  assert.match(old.explanation.cause, /harmless noise/);
});
