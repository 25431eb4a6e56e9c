/**
 * Hugepages for guest RAM: the pools in /sys/kernel/mm/hugepages/hugepages-<size>kB (nr_hugepages,
 * free_hugepages) and /proc/meminfo (Hugepagesize = the default size). A VM backed by hugepages
 * needs its whole memory free in one pool at start, or QEMU fails with "unable to map backing
 * store for guest RAM: Cannot allocate memory".
 */
import type { Check } from '../check.js';
import type { HostFacts } from '../host-facts.js';
import { formatBytes } from '../memory-size.js';

export function hugepagesCheck(f: HostFacts, memoryBytes?: number): Check {
  const base = { id: 'hugepages.pool', group: 'hugepages' as const, title: 'Hugepages' };
  if (!f.hugepagePools.length && !f.meminfo) {
    return {
      ...base,
      verdict: 'unknown',
      evidence: ['/sys/kernel/mm/hugepages and /proc/meminfo not readable'],
    };
  }
  const defKb = f.meminfo?.get('Hugepagesize');
  const evidence = f.hugepagePools.map(
    (p) =>
      `${formatBytes(p.sizeKb * 1024)} pages: ${p.total} total, ${p.free} free (${formatBytes(p.free * p.sizeKb * 1024)} free)`,
  );
  if (defKb) evidence.push(`default hugepage size ${formatBytes(defKb * 1024)} (/proc/meminfo Hugepagesize)`);
  const pages = (bytes: number, kb: number) => Math.ceil(bytes / (kb * 1024));
  if (memoryBytes !== undefined) {
    evidence.push(`guest memory asked: ${formatBytes(memoryBytes)}`);
    const fits = f.hugepagePools.filter((p) => p.free * p.sizeKb * 1024 >= memoryBytes);
    if (fits.length)
      return {
        ...base,
        verdict: 'ok',
        evidence: [...evidence, `fits in the ${formatBytes(fits[0].sizeKb * 1024)} pool`],
      };
    const big = f.hugepagePools.find((p) => p.sizeKb === 1048576);
    const pool = f.hugepagePools.find((p) => p.sizeKb === defKb) ?? f.hugepagePools[0];
    const kb = pool?.sizeKb ?? 2048;
    const need = pages(memoryBytes, kb);
    return {
      ...base,
      verdict: 'fail',
      evidence,
      fix: `reserve ${need} pages of ${formatBytes(kb * 1024)}: echo ${need} > /sys/kernel/mm/hugepages/hugepages-${kb}kB/nr_hugepages (may fall short once memory is fragmented)${big ? `, or at boot: default_hugepagesz=1G hugepagesz=1G hugepages=${pages(memoryBytes, 1048576)}` : ''}`,
    };
  }
  const total = f.hugepagePools.reduce((s, p) => s + p.total, 0);
  if (total === 0) {
    return {
      ...base,
      verdict: 'warn',
      evidence: [...evidence, 'no hugepages reserved'],
      fix: 'optional: reserve hugepages for guest RAM (fewer TLB misses); pass --memory SIZE to check a VM size',
    };
  }
  return { ...base, verdict: 'ok', evidence };
}
