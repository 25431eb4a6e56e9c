import type { Command } from 'commander';
import { action } from '../context.js';
import type { BindCliOptions } from './bind.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function targets(c: Command): Command {
  return c
    .argument('[targets...]', 'PCI addresses (0000:01:00.0) or vendor:device IDs (10de:1b80)')
    .option('--group <n>', 'every endpoint of IOMMU group N (repeatable)', collect)
    .option('--gpu', 'the GPUs that are not the boot GPU')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--force', 'take devices the host may need or that are in use')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .option('--timeout <seconds>', 'give up on a sysfs write that blocks after this long', '10');
}

export function registerBind(program: Command): void {
  targets(
    program
      .command('bind')
      .description(
        'bind devices to vfio-pci now, with the rest of their IOMMU group (journaled, undone on failure)',
      ),
  ).action(
    action(async (ctx, t: string[], opts: BindCliOptions) => {
      const { runBind } = await import('./bind.js');
      return runBind(ctx, 'bind', t, opts);
    }),
  );
}

export function registerRelease(program: Command): void {
  targets(
    program
      .command('release')
      .description(
        'give devices bound by `vfiokit bind` back to the drivers they had (the whole set bound with them)',
      ),
  ).action(
    action(async (ctx, t: string[], opts: BindCliOptions) => {
      const { runBind } = await import('./bind.js');
      return runBind(ctx, 'release', t, opts);
    }),
  );
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description(
      'undo what interrupted vfiokit runs left done (after a crash or a kill), every one in one call',
    )
    .option('--dry-run', 'say what the journals hold, change nothing')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .option('--timeout <seconds>', 'give up on a sysfs write that blocks after this long', '10')
    .action(
      action(async (ctx, opts: BindCliOptions) => {
        const { runRestore } = await import('./bind.js');
        return runRestore(ctx, opts);
      }),
    );
}
