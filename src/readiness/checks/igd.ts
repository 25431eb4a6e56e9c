/**
 * Doctor's Intel IGD checks, when the IGD is among the devices doctor checks (named with
 * --device, or the only GPU): which assignment mode the host allows and every legacy-mode
 * requirement (src/igd/check.ts, QEMU docs/igd-assign.txt). The driver and framebuffer checks
 * doctor already runs for every GPU are not repeated.
 */
import { assessIgd, findIgd, type IgdAssessment } from '../../igd/check.js';
import type { PciDevice } from '../../pci/types.js';
import type { HostFacts } from '../../system/host-facts.js';
import type { VmDefinition, VmHostDevice } from '../../vm/definition.js';
import type { Check } from '../check.js';
import type { DeviceContext } from './gpu.js';

const COVERED_BY_GPU_CHECKS = new Set(['igd.driver', 'igd.framebuffer', 'igd.video-off']);

export function igdChecks(
  f: HostFacts,
  devices: PciDevice[],
  contexts: DeviceContext[],
  vm?: VmDefinition,
): Check[] {
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
  const wanted = vm?.devices.find((d) => d.address === igd.address && d.igd);
  return [
    mode,
    ...(wanted && vm ? [vmModeCheck(a, wanted, vm)] : []),
    ...a.checks.filter((c) => !COVERED_BY_GPU_CHECKS.has(c.id)),
  ];
}

const VERDICT = { possible: 'ok', 'not-possible': 'fail', unknown: 'unknown' } as const;

/**
 * The mode a VM spec asks for (igd: legacy | upt), judged by this host's IGD checks. The guest
 * side of legacy mode (i440fx, guest 00:02.0, no other display, ROM BAR on) is enforced when the
 * spec is read, so what is left is the host: legacy mode's requirements, or UPT's generation and,
 * for x-igd-opregion=on, an OpRegion to give.
 */
function vmModeCheck(a: IgdAssessment, d: VmHostDevice, vm: VmDefinition): Check {
  const want = d.igd as NonNullable<VmHostDevice['igd']>;
  const asked = `${vm.file} line ${d.line} asks for ${want.mode === 'legacy' ? 'legacy' : 'UPT'} mode${want.opregion ? ' with x-igd-opregion=on' : ''}`;
  let m = want.mode === 'legacy' ? a.legacy : a.upt;
  if (want.opregion) {
    const op = a.checks.find((c) => c.id === 'igd.opregion');
    if (op?.verdict === 'fail') m = { verdict: 'not-possible', because: [...m.because, 'igd.opregion'] };
    else if (op?.verdict !== 'ok' && m.verdict === 'possible')
      m = { verdict: 'unknown', because: ['igd.opregion'] };
  }
  const verdict = VERDICT[m.verdict];
  return {
    id: 'igd.vm-mode',
    group: 'igd',
    title: "The VM's IGD mode on this host",
    device: d.address,
    verdict,
    evidence: [
      asked,
      `${want.mode === 'legacy' ? 'legacy' : 'UPT'} mode on this host: ${m.verdict}${m.because.length ? ` (${m.because.join(', ')})` : ''}`,
    ],
    ...(verdict === 'ok'
      ? {}
      : {
          fix:
            want.mode === 'legacy' && a.upt.verdict === 'possible'
              ? 'see the failing igd.* checks; UPT mode (igd: upt) is possible on this host'
              : want.mode === 'upt' && a.legacy.verdict === 'possible'
                ? 'see the failing igd.* checks; legacy mode (igd: legacy, machine: i440fx) is possible on this host'
                : 'see the failing igd.* checks, and vfiokit igd check for each requirement',
        }),
  };
}
