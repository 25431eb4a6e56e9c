// Families first seen among the misses of the eighteenth held-out set once it was scored blind and
// read (read-set18-sweep.ts, and the mends in shell-script-sweep.ts, host-guest-extra.ts,
// virt-misses-sweep.ts, libvirt.ts and refinements.ts). Every message here is built from the
// producing source's format string, never taken from the held-out set. Expected meanings come from
// the sources cited: kmod's command_do() (an existing entry, given the newer kmod wording) and modprobe.d(5), bash's local builtin, NVIDIA's
// nvstatuscodes.h, the ghw library, the in-tree i915's module parameters (no max_vfs), the PCI
// quirk 0d14f06cd665 (Matisse FLR) and the kernel's amd_iommu_intr= parameter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyExplanation } from '../helpers/diagnose-entry.js';

const only = onlyExplanation;

test("a modprobe.d 'install MODULE /bin/false' line: the hard blacklist, and where to find it", () => {
  const e = only(
    "modprobe: ERROR: ../libkmod/libkmod-module.c:990 command_do() Error running install command '/bin/false' for module nouveau: retcode 1",
    'kmod.install-command-failed',
  );
  assert.match(e.cause, /install nouveau \/bin\/false/);
  assert.match(e.fix, /modprobe\.d/);
  const other = only(
    "modprobe: ERROR: ../libkmod/libkmod-module.c:990 command_do() Error running install command '/usr/local/sbin/bind-vfio.sh' for module nvidia: retcode 2",
    'kmod.install-command-failed',
  );
  assert.doesNotMatch(other.cause, /hard blacklist/);
});

test("bash's local outside a function is the script's own bug", () => {
  const e = only('setup.sh: line 77: local: can only be used in a function', 'shell.local-outside-function');
  assert.match(e.cause, /bug in the script/);
});

test('a shell path with slashes from a device name: a short file name without "/"', () => {
  const e = only(
    '/usr/local/bin/dumprom.sh: line 40: /root/roms/Advanced Micro Devices, Inc. [AMD/ATI] Navi 21/Navi 22.rom: No such file or directory',
    'shell.script-path-missing',
  );
  assert.match(e.cause, /slashes/);
  const plain = only(
    './dump.sh: line 9: /mnt/user/vbios/gpu.rom: No such file or directory',
    'shell.script-path-missing',
  );
  assert.doesNotMatch(plain.cause, /slashes/);
});

test('the vGPU manager without blacklisted-page support: a GPU vgpu_unlock does not cover', () => {
  const e = only(
    'nvidia-vgpu-mgr[88]: error: vmiop_log: (0x0): Failed to get blacklisted pages:0x56',
    'nvidia-vgpu.blacklisted-pages',
  );
  assert.match(e.cause, /Ampere/);
  assert.match(e.cause, /vgpu_unlock/);
});

test("ghw's NUMA memory warning is harmless for passthrough", () => {
  const e = only(
    'WARNING: failed to determine memory area for node: open /sys/devices/system/node/node3/memory_failure/state: no such file or directory',
    'tool.ghw-memory-area-warning',
  );
  assert.match(e.cause, /Nothing is wrong with the host/);
});

test("i915's unknown max_vfs: the stock i915 loaded, the DKMS module is not built for this kernel", () => {
  const e = only("[    3.9] i915: unknown parameter 'max_vfs' ignored", 'kernel.module-unknown-parameter');
  assert.match(e.cause, /stock \(in-tree\) i915/);
  assert.match(e.fix, /dkms status/);
  const vfio = only("vfio: unknown parameter 'ids' ignored", 'kernel.module-unknown-parameter');
  assert.doesNotMatch(vfio.cause, /i915/);
});

test('a zero-code IOV version line names the newer GuC firmware when the VF does not work', () => {
  const e = only(
    'i915 0000:00:02.2: [drm] *ERROR* GT0: IOV: Unable to confirm version 1.4 (0000000000000000)',
    'kernel.i915-iov-version',
  );
  assert.match(e.cause, /GuC firmware is newer/);
});

test("libvirt's header type 127 names the reset after a BIOS update and the Matisse FLR quirk", () => {
  const e = only(
    "error: internal error: Unknown PCI header type '127' for device '0000:0c:00.3'",
    'libvirt.unknown-header-type',
  );
  assert.match(e.cause, /AGESA/);
  assert.match(e.cause, /0d14f06cd665/);
});

test('an AMD-Vi interrupt fault (I flag) names the interrupt remapping mode and amd_iommu_intr=legacy', () => {
  const e = only(
    'AMD-Vi: Event logged [IO_PAGE_FAULT device=0000:21:00.0 domain=0x0012 address=0xfdf8000000 flags=0x0008]',
    'kernel.amd-io-page-fault',
  );
  assert.match(e.cause, /interrupt remapping/);
  assert.match(e.fix ?? '', /amd_iommu_intr=legacy/);
});
