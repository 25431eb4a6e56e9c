/**
 * The `spec.configuration.permittedHostDevices.pciHostDevices` part of the KubeVirt CR
 * (kubevirt.io/v1 KubeVirt): which PCI models VMs may request, by `pciVendorSelector`
 * ("vendor:device", as sysfs spells the IDs) and the `resourceName` a device plugin advertises.
 * KubeVirt's device plugin advertises every device of a permitted model bound to vfio-pci on a
 * node, whether its group is isolated or not; a VM scheduled there fails at start. So a model goes
 * in when it is cleanly assignable on some host, and each host where it is not is a warning (keep
 * VMs off it, e.g. with the NFD labels of `vfiokit export nfd`).
 */
import type { FleetReport } from '../fleet/report.js';
import { modelName, slug } from './names.js';

export interface PciHostDevice {
  pciVendorSelector: string;
  resourceName: string;
  externalResourceProvider?: boolean;
}

/** Vendor domains as the vendors' own device plugins name their resources. */
const VENDOR_DOMAINS: Record<string, string> = {
  '10de': 'nvidia.com',
  '1002': 'amd.com',
  '8086': 'intel.com',
};

export function resourceName(vendorDevice: string, domain?: string): string {
  const [v, d] = vendorDevice.split(':');
  const name = slug(modelName(vendorDevice).device ?? '', '_')
    .slice(0, 63)
    .replace(/_+$/, '');
  return `${domain ?? VENDOR_DOMAINS[v] ?? 'pci.vfiokit'}/${name || `${v.toUpperCase()}_${d.toUpperCase()}`}`;
}

export interface KubevirtExport {
  cr: {
    apiVersion: 'kubevirt.io/v1';
    kind: 'KubeVirt';
    metadata: { name: string; namespace: string };
    spec: { configuration: { permittedHostDevices: { pciHostDevices: PciHostDevice[] } } };
  };
  warnings: string[];
}

export function kubevirtExport(
  r: FleetReport,
  opts: {
    externalResourceProvider?: boolean;
    resourceDomain?: string;
    name?: string;
    namespace?: string;
  } = {},
): KubevirtExport {
  const devices: PciHostDevice[] = [];
  const warnings: string[] = [];
  for (const m of r.models) {
    if (!m.assignable.length) {
      warnings.push(
        `${m.vendorDevice} left out: assignable on no host (${[...m.notAssignable, ...m.unknown].map((x) => `${x.host}: ${x.reasons.join('; ')}`).join(' | ')})`,
      );
      continue;
    }
    const d: PciHostDevice = {
      pciVendorSelector: m.vendorDevice,
      resourceName: resourceName(m.vendorDevice, opts.resourceDomain),
    };
    if (opts.externalResourceProvider) d.externalResourceProvider = true;
    devices.push(d);
    for (const x of m.notAssignable)
      warnings.push(`${m.vendorDevice} is not assignable on ${x.host}: ${x.reasons.join('; ')}`);
    for (const x of m.unknown)
      warnings.push(`${m.vendorDevice} is of unknown assignability on ${x.host}: ${x.reasons.join('; ')}`);
  }
  return {
    cr: {
      apiVersion: 'kubevirt.io/v1',
      kind: 'KubeVirt',
      metadata: { name: opts.name ?? 'kubevirt', namespace: opts.namespace ?? 'kubevirt' },
      spec: { configuration: { permittedHostDevices: { pciHostDevices: devices } } },
    },
    warnings,
  };
}

/** YAML for `kubectl patch kubevirt kubevirt -n kubevirt --type merge --patch-file FILE`. Strings are JSON-quoted (valid YAML). */
export function kubevirtYaml(e: KubevirtExport): string {
  const q = JSON.stringify;
  const lines = [
    `apiVersion: ${e.cr.apiVersion}`,
    `kind: ${e.cr.kind}`,
    'metadata:',
    `  name: ${q(e.cr.metadata.name)}`,
    `  namespace: ${q(e.cr.metadata.namespace)}`,
    'spec:',
    '  configuration:',
    '    permittedHostDevices:',
  ];
  const list = e.cr.spec.configuration.permittedHostDevices.pciHostDevices;
  if (!list.length) lines.push('      pciHostDevices: []');
  else {
    lines.push('      pciHostDevices:');
    for (const d of list) {
      lines.push(`        - pciVendorSelector: ${q(d.pciVendorSelector)}`);
      lines.push(`          resourceName: ${q(d.resourceName)}`);
      if (d.externalResourceProvider !== undefined)
        lines.push(`          externalResourceProvider: ${d.externalResourceProvider}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
