/**
 * Interrupt remapping. Without it a device assigned to a guest can forge MSI writes that reach
 * any host interrupt vector, so vfio_iommu_type1 refuses to attach a group ("No interrupt
 * remapping support.  Use the module param "allow_unsafe_interrupts" ...", -EPERM) unless
 * allow_unsafe_interrupts is set. The kernel states it at boot:
 * - Intel: "DMAR-IR: Enabled IRQ remapping in x2apic mode" (or xapic), drivers/iommu/intel/irq_remapping.c
 * - AMD:   "AMD-Vi: Interrupt remapping enabled", drivers/iommu/amd/init.c
 * intremap=off on the command line turns it off (Intel; kernel-parameters.txt).
 */

import { iommuEnabled } from '../../pci/domain.js';
import type { HostFacts } from '../../system/host-facts.js';
import { paramValues } from '../../system/kernel-cmdline.js';
import { grepLog } from '../../system/kernel-log.js';
import { moduleOptions } from '../../system/modprobe-config.js';
import type { Check } from '../check.js';

const IR_ON = /DMAR-IR: Enabled IRQ remapping in (x2apic|xapic) mode|AMD-Vi: Interrupt remapping enabled/;
const IR_REFUSED = /No interrupt remapping support\.\s+Use the module param/;

export function interruptRemappingOn(f: HostFacts): boolean | undefined {
  if (!f.kernelLog) return undefined;
  return grepLog(f.kernelLog, IR_ON).length > 0;
}

export function remappingCheck(f: HostFacts): Check {
  const base = {
    id: 'interrupts.remapping' as const,
    group: 'interrupts' as const,
    title: 'Interrupt remapping',
  };
  const intremap = f.cmdline ? paramValues(f.cmdline, 'intremap') : [];
  if (intremap.includes('off')) {
    return {
      ...base,
      verdict: 'fail',
      evidence: ['kernel command line has intremap=off'],
      fix: 'remove intremap=off: VFIO refuses to attach devices without interrupt remapping',
    };
  }
  if (f.iommuGroupsError)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [`cannot tell whether the IOMMU is on: /sys/kernel/iommu_groups: ${f.iommuGroupsError}`],
    };
  if (!iommuEnabled(f.iommuGroups)) {
    return {
      ...base,
      verdict: 'fail',
      evidence: ['no IOMMU groups: interrupt remapping is a function of the IOMMU, which is off'],
      fix: 'enable the IOMMU first (see the IOMMU section)',
    };
  }
  if (!f.kernelLog) {
    const why = f.blind.find((b) => b.what === 'kernel messages')?.why ?? 'kernel messages not readable';
    return { ...base, verdict: 'unknown', evidence: [`cannot tell: ${why}`] };
  }
  const on = grepLog(f.kernelLog, IR_ON);
  const refused = grepLog(f.kernelLog, IR_REFUSED);
  if (on.length)
    return {
      ...base,
      verdict: 'ok',
      evidence: on.slice(0, 2).map((l) => `${f.kernelLog!.source}: ${l.trim()}`),
    };
  if (refused.length) {
    return {
      ...base,
      verdict: 'fail',
      evidence: refused.slice(0, 2).map((l) => `${f.kernelLog!.source}: ${l.trim()}`),
      fix: 'this platform lacks interrupt remapping: enable it in the firmware (VT-d / IOMMU settings, x2APIC), or, for trusted guests only, set vfio_iommu_type1.allow_unsafe_interrupts=1',
    };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence: [
      `${f.kernelLog.source}: no "DMAR-IR: Enabled IRQ remapping" or "AMD-Vi: Interrupt remapping enabled" line`,
      'boot messages may have been overwritten in the ring buffer, or remapping is off',
    ],
    fix: 'check `journalctl -k -b | grep -i remapping`; if remapping is off, enable x2APIC/interrupt remapping in the firmware',
  };
}

/** Whether allow_unsafe_interrupts is on in the loaded modules, and where it is asked for. */
interface UnsafeSetting {
  /** A loaded module reads Y. */
  live: boolean;
  /** Asked for in modprobe.d or on the command line. */
  configured: boolean;
  /** Asked for in modprobe.d or on the command line, but the loaded module reads N. */
  notApplied: string[];
}

const yes = (v: string | undefined) => /^(1|y|Y)$/.test(v ?? '');

