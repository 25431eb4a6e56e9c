/**
 * The kernel's truth about one topology, distilled from a suite run for committing as a fixture
 * (test/fixtures/lab-<topology>/truth.json): the groups as /sys/kernel/iommu_groups lists them,
 * each device's driver, and per binding scenario the VFIO_GROUP_GET_STATUS verdict of every group
 * the kernel would let userspace open. Devices are named both by guest address and topology id.
 */
import type { LabResults } from './suite.js';

export interface TruthDevice {
  bdf: string;
  /** Topology id, or null for the machine's own devices (host bridge, ICH9, the lab's 9p shares). */
  id: string | null;
  vendor: string;
  device: string;
  class: string;
  driver: string | null;
  group: string | null;
}

export interface TruthGroupVerdict {
  group: string;
  devices: { bdf: string; id: string | null; driver: string | null }[];
  /** VFIO_GROUP_FLAGS_VIABLE from VFIO_GROUP_GET_STATUS. */
  viable: boolean;
  flags: number;
  /** "ok" or the errno name of VFIO_GROUP_SET_CONTAINER / VFIO_SET_IOMMU (EPERM when not viable). */
  setContainer: string;
}

export interface LabTruth {
  schema: 'vfiokit.lab-truth/1';
  topology: string;
  kernel: string;
  devices: TruthDevice[];
  groups: { group: string; devices: string[] }[];
  scenarios: { name: string; bind: { id: string; bdf: string }[]; groups: TruthGroupVerdict[] }[];
}

/**
 * The truth to commit. A group whose /dev/vfio node exists but whose VFIO status could not be read
 * (an ioctl failed, the helper crashed) is an error, never left out: a fixture with a group missing
 * would quietly test less, and the tests could not tell it from a group the kernel never offered.
 */
export function truthFrom(r: LabResults): LabTruth {
  const unread = r.scenarios.flatMap((s) =>
    s.groups
      .filter(
        (g) =>
          g.vfio?.node &&
          (g.vfio.flags === undefined || g.vfio.viable === undefined || g.vfio.setContainer === undefined),
      )
      .map((g) => `scenario ${s.name}, group ${g.group}: ${g.vfio?.error ?? 'no VFIO status recorded'}`),
  );
  if (unread.length) {
    throw new Error(
      `lab truth for ${r.topology}: the kernel's VFIO verdict could not be read for ${unread.join('; ')}`,
    );
  }
  return {
    schema: 'vfiokit.lab-truth/1',
    topology: r.topology,
    kernel: r.kernel.release,
    devices: r.devices,
    groups: r.groups,
    scenarios: r.scenarios.map((s) => ({
      name: s.name,
      bind: s.bind.map((id) => ({ id, bdf: r.bdfOf[id] })),
      // Only groups with a /dev/vfio node can be asked: the kernel creates the node when the
      // first device of the group binds to vfio-pci.
      groups: s.groups
        .filter((g) => g.vfio?.node)
        .map((g) => ({
          group: g.group,
          devices: g.devices,
          viable: g.vfio!.viable!,
          flags: g.vfio!.flags!,
          setContainer: g.vfio!.setContainer!,
        })),
    })),
  };
}

/** Groups as sets of topology ids (machine devices left out), sorted, for comparing with expectations. */
export function groupsByIds(
  devices: { bdf: string; id: string | null }[],
  groups: { devices: string[] }[],
): string[][] {
  const id = new Map(devices.map((d) => [d.bdf, d.id]));
  return groups
    .map((g) =>
      g.devices
        .map((b) => id.get(b))
        .filter((x): x is string => !!x)
        .sort(),
    )
    .filter((g) => g.length > 0)
    .sort((a, b) => a.join().localeCompare(b.join()));
}

/** Groups as sorted lists of addresses, sorted: the shape two listings must agree on. */
export function canonicalGroups(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()));
}
