/**
 * Snapshots of hosts with Intel integrated graphics, one or more per generation family, built with
 * the fixture builder, each from one public report (test/fixtures/igd/dumps/, sources in its
 * README.md).
 *
 * `dump`: the report posted the IGD's config space; the IGD's config is the dump's 256 bytes, and
 * its vendor, device, class, revision and subsystem attributes are read from them (so sysfs and
 * config agree as on a real host); the host bridge is the dump's too where the report has it.
 *
 * `values`: the report posted no config dump but states the IDs (lspci -n), the IGD's regions
 * (lspci -vv) and the data stolen memory as the kernel placed it (/proc/iomem "Graphics Stolen
 * Memory": BDSM's base and the size GGC's GMS field encodes). Those go into the config as stated;
 * what follows from a stated value by a documented rule is named in `derived` (with the rule),
 * and what the report does not state is composed and named in `composed`.
 */
import { buildFixture, CLASS, type FunctionSpec, type HostSpec } from './fixture-builder.js';
import { type HostFilesSpec, writeHostFiles } from './host-fixture.js';
import { type IgdValues, readConfigDump, readIgdValues, u16 } from './igd-dumps.js';

export interface IgdHostCase {
  name: string;
  /** Where the IDs and the config bytes or register values come from. */
  report: string;
  /** dump: config bytes copied from the report; values: register values stated in it. */
  source: 'dump' | 'values';
  /** For `values`: config bits that follow from a stated value by a documented rule, with the rule. */
  derived?: string[];
  /** For `values`: the config the report does not state, composed here, each with its reason. */
  composed?: string[];
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

const MiB = 1024 * 1024;

/**
 * The GMS field that encodes a stolen size, by the generation's layout (QEMU hw/vfio/igd.c
 * igd_stolen_memory_size(); i915 early-quirks.c gen8_stolen_size(), gen9_stolen_size()): from gen
 * 8 GMS is bits 15:8 in 32 MiB steps, and from gen 9 0xf0-0xfe are 4 MiB steps from 4 MiB. A size
 * two encodings share (32 MiB on gen 9: 0x01 or 0xf7) is refused: the report does not say which.
 */
export function gmsFor(bytes: number, gen: number): number {
  if (gen < 8) throw new Error(`gen ${gen}: GGC's layout before gen 8 is not composed here`);
  const found: number[] = [];
  if (bytes % (32 * MiB) === 0 && bytes / (32 * MiB) <= 0x40) found.push(bytes / (32 * MiB));
  if (gen >= 9 && bytes % (4 * MiB) === 0 && bytes >= 4 * MiB && bytes <= 60 * MiB)
    found.push(0xf0 + bytes / (4 * MiB) - 1);
  if (found.length !== 1)
    throw new Error(
      `${bytes / MiB} MiB of stolen memory is ${found.length ? 'ambiguous' : 'not encodable'} in gen ${gen}'s GMS`,
    );
  return found[0];
}

/**
 * GGC's VAMEN (bit 2) and IVD (bit 1) as the IGD's class code states them. Intel's datasheet for
 * Kaby Lake (7th Generation Intel Core Processor Families Datasheet, Vol. 2, Processor Graphics,
 * "Class Code (CC)—Offset 9h"): BCC is 03h (display controller) when MGGC0[VAMEN] is 0 and 04h
 * when it is 1; with VAMEN 0, SUBCC is 00h (VGA compatible), or 80h (non-VGA) when GMS is 00h or
 * IVD is 1; the programming interface is 00h when VAMEN is 0. The 845G and 4 Series chipset
 * datasheets state the same subclass rule for their IGDs. So the
 * class 0300 that `lspci -n` gives states VAMEN 0 and IVD 0 (and GMS not 0), and 0380 with stolen
 * memory (GMS not 0) states IVD 1. A class 04xx (VAMEN 1) says nothing of IVD, and any other
 * class is no IGD function 0: both are refused rather than guessed.
 */
export function ggcModeBits(cls: number, gms: number): { vamen: 0 | 1; ivd: 0 | 1 } {
  const hex = cls.toString(16).padStart(4, '0');
  if (cls === 0x0300) {
    if (gms === 0) throw new Error(`class ${hex} (VGA) with GMS 0 contradicts the class code rule`);
    return { vamen: 0, ivd: 0 };
  }
  if (cls === 0x0380 && gms !== 0) return { vamen: 0, ivd: 1 };
  throw new Error(
    `class ${hex} does not state GGC's VGA disable bit (only 0300, and 0380 with stolen memory, do)`,
  );
}

/**
 * A host from a values file (`readIgdValues()`), for a generation's register layout: the stated
 * IDs and regions, GGC's GMS field and BDSM's base from the stated stolen range, GGC's VAMEN and
 * IVD bits from the stated class code (`ggcModeBits()`; `classRule` says whose datasheet the rule
 * is from for this platform), and, composed: GGC's GGMS field and lock bit (an 8 MiB GTT, locked:
 * the low byte of the one gen 9 dump, whiskey-lake), BDSM's lock bit set (as in every dump), and an
 * ASLS 0x18 into the report's first ACPI Non-volatile Storage range, as the report has no OpRegion
 * address. No verdict reads GGMS or a lock bit; the legacy verdict reads ASLS (non-zero: an
 * OpRegion), which is why the gen 9 legacy verdicts of these hosts rest on a composed value.
 */
export function fromValues(
  file: string,
  gen: number,
  classRule: string,
): Pick<IgdHostCase, 'hostBridge' | 'igd' | 'lpc' | 'derived' | 'composed'> {
  return hostFromValues(readIgdValues(file), file, gen, classRule);
}

export function hostFromValues(
  v: IgdValues,
  what: string,
  gen: number,
  classRule: string,
): Pick<IgdHostCase, 'hostBridge' | 'igd' | 'lpc' | 'derived' | 'composed'> {
  const fn = (bdf: string) => {
    const f = v.functions.get(bdf);
    if (!f) throw new Error(`${what} has no ${bdf}`);
    // lspci -n gives base class and subclass; the IGD's programming interface is 00 by the class
    // code rule (ggcModeBits(): VAMEN 0), the bridges' because the PCI Code and ID Assignment
    // specification defines only interface 00h for a host bridge (06/00) and an ISA bridge (06/01).
    return { vendor: f.vendor, device: f.device, revision: f.revision, class: f.cls << 8 };
  };
  const nvs = v.iomem.find((x) => x.name === 'ACPI Non-volatile Storage');
  if (!nvs) throw new Error(`${what} has no ACPI Non-volatile Storage range to place ASLS in`);
  const gms = gmsFor(Number(v.stolen.size), gen);
  const igd = fn('00:02.0');
  const { vamen, ivd } = ggcModeBits(igd.class >> 8, gms);
  // Composed: GGMS (bits 7:6) = 3, an 8 MiB GTT, and the lock (bit 0) set.
  const ggcLow = 0xc0 | (vamen << 2) | (ivd << 1) | 0x01;
  const config: Record<number, number[]> = {
    ...igdRegisters((gms << 8) | ggcLow, Number(v.stolen.base) | 1, Number(nvs.start) + 0x18, gen >= 11),
  };
  const bars: [number, number, number, number][] = [];
  for (const [index, b] of v.bars) {
    const low = Number(b.start & 0xfffffff0n) | (b.is64 ? 0x4 : 0) | (b.prefetchable ? 0x8 : 0);
    config[0x10 + 4 * index] = le32(low);
    if (b.is64) config[0x14 + 4 * index] = le32(Number(b.start >> 32n));
    // The kernel's resource flags: IORESOURCE_MEM | SIZEALIGN, MEM_64, PREFETCH, and the BAR's
    // own low bits (drivers/pci/probe.c decode_bar()).
    const flags = 0x40200 | (b.is64 ? 0x100000 | 0x4 : 0) | (b.prefetchable ? 0x2000 | 0x8 : 0);
    bars.push([index, Number(b.start), Number(b.start + b.size - 1n), flags]);
  }
  const cls = (igd.class >> 8).toString(16).padStart(4, '0');
  return {
    hostBridge: { ...fn('00:00.0'), group: 0 },
    igd: { ...igdBase, ...igd, configBytes: config, attrs: { resource: resourceFile(bars) } },
    lpc: fn('00:1f.0'),
    derived: [
      `GGC bits 15:8 (GMS) = 0x${gms.toString(16).padStart(2, '0')}: the stated stolen range ${v.stolen.text} (${Number(v.stolen.size) / MiB} MiB, gen ${gen} layout)`,
      `GGC bit 2 (VAMEN) = ${vamen}, bit 1 (IVD, VGA disable) = ${ivd}: the stated class ${cls}, by ${classRule}`,
      `BDSM bits ${gen >= 11 ? '63:20 (0xC0)' : '31:20 (0x5C)'} = ${hex32(Number(v.stolen.base))}: the stated stolen range's base`,
      `class programming interface 00: VAMEN ${vamen}, by the same rule`,
    ],
    composed: [
      'GGC bits 7:6 (GGMS) = 3 (8 MiB of GTT) and bit 0 (lock) set: the report states neither; no verdict reads them',
      'BDSM bit 0 (lock) set: the report states only the base; no verdict reads it',
      `ASLS = ${hex32(Number(nvs.start) + 0x18)}: the report has no OpRegion address; placed in its ACPI NVS range ${nvs.start.toString(16)}-${nvs.end.toString(16)}; the legacy verdict reads it (igd.opregion: non-zero)`,
      'IGD subsystem IDs, expansion ROM, I/O BAR: not in the report',
    ],
  };
}

const hex32 = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;

/** The class code rule of `ggcModeBits()`, from Kaby Lake's own datasheet. */
const KBL_CLASS_RULE =
  "Kaby Lake's datasheet rule (7th Gen Core datasheet Vol. 2, Processor Graphics Class Code: SUBCC 00h unless GMS 0 or IVD 1; BCC 03h unless VAMEN 1)";
/** The same rule for the Atom SoCs, whose own datasheets were not at hand: said so where used. */
const CORE_CLASS_RULE =
  "the rule Intel's datasheets state for Core and chipset IGDs (7th Gen Core Vol. 2, 4 Series, 845G: SUBCC 00h unless GMS 0 or IVD 1; BCC 03h unless VAMEN 1); this SoC's own datasheet was not checked";

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
    name: 'kaby-lake',
    source: 'values',
    report:
      'ACRN board file nuc7i7dnb.xml (projectacrn/acrn-hypervisor, board inspector output of an Intel NUC7i7DNB, i7-8650U): lspci -n of 00:00.0, 00:02.0 and 00:1f.0, the IGD regions, and /proc/iomem "8c000000-8fffffff : Graphics Stolen Memory" (dumps/kaby-lake-r.values.txt)',
    ...fromValues('kaby-lake-r.values.txt', 9, KBL_CLASS_RULE),
    expect: {
      gen: 9,
      family: 'Kaby Lake',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'possible',
    },
  },
  {
    name: 'apollo-lake',
    source: 'values',
    report:
      'ACRN board file apl-up2-n3350.xml (projectacrn/acrn-hypervisor, board inspector output of an AAEON UP Squared, Celeron N3350): lspci -n of 00:00.0, 00:02.0 and 00:1f.0, the IGD regions, and /proc/iomem "7c000001-7ffffffe : Graphics Stolen Memory" (dumps/apollo-lake.values.txt)',
    ...fromValues('apollo-lake.values.txt', 9, CORE_CLASS_RULE),
    expect: {
      gen: 9,
      family: 'Apollo Lake / Broxton',
      stolenMiB: 64,
      bdsmOffset: 0x5c,
      legacy: 'possible',
      upt: 'possible',
    },
  },
  {
    name: 'elkhart-lake',
    source: 'values',
    report:
      'ACRN board file ehl-crb-b.xml (projectacrn/acrn-hypervisor, board inspector output of an Intel Elkhart Lake CRB, Atom x6427FE): lspci -n of 00:00.0, 00:02.0 and 00:1f.0, the IGD regions, and /proc/iomem "7c000000-7fbfffff : Graphics Stolen Memory" (dumps/elkhart-lake.values.txt)',
    ...fromValues('elkhart-lake.values.txt', 11, CORE_CLASS_RULE),
    expect: {
      gen: 11,
      family: 'Elkhart Lake',
      stolenMiB: 60,
      bdsmOffset: 0xc0,
      legacy: 'not-possible',
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
