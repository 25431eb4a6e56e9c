// The module-build sweep (catalogue/module-build-sweep.ts): compiler and modpost errors of
// out-of-tree module builds, and the table of kernel API changes they are looked up in. Expected
// meanings come from the sources the entries cite: scripts/mod/modpost.c check_exports() (an
// undefined symbol, a namespace not imported, a GPL-only symbol in a non-GPL module; modpost_log()
// prints "ERROR" or, when allowed, "WARNING"), and per table row from the commit that made the
// change as checked in the code index: 5f60d5f6bbc1 moved asm/unaligned.h to linux/unaligned.h
// (v6.12-rc2), 1aaba11da9aa dropped class_create()'s module argument (v6.4), 3652117f8548 dropped
// eventfd_signal()'s count (v6.8), bc292ab00f6c made vma->vm_flags read-only (v6.3), da1c55f1b272
// renamed mmap_sem to mmap_lock (v5.8), cb787f4ac0c2 removed no_llseek (v6.12), cdd30ebb1b9f made
// namespaces string literals (v6.13), 16b0314aa746 put dma-buf in DMA_BUF (v5.16), c2ef2f50ad0c
// dropped the kobject from mdev create() (v5.13), cb9ff3f3b84c added vfio_alloc_device (v6.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiChange,
  KERNEL_API_CHANGES,
  MODBUILD_ENTRIES,
  moduleOfPath,
} from '../../src/readiness/diagnose/catalogue/module-build-sweep.js';
import { diagnoseText } from '../../src/readiness/diagnose/matcher.js';
import { checkSweepEntries, onlyFinding } from '../helpers/diagnose-entry.js';

const ids = (text: string) => diagnoseText(text).findings.map((f) => f.entry.id);

test('module-build entries: registered, safe patterns, each example claimed by its entry alone', () => {
  const n = checkSweepEntries(MODBUILD_ENTRIES, ['modbuild.', 'dkms.'], (e, ex, f) => {
    for (const [k, v] of Object.entries(ex.facts ?? {}))
      assert.equal(f.facts[k], v, `${e.id} ${k}: ${ex.text}`);
  });
  assert.equal(n, MODBUILD_ENTRIES.length);
});

