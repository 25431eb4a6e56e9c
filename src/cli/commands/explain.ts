import { readPciDevice } from '../../host/pci-sysfs.js';
import { rootAdvice } from '../../host/root.js';
import { parseAcsOverride } from '../../iommu/acs-override.js';
import { type Explanation, explainDevice } from '../../iommu/explain.js';
import { cmdlineOverride, quirkEnvFromHost } from '../../iommu/host-env.js';
import type { ExplainJson } from '../../schema/outputs/explain.js';
import type { CliContext } from '../context.js';

export interface ExplainOptions {
  override?: string;
}

export async function runExplain(ctx: CliContext, bdf: string, opts: ExplainOptions): Promise<number> {
  const extra = opts.override ? [parseAcsOverride(opts.override)] : [];
  const root = ctx.root();
  const host = ctx.host();
  const target = readPciDevice(root, bdf);
  const scan = host.pci();
  const devices = scan.devices;
  // The device may have vanished between the two reads; keep the record we have.
  if (!devices.some((d) => d.address === target.address)) devices.push(target);
  const e = explainDevice({
    address: target.address,
    devices,
    unreadable: scan.unreadable,
    kernel: host.kernelGroups(),
    env: quirkEnvFromHost(host),
    cmdlineOverride: cmdlineOverride(host),
    extraOverrides: extra,
  });
  if (ctx.json) ctx.printJson({ ...e, root: root.name } satisfies ExplainJson);
  else renderExplanation(ctx, e);
  return 0;
}

// long: the explanation top to bottom, one section after another, each a few lines of output
function renderExplanation(ctx: CliContext, e: Explanation): void {
  const { c } = ctx;
  const group = e.kernelGroup ? e.kernelGroup.members : e.simulatedGroup;
  const where = e.kernelGroup
    ? `IOMMU group ${e.kernelGroup.id}`
    : 'its simulated group (no kernel groups: IOMMU off)';
  if (group.length <= 1) ctx.out(`${c.bold(e.device)} is alone in ${where}: it can be assigned by itself.`);
  else ctx.out(`${c.bold(e.device)} shares ${where} with ${group.length - 1} other device(s).`);
  if (e.corrupt.length) {
    ctx.out(
      c.yellow(
        `A corrupt capability list (damaged config space, not a quirk) hides the ACS registers of ${e.corrupt.join('; ')}, so this walk is a guess.`,
      ),
    );
  }
  if (e.simulationAgrees === false && !e.corrupt.length) {
    ctx.out(
      c.yellow(
        `The kernel grouped it with ${e.kernelGroup?.members.join(' ')}, the simulator with ${e.simulatedGroup.join(' ')}: a rule or quirk vfiokit does not model, so the walk below may miss the cause. Please report it with a snapshot.`,
      ),
    );
  }
  if (e.incomplete.length) {
    ctx.out(
      c.yellow(
        `Config space of ${e.incomplete.join(', ')} was read only in part (64 bytes): the ACS registers are unknown, so this walk is a guess; ${rootAdvice(ctx.root())}.`,
      ),
    );
  }
  for (const why of e.unknownReasons) ctx.out(c.yellow(`Cannot tell where isolation breaks: ${why}.`));
  ctx.out();
  ctx.out(c.bold('Path to the root complex'));
  for (const s of e.path) {
    const mark = s.isolates === null ? c.yellow('?    ') : s.isolates ? c.green('ok   ') : c.yellow('BREAK');
    const ev = s.evidence
      ? c.dim(
          ` [${[
            s.evidence.capRegister && `cap ${s.evidence.capRegister}`,
            s.evidence.ctrlRegister && `ctrl ${s.evidence.ctrlRegister}`,
            s.evidence.quirk && `quirk ${s.evidence.quirk}`,
            s.evidence.requesterId && `requester ID ${s.evidence.requesterId}`,
          ]
            .filter(Boolean)
            .join(', ')}]`,
        )
      : '';
    ctx.out(`  ${mark} ${s.address} ${c.dim(`(${s.role})`)}: ${s.why}${ev}`);
  }
  ctx.out('  ok    root complex');
  ctx.out();
  if (e.unknownReasons.length)
    ctx.out(c.yellow('Where isolation breaks is unknown: the registers that decide it could not be read.'));
  else if (e.firstBreak)
    ctx.out(`Isolation first breaks at ${c.bold(e.firstBreak.address)}: ${e.firstBreak.why}.`);
  else ctx.out('Isolation holds all the way to the root complex.');
  if (e.members.length) {
    ctx.out();
    ctx.out(c.bold('Why the others are in the group'));
    for (const m of e.members) ctx.out(`  ${m.address}: ${m.reason}`);
  }
  ctx.out();
  ctx.out(
    c.bold(
      `What if (pcie_acs_override=...)${e.unknownReasons.length ? c.yellow(' — simulated without the unreadable registers: a guess') : ''}`,
    ),
  );
  for (const w of e.whatIf) {
    const res = w.isolated
      ? c.green('alone in its group')
      : `group of ${w.group.length}: ${w.group.join(' ')}`;
    ctx.out(`  ${w.override.padEnd(28)} ${res}${w.changed ? '' : c.dim(' (no change)')}`);
  }
  if (e.overrideCannotHelp) ctx.out(c.dim(`  No override can help here: ${e.overrideCannotHelp}.`));
  ctx.out();
  ctx.out(c.yellow(`Risk: ${e.risk}`));
}
