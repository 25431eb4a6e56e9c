/**
 * The binding and setup path around VFIO, swept for families of messages the earlier sweeps did
 * not cover: the driver core's own refusals (drivers/base/dd.c, driver.c), what the host GPU's
 * audio function prints when it is driven next to a passed-through GPU (sound/pci/hda), the module
 * tools a setup script runs (kmod's modprobe and rmmod), the boot configuration steps
 * (mkinitcpio, dracut, systemd-modules-load, grub-mkconfig sourcing /etc/default/grub), libvirt's
 * hook scripts, two SR-IOV lines of drivers/pci/iov.c, and DPDK's IOVA-mode and VFIO-module lines.
 * Every entry cites the file and function printing its format; the sysfs write failures of the
 * same path (bind, unbind, new_id, driver_override, remove, rescan, sriov_numvfs) are in
 * sysfs-bind.ts, whose errno tables (sysfs-errno.ts) the shell lines share. BIND_SETUP_ALSO and
 * BIND_SETUP_LEFT_OUT are this sweep's ledger for docs/diagnose-coverage.md.
 */
import { BDF, type CatalogueEntry, type Facts, type Refinement } from '../entry.js';
import { ex, RANGE, render } from './build.js';
import { shellReading } from './shell-script-sweep.js';
import { KVMGT_NO_GVT } from './virt-misses-sweep.js';

/** A kernel module name as the tools print it (dashes and underscores are the same module). */
const MODULE = '(?<module>[\\w-]{1,64})';

/**
 * What a module name that a tool could not find means, by name: the VFIO modules were renamed and
 * merged over the years, so a configuration written for one kernel names modules another lacks.
 */
function moduleNotFound(f: Facts): Refinement | undefined {
  const m = (f.module ?? '').replace(/-/g, '_');
  if (m === 'vfio_virqfd')
    return {
      severity: 'info',
      title: 'vfio_virqfd no longer exists (merged into vfio in Linux 6.2); harmless',
      cause:
        'since Linux 6.2 the code of vfio_virqfd is part of the vfio module itself (drivers/vfio/virqfd.c is built into vfio.ko), so there is no module of that name to load or put in the initramfs. Nothing is missing: loading vfio (and vfio-pci) gives everything it did',
      fix: 'remove vfio_virqfd from the list that names it: /etc/modules, /etc/modules-load.d/*.conf, MODULES=() in /etc/mkinitcpio.conf, add_drivers in /etc/dracut.conf.d/*.conf, /etc/initramfs-tools/modules; then rebuild the initramfs',
    };
  if (/^vfio_pci_core$|^vfio_iommu_type1$|^vfio$|^vfio_pci$/.test(m))
    return {
      cause: `${m} is not a module file of this kernel: either the kernel has it built in (CONFIG_VFIO*=y: nothing to load, and its options must then go on the kernel command line as ${m}.option=), or the modules of the kernel named were removed or never installed (a kernel update not yet booted into; Ubuntu ships some drivers in linux-modules-extra-VERSION). vfio_pci_core exists only on Linux 5.16 and later`,
      fix: `check \`grep -i vfio /lib/modules/$(uname -r)/modules.builtin\` (built in: drop it from the module lists) and \`ls /lib/modules/$(uname -r)/kernel/drivers/vfio\`; reboot into the kernel whose modules are installed`,
    };
  if (/^nvidia/.test(m))
    return {
      cause: `${m} is not built for this kernel: the NVIDIA driver is an out-of-tree module (DKMS or a distribution package) and has to be rebuilt for every new kernel; the build for this one failed or did not run`,
      fix: '`dkms status` shows which kernels it was built for; install the headers of the running kernel and rebuild (`dkms autoinstall`), or reinstall the driver package',
    };
  return undefined;
}

const MODULE_NOT_FOUND_CAUSE =
  'no module of that name exists for the kernel version in question: a misspelled name (vfio-pci and vfio_pci are the same module), a module that was merged or renamed (vfio_virqfd is part of vfio since Linux 6.2), a module built into the kernel, or an out-of-tree module (nvidia, vendor-reset) not built for this kernel';
const MODULE_NOT_FOUND_FIX =
  'check the name against `modinfo NAME` and `/lib/modules/$(uname -r)/modules.builtin`; remove names that no longer exist from the configuration that lists them and rebuild the initramfs';

/**
 * init_module() returned ENOSPC: a string parameter longer than the module's buffer for it
 * (kernel/params.c param_set_copystring()); vfio-pci's ids= is the one passthrough users overflow.
 */
function paramTooLong(mod: string): Refinement {
  return {
    cause:
      mod === 'vfio_pci'
        ? 'the ids= list is longer than vfio-pci keeps: the module holds it in a 1,024-byte buffer (module_param_string ids, drivers/vfio/pci/vfio_pci.c), and the kernel\'s string-parameter setter (kernel/params.c param_set_copystring()) refuses a longer value with ENOSPC and logs "ids: string doesn\'t fit in 1023 chars." — usually the same vendor:device IDs repeated, by a set-up script that appends them to /etc/modprobe.d on every run'
        : 'a string parameter is longer than the buffer the module keeps for it: the kernel\'s string-parameter setter (kernel/params.c param_set_copystring()) refuses it with ENOSPC and dmesg says "NAME: string doesn\'t fit in N chars."',
    fix:
      mod === 'vfio_pci'
        ? 'list each vendor:device ID once (one entry covers every card of that model) in the `options vfio-pci ids=…` line of /etc/modprobe.d/*.conf and in vfio-pci.ids= on the kernel command line, delete duplicate lines, update the initramfs (update-initramfs -u, dracut -f, mkinitcpio -P) and load it again'
        : 'dmesg names the parameter; shorten its value in the `options` line of /etc/modprobe.d and retry',
  };
}

/** What the kernel's other init_module() errnos mean for any module. */
const INSERT_BY_ERRNO: Record<string, Refinement> = {
  EINVAL: {
    cause:
      'the module refused a value: a parameter value of the wrong type (text for a number or boolean parameter, e.g. `options vfio-pci disable_idle_d3=maybe`), which the kernel\'s parameter parser rejects with EINVAL and reports in dmesg as "invalid for parameter", or the module\'s init rejected the system and printed why',
    fix: 'dmesg right after the modprobe names the parameter or the reason; fix the `options` line in /etc/modprobe.d and retry',
  },
  EBUSY: {
    cause:
      "the module's init returned EBUSY: most often a driver of the same name is already registered (dmesg: \"Driver 'NAME' is already registered, aborting...\"), e.g. the driver is also built into the kernel",
    fix: 'dmesg names the driver; if it is built in, configure it on the kernel command line instead of loading a module',
  },
  ENOEXEC: {
    cause:
      'ENOEXEC, which kmod prints as "Invalid module format": the module file was built for another kernel version or architecture — its vermagic (or symbol versions) does not match the running kernel; dmesg says "version magic \'…\' should be \'…\'" or "disagrees about version of symbol". Typical for an out-of-tree module (kvmfr for Looking Glass, vendor-reset, nvidia) compiled once and then loaded after a kernel update, or built against headers of a different kernel than the one running',
    fix: "rebuild it against the running kernel: install the headers for `uname -r` and rebuild (`dkms autoinstall`, or `make` in the module's directory), or install it through DKMS so every kernel update rebuilds it",
  },
  EPERM: {
    cause:
      'the kernel refused to load the module (EPERM). Most often that is Secure Boot: a kernel booted with Secure Boot is locked down, and lockdown refuses a module whose signature is missing or made with a key it does not trust (kernel/module/signing.c module_sig_check() asks security_locked_down(), which answers EPERM) — an out-of-tree module built by DKMS (a TPU, NIC or GPU driver, vendor-reset, inside a VM as well when its OVMF has Secure Boot on) signed with a Machine Owner Key that was never enrolled. Otherwise: kernel.modules_disabled=1, or a container without CAP_SYS_MODULE',
    fix: 'check `mokutil --sb-state` and dmesg ("Lockdown: modprobe: unsigned module loading is restricted"); enrol the DKMS signing key (`mokutil --import /var/lib/dkms/mok.pub`, then confirm it at the next boot) or turn Secure Boot off — in a VM, in its OVMF settings or by giving it firmware without Secure Boot; otherwise load the module on the host as root, early at boot if modules_disabled is set later',
  },
};