test('every table row names a release and a commit id with its title, and keys are unique per kind', () => {
  const seen = new Set<string>();
  for (const r of KERNEL_API_CHANGES) {
    assert.match(r.version, /^\d\.\d{1,2}$/, r.keys[0]);
    assert.match(r.commit, /^[0-9a-f]{12} \("/, r.keys[0]);
    for (const k of r.keys) {
      assert.ok(!seen.has(`${r.kind}:${k}`), k);
      seen.add(`${r.kind}:${k}`);
    }
  }
});

test('a header that moved names the release and the new include; a missing linux/module.h means no headers', () => {
  const moved = onlyFinding(
    '/var/lib/dkms/vendor-reset/0.1.1/build/src/amd/amdgpu/atom.c:29:10: fatal error: asm/unaligned.h: No such file or directory',
    'modbuild.header-missing',
  );
  assert.match(
    moved.explanation.title,
    /^vendor-reset does not build: asm\/unaligned\.h is gone since Linux 6\.12/,
  );
  assert.match(moved.explanation.cause, /5f60d5f6bbc1/);
  assert.match(moved.explanation.fix, /<linux\/unaligned\.h>/);
  const none = onlyFinding(
    "/build/source/module/kvmfr.c:26:10: fatal error: 'linux/module.h' file not found",
    'modbuild.header-missing',
  );
  assert.match(none.explanation.title, /no kernel headers/);
  assert.doesNotMatch(none.explanation.cause, /Linux \d/);
  // The NVIDIA installer's own headers stay with their specific entry.
  assert.deepEqual(ids('nvidia/nv-acpi.c:26:10: fatal error: os-interface.h: No such file or directory'), [
    'nvidia.build-own-headers-missing',
  ]);
});

test('argument counts: class_create is 6.4, eventfd_signal 6.8; Clang without a name gets the general text', () => {
  const cc = onlyFinding(
    "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:489:16: error: too many arguments to function 'class_create'",
    'modbuild.argument-count',
  );
  assert.match(cc.explanation.title, /^kvmfr does not build: class_create changed in Linux 6\.4/);
  assert.match(cc.explanation.fix, /class_create\(THIS_MODULE, NAME\)/);
  const ev = onlyFinding(
    'nvidia-vgpu-vfio/nvidia-vgpu-vfio.c:2118:9: error: too many arguments to function ‘eventfd_signal’; expected 1, have 2',
    'modbuild.argument-count',
  );
  assert.match(ev.explanation.cause, /^nvidia-vgpu-vfio does not build/);
  assert.match(ev.explanation.cause, /Linux 6\.8 changed it/);
  const clang = onlyFinding(
    '/build/source/module/kvmfr.c:489:44: error: too many arguments to function call, expected 1, have 2',
    'modbuild.argument-count',
  );
  assert.match(clang.explanation.cause, /expected 1, given 2/);
  assert.doesNotMatch(clang.explanation.cause, /Linux \d/);
});

test('implicit declarations: a known removal names its release, an unknown symbol gets no invented version', () => {
  const strl = onlyFinding(
    "src/vendor-reset/device.c:88:3: error: call to undeclared function 'strlcpy'; ISO C99 and later do not support implicit function declarations",
    'dkms.make-log-compile-error',
  );
  assert.match(strl.explanation.cause, /Linux 6\.8 removed it/);
  assert.match(strl.explanation.fix, /strscpy/);
  const unknown = onlyFinding(
    '/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:167:14: error: implicit declaration of function ‘remap_vmalloc_range’; did you mean ‘ida_alloc_range’? [-Wimplicit-function-declaration]',
    'dkms.make-log-compile-error',
  );
  assert.match(unknown.explanation.cause, /^kvmfr does not build/);
  assert.doesNotMatch(unknown.explanation.cause, /Linux \d/);
  // vfio_alloc_device is new in 6.1: the kernel is older than the module expects.
  const added = onlyFinding(
    "drv/my_mdev.c:10:2: error: implicit declaration of function 'vfio_alloc_device'",
    'dkms.make-log-compile-error',
  );
  assert.match(added.explanation.title, /needs Linux 6\.1/);
  assert.match(added.explanation.cause, /older than the module expects/);
});

test('struct members: vm_flags read-only is 6.3, mmap_sem is 5.8, mdev_parent_ops gone in 5.19', () => {
  const vm = onlyFinding(
    '/build/source/module/kvmfr.c:301:17: error: assignment of read-only member ‘vm_flags’',
    'modbuild.struct-member',
  );
  assert.match(vm.explanation.cause, /Linux 6\.3 changed it/);
  assert.match(vm.explanation.fix, /vm_flags_set\(vma, X\)/);
  const sem = onlyFinding(
    "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:318:6: error: 'struct mm_struct' has no member named 'mmap_sem'",
    'modbuild.struct-member',
  );
  assert.match(sem.explanation.cause, /da1c55f1b272/);
  const ops = onlyFinding(
    "nvidia-vgpu-vfio/vgpu.c:52:15: error: invalid use of undefined type 'struct mdev_parent_ops'",
    'modbuild.struct-member',
  );
  assert.match(ops.explanation.cause, /Linux 5\.19 removed it/);
  const clang = onlyFinding(
    "a.c:1:2: error: no member named 'mmap_sem' in 'struct mm_struct'",
    'modbuild.struct-member',
  );
  assert.equal(clang.facts.member, 'mmap_sem');
});

test('callbacks: the mdev create() kobject argument is 5.13; other signatures get the general text', () => {
  const create = onlyFinding(
    "nvidia-vgpu-vfio/nvidia-vgpu-vfio.c:4120:15: error: initialization of 'int (*)(struct mdev_device *)' from incompatible pointer type 'int (*)(struct kobject *, struct mdev_device *)' [-Werror=incompatible-pointer-types]",
    'modbuild.incompatible-pointer',
  );
  assert.match(create.explanation.cause, /c2ef2f50ad0c/);
  assert.match(create.explanation.cause, /Linux 5\.13/);
  const other = onlyFinding(
    "/build/source/kvmfr.c:77:18: error: assignment to 'void (*)(struct device *)' from incompatible pointer type 'int (*)(struct device *)'",
    'modbuild.incompatible-pointer',
  );
  assert.doesNotMatch(other.explanation.cause, /Linux \d/);
});

test('undeclared names: no_llseek is 6.12; an unquoted namespace on 6.13+ points at MODULE_IMPORT_NS("NS")', () => {
  const ll = onlyFinding(
    "/var/lib/dkms/nvidia/535.161.05/build/nvidia-vgpu-vfio/vgpu.c:1450:19: error: 'no_llseek' undeclared here (not in a function); did you mean 'noop_llseek'?",
    'modbuild.undeclared',
  );
  assert.match(ll.explanation.cause, /^nvidia-vgpu-vfio does not build/);
  assert.match(ll.explanation.cause, /Linux 6\.12 removed it/);
  const ns = onlyFinding(
    "src/kvmfr.c:38:18: error: expected ',' or ';' before 'DMA_BUF'",
    'modbuild.undeclared',
  );
  assert.match(ns.explanation.cause, /cdd30ebb1b9f/);
  assert.match(ns.explanation.fix, /MODULE_IMPORT_NS\("DMA_BUF"\)/);
});

test('modpost: a namespace not imported names DMA_BUF (5.16); undefined and GPL-only lines; WARNING is a warning', () => {
  const ns = onlyFinding(
    'ERROR: modpost: module kvmfr uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.',
    'modbuild.modpost-namespace',
  );
  assert.equal(ns.explanation.severity, 'error');
  assert.match(ns.explanation.title, /since Linux 5\.16/);
  assert.match(ns.explanation.cause, /16b0314aa746/);
  const other = onlyFinding(
    'WARNING: modpost: module my_vfio uses symbol iommufd_device_bind from namespace IOMMUFD, but does not import it.',
    'modbuild.modpost-namespace',
  );
  assert.equal(other.explanation.severity, 'warning');
  assert.match(other.explanation.fix, /MODULE_IMPORT_NS\(IOMMUFD\)/);
  const undef = onlyFinding(
    'ERROR: modpost: "follow_pfn" [/var/lib/dkms/nvidia/550.54.10/build/nvidia.ko] undefined!',
    'modbuild.modpost-undefined',
  );
  assert.match(undef.explanation.cause, /Linux 6\.10 removed it/);
  assert.match(undef.explanation.cause, /^nvidia does not build/);
  const gpl = onlyFinding(
    "ERROR: modpost: GPL-incompatible module nvidia.ko uses GPL-only symbol '__rcu_read_lock'",
    'modbuild.modpost-gpl-only',
  );
  assert.match(gpl.explanation.cause, /__rcu_read_lock/);
  assert.match(gpl.explanation.fix, /open kernel modules/);
});

test('the module is named from any build path; lookups are by kind', () => {
  assert.equal(moduleOfPath('/var/lib/dkms/vendor-reset/0.1.1/build/src/hook.c'), 'vendor-reset');
  assert.equal(
    moduleOfPath('/usr/src/i915-sriov-dkms-2025.05.18/drivers/gpu/drm/i915/i915_drv.c'),
    'i915-sriov-dkms',
  );
  assert.equal(moduleOfPath('/build/source/module/kvmfr.c'), 'kvmfr');
  assert.equal(moduleOfPath('/usr/src/foo-bar-1.2/x.c'), 'foo-bar');
  assert.equal(moduleOfPath('main.c'), undefined);
  assert.equal(apiChange('DMA_BUF', ['namespace'])?.version, '5.16');
  assert.equal(apiChange('DMA_BUF', ['symbol']), undefined);
});

test('redefinitions: a shim for vm_flags_set colliding with the kernel names the 6.3 change and a backporting kernel', () => {
  const r = onlyFinding(
    "/var/lib/dkms/kvmfr/0.0.9/build/kvmfr.c:52:20: error: redefinition of 'vm_flags_set'",
    'modbuild.redefinition',
  );
  assert.match(r.explanation.title, /^kvmfr does not build: its own vm_flags_set collides/);
  assert.match(r.explanation.cause, /Linux 6\.3/);
  assert.match(r.explanation.cause, /backported/);
  const other = onlyFinding(
    'src/compat.h:12:5: error: conflicting types for ‘my_helper’',
    'modbuild.redefinition',
  );
  assert.doesNotMatch(other.explanation.cause, /Linux \d/);
});

test('gup, proc and PCI DMA rows: the _remote variants are 6.5, PDE_DATA 5.17, pci_set_dma_mask 5.18', () => {
  assert.match(
    onlyFinding(
      "drv/x.c:1:2: error: too many arguments to function 'get_user_pages_remote'",
      'modbuild.argument-count',
    ).explanation.cause,
    /ca5e863233e8/,
  );
  assert.match(
    onlyFinding(
      "drv/x.c:1:2: error: implicit declaration of function 'PDE_DATA'",
      'dkms.make-log-compile-error',
    ).explanation.fix,
    /pde_data\(inode\)/,
  );
  const dma = onlyFinding(
    "drv/x.c:1:2: error: implicit declaration of function 'pci_set_dma_mask'",
    'dkms.make-log-compile-error',
  );
  assert.match(dma.explanation.cause, /Linux 5\.18 removed it/);
  assert.match(dma.explanation.fix, /dma_set_mask\(&pdev->dev/);
});

test('compiler mismatch: an unknown kernel flag is an error, the differs warning and the BTF skip are harmless', () => {
  const opt = onlyFinding(
    "gcc-12: error: unrecognized command-line option '-ftrivial-auto-var-init=zero'",
    'modbuild.unknown-compiler-option',
  );
  assert.equal(opt.explanation.severity, 'error');
  assert.match(opt.explanation.cause, /^gcc-12 does not know -ftrivial-auto-var-init=zero/);
  const clang = onlyFinding(
    "clang: error: unknown argument: '-mindirect-branch-register'",
    'modbuild.unknown-compiler-option',
  );
  assert.match(
    clang.explanation.cause,
    /GCC where the kernel was built with Clang|another \(usually older\) compiler/,
  );
  const differs = onlyFinding(
    'warning: the compiler differs from the one used to build the kernel',
    'modbuild.compiler-differs',
  );
  assert.equal(differs.explanation.severity, 'info');
  assert.match(differs.explanation.title, /harmless/);
  const btf = onlyFinding(
    'Skipping BTF generation for /var/lib/dkms/vendor-reset/0.1.1/build/vendor-reset.ko due to unavailability of vmlinux',
    'modbuild.btf-skipped',
  );
  assert.equal(btf.explanation.severity, 'info');
  assert.match(btf.explanation.cause, /not the reason a build failed/);
});

test('headers: an unprepared tree, a module-own header, and a path inside the kernel headers names no module', () => {
  const gen = onlyFinding(
    '/build/source/module/kvmfr.c:1:10: fatal error: generated/autoconf.h: No such file or directory',
    'modbuild.header-missing',
  );
  assert.match(gen.explanation.cause, /modules_prepare/);
  const own = onlyFinding(
    '/var/lib/dkms/vendor-reset/0.1.1/build/src/device.c:4:10: fatal error: vendor-reset-dev.h: No such file or directory',
    'modbuild.header-missing',
  );
  assert.match(
    own.explanation.cause,
    /^vendor-reset does not build: it includes "vendor-reset-dev\.h", which is not a kernel header/,
  );
  assert.equal(moduleOfPath('/usr/src/linux-headers-6.8.0-47-generic/include/linux/mm.h'), undefined);
});

test('a kernel header missing in a user-space build (QEMU) is not called a module build', () => {
  // QEMU compiles hw/vfio/*.c against kernel UAPI headers (its own linux-headers/ copy or the system's).
  const qemu = onlyFinding(
    '../hw/vfio/pci.c:12:10: fatal error: linux/vfio.h: No such file or directory',
    'modbuild.header-missing',
  );
  assert.match(qemu.explanation.title, /user-space build/);
  assert.match(qemu.explanation.fix, /linux-libc-dev/);
  assert.doesNotMatch(qemu.explanation.cause, /module does not build/);
  // The same header in a dkms build stays a module build.
  const dkms = onlyFinding(
    '/var/lib/dkms/foo/1.0/build/foo.c:3:10: fatal error: linux/vfio_pci_core.h: No such file or directory',
    'modbuild.header-missing',
  );
  assert.doesNotMatch(dkms.explanation.title, /user-space/);
  // Any compile error in QEMU's own tree is a user-space build problem, whatever the table says.
  const args = onlyFinding(
    "../hw/vfio/pci.c:2114:5: error: too many arguments to function 'class_create'",
    'modbuild.argument-count',
  );
  assert.match(args.explanation.title, /not a kernel module/);
  assert.doesNotMatch(args.explanation.cause, /6\.4/);
});
