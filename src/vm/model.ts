/**
 * The one intermediate model both outputs are rendered from (render-qemu.ts, render-libvirt.ts):
 * every guest PCI address, memory backing, CPU topology and firmware file is decided here, once,
 * so the QEMU command line and the libvirt domain describe the same machine.
 *
 * Guest PCI layout on q35 (QEMU docs/pcie.txt: "place devices on root ports, not on the root
 * bus"): QXL at 00:01.0 (where libvirt puts the primary video); one pcie-root-port for each
 * assigned device slot, virtio disk and NIC, at 00:02.0 and up, each port's device at slot 0 of
 * its bus; the GPU's other functions are functions of that same guest slot with multifunction=on
 * on function 0. The
 * IVSHMEM device (conventional PCI) is an integrated device on the root bus. On i440fx there are
 * no root ports: devices take slots of pci.0 from 00:02.0 (00:01.x is the PIIX south bridge).
 */
import { createHash } from 'node:crypto';
import { VfiokitError } from '../errors.js';
import type { PciDevice } from '../pci/types.js';
import { qemuBytes } from './definition.js';
import type { FirmwareChoice } from './firmware.js';
import type { ResolvedSlot } from './resolve-devices.js';
import type { VmSpec } from './spec/schema.js';

export interface GuestPciAddress {
  /** The bus's QEMU id and libvirt controller index: pcie.0/pci.0 are index 0, root port N is pci.N. */
  bus: string;
  busIndex: number;
  slot: number;
  fn: number;
  /** Set on function 0 of a slot whose other functions are used. */
  multifunction?: boolean;
}

export interface RootPort {
  index: number;
  chassis: number;
  port: number;
  addr: GuestPciAddress;
}

export interface HostDeviceModel {
  host: string;
  vendorId: number;
  deviceId: number;
  classCode: number;
  alias: string;
  guest: GuestPciAddress;
  /** Taken along as another function of the GPU's slot. */
  companion: boolean;
  xVga: boolean;
  romfile?: string;
  rombar?: boolean;
  /**
   * An Intel IGD's assignment mode (QEMU docs/igd-assign.txt). Legacy: guest 00:02.0 of pci.0,
   * managed='no' in libvirt (QEMU's document: detach beforehand so i915 does not bind it again).
   * UPT: elsewhere, with the OpRegion when asked for.
   */
  igd?: { mode: 'legacy' | 'upt'; opregion: boolean };
}

export interface DiskModel {
  id: string;
  file: string;
  format: 'raw' | 'qcow2';
  cdrom: boolean;
  /** virtio: a virtio-blk PCI device; ide: the machine's own AHCI (q35) or PIIX IDE (i440fx) port. */
  bus: 'virtio' | 'sata' | 'ide';
  /** Guest disk name as libvirt's <target dev>: vda, sda, hda. */
  target: string;
  guest?: GuestPciAddress;
  /** SATA port (q35: ide.N unit 0) or IDE bus/unit (i440fx). */
  drive?: { bus: number; unit: number };
  iothread?: number;
}

export interface NicModel {
  id: string;
  type: 'user' | 'bridge';
  bridge?: string;
  model: 'virtio' | 'e1000e';
  mac: string;
  guest: GuestPciAddress;
}

export interface VmModel {
  name: string;
  machine: 'q35' | 'i440fx';
  memoryBytes: number;
  hugepageBytes?: number;
  cpu: {
    sockets: number;
    cores: number;
    threads: number;
    vcpus: number;
    /** 'host' (libvirt host-passthrough) or a QEMU CPU model name. */
    model: string;
    flags: string[];
    kvmHidden: boolean;
    hyperv?: { vendorId?: string };
  };
  iothreads: number;
  pin?: { vcpus: string[]; emulator?: string; iothreads: string[] };
  firmware:
    | { kind: 'seabios' }
    | {
        kind: 'ovmf';
        code: string;
        codeFormat: string;
        varsTemplate: string;
        vars: string;
        secureBoot: boolean;
        smm: boolean;
        descriptor: string;
      };
  rootPorts: RootPort[];
  hostdevs: HostDeviceModel[];
  disks: DiskModel[];
  nics: NicModel[];
  display: { type: 'none' } | { type: 'spice'; port: number; video: GuestPciAddress };
  ivshmem?: { name: string; path: string; sizeBytes: number; guest: GuestPciAddress };
  input: { keyboard?: string; mouse?: string; grabToggle?: string };
  warnings: string[];
}