/** kmod's strerror() text for the init_module() errors a setup script meets. */
function refineInsert(f: Facts): Refinement | undefined {
  const err = f.err ?? '';
  const mod = (f.module ?? f.path ?? '').replace(/-/g, '_');
  // insmod's "could not load module PATH": the file itself could not be opened, before any kernel call.
  if (f.load)
    return {
      cause: /No such file/.test(err)
        ? `there is no file ${f.path}: insmod takes a path to a built .ko file (it does not search /lib/modules like modprobe) — the module was not built yet (no \`make\` in its source tree, or the build failed), it was built under another name or directory, or the path is relative to another directory than the current one`
        : `insmod could not open or read ${f.path} (${err}), so nothing was passed to the kernel`,
      fix: 'build the module first and give insmod the path make printed (`ls *.ko` in the build directory); once installed (`make install`, or DKMS), load it by name with `modprobe NAME` instead',
    };
  if (/Unknown symbol in module, or unknown parameter/.test(err))
    return {
      cause:
        'init_module() returned ENOENT: a parameter the module does not have (a typo in an `options` line of /etc/modprobe.d, e.g. `options vfio-pci id=…` for ids=, or an option another kernel version had), or a module built against a different kernel whose symbols this one lacks',
      fix: 'dmesg says which: "unknown parameter \'X\' ignored" or "Unknown symbol Y"; `modinfo -p MODULE` lists the parameters this kernel\'s module takes; rebuild out-of-tree modules for this kernel',
    };
  if (/Module already in kernel/.test(err))
    return {
      severity: 'info',
      cause:
        'the module is already loaded (modprobe --first-time was asked to fail in that case); nothing was changed',
      fix: 'nothing to do; to apply new options, unload it first (`modprobe -r`)',
    };
  // kmod's own text for ENOEXEC (libkmod mod_strerror), not strerror's "Exec format error".
  if (/Invalid module format|Exec format error/.test(err)) return INSERT_BY_ERRNO.ENOEXEC;
  if (/Key was rejected by service/.test(err))
    return {
      cause:
        'Secure Boot: the kernel accepts only signed modules and this one (an out-of-tree build: nvidia, vendor-reset, a DKMS module) is not signed with a key the firmware or MOK list trusts',
      fix: 'sign the module with an enrolled Machine Owner Key (DKMS can do it: `mokutil --import` its key, then reboot to enrol), or turn Secure Boot off',
    };
  switch (f.errno) {
    case 'ENODEV':
      if (mod === 'kvmgt') return KVMGT_NO_GVT; // i915 without GVT-g, not a device bound elsewhere
      return {
        severity: /^nvidia|^amdgpu|^nouveau|^radeon/.test(mod) ? 'warning' : 'error',
        cause: /^nvidia/.test(mod)
          ? 'the NVIDIA driver loaded no device: every NVIDIA GPU is already bound to another driver (vfio-pci or nouveau). Expected on a host whose NVIDIA GPUs are all reserved for guests'
          : 'the module found no device to drive (its init returned ENODEV): the device is bound to another driver (vfio-pci, for a device reserved for a guest) or not present',
        fix: 'nothing to do when the GPU is meant for a guest; otherwise `lspci -nnk` shows which driver holds it: unbind it from vfio-pci (and drop its ID from vfio-pci.ids=) or blacklist nouveau',
      };
    case 'ENOSPC':
      return paramTooLong(mod);
    default:
      return f.errno ? INSERT_BY_ERRNO[f.errno] : undefined;
  }
}

/** Who usually holds a module a passthrough script tries to unload. */
function refineInUse(f: Facts): Refinement | undefined {
  const m = (f.module ?? '').replace(/-/g, '_');
  if (/^nvidia/.test(m))
    return {
      cause: `${m} is still used: nvidia_drm, nvidia_modeset and nvidia_uvm depend on nvidia, and a display server, nvidia-persistenced or a CUDA program keeps the device open${f.holders ? ` (holders: ${f.holders.trim()})` : ''}`,
      fix: 'stop the display manager, nvidia-persistenced and GPU programs (`lsof /dev/nvidia*`), then unload in order: `modprobe -r nvidia_drm nvidia_modeset nvidia_uvm nvidia`; unbinding just the GPU (`echo ADDR > /sys/bus/pci/devices/ADDR/driver/unbind`) is often enough',
    };
  if (/^vfio/.test(m))
    return {
      cause: `${m} is in use: a VM (QEMU) or another VFIO user has a device of it open, or another vfio module depends on it${f.holders ? ` (holders: ${f.holders.trim()})` : ''}`,
      fix: 'shut the VM down first; unload the VFIO modules top-down (vfio_pci, then vfio_pci_core, vfio_iommu_type1, vfio)',
    };
  if (/^amdgpu$|^radeon$|^nouveau$|^i915$|^xe$/.test(m))
    return {
      cause: `${m} drives a display or console: the framebuffer console and the display server keep it in use`,
      fix: 'stop the display manager and unbind the virtual consoles (`echo 0 > /sys/class/vtconsole/vtcon1/bind`), or unbind just the GPU from the driver instead of unloading the module',
    };
  return undefined;
}

const DRIVER_CORE: CatalogueEntry[] = [
  {
    id: 'kernel.driver-already-bound',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/dd.c driver_bound()',
    format: '%s: device %s already bound\n',
    versions:
      'pr_warn() in every kernel since 2.6.x; some trees print it with dev_warn() as "driver_bound: device already bound"',
    patterns: [/driver_bound: device (?:(?<dev>[\w.:-]{1,64}) )?already bound/],
    severity: 'warning',
    title: 'The driver core found a device already bound when recording a binding',
    cause:
      "a consistency warning of the driver core: it was about to add the device to a driver's list of bound devices and found it already on one, so it kept the binding it had and ignored the new one. It points at a driver binding the device a second time (device_bind_driver() on a device it already holds), not at a wrong command",
    fix: 'see which driver holds the device (`readlink /sys/bus/pci/devices/ADDR/driver`); if it is not the one wanted, unbind and bind again; if it repeats, report it with the dmesg lines around it',
    render: render('', 'driver_bound', '0000:01:00.0'),
    examples: [ex('[  210.118231] driver_bound: device 0000:01:00.0 already bound', { dev: '0000:01:00.0' })],
  },
  {
    id: 'kernel.driver-already-registered',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/driver.c driver_register()',
    format: "Error: Driver '%s' is already registered, aborting...\n",
    patterns: [/Driver ['"](?<driver>[^'"\n]{1,64})['"] is already registered, aborting/],
    severity: 'error',
    title: 'A module tried to register a driver name that is already taken',
    cause:
      'driver_register() found a driver of the same name on the bus and refused with EBUSY, so the module did not load (modprobe/insmod: "Device or resource busy"): the same driver twice under two module files (an out-of-tree or patched build of a driver the kernel already has built in or loaded), or two modules registering one name',
    fix: 'find who has the name (`ls /sys/bus/*/drivers/NAME`, `grep NAME /lib/modules/$(uname -r)/modules.builtin`); load only one of them — a built-in driver is configured on the kernel command line, not by loading a module',
    refine: (f) =>
      f.driver === 'pcspkr'
        ? {
            severity: 'info',
            cause:
              'pcspkr and snd-pcsp both register a driver named "pcspkr" for the PC speaker; the second one to load is refused. Harmless, and unrelated to VFIO',
            fix: 'nothing to do; to silence it, blacklist one of them (`blacklist snd-pcsp` in /etc/modprobe.d)',
          }
        : undefined,
    render: render('', 'vfio-pci'),
    examples: [
      ex("[    5.101022] Error: Driver 'vfio-pci' is already registered, aborting...", {
        driver: 'vfio-pci',
      }),
      ex("Error: Driver 'pcspkr' is already registered, aborting...", { driver: 'pcspkr' }),
    ],
  },
  {
    id: 'kernel.resources-before-probe',
    source: 'kernel',
    cite: 'torvalds/linux drivers/base/dd.c really_probe()',
    format: 'Resources present before probing\n',
    versions: 'dev_crit() and EBUSY; earlier kernels gave a WARN_ON() backtrace and went on probing',
    patterns: [new RegExp(`(?:${BDF}: )?Resources present before probing`)],
    severity: 'error',
    title: 'A driver could not probe a device that still carried managed resources',
    cause:
      'the driver core found managed resources (devres) already attached to the device before calling the driver\'s probe — left by an earlier driver that did not release them on unbind, or allocated outside a probe — and refused with EBUSY. A bind or drivers_probe write for this device fails with "Device or resource busy" until it is removed and found again',
    fix: 'remove and rediscover the device (`echo 1 > /sys/bus/pci/devices/ADDR/remove; echo 1 > /sys/bus/pci/rescan`) or reboot, then bind; if a given driver leaves this behind on every unbind, report it to that driver',
    refine: (f) =>
      /:00:00\.2$/.test(f.bdf ?? '')
        ? {
            severity: 'info',
            cause:
              'the device is function 2 of the host bridge, where AMD systems expose the IOMMU: a kernel regression made the amd64-agp driver try to bind every PCI device, and the driver core refuses it on the IOMMU function. Harmless for VFIO — the IOMMU is not affected',
            fix: 'nothing to do; a kernel with the upstream fix (amd64-agp binding only AGP devices again) drops the line',
          }
        : undefined,
    render: render('pci 0000:03:00.0: '),
    examples: [
      ex('pci 0000:00:00.2: Resources present before probing', { bdf: '0000:00:00.2' }),
      ex('[  312.004112] vfio-pci 0000:0b:00.0: Resources present before probing', { bdf: '0000:0b:00.0' }),
    ],
  },
];

