/**
 * `vfiokit vm init [-o FILE]`: a starting VM spec for this host. Declarations only; the work is in
 * vm-init.ts.
 */

import type { Command } from 'commander';
import { action } from '../context.js';
import type { VmInitOptions } from './vm-init.js';

export function registerVm(program: Command): void {
  const vm = program.command('vm').description('VM specs (docs/vm.md)');
  vm.command('init')
    .description(
      'write a starting VM spec for this host: its assignable GPU, a memory and CPU split that leaves the host enough, pinning from the topology',
    )
    .option('-o, --output <file>', 'write the spec to this file (refused if it exists) instead of stdout')
    .option('-y, --yes', 'take the defaults instead of asking (the default when stdin is not a terminal)')
    .option('--name <name>', 'the VM name (default win11)')
    .option('--disk <path>', 'the disk image, absolute (default /var/lib/libvirt/images/NAME.qcow2)')
    .option('--no-windows', 'the guest is not Windows: no Hyper-V enlightenments, no secure boot')
    .action(
      action(async (ctx, opts: VmInitOptions) => {
        const { runVmInit } = await import('./vm-init.js');
        return runVmInit(ctx, opts);
      }),
    );
}
