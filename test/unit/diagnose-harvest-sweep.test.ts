// The harvest sweep (catalogue/harvest-sweep.ts): messages posted in public issue threads that the
// catalogue did not recognise — QEMU aborting on an MSR KVM refuses, KVM refusing a VM, ports in
// use, libvirt's taint/hook/RPC/domain/shmem/hostdev-network/interface/AppArmor messages, a saved
// state that no longer fits, the vIOMMU without caching-mode, AER/ext-config/Extended Tags, a dead
// xHCI, iavf without its PF and the Looking Glass client's EGL and SPICE errors. The examples are
// the posted messages, each with its thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT } from '../../src/readiness/diagnose/catalogue/build.js';
import { HARVEST_SWEEP_ENTRIES } from '../../src/readiness/diagnose/catalogue/harvest-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, eachOnlyFinding, onlyFinding } from '../helpers/diagnose-entry.js';

test('every entry is registered, cites its source and claims its examples alone', () => {
  const n = checkSweepEntries(HARVEST_SWEEP_ENTRIES, ['qemu.', 'kernel.', 'libvirt.', 'lg.'], (e, x, f) => {
    for (const [k, v] of Object.entries(x.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} fact ${k}: ${x.text}`);
  });
  assert.equal(n, HARVEST_SWEEP_ENTRIES.length);
});

test('every example is a posted message with the thread it came from', () => {
  for (const e of HARVEST_SWEEP_ENTRIES)
    for (const x of e.examples ?? []) {
      assert.notEqual(x.origin, BUILT, `${e.id}: ${x.text}`);
      assert.match(x.origin, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, e.id);
    }
});

test('MSR: VMX capability MSRs point at nested vmx, PMU MSRs at pmu=off, the assertion at the line before', () => {
  const id = 'qemu.kvm-set-msr-failed';
  eachOnlyFinding(
    id,
    [
      'qemu-system-x86_64: error: failed to set MSR 0x48f to 0xffffff00036dfb',
      'qemu-system-x86_64: error: failed to set MSR 0x480 to 0x0',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /VMX capability/, line);
      assert.match(f.explanation.fix, /vmx/, line);
    },
  );
  eachOnlyFinding(
    id,
    [
      'qemu-system-x86_64: error: failed to set MSR 0x38d to 0x0',
      'qemu-kvm: error: failed to set MSR 0x186 to 0x0',
    ],
    (f, line) => {
      assert.match(f.explanation.cause, /PMU/, line);
      assert.match(f.explanation.fix, /pmu=off/, line);
    },
  );
  const other = onlyFinding('qemu-system-x86_64 error failed to set msr 0xe1 to 0x0', id);
  assert.match(other.explanation.cause, /nested/);
  assert.match(other.explanation.cause, /ignore_msrs does not help/);
  const assertion = onlyFinding(
    "qemu-system-x86_64: target/i386/kvm.c:1906: kvm_put_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
    id,
  );
  assert.match(assertion.explanation.cause, /names it/);
});

test("KVM's own warning about a passthrough MSR is a kernel inconsistency, not the VM's config", () => {
  const f = onlyFinding(
    '[ 1458.690766] Invalid MSR 588, please adapt vmx_possible_passthrough_msrs[]',
    'kernel.kvm-vmx-passthrough-msr-unknown',
  );
  assert.equal(f.explanation.severity, 'warning');
  assert.match(f.explanation.cause, /kernel bug/);
});

test('KVM_CREATE_VM: EBUSY is another hypervisor, ENOMEM is memory; the kernel line and the TCG fallback', () => {
  const busy = onlyFinding(
    'ioctl(KVM_CREATE_VM) failed: 16 Device or resource busy',
    'qemu.kvm-create-vm-failed',
  );
  assert.match(busy.explanation.cause, /VirtualBox/);
  assert.match(busy.explanation.fix, /vboxdrv/);
  const newer = onlyFinding(
    'qemu-system-x86_64: ioctl(KVM_CREATE_VM) failed: Device or resource busy',
    'qemu.kvm-create-vm-failed',
  );
  assert.match(newer.explanation.cause, /VMware/);
  const mem = onlyFinding(
    'ioctl(KVM_CREATE_VM) failed: 12 Cannot allocate memory',
    'qemu.kvm-create-vm-failed',
  );
  assert.match(mem.explanation.cause, /contiguous/);
  const cpu = onlyFinding(
    '[ 1.2] kvm: enabling virtualization on CPU3 failed during hardware_enable_all+0x22/0x60',
    'kernel.kvm-enable-virtualization-failed',
  );
  assert.match(cpu.explanation.cause, /another hypervisor/);
  const tcg = onlyFinding('qemu-system-x86_64: falling back to tcg', 'qemu.accel-fallback-tcg');
  assert.match(tcg.explanation.cause, /emulates the CPU/);
});

test("QEMU's failed to initialize KVM with EBUSY now says why (mended qemu.kvm-unavailable)", () => {
  const f = onlyFinding(
    'qemu-system-x86_64: failed to initialize KVM: Device or resource busy',
    'qemu.kvm-unavailable',
  );
  assert.match(f.explanation.cause, /VirtualBox/);
  const capital = onlyFinding(
    'Could Not Access KVM kernel module: No Such file or directory.',
    'qemu.kvm-unavailable',
  );
  assert.match(capital.explanation.cause, /\/dev\/kvm is missing/);
});

test('a sysfs device path without the PCI domain is named as the cause (mended refineSysfs)', () => {
  const f = onlyFinding(
    './rebind.sh: 8: ./rebind.sh: cannot create /sys/bus/pci/devices/00:1d.0/driver/unbind: Directory nonexistent',
    'sysfs.unbind-failed',
  );
  assert.match(f.explanation.cause, /without its PCI domain/);
  assert.match(f.explanation.fix, /0000:00:1d\.0/);
  const full = onlyFinding(
    'sh: 1: cannot create /sys/bus/pci/devices/0000:01:00.0/driver/unbind: Directory nonexistent',
    'sysfs.unbind-failed',
  );
  assert.doesNotMatch(full.explanation.cause, /PCI domain/);
});

test('ports: SPICE bind, the SPICE conclusion, no SPICE port, a taken VNC/gdb/monitor port, a netdev socket', () => {
  const spice = onlyFinding(
    '(process:1): Spice-WARNING **: 10:01:01.291: reds.c:2645:reds_init_socket: binding socket to [::]:5901 failed',
    'qemu.spice-bind-failed',
  );
  assert.equal(spice.facts.port, '5901');
  assert.match(spice.explanation.fix, /autoport/);
  const init = onlyFinding('qemu-system-x86_64: failed to initialize spice server', 'qemu.spice-init-failed');
  assert.match(init.explanation.cause, /line only concludes/);
  const noPort = onlyFinding(
    'qemu-system-x86_64: neither port nor tls-port specified for spice',
    'qemu.spice-no-port',
  );
  assert.match(noPort.explanation.fix, /autoport/);
  const id = 'qemu.listen-port-in-use';
  const vnc = onlyFinding(
    'qemu-system-x86_64: -vnc :0: Failed to start VNC server: Failed to bind socket: Address already in use',
    id,
  );
  assert.match(vnc.explanation.cause, /5900/);
  const gdb = onlyFinding('qemu-system-aarch64: -s: Failed to bind socket: Address already in use', id);
  assert.match(gdb.explanation.cause, /gdbstub/);
  const plain = onlyFinding('Failed to find an available port: Address already in use', id);
  assert.match(plain.explanation.cause, /already listens/);
  const net = onlyFinding(
    "qemu-system-i386: -netdev socket,id=n1,udp=127.0.0.1:10016,localaddr=127.0.0.1:10017: Device 'socket' could not be initialized",
    'qemu.netdev-init-failed',
  );
  assert.match(net.explanation.cause, /Address already in use/);
  const vfio = diagnoseText("-device vfio-pci,host=01:00.0: Device 'vfio-pci' could not be initialized");
  assert.ok(!vfio.findings.some((f) => f.entry.id === 'qemu.netdev-init-failed'));
});

test('a saved state that no longer fits, and the vIOMMU without caching-mode', () => {
  const load = onlyFinding(
    'qemu-system-x86_64: get_pci_config_device: Bad config data: i=0x34 read: 40 device: 60 cmask: ff wmask: 0 w1cmask:0',
    'qemu.loadvm-pci-config-mismatch',
  );
  assert.match(load.explanation.cause, /managed save/);
  assert.match(load.explanation.fix, /managedsave-remove/);
  const cm = onlyFinding(
    'qemu-system-x86_64: We need to set caching-mode=on for intel-iommu to enable device assignment with IOMMU protection.',
    'qemu.intel-iommu-caching-mode-required',
  );
  assert.match(cm.explanation.fix, /caching_mode='on'/);
});

test('libvirt: taint reasons, hook probing, RPC end of file, unknown domain', () => {
  const id = 'libvirt.domain-tainted';
  assert.match(
    onlyFinding('2022-03-17 13:02:02.543+0000: Domain id=6 is tainted: high-privileges', id).explanation
      .cause,
    /as root/,
  );
  assert.match(onlyFinding('Domain id=2 is tainted: custom-argv', id).explanation.cause, /qemu:commandline/);
  assert.match(onlyFinding('Domain id=2 is tainted: host-cpu', id).explanation.cause, /host-passthrough/);
  const other = onlyFinding('Domain id=2 is tainted: custom-monitor', id);
  assert.equal(other.explanation.severity, 'info');
  assert.match(other.explanation.cause, /informational/);
  const hook = onlyFinding(
    'debug : virHookCheck:150 : No hook script /etc/libvirt/hooks/qemu',
    'libvirt.hook-dir-absent',
  );
  assert.equal(hook.explanation.severity, 'info');
  assert.match(hook.explanation.cause, /normal/);
  const eof = onlyFinding(
    'error : virNetSocketReadWire:1806 : End of file while reading data: Input/output error',
    'libvirt.rpc-end-of-file',
  );
  assert.match(eof.explanation.cause, /client/);
  const ssh = onlyFinding(
    'error: End of file while reading data: nc: unix connect failed: No such file or directory: Input/output error',
    'libvirt.rpc-end-of-file',
  );
  assert.match(ssh.explanation.cause, /qemu\+ssh/);
  const nf = onlyFinding(
    "error: Domain not found: no domain with matching name 'win11'",
    'libvirt.domain-not-found',
  );
  assert.match(nf.explanation.fix, /qemu:\/\/\/system/);
});

test('libvirt: IVSHMEM size, SR-IOV pool by name, a missing interface, AppArmor profile list', () => {
  eachOnlyFinding(
    'libvirt.shmem-size-invalid',
    [
      'error: XML error: shmem size must be a power of two',
      'error: XML error: shmem size must be at least 1 MiB (1024 KiB)',
    ],
    (f, line) => assert.match(f.explanation.fix, /power of two/, line),
  );
  const pool = onlyFinding(
    "error: unsupported configuration: hostdev network 'vf-net' lists 'ens1f0' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name",
    'libvirt.hostdev-network-netdev-pool',
  );
  assert.match(pool.explanation.fix, /<pf dev=/);
  const ifl = onlyFinding(
    "error : virNetDevGetIFFlag:735 : Cannot get interface flags on 'enp5s0v1': No such device",
    'libvirt.netdev-flags-unreadable',
  );
  assert.equal(ifl.facts.errno, 'ENODEV');
  assert.match(ifl.explanation.cause, /renamed/);
  const aa = onlyFinding(
    "error : profile_status:90 : Failed to read AppArmor profiles list '/sys/kernel/security/apparmor/profiles': Permission denied",
    'libvirt.apparmor-profiles-unreadable',
  );
  assert.match(aa.explanation.cause, /libvirtd/);
  assert.doesNotMatch(aa.explanation.cause, /sudo echo/);
});

test("files QEMU's user cannot reach: a disk image libvirt checks, firmware QEMU opens", () => {
  const disk = onlyFinding(
    "Error starting domain: Cannot access storage file '/home/me/vm/ESP.qcow2' (as uid:64055, gid:109): Permission denied",
    'libvirt.storage-file-inaccessible',
  );
  assert.match(disk.explanation.cause, /home directory/);
  assert.match(disk.explanation.fix, /setfacl/);
  const fw = onlyFinding(
    "internal error: process exited while connecting to monitor: qemu-system-x86_64: -drive if=pflash,format=raw,readonly=on,file=/home/me/OVMF_CODE.fd: Could not open '/home/me/OVMF_CODE.fd': Permission denied",
    'qemu.file-open-denied',
  );
  assert.match(fw.explanation.cause, /OVMF_CODE\.fd/);
  const vfio = diagnoseText(
    "qemu-system-x86_64: -device vfio-pci,host=0000:03:00.0: Could not open '/dev/vfio/vfio': Operation not permitted",
  );
  assert.ok(!vfio.findings.some((f) => f.entry.id === 'qemu.file-open-denied'));
});

test('kernel: AER without a source, extended config space, Extended Tags, a dead xHCI, iavf and its PF', () => {
  const aer = onlyFinding(
    "pcieport 0000:00:1c.5: can't find device of ID00e5",
    'kernel.aer-source-not-found',
  );
  assert.match(aer.explanation.cause, /requester ID/);
  const ext = onlyFinding(
    'pci_bus 0000:01: extended config space not accessible',
    'kernel.pci-ext-config-inaccessible',
  );
  assert.match(ext.explanation.fix, /q35/);
  const tags = onlyFinding('pci 0000:2d:00.5: enabling Extended Tags', 'kernel.pci-extended-tags-enabled');
  assert.equal(tags.explanation.severity, 'info');
  const x = onlyFinding(
    'xhci_hcd 0000:00:14.0: xHCI host controller not responding, assume dead',
    'kernel.xhci-host-dead',
  );
  assert.match(x.explanation.cause, /disconnects/);
  const pf = onlyFinding(
    'iavf 0000:21:0a.0: Unable to get VF config due to PF error condition, not retrying',
    'kernel.iavf-pf-error',
  );
  assert.match(pf.explanation.cause, /queue pairs/);
  const wait = onlyFinding(
    'iavf 0000:5e:01.0: Failed to communicate with PF; waiting before retry',
    'kernel.iavf-pf-unreachable',
  );
  assert.match(wait.explanation.cause, /came out of reset/);
});

test('Looking Glass: EGL surface errors by code, and a SPICE port that does not speak SPICE', () => {
  const id = 'lg.egl-surface-failed';
  assert.match(
    onlyFinding('[E] egl.c:532 | egl_render_startup | Failed to create EGL surface (eglError: 0x3003)', id)
      .explanation.cause,
    /EGL_BAD_ALLOC/,
  );
  assert.match(
    onlyFinding('[E] egl.c:428 | egl_render_startup | Failed to create EGL surface (eglError: 0x3005)', id)
      .explanation.cause,
    /EGL_BAD_CONFIG/,
  );
  assert.match(
    onlyFinding('[E] gl.c:80 | waylandEGLInit | Failed to create EGL surface (eglError: 0x300b)', id)
      .explanation.fix,
    /OpenGL/,
  );
  const sp = onlyFinding(
    '[E]              spice.c:591  | spice_connect_channel          | failed to read SpiceLinkHeader',
    'lg.spice-link-header-failed',
  );
  assert.match(sp.explanation.fix, /spice:enable=no/);
});
