/**
 * The igd subcommands: gather (through the root), call one analysis from src/igd/, print text or
 * one JSON document (docs/igd.md). Each command builds its JSON in one function below.
 */
import * as fs from 'node:fs';
import { EnvironmentError, ExitCode, errnoCode, showPath, UsageError, VfiokitError } from '../../errors.js';
import { gatherHostFacts } from '../../host/host-facts.js';
import {
  debugfsDevice,
  fwCfgPresent,
  i915OpRegionPaths,
  MAX_OPREGION_BYTES,
  readFirmwareMemmap,
  readFwCfg,
  readPhysicalMemory,
} from '../../host/igd-files.js';
import { readBars } from '../../host/pci-resources.js';
import { scanPciDevices } from '../../host/pci-sysfs.js';
import {
  assessIgd,
  findIgd,
  IGD_ADVICE,
  type IgdAssessment,
  igdFacts,
  LEGACY_VM_REQUIREMENTS,
} from '../../igd/check.js';
import { BDSM64_MIN_GENERATION } from '../../igd/generation.js';
import { OPREGION_SIZE, type OpRegionInfo, parseOpRegion } from '../../igd/opregion.js';
import {
  defaultLowRam,
  type IgdPlan,
  lowRamFromIomem,
  parseBdsmSize,
  planIgd,
  type RamRange,
} from '../../igd/plan.js';
import { hex, sizeText } from '../../igd/registers.js';
import { type VerifyReport, verifyIgd } from '../../igd/verify.js';
import { formatPciAddress, parsePciAddress } from '../../pci/address.js';
import { summarize } from '../../readiness/check.js';
import { parseMemorySize } from '../../readiness/memory-size.js';
import type { IgdCheckJson } from '../../schema/outputs/igd-check.js';
import type { IgdOpregionJson } from '../../schema/outputs/igd-opregion.js';
import type { IgdPlanJson } from '../../schema/outputs/igd-plan.js';
import type { IgdVerifyJson } from '../../schema/outputs/igd-verify.js';
import { parseIomem } from '../../system/iomem.js';
import type { CliContext } from '../context.js';

export interface IgdOpregionOptions {
  for?: string;
  devMem?: boolean;
}
export interface IgdPlanOptions {
  opregion?: string;
  bdsmSize?: string;
  for?: string;
  memory?: string;
  machine: 'pc' | 'q35';
  memoryMap?: string;
  bdsm64?: boolean;
}

/** A user-named input file, bounded: an OpRegion or fw_cfg file is kilobytes. */
function readInputFile(file: string, max: number, what: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT')
      throw new EnvironmentError(`${what} ${showPath(file)} does not exist`, {
        code: 'igd.no-file',
        hint: 'check the path',
      });
    throw new EnvironmentError(`cannot read ${showPath(file)}: ${errnoCode(e) ?? String(e)}`, {
      code: 'host.io',
      cause: e,
    });
  }
  if (!st.isFile()) throw new UsageError(`${showPath(file)} is not a regular file`, { code: 'igd.not-file' });
  if (st.size > max)
    throw new UsageError(`${showPath(file)} is ${st.size} bytes, too large for ${what}`, {
      code: 'igd.too-large',
      hint: `${what} is at most ${max} bytes`,
    });
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = new Uint8Array(max + 1);
      const n = fs.readSync(fd, buf, 0, max + 1, 0);
      if (n > max)
        throw new UsageError(`${showPath(file)} is larger than ${max} bytes`, { code: 'igd.too-large' });
      return buf.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if (e instanceof VfiokitError) throw e;
    throw new EnvironmentError(`cannot read ${showPath(file)}: ${errnoCode(e) ?? String(e)}`, {
      code: 'host.io',
      cause: e,
    });
  }
}

// ---- igd opregion ------------------------------------------------------------------------------

export function opregionJson(source: string, o: OpRegionInfo): IgdOpregionJson {
  return { schema: 'vfiokit.igd.opregion/1', source, ...o };
}

