/**
 * Doctor's Intel IGD checks, when the IGD is among the devices doctor checks (named with
 * --device, or the only GPU): which assignment mode the host allows and every legacy-mode
 * requirement (src/igd/check.ts, QEMU docs/igd-assign.txt). The driver and framebuffer checks
 * doctor already runs for every GPU are not repeated.
 */
import { assessIgd, findIgd } from '../../igd/check.js';
import type { PciDevice } from '../../pci/types.js';
import type { HostFacts } from '../../system/host-facts.js';
import type { Check } from '../check.js';
import type { DeviceContext } from './gpu.js';

const COVERED_BY_GPU_CHECKS = new Set(['igd.driver', 'igd.framebuffer', 'igd.video-off']);

export function igdChecks(f: HostFacts, devices: PciDevice[], contexts: DeviceContext[]): Check[] {
  const igd = findIgd(devices);
  const ctx = igd && contexts.find((c) => c.device === igd);
  if (!igd || !ctx) return [];
  const a = assessIgd({ facts: f, devices, bars: ctx.bars });
  const line = (m: string, v: { verdict: string; because: string[] }) =>
    `${m}: ${v.verdict}${v.because.length ? ` (${v.because.join(', ')})` : ''}`;
  const possible = a.legacy.verdict === 'possible' || a.upt.verdict === 'possible';
  const impossible = a.legacy.verdict === 'not-possible' && a.upt.verdict === 'not-possible';
  const mode: Check = {
    id: 'igd.mode',
    group: 'igd',
    title: 'IGD assignment mode',
    device: igd.address,
    verdict: possible ? 'ok' : impossible ? 'fail' : 'unknown',
    evidence: [line('legacy mode', a.legacy), line('UPT mode', a.upt)],
    ...(possible
      ? {}
      : { fix: 'see vfiokit igd check for each requirement and the host preparation it needs' }),
  };
  return [mode, ...a.checks.filter((c) => !COVERED_BY_GPU_CHECKS.has(c.id))];
}
