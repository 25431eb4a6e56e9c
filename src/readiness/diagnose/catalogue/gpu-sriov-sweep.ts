/**
 * Splitting one GPU between VMs: the lines the physical-function (PF) drivers print when they
 * create, provision and give out virtual functions (VFs), and the first lines a VF driver prints
 * when its handshake with the PF fails. Intel iGPU SR-IOV through the out-of-tree i915 backport
 * (strongtz/i915-sriov-dkms: enable/disable, readiness, provisioning, FLR, the enable_guc option)
 * and upstream xe (SR-IOV unavailable on a platform, provisioning, the VF's GuC handshake); AMD
 * MxGPU (amdgpu's VF side in amdgpu_virt.c, the open GIM PF driver); NVIDIA vGPU on SR-IOV GPUs
 * (the sriov-manage script that creates the VFs, pci-pf-stub holding the PF meanwhile, the vGPU
 * manager refusing a board). The lines already in the catalogue (xe's "PF: Enabled/Failed to
 * enable", "Running in SR-IOV PF mode", the IOV version handshake, GIM's "Fail to enable sriov",
 * the MxGPU mailbox, drivers/pci/iov.c's own lines) are not repeated. Examples are built from the
 * format strings of the cited sources unless an origin is given. GPU_SRIOV_ALSO lists the
 * sibling wordings these entries also recognise.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { ex, render } from './build.js';

const DKMS = 'strongtz/i915-sriov-dkms';
const DKMS_SRIOV = `${DKMS} drivers/gpu/drm/i915/i915_sriov.c`;
const DKMS_PROV = `${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_provisioning.c`;
const XE = 'torvalds/linux drivers/gpu/drm/xe';
const AMD_VIRT = 'torvalds/linux drivers/gpu/drm/amd/amdgpu/amdgpu_virt.c';
const GIM = 'GPUOpen-LibrariesAndSDKs/MxGPU-Virtualization';
const SRIOV_MANAGE =
  'NVIDIA vGPU (KVM) host driver, the shell script /usr/lib/nvidia/sriov-manage (shipped in the driver package, not in a public repository; wording from a public copy of the script)';
const VGPU_MGR =
  'NVIDIA nvidia-vgpu-mgr (closed source; wording from public logs and the NVIDIA vGPU user guide)';

/** An errno printed by %pe ("-ENOMEM") or as a number. */
const ERR = '(?<err>-E[A-Z0-9]{2,15}|-?\\d{1,4})';
/** The i915 prefix dev_printk adds ("i915 0000:00:02.0: "). */
const I915_DEV = 'i915 (?<bdf>[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]): ';

/**
 * The errno name of a %pe error: the engine's `errno` fact where its table knows the name, else the
 * printed name itself (-EDQUOT, -ENOPKG and the other GPU-driver errnos the table lacks).
 */
function errName(f: Readonly<Record<string, string>>): string | undefined {
  return f.errno ?? (f.err?.startsWith('-E') ? f.err.slice(1) : undefined);
}

function refineEnableVfs(f: Readonly<Record<string, string>>): Refinement | undefined {
  switch (errName(f)) {
    case 'ENOMEM':
      return {
        cause:
          'pci_enable_sriov() found no address space for the VF BARs: the kernel line just before it says "not enough MMIO resources for SR-IOV". The firmware reserved no room behind the iGPU for its VFs (SR-IOV off in the firmware setup, or the BIOS sized the windows for the PF alone), so no VF could be created',
        fix: 'enable SR-IOV (and Above 4G decoding / Resizable BAR support where offered) in the firmware setup; otherwise boot with pci=realloc (or pci=realloc,assign-busses) so the kernel reassigns the windows, then write sriov_numvfs again',
      };
    case 'EBUSY':
      return {
        cause:
          'the PF had not finished its initialisation (the SR-IOV status is still "in progress"), or VFs are enabled already; VFs can be created only once the PF is ready and only from 0',
        fix: 'wait until the driver has loaded fully (the "%d VFs could be associated with this PF" line), write 0 to sriov_numvfs first if VFs exist, then the number you want',
      };
    case 'EDQUOT':
    case 'ENOSPC':
    case 'E2BIG':
      return {
        cause:
          'auto-provisioning could not give every VF its share: the PF has not enough GGTT address space, GuC context IDs or doorbells left for that many VFs (the "IOV: Failed to provision VF…" line before it names which)',
        fix: 'ask for fewer VFs (e.g. 2 or 3 instead of 7); a smaller PF framebuffer or fewer displays on the host leaves more GGTT for the VFs',
      };
    case 'EIO':
    case 'ENODEV':
      return {
        cause:
          'the PF initialisation had failed earlier ("PF aborted" / "IOV: Initialization failed" / a GuC load error in the log before), so the driver refuses to create VFs',
        fix: 'read the i915 lines from boot: the GuC firmware must load with submission enabled (i915.enable_guc=3) and the VF support must be ready; fix that, reboot, then enable the VFs',
      };
    default:
      return undefined;
  }
}

function refineProvision(f: Readonly<Record<string, string>>): Refinement | undefined {
  const e = errName(f);
  if (e === 'EDQUOT' || e === 'ENOSPC' || e === 'E2BIG')
    return {
      cause: `the PF has not enough of this resource (${f.what ?? 'GGTT / contexts / doorbells'}) left for the VF: more VFs than the iGPU can share, or a manual provisioning asked for more than is free (-${e})`,
    };
  return undefined;
}

