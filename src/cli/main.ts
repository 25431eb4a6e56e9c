/**
 * vfiokit entry point: parse arguments, run one command, turn errors into one line and an exit
 * code (0 ok, 1 problem found, 2 usage, 3 environment). Stack traces only with --debug.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import { ExitCode, formatErrorLine, VfiokitError } from '../errors.js';
import { registerCommands } from './registry.js';
import { type OutStream, redirectStdout, stdout } from './stdout.js';

declare const VFIOKIT_VERSION: string | undefined;
const version = typeof VFIOKIT_VERSION === 'string' ? VFIOKIT_VERSION : '0.0.0-dev';

export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('vfiokit');
  program
    .description('Linux VFIO device assignment (GPU passthrough): look, check, prepare, configure, run.')
    .version(version, '-V, --version')
    .option('--json', 'machine-readable output with a stable schema (docs/json.md)')
    .option('--root <snapshot>', 'read host state from a snapshot (directory or .tar.gz) instead of /')
    .option('--debug', 'show stack traces for errors')
    .option('--no-color', 'no colours in human output')
    .exitOverride()
    .configureOutput({
      // Help and version go where commands write (stdout.ts), not through process.stdout.
      writeOut: (str) => stdout().write(str),
      // One line: commander's message plus where to look.
      // commander adds a second line for suggestions ("(Did you mean --class?)"), and arguments
      // may hold newlines: keep it to one line.
      outputError: (str, write) =>
        write(
          `vfiokit: ${str
            .trim()
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')} (hint: see vfiokit --help)\n`,
        ),
    });
  registerCommands(program, argv);
  return program;
}

function wantsDebug(argv: string[]): boolean {
  return argv.includes('--debug') || process.env.VFIOKIT_DEBUG === '1';
}

/**
 * Runs one command. `out`: where its standard output goes instead of fd 1, for a caller running
 * commands in its own process.
 */
export async function main(argv: string[] = process.argv, out?: OutStream): Promise<number> {
  const restore = out && redirectStdout(out);
  try {
    const program = buildProgram(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    return reportError(e, wantsDebug(argv));
  } finally {
    restore?.();
  }
}

export function reportError(e: unknown, debug: boolean): number {
  if (e instanceof CommanderError) {
    // help and version "errors" are normal exits; everything else commander raises is usage.
    if (e.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  if (e instanceof VfiokitError) {
    process.stderr.write(`vfiokit: ${formatErrorLine(e)}\n`);
    if (debug)
      process.stderr.write(
        `${e.stack ?? ''}\n${e.cause ? `cause: ${String((e.cause as Error).stack ?? e.cause)}\n` : ''}`,
      );
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `vfiokit: internal error: ${msg} (hint: this is a bug in vfiokit; rerun with --debug and report it)\n`,
  );
  if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return ExitCode.problem;
}

// A fleet worker thread started from the bundle (src/fleet/pool.ts) runs the worker loop, not
// the CLI: the bundle is one file, so the worker is this same file. bin/vfiokit marks the CLI's own
// process before loading the bundle, so a CLI start need not load worker_threads to tell (the
// built bundle loads it on first use, scripts/build.mjs); without the mark (the bundle loaded some
// other way, or the sources run directly) the thread is asked.
const cliMark = (globalThis as Record<symbol, unknown>)[Symbol.for('vfiokit.cli')] === true;
if (!cliMark && !isMainThread && (workerData as Record<string, unknown> | null)?.['vfiokit-fleet-worker']) {
  void import('../fleet/worker.js').then((m) => m.runFleetWorker());
}
