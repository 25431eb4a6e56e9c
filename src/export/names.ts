import { loadPciIds } from '../host/pci-ids.js';
/**
 * Names the exports derive from a device model: pci.ids names (from the machine running vfiokit),
 * cut to what each consumer accepts.
 */

export function modelName(vendorDevice: string): { vendor?: string; device?: string } {
  const [v, d] = vendorDevice.split(':').map((x) => parseInt(x, 16));
  const ids = loadPciIds();
  return { vendor: ids.vendor(v), device: ids.device(v, d) };
}

/** Letters and digits of a name joined by `sep`, e.g. "TU104GL [Tesla T4]" → "TU104GL_Tesla_T4". */
export function slug(name: string, sep: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .join(sep);
}
