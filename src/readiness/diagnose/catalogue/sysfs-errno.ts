/**
 * What each errno means when a write to (or read of) a sysfs file on the driver-binding path
 * fails, per file, from the kernel function that returns it. The errno and the file together
 * decide the cause: ENODEV from `bind` is a driver that does not match the device, from `unbind`
 * a device that is not bound to that driver; EBUSY from `bind` is a device that still has a driver,
 * from `sriov_numvfs` VFs already enabled. Shared by the sysfs entries (sysfs-bind.ts), which
 * recognise how shells, Python, Go and Rust programs print the failure, and by the generic tier
 * (generic.ts), which explains any line naming a sysfs file and carrying an errno.
 *
 * Sources (torvalds/linux): drivers/base/bus.c bind_store(), unbind_store(), drivers_probe_store();
 * drivers/base/dd.c device_driver_attach(), __driver_probe_device(), call_driver_probe();
 * drivers/pci/pci-driver.c new_id_store(), remove_id_store(); drivers/pci/pci-sysfs.c
 * driver_override_store() (drivers/base/driver.c driver_set_override()), reset_store(), remove_store(),
 * rescan_store(), dev_rescan_store(),
 * pci_read_rom(), pci_create_attr(); fs/sysfs/file.c sysfs_kf_bin_read(); drivers/pci/iov.c
 * sriov_numvfs_store(), sriov_enable(); drivers/vfio/pci/vfio_pci.c vfio_pci_probe(),
 * vfio_pci_sriov_configure(); drivers/vfio/pci/vfio_pci_core.c vfio_pci_core_register_device();
 * drivers/vfio/group.c vfio_device_set_group(); drivers/vfio/mdev/mdev_sysfs.c create_store(),
 * mdev_core.c mdev_device_create().
 */
import type { Facts, Refinement, Severity } from '../entry.js';

export interface SysfsErrnoText {
  cause: string;
  fix: string;
  severity?: Severity;
}

export interface SysfsFile {
  /** The file's name in sysfs (the last component of its path). */
  name: string;
  /** What writing (or reading) it does, for titles. */
  does: string;
  /** The kernel function whose return value the errno is. */
  cite: string;
  byErrno: Record<string, SysfsErrnoText | ((f: Facts) => SysfsErrnoText)>;
}

const ROOT: SysfsErrnoText = {
  cause:
    'sysfs files on the binding path are writable by root only (mode 0200/0644), and `sudo echo X > FILE` does not help: the redirection is done by the unprivileged shell before sudo runs',
  fix: 'write as root: `echo X | sudo tee FILE`, or `sudo sh -c "echo X > FILE"`; in a container /sys must be writable (a privileged container)',
};
const READ_ONLY: SysfsErrnoText = {
  cause:
    '/sys is mounted read-only here: a container (Docker, Kubernetes pod, LXC) that is not privileged, or a sandboxed service (systemd ProtectKernelTunables=)',
  fix: 'do the binding on the host, or run the tool in a privileged container / with /sys mounted read-write',
};

/** The driver a /sys/bus/pci/drivers/NAME/... path names, if any. */
export function driverOfPath(path: string | undefined): string | undefined {
  const m = /drivers\/([\w.-]{1,64})\/?$/.exec(path ?? '');
  return m?.[1];
}

const FRAMEBUFFER = /(?:efi|vesa|simple)-?framebuffer|efifb|vesafb|simplefb|vtcon/;

