/**
 * IOMMU: does the firmware describe one (ACPI DMAR for Intel VT-d, IVRS for AMD-Vi), did the
 * kernel register units (/sys/class/iommu) and form groups (/sys/kernel/iommu_groups), and does
 * the command line agree with the kernel's defaults.
 *
 * Defaults (drivers/iommu/intel/Kconfig, drivers/iommu/amd/init.c, kernel-parameters.txt):
 * - Intel: translation is on at boot only when CONFIG_INTEL_IOMMU_DEFAULT_ON=y (the Kconfig
 *   default is y in current kernels; several distributions ship it off), otherwise
 *   intel_iommu=on is needed. intel_iommu=off disables it.
 * - AMD: the driver enables the IOMMU whenever the firmware provides IVRS; amd_iommu=off turns
 *   it off. "amd_iommu=on" is not an option at all: the kernel logs "AMD-Vi: Unknown option -
 *   'on'" and ignores it.
 * - iommu=pt (or iommu.passthrough=1) keeps host-owned devices in identity domains: less DMA
 *   mapping overhead for the host, no change for devices given to VFIO.
 * - iommu=off, intel_iommu=off, amd_iommu=off disable the IOMMU; no groups, no VFIO.
 */

import { iommuEnabled } from '../../pci/domain.js';
import type { HostFacts } from '../../system/host-facts.js';
import { paramOptions, paramValues } from '../../system/kernel-cmdline.js';
import type { Check } from '../check.js';

/**
 * Which IOMMU this host has: the ACPI table says (DMAR = Intel VT-d, IVRS = AMD-Vi), then the
 * unit names in /sys/class/iommu (dmarN, ivhdN), then the CPU vendor. They usually agree, but
 * not always: QEMU's emulated VT-d runs fine under an AMD CPU model.
 */
export function iommuVendor(f: HostFacts): 'intel' | 'amd' | 'other' | undefined {
  if (f.acpiTables?.includes('DMAR')) return 'intel';
  if (f.acpiTables?.includes('IVRS')) return 'amd';
  if (f.iommuUnits.some((u) => u.startsWith('dmar'))) return 'intel';
  if (f.iommuUnits.some((u) => u.startsWith('ivhd'))) return 'amd';
  return f.cpu?.vendor;
}

function intelDefault(f: HostFacts): { on?: boolean; evidence: string } {
  const v = f.kernelConfig?.values.get('CONFIG_INTEL_IOMMU_DEFAULT_ON');
  if (!f.kernelConfig)
    return { evidence: 'kernel config not readable: CONFIG_INTEL_IOMMU_DEFAULT_ON unknown' };
  if (v === 'y')
    return {
      on: true,
      evidence: `${f.kernelConfig.source}: CONFIG_INTEL_IOMMU_DEFAULT_ON=y (on by default)`,
    };
  return {
    on: false,
    evidence: `${f.kernelConfig.source}: CONFIG_INTEL_IOMMU_DEFAULT_ON ${v === undefined ? 'absent' : v === 'n' ? 'is not set' : `=${v}`} (off unless intel_iommu=on)`,
  };
}

export function iommuFirmwareCheck(f: HostFacts): Check {
  const base = {
    id: 'iommu.firmware' as const,
    group: 'iommu' as const,
    title: 'Firmware describes an IOMMU (ACPI DMAR/IVRS)',
  };
  const v = iommuVendor(f);
  const want = v === 'amd' ? 'IVRS' : v === 'intel' ? 'DMAR' : 'DMAR or IVRS';
  const firmwareName = v === 'amd' ? 'AMD-Vi / "IOMMU"' : v === 'intel' ? 'VT-d' : 'VT-d / AMD-Vi';
  if (f.acpiTables === undefined) {
    return {
      ...base,
      verdict: 'unknown',
      evidence: ['/sys/firmware/acpi/tables could not be listed (no ACPI, or not captured in this snapshot)'],
    };
  }
  const found = f.acpiTables.filter((t) => t === 'DMAR' || t === 'IVRS');
  if (found.length) {
    return { ...base, verdict: 'ok', evidence: found.map((t) => `/sys/firmware/acpi/tables/${t} present`) };
  }
  const evidence = [
    `/sys/firmware/acpi/tables has no DMAR or IVRS (tables: ${f.acpiTables.join(' ') || 'none'})`,
  ];
  if (f.iommuUnits.length) {
    evidence.push(`but the kernel registered IOMMU units: ${f.iommuUnits.join(' ')}`);
    return {
      ...base,
      verdict: 'warn',
      evidence,
      fix: 'the IOMMU is not described by ACPI DMAR/IVRS (virtio-iommu or a platform IOMMU): VT-d/AMD-Vi specific advice does not apply',
    };
  }
  const guest = f.cpu?.flags.has('hypervisor');
  return {
    ...base,
    verdict: 'fail',
    evidence: guest
      ? [...evidence, '/proc/cpuinfo flags include "hypervisor": the "firmware" is the outer hypervisor']
      : evidence,
    fix: guest
      ? 'this is a VM: give it a virtual IOMMU (QEMU -device intel-iommu,intremap=on with -machine q35,kernel-irqchip=split) to assign devices inside it'
      : `enable ${firmwareName} in the firmware (BIOS/UEFI) setup; without an ${want} table the kernel cannot use an IOMMU`,
  };
}

