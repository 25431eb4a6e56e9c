/**
 * AppArmor denials on the VFIO path (Ubuntu, Debian, SUSE and Proxmox VE confine QEMU and the
 * container managers with AppArmor): the kernel's audit record, as the kernel log prints it
 * (`audit: type=1400 audit(...): apparmor="DENIED" ...`), as auditd logs it (`type=AVC msg=audit(...)`)
 * or bare. libvirt confines each VM's QEMU with a profile of its own, `libvirt-<domain UUID>`, which
 * virt-aa-helper writes from the domain XML when the VM starts: the disks, ROM files, hugepage
 * paths and the /dev/vfio nodes of its <hostdev> elements. Only records about the VFIO path are
 * read: a virtualisation profile (libvirt's, libvirtd, QEMU's, LXD's and Incus's) or a VFIO
 * object (a /dev/vfio node, the hugetlbfs mount, a PCI sysfs attribute, an option ROM file). The
 * object, the operation and the mode (DENIED or ALLOWED) change the cause.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** A field of the record after the profile: name="...", requested_mask="...", capname="...". */
function field(rest: string, key: string): string | undefined {
  return new RegExp(`(?:^| )${key}="?([^"\\s]{1,200})"?`).exec(rest)?.[1];
}

const LOCAL =
  'a local rule in /etc/apparmor.d/local/abstractions/libvirt-qemu (read by every libvirt-<UUID> profile), then restart libvirtd';

/** Who was refused, in words: libvirt's per-VM profile, a container's, or a daemon's. */
function whoOf(profile: string, comm: string | undefined): string {
  const c = comm ? ` (${comm})` : '';
  if (/^libvirt-[0-9a-f]{8}-/.test(profile))
    return `the VM's QEMU${c}, confined by libvirt's per-VM profile ${profile}`;
  if (/^(?:lxd|incus)-/.test(profile)) return `the container ${profile}${c}`;
  return `${profile}${c}`;
}

/**
 * Two records that are not about a VFIO node: a graphics library's harmless i915 perf probe, and a
 * virtualisation daemon refused the PCI sysfs writes that rebind a device to vfio-pci.
 */
function refineRebindOrProbe(
  object: string,
  who: string,
  what: string,
  mask: string | undefined,
  perVm: boolean,
): Refinement | undefined {
  // Mesa's Intel driver (src/intel/perf/intel_perf.c) reads this sysctl to see whether it may open
  // i915 perf streams; QEMU loads Mesa for its GL display (SPICE gl=on, GTK/SDL with GL, virgl).
  if (object.startsWith('/proc/sys/dev/i915/') && (!mask || mask === 'r'))
    return {
      severity: 'info',
      title: 'AppArmor refused a read of an i915 perf setting: harmless',
      cause: `AppArmor refused ${who} ${what}: a graphics library loaded into the process (Mesa's Intel driver, used by QEMU for a GL display — SPICE with gl=on, GTK or SDL with GL, virgl) reads /proc/sys/dev/i915/perf_stream_paranoid to see whether it may use the i915 performance counters. The profile does not list it, so the read fails and the library goes on without them: harmless, and not why the VM, the passthrough or its memory fails — look for other records and errors`,
      fix: 'nothing; to silence it, allow the read with a local rule ("/proc/sys/dev/i915/perf_stream_paranoid r,") in /etc/apparmor.d/local/abstractions/libvirt-qemu',
    };
  // libvirtd (or virtqemud, or a management daemon) rebinds a managed <hostdev> itself: virpci.c
  // virPCIDeviceBindToStub() writes driver_override, then unbind and drivers_probe.
  if (
    !perVm &&
    /\/(?:driver_override|unbind|bind|drivers_probe|new_id|remove_id|sriov_numvfs|reset|remove|rescan)$/.test(
      object,
    ) &&
    (!mask || /[wa]/.test(mask))
  )
    return {
      cause: `AppArmor refused ${who} ${what}: a PCI sysfs file it writes to move a device between drivers. For a managed <hostdev> (and for an SR-IOV VF given to an instance) libvirt rebinds the device to vfio-pci itself — it writes the device's driver_override, then its driver's unbind and the bus's drivers_probe, and does the reverse afterwards — so a profile confining the daemon (a distribution's libvirtd/virtqemud profile, or a snap's, such as the OpenStack or MicroStack hypervisor snaps) that does not allow these writes makes the rebind fail, and the VM does not start with the device`,
      fix: 'allow the daemon to write the PCI sysfs files it needs (for a snap, the snap interface or plug that grants them; for a distribution profile, a local rule like "/sys/devices/pci*/**/{driver_override,unbind,bind} w," and "/sys/bus/pci/drivers_probe w,") and reload the profile; or bind the device to vfio-pci at boot (vfio-pci.ids=, driverctl) and use managed=\'no\'',
    };
  return undefined;
}

