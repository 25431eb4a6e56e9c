/**
 * SELinux denials on the VFIO path (Fedora, RHEL and their derivatives enforce a policy on QEMU,
 * the libvirt daemons and the tools that bind devices): the kernel's AVC record, as auditd logs it
 * (`type=AVC msg=audit(...)`), as the kernel prints it (`audit: type=1400 ...`) or as `ausearch -i`
 * interprets it. Only records about the VFIO path are read: a virtualisation process (QEMU, libvirt's
 * daemons, mdevctl) or a VFIO object (a /dev/vfio node, the hugetlbfs mount, a PCI sysfs attribute
 * that configures a device). The object, its label (tcontext) and `permissive` change the cause.
 */
import type { CatalogueEntry, Facts, Refinement } from '../entry.js';
import { ex, render } from './build.js';

/** The record's fields after `comm=`: name or path, the contexts, the class and permissive. */
function fieldsOf(rest: string): {
  object?: string;
  tcontext?: string;
  scontext?: string;
  tclass?: string;
  permissive?: string;
} {
  const field = (k: string) => new RegExp(`(?:^| )${k}="?([^"\\s]{1,200})"?`).exec(rest)?.[1];
  const type = (c: string | undefined) => c?.split(':')[2];
  return {
    object: field('path') ?? field('name'),
    scontext: type(field('scontext')),
    tcontext: type(field('tcontext')),
    tclass: field('tclass'),
    permissive: field('permissive'),
  };
}

const CHECK =
  'read what the policy says about the record (`ausearch -m AVC -ts recent | audit2why`: a boolean that allows it, or a missing rule), update selinux-policy (denials of the virtualisation daemons are fixed upstream release by release), and only as a last resort add a local module (`audit2allow -M`)';

function refineAvc(f: Facts): Refinement | undefined {
  const { object, scontext, tcontext, tclass, permissive } = fieldsOf(f.rest ?? '');
  const obj = f.object ?? object ?? '';
  const who = `${f.comm ?? 'the process'}${scontext ? ` (domain ${scontext})` : ''}`;
  const what = `{ ${f.perm} } on ${obj || 'the object'}${tcontext ? ` (type ${tcontext}${tclass ? `, ${tclass}` : ''})` : ''}`;
  if (permissive === '1')
    return {
      severity: 'info',
      title: 'SELinux logged an access it would deny (permissive): not enforced',
      cause: `the policy has no rule for ${who} doing ${what}, but the domain or the system is permissive (permissive=1), so the access went through and was only logged: this record is not why something failed`,
      fix: `nothing now; before switching to enforcing, ${CHECK}`,
    };
  if (obj.startsWith('/dev/vfio') || tcontext === 'vfio_device_t')
    return {
      cause: `SELinux refused ${who} ${what}: a VFIO node. libvirt gives a VM's QEMU (svirt_t with the VM's categories) its group node by relabelling it when it prepares the hostdev; a node opened by QEMU started outside libvirt, relabelled by hand (chown/chcon), or used under a policy older than the modular daemons (virtqemud_t) is refused, and QEMU then reports "Permission denied" on /dev/vfio/N`,
      fix: `let libvirt manage the device (<hostdev managed='yes'>), restore the node's label (\`restorecon -v /dev/vfio/*\`; \`ls -Z /dev/vfio\` shows vfio_device_t), and ${CHECK}`,
    };
  if (obj.startsWith('/dev/hugepages') || tcontext === 'hugetlbfs_t')
    return {
      cause: `SELinux refused ${who} ${what}: the hugetlbfs mount the guest or DPDK memory comes from. The domain has no rule for hugetlbfs_t, or a mount made by a script carries another label`,
      fix: `mount hugetlbfs through systemd's dev-hugepages.mount (or with context=system_u:object_r:hugetlbfs_t:s0), and ${CHECK}`,
    };
  if (obj === 'kmod' || tcontext === 'kmod_exec_t')
    return {
      cause: `SELinux refused ${who} running kmod (modprobe): the daemon tried to load a module (vfio-pci, before binding a device to it) and its domain may not execute kmod_exec_t`,
      fix: `load vfio-pci at boot (/etc/modules-load.d/vfio-pci.conf) so that nothing has to load it later, and ${CHECK}`,
    };
  if (
    tcontext === 'sysfs_t' ||
    /^(?:sriov_numvfs|sriov_drivers_autoprobe|driver_override|new_id|remove_id|bind|unbind|config|reset|rom|resource\d?)$/.test(
      obj,
    )
  )
    return {
      cause: `SELinux refused ${who} ${what}: a PCI sysfs attribute that configures the device (VFs, the driver binding, config space). The policy lets only some domains write device configuration in sysfs`,
      fix: `run the step from a domain the policy allows (an administrator's unconfined shell, or the daemon meant for it), check the virt booleans (\`getsebool -a | grep virt\`), and ${CHECK}`,
    };
  if (tcontext)
    return {
      cause: `SELinux refused ${who} ${what}: the policy has no rule for it, so the operation failed with EACCES (Permission denied) although the file modes allow it`,
    };
  return undefined;
}

