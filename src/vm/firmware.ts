/**
 * Choosing OVMF through QEMU's firmware descriptors (QEMU docs/interop/firmware.json): JSON files
 * in /usr/share/qemu/firmware (the distribution's) and /etc/qemu/firmware (the administrator's; a
 * file there with the same name replaces or, when empty, hides the distribution's). Files are
 * considered in the order of their names (the "50-" prefixes are priorities), and the first one
 * that fits is taken, the same rule libvirt applies for <os firmware='efi'>. Pure: the caller
 * reads the files.
 */
import { VfiokitError } from '../errors.js';
import { type FirmwareDescriptor, globMatch } from '../system/qemu-firmware.js';

export { type FirmwareDescriptor, parseFirmwareDescriptor } from '../system/qemu-firmware.js';

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