const HDA: CatalogueEntry[] = [
  {
    id: 'kernel.hda-codec-no-response',
    source: 'kernel',
    cite: 'torvalds/linux sound/pci/hda/hda_controller.c azx_rirb_get_response()',
    format: 'azx_get_response timeout, switching to polling mode: last cmd=0x%08x\n',
    versions:
      'then, as it gives up step by step: "No response from codec, disabling MSI: last cmd=0x%08x", "No response from codec, resetting bus: last cmd=0x%08x", "azx_get_response timeout, switching to single_cmd mode: last cmd=0x%08x"; before Linux 3.x printed with the prefix "hda_intel: " or "hda-intel: "',
    patterns: [
      /azx_get_response timeout, switching to (?<mode>polling|single_cmd) mode: last cmd=(?<cmd>0x[0-9a-f]{1,8})/,
      /No response from codec, (?<step>disabling MSI|resetting bus): last cmd=(?<cmd>0x[0-9a-f]{1,8})/,
    ],
    severity: 'warning',
    title: 'An HD-audio controller got no answer from its codec',
    cause:
      "snd_hda_intel sent a verb to a codec and got no reply in time. On a GPU's HDMI/DisplayPort audio function (function .1 next to a GPU) this is what driving the audio function looks like while the GPU itself is not working: after a VM released the GPU without a reset that brings it back (the AMD reset bug), while the GPU is powered down, or with snd_hda_intel bound to the audio function of a GPU that vfio-pci owns. On onboard audio it is a codec or firmware problem of its own",
    fix: "for a GPU's audio function: pass it through with the GPU (both on vfio-pci: they share an IOMMU group) and keep snd_hda_intel off it (vfio-pci.ids= with both IDs, softdep snd_hda_intel pre: vfio-pci); after a VM, reset the GPU (vendor-reset for AMD) before giving the audio function back to the host",
    render: render('snd_hda_intel 0000:01:00.1: ', 0x000f0000),
    examples: [
      ex(
        'snd_hda_intel 0000:00:1f.3: azx_get_response timeout, switching to polling mode: last cmd=0x200f0000',
        { mode: 'polling', cmd: '0x200f0000' },
      ),
      ex('snd_hda_intel 0000:0b:00.1: No response from codec, disabling MSI: last cmd=0x100f0000', {
        step: 'disabling MSI',
      }),
    ],
  },
  {
    id: 'kernel.hda-no-codecs',
    source: 'kernel',
    cite: 'torvalds/linux sound/pci/hda/hda_intel.c azx_first_init()',
    format: 'no codecs found!\n',
    versions: 'later kernels keep the controller for runtime PM and print it without failing the probe',
    patterns: [/no codecs found!/],
    severity: 'warning',
    title: 'An HD-audio controller found no codec on its link',
    cause:
      "the controller's codec mask was empty after reset: no codec answered. For a GPU's HDMI/DP audio function this happens when the GPU is in a bad state (after a VM, without a working reset) or powered down; its audio then does not work on the host. Harmless when that audio is not wanted",
    fix: 'if the audio function belongs to a GPU meant for a guest, bind it to vfio-pci with the GPU; if the host needs it, reset or power-cycle the GPU (or reboot) and bind snd_hda_intel again',
    render: render('snd_hda_intel 0000:01:00.1: '),
    examples: [ex('[    4.861032] snd_hda_intel 0000:0b:00.1: no codecs found!')],
  },
  {
    id: 'kernel.hda-audio-component',
    source: 'kernel',
    cite: 'torvalds/linux sound/hda/hdac_i915.c snd_hdac_i915_init()',
    format: "couldn't bind with audio component\n",
    versions:
      'newer kernels defer the probe instead of failing it (dev_err_probe() with EPROBE_DEFER), and drivers/base/dd.c later prints "deferred probe pending: snd_hda_intel: couldn\'t bind with audio component"',
    patterns: [/couldn't bind with audio component/],
    severity: 'info',
    title: "Intel HD-audio waits in vain for the iGPU's display driver",
    cause:
      "snd_hda_intel on an Intel platform needs i915 (or xe) to provide the display-audio component and waits for it; i915 is not loaded — usually on purpose, blacklisted or kept off to pass the integrated GPU through (IGD/GVT-d). Only the HDMI/DP audio of the iGPU is lost; on recent platforms where one controller carries analog audio too, the host's sound stays missing while the probe is deferred",
    fix: 'nothing to do when the iGPU is meant for a guest. If the host needs its analog audio, let i915 load (it can fail on the iGPU harmlessly while still registering the audio component) rather than blacklisting it, and keep the iGPU on vfio-pci by driver_override or vfio-pci.ids= with softdep',
    render: render('snd_hda_intel 0000:00:1f.3: '),
    examples: [
      ex("snd_hda_intel 0000:00:1f.3: couldn't bind with audio component"),
      ex("platform 0000:80:1f.3: deferred probe pending: snd_hda_intel: couldn't bind with audio component"),
    ],
  },
];

const KMOD: CatalogueEntry[] = [
  {
    id: 'kmod.module-not-found',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/modprobe.c insmod() (and rmmod() for -r: "Module %s not found.")',
    format: 'Module %s not found in directory %s\n',
    versions:
      'printed as "modprobe: FATAL: …" (LOG_CRIT); with -a as "modprobe: WARNING: …"; `modprobe -r` says "Module %s not found."',
    patterns: [
      new RegExp(
        `(?:FATAL|WARNING|ERROR): Module ${MODULE} not found(?: in directory (?<dir>\\S{1,200})|\\.)`,
      ),
    ],
    severity: 'error',
    title: 'modprobe found no module of that name',
    cause: MODULE_NOT_FOUND_CAUSE,
    fix: MODULE_NOT_FOUND_FIX,
    refine: moduleNotFound,
    render: render('modprobe: FATAL: ', 'vfio_pci', '/lib/modules/5.15.0-91-generic'),
    examples: [
      ex('modprobe: FATAL: Module vfio_pci not found in directory /lib/modules/5.15.0-91-generic', {
        module: 'vfio_pci',
        dir: '/lib/modules/5.15.0-91-generic',
      }),
      ex('modprobe: WARNING: Module vfio_virqfd not found in directory /lib/modules/6.2.0-26-generic', {
        module: 'vfio_virqfd',
      }),
      ex('modprobe: FATAL: Module nvidia not found.', { module: 'nvidia' }),
    ],
  },
  {
    id: 'kmod.insert-failed',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/modprobe.c insmod_insert() (the errno from the kernel: kernel/module/main.c load_module())',
    format: "could not insert '%s': %s\n",
    versions:
      'kmod: "modprobe: ERROR: could not insert \'%s\': %s", with the texts "Unknown symbol in module, or unknown parameter (see dmesg)" for ENOENT and "Module already in kernel" for EEXIST; insmod says "insmod: ERROR: could not insert module %s: %s", and "could not load module %s: %s" when it cannot open the file',
    patterns: [
      new RegExp(`could not insert '${MODULE}': (?<err>[^\\n]{1,120})`),
      /could not insert module (?<path>[\w./-]{1,200}): (?<err>[^\n]{1,120})/,
      /could not (?<load>load) module (?<path>[\w./-]{1,200}): (?<err>[^\n]{1,120})/,
    ],
    severity: 'error',
    title: 'Loading a kernel module failed',
    cause: "the kernel refused to load the module; the text after the name is the kernel's reason",
    fix: 'dmesg right after the modprobe says what the module itself printed',
    refine: refineInsert,
    render: render('modprobe: ERROR: ', 'vfio_pci', 'Invalid argument'),
    examples: [
      ex("modprobe: ERROR: could not insert 'vfio_pci': Invalid argument", {
        errno: 'EINVAL',
        module: 'vfio_pci',
      }),
      ex(
        "modprobe: ERROR: could not insert 'vfio_pci': Unknown symbol in module, or unknown parameter (see dmesg)",
        {
          module: 'vfio_pci',
        },
      ),
      ex("modprobe: ERROR: could not insert 'nvidia': No such device", { errno: 'ENODEV', module: 'nvidia' }),
      ex("modprobe: ERROR: could not insert 'vendor_reset': Key was rejected by service", {
        module: 'vendor_reset',
      }),
      ex('insmod: ERROR: could not load module kvmfr.ko: No such file or directory', {
        path: 'kvmfr.ko',
        load: 'load',
      }),
      ex('insmod: ERROR: could not insert module vendor-reset.ko: Device or resource busy', {
        errno: 'EBUSY',
      }),
      ex("modprobe: ERROR: could not insert 'vfio_pci': No space left on device", {
        errno: 'ENOSPC',
        module: 'vfio_pci',
      }),
    ],
  },
  {
    id: 'kmod.module-path-unknown',
    source: 'userspace tool',
    cite: 'kmod-project/kmod libkmod/libkmod-module.c kmod_module_insert_module()',
    format: "could not find module by name='%s'\n",
    versions:
      "printed through libkmod's log as \"modprobe: ERROR: ../libkmod/libkmod-module.c:NNN kmod_module_insert_module() could not find module by name='%s'\"",
    patterns: [new RegExp(`could not find module by name='${MODULE}'`)],
    severity: 'error',
    title: 'modprobe resolved a module name but has no file for it',
    cause:
      'the name was known (from an alias, a softdep or an `install` line) but modules.dep lists no file for it under this kernel, so libkmod returned ENOENT — which modprobe then prints as "could not insert \'…\': Unknown symbol in module, or unknown parameter", although no parameter is involved: the module is not installed for the running kernel, or depmod was not run after it was installed (a DKMS build, a manual copy)',
    fix: 'run `depmod -a`; check `modinfo NAME` for the running kernel and install or rebuild the module for it',
    refine: moduleNotFound,
    render: render(
      'modprobe: ERROR: ../libkmod/libkmod-module.c:832 kmod_module_insert_module() ',
      'vendor_reset',
    ),
    examples: [
      ex(
        "modprobe: ERROR: ../libkmod/libkmod-module.c:832 kmod_module_insert_module() could not find module by name='wl'",
        { module: 'wl' },
      ),
    ],
  },
  {
    id: 'kmod.install-command-failed',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/modprobe.c command_do() (and libkmod/libkmod-module.c command_do(); newer kmod: "Error running %s command \'%s\' for module %s: retcode %d"); modprobe.d(5) `install MODULE COMMAND`',
    format: 'Error running %s command for %s\n',
    versions:
      'newer kmod names the command and its exit status: "modprobe: ERROR: ../libkmod/libkmod-module.c:N command_do() Error running install command \'/bin/false\' for module i915: retcode 1", then "could not insert \'i915\': Invalid argument"',
    patterns: [
      new RegExp(`Error running (?<type>install|remove) command for ${MODULE}`),
      /Error running (?<type>install|remove) command '(?<cmd>[^'\n]{1,200})' for module (?<module>[\w-]{1,60}): retcode (?<rc>-?\d{1,3})/,
    ],
    severity: 'error',
    title: 'The command of an `install` (or `remove`) line in modprobe.d failed',
    cause:
      'a line `install MODULE COMMAND` (or `remove …`) in /etc/modprobe.d replaces loading the module with a command, and that command exited non-zero. Passthrough guides use this to run a script that writes driver_override before vfio-pci loads; when the script fails (not executable, a tool missing in the initramfs, a device address that changed) the module is not loaded or the devices are not claimed',
    fix: 'run the command of that line by hand (`grep -r "^install" /etc/modprobe.d`); use absolute paths, make the script executable and include it in the initramfs (FILES= / install_items) when the module loads from there',
    refine: (f) =>
      /^\/(?:usr\/)?bin\/(?:false|true)$/.test(f.cmd ?? '')
        ? {
            cause: `a modprobe.d file has "install ${f.module} ${f.cmd}": modprobe runs ${f.cmd} instead of loading ${f.module}, so ${f.module} can never load — the hard blacklist (stronger than \`blacklist\`, which only stops automatic loading) that passthrough guides add to keep a host driver off a device. ${f.cmd.endsWith('true') ? 'With /bin/true the load "succeeds" without loading anything' : 'With /bin/false every load fails (retcode 1, then "could not insert … Invalid argument")'}`,
            fix: `find the line (\`grep -rn "^install ${f.module}" /etc/modprobe.d /usr/lib/modprobe.d\`) and remove or comment it out if ${f.module} is now wanted (for example i915 for SR-IOV on the host after a passthrough set-up), rebuild the initramfs (update-initramfs -u / dracut -f) and load it again`,
          }
        : undefined,
    render: render('modprobe: ERROR: ', 'install', 'vfio_pci'),
    examples: [
      ex('modprobe: ERROR: Error running install command for vfio_pci', {
        type: 'install',
        module: 'vfio_pci',
      }),
      ex(
        'modprobe: ERROR: ../libkmod/libkmod-module.c:977 command_do() Error running install command for wl',
        { module: 'wl' },
      ),
      ex(
        "modprobe: ERROR: ../libkmod/libkmod-module.c:1012 command_do() Error running install command '/bin/false' for module amdgpu: retcode 1",
        { type: 'install', cmd: '/bin/false', module: 'amdgpu', rc: '1' },
      ),
    ],
  },
  {
    id: 'kmod.module-in-use',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/modprobe.c rmmod_do_module() ("Module %s is in use."); tools/rmmod.c check_module_inuse()',
    format: 'Module %s is in use.\n',
    versions:
      'rmmod says "rmmod: ERROR: Module %s is in use by: %s" (the holders) or "rmmod: ERROR: Module %s is in use"',
    patterns: [new RegExp(`Module ${MODULE} is in use(?: by: ?(?<holders>[\\w -]{1,300}))?`)],
    severity: 'error',
    title: 'A module could not be unloaded because it is in use',
    cause:
      'other modules depend on it, or a program has one of its devices open (its reference count is not zero), so the kernel keeps it loaded',
    fix: 'stop what uses it and unload the modules that depend on it first (`lsmod` shows them under "Used by"); unbinding the one device from the driver is often what a passthrough script needs, not unloading the module',
    refine: refineInUse,
    render: render('modprobe: FATAL: ', 'nvidia'),
    examples: [
      ex('modprobe: FATAL: Module nvidia is in use.', { module: 'nvidia' }),
      ex('rmmod: ERROR: Module nvidia is in use by: nvidia_modeset nvidia_uvm', {
        module: 'nvidia',
        holders: 'nvidia_modeset nvidia_uvm',
      }),
      ex('rmmod: ERROR: Module vfio_pci is in use', { module: 'vfio_pci' }),
    ],
  },
  {
    id: 'kmod.module-builtin',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/modprobe.c rmmod_do_module(); tools/rmmod.c check_module_inuse()',
    format: 'Module %s is builtin.\n',
    patterns: [new RegExp(`Module ${MODULE} is builtin\\.`)],
    severity: 'warning',
    title: 'The module is built into the kernel and cannot be unloaded',
    cause:
      'the driver is compiled into the kernel (modules.builtin lists it), so there is nothing to unload or reload. For vfio-pci built in, options in /etc/modprobe.d and softdep lines are not applied: its options must be given on the kernel command line',
    fix: 'put the options on the kernel command line (e.g. vfio-pci.ids=10de:1b80,10de:10f0); to take a device from a built-in driver, unbind that device instead of unloading the module',
    render: render('modprobe: FATAL: ', 'vfio_pci'),
    examples: [ex('modprobe: FATAL: Module vfio_pci is builtin.', { module: 'vfio_pci' })],
  },
  {
    id: 'kmod.module-not-loaded',
    source: 'userspace tool',
    cite: 'kmod-project/kmod tools/rmmod.c check_module_inuse()',
    format: 'Module %s is not currently loaded\n',
    versions: '`modprobe -r --first-time` says "Module %s is not in kernel."',
    patterns: [new RegExp(`Module ${MODULE} is not (?:currently loaded|in kernel\\.)`)],
    severity: 'info',
    title: 'The module to unload was not loaded (harmless)',
    cause:
      'rmmod was asked to unload a module that is not loaded; nothing changed. In a passthrough script it usually means the driver was never loaded on this boot, or an earlier line already unloaded it',
    fix: 'nothing to do; use `modprobe -r` (quiet when the module is absent) in scripts',
    render: render('rmmod: ERROR: ', 'nouveau'),
    examples: [ex('rmmod: ERROR: Module nouveau is not currently loaded', { module: 'nouveau' })],
  },
];

