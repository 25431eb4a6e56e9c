/**
 * Causes at the edges of the VFIO path that the catalogue lacked, each read from the code that
 * prints the message: a passthrough helper's IOMMU-group check (MobilePassThrough), AMD's MxGPU
 * host driver failing to enable SR-IOV, i915's GuC refusing a request (the hwconfig table a VF
 * asks for), amdgpu's optional PSP runtime database and amdkfd's virtual CRAT (both harmless, and
 * the CRAT one normal in every VM), the Loongson IOMMU without an IVRS table, a kernel oops,
 * NVIDIA's vGPU device manager finding no vGPU parent, NVIDIA's DRA driver waiting for a GPU to be
 * free before binding it to vfio-pci, kubelet's DRA prepare call failing, a CNI finding no netdev
 * for a VF bound to vfio-pci, libvirt refusing a duplicate alias or a CONFIG change of a transient
 * domain, QEMU's vfio-user client failing to get the device info, and unvme's VFIO set-up steps.
 * The facts each line carries (a status, an errno, a GuC error code, the step) change the cause
 * where the source says so. EDGE_CAUSES_ALSO lists the sibling wordings these entries recognise.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { normaliseErrno } from '../errno.js';
import { ex, render } from './build.js';

const MPT =
  'T-vK/MobilePassThrough scripts/main/compatibility-check.sh (older: scripts/compatibility-check.sh)';
const GIM = 'GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization drv/gim_interface.c enable_sriov()';
const GUC_MMIO = 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_guc.c intel_guc_send_mmio()';
const DRA_VFIO =
  'kubernetes-sigs/dra-driver-nvidia-gpu cmd/gpu-kubelet-plugin/vfio-device.go WaitForGPUFree()';
const UNVME = 'MicronSSD/unvme src/unvme_vfio.c vfio_create() (read in the fork upa/unvme)';

/** A 32-bit hex status holding a negative errno (gim prints pci_enable_sriov()'s return with %x). */
function hexErrno(status: string | undefined): string | undefined {
  if (!status) return undefined;
  const n = Number.parseInt(status, 16);
  if (!Number.isFinite(n) || n < 0x80000000) return undefined;
  return normaliseErrno(String(n - 0x100000000));
}

function refineGim(f: Facts): Refinement | undefined {
  const errno = hexErrno(f.status);
  if (errno === 'EIO')
    return {
      cause:
        "pci_enable_sriov() returned -EIO (status fffffffb): the kernel's sriov_enable() refuses to enable VFs when the card's SR-IOV capability reports an InitialVFs it cannot accept (above TotalVFs, or different from TotalVFs on a device without VF migration). The MxGPU boards expose up to 16 VFs, more than the 8 functions a device number has without ARI, so they depend on the platform: the slot's upstream port must forward ARI (Alternative Routing-ID Interpretation) and the BIOS must enable SR-IOV; a board whose firmware leaves ARI forwarding off gives the card no consistent VF layout",
      fix: 'enable SR-IOV and ARI (often "ARI Forwarding" or "ARI Support") in the BIOS, update the BIOS if it has no such option, and put the card in a CPU-attached slot; check `lspci -vvv -s ADDR` shows the SR-IOV capability with ARI Capable Hierarchy set once enabled',
    };
  if (errno === 'ENOMEM')
    return {
      cause:
        'pci_enable_sriov() returned -ENOMEM (status fffffff4): the VF BARs got no MMIO space ("not enough MMIO resources for SR-IOV") or the VFs would need bus numbers beyond the ones the bridge above the card was given',
      fix: 'enable SR-IOV support and "Above 4G decoding" in the BIOS so the firmware reserves VF BAR space and bus numbers; as a workaround, boot with pci=realloc (and pci=assign-busses for bus numbers)',
    };
  if (errno === 'EINVAL')
    return {
      cause:
        'pci_enable_sriov() returned -EINVAL (status ffffffea): VFs are already enabled on this GPU, or more VFs were asked for than the card offers',
      fix: 'disable the VFs first (echo 0 > /sys/bus/pci/devices/ADDR/sriov_numvfs, or unload gim) and ask for at most TotalVFs',
    };
  if (errno)
    return {
      cause: `pci_enable_sriov() failed with ${errno} (status ${f.status}); the kernel lines around it (pci ADDR: ...) say which step`,
    };
  return undefined;
}

/** The GuC's answer codes (drivers/gpu/drm/i915/gt/uc/abi/guc_errors_abi.h). */
const GUC_ERRORS: Record<string, string> = {
  '20': 'INTEL_GUC_RESPONSE_NOT_SUPPORTED: the GuC firmware does not support this request',
  '201':
    'INTEL_GUC_RESPONSE_NO_ATTRIBUTE_TABLE: the GuC firmware has no attribute (hwconfig) table to return',
  '202': 'INTEL_GUC_RESPONSE_NO_DECRYPTION_KEY',
  '204': 'INTEL_GUC_RESPONSE_DECRYPTION_FAILED',
  f000: 'INTEL_GUC_RESPONSE_STATUS_GENERIC_FAIL',
};

function refineGuc(f: Facts): Refinement | undefined {
  const code = (f.code ?? '').toLowerCase().replace(/^0+(?=.)/, '');
  const meaning = GUC_ERRORS[code];
  const action = (f.action ?? '').toLowerCase();
  const hwconfig = action === '0x4100' || f.hwconfig !== undefined;
  if (hwconfig)
    return {
      severity: 'warning',
      title: 'i915/Xe: the GuC firmware did not give the hwconfig table (not fatal)',
      cause: `the driver asked the GuC for the hardware-configuration (hwconfig) table (GuC action 0x4100, INTEL_GUC_ACTION_GET_HWCONFIG) and the GuC refused${meaning ? ` with ${meaning}` : ''}. The driver goes on without it ("Table failure is bad but not currently fatal", intel_gt_init()); only user-space drivers that read the table (Mesa, compute runtime) lose details. In an SR-IOV virtual function (i915 SR-IOV / Xe VFs) the request goes through the VF's MMIO relay to the GuC the PF loaded, and that firmware version decides whether VFs may ask for it: a GuC that does not support the request for VFs, or has no table for this platform, answers this way`,
      fix: 'nothing is needed for the GPU to work; if user space misses the table, load the GuC firmware version the (PF) driver expects (current linux-firmware i915/*_guc_*.bin) and a driver version that supports VF hwconfig queries',
    };
  if (meaning)
    return {
      cause: `the driver sent the GuC firmware request ${f.action ?? ''} over its MMIO interface and the GuC answered with a failure: ${meaning}. The request then fails with -ENXIO; whether the driver goes on depends on the request (the line after it says what was being done)`,
    };
  return undefined;
}

function refineOops(f: Facts): Refinement | undefined {
  const addr = f.addr ? Number.parseInt(f.addr.slice(-8), 16) : Number.NaN;
  const nearNull =
    f.what === 'NULL pointer dereference' ||
    (Number.isFinite(addr) && addr < 0x1000 && (f.addr ?? '').replace(/^0+/, '').length <= 3);
  if (nearNull)
    return {
      cause: `a kernel oops: code running in the kernel followed a NULL pointer (address ${f.addr ?? 'near 0'}, a field of a structure that was never set or already freed), which is a bug in the kernel or in the module named on the RIP line below it; the CPU line names the process (Comm:) or workqueue it ran for. On a VFIO host the usual places are a GPU driver (amdgpu, nouveau, nvidia, i915 and its GVT-g vGPU code), the VFIO/mdev drivers and KVM`,
    };
  return undefined;
}