const cmdlineBase = {
  id: 'iommu.cmdline',
  group: 'iommu',
  title: 'Kernel command line for the IOMMU',
} as const;

export function iommuCmdlineCheck(f: HostFacts): Check {
  if (!f.cmdline)
    return { ...cmdlineBase, verdict: 'unknown', evidence: ['/proc/cmdline could not be read'] };
  const evidence: string[] = [];
  const intel = paramOptions(f.cmdline, 'intel_iommu');
  const amd = paramOptions(f.cmdline, 'amd_iommu');
  const iommu = paramValues(f.cmdline, 'iommu');
  const passthrough =
    iommu.includes('pt') || paramValues(f.cmdline, 'iommu.passthrough').some((v) => /^(1|y|on)$/i.test(v));
  if (intel.length) evidence.push(`intel_iommu=${intel.join(',')}`);
  if (amd.length) evidence.push(`amd_iommu=${amd.join(',')}`);
  if (iommu.length) evidence.push(`iommu=${iommu.join(',')}`);
  const ptAdvice = passthrough
    ? 'iommu=pt: host-owned devices skip DMA translation (assigned devices are still isolated)'
    : 'iommu=pt is not set: optional, it lowers DMA overhead for devices the host keeps';

  const disabled = [
    iommu.includes('off') && 'iommu=off',
    intel.includes('off') && 'intel_iommu=off',
    amd.includes('off') && 'amd_iommu=off',
  ].filter(Boolean);
  if (disabled.length) {
    return {
      ...cmdlineBase,
      verdict: 'fail',
      evidence: [...evidence, `${disabled.join(', ')} disables the IOMMU`],
      fix: `remove ${disabled.join(' and ')} from the kernel command line`,
    };
  }

  const vendor = iommuVendor(f);
  if (vendor === 'amd') return amdCmdlineVerdict(evidence, ptAdvice, amd, intel);
  if (vendor === 'intel') return intelCmdlineVerdict(f, evidence, ptAdvice, amd, intel);
  evidence.push(ptAdvice);
  return {
    ...cmdlineBase,
    verdict: iommuEnabled(f.iommuGroups) ? 'ok' : 'unknown',
    evidence: [...evidence, 'CPU vendor unknown'],
  };
}

/** AMD needs no parameter (IVRS enables the IOMMU); amd_iommu=on or intel_iommu= are only noise. */
function amdCmdlineVerdict(evidence: string[], ptAdvice: string, amd: string[], intel: string[]): Check {
  evidence.push('AMD: the IOMMU is enabled whenever the firmware provides IVRS (no parameter needed)');
  evidence.push(ptAdvice);
  if (amd.includes('on') || intel.length) {
    return {
      ...cmdlineBase,
      verdict: 'warn',
      evidence,
      fix: `${amd.includes('on') ? 'amd_iommu=on is not a kernel option (the kernel logs "AMD-Vi: Unknown option - \'on\'")' : 'intel_iommu= does nothing on an AMD host'}; remove it to avoid confusion`,
    };
  }
  return { ...cmdlineBase, verdict: 'ok', evidence };
}

