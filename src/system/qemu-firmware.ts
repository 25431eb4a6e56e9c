/** QEMU's firmware descriptors (docs/interop/firmware.json in QEMU): parsed from their JSON text. */

export interface FirmwareDescriptor {
  /** The descriptor file (for messages and evidence). */
  file: string;
  description: string;
  interfaceTypes: string[];
  code: string;
  codeFormat: string;
  varsTemplate?: string;
  /** architecture → machine globs ("pc-q35-*"). */
  targets: { architecture: string; machines: string[] }[];
  features: string[];
}

/** A descriptor's text → its record, or a reason it cannot be used (not a flash mapping, damage). */
export function parseFirmwareDescriptor(text: string, file: string): FirmwareDescriptor | string {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const o = j as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  const mapping = o?.mapping as Record<string, unknown> | undefined;
  if (!mapping || typeof mapping !== 'object') return 'no mapping';
  // "memory" (a single ROM image) and "kernel" mappings have no separate variable store.
  if (mapping.device !== 'flash') return `mapping device ${String(mapping.device)}, not flash`;
  const exe = mapping.executable as Record<string, unknown> | undefined;
  const code = str(exe?.filename);
  if (!code?.startsWith('/')) return 'no executable file name';
  const tmpl = str((mapping['nvram-template'] as Record<string, unknown> | undefined)?.filename);
  const targets = (Array.isArray(o.targets) ? o.targets : [])
    .map((t) => t as Record<string, unknown>)
    .map((t) => ({ architecture: str(t?.architecture) ?? '', machines: strs(t?.machines) }));
  return {
    file,
    description: str(o.description) ?? '',
    interfaceTypes: strs(o['interface-types']),
    code,
    codeFormat: str(exe?.format) ?? 'raw',
    varsTemplate: tmpl?.startsWith('/') ? tmpl : undefined,
    targets,
    features: strs(o.features),
  };
}

/** fnmatch-style glob as the descriptors use it ("pc-q35-*"). */
export function globMatch(glob: string, s: string): boolean {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(s);
}
