import { type Command, Option } from 'commander';
import { action } from '../context.js';
import type { DoctorCliOptions } from './doctor.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check that this host is ready for device assignment, with the evidence for each verdict')
    .option(
      '--device <bdf>',
      'check this device (repeatable; default: every GPU but the boot GPU, which stays with the host)',
      collect,
    )
    .option('--memory <size>', 'guest memory to check hugepages against, e.g. 16G')
    .option(
      '--vm <file>',
      'check for this VM: its libvirt domain XML (virsh dumpxml NAME) or its QEMU command line / launch script',
    )
    .option(
      '--roms',
      "read the GPUs' option ROMs to judge UEFI support (enables the ROM BAR for the read; needs root)",
    )
    // Reading ROMs was once the default and --no-rom turned it off; it is accepted and changes nothing.
    .addOption(new Option('--no-rom', 'do not read option ROMs (the default)').hideHelp())
    .option('-v, --verbose', 'show the evidence of passing checks too')
    .action(
      action(async (ctx, opts: DoctorCliOptions) => {
        const { runDoctor } = await import('./doctor.js');
        return runDoctor(ctx, opts);
      }),
    );
}