const BOOT: CatalogueEntry[] = [
  {
    id: 'initramfs.possibly-missing-firmware',
    source: 'userspace tool',
    cite: 'initramfs-tools hook-functions manual_add_modules() ("W: Possible missing firmware"); archlinux/mkinitcpio functions add_firmware() / add_module() ("Possibly missing firmware for module")',
    format: 'W: Possible missing firmware %s for module %s',
    versions:
      'initramfs-tools (Debian, Ubuntu, Proxmox VE) prints it while update-initramfs builds the image; mkinitcpio (Arch) prints "==> WARNING: Possibly missing firmware for module: \'%s\'" (older mkinitcpio without the quotes)',
    patterns: [
      /W: Possible missing firmware (?<file>\/[^\s]{1,200}) for (?:built-in driver|module) (?<module>[\w-]{1,64})/,
      /WARNING: Possibly missing firmware for module: ['`]?(?<module>[\w-]{1,64})/,
    ],
    severity: 'info',
    title: 'The initramfs build did not find a firmware file a module may ask for (harmless)',
    cause:
      'the tool copies into the initramfs the firmware files a module declares it might load, and one of them is not installed. Harmless: it is a warning, the image is built, and modules list firmware for chips you may not have (or the file comes later from the root filesystem). It is not why passthrough fails, and not related to the vfio settings just changed',
    fix: 'nothing for passthrough; if that very driver fails to load its firmware at boot (dmesg "Direct firmware load ... failed"), install the firmware package (firmware-misc-nonfree, linux-firmware) and rebuild the initramfs',
    render: render('', '/lib/firmware/i915/adlp_dmc_ver2_16.bin', 'i915'),
    examples: [
      ex('W: Possible missing firmware /lib/firmware/i915/adlp_dmc_ver2_16.bin for module i915', {
        module: 'i915',
      }),
      ex("==> WARNING: Possibly missing firmware for module: 'qla2xxx'", { module: 'qla2xxx' }),
      ex(
        '==> WARNING: Possibly missing firmware for module: aic94xx',
        { module: 'aic94xx' },
        'https://github.com/saber-nyan/kernel-modules-hook/issues/6',
      ),
    ],
  },
  {
    id: 'initramfs.mkinitcpio-module-not-found',
    source: 'userspace tool',
    cite: 'archlinux/mkinitcpio functions add_module()',
    format: "module not found: '%s'",
    versions: "printed as \"==> ERROR: module not found: '%s'\"; older mkinitcpio quoted it as `%s'",
    patterns: [new RegExp(`ERROR: module not found: [\`']${MODULE}'`)],
    severity: 'error',
    title: 'mkinitcpio cannot find a module listed for the initramfs',
    cause: `a name in MODULES=() of /etc/mkinitcpio.conf (or a hook) is not a module of the kernel the image is built for: ${MODULE_NOT_FOUND_CAUSE.replace(/^no module of that name exists for the kernel version in question: /, '')}`,
    fix: 'fix or drop the name in MODULES=() of /etc/mkinitcpio.conf (or /etc/mkinitcpio.conf.d/), then `mkinitcpio -P`',
    refine: moduleNotFound,
    render: render('==> ERROR: ', 'vfio_virqfd'),
    examples: [
      ex("==> ERROR: module not found: 'vfio_virqfd'", { module: 'vfio_virqfd' }),
      ex("==> ERROR: module not found: `vfio_virqfd'", { module: 'vfio_virqfd' }),
      ex("==> ERROR: module not found: 'vfio-pci-core'", { module: 'vfio-pci-core' }),
    ],
  },
  {
    id: 'setup.module-name-not-found',
    source: 'userspace tool',
    cite: 'dracut-ng/dracut install/dracut-install.c install_modules(); systemd/systemd src/shared/module-util.c module_load_and_warn() (systemd-modules-load; older: src/modules-load/modules-load.c load_module())',
    format: "Failed to find module '%s'",
    versions:
      'dracut-install appends the argument it was given ("Failed to find module \'%s\' %s"); dracut itself then stops with "dracut: FATAL: Failed to install module %s" (modules.d/90kernel-modules, instmods for force_drivers/add_drivers)',
    patterns: [
      new RegExp(`Failed to find module '${MODULE}'`),
      new RegExp(`dracut(?:\\[[\\w.]{1,20}\\])?: FATAL: Failed to install module ${MODULE}`),
    ],
    severity: 'error',
    title: 'dracut or systemd-modules-load cannot find a module it was told to add or load',
    cause: `a module named in the configuration (dracut: add_drivers/force_drivers in /etc/dracut.conf.d; systemd: /etc/modules-load.d/*.conf, /etc/modules, modules-load= on the command line) does not exist for this kernel: ${MODULE_NOT_FOUND_CAUSE.replace(/^no module of that name exists for the kernel version in question: /, '')}`,
    fix: 'fix or remove the name where it is listed; then `dracut -f` (dracut) or `systemctl restart systemd-modules-load` (systemd)',
    refine: moduleNotFound,
    render: render('systemd-modules-load[312]: ', 'vfio_virqfd'),
    examples: [
      ex("systemd-modules-load[312]: Failed to find module 'vfio_virqfd'", { module: 'vfio_virqfd' }),
      ex("dracut-install: Failed to find module 'vfio_virqfd'", { module: 'vfio_virqfd' }),
      ex('dracut: FATAL: Failed to install module vfio_virqfd', { module: 'vfio_virqfd' }),
    ],
  },
  {
    id: 'systemd.modules-load-insert-failed',
    source: 'userspace tool',
    cite: 'systemd/systemd src/shared/module-util.c module_load_and_warn() (systemd-modules-load; older: src/modules-load/modules-load.c load_module())',
    format: "Failed to insert module '%s': %m",
    patterns: [new RegExp(`Failed to insert module '${MODULE}': (?<err>[^\\n]{1,120})`)],
    severity: 'error',
    title: 'systemd-modules-load could not load a module listed for boot',
    cause:
      "the kernel refused to load a module named in /etc/modules-load.d/*.conf, /etc/modules or modules-load=; the text after the name is the kernel's reason",
    fix: 'dmesg at the same moment says what the module printed; `modprobe NAME` by hand repeats the error',
    refine: refineInsert,
    render: render('systemd-modules-load[312]: ', 'vfio_pci', 'Invalid argument'),
    examples: [
      ex("systemd-modules-load[312]: Failed to insert module 'vfio_pci': Invalid argument", {
        module: 'vfio_pci',
        errno: 'EINVAL',
      }),
      ex("systemd-modules-load[402]: Failed to insert module 'nvidia': No such device", { errno: 'ENODEV' }),
    ],
  },
  {
    id: 'systemd.modules-load-failed',
    source: 'userspace tool',
    cite: 'systemd/systemd units/systemd-modules-load.service.in (Description=Load Kernel Modules); the line from src/core/job.c job_done_message ("Failed to start %s.")',
    format: 'Failed to start %s.',
    versions:
      'newer systemd prints the unit name too: "Failed to start systemd-modules-load.service - Load Kernel Modules."',
    // "services" too: a pasted line quoted with the unit name's plural slip still names this unit
    patterns: [/Failed to start (?:systemd-modules-load\.services? - )?Load Kernel Modules/],
    severity: 'error',
    title: 'systemd could not load every module listed for boot',
    cause:
      'systemd-modules-load exited with an error: a module listed in /etc/modules-load.d/*.conf, /etc/modules or modules-load= could not be found or loaded (a name that no longer exists such as vfio_virqfd on Linux 6.2+, a typo, a module refusing a parameter). The other modules in the lists are still loaded',
    fix: '`journalctl -b -u systemd-modules-load` names the module and the error; fix or remove that line',
    render: render('systemd[1]: ', 'Load Kernel Modules'),
    examples: [
      ex('systemd[1]: Failed to start Load Kernel Modules.'),
      ex('systemd[1]: Failed to start systemd-modules-load.service - Load Kernel Modules.'),
      ex(
        '[FAILED] Failed to start systemd-modules-load.services - Load Kernel Modules',
        undefined,
        'https://github.com/Danilop95/Proxmox-Enhanced-Configuration-Utility/issues/24',
      ),
    ],
  },
  {
    id: 'grub.default-not-shell',
    source: 'userspace tool',
    cite: 'GNU GRUB util/grub-mkconfig.in (sources /etc/default/grub as a shell script); the message is the shell\'s (bash: "%s: line %d: %s: command not found", dash: "%s: %d: %s: not found")',
    format: '%s: line %d: %s: command not found',
    patterns: [
      /\/etc\/default\/grub(?:\.d\/[\w.-]{1,64})?: (?:line )?(?<line>\d{1,5}): (?<word>[^\n:]{1,160}(?::[^\n:]{1,80}){0,8}): (?:command )?not found/,
      // dash names the running script and the line first, then the sourced file:
      // "/usr/sbin/grub-mkconfig: 40: /etc/default/grub: WORD: not found"
      /grub-mkconfig: (?<line>\d{1,5}): \/etc\/default\/grub(?:\.d\/[\w.-]{1,64})?: (?<word>[^\n:]{1,160}(?::[^\n:]{1,80}){0,8}): (?:command )?not found/,
    ],
    severity: 'error',
    title:
      '/etc/default/grub has a line the shell cannot read; the kernel command line is not what was meant',
    cause:
      'grub-mkconfig (update-grub) runs /etc/default/grub as a shell script, and a line of it is not a valid assignment: usually a parameter added outside the quotes (GRUB_CMDLINE_LINUX_DEFAULT="quiet splash" intel_iommu=on), spaces around "=", or unbalanced quotes. The shell ran the word as a command, so that parameter never reached grub.cfg or the kernel command line',
    fix: 'put every parameter inside the quotes of one assignment — GRUB_CMDLINE_LINUX_DEFAULT="quiet splash intel_iommu=on iommu=pt" — rerun update-grub (or grub-mkconfig -o /boot/grub/grub.cfg), reboot and check /proc/cmdline',
    refine: (f) =>
      /iommu|vfio|pcie_acs|video=|initcall_blacklist/.test(f.word ?? '')
        ? {
            cause: `"${f.word}" on line ${f.line} of /etc/default/grub stands outside the quotes of the assignment, so the shell ran it as a command and the kernel never received it: the IOMMU/VFIO setting it carries is not in effect`,
          }
        : undefined,
    render: render('', '/etc/default/grub', 10, 'intel_iommu=on'),
    examples: [
      ex('/etc/default/grub: line 10: intel_iommu=on: command not found', {
        line: '10',
        word: 'intel_iommu=on',
      }),
      ex('/etc/default/grub: 6: iommu=pt: not found', { line: '6', word: 'iommu=pt' }),
      ex('/usr/sbin/grub-mkconfig: 12: /etc/default/grub: vfio-pci.ids=10de:1b81,10de:10f0: not found', {
        line: '12',
        word: 'vfio-pci.ids=10de:1b81,10de:10f0',
      }),
    ],
  },
];

const HOOK_OPS: Record<string, string> = {
  prepare:
    'the "prepare" hook failed, so libvirt did not start the VM: this is where passthrough scripts stop the display manager and unbind the GPU from the host',
  start: 'the "start" hook failed and libvirt stopped the VM it had just started',
  started: 'the "started" hook failed after the VM was running',
  release:
    'the "release" hook failed after the VM stopped: the clean-up (rebinding the GPU to its host driver, restarting the display manager) did not finish, so the host may be left without its GPU or console',
  stopped: 'the "stopped" hook failed after the VM stopped; its clean-up may not have finished',
};

const LIBVIRT_HOOK: CatalogueEntry = {
  id: 'libvirt.hook-script-failed',
  source: 'libvirt',
  cite: 'libvirt/libvirt src/util/virhook.c virHookCall() (VIR_ERR_HOOK_SCRIPT_FAILED, src/util/virerror.c); the status from src/util/vircommand.c virCommandWait() ("Child process (%s) unexpected %s")',
  format: 'Hook script execution failed: %s',
  versions: 'the text after it is the command, its exit status and the last of its stderr',
  patterns: [
    /Hook script execution failed: [^\n]{0,40}?Child process \([^\n]{0,400}?\/etc\/libvirt\/hooks\/(?<hook>[\w-]{1,32}) (?<domain>\S{1,128}) (?<op>[\w-]{1,32}) (?<sub>[\w-]{1,32}) -\) unexpected (?<status>exit status \d{1,3}|fatal signal \d{1,3})(?:: (?<stderr>[^\n]{1,300}))?/,
    /Hook script execution failed: (?<detail>[^\n]{1,400})/,
  ],
  severity: 'error',
  title: 'A libvirt hook script failed',
  cause:
    "the hook script (/etc/libvirt/hooks/qemu, which in passthrough setups runs the per-VM scripts under qemu.d/) exited with an error and libvirt treats that as a failure of the operation. The script's own error is its stderr, shown after the exit status when it wrote any",
  fix: 'run the hook by hand with the same arguments and watch where it stops: `sudo bash -x /etc/libvirt/hooks/qemu DOMAIN prepare begin - < /etc/libvirt/qemu/DOMAIN.xml`; the script must be executable and start with #!/bin/bash',
  refine: (f) => {
    if (/Exec format error/.test(f.stderr ?? f.detail ?? ''))
      return {
        cause:
          'the kernel could not execute the hook script: it has no "#!" interpreter line (or Windows line endings after it), so libvirt could not even start it',
        fix: 'make #!/bin/bash the first line (no CRLF: `sed -i "s/\\r$//" FILE`) and `chmod +x` it',
      };
    if (/cannot execute binary [^\n]{1,200}: Permission denied/.test(f.stderr ?? f.detail ?? ''))
      return {
        cause:
          'libvirt could not start the hook script at all (execve() answered EACCES): the file has no execute bit, sits on a file system mounted noexec, or SELinux/AppArmor denies libvirtd/virtqemud executing it (a hook that lost its SELinux label)',
        fix: '`chmod +x` the hook and every script it runs under qemu.d/, `findmnt -T FILE` for noexec, `restorecon -Rv /etc/libvirt/hooks` on SELinux; then restart libvirtd/virtqemud',
      };
    const op = f.op ? HOOK_OPS[f.op] : undefined;
    // The script's own last error line, when the shell wrote it: what that error means.
    const shell = f.stderr ? shellReading(f.stderr) : undefined;
    if (shell)
      return {
        cause: `${op ? `${op}. ` : ''}The hook ended with ${f.status}, and its last error is the shell's: ${shell.cause}`,
        fix: shell.fix,
      };
    if (!op) return undefined;
    return {
      cause: `${op}. The hook ended with ${f.status}${f.stderr ? `, saying: ${f.stderr}` : ' and wrote nothing to stderr'}`,
      ...(f.op === 'release' ? { severity: 'warning' as const } : {}),
    };
  },
  render: render(
    'error : virHookCall:285 : ',
    'internal error: Child process (/etc/libvirt/hooks/qemu win10 prepare begin -) unexpected exit status 1',
  ),
  examples: [
    ex(
      'Error starting domain: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin /etc/libvirt/hooks/qemu Tiamat prepare begin -) unexpected exit status 1',
      { hook: 'qemu', domain: 'Tiamat', op: 'prepare', sub: 'begin', status: 'exit status 1' },
    ),
    ex(
      'error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/home/admin USER=admin LOGNAME=admin /etc/libvirt/hooks/qemu example_virt_guest prepare begin -) unexpected exit status 1: libvirt:  error : cannot execute binary /etc/libvirt/hooks/qemu: Exec format error',
      { op: 'prepare', domain: 'example_virt_guest' },
      'https://libvirt.org/hooks.html',
    ),
    ex(
      'libvirtd[1021]: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/bin /etc/libvirt/hooks/qemu win10 release end -) unexpected exit status 1: /etc/libvirt/hooks/qemu.d/win10/release/end/revert.sh: line 12: echo: write error: No such device',
      { op: 'release', domain: 'win10' },
    ),
  ],
};

const SRIOV: CatalogueEntry[] = [
  {
    id: 'kernel.sriov-pcibios-failed',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_enable()',
    format: 'failure %d from pcibios_sriov_enable()\n',
    patterns: [/failure (?<err>-?\d{1,5}) from pcibios_sriov_enable\(\)/],
    severity: 'error',
    title: 'The platform refused to set up SR-IOV VFs',
    cause:
      "sriov_enable() calls the architecture's pcibios_sriov_enable() hook before creating the VFs, and it failed (the generic default cannot fail; platforms that set up IOMMU/PE state per VF, such as powerpc, can): no VF is created and the sriov_numvfs write fails with this errno",
    fix: 'dmesg lines of the platform code just before this one say what it lacked; fewer VFs, or a firmware/hypervisor setting that grants VF resources, is the usual way out',
    render: render('mlx5_core 0000:01:00.0: ', -12),
    examples: [ex('mlx5_core 0000:01:00.0: failure -12 from pcibios_sriov_enable()', { errno: 'ENOMEM' })],
  },
  {
    id: 'kernel.sriov-vf-bar-space',
    source: 'kernel',
    cite: 'torvalds/linux drivers/pci/iov.c sriov_init()',
    format: 'VF(n) BAR%d space: %pR (contains BAR%d for %d VFs)\n',
    patterns: [
      /VF\(n\) BAR(?<bar>\d{1,2}) space: (?<range>\[(?<kind>mem|io) (?<start>0x[0-9a-f]{1,16})-(?<end>0x[0-9a-f]{1,16})(?<flags>[^\]\n]{0,60})\]) \(contains BAR\d{1,2} for (?<vfs>\d{1,5}) VFs\)/,
      new RegExp(
        `VF\\(n\\) BAR(?<bar>\\d{1,2}) space: ${RANGE} \\(contains BAR\\d{1,2} for (?<vfs>\\d{1,5}) VFs\\)`,
      ),
      // Linux 6.8+ names the resource ("VF BAR 0") and drops the parentheses: pci_iov_resource
      // naming in drivers/pci/iov.c sriov_init() ("%s %pR: contains BAR %d for %d VFs")
      new RegExp(`VF BAR (?<bar>\\d{1,2}) ${RANGE}: contains BAR \\d{1,2} for (?<vfs>\\d{1,5}) VFs`),
    ],
    severity: 'info',
    title: "The PF reports the address space its VFs' BARs take (routine)",
    cause:
      'at enumeration sriov_init() sizes each VF BAR times TotalVFs and prints the window it needs; routine for every SR-IOV device. An address of 0 means the window is not assigned yet — it matters only if enabling VFs later fails with "not enough MMIO resources for SR-IOV". Inside a VM the line means the VMM exposed the SR-IOV capability of a passed-through physical function to the guest: VFs cannot be created there and the VF BAR window is backed by nothing, so the guest sizes phantom BARs (QEMU hides the SR-IOV extended capability of assigned devices, hw/vfio/pci.c vfio_add_ext_cap(); VMMs that copy it through do not)',
    fix: 'nothing to do on a host; if VFs cannot be enabled for lack of MMIO, enable SR-IOV and Above-4G decoding in the firmware or boot with pci=realloc. In a guest, use a VMM version that hides the SR-IOV capability of passed-through devices (or pass a VF instead of the PF)',
    refine: (f) => {
      // A window that ends above 4 GiB although the BAR is not 64-bit: no 32-bit BAR can be
      // placed there, so the size was read from a capability nothing backs.
      const end = f.end ? Number.parseInt(f.end, 16) : 0;
      if (f.kind === 'mem' && end > 0xffffffff && !/64bit/.test(f.flags ?? ''))
        return {
          severity: 'warning',
          title: 'A 32-bit VF BAR window above 4 GiB: an SR-IOV capability nothing backs (a VM?)',
          cause: `the window for BAR${f.bar ?? ''} of ${f.vfs ?? 'the'} VFs ends at ${f.end}, above 4 GiB, although the VF BAR is a 32-bit one: no real platform places a 32-bit BAR there, so the kernel sized VF BARs from an SR-IOV capability that nothing backs. This is a guest seeing the SR-IOV capability of a passed-through PF, exposed by the VMM: VFIO does not provide VF BARs to a guest, the window lands outside the VM's 32-bit MMIO hole and the guest's PCI resource assignment can go wrong for other devices. QEMU hides this capability of assigned devices (hw/vfio/pci.c vfio_add_ext_cap(): "Read-only VF BARs confuse OVMF")`,
          fix: 'update the VMM to a version that filters the SR-IOV (and ARI) extended capabilities of passed-through devices, or assign a VF rather than the PF; inside the guest, sriov_numvfs cannot be used on a passed-through PF anyway',
        };
      return undefined;
    },
    render: render('pci 0000:03:00.0: ', 0, '[mem 0x00000000-0x003fffff 64bit pref]', 0, 64),
    examples: [
      ex(
        'pci 0000:03:00.0: VF(n) BAR0 space: [mem 0x00000000-0x003fffff 64bit pref] (contains BAR0 for 64 VFs)',
        {
          bar: '0',
          vfs: '64',
        },
      ),
      ex('pci 0000:00:07.0: VF(n) BAR2 space: [mem 0xe8000000-0x107ffffff] (contains BAR2 for 8 VFs)', {
        bar: '2',
        end: '0x107ffffff',
      }),
    ],
  },
];

