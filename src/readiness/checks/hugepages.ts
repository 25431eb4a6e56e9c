/**
 * Hugepages for guest RAM: the pools in /sys/kernel/mm/hugepages/hugepages-<size>kB (nr_hugepages,
 * free_hugepages) and /proc/meminfo (Hugepagesize = the default size). A VM backed by hugepages
 * needs its whole memory free in one pool at start, or QEMU fails with "unable to map backing
 * store for guest RAM: Cannot allocate memory".
 */

import type { HostFacts } from '../../system/host-facts.js';
import type { Check } from '../check.js';
import { formatBytes } from '../memory-size.js';

/** What a VM definition says about its memory backing (doctor --vm). */
export interface VmMemoryBacking {
  /** undefined: the VM's RAM is ordinary memory. */
  hugepages?: { pageSizeBytes?: number; evidence: string };
}

const base = { id: 'hugepages.pool', group: 'hugepages', title: 'Hugepages' } as const;

const pagesFor = (bytes: number, kb: number) => Math.ceil(bytes / (kb * 1024));

export function hugepagesCheck(f: HostFacts, memoryBytes?: number, vm?: VmMemoryBacking): Check {
  if (vm && !vm.hugepages) {
    return {
      ...base,
      verdict: 'ok',
      evidence: [
        "the VM's RAM is not backed by hugepages (no <memoryBacking><hugepages/>, no -mem-path): nothing to reserve",
      ],
    };
  }
  if (!f.hugepagePools.length && !f.meminfo) {
    return {
      ...base,
      verdict: 'unknown',
      evidence: ['/sys/kernel/mm/hugepages and /proc/meminfo not readable'],
    };
  }
  const defKb = f.meminfo?.get('Hugepagesize');
  const evidence = poolEvidence(f, defKb);
  // A VM that names a page size (or the default pool, when it names none) can use only that pool.
  const wantKb = vm?.hugepages
    ? (vm.hugepages.pageSizeBytes ?? (defKb ? defKb * 1024 : undefined))
    : undefined;
  if (vm?.hugepages) evidence.push(`the VM uses hugepages: ${vm.hugepages.evidence}`);
  if (memoryBytes !== undefined) return guestFitVerdict(f, evidence, memoryBytes, wantKb, defKb);
  return reservationVerdict(f, evidence, vm?.hugepages !== undefined);
}

/** One line per pool (total, free), then the default size from /proc/meminfo. */
function poolEvidence(f: HostFacts, defKb: number | undefined): string[] {
  const evidence = f.hugepagePools.map(
    (p) =>
      `${formatBytes(p.sizeKb * 1024)} pages: ${p.total} total, ${p.free} free (${formatBytes(p.free * p.sizeKb * 1024)} free)`,
  );
  if (defKb) evidence.push(`default hugepage size ${formatBytes(defKb * 1024)} (/proc/meminfo Hugepagesize)`);
  return evidence;
}

/**
 * With a guest size: ok when one usable pool (the VM's page size, else any) has it all free;
 * otherwise fail with the reservation that would fit it (or the missing pool's boot parameters).
 */
function guestFitVerdict(
  f: HostFacts,
  evidence: string[],
  memoryBytes: number,
  wantKb: number | undefined,
  defKb: number | undefined,
): Check {
  evidence.push(`guest memory asked: ${formatBytes(memoryBytes)}`);
  const fits = f.hugepagePools.filter(
    (p) => p.free * p.sizeKb * 1024 >= memoryBytes && (wantKb === undefined || p.sizeKb * 1024 === wantKb),
  );
  if (fits.length)
    return {
      ...base,
      verdict: 'ok',
      evidence: [...evidence, `fits in the ${formatBytes(fits[0].sizeKb * 1024)} pool`],
    };
  const big = wantKb === undefined && f.hugepagePools.find((p) => p.sizeKb === 1048576);
  const pool =
    wantKb !== undefined
      ? f.hugepagePools.find((p) => p.sizeKb * 1024 === wantKb)
      : (f.hugepagePools.find((p) => p.sizeKb === defKb) ?? f.hugepagePools[0]);
  if (wantKb !== undefined && !pool) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [...evidence, `this host has no ${formatBytes(wantKb)} hugepage pool`],
      fix: `the VM asks for ${formatBytes(wantKb)} pages: boot with hugepagesz=${formatBytes(wantKb).replace(/ |i?B$/g, '')} hugepages=${pagesFor(memoryBytes, wantKb / 1024)}, or change the VM's page size`,
    };
  }
  const kb = pool?.sizeKb ?? 2048;
  const need = pagesFor(memoryBytes, kb);
  return {
    ...base,
    verdict: 'fail',
    evidence,
    fix: `reserve ${need} pages of ${formatBytes(kb * 1024)}: echo ${need} > /sys/kernel/mm/hugepages/hugepages-${kb}kB/nr_hugepages (may fall short once memory is fragmented)${big ? `, or at boot: default_hugepagesz=1G hugepagesz=1G hugepages=${pagesFor(memoryBytes, 1048576)}` : ''}`,
  };
}

/**
 * Without a guest size, only whether any pages are reserved: none is a failure for a VM backed
 * by hugepages (QEMU cannot map its RAM) and a hint otherwise.
 */
function reservationVerdict(f: HostFacts, evidence: string[], vmUsesHugepages: boolean): Check {
  const total = f.hugepagePools.reduce((s, p) => s + p.total, 0);
  if (total === 0 && vmUsesHugepages) {
    return {
      ...base,
      verdict: 'fail',
      evidence: [...evidence, 'no hugepages reserved'],
      fix: 'the VM is backed by hugepages but none are reserved: QEMU will fail to map guest RAM; reserve them (pass --memory SIZE to get the count)',
    };
  }
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