function refineAppArmor(f: Facts): Refinement | undefined {
  const rest = f.rest ?? '';
  const profile = f.profile ?? '';
  const object = f.object ?? field(rest, 'name') ?? '';
  const who = whoOf(profile, field(rest, 'comm'));
  const mask = field(rest, 'denied_mask') ?? field(rest, 'requested_mask');
  const what = `${f.op ?? 'access'}${mask ? ` (${mask})` : ''} of ${object || 'the object'}`;
  const perVm = profile.startsWith('libvirt-');
  const container = /^(?:lxd|incus)-/.test(profile);
  if (f.mode === 'ALLOWED')
    return {
      severity: 'info',
      title: 'AppArmor logged an access it would deny (complain mode): not enforced',
      cause: `the profile ${profile} has no rule for ${what}, but it is in complain mode (apparmor="ALLOWED"), so the access went through and was only logged: this record is not why something failed`,
      fix: 'nothing now; before putting the profile in enforce mode, add the rule it lacks (aa-logprof reads these records)',
    };
  const capname = field(rest, 'capname');
  if (f.op === 'capable' && capname)
    return {
      cause: `AppArmor refused ${who} the capability ${capname}${capname === 'ipc_lock' || capname === 'sys_resource' ? ': raising or going past the locked-memory limit (RLIMIT_MEMLOCK), which VFIO needs to pin all guest RAM' : ''}`,
      fix: `let libvirt set the VM's limit (it raises RLIMIT_MEMLOCK itself for <hostdev> VMs) or add the capability to the profile (${LOCAL})`,
    };
  if (object.startsWith('/dev/vfio'))
    return {
      cause: `AppArmor refused ${who} ${what}: a VFIO node. ${perVm ? 'virt-aa-helper lists the /dev/vfio/N node of each <hostdev> in the VM\'s profile; a device passed with <qemu:commandline> (-device vfio-pci), hot-plugged outside libvirt, or added by hand to QEMU\'s arguments is not in it, so QEMU then fails with "Permission denied" on the node' : container ? 'the container manager adds the VFIO nodes of the devices it passes to the profile; a node it did not pass (raw.lxc or a hand-made bind mount) is refused' : "The profile has no rule for the VFIO nodes, so the open fails with EACCES although the node's mode allows it"}`,
      fix: perVm
        ? `pass the device as <hostdev mode='subsystem' type='pci' managed='yes'> so virt-aa-helper adds its node; otherwise add "/dev/vfio/* rw," with ${LOCAL}`
        : container
          ? 'pass the device through the manager (a gpu or pci device of the instance), not a raw bind mount'
          : 'add a rule for /dev/vfio/* rw to the profile (or its local override) and reload it (apparmor_parser -r)',
    };
  if (object.startsWith('/dev/hugepages') || /huge|qemu_back_mem/i.test(object))
    return {
      cause: `AppArmor refused ${who} ${what}: the hugetlbfs path guest memory comes from. virt-aa-helper adds the hugepage paths libvirt knows (the mounts listed in qemu.conf hugetlbfs_mount, /dev/hugepages by default); a mount elsewhere, or a <qemu:commandline> memory backend, is not in the profile`,
      fix: `use <memoryBacking><hugepages/> with hugetlbfs mounted where qemu.conf says (or list the mount in hugetlbfs_mount), or allow the path with ${LOCAL}`,
    };
  if (/\.(?:rom|bin)$/i.test(object) || /vbios|romfile/i.test(object))
    return {
      cause: `AppArmor refused ${who} ${what}: an option ROM file (romfile=). Files under /usr/share/ (the vgabios, seabios and ipxe directories) are allowed to every VM; a ROM kept in /root, a home directory or another custom place is not, and QEMU then fails to load the device's ROM`,
      fix: `copy the ROM to /usr/share/vgabios/ (or /usr/share/kvm/) and point <rom file=.../> there; or allow its path read-only with ${LOCAL}`,
    };
  const daemonOrProbe = refineRebindOrProbe(object, who, what, mask, perVm);
  if (daemonOrProbe) return daemonOrProbe;
  if (object.startsWith('/sys/'))
    return {
      cause: `AppArmor refused ${who} ${what}: a sysfs file of a PCI device. The profile lets QEMU read the attributes of the devices it was given; a write to a device attribute (reset, rom, driver_override, sriov_numvfs) or a read of another device's is refused`,
      fix: `change the device's state outside the VM (libvirt's managed hostdev, or a script run as root before the VM starts), not from QEMU's arguments; if QEMU must read it, allow the path with ${LOCAL}`,
    };
  return undefined;
}