export const GPU_SRIOV_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- Intel i915 SR-IOV backport (strongtz/i915-sriov-dkms): the PF ----
  {
    id: 'kernel.i915-sriov-enable-vfs-failed',
    source: 'kernel',
    cite: `${DKMS_SRIOV} i915_sriov_pf_enable_vfs() (the i915 PF code Intel keeps out of tree; xe's wording is kernel.xe-sriov-enable-failed)`,
    format: 'Failed to enable %u VFs (%pe)\n',
    versions:
      'printed with drm_err ("[drm] *ERROR* "); the write to sriov_numvfs fails with the same errno ("echo: write error: Cannot allocate memory" for -ENOMEM)',
    patterns: [new RegExp(`\\*ERROR\\* Failed to enable (?<count>\\d{1,3}) VFs? \\(${ERR}\\)`)],
    severity: 'error',
    title: 'i915 (SR-IOV backport): the VFs of the iGPU could not be created',
    cause:
      'writing sriov_numvfs asked the i915 PF driver for VFs and it gave up: it checks that the PF initialised, provisions each VF (GGTT, GuC contexts, doorbells), tells the GuC, then calls pci_enable_sriov(); one step failed with this errno and nothing was enabled',
    fix: 'read the lines just before it (an "IOV:" provisioning line, "not enough MMIO resources for SR-IOV", a GuC error); then write sriov_numvfs again',
    refine: refineEnableVfs,
    render: render('i915 0000:00:02.0: [drm] *ERROR* ', 7, '-ENOMEM'),
    examples: [
      ex('i915 0000:00:02.0: [drm] *ERROR* Failed to enable 3 VFs (-ENOMEM)', { count: '3', err: '-ENOMEM' }),
      ex('i915 0000:00:02.0: [drm] *ERROR* Failed to enable 7 VFs (-EIO)', { count: '7' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-vfs-changed',
    source: 'kernel',
    cite: `${DKMS_SRIOV} i915_sriov_pf_enable_vfs() / i915_sriov_pf_disable_vfs()`,
    format: 'Enabled %u VFs\n',
    versions: 'i915_sriov_pf_disable_vfs() prints "Disabled %u VFs"; xe prints "PF: Enabled %u of %u VFs"',
    patterns: [new RegExp(`${I915_DEV}(?<action>Enabled|Disabled) (?<count>\\d{1,3}) VFs$`)],
    severity: 'info',
    title: 'i915 (SR-IOV backport): VFs created or removed',
    cause:
      'the i915 PF created the virtual functions asked for through sriov_numvfs (or removed them all). Each VF appears as its own PCI function (00:02.1, 00:02.2, ...) with its own IOMMU group, ready to bind to vfio-pci and give to a VM',
    fix: 'nothing to fix; `lspci -nnk -s 00:02` lists the VFs. Bind the ones for VMs to vfio-pci and keep 00:02.0 (the PF) on the host. To enable them at every boot use a udev rule or sysfsutils (devices/pci0000:00/0000:00:02.0/sriov_numvfs = 7)',
    refine: (f) =>
      f.action === 'Disabled'
        ? {
            cause:
              'the i915 PF removed its virtual functions (0 written to sriov_numvfs, or the driver unloading); VMs using one of them lose that GPU',
          }
        : undefined,
    render: render('i915 0000:00:02.0: ', 7),
    examples: [
      ex('i915 0000:00:02.0: Enabled 7 VFs', { count: '7', action: 'Enabled' }),
      ex(
        'i915 0000:00:02.0: Disabled 7 VFs',
        { action: 'Disabled' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/398',
      ),
    ],
  },
  {
    id: 'kernel.i915-sriov-no-vfs',
    source: 'kernel',
    cite: `${DKMS_SRIOV} i915_sriov_pf_confirm()`,
    format: 'No VFs could be associated with this PF!\n',
    versions:
      'on success it prints "%d VFs could be associated with this PF" instead; the failure also sets sriov_totalvfs to 0',
    patterns: [
      /(?<none>No VFs could be associated with this PF)/,
      /(?<count>\d{1,3}) VFs could be associated with this PF/,
    ],
    severity: 'error',
    title: 'i915 (SR-IOV backport): the PF will offer no VFs',
    cause:
      'at the end of its initialisation the i915 PF found that an earlier step had failed ("PF aborted" / "IOV: Initialization failed", usually the GuC: firmware missing, too old, or submission off) or that the GPU is wedged, so it set the number of VFs the device offers to 0: sriov_totalvfs reads 0 and writing sriov_numvfs fails',
    fix: 'look earlier in the i915 log for the failure (GuC firmware load, "PF aborted"); the PF needs i915.enable_guc=3 and the GuC firmware from linux-firmware for the platform (e.g. i915/tgl_guc_70.bin or adlp_guc_70.bin) in the initramfs; fix it and reboot',
    refine: (f) =>
      f.count !== undefined
        ? {
            severity: 'info',
            title: 'i915 (SR-IOV backport): the PF is ready to create VFs',
            cause: `the i915 PF finished its initialisation and offers ${f.count} VFs (the i915.max_vfs limit or the hardware's TotalVFs, whichever is lower); they are created by writing a number to sriov_numvfs`,
            fix: 'echo N > /sys/bus/pci/devices/0000:00:02.0/sriov_numvfs (N up to the number printed)',
          }
        : undefined,
    render: render('i915 0000:00:02.0: '),
    examples: [
      ex('i915 0000:00:02.0: No VFs could be associated with this PF!'),
      ex('i915 0000:00:02.0: 7 VFs could be associated with this PF', { count: '7' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-pf-aborted',
    source: 'kernel',
    cite: `${DKMS_SRIOV} i915_sriov_pf_abort(); ${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_utils.h pf_update_status()`,
    format: 'PF aborted (%pe) %pS\n',
    versions:
      'some releases print it through pf_update_status() as "IOV: Initialization failed (%pe) %s" with the reason ("GT wedged", "provisioning", ...)',
    patterns: [
      new RegExp(`PF aborted \\(${ERR}\\)`),
      new RegExp(`IOV: Initialization failed \\(${ERR}\\) (?<reason>[^\\n]{1,60})`),
    ],
    severity: 'error',
    title: 'i915 (SR-IOV backport): the PF initialisation failed, VFs are disabled',
    cause:
      'a step of the SR-IOV PF initialisation failed with this errno (the function after it names the step: GuC setup, provisioning, relay, GGTT), so the PF aborts its VF support: it keeps driving the iGPU for the host but will offer no VFs ("No VFs could be associated with this PF!")',
    fix: 'check that the GuC firmware loads with submission enabled (i915.enable_guc=3; "GuC submission enabled" in the log) and that the i915-sriov-dkms release matches your kernel; update both and reboot',
    render: render('i915 0000:00:02.0: [drm] ', '-EIO', 'intel_iov_init_hw+0x3c/0x80 [i915]'),
    examples: [
      ex('i915 0000:00:02.0: [drm] PF aborted (-EIO) intel_iov_init_hw+0x3c/0x80 [i915]', { err: '-EIO' }),
      ex('i915 0000:00:02.0: [drm] *ERROR* IOV: Initialization failed (-ENOMEM) provisioning', {
        reason: 'provisioning',
      }),
    ],
  },
  {
    id: 'kernel.i915-sriov-vfs-still-assigned',
    source: 'kernel',
    cite: `${DKMS_SRIOV} i915_sriov_pf_disable_vfs()`,
    format: "Can't disable %u VFs, %u are still assigned\n",
    patterns: [/Can't disable (?<count>\d{1,3}) VFs, (?<assigned>\d{1,3}) are still assigned/],
    severity: 'warning',
    title: 'i915 (SR-IOV backport): VFs cannot be removed while VMs use them',
    cause:
      'writing 0 to sriov_numvfs (or unloading i915) asked the PF to remove its VFs, but the PCI core reports some VFs as assigned to a guest (pci_vfs_assigned(): a VF is in use by vfio-pci in a running VM), so the PF refused with EPERM and the VFs stay',
    fix: 'shut down the VMs using the VFs (or detach them), then write 0 to sriov_numvfs again',
    render: render('i915 0000:00:02.0: ', 7, 2),
    examples: [ex("i915 0000:00:02.0: Can't disable 7 VFs, 2 are still assigned", { assigned: '2' })],
  },
  {
    id: 'kernel.i915-sriov-pf-not-ready',
    source: 'kernel',
    cite: `${DKMS_SRIOV} pf_verify_readiness() / pf_continue_as_native(); ${XE}/xe_sriov_pf.c xe_sriov_pf_readiness()`,
    format: 'PF: %s, continuing as native\n',
    versions:
      'debug-level in most builds (drm_dbg / xe_sriov_dbg); some i915-sriov-dkms releases print the bare reasons with dev_info: "all VFs disabled", "GuC virtualization disabled", "GuC submission disabled", "VFs BAR not ready"; on a VF, i915 prints "GuC submission disabled" with drm_err and stops',
    patterns: [
      /PF: (?<reason>all VFs disabled|Gu[Cc] virtualization disabled|Gu[Cc] submission disabled|VFs BAR not ready), continuing as native/,
      new RegExp(
        `${I915_DEV}(?:\\[drm\\] \\*ERROR\\* )?(?<reason>all VFs disabled|GuC virtualization disabled|GuC submission disabled|VFs BAR not ready)$`,
      ),
    ],
    severity: 'warning',
    title: 'Intel GPU: the PF runs without SR-IOV (continuing as native)',
    cause:
      'the driver checked the SR-IOV prerequisites at probe and one is missing, so it drives the GPU as a plain (native) device and sets the number of VFs to 0: no VFs can be created',
    fix: 'give the prerequisite the reason names, then reload the driver or reboot',
    refine: (f) => {
      const r = (f.reason ?? '').toLowerCase();
      if (r === 'all vfs disabled')
        return {
          cause:
            'the max_vfs module option is 0 — set so, or left at its default, which is 0 in several i915-sriov-dkms and xe releases — so the driver offers no VFs',
          fix: 'set the number of VFs the PF may offer: i915.max_vfs=7 (i915-sriov-dkms) or xe.max_vfs=7 (xe) on the kernel command line or in /etc/modprobe.d, rebuild the initramfs, reboot',
        };
      if (r === 'guc virtualization disabled')
        return {
          cause:
            'i915.enable_guc lacks the virtualization bit (4, as in enable_guc=7) that early i915-sriov-dkms releases required for PF mode, so the PF does not enable SR-IOV; later releases ask for i915.max_vfs instead',
          fix: 'use the enable_guc value the release documents (i915.enable_guc=3 for current i915-sriov-dkms; older ones wanted 7), rebuild the initramfs and reboot',
        };
      if (r === 'guc submission disabled')
        return {
          cause:
            'GuC submission is off (i915.enable_guc without bit 1, or a platform where i915 does not use GuC submission by default): SR-IOV needs the GuC to schedule the VFs, so the PF continues as native — and a VF driver without GuC submission cannot run at all',
          fix: 'boot with i915.enable_guc=3 (host and guest, i915-sriov-dkms) and make sure the GuC firmware loads ("GuC submission enabled"); xe always uses the GuC, so there it means the firmware did not load',
        };
      if (r === 'vfs bar not ready')
        return {
          cause:
            'the VF BARs of the iGPU have no address space assigned (the firmware reserved none), so VFs could not be reached even if created',
          fix: 'enable SR-IOV in the firmware setup, or boot with pci=realloc so the kernel assigns the VF BARs, then reboot',
        };
      return undefined;
    },
    render: render('xe 0000:00:02.0: [drm] ', 'all VFs disabled'),
    examples: [
      ex('xe 0000:03:00.0: [drm:xe_sriov_pf_readiness [xe]] PF: all VFs disabled, continuing as native', {
        reason: 'all VFs disabled',
      }),
      ex('i915 0000:00:02.0: GuC virtualization disabled', { reason: 'GuC virtualization disabled' }),
      ex('i915 0000:00:02.1: [drm] *ERROR* GuC submission disabled', { reason: 'GuC submission disabled' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-enable-guc-pf',
    source: 'kernel',
    cite: `${DKMS_SRIOV} wants_pf()`,
    format: "Don't enable PF with 'enable_guc=%d' - try 'max_vfs=%u' instead\n",
    patterns: [/Don't enable PF with 'enable_guc=(?<value>\d{1,3})' - try 'max_vfs=(?<max>\d{1,3})' instead/],
    severity: 'info',
    title: 'i915 (SR-IOV backport): PF mode asked for the old way (enable_guc bit 4)',
    cause:
      'enable_guc has bit 4 set (enable_guc=7 from older guides), which early releases used to switch the PF on; this release still accepts it but treats it as "as many VFs as the device supports" and says max_vfs is the option to use. SR-IOV works either way',
    fix: 'use i915.enable_guc=3 i915.max_vfs=N (N up to the number printed) on the kernel command line or in /etc/modprobe.d, then rebuild the initramfs',
    render: render('i915 0000:00:02.0: [drm] ', 7, 7),
    examples: [
      ex("i915 0000:00:02.0: [drm] Don't enable PF with 'enable_guc=7' - try 'max_vfs=7' instead", {
        value: '7',
        max: '7',
      }),
    ],
  },
  {
    id: 'kernel.i915-sriov-vf-flr-timeout',
    source: 'kernel',
    cite: `${DKMS_SRIOV} pf_wait_vfs_flr()`,
    format: "VF%u FLR didn't complete within %u ms\n",
    versions:
      'printed through IOV_ERROR ("IOV: " prefix, notice or error level by build); the wait halves for each later VF',
    patterns: [/VF(?<vf>\d{1,3}) FLR didn't complete within (?<ms>\d{1,5}) ms/],
    severity: 'warning',
    title: 'i915 (SR-IOV backport): a VF reset did not finish while the VFs were disabled',
    cause:
      'disabling the VFs starts a function-level reset of each through the GuC and waits for it; this VF reported no completion in time (a VM still using it, or the GuC busy or hung), so its state may not be clean when VFs are enabled again',
    fix: 'shut the VMs down before disabling the VFs; if VFs misbehave after re-enabling them, reload i915 or reboot the host',
    render: render('i915 0000:00:02.0: [drm] IOV: ', 1, 500),
    examples: [
      ex("i915 0000:00:02.0: [drm] IOV: VF3 FLR didn't complete within 250 ms", { vf: '3', ms: '250' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-provision-failed',
    source: 'kernel',
    cite: `${DKMS_PROV} intel_iov_provisioning_set_ggtt() (and the set_ctxs / set_dbs / set_exec_quantum siblings)`,
    format: 'Failed to provision VF%u with %llu of GGTT (%pe)\n',
    versions:
      'siblings: "Failed to provision VF%u with %u contexts (%pe)", "... %u doorbells (%pe)", "... %u%s execution quantum (%pe)", "... %u%s preemption timeout (%pe)"; printed with the "IOV: " prefix',
    patterns: [
      new RegExp(`IOV: Failed to provision VF(?<vf>\\d{1,3}) with (?<what>[^()\\n]{1,60}) \\(${ERR}\\)`),
    ],
    severity: 'error',
    title: 'i915 (SR-IOV backport): a VF could not be given its share of the GPU',
    cause:
      'the PF reserves for every VF a slice of the GGTT address space, GuC context IDs and doorbells and sends it to the GuC; this one failed, so the VF cannot be enabled (enabling VFs then fails with the same errno)',
    fix: 'enable fewer VFs, or lower a manual provisioning (the per-VF quotas the backport exposes in sysfs) to what is free; an errno other than -EDQUOT/-ENOSPC means the GuC refused it: check the GuC firmware version the release expects',
    refine: refineProvision,
    render: render('i915 0000:00:02.0: [drm] IOV: ', 1, 4294967296, '-EDQUOT'),
    examples: [
      ex('i915 0000:00:02.0: [drm] IOV: Failed to provision VF4 with 536870912 of GGTT (-EDQUOT)', {
        vf: '4',
        what: '536870912 of GGTT',
      }),
    ],
  },
  {
    id: 'kernel.i915-mmio-bar-malfunction',
    source: 'kernel',
    cite: `${DKMS_SRIOV} gen12_pci_capability_is_vf() (i915 upstream: drivers/gpu/drm/i915/i915_sriov.c)`,
    format: 'MMIO BAR malfunction, %#x returned %#x\n',
    versions: 'a WARN: a call trace follows',
    patterns: [/MMIO BAR malfunction, (?<reg>0x[0-9a-fA-F]{1,8}) returned (?<value>0x[0-9a-fA-F]{1,8})/],
    severity: 'error',
    title: 'i915: the GPU register BAR reads back garbage while probing SR-IOV',
    cause:
      'to tell a PF from a VF the driver reads the VF capability register, which has one valid bit; it read other bits set (0xffffffff: every read returns all ones), so register access to the GPU is broken — the device is powered down or reset-stuck, its BAR is not mapped where the driver thinks (a VF handed to a VM whose BAR was not assigned), or the hardware fails. The driver treats it as not a VF and continues',
    fix: 'check dmesg for BAR assignment and reset errors of this function; in a VM, check the VF was assigned completely (all BARs mapped, the host PF still on i915 with VFs enabled); on the host, a cold boot',
    render: render('i915 0000:00:02.0: ', 0x190010, 0xffffffff),
    examples: [
      ex('i915 0000:06:10.0: MMIO BAR malfunction, 0x190010 returned 0xffffffff', { value: '0xffffffff' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-dkms-loaded',
    source: 'kernel',
    cite: `${DKMS} drivers/gpu/drm/i915/i915_module.c _i915_sriov_dkms_print_description() (called first in i915_init())`,
    format:
      'You are using the i915-sriov-dkms module, a ported version of the i915 module with SR-IOV support.',
    versions:
      'newer releases: "... a ported version of the i915/xe module with SR-IOV support."; followed by "Please file any bug report at ..." and "Module Homepage: ..."',
    patterns: [
      /You are using the i915-sriov-dkms module/,
      /Please file any bug report at https:\/\/github\.com\/strongtz\/i915-sriov-dkms/,
      /Module Homepage: https:\/\/github\.com\/strongtz\/i915-sriov-dkms/,
    ],
    severity: 'info',
    title: 'The i915 SR-IOV backport is the loaded i915 module',
    cause:
      "the i915 (or xe) module loaded is the out-of-tree i915-sriov-dkms build, not the kernel's own: it adds PF/VF support for 12th-gen and later iGPUs. Without this line on an iGPU host the stock i915 is loaded (the DKMS build failed for this kernel, or the initramfs still holds the old module) and writing sriov_numvfs fails",
    fix: 'nothing to fix; for SR-IOV also check "Running in SR-IOV PF mode" and "%d VFs could be associated with this PF". After every kernel update check `dkms status` shows the module built for the new kernel',
    render: render('i915: '),
    examples: [
      ex(
        'i915: You are using the i915-sriov-dkms module, a ported version of the i915 module with SR-IOV support.',
      ),
    ],
  },
  {
    id: 'kernel.i915-enable-guc-incompatible',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc.c __confirm_options() (the same in i915-sriov-dkms)',
    format: 'Incompatible option enable_guc=%d - %s\n',
    versions:
      'the reason is "GuC is not supported!", "HuC is not supported!" (dropped in later kernels), "GuC submission is N/A" or "undocumented flag"; printed with dev_info / drm_info, in newer kernels gt_info ("GT0: " prefix)',
    patterns: [
      /Incompatible option enable_guc=(?<value>-?\d{1,3}) - (?<reason>GuC is not supported!|HuC is not supported!|GuC submission is N\/A|undocumented flag)/,
    ],
    severity: 'warning',
    title: 'i915 ignores part of the enable_guc option',
    cause:
      'the enable_guc value asks for something this driver or GPU cannot do, and i915 ignores that part; SR-IOV PF and VF need GuC submission, so if submission is what was refused no VFs will work',
    fix: 'use the value the SR-IOV driver documents (i915.enable_guc=3 for current i915-sriov-dkms) and check the module loaded is the backport ("You are using the i915-sriov-dkms module")',
    refine: (f) => {
      switch (f.reason) {
        case 'undocumented flag':
          return {
            cause: `enable_guc=${f.value} sets a bit this i915 does not know: the stock i915 knows only bits 1 (GuC submission) and 2 (HuC loading), so a value meant for an SR-IOV backport (7) is partly ignored. It usually means the stock i915 is loaded, not i915-sriov-dkms (the DKMS build failed, or the initramfs holds the old module)`,
            fix: 'use i915.enable_guc=3; check `dkms status`, that the module is the backport ("You are using the i915-sriov-dkms module"), rebuild the initramfs and reboot',
          };
        case 'GuC is not supported!':
          return {
            cause:
              'this GPU has no GuC that i915 supports (older than 12th gen, or the platform lacks GuC support), so every GuC option is ignored; iGPU SR-IOV is not possible on it (GVT-g / mdev is the path for 5th–10th gen)',
            fix: 'drop enable_guc; for sharing an older iGPU use GVT-g (i915.enable_gvt=1 and mdev types) instead of SR-IOV',
          };
        case 'GuC submission is N/A':
          return {
            cause:
              'GuC submission is not available on this GPU with this driver (or the GuC firmware did not load), so the PF cannot schedule VFs: SR-IOV will stay off',
            fix: 'install the GuC firmware for the platform (linux-firmware i915/*_guc_*.bin, included in the initramfs) and use a driver with SR-IOV support for this generation',
          };
        default:
          return undefined;
      }
    },
    render: render('i915 0000:00:02.0: [drm] ', 7, 'undocumented flag'),
    examples: [
      ex(
        '[    1.049554] i915 0000:00:02.0: [drm] Incompatible option enable_guc=7 - undocumented flag',
        { value: '7', reason: 'undocumented flag' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/53',
      ),
      ex('i915 0000:00:02.0: [drm] GT0: Incompatible option enable_guc=3 - GuC submission is N/A', {
        reason: 'GuC submission is N/A',
      }),
    ],
  },
  {
    id: 'kernel.module-param-unsafe',
    source: 'kernel',
    cite: 'torvalds/linux kernel/params.c param_check_unsafe()',
    format: 'Setting dangerous option %s - tainting kernel\n',
    patterns: [/Setting dangerous option (?<param>[\w.-]{1,60}) - tainting kernel/],
    severity: 'info',
    title: 'A module option marked unsafe was set (the kernel is tainted)',
    cause:
      'the option is declared with module_param_*_unsafe (for GPU passthrough and SR-IOV typically i915 enable_guc or force_probe, xe force_probe): setting it is allowed, but the kernel marks itself tainted (TAINT_USER) so bug reports show a non-default setting was used. It changes nothing else',
    fix: 'nothing to fix when the option is intended (i915.enable_guc=3 is how iGPU SR-IOV is configured); the taint only matters for upstream bug reports',
    render: render('', 'enable_guc'),
    examples: [
      ex('Setting dangerous option enable_guc - tainting kernel', { param: 'enable_guc' }),
      ex('Setting dangerous option force_probe - tainting kernel', { param: 'force_probe' }),
    ],
  },
  {
    id: 'kernel.igpu-sriov-vf-flr',
    source: 'kernel',
    cite: `${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_state.c pf_handle_vf_flr(); ${XE}/xe_gt_sriov_pf_control.c pf_handle_vf_flr()`,
    format: 'VF%u FLR\n',
    versions:
      'i915-sriov-dkms prints it with dev_info ("i915 ADDR: VF1 FLR"); xe with its "PF: Tile0: GT0: " prefix',
    patterns: [
      new RegExp(`${I915_DEV}VF(?<vf>\\d{1,3}) FLR$`),
      /PF: (?:Tile\d{1,2}: )?(?:GT\d{1,2}: )?VF(?<vf>\d{1,3}) FLR$/,
    ],
    severity: 'info',
    title: 'Intel GPU PF: a VF was reset (function-level reset)',
    cause:
      'the GuC told the PF that this VF received a function-level reset, and the PF cleans up its state. Normal whenever the VF is reset: QEMU/vfio-pci resets it when a VM starts, reboots or stops, and the guest driver resets it when it loads',
    fix: 'nothing to fix; a "FLR failed" or "FLR didn\'t complete" line after it is the problem to look at',
    render: render('i915 0000:00:02.0: ', 1),
    examples: [
      ex(
        '[Mon Apr 29 04:30:06 2024] i915 0000:00:02.0: VF1 FLR',
        { vf: '1' },
        'https://github.com/strongtz/i915-sriov-dkms/pull/159',
      ),
      ex('xe 0000:03:00.0: [drm] PF: Tile0: GT0: VF1 FLR', { vf: '1' }),
    ],
  },
  {
    id: 'kernel.igpu-sriov-vf-flr-failed',
    source: 'kernel',
    cite: `${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_state.c pf_trigger_vf_flr_start() / pf_trigger_vf_flr_finish(); ${XE}/xe_gt_sriov_pf_control.c pf_enter_vf_flr_failed()`,
    format: 'Failed to start FLR for VF%u (%pe)\n',
    versions:
      'i915-sriov-dkms also "Failed to confirm FLR for VF%u (%pe)" ("IOV: " prefix); xe: "VF%u FLR failed!"',
    patterns: [
      new RegExp(`Failed to (?<step>start|confirm) FLR for VF(?<vf>\\d{1,3}) \\(${ERR}\\)`),
      /VF(?<vf>\d{1,3}) FLR failed!/,
    ],
    severity: 'error',
    title: 'Intel GPU PF: a VF reset could not be completed',
    cause:
      "after a VF was reset the PF asks the GuC to clean up the VF's work and confirms when done; the GuC refused or did not answer, so the VF is left in a failed state: the VM that uses it will not get a working GPU (its driver times out talking to the GuC) until the VF is reset successfully",
    fix: "stop the VM, disable and re-enable the VFs (echo 0, then N, to sriov_numvfs); if the PF's GuC itself is hung (GuC errors on the PF), reload the driver or reboot the host",
    render: render('i915 0000:00:02.0: [drm] IOV: ', 1, '-EIO'),
    examples: [
      ex('i915 0000:00:02.0: [drm] IOV: Failed to start FLR for VF2 (-ETIMEDOUT)', {
        vf: '2',
        step: 'start',
      }),
      ex('xe 0000:03:00.0: [drm] PF: Tile0: GT0: VF3 FLR failed!', { vf: '3' }),
    ],
  },
  {
    id: 'kernel.i915-sriov-policy-failed',
    source: 'kernel',
    cite: `${DKMS_PROV} pf_update_bool_policy() / pf_update_policy_u32()`,
    format: "Failed to %s '%s' policy (%pe)\n",
    versions: 'numeric policies: "Failed to update policy \'%s=%u\' (%pe)"; printed with the "IOV: " prefix',
    patterns: [
      new RegExp(`Failed to (?:enable|disable) '(?<policy>[a-z_]{3,30})' policy \\(${ERR}\\)`),
      new RegExp(`Failed to update policy '(?<policy>[a-z_]{3,30})=(?<value>\\d{1,10})' \\(${ERR}\\)`),
    ],
    severity: 'warning',
    title: 'i915 (SR-IOV backport): the GuC refused a VF scheduling policy',
    cause:
      'the PF sends the GuC its VF scheduling policies (sched_if_idle, reset_engine, sample_period) and the GuC did not accept one: the loaded GuC firmware does not know the key (-ENOKEY: firmware older or newer than this backport expects) or the GuC did not answer (-EIO, -ETIMEDOUT). The policy keeps its old value; VFs still work, scheduled by the default policy',
    fix: 'use the GuC firmware version the i915-sriov-dkms release expects (linux-firmware update, initramfs rebuilt); errors other than -ENOKEY point at a GuC problem on the PF',
    render: render('i915 0000:00:02.0: [drm] IOV: ', 'enable', 'sched_if_idle', '-ENOKEY'),
    examples: [
      ex("i915 0000:00:02.0: [drm] IOV: Failed to enable 'sched_if_idle' policy (-ENOKEY)", {
        policy: 'sched_if_idle',
      }),
      ex("i915 0000:00:02.0: [drm] IOV: Failed to update policy 'sample_period=10' (-EIO)", { value: '10' }),
    ],
  },
  {
    id: 'kernel.i915-vf-guc-preloaded',
    source: 'kernel',
    cite: `${DKMS} drivers/gpu/drm/i915/gt/uc/intel_uc.c __uc_init_hw() (a VF reports the firmware the PF loaded as "PRELOADED"); the interface line from ${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_query.c vf_handshake_with_guc()`,
    format: '%s firmware %s version %u.%u submission:%s\n',
    versions:
      'in a VF: "GuC firmware PRELOADED version %u.%u submission:SR-IOV VF", then "HuC firmware PRELOADED"; the handshake logs "GUC: interface version %u.%u.%u.%u" (older: "GuC interface version %u.%u.%u.%u")',
    patterns: [
      /GuC firmware PRELOADED version (?<version>\d{1,3}\.\d{1,3}) submission:(?<mode>SR-IOV VF|[a-z]{4,10})/,
      /HuC firmware PRELOADED/,
      /(?:GuC|GUC):? interface version (?<iface>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/,
    ],
    severity: 'info',
    title: 'i915 VF: the driver uses the GuC the host loaded (normal in an SR-IOV guest)',
    cause:
      'in a VM with an Intel SR-IOV VF the guest i915 does not load GuC or HuC firmware itself: the host PF already did, so it reports the firmware as PRELOADED and the submission mode as SR-IOV VF, after agreeing on the VF interface version with the GuC. These lines mean the VF came up',
    fix: 'nothing to fix; if the guest has no /dev/dri/renderD*, check the lines after these (and that the guest runs the i915-sriov-dkms module too)',
    render: render('i915 0000:00:02.1: ', 'GuC', 'PRELOADED', 0, 0, 'SR-IOV VF'),
    examples: [
      ex(
        '[   17.957987] i915 0000:00:02.2: GuC firmware PRELOADED version 0.0 submission:SR-IOV VF',
        { mode: 'SR-IOV VF' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/477',
      ),
      ex(
        '[   17.956828] i915 0000:00:02.2: [drm] GT0: GUC: interface version 0.1.24.4',
        { iface: '0.1.24.4' },
        'https://github.com/strongtz/i915-sriov-dkms/issues/477',
      ),
    ],
  },
  // ---- upstream xe ----
  {
    id: 'kernel.xe-sriov-unavailable',
    source: 'kernel',
    cite: `${XE}/xe_sriov.c xe_sriov_probe_early()`,
    format: 'Support for SR-IOV is not available\n',
    versions:
      'newer xe only; older xe left sriov_totalvfs as the hardware reports it, so writing sriov_numvfs failed later instead',
    patterns: [/Support for SR-IOV is not available/],
    severity: 'warning',
    title: 'xe: SR-IOV is not enabled for this GPU in this kernel',
    cause:
      'the GPU reports the SR-IOV capability but this xe driver has SR-IOV support turned off for the platform (its device table has no has_sriov flag for it), so xe sets sriov_totalvfs to 0: no VFs can be created, whatever xe.max_vfs says. Upstream xe enables PF mode platform by platform (data-center parts first; client iGPUs such as Arrow Lake or Lunar Lake only in later kernels)',
    fix: 'use a kernel whose xe enables SR-IOV for this platform, or the out-of-tree i915-sriov-dkms (it provides an xe with SR-IOV for supported iGPUs); until then the iGPU can be passed through only whole',
    render: render('xe 0000:00:02.0: [drm] '),
    examples: [ex('xe 0000:00:02.0: [drm] Support for SR-IOV is not available')],
  },
  {
    id: 'kernel.xe-sriov-set-totalvfs-failed',
    source: 'kernel',
    cite: `${XE}/xe_sriov_pf.c pf_reduce_totalvfs(); ${DKMS_SRIOV} pf_reduce_totalvfs() (a WARN there); the errno from torvalds/linux drivers/pci/iov.c pci_sriov_set_totalvfs()`,
    format: 'Failed to set number of VFs to %d (%pe)\n',
    versions:
      'xe prints it with the "PF: " prefix at notice level; i915-sriov-dkms as a WARN with a call trace',
    patterns: [new RegExp(`Failed to set number of VFs to (?<limit>\\d{1,3}) \\(${ERR}\\)`)],
    severity: 'warning',
    title: 'The GPU driver could not set how many VFs the device offers',
    cause:
      'the PF driver limits sriov_totalvfs to max_vfs (or to 0 when it runs without SR-IOV) and the PCI core refused: -EBUSY when VFs are already enabled (e.g. the driver was reloaded while VFs existed), -EINVAL when the number exceeds what the device supports',
    fix: 'disable the VFs (echo 0 > sriov_numvfs) before reloading the driver; keep max_vfs at or below sriov_totalvfs',
    render: render('xe 0000:00:02.0: [drm] PF: ', 7, '-EBUSY'),
    examples: [ex('xe 0000:00:02.0: [drm] PF: Failed to set number of VFs to 0 (-EBUSY)', { limit: '0' })],
  },
  {
    id: 'kernel.xe-sriov-provision-failed',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_pf_config.c pf_config_set_u64_done() / pf_config_set_u32_done() / pf_config_bulk_set_u64_done()`,
    format: 'Failed to provision %s with %llu (%s) %s (%pe)\n',
    versions:
      'u32 resources: "Failed to provision %s with %u%s %s (%pe)" (GuC context IDs, doorbells, execution quantum); many VFs at once: "Failed to bulk provision VF%u..VF%u with %s"; followed by "%s provisioning remains at ..."',
    patterns: [
      new RegExp(
        `PF: (?:Tile\\d{1,2}: )?(?:GT\\d{1,2}: )?Failed to provision (?<vf>VF\\d{1,3}|PF) with (?<what>[^\\n]{1,80}?) \\(${ERR}\\)$`,
      ),
      /PF: (?:Tile\d{1,2}: )?(?:GT\d{1,2}: )?Failed to bulk provision VF(?<first>\d{1,3})\.\.VF(?<last>\d{1,3}) with (?<what>[^\n]{1,40})/,
    ],
    severity: 'error',
    title: 'xe: a VF could not be given its share of the GPU',
    cause:
      'when VFs are enabled the xe PF divides the GPU fairly between them (GGTT address space, local memory, GuC context IDs, doorbells) and pushes each VF its configuration; this resource could not be reserved or the GuC rejected it, so enabling the VFs fails ("PF: Failed to enable N VFs")',
    fix: 'enable fewer VFs, or lower a manual provisioning (debugfs /sys/kernel/debug/dri/N/gtM/vfK/*_quota) so it fits; other errnos come from the GuC (check the GuC firmware version the kernel expects)',
    refine: refineProvision,
    render: render(
      'xe 0000:03:00.0: [drm] PF: Tile0: GT0: ',
      'VF1',
      4294967296,
      '4.00 GiB',
      'GGTT',
      '-ENOSPC',
    ),
    examples: [
      ex(
        'xe 0000:03:00.0: [drm] PF: Tile0: GT0: Failed to provision VF2 with 2147483648 (2.00 GiB) GGTT (-ENOSPC)',
        {
          vf: 'VF2',
          what: '2147483648 (2.00 GiB) GGTT',
        },
      ),
      ex('xe 0000:03:00.0: [drm] PF: Tile0: GT0: Failed to bulk provision VF1..VF8 with GuC context IDs', {
        first: '1',
        last: '8',
      }),
    ],
  },
  {
    id: 'kernel.xe-vf-guc-reset-failed',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_vf.c vf_reset_guc_state(); ${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_query.c vf_reset_guc_state() ("IOV: " prefix)`,
    format: 'Failed to reset GuC state (%pe)\n',
    versions:
      'xe prints "VF: " (and "Tile0: GT0: ") before it and newer kernels retry -ETIMEDOUT up to 10 times; the probe then fails ("probe with driver xe failed with error -110")',
    patterns: [new RegExp(`Failed to reset GuC state \\(${ERR}\\)`)],
    severity: 'error',
    title: "VF driver: the GuC did not answer the VF's first request",
    cause:
      "the first thing a VF driver does is ask its GuC (through the MMIO mailbox the PF set up) to reset its state; there was no valid reply. On the guest that means the VF is not being served: the host PF driver is not running SR-IOV properly (VFs enabled while the PF was reset or its driver unloaded, the PF's GuC hung), the VF was not provisioned, or — with -ETIMEDOUT on a media GT — the PF did not give this VF that GT",
    fix: 'on the host check the PF driver is loaded and healthy (dmesg of i915/xe on 00:02.0 or the card, VFs enabled after it finished loading); disable and re-enable the VFs with no VM running; use matching driver versions on host and guest',
    render: render('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: ', '-ETIMEDOUT'),
    examples: [
      ex('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Failed to reset GuC state (-ETIMEDOUT)', {
        err: '-ETIMEDOUT',
      }),
      ex('i915 0000:00:02.1: [drm] *ERROR* IOV: Failed to reset GuC state (-EIO)'),
    ],
  },
  {
    id: 'kernel.xe-vf-guc-version',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_vf.c vf_handshake_with_guc()`,
    format: 'Unable to confirm GuC version %u.%u (%pe)\n',
    versions:
      'before it "Unsupported GuC version %u.%u.%u.%u (%pe)" when the GuC answered with a version the driver refuses, after it "GuC reports interface version %u.%u.%u.%u"; after a VF migration "New GuC interface version detected: %u.%u.%u.%u"; the i915 backport\'s wording is kernel.i915-iov-version',
    patterns: [
      new RegExp(`Unable to confirm GuC version (?<major>\\d{1,3})\\.(?<minor>\\d{1,3}) \\(${ERR}\\)`),
      new RegExp(`Unsupported GuC version (?<found>\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}) \\(${ERR}\\)`),
      /New GuC interface version detected: (?<found>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})/,
    ],
    severity: 'error',
    title: 'xe VF: the GuC interface version of the host does not fit this guest driver',
    cause:
      'the VF driver asks the GuC for the VF interface version it was written for; the GuC (whose firmware the host PF driver loaded) refused or offered one this driver does not accept: -ENOPKG is another major version, -ENOKEY older than the minimum, -EPROTO newer than asked. The VF cannot be used',
    fix: 'bring host and guest closer: a newer guest kernel (xe) for a newer host GuC firmware, or update the host linux-firmware / kernel when the guest is newer; the "GuC reports interface version" line shows what the host offers',
    render: render('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: ', 1, 2, '-ENOPKG'),
    examples: [
      ex('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Unable to confirm GuC version 1.2 (-ENOPKG)', {
        major: '1',
        minor: '2',
      }),
      ex('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Unsupported GuC version 0.1.13.4 (-ENOKEY)', {
        found: '0.1.13.4',
      }),
    ],
  },
  {
    id: 'kernel.xe-pf-service-init-failed',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_pf_service.c xe_gt_sriov_pf_service_init()`,
    format: 'Failed to initialize service (%pe)\n',
    versions: 'printed with the "PF: Tile0: GT0: " prefix at error level',
    patterns: [
      new RegExp(`PF: (?:Tile\\d{1,2}: )?(?:GT\\d{1,2}: )?Failed to initialize service \\(${ERR}\\)`),
    ],
    severity: 'error',
    title: 'xe PF: the service that answers the VFs could not be set up',
    cause:
      "the PF keeps a copy of the GPU registers the VFs may read (fuses, engine masks) and answers their requests through the GuC relay; xe has no such register list for this graphics version (-ENOPKG: a platform newer than this kernel's SR-IOV support) or could not allocate it (-ENOMEM). VFs on this PF will fail to start",
    fix: 'use a kernel whose xe supports SR-IOV on this GPU generation; without it, pass the GPU through whole',
    render: render('xe 0000:03:00.0: [drm] *ERROR* PF: Tile0: GT0: ', '-ENOPKG'),
    examples: [ex('xe 0000:03:00.0: [drm] *ERROR* PF: Tile0: GT0: Failed to initialize service (-ENOPKG)')],
  },
  {
    id: 'kernel.xe-vf-resources-changed',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_vf.c vf_get_ggtt_info() / vf_get_lmem_info() / vf_get_submission_cfg()`,
    format: 'Unexpected GGTT reassignment: %lluK != %lluK\n',
    versions:
      'siblings: "Unexpected LMEM reassignment: %lluM != %lluM", "Unexpected CTXs reassignment: %u != %u", "Unexpected DBs reassignment: %u != %u"',
    patterns: [
      /Unexpected (?<what>GGTT|LMEM|CTXs|DBs) reassignment: (?<now>\d{1,20})[KM]? != (?<before>\d{1,20})[KM]?/,
    ],
    severity: 'error',
    title: "xe VF: the host changed this VF's share of the GPU under the running guest",
    cause:
      'when the VF driver re-reads its configuration from the GuC (after a reset or a VM migration) it found a different amount of GGTT, local memory, contexts or doorbells than it was started with, and it cannot adapt (-EREMCHG): on the host the VFs were re-provisioned, or disabled and enabled again with another count, while this VM was running, or the VM moved to a host that provisions differently',
    fix: 'do not change sriov_numvfs or the VF provisioning while VMs use VFs; restart the guest (or reload xe in it) so it starts with the new configuration',
    render: render('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: ', 262144, 524288),
    examples: [
      ex('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: Unexpected GGTT reassignment: 262144K != 524288K', {
        what: 'GGTT',
      }),
    ],
  },
  {
    id: 'kernel.xe-vf-gmdid-failed',
    source: 'kernel',
    cite: `${XE}/xe_gt_sriov_vf.c xe_gt_sriov_vf_gmdid()`,
    format: 'Failed to obtain %s GMDID (%pe)\n',
    patterns: [new RegExp(`Failed to obtain (?<type>graphics|media) GMDID \\(${ERR}\\)`)],
    severity: 'error',
    title: 'xe VF: could not ask the GuC which GPU IP this is',
    cause:
      'a VF cannot read the GMD_ID register itself, so it asks the GuC (over the MMIO mailbox) for the graphics and media IP versions; the query failed, so the guest driver cannot identify the GPU and the probe fails. The GuC did not answer (the host PF not serving this VF, or this GT — often the media GT — not given to the VF) or answered with a format the guest does not expect (a host GuC interface older than 1.2)',
    fix: 'check the host PF driver is healthy and the VFs were enabled after it loaded; update the host (kernel / linux-firmware) when the guest kernel is newer',
    render: render('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT1: ', 'media', '-ETIMEDOUT'),
    examples: [
      ex('xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT1: Failed to obtain media GMDID (-ETIMEDOUT)', {
        type: 'media',
      }),
    ],
  },
  // ---- AMD MxGPU: amdgpu as a VF (guest), GIM as the PF driver (host) ----
  {
    id: 'kernel.amdgpu-virt-no-init-data',
    source: 'kernel',
    cite: `${AMD_VIRT} amdgpu_virt_request_init_data()`,
    format: "host doesn't support REQ_INIT_DATA handshake\n",
    versions:
      'newer kernels print "host supports REQ_INIT_DATA handshake of critical_region_version %d" when the host does support it',
    patterns: [/host doesn't support REQ_INIT_DATA handshake/],
    severity: 'info',
    title: 'amdgpu VF: the host GPU driver does not send init data',
    cause:
      "amdgpu runs as an SR-IOV VF (MxGPU) and asked the host's PF driver (GIM) for its init data over the mailbox; the host did not support the request, so amdgpu uses the older fixed layout. Harmless on older GIM releases; if the VF later fails to initialise, the guest driver is newer than the host GIM supports",
    fix: 'nothing to fix when the VF works; otherwise use the guest driver version the host GIM release is validated with',
    render: render('amdgpu 0000:06:00.0: amdgpu: '),
    examples: [ex("amdgpu 0000:06:00.0: amdgpu: host doesn't support REQ_INIT_DATA handshake")],
  },
  {
    id: 'kernel.amdgpu-virt-pf2vf-invalid',
    source: 'kernel',
    cite: `${AMD_VIRT} amdgpu_virt_read_pf2vf_data()`,
    format: 'invalid pf2vf message: header checksum=0x%x calculated checksum=0x%x\n',
    versions: 'siblings: "invalid pf2vf version: 0x%x", "invalid pf2vf message size: 0x%x"',
    patterns: [
      /invalid pf2vf message: header checksum=(?<header>0x[0-9a-fA-F]{1,8}) calculated checksum=(?<calc>0x[0-9a-fA-F]{1,8})/,
      /invalid pf2vf (?<field>version|message size): (?<value>0x[0-9a-fA-F]{1,8})/,
    ],
    severity: 'error',
    title: 'amdgpu VF: the data the host PF driver shares is unreadable',
    cause:
      "the host's PF driver (GIM) leaves a pf2vf block in the VF's memory (feature flags, bad pages, limits); the guest read a block with a wrong checksum, unknown version or impossible size: the device is not a VF served by a matching GIM (a whole GPU passed through while amdgpu thinks it is a VF), the VF's memory is not what GIM wrote (host reset), or guest and host driver versions do not match. The guest then ignores the data and retries; the VF may be marked unusable after repeated failures",
    fix: 'check the host GIM is loaded and serves this VF; use a guest amdgpu version validated with the host GIM release; reset the VF from the host (GIM) if it was after a host-side error',
    render: render('amdgpu 0000:06:00.0: amdgpu: ', 0x3c1a, 0x77e0),
    examples: [
      ex(
        'amdgpu 0000:06:00.0: amdgpu: invalid pf2vf message: header checksum=0x3c1a calculated checksum=0x77e0',
        {
          header: '0x3c1a',
        },
      ),
      ex('amdgpu 0000:06:00.0: amdgpu: invalid pf2vf version: 0x5', { field: 'version' }),
    ],
  },
  {
    id: 'kernel.amdgpu-virt-rlcg-failed',
    source: 'kernel',
    cite: `${AMD_VIRT} amdgpu_virt_rlcg_reg_rw()`,
    format: 'timeout: rlcg faled to program reg: 0x%05x\n',
    versions:
      'the typo "faled" is in the source; with error reporting enabled by the host: "vfgate is disabled, rlcg failed to program reg: 0x%05x", "wrong operation type, ...", "register is not in range, ...", "unknown error type, ..."; older kernels printed "timeout: rlcg program reg:0x%05x failed !" from gfx_v9_0.c / gfx_v10_0.c / soc15_common.h',
    patterns: [
      /(?<kind>timeout|vfgate is disabled|wrong operation type|register is not in range|unknown error type)[:,] rlcg fa(?:i)?led to program reg: ?(?<reg>0x[0-9a-fA-F]{1,8})/,
      /timeout: rlcg program reg:(?<reg>0x[0-9a-fA-F]{1,8}) failed/,
    ],
    severity: 'error',
    title: "amdgpu VF: a register write through the host's RLC failed",
    cause:
      'a VF may not write some GPU registers directly; amdgpu asks the RLC firmware, which the host PF driver controls, to write them for it, and the RLC did not complete the request (timeout) or refused it. The host is not serving this VF right now (host-side reset, the VF not active in the world switch, vfgate off) or the guest driver asks for a register the host does not allow — guest and host driver versions that do not match',
    fix: 'check the host PF driver (GIM) log for a reset or error of this VF at the same time; use a guest amdgpu version validated with the host GIM release; reboot the guest after a host-side reset',
    render: render('amdgpu 0000:06:00.0: amdgpu: ', 0x0c040),
    examples: [
      ex('amdgpu 0000:06:00.0: amdgpu: timeout: rlcg faled to program reg: 0x0c040', {
        kind: 'timeout',
        reg: '0x0c040',
      }),
      ex('amdgpu 0000:06:00.0: amdgpu: vfgate is disabled, rlcg failed to program reg: 0x0a1b8', {
        kind: 'vfgate is disabled',
      }),
    ],
  },
  {
    id: 'kernel.gim-asic-no-sriov',
    source: 'kernel',
    cite: `${GIM} drv/gim_adapter.c set_new_adapter()`,
    format: 'asic does not support SRIOV\n',
    versions: 'printed by gim_err as "gim error:(set_new_adapter:%d) asic does not support SRIOV"',
    patterns: [/asic does not support SRIOV/],
    severity: 'error',
    title: 'AMD MxGPU (GIM): the kernel set up no SR-IOV for the GPU',
    cause:
      'GIM found the GPU (FirePro S7150 family) but the kernel has no SR-IOV state for it (pdev->sriov is empty): the PCI core did not initialise the SR-IOV capability because the firmware left no bus numbers or address space for the VFs (SR-IOV or ARI off in the BIOS, or the kernel\'s sriov_init() failed — dmesg has a "not enough MMIO resources" or bus-number line for it), or the card is not the SR-IOV model. GIM then does not manage the GPU',
    fix: 'enable SR-IOV, ARI and Above 4G decoding in the firmware setup, check `lspci -vvv -s ADDR` lists "Single Root I/O Virtualization", boot with pci=realloc if the VF BARs are unassigned, then reload gim',
    render: render('gim error:(set_new_adapter:640) '),
    examples: [ex('gim error:(set_new_adapter:652) asic does not support SRIOV')],
  },
  {
    id: 'kernel.gim-no-pf',
    source: 'kernel',
    cite: `${GIM} drv/gim_drv.c gim_probe()`,
    format: 'AMD GIM probe: pf_count = %d\n',
    versions:
      'printed by gim_info as "gim info:(gim_probe:%d) AMD GIM probe: pf_count = %d" once per GPU it takes',
    patterns: [/AMD GIM probe: pf_count = (?<count>\d{1,2})/],
    severity: 'info',
    title: 'AMD MxGPU (GIM): how many GPUs GIM manages',
    cause:
      'GIM counted the physical functions (SR-IOV GPUs) it took over and set up; their VFs can be handed to VMs',
    fix: 'nothing to fix; the VFs appear in `lspci -d 1002:` as separate functions',
    refine: (f) =>
      f.count === '0'
        ? {
            severity: 'warning',
            title: 'AMD MxGPU (GIM): GIM manages no GPU',
            cause:
              'GIM found no GPU it could set up: GIM supports only the FirePro S7150 / S7150x2 (1002:6929) with this open driver, the GPU is bound to another driver (amdgpu, vfio-pci) that GIM cannot take it from, or its setup failed earlier (an "asic does not support SRIOV" or "Fail to enable sriov" line, a VBIOS read returning 0xffffffff)',
            fix: 'unbind the GPU from other drivers (blacklist amdgpu on the host for it), check the lines before this one for the failure, then reload gim',
          }
        : undefined,
    render: render('gim info:(gim_probe:91) ', 1),
    examples: [
      ex('gim info:(gim_probe:91) AMD GIM probe: pf_count = 0', { count: '0' }),
      ex('gim info:(gim_probe:91) AMD GIM probe: pf_count = 2', { count: '2' }),
    ],
  },
  // ---- NVIDIA vGPU on SR-IOV GPUs (Ampere and later) ----
  {
    id: 'nvidia-vgpu.sriov-manage-unbindlock',
    source: 'nvidia-vgpu',
    cite: `${SRIOV_MANAGE} get_nvidia_unbind_lock()`,
    format: 'Cannot obtain unbindLock for %s',
    patterns: [/Cannot obtain unbindLock for (?<gpu>[0-9a-fA-F:.]{7,16})/],
    severity: 'error',
    title: 'sriov-manage: the GPU is in use, its VFs cannot be changed',
    cause:
      'to enable or disable the VFs, sriov-manage must move the GPU from the nvidia driver to pci-pf-stub; it asks the driver for the unbind lock (/proc/driver/nvidia/gpus/ADDR/unbindLock) and the driver refused because something holds the GPU: a running vGPU VM, nvidia-persistenced, an X server or a process with /dev/nvidia* open (nvidia-smi, a monitoring agent, a container)',
    fix: 'stop the VMs using vGPUs on this GPU and the processes holding it (`fuser -v /dev/nvidia*`, `systemctl stop nvidia-persistenced`), then run `/usr/lib/nvidia/sriov-manage -e ADDR` again',
    render: render('', '0000:41:00.0'),
    examples: [ex('Cannot obtain unbindLock for 0000:41:00.0', { gpu: '0000:41:00.0' })],
  },
  {
    id: 'nvidia-vgpu.sriov-manage-no-driver',
    source: 'nvidia-vgpu',
    cite: `${SRIOV_MANAGE} nvidia_vfs_supported()`,
    format: 'NVIDIA driver not loaded. Cannot continue.',
    patterns: [/NVIDIA driver not loaded\. Cannot continue/],
    severity: 'error',
    title: 'sriov-manage: the NVIDIA driver is not loaded',
    cause:
      "sriov-manage reads the driver's parameters (/proc/driver/nvidia/params) to see whether this GPU may use SR-IOV and found none: the nvidia module is not loaded (a kernel update without a rebuilt vGPU host driver, a blacklist, or the GPU bound to vfio-pci with nvidia never loaded), so no VFs are enabled",
    fix: 'load the vGPU host driver (`modprobe nvidia`; `dkms status` / reinstall the .run for the running kernel), check `nvidia-smi` answers, then run sriov-manage again',
    render: render(''),
    examples: [ex('NVIDIA driver not loaded. Cannot continue.')],
  },
  {
    id: 'nvidia-vgpu.sriov-manage-not-gpu',
    source: 'nvidia-vgpu',
    cite: `${SRIOV_MANAGE} input_sanity_check()`,
    format: 'This is not a VGA or 3D controller. Exiting.',
    patterns: [/This is not a VGA or 3D controller\. Exiting/],
    severity: 'error',
    title: 'sriov-manage: the address given is not the GPU itself',
    cause:
      "sriov-manage checks the PCI class of the address it was given and it is not a display controller: the address is the GPU's audio or USB function, a bridge, or a VF instead of the GPU (function 0)",
    fix: 'give the physical GPU\'s address (`lspci -D -d 10de: | grep -E "VGA|3D"`, function .0), or `sriov-manage -e ALL`',
    render: render(''),
    examples: [ex('This is not a VGA or 3D controller. Exiting.')],
  },
  {
    id: 'nvidia-vgpu.sriov-manage-vfs',
    source: 'nvidia-vgpu',
    cite: `${SRIOV_MANAGE} enable_vfs() / disable_vfs()`,
    format: 'Enabling VFs on %s',
    versions:
      '"Disabling VFs on %s"; when nothing is to be done "GPU at %s already has VFs enabled." / "GPU at %s already has VFs disabled."',
    patterns: [
      /(?<action>Enabling|Disabling) VFs on (?<gpu>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])/,
      /GPU at (?<gpu>[0-9a-fA-F:.]{7,16}) already has VFs (?<state>enabled|disabled)/,
    ],
    severity: 'info',
    title: 'sriov-manage: enabling or disabling the vGPU VFs',
    cause:
      'on Ampere and later GPUs every vGPU runs on an SR-IOV virtual function, so the VFs must exist before vGPUs can be created; sriov-manage unbinds the GPU from nvidia, has pci-pf-stub write sriov_numvfs (all VFs the GPU offers), and binds the GPU and its VFs back to nvidia. The vGPU types then appear on the VFs (mdev_supported_types, or nvidia/creatable_vgpu_types with the vendor-specific VFIO framework of vGPU 17+ on kernels 6.8+)',
    fix: 'nothing to fix; the VFs do not survive a reboot, so run `sriov-manage -e ALL` at every boot from a systemd unit ordered after the nvidia driver loads. If no types appear, check nvidia-vgpud / nvidia-vgpu-mgr are running',
    refine: (f) =>
      f.state === 'enabled'
        ? {
            cause:
              'sriov-manage found the VFs already enabled (sriov_numvfs is not 0) and did nothing; the vGPU types are on the VFs, not on the physical GPU',
          }
        : undefined,
    render: render('', '0000:41:00.0'),
    examples: [
      ex('Enabling VFs on 0000:41:00.0', { action: 'Enabling', gpu: '0000:41:00.0' }),
      ex('GPU at 0000:c1:00.0 already has VFs enabled.', { state: 'enabled' }),
    ],
  },
  {
    id: 'kernel.pci-pf-stub-claimed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/pci-pf-stub.c pci_pf_stub_probe()',
    format: 'claimed by pci-pf-stub\n',
    patterns: [/claimed by pci-pf-stub/],
    severity: 'info',
    title: 'pci-pf-stub holds a physical function to create its VFs',
    cause:
      'pci-pf-stub is a driver that only lets a PF create VFs (it has sriov_configure) without driving the device; NVIDIA\'s sriov-manage binds the GPU to it for a moment to write sriov_numvfs, and VMs that only need the VFs can keep the PF on it. Expected during "sriov-manage -e"',
    fix: 'nothing to fix; after sriov-manage the GPU should be back on nvidia (`lspci -k -s ADDR`). If it stays on pci-pf-stub, the rebind failed: check `dmesg` for NVRM errors and run sriov-manage again',
    render: render('pci-pf-stub 0000:41:00.0: '),
    examples: [ex('pci-pf-stub 0000:41:00.0: claimed by pci-pf-stub')],
  },
  {
    id: 'nvidia-vgpu.vgx-board-required',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR,
    format: 'vGPU is supported only on VGX capable boards',
    versions:
      'then "init_device_instance failed for inst %d with error 1 (vGPU validation of the GPU failed)" and QEMU fails to open the mdev',
    patterns: [/vGPU is supported only on VGX capable boards/],
    severity: 'error',
    title: 'nvidia-vgpu-mgr: this GPU is not a vGPU-capable board',
    cause:
      'when the VM starts, nvidia-vgpu-mgr validates the physical GPU and found it is not a board NVIDIA licenses for vGPU (a GeForce or other consumer card): the vGPU type was created (with vgpu_unlock hooked into nvidia-vgpud only, or an old unlock) but the manager refuses to run it. With vgpu_unlock the library is not hooked into nvidia-vgpu-mgr too, or does not support this driver',
    fix: 'use a vGPU-capable GPU; with vgpu_unlock-rs add the LD_PRELOAD drop-in for nvidia-vgpu-mgr.service as well as nvidia-vgpud.service, `systemctl daemon-reload`, restart both, and use a driver branch it supports',
    render: render('nvidia-vgpu-mgr[8626]: error: vmiop_log: (0x0): '),
    examples: [
      ex('nvidia-vgpu-mgr[3311]: error: vmiop_log: (0x0): vGPU is supported only on VGX capable boards'),
    ],
  },
];

/** Sibling wordings the entries above also recognise (docs/diagnose-coverage.md). */
export const GPU_SRIOV_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.i915-sriov-vfs-changed',
    file: DKMS_SRIOV,
    format: 'Disabled %u VFs\n',
    text: 'i915 0000:00:02.0: Disabled 7 VFs',
  },
  {
    id: 'kernel.i915-sriov-no-vfs',
    file: DKMS_SRIOV,
    format: '%d VFs could be associated with this PF\n',
    text: 'i915 0000:00:02.0: 7 VFs could be associated with this PF',
  },
  {
    id: 'kernel.i915-sriov-pf-aborted',
    file: `${DKMS} drivers/gpu/drm/i915/gt/iov/intel_iov_utils.h`,
    format: 'Initialization failed (%pe) %s\n',
    text: 'i915 0000:00:02.0: [drm] *ERROR* IOV: Initialization failed (-EIO) GT wedged',
  },
  {
    id: 'kernel.i915-sriov-pf-not-ready',
    file: DKMS_SRIOV,
    format: 'VFs BAR not ready\n',
    text: 'i915 0000:00:02.0: VFs BAR not ready',
  },
  {
    id: 'kernel.i915-sriov-pf-not-ready',
    file: `${XE}/xe_sriov_pf.c`,
    format: '%s, continuing as native\n',
    text: 'xe 0000:03:00.0: [drm:xe_sriov_pf_readiness [xe]] PF: Guc submission disabled, continuing as native',
  },
  {
    id: 'kernel.i915-sriov-provision-failed',
    file: DKMS_PROV,
    format: 'Failed to provision VF%u with %u contexts (%pe)\n',
    text: 'i915 0000:00:02.0: [drm] IOV: Failed to provision VF2 with 1024 contexts (-ENOSPC)',
  },
  {
    id: 'kernel.i915-sriov-dkms-loaded',
    file: `${DKMS} drivers/gpu/drm/i915/i915_module.c`,
    format: 'Module Homepage: https://github.com/strongtz/i915-sriov-dkms\n',
    text: 'i915: Module Homepage: https://github.com/strongtz/i915-sriov-dkms',
  },
  {
    id: 'kernel.i915-enable-guc-incompatible',
    file: 'torvalds/linux drivers/gpu/drm/i915/gt/uc/intel_uc.c',
    format: 'Incompatible option enable_guc=%d - %s\n',
    text: 'i915 0000:00:02.0: [drm] Incompatible option enable_guc=3 - GuC is not supported!',
  },
  {
    id: 'kernel.xe-sriov-provision-failed',
    file: `${XE}/xe_gt_sriov_pf_config.c`,
    format: 'Failed to provision %s with %u%s %s (%pe)\n',
    text: 'xe 0000:03:00.0: [drm] PF: Tile0: GT0: Failed to provision VF1 with 1024 GuC context IDs (-ENOSPC)',
  },
  {
    id: 'kernel.xe-vf-guc-version',
    file: `${XE}/xe_gt_sriov_vf.c`,
    format: 'New GuC interface version detected: %u.%u.%u.%u\n',
    text: 'xe 0000:00:02.1: [drm] *ERROR* VF: Tile0: GT0: New GuC interface version detected: 0.1.14.0',
  },
  {
    id: 'kernel.amdgpu-virt-pf2vf-invalid',
    file: AMD_VIRT,
    format: 'invalid pf2vf message size: 0x%x\n',
    text: 'amdgpu 0000:06:00.0: amdgpu: invalid pf2vf message size: 0x1400',
  },
  {
    id: 'kernel.amdgpu-virt-rlcg-failed',
    file: AMD_VIRT,
    format: 'register is not in range, rlcg failed to program reg: 0x%05x\n',
    text: 'amdgpu 0000:06:00.0: amdgpu: register is not in range, rlcg failed to program reg: 0x0c1f0',
  },
  {
    id: 'nvidia-vgpu.sriov-manage-vfs',
    file: 'NVIDIA vGPU host driver /usr/lib/nvidia/sriov-manage',
    format: 'Disabling VFs on %s',
    text: 'Disabling VFs on 0000:41:00.0',
  },
];
