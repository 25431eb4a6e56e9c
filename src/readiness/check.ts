/**
 * A readiness check is data: what was looked at (evidence), what it means (verdict) and what to
 * do about it (fix). Checks never print; the presentation layer groups and orders them.
 */

export type Verdict = 'ok' | 'warn' | 'fail' | 'unknown';

/** The families shown as sections of the checklist, in the order a user has to fix them. */
export const CHECK_GROUPS = [
  { id: 'cpu', title: 'CPU virtualisation' },
  { id: 'iommu', title: 'IOMMU' },
  { id: 'interrupts', title: 'Interrupt remapping' },
  { id: 'vfio', title: 'VFIO modules and early binding' },
  { id: 'acs', title: 'ACS override' },
  { id: 'vm', title: 'The VM' },
  { id: 'gpu', title: 'Graphics devices' },
  { id: 'vga', title: 'VGA arbitration' },
  { id: 'igd', title: 'Intel IGD assignment' },
  { id: 'hugepages', title: 'Hugepages' },
] as const;
export type CheckGroupId = (typeof CHECK_GROUPS)[number]['id'];

import { CHECK_IDS } from '../schema/check-ids.js';

export { CHECK_IDS };
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  /** Stable id, e.g. "iommu.active" or "gpu.reset" (per-device checks carry `device`). */
  id: CheckId;
  group: CheckGroupId;
  title: string;
  verdict: Verdict;
  /** One line each: the files, values and kernel messages the verdict rests on. */
  evidence: string[];
  /** What to do, when the verdict is not ok (or advice worth giving anyway). */
  fix?: string;
  /** The PCI address a per-device check is about. */
  device?: string;
}

/** Lower numbers are more fundamental: nothing later works until they are fixed. */
const PRIORITY: Partial<Record<CheckId, number>> = {
  'cpu.virtualization': 10,
  'iommu.firmware': 20,
  'iommu.cmdline': 25,
  'iommu.active': 30,
  'vfio.modules': 40,
  'interrupts.remapping': 50,
  'interrupts.unsafe': 55,
  'acs.override': 60,
  'vm.devices': 65,
  'vm.memory': 66,
  'gpu.group': 70,
  'gpu.driver': 75,
  'gpu.framebuffer': 80,
  'gpu.audio': 85,
  'vfio.early-binding': 90,
  'vfio.softdep': 95,
  'gpu.boot-vga': 100,
  'gpu.reset': 105,
  'gpu.rom': 110,
  'vga.arbitration': 120,
  'hugepages.pool': 130,
  'vm.definition': 140,
};

export function checkPriority(c: Check): number {
  return PRIORITY[c.id] ?? 200;
}

const RANK: Record<Verdict, number> = { fail: 0, warn: 1, unknown: 2, ok: 3 };

/**
 * The single most important thing to fix: the most fundamental failing check, else the most
 * fundamental warning. Unknowns are not fixes; they are reported as blind spots.
 */
export function mostImportant(checks: Check[]): Check | undefined {
  const candidates = checks.filter((c) => (c.verdict === 'fail' || c.verdict === 'warn') && c.fix);
  candidates.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || checkPriority(a) - checkPriority(b));
  return candidates[0];
}

export function summarize(checks: Check[]): Record<Verdict, number> {
  const s: Record<Verdict, number> = { ok: 0, warn: 0, fail: 0, unknown: 0 };
  for (const c of checks) s[c.verdict]++;
  return s;
}