function refineDraFree(f: Facts): Refinement | undefined {
  if (f.status === '125')
    return {
      cause:
        "the check runs `chroot /host-root fuser /dev/nvidiaN`, and exit status 125 is chroot itself failing (coreutils: 125 when chroot cannot run, before fuser starts): /host-root, the host's root filesystem the plugin expects mounted there, does not exist in the kubelet plugin's pod. The plugin then retries every second until its 60 s wait ends, and the GPU is never moved to vfio-pci",
      fix: "deploy the plugin with its passthrough (VFIO) support enabled through the Helm chart, so its pod gets the hostPath mount of the host's / at /host-root; check with `kubectl exec` into the plugin pod that /host-root/usr/bin/fuser exists",
    };
  if (f.status === '127' || f.status === '126')
    return {
      cause: `the check runs \`chroot /host-root fuser /dev/nvidiaN\`; exit status ${f.status} means chroot ran but ${f.status === '127' ? 'found no fuser in the host root (psmisc not installed on the host)' : 'could not execute fuser there'}, so the plugin can never see the GPU free`,
      fix: "install psmisc (fuser) on the host, or check that /host-root is the host's real root filesystem",
    };
  if (f.busy !== undefined)
    return {
      severity: 'warning',
      title: 'NVIDIA DRA driver: host processes still hold the GPU, so it is not yet moved to vfio-pci',
      cause:
        "processes on the host have the GPU's /dev/nvidiaN open (fuser lists them: CUDA programs, nvidia-persistenced, DCGM or a metrics exporter, a desktop session); the plugin will not unbind a GPU that is in use from the nvidia driver, and waits up to 60 s for them to exit before giving up",
      fix: 'stop those processes or move them off this GPU before the VM claims it (`fuser -v /dev/nvidia*` on the host); keep monitoring agents off GPUs meant for passthrough',
    };
  if (f.timedout !== undefined)
    return {
      cause:
        "the plugin waited its full 60 s for the GPU to be free and gave up: the error after the colon is the last check's result (processes holding /dev/nvidiaN, or the check itself failing)",
    };
  return undefined;
}

function refineDraPrepare(f: Facts): Refinement | undefined {
  if (f.code === 'DeadlineExceeded')
    return {
      cause:
        "the DRA driver's kubelet plugin did not answer NodePrepareResources before kubelet's deadline for the call, so the pod's claim is not prepared and the pod does not start (kubelet retries). Preparing can be slow when the driver changes the device: NVIDIA's DRA driver, for a GPU claimed for VM passthrough, unbinds the GPU from the nvidia driver and binds it to vfio-pci, and first waits (up to 60 s) for every host process holding the GPU's /dev/nvidiaN to exit — a process that keeps it open (a CUDA program, nvidia-persistenced, a monitoring agent) makes the prepare outlast the deadline",
      fix: "read the DRA plugin's own log for this claim (`kubectl logs -n <driver namespace> <kubelet-plugin pod>`): it names the step; for a passthrough GPU stop what holds it (`fuser -v /dev/nvidia*` on the host) and check the plugin's fuser check works",
    };
  if (f.code === 'Unavailable')
    return {
      cause:
        "kubelet could not reach the DRA driver's kubelet plugin over its socket (gRPC Unavailable): the plugin pod is not running on this node, is restarting, or registered a socket that is gone",
      fix: "check the driver's kubelet-plugin pod on this node (`kubectl get pods -o wide -n <driver namespace>`) and its log",
    };
  if (f.claim !== undefined)
    return {
      cause: `the DRA driver's kubelet plugin refused to prepare the claim ${f.claim}: its own error follows the colon (for a passthrough GPU typically a step of moving it to vfio-pci: the GPU in use, VFs enabled, the IOMMU off)`,
    };
  return undefined;
}

function refineVfioUserInfo(f: Facts): Refinement | undefined {
  if (f.errno === 'EINVAL')
    return {
      cause:
        "the vfio-user server answered the device-info request (VFIO_USER_DEVICE_GET_INFO) with EINVAL: libvfio-user's handle_device_get_info() rejects a request whose size or argsz does not fit its own struct vfio_device_info. The client and the server speak different revisions of the vfio-user protocol — a QEMU vfio-user branch and a libvfio-user (or SPDK, or other server) built from versions whose message layouts do not match, which changed several times while the protocol was being upstreamed",
      fix: "build QEMU and the server from matching versions (the QEMU branch or release the server documents, e.g. the one in libvfio-user's docs/qemu.md), or both from upstream QEMU 10.1+ and a current libvfio-user",
    };
  if (f.errno === 'ECONNRESET' || f.errno === 'EPIPE' || f.errno === 'ENOTCONN')
    return {
      cause: `the vfio-user server closed the connection (${f.errno}) instead of answering: it crashed or rejected the client right after the socket was opened; its own log says why`,
    };
  return undefined;
}

const UNVME_STEPS: { test: RegExp; cause: string; fix: string }[] = [
  {
    test: /^No iommu_group/,
    cause:
      'the device has no iommu_group link in sysfs, so the kernel made no IOMMU group for it: the IOMMU is not enabled (VT-d / AMD-Vi off in the firmware, or intel_iommu=on missing on kernels before 6.2)',
    fix: 'enable the IOMMU in the firmware and on the kernel command line and reboot (`vfiokit doctor`); for a test machine without an IOMMU, unvme has a no-IOMMU mode',
  },
  {
    test: /^open \/dev\/vfio\/vfio/,
    cause:
      'the VFIO container node could not be opened: the vfio modules are not loaded, or the user is not root',
    fix: 'modprobe vfio-pci and run unvme as root',
  },
  {
    test: /^open \/dev\/vfio\/.{1,30} failed/,
    cause:
      "the device's VFIO group node could not be opened: the device is not bound to vfio-pci (so the node does not exist), another process has the group open, or the user may not open it",
    fix: 'bind the NVMe device to vfio-pci (unvme-setup bind, or driverctl) and stop any other user of the group (`fuser -v /dev/vfio/*`)',
  },
  {
    test: /^group not viable/,
    cause:
      "another device in the NVMe device's IOMMU group is still on a host driver, so VFIO will not let the group be used",
    fix: 'bind every device of the group to vfio-pci (`vfiokit groups` lists them), or move the drive to a slot with its own group',
  },
  {
    test: /^ioctl VFIO_SET_IOMMU/,
    cause:
      'the kernel would not put the group under the type1 IOMMU (unvme prints no errno here): the IOMMU is not active for the device (not enabled in the firmware or on the kernel command line — intel_iommu=on before 6.2 on Intel — or a group the kernel made without one), or the platform has no interrupt remapping, for which vfio_iommu_type1 refuses the group (dmesg: "No interrupt remapping support")',
    fix: 'check the IOMMU is enabled and active (`dmesg | grep -e DMAR -e AMD-Vi`, `vfiokit doctor`); for missing interrupt remapping enable it in the firmware (x2APIC / interrupt remapping) or, accepting the risk, load vfio_iommu_type1 with allow_unsafe_interrupts=1',
  },
  {
    test: /^ioctl VFIO_CHECK_EXTENSION/,
    cause:
      'the container offers no type1 IOMMU: the vfio_iommu_type1 module is not loaded (or the kernel lacks it)',
    fix: 'modprobe vfio_iommu_type1 (loading vfio-pci pulls it in on most kernels)',
  },
  {
    test: /^ioctl VFIO_GROUP_SET_CONTAINER/,
    cause: 'the group could not join the container: it is already in use by another process or container',
    fix: 'stop the other user of the group (`fuser -v /dev/vfio/*`)',
  },
  {
    test: /^ioctl VFIO_GROUP_GET_DEVICE_FD/,
    cause:
      'VFIO would not hand out the device: it is not bound to vfio-pci (unbound or moved since), or another process already has it open',
    fix: 'check `lspci -nnk -s ADDR` shows vfio-pci and that no other program uses it',
  },
  {
    test: /^device in bad state/,
    cause:
      'the device answers all-ones (vendor ID 0xffff) in config space through VFIO: it is not responding — in D3cold, fallen off the bus, or not back from a reset',
    fix: 'check dmesg for the device (AER, reset, power-state lines); power-cycle the host if it stays unreadable',
  },
];

