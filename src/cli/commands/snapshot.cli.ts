import type { Command } from 'commander';
import { action } from '../context.js';

export interface SnapshotCliOptions {
  output: string;
  redact: boolean;
}

export function registerSnapshot(program: Command): void {
  program
    .command('snapshot')
    .description(
      'capture what vfiokit reads (PCI sysfs, IOMMU groups, kernel state) for --root or a bug report',
    )
    .requiredOption('-o, --output <dir|file.tar.gz>', 'a new directory, or a .tar.gz file')
    .option('--no-redact', 'keep serial numbers, MAC addresses and the host name')
    .action(
      action(async (ctx, opts: SnapshotCliOptions) => {
        const { runSnapshot } = await import('./snapshot.js');
        return runSnapshot(ctx, opts);
      }),
    );
}
