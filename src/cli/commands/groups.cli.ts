import type { Command } from 'commander';
import { action } from '../context.js';
import type { GroupsOptions } from './groups.js';

export function registerGroups(program: Command): void {
  program
    .command('groups')
    .description('IOMMU groups: devices, drivers, whether VFIO can use each group and what to bind')
    .option('--gpu', 'only groups holding a display controller (PCI class 03)')
    .option('--tree', 'the PCI topology (root port → switch → endpoint) with groups marked')
    .option('--simulate', "show the groups the kernel's rules predict (works with the IOMMU off)")
    .action(
      action(async (ctx, opts: GroupsOptions) => {
        const { runGroups } = await import('./groups.js');
        return runGroups(ctx, opts);
      }),
    );
}
