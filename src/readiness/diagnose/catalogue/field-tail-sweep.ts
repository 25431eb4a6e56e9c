/**
 * Messages from the edges of the VFIO path that the catalogue lacked: NVIDIA's vGPU host daemon
 * refusing a GPU it does not support (and what vgpu_unlock-rs prints when its hooked structures
 * no longer match the driver), the vGPU guest's licence state in `nvidia-smi -q`, CUDA finding no
 * GPU (on a passthrough host, where the GPUs are on vfio-pci), DPDK's ice PMD without its DDP
 * package, SPDK's NVMe driver reading all-ones from a controller and SPDK's NVMe-oF target
 * answering an optional Identify, Proxmox's root-only raw device options, and the Unraid i915
 * SR-IOV plugin finding no module package for the running kernel. FIELD_TAIL_ALSO lists the
 * sibling wordings these entries also recognise.
 */
import type { CatalogueEntry } from '../entry.js';
import { BDF } from '../entry.js';
import { ex, render } from './build.js';

const VGPUD_CITE =
  'NVIDIA nvidia-vgpud, the vGPU host daemon of the NVIDIA vGPU (KVM) host driver (closed source), quoted from public logs';
const UNLOCK_RS = 'mbilker/vgpu_unlock-rs src/lib.rs';
const ICE = 'DPDK/dpdk drivers/net/ice/ice_ethdev.c';
const SPDK_PCIE = 'spdk/spdk lib/nvme/nvme_pcie.c';
const PVE_QEMU_API = 'proxmox/qemu-server PVE/API2/Qemu.pm';

