/**
 * Families found among the misses of the fifteenth held-out set once it was read
 * (test/fixtures/diagnose/held-out-15.json): a kobject registered twice (the mdev_bus class race),
 * GVT-g refusing a register table with a duplicate entry, the Unraid NVIDIA driver plugins finding
 * no package for the running kernel, the vGPU host tools missing from PATH, the Kata agent not
 * finding a passed-through NIC in the guest, and quickpassthrough's VBIOS step crashing on a GPU
 * without a ROM file. Each is read in its source; the examples are built from the format strings
 * and marked so (the held-out texts stay out of the catalogue).
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** What a kobject name that is registered twice usually means on the VFIO path. */
function refineKobjectExists(f: Readonly<Record<string, string>>): Refinement | undefined {
  if (f.name === 'mdev_bus')
    return {
      title:
        'A mediated-device parent failed to register: the mdev_bus class was created twice (a kernel race)',
      cause:
        'mdev_bus is the compatibility class (/sys/class/mdev_bus) that the mdev core creates the first time a parent registers. After the 6.1 rework of parent registration ("vfio/mdev: embedd struct mdev_parent in the parent data structure"), that first-time creation was no longer serialized, so when several parents register at the same moment — vfio-ccw subchannels or vfio-ap at boot, several GPUs probing in parallel — two of them try to create the class and the loser\'s probe fails (often reported as -12 or -17 by the driver). It is a kernel bug (a race), fixed in 2023 by creating the class once when the mdev module loads; nothing is wrong with the configuration',
      fix: 'update to a kernel with the fix (the stable series carry it); meanwhile re-probe the failed parent (unbind and bind its driver, or reload the vendor module) once boot has settled, or load the vendor driver after the others',
    };
  if (/^vfio/.test(f.name ?? ''))
    return {
      cause: `a second object named "${f.name}" was registered where one already exists: two copies of the same VFIO module or driver (an out-of-tree build beside the distribution's, a module loaded twice under two names), or a driver registering a device twice after a failed remove. The second registration fails`,
      fix: 'check `lsmod` and `modinfo` for two modules providing the same driver, remove the stray one (DKMS builds of older modules are a common source), and reboot',
    };
  return undefined;
}

