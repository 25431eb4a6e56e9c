/**
 * Families whose cause was knowable before the thread that showed them (classes M, D and K of
 * test/fixtures/diagnose/ceiling-13-16.json) but that the catalogue still missed once the
 * thirteenth to sixteenth sets had been read: a guest's nouveau failing to boot the GPU's firmware
 * loader, a migration variant driver's lock cycle, the NVIDIA installer's module test load, the
 * TPU runtime finding no chips, the set-up tools of macOS-KVM, Unraid, Fabric Manager, VirtualBox
 * KVM and the old Code 43 patcher, and QEMU's sPAPR IOMMU code asked to map a guest without a guest
 * IOMMU. Every example is built from the producing source's format string, never taken from a
 * held-out set.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const NOUVEAU_BOOT_CITE =
  'torvalds/linux drivers/gpu/drm/nouveau/nvkm/falcon/fw.c nvkm_falcon_fw_boot() ("boot failed: %d", prefixed by the falcon and the firmware: "sec2(gsp):booter-load:"), and nvkm/core/subdev.c nvkm_subdev_init() ("init failed, %d"); the falcon loads its code from system memory by DMA before it boots. The host side: stable 6.12.35 carried a misplaced backport of "iommu/vt-d: Restore context entry setup order for aliased devices" (fb5873b779dd), fixed in 6.12.40 by "iommu/vt-d: Fix misplaced domain_attached assignment" (the regression thread on the stable list, August 2025)';

/** nouveau's GSP/SEC2 loader, in a guest that was given the GPU through VFIO. */
function refineNouveauBoot(f: Facts): Refinement | undefined {
  if (f.err === '-2')
    return {
      cause:
        'the firmware files nouveau needs for this GPU (GSP-RM and its booter, from linux-firmware: nvidia/<chip>/gsp/) are not installed or not in the initramfs, so the loader could not start',
      fix: 'install a linux-firmware recent enough for this GPU and rebuild the initramfs; or use the NVIDIA driver in the guest',
    };
  return undefined;
}

/** The NVIDIA installer's test load, by module. */
function refineNvidiaModule(f: Facts): Refinement | undefined {
  if (f.module === 'nvidia-vgpu-vfio')
    return {
      title: "The NVIDIA vGPU host driver's VFIO module did not load",
      cause:
        'nvidia-vgpu-vfio sits on top of the nvidia module and registers mediated-device types only on GPUs that nvidia itself drives. It does not load when the GPU is still bound to vfio-pci (a whole-GPU passthrough set-up left in place: vfio-pci.ids= on the kernel command line, an options vfio-pci ids= line or a driverctl override), so nvidia finds no GPU; when nouveau holds the card; when the vfio and mdev modules it depends on are missing from the kernel (vfio_mdev/mdev, built in or not); or when Secure Boot refuses the unsigned module',
      fix: 'release the GPU from vfio-pci (remove its vfio-pci.ids=/options vfio-pci ids=/driverctl override and rebuild the initramfs), blacklist nouveau, reboot and install again; check `lspci -nnk -s BDF` shows nvidia, `modprobe vfio_pci vfio_iommu_type1 mdev` succeeds, and `mokutil --sb-state`; `dmesg | grep NVRM` names the refusal',
    };
  return undefined;
}