function printOpRegion(ctx: CliContext, source: string, o: OpRegionInfo): void {
  ctx.out(`OpRegion ${source}`);
  ctx.out(`  signature  IntelGraphicsMem`);
  ctx.out(`  version    ${o.version.text}`);
  ctx.out(`  size       ${o.sizeKiB} KiB in the header, ${o.length} bytes read`);
  ctx.out(
    `  mailboxes  ${o.mailboxes.length ? o.mailboxes.map((m) => m.name).join('; ') : 'none'} (bits ${hex(o.mailboxBits, 2)})`,
  );
  if (o.rvda) ctx.out(`  extended   RVDA ${o.rvda}, RVDS ${o.rvds} bytes`);
  const v = o.vbt;
  const where = v.location === 'mailbox4' ? 'mailbox #4' : 'extended VBT';
  if (v.valid) {
    ctx.out(
      `  VBT        ${where} at 0x${(v.offset ?? 0).toString(16)}: ${JSON.stringify(v.signature)}, version ${v.version}, ${v.vbtSize} bytes; BDB version ${v.bdb?.version}, ${v.bdb?.bdbSize} bytes`,
    );
  } else {
    ctx.out(`  VBT        ${where}: ${ctx.c.yellow('invalid')}: ${v.problem}`);
  }
  for (const p of o.problems) ctx.out(`  ${ctx.c.yellow('note')}       ${p}`);
}

export async function runIgdOpregion(
  ctx: CliContext,
  file: string | undefined,
  opts: IgdOpregionOptions,
): Promise<number> {
  if (file && opts.for) throw new UsageError('give a file or --for BDF, not both', { code: 'usage' });
  let bytes: Uint8Array;
  let source: string;
  if (file) {
    bytes = readInputFile(file, MAX_OPREGION_BYTES, 'an OpRegion file');
    source = file;
  } else if (opts.for) {
    ({ bytes, source } = hostOpRegion(
      ctx,
      formatPciAddress(parsePciAddress(opts.for)),
      Boolean(opts.devMem),
    ));
  } else {
    throw new UsageError('name an OpRegion file or a device with --for BDF', {
      hint: 'vfiokit igd opregion --help',
    });
  }
  const o = parseOpRegion(bytes);
  if (ctx.json) ctx.printJson(opregionJson(source, o));
  else printOpRegion(ctx, source, o);
  return o.vbt.valid && !o.problems.length ? ExitCode.ok : ExitCode.problem;
}

// long: the OpRegion sources tried in order of preference (i915's copy first), each with its own refusal message
function hostOpRegion(
  ctx: CliContext,
  address: string,
  devMem: boolean,
): { bytes: Uint8Array; source: string } {
  const root = ctx.root();
  // i915's own copy first: no physical memory access needed.
  for (const p of i915OpRegionPaths(root)) {
    const dev = debugfsDevice(root, p);
    if (dev !== undefined && dev !== address) continue;
    const b = root.readBytes(p, MAX_OPREGION_BYTES);
    if (b?.length) return { bytes: b, source: p };
  }
  const scan = scanPciDevices(root);
  const d = scan.devices.find((x) => x.address === address);
  if (!d)
    throw new VfiokitError(`no PCI device ${address}`, {
      code: 'igd.no-device',
      hint: 'list them with vfiokit devices',
    });
  const regs = igdFacts(d).registers;
  if (regs.asls === undefined) {
    throw new EnvironmentError(
      `the ASLS register of ${address} is not readable: ${regs.unknown.join('; ')}`,
      {
        code: 'igd.asls',
        hint: 'run as root',
      },
    );
  }
  if (regs.asls === null) {
    throw new VfiokitError(`${address} has no OpRegion: ASLS (0xfc) is 0`, { code: 'igd.no-opregion' });
  }
  if (!devMem) {
    throw new EnvironmentError(
      `no i915_opregion in debugfs for ${address}; the OpRegion is at physical ${hex(regs.asls)}`,
      {
        code: 'igd.need-dev-mem',
        hint: 'mount debugfs with i915 bound, or add --dev-mem to read it from /dev/mem as root',
      },
    );
  }
  if (!root.live)
    throw new UsageError('--dev-mem reads the live host; it cannot be used with --root', { code: 'usage' });
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new EnvironmentError('reading /dev/mem needs root', {
      code: 'host.permission',
      hint: 'run with sudo',
    });
  }
  try {
    const head = readPhysicalMemory(BigInt(regs.asls), OPREGION_SIZE);
    // vfio-pci's rule: an extended VBT right after a 2.1+ region is part of it (RVDA relative).
    let bytes = head;
    try {
      const o = parseOpRegion(head);
      if (o.rvda && o.rvds && !(o.version.major === 2 && o.version.minor === 0)) {
        const end = Number(BigInt(o.rvda)) + o.rvds;
        if (end <= MAX_OPREGION_BYTES) bytes = readPhysicalMemory(BigInt(regs.asls), end);
      }
    } catch {
      // the decoder reports it below
    }
    return { bytes, source: `/dev/mem at ${hex(regs.asls)}` };
  } catch (e) {
    throw new EnvironmentError(`cannot read /dev/mem at ${hex(regs.asls)}: ${errnoCode(e) ?? String(e)}`, {
      code: 'igd.dev-mem',
      hint: 'the kernel refuses it under CONFIG_IO_STRICT_DEVMEM when a driver owns the range; use i915_opregion in debugfs',
      cause: e,
    });
  }
}

