/**
 * `vfiokit fleet`: the fleet report over many snapshots, or (--diff OLD NEW) one host's drift.
 */
import { UsageError } from '../../errors.js';
import type { FleetDiff } from '../../fleet/drift.js';
import type { FleetHost } from '../../fleet/host-summary.js';
import type { FleetReport } from '../../fleet/report.js';
import type { CliContext } from '../context.js';

export interface FleetCliOptions {
  diff?: boolean;
  model?: string[];
  jobs?: string;
  verbose?: boolean;
  verify?: boolean;
}

const MODEL = /^[0-9a-f]{4}:[0-9a-f]{4}$/;

export function parseModels(models: string[] | undefined): string[] {
  return (models ?? []).map((m) => {
    const v = m.toLowerCase();
    if (!MODEL.test(v))
      throw new UsageError(`--model ${m}: expected vendor:device in hex, e.g. 10de:1eb8`, {
        code: 'fleet.model',
      });
    return v;
  });
}

export function parseJobs(jobs: string | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(jobs)) throw new UsageError(`--jobs ${jobs}: expected a number from 1 to 999`);
  return Number(jobs);
}

export async function runFleet(ctx: CliContext, snapshots: string[], opts: FleetCliOptions): Promise<number> {
  const models = parseModels(opts.model);
  if (opts.diff) return runDiff(ctx, snapshots, models);
  const { expandInputs } = await import('../../fleet/inputs.js');
  const { readHosts } = await import('../../fleet/pool.js');
  const { buildFleetReport } = await import('../../fleet/report.js');
  const inputs = expandInputs(snapshots);
  const hosts = await readHosts(inputs, {
    jobs: parseJobs(opts.jobs),
    models,
    verify: opts.verify,
    onNote: opts.verbose ? (host, note) => ctx.err(`vfiokit: note: ${host}: ${note}`) : undefined,
  });
  const report = buildFleetReport(hosts);
  if (ctx.json) ctx.printJson(report);
  else renderFleet(ctx, report);
  // 1 when some host could not be read or some model is not assignable everywhere it is.
  return report.summary.unreadable || report.models.some((m) => m.notAssignable.length || m.unknown.length)
    ? 1
    : 0;
}

async function runDiff(ctx: CliContext, snapshots: string[], models: string[]): Promise<number> {
  if (snapshots.length !== 2)
    throw new UsageError(`--diff takes two snapshots of one host (OLD NEW), got ${snapshots.length}`, {
      code: 'fleet.diff-args',
    });
  const { openSnapshot } = await import('../../fleet/read-host.js');
  const { diffSnapshots } = await import('../../fleet/drift.js');
  const d = diffSnapshots(openSnapshot(snapshots[0]), openSnapshot(snapshots[1]), models);
  if (ctx.json) ctx.printJson(d);
  else renderDiff(ctx, d);
  const changed =
    d.host.length +
    d.added.length +
    d.removed.length +
    d.moved.length +
    d.groupsChanged.length +
    d.driversChanged.length;
  return changed ? 1 : 0;
}

function hostLine(ctx: CliContext, h: FleetHost): string {
  const { c } = ctx;
  if (h.status === 'unreadable') return `${c.bold(h.name)}  ${c.red(`unreadable: ${h.error}`)}`;
  const iommu = h.iommu?.enabled ? c.green(`IOMMU on (${h.iommu.groups} groups)`) : c.yellow('IOMMU off');
  const ir = h.interruptRemapping;
  const remap =
    ir?.verdict === 'ok'
      ? c.green('interrupt remapping on')
      : ir?.unsafeAllowed
        ? c.yellow('interrupt remapping off (allow_unsafe_interrupts)')
        : ir?.verdict === 'fail'
          ? c.red('interrupt remapping off')
          : c.dim('interrupt remapping unknown');
  const s = h.readiness?.summary;
  const ready = s ? `readiness ✓ ${s.ok}  ! ${s.warn}  ✗ ${s.fail}  ? ${s.unknown}` : '';
  return `${c.bold(h.name)}  kernel ${h.kernel ?? 'unknown'}, ${iommu}, ${remap}, ${h.pciDevices} PCI devices, ${ready}`;
}

