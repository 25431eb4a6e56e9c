import type { Command } from 'commander';
import { action } from '../context.js';

export function registerDevice(program: Command): void {
  program
    .command('device')
    .description('everything about one PCI device, capabilities decoded (like lspci -vvv -s BDF)')
    .argument('<bdf>', 'PCI address, e.g. 0000:01:00.0 or 01:00.0')
    .action(
      action(async (ctx, bdf: string) => {
        const { runDevice } = await import('./device.js');
        return runDevice(ctx, bdf);
      }),
    );
}