export const EDGE_CAUSES_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- A passthrough helper's IOMMU-group check ----
  {
    id: 'tool.mobilepassthrough-gpu-group',
    source: 'userspace tool',
    cite: `${MPT} (the GPU check over lsiommu's groups)`,
    format:
      "[Problem] Other devices have been found in the IOMMU group of the GPU with the ID '%s'. Depending on the devices, this could make it impossible to pass this GPU through to a virtual machine!",
    versions:
      'older versions print "Problem: ..." without brackets; the same check prints "[Success] GPU with ID \'%s\' could be passed through to a virtual machine!", "[Warning] GPU with ID \'%s\' could be passed through to a virtual machine, but only together with the following devices: " and "[Error] Failed to find the IOMMU group of the GPU with the ID %s! Have you enabled iommu in the UEFI and kernel?"',
    patterns: [
      /(?:\[Problem\]|Problem:) Other devices have been found in the IOMMU group of the GPU with the ID '(?<gpu>[0-9a-fA-F:.]{4,16})'/,
      /GPU with ID '(?<gpu>[0-9a-fA-F:.]{4,16})' could be passed through to a virtual machine, (?<together>but only together) with the following devices/,
      /Failed to find the IOMMU group of the GPU with the ID (?<nogroup>[0-9a-fA-F:.]{4,16})!/,
      /(?:\[Success\]|Success:) GPU with ID '(?<ok>[0-9a-fA-F:.]{4,16})' could be passed through to a virtual machine!/,
    ],
    severity: 'error',
    title: 'The GPU shares its IOMMU group with other devices',
    cause:
      "MobilePassThrough's compatibility check listed the IOMMU group of the GPU and found devices in it besides the GPU, its audio function and PCI bridges (newer versions also leave out other GPUs). An IOMMU group is the smallest unit VFIO can isolate, so the GPU can only be passed through with every other device of its group, each bound to vfio-pci — impossible when one of them is a device the host needs (a USB, SATA or network controller). The grouping follows the PCIe topology and ACS: on laptops and many consumer boards the GPU sits behind a root port or chipset switch without ACS isolation and shares its group",
    fix: 'read the devices it lists after this line (`vfiokit groups` shows the groups); if they are all functions the VM may have, bind them to vfio-pci too; otherwise move the card to a slot with its own group (a CPU-attached slot), or — knowing it removes the isolation between them — use the ACS override patch (pcie_acs_override=downstream,multifunction); on a laptop the groups cannot be changed',
    refine: (f) => {
      if (f.ok !== undefined)
        return {
          severity: 'info',
          title: 'The GPU is alone in its IOMMU group (check passed)',
          cause:
            'the compatibility check found only the GPU (with its audio function and bridges) in its IOMMU group, so its group can be given to a VM: nothing is wrong here',
          fix: 'nothing',
        };
      if (f.together !== undefined)
        return {
          severity: 'warning',
          title: 'The GPU can be passed through only together with the other GPUs of its group',
          cause:
            'the GPU shares its IOMMU group with other GPUs (listed after this line) and nothing else, so VFIO can give it to a VM only together with them: all of them must be bound to vfio-pci and passed to the same VM (or left unused), as a group is the smallest unit VFIO isolates',
          fix: 'bind all the listed GPUs to vfio-pci and pass them together, or move one of them to a slot with its own group',
        };
      if (f.nogroup !== undefined)
        return {
          title: 'The GPU has no IOMMU group: the IOMMU is off',
          cause:
            'the check found no IOMMU group for the GPU because the kernel made none: the IOMMU is not enabled in the firmware (VT-d / AMD-Vi) or on the kernel command line (intel_iommu=on before 6.2 on Intel), or the platform has none',
          fix: 'enable VT-d / AMD-Vi in the UEFI setup and the IOMMU on the kernel command line, reboot, and check /sys/kernel/iommu_groups (`vfiokit doctor`)',
        };
      return undefined;
    },
    render: render('', '01:00.0'),
    examples: [
      ex(
        "[Problem] Other devices have been found in the IOMMU group of the GPU with the ID '01:00.0'. Depending on the devices, this could make it impossible to pass this GPU through to a virtual machine!",
        { gpu: '01:00.0' },
      ),
      ex(
        "[Warning] GPU with ID '03:00.0' could be passed through to a virtual machine, but only together with the following devices: ",
        { gpu: '03:00.0', together: 'but only together' },
      ),
      ex(
        '[Error] Failed to find the IOMMU group of the GPU with the ID 00:02.0! Have you enabled iommu in the UEFI and kernel?',
        { nogroup: '00:02.0' },
      ),
    ],
  },
  // ---- AMD MxGPU host driver (GIM) ----
  {
    id: 'kernel.gim-sriov-enable-failed',
    source: 'kernel',
    cite: `${GIM} (gim_err prints pci_enable_sriov()'s return with %x) and drv/gim_adapter.c set_new_adapter(); the errno from torvalds/linux drivers/pci/iov.c sriov_enable()`,
    format: 'Fail to enable sriov, status = %x\n',
    versions:
      'gim_err() prefixes "gim error:(FUNCTION:LINE) "; set_new_adapter() then prints "Failed to properly enable SRIOV"; the status is a negative errno printed as 32-bit hex (fffffffb = -5 EIO, fffffff4 = -12 ENOMEM, ffffffea = -22 EINVAL)',
    patterns: [
      /Fail to enable sriov, status = (?<status>[0-9a-fA-F]{1,8})/,
      /gim error:\(set_new_adapter:\d{1,6}\) (?<summary>Failed to properly enable SRIOV)/,
    ],
    severity: 'error',
    title: "AMD MxGPU (GIM): the kernel refused to enable the GPU's SR-IOV VFs",
    cause:
      "AMD's MxGPU host driver (gim) asked the kernel to enable the GPU's SR-IOV virtual functions with pci_enable_sriov() and the kernel refused, so no VFs exist to give to VMs. The status is the kernel's errno: the VF layout the card reports (which for 16 VFs needs ARI forwarding on the slot's upstream port), VF BAR space or bus numbers the firmware did not reserve, or VFs already enabled",
    fix: 'enable SR-IOV, ARI and "Above 4G decoding" in the BIOS and use a CPU-attached slot; read the pci lines the kernel printed for the card just before',
    refine: refineGim,
    render: render('gim error:(enable_sriov:298) ', 0xfffffff4),
    examples: [
      ex('[  812.330012] gim error:(enable_sriov:298) Fail to enable sriov, status = fffffff4', {
        status: 'fffffff4',
      }),
      ex('gim error:(enable_sriov:298) Fail to enable sriov, status = ffffffea', { status: 'ffffffea' }),
      ex('[  812.330020] gim error:(set_new_adapter:640) Failed to properly enable SRIOV', {
        summary: 'Failed to properly enable SRIOV',
      }),
    ],
  },
  // ---- i915 / Xe GuC MMIO requests and the hwconfig table ----
  {
    id: 'kernel.i915-guc-request-failed',
    source: 'kernel',
    cite: `${GUC_MMIO} (Xe: drivers/gpu/drm/xe/xe_guc.c xe_guc_mmio_send_recv()); the codes: drivers/gpu/drm/i915/gt/uc/abi/guc_errors_abi.h; the hwconfig line: drivers/gpu/drm/i915/gt/intel_gt.c intel_gt_init()`,
    format: 'mmio request %#x: failure %x/%u\n',
    versions:
      'Linux 5.16+ (guc_err/GT_ERR add "GT0: GUC: " on 6.4+); Xe: "GuC mmio request %#x: failure %#x hint %#x"; the hwconfig query that fails this way is then reported as "Failed to retrieve hwconfig table: %pe" (a drm_notice in 5.18, an error since)',
    patterns: [
      /mmio request (?<action>0x[0-9a-fA-F]{1,8}): failure (?:0x)?(?<code>[0-9a-fA-F]{1,4})(?:\/| hint (?:0x)?)(?<hint>[0-9a-fA-F]{1,8})/,
      /(?<hwconfig>Failed to retrieve hwconfig table): (?<err>-?E[A-Z]{2,12}|-?\d{1,4})/,
    ],
    severity: 'error',
    title: 'i915/Xe: the GuC firmware refused a request',
    cause:
      "the driver sent a request to the GPU's GuC firmware over its MMIO interface and the GuC answered with a failure code (after the colon); the request fails with -ENXIO. Which request (the action number) and the code say whether it matters",
    fix: 'read the next driver line for what was being done; update the GuC firmware (linux-firmware i915/) to the version the driver expects',
    refine: refineGuc,
    render: render('i915 0000:00:02.0: [drm] *ERROR* GT0: GUC: ', 0x4100, 0x201, 0),
    examples: [
      ex('i915 0000:00:02.1: [drm] *ERROR* GT0: GUC: mmio request 0x4100: failure 201/0', {
        action: '0x4100',
        code: '201',
      }),
      ex('xe 0000:03:00.1: [drm] *ERROR* GT0: GuC mmio request 0x5503: failure 0x20 hint 0x0', {
        action: '0x5503',
        code: '20',
      }),
      ex('i915 0000:00:02.1: [drm] *ERROR* GT0: Failed to retrieve hwconfig table: -ENXIO', {
        hwconfig: 'Failed to retrieve hwconfig table',
      }),
    ],
  },
  // ---- amdgpu / amdkfd lines that are not errors ----
  {
    id: 'kernel.amdgpu-psp-runtime-db-missing',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_psp.c psp_get_runtime_db_entry()',
    format: "PSP runtime database doesn't exist\n",
    versions:
      'Linux 5.14+ (dev_warn, so "amdgpu ADDR: amdgpu: " before it, often printed twice: once per entry looked up); its sibling "Invalid PSP runtime database entry count" when a database is there but malformed',
    patterns: [/(?<what>PSP runtime database doesn't exist|Invalid PSP runtime database entry count)/],
    severity: 'info',
    title: 'amdgpu: no PSP runtime database (optional; harmless)',
    cause:
      "amdgpu looks at the top of VRAM for an optional runtime database the PSP (the GPU's security processor) firmware may leave there, with boot-config and diagnostic entries; this board or firmware has none (most do not), so the driver skips those entries and initialises normally. It is informational and harmless, not why a GPU or a guest fails: look at the amdgpu lines after it",
    fix: 'nothing; if the GPU does fail, read the later amdgpu errors (PSP/SMU ring or firmware load failures)',
    refine: (f) =>
      f.what === 'Invalid PSP runtime database entry count'
        ? {
            cause:
              'the PSP runtime database in VRAM is present but its entry count is out of range, so amdgpu ignores it and initialises without its optional entries: harmless unless later amdgpu lines fail; in a VM after passthrough it can also mean VRAM still holds garbage from before a reset',
          }
        : undefined,
    render: render('amdgpu 0000:0b:00.0: amdgpu: '),
    examples: [ex("[    4.012345] amdgpu 0000:0b:00.0: amdgpu: PSP runtime database doesn't exist")],
  },
  {
    id: 'kernel.amdkfd-virtual-crat',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_crat.c kfd_create_crat_image_acpi() / kfd_create_crat_image_virtual() and kfd_topology.c kfd_topology_init()',
    format: 'CRAT table not found\n',
    versions:
      'pr_fmt "amdgpu: " (older: "kfd: "); the siblings: "Ignoring ACPI CRAT on non-APU system", "CRAT table disabled by module option" (amdgpu.ignore_crat=1), then "Virtual CRAT table created for CPU" (and "... for GPU") and "Topology: Add CPU node"',
    patterns: [
      /(?<what>CRAT table not found|Ignoring ACPI CRAT on non-APU system|CRAT table disabled by module option|Virtual CRAT table created for (?:CPU|GPU))/,
    ],
    severity: 'info',
    title: 'amdkfd: no ACPI CRAT table, so it builds a virtual one (normal; harmless)',
    cause:
      'amdkfd (the ROCm/HSA compute part of amdgpu) reads the CPU/GPU topology from the ACPI CRAT table, which only AMD APU firmware provides. On other machines — and in every VM, whose firmware (OVMF/SeaBIOS) has no CRAT — it builds a virtual CRAT from the CPU information and goes on: this is normal and harmless, not a passthrough problem',
    fix: 'nothing',
    render: render('amdgpu: '),
    examples: [
      ex('[    9.113502] amdgpu: CRAT table not found', { what: 'CRAT table not found' }),
      ex('[    9.113510] amdgpu: Virtual CRAT table created for CPU', {
        what: 'Virtual CRAT table created for CPU',
      }),
    ],
  },
  // ---- Loongson IOMMU ----
  {
    id: 'kernel.loongson-iommu-no-ivrs',
    source: 'kernel',
    cite: "loongson-community/linux-loongnix drivers/iommu/loongarch_iommu.c loongarch_iommu_ivrs_init() / loongarch_iommu_driver_init() (Loongson's IOMMU driver, also in openeuler-mirror/kernel and deepin-community/kernel; older trees: loongson_iommu.c, loongson_iommu_*)",
    format: '%s get ivrs table failed\n',
    versions:
      'the %s is the function (loongarch_iommu_ivrs_init, loongson_iommu_ivrs_init, or the *_mem_init that reserves page-table memory); loongarch_iommu_driver_init() then prints "Failed to init iommu by ivrs"',
    patterns: [
      /(?<fn>loong(?:arch|son)_iommu_(?:ivrs|mem)_init) get ivrs table failed/,
      /(?<summary>Failed to init iommu by ivrs)/,
    ],
    severity: 'error',
    title: 'Loongson IOMMU: the firmware provides no IVRS table, so there is no IOMMU',
    cause:
      'the Loongson IOMMU driver (for the 7A2000 bridge) finds its IOMMU through the ACPI IVRS table the firmware provides, and acpi_get_table("IVRS") found none: this firmware release does not describe the IOMMU (older firmware for 7A2000 boards), or the IOMMU is disabled in the firmware setup. The driver gives up, no IOMMU groups are created, and VFIO cannot be used',
    fix: "update the board firmware to a release that provides the IVRS table (Loongson's firmware releases for 7A2000 boards added it), enable the IOMMU in its setup if it has the option, and check /sys/kernel/iommu_groups after reboot",
    render: render('', 'loongarch_iommu_ivrs_init'),
    examples: [
      ex('[    3.401122] loongarch_iommu_ivrs_init get ivrs table failed', {
        fn: 'loongarch_iommu_ivrs_init',
      }),
      ex('[    3.402000] Failed to init iommu by ivrs', { summary: 'Failed to init iommu by ivrs' }),
    ],
  },
  // ---- Kernel oops ----
  {
    id: 'kernel.oops',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/mm/fault.c show_fault_oops() (arm64: arch/arm64/mm/fault.c die_kernel_fault())',
    format: 'BUG: kernel NULL pointer dereference, address: %px\n',
    versions:
      'Linux 5.0+: "BUG: kernel NULL pointer dereference, address: %px" and "BUG: unable to handle page fault for address: %px"; older: "BUG: unable to handle kernel NULL pointer dereference at %px" / "BUG: unable to handle kernel paging request at %px"; arm64: "Unable to handle kernel NULL pointer dereference at virtual address %016lx" / "... paging request at virtual address ..."; "Oops: ..." and the RIP/CPU lines follow',
    patterns: [
      /BUG: kernel NULL pointer dereference, address: (?<addr>[0-9a-fA-F]{1,16})/,
      /BUG: unable to handle (?:kernel (?<what>NULL pointer dereference|paging request) at|page fault for address:) (?<addr>[0-9a-fA-F]{1,16})/,
      /Unable to handle kernel (?<what>NULL pointer dereference|paging request) at virtual address (?<addr>[0-9a-fA-F]{1,16})/,
    ],
    severity: 'error',
    title: 'Kernel oops: a bug in the kernel or a module',
    cause:
      'a kernel oops: code running in the kernel touched an address it may not (a bad or freed pointer), which is a bug in the kernel or in the module named on the RIP line below it ("RIP: 0010:function+0x.../0x... [module]"); the CPU line names the process (Comm:) or workqueue it ran for. On a VFIO host the usual places are a GPU driver (amdgpu, nouveau, nvidia, i915 and its GVT-g vGPU code), the VFIO/mdev drivers and KVM; the system may be unstable until reboot',
    fix: 'save the whole trace (dmesg from the BUG line to "end trace") and report it to the module it names, with the kernel version; update the kernel or module. If the RIP is in a GPU driver right after a VM gave the GPU back to the host, the card was returned without a working reset: keep it on vfio-pci between VMs or use vendor-reset',
    refine: refineOops,
    render: render('', '0000000000000008'),
    examples: [
      ex('[ 5120.447810] BUG: kernel NULL pointer dereference, address: 0000000000000008', {
        addr: '0000000000000008',
      }),
      ex('BUG: unable to handle page fault for address: ffffb8a1c2d3e000', { addr: 'ffffb8a1c2d3e000' }),
      ex('[  211.004411] BUG: unable to handle kernel paging request at ffffa0d3c0de0010', {
        what: 'paging request',
      }),
      ex('Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010', {
        what: 'NULL pointer dereference',
      }),
    ],
  },
  // ---- NVIDIA vGPU device manager ----
  {
    id: 'nvidia-vgpu.device-manager-no-parent',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA/vgpu-device-manager pkg/vgpu/config (the vGPU config manager\'s SetVGPUConfig(), which the nvidia-vgpu-dm apply command reports as "error setting VGPU config: %v"); NVIDIA/go-nvlib nvmdev / nvvfio CreateVGPUDevices() say the same by address',
    format: "no parent devices found for GPU at index '%d'",
    versions:
      'go-nvlib: "no parent devices found for GPU at address \'%s\'"; the DaemonSet then logs "Failed to apply vGPU config: unable to apply config \'%s\': exit status 1"',
    patterns: [
      /no parent devices found for GPU at (?:index '(?<index>\d{1,3})'|address '(?<address>[0-9a-fA-F:.]{7,16})')/,
    ],
    severity: 'error',
    title: 'NVIDIA vGPU device manager: the GPU offers no vGPU parent device',
    cause:
      'the vGPU device manager looks for the mediated-device parents backed by this GPU — the mdev types NVIDIA\'s vGPU host driver (the vGPU Manager) registers under /sys/class/mdev_bus — and found none, so it cannot create the configured vGPU types. Either the vGPU Manager is not loaded or does not drive this GPU (a GPU it does not support, such as a GeForce card, or one its branch does not list: nvidia-vgpud logs "GPU not supported by vGPU"), or the GPU offers its vGPUs another way: on Ampere and later they sit on SR-IOV virtual functions that must be enabled first (sriov-manage -e), and the newest GPUs (the ones that need the open kernel modules and GSP firmware) are not supported through mdev at all — recent vGPU host drivers expose their vGPU types through each VF\'s vendor-specific VFIO interface (/sys/bus/pci/devices/VF/nvidia/creatable_vgpu_types), with no mdev_bus, which a device manager that only walks mdev_bus does not see',
    fix: "check the host runs the vGPU (KVM) host driver for this GPU (`nvidia-smi -q` shows Host VGPU Mode; `ls /sys/class/mdev_bus`), enable the VFs on Ampere and later (`/usr/lib/nvidia/sriov-manage -e ADDR`), check the GPU and branch in NVIDIA's vGPU support matrix, and for GPUs without mdev_bus use a vgpu-device-manager / GPU Operator release that supports the VFIO-based vGPU (or set the type through creatable_vgpu_types / current_vgpu_type)",
    render: render('time="2025-01-09T10:00:00Z" level=fatal msg="error setting VGPU config: ', 0),
    examples: [
      ex(
        'time="2025-01-09T10:00:00Z" level=fatal msg="error setting VGPU config: no parent devices found for GPU at index \'2\'"',
        { index: '2' },
      ),
      ex("no parent devices found for GPU at address '0000:41:00.0'", { address: '0000:41:00.0' }),
    ],
  },
  // ---- NVIDIA DRA driver: GPU passthrough ----
  {
    id: 'kubernetes.dra-gpu-free-check-failed',
    source: 'kubernetes',
    cite: `${DRA_VFIO} (execCommandWithChroot("/host-root", "fuser", /dev/nvidiaN), every second for gpuFreeCheckTimeout = 60 s), called from Configure() before the GPU is moved from nvidia to vfio-pci`,
    format: 'unexpected error checking if gpu device %q is free: %w',
    versions:
      'the same wait logs "gpu device %q has open fds by process(es): %q" while processes hold the GPU, and ends with "timed out waiting for gpu to be free: %w", wrapped in "error waiting for GPU %q to be free: %w"',
    patterns: [
      /[Uu]nexpected error checking if gpu device "(?<gpu>[^"\n]{1,24})" is free: (?:exit status (?<status>\d{1,3})|(?<other>[^\n]{1,120}))/,
      // The timeout wraps the last check's result, so it is looked for first.
      /(?<timedout>timed out waiting for gpu to be free)/,
      /gpu device "(?<gpu>[^"\n]{1,24})" has open fds by (?<busy>process)\(es\)/,
    ],
    severity: 'error',
    title: 'NVIDIA DRA driver: could not check that the GPU is free before binding it to vfio-pci',
    cause:
      "before moving a GPU claimed for VM passthrough from the nvidia driver to vfio-pci, NVIDIA's DRA kubelet plugin checks once a second, for up to 60 s, that no host process holds the GPU's device node, by running `chroot /host-root fuser /dev/nvidiaN` on the host root mounted at /host-root (fuser exits 1 when nobody holds it). The check itself failed, so the GPU is never switched and the claim is not prepared",
    fix: "read the exit status: 125 is chroot failing (no /host-root mount in the plugin's pod), 127 no fuser on the host; deploy the plugin with its passthrough support enabled in the Helm chart so it gets the /host-root mount",
    refine: refineDraFree,
    render: render('', '0000:41:00.0', 'exit status 125'),
    examples: [
      ex('unexpected error checking if gpu device "0000:41:00.0" is free: exit status 125', {
        gpu: '0000:41:00.0',
        status: '125',
      }),
      ex('gpu device "0000:41:00.0" has open fds by process(es): "/dev/nvidia0: 2211m"', {
        busy: 'process',
      }),
      ex(
        'error waiting for GPU "0000:41:00.0" to be free: timed out waiting for gpu to be free: gpu device "0000:41:00.0" has open fds by process(es): "/dev/nvidia0: 2211"',
        { timedout: 'timed out waiting for gpu to be free' },
      ),
    ],
  },
  {
    id: 'kubernetes.dra-prepare-failed',
    source: 'kubernetes',
    cite: 'kubernetes/kubernetes pkg/kubelet/cm/dra/manager.go prepareResources() ("NodePrepareResources: %w" for an RPC error, "NodePrepareResources failed for ResourceClaim %s: %s" for a claim the plugin refused), shown in the pod\'s FailedPrepareDynamicResources event',
    format: 'NodePrepareResources: %w',
    versions:
      'newer kubelets: "NodePrepareResources failed: %w"; the pod event reads "Failed to prepare dynamic resources: prepare dynamic resources: NodePrepareResources: rpc error: code = ... desc = ..."',
    patterns: [
      /NodePrepareResources(?: failed)?: rpc error: code = (?<code>[A-Za-z]{3,24}) desc = (?<desc>[^\n]{0,200})/,
      /NodePrepareResources failed for ResourceClaim (?<claim>[\w.-]{1,253}): (?<reason>[^\n]{1,300})/,
    ],
    severity: 'error',
    title: "kubelet: the DRA driver did not prepare the pod's device claim",
    cause:
      "kubelet asked the DRA driver's kubelet plugin for this node to prepare the pod's ResourceClaims (NodePrepareResources over gRPC) and the call failed, so the pod does not start; the gRPC code and text after it say how",
    fix: "read the DRA plugin's own log on this node for the claim (`kubectl logs` of the driver's kubelet-plugin pod)",
    refine: refineDraPrepare,
    render: render(
      'Failed to prepare dynamic resources: prepare dynamic resources: ',
      'rpc error: code = DeadlineExceeded desc = context deadline exceeded',
    ),
    examples: [
      ex(
        'NodePrepareResources failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
        { code: 'DeadlineExceeded' },
        'https://github.com/kubernetes/kubernetes/issues/131925',
      ),
      ex(
        'Failed to prepare dynamic resources: prepare dynamic resources: NodePrepareResources: rpc error: code = Unavailable desc = connection error',
        { code: 'Unavailable' },
      ),
      ex(
        'prepare dynamic resources: NodePrepareResources failed for ResourceClaim vm-gpu-claim: error preparing devices for claim: GPU "0000:41:00.0" is bound to "nouveau" driver',
        { claim: 'vm-gpu-claim' },
      ),
    ],
  },
  // ---- CNIs that need a VF netdev ----
  {
    id: 'cni.vf-netdev-missing',
    source: 'kubernetes',
    cite: 'k8snetworkplumbingwg/sriovnet sriovnet.go GetNetDevicesFromPci() (sriov-cni pkg/utils getDeviceNameFromPci() prints the same with %q); kubeovn/kube-ovn pkg/daemon/ovs_linux.go ("failed to get vf netdevice %s, %v")',
    format: 'cannot get a network device with pci address %v %v',
    versions:
      'the siblings when the net/ directory exists but is empty: "failed to get network device name in %v %v" and "no network device found in %v"',
    patterns: [
      new RegExp(`cannot get a network device with pci address ${BDF}`),
      new RegExp(`failed to get vf netdevice ${BDF}`),
      /no network device found in \/sys\/bus\/pci\/devices\/(?<vf>[0-9a-fA-F:.]{7,16})\/net/,
    ],
    severity: 'error',
    title: 'The VF has no kernel network interface for the CNI to use',
    cause:
      "the CNI looked for the VF's kernel network interface (the net/ directory under /sys/bus/pci/devices/ADDR) and there is none: the VF is bound to vfio-pci (for a VM or a DPDK application) or to no driver, or its VF driver did not create the interface. CNIs that configure a VF through its netdev — Kube-OVN's SR-IOV / OVS offload, sriov-cni in kernel mode, OVN-Kubernetes' hardware offload — cannot use a VF bound to vfio-pci",
    fix: "check the VF's driver (`lspci -nnk -s ADDR`); for a netdev-based CNI bind the VF back to its VF driver (driverctl unset-override ADDR, or echo ADDR into the VF driver's bind file); for a VM or DPDK pod request the VF as a userspace device instead (the SR-IOV device plugin resource with deviceType vfio-pci, sriov-cni for a vfio-pci VF, KubeVirt's SR-IOV interface)",
    render: render(
      '',
      '0000:3b:02.1',
      'stat /sys/bus/pci/devices/0000:3b:02.1/net: no such file or directory',
    ),
    examples: [
      ex(
        'cannot get a network device with pci address 0000:3b:02.1 stat /sys/bus/pci/devices/0000:3b:02.1/net: no such file or directory',
        { bdf: '0000:3b:02.1' },
      ),
      ex(
        'E0301 10:00:00.000000 4242 ovs_linux.go:700] failed to get vf netdevice 0000:3b:02.1, something else',
        {
          bdf: '0000:3b:02.1',
        },
      ),
    ],
  },
  // ---- libvirt: aliases and transient domains ----
  {
    id: 'libvirt.alias-not-unique',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_validate.c virDomainDeviceDefValidateAliasesIterator() (older: src/conf/domain_conf.c); on hot-plug src/conf/domain_conf.c virDomainDeviceValidateAliasForHotplug() checks the live and, with VIR_DOMAIN_AFFECT_CONFIG, the persistent definition',
    format: 'non unique alias detected: %1$s',
    versions:
      'libvirt 4.x+ ("%s" before 9.x); prefixed with the error class: "XML error: " on hot-plug, "unsupported configuration: " when a definition is validated',
    patterns: [/non unique alias detected: (?<alias>[\w.:-]{1,120})/],
    severity: 'error',
    title: 'libvirt: a device alias is already used in the domain',
    cause:
      'libvirt requires every device alias in a domain definition to be unique, and the device being defined or attached carries an alias another device already has. On hot-plug it checks the live definition and — when the call also changes the persistent configuration (virsh attach-device --config or --persistent, VIR_DOMAIN_AFFECT_CONFIG) — the persistent one too: a device attached before with the config flag is still saved there under this alias even when it is gone from the running VM (after a migration, or a detach with --live only), so attaching it again with the config flag is refused. Aliases set by a user or a management layer start with "ua-" (KubeVirt names its host devices ua-<name>)',
    fix: 'attach to the running VM only (virsh attach-device --live, VIR_DOMAIN_AFFECT_LIVE), or remove the stale device from the persistent definition first (virsh detach-device --config, or edit it out of `virsh dumpxml --inactive`); in a hand-written XML give each device its own alias',
    render: render('error: XML error: ', 'ua-hostdev0'),
    examples: [
      ex('error: XML error: non unique alias detected: ua-hostdev0', { alias: 'ua-hostdev0' }),
      ex('error: unsupported configuration: non unique alias detected: hostdev1', { alias: 'hostdev1' }),
    ],
  },
  {
    id: 'libvirt.transient-no-persistent-config',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/conf/domain_conf.c virDomainObjUpdateModificationImpact()',
    format: 'transient domains do not have any persistent config',
    versions:
      'reported as VIR_ERR_OPERATION_INVALID: "Requested operation is not valid: transient domains do not have any persistent config"; the same function says "domain is not running" for a live change of an inactive domain',
    patterns: [/(?<transient>transient domains do not have any persistent config)/],
    severity: 'error',
    title: 'libvirt: a persistent-config change was asked of a transient domain',
    cause:
      "the call asked libvirt to change the domain's persistent definition (the CONFIG flag: virsh attach-device, detach-device or update-device with --config or --persistent, VIR_DOMAIN_AFFECT_CONFIG) but the domain is transient — started from XML without being defined (virsh create, virDomainCreateXML, as KubeVirt's virt-launcher and other managers start VMs) — so it has no persistent definition to change, and libvirt refuses the whole operation, the hot-plug or detach of a passed-through device included",
    fix: 'for a transient domain use live-only flags (virsh attach-device --live, VIR_DOMAIN_AFFECT_LIVE), or define the domain (virsh define) to make it persistent; when a management layer issues the call, its version does not match how it created the domain: update it',
    render: render('error: Requested operation is not valid: '),
    examples: [
      ex('error: Requested operation is not valid: transient domains do not have any persistent config', {
        transient: 'transient domains do not have any persistent config',
      }),
    ],
  },
  {
    id: 'libvirt.vfio-variant-modules-alias-unreadable',
    source: 'libvirt',
    cite: 'libvirt/libvirt src/util/virpci.c virPCIDeviceFindBestVFIOVariant() (g_strdup_printf("/lib/modules/%s/modules.alias", uname release), read with virFileReadAll()); the message: src/util/virfile.c virFileReadAll()',
    format: "Failed to open file '%1$s'",
    versions:
      'libvirt 10.0+ (the VFIO variant lookup); printed as "error: Failed to open file \'/lib/modules/RELEASE/modules.alias\': STRERROR"; NixOS patches the path with LINUX_MODULE_DIRECTORY',
    patterns: [/Failed to open file '(?<path>[^'\n]{0,200}\/modules\.alias)'(?:: (?<err>[^\n]{1,80}))?/],
    severity: 'error',
    title: "libvirt: the running kernel's modules.alias could not be read for the VFIO variant lookup",
    cause:
      "since libvirt 10.0, before binding a managed <hostdev> (and on virsh nodedev-detach) libvirt looks for a vendor VFIO variant driver for the device in the running kernel's module aliases, reading /lib/modules/$(uname -r)/modules.alias; the file could not be read, so the device is not prepared and the VM does not start. The running kernel's modules are not at that path: the kernel was upgraded and the running one's module directory removed (a reboot is pending), the distribution keeps modules elsewhere (NixOS: /run/booted-system/kernel-modules/lib/modules, which its libvirt package must be patched to look up), or libvirtd runs in a container or chroot without the host's /lib/modules",
    fix: "reboot into the installed kernel (or reinstall the running kernel's modules package and run depmod); on NixOS update to a nixpkgs whose libvirt looks the path up in the booted system (LINUX_MODULE_DIRECTORY); in a container mount the host's /lib/modules read-only; as a stop-gap, bind the device to vfio-pci yourself and use managed='no'",
    refine: (f) =>
      f.errno === 'EACCES' || f.errno === 'EPERM'
        ? {
            cause: `libvirt (10.0+) reads ${f.path} to look up a VFIO variant driver for a managed <hostdev>, and was refused (${f.errno}): a security profile confining libvirtd or virtqemud (AppArmor, SELinux) does not allow reading the kernel's module directory`,
            fix: 'allow the daemon to read /lib/modules/** (a local AppArmor rule, or the SELinux boolean / policy update for your distribution), or check the audit log for the denial',
          }
        : undefined,
    render: render('error: ', '/lib/modules/6.8.0-45-generic/modules.alias'),
    examples: [
      ex(
        "error: Failed to open file '/lib/modules/6.8.0-45-generic/modules.alias': No such file or directory",
        {
          path: '/lib/modules/6.8.0-45-generic/modules.alias',
          errno: 'ENOENT',
        },
      ),
    ],
  },
  // ---- QEMU's vfio-user client ----
  {
    id: 'qemu.vfio-user-get-info-failed',
    source: 'qemu',
    cite: 'qemu/qemu hw/vfio-user/device.c vfio_user_get_device_info() (QEMU 10.1+; before it was merged, the vfio-user patch series printed "get info failure" from hw/vfio/user.c vfio_user_get_device()), on the server\'s reply to VFIO_USER_DEVICE_GET_INFO; the server side: nutanix/libvfio-user lib/libvfio-user.c handle_device_get_info()',
    format: 'VFIO_USER_DEVICE_GET_INFO failed',
    versions:
      'QEMU 10.1+: "VFIO_USER_DEVICE_GET_INFO failed: STRERROR" (and "invalid reply" when the reply claims too many regions or IRQs); the out-of-tree vfio-user branches: "vfio VFIO user <PATH>: get info failure: STRERROR"',
    patterns: [
      /VFIO_USER_DEVICE_GET_INFO failed(?:: (?<err>[^\n]{1,80}))?/,
      /(?:vfio-user|VFIO user|vfio_user)[^\n]{0,200}?get info failure(?:: (?<err>[^\n]{1,80}))?/,
    ],
    severity: 'error',
    title: 'QEMU vfio-user: the server refused the device-info request',
    cause:
      "QEMU's vfio-user client connected to the server process and asked it for the device's basic information (VFIO_USER_DEVICE_GET_INFO), and the request failed, so QEMU does not create the device; the errno after the colon is the server's answer",
    fix: "read the vfio-user server's log for the same moment; check QEMU and the server were built from matching vfio-user protocol versions",
    refine: refineVfioUserInfo,
    render: render(
      'qemu-system-x86_64: -device vfio-user-pci,socket=/run/vfu.sock: vfio VFIO user </run/vfu.sock>: ',
    ),
    examples: [
      ex(
        'qemu-system-x86_64: -device vfio-user-pci,socket=/run/vfu.sock: vfio VFIO user </run/vfu.sock>: get info failure: Invalid argument',
        { errno: 'EINVAL' },
      ),
    ],
  },
  // ---- unvme's VFIO set-up ----
  {
    id: 'unvme.vfio-create-failed',
    source: 'userspace tool',
    cite: `${UNVME} (FATAL(): "ERROR: %s " with the function name, then abort)`,
    format: 'ioctl VFIO_SET_IOMMU',
    versions:
      'every step of vfio_create() prints its own text after "ERROR: vfio_create ": "No iommu_group associated with device %s", "open /dev/vfio/vfio", "ioctl VFIO_GET_API_VERSION", "ioctl VFIO_CHECK_EXTENSION", "open %s failed", "ioctl VFIO_GROUP_GET_STATUS", "group not viable %#x", "ioctl VFIO_GROUP_SET_CONTAINER", "ioctl VFIO_SET_IOMMU", "ioctl VFIO_IOMMU_GET_INFO", "ioctl VFIO_GROUP_GET_DEVICE_FD", "ioctl VFIO_DEVICE_GET_INFO", "device in bad state"',
    patterns: [
      /vfio_create (?<step>No iommu_group associated with device [0-9a-fA-F:.]{7,16}|open \/dev\/vfio\/vfio|open \/dev\/vfio\/[\w-]{1,20} failed|group not viable(?: 0x[0-9a-fA-F]{1,8})?|ioctl VFIO_[A-Z_]{3,30}|device in bad state)/,
    ],
    severity: 'error',
    title: 'unvme: a VFIO set-up step failed',
    cause:
      "unvme's vfio_create() sets the NVMe device up through VFIO step by step (the iommu_group link, the container, the group, the type1 IOMMU, the device) and aborts at the first step that fails, naming it but printing no errno; the step says what is wrong",
    fix: 'see the cause for the step; `vfiokit doctor` and `vfiokit groups` check the IOMMU and the binding',
    refine: (f) => {
      const step = UNVME_STEPS.find((s) => s.test.test(f.step ?? ''));
      return step ? { cause: step.cause, fix: step.fix } : undefined;
    },
    render: render('ERROR: vfio_create '),
    examples: [
      ex('ERROR: vfio_create ioctl VFIO_GROUP_SET_CONTAINER', { step: 'ioctl VFIO_GROUP_SET_CONTAINER' }),
      ex('ERROR: vfio_create No iommu_group associated with device 0000:5e:00.0', {
        step: 'No iommu_group associated with device 0000:5e:00.0',
      }),
      ex('ERROR: vfio_create group not viable 0x0', { step: 'group not viable 0x0' }),
    ],
  },
];

