/**
 * The fifth harvest, part c: messages users posted about the vendor and distribution stacks around
 * passthrough that the catalogue did not recognise. The NVIDIA vGPU manager refusing the guest
 * driver's messages after a failed version handshake, and AMD's MxGPU host driver (GIM) timing out
 * on a world-switch command. Each example is the message as
 * posted, with the thread it came from.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const VGPU_MGR = 'nvidia-vgpu-mgr[2847]: ';
const GIM = 'GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization';

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
];