// ---- igd check ---------------------------------------------------------------------------------

export function checkJson(root: string, a: IgdAssessment): IgdCheckJson {
  const f = a.igd;
  return {
    schema: 'vfiokit.igd.check/2',
    root,
    igd: f
      ? {
          address: f.device.address,
          // IDs in the project's one form (src/schema/common.ts): lowercase hex, no 0x.
          vendorId: f.device.vendorId.toString(16).padStart(4, '0'),
          deviceId: f.device.deviceId.toString(16).padStart(4, '0'),
          classCode: f.device.classCode.toString(16).padStart(6, '0'),
          driver: f.device.driver ?? null,
          generation: f.generation ?? null,
          gmch: f.registers.gmch
            ? {
                raw: hex(f.registers.gmch.raw, 4),
                gms: f.registers.gmch.gms,
                vgaDisabled: f.registers.gmch.vgaDisabled,
                stolenBytes: f.registers.gmch.stolenBytes,
                plausible: f.registers.gmch.plausible,
              }
            : null,
          bdsm: f.registers.bdsm
            ? {
                offset: hex(f.registers.bdsm.offset, 2),
                width: f.registers.bdsm.width,
                raw: hex(f.registers.bdsm.raw, f.registers.bdsm.width / 4),
                base: hex(f.registers.bdsm.base),
              }
            : null,
          asls:
            f.registers.asls === undefined
              ? null
              : f.registers.asls === null
                ? '0x00000000'
                : hex(f.registers.asls),
          unknown: f.registers.unknown,
        }
      : null,
    modes: { legacy: a.legacy, upt: a.upt },
    checks: a.checks,
    summary: summarize(a.checks),
    ioports: a.ioports,
    iomem: a.iomem,
    legacyVmRequirements: LEGACY_VM_REQUIREMENTS,
    advice: IGD_ADVICE,
  };
}

const MARK: Record<string, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', unknown: '??  ' };