/**
 * Intel: VT-d is on with intel_iommu=on, or by the kernel's default (CONFIG_INTEL_IOMMU_DEFAULT_ON);
 * with the default unknown, existing IOMMU groups tell.
 */
function intelCmdlineVerdict(
  f: HostFacts,
  evidence: string[],
  ptAdvice: string,
  amd: string[],
  intel: string[],
): Check {
  const def = intelDefault(f);
  evidence.push(def.evidence);
  evidence.push(ptAdvice);
  if (amd.length) {
    return {
      ...cmdlineBase,
      verdict: 'warn',
      evidence,
      fix: 'amd_iommu= does nothing on an Intel host; remove it',
    };
  }
  if (intel.includes('on')) return { ...cmdlineBase, verdict: 'ok', evidence };
  if (def.on === true) return { ...cmdlineBase, verdict: 'ok', evidence };
  if (def.on === false) {
    return {
      ...cmdlineBase,
      verdict: 'fail',
      evidence,
      fix: 'add intel_iommu=on to the kernel command line (this kernel leaves VT-d off by default)',
    };
  }
  // Default unknown: the groups tell whether it is on.
  if (iommuEnabled(f.iommuGroups))
    return { ...cmdlineBase, verdict: 'ok', evidence: [...evidence, 'IOMMU groups exist, so VT-d is on'] };
  return { ...cmdlineBase, verdict: 'warn', evidence, fix: 'add intel_iommu=on to the kernel command line' };
}

export function iommuActiveCheck(f: HostFacts): Check {
  const base = { id: 'iommu.active' as const, group: 'iommu' as const, title: 'IOMMU active with groups' };
  const evidence = [
    f.iommuUnits.length
      ? `/sys/class/iommu: ${f.iommuUnits.join(' ')}`
      : '/sys/class/iommu is empty: the kernel registered no IOMMU unit',
    `/sys/kernel/iommu_groups: ${f.iommuGroups.length} group${f.iommuGroups.length === 1 ? '' : 's'}`,
  ];
  if (f.iommuGroupsError)
    return {
      ...base,
      verdict: 'unknown',
      evidence: [evidence[0], `/sys/kernel/iommu_groups cannot be read: ${f.iommuGroupsError}`],
    };
  if (iommuEnabled(f.iommuGroups)) return { ...base, verdict: 'ok', evidence };
  const vendor = iommuVendor(f);
  const driverConfig =
    vendor === 'amd' ? 'CONFIG_AMD_IOMMU' : vendor === 'intel' ? 'CONFIG_INTEL_IOMMU' : undefined;
  const built = driverConfig ? f.kernelConfig?.values.get(driverConfig) : undefined;
  if (driverConfig && f.kernelConfig && built !== 'y') {
    return {
      ...base,
      verdict: 'fail',
      evidence: [
        ...evidence,
        `${f.kernelConfig.source}: ${driverConfig} ${built === undefined || built === 'n' ? 'is not set' : `=${built}`}`,
      ],
      fix: `this kernel is built without the ${vendor === 'amd' ? 'AMD' : 'Intel'} IOMMU driver: boot a kernel with ${driverConfig}=y (distribution kernels have it)`,
    };
  }
  const noiommu = f.moduleParams.get('vfio.enable_unsafe_noiommu_mode');
  if (noiommu === 'Y') {
    return {
      ...base,
      verdict: 'warn',
      evidence: [...evidence, 'vfio.enable_unsafe_noiommu_mode=Y: VFIO runs without any DMA isolation'],
      fix: 'no-IOMMU mode gives user space unrestricted DMA and QEMU cannot assign devices with it; enable the IOMMU instead',
    };
  }
  const fix =
    vendor === 'amd'
      ? 'enable the IOMMU (AMD-Vi, often "IOMMU" or "SVM/IOMMU") in the firmware setup; AMD kernels enable it when IVRS is present'
      : vendor === 'intel'
        ? 'enable VT-d in the firmware setup and boot with intel_iommu=on'
        : 'enable the IOMMU (VT-d / AMD-Vi) in the firmware setup and on the kernel command line';
  return { ...base, verdict: 'fail', evidence, fix };
}

export function iommuChecks(f: HostFacts): Check[] {
  return [iommuFirmwareCheck(f), iommuCmdlineCheck(f), iommuActiveCheck(f)];
}
