/**
 * Sweep of three families the earlier sweeps missed (issue 14):
 * - mediated devices and vGPUs around the kernel's mdev core: Proxmox's mdev helpers
 *   (pve-common SysFSTools.pm), the routine and failure lines of nvidia-vgpu-mgr beyond those in
 *   mdev.ts, the guest's vGPU licensing daemon (nvidia-gridd), GVT-g's untracked-register lines and
 *   the guest i915's GVT-g detection;
 * - what a guest prints about an assigned device: the NVIDIA driver's probe failures (a BAR the
 *   guest firmware left unassigned, a GPU the driver flavour does not support, a GSP that was not
 *   reset) and OVMF's resource allocator running out of MMIO window;
 * - interrupts on the host: KVM's posted-interrupt remapping updates and a vCPU that stopped.
 *
 * NVIDIA's vGPU daemons are closed source: their entries quote public logs and say so in `cite`.
 * The rest cite the file and function printing the text.
 */
import type { CatalogueEntry, Refinement } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Proxmox passes the address without its domain ("01:00.0") or with it. */
const PVE_ADDR = '(?:[0-9a-fA-F]{4}:)?(?<sbdf>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
const PVE_SYSFS = 'proxmox/pve-common src/PVE/SysFSTools.pm';
const MDEVCTL = 'mdevctl/mdevctl src/mdev.rs';
const XE_SRIOV = 'torvalds/linux drivers/gpu/drm/xe/xe_pci_sriov.c';
const NV_PCI = 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-pci.c';
const NV_MAIN = 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c';
const VGPU_MGR = 'nvidia-vgpu-mgr[4090]: ';
const VGPU_MGR_CITE =
  'NVIDIA nvidia-vgpu-mgr (closed source; wording from public logs and the NVIDIA vGPU user guide)';
const GRIDD_CITE =
  'NVIDIA nvidia-gridd, the vGPU guest licensing daemon (closed source; wording from public logs)';
const EDK2_HOST_BRIDGE = 'tianocore/edk2 MdeModulePkg/Bus/Pci/PciHostBridgeDxe/PciHostBridge.c';

/** What fix fits the window OVMF ran out of: 64-bit, 32-bit or I/O space. */
function refineOvmfWindow(f: Readonly<Record<string, string>>): Refinement | undefined {
  const type = f.type ?? '';
  if (type.endsWith('64'))
    return {
      cause:
        'the guest firmware\'s 64-bit MMIO window is smaller than the 64-bit BARs of the devices behind it (an assigned GPU with a large BAR, Resizable BAR, or several GPUs); OVMF leaves them unassigned and the guest driver fails (NVIDIA: "BAR1 is 0M")',
      fix: 'give OVMF a larger 64-bit window: QEMU -fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536 (in MB; libvirt: <qemu:commandline>), or let newer OVMF size it from the guest CPU\'s address width (-cpu host,host-phys-bits=on; libvirt <maxphysaddr mode="passthrough"/>); on q35 -global q35-pcihost.pci-hole64-size=64G also widens the hole',
    };
  if (type === 'I/O' || type === 'Io')
    return {
      cause:
        'the guest ran out of I/O port space: every pcie-root-port reserves a 4 KiB I/O window by default and the 64 KiB space fits only a few of them',
      fix: 'set io-reserve=0 on pcie-root-ports whose devices need no I/O ports (-device pcie-root-port,...,io-reserve=0), or use fewer root ports',
    };
  if (type === 'Mem' || type === 'PMem')
    return {
      cause:
        "the guest's 32-bit MMIO hole below 4 GiB cannot hold the devices' 32-bit BARs (a GPU's 32-bit BARs plus many emulated devices, or a device whose BAR is 32-bit only)",
      fix: 'remove emulated devices the guest does not need, put 64-bit-capable devices behind pcie-root-ports, or (q35) lower the RAM below 4 GiB with -machine q35,max-ram-below-4g=2G',
    };
  return undefined;
}

/** nvidia-gridd's reason in "(Info: ... - Error: ...)". */
function refineLicense(f: Readonly<Record<string, string>>): Refinement | undefined {
  const why = (f.why ?? '').toLowerCase();
  if (why.includes('allowed time to process response has expired'))
    return {
      cause:
        "the license server's answer arrived outside the allowed time: the guest's clock or time zone differs from the server's, or the client configuration token is older than the server accepts",
      fix: 'sync the guest clock (NTP) and time zone with the license server, and download a fresh client configuration token into /etc/nvidia/ClientConfigToken (Windows: C:\\Program Files\\NVIDIA Corporation\\vGPU Licensing\\ClientConfigToken)',
    };
  if (why.includes('no pool features found'))
    return {
      cause:
        'the license server has no pool of the product this vGPU asks for (a Q-series vGPU needs an RTX Virtual Workstation license, B-series vPC, A-series vApps)',
      fix: "add licenses of that product to the server's pool, or use a vGPU type matching the licenses the server holds",
    };
  return undefined;
}

