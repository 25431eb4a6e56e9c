/**
 * Messages from the tools around the VFIO path that users post next to the kernel's and QEMU's:
 * kmod skipping a line of a modprobe.d file (the vfio-pci ids= line a set-up script wrote wrongly),
 * dkms failing to build an out-of-tree module (vendor-reset after a kernel update, missing headers),
 * dracut and mkinitcpio leaving the vfio modules out of the initramfs, the vfio-pci-bind script
 * that many guides and boot hooks copy, quickpassthrough aborting, proxmox-boot-tool's ESPs (which
 * file holds the kernel command line), TrueNAS SCALE refusing a GPU for isolation, the SR-IOV
 * network device plugin and NVIDIA's KubeVirt GPU device plugin finding or serving nothing,
 * Harvester's PCI device and vGPU controllers, oVirt's VDSM, virt-manager and Cockpit. Each was
 * read from the producing source (cited with its function); examples are from public threads where
 * one was found, else built from the format.
 */
import type { CatalogueEntry } from '../entry.js';
import { ex, render } from './build.js';

const KMOD_CONFIG = 'kmod-project/kmod libkmod/libkmod-config.c';
const DKMS = 'dkms-project/dkms dkms.in';
const BIND = 'andre-richter/vfio-pci-bind vfio-pci-bind.sh';
const TRUENAS_GPU = 'truenas/middleware src/middlewared/middlewared/plugins/system_advanced/gpu.py';
const SRIOV_DP = 'k8snetworkplumbingwg/sriov-network-device-plugin cmd/sriovdp/manager.go';
const NV_KV_DP = 'NVIDIA/kubevirt-gpu-device-plugin pkg/device_plugin/device_plugin.go';
const HARVESTER_PDC = 'harvester/pcidevices pkg/controller/pcideviceclaim/pcideviceclaim_controller.go';
const VDSM_HOSTDEV = 'oVirt/vdsm lib/vdsm/common/hostdev.py';
const DRACUT = 'dracutdevs/dracut';
const MKINITCPIO = 'archlinux/mkinitcpio mkinitcpio';
const QPT = 'HikariKnight/quickpassthrough internal/configs/config_bootloaders.go';
const PBT =
  'proxmox/proxmox-kernel-helper src/bin/proxmox-boot-tool (read in its jiangcuo/proxmox-kernel-helper copy)';
const VIRT_MANAGER_ADDHW = 'virt-manager/virt-manager virtManager/addhardware.py';

const BDF_ANY = '(?<bdf>[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])';
const VD = '(?<id>[0-9a-fA-F]{4}:[0-9a-fA-F]{4})';

/** The vfio-pci-bind entries share most of their fields. */
function bindEntry(
  e: Pick<
    CatalogueEntry,
    'id' | 'format' | 'patterns' | 'title' | 'cause' | 'fix' | 'examples' | 'render'
  > & {
    severity?: CatalogueEntry['severity'];
  },
): CatalogueEntry {
  return {
    source: 'userspace tool',
    cite: `${BIND} (top-level script body)`,
    versions:
      'the script is copied into many guides, boot hooks and libvirt hook helpers; it checks its arguments, the device and the IOMMU in this order and exits 1 at the first failure, before anything is unbound',
    severity: e.severity ?? 'error',
    ...e,
  };
}