const DPDK: CatalogueEntry[] = [
  {
    id: 'dpdk.iova-mode-selected',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal.c rte_eal_init() (older: lib/librte_eal/linuxapp/eal/eal.c)',
    format: "Selected IOVA mode '%s'\n",
    patterns: [/Selected IOVA mode '(?<mode>PA|VA)'/],
    severity: 'info',
    title: 'DPDK chose how devices address memory (routine)',
    cause:
      "EAL picked the IOVA mode from its --iova-mode option or from what the bus drivers asked for: VA means devices see the process's virtual addresses, mapped by the IOMMU through VFIO; PA means they see physical addresses (needed without an IOMMU: igb_uio, uio_pci_generic, vfio no-IOMMU mode)",
    fix: 'nothing to do; with vfio-pci and an IOMMU, VA is the expected mode — PA there usually means the IOMMU is off or a device driver insists on PA',
    refine: (f) =>
      f.mode === 'PA'
        ? {
            cause:
              'EAL gives devices physical addresses: right for igb_uio/uio_pci_generic or vfio no-IOMMU mode; with vfio-pci and a working IOMMU, VA is usual, so PA here means EAL saw no IOMMU (intel_iommu/amd_iommu off) or a bus driver asked for PA. PA needs root (it reads /proc/self/pagemap)',
            fix: 'nothing to do if the devices work; to use VA, enable the IOMMU (vfiokit doctor) or pass --iova-mode=va',
          }
        : undefined,
    render: render('EAL: ', 'VA'),
    examples: [
      ex("EAL: Selected IOVA mode 'VA'", { mode: 'VA' }),
      ex("EAL: Selected IOVA mode 'PA'", { mode: 'PA' }),
    ],
  },
  {
    id: 'dpdk.iova-va-refused',
    source: 'dpdk',
    cite: 'DPDK/dpdk drivers/bus/pci/linux/pci.c rte_pci_get_iommu_class() (older: lib/librte_eal/linuxapp/eal/eal_pci.c; the KNI reason from lib/librte_eal/linuxapp/eal/eal.c rte_eal_init())',
    format: 'Some devices want iova as va but pa will be used because.. ',
    versions:
      'the reason follows on the same line: "vfio-noiommu mode configured", "few device bound to UIO", "IOMMU does not support IOVA as VA", or (older DPDK, from rte_eal_init()) "KNI module inserted"',
    patterns: [
      /Some devices want (?:iova|IOVA) as (?:va|VA) but (?:pa|PA) will be used because\.\.(?: {0,2}(?:EAL: {1,2})?(?<why>vfio-noiommu mode configured|few device bound to UIO|IOMMU does not support IOVA as VA|KNI module inserted))?/,
    ],
    severity: 'warning',
    title: 'DPDK falls back to physical addresses although a device asked for VA',
    cause:
      "a bound device's driver prefers IOVA as VA, but something on the host rules it out, so EAL uses physical addresses (it needs root to read them, and without an IOMMU a DMA mistake reaches any memory)",
    fix: 'the reason on the line says what to change; `--iova-mode=va` fails where VA is impossible, so fix the cause rather than forcing it',
    refine: (f) => {
      switch (f.why) {
        case 'vfio-noiommu mode configured':
          return {
            cause:
              'vfio is in no-IOMMU mode (enable_unsafe_noiommu_mode=1): there is no IOMMU translation, so devices must be given physical addresses',
            fix: 'enable the IOMMU (intel_iommu=on / amd_iommu=on, VT-d/AMD-Vi in the firmware) and load vfio without enable_unsafe_noiommu_mode to get VA',
          };
        case 'few device bound to UIO':
          return {
            cause:
              'at least one device is bound to a UIO driver (igb_uio, uio_pci_generic), which has no IOMMU mapping, so all devices fall back to PA',
            fix: 'bind every device the application uses to vfio-pci (`dpdk-devbind.py -b vfio-pci ADDR`)',
          };
        case 'IOMMU does not support IOVA as VA':
          return {
            cause:
              "the IOMMU's address width is narrower than the process's virtual addresses (an Intel IOMMU with 39-bit addressing, common in VMs with a virtual IOMMU), so VA addresses would not fit",
            fix: 'nothing to do if the application works in PA; in a VM give the virtual IOMMU a wider address width (QEMU intel-iommu,aw-bits=48)',
          };
        case 'KNI module inserted':
          return {
            cause:
              'the rte_kni module is loaded, and KNI needs physical addresses on the kernels those DPDK versions supported',
            fix: 'unload rte_kni if the application does not use KNI',
          };
        default:
          return undefined;
      }
    },
    render: render('EAL: '),
    examples: [
      ex(
        'EAL: Some devices want iova as va but pa will be used because.. EAL: vfio-noiommu mode configured',
        {
          why: 'vfio-noiommu mode configured',
        },
      ),
      ex(
        'EAL: Some devices want iova as va but pa will be used because.. IOMMU does not support IOVA as VA',
        {
          why: 'IOMMU does not support IOVA as VA',
        },
      ),
    ],
  },
  {
    id: 'dpdk.vfio-module-not-loaded',
    source: 'dpdk',
    cite: 'DPDK/dpdk lib/eal/linux/eal_vfio.c rte_vfio_enable(); lib/eal/linux/eal.c rte_eal_check_module() ("Module %s not found! error %i (%s)")',
    format: 'VFIO modules not loaded, skipping VFIO support...\n',
    versions:
      'the check prints "Module /sys/module/NAME not found! error 2 (No such file or directory)" first (debug level in recent versions)',
    patterns: [
      /VFIO modules not loaded, skipping VFIO support/,
      /Module \/sys\/module\/(?<module>[\w-]{1,64}) not found! error (?<err>\d{1,4})/,
    ],
    severity: 'warning',
    title: 'DPDK found no VFIO module loaded and runs without VFIO',
    cause:
      'EAL checks /sys/module/vfio (older versions vfio_pci) and, not finding it, skips VFIO entirely: devices bound to vfio-pci cannot be used by this process (a later "Requested device … cannot be used" follows). Harmless for NICs on a bifurcated driver (mlx5) or on uio',
    fix: 'modprobe vfio-pci, bind the devices with `dpdk-devbind.py -b vfio-pci ADDR`, then start the application again',
    refine: (f) =>
      f.module && !/^vfio/.test(f.module)
        ? {
            severity: 'info',
            title: `DPDK looked for the optional module ${f.module} (harmless)`,
            cause: `EAL checks whether ${f.module} is loaded to decide whether to use it; it is not, and EAL goes on without it`,
            fix: 'nothing to do unless the application needs that module',
          }
        : undefined,
    render: render('EAL: '),
    examples: [
      ex('EAL: VFIO modules not loaded, skipping VFIO support...'),
      ex('EAL: Module /sys/module/vfio_pci not found! error 2 (No such file or directory)', {
        module: 'vfio_pci',
        errno: 'ENOENT',
      }),
    ],
  },
];

