import type { Command } from 'commander';
import { action } from '../context.js';
import type { SnapshotCliOptions } from './snapshot.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSnapshot(program: Command): void {
  program
    .command('snapshot')
    .description(
      'capture what vfiokit reads (PCI sysfs, IOMMU groups, kernel state) for --root or a bug report',
    )
    .requiredOption('-o, --output <dir|file.tar.gz>', 'a new directory, or a .tar.gz file')
    .option('--no-redact', 'keep serial numbers, MAC addresses and the host name')
    .option(
      '--roms',
      "also read every display controller's option ROM (as root; enables each ROM BAR for the read)",
    )
    .option('--rom <bdf>', "also read this device's option ROM (repeatable; as root)", collect)
    .option(
      '--force',
      'replace an existing .tar.gz; with --rom: read a storage or network controller in use too',
    )
    .action(
      action(async (ctx, opts: SnapshotCliOptions) => {
        const { runSnapshot } = await import('./snapshot.js');
        return runSnapshot(ctx, opts);
      }),
    );
}
