import type { Command } from 'commander';
import { action } from '../context.js';

export function registerGuard(program: Command): void {
  program
    .command('guard')
    .description(
      'is the host using these devices? (mounted filesystems, swap, RAID/LVM members, the default route and SSH NICs, the boot GPU under a console or display server)',
    )
    .argument('<devices...>', 'PCI addresses (0000:01:00.0)')
    .action(
      action(async (ctx, devices: string[]) => {
        const { runGuard } = await import('./guard.js');
        return runGuard(ctx, devices);
      }),
    );
}