export const BIND_SETUP_ENTRIES: CatalogueEntry[] = [
  ...DRIVER_CORE,
  ...HDA,
  ...KMOD,
  ...BOOT,
  LIBVIRT_HOOK,
  ...SRIOV,
  ...DPDK,
];

/** Further wordings an entry above recognises, each under its own source file. */
export const BIND_SETUP_ALSO: { id: string; file: string; format: string; text: string }[] = [
  {
    id: 'kernel.hda-codec-no-response',
    file: 'torvalds/linux sound/pci/hda/hda_controller.c',
    format: 'No response from codec, disabling MSI: last cmd=0x%08x',
    text: 'snd_hda_intel 0000:0b:00.1: No response from codec, disabling MSI: last cmd=0x100f0000',
  },
  {
    id: 'kernel.hda-codec-no-response',
    file: 'torvalds/linux sound/pci/hda/hda_controller.c',
    format: 'No response from codec, resetting bus: last cmd=0x%08x',
    text: 'snd_hda_intel 0000:0b:00.1: No response from codec, resetting bus: last cmd=0x100f0000',
  },
  {
    id: 'kernel.hda-codec-no-response',
    file: 'torvalds/linux sound/pci/hda/hda_controller.c',
    format: 'azx_get_response timeout, switching to single_cmd mode: last cmd=0x%08x',
    text: 'snd_hda_intel 0000:0b:00.1: azx_get_response timeout, switching to single_cmd mode: last cmd=0x000f0001',
  },
  {
    id: 'kernel.hda-audio-component',
    file: 'torvalds/linux drivers/base/dd.c',
    format: 'deferred probe pending: %s',
    text: "platform 0000:80:1f.3: deferred probe pending: snd_hda_intel: couldn't bind with audio component",
  },
  {
    id: 'kmod.module-not-found',
    file: 'kmod-project/kmod tools/modprobe.c',
    format: 'Module %s not found.',
    text: 'modprobe: FATAL: Module nvidia_drm not found.',
  },
  {
    id: 'kmod.insert-failed',
    file: 'kmod-project/kmod tools/modprobe.c',
    format: "could not insert '%s': Unknown symbol in module, or unknown parameter (see dmesg)",
    text: "modprobe: ERROR: could not insert 'vfio_pci': Unknown symbol in module, or unknown parameter (see dmesg)",
  },
  {
    id: 'kmod.insert-failed',
    file: 'kmod-project/kmod tools/insmod.c',
    format: 'could not insert module %s: %s',
    text: 'insmod: ERROR: could not insert module vendor-reset.ko: Invalid module format',
  },
  {
    id: 'kmod.module-in-use',
    file: 'kmod-project/kmod tools/rmmod.c',
    format: 'Module %s is in use by:',
    text: 'rmmod: ERROR: Module amdgpu is in use by: amdxcp',
  },
  {
    id: 'kmod.module-builtin',
    file: 'kmod-project/kmod tools/rmmod.c',
    format: 'Module %s is builtin.',
    text: 'rmmod: ERROR: Module vfio_iommu_type1 is builtin.',
  },
  {
    id: 'kmod.module-not-loaded',
    file: 'kmod-project/kmod tools/modprobe.c',
    format: 'Module %s is not in kernel.',
    text: 'modprobe: FATAL: Module nouveau is not in kernel.',
  },
  {
    id: 'setup.module-name-not-found',
    file: 'dracut-ng/dracut install/dracut-install.c',
    format: "Failed to find module '%s' %s",
    text: "dracut-install: Failed to find module 'vfio_virqfd' vfio_virqfd",
  },
  {
    id: 'dpdk.device-unusable',
    file: 'DPDK/dpdk lib/eal/common/eal_common_dev.c',
    format: 'Failed to attach device on primary process',
    text: '2022-11-25T01:10:52.810Z|00095|dpdk|ERR|EAL: Failed to attach device on primary process',
  },
  {
    id: 'dpdk.iova-va-refused',
    file: 'DPDK/dpdk lib/librte_eal/linuxapp/eal/eal.c',
    format: 'Some devices want IOVA as VA but PA will be used because.. KNI module inserted',
    text: 'EAL: Some devices want IOVA as VA but PA will be used because.. KNI module inserted',
  },
  {
    id: 'dpdk.vfio-module-not-loaded',
    file: 'DPDK/dpdk lib/eal/linux/eal.c',
    format: 'Module %s not found! error %i (%s)',
    text: 'EAL: Module /sys/module/vfio not found! error 2 (No such file or directory)',
  },
  {
    id: 'sysfs.remove-failed',
    file: 'torvalds/linux drivers/pci/pci-sysfs.c',
    format: '%s: %s',
    text: "PermissionError: [Errno 13] Permission denied: '/sys/bus/pci/devices/0000:01:00.0/remove'",
  },
];

