/**
 * The VM's size against this host (`doctor --vm`, and so `vfiokit up`): guest RAM larger than the
 * machine's memory cannot be had at all (QEMU's allocation fails, or the OOM killer ends it once
 * the guest touches its RAM); larger than what the host can still give without taking it from
 * running programs (MemAvailable, proc(5) "an estimate of how much memory is available for starting
 * new applications, without swapping"), or for a hugepage-backed guest the free pages of its size
 * plus what MemAvailable could still become pages, it starts only by squeezing the host. More vCPUs
 * than host CPUs run, but each vCPU waits for a CPU and guest spinlocks stall.
 */

import type { HostFacts } from '../../system/host-facts.js';
import type { VmDefinition } from '../../vm/definition.js';
import type { Check } from '../check.js';
import { formatBytes } from '../memory-size.js';

const KIB = 1024;

const base = { id: 'vm.memory', group: 'vm', title: 'VM size against this host' } as const;

/** What the check has found so far: evidence lines, reasons it cannot judge, warnings. */
interface Findings {
  evidence: string[];
  unknown: string[];
  warns: string[];
}

export function vmMemoryCheck(f: HostFacts, vm: VmDefinition): Check {
  const found: Findings = { evidence: [], unknown: [], warns: [] };
  const tooBig = weighMemory(f, vm, found);
  if (tooBig) return { ...base, verdict: 'fail', evidence: found.evidence, fix: tooBig };
  weighVcpus(f, vm, found);
  const { evidence, unknown, warns } = found;
  if (warns.length)
    return { ...base, verdict: 'warn', evidence: [...evidence, ...unknown], fix: warns.join('; ') };
  if (unknown.length) return { ...base, verdict: 'unknown', evidence: [...evidence, ...unknown] };
  return { ...base, verdict: 'ok', evidence };
}

/**
 * The guest's RAM against MemTotal (returns the fix when it can never fit) and against what the
 * host can give now (a warning when it is more).
 */
function weighMemory(f: HostFacts, vm: VmDefinition, found: Findings): string | undefined {
  const guest = vm.memoryBytes;
  const total = f.meminfo?.get('MemTotal');
  const avail = f.meminfo?.get('MemAvailable');
  if (guest === undefined) found.unknown.push("the VM's memory is not given: its size was not checked");
  if (total === undefined)
    found.unknown.push(
      f.meminfo
        ? '/proc/meminfo has no MemTotal'
        : "/proc/meminfo unreadable: the host's memory is not known",
    );
  if (guest === undefined || total === undefined) return undefined;
  const totalB = total * KIB;
  found.evidence.push(
    `guest memory ${formatBytes(guest)}; host MemTotal ${formatBytes(totalB)} (/proc/meminfo)`,
  );
  if (guest > totalB)
    return `the guest's ${formatBytes(guest)} is more than this host's ${formatBytes(totalB)} of memory: give it less (memory: in the spec), leaving the host enough for itself`;
  if (avail === undefined) {
    found.unknown.push('/proc/meminfo has no MemAvailable: what the host can spare is not known');
    return undefined;
  }
  const { left, what } = hostCanGive(f, vm, avail * KIB);
  found.evidence.push(`the host can give ${formatBytes(left)}: ${what}`);
  if (guest > left)
    found.warns.push(
      `the guest's ${formatBytes(guest)} is more than the ${formatBytes(left)} the host can give now (${what}): starting it takes memory from running programs (swap, OOM killer); stop some, or give the guest less`,
    );
  return undefined;
}

/**
 * What the host can give the guest now: MemAvailable, plus for a hugepage-backed guest the free
 * pages of its size.
 */
function hostCanGive(f: HostFacts, vm: VmDefinition, availB: number): { left: number; what: string } {
  const what = `MemAvailable ${formatBytes(availB)}`;
  if (!vm.hugepages) return { left: availB, what };
  const defKb = f.meminfo?.get('Hugepagesize');
  const sizeB = vm.hugepages.pageSizeBytes ?? (defKb === undefined ? undefined : defKb * KIB);
  const pool = f.hugepagePools.find((p) => sizeB !== undefined && p.sizeKb * KIB === sizeB);
  if (!pool)
    return {
      left: availB,
      what: `${what} (no ${sizeB === undefined ? 'default' : formatBytes(sizeB)} hugepage pool read)`,
    };
  // Free pages of the size are not in MemAvailable (hugetlb pages are never counted there).
  const freeB = pool.free * pool.sizeKb * KIB;
  return {
    left: freeB + availB,
    what: `${pool.free} free ${formatBytes(pool.sizeKb * KIB)} hugepages (${formatBytes(freeB)}) + MemAvailable ${formatBytes(availB)}`,
  };
}

/** The vCPU count against the host's online CPUs: more is a warning. */
function weighVcpus(f: HostFacts, vm: VmDefinition, found: Findings): void {
  if (vm.vcpus === undefined) found.unknown.push("the VM's vCPU count is not given");
  else if (!f.onlineCpus)
    found.unknown.push("the host's CPU count is unreadable (/sys/devices/system/cpu/online, /proc/cpuinfo)");
  else {
    found.evidence.push(`${vm.vcpus} vCPUs; host CPUs ${f.onlineCpus.count} (${f.onlineCpus.source})`);
    if (vm.vcpus > f.onlineCpus.count)
      found.warns.push(
        `${vm.vcpus} vCPUs on ${f.onlineCpus.count} host CPUs: vCPUs wait for each other's CPU (guest spinlocks stall); give the guest at most ${f.onlineCpus.count}, fewer to leave the host some`,
      );
  }
}