export const MDEV_GUEST_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- Proxmox's mdev helpers (pve-common SysFSTools.pm) ----
  {
    id: 'pve.mdev-reused',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "mdev instance '%s' already existed, using it.\n",
    patterns: [new RegExp(`mdev instance '(?<uuid>${UUID})' already existed, using it`)],
    severity: 'info',
    title: 'Proxmox reuses an mdev left from an earlier start (harmless)',
    cause:
      'the vGPU with the UUID Proxmox derives from the VM id and hostpci index still exists with the right type (not removed after the last stop), so Proxmox uses it instead of creating a new one',
    fix: 'nothing to do; if a start later fails for lack of instances, remove stale mdevs (echo 1 > /sys/bus/mdev/devices/UUID/remove)',
    render: render('', '00000000-0000-0000-0000-000000000100'),
    examples: [
      ex(
        "mdev instance '00000000-0000-0000-0000-000000000100' already existed, using it.",
        { uuid: '00000000-0000-0000-0000-000000000100' },
        'https://github.com/mbilker/vgpu_unlock-rs/issues/6',
      ),
    ],
  },
  {
    id: 'pve.mdev-type-mismatch',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "mdev instance '%s' already exits, but type is not '%s'\n",
    patterns: [
      new RegExp(`mdev instance '(?<uuid>${UUID})' already exits, but type is not '(?<type>[\\w.-]{1,64})'`),
    ],
    severity: 'error',
    title: 'An mdev of another type holds the UUID Proxmox wants',
    cause:
      "an mdev with this VM's UUID still exists but of a different type than the hostpci line now asks for (the mdev= type was changed while the old vGPU stayed), and Proxmox will not repurpose it",
    fix: 'remove the old mdev (echo 1 > /sys/bus/mdev/devices/UUID/remove, or reboot the host) and start the VM again',
    render: render('', '00000000-0000-0000-0000-000000000100', 'nvidia-63'),
    examples: [
      ex("mdev instance '00000000-0000-0000-0000-000000000100' already exits, but type is not 'nvidia-63'", {
        type: 'nvidia-63',
      }),
    ],
  },
  {
    id: 'pve.mdev-no-instances',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "pci device '%s' has no available instances of '%s'\n",
    patterns: [new RegExp(`pci device '${PVE_ADDR}' has no available instances of '(?<type>[\\w.-]{1,64})'`)],
    severity: 'error',
    title: 'No room for another vGPU of this type on the card',
    cause:
      "the type's available_instances is 0: its count is used up by other VMs or stale mdevs, or (NVIDIA time-sliced vGPU) a vGPU of another type already sits on this GPU, or (NVIDIA Ampere and later) the SR-IOV virtual functions are not enabled",
    fix: 'list what exists (ls /sys/bus/mdev/devices; mdevctl list) and remove unused mdevs; use one vGPU type per GPU; on SR-IOV GPUs enable the VFs (/usr/lib/nvidia/sriov-manage -e ADDR) and pick the VF as the hostpci device',
    render: render('', '01:00.0', 'nvidia-63'),
    examples: [ex("pci device '01:00.0' has no available instances of 'nvidia-63'", { bdf: '0000:01:00.0' })],
  },
  {
    id: 'pve.mdev-create-failed',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "could not create 'type' for pci devices '%s'\n",
    patterns: [new RegExp(`could not create 'type' for pci devices '${PVE_ADDR}'`)],
    severity: 'error',
    title: 'Writing the UUID to the type\'s "create" file failed',
    cause:
      "the parent driver refused the new mdev; Proxmox does not print the errno. dmesg at the same moment has the driver's reason (GVT-g: not enough aperture; NVIDIA: nvidia-vgpu-vfio or vgpud lines)",
    fix: 'try by hand to see the errno: echo UUID > /sys/bus/pci/devices/ADDR/mdev_supported_types/TYPE/create (vfiokit diagnose explains the write error), and read dmesg',
    render: render('', '01:00.0'),
    examples: [ex("could not create 'type' for pci devices '01:00.0'", { bdf: '0000:01:00.0' })],
  },
  {
    id: 'pve.mdev-type-missing',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "pci device '%s' has no type '%s'\n",
    patterns: [new RegExp(`pci device '${PVE_ADDR}' has no type '(?<type>[\\w.-]{1,64})'`)],
    severity: 'error',
    title: 'The card does not offer this vGPU type',
    cause:
      'mdev_supported_types of this device has no directory of that name: the type belongs to another GPU model or driver version, or (NVIDIA Ampere and later) the types are listed on the virtual functions, not on the physical function',
    fix: 'pick a type the device lists (mdevctl types, or ls /sys/bus/pci/devices/ADDR/mdev_supported_types); on SR-IOV GPUs select a VF address in the hostpci line',
    render: render('', '01:00.0', 'nvidia-63'),
    examples: [ex("pci device '01:00.0' has no type 'nvidia-63'", { type: 'nvidia-63' })],
  },
  {
    id: 'pve.mdev-unsupported',
    source: 'proxmox',
    cite: `${PVE_SYSFS} pci_create_mdev_device()`,
    format: "pci device '%s' does not support mediated devices \n",
    patterns: [new RegExp(`pci device '${PVE_ADDR}' does not support mediated devices`)],
    severity: 'error',
    title: 'The card offers no mediated devices',
    cause:
      'the device has no mdev_supported_types directory: no mdev-capable driver is bound (the vGPU host driver, i915 with enable_gvt=1 and kvmgt loaded), or on an SR-IOV GPU the physical function was selected instead of a VF',
    fix: 'load the vGPU host driver (NVIDIA vGPU KVM driver and nvidia-vgpud) or i915.enable_gvt=1 with kvmgt; on NVIDIA Ampere and later enable the VFs and use one of them',
    render: render('', '01:00.0'),
    examples: [ex("pci device '01:00.0' does not support mediated devices ", { bdf: '0000:01:00.0' })],
  },
  // ---- nvidia-vgpu-mgr: routine lines and failures beyond mdev.ts ----
  {
    id: 'nvidia-vgpu.start-call',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Received start call from nvidia-vgpu-vfio module: mdev uuid %s GPU PCI id %s config params %s',
    patterns: [
      new RegExp(
        `Received start call from nvidia-vgpu-vfio module: mdev uuid (?<uuid>${UUID}) GPU PCI id (?<gpu>[0-9a-fA-F:.]{7,16}) config params (?<params>[^\\n]{1,120})`,
      ),
      /Received start call from nvidia-vgpu-vfio module/,
    ],
    severity: 'info',
    title: 'The vGPU manager starts a vGPU (harmless)',
    cause:
      'QEMU opened the vGPU and nvidia-vgpu-vfio handed it to nvidia-vgpu-mgr with its type (vgpu_type_id); the lines after it say whether the start succeeded',
    fix: 'nothing to do; look for "error:" vmiop_log lines that follow',
    render: render(
      `${VGPU_MGR}notice: vmiop_env_log: (0x0): `,
      '38512783-4893-47f7-9179-b0594167e86b',
      '00:01:00.0',
      'vgpu_type_id=50',
    ),
    examples: [
      ex(
        'Feb 13 15:20:08 Debian-dom0 nvidia-vgpu-mgr[1562]: notice: vmiop_env_log: (0x0): Received start call from nvidia-vgpu-vfio module: mdev uuid 38512783-4893-47f7-9179-b0594167e86b GPU PCI id 00:01:00.0 config params vgpu_type_id=50',
        { uuid: '38512783-4893-47f7-9179-b0594167e86b', params: 'vgpu_type_id=50' },
        'https://github.com/DualCoder/vgpu_unlock/issues/1',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.assertion-failed',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Assertion Failed at 0x%x:%d',
    versions: 'followed by "%d frames returned by backtrace" and the frames',
    patterns: [/vmiop_log: Assertion Failed at (?<at>0x[0-9a-fA-F]{1,16}):(?<line>\d{1,6})/],
    severity: 'error',
    title: 'The vGPU manager hit an internal assertion',
    cause:
      'nvidia-vgpu-mgr stopped this vGPU on an internal check; the vmiop_log error just before it (often "NVOS status 0x..") is the call that failed',
    fix: 'read the error line before it; check that the host driver, vGPU manager and GPU are a supported combination (same release, a vGPU-capable GPU); unlock patches and profile overrides are common causes',
    render: render(`${VGPU_MGR}error: vmiop_log: `, 0xf69873bf, 293),
    examples: [
      ex(
        'Feb 13 15:20:08 Debian-dom0 nvidia-vgpu-mgr[1562]: error: vmiop_log: Assertion Failed at 0xf69873bf:293',
        { at: '0xf69873bf', line: '293' },
        'https://github.com/DualCoder/vgpu_unlock/issues/1',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.sriov-mode',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'vGPU manager is running in SRIOV mode.',
    patterns: [/vGPU manager is running in SRIOV mode/],
    severity: 'info',
    title: 'The vGPU runs on an SR-IOV virtual function (harmless)',
    cause:
      'on Ampere and later GPUs each vGPU sits on an SR-IOV virtual function; the manager reports the mode it uses',
    fix: 'nothing to do',
    render: render(`${VGPU_MGR}notice: vmiop_log: (0x0): `),
    examples: [
      ex(
        'Sep 24 18:48:01 gamma nvidia-vgpu-mgr[1873063]: notice: vmiop_log: (0x0): vGPU manager is running in SRIOV mode.',
        undefined,
        'https://github.com/mbilker/vgpu_unlock-rs/issues/37',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.ecc-query-failed',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'Cannot query ECC status. vGPU ECC support will be disabled.',
    patterns: [/Cannot query ECC status\. vGPU ECC support will be disabled/],
    severity: 'info',
    title: 'The GPU reports no ECC state: vGPU ECC is off (harmless)',
    cause:
      'the GPU has no ECC (most GeForce and many workstation cards) or does not report it, so the vGPU runs without ECC; the vGPU itself works',
    fix: 'nothing to do',
    render: render(`${VGPU_MGR}notice: vmiop_log: (0x0): `),
    examples: [
      ex(
        '11월 15 16:00:51 nvidia-vgpu-mgr[3472905]: notice: vmiop_log: (0x0): Cannot query ECC status. vGPU ECC support will be disabled.',
        undefined,
        'https://github.com/DualCoder/vgpu_unlock/issues/110',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.rm-control-failed',
    source: 'nvidia-vgpu',
    cite: VGPU_MGR_CITE,
    format: 'cmd: 0x%x failed.',
    // The journal tag ("nvidia-vgpu-mgr[PID]: ") is taken off before matching: the whole line is
    // anchored so that only this daemon's bare RM control command number matches (the tag stays when
    // the journal's date is in a form the prefix reader does not know, as in a localised export).
    patterns: [/(?:^|nvidia-vgpu-mgr\[\d{1,8}\]: )cmd: (?<cmd>0x[0-9a-fA-F]{8}) failed\.$/],
    severity: 'info',
    title: 'The vGPU manager queried a GPU property the GPU lacks (usually harmless)',
    cause:
      'a control call of nvidia-vgpu-mgr into the host driver failed; the manager prints this during normal starts for optional properties (an ECC query on a GPU without ECC is followed by "Cannot query ECC status") and carries on',
    fix: 'nothing to do unless "error:" vmiop_log lines follow; then read those',
    render: render('', 0x2080012f),
    examples: [
      ex(
        '11월 15 16:00:51 nvidia-vgpu-mgr[3472905]: cmd: 0x2080012f failed.',
        { cmd: '0x2080012f' },
        'https://github.com/DualCoder/vgpu_unlock/issues/110',
      ),
      ex(
        'Sep 24 18:48:00 gamma nvidia-vgpu-mgr[1873063]: cmd: 0x20801322 failed.',
        { cmd: '0x20801322' },
        'https://github.com/mbilker/vgpu_unlock-rs/issues/37',
      ),
    ],
  },
  // ---- nvidia-gridd: vGPU licensing inside the guest ----
  {
    id: 'nvidia-vgpu.license-acquire-failed',
    source: 'nvidia-vgpu',
    cite: GRIDD_CITE,
    format: 'Failed to acquire license from %s (Info: %s - Error: %s)',
    patterns: [
      /Failed to acquire license from (?<server>[\w.:<>-]{1,128})(?: \(Info: (?<product>[^\n]{1,80}) - Error: (?<why>[^\n]{1,160})\))?/,
    ],
    severity: 'warning',
    title: 'The vGPU guest could not get a license',
    cause:
      'nvidia-gridd in the guest asked the license server for a vGPU license and was refused or got no answer; without one the vGPU runs restricted (frame rate and CUDA limits after a grace period)',
    fix: 'check the guest reaches the server (port 443 for DLS/CLS), that the client configuration token is current, and that the server has licenses of the product this vGPU type needs',
    refine: refineLicense,
    render: render('nvidia-gridd: ', '10.0.0.5', 'NVIDIA RTX Virtual Workstation', 'No pool features found'),
    examples: [
      ex(
        'Oct 12 17:22:37 node3 nvidia-gridd: Failed to acquire license from 10.20.30.40',
        { server: '10.20.30.40' },
        'https://github.com/NVIDIA/nvidia-docker/issues/1787',
      ),
      ex(
        'Jan 21 19:54:14 vm1 nvidia-gridd[812]: Failed to acquire license from api.cls.licensing.nvidia.com (Info: NVIDIA RTX Virtual Workstation - Error: No pool features found for : NVIDIA RTX Virtual Workstation)',
        { server: 'api.cls.licensing.nvidia.com', product: 'NVIDIA RTX Virtual Workstation' },
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.license-not-found',
    source: 'nvidia-vgpu',
    cite: GRIDD_CITE,
    format:
      'Valid GRID license not found. GPU features and performance will be restricted. To enable full functionality please configure licensing details.',
    patterns: [/Valid GRID license not found\. GPU features and performance will be restricted/],
    severity: 'warning',
    title: 'The vGPU guest runs unlicensed',
    cause:
      'the guest driver has no vGPU license (yet): printed at start before the first license is acquired, and kept when licensing is not configured; unlicensed vGPUs are throttled after a grace period',
    fix: 'if a "License acquired successfully" line follows, nothing to do; otherwise configure licensing (client configuration token, gridd.conf FeatureType) and restart nvidia-gridd',
    render: render('nvidia-gridd: '),
    examples: [
      ex(
        'Dec 20 17:25:16 vm1 nvidia-gridd[812]: Valid GRID license not found. GPU features and performance will be restricted. To enable full functionality please configure licensing details.',
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.license-acquired',
    source: 'nvidia-vgpu',
    cite: GRIDD_CITE,
    format: 'License acquired successfully. (Info: %s, %s; Expiry: %s)',
    patterns: [
      /License acquired successfully\.(?: \(Info: (?<server>[^,\n]{1,128}), (?<product>[^;\n]{1,80});)?/,
    ],
    severity: 'info',
    title: 'The vGPU guest got its license (harmless)',
    cause: 'nvidia-gridd obtained a vGPU license; the vGPU runs without restrictions until the lease expires',
    fix: 'nothing to do',
    render: render(
      'nvidia-gridd: ',
      '192.168.1.10',
      'NVIDIA RTX Virtual Workstation',
      '2022-12-21 16:25:16 GMT',
    ),
    examples: [
      ex(
        'Dec 20 17:25:17 vm1 nvidia-gridd[812]: License acquired successfully. (Info: 192.168.1.10, NVIDIA RTX Virtual Workstation; Expiry: 2022-12-21 16:25:16 GMT)',
        { product: 'NVIDIA RTX Virtual Workstation' },
      ),
    ],
  },
  // ---- mdevctl (src/mdev.rs): the checks before the create write ----
  {
    id: 'mdevctl.parent-not-found',
    source: 'mdevctl',
    cite: `${MDEVCTL} MDev::find_parent_dir()`,
    format: "Unable to find parent device '%s'",
    versions:
      'Rust: anyhow!("Unable to find parent device \'{}\'", parent); when only the case differs it adds ". Did you mean \'{}\'?"',
    patterns: [
      /Unable to find parent device '(?<parent>[\w:.-]{1,64})'(?:\. Did you mean '(?<similar>[\w:.-]{1,64})'\?)?/,
    ],
    severity: 'error',
    title: 'mdevctl: no such parent device',
    cause:
      'the parent given (--parent, or the one in the saved definition) is not a device under /sys/class/mdev_bus: the address is wrong, written with a different case, or the device is gone (GPU moved, its driver not loaded yet at boot)',
    fix: 'use the address `mdevctl types` lists (full form, lower case: 0000:00:02.0); for a saved definition, fix or re-define it (mdevctl modify / define)',
    refine: (f) =>
      f.similar
        ? {
            cause: `the parent exists, written '${f.similar}': mdevctl compares names exactly and this one differs only in case`,
            fix: `use '${f.similar}'`,
          }
        : undefined,
    render: render('Error: ', '0000:00:02.0'),
    examples: [
      ex("Error: Unable to find parent device '0000:00:02.0'", { parent: '0000:00:02.0' }),
      ex("Error: Unable to find parent device '0000:0A:00.4'. Did you mean '0000:0a:00.4'?", {
        similar: '0000:0a:00.4',
      }),
    ],
  },
  {
    id: 'mdevctl.parent-not-mdev',
    source: 'mdevctl',
    cite: `${MDEVCTL} MDev::create()`,
    format: 'Parent %s is not currently registered for mdev support',
    patterns: [/Parent (?<parent>[\w:.-]{1,64}) is not currently registered for mdev support/],
    severity: 'error',
    title: 'mdevctl: the parent offers no mediated devices (now)',
    cause:
      'the device exists but has no mdev_supported_types: its mdev-capable driver is not bound or not loaded yet (nvidia vGPU host driver, i915 with enable_gvt=1 and kvmgt), or on NVIDIA Ampere and later the physical function was named instead of a virtual function',
    fix: 'load the parent driver first (for autostart at boot: order the mdevctl/udev start after it); on SR-IOV GPUs enable the VFs (sriov-manage -e ADDR) and use a VF as parent',
    render: render('Error: ', '0000:00:02.0'),
    examples: [
      ex('Error: Parent 0000:00:02.0 is not currently registered for mdev support', {
        parent: '0000:00:02.0',
      }),
    ],
  },
  {
    id: 'mdevctl.type-unsupported',
    source: 'mdevctl',
    cite: `${MDEVCTL} MDev::create()`,
    format: 'Parent %s does not support mdev type %s',
    patterns: [/Parent (?<parent>[\w:.-]{1,64}) does not support mdev type (?<type>[\w.-]{1,64})/],
    severity: 'error',
    title: 'mdevctl: the parent has no such mdev type',
    cause:
      "the type is not among the parent's mdev_supported_types: a type of another GPU model or driver release, or (GVT-g) of another generation",
    fix: 'pick a type from `mdevctl types` for this parent and update the definition (mdevctl modify --type)',
    render: render('Error: ', '0000:00:02.0', 'i915-GVTg_V5_4'),
    examples: [
      ex('Error: Parent 0000:00:02.0 does not support mdev type i915-GVTg_V5_4', { type: 'i915-GVTg_V5_4' }),
    ],
  },
  {
    id: 'mdevctl.device-exists',
    source: 'mdevctl',
    cite: `${MDEVCTL} MDev::create()`,
    format: 'Device exists under different parent',
    versions: 'the same check prints "Device exists with different type" and "Device already exists"',
    patterns: [
      /^Error: Device (?<how>exists under different parent|exists with different type|already exists)$/,
    ],
    severity: 'error',
    title: 'mdevctl: an mdev with this UUID is already running',
    cause:
      'an active mdev already has this UUID, so mdevctl will not create another (the kernel would refuse the duplicate UUID anyway)',
    fix: 'use the running one, or stop it first (mdevctl stop --uuid UUID) and start the definition again',
    refine: (f) =>
      f.how === 'already exists'
        ? undefined
        : {
            cause: `an active mdev with this UUID ${f.how === 'exists with different type' ? 'is of another type' : 'sits on another parent'} than the definition being started: an earlier definition, or another tool (libvirt, Proxmox), created it`,
            fix: 'stop the running mdev (mdevctl stop --uuid UUID, or echo 1 > /sys/bus/mdev/devices/UUID/remove) and start the definition again, or give the new definition its own UUID',
          },
    render: render('Error: '),
    examples: [
      ex('Error: Device exists with different type', { how: 'exists with different type' }),
      ex('Error: Device already exists', { how: 'already exists' }),
    ],
  },
  {
    id: 'mdevctl.remove-failed',
    source: 'mdevctl',
    cite: `${MDEVCTL} MDev::stop()`,
    format: 'Error removing device %s\n\nCaused by:\n    %s (os error %d)',
    versions:
      'Rust: format!("Error removing device {:?}", uuid) as anyhow context; the errno of the write to the mdev\'s "remove" file follows on a "Caused by:" line',
    patterns: [
      new RegExp(
        `Error removing device (?<uuid>${UUID})\\n(?:[^\\n]{0,40}\\n){0,2}[^\\n]{0,80}\\(os error (?<errno>\\d{1,4})\\)`,
      ),
      new RegExp(`Error removing device (?<uuid>${UUID})`),
    ],
    severity: 'error',
    title: 'mdevctl could not remove the mediated device',
    cause:
      'writing 1 to the mdev\'s remove file failed; the errno on the "Caused by" line says why (ENODEV: the parent is unregistering or the mdev is already gone; EAGAIN: it was still being created)',
    fix: "if a VM still uses the vGPU, shut the VM down first; otherwise retry, and read dmesg for the parent driver's reason",
    render: render('Error: ', '4b20d080-1b54-4048-81ae-2ed1c6e43e68'),
    examples: [
      ex(
        'Error: Error removing device 4b20d080-1b54-4048-81ae-2ed1c6e43e68\n\nCaused by:\n    No such device (os error 19)',
        { uuid: '4b20d080-1b54-4048-81ae-2ed1c6e43e68' },
      ),
    ],
  },
  // ---- AMD MxGPU (SR-IOV): the VF side of the host mailbox ----
  {
    id: 'kernel.amdgpu-vf-mailbox-no-ack',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/mxgpu_ai.c xgpu_ai_mailbox_trans_msg() (Navi: mxgpu_nv.c xgpu_nv_mailbox_trans_msg())',
    format: 'trn=%x ACK should not assert! wait again !\n',
    versions:
      'the same mailbox code prints "Doesn\'t get ack from pf, continue" and "Doesn\'t get msg:%d from pf, error=%d"',
    patterns: [
      /trn=(?<trn>[0-9a-fA-F]{1,2}) ACK should not assert! wait again !/,
      /Doesn't get ack from pf, continue/,
      /Doesn't get msg:(?<msg>\d{1,3}) from pf, error=(?<err>-?\d{1,4})/,
    ],
    severity: 'error',
    title: 'amdgpu waits for an SR-IOV host that does not answer',
    cause:
      "amdgpu treats the GPU as an SR-IOV virtual function (AMD MxGPU) and talks to the host's PF driver (GIM) through a mailbox that never acknowledges. On a real VF the host side is not running or not serving this VF; on a whole GPU (passthrough or bare metal) it has been reported when the GPU's large BAR was left unassigned (fixed by disabling CSM / enabling Above 4G decoding) and when the GPU was not reset since its last use",
    fix: 'on MxGPU: check the host GIM/PF driver and that the VF was handed out by it; on a whole GPU: make sure every BAR is assigned (host and guest dmesg "can\'t assign", lspci -v), disable CSM / enable Above 4G decoding, and reset or power-cycle the GPU before the VM starts',
    render: render('amdgpu 0000:08:00.0: amdgpu: ', 2),
    examples: [
      ex(
        '[ 3965.483045] amdgpu 0000:08:00.0: amdgpu: trn=2 ACK should not assert! wait again !',
        { trn: '2', bdf: '0000:08:00.0' },
        'https://github.com/ROCm/ROCm/issues/6176',
      ),
      ex("amdgpu 0000:08:00.0: amdgpu: Doesn't get msg:1 from pf, error=-62", { msg: '1', errno: 'ETIME' }),
    ],
  },
  // ---- Intel SR-IOV GPUs (xe): the PF enabling VFs for passthrough ----
  {
    id: 'kernel.xe-sriov-enable-failed',
    source: 'kernel',
    cite: `${XE_SRIOV} pf_enable_vfs()`,
    format: 'Failed to enable %u VF%s (%pe)\n',
    // xe_sriov_printk() puts "PF: " before every message of the physical function.
    patterns: [/PF: Failed to enable (?<count>\d{1,3}) VFs? \((?<err>-E[A-Z0-9]{2,15}|-?\d{1,4})\)/],
    severity: 'error',
    title: 'The Intel GPU could not create its SR-IOV virtual functions',
    cause:
      'writing sriov_numvfs on an xe-driven GPU failed: provisioning the VFs (GuC, graphics memory, contexts, doorbells) or enabling SR-IOV on the PCI side failed; the errno says which',
    fix: 'ask for fewer VFs; check the GPU and firmware support SR-IOV (a PF-capable xe device with SR-IOV enabled in the firmware) and that dmesg has no "not enough MMIO resources for SR-IOV" before it',
    refine: (f) =>
      f.errno === 'ENOSPC' || f.errno === 'ENOMEM'
        ? {
            cause:
              'the PF could not set aside resources for this many VFs (graphics memory, contexts or doorbells are split between the VFs at enable time)',
            fix: 'enable fewer VFs (echo N > sriov_numvfs with a smaller N)',
          }
        : f.errno === 'EBUSY'
          ? {
              cause: 'VFs are already enabled, or the PF is busy; the count can only change from 0',
              fix: 'write 0 to sriov_numvfs first, then the new count',
            }
          : undefined,
    render: render('xe 0000:03:00.0: [drm] PF: ', 4, 's', '-ENOSPC'),
    examples: [
      ex('xe 0000:03:00.0: [drm] PF: Failed to enable 4 VFs (-ENOSPC)', { count: '4', errno: 'ENOSPC' }),
    ],
  },
  {
    id: 'kernel.xe-sriov-vfs-changed',
    source: 'kernel',
    cite: `${XE_SRIOV} pf_enable_vfs() / pf_disable_vfs()`,
    format: 'Enabled %u of %u VF%s\n',
    versions: 'pf_disable_vfs() prints "Disabled %u VF%s"',
    patterns: [
      /PF: Enabled (?<count>\d{1,3}) of (?<total>\d{1,3}) VFs?$/,
      /PF: Disabled (?<count>\d{1,3}) VFs?$/,
    ],
    severity: 'info',
    title: 'The Intel GPU enabled or removed its SR-IOV VFs (harmless)',
    cause:
      'the xe driver created (or removed) the virtual functions asked for through sriov_numvfs; each VF can be bound to vfio-pci and assigned to a VM',
    fix: 'nothing to do',
    render: render('xe 0000:03:00.0: [drm] PF: ', 2, 7, 's'),
    examples: [
      ex('xe 0000:03:00.0: [drm] PF: Enabled 2 of 7 VFs', { count: '2', total: '7' }),
      ex('xe 0000:03:00.0: [drm] PF: Disabled 2 VFs', { count: '2' }),
    ],
  },
  // ---- Intel GVT-g: host register emulation, guest detection ----
  {
    id: 'kernel.gvt-untracked-mmio',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/gvt/mmio.c intel_vgpu_emulate_mmio_read()',
    format: 'vgpu%d: read untracked MMIO %x(%dB) val %x\n',
    versions:
      'Linux 4.10 also printed writes: "vgpu%d: write untracked MMIO %x len %d val %x"; an untracked read of 0x206c adds "vgpu%d: likely triggers a gfx reset" and stops further warnings',
    patterns: [
      /vgpu ?(?<vgpu>\d{1,4}): (?<op>read|write) untracked MMIO (?<offset>[0-9a-fA-F]{1,8})/,
      /vgpu ?(?<vgpu>\d{1,4}): likely triggers a gfx reset/,
    ],
    severity: 'warning',
    title: 'GVT-g: the guest touched a register GVT-g does not track',
    cause:
      'the guest graphics driver accessed a GPU register GVT-g has no handler for; GVT-g answers from its shadow copy. A few of them at guest boot are common and harmless; a stream of them, or "likely triggers a gfx reset", means the guest driver does things this GVT-g does not emulate',
    fix: 'use a guest driver made for GVT-g (a current guest i915, or the Intel Windows driver of a supported generation); update the host kernel for GVT-g fixes',
    render: render('gvt: ', 1, 0xd40, 4, 0xffeff0f1),
    examples: [
      ex(
        '[  350.323526] [drm:intel_vgpu_emulate_mmio_read [i915]] *ERROR* gvt: vgpu1: read untracked MMIO d40(4B) val ffeff0f1',
        { op: 'read', offset: 'd40' },
        'https://github.com/intel/gvt-linux/issues/8',
      ),
      ex(
        '[  301.405430] [drm:intel_vgpu_emulate_mmio_write [i915]] *ERROR* gvt: vgpu1: write untracked MMIO 0 len 1 val 0',
        { op: 'write', offset: '0' },
        'https://github.com/intel/gvt-linux/issues/8',
      ),
    ],
  },
  {
    id: 'kernel.i915-gvt-guest-detected',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_vgpu.c intel_vgpu_detect()',
    format: 'Virtual GPU for Intel GVT-g detected.\n',
    patterns: [/Virtual GPU for Intel GVT-g detected/],
    severity: 'info',
    title: 'The guest i915 runs on a GVT-g vGPU (harmless)',
    cause:
      "printed inside a guest: i915 found GVT-g's paravirtual info page in the vGPU's MMIO BAR and runs in vGPU mode",
    fix: 'nothing to do',
    render: render('i915 0000:00:04.0: [drm] '),
    examples: [
      ex(
        '[    6.152430] [drm] Virtual GPU for Intel GVT-g detected.',
        undefined,
        'https://github.com/intel/gvt-linux/issues/37',
      ),
    ],
  },
  {
    id: 'kernel.i915-vgt-bar-unmapped',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_vgpu.c intel_vgpu_detect()',
    format: 'failed to map MMIO bar to check for VGT\n',
    patterns: [/failed to map MMIO bar to check for VGT/],
    severity: 'error',
    title: "The guest i915 cannot map the GPU's register BAR",
    cause:
      'inside the guest, i915 could not map BAR 0 of the (v)GPU: the guest firmware or kernel left the BAR unassigned (no room in the guest\'s MMIO window) or it has size 0; i915 then fails with "failed to map registers" and "Device initialization failed (-5)"',
    fix: 'look in the guest dmesg for BAR 0 "can\'t assign" / "failed to assign" lines and lspci -v of the device; place the device on the root bus or a root port with enough 32-bit window, and check the host side (mdev created, QEMU\'s sysfsdev= path right)',
    render: render('i915 0000:07:00.0: [drm] *ERROR* '),
    examples: [
      ex(
        'i915 0000:07:00.0:[drm] failed to map MMIO bar to check for VGT',
        undefined,
        'https://github.com/intel/gvt-linux/issues/231',
      ),
    ],
  },
  {
    id: 'kernel.i915-vgt-version-mismatch',
    source: 'kernel',
    cite: 'torvalds/linux drivers/gpu/drm/i915/i915_vgpu.c intel_vgpu_detect()',
    format: 'VGT interface version mismatch!\n',
    patterns: [/VGT interface version mismatch!/],
    severity: 'warning',
    title: "The guest i915 does not speak this host's GVT-g interface",
    cause:
      "the vGPU's paravirtual info page reports an older interface version than the guest i915 needs, so i915 does not use vGPU mode and drives the vGPU as a bare GPU (usually failing)",
    fix: 'update the host kernel (GVT-g) or use a guest kernel of a matching generation',
    render: render('i915 0000:00:04.0: [drm] '),
    examples: [ex('i915 0000:00:04.0: [drm] VGT interface version mismatch!')],
  },
  // ---- NVIDIA driver probe: guest BARs, flavour, GSP ----
  {
    id: 'kernel.nvidia-bar-invalid',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe()`,
    format:
      'NVRM: This PCI I/O region assigned to your NVIDIA device is invalid:\nNVRM: BAR%d is %dM @ 0x%llx (PCI:%04x:%02x:%02x.%x)\n',
    versions:
      'older drivers print the address as "PCI:0001:00.0" (bus:slot.fn); followed by "NVRM: The system BIOS may have misconfigured your GPU." (32-bit BAR) or "NVRM: This is a 64-bit BAR, which some operating system kernels ..."',
    patterns: [
      /NVRM: BAR(?<bar>\d) is (?<mb>\d{1,7})M @ (?<addr>0x[0-9a-fA-F]{1,16})(?: \(PCI:[0-9a-fA-F:.]{4,16}\))?/,
      /This PCI I\/O region assigned to your NVIDIA device is invalid/,
      /NVRM: The system BIOS may have misconfigured your (?:GPU|graphics card)/,
      /NVRM: This is a 64-bit BAR, which some operating system/,
    ],
    severity: 'error',
    title: 'The NVIDIA driver found a GPU BAR with no address',
    cause:
      'a BAR of the GPU was never given an address, so the driver refuses the GPU ("probe ... failed with error -1"). In a VM this is the guest firmware\'s MMIO window being too small for the GPU\'s large 64-bit BAR 1 (the prefetchable BAR, which must fit a prefetchable window of the root port above it); on bare metal "Above 4G decoding" is off or the bridge\'s prefetchable window is too small',
    fix: 'in a VM: use OVMF (UEFI) rather than SeaBIOS and give it a larger 64-bit window (-fw_cfg name=opt/ovmf/X-PciMmio64Mb,string=65536, or -cpu host,host-phys-bits=on with a recent OVMF; VMware: pciPassthru.use64bitMMIO and 64bitMMIOSizeGB); on bare metal enable Above 4G decoding and try pci=realloc',
    refine: (f) =>
      f.mb && f.mb !== '0'
        ? {
            cause: `BAR ${f.bar ?? ''} has a size (${f.mb} MB) but its address was refused: on older drivers a 64-bit BAR placed above 4 GiB, or a bridge that forwards no matching window`,
            fix: 'update the NVIDIA driver; in a VM give the GPU a root port with a 64-bit prefetchable window (q35 + pcie-root-port), on bare metal try pci=realloc',
          }
        : undefined,
    render: render(''),
    examples: [
      ex(
        '[83260.063553] NVRM: This PCI I/O region assigned to your NVIDIA device is invalid:\n               NVRM: BAR1 is 0M @ 0x0 (PCI:0000:14:00.0)',
        undefined,
        'https://github.com/NVIDIA/gpu-operator/issues/492',
      ),
      ex('NVRM: BAR1 is 0M @ 0x0 (PCI:0000:0b:00.0)', { bar: '1', mb: '0' }),
      ex('[   11.903868] NVRM: BAR1 is 256M @ 0x00000000 (PCI:30000000:01.0)', { bar: '1', mb: '256' }),
      ex('NVRM: The system BIOS may have misconfigured your GPU.'),
    ],
  },
  {
    id: 'kernel.nvidia-bar-no-bridge-window',
    source: 'kernel',
    cite: `${NV_PCI} nv_pci_probe()`,
    format:
      'NVRM: This is a 64-bit BAR mapped above 4GB by the system\nNVRM: BIOS or the %s kernel, but the PCI bridge\nNVRM: immediately upstream of this GPU does not define\nNVRM: a matching prefetchable memory window.\n',
    patterns: [
      /NVRM: This is a 64-bit BAR mapped above 4GB by the system/,
      /immediately upstream of this GPU does not define/,
      /NVRM: a matching prefetchable memory window/,
    ],
    severity: 'error',
    title: 'The bridge above the GPU does not forward its 64-bit BAR',
    cause:
      "the GPU's 64-bit BAR sits above 4 GiB but the PCI bridge right above it has no 64-bit prefetchable window, so the BAR is unreachable and the driver refuses the GPU. In a VM this happens when the GPU sits behind a bridge the guest firmware did not give a 64-bit window (a pci-bridge, or a root port on an old OVMF)",
    fix: 'in a VM put the GPU on a pcie-root-port of a q35 machine (or on the root bus) with a current OVMF; on bare metal try pci=realloc and update the firmware',
    render: render(''),
    examples: [
      ex('NVRM: This is a 64-bit BAR mapped above 4GB by the system'),
      ex('NVRM: immediately upstream of this GPU does not define'),
    ],
  },
  {
    id: 'kernel.nvidia-probe-failed-summary',
    source: 'kernel',
    cite: `${NV_MAIN} nvidia_init_module()`,
    format: 'NVRM: The NVIDIA probe routine failed for %d device(s).\n',
    versions:
      'followed by "NVRM: None of the NVIDIA devices were initialized." (older: "None of the NVIDIA graphics adapters were initialized!") when no GPU is left',
    patterns: [
      /NVRM: The NVIDIA probe routine failed for (?<count>\d{1,3}) device/,
      /NVRM: None of the NVIDIA (?:devices|graphics adapters) were initialized/,
    ],
    severity: 'error',
    title: 'The NVIDIA driver gave up on the GPU(s)',
    cause:
      'the nvidia module probed the GPU(s) and failed; this is the summary: the NVRM lines just before it say why (a BAR without address, an unsupported GPU for this driver flavour, a GPU that fell off the bus)',
    fix: 'read the NVRM lines before it (vfiokit diagnose explains them); in a VM check the guest got the GPU with all its BARs (lspci -v in the guest)',
    render: render('', 1),
    examples: [
      ex(
        '[83260.106438] NVRM: The NVIDIA probe routine failed for 2 device(s).',
        { count: '2' },
        'https://github.com/NVIDIA/gpu-operator/issues/492',
      ),
      ex('NVRM: None of the NVIDIA devices were initialized.'),
    ],
  },
  {
    id: 'kernel.nvidia-gpu-unsupported',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osinit.c rm_is_supported_device()',
    format:
      'NVRM: The NVIDIA GPU %04x:%02x:%02x.%x (PCI ID: %04x:%04x)\nNVRM: installed in this system is not supported by the\nNVRM: NVIDIA %s driver release.\n',
    versions:
      'the open modules print "installed in this system is not supported by open\\nNVRM: nvidia.ko because it does not include the required GPU\\nNVRM: System Processor (GSP)." for GPUs without GSP',
    patterns: [
      // The first line ends with the PCI ID; the "fallen off the bus" message puts it on its second line.
      new RegExp(
        `The NVIDIA GPU ${BDF} \\(PCI ID: (?<vendor>[0-9a-fA-F]{4}):(?<device>[0-9a-fA-F]{4})\\)[ \\t]{0,4}$`,
      ),
      /installed in this system is not supported by (?<by>open|the)\b/,
      /nvidia\.ko because it does not include the required GPU/,
    ],
    severity: 'error',
    title: 'This NVIDIA driver does not support the GPU',
    cause:
      'the driver installed does not support this GPU: the GPU is too old for the release (moved to a legacy branch) or too new for it; the open kernel modules ("not supported by open nvidia.ko ... GSP") drive only Turing and later; inside a VM with a vGPU the guest needs the vGPU (GRID) guest driver, since the regular driver does not know the vGPU device IDs',
    fix: "install a driver branch that lists the GPU (NVIDIA's README, Appendix A), the proprietary module flavour for GPUs before Turing; for a vGPU install the guest driver from the same vGPU release as the host manager",
    refine: (f) =>
      f.by === 'open'
        ? {
            cause:
              'the open kernel modules (nvidia-open) only drive GPUs with a GSP (Turing and later); this GPU is older (Maxwell, Pascal, Volta)',
            fix: 'install the proprietary kernel module flavour of a branch that still supports the GPU (580 is the last for Maxwell, Pascal and Volta)',
          }
        : undefined,
    render: render('', 0, 1, 0, 0, 0x10de, 0x1b80),
    examples: [
      ex('NVRM: The NVIDIA GPU 0000:04:00.0 (PCI ID: 10de:20b0)', { bdf: '0000:04:00.0', device: '20b0' }),
      ex('NVRM: installed in this system is not supported by the', { by: 'the' }),
      ex('NVRM: installed in this system is not supported by open', { by: 'open' }),
      ex('NVRM: nvidia.ko because it does not include the required GPU'),
    ],
  },
  {
    id: 'kernel.nvidia-gsp-wpr2-up',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/src/kernel/gpu/gsp/kernel_gsp.c kgspInitRm_IMPL()',
    format: 'unexpected WPR2 already up, cannot proceed with booting GSP\n',
    versions:
      'printed with the function name ("NVRM: _kgspBootGspRm: ..."); some releases write "gsp" in lower case and add "(the GPU is likely in a bad state and may need to be reset)"',
    patterns: [
      /unexpected WPR2 already up, cannot proceed with booting (?:GSP|gsp)/,
      /the GPU is likely in a bad state and may need to be reset/,
    ],
    severity: 'error',
    title: "The GPU's firmware is still running from an earlier user",
    cause:
      "the GSP's protected memory region (WPR2) is still set up: the GPU was not reset since another driver or VM last used it (nouveau or nvidia on the host before vfio-pci, a previous VM, a failed earlier start). With passthrough the reset between owners did not clear it",
    fix: 'reset the GPU before the VM (or the host driver) uses it: keep nouveau/nvidia off it from boot (vfio-pci.ids), check reset_method lists flr or bus and the reset succeeds; if nothing resets it, power-cycle the host',
    render: render('NVRM: _kgspBootGspRm: '),
    examples: [
      ex('NVRM: _kgspBootGspRm: unexpected WPR2 already up, cannot proceed with booting GSP', undefined),
    ],
  },
  {
    id: 'kernel.nvidia-gsp-init-failed',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules src/nvidia/arch/nvalloc/unix/src/osinit.c RmInitAdapter()',
    format: 'RmInitAdapter: Cannot initialize GSP firmware RM\n',
    patterns: [/Cannot initialize GSP firmware RM/],
    severity: 'error',
    title: "The NVIDIA driver could not start the GPU's firmware (GSP)",
    cause:
      'booting the GPU System Processor failed, so the driver cannot use the GPU ("RmInitAdapter failed" follows); the NVRM line before it says why (WPR2 already up: the GPU was not reset; a firmware file missing: the gsp_*.bin of the driver release)',
    fix: "read the NVRM line before it; make sure the GPU is reset between owners, and that the driver's firmware files are installed for the running version",
    render: render('NVRM: '),
    examples: [ex('NVRM: RmInitAdapter: Cannot initialize GSP firmware RM')],
  },
  {
    id: 'kernel.nvidia-msi-fallback',
    source: 'kernel',
    cite: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-msi.c nv_init_msi() / nv_init_msix()',
    format: 'Failed to enable MSI; falling back to PCIe virtual-wire interrupts.\n',
    versions:
      'printed with NV_DEV_PRINTF\'s "NVRM: GPU DDDD:BB:DD.F: " prefix; nv_init_msix() prints "Failed to enable MSI-X." and the driver tries MSI next',
    patterns: [
      /Failed to enable (?<kind>MSI); falling back to PCIe virtual-wire interrupts/,
      /NVRM: GPU [0-9a-fA-F:.]{7,16}: Failed to enable (?<kind>MSI-X)\./,
    ],
    severity: 'warning',
    title: 'The NVIDIA driver could not get message-signalled interrupts',
    cause:
      'pci_enable_msi() failed, so the GPU runs on legacy INTx ("virtual-wire") interrupts: MSI disabled on the kernel command line (pci=nomsi), or, inside a VM, the hypervisor refused the MSI setup (QEMU logs "vfio: Error: Failed to enable MSI" on the host). With passthrough INTx is slower and depends on the host masking the line, which some GPUs do badly',
    fix: "remove pci=nomsi; in a VM read the host's QEMU log for MSI errors at the same time, use a q35 machine, and make sure the host has interrupt remapping enabled",
    refine: (f) =>
      f.kind === 'MSI-X'
        ? {
            cause:
              'enabling MSI-X failed (vector allocation in this kernel, or inside a VM the hypervisor refused the MSI-X setup); the driver goes on with MSI, or INTx if that fails too',
            fix: 'in a VM read the host\'s QEMU log for MSI-X errors ("failed to enable vectors", "MSI-X ... unsupported") at the same time; on bare metal check pci=nomsi and the kernel\'s vector limits',
          }
        : undefined,
    render: render('NVRM: GPU 0000:01:00.0: '),
    examples: [
      ex('NVRM: GPU 0000:01:00.0: Failed to enable MSI; falling back to PCIe virtual-wire interrupts.', {
        kind: 'MSI',
      }),
      ex('NVRM: GPU 0000:01:00.0: Failed to enable MSI-X.', { kind: 'MSI-X' }),
    ],
  },
  // ---- OVMF / edk2 resource allocation ----
  {
    id: 'edk2.pci-out-of-resources',
    source: 'edk2',
    cite: `${EDK2_HOST_BRIDGE} NotifyPhase()`,
    format: '  %s: Base/Length/Alignment = %lx/%lx/%lx - Out Of Resource!\n',
    versions:
      'newer edk2 prints the status ("Out of Resources") instead of "Out Of Resource!"; PciBusDxe then logs "PciBus: HostBridge->NotifyPhase(AllocateResources) - Out of Resources". Both are in OVMF debug builds\' log (-debugcon file:ovmf.log -global isa-debugcon.iobase=0x402)',
    patterns: [
      /(?<type>PMem64|Mem64|PMem|Mem|I\/O|Io): Base\/Length\/Alignment = [0-9A-Fa-f]{1,16}\/(?<length>[0-9A-Fa-f]{1,16})\/[0-9A-Fa-f]{1,16} - Out [Oo]f Resources?/,
      /HostBridge->NotifyPhase\(AllocateResources\) - Out of Resources/,
    ],
    severity: 'error',
    title: "The VM's firmware ran out of address space for the devices",
    cause:
      "OVMF could not place every device's BARs in the guest's MMIO windows; the devices it drops keep unassigned BARs and their guest drivers fail",
    fix: 'find which window ran out in the "Base/Length/Alignment" lines (Mem64/PMem64: 64-bit; Mem/PMem: below 4 GiB; I/O: ports) and enlarge it',
    refine: refineOvmfWindow,
    // OVMF prints MAX_UINT64 as the base of a range it could not place; printf here takes numbers.
    render: render('', 'PMem64', 0xfffffffffffff000, 0x800000000, 0x7ffffffff),
    examples: [
      ex('  PMem64: Base/Length/Alignment = FFFFFFFFFFFFFFFF/800000000/7FFFFFFFF - Out Of Resource!', {
        type: 'PMem64',
        length: '800000000',
      }),
      ex('  I/O: Base/Length/Alignment = FFFFFFFFFFFFFFFF/12000/FFF - Out of Resources', { type: 'I/O' }),
      ex('PciBus: HostBridge->NotifyPhase(AllocateResources) - Out of Resources'),
    ],
  },
  // ---- interrupts on the host ----
  {
    id: 'kernel.kvm-pi-irte-update-failed',
    source: 'kernel',
    cite: 'torvalds/linux arch/x86/kvm/vmx/posted_intr.c vmx_pi_update_irte() (AMD: arch/x86/kvm/svm/avic.c avic_pi_update_irte())',
    format: '%s: failed to update PI IRTE\n',
    versions:
      'before 5.x the function was pi_update_irte(); at teardown arch/x86/kvm/x86.c kvm_arch_irq_bypass_del_producer() adds "irq bypass consumer (token %p) unregistration fails: %d"',
    patterns: [
      /(?<fn>\w{0,20}pi_update_irte): failed to update PI IRTE/,
      /irq bypass consumer \(token (?<token>[0-9a-fA-Fx]{1,18})\) unregistration fails: (?<err>-?\d{1,4})/,
    ],
    severity: 'warning',
    title: "KVM could not switch an assigned device's interrupt to posted delivery",
    cause:
      "KVM tried to point the IOMMU's interrupt remapping entry of a device interrupt at a vCPU (posted interrupts, Intel VT-d PI or AMD AVIC) or back, and the IOMMU driver refused; the interrupt keeps working through the remapped path, just with a VM exit per interrupt. At VM shutdown it follows an interrupt torn down in the wrong order and is harmless",
    fix: 'harmless at shutdown; if it repeats while the VM runs, update the host kernel, and check interrupt remapping is on (DMAR-IR / AMD-Vi "Interrupt remapping enabled"); intremap=nopost (Intel) or avic=0 (kvm_amd) avoids posted mode',
    render: render('', 'vmx_pi_update_irte'),
    examples: [
      ex('pi_update_irte: failed to update PI IRTE', { fn: 'pi_update_irte' }),
      ex('irq bypass consumer (token 0000000065102a43) unregistration fails: -22', { errno: 'EINVAL' }),
    ],
  },
  {
    id: 'qemu.kvm-run-failed',
    source: 'qemu',
    cite: 'qemu/qemu accel/kvm/kvm-all.c kvm_cpu_exec()',
    format: 'error: kvm run failed %s\n',
    // Some reports quote it without QEMU's "error: " (e.g. in an issue title).
    patterns: [/kvm run failed (?<err>[A-Za-z][\w ]{2,40})/],
    severity: 'error',
    title: 'A vCPU stopped: KVM_RUN failed',
    cause:
      'the KVM_RUN ioctl of a vCPU returned an error, QEMU dumps the registers and the VM stops; the errno says what KVM could not do',
    fix: 'see the cause; the host dmesg at the same moment usually names the device or memory involved',
    refine: (f) =>
      f.errno === 'EFAULT'
        ? {
            cause:
              'KVM could not resolve a guest access to the memory behind it (Bad address). With an assigned device this is usually the device\'s BAR: its host mapping became unusable (the device was reset or dropped off the bus, or is in D3cold) or a peer-to-peer/DMA mapping of it failed earlier ("vfio_container_dma_map ... = -14")',
            fix: 'read the QEMU lines before it (DMA map failures, MSI errors) and the host dmesg (vfio-pci, AER, "fallen off the bus"); make sure the device resets cleanly (reset_method), and update host kernel and QEMU',
          }
        : undefined,
    render: render('', 'Bad address'),
    examples: [
      ex('error: kvm run failed Bad address', { errno: 'EFAULT' }),
      ex('error: kvm run failed Invalid argument', { errno: 'EINVAL' }),
      ex('kvm run failed Bad address', { errno: 'EFAULT' }, 'https://github.com/zTrix/qemu-compose/pull/26'),
    ],
  },
];

/** Further wordings the entries above recognise (coverage.ts ALSO). */
export const MDEV_GUEST_SWEEP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.gvt-untracked-mmio',
    file: 'torvalds/linux drivers/gpu/drm/i915/gvt/mmio.c',
    format: 'vgpu%d: likely triggers a gfx reset\n',
    text: 'gvt: vgpu1: likely triggers a gfx reset',
  },
  {
    id: 'kernel.nvidia-bar-invalid',
    file: NV_PCI,
    format: 'NVRM: The system BIOS may have misconfigured your GPU.\n',
    text: 'NVRM: The system BIOS may have misconfigured your GPU.',
  },
  {
    id: 'kernel.nvidia-bar-invalid',
    file: NV_PCI,
    format: 'NVRM: This is a 64-bit BAR, which some operating system\n',
    text: 'NVRM: This is a 64-bit BAR, which some operating system',
  },
  {
    id: 'kernel.nvidia-probe-failed-summary',
    file: NV_MAIN,
    format: 'NVRM: None of the NVIDIA devices were initialized.\n',
    text: 'NVRM: None of the NVIDIA devices were initialized.',
  },
  {
    id: 'edk2.pci-out-of-resources',
    file: 'tianocore/edk2 MdeModulePkg/Bus/Pci/PciBusDxe/PciLib.c',
    // %r of EFI_OUT_OF_RESOURCES, the status this line reports when the allocation failed
    format: 'PciBus: HostBridge->NotifyPhase(AllocateResources) - Out of Resources\n',
    text: 'PciBus: HostBridge->NotifyPhase(AllocateResources) - Out of Resources',
  },
  {
    id: 'kernel.kvm-pi-irte-update-failed',
    file: 'torvalds/linux arch/x86/kvm/x86.c',
    format: 'irq bypass consumer (token %p) unregistration fails: %d\n',
    text: 'irq bypass consumer (token 000000005a07a12b) unregistration fails: -22',
  },
  {
    id: 'kernel.kvm-pi-irte-update-failed',
    file: 'torvalds/linux arch/x86/kvm/svm/avic.c',
    format: '%s: failed to update PI IRTE\n',
    text: 'avic_pi_update_irte: failed to update PI IRTE',
  },
  {
    id: 'mdevctl.device-exists',
    file: MDEVCTL,
    format: 'Device exists with different type',
    text: 'Error: Device exists with different type',
  },
  {
    id: 'mdevctl.device-exists',
    file: MDEVCTL,
    format: 'Device already exists',
    text: 'Error: Device already exists',
  },
  {
    id: 'kernel.amdgpu-vf-mailbox-no-ack',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/mxgpu_ai.c',
    format: "Doesn't get ack from pf, continue\n",
    text: "amdgpu 0000:08:00.0: amdgpu: Doesn't get ack from pf, continue",
  },
  {
    id: 'kernel.amdgpu-vf-mailbox-no-ack',
    file: 'torvalds/linux drivers/gpu/drm/amd/amdgpu/mxgpu_ai.c',
    format: "Doesn't get msg:%d from pf, error=%d\n",
    text: "amdgpu 0000:08:00.0: amdgpu: Doesn't get msg:1 from pf, error=-62",
  },
  {
    id: 'kernel.xe-sriov-vfs-changed',
    file: XE_SRIOV,
    format: 'Disabled %u VF%s\n',
    text: 'xe 0000:03:00.0: [drm] PF: Disabled 2 VFs',
  },
  {
    id: 'kernel.nvidia-msi-fallback',
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-msi.c',
    format: 'Failed to enable MSI-X.\n',
    text: 'NVRM: GPU 0000:01:00.0: Failed to enable MSI-X.',
  },
];

/** Format strings of the swept files left without an entry, with the reason (coverage.ts LEFT_OUT). */
export const MDEV_GUEST_SWEEP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv-msi.c',
    format: 'Failed to allocate MSI-X entries. / Failed to allocate counter for MSI entry; ...',
    why: 'kernel memory allocation failures inside the driver, not a property of the device or of its assignment',
  },
  {
    file: XE_SRIOV,
    format: 'Failed to set VF LMEM BAR size: %pe\n',
    why: 'informational (xe_sriov_info): the VFs are enabled anyway with the default VF BAR size',
  },
  {
    file: XE_SRIOV,
    format: 'enabling %u VF%s\n / disabling %u VF%s\n',
    why: 'xe_sriov_dbg(): printed only with DRM debug enabled',
  },
  {
    file: MDEVCTL,
    format: 'Device %s is missing a parent / Device %s is missing a mdev_type',
    why: 'command-line and definition checks whose wording already says what to add',
  },
  {
    file: MDEVCTL,
    format: 'invalid json / attributes field is not an array / invalid JSON format for attribute: ...',
    why: 'a hand-edited definition file that does not parse; the message names the broken field',
  },
  {
    file: 'torvalds/linux drivers/vfio/mdev/mdev_core.c',
    format: 'Failed to create compatibility class link\n',
    why: 'the mdev_bus compatibility symlink only; creating mdevs works without it',
  },
  {
    file: 'torvalds/linux drivers/vfio/mdev/mdev_core.c',
    format: 'MDEV: created\n / MDEV: destroying\n',
    why: 'dev_dbg(): printed only with dynamic debug enabled',
  },
  {
    file: 'torvalds/linux drivers/vfio/mdev/mdev_sysfs.c',
    format: 'Releasing group %s\n',
    why: 'pr_debug(); the create/remove failures of this file reach the user as the errno of the sysfs write (EEXIST, EUSERS, ENODEV), which sysfs.mdev-create-failed and the shell write-error entries explain',
  },
  {
    file: 'qemu/qemu accel/kvm/kvm-all.c',
    format: 'This is probably because your SMT is enabled.\n',
    why: 'PowerPC hosts only (TARGET_PPC)',
  },
  {
    file: EDK2_HOST_BRIDGE,
    format: '  %s: Base/Length/Alignment = %lx/%lx/%lx - Success\n',
    why: 'routine line of every OVMF debug log; only the out-of-resources outcome is a finding',
  },
  {
    file: 'tianocore/edk2 MdeModulePkg/Bus/Pci/PciBusDxe/PciLib.c',
    format: 'PciBus: Discovered PCI @ [%02x|%02x|%02x]',
    why: 'routine enumeration line of OVMF debug logs',
  },
];
