/**
 * A Node Feature Discovery local feature file (nfd-worker's `local` source, files in
 * /etc/kubernetes/node-feature-discovery/features.d/). The format, from NFD's customization guide
 * (docs/usage/customization-guide.md, "Local feature source"):
 * - one `<key>[=<value>]` per line, the value defaulting to "true"; lines starting with `#` are
 *   comments; `# +expiry-time=<RFC3339>` makes the lines after it expire at that time;
 * - unprefixed names get `feature.node.kubernetes.io/`, which the guide says will change, so
 *   every label here carries the prefix explicitly;
 * - a file over 64 kB is ignored; NFD skips dot files, so a writer writes `.NAME` and renames.
 * Label names and values follow Kubernetes' label syntax (name ≤ 63 characters of
 * [A-Za-z0-9._-], starting and ending alphanumeric; the same for values).
 */
import type { FleetHost } from '../fleet/host-summary.js';

export const NFD_PREFIX = 'feature.node.kubernetes.io/';
export const NFD_MAX_BYTES = 64 * 1024;

export interface NfdLabel {
  name: string;
  value: string;
}

const modelKey = (vendorDevice: string) => `vfiokit-pci-${vendorDevice.replace(':', '_')}`;

/** Labels for one host: IOMMU, interrupt remapping, and per device model whether passthrough works. */
export function nfdLabels(h: FleetHost): NfdLabel[] {
  const out: NfdLabel[] = [];
  const add = (name: string, value: string) => out.push({ name: `${NFD_PREFIX}${name}`, value });
  add('vfiokit.iommu', String(h.iommu?.enabled === true));
  const ir = h.interruptRemapping;
  add(
    'vfiokit.interrupt-remapping',
    ir?.verdict === 'ok'
      ? 'true'
      : ir?.unsafeAllowed
        ? 'unsafe'
        : ir?.verdict === 'fail'
          ? 'false'
          : 'unknown',
  );
  const models = [...new Set(h.devices.map((d) => d.vendorDevice))].sort();
  for (const m of models) {
    const devs = h.devices.filter((d) => d.vendorDevice === m);
    const all = (f: (d: (typeof devs)[number]) => boolean | undefined) =>
      devs.every((d) => f(d) === true) ? 'true' : devs.some((d) => f(d) === undefined) ? 'unknown' : 'false';
    const k = modelKey(m);
    add(`${k}.present`, 'true');
    add(`${k}.count`, String(devs.length));
    // "isolated" and "vfio" hold for every device of the model on the node, "assignable-count"
    // says how many a scheduler can count on.
    add(
      `${k}.isolated`,
      all((d) => (d.isolation === 'unknown' ? undefined : d.isolation === 'isolated')),
    );
    add(
      `${k}.vfio`,
      all((d) => d.viable),
    );
    add(
      `${k}.assignable`,
      all((d) => (d.verdict === 'unknown' ? undefined : d.verdict === 'assignable')),
    );
    add(`${k}.assignable-count`, String(devs.filter((d) => d.verdict === 'assignable').length));
  }
  return out;
}

/** RFC 3339 without fractions, as the guide's examples write it. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nfdFile(h: FleetHost, opts: { expiry?: Date } = {}): string {
  const lines = ['# Written by vfiokit export nfd: VFIO passthrough facts of this node.'];
  if (opts.expiry) lines.push(`# +expiry-time=${rfc3339(opts.expiry)}`);
  for (const l of nfdLabels(h)) lines.push(`${l.name}=${l.value}`);
  return `${lines.join('\n')}\n`;
}
