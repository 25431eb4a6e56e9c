/** `vfiokit device BDF`: one device in full, every capability decoded. */

import { loadPciIds } from '../../host/pci-ids.js';
import { readPciDevice } from '../../host/pci-sysfs.js';
import { rootAdvice } from '../../host/root.js';
import { parsePciAddress } from '../../pci/address.js';
import { deviceJson } from '../../pci/device-json.js';
import { deviceNames } from '../../pci/ids.js';
import type { CliContext } from '../context.js';
import { deviceDetailLines } from './device-render.js';

export async function runDevice(ctx: CliContext, bdf: string): Promise<number> {
  parsePciAddress(bdf); // usage error before touching the host
  const d = readPciDevice(ctx.root(), bdf);
  d.names = deviceNames(loadPciIds(), d);
  if (ctx.json) {
    ctx.printJson({
      schema: 'vfiokit.device/1',
      root: ctx.root().name,
      device: deviceJson(d, { details: true }),
    });
    return 0;
  }
  for (const l of deviceDetailLines(d, ctx.c, rootAdvice(ctx.root()))) ctx.out(l);
  return 0;
}
