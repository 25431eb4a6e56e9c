/**
 * `vfiokit diagnose`: match messages against the catalogue and explain them with the host's own
 * facts. Exit 1 when an error-severity message was found, 0 otherwise.
 */
import * as fs from 'node:fs';
import { EnvironmentError, ExitCode, errnoCode, UsageError } from '../../errors.js';
import { readKernelLog } from '../../host/kernel-log.js';
import { buildDiagnoseReport, type DiagnoseReport } from '../../readiness/diagnose/report.js';
import type { CliContext } from '../context.js';
import type { DiagnoseCliOptions } from './diagnose.cli.js';

/** Enough for any kernel log or libvirt domain log; more is cut, not loaded. */
const MAX_INPUT = 32 * 1024 * 1024;

function readInputFile(file: string): string {
  try {
    if (file === '-') return fs.readFileSync(0).subarray(0, MAX_INPUT).toString('utf8');
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(fs.fstatSync(fd).size || MAX_INPUT, MAX_INPUT));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    const code = errnoCode(e);
    throw new EnvironmentError(`cannot read ${file}: ${code ?? (e as Error).message}`, {
      hint:
        code === 'ENOENT'
          ? 'check the path'
          : code === 'EACCES'
            ? 'run with sudo to read it'
            : 'give a readable text file',
      code: 'diagnose.input',
      cause: e,
    });
  }
}

export function renderDiagnose(ctx: CliContext, r: DiagnoseReport): void {
  const { c } = ctx;
  const mark = { error: c.red('✗'), warning: c.yellow('!'), info: c.cyan('i') };
  if (!r.findings.length) {
    ctx.out(`No known VFIO message in ${r.lines} line${r.lines === 1 ? '' : 's'} (${r.input}).`);
    return;
  }
  ctx.out(
    c.bold(
      `${r.findings.length} known message${r.findings.length === 1 ? '' : 's'} in ${r.lines} line${r.lines === 1 ? '' : 's'} (${r.input})`,
    ),
  );
  for (const f of r.findings) {
    ctx.out();
    ctx.out(`${mark[f.severity]} ${c.bold(f.title)}${f.count > 1 ? c.dim(` (${f.count} times)`) : ''}`);
    for (const l of f.lines.slice(0, 3)) ctx.out(c.dim(`    line ${l.n}: ${l.text}`));
    ctx.out(`    cause: ${f.cause}`);
    for (const n of f.host?.notes ?? []) ctx.out(`    on this host: ${n}`);
    ctx.out(`    fix: ${f.fix}`);
    ctx.out(c.dim(`    source: ${f.source}, ${f.cite}`));
  }
}

export async function runDiagnose(
  ctx: CliContext,
  text: string[],
  opts: DiagnoseCliOptions,
): Promise<number> {
  const given = [text.length > 0, opts.file !== undefined, Boolean(opts.dmesg)].filter(Boolean).length;
  if (given > 1) {
    throw new UsageError('give the messages one way: TEXT, -f FILE or --dmesg', { code: 'diagnose.usage' });
  }
  let input: string;
  let label: string;
  if (opts.dmesg) {
    const r = readKernelLog(ctx.root());
    if (!('log' in r)) {
      throw new EnvironmentError(`cannot read kernel messages: ${r.unreadable}`, {
        hint: 'run as root, or save them with `journalctl -k > log.txt` and use -f log.txt',
        code: 'diagnose.dmesg',
      });
    }
    input = r.log.lines.join('\n');
    label = r.log.source;
  } else if (opts.file !== undefined) {
    input = readInputFile(opts.file);
    label = opts.file === '-' ? 'standard input' : opts.file;
  } else if (text.length) {
    input = text.join(' ');
    label = 'command line';
  } else if (!process.stdin.isTTY) {
    input = readInputFile('-');
    label = 'standard input';
  } else {
    throw new UsageError('no messages to diagnose', {
      hint: 'pass the text in quotes, -f FILE, --dmesg, or pipe a log into vfiokit diagnose',
      code: 'diagnose.usage',
    });
  }
  const report = buildDiagnoseReport(input, label, ctx.root());
  if (ctx.json) ctx.printJson(report);
  else renderDiagnose(ctx, report);
  return report.findings.some((f) => f.severity === 'error') ? ExitCode.problem : ExitCode.ok;
}
