/**
 * Snapshots of hosts with Intel integrated graphics, one or more per generation family, built with
 * the fixture builder.
 *
 * Where a public report posted the IGD's config space (test/fixtures/igd/dumps/, sources in its
 * README.md), the host is built from those bytes: the IGD's config is the dump's 256 bytes, and
 * its vendor, device, class, revision and subsystem attributes are read from them (so sysfs and
 * config agree as on a real host); the host bridge is the dump's too where the report has it. The
 * other hosts (Skylake, Rocket Lake, Apollo Lake) have device IDs from public reports but
 * GMCH/BDSM/ASLS values composed from each generation's documented layout, because no dump of
 * their config space could be found (the README lists the searches); `source` says which.
 */
import { buildFixture, CLASS, type FunctionSpec, type HostSpec } from './fixture-builder.js';
import { type HostFilesSpec, writeHostFiles } from './host-fixture.js';
import { readConfigDump, u16 } from './igd-dumps.js';

export interface IgdHostCase {
  name: string;
  /** Where the IDs (and, for `dump`, the config bytes) come from. */
  report: string;
  /** dump: config bytes copied from the report; constructed: IDs from it, registers composed. */
  source: 'dump' | 'constructed';
  hostBridge: FunctionSpec;
  igd: FunctionSpec;
  lpc: FunctionSpec;
  /** What QEMU's rules make of it (worked out from hw/vfio/igd.c by hand; see igd-check.test.ts). */
  expect: {
    gen: number;
    family: string;
    stolenMiB: number;
    bdsmOffset: number;
    legacy: 'possible' | 'not-possible' | 'unknown';
    upt: 'possible' | 'not-possible' | 'unknown';
  };
}
const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** GMCH, BDSM (dword at 0x5C, or qword at 0xC0 when bdsm64) and ASLS as config bytes. */
export function igdRegisters(
  gmch: number,
  bdsm: number,
  asls: number,
  bdsm64 = false,
): Record<number, number[]> {
  return bdsm64
    ? { 80: le16(gmch), 192: [...le32(bdsm), 0, 0, 0, 0], 252: le32(asls) }
    : { 80: le16(gmch), 92: le32(bdsm), 252: le32(asls) };
}

/** A sysfs resource file: BARs as (index, start, end, flags), the other lines zero. */
export function resourceFile(bars: [number, number, number, number][]): string {
  const h = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;
  const lines = Array.from({ length: 13 }, () => `${h(0)} ${h(0)} ${h(0)}`);
  for (const [i, s, e, f] of bars) lines[i] = `${h(s)} ${h(e)} ${h(f)}`;
  return `${lines.join('\n')}\n`;
}

/** IGDs have no PCIe port role of interest and their capabilities sit above 0x90: keep 0x40-0x8f free. */
const igdBase = {
  class: CLASS.vga,
  vendor: 0x8086,
  pcie: false as const,
  pm: false,
  msi: false,
  group: 2,
  bootVga: true,
};

/**
 * A function spec whose config is a dumped function's bytes, and whose sysfs ID attributes are
 * read from those bytes (0x00 vendor, 0x02 device, 0x08 revision, 0x09 class, 0x2c subsystem).
 */
export function fromDump(bytes: Uint8Array, extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    vendor: u16(bytes, 0),
    device: u16(bytes, 2),
    revision: bytes[8],
    class: bytes[9] | (bytes[10] << 8) | (bytes[11] << 16),
    subsystem: [u16(bytes, 0x2c), u16(bytes, 0x2e)],
    // The posted bytes replace everything the builder generated (capabilities included).
    pcie: false,
    pm: false,
    msi: false,
    configBytes: { 0: [...bytes.subarray(0, 256)] },
    ...extra,
  };
}

const dumped = (file: string, fn: string): Uint8Array => {
  const b = readConfigDump(file).get(fn);
  if (!b) throw new Error(`${file} has no ${fn}`);
  return b;
};

const snbDesktop = (fn: string) => dumped('sandy-bridge-desktop.txt', fn);
const snbMobile = (fn: string) => dumped('sandy-bridge-mobile.txt', fn);
const whl = (fn: string) => dumped('whiskey-lake.txt', fn);
const hsw = (fn: string) => dumped('haswell-mobile.txt', fn);

