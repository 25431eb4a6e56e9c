/**
 * A `romfile` given for an assigned device, checked with the ROM toolkit before it reaches a
 * guest: its images must be for this device (PCIR vendor/device or the PCI 3.0 device list), and
 * with OVMF it must carry a UEFI (EFI, X64) driver, or the GPU shows nothing until the guest's
 * own driver loads. Pure: the caller reads the file.
 */
import { parseRom } from '../rom/parse-rom.js';
import { checkIds, formatDeviceId, uefiVerdict } from '../rom/verdict.js';

export interface RomfileVerdict {
  /** Reasons the file must not be used (wrong device, no UEFI image with OVMF). */
  problems: string[];
  /** What could not be decided (a driver not fully decoded). */
  unknown: string[];
}

export function checkRomfile(
  bytes: Uint8Array,
  device: { vendor: number; device: number },
  ovmf: boolean,
  /**
   * A legacy-mode IGD under SeaBIOS: the guest runs the VBIOS from it (QEMU docs/igd-assign.txt:
   * "The IGD device must have a VGA ROM"), so it needs an x86 PC-AT image (PCIR code type 0).
   */
  legacyVbios = false,
): RomfileVerdict {
  const problems: string[] = [];
  const unknown: string[] = [];
  let model: ReturnType<typeof parseRom>;
  try {
    model = parseRom(bytes);
  } catch (e) {
    return { problems: [`not an option ROM: ${(e as Error).message}`], unknown };
  }
  if (model.romStart === null)
    return { problems: ['no option ROM image in it (no 55 AA with a PCI data structure)'], unknown };
  const ids = checkIds(model, device);
  if (!ids.matches)
    problems.push(
      `its images are for ${[...new Set(model.images.filter((i) => !i.afterLast).map((i) => formatDeviceId({ vendor: i.pcir.vendorId, device: i.pcir.deviceId })))].join(', ')}, not ${formatDeviceId(device)}`,
    );
  if (legacyVbios && !model.images.some((i) => !i.afterLast && i.pcir.codeType === 0))
    problems.push(
      'legacy-mode IGD under SeaBIOS runs the VBIOS from it, and it has no x86 PC-AT image (PCIR code type 0)',
    );
  if (ovmf) {
    const v = uefiVerdict(model, ids, bytes);
    if (v.uefi === 'no') problems.push(`OVMF cannot boot the GPU from it: ${v.reasons.join('; ')}`);
    else if (v.uefi === 'unknown')
      unknown.push(`whether OVMF can use it is unknown: ${v.reasons.join('; ')}`);
  }
  return { problems, unknown };
}
