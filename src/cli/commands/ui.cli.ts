import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../context.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description(
      'the dashboard: topology, doctor, VM builder, binding and diagnose in a browser (docs/ui.md)',
    )
    .option('--demo', 'serve the lab snapshots shipped with vfiokit (no root needed)')
    .option(
      '--listen <address>',
      'listen on this address instead of 127.0.0.1 (warned about: it can bind devices)',
    )
    .option('--port <n>', 'TCP port (0: any free one)', '8737')
    .option('--firmware-dir <dir>', 'QEMU firmware descriptors for the VM builder (repeatable)', collect)
    .action(
      async (
        opts: { demo?: boolean; listen?: string; port: string; firmwareDir?: string[] },
        cmd: Command,
      ) => {
        const g = cmd.optsWithGlobals() as GlobalOptions;
        if (opts.demo && g.root) throw new UsageError('give --demo or --root, not both');
        if (!/^\d{1,5}$/.test(opts.port) || Number(opts.port) > 65535)
          throw new UsageError(
            `--port wants a number from 0 to 65535, not ${JSON.stringify(opts.port.slice(0, 20))}`,
          );
        const { runUi } = await import('../../ui/run.js');
        process.exitCode = await runUi({ ...opts, root: g.root });
      },
    );
}
