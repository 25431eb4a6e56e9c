/**
 * `vfiokit doctor`: a grouped checklist (✓ ok, ! warning, ✗ failure, ? unknown) with the most
 * important fix first; `--json` prints the DoctorReport (schema vfiokit.doctor/1, docs/readiness.md).
 * Exit 1 when any check fails.
 */
import { ExitCode } from '../../errors.js';
import { CHECK_GROUPS, type Check, type Verdict } from '../../readiness/check.js';
import { buildDoctorReport, type DoctorReport } from '../../readiness/doctor.js';
import { parseMemorySize } from '../../readiness/memory-size.js';
import type { CliContext } from '../context.js';

export interface DoctorCliOptions {
  device?: string[];
  memory?: string;
  vm?: string;
  /** --roms: read the display targets' option ROMs (enables the ROM BAR; needs root). */
  roms?: boolean;
  verbose?: boolean;
}

export const SYMBOL: Record<Verdict, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?' };

export function renderDoctor(ctx: CliContext, r: DoctorReport, verbose = false): void {
  const { c } = ctx;
  const paint: Record<Verdict, (s: string) => string> = {
    ok: c.green,
    warn: c.yellow,
    fail: c.red,
    unknown: c.dim,
  };
  const where = r.root === '/' ? 'this host' : `snapshot ${r.root}`;
  ctx.out(
    c.bold(
      `vfiokit doctor: ${where}${r.kernel ? `, kernel ${r.kernel}` : ''}${r.cpuVendor ? `, ${r.cpuVendor}` : ''}`,
    ),
  );
  for (const w of r.warnings) ctx.out(c.yellow(`warning: ${w}`));
  if (r.vm) {
    ctx.out(
      c.dim(
        `checking VM ${r.vm.name ? `${r.vm.name} ` : ''}(${r.vm.format === 'libvirt' ? 'libvirt domain' : 'QEMU command line'} ${r.vm.file})`,
      ),
    );
  }
  if (r.mostImportant) {
    ctx.out(`${paint[r.mostImportant.verdict](`Most important: ${r.mostImportant.fix}`)}`);
    ctx.out(
      c.dim(
        `  (from: ${r.mostImportant.title}${r.mostImportant.device ? `, ${r.mostImportant.device}` : ''})`,
      ),
    );
  } else {
    ctx.out(c.green('Nothing to fix.'));
  }
  for (const g of CHECK_GROUPS) {
    const checks = r.checks.filter((x) => x.group === g.id);
    if (!checks.length) continue;
    ctx.out();
    ctx.out(c.bold(g.title));
    let lastDevice: string | undefined;
    for (const chk of checks) {
      if (chk.device && chk.device !== lastDevice) {
        ctx.out(`  ${c.bold(chk.device)}${r.names[chk.device] ? ` ${r.names[chk.device]}` : ''}`);
        lastDevice = chk.device;
      }
      renderCheck(ctx, chk, paint, verbose, chk.device ? '    ' : '  ');
    }
  }
  if (r.blind.length) {
    ctx.out();
    ctx.out(c.bold('Could not see'));
    for (const b of r.blind) ctx.out(c.dim(`  ? ${b.what}: ${b.why}`));
  }
  ctx.out();
  const s = r.summary;
  ctx.out(
    `${s.ok} ok, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.fail} failure${s.fail === 1 ? '' : 's'}, ${s.unknown} unknown`,
  );
}

function renderCheck(
  ctx: CliContext,
  chk: Check,
  paint: Record<Verdict, (s: string) => string>,
  verbose: boolean,
  indent: string,
): void {
  ctx.out(`${indent}${paint[chk.verdict](SYMBOL[chk.verdict])} ${chk.title}`);
  const ev = chk.verdict === 'ok' && !verbose ? chk.evidence.slice(0, 1) : chk.evidence;
  for (const e of ev) ctx.out(ctx.c.dim(`${indent}    ${e}`));
  if (chk.fix && chk.verdict !== 'ok') ctx.out(`${indent}    fix: ${chk.fix}`);
}

export async function runDoctor(ctx: CliContext, opts: DoctorCliOptions): Promise<number> {
  // The VM definition is the user's own file, read from the working directory (not --root).
  const vm = opts.vm === undefined ? undefined : (await import('./vm-file.js')).readVmDefinition(opts.vm);
  const memoryBytes = opts.memory === undefined ? undefined : parseMemorySize(opts.memory);
  const report = await buildDoctorReport(ctx.host(), {
    devices: opts.device,
    vm,
    memoryBytes,
    readRoms: opts.roms === true,
  });
  if (ctx.json) ctx.printJson(report);
  else renderDoctor(ctx, report, opts.verbose);
  return report.summary.fail > 0 ? ExitCode.problem : ExitCode.ok;
}
