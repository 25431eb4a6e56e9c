/**
 * `vfiokit groups`: the kernel's IOMMU groups with the viability verdict and what to bind, checked
 * against the grouping simulator on every run. With no IOMMU groups (IOMMU off) it is an
 * environment problem (exit 3) unless --simulate asks for the predicted groups.
 */
import { EnvironmentError } from '../../errors.js';
import { hasKernelGroups } from '../../host/kernel-groups.js';
import { buildGroupsReport, type GroupsReport } from '../../iommu/groups-report.js';
import { cmdlineOverride, quirkEnvFromHost } from '../../iommu/host-env.js';
import { buildTopology } from '../../iommu/topology.js';
import { deviceNames } from '../../pci/ids.js';
import type { PciDevice } from '../../pci/types.js';
import { type CliContext, inPieces } from '../context.js';
import { renderGroups, renderSimulation, renderTree } from './groups-render.js';

export interface GroupsOptions {
  gpu?: boolean;
  tree?: boolean;
  simulate?: boolean;
}

export function iommuOffError(): EnvironmentError {
  return new EnvironmentError('no IOMMU groups: the IOMMU is off or absent, so no device can be assigned', {
    hint: 'enable VT-d / AMD-Vi (IOMMU) in the firmware setup and boot with intel_iommu=on on Intel; `vfiokit groups --simulate` shows the groups the kernel would form',
    code: 'iommu.off',
  });
}

export async function runGroups(ctx: CliContext, opts: GroupsOptions): Promise<number> {
  const root = ctx.root();
  const host = ctx.host();
  // Only what grouping and this report read: several reads per device fewer on large hosts.
  // Scanned first: on a live host the groups may then come from the scan's links.
  const scan = host.pci('grouping');
  // The groups are read once, for this check and for the report.
  const kernel = host.kernelGroups();
  // A listing that failed fails the command with the listing's own error (permission, I/O),
  // which listing again reports; only the failure path pays for that second listing.
  if (kernel.listError !== undefined) hasKernelGroups(root);
  if (!kernel.enabled && !opts.simulate) throw iommuOffError();
  const devices = scan.devices;
  // Names come from this machine's pci.ids (never the snapshot's), read once, keeping only the
  // lines these devices need.
  const ids = host.pciIdsFor(devices);
  for (const d of devices) d.names = deviceNames(ids, d);
  const report = buildGroupsReport({
    root: root.name,
    devices,
    kernel,
    env: quirkEnvFromHost(host),
    cmdlineOverride: cmdlineOverride(host),
    source: opts.simulate ? 'simulated' : 'kernel',
    unreadable: scan.unreadable,
    flattened: scan.flattened,
  });
  if (scan.listError) report.warnings.unshift(`the PCI devices cannot be listed: ${scan.listError}`);
  const all = report.groups;
  if (opts.gpu) report.groups = all.filter((g) => g.display);
  if (ctx.json) {
    ctx.printJson(report);
    return 0;
  }
  const human = inPieces(ctx);
  try {
    renderHuman(human.ctx, opts, devices, report, all);
  } finally {
    human.flush();
  }
  return 0;
}

function renderHuman(
  ctx: CliContext,
  opts: GroupsOptions,
  devices: PciDevice[],
  report: GroupsReport,
  all: GroupsReport['groups'],
): void {
  if (opts.tree) {
    const groupOf = new Map<string, number>();
    const viable = new Map<number, boolean | null>();
    for (const g of all) {
      viable.set(g.id, g.viable);
      for (const d of g.devices) groupOf.set(d.address, g.id);
    }
    const gpuDevices = new Set(report.groups.flatMap((g) => g.devices.map((d) => d.address)));
    const shown = opts.gpu ? devices.filter((d) => gpuDevices.has(d.address)) : devices;
    // --gpu --tree keeps the bridges above the GPUs so the path to the root stays visible.
    const keep = new Set(shown.flatMap((d) => [d.address, ...d.upstream]));
    renderTree(
      ctx,
      buildTopology(devices.filter((d) => keep.has(d.address))),
      (a) => groupOf.get(a),
      (g) => viable.get(g),
    );
    renderSimulation(ctx, report);
    return;
  }
  renderGroups(ctx, report);
}
