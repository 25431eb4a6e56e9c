import type { Command } from 'commander';
import { action } from '../context.js';
import type { SetupCliOptions } from './setup.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description(
      'prepare the boot chain (modprobe.d, kernel command line, initramfs) to bind devices to vfio-pci at every boot',
    )
    .argument('[targets...]', 'PCI addresses (0000:01:00.0) or vendor:device IDs (10de:1b80)')
    .option('--group <n>', 'every endpoint of IOMMU group N (repeatable)', collect)
    .option('--gpu', 'the GPUs that are not the boot GPU')
    .option('--dry-run', 'show the diff and the commands, change nothing (the default)')
    .option('--apply', 'make the changes (journaled; undone on failure or signal)')
    .option('--undo', 'restore every file setup changed, byte for byte, and rebuild the boot files')
    .option('--verify', 'after a reboot: did the command line, the drivers and the initramfs take effect?')
    .option('--force', 'allow devices the host may need (boot GPU, storage, network)')
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .action(
      action(async (ctx, targets: string[], opts: SetupCliOptions) => {
        const { runSetup } = await import('./setup.js');
        return runSetup(ctx, targets, opts);
      }),
    );
}
