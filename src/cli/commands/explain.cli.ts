import type { Command } from 'commander';
import { action } from '../context.js';
import type { ExplainOptions } from './explain.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description(
      'why a device shares its IOMMU group, and the groups an ACS override would give (with its risk)',
    )
    .argument('<bdf>', 'PCI address, e.g. 0000:01:00.0 or 01:00.0')
    .option('--override <modes>', 'what-if for these pcie_acs_override modes, e.g. downstream,multifunction')
    .action(
      action(async (ctx, bdf: string, opts: ExplainOptions) => {
        const { runExplain } = await import('./explain.js');
        return runExplain(ctx, bdf, opts);
      }),
    );
}