export async function runIgdCheck(ctx: CliContext): Promise<number> {
  const root = ctx.root();
  const facts = gatherHostFacts(root);
  const devices = scanPciDevices(root).devices;
  const igd = findIgd(devices);
  let ioports: string | undefined;
  try {
    ioports = root.readText('/proc/ioports', 1024 * 1024);
  } catch {
    ioports = undefined;
  }
  const a = assessIgd({ facts, devices, bars: igd ? readBars(root, igd.address) : [], ioports });
  if (ctx.json) {
    ctx.printJson(checkJson(root.name, a));
  } else if (!a.igd) {
    ctx.out('No Intel integrated graphics (Intel display-class device on the root bus) on this host.');
  } else {
    const f = a.igd;
    const g = f.generation;
    ctx.out(
      `Intel IGD ${f.device.address} [8086:${f.device.deviceId.toString(16).padStart(4, '0')}]: ${g ? `${g.family}, gen ${g.gen}` : 'generation unknown'}`,
    );
    const mode = (v: string) =>
      v === 'possible' ? ctx.c.green(v) : v === 'unknown' ? ctx.c.yellow(v) : ctx.c.red(v);
    ctx.out(
      `Legacy mode: ${mode(a.legacy.verdict)}${a.legacy.because.length ? ` (${a.legacy.because.join(', ')})` : ''}`,
    );
    ctx.out(
      `UPT mode:    ${mode(a.upt.verdict)}${a.upt.because.length ? ` (${a.upt.because.join(', ')})` : ''}`,
    );
    ctx.out('');
    for (const c of a.checks) {
      ctx.out(`[${MARK[c.verdict]}] ${c.title}`);
      for (const e of c.evidence) ctx.out(`       ${e}`);
      if (c.fix && c.verdict !== 'ok') ctx.out(`       fix: ${c.fix}`);
    }
    if (a.iomem.length) {
      ctx.out('');
      ctx.out('/proc/iomem ranges in the IGD BARs (a driver name there holds part of the device):');
      for (const l of a.iomem) ctx.out(`  ${l}`);
    }
    if (a.ioports.length) {
      ctx.out('');
      ctx.out('/proc/ioports ranges of the IGD and legacy VGA:');
      for (const l of a.ioports) ctx.out(`  ${l}`);
    }
    ctx.out('');
    ctx.out('The VM, for legacy mode:');
    for (const r of LEGACY_VM_REQUIREMENTS) ctx.out(`  - ${r}`);
    ctx.out('Good to know:');
    for (const r of IGD_ADVICE) ctx.out(`  - ${r}`);
  }
  // A host that can give its IGD to a VM in one of the modes has no problem to report.
  return a.legacy.verdict === 'possible' || a.upt.verdict === 'possible' ? ExitCode.ok : ExitCode.problem;
}

// ---- igd plan ----------------------------------------------------------------------------------

export function planJson(inputs: IgdPlanJson['inputs'], p: IgdPlan): IgdPlanJson {
  return { schema: 'vfiokit.igd.plan/1', inputs, ...p };
}

// long: one command: options, plan, dry run or apply, report, in order; each part is already a call
export async function runIgdPlan(ctx: CliContext, opts: IgdPlanOptions): Promise<number> {
  const inputs: IgdPlanJson['inputs'] = {};
  let opregionBytes: number;
  let bdsmSize: bigint;
  let bdsm64 = Boolean(opts.bdsm64);
  if (opts.for) {
    if (opts.opregion || opts.bdsmSize) throw new UsageError('give --for BDF or the two files, not both');
    const address = formatPciAddress(parsePciAddress(opts.for));
    const root = ctx.root();
    const d = scanPciDevices(root).devices.find((x) => x.address === address);
    if (!d) throw new VfiokitError(`no PCI device ${address}`, { code: 'igd.no-device' });
    const f = igdFacts(d);
    if (!f.generation) {
      throw new VfiokitError(
        `${address} [8086:${d.deviceId.toString(16)}] has no generation QEMU knows: it exposes no stolen memory`,
        {
          code: 'igd.generation',
        },
      );
    }
    if (!f.registers.gmch) {
      throw new EnvironmentError(`GMCH of ${address} is not readable: ${f.registers.unknown.join('; ')}`, {
        code: 'igd.gmch',
        hint: 'run as root',
      });
    }
    bdsmSize = BigInt(f.registers.gmch.stolenBytes);
    bdsm64 = f.generation.gen >= BDSM64_MIN_GENERATION;
    const copy = i915OpRegionPaths(root).find((p) => debugfsDevice(root, p) === address);
    const bytes = copy ? root.readBytes(copy, MAX_OPREGION_BYTES) : undefined;
    opregionBytes = bytes?.length ? bytes.length : OPREGION_SIZE;
    inputs.device = address;
    inputs.bdsmSize = `GMCH ${hex(f.registers.gmch.raw, 4)} (gen ${f.generation.gen})`;
    inputs.opregion = bytes?.length
      ? copy!
      : `${OPREGION_SIZE} bytes (the OpRegion size without an extended VBT; i915_opregion not readable)`;
  } else {
    if (!opts.opregion || !opts.bdsmSize) {
      throw new UsageError('give --opregion FILE and --bdsm-size FILE, or --for BDF', {
        hint: 'vfiokit igd plan --help',
      });
    }
    const ob = readInputFile(opts.opregion, MAX_OPREGION_BYTES, 'an OpRegion file');
    parseOpRegion(ob);
    opregionBytes = ob.length;
    bdsmSize = parseBdsmSize(readInputFile(opts.bdsmSize, 64, 'etc/igd-bdsm-size'));
    inputs.opregion = opts.opregion;
    inputs.bdsmSize = opts.bdsmSize;
  }
  let ram: RamRange;
  if (opts.memoryMap) {
    if (opts.memory) throw new UsageError('give --memory or --memory-map, not both');
    const text = new TextDecoder().decode(readInputFile(opts.memoryMap, 4 * 1024 * 1024, 'a memory map'));
    ram = lowRamFromIomem(parseIomem(text));
    inputs.memoryMap = opts.memoryMap;
  } else if (opts.memory) {
    ram = defaultLowRam(opts.machine, BigInt(parseMemorySize(opts.memory)));
    inputs.memory = `${opts.memory} (${opts.machine})`;
  } else {
    throw new UsageError('give the guest memory: --memory SIZE (with --machine) or --memory-map FILE');
  }
  const p = planIgd(opregionBytes, bdsmSize, ram, bdsm64);
  if (ctx.json) {
    ctx.printJson(planJson(inputs, p));
    return ExitCode.ok;
  }
  ctx.out(
    `OpRegion ${p.opregionBytes} bytes, stolen memory ${sizeText(BigInt(p.bdsmSize))}, RAM below 4 GiB ${p.ram.start}-${p.ram.end}`,
  );
  for (const r of p.regions) {
    ctx.out(
      `  ${r.what.padEnd(8)} ${r.start}-${r.end}  ${sizeText(r.size).padEnd(8)} aligned ${sizeText(r.alignment)}  → ${r.register.name} (${r.register.offset}, ${r.register.width}-bit) = ${r.register.value}`,
    );
  }
  ctx.out('Firmware steps:');
  for (const [i, s] of p.steps.entries()) ctx.out(`  ${i + 1}. ${s}`);
  return ExitCode.ok;
}

