/**
 * Hosts for fleet tests and the fleet bench, built with the fixture builder: GPU hosts (VGA + HDMI
 * audio per card, 10de:1eb8 by default) that differ in isolation (each card behind its own ACS
 * root port, or the first card's group shared with a NIC as on boards without ACS), drivers
 * (vfio-pci or the vendor driver) and addresses (extra root ports before the cards move them to
 * other buses), padded with NVMe drives to a given number of functions.
 */
import { buildFixture, CLASS, type Fixture, type NodeSpec } from './fixture-builder.js';

export interface GpuHostOptions {
  gpus?: number;
  vendor?: number;
  device?: number;
  subsystem?: [number, number];
  /** Driver of the GPU and audio functions. */
  driver?: string;
  /** The first card's group also holds a NIC (no ACS on its port). */
  sharedFirstGpu?: boolean;
  /** Root ports with an NVMe placed before the cards: shifts the cards' bus numbers. */
  shiftBuses?: number;
  /** Pad with NVMe drives to about this many PCI functions. */
  functions?: number;
  /** No interrupt remapping line in the kernel log. */
  noRemapping?: boolean;
  iommu?: boolean;
}

export const REMAP_LINE = '[    0.008000] DMAR-IR: Enabled IRQ remapping in x2apic mode';

export function gpuHostSpec(o: GpuHostOptions = {}) {
  const iommu = o.iommu ?? true;
  let group = 0;
  const g = () => (iommu ? group++ : undefined);
  const devices: NodeSpec[] = [{ kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: g() }];
  let count = 1;
  let dev = 1;
  const nvmePort = (at: number): NodeSpec => {
    count += 2;
    return {
      kind: 'root-port',
      dev: at,
      acs: true,
      group: g(),
      children: [
        { kind: 'endpoint', class: CLASS.nvme, driver: 'nvme', vendor: 0x144d, device: 0xa808, group: g() },
      ],
    };
  };
  // Ports at the last device numbers, listed first: they take the low bus numbers, so the cards
  // keep their ports (device numbers) but sit on higher buses, as after a firmware renumbering.
  for (let i = 0; i < (o.shiftBuses ?? 0); i++) devices.push(nvmePort(31 - i));
  const gpus = o.gpus ?? 2;
  for (let i = 0; i < gpus; i++) {
    const shared = i === 0 && o.sharedFirstGpu;
    const portGroup = g();
    const cardGroup = shared ? portGroup : g();
    const fn = (cls: number, device: number) => ({
      class: cls,
      vendor: o.vendor ?? 0x10de,
      device,
      subsystem: o.subsystem ?? ([0x10de, 0x12a2] as [number, number]),
      driver: o.driver ?? 'vfio-pci',
      group: cardGroup,
    });
    devices.push({
      kind: 'root-port',
      dev: dev++,
      acs: !shared,
      group: portGroup,
      children: [
        { kind: 'multi', functions: [fn(CLASS.display3d, o.device ?? 0x1eb8), fn(CLASS.hdAudio, 0x10f8)] },
        ...(shared
          ? [
              {
                kind: 'endpoint' as const,
                dev: 1,
                class: CLASS.ethernet,
                driver: 'igb',
                vendor: 0x8086,
                device: 0x1533,
                group: cardGroup,
              },
            ]
          : []),
      ],
    });
    count += shared ? 4 : 3;
  }
  // Pad: root ports with an SR-IOV NIC and 15 VFs (17 functions on one bus, ARI), then single
  // NVMe ports; a second PCI domain when the first runs out of device numbers.
  const target = o.functions ?? 0;
  const rootComplexes: { domain?: number; devices: NodeSpec[] }[] = [{ devices }];
  let rc = devices;
  const last = 31 - (o.shiftBuses ?? 0);
  const sriovPort = (at: number): NodeSpec => {
    const port = g();
    const pf = g();
    return {
      kind: 'root-port',
      dev: at,
      acs: true,
      group: port,
      children: [
        {
          kind: 'endpoint',
          class: CLASS.ethernet,
          driver: 'ixgbe',
          vendor: 0x8086,
          device: 0x10fb,
          ari: true,
          group: pf,
          sriov: {
            totalVfs: 63,
            numVfs: 15,
            vfDevice: 0x10ed,
            vfDriver: 'ixgbevf',
            vfGroups: Array.from({ length: 15 }, () => g() as number),
          },
        },
      ],
    };
  };
  while (count + 2 <= target) {
    if (dev > last) {
      rc = [{ kind: 'endpoint', dev: 0, class: CLASS.hostBridge, group: g() }];
      count++;
      rootComplexes.push({ domain: rootComplexes.length, devices: rc });
      dev = 1;
      continue;
    }
    if (count + 17 <= target) {
      rc.push(sriovPort(dev++));
      count += 17;
    } else {
      rc.push(nvmePort(dev++));
    }
  }
  return {
    rootComplexes,
    iommu: iommu ? ('intel' as const) : (false as const),
    files: {
      'proc/cmdline': `BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro${iommu ? ' intel_iommu=on' : ''}`,
      'proc/sys/kernel/osrelease': '6.1.0-28-amd64',
      'vfiokit/dmesg.txt': `[    0.000000] Linux version 6.1.0-28-amd64\n${iommu && !o.noRemapping ? `${REMAP_LINE}\n` : ''}`,
    },
    count,
  };
}

export function buildGpuHost(o: GpuHostOptions = {}, dir?: string): Fixture & { count: number } {
  const spec = gpuHostSpec(o);
  return { ...buildFixture(spec, dir), count: spec.count };
}
