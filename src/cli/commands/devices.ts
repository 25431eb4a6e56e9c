/** `vfiokit devices`: every PCI device, optionally filtered by kind or vendor. */
import { EnvironmentError } from '../../errors.js';
import { PCI_DEVICES_DIR } from '../../host/pci-sysfs.js';
import { rootAdvice } from '../../host/root.js';
import { matchesKind, parseDeviceKind, parseVendorId } from '../../pci/class-filter.js';
import { deviceJson } from '../../pci/device-json.js';
import { deviceNames } from '../../pci/ids.js';
import type { DevicesJson } from '../../schema/outputs/devices.js';
import { type CliContext, inPieces } from '../context.js';
import { deviceLine } from './device-render.js';

export interface DevicesOptions {
  class?: string;
  vendor?: string;
}

export async function runDevices(ctx: CliContext, opts: DevicesOptions): Promise<number> {
  const kind = opts.class === undefined ? undefined : parseDeviceKind(opts.class);
  const vendor = opts.vendor === undefined ? undefined : parseVendorId(opts.vendor);
  const root = ctx.root();
  if (!root.isDir(PCI_DEVICES_DIR)) {
    throw new EnvironmentError(`no PCI sysfs at ${root.resolve(PCI_DEVICES_DIR)}`, {
      hint: root.live
        ? 'sysfs is not mounted here (containers may hide it); run on the host'
        : 'give --root a snapshot made by `vfiokit snapshot -o DIR` (or an unpacked .tar.gz)',
      code: 'pci.no-sysfs',
    });
  }
  // The run's one scan (ctx.host()), so a caller that also asks for the groups (the dashboard)
  // reads sysfs once. The one-line listing prints IDs, class, driver, group, boot VGA and the PF
  // of a VF, all of which a grouping scan reads; --json prints every fact, so it scans in full.
  const scan = ctx.host().pci(ctx.json ? 'all' : 'grouping');
  for (const u of scan.unreadable) ctx.err(`warning: skipped ${u.address}: ${u.reason}`);
  if (scan.flattened.length)
    ctx.err(
      `warning: ${scan.flattened.length} sysfs link(s) are plain files holding the link text (symlinks flattened by zip or a copy without links): drivers they name are shown as unknown`,
    );
  let devices = scan.devices;
  if (kind) devices = devices.filter((d) => matchesKind(kind, d.classCode));
  if (vendor !== undefined) devices = devices.filter((d) => d.vendorId === vendor);
  const ids = ctx.host().pciIdsFor(devices);
  for (const d of devices) d.names = deviceNames(ids, d);
  if (ctx.json) {
    const doc: DevicesJson = {
      schema: 'vfiokit.devices/1',
      root: root.name,
      devices: devices.map((d) => deviceJson(d)),
    };
    ctx.printJson(doc);
    return 0;
  }
  if (!devices.length) {
    ctx.out(ctx.c.dim(kind || vendor !== undefined ? 'no PCI devices match' : 'no PCI devices found'));
    return 0;
  }
  const human = inPieces(ctx);
  try {
    for (const d of devices) human.ctx.out(deviceLine(d, ctx.c));
  } finally {
    human.flush();
  }
  if (devices.some((d) => d.config?.truncated)) {
    ctx.err(
      `note: config space was readable only in part${ctx.root().live ? ' (not root)' : ''}: capabilities are unknown; ${rootAdvice(ctx.root())}`,
    );
  }
  return 0;
}