const BIND: SysfsFile = {
  name: 'bind',
  does: 'binding a device to a driver by address',
  cite: 'torvalds/linux drivers/base/bus.c bind_store(); drivers/base/dd.c device_driver_attach(), __driver_probe_device()',
  byErrno: {
    ENODEV: (f) =>
      FRAMEBUFFER.test(f.path ?? '')
        ? {
            severity: 'warning',
            cause:
              "there is no framebuffer device of that name to bind back (bind_store() returns ENODEV when it finds no such device): on current kernels the firmware framebuffer is simple-framebuffer.0 driven by simpledrm (sysfb), not efi-framebuffer.0, and after the GPU was used by a VM the firmware framebuffer is gone anyway. Harmless for the VM; the host console returns when the GPU's own driver binds again",
            fix: 'drop the efi-framebuffer bind line from the release script; rebind the GPU to its host driver (amdgpu/nvidia/i915), which brings its own console',
          }
        : {
            cause: `bind_store() found no device of that name on the bus, or the driver${driverOfPath(f.path) ? ` (${driverOfPath(f.path)})` : ''} does not match it: the name must be the full address with its domain (0000:01:00.0), and a driver binds only a device it matches — vfio-pci has no ID table of its own, so it matches only a device whose vendor:device was added (new_id, vfio-pci.ids=) or whose driver_override names vfio-pci; a driver_override naming another driver makes every other driver refuse. A probe that rejects the device (ENODEV/ENXIO) reads the same. Older kernels also answered ENODEV for a device that is still bound to another driver (their bind_store() went on only for a device with no driver; current ones say EBUSY): the device was not unbound from its original driver first`,
            fix: "steer the device by address: `echo vfio-pci > /sys/bus/pci/devices/ADDR/driver_override`, then `echo ADDR > /sys/bus/pci/drivers_probe` (or write ADDR to the driver's bind file); `vfiokit bind ADDR` does the sequence and can undo it",
          },
    EBUSY: {
      cause:
        'the device already has a driver: __driver_probe_device() returns EBUSY while one is bound, so it must be unbound first. vfio-pci also returns EBUSY from its probe for an SR-IOV physical function whose VFs are enabled (dmesg: "Cannot bind to PF with SR-IOV enabled")',
      fix: 'unbind it first (`echo ADDR > /sys/bus/pci/devices/ADDR/driver/unbind`), then bind; for a PF, `echo 0 > sriov_numvfs` first; `vfiokit bind ADDR` unbinds, binds and records the undo',
    },
    EINVAL: {
      cause:
        'the driver\'s probe failed with EINVAL (dmesg: "probe with driver vfio-pci failed with error -22"): for vfio-pci the device has no IOMMU group — the IOMMU is off in the firmware or on the kernel command line, or this is a VM without a virtual IOMMU — and no-IOMMU mode is not enabled (vfio_pci_core_register_device() gets no group); vfio-pci also refuses a bridge (header type not 0) and devices on its deny list',
      fix: 'enable the IOMMU (VT-d/AMD-Vi in the firmware; intel_iommu=on or amd_iommu on the command line; a vIOMMU for a VM) and check `vfiokit doctor`; only on a machine with no IOMMU at all: vfio.enable_unsafe_noiommu_mode=1 (no DMA isolation)',
    },
    EAGAIN: {
      cause:
        'the probe was deferred (EPROBE_DEFER becomes EAGAIN in device_driver_attach()): something the driver needs (a supplier device, firmware, another module) is not ready yet',
      fix: 'retry once the system has finished booting; dmesg and /sys/kernel/debug/devices_deferred name what it waits for',
    },
    ENOENT: (f) => ({
      cause: `the driver's directory does not exist: /sys/bus/pci/drivers/${driverOfPath(f.path) ?? 'DRIVER'} appears only while that driver is registered, so the module (vfio-pci) is not loaded`,
      fix: 'load it first (`modprobe vfio-pci`) and make it load at boot (/etc/modules-load.d/vfio.conf); check the name: it is vfio-pci, not vfio_pci, in the path',
    }),
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const UNBIND: SysfsFile = {
  name: 'unbind',
  does: 'releasing a device from its driver',
  cite: 'torvalds/linux drivers/base/bus.c unbind_store()',
  byErrno: {
    ENODEV: (f) =>
      FRAMEBUFFER.test(f.path ?? '')
        ? {
            severity: 'warning',
            cause:
              "the framebuffer device named is not bound to that driver (unbind_store() returns ENODEV unless the device is bound to it): on current kernels the firmware framebuffer is registered as simple-framebuffer.0 and driven by simpledrm (sysfb), so there is no efi-framebuffer.0 to unbind — or it was released already. Harmless in itself; the framebuffer may still hold the GPU's memory",
            fix: 'see which framebuffer exists (`ls /sys/bus/platform/drivers/*framebuffer*/`, `cat /proc/fb`) and unbind that one, or keep it off the GPU at boot (video=efifb:off, initcall_blacklist=sysfb_init); drop the efi-framebuffer line from the hook script',
          }
        : {
            severity: 'warning',
            cause:
              "the device named is not bound to this driver (unbind_store() returns ENODEV unless the device's current driver is this one): it is already unbound, bound to another driver, or the address is short or wrong (it needs the domain: 0000:01:00.0). In GPU hook scripts the same error comes from unbinding efi-framebuffer.0 when the framebuffer is simple-framebuffer/simpledrm or already released. Harmless if the device is already free",
            fix: 'check the current driver (`readlink /sys/bus/pci/devices/ADDR/driver`) and unbind through that link: `echo ADDR > /sys/bus/pci/devices/ADDR/driver/unbind`',
          },
    ENOENT: {
      cause:
        'the unbind file does not exist: the driver named in the path is not loaded, or the device has no driver (no `driver` link to go through)',
      fix: 'nothing to unbind if the device has no driver; otherwise use /sys/bus/pci/devices/ADDR/driver/unbind, which always names the current driver',
      severity: 'warning',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const NEW_ID: SysfsFile = {
  name: 'new_id',
  does: 'adding a vendor:device ID to a driver',
  cite: 'torvalds/linux drivers/pci/pci-driver.c new_id_store()',
  byErrno: {
    EEXIST: {
      severity: 'warning',
      cause:
        "the vendor:device ID is already in the driver's ID table (new_id_store() returns EEXIST when pci_match_device() already matches it): an earlier new_id write, or vfio-pci.ids= on the kernel command line or in modprobe.d, added it. Harmless — the ID is there — but new_id never takes a device another driver still holds, and it catches every card with the same ID",
      fix: 'no need to add it again; to take one device, bind it by address (unbind it, write vfio-pci to its driver_override, write the address to /sys/bus/pci/drivers_probe) — `vfiokit bind ADDR`',
    },
    EINVAL: {
      cause:
        'new_id takes hexadecimal fields separated by spaces ("10de 1b80"); fewer than two fields (e.g. "10de:1b80" with a colon) or a driver_data value matching no entry of the driver\'s own table gives EINVAL',
      fix: 'write `echo "10de 1b80" > /sys/bus/pci/drivers/vfio-pci/new_id` (vendor, space, device; `lspci -nn` shows them)',
    },
    ENOENT: (f) => ({
      cause: `the new_id file does not exist: /sys/bus/pci/drivers/${driverOfPath(f.path) ?? 'vfio-pci'} appears only while that driver is registered, so the module is not loaded (or the name is misspelled: vfio-pci)`,
      fix: 'load it first (`modprobe vfio-pci`; at boot: /etc/modules-load.d/), then write the ID; better, bind by address with driver_override',
    }),
    ENOMEM: {
      cause: 'the kernel could not allocate the new ID entry (pci_add_dynid())',
      fix: 'free memory and retry',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const REMOVE_ID: SysfsFile = {
  name: 'remove_id',
  does: 'removing a vendor:device ID from a driver',
  cite: 'torvalds/linux drivers/pci/pci-driver.c remove_id_store()',
  byErrno: {
    ENODEV: {
      severity: 'warning',
      cause:
        "that ID is not in the driver's dynamic ID table (remove_id_store() returns ENODEV when no dynamic ID matches): it was never added with new_id / ids=, or was removed already; IDs compiled into a driver cannot be removed",
      fix: 'nothing to remove; to keep one device from a driver use its driver_override instead',
    },
    EINVAL: {
      cause:
        'remove_id takes hexadecimal fields separated by spaces ("10de 1b80"); fewer than two gives EINVAL',
      fix: 'write `echo "10de 1b80" > /sys/bus/pci/drivers/vfio-pci/remove_id`',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const DRIVER_OVERRIDE: SysfsFile = {
  name: 'driver_override',
  does: 'naming the only driver allowed to bind a device',
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c driver_override_store() (drivers/base/driver.c driver_set_override())',
  byErrno: {
    EINVAL: {
      cause:
        'driver_set_override() refuses a name of a page or longer (EINVAL); a normal driver name cannot trigger it, so the value written was not what was meant',
      fix: 'write just the driver name: `echo vfio-pci > /sys/bus/pci/devices/ADDR/driver_override` (a newline clears it)',
    },
    ENOENT: {
      cause:
        'the driver_override file does not exist: the device is not there (wrong address, or it was removed), or the kernel predates driver_override for PCI (3.16)',
      fix: 'check the address (`lspci -D`); on a kernel older than 3.16 use new_id',
    },
    ENOMEM: { cause: 'the kernel could not store the name (ENOMEM)', fix: 'free memory and retry' },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const DRIVERS_PROBE: SysfsFile = {
  name: 'drivers_probe',
  does: 'asking the bus to find a driver for a device',
  cite: 'torvalds/linux drivers/base/bus.c drivers_probe_store()',
  byErrno: {
    ENODEV: {
      cause:
        'no device of that name on the bus (drivers_probe_store() returns ENODEV when bus_find_device_by_name() finds none): the address is short or wrong (it needs the domain: 0000:01:00.0) or the device was removed',
      fix: 'write the full address as `lspci -D` prints it',
    },
    EINVAL: {
      cause:
        'the device was found but attaching a driver failed (drivers_probe_store() has long reported any failure of the rescan as EINVAL, whatever the driver returned); a success does not mean a driver bound either: when driver_override names a driver that is not loaded, no driver matches and the write still succeeds',
      fix: 'check the result with `readlink /sys/bus/pci/devices/ADDR/driver` and dmesg (probe errors); load the driver named in driver_override',
    },
    EAGAIN: {
      cause:
        'the probe was deferred (EPROBE_DEFER, given back as EAGAIN): something the driver needs is not ready',
      fix: 'retry later; /sys/kernel/debug/devices_deferred says what it waits for',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const RESET: SysfsFile = {
  name: 'reset',
  does: 'resetting one PCI function',
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c reset_store() → drivers/pci/pci.c pci_reset_function(), pci_dev_wait()',
  byErrno: {
    ENOTTY: {
      cause:
        'no reset method worked for this function: pci_reset_function() returns ENOTTY when the device has no FLR, no PM reset (NoSoftRst+) and no bus reset it may use alone (other devices on the same bus, or an integrated function on the root bus), when its reset_method list was emptied, or when the device did not come back after the reset ("not ready … giving up"). The device goes to the guest without a reset',
      fix: 'see `cat /sys/bus/pci/devices/ADDR/reset_method`; devices without a reset often work if the guest never shuts them down uncleanly; for AMD GPUs the vendor-reset module adds a device-specific reset; otherwise put the device alone behind its own bridge (bus reset) or power-cycle the host between uses',
    },
    EINVAL: {
      cause: 'reset_store() accepts only "1" (anything else is EINVAL)',
      fix: 'write `echo 1 > /sys/bus/pci/devices/ADDR/reset`',
    },
    ENOENT: {
      cause:
        'the reset file is absent: since Linux 5.15 it is shown only for a device that has at least one reset method, so this device has none (no FLR, no PM reset, no usable bus reset)',
      fix: 'see `lspci -vv -s ADDR` (FLReset, NoSoftRst); the device can only be reset by a bus reset of its own bridge, vendor-reset, or a host power cycle',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const RESET_METHOD: SysfsFile = {
  name: 'reset_method',
  does: 'choosing the reset methods the kernel may use',
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c reset_method_store()',
  byErrno: {
    EINVAL: {
      cause:
        'a name that is not a reset method this device supports (reset_method_store() checks every name against the methods the device has: flr, pm, bus, device_specific, acpi, cxl_bus …)',
      fix: '`cat /sys/bus/pci/devices/ADDR/reset_method` lists the supported ones; write a subset of those, or "default"',
    },
    EACCES: ROOT,
    EPERM: ROOT,
  },
};

const SRIOV_NUMVFS: SysfsFile = {
  name: 'sriov_numvfs',
  does: 'enabling SR-IOV virtual functions',
  cite: 'torvalds/linux drivers/pci/iov.c sriov_numvfs_store(), sriov_enable(); drivers/vfio/pci/vfio_pci.c vfio_pci_sriov_configure()',
  byErrno: {
    ENOENT: {
      cause:
        'the physical function\'s driver cannot create VFs through sysfs: sriov_numvfs_store() returns ENOENT when no driver is bound or the driver has no sriov_configure callback ("driver does not support SR-IOV configuration via sysfs") — e.g. the in-tree i915 on an iGPU (the SR-IOV-capable module, i915-sriov-dkms or xe, must be the one bound), or vfio-pci loaded without enable_sriov=1. If the file itself is missing, the device has no SR-IOV capability (or it is disabled in the firmware)',
      fix: 'bind the PF to a driver that supports SR-IOV (`readlink /sys/bus/pci/devices/ADDR/driver`), or load vfio-pci with enable_sriov=1; enable SR-IOV in the firmware if sriov_totalvfs is missing',
    },
    ERANGE: {
      cause:
        'more VFs than the device offers: sriov_numvfs_store() returns ERANGE above TotalVFs (the number in sriov_totalvfs, from the SR-IOV capability or lowered by the driver)',
      fix: 'write at most `cat /sys/bus/pci/devices/ADDR/sriov_totalvfs`',
    },
    EBUSY: {
      cause:
        'VFs are already enabled: the count can only go from 0 to N (dmesg: "N VFs already enabled. Disable before enabling M VFs"); vfio-pci also refuses to bind a PF whose VFs are enabled',
      fix: 'write 0 first, then the new count',
    },
    EINVAL: {
      cause: 'the value is not a number from 0 to 65535 (kstrtou16()), or the driver refused the count',
      fix: 'write a plain decimal count: `echo 4 > sriov_numvfs`',
    },
    ENOMEM: {
      cause:
        'the VFs\' BARs or bus numbers could not be placed: sriov_enable() returns ENOMEM when the firmware left no room for the VF BARs ("not enough MMIO resources for SR-IOV", "IOV BARS not allocated") or the VFs\' bus numbers exceed the bridge\'s range',
      fix: 'enable SR-IOV and "Above 4G decoding" in the firmware, or boot with pci=realloc (pci=assign-busses for bus numbers)',
    },
    EIO: {
      cause:
        "the device's SR-IOV capability is inconsistent (InitialVFs against TotalVFs): sriov_enable() returns EIO",
      fix: 'update the device firmware; the device cannot enable VFs as it is',
    },
    // A shell's `echo N > .../sriov_numvfs` opens with O_CREAT: when the attribute does not exist,
    // sysfs refuses to create the file with EACCES, even for root (kernfs directories have no
    // create operation and the VFS answers "Permission denied").
    EACCES: {
      cause:
        'either the writer is not root — or, as often, the file does not exist: the kernel shows sriov_numvfs only on devices with an SR-IOV capability (drivers/pci/iov.c sriov_pf_attrs_are_visible()), and a shell redirect to a missing sysfs file tries to create it, which sysfs refuses with "Permission denied" even for root. So the device cannot make virtual functions: it has no SR-IOV support (most onboard NICs, e.g. Intel I219/I211, and consumer GPUs), or SR-IOV is disabled in the firmware',
      fix: 'check `ls /sys/bus/pci/devices/ADDR/sriov_totalvfs`: if it is missing, the device does not support SR-IOV here — pass the whole device (the PF) to the VM with vfio-pci instead, or enable SR-IOV in the firmware where the board offers it; if it exists, write as root (`echo N | sudo tee FILE`)',
    },
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const MDEV_CREATE: SysfsFile = {
  name: 'create',
  does: 'creating a mediated device (vGPU)',
  cite: "torvalds/linux drivers/vfio/mdev/mdev_sysfs.c create_store(), mdev_core.c mdev_device_create(); the vendor driver's create (i915 gvt/kvmgt.c intel_vgpu_create(), gvt/aperture_gm.c)",
  byErrno: {
    ENOSPC: {
      cause:
        "not enough space left for another vGPU of this type in the vendor driver's resources: for GVT-g the iGPU's graphics memory (the aperture and GGTT, whose size the BIOS/firmware sets with DVMT/aperture size) is used up by the vGPUs already created and by the host's own display, so available_instances is 0",
      fix: 'read mdev_supported_types/TYPE/available_instances; remove unused vGPUs, pick a smaller type (higher number, e.g. V5_8), increase the aperture size in the BIOS, or free host graphics memory (stop the display manager)',
    },
    EUSERS: {
      cause:
        "no instance of this type is left (mdev_device_create() returns EUSERS when the parent's available instances are used up)",
      fix: 'remove an unused mediated device (`mdevctl list`; echo 1 > …/remove) or choose another type',
    },
    EEXIST: {
      cause: 'a mediated device with this UUID exists already (mdev_device_create() returns EEXIST)',
      fix: 'use a new UUID (`uuidgen`), or use the existing device',
    },
    // create_store() answers EINVAL for text that is not a UUID, but the vendor driver's create
    // returns it too: NVIDIA's vGPU driver refuses a valid UUID with EINVAL (a profile mix on one GPU).
    EINVAL: (f) =>
      /^nvidia-\d{1,5}$/.test(f.mdevType ?? '')
        ? {
            cause:
              "NVIDIA's vGPU driver refused to create the vGPU (its create returns EINVAL for a valid UUID too): the type is not creatable on this GPU right now — typically a different vGPU type already exists on the same GPU (time-sliced vGPUs on one GPU must all be the same profile unless mixed-size mode is on), or the GPU is not in the mode the type needs (on Ampere and later the SR-IOV VFs are not enabled and the vGPU is created on the physical function). The UUID itself is only at fault if it is not 36 characters",
            fix: 'read `journalctl -u nvidia-vgpu-mgr` and `nvidia-smi vgpu` for the reason; check mdev_supported_types/TYPE/available_instances (0 when the mix is refused); remove the vGPUs of other types on that GPU or create the same profile; on Ampere and later enable the VFs first (sriov-manage -e ADDR) and create on a VF',
          }
        : {
            cause:
              "EINVAL from create: create_store() answers it for text that is not a UUID (it takes exactly one UUID, 36 characters), and the vendor driver's create answers it for a vGPU it will not make with a valid UUID (for NVIDIA: a different vGPU type on the same GPU; the driver's log says so)",
            fix: "write the output of `uuidgen` alone, without quotes inside the value; if the UUID is fine, read the vendor driver's log (journalctl -u nvidia-vgpu-mgr, dmesg) and available_instances of the type",
          },
    ENODEV: {
      cause:
        'the parent device is going away (its driver is being unloaded): mdev_device_create() returns ENODEV',
      fix: 'reload the vendor driver and retry',
    },
    EIO: {
      cause:
        "the vendor driver failed to create the vGPU: for NVIDIA the vGPU manager refused it (its log, `journalctl -u nvidia-vgpu-mgr`, says why), for GVT-g dmesg's gvt lines",
      fix: "read the vendor driver's log for the reason",
    },
    EACCES: ROOT,
    EPERM: ROOT,
  },
};

const ROM: SysfsFile = {
  name: 'rom',
  does: "reading a device's option ROM",
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c pci_read_rom() → drivers/pci/rom.c pci_map_rom()',
  byErrno: {
    EIO: {
      cause:
        'no valid ROM image behind the ROM BAR: pci_read_rom() returns EIO when pci_map_rom() finds no 0x55AA signature — the boot GPU whose ROM the firmware shadowed, a card whose ROM a host driver has disabled, a device in D3, or an iGPU with no ROM of its own (its VBIOS is in the system firmware)',
      fix: "read it before any host driver binds (boot with the card on vfio-pci or pci-stub), from a secondary slot, or use the vendor tool / a ROM from the card's vendor; an iGPU needs the VBIOS extracted from the system firmware",
    },
    EINVAL: {
      cause: 'reading was not enabled first: pci_read_rom() returns EINVAL until `echo 1 > rom` is written',
      fix: '`echo 1 > rom; cat rom > /tmp/card.rom; echo 0 > rom` (as root)',
    },
    ENOENT: {
      cause: 'the device has no rom file: it has no ROM BAR (and is not the shadowed boot VGA device)',
      fix: 'the ROM, if any, has to come from the vendor or the system firmware',
    },
    EACCES: ROOT,
    EPERM: ROOT,
  },
};

const RESOURCE: SysfsFile = {
  name: 'resource',
  does: "accessing a device's BAR through sysfs",
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c pci_create_attr(); fs/sysfs/file.c sysfs_kf_bin_read()',
  byErrno: {
    EIO: {
      cause:
        "a memory BAR's sysfs resourceN file cannot be read with read(): pci_create_attr() gives it only mmap (read/write exist for I/O-port BARs), so sysfs returns EIO. The BAR must be mapped, or accessed through VFIO once the device is bound to vfio-pci",
      fix: "bind the device to vfio-pci and read the BAR through the VFIO region (or mmap the resource file as root with the device's memory decoding enabled)",
    },
    EINVAL: {
      cause:
        'the mapping asked for lies outside the BAR, or is not page-aligned (pci_mmap_resource_range() refuses it)',
      fix: 'map at most the BAR size, from offset 0',
    },
    EPERM: {
      cause:
        'the kernel refused to map the BAR: under kernel lockdown (Secure Boot) mapping PCI resource files is forbidden (security_locked_down(LOCKDOWN_PCI_ACCESS) in pci_mmap_resource())',
      fix: 'unbind the host driver (bind vfio-pci and use the VFIO region), or run as root without lockdown',
    },
    EACCES: ROOT,
  },
};

const PHYSFN: SysfsFile = {
  name: 'physfn',
  does: "following a virtual function's link to its physical function",
  cite: 'torvalds/linux drivers/pci/iov.c pci_iov_sysfs_link()',
  byErrno: {
    ENOENT: {
      cause:
        'the device is not an SR-IOV virtual function: only VFs get a physfn link (pci_iov_sysfs_link()), so a PF, a plain device or a virtio/emulated NIC has none',
      fix: 'give the tool a VF (`ls /sys/bus/pci/devices/PF/virtfn*`), or use a plugin for plain devices (e.g. host-device instead of the SR-IOV CNI)',
    },
  },
};

const DRIVER_LINK: SysfsFile = {
  name: 'driver',
  does: "following a device's link to its driver",
  cite: 'torvalds/linux drivers/base/dd.c driver_sysfs_add() (makes the link at bind; driver_sysfs_remove() deletes it at unbind)',
  byErrno: {
    ENOENT: {
      cause:
        "no driver is bound to the device: sysfs has a device's `driver` link only while a driver holds it (driver_sysfs_add() makes it at bind, unbind removes it), so the device is most likely present but unbound — a VF or function nobody has bound yet, or one just unbound (by a script, a VM's start or stop, a failed probe); only if the device's own directory is missing too is the device gone",
      fix: 'check with `lspci -k -s ADDR` (no "Kernel driver in use" line means unbound); bind the driver the program expects (vfio-pci for passthrough, or the VF\'s own driver such as iavf or mlx5_core for a netdev) with driver_override and drivers_probe, or `vfiokit bind ADDR`',
    },
  },
};

const IOMMU_GROUP: SysfsFile = {
  name: 'iommu_group',
  does: "reading a device's IOMMU group",
  cite: 'torvalds/linux drivers/iommu/iommu.c iommu_group_add_device() (creates the iommu_group link)',
  byErrno: {
    ENOENT: {
      cause:
        'the device has no iommu_group link: no IOMMU translates for it — VT-d/AMD-Vi is off in the firmware or not enabled on the kernel command line, or (in a VM) there is no virtual IOMMU — so VFIO cannot use it',
      fix: 'enable the IOMMU in the firmware and with intel_iommu=on / amd_iommu=on (iommu=pt is fine), then check `ls /sys/kernel/iommu_groups` and `vfiokit doctor`',
    },
  },
};

const MDEV_BUS: SysfsFile = {
  name: 'mdev_supported_types',
  does: 'looking up mediated devices (vGPU) in sysfs',
  cite: 'torvalds/linux drivers/vfio/mdev/mdev_core.c mdev_register_parent() (creates mdev_supported_types), mdev_driver.c (the mdev bus)',
  byErrno: {
    ENOENT: {
      cause:
        "the mediated-device tree is not there: /sys/bus/mdev and a parent's mdev_supported_types exist only once the mdev core is loaded and a vendor driver registered the device as an mdev parent — the vGPU host driver (NVIDIA vGPU manager / nvidia-vgpu-vfio) is not installed or not loaded, i915 runs without GVT-g (i915.enable_gvt=1 missing from the kernel command line, or the kvmgt module not loaded; GVT-g exists only up to 10th-generation Core, Comet Lake), or the GPU is not one the vendor driver supports (NVIDIA Ampere and later: the types are under the SR-IOV VFs, after sriov-manage -e)",
      fix: 'load the vendor driver and its mdev module (i915.enable_gvt=1 and modprobe kvmgt; the NVIDIA vGPU host driver and nvidia-vgpu-mgr); for NVIDIA Ampere+ enable the VFs first; then `ls /sys/class/mdev_bus/`',
    },
  },
};

const MDEV_DEVICE: SysfsFile = {
  name: 'mdev device',
  does: 'opening a mediated device (vGPU) by its UUID',
  cite: 'torvalds/linux drivers/vfio/mdev/mdev_core.c mdev_device_create() / mdev_device_remove()',
  byErrno: {
    ENOENT: {
      cause:
        'the mediated device with that UUID does not exist: it was never created, or it was lost at a reboot or driver reload (a device created by writing `create` does not persist unless mdevctl defines it), so nothing (its iommu_group included) is there to open',
      fix: 're-create it (`mdevctl start -u UUID -p PARENT -t TYPE`, or write the UUID to mdev_supported_types/TYPE/create) and make it persistent with `mdevctl define --auto`',
    },
  },
};

/** Writing 1 to a device's `remove` (hot-unplug it) or to a `rescan` file (enumerate again). */
const REMOVE: SysfsFile = {
  name: 'remove',
  does: 'removing a PCI device from the kernel (software hot-unplug)',
  cite: 'torvalds/linux drivers/pci/pci-sysfs.c remove_store(); fs/kernfs/file.c kernfs_fop_write_iter()',
  byErrno: {
    EINVAL: {
      cause:
        'remove_store() accepts only a number (kstrtoul()); the value written was not one (a quoted string, an address, "yes")',
      fix: 'write 1: `echo 1 > /sys/bus/pci/devices/ADDR/remove`',
    },
    ENODEV: {
      cause:
        'the device was already being removed when the write arrived (kernfs refuses a write to an attribute of a device that is going away with ENODEV); a second `echo 1 > remove` in the same script, or a removal the kernel or a hotplug driver started, got there first. The device is gone either way',
      fix: 'nothing to undo: write 1 to /sys/bus/pci/rescan to bring the device back; let only one step of the script remove it',
      severity: 'warning',
    },
    ENOENT: {
      cause:
        'there is no device at that address any more: it was already removed (by an earlier step, or a previous run of the script that did not rescan), or the address is wrong',
      fix: '`echo 1 > /sys/bus/pci/rescan` brings removed devices back; check the address with `lspci -D`',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

const RESCAN: SysfsFile = {
  name: 'rescan',
  does: 'rescanning the PCI bus for devices',
  cite: "torvalds/linux drivers/pci/pci-sysfs.c rescan_store() (bus-wide /sys/bus/pci/rescan), dev_rescan_store() (a device's rescan)",
  byErrno: {
    EINVAL: {
      cause: 'the rescan files accept only a number (kstrtoul()); the value written was not one',
      fix: 'write 1: `echo 1 > /sys/bus/pci/rescan`',
    },
    ENOENT: {
      cause:
        "there is no such rescan file: /sys/bus/pci/rescan always exists on a kernel with PCI hotplug support, so the path is wrong (a device's own rescan lives under /sys/bus/pci/devices/ADDR/, which is gone once that device was removed)",
      fix: 'use the bus-wide file: `echo 1 > /sys/bus/pci/rescan`',
    },
    EACCES: ROOT,
    EPERM: ROOT,
    EROFS: READ_ONLY,
  },
};

export const SYSFS_FILES: SysfsFile[] = [
  BIND,
  UNBIND,
  NEW_ID,
  REMOVE_ID,
  DRIVER_OVERRIDE,
  DRIVERS_PROBE,
  RESET,
  RESET_METHOD,
  SRIOV_NUMVFS,
  MDEV_CREATE,
  ROM,
  RESOURCE,
  PHYSFN,
  IOMMU_GROUP,
  MDEV_BUS,
  REMOVE,
  RESCAN,
];

/**
 * The files the generic tier also knows (generic.ts): a device's driver link is read, never
 * written, and an entry of its own would claim lines that a program's own entry explains (the
 * SR-IOV CNI's "lstat …/driver"), so it is known only where no entry recognised the line.
 */
const GENERIC_ONLY: SysfsFile[] = [DRIVER_LINK];

const BY_NAME = new Map([...SYSFS_FILES, ...GENERIC_ONLY].map((f) => [f.name, f]));

/**
 * The file a path or bare name stands for: `resource2` is `resource`, a trailing slash is dropped;
 * anything under a mediated device (/sys/bus/mdev/devices/UUID/…) is about that device existing,
 * and the mdev bus or a parent's types directory about mdev support being loaded.
 */
export function sysfsFileOf(path: string | undefined): SysfsFile | undefined {
  const p = (path ?? '').replace(/['"`\\/]+$/, '');
  if (/\/sys\/bus\/mdev\/devices\/[0-9a-fA-F-]{36}/.test(p)) return MDEV_DEVICE;
  if (/\/sys\/(?:bus\/mdev|class\/mdev_bus)(?:\/devices)?$|\/mdev_supported_types$/.test(p)) return MDEV_BUS;
  const last = p.split('/').pop() ?? '';
  return BY_NAME.get(/^resource\d{1,2}(?:_wc)?$/.test(last) ? 'resource' : last);
}

/** Errnos that mean the same for any sysfs file. */
const ANY_FILE: Record<string, SysfsErrnoText> = {
  EACCES: ROOT,
  EPERM: ROOT,
  EROFS: READ_ONLY,
  ENOENT: {
    cause:
      'the sysfs file does not exist: the device is not present at that address (wrong or changed address, device removed), the driver that provides the directory is not loaded, or this kernel does not have that attribute',
    fix: 'check the path (`ls` its directory; `lspci -D` for addresses) and load the driver it belongs to',
  },
};

/** The explanation of an errno for a sysfs file: the file's own, else what holds for any file. */
export function sysfsErrnoText(file: SysfsFile | undefined, f: Facts): SysfsErrnoText | undefined {
  const e = f.errno;
  if (!e) return undefined;
  // "/sys/kernel/iommu_groups//devices": a script's variable (group number, address) was empty.
  if (e === 'ENOENT' && /\/sys\/[^\s]{0,200}\/\//.test(f.path ?? ''))
    return {
      cause:
        'the path has an empty component ("//"): the script built it from a variable that is empty — the IOMMU group or address it should hold was never set, because a configuration or setup step did not run or found nothing',
      fix: 'run the setup step that records the device (or set the variable), check that it found the device (`lspci -D`, `vfiokit groups`), then retry',
    };
  // "/sys/bus/pci/drivers/vfio-pci/0000:06:00.0/...": a device is listed in a driver's directory
  // only while bound to it (drivers/base/dd.c driver_sysfs_add() makes the link at bind time).
  const viaDriver = e === 'ENOENT' ? DRIVER_DEVICE.exec(f.path ?? '') : null;
  if (viaDriver)
    return {
      cause: `the path goes through the ${viaDriver[1]} driver's directory, where a device is listed only while it is bound to ${viaDriver[1]} (the kernel adds the link at bind time, driver_sysfs_add() in drivers/base/dd.c): ${viaDriver[2]} is not bound to ${viaDriver[1]} (still on its own driver, or on none), so nothing under that path exists`,
      fix: `bind ${viaDriver[2]} to ${viaDriver[1]} first (\`vfiokit bind ${viaDriver[2]}\`, or driver_override and drivers_probe), or read the device by its own path, /sys/bus/pci/devices/${viaDriver[2]}/, which exists whatever its driver`,
    };
  // "/sys/class/uio/uio13/device/config": a UIO device's link exists only while the device is bound
  // to a UIO driver, and inside a container only where the host's /sys/class/uio is visible.
  if (e === 'ENOENT' && /\/sys\/class\/uio\/uio\d{1,4}\/device(?:\/|$)/.test(f.path ?? ''))
    return {
      cause:
        "the UIO device path does not exist: /sys/class/uio/uioN is created only while the device is bound to a UIO driver (igb_uio, uio_pci_generic), and inside a container only if the host's /sys/class/uio is visible there at that path — a device plugin that mounts just the device's own directory (as the Intel QAT plugin did, mounting /sys/class/uio/uioN/device at /sys/class/uio in intel-device-plugins-for-kubernetes#351) leaves DPDK looking for a path that is not there",
      fix: "on the host check `ls -l /sys/class/uio/` and the driver in use (`lspci -k -s ADDR`); in a container mount the host's /sys/class/uio (or sysfs) so the same path exists, or use vfio-pci, which needs only /dev/vfio",
    };
  const own = file?.byErrno[e];
  if (own) return typeof own === 'function' ? own(f) : own;
  return ANY_FILE[e];
}

/** A device's entry in a PCI driver's directory: the driver and the address. */
const DRIVER_DEVICE =
  /\/sys\/bus\/pci\/drivers\/([^/\s]{1,64})\/([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])(?:\/|$)/;

/**
 * What a file's errnos mean, in short, for a message whose errno was cut off or not printed
 * ("open FILE: no such"): the cause of each errno the file's store returns, up to its first clause.
 */
export function sysfsSummary(file: SysfsFile): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const [errno, t] of Object.entries(file.byErrno)) {
    const text = typeof t === 'function' ? t({ path: '', errno }) : t;
    if (text === ROOT || text === READ_ONLY || seen.has(text.cause)) continue;
    seen.add(text.cause);
    const clause = text.cause.split(/: |; | \(/)[0];
    parts.push(`${errno}: ${clause.length > 160 ? `${clause.slice(0, 157)}...` : clause}`);
  }
  parts.push('EACCES/EPERM: not root (or `sudo echo > FILE`, whose redirection runs unprivileged)');
  return parts.join('; ');
}

/** A refine for an entry about one sysfs file: the errno picks the cause. */
/** A PCI device directory in sysfs written without the domain: /sys/bus/pci/devices/01:00.0. */
const SHORT_BDF_DIR = /\/sys\/bus\/pci\/devices\/([0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])(?:\/|$)/;

export function refineSysfs(file: SysfsFile): (f: Facts) => Refinement | undefined {
  return (f) => {
    // A device directory named without its PCI domain (00:1d.0) does not exist in sysfs.
    const short = f.path && f.errno === 'ENOENT' ? SHORT_BDF_DIR.exec(f.path) : null;
    if (short)
      return {
        cause: `the path names the device as ${short[1]}, without its PCI domain: sysfs names PCI devices domain:bus:device.function (0000:${short[1]}), so /sys/bus/pci/devices/${short[1]} does not exist and neither does anything under it — lspci prints the short form unless run with -D`,
        fix: `use the full address (/sys/bus/pci/devices/0000:${short[1]}/...), e.g. from \`lspci -D\`; in scripts, prefix 0000: to the addresses lspci prints`,
      };
    // A path under a mediated device or the mdev bus is about that, whatever the file's name.
    const byPath = f.path ? sysfsFileOf(`${f.path}/${file.name}`) : undefined;
    const t = sysfsErrnoText(byPath && byPath !== file && byPath.name.startsWith('mdev') ? byPath : file, f);
    if (t) return { cause: t.cause, fix: t.fix, ...(t.severity ? { severity: t.severity } : {}) };
    if (f.errno)
      return {
        cause: `${file.does} failed with ${f.errno}, which ${file.cite.replace(/^torvalds\/linux /, '')} does not return itself: it comes from the driver's probe or the device; dmesg at the same moment says which`,
      };
    return { cause: `${file.does} failed; by errno — ${sysfsSummary(file)}` };
  };
}

/** One file's table by its sysfs name (bind, unbind, driver_override, drivers_probe, ...). */
export function sysfsFile(name: string): SysfsFile {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`no sysfs file ${name} in the table`);
  return f;
}

/** A refine for a program's own message about writing one sysfs file (libvirt, driverctl, ...). */
export function refineSysfsWrite(
  name: string,
  dir?: (f: Facts) => string,
): (f: Facts) => Refinement | undefined {
  const file = sysfsFile(name);
  return (f) => {
    const t = sysfsErrnoText(file, dir ? { ...f, path: dir(f) } : f);
    return t ? { cause: t.cause, fix: t.fix, ...(t.severity ? { severity: t.severity } : {}) } : undefined;
  };
}
