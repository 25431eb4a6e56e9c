/**
 * `vfiokit igd verify`, run inside a guest: did the firmware honour QEMU's IGD fw_cfg ABI? Pure
 * over what the guest shows: the two fw_cfg files, the IGD's ASLS and BDSM registers (QEMU
 * emulates both: the firmware writes them), and the reserved ranges of /proc/iomem and
 * /sys/firmware/memmap. Item by item; an item whose input is missing is `unknown` or `n/a`, and
 * files with no IGD to consume them are reported as exactly that.
 */

import { VfiokitError } from '../errors.js';
import type { FileRead, MemmapEntry } from '../host/igd-files.js';
import type { PciDevice } from '../pci/types.js';
import type { Iomem } from '../system/iomem.js';
import { IGD_ADDRESS } from './check.js';
import { igdGeneration } from './generation.js';
import { parseOpRegion } from './opregion.js';
import { FOUR_GIB, parseBdsmSize } from './plan.js';
import { decodeIgdRegisters, hex, sizeText } from './registers.js';

export type ItemVerdict = 'ok' | 'fail' | 'unknown' | 'n/a';

export interface VerifyItem {
  id: string;
  title: string;
  verdict: ItemVerdict;
  evidence: string[];
}

export type VerifyOutcome = 'honoured' | 'broken' | 'not-consumed' | 'no-files' | 'unknown';

export interface VerifyInput {
  /** Whether /sys/firmware/qemu_fw_cfg exists (module qemu_fw_cfg loaded in a QEMU guest). */
  fwCfg: boolean;
  opregion: FileRead;
  bdsmSize: FileRead;
  devices: PciDevice[];
  iomem?: Iomem;
  iomemError?: string;
  memmap?: MemmapEntry[];
}

export interface VerifyReport {
  outcome: VerifyOutcome;
  items: VerifyItem[];
  igd?: string;
  files: {
    opregion: { path: string; state: FileRead['state']; bytes?: number; version?: string; vbt?: string };
    bdsmSize: { path: string; state: FileRead['state']; value?: string };
  };
}

interface Range {
  start: bigint;
  end: bigint;
  source: string;
}

function reservedRanges(input: VerifyInput): Range[] {
  const out: Range[] = [];
  for (const e of input.iomem?.zeroed ? [] : (input.iomem?.entries ?? [])) {
    if (e.depth === 0 && /^reserved$/i.test(e.name))
      out.push({ start: e.start, end: e.end, source: '/proc/iomem' });
  }
  for (const m of input.memmap ?? []) {
    if (/^(reserved|ACPI Non-volatile Storage)$/i.test(m.type))
      out.push({ start: m.start, end: m.end, source: `/sys/firmware/memmap (${m.type})` });
  }
  return out;
}

const covering = (ranges: Range[], start: bigint, end: bigint) =>
  ranges.filter((r) => r.start <= start && r.end >= end);

function fileItem(id: string, title: string, f: FileRead, ok: (bytes: Uint8Array) => string[]): VerifyItem {
  if (f.state === 'missing') return { id, title, verdict: 'fail', evidence: [`${f.path} does not exist`] };
  if (f.state === 'unreadable')
    return { id, title, verdict: 'unknown', evidence: [`${f.path}: ${f.reason}`] };
  try {
    return {
      id,
      title,
      verdict: 'ok',
      evidence: [`${f.path}: ${f.bytes.length} bytes${f.truncated ? ' (cut)' : ''}`, ...ok(f.bytes)],
    };
  } catch (e) {
    const msg = e instanceof VfiokitError ? e.message : String(e);
    return { id, title, verdict: 'fail', evidence: [`${f.path}: ${msg}`] };
  }
}