/** Profiles on the VFIO path: libvirt's per-VM profiles and daemons, QEMU's, containers'. */
const VIRT_PROFILE =
  '(?<profile>libvirt-[0-9a-f]{8}-[0-9a-f-]{27}|libvirtd(?://qemu_bridge_helper)?|virt-aa-helper|virtqemud|qemu[\\w.-]{0,30}|lxd-[^"\\s]{1,120}|incus-[^"\\s]{1,120}|snap\\.[\\w-]{1,60}\\.(?:libvirtd|virtqemud|nova-compute|qemu[\\w.-]{0,30}))';
/** Objects on the VFIO path whose denial is read, whoever asked. */
const VFIO_OBJECT =
  '(?<object>\\/dev\\/vfio\\/[\\w-]{1,32}|\\/dev\\/hugepages[^\\s"]{0,100}|\\/sys\\/(?:devices\\/pci|bus\\/pci\\/)[^\\s"]{1,200}\\/(?:driver_override|unbind|bind|drivers_probe|sriov_numvfs))';
const HEAD = 'apparmor="(?<mode>DENIED|ALLOWED)" operation="(?<op>[a-z_]{1,30})"';

export const APPARMOR_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.apparmor-denied',
    source: 'kernel',
    cite: 'torvalds/linux security/apparmor/audit.c audit_pre() (apparmor=, operation=, profile=, name=) with security/apparmor/file.c file_audit_cb() (requested_mask=, denied_mask=, fsuid=, ouid=); the per-VM profile: libvirt/libvirt src/security/virt-aa-helper.c',
    format:
      'apparmor="%s" operation="%s" profile="%s" name="%s" pid=%d comm="%s" requested_mask="%s" denied_mask="%s"',
    versions:
      'newer kernels print class="file" after operation= and info=/error= when set; the kernel log prefixes "audit: type=1400 audit(TIME:SERIAL): ", auditd "type=AVC msg=audit(TIME:SERIAL): "; capability denials print capability=N capname="NAME" instead of the masks',
    patterns: [
      new RegExp(`${HEAD}(?: class="[a-z]{1,16}")? profile="${VIRT_PROFILE}"(?<rest>[^\\n]{0,600})`),
      new RegExp(
        `${HEAD}(?: class="[a-z]{1,16}")? profile="(?<profile>[^"\\n]{1,120})" name="${VFIO_OBJECT}"(?<rest>[^\\n]{0,600})`,
      ),
      // The same record re-wrapped by a paste or a terminal: a line break where a space was
      // between the fields up to name=.
      new RegExp(
        `apparmor="(?<mode>DENIED|ALLOWED)"(?: |\\n)operation="(?<op>[a-z_]{1,30})"(?:(?: |\\n)class="[a-z]{1,16}")?(?: |\\n)profile="${VIRT_PROFILE}"(?: |\\n)name="(?<object>[^"\\n]{1,300})"(?<rest>[^\\n]{0,600})`,
      ),
    ],
    severity: 'error',
    title: 'AppArmor denied an access on the VFIO path',
    cause:
      'the AppArmor profile confining this process has no rule for this access, so it failed with EACCES (Permission denied) although the file modes allow it',
    fix: 'read what the profile lacks (`aa-logprof`, or the record itself: name= and requested_mask=), let libvirt describe the device or file in the domain XML so virt-aa-helper adds it, or add a local rule under /etc/apparmor.d/local/ and reload',
    refine: refineAppArmor,
    render: render(
      'audit: type=1400 audit(1700000000.123:45): ',
      'DENIED',
      'open',
      'libvirt-6c5f7ad2-1ccb-4d7c-9c3f-1d2f1c0b6a3e',
      '/dev/vfio/16',
      4567,
      'qemu-system-x86',
      'wr',
      'wr',
    ),
    examples: [
      ex(
        'audit: type=1400 audit(1700000000.123:45): apparmor="DENIED" operation="open" profile="libvirt-6c5f7ad2-1ccb-4d7c-9c3f-1d2f1c0b6a3e" name="/dev/vfio/16" pid=4567 comm="qemu-system-x86" requested_mask="wr" denied_mask="wr" fsuid=64055 ouid=0',
        { profile: 'libvirt-6c5f7ad2-1ccb-4d7c-9c3f-1d2f1c0b6a3e', mode: 'DENIED' },
      ),
      ex(
        'type=AVC msg=audit(1712000000.456:301): apparmor="DENIED" operation="open" class="file" profile="libvirt-0f3c2a41-9d7e-4b1a-8c55-2e6f1a9b7d10" name="/root/gpu-vbios.rom" pid=2211 comm="qemu-system-x86" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
        { op: 'open' },
      ),
      ex(
        'audit: type=1400 audit(1690000000.001:12): apparmor="DENIED" operation="capable" profile="libvirtd" pid=1500 comm="libvirtd" capability=14 capname="ipc_lock"',
        { profile: 'libvirtd', op: 'capable' },
      ),
    ],
  },
];
