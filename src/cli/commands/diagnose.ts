/**
 * `vfiokit diagnose`: match messages against the catalogue and explain them with the host's own
 * facts. Exit 1 when an error-severity message was found, 0 otherwise.
 *
 * Input is streamed line by line (lines.ts): a pipe from a slow writer (`journalctl -f`, `ssh`) is
 * read as it comes, a log of any size in bounded memory, and whatever is not read (the tail of an
 * over-long line, input that is no text) is reported, never dropped silently.
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { EnvironmentError, ExitCode, errnoCode, UsageError } from '../../errors.js';
import { KERNEL_LOG_FILES, readKernelLog } from '../../host/kernel-log.js';
import { LineSplitter, MAX_LINE } from '../../readiness/diagnose/lines.js';
import { DiagnoseMatcher } from '../../readiness/diagnose/matcher.js';
import { buildDiagnoseReport, type DiagnoseReport, HARMLESS_NOTE } from '../../readiness/diagnose/report.js';
import type { CliContext } from '../context.js';

export interface DiagnoseCliOptions {
  file?: string;
  dmesg?: boolean;
  /** The words after `--` (always message text), to tell them from mistyped options. */
  rawArgs?: { afterDashDash: string[] };
}

function inputError(name: string, e: unknown): EnvironmentError {
  const code = errnoCode(e);
  return new EnvironmentError(`cannot read ${name}: ${code ?? (e as Error).message}`, {
    hint:
      code === 'ENOENT'
        ? 'check the path'
        : code === 'EACCES'
          ? 'run with sudo to read it'
          : code === 'EISDIR'
            ? 'give a file, not a directory'
            : 'give a readable text file',
    code: 'diagnose.input',
    cause: e,
  });
}

/** Feed a stream to the splitter as it arrives; stop early when the splitter has had enough. */
async function pump(stream: Readable, split: LineSplitter, name: string): Promise<void> {
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) {
      split.push(chunk as string);
      if (split.done) break;
    }
  } catch (e) {
    throw inputError(name, e);
  } finally {
    // Standard input is not ours to close; a file stream is.
    if (stream !== process.stdin) stream.destroy();
    else stream.pause();
  }
}

export function renderDiagnose(ctx: CliContext, r: DiagnoseReport): void {
  const { c } = ctx;
  const mark = { error: c.red('✗'), warning: c.yellow('!'), info: c.cyan('i') };
  const lines = `${r.lines} line${r.lines === 1 ? '' : 's'}`;
  if (!r.findings.length) ctx.out(`No known VFIO message in ${lines} (${r.input}).`);
  else
    ctx.out(
      c.bold(
        `${r.findings.length} known message${r.findings.length === 1 ? '' : 's'} in ${lines} (${r.input})`,
      ),
    );
  if (r.cutLines)
    ctx.out(
      c.yellow(
        `${r.cutLines} line${r.cutLines === 1 ? ' was' : 's were'} longer than ${MAX_LINE} characters: only the first ${MAX_LINE} of each were read`,
      ),
    );
  if (r.stopped)
    ctx.out(
      c.yellow(
        `stopped reading at line ${r.stopped.atLine} (character ${r.stopped.atChar}): ${r.stopped.reason}`,
      ),
    );
  for (const f of r.findings) {
    ctx.out();
    const harmless = f.harmless ? c.dim(' (harmless)') : '';
    ctx.out(
      `${mark[f.severity]} ${c.bold(f.title)}${harmless}${f.count > 1 ? c.dim(` (${f.count} times)`) : ''}`,
    );
    for (const l of f.lines.slice(0, 3)) ctx.out(c.dim(`    line ${l.n}: ${l.text}`));
    if (f.harmless) ctx.out(`    harmless: ${HARMLESS_NOTE}`);
    ctx.out(`    cause: ${f.cause}`);
    // Parts the message had hidden are reported as pasted, never read as an address or number.
    if (f.facts.redacted)
      ctx.out(
        `    redacted in the message: ${f.facts.redacted
          .split(',')
          .map((k) => `${k} "${f.facts[k]}"`)
          .join(', ')} (not read; the host is not consulted for it)`,
      );
    for (const n of f.host?.notes ?? []) ctx.out(`    on this host: ${n}`);
    ctx.out(`    ${f.harmless ? 'if you want it gone' : 'fix'}: ${f.fix}`);
    ctx.out(c.dim(`    source: ${f.source}, ${f.cite}`));
  }
}

/** A lone word like "--jsn" is a mistyped option, not a message (messages have spaces or colons). */
function looksLikeOption(arg: string): boolean {
  return /^--?[A-Za-z][\w-]*(=\S*)?$/.test(arg) && !/^-device$/.test(arg);
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
  const stray = opts.rawArgs
    ? text.find((t) => !opts.rawArgs?.afterDashDash.includes(t) && looksLikeOption(t))
    : undefined;
  if (stray) {
    throw new UsageError(`unknown option '${stray}'`, {
      hint: "a message that starts with '-' is read as text; put it after -- to be sure (vfiokit diagnose -- '-device ...')",
      code: 'diagnose.usage',
    });
  }
  const matcher = new DiagnoseMatcher();
  const split = new LineSplitter((line, n) => matcher.line(line, n));
  let label: string;
  if (opts.dmesg) {
    const root = ctx.root();
    const file = root.live ? undefined : KERNEL_LOG_FILES.find((f) => root.exists(f));
    if (file) {
      // A snapshot's copy can be large: stream it like -f.
      await pump(fs.createReadStream(root.resolve(file), { highWaterMark: 256 * 1024 }), split, file);
      label = file;
    } else {
      const r = readKernelLog(root);
      if (!('log' in r)) {
        throw new EnvironmentError(`cannot read kernel messages: ${r.unreadable}`, {
          hint: 'run as root, or save them with `journalctl -k > log.txt` and use -f log.txt',
          code: 'diagnose.dmesg',
        });
      }
      for (const l of r.log.lines) split.push(`${l}\n`);
      label = r.log.source;
    }
  } else if (opts.file !== undefined && opts.file !== '-') {
    await pump(fs.createReadStream(opts.file, { highWaterMark: 256 * 1024 }), split, opts.file);
    label = opts.file;
  } else if (text.length) {
    split.push(text.join(' '));
    label = 'command line';
  } else if (opts.file === '-' || !process.stdin.isTTY) {
    await pump(process.stdin, split, 'standard input');
    label = 'standard input';
  } else {
    throw new UsageError('no messages to diagnose', {
      hint: 'pass the text in quotes, -f FILE, --dmesg, or pipe a log into vfiokit diagnose',
      code: 'diagnose.usage',
    });
  }
  const stats = split.end();
  const report = buildDiagnoseReport(matcher.finish(), stats, label, ctx.host());
  if (ctx.json) ctx.printJson(report);
  else renderDiagnose(ctx, report);
  return report.findings.some((f) => f.severity === 'error') ? ExitCode.problem : ExitCode.ok;
}