export const FIELD_TAIL_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- NVIDIA vGPU host daemon (nvidia-vgpud) ----
  {
    id: 'nvidia-vgpu.vgpud-gpu-unsupported',
    source: 'nvidia-vgpu',
    cite: `${VGPUD_CITE}; vgpu_unlock-rs (${UNLOCK_RS}, the NV2080_CTRL_CMD_BUS_GET_PCI_INFO hook) is what changes the ID it sees`,
    format: 'GPU not supported by vGPU at PCI Id: %s DevID: 0x%04x / 0x%04x / 0x%04x / 0x%04x',
    versions:
      'the four IDs are vendor / device / subsystem vendor / subsystem device; nvidia-vgpud then logs "error: failed to send vGPU configuration info to RM: %d" and exits',
    patterns: [
      /GPU not supported by vGPU at PCI Id: (?<gpu>[0-9a-fA-F:.]{5,20}) DevID: (?<vendor>0x[0-9a-fA-F]{4}) \/ (?<device>0x[0-9a-fA-F]{4})/,
    ],
    severity: 'error',
    title: 'This GPU is not supported by the vGPU host daemon',
    cause:
      "nvidia-vgpud looks the GPU's PCI device ID up in the vGPU driver's list of supported boards and did not find it: only NVIDIA's data-center and professional boards (Tesla/A/L series, some Quadro/RTX) are vGPU-capable, and a GeForce or other consumer card, or a board variant the driver branch does not list, is refused, so no vGPU types (mdev types) are registered. With vgpu_unlock in use this line means the unlock library was not hooked into nvidia-vgpud: it changes (spoofs) the device ID the daemon sees only when it is loaded into the daemon (LD_PRELOAD through a systemd override), and it knows only the GPU generations and driver branches it was written for",
    fix: "use a vGPU-capable GPU with the vGPU (KVM) host driver of a branch that lists it (NVIDIA's vGPU support matrix); for vgpu_unlock-rs, add the systemd drop-ins for nvidia-vgpud.service and nvidia-vgpu-mgr.service with Environment=LD_PRELOAD=/opt/vgpu_unlock-rs/target/release/libvgpu_unlock_rs.so (the path you built it to), `systemctl daemon-reload`, restart both services, and check that the GPU generation is one it supports",
    render: render('nvidia-vgpud[1734]: ', '0:2:0:0', 0x10de, 0x2204, 0x10de, 0x1454),
    examples: [
      ex(
        'Mar 02 09:12:40 pve nvidia-vgpud[1734]: GPU not supported by vGPU at PCI Id: 0:2:0:0 DevID: 0x10de / 0x2204 / 0x10de / 0x1454',
        {
          gpu: '0:2:0:0',
          device: '0x2204',
        },
      ),
    ],
  },
  {
    id: 'nvidia-vgpu.vgpud-config-failed',
    source: 'nvidia-vgpu',
    cite: VGPUD_CITE,
    format: 'error: failed to send vGPU configuration info to RM: %d',
    versions:
      'printed after the reason, e.g. "GPU not supported by vGPU at PCI Id: ...", "error: failed to read pGPU information: %d" or "error: failed to set pGPU fractional multivgpu information: %d"; the number is an NVIDIA RM status',
    patterns: [/failed to send vGPU configuration info to RM: (?<code>\d{1,4})/],
    severity: 'error',
    title: 'The vGPU host daemon could not register vGPU types with the driver',
    cause:
      'nvidia-vgpud reads each GPU and hands the list of vGPU types it supports to the NVIDIA host driver (RM); that failed, so the GPU offers no vGPU (mdev) types and nvidia-vgpud stops. This line only concludes: the nvidia-vgpud line before it says why (a GPU the vGPU driver does not support, a GPU it could not read, an unlock library or profile override the driver rejects)',
    fix: 'read the nvidia-vgpud lines just before it (`journalctl -u nvidia-vgpud -b`); check that the host driver is the vGPU (KVM) build for this GPU and that the GPU is on the nvidia driver, not vfio-pci; vfiokit diagnose explains the reason line too',
    render: render('nvidia-vgpud[1734]: ', 6),
    examples: [
      ex('Mar 02 09:12:40 pve nvidia-vgpud[1734]: error: failed to send vGPU configuration info to RM: 6', {
        code: '6',
      }),
    ],
  },
  {
    id: 'vgpu-unlock.params-size-mismatch',
    source: 'userspace tool',
    cite: `${UNLOCK_RS} check_size()`,
    format: 'Parameters size for %s was %d bytes, expected %d bytes',
    versions:
      '(Rust: "Parameters size for {} was {} bytes, expected {} bytes") printed through its error! macro into the log of the process it is loaded into (nvidia-vgpud or nvidia-vgpu-mgr), often next to the daemon\'s own "cmd: 0x%x failed."',
    patterns: [
      /Parameters size for (?<cmd>[A-Z][A-Z0-9_]{2,80}) was (?<actual>\d{1,7}) bytes, expected (?<expected>\d{1,7}) bytes/,
    ],
    severity: 'error',
    title: "vgpu_unlock-rs does not know this NVIDIA driver's structure layout",
    cause:
      'vgpu_unlock-rs hooks the RM control calls of nvidia-vgpud and nvidia-vgpu-mgr and rewrites their parameter blocks with structure layouts copied from the NVIDIA driver versions it was written for; the driver in use passes a block of another size for this command, so vgpu_unlock-rs skips its unlock or profile override for it. NVIDIA changes these layouts between driver branches, so a newer driver than the vgpu_unlock-rs build supports (or an outdated build) gives this',
    fix: 'update vgpu_unlock-rs to a version that supports this driver branch and rebuild it (cargo build --release), or install a vGPU host driver branch the version you have supports; then restart nvidia-vgpud and nvidia-vgpu-mgr',
    render: render('nvidia-vgpu-mgr[20417]: ', 'NV2080_CTRL_CMD_BUS_GET_PCI_INFO', 4, 8),
    examples: [
      ex(
        'Jan 09 11:02:13 host nvidia-vgpu-mgr[20417]: Parameters size for OP_READ_VGPU_CFG was 1428 bytes, expected 1360 bytes',
        { cmd: 'OP_READ_VGPU_CFG', actual: '1428', expected: '1360' },
      ),
    ],
  },
  // ---- vGPU guest licensing, as nvidia-smi -q shows it ----
  {
    id: 'nvidia-vgpu.smi-unlicensed',
    source: 'nvidia-vgpu',
    cite: 'NVIDIA nvidia-smi -q, section "vGPU Software Licensed Product" (closed source; the state nvidia-gridd keeps), quoted from public output',
    format: 'License Status : Unlicensed (%s)',
    versions:
      '"Unlicensed (Unrestricted)" during the grace period after boot, "Unlicensed (Restricted)" once it is over; a licensed guest shows "Licensed (Expiry: ...)"',
    patterns: [/License Status\s{1,40}: Unlicensed(?: \((?<state>Restricted|Unrestricted)\))?/],
    severity: 'warning',
    title: 'The vGPU guest runs without a licence',
    cause:
      'the guest vGPU driver has not obtained a licence: nvidia-gridd (the licensing service of the guest driver) has no client configuration token or licence server configured, cannot reach the server, or the server has no licence of the product this vGPU type needs. Without one NVIDIA restricts the vGPU (frame rate capped, CUDA and other features limited) once the grace period after boot ends',
    fix: 'configure licensing in the guest: put the client configuration token from the NVIDIA Licensing Portal / DLS in /etc/nvidia/ClientConfigToken/ (C:\\Program Files\\NVIDIA Corporation\\vGPU Licensing\\ClientConfigToken\\ on Windows), set FeatureType in /etc/nvidia/gridd.conf, restart nvidia-gridd and check `nvidia-smi -q | grep -i license` and its log; with the GPU Operator, provide the token and gridd.conf through the licensing config map',
    refine: (f) =>
      f.state === 'Unrestricted'
        ? {
            severity: 'info',
            cause:
              'the guest vGPU driver has no licence yet and runs in its grace period after boot, unrestricted for now: either nvidia-gridd is still acquiring one, or licensing is not configured (no client configuration token or licence server) and the vGPU will be restricted when the grace period ends',
          }
        : undefined,
    render: render('        ', 'Restricted'),
    examples: [
      ex('        License Status                : Unlicensed (Unrestricted)', { state: 'Unrestricted' }),
    ],
  },
  // ---- CUDA with no usable GPU ----
  {
    id: 'cuda.no-device',
    source: 'userspace tool',
    cite: "NVIDIA CUDA runtime, cudaGetErrorString(cudaErrorNoDevice) (closed source; the text is in CUDA's documented error list), printed by whatever program starts CUDA",
    format: 'no CUDA-capable device is detected',
    versions:
      'programs print it after their own words ("CUDA error: no CUDA-capable device is detected", "RuntimeError: ... no CUDA-capable device is detected"); the driver API calls the same state CUDA_ERROR_NO_DEVICE',
    patterns: [/no CUDA-capable device is detected/i],
    severity: 'error',
    title: 'CUDA finds no GPU it can use',
    cause:
      "the CUDA runtime found no NVIDIA GPU driven by the nvidia driver that this process may use. On a passthrough host that is expected: the GPUs are bound to vfio-pci for the VMs, so anything that starts CUDA on the host fails — notably the NVIDIA container runtime (nvidia-container-runtime / the NVIDIA Container Toolkit) when it is Docker's or containerd's default runtime, since its hook sets the driver up for every container, including ones that only manage the GPUs for VMs (a KubeVirt GPU device plugin). In a guest or an ordinary host it means the nvidia driver is not loaded or did not bring the GPU up, or the process was given no GPU (CUDA_VISIBLE_DEVICES empty or wrong, a container started without GPUs)",
    fix: 'on nodes that hand GPUs to VMs, set the default runtime back to runc (remove "default-runtime": "nvidia" from /etc/docker/daemon.json, or default_runtime_name = "nvidia" from the containerd config) and restart the runtime, keeping the NVIDIA runtime only for containers that use a GPU on the nvidia driver; elsewhere check `nvidia-smi` and `lspci -nnk` (Kernel driver in use: nvidia), dmesg for NVRM errors, and CUDA_VISIBLE_DEVICES',
    render: render('CUDA error: '),
    examples: [
      ex('RuntimeError: CUDA error: no CUDA-capable device is detected'),
      ex('cudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected'),
    ],
  },
  // ---- DPDK ice PMD and its DDP package ----
  {
    id: 'dpdk.ice-ddp-load-failed',
    source: 'dpdk',
    cite: `${ICE} ice_dev_init() / ice_load_pkg()`,
    format: 'Failed to load the DDP package,Use safe-mode-support=1 to enter Safe Mode',
    versions:
      'with the devarg safe-mode-support=1 (and in DPDK before 19.11 always) it is a warning, "Failed to load the DDP package,Entering Safe Mode", and the port starts in safe mode. ice_load_pkg() prints the reason first: "failed to search file path" when none of /lib/firmware/updates/intel/ice/ddp/ice-<serial>.pkg, /lib/firmware/intel/ice/ddp/ice-<serial>.pkg, /lib/firmware/updates/intel/ice/ddp/ice.pkg and /lib/firmware/intel/ice/ddp/ice.pkg exists, "ice_copy_and_init_hw failed: %d" when the NIC rejected the package',
    patterns: [
      /Failed to load the DDP package, ?(?<mode>Use safe-mode-support=1 to enter Safe Mode|Entering Safe Mode)/,
      /ice_load_pkg\(\): (?<missing>failed to search file path)/,
      /ice_load_pkg\(\): ice_copy_and_init_hw failed: (?<rejected>-?\d{1,4})/,
    ],
    severity: 'error',
    title: 'DPDK ice: no usable DDP package, so the port is not initialised',
    cause:
      'the DPDK ice PMD (Intel E810) could not load the NIC\'s Dynamic Device Personalization package: the package file is missing (ice_load_pkg() says "failed to search file path" just before) or the NIC\'s firmware rejected it ("ice_copy_and_init_hw failed": a package version that does not match the firmware, or a damaged file). Without safe mode requested the PMD refuses the port, and EAL then reports the device cannot be used',
    fix: 'install an ice.pkg that matches the NIC firmware under /lib/firmware/intel/ice/ddp/ (or /lib/firmware/updates/intel/ice/ddp/) where the DPDK application runs, or pass the devarg safe-mode-support=1 to run the port with basic features only',
    refine: (f) => {
      if (f.missing)
        return {
          title: 'DPDK ice: the DDP package file is missing',
          cause:
            "the DPDK ice PMD (Intel E810) loads the NIC's Dynamic Device Personalization package from a file, and none of the paths it tries exists: /lib/firmware/updates/intel/ice/ddp/ice.pkg, /lib/firmware/intel/ice/ddp/ice.pkg, or a per-card ice-<serial>.pkg there. The kernel's ice driver loads the same file for itself, but a port bound to vfio-pci is set up by DPDK, which reads the file from the filesystem it runs in (a container image often lacks it). Without it the port is not initialised unless safe mode is requested",
          fix: "install the DDP package (linux-firmware, or ice-x.y.z.pkg from Intel's E810 driver download copied to /lib/firmware/intel/ice/ddp/ and linked as ice.pkg) where the DPDK application runs — mount /lib/firmware into its container — or start the port with the devarg safe-mode-support=1 to run without it (no RSS, flow director or other DDP features)",
        };
      if (f.rejected)
        return {
          title: 'DPDK ice: the NIC rejected the DDP package',
          cause: `the ice PMD found a DDP package file but the E810's firmware refused it (${f.rejected}): the package version does not suit the NIC firmware (too old or too new for it), or the file is damaged`,
          fix: "install the ice.pkg version Intel lists for this NVM/firmware version (or update the NIC's NVM) in /lib/firmware/intel/ice/ddp/, or run the port with safe-mode-support=1",
        };
      if (f.mode === 'Entering Safe Mode')
        return {
          severity: 'warning',
          title: 'DPDK ice: no DDP package, the port runs in safe mode',
          cause:
            'the ice PMD could not load the DDP package file (missing, or rejected by the NIC firmware) and, as asked, started the port in safe mode: it passes traffic but without RSS, flow director and the other features the package provides',
        };
      return undefined;
    },
    render: render('ice_dev_init(): '),
    examples: [
      ex('ice_dev_init(): Failed to load the DDP package,Entering Safe Mode', { mode: 'Entering Safe Mode' }),
      ex(
        'ICE_INIT: ice_dev_init(): Failed to load the DDP package, Use safe-mode-support=1 to enter Safe Mode',
        {
          mode: 'Use safe-mode-support=1 to enter Safe Mode',
        },
      ),
      ex('ice_load_pkg(): ice_copy_and_init_hw failed: -12', { rejected: '-12' }),
    ],
  },
  // ---- SPDK NVMe driver and NVMe-oF target ----
  {
    id: 'spdk.nvme-registers-unreadable',
    source: 'spdk',
    cite: `${SPDK_PCIE} nvme_pcie_ctrlr_construct() / nvme_pcie_ctrlr_map_cmb() (nvme_pcie_ctrlr_get_reg_4/8() fail on an all-ones read)`,
    format: 'get_cap() failed\n',
    versions:
      'nvme_pcie_ctrlr_map_cmb() says "get registers failed" for the CMBSZ/CMBLOC registers just before; nvme.c nvme_ctrlr_probe() then prints "Failed to construct NVMe controller for SSD: %s"',
    patterns: [
      /nvme_pcie_ctrlr_construct: \*ERROR\*: get_cap\(\) failed/,
      /nvme_pcie_ctrlr_map_cmb: \*ERROR\*: get registers failed/,
    ],
    severity: 'error',
    title: "SPDK reads all-ones from the NVMe controller's registers",
    cause:
      "SPDK mapped the controller's BAR and every register read returned 0xFFFFFFFF, which is what a PCIe device that does not answer gives: the controller has not come back from a reset (a function-level reset when it was handed from the kernel nvme driver to vfio-pci/uio, or an earlier SPDK run), the device dropped off the bus or is in a low-power state, or its firmware hung. It is the device, not SPDK: the controller cannot be used until it answers again",
    fix: 'check the device: `lspci -vvv -s BDF` (all ff in config space means it is gone), dmesg for AER or link errors; retry after a moment, rescan or remove and rescan it (echo 1 > /sys/bus/pci/devices/BDF/remove; echo 1 > /sys/bus/pci/rescan), power-cycle the host if it stays dead; a drive that repeatedly fails to come back from a reset needs a firmware update from its vendor',
    render: render('nvme_pcie.c: 862:nvme_pcie_ctrlr_construct: *ERROR*: '),
    examples: [
      ex(
        '[2024-05-14 08:31:02.118204] nvme_pcie.c: 901:nvme_pcie_ctrlr_construct: *ERROR*: get_cap() failed',
      ),
      ex(
        '[2024-05-14 08:31:02.118150] nvme_pcie.c: 512:nvme_pcie_ctrlr_map_cmb: *ERROR*: get registers failed',
      ),
    ],
  },
  {
    id: 'spdk.nvme-construct-failed',
    source: 'spdk',
    cite: 'spdk/spdk lib/nvme/nvme.c nvme_ctrlr_probe()',
    format: 'Failed to construct NVMe controller for SSD: %s\n',
    versions: 'older SPDK without a transport ID: "Failed to construct NVMe controller"',
    patterns: [
      new RegExp(`Failed to construct NVMe controller for SSD: (?:${BDF}|(?<traddr>[^\\s]{1,120}))`),
    ],
    severity: 'error',
    title: 'SPDK could not set up the NVMe controller',
    cause:
      'SPDK\'s NVMe driver gave up on this controller while setting up its transport; this line only concludes: the line before it says why ("get_cap() failed": the registers read all-ones, the controller is not answering; "could not claim device": another SPDK process holds it or its lock file in /var/tmp is not accessible; a BAR that could not be mapped)',
    fix: 'read the nvme_pcie line printed just before this one (vfiokit diagnose explains it too)',
    render: render('nvme.c: 677:nvme_ctrlr_probe: *ERROR*: ', '0000:5e:00.0'),
    examples: [
      ex(
        '[2024-05-14 08:31:02.118255] nvme.c: 701:nvme_ctrlr_probe: *ERROR*: Failed to construct NVMe controller for SSD: 0000:5e:00.0',
        {
          bdf: '0000:5e:00.0',
        },
      ),
    ],
  },
  {
    id: 'spdk.nvmf-identify-unsupported-cns',
    source: 'spdk',
    cite: 'spdk/spdk lib/nvmf/ctrlr.c spdk_nvmf_ctrlr_identify()',
    format: 'Identify command with unsupported CNS 0x%02x\n',
    versions:
      'an error (SPDK_ERRLOG) in older SPDK, an info message (SPDK_INFOLOG, shown only with the nvmf log flag) in newer; the same in the vfio-user target',
    patterns: [/Identify command with unsupported CNS (?<cns>0x[0-9a-fA-F]{2})/],
    severity: 'info',
    title: 'SPDK answered an optional NVMe Identify it does not implement (harmless)',
    cause:
      "the host's NVMe driver (the guest's, for an SPDK vfio-user or vhost controller, or an NVMe-oF initiator's) asked for an Identify data structure SPDK's target does not implement, typically an optional one such as the I/O Command Set specific structures (CNS 0x05, 0x06) a newer driver probes for; SPDK logs it and returns Invalid Field, which drivers tolerate by falling back. Harmless: the controller and its namespaces keep working",
    fix: 'nothing to do; newer SPDK versions log it only at info level',
    render: render('ctrlr.c:2583:nvmf_ctrlr_identify: *ERROR*: ', 0x06),
    examples: [
      ex(
        '[2023-03-07 14:20:11.004512] ctrlr.c:2711:nvmf_ctrlr_identify: *ERROR*: Identify command with unsupported CNS 0x05',
        {
          cns: '0x05',
        },
      ),
    ],
  },
  // ---- Proxmox VE: raw devices are root@pam's ----
  {
    id: 'pve.raw-device-root-only',
    source: 'proxmox',
    cite: `${PVE_QEMU_API} check_hostpci_perm() / check_usb_perm()`,
    format: "only root can set '%s' config for non-mapped devices\n",
    versions:
      'USB: "only root can set \'%s\' config for real devices" (check_usb_perm()); returned by the API as HTTP 500 (or 403), so Terraform and other API clients show "received an HTTP 500 response - Reason: ..."',
    patterns: [
      /only root can set '(?<key>(?:hostpci|usb)\d{1,3})' config for (?<what>non-mapped|real) devices/,
    ],
    severity: 'error',
    title: 'Proxmox lets only root@pam assign a raw host device',
    cause:
      'a hostpciN or usbN option that names a host device directly (not a cluster resource mapping) may be set, changed or deleted only by the user root@pam itself; Proxmox checks the user name, not the privileges, so any other user is refused whatever its role, and so is an API token, even one of root@pam (root@pam!name is not root@pam). API clients (Terraform providers, Ansible, scripts) using a token hit this',
    fix: 'create a cluster resource mapping for the device (Datacenter → Resource Mappings, or pvesh create /cluster/mapping/pci --id NAME --map node=NODE,path=BDF,id=VENDOR:DEVICE), grant the API user or token Mapping.Use on /mapping/pci/NAME (or /mapping/usb/NAME), and set hostpciN: mapping=NAME; or make this change as root@pam authenticated with its password (ticket), not a token',
    render: render('', 'hostpci0'),
    examples: [
      ex(
        "update VM 210: -hostpci0 0000:41:00,pcie=1 - only root can set 'hostpci0' config for non-mapped devices",
        {
          key: 'hostpci0',
          what: 'non-mapped',
        },
      ),
      ex("Parameter verification failed. (500) only root can set 'usb2' config for real devices", {
        key: 'usb2',
        what: 'real',
      }),
    ],
  },
  // ---- Unraid i915 SR-IOV plugin ----
  {
    id: 'unraid.i915-sriov-package-missing',
    source: 'userspace tool',
    cite: 'giganode/unraid-i915-sriov i915-sriov.plg download() (fork of ich777/unraid-i915-sriov; older zhtengw/unraid-i915-sriov prints the "module Package for kernel" wording)',
    format: "-----------------------Can't download SR-IOV package---------------------------",
    versions:
      'printed under an "-----ERROR - ERROR - ...-----" banner when the plugin installs; zhtengw\'s original plugin: "--------Can\'t download i915-sriov module Package for kernel v%s-----------"',
    patterns: [
      /Can't download (?:SR-IOV package|i915-sriov module Package for kernel v(?<kernel>[\w.+]{1,40}))/,
    ],
    severity: 'error',
    title: 'The Unraid i915 SR-IOV plugin has no module package for this kernel',
    cause:
      'the plugin installs an i915 module with SR-IOV support prebuilt for one exact Unraid kernel: it downloads the package from the GitHub release named after the running kernel version (uname -r), and there was none — the plugin has not been built for this Unraid version yet (usually right after an Unraid update), or GitHub could not be reached. It then removes itself',
    fix: "check the plugin's releases for a package for your kernel (`uname -r`); wait for a build for this Unraid version (or stay on the Unraid version it supports), check the server reaches github.com, then install the plugin again",
    render: render(''),
    examples: [
      ex("Can't download SR-IOV package"),
      ex("--------Can't download i915-sriov module Package for kernel v6.1.64-----------", {
        kernel: '6.1.64',
      }),
    ],
  },
];

