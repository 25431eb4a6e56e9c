// The user-space and mediated-device families of the diagnose catalogue (DPDK/SPDK, mdev core,
// mdevctl, GVT-g, NVIDIA vGPU, iommufd, container engines): the facts in a message (errno, status
// code, which side is newer, which node) change the explanation the way the producing source's
// behaviour says they should; harmless lines say so; lines close to a message but not it are not
// taken for it; and each family's lines are found in the log forms users paste them from (OVS,
// SPDK, journald, libvirt's per-domain log, Proxmox, RFC 5424), each stripped to the message.
//
// Expected causes come from the sources cited in the entries: drivers/vfio/vfio_iommu_type1.c
// (ENOMEM = RLIMIT_MEMLOCK, EINVAL = IOVA outside the usable ranges, ENOSPC = dma_entry_limit),
// drivers/vfio/group.c vfio_group_fops_open() (EBUSY = one opener; EPERM on a no-IOMMU group
// without CAP_SYS_RAWIO), drivers/vfio/mdev/mdev_core.c (EEXIST = duplicate UUID),
// drivers/iommu/iommufd/device.c iommufd_device_bind() (EPERM = MSIs not isolated), NVIDIA's
// nvstatuscodes.h (0x56 NV_ERR_NOT_SUPPORTED) and moby's DevicesFromPath() (stat of the node).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/readiness/diagnose/catalogue.js';
import { stripLogPrefix } from '../../src/readiness/diagnose/log-prefix.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { onlyFinding } from '../helpers/diagnose-entry.js';

const only = onlyFinding;

const FAMILIES = ['dpdk.', 'spdk.', 'mdevctl.', 'nvidia-vgpu.', 'runtime.', 'kernel.gvt-', 'kernel.mdev-'];

test('the new families are in the catalogue, each entry citing its source', () => {
  const entries = CATALOGUE.filter((e) => FAMILIES.some((p) => e.id.startsWith(p)));
  assert.equal(entries.length, 153); // 153 with nvidia-vgpu.blacklisted-pages (the eighteenth set, read); 152 with nvidia-vgpu.license-state (a probe of common passthrough errors, 2026-12-04); 124 with dpdk.mempool-ops-missing, dpdk.secondary-no-primary, spdk.setup-skip-controller and mdevctl.config-file-not-uuid (fourth harvest, part b); 134 with the ten runtime.* entries of the fifth harvest, part a (CDI, NVIDIA container CLI and toolkit, rootless podman, glibc, gVisor nvproxy, libtpu); 135 with nvidia-vgpu.rpc-message-failed (fifth harvest, part c); 136 with dpdk.bind-script-no-inactive (the thirteenth set, read); 150 with the fourteen kernel.gvt-* entries of the GVT-g source sweep; 151 with kernel.gvt-dup-mmio (the fifteenth set, read)
  for (const e of entries) {
    assert.ok(e.cite.length > 10, `${e.id} cites nothing`);
    assert.ok((e.examples ?? []).length >= 1, `${e.id} has no example`);
  }
});

test('DPDK DMA remapping: the errno decides the cause', () => {
  const cases: [string, RegExp][] = [
    ['EAL: Cannot set up DMA remapping, error 12 (Cannot allocate memory)', /RLIMIT_MEMLOCK/],
    ['EAL:   cannot set up DMA remapping, error 22 (Invalid argument)', /address width/],
    ['EAL: Cannot set up DMA remapping, error 28 (No space left on device)', /dma_entry_limit/],
    ['EAL:   0000:00:19.0 DMA remapping failed, error 14 (Bad address)', /could not pin/],
  ];
  for (const [line, cause] of cases) {
    const f = only(line, 'dpdk.dma-remapping-failed');
    assert.match(f.explanation.cause, cause, line);
  }
  assert.equal(only(cases[3][0], 'dpdk.dma-remapping-failed').device, '0000:00:19.0');
});

test('DPDK opening /dev/vfio/N: EBUSY is another opener, EPERM on a no-IOMMU group is CAP_SYS_RAWIO', () => {
  const busy = only('EAL: Cannot open /dev/vfio/48: Device or resource busy', 'dpdk.group-open-failed');
  assert.equal(busy.group, 48);
  assert.match(busy.explanation.cause, /one file hold a VFIO group/);
  const noiommu = only(
    'EAL: Cannot open /dev/vfio/noiommu-0: Operation not permitted',
    'dpdk.group-open-failed',
  );
  assert.match(noiommu.explanation.cause, /CAP_SYS_RAWIO/);
  const denied = only('EAL: Cannot open /dev/vfio/7: Permission denied', 'dpdk.group-open-failed');
  assert.match(denied.explanation.cause, /without access to the node/);
});