/**
 * Looking Glass's shared memory (looking-glass.io/docs, "Determining memory"): width × height ×
 * bytes per pixel (4, or 8 for HDR) × 2 frames, plus 10 MiB, rounded up to a power of two MiB.
 */
export function lookingGlassBytes(width: number, height: number, hdr = false): number {
  const mib = 1024 ** 2;
  const need = (width * height * (hdr ? 8 : 4) * 2) / mib + 10;
  let size = 1;
  while (size < need) size *= 2;
  return size * mib;
}

/** A stable locally administered MAC (QEMU's 52:54:00 prefix) from the VM name, so both outputs agree. */
function macFor(name: string, i: number): string {
  const h = createHash('sha256').update(`${name}/${i}`).digest();
  return `52:54:00:${[h[0], h[1], h[2]].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export interface ModelInputs {
  spec: VmSpec;
  slots: ResolvedSlot[];
  /** The chosen OVMF build; required when the spec's firmware is OVMF. */
  ovmf?: FirmwareChoice;
  /** cpu.pin: auto resolved against the host (src/vm/pinning.ts); required when the spec says auto. */
  autoPin?: { vcpus: string[]; emulator: string; iothreads: string[] };
}

// long: one mapping of VM spec fields to model fields, each a few lines, in order
export function buildVmModel({ spec, slots, ovmf, autoPin }: ModelInputs): VmModel {
  if (spec.cpu.pin === 'auto' && !autoPin)
    throw new VfiokitError('cpu.pin: auto needs the host CPU topology, and none was read', {
      code: 'vm.pin-unresolved',
      exitCode: 3,
    });
  const explicitPin = spec.cpu.pin === 'auto' ? autoPin : spec.cpu.pin;
  const machine = spec.machine ?? 'q35';
  const q35 = machine === 'q35';
  const warnings: string[] = [];
  const legacyIgd = slots.some((s) => s.spec.igd === 'legacy');
  // A legacy-mode IGD needs i440fx; the warning is about discrete GPUs' drivers.
  if (!q35 && !legacyIgd)
    warnings.push(
      'machine i440fx: guest GPU drivers (Nvidia, AMD) may expect a PCIe root port above the GPU and fail or lose features on a conventional PCI bus; q35 is recommended',
    );
  const rootBus = q35 ? 'pcie.0' : 'pci.0';
  // Root bus slots: 00:00.0 host bridge; i440fx 00:01.x is the PIIX3 (ISA, IDE, USB, ACPI); q35's
  // 00:1f.x is the ICH9 (LPC, SATA, SMBus). 00:01.0 is where the primary video goes.
  let nextSlot = 2;
  // QEMU's igd.c takes an IGD at guest 00:02.0 of the root bus of an i440fx machine for legacy
  // mode: that slot is the legacy IGD's, and a UPT IGD must not land there (on q35 devices sit
  // behind root ports, never at 00:02.0 itself).
  const igdSlot = slots.find((s) => s.spec.igd);
  if (igdSlot && !q35) nextSlot = 3;
  const rootPorts: RootPort[] = [];
  const takeRootSlot = (): number => {
    const s = nextSlot++;
    if (s > 0x1e)
      throw new VfiokitError('the spec needs more PCI slots than the root bus has (29)', {
        code: 'vm.too-many-slots',
        hint: 'assign fewer devices or disks',
      });
    return s;
  };
  /** A guest slot for one device (function 0): behind its own root port on q35. */
  const newSlot = (): GuestPciAddress => {
    if (!q35) return { bus: rootBus, busIndex: 0, slot: takeRootSlot(), fn: 0 };
    const index = rootPorts.length + 1;
    const addr = { bus: rootBus, busIndex: 0, slot: takeRootSlot(), fn: 0 };
    // libvirt numbers pcie-root-port chassis by controller index and ports from 0x10.
    rootPorts.push({ index, chassis: index, port: 0x10 + index - 1, addr });
    return { bus: `pci.${index}`, busIndex: index, slot: 0, fn: 0 };
  };

  const display = spec.display?.type ?? 'none';
  const fw = spec.firmware?.type ?? 'ovmf';
  const hostdevs: HostDeviceModel[] = [];
  for (const s of slots) {
    const igdMode = s.spec.igd;
    if (igdMode) {
      const dev = s.functions[0].device;
      if (dev.vendorId !== 0x8086 || dev.classCode >> 16 !== 0x03)
        throw new VfiokitError(
          `devices[${s.specIndex}]: igd: ${igdMode} is for Intel integrated graphics, and ${dev.address} is ${deviceId(dev)} class ${dev.classCode.toString(16).padStart(6, '0')}`,
          { code: 'vm.igd-not-intel', hint: 'remove igd: from this device', exitCode: 2 },
        );
      if (igdMode === 'legacy' && dev.address !== '0000:00:02.0')
        throw new VfiokitError(
          `devices[${s.specIndex}]: igd: legacy needs the IGD at 0000:00:02.0, and it resolved to ${dev.address}`,
          { code: 'vm.igd-address', hint: 'use igd: upt for a display device elsewhere', exitCode: 2 },
        );
    }
    const first = igdMode === 'legacy' ? { bus: rootBus, busIndex: 0, slot: 2, fn: 0 } : newSlot();
    const gpu = s.functions[0].device.classCode >> 16 === 0x03;
    const xVga = s.spec.display === 'vga';
    if (gpu && xVga && fw === 'ovmf')
      warnings.push(
        `devices[${s.specIndex}]: display: vga (x-vga=on) routes legacy VGA to the GPU for a BIOS boot; with OVMF the GPU's own UEFI driver brings it up, and display: primary (legacy-free) is the recommended way`,
      );
    // A legacy-mode IGD's VBIOS runs under SeaBIOS without x-vga: QEMU routes VGA to it itself.
    if (gpu && !igdMode && (s.spec.display ?? 'primary') === 'primary' && fw === 'seabios')
      warnings.push(
        `devices[${s.specIndex}]: with SeaBIOS the GPU's legacy VGA BIOS runs only with display: vga (x-vga=on); display: primary needs OVMF`,
      );
    s.functions.forEach((f, i) => {
      // Functions of one host slot named in separate entries each keep their own options.
      const own = f.companion ? undefined : (spec.devices ?? [])[f.specIndex];
      hostdevs.push({
        host: f.device.address,
        vendorId: f.device.vendorId,
        deviceId: f.device.deviceId,
        classCode: f.device.classCode,
        alias: `hostdev${hostdevs.length}`,
        guest: {
          ...first,
          fn: i,
          ...(i === 0 && s.functions.length > 1 ? { multifunction: true } : {}),
        },
        companion: f.companion,
        xVga: own?.display === 'vga' && f.device.classCode >> 16 === 0x03,
        ...(own?.romfile !== undefined ? { romfile: own.romfile } : {}),
        ...(own?.rombar !== undefined ? { rombar: own.rombar } : {}),
        ...(i === 0 && igdMode ? { igd: { mode: igdMode, opregion: s.spec.opregion ?? false } } : {}),
      });
    });
    if (igdMode === 'upt' && display === 'none')
      warnings.push(
        `devices[${s.specIndex}]: igd: upt makes the IGD a secondary device (QEMU docs/igd-assign.txt: "retain the default emulated graphics"); with display type none the guest shows nothing until Intel's driver runs`,
      );
    if (igdMode === 'legacy') {
      warnings.push(
        `devices[${s.specIndex}]: igd: legacy: detach the IGD before the start (virsh nodedev-detach, or driver_override to vfio-pci) so i915 does not take it back; the libvirt domain says managed='no'`,
      );
      if (fw === 'ovmf' && s.spec.romfile === undefined)
        warnings.push(
          `devices[${s.specIndex}]: igd: legacy with OVMF: OVMF does not itself reserve the OpRegion and stolen memory QEMU offers through fw_cfg (etc/igd-opregion, etc/igd-bdsm-size); give an IGD option ROM that does (romfile:), or use firmware type seabios, which does`,
        );
    }
  }
  if (display === 'spice' && slots.some((s) => s.spec.display === 'vga'))
    throw new VfiokitError(
      'display: spice (QXL, an emulated VGA device) and a GPU with display: vga (x-vga=on) both claim the legacy VGA ranges',
      {
        code: 'vm.vga-conflict',
        hint: "use display: primary for the GPU, or display type 'none'",
        exitCode: 2,
      },
    );

  const iothreads = explicitPin?.iothreads?.length ?? 0;
  const disks: DiskModel[] = [];
  let sataPort = 0;
  const letters = { virtio: 0, sata: 0, ide: 0 };
  const diskName = (prefix: string, n: number) => `${prefix}${String.fromCharCode(97 + n)}`;
  for (const [i, d] of (spec.disks ?? []).entries()) {
    const cdrom = d.cdrom ?? false;
    const bus = cdrom || d.bus === 'sata' ? (q35 ? 'sata' : 'ide') : 'virtio';
    const base = { id: `disk${i}`, file: d.file, format: d.format ?? 'raw', cdrom } as const;
    if (bus === 'virtio') {
      disks.push({
        ...base,
        bus,
        target: diskName('vd', letters.virtio++),
        guest: newSlot(),
        ...(iothreads ? { iothread: 1 + ((letters.virtio - 1) % iothreads) } : {}),
      });
    } else {
      const port = sataPort++;
      disks.push({
        ...base,
        bus,
        target: diskName(bus === 'sata' ? 'sd' : 'hd', letters[bus]++),
        // q35: one disk per AHCI port (bus ide.N, unit 0); PIIX: 2 buses × master/slave.
        drive: q35 ? { bus: port, unit: 0 } : { bus: port >> 1, unit: port & 1 },
      });
    }
  }
  const nics: NicModel[] = (spec.network ?? []).map((n, i) => ({
    id: `net${i}`,
    type: n.type,
    ...(n.bridge ? { bridge: n.bridge } : {}),
    model: n.model ?? 'virtio',
    mac: (n.mac ?? macFor(spec.name, i)).toLowerCase(),
    guest: newSlot(),
  }));

  const lg = spec.display?.lookingGlass;
  const ivshmem = lg && {
    name: 'looking-glass',
    // libvirt creates <shmem name='looking-glass'> as /dev/shm/looking-glass; QEMU is told the same.
    path: '/dev/shm/looking-glass',
    sizeBytes: lookingGlassBytes(lg.width, lg.height, lg.hdr),
    guest: { bus: rootBus, busIndex: 0, slot: takeRootSlot(), fn: 0 },
  };

  let firmware: VmModel['firmware'] = { kind: 'seabios' };
  if (fw === 'ovmf') {
    if (!ovmf)
      throw new VfiokitError('OVMF was asked for but no firmware was chosen', {
        code: 'vm.no-ovmf',
        exitCode: 3,
      });
    const d = ovmf.descriptor;
    firmware = {
      kind: 'ovmf',
      code: d.code,
      codeFormat: d.codeFormat,
      varsTemplate: d.varsTemplate as string,
      // libvirt's own default location for a domain's copy of the store (qemu.conf nvram_dir).
      vars: spec.firmware?.vars ?? `/var/lib/libvirt/qemu/nvram/${spec.name}_VARS.fd`,
      secureBoot: ovmf.secureBoot,
      smm: ovmf.smm,
      descriptor: d.file,
    };
  }

  const sockets = spec.cpu.sockets ?? 1;
  const threads = spec.cpu.threads ?? 1;
  const pin = explicitPin && {
    vcpus: explicitPin.vcpus.map(String),
    ...(explicitPin.emulator !== undefined ? { emulator: String(explicitPin.emulator) } : {}),
    iothreads: (explicitPin.iothreads ?? []).map(String),
  };
  return {
    name: spec.name,
    machine,
    memoryBytes: qemuBytes(spec.memory, 1024 ** 2) as number,
    ...(spec.hugepages ? { hugepageBytes: spec.hugepages === '1G' ? 1024 ** 3 : 2 * 1024 ** 2 } : {}),
    cpu: {
      sockets,
      cores: spec.cpu.cores,
      threads,
      vcpus: sockets * spec.cpu.cores * threads,
      model: spec.cpu.model ?? 'host',
      flags: spec.cpu.flags ?? [],
      kvmHidden: spec.hideHypervisor ?? false,
      ...(spec.hyperv
        ? { hyperv: { ...(spec.hyperv.vendorId ? { vendorId: spec.hyperv.vendorId } : {}) } }
        : {}),
    },
    iothreads,
    ...(pin ? { pin } : {}),
    firmware,
    rootPorts,
    hostdevs,
    disks,
    nics,
    display:
      display === 'spice'
        ? {
            type: 'spice',
            port: spec.display?.port ?? 5900,
            video: { bus: rootBus, busIndex: 0, slot: 1, fn: 0 },
          }
        : { type: 'none' },
    ...(ivshmem ? { ivshmem } : {}),
    input: {
      ...(spec.input?.keyboard ? { keyboard: spec.input.keyboard } : {}),
      ...(spec.input?.mouse ? { mouse: spec.input.mouse } : {}),
      ...(spec.input?.grabToggle ? { grabToggle: spec.input.grabToggle } : {}),
    },
    warnings,
  };
}

/** "10de:1b80" for messages. */
export const deviceId = (d: Pick<PciDevice, 'vendorId' | 'deviceId'>) =>
  `${hex4(d.vendorId)}:${hex4(d.deviceId)}`;
