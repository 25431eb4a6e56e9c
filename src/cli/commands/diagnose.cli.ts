import type { Command } from 'commander';
import { action } from '../context.js';

export interface DiagnoseCliOptions {
  file?: string;
  dmesg?: boolean;
}

export function registerDiagnose(program: Command): void {
  program
    .command('diagnose')
    .description(
      'explain VFIO error messages (kernel, QEMU, libvirt) and name the host devices they are about',
    )
    .argument('[text...]', 'message text (quote it); or use -f / --dmesg / standard input')
    .option('-f, --file <file>', 'read messages from a file ("-" for standard input)')
    .option('--dmesg', 'read the kernel log (dmesg on a live host; the snapshot copy with --root)')
    .action(
      action(async (ctx, text: string[], opts: DiagnoseCliOptions) => {
        const { runDiagnose } = await import('./diagnose.js');
        return runDiagnose(ctx, text, opts);
      }),
    );
}