export function renderFleet(ctx: CliContext, r: FleetReport): void {
  const { c } = ctx;
  ctx.out(
    c.bold(
      `vfiokit fleet: ${r.summary.hosts} host${r.summary.hosts === 1 ? '' : 's'}${r.summary.unreadable ? `, ${r.summary.unreadable} unreadable` : ''}`,
    ),
  );
  for (const h of r.hosts) {
    ctx.out();
    ctx.out(hostLine(ctx, h));
    for (const d of h.devices) {
      const verdict =
        d.verdict === 'assignable'
          ? c.green('assignable')
          : d.verdict === 'unknown'
            ? c.dim('unknown')
            : c.red('not assignable');
      const group = d.group === undefined ? 'no group' : `group ${d.group} ${d.isolation}`;
      const now =
        d.viable === undefined
          ? ''
          : d.viable
            ? ', viable now'
            : `, bind ${d.mustBind.join(' ')}${d.mustUnbind.length ? `, unbind ${d.mustUnbind.join(' ')}` : ''}`;
      const plus = d.companions.length ? ` + ${d.companions.join(' ')}` : '';
      ctx.out(
        `  ${d.address}${plus} [${d.vendorDevice}] ${d.driver ?? 'no driver'}, ${group}${now}: ${verdict}`,
      );
      for (const why of d.reasons) ctx.out(c.dim(`      ${why}`));
    }
    if (h.status === 'read' && !h.devices.length)
      ctx.out(c.dim('  no display controllers or devices on vfio-pci'));
    const top = h.readiness?.mostImportant;
    if (top) ctx.out(c.dim(`  first fix: ${top.title}${top.device ? ` (${top.device})` : ''}: ${top.fix}`));
  }
  if (!r.models.length) return;
  ctx.out();
  ctx.out(c.bold('by device model'));
  for (const m of r.models) {
    ctx.out(`  ${m.vendorDevice} (class ${m.class.slice(0, 4)})`);
    const list = (xs: { host: string }[]) => xs.map((x) => x.host).join(', ');
    if (m.assignable.length) ctx.out(`    ${c.green('assignable')}      ${list(m.assignable)}`);
    for (const x of m.notAssignable)
      ctx.out(`    ${c.red('not assignable')}  ${x.host}: ${x.reasons.join('; ')}`);
    for (const x of m.unknown) ctx.out(`    ${c.dim('unknown')}         ${x.host}: ${x.reasons.join('; ')}`);
  }
}

export function renderDiff(ctx: CliContext, d: FleetDiff): void {
  const { c } = ctx;
  ctx.out(c.bold(`vfiokit fleet --diff: ${d.old} → ${d.new}`));
  const n =
    d.host.length +
    d.added.length +
    d.removed.length +
    d.moved.length +
    d.groupsChanged.length +
    d.driversChanged.length +
    d.verdictsChanged.length;
  if (!n) {
    ctx.out('  no changes');
    return;
  }
  for (const h of d.host) ctx.out(`  host     ${h}`);
  for (const x of d.removed)
    ctx.out(
      `  removed  ${x.address} [${x.vendorDevice}] class ${x.class.slice(0, 4)}${x.driver ? `, ${x.driver}` : ''}`,
    );
  for (const x of d.added)
    ctx.out(
      `  added    ${x.address} [${x.vendorDevice}] class ${x.class.slice(0, 4)}${x.driver ? `, ${x.driver}` : ''}`,
    );
  for (const x of d.moved)
    ctx.out(
      `  moved    ${x.from} → ${x.to} [${x.vendorDevice}] (same ${x.matchedBy === 'unique' ? 'model, the only one' : x.matchedBy})`,
    );
  for (const g of d.groupsChanged)
    ctx.out(
      `  group    ${g.address}: group ${g.oldGroup ?? 'none'} with [${g.before.join(' ')}] → group ${g.newGroup ?? 'none'} with [${g.after.join(' ')}]`,
    );
  for (const x of d.driversChanged)
    ctx.out(`  driver   ${x.address}: ${x.old ?? 'none'} → ${x.new ?? 'none'}`);
  for (const v of d.verdictsChanged)
    ctx.out(
      `  verdict  ${v.address} [${v.vendorDevice}]: ${v.old} → ${v.new}${v.reasons.length ? ` (${v.reasons.join('; ')})` : ''}`,
    );
}
