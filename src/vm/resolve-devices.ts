/**
 * The spec's devices → host PCI functions, resolved against this host's devices (or a snapshot's):
 * by address, by vendor:device (exactly one match, since identical cards are told apart only by
 * address), or "the GPU of IOMMU group N". A GPU takes the other functions of its slot (HDMI
 * audio, USB-C controller and UCSI) along: they share the card's reset and are assigned together.
 */
import { VfiokitError } from '../errors.js';
import { tryParsePciAddress } from '../pci/address.js';
import type { PciDevice } from '../pci/types.js';
import type { VmSpecDevice } from './spec/schema.js';

export interface ResolvedFunction {
  device: PciDevice;
  /** The spec entry it came from (index into spec.devices). */
  specIndex: number;
  /** Taken along as another function of a GPU's slot, not named in the spec. */
  companion: boolean;
}

export interface ResolvedSlot {
  specIndex: number;
  spec: VmSpecDevice;
  /** The named function first, then the companions, in host function order. */
  functions: ResolvedFunction[];
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const isGpu = (d: PciDevice) => d.classCode >> 16 === 0x03;
const slotKey = (d: PciDevice) => `${d.addr.domain}:${d.addr.bus}:${d.addr.device}`;

function resolveError(msg: string, hint: string): VfiokitError {
  return new VfiokitError(msg, { hint, code: 'vm.device', exitCode: 1 });
}

export function resolveDevices(
  specDevices: readonly VmSpecDevice[],
  host: readonly PciDevice[],
): ResolvedSlot[] {
  const slots: ResolvedSlot[] = [];
  const taken = new Map<string, number>();
  specDevices.forEach((spec, i) => {
    const label = `devices[${i}]`;
    let dev: PciDevice | undefined;
    if (spec.address !== undefined) {
      const a = tryParsePciAddress(spec.address);
      dev =
        a &&
        host.find(
          (d) =>
            d.addr.domain === a.domain &&
            d.addr.bus === a.bus &&
            d.addr.device === a.device &&
            d.addr.fn === a.fn,
        );
      if (!dev)
        throw resolveError(
          `${label}: no PCI device ${spec.address} on this host`,
          'list the devices with vfiokit devices; a card may have moved slots',
        );
    } else if (spec.id !== undefined) {
      const [v, d] = spec.id.split(':').map((x) => parseInt(x, 16));
      const found = host.filter((x) => x.vendorId === v && x.deviceId === d);
      if (found.length !== 1)
        throw resolveError(
          `${label}: ${found.length ? `${found.length} devices` : 'no device'} with ID ${spec.id} on this host${found.length ? ` (${found.map((x) => x.address).join(', ')})` : ''}`,
          found.length
            ? 'identical devices are told apart by address: use address: instead of id:'
            : 'list the devices with vfiokit devices',
        );
      dev = found[0];
    } else {
      const g = spec.gpuOfGroup as number;
      const inGroup = host.filter((x) => x.iommuGroup === g);
      const gpus = inGroup.filter(isGpu);
      if (gpus.length !== 1)
        throw resolveError(
          `${label}: IOMMU group ${g} has ${gpus.length ? `${gpus.length} display controllers` : inGroup.length ? 'no display controller' : 'no devices'} on this host`,
          'see vfiokit groups; give the GPU by address: instead',
        );
      dev = gpus[0];
    }
    const functions: ResolvedFunction[] = [{ device: dev, specIndex: i, companion: false }];
    if (isGpu(dev) && (spec.functions ?? 'all') === 'all') {
      for (const o of host)
        if (o !== dev && slotKey(o) === slotKey(dev) && !namedElsewhere(specDevices, o))
          functions.push({ device: o, specIndex: i, companion: true });
    }
    functions.sort((a, b) => a.device.addr.fn - b.device.addr.fn);
    for (const f of functions) {
      const prev = taken.get(f.device.address);
      if (prev !== undefined)
        throw resolveError(
          `${label}: ${f.device.address} (${hex4(f.device.vendorId)}:${hex4(f.device.deviceId)}) is already assigned by devices[${prev}]`,
          "a GPU's other functions come along by themselves (functions: all): do not list them again",
        );
      taken.set(f.device.address, i);
    }
    slots.push({ specIndex: i, spec, functions });
  });
  // Functions of one host slot named separately go to one guest slot together.
  const merged: ResolvedSlot[] = [];
  for (const s of slots) {
    const key = slotKey(s.functions[0].device);
    const into = merged.find((m) => slotKey(m.functions[0].device) === key);
    if (into) {
      into.functions.push(...s.functions);
      into.functions.sort((a, b) => a.device.addr.fn - b.device.addr.fn);
    } else merged.push(s);
  }
  return merged;
}

/** The spec names this function by address itself (with its own options, e.g. a romfile). */
function namedElsewhere(specDevices: readonly VmSpecDevice[], dev: PciDevice): boolean {
  return specDevices.some((s) => {
    const a = s.address === undefined ? undefined : tryParsePciAddress(s.address);
    return (
      a !== undefined &&
      a.domain === dev.addr.domain &&
      a.bus === dev.addr.bus &&
      a.device === dev.addr.device &&
      a.fn === dev.addr.fn
    );
  });
}