export const TOOLS_MGMT_SWEEP_ENTRIES: CatalogueEntry[] = [
  // ---- kmod: a modprobe.d line it cannot read ----
  {
    id: 'kmod.config-bad-line',
    source: 'userspace tool',
    cite: `${KMOD_CONFIG} kmod_config_parse()`,
    format: "%s line %u: ignoring bad line starting with '%s'\n",
    versions:
      'printed through libkmod\'s ERR(): "libkmod: ERROR ../libkmod/libkmod-config.c:NNN kmod_config_parse: ..." (newer kmod: "libkmod: ERROR: kmod_config_parse: ...") by every program using libkmod — modprobe, depmod, systemd-udevd at boot; module-init-tools (before kmod) printed "WARNING: FILE line N: ignoring bad line starting with ..."',
    patterns: [
      /(?<file>\/[\w./-]{1,200}) line (?<line>\d{1,6}): ignoring bad line starting with '(?<word>[^'\n]{0,120})'/,
    ],
    severity: 'error',
    title: 'kmod skipped a line of a modprobe.d file',
    cause:
      'kmod reads each modprobe.d line by its first word: alias, blacklist, options, install, remove and softdep, each with its arguments. A line starting with anything else, or one of these without its arguments, is reported with this message and skipped as a whole (the rest of the file still applies). Whatever the skipped line meant has no effect: vfio-pci ids written there are not applied, so at boot the devices are not claimed by vfio-pci and the host driver takes them',
    fix: 'open the file at the line number given and rewrite it as a modprobe.d command, e.g. `options vfio-pci ids=10de:2204,10de:1aef` on one line and `softdep nvidia pre: vfio-pci`; then rebuild the initramfs (update-initramfs -u, mkinitcpio -P or dracut -f: modprobe.d is copied into it) and reboot; `modprobe -c | grep vfio` shows what kmod now reads',
    refine: (f) => {
      const w = f.word ?? '';
      if (/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}/.test(w))
        return {
          title: 'kmod skipped a modprobe.d line holding bare PCI IDs',
          cause: `the line starts with a vendor:device ID (${w}): IDs belong inside an options line (options vfio-pci ids=VVVV:DDDD,VVVV:DDDD). A line holding only IDs — an ids= list split over several lines, or a set-up script appending one ID per line — is skipped, so those devices are not bound to vfio-pci at boot`,
        };
      if (/^(?:vfio[-_]pci|vfio_iommu_type1|vfio|kvm|kvm_amd|kvm_intel)\./.test(w))
        return {
          title: 'kmod skipped a kernel command-line option written into modprobe.d',
          cause: `the line starts with "${w}", the kernel command-line spelling (module.parameter=value). modprobe.d takes "options MODULE PARAMETER=VALUE" instead; kmod skips the line, so the parameter is not set when the module loads`,
          fix: `write it as an options line, e.g. \`options ${w.split('.')[0]} ${w.slice(w.indexOf('.') + 1)}\`, or put ${w} on the kernel command line instead; then rebuild the initramfs and reboot`,
        };
      if (/^(?:alias|blacklist|options|install|remove|softdep)$/.test(w))
        return {
          title: `kmod skipped a "${w}" line without its arguments`,
          cause: `"${w}" needs a module name and (except blacklist) what follows it — e.g. "options vfio-pci ids=…", "softdep nvidia pre: vfio-pci"; this one has too few words (a line broken in two, or the value left empty by a script), so kmod skips it and the setting it was meant to make is missing`,
        };
      if (/^(?:echo|sudo|cat|tee|printf|-e|"|')/.test(w))
        return {
          title: 'kmod skipped a shell command written into modprobe.d',
          cause: `the line starts with "${w}": a shell command (such as \`echo "options vfio-pci ids=…" > /etc/modprobe.d/vfio.conf\`) was pasted into the file instead of being run, or its quotes were kept; kmod skips the line, so the option inside it is not applied`,
        };
      return undefined;
    },
    render: render('libkmod: ERROR: kmod_config_parse: ', '/etc/modprobe.d/vfio.conf', 3, '10de:1aef'),
    examples: [
      ex(
        "Jan 12 08:07:44 z640-media systemd-udevd[660]: libkmod: ERROR: kmod_config_parse: /etc/modprobe.d/vfio.conf line 110: ignoring bad line starting with '8086:6fe1'",
        { file: '/etc/modprobe.d/vfio.conf', line: '110', word: '8086:6fe1' },
        'https://github.com/Danilop95/Proxmox-Enhanced-Configuration-Utility/issues/34',
      ),
      ex(
        "libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse: /etc/modprobe.d/vfio.conf line 1: ignoring bad line starting with 'vfio-pci.ids=10de:2484,10de:228b'",
        { word: 'vfio-pci.ids=10de:2484,10de:228b' },
      ),
      ex("WARNING: /etc/modprobe.d/vfio.conf line 2: ignoring bad line starting with 'softdep'", {
        word: 'softdep',
      }),
    ],
  },
  // ---- dkms: an out-of-tree module that no longer builds ----
  {
    id: 'dkms.build-failed',
    source: 'userspace tool',
    cite: `${DKMS} do_build() (report_build_problem 10 "Bad return status for module build on kernel: $kernelver ($arch)" "Consult $build_log for more information.")`,
    format: 'Bad return status for module build on kernel: %s (%s)',
    versions:
      'printed as "Error! Bad return status …" after "Building module(s)...(bad exit status: 2)" and followed by "Consult /var/lib/dkms/MODULE/VERSION/build/make.log for more information." (older dkms: "Consult the make.log in the build directory …"); the entry reads either line',
    patterns: [
      /Bad return status for module build on kernel: (?<kernel>[^\s()]{1,100}) \((?<arch>[\w-]{1,20})\)/,
      /Consult \/var\/lib\/dkms\/(?<module>[\w.+-]{1,80})\/(?<version>[\w.+~-]{1,60})\/build\/make\.log for more information/,
    ],
    severity: 'error',
    title: 'dkms could not build an out-of-tree kernel module',
    cause:
      "dkms rebuilds out-of-tree modules (vendor-reset, kvmfr, NVIDIA's or AMD's drivers, i915-sriov) for each installed kernel; the module's make failed for this kernel, so it has no copy of the module and that kernel boots without it. The usual reasons: the kernel headers for that kernel are missing, or the kernel changed an internal interface the module's source still uses — a new kernel version is the common trigger. The compiler's error is in make.log, not in this line",
    fix: 'read the make.log named on the next line (the first "error:" in it); install the headers for that kernel (linux-headers-$(uname -r), pve-headers / proxmox-headers-X.Y, kernel-devel); update the module to a release that supports the kernel, or keep booting the previous kernel until there is one; then `dkms autoinstall -k KERNEL`',
    refine: (f) =>
      f.module === 'vendor-reset'
        ? {
            title: 'vendor-reset does not build for this kernel',
            cause:
              'vendor-reset builds against kernel internals, and new kernels keep breaking it: on 6.12 the header <asm/unaligned.h> moved to <linux/unaligned.h>, and 6.14 needs a change in its atom.c; the released 0.1.1 source does not build there. The kernel then boots without vendor-reset, so AMD GPUs that need its reset quirk (Polaris, Vega, Navi 10) hit the reset bug again',
            fix: "take vendor-reset from its current git, with the open fixes for your kernel applied (the project's issues/pull requests name them, e.g. #103 for 6.14), rebuild with `dkms install .`, or keep the previous kernel as the default until it builds; check with `dmesg | grep vendor-reset` after reboot",
          }
        : undefined,
    render: render('Error! ', '6.8.12-4-pve', 'x86_64'),
    examples: [
      ex(
        'Error! Bad return status for module build on kernel: 6.12.1-2-cachyos (x86_64)',
        { kernel: '6.12.1-2-cachyos', arch: 'x86_64' },
        'https://github.com/gnif/vendor-reset/issues/88',
      ),
      ex(
        'Consult /var/lib/dkms/vendor-reset/0.1.1/build/make.log for more information.',
        { module: 'vendor-reset', version: '0.1.1' },
        'https://github.com/gnif/vendor-reset/issues/105',
      ),
    ],
  },
  // ---- vfio-pci-bind.sh (guides, boot hooks, libvirt hook helpers) ----
  bindEntry({
    id: 'tool.vfio-bind-device-missing',
    format: 'Error: Device %s does not exist, unable to bind device',
    patterns: [new RegExp(`Error: Device ${BDF_ANY} does not exist, unable to bind device`)],
    title: 'The bind script found no PCI device at that address',
    cause:
      'the script checks /sys/bus/pci/devices/ADDRESS before anything else, and there is no device there: the address in the configuration is wrong or out of date (cards added, moved or removed, or a firmware update renumbered the buses), or the device does not exist yet when the script runs — SR-IOV virtual functions appear only after sriov_numvfs is written',
    fix: 'list the devices with `lspci -nnD` and correct the address; for virtual functions, create them (echo N > /sys/bus/pci/devices/PF/sriov_numvfs) before the bind runs; give the Vendor:Device too so a renumbered device is caught',
    render: render('', '0000:0b:00.0'),
    examples: [
      ex('Error: Device 0000:0b:00.0 does not exist, unable to bind device', { bdf: '0000:0b:00.0' }),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-no-iommu',
    format:
      'Error: No signs of an IOMMU. Check your hardware and/or linux cmdline parameters. Use intel_iommu=on or iommu=pt iommu=1',
    patterns: [/No signs of an IOMMU\. Check your hardware/],
    title: 'The bind script found no IOMMU for the device',
    cause:
      'the device has no iommu/ link in sysfs: no IOMMU translates for it, because VT-d / AMD-Vi is off in the firmware, or the kernel did not enable it (Intel needs intel_iommu=on on kernels before 6.2 unless built in), so vfio-pci has no IOMMU group to give to a VM',
    fix: 'enable VT-d / AMD-Vi (IOMMU, SVM) in the firmware, add intel_iommu=on (Intel) to the kernel command line, reboot, and check `dmesg | grep -e DMAR -e AMD-Vi` and that /sys/kernel/iommu_groups is not empty',
    render: render(''),
    examples: [
      ex(
        'Error: No signs of an IOMMU. Check your hardware and/or linux cmdline parameters. Use intel_iommu=on or iommu=pt iommu=1',
      ),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-id-mismatch',
    format: 'Error: Vendor:Device %s not found at %s, unable to bind device',
    patterns: [new RegExp(`Error: Vendor:Device ${VD} not found at ${BDF_ANY}, unable to bind device`)],
    title: 'A different device sits at the address the bind script was given',
    cause:
      'both an address and a Vendor:Device were given, and `lspci -s ADDRESS -d ID` finds no such device there: the hardware changed (a card was swapped, moved to another slot, or the buses were renumbered) and the address now names another device. The script stops on purpose so that the wrong device is not taken from the host',
    fix: 'find where the device is now (`lspci -nnD -d VENDOR:DEVICE`) and update the address in the configuration (the boot hook, /etc/… config or VM definition that calls the script)',
    render: render('', '10de:1b81', '0000:02:00.0'),
    examples: [
      ex('Error: Vendor:Device 10de:1b81 not found at 0000:02:00.0, unable to bind device', {
        id: '10de:1b81',
        bdf: '0000:02:00.0',
      }),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-id-not-found',
    format: 'Error: Vendor:Device %s not found',
    patterns: [new RegExp(`Error: Vendor:Device ${VD} not found$`)],
    title: 'The bind script found no device with that Vendor:Device',
    cause:
      'only a Vendor:Device was given and `lspci -n -d ID` lists no device with it: the ID is mistyped, the card is not detected (seated, powered, enabled in the firmware), or it is an ID of another revision or board variant',
    fix: 'check the ID with `lspci -nn` (the [vvvv:dddd] pair) and whether the card is listed at all',
    render: render('', '1002:67df'),
    examples: [ex('Error: Vendor:Device 1002:67df not found', { id: '1002:67df' })],
  }),
  bindEntry({
    id: 'tool.vfio-bind-id-ambiguous',
    format:
      'Error: Multiple results for Vendor:Device %s, please provide Domain:Bus:Device.Function (dddd:bb:dd.f) as well',
    patterns: [new RegExp(`Error: Multiple results for Vendor:Device ${VD}, please provide`)],
    title: 'Several devices share the Vendor:Device the bind script was given',
    cause:
      'the ID matches more than one device (two identical GPUs, several ports of one NIC, a USB controller model used twice), so the script cannot tell which one to bind and stops',
    fix: 'give the address as well (`vfio-pci-bind.sh 10de:1b81 0000:02:00.0`); `lspci -nnD -d ID` lists the candidates',
    render: render('', '10de:2204'),
    examples: [
      ex(
        'Error: Multiple results for Vendor:Device 10de:2204, please provide Domain:Bus:Device.Function (dddd:bb:dd.f) as well',
        { id: '10de:2204' },
      ),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-bad-argument',
    format:
      'Error: Please provide Version:Device (vvvv:dddd) and/or Domain:Bus:Device.Function (dddd:bb:dd.f)',
    patterns: [
      /Error: Please provide (?:Version:Device \(vvvv:dddd\) and\/or Domain|Domain:Bus:Device\.Function)/,
    ],
    title: 'The bind script did not understand its argument',
    cause:
      'each argument must be a Vendor:Device (vvvv:dddd) or an address with its function (dddd:bb:dd.f or bb:dd.f); anything else — an address without the function (01:00), a libvirt name (pci_0000_01_00_0), an address and ID joined as in some config files (0000:01:00.0|10de:1b81), or no argument at all — stops the script here',
    fix: 'pass the address and/or the ID as separate arguments, e.g. `vfio-pci-bind.sh 0000:01:00.0 10de:1b81`',
    render: render(''),
    examples: [
      ex('Error: Please provide Version:Device (vvvv:dddd) and/or Domain:Bus:Device.Function (dddd:bb:dd.f)'),
      ex('Error: Please provide Domain:Bus:Device.Function (dddd:bb:dd.f) and/or Version:Device (vvvv:dddd)'),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-modprobe-failed',
    format: 'Error: Error probing vfio-pci',
    patterns: [/Error: Error probing vfio-pci/],
    title: 'The bind script could not load vfio-pci',
    cause:
      '`modprobe -i vfio-pci` failed, so there is no vfio-pci driver to bind to: the module is not installed for the running kernel (a kernel without it, or modules of another version after an update without reboot), or it failed to load — modprobe prints why on the line before',
    fix: 'run `modprobe -v vfio-pci` to see the error; check `modinfo vfio-pci` and that /lib/modules/$(uname -r) exists (reboot after a kernel update)',
    render: render(''),
    examples: [ex('Error: Error probing vfio-pci')],
  }),
  bindEntry({
    id: 'tool.vfio-bind-chown-failed',
    format: 'Error: unable to adjust group ownership of /dev/vfio/%s',
    patterns: [/Error: unable to adjust group ownership of \/dev\/vfio\/(?<group>\d{0,5})/],
    title: 'The bind script could not hand the VFIO group to the user',
    cause:
      'after binding, the script gives /dev/vfio/GROUP to the user who ran it through sudo, and chown failed: the group node does not exist because vfio-pci did not take the group\'s devices (the "Unbound …" lines above show which were released; one still held by its driver, or a group member that is not an endpoint, keeps the node from appearing), or the script was not run through sudo',
    fix: 'check `ls -l /dev/vfio` and `lspci -nnk` for every device of the group (all must be on vfio-pci, bridges excepted); run the script with sudo from the user who starts the VM',
    render: render('', 14),
    examples: [ex('Error: unable to adjust group ownership of /dev/vfio/14', { group: '14' })],
  }),
  bindEntry({
    id: 'tool.vfio-bind-not-root',
    format: 'Error: This script must be run as root',
    patterns: [/^Error: This script must be run as root$/],
    title: 'The bind script was run without root',
    cause:
      'binding writes driver_override, unbind and drivers_probe in sysfs and changes /dev/vfio ownership, which only root may do; the script checks $EUID first and stops',
    fix: 'run it with sudo (it reads $SUDO_USER to hand the VFIO group to that user)',
    render: render(''),
    examples: [ex('Error: This script must be run as root')],
  }),
  bindEntry({
    id: 'tool.vfio-bind-unvalidated',
    format: 'Warning: You did not specify a Vendor:Device (vvvv:dddd), unable to validate %s',
    patterns: [
      new RegExp(
        `Warning: You did not specify a Vendor:Device \\(vvvv:dddd\\), unable to validate ${BDF_ANY}`,
      ),
    ],
    severity: 'warning',
    title: 'The bind script binds by address alone, unchecked',
    cause:
      "only an address was given, so the script cannot check that the device there is the intended one; it binds whatever sits at that address — and, with it, every other device of its IOMMU group. After a hardware change (a card added, moved or swapped, buses renumbered by a firmware update) that can be another device, such as the host's NIC or storage controller",
    fix: 'pass the Vendor:Device too (`vfio-pci-bind.sh 10de:1b81 0000:01:00.0`) so that the script stops when the hardware changed',
    render: render('', '0000:01:00.0'),
    examples: [
      ex('Warning: You did not specify a Vendor:Device (vvvv:dddd), unable to validate 0000:01:00.0', {
        bdf: '0000:01:00.0',
      }),
    ],
  }),
  bindEntry({
    id: 'tool.vfio-bind-domain-assumed',
    format: 'Warning: You did not supply a PCI domain, assuming %s',
    patterns: [new RegExp(`Warning: You did not supply a PCI domain, assuming ${BDF_ANY}`)],
    severity: 'info',
    title: 'The bind script assumed PCI domain 0000',
    cause:
      'the address was given as bus:device.function, so the script prefixed domain 0000. That is right on most desktops; on machines with more than one PCI domain (multi-segment servers, devices behind Intel VMD in domain 10000) the device may be in another domain, and the script then names a different device or none',
    fix: 'give the full address as `lspci -D` prints it (dddd:bb:dd.f)',
    render: render('', '0000:01:00.0'),
    examples: [
      ex('Warning: You did not supply a PCI domain, assuming 0000:01:00.0', { bdf: '0000:01:00.0' }),
    ],
  }),
  // ---- TrueNAS SCALE: GPU isolation settings ----
  {
    id: 'mgmt.truenas-gpu-not-available',
    source: 'userspace tool',
    cite: `${TRUENAS_GPU} validate_gpu_pci_ids()`,
    format: '%s GPU pci slot(s) are not available or a GPU is not configured.',
    versions:
      'a validation error of system.advanced.update_gpu_pci_ids (System → Advanced → Isolated GPU Device(s)), shown as "[EINVAL] gpu_settings.isolated_gpu_pci_ids: …"',
    patterns: [/GPU pci slot\(s\) are not available or a GPU is not configured/],
    severity: 'error',
    title: 'TrueNAS does not see a GPU at the slot chosen for isolation',
    cause:
      'the slots to isolate are checked against the GPUs TrueNAS detects (device.get_gpus); these are not among them: the card was removed or moved to another slot since it was isolated, or the address was never a GPU\'s (the setting keeps the old slot and shows it as "Unknown … slot")',
    fix: 'open System → Advanced → Isolated GPU Device(s) and pick the GPU again from the list (it offers only detected GPUs); remove slots of cards that are gone',
    render: render('[EINVAL] gpu_settings.isolated_gpu_pci_ids: ', '0000:2d:00.0'),
    examples: [
      ex(
        '[EINVAL] gpu_settings.isolated_gpu_pci_ids: 0000:2d:00.0 GPU pci slot(s) are not available or a GPU is not configured.',
      ),
    ],
  },
  {
    id: 'mgmt.truenas-gpu-critical',
    source: 'userspace tool',
    cite: `${TRUENAS_GPU} validate_gpu_pci_ids() (uses_system_critical_devices from get_gpus())`,
    format: '%s GPU pci slot(s) consists of devices which cannot be isolated from host.',
    versions:
      'the GPU choice list labels such a GPU "(System Critical)"; its reason reads "Critical devices found in same IOMMU group: …"',
    patterns: [/GPU pci slot\(s\) consists of devices which cannot be isolated from host/],
    severity: 'error',
    title: 'TrueNAS refuses to isolate a GPU whose IOMMU group holds devices the host needs',
    cause:
      "isolating a GPU binds every device of its IOMMU group to vfio-pci at boot; TrueNAS marks a GPU as using system-critical devices when a device it needs for itself shares that group (a bridge, SMBus or other chipset function, a storage controller, or the host's own console GPU such as a BMC's ASPEED), and refuses it so that the host does not lose them",
    fix: 'move the GPU to a slot whose IOMMU group holds only the GPU and its own functions (usually a CPU-attached slot), or enable a separate IOMMU group for it in the firmware (ACS, "PCIe ARI"/"IOMMU per slot" options where offered); the console GPU cannot be isolated',
    render: render('[EINVAL] gpu_settings.isolated_gpu_pci_ids: ', '0000:03:00.0'),
    examples: [
      ex(
        '[EINVAL] gpu_settings.isolated_gpu_pci_ids: 0000:03:00.0 GPU pci slot(s) consists of devices which cannot be isolated from host.',
      ),
    ],
  },
  {
    id: 'mgmt.truenas-gpu-host-needs-one',
    source: 'userspace tool',
    cite: `${TRUENAS_GPU} validate_gpu_pci_ids()`,
    format: 'A minimum of 1 GPU is required for the host to ensure it functions as desired.',
    patterns: [/A minimum of 1 GPU is required for the host to ensure it functions as desired/],
    severity: 'error',
    title: 'TrueNAS keeps at least one GPU for the host',
    cause:
      "every GPU TrueNAS detects would be isolated for VMs; it refuses, because the host needs one for its console. A BMC's onboard graphics counts as a GPU here, so on boards without one the only add-in GPU cannot be isolated",
    fix: 'leave one GPU (the onboard or BMC graphics, or a cheap second card) unisolated; to hand the only GPU to a VM, add it to the VM as a PCI passthrough device instead (it is then detached only while the VM runs)',
    render: render('[EINVAL] gpu_settings.isolated_gpu_pci_ids: '),
    examples: [
      ex(
        '[EINVAL] gpu_settings.isolated_gpu_pci_ids: A minimum of 1 GPU is required for the host to ensure it functions as desired.',
      ),
    ],
  },
  {
    id: 'mgmt.truenas-ha-no-passthrough',
    source: 'userspace tool',
    cite: `${TRUENAS_GPU} update_gpu_pci_ids()`,
    format: 'HA capable systems do not support PCI passthrough',
    patterns: [/HA capable systems do not support PCI passthrough/],
    severity: 'error',
    title: 'TrueNAS HA systems do not isolate GPUs',
    cause:
      'the system is HA capable (a dual-controller TrueNAS appliance), and TrueNAS does not allow isolating GPUs for passthrough on those at all',
    fix: 'none on this system: PCI passthrough needs a non-HA TrueNAS system',
    render: render('[EINVAL] gpu_settings.isolated_gpu_pci_ids: '),
    examples: [
      ex('[EINVAL] gpu_settings.isolated_gpu_pci_ids: HA capable systems do not support PCI passthrough'),
    ],
  },
  // ---- Kubernetes device plugins ----
  {
    id: 'mgmt.sriovdp-empty-pool',
    source: 'kubernetes',
    cite: `${SRIOV_DP} initServers()`,
    format: 'no devices in device pool, skipping creating resource server for %s',
    patterns: [/no devices in device pool, skipping creating resource server for (?<resource>[\w.-]{1,100})/],
    severity: 'warning',
    title: 'The SR-IOV device plugin found no device for a resource',
    cause:
      "the plugin builds each resource from the selectors in its config (vendors, devices, drivers, pfNames, rootDevices, …) over the devices it found at start; none matched all of them, so the resource is not advertised and pods that request it stay Pending (Insufficient RESOURCE). Common causes: the VFs did not exist yet when the plugin started (sriov_numvfs still 0), the drivers selector says vfio-pci but the VFs are still on their kernel driver (iavf, mlx5_core) or the other way round, the devices selector holds the PF's ID instead of the VF's, or pfNames names another interface",
    fix: 'compare the selectors with `lspci -nnk` on the node (VF IDs and drivers); create and bind the VFs before the plugin starts, then restart the plugin pod (it reads the devices at start); with the SR-IOV operator, check the SriovNetworkNodePolicy (deviceType vfio-pci, nicSelector, numVfs)',
    render: render('I0312 09:15:02.114521       1 manager.go:200] ', 'intel_sriov_dpdk'),
    examples: [
      ex(
        'I0312 09:15:02.114521       1 manager.go:200] no devices in device pool, skipping creating resource server for intel_sriov_dpdk',
        {
          resource: 'intel_sriov_dpdk',
        },
      ),
    ],
  },
  {
    id: 'mgmt.nvidia-dp-start-failed',
    source: 'kubevirt',
    cite: `${NV_KV_DP} createDevicePlugins() (GenericDevicePlugin.Start())`,
    format: 'Error starting %s device plugin: %v',
    patterns: [/Error starting (?<name>[\w.-]{1,120}) device plugin: (?<err>[^\n]{1,300})/],
    severity: 'error',
    title: "NVIDIA's KubeVirt GPU device plugin could not serve a GPU type",
    cause:
      "for each GPU model bound to vfio-pci (and each vGPU type) the plugin starts a gRPC server on a socket in the kubelet's device-plugin directory and registers it with the kubelet; that failed for this one, so the kubelet never gets the resource and VMs asking for it cannot be scheduled. The error after the colon says where: the socket directory (/var/lib/kubelet/device-plugins) not mounted into the pod or at another path on this distribution, the kubelet not running or refusing the registration",
    fix: "check the DaemonSet mounts the kubelet's device-plugins directory at the path this node's kubelet uses (k3s/RKE2 and some distributions differ), that the kubelet runs, then restart the plugin pod and check the node's allocatable resources (`kubectl describe node`)",
    render: render('2024/05/02 11:20:31 ', 'TU104GL_TESLA_T4', 'context deadline exceeded'),
    examples: [
      ex('2024/05/02 11:20:31 Error starting TU104GL_TESLA_T4 device plugin: context deadline exceeded', {
        name: 'TU104GL_TESLA_T4',
      }),
    ],
  },
  // ---- Harvester PCI device controller ----
  {
    id: 'mgmt.harvester-unclaimed-vfio',
    source: 'kubevirt',
    cite: `${HARVESTER_PDC} reconcilePCIDeviceClaims()`,
    format: 'PCI Device %s is bound to vfio-pci but has no Claim, attempting to unbind',
    versions:
      "the pcidevices controller of Harvester's PCI passthrough add-on, every 20 s; newer releases reconcile claims differently",
    patterns: [
      new RegExp(`PCI Device ${BDF_ANY} is bound to vfio-pci but has no Claim, attempting to unbind`),
    ],
    severity: 'warning',
    title: 'Harvester takes a device off vfio-pci because nothing claimed it',
    cause:
      'the controller treats its PCIDeviceClaims as the only source of passthrough: a device on vfio-pci on this node without a claim — bound by hand, by vfio-pci.ids= on the kernel command line or by a script — is unbound from vfio-pci on every reconcile, so a binding made outside Harvester does not last',
    fix: 'enable passthrough for the device in Harvester (Advanced → PCI Devices → Enable Passthrough, which creates the PCIDeviceClaim) instead of binding it yourself, and drop the manual binding',
    render: render('', '0000:3b:00.0'),
    examples: [
      ex(
        'time="2023-03-14T10:02:11Z" level=info msg="PCI Device 0000:3b:00.0 is bound to vfio-pci but has no Claim, attempting to unbind"',
        { bdf: '0000:3b:00.0' },
      ),
    ],
  },
  // ---- oVirt VDSM host devices ----
  {
    id: 'mgmt.vdsm-no-iommu',
    source: 'userspace tool',
    cite: `${VDSM_HOSTDEV} detach_detachable() (raises NoIOMMUSupportException)`,
    format: 'hostdev passthrough without iommu',
    versions:
      'in vdsm.log as "NoIOMMUSupportException: hostdev passthrough without iommu" when a VM with a host device starts',
    patterns: [/hostdev passthrough without iommu/],
    severity: 'error',
    title: 'oVirt (VDSM) cannot pass through a device without an IOMMU group',
    cause:
      "before detaching a PCI device for a VM, VDSM reads its IOMMU group from libvirt's node device description; the device has none, so the host's IOMMU is not enabled (VT-d / AMD-Vi off in the firmware, or intel_iommu=on missing from the host's kernel command line)",
    fix: 'enable VT-d / AMD-Vi in the firmware; in the oVirt administration portal edit the host → Kernel → tick "Hostdev Passthrough & SR-IOV" (adds intel_iommu=on), reinstall the host and reboot it; `ls /sys/kernel/iommu_groups` must not be empty',
    render: render('NoIOMMUSupportException: '),
    examples: [ex('vdsm.common.hostdev.NoIOMMUSupportException: hostdev passthrough without iommu')],
  },
  {
    id: 'mgmt.vdsm-pf-no-netdev',
    source: 'userspace tool',
    cite: `${VDSM_HOSTDEV} physical_function_net_name() (called by change_numvfs())`,
    format: 'could not determine network name for %s. There are nodevices with this parent.',
    versions:
      'the source joins two strings without a space, so it prints "There are nodevices with this parent." (and "Possibledevices: …" when there are several)',
    patterns: [
      /could not determine network name for (?<dev>pci_[0-9a-f_]{10,20})\. (?<what>There are no ?devices with this parent|Possible ?devices)/,
    ],
    severity: 'error',
    title: "oVirt (VDSM) cannot find the SR-IOV physical function's network interface",
    cause:
      'to change the number of VFs, VDSM looks for the network interface libvirt lists under the physical function; there is none (the PF is not on its kernel NIC driver — bound to vfio-pci, or not a NIC) or there are several, so it cannot write sriov_numvfs through the interface and stops',
    fix: 'keep the physical function on its kernel network driver (`lspci -nnk -s ADDRESS`) and pass through its VFs, not the PF; refresh the host capabilities in oVirt after fixing the binding',
    render: render('', 'pci_0000_02_00_0'),
    examples: [
      ex(
        'Exception: could not determine network name for pci_0000_02_00_0. There are nodevices with this parent.',
        {
          dev: 'pci_0000_02_00_0',
        },
      ),
    ],
  },
  // ---- initramfs generators: dracut and mkinitcpio ----
  {
    id: 'initramfs.dracut-install-failed',
    source: 'userspace tool',
    cite: `${DRACUT} dracut-init.sh instmods() (derror "FAILED: " with the dracut-install command line)`,
    format: 'FAILED: %s',
    versions:
      'printed as "dracut: FAILED:  /usr/lib/dracut/dracut-install -D /var/tmp/dracut.XXXXXX/initramfs … -m MODULE…" (newer dracut: "dracut[E]: FAILED: …"), after dracut-install\'s own "dracut-install: Failed to find module \'NAME\'"',
    patterns: [/FAILED: {1,2}\S{0,80}dracut-install (?<args>[^\n]{1,600})/],
    severity: 'error',
    title: 'dracut could not put kernel modules into the initramfs',
    cause:
      'dracut hands the modules it was asked for (add_drivers / force_drivers in dracut.conf.d, --add-drivers, or a dracut module\'s own list) to dracut-install, which copies each one with its dependencies for the target kernel; it failed for at least one of the modules after -m — the line before ("dracut-install: Failed to find module …") names it. A module that does not exist for that kernel is the usual reason: a name that changed, a module built into the kernel, or one that no longer exists',
    fix: 'remove or correct the module named on the line before in /etc/dracut.conf.d/*.conf (check a name with `modinfo -k KERNEL NAME`), then rebuild with `dracut -f --kver KERNEL`; check the result with `lsinitrd | grep vfio`',
    refine: (f) =>
      /\bvfio_virqfd\b/.test(f.args ?? '')
        ? {
            title: 'dracut was asked for vfio_virqfd, which newer kernels do not have',
            cause:
              'the list after -m includes vfio_virqfd: since Linux 6.2 its code is part of the vfio module and there is no vfio_virqfd module any more, so dracut-install cannot find it (set-up scripts and guides written for older kernels still add it to add_drivers / force_drivers). vfio, vfio_iommu_type1 and vfio_pci themselves are fine',
            fix: 'drop vfio_virqfd from add_drivers / force_drivers in /etc/dracut.conf.d/*.conf (keep " vfio vfio_iommu_type1 vfio_pci "), rebuild with `dracut -f --kver KERNEL` and check `lsinitrd | grep vfio`',
          }
        : undefined,
    render: render(
      'dracut: ',
      ' /usr/lib/dracut/dracut-install -D /var/tmp/dracut.Xq3LpA/initramfs -m vfio vfio_pci vfio_virqfd',
    ),
    examples: [
      ex(
        'dracut: FAILED:  /usr/lib/dracut/dracut-install -D /var/tmp/dracut.Xq3LpA/initramfs --kerneldir /lib/modules/6.8.9-300.fc40.x86_64/ -m vfio vfio_iommu_type1 vfio_pci vfio_virqfd',
        {
          args: '-D /var/tmp/dracut.Xq3LpA/initramfs --kerneldir /lib/modules/6.8.9-300.fc40.x86_64/ -m vfio vfio_iommu_type1 vfio_pci vfio_virqfd',
        },
      ),
    ],
  },
  {
    id: 'initramfs.dracut-conf-spacing',
    source: 'userspace tool',
    cite: `${DRACUT} dracut.sh check_conf_file()`,
    format: '<key>+=" <values> ": <values> should have surrounding white spaces!',
    versions:
      'followed by "This will lead to unwanted side effects! Please fix the configuration file."; the grep output just above names each offending FILE:line (older dracut: "dracut: WARNING: …", newer "dracut[W]: …")',
    patterns: [/<values> should have surrounding white spaces!/],
    severity: 'warning',
    title: 'A dracut.conf.d line appends values without the spaces dracut needs',
    cause:
      'dracut joins the values of every add_drivers+=, force_drivers+=, add_dracutmodules+= … line by plain string concatenation, so each value must start and end with a space inside its quotes; a line like add_drivers+="vfio vfio_iommu_type1 vfio_pci" glues its first and last module to the neighbouring lines\' (e.g. "…nvmevfio"), and those names then do not exist — the vfio modules go missing from the initramfs, or dracut-install fails on the glued name',
    fix: 'write the value with a space on both sides inside the quotes: add_drivers+=" vfio vfio_iommu_type1 vfio_pci " (the file and line are printed just above), then `dracut -f`',
    render: render('dracut[W]: '),
    examples: [
      ex(
        'dracut: WARNING: <key>+=" <values> ": <values> should have surrounding white spaces!',
        undefined,
        'https://github.com/stackhpc/stackhpc-kayobe-config/pull/2435',
      ),
    ],
  },
  {
    id: 'initramfs.dracut-output-dir-missing',
    source: 'userspace tool',
    cite: `${DRACUT} dracut.sh (the output checks before the build: dfatal "Can't write to $outdir: …")`,
    format: "Can't write to %s: Directory %s does not exist or is not accessible.",
    versions:
      'the same checks print "No permission to write to $outdir." and "No permission to write $outfile." when not run as root',
    patterns: [
      /Can't write to (?<dir>\/[^\s:]{1,200}): Directory \S{1,200} does not exist or is not accessible/,
      /No permission to write (?:to )?(?<target>\/[\w./+-]{0,200}[\w/+-])/,
    ],
    severity: 'error',
    title: 'dracut has nowhere to write the initramfs',
    cause:
      'run without an output file, dracut picks one itself: when a directory named after the machine-id exists under /efi, /boot or /boot/efi (the layout systemd-boot and kernel-install use), it writes to MACHINE-ID/KERNEL/initrd there, else to /boot/initramfs-KERNEL.img. Here that directory does not exist (a machine-id directory left on the ESP while the kernels are booted through GRUB from /boot), so dracut stops and no initramfs with the new vfio settings is written',
    fix: "give the output path yourself (`dracut -f /boot/initramfs-$(uname -r).img $(uname -r)`, the name your boot loader loads), or rebuild through the distribution's own tool (kernel-install add, dracut-rebuild, mkinitcpio -P); remove a stale machine-id directory from the ESP if nothing boots from it",
    refine: (f) =>
      f.target
        ? {
            title: 'dracut may not write the initramfs',
            cause: `dracut is not allowed to write ${f.target}: it was run without root (or the directory is on a read-only file system), so no initramfs was built`,
            fix: 'run it with sudo (`sudo dracut -f`); check that /boot (or the ESP) is mounted read-write',
          }
        : undefined,
    render: render('dracut: ', '/boot/efi/843f973e/6.6.22-1-lts', '/boot/efi/843f973e/6.6.22-1-lts'),
    examples: [
      ex(
        "dracut: Can't write to /boot/efi/843f973e33514afdb46423d177c1bd29/6.6.22-1-lts: Directory /boot/efi/843f973e33514afdb46423d177c1bd29/6.6.22-1-lts does not exist or is not accessible.",
        { dir: '/boot/efi/843f973e33514afdb46423d177c1bd29/6.6.22-1-lts' },
        'https://github.com/HikariKnight/quickpassthrough/issues/22',
      ),
      ex('dracut: No permission to write to /boot.', { target: '/boot' }),
    ],
  },
  {
    id: 'initramfs.dracut-needs-force',
    source: 'userspace tool',
    cite: `${DRACUT} dracut.sh (dfatal "Will not override existing initramfs ($outfile) without --force")`,
    format: 'Will not override existing initramfs (%s) without --force',
    patterns: [/Will not override existing initramfs \((?<file>[^)\n]{1,200})\) without --force/],
    severity: 'error',
    title: 'dracut did not rebuild the initramfs (no --force)',
    cause:
      'an initramfs already exists at that path and dracut replaces one only with -f / --force; it stopped, so the old image stays — vfio-pci ids, softdeps or force_drivers changed since are not in it and the next boot binds the devices as before',
    fix: 'rebuild with `dracut -f` (or `dracut -f --kver KERNEL` for another kernel), then reboot; `lsinitrd | grep -e vfio -e modprobe.d` shows what the image holds',
    render: render('dracut: ', '/boot/initramfs-6.9.1.img'),
    examples: [
      ex(
        'dracut: Will not override existing initramfs (/boot/initramfs-6.5.6-300.fc39.x86_64.img) without --force',
        {
          file: '/boot/initramfs-6.5.6-300.fc39.x86_64.img',
        },
      ),
    ],
  },
  {
    id: 'initramfs.mkinitcpio-incomplete',
    source: 'userspace tool',
    cite: `${MKINITCPIO} build_image() (warning when _builderrors is set)`,
    format: 'errors were encountered during the build. The image may not be complete.',
    versions:
      'printed as "==> WARNING: errors were encountered during the build. The image may not be complete." after the image is written',
    patterns: [/errors were encountered during the build\. The image may not be complete/],
    severity: 'warning',
    title: 'mkinitcpio wrote an initramfs with something missing',
    cause:
      'mkinitcpio went on after an error in one of its steps and wrote the image anyway, without what failed; the error itself is printed earlier in the same run, most often "==> ERROR: module not found: \'NAME\'" for a name in MODULES= (such as vfio_virqfd on kernels 6.2 and later). If vfio modules were the ones that failed, vfio-pci is not loaded early and the host driver can take the device first',
    fix: 'scroll up to the "==> ERROR:" lines of the same preset, fix MODULES= / HOOKS= in /etc/mkinitcpio.conf (and /etc/mkinitcpio.conf.d/), rebuild with `mkinitcpio -P` until no warning is left; `lsinitcpio /boot/initramfs-linux.img | grep vfio` shows what is inside',
    render: render('==> WARNING: '),
    examples: [ex('==> WARNING: errors were encountered during the build. The image may not be complete.')],
  },
  // ---- quickpassthrough ----
  {
    id: 'tool.quickpassthrough-cmdline-tool-failed',
    source: 'userspace tool',
    cite: `${QPT} Set_KernelStub() / Set_Grubby() (common.ErrorCheck prints "FATAL: %s\\n%s\\nAborting")`,
    format: 'Error, kernelstub command returned exit code 1',
    versions:
      'also "Error, grubby command returned exit code 1"; the command and its output are in quickpassthrough\'s debug log',
    patterns: [/Error, (?<tool>kernelstub|grubby) command returned exit code 1/],
    severity: 'error',
    title: 'quickpassthrough could not add the kernel arguments',
    cause:
      'to put iommu=pt, amd_iommu=on / intel_iommu=on and vfio_pci.ids=… on the kernel command line, quickpassthrough runs `kernelstub -a "ARGS"` (Pop!_OS, systemd-boot) or `grubby --update-kernel=ALL --args=ARGS` (Fedora) through sudo, and that command failed; quickpassthrough aborts, so the boot entries are unchanged and the GPU will not be on vfio-pci after reboot',
    fix: 'run the same command by hand (it is in the debug log) to see its error — kernelstub reports a kernel or initrd it cannot find, or an ESP it cannot write; fix that and run quickpassthrough again, or add the arguments yourself',
    render: render(''),
    examples: [
      ex('Error, kernelstub command returned exit code 1', { tool: 'kernelstub' }),
      ex('Error, grubby command returned exit code 1', { tool: 'grubby' }),
    ],
  },
  {
    id: 'tool.quickpassthrough-no-grub-mkconfig',
    source: 'userspace tool',
    cite: `${QPT} Set_Grub2()`,
    format: 'neither grub-mkconfig or grub2-mkconfig found',
    patterns: [/neither grub-mkconfig or grub2-mkconfig found/],
    severity: 'error',
    title: 'quickpassthrough found no grub-mkconfig to apply the kernel arguments',
    cause:
      'for GRUB systems quickpassthrough writes the arguments into /etc/default/grub and regenerates grub.cfg with grub-mkconfig or grub2-mkconfig; neither is in the PATH it runs with, so it aborts after copying /etc/default/grub — the new arguments are in that file but not in grub.cfg. On systems booting with systemd-boot or another loader there is no GRUB to update',
    fix: "if the system boots with GRUB, install its tools (grub / grub2-tools) and run `grub-mkconfig -o /boot/grub/grub.cfg` (or grub2-mkconfig with the distribution's path); otherwise add the arguments with the boot loader actually used (kernelstub, /etc/kernel/cmdline, the loader entry)",
    render: render(''),
    examples: [ex('neither grub-mkconfig or grub2-mkconfig found')],
  },
  {
    id: 'tool.quickpassthrough-grub-update-failed',
    source: 'userspace tool',
    cite: `${QPT} Set_Grub2()`,
    format: 'Failed to update /boot/grub/grub.cfg',
    versions:
      'printed with this path even when grub2-mkconfig wrote /boot/grub2/grub.cfg; the mkconfig output is in the debug log',
    patterns: [/^Failed to update \/boot\/grub2?\/grub\.cfg$/],
    severity: 'error',
    title: 'quickpassthrough could not regenerate grub.cfg',
    cause:
      'grub-mkconfig (or grub2-mkconfig) failed after quickpassthrough rewrote the GRUB_CMDLINE_LINUX lines of /etc/default/grub: usually an error in /etc/default/grub (which grub-mkconfig runs as shell code), or /boot not mounted or read-only; the new kernel arguments are therefore not in the boot menu',
    fix: 'run `sudo grub-mkconfig -o /boot/grub/grub.cfg` (grub2-mkconfig with /boot/grub2/grub.cfg on Fedora/RHEL) to see the error, check the edited GRUB_CMDLINE_LINUX_DEFAULT line (quickpassthrough keeps a copy of the original under backup/), fix it and run it again',
    render: render(''),
    examples: [ex('Failed to update /boot/grub/grub.cfg')],
  },
  {
    id: 'tool.quickpassthrough-permissions',
    source: 'userspace tool',
    cite: 'HikariKnight/quickpassthrough internal/common/errors.go ErrorCheck() (PermissionNotice)',
    format: 'Permissions error occured during file operations.',
    patterns: [/Permissions error occured during file operations/],
    severity: 'error',
    title: 'quickpassthrough hit a permission error on its own files',
    cause:
      'quickpassthrough builds the new configuration in config/ and backup/ beside itself and copies it to /etc with sudo; a file operation failed with a permission error — as its own hint says, typically because an earlier run as root or with sudo left those directories owned by root, and this run is as a normal user',
    fix: 'run quickpassthrough the same way as before (as root or with sudo), or remove or chown the config/ and backup/ directories it left (keep backup/ if you need the original files), then run it again',
    render: render(''),
    examples: [ex('Permissions error occured during file operations.')],
  },
  // ---- virt-manager ----
  {
    id: 'mgmt.virt-manager-hostdev-in-use',
    source: 'virt-manager',
    cite: `${VIRT_MANAGER_ADDHW} the host device page's validation (_validate_page_hostdev)`,
    format: 'The device is already in use by other guests %s',
    versions: 'asked with "Do you really want to use the device?" when adding a PCI or USB host device',
    patterns: [/The device is already in use by other guests (?<vms>\[[^\]\n]{1,200}\])/],
    severity: 'warning',
    title: 'Another VM definition already has this host device',
    cause:
      "virt-manager found the same host device in another VM's configuration (running or not). Both definitions may keep it, but only one VM can have it at a time: starting the second while the first runs fails in libvirt with the device in use by the other domain, and with managed='yes' stopping either one hands the device back to the host driver",
    fix: 'answer Yes only if the VMs never run at the same time; otherwise remove the device from the other VM (Details → the PCI/USB host device → Remove) or pick another device',
    render: render('', "['win10']"),
    examples: [ex("The device is already in use by other guests ['win10']", { vms: "['win10']" })],
  },
  // ---- SR-IOV network device plugin: configuration ----
  {
    id: 'mgmt.sriovdp-device-already-allocated',
    source: 'kubernetes',
    cite: `${SRIOV_DP} excludeAllocatedDevices() (called from initServers())`,
    format: 'Cannot add device [%s]. Already allocated.',
    patterns: [/Cannot add device \[(?<dev>[^\]\n]{1,64})\]\. Already allocated/],
    severity: 'warning',
    title: 'The SR-IOV device plugin left a device out of a second resource',
    cause:
      'each device goes to the first resource (in config order, selector by selector) whose selectors match it; this device\'s address also matches a later resource\'s selectors, so it is left out of that one. A resource whose selectors match only devices already taken ends up empty ("no devices in device pool") and is not advertised',
    fix: 'make the resources\' selectors disjoint: give each its own VF range (pfNames: ["ens1f0#0-3"], ["ens1f0#4-7"]), driver (drivers: ["vfio-pci"] vs ["iavf"]) or device ID, then restart the plugin pod',
    render: render('W0312 09:15:02.114480       1 manager.go:241] ', '0000:3b:02.1'),
    examples: [
      ex(
        'W0312 09:15:02.114480       1 manager.go:241] Cannot add device [0000:3b:02.1]. Already allocated.',
        {
          dev: '0000:3b:02.1',
        },
      ),
    ],
  },
  {
    id: 'mgmt.sriovdp-resource-name-invalid',
    source: 'kubernetes',
    cite: `${SRIOV_DP} validConfigs() (utils.ValidResourceName: ^[a-zA-Z0-9_]+$)`,
    format: 'resource name "%s" contains invalid characters',
    patterns: [/resource name "(?<name>[^"\n]{1,120})" contains invalid characters/],
    severity: 'error',
    title: 'The SR-IOV device plugin refuses a resource name',
    cause:
      'a resourceName in the plugin\'s config may hold only letters, digits and underscores; this one has something else (a dash, dot or slash — the "intel.com/" part belongs in resourcePrefix), so the configuration is rejected and the plugin advertises none of its resources',
    fix: 'rename it (e.g. intel_sriov_dpdk), put any vendor prefix in resourcePrefix, update the NetworkAttachmentDefinitions and pod requests that name it, and restart the plugin',
    render: render('E0312 09:15:02.101022       1 manager.go:152] ', 'intel-sriov-dpdk'),
    examples: [
      ex(
        'E0312 09:15:02.101022       1 manager.go:152] resource name "intel-sriov-dpdk" contains invalid characters',
        {
          name: 'intel-sriov-dpdk',
        },
      ),
    ],
  },
  // ---- vfio-pci-bind.sh: one more check ----
  bindEntry({
    id: 'tool.vfio-bind-id-unresolvable',
    format: 'Error: Unable to find Domain:Bus:Device.Function for Vendor:Device %s',
    patterns: [new RegExp(`Error: Unable to find Domain:Bus:Device\\.Function for Vendor:Device ${VD}`)],
    title: 'The bind script could not turn the Vendor:Device into an address',
    cause:
      'exactly one device has the ID, but the address lspci printed for it matched neither form the script accepts (bb:dd.f or dddd:bb:dd.f) — lspci printing something else, for instance a warning, before the address',
    fix: 'give the address yourself (`vfio-pci-bind.sh 0000:01:00.0 VENDOR:DEVICE`); check what `lspci -n -d VENDOR:DEVICE` prints',
    render: render('', '10de:1b81'),
    examples: [
      ex('Error: Unable to find Domain:Bus:Device.Function for Vendor:Device 10de:1b81', { id: '10de:1b81' }),
    ],
  }),
  // ---- dkms: two more stops on the way to a built module ----
  {
    id: 'dkms.headers-missing',
    source: 'userspace tool',
    cite: `${DKMS} (the kernel source check before a build; dkms's own run_test.sh expects this wording)`,
    format:
      'Your kernel headers for kernel %s cannot be found at /lib/modules/%s/build or /lib/modules/%s/source.',
    versions:
      'printed as "Error! Your kernel headers …", followed by "Please install the linux-headers-VERSION package or use the --kernelsourcedir option to tell DKMS where it\'s located." (older dkms: "… cannot be found." and "Please install the linux-headers-VERSION package,")',
    patterns: [/Your kernel headers for kernel (?<kernel>[^\s]{1,100}) cannot be found/],
    severity: 'error',
    title: 'dkms has no kernel headers to build the module against',
    cause:
      "dkms builds each module against /lib/modules/KERNEL/build, which the kernel's headers package provides, and it is missing for this kernel: the headers were never installed, or a new kernel came without its headers. The module (vendor-reset, kvmfr, an NVIDIA or AMD driver) is then not built for that kernel and is missing when it boots",
    fix: 'install the headers for exactly that kernel — linux-headers-KERNEL (Debian/Ubuntu), proxmox-headers-X.Y (older: pve-headers; `apt install proxmox-default-headers` keeps them following the kernel), kernel-devel-KERNEL (Fedora/RHEL), linux-headers / linux-lts-headers (Arch) — then `dkms autoinstall -k KERNEL`',
    render: render('Error! ', '6.8.12-4-pve', '6.8.12-4-pve', '6.8.12-4-pve'),
    examples: [
      ex(
        'Error! Your kernel headers for kernel 6.8.12-4-pve cannot be found at /lib/modules/6.8.12-4-pve/build or /lib/modules/6.8.12-4-pve/source.',
        { kernel: '6.8.12-4-pve' },
      ),
    ],
  },
  {
    id: 'dkms.already-added',
    source: 'userspace tool',
    cite: `${DKMS} add (the is_module_added check: "DKMS tree already contains: $module-$module_version", exit 3)`,
    format: 'DKMS tree already contains: %s-%s',
    versions: 'followed by "You cannot add the same module/version combo more than once."',
    patterns: [/DKMS tree already contains: (?<module>[\w.+-]{1,120})/],
    severity: 'warning',
    title: 'dkms already has this module version',
    cause:
      '`dkms add` (or `dkms install .` from the source directory, which adds first) refuses a module/version pair it already holds — an earlier install attempt left it registered, possibly in a failed state. Nothing is built by this command; the existing registration is what `dkms status` shows',
    fix: 'build and install the registered one with `dkms install MODULE/VERSION`, or remove it first (`dkms remove MODULE/VERSION --all`) and add it again — needed when the source changed without a new version number (a git checkout of vendor-reset with fixes, for instance)',
    render: render('Error! ', 'vendor-reset', '0.0.18'),
    examples: [
      ex(
        'Error! DKMS tree already contains: vendor-reset-0.0.18',
        { module: 'vendor-reset-0.0.18' },
        'https://github.com/gnif/vendor-reset/issues/9',
      ),
    ],
  },
  {
    id: 'dkms.build-exclusive',
    source: 'userspace tool',
    cite: `${DKMS} prepare_build() (read_conf_or_die sets build_exclude from BUILD_EXCLUSIVE_KERNEL, _KERNEL_MIN, _KERNEL_MAX, _ARCH and _CONFIG; dies with 77, "skipped due to BUILD_EXCLUSIVE")`,
    format:
      'The %s/dkms.conf for module %s includes a BUILD_EXCLUSIVE directive which does not match this kernel/arch/config.',
    versions:
      'followed by "This indicates that it should not be built."; dkms 3 prints it as "Warning: …" and names the module as MODULE/VERSION, dkms 2.8 as "Error! …" and ends with "kernel/arch."; dkms 2.2 said "The dkms.conf for this module includes …", with no path, wrapped after "which"',
    patterns: [
      /for module (?<module>[\w.+-]{1,80})(?:\/[\w.+~-]{1,60})?(?: |\n)includes a BUILD_EXCLUSIVE directive/,
      /dkms\.conf for this module includes a BUILD_EXCLUSIVE directive/,
    ],
    severity: 'info',
    title: 'dkms skipped a module whose dkms.conf excludes this kernel',
    cause:
      "the module's dkms.conf limits the kernels (BUILD_EXCLUSIVE_KERNEL, a regular expression, or _KERNEL_MIN/_KERNEL_MAX), architectures (_ARCH) or kernel options (_CONFIG) it may be built for, and this kernel is outside them, so dkms did not build it (exit 77) — by design, not a build failure. Harmless for a kernel you do not boot (another flavour, an old or a newer one the module does not yet support); for the kernel you boot it means the module (i915-sriov-dkms, vendor-reset, kvmfr, an NVIDIA or AMD driver) will be missing: `modprobe` then says it is not found",
    fix: 'read the limits with `grep BUILD_EXCLUSIVE /usr/src/MODULE-VERSION/dkms.conf`; boot a kernel inside them, or install a release of the module that supports this kernel (i915-sriov-dkms names its kernel range per release); `dkms status` shows for which kernels it is built',
    render: render(
      'Warning: ',
      '/var/lib/dkms/i915-sriov-dkms/2025.05.18/6.14.8-2-pve/x86_64',
      'i915-sriov-dkms/2025.05.18',
    ),
    examples: [
      ex(
        'Warning: The /var/lib/dkms/i915-sriov-dkms/2025.05.18/6.14.8-2-pve/x86_64/dkms.conf for module i915-sriov-dkms/2025.05.18 includes a BUILD_EXCLUSIVE directive which does not match this kernel/arch/config.\nThis indicates that it should not be built.',
        { module: 'i915-sriov-dkms' },
      ),
      ex(
        'Error! The /var/lib/dkms/vendor-reset/0.1.1/5.4.0-42-generic/x86_64/dkms.conf for module vendor-reset includes a BUILD_EXCLUSIVE directive which does not match this kernel/arch.\nThis indicates that it should not be built.',
        { module: 'vendor-reset' },
      ),
      ex(
        'Error!  The dkms.conf for this module includes a BUILD_EXCLUSIVE directive which\ndoes not match this kernel/arch.  This indicates that it should not be built.',
      ),
    ],
  },
  // ---- Harvester vGPU and cockpit-machines ----
  {
    id: 'mgmt.harvester-vgpu-type-unavailable',
    source: 'kubevirt',
    cite: 'harvester/pcidevices pkg/controller/gpudevice/vgpu_controller.go enableVGPU()',
    format: 'VGPUType specified %s is not available for vGPU %s',
    patterns: [
      /VGPUType specified (?<type>[^\n]{1,80}?) is not available for vGPU (?<addr>[0-9a-fA-F:.]{7,16})/,
    ],
    severity: 'error',
    title: 'Harvester cannot create a vGPU of the chosen type on this VF',
    cause:
      "to enable a vGPU, Harvester looks the requested type up in the VF's available types (its mdev_supported_types with instances left); it is not there. The list shrinks once another vGPU on the same GPU is enabled: NVIDIA's time-sliced vGPU allows only one profile size per GPU at a time (the controller re-reads the other VFs' types after each change), and every type is gone once the GPU's instances are used up",
    fix: "pick a type from the VF's current available types in the Harvester UI (vGPU Devices), the same profile as the vGPUs already enabled on that GPU, or disable those first; the type names come from the NVIDIA host driver (mdevctl types on the node lists them)",
    render: render('', 'NVIDIA A2-4Q', '0000:04:00.5'),
    examples: [
      ex(
        'time="2024-02-01T10:00:00Z" level=error msg="error syncing \'node1-000004001\': handler vgpu-device-reconcile: VGPUType specified NVIDIA A2-4Q is not available for vGPU 0000:04:00.5, requeuing"',
        { type: 'NVIDIA A2-4Q', addr: '0000:04:00.5' },
      ),
    ],
  },
  {
    id: 'mgmt.cockpit-hostdev-attach-failed',
    source: 'virt-manager',
    cite: "cockpit-project/cockpit-machines src/components/vm/hostdevs/hostDevAdd.jsx (the add dialog's domainAttachHostDevices() catch)",
    format: 'Host device could not be attached',
    versions: "a dialog error whose detail (shown under it) is libvirt's error message",
    patterns: [/^Host device could not be attached$/],
    severity: 'error',
    title: 'Cockpit could not attach the host device to the VM',
    cause:
      "Cockpit's Machines page asked libvirt to add the selected PCI or USB device to the VM (to the running VM too when it is running) and libvirt refused; this line only says that, the reason is libvirt's error shown as the detail underneath — the device in use by another VM, no IOMMU group, a hot-plug the running VM cannot take",
    fix: 'read the detail below the message (or `journalctl -u libvirtd -u virtqemud`); vfiokit diagnose explains that libvirt line too. For a running VM, adding the device while it is shut off avoids hot-plug limits',
    render: render(''),
    examples: [ex('Host device could not be attached')],
  },
  // ---- proxmox-boot-tool: which ESPs and boot loader get the kernel command line ----
  {
    id: 'proxmox.boot-esp-missing',
    source: 'proxmox',
    cite: `${PBT} _status_detail() / reinit() (and the refresh hooks through loop_esp_list)`,
    format: "WARN: %s does not exist - clean '%s'! - skipping",
    patterns: [
      /WARN: \/dev\/disk\/by-uuid\/(?<uuid>[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}) does not exist - clean '\/etc\/kernel\/proxmox-boot-uuids'! - skipping/,
    ],
    severity: 'warning',
    title: 'proxmox-boot-tool skips an ESP that no longer exists',
    cause:
      '/etc/kernel/proxmox-boot-uuids lists the EFI system partitions proxmox-boot-tool keeps in sync (kernels, initrds and the kernel command line); one of them has no partition any more — a replaced or removed disk, or an ESP formatted again with a new UUID — so it is skipped. Harmless if that disk is gone; but if the machine boots from an ESP that is not in the list, a `proxmox-boot-tool refresh` after changing the command line (intel_iommu=on, vfio-pci.ids=…) does not reach it',
    fix: "run `proxmox-boot-tool clean` to drop the stale UUID, `proxmox-boot-tool status` to see the ESPs left, and `proxmox-boot-tool init /dev/DISK-PART2` for a new disk's ESP (after `format` if needed); then `proxmox-boot-tool refresh`",
    render: render('', '/dev/disk/by-uuid/C231-F88C', '/etc/kernel/proxmox-boot-uuids'),
    examples: [
      ex(
        "WARN: /dev/disk/by-uuid/C231-F88C does not exist - clean '/etc/kernel/proxmox-boot-uuids'! - skipping",
        {
          uuid: 'C231-F88C',
        },
      ),
    ],
  },
  {
    id: 'proxmox.boot-esp-mode',
    source: 'proxmox',
    cite: `${PBT} _status_detail() (uefi when the ESP holds systemd-boot's loader.conf, grub when it holds a grub directory)`,
    format: '%s is configured with: %s',
    versions:
      'printed by `proxmox-boot-tool status` after "System currently booted with uefi" or "... with legacy bios"; result is "uefi (versions: …)", "grub (versions: …)" or both',
    patterns: [/(?<uuid>[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}) is configured with: (?<mode>uefi|grub)/],
    severity: 'info',
    title: 'Which boot loader proxmox-boot-tool keeps on this ESP',
    cause:
      'proxmox-boot-tool manages this ESP; "uefi" means systemd-boot, whose entries take the kernel command line from /etc/kernel/cmdline, "grub" means GRUB, which takes it from GRUB_CMDLINE_LINUX(_DEFAULT) in /etc/default/grub. Editing the other file changes nothing at boot — the usual reason intel_iommu=on or vfio-pci.ids=… never shows up in /proc/cmdline',
    fix: 'edit the file that belongs to the boot loader shown here, run `proxmox-boot-tool refresh`, reboot, and check `cat /proc/cmdline`',
    refine: (f) =>
      f.mode === 'grub'
        ? {
            cause:
              'this ESP is managed by proxmox-boot-tool with GRUB: the kernel command line comes from GRUB_CMDLINE_LINUX / GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub (and /etc/default/grub.d/*.cfg), not from /etc/kernel/cmdline, which only systemd-boot uses',
            fix: 'put the options into GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, run `proxmox-boot-tool refresh` (it runs update-grub for these ESPs), reboot and check `cat /proc/cmdline`',
          }
        : {
            cause:
              'this ESP is managed by proxmox-boot-tool with systemd-boot (typical for UEFI installs on ZFS): the kernel command line comes from the single line in /etc/kernel/cmdline, and /etc/default/grub is not used at all',
            fix: 'put the options on the one line of /etc/kernel/cmdline (after root=… boot=zfs), run `proxmox-boot-tool refresh`, reboot and check `cat /proc/cmdline`',
          },
    render: render('', '6D31-87F4', 'uefi (versions: 6.8.12-4-pve)'),
    examples: [
      ex('6D31-87F4 is configured with: uefi (versions: 6.8.12-4-pve, 6.8.12-8-pve)', {
        uuid: '6D31-87F4',
        mode: 'uefi',
      }),
      ex('27BA-C186 is configured with: grub (versions: 6.8.12-8-pve, 6.8.12-9-pve)', { mode: 'grub' }),
    ],
  },
];
