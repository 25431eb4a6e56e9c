/**
 * The fifth harvest, part c: messages users posted about the vendor and distribution stacks around
 * passthrough that the catalogue did not recognise. The NVIDIA vGPU manager refusing the guest
 * driver's messages after a failed version handshake; AMD's MxGPU host driver (GIM) timing out on a
 * world-switch command; Harvester's PCI device controller finding no IOMMU group for a claimed
 * device; the SharedGL server unable to open its shared memory; CUDA finding every GPU busy or
 * unavailable in a vGPU guest that has lost its licence; XAPI (XenServer / XCP-ng) finding no free
 * GPU in the VM's GPU group; and an older NVIDIA (vGPU) driver that cannot find its own headers when
 * built for Linux 6.15 or later. Each example is the message as
 * posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const VGPU_MGR = 'nvidia-vgpu-mgr[2847]: ';
const GIM = 'GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization';
const PCI_ADDR = '[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]';

export const HARVEST5C_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- NVIDIA vGPU manager: the guest driver's RPC messages ----
  {
    id: 'nvidia-vgpu.rpc-message-failed',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA nvidia-vgpu-mgr vmiop plugin (closed source; the code was not read — the wording is from the vGPU manager journal lines users post, and the status values from NVIDIA/open-gpu-kernel-modules src/common/sdk/nvidia/inc/nvstatuscodes.h)',
    format: 'VGPU message %d failed, result code: 0x%x',
    versions:
      'printed as "error: vmiop_log: (0x0): VGPU message N failed, result code: 0xNN"; before the guest driver has completed its version handshake the same message ends "guest VGX version not initialized..." instead of a result code',
    patterns: [
      /VGPU message (?<msg>\d{1,4}) failed, (?:(?<uninit>guest VGX version not initialized)|result code: (?<code>0x[0-9a-fA-F]{1,8}))/,
    ],
    severity: 'error',
    title: "The vGPU manager refused a message from the guest's NVIDIA driver",
    cause:
      'the guest\'s NVIDIA driver talks to nvidia-vgpu-mgr on the host through numbered RPC messages, and the manager failed this one. It follows an earlier refusal far more often than it is a fault of its own: when the guest driver\'s version is outside the range the host vGPU manager accepts ("Incompatible Guest/Host drivers: Guest VGX version is newer/older …"), the manager disables the vGPU and every later message from that driver fails; result code 0x56 is NV_ERR_NOT_SUPPORTED. In the guest the GPU then shows Code 43 or the driver does not load',
    fix: 'look in `journalctl -u nvidia-vgpu-mgr` for the first error of this VM start (an "Incompatible Guest/Host drivers" line names the side that is too new or too old) and install in the guest the driver from the same vGPU software release as the host vGPU manager (GRID/vGPU guest driver, not a GeForce or Studio one); keep Windows Update from replacing it',
    refine: (f) =>
      f.uninit
        ? {
            cause:
              'the guest\'s NVIDIA driver sent a message before the guest/host version handshake had succeeded, so the vGPU manager has no guest VGX version for it and refuses it. That happens when the handshake itself was refused — the guest driver is not from a vGPU release this host vGPU manager supports ("Incompatible Guest/Host drivers" in the same journal), e.g. a GeForce/Studio or much newer/older vGPU guest driver',
          }
        : undefined,
    render: render(`${VGPU_MGR}error: vmiop_log: (0x0): `, 47, 0x56),
    examples: [
      ex(
        'Aug 20 18:42:22 kr nvidia-vgpu-mgr[2847]: error: vmiop_log: (0x0): VGPU message 47 failed, guest VGX version not initialized...',
        { msg: '47', uninit: 'guest VGX version not initialized' },
        'https://github.com/DualCoder/vgpu_unlock/issues/69',
      ),
      ex(
        'Aug 20 18:42:22 kr nvidia-vgpu-mgr[2847]: error: vmiop_log: (0x0): VGPU message 47 failed, result code: 0x56',
        { msg: '47', code: '0x56' },
        'https://github.com/DualCoder/vgpu_unlock/issues/69',
      ),
    ],
  },
  // ---- AMD MxGPU (GIM): world-switch commands ----
  {
    id: 'gim.world-switch-timeout',
    source: 'kernel',
    cite: `${GIM} drv/gim_adapter.c wait_cmd_complete() (called by init_vf(), run_vf(), idle_vf(), save_vf(), load_vf())`,
    format: ' wait_cmd_complete -- time out after %lld.%09ld sec\n',
    versions:
      'printed by gim_err as "gim error:(wait_cmd_complete:LINE)  wait_cmd_complete -- time out after S.NNNNNNNNN sec", followed by "Cmd = 0x%x, Status = 0x%x" and a GPU status dump ("CP Ring buffer is not empty", RPTR/WPTR); kernels before 5.0 print the seconds with %ld',
    patterns: [/wait_cmd_complete -- time out after (?<secs>\d{1,6})\.(?<nsecs>\d{1,9}) sec/],
    severity: 'error',
    title: 'AMD MxGPU (GIM): the GPU did not finish a world-switch command',
    cause:
      'GIM time-slices the GPU between its VFs by sending the GPU-IOV commands INIT/RUN/IDLE/SAVE/LOAD for each switch, and this one did not complete in time (1 s, 3 s for GPU init) or GIM saw the engines hung first. Usually the VF being switched out could not go idle — its guest left work on the GPU that does not finish (a hung guest driver or application, a guest driver not made for this GIM release); GIM then marks that VF for a function-level reset and the guest sees its GPU reset (in Windows a TDR or Code 43)',
    fix: 'match the guest driver to the GIM release (AMD publishes them as one MxGPU package), restart the affected VM; if it recurs for every VF or for the PF, reload gim (or reboot the host) and check `dmesg` for the "Cmd = …, Status = …" line and the engine named in the status dump',
    render: render('gim error:(wait_cmd_complete:1643) ', 0, 100007496),
    examples: [
      ex(
        'Dec 22 01:31:59 ubuntu-sriov kernel: [ 1994.969792] gim error:(wait_cmd_complete:1643)  wait_cmd_complete -- time out after 0.100007496 sec',
        { secs: '0', nsecs: '100007496' },
        'https://github.com/GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization/issues/1',
      ),
    ],
  },
  // ---- Harvester: the PCI device claim controller ----
  {
    id: 'mgmt.harvester-claim-missing-group',
    source: 'kubernetes',
    cite: 'harvester/pcidevices pkg/iommu/iommu.go GetGroupMap(), called by the PCIDeviceClaim controller (handler PCIDeviceClaimReconcile) before it binds the device to vfio-pci',
    format: 'missing group for address: %s',
    versions:
      'logged by the pcidevices pod as "error syncing \'CLAIM\': handler PCIDeviceClaimReconcile: missing group for address: ADDR, requeuing" and retried; the admission webhook\'s counterpart is "pcidevice NAME has no iommuGroup available"',
    patterns: [new RegExp(`missing group for address: (?<bdf>${PCI_ADDR})`)],
    severity: 'error',
    title: 'Harvester finds no IOMMU group for the device it is to pass through',
    cause:
      "to enable passthrough for a PCIDeviceClaim the controller looks the device's address up under /sys/kernel/iommu_groups/*/devices and found it in no group. Either the node's IOMMU is not active (VT-d / AMD-Vi off in the firmware, intel_iommu=on missing on a kernel that does not enable it by default — then /sys/kernel/iommu_groups is empty), or it is active but does not cover this device, or the address is stale: the claim names a device that is no longer at that address (a card moved or removed, or bus numbers changed after a hardware change). The controller retries for ever and the VM cannot start",
    fix: 'on the node, `ls /sys/kernel/iommu_groups/*/devices/ | grep ADDR` and `dmesg | grep -e DMAR -e AMD-Vi`; enable the IOMMU in the firmware (and on the kernel command line if needed) and reboot; if the address is gone, delete the claim and claim the device under its current PCIDevice name',
    render: render('handler PCIDeviceClaimReconcile: ', '0000:03:00.0'),
    examples: [
      ex(
        'time="2026-01-21T17:04:34Z" level=error msg="error syncing \'harvester8-000003000\': handler PCIDeviceClaimReconcile: missing group for address: 0000:03:00.0, requeuing"',
        { bdf: '0000:03:00.0' },
        'https://github.com/harvester/harvester/issues/9903',
      ),
    ],
  },
  // ---- SharedGL (OpenGL forwarding to a VM over shared memory) ----
  {
    id: 'sharedgl.shm-open-failed',
    source: 'userspace tool',
    cite: "dmaivel/sharedgl src/server/main.c main(): shm_open() of SGL_SHARED_MEMORY_NAME with O_CREAT|O_RDWR and mode 0700; the troubleshooting list of the project's README names the cause",
    format: "err: failed to open shared memory '%s'\n",
    versions:
      'the server prints it and exits before it starts serving; the name is sharedgl_shared_memory (/dev/shm/sharedgl_shared_memory), which the VM maps through an ivshmem device',
    patterns: [/failed to open shared memory '(?<name>sharedgl[\w.-]{0,64})'/],
    severity: 'error',
    title: 'SharedGL: the server cannot open its shared memory',
    cause:
      "the server opens (creating if needed) /dev/shm/sharedgl_shared_memory read-write, and the open was refused: the file already exists but belongs to another user with mode 0700 — usually it was created first by QEMU or libvirt (the VM's ivshmem memory-backend-file started before the server, as libvirt-qemu/qemu) or by an earlier server run as root — so the user now running the server may not open it",
    fix: "shut the VM down, remove the stale file (`sudo ./sglrenderer -x`, or delete /dev/shm/sharedgl_shared_memory), start the server, then the VM; or run the server as the user that owns the file (with sudo); keep QEMU and the server agreeing on the owner (libvirt's qemu.conf user/group, or a tmpfiles rule that creates the file for both)",
    render: render('', 'sharedgl_shared_memory'),
    examples: [
      ex(
        "err: failed to open shared memory 'sharedgl_shared_memory'",
        { name: 'sharedgl_shared_memory' },
        'https://github.com/dmaivel/sharedgl/issues/3',
      ),
    ],
  },
  // ---- CUDA in a vGPU guest ----
  {
    id: 'cuda.devices-unavailable',
    source: 'userspace tool',
    cite: "NVIDIA CUDA runtime, cudaGetErrorString(cudaErrorDevicesUnavailable = 46) (closed source; the code was not read — the text and meaning are in the CUDA Runtime API's documented error list), printed by whatever program starts CUDA",
    format: 'CUDA-capable device(s) is/are busy or unavailable',
    versions:
      'CUDA 11 and later word it "CUDA-capable device(s) is/are busy or unavailable"; older runtimes "all CUDA-capable devices are busy or unavailable"; frameworks wrap it ("RuntimeError: CUDA error: …", TensorFlow\'s "CUDA runtime implicit initialization on GPU:0 failed. Status: …")',
    patterns: [/(?<all>all )?CUDA-capable devices? ?(?:\(s\) is\/are|are) busy or unavailable/],
    severity: 'error',
    title: 'CUDA finds the GPU but may not use it',
    cause:
      'the driver sees the GPU (nvidia-smi lists it) but refused CUDA a context on it. In a VM with an NVIDIA vGPU (or a cloud instance whose GPU is a vGPU) the usual reason is licensing: a vGPU guest without a valid licence runs restricted once its grace period ends, and CUDA is refused — `nvidia-smi -q` shows "License Status: Unlicensed". Elsewhere the GPU is in Exclusive_Process compute mode and another process holds it, or the GPU is in an error state (Xid errors in dmesg)',
    fix: "run `nvidia-smi -q | grep -A2 -i license`: if unlicensed, configure the guest's licensing (client configuration token in /etc/nvidia/ClientConfigToken and gridd.conf, or the licence server the provider documents), restart nvidia-gridd and check its journal for the licence being acquired; otherwise check the compute mode (`nvidia-smi -q -d COMPUTE`, set Default with `nvidia-smi -c 0`) and dmesg for Xid errors",
    render: render('RuntimeError: CUDA error: '),
    examples: [
      ex(
        'tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit initialization on GPU:0 failed. Status: all CUDA-capable devices are busy or unavailable',
        { all: 'all ' },
        'https://github.com/DDMAL/Rodan/issues/1332',
      ),
      ex(
        'RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable',
        {},
        'https://github.com/Azure/AKS/issues/4870',
      ),
    ],
  },
  // ---- XAPI (XenServer, XCP-ng): GPU groups ----
  {
    id: 'xen.xapi-vm-requires-gpu',
    source: 'xen',
    cite: "xapi-project/xen-api ocaml/idl/datamodel_errors.ml (Api_errors.vm_requires_gpu and vm_requires_vgpu, with their documented text), raised by xapi when it checks a host for the VM's GPU at start, resume or migration (the raising function was not read)",
    format: 'VM_REQUIRES_GPU',
    versions:
      'the API error code is VM_REQUIRES_GPU(vm, GPU_group); clients print its text "You attempted to run a VM on a host which doesn\'t have a pGPU available in the GPU group needed by the VM. The VM has a vGPU attached to this GPU group." The vGPU form is VM_REQUIRES_VGPU(vm, GPU_group, vGPU_type): "… the vGPU required by the VM cannot be allocated on any pGPUs in the GPU_group needed by the VM."',
    patterns: [
      /\bVM_REQUIRES_(?<kind>V?GPU)\b/,
      /doesn't have a pGPU available in the GPU group needed by the VM/,
      /the (?<kind>vGPU) required by the VM cannot be allocated on any pGPUs in the GPU_group/,
    ],
    severity: 'error',
    title: "XAPI finds no free GPU in the VM's GPU group on this host",
    cause:
      "the VM has a GPU (passthrough, or a vGPU) attached to a GPU group, and on the host chosen to start it no pGPU of that group is free: each passed-through GPU belongs to one running VM at a time, so another VM (or this VM's previous instance, still being torn down) holds it; or the host has no pGPU in that group at all (the VM is started or migrated on another host of the pool, the GPU was removed or is hidden from dom0 differently after a change)",
    fix: '`xe pgpu-list gpu-group-uuid=GROUP` shows which hosts have GPUs in the group and `xe vgpu-list gpu-group-uuid=GROUP` which VMs hold them; stop the VM that holds the GPU, or start this VM on a host with a free pGPU of the group (`xe vm-start vm=VM on=HOST`), and check the pGPU is still in the group after any hardware change',
    refine: (f) =>
      f.kind === 'VGPU' || f.kind === 'vGPU'
        ? {
            cause:
              "the VM's vGPU type cannot be placed on any pGPU of its GPU group on this host: every pGPU is full (the type's maximum number of vGPUs per GPU is reached), or already runs vGPUs of another type (most vGPU GPUs host one type at a time), or none of them supports that type (a host vGPU manager that does not offer it)",
            fix: "`xe pgpu-param-get uuid=PGPU param-name=remaining-capacity vgpu-type-uuid=TYPE` on the group's pGPUs, and `xe vgpu-list` for what runs on them; stop a VM using the GPU, move VMs so that one type fills each pGPU, or pick a vGPU type the pGPUs offer",
          }
        : undefined,
    render: render('The server failed to handle your request: '),
    examples: [
      ex(
        'SCTX-1473 [HFX-1077]: Unable to start VM by VM_REQUIRES_GPU. Multiple PCI consumed',
        { kind: 'GPU' },
        'https://github.com/xapi-project/xen-api/pull/1671',
      ),
      ex(
        "You attempted to run a VM on a host which doesn't have a pGPU available in the GPU group needed by the VM. The VM has a vGPU attached to this GPU group.",
      ),
      ex(
        'You attempted to run a VM on a host on which the vGPU required by the VM cannot be allocated on any pGPUs in the GPU_group needed by the VM.',
        { kind: 'vGPU' },
      ),
    ],
  },
  // ---- NVIDIA driver builds on Linux 6.15+ ----
  {
    id: 'nvidia.build-own-headers-missing',
    source: 'userspace tool',
    cite: 'GCC\'s missing-include error while building the NVIDIA kernel modules; the cause is torvalds/linux commit "kbuild: remove EXTRA_*FLAGS support" (Linux 6.15, scripts/Makefile.lib no longer adds EXTRA_CFLAGS), which the include paths of older NVIDIA driver Kbuild files relied on (the NVIDIA Kbuild itself was not read)',
    format: '%s:%d:%d: fatal error: %s: No such file or directory',
    versions:
      'repeated for every source file of the module (nvidia/nv.c: nv-firmware.h, nvidia/nv-acpi.c: os-interface.h, …), then "make[4]: *** […Makefile.build:287: nvidia/FILE.o] Error 1" and the installer\'s "Building kernel modules" failure',
    patterns: [
      /(?<file>nvidia(?:-[\w-]{1,40})?\/[\w-]{1,60}\.c):\d{1,6}:\d{1,4}: fatal error: (?<header>os-interface\.h|nv[\w-]{0,48}\.h): No such file or directory/,
    ],
    severity: 'error',
    title: 'The NVIDIA driver does not build for this kernel: it cannot find its own headers',
    cause:
      "the missing header is one the driver ships itself (kernel/common/inc), so the build did not get the driver's include directories, not a missing package. Linux 6.15 removed kbuild's support for EXTRA_CFLAGS, which older NVIDIA driver releases use to add those directories; built for a 6.15 or later kernel (Proxmox VE 9 kernels 6.17, current distribution kernels) every file fails this way. Common with vGPU host drivers of the 16.x (535) and 17.x (550) branches, which NVIDIA does not update for new kernels",
    fix: "use a driver release that supports the kernel (for vGPU a newer branch whose host driver lists this kernel; GeForce/data-centre 570.153 or later), or install and boot an older kernel the driver supports and build for it (Proxmox: install that kernel's headers and `proxmox-boot-tool kernel pin VERSION`); make sure the installer builds for the kernel you boot, not only the newest one installed",
    render: render('', 'nvidia/nv-acpi.c', 26, 10, 'os-interface.h'),
    examples: [
      ex(
        'nvidia/nv-acpi.c:26:10: fatal error: os-interface.h: No such file or directory',
        { file: 'nvidia/nv-acpi.c', header: 'os-interface.h' },
        'https://github.com/anomixer/proxmox-vgpu-installer/issues/7',
      ),
      ex(
        'nvidia/nv.c:30:10: fatal error: nv-firmware.h: No such file or directory',
        { file: 'nvidia/nv.c', header: 'nv-firmware.h' },
        'https://github.com/anomixer/proxmox-vgpu-installer/issues/18',
      ),
    ],
  },
];
