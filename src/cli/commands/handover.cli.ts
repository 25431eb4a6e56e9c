import type { Command } from 'commander';
import { action } from '../context.js';
import type { HandoverCliOptions } from './handover.js';

function register(program: Command, mode: 'handover' | 'handback'): void {
  program
    .command(mode)
    .description(
      mode === 'handover'
        ? "single-GPU host: stop the display manager, free the consoles and framebuffer, unbind the GPU's drivers and bind its group to vfio-pci (journaled)"
        : 'single-GPU host: the exact reverse of handover, from its record in /run/vfiokit',
    )
    .argument(mode === 'handover' ? '<gpu>' : '[gpu]', 'the GPU, as a PCI address (0000:01:00.0)')
    .option('--dry-run', 'print the steps, change nothing')
    .option('--force', 'take the devices even when the host uses them in ways handover does not end')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .option('--timeout <seconds>', 'how long one sysfs write may take before it is given up and undone', '20')
    .action(
      action(async (ctx, gpu: string | undefined, opts: HandoverCliOptions) => {
        const { runHandover } = await import('./handover.js');
        return runHandover(ctx, mode, gpu, opts);
      }),
    );
}

export const registerHandover = (program: Command) => register(program, 'handover');
export const registerHandback = (program: Command) => register(program, 'handback');
