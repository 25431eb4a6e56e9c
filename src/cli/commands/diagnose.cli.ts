import type { Command } from 'commander';
import { action } from '../context.js';
import type { DiagnoseCliOptions } from './diagnose.js';

export function registerDiagnose(program: Command): void {
  const cmd = program
    .command('diagnose')
    .description(
      'explain VFIO error messages (kernel, QEMU, libvirt) and name the host devices they are about',
    )
    .argument(
      '[text...]',
      "message text (quote it; one starting with '-', like QEMU's \"-device ...: ...\", is text too); or use -f / --dmesg / standard input",
    )
    .option('-f, --file <file>', 'read messages from a file ("-" for standard input)')
    .option('--dmesg', 'read the kernel log (dmesg on a live host; the snapshot copy with --root)')
    // QEMU's messages start with "-device ..." once the program name is cut: such an argument is
    // message text, not an option (runDiagnose still refuses a lone mistyped "--word").
    .allowUnknownOption()
    .action(
      action(async (ctx, text: string[], opts: DiagnoseCliOptions) => {
        const { runDiagnose } = await import('./diagnose.js');
        // commander keeps the unparsed argv on the program (rawArgs: public, not in its typings).
        const raw = (cmd.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [];
        const dd = raw.indexOf('--');
        const afterDashDash = dd < 0 ? [] : raw.slice(dd + 1);
        return runDiagnose(ctx, text, { ...opts, rawArgs: { afterDashDash } });
      }),
    );
  return void cmd;
}
