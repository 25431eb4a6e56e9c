import type { Command } from 'commander';
import { action } from '../context.js';
import type { DownCliOptions } from './down.js';
import type { UpCliOptions } from './up.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerUp(program: Command): void {
  program
    .command('up')
    .description(
      "run a VM from its spec: the doctor's checks, hugepages and the devices' groups onto vfio-pci (journaled), QEMU in the foreground checked over QMP, everything given back when it ends",
    )
    .argument('<spec>', 'the VM spec (YAML, docs/vm.md)')
    .option(
      '--dry-run',
      'print every step (doctor, hugepages, binding, the QEMU command, clean-up), change nothing',
    )
    .option('--force', "run despite the doctor's failures, and take devices the host may need")
    .option('--accel <kvm|tcg>', 'kvm, or tcg where there is no KVM (QEMU emulates the CPU)', 'kvm')
    .option('--firmware-dir <dir>', "where QEMU's firmware descriptors are (repeatable)", collect)
    .option('--lock-wait <seconds>', 'how long to wait for another vfiokit to finish', '10')
    .option('--timeout <seconds>', 'how long one sysfs write may take before it is given up and undone', '20')
    .option('--start-timeout <seconds>', 'how long QEMU may take to answer on its QMP socket', '60')
    .option(
      '--check-timeout <seconds>',
      'how long the assigned devices may take to appear in query-pci',
      '60',
    )
    .action(
      action(async (ctx, spec: string, opts: UpCliOptions) => {
        const { runUp } = await import('./up.js');
        return runUp(ctx, spec, opts);
      }),
    );
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description(
      'stop a VM that vfiokit up runs: the power button, QMP quit after --timeout, then wait for its clean-up',
    )
    .argument('<name>', "the spec's name")
    .option('--timeout <seconds>', 'how long the guest has to power off before QMP quit', '60')
    .option(
      '--cleanup-wait <seconds>',
      'how long to wait for vfiokit up to give the devices and pages back',
      '120',
    )
    .action(
      action(async (ctx, name: string, opts: DownCliOptions) => {
        const { runDown } = await import('./down.js');
        return runDown(ctx, name, opts);
      }),
    );
}