/** Sibling wordings the entries above also recognise (docs/diagnose-coverage.md). */
export const FIELD_TAIL_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'dpdk.ice-ddp-load-failed',
    file: ICE,
    format: 'failed to search file path\n',
    text: 'ICE_INIT: ice_load_pkg(): failed to search file path',
  },
  {
    id: 'dpdk.ice-ddp-load-failed',
    file: ICE,
    format: 'ice_copy_and_init_hw failed: %d\n',
    text: 'ice_load_pkg(): ice_copy_and_init_hw failed: -5',
  },
  {
    id: 'dpdk.ice-ddp-load-failed',
    file: ICE,
    format: 'Failed to load the DDP package,Entering Safe Mode',
    text: 'ice_dev_init(): Failed to load the DDP package,Entering Safe Mode',
  },
  {
    id: 'spdk.nvme-registers-unreadable',
    file: SPDK_PCIE,
    format: 'get registers failed\n',
    text: 'nvme_pcie.c: 497:nvme_pcie_ctrlr_map_cmb: *ERROR*: get registers failed',
  },
  {
    id: 'pve.raw-device-root-only',
    file: PVE_QEMU_API,
    format: "only root can set '%s' config for real devices\n",
    text: "only root can set 'usb1' config for real devices",
  },
  {
    id: 'unraid.i915-sriov-package-missing',
    file: 'zhtengw/unraid-i915-sriov i915-sriov.plg',
    format: "--------Can't download i915-sriov module Package for kernel v%s-----------",
    text: "--------Can't download i915-sriov module Package for kernel v6.1.38-----------",
  },
];
