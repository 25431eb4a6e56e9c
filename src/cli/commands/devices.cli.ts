import type { Command } from 'commander';
import { action } from '../context.js';
import type { DevicesOptions } from './devices.js';

export function registerDevices(program: Command): void {
  program
    .command('devices')
    .description('PCI devices with names, driver and IOMMU group (like lspci -nn)')
    .option('--class <kind>', 'only gpu, audio, usb, net or storage devices')
    .option('--vendor <vvvv>', 'only devices of this vendor ID (hex, e.g. 10de)')
    .action(
      action(async (ctx, opts: DevicesOptions) => {
        const { runDevices } = await import('./devices.js');
        return runDevices(ctx, opts);
      }),
    );
}
