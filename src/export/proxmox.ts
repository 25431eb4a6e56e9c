/**
 * Cluster-wide PCI resource mappings for Proxmox VE: /etc/pve/mapping/pci.cfg, a section config
 * (pve-common PVE/SectionConfig.pm, parse_config) whose sections PVE/Mapping/PCI.pm
 * (pve-guest-common) defines:
 * - a section header is the mapping's ID alone on a line (parse_section_header: `^(\S+)\s*$`,
 *   checked by pve_verify_configid, `[a-z][a-z0-9_-]+` case-insensitive);
 * - then indented `key value` lines up to a blank line: `description` (at most 4096 characters),
 *   `mdev` (boolean) and `map`, required and repeatable, one per node device;
 * - a map value is a property string (PVE::JSONSchema parse_property_string: `key=value` joined
 *   by commas) of node (pve-node: `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?`), path (PCI address;
 *   without the function it maps the whole multifunction device, described by function 0), id and
 *   subsystem-id (`xxxx:xxxx`) and iommugroup (integer), and an optional description.
 * When a VM starts, PCI.pm assert_valid compares id, subsystem-id and iommugroup with the node's
 * sysfs: lower-case hex as sysfs has it; subsystem-id present exactly when the device has one;
 * iommugroup present exactly when the device is in a group. So each value here comes straight
 * from the node's snapshot.
 *
 * One mapping per device model that is cleanly assignable somewhere, with an entry per node device
 * that is; nodes where it is not (a shared group, no IOMMU...) are left out with a warning, so an
 * HA migration never lands a VM where its GPU cannot be attached.
 */
import type { FleetReport } from '../fleet/report.js';
import { modelName, slug } from './names.js';

export const PVE_NODE = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
export const PVE_CONFIGID = /^[a-z][a-z0-9_-]+$/i;

export interface ProxmoxMap {
  node: string;
  path: string;
  id: string;
  subsystemId?: string;
  iommugroup?: number;
}

export interface ProxmoxMapping {
  id: string;
  description: string;
  maps: ProxmoxMap[];
}

export function mappingId(vendorDevice: string): string {
  const name = slug(modelName(vendorDevice).device ?? '', '-').toLowerCase();
  const id = name && /^[a-z]/.test(name) ? name : `pci-${vendorDevice.replace(':', '-')}`;
  return id.slice(0, 64).replace(/-+$/, '');
}

export function proxmoxExport(r: FleetReport): { mappings: ProxmoxMapping[]; warnings: string[] } {
  const warnings: string[] = [];
  const mappings: ProxmoxMapping[] = [];
  const used = new Set<string>();
  for (const m of r.models) {
    const maps: ProxmoxMap[] = [];
    for (const h of r.hosts) {
      if (h.status !== 'read') continue;
      const devs = h.devices.filter((d) => d.vendorDevice === m.vendorDevice);
      if (!devs.length) continue;
      if (!PVE_NODE.test(h.name)) {
        warnings.push(
          `${m.vendorDevice}: host name ${JSON.stringify(h.name)} is not a Proxmox node name: left out (name it with NAME=PATH)`,
        );
        continue;
      }
      for (const d of devs) {
        if (d.verdict !== 'assignable') {
          warnings.push(
            `${m.vendorDevice} on ${h.name} (${d.address}) left out: ${d.verdict === 'unknown' ? 'unknown' : 'not assignable'}: ${d.reasons.join('; ')}`,
          );
          continue;
        }
        // Function 0 with companions: map the whole slot, as Proxmox's "All Functions" does.
        const whole = d.address.endsWith('.0') && d.companions.length > 0;
        maps.push({
          node: h.name,
          path: whole ? d.address.slice(0, -2) : d.address,
          id: d.vendorDevice,
          subsystemId: d.subsystem,
          iommugroup: d.group,
        });
      }
    }
    for (const h of r.hosts.filter((x) => x.status === 'unreadable'))
      warnings.push(`${h.name}: snapshot unreadable (${h.error}): its devices are not mapped`);
    if (!maps.length) {
      warnings.push(`${m.vendorDevice}: assignable on no node: no mapping`);
      continue;
    }
    let id = mappingId(m.vendorDevice);
    if (used.has(id)) id = `${id}-${m.vendorDevice.replace(':', '-')}`;
    used.add(id);
    const name = modelName(m.vendorDevice);
    mappings.push({
      id,
      description:
        `${m.vendorDevice}${name.device ? ` ${name.device}` : ''} (vfiokit export proxmox)`.replace(
          /[\r\n]/g,
          ' ',
        ),
      maps,
    });
  }
  return { mappings, warnings: [...new Set(warnings)] };
}

/** A map entry as Proxmox writes property strings: keys in alphabetical order. */
export function mapString(m: ProxmoxMap): string {
  const kv: [string, string | number | undefined][] = [
    ['id', m.id],
    ['iommugroup', m.iommugroup],
    ['node', m.node],
    ['path', m.path],
    ['subsystem-id', m.subsystemId],
  ];
  return kv
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function pciCfg(mappings: ProxmoxMapping[]): string {
  // SectionConfig write_config: header, tab-indented options (description first, then map), and
  // a blank line after each section.
  return mappings
    .map(
      (m) =>
        `${m.id}\n\tdescription ${m.description}\n${m.maps.map((x) => `\tmap ${mapString(x)}\n`).join('')}\n`,
    )
    .join('');
}
