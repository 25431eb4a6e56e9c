/**
 * CPU virtualisation: VT-x ("vmx") or AMD-V ("svm") in /proc/cpuinfo, and /dev/kvm, which the
 * kvm_intel / kvm_amd module creates once it has enabled them. The "hypervisor" flag means this
 * host is itself a guest: assigning devices from here needs a virtual IOMMU from the outer host.
 */

import type { HostFacts } from '../../system/host-facts.js';
import type { Check } from '../check.js';

export function cpuChecks(f: HostFacts): Check[] {
  const base = {
    id: 'cpu.virtualization' as const,
    group: 'cpu' as const,
    title: 'CPU virtualisation and /dev/kvm',
  };
  if (!f.cpu) {
    return [{ ...base, verdict: 'unknown', evidence: ['/proc/cpuinfo could not be read'] }];
  }
  const flag = f.cpu.flags.has('vmx') ? 'vmx' : f.cpu.flags.has('svm') ? 'svm' : undefined;
  const vendorName =
    f.cpu.vendor === 'intel'
      ? 'Intel VT-x'
      : f.cpu.vendor === 'amd'
        ? 'AMD-V (SVM)'
        : 'hardware virtualisation';
  const kvmModule = f.cpu.vendor === 'amd' ? 'kvm_amd' : 'kvm_intel';
  const guest = f.cpu.flags.has('hypervisor');
  const evidence = [
    `CPU vendor ${f.cpu.vendorId ?? 'unknown'}`,
    flag ? `/proc/cpuinfo flags include "${flag}"` : '/proc/cpuinfo flags have neither "vmx" nor "svm"',
    f.devKvm ? '/dev/kvm exists' : '/dev/kvm does not exist',
  ];
  if (guest) evidence.push('/proc/cpuinfo flags include "hypervisor": this host is a virtual machine');
  if (!flag) {
    return [
      {
        ...base,
        verdict: 'fail',
        evidence,
        fix: guest
          ? `this is a VM without nested virtualisation: enable nested ${vendorName} on the outer host, or run vfiokit on bare metal`
          : `enable ${vendorName} in the firmware (BIOS/UEFI) setup`,
      },
    ];
  }
  if (!f.devKvm) {
    return [
      {
        ...base,
        verdict: 'warn',
        evidence,
        fix: `load KVM: modprobe ${kvmModule} (check dmesg if it refuses)`,
      },
    ];
  }
  if (guest) {
    return [
      {
        ...base,
        verdict: 'warn',
        evidence,
        fix: 'assigning devices inside a VM needs a virtual IOMMU (QEMU -device intel-iommu) and devices passed from the outer host',
      },
    ];
  }
  return [{ ...base, verdict: 'ok', evidence }];
}
