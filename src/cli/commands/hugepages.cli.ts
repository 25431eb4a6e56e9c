import type { Command } from 'commander';
import { action } from '../context.js';
import type { HugepagesCliOptions } from './hugepages.js';

export function registerHugepages(program: Command): void {
  program
    .command('hugepages')
    .description(
      "reserve the hugepages a VM spec needs: raise nr_hugepages, check the kernel's free count, undo on shortfall (journaled)",
    )
    .argument('<spec>', 'the VM spec (YAML, docs/vm.md)')
    .option('--node <n>', 'take the pages from this NUMA node')
    .option('--release', 'give back what an earlier run raised for this spec (its record in /run/vfiokit)')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .option('--timeout <seconds>', 'how long the raise may take before it is given up and undone', '120')
    .action(
      action(async (ctx, spec: string, opts: HugepagesCliOptions) => {
        const { runHugepages } = await import('./hugepages.js');
        return runHugepages(ctx, spec, opts);
      }),
    );
}