/**
 * The two modules that have the parameter (vfio_iommu_type1 and iommufd): its live value in
 * /sys/module and where it is configured, each with an evidence line.
 */
function readUnsafeSetting(f: HostFacts, evidence: string[]): UnsafeSetting {
  const setting: UnsafeSetting = { live: false, configured: false, notApplied: [] };
  for (const key of ['vfio_iommu_type1.allow_unsafe_interrupts', 'iommufd.allow_unsafe_interrupts']) {
    const v = f.moduleParams.get(key);
    if (v !== undefined) {
      evidence.push(`/sys/module/${key.replace('.', '/parameters/')} = ${v}`);
      if (yes(v)) setting.live = true;
    }
    const [mod, param] = key.split('.');
    let asked = false;
    for (const o of moduleOptions(f.modprobe, mod, param)) {
      evidence.push(`${o.file}: options ${mod} ${param}=${o.value ?? ''}`);
      if (yes(o.value)) asked = true;
    }
    for (const v2 of f.cmdline ? paramValues(f.cmdline, key) : []) {
      evidence.push(`kernel command line: ${key}=${v2}`);
      if (yes(v2)) asked = true;
    }
    if (asked) setting.configured = true;
    if (asked && v !== undefined && !yes(v)) setting.notApplied.push(mod);
  }
  return setting;
}

/** The parameter given to a module that does not have it: a common slip that silently does nothing. */
function misplacedUnsafeOptions(f: HostFacts): string[] {
  const misplaced: string[] = [];
  for (const mod of ['vfio', 'vfio_pci', 'vfio-pci', 'kvm']) {
    for (const o of moduleOptions(f.modprobe, mod, 'allow_unsafe_interrupts'))
      misplaced.push(`${o.file}: options ${mod} allow_unsafe_interrupts=${o.value ?? ''}`);
    for (const v of f.cmdline ? paramValues(f.cmdline, `${mod}.allow_unsafe_interrupts`) : [])
      misplaced.push(`kernel command line: ${mod}.allow_unsafe_interrupts=${v}`);
  }
  return misplaced;
}

export function unsafeInterruptsCheck(f: HostFacts): Check {
  const base = {
    id: 'interrupts.unsafe' as const,
    group: 'interrupts' as const,
    title: 'allow_unsafe_interrupts',
  };
  const evidence: string[] = [];
  const { live, configured, notApplied } = readUnsafeSetting(f, evidence);
  const misplaced = misplacedUnsafeOptions(f);
  evidence.push(...misplaced.map((m) => `${m} (no such parameter in that module)`));
  const ir = interruptRemappingOn(f);
  const set = live || configured;
  if (ir !== true && !live && (notApplied.length || (misplaced.length && !set))) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [...evidence, 'interrupt remapping is not confirmed on, and the option is not in effect'],
      fix: notApplied.length
        ? `the option is configured but ${notApplied.join(', ')} was loaded without it: reload it (modprobe -r vfio_pci ${notApplied.join(' ')}; modprobe vfio-pci), and if it loads from the initramfs, rebuild that (update-initramfs -u) and reboot`
        : 'the parameter belongs to vfio_iommu_type1: options vfio_iommu_type1 allow_unsafe_interrupts=1 (for trusted guests only; hardware with interrupt remapping is the real fix)',
    };
  }
  if (!set) {
    if (!evidence.length) evidence.push('not set anywhere (default N: VFIO insists on interrupt remapping)');
    return misplaced.length
      ? {
          ...base,
          verdict: 'warn',
          evidence,
          fix: 'remove the misplaced allow_unsafe_interrupts option: it does nothing there (interrupt remapping makes it unnecessary)',
        }
      : { ...base, verdict: 'ok', evidence };
  }
  return {
    ...base,
    verdict: 'warn',
    evidence: [
      ...evidence,
      ir ? 'interrupt remapping is on, so this is not needed' : 'interrupt remapping is not confirmed on',
    ],
    fix:
      ir === true
        ? 'remove allow_unsafe_interrupts: interrupt remapping already protects the host, the option only weakens it'
        : 'allow_unsafe_interrupts lets a guest inject MSIs into the host: use it only for trusted guests, and prefer hardware with interrupt remapping',
  };
}

export function interruptChecks(f: HostFacts): Check[] {
  return [remappingCheck(f), unsafeInterruptsCheck(f)];
}