/** The other wordings these entries recognise (coverage.ts spreads them into its ALSO list). */
export const EDGE_CAUSES_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'tool.mobilepassthrough-gpu-group',
    file: MPT,
    format:
      "[Warning] GPU with ID '%s' could be passed through to a virtual machine, but only together with the following devices: ",
    text: "[Warning] GPU with ID '02:00.0' could be passed through to a virtual machine, but only together with the following devices: ",
  },
  {
    id: 'tool.mobilepassthrough-gpu-group',
    file: MPT,
    format:
      '[Error] Failed to find the IOMMU group of the GPU with the ID %s! Have you enabled iommu in the UEFI and kernel?',
    text: '[Error] Failed to find the IOMMU group of the GPU with the ID 01:00.0! Have you enabled iommu in the UEFI and kernel?',
  },
  {
    id: 'tool.mobilepassthrough-gpu-group',
    file: MPT,
    format: "[Success] GPU with ID '%s' could be passed through to a virtual machine!",
    text: "[Success] GPU with ID '01:00.0' could be passed through to a virtual machine!",
  },
  {
    id: 'kernel.gim-sriov-enable-failed',
    file: 'GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization drv/gim_adapter.c',
    format: 'Failed to properly enable SRIOV\n',
    text: 'gim error:(set_new_adapter:640) Failed to properly enable SRIOV',
  },
  {
    id: 'kernel.i915-guc-request-failed',
    file: 'torvalds/linux drivers/gpu/drm/xe/xe_guc.c',
    format: 'GuC mmio request %#x: failure %#x hint %#x\n',
    text: 'xe 0000:03:00.1: [drm] *ERROR* GT0: GuC mmio request 0x4100: failure 0x201 hint 0x0',
  },
  {
    id: 'kernel.i915-guc-request-failed',
    file: 'torvalds/linux drivers/gpu/drm/i915/gt/intel_gt.c',
    format: 'Failed to retrieve hwconfig table: %pe\n',
    text: 'i915 0000:00:02.0: [drm] *ERROR* GT0: Failed to retrieve hwconfig table: -ENOENT',
  },
  {
    id: 'kernel.amdgpu-psp-runtime-db-missing',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_psp.c',
    format: 'Invalid PSP runtime database entry count\n',
    text: 'amdgpu 0000:0b:00.0: amdgpu: Invalid PSP runtime database entry count',
  },
  {
    id: 'kernel.amdkfd-virtual-crat',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_crat.c',
    format: 'Ignoring ACPI CRAT on non-APU system\n',
    text: 'amdgpu: Ignoring ACPI CRAT on non-APU system',
  },
  {
    id: 'kernel.amdkfd-virtual-crat',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_crat.c',
    format: 'CRAT table disabled by module option\n',
    text: 'amdgpu: CRAT table disabled by module option',
  },
  {
    id: 'kernel.amdkfd-virtual-crat',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdkfd/kfd_topology.c',
    format: 'Virtual CRAT table created for CPU\n',
    text: 'amdgpu: Virtual CRAT table created for CPU',
  },
  {
    id: 'kernel.loongson-iommu-no-ivrs',
    file: 'loongson-community/linux-loongnix drivers/iommu/loongarch_iommu.c',
    format: 'Failed to init iommu by ivrs\n',
    text: 'Failed to init iommu by ivrs',
  },
  {
    id: 'kernel.oops',
    file: 'torvalds/linux arch/x86/mm/fault.c',
    format: 'BUG: unable to handle page fault for address: %px\n',
    text: 'BUG: unable to handle page fault for address: ffffb8a1c2d3e000',
  },
  {
    id: 'kernel.oops',
    file: 'torvalds/linux arch/x86/mm/fault.c',
    format: 'BUG: unable to handle kernel %s at %px\n',
    text: 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010',
  },
  {
    id: 'kernel.oops',
    file: 'torvalds/linux arch/arm64/mm/fault.c',
    format: 'Unable to handle kernel %s at virtual address %016lx\n',
    text: 'Unable to handle kernel paging request at virtual address ffff800012345678',
  },
  {
    id: 'nvidia-vgpu.device-manager-no-parent',
    file: 'NVIDIA/go-nvlib pkg/nvlib (nvmdev / nvvfio CreateVGPUDevices())',
    format: "no parent devices found for GPU at address '%s'",
    text: "no parent devices found for GPU at address '0000:41:00.0'",
  },
  {
    id: 'kubernetes.dra-gpu-free-check-failed',
    file: 'kubernetes-sigs/dra-driver-nvidia-gpu cmd/gpu-kubelet-plugin/vfio-device.go',
    format: 'gpu device %q has open fds by process(es): %q',
    text: 'gpu device "0000:41:00.0" has open fds by process(es): "/dev/nvidia0: 3100"',
  },
  {
    id: 'kubernetes.dra-gpu-free-check-failed',
    file: 'kubernetes-sigs/dra-driver-nvidia-gpu cmd/gpu-kubelet-plugin/vfio-device.go',
    format: 'timed out waiting for gpu to be free: %w',
    text: 'timed out waiting for gpu to be free: gpu device "0000:41:00.0" has open fds by process(es): "/dev/nvidia0: 3100"',
  },
  {
    id: 'kubernetes.dra-prepare-failed',
    file: 'kubernetes/kubernetes pkg/kubelet/cm/dra/manager.go',
    format: 'NodePrepareResources failed for ResourceClaim %s: %s',
    text: 'NodePrepareResources failed for ResourceClaim gpu-claim: IOMMU is not enabled in the kernel',
  },
  {
    id: 'cni.vf-netdev-missing',
    file: 'kubeovn/kube-ovn pkg/daemon/ovs_linux.go',
    format: 'failed to get vf netdevice %s, %v',
    text: 'failed to get vf netdevice 0000:3b:02.1, cannot get a network device with pci address 0000:3b:02.1',
  },
  {
    id: 'qemu.vfio-user-get-info-failed',
    file: 'the vfio-user patch series for QEMU hw/vfio/user.c',
    format: 'get info failure',
    text: 'qemu-system-x86_64: -device vfio-user-pci,socket=/run/vfu.sock: vfio VFIO user </run/vfu.sock>: get info failure: Invalid argument',
  },
  {
    id: 'unvme.vfio-create-failed',
    file: 'MicronSSD/unvme src/unvme_vfio.c',
    format: 'No iommu_group associated with device %s',
    text: 'ERROR: vfio_create No iommu_group associated with device 0000:5e:00.0',
  },
  {
    id: 'unvme.vfio-create-failed',
    file: 'MicronSSD/unvme src/unvme_vfio.c',
    format: 'group not viable %#x',
    text: 'ERROR: vfio_create group not viable 0x0',
  },
];