// ---- igd verify --------------------------------------------------------------------------------

export function verifyJson(root: string, r: VerifyReport): IgdVerifyJson {
  return { schema: 'vfiokit.igd.verify/1', root, ...r };
}

const ITEM_MARK: Record<string, string> = { ok: 'ok  ', fail: 'FAIL', unknown: '??  ', 'n/a': 'n/a ' };

const OUTCOME_TEXT: Record<VerifyReport['outcome'], string> = {
  honoured: 'the firmware honoured the IGD fw_cfg ABI',
  broken: 'the firmware did not honour the IGD fw_cfg ABI',
  'not-consumed': 'QEMU offered the IGD files, but no IGD at 00:02.0 consumed them',
  'no-files':
    'no IGD fw_cfg files: QEMU offered none (no IGD assigned in legacy mode or with x-igd-opregion=on)',
  unknown: 'could not tell',
};

export async function runIgdVerify(ctx: CliContext): Promise<number> {
  const root = ctx.root();
  let iomem: ReturnType<typeof parseIomem> | undefined;
  try {
    const t = root.readText('/proc/iomem', 4 * 1024 * 1024);
    iomem = t === undefined ? undefined : parseIomem(t);
  } catch {
    iomem = undefined;
  }
  const r = verifyIgd({
    fwCfg: fwCfgPresent(root),
    opregion: readFwCfg(root, 'etc/igd-opregion', MAX_OPREGION_BYTES),
    bdsmSize: readFwCfg(root, 'etc/igd-bdsm-size', 64),
    devices: scanPciDevices(root).devices,
    iomem,
    memmap: readFirmwareMemmap(root),
  });
  if (ctx.json) ctx.printJson(verifyJson(root.name, r));
  else {
    ctx.out(`IGD fw_cfg ABI: ${r.outcome}: ${OUTCOME_TEXT[r.outcome]}`);
    for (const i of r.items) {
      ctx.out(`[${ITEM_MARK[i.verdict]}] ${i.title}`);
      for (const e of i.evidence) ctx.out(`       ${e}`);
    }
  }
  return r.outcome === 'honoured' ? ExitCode.ok : ExitCode.problem;
}