test('DPDK and SPDK harmless lines say so; no-IOMMU mode is a warning', () => {
  assert.equal(only('EAL: VFIO support initialized', 'dpdk.vfio-initialized').explanation.severity, 'info');
  assert.equal(
    only('EAL:   using IOMMU type 1 (Type 1)', 'dpdk.iommu-type-in-use').explanation.severity,
    'info',
  );
  const noiommu = only('EAL:   using IOMMU type 8 (No-IOMMU)', 'dpdk.iommu-type-in-use');
  assert.equal(noiommu.explanation.severity, 'warning');
  assert.match(noiommu.explanation.cause, /no-IOMMU mode/);
  const skipped = only(
    '[2024-03-01 10:00:00.123456] memory.c: 889:vtophys_iommu_map_dma: *NOTICE*: Cannot set up DMA mapping, error 19, ignored',
    'spdk.dma-map-failed',
  );
  assert.equal(skipped.explanation.severity, 'info');
  assert.match(skipped.explanation.title, /harmless/);
  const memlock = only('Cannot set up DMA mapping, error 12', 'spdk.dma-map-failed');
  assert.equal(memlock.explanation.severity, 'error');
  assert.match(memlock.explanation.cause, /RLIMIT_MEMLOCK/);
});

test('mdevctl: the errno on the "Caused by" line explains the failed create', () => {
  const text =
    'Error: Failed to create mdev 4b20d080-1b54-4048-81ae-2ed1c6e43e68, type nvidia-63 on 0000:01:00.0\n\nCaused by:\n    File exists (os error 17)';
  const hits = diagnoseText(text).findings.filter((f) => f.entry.id === 'mdevctl.create-failed');
  const withErrno = hits.find((f) => f.facts.errno === 'EEXIST');
  assert.ok(withErrno, 'the errno of the Caused-by line is read');
  assert.match(withErrno.explanation.cause, /UUID already exists/);
  const gvt = diagnoseText(
    'Error: Failed to create mdev ae6411d7-151d-485d-98e7-fa377c478da0, type i915-GVTg_V5_8 on 0000:00:02.0\nCaused by:\n    No space left on device (os error 28)',
  ).findings.find((f) => f.facts.errno === 'ENOSPC');
  assert.ok(gvt);
  assert.match(gvt.explanation.cause, /no room/);
});

