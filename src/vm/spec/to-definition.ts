/**
 * A vfiokit VM spec as a VmDefinition, so `doctor --vm win11.yaml` checks the host for it as it
 * does for a libvirt domain or a QEMU script. Devices given by address are taken as they are;
 * vendor:device and "the GPU of group N" are resolved against the host being checked
 * (resolveSpecDevices), and a GPU brings the other functions of its slot, as `config` does.
 */
import { formatPciAddress, tryParsePciAddress } from '../../pci/address.js';
import type { PciDevice } from '../../pci/types.js';
import { qemuBytes, type VmDefinition, type VmHostDevice } from '../definition.js';
import { resolveDevices } from '../resolve-devices.js';
import { parseVmSpecDocument } from './parse-spec.js';

export function specDefinition(text: string, file: string): VmDefinition {
  const { spec, lineOf } = parseVmSpecDocument(text, file);
  const fw = spec.firmware?.type ?? 'ovmf';
  const devices: VmHostDevice[] = [];
  const specDevices: NonNullable<VmDefinition['specDevices']> = [];
  (spec.devices ?? []).forEach((d, index) => {
    const line = lineOf(['devices', index]);
    if (d.address === undefined) {
      specDevices.push({ spec: d, index, line });
      return;
    }
    const a = tryParsePciAddress(d.address);
    devices.push({
      ref: d.address,
      line,
      ...(a ? { address: formatPciAddress(a) } : {}),
      managed: false,
      ...(d.romfile !== undefined ? { romFile: d.romfile } : {}),
      ...(d.rombar === false ? { romBarOff: true } : {}),
      ...(d.display === 'vga' ? { xVga: true } : {}),
      ...(d.igd ? { igd: { mode: d.igd, opregion: d.opregion ?? false } } : {}),
    });
  });
  return {
    format: 'spec',
    file,
    name: spec.name,
    memoryBytes: qemuBytes(spec.memory, 1024 ** 2),
    vcpus: (spec.cpu.sockets ?? 1) * spec.cpu.cores * (spec.cpu.threads ?? 1),
    ...(spec.hugepages
      ? {
          hugepages: {
            pageSizeBytes: spec.hugepages === '1G' ? 1024 ** 3 : 2 * 1024 ** 2,
            evidence: `hugepages: ${spec.hugepages}`,
          },
        }
      : {}),
    firmware: { kind: fw, evidence: spec.firmware ? `spec firmware.type ${fw}` : 'the spec default' },
    devices,
    kvmHidden: spec.hideHypervisor ?? false,
    ...(spec.hyperv?.vendorId ? { hypervVendorId: spec.hyperv.vendorId } : {}),
    notes: [],
    ...(specDevices.length ? { specDevices } : {}),
  };
}

/**
 * The spec's devices named by ID or group, resolved against the host's devices. A device that does
 * not resolve (no match, two matches) stays unresolved with the reason as a note, so the check is
 * a warning that says why rather than an error that stops the other checks.
 */
export function resolveSpecDevices(vm: VmDefinition, host: readonly PciDevice[]): VmDefinition {
  const devices = [...vm.devices];
  const notes = [...vm.notes];
  const inVm = new Set(devices.map((d) => d.address));
  for (const s of vm.specDevices ?? []) {
    const ref = s.spec.id !== undefined ? s.spec.id : `gpuOfGroup: ${s.spec.gpuOfGroup}`;
    try {
      const [slot] = resolveDevices([s.spec], host);
      for (const f of slot.functions) {
        if (inVm.has(f.device.address)) continue;
        inVm.add(f.device.address);
        devices.push({
          ref: f.companion ? `${ref} (another function of its slot)` : ref,
          line: s.line,
          address: f.device.address,
          managed: false,
          ...(!f.companion && s.spec.romfile !== undefined ? { romFile: s.spec.romfile } : {}),
          ...(!f.companion && s.spec.rombar === false ? { romBarOff: true } : {}),
          ...(!f.companion && s.spec.display === 'vga' ? { xVga: true } : {}),
          ...(!f.companion && s.spec.igd
            ? { igd: { mode: s.spec.igd, opregion: s.spec.opregion ?? false } }
            : {}),
        });
      }
    } catch (e) {
      devices.push({ ref, line: s.line });
      notes.push(`devices[${s.index}] (line ${s.line}): ${(e as Error).message}`);
    }
  }
  return { ...vm, devices, notes, specDevices: undefined };
}