/** Processes on the VFIO path whose every denial is read. */
const VIRT_COMM =
  '(?<comm>qemu-kvm|qemu-system-[\\w-]{1,16}|libvirtd|virtqemud|rpc-virtqemud|virtnodedevd|rpc-virtnodedev|mdevctl|driverctl)';
/** Objects on the VFIO path whose denial is read, whoever asked. */
const VFIO_OBJECT =
  '(?<object>\\/dev\\/vfio\\/[\\w-]{1,32}|\\/dev\\/hugepages[^\\s"]{0,100}|sriov_numvfs|driver_override|new_id|remove_id|mdevctl\\.d)';
const HEAD =
  'avc: {1,2}denied {1,2}\\{ (?<perm>[a-z_]{1,40}(?: [a-z_]{1,40}){0,5}) \\} for {1,2}pid=\\d{1,10} comm=';

export const SELINUX_ENTRIES: CatalogueEntry[] = [
  {
    id: 'kernel.selinux-avc-denied',
    source: 'kernel',
    cite: 'torvalds/linux security/selinux/avc.c avc_audit_pre_callback() / avc_audit_post_callback()',
    format: 'avc:  %s  { %s } for  pid=%d comm="%s" path="%s"',
    versions:
      'then dev=, ino=, scontext=, tcontext=, tclass= and (since Linux 4.17) permissive=; auditd logs it as "type=AVC msg=audit(TIME:SERIAL): ", the kernel log as "audit: type=1400 audit(TIME:SERIAL): ", and ausearch -i prints comm and path unquoted with a readable time',
    patterns: [
      new RegExp(`${HEAD}"?${VIRT_COMM}"?(?<rest>[^\\n]{0,600})`),
      new RegExp(`${HEAD}"?[^"\\s]{1,64}"? (?:path|name)="?${VFIO_OBJECT}"?(?<rest>[^\\n]{0,600})`),
    ],
    severity: 'error',
    title: 'SELinux denied an access on the VFIO path',
    cause:
      'the SELinux policy has no rule for this process doing this to this object, so the access failed with EACCES (Permission denied) although the file modes allow it',
    fix: 'read the record with `ausearch -m AVC -ts recent | audit2why`, update selinux-policy, restore labels with restorecon; a local module (audit2allow -M) only as a last resort',
    refine: refineAvc,
    render: render(
      'type=AVC msg=audit(1712345678.123:412): ',
      'denied',
      'read write',
      4242,
      'qemu-kvm',
      '/dev/vfio/12',
    ),
    examples: [
      ex(
        'type=AVC msg=audit(1712345678.123:412): avc:  denied  { read write } for  pid=4242 comm="qemu-kvm" path="/dev/vfio/12" dev="devtmpfs" ino=901 scontext=system_u:system_r:svirt_t:s0:c12,c345 tcontext=system_u:object_r:vfio_device_t:s0 tclass=chr_file permissive=0',
        { comm: 'qemu-kvm', perm: 'read write' },
      ),
      ex(
        'audit: type=1400 audit(1731000000.512:88): avc:  denied  { getattr } for  pid=3301 comm="ovs-vswitchd" path="/dev/hugepages" dev="hugetlbfs" ino=1 scontext=system_u:system_r:openvswitch_t:s0 tcontext=system_u:object_r:hugetlbfs_t:s0 tclass=dir permissive=0',
        { object: '/dev/hugepages' },
      ),
      ex(
        'type=AVC msg=audit(1733000000.100:77): avc:  denied  { execute } for  pid=2210 comm="virtnodedevd" name="kmod" dev="dm-0" ino=1234 scontext=system_u:system_r:virtnodedevd_t:s0 tcontext=system_u:object_r:kmod_exec_t:s0 tclass=file permissive=0',
        { comm: 'virtnodedevd' },
      ),
      ex(
        'type=AVC msg=audit(11/02/2025 10:11:12.345:901) : avc:  denied  { write } for  pid=4411 comm=bash name=driver_override dev="sysfs" ino=33123 scontext=system_u:system_r:init_t:s0 tcontext=system_u:object_r:sysfs_t:s0 tclass=file permissive=0',
        { object: 'driver_override' },
      ),
    ],
  },
];