/** Format strings of the swept files left without an entry, and why. */
export const BIND_SETUP_LEFT_OUT: { file: string; format: string; why: string }[] = [
  {
    file: 'torvalds/linux drivers/base/dd.c',
    format: '%s: driver_sysfs_add(%s) failed',
    why: 'printed only when sysfs cannot create the driver link of a device (out of memory, or a name clash from a driver bug); the probe then fails and the "probe with driver … failed" line that follows is the one the catalogue explains',
  },
  {
    file: 'torvalds/linux drivers/base/dd.c',
    format: 'Driver %s requests probe deferral',
    why: 'dev_dbg(): printed only with dynamic debug; the deferral itself shows as "deferred probe pending: …" (kernel.hda-audio-component covers the one VFIO users meet)',
  },
  {
    file: 'torvalds/linux drivers/base/dd.c',
    format: "bus: '%s': %s: probing driver %s with device %s",
    why: 'pr_debug(): a trace of every probe, printed only with dynamic debug',
  },
  {
    file: 'torvalds/linux drivers/base/bus.c',
    format: '%s: add_bind_files(%s) failed',
    why: 'printed when a driver registers and its bind/unbind files cannot be created (out of memory at module load); the bind file then does not exist, which the sysfs ENOENT explanation covers',
  },
  {
    file: 'torvalds/linux drivers/base/driver.c',
    format: "Driver '%s' needs updating - please use bus_type methods",
    why: 'a note to a driver author about an old driver structure, printed at registration; nothing a VFIO user can act on',
  },
  {
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c',
    format:
      'NVRM: This can occur when a driver such as nouveau, rivafb, nvidiafb, or rivatv was loaded and obtained ownership of the NVIDIA device(s).',
    why: 'the continuation of "NVRM: The NVIDIA probe routine was not called for %d device(s)." printed by the same call; kernel.nvidia-probe-not-called explains both from the first line',
  },
  {
    file: 'NVIDIA/open-gpu-kernel-modules kernel-open/nvidia/nv.c',
    format:
      'NVRM: Try unloading the conflicting kernel module (and/or reconfigure your kernel without the conflicting driver(s)), then try loading the NVIDIA kernel module again.',
    why: "the same message's advice lines; kernel.nvidia-probe-not-called recognises the first line",
  },
  {
    file: 'archlinux/mkinitcpio functions',
    format: "Possibly missing firmware for module: '%s'",
    why: 'a firmware file of a module in the image is not installed (aic94xx, wd719x, xhci_pci_renesas are the usual ones); it does not concern the VFIO modules, which load no firmware',
  },
  {
    file: 'salsa.debian.org/kernel-team/initramfs-tools hook-functions',
    format: 'W: Possible missing firmware %s for module %s',
    why: 'the initramfs-tools form of the same firmware warning: about GPU and NIC firmware files, never about the VFIO modules; harmless for passthrough',
  },
  {
    file: 'DPDK/dpdk app/test-pmd/testpmd.c',
    format: 'Cannot init EAL: %s',
    why: 'each DPDK application prints its own rte_exit() text after rte_eal_init() fails, with rte_strerror() of the errno; the EAL line before it says what failed, and the dpdk entries explain that line',
  },
  {
    file: 'DPDK/dpdk lib/eal/linux/eal.c',
    format: 'IOMMU is not available, selecting IOVA as PA mode.',
    why: 'RTE_LOG(DEBUG): printed only with --log-level=eal,debug, just before "Selected IOVA mode \'PA\'", which dpdk.iova-mode-selected explains',
  },
];
