/**
 * `vfiokit` with no arguments: the host report. A short overview of what matters for device
 * assignment on this host; each later capability adds its section here.
 */

import { buildHostReport, type HostReport } from '../../report/host-report.js';
import type { CliContext } from '../context.js';

// long: the report top to bottom, one section after another, each a few lines of output
export function renderHostReport(ctx: CliContext, r: HostReport): void {
  const { c } = ctx;
  ctx.out(c.bold(`vfiokit host report${r.root === '/' ? '' : ` (snapshot ${r.root})`}`));
  ctx.out(`  kernel        ${r.kernel ?? c.dim('unknown')}`);
  ctx.out(`  command line  ${r.cmdline ?? c.dim('unknown')}`);
  const iommu =
    r.iommu.enabled === null
      ? c.yellow('unknown: the IOMMU groups cannot be read')
      : r.iommu.enabled
        ? c.green(
            `on (${r.iommu.units.length} unit${r.iommu.units.length === 1 ? '' : 's'}, ${r.iommu.groups} groups)`,
          )
        : c.yellow('off: no IOMMU groups');
  ctx.out(`  IOMMU         ${iommu}`);
  const unread = r.pciUnreadable.length ? c.yellow(`, ${r.pciUnreadable.length} unreadable`) : '';
  ctx.out(`  PCI devices   ${r.pciDevices === null ? c.yellow('unknown') : r.pciDevices}${unread}`);
  for (const w of r.warnings) ctx.out(c.yellow(`  warning       ${w}`));
  const drv = (x: { driver?: string; driverUnknown?: string }) =>
    x.driver ?? (x.driverUnknown ? c.yellow('unknown') : 'none');
  for (const g of r.displays) {
    ctx.out(
      `  display       ${g.address} ${g.name ? `${g.name} ` : ''}[${g.vendorDevice}] driver ${drv(g)}, group ${g.group ?? 'none'}${g.bootVga ? ', boot VGA' : ''}`,
    );
    for (const f of g.companions ?? []) {
      ctx.out(
        `                  + ${f.address} [${f.vendorDevice}] class ${f.class.slice(0, 4)}, driver ${drv(f)}, group ${f.group ?? 'none'} ${c.dim('(same slot: assign together)')}`,
      );
    }
    const facts = [
      g.link ? `link ${g.link}` : '',
      g.resetMethods ? `reset ${g.resetMethods.length ? g.resetMethods.join(',') : c.yellow('none')}` : '',
      g.hasRom ? 'ROM BAR' : '',
      g.upstream?.length ? `behind ${g.upstream.join(' → ')}` : '',
      g.configTruncated ? c.yellow('config space read in part (not root): capabilities unknown') : '',
    ].filter(Boolean);
    if (facts.length) ctx.out(c.dim(`                  ${facts.join('; ')}`));
  }
  for (const g of r.gpuGroups) {
    const steps = [
      g.mustBind.length ? `bind ${g.mustBind.join(', ')} to vfio-pci` : '',
      g.mustUnbind.length ? `unbind ${g.mustUnbind.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const verdict =
      g.verdict === 'unknown'
        ? c.yellow(`unknown: ${g.unknownReasons.join('; ')}`)
        : g.viable
          ? c.green('viable')
          : c.yellow(`not viable: ${steps}`);
    ctx.out(`  GPU group     ${g.group}: ${g.devices.join(' ')} ${verdict}`);
  }
  if (r.readiness) {
    const { ok, warn, fail, unknown } = r.readiness.summary;
    const counts = `${c.green(`✓ ${ok}`)}  ${c.yellow(`! ${warn}`)}  ${c.red(`✗ ${fail}`)}  ${c.dim(`? ${unknown}`)}`;
    ctx.out(`  readiness     ${counts}  ${c.dim('(vfiokit doctor shows every check and its evidence)')}`);
    const top = r.readiness.mostImportant;
    if (top) ctx.out(`  first fix     ${top.title}${top.device ? ` (${top.device})` : ''}: ${top.fix}`);
  }
  if (r.iommu.enabled === false) {
    ctx.out();
    // Doctor's first failing IOMMU check knows why (no firmware table, a VM, the command line,
    // a kernel without the driver) and the vendor; fall back to the general advice.
    const why = r.readiness?.iommuFix;
    ctx.out(
      c.dim(
        `  No IOMMU groups: ${why ?? 'enable VT-d (Intel) or AMD-Vi (AMD) in the firmware; on Intel also boot with intel_iommu=on'}`,
      ),
    );
  }
}

export async function runReport(ctx: CliContext): Promise<number> {
  const report = buildHostReport(ctx.host());
  // The report ends with doctor's verdict: the one thing to fix first is what a newcomer needs.
  const [{ buildDoctorReport }, { readinessSummary }] = await Promise.all([
    import('../../readiness/doctor.js'),
    import('../../readiness/report.js'),
  ]);
  // The report shows doctor's counts and first fix, not the evidence: the facts that add only
  // evidence are not read (DoctorOptions.verdictsOnly).
  report.readiness = readinessSummary(
    await buildDoctorReport(ctx.host(), { readRoms: false, verdictsOnly: true }),
  );
  if (ctx.json) ctx.printJson(report);
  else renderHostReport(ctx, report);
  return 0;
}
