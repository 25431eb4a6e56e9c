/**
 * The kernel's CPU list format (Documentation/admin-guide/cputopology.rst, lib/bitmap-str.c
 * bitmap_parselist): comma-separated numbers and ranges, "0-3,8,10-11". Pure decoding, no I/O.
 */

/** Far above any machine Linux runs on (NR_CPUS tops out at 8192 on x86). */
export const MAX_CPUS = 8192;

/** The kernel's CPU list format ("0-3,8,10-11", or empty): ascending numbers, or undefined if malformed. */
export function parseCpuList(text: string): number[] | undefined {
  const t = text.trim();
  if (t === '') return [];
  const out = new Set<number>();
  for (const part of t.split(',')) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b >= MAX_CPUS) return undefined;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Ascending numbers → the kernel's list format (what libvirt's cpuset and taskset -c take). */
export function formatCpuList(cpus: readonly number[]): string {
  const s = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j === i ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