export const IGD_HOSTS: IgdHostCase[] = [
  {
    name: 'sandy-bridge-desktop',
    report:
      'intel-gfx 2012-10-19 <2233216.7bl6QCud67@f17simon>, lspci -vvxxxxx of 00:00.0 and 00:02.0 (dumps/sandy-bridge-desktop.txt); BARs from its lspci -vv; the LPC bridge ID is not in the excerpt (H61 8086:1c5c from AuxXxilium/arc#833)',
    source: 'dump',
    hostBridge: fromDump(snbDesktop('00:00.0'), { group: 0 }),
    igd: {
      ...fromDump(snbDesktop('00:02.0')),
      group: 2,
      bootVga: true,
      // lspci showed "Expansion ROM at <unassigned> [disabled]": no ROM attribute.
      rom: false,
      attrs: {
        resource: resourceFile([
          [0, 0xfe000000, 0xfe3fffff, 0x140204],
          [2, 0xe0000000, 0xefffffff, 0x14220c],
          [4, 0xf000, 0xf03f, 0x40101],
        ]),
      },
    },
    lpc: { vendor: 0x8086, device: 0x1c5c, revision: 0x05 },
    expect: {
      gen: 6,
      family: 'Sandy Bridge / Ivy Bridge',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'not-possible',
    },
  },
  {
    name: 'sandy-bridge-mobile',
    report:
      "qemu-devel 2025-04-14 <20250414155126.6ad0bd9c.alex.williamson@redhat.com>, lspci -xxxs 02.0 of a Lenovo i7-2760QM (dumps/sandy-bridge-mobile.txt); BARs and the [virtual] ROM from its lspci -vvvs; host bridge (8086:0104) and LPC (QM67 8086:1c4f) IDs are the platform's, not in the report",
    source: 'dump',
    hostBridge: { vendor: 0x8086, device: 0x0104, revision: 0x09, subsystem: [0x17aa, 0x21d1] },
    igd: {
      ...fromDump(snbMobile('00:02.0')),
      group: 2,
      bootVga: true,
      // "Expansion ROM at 000c0000 [virtual] [disabled] [size=128K]": the shadowed VBIOS.
      rom: true,
      attrs: {
        resource: resourceFile([
          [0, 0xf0000000, 0xf03fffff, 0x140204],
          [2, 0xe0000000, 0xefffffff, 0x14220c],
          [4, 0x5000, 0x503f, 0x40101],
        ]),
      },
    },
    lpc: { vendor: 0x8086, device: 0x1c4f, revision: 0x04 },
    expect: {
      gen: 6,
      family: 'Sandy Bridge / Ivy Bridge',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'not-possible',
    },
  },
  {
    name: 'whiskey-lake',
    report:
      'blog post "Resizable PCI BAR" (2025-03-12), pci=earlydump of 00:00.0 and 00:02.0 with the BARs the kernel logged and "Video device with shadowed ROM" (dumps/whiskey-lake.txt); the LPC bridge (Cannon Point-LP 8086:9d84) is not in the post',
    source: 'dump',
    hostBridge: fromDump(whl('00:00.0'), { group: 0 }),
    igd: {
      ...fromDump(whl('00:02.0')),
      group: 2,
      bootVga: true,
      rom: true,
      attrs: {
        resource: resourceFile([
          [0, 0xc0000000, 0xc0ffffff, 0x140204],
          [2, 0xb0000000, 0xbfffffff, 0x14220c],
          [4, 0x4000, 0x403f, 0x40101],
        ]),
      },
    },
    lpc: { vendor: 0x8086, device: 0x9d84, revision: 0x30 },
    expect: {
      gen: 9,
      family: 'Coffee Lake',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'possible',
    },
  },
  {
    name: 'haswell',
    report:
      'AIDA64 Engineer v8.30 report (2026-05-02) of a Dell i7-4800MQ in the blog post "How to obtain Hardware information with different tools", "Debug - PCI" rows of 00:00.0 and 00:02.0 (dumps/haswell-mobile.txt); the LPC bridge ID (QM87 8086:8c4f rev 04) is the same report\'s; BAR addresses are the dump\'s, their sizes Haswell\'s (GTTMMADR 4 MiB, GMADR 256 MiB, 64 I/O ports), not in the report',
    source: 'dump',
    hostBridge: fromDump(hsw('00:00.0'), { group: 0 }),
    igd: {
      ...fromDump(hsw('00:02.0')),
      group: 2,
      bootVga: true,
      rom: true,
      attrs: {
        resource: resourceFile([
          [0, 0xf5800000, 0xf5bfffff, 0x140204],
          [2, 0xd0000000, 0xdfffffff, 0x14220c],
          [4, 0xf000, 0xf03f, 0x40101],
        ]),
      },
    },
    lpc: { vendor: 0x8086, device: 0x8c4f, revision: 0x04, subsystem: [0x1028, 0x05be] },
    expect: {
      gen: 7,
      family: 'Haswell',
      stolenMiB: 32,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'not-possible',
    },
  },
  {
    name: 'skylake',
    source: 'constructed',
    report:
      'AdnanHodzic/displaylink-debian#244 (lspci: Skylake Host Bridge/DRAM Registers rev 08, HD Graphics 520 rev 07, Sunrise Point-LP LPC Controller rev 21)',
    hostBridge: { vendor: 0x8086, device: 0x1904, revision: 0x08 },
    igd: {
      ...igdBase,
      device: 0x1916,
      revision: 0x07,
      // GGC 0x01c1: GMS (bits 15:8) = 1 → 32 MiB, GGMS 8 MiB.
      configBytes: igdRegisters(0x01c1, 0x8b000001, 0x8a0fd018),
    },
    lpc: { vendor: 0x8086, device: 0x9d48, revision: 0x21 },
    expect: {
      gen: 9,
      family: 'Skylake',
      stolenMiB: 32,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'possible',
    },
  },
  {
    name: 'rocket-lake',
    source: 'constructed',
    report:
      'canonical/intel-graphics-preview#13 (lspci: host bridge 8086:4c43 rev 01, RocketLake-S GT1 [UHD Graphics 750] rev 04, Tiger Lake-H PCH)',
    hostBridge: { vendor: 0x8086, device: 0x4c43, revision: 0x01 },
    igd: {
      ...igdBase,
      device: 0x4c8a,
      revision: 0x04,
      // GGC 0x02c1: GMS = 2 → 64 MiB; gen 12 keeps BDSM as a qword at 0xC0.
      configBytes: igdRegisters(0x02c1, 0x7b800001, 0x7a6f4018, true),
    },
    lpc: { vendor: 0x8086, device: 0x438b, revision: 0x11 },
    expect: {
      gen: 12,
      family: 'Rocket Lake',
      stolenMiB: 64,
      bdsmOffset: 0xc0,
      legacy: 'not-possible',
      upt: 'possible',
    },
  },
  {
    name: 'apollo-lake',
    source: 'constructed',
    report:
      'gangqizai/igd#20 (Celeron N3450, lspci -xxx: 8086:5a85 rev 0b, subsystem 8086:2212, BAR0 0x91000000, BAR2 0x80000000, BAR4 io 0xf000)',
    hostBridge: { vendor: 0x8086, device: 0x5af0, revision: 0x0b },
    igd: {
      ...igdBase,
      device: 0x5a85,
      revision: 0x0b,
      attrs: {
        resource: resourceFile([
          [0, 0x91000000, 0x91ffffff, 0x140204],
          [2, 0x80000000, 0x8fffffff, 0x14220c],
          [4, 0xf000, 0xf03f, 0x40101],
        ]),
      },
      subsystem: [0x8086, 0x2212],
      // GGC 0x02c1: GMS = 2 → 64 MiB.
      configBytes: igdRegisters(0x02c1, 0x7b000001, 0x7ab52018),
    },
    lpc: { vendor: 0x8086, device: 0x5ae8, revision: 0x0b },
    expect: {
      gen: 9,
      family: 'Apollo Lake / Broxton',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'possible',
    },
  },
];

