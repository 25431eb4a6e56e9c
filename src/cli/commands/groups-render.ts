/**
 * Human output of `vfiokit groups`: one block per group with its verdict and what to do, the
 * topology tree (--tree), and the simulator's agreement with the kernel.
 */
import { rootAdvice } from '../../host/root.js';
import type { GroupDevice, GroupEntry, GroupsReport } from '../../iommu/groups-report.js';
import type { Topology } from '../../iommu/topology.js';
import { formatClassCode, formatIdPair } from '../../pci/id.js';
import type { PciDevice } from '../../pci/types.js';
import type { CliContext } from '../context.js';

const CLASS_LABELS: Record<number, string> = {
  256: 'SCSI controller',
  257: 'IDE controller',
  260: 'RAID controller',
  262: 'SATA controller',
  264: 'NVMe controller',
  512: 'Ethernet controller',
  640: 'Network controller',
  768: 'VGA controller',
  770: '3D controller',
  896: 'Display controller',
  1025: 'Audio device',
  1027: 'Audio device',
  1536: 'Host bridge',
  1537: 'ISA bridge',
  1540: 'PCI bridge',
  3075: 'USB controller',
  3077: 'SMBus',
};

/** A short class name, e.g. "VGA controller"; the class code when unknown. */
export function classLabel(classCode: number): string {
  return CLASS_LABELS[classCode >> 8] ?? `class ${formatClassCode(classCode, 'subclass')}`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The device's pci.ids name when known, else its class. */
export function shortName(names: PciDevice['names'], classCode: number): string {
  return names?.device ?? names?.class ?? classLabel(classCode);
}

function stateText(d: GroupDevice): string {
  switch (d.state) {
    case 'vfio':
      return 'ready (vfio)';
    case 'pci-stub':
      return 'held by pci-stub: does not block';
    case 'unbound':
      return 'no driver: does not block';
    case 'bridge-pcieport':
      return 'bridge on pcieport: does not block, leave it';
    case 'host-driver':
      return `BLOCKS: bind to vfio-pci${d.hostCritical ? ` (careful: ${d.hostCritical})` : ''}`;
    case 'bridge-host-driver':
      return 'BLOCKS: unbind this bridge (vfio-pci cannot take bridges)';
    case 'unknown':
      return 'driver unknown: cannot tell whether it blocks';
  }
}

function verdictLine(ctx: CliContext, g: GroupEntry): string {
  const { c } = ctx;
  if (g.verdict === 'unknown') return c.yellow('unknown: cannot judge this group (why below)');
  if (g.viable && g.devices.every((d) => d.bridge))
    return `${c.green('viable')} ${c.dim('(bridges only: nothing to assign)')}`;
  if (g.viable) return c.green('viable');
  const parts: string[] = [];
  if (g.mustBind.length) parts.push(`bind ${g.mustBind.join(', ')} to vfio-pci`);
  if (g.mustUnbind.length) parts.push(`unbind ${g.mustUnbind.join(', ')}`);
  return c.yellow(`not viable: ${parts.join('; ')}`);
}

export function renderGroups(ctx: CliContext, r: GroupsReport): void {
  const { c } = ctx;
  if (r.source === 'simulated') {
    ctx.out(c.dim("Simulated groups (the kernel's grouping rules applied to this topology):"));
  }
  for (const w of r.warnings) ctx.out(c.yellow(`warning: ${w}`));
  if (!r.groups.length) ctx.out(c.dim('No groups to show.'));
  // Indexed: no iterator result per step in the one-shot commands' unoptimised code.
  for (let i = 0; i < r.groups.length; i++) {
    const g = r.groups[i];
    ctx.out(`${c.bold(`IOMMU group ${g.id}`)}  ${verdictLine(ctx, g)}`);
    for (let j = 0; j < g.devices.length; j++) {
      const d = g.devices[j];
      const name = clip(shortName(d.names, parseInt(d.classCode, 16)), 36);
      ctx.out(
        `  ${d.address.padEnd(13)} [${d.vendorId}:${d.deviceId}] ${name.padEnd(36)} ${(d.driver ?? '-').padEnd(14)} ${stateText(d)}${d.bootVga ? c.dim(' (boot VGA)') : ''}`,
      );
    }
    for (const o of g.others) ctx.out(`  ${o.padEnd(13)} ${c.dim('(no PCI record: not judged)')}`);
    for (const why of g.unknownReasons) ctx.out(`  ${c.yellow('?')} ${why}`);
  }
  renderSimulation(ctx, r);
}

export function renderSimulation(ctx: CliContext, r: GroupsReport): void {
  const { c } = ctx;
  const s = r.simulation;
  ctx.out();
  const assumed = s.override ? ` (assuming pcie_acs_override=${s.override})` : '';
  switch (s.status) {
    case 'agrees':
      ctx.out(c.dim(`Simulator: agrees with the kernel on all ${s.groupsCompared} groups${assumed}.`));
      break;
    case 'unknown': {
      const root = s.incomplete.length ? `; ${rootAdvice(ctx.root())}` : '';
      ctx.out(
        c.yellow(
          `Simulator: cannot check its groups against the kernel: ${s.unknownReasons.join('; ')}${root}.`,
        ),
      );
      break;
    }
    case 'not-compared':
      break;
    case 'differs':
      ctx.out(
        c.yellow(
          `Simulator: differs from the kernel${assumed}: a rule or quirk vfiokit does not model. Please report it with a snapshot (vfiokit snapshot).`,
        ),
      );
      for (const d of s.differences) {
        ctx.out(
          `  kernel group ${d.kernelGroup}: ${d.kernelMembers.join(' ')}; simulated: ${d.simulated.map((g) => `{${g.join(' ')}}`).join(' ')}`,
        );
      }
      if (s.ungrouped.length) ctx.out(`  in no kernel group: ${s.ungrouped.join(' ')}`);
      break;
  }
  if (s.note) ctx.out(c.dim(`Note: ${s.note}.`));
}

/** The topology as a tree: root buses, then each bridge's children, with group and driver. */
export function renderTree(
  ctx: CliContext,
  topo: Topology,
  groupOf: (address: string) => number | undefined,
  viable: (group: number) => boolean | null | undefined,
): void {
  const { c } = ctx;
  const label = (d: PciDevice) => {
    const g = groupOf(d.address);
    const v = g === undefined ? undefined : viable(g);
    const gl =
      g === undefined
        ? c.dim('no group')
        : v === false
          ? c.yellow(`group ${g}`)
          : v === null
            ? c.yellow(`group ${g} (unknown)`)
            : `group ${g}`;
    const port = d.pcie && d.pcie.portType !== 'endpoint' ? ` ${d.pcie.portType}` : '';
    return `${d.address} [${formatIdPair(d.vendorId, d.deviceId)}] ${shortName(d.names, d.classCode)}${port}  ${gl}  ${d.driver ?? (d.unknownFacts?.some((f) => f.fact === 'driver') ? c.yellow('driver unknown') : c.dim('no driver'))}`;
  };
  const walk = (d: PciDevice, prefix: string, last: boolean) => {
    ctx.out(`${prefix}${last ? '└─ ' : '├─ '}${label(d)}`);
    const kids = topo.children(d);
    for (const [i, k] of kids.entries()) walk(k, `${prefix}${last ? '   ' : '│  '}`, i === kids.length - 1);
  };
  const roots = topo.order.filter((d) => topo.onRootBus(d));
  const buses = new Map<string, PciDevice[]>();
  for (const d of roots) {
    const k = `${d.address.slice(0, d.address.lastIndexOf(':'))}`;
    const l = buses.get(k);
    if (l) l.push(d);
    else buses.set(k, [d]);
  }
  for (const [bus, devs] of buses) {
    ctx.out(c.bold(`[${bus}]`));
    for (const [i, d] of devs.entries()) walk(d, '', i === devs.length - 1);
  }
}
