/**
 * Choosing OVMF through QEMU's firmware descriptors (QEMU docs/interop/firmware.json): JSON files
 * in /usr/share/qemu/firmware (the distribution's) and /etc/qemu/firmware (the administrator's; a
 * file there with the same name replaces or, when empty, hides the distribution's). Files are
 * considered in the order of their names (the "50-" prefixes are priorities), and the first one
 * that fits is taken, the same rule libvirt applies for <os firmware='efi'>. Pure: the caller
 * reads the files.
 */
import { VfiokitError } from '../errors.js';

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
function globMatch(glob: string, s: string): boolean {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(s);
}

export interface FirmwareChoice {
  descriptor: FirmwareDescriptor;
  /** The firmware needs SMM on (feature requires-smm: the secure-boot builds). */
  smm: boolean;
  secureBoot: boolean;
}

/**
 * The first descriptor, in name order, for UEFI on x86_64 with this machine type that has a flash
 * variable store and matches the secure boot wish. With secure boot on, a build with keys enrolled
 * (Microsoft's, what Windows 11 expects) is preferred by the descriptors' own order in Debian
 * (40-…-secure-enrolled before 50-…-secure); without, builds that need SMM are skipped.
 */
export function chooseOvmf(
  descriptors: readonly FirmwareDescriptor[],
  want: { machine: 'q35' | 'i440fx'; secureBoot: boolean },
  searched: readonly string[],
): FirmwareChoice {
  const machineType = want.machine === 'q35' ? 'pc-q35-7.2' : 'pc-i440fx-7.2';
  const fits = descriptors.filter(
    (d) =>
      d.interfaceTypes.includes('uefi') &&
      d.varsTemplate !== undefined &&
      d.targets.some(
        (t) => t.architecture === 'x86_64' && t.machines.some((m) => globMatch(m, machineType)),
      ) &&
      d.features.includes('secure-boot') === want.secureBoot &&
      (want.secureBoot || !d.features.includes('requires-smm')) &&
      !d.features.includes('amd-sev-snp') &&
      !d.features.includes('intel-tdx'),
  );
  const d = fits[0];
  if (!d) {
    throw new VfiokitError(
      `no OVMF firmware descriptor for ${want.machine}${want.secureBoot ? ' with secure boot' : ' without secure boot'} in ${searched.join(', ')} (${descriptors.length} descriptor${descriptors.length === 1 ? '' : 's'} read)`,
      {
        hint: 'install OVMF (Debian/Ubuntu: apt install ovmf; Fedora: edk2-ovmf), or use firmware: {type: seabios}',
        code: 'vm.no-ovmf',
        exitCode: 3,
      },
    );
  }
  return { descriptor: d, smm: d.features.includes('requires-smm'), secureBoot: want.secureBoot };
}
