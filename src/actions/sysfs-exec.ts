/**
 * Taking and undoing a sysfs step (plan.ts SysfsStep). The backup is the device's driver and
 * driver_override read just before the write; undo brings the device back to exactly that, from
 * whatever state it is in now, so undo is right even after a write that timed out and that the
 * kernel may or may not have finished, and undoing twice changes nothing the second time.
 *
 * Giving a device back to a named driver uses that driver's `bind` file, not drivers_probe: with
 * several drivers able to take a device, drivers_probe lets the kernel choose (the first that
 * matches in registration order), and the point of undo is the driver the device had. The
 * driver_override is restored first, because a device whose driver_override names another
 * driver matches no other driver (drivers/pci/pci-driver.c, pci_match_device).
 */
import { VfiokitError } from '../errors.js';
import { type DeviceBinding, PCI_BUS, type SysfsIo } from '../host/sysfs-io.js';
import type { SysfsStep } from './plan.js';

export interface SysfsDeps {
  io: SysfsIo;
  /** Per blocking write. */
  timeoutMs: number;
  /** Who holds the device, one line, for a write that timed out (the usual reason it blocks). */
  holders?: (device: string) => string | undefined;
}

const show = (d: string | null) => d ?? 'no driver';

function readBinding(io: SysfsIo, device: string): DeviceBinding {
  const b = io.binding(device);
  if (!b)
    throw new VfiokitError(`${device} is gone from ${PCI_BUS}/devices`, {
      hint: 'the device was removed (hot unplug, or its driver reset it away)',
      code: 'bind.device-gone',
    });
  return b;
}

async function write(
  deps: SysfsDeps,
  device: string,
  file: string,
  value: string,
  mayBlock: boolean,
): Promise<void> {
  const r = await deps.io.write(file, value, { timeoutMs: deps.timeoutMs, mayBlock });
  if (r.ok) return;
  const what = `writing ${value === '\n' ? "'\\n'" : value} to ${file}`;
  if (r.timedOut) {
    const who = deps.holders?.(device);
    throw new VfiokitError(
      `${what} did not finish in ${Math.round(deps.timeoutMs / 100) / 10} s (${device})${who ? `: ${who}` : ''}`,
      {
        hint: who
          ? 'stop those processes (a running VM, a display server) and try again'
          : 'a driver is waiting for a user of the device to let go; the kernel log (dmesg) names it',
        code: 'bind.timeout',
      },
    );
  }
  throw new VfiokitError(`${what} failed: ${r.error ?? 'error'}`, { code: 'bind.write' });
}

/** The backup for one step, read before it runs; refuses when the device is not as planned. */
export function sysfsBackup(deps: SysfsDeps, s: SysfsStep): DeviceBinding {
  const b = readBinding(deps.io, s.device);
  if (s.expectBefore !== undefined && b.driver !== s.expectBefore) {
    throw new VfiokitError(
      `${s.device} is on ${show(b.driver)}, not ${show(s.expectBefore)} as when the plan was made`,
      { hint: 'run the command again to plan from the current state', code: 'actions.changed' },
    );
  }
  return b;
}

export async function sysfsDo(deps: SysfsDeps, s: SysfsStep): Promise<void> {
  await write(deps, s.device, s.path, s.value, s.mayBlock);
  if (s.expectAfter === undefined) return;
  const now = readBinding(deps.io, s.device);
  if (now.driver !== s.expectAfter) {
    throw new VfiokitError(
      `${s.device} is on ${show(now.driver)} after ${s.op === 'probe' ? 'drivers_probe' : s.op}, not ${show(s.expectAfter)}`,
      {
        hint:
          s.expectAfter === 'vfio-pci'
            ? 'vfio-pci refused the device (the kernel log says why: no IOMMU group, a bridge, a denylisted device)'
            : `the kernel log (dmesg) says why ${show(s.expectAfter)} did not take it`,
        code: 'bind.verify',
      },
    );
  }
}

/**
 * Bring a device back to a binding: off the wrong driver, the old driver_override, onto the old
 * driver (or none). Returns what it wrote, one line each (empty when the device was already so).
 */
export async function restoreBinding(
  deps: SysfsDeps,
  device: string,
  want: DeviceBinding,
): Promise<string[]> {
  const did: string[] = [];
  let cur = readBinding(deps.io, device);
  if (cur.driver === want.driver && cur.override === want.override) return did;
  if (cur.driver !== null && cur.driver !== want.driver) {
    const f = `${PCI_BUS}/drivers/${cur.driver}/unbind`;
    await write(deps, device, f, device, true);
    did.push(`unbound ${device} from ${cur.driver}`);
  }
  cur = readBinding(deps.io, device);
  if (cur.override !== want.override) {
    // An empty write never reaches the kernel's store; a lone newline clears the override.
    await write(deps, device, `${PCI_BUS}/devices/${device}/driver_override`, want.override ?? '\n', false);
    did.push(
      `${want.override ? `set driver_override of ${device} to ${want.override}` : `cleared driver_override of ${device}`}`,
    );
  }
  cur = readBinding(deps.io, device);
  if (want.driver !== null && cur.driver !== want.driver) {
    if (!deps.io.driverLoaded(want.driver)) {
      throw new VfiokitError(`cannot give ${device} back to ${want.driver}: the driver is not loaded`, {
        hint: `modprobe ${want.driver}, then: vfiokit restore`,
        code: 'bind.driver-missing',
      });
    }
    await write(deps, device, `${PCI_BUS}/drivers/${want.driver}/bind`, device, true);
    did.push(`bound ${device} to ${want.driver}`);
  }
  cur = readBinding(deps.io, device);
  if (cur.driver !== want.driver || cur.override !== want.override) {
    throw new VfiokitError(
      `${device} is on ${show(cur.driver)} (driver_override ${cur.override ?? '(null)'}) after the undo, not ${show(want.driver)} (${want.override ?? '(null)'})`,
      { code: 'bind.restore' },
    );
  }
  return did;
}
