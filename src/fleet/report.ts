/**
 * The fleet report: every host's summary, and for every device model (vendor:device) the hosts
 * where it is cleanly assignable, where it is not (and why), and where that is unknown. A host
 * whose snapshot could not be read counts as unknown for every model: it may hold any of them.
 */
import type { FleetJson } from '../schema/outputs/fleet.js';
import type { FleetDevice, FleetHost } from './host-summary.js';

export interface ModelHost {
  host: string;
  /** The model's devices on this host with this verdict. */
  addresses: string[];
  reasons: string[];
}

export interface FleetModel {
  vendorDevice: string;
  class: string;
  /** Subsystem IDs seen (boards differ between hosts). */
  subsystems: string[];
  assignable: ModelHost[];
  notAssignable: ModelHost[];
  unknown: ModelHost[];
}

// The printed document's type comes from its schema definition (docs/json.md#fleet).
export type FleetReport = FleetJson;

/** A host's verdict for a model: the worst over its devices of that model. */
function addTo(m: FleetModel, host: string, devs: FleetDevice[]): void {
  const by = (v: FleetDevice['verdict']) => devs.filter((d) => d.verdict === v);
  const entry = (ds: FleetDevice[]): ModelHost => ({
    host,
    addresses: ds.map((d) => d.address),
    reasons: [...new Set(ds.flatMap((d) => d.reasons.map((r) => `${d.address}: ${r}`)))],
  });
  const no = by('not-assignable');
  const unk = by('unknown');
  if (no.length) m.notAssignable.push(entry(no));
  else if (unk.length) m.unknown.push(entry(unk));
  else m.assignable.push(entry(devs));
}

export function buildFleetReport(hosts: FleetHost[]): FleetReport {
  const models = new Map<string, FleetModel>();
  for (const h of hosts) {
    const byModel = new Map<string, FleetDevice[]>();
    for (const d of h.devices) {
      const l = byModel.get(d.vendorDevice);
      if (l) l.push(d);
      else byModel.set(d.vendorDevice, [d]);
      let m = models.get(d.vendorDevice);
      if (!m) {
        m = {
          vendorDevice: d.vendorDevice,
          class: d.class,
          subsystems: [],
          assignable: [],
          notAssignable: [],
          unknown: [],
        };
        models.set(d.vendorDevice, m);
      }
      if (d.subsystem && !m.subsystems.includes(d.subsystem)) m.subsystems.push(d.subsystem);
    }
    for (const [id, devs] of byModel) addTo(models.get(id) as FleetModel, h.name, devs);
  }
  const unreadable = hosts.filter((h) => h.status === 'unreadable');
  for (const m of models.values()) {
    for (const h of unreadable)
      m.unknown.push({
        host: h.name,
        addresses: [],
        reasons: [`snapshot unreadable: ${h.error ?? 'unknown error'}`],
      });
    m.subsystems.sort();
  }
  const list = [...models.values()].sort((a, b) => a.vendorDevice.localeCompare(b.vendorDevice));
  return {
    schema: 'vfiokit.fleet/2',
    hosts,
    models: list,
    summary: { hosts: hosts.length, unreadable: unreadable.length, models: list.length },
  };
}