export const READ_SET15_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.kobject-name-exists',
    source: 'kernel',
    cite: 'torvalds/linux lib/kobject.c kobject_add_internal() (the -EEXIST branch; kobject_create_and_add() adds "kobject_add error: %d"); for mdev_bus: drivers/vfio/mdev/mdev_core.c mdev_register_parent(), class_compat_register("mdev_bus")',
    format:
      "%s failed for %s with -EEXIST, don't try to register things with the same name in the same directory.\n",
    versions:
      'the wording is old and stable; the function name printed is kobject_add_internal; the next lines are usually "kobject_create_and_add: kobject_add error: -17" and the caller\'s own failure',
    patterns: [
      /kobject_add_internal failed for (?<name>[\w.:-]{1,64}) with -EEXIST, don't try to register things with the same name in the same directory/,
    ],
    severity: 'error',
    title: 'The kernel refused to register an object whose name already exists',
    cause:
      'a kernel object (a sysfs directory) was registered under a name that already exists in the same place, so the registration — and the driver or module step that made it — failed. It comes from a driver registering something twice, two modules providing the same name, or two registrations racing',
    fix: 'read the line after it (the caller that failed); look for two copies of the same module (`lsmod`, `modinfo`, DKMS builds) and update the kernel if the name belongs to kernel code',
    refine: refineKobjectExists,
    render: render('kobject: ', 'kobject_add_internal', 'mdev_bus'),
    examples: [
      ex(
        "[    6.902117] kobject: kobject_add_internal failed for mdev_bus with -EEXIST, don't try to register things with the same name in the same directory.",
        { name: 'mdev_bus' },
      ),
      ex(
        "kobject_add_internal failed for vfio with -EEXIST, don't try to register things with the same name in the same directory.",
        { name: 'vfio' },
      ),
    ],
  },
  {
    id: 'kernel.gvt-dup-mmio',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/handlers.c new_mmio_info() (WARN, then -EEXIST so that GVT-g fails to load); the Broxton/Apollo Lake case: "drm/i915/gvt: Fix mmio handler break on BXT/APL." (92010a97098c, 2020, in 5.4.107 for the 5.4 series)',
    format: 'dup mmio definition offset %x\n',
    versions:
      'a WARN: the line is followed by "WARNING: CPU: … at drivers/gpu/drm/i915/gvt/handlers.c:N new_mmio_info…" and a call trace; GVT-g then does not initialise',
    patterns: [/dup mmio definition offset (?<offset>[0-9a-fA-F]{1,8})\b/],
    severity: 'error',
    title: 'GVT-g did not load: its register table lists one register twice (a kernel bug)',
    cause:
      "while i915 builds the GVT-g table of the GPU registers it emulates for vGPUs, it found a register (this MMIO offset) defined twice and, on purpose, fails GVT-g set-up so the bug is noticed: there is no GVT-g on this host (no mdev_supported_types, no vGPUs) until a kernel without the duplicate. It is a kernel bug of the platform's table, not a configuration error",
    fix: 'update the kernel to one that fixes the table for this platform (or use the previous kernel that worked); report the offset with the CPU model to intel-gvt-dev if a current kernel still does it',
    refine: (f) =>
      (f.offset ?? '').toLowerCase() === '2248'
        ? {
            cause:
              'offset 0x2248 is the context-preemption register (GEN9_CTX_PREEMPT_REG), which the GVT-g table registered for all Skylake-and-later GPUs and again in the Broxton/Apollo Lake part (Atom, Celeron and Pentium N/J such as the N4200, J3455): on those CPUs GVT-g fails to load. It is a kernel regression of 2020, fixed by "drm/i915/gvt: Fix mmio handler break on BXT/APL." (92010a97098c) in 5.10 and backported to the stable kernels (5.4.107)',
            fix: 'update the kernel (5.10+, or 5.4.107+ on the 5.4 series; distribution kernels based on older 5.4 releases need their update), or boot the previous kernel that worked',
          }
        : undefined,
    render: render('', 2248),
    examples: [
      ex('[   24.118311] dup mmio definition offset 2248', { offset: '2248' }),
      ex('[   19.004120] dup mmio definition offset 6c000', { offset: '6c000' }),
    ],
  },
  {
    id: 'unraid.nvidia-driver-not-available',
    source: 'userspace tool',
    cite: "ich777/unraid-nvidia-driver's plugin download script and its vGPU forks (e.g. stl88083365/unraid-nvidia-vgpu-driver): the package list comes from the GitHub release tagged with `uname -r`",
    format: "---Can't get latest Nvidia driver version and found no installed local driver---",
    versions:
      'siblings: "Can\'t get Production Branch version and found no installed local driver", "Can\'t find selected Nvidia vGPU driver version in available releases", "Can\'t download Nvidia vGPU Driver Package v%s"; forks word it "Nvidia vgpu driver"',
    patterns: [
      /Can't get (?:latest |the latest )?(?:Nvidia (?:vgpu |vGPU )?driver|Production Branch) version and found no installed local driver/,
      /Can't find selected Nvidia (?:vGPU )?driver version in available releases/,
      /Can't download Nvidia (?:vGPU )?Driver Package v(?<version>[\d.]{1,20})/,
    ],
    severity: 'error',
    title: 'The Unraid NVIDIA driver plugin found no driver package for this kernel',
    cause:
      'the plugin does not build the driver: it downloads a package prebuilt for the exact running kernel, listing the assets of the GitHub release tagged with `uname -r`. The list came back empty (or without the chosen version) and no package for this kernel is cached on the flash drive, so it stops. Usual reasons: no package has been built yet for the kernel of a just-released Unraid version, or the chosen driver version was not built for it; otherwise the server could not reach GitHub (no network or DNS at that moment, the GitHub API rate limit)',
    fix: "check the releases page of the plugin's repository for a tag equal to `uname -r`; if there is none, stay on (or go back to) the previous Unraid version until one is published, or pick a driver version that exists for this kernel; if it exists, check the server's internet access and try again later",
    render: render(''),
    examples: [
      ex("---Can't get latest Nvidia driver version and found no installed local driver---"),
      ex("---Can't get latest Nvidia vGPU driver version and found no installed local driver---"),
      ex("------Can't find selected Nvidia vGPU driver version in available releases------"),
    ],
  },
  {
    id: 'vgpu.tool-not-found',
    source: 'nvidia-vgpu',
    cite: 'the shell\'s command look-up (GNU bash "%s: line %d: %s: command not found", dash "%s: %d: %s: not found"); the tools: NVIDIA vGPU host driver (nvidia-vgpud, nvidia-vgpu-mgr, sriov-manage), mdevctl/mdevctl, NVIDIA driver (nvidia-smi)',
    format: '%s: line %d: %s: command not found',
    versions:
      'bash: "script: line N: nvidia-vgpud: command not found" or "bash: mdevctl: command not found"; dash: "sh: 1: mdevctl: not found"',
    patterns: [
      /(?<tool>nvidia-vgpud|nvidia-vgpu-mgr|mdevctl|sriov-manage|nvidia-smi|nvidia-xid-logd): (?:command )?not found/,
    ],
    severity: 'error',
    title: 'A vGPU host tool is not installed',
    cause:
      'the script or command calls a tool this host does not have, so every step after it (starting the vGPU daemons, creating the mediated devices) did nothing',
    fix: 'install what provides it (below) and run the step again',
    refine: (f) => {
      const t = f.tool ?? '';
      if (t === 'nvidia-vgpud' || t === 'nvidia-vgpu-mgr' || t === 'sriov-manage')
        return {
          cause: `${t} is part of NVIDIA's vGPU host driver (the "vGPU Manager" / vgpu-kvm .run or package), not of the ordinary NVIDIA driver: it is missing because that driver is not installed (on Unraid: only the plugin was added and its driver package was not installed or the server not rebooted), or an ordinary GeForce/data-center driver was installed instead. Without it there are no vGPU daemons and no vGPU types`,
          fix: "install the vGPU host driver for this kernel (NVIDIA's vGPU software for KVM, or your platform's package/plugin), reboot, then check `nvidia-smi vgpu` and `systemctl status nvidia-vgpud nvidia-vgpu-mgr`",
        };
      if (t === 'mdevctl')
        return {
          cause:
            "mdevctl, the tool that defines and starts mediated devices (vGPUs), is not installed; it is a separate package (Debian/Ubuntu/Fedora: mdevctl), and on Unraid it comes with the vGPU plugin's driver package",
          fix: 'install mdevctl (apt install mdevctl / dnf install mdevctl), or create the mdev through sysfs: echo UUID > /sys/class/mdev_bus/PARENT/mdev_supported_types/TYPE/create',
        };
      if (t === 'nvidia-smi')
        return {
          cause:
            'nvidia-smi comes with the NVIDIA driver: the driver is not installed on this host (or in this container), or not in PATH',
          fix: 'install the NVIDIA driver (for vGPU: the vGPU host driver) and reboot; in a container, use the NVIDIA container toolkit',
        };
      return undefined;
    },
    render: render('', '/tmp/user.scripts/tmpScripts/vgpu/script', 12, 'nvidia-vgpud'),
    examples: [
      ex('/tmp/user.scripts/tmpScripts/vgpu/script: line 12: nvidia-vgpud: command not found', {
        tool: 'nvidia-vgpud',
      }),
      ex('bash: mdevctl: command not found', { tool: 'mdevctl' }),
      ex('sh: 1: nvidia-vgpu-mgr: not found', { tool: 'nvidia-vgpu-mgr' }),
    ],
  },
  {
    id: 'kata.agent-link-not-found',
    source: 'container runtime',
    cite: "kata-containers/agent network.go linkByHwAddr() (the Go agent of Kata 1.x: grpcStatus.Errorf(codes.NotFound, …), earlier fmt.Errorf; the hyperstart-era agent quoted the address with '%s')",
    format: 'Could not find the link corresponding to HwAddr %q',
    versions:
      'returned over gRPC as "rpc error: code = NotFound desc = …"; the runtime logs it under updateInterface',
    patterns: [
      /Could not find the link corresponding to HwAddr \\?["']?(?<mac>[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})/,
    ],
    severity: 'error',
    title: 'Kata: the guest has no network interface with the MAC of the passed-through NIC',
    cause:
      "the Kata runtime asked its agent inside the VM to configure the interface with this MAC address, and no such link exists in the guest. For an SR-IOV VF or NIC given to the pod through VFIO this means the device did not become a network interface in the guest: the guest kernel has no driver for it (Kata's minimal guest kernel is built without most NIC drivers, e.g. mlx5, ixgbevf, iavf), the driver failed to probe, or the VF's MAC changed after it was handed over",
    fix: "use a Kata guest kernel with the NIC's driver built in (or as a module in the image) — check inside the guest with `kata-runtime exec` / the debug console: `lspci -k`, `ip link`; set the VF's MAC on the PF before the pod starts (ip link set PF vf N mac …)",
    render: render('updateInterface: rpc error: code = NotFound desc = ', 'e0:e0:aa:01:0e:0e'),
    examples: [
      ex(
        'updateInterface: rpc error: code = NotFound desc = Could not find the link corresponding to HwAddr "52:54:00:12:34:56"',
        { mac: '52:54:00:12:34:56' },
      ),
    ],
  },
  {
    id: 'quickpassthrough.vbios-no-rom',
    source: 'userspace tool',
    cite: 'HikariKnight/quickpassthrough internal/pages/03_vbios_extract.go genVBIOS_dumper() (takes the first ROM path ls-iommu returns for the GPU without checking); HikariKnight/ls-iommu pkg/iommu/rom.go (lists only "rom" files that exist under /sys/devices for the device)',
    format: 'github.com/HikariKnight/quickpassthrough/internal/pages.genVBIOS_dumper(%s)',
    versions:
      'the stack frame under Go\'s "panic: runtime error: index out of range [0] with length 0" and "goroutine 1 [running]:"',
    patterns: [/quickpassthrough\/internal\/pages\.genVBIOS_dumper\(/],
    severity: 'error',
    title: 'quickpassthrough crashed: the GPU has no ROM file to dump',
    cause:
      "quickpassthrough's VBIOS step asks ls-iommu for the sysfs ROM file of the selected GPU and uses the first one without checking the list is empty. ls-iommu returns only ROM files that exist, and this GPU has none — typical of an integrated GPU (an APU's or Intel's iGPU: its VBIOS is part of the system firmware, not a PCI ROM BAR) — so the list is empty and the program panics. It is a bug in the tool; the GPU is not broken",
    fix: "skip the VBIOS dump for this GPU (an integrated GPU needs the firmware's VBIOS/GOP image instead, e.g. from the BIOS update file, and often no ROM at all); for a discrete GPU check `ls /sys/bus/pci/devices/ADDR/rom`; update quickpassthrough to a release that handles a missing ROM",
    render: render('', '0xc000124000'),
    examples: [ex('github.com/HikariKnight/quickpassthrough/internal/pages.genVBIOS_dumper(0xc000124000)')],
  },
];