// long: one list of IGD checks in report order, each a few lines sharing the values read so far
export function verifyIgd(input: VerifyInput): VerifyReport {
  const items: VerifyItem[] = [];
  const report: VerifyReport = {
    outcome: 'unknown',
    items,
    files: {
      opregion: { path: input.opregion.path, state: input.opregion.state },
      bdsmSize: { path: input.bdsmSize.path, state: input.bdsmSize.state },
    },
  };
  let opregionBytes: number | undefined;
  let bdsmSize: bigint | undefined;
  items.push(
    fileItem('fw-cfg.opregion', 'fw_cfg etc/igd-opregion', input.opregion, (b) => {
      const o = parseOpRegion(b);
      opregionBytes = b.length;
      report.files.opregion.bytes = b.length;
      report.files.opregion.version = o.version.text;
      report.files.opregion.vbt = o.vbt.valid
        ? `${o.vbt.signature} (${o.vbt.vbtSize} bytes)`
        : `invalid: ${o.vbt.problem}`;
      return [
        `an OpRegion ${o.version.text}, header size ${o.sizeKiB} KiB, VBT ${report.files.opregion.vbt}`,
      ];
    }),
    fileItem('fw-cfg.bdsm-size', 'fw_cfg etc/igd-bdsm-size', input.bdsmSize, (b) => {
      bdsmSize = parseBdsmSize(b);
      report.files.bdsmSize.value = hex(bdsmSize, 1);
      return [`stolen memory requested: ${sizeText(bdsmSize)} (${hex(bdsmSize, 1)})`];
    }),
  );
  if (!input.fwCfg) {
    items[0].evidence.push(
      '/sys/firmware/qemu_fw_cfg is absent: not a QEMU guest, or the qemu_fw_cfg module is not loaded',
    );
    items[1].evidence.push('/sys/firmware/qemu_fw_cfg is absent');
    for (const i of items) if (i.verdict === 'fail') i.verdict = 'unknown';
  }
  const noFiles = input.opregion.state === 'missing' && input.bdsmSize.state === 'missing';

  const igd = input.devices.find(
    (d) => d.address === IGD_ADDRESS && d.vendorId === 0x8086 && d.classCode >> 16 === 0x03,
  );
  const otherIntel = input.devices.filter(
    (d) => d.vendorId === 0x8086 && d.classCode >> 16 === 0x03 && d !== igd,
  );
  const ranges = reservedRanges(input);
  const rangeEvidence = ranges.length
    ? ranges.map((r) => `reserved ${hex(r.start)}-${hex(r.end)} (${r.source})`)
    : [
        input.iomem || input.memmap
          ? 'no reserved ranges below the memory map entries read'
          : 'no memory map readable',
      ];

  if (!igd) {
    items.push({
      id: 'igd.device',
      title: 'An Intel display device at 00:02.0 to consume the files',
      verdict: noFiles ? 'n/a' : 'fail',
      evidence: [
        `no Intel display-class device at ${IGD_ADDRESS} in this guest`,
        ...otherIntel.map(
          (d) =>
            `Intel display device at ${d.address} (not 00:02.0: UPT placement, the firmware ABI is for 00:02.0)`,
        ),
      ],
    });
    items.push({
      id: 'reserved',
      title: 'Reserved ranges the firmware made for an IGD',
      verdict: 'n/a',
      evidence: rangeEvidence,
    });
    report.outcome = noFiles
      ? 'no-files'
      : input.opregion.state === 'read' || input.bdsmSize.state === 'read'
        ? 'not-consumed'
        : 'unknown';
    return report;
  }
  report.igd = igd.address;
  const gen = igdGeneration(igd.deviceId)?.gen;
  const regs = decodeIgdRegisters(igd.config?.bytes, gen ?? 0);
  items.push({
    id: 'igd.device',
    title: 'An Intel display device at 00:02.0 to consume the files',
    verdict: 'ok',
    evidence: [
      `${igd.address} [8086:${igd.deviceId.toString(16).padStart(4, '0')}]${gen ? ` gen ${gen}` : ', generation unknown'}`,
    ],
  });

  // ASLS: the OpRegion copy's address.
  const asls: VerifyItem = {
    id: 'asls',
    title: 'ASLS points at a reserved copy of the OpRegion',
    verdict: 'ok',
    evidence: [],
  };
  if (regs.asls === undefined) {
    asls.verdict = 'unknown';
    asls.evidence.push(...regs.unknown.filter((u) => u.startsWith('ASLS')));
  } else if (regs.asls === null) {
    asls.verdict = 'fail';
    asls.evidence.push('ASLS (0xfc) is 0: the firmware did not install the OpRegion');
  } else {
    const a = BigInt(regs.asls);
    asls.evidence.push(`ASLS = ${hex(a)}`);
    if (a % 0x1000n) asls.evidence.push(`${hex(a)} is not 4 KiB aligned (recommended, not required)`);
    if (opregionBytes === undefined) {
      asls.verdict = 'unknown';
      asls.evidence.push('the OpRegion size is not known (etc/igd-opregion unread)');
    } else {
      const hit = covering(ranges, a, a + BigInt(opregionBytes) - 1n);
      if (hit.length)
        asls.evidence.push(`inside reserved ${hex(hit[0].start)}-${hex(hit[0].end)} (${hit[0].source})`);
      else if (!ranges.length && !input.iomem && !input.memmap) {
        asls.verdict = 'unknown';
        asls.evidence.push('no memory map readable to find the reservation');
      } else {
        asls.verdict = 'fail';
        asls.evidence.push(
          `no reserved range covers ${hex(a)}-${hex(a + BigInt(opregionBytes) - 1n)} (${opregionBytes} bytes)`,
        );
      }
    }
  }
  items.push(asls);

  // BDSM: the stolen memory.
  const bdsm: VerifyItem = {
    id: 'bdsm',
    title: 'BDSM points at reserved, 1 MiB aligned stolen memory below 4 GiB',
    verdict: 'ok',
    evidence: [],
  };
  if (bdsmSize === undefined) {
    bdsm.verdict = 'unknown';
    bdsm.evidence.push('etc/igd-bdsm-size unread: the size to check is not known');
  } else if (bdsmSize === 0n) {
    bdsm.verdict = 'n/a';
    bdsm.evidence.push('etc/igd-bdsm-size is 0: nothing to reserve');
  } else if (!regs.bdsm) {
    bdsm.verdict = 'unknown';
    bdsm.evidence.push(...regs.unknown);
  } else {
    const b = regs.bdsm.base;
    bdsm.evidence.push(
      `BDSM (0x${regs.bdsm.offset.toString(16)}) = ${hex(regs.bdsm.raw, regs.bdsm.width / 4)}`,
    );
    const end = b + bdsmSize - 1n;
    if (b === 0n) {
      bdsm.verdict = 'fail';
      bdsm.evidence.push(
        'BDSM is 0: the firmware reserved no stolen memory (QEMU stops the VM when the VBIOS programs the GTT)',
      );
    } else if (regs.bdsm.raw % 0x10_0000n > 1n || end >= FOUR_GIB) {
      bdsm.verdict = 'fail';
      bdsm.evidence.push(`${hex(b)}-${hex(end)} must be 1 MiB aligned and below 4 GiB`);
    } else {
      const hit = covering(ranges, b, end);
      if (hit.length)
        bdsm.evidence.push(`inside reserved ${hex(hit[0].start)}-${hex(hit[0].end)} (${hit[0].source})`);
      else if (!input.iomem && !input.memmap) {
        bdsm.verdict = 'unknown';
        bdsm.evidence.push('no memory map readable to find the reservation');
      } else {
        bdsm.verdict = 'fail';
        bdsm.evidence.push(`no reserved range covers ${hex(b)}-${hex(end)} (${sizeText(bdsmSize)})`);
      }
    }
  }
  items.push(bdsm);
  if (regs.asls && regs.bdsm && opregionBytes !== undefined && bdsmSize) {
    const a0 = BigInt(regs.asls);
    const a1 = a0 + BigInt(opregionBytes) - 1n;
    const b0 = regs.bdsm.base;
    const b1 = b0 + bdsmSize - 1n;
    const overlap = a0 <= b1 && b0 <= a1;
    items.push({
      id: 'overlap',
      title: 'OpRegion and stolen memory do not overlap',
      verdict: overlap ? 'fail' : 'ok',
      evidence: [`OpRegion ${hex(a0)}-${hex(a1)}, stolen ${hex(b0)}-${hex(b1)}`],
    });
  }
  const verdicts = items.map((i) => i.verdict);
  report.outcome = verdicts.includes('fail')
    ? 'broken'
    : verdicts.includes('unknown')
      ? 'unknown'
      : 'honoured';
  return report;
}