export const KNOWABLE_MISSES_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.nouveau-falcon-boot-failed',
    source: 'kernel',
    cite: NOUVEAU_BOOT_CITE,
    format: 'boot failed: %d',
    versions:
      'Linux 6.7+ with GSP-RM support prints "nouveau BDF: sec2(gsp):booter-load: boot failed: -5" after "sec2(gsp): mbox 1c503000 00000001" (the falcon\'s mailboxes), then "gsp: init failed, -5" and "probe with driver nouveau failed with error -5"; older falcon code printed "boot failed" without the firmware name',
    patterns: [
      /(?<falcon>sec2|gsp|pmu|nvdec\d?|acr)\((?<owner>[\w-]{1,12})\):(?<fw>[\w-]{1,24}): boot failed: (?<err>-\d{1,4})/,
      /nouveau [0-9a-fA-F:.]{7,16}: gsp: init failed, (?<err>-\d{1,4})/,
    ],
    severity: 'error',
    title: "nouveau could not start the GPU's firmware loader (GSP booter)",
    cause:
      "to start GSP firmware nouveau resets the GPU's SEC2 microcontroller, has it fetch NVIDIA's signed booter from system memory by DMA and waits for its mailbox; the booter did not report success (-5 EIO: a mailbox value other than the expected one). In a VM that means the GPU could not read the guest's memory or was not in a clean state: it was not reset since its previous user (a WPR2 region still up), or DMA from the passed-through GPU does not work — a host IOMMU problem. One such host bug was the Intel VT-d regression of stable 6.12.35 to 6.12.39: a misplaced backport left the passed-through GPU without working DMA (the guest saw it lose bus mastering and MSI), and nouveau in a Linux guest or the NVIDIA driver in a Windows guest failed to start; 6.12.40 fixed it",
    fix: 'if this began with a host kernel update, boot the previous host kernel or update past the fix (6.12.40 or later for the 6.12 series); check the host dmesg for DMAR faults from the GPU at guest boot; reset the GPU before the VM starts (a secondary bus reset or power cycle), and give the guest current linux-firmware (-2: the firmware files are missing)',
    refine: refineNouveauBoot,
    render: render('nouveau 0000:01:00.0: sec2(gsp):booter-load: ', -5),
    examples: [
      ex('[    2.417730] nouveau 0000:06:00.0: sec2(gsp):booter-load: boot failed: -5', {
        falcon: 'sec2',
        fw: 'booter-load',
        err: '-5',
      }),
      ex('[    2.104810] nouveau 0000:06:00.0: gsp: init failed, -5', { err: '-5' }),
    ],
  },
  {
    id: 'kernel.lockdep-vfio-migration-driver',
    source: 'kernel',
    cite: "torvalds/linux kernel/locking/lockdep.c print_lock() for the locks of the vfio-pci migration variant drivers (drivers/vfio/pci/mlx5/main.c, pds/, hisilicon/, virtio/, qat/, xe/): the reset_done callback takes the driver's state_mutex while vfio-pci holds memory_lock across the reset, and migration-file reads hold the file's lock while copying to user memory (mmap_lock). mlx5's mlx5vf_state_mutex_unlock()/mlx5vf_pci_aer_reset_done() (the deferred_reset scheme, 2022) exist to break that cycle; pds and hisi_acc copy it",
    format: '%px (%s){%s}-{%d:%d}, at: %pS\n',
    versions:
      'lockdep (CONFIG_PROVE_LOCKING debug kernels) prints each lock as "ADDR (LOCK){USAGE}-{N:N}, at: FUNCTION+0x…/0x… [module]" under "WARNING: possible circular locking dependency detected"; older kernels print no "-{N:N}"',
    patterns: [
      /\((?<lock>&migf->lock|&[\w>.-]{0,40}state_mutex|&[\w>.-]{0,40}memory_lock)\)\{[-+.?]{4}\}(?:-\{\d:\d\})?, at: (?<func>(?:xe_vfio_pci|mlx5vf|hisi_acc_vf|pds_vfio|virtiovf|qat_vf)_\w{1,60})\+0x[0-9a-f]{1,8}\/0x[0-9a-f]{1,8}/,
    ],
    severity: 'warning',
    title: 'Lockdep report in a vfio-pci migration driver: reset and migration locks in a cycle',
    cause:
      "a debug kernel's lock checker found a possible deadlock in a vfio-pci variant driver with live-migration support: changing the migration state holds the driver's state_mutex and takes the migration file's lock; reading migration data holds that lock while copying to user memory (mmap_lock); pinning DMA holds mmap_lock and takes vfio-pci's memory_lock; and a device reset holds memory_lock while the driver's reset_done callback takes state_mutex. A driver has to defer the reset handling to the state_mutex unlock path (the deferred_reset scheme mlx5 has used since 2022, and pds and hisi_acc copied); a driver without it has this lock-ordering bug. Nothing hung yet: lockdep reports the possible circular dependency once",
    fix: 'update to a release of the driver that defers the reset handling (for a driver under review, its next revision); the report appears only on kernels built with lockdep. Until then avoid resetting the device while a migration is in progress',
    render: render(
      '',
      'ff110001234ab010',
      '&migf->lock',
      '+.+.',
      3,
      3,
      'xe_vfio_pci_set_device_state+0x1c4/0x3e0',
    ),
    examples: [
      ex(
        '[  412.881203] ff110001234ab010 (&migf->lock){+.+.}-{3:3}, at: xe_vfio_pci_set_device_state+0x1c4/0x3e0 [xe_vfio_pci]',
        { lock: '&migf->lock', func: 'xe_vfio_pci_set_device_state' },
      ),
      ex(
        ' ffff88810c2a1c80 (&mvdev->state_mutex){+.+.}-{3:3}, at: mlx5vf_pci_aer_reset_done+0x2c/0x90 [mlx5_vfio_pci]',
        { lock: '&mvdev->state_mutex', func: 'mlx5vf_pci_aer_reset_done' },
      ),
    ],
  },
  {
    id: 'tool.nvidia-installer-module-load',
    source: 'userspace tool',
    cite: "NVIDIA's driver installer (nvidia-installer, NVIDIA/nvidia-installer kernel.c test_kernel_modules()/load_kernel_module(): after building, it loads each module once and stops with this error when modprobe/insmod fails); the vGPU host driver package adds nvidia-vgpu-vfio, which depends on nvidia and on the kernel's vfio and mdev modules",
    format: "ERROR: Unable to load the '%s' kernel module.",
    versions:
      'older installers: "ERROR: Unable to load the kernel module \'nvidia.ko\'. This happens most frequently when this kernel module was built against the wrong or improperly configured kernel sources…"',
    patterns: [
      /Unable to load the '(?<module>nvidia[\w-]{0,24})' kernel module/,
      /Unable to load the kernel module '(?<module>nvidia[\w-]{0,24})\.ko'/,
    ],
    severity: 'error',
    title: 'The NVIDIA installer could not load the module it built',
    cause:
      "the installer built the module and its test load failed: the kernel refused it or the module's probe found nothing to drive. The usual reasons: no GPU for nvidia to take (the card is bound to vfio-pci for passthrough, or nouveau holds it), Secure Boot refusing an unsigned module, a module built against other kernel headers than the running kernel, or a GPU this driver branch does not support",
    fix: '`dmesg | grep -E "NVRM|nvidia"` right after the failure names the refusal; check `lspci -nnk` for the driver in use on the GPU, `mokutil --sb-state`, and that the headers match `uname -r`',
    refine: refineNvidiaModule,
    render: render('', 'nvidia-drm'),
    examples: [
      ex("ERROR: Unable to load the 'nvidia-vgpu-vfio' kernel module.", { module: 'nvidia-vgpu-vfio' }),
      ex(
        "ERROR: Unable to load the kernel module 'nvidia.ko'.  This happens most frequently when this kernel module was built against the wrong or improperly configured kernel sources",
        {
          module: 'nvidia',
        },
      ),
    ],
  },
  {
    id: 'tool.tpu-topology-failed',
    source: 'userspace tool',
    cite: "Google Cloud TPU runtime (libtpu, as raised through JAX/PyTorch-XLA's TPU client): at start-up it opens the host's TPU chips — through VFIO (/dev/vfio/N, the chips bound to vfio-pci) on v5e/v5p/v6e TPU VMs, /dev/accel* on older ones — and builds the slice topology from them; Cloud TPU documents the software (runtime) version each TPU generation needs",
    format: 'Failed to get global TPU topology',
    versions:
      'raised as "RuntimeError: Failed to get global TPU topology" (PyTorch/XLA) or inside a backend initialisation error (JAX)',
    patterns: [/Failed to get global TPU topology/],
    severity: 'error',
    title: 'The TPU runtime found no usable TPU chips',
    cause:
      'libtpu could not build the topology because it could not open the TPU chips. On v5e/v5p/v6e TPU VMs the chips are PCI functions bound to vfio-pci and opened through /dev/vfio; when the VM was created with a software (runtime) version that is not the one for this TPU generation (a generic base image instead of e.g. v2-alpha-tpuv6e), no driver is bound to the chips and there are no VFIO groups to open. The other reasons: another process holds the chips (one process per host), or the libtpu in the environment is older than the TPU generation',
    fix: 'check `lspci -nnk -d 1ae0:` (Google) shows vfio-pci on every chip and /dev/vfio/ has their groups; if not, recreate the TPU VM with the runtime version Cloud TPU lists for this TPU type; otherwise stop the other holder (`sudo lsof /dev/vfio/*`) and update libtpu',
    render: render('RuntimeError: '),
    examples: [ex('RuntimeError: Failed to get global TPU topology')],
  },
  {
    id: 'tool.macos-kvm-no-vfio-devices',
    source: 'userspace tool',
    cite: 'Coopydood/ultimate-macOS-KVM scripts/vfio-pci.py (the passthrough wizard lists the PCI devices whose kernel driver in use is vfio-pci and stops when there are none) and scripts/vfio-ids.py ("No VFIO-PCI Devices Found")',
    format: 'NO VFIO-PCI DEVICES FOUND',
    versions:
      'the ID wizard prints "No VFIO-PCI Devices Found / There are no devices ready for passthrough"; the compatibility check reports "No devices bound to VFIO-PCI kernel driver"',
    patterns: [/NO VFIO-PCI DEVICES FOUND|No VFIO-PCI Devices Found|couldn't find any stubbed PCI devices/],
    severity: 'error',
    title: 'The macOS-KVM passthrough wizard found no device bound to vfio-pci',
    cause:
      'the wizard only offers devices that are already bound to vfio-pci, and none is: the devices meant for the VM were never stubbed at boot (no vfio-pci.ids= on the kernel command line or options vfio-pci ids= in /etc/modprobe.d, or the initramfs not rebuilt after adding them), or the IOMMU is off so nothing can be bound',
    fix: 'enable the IOMMU (intel_iommu=on / amd_iommu=on), add vfio-pci.ids=VENDOR:DEVICE,… for the GPU and its audio function, rebuild the initramfs and reboot; `lspci -nnk` must show "Kernel driver in use: vfio-pci" before the wizard can use them (`vfiokit groups` shows it too)',
    render: render(''),
    examples: [
      ex('   ✖ NO VFIO-PCI DEVICES FOUND'),
      ex("   The script couldn't find any stubbed PCI devices"),
    ],
  },
  {
    id: 'tool.fabric-manager-version-mismatch',
    source: 'userspace tool',
    cite: "NVIDIA Fabric Manager (nv-fabricmanager, the service for NVSwitch systems such as HGX H100): at start-up it compares its version with the loaded driver's and refuses to run unless they match exactly (NVIDIA Fabric Manager User Guide: the Fabric Manager package and the driver must be the same version); its wording as users quote it",
    format:
      "fabric manager NVIDIA GPU driver interface version %s don't match with driver version %s. Please update with matching NVIDIA driver package",
    versions:
      'printed to the journal of nvidia-fabricmanager.service; some releases write the apostrophe as a typographic one',
    patterns: [
      /fabric manager NVIDIA GPU driver interface version (?<fm>\d{1,4}(?:\.\d{1,4}){1,3}) don.t match with driver version (?<driver>\d{1,4}(?:\.\d{1,4}){1,3})/i,
    ],
    severity: 'error',
    title: 'Fabric Manager and the NVIDIA driver are different versions',
    cause:
      "Fabric Manager only starts when its own version is exactly the loaded driver's; the two packages were installed at different versions (a driver updated alone, or a Fabric Manager package from another branch). Without Fabric Manager the NVSwitch fabric is not set up, so the GPUs of an HGX system cannot be used together — on a host that passes GPUs (or the whole NVSwitch complex) to VMs, nothing works until they match",
    fix: 'install the driver and nvidia-fabricmanager at the same version (pin both, e.g. nvidia-driver-550 and nvidia-fabricmanager-550 of the same release), then restart nvidia-fabricmanager',
    refine: (f) =>
      f.fm && f.driver
        ? {
            cause: `Fabric Manager ${f.fm} refused to start next to driver ${f.driver}: it only runs with exactly its own driver version, and the two packages were installed at different versions. Without Fabric Manager the NVSwitch fabric is not set up, so the GPUs of an HGX system cannot be used together`,
            fix: `install driver ${f.fm} to match Fabric Manager (or the Fabric Manager package of ${f.driver}), pin both at the same version, then restart nvidia-fabricmanager`,
          }
        : undefined,
    render: render('', '550.90.07', '550.107.02'),
    examples: [
      ex(
        "fabric manager NVIDIA GPU driver interface version 535.154.05 don't match with driver version 535.183.01. Please update with matching NVIDIA driver package",
        { fm: '535.154.05', driver: '535.183.01' },
      ),
    ],
  },
  {
    id: 'qemu.spapr-iommu-region-cast',
    source: 'qemu',
    cite: "qemu/qemu hw/vfio/spapr.c vfio_spapr_create_window() and the sPAPR listener (IOMMU_MEMORY_REGION(section->mr): the POWER host's TCE IOMMU backend maps only guest IOMMU windows) with qom/object.c object_dynamic_cast_assert() printing the failed cast",
    format: '%s:%d:%s: Object %p is not an instance of type %s',
    versions:
      'the file and line are those of the cast macro in the QEMU build (include/exec/memory.h:43 in 5.x/6.x, include/system/memory.h in 10.x)',
    patterns: [
      /(?<file>include\/(?:exec|system)\/memory\.h):(?<line>\d{1,5}):IOMMU_MEMORY_REGION: Object (?<obj>0x[0-9a-f]{1,16}|\(nil\))\s{1,4}is not an instance of type qemu:iommu-memory-region/,
    ],
    severity: 'error',
    title: 'QEMU aborted: a memory region that is not a guest IOMMU was treated as one',
    cause:
      "QEMU asserted while casting a memory region to an IOMMU region. With a VFIO device this is the sPAPR (POWER host) IOMMU code: on a ppc64 host VFIO uses the TCE IOMMU backend, which maps only the guest IOMMU (TCE) windows of a pseries guest and assumes every DMA section it sees is one. A guest without that window — an x86_64 (q35/pc) or other non-pseries guest run under TCG on a POWER host — has plain RAM there, and the cast fails. Passing a device through from a POWER host to a non-pseries guest is not supported by QEMU's sPAPR VFIO code",
    fix: 'on a POWER host pass devices only to pseries (ppc64) guests; run an x86 guest that needs the device on an x86 host',
    render: render(
      '',
      'include/exec/memory.h',
      43,
      'IOMMU_MEMORY_REGION',
      '0x1002a7e4c00',
      'qemu:iommu-memory-region',
    ),
    examples: [
      ex(
        'include/exec/memory.h:43:IOMMU_MEMORY_REGION: Object 0x1002a7e4c00 is not an instance of type qemu:iommu-memory-region',
        { file: 'include/exec/memory.h', line: '43' },
      ),
    ],
  },
  {
    id: 'tool.unraid-not-plg',
    source: 'userspace tool',
    cite: "Unraid OS plugin manager (/usr/local/sbin/plugin, the command behind Plugins → Install Plugin, which installs from the URL or local path of a plugin's .plg manifest); its wording as users quote it",
    format: 'plugin: %s is not a plg file',
    versions: 'also shown as "installplg … is not a plg file" when a plugin updates itself',
    patterns: [/plugin: (?<name>\S{1,200}) is not a plg file/],
    severity: 'error',
    title: 'Unraid was given something other than a plugin (.plg) URL',
    cause:
      'Unraid installs a plugin only from the URL (or path) of its .plg manifest file; what was entered is not one — the plugin\'s repository page or name, a GitHub "blob" page instead of the raw file, or a release archive. The vGPU, i915 SR-IOV and other passthrough plugins are installed this way',
    fix: "paste the raw URL of the .plg file (https://raw.githubusercontent.com/OWNER/REPO/BRANCH/NAME.plg, as the plugin's README gives it) into Plugins → Install Plugin, or install it from Community Applications",
    render: render('', 'unraid-nvidia-vgpu-driver'),
    examples: [
      ex('plugin: https://github.com/someone/unraid-plugin is not a plg file', {
        name: 'https://github.com/someone/unraid-plugin',
      }),
    ],
  },
  {
    id: 'tool.vboxmanage-graphics-controller',
    source: 'userspace tool',
    cite: 'VirtualBox src/VBox/Frontends/VBoxManage/VBoxManageModifyVM.cpp handleModifyVM() (MODIFYVM_GRAPHICSCONTROLLER: errorArgument("Invalid --graphicscontroller argument \'%s\'")); the values a build accepts depend on its release and build options; VirtualBox KVM (Cyberus, VirtualBox on the Linux KVM API, used for Intel GPU SR-IOV/VFIO set-ups) added and removed controllers between its releases (cyberus-technology/nixos-sriov#1)',
    format: "Invalid --graphicscontroller argument '%s'",
    versions:
      'VBoxManage prefixes it with "VBoxManage: error: "; stock 7.x accepts none, vboxvga, vmsvga, vboxsvga (and qemuramfb in 7.1+)',
    patterns: [/Invalid --graphicscontroller argument '(?<value>[^'\n]{1,40})'/],
    severity: 'error',
    title: 'This VBoxManage build does not have that graphics controller',
    cause:
      'VBoxManage rejected the graphics controller name: this build does not know it. The stock releases accept only none, vboxvga, vmsvga and vboxsvga (qemuramfb in 7.1+); other names (a virtio GPU for Intel SR-IOV graphics passthrough) exist only in particular VirtualBox KVM releases — a guide written for one release does not work with a newer one that removed the controller, or with stock VirtualBox',
    fix: "`VBoxManage modifyvm --help` lists the values this build accepts; use the exact release the guide names (for VirtualBox KVM's SR-IOV graphics, the release the guide was written for), or a controller this release has",
    refine: (f) =>
      f.value && /virtio/i.test(f.value)
        ? {
            cause: `VBoxManage rejected '${f.value}': this build has no virtio GPU controller. Stock VirtualBox has none, and in VirtualBox KVM the virtio GPU used for Intel SR-IOV graphics passthrough exists only in some releases — it was removed in the newer (7.1-based) release line, so a guide's setting for the 7.0.22-based release fails with a newer one`,
            fix: 'use the VirtualBox KVM release the guide names (the 7.0.22-based one for its virtio GPU), or follow a guide written for the release installed; `VBoxManage modifyvm --help` lists what this build accepts',
          }
        : undefined,
    render: render('VBoxManage: error: ', 'virtio'),
    examples: [
      ex("VBoxManage: error: Invalid --graphicscontroller argument 'virtio'", { value: 'virtio' }),
      ex("VBoxManage: error: Invalid --graphicscontroller argument 'vmsvgaa'", { value: 'vmsvgaa' }),
    ],
  },
  {
    id: 'tool.nvidia-kvm-patcher-path',
    source: 'userspace tool',
    cite: 'sk1080/nvidia-kvm-patcher patcher.ps1 (the Code 43 patcher for a passed-through GeForce: it joins the given directory with "nvlddmkm.sy_", the packed driver file of an extracted NVIDIA driver, and stops when it is not there)',
    format: '[!] Failure: Unable to find nvlddmkm.sy_ in %s',
    patterns: [/Unable to find nvlddmkm\.sy_ in (?<dir>[^\n]{1,260})/],
    severity: 'error',
    title: 'The Code 43 patcher found no packed NVIDIA driver in the folder it was given',
    cause:
      'the patcher needs the Display.Driver folder of an extracted NVIDIA driver package (…\\<driver version>\\Win10_64\\International\\Display.Driver), where nvlddmkm.sy_ is; the path given does not hold it: a placeholder from the README left in it, a driver not extracted yet (the installer extracts to C:\\NVIDIA\\DisplayDriver\\<version>\\), or a newer driver package whose layout or file names differ from the versions the script was written for',
    fix: 'run the NVIDIA installer once so that it extracts, then pass the real folder (e.g. C:\\NVIDIA\\DisplayDriver\\376.33\\Win10_64\\International\\Display.Driver); with current drivers (465 and later) the patch is not needed at all: NVIDIA allows GeForce passthrough, so the VM only needs no hidden-hypervisor tricks',
    refine: (f) =>
      f.dir && /[\\/]Version[\\/]/.test(f.dir)
        ? {
            cause: `the path still has the README's placeholder: "Version" stands for the driver's version number (the folder the installer extracts to, such as 376.33), so ${f.dir} does not exist and the packed driver nvlddmkm.sy_ cannot be found`,
            fix: 'replace "Version" with the real folder name under C:\\NVIDIA\\DisplayDriver\\ (the driver version number) and run the patcher again; with current drivers (465 and later) the patch is not needed at all',
          }
        : undefined,
    render: render('', 'C:/NVIDIA/DisplayDriver/376.33/Win10_64/International/Display.Driver'),
    examples: [
      ex(
        '[!] Failure: Unable to find nvlddmkm.sy_ in C:\\NVIDIA\\DisplayDriver\\Version\\Win10_64\\International\\Display.Driver',
        {
          dir: 'C:\\NVIDIA\\DisplayDriver\\Version\\Win10_64\\International\\Display.Driver',
        },
      ),
      ex('[!] Failure: Unable to find nvlddmkm.sy_ in D:\\drivers\\388.13', { dir: 'D:\\drivers\\388.13' }),
    ],
  },
  {
    id: 'pve.hookscript-error',
    source: 'userspace tool',
    cite: 'proxmox/pve-common src/PVE/GuestHelpers.pm exec_hookscript() ("hookscript error for $vmid on $phase: $err": dies on pre-start, only warns in the other phases) and check_hookscript() ("script \'$volid\' does not exist", "is not executable", "is not in the snippets directory"); the command failure text from PVE::Tools::run_command() ("command \'…\' failed: exit code N", "got signal N", "got timeout")',
    format: 'hookscript error for %s on %s: %s',
    versions:
      'older pve-common wrote "does not exists"; a failing pre-start aborts the start (TASK ERROR: …), the other phases only warn and the VM keeps its state',
    patterns: [
      /hookscript error for (?<vmid>\d{1,9}) on (?<phase>pre-start|post-start|pre-stop|post-stop): (?<err>[^\n]{1,300})/,
    ],
    severity: 'error',
    title: "The VM's Proxmox hookscript failed",
    cause:
      "Proxmox ran the VM's hookscript (the snippet set with `qm set VMID --hookscript local:snippets/NAME`) with the VM id and the phase, and it failed. A GPU-passthrough hookscript typically unbinds the GPU from its host driver, stops the display manager or resets the card in pre-start and gives it back in post-stop; what it printed before exiting is in the task log just above this line",
    fix: 'open the task log (or run the script by hand as root: `/var/lib/vz/snippets/NAME VMID pre-start`) to see its own error; the script must be executable, have a #! line, and exit 0 for the phases it does not handle',
    refine: (f) => {
      const pre = f.phase === 'pre-start';
      const stops = pre
        ? 'On pre-start Proxmox aborts the start.'
        : `On ${f.phase} Proxmox only warns; the VM is not stopped or started because of it.`;
      if (/is not executable/.test(f.err ?? ''))
        return {
          cause: `the hookscript is not executable, so Proxmox could not run it. ${stops}`,
          fix: 'chmod +x /var/lib/vz/snippets/NAME (or the storage path of the snippet), with a #! line on its first line',
        };
      if (/does not exists?|not in the snippets directory/.test(f.err ?? ''))
        return {
          cause: `the hookscript named in the VM's config is not where Proxmox looks: the volume does not exist, or the storage does not have the "snippets" content type. ${stops}`,
          fix: 'enable the Snippets content on the storage (Datacenter → Storage → Content), put the script in its snippets/ directory and set it again with `qm set VMID --hookscript STORAGE:snippets/NAME`',
        };
      const code = /exit code (\d{1,3})/.exec(f.err ?? '')?.[1];
      if (code)
        return {
          cause: `the hookscript ran and exited with status ${code} in the ${f.phase} phase: a command inside it failed (with set -e, the first one that did), or it does not handle this phase and ends with a failing test. ${stops} For a GPU script the usual failures are an unbind or driver unload that finds the GPU still in use (the console or display manager holds it), a path or PCI address that differs on this host, or a missing tool`,
        };
      return { cause: `the hookscript failed in the ${f.phase} phase (${f.err}). ${stops}` };
    },
    render: render(
      '',
      '101',
      'pre-start',
      "command '/var/lib/vz/snippets/gpu.sh 101 pre-start' failed: exit code 1",
    ),
    examples: [
      ex(
        "hookscript error for 101 on pre-start: command '/var/lib/vz/snippets/gpu-hook.sh 101 pre-start' failed: exit code 1",
        {
          vmid: '101',
          phase: 'pre-start',
        },
      ),
      ex("hookscript error for 205 on post-stop: script 'local:snippets/reset.sh' is not executable", {
        vmid: '205',
        phase: 'post-stop',
      }),
    ],
  },
  {
    id: 'libvirt.virsh-domain-lookup-failed',
    source: 'libvirt',
    cite: 'libvirt/libvirt tools/virsh-util.c virshLookupDomainInternal() (tries the argument as a domain ID, then a UUID, then a name on virsh\'s connection and prints "failed to get domain \'%1$s\'" when none matches; libvirt\'s own "Domain not found: …" line may follow)',
    format: "failed to get domain '%1$s'",
    versions:
      "virsh prints it as \"error: failed to get domain 'NAME'\"; releases before 9.x wrote the format as '%s'",
    patterns: [/(?:^|[\s:])error: failed to get domain '(?<what>[^'\n]{1,200})'/],
    severity: 'error',
    title: 'virsh found no domain of that name on its connection',
    cause:
      'no domain with that ID, UUID or name is known to the libvirt virsh is connected to. Most often the VM exists but on another connection: virsh run as a normal user talks to qemu:///session, while virt-manager and libvirt hooks use qemu:///system (and `sudo virsh` or a script run by root sees the system VMs); otherwise the name is mistyped (names are case-sensitive), the VM was renamed or undefined, or it was transient and is gone since it stopped',
    fix: 'list both: `virsh -c qemu:///system list --all` and `virsh -c qemu:///session list --all`; run the command against the connection that has the VM (`-c qemu:///system`, or export LIBVIRT_DEFAULT_URI=qemu:///system in scripts)',
    render: render('error: ', 'win10'),
    examples: [ex("error: failed to get domain 'win11-gpu'", { what: 'win11-gpu' })],
  },
  {
    id: 'kernel.kvm-lapic-timer-limited',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/lapic.c limit_periodic_timer_frequency() (pr_info_ratelimited; the floor is the kvm module parameter min_timer_period_us, 200 us by default, in arch/x86/kvm/x86.c)',
    format: 'vcpu %i: requested %lld ns lapic timer period limited to %lld ns\n',
    versions:
      'kernels before 6.x printed it with a "kvm: " prefix; since the KVM x86 pr_fmt change the prefix is "kvm_intel: "/"kvm_amd: " or none',
    patterns: [
      /vcpu (?<vcpu>\d{1,4}): requested (?<ns>\d{1,12}) ns lapic timer period limited to (?<min>\d{1,12}) ns/,
    ],
    severity: 'info',
    title: "KVM raised a guest's too-short periodic timer to its floor (harmless)",
    cause:
      'the guest programmed its local APIC timer in periodic mode with a period shorter than KVM allows (min_timer_period_us, 200 us by default), and KVM used the floor instead, so the host is not flooded with timer interrupts. Windows guests and some real-time or benchmark programs do this; it is rate-limited information and has nothing to do with a passed-through device — it does not cause stutter, Code 43 or a failed start',
    fix: 'nothing to do; it is harmless. To silence it, lower the floor only if the guest really needs faster periodic timers (kvm.min_timer_period_us), at the cost of host CPU time',
    render: render('kvm: ', 0, 33333, 200000),
    examples: [
      ex('[ 5480.384943] kvm: vcpu 13: requested 11962 ns lapic timer period limited to 200000 ns', {
        vcpu: '13',
        ns: '11962',
        min: '200000',
      }),
    ],
  },
  {
    id: 'libvirt.usb-hostdev-not-found',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virusb.c virUSBDeviceFindByVendor() ("Did not find USB device %1$04x:%2$04x", an error only when the device is mandatory: a <hostdev type=\'usb\'> without startupPolicy="optional") and virUSBDeviceFindByBus() ("Did not find USB device bus:%1$u device:%2$u"); reached from qemuHostdevPrepareUSBDevices() at VM start',
    format: 'Did not find USB device %1$04x:%2$04x',
    versions: 'releases before 1.x printed the IDs without zero padding ("Did not find USB device 46d:c52b")',
    patterns: [
      /Did not find USB device (?<vendor>[0-9a-fA-F]{1,4}):(?<product>[0-9a-fA-F]{1,4})\b/,
      /Did not find USB device bus:(?<bus>\d{1,3}) device:(?<device>\d{1,3})/,
    ],
    severity: 'error',
    title: 'A USB device the VM passes through is not plugged into the host',
    cause:
      'the domain has a USB <hostdev> for this vendor:product (or bus/device address), and libvirt found no such device on the host when the VM started, so the start failed. The device is unplugged, switched away (a KVM switch, a dock, a wireless dongle on another port), or — for a bus/device address — it was re-enumerated with a new device number after a replug or reboot',
    fix: 'plug the device in (lsusb must list VENDOR:PRODUCT), or mark it optional: <source startupPolicy="optional"> in the hostdev, so the VM starts without it; prefer vendor/product over bus/device addresses, which change on every replug; or pass the whole USB controller through with VFIO',
    render: render('error: internal error: ', 0x46d, 0xc52b),
    examples: [
      ex('error: internal error: Did not find USB device 046d:c52b', { vendor: '046d', product: 'c52b' }),
      ex('error: internal error: Did not find USB device bus:3 device:7', { bus: '3', device: '7' }),
    ],
  },
  {
    id: 'nvidia-vgpu.license-state',
    source: 'nvidia-vgpu',
    cite: "NVIDIA vGPU manager (nvidia-vgpu-mgr) vmiop_log, which logs each vGPU's licence state as the guest driver reports it (NVIDIA Virtual GPU Software Licensing: an unlicensed vGPU runs unrestricted for a grace period after boot, then restricted: frame rate capped and CUDA/NVENC disabled); its wording as the Proxmox VE NVIDIA vGPU guide quotes it",
    format: 'vmiop_log: (0x0): vGPU license state: %s',
    patterns: [/vGPU license state: (?<state>Unlicensed \((?:Restricted|Unrestricted)\)|Licensed(?!\w))/],
    severity: 'warning',
    title: "A vGPU's licence state, as the guest reported it",
    cause:
      'the vGPU manager logs what the guest driver reports about its licence. "Unlicensed (Unrestricted)" is the grace period after the guest starts; "Licensed" means it obtained one; "Unlicensed (Restricted)" means it did not, and the vGPU now runs with its frame rate capped and compute disabled',
    fix: 'in the guest, configure licensing (the client configuration token from the NVIDIA Licensing Portal or the DLS in C:\\Program Files\\NVIDIA Corporation\\vGPU Licensing\\ClientConfigToken or /etc/nvidia/ClientConfigToken, and the feature type in gridd.conf), make sure the guest can reach the licence server and its clock is right, then restart the NVIDIA Display Container / nvidia-gridd; `nvidia-smi -q | grep -A2 License` shows the state',
    refine: (f) =>
      f.state === 'Licensed'
        ? {
            severity: 'info',
            cause: 'the guest obtained its vGPU licence: nothing is restricted (harmless)',
            fix: 'nothing to do',
          }
        : f.state === 'Unlicensed (Unrestricted)'
          ? {
              severity: 'info',
              cause:
                'the guest has no vGPU licence yet and runs in the grace period after boot, unrestricted; harmless if a "Licensed" line follows within minutes. If it never does, licensing in the guest is not configured or cannot reach its server, and the vGPU will be restricted',
            }
          : undefined,
    render: render('nvidia-vgpu-mgr[4260]: notice: ', 'Licensed'),
    examples: [
      ex(
        'Mar 02 09:14:40 pve1 nvidia-vgpu-mgr[3117]: notice: vmiop_log: (0x0): vGPU license state: Unlicensed (Restricted)',
        {
          state: 'Unlicensed (Restricted)',
        },
      ),
      ex('nvidia-vgpu-mgr[3117]: notice: vmiop_log: (0x0): vGPU license state: Licensed', {
        state: 'Licensed',
      }),
    ],
  },
];
