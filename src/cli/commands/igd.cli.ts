/**
 * `vfiokit igd opregion|check|plan|verify`: Intel integrated graphics assignment. Declarations
 * only; the work is in igd.ts, imported when a subcommand runs.
 */
import { type Command, Option } from 'commander';
import { action } from '../context.js';
import type { IgdOpregionOptions, IgdPlanOptions } from './igd.js';

// long: one table of commander subcommands and options
export function registerIgd(program: Command): void {
  const igd = program
    .command('igd')
    .description(
      'Intel integrated graphics (IGD) assignment: OpRegion, legacy/UPT checks, the firmware fw_cfg ABI',
    );

  igd
    .command('opregion')
    .description('decode an IGD OpRegion: header, size, version, mailboxes and the VBT inside')
    .argument('[file]', 'an OpRegion file (fw_cfg etc/igd-opregion, a copy of i915_opregion)')
    .option(
      '--for <bdf>',
      "read this IGD's OpRegion on the host (i915's debugfs copy, or /dev/mem with --dev-mem)",
    )
    .option(
      '--dev-mem',
      'allow reading the OpRegion from /dev/mem at the ASLS address (root; 8 KiB plus the extended VBT, bounded)',
    )
    .action(
      action(async (ctx, file: string | undefined, opts: IgdOpregionOptions) => {
        const { runIgdOpregion } = await import('./igd.js');
        return runIgdOpregion(ctx, file, opts);
      }),
    );

  igd
    .command('check')
    .description(
      'which IGD mode this host allows: every legacy-mode requirement with its evidence, and host preparation',
    )
    .action(
      action(async (ctx) => {
        const { runIgdCheck } = await import('./igd.js');
        return runIgdCheck(ctx);
      }),
    );

  igd
    .command('plan')
    .description(
      'where a VM firmware must reserve the OpRegion and stolen memory, and what it writes to ASLS and BDSM',
    )
    .option('--opregion <file>', 'the etc/igd-opregion file')
    .option('--bdsm-size <file>', 'the etc/igd-bdsm-size file (8 bytes, little-endian)')
    .option('--for <bdf>', 'use the values QEMU would expose for this host IGD instead of files')
    .option('--memory <size>', 'guest memory, e.g. 4G (with --machine)')
    .addOption(
      new Option('--machine <type>', 'guest machine type for --memory').choices(['pc', 'q35']).default('pc'),
    )
    .option('--memory-map <file>', "the guest's /proc/iomem (its System RAM below 4 GiB)")
    .option('--bdsm64', 'the device keeps a 64-bit BDSM at 0xC0 (gen 11 and newer; implied by --for)')
    .action(
      action(async (ctx, opts: IgdPlanOptions) => {
        const { runIgdPlan } = await import('./igd.js');
        return runIgdPlan(ctx, opts);
      }),
    );

  igd
    .command('verify')
    .description(
      'inside a guest: did the firmware honour the IGD fw_cfg ABI (files, ASLS, BDSM, reserved ranges)?',
    )
    .action(
      action(async (ctx) => {
        const { runIgdVerify } = await import('./igd.js');
        return runIgdVerify(ctx);
      }),
    );
}