/** A host prepared for legacy mode: IGD on vfio-pci, VGA support built in, framebuffers off. */
export const PREPARED_HOST: HostFilesSpec = {
  release: '6.1.0-18-amd64',
  cmdline: 'BOOT_IMAGE=/vmlinuz intel_iommu=on video=vesafb:off,efifb:off',
  loaded: ['vfio', 'vfio_iommu_type1', 'vfio_pci'],
  kernelConfig: { CONFIG_VFIO_PCI_VGA: 'y' },
  moduleParams: { 'vfio_pci.disable_vga': 'N' },
};

export function igdPci(c: IgdHostCase, igdOverride: Partial<FunctionSpec> = {}): HostSpec {
  return {
    rootComplexes: [
      {
        devices: [
          { kind: 'endpoint', dev: 0, class: CLASS.hostBridge, pcie: false, group: 0, ...c.hostBridge },
          { kind: 'endpoint', dev: 2, driver: 'vfio-pci', ...c.igd, ...igdOverride },
          { kind: 'endpoint', dev: 0x1f, class: CLASS.isaBridge, pcie: false, group: 3, ...c.lpc },
        ],
      },
    ],
  };
}

/** Build the snapshot for a case: PCI from the report, host files as given (default: prepared). */
export function buildIgdHost(
  c: IgdHostCase,
  files: HostFilesSpec = PREPARED_HOST,
  igdOverride: Partial<FunctionSpec> = {},
  nonRoot = false,
) {
  const fx = buildFixture({ ...igdPci(c, igdOverride), nonRoot });
  writeHostFiles(fx.dir, files);
  return fx;
}
