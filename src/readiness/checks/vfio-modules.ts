/**
 * The VFIO modules: vfio (core), vfio_iommu_type1 (the x86 IOMMU backend) and vfio_pci (with
 * vfio_pci_core since 5.16). Each may be loadable or built in: built-ins appear in
 * lib/modules/KVER/modules.builtin and, when they have parameters, in /sys/module without a
 * line in /proc/modules. vfio_virqfd was folded into vfio in Linux 6.2 (commit "vfio: Fold
 * vfio_virqfd.ko into vfio.ko"), so asking for it there fails ("Failed to find module
 * 'vfio_virqfd'") and can break an initramfs build.
 */

import type { HostFacts } from '../../system/host-facts.js';
import type { Check } from '../check.js';
import { atLeast, kernelVersion } from './kernel-version.js';

export type ModuleState = 'loaded' | 'built-in' | 'available' | 'missing' | 'unknown';

export function moduleState(f: HostFacts, name: string): ModuleState {
  const m = f.modules;
  if (m.loaded.has(name)) return 'loaded';
  if (m.builtin?.has(name)) return 'built-in';
  // A /sys/module entry without a /proc/modules line is a built-in module with parameters.
  if (m.sysModule.has(name) && m.procModulesRead) return 'built-in';
  if (m.available?.has(name)) return 'available';
  if (m.builtin && m.available) return 'missing';
  // Without modules.builtin/modules.dep the build config still says y (built in), m or absent.
  const cfg = f.kernelConfig?.values.get(CONFIG_NAME[name] ?? '');
  if (f.kernelConfig && CONFIG_NAME[name]) {
    if (cfg === 'y') return 'built-in';
    if (cfg === undefined || cfg === 'n') return 'missing';
  }
  return 'unknown';
}

const CONFIG_NAME: Record<string, string> = {
  vfio: 'CONFIG_VFIO',
  vfio_iommu_type1: 'CONFIG_VFIO_IOMMU_TYPE1',
  vfio_pci: 'CONFIG_VFIO_PCI',
};

export const VFIO_MODULES = ['vfio', 'vfio_iommu_type1', 'vfio_pci'];

export function vfioModulesCheck(f: HostFacts): Check {
  const base = {
    id: 'vfio.modules' as const,
    group: 'vfio' as const,
    title: 'VFIO modules loaded or built in',
  };
  const states = VFIO_MODULES.map((n) => ({ n, s: moduleState(f, n) }));
  const evidence = states.map(
    ({ n, s }) =>
      `${n}: ${s}${s === 'missing' && f.kernelConfig && !f.modules.builtin ? ` (${CONFIG_NAME[n]} not set in ${f.kernelConfig.source})` : ''}`,
  );
  const v62 = atLeast(kernelVersion(f.kernelRelease), 6, 2);
  const virqfdLists = f.moduleLists.filter((l) => l.modules.includes('vfio_virqfd'));
  const virqfdNote =
    v62 && virqfdLists.length
      ? `vfio_virqfd is listed in ${virqfdLists.map((l) => l.file).join(', ')}, but it was merged into vfio in Linux 6.2 (this kernel: ${f.kernelRelease})`
      : undefined;
  if (virqfdNote) evidence.push(virqfdNote);

  const missing = states.filter((x) => x.s === 'missing').map((x) => x.n);
  const notLoaded = states.filter((x) => x.s === 'available').map((x) => x.n);
  const unknown = states.filter((x) => x.s === 'unknown').map((x) => x.n);
  if (missing.length) {
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: `this kernel has no ${missing.join(', ')} (neither built in nor installed): install a kernel built with CONFIG_VFIO, CONFIG_VFIO_IOMMU_TYPE1 and CONFIG_VFIO_PCI`,
    };
  }
  if (notLoaded.length || virqfdNote) {
    const fixes: string[] = [];
    if (notLoaded.length)
      fixes.push(
        `load them: modprobe ${notLoaded.includes('vfio_pci') ? 'vfio-pci' : notLoaded.join(' ')} (list vfio-pci in /etc/modules-load.d/ to load it at boot)`,
      );
    if (virqfdNote) fixes.push('remove vfio_virqfd from those files (its code is in vfio now)');
    return { ...base, verdict: 'warn', evidence, fix: fixes.join('; ') };
  }
  if (unknown.length) {
    evidence.push(
      `lib/modules/${f.kernelRelease ?? 'KVER'}/modules.builtin and modules.dep not readable, and no kernel config`,
    );
    return { ...base, verdict: 'unknown', evidence };
  }
  return { ...base, verdict: 'ok', evidence };
}