test('GVT-g: -28 is the aperture, the failsafe reason picks the cause', () => {
  const create = only('[   77.118382] gvt: failed to create intel vgpu: -28', 'kernel.gvt-create-failed');
  assert.match(create.explanation.cause, /aperture/);
  const bad = only('gvt: failed to create intel vgpu: -22', 'kernel.gvt-create-failed');
  assert.match(bad.explanation.cause, /type is not one GVT-g offers/);
  const log = [
    'gvt: vgpu 1: write invalid HWSP address, reg:0x2080, value:0x0',
    'gvt: vgpu 1: fail to emulate MMIO write 00002080 len 4',
    "Detected your guest driver doesn't support GVT-g.",
    'Now vgpu 2 will enter failsafe mode.',
  ].join('\n');
  const ids = diagnoseText(log).findings.map((f) => f.entry.id);
  // The HWSP line is GVT-g's own refusal of the guest's register write (handlers.c
  // hws_pga_write(), read by the GVT-g source sweep); the MMIO line is the emulation failing.
  assert.deepEqual(ids.sort(), [
    'kernel.gvt-failsafe',
    'kernel.gvt-guest-register-refused',
    'kernel.gvt-mmio-emulation-failed',
  ]);
  const failsafe = only(log, 'kernel.gvt-failsafe');
  assert.equal(failsafe.count, 2);
  assert.match(failsafe.explanation.cause, /guest's graphics driver/);
  const golden = only(
    'i915 0000:00:02.0: Direct firmware load for i915/gvt/vid_0x8086_did_0x3ea0_rid_0x02.golden_hw_state failed with error -2',
    'kernel.gvt-golden-state-missing',
  );
  assert.equal(golden.explanation.severity, 'info');
});

test('NVIDIA vGPU: which side is newer, the status code and a timeout change the explanation', () => {
  const older = only(
    'error: vmiop_log: (0x0): Incompatible Guest/Host drivers: Guest VGX version is older than the minimum version supported by the Host. Disabling vGPU.',
    'nvidia-vgpu.driver-incompatible',
  );
  assert.match(older.explanation.cause, /guest driver is older/);
  const newer = only(
    'Incompatible Guest/Host drivers: Guest VGX version is newer than the maximum version supported by the Host. Disabling vGPU.',
    'nvidia-vgpu.driver-incompatible',
  );
  assert.match(newer.explanation.cause, /guest driver is newer/);
  const hostOld = only(
    'Incompatible Guest/Host drivers: Host VGX version is older than the minimum version supported by the Guest. Disabling vGPU.',
    'nvidia-vgpu.driver-incompatible',
  );
  assert.match(hostOld.explanation.cause, /guest driver is newer/);
  const status = only('nvidia-vgpu-mgr[1562]: error: vmiop_log: NVOS status 0x56', 'nvidia-vgpu.nvos-status');
  assert.match(status.explanation.cause, /NV_ERR_NOT_SUPPORTED/);
  const unknown = only(
    'nvidia-vgpu-mgr[1562]: error: vmiop_log: NVOS status 0x1f',
    'nvidia-vgpu.nvos-status',
  );
  assert.doesNotMatch(unknown.explanation.cause, /NV_ERR_/);
  const timeout = only(
    '[nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: start failed. status: 0x0 Timeout Occured',
    'nvidia-vgpu.start-failed',
  );
  assert.match(timeout.explanation.cause, /did not answer in time/);
  const refused = only(
    '[nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: start failed. status: 0x1 ',
    'nvidia-vgpu.start-failed',
  );
  assert.match(refused.explanation.cause, /refused or failed/);
  for (const line of [
    'notice: vmiop_log: (0x0): vGPU migration enabled',
    'notice: vmiop_log: (0x0): Current max guest pfn = 0x46fe6e!',
    "notice: vmiop_env_log: Unable to get VM name from QEMU commandline, using VM's UUID as VM name. 0x57",
    'notice: vmiop_log: (0x0): Guest usable FB size is reduced due to ECC.',
  ]) {
    const f = diagnoseText(line).findings;
    assert.equal(f.length, 1, line);
    assert.equal(f[0].explanation.severity, 'info', line);
    assert.match(f[0].explanation.title, /harmless/, line);
  }
});

test('iommufd bind: EPERM is interrupt isolation, EBUSY another owner of the group', () => {
  const dev = 'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: ';
  const eperm = only(
    `${dev}error bind device fd=23 to iommufd=24: Operation not permitted`,
    'qemu.iommufd-bind-failed',
  );
  assert.match(eperm.explanation.cause, /isolate its MSIs/);
  assert.equal(eperm.device, '0000:01:00.0');
  const ebusy = only(
    `${dev}error bind device fd=23 to iommufd=24: Device or resource busy`,
    'qemu.iommufd-bind-failed',
  );
  assert.match(ebusy.explanation.cause, /owned by someone else/);
  const attach = only(
    `${dev}[iommufd=24] error attach 0000:01:00.0 (23) to id=2: Invalid argument`,
    'qemu.iommufd-attach-failed',
  );
  assert.match(attach.explanation.cause, /reserved range/);
});

test('docker --device: a missing group node and a missing /dev/vfio/vfio are told apart', () => {
  const group = only(
    'docker: Error response from daemon: error gathering device information while adding custom device "/dev/vfio/176": no such file or directory.',
    'runtime.vfio-device-node-missing',
  );
  assert.equal(group.facts.errno, 'ENOENT');
  assert.match(group.explanation.cause, /IOMMU group 176/);
  const container = only(
    'docker: Error response from daemon: error gathering device information while adding custom device "/dev/vfio/vfio": no such file or directory.',
    'runtime.vfio-device-node-missing',
  );
  assert.match(container.explanation.cause, /modules are not loaded/);
});

test('lines close to these messages are not taken for them', () => {
  const near = [
    'EAL: Probing VFIO support...',
    'EAL: Cannot open /dev/hugepages/rtemap_0: Permission denied',
    'mdevctl: No mediated devices defined',
    'gvt: vgpu 1: created',
    'notice: vmiop_log: ######## vGPU Manager Information: ########',
    'Failed to create mdev directory /tmp/x',
    'error gathering device information while adding custom device "/dev/nvidia0": no such file or directory',
    'Direct firmware load for amdgpu/navi10_gpu_info.bin failed with error -2',
  ];
  const ids = CATALOGUE.filter((e) => FAMILIES.some((p) => e.id.startsWith(p))).map((e) => e.id);
  for (const line of near) {
    const hit = diagnoseText(line).findings.filter((f) => ids.includes(f.entry.id));
    assert.deepEqual(
      hit.map((f) => f.entry.id),
      [],
      line,
    );
  }
});

test("each family's lines strip to the message in the log forms users paste them from", () => {
  // [log line, body expected after the prefix is taken off, entry]
  const forms: [string, string, string][] = [
    [
      // ovs-vswitchd.log
      '2022-11-25T01:10:52.810Z|00093|dpdk|ERR|EAL: 0000:01:00.1 VFIO group is not viable! Not all devices in IOMMU group bound to VFIO or unbound',
      'EAL: 0000:01:00.1 VFIO group is not viable! Not all devices in IOMMU group bound to VFIO or unbound',
      'dpdk.group-not-viable',
    ],
    [
      // Open vSwitch through journald/syslog
      'Oct 22 10:39:37 node08ob52 ovs-vswitchd[19179]: ovs|00020|dpdk|ERR|EAL:   cannot set up DMA remapping, error 14 (Bad address)',
      'EAL:   cannot set up DMA remapping, error 14 (Bad address)',
      'dpdk.dma-remapping-failed',
    ],
    [
      // an SPDK application's log
      '[2024-03-01 10:00:00.123456] memory.c: 889:vtophys_iommu_map_dma: *NOTICE*: Cannot set up DMA mapping, error 19, ignored',
      'memory.c: 889:vtophys_iommu_map_dma: *NOTICE*: Cannot set up DMA mapping, error 19, ignored',
      'spdk.dma-map-failed',
    ],
    [
      // journald, nvidia-vgpu-mgr
      'Apr 06 13:46:20 pve nvidia-vgpu-mgr[25539]: error: vmiop_log: (0x0): init_device_instance failed for inst 0 with error 1 (error setting vGPU configuration information)',
      'error: vmiop_log: (0x0): init_device_instance failed for inst 0 with error 1 (error setting vGPU configuration information)',
      'nvidia-vgpu.init-device-instance-failed',
    ],
    [
      // libvirt's per-domain log (/var/log/libvirt/qemu/NAME.log): QEMU's program name stays
      '2023-01-01T10:00:00.123456Z qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: error bind device fd=23 to iommufd=24: Operation not permitted',
      'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: error bind device fd=23 to iommufd=24: Operation not permitted',
      'qemu.iommufd-bind-failed',
    ],
    [
      // journald with QEMU's identifier (RHEL's qemu-kvm)
      'Jan 12 10:00:00 host qemu-kvm[1234]: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: [iommufd=24] error attach 0000:01:00.0 (23) to ioasid=2: Invalid argument',
      '-device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: [iommufd=24] error attach 0000:01:00.0 (23) to ioasid=2: Invalid argument',
      'qemu.iommufd-attach-failed',
    ],
    [
      // RFC 5424 (rsyslog/syslog-ng forwarding)
      '<11>1 2023-01-01T10:00:00.123Z host kernel - - - [nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: start failed. status: 0x0 Timeout Occured',
      '[nvidia-vgpu-vfio] a581675d-19eb-4f50-aa64-6aeb378c58c3: start failed. status: 0x0 Timeout Occured',
      'nvidia-vgpu.start-failed',
    ],
    [
      // dmesg
      '[   77.118382] gvt: failed to create intel vgpu: -28',
      'gvt: failed to create intel vgpu: -28',
      'kernel.gvt-create-failed',
    ],
    [
      // Proxmox task log: QEMU runs as "kvm", its program name stays like qemu-system-x86_64
      'kvm: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: error bind device fd=23 to iommufd=24: Device or resource busy',
      'kvm: -device vfio-pci,host=0000:01:00.0,iommufd=iommufd0: vfio 0000:01:00.0: error bind device fd=23 to iommufd=24: Device or resource busy',
      'qemu.iommufd-bind-failed',
    ],
  ];
  for (const [line, body, id] of forms) {
    assert.equal(stripLogPrefix(line).body, body, line);
    const f = diagnoseText(line).findings;
    assert.deepEqual(
      f.map((x) => x.entry.id),
      [id],
      line,
    );
  }
});

test('QEMU failing to read an mdev config space points at the vGPU stack, a PCI address at the device', () => {
  const mdev = only(
    'kvm: -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0000:01:00.0/00000000-0000-0000-0000-000000000102,id=hostpci0,bus=pci.0,addr=0x10: vfio 00000000-0000-0000-0000-000000000102: failed to read device config space: Bad address',
    'qemu.config-access-failed',
  );
  assert.match(mdev.explanation.cause, /vGPU manager/);
  const pci = only(
    'qemu-system-x86_64: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to read device config space',
    'qemu.config-access-failed',
  );
  assert.match(pci.explanation.cause, /D3cold/);
});

test('podman/crun and Go stat errors on a /dev/vfio node read the same facts as docker', () => {
  const crun = only(
    "Error: crun: error stat'ing file `/dev/vfio/42`: Permission denied: OCI permission denied",
    'runtime.vfio-device-node-missing',
  );
  assert.equal(crun.facts.node, '42');
  assert.equal(crun.facts.errno, 'EACCES');
  const missing = only(
    'Error: stat /dev/vfio/42: no such file or directory',
    'runtime.vfio-device-node-missing',
  );
  assert.match(missing.explanation.cause, /IOMMU group 42/);
  assert.equal(
    diagnoseText('Error: stat /dev/vfio42: no such file or directory').findings.filter(
      (f) => f.entry.id === 'runtime.vfio-device-node-missing',
    ).length,
    0,
  );
});
